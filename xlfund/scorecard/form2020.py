"""Score the 2020 项目支出绩效自评表 (pure): the funds block, the indicators the data answers
(against their 年度指标值), the judgment ones from [scores], and 不适用 rescaling.

The arithmetic is in rules.py and the reading of targets in targets.py; this module decides,
per indicator, which target, actual and rule apply, and says what the clerk has to look at.
Targets come from the settings ([indicators] target, else a 年度指标值 typed into the
template, else --target for the indicator counting recipients); a shipped template has none.
"""

from __future__ import annotations

from decimal import Decimal

from xlfund.findings import Finding, Place, finding
from xlfund.scorecard import rules, targets
from xlfund.scorecard.scoring import Figures, FundsScore, Score, ScoreSource
from xlfund.scorecard.template import Indicator, Template, indicator_key
from xlfund.settings import IndicatorSetting, Settings
from xlfund.write.book import SCORECARD

# settings.computed values (the 2018 sources) and the figure each stands for on the 2020 form.
_COMPUTED_AS_DATA = {"funding_rate": targets.BUDGET_EXECUTION, "recipient_count": targets.RECIPIENT_COUNT}


MANUAL = "manual"  # the clerk gave the actual as a number ([indicators] "带动就业人数" = 320)


def entry_of(indicator: Indicator, settings: Settings) -> IndicatorSetting:
    """What [indicators] says of this indicator (matched by name without spaces or "（N分）")."""
    return {indicator_key(k): v for k, v in settings.indicators.items()}.get(indicator.key, IndicatorSetting())


def target_of(indicator: Indicator, settings: Settings, source: str | None) -> str | Decimal | None:
    """The 年度指标值: [indicators] target, else the template's own, else --target for the recipient count."""
    given = entry_of(indicator, settings).target
    if given is not None:
        return given
    if indicator.target is not None and not (isinstance(indicator.target, str) and not indicator.target.strip()):
        return indicator.target
    if source == targets.RECIPIENT_COUNT and settings.target_recipients is not None:
        return f"{settings.target_recipients}个"
    return None


def figure_of(indicator: Indicator, settings: Settings, figures: Figures, target: targets.Target | None) -> tuple[str | None, Decimal | None]:
    """(source, actual in the consolidation's scale): a number the clerk gave, else the data's figure."""
    given = entry_of(indicator, settings).actual
    if isinstance(given, Decimal):
        unit = target.unit if target is not None and target.quantitative else ""
        return MANUAL, targets.from_target_unit(given, unit)
    source = data_source_of(indicator, settings)
    return source, (actual_of(source, figures) if source else None)


def data_source_of(indicator: Indicator, settings: Settings) -> str | None:
    """The figure answering an indicator: mapped in [indicators] or settings.computed first, else by its name."""
    named = entry_of(indicator, settings).data
    if named is not None:
        return named
    mapped = {indicator_key(k): v for k, v in settings.computed.items()}.get(indicator.key)
    if mapped in _COMPUTED_AS_DATA:
        return _COMPUTED_AS_DATA[mapped]
    return targets.data_source(indicator.name)


def actual_of(source: str, figures: Figures) -> Decimal | None:
    """The figure in the consolidation's scale (counts, 万元, fractions); None when it cannot be known."""
    if source == targets.RECIPIENT_COUNT:
        return Decimal(figures.recipients)
    if source == targets.AMOUNT_ALLOCATED:
        return figures.allocated
    if source == targets.AVERAGE_AMOUNT:
        return figures.allocated / figures.recipients if figures.recipients else None
    if source == targets.BUDGET_EXECUTION:
        return rules.execution_rate(figures.allocated, figures.plan)
    if source == targets.DISTRICT_SHARE:
        if not figures.districts_expected or figures.districts_reported is None:
            return None
        return Decimal(figures.districts_reported) / Decimal(figures.districts_expected)
    return None


_MISSING_SETTING = {targets.BUDGET_EXECUTION: "fund.plan", targets.DISTRICT_SHARE: "fund.districts"}


def _funds(template: Template, figures: Figures, points: Decimal, findings: list[Finding]) -> FundsScore:
    rate = rules.execution_rate(figures.allocated, figures.plan)
    value = rules.execution_score(points, rate)
    if value is None:
        findings.append(finding("setting-missing", setting="fund.plan", consequence="无法计算预算执行率，请在自评表中填写全年预算数"))
    elif rate is not None and rate < 1:
        findings.append(_below(_place(template.funds.rate_col, template.funds.row), "预算执行率", f"{rate * 100:.2f}%", "100%"))
    return FundsScore(figures.plan, figures.allocated, points, value)


def score_form2020(template: Template, settings: Settings, figures: Figures) -> tuple[list[Score], FundsScore | None, list[Finding]]:
    """Each indicator's score, the funds block's, and findings for what the clerk must supply."""
    # why long: one pass over the indicators deciding data / judgment / 不适用 for each, with
    # the finding that goes with each decision next to it.
    findings: list[Finding] = []
    indicators = template.indicators
    dropped = {i for i, ind in enumerate(indicators) if targets.is_not_applicable(ind.target)}
    funds_points = [template.funds.points] if template.funds is not None else []
    all_points = funds_points + [ind.points for ind in indicators]
    rescaled = targets.rescale_points(all_points, {i + len(funds_points) for i in dropped}) if dropped else all_points
    funds = _funds(template, figures, rescaled[0], findings) if template.funds is not None else None
    by_key = {indicator_key(k): (k, v) for k, v in settings.scores.items()}
    used: set[str] = set()
    scores: list[Score] = []
    no_target: list[str] = []
    for i, indicator in enumerate(indicators):
        points = rescaled[i + len(funds_points)]
        if i in dropped:
            scores.append(Score(indicator, None, ScoreSource.NOT_APPLICABLE, points=Decimal(0)))
            used.add(indicator.key)
            continue
        given = entry_of(indicator, settings)
        written = target_of(indicator, settings, data_source_of(indicator, settings))
        entry = IndicatorSetting(target=written, actual=given.actual, reason=given.reason)
        target = targets.parse_target(written, indicator.target_format if written is indicator.target else None)
        if target is None:
            no_target.append(indicator.name)
        source, actual = figure_of(indicator, settings, figures, target)
        if source and actual is None and source in _MISSING_SETTING:
            findings.append(finding("setting-missing", setting=_MISSING_SETTING[source], consequence=f"无法计算“{indicator.name}”的实际完成值"))
        if source and actual is not None and target is not None and target.quantitative:
            value = targets.score_indicator(target, actual, points)
            scores.append(Score(indicator, value, ScoreSource.DATA, points, source, actual, target, entry))
            if value is not None and value < points:
                shown = targets.format_actual(actual, target)
                findings.append(_below(_place(template.reason_col, indicator.row), indicator.name, shown, target.text))
            if indicator.key in by_key:  # the data decides; a score typed in settings is not used
                used.add(indicator.key)
                findings.append(finding("score-from-data", name=indicator.name, score=by_key[indicator.key][1]))
            continue
        if source and actual is not None and target is not None:
            findings.append(finding("indicator-target-unreadable", _place(template.target_col, indicator.row),
                                    name=indicator.name, text=target.text))
        value = None
        if indicator.key in by_key:
            name, value = by_key[indicator.key]
            used.add(indicator.key)
            if value > points:
                findings.append(finding("score-over-points", name=name, score=value, points=points))
        elif settings.scores:
            findings.append(finding("score-missing", name=indicator.name))
        shown_actual = actual if source != MANUAL else None
        scores.append(Score(indicator, value, ScoreSource.SETTINGS if value is not None else ScoreSource.MISSING,
                            points, source if shown_actual is not None else None, shown_actual, target, entry))
    if no_target:
        findings.append(finding("indicator-targets-missing", Place(sheet=SCORECARD), count=len(no_target), names="、".join(no_target)))
    if not settings.scores and any(s.source is ScoreSource.MISSING for s in scores):
        findings.append(finding("scores-not-set"))
    for key, (name, _value) in by_key.items():
        if key not in used:
            findings.append(finding("score-unknown-indicator", name=name))
    return scores, funds, findings


def _place(col: int | None, row: int) -> Place:
    """A cell of the 评分表 (openpyxl's 1-based column), or its whole row."""
    return Place(sheet=SCORECARD, row=row, col=col - 1 if col else None)


def _below(place: Place, name: str, actual: str, target: str) -> Finding:
    return finding("indicator-below-target", place, name=name, actual=actual, target=target)
