"""Cells as the clerk sees them: text of a value, merged ranges, unreadable cells."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Unreadable:
    """A cell that holds something no value reader can give: a formula with no stored result
    ("formula") or an error value ("#REF!"). Never blank, never 0."""

    kind: str
    sums: tuple[int, int] | None = None  # a formula summing these Excel rows of its own column

    @classmethod
    def of(cls, special: str | tuple[int, int]) -> Unreadable:
        """From a reader's mark: a kind, or the (first, last) rows a column sum without value covers."""
        return cls("formula", special) if isinstance(special, tuple) else cls(special)

    @property
    def is_formula(self) -> bool:
        return self.kind == "formula"

    def __str__(self) -> str:
        return "（公式无计算结果）" if self.is_formula else self.kind


def sums_rows(value: object, first: int, last: int) -> bool:
    """A formula without a stored value that sums at least these Excel rows of its own column:
    a total equal to its lines by construction (our own form's 合计, filled by a program)."""
    return isinstance(value, Unreadable) and value.sums is not None and value.sums[0] <= first and value.sums[1] >= last


def cell_text(value: object) -> str:
    """A cell as the clerk reads it, trimmed; numbers without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):  # as Excel shows a duration: [h]:mm:ss
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value).strip()


def is_date_or_time(value: object) -> bool:
    """A date, time or duration cell (what a reader makes of a number formatted as one)."""
    return isinstance(value, (dt.date, dt.time, dt.timedelta))


class MergeMap:
    """Looks up the value a merged range shows in each of its cells."""

    def __init__(self, rows: list[list[object]], merged: list[tuple[tuple[int, int], tuple[int, int]]]):
        self.rows = rows
        self.ranges = merged
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        for (r0, c0), (r1, c1) in merged:
            if (r1 - r0 + 1) * (c1 - c0 + 1) > 1_000_000:
                continue  # a merge over a whole column says nothing useful and costs memory
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.origin[(r, c)] = (r0, c0)

    def raw(self, row: int, col: int) -> object:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[col] if col < len(cells) else None

    def shown(self, row: int, col: int) -> object:
        r, c = self.origin.get((row, col), (row, col))
        return self.raw(r, c)

    def spans_rows(self, row: int) -> bool:
        """True when a merged range starting on this row reaches the next row."""
        return any(r0 == row and r1 > r0 for (r0, _c0), (r1, _c1) in self.ranges)

    def in_horizontal_merge(self, row: int) -> bool:
        return any(r0 == row and c1 > c0 for (r0, c0), (_r1, c1) in self.ranges)


def is_blank(row: list[object]) -> bool:
    return not any(v is not None and v != "" and not (isinstance(v, str) and not v.strip()) for v in row)
