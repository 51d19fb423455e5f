"""Marks that change what a line means (xlfund.sheet.marks): a status that cancels a line, a line
struck through or hidden."""

from __future__ import annotations

import pytest
from unitkit import codes, people, read

from xlfund.sheet.marks import cancel_word, not_given, status_columns

# ---------------------------------------------------------------- sheet.marks: which columns say a line's status


@pytest.mark.parametrize(
    ("labels", "remark", "columns"),
    [
        (("单位名称", "金额", "备注"), 2, (2,)),
        (("单位名称", "金额", "审核状态", "备注"), 3, (2, 3)),
        (("单位名称", "金额", "审核意见", "完成情况", "说明", "结果"), None, (2, 3, 4, 5)),
        (("单位名称", "金额", "资金用途"), None, ()),
        (("单位名称", "金额", "", "附注"), 3, (3,)),  # the remark the header took, whatever its label
        (("单位名称", "金额", "", "核定意见"), None, (3,)),
        ((), None, ()),
    ],
)
def test_status_columns(labels, remark, columns):
    assert status_columns(labels, remark) == columns


@pytest.mark.parametrize(
    ("text", "word"),
    [("已取消", "取消"), ("企业放弃", "放弃"), ("资金退回", "退回"), ("暂缓拨付", "暂缓"), ("不予支持", "不予"), ("已注销", "注销"),
     ("未拨付", "未拨付"), ("通过", None), ("", None), ("拨付", None)],
)
def test_cancel_word(text, word):
    assert cancel_word(text) == word


def test_a_cancel_word_in_the_purpose_cancels_nothing():
    rows = [["单位名称", "金额", "资金用途"], ["甲公司", 2, "收回闲置厂房改造"], ["乙公司", 3, "撤销网点后的仓储整合"]]
    result = read(rows)
    assert people(result) == [("高新区", "甲公司", "2", 2), ("高新区", "乙公司", "3", 3)]
    assert (codes(result), result.layout.kinds) == ([], "HRR")


@pytest.mark.parametrize(("mark", "code"), [("struck", "line-struck"), ("hidden", "line-hidden")])
def test_a_struck_or_hidden_line_is_not_given(mark, code):
    assert not_given(["甲公司", 2, "已取消"], mark, (2,), 0) == (code, 0, {})


def test_a_status_column_says_a_line_was_not_given():
    assert not_given(["甲公司", 2, "资金已退回"], None, (2,), 0) == ("line-cancelled", 2, {"text": "资金已退回", "word": "退回"})
    assert not_given(["甲公司", 2], None, (2,), 0) is None  # a short row has no status cell
    assert not_given(["甲公司", 2, None], None, (2,), 0) is None
