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
    assert wrong.exit_code == 2 and "错误：没有选项 '--no-such'。" in wrong.stderr
