"""Small builders shared by the unit tests: records, stated totals, and one sheet read from a grid."""

from __future__ import annotations

from decimal import Decimal

from xlfund.amounts import WAN
from xlfund.model import Record, StatedTotal
from xlfund.sheet.reader import SheetContext, read_sheet

KNOWN = ("高新区", "赫山区", "资阳区", "安化县")


def rec(name: str, wan: str | int, *, district: str = "高新区", row: int = 2, file: str = "a.xlsx", sheet: str = "Sheet1",
        category: str = "企业", purpose: str = "平台运营", col: int = 2, town: str = "") -> Record:
    """A record of `wan` 万元 (exact)."""
    fen = int(Decimal(str(wan)) * 1_000_000)
    return Record(district=district, district_source="file", name=name, category=category, amount_fen=fen,
                  purpose=purpose, purpose_group="其他", remark="", file=file, sheet=sheet, row=row, amount_col=col, town=town)


def stated(row: int, amount: str | None, first: int, last: int, *, label: str = "合计", file: str = "a.xlsx", sheet: str = "Sheet1",
           district: str = "", category: str = "", scope: str = "rows", col: int = 2) -> StatedTotal:
    return StatedTotal(file, sheet, row, col, label, None if amount is None else Decimal(amount), first, last,
                       district=district, category=category, scope=scope)


def read(rows: list[list[object]], merged: list | None = None, *, sheet: str = "Sheet1", file: str = "高新区.xlsx",
         stem: str | None = None, known: tuple[str, ...] = KNOWN, unit: str = WAN, folders: tuple[str, ...] = (),
         forced: str | None = None, special: dict | None = None):
    """read_sheet on a copy of `rows` (the reader pads rows for unreadable cells)."""
    ctx = SheetContext(file=file, file_stem=stem if stem is not None else file.rsplit(".", 1)[0], known_districts=known,
                       default_unit=unit, folders=folders, forced_amount=forced)
    return read_sheet([list(r) for r in rows], merged or [], sheet, ctx, special)


def people(result) -> list[tuple[str, str, str, int]]:
    """(district, name, amount in 万元, Excel row) of every record."""
    return [(r.district, r.name, str(r.amount), r.row) for r in result.records]


def totals(result) -> list[tuple[int, str, str | None, int, int]]:
    """(row, label, amount, first row, last row) of every stated total."""
    return [(t.row, t.label, None if t.amount is None else str(t.amount), t.first_row, t.last_row) for t in result.totals]


def codes(result) -> list[tuple[str, str]]:
    """(code, cell) of every finding."""
    return [(f.code, f.cell) for f in result.findings]
