"""Cells outside the columns taken, looked at for what they say about the choice: columns with
content that no role took (named in --explain and 说明), a 合计 standing under another column
than the amount taken, and what each candidate amount column adds up to when the choice is
the clerk's."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name

from xlfund.amounts import parse_amount
from xlfund.model import RowKind
from xlfund.sheet.cells import cell_text
from xlfund.sheet.header import Header
from xlfund.sheet.rows import is_amount, row_total_label

# Columns that name or place a line: a number there on a 合计 line is a count or a 序号.
_CONTEXT_ROLES = ("seq", "name", "district", "town")


def column_sum(rows: list[list[object]], header: Header, c: int, unit: str) -> Decimal:
    """What the amounts of column c add up to below the header, total lines left out."""
    total = Decimal(0)
    for row in rows[header.last_row + 1:]:
        raw = row[c] if c < len(row) else None
        if cell_text(raw) and is_amount(raw, unit) and not row_total_label([cell_text(v) for v in row], header.columns):
            total += parse_amount(raw, unit).wan
    return total


def unused_columns(rows: list[list[object]], header: Header, col: dict[str, int], kinds: list[str]) -> dict[str, str]:
    """Columns with content in the records that no role took (letter -> header label)."""
    used = set(col.values()) | set(header.choice.amount_parts)
    records = [rows[r] for r, kind in enumerate(kinds) if kind == RowKind.RECORD]
    width = max([len(header.labels), *(len(row) for row in records)])
    unused = {}
    for c in range(width):
        if c not in used and any(c < len(row) and cell_text(row[c]) for row in records):
            unused[xl_col_to_name(c)] = header.labels[c] if c < len(header.labels) else ""
    return unused


def total_elsewhere(row: list[object], header: Header, col: dict[str, int], unit: str) -> tuple[int, Decimal] | None:
    """(column, amount) of a number on a 合计 line under another column than the amount taken
    (whose own cell is empty): the submitter totals that column, so it may be the allocation."""
    context = {col.get(role) for role in _CONTEXT_ROLES}
    for c, raw in enumerate(row):
        if c in context or c == col["amount"] or isinstance(raw, bool) or not is_amount(raw, unit):
            continue
        return c, parse_amount(raw, unit).wan
    return None
