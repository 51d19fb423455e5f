"""Summary sheets: one line per district (or per kind of recipient), often formulas over the
district sheets beside them. Their lines are never recipients; each is a check on the detail."""

from __future__ import annotations

from xlfund.findings import Place, finding
from xlfund.model import RowKind, SheetResult, StatedTotal, count_kinds
from xlfund.sheet.district import district_alone
from xlfund.sheet.groups import category_named


def summary_lines(result: SheetResult, known: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """(district, category) per record when every record's name is a district or a kind of
    recipient as a whole, else None."""
    if not result.records:
        return None
    lines = []
    for record in result.records:
        district = district_alone(record.name, known)
        if district:
            lines.append((district, ""))
            continue
        category = category_named(record.name)
        if category is None:
            return None
        lines.append(("", category))
    return lines


def make_summary(result: SheetResult, lines: list[tuple[str, str]], detail_in_file: bool) -> None:
    """Turn a summary sheet's lines into checks: against the file's other sheets when it has
    detail of its own, else against every file (a city's summary of the district files)."""
    scope = "file" if detail_in_file else "all"
    checks = [
        StatedTotal(r.file, r.sheet, r.row, r.amount_col, f"汇总表中“{r.name}”", r.amount, 0, 0, district=d, category=c, scope=scope)
        for r, (d, c) in zip(result.records, lines, strict=True)
    ]
    # The sheet's own 合计 covered its lines; it is now the total of the detail it sums up.
    own = [StatedTotal(t.file, t.sheet, t.row, t.col, f"汇总表{t.label}", t.amount, 0, 0, scope=scope) for t in result.totals]
    result.totals = sorted(checks + own, key=lambda t: t.row)
    if result.layout is not None:
        kinds = list(result.layout.kinds)
        for record in result.records:
            kinds[record.row - 1] = RowKind.SUMMARY
        result.layout.kinds = "".join(kinds)
        result.layout.summary = True
        result.counts = count_kinds(result.layout.kinds)
    first = result.records[0]
    result.findings = [f for f in result.findings if f.code != "district-undetermined"]
    result.findings.append(finding("summary-sheet", Place(first.file, first.sheet)))
    result.records = []
