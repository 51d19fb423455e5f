"""Write the filled scorecard: the template copied cell by cell with its styles, scores as
formulas or yellow input cells, and subtotals, total and grade as formulas."""

from __future__ import annotations

from decimal import Decimal

from xlfund.amounts import as_number, format_wan
from xlfund.scorecard.scoring import Card, Score, ScoreSource
from xlfund.settings import Settings

INPUT_FILL = "#FFF2CC"


_BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7,
            "mediumDashed": 8, "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12, "slantDashDot": 13}


def _color(color) -> str | None:
    rgb = getattr(color, "rgb", None)
    if isinstance(rgb, str) and len(rgb) == 8 and rgb not in ("00000000",):
        return "#" + rgb[2:]
    return None


def _format_props(cell) -> dict:
    props: dict = {}
    font = cell.font
    if font is not None:
        if font.name:
            props["font_name"] = font.name
        if font.sz:
            props["font_size"] = float(font.sz)
        if font.b:
            props["bold"] = True
        if font.i:
            props["italic"] = True
        color = _color(font.color)
        if color:
            props["font_color"] = color
    al = cell.alignment
    if al is not None:
        if al.horizontal and al.horizontal != "general":
            props["align"] = {"centerContinuous": "center_across"}.get(al.horizontal, al.horizontal)
        if al.vertical:
            props["valign"] = {"center": "vcenter"}.get(al.vertical, al.vertical)
        if al.wrap_text:
            props["text_wrap"] = True
    border = cell.border
    if border is not None:
        for side in ("left", "right", "top", "bottom"):
            style = getattr(getattr(border, side), "style", None)
            if style in _BORDERS:
                props[side] = _BORDERS[style]
    fill = cell.fill
    if fill is not None and fill.fill_type == "solid":
        color = _color(fill.fgColor)
        if color:
            props["bg_color"] = color
    if cell.number_format and cell.number_format != "General":
        props["num_format"] = cell.number_format
    return props


class _Formats:
    """XlsxWriter formats made from the template's cell styles, one per distinct style."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, props: dict):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(dict(props))
        return self.cache[key]


def _register_merge(ws, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Record a merged range without writing its cells.

    merge_range() writes blanks into the rows below at once, which constant_memory mode
    (used for the large 明细 sheets) cannot take before the rows above are finished. We do
    what merge_range() does to register the range and write every cell in row order
    ourselves; tests read the merges back, so a change in XlsxWriter would be caught.
    """
    ws.merge.append([first_row, first_col, last_row, last_col])


def copy_frame(ws, src) -> None:
    """The template's merged ranges and column widths (openpyxl widths carry about 0.71 of padding)."""
    for merged in src.merged_cells.ranges:
        _register_merge(ws, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
    for dim in src.column_dimensions.values():
        if dim.width:
            ws.set_column(dim.min - 1, dim.max - 1, max(dim.width - 0.71, 1))


def copy_row_height(ws, src, r: int) -> None:
    """Row r's height as the template sets it (1-based)."""
    height = src.row_dimensions[r].height if r in src.row_dimensions else None
    if height:
        ws.set_row(r - 1, height)


def write_template_value(ws, r: int, c: int, value: object, fmt, settings: Settings) -> None:
    """A cell of the template as it stands (1-based r, c): text with {年度}/{资金名称} filled in."""
    if value is None or value == "":
        ws.write_blank(r - 1, c - 1, None, fmt)
    elif isinstance(value, str) and value.startswith("="):
        ws.write_formula(r - 1, c - 1, value, fmt, "")  # a clerk's own formula; no value we could vouch for
    elif isinstance(value, str):
        ws.write_string(r - 1, c - 1, _substitute(value, settings), fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r - 1, c - 1, value, fmt)
    else:
        ws.write(r - 1, c - 1, value, fmt)


def _substitute(text: str, settings: Settings) -> str:
    return text.replace("{年度}", str(settings.year or "")).replace("{资金名称}", settings.fund_name)


def write_scorecard_sheet(book, ws, card: Card, cells) -> None:
    """Copy the template onto `ws` row by row, fill the scores, and add subtotals and grade.

    `cells` (workbook.SummaryCells) links the 计算依据 figures to the 汇总 sheet; without it
    (a scorecard sent on its own) they are numbers.
    """
    # why long: one pass over the template's cells in row order (constant_memory needs that),
    # with the block below it laid out first because the score formulas refer to it.
    from openpyxl.utils import get_column_letter

    template, settings, figures = card.template, card.settings, card.figures
    assert template is not None and settings is not None and figures is not None
    src = template.sheet
    formats = _Formats(book)
    origins = template.origins
    scores_by_row = {s.indicator.row: s for s in card.scores}
    rows = [s.indicator.row for s in card.scores]
    score_letter = get_column_letter(template.score_col)
    points_letter = get_column_letter(template.points_col) if template.points_col else None
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
    value_letter = get_column_letter(score_c + 1)
    block_points_letter = get_column_letter(points_c + 1)

    def ref(key: str) -> str:
        return f"${value_letter}${basis[key]}"

    copy_frame(ws, src)
    score_total_formula = f"=SUM({score_letter}{first_row}:{score_letter}{last_row})"
    points_total = sum((s.indicator.points for s in card.scores), Decimal(0))

    for r in range(1, src.max_row + 1):
        copy_row_height(ws, src, r)
        for c in range(1, max_col + 1):
            cell = src.cell(r, c)
            props = _format_props(cell)
            fmt = formats.get(props)
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
        ws.write_string(r - 1, label_first, text_value, fmt)
        for c in range(label_first + 1, label_last + 1):
            ws.write_blank(r - 1, c, None, fmt)
        if label_last > label_first:
            _register_merge(ws, r - 1, label_first, r - 1, label_last)

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
            ws.write_formula(r - 1, points_c, f"=SUM({','.join(_runs(points_letter, member_rows))})", number, float(group_points))
        else:
            ws.write_number(r - 1, points_c, float(group_points), number)
        ws.write_formula(r - 1, score_c, f"=SUM({','.join(_runs(score_letter, member_rows))})", number, float(group_score))
    sub_first, sub_last = subtotal_start, total_at - 1
    label(total_at, "总分", head)
    ws.write_formula(total_at - 1, points_c, f"=SUM({block_points_letter}{sub_first}:{block_points_letter}{sub_last})", number, float(points_total))
    ws.write_formula(total_at - 1, score_c, f"=SUM({value_letter}{sub_first}:{value_letter}{sub_last})", number, float(card.total))
    label(grade_at, "评价等级", head)
    ws.write_blank(grade_at - 1, points_c, None, text)
    ws.write_formula(grade_at - 1, score_c, grade_formula(f"{value_letter}{total_at}", _runs(score_letter, rows)), head, card.grade or "")
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
    _copy_page_setup(src, ws, note_row)


def grade_formula(total: str, score_ranges: list[str], prefix: str = "") -> str:
    """The grade over the total, blank ("") while any score cell is blank (尚有未评分的指标).

    COUNTBLANK takes one range and counts "" results as blank (Excel 2010, WPS, LibreOffice);
    `prefix` is text put before the grade ("等级：").
    """
    grade = f'IF({total}>=90,"优",IF({total}>=80,"良",IF({total}>=60,"中","差")))'
    shown = f'"{prefix}"&{grade}' if prefix else grade
    blanks = "+".join(f"COUNTBLANK({cells})" for cells in score_ranges)
    return f'=IF({blanks}>0,"",{shown})'


def _write_score(ws, formats: _Formats, props: dict, r: int, c: int, score: Score, points_letter: str | None, ref) -> None:
    indicator = score.indicator
    points = f"{points_letter}{r}" if points_letter else format_wan(indicator.points)
    number_props = {**props, "num_format": "0.##"}
    if score.source is ScoreSource.FUNDING_RATE:
        formula = f"=ROUND({points}*MIN(1,{ref('allocated')}/{ref('plan')}),2)"
        ws.write_formula(r - 1, c - 1, formula, formats.get(number_props), float(score.value or 0))
        return
    if score.source is ScoreSource.RECIPIENT_COUNT:
        formula = f"=ROUND({points}*MIN(1,{ref('recipients')}/{ref('target')}),2)"
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


def _runs(letter: str, rows: list[int]) -> list[str]:
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


def _copy_page_setup(src, ws, last_row: int) -> None:
    setup = src.page_setup
    if setup.paperSize:
        ws.set_paper(int(setup.paperSize))
    if setup.orientation == "landscape":
        ws.set_landscape()
    else:
        ws.set_portrait()
    if src.sheet_properties.pageSetUpPr is not None and src.sheet_properties.pageSetUpPr.fitToPage:
        ws.fit_to_pages(int(setup.fitToWidth if setup.fitToWidth is not None else 1), int(setup.fitToHeight or 0))
    titles = src.print_title_rows
    if titles:
        first, _, last = titles.replace("$", "").partition(":")
        ws.repeat_rows(int(first) - 1, int(last or first) - 1)
    margins = src.page_margins
    ws.set_margins(left=margins.left, right=margins.right, top=margins.top, bottom=margins.bottom)
    if src.print_options.horizontalCentered:
        ws.center_horizontally()
    footer = src.oddFooter
    if footer is not None and footer.center.text:
        ws.set_footer(f"&C{footer.center.text}")
    ws.print_area(0, 0, last_row - 1, max(src.max_column, 3) - 1)
