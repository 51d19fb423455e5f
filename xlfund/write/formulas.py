"""Formulas over the 明细 sheets (明细, 明细2, …) and where 汇总 keeps the fund figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from xlsxwriter.utility import quote_sheetname, xl_range_abs, xl_rowcol_to_cell

from xlfund.write.detail_columns import column_index

# The 明细 columns formulas refer to (0-based), from the one table of columns.
COL_DISTRICT, COL_NAME, COL_CATEGORY, COL_AMOUNT, COL_USE, COL_FILE = (
    column_index(name) for name in ("district", "name", "category", "amount_fen", "purpose_group", "file"))


def text_criterion(text: str) -> str:
    """A text as an exact SUMIFS criterion: a formula string with quotes doubled and the
    wildcards * ? ~ escaped, so a name is matched as written (input text stays data)."""
    escaped = text.replace("~", "~~").replace("*", "~*").replace("?", "~?").replace('"', '""')
    return f'"{escaped}"'


def sheet_range(sheet: str, col: int, first_row: int, last_row: int) -> str:
    """An absolute one-column range on a sheet, its name quoted where Excel needs it:
    明细!$D$2:$D$60 (rows 0-based, as XlsxWriter counts them)."""
    return f"{quote_sheetname(sheet)}!{xl_range_abs(first_row, col, last_row, col)}"


def sheet_cell(sheet: str, row: int, col: int) -> str:
    """An absolute cell on a sheet: 汇总!$B$5 (0-based)."""
    return f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


@dataclass
class DetailParts:
    """The 明细 sheets (明细, 明细2, …) and their data row counts, for formulas covering all.
    A sheet with no line still spans its first data row: a range is never empty."""

    parts: list[tuple[str, int]] = field(default_factory=list)

    def ranges(self, col: int) -> list[str]:
        return [sheet_range(name, col, 1, max(rows, 1)) for name, rows in self.parts]

    def sum(self, col: int) -> str:
        return "+".join(f"SUM({r})" for r in self.ranges(col))

    def counta(self, col: int) -> str:
        return "+".join(f"COUNTA({r})" for r in self.ranges(col))

    def sumifs(self, col: int, *criteria: tuple[int, str]) -> str:
        return self._ifs("SUMIFS", col, criteria)

    def countifs(self, *criteria: tuple[int, str]) -> str:
        return self._ifs("COUNTIFS", None, criteria)

    def _ifs(self, function: str, col: int | None, criteria: tuple[tuple[int, str], ...]) -> str:
        terms = []
        for name, rows in self.parts:
            last = max(rows, 1)
            args = [sheet_range(name, col, 1, last)] if col is not None else []
            for crit_col, crit in criteria:
                args += [sheet_range(name, crit_col, 1, last), crit]
            terms.append(f"{function}({','.join(args)})")
        return "+".join(terms)

    def _blocks(self, first: int, last: int):
        """(sheet, first row, last row) of detail positions first..last, sheet by sheet (0-based rows)."""
        start = 0
        for name, rows in self.parts:
            lo, hi = max(first, start), min(last, start + rows - 1)
            if lo <= hi:
                yield name, lo - start + 1, hi - start + 1
            start += rows

    def sum_span(self, col: int, first: int, last: int) -> str:
        """SUM over records first..last (0-based positions in the detail list), across sheets."""
        return "+".join(f"SUM({sheet_range(name, col, a, b)})" for name, a, b in self._blocks(first, last)) or "0"

    def sumifs_span(self, col: int, first: int, last: int, *criteria: tuple[int, str]) -> str:
        """SUMIFS over records first..last only (a breakdown line under a 合计), across sheets."""
        terms = []
        for name, a, b in self._blocks(first, last):
            args = [sheet_range(name, col, a, b)]
            for crit_col, crit in criteria:
                args += [sheet_range(name, crit_col, a, b), crit]
            terms.append(f"SUMIFS({','.join(args)})")
        return "+".join(terms) or "0"


@dataclass
class OverviewCells:
    """Where 汇总 keeps the fund figures, for 对账 and the scorecard to refer to."""

    cap: str = ""
    plan: str = ""
    total: str = ""
    remaining: str = ""
    rate: str = ""
    recipients: str = ""
    target: str = ""
    district_amount: dict[str, str] = field(default_factory=dict)
    district_quota: dict[str, str] = field(default_factory=dict)
