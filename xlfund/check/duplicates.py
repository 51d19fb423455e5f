"""The same recipient listed more than once, in one district or in several."""

from __future__ import annotations

from xlfund.amounts import is_normalised, normalise_text
from xlfund.findings import Finding, finding
from xlfund.model import Record


def recipient_key(name: str) -> str:
    """Names compared as the same recipient: width, spaces and bracket styles ignored."""
    if is_normalised(name) and "(" not in name and ")" not in name:
        return name  # the usual name, already plain: decided without building a new string
    key = normalise_text(name).replace("(", "（").replace(")", "）")
    return name if key == name else key  # the name itself when already plain: no second string


def duplicate_findings(records: list[Record]) -> list[Finding]:
    """One warning per repeated line, naming the other places of the same recipient."""
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
