"""The fund's settings, from xlfund.toml (all money in 万元, read exactly).

Nothing here is quietly wrong: every value's type is checked, a TOML syntax error is explained
in Chinese with the offending line and how to fix it, and keys or sections the tool does not
know are returned as warnings (`Settings.warnings`) with the closest known name.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from xlfund.limits import MAX_SETTINGS_BYTES, MAX_SETTINGS_DEPTH, size_text
from xlfund.settings.locator import _Locator
from xlfund.settings.nesting import deepest
from xlfund.settings.schema import (  # noqa: F401 - the settings API, in one place
    COMPUTED_SOURCES,
    DEFAULT_COMPUTED,
    EXCEL_MAX_ROWS,
    INDICATOR_FIELDS,
    KNOWN_KEYS,
    SCORECARD_TEXTS,
    SETTINGS_FILE,
    YEAR_RANGE,
    IndicatorSetting,
    Settings,
    SettingsError,
)
from xlfund.settings.syntax import syntax_message
from xlfund.settings.unknown import _quota_warnings, unknown_key_warnings
from xlfund.settings.values import _Checker


def load_settings(folder: Path, config: Path | None = None) -> Settings:
    """Read `config`, else FOLDER/xlfund.toml; no file means defaults."""
    path = config if config is not None else folder / SETTINGS_FILE
    if not path.exists():
        if config is not None:
            raise SettingsError(f"找不到设置文件：{path}")
        return Settings()
    if path.stat().st_size > MAX_SETTINGS_BYTES:
        raise SettingsError(f"设置文件 {path} 有 {size_text(path.stat().st_size)}，超过上限 {size_text(MAX_SETTINGS_BYTES)}："
                            "xlfund init 写出的设置文件只有几 KB，请确认没有选错文件")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"设置文件 {path} 不是 UTF-8 编码，请用记事本打开，“另存为”时编码选 UTF-8") from exc
    depth, line = deepest(text)  # before tomllib, which recurses and slows down on deep nesting
    if depth > MAX_SETTINGS_DEPTH:
        raise SettingsError(f"设置文件 {path} 第 {line} 行嵌套过深（{depth} 层，上限 {MAX_SETTINGS_DEPTH} 层）：列表套列表、"
                            "{…} 套 {…}，或 a.b.c 这样的名称分了太多段。请对照 xlfund init 生成的设置文件修改")
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(syntax_message(str(path), text, exc)) from exc
    except RecursionError as exc:  # the scan above should have said so; never a traceback
        raise SettingsError(f"设置文件 {path} 嵌套过深，请对照 xlfund init 生成的设置文件修改") from exc
    return parse_settings(data, source=str(path), text=text)


def parse_settings(data: dict, source: str = "", text: str | None = None) -> Settings:
    """Check every setting in `data` (parsed TOML); `text`, when given, is used for line numbers.

    Raises SettingsError listing every value that cannot be used; unknown keys become warnings.
    """
    check = _Checker(source or SETTINGS_FILE, _Locator(text or ""))
    fund = check.table(data, "fund")
    output = check.table(data, "output")
    scorecard = check.table(data, "scorecard")
    columns = check.table(data, "columns")
    sheets = check.table(data, "sheets")
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
        purpose_groups=check.purpose_groups(data),
        detail_max_rows=check.detail_max_rows(output),
        amount_column=check.optional_text(columns, "columns", "amount"),
        skip_sheets=check.names(sheets, "sheets", "skip"),
        scorecard_form=check.form(scorecard),
        indicators=check.indicators(data),
        scorecard_texts=check.scorecard_texts(scorecard),
        source=source,
    )
    if check.errors:
        raise SettingsError(check.error_message())
    warnings = [*unknown_key_warnings(data, check.locator, Path(check.file).name), *district_warnings]
    warnings += _quota_warnings(settings, check.locator, Path(check.file).name)
    return replace(settings, warnings=tuple(warnings))

