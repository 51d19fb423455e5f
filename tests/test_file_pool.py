"""Large folders are read in worker processes: the same result, and a crash costs one file."""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import run, run_json

from xlfund import consolidate as consolidate_module
from xlfund.read import file_pool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the crash test relies on fork")


def _detail(path: Path) -> list[tuple]:
    return [tuple(row) for row in openpyxl.load_workbook(path)["明细"].iter_rows(values_only=True)]


def test_reading_in_workers_gives_the_same_workbook_and_report(sample: Path, tmp_path: Path, monkeypatch) -> None:
    code_here, here = run_json("consolidate", str(sample), "-o", str(tmp_path / "here.xlsx"))
    monkeypatch.setattr(file_pool, "PARALLEL_ABOVE_BYTES", 0)
    used = []
    real_count = file_pool.worker_count
    monkeypatch.setattr(file_pool, "worker_count", lambda sizes: used.append(real_count(sizes)) or max(used[-1], 2))
    code_pool, pooled = run_json("consolidate", str(sample), "-o", str(tmp_path / "pool.xlsx"))
    assert used and used[0] >= 1
    assert code_pool == code_here == 0
    for key in ("total", "remaining", "recipients", "districts", "files", "issues", "score"):
        assert pooled[key] == here[key], key
    assert _detail(tmp_path / "pool.xlsx") == _detail(tmp_path / "here.xlsx")


def _abort_on_zizhang(path, display, settings, report):
    if display.startswith("资阳区"):
        faulthandler.disable()  # pytest's handler would print this test's stack on the abort
        os.abort()  # what a native reader does on some damaged files: no exception, no cleanup
    return real_read_one(path, display, settings, report)


real_read_one = consolidate_module.read_submission


def test_a_reader_that_kills_its_process_costs_only_that_file(sample: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_pool, "PARALLEL_ABOVE_BYTES", 0)
    monkeypatch.setattr(file_pool, "worker_count", lambda sizes: 2)
    monkeypatch.setattr(consolidate_module, "read_submission", _abort_on_zizhang)
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(sample), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert "资阳区.csv" in result.output and "异常退出" in result.output
    book = openpyxl.load_workbook(out)
    districts = {row[0] for row in book["明细"].iter_rows(min_row=2, values_only=True)}
    assert districts == {"高新区", "赫山区", "安化县"}
    problems = [row for row in book["问题"].iter_rows(min_row=2, values_only=True) if any(row)]
    assert any("资阳区.csv" in str(cell) for row in problems for cell in row)


def test_workers_are_used_for_big_folders_within_a_memory_budget(monkeypatch) -> None:
    monkeypatch.setattr(file_pool, "_cpus", lambda: 16)
    mb = 1024 * 1024
    assert file_pool.worker_count([1000] * 50) == 1  # a normal city folder: one reading process
    assert file_pool.worker_count([3 * mb]) == 1  # one file: nothing to share
    assert file_pool.worker_count([100_000] * 500) == file_pool.MAX_WORKERS  # many small files
    # 4.3 MB files of 100,000 rows: two at a time fit the budget, whatever the cores.
    assert file_pool.worker_count([int(4.3 * mb)] * 16) == 2
    assert file_pool.worker_count([40 * mb] * 4) == 1  # files too big to read two at once
