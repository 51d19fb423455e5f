"""Nothing lost, checked from outside the reader: every row that holds anything must have been
given a kind other than blank. The row counts are made from the reader's own kinds, so they
balance by construction; this looks at the cells themselves, apart from the classifier."""

from __future__ import annotations

from xlfund.findings import Finding, Place, finding, rows_listed
from xlfund.model import RowKind, SheetResult, count_kinds

SHOWN_ROWS = 10


def filled(row: list[object]) -> bool:
    """Anything at all in the row: a value, an unreadable cell, text that is not only spaces."""
    return any(v is not None and str(v).strip() for v in row)


def account_for_rows(rows: list[list[object]], result: SheetResult, file: str) -> list[Finding]:
    """Rows with content that the reader left blank (or never reached) become rejected rows,
    named in one error; the sheet's kinds and counts are corrected to match."""
    layout = result.layout
    kinds = list(layout.kinds) if layout is not None else []
    kinds += [RowKind.BLANK] * (len(rows) - len(kinds))
    lost = [r for r, row in enumerate(rows) if kinds[r] == RowKind.BLANK and filled(row)]
    if not lost:
        return []
    for r in lost:
        kinds[r] = RowKind.REJECTED
    if layout is not None:
        layout.kinds = "".join(kinds)
    result.counts = count_kinds("".join(kinds))
    shown = rows_listed([r + 1 for r in lost], SHOWN_ROWS)
    return [finding("rows-unaccounted", Place(file, result.sheet, lost[0] + 1), count=len(lost), rows=shown)]
