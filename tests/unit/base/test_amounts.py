"""xlfund.amounts: amounts as districts type them (figures, 万元 and 元, full-width digits, 大写),
read exactly into 万元; every Chinese numeral, 亿 with 万, the fast path's edges, the small helpers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xlfund.amounts import (
    _MAX_WAN_INT,
    AmountError,
    ParsedAmount,
    as_number,
    fen_to_wan,
    format_wan,
    is_normalised,
    normalise_text,
    parse_amount,
    plain_fen,
    wan_to_fen,
)


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
        # The long way: exponent forms (1e-06, 1.5e+20), numbers past the shortcut's range, and
        # floats whose decimals below 1 分 are binary noise (500000.1953125), rounded to the 分.
        assert "e" in repr(value) or value >= _MAX_WAN_INT or len(repr(value).partition(".")[2]) > 6
        assert abs(Decimal(repr(value)) - wan) <= Decimal("0.0000005")


# Each digit character, upper and lower case and traditional, as 元 without 万: "<digit>元".
DIGITS = [
    ("零", 0), ("〇", 0), ("壹", 1), ("一", 1), ("贰", 2), ("貳", 2), ("二", 2), ("两", 2),
    ("叁", 3), ("參", 3), ("三", 3), ("肆", 4), ("四", 4), ("伍", 5), ("五", 5), ("陆", 6),
    ("陸", 6), ("六", 6), ("柒", 7), ("七", 7), ("捌", 8), ("八", 8), ("玖", 9), ("九", 9),
]


@pytest.mark.parametrize(("char", "value"), DIGITS)
def test_each_chinese_digit_times_a_thousand(char, value):
    # "<d>仟元": d × 1000 元 = d / 10 万元; 零/〇 alone give 0 (the unit counts once only with a digit)
    assert parse_amount(f"{char}仟元").wan == (Decimal(value) / 10 if value else Decimal(0))


@pytest.mark.parametrize(("char", "value"), [(c, v) for c, v in DIGITS if v])
def test_each_chinese_digit_in_jiao(char, value):
    # "<d>角" with no 元: d × 0.1 元 = d / 100000 万元
    assert parse_amount(f"{char}角").wan == Decimal(value) / 100000


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        # small units, upper and lower case
        ("壹拾元", "0.001"), ("一十元", "0.001"), ("拾元", "0.001"), ("十元", "0.001"),
        ("壹佰元", "0.01"), ("一百元", "0.01"), ("佰元", "0.01"), ("百元", "0.01"),
        ("壹仟元", "0.1"), ("一千元", "0.1"), ("仟元", "0.1"), ("千元", "0.1"),
        # 万 and its traditional form
        ("壹万元", "1"), ("壹萬元", "1"),
        ("万元", "0"),  # a unit alone reads as 0 (then rejected as not positive), unlike 拾元
        # 亿 and its traditional form, alone and together with 万 (issue 10: unpinned)
        ("壹亿元", "10000"), ("壹億元", "10000"),
        ("壹亿贰仟万元", "12000"),
        ("壹億贰仟萬元整", "12000"),
        ("贰亿零伍佰万元", "20500"),
        ("壹拾亿元", "100000"),
        ("壹亿零壹元", "10000.0001"),
        ("壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元", "123456.789"),
        # sections reset after 万: 12,000 元, not 10,000 + leftovers
        ("壹万贰仟元", "1.2"),
        ("壹拾万元", "10"),
        ("拾贰万元", "12"),
        ("叁拾万零伍元", "30.0005"),
        ("玖仟玖佰玖拾玖元", "0.9999"),
        # cents
        ("伍角", "0.00005"),
        ("伍分", "0.000005"),
        ("伍角陆分", "0.000056"),
        ("壹元零伍分", "0.000105"),
        ("壹元伍角", "0.00015"),
        ("壹佰元整", "0.01"),
        ("壹佰圆整", "0.01"),
        ("壹佰元正", "0.01"),
        ("零元整", "0"),
        # words in front and currency signs
        ("人民币壹佰元", "0.01"),
        ("人民币12万元", "12"),
        ("补助资金3万元", "3"),
        ("共计5万", "5"),
        ("约7万元", "7"),
        ("RMB 5万元", "5"),
        ("CNY50000元", "5"),
        ("¥50000", "50000"),  # a plain number takes the column's unit (万元 here)
        ("￥5", "5"),
        ("12万元整", "12"),
        ("12万元正", "12"),
        ("+12", "12"),
        ("-12", "-12"),
        ("1,234,567", "1234567"),
    ],
)
def test_written_amounts(text, wan):
    parsed = parse_amount(text)
    assert parsed == ParsedAmount(wan=Decimal(wan), unit_typo=False)


@pytest.mark.parametrize(
    ("value", "unit", "wan"),
    [
        (0, "万元", "0"),
        (0, "元", "0"),
        (-3, "万元", "-3"),
        (12, "元", "0.0012"),
        (12.0, "万元", "12"),
        (12.0, "元", "0.0012"),
        (0.5, "元", "0.00005"),
        (Decimal("12.50"), "万元", "12.5"),
        (Decimal("12"), "元", "0.0012"),
        ("12", "元", "0.0012"),
        ("12元", "万元", "0.0012"),
        ("12万元", "元", "12"),
        ("12万", "元", "12"),
    ],
)
def test_numbers_take_the_column_unit(value, unit, wan):
    assert parse_amount(value, unit).wan == Decimal(wan)


def test_results_are_plain_decimals_without_exponent_or_trailing_zeros():
    assert str(parse_amount(12).wan) == "12"
    assert str(parse_amount(12.0).wan) == "12"
    assert str(parse_amount(Decimal("12.500000")).wan) == "12.5"
    assert str(parse_amount("120000", "元").wan) == "12"
    assert str(parse_amount("1000000", "万元").wan) == "1000000"
    assert str(parse_amount(Decimal("1E+3")).wan) == "1000"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (None, "不是金额"),
        (True, "不是金额"),
        (False, "不是金额"),
        (float("nan"), "不是有效数字"),
        (float("inf"), "不是有效数字"),
        (float("-inf"), "不是有效数字"),
        (Decimal("NaN"), "不是有效数字"),
        (Decimal("Infinity"), "不是有效数字"),
        ([12], "不是金额（list）"),
        (b"12", "不是金额（bytes）"),
        ("", "金额为空"),
        ("\u3000 ", "金额为空"),
        ("人民币", "“人民币”不是金额"),
        ("整", "“整”不是金额"),
        ("abc", "“abc”不是金额"),
        ("12.3.4", "“12.3.4”不是金额"),
        ("拾角", "“拾角”的大写金额无法识别"),
        ("壹拾角", "“壹拾角”的大写金额无法识别"),
        ("伍角叁", "“伍角叁”的大写金额无法识别"),
        ("壹拾贰万元零一毛", "“壹拾贰万元零一毛”的大写金额无法识别"),
        ("0.0000001", "金额精度超过1分"),
        (Decimal("0.0000001"), "金额精度超过1分"),
        (0.0000001, "金额精度超过1分"),
    ],
)
def test_rejections_say_why(value, reason):
    with pytest.raises(AmountError) as info:
        parse_amount(value)
    assert info.value.reason == reason
    assert str(info.value) == reason


def test_precision_in_yuan():
    assert parse_amount("0.01", "元").wan == Decimal("0.000001")
    with pytest.raises(AmountError, match="金额精度超过1分"):
        parse_amount("0.001", "元")


def test_unit_typo_only_with_a_doubled_unit():
    assert parse_amount("5万元元") == ParsedAmount(Decimal(5), unit_typo=True)
    assert parse_amount("5万元元元") == ParsedAmount(Decimal(5), unit_typo=True)
    assert parse_amount("5万元") == ParsedAmount(Decimal(5), unit_typo=False)
    assert parse_amount("5万") == ParsedAmount(Decimal(5), unit_typo=False)


# ---------------------------------------------------------------- the fast path


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        (0, None),  # issue 10: an integer 0 is not a positive amount; parse_amount decides
        (-1, None),
        (1, 1_000_000),
        (12, 12_000_000),
        (0.0, None),
        (-0.5, None),
        (0.5, 500_000),
        (0.000001, None),  # repr is "1e-06": the long way
        (0.123456, 123_456),  # six decimals: still the fast path
        (0.1234567, None),  # seven: too fine for the fast path
        (12.25, 12_250_000),
        (1e20, None),
        (True, None),
        ("12", None),
        (Decimal(12), None),
        (None, None),
    ],
)
def test_plain_fen(value, fen):
    assert plain_fen(value) == fen


def test_plain_fen_returns_an_int():
    assert type(plain_fen(12)) is int
    assert type(plain_fen(12.5)) is int


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("wan", "fen"), [(Decimal(12), 12_000_000), (Decimal("0.000001"), 1), (Decimal("12.5"), 12_500_000), (Decimal(0), 0)],
)
def test_wan_and_fen_round_trip(wan, fen):
    assert wan_to_fen(wan) == fen
    assert fen_to_wan(fen) == wan


@pytest.mark.parametrize(("fen", "text"), [(12_000_000, "12"), (500_000, "0.5"), (1, "0.000001"), (0, "0"), (10**12, "1000000")])
def test_fen_to_wan_is_written_plainly(fen, text):
    assert str(fen_to_wan(fen)) == text


@pytest.mark.parametrize(
    ("amount", "number"), [(Decimal(204), 204), (Decimal("204.000"), 204), (Decimal("0.5"), 0.5), (Decimal("-3"), -3)],
)
def test_as_number(amount, number):
    result = as_number(amount)
    assert result == number and type(result) is type(number)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(Decimal("490.000000"), "490"), (Decimal("490"), "490"), (Decimal("100"), "100"), (Decimal("0.500"), "0.5"),
     (Decimal("0"), "0"), (Decimal("0.000"), "0"), (Decimal("-2.50"), "-2.5"), (Decimal("1E+2"), "100"),
     (Decimal("1E+3"), "1000"), (Decimal("0.123456"), "0.123456")],
)
def test_format_wan(amount, text):
    assert format_wan(amount) == text


@pytest.mark.parametrize(
    ("text", "normalised"),
    [("abc", True), ("a b", False), ("a\u3000b", False), ("１２", False), ("12", True), ("甲公司", True), ("甲（公司）", False),
     ("a\u00a0b", False), ("", True)],
)
def test_is_normalised_agrees_with_normalise_text(text, normalised):
    assert is_normalised(text) is normalised
    assert (normalise_text(text) == text) is normalised


def test_normalise_text():
    assert normalise_text(" １２ 万\u3000元\u200b") == "12万元"
    assert normalise_text("（甲）") == "(甲)"


@pytest.mark.parametrize(
    ("text", "wan"),
    [("12万5千元", "12.5"), ("5万5千元", "5.5"), ("12万5000元", "12.5"), ("1万2千5百元", "1.25"), ("5千元", "0.5")],
)
def test_figures_with_magnitude_words_between_them(text, wan):
    # In 元 whatever the column's unit, as a 大写 amount is: "12万5千元" is 125,000 元.
    assert parse_amount(text, "万元").wan == Decimal(wan) == parse_amount(text, "元").wan


@pytest.mark.parametrize("text", ["3万5", "3万50", "12万500元"])
def test_a_short_tail_after_wan_is_no_amount(text):
    # "3万5" is 3.5 万 in speech and 30,005 元 as written: refused, never guessed.
    with pytest.raises(AmountError):
        parse_amount(text, "万元")
