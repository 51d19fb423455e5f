"""The 2020 自评表 of a fund that is not the sample: targets and texts from the settings, every
cell the clerk types carried over a rerun and saved by --save-scores (issue 20)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import openpyxl
import tomlkit
from conftest import make_xlsx, run, run_json, simple_sheet, workbook_values

# Rows of the shipped 2020 form: 填报单位, 主管部门/实施单位, 预期目标, the first indicator, 总分.
REPORTER, HEADS, GOAL, FIRST, TOTAL = 2, 4, 11, 13, 21
COUNT, QUALITY, TIMELY, AVERAGE, JOBS = FIRST, FIRST + 1, FIRST + 2, FIRST + 3, FIRST + 5
YELLOW = "FFF2CC"


def other_fund(tmp_path: Path, **indicators: dict) -> Path:
    """A fund of 13 recipients, 2.5 万元 each, with --target 12 and its own targets."""
    folder = tmp_path / "2025"
    made = run("init", str(folder), "--name", "家政服务发展资金", "--year", "2025", "--plan", "32.5", "--target", "12",
               "--form", "2020", "-d", "甲区", "-d", "乙区")
    assert made.exit_code == 0, made.output
    make_xlsx(folder / "甲区.xlsx", simple_sheet("甲区", [(f"甲公司{i}", Decimal("2.5")) for i in range(8)]))
    make_xlsx(folder / "乙区.xlsx", simple_sheet("乙区", [(f"乙公司{i}", Decimal("2.5")) for i in range(5)]))
    toml = folder / "xlfund.toml"
    doc = tomlkit.parse(toml.read_text(encoding="utf-8"))
    for name, entry in indicators.items():
        doc["indicators"][name] = entry
    toml.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return folder


def yellow(ws, cell: str) -> bool:
    return ws[cell].fill.fgColor.rgb.endswith(YELLOW)


def test_a_fund_with_other_targets_shows_no_figure_of_the_sample(tmp_path: Path):
    folder = other_fund(tmp_path, **{"平均每个单位扶持金额": {"target": "≤3万元"}})
    out = tmp_path / "汇总.xlsx"
    code, data = run_json("consolidate", str(folder), "-o", str(out))
    assert code == 0
    scores = {i["name"]: i for i in data["score"]["indicators"]}
    assert (scores["扶持企业和村（社区）数量"]["target"], scores["扶持企业和村（社区）数量"]["actual"]) == ("12个", "13个")
    assert scores["扶持企业和村（社区）数量"]["score"] == "20" and scores["平均每个单位扶持金额"]["score"] == "10"
    assert not [i for i in data["issues"] if i["code"] == "indicator-below-target"]
    missing = [i for i in data["issues"] if i["code"] == "indicator-targets-missing"]
    assert len(missing) == 1 and "6 项指标没有年度指标值" in missing[0]["message"] and "带动就业人数" in missing[0]["message"]
    formulas, values = workbook_values(out)
    ws, shown = formulas["评分表"], values["评分表"]
    texts = [str(c.value) for row in shown.iter_rows() for c in row if c.value is not None]
    for sample_figure in ("59", "≤10万元", "≥500人", "≥90%", "≥10%", "益阳"):
        assert not [t for t in texts if sample_figure in t], sample_figure
    assert (shown[f"E{COUNT}"].value, shown[f"E{AVERAGE}"].value, shown[f"E{JOBS}"].value) == ("12个", "≤3万元", None)
    assert all(yellow(ws, f"E{r}") for r in range(FIRST, TOTAL))  # 年度指标值 are the clerk's, filled or not
    assert shown[f"B{GOAL}"].value is None and yellow(ws, f"B{GOAL}") and yellow(ws, f"D{HEADS}") and yellow(ws, f"H{HEADS}")
    assert yellow(ws, f"F{QUALITY}") and not yellow(ws, f"F{COUNT}")  # judged 实际完成值 yellow, the data's not
    assert ws[f"F{COUNT}"].value.startswith("=")


def test_goal_and_texts_come_from_the_settings(tmp_path: Path):
    folder = other_fund(tmp_path)
    toml = folder / "xlfund.toml"
    doc = tomlkit.parse(toml.read_text(encoding="utf-8"))
    doc["scorecard"]["goal"] = "扶持家政企业12家"
    doc["scorecard"]["department"] = "某市商务局"
    doc["scorecard"]["reporter"] = "某市商务局"
    toml.write_text(tomlkit.dumps(doc), encoding="utf-8")
    out = tmp_path / "自评表.xlsx"
    assert run("scorecard", str(folder), "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert (ws[f"B{GOAL}"].value, ws[f"D{HEADS}"].value, ws[f"A{REPORTER}"].value) == (
        "扶持家政企业12家", "某市商务局", "填报单位（盖章）：某市商务局")


TYPED = {
    f"A{REPORTER}": "填报单位（盖章）：某市商务局", f"D{HEADS}": "某市商务局", f"H{HEADS}": "某区家政协会",
    f"B{GOAL}": "扶持家政企业12家", f"F{GOAL}": "已扶持13家", f"E{JOBS}": "≥100人", f"F{JOBS}": 80,
    f"I{JOBS}": "部分企业开业较晚", f"F{TIMELY}": "按时拨付", f"I{COUNT}": "超额完成",
}


def test_every_cell_the_clerk_types_is_carried_once_said_and_saved(tmp_path: Path):
    folder = other_fund(tmp_path)
    out = tmp_path / "汇总.xlsx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    for cell, value in TYPED.items():
        book["评分表"][cell] = value
    book.save(out)

    again = run("consolidate", str(folder), "-o", str(out))
    assert again.exit_code == 0
    assert f"评分表中手工填写的 {len(TYPED)} 项与设置不同，已沿用" in again.stdout
    assert f"写入设置文件：xlfund consolidate {folder} -o {out} --save-scores" in again.stdout
    assert "已沿用" not in again.stdout.replace("已沿用（", "", 1)  # one line, not one per cell
    _f, values = workbook_values(out)
    shown = values["评分表"]
    assert {cell: shown[cell].value for cell in TYPED} == TYPED
    _code, data = run_json("consolidate", str(folder), "-o", str(out))
    jobs = {i["name"]: i for i in data["score"]["indicators"]}["带动就业人数"]
    assert (jobs["target"], jobs["actual"], jobs["score"]) == ("≥100人", "80人", "8")  # 80 of ≥100 scored by formula
    kept = [i for i in data["issues"] if i["code"] == "entry-kept-from-output"]
    assert len(kept) == len(TYPED) and {i["cell"] for i in kept} == set(TYPED)

    saved = run("consolidate", str(folder), "-o", str(out), "--save-scores")
    assert saved.exit_code == 0 and "已写入" in saved.stdout
    settings = tomllib.loads((folder / "xlfund.toml").read_text(encoding="utf-8"))
    assert settings["indicators"]["带动就业人数"] == {"target": "≥100人", "actual": 80, "reason": "部分企业开业较晚"}
    assert settings["indicators"]["资金拨付及时性"] == {"actual": "按时拨付"}
    assert settings["scorecard"]["goal"] == "扶持家政企业12家" and settings["scorecard"]["achieved"] == "已扶持13家"
    assert (settings["scorecard"]["department"], settings["scorecard"]["implementer"], settings["scorecard"]["reporter"]) == (
        "某市商务局", "某区家政协会", "某市商务局")
    out.unlink()  # the settings alone now give the same form
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    _f, values = workbook_values(out)
    assert {cell: values["评分表"][cell].value for cell in TYPED} == TYPED


def test_save_scores_that_finds_nothing_says_why(tmp_path: Path):
    folder = other_fund(tmp_path)
    before = (folder / "xlfund.toml").read_text(encoding="utf-8")
    result = run("scorecard", str(folder), "--save-scores", cwd=tmp_path)
    assert result.exit_code == 0
    assert "--save-scores：没有找到可读取的" in result.stdout and "未修改" in result.stdout
    again = run("scorecard", str(folder), "--save-scores", cwd=tmp_path)  # now its own output exists, untouched
    assert "评分表中没有与设置不同的手工填写内容" in again.stdout
    assert (folder / "xlfund.toml").read_text(encoding="utf-8") == before
