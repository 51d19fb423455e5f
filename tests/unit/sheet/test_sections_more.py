"""xlfund.sheet.sections, more: a 合计 after several tables covers them all only when every one
of them was closed by its own 小计."""

from __future__ import annotations

from unitkit import codes, read, totals

H = ["序号", "单位名称", "金额", "资金用途"]


def test_a_total_after_a_table_without_its_subtotal_covers_only_the_last_table():
    rows = [["表一：赫山区分配表"], H, [1, "甲公司", 10, "a"], ["小计", None, 10, None],
            ["表二：资阳区分配表"], H, [1, "乙公司", 5, "b"],  # no 小计
            ["表三：安化县分配表"], H, [1, "丙公司", 7, "c"], ["合计", None, 7, None]]
    result = read(rows, file="市.xlsx")
    assert (result.layout.kinds, totals(result), codes(result)) == (
        "THRSTHRTHRA", [(4, "小计", "10", 3, 3), (11, "合计", "7", 10, 10)], [])
