"""How many lines a text takes in a column (write/wrap.py): the one measure every wrapping sheet uses."""

from __future__ import annotations

import pytest

from xlfund.write.wrap import row_height, text_lines, wrapped_height


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("", 10, 1),
    ("测" * 10, 22, 1),  # 10 full-width characters, about 21 units, in a column of 22
    ("测" * 11, 22, 2),
    ("测" * 30, 22, 3),
    ("甲\n乙\n丙", 40, 3),  # a line break is a line
    ("测" * 11 + "\n乙", 22, 3),
    ("amount-unit-typo", 22, 1),
    ("amount-unit-typo amount-unit-typo", 22, 2),  # words stay whole when they fit a line
    ("x" * 50, 22, 3),  # a word longer than the line is broken where it reaches the edge
    ("高新区.xlsx·Sheet1 第8行合计", 44, 1),
])
def test_lines_of_a_text_in_a_column(text: str, width: float, lines: int):
    assert text_lines(text, width) == lines


def test_a_full_width_character_is_about_two_units_and_a_bigger_font_is_wider():
    # 40 full-width characters: one line in 86 units at 11 points, not at 16 points.
    assert text_lines("测" * 40, 86) == 1
    assert text_lines("测" * 40, 86, font_size=16) == 2
    # The same number of narrow characters takes about half the room.
    assert text_lines("1" * 40, 46) == 1 and text_lines("测" * 40, 46) == 2


def test_row_heights_follow_the_lines_in_whole_pixels():
    assert row_height(1) is None  # the sheet's default row holds one line
    assert row_height(2) == 33.75  # 16 points a line and a little, rounded to whole pixels as XlsxWriter stores it
    assert row_height(2) * 4 / 3 == int(row_height(2) * 4 / 3)
    assert row_height(1, font_size=16) > 15  # one line of a title needs more than the default
    assert row_height(3) > row_height(2)
    assert wrapped_height([("测" * 30, 22), ("短", 10)]) == row_height(3)
    assert wrapped_height([("短", 10)]) is None
