"""xlfund.sheet.other_rows: the lines of a sheet that are not a recipient's (split from reader.py).

Each case reads a small grid and pins the row kinds (one letter per row, as in test_reader.py:
H header, R record, A 合计, B breakdown, X rejected, T title, N note), the records, the stated
totals with the rows they cover, and the findings with their cells."""

from __future__ import annotations

import datetime as dt

import pytest
from unitkit import codes, people, read, totals

H = ["序号", "单位名称", "金额", "资金用途"]


@pytest.mark.parametrize(
    ("rows", "kinds", "expected_people", "expected_totals", "expected_codes"),
    [
        pytest.param(
            [H, [1, "甲公司", 10, "a"], [2, None, dt.date(2018, 1, 5), "b"], [3, "乙公司", 5, "c"]],
            "HRXR", [("高新区", "甲公司", "10", 2), ("高新区", "乙公司", "5", 4)], [], [("amount-is-date", "C3")],
            id="a date in the amount column of a line without a name is rejected at that cell",
        ),
        pytest.param(
            [H, [1, "甲公司", 10, "a"], ["合计", None, 10, None], [None, None, dt.date(2018, 1, 5), None]],
            "HRAN", [("高新区", "甲公司", "10", 2)], [(3, "合计", "10", 2, 2)], [],
            id="after the total a date alone is the form's date, a note",
        ),
    ],
)
def test_a_date_where_the_amount_goes(rows, kinds, expected_people, expected_totals, expected_codes):
    result = read(rows)
    assert (result.layout.kinds, people(result), totals(result), codes(result)) == (kinds, expected_people, expected_totals, expected_codes)


@pytest.mark.parametrize(
    ("rows", "kinds", "expected_totals"),
    [
        # the header printed twice: the table starts under the second one (Excel row 3)
        pytest.param([H, H, [1, "甲公司", 10, "a"], ["合计", None, 10, None]], "HHRA", [(4, "合计", "10", 3, 3)],
                     id="the header repeated before any line"),
        # a header again with a 合计 right under it: a second table whose total stands at its top
        pytest.param([H, [1, "甲公司", 10, "a"], [2, "乙公司", 5, "b"], H, ["合计", None, 7, None], [1, "丙公司", 7, "c"]],
                     "HRRHAR", [(5, "合计", "7", 6, 6)], id="a repeated header with its own total right under it"),
        # the same header again with a recipient under it: a printed page break, one table
        pytest.param([H, [1, "甲公司", 10, "a"], [2, "乙公司", 5, "b"], H, [1, "丙公司", 7, "c"], ["合计", None, 22, None]],
                     "HRRHRA", [(6, "合计", "22", 2, 5)], id="a page break continues the table"),
        # a title line above it: a second table, its total covers its own lines only
        pytest.param([H, [1, "甲公司", 10, "a"], ["合计", None, 10, None], ["表二"], H, [1, "丙公司", 7, "c"], ["合计", None, 7, None]],
                     "HRATHRA", [(3, "合计", "10", 2, 2), (7, "合计", "7", 6, 6)], id="a titled second table"),
    ],
)
def test_the_header_again(rows, kinds, expected_totals):
    result = read(rows)
    assert (result.layout.kinds, totals(result), codes(result)) == (kinds, expected_totals, [])


def test_a_line_part_with_no_recipient_above_is_no_part():
    # "其中：…" right under the header splits no recipient's amount: a line without amount, rejected
    result = read([H, [None, "其中：中央资金", None, None], [1, "甲公司", 10, "a"]])
    assert (result.layout.kinds, people(result), codes(result)) == ("HXR", [("高新区", "甲公司", "10", 3)], [("amount-missing", "C2")])

