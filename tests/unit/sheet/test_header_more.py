"""xlfund.sheet.header, more: the labels a two-row header gives its columns, and a top row that
names only one column over a second row of labels."""

from __future__ import annotations

import pytest
from unitkit import codes, people, read

from xlfund.sheet.cells import MergeMap
from xlfund.sheet.header import find_header


def header(rows, merged=()):
    return find_header(rows, MergeMap(rows, list(merged)))


@pytest.mark.parametrize(
    ("top", "bottom", "labels", "unit"),
    [
        # the same role above and below: the label under it, with the super header's unit
        ("金额（万元）", "核定金额", ("单位名称", "核定金额（万元）"), "万元"),
        ("扶持资金（元）", "核定金额", ("单位名称", "核定金额（元）"), "元"),
        # a total word under an amount's super header: read together, the unit stays where it was
        ("金额（万元）", "合计", ("单位名称", "金额（万元） 合计"), "万元"),
        # the label under it states its own unit: the two read together
        ("扶持资金", "金额（万元）", ("单位名称", "扶持资金 金额（万元）"), "万元"),
        # too long together to name a role: the label under it, with the super header's unit if it has none
        ("2018年度扶持情况（万元）", "核定金额", ("单位名称", "核定金额（万元）"), "万元"),
        ("资金安排情况", "原分配金额", ("单位名称", "原分配金额"), None),
        ("资金安排情况", "原分配金额（元）", ("单位名称", "原分配金额（元）"), "元"),
    ],
)
def test_the_label_of_a_column_under_a_super_header(top, bottom, labels, unit):
    rows = [["序号", "单位名称", top], [None, None, bottom], [1, "甲公司", 10]]
    found = header(rows, [((0, 0), (1, 0)), ((0, 1), (1, 1))])
    assert (found.first_row, found.last_row, found.labels, found.columns["amount"], found.amount_unit) == (0, 1, ("序号", *labels), 2, unit)


def test_a_split_amount_under_one_super_header():
    rows = [["单位名称", "金额（万元）", None, None], [None, "合计", "其中：省级", "市级"], ["甲公司", 10, 6, 4]]
    found = header(rows, [((0, 0), (1, 0)), ((0, 1), (0, 3))])
    assert found.labels == ("单位名称", "金额（万元） 合计", "金额（万元） 其中：省级", "金额（万元） 市级")
    assert (found.columns, sorted(found.choice.amount_parts), found.amount_unit) == ({"name": 0, "amount": 1}, [2, 3], "万元")


TOP_ONE_LABEL = [["单位名称", "扶持情况", None], [None, "金额（万元）", "资金用途"], ["甲公司", 10, "运营"]]


@pytest.mark.parametrize("merged", [[((0, 1), (0, 2))], []], ids=["super header merged across", "no merges (csv)"])
def test_a_top_row_naming_one_column_over_a_row_of_labels(merged):
    result = read(TOP_ONE_LABEL, merged)
    assert (result.layout.kinds, people(result), codes(result)) == ("HHR", [("高新区", "甲公司", "10", 3)], [])



@pytest.mark.parametrize(
    ("rows", "merged", "band", "labels", "columns", "unit"),
    [
        pytest.param([["序号", "单位名称", "扶持情况", None], [None, None, "金额（元）", "备注"], [1, "甲公司", 20000, "x"]], [],
                     (0, 1), ("序号", "单位名称", "扶持情况 金额（元）", "备注"), {"seq": 0, "name": 1, "remark": 3, "amount": 2}, "元",
                     id="no merges: labels as written under a label naming no role"),
        pytest.param([["序号", "单位名称", "扶持资金"], [None, None, "核定金额"], [1, "甲公司", 2]], [],
                     (0, 1), ("序号", "单位名称", "扶持资金 核定金额"), {"seq": 0, "name": 1, "amount": 2}, None,
                     id="no merges: an amount's label under an amount's"),
        # the second row ends before the recipient's column: a row of units alone, part of the header
        pytest.param([["序号", "金额", "单位名称"], [None, "（万元）"], [1, 10, "甲公司"]], [],
                     (0, 1), ("序号", "金额", "单位名称"), {"seq": 0, "name": 2, "amount": 1}, "万元",
                     id="no merges: a unit row shorter than the header"),
        # "一、高新区" is no label: the line under the header is a group heading, not the header's
        pytest.param([["序号", "单位名称", "金额"], ["一、高新区", None, "（万元）"], [1, "甲公司", 2]], [],
                     (0, 0), ("序号", "单位名称", "金额"), {"seq": 0, "name": 1, "amount": 2}, None,
                     id="no merges: a heading beside a unit is no header row"),
        pytest.param([["序号", "单位名称", "金额", "扶持情况"], [None, None, None, "已公示", "备注"], [1, "甲公司", 2]], [],
                     (0, 0), ("序号", "单位名称", "金额", "扶持情况"), {"seq": 0, "name": 1, "amount": 2}, None,
                     id="no merges: a plain word under a label naming no role is no label"),
        # a data line under a header merged down: its number says it is no label row, whatever its words
        pytest.param([["序号", "单位名称", "金额", "备注"], [1, "甲公司", 2, "资金"]], [((0, 0), (1, 0))],
                     (0, 0), ("序号", "单位名称", "金额", "备注"), {"seq": 0, "name": 1, "remark": 3, "amount": 2}, None,
                     id="merged down: a line with a number is data"),
    ],
)
def test_whether_the_row_under_the_header_belongs_to_it(rows, merged, band, labels, columns, unit):
    found = header(rows, merged)
    assert ((found.first_row, found.last_row), found.labels, found.columns, found.amount_unit) == (band, labels, columns, unit)
