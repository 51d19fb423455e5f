"""Which files in the folder are submissions, and which are skipped (and why)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
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
    outside: str = ""  # a link leaving the folder: where it points (not followed)
    name_encoding: str = ""  # the name was not UTF-8: the encoding it was shown in

    @property
    def is_archive(self) -> bool:
        return not self.skip_reason and not self.error and not self.outside and self.path.suffix.lower() in ARCHIVE_SUFFIXES


def discover(folder: Path) -> list[Candidate]:
    """Every file under the folder, in a stable order, each marked to read or to skip.

    The folder is the boundary: a link to a file outside it is named, not followed; a broken
    link, a device or a pipe is named, never opened (a pipe would wait forever).
    """
    root = folder.resolve()
    candidates = []
    for path in sorted(_walk(folder), key=lambda p: _order(p.relative_to(folder))):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") and part not in (".", "..") for part in parts[:-1]):
            continue  # inside a hidden folder (.git and the like): not the clerk's files
        if path.name.lower() == "xlfund.toml":
            continue
        display, encoding = readable_path(parts)
        # Forms in 填报模板/ are read too: a blank one is skipped by its content, a filled one counts.
        candidates.append(replace(candidate_for(path, display, root), name_encoding=encoding))
    return candidates


def _walk(folder: Path):
    """Every entry under the folder that is not a real directory (links to folders included),
    without following links to folders."""
    for entry in os.scandir(folder):
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        else:
            yield path


def candidate_for(path: Path, display: str, root: Path | None = None) -> Candidate:
    """One path as a candidate: skipped by its name, or refused as a link out of `root` (when
    given), a broken link or a special file; else to be read."""
    skipped = skip_reason(path.name)
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if root is not None and not target.is_relative_to(root):
            return Candidate(path, display, outside=readable_path(target.parts)[0])
        if not target.exists():
            return Candidate(path, display, skipped, "" if skipped else f"这是一个链接，指向的文件不存在（{readable_path(target.parts)[0]}）")
    if path.is_dir():
        return Candidate(path, display, "文件夹的链接（链接中的文件不读取）")
    if not skipped and not path.is_file() and path.exists():
        return Candidate(path, display, error="不是普通文件（设备、管道或套接字），未打开")
    return Candidate(path, display, skipped, unsupported_reason(path.name))


def readable_path(parts: tuple[str, ...]) -> tuple[str, str]:
    """A path's parts joined for the clerk, and the encoding a non-UTF-8 name was shown in.

    Names copied from old shares are GBK bytes that Python keeps as surrogate escapes; shown as
    they are they cannot be printed or written to a workbook.
    """
    shown, used = [], ""
    anchor = parts[0] if parts and parts[0].endswith(("/", "\\")) else ""
    for part in parts[1:] if anchor else parts:
        try:
            part.encode("utf-8")
            shown.append(part)
            continue
        except UnicodeEncodeError:
            raw = os.fsencode(part)
        try:
            shown.append(raw.decode("gb18030"))
            used = "GBK"
        except UnicodeDecodeError:
            shown.append(raw.decode("utf-8", errors="replace"))
            used = used or "未知编码（无法识别的字符显示为 �）"
    return anchor + "/".join(shown), used


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
