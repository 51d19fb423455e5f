"""Line numbers of keys in the settings text, for messages that point at the line."""

from __future__ import annotations

import re


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
