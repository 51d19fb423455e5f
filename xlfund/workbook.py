"""Write the consolidated workbook: 汇总, 明细, 对账, 问题, 评分表 and 说明.

Every computed figure is a live formula that also stores its value (computed here in
Decimal), so Excel and WPS recalculate while viewers that never do still show numbers.
Input text is always written with write_string(): a name like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from xlfund import __version__, sheet_xml, vocab
from xlfund.amounts import FEN_PER_WAN, as_number
from xlfund.consolidate import Consolidation
from xlfund.layout import Record, column_letter
from xlfund.output import Saved, save_atomically
from xlfund.reconcile import Check
from xlfund.text import clean_text, display_width
from xlfund.xlsx_splice import AppendedRows, append_rows

SUMMARY, DETAIL, CHECKS, PROBLEMS, SCORECARD, REPORT, ABOUT = "汇总", "明细", "对账", "问题", "评分表", "报告", "说明"
MONEY = "#,##0.00"
PERCENT = "0.00%"
OWN_OUTPUT_MARK = "xlfund"

# 明细 columns: (header, width); the letters below are used in formulas. Kept to what the
# clerk needs (every cell written costs time on a province-sized list): the Excel row number
# serves as 序号, the source cell holds the source row, and 备注 appears only when some
# district sent remarks.
DETAIL_COLUMNS = [
    ("区县", 10), ("单位名称", 36), ("类别", 10), ("金额（万元）", 14), ("资金用途", 50), ("用途类别", 14),
    ("区县来源", 10), ("来源文件", 18), ("来源工作表", 12), ("来源单元格", 10),
]
REMARK_COLUMN = ("备注", 16)
COL_DISTRICT, COL_NAME, COL_CATEGORY, COL_AMOUNT, COL_USE = "A", "B", "C", "D", "F"


def money(value: Decimal) -> float:
    """A Decimal as the float XlsxWriter stores, rounded to 分 first (never to .16g noise)."""
    return float(value.quantize(Decimal("0.000001")))


@dataclass
class DetailParts:
    """The 明细 sheets (明细, 明细2, …) and their data row counts, for formulas covering all."""

    parts: list[tuple[str, int]] = field(default_factory=list)

    def ranges(self, letter: str) -> list[str]:
        return [f"{name}!${letter}$2:${letter}${max(rows, 1) + 1}" for name, rows in self.parts]

    def sum(self, letter: str) -> str:
        return "+".join(f"SUM({r})" for r in self.ranges(letter))

    def sum_span(self, letter: str, first: int, last: int) -> str:
        """SUM over records first..last (0-based positions in the detail list), across sheets."""
        terms, start = [], 0
        for name, rows in self.parts:
            lo, hi = max(first, start), min(last, start + rows - 1)
            if lo <= hi:
                terms.append(f"SUM({name}!${letter}${lo - start + 2}:${letter}${hi - start + 2})")
            start += rows
        return "+".join(terms) or "0"

    def counta(self, letter: str) -> str:
        return "+".join(f"COUNTA({r})" for r in self.ranges(letter))

    def sumifs(self, letter: str, *criteria: tuple[str, str]) -> str:
        return self._ifs("SUMIFS", letter, criteria)

    def countifs(self, *criteria: tuple[str, str]) -> str:
        return self._ifs("COUNTIFS", None, criteria)

    def _ifs(self, function: str, letter: str | None, criteria: tuple[tuple[str, str], ...]) -> str:
        terms = []
        for name, rows in self.parts:
            last = max(rows, 1) + 1
            args = [f"{name}!${letter}$2:${letter}${last}"] if letter else []
            for crit_letter, crit in criteria:
                args += [f"{name}!${crit_letter}$2:${crit_letter}${last}", crit]
            terms.append(f"{function}({','.join(args)})")
        return "+".join(terms)


@dataclass
class SummaryCells:
    """Where 汇总 keeps the fund figures, for 对账 and the scorecard to refer to."""

    cap: str = ""
    plan: str = ""
    total: str = ""
    remaining: str = ""
    rate: str = ""
    recipients: str = ""
    target: str = ""
    district_amount: dict[str, str] = field(default_factory=dict)
    district_quota: dict[str, str] = field(default_factory=dict)


class Styles:
    def __init__(self, book):
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        grid = {**base, "border": 1}
        self.title = book.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
        self.subtitle = book.add_format({**base, "font_size": 10, "font_color": "#595959"})
        self.head = book.add_format({**grid, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9E1F2"})
        self.text = book.add_format({**grid})
        self.wrap = book.add_format({**grid, "text_wrap": True})
        self.center = book.add_format({**grid, "align": "center"})
        self.money = book.add_format({**grid, "num_format": MONEY})
        self.count = book.add_format({**grid, "num_format": "0", "align": "center"})
        self.percent = book.add_format({**grid, "num_format": PERCENT})
        self.input_money = book.add_format({**grid, "num_format": MONEY, "bg_color": "#FFF2CC"})
        self.total_text = book.add_format({**grid, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
        self.total_money = book.add_format({**grid, "bold": True, "num_format": MONEY, "bg_color": "#F2F2F2"})
        self.total_count = book.add_format({**grid, "bold": True, "num_format": "0", "align": "center", "bg_color": "#F2F2F2"})
        self.bad = book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.good = book.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"})
        self.severity = {
            "错误": book.add_format({**grid, "bold": True, "font_color": "#C00000", "align": "center"}),
            "警告": book.add_format({**grid, "font_color": "#9C5700", "align": "center"}),
            "提示": book.add_format({**grid, "font_color": "#595959", "align": "center"}),
        }


def _text(ws, row: int, col: int, value: str, fmt) -> None:
    """Input text, always as a string (never a formula, URL or number)."""
    cleaned, _removed, _truncated = clean_text(value)
    if cleaned:
        ws.write_string(row, col, cleaned, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _number(ws, row: int, col: int, value: Decimal | int | None, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, money(value) if isinstance(value, Decimal) else value, fmt)


def _page_setup(ws, landscape: bool, repeat: bool = True) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat:
        ws.repeat_rows(0)  # the header row on every printed page
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")


def write_workbook(result: Consolidation, path: Path, scorecard_writer: Callable | None = None,
                   on_rows: Callable[[int, int], None] | None = None) -> Saved:
    """Write the workbook to a temporary file beside `path`, then move it into place.

    on_rows(written, total) is called as the detail list is written, for a progress display.
    """
    return save_atomically(path, lambda temp: _write(result, temp, scorecard_writer, on_rows))


def _write(result: Consolidation, temp: Path, scorecard_writer: Callable | None, on_rows: Callable | None = None) -> None:
    # XlsxWriter writes the workbook with each detail sheet's header and first row; the
    # remaining detail rows are then streamed into a copy of it (see sheet_xml for why).
    base = temp.with_name(f"{temp.stem}-base{temp.suffix}")
    try:
        details = _write_base(result, base, scorecard_writer)
        append_rows(base, temp, details.appended(on_rows))
        if on_rows:
            on_rows(len(result.records), len(result.records))
    finally:
        base.unlink(missing_ok=True)


def _write_base(result: Consolidation, path: Path, scorecard_writer: Callable | None) -> DetailRows:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {
        "constant_memory": len(result.records) > CONSTANT_MEMORY_ABOVE, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "nan_inf_to_errors": True,
    })
    try:
        styles = Styles(book)
        book.set_properties({
            "title": f"{result.settings.title}汇总", "subject": "专项资金分配汇总与对账",
            "author": "xlfund", "comments": f"由 xlfund {__version__} 生成", "company": "",
        })
        book.set_custom_property(OWN_OUTPUT_MARK, __version__)
        summary_ws = book.add_worksheet(SUMMARY)
        detail_sheets = _detail_sheet_names(len(result.records), result.settings.detail_max_rows)
        detail_wss = [book.add_worksheet(name) for name, _ in detail_sheets]
        parts = DetailParts(detail_sheets)
        checks_ws = book.add_worksheet(CHECKS)
        problems_ws = book.add_worksheet(PROBLEMS)
        scorecard_ws = book.add_worksheet(SCORECARD) if scorecard_writer else None
        report_ws = book.add_worksheet(REPORT)
        about_ws = book.add_worksheet(ABOUT)

        cells = _write_summary(book, summary_ws, result, parts, styles)
        details = _write_details(detail_wss, detail_sheets, result.records, styles)
        _write_checks(checks_ws, result.checks, cells, parts, styles, stated_spans(result.records, result.stated))
        _write_problems(problems_ws, result, styles)
        if scorecard_ws is not None and scorecard_writer is not None:
            scorecard_writer(book, scorecard_ws, cells)
        _write_report(book, report_ws, result)
        _write_about(about_ws, result, styles)
        summary_ws.activate()
    finally:
        book.close()
    return details


def _detail_sheet_names(count: int, per_sheet: int) -> list[tuple[str, int]]:
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


def _write_summary(book, ws, result: Consolidation, parts: DetailParts, s: Styles) -> SummaryCells:
    settings = result.settings
    cells = SummaryCells()
    total = result.total
    count = len(result.records)
    ws.set_column("A:A", 22)
    ws.set_column("B:F", 15)
    ws.merge_range("A1:F1", f"{settings.title}分配汇总表", s.title)
    ws.write_string(1, 0, f"金额单位：万元　　生成时间：{result.made_at:%Y-%m-%d %H:%M}", s.subtitle)

    ws.write_string(3, 0, "项目", s.head)
    ws.write_string(3, 1, "数值", s.head)
    row = 4

    def put(label: str, key: str, writer: Callable[[int], None]) -> None:
        nonlocal row
        ws.write_string(row, 0, label, s.text)
        writer(row)
        setattr(cells, key, f"{SUMMARY}!$B${row + 1}")
        row += 1

    # The figures sit in B5:B11 in this order; the formulas below refer to them by address.

    put("资金上限（万元）", "cap", lambda r: _number(ws, r, 1, settings.cap, s.input_money))
    put("批复计划（万元）", "plan", lambda r: _number(ws, r, 1, settings.plan, s.input_money))
    cap_ref, total_ref = "B5", "B7"
    put("分配合计（万元）", "total", lambda r: ws.write_formula(r, 1, f"={parts.sum(COL_AMOUNT)}", s.money, money(total)))
    remaining = "" if settings.cap is None else money(settings.cap - total)
    put("剩余额度（万元）", "remaining", lambda r: ws.write_formula(r, 1, f'=IF({cap_ref}="","",{cap_ref}-{total_ref})', s.money, remaining))
    rate = "" if not settings.cap else float(total / settings.cap)
    put("资金使用率", "rate", lambda r: ws.write_formula(r, 1, f'=IF(N({cap_ref})=0,"",{total_ref}/{cap_ref})', s.percent, rate))
    put("受助单位数", "recipients", lambda r: ws.write_formula(r, 1, f"={parts.counta(COL_NAME)}", s.count, count))
    put("绩效目标单位数", "target", lambda r: _number(ws, r, 1, settings.target_recipients, s.count))
    ws.conditional_format("B8", {"type": "cell", "criteria": "<", "value": 0, "format": s.bad})

    row += 1
    for c, head in enumerate(["区县", "受助单位数", "金额（万元）", "占比", "下达额度（万元）", "差额（万元）"]):
        ws.write_string(row, c, head, s.head)
    row += 1
    first = row
    by_district = result.district_totals()
    for district in result.districts:
        n, amount = by_district.get(district, (0, Decimal(0)))
        quota = settings.quotas.get(district)
        r1 = row + 1
        _text(ws, row, 0, district, s.text)
        ws.write_formula(row, 1, f"={parts.countifs((COL_DISTRICT, f'$A{r1}'))}", s.count, n)
        ws.write_formula(row, 2, f"={parts.sumifs(COL_AMOUNT, (COL_DISTRICT, f'$A{r1}'))}", s.money, money(amount))
        share = float(amount / total) if total else 0
        ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{r1}/{total_ref})", s.percent, share)
        _number(ws, row, 4, quota, s.input_money)
        ws.write_formula(row, 5, f'=IF(E{r1}="","",C{r1}-E{r1})', s.money, "" if quota is None else money(amount - quota))
        cells.district_amount[district] = f"{SUMMARY}!$C${r1}"
        cells.district_quota[district] = f"{SUMMARY}!$E${r1}"
        row += 1
    last = row
    ws.write_string(row, 0, "合计", s.total_text)
    ws.write_formula(row, 1, f"=SUM(B{first + 1}:B{max(last, first + 1)})", s.total_count, count)
    ws.write_formula(row, 2, f"=SUM(C{first + 1}:C{max(last, first + 1)})", s.total_money, money(total))
    ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{row + 1}/{total_ref})", s.percent, 1.0 if total else 0)
    quota_total = sum(settings.quotas.values(), Decimal(0)) if settings.quotas else None
    if quota_total is None:
        ws.write_blank(row, 4, None, s.total_money)
        ws.write_blank(row, 5, None, s.total_money)
    else:
        ws.write_formula(row, 4, f"=SUM(E{first + 1}:E{max(last, first + 1)})", s.total_money, money(quota_total))
        ws.write_formula(row, 5, f'=C{row + 1}-E{row + 1}', s.total_money, money(total - quota_total))
    if last > first:
        ws.conditional_format(first, 5, last, 5, {"type": "cell", "criteria": "not between", "minimum": -0.000001, "maximum": 0.000001, "format": s.bad})
    row += 2

    district_rows = (first, last - 1)
    by_category = result.totals_by("category")
    by_use = result.totals_by("use")
    categories = _keys([vocab.CATEGORY_ENTERPRISE, vocab.CATEGORY_VILLAGE], by_category)
    uses = _keys([*settings.categories, vocab.OTHER_USE], by_use)
    row = _breakdown(ws, row, "类别", COL_CATEGORY, categories, by_category, result, parts, total_ref, s)
    use_first = row + 1
    row = _breakdown(ws, row, "资金用途分类", COL_USE, uses, by_use, result, parts, total_ref, s)
    last_row = _charts(book, ws, result, (district_rows, by_district), (use_first, row - 3, uses, by_use), row)
    _page_setup(ws, landscape=False)
    ws.print_area(0, 0, last_row, 5)
    return cells


def _keys(fixed: list[str], totals: dict[str, tuple[int, Decimal]]) -> list[str]:
    """The rows of a breakdown: the fixed ones always (even at 0), then any others found."""
    return list(dict.fromkeys([*fixed, *totals]))


def _breakdown(ws, row: int, label: str, letter: str, keys: list[str], totals: dict[str, tuple[int, Decimal]],
               result: Consolidation, parts: DetailParts, total_ref: str, s: Styles) -> int:
    """A small table (key | 受助单位数 | 金额 | 占比) by SUMIFS over the detail; returns the next row."""
    for c, head in enumerate([label, "受助单位数", "金额（万元）", "占比"]):
        ws.write_string(row, c, head, s.head)
    row += 1
    first = row
    grand = result.total
    for key in keys:
        n, amount = totals.get(key, (0, Decimal(0)))
        r1 = row + 1
        _text(ws, row, 0, key, s.text)
        ws.write_formula(row, 1, f"={parts.countifs((letter, f'$A{r1}'))}", s.count, n)
        ws.write_formula(row, 2, f"={parts.sumifs(COL_AMOUNT, (letter, f'$A{r1}'))}", s.money, money(amount))
        ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{r1}/{total_ref})", s.percent, float(amount / grand) if grand else 0)
        row += 1
    ws.write_string(row, 0, "合计", s.total_text)
    ws.write_formula(row, 1, f"=SUM(B{first + 1}:B{row})", s.total_count, len(result.records))
    ws.write_formula(row, 2, f"=SUM(C{first + 1}:C{row})", s.total_money, money(grand))
    ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{row + 1}/{total_ref})", s.percent, 1.0 if grand else 0)
    return row + 2


CHART_ROWS = 17  # rows of the default height a chart below the tables takes


def _charts(book, ws, result: Consolidation, districts: tuple, uses: tuple, row: int) -> int:
    """Native charts that Excel and WPS draw, each carrying its data for viewers that don't
    recalculate; placed below the tables, inside the printed width. Returns the last row used.

    districts = ((first row, last row), totals); uses = (first row, last row, keys, totals).
    """
    if not result.records:
        return row
    (district_first, district_last), by_district = districts
    use_first, use_last, use_keys, by_use = uses
    names = result.districts
    column = book.add_chart({"type": "column"})
    column.add_series({
        "name": "金额（万元）",
        "categories": [SUMMARY, district_first, 0, district_last, 0], "values": [SUMMARY, district_first, 2, district_last, 2],
        "categories_data": names, "values_data": [as_number(by_district.get(d, (0, Decimal(0)))[1]) for d in names],
        "data_labels": {"value": True, "num_format": "#,##0.00"}, "fill": {"color": "#4472C4"},
    })
    column.set_title({"name": "各区县分配金额（万元）", "name_font": {"name": "宋体", "size": 12}})
    column.set_legend({"none": True})
    column.set_x_axis({"num_font": {"name": "宋体"}})
    column.set_y_axis({"num_format": "#,##0", "num_font": {"name": "宋体"}, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    column.set_size({"width": 660, "height": 300})
    ws.insert_chart(row, 0, column)
    pie = book.add_chart({"type": "pie"})
    pie.add_series({
        "name": "资金用途构成",
        "categories": [SUMMARY, use_first, 0, use_last, 0], "values": [SUMMARY, use_first, 2, use_last, 2],
        "categories_data": use_keys, "values_data": [as_number(by_use.get(k, (0, Decimal(0)))[1]) for k in use_keys],
        "data_labels": {"percentage": True, "category": True, "leader_lines": True, "font": {"name": "宋体", "size": 9}},
    })
    pie.set_title({"name": "资金用途构成", "name_font": {"name": "宋体", "size": 12}})
    pie.set_legend({"position": "right", "font": {"name": "宋体", "size": 9}})
    pie.set_size({"width": 660, "height": 300})
    ws.insert_chart(row + CHART_ROWS, 0, pie)
    return row + 2 * CHART_ROWS


PROGRESS_EVERY = 20_000
# Above this many records the small sheets are written row by row to temp files
# (constant_memory), keeping memory flat; below it, XlsxWriter's shared strings are smaller.
CONSTANT_MEMORY_ABOVE = 100_000


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
                xml = repeated[value] = sheet_xml.text_cell_end(value)
            return xml

        end = sheet_xml.text_cell_end
        safe, records, with_remark, total = self.safe, self.records, self.with_remark, len(self.records)
        sources = {key: once(label) for key, label in vocab.DISTRICT_SOURCES.items()}
        for offset in range(1, count):
            record = records[start + offset]
            r = offset + 2  # the Excel row
            remark = f'<c r="K{r}{text}{end(record.remark)}' if with_remark else ""
            yield (
                f"{sheet_xml.row_open(r, self.height(record))}"
                f'<c r="A{r}{text}{once(safe(record.district))}<c r="B{r}{text}{end(record.name)}'
                f'<c r="C{r}{center}{once(record.category)}<c r="D{r}{money_style}{sheet_xml.number_cell_end(record.amount_fen / FEN_PER_WAN)}'
                f'<c r="E{r}{wrap}{end(record.purpose)}<c r="F{r}{center}{once(safe(record.use))}'
                f'<c r="G{r}{center}{sources[record.district_source]}<c r="H{r}{text}{once(safe(record.file))}'
                f'<c r="I{r}{text}{once(safe(record.sheet))}<c r="J{r}{center}{end(record.cell)}{remark}</row>'
            )
            if on_rows and (start + offset + 1) % PROGRESS_EVERY == 0:
                on_rows(start + offset + 1, total)


def _write_details(wss: list, sheets: list[tuple[str, int]], records: list[Record], s: Styles) -> DetailRows:
    """Each 明细 sheet's header, columns, page setup and first record; the rest is returned."""
    columns = DETAIL_COLUMNS + ([REMARK_COLUMN] if any(r.remark for r in records) else [])
    widths = _detail_widths(records, columns)
    # Text from the sheets was made safe when it was read (layout._clean_cell); file and
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
        _page_setup(ws, landscape=True)
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


def _write_checks(ws, checks: list[Check], cells: SummaryCells, parts: DetailParts, s: Styles, spans: dict) -> None:
    heads = [("序号", 6), ("检查项目", 44), ("应为", 14), ("实际", 14), ("差额", 14), ("结果", 10), ("来源文件", 18), ("来源工作表", 12), ("来源单元格", 10)]
    for c, (head, width) in enumerate(heads):
        ws.write_string(0, c, head, s.head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    _page_setup(ws, landscape=True)
    for i, check in enumerate(checks):
        r = i + 1
        r1 = r + 1
        ws.write_number(r, 0, i + 1, s.count)
        _text(ws, r, 1, check.label, s.wrap)
        is_count = check.kind == "target"
        value_fmt = s.count if is_count else s.money

        def val(x: Decimal, is_count: bool = is_count) -> float | int:
            return int(x) if is_count else money(x)

        expected_formula, actual_formula = _check_formulas(check, cells, parts, spans)
        if expected_formula:
            ws.write_formula(r, 2, expected_formula, value_fmt, val(check.expected))
        else:
            _number(ws, r, 2, check.expected, value_fmt)
        ws.write_formula(r, 3, actual_formula, value_fmt, val(check.actual))
        ws.write_formula(r, 4, f"=D{r1}-C{r1}", value_fmt, val(check.difference))
        if check.kind == "cap":
            formula = f'=IF(D{r1}<=C{r1}+0.000001,"通过","超出")'
            shown = "通过" if check.passed else "超出"
        else:
            formula = f'=IF(ABS(E{r1})<0.000001,"一致","不一致")'
            shown = "一致" if check.passed else "不一致"
        ws.write_formula(r, 5, formula, s.center, shown)
        if check.stated is not None:
            _text(ws, r, 6, check.stated.file, s.text)
            _text(ws, r, 7, check.stated.sheet, s.text)
            ws.write_string(r, 8, check.stated.cell, s.center)
        else:
            for c in (6, 7, 8):
                ws.write_blank(r, c, None, s.text)
    if checks:
        last = len(checks)
        ws.conditional_format(1, 5, last, 5, {"type": "text", "criteria": "containing", "value": "不一致", "format": s.bad})
        ws.conditional_format(1, 5, last, 5, {"type": "text", "criteria": "containing", "value": "超出", "format": s.bad})
        ws.conditional_format(1, 5, last, 5, {"type": "text", "criteria": "begins with", "value": "一致", "format": s.good})
        ws.conditional_format(1, 5, last, 5, {"type": "text", "criteria": "begins with", "value": "通过", "format": s.good})


def _check_formulas(check: Check, cells: SummaryCells, parts: DetailParts, spans: dict) -> tuple[str, str]:
    """(expected, actual) formulas of one check; expected "" means a number from the source."""
    if check.kind == "cap":
        return f"={cells.cap}", f"={cells.total}"
    if check.kind == "plan":
        return f"={cells.plan}", f"={cells.total}"
    if check.kind == "quota":
        return f"={cells.district_quota[check.district]}", f"={cells.district_amount[check.district]}"
    if check.kind == "target":
        return f"={cells.target}", f"={cells.recipients}"
    stated = check.stated
    assert stated is not None
    span = spans.get((stated.file, stated.sheet, stated.row))
    return "", "=0" if span is None else f"={parts.sum_span(COL_AMOUNT, *span)}"


def stated_spans(records: list[Record], stated: list) -> dict[tuple[str, str, int], tuple[int, int]]:
    """Each stated total -> the detail positions of the lines it covers.

    Records keep the order they were read in, so the lines under one 合计 or 小计 are one
    contiguous block of the detail list, and its check is a plain SUM over that block.
    """
    by_sheet: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for position, record in enumerate(records):
        by_sheet.setdefault((record.file, record.sheet), []).append((record.row, position))
    spans = {}
    for total in stated:
        covered = [p for row, p in by_sheet.get((total.file, total.sheet), []) if total.first_row <= row <= total.last_row]
        if covered:
            spans[(total.file, total.sheet, total.row)] = (covered[0], covered[-1])
    return spans


def _write_problems(ws, result: Consolidation, s: Styles) -> None:
    heads = [("序号", 6), ("级别", 8), ("代码", 22), ("文件", 18), ("工作表", 12), ("单元格", 10), ("说明", 70)]
    for c, (head, width) in enumerate(heads):
        ws.write_string(0, c, head, s.head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(result.findings), 1), len(heads) - 1)
    _page_setup(ws, landscape=True)
    for i, item in enumerate(result.findings):
        r = i + 1
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_string(r, 1, item.severity, s.severity[item.severity])
        ws.write_string(r, 2, item.code, s.text)
        _text(ws, r, 3, item.file, s.text)
        _text(ws, r, 4, item.sheet, s.text)
        _text(ws, r, 5, item.cell, s.center)
        _text(ws, r, 6, item.message, s.wrap)
    if not result.findings:
        ws.write_string(1, 0, "未发现问题。", s.text)


# Recipients listed per district in the 报告 sheet: about five printed pages each. A province's
# list is not read line by line; 明细 holds every line and the .docx report lists them all.
REPORT_SHEET_ITEMS = 200


def _write_report(book, ws, result: Consolidation) -> None:
    """The report section (see narrative.py) as text to copy into the annual report."""
    from xlfund.narrative import report_paragraphs

    base = {"font_name": "仿宋", "font_size": 12, "text_wrap": True, "valign": "top"}
    formats = {
        "title": book.add_format({**base, "font_name": "黑体", "font_size": 16, "align": "center"}),
        "heading": book.add_format({**base, "font_name": "黑体"}),
        "body": book.add_format(base), "item": book.add_format(base), "total": book.add_format({**base, "bold": True}),
    }
    ws.set_column("A:A", 110)
    for r, paragraph in enumerate(report_paragraphs(result, max_items=REPORT_SHEET_ITEMS)):
        # About 44 characters of 仿宋 12pt fit a line of this width (checked on the rendered page).
        lines = max(1, -(-len(paragraph.text) // 44))
        ws.set_row(r, 28 if paragraph.style == "title" else 17 * lines)
        _text(ws, r, 0, paragraph.text, formats[paragraph.style])
    _page_setup(ws, landscape=False, repeat=False)


def _write_about(ws, result: Consolidation, s: Styles) -> None:
    settings = result.settings
    ws.set_column("A:A", 22)
    ws.set_column("B:B", 16)
    ws.set_column("C:C", 66)
    ws.set_column("D:K", 10)
    ws.write_string(0, 0, "说明", s.title)
    rows = [
        ("资金名称", settings.fund_name), ("年度", str(settings.year or "")),
        ("资金上限（万元）", "" if settings.cap is None else str(settings.cap)),
        ("批复计划（万元）", "" if settings.plan is None else str(settings.plan)),
        ("绩效目标单位数", "" if settings.target_recipients is None else str(settings.target_recipients)),
        ("设置文件", settings.source or "（未使用设置文件）"),
        ("数据文件夹", str(result.folder)),
        ("生成时间", f"{result.made_at:%Y-%m-%d %H:%M:%S}"),
        ("生成工具", f"xlfund {__version__}"),
    ]
    for i, (label, value) in enumerate(rows):
        ws.write_string(i + 2, 0, label, s.text)
        ws.merge_range(i + 2, 1, i + 2, 2, "", s.text)
        _text(ws, i + 2, 1, value, s.text)
    row = len(rows) + 3
    heads = ["文件", "状态", "SHA-256", "读取行数", "记录", "表头", "合计行", "注释行", "未计入", "空行", "行数平衡"]
    for c, head in enumerate(heads):
        ws.write_string(row, c, head, s.head)
    row += 1
    for report in result.files:
        targets = [(report.name, None)] + [(f"{report.name} · {sheet.name}", sheet) for sheet in report.sheets]
        for label, sheet in targets:
            counts = sheet.counts if sheet else report.counts
            _text(ws, row, 0, label, s.text)
            _text(ws, row, 1, (sheet.note or "工作表") if sheet else report.status, s.center)
            _text(ws, row, 2, report.sha256 if sheet is None else "", s.text)
            values = [counts.read, counts.records, counts.header, counts.totals, counts.notes, counts.rejected, counts.blank]
            for c, value in enumerate(values):
                ws.write_number(row, 3 + c, value, s.count)
            r1 = row + 1
            ws.write_formula(row, 10, f'=IF(D{r1}=SUM(E{r1}:J{r1}),"平衡","不平衡")', s.center, "平衡" if counts.balanced() else "不平衡")
            row += 1
    row += 1
    ws.write_string(row, 0, "行数平衡：读取行数 = 记录 + 表头 + 合计行 + 注释行 + 未计入 + 空行。未计入的行见“问题”表。", s.subtitle)
    _page_setup(ws, landscape=True)


def default_output_name(result: Consolidation) -> str:
    return f"{result.settings.title}汇总.xlsx"

