"""The README keeps its promises: the two commands, and every finding code listed."""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import ROOT

from xlfund.findings import KINDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_lists_every_finding_code_and_no_other():
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", README, flags=re.MULTILINE))
    assert listed == set(KINDS)


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    assert "xlfund consolidate workbooks/" in README
    test_command = "python3 -m venv .venv && . .venv/bin/activate && pip install -q -e '.[test]' && pytest"
    assert test_command in README
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["scorecard.xlsx", "scorecard-2020.xlsx"])
def test_packaged_template_is_the_repository_template(name: str):
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "templates" / name, ROOT / "xlfund" / "data" / name)]
    assert digest[0] == digest[1]


def _clerk_commands() -> list[str]:
    section = README[README.index("## 办事员使用说明"):README.index("### 示例文件夹 workbooks/")]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.startswith("xlfund ")]


def test_every_command_of_the_walkthrough_works_as_written(tmp_path):
    """In a fresh folder holding the sample, each command of 办事员使用说明 exits 0 and makes its file."""
    import shlex
    import shutil

    from conftest import SAMPLE, run

    shutil.copytree(SAMPLE, tmp_path / "workbooks")
    commands = _clerk_commands()
    assert len(commands) == 10 and commands[0].startswith("xlfund init 2025电商资金/")
    assert "xlfund status workbooks/" in commands and "xlfund feedback workbooks/ -o 问题清单" in commands
    for command in commands:
        result = run(*shlex.split(command)[1:], cwd=tmp_path)
        assert result.exit_code == 0, f"{command}\n{result.stdout}{result.stderr}"
    made = {p.name for p in tmp_path.iterdir()}
    assert {"2025电商资金", "2018年益阳市电子商务发展引导资金汇总.xlsx", "汇总.xlsx", "评分表.xlsx", "资金使用情况.docx"} <= made
    assert len(list((tmp_path / "2025电商资金" / "填报模板").iterdir())) == 3
    assert "问题清单" not in made  # the sample has nothing to send back


def test_the_settings_example_in_readme_is_valid_and_complete():
    """The xlfund.toml shown in README parses, with no unknown key (what a clerk copies works)."""
    import re
    import tomllib

    from xlfund.settings import parse_settings

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### 设置文件 xlfund.toml\n\n```toml\n(.*?)```", text, re.S).group(1)
    settings = parse_settings(tomllib.loads(block), text=block)
    assert settings.warnings == () and settings.scorecard_form == "2018" and settings.amount_column == "核定金额"


# ---- what README and --help promise about formats, sheets and files --------------------------

def _suffixes(text: str) -> set[str]:
    return set(re.findall(r"(?<!\w)\.[a-z]{2,4}\b", text))


def _accepted() -> set[str]:
    from xlfund.read.discover import ARCHIVE_SUFFIXES, SHEET_SUFFIXES

    return set(SHEET_SUFFIXES + ARCHIVE_SUFFIXES)


def test_the_formats_told_are_the_formats_read():
    """One list in the code (discover's suffixes) is the source; the phrase the clerk reads in
    README, in `consolidate --help` and in the skipped-file note names exactly those."""
    from conftest import run

    from xlfund.read.content import FileContent
    from xlfund.read.discover import FORMATS_TEXT, skip_reason

    assert _suffixes(FORMATS_TEXT) == _accepted()
    assert _accepted() - {".zip"} <= {s for group in FileContent.SUFFIXES.values() for s in group}  # each one routed by the reader
    assert f"- 能读取的文件：{FORMATS_TEXT}。" in README
    assert f"读取：{FORMATS_TEXT}" in re.sub(r"\n\s*", "", run("consolidate", "--help").stdout)  # as one line
    assert FORMATS_TEXT in skip_reason("说明.pdf")


def test_readme_never_says_a_format_read_cannot_be_read():
    """README said WPS's .et could not be read, while check read it."""
    refusing = [s for s in re.split(r"[。\n]", README) if any(w in s for w in ("不能读取", "无法读取", "不支持", "不读取"))]
    claims = [(s, _suffixes(re.sub(r"“[^”]*”", "", s)) & _accepted()) for s in refusing]
    assert [c for c in claims if c[1]] == []


def test_check_reads_a_wps_et_file(sample, tmp_path):
    from conftest import run

    et = tmp_path / "安化县.et"
    et.write_bytes((sample / "安化县.xls").read_bytes())
    result = run("check", str(et))
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("安化县.et：") and "个单位" in result.stdout.splitlines()[0]


def test_the_sheets_help_names_are_the_sheets_made(sample, tmp_path):
    import openpyxl
    from conftest import run

    helped = run("consolidate", "--help").stdout
    listed = re.search(r"生成的工作簿包含：(.*?)。", helped).group(1).split("、")
    run("consolidate", str(sample), "-o", str(tmp_path / "o.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "o.xlsx", read_only=True)
    assert listed == [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]  # the run record is very hidden


def test_every_path_readme_names_is_in_a_clone():
    """No path outside the repository (README pointed at ../shared/seed/), and each file or
    folder of the repository it names is there (caches under a dot folder are made by runs)."""
    tokens = [t for code in re.findall(r"`([^`\n]+)`", README) for t in code.split()]
    assert [t for t in tokens if t.startswith("../") or "/../" in t] == []
    tops = ("scripts/", "templates/", "tests/", "xlfund/", "workbooks/", "benchmarks/", ".ci/")
    named = [t for t in tokens if t.startswith(tops) and "/." not in t]
    assert len(named) > 15
    assert [t for t in named if not (ROOT / t).exists()] == []
