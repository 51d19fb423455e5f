"""Write a folder plan as files: .xlsx (XlsxWriter), .xls (xlwt), .csv (GB18030), .ods (a small
hand-written package) and .zip (the .xlsx files inside, member names in GBK). Each writer keeps
what its format can hold: hidden rows, strikethrough and merges where the format has them, the
value of a formula where it has no formulas."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import xlsxwriter
from gallery import gbk_zip

from layouts.plan import Cell, FilePlan, Formula, Num


def write_folder(folder, target: Path) -> None:
    """Write every file of a compose.Folder, and its xlfund.toml, into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    fmt = folder.dims["file_format"]
    if folder.archive:
        gbk_zip(target / folder.archive, {plan.path: xlsx_bytes(plan) for plan in folder.files})
    else:
        for plan in folder.files:
            path = target / plan.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(WRITERS[fmt](plan))
    if folder.settings_text is not None:
        (target / "xlfund.toml").write_text(folder.settings_text, encoding="utf-8")


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)


def _value(cell: Cell) -> object:
    if isinstance(cell, Num | Formula):
        return _number(cell.value)
    return cell


def xlsx_bytes(plan: FilePlan) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    struck = book.add_format({"font_strikeout": True})
    for sheet in plan.sheets:
        ws = book.add_worksheet(sheet.name)
        merged_origin = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - set(merged_origin)
        for r, row in enumerate(sheet.rows):
            fmt = struck if row.struck else None
            if row.hidden:
                ws.set_row(r, None, None, {"hidden": True})
            for c, cell in enumerate(row.cells):
                if (r, c) in covered:
                    continue
                if (r, c) in merged_origin:
                    r2, c2 = merged_origin[(r, c)]
                    ws.merge_range(r, c, r2, c2, None, fmt)
                _write_xlsx(ws, r, c, cell, fmt)
    book.close()
    return buffer.getvalue()


def _write_xlsx(ws, r: int, c: int, cell: Cell, fmt) -> None:
    if cell is None:
        if fmt is not None:
            ws.write_blank(r, c, None, fmt)
        return
    if isinstance(cell, Formula):
        code = ws.write_formula(r, c, cell.text, fmt, _number(cell.value))
    elif isinstance(cell, Num):
        code = ws.write_number(r, c, _number(cell.value), fmt)
    else:
        code = ws.write_string(r, c, cell, fmt)
    assert code == 0, (r, c, cell, code)  # XlsxWriter returns an error code instead of raising


def xls_bytes(plan: FilePlan) -> bytes:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    plain_style = xlwt.XFStyle()
    struck_style = xlwt.easyxf("font: struck_out on")
    for sheet in plan.sheets:
        ws = book.add_sheet(sheet.name, cell_overwrite_ok=True)
        merged_origin = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - set(merged_origin)
        for r, row in enumerate(sheet.rows):
            style = struck_style if row.struck else plain_style
            if row.hidden:
                ws.row(r).hidden = True
            for c, cell in enumerate(row.cells):
                if (r, c) in covered:
                    continue
                value = _value(cell)
                if (r, c) in merged_origin:
                    r2, c2 = merged_origin[(r, c)]
                    ws.write_merge(r, r2, c, c2, "" if value is None else value, style)
                elif value is not None or row.struck:
                    ws.write(r, c, "" if value is None else value, style)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(plan: FilePlan) -> bytes:
    (sheet,) = plan.sheets
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in sheet.rows:
        writer.writerow(["" if cell is None else (format(cell.value, "f") if isinstance(cell, Num | Formula) else cell) for cell in row.cells])
    return out.getvalue().encode("gb18030")


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"')
_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
             'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
             'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
             'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def ods_bytes(plan: FilePlan) -> bytes:
    """A minimal OpenDocument spreadsheet: mimetype, manifest, content.xml (merges, hidden rows,
    strikethrough as an automatic text style)."""
    body = []
    for sheet in plan.sheets:
        origin = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merges}
        covered = {(r, c) for r1, c1, r2, c2 in sheet.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - set(origin)
        body.append(f"<table:table table:name={quoteattr(sheet.name)}>")
        width = sheet.width
        for r, row in enumerate(sheet.rows):
            attrs = ' table:visibility="collapse"' if row.hidden else ""
            body.append(f"<table:table-row{attrs}>")
            for c in range(width):
                cell = row.cells[c] if c < len(row.cells) else None
                if (r, c) in covered:
                    body.append("<table:covered-table-cell/>")
                    continue
                span = ""
                if (r, c) in origin:
                    rows, cols = origin[(r, c)]
                    span = f' table:number-rows-spanned="{rows}" table:number-columns-spanned="{cols}"'
                style = ' table:style-name="struck"' if row.struck and cell is not None else ""
                body.append(_ods_cell(cell, span + style))
            body.append("</table:table-row>")
        body.append("</table:table>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODS_NS}><office:automatic-styles>'
               '<style:style style:name="struck" style:family="table-cell"><style:text-properties '
               'style:text-line-through-style="solid" style:text-line-through-type="single"/></style:style>'
               f'</office:automatic-styles><office:body><office:spreadsheet>{"".join(body)}</office:spreadsheet>'
               "</office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _ods_cell(cell: Cell, attrs: str) -> str:
    if cell is None:
        return f"<table:table-cell{attrs}/>"
    if isinstance(cell, Num | Formula):
        text = format(cell.value, "f")
        return f'<table:table-cell{attrs} office:value-type="float" office:value="{text}"><text:p>{text}</text:p></table:table-cell>'
    return f'<table:table-cell{attrs} office:value-type="string"><text:p>{escape(cell)}</text:p></table:table-cell>'


WRITERS = {"xlsx": xlsx_bytes, "xls": xls_bytes, "csv": csv_bytes, "ods": ods_bytes}
