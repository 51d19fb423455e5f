"""Understand one sheet: its header band, the role of each column, and the kind of every row.

Pure logic over a grid of values (see read.content.SheetGrid); no I/O. Every row gets exactly
one kind (model.RowKind): title, header, record, group, subtotal, total, breakdown, note,
rejected or blank, and the row counts are made from those kinds, so the "nothing lost"
balance holds by construction. Every number the sheet states becomes a StatedTotal over the
rows it covers (see sections), to be held against what was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name

from xlfund import vocab
from xlfund.amounts import WAN, fen_to_wan, normalise_text, plain_fen, wan_to_fen
from xlfund.findings import Place, finding, money_text, rows_listed
from xlfund.model import Record, RowKind, SheetLayout, SheetResult, count_kinds
from xlfund.sheet.cells import MergeMap, Unreadable, cell_text, is_blank, sums_rows
from xlfund.sheet.column_doubts import column_sum, same_amounts, unused_columns
from xlfund.sheet.columns import is_header_word
from xlfund.sheet.district import UNDETERMINED, is_filer_line, sheet_districts
from xlfund.sheet.fields import RecordFields
from xlfund.sheet.groups import numbered_lines
from xlfund.sheet.header import Header, find_header
from xlfund.sheet.marks import not_given, status_columns
from xlfund.sheet.other_rows import OtherRows
from xlfund.sheet.row_amounts import RowAmounts
from xlfund.sheet.row_district import RowDistricts
from xlfund.sheet.rows import (
    may_be_special,
    no_text_before_name,
)
from xlfund.sheet.sections import Sections
from xlfund.sheet.units import choose_unit


@dataclass(frozen=True)
class SheetContext:
    file: str  # the file's name as the clerk sees it in the folder ("档案.zip/高新区.xlsx")
    file_stem: str
    known_districts: tuple[str, ...] = ()
    default_unit: str = WAN
    purpose_groups: tuple = tuple(vocab.DEFAULT_PURPOSE_GROUPS.items())  # (name, keywords) pairs, in order
    folders: tuple[str, ...] = ()  # the folders (and archives) the file sits in, outermost first
    forced_amount: str | None = None  # [columns] amount in the settings: the clerk's choice


def read_sheet(rows: list[list[object]], merged: list, sheet: str, ctx: SheetContext, special: dict | None = None,
               marks: dict[int, str] | None = None) -> SheetResult:
    """Classify every row of one sheet into records, stated totals, notes, rejects and the rest.
    `marks`: 0-based rows struck through or hidden (see marks.py), as the file says."""
    for (r, c), kind in (special or {}).items():
        while len(rows[r]) <= c:
            rows[r].append(None)
        rows[r][c] = Unreadable.of(kind)
    merges = MergeMap(rows, merged)
    header = find_header(rows, merges, forced_amount=ctx.forced_amount)
    if header is None:
        return _without_header(rows, sheet, ctx)
    return _SheetReader(rows, merges, header, sheet, ctx, marks or {}).read()


def _without_header(rows: list[list[object]], sheet: str, ctx: SheetContext) -> SheetResult:
    """A sheet with no table: an instruction sheet (notes), else every line rejected."""
    result = SheetResult(sheet=sheet)
    filled = [any(cell_text(v) for v in row) for row in rows]
    instructions = normalise_text(sheet) in vocab.INSTRUCTION_SHEETS
    kinds = "".join((RowKind.NOTE if instructions else RowKind.REJECTED) if f else RowKind.BLANK for f in filled)
    result.counts = count_kinds(kinds)
    result.layout = SheetLayout(kinds=kinds)
    if instructions:  # expected beside the table (our own forms have one): counted as notes, not reported
        return result
    last = max((len(row) for row in rows), default=1)
    cells = Place(ctx.file, sheet, 1, 0, last_row=max(len(rows), 1), last_col=max(last - 1, 0))
    seen = "、".join(dict.fromkeys(t for row in rows[:8] for t in (cell_text(v) for v in row) if t and len(t) <= 12))[:120]
    result.findings.append(finding("header-not-found", cells, rows=sum(filled), seen=seen or "（无）"))
    return result


class _SheetReader(OtherRows):
    """One sheet's reading below its header: each row gets its kind; records and stated totals."""

    def __init__(self, rows: list[list[object]], merges: MergeMap, header: Header, sheet: str, ctx: SheetContext, marks: dict[int, str]):
        self.rows, self.merges, self.sheet, self.ctx, self.marks = rows, merges, sheet, ctx, marks
        self.result = SheetResult(sheet=sheet)
        self.kinds = [RowKind.BLANK] * len(rows)
        self.fields = RecordFields(merges, dict(ctx.purpose_groups), self.find)
        self.after_total = self.after_breakdown = False
        self.unreadable: dict[int, str] = {}  # Excel row of a stated number -> why it could not be read
        self.places: dict[int, int] = {}  # Excel row of a stated number -> decimal places (万元) it was typed to
        self.part_parent: Record | None = None  # the recipient's line the "其中：中央资金" lines below split
        self.line_parts: dict[Record, list[Decimal | None]] = {}
        above = [" ".join(cell_text(v) for v in row if cell_text(v)) for row in rows[: header.first_row]]
        for r, line in enumerate(above):
            self.kinds[r] = RowKind.TITLE if line else RowKind.BLANK
        self.title = " ".join(line for line in above if line)
        self.unit, self.unit_source = self._unit(header, above)
        self._use_header(header)
        found = sheet_districts(sheet, above + self._filer_lines_below(header), ctx.known_districts, ctx.folders, ctx.file_stem)
        self.districts = RowDistricts(found, ctx.known_districts, self.find)
        self.sections = Sections(ctx.file, sheet, header.last_row + 2)
        self.numbered_parents, self.numbered_children = numbered_lines(rows, self.col, header.last_row + 1)

    def _filer_lines_below(self, header: Header) -> list[str]:
        """A 填报单位 line among the last lines of the sheet (under the 合计, beside the signatures)
        names the district as one above the header does."""
        lines = []
        for row in self.rows[max(header.last_row + 1, len(self.rows) - FOOTER_ROWS):]:
            line = " ".join(t for t in (cell_text(v) for v in row) if t)
            if line and is_filer_line(line):
                lines.append(line)
        return lines

    def _unit(self, header: Header, above: list[str]) -> tuple[str, str]:
        """The amounts' unit and where it was stated (see units.choose_unit); statements that
        disagree are an error, and a unit that is not money refuses the sheet."""
        header_line = " ".join(cell_text(v) for v in self.rows[header.first_row] if cell_text(v))
        amount = header.columns.get("amount")
        label = header.labels[amount] if amount is not None and amount < len(header.labels) else ""
        choice = choose_unit(header.amount_unit, header.first_row, above, header_line, self.ctx.default_unit, label)
        self.unit_refusal = choice.refusal
        if choice.disagreeing:
            said = "，".join(f"{s.source}“{s.written}”" for s in choice.disagreeing)
            self.find("unit-conflict", choice.disagreeing[1].row, said=said, source=choice.source, unit=choice.unit)
        return choice.unit, choice.source

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
        self.status_cols = status_columns(header.labels, self.col.get("remark"))
        self.header_keys = [normalise_text(label) for label in header.labels]
        self.header_name = self.header_keys[self.col["name"]] if self.col["name"] < len(self.header_keys) else ""

    def find(self, code: str, row: int | None = None, col: int | None = None, **params: object) -> None:
        """A finding on this sheet: at a cell (0-based row and column), a row, or the sheet."""
        place = Place(self.ctx.file, self.sheet, 0 if row is None else row + 1, col)
        self.result.findings.append(finding(code, place, **params))

    def read(self) -> SheetResult:
        choice = self.header.choice
        if choice.ambiguous_amount and same_amounts(self.rows, self.header, choice.ambiguous_amount, self.unit):
            others = "、".join(f"“{self.header.labels[c]}”" for c in choice.ambiguous_amount if c != self.col["amount"])
            choice.reasons["amount"] = f"“{self.header.labels[self.col['amount']]}”（与{others}各行金额相同）"
            choice.ambiguous_amount = ()
        if choice.ambiguous_amount:
            self._refuse_ambiguous()
        elif self.unit_refusal is not None:
            refusal = self.unit_refusal
            self._refuse_rows()
            self.find("unit-not-money", refusal.row, source=refusal.source, written=refusal.written)
        else:
            for r in range(self.header.last_row + 1, len(self.rows)):
                self._row(r)
            self.districts.say_blank_cells()
            if any(record.district_source == "none" for record in self.result.records):
                self.find("district-undetermined", district=UNDETERMINED)
            self.sections.close_table(len(self.rows))
            self._check_line_parts()
            self._lines_after_total()
            self.result.totals = [replace(t, places=self.places.get(t.row, 0)) for t in self.sections.stated()]
            for total in self.result.totals:
                # A sum without a value over every line, none left out (our form's 合计): equal by construction.
                if total.amount is None and not (sums_rows(self.merges.shown(total.row - 1, total.col), total.first_row, total.last_row)
                                                 and RowKind.REJECTED not in self.kinds[total.first_row - 1:total.last_row]):
                    self.find("stated-total-unreadable", total.row - 1, total.col, label=total.label, reason=self.unreadable.get(total.row, "空白"))
        kinds = "".join(self.kinds)
        self.result.counts = count_kinds(kinds)
        self.result.layout = SheetLayout(
            header_rows=(self.header.first_row + 1, self.header.last_row + 1),
            columns={role: f"{xl_col_to_name(c)} {self.header.choice.reasons.get(role, '')}" for role, c in self.col.items()},
            unit=self.unit, unit_source=self.unit_source, district=self.districts.district,
            district_source=vocab.DISTRICT_SOURCES[self.districts.source], kinds=kinds, unused=unused_columns(self.rows, self.header, self.col, self.kinds), title=self.title,
        )
        return self.result

    def _lines_after_total(self) -> None:
        """Recipients' lines below a 合计 that no stated number covers: counted, and an error (the
        submitter's own total leaves them out: added afterwards, or not to be paid?)."""
        by_row = {record.row: record for record in self.result.records}
        for total_row, last in self.sections.after_total:
            # Excel rows total_row + 1 … last are 0-based indexes total_row … last - 1
            lines = [by_row[r + 1] for r in range(total_row, last) if self.kinds[r] == RowKind.RECORD and r + 1 in by_row]
            if lines:
                self.find("lines-after-total", lines[0].row - 1, self.col["name"], total_row=total_row, count=len(lines),
                          rows=rows_listed([line.row for line in lines], 10),
                          amount=sum((line.amount for line in lines), Decimal(0)))

    def _refuse_ambiguous(self) -> None:
        """Two columns fit the amount equally: every line waits for the clerk's choice, told
        each candidate column with what its lines add up to, to choose in one step."""
        labels = [f"{self._label_of(c)}（各行合计 {money_text(column_sum(self.rows, self.header, c, self.unit))} 万元）"
                  for c in self.header.choice.ambiguous_amount]
        self._refuse_rows()
        ambiguous = self.header.choice.ambiguous_amount
        first = ambiguous[0]
        written = [normalise_text(self.header.labels[c]) for c in ambiguous]
        if len(set(written)) < len(written):
            # The same label twice: tables side by side, which no setting of a label can choose between.
            self.find("amount-columns-side-by-side", self.header.last_row, first, columns="、".join(labels))
            return
        self.find("amount-column-ambiguous", self.header.last_row, first, columns="、".join(labels), example=self.header.labels[first])

    def _label_of(self, c: int) -> str:
        return f"{xl_col_to_name(c)}“{self.header.labels[c] if c < len(self.header.labels) else ''}”"

    def _refuse_rows(self) -> None:
        """Every line below the header waits for the clerk (its refusal is one finding)."""
        for r in range(self.header.last_row + 1, len(self.rows)):
            self.kinds[r] = RowKind.BLANK if is_blank(self.rows[r]) else RowKind.REJECTED

    def _row(self, r: int) -> None:
        if self.kinds[r] == RowKind.HEADER:
            return  # the second row of a later table's two-row header, taken with its first
        row, col = self.rows[r], self.col
        raw_name = self.merges.raw(r, col["name"])
        # A row with a name is not blank: most rows skip looking at every cell.
        if not (isinstance(raw_name, str) and raw_name.strip()) and is_blank(row):
            return  # already BLANK
        name = cell_text(raw_name)
        raw_amount = self.merges.raw(r, col["amount"])
        if self.numbered_parents and self._numbered(r, name, raw_amount):
            return
        # Fast path: a name and a plain number is a record unless the row says otherwise.
        plain_number = isinstance(raw_amount, (int, float)) and not isinstance(raw_amount, bool)
        if (plain_number and name and not self.after_total and not may_be_special(name) and not _may_be_group(name) and name[:2] not in _PART_STARTS
                and no_text_before_name(row, col)):
            self._record(r, name, raw_amount)
            return
        texts = [cell_text(v) for v in row]
        if not self._other_row(r, texts, name, raw_amount):
            self._record(r, name, raw_amount)

    def _reject_at(self, r: int, code: str, col: int, **params: object) -> None:
        self.kinds[r] = RowKind.REJECTED
        self.find(code, r, col, **params)

    def _record(self, r: int, name: str, raw_amount: object) -> None:
        col, ctx = self.col, self.ctx
        self.after_total = self.after_breakdown = False
        name_row = r
        if not name:
            # A name merged down over this line (one recipient, two lines: 第一批, 第二批) is its name.
            origin = self.merges.origin.get((r, col["name"]))
            if origin is not None and origin[0] < r and self.kinds[origin[0]] == RowKind.RECORD:
                name_row = origin[0]
                name = cell_text(self.merges.raw(*origin))
        if not name:
            self._reject_at(r, "name-missing", col["name"], amount=cell_text(raw_amount))
            return
        if name[0].isdigit() and _NUMBER.fullmatch(name):
            self._reject_at(r, "name-is-number", col["name"], name=name)  # a count, a code or a 序号: no recipient
            return
        if is_header_word(name):
            self._reject_at(r, "name-is-header-word", col["name"], name=name)
            return
        fen = plain_fen(raw_amount) if self.unit == WAN else None
        if fen is None:
            wan = self.amounts.parse(r, name, raw_amount)
            if wan is None:
                return  # rejected at the amount's cell
            fen = wan_to_fen(wan)
        if self._not_given(r, name, fen):
            return
        self.amounts.check_parts(r, self.rows[r], fen)
        district, source = self._district_of(r)
        display_name = self.fields.text(name_row, col["name"]) if name_row == r else self.result.records[-1].name
        purpose, use = self.fields.purpose(r, col.get("purpose"))
        self.result.records.append(Record(
            district=district, district_source=source, name=display_name,
            category=vocab.recipient_category(display_name), amount_fen=fen,
            purpose=purpose, purpose_group=use, remark=self.fields.text(r, col.get("remark")),
            file=ctx.file, sheet=self.sheet, row=r + 1, amount_col=col["amount"], town=self.fields.town(r, col.get("town")),
            name_col=col["name"],
        ))
        self.kinds[r] = RowKind.RECORD
        self.sections.record()

    def _not_given(self, r: int, name: str, fen: int) -> bool:
        """A line struck through, or whose 备注 says the grant was cancelled: not counted, said at its cell."""
        said = not_given(self.rows[r], self.marks.get(r), self.status_cols, self.col["name"])
        if said is None:
            return False
        code, col, params = said
        self.find(code, r, col, name=name, amount=fen_to_wan(fen), **params)
        if code == "line-status-unclear":
            return False  # counted, and the clerk asked: the line is listed with its amount
        self.kinds[r] = RowKind.CANCELLED
        return True

    def _district_of(self, r: int) -> tuple[str, str]:
        """The most specific district for row r: its 区县 cell, its group, then the sheet's."""
        blank = False
        if "district" in self.col:
            named = cell_text(self.merges.shown(r, self.col["district"]))
            if named in vocab.DITTO_WORDS and self.result.records and self.result.records[-1].district_source == "column":
                return self.result.records[-1].district, "column"  # "同上": the line above's district
            if named:
                return self.districts.of_column(r, self.col["district"], named)
            blank = not self.by_district
        group_district = self.sections.district
        if group_district:
            found = self.districts.of_group(group_district, self.sections.district_row - 1, self.col["name"])
        else:
            found = self.districts.district, self.districts.source
        if blank:
            self.districts.blank_cell(r, self.col["district"], found[0])
        return found


_NUMBER = re.compile(r"[\d,.，。%\-/]+")
# How a line splitting the amount above by source may start ("省级资金"): no fast path for it.
_PART_STARTS = frozenset(("中央", "省级", "市级", "县级", "区级", "市本", "乡镇", "省财", "市财", "县财", "省资", "市资", "县资", "区资",
                          "省补", "市补", "县补", "区补", "省配", "市配", "县配", "省专", "市专", "县专", "省奖", "市奖", "县奖"))
FOOTER_ROWS = 8  # the last rows of a sheet looked at for a 填报单位 line under the table


def _may_be_group(name: str) -> bool:
    """Could this name be a group heading ("一、…", "（一）…", a bare district)? (cheap pre-check)"""
    return name[0] in "一二三四五六七八九十（(其" or name.rstrip(":： ").endswith(("区", "县", "市", "旗"))
