"""Broken and hostile input: one clear finding per file, the other files still consolidated."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import make_xlsx, run, simple_sheet, workbook_values

GOOD = ("赫山区.xlsx", [("好公司", 6)])


def folder_with(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    make_xlsx(folder / GOOD[0], simple_sheet("赫山区", GOOD[1], total=6))
    return folder


def consolidate(folder: Path, tmp_path: Path) -> tuple[int, dict, str]:
    result = run("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"), "--json")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def findings_for(data: dict, file: str) -> list[tuple[str, str, str]]:
    return [(i["code"], i["sheet"], i["cell"]) for i in data["issues"] if i["file"] == file]


def assert_good_file_still_counted(data: dict) -> None:
    assert data["districts"]["赫山区"] == {"recipients": 1, "total": "6"}


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(buffer)
    return buffer.getvalue()


def rezip(original: bytes, replace: dict[str, bytes], extra_stream: tuple[str, int] | None = None) -> bytes:
    """A copy of an .xlsx with some parts replaced, optionally a huge part of zeros streamed in."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        if extra_stream:
            name, megabytes = extra_stream
            with dst.open(name, "w", force_zip64=True) as member:
                block = b" " * (1 << 20)
                for _ in range(megabytes):
                    member.write(block)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("空.xlsx", b"", "file-empty", "文件为空"),
        ("乱码.xlsx", bytes(range(256)) * 40, "file-unreadable", "不是 Excel"),
        ("截断.xlsx", None, "file-unreadable", "损坏或被截断"),
        ("网页.xls", b"<html><body><p>\xe6\x97\xa0\xe6\x95\xb0\xe6\x8d\xae</p></body></html>", "file-unreadable", "其中没有表格"),
        ("旧格式.xls", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', "file-unreadable", "Excel 2003 XML"),
    ],
)
def test_broken_files_get_one_clear_finding(tmp_path: Path, name: str, content: bytes | None, code: str, words: str):
    folder = folder_with(tmp_path)
    if content is None:
        whole = xlsx_bytes(simple_sheet("高新区", [("甲公司", 1)]))
        content = whole[: len(whole) // 2]
    (folder / name).write_bytes(content)
    exit_code, data, _stderr = consolidate(folder, tmp_path)
    assert exit_code == 1
    found = [i for i in data["issues"] if i["file"] == name]
    assert [i["code"] for i in found] == [code]
    assert words in found[0]["message"]
    assert_good_file_still_counted(data)


def test_password_protected_workbook_is_called_encrypted_not_corrupt(tmp_path: Path):
    from msoffcrypto.format.ooxml import OOXMLFile

    folder = folder_with(tmp_path)
    plain = io.BytesIO(xlsx_bytes(simple_sheet("高新区", [("甲公司", 1)])))
    with (folder / "加密.xlsx").open("wb") as handle:
        OOXMLFile(plain).encrypt("secret", handle)
    exit_code, data, _ = consolidate(folder, tmp_path)
    found = [i for i in data["issues"] if i["file"] == "加密.xlsx"]
    assert [i["code"] for i in found] == ["file-encrypted"]
    assert "密码" in found[0]["message"] and "损坏" not in found[0]["message"]
    assert exit_code == 1
    assert_good_file_still_counted(data)


def test_web_exports_named_xls_are_read_when_they_hold_a_table(tmp_path: Path):
    folder = folder_with(tmp_path)
    html = """<html><head><meta charset="gb2312"></head><body><table>
      <tr><td colspan="3">资阳区扶持资金名单</td></tr>
      <tr><th>序号</th><th>企业名称</th><th>金额（万元）</th></tr>
      <tr><td>1</td><td>网页公司</td><td>7.5</td></tr>
      <tr><td>合计</td><td></td><td>7.5</td></tr></table></body></html>"""
    (folder / "资阳区.xls").write_bytes(html.encode("gb18030"))
    (folder / "高新区.xls").write_text("序号,企业名称,金额\n1,文本公司,2\n", encoding="gb18030")
    exit_code, data, _ = consolidate(folder, tmp_path)
    assert exit_code == 0
    assert data["districts"]["资阳区"] == {"recipients": 1, "total": "7.5"}
    assert data["districts"]["高新区"] == {"recipients": 1, "total": "2"}
    assert [c for c, _s, _c in findings_for(data, "资阳区.xls")] == ["file-renamed-format"]
    assert "文本/CSV" in next(i["message"] for i in data["issues"] if i["file"] == "高新区.xls" and i["code"] == "file-renamed-format")


def test_formulas_without_results_and_error_values_are_never_blank_or_zero(tmp_path: Path):
    folder = folder_with(tmp_path)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "高新区"
    for row in [["序号", "企业名称", "金额（万元）"], [1, "甲公司", 5], [2, "乙公司", "=2+3"], [3, "丙公司", "#REF!"], [4, "丁公司", "#N/A"], ["合计", None, "=SUM(C2:C5)"]]:
        ws.append(row)
    book.save(folder / "脚本生成.xlsx")
    exit_code, data, _ = consolidate(folder, tmp_path)
    assert exit_code == 1
    assert sorted(findings_for(data, "脚本生成.xlsx")) == [
        ("amount-error-value", "高新区", "C4"), ("amount-error-value", "高新区", "C5"),
        ("amount-formula-no-value", "高新区", "C3"), ("stated-total-unreadable", "高新区", "C6"),
    ]
    assert data["districts"]["高新区"] == {"recipients": 1, "total": "5"}
    sheet = next(f for f in data["files"] if f["file"] == "脚本生成.xlsx")["sheets"][0]
    assert (sheet["records"], sheet["rejected"], sheet["totals"], sheet["read"]) == (1, 3, 1, 6)


def test_a_formula_with_a_stored_result_is_read_by_its_value(tmp_path: Path):
    import xlsxwriter

    folder = folder_with(tmp_path)
    book = xlsxwriter.Workbook(str(folder / "高新区.xlsx"))
    ws = book.add_worksheet("高新区")
    ws.write_row(0, 0, ["序号", "企业名称", "金额（万元）"])
    ws.write_row(1, 0, [1, "甲公司"])
    ws.write_formula(1, 2, "=2+3", None, 5)
    ws.write_string(2, 0, "合计")
    ws.write_formula(2, 2, "=SUM(C2:C2)", None, 5)
    book.close()
    exit_code, data, _ = consolidate(folder, tmp_path)
    assert exit_code == 0 and data["districts"]["高新区"] == {"recipients": 1, "total": "5"}


def _bounded_run(folder: Path, out: Path) -> tuple[int, dict, int]:
    """Run the CLI in a child process and report its peak memory (KiB) alone."""
    script = (
        "import json, resource, subprocess, sys\n"
        f"p = subprocess.run([sys.executable, '-m', 'xlfund.cli', 'consolidate', {str(folder)!r}, '-o', {str(out)!r}, '--json'], capture_output=True, text=True)\n"
        "print(json.dumps({'code': p.returncode, 'out': p.stdout, 'err': p.stderr, 'rss': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    report = json.loads(done.stdout)
    assert "Traceback" not in report["err"]
    return report["code"], json.loads(report["out"]), report["rss"]


def test_zip_bomb_is_refused_with_bounded_memory(tmp_path: Path):
    folder = folder_with(tmp_path)
    bomb = rezip(xlsx_bytes(simple_sheet("高新区", [("甲公司", 1)])), {}, extra_stream=("xl/worksheets/sheet2.xml", 400))
    assert len(bomb) < 2_000_000  # a few hundred KB that would inflate to 400 MB
    (folder / "炸弹.xlsx").write_bytes(bomb)
    code, data, rss_kib = _bounded_run(folder, tmp_path / "out.xlsx")
    assert code == 1
    assert [c for c, _s, _c in findings_for(data, "炸弹.xlsx")] == ["file-too-large"]
    assert rss_kib < 200 * 1024
    assert_good_file_still_counted(data)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_bombs_and_external_entities_are_refused(tmp_path: Path, payload: bytes):
    folder = folder_with(tmp_path)
    bad = rezip(xlsx_bytes(simple_sheet("高新区", [("甲公司", 1)])), {"xl/worksheets/sheet1.xml": payload})
    (folder / "实体.xlsx").write_bytes(bad)
    code, data, rss_kib = _bounded_run(folder, tmp_path / "out.xlsx")
    assert code == 1
    assert [c for c, _s, _c in findings_for(data, "实体.xlsx")] == ["file-unsafe-xml"]
    assert "root:" not in json.dumps(data)
    assert rss_kib < 200 * 1024
    assert_good_file_still_counted(data)


def test_text_excel_cannot_hold_is_made_safe_and_the_output_opens(tmp_path: Path):
    folder = folder_with(tmp_path)
    long_purpose = "很长的用途" * 8000  # 40,000 characters
    with (folder / "高新区\u0007奇怪[名]?.csv").open("w", encoding="utf-8") as handle:
        handle.write("序号,企业名称,金额,资金用途\n")
        handle.write(f"1,控制\u0001字符\u001f公司,3,{long_purpose}\n")
    exit_code, data, _ = consolidate(folder, tmp_path)
    name = "高新区\u0007奇怪[名]?.csv"
    codes = sorted(c for c, _s, _c in findings_for(data, name))
    assert codes == ["stated-total-missing", "text-control-chars", "text-truncated"]
    formulas, values = workbook_values(tmp_path / "out.xlsx")
    detail = [r for r in values["明细"].iter_rows(min_row=2, values_only=True) if r[1] != "好公司"][0]
    assert detail[1] == "控制字符公司" and len(detail[4]) == 32767
    assert detail[7] == "高新区奇怪[名]?.csv"
    assert Decimal(data["total"]) == 9 and exit_code == 0


def test_an_xls_that_would_abort_the_process_is_reported_as_damaged(tmp_path: Path):
    from conftest import ROOT

    folder = folder_with(tmp_path)
    (folder / "安化县.xls").write_bytes((ROOT / "tests" / "data" / "aborts-calamine.xls").read_bytes())
    exit_code, data, stderr = consolidate(folder, tmp_path)
    assert exit_code == 1
    assert [c for c, _s, _c in findings_for(data, "安化县.xls")] == ["file-unreadable"]
    assert "panicked" not in stderr and "memory allocation" not in stderr
    assert_good_file_still_counted(data)


def test_a_wrong_dimension_record_hides_no_rows(tmp_path: Path):
    """Files saved by WPS can claim A1:A1 as the sheet's dimension; every row is still read."""
    import re

    folder = folder_with(tmp_path)
    items = [(f"企业{i}", 1) for i in range(100)]
    original = xlsx_bytes(simple_sheet("高新区", items, total=100))
    with zipfile.ZipFile(io.BytesIO(original)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<dimension" in sheet
    lying = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A1"/>', sheet)
    (folder / "高新区.xlsx").write_bytes(rezip(original, {"xl/worksheets/sheet1.xml": lying}))
    exit_code, data, _ = consolidate(folder, tmp_path)
    assert exit_code == 0 and data["districts"]["高新区"] == {"recipients": 100, "total": "100"}
