"""What reading a file gives: plain grids of cell values, or a ReadError with a finding code."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.utility import xl_rowcol_to_cell

from xlfund.limits import EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MAX_SHEET_CELLS


class ReadError(Exception):
    """A file that cannot be read: `code` is a findings code, `details` fill its message."""

    def __init__(self, code: str, **details: object):
        super().__init__(code, details)
        self.code = code
        self.details = details

    def __reduce__(self):  # pickled from an .xls reader's child process: keep code and details apart
        return (_read_error, (self.code, self.details))


def _read_error(code: str, details: dict) -> ReadError:
    return ReadError(code, **details)


@dataclass
class SheetGrid:
    name: str
    rows: list[list[object]]
    # Merged ranges as 0-based inclusive ((first_row, first_col), (last_row, last_col)).
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden: bool = False
    # Cells a value reader shows blank but that are not: "formula" (no stored result), the
    # (first, last) rows of such a formula summing its column above, or an error text such as
    # "#REF!" (see xlsx_cells); 0-based (row, col).
    special: dict[tuple[int, int], str | tuple[int, int]] = field(default_factory=dict)
    # Rows the file hides or strikes through (0-based row -> "hidden"/"struck"; see xlsx_marks).
    marks: dict[int, str] = field(default_factory=dict)
    # Why this sheet was not read (a limit, an encoding, a duplicate name): an error at the sheet.
    refused: ReadError | None = None
    # What reading changed at a cell, as (finding code, 0-based row, col, details): text cut to
    # Excel's length.
    notes: list[tuple[str, int, int, dict]] = field(default_factory=list)


def too_many_cells(rows: int, cols: int) -> ReadError | None:
    """The error for a used range of rows × cols past the limit (or past Excel's grid), else None."""
    if rows * cols <= MAX_SHEET_CELLS and rows <= EXCEL_MAX_ROWS and cols <= EXCEL_MAX_COLUMNS:
        return None
    if rows > EXCEL_MAX_ROWS or cols > EXCEL_MAX_COLUMNS:
        corner = f"第 {rows:,} 行、第 {cols:,} 列（超出 Excel 的表格范围）"
    else:
        corner = xl_rowcol_to_cell(rows - 1, cols - 1)
    return ReadError("limit-sheet-cells", corner=corner, rows=f"{rows:,}", cols=f"{cols:,}", cells=f"{rows * cols:,}",
                     limit=f"{MAX_SHEET_CELLS:,}")


def refused_sheet(name: str, error: ReadError) -> SheetGrid:
    """A sheet that is named, with the reason it was not read, and no cells."""
    return SheetGrid(name, [], refused=error)


@dataclass
class FileContent:
    sheets: list[SheetGrid]
    actual_format: str  # "xlsx", "xlsb", "ods", "xls" (with WPS .et), "csv", "html"

    FORMAT_NAMES = {
        "xlsx": "Excel 2007+ (.xlsx)", "xlsb": "Excel 二进制工作簿 (.xlsb)", "ods": "OpenDocument 表格 (.ods)",
        "xls": "Excel 97-2003 (.xls)", "csv": "文本/CSV", "html": "网页（HTML）",
    }
    SUFFIXES = {
        "xlsx": (".xlsx", ".xlsm", ".xltx", ".xltm"), "xlsb": (".xlsb",), "ods": (".ods",),
        "xls": (".xls", ".et", ".ett", ".xlt"), "csv": (".csv", ".txt", ".tsv"), "html": (),
    }

    def renamed(self, suffix: str) -> str | None:
        """The real format's name when the file's extension says something else."""
        if suffix.lower() in self.SUFFIXES[self.actual_format]:
            return None
        return self.FORMAT_NAMES[self.actual_format]
