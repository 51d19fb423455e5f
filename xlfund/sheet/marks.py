"""Marks that change what a line means although its cells look like any other recipient's:
a 备注 (or 状态) saying the grant was cancelled, returned or withheld, a line struck through,
a hidden row. Value readers show none of this; each is a finding at its cell, saying whether
the line was counted.

cancelled (备注 with 取消, 作废, 退回, 放弃, 暂缓, 不予, 收回, 撤销), struck and hidden lines are
not counted: the submitter took them out of the list without deleting them; the sheet's own
合计 then shows whether it agrees (a SUM over hidden rows counts them: the mismatch is an
error of its own, naming the rows), so either way nothing is summed or dropped silently.
"""

from __future__ import annotations

import re

from xlfund import vocab
from xlfund.amounts import normalise_text
from xlfund.sheet.cells import cell_text

STRUCK, HIDDEN = "struck", "hidden"

_CANCELLED = re.compile("(" + "|".join(vocab.CANCEL_WORDS) + ")")
# Columns whose words may say what became of a line (besides the 备注 the header names).
_STATUS_LABEL = re.compile("|".join(vocab.STATUS_LABEL_WORDS))


def status_columns(labels: tuple[str, ...], remark: int | None) -> tuple[int, ...]:
    """The 备注 column and any column whose label says it holds a status."""
    cols = {c for c, label in enumerate(labels) if label and _STATUS_LABEL.search(normalise_text(label))}
    if remark is not None:
        cols.add(remark)
    return tuple(sorted(cols))


def cancel_word(text: str) -> str | None:
    """The word in a status text that says the grant did not happen ("已取消" -> "取消")."""
    match = _CANCELLED.search(text)
    return match.group(1) if match else None


def cancel_reading(text: str) -> tuple[str, str] | None:
    """What a status text says of its line: ("cancelled", word) when it plainly says the grant
    did not happen ("已取消", "资金退回"), ("unclear", word) when a longer text names a cancel word
    with nothing that limits it, None when it cancels nothing ("已拨付50%", "余款暂缓拨付")."""
    word = cancel_word(text)
    if word is None:
        return None
    plain = normalise_text(text).replace(" ", "")
    if any(q in plain for q in vocab.CANCEL_QUALIFIERS):
        return None
    return ("cancelled" if len(plain) <= vocab.CANCEL_PLAIN_LENGTH else "unclear"), word


def not_given(row: list[object], mark: str | None, status_cols: tuple[int, ...], name_col: int) -> tuple[str, int, dict] | None:
    """(finding code, column, parameters) when a line is struck through or its status says the
    grant did not happen; None for a line that counts."""
    if mark == STRUCK:
        return "line-struck", name_col, {}
    if mark == HIDDEN:
        return "line-hidden", name_col, {}
    for c in status_cols:
        raw = row[c] if c < len(row) else None
        if raw is None or raw == "":
            continue  # most 备注 cells: nothing to read
        text = cell_text(raw)
        reading = cancel_reading(text) if text else None
        if reading:
            how, word = reading
            return ("line-cancelled" if how == "cancelled" else "line-status-unclear"), c, {"text": text, "word": word}
    return None
