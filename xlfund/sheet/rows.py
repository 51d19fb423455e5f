"""What kind of line a row is: a stated total, a note, an empty form line (pure tests on texts)."""

from __future__ import annotations

import re
from decimal import Decimal

from xlfund import vocab
from xlfund.amounts import AmountError, normalise_text, parse_amount
from xlfund.sheet.cells import Unreadable, cell_text
from xlfund.sheet.district import is_filer_line


def total_word(text: str) -> str | None:
    """合计, 小计… when the text is a total's label: it starts with the word ("合计", "总计：")
    or, short, ends with it ("一季度小计", "企业合计")."""
    plain = normalise_text(text).lstrip("其中:：")
    for word in vocab.TOTAL_WORDS:
        if plain.startswith(word) or (len(plain) <= 10 and plain.rstrip(":：").endswith(word)):
            return word
    return None


def is_note(text: str) -> bool:
    plain = normalise_text(text)
    if plain.startswith(vocab.NOTE_PREFIXES) or (plain.startswith(vocab.FILER_WORDS) and is_filer_line(plain)):
        return True
    # A date on its own line ("2018年12月20日", "2018-12-20"), or a printed page's number ("第2页").
    return bool(re.fullmatch(r"\d{4}(?:年\d{1,2}月(?:\d{1,2}日)?|[-/.]\d{1,2}[-/.]\d{1,2})", plain) or _PAGE.fullmatch(plain.replace(" ", "")))


_PAGE = re.compile(r"(?:第\d+页)?(?:共\d+页)?(?<=页)")


_ENUMERATED = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]\D|[(（](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]\D")


_TITLE = re.compile(r"^(?:表|附表|附件)[\d一二三四五六七八九十]|(?:" + "|".join(vocab.TITLE_ENDINGS) + ")$")
_TRAILING_BRACKETS = re.compile(r"(?:[(（][^()（）]*[)）]|[:：\s])+$")


def looks_like_title(text: str) -> bool:
    """A table's title: "表二：…", "附件1", or a line ending in 表, 名单, 明细… (a bracket after it
    aside: "分配表（第二批）")."""
    plain = _TRAILING_BRACKETS.sub("", normalise_text(text))
    return bool(_TITLE.search(plain))


def continues_note(text: str) -> bool:
    """"2.资金须专款专用…": the next point of a numbered note ("注：1.…" above it)."""
    return bool(_ENUMERATED.match(normalise_text(text)))


_SPECIAL_CHARS = frozenset("合总總小累共注说備备填审制负联日期以盖经复分序单位名称金额")


_AMOUNT_IN_LABEL = re.compile(r"^(?:" + "|".join(vocab.TOTAL_WORDS) + r")(?:金额)?[:：\s]*([0-9０-９][0-9０-９,，.．]*\s*(?:万元|万|元)?)$")


def amount_in_label(texts: list[str]) -> str | None:
    """The amount a total's label holds itself ("合计：46万元"), its amount cell left empty."""
    for text in texts:
        match = _AMOUNT_IN_LABEL.match(normalise_text(text).replace(" ", "")) if text else None
        if match:
            return match.group(1)
    return None


_PROSE_AMOUNT = re.compile(r"(?:合计|共计|总计|总额|累计)[:：]?(?:金额|资金|补助|扶持)?(?:为|共)?([0-9][0-9,.]*)\s*(万元|元)")
_PROSE_COUNT = re.compile(r"共(?:计|有)?([0-9]+)(?:家|个|户|所|名)")


def prose_total(text: str) -> tuple[str | None, int | None] | None:
    """The total (as written, with its unit) and the count a line of prose states ("以上共计6家
    企业，合计53万元。"); None when it states neither."""
    plain = normalise_text(text).replace(" ", "")
    amount, count = _PROSE_AMOUNT.search(plain), _PROSE_COUNT.search(plain)
    if not amount and not count:
        return None
    return (amount.group(1) + amount.group(2) if amount else None), (int(count.group(1)) if count else None)


def may_be_special(name: str) -> bool:
    """Could this name cell be a total, note or repeated header? (cheap pre-check)"""
    return any(ch in _SPECIAL_CHARS for ch in name[:4])


def no_text_before_name(row: list[object], col: dict[str, int]) -> bool:
    """No text in the cells left of the name (where 合计 and notes start), 序号 numbers aside."""
    return all(v is None or v == "" or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in row[: col["name"]])


def row_total_label(texts: list[str], col: dict[str, int]) -> str | None:
    for field_name in ("seq", "name", "district"):
        c = col.get(field_name)
        if c is not None and c < len(texts) and texts[c]:
            label = total_word(texts[c])
            if label:
                return label
    first = next((t for t in texts if t), "")
    return total_word(first) if first and len(normalise_text(first)) <= 6 else None


def is_amount(raw: object, unit: str) -> bool:
    if not cell_text(raw):
        return False
    try:
        parse_amount(raw, unit)
        return True
    except AmountError:
        return False


def only_sequence(texts: list[str], col: dict[str, int]) -> bool:
    seq = col.get("seq")
    filled = [c for c, t in enumerate(texts) if t]
    return seq is not None and filled == [seq] and normalise_text(texts[seq]).isdigit()


def stated_amount(raw: object, unit: str) -> tuple[Decimal | None, int, str]:
    """(amount in 万元, decimal places in 万元 it was typed to, why it could not be read)."""
    if isinstance(raw, Unreadable):
        return None, 0, "公式没有保存计算结果" if raw.is_formula else f"错误值 {raw.kind}"
    if not cell_text(raw):
        return None, 0, "空白"
    try:
        parsed = parse_amount(raw, unit)
    except AmountError as exc:
        return None, 0, exc.reason
    return parsed.wan, parsed.places, ""
