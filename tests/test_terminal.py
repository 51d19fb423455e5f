"""The terminal as a clerk meets it after a slip: Chinese only, never a crash on a pipe or a
GBK console, NO_COLOR honoured, tables aligned by display width, one number format."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import make_xlsx, run, settings_file, simple_sheet

from xlfund.cli.terminal import columns, table, terminal_lines
from xlfund.findings import finding, more_or_less
from xlfund.read.discover import ARCHIVE_SUFFIXES, SHEET_SUFFIXES
from xlfund.settings import KNOWN_KEYS

# Words that may appear in ASCII: program, formats, products, codes.
ALLOWED = {"xlfund", "xlsx", "xlsm", "xls", "csv", "docx", "toml", "json", "Excel", "WPS", "SHA", "UTF",
           "XLFUND_DEBUG", "JSON", "A4", "main", "consolidate", "check", "init", "report", "scorecard",
           "status", "feedback"}
# The formats read, as the help lists them (.et, .ods, .tsv…).
ALLOWED |= {suffix.lstrip(".") for suffix in SHEET_SUFFIXES + ARCHIVE_SUFFIXES}
# The settings' own keys and sections are names the clerk types into xlfund.toml.
ALLOWED |= {word for section, keys in KNOWN_KEYS.items() for name in (section, *(keys or ())) for word in re.findall(r"[A-Za-z]+", name)}


def english_left(text: str) -> list[str]:
    """ASCII words left after removing options, paths, file names, codes and allowed words."""
    text = re.sub(r"'[^'\n]*'|“[^”\n]*”", " ", text)  # what the clerk typed, echoed in quotes
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)  # options: --output, -o
    text = re.sub(r"\S*[/\\]\S*|\S+\.[A-Za-z0-9]+\b", " ", text)  # paths and file names
    text = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", " ", text)  # finding codes: file-unreadable
    words = re.findall(r"[A-Za-z]{2,}", text)
    return [w for w in words if w not in ALLOWED]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_xlsx(tmp_path / "in" / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)]))
    return tmp_path / "in"


BAD_OPTIONS = [
    ("consolidate", "{folder}", "--outptu", "x.xlsx"),  # Did you mean
    ("consolidate", "{folder}", "--cap"),  # requires an argument
    ("consolidate", "{folder}", "--cap", "五百"),
    ("consolidate",),  # missing argument: the metavar
    ("consolidate", "{folder}", "另一个文件夹"),
    ("consolidate", "{folder}", "-o", "{tmp}/汇总.csv"),
    ("consolidate", "{folder}", "-o", "/proc/nope/汇总.xlsx"),
    ("scorecard", "{folder}", "--cap", "abc"),
    ("scorecard", "{folder}", "--tempalte", "x.xlsx"),
    ("check",),
    ("check", "{folder}", "--conifg", "x.toml"),
    ("report", "{folder}", "-o"),
    ("report", "{folder}", "-o", "{tmp}/x.xlsx"),
    ("init", "{tmp}/new", "--year", "二〇二五"),
    ("init", "{tmp}/new", "--target", "-1"),
    ("init", "{tmp}/new", "--form", "2019"),
    ("init", "{tmp}/new"),
    ("init", "{tmp}/new", "--name", "电商资金", "-d", "高新/开发区"),
    ("nosuch",),
    ("status",), ("status", "{folder}", "--jsno"), ("feedback", "{folder}", "-o"), ("feedback", "{tmp}/nope"),
    ("consolidate", "--help"), ("init", "--help"), ("check", "--help"), ("report", "--help"), ("scorecard", "--help"),
    ("status", "--help"), ("feedback", "--help"), ("--help",),
]


@pytest.mark.parametrize("args", BAD_OPTIONS, ids=lambda a: " ".join(a))
def test_no_english_reaches_the_terminal(folder: Path, tmp_path: Path, args: tuple[str, ...]):
    argv = [a.format(folder=folder, tmp=tmp_path) for a in args]
    result = run(*argv)
    shown = result.stdout + result.stderr
    assert result.exit_code == (0 if "--help" in argv else 2)
    assert shown.strip() and english_left(shown) == [], shown
    for leak in ("Did you mean", "requires an argument", "integer", "[OPTIONS]", "FOLDER", "TEXT", "INTEGER", "Usage", "Error"):
        assert leak not in shown


def test_english_left_sees_english():
    assert english_left("错误：Option '--cap' requires an argument.") == ["Option", "requires", "an", "argument"]
    assert english_left("错误：设置文件 xlfund.toml 格式有误：Invalid value (at line 2, column 8)") == ["Invalid", "value", "at", "line", "column"]
    assert english_left("错误：“x.xlsx” file-unreadable --output 已生成：/tmp/a.xlsx SHA-256") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [("[fund]\nname = “电商”\n", "格式有误"), ('[fund]\ncap = "五百"\n', "cap 应为数字")],
)
def test_a_broken_settings_file_is_told_in_chinese(folder: Path, tmp_path: Path, text: str, words: str):
    settings_file(folder, text)
    result = run("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert result.exit_code == 2 and words in result.stderr
    assert english_left(result.stderr) == [], result.stderr


def test_an_os_error_names_the_file_asked_for_not_the_temporary_one(folder: Path, tmp_path: Path):
    blocker = tmp_path / "占位"
    blocker.write_text("x", encoding="utf-8")
    result = run("consolidate", str(folder), "-o", str(blocker / "汇总.xlsx"))
    assert result.exit_code == 2
    assert "占位" in result.stderr and ".xlfund-tmp" not in result.stderr and "File exists" not in result.stderr
    assert "文件操作失败" in result.stderr


def _cli(args: list[str], tmp_path: Path, env: dict[str, str], stdout=subprocess.PIPE) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "xlfund.cli", *args], cwd=tmp_path, env={**os.environ, **env},
                            stdout=stdout, stderr=subprocess.PIPE)


def _sample_with_emoji(sample: Path) -> Path:
    shutil.copy(sample / "高新区.xlsx", sample / "😀高新区.xlsx")  # not in GBK; a duplicate, so a finding names it
    return sample


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "gbk"}, {"NO_COLOR": "1"}],
                         ids=["LANG=C", "gbk", "NO_COLOR"])
def test_the_cli_in_a_plain_locale_and_a_gbk_console(sample: Path, tmp_path: Path, env: dict[str, str]):
    folder = _sample_with_emoji(sample)
    proc = _cli(["consolidate", str(folder), "-o", "汇总.xlsx"], tmp_path, env)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    assert err == b"" and b"\x1b[" not in out
    text = out.decode(env.get("PYTHONIOENCODING", "utf-8"))
    assert "受助单位 59 个，分配合计 490.00 万元" in text and "已生成" in text
    assert ("?高新区.xlsx" if "PYTHONIOENCODING" in env else "😀高新区.xlsx") in text
    assert (tmp_path / "汇总.xlsx").exists()


def test_a_closed_pipe_ends_printing_not_the_work(sample: Path, tmp_path: Path):
    """`xlfund consolidate … | head -0`: no “Broken pipe” error, the work's exit code (0)."""
    proc = _cli(["consolidate", str(sample), "-o", "汇总.xlsx"], tmp_path, {})
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert proc.returncode == 0 and err == b""
    assert (tmp_path / "汇总.xlsx").exists()


def test_a_closed_pipe_keeps_exit_1_for_errors(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("乙公司", "一些")]))
    proc = _cli(["consolidate", str(folder), "-o", "汇总.xlsx"], tmp_path, {})
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert proc.returncode == 1 and err == b""


def test_columns_count_east_asian_width():
    assert columns("高新区") == 6 and columns("A1") == 2 and columns("ｱ") == 1 and columns("１２") == 4
    assert columns("e\u0301") == 1  # a combining accent takes no column


def test_tables_align_by_display_width_with_numbers_on_the_right():
    lines = table(["区县", "单位数", "金额（万元）"], [["高新区", "24", "250,222.00"], ["大通湖区", "1,024", "5.00"]], numeric={1, 2})
    assert len({columns(line) for line in lines}) == 1  # every line as wide as the others
    assert lines[1] == "高新区        24    250,222.00"
    assert lines[2] == "大通湖区   1,024          5.00"


def test_one_number_format_and_more_or_less_in_words():
    plan = finding("plan-mismatch", total=Decimal("372"), plan=Decimal(500), diff=Decimal("-128"))
    assert plan.message == "分配合计 372.00 万元，比批复计划 500.00 万元少 128.00 万元"
    quota = finding("quota-mismatch", district="高新区", total=Decimal("250222"), quota=200000, diff=Decimal("50222"))
    assert quota.message == "高新区分配 250,222.00 万元，比下达额度 200,000.00 万元多 50,222.00 万元"
    assert more_or_less(Decimal("-0.5")) == "少 0.50"
    with pytest.raises(TypeError):  # an amount passed as text would be shown unformatted: refused
        finding("plan-mismatch", total="372", plan=Decimal(500), diff=Decimal(1))


def test_one_heading_per_file(tmp_path: Path):
    folder = tmp_path / "in"
    for district, name in (("高新区", "甲公司"), ("赫山区", "丙公司")):  # each: an error, a warning (a repeat), a note (no 合计)
        make_xlsx(folder / f"{district}.xlsx", simple_sheet(district, [(name, 1), ("乙公司", "一些"), (name, 2)]))
    result = run("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines.count("  高新区.xlsx") == 1 and lines.count("  赫山区.xlsx") == 1
    block = lines[lines.index("  高新区.xlsx") + 1:]
    severities = [line.split("]")[0].strip() for line in block[:3]]
    assert severities == ["[错误", "[警告", "[提示"]


def test_report_prints_the_findings_it_exits_with(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("乙公司", "一些")]))
    result = run("report", str(folder), "-o", str(tmp_path / "报告"))
    assert result.exit_code == 1
    assert "问题：1 个错误" in result.stdout and "Sheet1!C4 金额无法识别" in result.stdout
    assert f"已生成：{tmp_path / '报告.docx'}" in result.stdout and (tmp_path / "报告.docx").exists()


def test_terminal_lines_name_the_whole_fund_group_first(sample: Path, tmp_path: Path):
    from xlfund.jobs import load_folder

    result = load_folder(sample, Decimal(400), None)
    lines = [line for line, _ in terminal_lines(result, tmp_path / "o.xlsx")]
    overall = lines.index("  （总体）")
    assert "分配合计 490.00 万元，超出资金上限 400.00 万元，超出 90.00 万元" in lines[overall + 1]  # not two numbers side by side


# ---- what check and consolidate say about the same folder -----------------------------------

OPEN, CLOSE = "（(【", "）)】"


def nested_brackets(text: str) -> list[str]:
    """Lines with a bracket inside a bracket, “quoted” text (the clerk's own) aside."""
    found = []
    for line in text.splitlines():
        depth = 0
        for ch in re.sub(r"“[^”]*”", "“”", line):
            depth += (ch in OPEN) - (ch in CLOSE)
            if depth > 1:
                found.append(line)
                break
    return found


def test_nested_brackets_are_seen():
    assert nested_brackets("已跳过（空白填报表（只有表头））") == ["已跳过（空白填报表（只有表头））"]
    assert nested_brackets("“甲（乙）公司”出现 2 次（合计 3.00 万元）") == []


def _untidy_folder(folder: Path) -> Path:
    """A folder with one of each kind of file a clerk finds skipped or unreadable."""
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("乙公司", "一些"), ("甲公司", 2)], total=9),
              extra={"填表说明": [["1. 金额以万元为单位"]], "空表": []})
    make_xlsx(folder / "资阳区.xlsx", [["资阳区分配表"], ["序号", "单位名称", "金额（万元）"]])  # returned blank
    make_xlsx(folder / "填报模板" / "填报模板-赫山区.xlsx", [["序号", "单位名称", "金额（万元）"]])  # init's blank form
    (folder / "说明.pdf").write_bytes(b"%PDF-1.4")
    (folder / "空.xlsx").write_bytes(b"")
    (folder / "~$高新区.xlsx").write_bytes(b"lock")
    (folder / "档案.rar").write_bytes(b"Rar!")
    settings_file(folder, '[fund]\nname = "电商资金"\ncap = 1\ncpa = 2\n')
    return folder


def test_no_message_nests_brackets(tmp_path: Path):
    """Every line of a few runs: consolidate and check of an untidy folder, --json messages,
    exit 2's list of files, and every catalogue template with its placeholders filled."""
    from xlfund.findings import _KINDS

    folder = _untidy_folder(tmp_path / "in")
    shown = [run("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx")).stdout, run("check", str(folder)).stdout,
             run("check", *map(str, sorted(folder.glob("*.*")))).stdout]
    data = json.loads(run("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"), "--json").stdout)
    shown += [i["message"] for i in data["issues"]]
    only_skipped = tmp_path / "skipped"
    make_xlsx(only_skipped / "资阳区.xlsx", [["序号", "单位名称", "金额（万元）"]])
    (only_skipped / "说明.pdf").write_bytes(b"%PDF-1.4")
    (only_skipped / "空.xlsx").write_bytes(b"")
    nothing = run("check", str(only_skipped))
    assert nothing.exit_code == 2 and f"文件夹“{only_skipped}”中没有可读取的表格" in nothing.stderr
    shown.append(nothing.stderr)
    shown += [kind.template.format_map(dict.fromkeys(_template_names(kind.template), "某")) for kind in _KINDS]
    assert sum(len(text.splitlines()) for text in shown) > 100
    assert [line for text in shown for line in nested_brackets(text)] == []


def _template_names(template: str) -> list[str]:
    import string

    return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]


def test_check_says_no_problem_and_counts_its_notes(tmp_path: Path):
    """Notes are not problems: 未发现问题, with the notes counted on the line and listed below it."""
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("乙公司", "5万元元")]))  # no 合计, a unit typo
    make_xlsx(folder / "赫山区.xlsx", simple_sheet("赫山区", [("丙公司", 1)], total=1))
    result = run("check", str(folder / "高新区.xlsx"), str(folder / "赫山区.xlsx"))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "高新区.xlsx：2 个单位，6.00 万元，未发现问题（另有 2 条提示）"
    assert [line.split("]")[0] for line in lines[1:3]] == ["    [提示", "    [提示"]
    assert lines[3] == "赫山区.xlsx：1 个单位，1.00 万元，未发现问题"


def test_an_instruction_sheet_beside_the_table_is_not_reported(tmp_path: Path):
    """Each of our forms has a 填表说明 sheet: one line per file about it was noise."""
    folder = tmp_path / "in"
    for district in ("高新区", "赫山区", "资阳区"):
        make_xlsx(folder / f"{district}.xlsx", simple_sheet(district, [(f"{district}甲公司", 1)], total=1),
                  extra={"填表说明": [["填表说明"], ["1. 金额以万元为单位"]]})
    code_and_data = json.loads(run("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"), "--json").stdout)
    assert [i for i in code_and_data["issues"] if i["sheet"] == "填表说明"] == []
    sheets = {sh["sheet"]: sh for f in code_and_data["files"] for sh in f["sheets"]}
    assert sheets["填表说明"]["notes"] == 2  # still counted, in 说明, as notes
    checked = run("check", str(folder))
    assert "填表说明" not in checked.stdout and checked.stdout.count("未发现问题") == 3


def test_check_and_consolidate_give_a_blank_form_one_severity(tmp_path: Path):
    """init's blank forms in 填报模板/ are notes to both; a form returned blank is a warning to both."""
    folder = tmp_path / "2025电商资金"
    assert run("init", str(folder), "--name", "电商资金", "-d", "高新区", "-d", "赫山区").exit_code == 0
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)], total=1))
    openpyxl.load_workbook(folder / "填报模板" / "填报模板-赫山区.xlsx").save(folder / "赫山区.xlsx")  # sent back blank
    data = json.loads(run("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"), "--json").stdout)
    told = {(Path(i["file"]).name, i["code"], i["severity"]) for i in data["issues"] if i["code"] in ("file-skipped", "form-empty")}
    assert told == {("填报模板-高新区.xlsx", "file-skipped", "提示"), ("填报模板-赫山区.xlsx", "file-skipped", "提示"),
                    ("赫山区.xlsx", "form-empty", "警告")}
    checked = run("check", str(folder))
    assert checked.exit_code == 1  # the blank form returned, as consolidate warns
    assert checked.stdout.count("[提示] 已跳过：xlfund init 生成的空白填报模板") == 2 and checked.stdout.count("[警告] 报来的表格只有表头") == 1
    alone = run("check", str(folder / "填报模板" / "填报模板-高新区.xlsx"), str(folder / "高新区.xlsx"))
    assert alone.exit_code == 0 and "[提示] 已跳过：xlfund init 生成的空白填报模板" in alone.stdout


# ---- click's own words: Chinese punctuation as far as click lets it -------------------------

@pytest.mark.parametrize("args", BAD_OPTIONS, ids=lambda a: " ".join(a))
def test_click_words_have_chinese_punctuation(folder: Path, tmp_path: Path, args: tuple[str, ...]):
    """No '--cap' in ASCII quotes, no ASCII full stop or colon after Chinese, no "用法： " gap."""
    shown = run(*[a.format(folder=folder, tmp=tmp_path) for a in args])
    text = shown.stdout + shown.stderr
    assert "'" not in text
    assert re.findall(r"[\u4e00-\u9fff”）]\.(?![\w.])|[\u4e00-\u9fff]:", text) == []  # "文件或文件夹..." is usage notation
    assert "用法： " not in text and "\n选项:" not in text and "\n命令:" not in text


def test_a_missing_argument_is_named_in_chinese():
    assert run("consolidate").stderr.endswith("错误：缺少文件夹。\n")
    assert run("check").stderr.endswith("错误：缺少文件或文件夹。\n")
    assert "错误：“--form”的值无效：“2019”无效，只能是“2018”或“2020”。" in run("init", "x", "--form", "2019").stderr


@pytest.mark.parametrize("command", ["consolidate", "init", "check", "report", "scorecard"])
def test_help_columns_line_up_by_display_width(command: str):
    """Click counts characters, so "--cap 万元" looked 2 columns narrower than it is and the
    descriptions after Chinese metavars drifted; every description now starts at one column."""
    lines = run(command, "--help").stdout.splitlines()
    assert lines[0].startswith(f"用法：main {command} [选项] ") or lines[0].startswith(f"用法：xlfund {command} [选项] ")
    options = lines[lines.index("选项：") + 1:]
    starts = {columns(line[:len(line) - len(line.lstrip()) if line.startswith("    ") else _description_at(line)]) for line in options}
    assert len(starts) == 1, "\n".join(options)
    assert all(columns(line) <= 80 for line in lines if not line.startswith("      xlfund")), lines  # CliRunner's terminal: 80


def _description_at(line: str) -> int:
    """Where the description starts on an option's first line: after the option and two spaces."""
    return re.search(r"\S  +(?=\S)", line).end()


def test_help_text_wraps_by_display_width_without_breaking_words_or_starting_with_punctuation():
    from xlfund.cli.width import join_lines, wrap

    text = "输出 .docx 文件（默认：当前目录下“年度+资金名称+使用情况.docx”），不写扩展名时自动加上"
    for width in range(12, 60):
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
        assert all(columns(line) <= width for line in lines), (width, lines)
        assert not any(line[0] in "，。；：、）”" for line in lines), (width, lines)
        assert all(".docx" in line or ".docx" not in text for line in lines if "docx" in line)
    assert join_lines(["汇总文件夹中", "各区县的表格，", "见 xlfund.toml", "中的 [fund]。", "然后"]) == "汇总文件夹中各区县的表格，见 xlfund.toml 中的 [fund]。然后"
