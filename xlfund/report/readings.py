"""How each sheet was read, in the clerk's words: the one explanation that `xlfund check
--explain` prints and the 说明 sheet shows (each renders these pieces its own way).

Pure: a Consolidation in, one SheetReading per sheet out.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from xlfund.model import Consolidation, RowKind, SheetRead

ROLE_NAMES = {"name": "单位名称", "amount": "金额", "purpose": "资金用途", "district": "区县", "seq": "序号", "remark": "备注", "town": "乡镇"}


@dataclass(frozen=True)
class SheetReading:
    title: str  # "高新区.xlsx · Sheet1"
    note: str = ""  # why the sheet was not read ("隐藏，已跳过"), when it has no layout
    header: str = ""  # "第 2 行", "第 2–3 行"; "" when no table header was found
    columns: tuple[str, ...] = ()  # "金额：D “核定金额”（优先于“申请金额”）"
    unit: str = ""  # "金额单位：元（标题）"
    district: str = ""  # "区县：高新区（文件名）", and a note for a summary sheet
    counts: str = ""  # "共 8 行：记录 2，…"
    rows: tuple[str, ...] = ()  # "1 标题/说明行", "5–7 记录": each run of rows of one kind, blank rows left out


def unused_text(unused: dict[str, str]) -> str:
    """Columns with content that no role took: D“申请金额”、F（无表头）."""
    return "、".join(f"{letter}“{label}”" if label else f"{letter}（无表头）" for letter, label in unused.items())


def kind_runs(kinds: str) -> list[tuple[int, int, RowKind]]:
    """(first Excel row, last Excel row, kind) for each run of rows of the same kind."""
    runs, row = [], 1
    for code, group in groupby(kinds):
        length = len(list(group))
        runs.append((row, row + length - 1, RowKind(code)))
        row += length
    return runs


def sheet_readings(result: Consolidation) -> list[SheetReading]:
    return [_reading(f"{report.name} · {sheet.name}", sheet) for report in result.files for sheet in report.sheets]


def _reading(title: str, sheet: SheetRead) -> SheetReading:
    layout = sheet.layout
    if layout is None:
        return SheetReading(title, note=sheet.note or "未读取")
    c = sheet.counts
    counts = (f"共 {c.read} 行：记录 {c.records}，合计/小计/分项 {c.totals}，分组行 {c.groups}，"
              f"表头/标题 {c.header}，注释 {c.notes}，未计入 {c.rejected}，空行 {c.blank}")
    rows = tuple(f"{first if first == last else f'{first}–{last}'} {kind.label}"
                 for first, last, kind in kind_runs(layout.kinds) if kind is not RowKind.BLANK)
    if not layout.columns:
        return SheetReading(title, counts=counts, rows=rows)
    first, last = layout.header_rows
    return SheetReading(
        title,
        header=f"第 {first} 行" if first == last else f"第 {first}–{last} 行",
        columns=tuple(f"{ROLE_NAMES.get(role, role)}：{text}" for role, text in layout.columns.items()) + (
            (f"未采用的列：{unused_text(layout.unused)}",) if layout.unused else ()),
        unit=f"金额单位：{layout.unit}（{layout.unit_source}）",
        district=f"区县：{layout.district}（{layout.district_source}）" + ("；这是汇总表，其各行用于核对" if layout.summary else ""),
        counts=counts, rows=rows,
    )
