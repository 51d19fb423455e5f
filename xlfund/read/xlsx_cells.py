"""What an .xlsx's sheets hold that a value reader must not be trusted with, found before it reads.

One streaming pass over each visible sheet's XML, with regular expressions (far faster than an
XML parser), finds:
- the used range as python-calamine will build it (every cell with content, wherever it is):
  calamine allocates that whole rectangle, so a lone cell at XFD1048576 aborts the process and
  one at XFD30000 costs 18 GB. Over `limits.MAX_SHEET_CELLS` the sheet is refused, unread;
- an encoding other than UTF-8 (calamine reads a UTF-16 sheet as blank): refused;
- a run of text or a tag longer than `limits.MAX_XML_RUN_BYTES` (padding; readers buffer a run
  whole): refused;
- formulas with no stored result and error values (#REF!, #N/A…), which calamine returns as
  "" (or drops): kept, so that an amount is never silently missing or blank.
The pass is linear in the sheet's size, in chunks. It runs after read.safety.check_zip has
refused DTDs and packages over the size limits.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from xlfund.limits import MAX_XML_RUN_BYTES, size_text
from xlfund.read.content import ReadError, too_many_cells

CHUNK = 1 << 20
HEAD_BYTES = 65_536
FORMULA_WITHOUT_VALUE = "formula"

_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w.-]+(?::[\w.-]+)?)\s*=\s*"([^"]*)"')
_REL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s([^>]*)>")
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet[\s>]")
_DECLARED = re.compile(rb'^\s*<\?xml[^>]*?\bencoding\s*=\s*["\']([A-Za-z0-9._-]+)')
_FINE_ENCODINGS = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}


@dataclass(frozen=True)
class SheetEntry:
    name: str
    part: str  # the sheet's path in the package: xl/worksheets/sheet1.xml
    hidden: bool


@dataclass
class SheetScan:
    """What the pass found in one sheet: cells calamine shows blank, or why not to read it."""

    special: dict[tuple[int, int], str | tuple[int, int]] = field(default_factory=dict)
    refused: ReadError | None = None
    # The XML has a hidden row or text struck inline (xlsx_marks then reads this sheet again;
    # the others only when a style or a shared string strikes through).
    may_mark_rows: bool = False


def xml_encoding(head: bytes) -> str | None:
    """The encoding an XML part's first bytes announce, when it is not UTF-8 (or ASCII)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return None
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return "UTF-16"
    declared = _DECLARED.match(head)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in _FINE_ENCODINGS:
        return declared.group(1).decode("ascii")
    return None


def sheet_entries(archive: zipfile.ZipFile) -> list[SheetEntry]:
    """Every sheet of the workbook in its order (the order readers index sheets by)."""
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for attributes in _REL.findall(rels):
        found = _attributes(attributes)
        if "Id" in found and "Target" in found:
            targets[found["Id"]] = found["Target"]
    entries = []
    for attributes in _SHEET_TAG.findall(workbook):
        found = _attributes(attributes)
        rid = next((v for k, v in found.items() if k.endswith(":id")), None)
        name = found.get("name")
        target = targets.get(rid) if rid else None
        if name is None or target is None:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        entries.append(SheetEntry(name, part, found.get("state", "visible") != "visible"))
    return entries


def _attributes(raw: bytes) -> dict[str, str]:
    return {key.decode("utf-8", "replace"): html.unescape(value.decode("utf-8", "replace")) for key, value in _ATTRIBUTE.findall(raw)}


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part's path in the package (xl/worksheets/sheet1.xml)."""
    return {entry.name: entry.part for entry in sheet_entries(archive)}


def scan_sheets(path: Path) -> dict[str, SheetScan]:
    """Sheet name -> what its pass found, for the visible sheets (a name used twice: its first
    sheet, the one a reader finds by that name)."""
    scans: dict[str, SheetScan] = {}
    with zipfile.ZipFile(path) as archive:
        for entry in sheet_entries(archive):
            if entry.hidden or entry.name in scans:
                continue
            try:
                with archive.open(entry.part) as stream:
                    scanner = _Scanner()
                    scans[entry.name] = scanner.scan(stream)
                if scanner.bound_only and scans[entry.name].refused and scans[entry.name].refused.code == "limit-sheet-cells":
                    with archive.open(entry.part) as stream:  # over by the quick bound: count as readers do
                        scans[entry.name] = _Scanner(exact=True).scan(stream)
            except KeyError:
                continue  # no such part: calamine reports the file
    return scans


class _Scanner:
    """One sheet's pass: chunks are cut between cells, so each cell is matched whole once."""

    def __init__(self, exact: bool = False):
        self.found = SheetScan()
        self.exact = exact  # every cell's own address, empty cells left out (slower)
        self.bound_only = False  # the range found may count empty cells: an upper bound
        self.col_text = self.row_text = b""  # the farthest column letters and row digits seen
        self.rows = self.cols = 0  # the used range: 1-based last row and column
        self.run = 0  # bytes since the last "<" or ">"
        self.row = 0  # the current <row>, for cells without an address (rare writers)
        self.col = 0
        self.slow = False

    def scan(self, stream) -> SheetScan:
        head = stream.read(HEAD_BYTES)  # the root element (and its prefix) is in the first bytes
        encoding = xml_encoding(head)
        if encoding:
            self.found.refused = ReadError("sheet-undecodable", encoding=encoding)
            return self.found
        root = _ROOT.search(head)
        self.p = _Patterns.for_prefix(root.group(1) if root and root.group(1) else b"")
        pending, chunk = b"", head
        while chunk:
            if self._too_long(chunk):
                return self.found
            data = pending + chunk
            cut = self._cut(data)
            self._cells(data[:cut])
            pending = data[cut:]
            if len(pending) > MAX_XML_RUN_BYTES:
                return self._refuse_run(len(pending))
            chunk = stream.read(CHUNK)
        self._cells(pending)
        refused = too_many_cells(self.rows, self.cols)
        if refused:
            self.found.special, self.found.refused = {}, refused
        return self.found

    def _too_long(self, chunk: bytes) -> bool:
        """A run of text or one tag over the limit (counted across chunks)."""
        first = min((i for i in (chunk.find(b"<"), chunk.find(b">")) if i >= 0), default=-1)
        if first < 0:
            self.run += len(chunk)
        else:
            self.run += first
            if self.run <= MAX_XML_RUN_BYTES:
                self.run = len(chunk) - 1 - max(chunk.rfind(b"<"), chunk.rfind(b">"))
        if self.run > MAX_XML_RUN_BYTES:
            self._refuse_run(self.run)
            return True
        return False

    def _refuse_run(self, size: int) -> SheetScan:
        self.found.special = {}
        self.found.refused = ReadError("limit-xml-run", size=size_text(size), limit=size_text(MAX_XML_RUN_BYTES))
        return self.found

    def _cut(self, data: bytes) -> int:
        """Where the complete cells in `data` end: before a cell or a tag still open."""
        start = data.rfind(self.p.opening)
        while start >= 0 and data[start + len(self.p.opening):start + len(self.p.opening) + 1] not in self.p.after_c:
            start = data.rfind(self.p.opening, 0, start)  # <col>, <cfRule>…: not a cell
        if start >= 0:
            close = data.find(b">", start)
            if close < 0 or (data[close - 1] != 0x2F and data.find(self.p.closing, close) < 0):
                return start
        tag = data.rfind(b"<")
        return tag if tag >= 0 and data.find(b">", tag) < 0 else len(data)

    def _cells(self, data: bytes) -> None:
        if not data:
            return
        if not self.found.may_mark_rows and (b'hidden="' in data or b"<strike" in data):
            self.found.may_mark_rows = True  # as xlsx_marks looks for them (data is cut between tags)
        if not self.slow and not self.exact:
            # The common writers put the address first: one quick pass gives every address, empty
            # styled cells (<c r="B2" s="1"/>) included, so the range it gives is an upper bound.
            addressed = data.count(self.p.address_opening)
            # "<c" also starts <col> and <cfRule> (outside the cells): count exactly only then.
            if addressed == data.count(self.p.opening) or addressed == sum(data.count(o) for o in self.p.openings):
                self._extend_past(data)
                self.bound_only = True
            else:
                self.exact = True
        if self.exact and not self.slow:
            refs = self.p.addressed.findall(data)
            if len(refs) == len(self.p.any_cell.findall(data)):
                self._extend({letters for letters, _r, empty in refs if not empty}, {row for _l, row, empty in refs if not empty})
            else:
                self.slow = True  # cells without an address: count positions as readers do
        if self.slow:
            self._cells_in_order(data)
        else:  # where the rows are, should cells without an address follow
            last = data.rfind(self.p.row_tag)
            number = self.p.row_number.search(data, last) if last >= 0 else None
            if number:
                self.row = int(number.group(1))
        if self.p.formula in data or b't="e"' in data:
            self._special(data)

    def _extend_past(self, data: bytes) -> None:
        """Only addresses beyond the range found so far are matched (a pattern of "greater than"),
        so a chunk of ordinary cells costs a search and no object per cell."""
        columns = re.findall(b"<" + self.p.escaped + b'c r="(' + _above(self.col_text, b"A", b"Z") + b")[0-9]", data)
        if columns:
            self.col_text = max(columns, key=lambda letters: (len(letters), letters))
            self.cols = max(self.cols, _col_number(self.col_text))
        # Rows: first the <row> elements past the farthest row (one per row, not one per cell),
        # then any cell addressed past those (a cell may name a row its <row> does not).
        for pattern in (b"<" + self.p.escaped + b'row r="(', b"<" + self.p.escaped + b'c r="[A-Z]{1,8}('):
            rows = re.findall(pattern + _above(self.row_text, b"0", b"9") + b')"', data)
            if rows:
                self.rows = max(self.rows, max(map(int, rows)))
                self.row_text = str(self.rows).encode()

    def _extend(self, letters: set[bytes], rows: set[bytes]) -> None:
        if letters:
            self.cols = max(self.cols, max(_col_number(col) for col in letters))
        if rows:
            self.rows = max(self.rows, max(map(int, rows)))

    def _cells_in_order(self, data: bytes) -> None:
        for match in self.p.row_or_cell.finditer(data):
            row_attrs, cell_attrs, empty = match.groups()
            if row_attrs is not None:
                number = self.p.row_number.search(row_attrs)
                self.row = int(number.group(1)) if number else self.row + 1
                self.col = 0
                continue
            ref = self.p.address.search(cell_attrs)
            if ref:
                self.col = _col_number(ref.group(1))
                row = int(ref.group(2))
            else:
                self.col += 1
                row = max(self.row, 1)
            if not empty:
                self.cols, self.rows = max(self.cols, self.col), max(self.rows, row)

    def _special(self, data: bytes) -> None:
        for attrs, body in self.p.cell.findall(data):
            body = body or b""
            is_error = bool(self.p.error_type.search(attrs))
            if not is_error and self.p.formula not in body:
                continue
            ref = self.p.address.search(attrs)
            if not ref:
                continue
            key = (int(ref.group(2)) - 1, _col_number(ref.group(1)) - 1)
            value = self.p.value.search(body)
            if is_error:
                self.found.special[key] = value.group(1).decode("utf-8", "replace") if value else "#错误"
            elif value is None or value.group(1) == b"":
                self.found.special[key] = _column_sum(body, ref.group(1), key[0] + 1) or FORMULA_WITHOUT_VALUE


# A formula without a value that sums the rows above it in its own column ("=SUM(C4:C203)" in
# C204: the 合计 of most tables), given as (first, last) Excel rows instead: a total that is the
# sum of its lines by construction has nothing left to check. Our own form's 合计 sums down to
# the row above itself, whatever rows are inserted: "=SUM(C4:INDEX(C:C,ROW()-1))".
_COLUMN_SUM = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>\s*SUM\(\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\)\s*</(?:\w+:)?f>")
_SUM_TO_ABOVE = re.compile(rb"<(?:\w+:)?f(?:\s[^>]*)?>\s*SUM\(\$?([A-Z]+)\$?(\d+):INDEX\(\$?([A-Z]+):\$?\3,ROW\(\)-1\)\)\s*</(?:\w+:)?f>")


def _column_sum(body: bytes, column: bytes, row: int) -> tuple[int, int] | None:
    """(first, last) when the cell's formula sums rows above it in its own column."""
    found = _COLUMN_SUM.search(body)
    if found is not None and found.group(1) == column == found.group(3):
        first, last = int(found.group(2)), int(found.group(4))
    elif (to_above := _SUM_TO_ABOVE.search(body)) is not None and to_above.group(1) == column == to_above.group(3):
        first, last = int(to_above.group(2)), row - 1
    else:
        return None
    return (first, last) if first <= last < row else None


class _Patterns:
    """The expressions for one namespace prefix (almost always none; some writers use x:)."""

    _made: dict[bytes, _Patterns] = {}

    @classmethod
    def for_prefix(cls, prefix: bytes) -> _Patterns:
        if prefix not in cls._made:
            cls._made[prefix] = cls(prefix + b":" if prefix else b"")
        return cls._made[prefix]

    def __init__(self, prefix: bytes):
        p = re.escape(prefix)
        self.prefix = prefix
        self.opening = b"<" + prefix + b"c"
        self.row_tag = b"<" + prefix + b"row "
        self.after_c = (b" ", b">", b"/", b"\t", b"\n", b"\r", b"")  # what may follow "<c" in a cell's tag
        self.openings = tuple(self.opening + end for end in self.after_c[:-1])
        self.closing = b"</" + prefix + b"c>"
        self.formula = b"<" + prefix + b"f"
        # Every cell with an address: (column letters, row, "/" when it is empty: <c r="B2" s="1"/>).
        self.addressed = re.compile(rb"<" + p + rb'c\s[^>]*?\br="([A-Z]{1,8})([0-9]{1,12})"[^>]*?(/?)>')
        self.any_cell = re.compile(rb"<" + p + rb"c[\s/>]")
        self.escaped = p
        self.address_opening = b"<" + prefix + b'c r="'
        self.row_or_cell = re.compile(rb"<" + p + rb"row\b([^>]*)>|<" + p + rb"c(?=[\s/>])([^>]*?)(/?)>")
        self.row_number = re.compile(rb'\br="([0-9]{1,12})"')
        self.address = re.compile(rb'\br="([A-Z]{1,8})([0-9]{1,12})"')
        self.cell = re.compile(rb"<" + p + rb"c\b([^>]*?)(?:/>|>(.*?)</" + p + rb"c>)", re.DOTALL)
        self.error_type = re.compile(rb'\bt="e"')
        self.value = re.compile(rb"<" + p + rb"v>([^<]*)</" + p + rb"v>")


def _above(value: bytes, low: bytes, high: bytes) -> bytes:
    """A pattern for strings over low–high that sort after `value` as numbers do: as long and
    greater, or longer (A1 letters and row digits)."""
    alternatives = []
    for i, current in enumerate(value):
        if current < high[0]:
            rest = len(value) - i - 1
            tail = b"[%s-%s]{%d}" % (low, high, rest) if rest else b""
            alternatives.append(re.escape(value[:i]) + b"[%s-%s]" % (bytes([current + 1]), high) + tail)
    alternatives.append(b"[%s-%s]{%d,}" % (low, high, len(value) + 1))
    return b"(?:" + b"|".join(alternatives) + b")"


def _col_number(letters: bytes) -> int:
    """A1's column letters as a 1-based number: A -> 1, XFD -> 16384."""
    number = 0
    for ch in letters:
        number = number * 26 + (ch - 64)
    return number
