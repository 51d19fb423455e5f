"""What a generated folder is, format-free: files of sheets of rows of cells. The writers turn it
into bytes; the composition fills it; nothing here knows Chinese offices."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Num:
    """A number cell (written as a number where the format has numbers)."""

    value: Decimal


@dataclass(frozen=True)
class Formula:
    """A formula with its cached value (XlsxWriter stores the value; other formats get the value)."""

    text: str
    value: Decimal


Cell = None | str | Num | Formula


@dataclass
class Row:
    cells: list[Cell]
    hidden: bool = False
    struck: bool = False


@dataclass
class Sheet:
    name: str
    rows: list[Row] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based first row, col, last row, col

    def add(self, cells: list[Cell], hidden: bool = False, struck: bool = False) -> int:
        """Append a row; returns its 0-based index."""
        self.rows.append(Row(list(cells), hidden, struck))
        return len(self.rows) - 1

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    @property
    def width(self) -> int:
        return max((len(row.cells) for row in self.rows), default=1)


@dataclass
class FilePlan:
    path: str  # relative to the folder (or to the archive), posix
    sheets: list[Sheet] = field(default_factory=list)


def cell_text(cell: Cell) -> str:
    """How a cell reads as text (for tests and the folder's printed description)."""
    if cell is None:
        return ""
    if isinstance(cell, Num):
        return str(cell.value)
    if isinstance(cell, Formula):
        return f"{cell.text} [{cell.value}]"
    return cell
