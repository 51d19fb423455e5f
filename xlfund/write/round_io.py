"""The round's reading from disk: the submitted files' sizes and times, the settings file's
hash, and the cells the problem lists quote, read again from the districts' own files."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from xlfund.model import Consolidation, FileStatus
from xlfund.read.content import ReadError
from xlfund.read.files import read_file
from xlfund.round.advice import cell_text
from xlfund.round.feedback import CellKey
from xlfund.round.status import Stamp
from xlfund.round.survey import Round, survey
from xlfund.write.run_record import read_run_record


def file_stamps(result: Consolidation) -> dict[str, Stamp]:
    """file (as listed) -> size and modified time; a member of an archive gets the archive's."""
    stamps = {}
    for report in result.files:
        if report.status is FileStatus.EXPANDED:
            continue
        path = _on_disk(result.folder, report.name)
        try:
            info = path.stat() if path is not None else None
        except OSError:
            info = None
        if info is not None:
            stamps[report.name] = Stamp(info.st_size, dt.datetime.fromtimestamp(info.st_mtime).replace(microsecond=0))
    return stamps


def _on_disk(folder: Path, display: str) -> Path | None:
    """The file a listed name stands for: itself, or the archive holding it ("档案.zip/高新区.xlsx")."""
    parts = Path(display).parts
    for end in range(len(parts), 0, -1):
        path = folder.joinpath(*parts[:end])
        if path.is_file():
            return path
    return None


def settings_hash(source: str) -> str:
    """SHA-256 of the settings file used, or "" (none, or unreadable)."""
    if not source:
        return ""
    try:
        return hashlib.sha256(Path(source).read_bytes()).hexdigest()
    except OSError:
        return ""


def cell_values(folder: Path, wanted: dict[str, set[CellKey]]) -> dict[CellKey, str]:
    """The cells' values as the district sees them, each file read once; a file that cannot be
    read again (moved since, or inside an archive) simply gives none."""
    values: dict[CellKey, str] = {}
    for file, keys in wanted.items():
        path = folder / file
        if not path.is_file():
            continue
        try:
            content = read_file(path)
        except (ReadError, OSError):
            continue
        sheets = {grid.name: grid for grid in content.sheets}
        for key in keys:
            grid = sheets.get(key[1])
            r, c = key[2] - 1, key[3]
            if grid is None or r >= len(grid.rows):
                continue
            row = grid.rows[r]
            values[key] = cell_text(row[c] if c < len(row) else None, grid.special.get((r, c), ""))
    return values


def survey_folder(result: Consolidation, earlier: Path | None = None) -> Round:
    """The round of this run: status, what was read, and the changes since the run whose output
    is `earlier` (read before it is replaced; missing or unreadable only means none known)."""
    record, note = read_run_record(earlier) if earlier is not None else (None, "")
    return survey(result, file_stamps(result), record, note, settings_hash(result.settings.source))
