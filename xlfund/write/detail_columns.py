"""The 明细 columns, described once: the header, the width, the record field shown, the style.

The letters formulas use (formulas.py), the first row XlsxWriter writes and the XML of the
other rows (detail.py), the widths and the row heights are all read from this table. Kept to
what the clerk needs (every cell written costs time on a province-sized list): the Excel row
number serves as 序号, the source cell holds the source row, and 备注 appears only when some
district sent remarks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xlfund import vocab

# What a column holds, which decides how a value is written:
REPEATED = "repeated"  # text that repeats down the list (district, file…): cleaned and escaped once per value
TEXT = "text"  # free text from the sheets (name, purpose…): written trimmed, as it was cleaned when read
MONEY = "money"  # an amount in 分, written in 万元


@dataclass(frozen=True)
class DetailColumn:
    field: str  # the Record attribute shown
    header: str
    width: float  # the width when the text is not measured, and the least when it is
    style: str  # a Styles attribute: text, center, money, wrap
    kind: str = REPEATED
    widest: float | None = None  # measured on the data up to this width; None keeps `width`
    labels: dict[str, str] = field(default_factory=dict)  # values shown as these words

    @property
    def wraps(self) -> bool:
        return self.style == "wrap"


DETAIL_COLUMNS = (
    DetailColumn("district", "区县", 10, "text", widest=45),
    DetailColumn("name", "单位名称", 36, "wrap", TEXT, widest=45),
    DetailColumn("category", "类别", 10, "center"),
    DetailColumn("amount_fen", "金额（万元）", 14, "money", MONEY),
    DetailColumn("purpose", "资金用途", 20, "wrap", TEXT, widest=60),
    DetailColumn("purpose_group", "用途类别", 14, "center"),
    DetailColumn("district_source", "区县来源", 10, "center", labels=vocab.DISTRICT_SOURCES),
    DetailColumn("file", "来源文件", 18, "wrap", widest=45),
    DetailColumn("sheet", "来源工作表", 12, "wrap", widest=45),
    DetailColumn("cell", "来源单元格", 10, "center", TEXT),
)
REMARK_COLUMN = DetailColumn("remark", "备注", 16, "wrap", TEXT, widest=45)


def detail_columns(with_remark: bool) -> tuple[DetailColumn, ...]:
    return (*DETAIL_COLUMNS, REMARK_COLUMN) if with_remark else DETAIL_COLUMNS


def column_index(field_name: str) -> int:
    """The 0-based 明细 column of a record field ("amount_fen" -> 3, column D)."""
    for index, column in enumerate((*DETAIL_COLUMNS, REMARK_COLUMN)):
        if column.field == field_name:
            return index
    raise KeyError(field_name)
