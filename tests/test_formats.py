"""Every format a district sends is read, or named with the reason: .ods, .xlsb, WPS .et, UTF-16
"Unicode text", zip archives (GBK member names), and the ones that cannot be read."""

from __future__ import annotations

import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE, make_xlsx, run_json, simple_sheet
from gallery import gbk_zip
from libreoffice import convert, soffice


def consolidate(folder: Path, tmp_path: Path) -> tuple[int, dict]:
    return run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))


def codes(data: dict, severity: str | None = None) -> set[tuple[str, str]]:
    return {(i["code"], i["file"]) for i in data["issues"] if severity is None or i["severity"] == severity}


@pytest.mark.skipif(soffice() is None, reason="LibreOffice makes the .ods and .xlsb files")
@pytest.mark.parametrize(("target", "suffix"), [("ods", ".ods"), ('xlsb:"Calc MS Excel 2007 Binary"', ".xlsb")])
def test_ods_and_xlsb_are_read_like_xlsx(tmp_path: Path, target: str, suffix: str):
    source = make_xlsx(tmp_path / "src" / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 12), ("乙公司", 3.5)], total=15.5))
    folder = tmp_path / "in"
    folder.mkdir()
    try:
        made = convert(source, tmp_path / "conv", target)
    except AssertionError:
        pytest.skip(f"this LibreOffice cannot write {suffix} (calamine reads it; no fixture can be made here)")
    shutil.copy(made, folder / made.name)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["recipients"], Decimal(data["total"])) == (0, 2, Decimal("15.5"))
    assert data["districts"]["高新区"]["recipients"] == 2
    assert not any(c == "file-renamed-format" for c, _f in codes(data))


def test_a_wps_et_file_is_read_as_the_binary_workbook_it_is(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE / "安化县.xls", folder / "安化县.et")
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and data["recipients"] == 4 and Decimal(data["total"]) == 40
    assert not any(c == "file-renamed-format" for c, _f in codes(data))


def test_unicode_text_from_excel_is_read(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = ["资阳区电子商务资金分配表", "序号\t单位名称\t金额（万元）\t资金用途", "1\t甲公司\t6\t平台", "2\t乙公司\t4\t物流", "合计\t\t10\t"]
    (folder / "资阳区.txt").write_bytes("\r\n".join(lines).encode("utf-16"))
    (folder / "说明.txt").write_text("这些是各区县报来的表格", encoding="utf-8")
    code, data = consolidate(folder, tmp_path)
    assert (code, data["recipients"], Decimal(data["total"])) == (0, 2, Decimal(10))
    assert ("file-skipped", "说明.txt") in codes(data, "提示")


def test_a_zip_of_submissions_with_gbk_names_and_a_subfolder_per_district(tmp_path: Path):
    inner = tmp_path / "src"
    make_xlsx(inner / "一.xlsx", simple_sheet("分配表", [("甲公司", 5)], total=5))
    make_xlsx(inner / "二.xlsx", simple_sheet("分配表", [("乙公司", 7)], total=7))
    folder = tmp_path / "in"
    gbk_zip(folder / "报送材料.zip", {  # no UTF-8 flag, as Windows writes
        "高新区/分配表.xlsx": (inner / "一.xlsx").read_bytes(), "赫山区/分配表.xlsx": (inner / "二.xlsx").read_bytes(),
    })
    with zipfile.ZipFile(folder / "补报.zip", "w") as archive:
        archive.writestr("../逃出去.xlsx", b"PK")
    code, data = consolidate(folder, tmp_path)
    assert {d: v["total"] for d, v in data["districts"].items() if v["recipients"]} == {"高新区": "5", "赫山区": "7"}
    files = {f["file"]: f["status"] for f in data["files"]}
    assert files["报送材料.zip/高新区/分配表.xlsx"] == "已读取"
    assert files["报送材料.zip"] == "已解压"
    assert ("file-unsafe-path", "补报.zip/../逃出去.xlsx") in codes(data, "错误")
    assert code == 1


def test_unreadable_kinds_are_errors_naming_the_file_and_why(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "高新区.rar").write_bytes(b"Rar!\x1a\x07\x00")
    (folder / "赫山区.xls").write_bytes(b"\x09\x00\x04\x00\x02\x00\x10\x00" + b"\x00" * 64)  # Excel 2.1
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert code == 2
    message = data["error"]
    assert "高新区.rar" in message and "只能打开 .zip" in message
    assert "赫山区.xls" in message and "Excel 2.x–4.0" in message


def test_nothing_but_blank_forms_is_nothing_to_do_and_a_filled_form_is_read_wherever_it_is(tmp_path: Path):
    folder = tmp_path / "年"
    assert run_json("consolidate", str(tmp_path / "空"), "-o", str(tmp_path / "o.xlsx"))[0] == 2
    from conftest import run

    assert run("init", str(folder), "--name", "电商资金", "-d", "高新区", "-d", "赫山区").exit_code == 0
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert code == 2 and "空白填报表" in data["error"]
    make_xlsx(folder / "填报模板" / "高新区-已填.xlsx", simple_sheet("高新区", [("甲公司", 5)], total=5))
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert data["recipients"] == 1 and data["districts"]["高新区"]["total"] == "5"
