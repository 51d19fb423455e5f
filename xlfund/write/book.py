"""What every sheet of the output shares: the workbook's options, styles, number formats,
page setup, and the two ways a cell is written (input text always as text; money rounded to 分)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xlfund import __version__
from xlfund.amounts import FEN_IN_WAN
from xlfund.model import OWN_OUTPUT_MARK
from xlfund.text import clean_text
from xlfund.write.wrap import row_height, text_lines

OVERVIEW, DETAIL, CHECKS, PROBLEMS, SCORECARD, REPORT, ABOUT = "汇总", "明细", "对账", "问题", "评分表", "报告", "说明"
MONEY = "#,##0.00"
PERCENT = "0.00%"
# Grey text (notes, the 提示 severity) dark enough to read on a laser print: 10:1 on white.
GREY_TEXT = "#404040"
TITLE_SIZE = 16
TITLE_HEIGHT = 28  # points: a 16-point title needs more than the default row


def new_workbook(path: Path, title: str, ours: bool = True):
    """An XlsxWriter workbook with the options every output needs: input text never becomes
    a formula, URL or number; NaN never reaches a cell. `ours` marks it as this tool's output,
    never read back as a submission (the blank forms sent to districts are not marked)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {
        "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False, "nan_inf_to_errors": True,
    })
    book.set_properties({"title": title, "author": "xlfund", "comments": f"由 xlfund {__version__} 生成", "company": ""})
    if ours:
        book.set_custom_property(OWN_OUTPUT_MARK, __version__)
    return book


def money(value: Decimal) -> float:
    """A Decimal as the float XlsxWriter stores, rounded to 分 first (never to .16g noise)."""
    return float(value.quantize(FEN_IN_WAN))


class Styles:
    def __init__(self, book):
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        grid = {**base, "border": 1}
        self.title = book.add_format({**base, "font_size": TITLE_SIZE, "bold": True, "align": "center", "text_wrap": True})
        self.subtitle = book.add_format({**base, "font_size": 10, "font_color": GREY_TEXT})
        self.head = book.add_format({**grid, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#D9E1F2"})
        self.text = book.add_format({**grid})
        self.wrap = book.add_format({**grid, "text_wrap": True})
        self.center = book.add_format({**grid, "align": "center"})
        self.wrap_center = book.add_format({**grid, "align": "center", "text_wrap": True})
        self.money = book.add_format({**grid, "num_format": MONEY})
        self.count = book.add_format({**grid, "num_format": "0", "align": "center"})
        # A count in a column of figures (对账's 应为/实际/差额): right-aligned as the money beside it.
        self.count_figure = book.add_format({**grid, "num_format": "0"})
        self.percent = book.add_format({**grid, "num_format": PERCENT})
        self.input_money = book.add_format({**grid, "num_format": MONEY, "bg_color": "#FFF2CC"})
        self.total_text = book.add_format({**grid, "bold": True, "align": "center", "bg_color": "#F2F2F2"})
        self.total_money = book.add_format({**grid, "bold": True, "num_format": MONEY, "bg_color": "#F2F2F2"})
        self.total_count = book.add_format({**grid, "bold": True, "num_format": "0", "align": "center", "bg_color": "#F2F2F2"})
        self.bad = book.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})
        self.good = book.add_format({"font_color": "#006100", "bg_color": "#C6EFCE"})
        self.severity = {
            "错误": book.add_format({**grid, "bold": True, "font_color": "#C00000", "align": "center"}),
            "警告": book.add_format({**grid, "font_color": "#9C5700", "align": "center"}),
            "提示": book.add_format({**grid, "font_color": GREY_TEXT, "align": "center"}),
        }


def write_text(ws, row: int, col: int, value: str, fmt) -> None:
    """Input text, always as a string (never a formula, URL or number)."""
    cleaned, _removed, _truncated = clean_text(value)
    if cleaned:
        ws.write_string(row, col, cleaned, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def write_title(ws, text: str, last_col: int, width: float, s: Styles) -> None:
    """A sheet's title across columns A..last_col (`width` units in all), wrapped when long
    (a fund's full name can be), as text, with the row as tall as its lines."""
    if last_col:
        ws.merge_range(0, 0, 0, last_col, "", s.title)
    write_text(ws, 0, 0, text, s.title)
    ws.set_row(0, max(TITLE_HEIGHT, row_height(text_lines(text, width, TITLE_SIZE), TITLE_SIZE) or 0))


def write_number(ws, row: int, col: int, value: Decimal | int | None, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, money(value) if isinstance(value, Decimal) else value, fmt)


def page_setup(ws, landscape: bool, repeat_row: int | None = 0) -> None:
    """A4, fitted to the page width, the header row repeated on every printed page, page numbers."""
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")
