"""The lists of problems that go back to each district: for every error and warning of its
files, where it is (file, sheet, cell), the value found there, what is wrong and what to change."""

from __future__ import annotations

import posixpath  # names as listed ("档案.zip/高新区.xlsx"): text, no file system
from dataclasses import dataclass

from xlfund.findings import ERROR, WARNING, Finding, sort_findings
from xlfund.model import Consolidation
from xlfund.round.advice import PREFER_PARAMETERS, found_from_parameters, goes_back, instruction
from xlfund.round.owners import Owners, Sender

CellKey = tuple[str, str, int, int]  # file, sheet, Excel row, 0-based column


@dataclass(frozen=True)
class Item:
    severity: str
    file: str
    sheet: str
    cell: str
    found: str  # the value found: the cell as the district typed it, or told from the finding
    problem: str  # the finding's message
    fix: str  # what to change


@dataclass(frozen=True)
class ProblemList:
    sender: Sender
    items: tuple[Item, ...]

    @property
    def who(self) -> str:
        """The district, or for a file no one district sent, the file's name."""
        return self.sender.district or posixpath.basename(self.sender.file)

    @property
    def title(self) -> str:
        return f"{self.who} 报送表格问题清单"

    @property
    def file_stem(self) -> str:
        """What the written file is called before “-问题清单.xlsx”."""
        return self.sender.district or posixpath.splitext(posixpath.basename(self.sender.file))[0]

    def count(self, severity: str) -> int:
        return sum(1 for item in self.items if item.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)


def cell_key(item: Finding) -> CellKey | None:
    """The one cell a finding points at (the first of a range), if it points at a cell."""
    place = item.place
    if not place.file or not place.row or place.col is None or place.line:
        return None
    return (place.file, place.sheet, place.row, place.col)


def cells_wanted(result: Consolidation) -> dict[str, set[CellKey]]:
    """file -> the cells whose values the lists quote (read again from the district's file)."""
    wanted: dict[str, set[CellKey]] = {}
    for item in result.findings:
        key = cell_key(item) if goes_back(item) else None
        if key is not None:
            wanted.setdefault(key[0], set()).add(key)
    return wanted


def problem_lists(result: Consolidation, owners: Owners, cells: dict[CellKey, str]) -> list[ProblemList]:
    """One list per district (in the settings' order) or file with errors or warnings to fix."""
    grouped: dict[Sender, list[Finding]] = {}
    for item in result.findings:
        sender = owners.of_finding(item) if goes_back(item) else None
        if sender is not None:
            grouped.setdefault(sender, []).append(item)
    rank = {d: i for i, d in enumerate(result.districts)}
    order = sorted(grouped, key=lambda s: (s.district == "", rank.get(s.district, len(rank)), s.file))
    lists = []
    for sender in order:
        items = []
        for item in sort_findings(grouped[sender]):
            key = cell_key(item)
            found = cells.get(key, "") if key is not None and item.code not in PREFER_PARAMETERS else ""
            items.append(Item(str(item.severity), item.file, item.sheet, item.cell,
                              found or found_from_parameters(item), item.message, instruction(item)))
        lists.append(ProblemList(sender, tuple(items)))
    return lists
