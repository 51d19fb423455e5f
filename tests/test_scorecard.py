"""The scorecard is learnt from the clerks' template and filled with live formulas."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, make_xlsx, run, run_json, settings_file, simple_sheet, workbook_values
from libreoffice import convert, formula_mismatches, soffice

sys.path.insert(0, str(ROOT / "scripts"))
import build_template  # noqa: E402


def score_column(ws) -> dict[str, tuple[object, object]]:
    """Indicator name -> (score cell as formula or number, row) read from a filled sheet."""
    found = {}
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            if cell.column == 3 and isinstance(cell.value, str) and cell.value in NAMES:
                found[cell.value] = (ws.cell(cell.row, 5).value, cell.row)
    return found


NAMES = {i[2] for i in build_template.INDICATORS} | {"绩效目标内容", "新增指标"}


def block_value(ws, label: str, column: int = 5):
    """A value of the block below the form (searched from the bottom: labels repeat the form's)."""
    for r in range(ws.max_row, 0, -1):
        if ws.cell(r, 1).value == label:
            return ws.cell(r, column).value
    raise AssertionError(f"{label} not found")


def test_sample_scorecard_totals_97_grade_excellent_with_live_formulas(sample: Path, tmp_path: Path):
    out = tmp_path / "o.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out))
    assert code == 0
    assert data["score"]["total"] == "97" and data["score"]["grade"] == "优"
    by_name = {i["name"]: i for i in data["score"]["indicators"]}
    assert len(by_name) == 21
    assert by_name["到位率"] == {"name": "到位率", "points": "3", "score": "3", "source": "funding_rate"}
    assert by_name["产出数量"]["source"] == "recipient_count" and by_name["产出数量"]["score"] == "5"
    assert by_name["管理制度"]["score"] == "5" and by_name["管理制度"]["points"] == "6"

    formulas, values = workbook_values(out)
    ws_f, ws_v = formulas["评分表"], values["评分表"]
    assert ws_v["A1"].value == "2018年益阳市电子商务发展引导资金项目支出绩效自评指标评分表"
    cells = score_column(ws_f)
    rate_formula, rate_row = cells["到位率"]
    assert rate_formula.startswith(f"=ROUND(D{rate_row}*MIN(1,$E$") and ws_v.cell(rate_row, 5).value == 3
    output_formula, output_row = cells["产出数量"]
    assert output_formula.startswith(f"=ROUND(D{output_row}*MIN(1,") and ws_v.cell(output_row, 5).value == 5
    # The 计算依据 cells link to 汇总, so the scorecard follows the workbook's own figures.
    assert block_value(ws_f, "批复计划（计划到位，万元）") == '=IF(汇总!$B$6="","",汇总!$B$6)'
    assert block_value(ws_f, "实际分配（实际到位，万元）") == '=IF(汇总!$B$7="","",汇总!$B$7)'
    total_row = next(r for r in range(1, 40) if ws_v.cell(r, 1).value == "总分")
    assert ws_f.cell(total_row, 5).value == "=SUM(E4:E24)" and ws_v.cell(total_row, 5).value == 97
    assert ws_v.cell(total_row, 4).value == 100
    assert block_value(ws_v, "评价等级") == "优" and block_value(ws_f, "评价等级").startswith("=IF(")
    assert [block_value(ws_v, name) for name in ("项目决策（20分）", "项目管理（25分）", "项目绩效（55分）")] == [20, 24, 53]
    # Judgment scores are highlighted input cells with validation 0..points.
    target_row = cells["目标内容"][1]
    assert ws_f.cell(target_row, 5).fill.fgColor.rgb.endswith("FFF2CC")
    validations = {str(dv.sqref): (dv.formula1, dv.formula2) for dv in ws_f.data_validations.dataValidation}
    assert validations[f"E{target_row}"] == ("0", "4")
    assert len(validations) == 19
    assert {str(r) for r in ws_f.merged_cells.ranges} >= {"A4:A8", "A9:A15", "A16:A24", "B20:B24", "A1:G1"}
    assert ws_f.print_title_rows == "$3:$3" and ws_f.page_setup.paperSize == 9


def test_scorecard_command_writes_the_form_alone(sample: Path, tmp_path: Path):
    out = tmp_path / "评分表.xlsx"
    result = run("scorecard", str(sample), "-o", str(out), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["score"]["total"] == "97"
    formulas, values = workbook_values(out)
    assert formulas.sheetnames == ["评分表"]
    # Alone, the 计算依据 are numbers, and the formulas still refer to them.
    assert block_value(formulas["评分表"], "批复计划（计划到位，万元）") == 490
    assert block_value(values["评分表"], "总分") == 97


def edited(indicators: list[tuple], **changes) -> list[tuple]:
    return [tuple(changes.get(i[2], i)) if i[2] in changes else i for i in indicators]


def test_a_clerk_edits_the_template_without_any_code_change(sample: Path, tmp_path: Path):
    indicators = list(build_template.INDICATORS)
    # rename one, change the points of another, remove one, add one, and move the table down two rows
    indicators[0] = (indicators[0][0], indicators[0][1], "绩效目标内容", 4, "x", "y")
    indicators = [i if i[2] != "管理制度" else (*i[:3], 8, *i[4:]) for i in indicators]
    indicators = [i for i in indicators if i[2] != "环境效益"]
    indicators.append(("项目绩效（55分）", "项目效果（40分）", "新增指标", 2, "新的指标", "按完成情况计分"))
    template = tmp_path / "edited.xlsx"
    build_template.build(template, indicators, top=2)
    toml = (sample / "xlfund.toml").read_text(encoding="utf-8").replace('"目标内容" = 4', '"绩效目标内容" = 4')
    toml = toml.replace('"管理制度" = 5', '"管理制度" = 7\n"新增指标" = 1.5')
    settings_file(sample, toml)
    out = tmp_path / "o.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", str(template))
    by_name = {i["name"]: i for i in data["score"]["indicators"]}
    assert "环境效益" not in by_name and by_name["新增指标"]["score"] == "1.5"
    assert by_name["绩效目标内容"]["score"] == "4" and by_name["管理制度"]["points"] == "8"
    # 97 - 5 + 7 (管理制度) - 7 (环境效益 removed) + 1.5 (新增指标)
    assert Decimal(data["score"]["total"]) == Decimal("93.5")
    assert [(i["code"], i["message"]) for i in data["issues"] if i["code"].startswith("score")] == [
        ("score-unknown-indicator", "设置中的评分“环境效益”在模板中找不到对应指标")
    ]
    formulas, values = workbook_values(out)
    ws = values["评分表"]
    assert ws["A3"].value == "2018年益阳市电子商务发展引导资金项目支出绩效自评指标评分表"
    total_row = next(r for r in range(1, 40) if ws.cell(r, 1).value == "总分")
    assert formulas["评分表"].cell(total_row, 5).value == "=SUM(E6:E26)"
    # points: 100 + 2 (管理制度 6 -> 8) - 8 (环境效益) + 2 (新增指标)
    assert ws.cell(total_row, 5).value == 93.5 and ws.cell(total_row, 4).value == 96


def build_2020_template(path: Path) -> None:
    """A 2020-framework form (决策/过程/产出/效益): other columns, no points column, points in names."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "自评表"
    ws.append(["{年度}年度项目支出绩效自评表"])
    ws.append(["项目名称", "{资金名称}"])
    ws.append([])
    ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施"])
    rows = [
        ("决策（15分）", "项目立项（7分）", "立项依据充分性（4分）"),
        (None, None, "立项程序规范性（3分）"),
        (None, "资金投入（8分）", "预算执行率（8分）"),
        ("过程（15分）", "资金管理（15分）", "资金使用合规性（15分）"),
        ("产出（40分）", "数量（20分）", "扶持企业和村（社区）数量（20分）"),
        (None, "质量（20分）", "项目验收合格率（20分）"),
        ("效益（30分）", "社会效益（20分）", "带动就业（20分）"),
        (None, "满意度（10分）", "服务对象满意度（10分）"),
    ]
    for row in rows:
        ws.append([*row, "≥90%", None, None, None])
    ws.append(["总分", None, None, None, None, None, None])
    for merged in ("A5:A7", "B5:B6", "A9:A10", "A11:A12"):
        ws.merge_cells(merged)
    book.save(path)


def test_a_2020_framework_template_fills_correctly(sample: Path, tmp_path: Path):
    template = tmp_path / "2020.xlsx"
    build_2020_template(template)
    settings_file(sample, (sample / "xlfund.toml").read_text(encoding="utf-8").split("[scores]")[0] + """
[scores]
"立项依据充分性" = 4
"立项程序规范性" = 3
"资金使用合规性" = 14
"项目验收合格率" = 20
"带动就业" = 18
"服务对象满意度" = 9

[scorecard.computed]
"预算执行率" = "funding_rate"
"扶持企业和村（社区）数量" = "recipient_count"
""")
    out = tmp_path / "o.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", str(template))
    assert code == 0
    score = data["score"]
    assert [(i["name"], i["points"], i["score"]) for i in score["indicators"]] == [
        ("立项依据充分性", "4", "4"), ("立项程序规范性", "3", "3"), ("预算执行率", "8", "8"), ("资金使用合规性", "15", "14"),
        ("扶持企业和村（社区）数量", "20", "20"), ("项目验收合格率", "20", "20"), ("带动就业", "20", "18"), ("服务对象满意度", "10", "9"),
    ]
    assert score["total"] == "96" and score["grade"] == "优"
    formulas, values = workbook_values(out)
    ws_f, ws_v = formulas["评分表"], values["评分表"]
    assert ws_v["A1"].value == "2018年度项目支出绩效自评表" and ws_v["B2"].value == "益阳市电子商务发展引导资金"
    assert ws_f["F7"].value == "=ROUND(8*MIN(1,$F$25/$F$24),2)"
    assert ws_f["F13"].value == "=SUM(F5:F12)" and ws_v["F13"].value == 96
    subtotals = {ws_v.cell(r, 1).value: (ws_v.cell(r, 5).value, ws_v.cell(r, 6).value) for r in range(15, 21)}
    assert subtotals["决策（15分）"] == (15, 15) and subtotals["效益（30分）"] == (30, 27)
    if soffice():
        recalculated = convert(out, tmp_path / "lo", "xlsx")
        assert formula_mismatches(out, recalculated) == []


def test_missing_plan_and_target_give_findings_not_guesses(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 5)], total=5))
    settings_file(folder, '[fund]\nname = "无计划资金"\nyear = 2021\n[scores]\n"目标内容" = 5\n"不存在的指标" = 1\n')
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    by_name = {i["name"]: i for i in data["score"]["indicators"]}
    assert by_name["到位率"]["score"] is None and by_name["产出数量"]["score"] is None
    found = {(i["code"], i["severity"]) for i in data["issues"]}
    assert ("setting-missing", "警告") in found
    assert ("score-over-points", "错误") in found and ("score-unknown-indicator", "警告") in found
    assert code == 1
    missing = [i["parameters"]["setting"] for i in data["issues"] if i["code"] == "setting-missing"]
    assert "fund.plan" in missing and "fund.target_recipients" in missing


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([["随便一个表"], ["甲", "乙"]], "找不到表头行"),
        ([["一级指标", "二级指标", "三级指标", "自评分"], ["决策", "立项", "立项依据", None]], "没有分值"),
        ([["一级指标", "二级指标", "三级指标", "分值", "自评分"], ["决策", "立项", "立项依据", "很多", None]], "D2 的分值“很多”不是数字"),
        ([["一级指标", "二级指标", "三级指标", "自评分"], ["总分"]], "没有找到任何指标"),
    ],
)
def test_a_template_it_cannot_understand_names_the_cell(sample: Path, tmp_path: Path, rows, words):
    template = make_xlsx(tmp_path / "bad.xlsx", rows)
    result = run("scorecard", str(sample), "-o", str(tmp_path / "s.xlsx"), "--template", str(template))
    assert result.exit_code == 2 and words in result.stderr and "bad.xlsx" in result.stderr
    # consolidate still writes the workbook, without the scorecard, and says why
    code, data = run_json("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"), "--template", str(template))
    assert code == 1 and "score" not in data
    assert [i["code"] for i in data["issues"]][0] == "template-invalid"
    assert "评分表" not in openpyxl.load_workbook(tmp_path / "o.xlsx").sheetnames
