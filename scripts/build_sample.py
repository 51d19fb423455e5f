"""Rebuild the sample folder workbooks/ from the 2018 Yiyang seed data.

Each district's file is laid out differently, the way real submissions arrive: title and
unit lines, a merged two-row header, a vertically merged 区县 column, amounts typed as text
("12万元", the report's own "5万元元", "扶持9万元"), amounts in 元 with thousands separators,
a GB18030 CSV, an .xls with 大写金额 and full-width digits, 合计 rows and footnotes.

Usage: python scripts/build_sample.py [FOLDER]   (default: workbooks/)
The .xls file needs LibreOffice (soffice) to convert; without it the .xls is left as is.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import xlsxwriter

sys.path.insert(0, str(Path(__file__).parent))
from seed_data import GAOXIN, HESHAN, ZIYANG  # noqa: E402

FUND = "益阳市电子商务发展引导资金"
# The report names only the first of the four villages; the other three are placeholders.
VILLAGES = [
    ("安化县冷市镇金湖村", "壹拾万元整"),
    ("安化县扶贫村（社区）之二（原报告未具名）", "１００，０００"),
    ("安化县扶贫村（社区）之三（原报告未具名）", 100000),
    ("安化县扶贫村（社区）之四（原报告未具名）", "100,000元"),
]
VILLAGE_PURPOSE = "电商平台搭建和线上产品宣传推广工作"

SETTINGS = '''# 益阳市电子商务发展引导资金 2018 年度设置（金额单位：万元）
[fund]
name = "益阳市电子商务发展引导资金"
year = 2018
cap = 500                 # 每年安排的资金上限
plan = 490                # 批复的年度使用计划（计划到位）
target_recipients = 59    # 绩效目标：扶持 55 家企业和 4 个扶贫村（社区）
districts = ["高新区", "赫山区", "资阳区", "安化县"]

[quotas]                  # 各区县下达额度
"高新区" = 204
"赫山区" = 177
"资阳区" = 69
"安化县" = 40

[scores]                  # 需要评审判断的指标自评分（指标名称 = 得分）；到位率、产出数量由数据计算
"目标内容" = 4
"决策依据" = 4
"决策程序" = 4
"分配办法" = 3
"分配结果" = 5
"到位时效" = 2
"资金使用" = 7
"财务管理" = 3
"组织机构" = 1
"项目实施" = 3
"管理制度" = 5
"产出质量" = 4
"产出时效" = 3
"产出成本" = 2
"经济效益" = 8
"社会效益" = 8
"环境效益" = 7
"可持续影响" = 8
"服务对象满意度" = 8

[indicators]              # 2020 年自评表（--template templates/scorecard-2020.xlsx）的年度指标值；受助单位数量取 target_recipients
"扶持项目验收合格率" = { target = "100%" }
"资金拨付及时性" = { target = "按时完成" }
"平均每个单位扶持金额" = { target = "≤10万元" }
"带动农产品网络销售额增长" = { target = "≥10%" }
"带动就业人数" = { target = "≥500人" }
"农村电子商务服务体系持续发挥作用" = { target = "长期" }
"服务对象满意度" = { target = "≥90%" }

[scorecard]               # 2020 年自评表的预期目标
goal = "安排益阳市电子商务发展引导资金，扶持电子商务企业和扶贫村（社区）共59个，推动电子商务进农村，带动农产品网络销售和就业，服务对象满意度达到90%以上。"
'''


def _formats(book: xlsxwriter.Workbook) -> dict:
    base = {"font_name": "宋体", "font_size": 11, "border": 1, "valign": "vcenter"}
    return {
        "title": book.add_format({"font_name": "宋体", "font_size": 16, "bold": True, "align": "center"}),
        "head": book.add_format({**base, "bold": True, "align": "center", "text_wrap": True}),
        "cell": book.add_format({**base, "text_wrap": True}),
        "num": book.add_format({**base, "num_format": "0"}),
        "plain": book.add_format({"font_name": "宋体", "font_size": 11}),
    }


def build_gaoxin(folder: Path) -> None:
    """Title, 填报单位 and 单位：万元 lines, plain header, text amounts, 合计, footnote, signatures."""
    book = xlsxwriter.Workbook(str(folder / "高新区.xlsx"), {"strings_to_numbers": False})
    f = _formats(book)
    ws = book.add_worksheet("高新区")
    ws.merge_range("A1:E1", "2018年益阳市电子商务发展引导资金分配明细表", f["title"])
    ws.write_string("A2", "填报单位：益阳高新区商务局", f["plain"])
    ws.write_string("E2", "单位：万元", f["plain"])
    for c, head in enumerate(["序号", "企业名称", "扶持金额", "资金用途", "备注"]):
        ws.write_string(2, c, head, f["head"])
    for i, (name, amount, purpose) in enumerate(GAOXIN):
        r = 3 + i
        ws.write_number(r, 0, i + 1, f["num"])
        ws.write_string(r, 1, name, f["cell"])
        if i == 0:
            ws.write_string(r, 2, "12万元", f["cell"])  # typed as text
        elif name == "益阳市园通快递有限公司":
            ws.write_string(r, 2, "5万元元", f["cell"])  # the report's own typo
        else:
            ws.write_number(r, 2, amount, f["num"])
        ws.write_string(r, 3, purpose, f["cell"])
        ws.write_blank(r, 4, None, f["cell"])
    total_row = 3 + len(GAOXIN)
    ws.write_string(total_row, 0, "合计", f["head"])
    ws.write_blank(total_row, 1, None, f["cell"])
    ws.write_number(total_row, 2, sum(a for _, a, _ in GAOXIN), f["num"])
    ws.write_blank(total_row, 3, None, f["cell"])
    ws.write_blank(total_row, 4, None, f["cell"])
    ws.write_string(total_row + 1, 0, "注：以上企业经区商务局、区财政局联合初审，已公示无异议。", f["plain"])
    ws.write_string(total_row + 2, 0, "填表人：            审核人：            日期：2018年12月20日", f["plain"])
    ws.set_column("A:A", 6)
    ws.set_column("B:B", 36)
    ws.set_column("C:C", 10)
    ws.set_column("D:D", 60)
    book.close()


def build_heshan(folder: Path) -> None:
    """Two-row merged header, 区县 column merged down, "扶持9万元" in one cell, merged 合计."""
    book = xlsxwriter.Workbook(str(folder / "赫山区.xlsx"), {"strings_to_numbers": False})
    f = _formats(book)
    ws = book.add_worksheet("Sheet1")
    ws.merge_range("A1:F1", "赫山区2018年电子商务发展引导资金扶持企业名单", f["title"])
    ws.merge_range("A2:A3", "序号", f["head"])
    ws.merge_range("B2:B3", "所属区县", f["head"])
    ws.merge_range("C2:C3", "项目单位", f["head"])
    ws.merge_range("D2:E2", "扶持情况", f["head"])
    ws.write_string("D3", "补助资金（万元）", f["head"])
    ws.write_string("E3", "主要用途", f["head"])
    ws.merge_range("F2:F3", "备注", f["head"])
    first = 3
    for i, (name, amount, purpose) in enumerate(HESHAN):
        r = first + i
        ws.write_number(r, 0, i + 1, f["num"])
        ws.write_string(r, 2, name, f["cell"])
        if name == "益阳青松有限公司":
            ws.write_string(r, 3, "扶持9万元", f["cell"])  # as the report has it
        else:
            ws.write_number(r, 3, amount, f["num"])
        ws.write_string(r, 4, purpose, f["cell"])
        ws.write_blank(r, 5, None, f["cell"])
    last = first + len(HESHAN) - 1
    ws.merge_range(first, 1, last, 1, "赫山区", f["head"])
    total_row = last + 1
    ws.merge_range(total_row, 0, total_row, 2, "合  计", f["head"])
    ws.write_number(total_row, 3, sum(a for _, a, _ in HESHAN), f["num"])
    ws.write_blank(total_row, 4, None, f["cell"])
    ws.write_blank(total_row, 5, None, f["cell"])
    ws.write_string(total_row + 2, 0, "说明：扶持名单经赫山区商务局、财政局联合初审后报送。", f["plain"])
    ws.set_column("A:B", 8)
    ws.set_column("C:C", 36)
    ws.set_column("D:D", 12)
    ws.set_column("E:E", 60)
    book.close()


def build_ziyang(folder: Path) -> None:
    """A CSV in GB18030 (what Excel on Chinese Windows saves), amounts in 元 with separators."""
    path = folder / "资阳区.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["资阳区2018年电子商务发展引导资金分配表", "", "", ""])
        out.writerow(["序号", "企业名称", "扶持金额（元）", "用途"])
        for i, (name, amount, purpose) in enumerate(ZIYANG):
            out.writerow([i + 1, name, f"{amount * 10000:,}", purpose])
        out.writerow(["", "合计", f"{sum(a for _, a, _ in ZIYANG) * 10000:,}", ""])
        out.writerow(["填报日期：2018年12月21日", "", "", ""])


def build_anhua(folder: Path) -> None:
    """An .xls (BIFF) with a generic sheet name, the district only in a title line, 元 amounts
    written in 大写, full-width digits and with a 元 suffix."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "安化县.xlsx"
        book = xlsxwriter.Workbook(str(source), {"strings_to_numbers": False})
        f = _formats(book)
        ws = book.add_worksheet("Sheet1")
        ws.merge_range("A1:D1", "电商扶贫帮建资金分配表", f["title"])
        ws.write_string("A2", "填报单位：安化县商务局          金额单位：元", f["plain"])
        for c, head in enumerate(["序号", "扶持对象", "金额", "资金用途"]):
            ws.write_string(2, c, head, f["head"])
        for i, (name, amount) in enumerate(VILLAGES):
            r = 3 + i
            ws.write_number(r, 0, i + 1, f["num"])
            ws.write_string(r, 1, name, f["cell"])
            if isinstance(amount, str):
                ws.write_string(r, 2, amount, f["cell"])
            else:
                ws.write_number(r, 2, amount, f["num"])
            ws.write_string(r, 3, VILLAGE_PURPOSE, f["cell"])
        ws.write_string(7, 0, "合计", f["head"])
        ws.write_number(7, 2, 400000, f["num"])
        ws.set_column("B:B", 40)
        ws.set_column("D:D", 36)
        book.close()
        soffice = shutil.which("soffice")
        if soffice is None:
            print("soffice not found: 安化县.xls not rebuilt", file=sys.stderr)
            return
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "xls",
             "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=120,
        )
        shutil.copyfile(Path(tmp) / "安化县.xls", folder / "安化县.xls")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "workbooks"
    folder.mkdir(parents=True, exist_ok=True)
    build_gaoxin(folder)
    build_heshan(folder)
    build_ziyang(folder)
    build_anhua(folder)
    (folder / "xlfund.toml").write_text(SETTINGS, encoding="utf-8")


if __name__ == "__main__":
    main()
