"""The package's shape holds without anyone remembering it: imports point down the stages,
no import cycle, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "xlfund"

# The stages, bottom first. A module may import its own stage and the ones below it.
LAYERS = [
    ("xlfund.address", "xlfund.limits", "xlfund.text", "xlfund.amounts", "xlfund.vocab", "xlfund.findings", "xlfund.output", "xlfund.settings", "xlfund.model"),
    ("xlfund.read",),
    ("xlfund.sheet",),
    ("xlfund.check",),
    ("xlfund.consolidate",),
    ("xlfund.report",),
    ("xlfund.write",),
    ("xlfund.scorecard",),
    ("xlfund.jobs",),
    ("xlfund.cli",),
]
MAX_MODULE_LINES = 400


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _rank(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    if module == "xlfund":
        return 0
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def _imports(path: Path) -> set[str]:
    """Every xlfund module this file imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("xlfund"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if _is_module(f"{node.module}.{alias.name}"))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("xlfund"))
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) for path in PACKAGE.rglob("*.py")}


def test_imports_point_down_the_stages():
    upward = [
        f"{module} (stage {_rank(module)}) imports {target} (stage {_rank(target)})"
        for module, targets in _graph().items() for target in targets
        if target != "xlfund" and _rank(target) > _rank(module)
    ]
    assert upward == []


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


def test_the_checker_sees_an_upward_import(tmp_path):
    """The rule itself can fail: a model module importing the CLI is caught."""
    fake = tmp_path / "m.py"
    fake.write_text("from xlfund.cli.main import main\n", encoding="utf-8")
    assert "xlfund.cli.main" in _imports(fake)
    assert _rank("xlfund.cli.main") > _rank("xlfund.model")
