"""Checks made before any parser sees a file: zip bombs, DTDs, encryption, our own outputs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlfund.limits import MAX_PART_BYTES, MAX_RATIO, MAX_UNZIPPED_BYTES, RATIO_CHECKED_ABOVE_BYTES, size_text
from xlfund.model import OWN_OUTPUT_MARK
from xlfund.read.content import ReadError
from xlfund.read.xlsx_cells import xml_encoding

PROLOG_BYTES = 65_536
# Parts a reader needs whole before any sheet: one it cannot decode spoils every sheet.
_WORKBOOK_PARTS = ("xl/workbook.xml", "xl/sharedStrings.xml", "xl/_rels/workbook.xml.rels")


OWN_OUTPUT_SKIPPED = "本工具生成的汇总表，不作为数据读取"


def _is_own_output(archive: zipfile.ZipFile) -> bool:
    """True for workbooks this tool wrote (marked with a custom document property)."""
    try:
        info = archive.getinfo("docProps/custom.xml")
    except KeyError:
        return False
    if info.file_size > PROLOG_BYTES:
        return False
    return f'name="{OWN_OUTPUT_MARK}"'.encode() in archive.read(info)


def is_own_output(path: Path) -> bool:
    """True for a workbook this tool wrote (its earlier output), read by its mark alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _is_own_output(archive)
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def check_zip(path: Path) -> str:
    """Refuse zip bombs and XML with DTDs before any parser sees them; say which workbook the
    package holds ("xlsx", "xlsb" or "ods"), read by the same one opening of the archive."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ReadError("file-unreadable", reason="文件已损坏或被截断") from exc
    with archive:
        if _is_own_output(archive):
            raise ReadError("file-skipped", reason=OWN_OUTPUT_SKIPPED)  # checked first: never parsed
        infos = archive.infolist()
        declared = sum(info.file_size for info in infos)
        compressed = sum(info.compress_size for info in infos) or 1
        if declared > MAX_UNZIPPED_BYTES or (declared > RATIO_CHECKED_ABOVE_BYTES and declared / compressed > MAX_RATIO):
            raise ReadError("file-too-large", size=f"{declared / 1e9:.1f} GB")
        largest = max(infos, key=lambda info: info.file_size, default=None)
        if largest is not None and largest.file_size > MAX_PART_BYTES:
            raise ReadError("limit-file-size", what=f"文件中的部件“{largest.filename}”解压后为", size=size_text(largest.file_size),
                            limit=size_text(MAX_PART_BYTES), fix="请删除多余的内容后另存再报送")
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_xml_prolog(archive, info)
        return _package_kind(archive)


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _check_xml_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # A DTD can only stand before the root element, so the prolog is all we need to read.
    try:
        with archive.open(info) as member:
            head = member.read(PROLOG_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ReadError("file-unreadable", reason="文件已损坏或被截断") from exc
    except RuntimeError as exc:  # zipfile raises this for an encrypted member
        raise ReadError("file-encrypted") from exc
    encoding = xml_encoding(head)
    if encoding and info.filename in _WORKBOOK_PARTS:
        raise ReadError("file-unreadable", reason=f"文件中的“{info.filename}”使用 {encoding} 编码，无法读取")
    if encoding:  # a DTD in UTF-16 hides from a search in bytes
        head = head.decode(_CODECS.get(encoding, "utf-8"), errors="ignore").encode("utf-8", errors="ignore")
    if _DTD.search(head):
        raise ReadError("file-unsafe-xml", reason="含有 DTD/实体声明")


_CODECS = {"UTF-16": "utf-16", "UTF-32": "utf-32"}


def is_encrypted_ole(path: Path) -> bool:
    import msoffcrypto  # only OLE files need it

    try:
        with path.open("rb") as handle:
            return bool(msoffcrypto.OfficeFile(handle).is_encrypted())
    except Exception:  # noqa: BLE001 - a broken OLE file is not encrypted; calamine will say what it is
        return False


def _package_kind(archive: zipfile.ZipFile) -> str:
    names = set(archive.namelist())
    if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:200]:
        return "ods"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "xl/workbook.xml" in names or "[Content_Types].xml" in names:
        return "xlsx"
    raise ReadError("file-unreadable", reason="这是一个压缩包，不是表格（压缩包请使用 .zip 扩展名）")
