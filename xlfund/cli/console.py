"""The terminal's edges: streams that never crash on a character, a reader that left early,
NO_COLOR, and operating-system errors told in Chinese with the file the clerk named.

- Start-up reconfigures stdout and stderr with errors="replace": a GBK console shows "?" for
  a file name it cannot encode (an emoji) instead of stopping with UnicodeEncodeError.
- `xlfund consolidate … | head`: when the reader closes the pipe, printing stops quietly
  (stdout is pointed at the null device so the interpreter's last flush is silent too) and
  the command keeps the exit code of its work.
- NO_COLOR (https://no-color.org): set and not empty, no ANSI codes at all.
"""

from __future__ import annotations

import errno
import os
import sys

import click

_closed = {"out": False, "err": False}


def prepare_streams() -> None:
    """Make the standard streams replace what their encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a stream already in use or detached: leave it
                pass


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def say(text: str, style: dict | None = None, err: bool = False, nl: bool = True) -> None:
    """Print one line (styled unless NO_COLOR); a closed pipe ends printing, not the work."""
    key = "err" if err else "out"
    if _closed[key]:
        return
    if style and not no_color():
        text = click.style(text, **style)
    try:
        click.echo(text, err=err, nl=nl, color=False if no_color() else None)
    except OSError as exc:
        if not is_broken_pipe(exc):
            raise
        _silence(key)


def is_broken_pipe(exc: BaseException) -> bool:
    """The reader went away (`| head`); on Windows a closed pipe reports EINVAL."""
    if isinstance(exc, BrokenPipeError):
        return True
    return isinstance(exc, OSError) and (exc.errno == errno.EPIPE or (os.name == "nt" and exc.errno == errno.EINVAL))


def _silence(key: str) -> None:
    """Point the stream at the null device so that nothing else fails on it."""
    _closed[key] = True
    stream = sys.stderr if key == "err" else sys.stdout
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
    except (ValueError, OSError, AttributeError):  # not a real file (a test runner's buffer)
        pass


def reset() -> None:
    """For tests that run several commands in one process."""
    _closed.update(out=False, err=False)


# What the operating system says, in the clerk's words.
_OS_WORDS = {
    errno.ENOENT: "找不到该文件或文件夹（或其所在的文件夹不存在）",
    errno.EEXIST: "已存在同名的文件或文件夹",
    errno.EACCES: "没有权限（可能正被 Excel/WPS 打开，或没有写入权限）",
    errno.EPERM: "没有权限（可能正被 Excel/WPS 打开，或没有写入权限）",
    errno.ENOTDIR: "路径中有一部分是文件而不是文件夹",
    errno.EISDIR: "这是一个文件夹，需要的是文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EINVAL: "文件名中有不允许的字符",
    errno.EBUSY: "文件正被其他程序使用",
}


def os_error_text(exc: OSError) -> str:
    """'无法写入“汇总.xlsx”：磁盘空间不足' — never the system's English, never a temp name."""
    words = _OS_WORDS.get(exc.errno or 0, "操作系统拒绝了这次文件操作" + (f"（错误号 {exc.errno}）" if exc.errno else ""))
    name = exc.filename if exc.filename is not None else ""
    return f"文件操作失败：“{name}”{words}" if name else f"文件操作失败：{words}"


class Progress:
    """One line on standard error, rewritten in place; silent off a terminal and with --json."""

    def __init__(self, enabled: bool):
        self.enabled = enabled

    def file(self, name: str, index: int, total: int) -> None:
        if self.enabled:
            self._line(f"读取文件 {index}/{total}：{name[:40]}")

    def rows(self, written: int, total: int) -> None:
        if self.enabled:
            self._line(f"写入明细 {written:,}/{total:,} 行")

    def done(self) -> None:
        if self.enabled:
            self._line("")

    @staticmethod
    def _line(text: str) -> None:
        """Rewrite the line: ANSI erase-to-end, or (NO_COLOR) spaces over the old text."""
        say(f"\r{text:<60}\r{text}" if no_color() else f"\r{text}\033[K", err=True, nl=False)
