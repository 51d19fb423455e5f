"""Every bound on the work one input can cause, in one place, each with the reason for its number.

A file that reaches a bound is refused by a finding that names it ("表格过大：…"), checked
before the work is spent; the rest of the folder is consolidated. README's section on hostile
input lists these and what happens at each (a test keeps the two in step).
"""

from __future__ import annotations

from decimal import Decimal

# --- One sheet -------------------------------------------------------------------------------
# Excel's own grid: no honest sheet has a cell beyond it.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
# Rows × columns of a sheet's used range. Readers build the whole rectangle (python-calamine a
# dense grid of ~32 bytes a cell, then a Python list per row), so a lone cell at XFD30000 costs
# 18 GB. A province's list (100,000 rows × 10 columns) is a tenth of this bound; at the bound a
# sheet costs about 1 GB to read.
MAX_SHEET_CELLS = 10_000_000
# Merged ranges: the sheet reader maps every merged cell to its range's first cell (about 200
# bytes each). Honest forms merge titles, headers and a column per line: tens of thousands of
# ranges, a few hundred thousand cells. Identical copies of a range count once.
MAX_MERGED_RANGES = 100_000
MAX_MERGED_CELLS = 1_000_000
# Text in one cell: Excel holds at most this many characters, so longer text comes from no
# spreadsheet; it is cut here and the cut is reported at the cell.
MAX_CELL_CHARS = 32_767

# --- Any file --------------------------------------------------------------------------------
# Every file is hashed whole (to notice one sent twice) before it is read. A 1,000,000-row .xlsx
# is under 100 MB, an .xls under 200 MB; photos pasted into a workbook can make one larger.
MAX_INPUT_FILE_BYTES = 1_000_000_000

# --- Packages (.xlsx, .xlsb, .ods) -----------------------------------------------------------
# Inflated bytes, by the sizes the package declares (python-calamine's zip reader, like ours,
# stops at a member's declared size). A 1,000,000-row sheet of 10 columns is about 400 MB of XML.
MAX_UNZIPPED_BYTES = 1_500_000_000  # all members of one file
MAX_PART_BYTES = 800_000_000  # one member
# Inflated:compressed. Honest styles.xml reach 100:1, sheet XML 10–30:1; zip bombs 1000:1 and
# beyond. Applied above RATIO_CHECKED_ABOVE_BYTES, where a bomb starts to cost anything.
MAX_RATIO = 1000
RATIO_CHECKED_ABOVE_BYTES = 50_000_000
# One run of text or one tag in sheet XML. A cell Excel writes holds at most 32,767 characters
# (about 260 KB escaped); a longer run is padding, and readers buffer a run whole (a 300 MB run
# of spaces cost 930 MB).
MAX_XML_RUN_BYTES = 4_000_000

# --- Text tables (CSV, "Unicode text", HTML saved as .xls) ----------------------------------
# A 1,000,000-row CSV of 10 columns is about 150 MB; the cell bound above applies as well.
MAX_TEXT_FILE_BYTES = 300_000_000
# What browsers (and the HTML standard) do with larger spans: clamp them to these.
HTML_MAX_COLSPAN = 1_000
HTML_MAX_ROWSPAN = 65_534

# --- Zip archives of submissions -------------------------------------------------------------
MAX_ARCHIVE_MEMBERS = 5_000  # a province's folder is a few hundred files
MAX_ARCHIVE_DEPTH = 2  # a zip in a zip happens (forwarded mail); deeper is no one's filing

# --- Reading processes -----------------------------------------------------------------------
# Address space a reading process may add to what it started with (Linux; elsewhere none is
# set). Three times what the largest sheet within the bounds above needs; a reader that asks for
# more (a native library on a damaged file) stops that file, not the run.
WORKER_MEMORY_BYTES = 3 * 1024**3

# --- Findings --------------------------------------------------------------------------------
# Per file: past this many, one finding says how many more of each kind there are (a file of
# 100,000 lines in the wrong unit would otherwise bury every other file's findings).
MAX_FINDINGS_PER_FILE = 2_000
# Rows of the 问题 sheet: past this, its last row says how many more are in `--json`.
MAX_PROBLEM_ROWS = 50_000

# --- Amounts and settings --------------------------------------------------------------------
# One amount, in 万元: 10^10 万元 is 100 万亿元, more than any fund's line and near a year's GDP.
# Every amount is checked against it before any arithmetic, so sums stay within Decimal's 28
# digits (10^10 with 6 decimals is 16 digits; a million such lines add 6 more).
MAX_AMOUNT_WAN = Decimal(10) ** 10
# xlfund.toml: a few KB by hand. Depth of [tables] and inline {…} / […] nesting: the file
# xlfund init writes is 3 deep. China has about 2,850 county-level divisions.
MAX_SETTINGS_BYTES = 1_000_000
MAX_SETTINGS_DEPTH = 10
MAX_DISTRICTS = 3_000
# Keywords of [categories]: every distinct purpose is matched against each; the defaults have
# a few dozen.
MAX_CATEGORY_WORDS = 1_000
# A target number of recipients: a fund supports hundreds; ten million is no one's target.
MAX_RECIPIENTS = 10_000_000


def size_text(size: int) -> str:
    """Bytes as the clerk reads them: 1.4 GB, 300 MB, 5 KB."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            shown = size / scale
            return f"{shown:.1f} {unit}" if shown < 10 else f"{shown:,.0f} {unit}"
    return f"{size} 字节"
