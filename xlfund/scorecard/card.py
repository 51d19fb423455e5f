"""The performance self-evaluation scorecard (项目支出绩效自评指标评分表), learnt from a template.

The form belongs to the clerks: the indicators, their levels and points are read from the
template itself (a header row with 一级指标/二级指标/…, a 自评分 or 得分 column, and points
from a 分值 column or from "（4分）" in the names). Scores are then
- computed from the consolidated data, as live formulas (到位率, 产出数量: see settings);
- or judgment scores from [scores] in xlfund.toml, written as highlighted input cells with
  data validation, so totals recalculate while the clerk types;
- and scores typed into the 评分表 of the earlier output at the same place win over [scores]
  (carry.py), so a second run does not lose them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from xlfund.amounts import format_wan
from xlfund.findings import finding
from xlfund.model import Consolidation
from xlfund.output import Saved, save_atomically
from xlfund.scorecard.carry import WRITTEN_SCORES, Carried, carry_entries, carry_scores, open_earlier
from xlfund.scorecard.form2020 import score_form2020
from xlfund.scorecard.form2020_sheet import planned_inputs, write_form2020_sheet
from xlfund.scorecard.scoring import Card, Figures, score_indicators
from xlfund.scorecard.sheet import write_scorecard_sheet
from xlfund.scorecard.template import Template, TemplateError, find_template, indicator_key, load_template
from xlfund.settings import IndicatorSetting, Settings
from xlfund.write.book import new_workbook


def prepare_scorecard(result: Consolidation, template_path: Path | None, earlier: Path | None = None) -> Card:
    """Load the template and score it; a template it cannot read becomes a finding.

    `earlier`, when it exists, is the output this run replaces: what the clerk typed into its
    评分表 that differs from the settings is used instead, each with a finding.
    """
    settings = result.settings
    reported = set(result.district_totals())
    figures = Figures(
        plan=settings.plan, allocated=result.total, target=settings.target_recipients, recipients=len(result.records),
        districts_reported=sum(1 for d in settings.districts if d in reported) if settings.districts else None,
        districts_expected=len(settings.districts) or None,
    )
    try:
        template = load_template(find_template(template_path, settings))
    except TemplateError as exc:
        return Card(None, findings=[finding("template-invalid", reason=str(exc))], figures=figures, settings=settings)
    card = _score(template, settings, figures)
    card.said, card.earlier = dict(settings.scores), earlier
    said_inputs = {k: v for k, (_cell, v) in planned_inputs(card).cells.items()} if template.is_form2020 else {}
    card.said_inputs = said_inputs
    if earlier is None or not earlier.is_file():
        return card
    read, notes = open_earlier(earlier)
    carried = Carried()
    if read is not None:
        card.earlier_read = True
        carried.scores, notes = carry_scores(card, read)
        if template.is_form2020:
            entries, entry_notes = carry_entries(card, read, planned_inputs(card).cells)
            carried.indicators, carried.texts, notes = entries.indicators, entries.texts, notes + entry_notes
    if carried:
        card = _score(template, settings_with(settings, carried), figures)
        card.said, card.earlier, card.earlier_read, card.kept = dict(settings.scores), earlier, True, carried
        card.said_inputs = said_inputs
        if not settings.scores:  # still no [scores]: one note, not a warning per blank score
            card.findings = [f for f in card.findings if f.code != "score-missing"]
            card.findings += [finding("scores-not-set")] if card.unscored and not any(f.code == "scores-not-set" for f in card.findings) else []
    card.findings += notes
    return card


def _score(template: Template, settings: Settings, figures: Figures) -> Card:
    if template.is_form2020:
        scores, funds, findings = score_form2020(template, settings, figures)
        return Card(template, scores, findings, figures, settings, funds, texts=dict(settings.scorecard_texts))
    scores, findings = score_indicators(template, settings, figures)
    return Card(template, scores, findings, figures, settings)


def settings_with(settings: Settings, carried: Carried) -> Settings:
    """The settings with what the clerk typed in place of the entries naming the same things."""
    replaced = {indicator_key(name) for name in carried.scores}
    scores = {**{k: v for k, v in settings.scores.items() if indicator_key(k) not in replaced}, **carried.scores}
    indicators = dict(settings.indicators)
    for name, fields in carried.indicators.items():
        same = next((k for k in indicators if indicator_key(k) == indicator_key(name)), name)
        indicators[same] = replace(indicators.get(same, IndicatorSetting()), **fields)
    return replace(settings, scores=scores, indicators=indicators,
                   scorecard_texts={**settings.scorecard_texts, **carried.texts})


def _writer(card: Card) -> Callable:
    return write_form2020_sheet if card.template is not None and card.template.is_form2020 else write_scorecard_sheet


def write_scorecard_file(result: Consolidation, card: Card, target: Path) -> Saved:
    """The filled scorecard alone, as a file that can be sent as it is."""
    if card.template is None:
        raise TemplateError(card.findings[0].message if card.findings else "评分表模板无法识别")

    def write(temp: Path) -> None:
        book = new_workbook(temp, f"{result.settings.title}绩效自评指标评分表")
        try:
            ws = book.add_worksheet(card.template.sheet.title[:31] or "评分表")
            record_inputs(book, card, _writer(card)(book, ws, card, None))
        finally:
            book.close()

    return save_atomically(target, write)


def sheet_writer(card: Card) -> Callable | None:
    """What the workbook writer calls to add the 评分表 sheet (None without a template)."""
    if card.template is None:
        return None
    def write(book, ws, cells) -> None:
        record_inputs(book, card, _writer(card)(book, ws, card, cells))

    return write


def record_inputs(book, card: Card, written) -> None:
    """Keep in the file what its input cells hold as written (the 2020 form's, inputs.py) and
    the scores [scores] gave, so that the next run tells what the clerk typed since."""
    if written is not None:
        written.record(book, card.said_inputs)
    record_written_scores(book, card)


def record_written_scores(book, card: Card) -> None:
    """Keep in the file what [scores] said when it was written (one custom property per score:
    Excel holds at most 255 characters in one), so that the next run tells a score the clerk
    typed (or carried before) from one the settings have changed since."""
    judged = {s.indicator.key for s in card.scores if not s.source.is_computed}
    for name, value in card.said.items():
        if indicator_key(name) in judged:
            book.set_custom_property(f"{WRITTEN_SCORES}:{indicator_key(name)}"[:255], format_wan(value))
