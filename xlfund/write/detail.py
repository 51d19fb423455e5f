"""The 明细 sheets: one line per recipient with its provenance.

XlsxWriter writes each sheet's header, columns, styles, page setup and first row; the other
rows are made as XML (detail_xml) and streamed in by xlsx_splice: at about 5 µs a cell,
XlsxWriter's own path was three quarters of a province-sized run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from xlsxwriter.utility import xl_col_to_name

from xlfund.amounts import FEN_PER_WAN
from xlfund.model import Record
from xlfund.text import clean_text, display_width
from xlfund.write import detail_xml
from xlfund.write.book import DETAIL, Styles, page_setup
from xlfund.write.detail_columns import MONEY, REPEATED, DetailColumn, detail_columns
from xlfund.write.wrap import row_height, text_lines
from xlfund.write.xlsx_splice import AppendedRows

PROGRESS_EVERY = 20_000


def detail_sheet_names(count: int, per_sheet: int) -> list[tuple[str, int]]:
    sheets = []
    remaining = count
    index = 1
    while True:
        rows = min(remaining, per_sheet)
        sheets.append((DETAIL if index == 1 else f"{DETAIL}{index}", rows))
        remaining -= rows
        index += 1
        if remaining <= 0:
            return sheets


class _Written(dict):
    """Value -> what a cell writes for it, made on first sight (a dict's own lookup is the
    fast path: text that repeats down a province's list is cleaned and escaped once)."""

    def __init__(self, make: Callable[[str], str]):
        super().__init__()
        self.make = make

    def __missing__(self, value: str) -> str:
        made = self[value] = self.make(value)
        return made


@dataclass
class DetailRows:
    """How 明细 rows are written, from the table of columns: each sheet's first row through
    XlsxWriter (write_detail_row), the others as XML (rows), both with the same values."""

    records: list[Record]
    sheets: list[tuple[str, int]]
    columns: tuple[DetailColumn, ...]
    widths: list[float]
    styles: Styles
    safe: Callable[[str], str]

    def __post_init__(self) -> None:
        self.get = attrgetter(*(column.field for column in self.columns))
        # The wrapping columns, for row heights: (column index, width, characters that always
        # fit one line, lines per value for repeated text). Most rows are decided by len().
        self.wrapping = [(c, self.widths[c], int((self.widths[c] - 1) / 2.1), {} if column.kind == REPEATED else None)
                         for c, column in enumerate(self.columns) if column.wraps]

    def shown(self, column: DetailColumn, value: object) -> str | float | None:
        """What a cell shows for a record's field; None for an empty text (a styled blank)."""
        if column.kind == MONEY:
            return value / FEN_PER_WAN
        if column.kind == REPEATED:
            text = self.safe(column.labels.get(value, value))
        else:
            text = value.strip()  # "某公司   " is written trimmed; the sheet keeps what was typed
        return text or None

    def height(self, values: tuple) -> float | None:
        """The row height the wrapping columns need; None when every text takes one line."""
        lines = 1
        for c, width, limit, known in self.wrapping:
            text = values[c]
            if known is not None:
                n = known.get(text)
                if n is None:
                    n = known[text] = text_lines(self.safe(text), width)
            elif len(text) <= limit:
                continue
            else:
                n = text_lines(text.strip(), width)
            if n > lines:
                lines = n
        return None if lines == 1 else row_height(lines)

    def appended(self, on_rows: Callable | None) -> dict[str, AppendedRows]:
        last = xl_col_to_name(len(self.columns) - 1)
        appended, start = {}, 0
        for name, rows in self.sheets:
            if rows > 1:
                appended[name] = AppendedRows(
                    rows=lambda start=start, rows=rows: self._rows(start, rows, on_rows),
                    dimension=f"A1:{last}{rows + 1}",
                )
            start += rows
        return appended

    def _rows(self, start: int, count: int, on_rows: Callable | None):
        """<row> elements for records start+1 .. start+count-1 (rows 3 onwards of the sheet),
        the cells of write_detail_row() as XML (tests compare the bytes with XlsxWriter's)."""
        cells, height, row_open = self._cells_function(), self.height, detail_xml.row_open
        records, get, total = self.records, self.get, len(self.records)
        for offset in range(1, count):
            values = get(records[start + offset])
            r = offset + 2  # the Excel row
            yield f"{row_open(r, height(values))}{cells(str(r), *values)}</row>"  # the number made text once
            if on_rows and (start + offset + 1) % PROGRESS_EVERY == 0:
                on_rows(start + offset + 1, total)

    def _cells_function(self) -> Callable[..., str]:
        """cells(excel_row_text, value, value, …) -> one row's <c> elements: a function made from the table
        of columns once per sheet, one f-string with each column's markup and style built in
        (a loop over the columns for each of a province's rows cost a sixth of writing them)."""
        names = {}
        parts = []
        for c, column in enumerate(self.columns):
            index = getattr(self.styles, column.style).xf_index
            if index is None:
                raise RuntimeError(f"明细样式未登记：{column.style}")  # XlsxWriter wrote the first row with each style
            names[f"write{c}"] = self._writer(column)
            parts.append(f'<c r="{xl_col_to_name(c)}{{r}}" s="{index:d}"{{write{c}(v{c})}}')
        arguments = ", ".join(f"v{c}" for c in range(len(self.columns)))
        source = f"def cells(r, {arguments}):\n    return f'{''.join(parts)}'\n"
        exec(compile(source, "<明细 cells>", "exec"), names)  # noqa: S102 - our own markup; values are arguments
        return names["cells"]

    def _writer(self, column: DetailColumn) -> Callable[[object], str]:
        """A record's field -> the end of its <c> element, as shown() gives the value."""
        if column.kind == MONEY:
            return lambda fen: detail_xml.number_cell_end(fen / FEN_PER_WAN)
        if column.kind == REPEATED:
            return _Written(lambda value: detail_xml.text_cell_end(self.shown(column, value) or "")).__getitem__
        return lambda text: detail_xml.text_cell_end(text.strip())


def write_details(wss: list, sheets: list[tuple[str, int]], records: list[Record], s: Styles) -> DetailRows:
    """Each 明细 sheet's header, columns, page setup and first record; the rest is returned."""
    columns = detail_columns(with_remark=any(r.remark for r in records))
    widths = _detail_widths(records, columns)
    # Text from the sheets was made safe when it was read (sheet.fields.RecordFields.text); file and
    # sheet names are cleaned here once per file, not once per row.
    cleaned: dict[str, str] = {}

    def safe(text: str) -> str:
        if text not in cleaned:
            cleaned[text] = clean_text(text)[0]
        return cleaned[text]

    details = DetailRows(records, sheets, columns, widths, s, safe)
    start = 0
    for ws, (_name, rows) in zip(wss, sheets, strict=True):
        for c, column in enumerate(columns):
            ws.write_string(0, c, column.header, s.head)
            ws.set_column(c, c, widths[c], s.wrap if column.wraps else None)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(rows, 1), len(columns) - 1)
        page_setup(ws, landscape=True)
        if rows:
            write_detail_row(ws, 1, records[start], details)
        start += rows
    return details


def write_detail_row(ws, row: int, record: Record, details: DetailRows) -> None:
    """One 明细 row through XlsxWriter (each sheet's first; tests use it for all rows)."""
    values = details.get(record)
    height = details.height(values)
    if height is not None:
        ws.set_row(row, height)
    for c, (column, value) in enumerate(zip(details.columns, values, strict=True)):
        fmt = getattr(details.styles, column.style)
        shown = details.shown(column, value)
        if shown is None:
            ws.write_blank(row, c, None, fmt)
        elif isinstance(shown, str):
            ws.write_string(row, c, shown, fmt)
        else:
            ws.write_number(row, c, shown, fmt)


def _detail_widths(records: list[Record], columns: tuple[DetailColumn, ...]) -> list[float]:
    """Widths that fit Chinese text, measured on the first rows (enough to see the shape)."""
    sample = records[:2000]
    widths = []
    for column in columns:
        width = float(column.width)
        if column.widest is not None:
            get = attrgetter(column.field)
            longest = max((display_width(column.labels.get(get(r), get(r))) for r in sample), default=0)
            width = min(max(width, longest + 2), column.widest)
        widths.append(width)
    return widths
