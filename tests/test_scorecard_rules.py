"""Each scoring rule's Decimal value equals what its Excel formula computes, on a table of
inputs: every formula is written with the Python value stored, one workbook, recalculated by
LibreOffice in one batch."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from libreoffice import convert, error_cells, formula_mismatches, soffice

from xlfund.scorecard import rules

D = Decimal

# (points, actual, planned) for points × MIN(1, actual ÷ planned)
CAPPED = [(D(3), D(490), D(490)), (D(5), D(59), D(60)), (D(5), D(61), D(60)), (D(3), D(0), D(7)),
          (D("2.5"), D("1.005"), D(1)), (D(5), D(1), D(3)), (D(3), D("123.456789"), D("500.5"))]
# (points, actual, target, negative)
TARGETS = [
    (D(20), D(59), D(59), False), (D(20), D(59), D(70), False), (D(20), D(13), D(12), False), (D(10), D(0), D(5), False),
    (D(10), D("0.9"), D(0), False), (D(10), D(-1), D(0), False), (D(10), D("490") / D(59), D(5), True),
    (D(10), D(4), D(5), True), (D(10), D(0), D(5), True), (D(10), D(5), D(5), True), (D("22.23"), D(7), D(9), False),
    (D(10), D("0.95"), D("0.9"), False), (D(10), D("0.875"), D("0.9"), False), (D(10), D(-2), D(-5), True),
]
# (spent, budget, points) for 执行率 and 10 × MIN(执行率, 1)
FUNDS = [(D(490), D(490), D(10)), (D(441), D(490), D(10)), (D(500), D(490), D(10)), (D(0), D(490), D(10)),
         (D(490), None, D(10)), (D(490), D(0), D(10)), (D("32.5"), D(40), D("11.11"))]
# (total, blank scores) for the grade
GRADES = [(D(97), 0), (D(90), 0), (D("89.99"), 0), (D(80), 0), (D("79.99"), 0), (D(60), 0), (D("59.99"), 0),
          (D(0), 0), (D(95), 1), (D(30), 3)]


def _num(value: Decimal | None):
    return "" if value is None else float(value)


def _build(path: Path) -> int:
    """One row per case: its inputs in A–D, the formula in E with the Python value stored."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("规则")
    r = 0
    for points, actual, planned in CAPPED:
        ws.write_row(r, 0, [float(points), float(actual), float(planned)])
        ws.write_formula(r, 4, "=" + rules.capped_ratio_formula(f"A{r + 1}", f"B{r + 1}", f"C{r + 1}"),
                         None, _num(rules.capped_ratio(points, actual, planned)))
        r += 1
    for points, actual, target, negative in TARGETS:
        ws.write_row(r, 0, [float(points), float(actual)])
        ws.write_formula(r, 4, "=" + rules.target_score_formula(f"A{r + 1}", f"B{r + 1}", target, negative),
                         None, _num(rules.target_score(points, actual, target, negative)))
        r += 1
    for spent, budget, points in FUNDS:
        ws.write_row(r, 0, [float(spent), _num(budget), float(points)])
        rate = rules.execution_rate(spent, budget)
        ws.write_formula(r, 3, "=" + rules.execution_rate_formula(f"A{r + 1}", f"B{r + 1}"), None, _num(rate))
        ws.write_formula(r, 4, "=" + rules.execution_score_formula(f"C{r + 1}", f"D{r + 1}"), None,
                         _num(rules.execution_score(points, rate)))
        r += 1
    for total, blanks in GRADES:
        ws.write_number(r, 0, float(total))
        for c in range(1, 4):  # three score cells, the first `blanks` of them blank
            if c > blanks:
                ws.write_number(r, c, 1)
        ws.write_formula(r, 4, "=" + rules.grade_formula(f"A{r + 1}", [f"B{r + 1}:D{r + 1}"], prefix="等级："),
                         None, rules.grade_text(total, blanks, "等级："))
        r += 1
    book.close()
    return r


def test_the_python_values_are_what_the_rules_say():
    assert rules.capped_ratio(D(5), D(59), D(60)) == D("4.92") and rules.capped_ratio(D(5), D(1), None) is None
    assert rules.target_score(D(20), D(59), D(70), False) == D("16.86")
    assert rules.target_score(D(10), D(490) / D(59), D(5), True) == D("6.02")
    assert rules.execution_score(D(10), rules.execution_rate(D(441), D(490))) == D(9)
    assert [rules.grade(t) for t in (D(90), D("89.99"), D(80), D("79.99"), D(60), D("59.99"))] == ["优", "良", "良", "中", "中", "差"]
    assert rules.grade(D(97), blank_scores=1) is None


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_every_rule_formula_recalculates_to_its_python_value(tmp_path: Path):
    path = tmp_path / "rules.xlsx"
    cases = _build(path)
    assert cases == len(CAPPED) + len(TARGETS) + len(FUNDS) + len(GRADES)
    recalculated = convert(path, tmp_path / "recalc", "xlsx")
    assert formula_mismatches(path, recalculated) == []
    assert error_cells(recalculated) == []


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_the_agreement_check_catches_a_rule_that_drifts(tmp_path: Path, monkeypatch):
    """A formula that rounds differently from its Python value is caught."""
    monkeypatch.setattr(rules, "capped_ratio_formula", lambda p, a, planned: f"ROUNDDOWN({p}*MIN(1,{a}/{planned}),1)")
    path = tmp_path / "rules.xlsx"
    _build(path)
    assert formula_mismatches(path, convert(path, tmp_path / "recalc", "xlsx"))
