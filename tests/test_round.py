"""The submission round as the clerk walks it: forms go out, districts answer (some wrongly),
corrections come back, and every run says who has sent, what changed and what goes back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import make_xlsx, run, run_json, settings_file, simple_sheet, workbook_values

SETTINGS = """[fund]
name = "电子商务发展引导资金"
year = 2025
cap = 500
districts = ["高新区", "赫山区", "资阳区", "安化县"]

[quotas]
"资阳区" = 18.5
"""

GAOXIN = [("甲公司", 10), ("乙公司", 20)]
HESHAN = [("丙公司", 15), ("丁公司", 5)]
ZIYANG_FIXED = [("戊公司", 6), ("己公司", "12"), ("庚公司", 0.5)]


def _send(folder: Path, district: str, items: list, name: str | None = None, total: object | None = None) -> Path:
    return make_xlsx(folder / (name or f"{district}.xlsx"), simple_sheet(district, items, total))


def _sheet(path: Path, name: str) -> list[tuple]:
    _formulas, values = workbook_values(path)
    return [row for row in values[name].iter_rows(values_only=True) if any(v not in (None, "") for v in row)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "2025电商资金"
    folder.mkdir()
    settings_file(folder, SETTINGS)
    return folder


def test_a_round_from_first_answers_to_final_figures(folder: Path, tmp_path: Path):
    # why long: one round, step by step, as the issue walks it; each step asserts what the clerk sees.
    out = tmp_path / "汇总.xlsx"
    # 1. Two districts send: two have not.
    _send(folder, "高新区", GAOXIN)
    _send(folder, "赫山区", HESHAN)
    code, data = run_json("consolidate", str(folder), "-o", str(out))
    assert code == 0 and data["changes"] is None and "没有找到上次的汇总表" in data["changes_unknown"]
    assert data["status"]["missing"] == ["资阳区", "安化县"] and not data["status"]["ready"]
    before = sorted(tmp_path.rglob("*"))
    shown = run("status", str(folder), cwd=tmp_path)
    assert shown.exit_code == 1 and "4 个区县：2 个已报，2 个未报（资阳区、安化县）" in shown.stdout
    assert sorted(tmp_path.rglob("*")) == before, "status writes nothing"

    # 2. A third sends with an error: its list of problems names the cell and the value found.
    _send(folder, "资阳区", [("戊公司", 6), ("己公司", "十二万左右"), ("庚公司", 0.5)])
    code, data = run_json("consolidate", str(folder), "-o", str(out))
    assert code == 1
    assert [(c["change"], c["file"]) for c in data["changes"]["files"]] == [("新报送", "资阳区.xlsx")]
    zi = next(d for d in data["status"]["districts"] if d["district"] == "资阳区")
    assert zi["state"] == "有错误" and zi["recipients"] == 2 and zi["files"][0]["errors"] == 1
    written = run("feedback", str(folder), "-o", str(tmp_path / "问题清单"))
    assert written.exit_code == 1 and "资阳区-问题清单.xlsx：1 个错误，1 个警告" in written.stdout
    assert sorted(p.name for p in (tmp_path / "问题清单").iterdir()) == ["资阳区-问题清单.xlsx"]
    listing = _sheet(tmp_path / "问题清单" / "资阳区-问题清单.xlsx", "问题清单")
    assert listing[0][0] == "资阳区 报送表格问题清单"
    error = next(r for r in listing if r[1] == "错误")
    assert error[2:6] == ("资阳区.xlsx", "Sheet1", "C4", "十二万左右") and "数字金额" in error[7]
    quota = next(r for r in listing if r[1] == "警告")
    assert quota[5] == "分配合计 6.50 万元，下达额度 18.50 万元"

    # 3. It resends fixed, and the fourth sends: the changes name the fixed file and its deltas.
    _send(folder, "资阳区", ZIYANG_FIXED)
    _send(folder, "安化县", [("金湖村", 10)])
    code, data = run_json("consolidate", str(folder), "-o", str(out))
    assert code == 0 and data["status"]["ready"] and data["status"]["summary"] == "4 个区县：全部已报"
    files = {c["file"]: c for c in data["changes"]["files"]}
    assert files["资阳区.xlsx"]["change"] == "已修改" and files["资阳区.xlsx"]["recipients_delta"] == 1
    assert files["资阳区.xlsx"]["total_delta"] == "12" and files["安化县.xlsx"]["change"] == "新报送"
    zi = next(d for d in data["changes"]["districts"] if d["district"] == "资阳区")
    assert (zi["recipients_delta"], zi["total_delta"]) == (1, "12")
    assert zi["recipients"] == [{"name": "己公司", "change": "新增", "before": None, "after": "12"}]
    terminal = run("consolidate", str(folder), "-o", str(tmp_path / "另一个.xlsx")).stdout
    assert terminal.startswith("未与上次比较：没有找到上次的汇总表“另一个.xlsx”")
    shown = run("status", str(folder))
    assert shown.exit_code == 0 and "4 个区县：全部已报" in shown.stdout
    cleared = run("feedback", str(folder), "-o", str(tmp_path / "问题清单"))
    assert "已删除上次的 资阳区-问题清单.xlsx" in cleared.stdout and not list((tmp_path / "问题清单").iterdir())

    # 4. A district resends an identical file under a new name: named as resubmitted, counted once.
    shutil.copy(folder / "赫山区.xlsx", folder / "赫山区-再报.xlsx")
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.stdout.startswith("与上次汇总（")
    assert "重新报送  赫山区-再报.xlsx" in result.stdout and "与上次的“赫山区.xlsx”内容完全相同，未重复计入" in result.stdout
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "第二份.xlsx"))
    assert data["recipients"] == 8 and data["total"] == "78.5"
    heshan = next(d for d in data["status"]["districts"] if d["district"] == "赫山区")
    assert [(f["file"], f["counted"]) for f in heshan["files"]] == [("赫山区.xlsx", True), ("赫山区-再报.xlsx", False)]
    assert heshan["recipients"] == 2 and heshan["state"] == "已报"


def test_the_workbook_gains_status_and_changes_sheets(folder: Path, tmp_path: Path):
    out = tmp_path / "汇总.xlsx"
    _send(folder, "高新区", GAOXIN)
    _send(folder, "资阳区", ZIYANG_FIXED[:1])
    run("consolidate", str(folder), "-o", str(out))
    changes = _sheet(out, "变更")
    assert "没有找到上次的汇总表“汇总.xlsx”" in changes[2][0]
    _send(folder, "资阳区", ZIYANG_FIXED)
    (folder / "高新区.xlsx").unlink()
    run("consolidate", str(folder), "-o", str(out))

    formulas, values = workbook_values(out)
    assert formulas.sheetnames.index("报送情况") == formulas.sheetnames.index("问题") - 2
    status = _sheet(out, "报送情况")
    assert status[2][0] == "4 个区县：1 个已报，3 个未报（高新区、赫山区、安化县）"
    zi = next(r for r in status if r[1] == "资阳区")
    assert zi[2:7] == ("已报", 3, 18.5, 18.5, 0) and zi[7] == "资阳区.xlsx" and zi[9] == "已计入"
    row = next(r for r in range(1, 30) if values["报送情况"].cell(r, 2).value == "资阳区")
    assert formulas["报送情况"].cell(row, 5).value.startswith("=SUMIFS(明细!$D$2:$D$")
    assert formulas["报送情况"].cell(row, 7).value == f'=IF(F{row}="","",E{row}-F{row})'
    assert next(r for r in status if r[1] == "高新区")[2] == "未报"
    assert next(r for r in status if r[1] == "合计")[3:5] == (3, 18.5)

    changes = _sheet(out, "变更")
    assert changes[2][0] == "文件：已修改 1 个，已移除 1 个；2 个区县的数据有变化"
    assert ("已修改", "资阳区.xlsx", "资阳区") == next(r for r in changes if r[0] == "已修改")[:3]
    removed = next(r for r in changes if r[0] == "已移除")
    assert removed[1] == "高新区.xlsx" and removed[4:7] == (30, None, -30)
    assert next(r for r in changes if r[0] == "高新区" and r[1] != "甲公司")[1:4] == ("-2 个单位，-30.00 万元", 2, 0)
    added = [r for r in changes if r[2] == "新增"]
    assert [(r[0], r[1], r[5], r[6]) for r in added] == [("资阳区", "己公司", 12, 12), ("资阳区", "庚公司", 0.5, 0.5)]
    r = next(i for i in range(1, 60) if values["变更"].cell(i, 2).value == "己公司")
    assert formulas["变更"].cell(r, 7).value == f"=N(F{r})-N(E{r})"


@pytest.mark.parametrize("earlier", ["deleted", "moved", "not ours", "damaged", "older version"])
def test_a_missing_or_foreign_earlier_output_only_means_no_earlier_run(folder: Path, tmp_path: Path, earlier: str):
    out = tmp_path / "汇总.xlsx"
    _send(folder, "高新区", GAOXIN)
    run("consolidate", str(folder), "-o", str(out))
    if earlier == "deleted":
        out.unlink()
    elif earlier == "moved":
        out.rename(tmp_path / "上报版.xlsx")
    elif earlier == "not ours":
        make_xlsx(out, [["别人的表"]])
    elif earlier == "damaged":
        out.write_bytes(out.read_bytes()[:2000])
    else:  # an output of a version before the run record: our mark, no record sheet
        book = openpyxl.load_workbook(out)
        del book["xlfund运行记录"]
        book.save(out)
    code, data = run_json("consolidate", str(folder), "-o", str(out))
    assert code == 0 and data["changes"] is None and data["changes_unknown"]
    assert data["status"]["missing"] == ["赫山区", "资阳区", "安化县"]


def test_two_different_versions_of_one_district_are_both_counted_and_an_error(folder: Path, tmp_path: Path):
    _send(folder, "赫山区", HESHAN)
    _send(folder, "赫山区", [("丙公司", 15), ("丁公司", 6)], name="赫山区(修改).xlsx")
    _send(folder, "高新区", GAOXIN)
    _send(folder, "高新区", [("辛公司", 3)], name="高新区-第二批.xlsx")  # another batch: no error
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert code == 1 and data["total"] == "74"
    overlap = [i for i in data["issues"] if i["code"] == "district-files-overlap"]
    assert [(i["file"], i["parameters"]["other"], i["parameters"]["count"], i["parameters"]["total"]) for i in overlap] == [
        ("赫山区(修改).xlsx", "赫山区.xlsx", 2, "21")]
    assert "请把旧版本移出文件夹" in overlap[0]["message"]
    heshan = next(d for d in data["status"]["districts"] if d["district"] == "赫山区")
    assert [f["counted"] for f in heshan["files"]] == [True, True] and heshan["state"] == "有错误"
    assert "有 2 个相同单位" in heshan["files"][0]["note"]
    shown = run("status", str(folder)).stdout
    assert "赫山区(修改).xlsx" in shown and "有 2 个相同单位" in shown
    made = run("feedback", str(folder), "-o", str(tmp_path / "fb"))
    assert "赫山区-问题清单.xlsx：1 个错误" in made.stdout and "高新区" not in made.stdout.split("没有问题")[0]


def test_files_of_several_districts_or_none(folder: Path, tmp_path: Path):
    city = [["全市电子商务资金分配表"], ["序号", "区县", "企业名称", "金额（万元）", "资金用途"],
            [1, "高新区", "甲公司", 10, "平台"], [2, "赫山区", "丙公司", "abc", "平台"], [3, "赫山区", "丁公司", 5, "平台"],
            [4, "赫山区", "丁公司", 5, "平台"]]
    make_xlsx(folder / "全市汇总.xlsx", city)
    make_xlsx(folder / "新建表格.xlsx", [["企业名称", "金额（万元）"], ["某公司", 1]])
    code, data = run_json("status", str(folder))
    assert code == 1
    by_name = {d["district"]: d for d in data["status"]["districts"]}
    assert [f["file"] for f in by_name["高新区"]["files"]] == ["全市汇总.xlsx"] and by_name["高新区"]["state"] == "已报"
    assert by_name["赫山区"]["state"] == "有警告" and by_name["赫山区"]["recipients"] == 2  # 丁公司 twice
    assert by_name["（未识别区县）"]["listed"] is False
    assert [f["file"] for f in data["status"]["other_files"]] == ["全市汇总.xlsx", "新建表格.xlsx"]
    made = run("feedback", str(folder), "-o", str(tmp_path / "fb"))
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == [
        "全市汇总-问题清单.xlsx", "新建表格-问题清单.xlsx", "赫山区-问题清单.xlsx"]
    assert _sheet(tmp_path / "fb" / "新建表格-问题清单.xlsx", "问题清单")[0][0] == "新建表格.xlsx 报送表格问题清单"
    # A rejected row has no record to tell its district: it goes to whoever sent the file.
    row = next(r for r in _sheet(tmp_path / "fb" / "全市汇总-问题清单.xlsx", "问题清单") if r[1] == "错误")
    assert row[2:6] == ("全市汇总.xlsx", "Sheet1", "D4", "abc")
    row = next(r for r in _sheet(tmp_path / "fb" / "赫山区-问题清单.xlsx", "问题清单") if r[1] == "警告")
    assert row[2:6] == ("全市汇总.xlsx", "Sheet1", "C5", "“丁公司”出现 2 次，合计 10.00 万元")
    assert made.exit_code == 1


def test_a_blank_or_unreadable_answer_is_sent_with_a_problem_not_missing(folder: Path, tmp_path: Path):
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", []))
    (folder / "资阳区.xlsx").write_bytes(b"PK\x03\x04 broken")
    _send(folder, "赫山区", HESHAN)
    code, data = run_json("status", str(folder))
    by_name = {d["district"]: d for d in data["status"]["districts"]}
    assert by_name["高新区"]["state"] == "有警告" and by_name["高新区"]["files"][0]["note"] == "空白表，未计入"
    assert by_name["资阳区"]["state"] == "有错误" and by_name["资阳区"]["files"][0]["note"] == "无法读取，未计入"
    assert data["status"]["missing"] == ["安化县"] and code == 1


def test_feedback_writes_nothing_for_a_clean_round_and_keeps_other_funds_lists(folder: Path, tmp_path: Path):
    for district, items in (("高新区", GAOXIN), ("赫山区", HESHAN), ("资阳区", [("戊公司", 18.5)]), ("安化县", [("金湖村", 1)])):
        _send(folder, district, items)
    out = tmp_path / "fb"
    out.mkdir()
    make_xlsx(out / "某区-问题清单.xlsx", [["别的资金的清单"]])
    code, data = run_json("feedback", str(folder), "-o", str(out))
    assert code == 0 and data["written"] == [] and data["removed"] == []
    assert [p.name for p in out.iterdir()] == ["某区-问题清单.xlsx"]
    assert "没有需要退回区县修改的问题" in run("feedback", str(folder), "-o", str(out)).stdout


def test_feedback_output_must_be_a_folder(folder: Path, tmp_path: Path):
    _send(folder, "高新区", GAOXIN)
    (tmp_path / "文件").write_text("x", encoding="utf-8")
    result = run("feedback", str(folder), "-o", str(tmp_path / "文件"))
    assert result.exit_code == 2 and "是文件" in result.stderr and "Traceback" not in result.stderr


def test_json_stays_one_object_for_status_and_feedback(folder: Path, tmp_path: Path):
    _send(folder, "高新区", GAOXIN)
    for args in (("status", str(folder)), ("feedback", str(folder), "-o", str(tmp_path / "fb"))):
        result = run(*args, "--json")
        assert json.loads(result.stdout)["status"]["summary"].startswith("4 个区县：1 个已报") and result.stderr == ""


def test_a_long_record_is_cut_into_cells_and_read_back_whole(tmp_path: Path):
    import hashlib

    from xlfund.round.record import Lines, RunRecord
    from xlfund.write.book import new_workbook
    from xlfund.write.run_record import CHUNK, RECORD_SHEET, read_run_record, write_run_record

    # names XML or UTF-8 would refuse (\x85, a lone surrogate) survive the round trip
    names = [f"企业{hashlib.sha256(str(i).encode()).hexdigest()}\x85\ud800" for i in range(3000)]  # hard to compress
    units = {"高新区": Lines(names, list(range(3000)))}
    record = RunRecord("2025-03-01 10:00:00", "/x", "", [], units)
    path = tmp_path / "o.xlsx"
    book = new_workbook(path, "t")
    book.add_worksheet("汇总")
    write_run_record(book, record)
    book.close()
    cells = [row[0] for row in openpyxl.load_workbook(path)[RECORD_SHEET].iter_rows(values_only=True)]
    assert len(cells) > 2 and all(len(c) <= CHUNK for c in cells)
    again, note = read_run_record(path)
    assert note == "" and again.units("高新区").fen == dict(zip(names, range(3000), strict=True))
