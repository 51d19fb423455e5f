"""The main job as a library call: a folder in, a Consolidation out (nothing written)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from xlfund import readers
from xlfund.discover import Candidate, discover, skip_reason
from xlfund.findings import Finding, finding, has_errors, sort_findings
from xlfund.layout import Record, RowCounts, SheetContext, StatedTotal, read_sheet
from xlfund.reconcile import Check, district_totals, ordered_districts, reconcile
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

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.records), Decimal(0))

    @property
    def remaining(self) -> Decimal | None:
        return None if self.settings.cap is None else self.settings.cap - self.total

    @property
    def districts(self) -> list[str]:
        return ordered_districts(self.records, self.settings)

    def district_totals(self) -> dict[str, tuple[int, Decimal]]:
        return district_totals(self.records)

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
    files: list[FileReport] = []
    seen_hashes: dict[str, str] = {}
    readable = 0
    for index, candidate in enumerate(candidates, start=1):
        if on_file:
            on_file(candidate.display, index, len(candidates))
        report = FileReport(candidate.display)
        files.append(report)
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
        del data
        if report.sha256 in seen_hashes:
            report.status, report.note = "重复", f"与 {seen_hashes[report.sha256]} 相同"
            findings.append(finding("file-duplicate", candidate.display, other=seen_hashes[report.sha256]))
            continue
        file_records, file_stated, file_findings = _read_one(candidate.path, candidate.display, settings, report)
        if report.status != "已跳过":
            seen_hashes[report.sha256] = candidate.display
        findings += file_findings
        if report.status == "已读取":
            readable += 1
            records += file_records
            stated += file_stated
    if readable == 0 and not any(f.status == "无法读取" for f in files):
        raise NothingToDo(f"文件夹“{folder}”中没有可读取的表格（.xlsx/.xlsm/.xls/.csv）")
    # Records stay in the order they were read (file, sheet, row): the lines under each
    # stated total are then one block of the detail list (see workbook.stated_spans).
    checks, reconcile_findings = reconcile(records, stated, settings)
    findings += reconcile_findings
    return Consolidation(
        folder=folder, settings=settings, records=records, stated=stated, checks=checks,
        findings=sort_findings(findings), files=files, made_at=dt.datetime.now().replace(microsecond=0),
    )


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
