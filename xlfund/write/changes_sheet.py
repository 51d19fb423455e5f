"""The 变更 sheet: what changed since the earlier run (files, then districts, then recipients),
or why no earlier run is known. Written in row order."""

from __future__ import annotations

from xlfund.amounts import fen_to_wan
from xlfund.round.changes import Changes, file_note, headline
from xlfund.round.survey import Round
from xlfund.write.book import money, page_setup, write_text
from xlfund.write.wrap import wrapped_height

CHANGES_SHEET = "变更"
WIDTHS = [10, 34, 12, 17, 13, 13, 13, 44]
NOTE_WIDTH = WIDTHS[7]
MAX_UNIT_ROWS = 5_000  # recipients listed; a whole new list is in 明细 anyway
FILE_HEADS = ["变化", "文件", "区县", "修改时间", "上次金额", "本次金额", "增减", "说明"]
DISTRICT_HEADS = ["区县", "变化", "上次单位数", "本次单位数", "上次金额", "本次金额", "增减", "说明"]
UNIT_HEADS = ["区县", "单位名称", "变化", "出现次数", "上次金额", "本次金额", "增减"]


def write_changes_sheet(ws, the_round: Round, s) -> None:
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    ws.merge_range(0, 0, 0, len(WIDTHS) - 1, f"{the_round.status.title}变更（与上次汇总相比）", s.title)
    changes = the_round.changes
    now = f"{the_round.status.made_at:%Y-%m-%d %H:%M}"
    if changes is None:
        ws.write_string(1, 0, f"本次汇总：{now}", s.subtitle)
        ws.write_string(3, 0, f"{the_round.earlier}，本次不列变更。下次写到同一个汇总表时，这里列出与本次相比的变化。", s.bold)
        page_setup(ws, landscape=True, repeat_row=None)
        return
    ws.write_string(1, 0, f"上次汇总：{changes.since[:16]}　　本次汇总：{now}　　金额单位：万元", s.subtitle)
    ws.write_string(2, 0, headline(changes), s.bold)
    row = 4
    if changes.files:
        row = _files(ws, row, changes, s)
    if changes.districts:
        row = _districts(ws, row, changes, s)
        _units(ws, row, changes, s)
    page_setup(ws, landscape=True, repeat_row=None)


def _heads(ws, row: int, title: str, heads: list[str], s) -> int:
    ws.write_string(row, 0, title, s.bold)
    for c, head in enumerate(heads):
        ws.write_string(row + 1, c, head, s.head)
    return row + 2


def _amounts(ws, row: int, before: int | None, after: int | None, s) -> None:
    """上次, 本次 and their difference as a formula (a blank side counts as 0)."""
    for c, fen in ((4, before), (5, after)):
        if fen is None:
            ws.write_blank(row, c, None, s.money)
        else:
            ws.write_number(row, c, money(fen_to_wan(fen)), s.money)
    r1 = row + 1
    ws.write_formula(row, 6, f"=N(F{r1})-N(E{r1})", s.money, money(fen_to_wan((after or 0) - (before or 0))))


def _note(ws, row: int, text: str, s) -> None:
    height = wrapped_height([(text, NOTE_WIDTH)])
    if height:
        ws.set_row(row, height)
    write_text(ws, row, 7, text, s.wrap)


def _files(ws, row: int, changes: Changes, s) -> int:
    row = _heads(ws, row, "一、文件", FILE_HEADS, s)
    for change in changes.files:
        facts = change.after or change.before
        note = file_note(change)
        _note(ws, row, note, s)
        ws.write_string(row, 0, str(change.kind), s.center)
        write_text(ws, row, 1, change.name, s.text)
        write_text(ws, row, 2, "、".join(change.districts), s.text)
        write_text(ws, row, 3, facts.modified[:16] if facts else "", s.center)
        _amounts(ws, row, *change.amounts, s)
        row += 1
    return row + 1


def _districts(ws, row: int, changes: Changes, s) -> int:
    row = _heads(ws, row, "二、区县", DISTRICT_HEADS, s)
    for change in changes.districts:
        kinds = {}
        for unit in change.units:
            kinds[unit.kind] = kinds.get(unit.kind, 0) + 1
        note = "，".join(f"{kind} {n} 个单位" for kind, n in kinds.items())
        _note(ws, row, note, s)
        write_text(ws, row, 0, change.district, s.text)
        ws.write_string(row, 1, change.delta_text(), s.text)
        ws.write_number(row, 2, change.before[0], s.count)
        ws.write_number(row, 3, change.after[0], s.count)
        _amounts(ws, row, change.before[1], change.after[1], s)
        row += 1
    return row + 1


def _units(ws, row: int, changes: Changes, s) -> int:
    row = _heads(ws, row, "三、单位", UNIT_HEADS, s)
    units = [u for d in changes.districts for u in d.units]
    for unit in units[:MAX_UNIT_ROWS]:
        write_text(ws, row, 0, unit.district, s.text)
        write_text(ws, row, 1, unit.name, s.text)
        ws.write_string(row, 2, str(unit.kind), s.center)
        lines = [u.lines for u in (unit.before, unit.after) if u is not None]
        ws.write_string(row, 3, " → ".join(map(str, lines)) if len(set(lines)) > 1 else str(lines[0]), s.center)
        _amounts(ws, row, unit.before.fen if unit.before else None, unit.after.fen if unit.after else None, s)
        row += 1
    if len(units) > MAX_UNIT_ROWS:
        ws.write_string(row, 0, f"……另有 {len(units) - MAX_UNIT_ROWS:,} 个单位的变化未列出（本次的全部单位见“明细”表）", s.subtitle)
        row += 1
    return row
