"""xlfund.check.balance: every row with content has a kind, checked from the cells, not the kinds."""

from __future__ import annotations

import pytest

from xlfund.check.balance import account_for_rows, filled
from xlfund.findings import Place
from xlfund.model import SheetLayout, SheetResult, count_kinds


def test_a_row_left_blank_by_the_reader_is_named_and_counted_as_rejected():
    rows = [["单位名称", "金额"], ["甲公司", 1], [None, "  "], ["乙公司", 2], [None, None]]
    kinds = "HR___"  # a reader that never visited row 4
    result = SheetResult("Sheet1", counts=count_kinds(kinds), layout=SheetLayout(kinds=kinds))
    assert result.counts.balanced()  # the labels balance by construction: this is what the check is for
    findings = account_for_rows(rows, result, "a.xlsx")
    assert [(f.code, f.severity, f.cell, f.param("rows")) for f in findings] == [("rows-unaccounted", "错误", "第 4 行", "4")]
    assert (result.layout.kinds, result.counts.rejected, result.counts.blank) == ("HR_X_", 1, 2)


def test_rows_beyond_the_kinds_are_checked_too():
    result = SheetResult("S", layout=SheetLayout(kinds="H"))
    findings = account_for_rows([["单位名称", "金额"], ["甲", 1], ["乙", 2]], result, "a.xlsx")
    assert findings[0].param("count") == 2 and result.layout.kinds == "HXX"


def test_nothing_lost_nothing_said():
    result = SheetResult("S", layout=SheetLayout(kinds="HR_"))
    assert account_for_rows([["单位名称", "金额"], ["甲", 1], ["", None]], result, "a.xlsx") == []


def test_filled():
    assert not filled([None, "", " \u3000 ", None]) and filled([0]) and filled([None, "x"])


@pytest.mark.parametrize(
    ("lost", "shown"),
    [
        (1, "2"),
        (10, "2、3、4、5、6、7、8、9、10、11"),  # ten rows are all named
        (11, "2、3、4、5、6、7、8、9、10、11……"),  # more: the first ten, and more to come
    ],
)
def test_the_rows_lost_are_named_from_the_first(lost, shown):
    rows = [["单位名称", "金额"], *[["甲", 1]] * lost, ["乙", 2]]
    result = SheetResult("S", layout=SheetLayout(kinds="H" + "_" * lost + "R"))
    (found,) = account_for_rows(rows, result, "a.xlsx")
    assert (found.place, found.param("count"), found.param("rows")) == (Place("a.xlsx", "S", 2), lost, shown)


def test_a_sheet_without_a_layout_is_counted_from_its_rows():
    result = SheetResult("S")
    (found,) = account_for_rows([["甲", 1], [], ["乙", 2]], result, "a.xlsx")
    assert (found.cell, found.param("rows"), result.layout, result.counts.rejected, result.counts.blank) == ("第 1 行", "1、3", None, 2, 1)
