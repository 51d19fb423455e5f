"""`xlfund init` as one call: check everything, then write the settings file and the forms."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from xlfund.errors import NothingToDo
from xlfund.scorecard import targets
from xlfund.scorecard.form2020 import data_source_of
from xlfund.scorecard.template import TemplateError, find_template, indicator_key, load_template, template_name
from xlfund.settings import SETTINGS_FILE, Settings, load_settings
from xlfund.yearstart.plan import (
    InitOptions,
    YearStart,
    check_district_names,
    existing_scorecard_form,
    kept_options,
    merged_settings,
    new_settings,
    with_districts,
    write_year,
)
from xlfund.yearstart.settings_file import IndicatorLine, settings_text


def start_year(folder: Path, options: InitOptions) -> YearStart:
    """The settings file and one submission form per district.

    Everything is checked before anything is written. A new folder needs the fund's name and
    its districts. An existing xlfund.toml is kept (options that differ are reported, not
    taken); new districts are added to its list and get their forms.
    """
    if folder.exists() and not folder.is_dir():
        raise NothingToDo(f"“{folder}”是一个文件，不是文件夹：请换一个文件夹名称")
    options = replace(options, districts=check_district_names(options.districts))
    toml = folder / SETTINGS_FILE
    done = YearStart()
    if toml.exists():
        kept = load_settings(folder)
        done.kept = kept_options(kept, options, existing_scorecard_form(toml))
        settings, done.added = merged_settings(kept, options)
        text = None
        if done.added:
            text = with_districts(toml.read_text(encoding="utf-8-sig"), settings.districts)
            if text is None:
                done.notes.append(f"请在 {SETTINGS_FILE} 的 districts 中加上：" + "、".join(done.added) + "（无法自动修改这一行）")
        if not settings.districts:
            raise NothingToDo(f"{SETTINGS_FILE} 中没有区县（districts），请用 -d 给出，例如：-d 高新区 -d 赫山区")
    else:
        settings, done.notes = new_settings(options)
        scorecard_form, template, note = find_scorecard_form(options.scorecard_form or "2018", settings)
        done.notes += [note] if note else []
        text = settings_text(settings, indicator_lines(template, replace(settings, scorecard_form=scorecard_form)), scorecard_form)
    done.written = write_year(folder, settings, text)
    return done


def find_scorecard_form(scorecard_form: str, settings: Settings) -> tuple[str, Path, str]:
    """(form used, its template, a note when the one asked for is not found)."""
    try:
        return scorecard_form, find_template(None, replace(settings, scorecard_form=scorecard_form)), ""
    except TemplateError:
        return "2018", find_template(None, settings), (f"找不到 {scorecard_form} 年自评表表样（{template_name(scorecard_form)}），"
                                                        "已按 2018 年表样生成，form 记为 \"2018\"")


def indicator_lines(template_path: Path, settings: Settings) -> list[IndicatorLine]:
    """The form's indicators and which of them the data answers."""
    template = load_template(template_path)
    if not template.is_form2020:
        computed = {indicator_key(k) for k in settings.computed}
        return [IndicatorLine(i.name, i.key in computed) for i in template.indicators]
    lines = []
    for indicator in template.indicators:
        source = data_source_of(indicator, settings)
        lines.append(IndicatorLine(indicator.name, source is not None, source == targets.RECIPIENT_COUNT))
    return lines
