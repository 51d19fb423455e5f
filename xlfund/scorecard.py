"""The performance self-evaluation scorecard (项目支出绩效自评指标评分表), learnt from a template.

The form belongs to the clerks: the indicators, their levels and points are read from the
template itself (a header row with 一级指标/二级指标/…, a 自评分 or 得分 column, and points
from a 分值 column or from "（4分）" in the names). Scores are then
- computed from the consolidated data, as live formulas (到位率, 产出数量: see settings);
- or judgment scores from [scores] in xlfund.toml, written as highlighted input cells with
  data validation, so totals recalculate while the clerk types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from xlfund.amounts import as_number, format_wan, normalise_text
from xlfund.findings import Finding, finding
from xlfund.settings import COMPUTED_SOURCES, Settings

TEMPLATE_NAME = "scorecard.xlsx"
PACKAGED_TEMPLATE = Path(__file__).parent / "data" / TEMPLATE_NAME
LEVEL_HEAD = re.compile(r"^([一二三四])级指标")
SCORE_HEADS = ("自评分", "自评得分", "得分", "评分", "自评分数", "自评分值")
POINTS_HEADS = ("分值", "指标分值", "标准分值", "权重", "权重分", "满分", "分数", "标准分")
TOTAL_WORDS = ("总分", "合计", "总计")
POINTS_IN_NAME = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]")
INPUT_FILL = "#FFF2CC"
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
CENT = Decimal("0.01")


class TemplateError(Exception):
    """A template the tool cannot understand; the message names the file and the cell."""


@dataclass(frozen=True)
class Indicator:
    name: str  # as written in the template (line breaks and points removed)
    key: str  # for matching settings: no spaces, no "（4分）"
    levels: tuple[str, ...]  # ancestors, first level first
    points: Decimal
    row: int  # 1-based template row


@dataclass
class Template:
    path: Path
    sheet: object  # the openpyxl worksheet
    header_row: int  # 1-based
    level_cols: list[int]  # 1-based, first level first; the last one holds the indicators
    score_col: int
    points_col: int | None
    indicators: list[Indicator]
    total_row: int | None
    origins: dict[tuple[int, int], tuple[int, int]]  # merged cell -> its range's top-left (1-based)


@dataclass(frozen=True)
class Figures:
    """What the computed indicators are computed from."""

    plan: Decimal | None
    allocated: Decimal
    target: int | None
    recipients: int


@dataclass(frozen=True)
class Score:
    indicator: Indicator
    value: Decimal | None  # None: not scored (shown blank, counted 0)
    source: str  # "funding_rate", "recipient_count", "scores" or "missing"


@dataclass
class Card:
    template: Template | None
    scores: list[Score] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    figures: Figures | None = None
    settings: Settings | None = None

    @property
    def total(self) -> Decimal:
        return sum((s.value or Decimal(0) for s in self.scores), Decimal(0))

    @property
    def grade(self) -> str:
        return grade_of(self.total)

    @property
    def writer(self) -> Callable | None:
        if self.template is None:
            return None
        return lambda book, ws, cells: write_scorecard_sheet(book, ws, self, cells)

    def as_dict(self) -> dict:
        return {
            "total": format_wan(self.total), "grade": self.grade,
            "indicators": [
                {"name": s.indicator.name, "points": format_wan(s.indicator.points),
                 "score": None if s.value is None else format_wan(s.value), "source": s.source}
                for s in self.scores
            ],
        }


def grade_of(total: Decimal) -> str:
    """优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60 (财预〔2020〕10号)."""
    for bound, grade in GRADES:
        if total >= bound:
            return grade
    return "差"


def _plain(value: object) -> str:
    return normalise_text("" if value is None else str(value))


def indicator_key(name: str) -> str:
    return POINTS_IN_NAME.sub("", _plain(name))


def find_template(explicit: Path | None, settings: Settings) -> Path:
    """--template, else ./templates/scorecard.xlsx where the command runs, else the packaged copy."""
    if explicit is not None:
        if not explicit.exists():
            raise TemplateError(f"找不到评分表模板：{explicit}")
        return explicit
    local = Path.cwd() / "templates" / TEMPLATE_NAME
    return local if local.exists() else PACKAGED_TEMPLATE


def load_template(path: Path) -> Template:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the clerk's to fix
        raise TemplateError(f"评分表模板“{path.name}”无法打开（{type(exc).__name__}），请用 Excel/WPS 另存为 .xlsx") from exc
    return parse_template(book.worksheets[0], path)


def _merge_origins(ws) -> dict[tuple[int, int], tuple[int, int]]:
    origins = {}
    for merged in ws.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                origins[(r, c)] = (merged.min_row, merged.min_col)
    return origins


def parse_template(ws, path: Path) -> Template:
    """Find the header, the indicator rows and their points; raise TemplateError naming the cell."""
    where = f"评分表模板“{path.name}”（工作表“{ws.title}”）"
    origins = _merge_origins(ws)

    def shown(r: int, c: int) -> object:
        rr, cc = origins.get((r, c), (r, c))
        return ws.cell(rr, cc).value

    header = None
    for r in range(1, min(ws.max_row, 60) + 1):
        heads = {c: _plain(ws.cell(r, c).value) for c in range(1, ws.max_column + 1)}
        levels = [c for c, h in heads.items() if LEVEL_HEAD.match(h)]
        scores = [c for c, h in heads.items() if h in SCORE_HEADS]
        if len(levels) >= 2 and scores:
            points = [c for c, h in heads.items() if h in POINTS_HEADS]
            header = (r, levels, scores[0], points[0] if points else None)
            break
    if header is None:
        raise TemplateError(f"{where}找不到表头行：需要一行同时有“一级指标”“二级指标”等指标列和“自评分”或“得分”列")
    header_row, level_cols, score_col, points_col = header
    leaf_col = level_cols[-1]
    indicators: list[Indicator] = []
    total_row = None
    for r in range(header_row + 1, ws.max_row + 1):
        texts = [_plain(shown(r, c)) for c in level_cols]
        if any(t.startswith(TOTAL_WORDS) for t in texts if t) and not _plain(ws.cell(r, leaf_col).value):
            total_row = r
            break
        if any(t.startswith(TOTAL_WORDS) for t in texts[:1] if t):
            total_row = r
            break
        leaf = ws.cell(r, leaf_col).value
        if origins.get((r, leaf_col), (r, leaf_col)) != (r, leaf_col) or not _plain(leaf):
            continue
        raw_name = str(leaf).replace("\r", "").replace("\n", "").strip()
        points = _points(ws, r, points_col, raw_name, where)
        name = POINTS_IN_NAME.sub("", raw_name).strip()
        ancestors = tuple(str(shown(r, c) or "").replace("\n", "").strip() for c in level_cols[:-1])
        indicators.append(Indicator(name=name, key=indicator_key(raw_name), levels=ancestors, points=points, row=r))
    if not indicators:
        cell = f"{_letter(leaf_col)}{header_row + 1}"
        raise TemplateError(f"{where}表头下方（{cell} 起）没有找到任何指标")
    return Template(path, ws, header_row, level_cols, score_col, points_col, indicators, total_row, origins)


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _points(ws, r: int, points_col: int | None, raw_name: str, where: str) -> Decimal:
    if points_col is not None:
        value = ws.cell(r, points_col).value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if value not in (None, ""):
            try:
                return Decimal(_plain(value).rstrip("分"))
            except ArithmeticError:
                pass
            raise TemplateError(f"{where}单元格 {_letter(points_col)}{r} 的分值“{value}”不是数字")
    match = POINTS_IN_NAME.search(_plain(raw_name))
    if match:
        return Decimal(match.group(1))
    place = f"{_letter(points_col)}{r}" if points_col else f"第 {r} 行"
    raise TemplateError(f"{where}指标“{raw_name}”（{place}）没有分值：请在分值列填数字，或在名称中写“（N分）”")


def score_indicators(template: Template, settings: Settings, figures: Figures) -> tuple[list[Score], list[Finding]]:
    """Pure: each indicator's score and where it comes from, with findings for what is missing."""
    scores: list[Score] = []
    findings: list[Finding] = []
    by_key = {indicator_key(k): (k, v) for k, v in settings.scores.items()}
    computed = {indicator_key(k): v for k, v in settings.computed.items()}
    used: set[str] = set()
    for indicator in template.indicators:
        source = computed.get(indicator.key)
        if source is not None:
            value = computed_score(source, indicator.points, figures)
            if value is None:
                setting, consequence = (("fund.plan", "无法计算“到位率”") if source == "funding_rate"
                                        else ("fund.target_recipients", "无法计算“产出数量”"))
                findings.append(finding("setting-missing", setting=setting, consequence=f"{consequence}，请在评分表中填写"))
                scores.append(Score(indicator, None, "missing"))
            else:
                scores.append(Score(indicator, value, source))
            continue
        if indicator.key in by_key:
            name, value = by_key[indicator.key]
            used.add(indicator.key)
            if value > indicator.points:
                findings.append(finding("score-over-points", name=name, score=format_wan(value), points=format_wan(indicator.points)))
            scores.append(Score(indicator, value, "scores"))
        else:
            if settings.scores:
                findings.append(finding("score-missing", name=indicator.name))
            scores.append(Score(indicator, None, "missing"))
    if not settings.scores:
        findings.append(finding("scores-not-set"))
    for key, (name, _value) in by_key.items():
        if key not in used:
            findings.append(finding("score-unknown-indicator", name=name))
    return scores, findings


def computed_score(source: str, points: Decimal, figures: Figures) -> Decimal | None:
    """points × MIN(1, actual ÷ planned), rounded to 0.01 as the formula does."""
    if source == "funding_rate":
        actual, planned = figures.allocated, figures.plan
    else:
        actual, planned = Decimal(figures.recipients), (None if figures.target is None else Decimal(figures.target))
    if planned is None or planned == 0:
        return None
    return (points * min(Decimal(1), actual / planned)).quantize(CENT, rounding=ROUND_HALF_UP)


def prepare_scorecard(result, template_path: Path | None) -> Card:
    """Load the template and score it; a template it cannot read becomes a finding."""
    settings = result.settings
    figures = Figures(plan=settings.plan, allocated=result.total, target=settings.target_recipients, recipients=len(result.records))
    try:
        template = load_template(find_template(template_path, settings))
    except TemplateError as exc:
        return Card(None, findings=[finding("template-invalid", reason=str(exc))], figures=figures, settings=settings)
    scores, findings = score_indicators(template, settings, figures)
    return Card(template, scores, findings, figures, settings)


# ---------------------------------------------------------------- writing

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


def _substitute(text: str, settings: Settings) -> str:
    return text.replace("{年度}", str(settings.year or "")).replace("{资金名称}", settings.fund_name)


def write_scorecard_sheet(book, ws, card: Card, cells) -> None:
    """Copy the template onto `ws` row by row, fill the scores, and add subtotals and grade.

    `cells` (workbook.SummaryCells) links the 计算依据 figures to the 汇总 sheet; without it
    (a scorecard sent on its own) they are numbers.
    """
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

    for merged in src.merged_cells.ranges:
        _register_merge(ws, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
    for dim in src.column_dimensions.values():
        if dim.width:
            ws.set_column(dim.min - 1, dim.max - 1, max(dim.width - 0.71, 1))
    score_total_formula = f"=SUM({score_letter}{first_row}:{score_letter}{last_row})"
    points_total = sum((s.indicator.points for s in card.scores), Decimal(0))

    for r in range(1, src.max_row + 1):
        height = src.row_dimensions[r].height if r in src.row_dimensions else None
        if height:
            ws.set_row(r - 1, height)
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
            value = cell.value if is_origin else None
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
    total_ref = f"{value_letter}{total_at}"
    ws.write_formula(
        grade_at - 1, score_c,
        f'=IF({total_ref}>=90,"优",IF({total_ref}>=80,"良",IF({total_ref}>=60,"中","差")))', head, card.grade,
    )
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
        + "、".join(s.indicator.name for s in card.scores if s.source in COMPUTED_SOURCES)
        + " 由汇总数据按公式计算。",
        formats.get({"font_name": "宋体", "font_size": 9, "font_color": "#595959"}),
    )
    _copy_page_setup(src, ws, note_row)


def _write_score(ws, formats: _Formats, props: dict, r: int, c: int, score: Score, points_letter: str | None, ref) -> None:
    indicator = score.indicator
    points = f"{points_letter}{r}" if points_letter else format_wan(indicator.points)
    number_props = {**props, "num_format": "0.##"}
    if score.source == "funding_rate":
        formula = f"=ROUND({points}*MIN(1,{ref('allocated')}/{ref('plan')}),2)"
        ws.write_formula(r - 1, c - 1, formula, formats.get(number_props), float(score.value or 0))
        return
    if score.source == "recipient_count":
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


def write_scorecard_file(result, card: Card, target: Path):
    """The filled scorecard alone, as a file that can be sent as it is."""
    import xlsxwriter

    from xlfund import __version__
    from xlfund.output import save_atomically
    from xlfund.readers import OWN_OUTPUT_MARK

    if card.template is None:
        raise TemplateError(card.findings[0].message if card.findings else "评分表模板无法识别")

    def write(temp: Path) -> None:
        book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
        try:
            book.set_properties({"title": f"{result.settings.title}绩效自评指标评分表", "author": "xlfund"})
            book.set_custom_property(OWN_OUTPUT_MARK, __version__)
            ws = book.add_worksheet(card.template.sheet.title[:31] or "评分表")
            write_scorecard_sheet(book, ws, card, None)
        finally:
            book.close()

    return save_atomically(target, write)
