"""Hostile input, second round: work bounded by what a file states, checked before it is spent.

Each attack is a small generated file beside an honest one; the CLI runs in a child process
under a memory limit and a timeout (tests/hostile_kit.py). Every attack must end in a named
finding for its own file, the honest file still counted, and no traceback.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import simple_sheet
from hostile_kit import assert_good_file_counted, consolidate_json, folder_with_good_file, part, rezip, run_cli, xlsx_bytes

SHEET = "xl/worksheets/sheet1.xml"


def honest_package(district: str = "高新区") -> bytes:
    return xlsx_bytes(simple_sheet(district, [("甲公司", 1), ("乙公司", 2)], total=3), sheet=district)


def with_cells(package: bytes, cells: bytes) -> bytes:
    """The package with extra <row> elements at the end of the first sheet's data."""
    return rezip(package, {SHEET: part(package, SHEET).replace(b"</sheetData>", cells + b"</sheetData>")})


@pytest.mark.parametrize("corner", ["XFD1048576", "XFD30000"])
def test_a_far_cell_is_refused_at_its_sheet_before_reading(tmp_path: Path, corner: str):
    """A 5 KB file with one cell at XFD1048576 aborted the process (calamine allocates the whole
    rectangle); at XFD30000 it took 18.8 GB."""
    folder = folder_with_good_file(tmp_path)
    row = corner.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    (folder / "高新区.xlsx").write_bytes(with_cells(honest_package(), f'<row r="{row}"><c r="{corner}"><v>1</v></c></row>'.encode()))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 1
    assert ran.issues("高新区.xlsx") == [("limit-sheet-cells", "高新区", "")]
    assert corner in ran.message("高新区.xlsx", "limit-sheet-cells")
    assert_good_file_counted(ran)
    assert ran.seconds < 20


def test_check_refuses_a_far_cell_too(tmp_path: Path):
    path = tmp_path / "高新区.xlsx"
    path.write_bytes(with_cells(honest_package(), b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'))
    ran = run_cli("check", str(path))
    assert ran.code == 1
    assert "表格过大" in ran.stdout and "XFD1048576" in ran.stdout


def test_a_far_dimension_record_alone_is_harmless(tmp_path: Path):
    """The <dimension> record is not what readers allocate: the sheet is read as it is."""
    folder = folder_with_good_file(tmp_path)
    package = honest_package()
    lying = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', part(package, SHEET))
    (folder / "高新区.xlsx").write_bytes(rezip(package, {SHEET: lying}))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 0 and ran.data["districts"]["高新区"] == {"recipients": 2, "total": "3"}


def test_an_empty_styled_cell_far_away_does_not_count(tmp_path: Path):
    """Excel writes <c r="…" s="3"/> for a formatted empty cell; readers build no range for it."""
    folder = folder_with_good_file(tmp_path)
    (folder / "高新区.xlsx").write_bytes(with_cells(honest_package(), b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 0 and ran.data["districts"]["高新区"] == {"recipients": 2, "total": "3"}


def with_merges(package: bytes, refs: list[str]) -> bytes:
    merges = b'<mergeCells count="%d">' % len(refs) + b"".join(b'<mergeCell ref="%s"/>' % r.encode() for r in refs) + b"</mergeCells>"
    return rezip(package, {SHEET: part(package, SHEET).replace(b"</sheetData>", b"</sheetData>" + merges)})


def test_copies_of_one_huge_merge_count_once(tmp_path: Path):
    """3,000 copies of one <mergeCell> of a million cells (a 5 KB file) ran forever."""
    folder = folder_with_good_file(tmp_path)
    (folder / "高新区.xlsx").write_bytes(with_merges(honest_package(), ["H10:AE40000"] * 3000))
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=1536 * 1024**2)
    assert ran.code == 0 and ran.data["districts"]["高新区"] == {"recipients": 2, "total": "3"}
    assert ran.seconds < 20


def test_many_huge_merges_are_refused_at_the_sheet(tmp_path: Path):
    """100 distinct merges of a million cells each ended in MemoryError, no output."""
    folder = folder_with_good_file(tmp_path)
    merges = [f"A{40_000 * i + 10}:Y{40_000 * (i + 1) + 9}" for i in range(100)]
    (folder / "高新区.xlsx").write_bytes(with_merges(honest_package(), merges))
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=1536 * 1024**2)
    assert ran.code == 1
    assert ran.issues("高新区.xlsx") == [("limit-merged-cells", "高新区", "")]
    assert "100 处" in ran.message("高新区.xlsx", "limit-merged-cells")
    assert_good_file_counted(ran)


def test_a_sheet_in_utf16_is_an_error_not_a_blank_sheet(tmp_path: Path):
    """Excel and LibreOffice read a UTF-16 sheet part; calamine reads it blank: the money vanished."""
    folder = folder_with_good_file(tmp_path)
    package = honest_package()
    xml = part(package, SHEET).decode("utf-8")
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>' + xml.split("?>", 1)[-1]).encode("utf-16")
    (folder / "高新区.xlsx").write_bytes(rezip(package, {SHEET: utf16}))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 1
    assert ran.issues("高新区.xlsx") == [("sheet-undecodable", "高新区", "")]
    assert "UTF-16" in ran.message("高新区.xlsx", "sheet-undecodable")


def test_two_sheets_with_one_name_are_never_counted_twice(tmp_path: Path):
    """calamine finds sheets by name, even by index: the first was counted twice, the second lost."""
    import openpyxl

    folder = folder_with_good_file(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "高新区"
    for row in simple_sheet("高新区", [("甲公司", 1)], total=1):
        book.active.append(row)
    other = book.create_sheet("第二批")
    for row in simple_sheet("高新区", [("乙公司", 2)], total=2):
        other.append(row)
    path = tmp_path / "two.xlsx"
    book.save(path)
    package = path.read_bytes()
    workbook = part(package, "xl/workbook.xml").replace('name="第二批"'.encode(), 'name="高新区"'.encode())
    (folder / "高新区.xlsx").write_bytes(rezip(package, {"xl/workbook.xml": workbook}))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 1
    assert ran.data["districts"]["高新区"] == {"recipients": 1, "total": "1"}
    assert ("sheet-name-duplicate", "高新区", "") in ran.issues("高新区.xlsx")
    assert "第 2 个工作表与第 1 个同名" in ran.message("高新区.xlsx", "sheet-name-duplicate")


def test_a_long_run_of_padding_is_refused_before_readers_buffer_it(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    package = honest_package()
    padded = part(package, SHEET).replace(b"</sheetData>", b" " * 5_000_000 + b"</sheetData>")
    (folder / "高新区.xlsx").write_bytes(rezip(package, {SHEET: padded}))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.issues("高新区.xlsx") == [("limit-xml-run", "高新区", "")]
    assert_good_file_counted(ran)


def test_padding_in_short_runs_is_read_in_linear_time(tmp_path: Path):
    """300 MB of padding that passes the ratio check took 62 s and 930 MB (80 s in a quadratic
    scan); 30 MB here, in runs under the limit, must read in a few seconds."""
    folder = folder_with_good_file(tmp_path)
    package = honest_package()
    sheet = part(package, SHEET)
    padded = sheet.replace(b"</sheetData>", (b" " * 999_990 + b"<!---->") * 30 + b"</sheetData>")
    (folder / "高新区.xlsx").write_bytes(rezip(package, {SHEET: padded}))
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=1024**3)
    assert ran.code == 0 and ran.data["districts"]["高新区"] == {"recipients": 2, "total": "3"}
    assert ran.seconds < 10


def test_a_part_declared_over_the_limit_is_refused_unread(tmp_path: Path):
    """Absolute bounds, not only the ratio: a sheet stated at 900 MB (1.4 GB never ended)."""
    folder = folder_with_good_file(tmp_path)
    # 1 MB that does not compress keeps the whole file under the 1000:1 ratio a bomb shows.
    noise = {"xl/media/noise.bin": os.urandom(1_000_000)}
    (folder / "高新区.xlsx").write_bytes(rezip(honest_package(), noise, declared={SHEET: 900_000_000}))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert [code for code, _s, _c in ran.issues("高新区.xlsx")] == ["limit-file-size"]
    assert "900 MB" in ran.message("高新区.xlsx", "limit-file-size")
    assert_good_file_counted(ran)


def test_cells_without_addresses_are_placed_as_readers_place_them(tmp_path: Path):
    """Some writers omit r="…": the used range is counted by position, so a row at 1048576
    with 16,384 unaddressed cells is still refused."""
    folder = folder_with_good_file(tmp_path)
    cells = b"<c><v>1</v></c>" * 20
    (folder / "高新区.xlsx").write_bytes(with_cells(honest_package(), b'<row r="1048576">' + cells + b"</row>"))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.issues("高新区.xlsx") == [("limit-sheet-cells", "高新区", "")]
    assert "T1048576" in ran.message("高新区.xlsx", "limit-sheet-cells")


def test_readme_lists_every_limit_and_what_happens_at_it():
    from conftest import ROOT

    import xlfund.limits as limits

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### 不可信的文件：上限"):readme.index("### 评分表模板")]
    names = [name for name in vars(limits) if name.isupper()]
    assert len(names) > 20
    assert [name for name in names if f"`{name}`" not in section] == []


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2"><office:body><office:spreadsheet><table:table table:name="高新区">
<table:table-row table:number-rows-repeated="30000"><table:table-cell table:number-columns-repeated="3300"
 office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry
 manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry
 manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""


def test_a_reader_that_runs_out_of_memory_costs_only_its_file(tmp_path: Path):
    """A format with no scan before reading (.ods): 1 KB asking for 99 million cells. The reading
    process hits its memory ceiling and aborts; that file is reported, the run goes on."""
    import zipfile

    folder = folder_with_good_file(tmp_path)
    with zipfile.ZipFile(folder / "高新区.ods", "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        package.writestr("content.xml", ODS_CONTENT)
        package.writestr("META-INF/manifest.xml", ODS_MANIFEST)
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=1024**3)
    assert ran.code == 1
    assert [code for code, _s, _c in ran.issues("高新区.ods")] == ["file-unreadable"]
    assert "异常退出" in ran.message("高新区.ods", "file-unreadable")
    assert_good_file_counted(ran)


def _scan(xml: bytes, exact: bool = False):
    import io

    from xlfund.read import xlsx_cells

    scanner = xlsx_cells._Scanner(exact=exact)
    found = scanner.scan(io.BytesIO(xml))
    return scanner.rows, scanner.cols, found


def _sheet_xml(cells: bytes, prefix: bytes = b"") -> bytes:
    p = prefix + b":" if prefix else b""
    ns = b' xmlns:%s="urn:x"' % prefix if prefix else b""
    return (b'<?xml version="1.0" encoding="UTF-8"?><' + p + b"worksheet" + ns + b"><" + p + b"cols><" + p + b'col min="1" max="3"/></'
            + p + b"cols><" + p + b"sheetData>" + cells + b"</" + p + b"sheetData></" + p + b"worksheet>")


@pytest.mark.parametrize(("cells", "expected"), [
    (b'<row r="1"><c r="A1"><v>1</v></c><c r="H1" t="s"><v>0</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>', (2, 8)),
    (b'<row r="1"><c r="A1"><v>1</v></c><c r="C500"><v>2</v></c></row>', (500, 3)),  # a cell past its <row>
    (b'<row r="1"><c s="1" r="AA7"><v>1</v></c></row>', (7, 27)),  # the address not first
    (b'<row r="9"><c><v>1</v></c><c><v>1</v></c><c t="s"><v>0</v></c></row>', (9, 3)),  # no addresses at all
    (b'<row r="3"><c r="B3"><v>1</v></c></row><row r="40"><c r="Z40" s="2"/></row>', (3, 2)),  # an empty styled cell
], ids=["ordinary", "cell-past-its-row", "address-not-first", "no-addresses", "empty-styled-cell"])
@pytest.mark.parametrize("chunk", [1 << 20, 7], ids=["one-chunk", "7-byte-chunks"])
def test_the_scan_finds_the_range_readers_build(monkeypatch, cells: bytes, expected: tuple[int, int], chunk: int):
    from xlfund.read import xlsx_cells

    monkeypatch.setattr(xlsx_cells, "CHUNK", chunk)
    monkeypatch.setattr(xlsx_cells, "HEAD_BYTES", 130)  # past the root element, then chunks of `chunk` bytes
    rows, cols, found = _scan(_sheet_xml(cells), exact=True)
    assert (rows, cols) == expected and found.refused is None
    quick_rows, quick_cols, _ = _scan(_sheet_xml(cells))
    assert quick_rows >= rows and quick_cols >= cols  # the quick pass may only over-count (empty cells)
    assert _scan(_sheet_xml(cells.replace(b"<", b"<x:").replace(b"<x:/", b"</x:"), b"x"), exact=True)[:2] == expected


def test_formulas_without_results_are_found_across_chunks(monkeypatch):
    from xlfund.read import xlsx_cells

    monkeypatch.setattr(xlsx_cells, "CHUNK", 5)
    monkeypatch.setattr(xlsx_cells, "HEAD_BYTES", 130)
    cells = b'<row r="2"><c r="C2"><f>1+1</f></c><c r="D2" t="e"><v>#REF!</v></c><c r="E2"><f>2</f><v>2</v></c></row>'
    assert _scan(_sheet_xml(cells))[2].special == {(1, 2): "formula", (1, 3): "#REF!"}
