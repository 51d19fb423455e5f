"""Reconciliation: totals against the cap, the plan, quotas and each sheet's own 合计.

Pure: records, stated totals and settings in; checks and findings out. The 对账 sheet turns
each Check into formulas; the findings go to 问题, the terminal and --json.
"""

from __future__ import annotations

from decimal import Decimal

from xlfund.amounts import fen_to_wan
from xlfund.check.duplicates import duplicate_findings
from xlfund.check.plausibility import amount_findings, empty_purpose_findings
from xlfund.check.spans import stated_spans
from xlfund.findings import Finding, Place, finding
from xlfund.model import Check, CheckKind, Record, StatedTotal
from xlfund.settings.schema import Settings
from xlfund.sheet.district import UNDETERMINED


def reconcile(records: list[Record], stated: list[StatedTotal], settings: Settings,
              by_district: dict[str, tuple[int, Decimal]], sheets_with_purpose: frozenset[tuple[str, str]] = frozenset(),
              whole_fund: bool = True) -> tuple[list[Check], list[Finding]]:
    """Checks against the cap, plan, quotas, districts, target and stated totals; by_district
    is district_totals(records), computed once by the caller. Without `whole_fund` (a district
    checking its own files) only the lines and the sheets' own numbers are checked."""
    checks: list[Check] = []
    findings: list[Finding] = []
    if whole_fund:
        checks, findings = _fund_checks(records, settings, by_district)
    checks_stated, findings_stated = _check_stated_totals(records, stated)
    checks += checks_stated
    findings += findings_stated
    findings += duplicate_findings(records)
    findings += amount_findings(records, settings.cap)
    findings += empty_purpose_findings(records, set(sheets_with_purpose))
    return checks, findings


def _fund_checks(records: list[Record], settings: Settings, by_district: dict[str, tuple[int, Decimal]]) -> tuple[list[Check], list[Finding]]:
    """The whole fund against the cap, the plan, each district's quota, the district list and the target."""
    checks: list[Check] = []
    findings: list[Finding] = []
    total = sum((amount for _count, amount in by_district.values()), Decimal(0))

    if settings.cap is not None:
        check = Check(CheckKind.CAP, "分配合计不超过资金上限", settings.cap, total)
        checks.append(check)
        if not check.passed:
            findings.append(finding("over-cap", total=total, cap=settings.cap, diff=check.difference))
    if settings.plan is not None:
        check = Check(CheckKind.PLAN, "分配合计等于批复计划", settings.plan, total)
        checks.append(check)
        if not check.passed:
            findings.append(finding("plan-mismatch", total=total, plan=settings.plan, diff=check.difference))
    if settings.quotas:
        for district, quota in settings.quotas.items():
            actual = by_district.get(district, (0, Decimal(0)))[1]
            check = Check(CheckKind.QUOTA, f"{district}分配等于下达额度", quota, actual, district=district)
            checks.append(check)
            if not check.passed:
                findings.append(finding("quota-mismatch", district=district, total=actual, quota=quota, diff=check.difference))
    known = settings.known_districts()
    if known:
        for district in by_district:
            if district not in known and district != UNDETERMINED:  # that one has its own error, at its sheet
                count, amount = by_district[district]
                first = next(r for r in records if r.district == district)
                findings.append(finding("district-unknown", Place(first.file, first.sheet), district=district, count=count, total=amount))
        for district in known:
            if district not in by_district:
                findings.append(finding("district-missing", district=district))
    if settings.target_recipients is not None:
        count = len(records)
        checks.append(Check(CheckKind.TARGET, "受助单位数达到绩效目标", Decimal(settings.target_recipients), Decimal(count)))
        if count != settings.target_recipients:
            findings.append(finding("target-mismatch", count=count, target=settings.target_recipients))
    return checks, findings


def _check_stated_totals(records: list[Record], stated: list[StatedTotal]) -> tuple[list[Check], list[Finding]]:
    checks, findings = [], []
    spans = stated_spans(records, stated)
    wide = _WideSums(records)
    for total in stated:
        if total.amount is None:
            continue
        span = spans.get((total.file, total.sheet, total.row))
        if total.scope == "rows":
            lines = records[span[0]:span[1] + 1] if span else []
            fen = sum(r.amount_fen for r in lines if _selected(r, total))
            covered = _rows_text(total.first_row, total.last_row)
            if total.district or total.category:
                covered += f"中{total.district or total.category}的明细"
        else:
            fen = wide.sum(total)
            where = "本文件其他工作表" if total.scope == "file" else "所有文件"
            covered = f"{where}中{total.district or total.category}的明细" if total.district or total.category else f"{where}的明细"
        actual = fen_to_wan(fen)
        check = Check(CheckKind.STATED, f"{total.file}·{total.sheet} 第{total.row}行{total.label}", total.amount, actual, stated=total, span=span)
        checks.append(check)
        if not check.passed:
            findings.append(finding(
                "stated-total-mismatch", total.place, label=total.label, covered=covered,
                stated=total.amount, actual=actual, diff=actual - total.amount,
            ))
    sheets_with_total = {(t.file, t.sheet) for t in stated}
    for file, sheet in dict.fromkeys((r.file, r.sheet) for r in records):
        if (file, sheet) not in sheets_with_total:
            findings.append(finding("stated-total-missing", Place(file, sheet)))
    return checks, findings


def _rows_text(first: int, last: int) -> str:
    if last < first:
        return "其下没有明细行，"
    return f"第 {first} 行" if first == last else f"第 {first}–{last} 行"


def _selected(record: Record, total: StatedTotal) -> bool:
    return (not total.district or record.district == total.district) and (not total.category or record.category == total.category)


class _WideSums:
    """Sums for summary-sheet checks (a file's other sheets, or every file), made once."""

    def __init__(self, records: list[Record]):
        self.records = records
        self.by_key: dict[tuple[str, str, str], int] | None = None

    def sum(self, total: StatedTotal) -> int:
        if self.by_key is None:
            self.by_key = {}
            for r in self.records:
                for key in ((r.file, r.district, ""), (r.file, "", r.category), (r.file, "", ""),
                            ("", r.district, ""), ("", "", r.category), ("", "", "")):
                    self.by_key[key] = self.by_key.get(key, 0) + r.amount_fen
        file = total.file if total.scope == "file" else ""
        return self.by_key.get((file, total.district, total.category), 0)
