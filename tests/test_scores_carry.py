"""Scores typed into the 评分表 of an earlier output survive the next run (issue 12), can be
written into xlfund.toml (--save-scores), and a card with blank scores has no grade yet."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, run, run_json, workbook_values
from libreoffice import convert, error_cells, formula_mismatches, soffice

from xlfund.scorecard.carry import read_typed
from xlfund.scorecard.template import indicator_key
from xlfund.settings.edit import Edits, edited_text

TEMPLATE_2020 = str(ROOT / "templates" / "scorecard-2020.xlsx")
GRADE_2018 = "E32"  # the sample's 评价等级 cell under the 2018 form
needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def without_scores(folder: Path) -> None:
    toml = folder / "xlfund.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"\[scores\][^\[]*", "", text), encoding="utf-8")


def type_scores(path: Path, cells: dict[str, object]) -> None:
    """The clerk types into the 评分表 and saves (formulas kept, the file stays ours)."""
    book = openpyxl.load_workbook(path)
    ws = book["评分表"] if "评分表" in book.sheetnames else book.worksheets[0]
    for cell, value in cells.items():
        ws[cell] = value
    book.save(path)
    assert "xlfund" in openpyxl.load_workbook(path).custom_doc_props.names


def codes(data: dict, code: str) -> list[dict]:
    return [item for item in data["issues"] if item["code"] == code]


def assert_recalculates(path: Path, work: Path) -> None:
    recalculated = convert(path, work / "recalc", "xlsx")
    assert formula_mismatches(path, recalculated) == []
    assert error_cells(recalculated) == []


def test_blank_scores_give_no_grade_in_the_terminal_json_and_sheet(sample: Path, tmp_path: Path):
    without_scores(sample)
    out = tmp_path / "汇总.xlsx"
    result = run("consolidate", str(sample), "-o", str(out))
    assert result.exit_code == 0
    assert "绩效自评：已评 8 分，尚有 19 项未评分，暂不评级" in result.stdout
    assert "等级" not in result.stdout
    formulas, values = workbook_values(out)
    grade = formulas["评分表"][GRADE_2018].value
    assert grade.startswith('=IF(COUNTBLANK(E4:E24)>0,"",') and '"差"' in grade
    assert values["评分表"][GRADE_2018].value in ("", None)  # XlsxWriter stores "" as an empty <v/>
    code, data = run_json("consolidate", str(sample), "-o", str(out))
    assert code == 0 and data["score"]["grade"] is None and data["score"]["unscored"] == 19
    assert data["score"]["total"] == "8"


def test_a_full_card_keeps_its_grade(sample: Path, tmp_path: Path):
    code, data = run_json("consolidate", str(sample), "-o", str(tmp_path / "out.xlsx"))
    assert code == 0 and data["score"]["grade"] == "优" and data["score"]["unscored"] == 0
    _f, values = workbook_values(tmp_path / "out.xlsx")
    assert values["评分表"][GRADE_2018].value == "优"


def test_typed_scores_are_kept_on_the_next_run_and_said(sample: Path, tmp_path: Path):
    without_scores(sample)
    out = tmp_path / "汇总.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    type_scores(out, {"E4": 3.5, "E5": 4, "E9": 1})  # E9 is 到位率: a formula, typed over
    code, data = run_json("consolidate", str(sample), "-o", str(out))
    assert code == 0
    kept = codes(data, "score-kept-from-output")
    assert [(k["cell"], k["sheet"]) for k in kept] == [("E4", "评分表"), ("E5", "评分表")]
    assert "“目标内容”" in kept[0]["message"] and "3.5" in kept[0]["message"] and "未填写" in kept[0]["message"]
    over = codes(data, "score-typed-over-formula")
    assert len(over) == 1 and "“到位率”" in over[0]["message"] and over[0]["severity"] == "提示"
    assert data["score"]["unscored"] == 17 and data["score"]["total"] == "15.5"
    assert not codes(data, "score-missing")  # still no [scores]: one note, not a warning each
    formulas, values = workbook_values(out)
    assert values["评分表"]["E4"].value == 3.5 and values["评分表"]["E5"].value == 4
    assert formulas["评分表"]["E9"].value.startswith("=ROUND(")
    result = run("consolidate", str(sample), "-o", str(out))  # kept again: the file still has them
    assert "尚有 17 项未评分，暂不评级" in result.stdout and "评分表!E4" not in result.stdout  # one line, not one each
    assert f"评分表中手工填写的 2 项与设置不同，已沿用（逐项见“问题”表）；写入设置文件：xlfund consolidate {sample} -o {out} --save-scores" in result.stdout


def test_a_typed_score_wins_over_the_settings_and_equal_ones_are_silent(sample: Path, tmp_path: Path):
    out = tmp_path / "评分表.xlsx"
    assert run("scorecard", str(sample), "-o", str(out)).exit_code == 0
    type_scores(out, {"E4": 3, "E5": 4})  # 目标内容 4 in the settings; 决策依据 unchanged
    code, data = run_json("scorecard", str(sample), "-o", str(out))
    kept = codes(data, "score-kept-from-output")
    assert code == 0 and len(kept) == 1 and "自评分 3（设置中为 4）" in kept[0]["message"]
    assert data["score"]["total"] == "96" and data["score"]["grade"] == "优"


def test_save_scores_writes_them_into_the_settings_keeping_the_rest(sample: Path, tmp_path: Path):
    out = tmp_path / "评分表.xlsx"
    toml = sample / "xlfund.toml"
    before = toml.read_text(encoding="utf-8")
    assert run("scorecard", str(sample), "-o", str(out)).exit_code == 0
    type_scores(out, {"E4": 2.5, "E6": 3})
    result = run("scorecard", str(sample), "-o", str(out), "--save-scores")
    assert result.exit_code == 0
    assert f"已写入 {toml}：" in result.stdout and '[scores] "目标内容" = 2.5' in result.stdout
    after = toml.read_text(encoding="utf-8")
    scores = tomllib.loads(after, parse_float=Decimal)["scores"]
    assert scores["目标内容"] == Decimal("2.5") and scores["决策程序"] == 3 and scores["决策依据"] == 4
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [('"目标内容" = 4', '"目标内容" = 2.5'), ('"决策程序" = 4', '"决策程序" = 3')]
    assert after.startswith("# 益阳市电子商务发展引导资金 2018 年度设置") and "# 需要评审判断的指标自评分" in after
    again = run("scorecard", str(sample), "-o", str(out), "--save-scores")
    assert "评分表中没有与设置不同的手工填写内容" in again.stdout and toml.read_text(encoding="utf-8") == after


def test_save_scores_on_consolidate_adds_the_section_and_reports_json(sample: Path, tmp_path: Path):
    without_scores(sample)
    out = tmp_path / "汇总.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    type_scores(out, {"E4": 4})
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--save-scores")
    assert code == 0 and data["saved_scores"] == {"file": str(sample / "xlfund.toml"), "scores": {"目标内容": "4"},
                                                  "indicators": {}, "texts": {}}
    text = (sample / "xlfund.toml").read_text(encoding="utf-8")
    assert text.endswith('\n\n[scores]\n"目标内容" = 4\n') and "[quotas]" in text
    assert tomllib.loads(text)["scores"] == {"目标内容": 4}


def test_edits_keep_the_clerks_comments_spacing_and_line_ends():
    text = ('[fund]\r\nname = "x"\r\n\r\n[scores]   # 评分\r\n"目标内容（4分）" = 4    # 说明\r\n"决策依据" = 4\r\n'
            '\r\n[output]\r\n')
    edited = edited_text(text, Edits(scores={"目标内容": Decimal("3"), "产出质量": Decimal("2.5")}), indicator_key)
    assert edited == ('[fund]\r\nname = "x"\r\n\r\n[scores]   # 评分\r\n"目标内容（4分）" = 3    # 说明\r\n"决策依据" = 4\r\n'
                      '"产出质量" = 2.5\r\n\r\n[output]\r\n')
    assert edited_text("", Edits(scores={"a": Decimal(1)})) == "[scores]\na = 1\n"
    assert edited_text('[fund]\nname = "x"', Edits(scores={"a": Decimal(1)})) == '[fund]\nname = "x"\n\n[scores]\na = 1\n'


def test_edits_of_the_2020_entries_in_a_file_full_of_comments_and_odd_spacing():
    text = ('# 设置\n\n[fund]\n  name   =   "x"     # 名称\n\n# 指标说明\n[indicators]      # 2020 年\n'
            '"带动就业人数"=320   # 人数\n  "扶持企业数量" = "recipient_count"\n"满意度" = { target = "≥90%" }   # 调查\n\n'
            '[scorecard]\nform  =  "2020"     # 表样\n  department = "旧"   # 主管部门\n# 结尾注释\n')
    edits = Edits(indicators={"带动就业人数": {"reason": "疫情影响"}, "扶持企业数量": {"target": "≥5个"},
                              "满意度": {"actual": Decimal(95)}, "新指标": {"reason": "说明"}},
                  texts={"department": "益阳市商务局", "goal": "扶持 5 家"})
    edited = edited_text(text, edits, indicator_key)
    assert edited.startswith('# 设置\n\n[fund]\n  name   =   "x"     # 名称\n\n# 指标说明\n[indicators]      # 2020 年\n')
    assert '"带动就业人数"={actual = 320, reason = "疫情影响"}   # 人数\n  "扶持企业数量" = {data' in edited
    assert '"满意度" = { target = "≥90%", actual = 95}   # 调查\n"新指标" = {reason = "说明"}\n\n[scorecard]' in edited
    assert 'form  =  "2020"     # 表样\n  department = "益阳市商务局"   # 主管部门\n' in edited and "# 结尾注释" in edited
    data = tomllib.loads(edited)
    assert data["indicators"]["扶持企业数量"] == {"data": "recipient_count", "target": "≥5个"}
    assert data["indicators"]["新指标"] == {"reason": "说明"} and data["scorecard"]["goal"] == "扶持 5 家"


def test_save_scores_refuses_a_file_it_cannot_edit_and_leaves_it(sample: Path, tmp_path: Path):
    """Two lines naming the same indicator: which one the clerk means is not ours to guess."""
    toml = sample / "xlfund.toml"
    text = toml.read_text(encoding="utf-8").replace('"目标内容" = 4', '"目标内容" = 4\n"目标内容（4分）" = 4')
    toml.write_text(text, encoding="utf-8")
    out = tmp_path / "评分表.xlsx"
    assert run("scorecard", str(sample), "-o", str(out)).exit_code == 0
    type_scores(out, {"E4": 1})
    result = run("scorecard", str(sample), "-o", str(out), "--save-scores")
    assert result.exit_code == 2 and "无法自动修改设置文件" in result.stderr and '"目标内容" = 1' in result.stderr
    assert toml.read_text(encoding="utf-8") == text
    assert not [p for p in sample.iterdir() if p.name.startswith(".xlfund-tmp-")]


def test_an_unreadable_earlier_output_is_noted_and_replaced(sample: Path, tmp_path: Path):
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"not a workbook")
    code, data = run_json("consolidate", str(sample), "-o", str(out))
    notes = codes(data, "score-output-unreadable")
    assert code == 0 and len(notes) == 1 and notes[0]["severity"] == "提示" and "汇总.xlsx" in notes[0]["message"]
    assert openpyxl.load_workbook(out)["评分表"]["E4"].value == 4


def test_the_2020_form_carries_scores_and_grades_only_when_complete(sample: Path, tmp_path: Path):
    out = tmp_path / "自评表.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", TEMPLATE_2020)
    blank = data["score"]["unscored"]
    assert code == 0 and blank > 0 and data["score"]["grade"] is None
    formulas, values = workbook_values(out)
    grade = [c for row in formulas["评分表"].iter_rows() for c in row if isinstance(c.value, str) and "COUNTBLANK(" in c.value]
    assert len(grade) == 1 and '"等级："&IF(' in grade[0].value
    assert values["评分表"][grade[0].coordinate].value in ("", None)
    _sheet, typed, _written = read_typed(out)
    empty = [t.cell for t in typed if t.value is None and not t.formula]
    assert len(empty) == blank
    type_scores(out, dict.fromkeys(empty, 1))
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", TEMPLATE_2020)
    assert code == 0 and data["score"]["unscored"] == 0 and data["score"]["grade"] in ("优", "良", "中", "差")
    assert sorted(k["cell"] for k in codes(data, "score-kept-from-output")) == sorted(empty)
    _f, values = workbook_values(out)
    assert values["评分表"][grade[0].coordinate].value == f"等级：{data['score']['grade']}"


@needs_libreoffice
def test_libreoffice_agrees_with_the_blank_and_the_carried_grades(sample: Path, tmp_path: Path):
    without_scores(sample)
    out = tmp_path / "汇总.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    assert_recalculates(out, tmp_path / "blank")
    type_scores(out, {"E4": 3.5})
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    assert_recalculates(out, tmp_path / "carried")
    toml = sample / "xlfund.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("plan = 490", ""), encoding="utf-8")
    form2020 = tmp_path / "自评表.xlsx"  # no budget: the funds score is "" and the grade blank
    assert run("consolidate", str(sample), "-o", str(form2020), "--template", TEMPLATE_2020).exit_code == 0
    _sheet, typed, _written = read_typed(form2020)
    type_scores(form2020, {t.cell: 1 for t in typed if t.value is None and not t.formula})
    code, data = run_json("consolidate", str(sample), "-o", str(form2020), "--template", TEMPLATE_2020)
    assert data["score"]["unscored"] == 1 and data["score"]["funds"]["score"] is None  # only the funds block is blank
    assert_recalculates(form2020, tmp_path / "form2020")  # LibreOffice's COUNTBLANK counts the "" too


def test_a_setting_changed_since_wins_over_a_score_nobody_typed(sample: Path, tmp_path: Path):
    """The output records the scores it wrote: an untouched cell is not the clerk's word."""
    out = tmp_path / "评分表.xlsx"
    assert run("scorecard", str(sample), "-o", str(out)).exit_code == 0
    toml = sample / "xlfund.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"目标内容" = 4', '"目标内容" = 3'), encoding="utf-8")
    code, data = run_json("scorecard", str(sample), "-o", str(out))
    assert code == 0 and codes(data, "score-kept-from-output") == []
    assert data["score"]["total"] == "96"
