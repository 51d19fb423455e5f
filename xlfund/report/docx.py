"""The report section as a .docx the clerk can paste into the annual performance report."""

from __future__ import annotations

from pathlib import Path

from xlfund.output import Saved, save_atomically
from xlfund.report.narrative import Paragraph

BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋", "黑体", "方正小标宋简体"


def write_docx(paragraphs: list[Paragraph], target: Path) -> Saved:
    """Official-document styling: 仿宋 三号 body, 黑体 headings, a centred title."""
    return save_atomically(target, lambda temp: _write(paragraphs, temp))


def _font(run_or_style, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element
    properties = element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _write(paragraphs: list[Paragraph], path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _font(document.styles["Normal"], BODY_FONT, 16)
    for paragraph in paragraphs:
        p = document.add_paragraph()
        run = p.add_run(paragraph.text)
        fmt = p.paragraph_format
        fmt.line_spacing = Pt(28)
        if paragraph.style == "title":
            _font(run, TITLE_FONT, 22)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif paragraph.style == "heading":
            _font(run, HEADING_FONT, 16)
            fmt.first_line_indent = Pt(32)
        else:
            _font(run, BODY_FONT, 16, bold=paragraph.style == "total")
            fmt.first_line_indent = Pt(32)
    document.core_properties.author = "xlfund"
    document.save(str(path))
