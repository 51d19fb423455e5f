"""Text from inputs, made safe for an .xlsx cell without changing what it says."""

from __future__ import annotations

import re
import unicodedata

EXCEL_CELL_LIMIT = 32_767
# Characters that XML 1.0 (and so .xlsx) cannot hold; tab, LF and CR are allowed. Lone
# surrogates are what Python makes of bytes that are not UTF-8 in a file name.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WIDE = ("W", "F")


def clean_text(text: str) -> tuple[str, bool, bool]:
    """(text Excel can hold, control characters removed?, truncated?)."""
    if len(text) <= EXCEL_CELL_LIMIT and text.isprintable():
        return text, False, False  # the usual case, decided in C without the regex
    cleaned = _ILLEGAL.sub("", text)
    removed = cleaned != text
    truncated = len(cleaned) > EXCEL_CELL_LIMIT
    return cleaned[:EXCEL_CELL_LIMIT], removed, truncated


def display_width(text: str) -> float:
    """Column width for a text: CJK characters take about two digits' width."""
    return sum(2.1 if unicodedata.east_asian_width(ch) in _WIDE else 1.1 for ch in text)
