"""Understand one sheet: find its header, map its columns, classify every row.

Pure logic over a grid of values (see read.grids.SheetGrid); no I/O. Every row of the sheet
is counted in exactly one of: record, header (title/unit/header lines), total, note,
rejected, blank. That is the "nothing lost" invariant, checked in RowCounts.balanced().
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal

from xlfund import vocab
from xlfund.address import cell_ref, column_letter
from xlfund.amounts import WAN, AmountError, format_wan, normalise_text, parse_amount, plain_fen, wan_to_fen
from xlfund.findings import finding
from xlfund.model import Record, SheetResult, StatedTotal
from xlfund.sheet.cells import MergeMap, Unreadable, cell_text, is_blank
from xlfund.sheet.district import canonical_district, sheet_district
from xlfund.sheet.header import Header, find_header, find_unit_line
from xlfund.sheet.rows import is_amount, is_note, may_be_special, no_text_before_name, only_sequence, row_total_label, stated_amount
from xlfund.text import clean_text


@dataclass(frozen=True)
class SheetContext:
    file: str  # the file's name as the clerk sees it in the folder
    file_stem: str
    known_districts: tuple[str, ...] = ()
    default_unit: str = WAN
    categories: tuple = tuple(vocab.DEFAULT_CATEGORIES.items())  # (name, keywords) pairs, in order


def read_sheet(rows: list[list[object]], merged: list, sheet: str, ctx: SheetContext, special: dict | None = None) -> SheetResult:
    """Classify every row of one sheet into records, totals, notes, rejects and the rest."""
    for (r, c), kind in (special or {}).items():
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = Unreadable(kind)
    merges = MergeMap(rows, merged)
    header = find_header(rows, merges)
    if header is None:
        return _without_header(rows, sheet, ctx)
    return _SheetReader(rows, merges, header, sheet, ctx).read()


def _without_header(rows: list[list[object]], sheet: str, ctx: SheetContext) -> SheetResult:
    """A sheet with no table: an instruction sheet (notes), else every line rejected."""
    result = SheetResult(sheet=sheet)
    counts = result.counts
    counts.read = len(rows)
    nonblank = sum(1 for row in rows if any(cell_text(v) for v in row))
    counts.blank = len(rows) - nonblank
    if normalise_text(sheet) in vocab.INSTRUCTION_SHEETS:
        counts.notes = nonblank
        result.findings.append(finding("sheet-skipped", ctx.file, sheet, reason="填表说明，没有数据表"))
        return result
    counts.rejected = nonblank
    last = max((len(row) for row in rows), default=1)
    cells = f"A1:{column_letter(max(last - 1, 0))}{max(len(rows), 1)}"
    result.findings.append(finding("header-not-found", ctx.file, sheet, cells, rows=nonblank))
    return result


class _SheetReader:
    """One sheet's reading below its header: each row into exactly one count."""

    def __init__(self, rows: list[list[object]], merges: MergeMap, header: Header, sheet: str, ctx: SheetContext):
        self.rows, self.merges, self.header, self.sheet, self.ctx = rows, merges, header, sheet, ctx
        self.result = SheetResult(sheet=sheet)
        self.counts = self.result.counts
        self.counts.read = len(rows)
        self.district_names: dict[str, str] = {}  # 区县 cell text -> the district it names
        self.use_rules = dict(ctx.categories)
        self.uses: dict[str, str] = {}
        above = [" ".join(cell_text(v) for v in row if cell_text(v)) for row in rows[: header.first_row]]
        header_line = " ".join(cell_text(v) for v in rows[header.first_row] if cell_text(v))
        self.unit = header.amount_unit or find_unit_line(above + [header_line]) or ctx.default_unit
        blank_above = sum(1 for line in above if not line)
        self.counts.header += header.last_row + 1 - blank_above
        self.counts.blank += blank_above
        self.district, self.district_source = sheet_district(sheet, above, ctx.known_districts, ctx.file_stem)
        self.col = header.columns
        self.header_keys = [normalise_text(label) for label in header.labels]
        self.header_name = normalise_text(header.labels[self.col["name"]]) if self.col["name"] < len(header.labels) else ""
        self.table_start = self.section_start = header.last_row + 2  # Excel row of the first data row

    def find(self, code: str, cell: str = "", **details: object) -> None:
        self.result.findings.append(finding(code, self.ctx.file, self.sheet, cell, **details))

    def read(self) -> SheetResult:
        if self.district_source == "none" and "district" not in self.col:
            self.find("district-undetermined", district=self.district)
        for r in range(self.header.last_row + 1, len(self.rows)):
            self._row(r)
        return self.result

    def _row(self, r: int) -> None:
        row, col = self.rows[r], self.col
        raw_name = self.merges.raw(r, col["name"])
        # A row with a name is not blank: most rows skip looking at every cell.
        if not (isinstance(raw_name, str) and raw_name.strip()) and is_blank(row):
            self.counts.blank += 1
            return
        name = cell_text(raw_name)
        raw_amount = self.merges.raw(r, col["amount"])
        # Fast path: a name and a plain number is a record unless the row says otherwise.
        plain_number = isinstance(raw_amount, (int, float)) and not isinstance(raw_amount, bool)
        if not (plain_number and name and not may_be_special(name) and no_text_before_name(row, col)):
            if self._other_row(r, [cell_text(v) for v in row], name, raw_amount):
                return
        self._record(r, name, raw_amount)

    def _other_row(self, r: int, texts: list[str], name: str, raw_amount: object) -> bool:
        """A 合计/小计, a repeated header, a note or an empty form line: counted, and True."""
        counts, col = self.counts, self.col
        label = row_total_label(texts, col)
        if label:
            self._stated_total(r, label, raw_amount)
            return True
        if normalise_text(name) == self.header_name and [normalise_text(t) for t in texts[: len(self.header_keys)]] == self.header_keys[: len(texts)]:
            counts.header += 1  # the header repeated (printed page breaks)
            return True
        if not name and not cell_text(raw_amount):
            if only_sequence(texts, col):
                counts.blank += 1  # a pre-numbered empty line of the form
            else:
                counts.notes += 1
            return True
        first_text = next((t for t in texts if t), "")
        if (is_note(name) or is_note(first_text)) and not is_amount(raw_amount, self.unit):
            counts.notes += 1  # a signature or note line, even when it runs across the amount column
            return True
        return False

    def _stated_total(self, r: int, label: str, raw_amount: object) -> None:
        excel_row = r + 1
        self.counts.totals += 1
        amount_cell = cell_ref(r, self.col["amount"])
        stated, reason = stated_amount(raw_amount, self.unit)
        is_sub = label == vocab.SUBTOTAL_WORD
        first = self.section_start if is_sub else self.table_start
        self.result.totals.append(StatedTotal(self.ctx.file, self.sheet, excel_row, amount_cell, label, stated, first, excel_row - 1))
        if stated is None and reason:
            self.find("stated-total-unreadable", amount_cell, label=label, reason=reason)
        if is_sub:
            self.section_start = excel_row + 1

    def _reject(self, code: str, cell: str, **details: object) -> None:
        self.counts.rejected += 1
        self.find(code, cell, **details)

    def _record(self, r: int, name: str, raw_amount: object) -> None:
        col, ctx = self.col, self.ctx
        if not name:
            self._reject("name-missing", cell_ref(r, col["name"]), amount=cell_text(raw_amount))
            return
        fen = plain_fen(raw_amount) if self.unit == WAN else None
        if fen is None:
            wan = self._amount(r, name, raw_amount)
            if wan is None:
                return  # rejected at the amount's cell
            fen = wan_to_fen(wan)
        district, source = self.district, self.district_source
        if "district" in col:
            named = cell_text(self.merges.shown(r, col["district"]))
            if named:
                district = self.district_names.get(named) or self.district_names.setdefault(
                    named, canonical_district(named, ctx.known_districts))
                source = "column"
        display_name = self._text(r, "name")
        # Purposes and districts repeat down a list: one string object each, not one per row.
        purpose = sys.intern(self._text(r, "purpose"))
        self.result.records.append(Record(
            district=district, district_source=source, name=display_name,
            category=vocab.recipient_category(display_name), amount_fen=fen,
            purpose=purpose, use=self._use_of(purpose), remark=self._text(r, "remark"),
            file=ctx.file, sheet=self.sheet, row=r + 1, amount_col=col["amount"],
        ))
        self.counts.records += 1

    def _amount(self, r: int, name: str, raw_amount: object) -> Decimal | None:
        """The row's amount in 万元, or None once the row is rejected at the amount's cell."""
        amount_text = cell_text(raw_amount)
        if not amount_text:
            self._reject("amount-missing", cell_ref(r, self.col["amount"]), name=name)
            return None
        if isinstance(raw_amount, Unreadable):
            if raw_amount.is_formula:
                self._reject("amount-formula-no-value", cell_ref(r, self.col["amount"]))
                return None
            self._reject("amount-error-value", cell_ref(r, self.col["amount"]), value=raw_amount.kind)
            return None
        try:
            parsed = parse_amount(raw_amount, self.unit)
        except AmountError as exc:
            self._reject("amount-unparseable", cell_ref(r, self.col["amount"]), reason=exc.reason)
            return None
        if parsed.wan <= 0:
            self._reject("amount-not-positive", cell_ref(r, self.col["amount"]), name=name, amount=format_wan(parsed.wan))
            return None
        if parsed.unit_typo:
            self.find("amount-unit-typo", cell_ref(r, self.col["amount"]), text=amount_text, amount=format_wan(parsed.wan))
        return parsed.wan

    def _use_of(self, purpose: str) -> str:
        # Lists repeat the same few purposes thousands of times: match each once per sheet.
        use = self.uses.get(purpose)
        if use is None:
            use = self.uses[purpose] = vocab.use_category(purpose, self.use_rules)
        return use

    def _text(self, r: int, field_name: str) -> str:
        """A text cell made safe for Excel; what had to change is reported at its cell."""
        c = self.col.get(field_name)
        if c is None:
            return ""
        row = self.rows[r]
        raw = row[c] if c < len(row) else None
        if raw is None:
            return ""
        # Text is kept exactly as typed (a leading tab or "=" included); only numbers are rendered.
        cleaned, removed, truncated = clean_text(raw if isinstance(raw, str) else cell_text(raw))
        if removed:
            self.find("text-control-chars", cell_ref(r, c))
        if truncated:
            self.find("text-truncated", cell_ref(r, c))
        return cleaned
