"""The folder is the boundary, and the output is never an input."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import make_xlsx, run, settings_file, simple_sheet
from hostile_kit import GOOD, consolidate_json, folder_with_good_file, run_cli

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links, FIFOs and byte file names")


def consolidated(folder: Path, out: Path) -> tuple[int, dict]:
    result = run("consolidate", str(folder), "-o", str(out), "--json")
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, json.loads(result.stdout)


def codes(data: dict, file: str) -> list[str]:
    return [i["code"] for i in data["issues"] if i["file"] == file]


@posix_only
def test_a_link_to_a_file_outside_the_folder_is_named_not_followed(tmp_path: Path):
    """Links to files outside were read and consolidated with no note."""
    folder = folder_with_good_file(tmp_path)
    outside = make_xlsx(tmp_path / "别处" / "私人.xlsx", simple_sheet("高新区", [("外面公司", 100)]))
    (folder / "高新区.xlsx").symlink_to(outside)
    code, data = consolidated(folder, tmp_path / "out.xlsx")
    assert code == 1
    assert codes(data, "高新区.xlsx") == ["file-outside-folder"]
    message = next(i["message"] for i in data["issues"] if i["file"] == "高新区.xlsx")
    assert str(outside.resolve()) in message
    assert "高新区" not in data["districts"]


@posix_only
def test_devices_pipes_and_broken_links_are_named_never_opened(tmp_path: Path):
    """Links to devices and broken links were dropped from the file list silently; a pipe
    would make reading wait forever."""
    folder = folder_with_good_file(tmp_path)
    (folder / "设备.xlsx").symlink_to("/dev/zero")
    (folder / "断开.xlsx").symlink_to(folder / "不存在.xlsx")
    os.mkfifo(folder / "管道.csv")
    ran = consolidate_json(folder, tmp_path / "out.xlsx", timeout=30)
    assert ran.issues("设备.xlsx") == [("file-outside-folder", "", "")]
    assert ran.issues("断开.xlsx") == [("file-unreadable", "", "")]
    assert "不存在" in ran.message("断开.xlsx", "file-unreadable")
    assert ran.issues("管道.csv") == [("file-unreadable", "", "")]
    assert "不是普通文件" in ran.message("管道.csv", "file-unreadable")
    assert ran.data["districts"]["赫山区"]["total"] == "6"


@posix_only
def test_check_names_a_pipe_given_to_it_without_opening_it(tmp_path: Path):
    os.mkfifo(tmp_path / "管道.csv")
    ran = run_cli("check", str(tmp_path / "管道.csv"), timeout=30)
    assert ran.code == 2 and "不是普通文件" in ran.stderr


@posix_only
def test_a_link_inside_the_folder_is_followed(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    make_xlsx(folder / "原件" / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 2)]))
    (folder / "高新区.xlsx").symlink_to(folder / "原件" / "高新区.xlsx")
    code, data = consolidated(folder, tmp_path / "out.xlsx")
    assert data["districts"]["高新区"] == {"recipients": 1, "total": "2"}
    assert codes(data, "高新区.xlsx") == ["file-duplicate"] or codes(data, "原件/高新区.xlsx") == ["file-duplicate"]


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_a_gbk_file_name_is_shown_in_chinese_and_leaves_nothing_behind(tmp_path: Path):
    """A GBK name copied from an old share: 内部错误（UnicodeEncodeError）, 15 temporary files left."""
    folder = folder_with_good_file(tmp_path)
    name = os.fsencode(folder) + b"/" + "资阳区".encode("gbk") + b".csv"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write("序号,企业名称,金额（万元）\n1,旧共享公司,4\n")
    workbook = make_xlsx(tmp_path / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 2)]))
    os.rename(workbook, os.fsencode(folder) + b"/" + "高新区".encode("gbk") + b".xlsx")  # calamine cannot open such a name itself
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    ran = consolidate_json(folder, tmp_path / "out.xlsx", env={"TMPDIR": str(scratch)})
    assert ran.code == 0, ran.stderr
    assert ran.data["districts"]["资阳区"] == {"recipients": 1, "total": "4"}
    assert ran.data["districts"]["高新区"] == {"recipients": 1, "total": "2"}
    assert "file-name-encoding" in [code for code, _s, _c in ran.issues("资阳区.csv")]
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.xlsx", "tmp"]


def test_output_naming_a_submission_in_the_folder_is_refused(tmp_path: Path):
    """-o naming a district's file overwrote it, and the next run skipped it as our own output."""
    folder = folder_with_good_file(tmp_path)
    before = (folder / GOOD).read_bytes()
    result = run("consolidate", str(folder), "-o", str(folder / GOOD))
    assert result.exit_code == 2
    assert "报送的表格" in result.stderr and GOOD in result.stderr
    assert (folder / GOOD).read_bytes() == before
    result = run("consolidate", str(folder), "-o", str(folder / "赫山区"))  # the extension is added, then checked
    assert result.exit_code == 2 and (folder / GOOD).read_bytes() == before


def test_output_may_replace_its_own_earlier_output_in_the_folder(tmp_path: Path):
    folder = folder_with_good_file(tmp_path)
    assert run("consolidate", str(folder), "-o", str(folder / "汇总.xlsx")).exit_code == 0
    code, data = consolidated(folder, folder / "汇总.xlsx")
    assert code == 0 and codes(data, "汇总.xlsx") == ["file-skipped"]
    assert data["districts"]["赫山区"]["total"] == "6"


@pytest.mark.parametrize("name", ["电商/物流资金", "/../../逃逸资金", "..\\..\\资金:*?"])
def test_the_default_output_name_stays_in_the_working_folder(tmp_path: Path, name: str):
    """A fund name with "/" or "/../../" made folders or wrote outside the working folder."""
    folder = folder_with_good_file(tmp_path)
    settings_file(folder, f'[fund]\nname = "{name.replace(chr(92), chr(92) * 2)}"\nyear = 2025\n')
    work = tmp_path / "work"
    work.mkdir()
    result = run("consolidate", str(folder), cwd=work)
    assert result.exit_code == 0, result.output
    made = list(work.iterdir())
    assert len(made) == 1 and made[0].is_file() and made[0].name.endswith("汇总.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "work"]
    shutil.rmtree(work)
