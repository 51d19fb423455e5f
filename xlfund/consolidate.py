"""The main job as a library call: a folder in, a Consolidation out (nothing written)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from xlfund import file_pool, readers
from xlfund.discover import Candidate, discover, skip_reason
from xlfund.findings import Finding, finding, has_errors, sort_findings
from xlfund.layout import Record, RowCounts, SheetContext, StatedTotal, read_sheet
from xlfund.reconcile import Check, district_totals, ordered_districts, reconcile, totals_by
from xlfund.settings import Settings


class NothingToDo(Exception):
    """No output can be made (exit 2); the message is Chinese."""


@dataclass
class SheetReport:
    name: str
    counts: RowCounts
    note: str = ""


@dataclass
class FileReport:
    name: str
    sha256: str = ""
    status: str = "已读取"  # 已读取 / 已跳过 / 无法读取 / 重复
    note: str = ""
    sheets: list[SheetReport] = field(default_factory=list)

    @property
    def counts(self) -> RowCounts:
        total = RowCounts()
        for sheet in self.sheets:
            total.add(sheet.counts)
        return total


@dataclass
class Consolidation:
    folder: Path
    settings: Settings
    records: list[Record]
    stated: list[StatedTotal]
    checks: list[Check]
    findings: list[Finding]
    files: list[FileReport]
    made_at: dt.datetime
    groups: dict[str, dict[str, tuple[int, Decimal]]] = field(default_factory=dict, repr=False)  # see totals_by

    @property
    def total(self) -> Decimal:
        return sum((amount for _count, amount in self.district_totals().values()), Decimal(0))

    @property
    def remaining(self) -> Decimal | None:
        return None if self.settings.cap is None else self.settings.cap - self.total

    @property
    def districts(self) -> list[str]:
        return ordered_districts(self.district_totals(), self.settings)

    def totals_by(self, field_name: str) -> dict[str, tuple[int, Decimal]]:
        """(recipients, amount) per value of a record field (district, category, use, file); each made once."""
        if field_name not in self.groups:
            self.groups[field_name] = totals_by(self.records, field_name)
        return self.groups[field_name]

    def district_totals(self) -> dict[str, tuple[int, Decimal]]:
        return self.totals_by("district")

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)


def consolidate(folder: Path, settings: Settings, on_file: Callable[[str, int, int], None] | None = None) -> Consolidation:
    """Read every submission in `folder`, reconcile, and return the result with all findings."""
    if not folder.is_dir():
        raise NothingToDo(f"找不到文件夹：{folder}")
    return consolidate_candidates(folder, discover(folder), settings, on_file)


def check_files(paths: list[Path], settings: Settings) -> Consolidation:
    """The same reading and rules for a few files, before a district sends them (nothing written).

    Fund-level checks (cap, plan, quotas, the district list, the target) belong to the
    consolidation, not to one district's file, so they are left out here.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise NothingToDo("找不到文件：" + "、".join(missing))
    file_settings = replace(settings, cap=None, plan=None, quotas={}, districts=(), target_recipients=None)
    candidates: list[Candidate] = []
    for path in paths:
        if path.is_dir():  # a folder: every file in it, as consolidate would see them
            candidates += [replace(c, display=f"{path.name}/{c.display}") for c in discover(path)]
        else:
            candidates.append(Candidate(path, path.name, skip_reason(path.name)))
    if not candidates:
        raise NothingToDo("没有可检查的文件")
    return consolidate_candidates(Path.cwd(), candidates, file_settings, None)


def consolidate_candidates(folder: Path, candidates: list[Candidate], settings: Settings, on_file: Callable[[str, int, int], None] | None) -> Consolidation:
    records: list[Record] = []
    stated: list[StatedTotal] = []
    findings: list[Finding] = []
    files = [FileReport(candidate.display) for candidate in candidates]
    jobs = _reading_jobs(candidates, files, findings, settings)
    readable = 0
    sizes = [job.size for job in jobs]
    for done, outcome in enumerate(file_pool.read_in_order(jobs, _read_job, _crashed, file_pool.worker_count(sizes), sizes), start=1):
        if on_file:
            on_file(outcome.report.name, done, len(jobs))
        files[outcome.index] = outcome.report
        findings += outcome.findings
        if outcome.report.status == "已读取":
            readable += 1
            records += outcome.records
            stated += outcome.stated
    if readable == 0 and not any(f.status == "无法读取" for f in files):
        raise NothingToDo(f"文件夹“{folder}”中没有可读取的表格（.xlsx/.xlsm/.xls/.csv）")
    # Records stay in the order they were read (file, sheet, row): the lines under each
    # stated total are then one block of the detail list (see workbook.stated_spans).
    by_district = district_totals(records)
    checks, reconcile_findings = reconcile(records, stated, settings, by_district)
    findings += reconcile_findings
    return Consolidation(
        folder=folder, settings=settings, records=records, stated=stated, checks=checks,
        findings=sort_findings(findings), files=files, made_at=dt.datetime.now().replace(microsecond=0),
        groups={"district": by_district},
    )


@dataclass(frozen=True)
class _Job:
    """One file to read (sent to a worker process, so plain data)."""

    index: int  # its place among the candidates
    path: Path
    display: str
    size: int
    settings: Settings
    report: FileReport


@dataclass
class _Outcome:
    index: int
    report: FileReport
    records: list[Record]
    stated: list[StatedTotal]
    findings: list[Finding]


def _reading_jobs(candidates: list[Candidate], files: list[FileReport], findings: list[Finding], settings: Settings) -> list[_Job]:
    """The files to read: skipped names, unopenable files and identical copies are settled here."""
    jobs: list[_Job] = []
    seen_hashes: dict[str, str] = {}
    for index, (candidate, report) in enumerate(zip(candidates, files, strict=True)):
        if candidate.skip_reason:
            report.status, report.note = "已跳过", candidate.skip_reason
            findings.append(finding("file-skipped", candidate.display, reason=candidate.skip_reason))
            continue
        try:
            data = candidate.path.read_bytes()
        except OSError as exc:
            report.status, report.note = "无法读取", str(exc)
            findings.append(finding("file-unreadable", candidate.display, reason=f"无法打开（{exc.strerror or exc}）"))
            continue
        report.sha256 = hashlib.sha256(data).hexdigest()
        if report.sha256 in seen_hashes:
            report.status, report.note = "重复", f"与 {seen_hashes[report.sha256]} 相同"
            findings.append(finding("file-duplicate", candidate.display, other=seen_hashes[report.sha256]))
            continue
        seen_hashes[report.sha256] = candidate.display
        jobs.append(_Job(index, candidate.path, candidate.display, len(data), settings, report))
    return jobs


def _read_job(job: _Job) -> _Outcome:
    records, stated, findings = _read_one(job.path, job.display, job.settings, job.report)
    return _Outcome(job.index, job.report, records, stated, findings)


def _crashed(job: _Job) -> _Outcome:
    """The file whose reading ended the worker process outright."""
    found = finding("file-unreadable", job.display, reason="读取时程序异常退出，文件可能已损坏")
    job.report.status, job.report.note = "无法读取", found.message
    return _Outcome(job.index, job.report, [], [], [found])


def _read_one(path: Path, display: str, settings: Settings, report: FileReport) -> tuple[list[Record], list[StatedTotal], list[Finding]]:
    try:
        content = readers.read_file(path)
    except readers.ReadError as exc:
        found = finding(exc.code, display, **exc.details)
        report.status = "已跳过" if exc.code == "file-skipped" else "无法读取"
        report.note = found.message
        return [], [], [found]
    records: list[Record] = []
    stated: list[StatedTotal] = []
    findings: list[Finding] = []
    actual = content.renamed(path.suffix)
    if actual:
        findings.append(finding("file-renamed-format", display, ext=path.suffix, actual=actual))
    ctx = SheetContext(
        file=display, file_stem=path.stem, known_districts=settings.known_districts(),
        default_unit=settings.default_unit, categories=tuple(settings.categories.items()),
    )
    for grid in content.sheets:
        if grid.hidden:
            findings.append(finding("sheet-skipped", display, grid.name, reason="隐藏的工作表"))
            report.sheets.append(SheetReport(grid.name, RowCounts(), "隐藏，已跳过"))
            continue
        if not grid.special and not any(any(v not in (None, "") for v in row) for row in grid.rows):
            findings.append(finding("sheet-skipped", display, grid.name, reason="空白工作表"))
            report.sheets.append(SheetReport(grid.name, RowCounts(read=len(grid.rows), blank=len(grid.rows)), "空白，已跳过"))
            continue
        result = read_sheet(grid.rows, grid.merged, grid.name, ctx, grid.special)
        records += result.records
        stated += result.totals
        findings += result.findings
        report.sheets.append(SheetReport(grid.name, result.counts))
    return records, stated, findings
