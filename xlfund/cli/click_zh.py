"""Click's own words in Simplified Chinese (usage line, headings, standard help and errors).

Click looks its texts up through gettext (`_` in each of its modules); giving those modules a
lookup in this catalogue keeps every line the clerk sees in Chinese. Unknown texts stay as
they are, so a newer click degrades to English rather than failing.
"""

from __future__ import annotations

import importlib

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
}


def _lookup(message: str) -> str:
    return CATALOGUE.get(message, message)


def install() -> None:
    for name in ("click.core", "click.formatting", "click.exceptions", "click.decorators", "click.parser", "click.types"):
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = _lookup
