"""明细 rows are written as XML by xlfund (sheet_xml), not cell by cell through XlsxWriter.

These tests hold that fast path to XlsxWriter's own output: the same records written with
XlsxWriter's write_string/write_number in constant_memory mode give the same <row> markup,
the cells carry the styles of the XlsxWriter-written first row, and the package stays valid
when a sheet's XML needs ZIP64.
"""

from __future__ import annotations

import csv
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import python_calamine
import xlsxwriter
from conftest import make_xlsx, run

from xlfund.consolidate import consolidate
from xlfund.settings import load_settings
from xlfund.write import xlsx_splice
from xlfund.write.book import Styles
from xlfund.write.detail import write_detail_row, write_details

LONG_PURPOSE = "用于农村电商服务站点建设、快递物流配送体系完善、电商人才培训及产品线上推广等" * 3
TRICKY = [
    ["序号", "单位名称", "金额（万元）", "资金用途", "备注"],
    [1, "A&B<商贸>公司", 12, "平台运营费用", None],
    [2, "_x0041_科技公司", 0.000001, "", "已拨付"],
    [3, "  前导空格公司", 123456789.123456, "快递设备购置", None],
    [4, "尾随空格公司  ", 0.1, LONG_PURPOSE, "备注&<>"],
    [5, "回车\r公司", 5, "软件\t开发", None],
    [6, "换行\n公司", 7.25, "换行\n用途", None],
    [7, "=HYPERLINK(\"http://x\",\"点我\")", 3, "网店运营", None],
    [8, "😀商行", 2, "电商人才培训", None],
    [9, "金湖村", 10, "_xFFFF_ 用途", None],
]


def _sheet_rows(path: Path, sheet: str) -> dict[int, str]:
    """Excel row number -> that <row> element of the named sheet, style indexes blanked."""
    with zipfile.ZipFile(path) as package:
        part = xlsx_splice.sheet_parts(package)[sheet]
        xml = package.read(part).decode("utf-8")
    rows = re.findall(r'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', xml, re.DOTALL)
    elements = re.findall(r'<row r="\d+"[^>]*?(?:/>|>.*?</row>)', xml, re.DOTALL)
    return {int(r): re.sub(r' s="\d+"', ' s="?"', element) for r, element in zip(rows, elements, strict=True)}


def _folder(tmp_path: Path) -> Path:
    """The tricky rows twice: in an .xlsx (whose "_xHHHH_" a reader decodes) and a CSV (literal)."""
    folder = tmp_path / "in"
    # The sheet's name starts with a space: repeated text is written as it is (xml:space="preserve").
    make_xlsx(folder / "高新区&测试.xlsx", [["高新区电商资金分配表"], *TRICKY], sheet=" 明细&1")
    with (folder / "赫山区.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[_csv_text(v) for v in row] for row in TRICKY])
    return folder


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    return format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)


def _names(path: Path) -> list[str]:
    """The 单位名称 column as a reader that decodes "_xHHHH_" sees it (openpyxl does not for
    inline strings; Excel, WPS, LibreOffice and calamine do)."""
    sheet = python_calamine.load_workbook(str(path)).get_sheet_by_name("明细").to_python()
    return [row[1] for row in sheet[1:]]


# The CSV comes first (files are read in name order); the .xlsx reader decodes "_x0041_".
# Names are written trimmed ("尾随空格公司  " -> "尾随空格公司"): the input keeps its spaces.
EXPECTED_NAMES = [row[1].strip() for row in TRICKY[1:]] + [{"_x0041_科技公司": "A科技公司"}.get(row[1], row[1]).strip() for row in TRICKY[1:]]


def test_detail_rows_are_the_markup_xlsxwriter_writes(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.exit_code in (0, 1), result.output

    records = consolidate(folder, load_settings(folder, None)).records
    assert len(records) == 2 * (len(TRICKY) - 1)
    oracle = tmp_path / "oracle.xlsx"
    book = xlsxwriter.Workbook(str(oracle), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    ws = book.add_worksheet("明细")
    details = write_details([ws], [("明细", len(records))], records, Styles(book))
    for row, record in enumerate(records[1:], start=2):
        write_detail_row(ws, row, record, details)
    book.close()

    ours, theirs = _sheet_rows(out, "明细"), _sheet_rows(oracle, "明细")
    assert sorted(ours) == sorted(theirs) == list(range(1, len(records) + 2))
    for r in range(3, len(records) + 2):
        assert ours[r] == theirs[r], f"row {r}"
    # The tricky texts really went through the fast path, escaped as XlsxWriter escapes them.
    joined = "".join(ours[r] for r in range(3, len(records) + 2))
    for expected in ("&amp;", "&lt;", "_x005F_x0041_", 'xml:space="preserve"', "_x000D_", "_xFFFF_", 'customHeight="1"', "/>"):
        assert expected in joined, expected


def test_detail_cells_read_back_with_their_values_and_styles(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "out.xlsx"
    run("consolidate", str(folder), "-o", str(out))
    ws = openpyxl.load_workbook(out)["明细"]
    header = [c.value for c in ws[1]]
    assert header[-1] == "备注"
    assert _names(out) == EXPECTED_NAMES
    assert ws["B8"].data_type == "s" and ws["B8"].value.startswith("=HYPERLINK")
    amounts = [Decimal(str(ws.cell(r, 4).value)) for r in range(2, ws.max_row + 1)]
    assert amounts == 2 * [Decimal(str(row[2])) for row in TRICKY[1:]]
    assert ws["K3"].value == "已拨付" and ws["K2"].value is None
    assert ws.dimensions == f"A1:K{2 * len(TRICKY) - 1}"
    # Rows 3 on carry the styles XlsxWriter gave row 2, column by column.
    for r in range(3, ws.max_row + 1):
        for c in range(1, 12):
            first, cell = ws.cell(2, c), ws.cell(r, c)
            assert (cell.number_format, cell.alignment.horizontal, cell.alignment.wrap_text, cell.border.left.style, cell.font.name) == (
                first.number_format, first.alignment.horizontal, first.alignment.wrap_text, first.border.left.style, first.font.name
            ), cell.coordinate
    assert ws.row_dimensions[5].height and ws.row_dimensions[5].height > 15  # the long purpose


def test_a_sheet_past_the_zip_size_limit_is_written_with_zip64(tmp_path: Path, monkeypatch) -> None:
    # 2 GiB of XML is not a test's size: lower zipfile's limit while the rows are appended
    # (XlsxWriter checks the same limit, so not before), and see the copy redone with ZIP64.
    folder = _folder(tmp_path)
    copies = []
    real_copy = xlsx_splice._copy

    def small_limit_copy(base, target, sheets, zip64):
        copies.append(zip64)
        with monkeypatch.context() as patch:
            patch.setattr(zipfile, "ZIP64_LIMIT", 2000)
            real_copy(base, target, sheets, zip64)

    monkeypatch.setattr(xlsx_splice, "_copy", small_limit_copy)
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.exit_code in (0, 1), result.output
    assert copies == [False, True]
    with zipfile.ZipFile(out) as package:
        assert package.testzip() is None
        assert package.getinfo("xl/worksheets/sheet2.xml").file_size > 2000
    assert _names(out) == EXPECTED_NAMES
    assert openpyxl.load_workbook(out)["汇总"]["A1"].value


def test_xlsxwriter_is_pinned_to_the_major_version_whose_markup_is_copied() -> None:
    """detail_xml copies XlsxWriter 3's markup: a new major version may change it, so the
    requirement stops below 4 (the byte test above is the tripwire within 3.x)."""
    import configparser

    from conftest import ROOT

    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    requires = [line.strip() for line in config["options"]["install_requires"].splitlines()]
    assert "xlsxwriter>=3.1,<4" in requires
    assert xlsxwriter.__version__.split(".")[0] == "3"
