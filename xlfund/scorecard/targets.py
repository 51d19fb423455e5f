"""Targets, actuals and scores of the 2020 项目支出绩效自评表 (财预〔2020〕10号), as pure logic.

A 年度指标值 is text the clerk typed: "59个", "≥90%", "≤10万元", "不少于500人", "按时完成".
This module reads it into a Target, writes an actual value in the target's own unit and
form ("59个", "98.00%", "8.31万元"), scores it by the 2020 rules, rescales points when
indicators are 不适用, and recognises which indicators the consolidated data can answer.

Scales. Actual values passed in are in the consolidation's own scale: counts as numbers,
money in 万元, rates as fractions (0.98 for 98 %). `in_target_unit` converts them to the
scale the target was written in (98 for "%", 83137 for "元") before comparing or showing.

Pure (Decimal), so the rules can be tested without any workbook; the arithmetic of each
score, with its formula, is in rules.py.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from xlfund.scorecard import rules

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class Operator(enum.Enum):
    """How the actual is compared with the target number."""

    AT_LEAST = "≥"
    ABOVE = ">"
    EQUAL = "="  # a plain "59个": scored like "≥" (more than planned still earns full points)
    AT_MOST = "≤"
    BELOW = "<"
    QUALITATIVE = "定性"  # "按时完成", "达标", "较好": met or not is the clerk's judgment

    @property
    def negative(self) -> bool:
        """A ceiling ("≤10万元"): smaller is better."""
        return self in (Operator.AT_MOST, Operator.BELOW)


@dataclass(frozen=True)
class Target:
    """A parsed 年度指标值."""

    operator: Operator
    number: Decimal | None  # as written: 90 for "≥90%"; None when qualitative
    unit: str  # as written: "个", "%", "万元", "人"…; "" for none
    text: str  # the cell's text, unchanged

    @property
    def quantitative(self) -> bool:
        return self.operator is not Operator.QUALITATIVE and self.number is not None


# --------------------------------------------------------------------------- parsing

# Symbols NFKC leaves alone (U+2267 ≧, U+2266 ≦ are common in Japanese-style IMEs).
_SYMBOLS = str.maketrans({"≧": "≥", "⩾": "≥", "≦": "≤", "⩽": "≤", "﹥": ">", "﹤": "<", "＝": "="})
# Longest first: "大于等于" must win over "大于", "不低于" over "低于".
_PREFIXES: tuple[tuple[str, Operator], ...] = (
    (">=", Operator.AT_LEAST), ("=>", Operator.AT_LEAST), ("<=", Operator.AT_MOST), ("=<", Operator.AT_MOST),
    ("大于或等于", Operator.AT_LEAST), ("大于等于", Operator.AT_LEAST), ("小于或等于", Operator.AT_MOST),
    ("小于等于", Operator.AT_MOST), ("不低于", Operator.AT_LEAST), ("不少于", Operator.AT_LEAST),
    ("不小于", Operator.AT_LEAST), ("不高于", Operator.AT_MOST), ("不超过", Operator.AT_MOST),
    ("不多于", Operator.AT_MOST), ("不大于", Operator.AT_MOST), ("至少", Operator.AT_LEAST),
    ("最低", Operator.AT_LEAST), ("达到", Operator.AT_LEAST), ("最高", Operator.AT_MOST), ("最多", Operator.AT_MOST),
    ("大于", Operator.ABOVE), ("高于", Operator.ABOVE), ("超过", Operator.ABOVE), ("多于", Operator.ABOVE),
    ("小于", Operator.BELOW), ("低于", Operator.BELOW), ("少于", Operator.BELOW), ("等于", Operator.EQUAL),
    ("≥", Operator.AT_LEAST), ("≤", Operator.AT_MOST), (">", Operator.ABOVE), ("<", Operator.BELOW),
    ("=", Operator.EQUAL),
)
_SUFFIXES: tuple[tuple[str, Operator], ...] = (
    ("及以上", Operator.AT_LEAST), ("以上", Operator.AT_LEAST), ("及以下", Operator.AT_MOST), ("以下", Operator.AT_MOST),
    ("以内", Operator.AT_MOST), ("之内", Operator.AT_MOST), ("内", Operator.AT_MOST), ("左右", Operator.EQUAL),
)
# Words before the operator that say nothing ("控制在10万元以内", "目标值≥90%").
_FILLER = re.compile(r"^(?:目标值|指标值|控制在|保持在|完成|实现)[:：]?")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^[+-]?\.\d+")
# A unit is a few letters or CJK characters; these characters mean the rest is prose
# ("12月底前", "100%完成"), so the text is a qualitative target, not a number.
_UNIT = re.compile(r"^(?:%|‰|[A-Za-z\u4e00-\u9fff/·²³]{1,6})$")
_NOT_UNIT = re.compile(r"[前后底完成达到以之左右约及]")
NOT_APPLICABLE = ("不适用", "不涉及", "无此项")


def _normalise(text: str) -> str:
    """Full-width digits and symbols to ASCII (NFKC), the odd comparison signs to ≥ ≤, no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(_SYMBOLS))


def is_not_applicable(value: object) -> bool:
    """True for a cell marking an indicator 不适用 (its points are then dropped and the rest rescaled)."""
    return isinstance(value, str) and _normalise(value) in NOT_APPLICABLE


def parse_target(value: object, number_format: str | None = None) -> Target | None:
    """Read a 年度指标值 cell; None when it is empty or 不适用.

    Numbers typed as cell values are plain targets ("="); a cell formatted as a percentage
    (pass its `number_format`) holding 0.9 means "90%". Text that is not a comparison, a
    number and a short unit is a qualitative target ("按时完成", "2020年12月底前").
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return None
        if number_format and "%" in number_format:
            return Target(Operator.EQUAL, _tidy(number * HUNDRED), "%", str(value))
        return Target(Operator.EQUAL, _tidy(number), "", str(value))
    text = str(value)
    plain = _FILLER.sub("", _normalise(text))
    if not plain or plain in NOT_APPLICABLE:
        return None
    operator = None
    for word, op in _PREFIXES:
        if plain.startswith(word):
            operator, plain = op, plain[len(word):]
            break
    match = _NUMBER.match(plain)
    if match is None:
        return Target(Operator.QUALITATIVE, None, "", text)
    rest = plain[match.end():]
    for word, op in _SUFFIXES:
        if rest.endswith(word):
            rest = rest[: -len(word)]
            operator = operator or op  # an explicit sign wins over a trailing word
            break
    if rest and (not _UNIT.match(rest) or _NOT_UNIT.search(rest)):
        return Target(Operator.QUALITATIVE, None, "", text)
    try:
        number = Decimal(match.group().replace(",", ""))
    except InvalidOperation:  # the pattern admits only numbers; kept for safety
        return Target(Operator.QUALITATIVE, None, "", text)
    return Target(operator or Operator.EQUAL, number, rest, text)


def _tidy(number: Decimal) -> Decimal:
    """0.9 × 100 is Decimal('90.0'); keep it 90 so "90%" reads as typed."""
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number.normalize()


# --------------------------------------------------------------------------- units and formatting

_MONEY_SCALE = {"元": Decimal(10000), "万元": Decimal(1), "亿元": Decimal("0.0001")}


def in_target_unit(actual: Decimal, unit: str) -> Decimal:
    """An actual in the consolidation's scale (fractions, 万元, counts) in the scale of `unit`."""
    if unit == "%":
        return actual * HUNDRED
    if unit == "‰":
        return actual * 1000
    base = _base_unit(unit)
    if base in _MONEY_SCALE:
        return actual * _MONEY_SCALE[base]
    if base.startswith("万"):  # "万人", "万人次": counts written in ten thousands
        return actual / Decimal(10000)
    return actual


def from_target_unit(value: Decimal, unit: str) -> Decimal:
    """A number written in the scale of `unit` (95 for "%") back in the consolidation's scale."""
    return value / in_target_unit(Decimal(1), unit)


def _base_unit(unit: str) -> str:
    """"万元/家" is money per recipient: its scale is that of 万元."""
    return unit.partition("/")[0]


def format_actual(actual: Decimal, target: Target | None) -> str:
    """实际完成值 in the target's own unit and form: "59个", "98.00%", "8.31万元".

    Rates and money keep two decimals, as the form shows them; counts and other units show
    whole numbers when whole, otherwise two decimals. The comparison sign is not repeated:
    the form's 实际完成值 states what happened, not the target.
    """
    unit = target.unit if target is not None and target.quantitative else ""
    value = in_target_unit(actual, unit)
    if unit in ("%", "‰") or _base_unit(unit) in _MONEY_SCALE:
        shown = f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"
    elif value == value.to_integral_value():
        shown = f"{value.quantize(Decimal(1)):f}"
    else:
        shown = f"{value.quantize(CENT, rounding=ROUND_HALF_UP):f}"
    return shown + unit


# --------------------------------------------------------------------------- scoring


def is_met(target: Target, actual: Decimal) -> bool | None:
    """Whether the actual meets the target; None for a qualitative target (a judgment)."""
    if not target.quantitative:
        return None
    assert target.number is not None
    value = in_target_unit(actual, target.unit)
    return {
        Operator.AT_LEAST: value >= target.number,
        Operator.EQUAL: value >= target.number,  # above a plain target is not a miss
        Operator.ABOVE: value > target.number,
        Operator.AT_MOST: value <= target.number,
        Operator.BELOW: value < target.number,
    }[target.operator]


def score_indicator(target: Target, actual: Decimal, points: Decimal) -> Decimal | None:
    """得分 by the 2020 rules (rules.target_score, in the target's unit); None for a
    qualitative target, which the clerk scores. Deducting for a target set far too low is a
    judgment ("按照偏离度适度"), left to the clerk."""
    if not target.quantitative:
        return None
    assert target.number is not None
    return rules.target_score(points, in_target_unit(actual, target.unit), target.number, target.operator.negative)


def rescale_points(points: Sequence[Decimal], dropped: Collection[int], total: Decimal | None = None) -> list[Decimal]:
    """Points after dropping the 不适用 indicators (by index), the rest scaled back to `total`.

    `total` defaults to the sum of all the points given (100 for a whole form, funds row
    included). Each kept indicator gets points × total ÷ kept points, to 0.01. So that the
    column still adds up to exactly `total`, the shares are cut down to 0.01 first and the
    hundredths left over go one each to the largest remainders (ties: the earlier row), the
    largest-remainder method. Dropped indicators get 0.
    """
    if total is None:
        total = sum(points, Decimal(0))
    kept = [i for i in range(len(points)) if i not in dropped]
    kept_sum = sum((points[i] for i in kept), Decimal(0))
    if kept_sum <= 0:
        raise ValueError("没有可计分的指标：全部指标均不适用或分值为 0")
    exact = {i: points[i] * total / kept_sum for i in kept}
    result = [Decimal(0)] * len(points)
    for i in kept:
        result[i] = exact[i].quantize(CENT, rounding=ROUND_DOWN)
    left = int((total.quantize(CENT) - sum(result, Decimal(0))) / CENT)
    by_remainder = sorted(kept, key=lambda i: (-(exact[i] - result[i]), i))
    for i in by_remainder[:left]:
        result[i] += CENT
    return result


# --------------------------------------------------------------------------- name recognition

RECIPIENT_COUNT = "recipient_count"  # 受助单位数
AMOUNT_ALLOCATED = "amount_allocated"  # 分配资金总额（万元）
AVERAGE_AMOUNT = "average_amount"  # 平均每个受助单位的金额（万元）
DISTRICT_SHARE = "district_share"  # 报送数据的区县 ÷ 应报区县
BUDGET_EXECUTION = "budget_execution"  # 全年执行数 ÷ 全年预算数
DATA_SOURCES = (RECIPIENT_COUNT, AMOUNT_ALLOCATED, AVERAGE_AMOUNT, DISTRICT_SHARE, BUDGET_EXECUTION)

# Words of indicators only a person can judge; checked first so that "资金拨付及时性" or
# "资金分配合理性" are not taken for the allocated amount.
_JUDGMENT = ("满意", "质量", "合格", "及时", "时效", "时限", "按时", "完成时间", "规范", "合规", "合理", "效益",
             "影响", "知晓", "公开", "公示", "违规", "挪用", "安全", "带动", "增长", "持续")
_RECIPIENTS = ("企业", "单位", "村", "社区", "对象", "扶持", "受助", "受益", "补助", "奖补", "项目", "主体", "户")
_COUNT_WORDS = ("数量", "个数", "家数", "户数", "村数")
_AVERAGE_WORDS = ("平均", "户均", "家均", "单位成本", "每个", "每家", "每户")
_MONEY_WORDS = ("金额", "资金", "扶持", "补助", "奖补", "成本", "额度")
_AMOUNT_WORDS = ("金额", "总额", "数额", "额度", "资金规模", "资金量", "分配")


def data_source(name: str) -> str | None:
    """Which figure of the consolidation answers an indicator named `name` (its 三级指标), or None.

    None means a judgment indicator (质量, 时效, 满意度, 效益…) or a name not recognised;
    settings can map other names. Rules are checked in order, most specific first.
    """
    key = _normalise(name)
    key = re.sub(r"[(（][^)）]*分[)）]$", "", key)  # "（10分）" written into the name
    if "执行率" in key:
        return BUDGET_EXECUTION
    if "报送率" in key or "覆盖区县" in key or ("区县" in key and "覆盖" in key):
        return DISTRICT_SHARE
    if any(word in key for word in _JUDGMENT):
        return None
    if any(word in key for word in _AVERAGE_WORDS) and any(word in key for word in _MONEY_WORDS):
        return AVERAGE_AMOUNT
    if "单位成本" in key:
        return AVERAGE_AMOUNT
    if any(word in key for word in _COUNT_WORDS) and any(word in key for word in _RECIPIENTS):
        return RECIPIENT_COUNT
    if any(word in key for word in _AMOUNT_WORDS) or key.endswith("资金"):
        return AMOUNT_ALLOCATED
    return None
