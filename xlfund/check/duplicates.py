"""The same recipient listed more than once, in one district or in several."""

from __future__ import annotations

from decimal import Decimal

from xlfund.amounts import is_normalised, normalise_text
from xlfund.findings import Finding, finding
from xlfund.model import Record


def recipient_key(name: str) -> str:
    """Names compared as the same recipient: width, spaces and bracket styles ignored."""
    if is_normalised(name) and "(" not in name and ")" not in name:
        return name  # the usual name, already plain: decided without building a new string
    key = normalise_text(name).replace("(", "（").replace(")", "）")
    return name if key == name else key  # the name itself when already plain: no second string


SHOWN_PLACES = 5  # places named in a finding; every line is in 明细 (filter by the name)


def duplicate_findings(records: list[Record]) -> list[Finding]:
    """One warning per repeated recipient, at its first name cell: how many lines, their total,
    and the first few places (name cells: the name is what repeats).

    One finding per recipient, not per line naming every other line: a payment plan with one
    line per instalment (4,000 lines of one name) gives one finding of a few hundred
    characters instead of 4,000 findings of 4,000 places each (16 million places).
    """
    # Most names are unique: remember the first record per name, and keep lists only for
    # the names seen twice (a list per name would cost a province's list dearly).
    first: dict[str, Record] = {}
    repeated: dict[str, list[Record]] = {}
    for record in records:
        key = recipient_key(record.name)
        if record.town:  # 新村 of one town and 新村 of another are two villages
            key = f"{record.town}\x00{key}"
        if key in first:
            repeated.setdefault(key, [first[key]]).append(record)
        else:
            first[key] = record
    findings = []
    for group in repeated.values():
        head = group[0]
        places = tuple((r.district, r.name_place) for r in group[:SHOWN_PLACES])
        etc = f"……等 {len(group)} 处（全部见“明细”表，按单位名称筛选）" if len(group) > SHOWN_PLACES else ""
        total = sum((r.amount for r in group), Decimal(0))
        findings.append(finding("duplicate-recipient", head.name_place, name=head.name, count=len(group), total=total, places=places, etc=etc))
    return findings
