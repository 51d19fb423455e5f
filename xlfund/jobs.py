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
from xlfund.output import Saved, default_file
from xlfund.report.docx import write_docx
from xlfund.report.narrative import report_paragraphs
from xlfund.scorecard.card import prepare_scorecard, sheet_writer, write_scorecard_file
from xlfund.scorecard.scoring import Card
from xlfund.scorecard.template import TemplateError, find_template, indicator_key, load_template, template_name
from xlfund.settings import SETTINGS_FILE, Settings, load_settings
from xlfund.settings.edit import ScoresSaved, write_scores
from xlfund.write.forms import settings_text
from xlfund.write.start import (
    InitOptions,
    YearStart,
    check_district_names,
    existing_form,
    kept_options,
    merged_settings,
    new_settings,
    with_districts,
    write_year,
)
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
            on_file: FileProgress | None, target: Callable[[Consolidation], Path]) -> tuple[Consolidation, Card, Path]:
    """The consolidation, its scorecard and where it goes, with the scorecard's findings among
    the others; scores typed into the 评分表 of an output already there are carried over."""
    result = load_folder(folder, cap, config, on_file)
    path = target(result)
    card = prepare_scorecard(result, template, earlier=path)
    result.findings = sort_findings(result.findings + card.findings)
    return result, card, path


def consolidate_to_workbook(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                            template: Path | None, on_file: FileProgress | None = None,
                            on_rows: RowProgress | None = None) -> Made:
    """`xlfund consolidate`: the consolidated workbook, written atomically."""
    output = output_target(output, ".xlsx", "汇总工作簿")
    result, card, target = _scored(folder, cap, config, template, on_file,
                                   lambda r: output or default_file(default_output_name(r)))
    saved = write_workbook(result, target, sheet_writer(card), on_rows=on_rows)
    if saved.moved_aside:
        result.findings = sort_findings(result.findings + [finding("output-locked", path=str(saved.wanted), saved=str(saved.path))])
    return Made(result, saved, card)


def scorecard_to_file(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                      template: Path | None, on_file: FileProgress | None = None) -> Made:
    """`xlfund scorecard`: the filled scorecard alone."""
    output = output_target(output, ".xlsx", "评分表")
    result, card, target = _scored(folder, cap, config, template, on_file,
                                   lambda r: output or default_file(f"{r.settings.title}绩效自评表.xlsx"))
    return Made(result, write_scorecard_file(result, card, target), card)


def save_scores(folder: Path, config: Path | None, card: Card | None) -> ScoresSaved:
    """`--save-scores`: the scores carried over from the earlier 评分表 written into [scores]
    of the settings file (--config, else FOLDER/xlfund.toml), its other lines kept as they are."""
    path = config if config is not None else folder / SETTINGS_FILE
    return write_scores(path, card.kept if card is not None else {}, indicator_key)


def report_to_docx(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                   on_file: FileProgress | None = None) -> Made:
    """`xlfund report`: the report section as a .docx."""
    output = output_target(output, ".docx", "资金使用情况报告")
    result = load_folder(folder, cap, config, on_file)
    target = output or default_file(f"{result.settings.title}使用情况.docx")
    return Made(result, write_docx(report_paragraphs(result), target))


def check_submissions(files: list[Path], config: Path | None) -> Consolidation:
    """`xlfund check`: one district's files read by the same rules, nothing written."""
    near = files[0].parent
    settings = load_settings(near, config) if config or (near / SETTINGS_FILE).exists() else Settings()
    return check_files(files, settings)


def start_year(folder: Path, options: InitOptions) -> YearStart:
    """`xlfund init`: the settings file and one submission form per district.

    Everything is checked before anything is written. A new folder needs the fund's name and
    its districts. An existing xlfund.toml is kept (options that differ are reported, not
    taken); new districts are added to its list and get their forms.
    """
    if folder.exists() and not folder.is_dir():
        raise NothingToDo(f"“{folder}”是一个文件，不是文件夹：请换一个文件夹名称")
    options = replace(options, districts=check_district_names(options.districts))
    toml = folder / SETTINGS_FILE
    done = YearStart()
    if toml.exists():
        kept = load_settings(folder)
        done.kept = kept_options(kept, options, existing_form(toml))
        settings, done.added = merged_settings(kept, options)
        text = None
        if done.added:
            text = with_districts(toml.read_text(encoding="utf-8-sig"), settings.districts)
            if text is None:
                done.notes.append(f"请在 {SETTINGS_FILE} 的 districts 中加上：" + "、".join(done.added) + "（无法自动修改这一行）")
        if not settings.districts:
            raise NothingToDo(f"{SETTINGS_FILE} 中没有区县（districts），请用 -d 给出，例如：-d 高新区 -d 赫山区")
    else:
        settings, done.notes = new_settings(options)
        form, template, note = scorecard_form(options.form or "2018", settings)
        done.notes += [note] if note else []
        names = [i.name for i in load_template(template).indicators]
        text = settings_text(settings, names, form)
    done.written = write_year(folder, settings, text)
    return done


def scorecard_form(form: str, settings: Settings) -> tuple[str, Path, str]:
    """(form used, its template, a note when the one asked for is not found)."""
    try:
        return form, find_template(None, replace(settings, form=form)), ""
    except TemplateError:
        return "2018", find_template(None, settings), f"找不到 {form} 年自评表表样（{template_name(form)}），已按 2018 年表样生成，form 记为 \"2018\""


def output_target(output: Path | None, suffix: str, what: str) -> Path | None:
    """-o as given, with the extension added when it has none; a wrong one is refused."""
    if output is None:
        return None
    ext = output.suffix
    if not ext or not ext[1:].isascii() or not ext[1:].isalnum() or ext[1:].isdigit():
        return output.with_name(output.name + suffix)  # 汇总 -> 汇总.xlsx; 2025.汇总 -> 2025.汇总.xlsx
    if ext.lower() != suffix:
        raise NothingToDo(f"输出文件“{output.name}”的扩展名不对：{what}只能保存为 {suffix} 文件，"
                          f"请改为 -o {output.with_suffix(suffix).name}")
    return output
