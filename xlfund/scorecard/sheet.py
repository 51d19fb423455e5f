"""Write the filled 2018 scorecard: the template copied cell by cell with its styles (frame.py),
scores as formulas or yellow input cells, and subtotals, total and grade as formulas."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name

from xlfund.amounts import as_number, format_wan
from xlfund.scorecard import rules
from xlfund.scorecard.frame import INPUT_FILL, Formats, Frame, copy_page_setup, format_props, write_template_value
from xlfund.scorecard.scoring import Card, Score, ScoreSource


def write_scorecard_sheet(book, ws, card: Card, cells) -> None:
    """Copy the template onto `ws` row by row, fill the scores, and add subtotals and grade.

    `cells` (workbook.OverviewCells) links the 计算依据 figures to the 汇总 sheet; without it
    (a scorecard sent on its own) they are numbers.
    """
    # why long: one pass over the template's cells in row order (merges made at their top-left cell),
    # with the block below it laid out first because the score formulas refer to it.
    template, settings, figures = card.template, card.settings, card.figures
    assert template is not None and settings is not None and figures is not None
    src = template.sheet
    formats = Formats(book)
    origins = template.origins
    scores_by_row = {s.indicator.row: s for s in card.scores}
    rows = [s.indicator.row for s in card.scores]
    score_letter = xl_col_to_name(template.score_col - 1)
    points_letter = xl_col_to_name(template.points_col - 1) if template.points_col else None
    first_row, last_row = min(rows), max(rows)
    max_col = max(src.max_column, template.score_col, 3)

    # Where the appended block goes (below everything in the template), computed first
    # because the indicator formulas refer to its 计算依据 cells. It lines up with the
    # table: labels across the level columns, points under 分值, scores under 自评分.
    block = src.max_row + 2
    score_c = template.score_col - 1  # 0-based from here on
    points_c = template.points_col - 1 if template.points_col else score_c - 1
    label_first = template.level_cols[0] - 1
    label_last = max(label_first, points_c - 1)
    group_rows = _groups(card)
    subtotal_start = block + 1
    total_at = subtotal_start + len(group_rows)
    grade_at = total_at + 1
    basis_head = grade_at + 2
    basis = {"plan": basis_head + 1, "allocated": basis_head + 2, "target": basis_head + 3, "recipients": basis_head + 4}
    value_letter = xl_col_to_name(score_c)
    block_points_letter = xl_col_to_name(points_c)

    def ref(key: str) -> str:
        return f"${value_letter}${basis[key]}"

    frame = Frame(ws, src)
    score_total_formula = f"=SUM({score_letter}{first_row}:{score_letter}{last_row})"
    points_total = sum((s.indicator.points for s in card.scores), Decimal(0))

    for r in range(1, src.max_row + 1):
        frame.start_row(r)
        for c in range(1, max_col + 1):
            cell = src.cell(r, c)
            props = format_props(cell)
            fmt = formats.get(props)
            frame.merge(r, c, fmt)
            is_origin = origins.get((r, c), (r, c)) == (r, c)
            score = scores_by_row.get(r)
            if score is not None and c == template.score_col:
                _write_score(ws, formats, props, r, c, score, points_letter, ref)
                continue
            if r == template.total_row and c == template.score_col:
                ws.write_formula(r - 1, c - 1, score_total_formula, formats.get({**props, "num_format": "0.##"}), float(card.total))
                continue
            if r == template.total_row and points_letter and c == template.points_col:
                ws.write_formula(r - 1, c - 1, f"=SUM({points_letter}{first_row}:{points_letter}{last_row})", fmt, float(points_total))
                continue
            write_template_value(ws, r, c, cell.value if is_origin else None, fmt, settings)

    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
    head = formats.get({**base, "bold": True, "align": "center"})
    text = formats.get(base)
    number = formats.get({**base, "align": "center", "num_format": "0.##"})
    money = formats.get({**base, "num_format": "#,##0.00"})
    count = formats.get({**base, "num_format": "0"})
    def label(r: int, text_value: str, fmt) -> None:
        if label_last > label_first:
            ws.merge_range(r - 1, label_first, r - 1, label_last, text_value, fmt)
        else:
            ws.write_string(r - 1, label_first, text_value, fmt)

    label(block, "一级指标", head)
    ws.write_string(block - 1, points_c, "分值", head)
    ws.write_string(block - 1, score_c, "得分", head)
    for i, (name, members) in enumerate(group_rows):
        r = subtotal_start + i
        label(r, name, text)
        group_points = sum((s.indicator.points for s in members), Decimal(0))
        group_score = sum((s.value or Decimal(0) for s in members), Decimal(0))
        member_rows = [s.indicator.row for s in members]
        if points_letter:
            ws.write_formula(r - 1, points_c, f"=SUM({','.join(runs(points_letter, member_rows))})", number, float(group_points))
        else:
            ws.write_number(r - 1, points_c, float(group_points), number)
        ws.write_formula(r - 1, score_c, f"=SUM({','.join(runs(score_letter, member_rows))})", number, float(group_score))
    sub_first, sub_last = subtotal_start, total_at - 1
    label(total_at, "总分", head)
    ws.write_formula(total_at - 1, points_c, f"=SUM({block_points_letter}{sub_first}:{block_points_letter}{sub_last})", number, float(points_total))
    ws.write_formula(total_at - 1, score_c, f"=SUM({value_letter}{sub_first}:{value_letter}{sub_last})", number, float(card.total))
    label(grade_at, "评价等级", head)
    ws.write_blank(grade_at - 1, points_c, None, text)
    grade = "=" + rules.grade_formula(f"{value_letter}{total_at}", runs(score_letter, rows))
    ws.write_formula(grade_at - 1, score_c, grade, head, rules.grade_text(card.total, card.unscored))
    label(basis_head, "计算依据", head)
    ws.write_blank(basis_head - 1, points_c, None, head)
    ws.write_string(basis_head - 1, score_c, "数值", head)
    basis_rows = [
        ("plan", "批复计划（计划到位，万元）", cells.plan if cells else None, figures.plan, money),
        ("allocated", "实际分配（实际到位，万元）", cells.total if cells else None, figures.allocated, money),
        ("target", "目标受助单位数", cells.target if cells else None, figures.target, count),
        ("recipients", "实际受助单位数", cells.recipients if cells else None, figures.recipients, count),
    ]
    for key, label_text, link, value, fmt in basis_rows:
        r = basis[key]
        label(r, label_text, text)
        ws.write_blank(r - 1, points_c, None, text)
        stored = "" if value is None else float(value)
        if link:
            ws.write_formula(r - 1, score_c, f'=IF({link}="","",{link})', fmt, stored)
        elif value is None:
            ws.write_blank(r - 1, score_c, None, fmt)
        else:
            ws.write_number(r - 1, score_c, stored, fmt)
    note_row = basis["recipients"] + 1
    ws.write_string(
        note_row - 1, label_first,
        "说明：黄色单元格为评审判断的自评分，可直接修改，总分与等级自动重算；"
        + "、".join(s.indicator.name for s in card.scores if s.source.is_computed)
        + " 由汇总数据按公式计算。",
        formats.get({"font_name": "宋体", "font_size": 9, "font_color": "#595959"}),
    )
    copy_page_setup(src, ws, note_row)


def _write_score(ws, formats: Formats, props: dict, r: int, c: int, score: Score, points_letter: str | None, ref) -> None:
    indicator = score.indicator
    points = f"{points_letter}{r}" if points_letter else format_wan(indicator.points)
    number_props = {**props, "num_format": "0.##"}
    if score.source in (ScoreSource.FUNDING_RATE, ScoreSource.RECIPIENT_COUNT):
        actual, planned = ("allocated", "plan") if score.source is ScoreSource.FUNDING_RATE else ("recipients", "target")
        formula = "=" + rules.capped_ratio_formula(points, ref(actual), ref(planned))
        ws.write_formula(r - 1, c - 1, formula, formats.get(number_props), float(score.value or 0))
        return
    fmt = formats.get({**number_props, "bg_color": INPUT_FILL})
    if score.value is None:
        ws.write_blank(r - 1, c - 1, None, fmt)
    else:
        ws.write_number(r - 1, c - 1, float(score.value), fmt)
    ws.data_validation(r - 1, c - 1, r - 1, c - 1, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": as_number(indicator.points),
        "input_title": "自评分", "input_message": f"0 到 {format_wan(indicator.points)} 分",
        "error_title": "自评分超出范围", "error_message": f"“{indicator.name}”的自评分应在 0 到 {format_wan(indicator.points)} 之间",
    })


def _groups(card: Card) -> list[tuple[str, list[Score]]]:
    groups: dict[str, list[Score]] = {}
    for score in card.scores:
        name = score.indicator.levels[0] if score.indicator.levels else score.indicator.name
        groups.setdefault(name, []).append(score)
    return list(groups.items())


def runs(letter: str, rows: list[int]) -> list[str]:
    """Rows [4,5,6,9] -> ["E4:E6", "E9"]: contiguous ranges for SUM."""
    runs: list[str] = []
    start = prev = rows[0]
    for row in rows[1:] + [None]:
        if row is not None and row == prev + 1:
            prev = row
            continue
        runs.append(f"{letter}{start}:{letter}{prev}" if prev != start else f"{letter}{start}")
        if row is not None:
            start = prev = row
    return runs
