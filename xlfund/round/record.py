"""What a run read, kept for the next run to compare with: every submitted file (name, SHA-256,
size, modified time, status, recipients and amount), each district's totals, and its
recipient lines.

Pure: built from a consolidation and the files' stamps, turned to and from JSON text (the
writer keeps that text in the output workbook; see write.run_record for where and why).

A district's lines (names and amounts in 分, in list order) are packed on their own: JSON,
zlib, base64. A province's list has a few hundred thousand lines; packed they take a tenth
of the room, and the next run unpacks only the districts whose files changed (the same bytes
read the same way give the same lines), so the earlier run costs almost no memory. Names are
compared exactly: a name typed differently next time is a recipient removed and one added.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from xlfund import __version__
from xlfund.model import Consolidation, FileStatus, Record
from xlfund.round.owners import Owners
from xlfund.round.status import Stamp

RECORD_VERSION = 1
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class RecordError(Exception):
    """A record that cannot be used (another version, damaged): no earlier run is known."""


@dataclass(frozen=True)
class FileFacts:
    name: str
    sha256: str
    size: int
    modified: str  # TIME_FORMAT, or "" when unknown
    status: str  # a FileStatus value
    recipients: int
    fen: int
    districts: tuple[str, ...]


class Unit(NamedTuple):
    """One recipient of one district: its lines and their amount in 分."""

    lines: int
    fen: int


class DistrictUnits(NamedTuple):
    """One district's recipients summed by name: name -> 分, and name -> lines where more than one."""

    fen: dict[str, int]
    lines: dict[str, int]

    def unit(self, name: str) -> Unit | None:
        fen = self.fen.get(name)
        return None if fen is None else Unit(self.lines.get(name, 1), fen)


class Lines(NamedTuple):
    """One district's recipient lines: names and amounts in 分, in list order."""

    names: list[str]
    fens: list[int]

    def units(self) -> DistrictUnits:
        fen: dict[str, int] = {}
        lines: dict[str, int] = {}
        for name, amount in zip(self.names, self.fens, strict=True):
            had = fen.get(name)
            if had is None:
                fen[name] = amount
            else:
                fen[name] = had + amount
                lines[name] = lines.get(name, 1) + 1
        return DistrictUnits(fen, lines)


@dataclass
class RunRecord:
    made_at: str
    folder: str
    settings_sha256: str
    files: list[FileFacts] = field(default_factory=list)
    lines: dict[str, Lines] = field(default_factory=dict)  # the districts' lines at hand
    version: str = __version__  # the reader that made it: another may read the same bytes otherwise
    packed: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # read back: (lines, 分, packed lines)

    def district_totals(self) -> dict[str, tuple[int, int]]:
        """district -> (recipient lines, 分)."""
        totals = {d: (count, fen) for d, (count, fen, _text) in self.packed.items()}
        totals.update((d, (len(lines.names), sum(lines.fens))) for d, lines in self.lines.items())
        return totals

    def units(self, district: str) -> DistrictUnits:
        """The district's recipients summed by name (its lines unpacked first when read back)."""
        if district not in self.lines and district in self.packed:
            count, fen, text = self.packed[district]
            lines = unpack_lines(text)
            if len(lines.names) != count or sum(lines.fens) != fen:
                raise RecordError(f"{district}的单位记录与合计不符")
            self.lines[district] = lines
        lines = self.lines.get(district)
        return lines.units() if lines is not None else DistrictUnits({}, {})


def keep_packed(record: RunRecord, earlier: RunRecord, districts: set[str]) -> None:
    """Take the earlier run's packed lines for `districts`, known unchanged (their files the same
    bytes, read the same way): a run that changed one file packs one district again, not all."""
    for district in districts:
        lines, old = record.lines.get(district), earlier.packed.get(district)
        if lines is not None and old is not None and old[:2] == (len(lines.names), sum(lines.fens)):
            record.packed[district] = old
            del record.lines[district]


def submitted(report_status: FileStatus, blank_returned: bool) -> bool:
    """A file that was sent as a submission (read, a copy, unreadable, or a form returned blank);
    lock files, notes and our own outputs are not."""
    return report_status in (FileStatus.READ, FileStatus.DUPLICATE, FileStatus.UNREADABLE) or blank_returned


def build_record(result: Consolidation, stamps: dict[str, Stamp], settings_sha256: str = "",
                 owners: Owners | None = None) -> RunRecord:
    """What this run read; a file without records (a copy, unreadable) under the district that sent it."""
    owners = Owners(result) if owners is None else owners
    parts = owners.parts
    blank = {f.file for f in result.findings if f.code == "form-empty"}
    record = RunRecord(f"{result.made_at:{TIME_FORMAT}}", str(result.folder), settings_sha256)
    for report in result.files:
        if not submitted(report.status, report.name in blank):
            continue
        stamp = stamps.get(report.name, Stamp())
        mine = parts.get(report.name, {})
        record.files.append(FileFacts(
            report.name, report.sha256, stamp.size, f"{stamp.modified:{TIME_FORMAT}}" if stamp.modified else "",
            str(report.status), sum(p[0] for p in mine.values()), sum(p[1] for p in mine.values()),
            tuple(mine) or tuple(d for d in (owners.sender.get(report.name, ""),) if d)))
    record.lines = district_lines(result.records)
    return record


_DISTRICT, _NAME, _FEN = (Record._fields.index(f) for f in ("district", "name", "amount_fen"))


def district_lines(records: list[Record]) -> dict[str, Lines]:
    """Every recipient line by district. Records of one district come in runs (a file, a group):
    each run is split by groupby and copied by map, both in C."""
    lines: dict[str, Lines] = {}
    for district, run in groupby(records, itemgetter(_DISTRICT)):
        block = list(run)
        if district not in lines:
            lines[district] = Lines([], [])
        lines[district].names.extend(map(itemgetter(_NAME), block))
        lines[district].fens.extend(map(itemgetter(_FEN), block))
    return lines


def pack_lines(lines: Lines) -> str:
    # surrogatepass: a lone surrogate a damaged file left in a name survives the round trip
    raw = json.dumps([lines.names, lines.fens], ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return base64.b64encode(zlib.compress(raw, 1)).decode("ascii")  # level 1: a fifth of level 6's time, 20 % larger


def unpack_lines(text: str) -> Lines:
    """A district's packed lines; RecordError when they are damaged."""
    try:
        names, fens = json.loads(zlib.decompress(base64.b64decode(text, validate=True)).decode("utf-8", "surrogatepass"))
    except (ValueError, TypeError, zlib.error) as exc:
        raise RecordError("单位记录已损坏") from exc
    if len(names) != len(fens) or not all(type(n) is str for n in names) or not all(type(x) is int for x in fens):
        raise RecordError("单位记录已损坏")
    return Lines(names, fens)


def record_json(record: RunRecord) -> str:
    """The record as one compact JSON text (the lines packed: plain ASCII)."""
    totals = record.district_totals()
    data = {
        "xlfund_run": RECORD_VERSION, "version": record.version, "made_at": record.made_at, "folder": record.folder,
        "settings_sha256": record.settings_sha256,
        "files": [[f.name, f.sha256, f.size, f.modified, f.status, f.recipients, f.fen, list(f.districts)] for f in record.files],
        "districts": {d: [*totals[d], pack_lines(lines) if lines is not None else record.packed[d][2]]
                      for d in totals for lines in (record.lines.get(d),)},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def parse_record(text: str) -> RunRecord:
    """The record from its JSON text; RecordError when it is not one this version reads (the
    districts' lines are checked when unpacked)."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("xlfund_run") != RECORD_VERSION:
            raise RecordError("不是本版本的运行记录")
        dt.datetime.strptime(data["made_at"], TIME_FORMAT)
        record = RunRecord(str(data["made_at"]), str(data["folder"]), str(data["settings_sha256"]), version=str(data["version"]))
        for name, sha, size, modified, status, recipients, fen, districts in data["files"]:
            record.files.append(FileFacts(str(name), str(sha), int(size), str(modified), str(status), int(recipients),
                                          int(fen), tuple(str(d) for d in districts)))
        for district, (count, fen, packed) in data["districts"].items():
            if type(count) is not int or type(fen) is not int or not isinstance(packed, str):
                raise RecordError("区县合计已损坏")
            record.packed[str(district)] = (count, fen, packed)
    except RecordError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise RecordError("运行记录已损坏") from exc
    return record
