"""Read a BIFF (.xls) workbook in a child process.

On some damaged .xls files python-calamine asks for absurd amounts of memory (hundreds of GB
from a corrupted length field), and Rust aborts the whole process on a failed allocation:
nothing in-process can catch that. The child runs with a bounded address space where the
platform allows it; if it dies, the file is reported as damaged and the run goes on.
.xls files are few in practice, so the cost of a process per file is small.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

CHILD_MEMORY_BYTES = 2 * 1024**3
CHILD_TIMEOUT_SECONDS = 120


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))


def read_xls_isolated(path: Path):
    """The sheets of an .xls, read in a child; raises ReadError when it cannot."""
    from xlfund.read.content import ReadError

    try:
        done = subprocess.run(
            [sys.executable, "-m", "xlfund.read.isolated", str(path)], capture_output=True, timeout=CHILD_TIMEOUT_SECONDS,
            preexec_fn=_limit_memory if sys.platform != "win32" else None,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReadError("file-unreadable", reason="读取超时，文件可能已损坏") from exc
    if done.returncode != 0 or not done.stdout:
        raise ReadError("file-unreadable", reason="文件已损坏或被截断")
    status, payload = pickle.loads(done.stdout)  # our own child's output, never the file's bytes
    if status == "error":
        code, details = payload
        raise ReadError(code, **details)
    return payload


def _main(path: str) -> None:  # pragma: no cover - runs in the child
    from xlfund.read.calamine import read_with_calamine
    from xlfund.read.content import ReadError
    from xlfund.read.xls_marks import xls_row_marks

    try:
        sheets = read_with_calamine(Path(path))
        marks = xls_row_marks(Path(path))
        for sheet in sheets:
            sheet.marks = marks.get(sheet.name, {})
        result = ("ok", sheets)
    except ReadError as exc:
        result = ("error", (exc.code, exc.details))
    except BaseException:  # noqa: BLE001 - a panic: the parent reports the file as damaged
        sys.exit(3)
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":  # pragma: no cover
    _main(sys.argv[1])
