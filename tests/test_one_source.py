"""One source of truth (issue 16): the tolerance and each comparison, the 明细 columns, addresses
and quoted sheet names, and the explanation of how a sheet was read, each defined once."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
from conftest import ROOT, run, sheet_rows, workbook_values

from xlfund.write.detail_columns import DETAIL_COLUMNS, REMARK_COLUMN, column_index
from xlfund.write.formulas import COL_AMOUNT, COL_CATEGORY, COL_DISTRICT, COL_FILE, COL_NAME, COL_USE, DetailParts, sheet_cell, sheet_range

PACKAGE = ROOT / "xlfund"


def _sources(folder: str = "") -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in (PACKAGE / folder).rglob("*.py")}


def test_the_tolerance_is_written_once():
    """One 分 (0.000001 万元) is amounts.FEN_IN_WAN; rules.py rounds every difference to it."""
    found = [name for name, text in _sources().items() if re.search(r"0\.000001|0\.0000005|1e-0?6", text)]
    assert found == ["amounts.py"]


def test_addresses_and_sheet_names_come_from_one_place():
    """write/formulas.py builds every cross-sheet reference (quote_sheetname, xl_range_abs);
    address.py is gone, nothing else writes "sheet!$A$1" by hand."""
    assert not (PACKAGE / "address.py").exists()
    by_hand = [name for name, text in _sources("write").items() if name != "write/formulas.py" and re.search(r"\}!|!\$", text)]
    assert by_hand == []
    assert sheet_range("明细 2", COL_AMOUNT, 1, 9) == "'明细 2'!$D$2:$D$10"
    assert sheet_range("明细", COL_AMOUNT, 1, 9) == "明细!$D$2:$D$10"
    assert sheet_cell("O'Brien", 4, 1) == "'O''Brien'!$B$5"
    parts = DetailParts([("明细", 3), ("明细 2", 2)])
    assert parts.sum(COL_AMOUNT) == "SUM(明细!$D$2:$D$4)+SUM('明细 2'!$D$2:$D$3)"
    assert parts.sum_span(COL_AMOUNT, 2, 3) == "SUM(明细!$D$4)+SUM('明细 2'!$D$2)"


def test_the_detail_columns_are_one_table(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    formulas, values = workbook_values(out)
    header = sheet_rows(values, "明细")[0]
    assert header == tuple(column.header for column in DETAIL_COLUMNS)
    # The letters formulas use are where those headers are.
    named = {COL_DISTRICT: "区县", COL_NAME: "单位名称", COL_CATEGORY: "类别", COL_AMOUNT: "金额（万元）", COL_USE: "用途类别", COL_FILE: "来源文件"}
    assert {col: header[col] for col in named} == named
    assert column_index(REMARK_COLUMN.field) == len(DETAIL_COLUMNS)
    # Widths and the wrapping columns' format come from the table too.
    ws = formulas["明细"]
    purpose = ws.column_dimensions["E"]
    assert 20 <= purpose.width <= 61 and ws["E2"].alignment.wrap_text and ws["B2"].alignment.wrap_text


def test_check_explain_and_the_about_sheet_show_the_same_reading(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    terminal = run("check", str(sample), "--explain").stdout
    about = [str(c) for row in openpyxl.load_workbook(out)["说明"].iter_rows(values_only=True) for c in row if c]
    from xlfund.consolidate import consolidate
    from xlfund.report.readings import sheet_readings
    from xlfund.settings import load_settings

    readings = [r for r in sheet_readings(consolidate(sample, load_settings(sample, None))) if r.header]
    assert len(readings) == 4
    for reading in readings:
        described = "\n".join([*reading.columns, reading.unit, reading.district])
        assert described in about
        for line in described.split("\n"):
            assert line in terminal, line
