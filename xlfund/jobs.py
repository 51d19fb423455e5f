"""One library call per command: what the CLI runs, and what tests and scripts can run
without it. Each returns what it made; nothing here prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from xlfund.consolidate import NothingToDo, check_files, consolidate
from xlfund.findings import finding, sort_findings
from xlfund.model import Consolidation
from xlfund.output import Saved
from xlfund.report.docx import write_docx
from xlfund.report.narrative import report_paragraphs
from xlfund.scorecard.card import prepare_scorecard, sheet_writer, write_scorecard_file
from xlfund.scorecard.scoring import Card
from xlfund.scorecard.template import find_template, load_template
from xlfund.settings import SETTINGS_FILE, Settings, load_settings
from xlfund.write.forms import Written, init_folder
from xlfund.write.workbook import default_output_name, write_workbook

FileProgress = Callable[[str, int, int], None]
RowProgress = Callable[[int, int], None]


@dataclass
class Made:
    """What a command made: the consolidation, its scorecard (when scored) and the file."""

    result: Consolidation
    saved: Saved
    card: Card | None = None


def load_folder(folder: Path, cap: Decimal | None, config: Path | None, on_file: FileProgress | None = None) -> Consolidation:
    """Settings (with --cap over the file) and the consolidation of the folder."""
    if not folder.is_dir():
        raise NothingToDo(f"找不到文件夹：{folder}")
    settings = load_settings(folder, config).with_cap(cap)
    return consolidate(folder, settings, on_file=on_file)


def _scored(folder: Path, cap: Decimal | None, config: Path | None, template: Path | None,
            on_file: FileProgress | None) -> tuple[Consolidation, Card]:
    """The consolidation and its scorecard, with the scorecard's findings among the others."""
    result = load_folder(folder, cap, config, on_file)
    card = prepare_scorecard(result, template)
    result.findings = sort_findings(result.findings + card.findings)
    return result, card


def consolidate_to_workbook(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                            template: Path | None, on_file: FileProgress | None = None,
                            on_rows: RowProgress | None = None) -> Made:
    """`xlfund consolidate`: the consolidated workbook, written atomically."""
    result, card = _scored(folder, cap, config, template, on_file)
    target = output or Path.cwd() / default_output_name(result)
    saved = write_workbook(result, target, sheet_writer(card), on_rows=on_rows)
    if saved.moved_aside:
        result.findings = sort_findings(result.findings + [finding("output-locked", path=str(saved.wanted), saved=str(saved.path))])
    return Made(result, saved, card)


def scorecard_to_file(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                      template: Path | None, on_file: FileProgress | None = None) -> Made:
    """`xlfund scorecard`: the filled scorecard alone."""
    result, card = _scored(folder, cap, config, template, on_file)
    target = output or Path.cwd() / f"{result.settings.title}绩效自评表.xlsx"
    return Made(result, write_scorecard_file(result, card, target), card)


def report_to_docx(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                   on_file: FileProgress | None = None) -> Made:
    """`xlfund report`: the report section as a .docx."""
    result = load_folder(folder, cap, config, on_file)
    target = output or Path.cwd() / f"{result.settings.title}使用情况.docx"
    return Made(result, write_docx(report_paragraphs(result), target))


def check_submissions(files: list[Path], config: Path | None) -> Consolidation:
    """`xlfund check`: one district's files read by the same rules, nothing written."""
    near = files[0].parent
    settings = load_settings(near, config) if config or (near / SETTINGS_FILE).exists() else Settings()
    return check_files(files, settings)


def start_year(folder: Path, settings: Settings) -> list[Written]:
    """`xlfund init`: the settings file and one submission form per district.

    An existing xlfund.toml is kept; districts given now are added to its list for the forms.
    """
    exists = (folder / SETTINGS_FILE).exists()
    if exists:
        kept = load_settings(folder)
        settings = replace(kept, districts=tuple(dict.fromkeys(kept.districts + settings.districts)))
    names = [i.name for i in load_template(find_template(None, settings)).indicators]
    return init_folder(folder, settings, names, exists)
