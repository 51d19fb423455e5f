"""Units as sheets state them: every money unit understood, anything else refused, never defaulted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlfund.amounts import parse_amount
from xlfund.sheet.units import classify, unit_in_title, unit_line


@pytest.mark.parametrize(
    ("lines", "money", "row"),
    [
        (["2018年", "金额单位：元", "单位：万元"], "元", 1),  # the first line that says
        (["单位: 万元"], "万元", 0),
        (["单位：元"], "元", 0),
        (["单 位：元"], "元", 0),
        (["填报单位：高新区 单位：万元"], "万元", 0),
        (["填报单位：高新区商务局          单位：千元"], "千元", 0),
        (["单位：百万元"], "百万元", 0),
        (["单位：亿元"], "亿元", 0),
        (["单位：人民币万元"], "万元", 0),
        (["单位：万元、个"], "万元", 0),  # a table of amounts and counts: the amounts' unit
    ],
)
def test_a_unit_line_states_a_money_unit(lines, money, row):
    found = unit_line(lines)
    assert (found.money, found.row, found.source, found.refuses) == (money, row, "单位行", False)


@pytest.mark.parametrize("line", ["单位：笔", "单位：户", "单位：个、户", "计量单位：吨", "单位：%", "单位：万人", "单位：千克"])
def test_a_unit_that_is_not_money_refuses(line):
    found = unit_line(["标题", line], first_row=3)
    assert (found.money, found.refuses, found.row, found.written) == (None, True, 4, line.split("：")[1])


@pytest.mark.parametrize("lines", [["单位万元"], ["填报单位：高新区商务局"], ["单位：益阳市商务局"], ["申报单位：甲公司"], []])
def test_no_unit_line(lines):
    assert unit_line(lines) is None


@pytest.mark.parametrize(
    ("lines", "money"),
    [
        (["分配表（元）"], "元"),
        (["分配表(元)"], "元"),
        (["明细（单位：万元）"], "万元"),
        (["明细(单位:元)"], "元"),
        (["明细（ 万元 ）"], "万元"),
        (["a", "b(元)"], "元"),
        (["分配表（千元）"], "千元"),
        (["统计表（单位：笔）"], None),
    ],
)
def test_a_title_states_the_unit(lines, money):
    assert unit_in_title(lines).money == money


@pytest.mark.parametrize(("lines", "first_row", "row"), [(["分配表（元）"], None, 0), (["标题", "明细（万元）"], None, 1), (["标题", "明细（万元）"], 4, 5)])
def test_the_row_a_title_states_the_unit_on(lines, first_row, row):
    found = unit_in_title(lines) if first_row is None else unit_in_title(lines, first_row)
    assert (found.row, found.source) == (row, "标题")


@pytest.mark.parametrize("lines", [["表（万元以下）"], ["分配表元"], ["分配表（2018年）"], ["（高新区）"], []])
def test_a_title_without_a_unit(lines):
    assert unit_in_title(lines) is None


@pytest.mark.parametrize(("words", "found"), [("万元", "万元"), ("元、万元", None), ("万元、万", "万元"), ("XYZ", None), ("高新区商务局", False), ("", False),
                                            ("港币千元", None), ("见附表说明", False)])
def test_classify(words, found):
    assert classify(words) == found


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        (1200, "千元", "120"), ("1,200千元", "万元", "120"), (3, "百万元", "300"), ("0.5亿元", "万元", "5000"),
        ("1.5亿", "万元", "15000"), (12000, "元", "1.2"), ("12万", "元", "12"), (2, "亿元", "20000"),
    ],
)
def test_every_money_unit_scales_exactly(value, unit, wan):
    assert parse_amount(value, unit).wan == Decimal(wan)
