"""LibreOffice as the real client: recalculate a workbook headless, render it to PDF.

Recalculation on load is off by default for .xlsx in LibreOffice, so the helper writes a
throwaway user profile that turns it on (OOXMLRecalcMode = 0, "always"), converts the file
to .xlsx again and returns the path of the recalculated copy.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from html import unescape as html_unescape
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


# --- The printed page: what a clerk gets from the printer ----------------------------------------

PRINT_MARGIN = 36  # points: page_setup's 0.5-inch left and right margins


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_words(pdf: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """Each page's (width, height) and each word's box, from `pdftotext -bbox`."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120).stdout
    pages, words = [], []
    for number, page in enumerate(re.split(r"<page ", html)[1:], start=1):
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', page)
        assert size, page[:200]
        pages.append((float(size[1]), float(size[2])))
        for x0, y0, x1, y1, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            words.append(Word(number, float(x0), float(y0), float(x1), float(y1), html_unescape(text)))
    return pages, words


def print_problems(xlsx: Path, work: Path, sheets: tuple[str, ...] | None = None) -> list[str]:
    """Render `xlsx` as LibreOffice prints it and name what a clerk would see wrong on paper:
    a word past the left or right margin or off the page, two words drawn over each other
    (rows too short for their wrapped lines, a long text running into the next column), and
    a cell's text missing from the page (cut off at its cell's edge). `sheets` limits the last
    check to those sheets; the first two cover every page."""
    pdf = convert(xlsx, work, "pdf")
    pages, words = pdf_words(pdf)
    problems = []
    for w in words:
        width, height = pages[w.page - 1]
        if w.x0 < PRINT_MARGIN - 2 or w.x1 > width - PRINT_MARGIN + 2 or w.y0 < 0 or w.y1 > height:
            problems.append(f"page {w.page}: “{w.text}” falls outside the printed page ({w.x0:.0f}–{w.x1:.0f} of {width:.0f})")
    for page in range(1, len(pages) + 1):
        on_page = sorted((w for w in words if w.page == page), key=lambda w: w.y0)
        for i, a in enumerate(on_page):
            for b in on_page[i + 1:]:
                if b.y0 >= a.y1 - 2:
                    break  # sorted by top: nothing further down can overlap a
                if min(a.x1, b.x1) - max(a.x0, b.x0) > 1:
                    problems.append(f"page {page}: “{a.text}” and “{b.text}” are drawn over each other")
    printed = _squeezed(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120).stdout)
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        if (sheets is not None and ws.title not in sheets) or ws.sheet_state != "visible":
            continue  # a (very) hidden sheet, such as the run record, is never printed
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("=") and _squeezed(cell.value) not in printed:
                    problems.append(f"{ws.title}!{cell.coordinate}: “{cell.value[:40]}” is not all on the page")
    return problems


def _squeezed(text: str) -> str:
    """Text as compared with the page: NFKC (ligatures, full-width forms), no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
