"""Click's own words in Simplified Chinese (usage line, headings, standard help and errors).

Click looks its texts up through gettext (`_` in each of its modules); giving those modules a
lookup in this catalogue keeps every line the clerk sees in Chinese. Unknown texts stay as
they are, so a newer click degrades to English rather than failing.
"""

from __future__ import annotations

import importlib

import click

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
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "default: {default}": "默认：{default}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "integer": "整数",
    "Aborted!": "已中止。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是以下之一：{possibilities}？）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面需要给出一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面需要给出 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）：文件夹只能给一个，带空格的名称请加引号",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）：文件夹只能给一个，带空格的名称请加引号",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "Invalid start character for option ({option})": "选项的开头字符无效（{option}）",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} 无效，只能是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 无效，只能是 {choices} 之一。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 无法读取。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 无法写入。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 无法执行。",
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


def install() -> None:
    for name in ("click.core", "click.formatting", "click.exceptions", "click.decorators", "click.parser", "click.types"):
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _lookup
        if hasattr(module, "ngettext"):
            module.ngettext = _plural_lookup


class Command(click.Command):
    """A command whose usage line reads “用法：xlfund consolidate [选项] 文件夹”."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """The top command: Chinese usage line, and the streams made safe before anything prints."""

    command_class = Command

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
