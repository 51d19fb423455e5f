"""The 对账 sheet: each check as formulas (expected, actual, difference, result)."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell

from xlfund.model import Check, CheckKind
from xlfund.rules import RULES
from xlfund.write.book import Styles, money, page_setup, write_number, write_text
from xlfund.write.formulas import COL_AMOUNT, COL_CATEGORY, COL_DISTRICT, COL_FILE, DetailParts, OverviewCells, text_criterion
from xlfund.write.wrap import wrapped_height

HEADS = [("序号", 6), ("检查项目", 44), ("应为", 14), ("实际", 14), ("差额", 14), ("结果", 10), ("来源文件", 18), ("来源工作表", 12), ("来源单元格", 10)]


def write_checks(ws, checks: list[Check], cells: OverviewCells, parts: DetailParts, s: Styles) -> None:
    for c, (head, width) in enumerate(HEADS):
        ws.write_string(0, c, head, s.head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    page_setup(ws, landscape=True)
    for i, check in enumerate(checks):
        r = i + 1
        ws.write_number(r, 0, i + 1, s.count)
        write_text(ws, r, 1, check.label, s.wrap)
        value_fmt = s.count_figure if check.is_count else s.money

        def val(x: Decimal, is_count: bool = check.is_count) -> float | int:
            return int(x) if is_count else money(x)

        expected_formula, actual_formula = _check_formulas(check, cells, parts)
        if expected_formula:
            ws.write_formula(r, 2, expected_formula, value_fmt, val(check.expected))
        else:
            write_number(ws, r, 2, check.expected, value_fmt)
        expected, actual, difference = (xl_rowcol_to_cell(r, c) for c in (2, 3, 4))
        ws.write_formula(r, 3, actual_formula, value_fmt, val(check.actual))
        ws.write_formula(r, 4, f"={actual}-{expected}", value_fmt, val(check.difference))
        ws.write_formula(r, 5, check.rule.result_formula(difference, actual, expected), s.center, check.rule.word(check.passed))
        wrapped = [(check.label, HEADS[1][1])]
        if check.stated is not None:
            write_text(ws, r, 6, check.stated.file, s.wrap)
            write_text(ws, r, 7, check.stated.sheet, s.wrap)
            ws.write_string(r, 8, check.stated.cell, s.center)
            wrapped += [(check.stated.file, HEADS[6][1]), (check.stated.sheet, HEADS[7][1])]
        else:
            for c in (6, 7, 8):
                ws.write_blank(r, c, None, s.text)
        height = wrapped_height(wrapped)
        if height:
            ws.set_row(r, height)
    if checks:
        # Each outcome's word in its colour, whichever rule wrote it (cell equal to the word:
        # "达到" must not colour "未达到").
        for rule in RULES:
            for word, fmt in ((rule.passed_word, s.good), (rule.failed_word, s.bad)):
                ws.conditional_format(1, 5, len(checks), 5, {"type": "cell", "criteria": "==", "value": f'"{word}"', "format": fmt})


def _check_formulas(check: Check, cells: OverviewCells, parts: DetailParts) -> tuple[str, str]:
    """(expected, actual) formulas of one check; expected "" means a number from the source."""
    if check.kind is CheckKind.CAP:
        return f"={cells.cap}", f"={cells.total}"
    if check.kind is CheckKind.PLAN:
        return f"={cells.plan}", f"={cells.total}"
    if check.kind is CheckKind.QUOTA:
        return f"={cells.district_quota[check.district]}", f"={cells.district_amount[check.district]}"
    if check.kind is CheckKind.TARGET:
        return f"={cells.target}", f"={cells.recipients}"
    # A stated total: its figure comes from the district's sheet; the actual sums the lines it
    # covers, only one district's or one kind's where it says so (breakdowns, summary sheets).
    stated = check.stated
    assert stated is not None
    criteria = []
    if stated.district:
        criteria.append((COL_DISTRICT, text_criterion(stated.district)))
    if stated.category:
        criteria.append((COL_CATEGORY, text_criterion(stated.category)))
    if stated.scope == "file":
        criteria.append((COL_FILE, text_criterion(stated.file)))
    if stated.scope != "rows":
        return "", f"={parts.sumifs(COL_AMOUNT, *criteria)}" if criteria else f"={parts.sum(COL_AMOUNT)}"
    if check.span is None:
        return "", "=0"
    if criteria:
        return "", f"={parts.sumifs_span(COL_AMOUNT, *check.span, *criteria)}"
    return "", f"={parts.sum_span(COL_AMOUNT, *check.span)}"
