"""Signals and faults clean up; nothing found is dropped without a word."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import make_xlsx, run, simple_sheet
from hostile_kit import folder_with_good_file

from xlfund import consolidate as consolidate_module
from xlfund.limits import MAX_PROBLEM_ROWS
from xlfund.write import problems

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals, /proc and mount namespaces")


def bad_lines_csv(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("序号,企业名称,金额（万元）\n")
        handle.writelines(f"{i},公司{i},待定\n" for i in range(1, lines + 1))


def test_the_problems_sheet_says_how_many_findings_it_leaves_out(tmp_path: Path, monkeypatch):
    """The 问题 sheet stopped at Excel's row limit and dropped the rest without a word."""
    assert MAX_PROBLEM_ROWS < 1_048_575
    monkeypatch.setattr(problems, "MAX_PROBLEM_ROWS", 5)
    folder = folder_with_good_file(tmp_path)
    bad_lines_csv(folder / "高新区.csv", 8)
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(folder), "-o", str(out), "--json")
    total = len(json.loads(result.stdout)["issues"])
    assert total > 5
    rows = [r for r in openpyxl.load_workbook(out)["问题"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert [r[0] for r in rows[:5]] == [1, 2, 3, 4, 5]
    assert len(rows) == 6 and f"另有 {total - 5:,} 条问题未列入本表" in rows[5][6] and "--json" in rows[5][6]


def test_one_file_s_findings_are_bounded_and_the_rest_counted(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(consolidate_module, "MAX_FINDINGS_PER_FILE", 3)
    folder = folder_with_good_file(tmp_path)
    bad_lines_csv(folder / "高新区.csv", 10)
    result = run("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"), "--json")
    found = [i for i in json.loads(result.stdout)["issues"] if i["file"] == "高新区.csv"]
    assert [i["code"] for i in found] == ["amount-unparseable"] * 3 + ["limit-findings"]
    assert "另有 7 条" in found[-1]["message"] and "amount-unparseable 7 条" in found[-1]["message"]


def _disk_full(*_args, **_kwargs):
    import xlsxwriter.exceptions

    raise xlsxwriter.exceptions.FileCreateError(OSError(errno.ENOSPC, "No space left on device"))


def test_a_full_disk_is_a_plain_message_with_the_space_left(tmp_path: Path, monkeypatch):
    """A full disk said "内部错误…请报告", printed a traceback and left 4–8 temporary files."""
    folder = folder_with_good_file(tmp_path)
    out = tmp_path / "结果" / "汇总.xlsx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    earlier = out.read_bytes()
    monkeypatch.setattr("xlfund.write.workbook.append_rows", _disk_full)
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.exit_code == 2
    assert "磁盘空间不足" in result.stderr and "结果" in result.stderr and "只剩" in result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == earlier
    assert [p.name for p in out.parent.iterdir()] == ["汇总.xlsx"]


def _can_mount() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


mounts = pytest.mark.skipif(not sys.platform.startswith("linux") or not _can_mount(), reason="needs unshare -rm (mount namespaces)")


@mounts
@pytest.mark.parametrize(("options", "words"), [("size=64k", "磁盘空间不足"), ("ro", "只读")], ids=["full", "read-only"])
def test_a_real_full_or_read_only_disk_leaves_nothing_and_no_traceback(tmp_path: Path, options: str, words: str):
    folder = folder_with_good_file(tmp_path)
    small = tmp_path / "small"
    small.mkdir()
    script = f"mount -t tmpfs -o {options} tmpfs {small} && exec {sys.executable} -m xlfund.cli consolidate {folder} -o {small}/汇总.xlsx"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TMPDIR": str(small)})
    assert done.returncode == 2, done.stderr
    assert words in done.stderr and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert list(small.iterdir()) == []


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _session(sid: int) -> list[int]:
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def _big_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "big"
    folder.mkdir()
    for district in ("高新区", "赫山区"):
        with (folder / f"{district}.csv").open("w", encoding="utf-8") as handle:
            handle.write("序号,企业名称,金额（万元）,资金用途\n")
            handle.writelines(f"{i},{district}企业{i},{i % 50 + 1},平台运营\n" for i in range(1, 150_001))
    return folder


@linux_only
@pytest.mark.parametrize(("sent", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"])
def test_a_stop_signal_while_reading_stops_workers_at_once_and_cleans_up(tmp_path: Path, sent: int, code: int):
    """SIGTERM left the workers running (parent PID 1) for 10+ minutes; Ctrl-C exited 1 after up
    to 6.7 s, sometimes with an English traceback from a worker."""
    folder = _big_folder(tmp_path)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    child = subprocess.Popen([sys.executable, "-m", "xlfund.cli", "consolidate", str(folder), "-o", str(tmp_path / "out.xlsx")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                             env={**os.environ, "TMPDIR": str(scratch)})
    try:
        deadline = time.monotonic() + 20
        while not _children(child.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _children(child.pid), "no worker started"
        time.sleep(0.3)
        os.kill(child.pid, sent)
        sent_at = time.monotonic()
        _out, err = child.communicate(timeout=10)
        stopped_in = time.monotonic() - sent_at
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    time.sleep(0.2)
    leftovers = _session(child.pid)
    for pid in leftovers:
        os.kill(pid, signal.SIGKILL)
    assert child.returncode == code
    assert stopped_in < 1.0
    assert leftovers == []
    text = err.decode("utf-8")
    assert "已中断" in text and "Traceback" not in text and "Process" not in text
    assert list(scratch.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["big", "tmp"]


@linux_only
def test_a_stop_signal_while_writing_removes_every_temporary_file(tmp_path: Path):
    """SIGTERM while writing left .xlfund-tmp-* files next to the output."""
    folder = folder_with_good_file(tmp_path)
    out_dir = tmp_path / "结果"
    out_dir.mkdir()
    make_xlsx(out_dir / "汇总.xlsx", simple_sheet("旧", [("旧公司", 1)]))
    earlier = (out_dir / "汇总.xlsx").read_bytes()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    script = textwrap.dedent(f"""
        import os, signal, sys
        from xlfund.write import workbook
        real = workbook._write_base
        def write_then_stop(*args, **kwargs):
            details = real(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGTERM)  # half written: the base exists, the copy not yet
            return details
        workbook._write_base = write_then_stop
        from xlfund.cli.main import main
        sys.argv = ["xlfund", "consolidate", {str(folder)!r}, "-o", {str(out_dir / "汇总.xlsx")!r}]
        main()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TMPDIR": str(scratch)})
    assert done.returncode == 143, done.stderr
    assert "已中断" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in out_dir.iterdir()] == ["汇总.xlsx"] and (out_dir / "汇总.xlsx").read_bytes() == earlier
    assert list(scratch.iterdir()) == []
