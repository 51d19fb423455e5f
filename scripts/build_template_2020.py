"""Build templates/scorecard-2020.xlsx: the 2020 项目支出绩效自评表 (财预〔2020〕10号).

The layout follows the 2020 framework (see ../shared/DOMAIN.md): header rows 项目名称 /
主管部门 / 实施单位; the funds block 项目资金（万元） with 年初预算数 | 全年预算数 | 全年执行数 |
分值 | 执行率 | 得分 (年度资金总额 worth 10 points, then the 其中 rows); 年度总体目标 (预期目标 |
实际完成情况); the indicator table 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 |
得分 | 偏差原因分析及改进措施 under a 绩效指标 column; and 总分 100.

Like the 2018 form (scripts/build_template.py) it belongs to the clerks, who may edit it in
Excel or WPS; this script exists so the official form can be rebuilt and reviewed as code.
The indicators are those of an e-commerce development fund; other funds change their rows. The
form carries no figure of any one fund: 年度指标值 and 预期目标 come from the settings.
Placeholders {年度} and {资金名称} in any text are filled with the fund's year and name.

Usage: python scripts/build_template_2020.py [OUTPUT]   (default: templates/scorecard-2020.xlsx,
and the packaged copy xlfund/data/scorecard-2020.xlsx)
"""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "templates" / "scorecard-2020.xlsx"

TITLE = "{年度}年度项目支出绩效自评表"
FUNDS_POINTS = 10
# (一级, 二级, 三级, 年度指标值, 分值): 产出 50, 效益 30, 满意度 10, with the funds block's 10 = 100.
# The 年度指标值 are left blank: they are each fund's own, given in xlfund.toml ([indicators]
# target, --target for the recipient count) or typed into the yellow cells. Tests pass targets
# to build a form a clerk has typed them into.
INDICATORS = [
    ("产出指标", "数量指标", "扶持企业和村（社区）数量", "", 20),
    ("产出指标", "质量指标", "扶持项目验收合格率", "", 10),
    ("产出指标", "时效指标", "资金拨付及时性", "", 10),
    ("产出指标", "成本指标", "平均每个单位扶持金额", "", 10),
    ("效益指标", "经济效益指标", "带动农产品网络销售额增长", "", 10),
    ("效益指标", "社会效益指标", "带动就业人数", "", 10),
    ("效益指标", "可持续影响指标", "农村电子商务服务体系持续发挥作用", "", 10),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "", 10),
]
# Columns A–I. A holds the vertical block labels (项目资金、年度总体目标、绩效指标), so it is narrow.
INDICATOR_HEADS = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
FUNDS_HEADS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
FUNDS_ROWS = ["年度资金总额", "其中：本年财政拨款", "上年结转资金", "其他资金"]
WIDTHS = [5.5, 10, 14, 26, 12, 12, 7, 9, 24]
LAST_COL = len(WIDTHS) - 1


def build(path: Path, indicators: list[tuple] | None = None, top: int = 0, funds: bool = True) -> None:
    """Write the form; tests pass edited `indicators`, a `top` offset, or `funds=False` (a province
    variant without the funds block: 总分 is then the indicators' points alone)."""
    indicators = INDICATORS if indicators is None else indicators
    book = xlsxwriter.Workbook(str(path))
    # A fixed date keeps rebuilds byte-identical, so a rebuilt template shows no spurious diff.
    book.set_properties({"title": "项目支出绩效自评表（模板）", "created": datetime.datetime(2021, 3, 1)})
    ws = book.add_worksheet("自评表")
    song = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
    title = book.add_format({"font_name": "宋体", "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"})
    sub = book.add_format({"font_name": "仿宋", "font_size": 11, "valign": "vcenter"})
    head = book.add_format({**song, "bold": True, "align": "center"})
    center = book.add_format({**song, "font_name": "仿宋", "align": "center"})
    text = book.add_format({**song, "font_name": "仿宋"})
    points = book.add_format({**song, "align": "center", "num_format": "0.##"})
    money = book.add_format({**song, "align": "right", "num_format": "#,##0.00"})
    rate = book.add_format({**song, "align": "center", "num_format": "0.00%"})
    indented = book.add_format({**song, "font_name": "仿宋", "indent": 3})  # under "其中：", as printed forms align them

    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)

    r = top  # 0-based rows from here on; rows above the title are a clerk moving the form down
    ws.set_row(r, 36)
    ws.merge_range(r, 0, r, LAST_COL, TITLE, title)
    r += 1
    ws.merge_range(r, 0, r, LAST_COL, "填报单位（盖章）：", sub)
    ws.set_row(r, 20)
    r += 1
    ws.merge_range(r, 0, r, 2, "项目名称", head)
    ws.merge_range(r, 3, r, LAST_COL, "{资金名称}", text)
    ws.set_row(r, 24)
    r += 1
    ws.merge_range(r, 0, r, 2, "主管部门", head)
    ws.merge_range(r, 3, r, 4, "", text)
    ws.merge_range(r, 5, r, 6, "实施单位", head)
    ws.merge_range(r, 7, r, LAST_COL, "", text)
    ws.set_row(r, 24)
    r += 1

    funds_total = None  # 0-based row of 年度资金总额
    if funds:
        first = r
        funds_total = r + 1
        ws.merge_range(r, 1, r, 2, "", head)
        for c, label in enumerate(FUNDS_HEADS, start=3):
            ws.write_string(r, c, label, head)
        ws.set_row(r, 24)
        for i, label in enumerate(FUNDS_ROWS):
            row = r + 1 + i
            label_format = center if i == 0 else text if i == 1 else indented
            ws.merge_range(row, 1, row, 2, label, label_format)
            for c in (3, 4, 5):
                ws.write_blank(row, c, None, money)
            if i == 0:
                ws.write_number(row, 6, FUNDS_POINTS, points)
                ws.write_blank(row, 7, None, rate)
                ws.write_blank(row, 8, None, points)
            else:  # only the total carries points and a score
                ws.write_string(row, 6, "—", center)
                ws.write_blank(row, 7, None, rate)
                ws.write_string(row, 8, "—", center)
            ws.set_row(row, 22)
        r += 1 + len(FUNDS_ROWS)
        ws.merge_range(first, 0, r - 1, 0, "项目资金（万元）", head)

    ws.merge_range(r, 0, r + 1, 0, "年度总体目标", head)
    ws.merge_range(r, 1, r, 4, "预期目标", head)
    ws.merge_range(r, 5, r, LAST_COL, "实际完成情况", head)
    ws.set_row(r, 22)
    ws.merge_range(r + 1, 1, r + 1, 4, "", text)
    ws.merge_range(r + 1, 5, r + 1, LAST_COL, "", text)
    ws.set_row(r + 1, 66)
    r += 2

    header = r
    for c, label in enumerate(INDICATOR_HEADS, start=1):
        ws.write_string(header, c, label, head)
    ws.set_row(header, 30)
    first = header + 1
    for i, (_l1, _l2, name, target, pts) in enumerate(indicators):
        row = first + i
        ws.write_string(row, 3, name, text)
        if target:
            ws.write_string(row, 4, target, center)
        else:
            ws.write_blank(row, 4, None, center)
        ws.write_blank(row, 5, None, center)
        ws.write_number(row, 6, pts, points)
        ws.write_blank(row, 7, None, points)
        ws.write_blank(row, 8, None, text)
        ws.set_row(row, 30)
    for level_col in (0, 1):  # merge runs of equal 一级/二级 names, as the official form does
        start = 0
        while start < len(indicators):
            end = start
            while end + 1 < len(indicators) and indicators[end + 1][level_col] == indicators[start][level_col]:
                end += 1
            label = indicators[start][level_col]
            if end > start:
                ws.merge_range(first + start, level_col + 1, first + end, level_col + 1, label, center)
            else:
                ws.write_string(first + start, level_col + 1, label, center)
            start = end + 1
    last = first + len(indicators) - 1
    ws.merge_range(header, 0, last, 0, "绩效指标", head)

    total = last + 1
    indicator_points = sum(i[4] for i in indicators)
    funds_ref = "" if funds_total is None else f"G{funds_total + 1}+"  # the 年度资金总额 row's 分值
    ws.merge_range(total, 0, total, 5, "总分", head)
    ws.write_formula(total, 6, f"={funds_ref}SUM(G{first + 1}:G{last + 1})", points,
                     indicator_points + (FUNDS_POINTS if funds else 0))
    ws.write_blank(total, 7, None, points)
    ws.write_blank(total, 8, None, text)
    ws.set_row(total, 24)
    ws.merge_range(total + 1, 0, total + 1, LAST_COL, "填表人：　　　　　　　　联系电话：　　　　　　　　填报日期：　　　　年　　月　　日", sub)
    ws.set_row(total + 1, 24)

    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.print_area(top, 0, total + 1, LAST_COL)
    book.close()


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    build(target)
    if len(sys.argv) == 1:
        packaged = ROOT / "xlfund" / "data" / DEFAULT_OUTPUT.name
        packaged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, packaged)


if __name__ == "__main__":
    main()
