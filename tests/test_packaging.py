"""A plain (non-editable) install carries the default scorecard template."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_the_wheel_carries_the_packaged_template(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next(tmp_path.glob("xlfund-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for template in ("scorecard.xlsx", "scorecard-2020.xlsx"):
            assert f"xlfund/data/{template}" in names
            assert archive.read(f"xlfund/data/{template}") == (ROOT / "templates" / template).read_bytes()
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "xlfund = xlfund.cli:main" in archive.read(entry_points).decode()
