"""Worksheet rows as XML, byte for byte what XlsxWriter writes in constant_memory mode.

A province's detail list has millions of cells, and XlsxWriter spends about 5 µs on each
(a Python call chain per cell: write, dimension checks, escaping, attribute lists). Only
the detail rows are serialised here, with the same markup and the same escaping rules
(tests compare the bytes with XlsxWriter's own output); XlsxWriter still writes everything
else in the workbook, including this sheet's header, columns, styles and page setup.
"""

from __future__ import annotations

import re

# XlsxWriter's rules (xmlwriter.py, utility.py): "_xHHHH_" in text is escaped as
# "_x005F_xHHHH_" (Excel would read it as an escaped character), control characters other
# than tab and line feed become "_xHHHH_", leading/trailing whitespace needs
# xml:space="preserve", and &, <, > become entities.
# A text with none of these characters, and no space at either end, is written as it is (most
# texts: one search for a character, faster than one pattern with the rules as alternatives).
_MAYBE_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff_]")
_ESCAPED_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_LEADING_SPACE = re.compile(r"^\s")
_TRAILING_SPACE = re.compile(r"\s$")


def text_cell_end(text: str) -> str:
    """What follows '<c r=".." s=".."' for a text cell; an empty text leaves a styled blank."""
    if not text:
        return "/>"
    if not _MAYBE_SPECIAL.search(text) and not text[0].isspace() and not text[-1].isspace():
        return f' t="inlineStr"><is><t>{text}</t></is></c>'
    text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group(1)):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if _LEADING_SPACE.search(text) or _TRAILING_SPACE.search(text) else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f' t="inlineStr"><is><t{preserve}>{text}</t></is></c>'


def number_cell_end(number: float) -> str:
    """What follows '<c r=".." s=".."' for a number cell."""
    return f"><v>{number:.16G}</v></c>"


def row_open(excel_row: int, height: float | None = None) -> str:
    """The <row> start tag; `height` in points when not the default."""
    if height is None:
        return f'<row r="{excel_row}">'
    return f'<row r="{excel_row}" ht="{height:.16g}" customHeight="1">'
