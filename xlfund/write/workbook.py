"""Write the consolidated workbook: 汇总, 明细, 对账, 报送情况, 变更, 问题, 评分表, 报告 and 说明.

Every computed figure is a live formula that also stores its value (computed here in
Decimal), so Excel and WPS recalculate while viewers that never do still show numbers.
Input text is always written with write_string(): a name like "=HYPERLINK(...)" stays text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xlfund.model import Consolidation
from xlfund.output import Saved, save_atomically
from xlfund.round.survey import Round
from xlfund.write.about import write_about
from xlfund.write.book import ABOUT, CHECKS, OVERVIEW, PROBLEMS, REPORT, SCORECARD, Styles, new_workbook
from xlfund.write.checks import write_checks
from xlfund.write.detail import DetailRows, detail_sheet_names, write_details
from xlfund.write.formulas import DetailParts
from xlfund.write.overview import write_overview
from xlfund.write.problems import write_problems
from xlfund.write.report_sheet import write_report_sheet
from xlfund.write.round_sheets import add_round_sheets
from xlfund.write.xlsx_splice import append_rows


def write_workbook(result: Consolidation, path: Path, scorecard_writer: Callable | None = None,
                   on_rows: Callable[[int, int], None] | None = None, the_round: Round | None = None) -> Saved:
    """Write the workbook to a temporary file beside `path`, then move it into place.

    on_rows(written, total) is called as the detail list is written, for a progress display;
    the_round adds 报送情况, 变更 and the run record (xlfund.write.round_sheets).
    """
    return save_atomically(path, lambda temp: _write(result, temp, scorecard_writer, on_rows, the_round))


def _write(result: Consolidation, temp: Path, scorecard_writer: Callable | None, on_rows: Callable | None = None,
           the_round: Round | None = None) -> None:
    # XlsxWriter writes the workbook with each detail sheet's header and first row; the
    # remaining detail rows are then streamed into a copy of it (see detail_xml for why).
    base = temp.with_name(f"{temp.stem}-base{temp.suffix}")
    try:
        details = _write_base(result, base, scorecard_writer, the_round)
        append_rows(base, temp, details.appended(on_rows))
        if on_rows:
            on_rows(len(result.records), len(result.records))
    finally:
        base.unlink(missing_ok=True)


def _write_base(result: Consolidation, path: Path, scorecard_writer: Callable | None, the_round: Round | None = None) -> DetailRows:
    book = new_workbook(path, f"{result.settings.title}汇总")
    try:
        styles = Styles(book)
        overview_ws = book.add_worksheet(OVERVIEW)
        detail_sheets = detail_sheet_names(len(result.records), result.settings.detail_max_rows)
        detail_wss = [book.add_worksheet(name) for name, _ in detail_sheets]
        parts = DetailParts(detail_sheets)
        checks_ws = book.add_worksheet(CHECKS)
        round_sheets = add_round_sheets(book, the_round)  # 报送情况 and 变更, before 问题
        problems_ws = book.add_worksheet(PROBLEMS)
        scorecard_ws = book.add_worksheet(SCORECARD) if scorecard_writer else None
        report_ws = book.add_worksheet(REPORT)
        about_ws = book.add_worksheet(ABOUT)

        cells = write_overview(book, overview_ws, result, parts, styles)
        details = write_details(detail_wss, detail_sheets, result.records, styles)
        write_checks(checks_ws, result.checks, cells, parts, styles)
        write_problems(problems_ws, result, styles)
        if scorecard_ws is not None and scorecard_writer is not None:
            scorecard_writer(book, scorecard_ws, cells)
        write_report_sheet(book, report_ws, result)
        write_about(about_ws, result, styles)
        if round_sheets is not None:
            round_sheets.write(styles, parts)
        overview_ws.activate()
    finally:
        book.close()
    return details


def default_output_name(result: Consolidation) -> str:
    return f"{result.settings.title}汇总.xlsx"
