"""Read a submitted file into plain grids of cell values, one per visible sheet.

Everything here is I/O and format sniffing; what the cells mean is decided in layout.py.
Grids are indexed so that grid[r][c] is Excel's row r+1, column c+1: locations reported to
the clerk match what they see in Excel.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_UNZIPPED_BYTES = 1_500_000_000  # a real 1M-row sheet is far below this
MAX_RATIO = 1000  # honest styles.xml reach 100:1; zip bombs reach 1000:1 and beyond
PROLOG_BYTES = 65_536

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
OWN_OUTPUT_MARK = "xlfund"  # custom document property written on every output


class ReadError(Exception):
    """A file that cannot be read: `code` is a findings code, `details` fill its message."""

    def __init__(self, code: str, **details: object):
        super().__init__(code, details)
        self.code = code
        self.details = details


@dataclass
class SheetGrid:
    name: str
    rows: list[list[object]]
    # Merged ranges as 0-based inclusive ((first_row, first_col), (last_row, last_col)).
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False
    # Cells a value reader shows blank but that are not: "formula" (no stored result) or an
    # error text such as "#REF!" (see xlsx_cells); 0-based (row, col).
    special: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class FileContent:
    sheets: list[SheetGrid]
    actual_format: str  # "xlsx", "xls", "csv", "html"

    FORMAT_NAMES = {"xlsx": "Excel 2007+ (.xlsx)", "xls": "Excel 97-2003 (.xls)", "csv": "文本/CSV", "html": "网页（HTML）"}
    SUFFIXES = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls",), "csv": (".csv",), "html": ()}

    def renamed(self, suffix: str) -> str | None:
        """The real format's name when the file's extension says something else."""
        if suffix.lower() in self.SUFFIXES[self.actual_format]:
            return None
        return self.FORMAT_NAMES[self.actual_format]


def sniff_format(head: bytes) -> str:
    """What the bytes are, whatever the file is called."""
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
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
        _check_zip(path)
        from xlfund.xlsx_cells import hidden_cells

        sheets = _read_with_calamine(path)
        special = hidden_cells(path)
        for sheet in sheets:
            _attach_special(sheet, special.get(sheet.name, {}))
        return FileContent(sheets, "xlsx")
    if kind == "ole":
        if _is_encrypted_ole(path):
            raise ReadError("file-encrypted")
        from xlfund.isolated import read_xls_isolated

        return FileContent(read_xls_isolated(path), "xls")
    if kind == "text":
        return FileContent([_read_csv(path)], "csv")
    if kind == "html":
        return FileContent(_read_html(path), "html")
    if kind == "spreadsheetml":
        raise ReadError("file-unreadable", reason="这是 Excel 2003 XML 格式")
    raise ReadError("file-unreadable", reason="不是 Excel、WPS 或 CSV 表格")


OWN_OUTPUT_SKIPPED = "本工具生成的汇总表，不作为数据读取"


def _is_own_output(archive: zipfile.ZipFile) -> bool:
    """True for workbooks this tool wrote (marked with a custom document property)."""
    try:
        info = archive.getinfo("docProps/custom.xml")
    except KeyError:
        return False
    if info.file_size > PROLOG_BYTES:
        return False
    return f'name="{OWN_OUTPUT_MARK}"'.encode() in archive.read(info)


def _check_zip(path: Path) -> None:
    """Refuse zip bombs and XML with DTDs before any parser sees them."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ReadError("file-unreadable", reason="文件已损坏或被截断") from exc
    with archive:
        if _is_own_output(archive):
            raise ReadError("file-skipped", reason=OWN_OUTPUT_SKIPPED)  # checked first: never parsed
        infos = archive.infolist()
        declared = sum(info.file_size for info in infos)
        compressed = sum(info.compress_size for info in infos) or 1
        if declared > MAX_UNZIPPED_BYTES or (declared > 50_000_000 and declared / compressed > MAX_RATIO):
            raise ReadError("file-too-large", size=f"{declared / 1e9:.1f} GB")
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_xml_prolog(archive, info)


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_xml_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # A DTD can only stand before the root element, so the prolog is all we need to read.
    try:
        with archive.open(info) as member:
            head = member.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ReadError("file-unreadable", reason="文件已损坏或被截断") from exc
    except RuntimeError as exc:  # zipfile raises this for an encrypted member
        raise ReadError("file-encrypted") from exc
    if _DTD.search(head):
        raise ReadError("file-unsafe-xml", reason="含有 DTD/实体声明")


def _is_encrypted_ole(path: Path) -> bool:
    import msoffcrypto  # only OLE files need it

    try:
        with path.open("rb") as handle:
            return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
    except Exception:  # noqa: BLE001 - a broken OLE file is not encrypted; calamine will say what it is
        return False


@contextlib.contextmanager
def _native_stderr_silenced():
    """python-calamine prints a Rust panic message (and a backtrace under RUST_BACKTRACE) to
    the process's stderr before raising; the clerk should see our Chinese finding instead."""
    try:
        saved = os.dup(2)
    except OSError:  # no real stderr (some embedded runners): nothing to silence
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _read_with_calamine(path: Path) -> list[SheetGrid]:
    with _native_stderr_silenced():
        return _calamine_sheets(path)


def _calamine_sheets(path: Path) -> list[SheetGrid]:
    import python_calamine

    try:
        workbook = python_calamine.load_workbook(str(path))
    except python_calamine.PasswordError as exc:
        raise ReadError("file-encrypted") from exc
    except Exception as exc:  # noqa: BLE001 - calamine raises many kinds for broken files
        raise ReadError("file-unreadable", reason=_calamine_reason(exc)) from exc
    sheets = []
    with workbook:
        for meta in workbook.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                rows = [] if hidden else sheet.to_python(skip_empty_area=False)
                merged = (sheet.merged_cell_ranges or []) if not hidden else []
            except Exception as exc:  # noqa: BLE001
                raise ReadError("file-unreadable", reason=f"工作表“{meta.name}”无法读取（{_calamine_reason(exc)}）") from exc
            sheets.append(SheetGrid(meta.name, rows, list(merged), hidden))
    return sheets


def _attach_special(sheet: SheetGrid, cells: dict[tuple[int, int], str]) -> None:
    """Keep the cells, and grow the grid so that rows holding only such cells are still read."""
    if not cells or sheet.hidden:
        return
    sheet.special = cells
    last = max(r for r, _c in cells)
    while len(sheet.rows) <= last:
        sheet.rows.append([])


def _calamine_reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "password" in text or "encrypt" in text:
        return "文件已加密"
    if "zip" in text or "eof" in text or "invalid" in text or "cfb" in text:
        return "文件已损坏或被截断"
    return "文件格式无法识别"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030, the encoding of Excel on Chinese Windows."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("file-unreadable", reason="文字编码无法识别（既不是 UTF-8 也不是 GB18030）")


def _read_html(path: Path) -> list[SheetGrid]:
    """Web systems export "Excel" files that are HTML tables: read each table as a sheet."""
    import pandas as pd

    text = decode_text(path.read_bytes())
    try:
        tables = pd.read_html(io.StringIO(text), header=None, thousands=None, keep_default_na=False, flavor="lxml")
    except ValueError as exc:  # pandas says "No tables found"
        raise ReadError("file-unreadable", reason="这是网页（HTML）文件，其中没有表格") from exc
    except ImportError as exc:  # pragma: no cover - lxml is a dependency
        raise ReadError("file-unreadable", reason="这是网页（HTML）文件，缺少读取网页表格的组件 lxml") from exc
    sheets = []
    for number, table in enumerate(tables, start=1):
        rows = [[_html_value(v) for v in row] for row in table.itertuples(index=False, name=None)]
        sheets.append(SheetGrid(f"表格{number}", rows))
    return sheets


def _html_value(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars to plain Python
        return value.item()
    return value


def _read_csv(path: Path) -> SheetGrid:
    text = decode_text(path.read_bytes())
    sample = text[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows: list[list[object]] = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return SheetGrid(path.stem, rows)
