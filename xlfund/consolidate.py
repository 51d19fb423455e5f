"""The main job as a library call: a folder in, a Consolidation out (nothing written)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from xlfund.check.reconcile import reconcile
from xlfund.errors import NothingToDo
from xlfund.findings import Finding, Place, finding, sort_findings
from xlfund.limits import MAX_FINDINGS_PER_FILE, MAX_INPUT_FILE_BYTES, size_text
from xlfund.model import Consolidation, FileRead, FileStatus, Record, StatedTotal, in_district_order, totals_by
from xlfund.read import file_pool
from xlfund.read.archives import expand_archives
from xlfund.read.discover import Candidate, candidate_for, discover, readable_path
from xlfund.settings import Settings
from xlfund.submission import read_submission


def consolidate(folder: Path, settings: Settings, on_file: Callable[[str, int, int], None] | None = None) -> Consolidation:
    """Read every submission in `folder`, reconcile, and return the result with all findings."""
    if not folder.is_dir():
        raise NothingToDo(f"找不到文件夹：{folder}")
    return consolidate_candidates(folder, discover(folder), settings, on_file)


def check_files(paths: list[Path], settings: Settings) -> Consolidation:
    """The same reading and rules for a few files, before a district sends them (nothing written).

    Every line is checked as strictly as in the consolidation (the cap bounds each line); the
    fund-level checks (total against cap, plan, quotas, the district list, the target) belong
    to the consolidation, not to one district's file, so they are left out here.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise NothingToDo("找不到文件：" + "、".join(missing))
    candidates: list[Candidate] = []
    for path in paths:
        if path.is_dir():  # a folder: every file in it, as consolidate would see them
            candidates += [replace(c, display=f"{path.name}/{c.display}") for c in discover(path)]
        else:
            display, encoding = readable_path((path.name,))
            candidates.append(replace(candidate_for(path, display), name_encoding=encoding))
    if not candidates:
        raise NothingToDo("没有可检查的文件")
    named = paths[0] if len(paths) == 1 and paths[0].is_dir() else Path.cwd()  # the folder an exit 2 names
    return consolidate_candidates(named, candidates, settings, None, whole_fund=False)


def consolidate_candidates(folder: Path, candidates: list[Candidate], settings: Settings, on_file: Callable[[str, int, int], None] | None,
                           whole_fund: bool = True) -> Consolidation:
    with tempfile.TemporaryDirectory(prefix="xlfund-zip-") as workdir:
        return _consolidate(folder, candidates, settings, on_file, Path(workdir), whole_fund)


def _consolidate(folder: Path, candidates: list[Candidate], settings: Settings, on_file: Callable[[str, int, int], None] | None,
                 workdir: Path, whole_fund: bool) -> Consolidation:
    records: list[Record] = []
    stated: list[StatedTotal] = []
    findings: list[Finding] = []
    expanded = expand_archives(candidates, workdir)
    files = [FileRead(candidate.display) for candidate in expanded.candidates]
    for display, note in expanded.archives.items():
        files.append(FileRead(display, status=FileStatus.EXPANDED, note=note))
    for display, code, details in expanded.refused:
        found = finding(code, Place(display), **details)
        files.append(FileRead(display, status=FileStatus.UNREADABLE, note=found.message))
        findings.append(found)
    candidates = expanded.candidates
    jobs = _reading_jobs(candidates, files[: len(candidates)], findings, settings)
    readable = 0
    sizes = [job.size for job in jobs]
    reading = file_pool.read_in_order(jobs, _read_job, _crashed, file_pool.worker_count(sizes), sizes)
    with contextlib.closing(reading) as outcomes:  # the workers stop however this loop ends (Ctrl-C)
        for done, outcome in enumerate(outcomes, start=1):
            if on_file:
                on_file(outcome.report.name, done, len(jobs))
            files[outcome.index] = outcome.report
            findings += outcome.findings
            if outcome.report.status is FileStatus.READ:
                readable += 1
                records += outcome.records
                stated += outcome.stated
    if readable == 0:
        raise NothingToDo(_nothing_read(folder, files))
    # The detail follows the settings' district order, as every table does; each sheet's
    # lines stay one block in the order read, so the lines under each stated total are one
    # block of the detail list (see check.spans).
    records = in_district_order(records, settings.known_districts())
    by_district = totals_by(records, "district")
    with_purpose = frozenset((f.name, sh.name) for f in files for sh in f.sheets if sh.layout and "purpose" in sh.layout.columns)
    checks, reconcile_findings = reconcile(records, stated, settings, by_district, with_purpose, whole_fund)
    findings += settings.warnings
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
    report: FileRead


@dataclass
class _Outcome:
    index: int
    report: FileRead
    records: list[Record]
    stated: list[StatedTotal]
    findings: list[Finding]


def _reading_jobs(candidates: list[Candidate], files: list[FileRead], findings: list[Finding], settings: Settings) -> list[_Job]:
    """The files to read: skipped names, unopenable files and identical copies are settled here."""
    jobs: list[_Job] = []
    seen_hashes: dict[str, str] = {}
    for index, (candidate, report) in enumerate(zip(candidates, files, strict=True)):
        if candidate.name_encoding:
            findings.append(finding("file-name-encoding", Place(candidate.display), encoding=candidate.name_encoding, shown=Path(candidate.display).name))
        if candidate.outside:  # the folder is the boundary: named, not followed
            found = finding("file-outside-folder", Place(candidate.display), target=candidate.outside)
            report.status, report.note = FileStatus.UNREADABLE, found.message
            findings.append(found)
            continue
        if candidate.skip_reason:
            report.status, report.note = FileStatus.SKIPPED, candidate.skip_reason
            findings.append(finding("file-skipped", Place(candidate.display), reason=candidate.skip_reason))
            continue
        if candidate.error:
            found = finding("file-unreadable", Place(candidate.display), reason=candidate.error)
            report.status, report.note = FileStatus.UNREADABLE, found.message
            findings.append(found)
            continue
        too_large = _over_size_limit(candidate)
        if too_large is not None:
            report.status, report.note = FileStatus.UNREADABLE, too_large.message
            findings.append(too_large)
            continue
        try:
            with candidate.path.open("rb") as handle:  # streamed: a file may be bigger than memory
                report.sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
                size = handle.tell()
        except OSError as exc:
            report.status, report.note = FileStatus.UNREADABLE, str(exc)
            findings.append(finding("file-unreadable", Place(candidate.display), reason=f"无法打开（{exc.strerror or exc}）"))
            continue
        if report.sha256 in seen_hashes:
            report.status, report.note = FileStatus.DUPLICATE, f"与 {seen_hashes[report.sha256]} 相同"
            findings.append(finding("file-duplicate", Place(candidate.display), other=seen_hashes[report.sha256]))
            continue
        seen_hashes[report.sha256] = candidate.display
        jobs.append(_Job(index, candidate.path, candidate.display, size, settings, report))
    return jobs


def _over_size_limit(candidate: Candidate) -> Finding | None:
    """A file too large to be hashed and read (limits.MAX_INPUT_FILE_BYTES), told before either."""
    try:
        size = candidate.path.stat().st_size
    except OSError:
        return None  # opening it says why
    if size <= MAX_INPUT_FILE_BYTES:
        return None
    return finding("limit-file-size", Place(candidate.display), what="文件大小为", size=size_text(size), limit=size_text(MAX_INPUT_FILE_BYTES),
                   fix="请确认是否放错了文件；表格请另存为 .xlsx 后再报送")


def _read_job(job: _Job) -> _Outcome:
    records, stated, findings = read_submission(job.path, job.display, job.settings, job.report)
    return _Outcome(job.index, job.report, records, stated, _at_most(findings, job.display))


def _at_most(findings: list[Finding], display: str) -> list[Finding]:
    """A file's findings up to limits.MAX_FINDINGS_PER_FILE, errors first; the rest counted by
    code in one finding, so none goes unsaid."""
    if len(findings) <= MAX_FINDINGS_PER_FILE:
        return findings
    ordered = sort_findings(findings)
    kept, rest = ordered[:MAX_FINDINGS_PER_FILE], ordered[MAX_FINDINGS_PER_FILE:]
    counted = Counter(f.code for f in rest)
    kinds = "、".join(f"{code} {count:,} 条" for code, count in counted.most_common())
    return kept + [finding("limit-findings", Place(display), limit=f"{MAX_FINDINGS_PER_FILE:,}", more=f"{len(rest):,}", kinds=kinds)]


def _crashed(job: _Job, why: str) -> _Outcome:
    """The file whose reading failed outright (its process died, ran out of memory, or the reader raised)."""
    found = finding("file-unreadable", Place(job.display), reason=why)
    job.report.status, job.report.note = FileStatus.UNREADABLE, found.message
    return _Outcome(job.index, job.report, [], [], [found])


def _nothing_read(folder: Path, files: list[FileRead]) -> str:
    """Exit 2's message: every file found, and why each was not read."""
    if not files:
        return f"文件夹“{folder}”中没有任何文件。请把各区县报来的表格放进这个文件夹（或检查文件夹是否选对）"
    lines = [f"文件夹“{folder}”中没有可读取的表格。找到的文件："]
    lines += [f"  {f.name}：{f.status}{'，' + f.note if f.note else ''}" for f in files[:50]]  # notes have brackets of their own
    if len(files) > 50:
        lines.append(f"  ……另有 {len(files) - 50} 个文件")
    return "\n".join(lines)
