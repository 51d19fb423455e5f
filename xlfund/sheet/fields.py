"""A record's text fields read from their cells: made safe for Excel (what had to change is
said at the cell), the purpose's category matched once per distinct purpose, the town."""

from __future__ import annotations

import sys
from collections.abc import Callable

from xlfund import vocab
from xlfund.amounts import normalise_text
from xlfund.sheet.cells import MergeMap, cell_text
from xlfund.text import clean_text


class RecordFields:
    def __init__(self, merges: MergeMap, group_rules: dict[str, tuple[str, ...]], find: Callable[..., None]):
        self.merges, self.group_rules, self.find = merges, group_rules, find
        self.uses: dict[str, str] = {}

    def text(self, r: int, c: int | None) -> str:
        """A text cell made safe for Excel; what had to change is reported at its cell."""
        if c is None:
            return ""
        raw = self.merges.raw(r, c)
        if raw is None:
            return ""
        # Text is kept exactly as typed (a leading tab or "=" included); only numbers are rendered.
        cleaned, removed, truncated = clean_text(raw if isinstance(raw, str) else cell_text(raw))
        if removed:
            self.find("text-control-chars", r, c)
        if truncated:
            self.find("text-truncated", r, c)
        return cleaned

    def purpose(self, r: int, c: int | None) -> tuple[str, str]:
        """(purpose, its category). Purposes repeat down a list: one string object each, and
        each distinct purpose matched against the categories once per sheet."""
        purpose = sys.intern(self.text(r, c))
        use = self.uses.get(purpose)
        if use is None:
            use = self.uses[purpose] = vocab.purpose_group_of(purpose, self.group_rules)
        return purpose, use

    def town(self, r: int, c: int | None) -> str:
        return sys.intern(normalise_text(cell_text(self.merges.shown(r, c)))) if c is not None else ""
