"""Golden dumps of the sheets whose layout matters: 汇总, 对账 and 评分表 of the sample.

Each cell's formula text, stored value and number format, read back with openpyxl, compared
with tests/expected/*.json. Regenerate on purpose only, as its own step: python scripts/regold.py
(it refuses to run under pytest, where a golden written by its own test could never fail).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from golden import ROOT, SHEETS, dump, golden_file, sample_output


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    return sample_output(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheet_matches_its_golden_dump(output: Path, sheet: str):
    expected = json.loads(golden_file(sheet).read_text(encoding="utf-8"))
    assert dump(output, sheet) == expected


def test_the_reconciliation_golden_holds_its_rules_formulas():
    """The 对账 dump is no empty shell: each check's formulas and results are in it."""
    golden = json.loads(golden_file("对账").read_text(encoding="utf-8"))
    results = [cell for ref, cell in golden.items() if ref.startswith("F") and ref != "F1"]
    assert len(results) == 11 and {value for _formula, value, _fmt in results} == {"通过", "一致", "达到"}
    # Each difference compared to the 分; a stated total typed to the 元 (the sample's 元 sheets)
    # is also met at its own precision.
    assert all(formula.startswith(("=IF(ROUND(E", "=IF(OR(ROUND(E")) for formula, _value, _fmt in results)
    assert sum(formula.startswith("=IF(OR(") for formula, _value, _fmt in results) == 2


def test_regold_refuses_to_run_under_pytest():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "regold.py")], capture_output=True, text=True,
                          env={**os.environ, "PYTEST_CURRENT_TEST": "tests/test_golden.py"}, timeout=60)
    assert done.returncode == 2
    assert "pytest" in done.stderr
    assert all(golden_file(sheet).exists() for sheet in SHEETS)
