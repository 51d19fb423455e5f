"""Section and group rows ("一、高新区", "（一）企业", a bare district name over its lines) and the
breakdown lines that follow a total ("其中：企业 450", "村（社区） 40"). Pure tests on texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlfund import vocab
from xlfund.amounts import normalise_text
from xlfund.sheet.cells import cell_text
from xlfund.sheet.district import canonical_district, district_alone

_LEVEL_ONE = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．,，]\s*(.*)$")
_LEVEL_TWO = re.compile(r"^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*[、.．]?\s*(.*)$")
_LONE = re.compile(r"([(（])?\s*[一二三四五六七八九十]{1,3}\s*(?(1)[)）])")
_BREAKDOWN = re.compile(r"^其中\s*[:：,，]?\s*(.*)$")


@dataclass(frozen=True)
class Group:
    """A group heading: its level (1 for 一、, 2 for （一）, 3 for a bare name), what it names."""

    level: int
    label: str
    district: str | None
    category: str | None


_ENTERPRISE_LABELS = {"企业", "公司", "市场主体", "电商企业", "企业（公司）"}
_VILLAGE_LABELS = {"村", "社区", "村（社区）", "村(社区)", "贫困村", "扶贫村", "村级", "行政村", "村居", "村（居）", "贫困村（社区）"}


def category_named(text: str) -> str | None:
    """企业 or 村（社区） when a label names a kind of recipient as a whole ("企业类", "二、村（社区）"),
    never a recipient itself ("金湖村")."""
    plain = normalise_text(text).rstrip("类:：")
    for suffix in ("合计", "小计", "共计"):
        plain = plain.removesuffix(suffix)
    if plain in _ENTERPRISE_LABELS:
        return vocab.CATEGORY_ENTERPRISE
    if plain in _VILLAGE_LABELS:
        return vocab.CATEGORY_VILLAGE
    return None


def enumerated_heading(texts: list[str]) -> tuple[int, str] | None:
    """(level, label) when the row's first text is "一、…" or "（一）…", or a lone enumerator
    in the first cell followed by the label ("一" | "高新区")."""
    filled = [t for t in texts if t]
    if not filled:
        return None
    first = normalise_text(filled[0])
    for level, pattern in ((1, _LEVEL_ONE), (2, _LEVEL_TWO)):
        match = pattern.match(first)
        if match:
            label = match.group(2) or (normalise_text(filled[1]) if len(filled) > 1 else "")
            return level, label
    lone = _LONE.fullmatch(first)
    if lone and len(filled) > 1:
        # "一" | "企业": a lone enumerator is a heading only when what follows names a kind of
        # recipient or a district; "一" | "甲公司" is a recipient numbered in Chinese.
        label = normalise_text(filled[1])
        if category_named(label) or canonical_district(label, ()):
            return (2 if lone.group(1) else 1), label
    return None


def group_heading(texts: list[str], name: str, known: tuple[str, ...], seq_text: str) -> Group | None:
    """A group row: enumerated ("一、高新区", "（二）村（社区）"), or a bare district name with no
    序号 number (a city list's section rows). A recipient line is never one."""
    enumerated = enumerated_heading(texts)
    if enumerated:
        level, label = enumerated
        return Group(level, label, canonical_district(label, known), category_named(label))
    # The district alone, in the name column or, on a line of nothing else, wherever it stands
    # ("赫山区：" in the 序号 column); never a line's 区县 cell beside its amount.
    filled = [t for t in texts if t]
    label = name or (filled[0] if len(filled) == 1 else "")
    if label and not normalise_text(seq_text).isdigit():
        district = district_alone(normalise_text(label).rstrip(":： "), known)
        if district:
            return Group(3, label if label == name else label.strip().rstrip(":："), district, None)
    return None


def breakdown_label(name: str, after_breakdown: bool) -> str | None:
    """The label of a breakdown line after a total ("其中：企业" -> "企业"); a line after one
    counts too when it names a kind of recipient or a district ("村（社区）")."""
    plain = normalise_text(name)
    match = _BREAKDOWN.match(plain)
    if match:
        return match.group(1) or "其中"
    if after_breakdown and plain and len(plain) <= 12 and not any(w in plain for w in vocab.ENTERPRISE_WORDS[:2]):
        return plain
    return None


_SUB_NUMBER = re.compile(r"^(\d+)[.．](\d+)$")


def _seq_text(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, str) and value.isascii():
        return value.strip()  # "12", "1.1": most 序号 cells, without the full normalising
    return normalise_text(cell_text(value)).replace(" ", "")


def _may_be_sub_number(value: object) -> bool:
    """"1.1", "1．2" or 1.1 typed as a number."""
    if isinstance(value, str):
        return "." in value or "．" in value
    return isinstance(value, float) and not value.is_integer()


def numbered_lines(rows: list[list[object]], col: dict[str, int], start: int) -> tuple[dict[int, bool], dict[int, int]]:
    """Lines numbered "1" with lines numbered "1.1", "1.2" right under them. Returns the parents
    ({row: its children are its purposes}) and the children ({row: parent row}). A parent's
    children are recipients (the parent a 乡镇 or a batch, its amount their subtotal), unless every
    child's name is its purpose ("1.1 平台建设 6 平台建设"): then they split the parent's amount."""
    seq = col.get("seq")
    if seq is None or not any(_may_be_sub_number(row[seq]) for row in rows[start:] if seq < len(row)):
        return {}, {}  # the common case (1, 2, 3…): one cheap look at the column
    children: dict[int, list[int]] = {}
    whole: tuple[int, str] | None = None
    for r in range(start, len(rows)):
        row = rows[r]
        text = _seq_text(row[seq]) if seq < len(row) else ""
        if not text:
            continue
        if text.isdigit():
            whole = (r, text)
            continue
        match = _SUB_NUMBER.match(text)
        if match and whole and match.group(1) == whole[1]:
            children.setdefault(whole[0], []).append(r)
    parents, of = {}, {}
    for parent, lines in children.items():
        name, purpose = col["name"], col.get("purpose")
        parents[parent] = purpose is not None and all(
            cell_text(rows[r][name] if name < len(rows[r]) else None) == cell_text(rows[r][purpose] if purpose < len(rows[r]) else None) != ""
            for r in lines)
        of.update((r, parent) for r in lines)
    return parents, of
