"""The lines of a sheet that are not a recipient's: stated totals (合计, 小计, group subtotals,
breakdowns after a total), the header repeated or a second table's own, a table's title, group
headings, notes and signatures, and empty form lines. Part of the sheet reader (see reader.py),
kept apart for size: each method classifies row r and says so by its kind."""

from __future__ import annotations

import re
from decimal import Decimal

from xlfund import vocab
from xlfund.amounts import normalise_text
from xlfund.model import RowKind
from xlfund.sheet.cells import cell_text, is_blank
from xlfund.sheet.column_doubts import total_elsewhere
from xlfund.sheet.district import canonical_district, district_in_text
from xlfund.sheet.groups import Group, breakdown_label, category_named, group_heading
from xlfund.sheet.header import Header, header_at
from xlfund.sheet.row_amounts import date_as_amount
from xlfund.sheet.rows import (
    amount_in_label,
    continues_note,
    is_amount,
    is_note,
    looks_like_title,
    only_sequence,
    prose_total,
    row_total_label,
    stated_amount,
)

_LINE_PART = re.compile("(?:其中[:：]?)?" + vocab.LINE_PART)


class OtherRows:
    """Mixed into the sheet reader, whose state it reads (rows, merges, col, header, kinds,
    sections, districts, unit, ctx) and whose find() it files findings with."""

    def _other_row(self, r: int, texts: list[str], name: str, raw_amount: object) -> bool:
        """A stated total, a breakdown, a header, a group, a note or an empty form line: True."""
        label = row_total_label(texts, self.col)
        if label:
            self._stated(r, label, raw_amount)
            return True
        if self.after_total and self._breakdown(r, name or next((t for t in texts if t), ""), raw_amount):
            return True
        if self._header_again(r, texts, name):
            return True
        if self._line_part(r, name or next((t for t in texts if t), ""), raw_amount):
            return True
        if self._table_title(r, texts, raw_amount):
            return True
        seq = self.col.get("seq")
        amount_col = self.col["amount"]
        beside = [t if c != amount_col else "" for c, t in enumerate(texts)]  # a heading may carry its subtotal
        group = group_heading(beside, name, self.ctx.known_districts, texts[seq] if seq is not None and seq < len(texts) else "")
        if group is not None and group.level == 3 and (self.by_district or not self._members_follow(r)):
            group = None  # a bare district with no lines under it: a summary line
        if group is not None and not self._looks_like_record(name, texts):
            self._group(r, group, raw_amount)
            return True
        if not name and not cell_text(raw_amount):
            prose = prose_total(" ".join(t for t in texts if t)) if self.result.records else None
            if prose is not None:
                self._prose_total(r, texts, *prose)
            else:
                self.kinds[r] = RowKind.UNFILLED if only_sequence(texts, self.col) else RowKind.NOTE
            return True
        if not name and not self.after_total and date_as_amount(texts, raw_amount):
            self._reject_at(r, "amount-is-date", self.col["amount"], value=cell_text(raw_amount))
            return True
        first_text = next((t for t in texts if t), "")
        if name and normalise_text(name).rstrip(":：") in vocab.NOTE_PREFIXES:
            self.kinds[r] = RowKind.NOTE  # "联系电话" with the number in the amount column
            return True
        if (is_note(name) or is_note(first_text)) and not is_amount(raw_amount, self.unit):
            self.kinds[r] = RowKind.NOTE  # a signature or note line, even across the amount column
            return True
        if (is_note(first_text) and first_text != name) or (continues_note(first_text) and self._below_a_note(r) and not cell_text(raw_amount)):
            self.kinds[r] = RowKind.NOTE  # "联系电话：…" beside its number; "2.资金须专款专用" under "注：1.…"
            return True
        return False

    def _below_a_note(self, r: int) -> bool:
        return self._kind_above(r) == RowKind.NOTE

    def _members_follow(self, r: int) -> bool:
        """The next named line below is a recipient's, not another district or a total."""
        col = self.col["name"]
        for below in range(r + 1, min(len(self.rows), r + 50)):
            if is_blank(self.rows[below]):
                continue
            if row_total_label([cell_text(v) for v in self.rows[below]], self.col):
                return False
            text = cell_text(self.merges.raw(below, col))
            if text:
                return canonical_district(text, self.ctx.known_districts) is None
        return False

    def _looks_like_record(self, name: str, texts: list[str]) -> bool:
        """A purpose beside the name says it is a recipient's line, whatever its name."""
        purpose = self.col.get("purpose")
        return purpose is not None and purpose < len(texts) and bool(texts[purpose]) and normalise_text(texts[purpose]) != normalise_text(name)

    def _header_again(self, r: int, texts: list[str], name: str) -> bool:
        """The header repeated (printed page breaks), or a second table's own header."""
        if normalise_text(name) == self.header_name and self._is_header_repeated(texts):
            self.kinds[r] = RowKind.HEADER
            # A printed page's repeat continues the table; a second table of the same form has a
            # title of its own above it, or its own 合计 right under it.
            if (self.sections.records_in_table == 0 or not self.sections.under_header
                    or self._kind_above(r) == RowKind.TITLE or self._total_below(r)):
                self.sections.new_table(r + 2)
            return True
        header = self._header_at(r)
        if header is None:
            return False
        self.unit = header.amount_unit or self.unit  # a second table may state its own unit
        self._use_header(header)
        self.sections.new_table(header.last_row + 2)
        return True

    def _kind_above(self, r: int) -> RowKind | None:
        return next((k for k in reversed(self.kinds[:r]) if k != RowKind.BLANK), None)

    def _total_below(self, r: int) -> bool:
        below = next((b for b in range(r + 1, min(len(self.rows), r + 4)) if not is_blank(self.rows[b])), None)
        return below is not None and bool(row_total_label([cell_text(v) for v in self.rows[below]], self.col))

    def _is_header_repeated(self, texts: list[str]) -> bool:
        return [normalise_text(t) for t in texts[: len(self.header_keys)]] == self.header_keys[: len(texts)]

    def _header_at(self, r: int) -> Header | None:
        """A different header of its own starting at row r (a second table), or None."""
        if is_amount(self.merges.raw(r, self.col["amount"]), self.unit):
            return None
        header = header_at(self.rows, self.merges, r, self.ctx.forced_amount)
        return None if header is None or header.choice.ambiguous_amount else header

    def _table_title(self, r: int, texts: list[str], raw_amount: object) -> bool:
        """A title line right above a second table's header ("表二：赫山区分配表"): it may name
        the district of the lines below it."""
        if cell_text(raw_amount) or sum(1 for t in texts if t) != 1:
            return False  # a title is one text alone; a line with a 序号 or more is a recipient's
        text = next(t for t in texts if t)
        if r > 0 and self.kinds[r - 1] == RowKind.RECORD and not looks_like_title(text):
            return False  # right under a recipient, with no word of a title: a recipient's line left unfilled
        below = next((b for b in range(r + 1, min(len(self.rows), r + 4)) if not is_blank(self.rows[b])), None)
        if below is None:
            return False
        below_texts = [cell_text(v) for v in self.rows[below]]
        if not self._is_header_repeated(below_texts) and self._header_at(below) is None:
            return False
        self.kinds[r] = RowKind.TITLE
        self.result.table_titles.append((r + 1, text))
        district = district_in_text(" ".join(t for t in texts if t), self.ctx.known_districts)
        if district:
            self.districts.retitle(district)
        return True

    def _line_part(self, r: int, text: str, raw_amount: object) -> bool:
        """"其中：中央资金 10" under a recipient's line: a part of its amount, not a recipient;
        the parts are held against the line's amount when the sheet is read."""
        plain = normalise_text(text).replace(" ", "")
        if not (plain.startswith("其中") or (_LINE_PART.fullmatch(plain) and not (len(plain) == 1))):
            return False
        above = self._kind_above(r)
        if above == RowKind.RECORD and self.result.records:
            self.part_parent = self.result.records[-1]
        elif above != RowKind.BREAKDOWN or self.part_parent is None:
            return False
        self.kinds[r] = RowKind.BREAKDOWN
        if cell_text(raw_amount):
            value, _places, _reason = stated_amount(raw_amount, self.unit)
            self.line_parts.setdefault(self.part_parent, []).append(value)
        return True

    def _numbered(self, r: int, name: str, raw_amount: object) -> bool:
        """A line numbered "1" over lines "1.1", "1.2" (see groups.numbered_lines): a group whose
        amount is its lines' subtotal, or a recipient whose lines split its amount."""
        if r in self.numbered_parents:
            if self.numbered_parents[r]:
                self._record(r, name, raw_amount)
                self.part_parent = self.result.records[-1] if self.kinds[r] == RowKind.RECORD else None
            else:
                self._group(r, Group(2, name, canonical_district(name, self.ctx.known_districts), None), raw_amount)
            return True
        parent = self.numbered_children.get(r)
        if parent is not None and self.numbered_parents[parent]:
            if self.part_parent is None:
                return False
            self.kinds[r] = RowKind.BREAKDOWN
            value = self._stated_value(r, raw_amount) if cell_text(raw_amount) else Decimal(0)
            self.line_parts.setdefault(self.part_parent, []).append(value)
            return True
        return False

    def _check_line_parts(self) -> None:
        for record, parts in self.line_parts.items():
            if None in parts:
                continue  # an unreadable part: nothing to compare
            total = sum(parts, Decimal(0))
            if total != record.amount:
                self.find("amount-parts-mismatch", record.row - 1, record.amount_col, amount=record.amount, parts=total, diff=total - record.amount)

    def _prose_total(self, r: int, texts: list[str], amount: str | None, count: int | None) -> None:
        """"以上共计6家企业，合计53万元": the submitter's numbers in words, checked as a 合计 is (the
        amount) and against the lines read (the count)."""
        col = next(c for c, t in enumerate(texts) if t)
        lines = self.sections.records_in_table or len(self.result.records)
        if count is not None and count != lines:
            self.find("stated-count-mismatch", r, col, count=count, lines=lines)
        if amount is None:
            self.kinds[r] = RowKind.NOTE
            return
        self.kinds[r] = RowKind.TOTAL
        self.sections.total(r + 1, vocab.PROSE_TOTAL_LABEL, self._stated_value(r, amount), col)
        self.after_total, self.after_breakdown = True, False

    def _group(self, r: int, group, raw_amount: object) -> None:
        self.kinds[r] = RowKind.GROUP
        stated = bool(cell_text(raw_amount))
        amount = self._stated_value(r, raw_amount) if stated else None
        self.sections.group(r + 1, group, amount, self.col["amount"], stated)
        self.after_total = self.after_breakdown = False

    def _stated_value(self, r: int, raw_amount: object) -> Decimal | None:
        value, places, reason = stated_amount(raw_amount, self.unit)
        if value is None:
            self.unreadable[r + 1] = reason
        self.places[r + 1] = places
        return value

    def _stated(self, r: int, label: str, raw_amount: object) -> None:
        if not cell_text(raw_amount):
            raw_amount = amount_in_label([cell_text(v) for v in self.rows[r]]) or raw_amount  # "合计：46万元"
        amount = self._stated_value(r, raw_amount)
        if not cell_text(raw_amount) and (other := total_elsewhere(self.rows[r], self.header, self.col, self.unit)):
            c, elsewhere = other
            self.find("total-under-other-column", r, c, label=label, column=self._label_of(c), amount=elsewhere, taken=self._label_of(self.col["amount"]))
        col = self.col["amount"]
        if label == vocab.SUBTOTAL_WORD:
            self.kinds[r] = RowKind.SUBTOTAL
            self.sections.subtotal(r + 1, label, amount, col)
        else:
            self.kinds[r] = RowKind.TOTAL
            self.sections.total(r + 1, label, amount, col)
        self.after_total, self.after_breakdown = True, False

    def _breakdown(self, r: int, text: str, raw_amount: object) -> bool:
        label = breakdown_label(text, self.after_breakdown)
        if label is None:
            return False
        self.kinds[r] = RowKind.BREAKDOWN
        self.after_breakdown = True
        district = canonical_district(label, self.ctx.known_districts) or ""
        category = "" if district else (category_named(label) or "")
        if cell_text(raw_amount) and (district or category):
            amount = self._stated_value(r, raw_amount)
            self.sections.breakdown(r + 1, label, amount, self.col["amount"], district, category)
        return True
