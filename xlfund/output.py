"""Atomic output: write to a temporary file beside the target, then move it into place.

A failed run leaves any earlier output intact. When the target cannot be replaced because
Excel or WPS holds it open (PermissionError on Windows), the result is kept under a free
name beside it instead of being lost.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TEMP_PREFIX = ".xlfund-tmp-"  # discovery skips these: a run that was stopped may leave one


@dataclass(frozen=True)
class Saved:
    path: Path  # where the result is
    wanted: Path  # where it was asked to go; differs when that file was locked

    @property
    def moved_aside(self) -> bool:
        return self.path != self.wanted


def save_atomically(target: Path, write: Callable[[Path], None]) -> Saved:
    """Call write(temp) and move temp to target; never leave a partial target behind.

    An operating-system error names the file asked for, never the temporary one.
    """
    asked = target
    try:
        return _save(target.resolve(), write)
    except OSError as exc:
        if exc.filename is None or TEMP_PREFIX in str(exc.filename) or Path(str(exc.filename)) == target.resolve():
            raise OSError(exc.errno, exc.strerror, str(asked)) from exc
        raise


def _save(target: Path, write: Callable[[Path], None]) -> Saved:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        try:
            os.replace(temp, target)
            return Saved(target, target)
        except PermissionError:
            free = free_name(target)
            os.replace(temp, free)
            return Saved(free, target)
    finally:
        if temp.exists():
            temp.unlink()


# Characters no file name may hold on Windows or Linux (a fund called "电商/物流资金" must not
# make a folder, nor "/../../x" leave the working folder), and control characters.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# Linux allows 255 bytes for a name; Chinese takes 3 bytes a character in UTF-8.
_NAME_BYTES = 240


def default_file(name: str, folder: Path | None = None) -> Path:
    """Where an output named after the fund goes: `name` made a plain file name, in `folder`
    (the working folder by default), never elsewhere."""
    return (folder or Path.cwd()) / safe_file_name(name)


def safe_file_name(name: str) -> str:
    """`name` as one file name: path and reserved characters replaced by "_", no leading dot or
    space, short enough for every file system (the extension kept)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or not suffix.isascii():
        stem, suffix = name, ""
    stem = _NOT_IN_NAMES.sub("_", stem).strip(" .") or "汇总"
    suffix = _NOT_IN_NAMES.sub("_", suffix)
    while len(stem.encode("utf-8")) + len(suffix) + 1 > _NAME_BYTES:
        stem = stem[:-1]
    return f"{stem}.{suffix}" if suffix else stem


def free_name(target: Path) -> Path:
    """"汇总.xlsx" -> "汇总(2).xlsx", the first name not taken."""
    for n in range(2, 1000):
        candidate = target.with_name(f"{target.stem}({n}){target.suffix}")
        if not candidate.exists():
            return candidate
    raise PermissionError(f"无法在 {target.parent} 中找到可用的文件名")
