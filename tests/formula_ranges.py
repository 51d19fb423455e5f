"""Every range a formula of a workbook refers to, checked where Excel would complain: a range on
the formula's own sheet that holds the formula's cell (a circular reference, the warning Excel
shows on opening), and a range that is inverted (B14:B13, which Excel silently turns around,
so the table it meant to sum is empty)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.formula import Tokenizer
from openpyxl.formula.tokenizer import Token
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

MAX_ROW, MAX_COL = 1_048_576, 16_384


@dataclass(frozen=True)
class Reference:
    sheet: str  # "" for the formula's own sheet
    min_col: int
    min_row: int
    max_col: int
    max_row: int


def references(formula: str) -> list[Reference]:
    """The ranges and cells a formula names, each with its sheet (quotes removed)."""
    found = []
    for token in Tokenizer(formula).items:
        if token.type != Token.OPERAND or token.subtype != Token.RANGE:
            continue
        sheet, _, ref = token.value.rpartition("!")
        if sheet.startswith("'") and sheet.endswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        first, _, last = ref.replace("$", "").partition(":")
        found.append(Reference(sheet, *_corner(first, low=True), *_corner(last or first, low=False)))
    return found


def _corner(text: str, low: bool) -> tuple[int, int]:
    """(column, row) of one end of a range; a whole column (A) or row (5) runs to the sheet's edge."""
    if text.isdigit():
        return (1 if low else MAX_COL), int(text)
    if text.isalpha():
        return column_index_from_string(text), (1 if low else MAX_ROW)
    column, row = coordinate_from_string(text)
    return column_index_from_string(column), row


def range_problems(path: Path) -> list[str]:
    """Each formula whose range holds its own cell or is inverted, as "sheet!cell formula: why"."""
    book = openpyxl.load_workbook(path)
    problems = []
    checked = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                checked += 1
                for ref in references(cell.value):
                    where = f"{ws.title}!{cell.coordinate} {cell.value}"
                    if ref.min_row > ref.max_row or ref.min_col > ref.max_col:
                        problems.append(f"{where}: inverted range")
                    if ref.sheet in ("", ws.title) and ref.min_row <= cell.row <= ref.max_row and ref.min_col <= cell.column <= ref.max_col:
                        problems.append(f"{where}: refers to its own cell")
    assert checked, "no formula found at all"
    return problems
