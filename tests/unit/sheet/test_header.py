"""xlfund.sheet.header: the header band (one row, or two under merged cells) and the unit lines."""

from __future__ import annotations

import pytest

from xlfund.sheet.cells import MergeMap
from xlfund.sheet.header import HEADER_SEARCH_ROWS, find_header, header_at


def header(rows, merged=(), start=0, forced=None):
    return find_header(rows, MergeMap(rows, list(merged)), start, forced)


def test_one_row_header_below_a_title():
    rows = [["2018年分配表"], ["单位：万元"], ["序号", "单位名称", "金额（元）", "资金用途"], [1, "甲公司", 2, "a"]]
    found = header(rows)
    assert (found.first_row, found.last_row, found.labels) == (2, 2, ("序号", "单位名称", "金额（元）", "资金用途"))
    assert found.columns == {"seq": 0, "name": 1, "purpose": 3, "amount": 2}
    assert found.amount_unit == "元"


def test_two_rows_merged_down_and_across():
    rows = [["序号", "所属区县", "项目单位", "扶持情况", None], [None, None, None, "补助资金（万元）", "主要用途"], [1, "赫山区", "甲公司", 10, "运营"]]
    merged = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 2)), ((0, 3), (0, 4))]
    found = header(rows, merged)
    assert (found.first_row, found.last_row) == (0, 1)
    assert found.labels == ("序号", "所属区县", "项目单位", "扶持情况 补助资金（万元）", "扶持情况 主要用途")
    assert found.columns == {"seq": 0, "district": 1, "name": 2, "purpose": 4, "amount": 3}
    assert found.amount_unit == "万元"


def test_two_rows_when_the_top_row_is_not_merged_down():
    rows = [["序号", "单位名称", "扶持情况", None], [None, None, "金额（元）", "备注"], [1, "甲公司", 20000, "x"]]
    found = header(rows, [((0, 2), (0, 3))])
    assert (found.first_row, found.last_row, found.labels) == (0, 1, ("序号", "单位名称", "扶持情况 金额（元）", "扶持情况 备注"))
    assert found.columns == {"seq": 0, "name": 1, "remark": 3, "amount": 2}


def test_a_top_row_merged_down_over_a_unit_row():
    rows = [["序号", "单位名称", "金额"], [None, None, "（万元）"], [1, "甲", 2]]
    found = header(rows, [((0, 0), (1, 0))])
    assert (found.first_row, found.last_row, found.labels, found.amount_unit) == (0, 1, ("序号", "单位名称", "金额 （万元）"), "万元")


@pytest.mark.parametrize(
    "second",
    [
        [1, "甲公司", 2],  # a data line: numbers
        [None, None, "12"],  # a number as text is an amount, not a label
        [None, None, None],  # nothing
        [None, None, "甲乙丙"],  # text that names no role and no unit
    ],
)
def test_the_second_row_must_hold_only_labels(second):
    rows = [["序号", "单位名称", "金额"], second, [1, "甲", 2]]
    found = header(rows, [((0, 0), (1, 0))])
    assert (found.first_row, found.last_row) == (0, 0)


def test_a_row_of_units_alone_under_the_names_belongs_to_the_header():
    rows = [["序号", "单位名称", "金额"], [None, None, "（万元）"], [1, "甲", 2]]
    found = header(rows)
    assert (found.first_row, found.last_row, found.amount_unit) == (0, 1, "万元")
    assert header([["序号", "单位名称", "金额"], [1, "甲", 2]]).last_row == 0


@pytest.mark.parametrize(
    "rows",
    [
        [["单位名称", "备注"], ["甲", 1]],  # no amount
        [["金额", "备注"], [1, 2]],  # no recipient, no district
        [["单位名称"], ["甲"]],  # one label only
        [["甲公司", 2]],
        [["单位名称", "总投资", "自筹资金"]],  # only amounts that are never the allocation
    ],
)
def test_no_header(rows):
    assert header(rows) is None


def test_a_summary_header_names_a_district_and_an_amount():
    found = header([["区县", "金额"], ["高新区", 3]])
    assert found.columns == {"district": 0, "amount": 1}


def test_an_ambiguous_amount_is_still_a_header():
    found = header([["单位名称", "第一批拨付金额", "第二批拨付金额"]])
    assert (found.first_row, found.choice.ambiguous_amount) == (0, (1, 2))
    found = header([["单位名称", "第一批拨付金额", "第二批拨付金额"]], forced="第二批")
    assert (found.columns["amount"], found.choice.ambiguous_amount) == (2, ())


def test_the_search_is_limited_and_can_start_below():
    rows = [["说明"]] * (HEADER_SEARCH_ROWS - 1) + [["单位名称", "金额"], ["甲", 1]]
    assert header(rows).first_row == HEADER_SEARCH_ROWS - 1
    rows = [["说明"]] * HEADER_SEARCH_ROWS + [["单位名称", "金额"], ["甲", 1]]
    assert header(rows) is None
    assert header(rows, start=5).first_row == HEADER_SEARCH_ROWS
    assert HEADER_SEARCH_ROWS == 40


def test_header_at_one_row():
    rows = [["名单"], ["单位名称", "金额"]]
    merges = MergeMap(rows, [])
    assert header_at(rows, merges, 0) is None
    assert header_at(rows, merges, 1).labels == ("单位名称", "金额")


def test_a_merged_header_on_the_last_row():
    rows = [["名单"], ["单位名称", "扶持资金", None]]
    found = header(rows, [((1, 1), (1, 2))])
    assert (found.first_row, found.last_row, found.labels) == (1, 1, ("单位名称", "扶持资金", "扶持资金"))


def test_a_second_header_row_longer_than_the_first():
    # The top row ends where its merge starts (a reader keeps no empty cell at the end of a row).
    rows = [["名单"], ["序号", "单位名称", "扶持情况"], [None, None, "金额（万元）", "资金用途", "备注"], [1, "甲公司", 10, "运营", "x"]]
    found = header(rows, [((1, 2), (1, 4))])
    assert (found.first_row, found.last_row) == (1, 2)
    assert [label.strip() for label in found.labels] == ["序号", "单位名称", "扶持情况 金额（万元）", "资金用途", "备注"]
    assert found.columns == {"seq": 0, "name": 1, "purpose": 3, "remark": 4, "amount": 2}


@pytest.mark.parametrize(
    ("second", "merged", "rows"),
    [
        # a reader that repeats a merged label in every cell it covers: nothing of the second row's own
        (["单位名称", "金额"], [((0, 0), (1, 0)), ((0, 1), (1, 1))], (0, 0)),
        # a number left in a cell a merge from above covers is not the second row's own
        ([5, "金额（万元）"], [((0, 0), (1, 0))], (0, 1)),
        # the second row's own cells under a super header across
        ([None, "金额（万元）"], [((0, 0), (1, 0))], (0, 1)),
    ],
)
def test_only_the_second_rows_own_cells_say_whether_it_is_a_header_row(second, merged, rows):
    found = header([["单位名称", "扶持资金"], second, ["甲公司", 10]], merged)
    assert (found.first_row, found.last_row) == rows


@pytest.mark.parametrize("labels", [["单位名称", "合计", "其中：省级", "市级"], ["区县", "合计", "省级", "市级"], ["单位名称", "合计"]])
def test_a_split_amount_headed_only_by_its_total(labels):
    found = header([labels, ["甲公司", 10, 6, 4]])
    assert found is not None and found.columns["amount"] == 1
