"""Find a sheet's header (one row or two merged rows) and what each column holds."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from xlfund import vocab
from xlfund.amounts import WAN, normalise_text
from xlfund.sheet.cells import MergeMap, cell_text
from xlfund.sheet.rows import is_amount

HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True)
class Header:
    first_row: int  # 0-based index of the first header row
    last_row: int  # 0-based index of the last header row (two-row headers)
    columns: dict[str, int]  # field -> 0-based column
    labels: tuple[str, ...]
    amount_unit: str | None  # from the amount column's own label


_UNIT_IN_LABEL = re.compile(r"[(（]?(万元|元)[)）]?")


_PARENS = re.compile(r"[(（][^)）]*[)）]")


@functools.cache
def _synonym_table() -> tuple[tuple[str, str, str], ...]:
    """(plain form, normalised form, field) for every synonym, computed once."""
    return tuple(
        (normalise_text(_PARENS.sub("", synonym)) or synonym, normalise_text(synonym), field_name)
        for field_name, synonyms in vocab.HEADER_SYNONYMS.items()
        for synonym in synonyms
    )


@functools.lru_cache(maxsize=4096)
def match_label(label: str) -> tuple[str | None, str | None]:
    """The field a column header names, and the unit it states ("万元", "元" or None)."""
    text = normalise_text(label)
    unit_match = _UNIT_IN_LABEL.search(text)
    unit = unit_match.group(1) if unit_match else None
    core = _PARENS.sub("", text)
    core = _UNIT_IN_LABEL.sub("", core).strip(":：/")
    if not core:
        return None, unit
    best: tuple[int, int, str] | None = None
    for plain, normalised, field_name in _synonym_table():
        if core == plain or core == normalised:
            score = (2, len(plain), field_name)
        elif plain in core and len(core) <= len(plain) + 6:
            score = (1, len(plain), field_name)
        else:
            continue
        if best is None or score[:2] > best[:2]:
            best = score
    return (best[2] if best else None), unit


def find_header(rows: list[list[object]], merges: MergeMap) -> Header | None:
    """The header row (or two rows) within the first rows: it names a recipient and an amount."""
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    for r in range(limit):
        width = len(rows[r])
        top = [cell_text(merges.shown(r, c)) for c in range(width)]
        single = _map_columns(top)
        if not ({"name", "amount"} <= set(single[0]) or _looks_like_top_of_two(r, rows, merges, single[0])):
            continue
        if r + 1 < len(rows) and _is_second_header_row(r, rows, merges):
            bottom = [cell_text(merges.shown(r + 1, c)) for c in range(max(width, len(rows[r + 1])))]
            labels = [b if b and b != (top[c] if c < len(top) else "") else "" for c, b in enumerate(bottom)]
            combined = [
                labels[c] if labels[c] and match_label(labels[c])[0] else (top[c] if c < len(top) else "")
                for c in range(len(bottom))
            ]
            columns, units = _map_columns(combined)
            if {"name", "amount"} <= set(columns):
                unit = _first_unit(units.get("amount"), top, columns.get("amount"))
                full = tuple(" ".join(x for x in (top[c] if c < len(top) else "", labels[c]) if x) for c in range(len(bottom)))
                return Header(r, r + 1, columns, full, unit)
        if {"name", "amount"} <= set(single[0]):
            return Header(r, r, single[0], tuple(top), single[1].get("amount"))
    return None


def _first_unit(unit: str | None, top: list[str], col: int | None) -> str | None:
    if unit or col is None or col >= len(top):
        return unit
    return match_label(top[col])[1]


def _looks_like_top_of_two(r: int, rows: list[list[object]], merges: MergeMap, found: dict[str, int]) -> bool:
    return bool(found) and r + 1 < len(rows) and _is_second_header_row(r, rows, merges)


def _is_second_header_row(r: int, rows: list[list[object]], merges: MergeMap) -> bool:
    """A second header row: the first has merges into it or over it, and it holds only labels."""
    if not (merges.in_horizontal_merge(r) or merges.spans_rows(r)):
        return False
    nxt = rows[r + 1]
    values = [v for c, v in enumerate(nxt) if cell_text(v) and merges.origin.get((r + 1, c), (r + 1, c)) == (r + 1, c)]
    if not values:
        return False
    return all(isinstance(v, str) and not is_amount(v, WAN) for v in values) and any(match_label(str(v))[0] or match_label(str(v))[1] for v in values)


def _map_columns(labels: list[str]) -> tuple[dict[str, int], dict[str, str | None]]:
    columns: dict[str, int] = {}
    units: dict[str, str | None] = {}
    for c, label in enumerate(labels):
        if not label:
            continue
        field_name, unit = match_label(label)
        if field_name and field_name not in columns:
            columns[field_name] = c
            units[field_name] = unit
    return columns, units


_UNIT_LINE = re.compile(vocab.UNIT_LINE_PATTERN)


def find_unit_line(lines: list[str]) -> str | None:
    """A unit line above the table ("单位：万元") gives the amounts' unit."""
    for line in lines:
        match = _UNIT_LINE.search(normalise_text(line))
        if match:
            return match.group(1)
    return None
