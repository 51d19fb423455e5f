"""scripts/mutate.py enumerates the mutants we expect, and only valid, real changes.

Only the enumeration is tested here: running pytest inside pytest would be slow and is
what the script itself checks (baseline and canary) each time it runs.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutate.py"


@pytest.fixture(scope="module")
def mutate():
    # scripts/ is not a package: load the file as a module of its own.
    spec = importlib.util.spec_from_file_location("mutate_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


# Every operator once or twice; docstrings, __all__, annotations, f-strings, logging and a
# pragma line are there to prove they are left alone.
TINY = '''"""Module docstring: never mutated."""

import logging

__all__ = ["clip", "label"]

LIMIT: int = 3
log = logging.getLogger(__name__)


def clip(x: int, items: list[int]) -> int | None:
    """Function docstring: never mutated."""
    if x < LIMIT and x in items:
        x += 1
    log.info("clipped %s", x)
    flag = True
    return x - 2 if flag else None


def label(name: str) -> str:
    width = 7  # pragma: no mutate
    return f"{name:>{width}}" + "元"


def nothing():
    return None
'''

EXPECTED = {
    "compare": 2,  # x < LIMIT, x in items
    "number": 6,  # LIMIT, the 1 and the 2, each +1 and -1 (the pragma line's 7 is skipped)
    "bool": 1,  # True
    "and-or": 1,
    "plus-minus": 2,  # += and the binary - (not the string concatenation)
    # if, x += 1, flag =, return in clip; return in label (not the log call, not the pragma
    # line, not the final `return None` whose deletion changes nothing)
    "delete": 5,
    "negate-if": 2,  # the if and the conditional expression
    "return-none": 2,  # both returns
}


def _mutants(mutate, tmp_path: Path, **kwargs):
    path = tmp_path / "tiny.py"
    path.write_text(TINY, encoding="utf-8")
    return mutate.mutants_of_file(path, "tiny.py", **kwargs)


def test_counts_per_operator(mutate, tmp_path):
    mutants = _mutants(mutate, tmp_path)
    assert Counter(m.operator for m in mutants) == EXPECTED


def test_every_mutant_differs_and_compiles(mutate, tmp_path):
    original = ast.dump(ast.parse(TINY))
    mutants = _mutants(mutate, tmp_path, operators=mutate.OPERATORS)
    assert len({m.source for m in mutants}) == len(mutants)
    for mutant in mutants:
        compile(mutant.source, "tiny.py", "exec")
        assert ast.dump(ast.parse(mutant.source)) != original
        # Spliced, not unparsed: comments and line count survive; the change is on the reported line.
        assert mutant.source.count("\n") == TINY.count("\n") or mutant.operator == "delete"
        assert "# pragma: no mutate" in mutant.source
        assert mutant.original != mutant.mutated
        assert TINY.splitlines()[mutant.line - 1].strip() in mutant.original


def test_skipped_parts_are_never_touched(mutate, tmp_path):
    for mutant in _mutants(mutate, tmp_path, operators=mutate.OPERATORS):
        assert '"""Module docstring: never mutated."""' in mutant.source
        assert '"""Function docstring: never mutated."""' in mutant.source
        assert '__all__ = ["clip", "label"]' in mutant.source
        assert "def clip(x: int, items: list[int]) -> int | None:" in mutant.source
        assert 'log.info("clipped %s", x)' in mutant.source
        # the f-string itself is never changed; only deleting or replacing its whole line removes it
        assert 'f"{name:>{width}}"' in mutant.source or mutant.operator in {"delete", "return-none"}
        assert "width = 7" in mutant.source


def test_examples_of_each_operator(mutate, tmp_path):
    changes = {(m.operator, m.mutated.strip()) for m in _mutants(mutate, tmp_path)}
    assert ("compare", "if x <= LIMIT and x in items:") in changes
    assert ("compare", "if x < LIMIT and x not in items:") in changes
    assert ("and-or", "if x < LIMIT or x in items:") in changes
    assert ("number", "LIMIT: int = 4") in changes
    assert ("number", "x += 0") in changes
    assert ("plus-minus", "x -= 1") in changes
    assert ("plus-minus", "return x + 2 if flag else None") in changes
    assert ("bool", "flag = False") in changes
    assert ("negate-if", "return x - 2 if not (flag) else None") in changes
    assert ("return-none", "return None") in changes


def test_strings_only_when_asked(mutate, tmp_path):
    assert not [m for m in _mutants(mutate, tmp_path) if m.operator == "string"]
    strings = [m for m in _mutants(mutate, tmp_path, operators=mutate.OPERATORS) if m.operator == "string"]
    # Only "元": the docstrings, __all__, the logging call and the f-string are messages or names.
    assert [m.mutated.strip() for m in strings] == ['return f"{name:>{width}}" + ""']


def test_sample_is_seeded_and_stable(mutate, tmp_path):
    mutants = _mutants(mutate, tmp_path)
    first = mutate.sample_mutants(mutants, 5, seed=1)
    assert len(first) == 5
    assert first == mutate.sample_mutants(mutants, 5, seed=1)
    assert [m.line for m in first] == sorted(m.line for m in first)
    assert mutate.sample_mutants(mutants, 0, seed=1) == mutants
    assert any(mutate.sample_mutants(mutants, 5, seed=s) != first for s in range(2, 6))
