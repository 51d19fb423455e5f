"""Whose is each file and each finding: the district that sent it, or else the file itself.

A file whose records are all one district's was sent by that district. A file with several
districts' records (a city-wide list) was sent by no one district: a finding on one of its
record rows goes to that row's district, any other finding to the file. A file with no
record (unreadable, blank, all rows rejected) is the district's its path names, if exactly
one; an identical copy is its original's.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from xlfund.findings import Finding
from xlfund.model import Consolidation, FileStatus, Record
from xlfund.sheet.district import UNDETERMINED

# Findings about one district that carry it as a parameter rather than as a file.
DISTRICT_PARAM_CODES = ("quota-mismatch", "district-unknown", "district-missing")


@dataclass(frozen=True, order=True)
class Sender:
    """Who a list of problems goes back to: a district, or a file no one district sent."""

    district: str = ""
    file: str = ""


_FILE, _DISTRICT, _FEN = (Record._fields.index(f) for f in ("file", "district", "amount_fen"))


def file_parts(records: list[Record]) -> dict[str, dict[str, list[int]]]:
    """file -> district -> [recipients, 分], in reading order. Records come in runs of one file
    and district: each run is split by groupby and summed by map, both in C."""
    parts: dict[str, dict[str, list[int]]] = {}
    for (file, district), run in groupby(records, itemgetter(_FILE, _DISTRICT)):
        fens = list(map(itemgetter(_FEN), run))
        slot = parts.setdefault(file, {}).setdefault(district, [0, 0])
        slot[0] += len(fens)
        slot[1] += sum(fens)
    return parts


def district_in_path(display: str, known: tuple[str, ...]) -> str:
    """The one known district a file's path names (folder or file name), or ""."""
    found = [d for d in known if d and d in display]
    # A name inside another one (城区 in 高新城区) is not a second district.
    found = [d for d in found if not any(d != other and d in other for other in found)]
    return found[0] if len(found) == 1 else ""


class Owners:
    """The sender of every file of a consolidation, and of every finding."""

    def __init__(self, result: Consolidation, parts: dict[str, dict[str, list[int]]] | None = None):
        known = result.settings.known_districts()
        self.parts = file_parts(result.records) if parts is None else parts
        self.sender: dict[str, str] = {}  # file -> district ("" when no one district sent it)
        several: set[str] = set()
        for report in result.files:
            districts = [d for d in self.parts.get(report.name, {}) if d != UNDETERMINED]
            if len(districts) > 1:
                several.add(report.name)
                self.sender[report.name] = ""
            else:
                self.sender[report.name] = districts[0] if districts else district_in_path(report.name, known)
        by_hash = {f.sha256: f.name for f in result.files if f.status is FileStatus.READ and f.sha256}
        for report in result.files:
            if report.status is FileStatus.DUPLICATE and report.sha256 in by_hash:
                self.sender[report.name] = self.sender.get(by_hash[report.sha256], "")
        self.twin = {f.name: by_hash[f.sha256] for f in result.files if f.status is FileStatus.DUPLICATE and f.sha256 in by_hash}
        # The districts that sent something (a file of theirs, or lines in a city-wide one).
        self.sending = {d for d in self.sender.values() if d} | {d for p in self.parts.values() for d in p if d != UNDETERMINED}
        # Only the rows of city-wide files are needed: a district's own file answers by itself.
        self.row_district = {(r.file, r.sheet, r.row): r.district for r in result.records if r.file in several}

    def of_file(self, name: str) -> Sender:
        district = self.sender.get(name, "")
        return Sender(district=district) if district else Sender(file=name)

    def of_finding(self, item: Finding) -> Sender | None:
        """Who the finding goes back to; None for the whole fund's (over the cap, settings…)."""
        if item.code in DISTRICT_PARAM_CODES:
            # Only to a district that sent something: one that has not is 未报, not wrong.
            district = str(item.param("district"))
            return Sender(district=district) if district in self.sending else None
        if not item.file:
            return None
        if self.sender.get(item.file):
            return Sender(district=self.sender[item.file])
        district = self.row_district.get((item.file, item.sheet, item.place.row))
        if district and district != UNDETERMINED:
            return Sender(district=district)
        return Sender(file=item.file)
