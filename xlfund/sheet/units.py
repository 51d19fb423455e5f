"""Where a sheet states the unit of its amounts, and what it states.

A unit may be stated in the amount column's label ("金额（千元）"), in a unit line above the
table ("单位：万元", at either end of its row), in the title ("…分配表（元）") or in a row of
units under the header names. Every money unit is understood (元, 千元, 万元, 百万元, 亿元);
a unit that is not money ("单位：笔", "单位：户") or not understood is a reason to refuse the
sheet, never to fall back on the default; two statements naming different units are a doubt.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from xlfund import vocab
from xlfund.amounts import MONEY_UNITS

# Words for a money unit, as offices write them, and the unit each means.
MONEY_WORDS = {**{unit: unit for unit in MONEY_UNITS}, "万": "万元", "亿": "亿元", "人民币元": "元", "人民币万元": "万元", "元人民币": "元"}
# Units of counts and measures: a table stated in these is no allocation of money.
NOT_MONEY = vocab.NOT_MONEY_UNITS
_SEPARATORS = re.compile(r"[、,，/;；和及\s]+")
# "单位：万元" where 单位 starts the text or follows a separator: "填报单位：" is who filled it in.
_UNIT_LINE = re.compile(r"(?:^|(?<=[\s,，;；:：(（]))(?:金额|计量|货币|资金)?单位[:：]\s*([^\s,，;；()（）]{1,12})")
_IN_BRACKETS = re.compile(r"[(（]\s*(单位[:：]?\s*)?([^()（）]{1,8}?)\s*[)）]")
# An organisation after "单位：" ("单位：益阳市商务局") is who, not a unit.
_ORGANISATION = re.compile("|".join(vocab.ORGANISATION_WORDS))


@dataclass(frozen=True)
class UnitStatement:
    """What one place of a sheet says the unit is."""

    money: str | None  # the money unit named (a key of MONEY_UNITS), or None
    written: str  # the words as written, for messages
    source: str  # where: 金额列表头, 单位行, 标题, 单位行（表头下）
    row: int  # 0-based row of the statement (-1 when not known)

    @property
    def refuses(self) -> bool:
        """Stated, but no money unit: counts, measures or words not understood."""
        return self.money is None


def classify(words: str) -> str | None | bool:
    """The money unit named in `words`; None when only units that are not money (or words not
    understood) are named; False when the words are no unit at all (an organisation)."""
    plain = unicodedata.normalize("NFKC", words).strip()
    if not plain:
        return False
    parts = [p for p in _SEPARATORS.split(plain) if p]
    money = [MONEY_WORDS[p] for p in parts if p in MONEY_WORDS]
    if money:
        return money[0] if len(set(money)) == 1 else None
    if any(p.endswith(NOT_MONEY) for p in parts):
        return None
    if len(plain) > 4 or _ORGANISATION.search(plain):
        return False
    return None  # "单位：万户" or words nobody understands: not a default to fall back on


def _plain(line: str) -> str:
    """NFKC, with spaces inside the words 单位 and 金额 closed ("单 位：元"); other spaces stay
    (they separate "填报单位：高新区" from "单位：万元" on one row)."""
    return re.sub(r"单\s+位", "单位", re.sub(r"金\s+额", "金额", unicodedata.normalize("NFKC", line)))


def unit_line(lines: list[str], first_row: int = 0) -> UnitStatement | None:
    """The first unit line among `lines` (rows first_row, first_row + 1, …)."""
    for i, line in enumerate(lines):
        text = _plain(line)
        for match in _UNIT_LINE.finditer(text):
            found = classify(match.group(1))
            if found is not False:
                return UnitStatement(found, match.group(1), "单位行", first_row + i)
    return None


def unit_in_title(lines: list[str], first_row: int = 0) -> UnitStatement | None:
    """A title that states the unit in brackets: "…分配表（元）", "…（单位：千元）"."""
    for i, line in enumerate(lines):
        for match in _IN_BRACKETS.finditer(_plain(line)):
            said_unit, words = match.group(1), match.group(2)
            found = classify(words)
            if found or (found is None and (said_unit or words.strip() in NOT_MONEY)):
                return UnitStatement(found or None, words, "标题", first_row + i)
    return None


@dataclass(frozen=True)
class UnitChoice:
    unit: str  # the unit the amounts are read in
    source: str  # where it was stated (设置（默认） when nowhere)
    refusal: UnitStatement | None = None  # a unit stated that is not money, with no money unit stated
    disagreeing: tuple[UnitStatement, ...] = ()  # money units stated that differ (the first is taken)


def _label_statement(label: str, header_row: int) -> UnitStatement | None:
    """What the amount column's label says its unit is: "金额（元）", or "金额（笔）" (no money)."""
    for match in _IN_BRACKETS.finditer(_plain(label)):
        words = match.group(2)
        found = classify(words)
        if found or (found is None and words.strip() in NOT_MONEY):
            return UnitStatement(found or None, words, "金额列表头", header_row)
    return None


def choose_unit(label_unit: str | None, header_row: int, above: list[str], header_line: str, default: str,
                amount_label: str = "") -> UnitChoice:
    """The amounts' unit: the amount column's label, a unit line (above the table or at the end
    of the header row), the title ("…（元）"), else the settings' default."""
    label = UnitStatement(label_unit, label_unit, "金额列表头", header_row) if label_unit else _label_statement(amount_label, header_row)
    stated = [s for s in (label, unit_line([*above, header_line]), unit_in_title(above)) if s is not None]
    money = [s for s in stated if not s.refuses]
    if not money:
        return UnitChoice(default, "设置（默认）", refusal=next(iter(stated), None))
    disagreeing = tuple(money) if len({s.money for s in money}) > 1 else ()
    return UnitChoice(money[0].money, money[0].source, disagreeing=disagreeing)
