"""What a run read, kept for the next run to compare with: every submitted file (name, SHA-256,
size, modified time, status, recipients and amount) and every recipient by district.

Pure: built from a consolidation and the files' stamps, turned to and from JSON text (the
writer keeps that text in the output workbook; see write.run_record for where and why).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from xlfund.check.duplicates import recipient_key
from xlfund.model import Consolidation, FileStatus
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


@dataclass(frozen=True)
class Unit:
    """One recipient of one district: the name as first written, its lines and their amount."""

    name: str
    lines: int
    fen: int


@dataclass
class RunRecord:
    made_at: str
    folder: str
    settings_sha256: str
    files: list[FileFacts] = field(default_factory=list)
    units: dict[tuple[str, str], Unit] = field(default_factory=dict)  # (district, recipient_key) -> Unit

    def district_totals(self) -> dict[str, tuple[int, int]]:
        """district -> (recipient lines, 分), in first-seen order."""
        totals: dict[str, tuple[int, int]] = {}
        for (district, _key), unit in self.units.items():
            lines, fen = totals.get(district, (0, 0))
            totals[district] = (lines + unit.lines, fen + unit.fen)
        return totals


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
    units = record.units
    for r in result.records:
        key = (r.district, recipient_key(r.name))
        unit = units.get(key)
        units[key] = Unit(r.name, 1, r.amount_fen) if unit is None else Unit(unit.name, unit.lines + 1, unit.fen + r.amount_fen)
    return record


def record_json(record: RunRecord) -> str:
    """The record as one JSON text (compact: a province's list has a few hundred thousand units)."""
    data = {
        "xlfund_run": RECORD_VERSION, "made_at": record.made_at, "folder": record.folder,
        "settings_sha256": record.settings_sha256,
        "files": [[f.name, f.sha256, f.size, f.modified, f.status, f.recipients, f.fen, list(f.districts)] for f in record.files],
        "units": [[district, u.name, u.lines, u.fen] for (district, _key), u in record.units.items()],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def parse_record(text: str) -> RunRecord:
    """The record from its JSON text; RecordError when it is not one this version reads."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("xlfund_run") != RECORD_VERSION:
            raise RecordError("不是本版本的运行记录")
        dt.datetime.strptime(data["made_at"], TIME_FORMAT)
        record = RunRecord(str(data["made_at"]), str(data["folder"]), str(data["settings_sha256"]))
        for name, sha, size, modified, status, recipients, fen, districts in data["files"]:
            record.files.append(FileFacts(str(name), str(sha), int(size), str(modified), str(status), int(recipients),
                                          int(fen), tuple(str(d) for d in districts)))
        for district, name, lines, fen in data["units"]:
            key = (str(district), recipient_key(str(name)))
            earlier = record.units.get(key)
            record.units[key] = Unit(str(name), int(lines), int(fen)) if earlier is None else Unit(
                earlier.name, earlier.lines + int(lines), earlier.fen + int(fen))
    except RecordError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise RecordError("运行记录已损坏") from exc
    return record
