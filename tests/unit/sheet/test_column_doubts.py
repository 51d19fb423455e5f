"""xlfund.sheet.column_doubts: cells outside the columns taken, looked at for what they say about
the choice (what each candidate amount column adds up to, columns no role took, a 合计 under
another column than the amount)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import codes, people, read

from xlfund.amounts import WAN
from xlfund.sheet.cells import MergeMap
from xlfund.sheet.column_doubts import column_sum, total_elsewhere, unused_columns
from xlfund.sheet.header import find_header


def header_of(rows):
    return find_header(rows, MergeMap(rows, []))


TWO_BATCHES = [["单位名称", "第一批金额", "第二批金额"], ["甲公司", 1, "2万元"], ["乙公司", 3], ["丙公司", "", "0.5"], ["注：", "x", None],
               ["合计", 4, 2.5]]


@pytest.mark.parametrize(("col", "unit", "total"), [(1, WAN, "4"), (2, WAN, "2.5"), (2, "元", "2.00005"), (0, WAN, "0")])
def test_what_a_candidate_column_adds_up_to(col, unit, total):
    # Lines shorter than the column, empty cells, text and the 合计 line are left out.
    assert column_sum(TWO_BATCHES, header_of(TWO_BATCHES), col, unit) == Decimal(total)


def test_the_candidates_sums_are_named_when_the_clerk_must_choose():
    result = read(TWO_BATCHES)
    assert (people(result), codes(result), result.layout.kinds) == ([], [("amount-column-ambiguous", "B1")], "HXXXXX")
    assert "B“第一批金额”（各行合计 4.00 万元）、C“第二批金额”（各行合计 2.50 万元）" in result.findings[0].message


@pytest.mark.parametrize(
    ("rows", "unused"),
    [
        ([["单位名称", "金额", "备注"], ["甲公司", 1], ["乙公司", 2]], {}),  # a column empty on every line
        ([["单位名称", "金额", "备注"], ["甲公司", 1], ["乙公司", 2, "  "]], {}),  # spaces are empty
        ([["单位名称", "金额", "联系人"], ["甲公司", 1], ["乙公司", 2, "张三"]], {"C": "联系人"}),
        ([["单位名称", "金额"], ["甲公司", 1, None, "x"], ["乙公司", 2]], {"D": ""}),  # content beyond the header
        ([["单位名称", "金额", "联系人", "电话"], ["甲公司", 1], ["合计", 1, "x", "y"]], {}),  # only a total line has it
        ([["单位名称", "金额", "资金用途", "联系人"], ["甲公司", 1, "平台", None]], {}),  # purpose is a role
    ],
)
def test_columns_no_role_took(rows, unused):
    result = read(rows)
    assert result.layout.unused == unused


def test_unused_columns_looks_only_at_records():
    rows = [["单位名称", "金额", "联系人"], ["甲公司", 1], ["乙公司", 2, "张三"]]
    header = header_of(rows)
    assert unused_columns(rows, header, dict(header.columns), ["H", "R", "R"]) == {"C": "联系人"}
    assert unused_columns(rows, header, dict(header.columns), ["H", "R", "X"]) == {}


@pytest.mark.parametrize(
    ("row", "found"),
    [
        (["合计", None, None, 11], (3, Decimal(11))),
        (["合计", None, None, "11万元"], (3, Decimal(11))),
        ([3, "合计", None, 11], (3, Decimal(11))),  # a count under 序号 is not the total
        (["合计", None, None, None], None),
        (["合计", None, None, "见附表"], None),
        (["合计", None, None, True], None),  # a check box
        (["合计", None, 7, 11], (3, Decimal(11))),  # the amount's own cell is not "elsewhere"
        (["合计", 5, None, 11, 12], (3, Decimal(11))),  # the first number right of the name
        (["合计", None, None, 11, 12], (3, Decimal(11))),
        (["合计", None, None, None, 12], (4, Decimal(12))),
    ],
)
def test_a_total_under_another_column(row, found):
    col = {"seq": 0, "name": 1, "amount": 2}
    assert total_elsewhere(row, None, col, WAN) == found


@pytest.mark.parametrize(
    ("col", "found"),
    [
        ({"name": 0, "district": 1, "amount": 2}, (3, Decimal(11))),  # a count under 区县
        ({"name": 0, "town": 1, "amount": 2}, (3, Decimal(11))),
        ({"name": 0, "amount": 2}, (1, Decimal(4))),
    ],
)
def test_a_number_under_a_column_that_places_a_line_is_a_count(col, found):
    assert total_elsewhere(["合计", 4, None, 11], None, col, WAN) == found


def test_a_total_under_another_column_is_said_at_its_cell():
    result = read([["序号", "单位名称", "金额", "申请金额"], [1, "甲公司", 1, 5], [2, "乙公司", 3, 6], ["合计", None, None, 11]])
    assert codes(result) == [("total-under-other-column", "D4"), ("stated-total-unreadable", "C4")]
    assert result.findings[0].message == ("合计行的金额写在 D“申请金额”之下（11.00 万元），而取作分配金额的是 C“金额”，其合计为空：请核对哪一列是分配金额，"
                                          "必要时在 xlfund.toml 中写明 [columns] amount")


def test_a_value_left_in_a_merged_header_cell_is_no_line():
    # B2 is covered by the merged label above it; whatever the file left in it is not an amount.
    rows = [["单位名称", "第一批金额", "第二批金额", "说明"], [None, 5, None, "备注"], ["甲公司", 1, 2, "x"], ["乙公司", 3, 4, None]]
    result = read(rows, [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 2))])
    assert (result.layout.kinds, codes(result)) == ("HHXX", [("amount-column-ambiguous", "B2")])
    assert "B“第一批金额”（各行合计 4.00 万元）、C“第二批金额”（各行合计 6.00 万元）" in result.findings[0].message
