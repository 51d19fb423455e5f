"""The shipped sample folder reproduces the 2018 Yiyang figures, end to end through the CLI."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import find_row, run, run_json, sheet_rows, workbook_values


def test_sample_reports_59_recipients_490_and_10_left_without_errors(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    code, data = run_json("consolidate", str(sample), "-o", str(out))
    assert code == 0
    assert data["recipients"] == 59
    assert Decimal(data["total"]) == Decimal(490)
    assert Decimal(data["remaining"]) == Decimal(10)
    assert Decimal(data["cap"]) == Decimal(500)
    assert {d: (v["recipients"], Decimal(v["total"])) for d, v in data["districts"].items()} == {
        "高新区": (24, Decimal(204)), "赫山区": (22, Decimal(177)), "资阳区": (9, Decimal(69)), "安化县": (4, Decimal(40)),
    }
    assert [i for i in data["issues"] if i["severity"] == "错误"] == []
    # The seed's own "5万元元" is read as 5 万元 and pointed out, at its cell.
    assert [(i["code"], i["file"], i["cell"]) for i in data["issues"]] == [("amount-unit-typo", "高新区.xlsx", "C24")]
    assert data["output"] == str(out)


def test_sample_terminal_summary_is_chinese_and_names_the_output(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(sample), "-o", str(out))
    assert result.exit_code == 0
    assert "受助单位 59 个，分配合计 490.00 万元" in result.stdout
    assert "剩余 10.00 万元" in result.stdout
    assert "绩效自评：97 分，等级 优" in result.stdout
    assert f"已生成：{out}" in result.stdout
    assert result.stderr == ""


def test_every_file_and_sheet_balances(sample: Path, tmp_path: Path):
    _code, data = run_json("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"))
    read = [f for f in data["files"] if f["status"] == "已读取"]
    assert sorted(f["file"] for f in read) == ["安化县.xls", "资阳区.csv", "赫山区.xlsx", "高新区.xlsx"]
    for f in read:
        for s in f["sheets"]:
            assert s["read"] == s["records"] + s["header"] + s["totals"] + s["notes"] + s["rejected"] + s["blank"], s
    assert sum(f["records"] for f in read) == 59
    assert all(f["totals"] == 1 and f["rejected"] == 0 for f in read)
    assert all(len(f["sha256"]) == 64 for f in read)


def test_output_sheets_summary_formulas_and_stored_values(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    formulas, values = workbook_values(out)
    assert formulas.sheetnames == ["汇总", "明细", "对账", "报送情况", "变更", "问题", "评分表", "报告", "说明", "xlfund运行记录"]
    assert [ws.sheet_state for ws in formulas.worksheets][-2:] == ["visible", "veryHidden"]
    summary_f, summary_v = formulas["汇总"], values["汇总"]
    labels = {summary_v.cell(r, 1).value: r for r in range(1, 40)}
    total_row = labels["分配合计（万元）"]
    assert summary_f.cell(total_row, 2).value.startswith("=SUM(明细!$D$2:$D$60)")
    assert summary_v.cell(total_row, 2).value == 490
    assert summary_v.cell(labels["剩余额度（万元）"], 2).value == 10
    assert summary_v.cell(labels["受助单位数"], 2).value == 59
    assert abs(summary_v.cell(labels["资金使用率"], 2).value - 0.98) < 1e-12
    gaoxin = find_row(values, "汇总", "高新区")
    assert gaoxin[1:3] == (24, 204)
    assert summary_f.cell(labels["高新区"], 3).value.startswith("=SUMIFS(明细!$D$2:$D$60,明细!$A$2:$A$60,$A")
    assert find_row(values, "汇总", "企业")[1:3] == (55, 450)
    assert find_row(values, "汇总", "村（社区）")[1:3] == (4, 40)
    assert summary_f.cell(total_row, 2).number_format == "#,##0.00"


def test_detail_rows_carry_provenance(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    _f, values = workbook_values(out)
    rows = sheet_rows(values, "明细")
    assert rows[0] == ("区县", "单位名称", "类别", "金额（万元）", "资金用途", "用途类别", "区县来源", "来源文件", "来源工作表", "来源单元格")
    body = rows[1:]
    assert len(body) == 59
    gaoxin = [r for r in body if r[0] == "高新区"]
    first = gaoxin[0]
    assert first[:4] == ("高新区", "兴盛社区网络服务股份有限公司", "企业", 12)
    assert first[5:] == ("技术开发", "工作表名", "高新区.xlsx", "高新区", "C4")
    heshan = [r for r in body if r[0] == "赫山区"]
    assert len(heshan) == 22 and {r[6] for r in heshan} == {"区县列"}
    qingsong = next(r for r in heshan if r[1] == "益阳青松有限公司")
    assert qingsong[3] == 9 and qingsong[9] == "D5"
    anhua = [r for r in body if r[0] == "安化县"]
    assert [r[3] for r in anhua] == [10, 10, 10, 10]
    assert {r[6] for r in anhua} == {"填报单位行"} and {r[2] for r in anhua} == {"村（社区）"}
    ziyang = [r for r in body if r[0] == "资阳区"]
    assert sum(Decimal(str(r[3])) for r in ziyang) == 69 and ziyang[0][7] == "资阳区.csv"
    # Records keep the order they were read in: each file is one block, rows ascending.
    files = [r[7] for r in body]
    blocks = [f for i, f in enumerate(files) if i == 0 or files[i - 1] != f]
    assert len(blocks) == len(set(blocks)) == 4
    assert [int(r[9][1:]) for r in gaoxin] == sorted(int(r[9][1:]) for r in gaoxin)
    ws = values["明细"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:J60"


def test_reconciliation_sheet_all_checks_pass(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    formulas, values = workbook_values(out)
    rows = sheet_rows(values, "对账")[1:]
    results = {r[1]: r[5] for r in rows}
    assert results["分配合计不超过资金上限"] == "通过"
    assert results["分配合计等于批复计划"] == "一致"
    assert results["高新区分配等于下达额度"] == "一致"
    assert results["受助单位数达到绩效目标"] == "达到"
    stated = [r for r in rows if r[6]]
    assert sorted((r[6], r[2], r[3]) for r in stated) == [
        ("安化县.xls", 40, 40), ("资阳区.csv", 69, 69), ("赫山区.xlsx", 177, 177), ("高新区.xlsx", 204, 204),
    ]
    ws = formulas["对账"]
    assert all(ws.cell(r, 4).value.startswith("=") for r in range(2, ws.max_row + 1))


def test_about_sheet_lists_files_with_hashes(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    _f, values = workbook_values(out)
    rows = sheet_rows(values, "说明")
    files = [r for r in rows if r[0] in ("安化县.xls", "资阳区.csv", "赫山区.xlsx", "高新区.xlsx")]
    assert len(files) == 4
    assert all(r[1] == "已读取" and len(r[2]) == 64 and r[11] == "平衡" for r in files)
    assert ("资金名称", "益阳市电子商务发展引导资金") == rows[2][:2]


def test_default_output_name_carries_fund_and_year_and_is_not_read_again(sample: Path, tmp_path: Path):
    first = run("consolidate", str(sample), cwd=tmp_path)
    assert first.exit_code == 0
    assert "2018年益阳市电子商务发展引导资金汇总.xlsx" in first.stdout
    # Write the output into the input folder itself, then run again: it is skipped, not read.
    out = sample / "2018年益阳市电子商务发展引导资金汇总.xlsx"
    assert run("consolidate", str(sample), "-o", str(out)).exit_code == 0
    code, data = run_json("consolidate", str(sample), "-o", str(out))
    assert code == 0 and data["recipients"] == 59
    skipped = [f for f in data["files"] if f["file"] == out.name]
    assert skipped[0]["status"] == "已跳过"


def test_summary_groups_uses_and_draws_native_charts_with_cached_data(sample: Path, tmp_path: Path):
    import zipfile

    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    formulas, values = workbook_values(out)
    uses = {}
    rows = list(values["汇总"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "资金用途分类")
    for r in rows[start + 1:]:
        if r[0] == "合计":
            assert r[1:3] == (59, 490)
            break
        uses[r[0]] = (r[1], r[2])
    assert set(uses) >= {"物流快递", "人才培训", "设备购置", "技术开发", "推广营销", "平台建设与运营", "其他"}
    assert sum(n for n, _ in uses.values()) == 59
    assert all(v[0] > 0 for k, v in uses.items() if k in ("物流快递", "技术开发", "推广营销", "平台建设与运营"))
    use_row = start + 2
    assert formulas["汇总"].cell(use_row, 3).value.startswith("=SUMIFS(明细!$D$2:$D$60,明细!$F$2:$F$60,$A")
    with zipfile.ZipFile(out) as archive:
        charts = sorted(n for n in archive.namelist() if n.startswith("xl/charts/chart"))
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
        column = archive.read(charts[0]).decode()
        assert "<c:barChart>" in column and "<c:v>204</c:v>" in column and "<c:v>高新区</c:v>" in column
        assert "<c:pieChart>" in archive.read(charts[1]).decode()
