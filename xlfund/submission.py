"""One submitted file read into records, stated totals and findings: each sheet understood
(sheet/), every row accounted for (check.balance), and which sheets count decided (hidden,
blank, summary sheets, working copies, another fund's or year's, blank forms)."""

from __future__ import annotations

from pathlib import Path

from xlfund.check.balance import account_for_rows
from xlfund.check.sheets import SheetFacts, not_an_allocation, sheets_left_out, tables_of_other_years
from xlfund.findings import Finding, Place, finding
from xlfund.model import FileRead, FileStatus, Record, RowCounts, RowKind, SheetRead, SheetResult, StatedTotal, count_kinds
from xlfund.read.content import ReadError
from xlfund.read.discover import FORMS_FOLDER
from xlfund.read.files import read_file
from xlfund.settings.schema import Settings
from xlfund.sheet.reader import SheetContext, read_sheet
from xlfund.sheet.summary import make_summary, summary_lines


def read_submission(path: Path, display: str, settings: Settings, report: FileRead) -> tuple[list[Record], list[StatedTotal], list[Finding]]:
    """Read one file (`display`: its name as the clerk sees it in the folder); `report` is filled in."""
    try:
        content = read_file(path)
    except ReadError as exc:
        found = finding(exc.code, Place(display), **exc.details)
        report.status = FileStatus.SKIPPED if exc.code == "file-skipped" else FileStatus.UNREADABLE
        report.note = found.message
        return [], [], [found]
    findings: list[Finding] = []
    actual = content.renamed(path.suffix)
    if actual:
        findings.append(finding("file-renamed-format", Place(display), ext=path.suffix, actual=actual))
    ctx = SheetContext(
        file=display, file_stem=Path(display).stem, known_districts=settings.known_districts(),
        default_unit=settings.default_unit, purpose_groups=tuple(settings.purpose_groups.items()),
        folders=Path(display).parent.parts, forced_amount=settings.amount_column,
    )
    sheets: list[SheetFacts] = []
    for grid in content.sheets:
        if grid.refused is not None:  # a limit, an encoding, a duplicate name: an error at the sheet
            findings.append(finding(grid.refused.code, Place(display, grid.name), **grid.refused.details))
            report.sheets.append(SheetRead(grid.name, RowCounts(), "未读取"))
            continue
        findings += [finding(code, Place(display, grid.name, r + 1, c), **details) for code, r, c, details in grid.notes]
        if not grid.special and not any(any(v not in (None, "") for v in row) for row in grid.rows):
            findings.append(finding("sheet-skipped", Place(display, grid.name), reason="隐藏的空白工作表" if grid.hidden else "空白工作表"))
            report.sheets.append(SheetRead(grid.name, RowCounts(read=len(grid.rows), blank=len(grid.rows)), "空白，已跳过"))
            continue
        result = read_sheet(grid.rows, grid.merged, grid.name, ctx, grid.special, grid.marks)
        findings += account_for_rows(grid.rows, result, display)
        sheets.append(SheetFacts(result, result.layout.title if result.layout else "", grid.hidden))
    results = [s.result for s in sheets]
    if path.suffix.lower() in (".txt", ".tsv") and not any(r.layout is not None and r.layout.columns for r in results):
        # A note or a readme beside the submissions, not a table: skipped, as other non-sheet files are.
        report.status, report.note = FileStatus.SKIPPED, "文本文件中没有表格"
        return [], [], [finding("file-skipped", Place(display), reason="文本文件中没有表格")]
    _summaries_as_checks(results, ctx.known_districts)
    if _is_blank_form(results):
        # By the real folder too: `check 2025电商资金/` names it "2025电商资金/填报模板/…", and a
        # form checked alone has no folder in its name; a blank form there is one note everywhere.
        in_forms_folder = FORMS_FOLDER in Path(display).parent.parts or path.parent.name == FORMS_FOLDER
        report.status, report.note = FileStatus.SKIPPED, "空白填报表（只有表头，没有填写任何单位）"
        code = "file-skipped" if in_forms_folder else "form-empty"
        return [], [], [finding(code, Place(display), reason="xlfund init 生成的空白填报模板")] if in_forms_folder else [finding(code, Place(display))]
    evidence = not_an_allocation(results)
    if evidence:
        for result in results:
            _leave_out(result)
            report.sheets.append(SheetRead(result.sheet, result.counts, "未计入", result.layout))
        return [], [], findings + [finding("file-not-allocation", Place(display), evidence=evidence)]
    left = sheets_left_out(sheets, display, settings.fund_name, settings.year, settings.skip_sheets)
    notes_of = {item.index: item.finding for item in left}
    records: list[Record] = []
    stated: list[StatedTotal] = []
    for index, facts in enumerate(sheets):
        result = facts.result
        findings += result.findings
        if index in notes_of:
            findings.append(notes_of[index])
            _leave_out(result)
            report.sheets.append(SheetRead(result.sheet, result.counts, "未计入", result.layout))
            continue
        if facts.hidden and not result.records:
            findings.append(finding("sheet-skipped", Place(display, result.sheet), reason="隐藏的工作表，其中没有单位"))
        findings += tables_of_other_years(result, display, settings.year)
        records += result.records
        stated += result.totals
        note = "汇总表，用于核对" if result.layout is not None and result.layout.summary else ("隐藏" if facts.hidden else "")
        report.sheets.append(SheetRead(result.sheet, result.counts, note, result.layout))
    return records, stated, findings


def _leave_out(result: SheetResult) -> None:
    """A sheet that does not count: its lines become rows not counted, its stated numbers go."""
    if result.layout is not None:
        result.layout.kinds = result.layout.kinds.replace(RowKind.RECORD, RowKind.REJECTED)
        result.counts = count_kinds(result.layout.kinds)
    result.records, result.totals = [], []


def _is_blank_form(results: list[SheetResult]) -> bool:
    """A form returned (or left) blank: a table header, no line filled in, no number stated but 0.
    Decided by content, wherever the file sits (a filled form in 填报模板/ is read)."""
    with_header = [r for r in results if r.layout is not None and r.layout.columns]
    return bool(with_header) and not any(r.records for r in results) and all(
        not t.amount for r in results for t in r.totals) and not any(r.counts.rejected for r in results)


def _summaries_as_checks(results: list[SheetResult], known: tuple[str, ...]) -> None:
    """Sheets whose every line is a district or a kind of recipient sum up the others: their
    lines become checks on the detail, never recipients."""
    summaries = {id(r): lines for r in results if (lines := summary_lines(r, known)) is not None}
    for result in results:
        lines = summaries.get(id(result))
        if lines is not None:
            detail = any(other.records for other in results if id(other) not in summaries)
            make_summary(result, lines, detail)
