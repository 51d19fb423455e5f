"""xlfund.sheet.row_amounts: a record's amount read from its cell (or the line rejected at that
cell, with the reason), and the parts of a split amount checked against it."""

from __future__ import annotations

import pytest
from unitkit import codes, people, read

SPLIT = ["序号", "单位名称", "合计", "其中：省级", "市级"]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ([1, "甲公司", 10, 6, 4], []),
        ([2, "乙公司", 3, 3], []),  # a line that ends before its last part: that part is empty
        ([3, "丙公司", 5], [("amount-parts-mismatch", "金额 5.00 万元，各来源分项之和为 0.00 万元，比金额少 5.00 万元，请核对")]),
        ([4, "丁公司", 2, 1, None], [("amount-parts-mismatch", "金额 2.00 万元，各来源分项之和为 1.00 万元，比金额少 1.00 万元，请核对")]),
        ([5, "戊公司", 2, 1.5, 1], [("amount-parts-mismatch", "金额 2.00 万元，各来源分项之和为 2.50 万元，比金额多 0.50 万元，请核对")]),
        ([6, "己公司", 5, "x", 1], []),  # a part that cannot be read: nothing to compare
        ([7, "庚公司", "2万元", "20000元", None], []),
    ],
)
def test_the_parts_of_a_split_amount(line, said):
    result = read([SPLIT, line])
    assert result.layout.kinds == "HR"
    assert [(f.code, f.message) for f in result.findings] == said
    assert [f.cell for f in result.findings] == ["C2"] * len(said)


@pytest.mark.parametrize(
    ("amount", "code", "message"),
    [
        ("", "amount-missing", "“甲公司”没有金额，此行未计入"),
        ("#", "amount-unparseable", "金额无法识别：“#”不是金额"),
        (-1, "amount-not-positive", "“甲公司”的金额为 -1.00 万元，应为正数，此行未计入"),
        (0, "amount-not-positive", "“甲公司”的金额为 0.00 万元，应为正数，此行未计入"),
        ("0", "amount-not-positive", "“甲公司”的金额为 0.00 万元，应为正数，此行未计入"),
    ],
)
def test_a_line_rejected_at_its_amount(amount, code, message):
    result = read([["单位名称", "金额"], ["甲公司", amount]])
    assert (result.layout.kinds, [(f.code, f.cell, f.message) for f in result.findings]) == ("HX", [(code, "B2", message)])


@pytest.mark.parametrize(
    ("special", "code"),
    [("formula", "amount-formula-no-value"), ("#REF!", "amount-error-value")],
)
def test_an_unreadable_amount(special, code):
    result = read([["单位名称", "金额"], ["甲公司", None]], special={(1, 1): special})
    assert (result.layout.kinds, codes(result)) == ("HX", [(code, "B2")])


def test_an_amount_in_yuan_on_a_wan_sheet():
    result = read([["单位名称", "金额（元）"], ["甲公司", 25000], ["乙公司", "3万元"]])
    assert (people(result), codes(result)) == ([("高新区", "甲公司", "2.5", 2), ("高新区", "乙公司", "3", 3)], [])


def test_a_unit_written_twice_is_read_and_said():
    result = read([["单位名称", "金额"], ["甲公司", "5万元元"]])
    assert people(result) == [("高新区", "甲公司", "5", 2)]
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("amount-unit-typo", "B2", "金额“5万元元”单位书写有误，已按 5.00 万元读取，请核对")]
