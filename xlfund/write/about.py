"""The 说明 sheet: settings, provenance of every input file, and the row balance per sheet."""

from __future__ import annotations

from xlfund import __version__
from xlfund.model import Consolidation
from xlfund.write.book import Styles, page_setup, write_text


def write_about(ws, result: Consolidation, s: Styles) -> None:
    settings = result.settings
    ws.set_column("A:A", 22)
    ws.set_column("B:B", 16)
    ws.set_column("C:C", 66)
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
    heads = ["文件", "状态", "SHA-256", "读取行数", "记录", "表头", "合计行", "注释行", "未计入", "空行", "行数平衡"]
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
            values = [counts.read, counts.records, counts.header, counts.totals, counts.notes, counts.rejected, counts.blank]
            for c, value in enumerate(values):
                ws.write_number(row, 3 + c, value, s.count)
            r1 = row + 1
            ws.write_formula(row, 10, f'=IF(D{r1}=SUM(E{r1}:J{r1}),"平衡","不平衡")', s.center, "平衡" if counts.balanced() else "不平衡")
            row += 1
    row += 1
    ws.write_string(row, 0, "行数平衡：读取行数 = 记录 + 表头 + 合计行 + 注释行 + 未计入 + 空行。未计入的行见“问题”表。", s.subtitle)
    page_setup(ws, landscape=True)
