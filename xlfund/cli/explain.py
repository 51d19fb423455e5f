"""`xlfund check FILE --explain`: how each sheet was read, so a clerk can see why a row was or
was not counted: the header band, the column taken for each role and why, the unit and the
district with their sources, and each row's kind as a compact listing."""

from __future__ import annotations

from itertools import groupby

from xlfund.model import Consolidation, RowKind
from xlfund.write.about import ROLE_NAMES, unused_text


def kind_runs(kinds: str) -> list[tuple[int, int, RowKind]]:
    """(first Excel row, last Excel row, kind) for each run of rows of the same kind."""
    runs, row = [], 1
    for code, group in groupby(kinds):
        length = len(list(group))
        runs.append((row, row + length - 1, RowKind(code)))
        row += length
    return runs


def explain_lines(result: Consolidation) -> list[tuple[str, dict | None]]:
    lines: list[tuple[str, dict | None]] = []
    for report in result.files:
        for sheet in report.sheets:
            layout = sheet.layout
            lines.append((f"{report.name} · {sheet.name}", {"bold": True}))
            if layout is None:
                lines.append((f"  {sheet.note or '未读取'}", None))
                continue
            if layout.columns:
                first, last = layout.header_rows
                lines.append((f"  表头：第 {first} 行" if first == last else f"  表头：第 {first}–{last} 行", None))
                for role, text in layout.columns.items():
                    lines.append((f"    {ROLE_NAMES.get(role, role)}：{text}", None))
                if layout.unused:
                    lines.append((f"    未采用的列：{unused_text(layout.unused)}", None))
                lines.append((f"  金额单位：{layout.unit}（{layout.unit_source}）", None))
                lines.append((f"  区县：{layout.district}（{layout.district_source}）" + ("；这是汇总表，其各行用于核对" if layout.summary else ""), None))
            counts = sheet.counts
            lines.append((f"  共 {counts.read} 行：记录 {counts.records}，合计/小计/分项 {counts.totals}，分组行 {counts.groups}，"
                          f"表头/标题 {counts.header}，注释 {counts.notes}，未计入 {counts.rejected}，空行 {counts.blank}", None))
            parts = []
            for first, last, kind in kind_runs(layout.kinds):
                if kind is RowKind.BLANK:
                    continue
                span = f"{first}" if first == last else f"{first}–{last}"
                parts.append(f"{span} {kind.label}")
            for i in range(0, len(parts), 6):
                lines.append((("  行：" if i == 0 else "      ") + "；".join(parts[i:i + 6]), None))
    return lines
