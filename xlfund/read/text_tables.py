"""Read text tables: CSV (UTF-8 or GB18030) and the HTML tables web systems export as ".xls"."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from xlfund.read.content import ReadError, SheetGrid


def decode_text(data: bytes) -> str:
    """UTF-16 with its BOM (Excel's "Unicode text"), UTF-8 (with or without BOM), else GB18030,
    the encoding of Excel on Chinese Windows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError("file-unreadable", reason="文字编码无法识别（既不是 UTF-8 也不是 GB18030）")


def read_html(path: Path) -> list[SheetGrid]:
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


def read_csv(path: Path) -> SheetGrid:
    text = decode_text(path.read_bytes())
    sample = text[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows: list[list[object]] = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return SheetGrid(path.stem, rows)
