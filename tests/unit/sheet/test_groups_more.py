"""xlfund.sheet.groups, more: lines numbered "1" over "1.1", "1.2" (numbered_lines), whatever the
序号 cells hold, and which lines after a breakdown still count as one."""

from __future__ import annotations

import datetime as dt

import pytest

from xlfund.sheet.groups import breakdown_label, numbered_lines

COL = {"seq": 0, "name": 1, "amount": 2, "purpose": 3}


def lines(*seqs, purposes: bool = False):
    """A header, then one line per 序号 value: recipients, or (purposes) lines whose name is their purpose."""
    body = [[s, f"用途{i}" if purposes else f"单位{i}", 1, f"用途{i}"] for i, s in enumerate(seqs)]
    return [["序号", "单位名称", "金额", "资金用途"], *body]


@pytest.mark.parametrize(
    ("seqs", "parents", "children"),
    [
        pytest.param(("1", "1.1", "1.2", "2", "2.1"), {1: False, 4: False}, {2: 1, 3: 1, 5: 4}, id="text"),
        pytest.param((1, 1.1, 1.2, 2.0, 2.1), {1: False, 4: False}, {2: 1, 3: 1, 5: 4}, id="numbers, 1.1 a float"),
        pytest.param(("１", "１.１", "１．２"), {1: False}, {2: 1, 3: 1}, id="full-width"),
        pytest.param((" 1 ", " 1.1", "1.2 "), {1: False}, {2: 1, 3: 1}, id="spaces around"),
        pytest.param(("1.1", "1.2", "2", "2.1"), {3: False}, {4: 3}, id="sub-numbers before any whole number are no one's"),
        pytest.param(("1", "2.1", "2"), {}, {}, id="2.1 under 1 is not its line"),
        pytest.param((True, "1.1", False, "0.1"), {}, {}, id="a true/false cell numbers nothing"),
        pytest.param((None, "1", None, "1.1"), {2: False}, {4: 2}, id="blank 序号 cells in between"),
        pytest.param((dt.date(2018, 1, 1), "1.1"), {}, {}, id="a date numbers nothing"),
    ],
)
def test_numbered_lines(seqs, parents, children):
    assert numbered_lines(lines(*seqs), COL, 1) == (parents, children)


def test_numbered_lines_that_are_their_parents_purposes():
    assert numbered_lines(lines("1", "1.1", "1.2", "2", "2.1", purposes=True), COL, 1) == ({1: True, 4: True}, {2: 1, 3: 1, 5: 4})
    # no purpose column: the lines are always recipients
    assert numbered_lines(lines("1", "1.1", purposes=True), {"seq": 0, "name": 1, "amount": 2}, 1) == ({1: False}, {2: 1})


def test_no_numbered_lines_without_a_seq_column():
    assert numbered_lines(lines("1", "1.1"), {"name": 1, "amount": 2}, 1) == ({}, {})


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # only 公司 and 商行 mark a recipient's line among the lines after a breakdown
        ("甲商行", None), ("乙公司", None),
        ("安化黑茶行", "安化黑茶行"), ("丙合作社", "丙合作社"), ("资阳区", "资阳区"),
    ],
)
def test_a_line_after_a_breakdown(text, label):
    assert breakdown_label(text, True) == label
