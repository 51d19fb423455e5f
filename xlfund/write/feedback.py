"""`xlfund feedback`: for each district with errors or warnings, one workbook named after it
(资阳区-问题清单.xlsx), headed “资阳区 报送表格问题清单”, listing each problem with file, sheet,
cell, the value found and what to change; A4 landscape, the column heads on every page.

A workbook rather than a .docx: the list is a table of cells, the district's clerk works in
Excel or WPS anyway and can filter it or tick lines off, and it prints on A4 with its heads
repeated, as every sheet of this tool does. Lists written by an earlier run for a district
that has nothing left to fix are removed, so that no stale list is sent by mistake.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from xlfund.model import Consolidation
from xlfund.output import save_atomically
from xlfund.round.feedback import ProblemList, cells_wanted, problem_lists
from xlfund.round.owners import Owners
from xlfund.write.book import Styles, new_workbook, page_setup, write_text
from xlfund.write.round_io import cell_values
from xlfund.write.wrap import wrapped_height

SUFFIX = "-问题清单.xlsx"
FUND_PROPERTY = "xlfund-feedback"  # the fund a list was written for: only its own stale lists are removed
COLUMNS = [("序号", 5), ("级别", 6), ("文件", 18), ("工作表", 10), ("单元格", 9), ("发现的内容", 20), ("问题", 48), ("请这样改", 36)]
HEAD_ROW = 4
ADVICE = "错误须修改后重新报送；警告请核对，确认无误的可不改。单元格位置与 Excel、WPS 中看到的一致（如 C12 即 C 列第 12 行）。"
CLOSING = "请改好后把整个表格重新报送（文件名可以不变）。"
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\[\]\x00-\x1f]')


@dataclass
class FeedbackWritten:
    folder: Path
    written: list[tuple[ProblemList, Path]] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # earlier lists of districts with nothing left to fix


def write_feedback(result: Consolidation, folder: Path) -> FeedbackWritten:
    lists = problem_lists(result, Owners(result), cell_values(result.folder, cells_wanted(result)))
    done = FeedbackWritten(folder)
    if lists:
        folder.mkdir(parents=True, exist_ok=True)  # nothing to send back: no folder either
    taken: set[str] = set()
    for problems in lists:
        path = folder / _free_name(_safe_stem(problems.file_stem), taken)
        saved = save_atomically(path, lambda temp, p=problems: _write_list(temp, p, result))
        done.written.append((problems, saved.path))
    mine = {p.resolve() for _l, p in done.written}
    for stale in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else ():
        if stale.resolve() not in mine and written_for(stale) == result.settings.title:
            stale.unlink()
            done.removed.append(stale)
    return done


def _safe_stem(stem: str) -> str:
    return _NOT_IN_NAMES.sub("_", stem).strip(" .")[:80] or "未命名"


def _free_name(stem: str, taken: set[str]) -> str:
    name, n = f"{stem}{SUFFIX}", 2
    while name.lower() in taken:
        name, n = f"{stem}({n}){SUFFIX}", n + 1
    taken.add(name.lower())
    return name


def written_for(path: Path) -> str | None:
    """The fund a list of ours was written for, or None for any other file."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/custom.xml")
            if info.file_size > 65_536:
                return None
            root = ElementTree.fromstring(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    for prop in root:
        if prop.get("name") == FUND_PROPERTY:
            return "".join(prop.itertext())
    return None


def _write_list(path: Path, problems: ProblemList, result: Consolidation) -> None:
    book = new_workbook(path, problems.title)
    book.set_custom_property(FUND_PROPERTY, result.settings.title)
    try:
        s = Styles(book)
        bold = book.add_format({"font_name": "宋体", "font_size": 11, "bold": True, "valign": "vcenter"})
        ws = book.add_worksheet("问题清单")
        for c, (_head, width) in enumerate(COLUMNS):
            ws.set_column(c, c, width)
        ws.merge_range(0, 0, 0, len(COLUMNS) - 1, problems.title, s.title)
        ws.set_row(0, 28)
        ws.write_string(1, 0, f"资金：{result.settings.title}　　汇总时间：{result.made_at:%Y-%m-%d %H:%M}　　"
                              f"共 {problems.errors} 个错误、{problems.warnings} 个警告", s.subtitle)
        ws.write_string(2, 0, ADVICE, s.subtitle)
        for c, (head, _width) in enumerate(COLUMNS):
            ws.write_string(HEAD_ROW, c, head, s.head)
        row = HEAD_ROW + 1
        for n, item in enumerate(problems.items, start=1):
            height = wrapped_height([(item.problem, COLUMNS[6][1]), (item.fix, COLUMNS[7][1]), (item.found, COLUMNS[5][1]),
                                     (item.file, COLUMNS[2][1])])
            if height:
                ws.set_row(row, height)
            ws.write_number(row, 0, n, s.count)
            ws.write_string(row, 1, item.severity, s.severity[item.severity])
            for c, text in ((2, item.file), (3, item.sheet), (4, item.cell), (5, item.found), (6, item.problem), (7, item.fix)):
                write_text(ws, row, c, text, s.center if c == 4 else s.wrap)
            row += 1
        ws.write_string(row + 1, 0, CLOSING, bold)
        page_setup(ws, landscape=True, repeat_row=HEAD_ROW)
        ws.set_footer(f"&L{problems.who.replace('&', '&&')}&C第 &P 页，共 &N 页")
    finally:
        book.close()
