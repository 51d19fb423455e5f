"""One library call per command: what the CLI runs, and what tests and scripts can run
without it. Each returns what it made; nothing here prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xlfund.consolidate import check_files, consolidate
from xlfund.errors import NothingToDo
from xlfund.findings import Place, finding, sort_findings
from xlfund.model import Consolidation
from xlfund.output import Saved, default_file
from xlfund.report.docx import write_docx
from xlfund.report.narrative import report_paragraphs
from xlfund.round.survey import Round
from xlfund.round.versions import add_overlap_findings
from xlfund.scorecard.card import prepare_scorecard, sheet_writer, write_scorecard_file
from xlfund.scorecard.scoring import Card
from xlfund.scorecard.template import indicator_key
from xlfund.settings import SETTINGS_FILE, Settings, load_settings
from xlfund.settings.edit import Edits, ScoresSaved, write_edits
from xlfund.write.feedback import FeedbackWritten, write_feedback
from xlfund.write.round_io import survey_folder
from xlfund.write.workbook import default_output_name, write_workbook
from xlfund.yearstart import start as yearstart
from xlfund.yearstart.plan import InitOptions, YearStart

FileProgress = Callable[[str, int, int], None]
RowProgress = Callable[[int, int], None]


@dataclass
class Made:
    """What a command made: the consolidation, its scorecard (when scored) and the file; for
    `consolidate`, the round (status, changes since the earlier output)."""

    result: Consolidation
    saved: Saved
    card: Card | None = None
    the_round: Round | None = None


def load_folder(folder: Path, cap: Decimal | None, config: Path | None, on_file: FileProgress | None = None) -> Consolidation:
    """Settings (with --cap over the file) and the consolidation of the folder."""
    if not folder.is_dir():
        raise NothingToDo(f"找不到文件夹：{folder}")
    settings = load_settings(folder, config).with_cap(cap)
    return add_overlap_findings(consolidate(folder, settings, on_file=on_file))


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
    refuse_overwriting_input(folder, output)
    result, card, target = _scored(folder, cap, config, template, on_file,
                                   lambda r: output or default_file(default_output_name(r)))
    the_round = survey_folder(result, earlier=target)  # read from the earlier output before it is replaced
    saved = write_workbook(result, target, sheet_writer(card), on_rows=on_rows, the_round=the_round)
    return Made(result, _told_if_moved(result, saved), card, the_round)


def _told_if_moved(result: Consolidation, saved: Saved) -> Saved:
    """An output open in Excel/WPS was saved under another name: the clerk is told (output-locked)."""
    if saved.moved_aside:
        result.findings = sort_findings(result.findings + [finding("output-locked", Place(saved.wanted.name), path=str(saved.wanted), saved=str(saved.path))])
    return saved


def scorecard_to_file(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                      template: Path | None, on_file: FileProgress | None = None) -> Made:
    """`xlfund scorecard`: the filled scorecard alone."""
    output = output_target(output, ".xlsx", "评分表")
    refuse_overwriting_input(folder, output)
    result, card, target = _scored(folder, cap, config, template, on_file,
                                   lambda r: output or default_file(f"{r.settings.title}绩效自评表.xlsx"))
    return Made(result, _told_if_moved(result, write_scorecard_file(result, card, target)), card)


def save_scores(folder: Path, config: Path | None, card: Card | None) -> ScoresSaved:
    """`--save-scores`: what was carried over from the earlier 评分表 (scores, and on the 2020
    form 年度指标值, 实际完成值, 偏差原因, 主管部门…) written into the settings file (--config,
    else FOLDER/xlfund.toml), its other lines and comments kept as they are."""
    path = config if config is not None else folder / SETTINGS_FILE
    if card is None:
        return ScoresSaved(path)
    kept = card.kept
    saved = write_edits(path, Edits(kept.scores, kept.indicators, kept.texts), indicator_key)
    saved.read_from, saved.read = card.earlier, card.earlier_read
    return saved


def report_to_docx(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                   on_file: FileProgress | None = None) -> Made:
    """`xlfund report`: the report section as a .docx."""
    output = output_target(output, ".docx", "资金使用情况报告")
    result = load_folder(folder, cap, config, on_file)
    target = output or default_file(f"{result.settings.title}使用情况.docx")
    return Made(result, _told_if_moved(result, write_docx(report_paragraphs(result), target)))


def folder_status(folder: Path, cap: Decimal | None, config: Path | None, on_file: FileProgress | None = None
                  ) -> tuple[Consolidation, Round]:
    """`xlfund status`: who has sent, read as consolidate reads; nothing written."""
    result = load_folder(folder, cap, config, on_file)
    return result, survey_folder(result)


def feedback_to_folder(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None,
                       on_file: FileProgress | None = None) -> tuple[Consolidation, Round, FeedbackWritten]:
    """`xlfund feedback`: one list of problems per district to send back (default ./问题清单/)."""
    result = load_folder(folder, cap, config, on_file)
    target = output if output is not None else Path.cwd() / "问题清单"
    if target.exists() and not target.is_dir():
        raise NothingToDo(f"“{target}”是一个文件，不是文件夹：-o 请给出存放问题清单的文件夹")
    return result, survey_folder(result), write_feedback(result, target)


def check_submissions(files: list[Path], config: Path | None) -> Consolidation:
    """`xlfund check`: one district's files read by the same rules, nothing written."""
    near = files[0] if files[0].is_dir() else files[0].parent  # the xlfund.toml beside the files (or in the folder)
    settings = load_settings(near, config) if config or (near / SETTINGS_FILE).exists() else Settings()
    return check_files(files, settings)


def start_year(folder: Path, options: InitOptions) -> YearStart:
    """`xlfund init`: the settings file and one submission form per district (yearstart)."""
    return yearstart.start_year(folder, options)


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


def refuse_overwriting_input(folder: Path, output: Path | None) -> None:
    """The output is never an input: -o may not name a submission in the folder being read (it
    would be overwritten, and skipped as this tool's output on the next run); only this tool's
    own earlier output may be replaced."""
    from xlfund.read.safety import is_own_output

    if output is None or not output.is_file() or is_own_output(output):
        return
    try:
        inside = output.resolve().is_relative_to(folder.resolve())
    except OSError:
        return
    if inside:
        raise NothingToDo(f"输出文件“{output}”是文件夹“{folder}”中报送的表格，覆盖它会丢失这份报表（下次汇总时还会被当作本工具生成的"
                          f"汇总表跳过）。请换一个输出文件名，或保存到文件夹之外，例如 -o {output.stem}-汇总.xlsx")
