"""The fund's settings, from xlfund.toml (all money in 万元, read exactly).

Nothing here is quietly wrong: every value's type is checked, a TOML syntax error is explained
in Chinese with the offending line and how to fix it, and keys or sections the tool does not
know are returned as warnings (`Settings.warnings`) with the closest known name.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from xlfund.amounts import WAN, YUAN
from xlfund.vocab import DEFAULT_CATEGORIES

SETTINGS_FILE = "xlfund.toml"
EXCEL_MAX_ROWS = 1_048_576
YEAR_RANGE = (1990, 2100)

# Indicators computed from the consolidated data, unless the settings say otherwise.
DEFAULT_COMPUTED = {"到位率": "funding_rate", "产出数量": "recipient_count"}
COMPUTED_SOURCES = {
    "funding_rate": "分数 × MIN(1, 实际分配 ÷ 批复计划)",
    "recipient_count": "分数 × MIN(1, 受助单位数 ÷ 目标单位数)",
}

# The keys each section knows; None: the section's keys are free names (districts, indicators…).
KNOWN_KEYS: dict[str, tuple[str, ...] | None] = {
    "fund": ("name", "year", "cap", "plan", "target_recipients", "districts", "unit"),
    "quotas": None,
    "scores": None,
    "scorecard": ("computed",),
    "categories": None,
    "output": ("detail_max_rows",),
}

# The right form of each setting, shown in messages: (section, key) -> value as written in TOML.
_EXAMPLES = {
    ("fund", "name"): '"电子商务发展引导资金"',
    ("fund", "year"): "2025",
    ("fund", "cap"): "500",
    ("fund", "plan"): "490",
    ("fund", "target_recipients"): "50",
    ("fund", "districts"): '["高新区", "赫山区"]',
    ("fund", "unit"): '"万元"',
    ("output", "detail_max_rows"): "100000",
}
# For sections whose keys are free names: the example value for any key.
_FREE_EXAMPLES = {"quotas": "204", "scores": "4", "categories": '["推广", "宣传"]', "scorecard.computed": '"funding_rate"'}
_FREE_EXAMPLE_KEYS = {"quotas": "高新区", "scores": "目标内容", "categories": "推广营销", "scorecard.computed": "到位率"}


class SettingsError(Exception):
    """Settings that cannot be used; the message is Chinese and names the file and key."""


@dataclass(frozen=True)
class Settings:
    fund_name: str = "专项资金"
    year: int | None = None
    cap: Decimal | None = None
    plan: Decimal | None = None
    target_recipients: int | None = None
    quotas: dict[str, Decimal] = field(default_factory=dict)
    districts: tuple[str, ...] = ()
    default_unit: str = WAN
    scores: dict[str, Decimal] = field(default_factory=dict)
    computed: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COMPUTED))
    categories: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    detail_max_rows: int = EXCEL_MAX_ROWS - 1  # data rows per 明细 sheet, below its header
    source: str = ""  # the file these came from, for 说明
    # Chinese sentences about settings that were not used (unknown keys and sections, repeats);
    # the run goes on, and the caller shows them among its findings.
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return f"{self.year}年{self.fund_name}" if self.year else self.fund_name

    def known_districts(self) -> tuple[str, ...]:
        names = list(self.districts)
        names += [name for name in self.quotas if name not in names]
        return tuple(names)

    def with_cap(self, cap: Decimal | None) -> Settings:
        return self if cap is None else replace(self, cap=cap)


def load_settings(folder: Path, config: Path | None = None) -> Settings:
    """Read `config`, else FOLDER/xlfund.toml; no file means defaults."""
    path = config if config is not None else folder / SETTINGS_FILE
    if not path.exists():
        if config is not None:
            raise SettingsError(f"找不到设置文件：{path}")
        return Settings()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"设置文件 {path} 不是 UTF-8 编码，请用记事本打开，“另存为”时编码选 UTF-8") from exc
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(syntax_message(str(path), text, exc)) from exc
    return parse_settings(data, source=str(path), text=text)


def parse_settings(data: dict, source: str = "", text: str | None = None) -> Settings:
    """Check every setting in `data` (parsed TOML); `text`, when given, is used for line numbers.

    Raises SettingsError listing every value that cannot be used; unknown keys become warnings.
    """
    check = _Checker(source or SETTINGS_FILE, _Locator(text or ""))
    fund = check.table(data, "fund")
    output = check.table(data, "output")
    scorecard = check.table(data, "scorecard")
    districts, district_warnings = check.districts(fund)
    settings = Settings(
        fund_name=check.name(fund),
        year=check.year(fund),
        cap=check.money(fund, "cap"),
        plan=check.money(fund, "plan"),
        target_recipients=check.count(fund, "target_recipients"),
        quotas=check.numbers(data, "quotas", "额度", "万元"),
        districts=districts,
        default_unit=check.unit(fund),
        scores=check.numbers(data, "scores", "自评分", "分"),
        computed={**DEFAULT_COMPUTED, **check.computed(scorecard)},
        categories=check.categories(data),
        detail_max_rows=check.detail_max_rows(output),
        source=source,
    )
    if check.errors:
        raise SettingsError(check.error_message())
    warnings = [*unknown_key_warnings(data, check.locator, Path(check.file).name), *district_warnings]
    warnings += _quota_warnings(settings, check.locator, Path(check.file).name)
    return replace(settings, warnings=tuple(warnings))


# ---------------------------------------------------------------------------------------------
# Types and values


class _Checker:
    """Checks one value at a time, collecting every error so the clerk can fix them all at once."""

    def __init__(self, file: str, locator: _Locator):
        self.file = file
        self.locator = locator
        self.errors: list[tuple[int | None, str]] = []  # (line, message)

    def error_message(self) -> str:
        if len(self.errors) == 1:
            line, message = self.errors[0]
            return f"设置文件 {self.file}{_at(line)}：{message}"
        listed = [f"{i}. {_at(line).strip() or '（行号未知）'}：{message}" for i, (line, message) in enumerate(self.errors, 1)]
        return f"设置文件 {self.file} 有 {len(self.errors)} 处需要修改：\n" + "\n".join(listed)

    def fail(self, path: tuple[str, ...], message: str) -> None:
        self.errors.append((self.locator.line(path), message))

    def table(self, data: dict, key: str) -> dict:
        value = data.get(key, {})
        if isinstance(value, dict):
            return value
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            self.fail((key,), f"[{key}] 应只用一对方括号，现在写成了 [[{key}]]")
            return {}
        self.fail((key,), f"{key} 应为一节（单独一行写 [{key}]，下面逐行写设置），现在是 {_shown(value)}")
        return {}

    def name(self, fund: dict) -> str:
        value = fund.get("name", Settings.fund_name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail(("fund", "name"), f"name 应为文字（加英文双引号），例如 {_example('fund', 'name')}；现在是 {_shown(value)}")
        return Settings.fund_name

    def year(self, fund: dict) -> int | None:
        if "year" not in fund:
            return None
        value = fund["year"]
        low, high = YEAR_RANGE
        if _is_int(value) and low <= value <= high:
            return value
        self.fail(("fund", "year"), f"year 应为整数年份（{low}–{high}，不加引号），例如 {_example('fund', 'year')}；现在是 {_shown(value)}")
        return None

    def money(self, fund: dict, key: str) -> Decimal | None:
        if key not in fund:
            return None
        amount = _number(fund[key])
        if amount is None or amount < 0:
            self.fail(("fund", key), f"{key} 应为数字（万元，不加引号，不能为负数），例如 {_example('fund', key)}；现在是 {_shown(fund[key])}")
        return amount

    def count(self, fund: dict, key: str) -> int | None:
        if key not in fund:
            return None
        value = fund[key]
        if _is_int(value) and value >= 0:
            return value
        self.fail(("fund", key), f"{key} 应为不小于 0 的整数（单位个数，不加引号），例如 {_example('fund', key)}；现在是 {_shown(value)}")
        return None

    def districts(self, fund: dict) -> tuple[tuple[str, ...], list[str]]:
        if "districts" not in fund:
            return (), []
        value = fund["districts"]
        right = f"districts 应为列表，例如 {_example('fund', 'districts')}"
        if isinstance(value, str):
            names = [n for n in re.split(r"[\s,，、;；]+", value) if n]
            hint = f"；可改为 districts = [{', '.join(_quoted(n) for n in names)}]" if names else ""
            self.fail(("fund", "districts"), f"{right}（每个区县单独加英文双引号，用英文逗号隔开），现在是 {_shown(value)}{hint}")
            return (), []
        if not isinstance(value, list):
            self.fail(("fund", "districts"), f"{right}，现在是 {_shown(value)}")
            return (), []
        names = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.fail(("fund", "districts"), f"{right}，其中每一项都应为区县名称（加英文双引号），现在有一项是 {_shown(item)}")
            elif re.search(r"[\s,，、;；]", item.strip()):
                parts = [n for n in re.split(r"[\s,，、;；]+", item) if n]
                self.fail(("fund", "districts"), f"districts 中的 {_shown(item)} 像是几个区县写在了一起：每个区县单独加英文双引号、"
                          f"用英文逗号隔开，例如 districts = [{', '.join(_quoted(n) for n in parts)}]")
            else:
                names.append(item.strip())
        repeated = sorted({n for n in names if names.count(n) > 1}, key=names.index)
        line = self.locator.line(("fund", "districts"))
        warnings = [f"{Path(self.file).name}：districts 中“{n}”写了不止一次{_at_paren(line)}，只计一次。" for n in repeated]
        return tuple(dict.fromkeys(names)), warnings

    def unit(self, fund: dict) -> str:
        value = fund.get("unit", WAN)
        if value in (WAN, YUAN):
            return str(value)
        self.fail(("fund", "unit"), f'unit 只能是 "万元" 或 "元"（加英文双引号），例如 {_example("fund", "unit")}；现在是 {_shown(value)}')
        return WAN

    def numbers(self, data: dict, section: str, what: str, unit: str) -> dict[str, Decimal]:
        """[quotas] (district -> 万元) or [scores] (indicator -> 分): names to non-negative numbers."""
        table = self.table(data, section)
        numbers = {}
        for key, value in table.items():
            amount = _number(value)
            if amount is None or amount < 0:
                self.fail((section, key), f"[{section}] 中“{key}”的{what}应为数字（{unit}，不加引号，不能为负数），"
                          f"例如 {_quoted(key)} = {_FREE_EXAMPLES[section]}；现在是 {_shown(value)}")
            else:
                numbers[str(key)] = amount
        return numbers

    def computed(self, scorecard: dict) -> dict[str, str]:
        value = scorecard.get("computed", {})
        example = '[scorecard.computed] 下写 "到位率" = "funding_rate"'
        if not isinstance(value, dict):
            self.fail(("scorecard", "computed"), f"scorecard.computed 应为一节，例如 {example}；现在是 {_shown(value)}")
            return {}
        choices = " 或 ".join(_quoted(s) for s in COMPUTED_SOURCES)
        computed = {}
        for indicator, source in value.items():
            if source in COMPUTED_SOURCES:
                computed[str(indicator)] = str(source)
            else:
                self.fail(("scorecard", "computed", indicator), f"[scorecard.computed] 中“{indicator}”只能是 {choices}，"
                          f"例如 {_quoted(indicator)} = \"funding_rate\"；现在是 {_shown(source)}")
        return computed

    def categories(self, data: dict) -> dict[str, tuple[str, ...]]:
        if "categories" not in data:
            return dict(DEFAULT_CATEGORIES)
        table = self.table(data, "categories")
        categories = {}
        for name, words in table.items():
            right = f"例如 {_quoted(name)} = {_FREE_EXAMPLES['categories']}"
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                self.fail(("categories", name), f"[categories] 中“{name}”应为关键词列表（每个关键词加英文双引号），{right}；现在是 {_shown(words)}")
            elif any(not w.strip() for w in words):
                self.fail(("categories", name), f"[categories] 中“{name}”有空的关键词 \"\"，它会匹配所有用途，请删除；{right}")
            else:
                categories[str(name)] = tuple(w.strip() for w in words)
        return categories

    def detail_max_rows(self, output: dict) -> int:
        limit = EXCEL_MAX_ROWS - 1
        if "detail_max_rows" not in output:
            return limit
        value = output["detail_max_rows"]
        if _is_int(value) and 1 <= value <= limit:
            return value
        self.fail(("output", "detail_max_rows"), f"output.detail_max_rows 应为 1 到 {limit} 之间的整数（不加引号），"
                  f"例如 {_example('output', 'detail_max_rows')}；现在是 {_shown(value)}")
        return limit



def _at(line: int | None) -> str:
    return f" 第 {line} 行" if line else ""


def _at_paren(line: int | None) -> str:
    return f"（第 {line} 行）" if line else ""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: object) -> Decimal | None:
    """A finite number (TOML true/false, text and inf/nan are not), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return number if number.is_finite() else None


def _shown(value: object) -> str:
    """A value as the clerk wrote it in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "一节（表）"
    if isinstance(value, Decimal) and not value.is_finite():
        return "nan" if value.is_nan() else "inf" if value > 0 else "-inf"
    return str(value)


def _quoted(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _example(section: str, key: str) -> str:
    if (section, key) in _EXAMPLES:
        return f"{key} = {_EXAMPLES[section, key]}"
    if section in _FREE_EXAMPLES:
        return f"{_quoted(key)} = {_FREE_EXAMPLES[section]}"
    return f"{key} = 500"


# ---------------------------------------------------------------------------------------------
# Unknown keys and sections: warnings


def unknown_key_warnings(data: dict, locator: _Locator, file: str = SETTINGS_FILE) -> list[str]:
    """One Chinese sentence per key or section the tool does not read, with the closest known name."""
    warnings = []
    home = {key: section for section, keys in KNOWN_KEYS.items() for key in keys or ()}

    def unused(path: tuple[str, ...], what: str, hint: str, item: str = "项") -> None:
        warnings.append(f"{file}：{what}{_at_paren(locator.line(path))}，{hint}此{item}未生效。")

    for key, value in data.items():
        if key in KNOWN_KEYS:
            continue
        if isinstance(value, dict):
            unused((key,), f"未知的设置节 [{key}]", _did_you_mean(key, list(KNOWN_KEYS), "[{}]"), "节")
        elif key in home:
            unused((key,), f"设置项 {key} 写在了所有节的前面", f"应写在 [{home[key]}] 之下；")
        else:
            unused((key,), f"未知的设置项 {key}", _did_you_mean(key, list(home), "{}"))
    for section, keys in KNOWN_KEYS.items():
        table = data.get(section)
        if keys is None or not isinstance(table, dict):
            continue
        for key in table:
            if key in keys:
                continue
            if key in home:
                unused((section, key), f"设置项 {key} 写在了 [{section}] 中", f"应写在 [{home[key]}] 之下；")
            else:
                unused((section, key), f"未知的设置项 {key}", _did_you_mean(key, list(keys), "{}"))
    return warnings


def _did_you_mean(word: str, known: list[str], form: str) -> str:
    match = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.6)
    if match:
        return f"是不是 {form.format(match[0])}？"
    return "可用的有 " + "、".join(form.format(k) for k in known) + "；"


def _quota_warnings(settings: Settings, locator: _Locator, file: str) -> list[str]:
    """A quota for a district missing from `districts` is most often a typo in its name."""
    if not settings.districts:
        return []
    warnings = []
    for district in settings.quotas:
        if district in settings.districts:
            continue
        at = _at_paren(locator.line(("quotas", district)))
        match = difflib.get_close_matches(district, settings.districts, n=1, cutoff=0.5)
        hint = f"是不是“{match[0]}”？" if match else "请核对区县名称。"
        warnings.append(f"{file}：[quotas] 中的“{district}”{at}不在 districts 名单中，{hint}")
    return warnings


class _Locator:
    """Line numbers of sections and keys, from a simple scan of the text (first occurrence)."""

    def __init__(self, text: str):
        self.lines: dict[tuple[str, ...], int] = {}
        section: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), 1):
            code = _split_comment(line)[0].strip()
            header = re.fullmatch(r"\[\[?\s*(.+?)\s*\]\]?", code)
            if header:
                section = _key_parts(header.group(1))
                self.lines.setdefault(section, number)
            elif "=" in code:
                key = _key_parts(code.partition("=")[0])
                for depth in range(1, len(key) + 1):
                    self.lines.setdefault(section + key[:depth], number)

    def line(self, path: tuple[str, ...]) -> int | None:
        return self.lines.get(tuple(str(p) for p in path))


def _key_parts(key: str) -> tuple[str, ...]:
    """`a."b.c".d` -> ("a", "b.c", "d")."""
    return tuple(next(p for p in m if p) if any(m) else "" for m in re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s"\']+)', key))


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


def _segments(code: str) -> list[tuple[bool, str]]:
    """The line cut into (inside ASCII quotes?, text) pieces."""
    pieces: list[tuple[bool, str]] = []
    current, quote, escaped = "", "", False
    for ch in code:
        if quote:
            current += ch
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                pieces.append((True, current))
                current, quote = "", ""
        elif ch in "\"'":
            if current:
                pieces.append((False, current))
            current, quote = ch, ch
        else:
            current += ch
    if current:
        pieces.append((bool(quote), current))
    return pieces


def _split_comment(line: str) -> tuple[str, str]:
    """(code, comment) where the comment starts at the first # outside quotes."""
    position = 0
    for quoted, part in _segments(line):
        if not quoted and "#" in part:
            cut = position + part.index("#")
            return line[:cut], line[cut:]
        position += len(part)
    return line, ""


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
