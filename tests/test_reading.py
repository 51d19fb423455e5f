"""Layouts and amount forms that districts really send, each read through the CLI."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE, make_xlsx, run_json, settings_file, sheet_rows, simple_sheet, workbook_values


def consolidate(folder: Path, tmp_path: Path, *extra: str) -> tuple[int, dict]:
    return run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"), *extra)


def issues(data: dict, severity: str | None = None) -> list[tuple[str, str, str, str]]:
    return [(i["code"], i["file"], i["sheet"], i["cell"]) for i in data["issues"] if severity in (None, i["severity"])]


def test_title_unit_line_in_yuan_and_footnotes(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "a.xlsx", [
        ["2018年电子商务发展引导资金分配明细表（高新区）"],
        [None, None, "单位：元"],
        ["序号", "企业名称", "扶持金额", "资金用途"],
        [1, "甲公司", 120000, "平台运营"],
        [2, "乙公司", "50,000", "推广"],
        ["合计", None, 170000, None],
        ["注：以上名单已公示。"],
        ["填表人：", None, "审核人："],
        ["2018年12月20日"],
    ], sheet="Sheet1")
    code, data = consolidate(folder, tmp_path)
    assert code == 0, data["issues"]
    assert Decimal(data["total"]) == Decimal(17)
    assert data["districts"] == {"高新区": {"recipients": 2, "total": "17"}}
    sheet = data["files"][0]["sheets"][0]
    assert (sheet["records"], sheet["header"], sheet["totals"], sheet["notes"], sheet["read"]) == (2, 3, 1, 3, 9)


def test_two_row_merged_header_and_district_column_merged_down(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "b.xlsx", [
        ["名单"],
        ["序号", "所属区县", "项目单位", "扶持情况", None],
        [None, None, None, "补助资金（万元）", "主要用途"],
        [1, "赫山区", "甲公司", 10, "运营"],
        [2, None, "乙公司", 5.5, "推广"],
        [3, None, "丙公司", "扶持9万元", "培训"],
        ["合  计", None, None, 24.5, None],
    ], merges=("A2:A3", "B2:B3", "C2:C3", "D2:E2", "B4:B6"))
    code, data = consolidate(folder, tmp_path)
    assert code == 0, data["issues"]
    assert data["districts"] == {"赫山区": {"recipients": 3, "total": "24.5"}}


@pytest.mark.parametrize(
    ("name_head", "amount_head", "purpose_head"),
    [("单位名称", "金额", "资金用途"), ("扶持对象", "补助资金", "用途"), ("项目单位", "奖励金额（万元）", "主要用途"),
     ("企业（单位）名称", "拨付金额", "建设内容")],
)
def test_column_names_that_differ_between_districts(tmp_path: Path, name_head, amount_head, purpose_head):
    folder = tmp_path / "in"
    make_xlsx(folder / "资阳区.xlsx", [["序号", name_head, purpose_head, amount_head], [1, "甲公司", "运营", 8]])
    code, data = consolidate(folder, tmp_path)
    assert Decimal(data["total"]) == 8 and data["recipients"] == 1
    assert data["districts"] == {"资阳区": {"recipients": 1, "total": "8"}}
    _f, values = workbook_values(tmp_path / "out.xlsx")
    assert sheet_rows(values, "明细")[1][4] == "运营"


def test_amount_forms_in_one_sheet(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "安化县.xlsx", simple_sheet("安化县", [
        ("甲村", "12万元"), ("乙村", "１０"), ("丙村", "壹拾万元整"), ("丁村", "100,000元"), ("戊村", 0.5), ("己村", " 3 "),
    ], total=45.5))
    code, data = consolidate(folder, tmp_path)
    assert code == 0, data["issues"]
    assert Decimal(data["total"]) == Decimal("45.5")


def test_subtotals_are_checked_per_section_and_never_counted(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [
        ["序号", "企业名称", "金额（万元）"],
        [1, "甲公司", 10], [2, "乙公司", 5],
        ["小计", None, 15],
        [3, "丙公司", 7],
        ["小计", None, 8],
        ["合计", None, 22],
    ])
    code, data = consolidate(folder, tmp_path)
    assert Decimal(data["total"]) == 22
    assert issues(data, "错误") == [("stated-total-mismatch", "高新区.xlsx", "Sheet1", "C6")]
    assert code == 1
    message = next(i["message"] for i in data["issues"] if i["code"] == "stated-total-mismatch")
    assert "8" in message and "7" in message
    formulas, values = workbook_values(tmp_path / "out.xlsx")
    stated = {row[1].value: (row[3].value, values["对账"].cell(row[0].row, 6).value) for row in formulas["对账"].iter_rows(min_row=2) if row[6].value}
    assert stated == {
        "高新区.xlsx·Sheet1 第4行小计": ("=SUM(明细!$D$2:$D$3)", "一致"),
        "高新区.xlsx·Sheet1 第6行小计": ("=SUM(明细!$D$4)", "不一致"),
        "高新区.xlsx·Sheet1 第7行合计": ("=SUM(明细!$D$2:$D$4)", "一致"),
    }


def test_remarks_get_their_column_only_when_sent(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [["序号", "企业名称", "金额", "备注"], [1, "甲公司", 1, "已公示"], [2, "乙公司", 2, None]])
    consolidate(folder, tmp_path)
    _f, values = workbook_values(tmp_path / "out.xlsx")
    rows = sheet_rows(values, "明细")
    assert rows[0][-1] == "备注" and [r[-1] for r in rows[1:]] == ["已公示", None]


def test_csv_in_gb18030_utf8_bom_and_tabs(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [["资阳区分配表"], ["序号", "企业名称", "扶持金额（元）", "用途"], [1, "湖南好兆头食品有限公司", "100,000", "网店"], ["", "合计", "100,000", ""]]
    for name, encoding, delimiter in (("gbk.csv", "gb18030", ","), ("bom.csv", "utf-8-sig", ","), ("tab.csv", "utf-8", "\t")):
        with (folder / name).open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerows([[r[0], *r[1:]] for r in rows])
        # each file holds the same firm: make them distinct so they are not duplicates
        rows[2][1] = rows[2][1] + "分公司"
    code, data = consolidate(folder, tmp_path)
    assert Decimal(data["total"]) == 30
    assert data["districts"] == {"资阳区": {"recipients": 3, "total": "30"}}
    assert issues(data, "错误") == [] and code == 0


def test_xls_is_read(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "安化县.xls").write_bytes((SAMPLE / "安化县.xls").read_bytes())
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and Decimal(data["total"]) == 40 and data["recipients"] == 4


@pytest.mark.parametrize(
    ("sheet", "title", "file", "expected", "source"),
    [
        ("高新区", "分配明细表", "x.xlsx", "高新区", "工作表名"),
        ("Sheet1", "2018年电子商务发展引导资金分配明细表（高新区）", "x.xlsx", "高新区", "表头标题"),
        ("Sheet1", "填报单位：赫山区商务局", "x.xlsx", "赫山区", "填报单位行"),
        ("Sheet1", "分配明细表", "资阳区-2018.xlsx", "资阳区", "文件名"),
    ],
)
def test_district_from_sheet_title_or_file_name(tmp_path: Path, sheet, title, file, expected, source):
    folder = tmp_path / "in"
    make_xlsx(folder / file, [[title], ["序号", "单位名称", "金额"], [1, "甲公司", 3]], sheet=sheet)
    code, data = consolidate(folder, tmp_path)
    assert list(data["districts"]) == [expected]
    _f, values = workbook_values(tmp_path / "out.xlsx")
    assert sheet_rows(values, "明细")[1][6] == source


def test_a_file_name_that_is_no_place_is_never_a_district(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "名单.xlsx", [["序号", "单位名称", "金额"], [1, "甲公司", 3]])
    code, data = consolidate(folder, tmp_path)
    assert code == 1
    assert list(data["districts"]) == ["（未识别区县）"]
    assert ("district-undetermined", "名单.xlsx", "Sheet1", "") in issues(data, "错误")


def test_rejected_rows_are_located_and_the_rest_still_consolidated(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [
        ["序号", "企业名称", "金额（万元）", "资金用途"],
        [1, "甲公司", 10, "a"],
        [2, "乙公司", "十来万", "b"],
        [3, None, 4, "c"],
        [4, "丁公司", None, "d"],
        [5, "戊公司", -2, "e"],
    ])
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("己公司", 6)], total=6))
    code, data = consolidate(folder, tmp_path)
    assert code == 1
    assert Decimal(data["total"]) == 16
    assert sorted(issues(data, "错误")) == [
        ("amount-missing", "高新区.xlsx", "Sheet1", "C5"),
        ("amount-not-positive", "高新区.xlsx", "Sheet1", "C6"),
        ("amount-unparseable", "高新区.xlsx", "Sheet1", "C3"),
        ("name-missing", "高新区.xlsx", "Sheet1", "B4"),
    ]
    sheet = data["files"][1]["sheets"][0]
    assert (sheet["records"], sheet["rejected"], sheet["read"]) == (1, 4, 6)


def test_sheet_without_header_is_an_error_naming_its_range(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "乱.xlsx", [["随便写的"], ["没有表头", 3]])
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("己公司", 6)], total=6))
    code, data = consolidate(folder, tmp_path)
    assert code == 1 and data["recipients"] == 1
    assert ("header-not-found", "乱.xlsx", "Sheet1", "A1:B2") in issues(data, "错误")


def test_hidden_and_empty_sheets_and_stray_files_are_skipped_with_a_note(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)], total=1), extra={"空表": [], "旧版": [["序号", "单位名称", "金额"], [1, "乙", 99]]})
    book = openpyxl.load_workbook(folder / "高新区.xlsx")
    book["旧版"].sheet_state = "hidden"
    book.save(folder / "高新区.xlsx")
    for name in ("~$高新区.xlsx", ".~lock.高新区.xlsx#", "desktop.ini", "Thumbs.db", "说明.docx", ".DS_Store"):
        (folder / name).write_bytes(b"junk")
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and Decimal(data["total"]) == 1
    skipped = {f["file"] for f in data["files"] if f["status"] == "已跳过"}
    assert skipped == {"~$高新区.xlsx", ".~lock.高新区.xlsx#", "desktop.ini", "Thumbs.db", "说明.docx", ".DS_Store"}
    notes = {(i["code"], i["sheet"]) for i in data["issues"] if i["code"] in ("sheet-skipped", "sheet-hidden-old")}
    assert notes == {("sheet-skipped", "空表"), ("sheet-hidden-old", "旧版")}  # its money said, not lost silently


def test_duplicates_within_and_across_districts_are_warned(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("甲 公司", 2)]))
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("甲公司", 3)]))
    code, data = consolidate(folder, tmp_path)
    assert code == 0
    dups = [i for i in data["issues"] if i["code"] == "duplicate-recipient"]
    assert len(dups) == 1  # one per recipient, at its first line, naming all three places
    assert (dups[0]["file"], dups[0]["cell"]) == ("赫山区.xlsx", "B3")  # the first line read, at its name
    assert "出现 3 次（合计 6.00 万元）" in dups[0]["message"]
    assert all(f"{place}" in dups[0]["message"] for place in ("高新区.xlsx·Sheet1!B3", "高新区.xlsx·Sheet1!B4", "赫山区.xlsx·Sheet1!B3"))


def test_the_same_file_sent_twice_is_counted_once(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("甲公司", 3)], total=3))
    (folder / "赫山区(1).xlsx").write_bytes((folder / "赫山区.xlsx").read_bytes())
    code, data = consolidate(folder, tmp_path)
    assert Decimal(data["total"]) == 3
    assert ("file-duplicate", "赫山区(1).xlsx", "", "") in issues(data, "警告")
    assert [(f["file"], f["status"]) for f in data["files"]] == [("赫山区.xlsx", "已读取"), ("赫山区(1).xlsx", "重复")]


def test_formula_like_text_is_written_as_text(tmp_path: Path):
    import python_calamine

    folder = tmp_path / "in"
    evil = ['=HYPERLINK("http://x.invalid","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "{=1}"]
    make_xlsx(folder / "高新区.xlsx", [["序号", "企业名称", "金额", "资金用途"]] + [[i, name, 1, name] for i, name in enumerate(evil, 1)])
    # A carriage return survives only in CSV (XML turns a raw CR into LF).
    with (folder / "赫山区.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["序号", "企业名称", "金额", "资金用途"], [1, "\r=1", 1, "\r=2"]])
    evil.append("\r=1")
    consolidate(folder, tmp_path)
    formulas, _values = workbook_values(tmp_path / "out.xlsx")
    ws = formulas["明细"]
    rows = range(2, 2 + len(evil))
    assert all(ws.cell(r, 2).data_type == "s" and ws.cell(r, 5).data_type == "s" for r in rows)
    # openpyxl does not unescape _x000D_; calamine reads text the way Excel shows it.
    shown = python_calamine.load_workbook(str(tmp_path / "out.xlsx")).get_sheet_by_name("明细").to_python()
    assert sorted(row[1] for row in shown[1:]) == sorted(e.strip() for e in evil)  # written trimmed, still text


def test_settings_quota_plan_and_cap_checks(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 300)], total=300))
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("乙公司", 250)], total=250))
    settings_file(folder, '[fund]\nname = "测试资金"\nyear = 2020\ncap = 500\nplan = 480\n[quotas]\n"高新区" = 300\n"赫山区" = 200\n"资阳区" = 10\n')
    code, data = consolidate(folder, tmp_path)
    assert code == 1
    codes = [i["code"] for i in data["issues"]]
    assert codes[0] == "over-cap"
    assert {"plan-mismatch", "quota-mismatch", "district-missing"} <= set(codes)
    assert Decimal(data["remaining"]) == -50
    # --cap on the command line wins over the settings
    code, data = consolidate(folder, tmp_path, "--cap", "600")
    assert "over-cap" not in [i["code"] for i in data["issues"]] and data["cap"] == "600"


def test_a_total_row_with_text_in_the_name_column_is_still_a_total(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [["序号", "企业名称", "金额"], [1, "甲公司", 4], [2, "乙公司", 5], ["合计", "（共2家）", 9], ["注：金额单位为万元", None, None]])
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and data["recipients"] == 2 and Decimal(data["total"]) == 9
    sheet = data["files"][0]["sheets"][0]
    assert (sheet["totals"], sheet["notes"]) == (1, 1)


def test_xlsm_is_read_like_xlsx(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "赫山区.xlsm", simple_sheet("赫山区", [("宏公司", 2.5)], total=2.5))
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and data["districts"] == {"赫山区": {"recipients": 1, "total": "2.5"}}
    assert [i["code"] for i in data["issues"] if i["file"] == "赫山区.xlsm"] == []


def test_unit_line_in_wan_counts(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [["分配表"], ["金额单位：万元"], ["序号", "企业名称", "扶持金额"], [1, "甲公司", 12], ["合计", None, 12]])
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and Decimal(data["total"]) == 12


@pytest.mark.parametrize("text", ["单位：万元", "万元", "区县", "县（市、区）", "2018-12-20", "2018年12月20日", "490", "合计", "幼保健院丁家庄院区", "园区"])
def test_a_unit_a_header_word_a_number_or_a_date_is_never_a_district(text: str):
    from xlfund.sheet.district import canonical_district, district_in_text, sheet_name_district

    assert district_in_text(text, ()) is None
    assert canonical_district(text, ()) is None
    assert sheet_name_district(text, ()) is None


def test_a_renamed_sheet_with_no_office_line_is_not_booked_to_the_unit_line(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "报表.xlsx", [["电子商务资金分配表"], ["填报单位：", None, "单位：万元"], ["序号", "单位名称", "金额"], [1, "甲公司", 3]],
              sheet="第一批")
    code, data = consolidate(folder, tmp_path)
    assert code == 1 and list(data["districts"]) == ["（未识别区县）"]
    assert ("district-undetermined", "报表.xlsx", "第一批", "") in issues(data, "错误")
