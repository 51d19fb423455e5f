"""The command line: parse arguments, call one library function per command (xlfund.jobs),
print in Chinese. Nothing else.

Heavy modules are imported inside the commands so that `xlfund --help` starts fast.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
from decimal import Decimal
from pathlib import Path

import click

from xlfund import __version__
from xlfund.cli.click_zh import Argument, Choice, Count, Group, Money
from xlfund.cli.click_zh import install as _use_chinese_click
from xlfund.cli.console import Progress, os_error_text, say
from xlfund.cli.stopping import signal_words, stop_signals_raise

_use_chinese_click()

EXIT_OK, EXIT_ERRORS, EXIT_NOTHING = 0, 1, 2
# Stopped by a signal: 128 + its number, as shells report it (Ctrl-C 130, SIGTERM 143, SIGHUP 129).
EXIT_SIGNAL_BASE = 128


FILE, FOLDER = "文件", "文件夹"


def _file_option(*decls: str, help: str):  # noqa: A002 - click's word
    return click.option(*decls, type=click.Path(dir_okay=False, path_type=Path), metavar=FILE, help=help)


def _folder_argument(command):
    return click.argument("folder", cls=Argument, type=click.Path(path_type=Path), metavar=FOLDER)(command)


def _settings_options(command):
    """--cap and --config, shared by the commands that read a folder."""
    command = _file_option("--config", help="设置文件（默认：文件夹中的 xlfund.toml）")(command)
    command = click.option("--cap", type=Money(), metavar="万元", help="资金上限（万元），优先于设置文件")(command)
    return command


def _scorecard_options(command):
    """--template, --save-scores and --json, shared by the commands that fill the scorecard."""
    command = click.option("--json", "as_json", is_flag=True, help="只在标准输出打印一个 JSON 对象")(command)
    command = click.option("--save-scores", is_flag=True, help="把上次生成的评分表中手工填写、与设置不同的内容（自评分、年度指标值、偏差原因等）写入设置文件")(command)
    command = _file_option("--template", help="绩效自评评分表模板（默认：templates/scorecard.xlsx）")(command)
    return command


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="xlfund", message="%(prog)s %(version)s")
def main() -> None:
    """xlfund：专项资金分配表汇总、对账与绩效自评工具。

    \b
    一年的流程：
        xlfund init 文件夹/ --name 资金名称 --year 2025 -d 高新区 -d 赫山区
        xlfund check 高新区.xlsx            （区县报送前自查）
        xlfund status 文件夹/               （哪些区县已报、未报、有错误）
        xlfund consolidate 文件夹/          （汇总、对账、评分表）
        xlfund feedback 文件夹/ -o 问题清单 （给每个区县的问题清单）
        xlfund report 文件夹/               （绩效报告中的资金使用情况）
    """


@main.command()
@_folder_argument
@_file_option("-o", "--output", help="输出 .xlsx 文件（默认：当前目录下“年度+资金名称+汇总.xlsx”；不写扩展名时自动加上）")
@_settings_options
@_scorecard_options
def consolidate(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None, template: Path | None,
                save_scores: bool, as_json: bool) -> None:
    """汇总文件夹中各区县报送的表格，对账并生成一个工作簿。

    \b
    读取：.xlsx/.xlsm/.xltx、.xls、WPS 的 .et/.ett、.xlsb、.ods、.csv/.txt/.tsv，
    以及装有这些文件的 .zip 压缩包，子文件夹中的也读取。
    生成的工作簿包含：汇总、明细、对账、报送情况、变更、问题、评分表、报告、说明。
    输出文件已存在时，其中评分表手工填写的自评分沿用到新生成的文件中，
    并逐项说明。
    退出码：0 无错误；1 已生成但有错误；2 无法完成；130 被中断（143 被终止）。

    \b
    示例：
        xlfund consolidate workbooks/
        xlfund consolidate workbooks/ -o 汇总.xlsx --cap 500
        xlfund consolidate workbooks/ --json
    """
    sys.exit(_guarded(lambda: _consolidate(folder, output, cap, config, template, save_scores, as_json), as_json))


def _save_hint(command: str, folder: Path, output: Path | None, config: Path | None, template: Path | None) -> str:
    """The command that was run, with --save-scores: the same output file is read again.
    Words with spaces or shell characters are put in double quotes, which cmd, PowerShell and
    sh all read (shlex's single quotes would not work in cmd, and it quotes every Chinese word)."""
    words = ["xlfund", command, str(folder)]
    for option, value in (("-o", output), ("--config", config), ("--template", template)):
        if value is not None:
            words += [option, str(value)]
    special = set(" \t\"'&|<>^;$`()")
    return " ".join(f'"{w}"' if special & set(w) or not w else w for w in words + ["--save-scores"])


@main.command()
@_folder_argument
@_file_option("-o", "--output", help="输出 .xlsx 文件（默认：当前目录下“年度+资金名称+绩效自评表.xlsx”）")
@_settings_options
@_scorecard_options
def scorecard(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None, template: Path | None,
              save_scores: bool, as_json: bool) -> None:
    """单独生成绩效自评指标评分表（可直接报送的文件）。

    输出文件已存在时，其中手工填写的自评分沿用到新生成的文件中；加 --save-scores 时同时写入设置文件。

    \b
    示例：
        xlfund scorecard workbooks/ -o 评分表.xlsx
        xlfund scorecard workbooks/ -o 评分表.xlsx --save-scores
        xlfund scorecard workbooks/ --template 我的模板.xlsx
    """
    sys.exit(_guarded(lambda: _scorecard(folder, output, cap, config, template, save_scores, as_json), as_json))


@main.command()
@click.argument("files", cls=Argument, nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文件或文件夹...")
@_file_option("--config", help="设置文件（用于区县名称和金额单位，可省略）")
@click.option("--explain", is_flag=True, help="逐表说明怎样读的：表头、每列取哪一列及原因、金额单位、区县和每行的类别")
def check(files: tuple[Path, ...], config: Path | None, explain: bool) -> None:
    """报送前自查一个或多个表格，只显示问题，不生成任何文件。

    规则和提示与 consolidate 相同（资金上限、额度等全市汇总时才核对的项目除外）。
    退出码：0 没有错误和警告；1 有错误或警告；2 无法完成；130 被中断。

    \b
    示例：
        xlfund check 高新区.xlsx
        xlfund check 报送/*.xlsx
        xlfund check 报送/
        xlfund check 高新区.xlsx --explain     （看清每一行为什么计入或没有计入）
    """
    sys.exit(_guarded(lambda: _check(list(files), config, explain), False))


@main.command()
@_folder_argument
@_settings_options
@click.option("--json", "as_json", is_flag=True, help="只在标准输出打印一个 JSON 对象")
def status(folder: Path, cap: Decimal | None, config: Path | None, as_json: bool) -> None:
    """报送情况：每个区县一行（已报 / 未报 / 有错误 / 有警告），列出报送的文件和修改时间、单位数和金额。

    按 consolidate 的规则读取全部表格，但不生成任何文件。同一区县有几个文件时逐个列出，并说明是否计入。
    退出码：0 全部区县已报且没有错误；1 有未报的区县或有错误；2 无法完成。

    \b
    示例：
        xlfund status workbooks/
        xlfund status 2025电商资金/ --json
    """
    sys.exit(_guarded(lambda: _status(folder, cap, config, as_json), as_json))


@main.command()
@_folder_argument
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), metavar=FOLDER,
              help="存放问题清单的文件夹（默认：当前目录下的“问题清单”）")
@_settings_options
@click.option("--json", "as_json", is_flag=True, help="只在标准输出打印一个 JSON 对象")
def feedback(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None, as_json: bool) -> None:
    """为每个有错误或警告的区县生成一份问题清单（如“资阳区-问题清单.xlsx”），可作为回复的附件。

    清单逐条列出文件、工作表、单元格、发现的内容和应怎样修改，已设置 A4 打印。
    没有问题的区县不生成文件；上次生成、现已没有问题的区县的清单会被删除。
    退出码：0 已生成且没有错误；1 有错误；2 无法完成。

    \b
    示例：
        xlfund feedback workbooks/ -o 问题清单
        xlfund feedback 2025电商资金/ -o 回复/第二轮
    """
    sys.exit(_guarded(lambda: _feedback(folder, output, cap, config, as_json), as_json))


@main.command()
@_folder_argument
@click.option("--name", "fund_name", metavar="名称", help="资金名称（新文件夹必填）")
@click.option("-d", "--district", "districts", multiple=True, metavar="区县", help="报送区县（新文件夹必填），可重复，如 -d 高新区 -d 赫山区")
@click.option("--year", type=Count("年度", 1990, 2100), metavar="年度", help="年度（默认今年）")
@click.option("--cap", type=Money(), metavar="万元", help="资金上限（万元）；不给时在设置文件中留空待填")
@click.option("--plan", type=Money(), metavar="万元", help="批复计划（万元）；不给时留空待填")
@click.option("--target", type=Count("绩效目标单位数"), metavar="个数", help="绩效目标：扶持单位个数（0 即 0）；不给时留空待填")
@click.option("--form", type=Choice(["2018", "2020"]), help="绩效自评表表样：2018（默认）或 2020")
def init(folder: Path, fund_name: str | None, districts: tuple[str, ...], year: int | None, cap: Decimal | None,
         plan: Decimal | None, target: int | None, form: str | None) -> None:
    """新年度开始：生成带中文注释的设置文件 xlfund.toml 和各区县填报模板。

    新文件夹必须给出资金名称（--name）和区县（-d）；上限、计划、目标不给时在设置文件中留空待填，不会代填。
    填报模板写在 文件夹/填报模板/ 中，发给各区县填写；收回的表格放在该文件夹中即可汇总。
    已存在的文件一律不覆盖；已有 xlfund.toml 时保留其中的设置，新给的区县加入名单并生成模板。
    任何一项有误时不生成任何文件。

    \b
    示例：
        xlfund init 2025电商资金/ --name 电子商务发展引导资金 --year 2025 --cap 500 -d 高新区 -d 赫山区
        xlfund init 2025电商资金/ -d 资阳区          （以后增加一个区县）
    """
    from xlfund.yearstart.plan import InitOptions

    options = InitOptions(fund_name, year, cap, plan, target, tuple(districts), form)
    sys.exit(_guarded(lambda: _init(folder, options), False))


@main.command()
@_folder_argument
@_file_option("-o", "--output", help="输出 .docx 文件（默认：当前目录下“年度+资金名称+使用情况.docx”）")
@_settings_options
def report(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None) -> None:
    """生成绩效报告中的资金使用情况部分（.docx），可直接粘贴进年度绩效报告。

    包括资金总体情况一段和各区县受助单位逐条列表（“1、某某公司：12万元主要用于……”）、
    各区县合计与单位数。汇总工作簿中的“报告”表是同样的内容。

    \b
    示例：
        xlfund report workbooks/
        xlfund report workbooks/ -o 资金使用情况.docx
    """
    sys.exit(_guarded(lambda: _report_docx(folder, output, cap, config), False))


def _guarded(run, as_json: bool) -> int:
    """Turn every failure into one Chinese line and exit 2; never a traceback. A stop signal
    (Ctrl-C, SIGTERM, SIGHUP) ends the run at once, workers and temporary files removed."""
    from xlfund.errors import NothingToDo
    from xlfund.scorecard.template import TemplateError
    from xlfund.settings import SettingsError

    with stop_signals_raise():
        try:
            return run()
        except KeyboardInterrupt as exc:
            number = getattr(exc, "signal_number", signal.SIGINT)
            _fail(f"已中断（{signal_words(number)}）：本次运行未完成，没有写出新的输出文件，原有文件保持不变，临时文件已删除", as_json)
            return EXIT_SIGNAL_BASE + number
        except (NothingToDo, SettingsError, TemplateError) as exc:
            _fail(str(exc), as_json)
        except OSError as exc:
            _fail(getattr(exc, "text", "") or _disk_full(exc) or os_error_text(exc), as_json)
        except Exception as exc:  # noqa: BLE001 - the edge: a clean line, the details on request
            if os.environ.get("XLFUND_DEBUG"):
                raise
            _fail(f"内部错误（{type(exc).__name__}：{exc}）。请设置环境变量 XLFUND_DEBUG=1 重试并报告此问题", as_json)
    return EXIT_NOTHING


def _disk_full(exc: OSError) -> str:
    """A full disk anywhere (a temporary folder while reading): which folder, how much is left."""
    from xlfund.output import disk_full_text

    if exc.errno not in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or not exc.filename:
        return ""
    return disk_full_text(Path(str(exc.filename)))


def _fail(message: str, as_json: bool) -> None:
    if as_json:
        say(json.dumps({"error": message}, ensure_ascii=False))
    say(f"错误：{message}", {"fg": "red"}, err=True)


def _must_be_folder(folder: Path, command: str) -> None:
    """A file given where a folder is read: say it is a file, and that `check` takes files."""
    from xlfund.errors import NothingToDo

    if folder.is_file():
        raise NothingToDo(f"“{folder}”是一个文件，不是文件夹。xlfund {command} 读取一个文件夹中的全部表格，"
                          f"请给出文件夹，如 xlfund {command} {folder.parent}{os.sep}；"
                          f"检查单个文件请用 xlfund check {folder}")


def _consolidate(folder, output, cap, config, template, save_scores, as_json) -> int:
    from xlfund.jobs import consolidate_to_workbook

    _must_be_folder(folder, "consolidate")

    reading = Progress(enabled=not as_json and sys.stderr.isatty())
    made = consolidate_to_workbook(folder, output, cap, config, template, on_file=reading.file, on_rows=reading.rows)
    reading.done()
    hint = _save_hint("consolidate", folder, output, config, template)
    return _scored_result(made, folder, config, save_scores, as_json, hint)


def _status(folder, cap, config, as_json: bool) -> int:
    from xlfund.cli.round_run import run_status

    return run_status(folder, cap, config, as_json, Progress(enabled=not as_json and sys.stderr.isatty()))


def _feedback(folder, output, cap, config, as_json: bool) -> int:
    from xlfund.cli.round_run import run_feedback

    return run_feedback(folder, output, cap, config, as_json, Progress(enabled=not as_json and sys.stderr.isatty()))


def _scorecard(folder, output, cap, config, template, save_scores, as_json) -> int:
    from xlfund.jobs import scorecard_to_file

    _must_be_folder(folder, "scorecard")

    reading = Progress(enabled=not as_json and sys.stderr.isatty())
    made = scorecard_to_file(folder, output, cap, config, template, on_file=reading.file)
    reading.done()
    hint = _save_hint("scorecard", folder, output, config, template)
    return _scored_result(made, folder, config, save_scores, as_json, hint)


def _scored_result(made, folder, config, save_scores: bool, as_json: bool, hint: str) -> int:
    """Print the result; with --save-scores, first write the carried-over cells into the settings."""
    from xlfund.jobs import save_scores as write_scores

    saved = write_scores(folder, config, made.card) if save_scores else None
    _print_result(made, as_json, saved, None if save_scores else hint)
    return EXIT_ERRORS if made.result.has_errors else EXIT_OK


def _check(files: list[Path], config: Path | None, explain: bool = False) -> int:
    from xlfund.cli.terminal import check_lines
    from xlfund.findings import has_problems
    from xlfund.jobs import check_submissions

    result = check_submissions(files, config)
    if explain:
        from xlfund.cli.explain import explain_lines

        _echo(explain_lines(result) + [("", None)])
    _echo(check_lines(result))
    return EXIT_ERRORS if has_problems(result.findings) else EXIT_OK


def _init(folder, options) -> int:
    from xlfund.jobs import start_year

    done = start_year(folder, options)
    for item in done.written:
        say(f"{'已生成' if item.created else '已更新' if item.updated else '已存在，未覆盖'}：{item.path}")
    if done.added:
        say("已加入区县：" + "、".join(done.added) + "（设置文件的 districts 和填报模板）", {"fg": "green"})
    for line in done.kept:
        say(line, {"fg": "yellow"})
    for line in done.notes:
        say(f"注意：{line}", {"fg": "yellow"})
    say("下一步：把“填报模板”中的表格发给各区县；收回后放进此文件夹，运行 xlfund consolidate " + str(folder))
    return EXIT_OK


def _report_docx(folder, output, cap, config) -> int:
    from xlfund.jobs import report_to_docx

    _must_be_folder(folder, "report")

    reading = Progress(enabled=sys.stderr.isatty())
    made = report_to_docx(folder, output, cap, config, on_file=reading.file)
    reading.done()
    _print_result(made, False)
    return EXIT_ERRORS if made.result.has_errors else EXIT_OK


def _print_result(made, as_json: bool, saved=None, save_hint: str | None = None) -> None:
    from xlfund.cli.round_terminal import round_dict, round_head_lines
    from xlfund.cli.terminal import as_json_dict, saved_scores_dict, saved_scores_lines, terminal_lines

    if as_json:
        data = as_json_dict(made.result, made.saved.path, made.card)
        if saved is not None:
            data["saved_scores"] = saved_scores_dict(saved)
        if made.the_round is not None:
            data.update(round_dict(made.the_round))
        say(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if made.the_round is not None:  # the round first: what changed, who has sent
        _echo(round_head_lines(made.the_round))
    _echo(terminal_lines(made.result, made.saved.path, made.card, save_hint))
    if saved is not None:
        _echo(saved_scores_lines(saved))


def _echo(lines: list[tuple[str, dict | None]]) -> None:
    for line, style in lines:
        say(line, style)


if __name__ == "__main__":  # pragma: no cover
    main()
