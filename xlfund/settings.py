"""The fund's settings, from xlfund.toml (all money in 万元, read exactly)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from xlfund.amounts import WAN, YUAN
from xlfund.vocab import DEFAULT_CATEGORIES

SETTINGS_FILE = "xlfund.toml"
EXCEL_MAX_ROWS = 1_048_576

# Indicators computed from the consolidated data, unless the settings say otherwise.
DEFAULT_COMPUTED = {"到位率": "funding_rate", "产出数量": "recipient_count"}
COMPUTED_SOURCES = {
    "funding_rate": "分数 × MIN(1, 实际分配 ÷ 批复计划)",
    "recipient_count": "分数 × MIN(1, 受助单位数 ÷ 目标单位数)",
}


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
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise SettingsError(f"设置文件 {path.name} 不是 UTF-8 编码，请用记事本另存为 UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"设置文件 {path.name} 格式有误：{exc}") from exc
    return parse_settings(data, source=str(path))


def parse_settings(data: dict, source: str = "") -> Settings:
    fund = _table(data, "fund", source)
    name = source or SETTINGS_FILE
    settings = Settings(
        fund_name=str(fund.get("name", Settings.fund_name)),
        year=_optional_int(fund, "year", name),
        cap=_optional_money(fund, "cap", name),
        plan=_optional_money(fund, "plan", name),
        target_recipients=_optional_int(fund, "target_recipients", name),
        quotas={str(k): _money(v, f"quotas.{k}", name) for k, v in _table(data, "quotas", name).items()},
        districts=tuple(str(d) for d in fund.get("districts", ())),
        default_unit=_unit(fund.get("unit", WAN), name),
        scores={str(k): _money(v, f"scores.{k}", name) for k, v in _table(data, "scores", name).items()},
        computed={**DEFAULT_COMPUTED, **_computed(_table(data, "scorecard", name).get("computed", {}), name)},
        categories=_categories(data.get("categories"), name),
        detail_max_rows=_default(_optional_int(_table(data, "output", name), "detail_max_rows", name), EXCEL_MAX_ROWS - 1),
        source=source,
    )
    if settings.detail_max_rows < 1 or settings.detail_max_rows > EXCEL_MAX_ROWS - 1:
        raise SettingsError(f"{name}：output.detail_max_rows 应在 1 到 {EXCEL_MAX_ROWS - 1} 之间")
    return settings


def _default(value: int | None, default: int) -> int:
    return default if value is None else value


def _table(data: dict, key: str, name: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SettingsError(f"{name}：[{key}] 应为一个表（section）")
    return value


def _money(value: object, key: str, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise SettingsError(f"{name}：{key} 应为数字（万元），实为“{value}”")
    amount = Decimal(value)
    if amount < 0:
        raise SettingsError(f"{name}：{key} 不能为负数")
    return amount


def _optional_money(table: dict, key: str, name: str) -> Decimal | None:
    return None if key not in table else _money(table[key], key, name)


def _optional_int(table: dict, key: str, name: str) -> int | None:
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError(f"{name}：{key} 应为整数，实为“{value}”")
    return value


def _unit(value: object, name: str) -> str:
    if value not in (WAN, YUAN):
        raise SettingsError(f"{name}：fund.unit 只能是“万元”或“元”")
    return str(value)


def _categories(value: object, name: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return dict(DEFAULT_CATEGORIES)
    if not isinstance(value, dict) or not all(isinstance(v, list) and all(isinstance(w, str) for w in v) for v in value.values()):
        raise SettingsError(f'{name}：[categories] 每项应为关键词列表，如 "推广营销" = ["推广", "宣传"]')
    return {str(k): tuple(v) for k, v in value.items()}


def _computed(value: object, name: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise SettingsError(f"{name}：scorecard.computed 应为表")
    for indicator, source in value.items():
        if source not in COMPUTED_SOURCES:
            choices = "、".join(COMPUTED_SOURCES)
            raise SettingsError(f"{name}：scorecard.computed.{indicator} 只能是 {choices}")
    return {str(k): str(v) for k, v in value.items()}
