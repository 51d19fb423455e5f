"""The 问题 sheet: every finding with its file, sheet and cell, errors first."""

from __future__ import annotations

from xlfund.limits import MAX_PROBLEM_ROWS
from xlfund.model import Consolidation
from xlfund.write.book import Styles, page_setup, write_text


def write_problems(ws, result: Consolidation, s: Styles) -> None:
    heads = [("序号", 6), ("级别", 8), ("代码", 22), ("文件", 18), ("工作表", 12), ("单元格", 10), ("说明", 70)]
    for c, (head, width) in enumerate(heads):
        ws.write_string(0, c, head, s.head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    shown = result.findings[:MAX_PROBLEM_ROWS]  # errors come first; the rest is counted below
    ws.autofilter(0, 0, max(len(shown), 1), len(heads) - 1)
    page_setup(ws, landscape=True)
    for i, item in enumerate(shown):
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
    elif len(result.findings) > len(shown):
        more = len(result.findings) - len(shown)
        ws.write_string(len(shown) + 1, 6, f"另有 {more:,} 条问题未列入本表（本表列出前 {len(shown):,} 条，错误在前）。"
                        "完整清单请用 xlfund consolidate 文件夹 --json 查看", s.wrap)
