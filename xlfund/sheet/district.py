"""Which district a sheet, a row or a cell names: configured names first, then place names.

A district that is not in the settings is taken only where it looks like a place name
(…区/县/市/旗, 开发区, 新区…) standing where a place stands (start of a title, after the city,
in brackets, after 填报单位：); a unit line, a header word, a number or a date never is one.
"""

from __future__ import annotations

import functools
import re
import sys

from xlfund import vocab
from xlfund.amounts import normalise_text

PLACE_ENDINGS = vocab.PLACE_ENDINGS
# Words that make a "…区" an institution or a part of one, not a place ("丁家庄院区", "园区").
_NOT_PLACE = re.compile("|".join(vocab.NOT_PLACE_WORDS))
_PLACE_TOKEN = re.compile(r"(?:^|(?<=[省市州盟(（)）:：、.．\s]))([\u4e00-\u9fff]{1,6}?(?:新区|开发区|区|县|旗))")
UNDETERMINED = "（未识别区县）"


_HAN = re.compile(r"[\u4e00-\u9fff]+")
# "两区", "各县", "三县市区": a count of places, not a place ("两区.xlsx" holds two districts' lines).
_COUNT_OF_PLACES = re.compile(r"[两二三四五六七八九十几各全多诸本][个]?(?:区|县|市|旗|县区|区县|县市|市县|县市区)")


@functools.cache
def _header_words() -> frozenset[str]:
    """Header words ("区县", "县市区"…) are never districts."""
    return frozenset(normalise_text(w) for words in vocab.HEADER_SYNONYMS.values() for w in words)


def looks_like_place(text: str) -> bool:
    """A whole cell or name that reads as a district: Chinese only, short, a place ending, no
    institution word, not a header word."""
    plain = normalise_text(text)
    return (2 <= len(plain) <= 12 and plain.endswith(PLACE_ENDINGS) and bool(_HAN.fullmatch(plain))
            and not _NOT_PLACE.search(plain) and plain not in _header_words() and not _COUNT_OF_PLACES.fullmatch(plain))


@functools.lru_cache(maxsize=64)
def _known_forms(known: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(form, district) pairs, longest form first: each configured name, and its short form
    ("赫山" for 赫山区) when that short form belongs to one district only and is no part of
    another's name."""
    pairs = [(normalise_text(name), name) for name in known if name and normalise_text(name)]
    shorts: dict[str, list[str]] = {}
    for plain, name in pairs:
        # The longest ending that leaves two characters: 南湖新区 -> 南湖, but 高新区 -> 高新.
        ending = next((e for e in sorted(PLACE_ENDINGS, key=len, reverse=True) if plain.endswith(e) and len(plain) - len(e) >= 2), None)
        if ending:
            shorts.setdefault(plain[: -len(ending)], []).append(name)
    for short, names in shorts.items():
        if len(set(names)) == 1 and not any(short in plain for plain, name in pairs if name != names[0]):
            pairs.append((short, names[0]))
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _known_mentions(plain: str, known: tuple[str, ...]) -> list[str]:
    """The configured districts a (normalised) text names, each once, longest forms first, a
    shorter form inside a longer one already found not counted again."""
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    for form, name in _known_forms(known):
        start = plain.find(form)
        while start >= 0:
            end = start + len(form)
            if not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
                if name not in found:
                    found.append(name)
            start = plain.find(form, end)
    return found


def known_in_text(text: str, known: tuple[str, ...]) -> str | None:
    """The configured district a text names (its full or unique short name), longest first."""
    found = _known_mentions(normalise_text(text), known)
    return found[0] if found else None


def districts_in_text(text: str, known: tuple[str, ...]) -> list[str]:
    """Every distinct district a line names: configured ones, and place names where a place
    stands. A line naming several ("其中高新区204万元、赫山区177万元") is prose about many."""
    plain = normalise_text(text)
    if not plain:
        return []
    found = _known_mentions(plain, known)
    for token in _PLACE_TOKEN.findall(plain):
        token = _without_province_or_city(token)
        if looks_like_place(token) and not any(token.endswith(d) or d.endswith(token) for d in found):
            found.append(token)
    return distinct_places(found)


def district_in_text(text: str, known: tuple[str, ...]) -> str | None:
    """The one district a title, a 填报单位 line or a file name names; None when it names none,
    or several (a line of prose about many districts names none of them)."""
    plain = normalise_text(text)
    if not plain or len(districts_in_text(plain, known)) > 1:
        return None
    found = known_in_text(plain, known)
    if found:
        return found
    for inner in re.findall(r"[(（]([^()（）]{2,10})[)）]", plain):
        if looks_like_place(inner):
            return inner
    match = _FILER.search(plain)
    if match:
        office = match.group(1)
        for suffix in vocab.OFFICE_SUFFIXES:
            office = office.split(suffix)[0]
        token = _place_token(office)
        if token:
            return token
    return _place_token(plain)


_FILER = re.compile("(?:" + "|".join(vocab.FILER_WORDS) + r")(?:[(（]盖章[)）])?[:：]([^\s,，。;；]{2,20})")


def is_filer_line(text: str) -> bool:
    """A "填报单位：XX区商务局" line: who filled the form in, a source of its own."""
    return bool(_FILER.search(normalise_text(text)))


def _place_token(text: str) -> str | None:
    for token in _PLACE_TOKEN.findall(text):
        token = _without_province_or_city(token)
        if looks_like_place(token):
            return token
    return None


def _without_province_or_city(token: str) -> str:
    """"益阳市高新区" -> "高新区", "湖南省南县" -> "南县": the province or city in front is not the
    district. A province or city has two characters at least, and a district too: "青岛市市北区"
    -> "市北区", and "沙市区" keeps its 市."""
    stripped = True
    while stripped:
        stripped = False
        # 省/市/盟 first: in "亳州市谯城区" the city is "亳州市", not "亳州".
        for ends in ("省市盟", "州"):
            cut = next((c for c in range(2, len(token) - 1) if token[c - 1] in ends), None)
            if cut is not None:
                token, stripped = token[cut:], True
                break
    return token


def sheet_name_district(name: str, known: tuple[str, ...]) -> str | None:
    lowered = name.strip().lower()
    if not lowered or any(lowered.startswith(g) for g in vocab.GENERIC_SHEET_NAMES):
        return None
    found = known_in_text(name, known)
    if found:
        return found
    plain = normalise_text(name)
    if looks_like_place(plain):
        return _place_token(plain) or plain
    return None


def canonical_district(named: str, known: tuple[str, ...]) -> str | None:
    """The district a 区县 cell or a group row names (one string each), or None when the text
    is not a district at all."""
    found = known_in_text(named, known)
    if found:
        return found
    plain = normalise_text(named)
    token = _place_token(plain)
    if token and plain.endswith(token):
        return sys.intern(token)  # "益阳市赫山区" -> "赫山区", as in a title
    if looks_like_place(plain):
        return sys.intern(plain)
    return sys.intern(token) if token else None


def district_alone(text: str, known: tuple[str, ...]) -> str | None:
    """The district when the text is that district and nothing else ("高新区", not "高新区电商协会");
    the province or city in front of it is no more ("益阳市赫山区" is 赫山区 alone)."""
    plain = normalise_text(text)
    bare = _without_province_or_city(plain)
    for form, name in _known_forms(known):  # the full name or its unique short form ("安化")
        if form in (plain, bare):
            return name
    district = canonical_district(text, known)
    return district if district and bare in (district, normalise_text(district)) else None


# A sentence, not a title: an amount of money in it, a full stop, or a clause after a comma.
_PROSE = re.compile(r"\d[\d,.]*\s*(?:万元|万|元)|。|[，,].{6,}[，,]")


def sheet_districts(sheet: str, above: list[str], known: tuple[str, ...], folders: tuple[str, ...], file_stem: str) -> list[tuple[str, str]]:
    """Every (district, source) the sheet's surroundings name, most specific first: the sheet
    name, the title lines, the 填报单位 line, the folders (innermost first), the file name."""
    found: list[tuple[str, str]] = []
    from_sheet = sheet_name_district(sheet, known)
    if from_sheet:
        found.append((from_sheet, "sheet"))
    titles, filers = [], []
    for line in above:  # "…分配表  填报单位：高新区商务局" is a title and a 填报单位 line on one row
        plain = normalise_text(line)
        match = _FILER.search(plain)
        titles.append(plain[: match.start()] if match else plain)
        if match:
            filers.append(match.group(0))
    for lines, source in ((titles, "title"), (filers, "filer")):
        for line in lines:
            if source == "title" and _PROSE.search(line):
                continue  # "根据…文件，市级下达…490万元，其中赫山区204万元…": a sentence about the fund, no title
            named = district_in_text(line, known)
            if named:
                found.append((named, source))
                break
    for folder in reversed(folders):
        from_folder = district_in_text(folder, known)
        if from_folder:
            found.append((from_folder, "folder"))
            break
    from_file = district_in_text(file_stem, known)
    if from_file:
        found.append((from_file, "file"))
    return found


def distinct_places(names) -> list[str]:
    """The different districts among names; "益阳高新区" and "高新区" are one (the city in front)."""
    distinct: list[str] = []
    for name in names:
        if not any(name.endswith(d) or d.endswith(name) for d in distinct):
            distinct.append(name)
    return distinct
