"""Issue 19, "Exit 0 means right": each point of the rule, end to end through the CLI.

1. A doubt that moves money is an error (districts, units, sheets, whole workbooks).
2. Every non-empty cell is accounted for (columns not taken, cancelled lines, hidden and struck rows).
3. The nothing-lost balance is a check from the cells (tests/unit/test_balance.py holds it in small).
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


def test_check_without_settings_warns_on_a_line_over_one_yi(tmp_path: Path):
    path = make_xlsx(tmp_path / "高新区.xlsx", [HEAD, [1, "甲公司", 120000, "平台"], [2, "乙公司", 3, "推广"]])
    result = run("check", str(path))
    assert result.exit_code == 1 and "超过 1 亿元" in result.stdout


# ---------------------------------------------------------------- 6. duplicates and towns


def test_the_same_village_in_two_towns_is_no_duplicate(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [["序号", "乡镇", "村名称", "金额（万元）", "资金用途"], [1, "龙光桥镇", "新村", 10, "电商服务站"], [2, "泥江口镇", "新村", 10, "电商服务站"],
            ["合计", None, None, 20, None]]
    make_xlsx(folder / "赫山区.xlsx", rows)
    settings_file(folder, SETTINGS)
    code, data = consolidate(folder, tmp_path)
    assert "duplicate-recipient" not in codes(data) and data["recipients"] == 2 and code == 0
