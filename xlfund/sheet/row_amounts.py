"""A record's amount read from its cell, and the parts of a split amount checked against it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlfund.amounts import AmountError, fen_to_wan, parse_amount, wan_to_fen
from xlfund.sheet.cells import Unreadable, cell_text, is_date_or_time
from xlfund.sheet.columns import ColumnChoice
from xlfund.sheet.rows import is_note


class RowAmounts:
    """Reads amounts in one unit; rejects a row at its amount cell with the reason."""

    def __init__(self, choice: ColumnChoice, unit: str, reject_at: Callable[..., None], find: Callable[..., None]):
        self.col = choice.columns["amount"]
        self.parts = choice.amount_parts
        self.unit = unit
        self.reject_at = reject_at
        self.find = find

    def parse(self, r: int, name: str, raw_amount: object) -> Decimal | None:
        """The row's amount in 万元, or None once the row is rejected at the amount's cell."""
        col = self.col
        amount_text = cell_text(raw_amount)
        if not amount_text:
            self.reject_at(r, "amount-missing", col, name=name)
            return None
        if is_date_or_time(raw_amount):  # a number formatted as a date, or a date typed here: never money
            self.reject_at(r, "amount-is-date", col, value=amount_text)
            return None
        if isinstance(raw_amount, Unreadable):
            if raw_amount.is_formula:
                self.reject_at(r, "amount-formula-no-value", col)
            else:
                self.reject_at(r, "amount-error-value", col, value=raw_amount.kind)
            return None
        try:
            parsed = parse_amount(raw_amount, self.unit)
        except AmountError as exc:
            self.reject_at(r, exc.code, col, **exc.details)  # amount-unparseable or amount-out-of-range
            return None
        if parsed.wan <= 0:
            self.reject_at(r, "amount-not-positive", col, name=name, amount=parsed.wan)
            return None
        if parsed.unit_typo:
            self.find("amount-unit-typo", r, col, text=amount_text, amount=parsed.wan)
        return parsed.wan

    def check_parts(self, r: int, row: list[object], fen: int) -> None:
        """合计 | 其中：省级 | 市级: the parts on the line must add up to the amount taken."""
        if not self.parts:
            return
        total = 0
        for c in self.parts:
            raw = row[c] if c < len(row) else None
            if not cell_text(raw):
                continue
            try:
                total += wan_to_fen(parse_amount(raw, self.unit).wan)
            except AmountError:
                return  # an unreadable part: the amount itself was read; nothing to compare
        if total != fen:
            self.find("amount-parts-mismatch", r, self.col, amount=fen_to_wan(fen), parts=fen_to_wan(total), diff=fen_to_wan(total - fen))


def date_as_amount(texts: list[str], raw_amount: object) -> bool:
    """A date or time in the amount column with no note words beside it ("填报日期：" makes a
    signature line): an amount typed or formatted as a date, never a note."""
    if not is_date_or_time(raw_amount):
        return False
    shown = cell_text(raw_amount)
    return not any(is_note(t) for t in texts if t and t != shown)
