"""Text as wide as the terminal shows it: Chinese characters take two columns.

Click measures and wraps help text by characters, so Chinese lines come out twice as wide as
asked and option descriptions drift out of line; this module measures by display width
(Unicode East Asian Width, from the standard library) and wraps Chinese anywhere but before
closing punctuation, and ASCII words (options, paths, numbers) never in the middle.
Standard library only: `xlfund --help` must start fast.
"""

from __future__ import annotations

import re
import unicodedata

# An ASCII run (an option, a path, a number) stays whole; any other character may start a line.
_TOKEN = re.compile(r"[!-~]+|\s+|.", re.DOTALL)
# Chinese typesetting never starts a line with these (禁则): they stay with the text before.
_NO_LINE_START = set("，。；：、！？）》」』”’】〉…%,.;:!?)")


def columns(text: str) -> int:
    """Terminal columns a text takes: East Asian wide and fullwidth characters take two,
    combining marks and format characters none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


_FULLWIDTH_PUNCTUATION = set("，。；：、！？（）《》「」『』“”‘’【】…")


def join_lines(lines: list[str]) -> str:
    """One paragraph from its source lines: a space where a line break meets an ASCII word
    (as between words), none between Chinese characters or next to Chinese punctuation."""
    text = ""
    for line in (part.strip() for part in lines):
        if (text and line and (text[-1].isascii() or line[0].isascii())
                and text[-1] not in _FULLWIDTH_PUNCTUATION and line[0] not in _FULLWIDTH_PUNCTUATION):
            text += " "
        text += line
    return text


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (a word longer than the line stands alone); punctuation
    that may not start a line brings the word before it down with it."""
    lines: list[str] = []
    line: list[str] = []
    for token in _TOKEN.findall(text):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        if line and columns("".join(line)) + columns(token) > width:
            carried = [token]
            while carried[0][0] in _NO_LINE_START and len(line) > 1:
                while line and line[-1] == " ":
                    line.pop()
                if len(line) > 1:
                    carried.insert(0, line.pop())
                else:
                    break
            lines.append("".join(line).rstrip())
            line = carried
        else:
            line.append(token)
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines
