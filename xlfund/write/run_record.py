"""Where the run record lives: inside the output workbook, on a very hidden sheet.

Why there, and not in a state file beside the output: the record then travels with the
workbook it describes and can never disagree with it; the clerk's folder gains no stray file
(which a Windows clerk would see, copy or delete apart from the workbook); a deleted or moved
output simply means "no earlier run known". The next run reads it back from the same output
path before replacing that file, as the scores typed into 评分表 are read back. The visible
account of the same facts is on 报送情况 and 说明; this sheet is for the tool (very hidden:
Excel's and WPS's menus do not list it, it is not printed, and our reader never reads it).

The record is one JSON text (each district's lines packed, see round.record: a tenth of the
room, mostly ASCII) cut into cells of CHUNK characters (a cell holds 32,767 UTF-16 units;
CHUNK leaves room for characters outside the BMP, which take two).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlfund.model import OWN_OUTPUT_MARK
from xlfund.round.record import RecordError, RunRecord, parse_record, record_json

RECORD_SHEET = "xlfund运行记录"
CHUNK = 16_000
MAX_RECORD_BYTES = 1_500_000_000  # the declared unzipped size of the whole output, bounded as for inputs

# Characters XML 1.0 cannot hold, or that Excel refuses; JSON may carry them as \\u escapes.
_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def write_run_record(book, record: RunRecord) -> None:
    """Add the very hidden record sheet (last, after the clerk's sheets)."""
    ws = book.add_worksheet(RECORD_SHEET)
    ws.very_hidden()
    text = record_json(record)
    if _UNSAFE.search(text):  # only in file or district names: the lines are packed
        text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    for row, start in enumerate(range(0, len(text), CHUNK)):
        ws.write_string(row, 0, text[start:start + CHUNK])


def read_run_record(path: Path) -> tuple[RunRecord | None, str]:
    """(the record kept in an earlier output, "") or (None, why none is known). Never raises:
    a missing, moved, foreign or damaged output only means no earlier run is known."""
    if not path.exists():
        return None, f"没有找到上次的汇总表“{path.name}”（首次汇总，或已移动、删除）"
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_RECORD_BYTES:
                return None, f"“{path.name}”过大，未读取其中的运行记录"
            custom = archive.read("docProps/custom.xml") if "docProps/custom.xml" in archive.namelist() else b""
        if f'name="{OWN_OUTPUT_MARK}"'.encode() not in custom:
            return None, f"“{path.name}”不是 xlfund 生成的汇总表"
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        if RECORD_SHEET not in book.sheet_names:
            return None, f"“{path.name}”中没有运行记录（较早版本生成的汇总表，或单独生成的评分表）"
        rows = book.get_sheet_by_name(RECORD_SHEET).to_python(skip_empty_area=False)
        return parse_record("".join(str(row[0]) for row in rows if row and row[0])), ""
    except RecordError as exc:
        return None, f"“{path.name}”中的运行记录无法使用（{exc}）"
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a damaged file (calamine panics are BaseExceptions): only a bonus lost
        return None, f"“{path.name}”无法读取，未能与上次比较"
