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
