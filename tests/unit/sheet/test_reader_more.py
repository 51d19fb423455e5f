"""xlfund.sheet.reader, more: lines splitting a recipient's amount whose names hold no word the
fast path stops at, and the recipients' lines left after a 合计 (lines-after-total)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import codes, read

H = ["序号", "单位名称", "金额", "资金用途"]


@pytest.mark.parametrize("part", ["中央补助", "省级补助", "市级配套", "县级奖补", "省财政补助"])
def test_a_line_part_named_without_a_money_word(part):
    # "中央补助 6" under a recipient's 10 is a part of its amount, not a recipient of its own
    result = read([H, [1, "甲公司", 10, "a"], [None, part, 6, None], [None, "市级补助", 4, None], [2, "乙公司", 5, "b"]])
    assert ([(r.name, str(r.amount)) for r in result.records], result.layout.kinds, codes(result)) == (
        [("甲公司", "10"), ("乙公司", "5")], "HRBBR", [])


def after_total(result) -> list[tuple[str, str, int, str, Decimal]]:
    return [(f.code, f.cell, f.param("count"), f.param("rows"), f.param("amount")) for f in result.findings if f.code == "lines-after-total"]


@pytest.mark.parametrize(
    ("count", "rows"),
    [(1, "4"), (10, "4、5、6、7、8、9、10、11、12、13"), (11, "4、5、6、7、8、9、10、11、12、13……")],
)
def test_lines_after_a_total_are_listed_up_to_ten(count, rows):
    lines = [[i, f"单位{i}", 1, "a"] for i in range(count)]
    result = read([H, [1, "甲公司", 10, "a"], ["合计", None, 10, None], *lines])
    assert after_total(result) == [("lines-after-total", "B4", count, rows, Decimal(count))]


@pytest.mark.parametrize("second", [H, ["序号", "企业名称", "补助资金", "备注"]], ids=["the header repeated", "a header of its own"])
def test_lines_after_a_total_stop_at_the_next_tables_header(second):
    result = read([H, [1, "甲公司", 10, "a"], ["合计", None, 10, None], [2, "乙公司", 5, "b"], second, [1, "丙公司", 7, "c"],
                   [2, "丁公司", 3, "d"]])
    assert result.layout.kinds == "HRARHRR"
    assert after_total(result) == [("lines-after-total", "B4", 1, "4", Decimal(5))]


@pytest.mark.parametrize("second", [H, ["序号", "企业名称", "补助资金", "备注"]], ids=["the header repeated", "a header of its own"])
def test_the_next_tables_lines_below_its_first_are_not_after_the_total(second):
    # what holds with the bug above as without it: row 4 is listed, the next table's second line (row 7) is not
    result = read([H, [1, "甲公司", 10, "a"], ["合计", None, 10, None], [2, "乙公司", 5, "b"], second, [1, "丙公司", 7, "c"],
                   [2, "丁公司", 3, "d"]])
    [(code, cell, _count, rows, _amount)] = after_total(result)
    assert (code, cell, rows.split("、")[0], "7" in rows.split("、")) == ("lines-after-total", "B4", "4", False)
