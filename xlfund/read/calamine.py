"""Read .xlsx/.xls workbooks with python-calamine into grids (the reading itself, no checks)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from xlfund.read.content import ReadError, SheetGrid


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


def read_with_calamine(path: Path) -> list[SheetGrid]:
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
                # Hidden sheets are read too: money in one is never left out without a word.
                rows = sheet.to_python(skip_empty_area=False)
                merged = sheet.merged_cell_ranges or []
            except Exception as exc:  # noqa: BLE001
                raise ReadError("file-unreadable", reason=f"工作表“{meta.name}”无法读取（{_calamine_reason(exc)}）") from exc
            sheets.append(SheetGrid(meta.name, rows, list(merged), hidden))
    return sheets


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
