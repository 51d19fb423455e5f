"""Run generated folders through xlfund and hold the readings to the property; collect every
failure of a sample (never stop at the first), minimise failures to the dimension values that
trigger them, and shrink one example per failure class with hypothesis."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import traceback
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis.errors import NoSuchExample, Unsatisfiable

from layouts.compose import Folder, Spec, compose
from layouts.content import Content, DistrictLines
from layouts.dimensions import DIM, DIMENSIONS, EXTRA_COLUMNS, extra_set, non_default, normalise, with_extra
from layouts.strategies import folder_specs
from layouts.truth import ERROR, Failure, Reading, check
from layouts.writers import write_folder


@dataclass
class Outcome:
    spec: Spec
    reading: Reading
    failures: list[Failure]
    clean: bool

    @property
    def signatures(self) -> set[str]:
        return {f.signature for f in self.failures}


def materialise(spec: Spec, target: Path) -> Folder:
    """Write the folder a spec describes into `target` (emptied first); returns the plan and truth."""
    if target.exists():
        shutil.rmtree(target)
    folder = compose(spec)
    write_folder(folder, target)
    return folder


def read_library(path: Path) -> Reading:
    from xlfund.errors import NothingToDo
    from xlfund.jobs import load_folder
    from xlfund.read.file_pool import IN_PROCESS_ENV

    # The reading itself, in this process: forking a worker per folder would cost more than the
    # reading of these small folders (worker isolation has its own tests, tests/test_hostile_*).
    os.environ[IN_PROCESS_ENV] = "1"
    try:
        result = load_folder(path, None, None)
    except NothingToDo:
        return Reading(exit_code=2)
    except Exception as exc:  # noqa: BLE001 - a crash is a failure class of its own
        return Reading(exit_code=-1, crash=f"{type(exc).__name__}: {exc} @ {traceback.format_exc(limit=-2).splitlines()[-3].strip()}")
    finally:
        os.environ.pop(IN_PROCESS_ENV, None)
    errors = tuple((f.code, f.file, f.message) for f in result.findings if str(f.severity) == ERROR)
    records = tuple((r.district, r.name, r.amount) for r in result.records)
    districts = tuple((name, count, total) for name, (count, total) in result.district_totals().items())
    booked = tuple(sorted({(r.district, r.file) for r in result.records}))
    return Reading(1 if errors else 0, records, districts, errors, booked)


def read_cli(path: Path, output: Path) -> Reading:
    """The same folder through `xlfund consolidate FOLDER --json -o OUT.xlsx` (no recipients in JSON)."""
    from click.testing import CliRunner

    from xlfund.cli.main import main

    result = CliRunner().invoke(main, ["consolidate", str(path), "--json", "-o", str(output)], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return Reading(exit_code=-1, crash=repr(result.exception))
    if result.exit_code == 2:
        return Reading(exit_code=2)
    data = json.loads(result.stdout)
    districts = tuple((name, d["recipients"], Decimal(d["total"])) for name, d in (data.get("districts") or {}).items()
                      if d["recipients"] or Decimal(d["total"]))
    errors = tuple((i["code"], i["file"], i["message"]) for i in data.get("issues", []) if i["severity"] == ERROR)
    return Reading(result.exit_code, (), districts, errors)


def run_spec(spec: Spec, work: Path) -> Outcome:
    target = work / "folder"
    folder = materialise(spec, target)
    reading = read_library(target)
    return Outcome(spec, reading, check(folder.truth, reading), folder.truth.clean)


def sample(examples: int, seed: int | None = None, work: Path | None = None, fixed: dict[str, str] | None = None,
           progress=None) -> list[Outcome]:
    """`examples` generated folders (fixed seed: derandomised, or `seed`), every outcome kept."""
    outcomes: list[Outcome] = []
    own = work is None
    work = work or Path(tempfile.mkdtemp(prefix="xlfund-layouts-"))

    @settings(max_examples=examples, derandomize=seed is None, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(folder_specs(fixed))
    def one(spec: Spec) -> None:
        outcomes.append(run_spec(spec, work))
        if progress:
            progress(len(outcomes), examples)

    if seed is not None:
        one = hypothesis_seed(seed)(one)
    try:
        one()
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
    return outcomes


# ---------------------------------------------------------------------------------- minimising


def _fails(spec: Spec, signature: str, work: Path) -> bool:
    return signature in run_spec(spec, work).signatures


def _candidates(name: str, value: str) -> list[str]:
    if name == "extra_cols":
        chosen = extra_set({"extra_cols": value})
        return ["", *(with_extra({}, chosen - {x}) for x in EXTRA_COLUMNS if x in chosen and len(chosen) > 1)]
    return [DIM[name].default]


def _fewer_lines(content: Content, keep: int) -> Content:
    districts = tuple(DistrictLines(d.district, d.lines[:keep]) for d in content.districts)
    return Content(districts, content.spare, min(content.spare_at, keep), content.mark_word, content.wrong_by, content.others,
                   content.more)


def minimise(spec: Spec, signature: str, work: Path) -> Spec:
    """Reset every dimension to its plainest value while the failure (same signature) stays;
    then keep as few lines as still fail. What is left non-default is the trigger."""
    current = spec
    changed = True
    while changed:
        changed = False
        for dim in DIMENSIONS:
            value = current.dims[dim.name]
            if value == dim.default:
                continue
            for candidate in _candidates(dim.name, value):
                trial = current.with_dims(**{dim.name: candidate})
                if trial.dims != current.dims and _fails(trial, signature, work):
                    current, changed = trial, True
                    break
    for keep in (1, 2, 3):
        trial = Spec(current.dims, _fewer_lines(current.content, keep))
        if trial.content != current.content and _fails(trial, signature, work):
            return trial
    return current


def generalise(spec: Spec, signature: str, work: Path) -> dict[str, str]:
    """The minimal spec's non-default values, each widened to its family ("户|笔|人|个") when every
    other member of the family fails the same way."""
    trigger = non_default(spec.dims)
    for name in list(trigger):  # values the others imply (备注 for a 已取消 row, 4dp for a rounded 合计) go
        rest = {k: v for k, v in trigger.items() if k != name}
        if normalise(rest).get(name) == trigger[name]:
            del trigger[name]
    for name, value in list(trigger.items()):
        for family, members in DIM[name].families:
            if value in members and all(_fails(spec.with_dims(**{name: other}), signature, work) for other in members if other != value):
                trigger[name] = family
                break
    return trigger


def shrink(trigger: dict[str, str], signature: str, work: Path, seed: int = 0, tries: int = 300) -> Spec | None:
    """Hypothesis's own minimal example with the trigger's values pinned (content shrunk too)."""
    try:
        return find(folder_specs(trigger), lambda spec: _fails(spec, signature, work),
                    settings=settings(max_examples=tries, database=None, deadline=None, suppress_health_check=list(HealthCheck)),
                    random=__import__("random").Random(seed))
    except (NoSuchExample, Unsatisfiable):
        return None


# ---------------------------------------------------------------------------------- classes


@dataclass
class FailureClass:
    signature: str
    trigger: dict[str, str]
    example: Spec
    detail: str
    members: int = 1
    whats: Counter = field(default_factory=Counter)  # extra-lines / wrong-district / … among the members
    kinds: Counter = field(default_factory=Counter)  # false-exit-0 / unnamed-wrong-figure / … among the members
    reach: int = 0  # failing examples with this signature whose values include the trigger
    shrunk: Spec | None = None

    @property
    def key(self) -> str:
        trigger = ", ".join(f"{k}={v}" for k, v in sorted(self.trigger.items())) or "(plain folder)"
        return f"{self.signature} <- {trigger}"


def covers(trigger: dict[str, str], dims: dict[str, str]) -> bool:
    for name, value in trigger.items():
        if name == "extra_cols":
            if not extra_set({"extra_cols": value}) <= extra_set(dims):
                return False
        elif dims.get(name) not in value.split("|"):
            return False
    return True


@dataclass
class Catalogue:
    classes: list[FailureClass] = field(default_factory=list)
    unclassified: Counter = field(default_factory=Counter)
    examples: int = 0
    clean: int = 0
    seconds: float = 0.0
    kinds: Counter = field(default_factory=Counter)  # failing examples per kind


def classify(outcomes: list[Outcome], work: Path, budget: int = 60, progress=None) -> Catalogue:
    """Group failures into classes by signature and minimal trigger; at most `budget` minimisations."""
    cat = Catalogue(examples=len(outcomes), clean=sum(o.clean for o in outcomes))
    for outcome in outcomes:
        for kind in {f.kind for f in outcome.failures}:
            cat.kinds[kind] += 1
        by_signature: dict[str, list[Failure]] = {}
        for failure in outcome.failures:
            by_signature.setdefault(failure.signature, []).append(failure)
        for signature, failures in by_signature.items():
            home = next((c for c in cat.classes if c.signature == signature and covers(c.trigger, outcome.spec.dims)), None)
            if home is None and budget > 0:
                budget -= 1
                small = minimise(outcome.spec, signature, work)
                trigger = generalise(small, signature, work)
                again = run_spec(small, work).failures
                detail = "; ".join(f"{f.kind} {f.what}: {f.detail}" for f in again if f.signature == signature) or failures[0].detail
                home = FailureClass(signature, trigger, small, detail, members=0)
                cat.classes.append(home)
                if progress:
                    progress(home)
            if home is None:
                cat.unclassified[signature] += 1
                continue
            home.members += 1
            home.kinds.update(f.kind for f in failures)
            home.whats.update(f.what for f in failures)
    for cls in cat.classes:
        cls.reach = sum(1 for o in outcomes if cls.signature in o.signatures and covers(cls.trigger, o.spec.dims))
    cat.classes.sort(key=lambda c: (-c.members, c.signature))
    return cat


def describe(spec: Spec) -> str:
    """The spec as a reader wants it: non-default dimension values, then the content."""
    values = ", ".join(f"{k}={v}" for k, v in non_default(spec.dims).items()) or "(all plainest values)"
    lines = "; ".join(f"{d.district}: " + ", ".join(f"{ln.name} {ln.amount}" for ln in d.lines)
                      for d in spec.content.districts[: int(spec.dims["n_districts"])])
    return f"{values}\n    content: {lines}"


def table(cat: Catalogue) -> str:
    """The summary table: failing examples per kind, then the classes."""
    out = [f"{cat.examples} folders ({cat.clean} clean) in {cat.seconds:.0f} s; failing folders by kind: "
           + (", ".join(f"{k} {n}" for k, n in sorted(cat.kinds.items())) or "none")]
    if cat.classes:
        out.append(f"{'examples':>8} {'reach':>6}  class (signature <- minimal trigger) [kinds]")
        for cls in cat.classes:
            kinds = ", ".join(f"{k} {n}" for k, n in (cls.kinds + cls.whats).most_common())
            out.append(f"{cls.members:>8} {cls.reach:>6}  {cls.key} [{kinds}]")
    for signature, n in cat.unclassified.most_common():
        out.append(f"{n:>8} {'':>6}  {signature} <- (not minimised: budget spent)")
    return "\n".join(out)

