"""Hostile text tables and archives: CSV, HTML saved as .xls, zip files of submissions."""

from __future__ import annotations

import zipfile
from pathlib import Path

from hostile_kit import GB, assert_good_file_counted, consolidate_json, folder_with_good_file

HEADER = "序号,企业名称,金额（万元）,资金用途\n"


def test_an_html_span_of_a_hundred_million_columns_is_clamped_as_browsers_do(tmp_path: Path):
    """120 bytes of HTML with colspan="100000000" took 9.8 GB."""
    folder = folder_with_good_file(tmp_path)
    (folder / "网页.xls").write_text('<table><tr><td colspan="100000000">x</td></tr></table>', encoding="utf-8")
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=GB)
    assert sorted(code for code, _s, _c in ran.issues("网页.xls")) == ["file-renamed-format", "header-not-found"]
    assert_good_file_counted(ran)


def test_html_spans_that_would_make_too_many_cells_are_refused(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    (folder / "网页.xls").write_text('<table><tr><td colspan="999" rowspan="65000">x</td></tr></table>', encoding="utf-8")
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=GB)
    assert ("limit-html-cells", "表格1", "") in ran.issues("网页.xls")
    assert_good_file_counted(ran)


def test_header_cells_of_web_exports_are_read(tmp_path: Path):
    """<thead>/<th> headers were dropped ("找不到表头")."""
    folder = folder_with_good_file(tmp_path)
    html = """<html><body><table>
      <thead><tr><th colspan="3">资阳区扶持资金名单</th></tr>
      <tr><th>序号</th><th>企业名称</th><th>金额（万元）</th></tr></thead>
      <tbody><tr><td>1</td><td>网页公司</td><td>7.5</td></tr>
      <tr><td rowspan="2">2</td><td>跨行公司</td><td>1</td></tr>
      <tr><td>第三公司</td><td>2</td></tr></tbody>
      <tfoot><tr><td>合计</td><td></td><td>10.5</td></tr></tfoot></table></body></html>"""
    (folder / "资阳区.xls").write_text(html, encoding="utf-8")
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 0, ran.data["issues"]
    assert ran.data["districts"]["资阳区"] == {"recipients": 3, "total": "10.5"}


def test_a_long_csv_cell_is_cut_and_said_so_not_the_whole_file_damaged(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    (folder / "高新区.csv").write_text(HEADER + f"1,甲公司,5,{'很长' * 100_000}\n", encoding="utf-8")
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.data["districts"]["高新区"] == {"recipients": 1, "total": "5"}
    assert ("text-truncated", "高新区", "D2") in ran.issues("高新区.csv")


def test_a_sparse_csv_is_refused_by_its_used_range(tmp_path: Path):
    """A 2 GB sparse CSV with a valid header took 6.2 GB: empty cells still cost their place."""
    folder = folder_with_good_file(tmp_path)
    (folder / "高新区.csv").write_text(HEADER + "1,甲公司,5,运营" + "," * 11_000_000 + "\n", encoding="utf-8")
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=GB)
    assert ran.issues("高新区.csv") == [("limit-sheet-cells", "高新区", "")]
    assert_good_file_counted(ran)


def sparse_csv(path: Path, size: int) -> None:
    """A CSV with a valid header whose stated size is `size` (a sparse file: nothing written)."""
    with path.open("wb") as handle:
        handle.write((HEADER + "1,甲公司,5,运营\n" * 1000).encode("utf-8"))
        handle.seek(size - 1)
        handle.write(b"\n")


def test_a_huge_file_is_refused_by_its_size_before_it_is_hashed_or_read(tmp_path: Path):
    """A 2 GB sparse CSV with a valid header took 6.2 GB."""
    folder = folder_with_good_file(tmp_path)
    sparse_csv(folder / "高新区.csv", 2 * 10**9)
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=GB)
    assert ran.issues("高新区.csv") == [("limit-file-size", "", "")]
    assert "2.0 GB" in ran.message("高新区.csv", "limit-file-size")
    assert ran.seconds < 10
    assert_good_file_counted(ran)


def test_a_text_table_over_its_size_limit_is_refused_unread(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    sparse_csv(folder / "高新区.csv", 320_000_000)
    ran = consolidate_json(folder, tmp_path / "out.xlsx", memory=GB)
    assert ran.issues("高新区.csv") == [("limit-file-size", "", "")]
    assert "320 MB" in ran.message("高新区.csv", "limit-file-size")


def test_utf32_and_bom_before_gbk_csv_files_are_read(tmp_path: Path):
    """The UTF-32 message was garbled with NULs; a BOM before GBK text was called not GB18030."""
    folder = folder_with_good_file(tmp_path)
    (folder / "高新区.csv").write_bytes((HEADER + "1,三十二公司,5,运营\n").encode("utf-32"))
    (folder / "资阳区.csv").write_bytes(b"\xef\xbb\xbf" + (HEADER + "1,国标公司,4,运营\n").encode("gbk"))
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.code == 0, ran.data["issues"]
    assert ran.data["districts"]["高新区"] == {"recipients": 1, "total": "5"}
    assert ran.data["districts"]["资阳区"] == {"recipients": 1, "total": "4"}


def test_a_zip_with_too_many_members_says_how_many(tmp_path: Path):
    """5,001 members were refused as "0.0 GB"."""
    folder = folder_with_good_file(tmp_path)
    with zipfile.ZipFile(folder / "档案.zip", "w") as archive:
        for number in range(5001):
            archive.writestr(f"{number}.csv", "")
    ran = consolidate_json(folder, tmp_path / "out.xlsx")
    assert ran.issues("档案.zip") == [("limit-file-size", "", "")]
    assert "5,001 个" in ran.message("档案.zip", "limit-file-size")
    assert_good_file_counted(ran)
