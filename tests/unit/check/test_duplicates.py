"""xlfund.check.duplicates: the same recipient listed more than once, however it was typed."""

from __future__ import annotations

import pytest
from unitkit import rec

from xlfund.check.duplicates import duplicate_findings, recipient_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("甲公司", "甲公司"),
        ("甲公司(益阳)", "甲公司（益阳）"),
        ("甲公司（益阳）", "甲公司（益阳）"),
        ("甲公司(益阳）", "甲公司（益阳）"),
        ("甲公司（益阳)", "甲公司（益阳）"),
        ("甲公司(", "甲公司（"),
        ("甲公司)", "甲公司）"),
        ("甲 公 司", "甲公司"),
        ("ＡＢＣ公司", "ABC公司"),
        ("ABC公司", "ABC公司"),
    ],
)
def test_recipient_key(name, key):
    assert recipient_key(name) == key


def test_a_plain_name_is_its_own_key():
    name = "".join(["甲", "公司"])
    assert recipient_key(name) is name


@pytest.mark.parametrize(
    "names",
    [
        ("益阳市甲贸易有限公司(赫山)", "益阳市甲贸易有限公司（赫山）"),  # half- and full-width brackets (issue 10)
        ("益阳市甲贸易有限公司（赫山）", "益阳市甲贸易有限公司(赫山)"),
        ("甲公司", "甲 公司"),
        ("ＡＢ公司", "AB公司"),
    ],
)
def test_the_same_firm_typed_two_ways_is_one_recipient(names):
    records = [rec(names[0], 3, row=4), rec(names[1], "2.5", row=9, district="赫山区")]
    findings = duplicate_findings(records)
    assert [(f.code, f.file, f.sheet, f.cell) for f in findings] == [("duplicate-recipient", "a.xlsx", "Sheet1", "C4")]
    assert findings[0].message == f"“{names[0]}”出现 2 次（合计 5.50 万元）：高新区 a.xlsx·Sheet1!C4；赫山区 a.xlsx·Sheet1!C9"


def test_different_firms_are_not_duplicates():
    assert duplicate_findings([rec("甲公司", 1), rec("乙公司", 1), rec("甲公司(分)", 1)]) == []
    assert duplicate_findings([]) == []


def test_one_finding_per_name_at_its_first_line():
    records = [rec("甲", 1, row=2), rec("乙", 2, row=3), rec("甲", 3, row=4), rec("乙", 4, row=5), rec("甲", 5, row=6)]
    findings = duplicate_findings(records)
    assert [f.message for f in findings] == [
        "“甲”出现 3 次（合计 9.00 万元）：高新区 a.xlsx·Sheet1!C2；高新区 a.xlsx·Sheet1!C4；高新区 a.xlsx·Sheet1!C6",
        "“乙”出现 2 次（合计 6.00 万元）：高新区 a.xlsx·Sheet1!C3；高新区 a.xlsx·Sheet1!C5",
    ]
    assert [f.cell for f in findings] == ["C2", "C3"]


@pytest.mark.parametrize(
    ("count", "tail"),
    [
        (5, ""),
        (6, "……等 6 处（全部见“明细”表，按单位名称筛选）"),
        (7, "……等 7 处（全部见“明细”表，按单位名称筛选）"),
    ],
)
def test_at_most_five_places_are_named(count, tail):
    records = [rec("甲", 1, row=r + 2, file="b.xlsx", sheet="表") for r in range(count)]
    (found,) = duplicate_findings(records)
    places = "；".join(f"高新区 b.xlsx·表!C{r + 2}" for r in range(5))
    assert found.message == f"“甲”出现 {count} 次（合计 {count}.00 万元）：{places}{tail}"
    assert (found.file, found.sheet, found.cell) == ("b.xlsx", "表", "C2")


def test_the_same_village_in_two_towns_is_two_villages():
    records = [rec("新村", 1, row=3, town="龙光桥镇"), rec("新村", 2, row=4, town="泥江口镇"), rec("新村", 3, row=5, town="龙光桥镇")]
    findings = duplicate_findings(records)
    assert [(f.code, f.cell, f.param("count")) for f in findings] == [("duplicate-recipient", "C3", 2)]


def test_a_town_column_is_read_into_each_record():
    from unitkit import read

    result = read([["乡镇", "村名称", "金额"], ["龙光桥镇", "新村", 1], ["泥江口镇", "新村", 2]])
    assert [(r.town, r.name) for r in result.records] == [("龙光桥镇", "新村"), ("泥江口镇", "新村")]
