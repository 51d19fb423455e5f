"""Nothing lost, as a checked invariant: generated messy sheets and mutated real files."""

from __future__ import annotations

import random
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import SAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xlfund.amounts import format_wan
from xlfund.consolidate import consolidate
from xlfund.errors import NothingToDo
from xlfund.settings import Settings, load_settings

REJECTED_CODES = {"amount-unparseable", "amount-missing", "amount-not-positive", "amount-formula-no-value", "amount-error-value", "name-missing"}

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2)


@st.composite
def written_amount(draw) -> tuple[object, Decimal]:
    """An amount in 万元 and one of the ways a district writes it."""
    wan = draw(amounts)
    text = format_wan(wan)
    form = draw(st.sampled_from(["number", "text", "wan", "yuan", "fullwidth", "spaced"]))
    written = {
        "number": float(text), "text": text, "wan": f"{text}万元", "yuan": f"{wan * 10000:,.2f}元",
        "fullwidth": text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")), "spaced": f" {text} ",
    }[form]
    return written, wan


junk = st.sampled_from(["待定", "见附件", "十来万", "1e5", "12.3.4", "??", "nan"])
names = st.text(alphabet="甲乙丙丁戊己庚辛壬癸公司中心", min_size=2, max_size=8).map(lambda s: s + "有限公司")
row_kinds = st.one_of(
    st.tuples(st.just("record"), names, written_amount()),
    st.tuples(st.just("bad"), names, junk),
    st.tuples(st.just("blank")),
    st.tuples(st.just("note"), st.sampled_from(["注：以上已公示", "填表人：", "审核人：王五", "2018年12月20日"])),
    st.tuples(st.just("total"), amounts),
    st.tuples(st.just("group"), st.sampled_from(["一、企业", "（二）村（社区）", "三、其他单位"])),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title_lines=st.integers(min_value=0, max_value=3), body=st.lists(row_kinds, min_size=1, max_size=25))
def test_every_row_of_a_messy_sheet_is_accounted_for(tmp_path_factory, title_lines: int, body: list[tuple]):
    folder = tmp_path_factory.mktemp("messy")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "高新区"
    for i in range(title_lines):
        ws.append(["单位：万元" if i == 1 else f"标题行{i}"])
    ws.append(["序号", "企业名称", "金额", "资金用途"])
    expected_total, expected_records, expected_rejected, expected_groups = Decimal(0), 0, 0, 0
    stated_something = False
    for n, row in enumerate(body, start=1):
        kind = row[0]
        if kind == "record":
            ws.append([n, row[1], row[2][0], "用途"])
            expected_total += row[2][1]
            expected_records += 1
        elif kind == "bad":
            ws.append([n, row[1], row[2], "用途"])
            expected_rejected += 1
        elif kind == "blank":
            ws.append([None])
        elif kind == "note":
            ws.append([row[1]])
        elif kind == "group":
            ws.append([None, row[1], None])
            expected_groups += 1
        else:
            ws.append(["合计", None, float(row[1])])
            stated_something = stated_something or row[1] != 0
    book.save(folder / "高新区.xlsx")
    if not (expected_records or expected_rejected or stated_something):
        # Only a header (with notes, groups or zero totals): a blank form, nothing to consolidate.
        with pytest.raises(NothingToDo, match="空白填报表"):
            consolidate(folder, Settings())
        return
    result = consolidate(folder, Settings())
    sheet = result.files[0].sheets[0]
    counts = sheet.counts
    assert counts.balanced(), counts
    # Rows are read up to the last one that holds anything (an empty row is not in the file).
    last = max((c.row for row in ws.iter_rows() for c in row if c.value is not None), default=0)
    assert counts.read == last
    assert (counts.records, counts.rejected, counts.groups) == (expected_records, expected_rejected, expected_groups)
    assert result.total == expected_total
    _assert_no_rejected_row_counted(result)


def _assert_no_rejected_row_counted(result) -> None:
    rejected = {(f.file, f.sheet, int("".join(ch for ch in f.cell if ch.isdigit()))) for f in result.findings if f.code in REJECTED_CODES}
    counted = {(r.file, r.sheet, r.row) for r in result.records}
    assert not rejected & counted
    assert result.total == sum((r.amount for r in result.records), Decimal(0))
    for report in result.files:
        for sheet in report.sheets:
            assert sheet.counts.balanced(), (report.name, sheet.name, sheet.counts)


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(3)
    if choice == 0:
        return data[: rng.randrange(1, len(data))]  # truncated in transit
    mutated = bytearray(data)
    for _ in range(rng.randrange(1, 20)):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    if choice == 2:
        start = rng.randrange(len(mutated))
        del mutated[start : start + rng.randrange(1, 200)]
    return bytes(mutated)


@pytest.mark.parametrize("seed", range(12))
def test_mutated_sample_files_never_crash_and_never_count_a_rejected_row(tmp_path: Path, seed: int):
    rng = random.Random(seed)
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder)
    for path in sorted(folder.iterdir()):
        if path.suffix in (".xlsx", ".xls", ".csv") and rng.random() < 0.6:
            path.write_bytes(_mutate_bytes(path.read_bytes(), rng))
    try:
        result = consolidate(folder, load_settings(folder))
    except NothingToDo:
        return  # every file broken beyond reading: exit 2, a clean message
    _assert_no_rejected_row_counted(result)


@pytest.mark.parametrize("seed", range(8))
def test_mutated_cells_in_real_sheets_keep_the_books_straight(tmp_path: Path, seed: int):
    rng = random.Random(1000 + seed)
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder)
    path = folder / "高新区.xlsx"
    book = openpyxl.load_workbook(path)
    ws = book.active
    for _ in range(10):
        cell = ws.cell(rng.randrange(1, ws.max_row + 2), rng.randrange(1, 6))
        if type(cell).__name__ == "MergedCell":
            continue
        cell.value = rng.choice([None, "", "十来万", -3, 0, "合计", "注：改过", "=1/0", "#REF!", "12万元", 7.25, "序号"])
    book.save(path)
    result = consolidate(folder, load_settings(folder))
    _assert_no_rejected_row_counted(result)
