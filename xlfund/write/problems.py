"""The 问题 sheet: every finding with its file, sheet and cell, errors first."""

from __future__ import annotations

from xlfund.limits import MAX_PROBLEM_ROWS
from xlfund.model import Consolidation
from xlfund.write.book import Styles, page_setup, write_text
from xlfund.write.wrap import wrapped_height

HEADS = [("序号", 6), ("级别", 8), ("类型（代码）", 24), ("文件", 18), ("工作表", 12), ("单元格", 10), ("说明", 70)]


def write_problems(ws, result: Consolidation, s: Styles) -> None:
    for c, (head, width) in enumerate(HEADS):
        ws.write_string(0, c, head, s.head)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    shown = result.findings[:MAX_PROBLEM_ROWS]  # errors come first; the rest is counted below
    ws.autofilter(0, 0, max(len(shown), 1), len(HEADS) - 1)
    page_setup(ws, landscape=True)
    for i, item in enumerate(shown):
        r = i + 1
        # The short Chinese name for the clerk, the stable code for searching README and --json.
        kind = f"{item.kind.title}\n{item.code}" if item.kind.title else item.code
        texts = [kind, item.file, item.sheet, item.cell, item.message]
        ws.write_number(r, 0, i + 1, s.count)
        ws.write_string(r, 1, item.severity, s.severity[item.severity])
        for c, (text, style) in enumerate(zip(texts, (s.wrap, s.wrap, s.wrap, s.wrap_center, s.wrap), strict=True), start=2):
            write_text(ws, r, c, text, style)
        height = wrapped_height([(text, HEADS[c][1]) for c, text in enumerate(texts, start=2)])
        if height:
            ws.set_row(r, height)
    if not result.findings:
        ws.write_string(1, 0, "未发现问题。", s.text)
    elif len(result.findings) > len(shown):
        more = len(result.findings) - len(shown)
        ws.write_string(len(shown) + 1, 6, f"另有 {more:,} 条问题未列入本表（本表列出前 {len(shown):,} 条，错误在前）。"
                        "完整清单请用 xlfund consolidate 文件夹 --json 查看", s.wrap)
