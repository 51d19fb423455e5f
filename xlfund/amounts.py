"""Parse money as districts type it, into exact Decimal 万元.

Accepted forms: numbers, "12", "12万元", "120,000元", "１２万", "￥120000", "扶持9万元",
the seed's own "5万元元", and Chinese numerals in upper or lower case ("壹拾贰万元整",
"十二万元"). Plain numbers take the unit of their column (万元 unless the header or a unit
line says 元); a unit written in the cell wins over the column's.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Context, Decimal, InvalidOperation

from xlfund.limits import MAX_AMOUNT_WAN
from xlfund.vocab import AMOUNT_LEADING_WORDS

# Wide enough for every bounded amount (10^10 万元 to the 分 is 16 digits, in 亿元 4 more): no
# operation rounds or traps.
_WIDE = Context(prec=40)

WAN = "万元"
YUAN = "元"
TEN_THOUSAND = Decimal(10000)
# Every money unit a sheet may state, and what one of it is in 万元.
MONEY_UNITS: dict[str, Decimal] = {
    YUAN: Decimal("0.0001"), "千元": Decimal("0.1"), WAN: Decimal(1), "百万元": Decimal(100), "亿元": Decimal(10000),
}
# Finest money we keep: 1 分 = 0.000001 万元.
FEN_IN_WAN = Decimal("0.000001")


class AmountError(ValueError):
    """An amount that cannot be read; `reason` is a short Chinese explanation. `code` and
    `details` are the finding it becomes at the cell."""

    code = "amount-unparseable"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    @property
    def details(self) -> dict[str, object]:
        return {"reason": self.reason}


class AmountOutOfRange(AmountError):
    """A number too large to be any line's amount (1e22, a 30-digit integer): checked before
    any arithmetic, so no Decimal operation can overflow or lose digits."""

    code = "amount-out-of-range"

    def __init__(self, shown: str):
        super().__init__(f"金额 {shown} 超出合理范围（单个金额不超过 {MAX_AMOUNT_WAN:,} 万元）")
        self.shown = shown

    @property
    def details(self) -> dict[str, object]:
        return {"text": self.shown, "limit": f"{MAX_AMOUNT_WAN:,}"}


@dataclass(frozen=True)
class ParsedAmount:
    wan: Decimal  # the amount in 万元, exact
    unit_typo: bool = False  # e.g. "5万元元": read as 5 万元, worth a note
    # Decimal places in 万元 the value was typed to (12.35 万元: 2; 123456 元: 4): how precisely a
    # stated total may be compared; not part of the amount's value.
    places: int = field(default=0, compare=False)


_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
# Words that precede an amount in free text ("扶持9万元", "人民币12万元").
_LEADING_WORDS = re.compile("^(?:" + "|".join(AMOUNT_LEADING_WORDS) + ")+")
_CURRENCY = re.compile(r"^(?:RMB|CNY|¥|￥)", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_ARABIC_WITH_UNIT = re.compile(r"^(?P<num>[^万元千百亿]+?)(?P<unit>万元元+|百万元|千元|万元|亿元|万|亿|元)?(?:整|正)?$")
_SHORT_UNITS = {"万": WAN, "亿": "亿元"}

_CN_DIGITS = {
    "零": 0, "〇": 0, "壹": 1, "一": 1, "贰": 2, "貳": 2, "二": 2, "两": 2, "叁": 3, "參": 3,
    "三": 3, "肆": 4, "四": 4, "伍": 5, "五": 5, "陆": 6, "陸": 6, "六": 6, "柒": 7, "七": 7,
    "捌": 8, "八": 8, "玖": 9, "九": 9,
}
_CN_SMALL_UNITS = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}
_CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_CHARS = set(_CN_DIGITS) | set(_CN_SMALL_UNITS) | set(_CN_BIG_UNITS)


def is_normalised(text: str) -> bool:
    """True when normalise_text(text) == text, decided without building a new string."""
    return unicodedata.is_normalized("NFKC", text) and not _SPACES.search(text)


def normalise_text(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) and no spaces of any kind."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def parse_amount(value: object, column_unit: str = WAN) -> ParsedAmount:
    """Read one amount cell into 万元; raise AmountError when it is not an amount."""
    if isinstance(value, bool) or value is None:
        raise AmountError("不是金额")
    if isinstance(value, int):
        return _scaled(_bounded(value, str(value)), column_unit)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise AmountError("不是有效数字")
        _bounded(value, repr(value))
        if value.is_integer() and column_unit == WAN:
            return ParsedAmount(wan=Decimal(int(value)))  # the common case, without the Decimal detour
        # repr() gives the shortest text that round-trips: 0.1 stays 0.1, not 0.1000000000000000055.
        return _scaled_float(Decimal(repr(value)), column_unit)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError("不是有效数字")
        return _scaled(_bounded(value, str(value)), column_unit)
    if not isinstance(value, str):
        raise AmountError(f"不是金额（{type(value).__name__}）")
    return _parse_text(value, column_unit)


def _shown(raw: str) -> str:
    """A cell's text as quoted in a message: at most 40 characters (a cell may hold 32,767)."""
    return raw if len(raw) <= 40 else raw[:39] + "…"


def _bounded(number: int | float | Decimal, shown: str) -> Decimal | int | float:
    """The number itself when no line's amount could be larger (in 元 or 万元), else AmountOutOfRange."""
    if abs(number) >= _OUT_OF_RANGE:
        raise AmountOutOfRange(_shown(shown))
    return number


# A number of 元 is 10,000 times its 万元: the bound in 元 is the one every number meets before
# it is scaled (a larger unit is caught once scaled, in _scaled).
_OUT_OF_RANGE = MAX_AMOUNT_WAN * TEN_THOUSAND


def _scaled(number: Decimal | int, unit: str) -> ParsedAmount:
    number = Decimal(number)
    factor = MONEY_UNITS[unit]
    wan = _WIDE.multiply(number, factor)
    if abs(wan) >= MAX_AMOUNT_WAN:
        raise AmountOutOfRange(f"{format_wan(wan)} 万元")
    places = max(0, -number.as_tuple().exponent) - factor.adjusted()
    return ParsedAmount(wan=_exact(wan), places=max(places, 0))


def _scaled_float(number: Decimal, unit: str) -> ParsedAmount:
    """A float cell; a computed one (=B2*0.3 stores 0.30000000000000004) carries binary noise
    far below 1 分, which is rounded away, never a real fraction of a 分."""
    try:
        return _scaled(number, unit)
    except AmountOutOfRange:
        raise
    except AmountError:
        wan = _WIDE.multiply(number, MONEY_UNITS[unit])
        nearest = wan.quantize(FEN_IN_WAN, context=_WIDE)
        if abs(wan - nearest) > abs(wan) * Decimal("1e-12"):
            raise
        return ParsedAmount(wan=_exact(nearest), places=6)


def _exact(wan: Decimal) -> Decimal:
    if abs(wan) >= MAX_AMOUNT_WAN:
        raise AmountOutOfRange(f"{format_wan(wan)} 万元")
    quantised = wan.quantize(FEN_IN_WAN, context=_WIDE)
    if quantised != wan:
        raise AmountError("金额精度超过1分")
    # Drop trailing zeros without switching to exponent notation (12.000000 -> 12).
    return quantised.normalize() if quantised != quantised.to_integral() else quantised.to_integral()


_MIXED = re.compile(r"(?:(?P<yi>\d+)亿)?(?:(?P<wan>\d+(?:\.\d+)?)万)?(?:(?P<qian>\d)[千仟])?(?:(?P<bai>\d)[百佰])?(?P<rest>\d+)?元?")
_MIXED_FACTORS = (("yi", Decimal(10) ** 8), ("wan", Decimal(10_000)), ("qian", Decimal(1000)), ("bai", Decimal(100)), ("rest", Decimal(1)))


def _parse_text(raw: str, column_unit: str) -> ParsedAmount:
    text = normalise_text(raw)
    if not text:
        raise AmountError("金额为空")
    text = _CURRENCY.sub("", _LEADING_WORDS.sub("", text))
    text = _CURRENCY.sub("", text)
    if text.endswith(("整", "正")):
        text = text[:-1]
    if not text:
        raise AmountError(f"“{_shown(raw)}”不是金额")
    if any(ch in _CN_CHARS for ch in text) and not re.search(r"\d", text):
        return ParsedAmount(wan=_exact(_WIDE.divide(_parse_chinese_money(text, raw), TEN_THOUSAND)), places=4)  # 大写 are in 元
    mixed = _MIXED.fullmatch(text)
    # "3万5" is 3.5 万 in speech but 30,005 元 as written: only a full four-figure tail after 万 is read.
    if mixed and (mixed["qian"] or mixed["bai"] or (mixed["wan"] and mixed["rest"] and len(mixed["rest"]) == 4)):
        # Figures with 万/千/百 between them ("12万5千元", "1万2千5百"): 元, as a 大写 amount is.
        yuan = sum((Decimal(mixed[part]) * factor for part, factor in _MIXED_FACTORS if mixed[part]), Decimal(0))
        return ParsedAmount(wan=_exact(_WIDE.divide(_bounded(yuan, _shown(raw)), TEN_THOUSAND)), places=4)
    match = _ARABIC_WITH_UNIT.match(text)
    if not match:
        raise AmountError(f"“{_shown(raw)}”不是金额")
    number_text, unit_text = match.group("num"), match.group("unit")
    if not _NUMBER.match(number_text):
        raise AmountError(f"“{_shown(raw)}”不是金额")
    try:
        number = _bounded(Decimal(number_text.replace(",", "")), _shown(raw))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise AmountError(f"“{_shown(raw)}”不是金额") from exc
    if unit_text is None:
        return _scaled(number, column_unit)
    if unit_text.startswith("万元元"):
        return ParsedAmount(wan=_exact(number), unit_typo=True)
    return _scaled(number, _SHORT_UNITS.get(unit_text, unit_text))


def _parse_chinese_money(text: str, raw: str) -> Decimal:
    """Chinese numerals in 元 (大写金额): 壹拾贰万元整, 伍仟元伍角, 十二万元."""
    text = text.replace("圆", "元")
    if "元" in text:
        yuan_part, _, cents_part = text.partition("元")
    elif "角" in text or "分" in text:
        yuan_part, cents_part = "", text
    else:
        # No 元 at all: "拾贰万" is still counted in 元, as 大写金额 always are.
        yuan_part, cents_part = text, ""
    yuan = Decimal(_parse_chinese_integer(yuan_part, raw)) if yuan_part else Decimal(0)
    cents = Decimal(0)
    for unit_char, scale in (("角", Decimal("0.1")), ("分", Decimal("0.01"))):
        if unit_char in cents_part:
            before, _, cents_part = cents_part.partition(unit_char)
            before = before.lstrip("零")
            if len(before) != 1 or before not in _CN_DIGITS:
                raise AmountError(f"“{_shown(raw)}”的大写金额无法识别")
            cents += _CN_DIGITS[before] * scale
    if cents_part.strip("零"):
        raise AmountError(f"“{_shown(raw)}”的大写金额无法识别")
    return yuan + cents


def _parse_chinese_integer(text: str, raw: str) -> int:
    total = section = digit = 0
    seen_digit = False
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
            seen_digit = True
        elif ch in _CN_SMALL_UNITS:
            # "拾贰" means 12: a unit with no digit before it counts once.
            section += (digit if seen_digit and digit else (1 if not seen_digit else 0)) * _CN_SMALL_UNITS[ch]
            digit, seen_digit = 0, False
        elif ch in _CN_BIG_UNITS:
            big = _CN_BIG_UNITS[ch]
            if big == 10**8:
                total = (total + section + digit) * big
            else:
                total += (section + digit) * big
            section = digit = 0
            seen_digit = False
        else:
            raise AmountError(f"“{_shown(raw)}”的大写金额无法识别")
    return total + section + digit


FEN_PER_WAN = 1_000_000
_MAX_WAN_INT = int(MAX_AMOUNT_WAN)  # compared with plain numbers without a Decimal


def wan_to_fen(wan: Decimal) -> int:
    """An amount in 万元 (already exact to the 分) as a whole number of 分."""
    return int(wan * FEN_PER_WAN)


def plain_fen(value: object) -> int | None:
    """分 of a positive plain number of 万元 with at most six decimals (how most amount cells
    arrive); None for anything else, which parse_amount then decides. Decimal-free: this
    runs once per row of a province's list."""
    if type(value) is int:
        return value * FEN_PER_WAN if 0 < value < _MAX_WAN_INT else None
    if type(value) is float:
        if not 0 < value < _MAX_WAN_INT:
            return None
        whole, dot, decimals = repr(value).partition(".")  # repr: the shortest exact text
        if dot and len(decimals) <= 6 and whole.isdigit() and decimals.isdigit():
            fen = int(whole) * FEN_PER_WAN + int(decimals.ljust(6, "0"))
            return fen if fen > 0 else None
    return None


def fen_to_wan(fen: int) -> Decimal:
    """A whole number of 分 as 万元, written plainly (12, 0.5, not 12.000000)."""
    wan = Decimal(fen) / FEN_PER_WAN
    return wan.normalize() if wan != wan.to_integral_value() else wan.to_integral_value()


def as_number(amount: Decimal) -> int | float:
    """An exact amount as the plainest number a file can store: 204, not 204.0."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def format_wan(amount: Decimal) -> str:
    """Exact plain text of an amount in 万元 (no exponent): 490, 0.123456."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
