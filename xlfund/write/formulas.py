"""Formulas over the 明细 sheets (明细, 明细2, …) and where 汇总 keeps the fund figures."""

from __future__ import annotations

from dataclasses import dataclass, field

# 明细 columns: (header, width); the letters below are used in formulas. Kept to what the
# clerk needs (every cell written costs time on a province-sized list): the Excel row number
# serves as 序号, the source cell holds the source row, and 备注 appears only when some
# district sent remarks.
# 明细 columns: (header, width); the letters below are used in formulas. Kept to what the
# clerk needs (every cell written costs time on a province-sized list): the Excel row number
# serves as 序号, the source cell holds the source row, and 备注 appears only when some
# district sent remarks.
DETAIL_COLUMNS = [
    ("区县", 10), ("单位名称", 36), ("类别", 10), ("金额（万元）", 14), ("资金用途", 50), ("用途类别", 14),
    ("区县来源", 10), ("来源文件", 18), ("来源工作表", 12), ("来源单元格", 10),
]


REMARK_COLUMN = ("备注", 16)
COL_DISTRICT, COL_NAME, COL_CATEGORY, COL_AMOUNT, COL_USE, COL_FILE = "A", "B", "C", "D", "F", "H"


def text_criterion(text: str) -> str:
    """A text as an exact SUMIFS criterion: a formula string with quotes doubled and the
    wildcards * ? ~ escaped, so a name is matched as written (input text stays data)."""
    escaped = text.replace("~", "~~").replace("*", "~*").replace("?", "~?").replace('"', '""')
    return f'"{escaped}"'


@dataclass
class DetailParts:
    """The 明细 sheets (明细, 明细2, …) and their data row counts, for formulas covering all."""

    parts: list[tuple[str, int]] = field(default_factory=list)

    def ranges(self, letter: str) -> list[str]:
        return [f"{name}!${letter}$2:${letter}${max(rows, 1) + 1}" for name, rows in self.parts]

    def sum(self, letter: str) -> str:
        return "+".join(f"SUM({r})" for r in self.ranges(letter))

    def sum_span(self, letter: str, first: int, last: int) -> str:
        """SUM over records first..last (0-based positions in the detail list), across sheets."""
        terms, start = [], 0
        for name, rows in self.parts:
            lo, hi = max(first, start), min(last, start + rows - 1)
            if lo <= hi:
                terms.append(f"SUM({name}!${letter}${lo - start + 2}:${letter}${hi - start + 2})")
            start += rows
        return "+".join(terms) or "0"

    def sumifs_span(self, letter: str, first: int, last: int, *criteria: tuple[str, str]) -> str:
        """SUMIFS over records first..last only (a breakdown line under a 合计), across sheets."""
        terms, start = [], 0
        for name, rows in self.parts:
            lo, hi = max(first, start), min(last, start + rows - 1)
            if lo <= hi:
                a, b = lo - start + 2, hi - start + 2
                args = [f"{name}!${letter}${a}:${letter}${b}"]
                for crit_letter, crit in criteria:
                    args += [f"{name}!${crit_letter}${a}:${crit_letter}${b}", crit]
                terms.append(f"SUMIFS({','.join(args)})")
            start += rows
        return "+".join(terms) or "0"

    def counta(self, letter: str) -> str:
        return "+".join(f"COUNTA({r})" for r in self.ranges(letter))

    def sumifs(self, letter: str, *criteria: tuple[str, str]) -> str:
        return self._ifs("SUMIFS", letter, criteria)

    def countifs(self, *criteria: tuple[str, str]) -> str:
        return self._ifs("COUNTIFS", None, criteria)

    def _ifs(self, function: str, letter: str | None, criteria: tuple[tuple[str, str], ...]) -> str:
        terms = []
        for name, rows in self.parts:
            last = max(rows, 1) + 1
            args = [f"{name}!${letter}$2:${letter}${last}"] if letter else []
            for crit_letter, crit in criteria:
                args += [f"{name}!${crit_letter}$2:${crit_letter}${last}", crit]
            terms.append(f"{function}({','.join(args)})")
        return "+".join(terms)


@dataclass
class SummaryCells:
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
