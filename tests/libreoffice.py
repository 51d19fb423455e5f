"""LibreOffice as the real client: recalculate a workbook headless, render it to PDF.

Recalculation on load is off by default for .xlsx in LibreOffice, so the helper writes a
throwaway user profile that turns it on (OOXMLRecalcMode = 0, "always"), converts the file
to .xlsx again and returns the path of the recalculated copy.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

ERROR_VALUES = ("#REF!", "#NAME?", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, out_dir: Path, target: str) -> Path:
    """Convert with a fresh profile that recalculates on load; returns the converted file."""
    binary = soffice()
    assert binary, "soffice is not installed"
    out_dir = out_dir.resolve()  # a file URI for the profile needs an absolute path
    profile = out_dir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_SETTINGS, encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [binary, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", target, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=240,
    )
    produced = out_dir / f"{source.stem}.{target.split(':')[0]}"
    assert produced.exists(), f"LibreOffice did not convert {source.name}: {done.stdout} {done.stderr}"
    return produced


def formula_mismatches(ours: Path, recalculated: Path, tolerance: float = 1e-6) -> list[str]:
    """Every formula cell whose LibreOffice value differs from the value we stored."""
    formulas = openpyxl.load_workbook(ours, data_only=False)
    stored = openpyxl.load_workbook(ours, data_only=True)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)
    problems = []
    checked = 0
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                checked += 1
                mine = stored[ws.title][cell.coordinate].value
                lo = theirs[ws.title][cell.coordinate].value
                if not _same(mine, lo, tolerance):
                    problems.append(f"{ws.title}!{cell.coordinate} {cell.value}: stored {mine!r}, LibreOffice {lo!r}")
    assert checked, "no formulas found at all"
    return problems


def error_cells(recalculated: Path) -> list[str]:
    book = openpyxl.load_workbook(recalculated, data_only=True)
    found = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(ERROR_VALUES):
                    found.append(f"{ws.title}!{cell.coordinate}={cell.value}")
    return found


def _same(mine: object, theirs: object, tolerance: float) -> bool:
    if mine in (None, "") and theirs in (None, ""):
        return True
    if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)) and not isinstance(mine, bool):
        return abs(float(mine) - float(theirs)) <= tolerance
    return mine == theirs
