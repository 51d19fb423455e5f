"""One minimal failing folder per failure class of tests/layouts/FAILURES.md, each a builder that
can become a fixed gallery example once the reader is fixed.

Every builder writes its folder (files and xlfund.toml) and returns the compose.Folder, whose
`truth` says what a right reading gives. `REPROS[0]` is the plainest folder: it must pass (the
generator's own check). Every other entry failed the property when catalogued;
`tests/test_layout_property.py::test_catalogued_failure` runs them as non-strict xfails, so a
fix shows as XPASS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from layouts.compose import Folder, Spec
from layouts.content import Content, DistrictLines, Line
from layouts.dimensions import normalise


def content(*districts: tuple[str, list[tuple[str, str, str]]], spare: tuple[str, str, str] = ("益阳市龙岭电子商务有限公司", "9", "平台运营"),
            spare_at: int = 1, mark_word: str = "已取消", wrong_by: str = "1") -> Content:
    """Content from literals: (district, [(name, amount in 万元, purpose)]) …"""
    def line(item: tuple[str, str, str]) -> Line:
        return Line(item[0], Decimal(item[1]), item[2])

    others = (Line("益阳市资江物流有限公司", Decimal(4), "仓储建设"), Line("益阳市松竹物流有限公司", Decimal(5), "冷链配送"))
    return Content(tuple(DistrictLines(d, tuple(line(i) for i in items)) for d, items in districts), line(spare), spare_at, mark_word,
                   Decimal(wrong_by), others)


ONE = content(("高新区", [("益阳市云端电子商务有限公司", "12", "平台运营")]))
TWO_LINES = content(("高新区", [("益阳市云端电子商务有限公司", "12", "平台运营"), ("益阳市益丰网络科技有限公司", "7", "网店建设")]))
TWO_DISTRICTS = content(("高新区", [("益阳市云端电子商务有限公司", "12", "平台运营"), ("益阳市益丰网络科技有限公司", "7", "网店建设")]),
                        ("赫山区", [("益阳市银城物流有限公司", "3", "物流配送")]))


def build(folder: Path, dims: dict[str, str], what: Content) -> Folder:
    from layouts.runner import materialise

    return materialise(Spec(normalise(dims), what), folder)


@dataclass(frozen=True)
class Repro:
    name: str
    build: Callable[[Path], Folder]
    expected: str  # what a right reading gives
    observed: str  # what xlfund did when catalogued (2026, wip-gen)

    @property
    def doc(self) -> str:
        return (self.build.__doc__ or "").strip()


REPROS: list[Repro] = []


def repro(expected: str, observed: str) -> Callable:
    def register(fn: Callable[[Path], Folder]) -> Callable[[Path], Folder]:
        REPROS.append(Repro(fn.__name__, fn, expected, observed))
        return fn

    return register


@repro("高新区 2 / 19 万元, 赫山区 1 / 3 万元, exit 0", "read right, exit 0")
def plain_two_districts(folder: Path) -> Folder:
    """The plainest folder: 高新区.xlsx and 赫山区.xlsx, one header row, 合计 at the bottom."""
    return build(folder, {"n_districts": "2"}, TWO_DISTRICTS)


# ------------------------------------------------------------------ false alarms


@repro("高新区 1 / 12 万元, exit 0", "name-missing 错误 on the sub-header row “金额”, exit 1")
def super_header_in_csv(folder: Path) -> Folder:
    """A super header 资金安排情况 over the amount column, the real labels on the row below (CSV:
    no merge information)."""
    return build(folder, {"file_format": "csv", "header": "super_header"}, ONE)


@repro("高新区 1 / 12 万元, exit 0", "name-missing 错误 on the sub-header row, exit 1")
def super_header_in_ods(folder: Path) -> Folder:
    """The same super header in an .ods (the merges are in the file, the reader does not get them)."""
    return build(folder, {"file_format": "ods", "header": "super_header"}, ONE)


@repro("高新区 1 / 12 万元 (120000 元), exit 0",
       "the sub-header “金额（元）” read as a data row, so its unit is lost: 120,000 万元 read, "
       "amount-sheet-in-yuan / over-cap 错误, exit 1")
def super_header_in_csv_with_yuan(folder: Path) -> Folder:
    """The super header in a CSV whose amount label below it says 金额（元）."""
    return build(folder, {"file_format": "csv", "header": "super_header", "unit_place": "header", "unit": "元", "settings": "cap"}, ONE)


@repro("高新区 2 / 19 万元, exit 0", "stated-total-mismatch 错误: the second table's 合计 (7) held against the first table's rows (12), exit 1")
def two_tables_with_total_on_top(folder: Path) -> Folder:
    """Two tables on one sheet (表一/表二), each with its 合计 right under its header."""
    return build(folder, {"totals": "top", "tables": "two"}, TWO_LINES)


@repro("高新区 1 / 12 万元, exit 0", "amount-missing 错误 on the second note line “    2.资金须专款专用…”, exit 1")
def note_lines_without_serial_column(folder: Path) -> Folder:
    """No 序号 column; notes under the table: 注：1.… then an indented 2.… in the name column."""
    return build(folder, {"serial": "none", "row_marks": "footnote"}, ONE)


@repro("高新区 2 / 19 万元, exit 0", "district-undetermined 错误 for the second line (its merged 区县 cell reads blank), exit 1")
def merged_district_cells_in_ods(folder: Path) -> Folder:
    """A city list in .ods with the 区县 column merged down each district's block."""
    return build(folder, {"file_format": "ods", "district_source": "column", "merges": "district_cells"}, TWO_LINES)


# ------------------------------------------------------------------ silent wrong figures


@repro("高新区 1 / 12 万元, or an error in 高新区.xlsx", "高新区 2 / 24 万元, exit 0 (duplicate-recipient is a 警告)")
def working_sheet_counted(folder: Path) -> Folder:
    """A 测算表 sheet after the data sheet repeats the recipient with a 测算金额（万元） column."""
    return build(folder, {"extra_sheet": "working"}, ONE)


@repro("高新区 1 / 12 万元, or an error in 高新区.xlsx", "高新区 2 / 24 万元, exit 0")
def copied_sheet_counted(folder: Path) -> Folder:
    """The data sheet copied as “Sheet1 (2)” in the same workbook."""
    return build(folder, {"extra_sheet": "copy"}, ONE)


@repro("高新区 1 / 12 万元, or an error in 高新区.xlsx", "高新区 3 / 21 万元: the 工业发展专项资金 recipients counted, exit 0")
def other_fund_sheet_counted(folder: Path) -> Folder:
    """A second sheet 工业资金 titled 2018年工业发展专项资金分配表 (another fund's allocation)."""
    return build(folder, {"extra_sheet": "other_fund"}, ONE)


@repro("高新区 1 / 12 万元, or a located error", "赫山区 1 / 12 万元, exit 0 (district-conflict is a 警告)")
def stale_title_names_another_district(folder: Path) -> Folder:
    """高新区.xlsx titled 赫山区2018年…分配表 (left from 赫山区's template), 填报单位：高新区商务局 below."""
    return build(folder, {"title": "stale_district"}, ONE)


@repro("高新区 1 / 12 万元, or a located error", "赫山区 1 / 12 万元 (the first district of the preamble), exit 0")
def preamble_names_other_districts(folder: Path) -> Folder:
    """高新区.xlsx; above the title: 根据…下达…490万元，其中赫山区204万元、资阳区177万元。"""
    return build(folder, {"title": "preamble"}, ONE)


@repro("高新区 1 / 12 万元, or a located error", "赫山区 1 / 12 万元 (the sheet name), exit 0")
def sheet_name_names_another_district(folder: Path) -> Folder:
    """高新区.xlsx whose only sheet is named 赫山区."""
    return build(folder, {"district_conflict": "sheet"}, ONE)


@repro("高新区 1 / 12 万元, or a located error", "赫山区 1 / 12 万元 (the folder name), exit 0")
def folder_names_another_district(folder: Path) -> Folder:
    """赫山区/高新区.xlsx: the file sits in another district's folder."""
    return build(folder, {"district_conflict": "folder"}, ONE)


@repro("高新区 1 / 12 万元, or a located error", "赫山区 1 / 12 万元 (the CSV's file name, taken as its sheet name, beats the title), exit 0")
def csv_file_name_beats_title(folder: Path) -> Folder:
    """赫山区.csv whose title says 高新区2018年电子商务发展引导资金分配表."""
    return build(folder, {"file_format": "csv", "district_source": "title", "district_conflict": "file"}, ONE)


@repro("nothing counted and an error in 高新区.xlsx (单位：笔 is not money)", "高新区 1 / 12 万元, exit 0")
def count_unit_read_as_money(folder: Path) -> Folder:
    """单位：笔 on the line under the title; the numbers are counts, not money."""
    return build(folder, {"unit_place": "line_left", "unit": "笔"}, ONE)


@repro("高新区 1 / 12 万元 (120 千元), or an error in 高新区.xlsx", "高新区 1 / 120 万元 (千元 ignored, read as 万元), exit 0")
def thousand_yuan_unit_ignored(folder: Path) -> Folder:
    """单位：千元 at the right end of the line under the header's title; 120 in the amount column."""
    return build(folder, {"unit_place": "line_right", "unit": "千元"}, ONE)


@repro("高新区 1 / 12 万元 (0.0012 亿元), or an error in 高新区.xlsx", "高新区 1 / 0.0012 万元, exit 0")
def yi_yuan_unit_in_title_ignored(folder: Path) -> Folder:
    """The title ends in （亿元）; amounts 0.0012."""
    return build(folder, {"unit_place": "title", "unit": "亿元"}, ONE)


@repro("高新区 1 / 12 万元, or an error in 高新区.xlsx", "高新区 2 / 21 万元: the hidden line counted, exit 0")
def hidden_row_counted(folder: Path) -> Folder:
    """A hidden row (a withdrawn recipient, 9 万元) between the lines; no 合计 to reveal it."""
    return build(folder, {"row_marks": "hidden", "totals": "none"}, ONE)


@repro("高新区 1 / 12 万元, or an error in 高新区.xlsx", "高新区 2 / 21 万元: the struck-through line counted, exit 0")
def struck_row_counted(folder: Path) -> Folder:
    """A line struck through (font strikeout on every cell); no 合计."""
    return build(folder, {"row_marks": "struck", "totals": "none"}, ONE)


@repro("高新区 1 / 12 万元, or an error in 高新区.xlsx", "高新区 2 / 21 万元: the 已取消 line counted, exit 0")
def cancelled_row_counted(folder: Path) -> Folder:
    """A line whose 备注 says 已取消; no 合计."""
    return build(folder, {"row_marks": "cancelled", "totals": "none"}, ONE)


@repro("高新区 1 / 1 万元 and an error for the 合计 (2)", "高新区 2 / 2 万元, exit 0: the 已取消 line (1) makes the wrong 合计 (1 + 1) add up")
def wrong_total_masked_by_cancelled_row(folder: Path) -> Folder:
    """A wrong 合计 (off by 1 万元) and a 已取消 line of exactly 1 万元."""
    return build(folder, {"row_marks": "cancelled", "totals": "wrong"},
                 content(("高新区", [("益阳市云端电子商务有限公司", "1", "平台运营")]), spare=("益阳市龙岭电子商务有限公司", "1", "平台运营"), wrong_by="1"))


# ------------------------------------------------------------------ the independent tester's layouts
# New, open (FAILURES.md, "New, open"): one builder per layout class the tester found, as dimension
# values of the generator; `test_tester_layout` holds each to the property by name (no xfail), so
# a class fails by name until the reader handles it.

TESTER: list[Repro] = []


def tester(expected: str, observed: str) -> Callable:
    def register(fn: Callable[[Path], Folder]) -> Callable[[Path], Folder]:
        TESTER.append(Repro(fn.__name__, fn, expected, observed))
        return fn

    return register


@tester("an error in 高新区.xlsx (7 among 120000s in a 元 column)", "高新区 3 / 21.0007 万元 (7 read as 7 元), exit 0, no error")
def one_line_in_wan_in_yuan_column(folder: Path) -> Folder:
    """金额（元）: 120000, 7, 90000 (the 7 typed in 万元); the 合计 adds them as typed."""
    return build(folder, {"slip": "one_line_wan"}, TWO_LINES)


@tester("an error in 高新区.xlsx (0.0007 among 12 and 9 in a 万元 column)", "高新区 3 / 21.0007 万元, exit 0, no error")
def one_line_tiny_in_wan_column(folder: Path) -> Folder:
    """No unit (万元): 12, 0.0007, 9; the 合计 adds them as typed."""
    return build(folder, {"slip": "one_line_tiny"}, TWO_LINES)


@tester("an error in 益阳市分配表.xlsx (赫山区's line typed in 万元 in the 元 column)", "赫山区 1 / 0.0003 万元, exit 0, no error")
def district_in_wan_in_yuan_city_list(folder: Path) -> Folder:
    """A city list, 区县 column, 金额（元）: 高新区 120000, 70000; 赫山区 3 (万元)."""
    return build(folder, {"slip": "district_wan"}, TWO_DISTRICTS)


@tester("an error in 高新区.xlsx (120000 and 70000 with no unit anywhere, no cap)", "高新区 2 / 190000 万元, exit 0, no error")
def yuan_without_unit_or_cap(folder: Path) -> Folder:
    """No unit line, none in the header or title, no cap in the settings: 120000, 70000 (元)."""
    return build(folder, {"slip": "yuan_unstated"}, TWO_LINES)


@tester("高新区 2 / 19 万元, exit 0", "read right, exit 0")
def no_unit_wan_amounts_control(folder: Path) -> Folder:
    """The clean control of the above: no unit, no settings file, 12 and 7 (万元)."""
    return build(folder, {"settings": "none"}, TWO_LINES)


@tester("高新区 2 / 19 万元 (核定补助), exit 0", "header-not-found 错误 (the table is not read), exit 1")
def granted_beside_requested_and_investment(folder: Path) -> Folder:
    """项目总投资 | 申请补助 | 核定补助: the granted one is the allocation."""
    return build(folder, {"amount_cols": "requested_invest"}, TWO_LINES)


@tester("高新区 2 / 19 万元 (调整后金额), exit 0", "高新区 2 / 21 万元 (原分配金额 taken), exit 0")
def adjusted_beside_original(folder: Path) -> Folder:
    """原分配金额 | 调整后金额 (the first line adjusted from 14 to 12): the adjusted one is the allocation."""
    return build(folder, {"amount_cols": "adjusted"}, TWO_LINES)


@tester("an error in 高新区.xlsx (refused), never exit 0", "header-not-found 错误, exit 1 (refused: holds)")
def transposed_table(folder: Path) -> Folder:
    """Recipients across a row; 序号, 单位名称, 金额, 资金用途 as row labels, 合计 in the last column."""
    return build(folder, {"shape": "transposed"}, TWO_LINES)


@tester("an error in 高新区.xlsx (which sheet is final is unknown)", "高新区 2 / 19 万元 (Sheet1), exit 0, no error")
def sheet_copy_amended(folder: Path) -> Folder:
    """“Sheet1 (2)” beside Sheet1 with the first amount 22 instead of 12 (its 合计 following)."""
    return build(folder, {"extra_sheet": "copy_amended"}, TWO_LINES)


@tester("an error in 高新区.xlsx (which sheet is final is unknown)", "高新区 2 / 19 万元 (Sheet1), exit 0, no error")
def sheet_copy_extended(folder: Path) -> Folder:
    """“Sheet1 (2)” beside Sheet1 with a third recipient added (its 合计 following)."""
    return build(folder, {"extra_sheet": "copy_extended"}, TWO_LINES)


@tester("an error in 高新区.xlsx, never a silent half", "amount-column-ambiguous 错误, exit 1 (refused: holds)")
def side_by_side_blocks(folder: Path) -> Folder:
    """序号|单位名称|金额 twice on one row band, one district, no 合计."""
    return build(folder, {"shape": "side_by_side"}, TWO_LINES)


@tester("an error in 高新区.xlsx, never a silent half", "高新区 1 / 12 万元 (the left half), exit 0")
def side_by_side_blocks_amount_column_set(folder: Path) -> Folder:
    """The same, with [columns] amount = "金额" in xlfund.toml."""
    return build(folder, {"shape": "side_by_side", "settings": "amount_column"}, TWO_LINES)


@tester("an error in 高新区.xlsx (a line the 合计 does not cover)", "高新区 3 / 25 万元, exit 0, no error (the line is counted, the 合计 not checked against it)")
def line_below_total(folder: Path) -> Folder:
    """A recipient line (6 万元) under the 合计 (19)."""
    return build(folder, {"slip": "line_below_total"}, TWO_LINES)


@tester("高新区 2 / 19 万元, exit 0", "district-undetermined 错误, booked to （未识别区县）, exit 1")
def district_in_filler_at_bottom(folder: Path) -> Folder:
    """报送表1.xlsx, title without a district; 填报单位：高新区商务局 on the last line."""
    return build(folder, {"district_source": "filler_bottom", "title": "fund_year"}, TWO_LINES)


@tester("高新区 3 / 19 万元 (two lines of one recipient, 7 and 5, and one of 7), exit 0", "name-missing 错误 on the 第二批 row (its merged name reads blank), stated-total-mismatch 错误, exit 1")
def recipient_over_two_batch_rows(folder: Path) -> Folder:
    """One name (序号, 用途) merged over two rows, 7 and 5, 备注 第一批/第二批; 合计 19 over both."""
    return build(folder, {"shape": "two_batches"}, TWO_LINES)


@tester("高新区 2 / 19 万元, 赫山区 1 / 3 万元, exit 0", "district-unknown 错误: the file name 两区 taken as the district, exit 1")
def separator_rows_in_two_district_file(folder: Path) -> Folder:
    """两区.xlsx: 高新区： its lines 小计, 赫山区： its line 小计, then 合计."""
    return build(folder, {"district_source": "separators"}, TWO_DISTRICTS)


# Left open on main at da9a054 by the 3,000-folder run (seed 5): the minimal folders of its classes.


@tester("an error in 高新区.xlsx (13 typed 0.0013 among lines of 1)", "高新区 3 / 2.0013 万元, exit 0 (under the 1/1000-of-the-median bar)")
def tiny_slip_on_a_large_line(folder: Path) -> Folder:
    """A 万元 column 1, 0.0013, 1: the slipped line is large, so 1/10000 of it is not 1/1000 of the median."""
    return build(folder, {"slip": "one_line_tiny"},
                 content(("高新区", [("益阳市云端电子商务有限公司", "1", "平台运营"), ("益阳市益丰网络科技有限公司", "13", "网店建设"),
                                  ("益阳市银城物流有限公司", "1", "物流配送")]), spare_at=1))


@tester("an error in each file (赫山区's 3 beside 120000, its 40 beside 5000, typed in 万元 in a 元 column)",
        "赫山区 2 / 0.0043 万元, exit 0, no error (two lines a file: no median to hold the slip against)")
def district_in_wan_split_over_two_files(folder: Path) -> Folder:
    """A city list in 元 split 第一批/第二批, 赫山区's lines typed in 万元: 120000 and 3, then 5000 and 40."""
    return build(folder, {"slip": "district_wan", "files_split": "two"},
                 content(("高新区", [("益阳市云端电子商务有限公司", "12", "平台运营"), ("益阳市益丰网络科技有限公司", "0.5", "网店建设")]),
                         ("赫山区", [("益阳市银城物流有限公司", "3", "物流配送"), ("益阳市黑茶物流有限公司", "40", "物流配送")])))


@tester("高新区 2 / 19 万元 (调整后金额), exit 0", "amount-columns-side-by-side 错误: both columns taken as “资金安排情况”, exit 1")
def adjusted_beside_original_under_super_header(folder: Path) -> Folder:
    """资金安排情况 merged over 原分配金额 | 调整后金额."""
    return build(folder, {"amount_cols": "adjusted", "header": "super_header"}, TWO_LINES)


@tester("高新区 2 / 19 万元 (金额), exit 0", "amount-column-ambiguous 错误 (申请金额 and 金额) though the settings name 金额, exit 1")
def amount_column_setting_beside_requested(folder: Path) -> Folder:
    """申请金额 | 金额 with [columns] amount = "金额" in xlfund.toml."""
    return build(folder, {"extra_cols": "申请金额", "settings": "amount_column"}, TWO_LINES)


@tester("高新区 2 / 19 万元 (核定补助), exit 0", "name-missing 错误 on the sub-header row 项目总投资|申请补助|核定补助, exit 1")
def three_money_columns_under_super_header_in_csv(folder: Path) -> Folder:
    """A CSV: 资金安排情况 above 项目总投资 | 申请补助 | 核定补助 (no merges to tell the second header row)."""
    return build(folder, {"file_format": "csv", "header": "super_header", "amount_cols": "requested_invest"}, TWO_LINES)
