"""xlfund.sheet.summary: a sheet whose every line is a district or a kind of recipient sums up
the others; its lines become checks on the detail, never recipients."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import KNOWN, codes, read, rec

from xlfund.model import SheetLayout, SheetResult, StatedTotal
from xlfund.sheet.summary import make_summary, summary_lines


@pytest.mark.parametrize(
    ("names", "lines"),
    [
        (["高新区", "赫山区"], [("高新区", ""), ("赫山区", "")]),
        (["企业", "村（社区）"], [("", "企业"), ("", "村（社区）")]),
        (["高新区", "企业类"], [("高新区", ""), ("", "企业")]),
        (["高新区", "甲公司"], None),  # one recipient: no summary
        (["高新区电商协会"], None),  # a district and more is a recipient
        (["金湖村"], None),
    ],
)
def test_summary_lines(names, lines):
    result = SheetResult("汇总", records=[rec(n, 1, row=3 + i) for i, n in enumerate(names)])
    assert summary_lines(result, KNOWN) == lines


def test_a_summary_naming_the_city_in_front_of_each_district():
    result = read([["区县", "金额"], ["益阳市高新区", 10], ["益阳市赫山区", 20], ["合计", 30]], file="市.xlsx")
    assert summary_lines(result, KNOWN) == [("高新区", ""), ("赫山区", "")]


def test_a_sheet_without_lines_is_no_summary():
    assert summary_lines(SheetResult("汇总"), KNOWN) is None


SUMMARY = [["全市汇总表"], ["区县", "金额"], ["高新区", 10], ["赫山区", 20], ["企业", 5], ["合计", 35]]


def checks(result) -> list[tuple]:
    return [(t.row, t.col, t.label, str(t.amount), t.first_row, t.last_row, t.district, t.category, t.scope) for t in result.totals]


@pytest.mark.parametrize(("detail_in_file", "scope"), [(True, "file"), (False, "all")])
def test_a_summary_sheet_becomes_checks(detail_in_file, scope):
    result = read(SUMMARY, file="市.xlsx")
    lines = summary_lines(result, KNOWN)
    assert lines == [("高新区", ""), ("赫山区", ""), ("", "企业")]
    make_summary(result, lines, detail_in_file)
    assert checks(result) == [
        (3, 1, "汇总表中“高新区”", "10", 0, 0, "高新区", "", scope),
        (4, 1, "汇总表中“赫山区”", "20", 0, 0, "赫山区", "", scope),
        (5, 1, "汇总表中“企业”", "5", 0, 0, "", "企业", scope),
        (6, 1, "汇总表合计", "35", 0, 0, "", "", scope),  # the sheet's own 合计: now the total of the detail it sums up
    ]
    assert all(t.file == "市.xlsx" and t.sheet == "Sheet1" for t in result.totals)
    assert result.records == []
    assert (result.layout.kinds, result.layout.summary) == ("THMMMA", True)
    assert (result.counts.records, result.counts.totals, result.counts.header, result.counts.read) == (0, 4, 2, 6)
    assert codes(result) == [("district-invalid", "A5"), ("summary-sheet", "")]
    assert [(f.place.file, f.place.sheet) for f in result.findings if f.code == "summary-sheet"] == [("市.xlsx", "Sheet1")]


def test_the_sheets_undetermined_district_is_no_error_once_it_is_a_summary():
    # A list by name whose names are districts: no district for the sheet, said, until it is a summary.
    result = read([["单位名称", "金额"], ["高新区", 10], ["安化县", 20], ["合计", 30]], file="市.xlsx")
    assert ("district-undetermined", "") in codes(result)
    make_summary(result, summary_lines(result, KNOWN), True)
    assert codes(result) == [("summary-sheet", "")]
    assert [(t.row, t.label) for t in result.totals] == [(2, "汇总表中“高新区”"), (3, "汇总表中“安化县”"), (4, "汇总表合计")]


def test_the_checks_are_in_row_order_with_a_total_on_top():
    result = read([["区县", "金额"], ["合计", 30], ["高新区", 10], ["赫山区", 20]], file="市.xlsx")
    make_summary(result, summary_lines(result, KNOWN), False)
    assert [(t.row, t.label, t.amount) for t in result.totals] == [
        (2, "汇总表合计", Decimal(30)), (3, "汇总表中“高新区”", Decimal(10)), (4, "汇总表中“赫山区”", Decimal(20))]
    assert result.layout.kinds == "HAMM"


def test_a_summary_without_a_layout():
    result = SheetResult("汇总", records=[rec("高新区", 10, row=3)],
                         totals=[StatedTotal("a.xlsx", "汇总", 4, 2, "合计", Decimal(10), 3, 3)])
    make_summary(result, [("高新区", "")], True)
    assert (result.layout, result.records) == (None, [])
    assert [(t.label, t.scope) for t in result.totals] == [("汇总表中“高新区”", "file"), ("汇总表合计", "file")]


def test_a_summary_layout_counts_every_kind():
    result = SheetResult("汇总", records=[rec("高新区", 10, row=2), rec("赫山区", 5, row=3)], layout=SheetLayout(kinds="HRR"))
    make_summary(result, [("高新区", ""), ("赫山区", "")], True)
    assert (result.layout.kinds, result.counts.totals, result.counts.read) == ("HMM", 2, 3)


def test_one_line_per_record_or_nothing():
    result = SheetResult("汇总", records=[rec("高新区", 10, row=3), rec("赫山区", 5, row=4)])
    with pytest.raises(ValueError):
        make_summary(result, [("高新区", "")], True)
