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
