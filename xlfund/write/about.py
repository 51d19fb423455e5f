"""The 说明 sheet: settings, provenance of every input file, and the row balance per sheet."""

from __future__ import annotations

from xlfund import __version__
from xlfund.model import Consolidation
from xlfund.write.book import Styles, page_setup, wrapped_height, write_text


def write_about(ws, result: Consolidation, s: Styles) -> None:
    settings = result.settings
    ws.set_column("A:A", 22)
    ws.set_column("B:B", 16)
    ws.set_column("C:C", ABOUT_TEXT_WIDTH)
    ws.set_column("D:K", 10)
    ws.write_string(0, 0, "说明", s.title)
    rows = [
        ("资金名称", settings.fund_name), ("年度", str(settings.year or "")),
        ("资金上限（万元）", "" if settings.cap is None else str(settings.cap)),
        ("批复计划（万元）", "" if settings.plan is None else str(settings.plan)),
        ("绩效目标单位数", "" if settings.target_recipients is None else str(settings.target_recipients)),
        ("设置文件", settings.source or "（未使用设置文件）"),
        ("数据文件夹", str(result.folder)),
        ("生成时间", f"{result.made_at:%Y-%m-%d %H:%M:%S}"),
        ("生成工具", f"xlfund {__version__}"),
    ]
    for i, (label, value) in enumerate(rows):
        ws.write_string(i + 2, 0, label, s.text)
        ws.merge_range(i + 2, 1, i + 2, 2, "", s.text)
        write_text(ws, i + 2, 1, value, s.text)
    row = len(rows) + 3
    heads = ["文件", "状态", "SHA-256", "读取行数", "记录", "表头", "合计行", "分组行", "注释行", "未计入", "空行", "行数平衡"]
    for c, head in enumerate(heads):
        ws.write_string(row, c, head, s.head)
    row += 1
    for report in result.files:
        targets = [(report.name, None)] + [(f"{report.name} · {sheet.name}", sheet) for sheet in report.sheets]
        for label, sheet in targets:
            counts = sheet.counts if sheet else report.counts
            write_text(ws, row, 0, label, s.text)
            write_text(ws, row, 1, (sheet.note or "工作表") if sheet else report.status, s.center)
            write_text(ws, row, 2, report.sha256 if sheet is None else "", s.text)
            values = [counts.read, counts.records, counts.header, counts.totals, counts.groups, counts.notes, counts.rejected, counts.blank]
            for c, value in enumerate(values):
                ws.write_number(row, 3 + c, value, s.count)
            r1 = row + 1
            ws.write_formula(row, 11, f'=IF(D{r1}=SUM(E{r1}:K{r1}),"平衡","不平衡")', s.center, "平衡" if counts.balanced() else "不平衡")
            row += 1
    row += 1
    ws.write_string(row, 0, "行数平衡：读取行数 = 记录 + 表头 + 合计行 + 分组行 + 注释行 + 未计入 + 空行。未计入的行见“问题”表。", s.subtitle)
    row = _write_layouts(ws, result, s, row + 2)
    page_setup(ws, landscape=True)


ABOUT_TEXT_WIDTH = 66
ROLE_NAMES = {"name": "单位名称", "amount": "金额", "purpose": "资金用途", "district": "区县", "seq": "序号", "remark": "备注", "town": "乡镇"}


def unused_text(unused: dict[str, str]) -> str:
    """Columns with content that no role took: D“申请金额”、F（无表头）."""
    return "、".join(f"{letter}“{label}”" if label else f"{letter}（无表头）" for letter, label in unused.items())


def _write_layouts(ws, result: Consolidation, s: Styles, row: int) -> int:
    """How each sheet was read: header rows, the column taken for each role and why, the unit
    and the district with where each came from (the same as `xlfund check --explain`)."""
    ws.write_string(row, 0, "各工作表的读法", s.head)
    for c, head in enumerate(["表头行", "各列（取哪一列、为什么），金额单位和区县（来源）"], start=1):
        ws.write_string(row, c, head, s.head)
    row += 1
    for report in result.files:
        for sheet in report.sheets:
            layout = sheet.layout
            if layout is None or not layout.columns:
                continue
            first, last = layout.header_rows
            columns = "\n".join(f"{ROLE_NAMES.get(role, role)}：{text}" for role, text in layout.columns.items())
            if layout.unused:
                columns += f"\n未采用的列：{unused_text(layout.unused)}"
            write_text(ws, row, 0, f"{report.name} · {sheet.name}", s.text)
            write_text(ws, row, 1, f"第 {first} 行" if first == last else f"第 {first}–{last} 行", s.center)
            described = (f"{columns}\n金额单位：{layout.unit}（{layout.unit_source}）\n"
                         f"区县：{layout.district}（{layout.district_source}）" + ("；汇总表，各行用于核对" if layout.summary else ""))
            write_text(ws, row, 2, described, s.wrap)
            height = wrapped_height([described], ABOUT_TEXT_WIDTH)
            if height:
                ws.set_row(row, height)
            row += 1
    return row
