"""The blank submission form (填报模板) each district fills in.

The forms are what the tool reads best: a title naming fund, year and district, a locked
header, data validation on every column, a 合计 that computes itself, and an instructions
sheet. Filled in and dropped back into the folder, a form consolidates with no findings.

A blank form prints on one page: it draws SUBMISSION_ROWS numbered rows. A district with more
recipients inserts rows above the 合计 row (the sheet allows it); the 合计 sums every row from
the first one down to the row above itself, wherever that has moved, and the validations and
the print area span the 合计 row, so they grow with the inserted rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from xlfund.output import save_atomically
from xlfund.read.discover import FORMS_FOLDER
from xlfund.settings import Settings
from xlfund.write.book import new_workbook, page_setup
from xlfund.write.wrap import wrapped_height

SUBMISSION_ROWS = 30
INSTRUCTIONS = [
    "1. 只在白色单元格中填写，表头和合计行已锁定；合计自动计算，不要手工修改。",
    "2. 单位名称：填写营业执照上的全称；同一单位在本表中只能出现一次。",
    "3. 金额：以万元为单位，只填数字（如 12 或 12.5），不要写“万元”等文字，最多四位小数。",
    "4. 资金用途：写明资金主要用于什么（如“平台运营费用”“快递设备购置”），不能为空。",
    "5. 行数不够时，选中合计行，右键“插入”整行（可一次插入多行）：合计自动包含新插入的行。不要删除表头、合计行，也不要改动工作表名称。",
    "6. 填好后可先运行 xlfund check 文件名.xlsx 自查，再报送市局。",
]


@dataclass(frozen=True)
class Written:
    path: Path
    created: bool  # False: it existed and was left as it was (unless updated)
    updated: bool = False  # an existing file changed in place (init adding districts)


def write_submission_form_file(path: Path, settings: Settings, district: str) -> None:
    save_atomically(path, lambda temp: write_submission_form(temp, settings, district))


def submission_form_path(folder: Path, district: str) -> Path:
    return folder / FORMS_FOLDER / f"{FORMS_FOLDER}-{district}.xlsx"


def write_submission_form(path: Path, settings: Settings, district: str) -> None:
    # why long: one sheet laid out top to bottom (title, header, rows, 合计, validations, print
    # setup), each part a few lines that refer to the same rows.
    year = settings.year or dt.date.today().year
    book = new_workbook(path, f"{year}年{settings.fund_name}分配明细表（{district}）", ours=False)
    try:
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        grid = {**base, "border": 1}
        title = book.add_format({**base, "font_size": 16, "bold": True, "align": "center"})
        plain = book.add_format(base)
        head = book.add_format({**grid, "bold": True, "align": "center", "bg_color": "#D9E1F2", "text_wrap": True})
        seq = book.add_format({**grid, "align": "center"})
        text_in = book.add_format({**grid, "locked": False, "text_wrap": True})
        money_in = book.add_format({**grid, "locked": False, "num_format": "#,##0.00##"})
        total_label = book.add_format({**grid, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
        total = book.add_format({**grid, "bold": True, "num_format": "#,##0.00##", "bg_color": "#F2F2F2"})
        note_in = book.add_format({**base, "locked": False})

        ws = book.add_worksheet(district[:31])
        ws.merge_range("A1:E1", f"{year}年{settings.fund_name}分配明细表（{district}）", title)
        ws.write_string("A2", f"填报单位：{district}（盖章）", plain)
        ws.write_string("E2", "单位：万元", plain)
        for c, (label, width) in enumerate([("序号", 6), ("单位名称", 36), ("金额（万元）", 14), ("资金用途", 46), ("备注", 16)]):
            ws.write_string(2, c, label, head)
            ws.set_column(c, c, width)
        first, last = 3, 3 + SUBMISSION_ROWS - 1
        for r in range(first, last + 1):
            ws.write_number(r, 0, r - first + 1, seq)
            for c, fmt in ((1, text_in), (2, money_in), (3, text_in), (4, text_in)):
                ws.write_blank(r, c, None, fmt)
        ws.write_string(last + 1, 0, "合计", total_label)
        ws.write_blank(last + 1, 1, None, total_label)
        # From the first row to the one above the 合计 itself: rows inserted above it are summed too.
        ws.write_formula(last + 1, 2, f"=SUM(C{first + 1}:INDEX(C:C,ROW()-1))", total, 0)
        ws.write_blank(last + 1, 3, None, total_label)
        ws.write_blank(last + 1, 4, None, total_label)
        ws.write_string(last + 2, 0, "填表人：　　　　　　审核人：　　　　　　联系电话：　　　　　　填报日期：", note_in)
        cells = f"{first + 1}:{{}}{last + 2}"  # down to the 合计 row: inserted rows fall inside
        ws.data_validation(f"B{cells.format('B')}", {
            "validate": "custom", "value": f"=AND(LEN(TRIM(B{first + 1}))>0,COUNTIF($B${first + 1}:$B${last + 2},B{first + 1})=1)",
            "error_title": "单位名称", "error_message": "单位名称不能为空，且在本表中不能重复。",
            "input_title": "单位名称", "input_message": "营业执照上的全称",
        })
        ws.data_validation(f"C{cells.format('C')}", {
            "validate": "custom", "value": f"=AND(ISNUMBER(C{first + 1}),C{first + 1}>0,ROUND(C{first + 1},4)=C{first + 1})",
            "error_title": "金额（万元）", "error_message": "请填写大于 0 的数字（万元），最多四位小数，不要写文字。",
            "input_title": "金额", "input_message": "单位：万元，只填数字",
        })
        ws.data_validation(f"D{cells.format('D')}", {
            "validate": "length", "criteria": ">", "value": 0, "ignore_blank": False,
            "error_title": "资金用途", "error_message": "请写明资金用途。",
        })
        ws.data_validation(f"E{cells.format('E')}", {
            "validate": "length", "criteria": "<=", "value": 200,
            "error_title": "备注", "error_message": "备注请控制在 200 字以内。",
        })
        ws.freeze_panes(3, 0)
        ws.protect("", {"insert_rows": True, "delete_rows": False, "format_columns": True, "format_rows": True, "sort": True, "autofilter": True})
        page_setup(ws, landscape=True, repeat_row=2)
        ws.print_area(0, 0, last + 2, 4)
        ws.activate()

        guide = book.add_worksheet("填表说明")
        guide.set_column("A:A", 75)  # within an A4 page, the lines wrapped: one printed page
        wrapped = book.add_format({**base, "text_wrap": True})
        guide.write_string(0, 0, f"{year}年{settings.fund_name} 填表说明（{district}）", title)
        for i, line in enumerate(INSTRUCTIONS, start=2):
            guide.write_string(i, 0, line, wrapped)
            guide.set_row(i, wrapped_height([(line, 75)]))
        page_setup(guide, landscape=False, repeat_row=None)
        guide.fit_to_pages(1, 1)
        guide.protect()
    finally:
        book.close()
