"""Golden dumps of the sample output's sheets whose layout matters: 汇总, 对账 and 评分表.

Each cell's formula text, stored value and number format, read back with openpyxl. The test
(test_golden.py) compares; scripts/regold.py alone writes them, on purpose, outside pytest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from xlfund.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "tests" / "expected"
SHEETS = ("汇总", "对账", "评分表")
VOLATILE = {("汇总", "A2")}  # the generation time


def golden_file(sheet: str) -> Path:
    return EXPECTED / f"sample-{sheet}.json"


def sample_output(work: Path) -> Path:
    """The shipped sample consolidated into `work` (a copy of the inputs; nothing else touched)."""
    folder = work / "workbooks"
    shutil.copytree(ROOT / "workbooks", folder)
    out = work / "out.xlsx"
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def dump(path: Path, sheet: str) -> dict[str, list]:
    formulas, values = openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)
    cells = {}
    for row in formulas[sheet].iter_rows():
        for cell in row:
            if cell.value is None or (sheet, cell.coordinate) in VOLATILE:
                continue
            cells[cell.coordinate] = [cell.value, values[sheet][cell.coordinate].value, cell.number_format]
    return cells
