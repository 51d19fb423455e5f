"""Copy a scorecard template onto an XlsxWriter sheet: styles, merged ranges, column widths,
row heights, page setup and the template's own cells, written in row order.

Merged ranges are made with merge_range() when their top-left cell is reached, before that
cell's own value is written. (The workbook is never in XlsxWriter's constant_memory mode: the
明细 rows, the only large part, are spliced in as XML, and every other sheet is bounded, so the
mode saved no memory, measured on 400,000 records, while it could merge only within a row.)
"""

from __future__ import annotations

from xlsxwriter.utility import xl_rowcol_to_cell

from xlfund.settings import Settings

INPUT_FILL = "#FFF2CC"  # the yellow of the cells the clerk fills

_BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7,
            "mediumDashed": 8, "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12, "slantDashDot": 13}


def cell_name(row: int, col: int, absolute: bool = False) -> str:
    """A1 name of a cell given 1-based row and column (as openpyxl counts)."""
    return xl_rowcol_to_cell(row - 1, col - 1, absolute, absolute)


def _color(color) -> str | None:
    rgb = getattr(color, "rgb", None)
    if isinstance(rgb, str) and len(rgb) == 8 and rgb not in ("00000000",):
        return "#" + rgb[2:]
    return None


def format_props(cell) -> dict:
    """An openpyxl cell's style as XlsxWriter format properties."""
    props: dict = {}
    font = cell.font
    if font is not None:
        if font.name:
            props["font_name"] = font.name
        if font.sz:
            props["font_size"] = float(font.sz)
        if font.b:
            props["bold"] = True
        if font.i:
            props["italic"] = True
        color = _color(font.color)
        if color:
            props["font_color"] = color
    al = cell.alignment
    if al is not None:
        if al.horizontal and al.horizontal != "general":
            props["align"] = {"centerContinuous": "center_across"}.get(al.horizontal, al.horizontal)
        if al.vertical:
            props["valign"] = {"center": "vcenter"}.get(al.vertical, al.vertical)
        if al.wrap_text:
            props["text_wrap"] = True
        if al.indent:
            props["indent"] = int(al.indent)
    border = cell.border
    if border is not None:
        for side in ("left", "right", "top", "bottom"):
            style = getattr(getattr(border, side), "style", None)
            if style in _BORDERS:
                props[side] = _BORDERS[style]
    fill = cell.fill
    if fill is not None and fill.fill_type == "solid":
        color = _color(fill.fgColor)
        if color:
            props["bg_color"] = color
    if cell.number_format and cell.number_format != "General":
        props["num_format"] = cell.number_format
    return props


class Formats:
    """XlsxWriter formats made from property dicts, one per distinct set of properties."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, props: dict):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.book.add_format(dict(props))
        return self.cache[key]


class Frame:
    """The template's merged ranges, widths and heights, put on `ws` as rows are written."""

    def __init__(self, ws, src):
        self.ws, self.src = ws, src
        self.starts = {(m.min_row, m.min_col): (m.max_row, m.max_col) for m in src.merged_cells.ranges}  # 1-based
        for dim in src.column_dimensions.values():
            if dim.width:  # openpyxl widths carry about 0.71 of padding
                ws.set_column(dim.min - 1, dim.max - 1, max(dim.width - 0.71, 1))

    def start_row(self, r: int) -> None:
        """Row r's height as the template sets it (1-based)."""
        height = self.src.row_dimensions[r].height if r in self.src.row_dimensions else None
        if height:
            self.ws.set_row(r - 1, height)

    def merge(self, r: int, c: int, fmt) -> None:
        """Merge the range whose top-left cell is (r, c), if any, before that cell is written
        (the cell's own write then replaces the blank merge_range puts there)."""
        end = self.starts.get((r, c))
        if end is not None:
            self.ws.merge_range(r - 1, c - 1, end[0] - 1, end[1] - 1, "", fmt)


def write_template_value(ws, r: int, c: int, value: object, fmt, settings: Settings) -> None:
    """A cell of the template as it stands (1-based r, c): text with {年度}/{资金名称} filled in."""
    if value is None or value == "":
        ws.write_blank(r - 1, c - 1, None, fmt)
    elif isinstance(value, str) and value.startswith("="):
        ws.write_formula(r - 1, c - 1, value, fmt, "")  # a clerk's own formula; no value we could vouch for
    elif isinstance(value, str):
        ws.write_string(r - 1, c - 1, substitute(value, settings), fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r - 1, c - 1, value, fmt)
    else:
        ws.write(r - 1, c - 1, value, fmt)


def substitute(text: str, settings: Settings) -> str:
    return text.replace("{年度}", str(settings.year or "")).replace("{资金名称}", settings.fund_name)


def copy_page_setup(src, ws, last_row: int) -> None:
    """Paper, orientation, fit, print titles, margins, centring and footer as the template has them."""
    setup = src.page_setup
    if setup.paperSize:
        ws.set_paper(int(setup.paperSize))
    if setup.orientation == "landscape":
        ws.set_landscape()
    else:
        ws.set_portrait()
    if src.sheet_properties.pageSetUpPr is not None and src.sheet_properties.pageSetUpPr.fitToPage:
        ws.fit_to_pages(int(setup.fitToWidth if setup.fitToWidth is not None else 1), int(setup.fitToHeight or 0))
    titles = src.print_title_rows
    if titles:
        first, _, last = titles.replace("$", "").partition(":")
        ws.repeat_rows(int(first) - 1, int(last or first) - 1)
    margins = src.page_margins
    ws.set_margins(left=margins.left, right=margins.right, top=margins.top, bottom=margins.bottom)
    if src.print_options.horizontalCentered:
        ws.center_horizontally()
    footer = src.oddFooter
    if footer is not None and footer.center.text:
        ws.set_footer(f"&C{footer.center.text}")
    ws.print_area(0, 0, last_row - 1, max(src.max_column, 3) - 1)
