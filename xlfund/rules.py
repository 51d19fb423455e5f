"""The comparisons that exist twice, as Python and as an Excel formula (对账, 汇总): defined once.

Amounts are exact to the 分 in Python, but Excel adds doubles (12.000001 - 12 gives
9.99999997e-07): both sides round the difference to the 分 and compare that with 0, so float
noise vanishes and a real difference of one 分 stays. tests/test_rules.py holds the Python
answer and LibreOffice's answer to the formula equal on a table of inputs.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from xlfund.amounts import FEN_IN_WAN

FEN_DIGITS = -FEN_IN_WAN.as_tuple().exponent  # decimals of 万元 that are whole 分: 6
_COMPARE = {"=": operator.eq, "<=": operator.le, ">=": operator.ge}


def to_fen(amount: Decimal) -> Decimal:
    """An amount in 万元 rounded to the 分, half up as Excel's ROUND does."""
    return amount.quantize(FEN_IN_WAN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rule:
    """actual − expected, rounded to the 分, compared with 0; and the words for each outcome.
    With `places` (an equality only): also met when actual, rounded half up to those decimal
    places of 万元, is the expected (a stated 合计 typed to 0.01 万元 over finer lines)."""

    operator: str  # as Excel writes it: "=", "<=", ">="
    passed_word: str
    failed_word: str
    places: int | None = None

    def at_places(self, places: int) -> Rule:
        return replace(self, places=places)

    def passes(self, expected: Decimal, actual: Decimal) -> bool:
        if _COMPARE[self.operator](to_fen(actual - expected), 0):
            return True
        return self.places is not None and actual.quantize(Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP) == expected

    def word(self, passed: bool) -> str:
        return self.passed_word if passed else self.failed_word

    def test(self, difference: str, actual: str = "", expected: str = "") -> str:
        """The Excel condition on a cell (or expression) holding actual − expected (and, for a
        rule at its own places, the cells of actual and expected)."""
        exact = f"ROUND({difference},{FEN_DIGITS}){self.operator}0"
        if self.places is None:
            return exact
        return f"OR({exact},ROUND({actual},{self.places})={expected})"

    def result_formula(self, difference: str, actual: str = "", expected: str = "") -> str:
        """The whole result cell: the outcome's word."""
        return f'=IF({self.test(difference, actual, expected)},"{self.passed_word}","{self.failed_word}")'

    def failing_formula(self, difference: str, present: str = "") -> str:
        """A conditional format's condition: true when there is a figure (`present`, by default
        the difference itself) and the rule fails."""
        return f"=AND(ISNUMBER({present or difference}),NOT({self.test(difference)}))"


EQUAL = Rule("=", "一致", "不一致")  # a stated total, the plan, a quota
AT_MOST = Rule("<=", "通过", "超出")  # the cap
AT_LEAST = Rule(">=", "达到", "未达到")  # a target: exceeding it is meeting it
RULES = (EQUAL, AT_MOST, AT_LEAST)
