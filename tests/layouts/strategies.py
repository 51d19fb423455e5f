"""Hypothesis strategies: a folder spec is one value per dimension (the plainest value half the
time, so each example differs from a plain folder in a few places) and the content (districts,
recipients, amounts). Everything shrinks towards the plainest folder."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from layouts.compose import Spec
from layouts.content import FIRM_ENDS, FIRM_WORDS, KNOWN, MARK_WORDS, PURPOSES, Content, DistrictLines, Line, firm_name
from layouts.dimensions import DIMENSIONS, EXTRA_COLUMNS, Dimension, normalise, with_extra

NAMES = len(FIRM_WORDS) * len(FIRM_ENDS)
# How often a non-default value is drawn, relative to the others (default 3): an .xls costs a
# child process per file in xlfund (0.3 to 0.7 s against 0.02 to 0.05 s for a folder of any other format).
WEIGHTS = {("file_format", "xls"): 1}
WRONG_BY = (Decimal(1), Decimal(10), Decimal("0.5"), Decimal("2.3"))


def _value_strategy(dim: Dimension, clean_only: bool) -> st.SearchStrategy[str]:
    """The plainest value half the time, else any other (clean ones only if asked), by weight."""
    values = [v for v in dim.values[1:] if not clean_only or v not in dim.refusable | dim.must_error
              for _ in range(WEIGHTS.get((dim.name, v), 3))]
    return st.one_of(st.just(dim.default), st.sampled_from(values)) if values else st.just(dim.default)


# Built once: a strategy made inside a draw costs more than the draw (hypothesis validates it).
_VALUES = {(dim.name, clean): _value_strategy(dim, clean) for dim in DIMENSIONS for clean in (False, True)}
_EXTRA = st.one_of(st.just(frozenset()), st.frozensets(st.sampled_from(EXTRA_COLUMNS), min_size=1, max_size=3))


def dimension_values(fixed: dict[str, str] | None = None) -> st.SearchStrategy[dict[str, str]]:
    fixed = fixed or {}
    pinned = {name: st.sampled_from(value.split("|")) for name, value in fixed.items()}  # a value, or a family ("户|笔|人|个")

    @st.composite
    def draw_dims(draw) -> dict[str, str]:
        # Half the folders use clean values only (to test for false alarms), half any value.
        clean_only = draw(st.booleans())
        dims: dict[str, str] = {}
        for dim in DIMENSIONS:
            if dim.name in pinned:
                dims[dim.name] = draw(pinned[dim.name])
            elif dim.name == "extra_cols":
                dims[dim.name] = with_extra(dims, draw(_EXTRA))
            else:
                dims[dim.name] = draw(_VALUES[(dim.name, clean_only)])
        return dims

    return draw_dims()


_ORDER = st.permutations(KNOWN)
_SIZE = st.integers(min_value=1, max_value=5)
_AMOUNT = st.integers(min_value=5000, max_value=800000).map(lambda n: Decimal(n) / 10000)  # 0.5 to 80 万元, 4 decimals
_PURPOSE = st.sampled_from(PURPOSES)
_SPARE_AT = st.integers(min_value=0, max_value=5)
_MARK = st.sampled_from(MARK_WORDS)
_WRONG_BY = st.sampled_from(WRONG_BY)
_NAMES = {n: st.lists(st.integers(min_value=0, max_value=NAMES - 1), min_size=n, max_size=n, unique=True) for n in range(11, 24)}


@st.composite
def contents(draw) -> Content:
    order = draw(_ORDER)
    sizes = [draw(_SIZE) for _ in range(3)]
    names = draw(_NAMES[sum(sizes) + 8])
    lines = [Line(firm_name(i), draw(_AMOUNT), draw(_PURPOSE)) for i in names]
    districts, at = [], 0
    for district, size in zip(order[:3], sizes, strict=True):
        districts.append(DistrictLines(district, tuple(lines[at:at + size])))
        at += size
    return Content(
        districts=tuple(districts), spare=lines[at], spare_at=draw(_SPARE_AT),
        mark_word=draw(_MARK), wrong_by=draw(_WRONG_BY), others=tuple(lines[at + 1:at + 3]), more=tuple(lines[at + 3:at + 8]),
    )


def folder_specs(fixed: dict[str, str] | None = None) -> st.SearchStrategy[Spec]:
    """Specs of folders; `fixed` pins some dimensions (to shrink one failure class)."""
    return st.builds(lambda dims, content: Spec(normalise(dims), content), dimension_values(fixed), contents())
