"""Two different files of one district, both read: a new version beside the old one?

xlfund never picks one of two files by itself (a wrong pick drops money without a word): both
are counted, and when they share most of their recipients that is an error naming both, so
that the clerk removes the old version. Identical copies are already read once (SHA-256).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, groupby
from operator import attrgetter

from xlfund.amounts import fen_to_wan
from xlfund.check.duplicates import recipient_key
from xlfund.findings import Finding, Place, finding, sort_findings
from xlfund.model import Consolidation, Record
from xlfund.round.owners import file_parts
from xlfund.sheet.district import UNDETERMINED

SHOWN_NAMES = 3


@dataclass(frozen=True)
class Overlap:
    """Recipients of one district found in two files: `file` (read later) and `other`."""

    district: str
    file: str
    other: str
    names: tuple[str, ...]  # the shared recipients, as `file` writes them
    fen: int  # their amount in `file`

    @property
    def count(self) -> int:
        return len(self.names)


def overlaps(records: list[Record], parts: dict[str, dict[str, list[int]]] | None = None) -> list[Overlap]:
    """Pairs of files of one district sharing at least half of the smaller one's recipients;
    `parts` is file_parts(records) when the caller has it."""
    files_of: dict[str, list[str]] = {}
    for file, districts in (file_parts(records) if parts is None else parts).items():
        for district in districts:
            if district != UNDETERMINED:
                files_of.setdefault(district, []).append(file)
    several = {d for d, files in files_of.items() if len(files) > 1}
    if not several:
        return []
    # district -> file -> recipient key -> [name, 分]; only for districts with several files
    units: dict[str, dict[str, dict[str, list]]] = {}
    for district, run in groupby(records, attrgetter("district")):
        if district not in several:
            continue
        for record in run:
            slot = units.setdefault(district, {}).setdefault(record.file, {})
            entry = slot.setdefault(recipient_key(record.name), [record.name, 0])
            entry[1] += record.amount_fen
    found = []
    for district, files in units.items():
        # Only pairs that share a recipient are compared: each name says which files hold it.
        holders: dict[str, list[str]] = {}
        for file, keys in files.items():
            for key in keys:
                holders.setdefault(key, []).append(file)
        order = {file: i for i, file in enumerate(files)}
        sharing = {pair for held in holders.values() if len(held) > 1 for pair in combinations(held, 2)}
        for first, second in sorted(sharing, key=lambda pair: (order[pair[0]], order[pair[1]])):
            a, b = files[first], files[second]
            shared = [key for key in b if key in a]
            if 2 * len(shared) >= min(len(a), len(b)):
                found.append(Overlap(district, second, first, tuple(b[k][0] for k in shared), sum(b[k][1] for k in shared)))
    return found


def overlap_findings(found: list[Overlap]) -> list[Finding]:
    """One error per pair, at the later file."""
    return [finding("district-files-overlap", Place(o.file), district=o.district, other=o.other, count=o.count,
                    total=fen_to_wan(o.fen), names=o.names[:SHOWN_NAMES], etc="等" if o.count > SHOWN_NAMES else "")
            for o in found]


def add_overlap_findings(result: Consolidation) -> Consolidation:
    """The consolidation with an error for each pair of overlapping files, among its findings."""
    found = overlap_findings(overlaps(result.records))
    if found:
        result.findings = sort_findings(result.findings + found)
    return result
