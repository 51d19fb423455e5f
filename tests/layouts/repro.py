"""One minimal failing folder per failure class of tests/layouts/FAILURES.md, each a builder that
can become a fixed gallery example once the reader is fixed.

`REPROS[0]` is the plainest folder (it must pass: the generator's own check). Every other entry
failed the property when catalogued; `tests/test_layout_property.py::test_catalogued_failure`
runs them as non-strict xfails, so a fix shows as XPASS. `build(folder)` writes the files.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from layouts.compose import Folder, Spec
from layouts.content import Content, DistrictLines, Line
from layouts.dimensions import normalise


def content(*districts: tuple[str, list[tuple[str, str, str]]], spare: tuple[str, str, str] = ("益阳市龙岭电子商务有限公司", "9", "平台运营"),
            spare_at: int = 0, mark_word: str = "已取消", wrong_by: str = "1") -> Content:
    """Content from literals: (district, [(name, amount in 万元, purpose)]) …"""
    def line(item: tuple[str, str, str]) -> Line:
        return Line(item[0], Decimal(item[1]), item[2])

    others = (Line("益阳市资江物流有限公司", Decimal(4), "仓储建设"), Line("益阳市松竹物流有限公司", Decimal(5), "冷链配送"))
    return Content(tuple(DistrictLines(d, tuple(line(i) for i in items)) for d, items in districts), line(spare), spare_at, mark_word,
                   Decimal(wrong_by), others)


@dataclass(frozen=True)
class Repro:
    name: str
    dims: dict[str, str]  # the trigger: every other dimension has its plainest value
    content: Content
    expected: str  # what a right reading gives
    observed: str  # what xlfund did when catalogued

    @property
    def spec(self) -> Spec:
        return Spec(normalise(self.dims), self.content)

    def build(self, folder: Path) -> Folder:
        from layouts.runner import materialise

        return materialise(self.spec, folder)


TWO = content(("高新区", [("益阳市云端电子商务有限公司", "12.5", "平台运营"), ("益阳市益丰网络科技有限公司", "7.25", "网店建设")]),
              ("赫山区", [("益阳市银城物流有限公司", "3", "物流配送")]),
              ("资阳区", [("益阳市黑茶茶业有限公司", "30", "品牌推广")]))

REPROS: list[Repro] = [
    Repro("plain", {}, TWO, "高新区 2 / 20 万元, exit 0", "read right, exit 0"),
]
