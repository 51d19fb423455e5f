"""xlfund.check.spans: the block of detail lines each stated total covers."""

from __future__ import annotations

from unitkit import rec, stated

from xlfund.check.spans import stated_spans


def test_each_total_covers_its_rows_in_its_own_sheet():
    records = [
        rec("甲", 1, row=3), rec("乙", 1, row=4), rec("丙", 1, row=6),  # a.xlsx Sheet1: positions 0-2
        rec("丁", 1, row=3, sheet="Sheet2"), rec("戊", 1, row=4, sheet="Sheet2"),  # 3-4
        rec("己", 1, row=3, file="b.xlsx"),  # 5
    ]
    totals = [
        stated(5, "2", 3, 4),  # 小计 over rows 3-4
        stated(7, "3", 3, 6),  # 合计 over everything
        stated(8, "1", 6, 6),  # a block with one line
        stated(9, "0", 7, 8),  # nothing under it
        stated(5, "2", 3, 4, sheet="Sheet2"),
        stated(4, "1", 3, 3, file="b.xlsx"),
        stated(4, "1", 3, 3, file="c.xlsx"),  # a file with no records
    ]
    assert stated_spans(records, totals) == {
        ("a.xlsx", "Sheet1", 5): (0, 1),
        ("a.xlsx", "Sheet1", 7): (0, 2),
        ("a.xlsx", "Sheet1", 8): (2, 2),
        ("a.xlsx", "Sheet2", 5): (3, 4),
        ("b.xlsx", "Sheet1", 4): (5, 5),
    }


def test_the_bounds_are_inclusive():
    records = [rec("甲", 1, row=2), rec("乙", 1, row=3), rec("丙", 1, row=4)]
    assert stated_spans(records, [stated(9, "1", 3, 3)]) == {("a.xlsx", "Sheet1", 9): (1, 1)}
    assert stated_spans(records, [stated(9, "1", 2, 4)]) == {("a.xlsx", "Sheet1", 9): (0, 2)}
    assert stated_spans(records, [stated(9, "1", 5, 8)]) == {}
    assert stated_spans([], [stated(9, "1", 2, 4)]) == {}
