"""Read .xlsx/.xls workbooks with python-calamine into grids (the reading itself, no checks)."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from xlfund.limits import MAX_MERGED_CELLS, MAX_MERGED_RANGES
from xlfund.read.content import ReadError, SheetGrid, refused_sheet, too_many_cells

# Ranges larger than this the sheet reader ignores (xlfund.sheet.cells.MergeMap): one over a whole
# column says nothing about a cell's value.
MERGE_IGNORED_ABOVE = 1_000_000


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


def read_with_calamine(path: Path, refused: dict[str, ReadError] | None = None) -> list[SheetGrid]:
    """Every worksheet, in order; the sheets named in `refused` are listed with the reason, not read."""
    with _native_stderr_silenced():
        return _calamine_sheets(path, refused or {})


def _calamine_sheets(path: Path, refused: dict[str, ReadError]) -> list[SheetGrid]:
    import python_calamine

    try:
        workbook = python_calamine.load_workbook(_source(path))
    except python_calamine.PasswordError as exc:
        raise ReadError("file-encrypted") from exc
    except Exception as exc:  # noqa: BLE001 - calamine raises many kinds for broken files
        raise ReadError("file-unreadable", reason=_calamine_reason(exc)) from exc
    sheets = []
    first_of: dict[str, int] = {}
    with workbook:
        for position, meta in enumerate(workbook.sheets_metadata):
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            if meta.name in first_of:
                # calamine finds a sheet by its name, even by index: the second would be the first again.
                sheets.append(refused_sheet(meta.name, ReadError("sheet-name-duplicate", name=meta.name,
                                                                 first=first_of[meta.name] + 1, position=position + 1)))
                continue
            first_of[meta.name] = position
            if meta.name in refused:
                sheets.append(refused_sheet(meta.name, refused[meta.name]))
            else:  # hidden sheets are read too: money in one is never left out without a word
                sheets.append(_sheet(workbook, position, meta.name, hidden=meta.visible != python_calamine.SheetVisibleEnum.Visible))
    return sheets


def _source(path: Path):
    """What calamine opens: the path, or the file's bytes when the path is not valid UTF-8 (a GBK
    name copied from an old share), which calamine cannot open by name."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return io.BytesIO(path.read_bytes())
    return text


def _sheet(workbook, position: int, name: str, hidden: bool = False) -> SheetGrid:
    try:
        sheet = workbook.get_sheet_by_index(position)
        too_large = too_many_cells(sheet.height, sheet.width)  # formats with no scan before (.xls, .xlsb, .ods)
        if too_large is not None:
            return refused_sheet(name, too_large)
        merged, too_many = bounded_merges(sheet.merged_cell_ranges or [])
        if too_many is not None:
            return refused_sheet(name, too_many)
        rows = sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # noqa: BLE001
        raise ReadError("file-unreadable", reason=f"工作表“{name}”无法读取（{_calamine_reason(exc)}）") from exc
    return SheetGrid(name, rows, merged, hidden)


def bounded_merges(ranges: list) -> tuple[list, ReadError | None]:
    """The merged ranges once each, or the limit they pass (count or merged cells)."""
    unique = list(dict.fromkeys((tuple(first), tuple(last)) for first, last in ranges))
    if len(unique) > MAX_MERGED_RANGES:
        return [], ReadError("limit-merged-cells", count=f"{len(unique):,}", cells="", limit=f"{MAX_MERGED_RANGES:,} 处")
    # The sheet reader maps each cell of a range to its first one, except ranges over a whole
    # column or more, which it ignores (sheet.cells.MergeMap); those cost nothing here either.
    cells = sum(area for (r0, c0), (r1, c1) in unique if (area := (r1 - r0 + 1) * (c1 - c0 + 1)) <= MERGE_IGNORED_ABOVE)
    if cells > MAX_MERGED_CELLS:
        return [], ReadError("limit-merged-cells", count=f"{len(unique):,}", cells=f"，共 {cells:,} 个单元格",
                             limit=f"{MAX_MERGED_CELLS:,} 个单元格")
    return unique, None


def attach_special(sheet: SheetGrid, cells: dict[tuple[int, int], str | tuple[int, int]]) -> None:
    """Keep the cells, and grow the grid so that rows holding only such cells are still read."""
    if not cells:
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
