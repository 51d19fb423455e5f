"""Read a submitted file into plain grids of cell values, one per visible sheet.

Everything here is I/O and format sniffing; what the cells mean is decided in xlfund.sheet.
Grids are indexed so that grid[r][c] is Excel's row r+1, column c+1: locations reported to
the clerk match what they see in Excel.
"""

from __future__ import annotations

from pathlib import Path

from xlfund.read.calamine import attach_special, read_with_calamine
from xlfund.read.content import FileContent, ReadError
from xlfund.read.safety import check_zip, is_encrypted_ole
from xlfund.read.text_tables import read_csv, read_html

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


ZIP_MAGIC = b"PK\x03\x04"


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\x00\x00\xfe\xff",)  # little-endian UTF-32 starts with UTF-16's BOM
# BOF records of Excel 2.x, 3.0 and 4.0 worksheets (before the OLE container of Excel 97).
OLD_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")


def sniff_format(head: bytes) -> str:
    """What the bytes are, whatever the file is called."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(UTF16_BOMS + UTF32_BOMS):
        return "text"  # Excel's "Unicode text" export: UTF-16, tab-separated (UTF-32 from some tools)
    if head.startswith(OLD_BIFF) and len(head) > 4 and head[3] == 0:
        return "old-excel"
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")):
        return "html"
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head[:4096].lower():
        return "spreadsheetml"
    if b"\x00" in head[:4096]:
        return "binary"
    return "text"


def read_file(path: Path) -> FileContent:
    """Read every sheet of one file; raise ReadError with a findings code when it cannot."""
    try:
        return _read_file(path)
    except ReadError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - see below
        # Broken bytes make the parsers fail in many ways: zlib.error from a damaged deflate
        # stream, and python-calamine panics (pyo3's PanicException is a BaseException).
        # Whatever the way, the file is damaged: say so and go on with the others.
        raise ReadError("file-unreadable", reason="文件已损坏或被截断") from exc


def _read_file(path: Path) -> FileContent:
    with path.open("rb") as handle:
        head = handle.read(8192)
    if not head:
        raise ReadError("file-empty")
    kind = sniff_format(head)
    if kind == "zip":
        package = check_zip(path)
        if package == "ods":
            return FileContent(_with_ods_layout(path, read_with_calamine(path)), package)
        if package != "xlsx":
            return FileContent(read_with_calamine(path), package)
        from xlfund.read.xlsx_cells import scan_sheets

        scans = scan_sheets(path)
        sheets = read_with_calamine(path, {name: scan.refused for name, scan in scans.items() if scan.refused})
        from xlfund.read.xlsx_marks import row_marks

        marks = row_marks(path, {name for name, scan in scans.items() if not scan.refused},
                          {name for name, scan in scans.items() if scan.may_mark_rows})
        for sheet in sheets:
            if sheet.name in scans and not sheet.refused:
                attach_special(sheet, scans[sheet.name].special)
                sheet.marks = marks.get(sheet.name, {})
        return FileContent(sheets, package)
    if kind == "ole":
        if is_encrypted_ole(path):
            raise ReadError("file-encrypted")
        from xlfund.read.isolated import read_xls_isolated

        return FileContent(read_xls_isolated(path), "xls")
    if kind == "text":
        return FileContent([read_csv(path)], "csv")
    if kind == "html":
        return FileContent(read_html(path), "html")
    if kind == "spreadsheetml":
        raise ReadError("file-unreadable", reason="这是 Excel 2003 XML 格式")
    if kind == "old-excel":
        raise ReadError("file-unreadable", reason="这是 Excel 2.x–4.0 的旧格式（1990 年代），无法直接读取")
    raise ReadError("file-unreadable", reason="不是 Excel、WPS 或 CSV 表格")


def _with_ods_layout(path: Path, sheets: list) -> list:
    """The .ods sheets with their merged ranges (calamine reports none for .ods), within bounds,
    and their hidden and struck rows."""
    from xlfund.read.calamine import bounded_merges
    from xlfund.read.ods_layout import ods_layout

    found = ods_layout(path)
    for sheet in sheets:
        if sheet.refused or sheet.name not in found:
            continue
        layout = found[sheet.name]
        sheet.marks = layout.marks
        if sheet.merged:
            continue
        merged, too_many = bounded_merges(layout.merges)
        if too_many is None:
            sheet.merged = merged
    return sheets
