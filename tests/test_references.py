"""Every module, name and path the documentation mentions exists: README's `xlfund/…` paths,
and the dotted names (`sheet.cells.MergeMap`, `xlfund.read.content`) and paths in docstrings and
comments. A rename leaves no stale pointer behind (sheet_xml, workbook.SummaryCells and
xlfund/isolated.py once pointed nowhere)."""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "xlfund"
PACKAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
# "sheet.reader", "check.spans.stated_spans", "xlfund.read.content": a stage and a module in it.
_DOTTED = re.compile(r"(?<![\w./])((?:xlfund\.)?(?:" + "|".join(PACKAGES) + r")\.[a-z_][a-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")
_TOP = re.compile(r"(?<![\w./])xlfund\.([a-z_][a-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?")
_PATH = re.compile(r"(?<![\w./-])((?:xlfund|scripts|tests|templates)/[\w/.-]*\w)")


def _documentation(path: Path) -> list[str]:
    """The docstrings and comments of a module (not its code)."""
    source = path.read_text(encoding="utf-8")
    texts = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node)
            if doc:
                texts.append(doc)
    return texts


def _resolves(dotted: str) -> bool:
    parts = (dotted if dotted.startswith("xlfund.") else f"xlfund.{dotted}").split(".")
    for cut in range(len(parts), 1, -1):
        module_path = PACKAGE.joinpath(*parts[1:cut])
        if module_path.with_suffix(".py").exists() or (module_path / "__init__.py").exists():
            obj = importlib.import_module(".".join(parts[:cut]))
            try:
                for name in parts[cut:]:
                    obj = getattr(obj, name)
            except AttributeError:
                return False
            return True
    return False


def _stale(texts: list[str]) -> list[str]:
    stale = []
    for text in texts:
        for match in _DOTTED.finditer(text):
            name = match.group(1).rstrip(".")
            first_module = name.removeprefix("xlfund.").split(".")[1]
            package = name.removeprefix("xlfund.").split(".")[0]
            # Only a name whose second part is a module of that stage ("settings.cap" is a field).
            module = PACKAGE / package / first_module
            if (module.with_suffix(".py").exists() or (module / "__init__.py").exists()) and not _resolves(name):
                stale.append(name)
        for match in _TOP.finditer(text):
            module, name = match.groups()
            if module in PACKAGES or module == "toml":
                continue  # a stage (checked as a dotted name above); xlfund.toml is the settings file
            if module not in MODULES or (name and not hasattr(importlib.import_module(f"xlfund.{module}"), name)):
                stale.append(match.group(0))
        stale += [p for p in _PATH.findall(text) if not (ROOT / p).exists() and not (ROOT / f"{p}.py").exists()
                  and not list(ROOT.glob(f"{p}*"))]  # "tests/expected/sample-*.json" names a family
    return stale


def test_docstrings_and_comments_point_at_what_exists():
    found = {f"{path.relative_to(ROOT)}: {name}" for path in sorted(PACKAGE.rglob("*.py")) for name in _stale(_documentation(path))}
    assert sorted(found) == []


def test_readme_and_scripts_point_at_what_exists():
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")] + [text for path in (ROOT / "scripts").glob("*.py") for text in _documentation(path)]
    assert _stale(texts) == []


@pytest.mark.parametrize("text", ["see sheet.reader._text", "xlfund/isolated.py reads", "write.workbook.SummaryCells", "xlfund.address.cell_ref"])
def test_a_stale_pointer_is_caught(text: str):
    assert _stale([text])
