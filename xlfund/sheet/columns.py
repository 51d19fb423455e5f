"""What each column of a header holds: every label scored against every role, best match wins.

A header word can be loose ("资金" may be an amount, "资金来源" is not); offices put what was
asked beside what was granted, or split the amount by source (合计 | 其中：省级 | 市级). So each
role takes the column that fits it best, and the amount column is chosen by what its label says
it is; where two columns fit equally, the choice is left to the clerk (an error, never a guess).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from xlfund import vocab
from xlfund.amounts import normalise_text

_UNIT_IN_LABEL = re.compile(r"[(（]?(百万元|千元|万元|亿元|元)[)）]?")
_PARENS = re.compile(r"[(（][^)）]*[)）]")
# "企业数（家）", "单位个数": a count of recipients, not their names.
_COUNT = re.compile("数$|" + "|".join(vocab.COUNT_LABEL_WORDS))
_PART = re.compile("|".join(vocab.AMOUNT_PART_WORDS))

# Ranks of amount columns: the allocation is the highest; below PLAIN a column is never taken
# while a better one exists, and below zero never at all.
FINAL, GRANTED, TOTAL, PLAIN, PART, REQUESTED, OTHER = 5, 4, 3, 2, 1, 0, -1
_SUPERSEDED = re.compile(vocab.AMOUNT_SUPERSEDED)


@functools.cache
def _synonym_table() -> tuple[tuple[str, str, str], ...]:
    """(synonym without brackets, synonym as written, role) for every synonym, computed once."""
    return tuple(
        (normalise_text(_PARENS.sub("", synonym)) or normalise_text(synonym), normalise_text(synonym), role)
        for role, synonyms in vocab.HEADER_SYNONYMS.items()
        for synonym in synonyms
    )


@functools.lru_cache(maxsize=4096)
def match_label(label: str) -> tuple[str | None, str | None, int]:
    """The role a header label names, the unit it states ("万元", "元" or None), and how well
    it matches (0: not at all; an exact synonym beats one found inside a longer label)."""
    text = normalise_text(label)
    unit_match = _UNIT_IN_LABEL.search(text)
    unit = unit_match.group(1) if unit_match else None
    whole = _UNIT_IN_LABEL.sub("", text).strip(":：/")
    core = _PARENS.sub("", whole).strip(":：/")
    if not whole:
        return None, unit, 0
    best: tuple[int, str] | None = None
    for plain, written, role in _synonym_table():
        if whole == written or (core and core == plain and whole == core):
            score = 1000 + len(written)
        elif whole == written.replace("（", "(").replace("）", ")") or (core == plain and written != plain):
            score = 900 + len(written)
        elif core and plain in core and len(core) <= len(plain) + 6 and not _COUNT.search(core):
            score = 100 + len(plain) * 10 - (len(core) - len(plain))
        else:
            continue
        if best is None or score > best[0]:
            best = (score, role)
    head = next((h for h in vocab.NAME_HEAD_WORDS if core.endswith(h) and len(core) > len(h)), None)
    if head:
        # "县区名称", "所属街道名称": the name of what the words in front say, not a recipient's
        # name; the generic 名称 ties with them otherwise and would take the column.
        role, _unit, score = match_label(core[: -len(head)])
        if role not in (None, "name", "amount") and (best is None or score >= best[0] - 10):
            return role, unit, max(score, best[0] if best else 0)
    if best is None:
        return None, unit, 0
    return best[1], unit, best[0]


def amount_rank(label: str) -> int:
    """How surely a column labelled so holds the allocated amount (see GRANTED … OTHER)."""
    text = normalise_text(label)
    if any(word in text for word in vocab.AMOUNT_OTHER_WORDS):
        return OTHER
    if "大写" in text:
        return REQUESTED  # the same amount in words: taken only when no figure is there
    if _SUPERSEDED.search(text):
        return REQUESTED  # the amount before a change: taken only when no other is there
    if any(word in text for word in vocab.AMOUNT_FINAL_WORDS):
        return FINAL
    if any(word in text for word in vocab.AMOUNT_TOTAL_WORDS):
        return TOTAL
    if _PART.search(text):
        return PART
    if any(word in text for word in vocab.AMOUNT_REQUESTED_WORDS):
        return REQUESTED
    if any(word in text for word in vocab.AMOUNT_GRANTED_WORDS):
        return GRANTED
    return PLAIN


@dataclass
class ColumnChoice:
    """The columns taken for each role, and why; what could not be decided."""

    columns: dict[str, int] = field(default_factory=dict)  # role -> 0-based column
    units: dict[str, str | None] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)  # role -> "“核定金额”（优先于“申请金额”）"
    amount_parts: tuple[int, ...] = ()  # columns that split the amount by source, checked against it
    ambiguous_amount: tuple[int, ...] = ()  # two or more columns that fit equally: the clerk chooses


def choose_columns(labels: list[str], forced_amount: str | None = None) -> ColumnChoice:
    """Each role's best column. `forced_amount` is the clerk's choice ([columns] amount)."""
    choice = ColumnChoice()
    by_role: dict[str, list[tuple[int, int, str | None]]] = {}
    for c, label in enumerate(labels):
        if not label:
            continue
        role, unit, score = match_label(label)
        if role:
            by_role.setdefault(role, []).append((score, c, unit))
        elif _bare_amount_part(label):
            # 合计 | 其中：省级 | 市级 with no 金额 word: the split amount's own columns.
            by_role.setdefault("amount", []).append((50, c, unit))
    for role, candidates in by_role.items():
        if role == "amount":
            continue
        score, c, unit = max(candidates, key=lambda item: (item[0], -item[1]))
        choice.columns[role], choice.units[role] = c, unit
        choice.reasons[role] = f"“{labels[c]}”"
    _choose_amount(choice, labels, by_role.get("amount", []), forced_amount)
    return choice


def _choose_amount(choice: ColumnChoice, labels: list[str], candidates: list[tuple[int, int, str | None]], forced: str | None) -> None:
    if not candidates:
        return
    if forced:
        wanted = normalise_text(forced)
        named = [(c, unit) for _score, c, unit in candidates if normalise_text(labels[c]).find(wanted) >= 0]
        # The label as the setting writes it ("金额") over one that only holds it ("申请金额").
        # (a two-row label counts by its lower part: "资金安排情况 金额" is written "金额")
        exact = [(c, unit) for c, unit in named if _UNIT_IN_LABEL.sub("", normalise_text((labels[c].split() or [""])[-1])).strip() == wanted]
        if len(exact) == 1:
            named = exact
        if named:
            c, unit = named[0]
            choice.columns["amount"], choice.units["amount"] = c, unit
            choice.reasons["amount"] = f"“{labels[c]}”（按设置 columns.amount）"
            if len(named) > 1:  # the setting names several columns (two tables side by side): it chooses none
                choice.ambiguous_amount = tuple(c for c, _unit in named)
            return
    ranked = sorted(((amount_rank(labels[c]), score, c, unit) for score, c, unit in candidates), key=lambda x: (-x[0], -x[1], x[2]))
    rank, _score, c, unit = ranked[0]
    if rank == OTHER:
        return  # only investment, self-raised or source columns: no allocation here
    top = [item for item in ranked if item[0] == rank]
    if len(top) > 1:
        choice.ambiguous_amount = tuple(item[2] for item in top)
    choice.columns["amount"], choice.units["amount"] = c, unit
    others = [labels[item[2]] for item in ranked[1:]]
    choice.reasons["amount"] = f"“{labels[c]}”" + (f"（优先于{'、'.join(f'“{o}”' for o in others)}）" if others else "")
    if rank == TOTAL:
        choice.amount_parts = tuple(item[2] for item in ranked if item[0] == PART)


@functools.cache
def _other_role_words() -> frozenset[str]:
    """Every header word of a role other than the recipient's (金额, 资金用途, 区县, 序号…)."""
    return frozenset(w for plain, written, role in _synonym_table() if role != "name" for w in (plain, written))


@functools.cache
def _header_first_characters() -> frozenset[str]:
    """The characters another role's header word can start with: most names start otherwise."""
    return frozenset(w[:1] for w in _other_role_words()) | frozenset("(（[【")


def is_header_word(text: str) -> bool:
    """A cell that is a header word of another role than the name ("金额（万元）", "资金用途"):
    in the name column it is no recipient (a table laid out across, one column per recipient)."""
    if not text or len(text) > 16 or text.lstrip()[:1] not in _header_first_characters():
        return False
    whole = _UNIT_IN_LABEL.sub("", normalise_text(text)).strip(":：/ ")
    return whole in _other_role_words() or _PARENS.sub("", whole).strip(":：/ ") in _other_role_words()


def names_a_column(label: str) -> bool:
    """A label that names a role, or one of a split amount's own columns (合计, 其中：省级)."""
    return bool(match_label(label)[0]) or _bare_amount_part(label)


def _bare_amount_part(label: str) -> bool:
    text = normalise_text(label).replace(" ", "")
    return text in vocab.AMOUNT_TOTAL_WORDS or bool(_PART.search(text)) and len(text) <= 8
