"""Hidden and struck rows read from the .xlsx (and .ods) itself (a value reader cannot see them), end to end."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import run_json, settings_file
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font

from xlfund.read.xlsx_marks import row_marks

SETTINGS = '[fund]\nname = "电商资金"\ncap = 500\ndistricts = ["高新区", "赫山区"]\n'


def _book(path: Path, rows: list[list[object]], hidden=(), struck=(), empty_hidden=()) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    for r in hidden:
        ws.row_dimensions[r].hidden = True
    for r in struck:
        for cell in ws[r]:
            cell.font = Font(strike=True)
    for r in empty_hidden:
        ws.row_dimensions[r].hidden = True
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


ROWS = [["序号", "单位名称", "金额（万元）"], [1, "甲公司", 2], [2, "乙公司", 3], [3, "丙公司", 1]]


def test_the_scan_finds_hidden_and_struck_rows_and_nothing_else(tmp_path: Path):
    path = _book(tmp_path / "a.xlsx", ROWS, hidden=[3], struck=[4], empty_hidden=[9])
    assert row_marks(path) == {"名单": {2: "hidden", 3: "struck", 8: "hidden"}}


def test_a_name_struck_alone_is_no_struck_line(tmp_path: Path):
    path = _book(tmp_path / "a.xlsx", ROWS)
    book = openpyxl.load_workbook(path)
    book.active["B2"].font = Font(strike=True)
    book.save(path)
    assert row_marks(path) == {}


def test_rich_text_struck_as_a_whole(tmp_path: Path):
    path = _book(tmp_path / "a.xlsx", ROWS)
    book = openpyxl.load_workbook(path, rich_text=True)
    ws = book.active
    for cell in ws[3]:
        cell.value = CellRichText([TextBlock(InlineFont(strike=True), str(cell.value))])
    book.save(path)
    assert row_marks(path)["名单"] == {2: "struck"}


@pytest.mark.parametrize(("total", "exit_code", "codes"), [(3, 0, []), (6, 1, ["stated-total-mismatch"]), (None, 0, [])])
def test_a_hidden_line_is_not_counted_and_the_total_says_whether_it_should_be(tmp_path: Path, total, exit_code, codes):
    """A hidden row was taken out of view, not deleted: not counted, said at its cell; a 合计 that
    still counts it (Excel's SUM does) is an error naming the rows."""
    folder = tmp_path / "in"
    rows = ROWS + ([["合计", None, total]] if total is not None else [])
    _book(folder / "高新区.xlsx", rows, hidden=[3])
    settings_file(folder, SETTINGS)
    got, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))
    assert (got, data["total"], data["recipients"]) == (exit_code, "3", 2)
    assert [i["code"] for i in data["issues"] if i["severity"] == "错误"] == codes
    hidden = next(i for i in data["issues"] if i["code"] == "line-hidden")
    assert (hidden["cell"], hidden["severity"]) == ("B3", "警告") and "乙公司" in hidden["message"]


def test_a_struck_line_is_not_counted(tmp_path: Path):
    folder = tmp_path / "in"
    _book(folder / "高新区.xlsx", ROWS + [["合计", None, 3]], struck=[3])
    settings_file(folder, SETTINGS)
    got, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))
    assert (got, data["total"], data["recipients"]) == (0, "3", 2)
    assert [(i["code"], i["cell"]) for i in data["issues"] if i["code"] == "line-struck"] == [("line-struck", "B3")]


def test_shared_rich_strings_struck_as_a_whole(tmp_path: Path):
    import xlsxwriter

    path = tmp_path / "b.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("名单")
    struck = book.add_format({"font_strikeout": True})
    ws.write_row(0, 0, ["单位名称", "金额"])
    ws.write_row(1, 0, ["甲公司", 2])
    ws.write_rich_string(2, 0, struck, "乙", struck, "公司")
    ws.write_number(2, 1, 3, struck)
    ws.write_rich_string(3, 0, struck, "丙", "公司")  # half struck: not a struck line
    ws.write_number(3, 1, 1, struck)
    book.close()
    assert row_marks(path) == {"名单": {2: "struck"}}


@pytest.mark.parametrize("how", ["none", "hidden", "struck", "rich"])
def test_the_cell_scan_says_which_sheets_to_read_again_and_the_marks_are_the_same(tmp_path: Path, how: str):
    """xlsx_cells' pass notes a hidden row or inline <strike>; row_marks reads only those sheets
    again unless a style or shared string strikes through, and finds what a full pass finds."""
    from xlfund.read.xlsx_cells import scan_sheets

    path = _book(tmp_path / "a.xlsx", ROWS, hidden=[3] if how == "hidden" else (), struck=[4] if how == "struck" else ())
    book = openpyxl.load_workbook(path, rich_text=True)
    book.create_sheet("另表").append(["单位名称", "金额（万元）"])
    if how == "rich":
        book["名单"]["B3"].value = CellRichText([TextBlock(InlineFont(strike=True), "乙公司")])
    book.save(path)
    scans = scan_sheets(path)
    marked = {name for name, scan in scans.items() if scan.may_mark_rows}
    assert marked == ({"名单"} if how in ("hidden", "rich") else set())  # openpyxl writes rich text inline
    assert row_marks(path, set(scans), marked) == row_marks(path)
    assert bool(row_marks(path)) == (how in ("hidden", "struck"))  # one struck name is no struck line


def test_hidden_and_struck_rows_of_an_ods_as_libreoffice_saves_it(tmp_path: Path):
    # The same marks in an .ods (calamine reports none of them): read from content.xml.
    from libreoffice import convert, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    source = _book(tmp_path / "src" / "高新区.xlsx", ROWS, hidden=(3,), struck=(4,))
    ods = convert(source, tmp_path / "in", "ods")
    from xlfund.read.ods_layout import ods_layout

    assert ods_layout(ods)["名单"].marks == {2: "hidden", 3: "struck"}
    settings_file(tmp_path / "in", SETTINGS)
    code, data = run_json("consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out.xlsx"))
    assert [(i["code"], i["cell"]) for i in data["issues"] if i["code"].startswith("line-")] == [("line-hidden", "B3"), ("line-struck", "B4")]
    assert (code, data["total"]) == (0, "2")  # 甲公司 alone: the hidden (乙公司 3) and the struck line (丙公司 1) left out


def test_hidden_and_struck_rows_of_an_xls(tmp_path: Path):
    import xlwt

    book = xlwt.Workbook()
    ws = book.add_sheet("名单")
    struck = xlwt.easyxf("font: struck_out on")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            ws.write(r, c, value, struck if r == 3 else xlwt.Style.default_style)
    ws.row(2).hidden = True
    folder = tmp_path / "in"
    folder.mkdir()
    book.save(str(folder / "高新区.xls"))
    settings_file(folder, SETTINGS)
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))
    assert [(i["code"], i["cell"]) for i in data["issues"] if i["code"].startswith("line-")] == [("line-hidden", "B3"), ("line-struck", "B4")]
    assert (code, data["total"]) == (0, "2")
