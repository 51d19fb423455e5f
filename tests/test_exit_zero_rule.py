"""Issue 19, "Exit 0 means right": each point of the rule, end to end through the CLI.

1. A doubt that moves money is an error (districts, units, sheets, whole workbooks).
2. Every non-empty cell is accounted for (columns not taken, cancelled lines, hidden and struck rows).
3. The nothing-lost balance is a check from the cells (tests/unit/check/test_balance.py holds it in small).
4. A stated number is compared at its own precision.
5. `check` is as strict as `consolidate` about each line.
6. Duplicates take the town column into account.
"""

from __future__ import annotations

from pathlib import Path

from conftest import make_xlsx, run, run_json, settings_file

HEAD = ["序号", "单位名称", "金额（万元）", "资金用途"]
SETTINGS = '[fund]\nname = "电商资金"\nyear = 2018\ncap = 500\ndistricts = ["高新区", "赫山区", "资阳区"]\n'


def codes(data: dict, severity: str | None = None) -> list[str]:
    return [i["code"] for i in data["issues"] if severity is None or i["severity"] == severity]


def consolidate(folder: Path, tmp_path: Path) -> tuple[int, dict]:
    return run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))


# ---------------------------------------------------------------- 1. districts


def test_prose_naming_several_districts_names_none_and_the_file_decides(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [["2018年电商资金分配表"], ["其中高新区204万元、赫山区177万元"], HEAD, [1, "甲公司", 10, "平台"], ["合计", None, 10, None]]
    make_xlsx(folder / "资阳区.xlsx", rows)
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert code == 0, data["issues"]
    assert data["districts"]["资阳区"] == {"recipients": 1, "total": "10"}


def test_a_stale_title_against_the_filer_line_is_an_error(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [["赫山区2018年电商资金分配表"], ["填报单位：高新区商务局", None, "单位：万元"], HEAD, [1, "甲公司", 10, "平台"], ["合计", None, 10, None]]
    make_xlsx(folder / "高新区.xlsx", rows)
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert code == 1 and "district-conflict" in codes(data, "错误")
    conflict = next(i for i in data["issues"] if i["code"] == "district-conflict")
    assert "表头标题“赫山区”" in conflict["message"] and "填报单位行“高新区”" in conflict["message"]


def test_a_short_district_name_matches_the_settings(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "赫山.xlsx", [HEAD, [1, "甲公司", 10, "平台"], ["合计", None, 10, None]])
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert code == 0 and data["districts"]["赫山区"]["total"] == "10"


# ---------------------------------------------------------------- 1. units


def test_a_sheet_in_qian_yuan_is_read_in_qian_yuan(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [["分配表"], ["单位：千元"], HEAD[:2] + ["金额", "资金用途"], [1, "甲公司", 1200, "平台"], ["合计", None, 1200, None]])
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (0, "120")


def test_a_count_table_is_refused_not_read_as_money(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [["网络交易笔数统计"], ["单位：笔"], ["序号", "单位名称", "金额"], [1, "甲公司", 1200], [2, "乙公司", 800]])
    make_xlsx(folder / "赫山区.xlsx", [HEAD, [1, "丙公司", 10, "平台"], ["合计", None, 10, None]])
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert code == 1 and data["total"] == "10"
    refused = next(i for i in data["issues"] if i["code"] == "unit-not-money")
    assert (refused["file"], refused["cell"]) == ("高新区.xlsx", "第 2 行")


# ---------------------------------------------------------------- 4. a stated number at its own precision


def test_a_total_typed_to_two_decimals_over_four_decimal_lines_agrees(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [HEAD, [1, "甲公司", 3.1234, "平台"], [2, "乙公司", 9.2222, "推广"], ["合计", None, 12.35, None]]
    make_xlsx(folder / "高新区.xlsx", rows)
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert code == 0, data["issues"]
    assert data["total"] == "12.3456"


def test_a_whole_wan_total_never_hides_a_difference(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [HEAD, [1, "甲公司", 3.3, "平台"], [2, "乙公司", 9, "推广"], ["合计", None, 12, None]])
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert code == 1
    mismatch = next(i for i in data["issues"] if i["code"] == "stated-total-mismatch")
    assert "0.00 万元" not in mismatch["message"] and "多 0.30" in mismatch["message"]


# ---------------------------------------------------------------- 5. check is as strict as consolidate


def test_check_holds_each_line_against_the_cap_beside_the_file(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", [HEAD, [1, "甲公司", 120000, "平台"], [2, "乙公司", 3, "推广"]])
    settings_file(folder, SETTINGS)
    for target in (folder / "高新区.xlsx", folder):
        result = run("check", str(target))
        assert result.exit_code == 1, result.stdout
        assert "超过整个资金上限 500.00 万元" in result.stdout and "未发现问题" not in result.stdout


def test_check_without_settings_refuses_a_line_over_ten_million(tmp_path: Path):
    path = make_xlsx(tmp_path / "高新区.xlsx", [HEAD, [1, "甲公司", 120000, "平台"], [2, "乙公司", 3, "推广"]])
    result = run("check", str(path))
    assert result.exit_code == 1 and "[错误] Sheet1!C2 “甲公司”的金额 120,000.00 万元超过 1000 万元" in result.stdout


def test_a_folder_in_yuan_with_no_unit_and_no_cap_is_refused(tmp_path: Path):
    # 元 typed with no unit written anywhere and no cap in the settings: read as 万元 it is 10,000
    # times too large; nothing else bounds it, so the typical line over 1,000 万元 is an error.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "xlfund.toml").write_text('[fund]\nname = "电子商务发展引导资金"\nyear = 2018\n\n[districts]\nnames = ["高新区"]\n', encoding="utf-8")
    make_xlsx(folder / "高新区.xlsx", [["序号", "村名称", "补助金额", "资金用途"], [1, "金湖村", 5000, "站点"], [2, "银湖村", 8000, "站点"],
                                     [3, "玉湖村", 3000, "站点"], ["合计", None, 16000, None]])
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))
    assert code == 1
    assert [(i["code"], i["severity"], i["cell"]) for i in data["issues"] if i["severity"] == "错误"] == [("amount-sheet-large-no-cap", "错误", "C2")]


# ---------------------------------------------------------------- 6. duplicates and towns


def test_the_same_village_in_two_towns_is_no_duplicate(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [["序号", "乡镇", "村名称", "金额（万元）", "资金用途"], [1, "龙光桥镇", "新村", 10, "电商服务站"], [2, "泥江口镇", "新村", 10, "电商服务站"],
            ["合计", None, None, 20, None]]
    make_xlsx(folder / "赫山区.xlsx", rows)
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert "duplicate-recipient" not in codes(data) and data["recipients"] == 2 and code == 0


# ---------------------------------------------------------------- 1. which sheets count


def _book(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for i, (name, rows) in enumerate(sheets.items()):
        ws = book.active if i == 0 else book.create_sheet()
        ws.title = name
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


FINAL = [["2018年电商资金分配表"], HEAD, [1, "甲公司", 10, "平台"], [2, "乙公司", 5, "推广"], ["合计", None, 15, None]]
WORKING = [["测算表"], HEAD, [1, "甲公司", 10, "平台"], [2, "乙公司", 5, "推广"], [3, "丙公司", 2, "备选"]]


def test_a_working_sheet_that_repeats_the_final_one_is_left_out(tmp_path: Path):
    folder = tmp_path / "in"
    _book(folder / "高新区.xlsx", {"分配表": FINAL, "测算": WORKING})
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (0, "15"), data["issues"]
    assert [(i["code"], i["sheet"]) for i in data["issues"] if i["code"].startswith("sheet-")] == [("sheet-working-copy", "测算")]


def test_two_sheets_nothing_tells_apart_are_an_error(tmp_path: Path):
    folder = tmp_path / "in"
    _book(folder / "高新区.xlsx", {"Sheet1": FINAL, "Sheet2": FINAL})
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (1, "15") and "sheet-repeats" in codes(data, "错误")
    settings_file(folder, SETTINGS + '[sheets]\nskip = ["Sheet2"]\n')  # the clerk decides in one line
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (0, "15"), data["issues"]


def test_another_years_sheet_is_left_out_and_a_file_of_another_year_is_an_error(tmp_path: Path):
    folder = tmp_path / "in"
    last_year = [["2017年电商资金分配表"], HEAD, [1, "丁公司", 7, "平台"], ["合计", None, 7, None]]
    _book(folder / "高新区.xlsx", {"2018": FINAL, "2017": last_year})
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (0, "15") and "sheet-other-fund" in codes(data, "警告")
    _book(folder / "高新区.xlsx", {"2017": last_year})
    code, data = consolidate(folder, tmp_path)
    assert code == 1 and "file-other-fund" in codes(data, "错误")


def test_another_funds_sheet_beside_this_funds_is_left_out(tmp_path: Path):
    folder = tmp_path / "in"
    ours = [["2018年益阳市电子商务发展引导资金分配表"], HEAD, [1, "甲公司", 10, "平台"], ["合计", None, 10, None]]
    theirs = [["2018年家政服务业发展专项资金分配表"], HEAD, [1, "家政公司", 30, "培训"], ["合计", None, 30, None]]
    _book(folder / "高新区.xlsx", {"电商": ours, "家政": theirs})
    settings_file(folder, SETTINGS.replace('name = "电商资金"', 'name = "益阳市电子商务发展引导资金"'))
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (0, "10") and "sheet-other-fund" in codes(data)


def test_a_hidden_sheet_with_money_of_its_own_is_an_error(tmp_path: Path):
    folder = tmp_path / "in"
    extra = [HEAD, [1, "戊公司", 8, "平台"]]
    _book(folder / "高新区.xlsx", {"分配表": FINAL, "补充": extra}, hidden=("补充",))
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (1, "15")
    hidden = next(i for i in data["issues"] if i["code"] == "sheet-hidden-with-money")
    assert hidden["sheet"] == "补充" and "8.00 万元" in hidden["message"]


# ---------------------------------------------------------------- 1. a workbook that is no allocation table


def test_a_table_of_numbers_is_refused_as_a_whole_with_that_cause(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [["2018年网络零售统计"], ["单位名称", "金额"], *[[2000 + i, 100 + i] for i in range(30)], ["一季度小计", 3500]]
    make_xlsx(folder / "高新区.xlsx", rows)
    make_xlsx(folder / "赫山区.xlsx", [HEAD, [1, "丙公司", 10, "平台"], ["合计", None, 10, None]])
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert (code, data["total"]) == (1, "10")
    about = [i for i in data["issues"] if i["file"] == "高新区.xlsx"]
    assert [i["code"] for i in about if i["severity"] == "错误"] == ["file-not-allocation"]
    assert "30 行中有 30 行的“单位名称”是数字" in about[0]["message"]
    assert not any(i["code"].startswith("amount-") for i in about)  # no blame on a wrong cause
