"""What the settings are: the Settings object, the keys each section knows, examples of each."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from xlfund.amounts import WAN
from xlfund.findings import Finding
from xlfund.vocab import DEFAULT_PURPOSE_GROUPS

SETTINGS_FILE = "xlfund.toml"
EXCEL_MAX_ROWS = 1_048_576
YEAR_RANGE = (1990, 2100)

# Indicators computed from the consolidated data, unless the settings say otherwise.
DEFAULT_COMPUTED = {"到位率": "funding_rate", "产出数量": "recipient_count"}
COMPUTED_SOURCES = {
    "funding_rate": "分数 × MIN(1, 实际分配 ÷ 批复计划)",
    "recipient_count": "分数 × MIN(1, 受助单位数 ÷ 目标单位数)",
}

# The keys each section knows; None: the section's keys are free names (districts, indicators…).
KNOWN_KEYS: dict[str, tuple[str, ...] | None] = {
    "fund": ("name", "year", "cap", "plan", "target_recipients", "districts", "unit"),
    "quotas": None,
    "scores": None,
    "scorecard": ("computed", "form", "goal", "achieved", "department", "implementer", "reporter"),
    "categories": None,
    "output": ("detail_max_rows",),
    "columns": ("amount",),
    "sheets": ("skip",),
    "indicators": None,
}

# The right form of each setting, shown in messages: (section, key) -> value as written in TOML.
_EXAMPLES = {
    ("fund", "name"): '"电子商务发展引导资金"',
    ("fund", "year"): "2025",
    ("fund", "cap"): "500",
    ("fund", "plan"): "490",
    ("fund", "target_recipients"): "50",
    ("fund", "districts"): '["高新区", "赫山区"]',
    ("fund", "unit"): '"万元"',
    ("output", "detail_max_rows"): "100000",
    ("columns", "amount"): '"核定金额"',
    ("sheets", "skip"): '["测算表", "Sheet2"]',
    ("scorecard", "form"): '"2020"',
}
# For sections whose keys are free names: the example value for any key.
_FREE_EXAMPLES = {"indicators": '"recipient_count"', "quotas": "204", "scores": "4", "categories": '["推广", "宣传"]', "scorecard.computed": '"funding_rate"'}


# What the 2020 form's indicators can be answered with ([indicators] "指标名称" = "recipient_count"),
# besides a number the clerk gives as the actual ([indicators] "带动就业人数" = 320).
INDICATOR_SOURCES = {
    "recipient_count": "受助单位数", "amount_allocated": "分配资金总额（万元）", "average_amount": "平均每个单位金额（万元）",
    "district_share": "报送区县占比", "budget_execution": "预算执行率",
}


# What an [indicators] entry may hold when it is a table ("带动就业人数" = { target = "≥500人", actual = 320 }).
INDICATOR_FIELDS = {"data": "由哪个数据回答", "target": "年度指标值", "actual": "实际完成值", "reason": "偏差原因分析及改进措施"}

# The 2020 form's own texts in [scorecard]: setting -> the label on the form.
SCORECARD_TEXTS = {"goal": "预期目标", "achieved": "实际完成情况", "department": "主管部门", "implementer": "实施单位", "reporter": "填报单位"}


@dataclass(frozen=True)
class IndicatorSetting:
    """One [indicators] entry (2020 form): the figure that answers it, its 年度指标值, the
    actual the clerk gives (in the target's unit: 95 for "≥90%") and the 偏差原因."""

    data: str | None = None
    target: str | Decimal | None = None
    actual: str | Decimal | None = None
    reason: str | None = None


class SettingsError(Exception):
    """Settings that cannot be used; the message is Chinese and names the file and key."""


@dataclass(frozen=True)
class Settings:
    fund_name: str = "专项资金"
    year: int | None = None
    cap: Decimal | None = None
    plan: Decimal | None = None
    target_recipients: int | None = None
    quotas: dict[str, Decimal] = field(default_factory=dict)
    districts: tuple[str, ...] = ()
    default_unit: str = WAN
    scores: dict[str, Decimal] = field(default_factory=dict)
    computed: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COMPUTED))
    purpose_groups: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PURPOSE_GROUPS))
    detail_max_rows: int = EXCEL_MAX_ROWS - 1  # data rows per 明细 sheet, below its header
    # 2020 form: indicator name -> what [indicators] says of it.
    indicators: dict[str, IndicatorSetting] = field(default_factory=dict)
    # 2020 form: 预期目标, 主管部门… by their SCORECARD_TEXTS key.
    scorecard_texts: dict[str, str] = field(default_factory=dict)
    # Which official form the scorecard follows: "2018" (the seed's) or "2020" (财预〔2020〕10号).
    scorecard_form: str = "2018"  # [scorecard] form in xlfund.toml
    # The amount column's header when a sheet has several that fit equally ([columns] amount).
    amount_column: str | None = None
    # Sheets the clerk leaves out by name ([sheets] skip): a working sheet nothing else tells apart.
    skip_sheets: tuple[str, ...] = ()
    source: str = ""  # the file these came from, for 说明
    # Chinese sentences about settings that were not used (unknown keys and sections, repeats);
    # the run goes on, and the caller shows them among its findings.
    warnings: tuple[Finding, ...] = ()  # settings-* findings at their line

    @property
    def title(self) -> str:
        return f"{self.year}年{self.fund_name}" if self.year else self.fund_name

    def known_districts(self) -> tuple[str, ...]:
        listed = set(self.districts)  # a set: thousands of names are checked against each other
        return (*self.districts, *(name for name in self.quotas if name not in listed))

    def with_cap(self, cap: Decimal | None) -> Settings:
        return self if cap is None else replace(self, cap=cap)

