"""Each comparison exists twice, as Python (the terminal, --json, the stored results) and as an
Excel formula (对账, 汇总's colours): one table of inputs, both answers, held equal."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from libreoffice import convert, soffice

from xlfund.model import Check, CheckKind
from xlfund.rules import AT_LEAST, AT_MOST, EQUAL, RULES

# (expected, the parts whose SUM is the actual): amounts in 万元, exact to the 分 as xlfund keeps them.
TABLE = [
    ("12", ["12"]),
    ("12", ["12.000001"]),  # one 分 over: a difference, though 12.000001 - 12 is 9.99999997e-07 in doubles
    ("12.000001", ["12"]),  # one 分 under
    ("0.3", ["0.1", "0.2"]),  # 0.1 + 0.2 - 0.3 is 5.55e-17 in doubles: no difference
    ("1", ["0.01"] * 100),
    ("1", ["0.1"] * 10),
    ("490", ["204", "177", "69", "40"]),
    ("500", ["500.000001"]),  # over the cap by one 分
    ("500", ["499.999999"]),
    ("123456789.123456", ["123456789.123455"]),
    ("123456789.123455", ["100000000", "23456789.123455"]),
    ("123456789.123455", ["100000000", "23456789.123456"]),
    ("0", ["0.000001"]),
    ("12", ["13"]),  # a target exceeded
    ("13", ["12"]),
]


def python_answers() -> list[list[bool]]:
    return [[rule.passes(Decimal(expected), sum((Decimal(p) for p in parts), Decimal(0))) for rule in RULES] for expected, parts in TABLE]


def test_each_check_kind_compares_with_its_rule():
    cases = {CheckKind.CAP: AT_MOST, CheckKind.TARGET: AT_LEAST, CheckKind.PLAN: EQUAL, CheckKind.QUOTA: EQUAL, CheckKind.STATED: EQUAL}
    for kind, rule in cases.items():
        assert Check(kind, "", Decimal(12), Decimal(13)).rule is rule
    # A target met is met when exceeded (受助单位 13 against a target of 12), a cap is not.
    assert Check(CheckKind.TARGET, "", Decimal(12), Decimal(13)).passed
    assert not Check(CheckKind.TARGET, "", Decimal(13), Decimal(12)).passed
    assert not Check(CheckKind.CAP, "", Decimal("500"), Decimal("500.000001")).passed
    assert Check(CheckKind.CAP, "", Decimal("500"), Decimal("500")).passed
    assert not Check(CheckKind.PLAN, "", Decimal("490"), Decimal("490.000001")).passed


def test_the_python_answers_are_the_expected_ones():
    """Spelled out, so a change to the rule itself shows here first (EQUAL, AT_MOST, AT_LEAST)."""
    assert python_answers() == [
        [True, True, True], [False, False, True], [False, True, False], [True, True, True], [True, True, True],
        [True, True, True], [True, True, True], [False, False, True], [False, True, False], [False, True, False],
        [True, True, True], [False, False, True], [False, False, True], [False, False, True], [False, True, False],
    ]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
def test_libreoffice_answers_each_formula_as_python_does(tmp_path: Path):
    # A: expected, B: actual (SUM of the parts), C: difference, D–F: each rule's result, parts from column K.
    PARTS = 10
    path = tmp_path / "rules.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("规则")
    widest = max(len(parts) for _expected, parts in TABLE)
    for r, (expected, parts) in enumerate(TABLE):
        ws.write_number(r, 0, float(expected))
        for c, part in enumerate(parts):
            ws.write_number(r, PARTS + c, float(part))
        ws.write_formula(r, 1, f"=SUM({xlsxwriter.utility.xl_range(r, PARTS, r, PARTS + widest - 1)})")  # the actual, in doubles
        ws.write_formula(r, 2, f"=B{r + 1}-A{r + 1}")  # the difference, as 对账 column E
        for k, rule in enumerate(RULES):
            ws.write_formula(r, 3 + k, rule.result_formula(f"C{r + 1}"))
    book.close()
    recalculated = openpyxl.load_workbook(convert(path, tmp_path / "lo", "xlsx"), data_only=True)["规则"]
    theirs = [[recalculated.cell(r + 1, 4 + k).value == rule.passed_word for k, rule in enumerate(RULES)] for r in range(len(TABLE))]
    assert theirs == python_answers()
    # Nothing came back empty or as an error: each cell held one of the rule's two words.
    words = {w for rule in RULES for w in (rule.passed_word, rule.failed_word)}
    assert {recalculated.cell(r + 1, 4 + k).value for r in range(len(TABLE)) for k in range(len(RULES))} <= words
