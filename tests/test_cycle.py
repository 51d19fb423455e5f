"""The clerk's whole year, from an empty folder: init, fill the forms, check, consolidate, report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import run, run_json, workbook_values
from libreoffice import convert, soffice

FILLED = {
    "高新区": [("兴盛社区网络服务股份有限公司", 12, "移动互联网平台的技术开发费用"), ("益阳大森林食品生物科技有限公司", 10.5, "网店运营费用")],
    "赫山区": [("益阳世林食品有限公司", 10, "电商平台的运营费用"), ("湖南黑美人茶业有限公司", 7.25, "品牌推广和电商人才培训")],
}


def fill_form(form: Path, rows: list[tuple[str, float, str]], out: Path, scratch: Path) -> Path:
    """What a district clerk does: type into the white cells, then save in a real spreadsheet."""
    book = openpyxl.load_workbook(form)
    ws = book.worksheets[0]
    for i, (name, amount, purpose) in enumerate(rows):
        ws.cell(4 + i, 2, name)
        ws.cell(4 + i, 3, amount)
        ws.cell(4 + i, 4, purpose)
    typed = scratch / "typed" / out.name
    typed.parent.mkdir(parents=True, exist_ok=True)
    book.save(typed)
    # Saving in LibreOffice recalculates the 合计 and stores its value, as Excel or WPS would.
    saved = convert(typed, scratch / "saved", "xlsx")
    shutil.copyfile(saved, out)
    return out


def test_init_writes_settings_and_forms_and_never_overwrites(tmp_path: Path):
    folder = tmp_path / "2025"
    result = run("init", str(folder), "--name", "电子商务发展引导资金", "--year", "2025", "--cap", "100", "-d", "高新区", "-d", "赫山区")
    assert result.exit_code == 0 and "已生成" in result.stdout
    toml = (folder / "xlfund.toml").read_text(encoding="utf-8")
    assert 'name = "电子商务发展引导资金"' in toml and "cap = 100" in toml and '# "目标内容" = ' in toml
    form = openpyxl.load_workbook(folder / "填报模板" / "填报模板-高新区.xlsx")
    ws = form["高新区"]
    assert ws["A1"].value == "2025年电子商务发展引导资金分配明细表（高新区）"
    assert [ws.cell(3, c).value for c in range(1, 6)] == ["序号", "单位名称", "金额（万元）", "资金用途", "备注"]
    assert ws.protection.sheet and ws["A3"].protection.locked and not ws["B4"].protection.locked
    validated = {str(dv.sqref).split(":")[0]: dv.type for dv in ws.data_validations.dataValidation}
    assert validated == {"B4": "custom", "C4": "custom", "D4": "textLength", "E4": "textLength"}
    assert ws["A4"].protection.locked and ws["A4"].value == 1  # 序号 is prefilled and locked
    assert ws["C34"].value == "=SUM(C4:INDEX(C:C,ROW()-1))" and ws["A34"].value == "合计" and ws["A33"].value == 30
    assert "填表说明" in form.sheetnames and ws.page_setup.paperSize == 9
    (folder / "xlfund.toml").write_text("# 改过了\n" + toml, encoding="utf-8")
    again = run("init", str(folder), "-d", "资阳区")
    assert again.exit_code == 0 and "已存在，未覆盖" in again.stdout
    assert (folder / "xlfund.toml").read_text(encoding="utf-8").startswith("# 改过了")
    assert (folder / "填报模板" / "填报模板-资阳区.xlsx").exists()


@pytest.mark.skipif(soffice() is None, reason="printing and saving a form needs LibreOffice, which is not installed")
def test_a_blank_form_prints_on_one_page_and_sums_rows_inserted_beyond_it(tmp_path: Path):
    folder = tmp_path / "2025"
    assert run("init", str(folder), "--name", "电子商务发展引导资金", "--year", "2025", "-d", "高新区").exit_code == 0
    form = folder / "填报模板" / "填报模板-高新区.xlsx"
    pdf = convert(form, tmp_path / "pdf", "pdf")
    if shutil.which("pdfinfo"):
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+2$", pages, re.MULTILINE), pages  # the form and its 填表说明, one page each
    # A district with 45 recipients inserts 15 rows above 合计, as the 填表说明 says (openpyxl moves
    # the 合计 down without touching its formula, as Excel would leave this one).
    book = openpyxl.load_workbook(form)
    book.worksheets[0].insert_rows(34, 15)
    typed = tmp_path / "typed.xlsx"
    book.save(typed)
    rows = [(f"益阳第{i}电子商务有限公司", 1 + i % 3, "平台运营费用") for i in range(45)]
    returned = fill_form(typed, rows, folder / "高新区.xlsx", tmp_path / "scratch")
    _f, values = workbook_values(returned)
    assert values.worksheets[0]["A49"].value == "合计" and values.worksheets[0]["C49"].value == sum(r[1] for r in rows)
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "汇总.xlsx"))
    assert data["recipients"] == 45 and Decimal(data["total"]) == sum(r[1] for r in rows)
    assert not [i for i in data["issues"] if i["code"].startswith("stated-total")]


@pytest.mark.skipif(soffice() is None, reason="filling a form is simulated by saving it in LibreOffice, which is not installed")
def test_the_whole_year_from_an_empty_folder(tmp_path: Path):
    folder = tmp_path / "2025电商资金"
    assert run("init", str(folder), "--name", "电子商务发展引导资金", "--year", "2025", "--cap", "50", "--plan", "39.75",
               "--target", "4", "-d", "高新区", "-d", "赫山区").exit_code == 0
    returned = []
    for district, rows in FILLED.items():
        returned.append(fill_form(folder / "填报模板" / f"填报模板-{district}.xlsx", rows, folder / f"{district}.xlsx", tmp_path / "scratch"))

    checked = run("check", *map(str, returned))
    assert checked.exit_code == 0, checked.stdout
    assert "高新区.xlsx：2 个单位，22.50 万元，未发现问题" in checked.stdout

    out = tmp_path / "汇总.xlsx"
    consolidated = run("consolidate", str(folder), "-o", str(out), "--json")
    data = json.loads(consolidated.stdout)
    assert [i for i in data["issues"] if i["severity"] != "提示"] == []
    assert consolidated.exit_code == 0 and data["recipients"] == 4 and Decimal(data["total"]) == Decimal("39.75")
    assert {i["code"] for i in data["issues"]} <= {"file-skipped", "sheet-skipped", "scores-not-set"}
    _f, values = workbook_values(out)
    report_rows = [r[0] for r in values["报告"].iter_rows(values_only=True) if r[0]]
    assert "1、兴盛社区网络服务股份有限公司：12万元主要用于移动互联网平台的技术开发费用。" in report_rows
    assert "高新区合计：扶持2个单位，22.5万元。" in report_rows

    docx_path = tmp_path / "使用情况.docx"
    reported = run("report", str(folder), "-o", str(docx_path))
    assert reported.exit_code == 0 and docx_path.exists()
    from docx import Document

    text = [p.text for p in Document(str(docx_path)).paragraphs]
    assert text[0] == "2025年电子商务发展引导资金使用情况"
    assert any(t.startswith("电子商务发展引导资金每年安排50万元。2025年共使用电子商务发展引导资金39.75万元，扶持4个单位") for t in text)
    assert "2、湖南黑美人茶业有限公司：7.25万元主要用于品牌推广和电商人才培训。" in text
    assert text[-1] == "以上合计：扶持4个单位，39.75万元。"


def test_check_reports_problems_and_exits_1(tmp_path: Path):
    from conftest import make_xlsx

    bad = make_xlsx(tmp_path / "高新区.xlsx", [["序号", "单位名称", "金额"], [1, "甲公司", "十来万"], [2, "乙公司", 3], ["合计", None, 9]])
    result = run("check", str(bad))
    assert result.exit_code == 1
    assert "[错误] Sheet1!C2 金额无法识别" in result.stdout and "[错误] Sheet1!C4" in result.stdout
    assert not list(tmp_path.glob("*汇总*"))
    missing = run("check", str(tmp_path / "nope.xlsx"))
    assert missing.exit_code == 2 and "找不到文件" in missing.stderr


def test_check_takes_a_folder(tmp_path: Path):
    from conftest import make_xlsx, simple_sheet

    make_xlsx(tmp_path / "报送" / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 2)], total=2))
    make_xlsx(tmp_path / "报送" / "赫山区.xlsx", simple_sheet("赫山区", [("乙公司", 3)], total=3))
    result = run("check", str(tmp_path / "报送"))
    assert result.exit_code == 0
    assert "报送/高新区.xlsx：1 个单位，2.00 万元，未发现问题" in result.stdout
    assert "报送/赫山区.xlsx：1 个单位，3.00 万元，未发现问题" in result.stdout
