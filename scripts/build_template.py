"""Build templates/scorecard.xlsx: the 2018 项目支出绩效自评指标评分表, as in the seed.

The template is the clerks' own: they may edit it in Excel or WPS. xlfund learns the
indicators, levels and points from it (see xlfund/scorecard/template.py); this script only exists
so the official form can be rebuilt and reviewed as code.

Placeholders {年度} and {资金名称} in any text are filled with the fund's year and name.

Usage: python scripts/build_template.py [OUTPUT]   (default: templates/scorecard.xlsx,
and the packaged copy xlfund/data/scorecard.xlsx)
"""

from __future__ import annotations

import datetime
import shutil
import sys
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent

# (一级, 二级, 三级, 分值, 具体指标, 评价标准), text as in the seed scorecard.
INDICATORS = [
    ("项目决策（20分）", "项目目标（4分）", "目标内容", 4,
     "设立了项目绩效目标；目标明确；目标细化；目标量化",
     "设有目标（1分）\n目标明确（1分）\n目标细化（1分）\n目标量化（1分）"),
    ("项目决策（20分）", "决策过程（8分）", "决策依据", 4,
     "有关法律法规的明确规定；某一经济社会发展规划；某部门年度工作计划；某一实际问题和需求",
     "符合法律法规（1分）\n符合经济社会发展规划（1分）\n部门年度工作计划（1分）\n针对某一实际问题和需求（1分）"),
    ("项目决策（20分）", "决策过程（8分）", "决策程序", 4,
     "项目符合申报条件；申报、批复程序符合相关管理办法；项目调整履行了相应手续",
     "符合申报条件（2分）\n项目申报、批复程序符合管理办法（1分）\n项目调整履行了相应手续（1分）"),
    ("项目决策（20分）", "资金分配（8分）", "分配办法", 3,
     "根据需要制定的相关资金管理办法；管理办法中有明确资金分配办法；资金分配因素全面、合理",
     "有相应的资金管理办法（1分）\n办法健全、规范（1分）\n因素全面合理（1分）"),
    ("项目决策（20分）", "资金分配（8分）", "分配结果", 5,
     "资金分配符合相关管理办法；分配结果公平合理",
     "符合分配办法（2分）\n分配公平合理（3分）"),
    ("项目管理（25分）", "资金到位（5分）", "到位率", 3,
     "实际到位/计划到位*100%",
     "根据项目资金的实际到位率计算得分"),
    ("项目管理（25分）", "资金到位（5分）", "到位时效", 2,
     "资金及时到位；若未及时到位，是否影响项目进度",
     "到位及时（2分）\n不及时但未影响项目进度（1分）\n不及时并影响项目进度（0.5分）"),
    ("项目管理（25分）", "资金管理（10分）", "资金使用", 7,
     "支出依据合规，无虚列项目支出情况；无截留挤占挪用情况；无超标准开支情况；无超预算情况",
     "虚列套取扣4-7分\n依据不合规扣2分\n截留、挤占、挪用扣3-6分\n超标准开支扣2-5分\n超预算扣2-5分"),
    ("项目管理（25分）", "资金管理（10分）", "财务管理", 3,
     "资金管理、费用支出等制度健全；制度执行严格；会计核算规范",
     "财务制度健全（1分）\n严格执行制度（1分）\n会计核算规范（1分）"),
    ("项目管理（25分）", "组织实施（10分）", "组织机构", 1,
     "机构健全、分工明确",
     "机构健全、分工明确（1分）"),
    ("项目管理（25分）", "组织实施（10分）", "项目实施", 3,
     "项目按计划开工；按计划进度开展；按计划完工",
     "按计划开工（1分）\n按计划开展（1分）\n按计划完工（1分）"),
    ("项目管理（25分）", "组织实施（10分）", "管理制度", 6,
     "项目管理制度健全；严格执行相关管理制度",
     "管理制度健全（2分）\n制度执行严格（4分）"),
    ("项目绩效（55分）", "项目产出（15分）", "产出数量", 5,
     "根据该项目实际，标识具体明确的产出数量",
     "对照绩效目标，按实际产出数量率计算得分（5分）"),
    ("项目绩效（55分）", "项目产出（15分）", "产出质量", 4,
     "根据该项目实际，标识具体明确的产出质量",
     "对照绩效目标，按实际产出质量率计算得分（4分）"),
    ("项目绩效（55分）", "项目产出（15分）", "产出时效", 3,
     "根据该项目实际，标识具体明确的产出时效",
     "对照绩效目标，按实际产出时效率计算得分（3分）"),
    ("项目绩效（55分）", "项目产出（15分）", "产出成本", 3,
     "根据该项目实际，标识具体明确的产出成本",
     "对照绩效目标，按实际产出成本率计算得分（3分）"),
    ("项目绩效（55分）", "项目效果（40分）", "经济效益", 8,
     "根据项目实际，标识所产生的直接或间接的经济效益",
     "对照绩效目标，按经济效益实现程度计算得分（8分）"),
    ("项目绩效（55分）", "项目效果（40分）", "社会效益", 8,
     "根据项目实际，标识所产生的社会效益",
     "对照绩效目标，按社会效益实现程度计算得分（8分）"),
    ("项目绩效（55分）", "项目效果（40分）", "环境效益", 8,
     "根据项目实际，标识对环境所产生的积极或消极影响",
     "对照绩效目标，按对环境所产生的实际影响程度计算得分（8分）"),
    ("项目绩效（55分）", "项目效果（40分）", "可持续影响", 8,
     "项目产出能持续运用；项目运行所依赖的政策制度能持续执行",
     "项目产出能持续运用（4分）\n所依赖的政策制度能持续执行（4分）"),
    ("项目绩效（55分）", "项目效果（40分）", "服务对象满意度", 8,
     "项目预期服务对象对项目实施的满意程度",
     "按收集到的项目服务对象的满意率计算得分（8分）"),
]

HEADS = [("一级指标", 13), ("二级指标", 13), ("三级指标", 12), ("分值", 6), ("自评分", 8), ("具体指标", 32), ("评价标准", 38)]


def build(path: Path, indicators: list[tuple] | None = None, top: int = 0) -> None:
    """Write the form; tests pass edited `indicators` and a `top` offset to move it down."""
    indicators = INDICATORS if indicators is None else indicators
    book = xlsxwriter.Workbook(str(path))
    # A fixed date keeps rebuilds byte-identical, so a rebuilt template shows no spurious diff.
    book.set_properties({"title": "项目支出绩效自评指标评分表（模板）", "created": datetime.datetime(2019, 4, 26)})
    ws = book.add_worksheet("评分表")
    song = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
    title = book.add_format({"font_name": "宋体", "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"})
    sub = book.add_format({"font_name": "仿宋", "font_size": 11, "valign": "vcenter"})
    head = book.add_format({**song, "font_name": "黑体", "font_size": 11, "align": "center"})
    level = book.add_format({**song, "align": "center"})
    text = book.add_format({**song, "font_name": "仿宋"})
    points = book.add_format({**song, "align": "center", "num_format": "0.##"})
    total_label = book.add_format({**song, "font_name": "黑体", "font_size": 11, "align": "center"})

    t = top  # rows above the title (a clerk moving the table down)
    ws.set_row(t, 30)
    ws.merge_range(t, 0, t, 6, "{年度}年{资金名称}项目支出绩效自评指标评分表", title)
    ws.merge_range(t + 1, 0, t + 1, 6, "项目名称：{资金名称}　　　　　　　　　　　　　　　　　　　　金额单位：万元", sub)
    for c, (label, width) in enumerate(HEADS):
        ws.write_string(t + 2, c, label, head)
        ws.set_column(c, c, width)
    ws.set_row(t + 2, 24)
    first = t + 3
    for i, (_l1, _l2, name, pts, spec, standard) in enumerate(indicators):
        r = first + i
        ws.write_string(r, 2, name, level)
        ws.write_number(r, 3, pts, points)
        ws.write_blank(r, 4, None, points)
        ws.write_string(r, 5, spec, text)
        ws.write_string(r, 6, standard, text)
        ws.set_row(r, max(32, 15 * (standard.count("\n") + 1)))
    for level_col in (0, 1):
        start = 0
        while start < len(indicators):
            end = start
            while end + 1 < len(indicators) and indicators[end + 1][level_col] == indicators[start][level_col]:
                end += 1
            label = indicators[start][level_col]
            if end > start:
                ws.merge_range(first + start, level_col, first + end, level_col, label, level)
            else:
                ws.write_string(first + start, level_col, label, level)
            start = end + 1
    last = first + len(indicators) - 1
    total = last + 1
    ws.merge_range(total, 0, total, 2, "总分", total_label)
    ws.write_formula(total, 3, f"=SUM(D{first + 1}:D{last + 1})", points, sum(i[3] for i in indicators))
    ws.write_blank(total, 4, None, points)
    ws.merge_range(total, 5, total, 6, "", text)
    ws.set_row(total, 24)

    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(t + 2)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页，共 &N 页")
    book.close()


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "scorecard.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    build(target)
    if len(sys.argv) == 1:
        packaged = ROOT / "xlfund" / "data" / "scorecard.xlsx"
        packaged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, packaged)


if __name__ == "__main__":
    main()
