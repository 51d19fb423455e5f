"""The round's part of the consolidated workbook: 报送情况 and 变更 (placed before 问题) and
the very hidden run record (placed last). workbook.py calls add_round_sheets() where the
sheets go, and .write() once the others are written."""

from __future__ import annotations

from xlfund.round.status import State
from xlfund.round.survey import Round
from xlfund.write.book import Styles
from xlfund.write.changes_sheet import CHANGES_SHEET, write_changes_sheet
from xlfund.write.formulas import DetailParts
from xlfund.write.run_record import write_run_record
from xlfund.write.status_sheet import STATUS_SHEET, write_status_sheet


class RoundStyles:
    """The workbook's styles, and the few the round's sheets add."""

    def __init__(self, book, base: Styles):
        self._base = base
        font = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        grid = {**font, "border": 1, "align": "center"}
        self.bold = book.add_format({**font, "bold": True})
        self.note = book.add_format({**font, "font_size": 10, "font_color": "#595959"})
        self.states = {
            State.SENT: book.add_format({**grid, "font_color": "#006100", "bg_color": "#C6EFCE"}),
            State.WARNINGS: book.add_format({**grid, "font_color": "#9C5700", "bg_color": "#FFEB9C"}),
            State.ERRORS: book.add_format({**grid, "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
            State.MISSING: book.add_format({**grid, "bold": True, "font_color": "#FFFFFF", "bg_color": "#C00000"}),
        }

    def __getattr__(self, name: str):
        return getattr(self._base, name)


class RoundSheets:
    def __init__(self, book, the_round: Round):
        self.book = book
        self.round = the_round
        self.status_ws = book.add_worksheet(STATUS_SHEET)
        self.changes_ws = book.add_worksheet(CHANGES_SHEET)

    def write(self, styles: Styles, parts: DetailParts) -> None:
        s = RoundStyles(self.book, styles)
        write_status_sheet(self.status_ws, self.round.status, parts, s, s.states)
        write_changes_sheet(self.changes_ws, self.round, s)
        write_run_record(self.book, self.round.record)


def add_round_sheets(book, the_round: Round | None) -> RoundSheets | None:
    return RoundSheets(book, the_round) if the_round is not None else None
