"""xlfund.check.plausibility, more: where "a thousand times below the median" starts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import rec

from xlfund.check.plausibility import amount_findings


@pytest.mark.parametrize(
    ("small", "expected"),
    [
        # the median is 10 万元: a line of 0.01 万元 (100 元) is exactly a thousandth of it, one of 0.01001 is above that
        ("0.01", [("amount-outlier-small", "C4")]),
        ("0.010010", []),
        ("0.0099", [("amount-tiny", "C4")]),  # under 100 元: said as such first
    ],
)
def test_a_thousandth_of_the_median_is_inclusive(small, expected):
    records = [rec(f"单位{i}", a, row=i + 3) for i, a in enumerate((10, small, 10))]
    assert [(f.code, f.cell) for f in amount_findings(records, Decimal(500))] == expected


@pytest.mark.parametrize(
    ("amounts", "cap", "message"),
    [
        ((5, "0.0099", 12, 6), None,
         "“单位1”的金额 0.0099 万元（99.00 元）不到 100 元，疑似单位填错（按万元填在元栏中？应为 99.00 万元？），请核对"),
        ((500, "0.3", 600), "10000",
         "“单位1”的金额 0.30 万元不到本表中位数 500.00 万元的千分之一，疑似单位填错（按万元填在元栏中？应为 3,000.00 万元？），请核对"),
    ],
)
def test_a_line_far_below_says_what_it_would_be_in_wan(amounts, cap, message):
    records = [rec(f"单位{i}", a, row=i + 3) for i, a in enumerate(amounts)]
    assert [(f.cell, f.message) for f in amount_findings(records, Decimal(cap) if cap else None)] == [("C4", message)]
