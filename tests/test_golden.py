"""Golden dumps of the sheets whose layout matters: 汇总 and 评分表 of the sample.

Each cell's formula text, stored value and number format, read back with openpyxl, compared
with tests/expected/*.json. Regenerate on purpose only: XLFUND_REGOLD=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, run, workbook_values

EXPECTED = ROOT / "tests" / "expected"
VOLATILE = {("汇总", "A2")}  # the generation time


def dump(path: Path, sheet: str) -> dict[str, list]:
    formulas, values = workbook_values(path)
    cells = {}
    for row in formulas[sheet].iter_rows():
        for cell in row:
            if cell.value is None or (sheet, cell.coordinate) in VOLATILE:
                continue
            stored = values[sheet][cell.coordinate].value
            cells[cell.coordinate] = [cell.value, stored, cell.number_format]
    return cells


@pytest.mark.parametrize("sheet", ["汇总", "评分表"])
def test_sheet_matches_its_golden_dump(sample: Path, tmp_path: Path, sheet: str):
    out = tmp_path / "out.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    actual = dump(out, sheet)
    golden = EXPECTED / f"sample-{sheet}.json"
    if os.environ.get("XLFUND_REGOLD"):
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected
