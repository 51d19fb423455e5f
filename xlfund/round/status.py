"""Who has sent: one line per district (已报 / 未报 / 有错误 / 有警告), its files and their
times, recipients and amount against its quota.

A district's state counts only the problems that go back to it (round.advice): a copy of its
file put twice into the folder, or the fund's cap, are the clerk's own business.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from xlfund.amounts import fen_to_wan
from xlfund.findings import ERROR, WARNING
from xlfund.model import Consolidation, FileRead, FileStatus
from xlfund.round.advice import goes_back
from xlfund.round.owners import Owners, Sender
from xlfund.round.versions import Overlap
from xlfund.sheet.district import UNDETERMINED


class State(StrEnum):
    """Where a district stands (the value is what the clerk reads)."""

    SENT = "已报"
    ERRORS = "有错误"
    WARNINGS = "有警告"
    MISSING = "未报"


@dataclass(frozen=True)
class Stamp:
    """What the file system says of a file: its size and last modified time."""

    size: int = 0
    modified: dt.datetime | None = None


@dataclass(frozen=True)
class SentFile:
    """One file as part of a district's submission (a city-wide file: that district's part)."""

    name: str
    status: FileStatus
    counted: bool
    recipients: int
    fen: int
    stamp: Stamp
    note: str  # counted or not, and why
    errors: int = 0
    warnings: int = 0

    @property
    def total(self) -> Decimal:
        return fen_to_wan(self.fen)

    @property
    def when(self) -> str:
        """Its modified time as the clerk reads it (2025-03-05 09:12), or ""."""
        return f"{self.stamp.modified:%Y-%m-%d %H:%M}" if self.stamp.modified else ""

    @property
    def described(self) -> str:
        """Whether it is counted, and its problems: “已计入（1 个错误）”."""
        problems = "，".join(x for x in (f"{self.errors} 个错误" if self.errors else "",
                                         f"{self.warnings} 个警告" if self.warnings else "") if x)
        return self.note + (f"（{problems}）" if problems else "")


@dataclass(frozen=True)
class DistrictStatus:
    district: str
    state: State
    listed: bool  # in the settings' list of districts
    recipients: int
    total: Decimal
    quota: Decimal | None
    files: tuple[SentFile, ...]
    errors: int = 0
    warnings: int = 0


@dataclass(frozen=True)
class RoundStatus:
    title: str
    made_at: dt.datetime
    districts: tuple[DistrictStatus, ...]
    others: tuple[SentFile, ...]  # files no one district sent: city-wide, or whose district is unknown
    has_errors: bool  # any error of the run, the whole fund's included

    @property
    def listed(self) -> list[DistrictStatus]:
        return [d for d in self.districts if d.listed]

    @property
    def missing(self) -> list[str]:
        return [d.district for d in self.listed if d.state is State.MISSING]

    @property
    def ready(self) -> bool:
        """Every district has sent and nothing is wrong: the figures can be final."""
        return not self.missing and not self.has_errors

    def summary(self) -> str:
        """“4 个区县：3 个已报，1 个未报（安化县）”, and who has errors or warnings."""
        listed, missing = self.listed, self.missing
        text = f"{len(listed)} 个区县：" + (
            f"{len(listed) - len(missing)} 个已报，{len(missing)} 个未报（{'、'.join(missing)}）" if missing else "全部已报")
        for state in (State.ERRORS, State.WARNINGS):
            names = [d.district for d in listed if d.state is state]
            if names:
                text += f"；{len(names)} 个{state}（{'、'.join(names)}）"
        return text


def round_status(result: Consolidation, owners: Owners, stamps: dict[str, Stamp], found: list[Overlap]) -> RoundStatus:
    """Each district's state, files and figures; the files no one district sent."""
    by_sender: Counter[tuple[Sender, str]] = Counter()
    by_file: Counter[tuple[Sender, str, str]] = Counter()
    for item in result.findings:
        sender = owners.of_finding(item) if goes_back(item) else None
        if sender is not None:
            by_sender[sender, item.severity] += 1
            by_file[sender, item.file, item.severity] += 1
    attached, others = _attach_files(result, owners, stamps, found, by_file)
    totals = result.district_totals()
    known = result.settings.known_districts()
    districts = []
    for district in result.districts:
        count, total = totals.get(district, (0, Decimal(0)))
        files = tuple(attached.get(district, ()))
        sender = Sender(district=district)
        errors, warnings = by_sender[sender, ERROR], by_sender[sender, WARNING]
        if district == UNDETERMINED:
            errors = max(errors, 1)  # its lines are errors where they are (district-undetermined, -invalid)
        state = (State.MISSING if not files else State.ERRORS if errors else State.WARNINGS if warnings else State.SENT)
        listed = district in known if known else district != UNDETERMINED
        districts.append(DistrictStatus(district, state, listed, count, total, result.settings.quotas.get(district),
                                        files, errors, warnings))
    return RoundStatus(result.settings.title, result.made_at, tuple(districts), tuple(others), result.has_errors)


def _attach_files(result: Consolidation, owners: Owners, stamps: dict[str, Stamp], found: list[Overlap],
                  by_file: Counter) -> tuple[dict[str, list[SentFile]], list[SentFile]]:
    """district -> its files (a city-wide file under each district it covers); files of no district."""
    returned_blank = {f.file for f in result.findings if f.code == "form-empty"}
    shared = {}
    for o in found:
        shared[o.district, o.file] = (o.other, o.count)
        shared[o.district, o.other] = (o.file, o.count)
    attached: dict[str, list[SentFile]] = {}
    others: list[SentFile] = []
    for report in result.files:
        if report.status is FileStatus.EXPANDED or (report.status is FileStatus.SKIPPED and report.name not in returned_blank):
            continue  # an archive (its members are listed), or not a submission (lock file, our own output…)
        parts = {d: p for d, p in owners.parts.get(report.name, {}).items()}
        sender = owners.sender.get(report.name, "")
        stamp = stamps.get(report.name, Stamp())
        whose = [sender] if sender else [d for d in parts if d != UNDETERMINED]
        if UNDETERMINED in parts:
            whose.append(UNDETERMINED)
        for district in whose:
            count, fen = parts.get(district, (0, 0))
            who = Sender(district=district) if district != UNDETERMINED else owners.of_file(report.name)
            note = _note(report, count, owners, shared.get((district, report.name)), city=not sender and district != UNDETERMINED)
            attached.setdefault(district, []).append(SentFile(
                report.name, report.status, report.status is FileStatus.READ and count > 0, count, fen, stamp, note,
                by_file[who, report.name, ERROR], by_file[who, report.name, WARNING]))
        if not sender:
            count, fen = sum(p[0] for p in parts.values()), sum(p[1] for p in parts.values())
            who = owners.of_file(report.name)
            others.append(SentFile(report.name, report.status, report.status is FileStatus.READ and count > 0, count, fen,
                                   stamp, _note(report, count, owners, None, city=len(parts) > 1),
                                   by_file[who, report.name, ERROR], by_file[who, report.name, WARNING]))
    return attached, others


def _note(report: FileRead, count: int, owners: Owners, shared: tuple[str, int] | None, city: bool) -> str:
    """Whether the file is counted, and why not."""
    if report.status is FileStatus.DUPLICATE:
        return f"未计入：与“{owners.twin.get(report.name, '')}”内容相同" if report.name in owners.twin else "未计入：重复的文件"
    if report.status is FileStatus.UNREADABLE:
        return "无法读取，未计入"
    if report.status is FileStatus.SKIPPED:
        return "空白表，未计入"
    if count == 0:
        return "没有可计入的单位"
    note = "已计入（多个区县的文件）" if city else "已计入"
    if shared is not None:
        note += f"；与“{shared[0]}”有 {shared[1]} 个相同单位（两个文件都计入，疑似新旧版本）"
    return note
