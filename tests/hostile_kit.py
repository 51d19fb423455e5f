"""Helpers for the hostile-input tests: small generated attack files, and the CLI run in a child
process under a memory limit and a timeout, so that a regression fails the test instead of
taking the machine down."""

from __future__ import annotations

import io
import json
import os
import signal
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from conftest import make_xlsx, simple_sheet

GB = 1024**3
GOOD = "赫山区.xlsx"


def folder_with_good_file(tmp_path: Path) -> Path:
    """A folder holding one honest submission (赫山区: 好公司 6 万元) beside whatever a test adds."""
    folder = tmp_path / "in"
    make_xlsx(folder / GOOD, simple_sheet("赫山区", [("好公司", 6)], total=6))
    return folder


def xlsx_bytes(rows: list[list[object]], sheet: str = "Sheet1") -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(buffer)
    return buffer.getvalue()


def part(package: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read(name)


def rezip(package: bytes, replace: dict[str, bytes], declared: dict[str, int] | None = None) -> bytes:
    """A copy of a package with some parts replaced; `declared` rewrites a member's stated
    uncompressed size (what bomb checks trust) without writing that many bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name in replace.keys() - set(src.namelist()):
            dst.writestr(name, replace[name])
    data = bytearray(out.getvalue())
    for name, size in (declared or {}).items():
        _declare(data, name.encode(), size)
    return bytes(data)


def _declare(data: bytearray, name: bytes, size: int) -> None:
    position = 0
    while (position := data.find(b"PK", position)) >= 0:
        if data[position:position + 4] == b"PK\x03\x04" and data[position + 30:position + 30 + len(name)] == name:
            struct.pack_into("<I", data, position + 22, size)
        elif data[position:position + 4] == b"PK\x01\x02" and data[position + 46:position + 46 + len(name)] == name:
            struct.pack_into("<I", data, position + 24, size)
        position += 4


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def data(self) -> dict:
        return json.loads(self.stdout)

    def issues(self, file: str) -> list[tuple[str, str, str]]:
        return [(i["code"], i["sheet"], i["cell"]) for i in self.data["issues"] if i["file"] == file]

    def message(self, file: str, code: str) -> str:
        return next(i["message"] for i in self.data["issues"] if i["file"] == file and i["code"] == code)


def run_cli(*args: str, memory: int = 2 * GB, timeout: float = 60, cwd: Path | None = None, env: dict | None = None) -> Ran:
    """`python -m xlfund.cli ARGS` in a child process with an address-space limit; on timeout the
    whole process group is killed and the test fails."""
    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    started = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "xlfund.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=cwd, env={**os.environ, **(env or {})}, preexec_fn=limit, start_new_session=True)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise AssertionError(f"xlfund {' '.join(args)} ran past {timeout} s") from None
    ran = Ran(child.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - started)
    assert "Traceback" not in ran.stderr and "Traceback" not in ran.stdout, ran.stderr
    return ran


def consolidate_json(folder: Path, out: Path, **kwargs) -> Ran:
    return run_cli("consolidate", str(folder), "-o", str(out), "--json", **kwargs)


def assert_good_file_counted(ran: Ran) -> None:
    assert ran.data["districts"]["赫山区"] == {"recipients": 1, "total": "6"}
