"""Which rows each number the submitter states covers, worked out as the rows go by.

A sheet may hold several tables (each closed by its 合计, or opened by a header of its own),
groups ("一、高新区" with the group's subtotal on its row, nested "（一）…"), 小计 rows, a 合计
directly under the header (covering the whole table below it) or at the bottom, a 总计 over
every table, and breakdown lines after a total ("其中：企业 450"). Each becomes a StatedTotal over
a block of Excel rows, so that reconcile can hold it against the lines read.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xlfund.model import StatedTotal
from xlfund.sheet.groups import Group

GRAND_TOTAL_WORDS = ("总计",)


@dataclass
class _Pending:
    row: int  # Excel row of the stated number
    col: int  # 0-based column of the stated number
    label: str
    amount: Decimal | None
    first: int
    last: int | None = None  # None until the block it covers ends
    district: str = ""
    category: str = ""


@dataclass
class _OpenGroup:
    group: Group
    stated: _Pending | None
    row: int  # Excel row of the group's heading


class Sections:
    """Tables, groups and sections of one sheet; `stated()` gives what each stated number covers."""

    def __init__(self, file: str, sheet: str, first_data_row: int):
        self.file, self.sheet = file, sheet
        self.sheet_start = first_data_row
        self.done: list[_Pending] = []
        self.tables_closed = 0
        # (Excel row of a 合计, last row) of lines after that 合计 that no stated number covers
        self.after_total: list[tuple[int, int]] = []
        self.total_above: int | None = None  # the 合计 the current lines follow, if any
        # Tables closed by a 小计 since the last 合计 ("赫山区：" table, 小计; "资阳区：" table, 小计;
        # 合计): the 合计 then covers them all, from `since_total`.
        self.since_total = first_data_row
        self._last_subtotal_row = -1
        self.subtotalled_tables = 0
        self.only_subtotalled = True
        self._start_table(first_data_row, under_header=True)

    def _start_table(self, row: int, under_header: bool) -> None:
        self.under_header = under_header  # a 合计 before any line here stands above the table
        self.table_start = self.section_start = row
        self.records_in_table = 0
        self.open_totals: list[_Pending] = []  # a 合计 above the lines: covers to the table's end
        self.groups: list[_OpenGroup] = []
        self.last_total: _Pending | None = None

    @property
    def district(self) -> str | None:
        """The district the innermost open group names."""
        named = self._district_group()
        return named.group.district if named else None

    @property
    def district_row(self) -> int:
        """The Excel row of the heading that names it (0 when none does)."""
        named = self._district_group()
        return named.row if named else 0

    def _district_group(self) -> _OpenGroup | None:
        for open_group in reversed(self.groups):
            if open_group.group.district:
                return open_group
        return None

    def record(self) -> None:
        self.records_in_table += 1
        self.last_total = None

    def group(self, row: int, group: Group, amount: Decimal | None, col: int, stated: bool) -> None:
        self._close_groups(row - 1, level=group.level)
        pending = _Pending(row, col, group.label or "分组", amount, row + 1) if stated else None
        if pending is not None:
            self.done.append(pending)
        self.groups.append(_OpenGroup(group, pending, row))
        self.section_start = row + 1
        self.last_total = None
        if pending is not None:
            self.total_above = None  # the lines below are the group's, under its own number

    def subtotal(self, row: int, label: str, amount: Decimal | None, col: int) -> None:
        self.done.append(_Pending(row, col, label, amount, self.section_start, row - 1))
        self.section_start = row + 1
        self.last_total = self.done[-1]
        self._last_subtotal_row = row
        self.total_above = None  # a 小计 after a 合计 covers the lines between them

    def total(self, row: int, label: str, amount: Decimal | None, col: int) -> None:
        grand_word = any(word in label for word in GRAND_TOTAL_WORDS)
        if self.records_in_table == 0 and self.under_header and not grand_word:
            pending = _Pending(row, col, label, amount, row + 1)  # above its lines: ends with the table
            self.open_totals.append(pending)
            self.done.append(pending)
            self.last_total = pending
            return
        grand = grand_word or self.records_in_table == 0
        first = self.sheet_start if grand and self.tables_closed else self.table_start
        if not grand and self.subtotalled_tables and self.only_subtotalled:
            first = self.since_total  # over the tables each closed by its 小计
        pending = _Pending(row, col, label, amount, first, row - 1)
        self.done.append(pending)
        self.close_table(row - 1, covered=True)
        self._start_table(row + 1, under_header=False)
        self.total_above = row
        self.last_total = pending
        self.since_total, self.subtotalled_tables, self.only_subtotalled = row + 1, 0, True

    def breakdown(self, row: int, label: str, amount: Decimal | None, col: int, district: str, category: str) -> None:
        """A line after a total that splits it ("其中：企业"): checked over the same lines."""
        anchor = self.last_total
        if anchor is None or not (district or category):
            return
        part = _Pending(row, col, f"其中：{label}", amount, anchor.first, anchor.last, district, category)
        self.done.append(part)
        if anchor.last is None:
            self.open_totals.append(part)

    def new_table(self, first_row: int) -> None:
        """A header of its own below a finished table (or a header repeated after a total)."""
        if self.records_in_table:
            closed_by_subtotal = self.last_total is not None and self.last_total.last is not None and self.last_total.row == self._last_subtotal_row
            self.subtotalled_tables += 1
            self.only_subtotalled = self.only_subtotalled and closed_by_subtotal
        self.close_table(first_row - 1)
        self._start_table(first_row, under_header=True)
        self.total_above = None

    def close_table(self, last_row: int, covered: bool = False) -> None:
        """The table ends at last_row; `covered` when a 合计 closes it. Lines after an earlier
        合计 that nothing closes are in no stated number: kept in `after_total`."""
        if not covered and self.records_in_table and self.total_above is not None and not self.open_totals:
            self.after_total.append((self.total_above, last_row))
        self._close_groups(last_row, level=0)
        for pending in self.open_totals:
            pending.last = last_row
        self.open_totals = []
        if self.records_in_table:
            self.tables_closed += 1

    def _close_groups(self, last_row: int, level: int) -> None:
        while self.groups and self.groups[-1].group.level >= level:
            closed = self.groups.pop()
            if closed.stated is not None:
                closed.stated.last = last_row

    def stated(self) -> list[StatedTotal]:
        """Every stated number with the block of rows it covers (call after close_table)."""
        return [
            StatedTotal(self.file, self.sheet, p.row, p.col, p.label, p.amount, p.first, p.last if p.last is not None else p.row,
                        district=p.district, category=p.category)
            for p in sorted(self.done, key=lambda p: p.row)
        ]
