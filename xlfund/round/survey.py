"""The round at one run: the status of every district, what this run read, and the changes
since the earlier run when one is known."""

from __future__ import annotations

from dataclasses import dataclass

from xlfund.model import Consolidation
from xlfund.round.changes import Changes, compare
from xlfund.round.owners import Owners
from xlfund.round.record import RecordError, RunRecord, build_record, keep_packed
from xlfund.round.status import RoundStatus, Stamp, round_status
from xlfund.round.versions import overlaps


@dataclass
class Round:
    status: RoundStatus
    record: RunRecord
    changes: Changes | None  # None: no earlier run known
    earlier: str  # the earlier run's output, or why none is known (Chinese)


def survey(result: Consolidation, stamps: dict[str, Stamp], earlier: RunRecord | None = None, earlier_note: str = "",
           settings_sha256: str = "") -> Round:
    owners = Owners(result)
    status = round_status(result, owners, stamps, overlaps(result.records, owners.parts))
    record = build_record(result, stamps, settings_sha256, owners)
    changes = None
    if earlier is not None:
        try:
            changes = compare(earlier, record, result.districts)
            keep_packed(record, earlier, changes.same)
        except RecordError as exc:  # a district's lines damaged: found only when they are needed
            earlier_note = f"上次的运行记录无法使用（{exc}）"
    return Round(status, record, changes, earlier_note)
