"""Write the filled 2020 自评表: the template copied cell by cell, the funds block and the
indicators the data answers as formulas over 汇总 (values stored), judgment scores and
偏差原因 as yellow input cells, and 总分 and the grade as formulas.

The sheet keeps the template's rows and columns exactly (the form is the clerks'); only one
explanatory line is added below it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlfund.amounts import as_number, format_wan
from xlfund.scorecard import targets
from xlfund.scorecard.scoring import Card, Score, ScoreSource
from xlfund.scorecard.sheet import (
    INPUT_FILL,
    _copy_page_setup,
    _format_props,
    _Formats,
    _runs,
    copy_frame,
    copy_row_height,
    grade_formula,
    write_template_value,
)

Writer = Callable[[dict], None]  # given the template cell's format properties, writes the cell
DASH = "—"


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


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
    """得分 by the 2020 rules over the actual cell, as targets.score_indicator computes it."""
    target = score.target
    number = target.number / 100 if target.unit == "%" else target.number
    t = format_wan(number) if number >= 0 else f"({format_wan(number)})"
    a, p = actual_ref, points_ref
    if target.operator.negative:
        return f"=ROUND({p}*IF({a}<={t},1,IF({a}>0,MAX(0,MIN(1,{t}/{a})),0)),2)"
    if number <= 0:
        return f"=ROUND({p}*IF({a}>={t},1,0),2)"
    return f"=ROUND({p}*IF({a}>={t},1,MAX(0,MIN(1,{a}/{t}))),2)"


def _input(ws, formats: _Formats, r: int, c: int, value, maximum: Decimal | None = None, name: str = "") -> Writer:
    def write(props: dict) -> None:
        fmt = formats.get({**props, "bg_color": INPUT_FILL, **({"num_format": "0.##"} if maximum is not None else {})})
        if value is None or value == "":
            ws.write_blank(r - 1, c - 1, None, fmt)
        elif isinstance(value, str):
            ws.write_string(r - 1, c - 1, value, fmt)
        else:
            ws.write_number(r - 1, c - 1, float(value), fmt)
        if maximum is not None:
            ws.data_validation(r - 1, c - 1, r - 1, c - 1, {
                "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": as_number(maximum),
                "input_title": "自评分", "input_message": f"0 到 {format_wan(maximum)} 分",
                "error_title": "自评分超出范围", "error_message": f"“{name}”的自评分应在 0 到 {format_wan(maximum)} 之间",
            })
    return write


def _put(ws, formats: _Formats, r: int, c: int, content, stored=None, num_format: str | None = None) -> Writer:
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


def _funds_cells(ws, formats: _Formats, card: Card, cells) -> dict[tuple[int, int], Writer]:
    block, funds = card.template.funds, card.funds
    if block is None or funds is None:
        return {}
    r = block.row
    budget, spent, rate = (f"{_letter(c)}{r}" for c in (block.budget_col, block.spent_col, block.rate_col))
    points = f"{_letter(block.points_col)}{r}"
    plan = "" if funds.budget is None else float(funds.budget)
    rate_value = "" if not funds.budget else float(funds.spent / funds.budget)
    score_value = "" if funds.value is None else float(funds.value)
    out = {
        (r, block.spent_col): _put(ws, formats, r, block.spent_col, f"={cells.total}" if cells else funds.spent, float(funds.spent)),
        (r, block.points_col): _put(ws, formats, r, block.points_col, funds.points, num_format="0.##"),
        (r, block.rate_col): _put(ws, formats, r, block.rate_col, f'=IF(N({budget})=0,"",{spent}/{budget})', rate_value, "0.00%"),
        (r, block.score_col): _put(ws, formats, r, block.score_col, f'=IF({rate}="","",ROUND({points}*MIN({rate},1),2))', score_value, "0.##"),
    }
    if cells:
        out[(r, block.budget_col)] = _put(ws, formats, r, block.budget_col, f'=IF({cells.plan}="","",{cells.plan})', plan)
    elif funds.budget is not None:
        out[(r, block.budget_col)] = _put(ws, formats, r, block.budget_col, funds.budget)
    else:
        out[(r, block.budget_col)] = _input(ws, formats, r, block.budget_col, None)
    return out


def _indicator_cells(ws, formats: _Formats, card: Card, cells) -> dict[tuple[int, int], Writer]:
    template = card.template
    out: dict[tuple[int, int], Writer] = {}
    for score in card.scores:
        r, name = score.indicator.row, score.indicator.name
        points_ref = f"{_letter(template.points_col)}{r}"
        actual_ref = f"{_letter(template.actual_col)}{r}"
        if template.reason_col:
            reason = template.sheet.cell(r, template.reason_col).value
            out[(r, template.reason_col)] = _input(ws, formats, r, template.reason_col, reason)
        if score.source is ScoreSource.NOT_APPLICABLE:
            for c, text in ((template.points_col, DASH), (template.actual_col, "不适用"), (template.score_col, DASH)):
                out[(r, c)] = _put(ws, formats, r, c, text)
            continue
        out[(r, template.points_col)] = _put(ws, formats, r, template.points_col, score.shown_points, num_format="0.##")
        if score.actual is not None:
            value, num_format, factor = _actual_cell(score)
            over = _source_formula(score.data, cells)
            content = value if over is None else (f"={over}" if factor == "1" else f"=({over})*{factor}")
            out[(r, template.actual_col)] = _put(ws, formats, r, template.actual_col, content, value, num_format)
        if score.source is ScoreSource.DATA:
            formula = _score_formula(score, actual_ref, points_ref)
            out[(r, template.score_col)] = _put(ws, formats, r, template.score_col, formula, float(score.value), "0.##")
        else:
            out[(r, template.score_col)] = _input(ws, formats, r, template.score_col, score.value, score.shown_points, name)
    return out


def _total_cells(ws, formats: _Formats, card: Card) -> dict[tuple[int, int], Writer]:
    template = card.template
    r = template.total_row
    if r is None:
        return {}
    rows = [s.indicator.row for s in card.scores]
    first, last = min(rows), max(rows)
    block = template.funds if card.funds is not None else None
    points_col, score_col = _letter(template.points_col), _letter(template.score_col)
    funds_points = f"N({_letter(block.points_col)}{block.row})+" if block else ""
    funds_score = f"N({_letter(block.score_col)}{block.row})+" if block else ""
    points_total = sum((s.shown_points for s in card.scores), card.funds.points if card.funds else Decimal(0))
    out = {
        (r, template.points_col): _put(ws, formats, r, template.points_col, f"={funds_points}SUM({points_col}{first}:{points_col}{last})", float(points_total), "0.##"),
        (r, template.score_col): _put(ws, formats, r, template.score_col, f"={funds_score}SUM({score_col}{first}:{score_col}{last})", float(card.total), "0.##"),
    }
    grade_col = template.reason_col
    if grade_col and template.sheet.cell(r, grade_col).value in (None, "") and (r, grade_col) not in template.origins:
        ranges = _runs(score_col, rows) + ([f"{_letter(block.score_col)}{block.row}"] if block else [])
        grade = grade_formula(f"{score_col}{r}", ranges, prefix="等级：")
        out[(r, grade_col)] = _put(ws, formats, r, grade_col, grade, f"等级：{card.grade}" if card.grade else "")
    return out


def write_national_sheet(book, ws, card: Card, cells) -> None:
    """Copy the 2020 form onto `ws` row by row, with the scores, totals and grade filled in.

    `cells` (write.formulas.SummaryCells) links the figures to 汇总; without it (the form
    sent on its own) they are numbers, and the scores are still formulas over them.
    """
    template, settings = card.template, card.settings
    assert template is not None and settings is not None
    src, formats = template.sheet, _Formats(book)
    special = {**_funds_cells(ws, formats, card, cells), **_indicator_cells(ws, formats, card, cells), **_total_cells(ws, formats, card)}
    copy_frame(ws, src)
    max_col = max(src.max_column, template.score_col)
    for r in range(1, src.max_row + 1):
        copy_row_height(ws, src, r)
        for c in range(1, max_col + 1):
            cell = src.cell(r, c)
            props = _format_props(cell)
            if (r, c) in special:
                special[(r, c)](props)
                continue
            value = cell.value if template.origins.get((r, c), (r, c)) == (r, c) else None
            write_template_value(ws, r, c, value, formats.get(props), settings)
    note_row = src.max_row + 1
    computed = "、".join(s.indicator.name for s in card.scores if s.source is ScoreSource.DATA)
    ws.write_string(
        note_row - 1, template.level_cols[0] - 1,
        "说明：黄色单元格由填报单位填写（评审判断的得分、偏差原因），总分与等级自动重算；"
        + ("全年执行数、执行率" if card.funds is not None else "") + ("、" if card.funds is not None and computed else "")
        + computed + " 由汇总数据按公式计算。",
        formats.get({"font_name": "宋体", "font_size": 9, "font_color": "#595959"}),
    )
    _copy_page_setup(src, ws, note_row)
