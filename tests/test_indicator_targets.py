"""The 2020 自评表 rules: targets as clerks type them, actuals in the target's form, scores, 不适用."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from xlfund.scorecard.rules import execution_rate, execution_score
from xlfund.scorecard.targets import (
    AMOUNT_ALLOCATED,
    AVERAGE_AMOUNT,
    BUDGET_EXECUTION,
    DISTRICT_SHARE,
    RECIPIENT_COUNT,
    Operator,
    data_source,
    format_actual,
    is_met,
    is_not_applicable,
    parse_target,
    rescale_points,
    score_indicator,
)

sys.path.insert(0, str(ROOT / "scripts"))
import build_template_2020  # noqa: E402

D = Decimal
GE, GT, EQ, LE, LT = Operator.AT_LEAST, Operator.ABOVE, Operator.EQUAL, Operator.AT_MOST, Operator.BELOW
# The sample: 490 万元 to 59 recipients.
AVERAGE = D(490) / D(59)


@pytest.mark.parametrize(
    ("text", "operator", "number", "unit"),
    [
        ("59个", EQ, "59", "个"),
        ("100%", EQ, "100", "%"),
        ("≥90%", GE, "90", "%"),
        (">=90%", GE, "90", "%"),
        ("＞＝90％", GE, "90", "%"),  # full-width symbols
        ("≧90%", GE, "90", "%"),
        ("≥９０％", GE, "90", "%"),
        ("５９个", EQ, "59", "个"),
        ("≤10万元", LE, "10", "万元"),
        ("<=10万元", LE, "10", "万元"),
        ("≥500人", GE, "500", "人"),
        ("不低于90%", GE, "90", "%"),
        ("不高于10万元", LE, "10", "万元"),
        ("不少于59个", GE, "59", "个"),
        ("不超过30天", LE, "30", "天"),
        ("大于等于90%", GE, "90", "%"),
        ("小于或等于10万元", LE, "10", "万元"),
        ("大于50家", GT, "50", "家"),
        ("低于5%", LT, "5", "%"),
        ("59", EQ, "59", ""),
        ("=59个", EQ, "59", "个"),
        ("90%以上", GE, "90", "%"),
        ("10万元以内", LE, "10", "万元"),
        ("控制在10万元以内", LE, "10", "万元"),
        ("30天内", LE, "30", "天"),
        ("1,000人", EQ, "1000", "人"),
        ("8.5万元", EQ, "8.5", "万元"),
        (" ≥ 90 % ", GE, "90", "%"),
        ("≥90%以上", GE, "90", "%"),  # the sign and the word agree; the sign wins anyway
    ],
)
def test_parse_quantitative_targets(text: str, operator: Operator, number: str, unit: str):
    target = parse_target(text)
    assert target is not None and target.quantitative
    assert (target.operator, target.number, target.unit, target.text) == (operator, D(number), unit, text)


@pytest.mark.parametrize("text", ["按时完成", "达标", "较好", "长期", "有效提升", "2020年12月底前", "100%完成"])
def test_texts_without_a_plain_number_are_qualitative(text: str):
    target = parse_target(text)
    assert target is not None and not target.quantitative
    assert (target.operator, target.number, target.text) == (Operator.QUALITATIVE, None, text)
    assert is_met(target, D(1)) is None and score_indicator(target, D(1), D(10)) is None


@pytest.mark.parametrize("value", [None, "", "  ", "不适用", True])
def test_empty_or_not_applicable_is_no_target(value: object):
    assert parse_target(value) is None


def test_numbers_typed_as_cell_values():
    assert parse_target(59) == parse_target("59")
    percent = parse_target(0.9, number_format="0%")
    assert percent is not None and (percent.operator, percent.number, percent.unit) == (EQ, D(90), "%")


@pytest.mark.parametrize(("value", "expected"), [("不适用", True), ("不 适 用", True), ("不涉及", True), ("59个", False), (None, False)])
def test_not_applicable(value: object, expected: bool):
    assert is_not_applicable(value) is expected


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [
        (D(59), "59个", "59个"),
        (D("0.98"), "≥90%", "98.00%"),
        (D(1), "100%", "100.00%"),
        (D("8.3137"), "≤10万元", "8.31万元"),
        (AVERAGE, "≤10万元", "8.31万元"),
        (D("8.3137"), "≤100000元", "83137.00元"),
        (D(490), "≥0.04亿元", "0.05亿元"),
        (D(520), "≥500人", "520人"),
        (D("12.5"), "≤30天", "12.50天"),
        (D(59), "59", "59"),
        (D(59), None, "59"),
        (D(59), "按时完成", "59"),  # no unit to borrow from a qualitative target
    ],
)
def test_actuals_in_the_targets_own_unit_and_form(actual: Decimal, target: str | None, expected: str):
    assert format_actual(actual, None if target is None else parse_target(target)) == expected


@pytest.mark.parametrize(
    ("target", "actual", "points", "expected"),
    [
        ("59个", D(59), D(20), "20.00"),  # the sample's recipients: target met
        ("≥59个", D(61), D(20), "20.00"),  # above target: capped at the points
        ("70个", D(59), D(20), "16.86"),  # 20 × 59/70 = 16.857…
        ("≥70个", D(59), D(10), "8.43"),  # 10 × 59/70 = 8.428…
        ("≤10万元", AVERAGE, D(10), "10.00"),  # the sample's average 8.31 万元
        ("≤8万元", AVERAGE, D(10), "9.63"),  # negative above its limit: 10 × 8 / 8.305… = 9.632…
        ("<8万元", AVERAGE, D(10), "9.63"),
        ("≤100000元", AVERAGE, D(10), "10.00"),  # the limit in 元, the actual in 万元
        ("≤10万元", D(0), D(10), "10.00"),
        ("≥90%", D("0.98"), D(10), "10.00"),
        ("≥90%", D("0.81"), D(10), "9.00"),
        ("100%", D("0.95"), D(10), "9.50"),
        ("200个", D(1), D(1), "0.01"),  # exactly 0.005: half up, as the form shows it (not half even)
        (">50家", D(50), D(10), "10.00"),  # not strictly above, but the ratio is 1
        ("≥500人", D(0), D(10), "0.00"),
    ],
)
def test_scores_by_the_2020_rules(target: str, actual: Decimal, points: Decimal, expected: str):
    parsed = parse_target(target)
    assert parsed is not None
    assert score_indicator(parsed, actual, points) == D(expected)


@pytest.mark.parametrize(
    ("target", "actual", "met"),
    [("59个", D(59), True), ("59个", D(58), False), ("≤10万元", AVERAGE, True), ("≤8万元", AVERAGE, False),
     (">50家", D(50), False), ("<5%", D("0.05"), False), ("≥90%", D("0.9"), True)],
)
def test_met(target: str, actual: Decimal, met: bool):
    parsed = parse_target(target)
    assert parsed is not None and is_met(parsed, actual) is met


@given(st.integers(0, 10_000), st.integers(1, 10_000), st.sampled_from(["≥", "≤", "", "<", ">"]))
def test_scores_stay_between_zero_and_the_points(actual: int, number: int, sign: str):
    target = parse_target(f"{sign}{number}个")
    assert target is not None
    score = score_indicator(target, D(actual), D(20))
    assert score is not None and D(0) <= score <= D(20) and score == score.quantize(D("0.01"))


@pytest.mark.parametrize(
    ("spent", "budget", "rate", "score"),
    [
        (D(490), D(490), D(1), D(10)),  # the sample: 100 % of the plan → 10 points
        (D(441), D(490), D("0.9"), D(9)),
        (D(500), D(490), D(500) / D(490), D(10)),  # above the budget: capped at 10
        (D(0), D(490), D(0), D(0)),
        (D(490), None, None, None),
        (D(490), D(0), None, None),
    ],
)
def test_funds_execution(spent: Decimal, budget: Decimal | None, rate: Decimal | None, score: Decimal | None):
    assert execution_rate(spent, budget) == rate
    assert execution_score(D(10), execution_rate(spent, budget)) == score


TEMPLATE_POINTS = [D(build_template_2020.FUNDS_POINTS)] + [D(i[4]) for i in build_template_2020.INDICATORS]


def test_not_applicable_rescales_the_rest_to_100():
    points = [D(10), D(20), D(10), D(10), D(10), D(10), D(10), D(10), D(10)]
    rescaled = rescale_points(points, {2})
    assert sum(rescaled) == D(100)
    assert rescaled[2] == 0
    # 100 / 90 × 20 = 22.222… and × 10 = 11.111…: the one hundredth left over goes to the largest remainder.
    assert rescaled == [D("11.11"), D("22.23"), D(0)] + [D("11.11")] * 6
    assert rescale_points(points, {1}) == [D("12.5"), D(0)] + [D("12.5")] * 7
    assert rescale_points(points, set()) == points


@pytest.mark.parametrize("dropped", [{i} for i in range(len(TEMPLATE_POINTS))] + [{1, 2}, {3, 5, 7}, {0, 8}])
def test_rescaled_template_points_sum_to_exactly_100(dropped: set[int]):
    rescaled = rescale_points(TEMPLATE_POINTS, dropped)
    assert sum(rescaled) == D(100)
    assert all(rescaled[i] == 0 for i in dropped)
    assert all(p > 0 for i, p in enumerate(rescaled) if i not in dropped)


def test_rescale_to_a_given_total_and_nothing_left():
    assert rescale_points([D(20), D(10), D(10)], {2}, total=D(90)) == [D(60), D(30), D(0)]
    with pytest.raises(ValueError):
        rescale_points([D(10), D(10)], {0, 1})


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("扶持企业和村（社区）数量", RECIPIENT_COUNT),
        ("受助对象数量", RECIPIENT_COUNT),
        ("扶持项目个数", RECIPIENT_COUNT),
        ("资金分配金额", AMOUNT_ALLOCATED),
        ("下达资金总额", AMOUNT_ALLOCATED),
        ("平均每个单位扶持金额", AVERAGE_AMOUNT),
        ("户均补助金额", AVERAGE_AMOUNT),
        ("单位成本", AVERAGE_AMOUNT),
        ("区县报送率", DISTRICT_SHARE),
        ("覆盖区县比例", DISTRICT_SHARE),
        ("预算执行率", BUDGET_EXECUTION),
        ("年度预算执行率（10分）", BUDGET_EXECUTION),
        ("服务对象满意度", None),
        ("扶持项目验收合格率", None),
        ("资金拨付及时性", None),
        ("资金分配合理性", None),
        ("带动就业人数", None),
        ("带动农产品网络销售额增长", None),
        ("农村电子商务服务体系持续发挥作用", None),
    ],
)
def test_data_driven_indicators_are_recognised_by_name(name: str, source: str | None):
    assert data_source(name) == source


# ---------------------------------------------------------------- the shipped template


def test_shipped_template_is_what_the_script_builds(tmp_path: Path):
    rebuilt = tmp_path / "scorecard-2020.xlsx"
    build_template_2020.build(rebuilt)
    assert rebuilt.read_bytes() == build_template_2020.DEFAULT_OUTPUT.read_bytes()


def _row_of(ws, text: str) -> int:
    return next(c.row for row in ws.iter_rows() for c in row if c.value == text)


def test_template_has_the_2020_layout():
    path = build_template_2020.DEFAULT_OUTPUT
    ws = openpyxl.load_workbook(path).worksheets[0]
    values = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    assert ws["A1"].value == "{年度}年度项目支出绩效自评表"
    assert (ws["A3"].value, ws["D3"].value, ws["A4"].value, ws["F4"].value) == ("项目名称", "{资金名称}", "主管部门", "实施单位")
    assert [ws.cell(5, c).value for c in range(4, 10)] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [ws.cell(r, 2).value for r in range(6, 10)] == ["年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金"]
    assert ws["A5"].value == "项目资金（万元）" and ws["G6"].value == 10
    assert (ws["A10"].value, ws["B10"].value, ws["F10"].value) == ("年度总体目标", "预期目标", "实际完成情况")
    assert [ws.cell(12, c).value for c in range(1, 10)] == [
        "绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    total = _row_of(ws, "总分")
    assert total == 21 and ws.cell(total, 1).value == "总分"
    assert ws.cell(total, 7).value == "=G6+SUM(G13:G20)" and values.cell(total, 7).value == 100
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged >= {"A1:I1", "A5:A9", "A10:A11", "A12:A20", "B13:B16", "B17:B19", "A21:F21", "B6:C6"}
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "portrait"
    assert ws.print_title_rows == "$12:$12"
    assert ws["D13"].font.name == "仿宋" and ws["A1"].font.name == "宋体"


def test_the_shipped_template_carries_no_figure_of_any_fund():
    """年度指标值 and 预期目标 are each fund's own: they come from the settings, never the form."""
    ws = openpyxl.load_workbook(build_template_2020.DEFAULT_OUTPUT).worksheets[0]
    rows = range(13, 21)
    assert [ws.cell(r, 5).value for r in rows] == [None] * 8 and ws["B11"].value is None
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [t for t in texts if any(ch.isdigit() for ch in t) and not t.startswith("=")]  # no "59个", no "≥90%"
    assert ws["G6"].value + sum(ws.cell(r, 7).value for r in rows) == 100
    names = [ws.cell(r, 4).value for r in rows]
    sources = {name: data_source(name) for name in names}
    assert {n: s for n, s in sources.items() if s} == {"扶持企业和村（社区）数量": RECIPIENT_COUNT, "平均每个单位扶持金额": AVERAGE_AMOUNT}


def test_variant_without_funds_block_moved_down(tmp_path: Path):
    path = tmp_path / "variant.xlsx"
    build_template_2020.build(path, top=2, funds=False)
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["A3"].value == "{年度}年度项目支出绩效自评表"
    assert "项目资金（万元）" not in {c.value for row in ws.iter_rows() for c in row}
    header = _row_of(ws, "一级指标")
    total = _row_of(ws, "总分")
    assert header == 9 and total == header + 9
    assert ws.cell(total, 7).value == f"=SUM(G{header + 1}:G{total - 1})"
