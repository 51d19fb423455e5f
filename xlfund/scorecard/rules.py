"""Every scoring rule once: the Decimal value and the Excel formula of each rule, side by side.

The scorecard shows a value computed here in Decimal and also a live formula that Excel, WPS
and LibreOffice recalculate when the clerk types. The two must agree, so each rule is a pair:
`rule(...)` gives the value, `rule_formula(...)` the formula text (without "=") over the cell
references it is given. tests/test_rules.py recalculates every formula over a table of inputs
in LibreOffice and holds it equal to the value.

Only classic functions (ROUND, MIN, MAX, IF, N, COUNTBLANK): Excel 2010 and WPS read them all.
Excel's ROUND rounds halves away from zero; the scores are never negative, so ROUND_HALF_UP.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from xlfund.amounts import format_wan

CENT = Decimal("0.01")
ONE, ZERO = Decimal(1), Decimal(0)

# 优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60 (财预〔2020〕10号), highest first.
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))
LOWEST_GRADE = "差"


def round_score(value: Decimal) -> Decimal:
    """A score to 0.01 as ROUND(…, 2) gives it."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def number_text(value: Decimal) -> str:
    """A constant inside a formula: plain digits, negatives in brackets."""
    return format_wan(value) if value >= 0 else f"({format_wan(value)})"


# --------------------------------------------------------------------------- 2018: 到位率, 产出数量


def capped_ratio(points: Decimal, actual: Decimal, planned: Decimal | None) -> Decimal | None:
    """points × MIN(1, actual ÷ planned); None without a plan to divide by."""
    if planned is None or planned == 0:
        return None
    return round_score(points * min(ONE, actual / planned))


def capped_ratio_formula(points: str, actual: str, planned: str) -> str:
    return f"ROUND({points}*MIN(1,{actual}/{planned}),2)"


# --------------------------------------------------------------------------- 2020: an indicator against its 年度指标值


def target_score(points: Decimal, actual: Decimal, target: Decimal, negative: bool) -> Decimal:
    """得分 of a quantitative indicator; `actual` and `target` in one scale.

    Met → full points. A positive target not met earns actual ÷ target × points; a negative
    one ("≤x") exceeded earns target ÷ actual × points; never above the points nor below 0.
    ">" and "<" are scored as "≥" and "≤": at the target itself the ratio is 1 either way.
    """
    if negative:
        share = ONE if actual <= target else (max(ZERO, min(ONE, target / actual)) if actual > 0 else ZERO)
    elif target <= 0:
        share = ONE if actual >= target else ZERO
    else:
        share = ONE if actual >= target else max(ZERO, min(ONE, actual / target))
    return round_score(points * share)


def target_score_formula(points: str, actual: str, target: Decimal, negative: bool) -> str:
    t, a, p = number_text(target), actual, points
    if negative:
        return f"ROUND({p}*IF({a}<={t},1,IF({a}>0,MAX(0,MIN(1,{t}/{a})),0)),2)"
    if target <= 0:
        return f"ROUND({p}*IF({a}>={t},1,0),2)"
    return f"ROUND({p}*IF({a}>={t},1,MAX(0,MIN(1,{a}/{t}))),2)"


# --------------------------------------------------------------------------- 2020: the funds block


def execution_rate(spent: Decimal, budget: Decimal | None) -> Decimal | None:
    """执行率 = 全年执行数 ÷ 全年预算数, unrounded; None (a blank cell) without a budget."""
    if budget is None or budget == 0:
        return None
    return spent / budget


def execution_rate_formula(spent: str, budget: str) -> str:
    return f'IF(N({budget})=0,"",{spent}/{budget})'


def execution_score(points: Decimal, rate: Decimal | None) -> Decimal | None:
    """得分 = points × MIN(执行率, 1); None (blank) while the rate is blank."""
    if rate is None:
        return None
    return round_score(points * max(ZERO, min(ONE, rate)))


def execution_score_formula(points: str, rate: str) -> str:
    return f'IF({rate}="","",ROUND({points}*MIN({rate},1),2))'


# --------------------------------------------------------------------------- the grade


def grade(total: Decimal, blank_scores: int = 0) -> str | None:
    """优/良/中/差 by the total; None (a blank cell) while any score is blank."""
    if blank_scores:
        return None
    for bound, name in GRADES:
        if total >= bound:
            return name
    return LOWEST_GRADE


def grade_formula(total: str, score_ranges: list[str], prefix: str = "") -> str:
    """The grade over the total, "" while any score cell in `score_ranges` is blank.

    COUNTBLANK takes one range and counts "" results as blank (Excel 2010, WPS, LibreOffice);
    `prefix` is text shown before the grade ("等级：").
    """
    shown = f'"{LOWEST_GRADE}"'
    for bound, name in reversed(GRADES):
        shown = f'IF({total}>={number_text(bound)},"{name}",{shown})'
    if prefix:
        shown = f'"{prefix}"&{shown}'
    blanks = "+".join(f"COUNTBLANK({cells})" for cells in score_ranges)
    return f'IF({blanks}>0,"",{shown})'


def grade_text(total: Decimal, blank_scores: int = 0, prefix: str = "") -> str:
    """What grade_formula shows: the prefix and grade, or "" while scores are blank."""
    name = grade(total, blank_scores)
    return "" if name is None else prefix + name
