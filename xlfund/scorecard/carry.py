"""Scores the clerk typed into the 评分表 of an earlier output, carried into the next run.

The README invites the clerk to type judgment scores into the yellow cells, and to run again
after fixing the sources; the second run must not lose them. When the target output already
exists, its 评分表 is read back (values as last saved) and mapped by indicator name, so the
2018 and 2020 forms, and a template that gained or lost rows, are read alike.

Only constants count: a cell that still holds a formula was not typed. A number typed over a
computed indicator's formula is not carried (computed scores come from the data), but said.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from xlsxwriter.utility import xl_rowcol_to_cell

from xlfund.amounts import format_wan, normalise_text
from xlfund.findings import Finding, Place, finding
from xlfund.scorecard.scoring import Card, ScoreSource
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


def carry_scores(card: Card, path: Path) -> tuple[dict[str, Decimal], list[Finding]]:
    """The judgment scores typed in `path` that differ from the card's (indicator name -> score),
    with a finding for each one kept or not carried; an unreadable file gives one finding."""
    try:
        sheet, typed, written = read_typed(path)
    except CarryError as exc:
        return {}, [finding("score-output-unreadable", Place(path.name), path=path.name, reason=str(exc))]
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


def read_typed(path: Path) -> tuple[str, list[Typed], dict[str, str]]:
    """The 评分表 sheet's name in `path`, its indicators' score cells, and the scores the tool
    wrote there (empty for outputs made before it recorded them).

    Read-only, so that a large 明细 is not loaded: only the sheets looked at are parsed.
    """
    import openpyxl

    try:
        formulas = openpyxl.load_workbook(path, read_only=True)
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure: the earlier output is only a bonus
        raise CarryError(_reason(exc)) from exc
    try:
        names = sorted(formulas.sheetnames, key=lambda n: n != SCORECARD)
        for name in names:
            typed = _scan(formulas[name], values[name])
            if typed is not None:
                return name, typed, _written(formulas)
    except Exception as exc:  # noqa: BLE001 - a damaged sheet is the same as an unreadable file
        raise CarryError(_reason(exc)) from exc
    finally:
        formulas.close()
        values.close()
    raise CarryError("其中没有评分表")


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
