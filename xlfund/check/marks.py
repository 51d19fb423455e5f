"""Hidden lines: counted, as Excel's SUM counts them, and said per sheet. A stated total that
covers every hidden line and agrees confirms it (a warning, to be seen); otherwise it is an
error: whether money in hidden rows counts is the submitter's to say."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from xlfund.findings import Finding, finding
from xlfund.model import Check, CheckKind, Record

SHOWN_ROWS = 10


def hidden_line_findings(records: list[Record], checks: list[Check]) -> list[Finding]:
    hidden = [(i, r) for i, r in enumerate(records) if r.hidden]
    if not hidden:
        return []
    confirming = [c for c in checks if c.kind is CheckKind.STATED and c.span is not None and c.passed]
    findings = []
    for _sheet, group in groupby(hidden, key=lambda item: (item[1].file, item[1].sheet)):
        group = list(group)
        lines = [r for _i, r in group]
        rows = "、".join(str(r.row) for r in lines[:SHOWN_ROWS]) + ("……" if len(lines) > SHOWN_ROWS else "")
        amount = sum((r.amount for r in lines), Decimal(0))
        covering = [next((c for c in confirming if c.span[0] <= i <= c.span[1]), None) for i, _r in group]
        if all(covering):
            said = "、".join(dict.fromkeys(f"{c.stated.cell}（{c.stated.label}）" for c in covering if c.stated))
            findings.append(finding("lines-hidden", lines[0].place, rows=rows, count=len(lines), amount=amount,
                                    confirmed=f"表内 {said} 与之相符"))
        else:
            findings.append(finding("lines-hidden-unconfirmed", lines[0].place, rows=rows, count=len(lines), amount=amount))
    return findings
