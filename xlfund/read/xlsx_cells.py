"""Cells of an .xlsx that a value reader shows as blank but are not: formulas written by
scripts with no stored result, and error values (#REF!, #N/A…).

python-calamine returns both as "" (or drops them), which would silently count an amount
as missing or a total as blank. This module scans the sheet XML for them, in a streaming
pass with a regular expression (far faster than an XML parser), and only for parts that
contain a formula or an error at all. It runs after read.safety.check_zip has refused DTDs.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from pathlib import Path

CHUNK = 1 << 20
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')

FORMULA_WITHOUT_VALUE = "formula"
# A formula without a value that sums the rows above it in its own column ("=SUM(C4:C203)" in
# C204: the 合计 of our own 填报模板, and of most tables), given as (first, last) Excel rows
# instead: a total that is the sum of its lines by construction has nothing left to check.
_COLUMN_SUM = re.compile(rb"<f(?:\s[^>]*)?>\s*SUM\(\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\)\s*</f>")
# Our own form's 合计 sums down to the row above itself, whatever rows are inserted:
# "=SUM(C4:INDEX(C:C,ROW()-1))".
_SUM_TO_ABOVE = re.compile(rb"<f(?:\s[^>]*)?>\s*SUM\(\$?([A-Z]+)\$?(\d+):INDEX\(\$?([A-Z]+):\$?\3,ROW\(\)-1\)\)\s*</f>")


def _col_index(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ch - 64)
    return index - 1


def hidden_cells(path: Path) -> dict[str, dict[tuple[int, int], str | tuple[int, int]]]:
    """Sheet name -> {(row, col) 0-based: "formula", the error text, or the (first, last) rows of
    a column sum above the cell} for such cells."""
    found: dict[str, dict[tuple[int, int], str | tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name, part in sheet_parts(archive).items():
                cells = _scan_part(archive, part)
                if cells:
                    found[name] = cells
    except (zipfile.BadZipFile, OSError, KeyError, EOFError):
        return {}
    return found


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part's path in the package (xl/worksheets/sheet1.xml)."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {rid: target for rid, target in _REL.findall(rels)}
    targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels)})
    parts = {}
    for name, rid in _SHEET.findall(workbook):
        target = targets.get(rid)
        if target is None:
            continue
        text = target.decode("utf-8")
        part = text.lstrip("/") if text.startswith("/") else posixpath.normpath(posixpath.join("xl", text))
        parts[html.unescape(name.decode("utf-8"))] = part
    return parts


def _scan_part(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str | tuple[int, int]]:
    cells: dict[tuple[int, int], str | tuple[int, int]] = {}
    with archive.open(part) as stream:
        tail = b""
        while True:
            chunk = stream.read(CHUNK)
            data = tail + chunk
            if not chunk:
                _scan_chunk(data, cells)
                return cells
            # Keep an unfinished cell for the next round: cut at the last "<c " start.
            cut = data.rfind(b"<c ")
            if cut <= 0:
                tail = data
                continue
            if b"<f" in data[:cut] or b't="e"' in data[:cut]:
                _scan_chunk(data[:cut], cells)
            tail = data[cut:]


def _scan_chunk(data: bytes, cells: dict[tuple[int, int], str | tuple[int, int]]) -> None:
    for attrs, body in _CELL.findall(data):
        body = body or b""
        is_error = bool(_ERROR_TYPE.search(attrs))
        has_formula = b"<f" in body
        if not is_error and not has_formula:
            continue
        ref = _REF.search(attrs)
        if not ref:
            continue
        key = (int(ref.group(2)) - 1, _col_index(ref.group(1)))
        value = _VALUE.search(body)
        if is_error:
            cells[key] = value.group(1).decode("utf-8", "replace") if value else "#错误"
        elif value is None or value.group(1) == b"":
            cells[key] = _column_sum(body, ref.group(1), key[0] + 1) or FORMULA_WITHOUT_VALUE


def _column_sum(body: bytes, column: bytes, row: int) -> tuple[int, int] | None:
    """(first, last) when the cell's formula sums rows above it in its own column."""
    found = _COLUMN_SUM.search(body)
    if found is not None and found.group(1) == column == found.group(3):
        first, last = int(found.group(2)), int(found.group(4))
    elif (to_above := _SUM_TO_ABOVE.search(body)) is not None and to_above.group(1) == column == to_above.group(3):
        first, last = int(to_above.group(2)), row - 1
    else:
        return None
    return (first, last) if first <= last < row else None
