"""The 问题 sheet: every finding with its file, sheet and cell, errors first."""

from __future__ import annotations

from xlfund.model import Consolidation
from xlfund.write.book import Styles, page_setup, write_text


def write_problems(ws, result: Consolidation, s: Styles) -> None:
    heads = [("序号", 6), ("级别", 8), ("代码", 22), ("文件", 18), ("工作表", 12), ("单元格", 10), ("说明", 70)]
    for c, (head, width) in enumerate(heads):
        ws.write_string(0, c, head, s.head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(result.findings), 1), len(heads) - 1)
    page_setup(ws, landscape=True)
    for i, item in enumerate(result.findings):
        r = i + 1
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_string(r, 1, item.severity, s.severity[item.severity])
        ws.write_string(r, 2, item.code, s.text)
        write_text(ws, r, 3, item.file, s.text)
        write_text(ws, r, 4, item.sheet, s.text)
        write_text(ws, r, 5, item.cell, s.center)
        write_text(ws, r, 6, item.message, s.wrap)
    if not result.findings:
        ws.write_string(1, 0, "未发现问题。", s.text)
