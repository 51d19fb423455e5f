"""TOML syntax errors: the line, the likely cause and the fix, in Chinese."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable

from xlfund.settings.locator import _key_parts, _segments, _split_comment
from xlfund.settings.values import _example, _quoted

# ---------------------------------------------------------------------------------------------
# TOML syntax errors: the line, the likely cause and the fix, in Chinese

_FULL_WIDTH = {
    "“": '"', "”": '"', "‘": "'", "’": "'", "＂": '"', "，": ",", "：": "=", "＝": "=", "［": "[", "］": "]",
    "｛": "{", "｝": "}", "＃": "#", "．": ".", "、": ",", "　": " ", "－": "-", "＋": "+",
    **{chr(0xFF10 + d): str(d) for d in range(10)},
}
_CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億点]+(?:万元|元|万|分|个|家)?")
_NUMBER_WITH_WORDS = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*([\u3400-\u9fff]+)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GENERAL_FIX = '对照 xlfund init 生成的设置文件修改：文字加英文双引号，数字直接写，列表写成 ["甲", "乙"]，说明文字写在 # 后面'
_QUOTE_FIX = "在文字末尾补上英文双引号 \"（开头和结尾的引号都要是英文的）"
_BACKSLASH = ("文字中的反斜杠 \\ 有特殊含义", "把 \\ 写成 \\\\，或把整段文字改用英文单引号 ' 括起来")
_TWICE_FIX = "删除重复的一处：同一节中每个名称只能写一次，每一节也只能出现一次"
# tomllib's messages (by their start): (cause, fix) in Chinese.
_TOML_MESSAGES: list[tuple[str, tuple[str, str]]] = [
    ("Invalid value", ("值无法识别", _GENERAL_FIX)),
    ("Unclosed array", ("列表的方括号 [ ] 没有配对，或列表各项之间没有用英文逗号隔开",
                        '在列表末尾补上英文右方括号 ]，各项之间用英文逗号隔开，例如 districts = ["高新区", "赫山区"]')),
    ("Unclosed inline table", ("花括号 { } 没有配对", "补上英文右花括号 }，或改成单独的一节 [节名]")),
    ("Invalid statement", ("这一行无法识别（应为“名称 = 值”或“[节名]”）", _GENERAL_FIX)),
    ("Expected '=' after a key", ("名称后面缺少英文等号 =", "写成“名称 = 值”，例如 cap = 500")),
    ("Expected ']' at the end of a table", ("节名缺少右方括号 ]", "写成 [fund] 这样，左右方括号都用英文的")),
    ("Expected ']]'", ("节名缺少右方括号 ]]", "写成 [[节名]]，或改为 [节名]")),
    ("Cannot overwrite a value", ("同一个设置项写了两次", _TWICE_FIX)),
    ("Cannot declare", ("同一节写了两次", _TWICE_FIX)),
    ("Cannot redefine namespace", ("同一节写了两次", _TWICE_FIX)),
    ("Cannot mutate immutable namespace", ("同一个设置项写了两次", _TWICE_FIX)),
    ("Duplicate inline table key", ("同一个设置项写了两次", _TWICE_FIX)),
    ("Unterminated string", ("引号没有配对（文字缺少结尾的英文双引号）", _QUOTE_FIX)),
    ("Illegal character '\\n'", ("引号没有配对（文字缺少结尾的英文双引号）", _QUOTE_FIX)),
    ("Illegal character", ("含有设置文件中不允许的字符（如制表符以外的控制字符）", "删除这个字符后重新输入")),
    ("Unescaped '\\'", _BACKSLASH),
    ("Invalid hex value", _BACKSLASH),
    ("Escaped character", _BACKSLASH),
    ("Invalid date", ("日期写法有误", "日期写成 2025-03-31，或加英文双引号作为文字")),
    ("Expected newline or end of document", ("一行只能写一项，值的后面有多余的内容", "删除多余的内容；说明文字要写在 # 后面")),
    ("Invalid initial character for a key", ("名称写法有误", "含中文的名称要加英文双引号，例如 \"高新区\" = 204")),
]


def syntax_message(file: str, text: str, exc: tomllib.TOMLDecodeError) -> str:
    """A TOML syntax error in Chinese: the file and line, the line itself, the likely cause and the fix."""
    lines = text.splitlines() or [""]
    message = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if found:
        number = min(int(found.group(1)), len(lines))
    else:  # "(at end of document)": the last line with something on it
        number = max((i for i, line in enumerate(lines, 1) if _split_comment(line)[0].strip()), default=len(lines))
    if message.startswith("Unclosed array"):
        number = _array_start(lines, number)
    line = lines[number - 1]
    cause, fix, corrected = _diagnose(line, _section_before(lines, number))
    if cause is None:
        cause, fix = next((zh for en, zh in _TOML_MESSAGES if message.startswith(en)), ("写法不符合设置文件的格式", _GENERAL_FIX))
    parts = [f"设置文件 {file} 第 {number} 行格式有误：{cause}", f"  第 {number} 行：{line.strip()}", f"改法：{fix}"]
    if corrected is not None:
        parts.append(f"  可改为：{corrected.strip()}")
    return "\n".join(parts)


def _diagnose(line: str, section: str) -> tuple[str | None, str, str | None]:
    """The common slips, recognised from the line alone: (cause, fix, corrected line)."""
    code, comment = _split_comment(line)
    outside = "".join(part for quoted, part in _segments(code) if not quoted)
    wide = [ch for ch in dict.fromkeys(outside) if ch in _FULL_WIDTH]
    if wide:
        shown = " ".join(ch if ch != "　" else "（全角空格）" for ch in wide)
        corrected = _replace_outside_quotes(code, lambda part: "".join(_FULL_WIDTH.get(ch, ch) for ch in part))
        return (f"用了中文（全角）符号 {shown}",
                "设置文件中的引号、逗号、等号、方括号和数字都要用英文（半角）符号：切换到英文输入法重新输入这些符号", corrected + comment)
    if "=" not in code:
        return None, "", None
    key, _, value = (part.strip() for part in code.partition("="))
    bare_key = key.strip("\"'")
    shown_key = key if key == bare_key else f"“{bare_key}”"
    example = _example(section, bare_key)
    if key and _CJK.search(key) and not key.startswith(("\"", "'")):
        corrected = f"{_quoted(key)} = {value}"
        return f"名称“{key}”含有中文，要加英文双引号", "把名称用英文双引号括起来", corrected + comment
    if not value:
        return (f"{shown_key} 的等号后面没有填写值", f"在等号后面填写，例如 {example}；不需要这一项时删除这一行，或在行首加 # ",
                None)
    if _CHINESE_NUMERAL.fullmatch(value):
        unit = _unit_of(section, bare_key)
        digits = f"（以{unit}计）" if unit else ""
        return f"{shown_key} 的值“{value}”是中文数字", f"数字要写阿拉伯数字{digits}，不加引号，例如 {example}", None
    with_unit = _NUMBER_WITH_WORDS.fullmatch(value)
    if with_unit:
        unit = _unit_of(section, bare_key)
        note = f"（以{unit}计）" if unit else ""
        return (f"{shown_key} 的值“{value}”在数字后面写了“{with_unit.group(2)}”", f"数字后面不要写单位或文字{note}，例如 {example}",
                f"{key} = {with_unit.group(1)}" + comment)
    if _CJK.search("".join(part for quoted, part in _segments(value) if not quoted)):
        if value.startswith("["):
            items = [item.strip().strip("\"'") for item in value.strip("[]").split(",") if item.strip()]
            corrected = f"{key} = [" + ", ".join(_quoted(item) for item in items) + "]"
            return f"{shown_key} 列表中的文字没有加引号", "列表中每一项文字都要加英文双引号，用英文逗号隔开", corrected + comment
        return f"{shown_key} 的值“{value}”是文字，但没有加引号", "文字要用英文双引号括起来", f"{key} = {_quoted(value)}" + comment
    return None, "", None


def _unit_of(section: str, key: str) -> str:
    if section == "scores":
        return "分"
    return "万元" if section == "quotas" or (section == "fund" and key in ("cap", "plan")) else ""


def _replace_outside_quotes(code: str, change: Callable[[str], str]) -> str:
    return "".join(part if quoted else change(part) for quoted, part in _segments(code))


def _section_before(lines: list[str], number: int) -> str:
    for line in reversed(lines[:number - 1]):
        header = re.fullmatch(r"\[\[?\s*(.+?)\s*\]\]?", _split_comment(line)[0].strip())
        if header:
            return ".".join(_key_parts(header.group(1)))
    return ""


def _array_start(lines: list[str], number: int) -> int:
    """For "Unclosed array": the line where the unclosed list began (TOML reports where it noticed)."""
    depth = 0
    for index in range(number, 0, -1):
        code = "".join(part for quoted, part in _segments(_split_comment(lines[index - 1])[0]) if not quoted)
        depth += code.count("]") - code.count("[")
        if depth < 0 and "=" in code:
            return index
        if index < number and re.fullmatch(r"\s*\[[^\]]*\]\s*", code):
            depth = 0  # a section header: reset
    return number
