"""How deep a TOML text nests, found without parsing it.

tomllib recurses once per nested array or inline table (5,000 deep: RecursionError) and spends
time and memory quadratic in the parts of a dotted key (a.a.a… 100,000 parts: gigabytes). This
scan is linear: it skips strings and comments and counts, at each point, the open brackets and
braces plus the parts of the key being read (a table header's or a key's).
"""

from __future__ import annotations

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def deepest(text: str) -> tuple[int, int]:
    """(the deepest nesting, the line where it is first reached)."""
    return _Scan(text).run()


class _Scan:
    def __init__(self, text: str):
        self.text = text
        self.i = 0
        self.line = 1
        self.worst = (0, 1)

    def note(self, depth: int) -> None:
        if depth > self.worst[0]:
            self.worst = (depth, self.line)

    def run(self) -> tuple[int, int]:
        text, stack, expect_key = self.text, [], True
        while self.i < len(text):
            ch = text[self.i]
            if ch == "\n":
                self.line += 1
                self.i += 1
                expect_key = expect_key or not stack
            elif ch in " \t\r":
                self.i += 1
            elif ch == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            elif expect_key and not stack and ch == "[":  # a table header: [a.b] or [[a.b]]
                self.i += 2 if text.startswith("[[", self.i) else 1
                self.note(self._key())
                expect_key = False
            elif expect_key and (ch in _BARE or ch in "\"'"):
                self.note(len(stack) + self._key())
                expect_key = False
            elif ch in "\"'":
                self._string()
            elif ch in "[{":
                stack.append(ch)
                self.note(len(stack))
                expect_key = ch == "{"
                self.i += 1
            else:
                if ch in "]}" and stack:
                    stack.pop()
                expect_key = ch == "," and bool(stack) and stack[-1] == "{"
                self.i += 1
        return self.worst

    def _key(self) -> int:
        """The parts of the dotted key at self.i (bare or quoted), moving past it."""
        text, parts = self.text, 0
        while True:
            while self.i < len(text) and text[self.i] in " \t":
                self.i += 1
            if self.i < len(text) and text[self.i] in "\"'":
                self._string()
            elif self.i < len(text) and text[self.i] in _BARE:
                while self.i < len(text) and text[self.i] in _BARE:
                    self.i += 1
            else:
                return parts
            parts += 1
            while self.i < len(text) and text[self.i] in " \t":
                self.i += 1
            if self.i >= len(text) or text[self.i] != ".":
                return parts
            self.i += 1

    def _string(self) -> None:
        """Move past the string at self.i: basic or literal, one line or three quotes."""
        text = self.text
        quote = text[self.i] * 3 if text.startswith(text[self.i] * 3, self.i) else text[self.i]
        self.i += len(quote)
        while self.i < len(text) and not text.startswith(quote, self.i):
            if text[self.i] == "\\" and quote[0] == '"':
                self.i += 1
            elif text[self.i] == "\n":
                self.line += 1
                if len(quote) == 1:
                    return  # an unclosed one-line string: tomllib reports it
            self.i += 1
        self.i += len(quote)
