"""The dimensions a generated folder is composed from, their values, and what each value means
for the truth.

Every dimension lists its values plainest first: hypothesis shrinks towards the first value,
and the minimiser resets a dimension to it. A value is one of

- clean: unambiguous and correct; a right reading exits 0 on it (the false-alarm property);
- refusable: two outcomes are right, "read right" or "refused with an error located in that
  file" (ambiguous layouts, layouts a reader may not know, rows marked as not counting);
- must_error: the data itself is wrong (a stated total that does not add up, a unit that is
  not money): a right reading reports an error located in that file.

`normalise` settles the few dependencies between dimensions (a .csv has no sheets, hidden rows
or merges; a 大写金额 is money…), so any combination of values is a valid folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from layouts.content import COUNT_UNITS


@dataclass(frozen=True)
class Dimension:
    name: str
    values: tuple[str, ...]
    doc: str
    refusable: frozenset[str] = frozenset()
    must_error: frozenset[str] = frozenset()
    # Values that are one thing to a reader ("a unit that is not money"): a failure class found
    # for one of them is widened to the family when every member fails the same way.
    families: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def family_of(self, value: str) -> tuple[str, tuple[str, ...]] | None:
        return next(((name, members) for name, members in self.families if value in members), None)

    @property
    def default(self) -> str:
        return self.values[0]


def _dim(name: str, values: tuple[str, ...], doc: str, refusable: tuple[str, ...] = (), must_error: tuple[str, ...] = (),
         families: dict[str, tuple[str, ...]] | None = None) -> Dimension:
    return Dimension(name, values, doc, frozenset(refusable), frozenset(must_error), tuple((families or {}).items()))


# The optional extra columns (a set: any of them, in a fixed place each).
EXTRA_COLUMNS = ("备注", "联系人", "乡镇", "申请金额", "信用代码", "联系电话")

DIMENSIONS: tuple[Dimension, ...] = (
    _dim("file_format", ("xlsx", "xls", "csv", "ods", "zip"),
         "xlsx (XlsxWriter), xls (xlwt, BIFF8), csv (GB18030), ods (hand-written), zip (the .xlsx files in one .zip with GBK member names)",
         families={"csv|ods": ("csv", "ods")}),
    _dim("district_source", ("file", "folder", "sheet", "title", "filler", "column", "groups", "filler_bottom", "separators"),
         "where the district is named: file name 高新区.xlsx / folder 高新区/ / sheet name / title line / 填报单位 line / "
         "a district column / group rows 一、高新区 / only a 填报单位 line at the bottom of the sheet (报送表1.xlsx, no district "
         "in the title) / separator rows 赫山区： each followed by its block and 小计, then 合计, in 两区.xlsx"),
    _dim("n_districts", ("1", "2", "3"), "how many districts the folder holds"),
    _dim("files_split", ("one", "two"), "each district's lines (or the city list) in one file, or split over two (第一批/第二批)"),
    _dim("title", ("none", "fund_year", "fund_year_district", "stale_district", "preamble"),
         "no title / fund and year / fund, year and the district (the city for a city list) / a title naming another "
         "district left from another template, with a 填报单位 line naming the right one / a prose preamble naming two "
         "other districts with amounts (其中赫山区204万元、资阳区177万元)",
         refusable=("stale_district", "preamble")),
    _dim("unit_place", ("none", "line_left", "line_right", "header", "title", "cell"),
         "where the unit is stated: nowhere (万元 by default) / 单位：… line at the left / at the right end / in the amount "
         "header 金额（元） / in the title …（元） / in every amount cell 12万元",
         families={"line_left|line_right|header|title": ("line_left", "line_right", "header", "title"),
                   "line_left|line_right": ("line_left", "line_right")}),
    _dim("unit", ("万元", "元", "千元", "百万元", "亿元", *COUNT_UNITS),
         "the unit stated; 千元/百万元/亿元 are money a reader may not know; 户/笔/人/个 are not money and must be refused",
         refusable=("千元", "百万元", "亿元"), must_error=COUNT_UNITS,
         families={"千元|百万元|亿元": ("千元", "百万元", "亿元"), "户|笔|人|个": COUNT_UNITS}),
    _dim("header", ("one_row", "two_rows", "super_header", "repeated"),
         "one header row / two rows, each label merged down / a super header 资金安排情况 over the amount columns / the "
         "header repeated every three lines (page breaks)",
         families={"two_rows|super_header": ("two_rows", "super_header")}),
    _dim("name_label", ("单位名称", "企业名称", "受助单位", "项目单位", "申报单位", "扶持对象", "补助对象"), "the recipient column's label"),
    _dim("amount_label", ("金额", "补助金额", "安排资金", "核定金额", "扶持资金", "下达资金", "分配金额"), "the amount column's label"),
    _dim("purpose_label", ("资金用途", "用途", "项目内容", "主要用途", "建设内容"), "the purpose column's label"),
    _dim("district_label", ("区县", "县（市、区）", "所属区县", "地区"), "the district column's label (district_source=column)"),
    _dim("extra_cols", ("",), "extra columns, any of: " + "、".join(EXTRA_COLUMNS) + " (申请金额 beside the granted amount)"),
    _dim("serial", ("int", "none", "text", "dotted", "circled", "paren"), "序号: 1 / no column / \"1\" / 1. / ① / （1）"),
    _dim("district_conflict", ("none", "file", "folder", "sheet"),
         "another source names a different district: the file name, the folder or the sheet name",
         refusable=("file", "folder", "sheet")),
    _dim("short_names", ("no", "yes"), "districts written short in the data (赫山 for 赫山区; the settings list the full names)",
         refusable=("yes",)),
    _dim("totals", ("bottom", "none", "top", "subtotals", "group_subtotal", "rounded", "wrong"),
         "合计 at the bottom / none / 合计 right under the header / 小计 per block then 合计 / group rows carry the group "
         "subtotal / 合计 rounded to 2 decimals over 4-decimal lines / a wrong 合计 in the first file",
         refusable=("rounded",), must_error=("wrong",)),
    _dim("extra_sheet", ("none", "instructions", "blank_form", "summary", "working", "other_fund", "by_use", "copy", "copy_amended",
                         "copy_extended"),
         "a second sheet in the first file: 填表说明 / a blank form / a 汇总 sheet by district (right figures) / a 测算表 "
         "repeating the records / another fund's allocation / a breakdown by 用途 / a copy of the data sheet / a copy "
         "“Sheet1 (2)” that differs: one amount changed, or one line added (its 合计 following): which sheet is final is "
         "unknown, an error in the file",
         refusable=("working", "other_fund", "by_use", "copy"), must_error=("copy_amended", "copy_extended"),
         families={"working|other_fund|copy": ("working", "other_fund", "copy"), "copy_amended|copy_extended": ("copy_amended", "copy_extended")}),
    _dim("row_marks", ("none", "footnote", "blank_rows", "hidden", "struck", "cancelled"),
         "notes and signatures under the table / blank separator rows / an extra line that does not count: a hidden row, "
         "a struck-through row, a row whose 备注 says 已取消/作废/退回",
         refusable=("hidden", "struck", "cancelled"), families={"hidden|struck|cancelled": ("hidden", "struck", "cancelled")}),
    _dim("amount_format", ("number", "text", "thousands", "fullwidth", "capital", "formula"),
         "numbers / numbers typed as text / text with thousands separators / full-width digits / 大写金额 (in 元) / "
         "formulas with cached values (xlsx)"),
    _dim("precision", ("int", "2dp", "1dp", "4dp"), "decimals of the amounts in 万元"),
    _dim("merges", ("none", "title", "total_label", "district_cells"),
         "merged cells: none / the title across the table / the 合计 label across the columns left of the amount / the "
         "district column merged down each district's block"),
    _dim("tables", ("one", "two"), "one table per sheet, or two tables one under the other, each with title, header and totals"),
    _dim("settings", ("districts", "none", "cap", "amount_column"), "xlfund.toml with the districts / no settings file / districts "
         "and a cap (above the true total) / districts and [columns] amount = the amount column's label (without its unit)"),
    _dim("amount_cols", ("one", "requested", "invest", "requested_invest", "adjusted"),
         "the money columns: one amount column / 申请补助 beside 核定补助 / 项目总投资 beside 核定补助 / both beside 核定补助 / "
         "原分配金额 beside 调整后金额 (odd lines adjusted); the granted, the adjusted one is the truth (the amount_label is replaced)",
         families={"requested|invest|requested_invest": ("requested", "invest", "requested_invest")}),
    _dim("shape", ("table", "two_batches", "transposed", "side_by_side"),
         "the table's shape: lines down the sheet / one recipient's name (序号, 用途) merged over two rows with two amounts, "
         "备注 第一批 and 第二批, the 合计 over both (two lines of money of one recipient) / transposed: recipients across, "
         "序号, the name, 金额 and 用途 as row labels (must be refused) / two blocks 序号|单位名称|金额 side by side, one "
         "district, no 合计 (must be refused, never half read)",
         must_error=("transposed", "side_by_side"), families={"transposed|side_by_side": ("transposed", "side_by_side")}),
    _dim("slip", ("none", "one_line_wan", "one_line_tiny", "district_wan", "yuan_unstated", "line_below_total"),
         "a slip in the data, an error expected in its file: in a 元 column one line typed in 万元 (8 among 50000s) / in a "
         "万元 column one line typed 1/10000 (0.0008 among 5..12) / in a city list's 元 column one district's lines typed in "
         "万元 / amounts in 元 with no unit stated anywhere and no cap / a recipient line under the 合计 (not in it). The truth "
         "is the amount meant (8 万元), every 合计 adds the amounts as typed",
         must_error=("one_line_wan", "one_line_tiny", "district_wan", "yuan_unstated", "line_below_total"),
         families={"one_line_wan|one_line_tiny|district_wan": ("one_line_wan", "one_line_tiny", "district_wan")}),
)

DIM = {d.name: d for d in DIMENSIONS}
DEFAULTS = {d.name: d.default for d in DIMENSIONS}

SINGLE_SOURCES = ("file", "folder", "sheet", "title", "filler", "filler_bottom")  # one district per sheet
MULTI_SOURCES = ("column", "groups", "separators")  # a city list
GROUP_SOURCES = ("groups", "separators")  # a city list in blocks under group rows


def extra_set(dims: dict[str, str]) -> frozenset[str]:
    return frozenset(x for x in dims["extra_cols"].split("+") if x)


def with_extra(dims: dict[str, str], extra: frozenset[str]) -> str:
    return "+".join(x for x in EXTRA_COLUMNS if x in extra)


def normalise(dims: dict[str, str]) -> dict[str, str]:
    """The dimension values a folder is really made with (dependencies settled)."""
    d = {**DEFAULTS, **dims}
    fmt = d["file_format"]
    if d["unit_place"] == "none":
        d["unit"] = "万元"
    if d["amount_format"] == "capital" and d["unit"] in COUNT_UNITS:
        d["amount_format"] = "number"
    if d["amount_format"] == "formula" and fmt not in ("xlsx", "zip"):
        d["amount_format"] = "number"
    if fmt == "csv":
        if d["district_source"] == "sheet":
            d["district_source"] = "file"
        d["extra_sheet"] = "none"
        if d["row_marks"] in ("hidden", "struck"):
            d["row_marks"] = "none"
        d["merges"] = "none"
        if d["district_conflict"] == "sheet":
            d["district_conflict"] = "none"
    _settle_new_values(d)
    source = d["district_source"]
    if source == "title" and d["title"] in ("none", "fund_year"):
        d["title"] = "fund_year_district"
    if source == "filler_bottom" and d["title"] == "fund_year_district":
        d["title"] = "fund_year"
    if d["district_conflict"] == source:
        d["district_conflict"] = "none"
    if d["totals"] == "group_subtotal" and source not in GROUP_SOURCES:
        d["totals"] = "bottom"
    if d["totals"] == "rounded":
        d["precision"] = "4dp"
    if d["row_marks"] == "cancelled":
        d["extra_cols"] = with_extra(d, extra_set(d) | {"备注"})
    if d["short_names"] == "yes" and d["settings"] == "none":
        d["settings"] = "districts"
    if d["merges"] == "district_cells" and source != "column":
        d["merges"] = "none"
    if source not in MULTI_SOURCES:
        d["district_label"] = DIM["district_label"].default
    d["extra_cols"] = with_extra(d, extra_set(d))
    return d


def _settle_new_values(d: dict[str, str]) -> None:
    """Dependencies of the shapes, slips, money columns and sources added for the tester's layouts
    (before the older rules, which they feed)."""
    slip, shape = d["slip"], d["shape"]
    if slip == "line_below_total" and shape in ("transposed", "side_by_side"):
        d["shape"] = shape = "table"
    if slip == "district_wan":
        if d["district_source"] != "column":
            d["district_source"] = "column"
        if d["n_districts"] == "1":
            d["n_districts"] = "2"
    if slip in ("one_line_wan", "district_wan"):  # a 元 column, said so
        d["unit"] = "元"
        if d["unit_place"] in ("none", "cell"):
            d["unit_place"] = "header"
    if slip == "one_line_tiny":
        d["unit"] = "万元"
        if d["unit_place"] == "cell":
            d["unit_place"] = "header"
    if slip == "yuan_unstated":  # no unit anywhere, no cap
        d["unit_place"], d["unit"] = "none", "万元"
        if d["settings"] == "cap":
            d["settings"] = "districts"
    if slip == "line_below_total" and d["totals"] in ("none", "top"):
        d["totals"] = "bottom"
    if slip != "none" and d["amount_format"] == "capital":  # 大写 is whole 元, its unit said in 元整
        d["amount_format"] = "number"
    if slip != "none" and d["unit"] in COUNT_UNITS:
        d["unit"] = "万元"
    if d["district_source"] == "separators":
        if d["n_districts"] == "1":
            d["n_districts"] = "2"
        if d["totals"] in ("bottom", "none", "top"):
            d["totals"] = "subtotals"
    if shape in ("transposed", "side_by_side"):
        if d["district_source"] in MULTI_SOURCES:
            d["district_source"] = "file"
        d["tables"] = "one"
        d["header"] = "one_row"
        if d["row_marks"] in ("hidden", "struck", "cancelled", "blank_rows"):
            d["row_marks"] = "none"
        d["amount_cols"] = "one"
        d["extra_cols"] = ""
        if d["merges"] == "total_label":
            d["merges"] = "none"
        if shape == "side_by_side":
            d["totals"] = "none"
        elif d["totals"] not in ("bottom", "none", "wrong"):
            d["totals"] = "bottom"
    if shape == "two_batches":
        if d["file_format"] == "csv":  # no merges: the second row would be a line without a name
            d["shape"] = "table"
        else:
            d["extra_cols"] = with_extra(d, extra_set(d) | {"备注"})
    if d["amount_cols"] in ("requested", "requested_invest"):  # 申请补助 plays 申请金额
        d["extra_cols"] = with_extra(d, extra_set(d) - {"申请金额"})


def refusable_values(dims: dict[str, str]) -> list[str]:
    """The dimension values of a folder under which an error in the file is a right answer."""
    return [f"{name}={value}" for name, value in dims.items() if name in DIM and value in DIM[name].refusable]


def must_error_values(dims: dict[str, str]) -> list[str]:
    return [f"{name}={value}" for name, value in dims.items() if name in DIM and value in DIM[name].must_error]


def non_default(dims: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in dims.items() if value != DEFAULTS.get(name)}
