"""The 明细 sheets: one line per recipient with its provenance.

XlsxWriter writes each sheet's header, columns, styles, page setup and first row; the other
rows are made as XML (detail_xml) and streamed in by xlsx_splice: at about 5 µs a cell,
XlsxWriter's own path was three quarters of a province-sized run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from xlfund import vocab
from xlfund.address import column_letter
from xlfund.amounts import FEN_PER_WAN
from xlfund.model import Record
from xlfund.text import clean_text, display_width
from xlfund.write import detail_xml
from xlfund.write.book import DETAIL, Styles, page_setup
from xlfund.write.formulas import DETAIL_COLUMNS, REMARK_COLUMN
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


def _detail_cells(record: Record, with_remark: bool, safe: Callable[[str], str]) -> list[tuple[str, str | float | None]]:
    """One 明细 row: (style name in Styles, value) per column; empty text stays a styled blank.
    The amount is the float Excel stores (integer 分 ÷ 10⁶, correctly rounded, as _rows writes it)."""
    cells: list[tuple[str, str | float | None]] = [
        ("text", safe(record.district)), ("text", record.name or None), ("center", record.category),
        ("money", record.amount_fen / FEN_PER_WAN), ("wrap", record.purpose or None), ("center", safe(record.use)),
        ("center", vocab.DISTRICT_SOURCES[record.district_source]), ("text", safe(record.file)),
        ("text", safe(record.sheet)), ("center", record.cell),
    ]
    if with_remark:
        cells.append(("text", record.remark or None))
    return cells


@dataclass
class DetailRows:
    """The 明细 rows still to be written after XlsxWriter has written each sheet's first one."""

    records: list[Record]
    sheets: list[tuple[str, int]]
    with_remark: bool
    per_line: int  # characters of 资金用途 per line, for row heights
    styles: Styles
    safe: Callable[[str], str]

    def height(self, record: Record) -> float | None:
        """Rows do not grow by themselves for wrapped text (LibreOffice, and Excel for files
        it did not write): give long purposes the lines they need."""
        if len(record.purpose) > self.per_line:
            return 15 * -(-len(record.purpose) // self.per_line)
        return None

    def appended(self, on_rows: Callable | None) -> dict[str, AppendedRows]:
        columns = len(DETAIL_COLUMNS) + self.with_remark
        last_letter = column_letter(columns - 1)
        appended, start = {}, 0
        for name, rows in self.sheets:
            if rows > 1:
                appended[name] = AppendedRows(
                    rows=lambda start=start, rows=rows: self._rows(start, rows, on_rows),
                    dimension=f"A1:{last_letter}{rows + 1}",
                )
            start += rows
        return appended

    def _rows(self, start: int, count: int, on_rows: Callable | None):
        """<row> elements for records start+1 .. start+count-1 (rows 3 onwards of the sheet).

        The same cells as _detail_cells() gives XlsxWriter for each sheet's first row, as one
        f-string per row: a province's list has millions of cells (tests compare the two).
        """
        index = {key: getattr(self.styles, key).xf_index for key in ("text", "center", "money", "wrap")}
        if None in index.values():
            raise RuntimeError(f"明细样式未登记：{index}")  # XlsxWriter wrote the first row with each style
        text, center, money_style, wrap = (f'" s="{index[key]}"' for key in ("text", "center", "money", "wrap"))
        repeated: dict[str, str] = {}

        def once(value: str) -> str:
            """Text that repeats down the list (district, file, category…): escaped once."""
            xml = repeated.get(value)
            if xml is None:
                xml = repeated[value] = detail_xml.text_cell_end(value)
            return xml

        end = detail_xml.text_cell_end
        safe, records, with_remark, total = self.safe, self.records, self.with_remark, len(self.records)
        sources = {key: once(label) for key, label in vocab.DISTRICT_SOURCES.items()}
        for offset in range(1, count):
            record = records[start + offset]
            r = offset + 2  # the Excel row
            remark = f'<c r="K{r}{text}{end(record.remark)}' if with_remark else ""
            yield (
                f"{detail_xml.row_open(r, self.height(record))}"
                f'<c r="A{r}{text}{once(safe(record.district))}<c r="B{r}{text}{end(record.name)}'
                f'<c r="C{r}{center}{once(record.category)}<c r="D{r}{money_style}{detail_xml.number_cell_end(record.amount_fen / FEN_PER_WAN)}'
                f'<c r="E{r}{wrap}{end(record.purpose)}<c r="F{r}{center}{once(safe(record.use))}'
                f'<c r="G{r}{center}{sources[record.district_source]}<c r="H{r}{text}{once(safe(record.file))}'
                f'<c r="I{r}{text}{once(safe(record.sheet))}<c r="J{r}{center}{end(record.cell)}{remark}</row>'
            )
            if on_rows and (start + offset + 1) % PROGRESS_EVERY == 0:
                on_rows(start + offset + 1, total)


def write_details(wss: list, sheets: list[tuple[str, int]], records: list[Record], s: Styles) -> DetailRows:
    """Each 明细 sheet's header, columns, page setup and first record; the rest is returned."""
    columns = DETAIL_COLUMNS + ([REMARK_COLUMN] if any(r.remark for r in records) else [])
    widths = _detail_widths(records, columns)
    # Text from the sheets was made safe when it was read (sheet.reader._text); file and
    # sheet names are cleaned here once per file, not once per row.
    cleaned: dict[str, str] = {}

    def safe(text: str) -> str:
        if text not in cleaned:
            cleaned[text] = clean_text(text)[0]
        return cleaned[text]

    # A CJK character is about two width units; the estimate is cheap enough for a province.
    details = DetailRows(records, sheets, len(columns) > len(DETAIL_COLUMNS), max(int(widths[4] / 2) - 1, 8), s, safe)
    start = 0
    for ws, (_name, rows) in zip(wss, sheets, strict=True):
        for c, (head, _width) in enumerate(columns):
            ws.write_string(0, c, head, s.head)
            ws.set_column(c, c, widths[c], s.wrap if head == "资金用途" else None)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(rows, 1), len(columns) - 1)
        page_setup(ws, landscape=True)
        if rows:
            write_detail_row(ws, 1, records[start], details)
        start += rows
    return details


def write_detail_row(ws, row: int, record: Record, details: DetailRows) -> None:
    """One 明细 row through XlsxWriter (each sheet's first; tests use it for all rows)."""
    height = details.height(record)
    if height is not None:
        ws.set_row(row, height)
    for c, (key, value) in enumerate(_detail_cells(record, details.with_remark, details.safe)):
        fmt = getattr(details.styles, key)
        if value is None:
            ws.write_blank(row, c, None, fmt)
        elif isinstance(value, str):
            ws.write_string(row, c, value, fmt)
        else:
            ws.write_number(row, c, value, fmt)


def _detail_widths(records: list[Record], columns: list[tuple[str, int]]) -> list[float]:
    """Widths that fit Chinese text, measured on the first rows (enough to see the shape)."""
    widths = [float(w) for _, w in columns]
    sample = records[:2000]
    measured = [(0, "district"), (1, "name"), (4, "purpose"), (7, "file"), (8, "sheet")]
    if len(columns) > len(DETAIL_COLUMNS):
        measured.append((10, "remark"))
    for c, attr in measured:
        longest = max((display_width(getattr(r, attr)) for r in sample), default=0)
        widths[c] = min(max(widths[c] if c != 4 else 20, longest + 2), 60 if c == 4 else 45)
    return widths
