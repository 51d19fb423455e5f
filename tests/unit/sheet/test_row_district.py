"""xlfund.sheet.row_district: the district each line is booked to (its 区县 cell, its group
heading, the sheet's surroundings), with every disagreement said where it is."""

from __future__ import annotations

import pytest
from unitkit import KNOWN, people, read

from xlfund.sheet.district import UNDETERMINED
from xlfund.sheet.row_district import RowDistricts

CONFLICT = "区县来源不一致：分组行“{}”，文件名“高新区”；暂按分组行记为“{}”。请核对是否填错了表，把文件名、标题、填报单位或分组行中错的一处改正"


def test_a_group_naming_another_district_than_the_file_is_said_once_at_its_heading():
    rows = [["单位名称", "金额"], ["二、赫山区", None], ["甲公司", 2], ["乙公司", 3], ["三、资阳区", None], ["丙公司", 1],
            ["四、赫山区", None], ["丁公司", 1], ["一、高新区", None], ["戊公司", 1]]
    result = read(rows)  # the file is 高新区.xlsx
    assert people(result) == [("赫山区", "甲公司", "2", 3), ("赫山区", "乙公司", "3", 4), ("资阳区", "丙公司", "1", 6),
                              ("赫山区", "丁公司", "1", 8), ("高新区", "戊公司", "1", 10)]
    assert [r.district_source for r in result.records] == ["group"] * 5
    assert [(f.code, f.cell, f.message) for f in result.findings] == [
        ("district-conflict", "A2", CONFLICT.format("赫山区", "赫山区")),
        ("district-conflict", "A5", CONFLICT.format("资阳区", "资阳区")),
    ]


def test_a_group_in_a_file_that_names_no_district_is_no_conflict():
    result = read([["单位名称", "金额"], ["二、赫山区", None], ["甲公司", 2]], file="名单.xlsx")
    assert (people(result), result.findings) == ([("赫山区", "甲公司", "2", 3)], [])


class Found:
    def __init__(self):
        self.said = []

    def __call__(self, code, row=None, col=None, **params):
        self.said.append((code, row, col, params))


@pytest.mark.parametrize(
    ("found", "district", "source", "said"),
    [
        ([], UNDETERMINED, "none", []),
        ([("高新区", "file")], "高新区", "file", []),
        ([("高新区", "title"), ("益阳高新区", "file")], "高新区", "title", []),  # one place, written two ways
        ([("赫山区", "sheet"), ("高新区", "file")], "赫山区", "sheet",
         [("district-conflict", None, None, {"sources": "工作表名“赫山区”，文件名“高新区”", "taken": "赫山区", "source": "工作表名"})]),
    ],
)
def test_the_sheets_district(found, district, source, said):
    find = Found()
    districts = RowDistricts(found, KNOWN, find)
    assert (districts.district, districts.source, find.said) == (district, source, said)


def test_each_district_cell_text_is_checked_once():
    find = Found()
    districts = RowDistricts([("高新区", "file")], KNOWN, find)
    assert [districts.of_column(r, 0, text) for r, text in enumerate(["赫山区", "赫山区", "万元", "万元", "高新区", "益阳高新区"])] == [
        ("赫山区", "column"), ("赫山区", "column"), (UNDETERMINED, "column"), (UNDETERMINED, "column"), ("高新区", "column"),
        ("高新区", "column")]
    assert find.said == [("district-column-differs", 0, 0, {"district": "赫山区", "source": "文件名", "other": "高新区"}),
                         ("district-invalid", 2, 0, {"text": "万元"})]


def test_a_district_cell_differs_from_nothing_when_the_sheet_names_none():
    find = Found()
    districts = RowDistricts([], KNOWN, find)
    assert (districts.of_column(1, 0, "赫山区"), find.said) == (("赫山区", "column"), [])


def test_a_second_tables_title_decides_the_lines_below_it():
    find = Found()
    districts = RowDistricts([("高新区", "file")], KNOWN, find)
    districts.retitle("赫山区")
    assert (districts.district, districts.source) == ("赫山区", "title")
    assert districts.of_group("资阳区", 7, 1) == ("资阳区", "group")
    assert districts.of_group("资阳区", 9, 1) == ("资阳区", "group")
    assert districts.of_group("赫山区", 11, 1) == ("赫山区", "group")
    assert find.said == [("district-conflict", 7, 1, {"sources": "分组行“资阳区”，表头标题“赫山区”", "taken": "资阳区", "source": "分组行"})]
