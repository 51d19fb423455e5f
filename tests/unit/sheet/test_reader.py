"""xlfund.sheet.reader: one sheet read from a grid into row kinds, records, stated totals and findings.

Each layout is a small grid as offices make them; the kinds string has one letter per row
(T title, H header, R record, G group, S 小计, A 合计, B breakdown, N note, X rejected, _ blank)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from unitkit import codes, people, read, totals

from xlfund.findings import Place
from xlfund.model import RowCounts
from xlfund.sheet.reader import SheetContext, read_sheet

H = ["序号", "单位名称", "金额", "资金用途"]
U = "（未识别区县）"


@dataclass
class Case:
    name: str
    rows: list
    kinds: str
    people: list
    totals: list = field(default_factory=list)
    codes: list = field(default_factory=list)
    merged: list = field(default_factory=list)
    options: dict = field(default_factory=lambda: {"file": "高新区.xlsx"})


CASES = [
    Case("plain list with a bottom total and notes",
         [["高新区2018年分配表"], ["单位：万元"], H, [1, "甲公司", 12, "平台"], [2, "乙公司", "5万元", "推广"], [None] * 4,
          ["合计", None, 17, None], ["注：以上名单已公示"], ["填表人：张三"], ["2018年12月20日"]],
         "TTHRR_ANNN", [("高新区", "甲公司", "12", 4), ("高新区", "乙公司", "5", 5)], [(7, "合计", "17", 4, 6)],
         options={"file": "名单.xlsx"}),
    Case("合计 and 小计 written in the name column, a note too",
         [H, [1, "甲公司", 10, "a"], [2, "乙公司", 5, "b"], [None, "小计", 15, None], [3, "丙公司", 1, "c"], [None, "合计", 16, None],
          [None, "注：以上已公示", None, None]],
         "HRRSRAN", [("高新区", "甲公司", "10", 2), ("高新区", "乙公司", "5", 3), ("高新区", "丙公司", "1", 5)],
         [(4, "小计", "15", 2, 3), (6, "合计", "16", 2, 5)]),
    Case("合 计 with a space, 总计 in the seq column",
         [H, [1, "甲公司", 10, "a"], ["合 计", None, 10, None], ["总计", None, 10, None]],
         "HRAA", [("高新区", "甲公司", "10", 2)], [(3, "合计", "10", 2, 2), (4, "总计", "10", 2, 3)]),
    Case("the header repeated at a printed page break",
         [H, [1, "甲公司", 10, "a"], H, [2, "乙公司", 5, "b"], ["合计", None, 15, None]],
         "HRHRA", [("高新区", "甲公司", "10", 2), ("高新区", "乙公司", "5", 4)], [(5, "合计", "15", 2, 4)]),
    Case("the header repeated after a top total",
         [H, ["合计", None, 15, None], [1, "甲公司", 10, "a"], H, [2, "乙公司", 5, "b"]],
         "HARHR", [("高新区", "甲公司", "10", 3), ("高新区", "乙公司", "5", 5)], [(2, "合计", "15", 3, 5)]),
    Case("blank rows inside the table, a line with only its number",
         [["序号", "单位名称", "金额"], [1, "甲公司", 10], [None, None, None], [], [2, None, None], [3, "乙公司", 5], ["  ", None, ""],
          ["合计", None, 15]],
         "HR__ER_A", [("高新区", "甲公司", "10", 2), ("高新区", "乙公司", "5", 6)], [(8, "合计", "15", 2, 7)]),
    Case("a total at the top covers the table below it",
         [H, ["合计", None, 45, None], [1, "甲公司", 20, "a"], [2, "丙公司", 25, "c"]],
         "HARR", [("高新区", "甲公司", "20", 3), ("高新区", "丙公司", "25", 4)], [(2, "合计", "45", 3, 4)]),
    Case("groups with their subtotals on the group rows",
         [["益阳市2018年电商资金分配表"], ["单位：万元"], H, ["一、高新区", None, 30, None], [1, "甲公司", 20, "a"], [2, "乙公司", 10, "b"],
          ["二、赫山区", None, 25, None], [1, "丙公司", 25, "c"], ["合计", None, 55, None]],
         "TTHGRRGRA", [("高新区", "甲公司", "20", 5), ("高新区", "乙公司", "10", 6), ("赫山区", "丙公司", "25", 8)],
         [(4, "高新区", "30", 5, 6), (7, "赫山区", "25", 8, 8), (9, "合计", "55", 4, 8)], options={"file": "市.xlsx"}),
    Case("nested groups: districts, then kinds of recipient",
         [H, ["一、高新区", None, 30, None], ["（一）企业", None, 20, None], [1, "甲公司", 20, "a"], ["（二）村（社区）", None, 10, None],
          [1, "金湖村", 10, "b"], ["二、赫山区", None, None, None], [1, "丙公司", 25, "c"]],
         "HGGRGRGR", [("高新区", "甲公司", "20", 4), ("高新区", "金湖村", "10", 6), ("赫山区", "丙公司", "25", 8)],
         [(2, "高新区", "30", 3, 6), (3, "企业", "20", 4, 4), (5, "村(社区)", "10", 6, 6)], options={"file": "市.xlsx"}),
    Case("bare district names over their lines",
         [H, [None, "高新区", None, None], [1, "甲公司", 20, "a"], [None, "赫山区", 25, None], [1, "丙公司", 25, "c"], ["合计", None, 45, None]],
         "HGRGRA", [("高新区", "甲公司", "20", 3), ("赫山区", "丙公司", "25", 5)], [(4, "赫山区", "25", 5, 5), (6, "合计", "45", 2, 5)],
         options={"file": "市.xlsx"}),
    Case("a bare district with no lines under it is a recipient's line",
         [H, [None, "高新区", 20, None], [None, "赫山区", 25, None], ["合计", None, 45, None]],
         "HRRA", [("高新区", "高新区", "20", 2), ("高新区", "赫山区", "25", 3)], [(4, "合计", "45", 2, 3)]),
    Case("a district name with a purpose beside it is a recipient",
         [H, [None, "赫山区", 5, "平台运营"], [1, "甲公司", 2, "a"]],
         "HRR", [("高新区", "赫山区", "5", 2), ("高新区", "甲公司", "2", 3)]),
    Case("a group row written like a recipient: no fast path for （一）…",
         [H, [None, "（一）企业类", 20, None], [1, "甲公司", 20, "a"]],
         "HGR", [("高新区", "甲公司", "20", 3)], [(2, "企业类", "20", 3, 3)]),
    Case("breakdown lines after the total",
         [H, [1, "甲公司", 20, "a"], [2, "金湖村", 25, "c"], ["合计", None, 45, None], ["其中：企业", None, 20, None],
          ["村（社区）", None, 25, None], ["其他", None, None, None], ["赫山区", None, 1, None]],
         "HRRABBBB", [("高新区", "甲公司", "20", 2), ("高新区", "金湖村", "25", 3)],
         [(4, "合计", "45", 2, 3), (5, "其中：企业", "20", 2, 3), (6, "其中：村(社区)", "25", 2, 3), (8, "其中：赫山区", "1", 2, 3)]),
    Case("a breakdown line in the name column",
         [H, [1, "甲公司", 20, "a"], [None, "合计", 20, None], [None, "其中：企业", 20, None], [2, "乙公司", 1, "b"]],
         "HRABR", [("高新区", "甲公司", "20", 2), ("高新区", "乙公司", "1", 5)], [(3, "合计", "20", 2, 2), (4, "其中：企业", "20", 2, 2)],
         [("lines-after-total", "B5")]),
    # counted, and an error: the submitter's own 合计 leaves them out
    Case("a recipient right after a total is a recipient",
         [H, [1, "甲公司", 20, "a"], ["合计", None, 20, None], [2, "乙公司", 1, "b"], [3, "某某商贸公司", 2, "c"]],
         "HRARR", [("高新区", "甲公司", "20", 2), ("高新区", "乙公司", "1", 4), ("高新区", "某某商贸公司", "2", 5)],
         [(3, "合计", "20", 2, 2)], [("lines-after-total", "B4")]),
    Case("two tables, each with its header and total, then a grand total",
         [["高新区"], H, [1, "甲公司", 20, "a"], ["合计", None, 20, None], [None] * 4, ["附表"], ["序号", "企业名称", "扶持资金", "用途"],
          [1, "丙公司", 25, "c"], ["合计", None, 25, None], ["总计", None, 45, None]],
         "THRA_THRAA", [("高新区", "甲公司", "20", 3), ("高新区", "丙公司", "25", 8)],
         [(4, "合计", "20", 3, 3), (9, "合计", "25", 8, 8), (10, "总计", "45", 3, 9)], options={"file": "市.xlsx"}),
    Case("two tables with totals at their tops",
         [H, ["合计", None, 20, None], [1, "甲公司", 20, "a"], [None] * 4, ["序号", "企业名称", "扶持资金", "用途"], ["合计", None, 25, None],
          [1, "丙公司", 25, "c"]],
         # the first top total runs to the row of the next header (no line there)
         "HAR_HAR", [("高新区", "甲公司", "20", 3), ("高新区", "丙公司", "25", 7)], [(2, "合计", "20", 3, 5), (6, "合计", "25", 7, 7)]),
    Case("notes, signatures, dates and a telephone number in the amount column",
         [["单位名称", "金额"], ["甲公司", 2], ["联系电话", 13800000000], ["联系电话：0737-1234567", None], ["审核人：李四", None],
          ["2018-12-20", None], [None, "填表人：张三"], ["说明：", "以上"], ["备注", 3]],
         "HRNNNNNNN", [("高新区", "甲公司", "2", 2)]),
    Case("a blank row right under the header",
         [H, [None] * 4, [1, "甲公司", 2, "a"]],
         "H_R", [("高新区", "甲公司", "2", 3)]),
    Case("a note in the 序号 column with a number in the amount column",
         [H, [1, "甲公司", 2, "a"], ["联系电话：0737", None, 12345678, None], ["注：", None, 5, None]],
         "HRNN", [("高新区", "甲公司", "2", 2)]),
    Case("breakdown lines without an amount state nothing",
         [H, [1, "甲公司", 20, "a"], ["合计", None, 20, None], ["其中：企业", None, None, None], ["村（社区）", None, "", None]],
         "HRABB", [("高新区", "甲公司", "20", 2)], [(3, "合计", "20", 2, 2)]),
    Case("rows the reader cannot count are rejected at their cell",
         [["序号", "单位名称", "金额"], [1, "甲公司", 0], [2, "乙公司", 0.0], [3, "丙公司", -1], [4, "丁公司", True], [5, None, 3],
          [6, "戊公司", None], [7, "己公司", "很多"], [8, "庚公司", "5万元元"]],
         "HXXXXXXXR", [("高新区", "庚公司", "5", 9)], [],
         [("amount-not-positive", "C2"), ("amount-not-positive", "C3"), ("amount-not-positive", "C4"), ("amount-unparseable", "C5"),
          ("name-missing", "B6"), ("amount-missing", "C7"), ("amount-unparseable", "C8"), ("amount-unit-typo", "C9")]),
    Case("a name-only line under a header with a 序号 column is a recipient without amount",
         [["序号", "单位名称", "金额"], [None, "甲公司", None], [None, None, "x"]],
         "HXX", [], [], [("amount-missing", "C2"), ("name-missing", "B3")]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_layout(case: Case):
    result = read(case.rows, case.merged, **case.options)
    assert result.layout.kinds == case.kinds
    assert people(result) == case.people
    assert totals(result) == case.totals
    assert codes(result) == case.codes
    assert result.counts.balanced() and result.counts.read == len(case.rows)


def test_counts_come_from_the_kinds():
    result = read(CASES[0].rows, file="名单.xlsx")
    assert result.counts == RowCounts(read=10, records=2, header=3, totals=1, groups=0, notes=3, rejected=0, blank=1)
    result = read(CASES[5].rows)  # blank rows inside a table
    assert result.counts == RowCounts(read=8, records=2, header=1, totals=1, groups=0, notes=0, rejected=0, blank=4)


def test_the_layout_explains_the_reading():
    result = read([["益阳市赫山区分配表"], ["单位：元"], ["序号", "单位名称", "申请金额", "核定金额", "资金用途"], [1, "甲公司", 3, 20000, "平台"]],
                  file="名单.xlsx")
    layout = result.layout
    assert layout.header_rows == (3, 3)
    assert layout.columns == {"seq": "A “序号”", "name": "B “单位名称”", "purpose": "E “资金用途”", "amount": "D “核定金额”（优先于“申请金额”）"}
    assert (layout.unit, layout.unit_source, layout.district, layout.district_source) == ("元", "单位行", "赫山区", "表头标题")
    assert layout.summary is False
    assert people(result) == [("赫山区", "甲公司", "2", 4)]
    record = result.records[0]
    assert (record.purpose, record.purpose_group, record.category, record.amount_col, record.cell, record.file, record.sheet, record.remark) == (
        "平台", "平台建设与运营", "企业", 3, "D4", "名单.xlsx", "Sheet1", "")
    assert record.district_source == "title"


# ---------------------------------------------------------------- two-row headers


def test_a_two_row_header_merged_down():
    rows = [["名单"], ["序号", "所属区县", "项目单位", "扶持情况", None], [None, None, None, "补助资金（万元）", "主要用途"],
            [1, "赫山区", "甲公司", 10, "运营"], [2, None, "乙公司", 5.5, "推广"], ["合  计", None, None, 15.5, None]]
    merged = [((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2)), ((1, 3), (1, 4)), ((3, 1), (4, 1))]
    result = read(rows, merged, file="名单.xlsx")
    assert result.layout.kinds == "THHRRA"
    assert result.layout.header_rows == (2, 3)
    assert people(result) == [("赫山区", "甲公司", "10", 4), ("赫山区", "乙公司", "5.5", 5)]
    assert [r.purpose for r in result.records] == ["运营", "推广"]
    assert totals(result) == [(6, "合计", "15.5", 4, 5)]
    assert (result.layout.unit, result.layout.unit_source) == ("万元", "金额列表头")


def test_a_two_row_header_whose_top_row_is_not_merged_down():
    # only the super header 扶持情况 is merged (across); 序号 and 单位名称 stand in the top row alone
    rows = [["序号", "单位名称", "扶持情况", None], [None, None, "金额（元）", "备注"], [1, "甲公司", 20000, "x"], ["合计", None, 20000, None]]
    result = read(rows, [((0, 2), (0, 3))])
    assert result.layout.kinds == "HHRA"
    assert result.layout.header_rows == (1, 2)
    assert people(result) == [("高新区", "甲公司", "2", 3)]
    assert [r.remark for r in result.records] == ["x"]
    assert totals(result) == [(4, "合计", "2", 3, 3)]
    assert result.layout.columns == {"seq": "A “序号”", "name": "B “单位名称”", "remark": "D “扶持情况 备注”", "amount": "C “扶持情况 金额（元）”"}
    assert codes(result) == []


@pytest.mark.parametrize("other", ["备注", "资金用途"])
def test_a_super_header_that_is_an_amount_word(other):
    rows = [["序号", "单位名称", "扶持资金", None], [None, None, "金额（元）", other], [1, "甲公司", 20000, "x"], ["合计", None, 20000, None]]
    result = read(rows, [((0, 2), (0, 3))])
    assert (result.layout.kinds, people(result), codes(result)) == ("HHRA", [("高新区", "甲公司", "2", 3)], [])
    assert "amount" in result.layout.columns and result.layout.columns.get("purpose" if other == "资金用途" else "remark", "").startswith("D")


def test_a_unit_row_under_an_unmerged_header():
    result = read([["序号", "单位名称", "金额"], [None, None, "（元）"], [1, "甲公司", 20000]])
    assert (result.layout.kinds, people(result), codes(result)) == ("HHR", [("高新区", "甲公司", "2", 3)], [])


def test_an_amount_split_by_source_checks_its_parts():
    rows = [["序号", "单位名称", "合计", "其中", None], [None, None, None, "省级", "市级"], [1, "甲公司", 10, 6, 4], [2, "乙公司", 8, 5, 2],
            [3, "丙公司", 6, None, None], [4, "丁公司", 5, "x", 1], ["合计", None, 29, None, None]]
    merged = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 2)), ((0, 3), (0, 4))]
    result = read(rows, merged)
    assert result.layout.kinds == "HHRRRRA"
    assert [r.amount for r in result.records] == [10, 8, 6, 5]
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("amount-parts-mismatch", "C4", "金额 8.00 万元，各来源分项之和为 7.00 万元，比金额少 1.00 万元，请核对"),
        ("amount-parts-mismatch", "C5", "金额 6.00 万元，各来源分项之和为 0.00 万元，比金额少 6.00 万元，请核对"),
    ]
    assert result.layout.columns["amount"] == "C “合计”（优先于“省级”、“市级”）"


# ---------------------------------------------------------------- the amount column


def test_two_amount_columns_that_fit_equally_are_refused():
    result = read([["单位名称", "第一批拨付金额", "第二批拨付金额"], ["甲公司", 1, 2], [None, None, None], ["乙公司", 3, 4]])
    assert (result.layout.kinds, result.records, result.totals) == ("HX_X", [], [])
    assert [(f.code, f.cell, f.message) for f in result.findings] == [(
        "amount-column-ambiguous", "B1",
        "有几列都像是分配金额：B“第一批拨付金额”（各行合计 4.00 万元）、C“第二批拨付金额”（各行合计 6.00 万元），无法确定取哪一列，本表未计入。请在 xlfund.toml 中写明，例如 [columns] amount = \"第一批拨付金额\"")]


def test_the_clerk_chooses_the_amount_column():
    result = read([["单位名称", "第一批拨付金额", "第二批拨付金额"], ["甲公司", 1, 2]], forced="第二批")
    assert people(result) == [("高新区", "甲公司", "2", 2)]
    assert result.layout.columns["amount"] == "C “第二批拨付金额”（按设置 columns.amount）"
    assert result.records[0].amount_col == 2


def test_the_granted_amount_is_taken_over_the_requested():
    result = read([["单位名称", "申请金额", "核定金额"], ["甲公司", 5, 3]])
    assert people(result) == [("高新区", "甲公司", "3", 2)]


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("rows", "unit", "expected"),
    [
        ([["高新区分配表（元）"], ["单位名称", "金额"], ["甲公司", 20000]], "万元", ("元", "标题", "2")),
        ([["高新区分配表（元）"], ["单位：万元"], ["单位名称", "金额"], ["甲公司", 2]], "万元", ("万元", "单位行", "2")),
        ([["单位名称", "金额（元）"], ["甲公司", 20000]], "万元", ("元", "金额列表头", "2")),
        ([["单位名称", "金额", "单位：元"], ["甲公司", 20000, None]], "万元", ("元", "单位行", "2")),  # a unit line in the header row
        ([["单位名称", "金额"], ["甲公司", 20000]], "元", ("元", "设置（默认）", "2")),
        ([["单位名称", "金额"], ["甲公司", 2]], "万元", ("万元", "设置（默认）", "2")),
        ([["单位：万元"], ["单位名称", "金额（元）"], ["甲公司", 20000]], "万元", ("元", "金额列表头", "2")),
    ],
)
def test_the_unit_and_where_it_was_stated(rows, unit, expected):
    result = read(rows, unit=unit)
    assert (result.layout.unit, result.layout.unit_source, str(result.records[0].amount)) == expected


def test_amounts_in_yuan_take_the_long_way():
    result = read([["单位名称", "金额（元）"], ["甲公司", 12345.5], ["乙公司", "1,000"], ["合计", 13345.5]])
    assert people(result) == [("高新区", "甲公司", "1.23455", 2), ("高新区", "乙公司", "0.1", 3)]
    assert totals(result) == [(4, "合计", "1.33455", 2, 3)]


def test_a_second_table_in_yuan():
    rows = [["单位名称", "金额（万元）"], ["甲公司", 2], ["合计", 2], [], ["单位名称", "金额（元）"], ["乙公司", 30000], ["合计", 30000]]
    assert people(read(rows)) == [("高新区", "甲公司", "2", 2), ("高新区", "乙公司", "3", 6)]


def test_a_second_table_for_another_district():
    rows = [["表一：高新区分配表"], ["单位名称", "金额"], ["甲公司", 2], ["合计", 2], [], ["表二：赫山区分配表"], ["单位名称", "金额"],
            ["乙公司", 3], ["合计", 3]]
    result = read(rows, file="市.xlsx")
    assert (result.layout.kinds, people(result), codes(result)) == (
        "THRA_THRA", [("高新区", "甲公司", "2", 3), ("赫山区", "乙公司", "3", 8)], [])


# ---------------------------------------------------------------- districts


def test_a_district_column_wins_and_says_where_it_disagrees():
    rows = [["县（市、区）", "单位名称", "金额"], ["赫山区", "甲公司", 2], ["大通湖区", "乙公司", 3], ["万元", "丙公司", 1], ["万元", "丁公司", 1],
            ["赫山区", "戊公司", 1], [None, "己公司", 1]]
    result = read(rows)  # the file is 高新区.xlsx
    assert people(result) == [("赫山区", "甲公司", "2", 2), ("大通湖区", "乙公司", "3", 3), (U, "丙公司", "1", 4), (U, "丁公司", "1", 5),
                              ("赫山区", "戊公司", "1", 6), ("高新区", "己公司", "1", 7)]
    assert [r.district_source for r in result.records] == ["column"] * 5 + ["file"]
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("district-column-differs", "A2", "区县列写的是“赫山区”，而文件名是“高新区”；已按区县列记，请核对"),
        ("district-column-differs", "A3", "区县列写的是“大通湖区”，而文件名是“高新区”；已按区县列记，请核对"),
        ("district-invalid", "A4", "“万元”不是区县名称（不在设置的区县名单中，也不像地名），此单元格所在行记为“（未识别区县）”"),
        # the empty cell's line went to the file's district while the column names others: a guess, said
        ("district-cell-blank", "A7", "区县列第 7 行为空（1 行），而本表区县列写有 大通湖区、赫山区，这些行暂记为“高新区”。请在区县列填写每一行的区县"),
    ]


def test_a_district_column_merged_down():
    rows = [["区县", "单位名称", "金额"], ["赫山区", "甲公司", 2], [None, "乙公司", 3], ["资阳区", "丙公司", 1], ["高新区", "丁公司", 1]]
    result = read(rows, [((1, 0), (2, 0))], file="名单.xlsx")
    assert people(result) == [("赫山区", "甲公司", "2", 2), ("赫山区", "乙公司", "3", 3), ("资阳区", "丙公司", "1", 4), ("高新区", "丁公司", "1", 5)]
    assert codes(result) == []
    assert (result.layout.district, result.layout.district_source) == (U, "未识别")


def test_a_district_column_that_agrees_with_the_file():
    result = read([["区县", "单位名称", "金额"], ["高新区", "甲公司", 2]])
    assert (people(result), codes(result)) == ([("高新区", "甲公司", "2", 2)], [])


def test_a_district_column_conflicts_only_with_the_sheets_surroundings():
    rows = [["区县", "单位名称", "金额"], ["赫山区", "甲公司", 2], [None, "乙公司", 1]]
    result = read([["一、高新区"], *rows], file="名单.xlsx")  # a title, not a group row: above the header
    assert codes(result) == [("district-column-differs", "A3"), ("district-cell-blank", "A4")]
    result = read(rows, file="名单.xlsx")
    assert codes(result) == [("district-cell-blank", "A3"), ("district-undetermined", "")]
    assert people(result) == [("赫山区", "甲公司", "2", 2), (U, "乙公司", "1", 3)]


@pytest.mark.parametrize(
    ("options", "title", "district", "source", "conflict"),
    [
        ({"sheet": "资阳区", "file": "高新区.xlsx", "folders": ("安化县",)}, "赫山区分配表", "资阳区", "工作表名",
         "区县来源不一致：工作表名“资阳区”，表头标题“赫山区”，文件夹名“安化县”，文件名“高新区”；暂按工作表名记为“资阳区”。请核对是否填错了表，把文件名、标题、填报单位或分组行中错的一处改正"),
        ({"file": "高新区.xlsx", "folders": ("安化县",)}, "赫山区分配表", "赫山区", "表头标题",
         "区县来源不一致：表头标题“赫山区”，文件夹名“安化县”，文件名“高新区”；暂按表头标题记为“赫山区”。请核对是否填错了表，把文件名、标题、填报单位或分组行中错的一处改正"),
        ({"file": "高新区.xlsx", "folders": ("安化县", "2018")}, "分配表", "安化县", "文件夹名",
         "区县来源不一致：文件夹名“安化县”，文件名“高新区”；暂按文件夹名记为“安化县”。请核对是否填错了表，把文件名、标题、填报单位或分组行中错的一处改正"),
        ({"file": "分配表.xlsx", "folders": ("高新区",)}, "分配表", "高新区", "文件夹名", None),
        ({"file": "高新区.xlsx"}, "分配表", "高新区", "文件名", None),
        ({"file": "高新区.xlsx", "known": ()}, "益阳高新区分配表", "益阳高新区", "表头标题", None),  # the same place twice
        ({"file": "名单.xlsx"}, "分配表", U, "未识别", None),
    ],
)
def test_the_sheets_district_most_specific_first(options, title, district, source, conflict):
    result = read([[title], ["单位名称", "金额"], ["甲公司", 2]], **options)
    assert (result.layout.district, result.layout.district_source, result.records[0].district) == (district, source, district)
    conflicts = [f.message for f in result.findings if f.code == "district-conflict"]
    assert conflicts == ([conflict] if conflict else [])
    assert [f.cell for f in result.findings if f.code == "district-conflict"] == [""] * len(conflicts)
    assert ("district-undetermined" in [f.code for f in result.findings]) is (district == U)


def test_a_group_district_beats_the_sheets():
    rows = [["单位名称", "金额"], ["赫山区", None], ["甲公司", 2]]
    result = read(rows)
    assert [(r.district, r.district_source) for r in result.records] == [("赫山区", "group")]


def test_a_district_column_beats_a_group():
    rows = [["区县", "单位名称", "金额"], ["一、高新区", None, None], ["赫山区", "甲公司", 2], [None, "乙公司", 1]]
    result = read(rows, file="名单.xlsx")
    assert [(r.district, r.district_source) for r in result.records] == [("赫山区", "column"), ("高新区", "group")]


# ---------------------------------------------------------------- summary tables, sheets without a table


def test_a_table_of_districts_is_read_by_district():
    result = read([["区县", "金额"], ["高新区", 30], ["赫山区", 25], ["合计", 55]], sheet="汇总", file="市.xlsx")
    assert result.layout.kinds == "HRRA"
    assert people(result) == [("高新区", "高新区", "30", 2), ("赫山区", "赫山区", "25", 3)]
    assert result.layout.columns == {"district": "A “区县”", "amount": "B “金额”", "name": "A "}
    assert totals(result) == [(4, "合计", "55", 2, 3)]


def test_a_sheet_without_a_header():
    result = read([["甲", "乙"], [1, 2], [None, None], ["很长很长很长很长的一段文字在这里", None]], sheet="数据")
    assert result.layout.kinds == "XX_X"
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("header-not-found", "A1:B4", "找不到表头（需要“单位名称”和“金额”等列），本表 3 行未能读取。表中前几行的文字：甲、乙、1、2")]


def test_an_empty_sheet():
    result = read([], sheet="Sheet3")
    assert (result.layout.kinds, result.counts.read) == ("", 0)
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("header-not-found", "A1", "找不到表头（需要“单位名称”和“金额”等列），本表 0 行未能读取。表中前几行的文字：（无）")]
    assert result.findings[0].place == Place("高新区.xlsx", "Sheet3", 1, 0, last_row=1, last_col=0)
    assert read([[], []]).findings[0].place == Place("高新区.xlsx", "Sheet1", 1, 0, last_row=2, last_col=0)


def test_an_instruction_sheet_is_notes():
    result = read([["填表说明"], ["1. 金额以万元为单位"], []], sheet="填表说明")
    assert result.layout.kinds == "NN_"
    assert result.counts == RowCounts(read=3, notes=2, blank=1)
    assert result.findings == []  # expected beside a table (our forms have one): no line per file


def test_what_a_header_less_sheet_shows_is_short():
    row = [f"字{i:03d}" for i in range(60)]
    result = read([row])
    message = result.findings[0].message
    seen = message.split("表中前几行的文字：")[1]
    assert seen == "、".join(row)[:120]
    assert result.findings[0].cell == "A1:BH1"


# ---------------------------------------------------------------- unreadable cells


def test_formulas_without_values_and_error_cells():
    rows = [["单位名称", "金额"], ["甲公司", 2], ["乙公司", None], ["丙公司"], ["合计", None]]
    result = read(rows, special={(2, 1): "formula", (3, 1): "#REF!", (4, 1): "formula"})
    assert result.layout.kinds == "HRXXA"
    assert totals(result) == [(5, "合计", None, 2, 4)]
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("amount-formula-no-value", "B3", "金额是公式但没有保存计算结果，此行未计入。请在 Excel/WPS 中打开并保存后重新报送"),
        ("amount-error-value", "B4", "金额单元格是错误值（#REF!），此行未计入"),
        ("stated-total-unreadable", "B5", "表内合计行的金额无法识别（公式没有保存计算结果），未能核对"),
    ]


@pytest.mark.parametrize(
    ("value", "reason"), [(None, "空白"), ("很多", "“很多”不是金额"), ("#N/A", "“#N/A”不是金额")],
)
def test_an_unreadable_total_says_why(value, reason):
    result = read([["单位名称", "金额"], ["甲公司", 2], ["合计", value]])
    assert totals(result) == [(3, "合计", None, 2, 2)]
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("stated-total-unreadable", "B3", f"表内合计行的金额无法识别（{reason}），未能核对")]


def test_an_unreadable_group_subtotal_says_why():
    result = read([H, ["一、赫山区", None, "x", None], [1, "甲公司", 2, "a"]], file="分配表.xlsx")
    assert totals(result) == [(2, "赫山区", None, 3, 3)]
    assert codes(result) == [("stated-total-unreadable", "C2")]


# ---------------------------------------------------------------- text cells


def test_text_is_kept_as_typed_and_made_safe():
    rows = [["单位名称", "金额", "资金用途", "备注"], ["\t甲公司", 2, "=运营", 12.0], ["乙\x01公司", 3, None, None], ["丙公司", 1, "x" * 40000, "a"]]
    result = read(rows)
    assert [(r.name, r.purpose, r.remark) for r in result.records[:2]] == [("\t甲公司", "=运营", "12"), ("乙公司", "", "")]
    assert len(result.records[2].purpose) == 32767
    assert codes(result) == [("text-control-chars", "A3"), ("text-truncated", "C4")]


def test_purposes_are_grouped_into_uses():
    rows = [["单位名称", "金额", "资金用途"], ["甲", 1, "物流配送"], ["乙", 1, "人才培训"], ["丙", 1, "物流配送"], ["丁", 1, None]]
    result = read(rows)
    assert [r.purpose_group for r in result.records] == ["物流快递", "人才培训", "物流快递", "其他"]
    assert result.records[0].purpose is result.records[2].purpose


def test_amounts_are_exact_fen():
    rows = [["单位名称", "金额"], ["甲", 0.000001], ["乙", 12.345678], ["丙", 1e-07], ["丁", Decimal("3.5")]]
    result = read(rows)
    assert [(r.name, r.amount_fen) for r in result.records] == [("甲", 1), ("乙", 12_345_678), ("丁", 3_500_000)]
    assert codes(result) == [("amount-unparseable", "B4")]


# ---------------------------------------------------------------- edges the mutation run found unpinned


def test_a_sheet_without_a_header_quotes_its_first_eight_rows_short_texts():
    rows = [[f"第{i}行"] for i in range(1, 10)] + [["这一段说明文字超过了十二个字所以不列出"]]
    rows[1] = ["这是一个十二个字的长标题"]  # 12 characters: listed
    rows[2] = ["这是一个十三个字的很长标题"]  # 13: not listed
    message = read(rows).findings[0].message
    assert "第8行" in message and "第9行" not in message
    assert "这是一个十二个字的长标题" in message and "十三个字" not in message


def test_rows_shorter_than_the_header_are_read():
    """Rows need not reach the last column (a CSV line, a grid from another reader)."""
    rows = [["单位名称", "金额", "序号", "资金用途"], ["一、高新区", None], ["甲公司", 5, 1], ["乙公司", 6]]
    result = read(rows, file="市.xlsx")
    assert result.layout.kinds == "HGRR"
    assert [(r.name, r.district, r.purpose) for r in result.records] == [("甲公司", "高新区", ""), ("乙公司", "高新区", "")]


def test_a_bare_district_line_right_above_a_total_is_no_group():
    rows = [H, [None, "高新区", 5, None], ["合计", None, 5, None], [1, "甲公司", 5, "平台"]]
    result = read(rows, file="市.xlsx")
    assert result.layout.kinds[:3] == "HRA"


def test_a_bare_district_line_with_nothing_below_is_no_group():
    rows = [H, [1, "甲公司", 5, "平台"], [None, "赫山区", 3, None]]
    assert read(rows, file="市.xlsx").layout.kinds == "HRR"


def test_a_recipient_without_amount_above_a_repeated_header_is_still_rejected():
    """A page break right after a line whose amount is missing: the slip is named, not taken as a title."""
    rows = [H, [1, "甲公司", 5, "平台"], [2, "乙公司", None, "物流"], H, [3, "丙公司", 4, "推广"]]
    result = read(rows)
    assert result.layout.kinds == "HRXHR"
    assert codes(result) == [("amount-missing", "C3")]


# ---------------------------------------------------------------- units, wherever they are stated


@pytest.mark.parametrize(
    ("above", "head", "amounts"),
    [
        ([["单位：千元"]], ["单位名称", "金额"], ["120", "0.5"]),
        ([["分配表（单位：百万元）"]], ["单位名称", "金额"], ["120000", "500"]),
        ([], ["单位名称", "金额（亿元）"], ["12000000", "50000"]),
        ([["填报单位：高新区商务局", None, "单位：元"]], ["单位名称", "金额"], ["0.12", "0.0005"]),
    ],
)
def test_every_money_unit_is_read_where_it_is_stated(above, head, amounts):
    result = read([*above, head, ["甲公司", 1200], ["乙公司", 5]])
    assert [str(r.amount) for r in result.records] == amounts
    assert codes(result) == []


@pytest.mark.parametrize("unit", ["单位：笔", "单位：户", "计量单位：个", "单位：万人"])
def test_a_unit_that_is_not_money_refuses_the_sheet(unit):
    result = read([["2018年交易统计"], [unit], ["单位名称", "金额"], ["甲公司", 1200], ["乙公司", 5]])
    assert (result.records, result.layout.kinds) == ([], "TTHXX")
    assert [(f.code, f.cell) for f in result.findings] == [("unit-not-money", "第 2 行")]
    assert unit.split("：")[1] in result.findings[0].message


def test_units_that_disagree_are_an_error_naming_both():
    result = read([["单位：万元"], ["单位名称", "金额（元）"], ["甲公司", 1200]])
    assert [str(r.amount) for r in result.records] == ["0.12"]  # the amount column's own label, and an error
    assert [(f.code, f.severity, f.cell) for f in result.findings] == [("unit-conflict", "错误", "第 1 行")]
    assert "金额列表头“元”，单位行“万元”" in result.findings[0].message


def test_a_money_unit_wins_over_a_count_unit_stated_beside_it():
    result = read([["单位：万元、个"], ["单位名称", "金额", "人数"], ["甲公司", 12, 3]])
    assert [str(r.amount) for r in result.records] == ["12"] and codes(result) == []


@pytest.mark.parametrize(("typed", "unit_line", "places"), [(12.35, "单位：万元", 2), ("12.35", "单位：万元", 2), (12, "单位：万元", 0),
                                                            (123457, "单位：元", 4), (123456.5, "单位：元", 5)])
def test_a_stated_number_keeps_the_places_it_was_typed_to(typed, unit_line, places):
    result = read([[unit_line], ["单位名称", "金额"], ["甲公司", 1], ["合计", typed]])
    assert [t.places for t in result.totals] == [places]


# ---------------------------------------------------------------- cells outside the columns taken


def test_columns_no_role_took_are_named():
    rows = [["单位名称", "补助金额", "联系人", "资金用途"], ["甲公司", 2, "张三", "a", "备用"], ["乙公司", 3, None, "b"]]
    assert read(rows).layout.unused == {"C": "联系人", "E": ""}


def test_a_total_under_another_column_than_the_amount_taken_is_an_error():
    rows = [["序号", "单位名称", "活动总费用（万元）", "补助金额（万元）"], [1, "甲公司", 20, 5], [2, "乙公司", 10, 3], ["合计", None, 30, None]]
    result = read(rows)
    assert [str(r.amount) for r in result.records] == ["5", "3"]
    assert [(f.code, f.severity, f.cell) for f in result.findings] == [("total-under-other-column", "错误", "C4"), ("stated-total-unreadable", "警告", "D4")]
    assert "C“活动总费用（万元）”之下（30.00 万元），而取作分配金额的是 D“补助金额（万元）”" in result.findings[0].message


def test_a_count_under_the_name_on_a_total_line_is_no_doubt():
    rows = [["序号", "单位名称", "金额"], [1, "甲公司", 2], ["合计", 1, 2]]
    assert codes(read(rows)) == []


# ---------------------------------------------------------------- marks that change a line's meaning


def test_a_cancelled_line_is_not_counted_and_said_at_its_remark():
    rows = [["单位名称", "金额", "备注"], ["甲公司", 2, None], ["乙公司", 3, "已取消"], ["丙公司", 1, "企业放弃"], ["合计", 3, None]]
    result = read(rows)
    assert people(result) == [("高新区", "甲公司", "2", 2)] and result.layout.kinds == "HRCCA"
    assert [(f.code, f.cell) for f in result.findings] == [("line-cancelled", "C3"), ("line-cancelled", "C4")]
    assert result.counts.rejected == 2 and "“乙公司”（3.00 万元）的“已取消”写明取消，此行未计入" in result.findings[0].message


def test_a_status_column_can_cancel_a_line():
    result = read([["单位名称", "金额", "审核状态"], ["甲公司", 2, "通过"], ["乙公司", 3, "不予支持"]])
    assert [r.name for r in result.records] == ["甲公司"] and codes(result) == [("line-cancelled", "C3")]


def test_struck_and_hidden_rows_from_the_file():
    rows = [["单位名称", "金额"], ["甲公司", 2], ["乙公司", 3], ["丙公司", 1]]
    result = read_sheet([list(r) for r in rows], [], "Sheet1", SheetContext("高新区.xlsx", "高新区"), marks={1: "hidden", 2: "struck"})
    assert [r.name for r in result.records] == ["丙公司"] and result.layout.kinds == "HCCR"
    assert [(f.code, f.cell) for f in result.findings] == [("line-hidden", "A2"), ("line-struck", "A3")]


# ---------------------------------------------------------------- a title above a second table, and what is no title

T2 = ["表二：赫山区分配表"]


@pytest.mark.parametrize(
    ("blanks", "kinds", "second"),
    [
        (0, "THRA_THRA", "赫山区"),
        (2, "THRA_T__HRA", "赫山区"),  # the header up to three rows below the title
        (3, "THRA_X___HRA", "高新区"),  # further down: no title (a line without an amount)
    ],
)
def test_a_second_tables_title_is_right_above_its_header(blanks, kinds, second):
    rows = [["表一：高新区分配表"], ["单位名称", "金额"], ["甲公司", 2], ["合计", 2], [], T2, *[[]] * blanks, ["单位名称", "金额"],
            ["乙公司", 3], ["合计", 3]]
    result = read(rows, file="市.xlsx")
    assert (result.layout.kinds, [r.district for r in result.records]) == (kinds, ["高新区", second])


def test_a_recipient_without_amount_three_rows_above_a_repeated_header_is_rejected():
    rows = [H, [1, "甲公司", 10, "a"], [None, "乙公司", None, None], [], [], [], H, [2, "丙公司", 5, "c"]]
    result = read(rows)
    assert (result.layout.kinds, codes(result)) == ("HRX___HR", [("amount-missing", "C3")])


def test_a_recipient_without_amount_right_above_a_repeated_header_is_rejected():
    rows = [["单位名称", "金额"], ["甲公司", 10], ["乙公司", None], ["单位名称", "金额"], ["丙公司", 5]]
    result = read(rows)
    assert (result.layout.kinds, codes(result)) == ("HRXHR", [("amount-missing", "B3")])


@pytest.mark.parametrize(("name", "kind"), [("50%", "X"), ("12。", "X"), ("2018.", "X"), ("1,200", "X"), ("3号楼", "R"), ("1号店", "R")])
def test_a_name_that_is_a_number(name, kind):
    result = read([["单位名称", "金额"], [name, 10]])
    assert (result.layout.kinds, codes(result)) == ("H" + kind, [("name-is-number", "A2")] if kind == "X" else [])


def test_a_second_tables_title_right_under_the_first_tables_lines():
    rows = [["表一：高新区分配表"], ["单位名称", "金额"], ["甲公司", 2], ["赫山区资金分配表（第二批）"], ["单位名称", "金额"], ["乙公司", 3]]
    result = read(rows, file="市.xlsx")
    assert (result.layout.kinds, [r.district for r in result.records], codes(result)) == ("THRTHR", ["高新区", "赫山区"], [])


def test_a_table_laid_out_across_is_no_recipient():
    # one column per recipient, 金额 as a row's label: the row is refused, never one recipient "金额（万元）"
    rows = [["安化县2018年分配表"], ["单位名称", "甲公司", "乙公司", "丙公司", "合计"], ["金额（万元）", 12, 9, 7, 28]]
    result = read(rows, file="安化县.xlsx")
    assert (result.records, codes(result)) == ([], [("name-is-header-word", "A3")])


@pytest.mark.parametrize("forced", [None, "补助金额"])
def test_two_tables_side_by_side_are_refused_whatever_the_setting(forced):
    # one district's list printed as two blocks: no label chooses one block's amount column
    head = ["序号", "单位名称", "补助金额（万元）"]
    rows = [head + head, [1, "甲公司", 5, 4, "丁公司", 3], [2, "乙公司", 4, 5, "戊公司", 2], [3, "丙公司", 3, 6, "己公司", 4]]
    result = read(rows, forced=forced)
    assert (result.records, [code for code, _cell in codes(result)]) == ([], ["amount-columns-side-by-side"])
    assert "C“补助金额（万元）”（各行合计 12.00 万元）、F“补助金额（万元）”（各行合计 9.00 万元）" in result.findings[0].message


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a line added under the 合计: counted, and said with the rows and the money
        ([H, [1, "甲公司", 5, "a"], [2, "乙公司", 6, "b"], ["合计", None, 11, None], [3, "丙公司", 3, "c"]],
         [("lines-after-total", "B5", "第 5 行在第 4 行的合计之后，不在任何合计之内（1 个单位，3.00 万元，已计入）。请核对：应计入的请移到合计之上并更正合计，不应计入的请删除")]),
        # the lines after a 合计 closed by a 总计 of their own: covered
        ([H, [1, "甲公司", 5, "a"], ["合计", None, 5, None], [2, "乙公司", 6, "b"], ["合计", None, 6, None], ["总计", None, 11, None]], []),
        # a 合计 under the header covers the lines below it
        ([H, ["合计", None, 11, None], [1, "甲公司", 5, "a"], [2, "乙公司", 6, "b"]], []),
        # a second table with its own header: its lines are its own
        ([H, [1, "甲公司", 5, "a"], ["合计", None, 5, None], H, [1, "乙公司", 6, "b"]], []),
        # a group with its number after the 合计 covers its lines
        ([H, [1, "甲公司", 5, "a"], ["合计", None, 5, None], [None, "二、赫山区", 6, None], [1, "乙公司", 6, "b"]], []),
    ],
)
def test_lines_after_a_total(rows, expected):
    result = read(rows)
    assert [(f.code, f.cell, f.message) for f in result.findings if f.code == "lines-after-total"] == expected


def test_a_filer_line_under_the_table_names_the_district():
    rows = [["2018年电子商务发展引导资金分配表"], ["序号", "单位名称", "金额", "资金用途"], [1, "甲公司", 5, "a"], [2, "乙公司", 7, "b"],
            ["合计", None, 12, None], [], ["填报单位：南县商务局", None, "填报人：李四", None]]
    result = read(rows, file="电商资金分配表.xlsx")
    assert ([r.district for r in result.records], codes(result), result.layout.kinds) == (["南县", "南县"], [], "THRRA_N")


def test_a_total_after_tables_each_closed_by_its_subtotal_covers_them_all():
    head = ["序号", "单位名称", "金额（万元）", "资金用途"]
    rows = [["2018年电子商务发展引导资金分配表"], ["赫山区："], head, [1, "甲公司", 7, "a"], [2, "乙公司", 5, "b"], ["小计", None, 12, None],
            ["资阳区："], head, [1, "丙公司", 9, "c"], [2, "丁公司", 4, "d"], ["小计", None, 13, None], ["合计", None, 25, None]]
    result = read(rows, file="两区.xlsx")
    assert [(r.district, r.name) for r in result.records] == [("赫山区", "甲公司"), ("赫山区", "乙公司"), ("资阳区", "丙公司"), ("资阳区", "丁公司")]
    assert codes(result) == []
    assert totals(result)[-1] == (12, "合计", "25", 4, 11)


def test_a_name_merged_over_two_lines_is_one_recipients_two_lines():
    rows = [["序号", "单位名称", "批次", "金额（万元）"], [1, "甲公司", "第一批", 5], [None, None, "第二批", 3], [2, "乙公司", "第一批", 7],
            ["合计", None, None, 15]]
    result = read(rows, [((1, 0), (2, 0)), ((1, 1), (2, 1))], file="资阳区.xlsx")
    assert ([(r.name, str(r.amount), r.row) for r in result.records], codes(result)) == ([("甲公司", "5", 2), ("甲公司", "3", 3), ("乙公司", "7", 4)], [])


def test_two_amount_columns_with_the_same_amounts_in_two_units_are_one():
    rows = [["序号", "单位名称", "核定金额（元）", "补助金额（万元）"], [1, "甲公司", 80000, 8], [2, "乙公司", 65000, 6.5], ["合计", None, 145000, 14.5]]
    result = read(rows)
    assert ([(r.name, str(r.amount)) for r in result.records], codes(result)) == ([("甲公司", "8"), ("乙公司", "6.5")], [])
    assert "与“补助金额（万元）”各行金额相同" in result.layout.columns["amount"]
    # one line differs: the clerk chooses, told each column's sum in its own unit
    rows[2][3] = 7
    result = read(rows)
    assert codes(result) == [("amount-column-ambiguous", "C1")]
    assert "C“核定金额（元）”（各行合计 14.50 万元）、D“补助金额（万元）”（各行合计 15.00 万元）" in result.findings[0].message


def test_a_blank_district_cell_agreeing_with_the_sheet_and_a_ditto():
    rows = [["区县", "单位名称", "金额"], ["高新区", "甲公司", 2], [None, "乙公司", 3], ["赫山区", "丙公司", 1], ["同上", "丁公司", 1]]
    result = read(rows[:3])  # 高新区.xlsx, the column says 高新区 only: the blank line is 高新区's, nothing to say
    assert (people(result), codes(result)) == ([("高新区", "甲公司", "2", 2), ("高新区", "乙公司", "3", 3)], [])
    result = read([rows[0], rows[3], rows[4]])  # "同上": the line above's district
    assert [(r.district, r.district_source) for r in result.records] == [("赫山区", "column"), ("赫山区", "column")]


@pytest.mark.parametrize(("label", "stated"), [("合计：45万元", "45"), ("合计：46万元", "46"), ("合计 45", "45"), ("总计：4,500元", "0.45")])
def test_a_total_written_in_its_label(label, stated):
    rows = [["序号", "单位名称", "金额（万元）", "资金用途"], [1, "甲公司", 20, "a"], [2, "乙公司", 15, "b"], [3, "丙公司", 10, "c"], [None, label, None, None]]
    result = read(rows)
    assert ([t.amount for t in result.totals], codes(result)) == ([Decimal(stated)], [])


@pytest.mark.parametrize(
    ("prose", "stated", "found"),
    [
        ("以上共计3家企业，合计45万元。", [Decimal(45)], []),
        ("以上共计4家企业，合计53万元。", [Decimal(53)], [("stated-count-mismatch", "A5")]),
        ("以上共3家", [], []),
        ("注：资金须专款专用", [], []),
    ],
)
def test_a_total_and_a_count_in_prose(prose, stated, found):
    rows = [["序号", "单位名称", "金额（万元）", "资金用途"], [1, "甲公司", 20, "a"], [2, "乙公司", 15, "b"], [3, "丙公司", 10, "c"], [prose]]
    result = read(rows)
    assert ([t.amount for t in result.totals], codes(result)) == (stated, found)


def test_lines_splitting_a_recipients_amount_by_source():
    rows = [["序号", "单位名称", "金额", "资金用途"], [1, "公司A", 20, "网店"], [None, "其中：中央资金", 10, None], [None, "      省级资金", 6, None],
            [None, "      市级资金", 4, None], [2, "公司B", 10, "网店"], [None, "其中：中央资金", 5, None], [None, "      省级资金", 3, None],
            [None, "      市级资金", 1, None], [3, "中央商场", 2, "网店"]]
    result = read(rows)
    assert [(r.name, str(r.amount)) for r in result.records] == [("公司A", "20"), ("公司B", "10"), ("中央商场", "2")]
    assert result.layout.kinds == "HRBBBRBBBR"
    assert codes(result) == [("amount-parts-mismatch", "C6")]  # 5 + 3 + 1 is not 10


def test_lines_numbered_under_a_line():
    head = ["序号", "单位名称/项目", "补助金额", "资金用途"]
    # 1.1, 1.2 are the purposes of recipient 1: parts of its amount
    rows = [head, ["1", "甲公司", 10, None], ["1.1", "平台建设", 6, "平台建设"], ["1.2", "物流配送", 4, "物流配送"], ["2", "乙公司", 6, None],
            ["2.1", "网店推广", 6, "网店推广"]]
    result = read(rows, file="桃江县.xlsx")
    assert ([(r.name, str(r.amount)) for r in result.records], result.layout.kinds, codes(result)) == (
        [("甲公司", "10"), ("乙公司", "6")], "HRBBRB", [])
    # 1.1, 1.2 are the recipients of 乡镇 1: its amount is their subtotal
    rows = [head, ["1", "三仙湖镇", 12, None], ["1.1", "甲电商服务站", 5, "站点建设"], ["1.2", "乙公司", 7, "网店运营"], ["2", "南洲镇", 8, None],
            ["2.1", "丙合作社", 4, "农产品上行"], ["2.2", "丁公司", 3, "推广"]]
    result = read(rows, file="南县.xlsx")
    assert [(r.name, str(r.amount)) for r in result.records] == [("甲电商服务站", "5"), ("乙公司", "7"), ("丙合作社", "4"), ("丁公司", "3")]
    assert result.layout.kinds == "HGRRGRR"
    assert [(t.label, str(t.amount), t.first_row, t.last_row) for t in result.totals] == [("三仙湖镇", "12", 3, 4), ("南洲镇", "8", 6, 7)]


def test_a_second_batch_line_under_a_merged_name_in_a_city_list():
    rows = [["序号", "区县", "单位名称", "金额", "备注"], ["1.", "安化县", "甲公司", 3, "第一批"], [None, "安化县", None, 2, "第二批"],
            ["2.", "赫山区", "乙公司", 3, None], ["合计", None, None, 8, None]]
    result = read(rows, [((1, 0), (2, 0)), ((1, 2), (2, 2))], file="益阳市分配表.xlsx")
    assert ([(r.district, r.name, str(r.amount)) for r in result.records], codes(result)) == (
        [("安化县", "甲公司", "3"), ("安化县", "甲公司", "2"), ("赫山区", "乙公司", "3")], [])


def test_lines_after_a_total_stop_at_the_next_tables_header():
    rows = [H, [1, "甲公司", 10, "a"], ["合计", None, 10, None], [2, "乙公司", 5, "b"], H, [1, "丙公司", 7, "c"], [2, "丁公司", 3, "d"]]
    result = read(rows)
    assert [(f.code, f.cell, f.param("rows")) for f in result.findings if f.code == "lines-after-total"] == [("lines-after-total", "B4", "4")]


def test_a_district_heading_with_its_subtotal_in_the_name_column():
    rows = [["单位名称", "金额", "资金用途"], ["安化县：", 1, None], ["甲公司", 1, "站点建设"], ["赫山区：", 1, None], ["乙公司", 1, "平台运营"],
            ["合计", 2, None]]
    result = read(rows, file="两区.xlsx", known=("安化县", "赫山区"))
    assert ([(r.district, r.name) for r in result.records], result.layout.kinds, codes(result)) == (
        [("安化县", "甲公司"), ("赫山区", "乙公司")], "HGRGRA", [])


def test_a_payment_systems_export_with_page_heads_and_page_totals():
    # A treasury system's 拨付清单 (amounts in 元, 本页合计 per page, 累计 at the end, the page head
    # "打印日期 … 第2页" repeated with the header): every page total and the 累计 are checks.
    head = ["序号", "收款人名称", "收款人账号", "开户银行", "金额(元)", "摘要"]
    rows = [["桃江县财政国库支付中心 资金拨付清单"], ["打印日期：2018-12-28", "", "", "", "第1页"], head,
            [1, "甲公司", "6217 1234", "农行", "120,000.00", "电商"], [2, "乙公司", "6217 5678", "建行", "80,000.00", "电商"],
            ["", "本页合计", "", "", "200,000.00", ""], ["打印日期：2018-12-28", "", "", "", "第2页"], head,
            [3, "丙合作社", "6217 9012", "农商行", "50,000.00", "电商"], ["", "本页合计", "", "", "50,000.00", ""],
            ["", "累计", "", "", "250,000.00", ""], ["制单：张三", "", "复核：李四", "", "", ""]]
    result = read(rows, file="桃江县拨付清单.csv", sheet="桃江县拨付清单", known=("桃江县",))
    assert ([str(r.amount) for r in result.records], result.layout.kinds, codes(result)) == (["12", "8", "5"], "TTHRRANHRAAN", [])
    assert [(t.label, str(t.amount)) for t in result.totals] == [("合计", "20"), ("合计", "5"), ("累计", "25")]
