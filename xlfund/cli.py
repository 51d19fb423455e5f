"""The command line: parse arguments, call the library, print in Chinese. Nothing else.

Heavy modules are imported inside the commands so that `xlfund --help` starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from xlfund import __version__

EXIT_OK, EXIT_ERRORS, EXIT_NOTHING = 0, 1, 2


class Money(click.ParamType):
    name = "万元"

    def convert(self, value, param, ctx):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(f"“{value}”不是数字（单位：万元）", param, ctx)
        if not amount.is_finite() or amount < 0:
            self.fail(f"“{value}”应为不小于 0 的数字（单位：万元）", param, ctx)
        return amount


def _settings_options(command):
    """--cap and --config, shared by the commands that read a folder."""
    command = click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="设置文件（默认：文件夹中的 xlfund.toml）")(command)
    command = click.option("--cap", type=Money(), help="资金上限（万元），优先于设置文件")(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="xlfund", message="%(prog)s %(version)s")
def main() -> None:
    """xlfund：专项资金分配表汇总、对账与绩效自评工具。

    \b
    示例：
        xlfund consolidate workbooks/
        xlfund scorecard workbooks/ -o 评分表.xlsx
    """


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认：当前目录下“年度+资金名称+汇总.xlsx”）")
@_settings_options
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), help="绩效自评评分表模板（默认：templates/scorecard.xlsx）")
@click.option("--json", "as_json", is_flag=True, help="只在标准输出打印一个 JSON 对象")
def consolidate(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None, template: Path | None, as_json: bool) -> None:
    """汇总文件夹中各区县报送的表格，对账并生成一个工作簿。

    读取 .xlsx/.xlsm/.xls/.csv，生成包含 汇总、明细、对账、问题、评分表、说明 的工作簿。
    退出码：0 无错误；1 已生成但有错误；2 无法完成。

    \b
    示例：
        xlfund consolidate workbooks/
        xlfund consolidate workbooks/ -o 汇总.xlsx --cap 500
        xlfund consolidate workbooks/ --json
    """
    sys.exit(_guarded(lambda: _consolidate(folder, output, cap, config, template, as_json), as_json))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="输出文件（默认：当前目录下“年度+资金名称+绩效自评表.xlsx”）")
@_settings_options
@click.option("--template", type=click.Path(dir_okay=False, path_type=Path), help="绩效自评评分表模板（默认：templates/scorecard.xlsx）")
@click.option("--json", "as_json", is_flag=True, help="只在标准输出打印一个 JSON 对象")
def scorecard(folder: Path, output: Path | None, cap: Decimal | None, config: Path | None, template: Path | None, as_json: bool) -> None:
    """单独生成绩效自评指标评分表（可直接报送的文件）。

    \b
    示例：
        xlfund scorecard workbooks/ -o 评分表.xlsx
        xlfund scorecard workbooks/ --template 我的模板.xlsx
    """
    sys.exit(_guarded(lambda: _scorecard(folder, output, cap, config, template, as_json), as_json))


def _guarded(run, as_json: bool) -> int:
    """Turn every failure into one Chinese line and exit 2; never a traceback."""
    from xlfund.consolidate import NothingToDo
    from xlfund.scorecard import TemplateError
    from xlfund.settings import SettingsError

    try:
        return run()
    except (NothingToDo, SettingsError, TemplateError) as exc:
        _fail(str(exc), as_json)
    except PermissionError as exc:
        _fail(f"无法写入文件：{exc.filename}（可能正被 Excel/WPS 打开，或没有写入权限）", as_json)
    except OSError as exc:
        _fail(f"文件操作失败：{exc.strerror or exc}（{exc.filename or ''}）", as_json)
    except Exception as exc:  # noqa: BLE001 - the edge: a clean line, the details on request
        if os.environ.get("XLFUND_DEBUG"):
            raise
        _fail(f"内部错误（{type(exc).__name__}：{exc}）。请设置环境变量 XLFUND_DEBUG=1 重试并报告此问题", as_json)
    return EXIT_NOTHING


def _fail(message: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"error": message}, ensure_ascii=False))
    click.echo(click.style(f"错误：{message}", fg="red"), err=True)


def _load(folder: Path, cap: Decimal | None, config: Path | None):
    from xlfund.consolidate import NothingToDo
    from xlfund.consolidate import consolidate as run_consolidate
    from xlfund.settings import load_settings

    if not folder.is_dir():
        raise NothingToDo(f"找不到文件夹：{folder}")
    settings = load_settings(folder, config).with_cap(cap)
    progress = None if not sys.stderr.isatty() else (lambda name: click.echo(f"\r正在读取：{name}\033[K", nl=False, err=True))
    result = run_consolidate(folder, settings, on_file=progress)
    if progress:
        click.echo("\r\033[K", nl=False, err=True)
    return result


def _consolidate(folder, output, cap, config, template, as_json) -> int:
    from xlfund.findings import finding, sort_findings
    from xlfund.scorecard import prepare_scorecard
    from xlfund.workbook import default_output_name, write_workbook

    result = _load(folder, cap, config)
    card = prepare_scorecard(result, template)
    result.findings = sort_findings(result.findings + card.findings)
    target = output or Path.cwd() / default_output_name(result)
    saved = write_workbook(result, target, card.writer)
    if saved.moved_aside:
        result.findings = sort_findings(result.findings + [finding("output-locked", path=str(saved.wanted), saved=str(saved.path))])
    _report(result, saved.path, as_json, card)
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _scorecard(folder, output, cap, config, template, as_json) -> int:
    from xlfund.findings import sort_findings
    from xlfund.scorecard import prepare_scorecard, write_scorecard_file

    result = _load(folder, cap, config)
    card = prepare_scorecard(result, template)
    result.findings = sort_findings(result.findings + card.findings)
    target = output or Path.cwd() / f"{result.settings.title}绩效自评表.xlsx"
    saved = write_scorecard_file(result, card, target)
    _report(result, saved.path, as_json, card)
    return EXIT_ERRORS if result.has_errors else EXIT_OK


def _report(result, path: Path, as_json: bool, card) -> None:
    from xlfund.report import as_json_dict, terminal_lines

    if as_json:
        click.echo(json.dumps(as_json_dict(result, path, card), ensure_ascii=False, indent=2))
        return
    for line, style in terminal_lines(result, path, card):
        click.echo(click.style(line, **style) if style else line)


if __name__ == "__main__":  # pragma: no cover
    main()
