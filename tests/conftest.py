"""Shared helpers: build input workbooks, run the CLI, read the output back."""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from xlfund.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
# tests/unit is one folder per stage (base, sheet, check, round); their shared builders live in
# tests/unit/unitkit.py. Appended, not prepended: `conftest` and the other helpers here stay first.
sys.path.append(str(Path(__file__).resolve().parent / "unit"))
SAMPLE = ROOT / "workbooks"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the shipped sample folder (inputs are never touched in place)."""
    folder = tmp_path / "workbooks"
    shutil.copytree(SAMPLE, folder)
    return folder


def run(*args: str, cwd: Path | None = None):
    """Run the CLI as the clerk would; returns click's Result (stdout and stderr apart)."""
    runner = CliRunner()
    with contextlib.chdir(cwd or Path.cwd()):
        return runner.invoke(main, list(args), catch_exceptions=False)


def run_json(*args: str) -> tuple[int, dict]:
    result = run(*args, "--json")
    return result.exit_code, json.loads(result.stdout)


def make_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1", merges: tuple[str, ...] = (), extra: dict | None = None) -> Path:
    """A workbook with one sheet of `rows` (None for empty cells), optional merges and more sheets."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    _fill(ws, rows)
    for merged in merges:
        ws.merge_cells(merged)
    for name, more in (extra or {}).items():
        other = book.create_sheet(name)
        _fill(other, more)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _fill(ws, rows: list[list[object]]) -> None:
    for row in rows:
        ws.append(row)
    # Text that looks like a formula is still text in the district's file.
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"


def settings_file(folder: Path, text: str) -> None:
    (folder / "xlfund.toml").write_text(text, encoding="utf-8")


def simple_sheet(district: str, items: list[tuple[str, object]], total: object | None = None) -> list[list[object]]:
    rows: list[list[object]] = [[f"{district}电子商务资金分配表"], ["序号", "企业名称", "金额（万元）", "资金用途"]]
    for i, (name, amount) in enumerate(items, start=1):
        rows.append([i, name, amount, "平台运营"])
    if total is not None:
        rows.append(["合计", None, total, None])
    return rows


def workbook_values(path: Path) -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    """The output read twice: formulas, then the values stored with them."""
    return openpyxl.load_workbook(path), openpyxl.load_workbook(path, data_only=True)


def sheet_rows(book: openpyxl.Workbook, sheet: str) -> list[tuple]:
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


def find_row(book: openpyxl.Workbook, sheet: str, first: str) -> tuple:
    for row in book[sheet].iter_rows(values_only=True):
        if row and row[0] == first:
            return row
    raise AssertionError(f"no row starting with {first!r} in {sheet}")
