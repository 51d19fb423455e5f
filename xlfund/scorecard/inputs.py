"""The cells of the 2020 form the clerk may type in (年度指标值, 实际完成值, 偏差原因, 主管部门…),
recorded in the output so that the next run can tell what was typed since.

For each input cell the file keeps one custom property, "xlfund-cell:<key>" = "<cell>|<print>",
with the cell where it was written and a fingerprint of what the settings alone put there (the
value written, unless it was carried from an earlier output). A cell whose content differs
from that was typed by the clerk, now or before (carry.py); one that still matches was not,
and the settings (changed since, perhaps) decide. Excel keeps at most 255
characters in a property, so texts are fingerprinted, never stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from xlfund.amounts import format_wan

CELL_PROPERTY = "xlfund-cell"


def canonical(value: object) -> str:
    """One text for what a cell holds, the same whether written by us or read back by openpyxl."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return format_wan(number) if number.is_finite() else ""
    return str(value).strip()


def fingerprint(value: object) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()[:16]


@dataclass
class Inputs:
    """Input cells as they are written: key -> (cell name, value written)."""

    cells: dict[str, tuple[str, object]] = field(default_factory=dict)

    def add(self, key: str, cell: str, value: object) -> None:
        self.cells[key] = (cell, value)

    def record(self, book, said: dict[str, object] | None = None) -> None:
        """One property per cell: where it is and the fingerprint of what the settings said there."""
        said = said or {}
        for key, (cell, value) in self.cells.items():
            book.set_custom_property(f"{CELL_PROPERTY}:{key}"[:255], f"{cell}|{fingerprint(said.get(key, value))}")


def recorded(properties) -> dict[str, tuple[str, str]]:
    """key -> (cell, fingerprint) from a workbook's custom properties (openpyxl's list)."""
    prefix = CELL_PROPERTY + ":"
    found = {}
    for prop in properties or ():
        if prop.name.startswith(prefix):
            cell, _, print_ = str(prop.value).partition("|")
            found[prop.name[len(prefix):]] = (cell, print_)
    return found


def target_key(indicator_key: str) -> str:
    return f"target:{indicator_key}"


def actual_key(indicator_key: str) -> str:
    return f"actual:{indicator_key}"


def reason_key(indicator_key: str) -> str:
    return f"reason:{indicator_key}"


def text_key(setting: str) -> str:
    return f"text:{setting}"
