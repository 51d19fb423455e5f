"""The long profile of the layout generator (issue 19, "Exit 0 means right").

    python scripts/layouts.py --examples 50000 --seed 7 --out /tmp/failing

runs that many generated folders through xlfund (in-process), collects every failure of the
property, groups them by signature and minimal trigger (each new class minimised by resetting
dimensions to their plainest value), and prints the summary table: failing folders by kind
(false-exit-0, unnamed-wrong-figure, false-alarm, crash) and one line per class. For each class
it prints the dimension values and the expected vs observed figures, and writes the minimal
failing folder under --out. --shrink lets hypothesis shrink each class's example further (its
content too); --json writes the catalogue for tests/layouts/repro.py and FAILURES.md.
Without --seed the sample is the fixed (derandomised) one of the pytest test.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # before scripts/: the package `layouts`, not this file

from layouts.compose import Spec  # noqa: E402
from layouts.dimensions import non_default  # noqa: E402
from layouts.runner import classify, describe, materialise, run_spec, sample, shrink, table  # noqa: E402


def _progress(done: int, total: int) -> None:
    if done % 500 == 0 or done == total:
        print(f"  {done}/{total} folders", file=sys.stderr, flush=True)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z\u4e00-\u9fff=_-]+", "_", text)[:90].strip("_")


def _content_literal(spec: Spec) -> str:
    c = spec.content
    parts = [f'("{d.district}", [' + ", ".join(f'("{ln.name}", "{ln.amount}", "{ln.purpose}")' for ln in d.lines) + "])"
             for d in c.districts[: int(spec.dims["n_districts"])]]
    return (f"content({', '.join(parts)}, spare=(\"{c.spare.name}\", \"{c.spare.amount}\", \"{c.spare.purpose}\"), "
            f"spare_at={c.spare_at}, mark_word=\"{c.mark_word}\", wrong_by=\"{c.wrong_by}\")")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: the fixed derandomised sample)")
    parser.add_argument("--out", type=Path, default=None, help="write each class's minimal failing folder here")
    parser.add_argument("--budget", type=int, default=80, help="at most this many minimisations (new classes)")
    parser.add_argument("--shrink", action="store_true", help="let hypothesis shrink each class's example (slower)")
    parser.add_argument("--json", type=Path, default=None, help="write the catalogue as JSON")
    parser.add_argument("--save", type=Path, default=None, help="pickle the sample's outcomes here (to classify again with --load)")
    parser.add_argument("--load", type=Path, default=None, help="classify outcomes pickled by --save instead of sampling")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="xlfund-layouts-"))
    start = time.perf_counter()
    if args.load:
        outcomes = pickle.loads(args.load.read_bytes())
    else:
        outcomes = sample(args.examples, seed=args.seed, work=work, progress=_progress)
    if args.save:
        args.save.write_bytes(pickle.dumps(outcomes))
    sampled = time.perf_counter() - start
    print(f"sampled {len(outcomes)} folders in {sampled:.0f} s; classifying…", file=sys.stderr, flush=True)
    catalogue = classify(outcomes, work, budget=args.budget,
                         progress=lambda c: print(f"  class: {c.key}", file=sys.stderr, flush=True))
    catalogue.seconds = sampled
    print(table(catalogue))
    entries = []
    for number, cls in enumerate(catalogue.classes, start=1):
        example = cls.example
        if args.shrink:
            shrunk = shrink(cls.trigger, cls.signature, work, seed=number)
            if shrunk is not None:
                cls.shrunk = example = shrunk
        again = run_spec(example, work)
        detail = next((f.detail for f in again.failures if f.signature == cls.signature), cls.detail)
        print(f"\n[{number}] {cls.key}\n    {cls.members} failing folders (reach {cls.reach}); {dict(cls.kinds + cls.whats)}")
        print(f"    {describe(example)}\n    {detail[:700]}")
        if args.out:
            target = args.out / f"{number:02d}-{_slug(cls.key)}"
            materialise(example, target)
            print(f"    written to {target}")
        entries.append({"number": number, "signature": cls.signature, "trigger": cls.trigger, "members": cls.members,
                        "reach": cls.reach, "kinds": dict(cls.kinds), "whats": dict(cls.whats), "dims": non_default(example.dims),
                        "content": _content_literal(example), "detail": detail,
                        "errors": [list(e) for e in again.reading.errors[:6]], "exit": again.reading.exit_code})
    if args.json:
        args.json.write_text(json.dumps({"examples": catalogue.examples, "clean": catalogue.clean, "seconds": round(sampled),
                                         "kinds": dict(catalogue.kinds), "unclassified": dict(catalogue.unclassified),
                                         "classes": entries}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if catalogue.classes or catalogue.unclassified else 0


if __name__ == "__main__":
    sys.exit(main())
