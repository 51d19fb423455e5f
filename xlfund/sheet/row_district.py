"""Which district each line of a sheet is booked to, from the most specific source that names
one, with every disagreement between sources said where it is.

The sources, most specific first: the line's own 区县 cell, the group heading it stands under,
then the sheet's surroundings (sheet name, title, 填报单位 line, folder, file name). A 区县
column decides its lines (a difference from the surroundings is a warning); any other two
sources naming different districts for the same lines are an error: which district gets the
money is a doubt the clerk must settle, never a default.
"""

from __future__ import annotations

from collections.abc import Callable

from xlfund import vocab
from xlfund.findings import rows_listed
from xlfund.sheet.district import UNDETERMINED, canonical_district, distinct_places


class RowDistricts:
    def __init__(self, found: list[tuple[str, str]], known: tuple[str, ...], find: Callable[..., None]):
        """`found`: (district, source) pairs of the sheet's surroundings, most specific first;
        `find(code, row, col, **params)` files a finding on the sheet."""
        self.known, self.find = known, find
        self.district, self.source = found[0] if found else (UNDETERMINED, "none")
        self.column_names: dict[str, str | None] = {}  # 区县 cell text -> the district it names
        self.blank: list[tuple[int, int, str]] = []  # (0-based row, column, district taken) of blank 区县 cells
        self.group_conflicts: set[str] = set()
        if len(distinct_places(d for d, _ in found)) > 1:
            said = "，".join(f"{vocab.DISTRICT_SOURCES[s]}“{d}”" for d, s in found)
            find("district-conflict", sources=said, taken=self.district, source=vocab.DISTRICT_SOURCES[self.source])

    def retitle(self, district: str) -> None:
        """A second table's own title names the district of the lines below it."""
        self.district, self.source = district, "title"

    def of_column(self, r: int, col: int, named: str) -> tuple[str, str]:
        """A line's 区县 cell decides (each distinct text checked once, its problems at the cell)."""
        if named not in self.column_names:
            district = canonical_district(named, self.known)
            if district is None:
                self.find("district-invalid", r, col, text=named)
            elif self._differs(district):
                self.find("district-column-differs", r, col, district=district, source=vocab.DISTRICT_SOURCES[self.source], other=self.district)
            self.column_names[named] = district
        district = self.column_names[named]
        return (district, "column") if district else (UNDETERMINED, "column")

    def blank_cell(self, r: int, col: int, taken: str) -> None:
        """A line whose 区县 cell is empty, booked to `taken` (its group's or the sheet's district)."""
        self.blank.append((r, col, taken))

    def say_blank_cells(self) -> None:
        """Empty 区县 cells are an error when the column names other districts than the one their
        lines were booked to (a city's list: which district is a guess); else they agree."""
        named = {d for d in self.column_names.values() if d}
        taken = {d for _r, _c, d in self.blank}
        if not self.blank or (len(named | taken) <= 1 and UNDETERMINED not in taken):
            return
        r, col, first = self.blank[0]
        rows = rows_listed([row + 1 for row, _c, _d in self.blank], 10)
        self.find("district-cell-blank", r, col, rows=rows, count=len(self.blank), named="、".join(sorted(named)) or "（无）", taken=first)

    def of_group(self, district: str, heading_row: int, col: int) -> tuple[str, str]:
        """A group heading's district, an error where the sheet's surroundings name another."""
        if district not in self.group_conflicts and self._differs(district):
            self.group_conflicts.add(district)
            said = f"分组行“{district}”，{vocab.DISTRICT_SOURCES[self.source]}“{self.district}”"
            self.find("district-conflict", heading_row, col, sources=said, taken=district, source="分组行")
        return district, "group"

    def _differs(self, district: str) -> bool:
        return self.source != "none" and len(distinct_places([district, self.district])) > 1
