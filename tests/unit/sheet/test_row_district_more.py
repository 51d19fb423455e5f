"""xlfund.sheet.row_district, more: empty 区县 cells in a city's list, said at the first of them
with up to ten rows listed."""

from __future__ import annotations

import pytest
from unitkit import read

H = ["序号", "区县", "单位名称", "金额"]


@pytest.mark.parametrize(
    ("blank", "rows"),
    [(1, "4"), (10, "4、5、6、7、8、9、10、11、12、13"), (11, "4、5、6、7、8、9、10、11、12、13……")],
)
def test_blank_district_cells_beside_named_ones(blank, rows):
    lines = [[1, "赫山区", "甲公司", 1], [2, "资阳区", "乙公司", 1]] + [[i + 3, None, f"单位{i}", 1] for i in range(blank)]
    result = read([H, *lines], file="益阳市.xlsx")
    said = [(f.cell, f.param("rows"), f.param("count"), f.param("named"), f.param("taken")) for f in result.findings if f.code == "district-cell-blank"]
    assert said == [("B4", rows, blank, "资阳区、赫山区", "（未识别区县）")]  # sorted as Python sorts them
