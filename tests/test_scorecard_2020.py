"""The 2020 项目支出绩效自评表 (财预〔2020〕10号) filled from the sample's data."""

from __future__ import annotations

import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
import tomlkit
from conftest import ROOT, run, run_json, settings_file, workbook_values
from libreoffice import convert, error_cells, formula_mismatches, soffice

sys.path.insert(0, str(ROOT / "scripts"))
import build_template_2020  # noqa: E402

TEMPLATE = ROOT / "templates" / "scorecard-2020.xlsx"
SCORES = """
[scores]
"扶持项目验收合格率" = 10
"资金拨付及时性" = 9
"带动农产品网络销售额增长" = 8
"带动就业人数" = 8
"农村电子商务服务体系持续发挥作用" = 9
"服务对象满意度" = 9
"""
# Rows of the shipped form (build_template_2020 at top=0): funds total, first indicator, 总分.
FUNDS, FIRST, TOTAL = 6, 13, 21


def settings_2020(sample: Path, extra: str = "", indicators: dict | None = None) -> None:
    """The sample's fund settings with judgment scores for the 2020 form's indicators, and
    `indicators` in place of the sample's [indicators] entries of the same names."""
    doc = tomlkit.parse(re.sub(r"\[scores\][^\[]*", "", (sample / "xlfund.toml").read_text(encoding="utf-8")))
    for name, value in (indicators or {}).items():
        doc["indicators"][name] = value
    settings_file(sample, tomlkit.dumps(doc) + SCORES + extra)


def variant(tmp_path: Path, name: str = "variant.xlsx", top: int = 0, funds: bool = True, **targets: str) -> Path:
    """The shipped form with some 年度指标值 changed (indicator name -> target text)."""
    indicators = [(*i[:3], targets.get(i[2], i[3]), i[4]) for i in build_template_2020.INDICATORS]
    path = tmp_path / name
    build_template_2020.build(path, indicators, top=top, funds=funds)
    return path


def consolidate(sample: Path, tmp_path: Path, template: Path) -> tuple[dict, Path]:
    out = tmp_path / "o.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", str(template))
    assert code == 0, data["issues"]
    return data, out


def indicators(data: dict) -> dict[str, dict]:
    return {i["name"]: i for i in data["score"]["indicators"]}


def rounded(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_the_2020_form_fills_from_the_sample(sample: Path, tmp_path: Path):
    settings_2020(sample)
    data, out = consolidate(sample, tmp_path, TEMPLATE)
    score = data["score"]
    assert score["funds"] == {"budget": "490", "spent": "490", "points": "10", "score": "10"}
    by_name = indicators(data)
    assert by_name["扶持企业和村（社区）数量"] == {
        "name": "扶持企业和村（社区）数量", "points": "20", "score": "20", "source": "data", "data": "recipient_count",
        "target": "59个", "actual": "59个"}
    average = by_name["平均每个单位扶持金额"]
    assert (average["actual"], average["score"], average["data"]) == ("8.31万元", "10", "average_amount")
    assert by_name["服务对象满意度"]["source"] == "scores" and by_name["服务对象满意度"]["actual"] is None
    # 10 (funds) + 20 + 10 + 9 + 10 + 8 + 8 + 9 + 9
    assert score["total"] == "93" and score["grade"] == "优"
    assert not [i for i in data["issues"] if i["code"].startswith(("score", "indicator", "setting"))]

    formulas, values = workbook_values(out)
    ws_f, ws_v = formulas["评分表"], values["评分表"]
    assert ws_v["A1"].value == "2018年度项目支出绩效自评表" and ws_v["D3"].value == "益阳市电子商务发展引导资金"
    # funds block: 全年预算数 and 全年执行数 over 汇总, 执行率 and 10 × MIN(执行率, 1)
    assert ws_f[f"E{FUNDS}"].value == '=IF(汇总!$B$6="","",汇总!$B$6)' and ws_v[f"E{FUNDS}"].value == 490
    assert ws_f[f"F{FUNDS}"].value == "=汇总!$B$7" and ws_v[f"F{FUNDS}"].value == 490
    assert ws_f[f"H{FUNDS}"].value == f'=IF(N(E{FUNDS})=0,"",F{FUNDS}/E{FUNDS})' and ws_v[f"H{FUNDS}"].value == 1
    assert ws_f[f"H{FUNDS}"].number_format == "0.00%"
    assert ws_f[f"I{FUNDS}"].value == f'=IF(H{FUNDS}="","",ROUND(G{FUNDS}*MIN(H{FUNDS},1),2))' and ws_v[f"I{FUNDS}"].value == 10
    # recipients: the actual over 汇总, shown "59个" by its number format; the score a formula
    assert ws_f[f"F{FIRST}"].value == "=汇总!$B$10" and ws_v[f"F{FIRST}"].value == 59
    assert ws_f[f"F{FIRST}"].number_format == '0"个"'
    assert ws_f[f"H{FIRST}"].value == f"=ROUND(G{FIRST}*IF(F{FIRST}>=59,1,MAX(0,MIN(1,F{FIRST}/59))),2)"
    assert ws_v[f"H{FIRST}"].value == 20
    avg_row = FIRST + 3
    assert ws_f[f"F{avg_row}"].value == "=汇总!$B$7/汇总!$B$10" and ws_f[f"F{avg_row}"].number_format == '0.00"万元"'
    assert ws_v[f"F{avg_row}"].value == pytest.approx(490 / 59)
    assert ws_f[f"H{avg_row}"].value.startswith(f"=ROUND(G{avg_row}*IF(F{avg_row}<=10,1,") and ws_v[f"H{avg_row}"].value == 10
    # judgment scores and 偏差原因 are yellow inputs; the score validated 0..points
    judged = FIRST + 1
    assert ws_v[f"H{judged}"].value == 10 and ws_f[f"H{judged}"].fill.fgColor.rgb.endswith("FFF2CC")
    assert ws_f[f"I{judged}"].fill.fgColor.rgb.endswith("FFF2CC")
    validations = {str(dv.sqref): (dv.formula1, dv.formula2) for dv in ws_f.data_validations.dataValidation}
    assert validations[f"H{judged}"] == ("0", "10") and len(validations) == 6
    # 总分 and grade as formulas
    assert ws_v[f"A{TOTAL}"].value == "总分"
    assert ws_f[f"G{TOTAL}"].value == f"=N(G{FUNDS})+SUM(G{FIRST}:G{TOTAL - 1})" and ws_v[f"G{TOTAL}"].value == 100
    assert ws_f[f"H{TOTAL}"].value == f"=N(I{FUNDS})+SUM(H{FIRST}:H{TOTAL - 1})" and ws_v[f"H{TOTAL}"].value == 93
    assert ws_f[f"I{TOTAL}"].value == (f'=IF(COUNTBLANK(H{FIRST}:H{TOTAL - 1})+COUNTBLANK(I{FUNDS})>0,"",'
                                       f'"等级："&IF(H{TOTAL}>=90,"优",IF(H{TOTAL}>=80,"良",IF(H{TOTAL}>=60,"中","差"))))')
    assert ws_v[f"I{TOTAL}"].value == "等级：优"
    assert {str(r) for r in ws_f.merged_cells.ranges} >= {"A1:I1", f"A{TOTAL}:F{TOTAL}", f"B{FIRST}:B{FIRST + 3}"}
    assert ws_f.page_setup.paperSize == 9 and ws_f.print_title_rows == "$12:$12"


def test_the_form_alone_holds_numbers_and_still_scores_by_formula(sample: Path, tmp_path: Path):
    settings_2020(sample)
    out = tmp_path / "自评表.xlsx"
    result = run("scorecard", str(sample), "-o", str(out), "--template", str(TEMPLATE), "--json")
    assert result.exit_code == 0
    formulas, values = workbook_values(out)
    ws_f, ws_v = formulas.worksheets[0], values.worksheets[0]
    assert ws_f[f"E{FUNDS}"].value == 490 and ws_f[f"F{FIRST}"].value == 59
    assert ws_f[f"H{FIRST}"].value.startswith("=ROUND(") and ws_v[f"H{TOTAL}"].value == 93


def test_a_missed_target_scores_actual_over_target_and_asks_for_the_reason(sample: Path, tmp_path: Path):
    settings_2020(sample)
    data, out = consolidate(sample, tmp_path, variant(tmp_path, **{"扶持企业和村（社区）数量": "70个"}))
    expected = rounded(Decimal(20) * 59 / 70)  # 16.86
    assert indicators(data)["扶持企业和村（社区）数量"]["score"] == str(expected) == "16.86"
    assert Decimal(data["score"]["total"]) == 93 - 20 + expected
    below = [i for i in data["issues"] if i["code"] == "indicator-below-target"]
    assert len(below) == 1 and below[0]["severity"] == "提示" and below[0]["cell"] == f"I{FIRST}"
    assert "59个" in below[0]["message"] and "70个" in below[0]["message"] and "偏差原因" in below[0]["message"]
    _formulas, values = workbook_values(out)
    assert values["评分表"][f"H{FIRST}"].value == float(expected)


def test_a_negative_indicator_above_its_limit_scores_limit_over_actual(sample: Path, tmp_path: Path):
    settings_2020(sample, indicators={"平均每个单位扶持金额": {"target": "≤5万元"}})
    data, out = consolidate(sample, tmp_path, TEMPLATE)
    expected = rounded(Decimal(10) * 5 / (Decimal(490) / 59))  # 6.02
    average = indicators(data)["平均每个单位扶持金额"]
    assert average["score"] == str(expected) == "6.02" and average["actual"] == "8.31万元"
    assert [i["cell"] for i in data["issues"] if i["code"] == "indicator-below-target"] == [f"I{FIRST + 3}"]
    formulas, values = workbook_values(out)
    assert formulas["评分表"][f"H{FIRST + 3}"].value == f"=ROUND(G{FIRST + 3}*IF(F{FIRST + 3}<=5,1,IF(F{FIRST + 3}>0,MAX(0,MIN(1,5/F{FIRST + 3})),0)),2)"
    assert values["评分表"][f"H{FIRST + 3}"].value == float(expected)


def test_a_not_applicable_indicator_is_dropped_and_the_rest_rescaled_to_100(sample: Path, tmp_path: Path):
    settings_2020(sample)
    data, out = consolidate(sample, tmp_path, variant(tmp_path, **{"带动就业人数": "不适用"}))
    by_name = indicators(data)
    assert by_name["带动就业人数"]["source"] == "not_applicable" and by_name["带动就业人数"]["points"] == "0"
    points = [Decimal(data["score"]["funds"]["points"])] + [Decimal(i["points"]) for i in data["score"]["indicators"]]
    assert sum(points) == 100
    assert points[:2] == [Decimal("11.11"), Decimal("22.23")]  # 10 and 20 of the 90 kept, × 100/90, remainders to the earlier rows
    assert data["score"]["funds"]["score"] == "11.11" and by_name["扶持企业和村（社区）数量"]["score"] == "22.23"
    formulas, values = workbook_values(out)
    ws_f, ws_v = formulas["评分表"], values["评分表"]
    dropped = FIRST + 5
    assert (ws_v[f"F{dropped}"].value, ws_v[f"G{dropped}"].value, ws_v[f"H{dropped}"].value) == ("不适用", "—", "—")
    assert ws_v[f"G{TOTAL}"].value == 100 and ws_v[f"H{TOTAL}"].value == float(Decimal(data["score"]["total"]))
    assert ws_f[f"G{FUNDS}"].value == 11.11 and ws_f[f"I{FUNDS}"].value.startswith("=IF(")


def test_a_province_variant_without_funds_block_and_moved_down_fills_without_code_changes(sample: Path, tmp_path: Path):
    settings_2020(sample)
    data, out = consolidate(sample, tmp_path, variant(tmp_path, top=3, funds=False))
    assert "funds" not in data["score"]
    # 20 + 10 + 9 + 10 + 8 + 8 + 9 + 9 of 90
    assert data["score"]["total"] == "83" and data["score"]["grade"] == "良"
    formulas, values = workbook_values(out)
    ws_f, ws_v = formulas["评分表"], values["评分表"]
    header = next(r for r in range(1, 30) if ws_v.cell(r, 2).value == "一级指标")
    first, total = header + 1, header + 1 + len(build_template_2020.INDICATORS)
    assert header == 3 + 7  # title at row 4, 3 header rows, the 2-row goal block
    assert ws_v[f"A{4}"].value == "2018年度项目支出绩效自评表"
    assert ws_f[f"F{first}"].value == "=汇总!$B$10" and ws_v[f"H{first}"].value == 20
    assert ws_f[f"H{total}"].value == f"=SUM(H{first}:H{total - 1})" and ws_v[f"H{total}"].value == 83
    assert ws_v[f"G{total}"].value == 90 and ws_v[f"I{total}"].value == "等级：良"


def test_settings_map_another_indicator_to_a_figure(sample: Path, tmp_path: Path):
    """[scorecard.computed] maps a name to recipient_count (or funding_rate = 执行率) on this form too."""
    settings_2020(sample, '\n[scorecard.computed]\n"带动就业人数" = "recipient_count"\n')
    out = tmp_path / "o.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", str(TEMPLATE))
    jobs = indicators(data)["带动就业人数"]
    assert (jobs["source"], jobs["actual"], jobs["score"]) == ("data", "59人", str(rounded(Decimal(10) * 59 / 500)))
    # its [scores] entry no longer applies, and the clerk is told
    assert ("score-from-data", "“带动就业人数”的得分由汇总数据计算，设置中的评分 8 未使用") in [(i["code"], i["message"]) for i in data["issues"]]
    assert code == 0


def test_a_funds_block_missing_a_column_is_named(sample: Path, tmp_path: Path):
    book = openpyxl.load_workbook(TEMPLATE)
    ws = book.worksheets[0]
    assert ws["H5"].value == "执行率"
    ws["H5"].value = "备注"
    bad = tmp_path / "bad-2020.xlsx"
    book.save(bad)
    result = run("scorecard", str(sample), "-o", str(tmp_path / "s.xlsx"), "--template", str(bad))
    assert result.exit_code == 2
    assert "bad-2020.xlsx" in result.stderr and "第 5 行" in result.stderr and "执行率" in result.stderr


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("targets", [{}, {"扶持企业和村（社区）数量": "70个", "平均每个单位扶持金额": "≤5万元", "带动就业人数": "不适用"}])
def test_libreoffice_recalculates_the_stored_values(sample: Path, tmp_path: Path, targets: dict):
    settings_2020(sample)
    _data, out = consolidate(sample, tmp_path, variant(tmp_path, **targets))
    recalculated = convert(out, tmp_path / "recalc", "xlsx")
    assert formula_mismatches(out, recalculated) == []
    assert error_cells(recalculated) == []


def test_indicators_setting_gives_an_actual_or_names_a_figure(sample: Path, tmp_path: Path):
    """[indicators]: "带动就业人数" = 320 is the actual the clerk counted (scored against ≥500人);
    a name pointed at "average_amount" is answered by the data."""
    settings_2020(sample, indicators={"带动就业人数": {"target": "≥500人", "actual": 320},
                                      "带动农产品网络销售额增长": {"data": "average_amount", "target": "≤10万元"}})
    out = tmp_path / "o.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out), "--template", str(TEMPLATE))
    jobs = indicators(data)["带动就业人数"]
    assert (jobs["actual"], Decimal(jobs["score"])) == ("320人", rounded(Decimal(10) * 320 / 500))
    growth = indicators(data)["带动农产品网络销售额增长"]
    assert growth["source"] == "data" and growth["actual"] is not None
    _formulas, values = workbook_values(out)
    column = {c.value for row in values["评分表"].iter_rows() for c in row}
    assert 320 in column


def test_an_indicators_setting_that_is_neither_a_figure_nor_a_number_is_refused(sample: Path):
    settings_2020(sample, indicators={"带动就业人数": "很多"})
    result = run("consolidate", str(sample), "--template", str(TEMPLATE))
    assert result.exit_code == 2 and "[indicators] 中“带动就业人数”应为" in result.stderr
