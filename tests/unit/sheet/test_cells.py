"""xlfund.sheet.cells: a cell's text as the clerk reads it, unreadable cells, merged ranges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xlfund.sheet.cells import MergeMap, Unreadable, cell_text, is_blank, sums_rows


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""), ("", ""), ("  甲公司\t", "甲公司"), (12, "12"), (12.0, "12"), (12.5, "12.5"), (-3.0, "-3"), (0.0, "0"),
        (Decimal("1.50"), "1.50"), (True, "True"),
        (dt.date(2018, 12, 20), "2018-12-20"), (dt.datetime(2018, 12, 20, 9, 30), "2018-12-20T09:30:00"),
        (Unreadable("#REF!"), "#REF!"), (Unreadable("formula"), "（公式无计算结果）"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("special", "kind", "sums", "formula"),
    [
        ("formula", "formula", None, True),
        ("#DIV/0!", "#DIV/0!", None, False),
        ((3, 9), "formula", (3, 9), True),  # a column sum without its value, over Excel rows 3–9
    ],
)
def test_an_unreadable_cell_from_the_readers_mark(special, kind, sums, formula):
    cell = Unreadable.of(special)
    assert (cell.kind, cell.sums, cell.is_formula) == (kind, sums, formula)


@pytest.mark.parametrize(
    ("value", "first", "last", "covers"),
    [
        (Unreadable("formula", (3, 9)), 3, 9, True),
        (Unreadable("formula", (3, 9)), 4, 8, True),  # more than the lines: still all of them
        (Unreadable("formula", (3, 9)), 2, 9, False),  # a line above left out
        (Unreadable("formula", (3, 9)), 3, 10, False),  # a line below left out
        (Unreadable("formula"), 3, 9, False),  # a formula of another shape
        (Unreadable("#REF!"), 3, 9, False),
        (45, 3, 9, False),  # a value: compared as a value
        (None, 3, 9, False),
    ],
)
def test_a_sum_without_value_covers_these_rows(value, first, last, covers):
    assert sums_rows(value, first, last) is covers


@pytest.mark.parametrize(
    ("row", "blank"),
    [([], True), ([None, "", " ", "\u3000"], True), ([None, 0], False), ([None, "x"], False), ([Unreadable("#N/A")], False),
     ([False], False)],
)
def test_is_blank(row, blank):
    assert is_blank(row) is blank


ROWS = [["单位名称", "金额"], ["甲公司", 10], ["乙公司"]]


@pytest.mark.parametrize(
    ("row", "col", "raw"),
    [(0, 0, "单位名称"), (1, 1, 10), (2, 0, "乙公司"), (2, 1, None), (3, 0, None), (9, 9, None)],
)
def test_a_cell_outside_the_grid_is_empty(row, col, raw):
    assert MergeMap(ROWS, []).raw(row, col) == raw


def test_a_merged_range_shows_its_top_left_value_in_every_cell():
    rows = [["一、高新区", None, None], [None, None, None], ["甲公司", 10, None]]
    merges = MergeMap(rows, [((0, 0), (1, 1))])
    assert [merges.shown(r, c) for r in range(3) for c in range(3)] == [
        "一、高新区", "一、高新区", None, "一、高新区", "一、高新区", None, "甲公司", 10, None]
    assert merges.raw(1, 1) is None


@pytest.mark.parametrize(
    ("merged", "spans", "horizontal"),
    [
        ([((0, 0), (1, 0))], [True, False], [False, False]),  # two rows, one column
        ([((0, 0), (0, 2))], [False, False], [True, False]),  # one row, three columns
        ([((1, 1), (2, 3))], [False, True], [False, True]),  # both, from the second row
        ([((0, 0), (0, 0))], [False, False], [False, False]),  # one cell "merged": neither
        ([], [False, False], [False, False]),
    ],
)
def test_merges_that_span_rows_or_columns(merged, spans, horizontal):
    merges = MergeMap([[None] * 4 for _ in range(3)], merged)
    assert [merges.spans_rows(r) for r in (0, 1)] == spans
    assert [merges.in_horizontal_merge(r) for r in (0, 1)] == horizontal


@pytest.mark.parametrize(
    "merged",
    [
        ((0, 0), (1_000_000, 0)),  # down a whole column: 1,000,001 cells
        ((0, 0), (0, 1_000_000)),  # along a (very wide) row
        ((0, 0), (500_000, 1)),  # 1,000,002 cells over two columns
    ],
)
def test_a_merge_over_a_whole_column_is_ignored(merged):
    merges = MergeMap([["高新区", "x"], [None, None]], [merged])
    assert merges.origin == {}
    assert (merges.shown(1, 0), merges.shown(0, 1)) == (None, "x")


@pytest.mark.parametrize(
    "merged",
    [
        ((600_000, 0), (600_001, 0)),  # two cells far down the sheet
        ((0, 9000), (99, 9001)),  # 200 cells far to the right
        ((0, 0), (999, 9)),  # 10,000 cells
    ],
)
def test_a_merge_of_a_few_cells_anywhere_is_kept(merged):
    (r0, c0), (r1, c1) = merged
    merges = MergeMap([], [merged])
    assert len(merges.origin) == (r1 - r0 + 1) * (c1 - c0 + 1)
    assert merges.origin[(r1, c1)] == (r0, c0)
