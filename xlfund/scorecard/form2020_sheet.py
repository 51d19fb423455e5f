"""Write the filled 2020 自评表: the template copied cell by cell, the funds block and the
indicators the data answers as formulas over 汇总 (values stored), and every cell the clerk
fills as a yellow input (年度指标值, judged 实际完成值 and 得分, 偏差原因, 主管部门, 预期目标…),
with 总分 and the grade as formulas.

The sheet keeps the template's rows and columns exactly (the form is the clerks'); only one
explanatory line is added below it. The input cells are recorded (inputs.py) so that what
the clerk types is carried over the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name

from xlfund.amounts import as_number, format_wan
from xlfund.scorecard import inputs, rules, targets
from xlfund.scorecard.form2020 import MANUAL
from xlfund.scorecard.frame import (
    INPUT_FILL,
    Formats,
    Frame,
    cell_name,
    copy_page_setup,
    format_props,
    write_template_value,
)
from xlfund.scorecard.scoring import Card, Score, ScoreSource
from xlfund.scorecard.sheet import runs
from xlfund.write.book import write_text

Writer = Callable[[dict], None]  # given the template cell's format properties, writes the cell
DASH = "—"


def _actual_cell(score: Score) -> tuple[float, str, str]:
    """The actual as the cell stores it, its number format, and the factor from the consolidation's scale.

    Percentages stay fractions (the "0.00%" format multiplies by 100 itself); other units are
    converted to the target's scale ("元": × 10000), and the unit is shown by the format.
    """
    target, actual = score.target, score.actual
    assert actual is not None
    unit = target.unit if target is not None and target.quantitative else ""
    if unit == "%":
        return float(actual), "0.00%", "1"
    factor = targets.in_target_unit(Decimal(1), unit)
    value = targets.in_target_unit(actual, unit)
    money = unit == "‰" or unit.partition("/")[0] in ("元", "万元", "亿元")
    digits = "0.00" if money or value != value.to_integral_value() else "0"
    quoted = f'"{unit}"' if unit else ""
    return float(value), digits + quoted, format_wan(factor)


def _source_formula(source: str | None, cells) -> str | None:
    """The figure over 汇总's cells, in the consolidation's scale; None when 汇总 has no such cell."""
    if cells is None:
        return None
    if source == targets.RECIPIENT_COUNT:
        return cells.recipients
    if source == targets.AMOUNT_ALLOCATED:
        return cells.total
    if source == targets.AVERAGE_AMOUNT:
        return f"{cells.total}/{cells.recipients}"
    if source == targets.BUDGET_EXECUTION:
        return f"{cells.total}/{cells.plan}"
    return None  # the district share has no 汇总 cell: written as a number


def _score_formula(score: Score, actual_ref: str, points_ref: str) -> str:
    """得分 over the actual cell (rules.target_score_formula), in the cell's scale: % as fractions."""
    target = score.target
    number = target.number / 100 if target.unit == "%" else target.number
    return "=" + rules.target_score_formula(points_ref, actual_ref, number, target.operator.negative)


def _input(ws, formats: Formats, r: int, c: int, value, maximum: Decimal | None = None, name: str = "",
           num_format: str | None = None) -> Writer:
    """A yellow cell the clerk fills: text as text (never a formula), numbers as numbers."""
    def write(props: dict) -> None:
        shape = {"num_format": "0.##"} if maximum is not None else {"num_format": num_format} if num_format else {}
        fmt = formats.get({**props, "bg_color": INPUT_FILL, **shape})
        if value is None or value == "":
            ws.write_blank(r - 1, c - 1, None, fmt)
        elif isinstance(value, str):
            write_text(ws, r - 1, c - 1, value, fmt)
        else:
            ws.write_number(r - 1, c - 1, float(value), fmt)
        if maximum is not None:
            ws.data_validation(r - 1, c - 1, r - 1, c - 1, {
                "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": as_number(maximum),
                "input_title": "自评分", "input_message": f"0 到 {format_wan(maximum)} 分",
                "error_title": "自评分超出范围", "error_message": f"“{name}”的自评分应在 0 到 {format_wan(maximum)} 之间",
            })
    return write


def _put(ws, formats: Formats, r: int, c: int, content, stored=None, num_format: str | None = None) -> Writer:
    """A formula (content starting with "=") with its stored value, a number or a text."""
    def write(props: dict) -> None:
        fmt = formats.get({**props, **({"num_format": num_format} if num_format else {})})
        if isinstance(content, str) and content.startswith("="):
            ws.write_formula(r - 1, c - 1, content, fmt, stored)
        elif isinstance(content, str):
            ws.write_string(r - 1, c - 1, content, fmt)
        else:
            ws.write_number(r - 1, c - 1, float(content), fmt)
    return write


def _funds_cells(ws, formats: Formats, card: Card, cells) -> dict[tuple[int, int], Writer]:
    block, funds = card.template.funds, card.funds
    if block is None or funds is None:
        return {}
    r = block.row
    budget, spent, rate, points = (cell_name(r, c) for c in (block.budget_col, block.spent_col, block.rate_col, block.points_col))
    rate_value = rules.execution_rate(funds.spent, funds.budget)
    out = {
        (r, block.spent_col): _put(ws, formats, r, block.spent_col, f"={cells.total}" if cells else funds.spent, float(funds.spent)),
        (r, block.points_col): _put(ws, formats, r, block.points_col, funds.points, num_format="0.##"),
        (r, block.rate_col): _put(ws, formats, r, block.rate_col, "=" + rules.execution_rate_formula(spent, budget),
                                  "" if rate_value is None else float(rate_value), "0.00%"),
        (r, block.score_col): _put(ws, formats, r, block.score_col, "=" + rules.execution_score_formula(points, rate),
                                   "" if funds.value is None else float(funds.value), "0.##"),
    }
    plan = "" if funds.budget is None else float(funds.budget)
    if cells:
        out[(r, block.budget_col)] = _put(ws, formats, r, block.budget_col, f'=IF({cells.plan}="","",{cells.plan})', plan)
    elif funds.budget is not None:
        out[(r, block.budget_col)] = _put(ws, formats, r, block.budget_col, funds.budget)
    else:
        out[(r, block.budget_col)] = _input(ws, formats, r, block.budget_col, None)
    return out


def _actual_writer(ws, formats: Formats, score: Score, r: int, c: int, cells, typed: inputs.Inputs) -> Writer:
    """实际完成值: a formula over 汇总 when the data answers it, else the clerk's yellow cell."""
    entry = score.entry
    if score.actual is not None and score.data != MANUAL:
        value, num_format, factor = _actual_cell(score)
        over = _source_formula(score.data, cells)
        content = value if over is None else (f"={over}" if factor == "1" else f"=({over})*{factor}")
        return _put(ws, formats, r, c, content, value, num_format)
    if score.actual is not None:  # a number the clerk gave, scored against the target
        value, num_format, _factor = _actual_cell(score)
        typed.add(inputs.actual_key(score.indicator.key), cell_name(r, c), value)
        return _input(ws, formats, r, c, value, num_format=num_format)
    given = None if entry is None else entry.actual
    typed.add(inputs.actual_key(score.indicator.key), cell_name(r, c), given)
    return _input(ws, formats, r, c, given)


def _indicator_cells(ws, formats: Formats, card: Card, cells, typed: inputs.Inputs) -> dict[tuple[int, int], Writer]:
    # why long: every column of an indicator row, each with its own rule, side by side.
    template = card.template
    out: dict[tuple[int, int], Writer] = {}
    for score in card.scores:
        r, key, entry = score.indicator.row, score.indicator.key, score.entry
        if template.reason_col:
            reason = entry.reason if entry is not None and entry.reason is not None else template.sheet.cell(r, template.reason_col).value
            typed.add(inputs.reason_key(key), cell_name(r, template.reason_col), reason)
            out[(r, template.reason_col)] = _input(ws, formats, r, template.reason_col, reason)
        if score.source is ScoreSource.NOT_APPLICABLE:
            for c, text in ((template.points_col, DASH), (template.actual_col, "不适用"), (template.score_col, DASH)):
                out[(r, c)] = _put(ws, formats, r, c, text)
            continue
        target = None if entry is None else entry.target
        typed.add(inputs.target_key(key), cell_name(r, template.target_col), target)
        out[(r, template.target_col)] = _input(ws, formats, r, template.target_col, target)
        out[(r, template.points_col)] = _put(ws, formats, r, template.points_col, score.shown_points, num_format="0.##")
        out[(r, template.actual_col)] = _actual_writer(ws, formats, score, r, template.actual_col, cells, typed)
        if score.source is ScoreSource.DATA:
            formula = _score_formula(score, cell_name(r, template.actual_col), cell_name(r, template.points_col))
            out[(r, template.score_col)] = _put(ws, formats, r, template.score_col, formula, float(score.value), "0.##")
        else:
            out[(r, template.score_col)] = _input(ws, formats, r, template.score_col, score.value, score.shown_points, score.indicator.name)
    return out


def _field_cells(ws, formats: Formats, card: Card, typed: inputs.Inputs) -> dict[tuple[int, int], Writer]:
    """主管部门, 实施单位, 预期目标, 实际完成情况 as yellow inputs; 填报单位 after its label."""
    out: dict[tuple[int, int], Writer] = {}
    for field in card.template.fields:
        value = card.texts.get(field.key)
        if field.prefix:
            shown = field.prefix if not value else value if value.startswith(field.prefix) else field.prefix + value
            typed.add(inputs.text_key(field.key), cell_name(field.row, field.col), shown)
            out[(field.row, field.col)] = _put(ws, formats, field.row, field.col, shown)
        else:
            typed.add(inputs.text_key(field.key), cell_name(field.row, field.col), value)
            out[(field.row, field.col)] = _input(ws, formats, field.row, field.col, value)
    return out


def _total_cells(ws, formats: Formats, card: Card) -> dict[tuple[int, int], Writer]:
    template = card.template
    r = template.total_row
    if r is None:
        return {}
    rows = [s.indicator.row for s in card.scores]
    first, last = min(rows), max(rows)
    block = template.funds if card.funds is not None else None
    points_col, score_col = xl_col_to_name(template.points_col - 1), xl_col_to_name(template.score_col - 1)
    funds_points = f"N({cell_name(block.row, block.points_col)})+" if block else ""
    funds_score = f"N({cell_name(block.row, block.score_col)})+" if block else ""
    points_total = sum((s.shown_points for s in card.scores), card.funds.points if card.funds else Decimal(0))
    out = {
        (r, template.points_col): _put(ws, formats, r, template.points_col, f"={funds_points}SUM({points_col}{first}:{points_col}{last})", float(points_total), "0.##"),
        (r, template.score_col): _put(ws, formats, r, template.score_col, f"={funds_score}SUM({score_col}{first}:{score_col}{last})", float(card.total), "0.##"),
    }
    grade_col = template.reason_col
    if grade_col and template.sheet.cell(r, grade_col).value in (None, "") and (r, grade_col) not in template.origins:
        ranges = runs(score_col, rows) + ([cell_name(block.row, block.score_col)] if block else [])
        grade = "=" + rules.grade_formula(f"{score_col}{r}", ranges, prefix="等级：")
        out[(r, grade_col)] = _put(ws, formats, r, grade_col, grade, rules.grade_text(card.total, card.unscored, "等级："))
    return out


def planned_inputs(card: Card) -> inputs.Inputs:
    """The input cells and what write_form2020_sheet writes in them, without writing."""
    typed = inputs.Inputs()
    _field_cells(None, None, card, typed)
    _indicator_cells(None, None, card, None, typed)
    return typed


def write_form2020_sheet(book, ws, card: Card, cells) -> inputs.Inputs:
    """Copy the 2020 form onto `ws` row by row, with the scores, totals and grade filled in;
    returns the input cells written.

    `cells` (write.formulas.OverviewCells) links the figures to 汇总; without it (the form
    sent on its own) they are numbers, and the scores are still formulas over them.
    """
    template, settings = card.template, card.settings
    assert template is not None and settings is not None
    src, formats, typed = template.sheet, Formats(book), inputs.Inputs()
    special = {**_funds_cells(ws, formats, card, cells), **_field_cells(ws, formats, card, typed),
               **_indicator_cells(ws, formats, card, cells, typed), **_total_cells(ws, formats, card)}
    frame = Frame(ws, src)
    max_col = max(src.max_column, template.score_col)
    for r in range(1, src.max_row + 1):
        frame.start_row(r)
        for c in range(1, max_col + 1):
            cell = src.cell(r, c)
            props = format_props(cell)
            frame.merge(r, c, formats.get(props))
            if (r, c) in special:
                special[(r, c)](props)
                continue
            value = cell.value if template.origins.get((r, c), (r, c)) == (r, c) else None
            write_template_value(ws, r, c, value, formats.get(props), settings)
    note_row = src.max_row + 1
    computed = "、".join(s.indicator.name for s in card.scores if s.source is ScoreSource.DATA and s.data != MANUAL)
    note = ("说明：黄色单元格由填报单位填写（年度指标值、评审判断的实际完成值和得分、偏差原因等），再次运行时沿用，总分与等级自动重算；"
            + ("全年执行数、执行率" if card.funds is not None else "") + ("、" if card.funds is not None and computed else "")
            + computed + " 由汇总数据按公式计算。")
    # Merged across the form and wrapped, so that it prints within the page, not past its edge.
    first_col, last_col = template.level_cols[0] - 1, max_col - 1
    note_format = formats.get({"font_name": "宋体", "font_size": 9, "font_color": "#595959", "text_wrap": True, "valign": "top"})
    ws.merge_range(note_row - 1, first_col, note_row - 1, last_col, note, note_format)
    ws.set_row(note_row - 1, 26)
    copy_page_setup(src, ws, note_row)
    return typed
