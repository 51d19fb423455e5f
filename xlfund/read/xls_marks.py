"""Rows of an .xls that Excel hides or strikes through, which python-calamine does not report.

The same marks as xlsx_marks finds in an .xlsx: a hidden row (the ROW record's flag), and a
line whose every value is in a font struck through. xlrd reads them from the BIFF records with
formatting_info; it runs in the child that reads the .xls (read/isolated.py), under the same
memory bound, after python-calamine has read the values. A file xlrd cannot parse keeps its
values and is said to have no marks (calamine read it; the marks are an addition).
"""

from __future__ import annotations

from pathlib import Path

from xlfund.read.xlsx_marks import HIDDEN, STRUCK


def xls_row_marks(path: Path) -> dict[str, dict[int, str]]:
    """Sheet name -> {0-based row: "hidden" or "struck"}; {} when there are none."""
    try:
        import xlrd

        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except Exception:  # noqa: BLE001 - not parsable by xlrd: the values stand without marks
        return {}
    try:
        struck_fonts = {i for i, font in enumerate(book.font_list) if font.struck_out}
        struck_xfs = {i for i, xf in enumerate(book.xf_list) if xf.font_index in struck_fonts}
        found: dict[str, dict[int, str]] = {}
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            marks = {r: HIDDEN for r, info in sheet.rowinfo_map.items() if info.hidden and r < sheet.nrows and _has_values(sheet, r)}
            if struck_xfs:
                for r in range(sheet.nrows):
                    if r not in marks and _struck(sheet, r, struck_xfs):
                        marks[r] = STRUCK
            if marks:
                found[sheet.name] = marks
            book.unload_sheet(index)
        return found
    except Exception:  # noqa: BLE001 - a record xlrd trips on: the values stand without marks
        return {}
    finally:
        book.release_resources()


def _has_values(sheet, r: int) -> bool:
    return any(sheet.cell_type(r, c) not in (0, 6) for c in range(sheet.row_len(r)))


def _struck(sheet, r: int, struck_xfs: set[int]) -> bool:
    """Every cell with a value struck through, and one at least."""
    values = [c for c in range(sheet.row_len(r)) if sheet.cell_type(r, c) not in (0, 6)]  # 0 empty, 6 blank
    return bool(values) and all(sheet.cell_xf_index(r, c) in struck_xfs for c in values)
