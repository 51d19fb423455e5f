"""Understand one sheet: find its header, map its columns, classify every row.

Pure logic over a grid of values (see readers.SheetGrid); no I/O. Every row of the sheet
is counted in exactly one of: record, header (title/unit/header lines), total, note,
rejected, blank. That is the "nothing lost" invariant, checked in RowCounts.balanced().
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from xlfund import vocab
from xlfund.amounts import WAN, YUAN, AmountError, fen_to_wan, format_wan, normalise_text, parse_amount, plain_fen, wan_to_fen
from xlfund.findings import Finding, finding
from xlfund.text import clean_text

HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True)
class Unreadable:
    """A cell that holds something no value reader can give: a formula with no stored result
    ("formula") or an error value ("#REF!"). Never blank, never 0."""

    kind: str

    @property
    def is_formula(self) -> bool:
        return self.kind == "formula"

    def __str__(self) -> str:
        return "（公式无计算结果）" if self.is_formula else self.kind


class Record(NamedTuple):
    """One recipient line. A tuple: a province's list has millions, made and sent between
    processes; a named tuple is made about twice as fast as a frozen dataclass and pickled
    twice as fast."""

    district: str
    district_source: str  # a key of vocab.DISTRICT_SOURCES
    name: str
    category: str
    amount_fen: int  # the amount in 分 (an int is exact, a quarter of a Decimal's size, fast to send)
    purpose: str
    use: str  # the purpose's category (vocab.use_category)
    remark: str
    file: str
    sheet: str
    row: int  # Excel row number
    amount_col: int  # 0-based column of the amount

    @property
    def amount(self) -> Decimal:
        """The amount in 万元."""
        return fen_to_wan(self.amount_fen)

    @property
    def cell(self) -> str:
        """The amount's cell as the clerk sees it, e.g. "C5" (derived: a province's list is long)."""
        return f"{column_letter(self.amount_col)}{self.row}"


@dataclass(frozen=True)
class StatedTotal:
    """A 合计/小计 row: what the district says its lines add up to."""

    file: str
    sheet: str
    row: int
    cell: str
    label: str
    amount: Decimal | None
    first_row: int  # the Excel rows it covers
    last_row: int


@dataclass
class RowCounts:
    read: int = 0
    records: int = 0
    header: int = 0
    totals: int = 0
    notes: int = 0
    rejected: int = 0
    blank: int = 0

    def balanced(self) -> bool:
        return self.read == self.records + self.header + self.totals + self.notes + self.rejected + self.blank

    def add(self, other: RowCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class SheetResult:
    sheet: str
    records: list[Record] = field(default_factory=list)
    totals: list[StatedTotal] = field(default_factory=list)
    counts: RowCounts = field(default_factory=RowCounts)
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class Header:
    first_row: int  # 0-based index of the first header row
    last_row: int  # 0-based index of the last header row (two-row headers)
    columns: dict[str, int]  # field -> 0-based column
    labels: tuple[str, ...]
    amount_unit: str | None  # from the amount column's own label


@functools.lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0-based column index to Excel letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based row and column to an Excel reference."""
    return f"{column_letter(col)}{row + 1}"


def cell_text(value: object) -> str:
    """A cell as the clerk reads it, trimmed; numbers without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).strip()


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


class _MergeMap:
    """Looks up the value a merged range shows in each of its cells."""

    def __init__(self, rows: list[list[object]], merged: list[tuple[tuple[int, int], tuple[int, int]]]):
        self.rows = rows
        self.ranges = merged
        self.origin: dict[tuple[int, int], tuple[int, int]] = {}
        for (r0, c0), (r1, c1) in merged:
            if (r1 - r0 + 1) * (c1 - c0 + 1) > 1_000_000:
                continue  # a merge over a whole column says nothing useful and costs memory
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.origin[(r, c)] = (r0, c0)

    def raw(self, row: int, col: int) -> object:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[col] if col < len(cells) else None

    def shown(self, row: int, col: int) -> object:
        r, c = self.origin.get((row, col), (row, col))
        return self.raw(r, c)

    def spans_rows(self, row: int) -> bool:
        """True when a merged range starting on this row reaches the next row."""
        return any(r0 == row and r1 > r0 for (r0, _c0), (r1, _c1) in self.ranges)

    def in_horizontal_merge(self, row: int) -> bool:
        return any(r0 == row and c1 > c0 for (r0, c0), (_r1, c1) in self.ranges)


def find_header(rows: list[list[object]], merges: _MergeMap) -> Header | None:
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


def _looks_like_top_of_two(r: int, rows: list[list[object]], merges: _MergeMap, found: dict[str, int]) -> bool:
    return bool(found) and r + 1 < len(rows) and _is_second_header_row(r, rows, merges)


def _is_second_header_row(r: int, rows: list[list[object]], merges: _MergeMap) -> bool:
    """A second header row: the first has merges into it or over it, and it holds only labels."""
    if not (merges.in_horizontal_merge(r) or merges.spans_rows(r)):
        return False
    nxt = rows[r + 1]
    values = [v for c, v in enumerate(nxt) if cell_text(v) and merges.origin.get((r + 1, c), (r + 1, c)) == (r + 1, c)]
    if not values:
        return False
    return all(isinstance(v, str) and not _is_amount(v, WAN) for v in values) and any(match_label(str(v))[0] or match_label(str(v))[1] for v in values)


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


def district_in_text(text: str, known: tuple[str, ...]) -> str | None:
    """A district named in free text: a configured name first, then common patterns."""
    plain = normalise_text(text)
    if not plain:
        return None
    for name in sorted(known, key=len, reverse=True):
        if name and normalise_text(name) in plain:
            return name
    for inner in re.findall(r"[(（]([^()（）]{2,10})[)）]", plain):
        if inner.endswith(("区", "县", "市", "旗")):
            return inner
    match = re.search(r"(?:填报单位|报送单位|单位)[:：]([^\s,，。;；]{2,20})", plain)
    if match:
        office = match.group(1)
        for suffix in vocab.OFFICE_SUFFIXES:
            office = office.split(suffix)[0]
        if office:
            return _last_district_token(office) or office
    return _last_district_token(plain)


def _last_district_token(text: str) -> str | None:
    tokens = re.findall(r"[\u4e00-\u9fff]{2,8}?(?:新区|区|县|旗)", text)
    if not tokens:
        return None
    token = tokens[0]
    # "益阳市高新区" -> "高新区": the city in front is not the district.
    if "市" in token[:-1]:
        token = token.split("市")[-1] or token
    return token if len(token) >= 2 else None


def sheet_name_district(name: str, known: tuple[str, ...]) -> str | None:
    lowered = name.strip().lower()
    if not lowered or any(lowered.startswith(g) for g in vocab.GENERIC_SHEET_NAMES):
        return None
    for district in known:
        if district and district in name:
            return district
    plain = normalise_text(name)
    if plain.endswith(("区", "县", "市", "旗")) and len(plain) <= 10:
        return _last_district_token(plain) or plain
    return None


def _is_total_label(text: str) -> str | None:
    plain = normalise_text(text).lstrip("其中:：")
    for word in vocab.TOTAL_WORDS:
        if plain.startswith(word):
            return word
    return None


def _is_note(text: str) -> bool:
    plain = normalise_text(text)
    if plain.startswith(vocab.NOTE_PREFIXES):
        return True
    # A date on its own line ("2018年12月20日", "2018-12-20").
    return bool(re.fullmatch(r"\d{4}(?:年\d{1,2}月(?:\d{1,2}日)?|[-/.]\d{1,2}[-/.]\d{1,2})", plain))


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
    return _SheetReader(rows, merged, sheet, ctx).read()


class _SheetReader:
    """One sheet's reading: the header once, then each row into exactly one count."""

    def __init__(self, rows: list[list[object]], merged: list, sheet: str, ctx: SheetContext):
        self.rows, self.sheet, self.ctx = rows, sheet, ctx
        self.merges = _MergeMap(rows, merged)
        self.result = SheetResult(sheet=sheet)
        self.counts = self.result.counts
        self.counts.read = len(rows)
        self.district_names: dict[str, str] = {}  # 区县 cell text -> the district it names
        self.use_rules = dict(ctx.categories)
        self.uses: dict[str, str] = {}

    def find(self, code: str, cell: str = "", **details: object) -> None:
        self.result.findings.append(finding(code, self.ctx.file, self.sheet, cell, **details))

    def read(self) -> SheetResult:
        header = find_header(self.rows, self.merges)
        if header is None:
            self._no_header()
            return self.result
        self._start(header)
        for r in range(header.last_row + 1, len(self.rows)):
            self._row(r)
        return self.result

    def _no_header(self) -> None:
        rows, counts = self.rows, self.counts
        nonblank = sum(1 for row in rows if any(cell_text(v) for v in row))
        counts.blank = len(rows) - nonblank
        if normalise_text(self.sheet) in vocab.INSTRUCTION_SHEETS:
            counts.notes = nonblank
            self.find("sheet-skipped", reason="填表说明，没有数据表")
            return
        counts.rejected = nonblank
        last = max((len(row) for row in rows), default=1)
        self.find("header-not-found", f"A1:{column_letter(max(last - 1, 0))}{max(len(rows), 1)}", rows=nonblank)

    def _start(self, header: Header) -> None:
        rows, ctx = self.rows, self.ctx
        above = [" ".join(cell_text(v) for v in row if cell_text(v)) for row in rows[: header.first_row]]
        header_line = " ".join(cell_text(v) for v in rows[header.first_row] if cell_text(v))
        self.unit = header.amount_unit or find_unit_line(above + [header_line]) or ctx.default_unit
        blank_above = sum(1 for line in above if not line)
        self.counts.header += header.last_row + 1 - blank_above
        self.counts.blank += blank_above
        self.district, self.district_source = _sheet_district(self.sheet, above, ctx)
        if self.district_source == "none" and "district" not in header.columns:
            self.find("district-undetermined", district=self.district)
        self.col = header.columns
        self.header_keys = [normalise_text(label) for label in header.labels]
        self.header_name = normalise_text(header.labels[self.col["name"]]) if self.col["name"] < len(header.labels) else ""
        self.table_start = self.section_start = header.last_row + 2  # Excel row of the first data row

    def _row(self, r: int) -> None:
        row, col = self.rows[r], self.col
        raw_name = self.merges.raw(r, col["name"])
        # A row with a name is not blank: most rows skip looking at every cell.
        if not (isinstance(raw_name, str) and raw_name.strip()) and _is_blank(row):
            self.counts.blank += 1
            return
        name = cell_text(raw_name)
        raw_amount = self.merges.raw(r, col["amount"])
        # Fast path: a name and a plain number is a record unless the row says otherwise.
        plain_number = isinstance(raw_amount, (int, float)) and not isinstance(raw_amount, bool)
        if not (plain_number and name and not _may_be_special(name) and _no_text_before_name(row, col)):
            if self._other_row(r, [cell_text(v) for v in row], name, raw_amount):
                return
        self._record(r, name, raw_amount)

    def _other_row(self, r: int, texts: list[str], name: str, raw_amount: object) -> bool:
        """A 合计/小计, a repeated header, a note or an empty form line: counted, and True."""
        counts, col = self.counts, self.col
        total_label = _total_label(texts, col)
        if total_label:
            self._stated_total(r, total_label, raw_amount)
            return True
        if normalise_text(name) == self.header_name and [normalise_text(t) for t in texts[: len(self.header_keys)]] == self.header_keys[: len(texts)]:
            counts.header += 1  # the header repeated (printed page breaks)
            return True
        if not name and not cell_text(raw_amount):
            if _only_sequence(texts, col):
                counts.blank += 1  # a pre-numbered empty line of the form
            else:
                counts.notes += 1
            return True
        first_text = next((t for t in texts if t), "")
        if (_is_note(name) or _is_note(first_text)) and not _is_amount(raw_amount, self.unit):
            counts.notes += 1  # a signature or note line, even when it runs across the amount column
            return True
        return False

    def _stated_total(self, r: int, label: str, raw_amount: object) -> None:
        excel_row = r + 1
        self.counts.totals += 1
        amount_cell = cell_ref(r, self.col["amount"])
        stated, reason = _stated_amount(raw_amount, self.unit)
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
            return self._reject("name-missing", cell_ref(r, col["name"]), amount=cell_text(raw_amount))
        fen = plain_fen(raw_amount) if self.unit == WAN else None
        if fen is None:
            wan = self._amount(r, name, raw_amount)
            if wan is None:
                return None
            fen = wan_to_fen(wan)
        district, source = self.district, self.district_source
        if "district" in col:
            named = cell_text(self.merges.shown(r, col["district"]))
            if named:
                district = self.district_names.get(named) or self.district_names.setdefault(
                    named, _canonical_district(named, ctx.known_districts))
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
        return None

    def _amount(self, r: int, name: str, raw_amount: object) -> Decimal | None:
        """The row's amount in 万元, or None once the row is rejected at the amount's cell."""
        amount_text = cell_text(raw_amount)
        if not amount_text:
            return self._reject("amount-missing", cell_ref(r, self.col["amount"]), name=name)
        if isinstance(raw_amount, Unreadable):
            if raw_amount.is_formula:
                return self._reject("amount-formula-no-value", cell_ref(r, self.col["amount"]))
            return self._reject("amount-error-value", cell_ref(r, self.col["amount"]), value=raw_amount.kind)
        try:
            parsed = parse_amount(raw_amount, self.unit)
        except AmountError as exc:
            return self._reject("amount-unparseable", cell_ref(r, self.col["amount"]), reason=exc.reason)
        if parsed.wan <= 0:
            return self._reject("amount-not-positive", cell_ref(r, self.col["amount"]), name=name, amount=format_wan(parsed.wan))
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


def _is_blank(row: list[object]) -> bool:
    return not any(v is not None and v != "" and not (isinstance(v, str) and not v.strip()) for v in row)


_SPECIAL_CHARS = frozenset("合总總小累共注说備备填审制负联日期以盖经复分序单位名称金额")


def _may_be_special(name: str) -> bool:
    """Could this name cell be a total, note or repeated header? (cheap pre-check)"""
    return any(ch in _SPECIAL_CHARS for ch in name[:4])


def _no_text_before_name(row: list[object], col: dict[str, int]) -> bool:
    """No text in the cells left of the name (where 合计 and notes start), 序号 numbers aside."""
    return all(v is None or v == "" or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in row[: col["name"]])


def _total_label(texts: list[str], col: dict[str, int]) -> str | None:
    for field_name in ("seq", "name", "district"):
        c = col.get(field_name)
        if c is not None and c < len(texts) and texts[c]:
            label = _is_total_label(texts[c])
            if label:
                return label
    first = next((t for t in texts if t), "")
    return _is_total_label(first) if first and len(normalise_text(first)) <= 6 else None


def _is_amount(raw: object, unit: str) -> bool:
    if not cell_text(raw):
        return False
    try:
        parse_amount(raw, unit)
        return True
    except AmountError:
        return False


def _only_sequence(texts: list[str], col: dict[str, int]) -> bool:
    seq = col.get("seq")
    filled = [c for c, t in enumerate(texts) if t]
    return seq is not None and filled == [seq] and normalise_text(texts[seq]).isdigit()


def _stated_amount(raw: object, unit: str) -> tuple[Decimal | None, str]:
    if isinstance(raw, Unreadable):
        return None, "公式没有保存计算结果" if raw.is_formula else f"错误值 {raw.kind}"
    if not cell_text(raw):
        return None, "空白"
    try:
        return parse_amount(raw, unit).wan, ""
    except AmountError as exc:
        return None, exc.reason


def _canonical_district(named: str, known: tuple[str, ...]) -> str:
    """The known district a 区县 cell names, else the cell's plain text (one string each)."""
    plain = normalise_text(named)
    for district in sorted(known, key=len, reverse=True):
        if normalise_text(district) in plain:
            return district
    return sys.intern(plain)


def _sheet_district(sheet: str, above: list[str], ctx: SheetContext) -> tuple[str, str]:
    from_sheet = sheet_name_district(sheet, ctx.known_districts)
    if from_sheet:
        return from_sheet, "sheet"
    for line in above:
        from_title = district_in_text(line, ctx.known_districts)
        if from_title:
            return from_title, "title"
    from_file = district_in_text(ctx.file_stem, ctx.known_districts)
    if from_file:
        return from_file, "file"
    return ctx.file_stem, "none"


__all__ = ["Record", "StatedTotal", "RowCounts", "SheetResult", "SheetContext", "read_sheet", "match_label", "YUAN"]
