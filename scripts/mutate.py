"""Sampled, seeded mutation testing for xlfund, with the standard library only.

A mutant is a target module with one small change: a flipped comparison, a constant ±1,
a deleted statement, ... The tests that cover the module run against each sampled mutant
in a temporary copy of the repository. A mutant the tests do not notice "survives": it
points at behaviour no test pins down. This is a tool for developers, not a CI step.

Usage, from the repository root:

    # one or more modules sharing the same tests
    python scripts/mutate.py xlfund/amounts.py --tests tests/unit/base/test_amounts.py \\
        --tests tests/test_invariants.py --sample 60 --seed 1 [--timeout 60]

    # several modules, each with its own tests: --target MODULE:TEST[,TEST...]
    python scripts/mutate.py \\
        --target xlfund/amounts.py:tests/unit/base/test_amounts.py,tests/test_invariants.py \\
        --target xlfund/check/reconcile.py:tests/unit/check/test_reconcile.py,tests/test_reading.py,tests/test_invariants.py \\
        --sample 60 --seed 1 --json mutants.json

Positional modules all share the --tests given; --target pairs carry their own. pytest
runs with -x, so the order of the tests is the order of the run: put first the files that
kill most (the report counts, per test file, the first failures it caused).

Options:
    --sample N     mutants drawn per module (0: all of them); the draw depends only on the
                   seed, the module's path and its source, so a rerun tests the same mutants
    --seed S       seed of the draw (also passed to hypothesis as --hypothesis-seed)
    --timeout T    seconds before a mutant's test run is stopped and counted as a timeout
                   (killed, reported apart); default: five times the unmutated run, at least
                   60 (on a loaded machine a slow survivor can otherwise pass for a timeout)
    --jobs J       test runs in parallel, each in its own copy of the repository (default 2)
    --operators    comma-separated subset of the operators below
    --strings      also turn string constants into "" (off: the Chinese messages are many)
    --list         print the sampled mutants and stop, without running any test
    --json PATH    also write the results as JSON ("-": to stdout instead of the text report)

Operators:
    compare       < <=, > >=, == !=, in / not in, is / is not flipped (one mutant each)
    number        an int constant +1 and -1 (two mutants)
    bool          True <-> False
    and-or        and <-> or (the whole chain)
    plus-minus    + <-> -, += <-> -= (not on string concatenation)
    delete        a statement inside a function replaced by `pass`
    negate-if     the condition of if / elif / while / a conditional expression negated
    return-none   `return value` -> `return None`
    string        a non-empty string constant -> "" (only with --strings)

Never mutated: docstrings, `__all__`, type annotations, f-strings (messages), logging and
print calls, decorators, imports, `if TYPE_CHECKING:` / `if __name__ == "__main__":`
blocks, and any line carrying the comment `pragma: no mutate` (for a mutant judged
equivalent).

How a mutant is run: the repository is copied once per job to a temporary directory
(without .git, .venv, caches); the mutated source is written into the copy, then
`python -m pytest -x -q -p no:cacheprovider TESTS` runs with the copy as working directory
and first on PYTHONPATH, so the copy's xlfund is imported and not the editable install.
The original bytes are written back after each run; the real source files are never
touched. Before the mutants, each module's tests run once unmutated (they must pass) and
once against a canary that raises on import (it must be killed): otherwise the tests do
not exercise the copy and every figure would be meaningless.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import concurrent.futures
import importlib.util
import json
import os
import queue
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OPERATORS = ("compare", "number", "bool", "and-or", "plus-minus", "delete", "negate-if", "return-none", "string")
DEFAULT_OPERATORS = tuple(op for op in OPERATORS if op != "string")
PRAGMA = b"pragma: no mutate"

# One flip per comparison, to the boundary twin or the negation: the change a missing
# edge-case test lets through. Patterns are matched in the text between the two operands.
_COMPARE_FLIPS: dict[type, tuple[bytes, bytes]] = {
    ast.Lt: (rb"<(?!=)", b"<="),
    ast.LtE: (rb"<=", b"<"),
    ast.Gt: (rb">(?!=)", b">="),
    ast.GtE: (rb">=", b">"),
    ast.Eq: (rb"==", b"!="),
    ast.NotEq: (rb"!=", b"=="),
    ast.In: (rb"\bin\b", b"not in"),
    ast.NotIn: (rb"\bnot\s+in\b", b"in"),
    ast.Is: (rb"\bis\b(?!\s+not\b)", b"is not"),
    ast.IsNot: (rb"\bis\s+not\b", b"is"),
}
# Comparisons whose flip above is their exact negation.
_SELF_NEGATING = (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)
# Calls whose statement only tells someone something: mutating them tests nothing useful.
_MESSAGE_CALLS = {"print", "warn", "debug", "info", "warning", "error", "exception", "critical", "log"}
_MESSAGE_OWNERS = {"logging", "logger", "log", "_log", "_logger", "LOG", "LOGGER", "warnings"}
_COMMENT = re.compile(rb"#[^\n]*")
_FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+)", re.MULTILINE)  # pytest's short summary (-ra in setup.cfg, and -x)


@dataclass
class Mutant:
    """One change to one module; `original`/`mutated` are the touched lines as written."""

    module: str  # path relative to the repository root, with "/"
    line: int
    operator: str
    description: str
    original: str
    mutated: str
    source: str = field(repr=False)  # the whole mutated module

    def summary(self) -> dict[str, object]:
        return {"module": self.module, "line": self.line, "operator": self.operator, "description": self.description,
                "original": self.original, "mutated": self.mutated}


@dataclass(frozen=True)
class _Edit:
    operator: str
    description: str
    changes: tuple[tuple[int, int, bytes], ...]  # (start, end, replacement) in byte offsets


class _Collector(ast.NodeVisitor):
    """Walks a module and records every allowed edit as byte spans of the original text.

    Edits are spliced into the original text rather than unparsed from the tree, so the
    mutant keeps its comments and line numbers and a survivor reads like the code."""

    def __init__(self, source: bytes, operators: set[str]):
        self.source = source
        self.operators = operators
        self.line_starts = [0]
        for line in source.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.skip_lines = {number for number, line in enumerate(source.splitlines(), 1) if PRAGMA in line}
        self.edits: list[_Edit] = []
        self.function_depth = 0
        self.keep: set[int] = set()  # ids of statements whose deletion would be an equivalent mutant

    # -- positions -------------------------------------------------------------------
    def offset(self, lineno: int, col: int) -> int:
        return self.line_starts[lineno - 1] + col  # col_offset counts UTF-8 bytes

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def add(self, operator: str, description: str, *changes: tuple[int, int, bytes]) -> None:
        if operator not in self.operators or not changes:
            return
        if any(self.line_of(start) in self.skip_lines for start, _end, _new in changes):
            return
        self.edits.append(_Edit(operator, description, tuple(changes)))

    def replace_node(self, operator: str, node: ast.AST, new: bytes, description: str) -> None:
        self.add(operator, description, (*self.span(node), new))

    def token_between(self, left: ast.AST, right: ast.AST, pattern: bytes, new: bytes) -> tuple[int, int, bytes] | None:
        """The operator token between two operands, found in the text between them
        (which may also hold parentheses, line breaks and comments)."""
        start = self.offset(left.end_lineno, left.end_col_offset)
        gap = self.source[start:self.offset(right.lineno, right.col_offset)]
        gap = _COMMENT.sub(lambda m: b" " * len(m.group()), gap)  # same length: offsets stay valid
        match = re.search(pattern, gap)
        return (start + match.start(), start + match.end(), new) if match else None

    # -- what is walked --------------------------------------------------------------
    def visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.stmt) and self.function_depth and _deletable(node) and id(node) not in self.keep:
            self.replace_node("delete", node, b"pass", "statement → pass")
        super().visit(node)

    def visit_body(self, body: list[ast.stmt]) -> None:
        for index, statement in enumerate(body):
            if index == 0 and _is_docstring(statement):
                continue
            self.visit(statement)

    def visit_Module(self, node: ast.Module) -> None:
        self.visit_body(node.body)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        # Bases and decorators are skipped; a class body holds definitions, not steps to delete.
        depth, self.function_depth = self.function_depth, 0
        self.visit_body(node.body)
        self.function_depth = depth

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # Default values are behaviour; annotations, decorators and the docstring are not.
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        last = node.body[-1]
        if isinstance(last, ast.Return) and (last.value is None or (isinstance(last.value, ast.Constant) and last.value.value is None)):
            # Deleting a final `return None` changes nothing: the function falls off its end with None.
            self.keep.add(id(last))
        self.function_depth += 1
        self.visit_body(node.body)
        self.function_depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_Assign(self, node: ast.Assign) -> None:
        if not any(isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets):
            self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return  # f-strings are messages, and before 3.12 their parts carry no usable positions

    def visit_Expr(self, node: ast.Expr) -> None:
        if not _is_message_call(node.value):
            self.generic_visit(node)

    def visit_Import(self, node: ast.stmt) -> None:
        return

    visit_ImportFrom = visit_Import

    # -- the operators -----------------------------------------------------------------
    def negate(self, test: ast.expr) -> None:
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], _SELF_NEGATING):
            return  # `not (a == b)` is the compare mutant `a != b` again: the same mutant twice
        start, end = self.span(test)
        self.add("negate-if", "condition → not (condition)", (start, end, b"not (" + self.source[start:end] + b")"))

    def visit_If(self, node: ast.If) -> None:
        if _is_guard(node.test):
            return  # import-time switches, not behaviour the tests run
        self.negate(node.test)
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        self.negate(node.test)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.negate(node.test)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        for index, op in enumerate(node.ops):
            pattern, new = _COMPARE_FLIPS[type(op)]
            change = self.token_between(operands[index], operands[index + 1], pattern, new)
            if change:
                old = b" ".join(self.source[change[0]:change[1]].split()).decode()
                self.add("compare", f"{old} → {new.decode()}", change)
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        old, new = (b"and", b"or") if isinstance(node.op, ast.And) else (b"or", b"and")
        changes = [self.token_between(a, b, rb"\b" + old + rb"\b", new) for a, b in zip(node.values, node.values[1:], strict=False)]
        if all(changes):
            self.add("and-or", f"{old.decode()} → {new.decode()}", *changes)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, (ast.Add, ast.Sub)) and not (_is_text(node.left) or _is_text(node.right)):
            old, new = (b"+", b"-") if isinstance(node.op, ast.Add) else (b"-", b"+")
            change = self.token_between(node.left, node.right, re.escape(old), new)
            if change:
                self.add("plus-minus", f"{old.decode()} → {new.decode()}", change)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, (ast.Add, ast.Sub)) and not _is_text(node.value):
            old, new = (b"+=", b"-=") if isinstance(node.op, ast.Add) else (b"-=", b"+=")
            change = self.token_between(node.target, node.value, re.escape(old), new)
            if change:
                self.add("plus-minus", f"{old.decode()} → {new.decode()}", change)
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
            self.replace_node("return-none", node.value, b"None", "return value → return None")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        start, end = self.span(node)
        text = self.source[start:end].decode()
        if isinstance(value, bool):
            self.replace_node("bool", node, str(not value).encode(), f"{value} → {not value}")
        elif isinstance(value, int):
            for changed in (value + 1, value - 1):
                self.replace_node("number", node, str(changed).encode(), f"{text} → {changed}")
        elif isinstance(value, str) and value:
            self.replace_node("string", node, b'""', f'{_shorten(text)} → ""')


def _is_docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)))


def _is_message_call(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id == "print"
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return func.value.id in _MESSAGE_OWNERS and func.attr in _MESSAGE_CALLS
    return False


def _is_guard(test: ast.expr) -> bool:
    if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
        return True
    if isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
        return True
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__")


def _deletable(statement: ast.stmt) -> bool:
    """Statements whose deletion is a meaningful mutant: not definitions, imports or no-ops."""
    if isinstance(statement, (ast.Pass, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom,
                              ast.Global, ast.Nonlocal)):
        return False
    if isinstance(statement, ast.Expr) and (isinstance(statement.value, ast.Constant) or _is_message_call(statement.value)):
        return False
    return True


def _shorten(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


# -- enumeration ---------------------------------------------------------------------------
def enumerate_mutants(source: str, module: str, operators: tuple[str, ...] | list[str] = DEFAULT_OPERATORS) -> list[Mutant]:
    """Every mutant of `source` (the text of `module`) that parses and differs from it, in
    source order, duplicates dropped."""
    unknown = set(operators) - set(OPERATORS)
    if unknown:
        raise ValueError(f"unknown operators: {', '.join(sorted(unknown))}")
    data = source.encode("utf-8")
    tree = ast.parse(data, filename=module)
    original_dump = ast.dump(tree)
    collector = _Collector(data, set(operators))
    collector.visit(tree)
    mutants: list[Mutant] = []
    seen: set[bytes] = set()
    for edit in collector.edits:
        mutated = data
        for start, end, new in sorted(edit.changes, reverse=True):  # from the end: earlier offsets stay valid
            mutated = mutated[:start] + new + mutated[end:]
        if mutated in seen:
            continue
        try:
            mutated_dump = ast.dump(ast.parse(mutated, filename=module))
        except SyntaxError:  # a splice the collector got wrong: never run it
            continue
        if mutated_dump == original_dump:
            continue
        seen.add(mutated)
        first = min(start for start, _end, _new in edit.changes)
        last = max(end for _start, end, _new in edit.changes)
        line_start = collector.line_starts[collector.line_of(first) - 1]
        line_end = collector.line_starts[min(collector.line_of(max(last - 1, first)), len(collector.line_starts) - 1)]
        grown = len(mutated) - len(data)
        mutants.append(Mutant(
            module=module, line=collector.line_of(first), operator=edit.operator, description=edit.description,
            original=data[line_start:line_end].decode().rstrip("\n"),
            mutated=mutated[line_start:line_end + grown].decode().rstrip("\n"),
            source=mutated.decode("utf-8"),
        ))
    mutants.sort(key=lambda m: (m.line, OPERATORS.index(m.operator)))
    return mutants


def mutants_of_file(path: Path, module: str | None = None, operators: tuple[str, ...] | list[str] = DEFAULT_OPERATORS) -> list[Mutant]:
    """enumerate_mutants for a file on disk; `module` names it in reports (default: the path)."""
    return enumerate_mutants(path.read_text(encoding="utf-8"), module or path.as_posix(), operators)


def sample_mutants(mutants: list[Mutant], size: int, seed: int) -> list[Mutant]:
    """`size` mutants drawn with a generator seeded by the seed and the module's path, so a
    module's draw does not shift when another module is added to the run."""
    if size <= 0 or size >= len(mutants):
        return list(mutants)
    module = mutants[0].module if mutants else ""
    chosen = random.Random(f"{seed}:{module}").sample(range(len(mutants)), size)
    return [mutants[index] for index in sorted(chosen)]


# -- running ---------------------------------------------------------------------------------
@dataclass
class Outcome:
    status: str  # "killed", "survived" or "timeout"
    seconds: float
    output: str = ""  # the end of pytest's output, for a failing baseline
    killed_by: str = ""  # the first failing test (or collection error), to order the tests by what kills


_IGNORE = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache",
                                 "*.egg-info", "build", "dist", ".corpora", "*.pyc")


class Sandbox:
    """`jobs` copies of the repository, each lent to one test run at a time."""

    def __init__(self, root: Path, jobs: int, seed: int):
        self.tmp = Path(tempfile.mkdtemp(prefix="xlfund-mutate-"))
        self.free: queue.Queue[Path] = queue.Queue()
        for index in range(jobs):
            copy = self.tmp / f"copy{index}"
            shutil.copytree(root, copy, ignore=_IGNORE, symlinks=True)
            self.free.put(copy)
        self.extra = ["--hypothesis-seed", str(seed)] if importlib.util.find_spec("hypothesis") else []
        self.running: set[int] = set()
        self.lock = threading.Lock()

    def run(self, module: str, source: str | None, tests: list[str], timeout: float) -> Outcome:
        """Run `tests` with `module` replaced by `source` (None: unchanged) in a free copy."""
        copy = self.free.get()
        target = copy / module
        original = target.read_bytes()
        try:
            if source is not None:
                target.write_bytes(source.encode("utf-8"))
            # A failing example saved by one mutant would be replayed for the next: keep runs independent.
            shutil.rmtree(copy / ".hypothesis", ignore_errors=True)
            return self._pytest(copy, tests, timeout)
        finally:
            target.write_bytes(original)
            self.free.put(copy)

    def _pytest(self, copy: Path, tests: list[str], timeout: float) -> Outcome:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(copy), env.get("PYTHONPATH", "")) if p)
        # No .pyc: a same-size mutant written within the same second could otherwise reuse stale bytecode.
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *self.extra, *tests]
        started = time.monotonic()
        # A session of its own, so a timeout also stops the worker processes the tests start.
        with subprocess.Popen(command, cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, start_new_session=True) as process:
            with self.lock:
                self.running.add(process.pid)
            try:
                output, _ = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(process.pid)
                process.communicate()
                return Outcome("timeout", time.monotonic() - started)
            finally:
                with self.lock:
                    self.running.discard(process.pid)
        status = "survived" if process.returncode == 0 else "killed"
        text = output.decode("utf-8", "replace")
        failed = _FAILED.search(text)
        return Outcome(status, time.monotonic() - started, "\n".join(text.splitlines()[-30:]), failed.group(1) if failed else "")

    def close(self) -> None:
        with self.lock:
            for pid in list(self.running):
                _kill_group(pid)
        shutil.rmtree(self.tmp, ignore_errors=True)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# -- command line ---------------------------------------------------------------------------
@dataclass
class Target:
    module: str
    tests: list[str]
    mutants: list[Mutant] = field(default_factory=list)  # all enumerated
    sampled: list[Mutant] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)  # one per sampled mutant
    baseline: float = 0.0


def _relative(path: str) -> str:
    """A path given on the command line, as a path relative to the repository root."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(ROOT).as_posix()
    except ValueError:
        raise SystemExit(f"{path}: not inside the repository {ROOT}") from None


def _parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[Target]]:
    parser = argparse.ArgumentParser(description="Sampled, seeded mutation testing (see the module docstring).")
    parser.add_argument("modules", nargs="*", help="modules to mutate, all tested by the --tests given")
    parser.add_argument("--tests", action="append", default=[], help="a test file or node id for the positional modules (repeatable)")
    parser.add_argument("--target", action="append", default=[], metavar="MODULE:TEST[,TEST]", help="a module with its own tests (repeatable)")
    parser.add_argument("--sample", type=int, default=60, help="mutants per module, 0 for all (default 60)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=None, help="seconds per mutant (default: 5 x the unmutated run, at least 60)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--operators", default=None, help=f"comma-separated, from: {', '.join(OPERATORS)}")
    parser.add_argument("--strings", action="store_true", help='also mutate string constants to ""')
    parser.add_argument("--list", action="store_true", help="print the sampled mutants, run nothing")
    parser.add_argument("--json", metavar="PATH", help='write the results as JSON ("-" for stdout)')
    args = parser.parse_args(argv)

    targets: list[Target] = []
    if args.modules:
        if not args.tests:
            parser.error("positional modules need --tests")
        targets += [Target(_relative(module), [_relative(t) for t in args.tests]) for module in args.modules]
    elif args.tests:
        parser.error("--tests needs a positional module")
    for spec in args.target:
        module, sep, tests = spec.partition(":")
        if not sep or not tests:
            parser.error(f"--target {spec}: expected MODULE:TEST[,TEST]")
        targets.append(Target(_relative(module), [_relative(t) for t in tests.split(",") if t]))
    if not targets:
        parser.error("nothing to mutate: give MODULE --tests TESTS or --target MODULE:TESTS")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    operators = args.operators.split(",") if args.operators else list(DEFAULT_OPERATORS)
    if args.strings and "string" not in operators:
        operators.append("string")
    unknown = set(operators) - set(OPERATORS)
    if unknown:
        parser.error(f"unknown operators: {', '.join(sorted(unknown))}")
    args.operator_list = operators
    return args, targets


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _check_tests(sandbox: Sandbox, targets: list[Target]) -> None:
    """Each module's tests must pass unmutated and kill a module that raises on import;
    otherwise they do not import the copy (or do not import the module at all)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=sandbox.free.qsize()) as pool:
        baselines = {id(t): pool.submit(sandbox.run, t.module, None, t.tests, 900) for t in targets}
        canaries = {}
        for target in targets:
            canary = (ROOT / target.module).read_text(encoding="utf-8") + "\n\nraise RuntimeError('mutate.py canary: the copy was imported')\n"
            canaries[id(target)] = pool.submit(sandbox.run, target.module, canary, target.tests, 900)
        for target in targets:
            baseline, canary = baselines[id(target)].result(), canaries[id(target)].result()
            if baseline.status != "survived":
                raise SystemExit(f"{target.module}: the tests fail without any mutation ({baseline.status}):\n{baseline.output}")
            if canary.status == "survived":
                raise SystemExit(f"{target.module}: a module that raises on import survived: the tests do not import the copy's "
                                 f"{target.module} (editable install on the path?) or do not import it at all")
            target.baseline = baseline.seconds
            _progress(f"{target.module}: unmutated tests pass in {baseline.seconds:.1f} s; canary killed")


def _run_mutants(sandbox: Sandbox, targets: list[Target], timeout: float | None) -> None:
    jobs = [(target, index, mutant) for target in targets for index, mutant in enumerate(target.sampled)]
    for target in targets:
        target.outcomes = [Outcome("pending", 0.0)] * len(target.sampled)
    done = 0
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=sandbox.free.qsize())
    try:
        futures = {}
        for target, index, mutant in jobs:
            limit = timeout if timeout is not None else max(60.0, 5 * target.baseline)
            futures[pool.submit(sandbox.run, target.module, mutant.source, target.tests, limit)] = (target, index, mutant)
        for future in concurrent.futures.as_completed(futures):
            target, index, mutant = futures[future]
            outcome = future.result()
            target.outcomes[index] = outcome
            done += 1
            _progress(f"[{done}/{len(jobs)}] {outcome.status:8} {mutant.module}:{mutant.line} {mutant.operator} "
                      f"({mutant.description}) {outcome.seconds:.1f} s")
    finally:
        # On Ctrl-C do not wait for the queued mutants; the sandbox then stops the running ones.
        pool.shutdown(wait=False, cancel_futures=True)


def _module_result(target: Target) -> dict[str, object]:
    counts = {status: sum(o.status == status for o in target.outcomes) for status in ("killed", "timeout", "survived")}
    sampled = len(target.sampled)
    by_operator: dict[str, dict[str, int]] = {}
    killers: dict[str, int] = {}
    for mutant, outcome in zip(target.sampled, target.outcomes, strict=True):
        row = by_operator.setdefault(mutant.operator, {"sampled": 0, "killed": 0})
        row["sampled"] += 1
        row["killed"] += outcome.status != "survived"
        if outcome.killed_by:
            test_file = outcome.killed_by.split("::")[0]
            killers[test_file] = killers.get(test_file, 0) + 1
    return {
        "module": target.module, "tests": target.tests, "enumerated": len(target.mutants), "sampled": sampled, **counts,
        "kill_rate": round(100 * (counts["killed"] + counts["timeout"]) / sampled, 1) if sampled else None,
        "baseline_seconds": round(target.baseline, 1), "test_seconds": round(sum(o.seconds for o in target.outcomes), 1),
        "by_operator": by_operator, "first_failure_by_file": dict(sorted(killers.items(), key=lambda item: -item[1])),
        "survivors": [m.summary() for m, o in zip(target.sampled, target.outcomes, strict=True) if o.status == "survived"],
        "timeouts": [m.summary() for m, o in zip(target.sampled, target.outcomes, strict=True) if o.status == "timeout"],
    }


def _print_report(results: list[dict], args: argparse.Namespace, seconds: float) -> None:
    print(f"Mutation testing: seed {args.seed}, sample {args.sample or 'all'} per module, {args.jobs} jobs, "
          f"operators {', '.join(args.operator_list)}")
    for result in results:
        print()
        print(f"{result['module']}  (tests: {' '.join(result['tests'])})")
        print(f"  {result['enumerated']} mutants, {result['sampled']} sampled: {result['killed']} killed, {result['timeout']} timeouts, "
              f"{result['survived']} survived -> {result['kill_rate']} % killed")
        print("  by operator: " + ", ".join(f"{op} {row['killed']}/{row['sampled']}" for op, row in sorted(result["by_operator"].items())))
        # With -x the first failing test stops the run: list first the files that kill most.
        print("  first failure in: " + (", ".join(f"{name} {count}" for name, count in result["first_failure_by_file"].items()) or "-")
              + f"; {result['test_seconds']:.0f} s of test runs")
        for title, key in (("timeouts (counted as killed)", "timeouts"), ("survivors", "survivors")):
            if not result[key]:
                continue
            print(f"  {title}:")
            for mutant in result[key]:
                print(f"    {mutant['module']}:{mutant['line']}  {mutant['operator']} ({mutant['description']})")
                print(f"      - {_one_line(mutant['original'])}")
                print(f"      + {_one_line(mutant['mutated'])}")
    print(f"\nTotal time {seconds / 60:.1f} min")


def _one_line(text: str) -> str:
    lines = text.strip().splitlines() or [""]
    more = f"   … (+{len(lines) - 1} lines)" if len(lines) > 1 else ""
    return lines[0].strip() + more


def main(argv: list[str] | None = None) -> int:
    args, targets = _parse_args(argv)
    for target in targets:
        target.mutants = mutants_of_file(ROOT / target.module, target.module, args.operator_list)
        target.sampled = sample_mutants(target.mutants, args.sample, args.seed)
    if args.list:
        for target in targets:
            print(f"{target.module}: {len(target.mutants)} mutants, {len(target.sampled)} sampled")
            for mutant in target.sampled:
                print(f"  {mutant.module}:{mutant.line}  {mutant.operator} ({mutant.description})")
                print(f"    - {_one_line(mutant.original)}")
                print(f"    + {_one_line(mutant.mutated)}")
        return 0

    started = time.monotonic()
    sandbox = Sandbox(ROOT, args.jobs, args.seed)
    try:
        _check_tests(sandbox, targets)
        _run_mutants(sandbox, targets, args.timeout)
    finally:
        sandbox.close()
    seconds = time.monotonic() - started
    results = [_module_result(target) for target in targets]
    document = {"seed": args.seed, "sample": args.sample, "jobs": args.jobs, "operators": args.operator_list,
                "seconds": round(seconds, 1), "modules": results}
    if args.json == "-":
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        if args.json:
            Path(args.json).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _print_report(results, args, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
