"""Which files in the folder are submissions, and which are skipped (and why)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xlfund.output import TEMP_PREFIX

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xls", ".et", ".ett", ".xlsb", ".ods", ".csv", ".txt", ".tsv")
ARCHIVE_SUFFIXES = (".zip",)
# The formats read, as the clerk is told them here, in `consolidate --help` and in README
# (a test holds all three to the suffixes above).
FORMATS_TEXT = ".xlsx/.xlsm/.xltx、.xls、WPS 的 .et/.ett、.xlsb、.ods、.csv/.txt/.tsv，以及装有这些文件的 .zip 压缩包"
UNSUPPORTED_ARCHIVES = (".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".arj", ".cab")
SYSTEM_FILES = {"desktop.ini", "thumbs.db", ".ds_store", "xlfund.toml"}
FORMS_FOLDER = "填报模板"  # where xlfund init writes the blank forms sent to districts


@dataclass(frozen=True)
class Candidate:
    path: Path
    display: str  # the path relative to the folder (inside archives: "档案.zip/高新区.xlsx")
    skip_reason: str = ""  # empty when the file is to be read
    error: str = ""  # a file that looks like a submission but cannot be read at all: why

    @property
    def is_archive(self) -> bool:
        return not self.skip_reason and not self.error and self.path.suffix.lower() in ARCHIVE_SUFFIXES


def discover(folder: Path) -> list[Candidate]:
    """Every file under the folder, in a stable order, each marked to read or to skip."""
    candidates = []
    for path in sorted(folder.rglob("*"), key=lambda p: _order(p.relative_to(folder))):
        if not path.is_file():
            continue
        display = path.relative_to(folder).as_posix()
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") and part not in (".", "..") for part in parts[:-1]):
            continue  # inside a hidden folder (.git and the like): not the clerk's files
        # Forms in 填报模板/ are read too: a blank one is skipped by its content, a filled one counts.
        candidates.append(Candidate(path, display, skip_reason(path.name), unsupported_reason(path.name)))
    return [c for c in candidates if c.path.name.lower() != "xlfund.toml"]


_COPY_SUFFIX = re.compile(r"(?:\s*[(（]\d+[)）]|\s*-\s*副本|\s*副本|\s*-\s*copy)$", re.IGNORECASE)


def _order(relative: Path) -> tuple[str, str, bool, str]:
    """Sort "赫山区.xlsx" before its copy "赫山区(1).xlsx", so the copy is the one called duplicate."""
    base = _COPY_SUFFIX.sub("", relative.stem)
    return (relative.parent.as_posix(), base, base != relative.stem, relative.name)


def skip_reason(name: str) -> str:
    lowered = name.lower()
    if lowered.startswith("~$"):
        return "Excel 的临时锁文件（文件正被打开）"
    if lowered.startswith(".~lock.") and lowered.endswith("#"):
        return "LibreOffice 的临时锁文件"
    if lowered.startswith(".~") or lowered.startswith("~"):
        return "WPS 的临时文件"
    if lowered.startswith(TEMP_PREFIX):
        return "本工具未完成的临时文件"
    if lowered in SYSTEM_FILES:
        return "系统文件"
    if lowered.startswith("."):
        return "隐藏文件"
    if not lowered.endswith(SHEET_SUFFIXES + ARCHIVE_SUFFIXES + UNSUPPORTED_ARCHIVES):
        return f"不是表格文件。能读取的是 {FORMATS_TEXT}"
    return ""


def unsupported_reason(name: str) -> str:
    """An archive of a kind this tool cannot open (it likely holds submissions): why, and what to do."""
    lowered = name.lower()
    if lowered.endswith(UNSUPPORTED_ARCHIVES):
        suffix = "." + lowered.rsplit(".", 1)[-1]
        return f"这是 {suffix} 压缩包，本工具只能打开 .zip。请解压后把表格放入文件夹，或重新压缩为 .zip"
    return ""
