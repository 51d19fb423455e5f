"""Click's own words in Simplified Chinese (usage line, headings, standard help and errors).

Click looks its texts up through gettext (`_` in each of its modules); giving those modules a
lookup in this catalogue keeps every line the clerk sees in Chinese. Unknown texts stay as
they are, so a newer click degrades to English rather than failing.

Punctuation is Chinese as far as click lets it be changed from outside: the catalogue quotes
with “” (its {name!r} gave '--cap'), the names of parameters and the suggestions are quoted
by our own functions, the help formatter writes "用法：" and "选项：" and lays out and wraps
by display width, and a missing argument is told by our Argument. What click still hard-codes:
the space between an unknown option's message and its suggestion ("没有选项“--outptu”。
是不是“--output”？"), and "Error: " lines of errors raised outside our commands' parsing
(none that a clerk meets).
"""

from __future__ import annotations

import functools
import importlib
import re
from decimal import Decimal, InvalidOperation

import click

from xlfund.cli.width import columns, join_lines, wrap
from xlfund.limits import MAX_AMOUNT_WAN

CATALOGUE = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令“{name}”。",
    "No such option {name!r}.": "没有选项“{name}”。",
    "Option {name!r} does not take a value.": "选项“{name}”不需要值。",
    "Invalid value for {param_hint}: {message}": "{param_hint}的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "default: {default}": "默认：{default}",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "Aborted!": "已中止。",
    "Did you mean {possibility}?": "是不是{possibility}？",
    "(Did you mean one of: {possibilities}?)": "是不是以下之一：{possibilities}？",
    "Option {name!r} requires an argument.": "选项“{name}”后面需要给出一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面需要给出 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）：文件夹只能给一个，带空格的名称请加引号",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）：文件夹只能给一个，带空格的名称请加引号",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not {choice}.": "“{value}”无效，只能是{choice}。",
    "{value!r} is not one of {choices}.": "“{value}”无效，只能是{choices}之一。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”无法执行。",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "float": "数字",
    "boolean": "是/否",
}

OPTIONS_METAVAR = "[选项]"
COMMAND_METAVAR = "命令 [参数]..."


def _lookup(message: str) -> str:
    return CATALOGUE.get(message, message)


def _plural_lookup(singular: str, plural: str, n: int) -> str:
    message = singular if n == 1 else plural
    return CATALOGUE.get(message, message)


def quoted(names) -> str:
    """Names as a Chinese sentence quotes them: “--cap”, “2018”或“2020”."""
    names = [names] if isinstance(names, str) else list(names)
    return "或".join(f"“{n}”" for n in names)


def _join_param_hints(param_hint):
    return param_hint if param_hint is None or isinstance(param_hint, str) else quoted(param_hint)


def _format_possibilities(possibilities: list[str]) -> str:
    return _plural_lookup("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", len(possibilities)).format(
        possibility=quoted(sorted(possibilities)), possibilities="、".join(quoted(p) for p in sorted(possibilities)))


def install() -> None:
    for name in ("click.core", "click.formatting", "click.exceptions", "click.decorators", "click.parser", "click.types"):
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _lookup
        if hasattr(module, "ngettext"):
            module.ngettext = _plural_lookup
    # The two helpers that quote with repr() ('--cap', '--output'): module functions, as `_` is.
    exceptions = importlib.import_module("click.exceptions")
    exceptions._join_param_hints = _join_param_hints
    exceptions._format_possibilities = _format_possibilities


def _error_hint(param: click.Parameter, ctx: click.Context | None) -> str:
    """How an error names a parameter: “--cap”, “文件夹” (click writes '--cap')."""
    if isinstance(param, click.Argument):
        return quoted(param.metavar or param.human_readable_name)
    return quoted("/".join(param.opts))


class Formatter(click.HelpFormatter):
    """Help laid out by display width, with Chinese colons: “用法：xlfund check [选项] 文件…”."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, CATALOGUE["Usage:"] if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        """Paragraphs rewrapped by display width and joined without spaces between Chinese
        lines; a paragraph after a \\b line is kept as written (as click does)."""
        indent = " " * self.current_indent
        done = []
        for paragraph in re.split(r"\n[ \t]*\n", text):
            lines = paragraph.splitlines()
            if lines and lines[0].strip() == "\b":
                done.append("\n".join(indent + line for line in lines[1:]))
            else:
                done.append("\n".join(indent + line for line in wrap(join_lines(lines), max(self.width - self.current_indent, 20))))
        self.write("\n\n".join(done) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """Options and commands in two columns aligned by display width (click counts characters)."""
        rows = list(rows)
        first_col = min(max((columns(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            lines = wrap(second, max(self.width - first_col - self.current_indent, 20)) if second else []
            if not lines or columns(first) > first_col - col_spacing:
                self.write(f"{indent}{first}\n")
                lines and self.write(f"{indent}{' ' * first_col}{lines.pop(0)}\n")
            else:
                self.write(f"{indent}{first}{' ' * (first_col - columns(first))}{lines.pop(0)}\n")
            for line in lines:
                self.write(f"{indent}{' ' * first_col}{line}\n")


class Context(click.Context):
    formatter_class = Formatter


class Argument(click.Argument):
    """A required argument told missing in Chinese: click writes "缺少参数 '文件夹'." with its
    own quote and full stop."""

    def process_value(self, ctx: click.Context, value):
        try:
            return super().process_value(ctx, value)
        except click.MissingParameter as exc:
            raise click.UsageError(f"缺少{(self.metavar or self.human_readable_name).rstrip('.')}。", ctx) from exc


class Choice(click.Choice):
    """One of a few words, refused in Chinese: “2019”无效，只能是“2018”或“2020”."""

    def get_invalid_choice_message(self, value, ctx) -> str:
        return f"“{value}”无效，只能是{quoted(self.choices)}。"


class Command(click.Command):
    """A command whose usage line reads “用法：xlfund consolidate [选项] 文件夹”, and whose
    errors name its parameters in Chinese quotes."""

    context_class = Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)
        for param in self.params:
            # click's Parameter.get_error_hint quotes with '…'; this instance's own is used instead.
            param.get_error_hint = functools.partial(_error_hint, param)


class Group(click.Group):
    """The top command: Chinese usage line, and the streams made safe before anything prints."""

    command_class = Command
    context_class = Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", COMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def main(self, *args, **kwargs):
        from xlfund.cli.console import prepare_streams

        prepare_streams()
        return super().main(*args, **kwargs)


class Count(click.ParamType):
    """A whole number (year, recipients) with Chinese messages; 0 stays 0."""

    name = "整数"

    def __init__(self, what: str, low: int = 0, high: int | None = None):
        self.what, self.low, self.high = what, low, high

    def convert(self, value, param, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not text.isascii() or not text.lstrip("-").isdigit():
                self.fail(f"“{value}”不是整数（{self.what}，只写阿拉伯数字，如 2025）", param, ctx)
            number = int(text)
        if number < self.low or (self.high is not None and number > self.high):
            upper = f"到 {self.high}" if self.high is not None else "或以上"
            self.fail(f"“{value}”超出范围（{self.what}应为 {self.low} {upper}）", param, ctx)
        return number


class Money(click.ParamType):
    name = "万元"

    def convert(self, value, param, ctx):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail(f"“{value}”不是数字（单位：万元）", param, ctx)
        if not amount.is_finite() or amount < 0:
            self.fail(f"“{value}”应为不小于 0 的数字（单位：万元）", param, ctx)
        if amount >= MAX_AMOUNT_WAN:  # 1e400 parses, but no sum with it can be exact
            self.fail(f"“{value}”大得不合理（应小于 {MAX_AMOUNT_WAN:,} 万元）", param, ctx)
        return amount
