"""Read text tables: CSV (UTF-8, GB18030, UTF-16/32 with BOM) and the HTML tables web systems
export as ".xls", within the limits of `xlfund.limits` (file size, cells, text per cell, spans)."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

from xlfund.limits import HTML_MAX_COLSPAN, HTML_MAX_ROWSPAN, MAX_CELL_CHARS, MAX_SHEET_CELLS, MAX_TEXT_FILE_BYTES, size_text
from xlfund.read.content import ReadError, SheetGrid, refused_sheet, too_many_cells

_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_UTF8_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes) -> str:
    """UTF-32 or UTF-16 with a BOM (Excel's "Unicode text"), UTF-8 (with or without BOM), else
    GB18030, the encoding of Excel on Chinese Windows (also behind a UTF-8 BOM some editors add)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError("file-unreadable", reason=f"文字编码无法识别（开头标明是 {encoding.upper()}，内容却不是）") from exc
    body = data[len(_UTF8_BOM):] if data.startswith(_UTF8_BOM) else data
    for encoding in ("utf-8", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("file-unreadable", reason="文字编码无法识别（既不是 UTF-8 也不是 GB18030/GBK）")


def _text_of(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_TEXT_FILE_BYTES:
        raise ReadError("limit-file-size", what="文本或网页表格", size=size_text(size), limit=size_text(MAX_TEXT_FILE_BYTES),
                        fix="请拆成几个文件，或在 Excel 中另存为 .xlsx 后再报送")
    return decode_text(path.read_bytes())


def read_csv(path: Path) -> SheetGrid:
    text = _text_of(path)
    sample = text[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows: list[list[object]] = []
    notes: list[tuple[str, int, int, dict]] = []
    width = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    with _fields_up_to(len(text) + 1):  # a field is never longer than the file
        try:
            for row in reader:
                width = max(width, len(row))
                refused = too_many_cells(len(rows) + 1, width)
                if refused:
                    return refused_sheet(path.stem, refused)
                if row and max(map(len, row)) > MAX_CELL_CHARS:
                    row = _cut_long(row, len(rows), notes)
                rows.append(row)
        except csv.Error as exc:
            raise ReadError("file-unreadable", reason=f"第 {reader.line_num} 行无法按 CSV 读取（{exc}）") from exc
    return SheetGrid(path.stem, rows, notes=notes)


@contextlib.contextmanager
def _fields_up_to(chars: int):
    """csv's field limit (131,072 characters by default, for the whole process) raised for one read."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, chars))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _cut_long(row: list[str], r: int, notes: list) -> list[str]:
    """Cells cut to what Excel holds; each cut reported at its cell."""
    for c, value in enumerate(row):
        if len(value) > MAX_CELL_CHARS:
            row[c] = value[:MAX_CELL_CHARS]
            notes.append(("text-truncated", r, c, {}))
    return row


_WHITESPACE = re.compile(r"[\r\n]+|\s{2,}")  # as pandas' read_html: a cell's text on one line


def read_html(path: Path) -> list[SheetGrid]:
    """Web systems export "Excel" files that are HTML tables: each table is a sheet, its header
    cells (<th>, <thead>) and spans (colspan/rowspan, as merged cells) kept."""
    from lxml import etree
    from lxml import html as lxml_html

    text = _text_of(path)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("file-unreadable", reason="这是网页（HTML）文件，其中没有表格") from exc
    tables = root.xpath("//table")
    if not tables:
        raise ReadError("file-unreadable", reason="这是网页（HTML）文件，其中没有表格")
    return [_table(table, f"表格{number}") for number, table in enumerate(tables, start=1)]


def _table(table, name: str) -> SheetGrid:
    """One table as a grid: a spanned cell's text at its first cell, the span a merged range.
    Spans are clamped as browsers do; the grid they make is bounded before it is built."""
    rows: list[list[object]] = []
    merged = []
    below: list[tuple[int, int, int]] = []  # (first column, last column, last row) of rowspans still open
    height = width = 0
    notes: list[tuple[str, int, int, dict]] = []
    for r, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
        below = [span for span in below if span[2] >= r]
        row: list[object] = []
        col = 0
        for cell in tr.xpath("./td|./th"):
            col = _free_column(col, below)
            colspan = _span(cell.get("colspan"), HTML_MAX_COLSPAN)
            rowspan = _span(cell.get("rowspan"), HTML_MAX_ROWSPAN)
            height, width = max(height, r + rowspan), max(width, col + colspan)
            if too_many_cells(height, width):
                return refused_sheet(name, ReadError("limit-html-cells", table=name, limit=f"{MAX_SHEET_CELLS:,}"))
            value = _WHITESPACE.sub(" ", cell.text_content()).strip()
            if len(value) > MAX_CELL_CHARS:
                value = value[:MAX_CELL_CHARS]
                notes.append(("text-truncated", r, col, {}))
            row.extend([None] * (col - len(row)))
            row.append(value)
            row.extend([None] * (colspan - 1))
            if colspan > 1 or rowspan > 1:
                merged.append(((r, col), (r + rowspan - 1, col + colspan - 1)))
            if rowspan > 1:
                below.append((col, col + colspan - 1, r + rowspan - 1))
            col += colspan
        rows.append(row)
    rows.extend([] for _ in range(height - len(rows)))  # rows that only spans from above reach
    return SheetGrid(name, rows, merged, notes=notes)


def _free_column(col: int, below: list[tuple[int, int, int]]) -> int:
    """The first column from `col` on that no rowspan from above occupies."""
    moved = True
    while moved:
        moved = False
        for first, last, _end in below:
            if first <= col <= last:
                col, moved = last + 1, True
    return col


def _span(text: str | None, most: int) -> int:
    """A colspan or rowspan as browsers read it: digits, at least 1, at most the standard's bound."""
    digits = re.match(r"\s*(\d+)", text or "")
    return min(max(int(digits.group(1)[:9]), 1), most) if digits else 1
