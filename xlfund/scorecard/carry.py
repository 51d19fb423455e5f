"""What the clerk typed into the 评分表 of an earlier output, carried into the next run.

The README invites the clerk to type into the yellow cells, and to run again after fixing the
sources; the second run must not lose any of it. When the target output already exists, its
评分表 is read back (values as last saved):
- scores are mapped by indicator name, so the 2018 and 2020 forms, and a template that gained
  or lost rows, are read alike. Only constants count: a cell that still holds a formula was not
  typed. A number typed over a computed indicator's formula is not carried, but said;
- the other cells the clerk fills on the 2020 form (年度指标值, 实际完成值, 偏差原因, 主管部门,
  预期目标…) are found where the output recorded writing them (inputs.py); one whose content
  changed since was typed, and is carried.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from xlfund.amounts import format_wan, normalise_text
from xlfund.findings import Finding, Place, finding
from xlfund.scorecard import inputs
from xlfund.scorecard.scoring import Card, Carried, ScoreSource
from xlfund.scorecard.template import LEVEL_HEAD, SCORE_HEADS, TOTAL_WORDS, indicator_key
from xlfund.write.book import SCORECARD

WRITTEN_SCORES = "xlfund-score"  # custom properties "xlfund-score:指标": what [scores] said when written
HEADER_ROWS = 60  # the header is looked for this far down, as in the template
MAX_INDICATOR_ROWS = 1000  # below the header; a form has a few dozen


class CarryError(Exception):
    """The earlier output cannot be read back; the message says why, in Chinese."""


@dataclass(frozen=True)
class Typed:
    """One indicator's score cell in the earlier output."""

    key: str  # indicator_key of the name in the leaf column
    name: str
    value: Decimal | None  # the number it holds (None: blank or not a number)
    formula: bool  # still a formula: not typed by the clerk
    row: int  # Excel row and column (1-based, as openpyxl counts) of the score
    col: int

    @property
    def cell(self) -> str:
        return xl_rowcol_to_cell(self.row - 1, self.col - 1)


def open_earlier(path: Path) -> tuple[Earlier | None, list[Finding]]:
    """The earlier output read back, or None with the one finding that says why not."""
    try:
        return read_earlier(path), []
    except CarryError as exc:
        return None, [finding("score-output-unreadable", Place(path.name), path=path.name, reason=str(exc))]


def carry_scores(card: Card, earlier: Earlier) -> tuple[dict[str, Decimal], list[Finding]]:
    """The judgment scores typed in the earlier output that differ from the card's (indicator
    name -> score), with a finding for each one kept or not carried."""
    sheet, typed, written = earlier.sheet, earlier.scores, earlier.written
    scores = {s.indicator.key: s for s in card.scores}
    kept: dict[str, Decimal] = {}
    findings: list[Finding] = []
    for cell in typed:
        score = scores.get(cell.key)
        if score is None or cell.formula or cell.value is None or cell.value < 0:
            continue
        if score.source.is_computed:
            if cell.value != score.value:
                findings.append(finding("score-typed-over-formula", Place(sheet=sheet, row=cell.row, col=cell.col - 1),
                                        name=score.indicator.name, score=cell.value))
            continue
        if score.source is ScoreSource.NOT_APPLICABLE or cell.value == score.value:
            continue
        if written.get(cell.key) is not None and Decimal(written[cell.key]) == cell.value:
            continue  # what the settings said when the file was written: the settings (changed since) decide
        name = score.indicator.name
        kept[name] = cell.value
        old = "未填写" if score.value is None else f"为 {format_wan(score.value)}"
        findings.append(finding("score-kept-from-output", Place(sheet=sheet, row=cell.row, col=cell.col - 1), name=name,
                                new=cell.value, old=old))
    return kept, findings


@dataclass
class Earlier:
    """The earlier output's 评分表: its name, the indicators' score cells, the scores the tool
    wrote there, and the recorded input cells whose content changed since (key -> (value, number format))."""

    sheet: str
    scores: list[Typed]
    written: dict[str, str]
    changed: dict[str, tuple[object, str]] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # input key -> its cell


_ENTRY_LABELS = {"target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因"}


def carry_entries(card: Card, earlier: Earlier, planned: dict[str, tuple[str, object]]) -> tuple[Carried, list[Finding]]:
    """The 2020 form's other cells typed since the earlier output was written, where they differ
    from what this run writes (`planned`: input key -> (cell, value)), as settings entries."""
    from xlfund.settings import SCORECARD_TEXTS

    carried, findings = Carried(), []
    by_key = {s.indicator.key: s.indicator for s in card.scores}
    fields = {f.key: f for f in card.template.fields} if card.template is not None else {}
    for key, (value, number_format) in earlier.changed.items():
        if key not in planned or inputs.canonical(value) == inputs.canonical(planned[key][1]):
            continue
        kind, _, name = key.partition(":")
        place = Place(sheet=earlier.sheet, **_row_col(earlier.cells.get(key, "")))
        old = planned[key][1]
        if kind == "text" and name in fields:
            text = "" if value is None else str(value).strip()
            prefix = fields[name].prefix
            carried.texts[name] = text[len(prefix):].strip() if prefix and text.startswith(prefix) else text
            label = f"“{SCORECARD_TEXTS[name]}”"
        elif kind in _ENTRY_LABELS and name in by_key:
            indicator = by_key[name]
            carried.indicators.setdefault(indicator.name, {})[kind] = _entry_value(kind, value, number_format)
            label = f"“{indicator.name}”的{_ENTRY_LABELS[kind]}"
        else:
            continue
        findings.append(finding("entry-kept-from-output", place, field=label, text=_short(value),
                                old="未填写" if inputs.canonical(old) == "" else f"为“{_short(old)}”"))
    return carried, findings


def _entry_value(kind: str, value: object, number_format: str) -> str | Decimal:
    """A typed cell as the setting says it: numbers in the target's unit (a "%" cell's 0.95 is 95)."""
    number = _number(value) if not isinstance(value, str) else None
    if number is None:
        return "" if value is None else str(value).strip()
    if "%" in number_format:
        number *= 100
        return f"{format_wan(number)}%" if kind == "target" else number
    return number


def _short(value: object, limit: int = 30) -> str:
    text = inputs.canonical(value)
    return text if len(text) <= limit else text[:limit] + "…"


def _row_col(cell: str) -> dict:
    from openpyxl.utils.cell import coordinate_to_tuple

    try:
        r, c = coordinate_to_tuple(cell)
    except ValueError:
        return {}
    return {"row": r, "col": c - 1}


def read_typed(path: Path) -> tuple[str, list[Typed], dict[str, str]]:
    """The 评分表 sheet's name in `path`, its indicators' score cells, and the scores the tool
    wrote there (empty for outputs made before it recorded them)."""
    earlier = read_earlier(path)
    return earlier.sheet, earlier.scores, earlier.written


def read_earlier(path: Path) -> Earlier:
    """What the earlier output's 评分表 holds. Read-only, so that a large 明细 is not loaded:
    only the sheets looked at are parsed."""
    import openpyxl

    try:
        formulas = openpyxl.load_workbook(path, read_only=True)
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure: the earlier output is only a bonus
        raise CarryError(_reason(exc)) from exc
    try:
        names = sorted(formulas.sheetnames, key=lambda n: n != SCORECARD)
        for name in names:
            formulas[name].reset_dimensions()  # WPS may record A1:A1: read every row anyway
            values[name].reset_dimensions()
            typed = _scan(formulas[name], values[name])
            if typed is not None:
                recorded = inputs.recorded(getattr(formulas, "custom_doc_props", None))
                changed = _changed_inputs(values[name], recorded)
                return Earlier(name, typed, _written(formulas), changed, {k: cell for k, (cell, _p) in recorded.items()})
    except Exception as exc:  # noqa: BLE001 - a damaged sheet is the same as an unreadable file
        raise CarryError(_reason(exc)) from exc
    finally:
        formulas.close()
        values.close()
    raise CarryError("其中没有评分表")


def _changed_inputs(ws, recorded: dict[str, tuple[str, str]]) -> dict[str, tuple[object, str]]:
    """The recorded input cells whose content no longer has the fingerprint written."""
    if not recorded:
        return {}
    from openpyxl.utils.cell import coordinate_to_tuple

    wanted = {}
    for key, (cell, print_) in recorded.items():
        try:
            wanted[coordinate_to_tuple(cell)] = (key, print_)
        except ValueError:
            continue  # not a cell name: a property someone edited
    last = max((r for r, _c in wanted), default=0)
    grid: dict[tuple[int, int], tuple[object, str]] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=last), start=1):
        for c, cell in enumerate(row, start=1):
            if (r, c) in wanted:
                grid[(r, c)] = (cell.value, getattr(cell, "number_format", "") or "")
    changed = {}
    for place, (key, print_) in wanted.items():
        value, number_format = grid.get(place, (None, ""))
        if inputs.fingerprint(value) != print_:
            changed[key] = (value, number_format)
    return changed


def _written(book) -> dict[str, str]:
    """indicator key -> the [scores] value recorded when the file was written."""
    prefix = WRITTEN_SCORES + ":"
    return {p.name[len(prefix):]: str(p.value) for p in getattr(book, "custom_doc_props", None) or () if p.name.startswith(prefix)}


def _reason(exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    return f"不是可以读取的 .xlsx 文件：{type(exc).__name__}"


def _plain(value: object) -> str:
    return normalise_text("" if value is None else str(value))


def _header(ws) -> tuple[int, list[int], int] | None:
    """(header row, level columns, score column), 1-based, or None when the sheet has no such header."""
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_ROWS, values_only=True), start=1):
        texts = [_plain(v) for v in row]
        levels = [c for c, t in enumerate(texts, 1) if LEVEL_HEAD.match(t)]
        scores = [c for c, t in enumerate(texts, 1) if t in SCORE_HEADS]
        if len(levels) >= 2 and scores:
            return r, levels, scores[0]
    return None


def _scan(formulas, values) -> list[Typed] | None:
    """The score cells of the indicator rows, down to the 总分 row; None without a header."""
    found = _header(formulas)
    if found is None:
        return None
    header_row, level_cols, score_col = found
    leaf_col = level_cols[-1]
    first, last = header_row + 1, header_row + MAX_INDICATOR_ROWS
    rows = zip(formulas.iter_rows(min_row=first, max_row=last, values_only=True),
               values.iter_rows(min_row=first, max_row=last, values_only=True), strict=False)
    typed: list[Typed] = []
    for r, (shown, stored) in enumerate(rows, start=first):
        texts = [_plain(_at(shown, c)) for c in level_cols]
        if texts[0].startswith(TOTAL_WORDS) or (any(t.startswith(TOTAL_WORDS) for t in texts if t) and not texts[-1]):
            break
        if not texts[-1]:
            continue
        raw = _at(shown, score_col)
        typed.append(Typed(
            key=indicator_key(str(_at(shown, leaf_col))), name=texts[-1],
            value=_number(_at(stored, score_col)),
            formula=isinstance(raw, str) and raw.startswith("="),
            row=r, col=score_col,
        ))
    return typed


def _at(row: tuple, col: int) -> object:
    return row[col - 1] if col - 1 < len(row) else None


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        number = Decimal(repr(value))
    else:
        try:
            number = Decimal(_plain(value))
        except (InvalidOperation, ValueError):
            return None
    return number if number.is_finite() else None
