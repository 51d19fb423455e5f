"""Amounts typed in 元 into a 万元 form are named at the cell ("疑似按元填写"), in check and in
consolidate; honest large grants are not."""

from __future__ import annotations

from pathlib import Path

from conftest import make_xlsx, run, run_json, settings_file, simple_sheet


def issues(data: dict) -> set[tuple[str, str, str]]:
    return {(i["code"], i["severity"], i["cell"]) for i in data["issues"]}


def test_one_amount_in_yuan_is_flagged_at_its_cell_by_check_and_consolidate(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 12), ("乙公司", 250000), ("丙公司", 8), ("丁公司", 6)]))
    settings_file(folder, '[fund]\nname = "电商资金"\ncap = 500\n')
    checked = run("check", str(folder / "高新区.xlsx"))
    assert checked.exit_code == 1 and "C4" in checked.stdout and "疑似按元填写" in checked.stdout
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert code == 1
    assert ("amount-over-cap-line", "错误", "C4") in issues(data)
    assert ("amount-outlier", "警告", "C4") not in issues(data)  # one finding per cell: over the cap says it


def test_a_whole_sheet_in_yuan_is_one_error(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "资阳区.xlsx", simple_sheet("资阳区", [("甲公司", 120000), ("乙公司", 250000), ("丙公司", 80000)]))
    checked = run("check", str(folder / "资阳区.xlsx"))
    assert checked.exit_code == 1 and "疑似整表按元填写" in checked.stdout and "15.00 万元左右" not in checked.stdout
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert [c for c, _s, _cell in issues(data) if c.startswith("amount-")] == ["amount-sheet-in-yuan"]


def test_a_big_firm_beside_small_villages_is_no_slip(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "安化县.xlsx", simple_sheet("安化县", [("黑茶集团有限公司", 150), ("金湖村", 1), ("东坪村", 1), ("龙塘村", 1.5)]))
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert not [c for c, _s, _cell in issues(data) if c.startswith("amount-")]


def test_empty_purposes_are_one_warning_per_sheet_with_the_rows(tmp_path: Path):
    folder = tmp_path / "in"
    rows = [["赫山区资金分配表"], ["序号", "单位名称", "金额（万元）", "资金用途"], [1, "甲公司", 5, None], [2, "乙公司", 6, "物流"], [3, "丙公司", 7, " "]]
    make_xlsx(folder / "赫山区.xlsx", rows)
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    found = [i for i in data["issues"] if i["code"] == "purpose-missing"]
    assert len(found) == 1 and found[0]["cell"] == "C3" and "2 个单位" in found[0]["message"] and "第 3、5 行" in found[0]["message"]


def test_wan_typed_under_a_yuan_header_is_one_error(tmp_path: Path):
    """The mirror slip: the header says 元, the clerk typed 万元 (12 for 12 万元 reads as 12 元)."""
    folder = tmp_path / "in"
    rows = [["高新区资金分配表"], ["序号", "单位名称", "金额（元）", "资金用途"], [1, "甲公司", 12, "平台"], [2, "乙公司", 8, "物流"], [3, "丙公司", 5, "推广"]]
    make_xlsx(folder / "高新区.xlsx", rows)
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    found = [i for i in data["issues"] if i["code"] == "amount-sheet-in-wan"]
    assert code == 1 and len(found) == 1 and found[0]["cell"] == "C3" and "8.00 万元左右" in found[0]["message"]
