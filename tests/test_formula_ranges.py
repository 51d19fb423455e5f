"""No formula of the output refers to its own cell or to an inverted range, whatever was read:
the sample, nothing counted at all (no district), districts with no record, recipients of no
known kind and no purpose groups, a detail split over several sheets."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import make_xlsx, run, settings_file, simple_sheet, workbook_values
from formula_ranges import range_problems, references


def test_the_checker_finds_a_sum_over_its_own_cell_and_an_inverted_range(tmp_path: Path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "汇总"
    ws["B14"] = "=SUM(B14:B14)"  # the 合计 of a table with no line
    ws["C14"] = "=SUM(C15:C14)"
    ws["D14"] = "=SUM(明细!$D$2:$D$60)+'汇总'!$D$14"
    ws["E14"] = "=SUM(E:E)"
    ws["F14"] = "=SUM(F2:F13)+'明细 2'!F14"  # a cell of the same address on another sheet is fine
    path = tmp_path / "bad.xlsx"
    book.save(path)
    assert range_problems(path) == [
        "汇总!B14 =SUM(B14:B14): refers to its own cell",
        "汇总!C14 =SUM(C15:C14): inverted range",
        "汇总!D14 =SUM(明细!$D$2:$D$60)+'汇总'!$D$14: refers to its own cell",
        "汇总!E14 =SUM(E:E): refers to its own cell",
    ]
    assert [r.sheet for r in references("=SUM('明细 2'!$A$2:$A$9,明细!A1)")] == ["明细 2", "明细"]


def _sample(folder: Path) -> Path:
    import shutil

    from conftest import SAMPLE

    shutil.copytree(SAMPLE, folder)
    return folder


def _nothing_counted(folder: Path) -> Path:
    """A file read, but no line counted (names without amounts): no district at all."""
    make_xlsx(folder / "表.xlsx", [["序号", "单位名称", "金额（万元）", "资金用途"], [1, "甲公司", None, "平台"], [2, "乙公司", None, "物流"]])
    return folder


def _districts_without_records(folder: Path) -> Path:
    _nothing_counted(folder)
    settings_file(folder, '[fund]\nname = "测试资金"\nyear = 2024\ncap = 100\nplan = 100\ntarget_recipients = 3\n'
                          'districts = ["高新区", "赫山区"]\n[quotas]\n"高新区" = 60\n"赫山区" = 40\n')
    return folder


def _no_known_kind_no_purpose_groups(folder: Path) -> Path:
    """Recipients that are neither enterprises nor villages, and no [categories] in the settings."""
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("益阳市电子商务协会", 3), ("益阳市物流行业协会", 2)], total=5))
    return folder


def _split_detail(folder: Path) -> Path:
    items = [(f"企业{i:03d}", (i % 7) + 0.25) for i in range(25)]
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", items, total=sum(a for _, a in items)))
    settings_file(folder, '[fund]\nname = "拆分测试"\nyear = 2024\ncap = 300\n[output]\ndetail_max_rows = 10\n')
    return folder


@pytest.mark.parametrize("build", [_sample, _nothing_counted, _districts_without_records, _no_known_kind_no_purpose_groups, _split_detail])
def test_no_formula_refers_to_its_own_cell_or_an_inverted_range(tmp_path: Path, build):
    folder = build(tmp_path / "in")
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.exit_code in (0, 1), result.output
    assert range_problems(out) == []


def test_a_table_with_no_line_totals_the_detail_itself(tmp_path: Path):
    """No district read: the by-district 合计 counts 明细 directly, and still shows 0."""
    folder = _nothing_counted(tmp_path / "in")
    out = tmp_path / "out.xlsx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 1
    formulas, values = workbook_values(out)
    ws = formulas["汇总"]
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "区县")
    assert ws.cell(header + 1, 1).value == "合计"
    assert ws.cell(header + 1, 2).value == "=COUNTA(明细!$B$2)"
    assert ws.cell(header + 1, 3).value == "=SUM(明细!$D$2)"
    assert (values["汇总"].cell(header + 1, 2).value, values["汇总"].cell(header + 1, 3).value) == (0, 0)
