"""Learn a scorecard template: its header, indicators, levels and points (read from the form itself)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from xlfund.amounts import normalise_text
from xlfund.settings import SCORECARD_TEXTS, Settings

TEMPLATE_NAME = "scorecard.xlsx"


PACKAGED_TEMPLATE = Path(__file__).resolve().parent.parent / "data" / TEMPLATE_NAME


LEVEL_HEAD = re.compile(r"^([一二三四])级指标")


SCORE_HEADS = ("自评分", "自评得分", "得分", "评分", "自评分数", "自评分值")


POINTS_HEADS = ("分值", "指标分值", "标准分值", "权重", "权重分", "满分", "分数", "标准分")


TOTAL_WORDS = ("总分", "合计", "总计")


# The 2020 自评表 (财预〔2020〕10号): target, actual and reason columns beside 分值 and 得分.
TARGET_HEADS = ("年度指标值", "指标值", "年度目标值", "目标值", "预期指标值", "绩效目标值")


ACTUAL_HEADS = ("实际完成值", "实际完成", "完成值", "实际值", "全年实际完成值")


REASON_HEAD = "偏差原因"


# The funds block: these headers in one row above the indicator table (全年执行数 ÷ 全年预算数).
FUNDS_HEADS = {"budget": ("全年预算数",), "spent": ("全年执行数",), "points": ("分值",), "rate": ("执行率",),
               "score": ("得分", "自评分")}


FUNDS_TOTAL_WORDS = ("年度资金总额", "资金总额", "合计")


POINTS_IN_NAME = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]")


class TemplateError(Exception):
    """A template the tool cannot understand; the message names the file and the cell."""


@dataclass(frozen=True)
class Indicator:
    name: str  # as written in the template (line breaks and points removed)
    key: str  # for matching settings: no spaces, no "（4分）"
    levels: tuple[str, ...]  # ancestors, first level first
    points: Decimal
    row: int  # 1-based template row
    target: object = None  # 2020 form: the 年度指标值 cell's value as typed
    target_format: str | None = None  # its number format (0.9 formatted as % means "90%")


# Where each of the 2020 form's own texts is typed, relative to its label: in the cell right of
# the label, in the cell below it, or after the label in the same cell ("填报单位（盖章）：…").
FIELD_BESIDE, FIELD_BELOW, FIELD_INSIDE = ("department", "implementer"), ("goal", "achieved"), ("reporter",)


@dataclass(frozen=True)
class FormField:
    """A text of the form the clerk types (主管部门, 预期目标…): where it goes, 1-based."""

    key: str  # a key of settings.SCORECARD_TEXTS
    row: int
    col: int
    prefix: str = ""  # the label before the value in the same cell, as the template has it


@dataclass(frozen=True)
class FundsBlock:
    """The 2020 form's 项目资金 block: the 年度资金总额 row and its columns (1-based)."""

    row: int
    budget_col: int
    spent_col: int
    points_col: int
    rate_col: int
    score_col: int
    points: Decimal


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
    target_col: int | None = None  # 2020 form: 年度指标值
    actual_col: int | None = None  # 2020 form: 实际完成值
    reason_col: int | None = None  # 2020 form: 偏差原因分析及改进措施
    funds: FundsBlock | None = None  # 2020 form: the funds block, when the form has one
    fields: tuple[FormField, ...] = ()  # 2020 form: 主管部门, 预期目标… where the form has them

    @property
    def is_form2020(self) -> bool:
        """The 2020 自评表: targets, actuals and points columns beside the scores."""
        return self.target_col is not None and self.actual_col is not None and self.points_col is not None


def _plain(value: object) -> str:
    return normalise_text("" if value is None else str(value))


def indicator_key(name: str) -> str:
    return POINTS_IN_NAME.sub("", _plain(name))


def template_name(form: str) -> str:
    """scorecard.xlsx for the 2018 form, scorecard-2020.xlsx for the 2020 form."""
    return TEMPLATE_NAME if form == "2018" else f"scorecard-{form}.xlsx"


def find_template(explicit: Path | None, settings: Settings) -> Path:
    """--template, else the form the settings name ([scorecard] form) in ./templates/ where the
    command runs, else the packaged copy."""
    if explicit is not None:
        if not explicit.exists():
            raise TemplateError(f"找不到评分表模板：{explicit}")
        return explicit
    name = template_name(settings.scorecard_form)
    local = Path.cwd() / "templates" / name
    if local.exists():
        return local
    packaged = PACKAGED_TEMPLATE.with_name(name)
    if packaged.exists():
        return packaged
    raise TemplateError(f"找不到 {settings.scorecard_form} 年自评表表样（{name}）：请用 --template 指定，或把表样放在 templates/ 中")


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
    target_col = actual_col = None
    heads: dict[int, str] = {}
    for r in range(1, min(ws.max_row, 60) + 1):
        heads = {c: _plain(ws.cell(r, c).value) for c in range(1, ws.max_column + 1)}
        levels = [c for c, h in heads.items() if LEVEL_HEAD.match(h)]
        scores = [c for c, h in heads.items() if h in SCORE_HEADS]
        if len(levels) >= 2 and scores:
            points = [c for c, h in heads.items() if h in POINTS_HEADS]
            header = (r, levels, scores[0], points[0] if points else None)
            target_col = next((c for c, h in heads.items() if h in TARGET_HEADS), None)
            actual_col = next((c for c, h in heads.items() if h in ACTUAL_HEADS), None)
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
        target_cell = ws.cell(r, target_col) if target_col else None
        indicators.append(Indicator(
            name=name, key=indicator_key(raw_name), levels=ancestors, points=points, row=r,
            target=None if target_cell is None else target_cell.value,
            target_format=None if target_cell is None else target_cell.number_format,
        ))
    if not indicators:
        cell = xl_rowcol_to_cell(header_row, leaf_col - 1)
        raise TemplateError(f"{where}表头下方（{cell} 起）没有找到任何指标")
    template = Template(path, ws, header_row, level_cols, score_col, points_col, indicators, total_row, origins)
    if target_col and actual_col and points_col:
        template.target_col, template.actual_col = target_col, actual_col
        template.reason_col = next((c for c, h in heads.items() if h.startswith(REASON_HEAD)), None)
        template.funds = _funds_block(ws, header_row, where)
        template.fields = form_fields(ws, header_row)
    return template


def form_fields(ws, header_row: int) -> tuple[FormField, ...]:
    """The form's own texts above the indicator table, found by their labels."""
    ends = {(m.min_row, m.min_col): (m.max_row, m.max_col) for m in ws.merged_cells.ranges}
    found: dict[str, FormField] = {}
    for r in range(1, header_row):
        for c in range(1, ws.max_column + 1):
            raw = ws.cell(r, c).value
            text = _plain(raw)
            for key, label in SCORECARD_TEXTS.items():
                if key in found or not text.startswith(label):
                    continue
                last_row, last_col = ends.get((r, c), (r, c))
                if key in FIELD_INSIDE:
                    found[key] = FormField(key, r, c, str(raw))
                elif key in FIELD_BESIDE and text == label and last_col < ws.max_column:
                    found[key] = FormField(key, r, last_col + 1)
                elif key in FIELD_BELOW and text == label:
                    found[key] = FormField(key, last_row + 1, c)
    return tuple(found.values())


def _funds_block(ws, header_row: int, where: str) -> FundsBlock | None:
    """The funds block above the indicator table, or None when the form has none.

    A row naming 全年预算数 and 全年执行数 is its header; the 年度资金总额 row below it carries
    the 分值. A header missing one of the columns the score needs is named, not guessed.
    """
    for r in range(1, header_row):
        heads = {c: _plain(ws.cell(r, c).value) for c in range(1, ws.max_column + 1)}
        if not any(h in FUNDS_HEADS["budget"] for h in heads.values()) or not any(h in FUNDS_HEADS["spent"] for h in heads.values()):
            continue
        cols: dict[str, int] = {}
        for key, words in FUNDS_HEADS.items():
            found = [c for c, h in heads.items() if h in words]
            if not found:
                raise TemplateError(f"{where}资金表头（第 {r} 行）没有“{words[0]}”列，无法计算预算执行率得分")
            cols[key] = found[-1] if key == "score" else found[0]
        total = next((rr for rr in range(r + 1, header_row) if any(
            _plain(ws.cell(rr, c).value).startswith(FUNDS_TOTAL_WORDS) for c in range(1, cols["budget"]))), r + 1)
        cell = ws.cell(total, cols["points"])
        value = cell.value
        try:
            points = Decimal(repr(value)) if isinstance(value, float) else Decimal(value if isinstance(value, int) else _plain(value).rstrip("分"))
        except ArithmeticError:
            raise TemplateError(f"{where}单元格 {cell.coordinate} 的资金分值“{value or ''}”不是数字") from None
        return FundsBlock(total, cols["budget"], cols["spent"], cols["points"], cols["rate"], cols["score"], points)
    return None


def _letter(col: int) -> str:
    return xl_col_to_name(col - 1)


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
