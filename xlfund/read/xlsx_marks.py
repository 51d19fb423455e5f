"""Rows of an .xlsx that Excel hides or strikes through: what a value reader never shows.

A hidden row (`<row … hidden="1">`) and a line struck through (every cell with a value in a
style whose font has `<strike/>`, or a shared string struck as a whole) change what the line
means; python-calamine returns their values like any other. This scan reads them from the
package itself, streaming each sheet part with regular expressions as xlsx_cells does, and
only where the package can hold them at all (a part with hidden="1", a style with a strike).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlfund.read.xlsx_cells import CHUNK, sheet_parts

HIDDEN, STRUCK = "hidden", "struck"

_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.DOTALL)
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.DOTALL)
_STYLE = re.compile(rb'\bs="(\d+)"')
_SHARED = re.compile(rb'\bt="s"')
_VALUE = re.compile(rb"<v>([^<]*)</v>|<is>")
_FONTS = re.compile(rb"<fonts\b[^>]*>(.*?)</fonts>", re.DOTALL)
_FONT = re.compile(rb"<font\b[^>]*?(?:/>|>(.*?)</font>)", re.DOTALL)
_STRIKE = re.compile(rb'<strike(?:\s+val="(?:1|true)")?\s*/>')
_CELL_XFS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.DOTALL)
_XF = re.compile(rb"<xf\b([^>]*?)(?:/>|>.*?</xf>)", re.DOTALL)
_FONT_ID = re.compile(rb'\bfontId="(\d+)"')
_SI = re.compile(rb"<si>(.*?)</si>", re.DOTALL)
_RUN = re.compile(rb"<r>(.*?)</r>", re.DOTALL)


def row_marks(path: Path, sheets: set[str] | None = None, marked: set[str] | None = None) -> dict[str, dict[int, str]]:
    """Sheet name -> {0-based row: "hidden" or "struck"}; {} for a package that has none. Only
    `sheets` are scanned (those the bounded pass of xlsx_cells let through); where no style or
    shared string strikes through, only those of them in `marked` (the pass saw a hidden row or
    inline <strike> in their XML: SheetScan.may_mark_rows), the others holding no mark to find."""
    try:
        with zipfile.ZipFile(path) as archive:
            struck_styles = _struck_styles(archive)
            struck_strings = _struck_strings(archive) if struck_styles is not None else set()
            if marked is not None and not (struck_styles or struck_strings):
                sheets = marked if sheets is None else sheets & marked
            found = {}
            for name, part in sheet_parts(archive).items():
                if sheets is not None and name not in sheets:
                    continue
                marks = _scan_part(archive, part, struck_styles or set(), struck_strings)
                if marks:
                    found[name] = marks
            return found
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, ValueError):
        return {}


def _struck_styles(archive: zipfile.ZipFile) -> set[int] | None:
    """Cell style indexes whose font strikes through; None when no font or string can strike."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        styles = b""
    fonts_block = _FONTS.search(styles)
    fonts = [bool(body and _STRIKE.search(body)) for body in _FONT.findall(fonts_block.group(1))] if fonts_block else []
    xfs_block = _CELL_XFS.search(styles)
    struck = set()
    if xfs_block and any(fonts):
        for index, attrs in enumerate(_XF.findall(xfs_block.group(1))):
            font = _FONT_ID.search(attrs)
            if font and int(font.group(1)) < len(fonts) and fonts[int(font.group(1))]:
                struck.add(index)
    if struck:
        return struck
    return set() if _shared_strings_can_strike(archive) else None


def _shared_strings_can_strike(archive: zipfile.ZipFile) -> bool:
    try:
        with archive.open("xl/sharedStrings.xml") as stream:
            return any(b"<strike" in chunk for chunk in iter(lambda: stream.read(CHUNK), b""))
    except KeyError:
        return False


def _struck_strings(archive: zipfile.ZipFile) -> set[int]:
    """Shared strings struck through as a whole (every run of rich text has <strike/>)."""
    try:
        data = archive.read("xl/sharedStrings.xml")
    except KeyError:
        return set()
    if b"<strike" not in data:
        return set()
    struck = set()
    for index, item in enumerate(_SI.findall(data)):
        runs = _RUN.findall(item)
        if runs and all(_STRIKE.search(run) for run in runs):
            struck.add(index)
    return struck


def _scan_part(archive: zipfile.ZipFile, part: str, struck_styles: set[int], struck_strings: set[int]) -> dict[int, str]:
    marks: dict[int, str] = {}
    looking_for_strike = bool(struck_styles or struck_strings)
    with archive.open(part) as stream:
        tail = b""
        while True:
            chunk = stream.read(CHUNK)
            data = tail + chunk
            cut = len(data) if not chunk else data.rfind(b"</row>") + len(b"</row>")
            if cut < len(b"</row>") and chunk:
                tail = data
                continue
            block, tail = data[:cut], data[cut:]
            strike = looking_for_strike or b"<strike" in block  # rich text written inline in the sheet
            if b'hidden="' in block or strike:
                _scan_rows(block, marks, struck_styles, struck_strings, strike)
            if not chunk:
                return marks


def _scan_rows(block: bytes, marks: dict[int, str], struck_styles: set[int], struck_strings: set[int], strike: bool) -> None:
    for attrs, body in _ROW.findall(block):
        number = _ROW_NUMBER.search(attrs)
        if not number:
            continue
        row = int(number.group(1)) - 1
        if _HIDDEN.search(attrs):
            marks[row] = HIDDEN
        elif strike and body and _all_struck(body, struck_styles, struck_strings):
            marks[row] = STRUCK


def _all_struck(body: bytes, struck_styles: set[int], struck_strings: set[int]) -> bool:
    """Every cell with a value is struck through (its style, or its shared string as a whole)."""
    seen = False
    for attrs, content in _CELL.findall(body):
        value = _VALUE.search(content or b"")
        if value is None:
            continue
        seen = True
        style = _STYLE.search(attrs)
        if style and int(style.group(1)) in struck_styles:
            continue
        runs = _RUN.findall(content) if b"<is>" in content else []
        if runs and all(_STRIKE.search(run) for run in runs):
            continue
        if _SHARED.search(attrs) and value.group(1) and value.group(1).isdigit() and int(value.group(1)) in struck_strings:
            continue
        return False
    return seen
