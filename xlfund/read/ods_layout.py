"""What python-calamine does not report of an .ods: merged cells (merged_cell_ranges is None),
hidden rows and lines struck through.

A merged 区县 cell down a column, or a two-row header, means the same in an .ods as in an
.xlsx; without the ranges the cells under a merge read as empty. A hidden row
(table:visibility="collapse" or "filter") and a line whose every value is struck through (a
cell or text style with style:text-line-through-style) change what the line means, as in an
.xlsx (see xlsx_marks). All are read here from content.xml, streamed (lxml.iterparse, elements
cleared as they end), and only when the part holds a span, a visibility or a strike at all.
Rows and columns repeated by count (trailing empty rows are stored as one row repeated a
million times) only move the position.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from xlfund.read.xlsx_cells import CHUNK
from xlfund.read.xlsx_marks import HIDDEN, STRUCK

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ROW, _CELL, _COVERED, _SHEET = f"{_TABLE}table-row", f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell", f"{_TABLE}table"
_STYLE, _TEXT_PROPERTIES, _SPAN = f"{_STYLE_NS}style", f"{_STYLE_NS}text-properties", f"{_TEXT}span"
_WORDS = (b"number-rows-spanned", b"number-columns-spanned", b"table:visibility", b"text-line-through-style")
_HIDDEN_VISIBILITY = ("collapse", "filter")
_MAX_REPEATED_MARKS = 100_000  # a marked line repeated by count: no sheet is read past its row bound anyway

Range = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class OdsSheet:
    merges: list[Range] = field(default_factory=list)
    marks: dict[int, str] = field(default_factory=dict)  # 0-based row -> "hidden" or "struck"


def ods_layout(path: Path) -> dict[str, OdsSheet]:
    """Sheet name -> its merged ranges (0-based inclusive ((first_row, first_col), (last_row,
    last_col))) and marked rows; {} for a package without any."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not _has_any(archive):
                return {}
            with archive.open("content.xml") as stream:
                return _layout(stream)
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError):
        return {}
    except Exception:  # noqa: BLE001 - lxml's XMLSyntaxError and the like: nothing known
        return {}


def _has_any(archive: zipfile.ZipFile) -> bool:
    with archive.open("content.xml") as stream:
        tail = b""
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            if any(word in data for word in _WORDS):
                return True
            tail = data[-32:]
    return False


def _struck_style(element) -> bool:
    props = element.find(_TEXT_PROPERTIES)
    return props is not None and props.get(f"{_STYLE_NS}text-line-through-style", "none") not in ("none", "")


def _cell_struck(cell, struck_styles: set[str]) -> bool | None:
    """True when the cell's value is struck through as a whole, False when it has a value that is
    not, None when it has no value."""
    text = "".join(cell.itertext()).strip()
    if not text and cell.get(f"{_OFFICE}value-type") is None:
        return None
    if not struck_styles:
        return False
    if cell.get(f"{_TABLE}style-name") in struck_styles:
        return True
    spans = [span for span in cell.iter(_SPAN) if "".join(span.itertext()).strip()]
    return bool(spans) and all(span.get(f"{_TEXT}style-name") in struck_styles for span in spans) and \
        "".join("".join(span.itertext()) for span in spans).strip() == text


def _layout(stream) -> dict[str, OdsSheet]:
    from lxml import etree

    found: dict[str, OdsSheet] = {}
    struck_styles: set[str] = set()
    sheet: OdsSheet | None = None
    row = col = 0
    row_values: list[bool] = []  # per value cell of the row: struck or not
    for event, element in etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False):
        tag = element.tag
        if event == "start":
            if tag == _SHEET:
                sheet = found.setdefault(element.get(f"{_TABLE}name", ""), OdsSheet())
                row = 0
            elif tag == _ROW:
                col, row_values = 0, []
            continue
        if tag == _STYLE and sheet is None:
            if _struck_style(element):
                struck_styles.add(element.get(f"{_STYLE_NS}name", ""))
            element.clear()
        elif tag in (_CELL, _COVERED):
            repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            rows_spanned = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
            cols_spanned = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
            if sheet is not None and tag == _CELL:
                if rows_spanned > 1 or cols_spanned > 1:
                    sheet.merges.append(((row, col), (row + rows_spanned - 1, col + cols_spanned - 1)))
                struck = _cell_struck(element, struck_styles)
                if struck is not None:
                    row_values.append(struck)
            col += repeat
            element.clear()
        elif tag == _ROW:
            repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            if sheet is not None and row_values:  # only a line with values means anything hidden or struck
                hidden = element.get(f"{_TABLE}visibility") in _HIDDEN_VISIBILITY
                if hidden or all(row_values):
                    for r in range(row, row + min(repeat, _MAX_REPEATED_MARKS)):
                        sheet.marks[r] = HIDDEN if hidden else STRUCK
            row += repeat
            element.clear()
        elif tag == _SHEET:
            sheet = None
            element.clear()
    return {name: layout for name, layout in found.items() if layout.merges or layout.marks}
