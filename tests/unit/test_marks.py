"""Marks that change what a line means: xlfund.sheet.marks (a status that cancels a line) and
xlfund.check.marks (hidden lines, counted and said)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import codes, people, read, rec, stated

from xlfund.check.marks import hidden_line_findings
from xlfund.model import Check, CheckKind
from xlfund.sheet.marks import cancel_word, status_columns

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


# ---------------------------------------------------------------- check.marks: hidden lines, counted and said


def hidden(name: str, wan, row: int, sheet: str = "Sheet1"):
    return rec(name, wan, row=row, sheet=sheet)._replace(hidden=True)


def confirmed_by(row: int, span: tuple[int, int], passed: bool = True, kind: CheckKind = CheckKind.STATED) -> Check:
    total = stated(row, "10", 2, row - 1)
    return Check(kind, f"a.xlsx·Sheet1 第{row}行合计", Decimal(10), Decimal(10 if passed else 9), stated=total, span=span)


def said(findings) -> list[tuple]:
    return [(f.code, f.cell, f.param("rows"), f.param("count"), f.param("amount")) for f in findings]


def test_no_hidden_line_nothing_said():
    assert hidden_line_findings([rec("甲公司", 2)], []) == []


@pytest.mark.parametrize(
    ("checks", "code"),
    [
        ([confirmed_by(9, (0, 3))], "lines-hidden"),
        ([confirmed_by(9, (1, 3))], "lines-hidden"),  # the hidden lines first and last in the span
        ([confirmed_by(9, (0, 2))], "lines-hidden"),
        ([confirmed_by(9, (2, 3))], "lines-hidden-unconfirmed"),  # the first hidden line is outside
        ([confirmed_by(9, (0, 1))], "lines-hidden-unconfirmed"),  # the last one is outside
        ([confirmed_by(9, (1, 2))], "lines-hidden"),  # exactly the hidden lines
        ([confirmed_by(9, (0, 1)), confirmed_by(10, (2, 3))], "lines-hidden"),  # each line under a total of its own
        ([confirmed_by(9, (0, 3), kind=CheckKind.QUOTA)], "lines-hidden-unconfirmed"),
        ([confirmed_by(9, (0, 3), passed=False)], "lines-hidden-unconfirmed"),  # a total that disagrees confirms nothing
        ([confirmed_by(9, (0, 3), kind=CheckKind.PLAN)], "lines-hidden-unconfirmed"),
        ([Check(CheckKind.STATED, "x", Decimal(1), Decimal(1), span=None)], "lines-hidden-unconfirmed"),
        ([], "lines-hidden-unconfirmed"),
    ],
)
def test_hidden_lines_confirmed_by_a_total_that_covers_them_all(checks, code):
    records = [rec("甲公司", 2, row=2), hidden("乙公司", 3, row=3), hidden("丙公司", "0.5", row=4), rec("丁公司", 1, row=5)]
    assert said(hidden_line_findings(records, checks)) == [(code, "C3", "3、4", 2, Decimal("3.5"))]


def test_the_confirming_totals_are_named():
    records = [hidden("乙公司", 3, row=3), hidden("丙公司", 1, row=4)]
    (found,) = hidden_line_findings(records, [confirmed_by(5, (0, 0)), confirmed_by(6, (1, 1))])
    assert found.message == "第 3、4 行是隐藏行（2 个单位，4.00 万元），已计入；表内 C5（合计）、C6（合计） 与之相符"


@pytest.mark.parametrize(
    ("count", "rows"),
    [(10, "2、3、4、5、6、7、8、9、10、11"), (11, "2、3、4、5、6、7、8、9、10、11……")],
)
def test_at_most_ten_hidden_rows_are_named(count, rows):
    records = [hidden(f"公司{i}", 1, row=2 + i) for i in range(count)]
    assert said(hidden_line_findings(records, [])) == [("lines-hidden-unconfirmed", "C2", rows, count, Decimal(count))]


def test_hidden_lines_are_said_per_sheet():
    records = [hidden("甲公司", 1, row=3, sheet="A"), hidden("乙公司", 2, row=7, sheet="B"), hidden("丙公司", 3, row=8, sheet="B")]
    assert [(f.place.sheet, f.cell, f.param("rows")) for f in hidden_line_findings(records, [])] == [("A", "C3", "3"), ("B", "C7", "7、8")]
