"""The 报送情况 sheet: one block per district (state, recipients and amount against its quota,
then one line per file it sent, with its time and whether it is counted), the files no one
district sent, and the one-line summary. Written in row order."""

from __future__ import annotations

from decimal import Decimal

from xlfund.round.status import DistrictStatus, RoundStatus, SentFile, State
from xlfund.write.book import money, page_setup, write_number, write_text
from xlfund.write.formulas import COL_AMOUNT, COL_DISTRICT, DetailParts
from xlfund.write.wrap import wrapped_height

STATUS_SHEET = "报送情况"
COLUMNS = [("序号", 5), ("区县", 12), ("状态", 8), ("单位数", 8), ("金额（万元）", 13), ("下达额度（万元）", 13),
           ("差额（万元）", 12), ("报送文件", 30), ("修改时间", 17), ("说明", 40)]
HEAD_ROW = 4
NOTE_WIDTH = COLUMNS[9][1]
LEGEND = (  # one short line each: a long merged cell wraps badly when printed
    "状态：已报 = 已收到且没有需要区县修改的问题；有错误 = 须退回修改；有警告 = 请区县核对；未报 = 尚未收到。",
    "错误和警告的位置见“问题”表；运行 xlfund feedback 可为每个区县生成一份问题清单。",
    "同一区县的几个不同文件都计入汇总（不会替区县挑选）；两个文件的单位大多相同时，在“问题”表中报错。",
)


def write_status_sheet(ws, status: RoundStatus, parts: DetailParts, s, states: dict[State, object]) -> None:
    for c, (_head, width) in enumerate(COLUMNS):
        ws.set_column(c, c, width)
    ws.merge_range(0, 0, 0, len(COLUMNS) - 1, f"{status.title}报送情况", s.title)
    ws.write_string(1, 0, f"截至 {status.made_at:%Y-%m-%d %H:%M}　　金额单位：万元", s.subtitle)
    ws.write_string(2, 0, status.summary(), s.bold)
    for c, (head, _width) in enumerate(COLUMNS):
        ws.write_string(HEAD_ROW, c, head, s.head)
    ws.freeze_panes(HEAD_ROW + 1, 0)
    row = HEAD_ROW + 1
    first = row
    for index, district in enumerate(status.districts, start=1):
        row = _district_block(ws, row, index, district, parts, s, states)
    row = _total_row(ws, row, first, status, s)
    if status.others:
        row += 1
        ws.write_string(row, 0, "不属于某一个区县的文件（多个区县合在一张表，或无法确定区县）", s.bold)
        row += 1
        for file in status.others:
            state = State.ERRORS if file.errors else State.WARNINGS if file.warnings else None
            cells = ["", "", str(state or ""), file.recipients, file.total, None, None]
            row = _file_line(ws, row, cells, file, s, states.get(state, s.center) if state else s.center)
    for line in LEGEND:
        row += 1
        ws.write_string(row, 0, line, s.note)
    page_setup(ws, landscape=True, repeat_row=HEAD_ROW)


def _district_block(ws, row: int, index: int, d: DistrictStatus, parts: DetailParts, s, states: dict) -> int:
    """The district's first line carries its figures (live formulas over 明细) and its first file."""
    r1 = row + 1
    count = f"={parts.countifs((COL_DISTRICT, f'$B{r1}'))}"
    amount = f"={parts.sumifs(COL_AMOUNT, (COL_DISTRICT, f'$B{r1}'))}"
    files = list(d.files) or [None]
    note_first = "" if d.files else "尚未报送"
    if not d.listed:
        note_first = "不在设置的区县名单中" + ("；" + note_first if note_first else "")
    for i, file in enumerate(files):
        if i == 0:
            _set_height(ws, row, file, note_first)
            ws.write_number(row, 0, index, s.count)
            write_text(ws, row, 1, d.district, s.text)
            ws.write_string(row, 2, str(d.state), states[d.state])
            ws.write_formula(row, 3, count, s.count, d.recipients)
            ws.write_formula(row, 4, amount, s.money, money(d.total))
            write_number(ws, row, 5, d.quota, s.money)
            ws.write_formula(row, 6, f'=IF(F{r1}="","",E{r1}-F{r1})', s.money, "" if d.quota is None else money(d.total - d.quota))
        else:
            _set_height(ws, row, file, "")
            for c in range(7):
                ws.write_blank(row, c, None, s.text)
        _file_cells(ws, row, file, note_first if i == 0 else "", s)
        row += 1
    return row


def _file_line(ws, row: int, cells: list, file: SentFile, s, state_format) -> int:
    _set_height(ws, row, file, "")
    for c, value in enumerate(cells):
        fmt = state_format if c == 2 else s.count if c == 3 else s.money if c >= 4 else s.text
        if isinstance(value, Decimal):
            write_number(ws, row, c, value, fmt)
        elif isinstance(value, int):
            ws.write_number(row, c, value, fmt)
        elif value is None:
            ws.write_blank(row, c, None, fmt)
        else:
            write_text(ws, row, c, value, fmt)
    _file_cells(ws, row, file, "", s)
    return row + 1


def _file_cells(ws, row: int, file: SentFile | None, note: str, s) -> None:
    if file is None:
        for c in (7, 8):
            ws.write_blank(row, c, None, s.text)
        write_text(ws, row, 9, note, s.wrap)
        return
    write_text(ws, row, 7, file.name, s.wrap)
    write_text(ws, row, 8, file.when, s.center)
    write_text(ws, row, 9, "；".join(x for x in (note, file.described) if x), s.wrap)


def _set_height(ws, row: int, file: SentFile | None, note: str) -> None:
    texts = [note + (file.described if file else "")]
    height = wrapped_height([*((text, NOTE_WIDTH) for text in texts), (file.name if file else "", COLUMNS[7][1])])
    if height:
        ws.set_row(row, height)


def _total_row(ws, row: int, first: int, status: RoundStatus, s) -> int:
    if row == first:  # no district line to sum: a SUM here would cover its own cell
        return _empty_total_row(ws, row, s)
    last = row
    recipients = sum(d.recipients for d in status.districts)
    total = sum((d.total for d in status.districts), Decimal(0))
    quotas = [d.quota for d in status.districts if d.quota is not None]
    ws.write_string(row, 0, "", s.total_text)
    ws.write_string(row, 1, "合计", s.total_text)
    ws.write_blank(row, 2, None, s.total_text)
    ws.write_formula(row, 3, f"=SUM(D{first + 1}:D{last})", s.total_count, recipients)
    ws.write_formula(row, 4, f"=SUM(E{first + 1}:E{last})", s.total_money, money(total))
    if quotas:
        quota_total = sum(quotas, Decimal(0))
        ws.write_formula(row, 5, f"=SUM(F{first + 1}:F{last})", s.total_money, money(quota_total))
        ws.write_formula(row, 6, f"=SUM(G{first + 1}:G{last})", s.total_money,
                         money(sum((d.total - d.quota for d in status.districts if d.quota is not None), Decimal(0))))
    else:
        ws.write_blank(row, 5, None, s.total_money)
        ws.write_blank(row, 6, None, s.total_money)
    for c in (7, 8, 9):
        ws.write_blank(row, c, None, s.total_text)
    return row + 1


def _empty_total_row(ws, row: int, s) -> int:
    ws.write_string(row, 0, "", s.total_text)
    ws.write_string(row, 1, "合计", s.total_text)
    ws.write_blank(row, 2, None, s.total_text)
    ws.write_number(row, 3, 0, s.total_count)
    ws.write_number(row, 4, 0, s.total_money)
    for c in (5, 6):
        ws.write_blank(row, c, None, s.total_money)
    for c in (7, 8, 9):
        ws.write_blank(row, c, None, s.total_text)
    return row + 1
