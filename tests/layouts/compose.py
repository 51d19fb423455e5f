"""A folder from dimension values and content: which files, which sheets, which blocks of which
district go where, how files, folders and sheets are named, the extra sheets, the settings file,
and the truth (what a right reading gives)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import Decimal

from layouts.content import COUNT_UNITS, KNOWN, Content, Line, in_unit
from layouts.dimensions import GROUP_SOURCES, SINGLE_SOURCES, must_error_values, normalise, refusable_values
from layouts.plan import Cell, FilePlan, Num, Row, Sheet
from layouts.tables import FUND_TITLE, TINY, Block, Quirks, TableMaker, amount_label, amount_of, batch_parts, shown, split_counted
from layouts.truth import Truth

ARCHIVE = "各区县报送材料.zip"
EXT = {"xlsx": "xlsx", "zip": "xlsx", "xls": "xls", "csv": "csv", "ods": "ods"}
PART_SUFFIX = ("-第一批", "-第二批")
TABLE_TITLES = ("表一：电商企业扶持资金分配表", "表二：农村电商服务站点补助资金分配表")


SLIPS = {"one_line_wan": "{name}'s amount typed in 万元 in a 元 column", "one_line_tiny": "{name}'s amount typed 1/10000 in a 万元 column",
         "district_wan": "a district's lines typed in 万元 in a 元 column", "yuan_unstated": "amounts in 元, no unit said, no cap"}


@dataclass(frozen=True)
class Spec:
    """One generated folder: its dimension values (normalised) and its content."""

    dims: dict[str, str]
    content: Content

    def with_dims(self, **changes: str) -> Spec:
        return Spec(normalise({**self.dims, **changes}), self.content)


@dataclass
class Folder:
    files: list[FilePlan]
    archive: str | None
    settings_text: str | None
    truth: Truth
    dims: dict[str, str] = field(default_factory=dict)


@dataclass
class _FileSpec:
    """A file before its sheets are made: where it goes and which blocks each data sheet holds."""

    part: int  # 0, or 1 for the second batch
    sheets: list[tuple[str, list[Block]]]  # (sheet name, blocks)
    districts: list[str]


def _halves(lines: list, split: bool) -> list[list]:
    if not split or len(lines) < 2:
        return [lines]
    half = (len(lines) + 1) // 2
    return [lines[:half], lines[half:]]


def _file_specs(d: dict[str, str], blocks: list[Block]) -> list[_FileSpec]:
    source, split = d["district_source"], d["files_split"] == "two"
    specs: list[_FileSpec] = []
    if source in ("file", "folder", "title", "filler", "filler_bottom"):
        for district, lines in blocks:
            for part, half in enumerate(_halves(lines, split)):
                specs.append(_FileSpec(part, [("Sheet1", [(district, half)])], [district]))
        return specs
    parts: list[list[Block]] = [[], []]
    for district, lines in blocks:
        for part, half in enumerate(_halves(lines, split)):
            parts[part].append((district, half))
    for part, part_blocks in enumerate(parts):
        if not part_blocks:
            continue
        names = [district for district, _l in part_blocks]
        if source == "sheet":
            specs.append(_FileSpec(part, [(shown(district, d), [block]) for district, block in zip(names, part_blocks, strict=True)], names))
        else:
            specs.append(_FileSpec(part, [("Sheet1", part_blocks)], names))
    return specs


def _other(districts: list[str]) -> str:
    """A configured district this file does not hold (for stale titles and conflicting names)."""
    return next(k for k in KNOWN if k not in districts)


def _path(d: dict[str, str], spec: _FileSpec, index: int, many: bool) -> str:
    source, ext = d["district_source"], EXT[d["file_format"]]
    suffix = PART_SUFFIX[spec.part] if d["files_split"] == "two" else ""
    district = shown(spec.districts[0], d)
    stem = {"file": f"{district}{suffix}", "folder": f"分配表{suffix}", "sheet": f"分配表{suffix}",
            "column": f"益阳市分配表{suffix}", "groups": f"益阳市分配表{suffix}",
            "separators": f"{'两区' if len(spec.districts) == 2 else '三区县'}{suffix}"}.get(source, f"报送表{index + 1}")
    folder = f"{district}/" if source == "folder" else ""
    other = shown(_other(spec.districts), d)
    if d["district_conflict"] == "file":
        stem = f"{other}{suffix}" + (f"-{index + 1}" if many else "")
    if d["district_conflict"] == "folder":
        folder = f"{other}/"
    return f"{folder}{stem}.{ext}"


def _above(d: dict[str, str], districts: list[str]) -> tuple[str | None, str | None, str | None]:
    """(title, 填报单位 line, preamble) of a data sheet holding these districts."""
    single = d["district_source"] in SINGLE_SOURCES
    here = shown(districts[0], d) if single else "益阳市"
    other = shown(_other(districts), d)
    title = {"none": None, "fund_year": FUND_TITLE, "fund_year_district": here + FUND_TITLE, "stale_district": other + FUND_TITLE,
             "preamble": (here + FUND_TITLE) if d["district_source"] == "title" else FUND_TITLE}[d["title"]]
    if d["unit_place"] == "title":
        title = (title or FUND_TITLE) + f"（{d['unit']}）"
    source = d["district_source"]
    filler = f"填报单位：{here}商务局" if source == "filler" or (d["title"] == "stale_district" and source != "filler_bottom") else None
    preamble = None
    if d["title"] == "preamble":
        named = [k for k in KNOWN if k not in districts] + districts
        preamble = f"根据益财企〔2018〕12号文件，市级下达2018年电子商务发展引导资金490万元，其中{shown(named[0], d)}204万元、{shown(named[1], d)}177万元。"
    return title, filler, preamble


def _data_sheet(d: dict[str, str], name: str, blocks: list[Block], wrong: Decimal | None, code_base: int,
                quirks: Quirks | None = None) -> Sheet:
    sheet = Sheet(name)
    quirks = quirks or Quirks()
    maker = TableMaker(sheet, d, wrong, quirks)
    districts = [district for district, _l in blocks]
    maker.above(*_above(d, districts))
    if d["shape"] in ("side_by_side", "transposed"):
        getattr(maker, d["shape"])(blocks[0], code_base)
    else:
        tables = [blocks]
        if d["tables"] == "two":
            if len(blocks) >= 2:
                cut = (len(blocks) + 1) // 2
                tables = [blocks[:cut], blocks[cut:]]
            else:
                tables = [[(blocks[0][0], half)] for half in split_counted(blocks[0][1])]
        for k, table in enumerate(tables):
            if len(tables) > 1:
                if k:
                    sheet.add([])
                sheet.add([TABLE_TITLES[k]])
            below = quirks.below_total if k == len(tables) - 1 else None
            maker.table(table, d["district_source"] in GROUP_SOURCES, code_base + 100 * k, below)
    if d["row_marks"] == "footnote":
        maker.notes()
    if d["district_source"] == "filler_bottom":
        filler = f"填报单位：{shown(districts[0], d)}商务局"
        sheet.add([filler] if d["row_marks"] == "footnote" else [filler, None, None, "填报日期：2018年12月20日"])
    return sheet


def _counted(blocks: list[Block]) -> list[tuple[str, Line]]:
    return [(district, line) for district, lines in blocks for line, mark in lines if not mark]


def _extra_sheets(d: dict[str, str], content: Content, first: Sheet, blocks: list[Block]) -> tuple[list[Sheet], list[Sheet]]:
    """(sheets before the data sheets, sheets after) for the first file."""
    kind = d["extra_sheet"]
    unit = d["unit"] if d["unit_place"] != "none" else "万元"
    counted = _counted(blocks)
    if kind == "instructions":
        return [], [Sheet("填表说明", [_r("填表说明"), _r("1.金额单位为万元，保留两位小数。"), _r("2.资金用途请简要填写。"), _r("3.合计行请勿删除。")])]
    if kind == "blank_form":
        return [], [Sheet("空白表", [_r(FUND_TITLE), _r("序号", "单位名称", "金额（万元）", "资金用途")])]
    if kind == "summary":
        sums: dict[str, Decimal] = {}
        for district, line in counted:
            sums[district] = sums.get(district, Decimal(0)) + amount_of(line, d)
        rows = [_r("2018年电子商务发展引导资金分配汇总表"), _r("序号", "区县", f"金额（{unit}）")]
        rows += [_r(Num(Decimal(i)), shown(k, d), Num(in_unit(v, unit))) for i, (k, v) in enumerate(sums.items(), start=1)]
        rows.append(_r("合计", None, Num(in_unit(sum(sums.values(), Decimal(0)), unit))))
        return [Sheet("汇总", rows)], []
    if kind == "working":
        rows = [_r("2018年电子商务发展引导资金测算表"), _r("序号", "单位名称", "因素得分", "测算金额（万元）")]
        rows += [_r(Num(Decimal(i)), line.name, Num(Decimal(80 + i)), Num(amount_of(line, d))) for i, (_k, line) in enumerate(counted, start=1)]
        rows.append(_r("合计", None, None, Num(sum((amount_of(line, d) for _k, line in counted), Decimal(0)))))
        return [], [Sheet("测算表", rows)]
    if kind == "other_fund":
        rows = [_r("2018年工业发展专项资金分配表"), _r("序号", "单位名称", "金额（万元）", "资金用途")]
        rows += [_r(Num(Decimal(i)), line.name, Num(amount_of(line, d)), line.purpose) for i, line in enumerate(content.others, start=1)]
        rows.append(_r("合计", None, Num(sum((amount_of(line, d) for line in content.others), Decimal(0))), None))
        return [], [Sheet("工业资金", rows)]
    if kind == "by_use":
        uses: dict[str, Decimal] = {}
        for _k, line in counted:
            uses[line.purpose] = uses.get(line.purpose, Decimal(0)) + amount_of(line, d)
        rows = [_r("按资金用途汇总"), _r("序号", "资金用途", "金额（万元）")]
        rows += [_r(Num(Decimal(i)), use, Num(v)) for i, (use, v) in enumerate(uses.items(), start=1)]
        rows.append(_r("合计", None, Num(sum(uses.values(), Decimal(0)))))
        return [], [Sheet("按用途汇总", rows)]
    if kind == "copy":
        return [], [Sheet(f"{first.name} (2)", copy.deepcopy(first.rows), list(first.merges))]
    return [], []


def _r(*cells: Cell) -> Row:
    return Row(list(cells))


def _padded(blocks: list[Block], d: dict[str, str], content: Content) -> list[Block]:
    """The first district's lines with the extra recipients some layouts need: three lines around a
    line typed in the wrong unit (8 among 50000s), two lines for two blocks side by side."""
    lines = list(blocks[0][1])
    want = 3 if d["slip"] in ("one_line_wan", "one_line_tiny") else 2 if d["shape"] == "side_by_side" else 0
    for k in (3, 4, 1):
        if len(lines) < want:
            lines.append((content.more_line(k), ""))
    return [(blocks[0][0], lines), *blocks[1:]]


def _quirks(d: dict[str, str], content: Content, blocks: list[Block], first: list[tuple[Line, str]]) -> tuple[Quirks, set[str]]:
    """The sheets' quirks, and the recipients whose lines make a file carry a slip."""
    quirks, slipped = Quirks(), set()
    slip = d["slip"]
    if slip in ("one_line_wan", "one_line_tiny"):
        counted = [line for line, mark in first if not mark]
        line = counted[content.spare_at % len(counted)]
        quirks.scales[line.name] = TINY
        slipped.add(line.name)
    elif slip == "district_wan":
        for line, _mark in blocks[-1][1]:
            quirks.scales[line.name] = TINY
            slipped.add(line.name)
    elif slip == "yuan_unstated":
        quirks.scale = Decimal(10000)
        slipped.update(line.name for _k, lines in blocks for line, _m in lines)
    if d["shape"] == "two_batches":
        line = next((line for line, mark in first if not mark), None)
        if line is not None and len(batch_parts(amount_of(line, d), d)) == 2:
            quirks.batches = frozenset({line.name})
    return quirks, slipped


def _copy(d: dict[str, str], sheet_blocks: list[Block], content: Content) -> list[Block]:
    """The blocks of a copy “Sheet1 (2)” that differs: an amount changed, or a line added."""
    district, lines = sheet_blocks[0]
    if d["extra_sheet"] == "copy_extended":
        return [(district, [*lines, (content.more_line(2), "")]), *sheet_blocks[1:]]
    at = next(i for i, (_line, mark) in enumerate(lines) if not mark)
    line = lines[at][0]
    changed = Line(line.name, line.amount + 10, line.purpose)
    return [(district, [*lines[:at], (changed, ""), *lines[at + 1:]]), *sheet_blocks[1:]]


def compose(spec: Spec) -> Folder:
    d = normalise(spec.dims)
    content = spec.content
    blocks: list[Block] = [(dl.district, [(line, "") for line in dl.lines]) for dl in content.districts[: int(d["n_districts"])]]
    blocks = _padded(blocks, d, content)
    file_specs = _file_specs(d, blocks)
    if d["row_marks"] in ("hidden", "struck", "cancelled"):
        mark = content.mark_word if d["row_marks"] == "cancelled" else d["row_marks"]
        first_lines = file_specs[0].sheets[0][1][0][1]
        first_lines.insert(min(content.spare_at, len(first_lines)), (content.spare, mark))
    quirks, slipped = _quirks(d, content, blocks, file_specs[0].sheets[0][1][0][1])
    archive = ARCHIVE if d["file_format"] == "zip" else None
    truth = Truth()
    files: list[FilePlan] = []
    counts_money = d["unit"] not in COUNT_UNITS
    for index, fspec in enumerate(file_specs):
        path = _path(d, fspec, index, len(file_specs) > 1)
        display = f"{archive}/{path}" if archive else path
        plan = FilePlan(path)
        wrong = content.wrong_by if d["totals"] == "wrong" and index == 0 else None
        for k, (name, sheet_blocks) in enumerate(fspec.sheets):
            if name == "Sheet1" and d["district_conflict"] == "sheet":
                name = shown(_other(fspec.districts), d)
            here = Quirks(quirks.scale, quirks.scales, quirks.batches)
            if d["slip"] == "line_below_total" and index == 0 and k == 0:
                here.below_total = content.more_line(0)
                truth.must_error[display] = "a recipient line under the 合计"
                if counts_money:
                    truth.add(sheet_blocks[-1][0], here.below_total.name, amount_of(here.below_total, d), display)
            plan.sheets.append(_data_sheet(d, name, sheet_blocks, wrong if k == 0 else None, 1000 * index + 300 * k, here))
            for district, line in _counted(sheet_blocks):
                if counts_money:  # a recipient paid in two batches is two lines of money (Record: one line)
                    parts = batch_parts(amount_of(line, d), d) if line.name in here.batches else [amount_of(line, d)]
                    for part in parts:
                        truth.add(district, line.name, part, display)
                if line.name in slipped:
                    truth.must_error[display] = SLIPS[d["slip"]].format(name=line.name)
            if d["shape"] == "side_by_side" and len(_counted(sheet_blocks)) >= 2:
                truth.must_error[display] = "two blocks side by side"
        if d["shape"] == "transposed":
            truth.must_error[display] = "a transposed table"
        if index == 0:
            all_blocks = [b for _n, bl in fspec.sheets for b in bl]
            before, after = _extra_sheets(d, content, plan.sheets[0], all_blocks)
            if d["extra_sheet"] in ("copy_amended", "copy_extended"):
                first_name, first_blocks = plan.sheets[0].name, fspec.sheets[0][1]
                after = [_data_sheet(d, f"{first_name} (2)", _copy(d, first_blocks, content), None, 1000 * index + 50,
                                     Quirks(quirks.scale, quirks.scales, quirks.batches))]
                truth.must_error[display] = f"{first_name} (2) differs from {first_name}"
            plan.sheets = before + plan.sheets + after
        if wrong is not None:
            truth.must_error[display] = f"合计 off by {wrong} 万元"
        if not counts_money:
            truth.must_error[display] = f"unit {d['unit']} is not money"
        files.append(plan)
    truth.refusable = refusable_values(d)
    truth.clean = not truth.refusable and not must_error_values(d)
    written = sum((amount_of(line, d) for _district, lines in blocks for line, _mark in lines), Decimal(0))
    return Folder(files, archive, _settings_text(d, written), truth, d)


def _settings_text(d: dict[str, str], written: Decimal) -> str | None:
    """xlfund.toml: the districts, and a cap above every amount written (so it never masks an error)."""
    if d["settings"] == "none":
        return None
    names = ", ".join(f'"{k}"' for k in KNOWN)
    text = f'[fund]\nname = "电子商务发展引导资金"\nyear = 2018\ndistricts = [{names}]\n'
    if d["settings"] == "cap":
        text += f"cap = {int(written) + 100}\n"
    if d["settings"] == "amount_column":
        text += f'\n[columns]\namount = "{amount_label(d)}"\n'

    return text

