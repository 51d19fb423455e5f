"""The data model every stage shares: records, stated totals, row counts, file and sheet
reports, checks and the consolidation result. No I/O and no Chinese logic here."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from xlsxwriter.utility import xl_col_to_name

from xlfund.amounts import fen_to_wan
from xlfund.findings import Finding, Place, has_errors
from xlfund.rules import AT_LEAST, AT_MOST, EQUAL, Rule
from xlfund.settings.schema import Settings

# Written as a custom document property on every workbook this tool makes, and looked for
# when reading, so that an output left in the data folder is never read as a submission.
OWN_OUTPUT_MARK = "xlfund"
_column_name = functools.lru_cache(maxsize=1024)(xl_col_to_name)  # asked once a line of a long list
PERCENT_SHOWN = Decimal("0.01")  # a rate in per cent, as 0.00% shows it


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
    purpose_group: str  # the purpose's group (vocab.purpose_group_of; [categories] in xlfund.toml)
    remark: str
    file: str
    sheet: str
    row: int  # Excel row number
    amount_col: int  # 0-based column of the amount
    town: str = ""  # the 乡镇/街道 a village is in, where the sheet says: two 新村 in two towns are two villages
    name_col: int | None = None  # 0-based column of the name (None: not known, the amount's is shown)

    @property
    def amount(self) -> Decimal:
        """The amount in 万元."""
        return fen_to_wan(self.amount_fen)

    @property
    def cell(self) -> str:
        """The amount's cell as the clerk sees it, e.g. "C5" (derived: a province's list is long)."""
        return f"{_column_name(self.amount_col)}{self.row}"

    @property
    def place(self) -> Place:
        """The amount's cell, for a finding."""
        return Place(self.file, self.sheet, self.row, self.amount_col)

    @property
    def name_place(self) -> Place:
        """The name's cell, for a finding about the recipient (a repeated name)."""
        return Place(self.file, self.sheet, self.row, self.amount_col if self.name_col is None else self.name_col)


@dataclass(frozen=True)
class StatedTotal:
    """A 合计/小计 row: what the district says its lines add up to."""

    file: str
    sheet: str
    row: int  # Excel row of the stated number
    col: int  # 0-based column of the stated number
    label: str
    amount: Decimal | None
    first_row: int  # the Excel rows it covers
    last_row: int
    # Narrower or wider checks: only the lines of one district or one kind of recipient
    # (breakdown lines, summary sheets), and where they are: these rows ("rows"), the file's
    # other sheets ("file"), or every file (a summary of the whole city, "all").
    district: str = ""
    category: str = ""
    scope: str = "rows"
    places: int = 0  # decimal places in 万元 the number was typed to (see Check.passed)

    @property
    def place(self) -> Place:
        return Place(self.file, self.sheet, self.row, self.col)

    @property
    def cell(self) -> str:
        return self.place.cell


@dataclass
class RowCounts:
    """Every row of a sheet counted once: the "nothing lost" balance."""

    read: int = 0
    records: int = 0
    header: int = 0  # title, unit and header lines
    totals: int = 0  # 合计, 小计, breakdown (其中…) and summary-sheet lines: numbers stated to check
    groups: int = 0  # section and group headings ("一、高新区")
    notes: int = 0
    rejected: int = 0
    blank: int = 0

    def balanced(self) -> bool:
        return self.read == self.records + self.header + self.totals + self.groups + self.notes + self.rejected + self.blank

    def add(self, other: RowCounts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


class RowKind(StrEnum):
    """What a row of a sheet is; the value is a one-letter code (a province's sheet has a
    million rows: their kinds are kept as one string)."""

    TITLE = "T"
    HEADER = "H"
    RECORD = "R"
    GROUP = "G"
    SUBTOTAL = "S"
    TOTAL = "A"
    BREAKDOWN = "B"
    SUMMARY = "M"
    NOTE = "N"
    REJECTED = "X"
    CANCELLED = "C"  # a recipient's line struck through or marked cancelled: not counted, said where
    UNFILLED = "E"  # a form line with only its 序号: nothing filled in
    BLANK = "_"

    @property
    def label(self) -> str:
        return ROW_KIND_LABELS[self]


ROW_KIND_LABELS = {
    RowKind.TITLE: "标题/说明行", RowKind.HEADER: "表头", RowKind.RECORD: "记录", RowKind.GROUP: "分组行",
    RowKind.SUBTOTAL: "小计", RowKind.TOTAL: "合计", RowKind.BREAKDOWN: "其中（分项）", RowKind.SUMMARY: "汇总表行",
    RowKind.NOTE: "注释", RowKind.REJECTED: "未计入", RowKind.CANCELLED: "已取消（未计入）", RowKind.UNFILLED: "空白表行", RowKind.BLANK: "空行",
}
_COUNT_OF_KIND = {
    "T": "header", "H": "header", "R": "records", "G": "groups", "S": "totals", "A": "totals", "B": "totals",
    "M": "totals", "N": "notes", "X": "rejected", "C": "rejected", "E": "blank", "_": "blank",
}


def count_kinds(kinds: str) -> RowCounts:
    """The row counts of a sheet, from the kind of each of its rows (one source of truth)."""
    counts = RowCounts(read=len(kinds))
    for code in set(kinds):
        name = _COUNT_OF_KIND[code]
        setattr(counts, name, getattr(counts, name) + kinds.count(code))
    return counts


@dataclass
class SheetLayout:
    """How a sheet was understood, for `check --explain` and the 说明 sheet."""

    header_rows: tuple[int, int] = (0, 0)  # Excel rows
    columns: dict[str, str] = field(default_factory=dict)  # role -> "C “核定金额”（优先于“申请金额”）"
    unused: dict[str, str] = field(default_factory=dict)  # letter -> label of a column with content that no role took
    unit: str = ""
    unit_source: str = ""
    district: str = ""
    district_source: str = ""
    kinds: str = ""  # one RowKind code per row
    summary: bool = False  # a summary sheet: its lines are checks, not recipients
    title: str = ""  # the lines above the header, as written (which fund, which year)


@dataclass
class SheetResult:
    """What reading one sheet gives."""

    sheet: str
    records: list[Record] = field(default_factory=list)
    totals: list[StatedTotal] = field(default_factory=list)
    counts: RowCounts = field(default_factory=RowCounts)
    findings: list[Finding] = field(default_factory=list)
    layout: SheetLayout | None = None
    table_titles: list[tuple[int, str]] = field(default_factory=list)  # (Excel row, text) of a later table's title


class FileStatus(StrEnum):
    """What became of one file (the value is what the clerk reads)."""

    READ = "已读取"
    SKIPPED = "已跳过"
    UNREADABLE = "无法读取"
    DUPLICATE = "重复"
    EXPANDED = "已解压"  # an archive: its members are listed after it


@dataclass
class SheetRead:
    name: str
    counts: RowCounts
    note: str = ""
    layout: SheetLayout | None = None


@dataclass
class FileRead:
    name: str
    sha256: str = ""
    status: FileStatus = FileStatus.READ
    note: str = ""
    sheets: list[SheetRead] = field(default_factory=list)

    @property
    def counts(self) -> RowCounts:
        total = RowCounts()
        for sheet in self.sheets:
            total.add(sheet.counts)
        return total


class CheckKind(StrEnum):
    CAP = "cap"
    PLAN = "plan"
    QUOTA = "quota"
    STATED = "stated"
    TARGET = "target"


# A stated number typed to 0.01 万元 (100 元) or finer is compared at its own precision; a
# coarser one (12.3, 490) must equal the lines exactly: rounding 万元 hides whole lines.
ROUNDED_FROM, EXACT_PLACES = 2, 6
# Each check's comparison; the others are equalities. A cap is a ceiling, a target a floor.
_RULE_OF_KIND = {CheckKind.CAP: AT_MOST, CheckKind.TARGET: AT_LEAST}


@dataclass(frozen=True)
class Check:
    """One line of 对账: what it should be, what it is."""

    kind: CheckKind
    label: str
    expected: Decimal
    actual: Decimal
    district: str = ""
    stated: StatedTotal | None = None
    span: tuple[int, int] | None = None  # for stated totals: the detail positions it covers

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    @property
    def rule(self) -> Rule:
        """How actual and expected compare (the same rule writes the 对账 formula): a stated
        number typed to 100 元 or finer (a 合计 of 12.35 over lines of 4 decimals) is also
        met when the lines round to it."""
        stated = self.stated
        if self.kind is CheckKind.STATED and stated is not None and ROUNDED_FROM <= stated.places < EXACT_PLACES:
            return EQUAL.at_places(stated.places)
        return _RULE_OF_KIND.get(self.kind, EQUAL)

    @property
    def passed(self) -> bool:
        return self.rule.passes(self.expected, self.actual)

    @property
    def is_count(self) -> bool:
        return self.kind is CheckKind.TARGET


def totals_by(records: list[Record], field_name: str) -> dict[str, tuple[int, Decimal]]:
    """Value of `field_name` (district, category, use, file) -> (recipients, amount), in first-seen order."""
    value_of = attrgetter(field_name)
    counts: dict[str, int] = {}
    sums: dict[str, int] = {}  # in 分
    for record in records:
        key = value_of(record)
        if key in sums:
            counts[key] += 1
            sums[key] += record.amount_fen
        else:
            counts[key] = 1
            sums[key] = record.amount_fen
    return {key: (counts[key], fen_to_wan(fen)) for key, fen in sums.items()}


def in_district_order(records: list[Record], known_districts: tuple[str, ...]) -> list[Record]:
    """The records with the configured districts first, in the settings' order, then others as
    they appear. Each sheet's lines move as one block, in their own order: the lines under a
    stated total stay one contiguous block of the detail (check.spans), even on a sheet
    that lists several districts (it goes where its first line's district goes)."""
    rank = {district: i for i, district in enumerate(dict.fromkeys([*known_districts, *(r.district for r in records)]))}
    blocks: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        blocks.setdefault((record.file, record.sheet), []).append(record)
    ordered = sorted(blocks.values(), key=lambda block: rank[block[0].district])  # stable: reading order within a district
    return [record for block in ordered for record in block]


@dataclass
class Consolidation:
    """The result of reading and reconciling a folder: what every writer and printer takes."""

    folder: Path
    settings: Settings
    records: list[Record]
    stated: list[StatedTotal]
    checks: list[Check]
    findings: list[Finding]
    files: list[FileRead]
    made_at: dt.datetime
    groups: dict[str, dict[str, tuple[int, Decimal]]] = field(default_factory=dict, repr=False)  # see totals_by

    @property
    def total(self) -> Decimal:
        return sum((amount for _count, amount in self.district_totals().values()), Decimal(0))

    @property
    def remaining(self) -> Decimal | None:
        """The cap less the total given (negative when over the cap); None without a cap."""
        return None if self.settings.cap is None else self.settings.cap - self.total

    @property
    def usage_rate(self) -> Decimal | None:
        """The share of the cap given (0.98), exact; None without a cap or with a cap of 0."""
        return self.total / self.settings.cap if self.settings.cap else None

    @property
    def usage_percent(self) -> Decimal | None:
        """The usage rate in per cent as Excel's 0.00% shows it (98.00), rounded half up."""
        rate = self.usage_rate
        return None if rate is None else (rate * 100).quantize(PERCENT_SHOWN, rounding=ROUND_HALF_UP)

    @property
    def districts(self) -> list[str]:
        """Configured districts first, in their order, then any others as they appear."""
        return list(dict.fromkeys([*self.settings.known_districts(), *self.district_totals()]))

    def totals_by(self, field_name: str) -> dict[str, tuple[int, Decimal]]:
        """(recipients, amount) per value of a record field (district, category, use, file); each made once."""
        if field_name not in self.groups:
            self.groups[field_name] = totals_by(self.records, field_name)
        return self.groups[field_name]

    def district_totals(self) -> dict[str, tuple[int, Decimal]]:
        return self.totals_by("district")

    @property
    def files_read(self) -> int:
        return sum(1 for f in self.files if f.status is FileStatus.READ)

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)
