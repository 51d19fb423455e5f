"""Findings are objects: a code, a typed place and parameters; the Chinese text is rendered only
when shown, and --json carries the structure beside the message."""

from __future__ import annotations

import string
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import make_xlsx, run_json, settings_file, simple_sheet

from xlfund.findings import KINDS, Place, finding, sort_findings


@pytest.mark.parametrize(("place", "cell"), [
    (Place("a.xlsx", "Sheet1", 5, 2), "C5"),
    (Place("a.xlsx", "Sheet1", 1, 0, last_row=20, last_col=3), "A1:D20"),
    (Place("a.xlsx", "Sheet1", 1, 0, last_row=1, last_col=0), "A1"),
    (Place("a.xlsx", "Sheet1", 7), "第 7 行"),
    (Place("a.xlsx", "Sheet1", 3, last_row=5), "第 3–5 行"),
    (Place("xlfund.toml", line=4), "第 4 行"),
    (Place("a.xlsx", "Sheet1"), ""),
    (Place("a.xlsx", "Sheet1", 2, 27), "AB2"),
])
def test_the_cell_text_is_derived_from_numbers(place: Place, cell: str):
    assert place.cell == cell


def test_a_finding_keeps_its_amounts_as_numbers_and_renders_them_when_shown():
    found = finding("stated-total-mismatch", Place("高新区.xlsx", "Sheet1", 9, 2), label="合计", covered="第 3–8 行",
                    stated=Decimal("250222"), actual=Decimal("250222.5"), diff=Decimal("0.5"))
    assert found.param("stated") == Decimal("250222")
    assert found.message == "表内合计为 250,222.00 万元，第 3–8 行逐行相加为 250,222.50 万元，比合计多 0.50 万元"
    data = found.as_dict()
    assert (data["file"], data["sheet"], data["cell"], data["row"], data["column"]) == ("高新区.xlsx", "Sheet1", "C9", 9, "C")
    assert data["parameters"] == {"label": "合计", "covered": "第 3–8 行", "stated": "250222", "actual": "250222.5", "diff": "0.5"}


def test_a_missing_or_textual_amount_is_refused_when_the_finding_is_made():
    with pytest.raises(TypeError):
        finding("over-cap", total="510.00", cap=Decimal(500), diff=Decimal(10))
    with pytest.raises(TypeError):
        finding("over-cap", total=Decimal(510), cap=Decimal(500))


def test_every_catalogue_template_names_only_its_parameters():
    """Each kind's money and signed keys are fields of its own template (a typo would never render)."""
    for code, kind in KINDS.items():
        names = {name for _t, name, _s, _c in string.Formatter().parse(kind.template) if name}
        assert set(kind.money) <= names and set(kind.signed) <= names, code


def test_findings_sort_by_severity_then_place_as_numbers():
    a = finding("amount-missing", Place("a.xlsx", "S", 10, 2), name="甲")
    b = finding("amount-missing", Place("a.xlsx", "S", 9, 2), name="乙")
    c = finding("purpose-missing", Place("a.xlsx", "S", 2, 3), count=1, rows=(2,), etc="")
    assert sort_findings([c, a, b]) == [b, a, c]  # row 9 before row 10, not "10" < "9"


def test_json_carries_row_column_and_parameters(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("乙公司", 2)], total=4))
    settings_file(folder, '[fund]\nname = "资金"\ncpa = 5\n')
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "out.xlsx"))
    assert code == 1
    mismatch = next(i for i in data["issues"] if i["code"] == "stated-total-mismatch")
    assert (mismatch["cell"], mismatch["row"], mismatch["column"]) == ("C5", 5, "C")
    assert (mismatch["parameters"]["stated"], mismatch["parameters"]["actual"]) == ("4", "3")
    unused = next(i for i in data["issues"] if i["code"] == "settings-unused")
    assert (unused["file"], unused["line"], unused["cell"]) == ("xlfund.toml", 3, "第 3 行")
    assert "cpa" in unused["message"] and "（第" not in unused["message"]


def test_a_difference_below_one_cent_of_a_wan_never_reads_as_zero():
    found = finding("stated-total-mismatch", Place("a.xlsx", "S", 5, 2), label="合计", covered="第 2–4 行",
                    stated=Decimal("12"), actual=Decimal("12.0004"), diff=Decimal("0.0004"))
    assert found.message == "表内合计为 12.0000 万元，第 2–4 行逐行相加为 12.0004 万元，比合计多 0.0004 万元"
