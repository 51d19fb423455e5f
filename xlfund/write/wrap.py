"""How many lines a text takes in a column, and the row height those lines need.

Rows do not grow by themselves for wrapped text: LibreOffice keeps the stored height, and
Excel grows rows only in files it wrote itself. Every sheet that wraps asks here, so one
measure (text.display_width, the one the column widths use) decides both.
"""

from __future__ import annotations

import re

from xlfund.text import display_width

BASE_FONT_SIZE = 11  # the size display_width's units are measured at
LINE_SPACING = 1.45  # points of row height per point of font size (16 points a line at 11)
_PADDING = 1.0  # width units a cell keeps clear at its edges
# What wraps as one piece: a run of Latin letters, digits and their punctuation (Excel and
# LibreOffice break between words, or inside a word longer than the line), or one other character.
_PIECE = re.compile(r"[A-Za-z0-9_.,:;!?%'\"()\[\]/\\+\-*=<>@#$&]+ *| +|.", re.DOTALL)


def text_lines(text: str, width: float, font_size: float = BASE_FONT_SIZE) -> int:
    """Lines `text` takes wrapped in a column `width` wide (Excel width units); a full-width
    character is about two units at 11 points, and wider in a bigger font."""
    usable = max(width - _PADDING, 1.0) * BASE_FONT_SIZE / font_size + 1e-9  # 10 × 2.1 fits 21
    # An upper bound of the width from the UTF-8 length alone decides most texts without
    # measuring each character (a province's list asks once a line): every wide character takes
    # three or four bytes, a narrow one at least one, so 1.1 a character and half a unit for
    # each byte beyond the first is never less than display_width.
    if "\n" not in text and 0.6 * len(text) + len(text.encode("utf-8", "surrogatepass")) / 2 <= usable:
        return 1
    return sum(_paragraph_lines(part, usable) for part in text.split("\n"))


def _paragraph_lines(text: str, usable: float) -> int:
    lines, used = 1, 0.0
    for piece in _PIECE.findall(text):
        size = display_width(piece)
        if used + display_width(piece.rstrip(" ")) <= usable:
            used += size
            continue
        if size <= usable:  # the piece starts the next line
            lines, used = lines + 1, size
            continue
        for ch in piece:  # longer than a line: broken where it reaches the edge
            step = display_width(ch)
            if used + step > usable and used > 0:
                lines, used = lines + 1, 0.0
            used += step
    return lines


def row_height(lines: int, font_size: float = BASE_FONT_SIZE) -> float | None:
    """The height in points for `lines` lines; None for one line of the usual size (the
    sheet's default height holds it)."""
    if lines <= 1 and font_size <= BASE_FONT_SIZE:
        return None
    points = lines * font_size * LINE_SPACING + 2
    return int(points * 4 / 3 + 0.5) * 0.75  # whole pixels, as XlsxWriter stores a height (detail_xml must match)


def wrapped_height(cells: list[tuple[str, float]], font_size: float = BASE_FONT_SIZE) -> float | None:
    """The height a row needs for its wrapped cells, each (text, column width); None when one line does."""
    return row_height(max((text_lines(text, width, font_size) for text, width in cells), default=1), font_size)
