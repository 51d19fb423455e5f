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
    assert settings.warnings == () and settings.form == "2018" and settings.amount_column == "核定金额"
