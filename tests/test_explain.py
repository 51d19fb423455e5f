"""`xlfund check FILE --explain`: the clerk sees how each sheet was read and why."""

from __future__ import annotations

from pathlib import Path

from conftest import make_xlsx, run

from xlfund.cli.explain import kind_runs
from xlfund.model import RowKind


def test_explain_names_the_columns_taken_and_each_rows_kind(tmp_path: Path):
    path = make_xlsx(tmp_path / "益阳市分配表.xlsx", [
        ["益阳市2018年电子商务资金分配表（元）"],
        ["序号", "单位名称", "申请金额", "核定金额", "资金用途"],
        ["合计", None, 500000, 300000, None],
        ["一、高新区", None, None, 200000, None],
        [1, "甲公司", 300000, 200000, "平台"],
        ["二、赫山区", None, None, 100000, None],
        [1, "乙公司", 200000, 100000, "物流"],
        ["填表人：张三"],
    ])
    result = run("check", str(path), "--explain")
    out = result.stdout
    assert result.exit_code == 0, out
    assert "金额：D “核定金额”（优先于“申请金额”）" in out
    assert "金额单位：元（标题）" in out
    assert "1 标题/说明行；2 表头；3 合计；4 分组行；5 记录；6 分组行" in out
    assert "7 记录；8 注释" in out
    assert "益阳市分配表.xlsx：2 个单位，30.00 万元，未发现问题" in out


def test_kind_runs_group_consecutive_rows():
    assert kind_runs("TTHRRR_RA") == [
        (1, 2, RowKind.TITLE), (3, 3, RowKind.HEADER), (4, 6, RowKind.RECORD), (7, 7, RowKind.BLANK),
        (8, 8, RowKind.RECORD), (9, 9, RowKind.TOTAL),
    ]
