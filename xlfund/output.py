"""Atomic output: write to a temporary file beside the target, then move it into place.

A failed run leaves any earlier output intact. When the target is open in Excel or WPS, the
result is kept under a free name beside it instead of being lost: on Windows the replace
fails (PermissionError); on Linux and macOS it would succeed under the clerk's open window,
so the office programs' lock files beside the target say it is open.
The file gets the mode an ordinary save would give (0666 less the umask), not mkstemp's 0600:
colleagues on a shared folder must be able to open it.
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
    mode = ordinary_mode()  # read before write() may start threads: umask is process-wide
    handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        give_mode(temp, mode)
        if open_elsewhere(target):
            free = free_name(target)
            os.replace(temp, free)
            return Saved(free, target)
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


def ordinary_mode() -> int:
    """0666 less the umask: the mode open() gives a new file (mkstemp gives 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def give_mode(path: Path, mode: int) -> None:
    try:
        os.chmod(path, mode)
    except OSError:  # a share or FAT disk without Unix modes: the file as it was made
        pass


def lock_files(target: Path) -> list[Path]:
    """The lock files that Excel, WPS and LibreOffice keep beside a file they have open.

    Excel and WPS on Windows: "~$汇总.xlsx"; WPS on Linux: ".~汇总.xlsx"; LibreOffice:
    ".~lock.汇总.xlsx#". Word and WPS drop the first one or two characters of a long name
    ("~$25年…docx"), so those forms are looked for too when the name is long.
    """
    name = target.name
    stems = [name] + ([name[1:], name[2:]] if len(target.stem) >= 7 else [])
    names = [f"~${s}" for s in stems] + [f".~{s}" for s in stems] + [f".~lock.{name}#"]
    return [target.with_name(n) for n in names]


def open_elsewhere(target: Path) -> bool:
    """The target exists and a lock file beside it says Excel, WPS or LibreOffice has it open."""
    return target.exists() and any(lock.is_file() for lock in lock_files(target))


def free_name(target: Path) -> Path:
    """"汇总.xlsx" -> "汇总(2).xlsx", the first name not taken."""
    for n in range(2, 1000):
        candidate = target.with_name(f"{target.stem}({n}){target.suffix}")
        if not candidate.exists():
            return candidate
    raise PermissionError(f"无法在 {target.parent} 中找到可用的文件名")
