"""Understand one sheet: its header band, the role of each column, and the kind of every row.

Pure logic over a grid of values (see read.content.SheetGrid); no I/O. Every row gets exactly
one kind (model.RowKind): title, header, record, group, subtotal, total, breakdown, note,
rejected or blank, and the row counts are made from those kinds, so the "nothing lost"
balance holds by construction. Every number the sheet states becomes a StatedTotal over the
rows it covers (see sections), to be held against what was read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from decimal import Decimal

from xlfund import vocab
from xlfund.address import cell_ref, column_letter
from xlfund.amounts import WAN, normalise_text, plain_fen, wan_to_fen
from xlfund.findings import finding
from xlfund.model import Record, RowKind, SheetLayout, SheetResult, count_kinds
from xlfund.sheet.cells import MergeMap, Unreadable, cell_text, is_blank
from xlfund.sheet.district import UNDETERMINED, canonical_district, distinct_places, district_in_text, sheet_districts
from xlfund.sheet.groups import breakdown_label, category_named, group_heading
from xlfund.sheet.header import Header, find_header, find_unit_line, header_at, unit_in_title
from xlfund.sheet.row_amounts import RowAmounts, date_as_amount
from xlfund.sheet.rows import is_amount, is_note, may_be_special, no_text_before_name, only_sequence, row_total_label, stated_amount
from xlfund.sheet.sections import Sections
from xlfund.text import clean_text


@dataclass(frozen=True)
class SheetContext:
    file: str  # the file's name as the clerk sees it in the folder ("档案.zip/高新区.xlsx")
    file_stem: str
    known_districts: tuple[str, ...] = ()
    default_unit: str = WAN
    categories: tuple = tuple(vocab.DEFAULT_CATEGORIES.items())  # (name, keywords) pairs, in order
    folders: tuple[str, ...] = ()  # the folders (and archives) the file sits in, outermost first
    forced_amount: str | None = None  # [columns] amount in the settings: the clerk's choice


def read_sheet(rows: list[list[object]], merged: list, sheet: str, ctx: SheetContext, special: dict | None = None) -> SheetResult:
    """Classify every row of one sheet into records, stated totals, notes, rejects and the rest."""
    for (r, c), kind in (special or {}).items():
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = Unreadable(kind)
    merges = MergeMap(rows, merged)
    header = find_header(rows, merges, forced_amount=ctx.forced_amount)
    if header is None:
        return _without_header(rows, sheet, ctx)
    return _SheetReader(rows, merges, header, sheet, ctx).read()


def _without_header(rows: list[list[object]], sheet: str, ctx: SheetContext) -> SheetResult:
    """A sheet with no table: an instruction sheet (notes), else every line rejected."""
    result = SheetResult(sheet=sheet)
    filled = [any(cell_text(v) for v in row) for row in rows]
    instructions = normalise_text(sheet) in vocab.INSTRUCTION_SHEETS
    kinds = "".join((RowKind.NOTE if instructions else RowKind.REJECTED) if f else RowKind.BLANK for f in filled)
    result.counts = count_kinds(kinds)
    result.layout = SheetLayout(kinds=kinds)
    if instructions:
        result.findings.append(finding("sheet-skipped", ctx.file, sheet, reason="填表说明，没有数据表"))
        return result
    last = max((len(row) for row in rows), default=1)
    cells = f"A1:{column_letter(max(last - 1, 0))}{max(len(rows), 1)}"
    seen = "、".join(dict.fromkeys(t for row in rows[:8] for t in (cell_text(v) for v in row) if t and len(t) <= 12))[:120]
    result.findings.append(finding("header-not-found", ctx.file, sheet, cells, rows=sum(filled), seen=seen or "（无）"))
    return result


class _SheetReader:
    """One sheet's reading below its header: each row gets its kind; records and stated totals."""

    def __init__(self, rows: list[list[object]], merges: MergeMap, header: Header, sheet: str, ctx: SheetContext):
        self.rows, self.merges, self.sheet, self.ctx = rows, merges, sheet, ctx
        self.result = SheetResult(sheet=sheet)
        self.kinds = [RowKind.BLANK] * len(rows)
        self.district_names: dict[str, str | None] = {}  # 区县 cell text -> the district it names
        self.use_rules = dict(ctx.categories)
        self.uses: dict[str, str] = {}
        self.after_total = self.after_breakdown = False
        self.unreadable: dict[int, str] = {}  # Excel row of a stated number -> why it could not be read
        above = [" ".join(cell_text(v) for v in row if cell_text(v)) for row in rows[: header.first_row]]
        for r, line in enumerate(above):
            self.kinds[r] = RowKind.TITLE if line else RowKind.BLANK
        self.unit, self.unit_source = self._unit(header, above)
        self._use_header(header)
        self._sheet_district(above)
        self.sections = Sections(ctx.file, sheet, header.last_row + 2)

    def _unit(self, header: Header, above: list[str]) -> tuple[str, str]:
        """The amounts' unit and where it was stated: the amount column's label, a unit line,
        the title ("…（元）"), else the settings' default."""
        header_line = " ".join(cell_text(v) for v in self.rows[header.first_row] if cell_text(v))
        for unit, source in ((header.amount_unit, "金额列表头"), (find_unit_line(above + [header_line]), "单位行"),
                             (unit_in_title(above), "标题")):
            if unit:
                return unit, source
        return self.ctx.default_unit, "设置（默认）"

    def _use_header(self, header: Header) -> None:
        for r in range(header.first_row, header.last_row + 1):
            self.kinds[r] = RowKind.HEADER
        self.header = header
        self.col = dict(header.columns)
        # A table of districts and amounts (no recipient column) is a summary: its lines are
        # read like records, then become checks (see summary.py).
        self.by_district = "name" not in self.col
        if self.by_district:
            self.col["name"] = self.col["district"]
        self.amounts = RowAmounts(header.choice, self.unit, self._reject_at, self.find)
        self.header_keys = [normalise_text(label) for label in header.labels]
        self.header_name = self.header_keys[self.col["name"]] if self.col["name"] < len(self.header_keys) else ""

    def _sheet_district(self, above: list[str]) -> None:
        ctx = self.ctx
        found = sheet_districts(self.sheet, above, ctx.known_districts, ctx.folders, ctx.file_stem)
        self.district, self.district_source = found[0] if found else (UNDETERMINED, "none")
        names = distinct_places(d for d, _ in found)
        if len(names) > 1:
            said = "，".join(f"{vocab.DISTRICT_SOURCES[s]}“{d}”" for d, s in found)
            self.find("district-conflict", "", sources=said, taken=self.district, source=vocab.DISTRICT_SOURCES[self.district_source])

    def find(self, code: str, cell: str = "", **details: object) -> None:
        self.result.findings.append(finding(code, self.ctx.file, self.sheet, cell, **details))

    def read(self) -> SheetResult:
        if self.header.choice.ambiguous_amount:
            self._refuse_ambiguous()
        else:
            for r in range(self.header.last_row + 1, len(self.rows)):
                self._row(r)
            if any(record.district_source == "none" for record in self.result.records):
                self.find("district-undetermined", district=UNDETERMINED)
            self.sections.close_table(len(self.rows))
            self.result.totals = self.sections.stated()
            for total in self.result.totals:
                if total.amount is None:
                    self.find("stated-total-unreadable", total.cell, label=total.label, reason=self.unreadable.get(total.row, "空白"))
        kinds = "".join(self.kinds)
        self.result.counts = count_kinds(kinds)
        self.result.layout = SheetLayout(
            header_rows=(self.header.first_row + 1, self.header.last_row + 1),
            columns={role: f"{column_letter(c)} {self.header.choice.reasons.get(role, '')}" for role, c in self.col.items()},
            unit=self.unit, unit_source=self.unit_source, district=self.district,
            district_source=vocab.DISTRICT_SOURCES[self.district_source], kinds=kinds,
        )
        return self.result

    def _refuse_ambiguous(self) -> None:
        """Two columns fit the amount equally: every line waits for the clerk's choice."""
        labels = [f"{column_letter(c)}“{self.header.labels[c]}”" for c in self.header.choice.ambiguous_amount]
        for r in range(self.header.last_row + 1, len(self.rows)):
            self.kinds[r] = RowKind.BLANK if is_blank(self.rows[r]) else RowKind.REJECTED
        first = self.header.choice.ambiguous_amount[0]
        self.find("amount-column-ambiguous", cell_ref(self.header.last_row, first), columns="、".join(labels),
                  example=self.header.labels[first])

    def _row(self, r: int) -> None:
        row, col = self.rows[r], self.col
        raw_name = self.merges.raw(r, col["name"])
        # A row with a name is not blank: most rows skip looking at every cell.
        if not (isinstance(raw_name, str) and raw_name.strip()) and is_blank(row):
            return  # already BLANK
        name = cell_text(raw_name)
        raw_amount = self.merges.raw(r, col["amount"])
        # Fast path: a name and a plain number is a record unless the row says otherwise.
        plain_number = isinstance(raw_amount, (int, float)) and not isinstance(raw_amount, bool)
        if (plain_number and name and not self.after_total and not may_be_special(name) and not _may_be_group(name)
                and no_text_before_name(row, col)):
            self._record(r, name, raw_amount)
            return
        texts = [cell_text(v) for v in row]
        if not self._other_row(r, texts, name, raw_amount):
            self._record(r, name, raw_amount)

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
        if self._table_title(r, texts, raw_amount):
            return True
        seq = self.col.get("seq")
        group = group_heading(texts, name, self.ctx.known_districts, texts[seq] if seq is not None and seq < len(texts) else "")
        if group is not None and group.level == 3 and (self.by_district or not self._members_follow(r)):
            group = None  # a bare district with no lines under it: a summary line
        if group is not None and not self._looks_like_record(name, texts):
            self._group(r, group, raw_amount)
            return True
        if not name and not cell_text(raw_amount):
            self.kinds[r] = RowKind.BLANK if only_sequence(texts, self.col) else RowKind.NOTE
            return True
        if not name and not self.after_total and date_as_amount(texts, raw_amount):
            self._reject_at(r, "amount-is-date", cell_ref(r, self.col["amount"]), value=cell_text(raw_amount))
            return True
        first_text = next((t for t in texts if t), "")
        if name and normalise_text(name).rstrip(":：") in vocab.NOTE_PREFIXES:
            self.kinds[r] = RowKind.NOTE  # "联系电话" with the number in the amount column
            return True
        if (is_note(name) or is_note(first_text)) and not is_amount(raw_amount, self.unit):
            self.kinds[r] = RowKind.NOTE  # a signature or note line, even across the amount column
            return True
        if is_note(first_text) and first_text != name:
            self.kinds[r] = RowKind.NOTE  # "联系电话：…" with the number in the amount column
            return True
        return False

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
            if self.sections.records_in_table == 0 or not self.sections.under_header:
                self.sections.new_table(r + 2)
            return True
        header = self._header_at(r)
        if header is None:
            return False
        self.unit = header.amount_unit or self.unit  # a second table may state its own unit
        self._use_header(header)
        self.sections.new_table(header.last_row + 2)
        return True

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
        below = next((b for b in range(r + 1, min(len(self.rows), r + 4)) if not is_blank(self.rows[b])), None)
        if below is None:
            return False
        below_texts = [cell_text(v) for v in self.rows[below]]
        if not self._is_header_repeated(below_texts) and self._header_at(below) is None:
            return False
        self.kinds[r] = RowKind.TITLE
        district = district_in_text(" ".join(t for t in texts if t), self.ctx.known_districts)
        if district:
            self.district, self.district_source = district, "title"
        return True

    def _group(self, r: int, group, raw_amount: object) -> None:
        self.kinds[r] = RowKind.GROUP
        stated = bool(cell_text(raw_amount))
        amount = self._stated_value(r, raw_amount) if stated else None
        self.sections.group(r + 1, group, amount, cell_ref(r, self.col["amount"]), stated)
        self.after_total = self.after_breakdown = False

    def _stated_value(self, r: int, raw_amount: object) -> Decimal | None:
        value, reason = stated_amount(raw_amount, self.unit)
        if value is None:
            self.unreadable[r + 1] = reason
        return value

    def _stated(self, r: int, label: str, raw_amount: object) -> None:
        amount = self._stated_value(r, raw_amount)
        cell = cell_ref(r, self.col["amount"])
        if label == vocab.SUBTOTAL_WORD:
            self.kinds[r] = RowKind.SUBTOTAL
            self.sections.subtotal(r + 1, label, amount, cell)
        else:
            self.kinds[r] = RowKind.TOTAL
            self.sections.total(r + 1, label, amount, cell)
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
            self.sections.breakdown(r + 1, label, amount, cell_ref(r, self.col["amount"]), district, category)
        return True

    def _reject_at(self, r: int, code: str, cell: str, **details: object) -> None:
        self.kinds[r] = RowKind.REJECTED
        self.find(code, cell, **details)

    def _record(self, r: int, name: str, raw_amount: object) -> None:
        col, ctx = self.col, self.ctx
        self.after_total = self.after_breakdown = False
        if not name:
            self._reject_at(r, "name-missing", cell_ref(r, col["name"]), amount=cell_text(raw_amount))
            return
        fen = plain_fen(raw_amount) if self.unit == WAN else None
        if fen is None:
            wan = self.amounts.parse(r, name, raw_amount)
            if wan is None:
                return  # rejected at the amount's cell
            fen = wan_to_fen(wan)
        self.amounts.check_parts(r, self.rows[r], fen)
        district, source = self._district_of(r)
        display_name = self._text(r, "name")
        # Purposes and districts repeat down a list: one string object each, not one per row.
        purpose = sys.intern(self._text(r, "purpose"))
        self.result.records.append(Record(
            district=district, district_source=source, name=display_name,
            category=vocab.recipient_category(display_name), amount_fen=fen,
            purpose=purpose, use=self._use_of(purpose), remark=self._text(r, "remark"),
            file=ctx.file, sheet=self.sheet, row=r + 1, amount_col=col["amount"],
        ))
        self.kinds[r] = RowKind.RECORD
        self.sections.record()

    def _district_of(self, r: int) -> tuple[str, str]:
        """The most specific district for row r: its 区县 cell, its group, then the sheet's."""
        if "district" in self.col:
            named = cell_text(self.merges.shown(r, self.col["district"]))
            if named:
                if named not in self.district_names:
                    self.district_names[named] = self._column_district(r, named)
                district = self.district_names[named]
                return (district, "column") if district else (UNDETERMINED, "column")
        group_district = self.sections.district
        if group_district:
            return group_district, "group"
        return self.district, self.district_source

    def _column_district(self, r: int, named: str) -> str | None:
        """A 区县 cell's district (checked once per distinct text), with what is wrong said at the cell."""
        district = canonical_district(named, self.ctx.known_districts)
        cell = cell_ref(r, self.col["district"])
        if district is None:
            self.find("district-invalid", cell, text=named)
        elif self.district_source != "none" and district != self.district and self.district_source in ("file", "folder", "title", "sheet"):
            self.find("district-conflict", cell, sources=f"区县列“{district}”，{vocab.DISTRICT_SOURCES[self.district_source]}“{self.district}”",
                      taken=district, source="区县列")
        return district

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


def _may_be_group(name: str) -> bool:
    """Could this name be a group heading ("一、…", "（一）…", a bare district)? (cheap pre-check)"""
    return name[0] in "一二三四五六七八九十（(其" or name.endswith(("区", "县", "市", "旗"))
