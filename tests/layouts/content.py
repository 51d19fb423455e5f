"""What the tables hold, before any layout: districts, recipients, amounts, and how an amount
is written (units, text forms, 大写金额). Amounts are exact Decimal 万元 throughout."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# The settings' district list; a folder uses up to three of them, so at least one is left to
# be named by a stale title or a conflicting file name.
KNOWN = ("高新区", "赫山区", "资阳区", "安化县")
SHORT = {"高新区": "高新", "赫山区": "赫山", "资阳区": "资阳", "安化县": "安化"}
TOWNS = {"高新区": "谢林港镇", "赫山区": "兰溪镇", "资阳区": "长春镇", "安化县": "梅城镇"}

# Recipient names are built from these parts; every name in a folder is different.
FIRM_WORDS = ("云端", "益丰", "银城", "黑茶", "龙岭", "资江", "桃花仑", "松竹", "锦程", "拓普", "博远", "星辰",
              "梓山湖", "华兴", "佳和", "瑞丰", "宏远", "三利", "正和", "金田", "碧云峰", "鼎盛", "合创", "万联")
FIRM_ENDS = ("电子商务有限公司", "网络科技有限公司", "农产品电商有限公司", "物流有限公司", "农业科技有限公司", "茶业有限公司")
PURPOSES = ("平台运营", "网店建设", "站点建设", "物流配送", "品牌推广", "人才培训", "设备购置")
MARK_WORDS = ("已取消", "作废", "退回")
SPARE_WORDS = ("星火", "恒信", "鸿运", "天成", "嘉禾")  # not among FIRM_WORDS: never a generated name

UNIT_FACTOR = {"万元": Decimal(1), "元": Decimal(10000), "千元": Decimal(10), "百万元": Decimal("0.01"), "亿元": Decimal("0.0001")}
MONEY_UNITS = tuple(UNIT_FACTOR)
COUNT_UNITS = ("户", "笔", "人", "个")


@dataclass(frozen=True)
class Line:
    """One recipient's line: name, amount in 万元, purpose."""

    name: str
    amount: Decimal
    purpose: str


@dataclass(frozen=True)
class DistrictLines:
    district: str  # as the settings name it (高新区)
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Content:
    """The recipients of a folder, per district, and the spare lines the layout may need."""

    districts: tuple[DistrictLines, ...]  # up to three, in the folder's order
    spare: Line  # a line that is marked (hidden, struck, 已取消) and never counted
    spare_at: int  # where it goes among the first district's lines
    mark_word: str  # 已取消 / 作废 / 退回
    wrong_by: Decimal  # how far a wrong stated total is off, in 万元
    others: tuple[Line, ...]  # recipients of another fund (an extra sheet)
    # More recipients of the folder's first district, used by some layouts only: [0] the line
    # under the 合计, [1] the second block side by side, [2] the line a changed sheet copy adds,
    # [3] and [4] the lines around a line typed in the wrong unit.
    more: tuple[Line, ...] = ()

    def more_line(self, k: int) -> Line:
        """The k-th extra recipient (a fixed one when the content has none: repro builders)."""
        if k < len(self.more):
            return self.more[k]
        return Line(f"益阳市{SPARE_WORDS[k]}电子商务有限公司", Decimal(6 + k), PURPOSES[k % len(PURPOSES)])


def firm_name(index: int) -> str:
    word, end = FIRM_WORDS[index % len(FIRM_WORDS)], FIRM_ENDS[(index // len(FIRM_WORDS)) % len(FIRM_ENDS)]
    return f"益阳市{word}{end}"


def plain(number: Decimal) -> str:
    """A Decimal as plain text, no exponent, no trailing zeros: 120000, 12.5, 0.00125."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def fullwidth(text: str) -> str:
    return text.translate(FULLWIDTH)


def in_unit(wan: Decimal, unit: str) -> Decimal:
    """The amount as written in `unit`; a count unit (户, 笔…) writes the number as is."""
    return wan * UNIT_FACTOR.get(unit, Decimal(1))


def rounded_2dp(wan: Decimal) -> Decimal:
    return wan.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ("", "拾", "佰", "仟")


def _four(n: int) -> str:
    """0 < n < 10000 in capital numerals, with 零 for inner zeros (1005 -> 壹仟零伍)."""
    out, zero = "", False
    for power in range(3, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _SMALL[power]
    return out


def capital_yuan(yuan: int) -> str:
    """An integer number of 元 as 大写金额: 125000 -> 壹拾贰万伍仟元整, 100500 -> 壹拾万零伍佰元整."""
    if yuan <= 0 or yuan >= 10**12:
        raise ValueError(yuan)
    groups = []  # (value, big unit), high first
    for big, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        groups.append((yuan // big % 10**4, name))
    out, pending_zero = "", False
    for value, name in groups:
        if value == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or value < 1000):
            out += "零"
        out += _four(value) + name
        pending_zero = False
    return out + "元整"


def capital_of(wan: Decimal) -> str:
    yuan = wan * 10000
    if yuan != yuan.to_integral():
        raise ValueError(f"{wan} 万元 is not a whole number of 元")
    return capital_yuan(int(yuan))
