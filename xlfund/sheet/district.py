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

PLACE_ENDINGS = ("新区", "开发区", "区", "县", "市", "旗", "林区", "特区")
# Words that make a "…区" an institution or a part of one, not a place ("丁家庄院区", "园区").
_NOT_PLACE = re.compile(r"院|校|局|厂|店|司|馆|站|所|队|中心|公司|小区|园区|景区|社区|校区|院区|厂区|库区|片区|辖区|各区|全区|本区")
_PLACE_TOKEN = re.compile(r"(?:^|(?<=[省市州盟(（)）:：、.．\s]))([\u4e00-\u9fff]{1,6}?(?:新区|开发区|区|县|旗))")
UNDETERMINED = "（未识别区县）"


_HAN = re.compile(r"[\u4e00-\u9fff]+")


@functools.cache
def _header_words() -> frozenset[str]:
    """Header words ("区县", "县市区"…) are never districts."""
    return frozenset(normalise_text(w) for words in vocab.HEADER_SYNONYMS.values() for w in words)


def looks_like_place(text: str) -> bool:
    """A whole cell or name that reads as a district: Chinese only, short, a place ending, no
    institution word, not a header word."""
    plain = normalise_text(text)
    return (2 <= len(plain) <= 12 and plain.endswith(PLACE_ENDINGS) and bool(_HAN.fullmatch(plain))
            and not _NOT_PLACE.search(plain) and plain not in _header_words())


def known_in_text(text: str, known: tuple[str, ...]) -> str | None:
    plain = normalise_text(text)
    for name in sorted(known, key=len, reverse=True):
        if name and normalise_text(name) in plain:
            return name
    return None


def district_in_text(text: str, known: tuple[str, ...]) -> str | None:
    """A district named in a title, a 填报单位 line or a file name; None when none is."""
    plain = normalise_text(text)
    if not plain:
        return None
    found = known_in_text(plain, known)
    if found:
        return found
    for inner in re.findall(r"[(（]([^()（）]{2,10})[)）]", plain):
        if looks_like_place(inner):
            return inner
    match = re.search(r"(?:填报单位|报送单位|申报单位)[:：]([^\s,，。;；]{2,20})", plain)
    if match:
        office = match.group(1)
        for suffix in vocab.OFFICE_SUFFIXES:
            office = office.split(suffix)[0]
        token = _place_token(office)
        if token:
            return token
    return _place_token(plain)


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
    """The district when the text is that district and nothing else ("高新区", not "高新区电商协会")."""
    district = canonical_district(text, known)
    return district if district and normalise_text(text) in (district, normalise_text(district)) else None


def sheet_districts(sheet: str, above: list[str], known: tuple[str, ...], folders: tuple[str, ...], file_stem: str) -> list[tuple[str, str]]:
    """Every (district, source) the sheet's surroundings name, most specific first:
    the sheet name, the title lines, the folders (innermost first), the file name."""
    found: list[tuple[str, str]] = []
    from_sheet = sheet_name_district(sheet, known)
    if from_sheet:
        found.append((from_sheet, "sheet"))
    for line in above:
        from_title = district_in_text(line, known)
        if from_title:
            found.append((from_title, "title"))
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
