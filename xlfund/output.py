"""Atomic output: write to a temporary file beside the target, then move it into place.

A failed run leaves any earlier output intact. When the target is open in Excel or WPS, the
result is kept under a free name beside it instead of being lost: on Windows the replace
fails (PermissionError); on Linux and macOS it would succeed under the clerk's open window,
so the office programs' lock files beside the target say it is open.
The file gets the mode an ordinary save would give (0666 less the umask), not mkstemp's 0600:
colleagues on a shared folder must be able to open it.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xlfund.limits import size_text

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

    Every temporary file of the write (the writer's own included: XlsxWriter keeps each part
    in a temporary file) is made in one private folder beside the target, removed however the
    write ends (an error, a full disk, Ctrl-C). An operating-system error names the file asked
    for, never a temporary one; a full disk says which folder and how much space is left.
    """
    asked = target
    try:
        return _save(target.resolve(), write)
    except OSError as exc:
        raise _told(exc, asked) from exc
    except Exception as exc:
        cause = _os_error_in(exc)  # XlsxWriter wraps a failed write in its FileCreateError
        if cause is None:
            raise
        raise _told(cause, asked) from exc


class WriteFailed(OSError):
    """An output that could not be written, with what to tell the clerk (`text`, Chinese)."""

    def __init__(self, errno_: int, strerror: str, filename: str, text: str):
        super().__init__(errno_, strerror, filename)
        self.text = text


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", -1)}


def _told(exc: OSError, asked: Path) -> OSError:
    if exc.errno in _DISK_FULL or exc.errno == errno.EFBIG:
        return WriteFailed(exc.errno, exc.strerror, str(asked), disk_full_text(asked, exc.errno))
    if exc.filename is None or TEMP_PREFIX in str(exc.filename) or Path(str(exc.filename)) == asked.resolve():
        return OSError(exc.errno, exc.strerror, str(asked))
    return exc


def disk_full_text(path: Path, number: int | None = errno.ENOSPC) -> str:
    """'磁盘空间不足：无法写入“汇总.xlsx”，“D:/报表”所在的磁盘只剩 12 KB…' for a full disk (or a file too big)."""
    folder = path.parent if path.suffix else path
    try:
        left = f"只剩 {size_text(shutil.disk_usage(folder).free)}"
    except OSError:
        left = "已满"
    if number == errno.EFBIG:
        return f"无法写入“{path}”：文件超过了系统允许的大小。原有文件保持不变，临时文件已删除"
    return (f"磁盘空间不足：无法写入“{path}”，“{folder}”所在的磁盘{left}。原有文件保持不变，临时文件已删除。"
            "请清理磁盘，或用 -o 保存到其他磁盘")


def _os_error_in(exc: BaseException) -> OSError | None:
    """The operating-system error a library's exception carries (as its argument or cause)."""
    for inner in (*exc.args, exc.__cause__, exc.__context__):
        if isinstance(inner, OSError):
            return inner
    return None


def _save(target: Path, write: Callable[[Path], None]) -> Saved:
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = ordinary_mode()  # read before write() may start threads: umask is process-wide
    scratch = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent))
    temp = scratch / f"{TEMP_PREFIX}{target.stem[:40]}{target.suffix}"
    try:
        with _temporary_files_in(scratch):
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
    except BaseException as exc:
        _close_quietly(exc)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextlib.contextmanager
def _temporary_files_in(folder: Path):
    """Temporary files made by libraries during the write go into `folder` (removed after)."""
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before


def _close_quietly(exc: BaseException) -> None:
    """Close what the failed write left open, now: a zip file a library never closed would
    otherwise try again at exit, fail on the full disk and print an English traceback."""
    traceback.clear_frames(exc.__traceback__)
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


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
