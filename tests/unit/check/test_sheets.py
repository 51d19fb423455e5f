"""xlfund.check.sheets: which sheets of one workbook count (skipped, copies, another fund or
year, hidden) and whether a workbook is an allocation table at all."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import rec

from xlfund.check.sheets import SheetFacts, not_an_allocation, same_fund, sheets_left_out, tables_of_other_years
from xlfund.findings import Place, finding
from xlfund.model import RowCounts, SheetResult

FINAL = [("甲公司", 10), ("乙公司", 5)]
TITLE = "2018年电商资金分配表"


def sheet(name: str, lines=FINAL, title: str = TITLE, hidden: bool = False) -> SheetFacts:
    records = [rec(n, wan, sheet=name, row=3 + i) for i, (n, wan) in enumerate(lines)]
    return SheetFacts(SheetResult(name, records=records), title, hidden)


def left(sheets, fund: str = "电商资金", year: int | None = 2018, skip: tuple[str, ...] = ()) -> list[tuple]:
    """(index, code, sheet, message) of every sheet left out."""
    return [(item.index, item.finding.code, item.finding.place.sheet, item.finding.message)
            for item in sheets_left_out(sheets, "高新区.xlsx", fund, year, skip)]


def test_every_sheet_counts():
    assert left([sheet("分配表"), sheet("赫山", [("丙公司", 1)])]) == []


def test_a_sheet_named_in_the_settings_is_skipped():
    assert left([sheet("分配表"), sheet("补充", [("丙公司", 1)])], skip=("补充",)) == [
        (1, "sheet-skipped-by-settings", "补充", "按设置文件 [sheets] skip 未计入（1 个单位）")]


def test_a_skipped_sheet_is_no_copy_of_another():
    # Skipped by the settings, the copy is not held against the sheet it repeats.
    assert [row[:2] for row in left([sheet("Sheet1"), sheet("Sheet2")], skip=("Sheet1",))] == [(0, "sheet-skipped-by-settings")]


def test_a_sheet_without_lines_never_counts_nor_is_left_out():
    assert left([sheet("分配表"), sheet("说明", [])], skip=("说明",)) == []


REPEATS = ("这张工作表的单位与“Sheet1”大多相同，无法判断哪一张是最终数字，暂只计入“Sheet1”（本表 2 个单位未计入）。"
           "请删去多余的工作表，或在 xlfund.toml 的 [sheets] skip 中写明不计入的工作表名；如两张表是两批拨付、都应计入，请把工作表名改为“第一批”“第二批”")


@pytest.mark.parametrize(
    ("sheets", "expected"),
    [
        # nothing tells which is final: the later is left out, as an error
        ([sheet("Sheet1"), sheet("Sheet2")], [(1, "sheet-repeats", "Sheet2", REPEATS)]),
        # a working sheet by its name, after or before the final one
        ([sheet("分配表"), sheet("测算")],
         [(1, "sheet-working-copy", "测算", "这张工作表名称或标题写明“测算”，其各行与“分配表”相同，视为测算底稿或副本，未计入（以“分配表”为准）")]),
        ([sheet("测算"), sheet("分配表")],
         [(0, "sheet-working-copy", "测算", "这张工作表名称或标题写明“测算”，其各行与“分配表”相同，视为测算底稿或副本，未计入（以“分配表”为准）")]),
        # by its title
        ([sheet("Sheet1"), sheet("Sheet2", title="分配表（草稿）")],
         [(1, "sheet-working-copy", "Sheet2", "这张工作表名称或标题写明“草稿”，其各行与“Sheet1”相同，视为测算底稿或副本，未计入（以“Sheet1”为准）")]),
        # hidden
        ([sheet("Sheet1", hidden=True), sheet("Sheet2")],
         [(0, "sheet-working-copy", "Sheet1", "这张工作表是隐藏的工作表，其各行与“Sheet2”相同，视为测算底稿或副本，未计入（以“Sheet2”为准）")]),
        # both working sheets: nothing tells them apart either
        ([sheet("测算1", title="测算"), sheet("测算2", title="测算")], [(1, "sheet-repeats", "测算2", REPEATS.replace("Sheet1", "测算1"))]),
    ],
)
def test_a_sheet_that_repeats_another(sheets, expected):
    assert left(sheets) == expected


def test_a_copy_that_differs_may_be_the_corrected_one():
    original = [("甲公司", 10), ("乙公司", 5), ("丙公司", 6), ("丁公司", 4)]
    changed = [("甲公司", 10), ("乙公司", 5), ("丙公司", 8), ("丁公司", 4), ("戊公司", 3)]
    # a copy named only "(2)" with a line changed and one added: which is final is the clerk's
    assert [row[:3] for row in left([sheet("Sheet1", original), sheet("Sheet1 (2)", changed)])] == [(1, "sheet-repeats", "Sheet1 (2)")]
    # the same copy unchanged is a copy
    assert [row[:3] for row in left([sheet("Sheet1", original), sheet("Sheet1 (2)", original)])] == [(1, "sheet-working-copy", "Sheet1 (2)")]
    # a sheet named a working sheet stays one, and the message says its lines are mostly the same
    (found,) = left([sheet("分配表", original), sheet("测算", changed)])
    assert found[:3] == (1, "sheet-working-copy", "测算") and "大多相同" in found[3]


@pytest.mark.parametrize(
    ("first", "other", "repeats"),
    [
        (FINAL, [("甲公司", 10)], True),  # all of the smaller sheet's lines are in the other
        (FINAL, [("甲公司", 10), ("丙公司", 1)], True),  # half of them: REPEAT_SHARE
        (FINAL, [("甲公司", 10), ("丙公司", 1), ("丁公司", 2)], True),  # half of the smaller (the first)
        (FINAL + [("戊公司", 3)], [("甲公司", 10), ("丙公司", 1), ("丁公司", 2)], False),  # a third
        # the same names with other amounts: a copy amended, or a second batch; which counts is the clerk's
        (FINAL, [("甲公司", 11), ("乙公司", 6)], True),
        (FINAL, [("甲 公 司", 10), ("乙公司", 5)], True),  # names compared as normalised
        (FINAL, [("丙公司", 1), ("丁公司", 2)], False),
        # the same line twice on both sheets counts twice: 2 shared of 4
        (FINAL + [("甲公司", 10), ("戊公司", 3)], [("甲公司", 10), ("甲公司", 10), ("丙公司", 1), ("丁公司", 1)], True),
        # once on one sheet and twice on the other: 1 shared of 4
        (FINAL + [("戊公司", 3), ("己公司", 3)], [("甲公司", 10), ("甲公司", 10), ("丙公司", 1), ("丁公司", 1)], False),
    ],
)
def test_how_much_must_repeat(first, other, repeats):
    assert [row[1] for row in left([sheet("Sheet1", first), sheet("Sheet2", other)])] == (["sheet-repeats"] if repeats else [])


def test_three_copies_leave_two_out_each_held_against_the_first():
    found = sheets_left_out([sheet("Sheet1"), sheet("Sheet2"), sheet("Sheet3")], "a.xlsx", "", None)
    assert [(item.index, item.finding.code, item.finding.param("other")) for item in found] == [
        (1, "sheet-repeats", "Sheet1"), (2, "sheet-repeats", "Sheet1")]


def test_a_sheet_is_held_only_against_sheets_that_still_count():
    # B repeats half of A and is left out; C repeats half of B but nothing of A: C counts.
    a = sheet("A", [("甲", 1), ("乙", 1), ("丙", 1), ("丁", 1)])
    b = sheet("B", [("甲", 1), ("乙", 1), ("戊", 1), ("己", 1)])
    c = sheet("C", [("戊", 1), ("己", 1), ("庚", 1), ("辛", 1)])
    assert [row[:3] for row in left([a, b, c])] == [(1, "sheet-repeats", "B")]


def test_a_sheet_is_not_hidden_unless_the_file_says_so():
    facts = SheetFacts(SheetResult("补充", records=[rec("丙公司", 1, sheet="补充")]), "")
    assert (facts.hidden, left([sheet("分配表"), facts])) == (False, [])


@pytest.mark.parametrize(
    ("name", "title", "code", "message"),
    [
        ("补充", "", "sheet-hidden-with-money",
         "这是隐藏的工作表，其中有 2 个单位（15.00 万元），未计入。如应计入，请取消隐藏；不应计入，请删除该表"),
        ("旧表", "", "sheet-hidden-old", "这是隐藏的工作表，名称或标题写明“旧”，视为旧版或底稿，其中 2 个单位（15.00 万元）未计入；如应计入，请取消隐藏并改名"),
        ("补充", "分配表备份", "sheet-hidden-old",
         "这是隐藏的工作表，名称或标题写明“备份”，视为旧版或底稿，其中 2 个单位（15.00 万元）未计入；如应计入，请取消隐藏并改名"),
    ],
)
def test_a_hidden_sheet_with_lines_of_its_own(name, title, code, message):
    lines = [("丙公司", "7.5"), ("丁公司", "7.5")]
    assert left([sheet("分配表"), sheet(name, lines, title=title, hidden=True)]) == [(1, code, name, message)]


def test_a_hidden_sheet_skipped_by_the_settings_is_said_once():
    assert [row[:2] for row in left([sheet("分配表"), sheet("补充", [("丙公司", 1)], hidden=True)], skip=("补充",))] == [
        (1, "sheet-skipped-by-settings")]


def test_a_hidden_copy_is_a_working_copy_not_a_hidden_sheet_with_money():
    assert [row[:2] for row in left([sheet("分配表"), sheet("补充", hidden=True)])] == [(1, "sheet-working-copy")]


LAST_YEAR = [("丁公司", 7)]


@pytest.mark.parametrize(
    ("titles", "year", "expected"),
    [
        ([TITLE, "2017年电商资金分配表"], 2018, [(1, "sheet-other-fund", "标题写的是 2017 年，不是 2018 年，本表 1 个单位未计入（同一文件中另有本资金的工作表）")]),
        (["2017年电商资金分配表"], 2018, [(0, "file-other-fund", "标题写的是 2017 年，不是 2018 年，本表 1 个单位未计入。请核对是否放错了文件；如确属本资金，请改正标题")]),
        (["2016年、2017年度电商资金分配表"], 2018, [(0, "file-other-fund", "标题写的是 2016、2017 年，不是 2018 年，本表 1 个单位未计入。请核对是否放错了文件；如确属本资金，请改正标题")]),
        (["2017年、2018年电商资金分配表"], 2018, []),  # this year among them
        (["2017年电商资金分配表"], None, []),  # no year in the settings
        (["电商资金分配表"], 2018, []),  # no year in the title
        (["120172018年"], 2018, []),  # a year inside a longer number is no year
    ],
)
def test_another_years_sheet(titles, year, expected):
    sheets = [sheet(f"S{i}", FINAL if i == 0 and len(titles) > 1 else LAST_YEAR, title=t) for i, t in enumerate(titles)]
    assert [(i, code, message) for i, code, _s, message in left(sheets, year=year)] == expected


OURS = "益阳市电子商务发展引导资金分配表"
THEIRS = "家政服务业发展专项资金分配表"


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        ([OURS, THEIRS], [(1, "sheet-other-fund", "标题写的是“家政服务业发展专项资金”，不是“益阳市电子商务发展引导资金”，本表 1 个单位未计入（同一文件中另有本资金的工作表）")]),
        ([THEIRS, OURS], [(0, "sheet-other-fund", "标题写的是“家政服务业发展专项资金”，不是“益阳市电子商务发展引导资金”，本表 1 个单位未计入（同一文件中另有本资金的工作表）")]),
        ([THEIRS], []),  # no sheet beside it names this fund: names of one fund vary too much to say
        ([OURS, "关于下达2018年电子商务发展资金的通知"], []),  # the same fund, worded otherwise
    ],
)
def test_another_funds_sheet(titles, expected):
    sheets = [sheet(f"S{i}", [(f"公司{i}", 1)], title=t) for i, t in enumerate(titles)]
    assert [(i, code, message) for i, code, _s, message in left(sheets, fund="益阳市电子商务发展引导资金")] == expected


@pytest.mark.parametrize(
    ("named", "fund", "same"),
    [
        ("家政服务业发展专项资金", "", True),  # no fund in the settings
        ("家政服务业发展专项资金", "专项资金", True),
        ("电子商务发展引导资金", "益阳市电子商务发展引导资金", True),
        ("2018年电商资金", "电子商务资金", True),  # 电商 in 电子商务: 2 of 2
        ("家政服务业发展专项资金", "益阳市电子商务发展引导资金", False),
        ("专项资金", "电子商务发展资金", True),  # nothing left of the title's: nothing to hold against
        ("电商扶贫资金", "电商资金", True),
        ("电商扶贫帮建资金", "电子商务进农村资金", False),  # 电商 of 电商扶贫帮建: 2 of 6 (a third)
        ("商贸流通资金", "商务发展资金", False),  # 商 of 商贸流通 and 商务: 1 of 2 (a half)
        ("电商发展资金", "电子商务资金", True),
        ("电子商务资金", "农村电商物流资金", True),  # 电子商务 read as 电商: all of the title's words are in the fund's
        ("农村电子商务资金", "农村电商物流资金", True),  # 农村电商: 4 of 6 (0.67)
    ],
)
def test_same_fund(named, fund, same):
    assert same_fund(named, fund) is same


def test_another_funds_title_with_its_year_is_quoted_without_the_year():
    sheets = [sheet("S0", [("甲公司", 1)], title="2018年" + OURS), sheet("S1", [("乙公司", 1)], title="2018年" + THEIRS)]
    assert [message for _i, _c, _s, message in left(sheets, fund="益阳市电子商务发展引导资金")] == [
        "标题写的是“家政服务业发展专项资金”，不是“益阳市电子商务发展引导资金”，本表 1 个单位未计入（同一文件中另有本资金的工作表）"]


def result_of(records: int = 0, numbers: int = 0, rejected: int = 0, refused: str | None = None) -> SheetResult:
    findings = [finding("name-is-number", Place("a.xlsx", "S", 3 + i, 1), name=str(2000 + i)) for i in range(numbers)]
    if refused:
        findings.append(finding(refused, Place("a.xlsx", "S"), **_REFUSAL[refused]))
    return SheetResult("S", records=[rec(f"公司{i}", 1) for i in range(records)], findings=findings,
                       counts=RowCounts(rejected=rejected + numbers))


_REFUSAL = {"header-not-found": {"rows": 30, "seen": "（无）"}, "unit-not-money": {"source": "单位行", "written": "笔"},
            "amount-column-ambiguous": {"columns": "B、C", "example": "金额"}}


@pytest.mark.parametrize(
    ("results", "evidence"),
    [
        ([result_of(records=10)], ""),
        ([result_of(numbers=30)], "30 行中有 30 行的“单位名称”是数字"),
        ([result_of(records=7, numbers=3)], "10 行中有 3 行的“单位名称”是数字"),  # 30 %: enough
        ([result_of(records=8, numbers=3)], ""),  # 27 %
        ([result_of(records=2, numbers=2)], ""),  # two numbers are slips, not a table of numbers
        ([result_of(records=4, numbers=2), result_of(numbers=1)], "7 行中有 3 行的“单位名称”是数字"),  # the workbook as a whole
        ([result_of(records=7, rejected=21)], "28 行中只有 7 行读得出单位和金额，21 行无法读取"),  # three times the lines read
        ([result_of(records=7, rejected=20)], ""),  # not three times
        ([result_of(records=0, rejected=19)], ""),  # under 20 unread lines: a few rows to look at one by one
        ([result_of(records=5, rejected=15), result_of(rejected=5)], "25 行中只有 5 行读得出单位和金额，20 行无法读取"),
        ([result_of(records=0, rejected=20)], "20 行中只有 0 行读得出单位和金额，20 行无法读取"),
        ([result_of(rejected=40, refused="header-not-found")], ""),  # a sheet refused as a whole says so itself
        ([result_of(rejected=40, refused="unit-not-money")], ""),
        ([result_of(numbers=40, refused="amount-column-ambiguous")], ""),
    ],
)
def test_not_an_allocation(results, evidence):
    assert not_an_allocation(results) == evidence


def test_the_amount_of_a_hidden_sheet_is_exact():
    facts = sheet("补充", [("丙公司", "0.000001"), ("丁公司", "1.5")], hidden=True)
    (item,) = sheets_left_out([sheet("分配表"), facts], "a.xlsx", "", None)
    assert (item.finding.param("amount"), item.finding.param("count")) == (Decimal("1.500001"), 2)


def test_sheets_of_two_batches_both_count():
    first = [("甲公司", 5), ("乙公司", 5), ("丙公司", 5), ("丁公司", 5)]
    second = [("甲公司", 5), ("乙公司", 5), ("丙公司", 5), ("戊公司", 2)]
    assert left([sheet("第一批拨付", first), sheet("第二批拨付", second)]) == []
    assert left([sheet("Sheet1", first, title="2018年电商资金第一批分配表"), sheet("Sheet2", second, title="2018年电商资金第二批分配表")]) == []
    # the same batch twice is a repeat
    assert [row[1] for row in left([sheet("第一批", first), sheet("第一批 (2)", second)])] == ["sheet-repeats"]


def test_a_later_table_of_another_year():
    result = SheetResult("Sheet1", records=[rec("甲公司", 5, row=3), rec("乙公司", 4, row=4), rec("丙公司", 6, row=8)],
                         table_titles=[(6, "2017年资阳区电子商务发展引导资金（结转）分配表")])
    (found,) = tables_of_other_years(result, "资阳区.xlsx", 2018)
    assert (found.code, found.cell, found.param("count"), found.param("amount")) == ("table-other-year", "A6", 1, Decimal(6))
    assert tables_of_other_years(result, "资阳区.xlsx", 2017) == []
    assert tables_of_other_years(result, "资阳区.xlsx", None) == []
