"""The command line as the clerk meets it: help, exit codes, messages, and safe output."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import make_xlsx, run, settings_file, simple_sheet

from xlfund.cli.main import main


def _commands():
    return sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), _commands())
def test_every_command_has_help_with_an_example(name: str, command: click.Command):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "示例" in result.stdout and f"xlfund {name}" in result.stdout


def test_top_level_help_and_version():
    assert "xlfund consolidate" in run("--help").stdout
    assert run("--version").stdout.startswith("xlfund ")


def test_missing_folder_exits_2_with_a_chinese_message(tmp_path: Path):
    result = run("consolidate", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "找不到文件夹" in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_folder_without_any_sheet_exits_2(tmp_path: Path):
    (tmp_path / "readme.txt").write_text("hi", encoding="utf-8")
    result = run("consolidate", str(tmp_path), "-o", str(tmp_path / "o.xlsx"))
    assert result.exit_code == 2 and "没有可读取的表格" in result.stderr
    assert not (tmp_path / "o.xlsx").exists()


@pytest.mark.parametrize(
    ("text", "words"),
    [("[fund\nname=1", "格式有误"), ('[fund]\ncap = "五百"', "cap 应为数字"), ("[fund]\nyear = 2018.5", "year 应为整数"),
     ('[output]\ndetail_max_rows = 0', "detail_max_rows")],
)
def test_bad_settings_exit_2_naming_the_key(tmp_path: Path, text: str, words: str):
    make_xlsx(tmp_path / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)]))
    settings_file(tmp_path, text)
    result = run("consolidate", str(tmp_path), "-o", str(tmp_path / "o.xlsx"), "--json")
    assert result.exit_code == 2
    assert words in result.stderr and "xlfund.toml" in result.stderr
    assert json.loads(result.stdout)["error"]


def test_bad_cap_option_is_refused_by_click(tmp_path: Path):
    result = run("consolidate", str(tmp_path), "--cap", "五百")
    assert result.exit_code == 2 and "不是数字" in result.stderr


def test_json_prints_exactly_one_object(sample: Path, tmp_path: Path):
    result = run("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"), "--json")
    data = json.loads(result.stdout)
    assert set(data) >= {"output", "cap", "total", "remaining", "recipients", "districts", "files", "issues", "score"}
    assert result.stderr == ""


def test_inputs_are_never_modified(sample: Path, tmp_path: Path):
    def hashes() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(sample.iterdir())}

    before = hashes()
    run("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"))
    run("scorecard", str(sample), "-o", str(tmp_path / "s.xlsx"))
    assert hashes() == before


def test_failed_write_leaves_the_earlier_output_intact(sample: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "o.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    earlier = out.read_bytes()

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("xlfund.write.workbook.write_details", broken)
    result = run("consolidate", str(sample), "-o", str(out))
    assert result.exit_code == 2 and "内部错误" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == earlier
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".xlfund-tmp")] == []


def test_locked_output_is_saved_beside_it(sample: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"open in Excel")
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == out.resolve():
            raise PermissionError(13, "locked", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr("xlfund.output.os.replace", replace)
    result = run("consolidate", str(sample), "-o", str(out), "--json")
    data = json.loads(result.stdout)
    assert data["output"] == str(tmp_path / "o(2).xlsx")
    assert (tmp_path / "o(2).xlsx").exists() and out.read_bytes() == b"open in Excel"
    assert any(i["code"] == "output-locked" for i in data["issues"])


def test_help_starts_without_heavy_imports():
    code = "import sys, xlfund.cli; print(sorted(m for m in ('pandas','openpyxl','xlsxwriter','python_calamine') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_progress_is_shown_on_a_terminal_only(capsys):
    from xlfund.cli.main import Progress

    shown = Progress(enabled=True)
    shown.file("高新区.xlsx", 1, 3)
    shown.rows(20_000, 400_000)
    shown.done()
    err = capsys.readouterr().err
    assert "读取文件 1/3：高新区.xlsx" in err and "写入明细 20,000/400,000 行" in err
    silent = Progress(enabled=False)
    silent.file("x", 1, 1)
    silent.rows(1, 1)
    assert capsys.readouterr().err == ""


def test_consolidate_off_a_terminal_prints_no_progress(sample: Path, tmp_path: Path):
    result = run("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"))
    assert result.stderr == "" and "读取文件" not in result.stdout


def test_click_own_words_are_chinese(tmp_path: Path):
    helped = run("consolidate", "--help")
    assert helped.stdout.startswith("用法：") and "consolidate [选项] 文件夹" in helped.stdout and "显示此帮助并退出。" in helped.stdout
    assert "Usage:" not in helped.stdout and "Show this message" not in helped.stdout
    wrong = run("consolidate", str(tmp_path), "--no-such")
    assert wrong.exit_code == 2 and "错误：没有选项“--no-such”。" in wrong.stderr


# ---- the output beside an open window, and for colleagues on a shared folder ---------------

@pytest.mark.parametrize("lock", ["~$o.xlsx", ".~lock.o.xlsx#", ".~o.xlsx"], ids=["Excel", "LibreOffice", "WPS"])
def test_an_output_open_in_excel_or_wps_on_linux_is_not_overwritten(sample: Path, tmp_path: Path, lock: str):
    """On Linux and macOS the replace would succeed under the clerk's open window: the lock file
    beside the output says it is open, as PermissionError does on Windows."""
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"open in Excel")
    (tmp_path / lock).write_bytes(b"lock")
    result = run("consolidate", str(sample), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes() == b"open in Excel" and (tmp_path / "o(2).xlsx").stat().st_size > 10_000
    assert f"“{out}”正被 Excel/WPS 打开" in result.stdout and f"另存为“{tmp_path / 'o(2).xlsx'}”" in result.stdout
    assert f"已生成：{tmp_path / 'o(2).xlsx'}" in result.stdout


def test_a_lock_file_of_another_file_or_of_no_output_is_not_a_lock(sample: Path, tmp_path: Path):
    (tmp_path / "~$别的.xlsx").write_bytes(b"lock")
    (tmp_path / "~$o.xlsx").write_bytes(b"lock")  # left over, but o.xlsx is not there: nothing to protect
    result = run("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"))
    assert result.exit_code == 0 and (tmp_path / "o.xlsx").exists() and not (tmp_path / "o(2).xlsx").exists()
    assert "正被" not in result.stdout


def test_a_long_name_whose_lock_drops_its_first_characters(sample: Path, tmp_path: Path):
    """Word and WPS drop the first characters of a long name in the lock file's name."""
    out = tmp_path / "2018年资金使用情况报告.docx"
    out.write_bytes(b"open in WPS")
    (tmp_path / ".~18年资金使用情况报告.docx").write_bytes(b"lock")
    result = run("report", str(sample), "-o", str(out))
    assert result.exit_code == 0 and out.read_bytes() == b"open in WPS"
    assert (tmp_path / "2018年资金使用情况报告(2).docx").exists() and "正被 Excel/WPS 打开" in result.stdout


@pytest.mark.parametrize(("umask", "mode"), [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_every_file_written_honours_the_umask(sample: Path, tmp_path: Path, umask: int, mode: int):
    """mkstemp makes 0600: colleagues on a shared folder could not open the outputs."""
    before = os.umask(umask)
    try:
        run("consolidate", str(sample), "-o", str(tmp_path / "汇总.xlsx"))
        run("scorecard", str(sample), "-o", str(tmp_path / "评分表.xlsx"))
        run("report", str(sample), "-o", str(tmp_path / "报告.docx"))
        run("init", str(tmp_path / "新"), "--name", "电商资金", "-d", "高新区")
    finally:
        os.umask(before)
    made = [tmp_path / "汇总.xlsx", tmp_path / "评分表.xlsx", tmp_path / "报告.docx", tmp_path / "新" / "xlfund.toml",
            tmp_path / "新" / "填报模板" / "填报模板-高新区.xlsx"]
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in made} == {p.name: oct(mode) for p in made}


@pytest.mark.parametrize("command", ["consolidate", "scorecard", "report"])
def test_a_file_given_for_a_folder_is_called_a_file(tmp_path: Path, command: str):
    """Not “找不到文件夹：…/高新区.xlsx” for a file that is there: it is a file, and check takes files."""
    given = make_xlsx(tmp_path / "收件" / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)]))
    result = run(command, str(given), "--json") if command != "report" else run(command, str(given))
    assert result.exit_code == 2
    assert f"错误：“{given}”是一个文件，不是文件夹。" in result.stderr and "找不到" not in result.stderr
    assert f"xlfund {command} {tmp_path / '收件'}{os.sep}" in result.stderr and f"检查单个文件请用 xlfund check {given}" in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["收件", "高新区.xlsx"]
