"""The 说明 sheet: settings, provenance of every input file, and the row balance per sheet."""

from __future__ import annotations

from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

from xlfund import __version__
from xlfund.model import Consolidation
from xlfund.report.readings import sheet_readings
from xlfund.write.book import Styles, page_setup, write_text, write_title
from xlfund.write.wrap import wrapped_height


def write_about(ws, result: Consolidation, s: Styles) -> None:
    settings = result.settings
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    ws.set_column("D:K", 10)
    write_title(ws, "说明", 0, WIDTHS[0], s)
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
        ws.merge_range(i + 2, 1, i + 2, 2, "", s.wrap)
        write_text(ws, i + 2, 1, value, s.wrap)  # a folder's path can be long
        _fit_row(ws, i + 2, [(value, WIDTHS[1] + WIDTHS[2])])
    row = len(rows) + 3
    heads = ["文件", "状态", "SHA-256", "读取行数", "记录", "表头", "合计行", "分组行", "注释行", "未计入", "空行", "行数平衡"]
    for c, head in enumerate(heads):
        ws.write_string(row, c, head, s.head)
    row += 1
    for report in result.files:
        targets = [(report.name, None)] + [(f"{report.name} · {sheet.name}", sheet) for sheet in report.sheets]
        for label, sheet in targets:
            counts = sheet.counts if sheet else report.counts
            status = (sheet.note or "工作表") if sheet else report.status
            write_text(ws, row, 0, label, s.wrap)
            write_text(ws, row, 1, status, s.center)
            write_text(ws, row, 2, report.sha256 if sheet is None else "", s.text)
            values = [counts.read, counts.records, counts.header, counts.totals, counts.groups, counts.notes, counts.rejected, counts.blank]
            for c, value in enumerate(values):
                ws.write_number(row, 3 + c, value, s.count)
            read, parts = xl_rowcol_to_cell(row, 3), xl_range(row, 4, row, 10)
            ws.write_formula(row, 11, f'=IF({read}=SUM({parts}),"平衡","不平衡")', s.center, "平衡" if counts.balanced() else "不平衡")
            _fit_row(ws, row, [(label, WIDTHS[0])])
            row += 1
    row += 1
    ws.write_string(row, 0, "行数平衡：读取行数 = 记录 + 表头 + 合计行 + 分组行 + 注释行 + 未计入 + 空行。未计入的行见“问题”表。", s.subtitle)
    row = _write_layouts(ws, result, s, row + 2)
    page_setup(ws, landscape=True)


WIDTHS = (24, 16, 66)  # 文件 | 状态 | SHA-256 and how each sheet was read


def _fit_row(ws, row: int, wrapped: list[tuple[str, float]]) -> None:
    height = wrapped_height(wrapped)
    if height:
        ws.set_row(row, height)


def _write_layouts(ws, result: Consolidation, s: Styles, row: int) -> int:
    """How each sheet was read: header rows, the column taken for each role and why, the unit
    and the district with where each came from (the words `xlfund check --explain` prints)."""
    ws.write_string(row, 0, "各工作表的读法", s.head)
    for c, head in enumerate(["表头行", "各列（取哪一列、为什么），金额单位和区县（来源）"], start=1):
        ws.write_string(row, c, head, s.head)
    row += 1
    for reading in sheet_readings(result):
        if not reading.header:
            continue
        described = "\n".join([*reading.columns, reading.unit, reading.district])
        write_text(ws, row, 0, reading.title, s.wrap)
        write_text(ws, row, 1, reading.header, s.center)
        write_text(ws, row, 2, described, s.wrap)
        _fit_row(ws, row, [(reading.title, WIDTHS[0]), (described, WIDTHS[2])])
        row += 1
    return row
