"""Reconciliation: totals against the cap, the plan, quotas and each sheet's own 合计.

Pure: records, stated totals and settings in; checks and findings out. The 对账 sheet turns
each Check into formulas; the findings go to 问题, the terminal and --json.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from xlfund.amounts import fen_to_wan, format_wan, is_normalised, normalise_text
from xlfund.findings import Finding, finding
from xlfund.layout import Record, StatedTotal
from xlfund.settings import Settings

TOLERANCE = Decimal("0.000001")  # one 分, in 万元


@dataclass(frozen=True)
class Check:
    kind: str  # "cap", "plan", "quota", "stated", "target"
    label: str
    expected: Decimal
    actual: Decimal
    district: str = ""
    stated: StatedTotal | None = None

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected

    @property
    def passed(self) -> bool:
        if self.kind == "cap":
            return self.actual <= self.expected
        return abs(self.difference) < TOLERANCE


def totals_by(records: list[Record], field: str) -> dict[str, tuple[int, Decimal]]:
    """Value of `field` (district, category, use, file) -> (recipients, amount), in first-seen order."""
    value_of = attrgetter(field)
    counts: dict[str, int] = {}
    sums: dict[str, int] = {}  # in 分
    for record in records:
        key = value_of(record)
        if key in sums:
            counts[key] += 1
            sums[key] += record.amount_fen
        else:
            counts[key] = 1
            sums[key] = record.amount_fen
    return {key: (counts[key], fen_to_wan(fen)) for key, fen in sums.items()}


def district_totals(records: list[Record]) -> dict[str, tuple[int, Decimal]]:
    """District -> (recipients, amount), in the order districts first appear."""
    return totals_by(records, "district")


def ordered_districts(by_district: dict[str, tuple[int, Decimal]], settings: Settings) -> list[str]:
    """Configured districts first, in their order, then any others as they appear."""
    return list(dict.fromkeys([*settings.known_districts(), *by_district]))


def reconcile(records: list[Record], stated: list[StatedTotal], settings: Settings,
              by_district: dict[str, tuple[int, Decimal]]) -> tuple[list[Check], list[Finding]]:
    """Checks against the cap, plan, quotas, districts, target and stated totals; by_district
    is district_totals(records), computed once by the caller."""
    checks: list[Check] = []
    findings: list[Finding] = []
    total = sum((amount for _count, amount in by_district.values()), Decimal(0))

    if settings.cap is not None:
        check = Check("cap", "分配合计不超过资金上限", settings.cap, total)
        checks.append(check)
        if not check.passed:
            findings.append(finding("over-cap", total=format_wan(total), cap=format_wan(settings.cap), diff=format_wan(check.difference)))
    if settings.plan is not None:
        check = Check("plan", "分配合计等于批复计划", settings.plan, total)
        checks.append(check)
        if not check.passed:
            findings.append(finding("plan-mismatch", total=format_wan(total), plan=format_wan(settings.plan), diff=format_wan(check.difference)))
    if settings.quotas:
        for district, quota in settings.quotas.items():
            actual = by_district.get(district, (0, Decimal(0)))[1]
            check = Check("quota", f"{district}分配等于下达额度", quota, actual, district=district)
            checks.append(check)
            if not check.passed:
                findings.append(finding("quota-mismatch", district=district, total=format_wan(actual), quota=format_wan(quota), diff=format_wan(check.difference)))
    known = settings.known_districts()
    if known:
        for district in by_district:
            if district not in known:
                findings.append(finding("district-unknown", district=district))
        for district in known:
            if district not in by_district:
                findings.append(finding("district-missing", district=district))
    if settings.target_recipients is not None:
        count = len(records)
        checks.append(Check("target", "受助单位数达到绩效目标", Decimal(settings.target_recipients), Decimal(count)))
        if count != settings.target_recipients:
            findings.append(finding("target-mismatch", count=count, target=settings.target_recipients))

    checks_stated, findings_stated = _check_stated_totals(records, stated)
    checks += checks_stated
    findings += findings_stated
    findings += _duplicates(records)
    return checks, findings


def _check_stated_totals(records: list[Record], stated: list[StatedTotal]) -> tuple[list[Check], list[Finding]]:
    checks, findings = [], []
    lines: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        lines[(record.file, record.sheet)].append(record)
    for total in stated:
        if total.amount is None:
            continue
        actual = fen_to_wan(sum(r.amount_fen for r in lines[(total.file, total.sheet)] if total.first_row <= r.row <= total.last_row))
        check = Check("stated", f"{total.file}·{total.sheet} 第{total.row}行{total.label}", total.amount, actual, stated=total)
        checks.append(check)
        if not check.passed:
            findings.append(finding(
                "stated-total-mismatch", total.file, total.sheet, total.cell, label=total.label,
                stated=format_wan(total.amount), actual=format_wan(actual), diff=format_wan(actual - total.amount),
            ))
    sheets_with_total = {(t.file, t.sheet) for t in stated}
    for file, sheet in lines:
        if (file, sheet) not in sheets_with_total:
            findings.append(finding("stated-total-missing", file, sheet))
    return checks, findings


def recipient_key(name: str) -> str:
    """Names compared as the same recipient: width, spaces and bracket styles ignored."""
    if is_normalised(name) and "(" not in name and ")" not in name:
        return name  # the usual name, already plain: decided without building a new string
    key = normalise_text(name).replace("(", "（").replace(")", "）")
    return name if key == name else key  # the name itself when already plain: no second string


def _duplicates(records: list[Record]) -> list[Finding]:
    # Most names are unique: remember the first record per name, and keep lists only for
    # the names seen twice (a list per name would cost a province's list dearly).
    first: dict[str, Record] = {}
    repeated: dict[str, list[Record]] = {}
    for record in records:
        key = recipient_key(record.name)
        if key in first:
            repeated.setdefault(key, [first[key]]).append(record)
        else:
            first[key] = record
    findings = []
    for group in repeated.values():
        for record in group:
            others = "；".join(f"{o.district} {o.file}·{o.sheet}!{o.cell}" for o in group if o is not record)
            findings.append(finding("duplicate-recipient", record.file, record.sheet, record.cell, name=record.name, other=others))
    return findings
