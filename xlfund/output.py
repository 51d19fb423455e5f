"""Atomic output: write to a temporary file beside the target, then move it into place.

A failed run leaves any earlier output intact. When the target cannot be replaced because
Excel or WPS holds it open (PermissionError on Windows), the result is kept under a free
name beside it instead of being lost.
"""

from __future__ import annotations

import os
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


def free_name(target: Path) -> Path:
    """"汇总.xlsx" -> "汇总(2).xlsx", the first name not taken."""
    for n in range(2, 1000):
        candidate = target.with_name(f"{target.stem}({n}){target.suffix}")
        if not candidate.exists():
            return candidate
    raise PermissionError(f"无法在 {target.parent} 中找到可用的文件名")
