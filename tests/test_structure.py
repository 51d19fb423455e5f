"""The package's shape holds without anyone remembering it: imports point down the stages
(absolute, relative or by `importlib.import_module`), no import cycle, pure stages do no I/O,
small modules, and no finding is parsed back from its text."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "xlfund"

# The stages, bottom first. A module may import its own stage and the ones below it.
LAYERS = [
    ("xlfund.text", "xlfund.vocab", "xlfund.errors", "xlfund.limits"),  # words and the exit-2 error: no xlfund import at all
    ("xlfund.amounts",),
    ("xlfund.rules",),  # comparisons made in Python and as Excel formulas
    ("xlfund.findings",),
    ("xlfund.output", "xlfund.settings"),
    ("xlfund.model",),
    ("xlfund.read",),
    ("xlfund.sheet",),
    ("xlfund.check",),
    ("xlfund.submission",),
    ("xlfund.round",),
    ("xlfund.consolidate",),
    ("xlfund.report",),
    ("xlfund.write",),
    ("xlfund.scorecard",),
    ("xlfund.yearstart",),
    ("xlfund.jobs",),
    ("xlfund.cli",),
]
MAX_MODULE_LINES = 400


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rank(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    if module == "xlfund":
        return 0
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def _imports(path: Path, package: Path = PACKAGE, everything: bool = False) -> set[str]:
    """Every module this file imports (xlfund's only, unless `everything`), at the top or inside
    functions: absolute, relative (resolved against the file's package) and by
    `importlib.import_module("…")` with a literal name."""
    found = set()
    here = _module_name(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = ".".join(base + ([module] if module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names if _is_module(f"{module}.{alias.name}", package))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) in ("import_module", "__import__")
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found if everything else {m for m in found if m == "xlfund" or m.startswith("xlfund.")}


def _is_module(name: str, package: Path = PACKAGE) -> bool:
    relative = Path(*name.split(".")[1:])
    return (package / relative).with_suffix(".py").exists() or (package / relative / "__init__.py").exists()


def _graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    return {_module_name(path, package): _imports(path, package) for path in package.rglob("*.py")}


def _upward(package: Path = PACKAGE) -> list[str]:
    return [
        f"{module} (stage {_rank(module)}) imports {target} (stage {_rank(target)})"
        for module, targets in _graph(package).items() for target in targets
        if target != "xlfund" and _rank(target) > _rank(module)
    ]


# Pure stages: understanding a sheet, checking figures and the submission round touch no file, no process, no workbook
# library. (Settings come in as the plain dataclass of settings.schema, never the loader.)
PURE_STAGES = ("xlfund.sheet", "xlfund.check", "xlfund.round")
DOING_IO = ("os", "io", "pathlib", "shutil", "tempfile", "subprocess", "zipfile", "glob", "socket", "multiprocessing",
            "openpyxl", "xlsxwriter", "python_calamine", "docx", "lxml", "msoffcrypto", "pandas", "click",
            "xlfund.read", "xlfund.output", "xlfund.write", "xlfund.settings", "xlfund.cli", "xlfund.jobs")
IO_ALLOWED = ("xlfund.settings.schema", "xlsxwriter.utility")  # the Settings dataclass: values only; cell-address arithmetic


def _io_in_pure_stages(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in package.rglob("*.py"):
        module = _module_name(path, package)
        if not module.startswith(PURE_STAGES):
            continue
        for target in sorted(_imports(path, package, everything=True)):
            if target in IO_ALLOWED:
                continue
            if any(target == io or target.startswith(io + ".") for io in DOING_IO):
                found.append(f"{module} imports {target}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "open" for n in ast.walk(tree)):
            found.append(f"{module} calls open()")
    return found


def test_imports_point_down_the_stages():
    assert _upward() == []


def test_sheet_and_check_do_no_io():
    assert _io_in_pure_stages() == []


def test_no_import_cycle():
    graph = {m: {t for t in targets if t in _graph_modules()} - {m} for m, targets in _graph().items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [module, target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def _graph_modules() -> set[str]:
    return {_module_name(path) for path in PACKAGE.rglob("*.py")}


def test_every_module_belongs_to_a_stage_and_is_small():
    for path in PACKAGE.rglob("*.py"):
        _rank(_module_name(path))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= MAX_MODULE_LINES, f"{path.relative_to(PACKAGE.parent)} has {lines} lines"


def test_long_functions_say_why():
    """A function over 80 lines carries a comment saying why it is not split."""
    long_ones = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > 80:
                body = lines[node.lineno - 1:node.end_lineno]
                if not any("why long:" in line for line in body):
                    long_ones.append(f"{path.name}:{node.lineno} {node.name}")
    assert long_ones == []


def _copy_of_package(tmp_path: Path) -> Path:
    copy = tmp_path / "xlfund"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize(("file", "line", "caught"), [
    ("sheet/reader.py", "from ..write import book\n", ("xlfund.sheet.reader", "xlfund.write.book")),
    ("model.py", 'import importlib\nimportlib.import_module("xlfund.cli.main")\n', ("xlfund.model", "xlfund.cli.main")),
    ("text.py", "from xlfund.settings import Settings\n", ("xlfund.text", "xlfund.settings")),
    ("amounts.py", "from xlfund import model\n", ("xlfund.amounts", "xlfund.model")),
])
def test_the_fence_catches_planted_upward_imports(tmp_path: Path, file: str, line: str, caught: str):
    """The rule itself can fail: each planted violation, in a copy of the package, is named."""
    copy = _copy_of_package(tmp_path)
    assert _upward(copy) == []
    target = copy / file
    target.write_text(target.read_text(encoding="utf-8") + line, encoding="utf-8")
    importer, imported = caught
    assert any(line.startswith(f"{importer} (") and f" imports {imported} (" in line for line in _upward(copy))


@pytest.mark.parametrize(("line", "caught"), [
    ("import zipfile\n", "xlfund.check.reconcile imports zipfile"),
    ("from xlfund.settings import load_settings\n", "xlfund.check.reconcile imports xlfund.settings"),
    ("def peek(p):\n    return open(p).read()\n", "xlfund.check.reconcile calls open()"),
])
def test_the_fence_catches_io_in_a_pure_stage(tmp_path: Path, line: str, caught: str):
    copy = _copy_of_package(tmp_path)
    target = copy / "check" / "reconcile.py"
    target.write_text(target.read_text(encoding="utf-8") + line, encoding="utf-8")
    assert caught in _io_in_pure_stages(copy)


# --- Findings are objects: nothing reads a message or a cell text back ---------------------------

RENDERED = {"message", "cell", "note"}  # text made for the clerk from a finding or a place
PARSING = {"split", "rsplit", "partition", "rpartition", "find", "index", "rfind", "startswith", "endswith",
           "replace", "strip", "lstrip", "rstrip", "isdigit", "removeprefix", "removesuffix"}


def _parsed_back(source: str) -> list[int]:
    """Lines where a rendered text (x.message, x.cell, x.note) is taken apart again: a method
    that parses it, a regular expression over it, or its characters walked one by one."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in PARSING
                and isinstance(node.func.value, ast.Attribute) and node.func.value.attr in RENDERED):
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
              and node.func.value.id == "re" and any(isinstance(a, ast.Attribute) and a.attr in RENDERED for a in node.args)):
            lines.append(node.lineno)
        elif isinstance(node, ast.comprehension) and isinstance(node.iter, ast.Attribute) and node.iter.attr in RENDERED:
            lines.append(node.iter.lineno)
    return lines


def test_no_finding_is_parsed_back_from_its_text():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path in PACKAGE.rglob("*.py")
             for line in _parsed_back(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize("source", [
    'digits = "".join(ch for ch in f.cell if ch.isdigit())\n',
    'file, _, message = warning.message.partition("：")\n',
    'import re\nrow = re.search(r"\\d+", finding.cell)\n',
])
def test_the_parse_back_check_can_fail(source: str):
    assert _parsed_back(source)
