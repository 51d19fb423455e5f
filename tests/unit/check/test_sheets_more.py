"""xlfund.check.sheets, more: no fund named in the settings and the sheets of one file naming
different funds (sheet-fund-unclear): the first sheet counts, every other one naming another
fund, or none, waits for the clerk."""

from __future__ import annotations

import pytest
from unitkit import rec

from xlfund.check.sheets import SheetFacts, same_fund, sheets_left_out
from xlfund.model import SheetResult

E = "2018年电子商务发展资金分配表"
J = "2018年家政服务业发展专项资金分配表"


def sheet(name: str, title: str, lines=(("甲公司", 10), ("乙公司", 5))) -> SheetFacts:
    records = [rec(n, wan, sheet=name, row=3 + i) for i, (n, wan) in enumerate(lines)]
    return SheetFacts(SheetResult(name, records=records), title, False)


def said(first: str, first_fund: str | None, other: str, other_fund: str | None) -> str:
    def one(name, fund):
        return f"“{name}”" + (f"写的是“{fund}”" if fund else "没有写明资金")
    return f"{one(first, first_fund)}、{one(other, other_fund)}"


def unclear(sheets, fund: str = "") -> list[tuple[int, str, str, str, int]]:
    return [(item.index, item.finding.code, item.finding.place.sheet, item.finding.param("said"), item.finding.param("count"))
            for item in sheets_left_out(sheets, "高新区.xlsx", fund, 2018)]


@pytest.mark.parametrize("fund", ["", "专项资金"])
def test_two_funds_without_a_fund_in_the_settings(fund):
    sheets = [sheet("电商", E), sheet("家政", J, [("丙公司", 1)])]
    assert unclear(sheets, fund) == [(1, "sheet-fund-unclear", "家政", said("电商", "电子商务发展资金", "家政", "家政服务业发展专项资金"), 1)]


def test_a_sheet_naming_no_fund_beside_one_that_does():
    sheets = [sheet("分配表", "分配表"), sheet("家政", J, [("丙公司", 1)])]
    assert unclear(sheets) == [(1, "sheet-fund-unclear", "家政", said("分配表", None, "家政", "家政服务业发展专项资金"), 1)]


def test_each_other_sheet_is_held_against_the_first():
    sheets = [sheet("电商", E), sheet("电商二批", "2018年电商发展资金分配表", [("丁公司", 2)]), sheet("家政", J, [("丙公司", 1)])]
    assert unclear(sheets) == [(2, "sheet-fund-unclear", "家政", said("电商", "电子商务发展资金", "家政", "家政服务业发展专项资金"), 1)]


def test_sheets_naming_one_fund_all_count():
    assert unclear([sheet("电商", E), sheet("电商二批", E, [("丙公司", 1)])]) == []


@pytest.mark.parametrize(
    ("named", "fund", "same"),
    [
        # 3 of the 5 characters left of the shorter (电商进农村) are the other's: 60 % is one fund
        ("电商进农村资金", "电商农产品上行资金", True),
        ("电子商务进农村资金", "电商农产品上行资金", True),
        # 2 of 4: another fund
        ("电商扶贫资金", "电商物流资金", False),
    ],
)
def test_same_fund_from_sixty_percent(named, fund, same):
    assert same_fund(named, fund) is same


def test_the_parts_of_one_allocation_name_no_fund_of_their_own():
    # "表一：…", "表二：…": parts of one table set, whatever fund words their titles hold
    sheets = [sheet("表一", "表一：电商企业扶持资金分配表"), sheet("表二", "表二：电商村级站点资金分配表", [("丙村", 1)])]
    assert unclear(sheets) == []
    assert unclear([sheet("表一", "表一：电商企业扶持资金分配表"), sheet("家政", J, [("丙公司", 1)])]) == [
        (1, "sheet-fund-unclear", "家政", said("表一", None, "家政", "家政服务业发展专项资金"), 1)]
