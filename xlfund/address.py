"""Cell addresses as the clerk sees them in Excel (A1 notation), from 0-based indexes."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0-based column index to Excel letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based row and column to an Excel reference."""
    return f"{column_letter(col)}{row + 1}"
