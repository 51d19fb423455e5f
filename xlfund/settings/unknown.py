"""Keys and sections the tool does not know: warnings with the closest known name."""

from __future__ import annotations

import difflib

from xlfund.findings import Finding, Place, finding
from xlfund.settings.locator import _Locator
from xlfund.settings.schema import KNOWN_KEYS, SETTINGS_FILE, Settings

# ---------------------------------------------------------------------------------------------
# Unknown keys and sections: warnings


def unknown_key_warnings(data: dict, locator: _Locator, file: str = SETTINGS_FILE) -> list[Finding]:
    """One warning per key or section the tool does not read, at its line, with the closest known name."""
    warnings = []
    home = {key: section for section, keys in KNOWN_KEYS.items() for key in keys or ()}

    def unused(path: tuple[str, ...], what: str, hint: str, item: str = "项") -> None:
        warnings.append(finding("settings-unused", Place(file, line=locator.line(path) or 0), what=what, hint=hint, item=item))

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


_GUESSED_QUOTAS = 20


def _quota_warnings(settings: Settings, locator: _Locator, file: str) -> list[Finding]:
    """A quota for a district missing from `districts` is most often a typo in its name."""
    if not settings.districts:
        return []
    warnings = []
    listed = set(settings.districts)
    unlisted = [district for district in settings.quotas if district not in listed]
    for number, district in enumerate(unlisted):
        place = Place(file, line=locator.line(("quotas", district)) or 0)
        # Guessing costs a comparison with every listed name: for the first few only.
        match = difflib.get_close_matches(district, settings.districts, n=1, cutoff=0.5) if number < _GUESSED_QUOTAS else []
        hint = f"是不是“{match[0]}”？" if match else "请核对区县名称。"
        warnings.append(finding("settings-quota-district", place, district=district, hint=hint))
    return warnings


