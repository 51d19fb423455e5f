"""Which sheets of one workbook count. A workbook may hold, beside the sheet of final figures,
a working sheet (测算表) or a copy that repeats its lines, a sheet of another fund or another
year, or a hidden sheet. None is summed silently: each is either left out with a finding that
says why, or, where nothing tells which sheet is the final one, left out with an error the
clerk must settle ([sheets] skip in xlfund.toml, or delete the sheet).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from xlfund import vocab
from xlfund.amounts import normalise_text
from xlfund.findings import Finding, Place, finding
from xlfund.model import SheetResult

# Names and titles of sheets kept for working, not for reporting; and a copy's "(2)", which says
# only that the sheet was copied (the copy may be the one corrected afterwards).
WORKING_WORDS = re.compile("|".join(vocab.WORKING_SHEET_WORDS) + r"|\(\d+\)|（\d+）", re.IGNORECASE)
_COPY_NUMBER = re.compile(r"\(\d+\)|（\d+）")
# Share of the smaller sheet's lines found in the other: they repeat each other.
REPEAT_SHARE = 0.5
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?:年|年度)")
_FUND = re.compile(r"([\u4e00-\u9fff]{2,24}?(?:" + "|".join(vocab.FUND_ENDINGS) + "))")
_NOT_CORE = re.compile(r"\d+年度?|年度?|第.批|" + "|".join(vocab.FUND_COMMON_WORDS))
_PLACE_FIRST = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}?[省市州])*(?:[\u4e00-\u9fff]{1,3}?[县区])?")  # 益阳市, 湖南省益阳市赫山区
_PART_TITLE = re.compile(r"(?:附)?表[一二三四五六七八九十\d]+[:：、.．]")
_LEAD = re.compile(r"^(?:关于)?(?:下达|拨付|安排|分配)?")


@dataclass
class SheetFacts:
    result: SheetResult
    title: str  # the lines above the header, as written
    hidden: bool = False


@dataclass(frozen=True)
class Left:
    """A sheet left out, and what says why."""

    index: int
    finding: Finding


def sheets_left_out(sheets: list[SheetFacts], file: str, fund_name: str, year: int | None, skip: tuple[str, ...] = ()) -> list[Left]:
    """The sheets with lines that do not count, each with its finding (see the module's doc)."""
    left: dict[int, Finding] = {}
    counting = [i for i, s in enumerate(sheets) if s.result.records]
    for i in counting:
        name = sheets[i].result.sheet
        if name in skip:
            left[i] = finding("sheet-skipped-by-settings", Place(file, name), count=len(sheets[i].result.records))
    _other_fund_or_year(sheets, [i for i in counting if i not in left], file, fund_name, year, left)
    for i, j in _repeats(sheets, [i for i in counting if i not in left]):
        if i in left or j in left:
            continue
        same = _lines(sheets[i].result) == _lines(sheets[j].result)
        drop, keep = _which_copy(sheets, i, j, same)
        kept = sheets[keep].result.sheet
        if drop is None:  # nothing tells which is final: the later is left out, and the clerk decides
            drop = j
            left[drop] = finding("sheet-repeats", Place(file, sheets[drop].result.sheet), other=kept, count=len(sheets[drop].result.records))
        else:
            left[drop] = finding("sheet-working-copy", Place(file, sheets[drop].result.sheet), other=kept, why=_why_working(sheets[drop]),
                                 how="相同" if same else "大多相同")
    for i in counting:
        if sheets[i].hidden and i not in left:
            records = sheets[i].result.records
            amount = sum((r.amount for r in records), Decimal(0))
            old = WORKING_WORDS.search(sheets[i].result.sheet) or WORKING_WORDS.search(sheets[i].title)
            if old:  # hidden, and named an old version or a working sheet: left out, and said
                left[i] = finding("sheet-hidden-old", Place(file, sheets[i].result.sheet), word=old.group(0), count=len(records), amount=amount)
            else:
                left[i] = finding("sheet-hidden-with-money", Place(file, sheets[i].result.sheet), count=len(records), amount=amount)
    return [Left(i, f) for i, f in sorted(left.items())]


def _lines(result: SheetResult) -> Counter:
    return Counter((normalise_text(r.name), r.amount_fen) for r in result.records)


_BATCH = re.compile(r"第[一二三四五六七八九十\d]+[批期]|[一二三四五六七八九十\d]+期")


def _batches_apart(a: SheetFacts, b: SheetFacts) -> bool:
    """Sheets named for different batches (第一批, 第二批): two payments, not a copy."""
    first = _BATCH.search(a.result.sheet) or _BATCH.search(a.title)
    second = _BATCH.search(b.result.sheet) or _BATCH.search(b.title)
    return bool(first and second and first.group(0) != second.group(0))


def _names(result: SheetResult) -> Counter:
    return Counter(normalise_text(r.name) for r in result.records)


def _repeats(sheets: list[SheetFacts], indexes: list[int]) -> list[tuple[int, int]]:
    """Pairs of sheets (earlier first) that list mostly the same recipients, whatever their
    amounts (a copy whose amounts were changed afterwards repeats its sheet all the same)."""
    lines = {i: _names(sheets[i].result) for i in indexes}
    pairs = []
    for a, i in enumerate(indexes):
        for j in indexes[a + 1:]:
            if _batches_apart(sheets[i], sheets[j]):
                continue  # a recipient paid in both batches is said by the duplicates check
            shared = sum((lines[i] & lines[j]).values())
            smaller = min(sum(lines[i].values()), sum(lines[j].values()))
            if smaller and shared / smaller >= REPEAT_SHARE:
                pairs.append((i, j))
    return pairs


def _is_working(facts: SheetFacts, same: bool = True) -> bool:
    """A working sheet or copy: hidden, or named so. A copy named only "(2)" that differs from the
    sheet it was copied from may be the corrected one: it is no working sheet then."""
    if facts.hidden:
        return True
    match = WORKING_WORDS.search(facts.result.sheet) or WORKING_WORDS.search(facts.title)
    return bool(match) and (same or not _COPY_NUMBER.fullmatch(match.group(0)))


def _why_working(facts: SheetFacts) -> str:
    if facts.hidden:
        return "是隐藏的工作表"
    match = WORKING_WORDS.search(facts.result.sheet) or WORKING_WORDS.search(facts.title)
    return f"名称或标题写明“{match.group(0)}”"


def _which_copy(sheets: list[SheetFacts], i: int, j: int, same: bool) -> tuple[int | None, int]:
    """(the copy to leave out, the sheet kept); None when nothing tells them apart."""
    if _is_working(sheets[j], same) and not _is_working(sheets[i], same):
        return j, i
    if _is_working(sheets[i], same) and not _is_working(sheets[j], same):
        return i, j
    return None, i


def _other_fund_or_year(sheets: list[SheetFacts], indexes: list[int], file: str, fund_name: str, year: int | None,
                        left: dict[int, Finding]) -> None:
    """Sheets whose title names another year, or another fund while another sheet of the file
    counts, are left out with a warning; a file whose every sheet names another year is an
    error. A lone sheet naming its fund otherwise is no finding: names of one fund vary too much
    ("电商扶贫帮建资金" is the seed's own fund, its part for villages), and a false alarm
    teaches the clerk to ignore findings."""
    other_year: dict[int, str] = {}
    other_fund: dict[int, str] = {}
    for i in indexes:
        title = normalise_text(sheets[i].title)
        years = {int(y) for y in _YEAR.findall(title)}
        fund = _fund_in(sheets[i].title)
        if year and years and year not in years:
            other_year[i] = f"标题写的是 {'、'.join(str(y) for y in sorted(years))} 年，不是 {year} 年"
        elif fund and not same_fund(fund, fund_name):
            other_fund[i] = f"标题写的是“{fund}”，不是“{fund_name}”"
    if fund_name in ("", "专项资金"):
        # Hidden and working sheets have rules of their own (a copy, an old version).
        _funds_unclear(sheets, [i for i in indexes if not _is_working(sheets[i])], file, left)
        return
    staying = [i for i in indexes if i not in other_year and i not in other_fund]
    for i, why in other_year.items():
        code = "sheet-other-fund" if staying else "file-other-fund"
        left[i] = finding(code, Place(file, sheets[i].result.sheet), why=why, count=len(sheets[i].result.records))
    if staying:
        for i, why in other_fund.items():
            left[i] = finding("sheet-other-fund", Place(file, sheets[i].result.sheet), why=why, count=len(sheets[i].result.records))


def tables_of_other_years(result: SheetResult, file: str, year: int | None) -> list[Finding]:
    """A later table of a sheet whose own title names another year ("2017年…（结转）分配表" under
    the year's table): its lines are counted, and an error asks the clerk (a sheet so titled is
    left out; a table inside one cannot be without a guess at where it ends)."""
    findings = []
    starts = [row for row, _text in result.table_titles] + [10**9]
    for (row, text), end in zip(result.table_titles, starts[1:], strict=True):
        years = {int(y) for y in _YEAR.findall(normalise_text(text))}
        if not year or not years or year in years:
            continue
        lines = [r for r in result.records if row < r.row < end]
        if lines:
            findings.append(finding("table-other-year", Place(file, result.sheet, row, 0), years="、".join(str(y) for y in sorted(years)),
                                    year=year, count=len(lines), amount=sum((r.amount for r in lines), Decimal(0))))
    return findings


def _funds_unclear(sheets: list[SheetFacts], indexes: list[int], file: str, left: dict[int, Finding]) -> None:
    """No fund named in the settings, and the sheets of one file name different funds (or one
    names a fund and another none): which sheet is this fund's is the clerk's to say."""
    named = {i: _fund_in(sheets[i].title) for i in indexes}
    funds = [f for f in named.values() if f]
    if len(indexes) < 2 or not funds or all(f and same_fund(f, funds[0]) for f in named.values()):
        return
    first = indexes[0]
    for i in indexes[1:]:
        if named[i] and named[first] and same_fund(named[i], named[first]):
            continue
        said = "、".join(f"“{sheets[j].result.sheet}”{('写的是“' + named[j] + '”') if named[j] else '没有写明资金'}" for j in (first, i))
        left[i] = finding("sheet-fund-unclear", Place(file, sheets[i].result.sheet), said=said, count=len(sheets[i].result.records))


def _fund_in(title: str) -> str | None:
    """The fund a sheet's title names; none for a part's title ("表一：电商企业扶持资金分配表")."""
    plain = normalise_text(title)
    if _PART_TITLE.match(plain):
        return None
    match = _FUND.search(_LEAD.sub("", plain))
    return re.sub(r"^年度?", "", match.group(1)) if match else None  # "2018年工业…资金": the year's 年 is no part of it


def same_fund(named: str, fund_name: str) -> bool:
    """A title's fund and the settings' are one when what is left of each, once years, places
    and the words every fund shares are taken out, shares most of its characters."""
    if not fund_name or fund_name == "专项资金":
        return True  # no fund named in the settings: nothing to hold a title against
    a, b = (set(_NOT_CORE.sub("", _PLACE_FIRST.sub("", normalise_text(text)).replace("电子商务", "电商"))) for text in (named, fund_name))
    if not a or not b:
        return True
    return len(a & b) / min(len(a), len(b)) >= 0.6


# A file is no allocation table when many of its "recipients" are numbers, or when most of its
# lines cannot be read at all: one error for the file, not a row of errors blaming other causes.
NUMBER_NAMES_SHARE, NUMBER_NAMES_MIN = 0.3, 3
UNREAD_TIMES, UNREAD_MIN = 3, 20


# A sheet refused as a whole already says why in one finding.
REFUSED_SHEET = frozenset({"unit-not-money", "amount-column-ambiguous", "header-not-found"})


def not_an_allocation(results: list[SheetResult]) -> str:
    """What shows a workbook is no allocation table ("" when nothing does)."""
    results = [r for r in results if not any(f.code in REFUSED_SHEET for f in r.findings)]
    records = sum(len(r.records) for r in results)
    rejected = sum(r.counts.rejected for r in results)
    numbers = sum(1 for r in results for f in r.findings if f.code == "name-is-number")
    if numbers >= NUMBER_NAMES_MIN and numbers >= NUMBER_NAMES_SHARE * (records + numbers):
        return f"{records + numbers} 行中有 {numbers} 行的“单位名称”是数字"
    if rejected >= UNREAD_MIN and rejected >= UNREAD_TIMES * records:
        return f"{records + rejected} 行中只有 {records} 行读得出单位和金额，{rejected} 行无法读取"
    return ""
