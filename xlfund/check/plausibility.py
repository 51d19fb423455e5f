"""Amounts that cannot be right for their unit, and required cells left empty.

The commonest slip is an amount typed in 元 into a 万元 form (250000 for 25 万元): it reads as a
valid number and only shows up, if at all, as "over the cap". So each amount is held against
the cap (no one recipient gets more than the whole fund) and against its sheet's median (one
line a hundred times the others), and a sheet whose typical line is over 1 亿元 is a sheet in 元.
The mirror slip, one line in 万元 under a 元 header (8 among 50000s), is a line under 100 元 or
a thousand times below the median. With no cap in the settings nothing bounds a line: a line, or a sheet's typical
line, over 1,000 万元 is then an error the cap settles (a subsidy that large is rare, and a folder
typed in 元 with no unit written anywhere otherwise reads 10,000 times too large).
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby
from statistics import median

from xlfund.amounts import fen_to_wan
from xlfund.findings import Finding, finding, rows_listed
from xlfund.model import Record

OUTLIER_FACTOR = 100  # one line this many times the sheet's median is a slip, not a grant…
OUTLIER_FLOOR = Decimal(1000)  # …and over 1,000 万元: a big firm's 100 万 beside villages' 1 万 is no slip
MIN_LINES_FOR_MEDIAN = 3
WHOLE_SHEET_IN_YUAN = Decimal(10_000)  # 万元: a median recipient over 1 亿元 means 元 were typed
WHOLE_SHEET_IN_WAN = Decimal("0.01")  # 万元: a median recipient under 100 元 means 万元 were typed under a 元 header
LISTED = 5
# With no cap in the settings, one recipient over 1,000 万元 of a subsidy fund is a slip to look at.
NO_CAP_LINE_LIMIT = Decimal(1_000)
SMALL_FACTOR = 1000  # one line this many times below the sheet's median: 万元 typed under 元


def amount_findings(records: list[Record], cap: Decimal | None) -> list[Finding]:
    """疑似按元填写: per line over the cap or far above its sheet; a whole sheet in 元."""
    findings: list[Finding] = []
    for _sheet, lines in groupby(records, key=lambda r: (r.file, r.sheet)):
        lines = list(lines)
        typical = fen_to_wan(int(median(r.amount_fen for r in lines)))
        if len(lines) >= MIN_LINES_FOR_MEDIAN and typical >= WHOLE_SHEET_IN_YUAN:
            findings.append(finding("amount-sheet-in-yuan", lines[0].place, median=typical, guess=typical / 10000))
            continue
        if len(lines) >= MIN_LINES_FOR_MEDIAN and 0 < typical < WHOLE_SHEET_IN_WAN:
            findings.append(finding("amount-sheet-in-wan", lines[0].place, median=typical, guess=typical * 10000))
            continue
        if cap is None and len(lines) >= MIN_LINES_FOR_MEDIAN and typical > NO_CAP_LINE_LIMIT:
            findings.append(finding("amount-sheet-large-no-cap", lines[0].place, median=typical, guess=typical / 10000))
            continue
        findings += _line_findings(lines, typical if len(lines) >= MIN_LINES_FOR_MEDIAN else None, cap)
    return findings


def _line_findings(lines: list[Record], typical: Decimal | None, cap: Decimal | None) -> list[Finding]:
    """One finding at most per line: over the cap (or the no-cap limit), far above or far below
    the sheet's median (`typical`, None when the sheet has too few lines to have one)."""
    findings = []
    over_limit = [r for r in lines if r.amount > NO_CAP_LINE_LIMIT] if cap is None else []
    if len(over_limit) > 1:  # said once for the sheet, with its rows: one error per line would bury the rest
        first = over_limit[0]
        findings.append(finding("amount-over-limit-lines", first.place, count=len(over_limit),
                                rows=rows_listed([r.row for r in over_limit], LISTED),
                                largest=max(r.amount for r in over_limit)))
    for record in lines:
        amount = record.amount
        if cap is not None and amount > cap:
            findings.append(finding("amount-over-cap-line", record.place, name=record.name, amount=amount, cap=cap, guess=amount / 10000))
        elif cap is None and amount > NO_CAP_LINE_LIMIT:
            if len(over_limit) == 1:
                findings.append(finding("amount-over-limit-line", record.place, name=record.name, amount=amount, guess=amount / 10000))
        elif typical and amount >= max(typical * OUTLIER_FACTOR, OUTLIER_FLOOR):
            findings.append(finding("amount-outlier", record.place, name=record.name, amount=amount,
                                    times=int(amount / typical), median=typical, guess=amount / 10000))
        elif 0 < amount < WHOLE_SHEET_IN_WAN:  # under 100 元: no subsidy, a 万元 figure under a 元 header
            findings.append(finding("amount-tiny", record.place, name=record.name, amount=amount, yuan=amount * 10000, guess=amount * 10000))
        elif typical and 0 < amount and amount * SMALL_FACTOR <= typical:
            findings.append(finding("amount-outlier-small", record.place, name=record.name, amount=amount,
                                    median=typical, guess=amount * 10000))
    return findings


def empty_purpose_findings(records: list[Record], sheets_with_purpose: set[tuple[str, str]]) -> list[Finding]:
    """资金用途 left empty on a form that has the column: one warning per sheet, with the rows."""
    findings = []
    for (file, sheet), lines in groupby(records, key=lambda r: (r.file, r.sheet)):
        if (file, sheet) not in sheets_with_purpose:
            continue
        empty = [r for r in lines if not r.purpose.strip()]
        if empty:
            findings.append(finding("purpose-missing", empty[0].place, count=len(empty), rows=tuple(r.row for r in empty[:LISTED]),
                                    etc="……" if len(empty) > LISTED else ""))
    return findings
