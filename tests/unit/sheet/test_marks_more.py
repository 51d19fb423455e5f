"""xlfund.sheet.marks, more: how long a status may be and still plainly cancel its line."""

from __future__ import annotations

import pytest
from unitkit import codes, read

from xlfund.sheet.marks import cancel_reading


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("该企业已退回全部资金", ("cancelled", "退回")),  # 10 characters: still plain
        ("企业经营不善已申请取消", ("unclear", "取消")),  # 11: asked about
        ("该企业已退回 全部资金", ("cancelled", "退回")),  # spaces are not counted
    ],
)
def test_the_length_of_a_plain_cancelling_status(text, reading):
    assert cancel_reading(text) == reading


def test_a_ten_character_status_cancels_its_line():
    result = read([["单位名称", "金额", "备注"], ["甲公司", 2, "该企业已退回全部资金"], ["乙公司", 3, None]])
    assert ([r.name for r in result.records], codes(result)) == (["乙公司"], [("line-cancelled", "C2")])
