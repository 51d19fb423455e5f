"""xlfund.sheet.column_doubts, more: when two amount columns holding the same amounts are one
(same_amounts), and when they are tables side by side."""

from __future__ import annotations

import pytest

from xlfund.amounts import WAN
from xlfund.sheet.cells import MergeMap
from xlfund.sheet.column_doubts import same_amounts
from xlfund.sheet.header import find_header


@pytest.mark.parametrize(
    ("labels", "columns", "same"),
    [
        # one recipient column, two amount columns of different labels, the same amounts: one amount
        (["单位名称", "第一批拨付金额", "第二批拨付金额"], (1, 2), True),
        # two recipient columns: tables side by side whose amounts happen to agree
        (["单位名称", "第一批拨付金额", "企业名称", "第二批拨付金额"], (1, 3), False),
        # the same label twice: tables side by side too
        (["单位名称", "金额", "单位名称", "金额"], (1, 3), False),
    ],
)
def test_same_amounts(labels, columns, same):
    rows = [labels, *([f"单位{i}" if "名称" in label else i + 1 for label in labels] for i in range(3))]
    header = find_header(rows, MergeMap(rows, []))
    assert same_amounts(rows, header, columns, WAN) is same
