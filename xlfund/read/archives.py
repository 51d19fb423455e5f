"""Zip archives of submissions (as they come from chat apps and mail): their members are read
like the files of a folder, as "档案.zip/高新区.xlsx".

Members are copied out into a private temporary folder under names of our own (so no member
path can reach outside it), after the same guards as for workbooks: declared sizes against a
cap (zip bombs), no absolute or ".." paths, archives nested at most two deep. Windows writes
member names in GBK without the UTF-8 flag; each name is decoded by its own flag.
"""

from __future__ import annotations

import shutil
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from xlfund.limits import MAX_ARCHIVE_DEPTH, MAX_ARCHIVE_MEMBERS, MAX_RATIO, MAX_UNZIPPED_BYTES, RATIO_CHECKED_ABOVE_BYTES
from xlfund.read.discover import Candidate, skip_reason, unsupported_reason

MAX_MEMBERS = MAX_ARCHIVE_MEMBERS
MAX_DEPTH = MAX_ARCHIVE_DEPTH
_UTF8_FLAG = 0x800


@dataclass
class Expanded:
    """The candidates with each archive's members in place of the archive, and what was refused."""

    candidates: list[Candidate] = field(default_factory=list)
    archives: dict[str, str] = field(default_factory=dict)  # archive display -> note ("含 3 个文件")
    refused: list[tuple[str, str, dict]] = field(default_factory=list)  # (display, finding code, details)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its writer meant it: UTF-8 when flagged, else GBK (Windows' zip)."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def expand_archives(candidates: list[Candidate], workdir: Path) -> Expanded:
    """Open every .zip among the candidates into `workdir`; members keep the archive's place."""
    out = Expanded()
    counter = iter(range(10**9))
    for candidate in candidates:
        _expand(candidate, workdir, out, counter, depth=1)
    return out


def _expand(candidate: Candidate, workdir: Path, out: Expanded, counter, depth: int) -> None:
    if not candidate.is_archive:
        out.candidates.append(candidate)
        return
    if depth > MAX_DEPTH:
        out.refused.append((candidate.display, "file-unreadable", {"reason": "压缩包套压缩包超过两层，请解压后放入文件夹"}))
        return
    try:
        archive = zipfile.ZipFile(candidate.path)
    except (zipfile.BadZipFile, OSError) as exc:
        out.refused.append((candidate.display, "file-unreadable", {"reason": f"压缩包已损坏或无法打开（{type(exc).__name__}）"}))
        return
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        declared = sum(i.file_size for i in infos)
        compressed = sum(i.compress_size for i in infos) or 1
        if len(infos) > MAX_MEMBERS:
            out.refused.append((candidate.display, "limit-file-size", {
                "what": "压缩包中的文件有", "size": f"{len(infos):,} 个", "limit": f"{MAX_MEMBERS:,} 个",
                "fix": "请分成几个压缩包，或解压后把表格放入文件夹"}))
            return
        if declared > MAX_UNZIPPED_BYTES or (declared > RATIO_CHECKED_ABOVE_BYTES and declared / compressed > MAX_RATIO):
            out.refused.append((candidate.display, "file-too-large", {"size": f"{declared / 1e9:.1f} GB，{len(infos)} 个文件"}))
            return
        out.archives[candidate.display] = f"压缩包，含 {len(infos)} 个文件"
        for info in sorted(infos, key=member_name):
            _member(archive, info, candidate, workdir, out, counter, depth)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, parent: Candidate, workdir: Path, out: Expanded, counter, depth: int) -> None:
    name = member_name(info)
    inner = PurePosixPath(name.replace("\\", "/"))
    display = f"{parent.display}/{inner.as_posix().lstrip('/')}"
    if not inner.parts or inner.is_absolute() or ".." in inner.parts or ":" in inner.parts[0]:
        out.refused.append((display, "file-unsafe-path", {"reason": "../ 或绝对路径"}))
        return
    if any(part.startswith(".") or part == "__MACOSX" for part in inner.parts):
        return  # macOS and hidden bookkeeping files, not the clerk's
    member = Candidate(Path(), display, skip_reason(inner.name), unsupported_reason(inner.name))
    if member.skip_reason or member.error:
        out.candidates.append(member)
        return
    target = workdir / f"{next(counter)}{Path(inner.name).suffix.lower()}"
    try:
        # Streamed, never whole in memory; zipfile stops at the size the archive declares.
        with archive.open(info) as source, target.open("wb") as sink:
            shutil.copyfileobj(source, sink, 1 << 20)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError) as exc:
        target.unlink(missing_ok=True)
        reason = "压缩包中的文件设有密码" if isinstance(exc, RuntimeError) else "压缩包中的文件已损坏"
        out.refused.append((display, "file-unreadable", {"reason": reason}))
        return
    _expand(replace(member, path=target), workdir, out, counter, depth + 1)
