"""`xlfund check FILE --explain`: how each sheet was read, so a clerk can see why a row was or
was not counted: the header band, the column taken for each role and why, the unit and the
district with their sources, and each row's kind as a compact listing. The words come from
report.readings, which the 说明 sheet shows too."""

from __future__ import annotations

from xlfund.model import Consolidation
from xlfund.report.readings import kind_runs, sheet_readings

__all__ = ["explain_lines", "kind_runs"]

RUNS_PER_LINE = 6


def explain_lines(result: Consolidation) -> list[tuple[str, dict | None]]:
    lines: list[tuple[str, dict | None]] = []
    for reading in sheet_readings(result):
        lines.append((reading.title, {"bold": True}))
        if reading.note:
            lines.append((f"  {reading.note}", None))
            continue
        if reading.header:
            lines.append((f"  表头：{reading.header}", None))
            lines += [(f"    {column}", None) for column in reading.columns]
            lines += [(f"  {reading.unit}", None), (f"  {reading.district}", None)]
        lines.append((f"  {reading.counts}", None))
        runs = reading.rows
        for i in range(0, len(runs), RUNS_PER_LINE):
            lines.append((("  行：" if i == 0 else "      ") + "；".join(runs[i:i + RUNS_PER_LINE]), None))
    return lines
