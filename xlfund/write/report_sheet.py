"""The 报告 sheet: the report section's text (see report.narrative), ready to copy."""

from __future__ import annotations

from xlfund.model import Consolidation
from xlfund.report.narrative import report_paragraphs
from xlfund.write.book import page_setup, write_text

# Recipients listed per district in the 报告 sheet: about five printed pages each. A province's
# list is not read line by line; 明细 holds every line and the .docx report lists them all.
REPORT_SHEET_ITEMS = 200


def write_report_sheet(book, ws, result: Consolidation) -> None:
    """The report section (see narrative.py) as text to copy into the annual report."""

    base = {"font_name": "仿宋", "font_size": 12, "text_wrap": True, "valign": "top"}
    formats = {
        "title": book.add_format({**base, "font_name": "黑体", "font_size": 16, "align": "center"}),
        "heading": book.add_format({**base, "font_name": "黑体"}),
        "body": book.add_format(base), "item": book.add_format(base), "total": book.add_format({**base, "bold": True}),
    }
    ws.set_column("A:A", 110)
    for r, paragraph in enumerate(report_paragraphs(result, max_items=REPORT_SHEET_ITEMS)):
        # About 44 characters of 仿宋 12pt fit a line of this width (checked on the rendered page).
        lines = max(1, -(-len(paragraph.text) // 44))
        ws.set_row(r, 28 if paragraph.style == "title" else 17 * lines)
        write_text(ws, r, 0, paragraph.text, formats[paragraph.style])
    page_setup(ws, landscape=False, repeat_row=None)
