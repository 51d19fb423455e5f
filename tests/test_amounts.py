"""Amounts as districts type them, read exactly into 万元."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlfund.amounts import AmountError, fen_to_wan, format_wan, parse_amount, plain_fen, wan_to_fen


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (12, "万元", "12"),
        (12.5, "万元", "12.5"),
        (0.1, "万元", "0.1"),  # not 0.1000000000000000055…
        ("12", "万元", "12"),
        ("12万元", "元", "12"),  # a unit in the cell wins over the column's
        ("12万", "万元", "12"),
        ("5万元元", "万元", "5"),  # the seed's own typo
        ("扶持9万元", "万元", "9"),  # as in the seed
        ("120,000元", "万元", "12"),
        ("120000", "元", "12"),
        ("1,234.56", "元", "0.123456"),
        ("１２", "万元", "12"),  # full-width digits
        ("１２．５万元", "万元", "12.5"),
        (" 1 2 ", "万元", "12"),
        ("12\u3000", "万元", "12"),
        ("￥120,000", "元", "12"),
        ("人民币壹拾贰万元整", "万元", "12"),
        ("壹拾万元整", "万元", "10"),
        ("十二万元", "万元", "12"),
        ("伍仟元伍角", "万元", "0.50005"),
        ("壹佰零伍万元整", "万元", "105"),
        ("贰亿元整", "万元", "20000"),
    ],
)
def test_parse_amount_forms(value, unit, expected):
    assert parse_amount(value, unit).wan == Decimal(expected)


@pytest.mark.parametrize("value", ["abc", "nan", "inf", "1e5", "1_000", "12万元多", "", "  ", "12.3.4", "壹拾贰万元零一毛", None, True, float("nan")])
def test_not_amounts_are_rejected_with_a_reason(value):
    with pytest.raises(AmountError) as info:
        parse_amount(value)
    assert info.value.reason


def test_unit_typo_is_flagged():
    assert parse_amount("5万元元").unit_typo is True
    assert parse_amount("5万元").unit_typo is False


def test_precision_beyond_one_fen_is_refused():
    with pytest.raises(AmountError):
        parse_amount("0.001", "元")


def test_format_wan_never_uses_exponents():
    assert format_wan(Decimal("490.000000")) == "490"
    assert format_wan(Decimal("1E+3")) == "1000"
    assert format_wan(Decimal("0.123456")) == "0.123456"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ["", "拾", "佰", "仟"]


def _chinese_yuan(n: int) -> str:
    """A 大写 amount as a careful clerk writes it (reference implementation for the test)."""
    if n == 0:
        return "零元整"

    def section(v: int) -> str:
        out, zero = "", False
        for i in range(3, -1, -1):
            d = v // 10**i % 10
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[d] + _UNITS[i]
        return out

    high, low = divmod(n, 10000)
    text = (section(high) + "万" if high else "") + ("零" if high and 0 < low < 1000 else "") + (section(low) if low else "")
    return text + "元整"


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_uppercase_round_trips(yuan):
    assert parse_amount(_chinese_yuan(yuan)).wan == Decimal(yuan) / 10000


@given(st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("100000000"), places=6))
def test_any_written_form_parses_back_exactly(wan):
    yuan = wan * 10000
    plain = format_wan(wan)
    forms = [
        (plain, "万元"), (plain + "万元", "元"), (plain + "万", "万元"),
        (f"{yuan:,.2f}", "元"), (f"{yuan:,.2f}元", "万元"),
        (plain.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")), "万元"),
        (float(plain), "万元") if len(plain.replace(".", "")) <= 15 else (plain, "万元"),
    ]
    for form, unit in forms:
        assert parse_amount(form, unit).wan == wan, (form, unit)


@given(st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**12, max_value=10**12),
    st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000000"), places=6).map(float),
))
def test_the_fast_number_path_agrees_with_parse_amount(value):
    # plain_fen is the per-row shortcut; parse_amount is the rule. Where the shortcut answers,
    # it must give the same 分; where parse_amount accepts a positive amount, it may defer.
    fast = plain_fen(value)
    try:
        wan = parse_amount(value).wan
    except AmountError:
        assert fast is None
        return
    if fast is not None:
        assert fast == wan_to_fen(wan) and fen_to_wan(fast) == wan
    elif wan > 0:
        assert "e" in repr(value)  # only exponent forms (1e-06, 1.5e+20) take the long way
