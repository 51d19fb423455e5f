"""The real client: LibreOffice recalculates our output and must agree with every stored value."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import make_xlsx, run, settings_file, simple_sheet, workbook_values
from libreoffice import convert, error_cells, formula_mismatches, soffice

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")


def assert_recalculates_to_stored_values(path: Path, work: Path) -> Path:
    recalculated = convert(path, work / "recalc", "xlsx")
    assert formula_mismatches(path, recalculated) == []
    assert error_cells(recalculated) == []
    return recalculated


def test_sample_output_recalculates_to_the_stored_values(sample: Path, tmp_path: Path):
    out = tmp_path / "sample.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    recalculated = assert_recalculates_to_stored_values(out, tmp_path)
    _f, values = workbook_values(recalculated)
    summary = values["汇总"]
    assert summary["B7"].value == 490 and summary["B8"].value == 10


def test_scorecard_alone_recalculates_and_renders_on_one_page_width(sample: Path, tmp_path: Path):
    out = tmp_path / "评分表.xlsx"
    assert run("scorecard", str(sample), "-o", str(out)).exit_code == 0
    assert_recalculates_to_stored_values(out, tmp_path)
    pdf = convert(out, tmp_path / "pdf", "pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "pdf" / "page")], check=True, timeout=120)
        pages = sorted((tmp_path / "pdf").glob("page*.png"))
        assert 1 <= len(pages) <= 2  # the form and its subtotal block: one A4 portrait page, at most two


def test_detail_split_over_several_sheets_keeps_every_formula_whole(tmp_path: Path):
    folder = tmp_path / "in"
    items = [(f"企业{i:03d}", (i % 7) + 0.25) for i in range(45)]
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", items[:30], total=sum(a for _, a in items[:30])))
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", items[30:], total=sum(a for _, a in items[30:])))
    settings_file(folder, '[fund]\nname = "拆分测试"\nyear = 2024\ncap = 300\nplan = 200\ntarget_recipients = 45\n[output]\ndetail_max_rows = 20\n')
    out = tmp_path / "split.xlsx"
    result = run("consolidate", str(folder), "-o", str(out), "--json")
    formulas, values = workbook_values(out)
    assert [n for n in formulas.sheetnames if n.startswith("明细")] == ["明细", "明细2", "明细3"]
    assert [values[n].max_row - 1 for n in ("明细", "明细2", "明细3")] == [20, 20, 5]
    total_formula = formulas["汇总"]["B7"].value
    assert "明细!" in total_formula and "明细2!" in total_formula and "明细3!" in total_formula
    expected = sum(a for _, a in items)
    assert abs(values["汇总"]["B7"].value - expected) < 1e-9
    assert result.exit_code == 0
    assert_recalculates_to_stored_values(out, tmp_path)


def test_hostile_text_output_opens_and_stays_text_in_libreoffice(tmp_path: Path):
    folder = tmp_path / "in"
    evil = ['=HYPERLINK("http://x.invalid","点我")', "+1+1", "@SUM(A1)", "控制\u0001字符", "长" * 40000]
    folder.mkdir()
    with (folder / "高新区.csv").open("w", encoding="utf-8", newline="") as handle:  # CSV: openpyxl refuses control characters
        csv.writer(handle).writerows([["序号", "企业名称", "金额", "资金用途"]] + [[i, f"公司{i}", 1, text] for i, text in enumerate(evil, 1)])
    out = tmp_path / "hostile.xlsx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    recalculated = assert_recalculates_to_stored_values(out, tmp_path)
    _f, values = workbook_values(recalculated)
    purposes = [values["明细"].cell(r, 5).value for r in range(2, 7)]
    assert purposes[:3] == evil[:3] and purposes[3] == "控制字符" and len(purposes[4]) == 32767


def test_the_scorecard_keeps_its_merges_over_several_rows(sample: Path, tmp_path: Path):
    """The workbook is never written row by row (constant_memory): the form's ranges over several
    rows stay merged, as the template has them, however long the list."""
    out = tmp_path / "out.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    formulas, _values = workbook_values(out)
    merged = {str(r) for r in formulas["评分表"].merged_cells.ranges}
    assert {"A1:G1", "A2:G2", "A25:C25", "A4:A8", "A9:A15", "A16:A24"} <= merged


def test_every_gallery_layout_recalculates_to_the_stored_values(tmp_path: Path):
    """Group subtotals, breakdown lines (SUMIFS over a block), summary sheets (SUMIFS by district
    and file) and totals at the top: every check's formula agrees with its stored value."""
    from gallery import CONFIG, LAYOUTS

    folder = tmp_path / "in"
    for layout in LAYOUTS:
        layout.build(folder / layout.name)
    settings_file(folder, CONFIG)
    out = tmp_path / "gallery.xlsx"
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.exit_code == 1  # the gallery holds a wrong 合计 and a refused layout on purpose
    recalculated = assert_recalculates_to_stored_values(out, tmp_path)
    formulas, _values = workbook_values(out)
    written = [c.value for row in formulas["对账"].iter_rows(min_col=4, max_col=4) for c in row if isinstance(c.value, str)]
    assert any("SUMIFS(" in f and "$H$" in f for f in written)  # a summary sheet's line, by district and file
    assert any("SUMIFS(" in f and "$C$" in f for f in written)  # a breakdown line, by kind of recipient
    assert recalculated.exists()


def test_round_sheets_recalculate_to_the_stored_values(tmp_path: Path):
    """报送情况 (SUMIFS/COUNTIFS by district, a quota difference, totals) and 变更 (differences with a
    blank side) after a second run that changed, removed and copied files."""
    folder = tmp_path / "in"
    folder.mkdir()
    settings_file(folder, '[fund]\nname = "轮次"\nyear = 2025\ndistricts = ["高新区", "赫山区", "资阳区"]\n[quotas]\n"高新区" = 30\n')
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 10), ("乙公司", 20)]))
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("丙公司", 1.25)]))
    out = tmp_path / "round.xlsx"
    run("consolidate", str(folder), "-o", str(out))
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 12.5), ("丁公司", 3)]))
    shutil.copy(folder / "赫山区.xlsx", folder / "赫山区(1).xlsx")
    (folder / "赫山区.xlsx").unlink()
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    assert_recalculates_to_stored_values(out, tmp_path)
    _f, values = workbook_values(out)
    assert any(row[0] == "重新报送" for row in values["变更"].iter_rows(values_only=True))
