"""Merged cells of an .ods, which python-calamine does not report (merged_cell_ranges is None).

A merged 区县 cell down a column, or a two-row header, means the same in an .ods as in an
.xlsx; without the ranges the cells under a merge read as empty. They are read here from
content.xml, streamed (lxml.iterparse, elements cleared as they end), and only when the
part has a spanned cell at all. Rows and columns repeated by count (trailing empty rows are
stored as one row repeated a million times) only move the position.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from xlfund.read.xlsx_cells import CHUNK

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ROW, _CELL, _COVERED, _SHEET = f"{_TABLE}table-row", f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell", f"{_TABLE}table"
_SPANNED = (b"number-rows-spanned", b"number-columns-spanned")

Range = tuple[tuple[int, int], tuple[int, int]]


def ods_merges(path: Path) -> dict[str, list[Range]]:
    """Sheet name -> merged ranges as 0-based inclusive ((first_row, first_col), (last_row, last_col))."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not _has_spans(archive):
                return {}
            with archive.open("content.xml") as stream:
                return _merges(stream)
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError):
        return {}
    except Exception:  # noqa: BLE001 - lxml's XMLSyntaxError and the like: no merges known
        return {}


def _has_spans(archive: zipfile.ZipFile) -> bool:
    with archive.open("content.xml") as stream:
        tail = b""
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            if any(word in data for word in _SPANNED):
                return True
            tail = data[-32:]
    return False


def _merges(stream) -> dict[str, list[Range]]:
    from lxml import etree

    found: dict[str, list[Range]] = {}
    sheet: list[Range] | None = None
    row = col = 0
    for event, element in etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False):
        tag = element.tag
        if event == "start":
            if tag == _SHEET:
                sheet = found.setdefault(element.get(f"{_TABLE}name", ""), [])
                row = 0
            elif tag == _ROW:
                col = 0
            continue
        if tag in (_CELL, _COVERED):
            repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            rows_spanned = int(element.get(f"{_TABLE}number-rows-spanned", "1"))
            cols_spanned = int(element.get(f"{_TABLE}number-columns-spanned", "1"))
            if sheet is not None and tag == _CELL and (rows_spanned > 1 or cols_spanned > 1):
                sheet.extend(((row, c), (row + rows_spanned - 1, c + cols_spanned - 1)) for c in range(col, col + min(repeat, 1)))
            col += repeat
            element.clear()
        elif tag == _ROW:
            row += int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            element.clear()
        elif tag == _SHEET:
            sheet = None
            element.clear()
    return {name: ranges for name, ranges in found.items() if ranges}
