"""The layout gallery (issue 11): each layout read right, or refused with a located error; and
whatever the reading, a recorded total that differs from a number the sheet states is an error."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import run_json
from gallery import CONFIG, LAYOUTS, Layout, Stated

ERROR = "错误"


def consolidate(entry: Layout, tmp_path: Path) -> tuple[int, dict, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    entry.build(folder)
    config = tmp_path / "xlfund.toml"
    config.write_text(CONFIG, encoding="utf-8")
    output = tmp_path / "out.xlsx"
    code, data = run_json("consolidate", str(folder), "-o", str(output), "--config", str(config))
    return code, data, output


def errors(data: dict) -> list[dict]:
    return [i for i in data.get("issues", []) if i["severity"] == ERROR]


def reading(data: dict) -> tuple[int, Decimal, dict[str, tuple[int, Decimal]]]:
    # districts named in the settings are listed even without data: those are left out
    districts = {name: (d["recipients"], Decimal(d["total"])) for name, d in (data.get("districts") or {}).items()
                 if d["recipients"] or Decimal(d["total"])}
    return data.get("recipients", 0), Decimal(data.get("total") or 0), districts


def expected(entry: Layout) -> tuple[int, Decimal, dict[str, tuple[int, Decimal]]]:
    return entry.count, Decimal(entry.total), {name: (n, Decimal(t)) for name, (n, t) in entry.districts.items()}


def test_the_gallery_is_large_and_names_are_unique():
    assert len(LAYOUTS) >= 28
    assert len({entry.name for entry in LAYOUTS}) == len(LAYOUTS)


def test_expectations_add_up():
    """The districts of each layout add up to its count and total (hand-computed figures agree)."""
    for entry in LAYOUTS:
        count, total, districts = expected(entry)
        assert sum(n for n, _t in districts.values()) == count, entry.name
        assert sum(t for _n, t in districts.values()) == total, entry.name


@pytest.mark.parametrize("entry", LAYOUTS, ids=[entry.name for entry in LAYOUTS])
def test_layout_is_read_right_or_refused(entry: Layout, tmp_path: Path):
    code, data, _output = consolidate(entry, tmp_path)
    found = errors(data)
    codes = {issue["code"] for issue in found}
    read_right = reading(data) == expected(entry)
    unexpected = codes - set(entry.must_error)
    if entry.refusable and not (read_right and not unexpected):
        located = [issue for issue in found if issue["file"]]
        assert located and code in (1, 2), f"{entry.name}: neither read right nor refused with a located error: {reading(data)}, {found}"
        return
    assert reading(data) == expected(entry), f"{entry.name}: {entry.note}\nerrors: {found}"
    assert not unexpected, f"{entry.name}: unexpected errors {found}"
    assert set(entry.must_error) <= codes, f"{entry.name}: expected errors {entry.must_error}, got {found}"
    assert code == (1 if found else 0), data.get("issues")


def recorded_by_name(output: Path) -> dict[str, Decimal]:
    """Amounts per recipient as recorded in the 明细 sheet of the output (empty if none was written)."""
    if not output.exists():
        return {}
    sheet = openpyxl.load_workbook(output, data_only=True)["明细"]
    rows = sheet.iter_rows(values_only=True)
    head = list(next(rows))
    name, amount = head.index("单位名称"), next(i for i, h in enumerate(head) if str(h).startswith("金额"))
    sums: dict[str, Decimal] = {}
    for row in rows:
        if row[name] is not None and row[amount] is not None:
            key = str(row[name]).strip()
            sums[key] = sums.get(key, Decimal(0)) + Decimal(str(row[amount]))
    return sums


def recorded_for(stated: Stated, data: dict, by_name: dict[str, Decimal]) -> Decimal:
    if stated.names:
        return sum((by_name.get(name, Decimal(0)) for name in stated.names), Decimal(0))
    if stated.district:
        district = (data.get("districts") or {}).get(stated.district)
        return Decimal(district["total"]) if district else Decimal(0)
    return Decimal(data.get("total") or 0)


# a figure, not a cell reference ("C9") nor a row number ("第9行")
NUMBER = re.compile(r"(?<![A-Za-z0-9.])-?\d[\d,]*(?:\.\d+)?(?![\d行])")


def numbers_in(text: str) -> set[Decimal]:
    return {abs(Decimal(m.group().replace(",", ""))) for m in NUMBER.finditer(text)}


def names_the_difference(issue: dict, stated: Decimal, recorded: Decimal) -> bool:
    """The message gives the difference, or both the stated and the recorded figure (in 万元 or in 元)."""
    found = numbers_in(issue["message"])

    def has(figure: Decimal) -> bool:
        return figure in found or figure * 10000 in found

    return has(abs(stated - recorded)) or (has(stated) and has(recorded))


@pytest.mark.parametrize("entry", LAYOUTS, ids=[entry.name for entry in LAYOUTS])
def test_stated_numbers_reconcile_or_an_error_names_the_difference(entry: Layout, tmp_path: Path):
    """Never a wrong total with no error: each number the sheet states either equals the recorded
    figure it states, or an error in that file names the difference."""
    _code, data, output = consolidate(entry, tmp_path)
    by_name = recorded_by_name(output)
    silent = []
    for stated in entry.stated:
        value, recorded = Decimal(stated.value), recorded_for(stated, data, by_name)
        if value == recorded:
            continue
        in_file = [issue for issue in errors(data) if stated.file in issue["file"]]
        if not any(names_the_difference(issue, value, recorded) for issue in in_file):
            scope = stated.district or ("+".join(stated.names) if stated.names else "总计")
            silent.append(f"{stated.file} states {scope} = {value}, recorded {recorded}")
    assert not silent, f"{entry.name}: wrong figures without an error: {silent}\nerrors: {errors(data)}"
