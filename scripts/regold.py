"""Regenerate the golden dumps (tests/expected/sample-<sheet>.json) from the sample, on purpose.

Usage: python scripts/regold.py      then read `git diff tests/expected` and say in the
commit which cells changed and why. Refuses to run under pytest: a golden file written by
the test that compares with it could never fail.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def main() -> int:
    if "pytest" in sys.modules or os.environ.get("PYTEST_CURRENT_TEST"):
        print("regold.py writes the golden files: run it on its own, never under pytest", file=sys.stderr)
        return 2
    from golden import SHEETS, dump, golden_file, sample_output  # noqa: E402  (tests/ is on the path now)

    with tempfile.TemporaryDirectory(prefix="xlfund-regold-") as work:
        out = sample_output(Path(work))
        for sheet in SHEETS:
            golden_file(sheet).write_text(json.dumps(dump(out, sheet), ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
            print(golden_file(sheet))
    return 0


if __name__ == "__main__":
    sys.exit(main())
