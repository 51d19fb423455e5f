"""Write what the clerk typed into the 评分表 back into xlfund.toml, editing as little as possible.

The file is the clerk's: tomlkit keeps its comments, order, spacing and every other section.
A key naming the same indicator gets the new value (its comment kept); other keys are added
at the end of their section; a missing section is added at the end of the file. The new text
must read back with the values written before it replaces the file, and it replaces it
atomically (output.save_atomically).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError

from xlfund.amounts import format_wan
from xlfund.output import save_atomically
from xlfund.settings.schema import SettingsError

SCORES, INDICATORS, SCORECARD = "scores", "indicators", "scorecard"


@dataclass
class Edits:
    """What to write: [scores] name -> score, [indicators] name -> {target/actual/reason: value},
    [scorecard] key -> text."""

    scores: dict[str, Decimal] = field(default_factory=dict)
    indicators: dict[str, dict[str, str | Decimal]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.scores or self.indicators or self.texts)

    def lines(self) -> list[str]:
        """Each value as a line of the settings file would show it."""
        shown = [f"[{SCORES}] {_quoted(n)} = {format_wan(v)}" for n, v in self.scores.items()]
        shown += [f"[{INDICATORS}] {_quoted(n)}.{k} = {_value_text(v)}" for n, fs in self.indicators.items() for k, v in fs.items()]
        shown += [f"[{SCORECARD}] {k} = {_value_text(v)}" for k, v in self.texts.items()]
        return shown


@dataclass
class ScoresSaved:
    path: Path
    written: Edits = field(default_factory=Edits)
    created: bool = False  # the settings file did not exist
    read_from: Path | None = None  # the earlier output the typed cells were read from
    read: bool = False  # it existed and could be read (nothing written otherwise)


def write_edits(path: Path, edits: Edits, key: Callable[[str], str] = str) -> ScoresSaved:
    """Put `edits` into the settings file `path` (created when missing). `key` says which names
    are the same indicator (the scorecard's indicator_key: "目标内容（4分）" is "目标内容")."""
    if not edits:
        return ScoresSaved(path)
    created = not path.exists()
    raw = b"" if created else path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"设置文件 {path} 不是 UTF-8 编码，无法写入自评分") from exc
    new_text = edited_text(text, edits, key, path)
    mode = None if created else path.stat().st_mode & 0o7777

    def write(temp: Path) -> None:
        temp.write_bytes((b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
        if mode is not None:
            os.chmod(temp, mode)

    saved = save_atomically(path, write)
    if saved.moved_aside:
        raise SettingsError(f"设置文件 {path} 正被其他程序占用，修改后的设置已另存为 {saved.path}，请关闭后改名替换")
    return ScoresSaved(path, edits, created)


def edited_text(text: str, edits: Edits, key: Callable[[str], str] = str, path: Path | str = "xlfund.toml") -> str:
    """`text` with every edit made; SettingsError (nothing written) when that is not possible."""
    manual = "；请手工写上：" + "，".join(edits.lines())
    try:
        doc = tomlkit.parse(text)
        _put_scores(doc, edits.scores, key)
        _put_indicators(doc, edits.indicators, key)
        if edits.texts:
            table = _section(doc, SCORECARD)
            for name, value in edits.texts.items():
                replace_keeping_comment(table, name, value)
        new_text = tomlkit.dumps(doc)
        if "\r\n" in text:  # lines tomlkit adds end in "\n": keep the file's own line ends
            new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")
        data = tomllib.loads(new_text, parse_float=Decimal)
    except (TOMLKitError, tomllib.TOMLDecodeError, TypeError, ValueError):
        raise SettingsError(f"无法自动修改设置文件 {path}（原文件未改动）{manual}") from None
    if not _reads_back(data, edits, key):
        raise SettingsError(f"无法自动修改设置文件 {path}（原文件未改动）{manual}")
    return new_text


def _section(doc, name: str):
    if name not in doc:
        shown = tomlkit.dumps(doc)
        for ending in ("\n", "\n\n"):  # a blank line before the new section
            if shown.strip() and not shown.endswith(ending):
                doc.add(tomlkit.nl())
        doc.add(name, tomlkit.table())
    table = doc[name]
    if not isinstance(table, dict):
        raise TypeError(f"{name} is not a table")
    return table


def _same(table, name: str, key: Callable[[str], str]) -> str:
    """The key in `table` naming the same indicator as `name`, else `name` itself."""
    return next((k for k in table if key(str(k)) == key(name)), name)


def replace_keeping_comment(table, name: str, value) -> None:
    """table[name] = value, keeping the old line's indent, comment and the spaces before it."""
    old = table.get(name)
    item = tomlkit.item(value) if not hasattr(value, "trivia") else value
    if hasattr(old, "trivia"):
        item.trivia.indent, item.trivia.comment_ws = old.trivia.indent, old.trivia.comment_ws
        item.trivia.comment, item.trivia.trail = old.trivia.comment, old.trivia.trail
    table[name] = item


def _number(value: Decimal):
    text = format_wan(value)
    return tomlkit.integer(int(text)) if "." not in text else tomlkit.item(float(text)) if len(text) < 16 else text


def _put_scores(doc, scores: dict[str, Decimal], key: Callable[[str], str]) -> None:
    if not scores:
        return
    table = _section(doc, SCORES)
    for name, value in scores.items():
        replace_keeping_comment(table, _same(table, name, key), _number(value))


def _put_indicators(doc, indicators: dict[str, dict[str, str | Decimal]], key: Callable[[str], str]) -> None:
    if not indicators:
        return
    table = _section(doc, INDICATORS)
    for name, fields in indicators.items():
        same = _same(table, name, key)
        old = table.get(same)
        if isinstance(old, dict):
            entry = old
        else:  # a figure or an actual written alone becomes a table holding it
            entry = tomlkit.inline_table()
            plain = old.unwrap() if hasattr(old, "unwrap") else old  # a copy: the old item keeps its comment
            if isinstance(plain, str):
                entry["data"] = plain
            elif plain is not None:
                entry["actual"] = plain
        for field_name, value in fields.items():
            entry[field_name] = _number(value) if isinstance(value, Decimal) else value
        replace_keeping_comment(table, same, entry)


def _reads_back(data: dict, edits: Edits, key: Callable[[str], str]) -> bool:
    scores = {key(str(k)): v for k, v in (data.get(SCORES) or {}).items()}
    if any(scores.get(key(n)) != v for n, v in edits.scores.items()):
        return False
    indicators = {key(str(k)): v for k, v in (data.get(INDICATORS) or {}).items()}
    for name, fields in edits.indicators.items():
        entry = indicators.get(key(name))
        if not isinstance(entry, dict) or any(_differs(entry.get(f), v) for f, v in fields.items()):
            return False
    texts = data.get(SCORECARD) or {}
    return all(texts.get(k) == v for k, v in edits.texts.items())


def _differs(read: object, wanted: object) -> bool:
    if isinstance(wanted, Decimal) and isinstance(read, (int, float, Decimal)) and not isinstance(read, bool):
        return Decimal(str(read)) != wanted
    return read != wanted


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _value_text(value: str | Decimal) -> str:
    return format_wan(value) if isinstance(value, Decimal) else _quoted(value)
