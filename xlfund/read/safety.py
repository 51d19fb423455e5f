"""Checks made before any parser sees a file: zip bombs, DTDs, encryption, our own outputs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from xlfund.model import OWN_OUTPUT_MARK
from xlfund.read.content import ReadError

MAX_UNZIPPED_BYTES = 1_500_000_000  # a real 1M-row sheet is far below this


MAX_RATIO = 1000  # honest styles.xml reach 100:1; zip bombs reach 1000:1 and beyond


PROLOG_BYTES = 65_536


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
        if declared > MAX_UNZIPPED_BYTES or (declared > 50_000_000 and declared / compressed > MAX_RATIO):
            raise ReadError("file-too-large", size=f"{declared / 1e9:.1f} GB")
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
    if _DTD.search(head):
        raise ReadError("file-unsafe-xml", reason="含有 DTD/实体声明")


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
