"""The 报告 sheet: the report section's text (see report.narrative), ready to copy."""

from __future__ import annotations

from xlfund.model import Consolidation
from xlfund.report.narrative import report_paragraphs
from xlfund.write.book import page_setup, write_text
from xlfund.write.wrap import row_height, text_lines

# Recipients listed per district in the 报告 sheet: about five printed pages each. A province's
# list is not read line by line; 明细 holds every line and the .docx report lists them all.
REPORT_SHEET_ITEMS = 200
# One column as wide as an A4 portrait page between its margins, in Excel's units (Calibri);
# where the default font is wider (LibreOffice without Calibri), fitting to the page shrinks it.
TEXT_WIDTH = 96
FONT_SIZES = {"title": 16, "heading": 12, "body": 12, "item": 12, "total": 12}


def write_report_sheet(book, ws, result: Consolidation) -> None:
    """The report section (see narrative.py) as text to copy into the annual report."""

    base = {"font_name": "仿宋", "font_size": 12, "text_wrap": True, "valign": "top"}
    formats = {
        "title": book.add_format({**base, "font_name": "黑体", "font_size": FONT_SIZES["title"], "align": "center"}),
        "heading": book.add_format({**base, "font_name": "黑体"}),
        "body": book.add_format(base), "item": book.add_format(base), "total": book.add_format({**base, "bold": True}),
    }
    ws.set_column(0, 0, TEXT_WIDTH)
    ws.set_column(1, 1, 1)
    paragraphs = report_paragraphs(result, max_items=REPORT_SHEET_ITEMS)
    for r, paragraph in enumerate(paragraphs):
        size = FONT_SIZES[paragraph.style]
        ws.set_row(r, row_height(text_lines(paragraph.text, TEXT_WIDTH, size), size))
        write_text(ws, r, 0, paragraph.text, formats[paragraph.style])
    page_setup(ws, landscape=False, repeat_row=None)
    # LibreOffice fits a print range of one column to the page width only when the range is
    # wider than that column (it printed the text past the right edge): take in a thin column B.
    ws.print_area(0, 0, max(len(paragraphs) - 1, 0), 1)
