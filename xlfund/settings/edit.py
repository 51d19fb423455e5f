"""Write scores into xlfund.toml's [scores] by editing its text as little as possible.

The file is the clerk's: comments, order, spacing and every other section stay as they are.
A line under [scores] naming the same indicator gets the new value (its comment kept); other
scores are added below the section's last key; a file without [scores] gets the section at
its end. The new text must read back with the values written before it replaces the file,
and it replaces it atomically (a temporary file beside it, then a rename).
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from xlfund.amounts import format_wan
from xlfund.output import TEMP_PREFIX
from xlfund.settings.locator import _key_parts, _split_comment
from xlfund.settings.schema import SettingsError

SECTION = "scores"
_HEADER = re.compile(r"\[\s*(.+?)\s*\]")


@dataclass
class ScoresSaved:
    path: Path
    written: dict[str, Decimal] = field(default_factory=dict)  # indicator name -> score
    created: bool = False  # the settings file did not exist


def write_scores(path: Path, scores: dict[str, Decimal], key: Callable[[str], str] = str) -> ScoresSaved:
    """Put `scores` under [scores] in `path` (created when missing). `key` says which names
    are the same indicator (the scorecard's indicator_key: "目标内容（4分）" is "目标内容")."""
    if not scores:
        return ScoresSaved(path)
    created = not path.exists()
    raw = b"" if created else path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"设置文件 {path} 不是 UTF-8 编码，无法写入自评分") from exc
    new_text = with_scores(text, scores, key)
    _check(new_text, scores, key, path)
    _replace(path, new_text, bom)
    return ScoresSaved(path, dict(scores), created)


def with_scores(text: str, scores: dict[str, Decimal], key: Callable[[str], str] = str) -> str:
    """`text` with each score set under [scores]: replaced in place or added."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    todo = {key(name): (name, value) for name, value in scores.items()}
    start = _section_start(lines)
    if start is None:
        head = "" if not text or text.endswith(("\n", "\r")) else newline
        gap = newline if text.strip() and not text.rstrip(" \t").endswith(("\n\n", "\r\n\r\n")) else ""
        return text + head + gap + f"[{SECTION}]{newline}" + "".join(_line(n, v, newline) for n, v in todo.values())
    last = start
    for i in range(start + 1, len(lines)):
        body = lines[i].rstrip("\r\n")
        ending = lines[i][len(body):]
        code, comment = _split_comment(body)
        if code.strip().startswith("["):
            break
        if "=" not in code:
            continue
        last = i
        name_text, _, value_text = code.partition("=")
        parts = _key_parts(name_text)
        if len(parts) != 1 or key(parts[0]) not in todo:
            continue
        _name, value = todo.pop(key(parts[0]))
        padding = value_text[len(value_text.rstrip()):] if comment else ""
        lines[i] = f"{name_text.rstrip()} = {format_wan(value)}{padding}{comment}{ending or newline}"
    if todo:
        if not lines[last].endswith(("\n", "\r")):
            lines[last] += newline
        lines[last + 1:last + 1] = [_line(n, v, newline) for n, v in todo.values()]
    return "".join(lines)


def _section_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        code = _split_comment(line.rstrip("\r\n"))[0].strip()
        header = _HEADER.fullmatch(code)
        if header and not code.startswith("[[") and _key_parts(header.group(1)) == (SECTION,):
            return i
    return None


def _line(name: str, value: Decimal, newline: str) -> str:
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{quoted} = {format_wan(value)}{newline}"


def _check(text: str, scores: dict[str, Decimal], key: Callable[[str], str], path: Path) -> None:
    """The edited text parses and reads back the scores written; else nothing is written."""
    manual = "；请手工在 [scores] 下写上：" + "，".join(_line(n, v, "").strip() for n, v in scores.items())
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError:
        raise SettingsError(f"无法自动修改设置文件 {path}（修改后不是有效的设置文件，原文件未改动）{manual}") from None
    table = data.get(SECTION)
    read = {key(str(k)): v for k, v in table.items()} if isinstance(table, dict) else {}
    if any(read.get(key(name)) != value for name, value in scores.items()):
        raise SettingsError(f"无法自动修改设置文件 {path} 的 [scores]（原文件未改动）{manual}")


def _replace(path: Path, text: str, bom: bool) -> None:
    """Write beside the file, then rename over it; an error names the settings file."""
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".toml", dir=path.parent)
        temp = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
            out.write(text)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        if temp is not None and temp.exists():
            temp.unlink()
