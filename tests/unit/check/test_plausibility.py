"""xlfund.check.plausibility: amounts that cannot be right for their unit, and empty 资金用途."""

from __future__ import annotations

from decimal import Decimal

import pytest
from unitkit import rec

from xlfund.check.plausibility import amount_findings, empty_purpose_findings


def sheet(*amounts, sheet_name: str = "Sheet1", file: str = "a.xlsx"):
    return [rec(f"单位{i}", a, row=i + 3, file=file, sheet=sheet_name) for i, a in enumerate(amounts)]


def found(findings):
    return [(f.code, f.file, f.sheet, f.cell, f.message) for f in findings]


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        # exactly 100 times the median: an outlier (the factor is inclusive)
        # a large honest grant beside small ones (100 × the median, under 1,000 万元) is no slip
        ((1, 1, 100), []),
        ((1, 1, 999), []),
        ((20, 20, "1999.99"), []),
        ((20, 20, 2000), [("amount-outlier", "C5", "“单位2”的金额 2,000.00 万元是本表中位数 20.00 万元的 100 倍，疑似按元填写（应为 0.20 万元？），请核对")]),
        # three lines at least for a median to mean anything
        ((1, 1000), []),
        ((1, 1, 1000), [("amount-outlier", "C5", "“单位2”的金额 1,000.00 万元是本表中位数 1.00 万元的 1000 倍，疑似按元填写（应为 0.10 万元？），请核对")]),
        # 0.125 shows as 0.13: 四舍五入, as Excel shows it
        ((3, 1, 1, 1250, 1), [("amount-outlier", "C6", "“单位3”的金额 1,250.00 万元是本表中位数 1.00 万元的 1250 倍，疑似按元填写（应为 0.13 万元？），请核对")]),
        ((1000, 1000, 1_200_000), [("amount-outlier", "C5", "“单位2”的金额 1,200,000.00 万元是本表中位数 1,000.00 万元的 1200 倍，疑似按元填写（应为 120.00 万元？），请核对")]),
        # a median of 0 (never a real list, but no division by zero)
        ((0, 0, 0), []),
        ((0, 0, 5), []),
        ((0, 0, 1000), []),
        # a median under 100 元: 万元 typed under a 元 header; said once, at the sheet's first line
        (("0.005", "0.005", "0.005"), [("amount-sheet-in-wan", "C3", "本表金额的中位数只有 0.005 万元（每个单位不到 100 元），疑似表头写“元”而金额按万元填写（应为 50.00 万元左右？）。请核对金额单位")]),
        (("0.0099", "0.0099", "0.0099"), [("amount-sheet-in-wan", "C3", "本表金额的中位数只有 0.0099 万元（每个单位不到 100 元），疑似表头写“元”而金额按万元填写（应为 99.00 万元左右？）。请核对金额单位")]),
        (("0.001", "0.001", "0.001", 1000), [("amount-sheet-in-wan", "C3", "本表金额的中位数只有 0.001 万元（每个单位不到 100 元），疑似表头写“元”而金额按万元填写（应为 10.00 万元左右？）。请核对金额单位")]),
        (("0.01", "0.01", "0.01"), []),  # exactly 100 元
        # a median of 1 亿元 (10000 万元) or more: the whole sheet is in 元
        ((10000, 10000, 10000), [("amount-sheet-in-yuan", "C3", "本表金额的中位数为 10,000.00 万元（每个单位超过 1 亿元），疑似整表按元填写（应为 1.00 万元左右？）。请核对金额单位，在表头写明“金额（元）”或改为万元")]),
        (("9999.99", "9999.99", "9999.99"), []),
        ((9999, 9999, 9999), []),
        ((1, 25_000_000, 25_000_000), [("amount-sheet-in-yuan", "C3", "本表金额的中位数为 25,000,000.00 万元（每个单位超过 1 亿元），疑似整表按元填写（应为 2,500.00 万元左右？）。请核对金额单位，在表头写明“金额（元）”或改为万元")]),
    ],
)
def test_outliers_and_sheets_in_yuan_under_a_large_cap(amounts, expected):
    findings = amount_findings(sheet(*amounts), Decimal(10**8))
    assert [(code, cell, message) for code, _f, _s, cell, message in found(findings)] == expected


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        # with no cap nothing bounds a line: over 1,000 万元 is looked at (exactly 1,000 is not over)
        ((1000,), []),
        ((5, 5, 1000), [("amount-outlier", "C5", "“单位2”的金额 1,000.00 万元是本表中位数 5.00 万元的 200 倍，疑似按元填写（应为 0.10 万元？），请核对")]),
        (("1000.01",), [("amount-over-limit-line", "C3", "“单位0”的金额 1,000.01 万元超过 1000 万元，疑似按元填写（应为 0.10 万元？）。请核对；金额无误时，在设置文件中写明资金上限 cap，即按上限检查")]),
        ((20, 20, 2000), [("amount-over-limit-line", "C5", "“单位2”的金额 2,000.00 万元超过 1000 万元，疑似按元填写（应为 0.20 万元？）。请核对；金额无误时，在设置文件中写明资金上限 cap，即按上限检查")]),
        # a folder in 元 with no unit written anywhere: the typical line over 1,000 万元, said once
        ((5000, 8000, 3000), [("amount-sheet-large-no-cap", "C3", "本表金额的中位数为 5,000.00 万元（每个单位超过 1000 万元），而设置文件中没有资金上限，无法核对，疑似按元填写（应为 0.50 万元左右？）。如按元填写，请在表头写明“金额（元）”；金额无误时，在设置文件中写明资金上限 cap")]),
        ((1000, 1000, 1000), []),
        # over 1 亿元 typical: the whole sheet in 元, with or without a cap
        ((10000, 10000, 10000), [("amount-sheet-in-yuan", "C3", "本表金额的中位数为 10,000.00 万元（每个单位超过 1 亿元），疑似整表按元填写（应为 1.00 万元左右？）。请核对金额单位，在表头写明“金额（元）”或改为万元")]),
        ((25_000_000, 25_000_000), [  # too few lines for a median; several over the limit: said once, with the rows
            ("amount-over-limit-lines", "C3", "本表有 2 个单位的金额超过 1000 万元（第 3、4 行，最大 25,000,000.00 万元），疑似按元填写。请核对；金额无误时，在设置文件中写明资金上限 cap，即按上限检查")]),
    ],
)
def test_without_a_cap(amounts, expected):
    assert [(code, cell, message) for code, _f, _s, cell, message in found(amount_findings(sheet(*amounts), None))] == expected


@pytest.mark.parametrize(
    ("amounts", "cap", "expected"),
    [
        # 8 元 typed as 8 among lines in 元 (read 0.0008 万元 beside 5–12 万元): under 100 元, with or without a median
        ((5, "0.0008", 12, 6), None, [("amount-tiny", "C4")]),
        ((5, "0.0008"), "500", [("amount-tiny", "C4")]),
        (("0.0099",), "500", [("amount-tiny", "C3")]),
        (("0.01",), "500", []),  # 100 元 exactly
        # 3,000 元 typed as 0.3 beside lines of 500 万元: a thousand times below the median
        ((500, "0.3", 600), "10000", [("amount-outlier-small", "C4")]),
        ((500, "0.6", 600), "10000", []),
        ((5, 0, 5), "500", []),  # a zero is said elsewhere, if anywhere
        (("0.5", "0.01", 3, "0.5"), "500", []),  # a small grant beside others, not a thousandth of the median
    ],
)
def test_a_line_far_below_its_sheet(amounts, cap, expected):
    findings = amount_findings(sheet(*amounts), Decimal(cap) if cap else None)
    assert [(f.code, f.cell) for f in findings] == expected
    assert all(f.severity == "错误" for f in findings)


@pytest.mark.parametrize(
    ("amounts", "cap", "expected"),
    [
        ((100,), "100", []),  # exactly the cap: not over it
        (("100.01",), "100", ["“单位0”的金额 100.01 万元超过整个资金上限 100.00 万元，疑似按元填写（应为 0.01 万元？）"]),
        ((1_200_000,), "1000", ["“单位0”的金额 1,200,000.00 万元超过整个资金上限 1,000.00 万元，疑似按元填写（应为 120.00 万元？）"]),
        ((5, 1_200_000), "1000", ["“单位1”的金额 1,200,000.00 万元超过整个资金上限 1,000.00 万元，疑似按元填写（应为 120.00 万元？）"]),
    ],
)
def test_lines_over_the_cap(amounts, cap, expected):
    findings = amount_findings(sheet(*amounts), Decimal(cap))
    assert [f.message for f in findings] == expected
    assert {f.code for f in findings} <= {"amount-over-cap-line"}


def test_a_line_over_the_cap_is_not_also_an_outlier():
    findings = amount_findings(sheet(1, 1, 500), Decimal(400))
    assert [(f.code, f.cell) for f in findings] == [("amount-over-cap-line", "C5")]


def test_a_sheet_in_yuan_is_one_finding_not_one_per_line():
    findings = amount_findings(sheet(10000, 20000, 30000), Decimal(5000))
    assert [(f.code, f.cell) for f in findings] == [("amount-sheet-in-yuan", "C3")]


def test_an_outlier_under_the_cap_is_still_an_outlier():
    findings = amount_findings(sheet(1, 1, 1500), Decimal(2000))
    assert [(f.code, f.cell) for f in findings] == [("amount-outlier", "C5")]


def test_each_sheet_has_its_own_median():
    records = sheet(1, 1, 1, sheet_name="甲") + sheet(300, 300, 300, sheet_name="乙")
    assert amount_findings(records, None) == []
    records = sheet(1, 1, 1, sheet_name="甲") + sheet(1, 1, 3000, sheet_name="乙")
    assert [(f.code, f.sheet, f.cell) for f in amount_findings(records, Decimal(5000))] == [("amount-outlier", "乙", "C5")]


def test_no_records_no_findings():
    assert amount_findings([], Decimal(1)) == []
    assert empty_purpose_findings([], {("a.xlsx", "Sheet1")}) == []


# ---------------------------------------------------------------- 资金用途 left empty


def with_purposes(*purposes, sheet_name="Sheet1"):
    return [rec(f"单位{i}", 1, row=i + 3, purpose=p, sheet=sheet_name) for i, p in enumerate(purposes)]


@pytest.mark.parametrize(
    ("purposes", "expected"),
    [
        (("运营", "推广"), []),
        (("运营", "", "  "), [("C4", "有 2 个单位的资金用途为空（第 4、5 行），请补填")]),
        (("",) * 5, [("C3", "有 5 个单位的资金用途为空（第 3、4、5、6、7 行），请补填")]),
        (("",) * 6, [("C3", "有 6 个单位的资金用途为空（第 3、4、5、6、7…… 行），请补填")]),
    ],
)
def test_empty_purposes_one_warning_per_sheet(purposes, expected):
    findings = empty_purpose_findings(with_purposes(*purposes), {("a.xlsx", "Sheet1")})
    assert [(f.cell, f.message) for f in findings] == expected
    assert all(f.code == "purpose-missing" for f in findings)


def test_empty_purposes_only_on_sheets_with_the_column():
    records = with_purposes("", sheet_name="甲") + with_purposes("", "", sheet_name="乙")
    findings = empty_purpose_findings(records, {("a.xlsx", "乙")})
    assert [(f.sheet, f.cell, f.message) for f in findings] == [("乙", "C3", "有 2 个单位的资金用途为空（第 3、4 行），请补填")]


def test_a_tiny_amount_is_shown_to_its_own_places():
    (found,) = amount_findings(sheet(5, "0.0008", 12, 6), None)
    assert found.message == "“单位1”的金额 0.0008 万元（8.00 元）不到 100 元，疑似单位填错（按万元填在元栏中？应为 8.00 万元？），请核对"
    (found,) = amount_findings(sheet(500, "0.3", 600), Decimal(10000))
    assert found.message.startswith("“单位1”的金额 0.30 万元不到本表中位数 500.00 万元的千分之一")
