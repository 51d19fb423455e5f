"""Find a sheet's header (one row or two merged rows) and take each column's role from it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xlfund import vocab
from xlfund.amounts import WAN, normalise_text
from xlfund.sheet.cells import MergeMap, cell_text
from xlfund.sheet.columns import ColumnChoice, choose_columns, match_label, names_a_column
from xlfund.sheet.rows import is_amount

HEADER_SEARCH_ROWS = 40
EXACT_SCORE = 900  # match_label's score for a label that is a synonym as written (with or without its brackets)


@dataclass(frozen=True)
class Header:
    first_row: int  # 0-based index of the first header row
    last_row: int  # 0-based index of the last header row (two-row headers)
    labels: tuple[str, ...]  # each column's full label ("金额（万元） 合计" under a merged super header)
    choice: ColumnChoice
    unit_row: str | None = None  # the unit a row of units alone under the names states
    @property
    def columns(self) -> dict[str, int]:
        return self.choice.columns

    @property
    def amount_unit(self) -> str | None:
        """The unit the amount column's own label states (or a unit row under the header)."""
        return self.choice.units.get("amount") or self.unit_row


def _is_table_header(choice: ColumnChoice) -> bool:
    """A recipient (or, for a summary table, a district) and an amount."""
    return bool({"name", "district"} & set(choice.columns)) and ("amount" in choice.columns or bool(choice.ambiguous_amount))


def find_header(rows: list[list[object]], merges: MergeMap, start: int = 0, forced_amount: str | None = None) -> Header | None:
    """The first header row (or two rows) from `start` on: it names a recipient and an amount."""
    for r in range(start, min(len(rows), start + HEADER_SEARCH_ROWS)):
        header = header_at(rows, merges, r, forced_amount)
        if header is not None:
            return header
    return None


def header_at(rows: list[list[object]], merges: MergeMap, r: int, forced_amount: str | None = None) -> Header | None:
    """The header starting at row r, if that row (with the next, for a two-row header) is one."""
    width = len(rows[r])
    top = [cell_text(merges.shown(r, c)) for c in range(width)]
    named = sum(1 for t in top if t and names_a_column(t))
    second = named >= 1 and r + 1 < len(rows) and _is_second_header_row(r, rows, merges)
    if named < 2 and not second:
        return None  # one label on the top row is a header only with a row of labels under it
    if second:
        bottom = [cell_text(merges.shown(r + 1, c)) for c in range(max(width, len(rows[r + 1])))]
        full = tuple(_two_row_label(top[c] if c < len(top) else "", b) for c, b in enumerate(bottom))
        choice = choose_columns(list(full), forced_amount)
        if _is_table_header(choice):
            return Header(r, r + 1, full, choice)
    choice = choose_columns(top, forced_amount)
    if _is_table_header(choice):
        unit = _unit_row(rows, r + 1)
        if unit:  # "（元）" on its own row under the header names: part of the header
            return Header(r, r + 1, tuple(top), choice, unit)
        return Header(r, r, tuple(top), choice)
    return None


def _two_row_label(top: str, bottom: str) -> str:
    """A column's label from a two-row header. The super header is read with the label under
    it ("金额（万元） 合计", "扶持情况 备注"), except where both name roles of their own and
    differ ("扶持资金" over "备注" is a remark, not a second amount); the super header's unit
    then still applies ("金额（万元）" over "核定金额")."""
    if not bottom or bottom == top:
        return top
    if not top:
        return bottom  # nothing over it: no leading space in the label (" 备注")
    top_role, top_unit, _ = match_label(top)
    bottom_role, bottom_unit, _ = match_label(bottom)
    if top_role and bottom_role and top_role != bottom_role:
        return bottom
    if top_role and bottom_role == top_role and top_unit and not bottom_unit:
        return f"{bottom}（{top_unit}）"
    combined = f"{top} {bottom}"
    if bottom_role and not match_label(combined)[0]:
        # Too long together to name a role ("资金安排情况 原分配金额"): the label under it says it.
        return f"{bottom}（{top_unit}）" if top_unit and not bottom_unit else bottom
    return combined


_UNIT_ONLY = re.compile(r"[(（]?\s*(?:单位[:：])?\s*(百万元|千元|万元|亿元|元)\s*[)）]?")


def _unit_row(rows: list[list[object]], r: int) -> str | None:
    """The unit a row of units alone states ("", "", "（元）"), or None."""
    if r >= len(rows):
        return None
    texts = [cell_text(v) for v in rows[r] if cell_text(v)]
    units = {m.group(1) for t in texts if (m := _UNIT_ONLY.fullmatch(normalise_text(t)))}
    return units.pop() if texts and len(units) == 1 and all(_UNIT_ONLY.fullmatch(normalise_text(t)) for t in texts) else None


def _is_second_header_row(r: int, rows: list[list[object]], merges: MergeMap) -> bool:
    """A second header row: it holds only labels, and either the first has merges into it or over
    it, or (a CSV, an .ods: no merges known) it has nothing under the first row's recipient
    column, as a data line always has, and labels only under cells of the first row that name
    no other role ("资金安排情况" over "金额")."""
    nxt = rows[r + 1]
    values = [(c, v) for c, v in enumerate(nxt) if cell_text(v) and merges.origin.get((r + 1, c), (r + 1, c)) == (r + 1, c)]
    if not values or not all(isinstance(v, str) and not is_amount(v, WAN) for _c, v in values):
        return False
    labels = [c for c, v in values if match_label(str(v))[0] or match_label(str(v))[1] or str(v).strip() in vocab.AMOUNT_TOTAL_WORDS]
    if not labels:
        return False
    if merges.in_horizontal_merge(r) or merges.spans_rows(r):
        return True
    top = [cell_text(v) for v in rows[r]]
    roles = [match_label(t)[0] if t else None for t in top]
    if "name" not in roles or (roles.index("name") < len(nxt) and cell_text(nxt[roles.index("name")])):
        return False
    # With nothing merged to go by, every value must be a label as written (a synonym itself, a
    # unit, a total word), under a cell naming the same role or none: "一、高新区" is no label.
    return all(_exact_label(str(v)) and (c >= len(top) or roles[c] in (None, match_label(str(v))[0])) for c, v in values)


def _exact_label(text: str) -> bool:
    """A label as written: a synonym itself, an amount's label ("申请金额", "核定金额"), a unit or a total word."""
    role, unit, score = match_label(text)
    return ((role is not None and (score >= EXACT_SCORE or role == "amount")) or (role is None and unit is not None)
            or text.strip() in vocab.AMOUNT_TOTAL_WORDS)
