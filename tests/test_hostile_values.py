"""Every number parsed is range-checked, every setting and its nesting too; a date is never money."""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import run, settings_file
from hostile_kit import folder_with_good_file, run_cli

from xlfund.amounts import AmountOutOfRange, parse_amount, plain_fen


def consolidated(folder: Path, out: Path, *more: str) -> tuple[int, dict]:
    result = run("consolidate", str(folder), "-o", str(out), "--json", *more)
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)


def issues(data: dict, file: str) -> list[tuple[str, str]]:
    return [(i["code"], i["cell"]) for i in data["issues"] if i["file"] == file and i["severity"] == "错误"]


@pytest.mark.parametrize("value", [1e22, 1e308, 10**29, Decimal("1e400"), "123456789012345678901234567890", "1" * 5000])
def test_a_huge_number_is_out_of_range_never_an_internal_error(value):
    with pytest.raises(AmountOutOfRange) as raised:
        parse_amount(value)
    assert raised.value.code == "amount-out-of-range" and len(raised.value.details["text"]) <= 40


def test_the_fast_path_leaves_huge_numbers_to_the_parser():
    assert plain_fen(1e22) is None and plain_fen(10**29) is None and plain_fen(12) == 12_000_000


def test_huge_amounts_in_a_workbook_and_a_csv_are_errors_at_their_cells(tmp_path: Path):
    """1e22, 1e308 or a 30-digit integer ended in 内部错误（InvalidOperation / OverflowError）, no output."""
    folder = folder_with_good_file(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "高新区"
    for row in [["序号", "企业名称", "金额（万元）"], [1, "甲公司", 1e22], [2, "乙公司", 1e308], [3, "丙公司", 10**29], [4, "丁公司", 5]]:
        book.active.append(row)
    book.save(folder / "高新区.xlsx")
    (folder / "资阳区.csv").write_text("序号,企业名称,金额（元）\n1,大数公司,123456789012345678901234567890\n2,小数公司,30000\n",
                                     encoding="utf-8")
    code, data = consolidated(folder, tmp_path / "out.xlsx")
    assert code == 1 and (tmp_path / "out.xlsx").exists()
    assert issues(data, "高新区.xlsx") == [("amount-out-of-range", "C2"), ("amount-out-of-range", "C3"), ("amount-out-of-range", "C4")]
    assert issues(data, "资阳区.csv") == [("amount-out-of-range", "C2")]
    assert data["districts"]["高新区"]["total"] == "5" and data["districts"]["资阳区"]["total"] == "3"


def test_a_date_or_time_in_the_amount_column_is_an_error_at_its_cell(tmp_path: Path):
    """A date in the amount column made the row a 注释 row: exit 0, 平衡."""
    folder = folder_with_good_file(tmp_path)
    book = openpyxl.Workbook()
    book.active.title = "高新区"
    rows = [["序号", "企业名称", "金额（万元）"], [1, "甲公司", 5], [2, "乙公司", dt.datetime(2025, 3, 1)],
            [3, "丙公司", dt.time(10, 30)], [None, None, dt.date(2025, 3, 2)], ["合计", None, 5], ["填报日期：", None, dt.date(2025, 3, 3)]]
    for row in rows:
        book.active.append(row)
    book.save(folder / "高新区.xlsx")
    code, data = consolidated(folder, tmp_path / "out.xlsx")
    assert code == 1
    assert issues(data, "高新区.xlsx") == [("amount-is-date", "C3"), ("amount-is-date", "C4"), ("amount-is-date", "C5")]
    message = next(i["message"] for i in data["issues"] if i["cell"] == "C3")
    assert "2025-03-01" in message and "数值" in message


@pytest.mark.parametrize(("text", "words"), [
    ("[fund]\ncap = 1e400\n", "大得不合理"),
    ("[fund]\ncap = 1000000000000000000000000000000\n", "大得不合理"),
    ('[quotas]\n"高新区" = 1e400\n', "大得不合理"),
    ("[fund]\ntarget_recipients = 100000000000000000000\n", "不超过 10,000,000"),
    ("[fund]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n", "嵌套过深"),
    ("[fund]\nx = " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套过深"),
    ("[fund]\n" + ".".join(["a"] * 100_000) + " = 1\n", "嵌套过深"),
    ("[fund]\ndistricts = [" + ", ".join(f'"区{i}"' for i in range(100_000)) + "]\n", "超过上限"),
    ("[fund]\ndistricts = [" + ", ".join(f'"{i}"' for i in range(100_000)) + "]\n", "超过上限 3,000"),
], ids=["cap-1e400", "cap-30-digits", "quota-1e400", "target", "inline-5000-deep", "array-100000-deep", "dotted-100000",
        "100000-districts-size", "100000-districts-count"])
def test_settings_out_of_range_or_too_deep_are_a_plain_message(tmp_path: Path, text: str, words: str):
    """InvalidOperation, RecursionError, or no end at all (a dotted key of 100,000 parts costs
    tomllib gigabytes): now exit 2 with one Chinese message, quickly, under a memory limit."""
    folder = folder_with_good_file(tmp_path)
    settings_file(folder, text)
    started = time.monotonic()
    ran = run_cli("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"), memory=1024**3, timeout=30)
    assert ran.code == 2 and words in ran.stderr and "内部错误" not in ran.stderr
    assert time.monotonic() - started < 15


def test_cap_on_the_command_line_is_range_checked(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    result = run("consolidate", str(folder), "--cap", "1e400", "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2 and "大得不合理" in result.stderr


def test_many_districts_within_the_limit_are_read_in_time(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    names = ", ".join(f'"第{i}区"' for i in range(2_999))
    quotas = "\n".join(f'"别{i}县" = 1' for i in range(100))
    settings_file(folder, f'[fund]\ndistricts = ["赫山区", {names}]\n[quotas]\n{quotas}\n')
    started = time.monotonic()
    code, data = consolidated(folder, tmp_path / "out.xlsx")
    assert code == 0 and data["districts"]["赫山区"]["total"] == "6"
    assert time.monotonic() - started < 20
