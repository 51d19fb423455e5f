"""Check each setting's type and value, collecting every error so the clerk fixes them at once."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from xlfund.amounts import WAN, YUAN
from xlfund.findings import Finding, Place, finding
from xlfund.limits import MAX_AMOUNT_WAN, MAX_CATEGORY_WORDS, MAX_DISTRICTS, MAX_RECIPIENTS
from xlfund.settings.locator import _Locator
from xlfund.settings.schema import (
    _EXAMPLES,
    _FREE_EXAMPLES,
    COMPUTED_SOURCES,
    EXCEL_MAX_ROWS,
    INDICATOR_FIELDS,
    INDICATOR_SOURCES,
    SCORECARD_TEXTS,
    YEAR_RANGE,
    IndicatorSetting,
    Settings,
)
from xlfund.vocab import DEFAULT_PURPOSE_GROUPS

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

    def form(self, scorecard: dict) -> str:
        value = scorecard.get("form", "2018")
        if str(value) in ("2018", "2020"):
            return str(value)
        self.fail(("scorecard", "form"), f"form 只能是 \"2018\" 或 \"2020\"，例如 {_example('scorecard', 'form')}；现在是 {_shown(value)}")
        return "2018"

    def optional_text(self, table: dict, section: str, key: str) -> str | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail((section, key), f"{key} 应为文字（加英文双引号），例如 {_example(section, key)}；现在是 {_shown(value)}")
        return None

    def names(self, table: dict, section: str, key: str) -> tuple[str, ...]:
        """A list of names (["测算表", "Sheet2"])."""
        value = table.get(key, [])
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.fail((section, key), f"{key} 应为名称的列表，每个名称加英文双引号，例如 {_example(section, key)}；现在是 {_shown(value)}")
        return ()

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
        elif amount >= MAX_AMOUNT_WAN:
            self.fail(("fund", key), f"{key} 的值 {_shown(fund[key])} 大得不合理（应小于 {MAX_AMOUNT_WAN:,} 万元），"
                      f"例如 {_example('fund', key)}")
            return None
        return amount

    def count(self, fund: dict, key: str) -> int | None:
        if key not in fund:
            return None
        value = fund[key]
        if _is_int(value) and 0 <= value <= MAX_RECIPIENTS:
            return value
        self.fail(("fund", key), f"{key} 应为不小于 0 的整数（单位个数，不加引号，不超过 {MAX_RECIPIENTS:,}），"
                  f"例如 {_example('fund', key)}；现在是 {_shown(value)}")
        return None

    def districts(self, fund: dict) -> tuple[tuple[str, ...], list[Finding]]:
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
        if len(value) > MAX_DISTRICTS:
            self.fail(("fund", "districts"), f"districts 有 {len(value):,} 项，超过上限 {MAX_DISTRICTS:,}（全国的县级行政区约 2,850 个），请确认名单")
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
        counted = Counter(names)
        repeated = [n for n in counted if counted[n] > 1]  # in the order first written
        line = self.locator.line(("fund", "districts"))
        place = Place(Path(self.file).name, line=line or 0)
        warnings = [finding("settings-district-repeated", place, district=n) for n in repeated]
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
        if len(table) > MAX_DISTRICTS:
            self.fail((section,), f"[{section}] 有 {len(table):,} 项，超过上限 {MAX_DISTRICTS:,}，请确认")
            return numbers
        for key, value in table.items():
            amount = _number(value)
            if amount is not None and amount >= MAX_AMOUNT_WAN:
                self.fail((section, key), f"[{section}] 中“{key}”的{what} {_shown(value)} 大得不合理（应小于 {MAX_AMOUNT_WAN:,}）")
            elif amount is None or amount < 0:
                self.fail((section, key), f"[{section}] 中“{key}”的{what}应为数字（{unit}，不加引号，不能为负数），"
                          f"例如 {_quoted(key)} = {_FREE_EXAMPLES[section]}；现在是 {_shown(value)}")
            else:
                numbers[str(key)] = amount
        return numbers

    def indicators(self, data: dict) -> dict[str, IndicatorSetting]:
        """[indicators] (2020 form): a figure of the data, an actual as a number, or a table of
        data / target / actual / reason."""
        found: dict[str, IndicatorSetting] = {}
        for key, value in self.table(data, "indicators").items():
            if isinstance(value, str) and value in INDICATOR_SOURCES:
                found[str(key)] = IndicatorSetting(data=value)
            elif isinstance(value, dict):
                found[str(key)] = self._indicator_table(str(key), value)
            elif (number := _number(value)) is not None and 0 <= number < MAX_AMOUNT_WAN:
                found[str(key)] = IndicatorSetting(actual=number)
            else:
                choices = "、".join(f'"{k}"' for k in INDICATOR_SOURCES)
                self.fail(("indicators", key), f"[indicators] 中“{key}”应为 {choices} 之一，或实际完成值（数字），"
                          f"或 {{ target = \"≥500人\", actual = 320 }}，例如 {_quoted(key)} = \"recipient_count\" 或 "
                          f"{_quoted(key)} = 320；现在是 {_shown(value)}")
        return found

    def _indicator_table(self, key: str, table: dict) -> IndicatorSetting:
        fields: dict[str, object] = {}
        for name, value in table.items():
            where = ("indicators", key, name)
            if name not in INDICATOR_FIELDS:
                known = "、".join(f"{k}（{v}）" for k, v in INDICATOR_FIELDS.items())
                self.fail(where, f"[indicators] 中“{key}”的 {name} 不认识，只能写 {known}")
            elif name == "data" and value not in INDICATOR_SOURCES:
                choices = "、".join(f'"{k}"（{v}）' for k, v in INDICATOR_SOURCES.items())
                self.fail(where, f"[indicators] 中“{key}”的 data 应为 {choices} 之一；现在是 {_shown(value)}")
            elif name == "reason" and not isinstance(value, str):
                self.fail(where, f"[indicators] 中“{key}”的 reason 应为文字（加英文双引号）；现在是 {_shown(value)}")
            elif isinstance(value, str):
                fields[name] = value
            elif (number := _number(value)) is not None and abs(number) < MAX_AMOUNT_WAN:
                fields[name] = number
            else:
                self.fail(where, f"[indicators] 中“{key}”的 {name} 应为文字或数字，例如 target = \"≥90%\"；现在是 {_shown(value)}")
        return IndicatorSetting(**fields)

    def scorecard_texts(self, scorecard: dict) -> dict[str, str]:
        """[scorecard] goal, department…: the 2020 form's own texts."""
        texts = {}
        for key in SCORECARD_TEXTS:
            if key not in scorecard:
                continue
            value = scorecard[key]
            if isinstance(value, str):
                texts[key] = value
            else:
                self.fail(("scorecard", key), f"[scorecard] 中 {key}（{SCORECARD_TEXTS[key]}）应为文字（加英文双引号）；现在是 {_shown(value)}")
        return texts

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

    def purpose_groups(self, data: dict) -> dict[str, tuple[str, ...]]:
        if "categories" not in data:
            return dict(DEFAULT_PURPOSE_GROUPS)
        table = self.table(data, "categories")
        categories = {}
        words = sum(len(v) for v in table.values() if isinstance(v, list))
        if words > MAX_CATEGORY_WORDS:  # every distinct purpose is matched against every keyword
            self.fail(("categories",), f"[categories] 共有 {words:,} 个关键词，超过上限 {MAX_CATEGORY_WORDS:,}，请精简")
            return dict(DEFAULT_PURPOSE_GROUPS)
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


