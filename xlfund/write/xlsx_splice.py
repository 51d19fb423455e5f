"""Copy an .xlsx written by XlsxWriter, appending generated rows to some of its sheets.

The rows come from detail.py and detail_xml (the same markup XlsxWriter writes); this module
only finds each sheet's part in the package, puts the rows before </sheetData>, widens the sheet's
<dimension> record to match, and recompresses the package entry by entry, streaming, so a
sheet of a million rows never sits in memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from xlfund.read.xlsx_cells import sheet_parts

_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_CHUNK_ROWS = 2000


@dataclass(frozen=True)
class AppendedRows:
    """Rows to add to one sheet: `rows()` yields <row> elements (callable again on retry)."""

    rows: Callable[[], Iterable[str]]
    dimension: str  # the sheet's whole used range afterwards, e.g. "A1:J400001"


def append_rows(base: Path, target: Path, sheets: dict[str, AppendedRows]) -> None:
    """Write `target`: the package `base` with each named sheet's rows appended."""
    try:
        _copy(base, target, sheets, zip64=False)
    except RuntimeError as error:
        # A sheet's XML passed 2 GiB (very long texts on a full sheet): zipfile asks for
        # ZIP64, which it can only be told before the entry is written. Rare, so redo.
        if "force_zip64" not in str(error):
            raise
        _copy(base, target, sheets, zip64=True)


def _copy(base: Path, target: Path, sheets: dict[str, AppendedRows], zip64: bool) -> None:
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        parts = sheet_parts(source)
        appended = {parts[name]: rows for name, rows in sheets.items()}
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename not in appended:
                out.writestr(entry, source.read(info))
                continue
            xml = source.read(info).decode("utf-8")
            head, tail = _split(xml)
            head = _DIMENSION.sub(f'<dimension ref="{appended[info.filename].dimension}"/>', head, count=1)
            with out.open(entry, "w", force_zip64=zip64) as stream:
                stream.write(head.encode("utf-8"))
                _write_beside(stream, (chunk.encode("utf-8") for chunk in _chunks(appended[info.filename].rows())))
                stream.write(tail.encode("utf-8"))


def _split(xml: str) -> tuple[str, str]:
    """The sheet XML before and from </sheetData> (an empty <sheetData/> is opened up)."""
    if "</sheetData>" in xml:
        head, tail = xml.split("</sheetData>", 1)
        return head, "</sheetData>" + tail
    head, tail = xml.split("<sheetData/>", 1)
    return head + "<sheetData>", "</sheetData>" + tail


def _chunks(rows: Iterable[str]) -> Iterable[str]:
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _CHUNK_ROWS:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def _write_beside(stream: IO[bytes], chunks: Iterable[bytes]) -> None:
    """Write each chunk to `stream` in a second thread while this one makes the next.

    Deflating the XML is about a third of the work, and zlib releases the GIL while it
    compresses: on a machine with two cores the two overlap.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xlfund-deflate") as writer:
        writing = None
        for chunk in chunks:
            if writing is not None:
                writing.result()  # one chunk in flight: memory stays flat, errors surface here
            writing = writer.submit(stream.write, chunk)
        if writing is not None:
            writing.result()
