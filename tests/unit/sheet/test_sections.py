"""xlfund.sheet.sections: which Excel rows each stated number covers, worked out as the rows go by."""

from __future__ import annotations

from decimal import Decimal

from xlfund.model import StatedTotal
from xlfund.sheet.groups import Group
from xlfund.sheet.sections import Sections


def covered(sections: Sections) -> list[tuple]:
    """(row, label, amount, first, last, district, category) of every stated number."""
    return [(t.row, t.label, t.amount, t.first_row, t.last_row, t.district, t.category) for t in sections.stated()]


def records(sections: Sections, count: int) -> None:
    for _ in range(count):
        sections.record()


D = Decimal


def test_a_total_at_the_bottom():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 2)
    s.total(5, "合计", D(50), 2)
    s.close_table(6)
    assert s.stated() == [StatedTotal("a.xlsx", "Sheet1", 5, 2, "合计", D(50), 3, 4)]
    assert s.tables_closed == 1


def test_a_total_at_the_top_covers_the_table_below_it():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.total(3, "合计", D(50), 2)
    assert s.records_in_table == 0 and s.under_header
    records(s, 3)
    s.close_table(7)
    assert covered(s) == [(3, "合计", D(50), 4, 7, "", "")]


def test_an_unclosed_top_total_covers_only_its_own_row():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.total(3, "合计", None, 2)
    assert covered(s) == [(3, "合计", None, 4, 3, "", "")]


def test_a_total_with_no_lines_above_covers_nothing():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 1)
    s.total(4, "合计", D(1), 2)
    s.total(5, "合计", D(0), 2)  # a second total straight after: no lines of its own
    s.close_table(5)
    assert covered(s) == [(4, "合计", D(1), 3, 3, "", ""), (5, "合计", D(0), 3, 4, "", "")]


def test_groups_with_subtotals_on_their_rows():
    s = Sections("a.xlsx", "Sheet1", 3)
    assert s.district is None
    s.group(3, Group(1, "高新区", "高新区", None), D(30), 2, True)
    assert s.district == "高新区"
    records(s, 2)  # rows 4, 5
    s.group(6, Group(1, "赫山区", "赫山区", None), D(20), 2, True)
    assert s.district == "赫山区"
    records(s, 1)  # row 7
    s.total(8, "合计", D(50), 2)
    assert s.district is None
    s.close_table(8)
    assert covered(s) == [
        (3, "高新区", D(30), 4, 5, "", ""),
        (6, "赫山区", D(20), 7, 7, "", ""),
        (8, "合计", D(50), 3, 7, "", ""),
    ]


def test_nested_groups_close_at_their_own_level():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.group(3, Group(1, "高新区", "高新区", None), D(30), 2, True)
    s.group(4, Group(2, "企业", None, "企业"), D(20), 2, True)
    assert s.district == "高新区"  # the inner group names none: the outer one's
    records(s, 2)  # 5, 6
    s.group(7, Group(2, "村（社区）", None, "村（社区）"), D(10), 2, True)
    records(s, 1)  # 8
    s.group(9, Group(1, "赫山区", "赫山区", None), None, 2, False)  # no subtotal stated
    records(s, 1)  # 10
    s.close_table(10)
    assert covered(s) == [
        (3, "高新区", D(30), 4, 8, "", ""),
        (4, "企业", D(20), 5, 6, "", ""),
        (7, "村（社区）", D(10), 8, 8, "", ""),
    ]
    assert s.groups == []


def test_a_group_with_no_label():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.group(3, Group(1, "", None, None), D(3), 2, True)
    records(s, 1)
    s.close_table(4)
    assert covered(s) == [(3, "分组", D(3), 4, 4, "", "")]


def test_subtotals_each_cover_their_section():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 2)  # 3, 4
    s.subtotal(5, "小计", D(2), 2)
    records(s, 1)  # 6
    s.subtotal(7, "小计", D(1), 2)
    s.total(8, "合计", D(3), 2)
    s.close_table(8)
    assert covered(s) == [(5, "小计", D(2), 3, 4, "", ""), (7, "小计", D(1), 6, 6, "", ""), (8, "合计", D(3), 3, 7, "", "")]


def test_a_subtotal_under_a_group_starts_after_the_group_row():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.group(3, Group(1, "高新区", "高新区", None), None, 2, False)
    records(s, 2)
    s.subtotal(6, "小计", D(2), 2)
    assert covered(s) == [(6, "小计", D(2), 4, 5, "", "")]


def test_breakdowns_after_a_bottom_total():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 3)  # 3-5
    s.total(6, "合计", D(9), 2)
    s.breakdown(7, "企业", D(6), 2, "", "企业")
    s.breakdown(8, "村（社区）", D(3), 2, "", "村（社区）")
    s.breakdown(9, "其他", D(1), 2, "", "")  # names neither a district nor a kind: no check
    s.close_table(9)
    assert covered(s) == [
        (6, "合计", D(9), 3, 5, "", ""),
        (7, "其中：企业", D(6), 3, 5, "", "企业"),
        (8, "其中：村（社区）", D(3), 3, 5, "", "村（社区）"),
    ]


def test_breakdowns_after_a_top_total_end_with_the_table():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.total(3, "合计", D(9), 2)
    s.breakdown(4, "高新区", D(5), 2, "高新区", "")
    records(s, 2)  # 5, 6
    s.close_table(6)
    assert covered(s) == [(3, "合计", D(9), 4, 6, "", ""), (4, "其中：高新区", D(5), 4, 6, "高新区", "")]


def test_a_breakdown_after_a_subtotal_splits_the_subtotal():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 1)  # 3
    s.subtotal(4, "小计", D(1), 2)
    records(s, 2)  # 5, 6
    s.subtotal(7, "小计", D(2), 2)
    s.breakdown(8, "企业", D(2), 2, "", "企业")
    assert covered(s)[-1] == (8, "其中：企业", D(2), 5, 6, "", "企业")


def test_a_breakdown_needs_a_total_just_above():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.breakdown(3, "企业", D(1), 2, "", "企业")  # before anything
    records(s, 1)
    s.breakdown(4, "企业", D(1), 2, "", "企业")  # after a record
    s.group(5, Group(1, "高新区", "高新区", None), None, 2, False)
    s.breakdown(6, "企业", D(1), 2, "", "企业")  # after a group
    s.total(7, "合计", D(1), 2)
    records(s, 1)
    s.breakdown(9, "企业", D(1), 2, "", "企业")  # a record between
    assert [t.row for t in s.stated()] == [7]


def test_two_tables_each_with_a_total_then_a_grand_total():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 2)  # 3, 4
    s.total(5, "合计", D(2), 2)
    assert (s.table_start, s.under_header, s.tables_closed) == (6, False, 1)
    records(s, 3)  # 6-8
    s.total(9, "合计", D(3), 2)
    s.total(10, "总计", D(5), 2)
    s.close_table(10)
    assert covered(s) == [
        (5, "合计", D(2), 3, 4, "", ""),
        (9, "合计", D(3), 6, 8, "", ""),
        (10, "总计", D(5), 3, 9, "", ""),
    ]
    assert s.tables_closed == 2


def test_a_grand_total_in_a_single_table():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.total(3, "总计", D(2), 2)  # 总计 under the header is not a top total
    assert covered(s) == [(3, "总计", D(2), 3, 2, "", "")]


def test_a_second_table_opened_by_its_own_header():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.total(3, "合计", D(2), 2)  # at the top of table one
    records(s, 2)  # 4, 5
    s.new_table(8)  # header at Excel row 7
    assert (s.table_start, s.section_start, s.records_in_table, s.under_header) == (8, 8, 0, True)
    s.total(8, "合计", D(1), 2)  # at the top of table two
    records(s, 1)  # 9
    s.close_table(9)
    assert covered(s) == [(3, "合计", D(2), 4, 7, "", ""), (8, "合计", D(1), 9, 9, "", "")]
    assert s.tables_closed == 2


def test_a_repeated_header_before_any_line_keeps_the_sheet_start():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.new_table(4)  # the header printed twice
    records(s, 2)  # 4, 5
    s.total(6, "总计", D(2), 2)
    s.close_table(6)
    assert covered(s) == [(6, "总计", D(2), 4, 5, "", "")]
    assert s.tables_closed == 1


def test_a_breakdown_under_a_new_header_belongs_to_no_total():
    s = Sections("a.xlsx", "Sheet1", 3)
    records(s, 1)
    s.total(4, "合计", D(1), 2)
    s.new_table(7)
    s.breakdown(7, "企业", D(1), 2, "", "企业")
    assert [t.row for t in s.stated()] == [4]


def test_a_table_without_lines_is_not_counted_as_closed():
    s = Sections("a.xlsx", "Sheet1", 3)
    s.close_table(5)
    assert s.tables_closed == 0
    assert s.stated() == []


def test_stated_numbers_come_in_row_order():
    s = Sections("f.xlsx", "表", 3)
    s.total(3, "合计", D(2), 3)
    s.group(4, Group(1, "高新区", "高新区", None), D(2), 3, True)
    records(s, 1)
    s.close_table(5)
    assert [(t.file, t.sheet, t.row, t.cell) for t in s.stated()] == [("f.xlsx", "表", 3, "D3"), ("f.xlsx", "表", 4, "D4")]
