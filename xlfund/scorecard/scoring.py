"""Score the indicators (pure): computed ones from the data, judgment ones from settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from xlfund.amounts import format_wan
from xlfund.findings import Finding, finding
from xlfund.scorecard import rules
from xlfund.scorecard.targets import format_actual
from xlfund.scorecard.template import Indicator, Template, indicator_key
from xlfund.settings import Settings


@dataclass(frozen=True)
class Figures:
    """What the computed indicators are computed from."""

    plan: Decimal | None
    allocated: Decimal
    target: int | None
    recipients: int
    districts_reported: int | None = None  # of the districts in the settings, those with records
    districts_expected: int | None = None  # None: the settings list no districts


class ScoreSource(StrEnum):
    """Where a score comes from; the first two are the keys of settings.COMPUTED_SOURCES."""

    FUNDING_RATE = "funding_rate"
    RECIPIENT_COUNT = "recipient_count"
    SETTINGS = "scores"
    MISSING = "missing"
    DATA = "data"  # 2020 form: actual from the data against the 年度指标值 (Score.data says which figure)
    NOT_APPLICABLE = "not_applicable"  # 2020 form: 不适用, its points given to the others

    @property
    def is_computed(self) -> bool:
        return self in (ScoreSource.FUNDING_RATE, ScoreSource.RECIPIENT_COUNT, ScoreSource.DATA)


@dataclass(frozen=True)
class Score:
    indicator: Indicator
    value: Decimal | None  # None: not scored (shown blank, counted 0)
    source: ScoreSource
    # 2020 form only: the points after 不适用 rescaling, the figure that answers the indicator
    # (targets.DATA_SOURCES), its actual in the consolidation's scale, and the parsed target.
    points: Decimal | None = None
    data: str | None = None
    actual: Decimal | None = None
    target: object = None  # targets.Target
    # 2020 form only: what the form shows in the clerk's cells (年度指标值 as written, the
    # actual the clerk gave, 偏差原因), a settings.IndicatorSetting.
    entry: object = None

    @property
    def shown_points(self) -> Decimal:
        return self.indicator.points if self.points is None else self.points


@dataclass(frozen=True)
class FundsScore:
    """The 2020 form's funds block: 全年预算数 (plan), 全年执行数 (allocated), 分值 and 得分."""

    budget: Decimal | None
    spent: Decimal
    points: Decimal
    value: Decimal | None  # None without a budget


@dataclass
class Carried:
    """What the clerk typed that differs from the settings, to be used instead (and what
    --save-scores writes): scores, indicator entries (name -> {target/actual/reason: value})
    and the form's texts ([scorecard] key -> text)."""

    scores: dict[str, Decimal] = field(default_factory=dict)
    indicators: dict[str, dict[str, str | Decimal]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.scores or self.indicators or self.texts)

    @property
    def count(self) -> int:
        return len(self.scores) + sum(len(v) for v in self.indicators.values()) + len(self.texts)


@dataclass
class Card:
    template: Template | None
    scores: list[Score] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    figures: Figures | None = None
    settings: Settings | None = None
    funds: FundsScore | None = None
    # What was typed into the 评分表 of an earlier output that differs from the settings and
    # was used instead; what --save-scores writes into xlfund.toml.
    kept: Carried = field(default_factory=Carried)
    # [scores] as the settings file has it (before any score was carried): recorded in the output.
    said: dict[str, Decimal] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # 2020 form: 预期目标, 主管部门… ([scorecard] keys)
    # 2020 form: what the settings alone put in each input cell (inputs.py key -> value),
    # recorded so that the next run tells the clerk's typing from the settings' word.
    said_inputs: dict[str, object] = field(default_factory=dict)
    earlier: Path | None = None  # the output this run replaces, looked at for typed cells
    earlier_read: bool = False  # it existed and could be read

    @property
    def unscored(self) -> int:
        """Scores still blank (judgment ones not given, the funds block without a budget):
        until there are none the card has no grade, as the sheet's grade formula has none."""
        blank = sum(1 for s in self.scores if s.value is None and s.source is not ScoreSource.NOT_APPLICABLE)
        return blank + (1 if self.funds is not None and self.funds.value is None else 0)

    @property
    def total(self) -> Decimal:
        funds = self.funds.value if self.funds is not None and self.funds.value is not None else Decimal(0)
        return sum((s.value or Decimal(0) for s in self.scores), funds)

    @property
    def grade(self) -> str | None:
        """优/良/中/差, or None while any score is blank (尚有 N 项未评分，暂不评级)."""
        return rules.grade(self.total, self.unscored)

    def as_dict(self) -> dict:
        data: dict = {
            "total": format_wan(self.total), "grade": self.grade, "unscored": self.unscored,
            "indicators": [_indicator_dict(s) for s in self.scores],
        }
        if self.funds is not None:
            data["funds"] = {
                "budget": None if self.funds.budget is None else format_wan(self.funds.budget),
                "spent": format_wan(self.funds.spent), "points": format_wan(self.funds.points),
                "score": None if self.funds.value is None else format_wan(self.funds.value),
            }
        return data


def _indicator_dict(s: Score) -> dict:
    item = {"name": s.indicator.name, "points": format_wan(s.shown_points),
            "score": None if s.value is None else format_wan(s.value), "source": str(s.source)}
    if s.data is not None:
        item["data"] = s.data
    if s.target is not None:
        item["target"] = s.target.text
        item["actual"] = None if s.actual is None else format_actual(s.actual, s.target)
    return item


def score_indicators(template: Template, settings: Settings, figures: Figures) -> tuple[list[Score], list[Finding]]:
    """Pure: each indicator's score and where it comes from, with findings for what is missing."""
    scores: list[Score] = []
    findings: list[Finding] = []
    by_key = {indicator_key(k): (k, v) for k, v in settings.scores.items()}
    computed = {indicator_key(k): v for k, v in settings.computed.items()}
    used: set[str] = set()
    for indicator in template.indicators:
        source = ScoreSource(computed[indicator.key]) if indicator.key in computed else None
        if source is not None:
            value = computed_score(source, indicator.points, figures)
            if value is None:
                setting, consequence = (("fund.plan", "无法计算“到位率”") if source is ScoreSource.FUNDING_RATE
                                        else ("fund.target_recipients", "无法计算“产出数量”"))
                findings.append(finding("setting-missing", setting=setting, consequence=f"{consequence}，请在评分表中填写"))
                scores.append(Score(indicator, None, ScoreSource.MISSING))
            else:
                scores.append(Score(indicator, value, source))
            continue
        if indicator.key in by_key:
            name, value = by_key[indicator.key]
            used.add(indicator.key)
            if value > indicator.points:
                findings.append(finding("score-over-points", name=name, score=value, points=indicator.points))
            scores.append(Score(indicator, value, ScoreSource.SETTINGS))
        else:
            if settings.scores:
                findings.append(finding("score-missing", name=indicator.name))
            scores.append(Score(indicator, None, ScoreSource.MISSING))
    if not settings.scores:
        findings.append(finding("scores-not-set"))
    for key, (name, _value) in by_key.items():
        if key not in used:
            findings.append(finding("score-unknown-indicator", name=name))
    return scores, findings


def computed_score(source: ScoreSource, points: Decimal, figures: Figures) -> Decimal | None:
    """points × MIN(1, actual ÷ planned) (rules.capped_ratio); None without a plan."""
    if source is ScoreSource.FUNDING_RATE:
        return rules.capped_ratio(points, figures.allocated, figures.plan)
    planned = None if figures.target is None else Decimal(figures.target)
    return rules.capped_ratio(points, Decimal(figures.recipients), planned)
