"""What changed since the last run: files new, changed, resubmitted or removed, and per
district the recipients added, removed or changed in amount. Pure: two run records in."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from xlfund.amounts import fen_to_wan
from xlfund.findings import money_text
from xlfund.model import FileStatus
from xlfund.round.record import DistrictUnits, FileFacts, RunRecord, Unit

READ = str(FileStatus.READ)


class FileChangeKind(StrEnum):
    NEW = "新报送"
    CHANGED = "已修改"
    RESUBMITTED = "重新报送"  # the same content under another name
    REMOVED = "已移除"


class UnitChangeKind(StrEnum):
    ADDED = "新增"
    REMOVED = "删除"
    AMOUNT = "金额变化"


@dataclass(frozen=True)
class FileChange:
    kind: FileChangeKind
    name: str
    before: FileFacts | None
    after: FileFacts | None
    other: str = ""  # resubmitted: the earlier file with the same content

    @property
    def counted(self) -> bool:
        return self.after is not None and self.after.status == READ

    @property
    def districts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*(self.before.districts if self.before else ()), *(self.after.districts if self.after else ())]))

    @property
    def amounts(self) -> tuple[int | None, int | None]:
        """(分 counted from it last time, 分 counted now); None where it was not counted."""
        return (_counted(self.before, "fen"), _counted(self.after, "fen"))

    @property
    def delta(self) -> tuple[int, int]:
        """(recipients, 分) this file adds to the consolidation against the last run."""
        return ((_counted(self.after, "recipients") or 0) - (_counted(self.before, "recipients") or 0),
                (_counted(self.after, "fen") or 0) - (_counted(self.before, "fen") or 0))


def _counted(facts: FileFacts | None, what: str) -> int | None:
    return getattr(facts, what) if facts is not None and facts.status == READ else None


@dataclass(frozen=True)
class UnitChange:
    district: str
    name: str
    kind: UnitChangeKind
    before: Unit | None
    after: Unit | None

    @property
    def delta_fen(self) -> int:
        return (self.after.fen if self.after else 0) - (self.before.fen if self.before else 0)


@dataclass(frozen=True)
class DistrictChange:
    district: str
    before: tuple[int, int]  # (recipient lines, 分)
    after: tuple[int, int]
    units: tuple[UnitChange, ...]

    @property
    def delta(self) -> tuple[int, int]:
        return (self.after[0] - self.before[0], self.after[1] - self.before[1])

    def delta_text(self) -> str:
        """“+2 个单位，+12.00 万元”."""
        return delta_text(*self.delta)


def delta_text(count: int, fen: int) -> str:
    """“+2 个单位，+12.00 万元”, “-1 个单位，-5.00 万元”, “±0 个单位，+1.00 万元”."""
    return f"{_sign(count)}{abs(count)} 个单位，{_sign(fen)}{money_text(fen_to_wan(abs(fen)))} 万元"


def _sign(n: int) -> str:
    return "+" if n > 0 else "-" if n < 0 else "±"


@dataclass(frozen=True)
class Changes:
    since: str  # when the earlier run was made
    files: tuple[FileChange, ...]
    districts: tuple[DistrictChange, ...]
    settings_changed: bool
    same: frozenset[str] = frozenset()  # districts whose lines are known unchanged (not compared one by one)

    @property
    def nothing(self) -> bool:
        return not self.files and not self.districts and not self.settings_changed


def compare(before: RunRecord, after: RunRecord, order: list[str] | tuple[str, ...] = ()) -> Changes:
    """The changes from `before` to `after`; districts in `order` first, then as they appear."""
    settings_changed = bool(before.settings_sha256 and after.settings_sha256 and before.settings_sha256 != after.settings_sha256)
    files = _file_changes(before, after)
    was, now = before.district_totals(), after.district_totals()
    # The same bytes read by the same reader with the same settings give the same lines: only the
    # districts of changed files (or totals that differ) need their recipients compared.
    if settings_changed or before.version != after.version:
        touched = set(was) | set(now)
    else:
        touched = {d for c in files for d in c.districts} | {d for d in set(was) | set(now) if was.get(d) != now.get(d)}
    districts = [d for d in dict.fromkeys([*order, *now, *was]) if d in touched]
    found = []
    for district in districts:
        units = _unit_changes(district, before.units(district), after.units(district))
        if units or was.get(district) != now.get(district):
            found.append(DistrictChange(district, was.get(district, (0, 0)), now.get(district, (0, 0)), tuple(units)))
    return Changes(before.made_at, tuple(files), tuple(found), settings_changed, frozenset(set(now) - touched))


def _file_changes(before: RunRecord, after: RunRecord) -> list[FileChange]:
    earlier = {f.name: f for f in before.files}
    now = {f.name: f for f in after.files}
    earlier_by_hash = {f.sha256: f.name for f in before.files if f.sha256}
    now_hashes = {f.sha256 for f in after.files if f.sha256}
    changes = []
    for facts in after.files:
        old = earlier.get(facts.name)
        if old is not None:
            if old.sha256 != facts.sha256:
                changes.append(FileChange(FileChangeKind.CHANGED, facts.name, old, facts))
        elif facts.sha256 in earlier_by_hash:
            twin = earlier_by_hash[facts.sha256]
            # Renamed (the earlier one gone): it carries the earlier figures; a copy beside it adds nothing.
            changes.append(FileChange(FileChangeKind.RESUBMITTED, facts.name, earlier[twin] if twin not in now else None,
                                      facts, other=twin))
        else:
            changes.append(FileChange(FileChangeKind.NEW, facts.name, None, facts))
    for facts in before.files:
        if facts.name not in now and not (facts.sha256 and facts.sha256 in now_hashes):
            changes.append(FileChange(FileChangeKind.REMOVED, facts.name, facts, None))
    return changes


def _unit_changes(district: str, was: DistrictUnits, now: DistrictUnits) -> list[UnitChange]:
    """Recipients added, then removed, then changed in amount (or in lines), each in list order."""
    added, removed, changed = [], [], []
    for name, fen in now.fen.items():
        old = was.fen.get(name)
        if old is None:
            added.append(UnitChange(district, name, UnitChangeKind.ADDED, None, now.unit(name)))
        elif old != fen or was.lines.get(name, 1) != now.lines.get(name, 1):
            changed.append(UnitChange(district, name, UnitChangeKind.AMOUNT, was.unit(name), now.unit(name)))
    for name in was.fen:
        if name not in now.fen:
            removed.append(UnitChange(district, name, UnitChangeKind.REMOVED, was.unit(name), None))
    return added + removed + changed


def file_note(change: FileChange) -> str:
    """A file's change in words, on 变更 and in the terminal."""
    if change.kind is FileChangeKind.RESUBMITTED:
        if change.before is None:
            return f"与上次的“{change.other}”内容完全相同，" + ("未重复计入" if not change.counted else "按一份计入")
        return f"即上次的“{change.other}”（改了文件名，内容相同）"
    return delta_text(*change.delta)


def headline(changes: Changes) -> str:
    """“文件：新报送 1 个，已修改 1 个；设置文件已修改”, or that nothing changed."""
    if changes.nothing:
        return "与上次汇总相比没有变化"
    counts = {kind: sum(1 for f in changes.files if f.kind is kind) for kind in FileChangeKind}
    parts = [f"{kind} {n} 个" for kind, n in counts.items() if n]
    text = ("文件：" + "，".join(parts)) if parts else "文件没有变化"
    if changes.districts:
        text += f"；{len(changes.districts)} 个区县的数据有变化"
    if changes.settings_changed:
        text += "；设置文件已修改"
    return text
