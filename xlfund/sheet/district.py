"""Which district a sheet or a cell names: configured names first, then place-name patterns."""

from __future__ import annotations

import re
import sys

from xlfund import vocab
from xlfund.amounts import normalise_text


def district_in_text(text: str, known: tuple[str, ...]) -> str | None:
    """A district named in free text: a configured name first, then common patterns."""
    plain = normalise_text(text)
    if not plain:
        return None
    for name in sorted(known, key=len, reverse=True):
        if name and normalise_text(name) in plain:
            return name
    for inner in re.findall(r"[(（]([^()（）]{2,10})[)）]", plain):
        if inner.endswith(("区", "县", "市", "旗")):
            return inner
    match = re.search(r"(?:填报单位|报送单位|单位)[:：]([^\s,，。;；]{2,20})", plain)
    if match:
        office = match.group(1)
        for suffix in vocab.OFFICE_SUFFIXES:
            office = office.split(suffix)[0]
        if office:
            return _last_district_token(office) or office
    return _last_district_token(plain)


def _last_district_token(text: str) -> str | None:
    tokens = re.findall(r"[\u4e00-\u9fff]{2,8}?(?:新区|区|县|旗)", text)
    if not tokens:
        return None
    token = tokens[0]
    # "益阳市高新区" -> "高新区": the city in front is not the district.
    if "市" in token[:-1]:
        token = token.split("市")[-1] or token
    return token if len(token) >= 2 else None


def sheet_name_district(name: str, known: tuple[str, ...]) -> str | None:
    lowered = name.strip().lower()
    if not lowered or any(lowered.startswith(g) for g in vocab.GENERIC_SHEET_NAMES):
        return None
    for district in known:
        if district and district in name:
            return district
    plain = normalise_text(name)
    if plain.endswith(("区", "县", "市", "旗")) and len(plain) <= 10:
        return _last_district_token(plain) or plain
    return None


def canonical_district(named: str, known: tuple[str, ...]) -> str:
    """The known district a 区县 cell names, else the cell's plain text (one string each)."""
    plain = normalise_text(named)
    for district in sorted(known, key=len, reverse=True):
        if normalise_text(district) in plain:
            return district
    return sys.intern(plain)


def sheet_district(sheet: str, above: list[str], known: tuple[str, ...], file_stem: str) -> tuple[str, str]:
    """The district a sheet names (sheet name, lines above the header, file name) and where it came from."""
    from_sheet = sheet_name_district(sheet, known)
    if from_sheet:
        return from_sheet, "sheet"
    for line in above:
        from_title = district_in_text(line, known)
        if from_title:
            return from_title, "title"
    from_file = district_in_text(file_stem, known)
    if from_file:
        return from_file, "file"
    return file_stem, "none"
