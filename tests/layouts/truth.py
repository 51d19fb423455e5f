"""The truth of a generated folder and the property every reading is held to.

The property ("exit 0 means right", issue 19):

1. exit 0 ⇒ the total, every recipient and every district's (count, total) are exact, and
   nothing the truth says must be reported is missing;                     else "false-exit-0"
2. whatever the exit, every district whose figure is wrong is named by at least one 错误 finding
   located in a file that holds rows of that district (truth) or was booked to it (reading),
   and every file the truth says must be reported has a 错误 finding located in it;
                                                                          else "unnamed-wrong-figure"
3. on a clean folder (every dimension value unambiguous and correct) the run exits 0;
                                                                          else "false-alarm"

Exit 2 (`NothingToDo`) names every file and why it was not read: it is a refusal, right on any
folder that is not clean. Only the reading's attributes that stay through the findings refactor
are used: `.code`, `.severity`, `.file`, `.message`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

ERROR = "错误"


@dataclass
class Truth:
    records: list[tuple[str, str, Decimal]] = field(default_factory=list)  # (district, name, amount in 万元)
    files_of: dict[str, set[str]] = field(default_factory=dict)  # district -> files holding its counted rows
    must_error: dict[str, str] = field(default_factory=dict)  # file -> why a right reading reports an error there
    refusable: list[str] = field(default_factory=list)  # dimension values under which refusing is right too
    clean: bool = True

    def add(self, district: str, name: str, amount: Decimal, file: str) -> None:
        self.records.append((district, name, amount))
        self.files_of.setdefault(district, set()).add(file)

    def district_totals(self) -> dict[str, tuple[int, Decimal]]:
        out: dict[str, tuple[int, Decimal]] = {}
        for district, _name, amount in self.records:
            count, total = out.get(district, (0, Decimal(0)))
            out[district] = (count + 1, total + amount)
        return out

    @property
    def total(self) -> Decimal:
        return sum((amount for _d, _n, amount in self.records), Decimal(0))


@dataclass(frozen=True)
class Reading:
    """What a run gave, reduced to what the property looks at (from the library or the CLI)."""

    exit_code: int
    records: tuple[tuple[str, str, Decimal], ...] = ()
    districts: tuple[tuple[str, int, Decimal], ...] = ()  # (district, count, total)
    errors: tuple[tuple[str, str, str], ...] = ()  # (code, file, message) of each 错误 finding
    booked: tuple[tuple[str, str], ...] = ()  # (district, file) for every file a district's records came from
    crash: str = ""

    def district_totals(self) -> dict[str, tuple[int, Decimal]]:
        return {name: (count, total) for name, count, total in self.districts}

    @property
    def total(self) -> Decimal:
        return sum((total for _n, _c, total in self.districts), Decimal(0))


@dataclass(frozen=True)
class Failure:
    kind: str  # false-exit-0 | unnamed-wrong-figure | false-alarm | crash
    what: str  # the deviation in a few words: district-assignment, extra-lines, lost-lines, amounts, recipients, required-error, alarm:<codes>
    detail: str  # expected vs observed

    @property
    def signature(self) -> str:
        """What a failure class keeps while it is minimised. A silent wrong figure is one class
        whatever the exit (it may be 1 only for an unrelated error, such as over-cap, that names
        no file) and whatever the figure (a unit that is not money gives extra lines and a
        missing required error at once); a false alarm is one class per error code."""
        if self.kind in ("false-exit-0", "unnamed-wrong-figure"):
            return "silent"
        return f"{self.kind}:{self.what}"


def located(finding_file: str, file: str) -> bool:
    """A finding on `file`, or on the archive that holds it."""
    return bool(finding_file) and (finding_file == file or file.startswith(finding_file.rstrip("/") + "/"))


def _deviation(truth: Truth, reading: Reading) -> str:
    """What is wrong, recipient by recipient (names are unique in a generated folder, but for a
    recipient paid in two batches: two lines of one name): extra-lines (read but not in the truth,
    or read more often), lost-lines, wrong-district, amounts (a name's lines summed)."""
    want: dict[str, tuple[str, Decimal]] = {}
    for district, name, amount in truth.records:
        want[name] = (district, want.get(name, (district, Decimal(0)))[1] + amount)
    lines = Counter(name for _d, name, _a in truth.records)
    seen = Counter(name for _d, name, _a in reading.records)
    got: dict[str, Decimal] = {}
    for _d, name, amount in reading.records:
        got[name] = got.get(name, Decimal(0)) + amount
    kinds = {
        "extra-lines": any(name not in want or n > lines[name] for name, n in seen.items()),
        "lost-lines": any(name not in seen for name in want),
        "wrong-district": any(name in want and want[name][0] != district for district, name, _a in reading.records),
        "amounts": any(name in want and want[name][1] != amount for name, amount in got.items()),
    }
    return "+".join(k for k, v in kinds.items() if v) or "figures"


def _fmt(figures: dict[str, tuple[int, Decimal]]) -> str:
    return ", ".join(f"{k} {c}/{t.normalize():f}" for k, (c, t) in sorted(figures.items())) or "(none)"


def check(truth: Truth, reading: Reading) -> list[Failure]:
    """Every way the reading breaks the property (empty when it holds)."""
    if reading.crash:
        return [Failure("crash", "exception", reading.crash)]
    want, got = truth.district_totals(), reading.district_totals()
    error_files = [file for _code, file, _m in reading.errors]
    failures: list[Failure] = []
    wrong_districts = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    unreported = sorted(f for f in truth.must_error if not any(located(e, f) for e in error_files))
    deviation = _deviation(truth, reading) if wrong_districts else ""
    if reading.exit_code == 0:
        if wrong_districts:
            failures.append(Failure("false-exit-0", deviation, f"expected {_fmt(want)}; got {_fmt(got)}"))
        elif Counter(truth.records) != Counter(reading.records):
            missing = Counter(truth.records) - Counter(reading.records)
            extra = Counter(reading.records) - Counter(truth.records)
            failures.append(Failure("false-exit-0", "recipients", f"missing {sorted(missing)}; extra {sorted(extra)}"))
        if unreported:
            failures.append(Failure("false-exit-0", "required-error", "; ".join(f"{f}: {truth.must_error[f]}" for f in unreported)))
    elif reading.exit_code == 1:
        booked: dict[str, set[str]] = {}
        for district, file in reading.booked:
            booked.setdefault(district, set()).add(file)
        silent = []
        for district in wrong_districts:
            places = truth.files_of.get(district, set()) | booked.get(district, set())
            if not any(located(e, f) for e in error_files for f in places):
                silent.append(f"{district}: expected {_fmt({district: want[district]}) if district in want else '(none)'}, "
                              f"got {_fmt({district: got[district]}) if district in got else '(none)'}, files {sorted(places)}")
        if silent:
            failures.append(Failure("unnamed-wrong-figure", deviation, "; ".join(silent) + f" | errors: {_errors_text(reading)}"))
        if unreported:
            failures.append(Failure("unnamed-wrong-figure", "required-error",
                                    "; ".join(f"{f}: {truth.must_error[f]}" for f in unreported) + f" | errors: {_errors_text(reading)}"))
    if truth.clean and reading.exit_code != 0:
        for code in sorted({code for code, _f, _m in reading.errors}) or [f"exit-{reading.exit_code}"]:
            first = next((e for e in reading.errors if e[0] == code), None)
            failures.append(Failure("false-alarm", code, f"{code} @{first[1]}: {first[2][:120]}" if first else "exit 2: nothing read"))
    return failures


def _errors_text(reading: Reading, limit: int = 4) -> str:
    shown = [f"{code} @{file}: {message[:80]}" for code, file, message in reading.errors[:limit]]
    more = f" (+{len(reading.errors) - limit} more)" if len(reading.errors) > limit else ""
    return "; ".join(shown) + more if shown else "(no errors)"
