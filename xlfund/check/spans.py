"""Which detail lines a stated 合计/小计 covers: the one answer reconcile and the 对账 formulas share."""

from __future__ import annotations

from xlfund.model import Record, StatedTotal


def stated_spans(records: list[Record], stated: list[StatedTotal]) -> dict[tuple[str, str, int], tuple[int, int]]:
    """Each stated total (file, sheet, row) -> the first and last detail positions it covers.

    Records keep the order they were read in (file, sheet, row), so the lines under one 合计
    or 小计 are one contiguous block of the detail list: the check is a plain SUM over it.
    A total that covers no line is absent.
    """
    by_sheet: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for position, record in enumerate(records):
        by_sheet.setdefault((record.file, record.sheet), []).append((record.row, position))
    spans = {}
    for total in stated:
        covered = [p for row, p in by_sheet.get((total.file, total.sheet), []) if total.first_row <= row <= total.last_row]
        if covered:
            spans[(total.file, total.sheet, total.row)] = (covered[0], covered[-1])
    return spans
