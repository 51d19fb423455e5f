"""`xlfund init`, decided before anything is written.

Everything is checked first (names that cannot be file or sheet names, what must be given,
a folder that is a file); only then are the forms and the settings file written, and if a
write fails half-way, what this run created is removed again. A second `init` keeps the
settings file, says which options it did not take, adds new districts to its list and writes
their forms.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from xlfund.errors import NothingToDo
from xlfund.output import save_atomically
from xlfund.read.discover import FORMS_FOLDER
from xlfund.settings import SETTINGS_FILE, Settings
from xlfund.settings.edit import replace_keeping_comment
from xlfund.yearstart.submission_form import Written, submission_form_path, write_submission_form_file

# Characters a file name (Windows) or a worksheet name cannot hold.
_NOT_IN_NAMES = set('/\\:*?"<>|[]')
SHEET_NAME_LIMIT = 31
EXAMPLE = "xlfund init 2025电商资金/ --name 电子商务发展引导资金 -d 高新区 -d 赫山区"


@dataclass(frozen=True)
class InitOptions:
    """What the clerk typed; None where an option was not given."""

    name: str | None = None
    year: int | None = None
    cap: Decimal | None = None
    plan: Decimal | None = None
    target: int | None = None
    districts: tuple[str, ...] = ()
    scorecard_form: str | None = None  # --form: "2018" or "2020"


@dataclass
class YearStart:
    """What init did and what the clerk should know about it."""

    written: list[Written] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # options not taken: the settings file wins
    added: list[str] = field(default_factory=list)  # districts added to an existing settings file
    notes: list[str] = field(default_factory=list)  # things still to do, fall-backs


def check_district_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Each name usable as a file name and a sheet name; duplicates dropped, order kept."""
    cleaned = []
    for raw in names:
        name = raw.strip()
        if not name:
            raise NothingToDo("区县名称不能为空（-d 后面要写区县名称，如 -d 高新区）")
        bad = sorted({ch for ch in name if ch in _NOT_IN_NAMES or ord(ch) < 32})
        if bad:
            shown = " ".join(repr(ch)[1:-1] or "空白" for ch in bad)
            raise NothingToDo(f"区县名称“{name}”含有不能用于文件名或工作表名的字符：{shown}。"
                              f"请去掉或改写（如“高新区”和“开发区”分两个 -d 写），未生成任何文件")
        if len(name) > SHEET_NAME_LIMIT:
            raise NothingToDo(f"区县名称“{name}”超过 {SHEET_NAME_LIMIT} 个字（工作表名称的上限），请写简称，未生成任何文件")
        cleaned.append(name)
    return tuple(dict.fromkeys(cleaned))


def new_settings(options: InitOptions) -> tuple[Settings, list[str]]:
    """Settings for a new folder; the fund's name and its districts must be given."""
    missing = []
    if not (options.name or "").strip():
        missing.append("资金名称（--name）")
    if not options.districts:
        missing.append("报送区县（-d，每个区县一个）")
    if missing:
        raise NothingToDo("首次运行 init 需要给出" + "和".join(missing) + f"，例如：{EXAMPLE}。未生成任何文件")
    notes = []
    year = options.year
    if year is None:
        year = dt.date.today().year
        notes.append(f"没有给出年度（--year），按今年 {year} 年")
    unset = [label for label, value in (("资金上限（--cap）", options.cap), ("批复计划（--plan）", options.plan),
                                         ("绩效目标单位数（--target）", options.target)) if value is None]
    if unset:
        notes.append("尚未给出" + "、".join(unset) + f"：已在 {SETTINGS_FILE} 中留空（行首有 #），请填写后再汇总")
    settings = Settings(fund_name=options.name.strip(), year=year, cap=options.cap, plan=options.plan,
                        target_recipients=options.target, districts=options.districts)
    return settings, notes


def kept_options(kept: Settings, options: InitOptions, kept_scorecard_form: str | None) -> list[str]:
    """The options that differ from the existing settings file, which is left as it is."""
    pairs = [
        ("资金名称", "--name", options.name, kept.fund_name),
        ("年度", "--year", options.year, kept.year),
        ("资金上限", "--cap", options.cap, kept.cap),
        ("批复计划", "--plan", options.plan, kept.plan),
        ("绩效目标单位数", "--target", options.target, kept.target_recipients),
        ("自评表表样", "--form", options.scorecard_form, kept_scorecard_form or "2018"),
    ]
    return [f"{label}：保留设置文件中的“{_shown(old)}”，命令中的 {option} {_shown(new)} 未采用（如需修改，请直接编辑 {SETTINGS_FILE}）"
            for label, option, new, old in pairs if new is not None and new != old]


def _shown(value: object) -> str:
    if value is None:
        return "（未填写）"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def existing_scorecard_form(path: Path) -> str | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    scorecard = data.get("scorecard")
    form = scorecard.get("form") if isinstance(scorecard, dict) else None
    return str(form) if form is not None else None


def with_districts(text: str, districts: tuple[str, ...]) -> str | None:
    """The settings text with its `districts` list replaced (comments and layout kept); None if
    that is not possible (then the clerk is told what to add)."""
    try:
        doc = tomlkit.parse(text)
        fund = doc.get("fund")
        if not isinstance(fund, dict) or not isinstance(fund.get("districts"), list):
            return None
        replace_keeping_comment(fund, "districts", list(districts))
        changed = tomlkit.dumps(doc)
        read = tomllib.loads(changed).get("fund", {})
    except (TOMLKitError, tomllib.TOMLDecodeError, TypeError, ValueError):
        return None
    return changed if isinstance(read, dict) and tuple(read.get("districts", ())) == districts else None


def write_year(folder: Path, settings: Settings, settings_file: str | None) -> list[Written]:
    """Write the forms, then the settings file's text (None: the file is kept as it is).

    Any failure removes what this run created, so a failed init leaves nothing behind.
    """
    created: list[Path] = []
    made_dirs = [p for p in (folder, folder / FORMS_FOLDER) if not p.exists()]
    written = []
    toml = folder / SETTINGS_FILE
    try:
        for district in settings.districts:
            path = submission_form_path(folder, district)
            if path.exists():
                written.append(Written(path, False))
                continue
            write_submission_form_file(path, settings, district)
            created.append(path)
            written.append(Written(path, True))
        if settings_file is None:
            written.insert(0, Written(toml, False))
        else:
            is_new = not toml.exists()
            save_atomically(toml, lambda temp: temp.write_text(settings_file, encoding="utf-8"))
            if is_new:
                created.append(toml)
            written.insert(0, Written(toml, is_new, updated=not is_new))
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        for directory in reversed(made_dirs):
            if directory.exists() and not any(directory.iterdir()):
                directory.rmdir()
        raise
    return written


def merged_settings(kept: Settings, options: InitOptions) -> tuple[Settings, list[str]]:
    added = [d for d in options.districts if d not in kept.districts]
    return replace(kept, districts=kept.districts + tuple(added)), added
