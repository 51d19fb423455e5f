"""xlfund.round: the pure parts of the submission round (records, changes, overlaps, advice)."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from unitkit import rec

from xlfund.findings import ERROR, INFO, KINDS, WARNING, finding
from xlfund.model import Consolidation, FileRead, FileStatus
from xlfund.round.advice import CLERK_ONLY, FOUND, INSTRUCTIONS, cell_text, found_from_parameters
from xlfund.round.changes import FileChangeKind, UnitChangeKind, compare, delta_text
from xlfund.round.owners import Owners, Sender, district_in_path
from xlfund.round.record import DistrictUnits, FileFacts, Lines, RecordError, RunRecord, build_record, parse_record, record_json
from xlfund.round.status import Stamp
from xlfund.round.versions import overlaps
from xlfund.settings.schema import Settings

SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64


def facts(name: str, sha: str, fen: int = 10_000_000, recipients: int = 1, status: str = "已读取", district: str = "高新区") -> FileFacts:
    return FileFacts(name, sha, 100, "2025-03-01 10:00:00", status, recipients, fen, (district,))


def record(files: list[FileFacts], lines: dict[str, list[tuple[str, int]]] | None = None, settings: str = "") -> RunRecord:
    """A record whose recipient lines are given as district -> [(name, 分), …]."""
    return RunRecord("2025-03-01 10:00:00", "/x", settings, files,
                     {d: Lines([n for n, _f in pairs], [f for _n, f in pairs]) for d, pairs in (lines or {}).items()})


def test_a_renamed_file_is_resubmitted_not_new_and_removed():
    change, = compare(record([facts("高新区.xlsx", SHA_A)]), record([facts("高新区-再报.xlsx", SHA_A)])).files
    assert (change.kind, change.name, change.other, change.delta) == (FileChangeKind.RESUBMITTED, "高新区-再报.xlsx", "高新区.xlsx", (0, 0))


def test_a_copy_beside_the_original_is_resubmitted_and_adds_nothing():
    after = record([facts("高新区.xlsx", SHA_A), facts("高新区(1).xlsx", SHA_A, status="重复", recipients=0, fen=0)])
    change, = compare(record([facts("高新区.xlsx", SHA_A)]), after).files
    assert change.kind is FileChangeKind.RESUBMITTED and change.before is None and not change.counted and change.delta == (0, 0)


def test_new_changed_and_removed_files_with_their_deltas():
    before = record([facts("高新区.xlsx", SHA_A), facts("旧.xlsx", SHA_B, fen=5_000_000)])
    after = record([facts("高新区.xlsx", SHA_C, fen=22_000_000, recipients=3), facts("安化县.xls", SHA_B + "0", district="安化县")])
    kinds = {c.name: (c.kind, c.delta) for c in compare(before, after).files}
    assert kinds == {"高新区.xlsx": (FileChangeKind.CHANGED, (2, 12_000_000)), "安化县.xls": (FileChangeKind.NEW, (1, 10_000_000)),
                     "旧.xlsx": (FileChangeKind.REMOVED, (-1, -5_000_000))}


def test_an_unreadable_file_counts_nothing_either_side():
    before = record([facts("高新区.xlsx", SHA_A, status="无法读取", recipients=0, fen=0)])
    change, = compare(before, record([facts("高新区.xlsx", SHA_B, fen=3_000_000)])).files
    assert change.amounts == (None, 3_000_000) and change.delta == (1, 3_000_000)


def test_recipients_added_removed_and_changed_per_district_in_settings_order():
    before = record([facts("赫山区.xlsx", SHA_A, district="赫山区")], {"高新区": [("甲", 10), ("乙", 15), ("乙", 5)], "赫山区": [("丙", 5)]})
    after = record([facts("赫山区.xlsx", SHA_B, district="赫山区")], {"高新区": [("甲", 12), ("乙", 20)], "赫山区": [("丁", 5)]})
    changes = compare(before, after, order=("赫山区", "高新区"))
    assert [d.district for d in changes.districts] == ["赫山区", "高新区"]
    assert [(u.name, u.kind) for u in changes.districts[0].units] == [("丁", UnitChangeKind.ADDED), ("丙", UnitChangeKind.REMOVED)]
    assert [(u.name, u.delta_fen) for u in changes.districts[1].units] == [("甲", 2), ("乙", 0)]  # 乙: 2 lines -> 1
    assert changes.districts[1].delta == (-1, 2)


def test_only_districts_of_changed_files_or_totals_are_compared_unless_the_reading_may_differ():
    """The same bytes read by the same version with the same settings give the same lines."""
    before = record([facts("赫山区.xlsx", SHA_A, district="赫山区")], {"赫山区": [("丙", 5)]}, settings=SHA_A)
    after = record([facts("赫山区.xlsx", SHA_A, district="赫山区")], {"赫山区": [("丁", 5)]}, settings=SHA_A)
    assert compare(before, after).districts == ()
    assert [d.district for d in compare(before, record(after.files, {"赫山区": [("丁", 5)]}, settings=SHA_B)).districts] == ["赫山区"]
    after.version = "0.0.1"
    assert [d.district for d in compare(before, after).districts] == ["赫山区"]


def test_nothing_changed_and_settings_changed():
    units = {"高新区": [("甲", 10)]}
    same = record([facts("a.xlsx", SHA_A)], units, settings=SHA_A)
    assert compare(same, same).nothing
    assert compare(same, record(same.files, units, settings=SHA_B)).settings_changed
    assert not compare(same, record(same.files, units, settings="")).settings_changed


@pytest.mark.parametrize(("count", "fen", "text"), [
    (2, 12_000_000, "+2 个单位，+12.00 万元"), (-1, -5_000_000, "-1 个单位，-5.00 万元"), (0, 1_005_000, "±0 个单位，+1.01 万元"),
    (0, 0, "±0 个单位，±0.00 万元"),
])
def test_delta_text(count: int, fen: int, text: str):
    assert delta_text(count, fen) == text


def _result(records, files: list[FileRead], districts=("高新区", "赫山区", "资阳区")) -> Consolidation:
    return Consolidation(Path("/x"), Settings(districts=districts), records, [], [], [], files, dt.datetime(2025, 3, 1, 10))


def test_the_record_survives_json_and_refuses_anything_else():
    records = [rec("甲公司", 10, file="高新区.xlsx"), rec("甲公司", 2, file="高新区.xlsx", row=3), rec("乙(公司)", 1.5, district="赫山区", file="c.xlsx")]
    result = _result(records, [FileRead("高新区.xlsx", SHA_A), FileRead("c.xlsx", SHA_B), FileRead("~$x.xlsx", status=FileStatus.SKIPPED)])
    made = build_record(result, {"高新区.xlsx": Stamp(10, dt.datetime(2025, 3, 1, 9, 30))})
    assert [f.name for f in made.files] == ["高新区.xlsx", "c.xlsx"]  # a lock file is no submission
    assert made.files[0].modified == "2025-03-01 09:30:00" and made.files[1].modified == ""
    assert made.district_totals() == {"高新区": (2, 12_000_000), "赫山区": (1, 1_500_000)}
    assert made.units("高新区") == DistrictUnits({"甲公司": 12_000_000}, {"甲公司": 2})
    again = parse_record(record_json(made))
    assert again.files == made.files and again.version == made.version and again.lines == {}  # packed until needed
    assert again.district_totals() == made.district_totals()
    assert [again.units(d) for d in ("高新区", "赫山区", "资阳区")] == [made.units(d) for d in ("高新区", "赫山区", "资阳区")]
    text = record_json(made)
    for broken in ("", "[]", '{"xlfund_run": 2}', '{"xlfund_run": 1, "made_at": "x"}', text.replace('"files":[[', '"files":[[1,'),
                   text.replace('"高新区":[2,', '"高新区":["2",'), text.replace('"districts":{', '"districts":{"x":1,')):
        with pytest.raises(RecordError):
            parse_record(broken)
    # A district's packed lines are checked when they are needed: damaged, or not matching its totals.
    packed = again.packed["高新区"][2]
    for broken in (text.replace(packed, "!!!"), text.replace(packed, packed[:-8]), text.replace('"高新区":[2,', '"高新区":[3,')):
        earlier = parse_record(broken)
        assert earlier.units("赫山区") == made.units("赫山区")
        with pytest.raises(RecordError):
            earlier.units("高新区")


def test_damaged_lines_of_an_earlier_run_only_mean_no_comparison():
    from xlfund.round.survey import survey

    records = [rec("甲公司", 10, file="高新区.xlsx")]
    result = _result(records, [FileRead("高新区.xlsx", SHA_A)])
    earlier = parse_record(record_json(build_record(_result(records, [FileRead("高新区.xlsx", SHA_B)]), {})))
    earlier.packed["高新区"] = (*earlier.packed["高新区"][:2], "!!!")
    the_round = survey(result, {}, earlier, "")
    assert the_round.changes is None and the_round.earlier == "上次的运行记录无法使用（单位记录已损坏）"


def test_a_copy_belongs_to_its_originals_district():
    records = [rec("甲公司", 10, file="a/表.xlsx")]
    files = [FileRead("a/表.xlsx", SHA_A), FileRead("b/表(1).xlsx", SHA_A, status=FileStatus.DUPLICATE),
             FileRead("赫山区.xlsx", SHA_B, status=FileStatus.UNREADABLE), FileRead("新建.xlsx", SHA_C, status=FileStatus.UNREADABLE)]
    owners = Owners(_result(records, files))
    assert owners.of_file("b/表(1).xlsx") == Sender(district="高新区") and owners.twin == {"b/表(1).xlsx": "a/表.xlsx"}
    assert owners.of_file("赫山区.xlsx") == Sender(district="赫山区") and owners.of_file("新建.xlsx") == Sender(file="新建.xlsx")
    assert owners.of_finding(finding("quota-mismatch", district="资阳区", total=0, quota=1, diff=-1)) is None  # 资阳区 sent nothing
    assert owners.of_finding(finding("over-cap", total=2, cap=1, diff=1)) is None


@pytest.mark.parametrize(("path", "district"), [
    ("高新区.xlsx", "高新区"), ("高新区/分配表.xlsx", "高新区"), ("赫山区与高新区.xlsx", ""), ("新建.xlsx", ""),
    ("高新城区.xlsx", "高新城区"),
])
def test_district_in_path(path: str, district: str):
    assert district_in_path(path, ("高新区", "赫山区", "城区", "高新城区")) == district


def test_overlap_needs_half_of_the_smaller_file():
    old = [rec(n, 1, file="赫山区.xlsx", district="赫山区") for n in ("甲", "乙", "丙", "丁")]
    assert [(o.file, o.other, o.count) for o in overlaps(old + [rec(n, 1, file="赫山区(2).xlsx", district="赫山区") for n in ("甲", "乙", "戊", "己")])] == [
        ("赫山区(2).xlsx", "赫山区.xlsx", 2)]
    assert overlaps(old + [rec(n, 1, file="第二批.xlsx", district="赫山区") for n in ("甲", "戊", "己")]) == []
    assert overlaps(old + [rec("甲", 1, file="高新区.xlsx")]) == []  # another district's file


def test_every_error_and_warning_code_is_decided_for_the_districts():
    problems = {code for code, kind in KINDS.items() if kind.severity in (ERROR, WARNING)}
    assert set(INSTRUCTIONS) | CLERK_ONLY == problems and not set(INSTRUCTIONS) & CLERK_ONLY
    assert not {code for code in INSTRUCTIONS if KINDS[code].severity is INFO}


def test_found_templates_only_use_the_findings_parameters():
    for code, template in FOUND.items():
        used = {name for _t, name, _s, _c in string.Formatter().parse(template) if name}
        known = {name for _t, name, _s, _c in string.Formatter().parse(KINDS[code].template) if name}
        assert used <= known, code


def test_found_from_parameters_shows_money_as_excel_does():
    from decimal import Decimal

    item = finding("quota-mismatch", district="资阳区", total=Decimal("6.5"), quota=Decimal("18.125"), diff=Decimal("-11.625"))
    assert found_from_parameters(item) == "分配合计 6.50 万元，下达额度 18.13 万元"
    assert found_from_parameters(finding("file-empty")) == ""


@pytest.mark.parametrize(("value", "special", "text"), [
    (250000.0, "", "250000"), (12.5, "", "12.5"), (None, "", "（空白）"), ("  ", "", "（空格）"), ("abc", "", "abc"),
    (None, "formula", "（公式，没有保存计算结果）"), (None, "#REF!", "#REF!"), ("字" * 70, "", "字" * 60 + "……"), (True, "", "TRUE"),
])
def test_cell_text(value, special: str, text: str):
    assert cell_text(value, special) == text


def test_an_unchanged_districts_lines_are_taken_packed_from_the_earlier_run():
    from xlfund.round.survey import survey

    files = [FileRead("高新区.xlsx", SHA_A), FileRead("赫山区.xlsx", SHA_B)]
    records = [rec("甲公司", 10, file="高新区.xlsx"), rec("乙公司", 1, file="赫山区.xlsx", district="赫山区")]
    earlier = parse_record(record_json(build_record(_result(records, files), {})))
    changed = [records[0], rec("丙公司", 2, file="赫山区.xlsx", district="赫山区")]
    the_round = survey(_result(changed, [files[0], FileRead("赫山区.xlsx", SHA_C)]), {}, earlier)
    assert the_round.changes.same == {"高新区"} and [d.district for d in the_round.changes.districts] == ["赫山区"]
    assert the_round.record.packed["高新区"] == earlier.packed["高新区"] and list(the_round.record.lines) == ["赫山区"]
    again = parse_record(record_json(the_round.record))
    assert again.units("高新区").fen == {"甲公司": 10_000_000} and again.units("赫山区").fen == {"丙公司": 2_000_000}
