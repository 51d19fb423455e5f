"""Cells outside the columns taken, looked at for what they say about the choice: columns with
content that no role took (named in --explain and 说明), a 合计 standing under another column
than the amount taken, and what each candidate amount column adds up to when the choice is
the clerk's."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name

from xlfund.amounts import normalise_text, parse_amount
from xlfund.model import RowKind
from xlfund.sheet.cells import cell_text
from xlfund.sheet.columns import match_label
from xlfund.sheet.header import Header
from xlfund.sheet.rows import is_amount, row_total_label

# Columns that name or place a line: a number there on a 合计 line is a count or a 序号.
_CONTEXT_ROLES = ("seq", "name", "district", "town")


def column_unit(header: Header, c: int, sheet_unit: str) -> str:
    """The unit a column's own label states ("核定金额（元）"), else the sheet's."""
    return (match_label(header.labels[c])[1] if c < len(header.labels) else None) or sheet_unit


def _column_amounts(rows: list[list[object]], header: Header, c: int, unit: str) -> list[Decimal | None]:
    """Each line's amount in column c (万元; None where there is none), total lines left out."""
    amounts: list[Decimal | None] = []
    for row in rows[header.last_row + 1:]:
        raw = row[c] if c < len(row) else None
        if row_total_label([cell_text(v) for v in row], header.columns):
            continue
        amounts.append(parse_amount(raw, unit).wan if cell_text(raw) and is_amount(raw, unit) else None)
    return amounts


def column_sum(rows: list[list[object]], header: Header, c: int, sheet_unit: str) -> Decimal:
    """What the amounts of column c add up to below the header, in the column's own unit."""
    return sum((a for a in _column_amounts(rows, header, c, column_unit(header, c, sheet_unit)) if a is not None), Decimal(0))


def same_amounts(rows: list[list[object]], header: Header, columns: tuple[int, ...], sheet_unit: str) -> bool:
    """Columns of different labels holding the same amount on every line (核定金额（元） beside
    补助金额（万元） computed from it): no doubt that moves money. Never where a second name
    column stands (tables side by side whose amounts happen to agree)."""
    labels = [normalise_text(header.labels[c]) if c < len(header.labels) else "" for c in columns]
    names = [c for c, label in enumerate(header.labels) if label and match_label(label)[0] == "name"]
    if len(set(labels)) < len(labels) or len(names) > 1:
        return False
    lines = [_column_amounts(rows, header, c, column_unit(header, c, sheet_unit)) for c in columns]
    return any(a is not None for a in lines[0]) and all(other == lines[0] for other in lines[1:])


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
