"""One allocation table as an office makes it, from the dimension values: the lines above the
header (preamble, title, 填报单位, unit line), the header band, the records (with serials, extra
columns, group rows, marked rows), the stated totals and the notes below.

A sheet holds blocks, one per district; each block's lines are (Line, mark) pairs, where a
mark ("hidden", "struck", "cancelled") makes a line that is not counted and not in any total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from layouts.content import SHORT, TOWNS, Line, capital_of, fullwidth, in_unit, plain, rounded_2dp
from layouts.dimensions import extra_set
from layouts.plan import Cell, Formula, Num, Sheet

FUND_TITLE = "2018年电子商务发展引导资金分配表"
CN_ORDINALS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PRECISION = {"int": Decimal(1), "1dp": Decimal("0.1"), "2dp": Decimal("0.01"), "4dp": Decimal("0.0001")}

Block = tuple[str, list[tuple[Line, str]]]  # (district, [(line, mark)])


def a1(row: int, col: int) -> str:
    """A 0-based cell as Excel names it (C5); the generator does not lean on the package it tests."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def split_counted(lines: list[tuple[Line, str]]) -> list[list[tuple[Line, str]]]:
    """Two halves that each hold counted (unmarked) lines, or the lines whole when they cannot."""
    counted = [i for i, (_line, mark) in enumerate(lines) if not mark]
    if len(counted) < 2:
        return [lines]
    cut = counted[(len(counted) + 1) // 2]
    return [lines[:cut], lines[cut:]]


def amount_of(line: Line, dims: dict[str, str]) -> Decimal:
    """The line's amount at the folder's precision (never below 1 of the last place)."""
    step = PRECISION[dims["precision"]]
    return max(line.amount.quantize(step, rounding=ROUND_HALF_UP), step)


def shown(district: str, dims: dict[str, str]) -> str:
    """A district as the data writes it (short when the folder uses short names)."""
    return SHORT[district] if dims["short_names"] == "yes" else district


def columns(dims: dict[str, str]) -> list[tuple[str, str]]:
    """(role, label) of each column, left to right."""
    extra = extra_set(dims)
    unit = f"（{dims['unit']}）" if dims["unit_place"] == "header" else ""
    cols: list[tuple[str, str]] = []
    if dims["serial"] != "none":
        cols.append(("seq", "序号"))
    if "乡镇" in extra:
        cols.append(("town", "所属乡镇"))
    if dims["district_source"] == "column":
        cols.append(("district", dims["district_label"]))
    cols.append(("name", dims["name_label"]))
    if "信用代码" in extra:
        cols.append(("code", "统一社会信用代码"))
    if "申请金额" in extra:
        cols.append(("requested", "申请金额" + unit))
    cols.append(("amount", dims["amount_label"] + unit))
    cols.append(("purpose", dims["purpose_label"]))
    for word, role in (("联系人", "contact"), ("联系电话", "phone"), ("备注", "remark")):
        if word in extra:
            cols.append((role, word))
    return cols


def money(wan: Decimal, dims: dict[str, str], formula: str = "") -> Cell:
    """An amount (or a stated total) in 万元 as the folder writes it."""
    if dims["amount_format"] == "capital":
        return capital_of(wan)
    value = in_unit(wan, dims["unit"])
    form = dims["amount_format"]
    text = plain(value)
    cell: Cell
    if form == "number":
        cell = Num(value)
    elif form == "text":
        cell = text
    elif form == "thousands":
        whole, dot, frac = text.partition(".")
        cell = f"{int(whole):,}{dot}{frac}"
    elif form == "fullwidth":
        cell = fullwidth(text)
    else:  # formula
        cell = Formula(formula or f"=ROUND({text},4)", value)
    if dims["unit_place"] == "cell":
        cell = (text if isinstance(cell, Num | Formula) else cell) + dims["unit"]
    return cell


def serial(i: int, dims: dict[str, str]) -> Cell:
    style = dims["serial"]
    if style == "int":
        return Num(Decimal(i))
    if style == "text":
        return str(i)
    if style == "dotted":
        return f"{i}."
    if style == "circled":
        return CIRCLED[(i - 1) % len(CIRCLED)]
    return f"（{i}）"


@dataclass
class TableMaker:
    """Writes tables into one sheet; `stated_wrong` adds the error to the first 合计 it writes."""

    sheet: Sheet
    dims: dict[str, str]
    stated_wrong: Decimal | None = None

    def __post_init__(self) -> None:
        self.cols = columns(self.dims)
        self.col = {role: c for c, (role, _label) in enumerate(self.cols)}
        self.width = len(self.cols)
        self.amount_rows: list[int] = []

    # ------------------------------------------------------------------ the lines above
    def above(self, title: str | None, filler: str | None, preamble: str | None) -> None:
        d, s = self.dims, self.sheet
        if preamble:
            s.add([preamble])
        if title is not None:
            r = s.add([title])
            if d["merges"] == "title":
                s.merge(r, 0, r, self.width - 1)
        unit_text = f"单位：{d['unit']}" if d["unit_place"] in ("line_left", "line_right") else None
        if d["unit_place"] == "line_right":
            s.add([filler] + [None] * (self.width - 2) + [unit_text] if self.width > 1 else [filler or unit_text])
        else:
            if filler:
                s.add([filler])
            if unit_text:
                s.add([unit_text])

    # ------------------------------------------------------------------ the header band
    def header(self) -> None:
        d, s = self.dims, self.sheet
        labels = [label for _role, label in self.cols]
        if d["header"] == "two_rows":
            top = s.add(labels)
            s.add([None] * self.width)
            for c in range(self.width):
                s.merge(top, c, top + 1, c)
        elif d["header"] == "super_header":
            group = [c for c, (role, _l) in enumerate(self.cols) if role in ("requested", "amount")]
            top = s.add([None if c in group else label for c, label in enumerate(labels)])
            s.rows[top].cells[group[0]] = "资金安排情况"
            s.add([label if c in group else None for c, label in enumerate(labels)])
            for c in range(self.width):
                if c not in group:
                    s.merge(top, c, top + 1, c)
            s.merge(top, group[0], top, group[-1])
        else:
            s.add(labels)

    # ------------------------------------------------------------------ rows
    def _row(self, values: dict[str, Cell]) -> list[Cell]:
        return [values.get(role) for role, _label in self.cols]

    def stated(self, label: str, wan: Decimal, requested: Decimal, rows: list[int], wrong: bool = False) -> int:
        """A 合计/小计 row covering `rows` (0-based rows of the amount cells it sums)."""
        d, s = self.dims, self.sheet
        value = wan
        if d["totals"] == "rounded":
            value = rounded_2dp(wan)
        if wrong and self.stated_wrong is not None:
            value, self.stated_wrong = wan + self.stated_wrong, None
        first = "seq" if "seq" in self.col else ("town" if "town" in self.col else ("district" if "district" in self.col else "name"))
        cells: dict[str, Cell] = {first: label, "amount": money(value, d, self._sum(rows, "amount"))}
        if "requested" in self.col:
            cells["requested"] = money(requested, d, self._sum(rows, "requested"))
        r = s.add(self._row(cells))
        if d["merges"] == "total_label" and self.col[first] < self.col["amount"] - 1:
            s.merge(r, self.col[first], r, self.col["amount"] - 1)
        return r

    def _sum(self, rows: list[int], role: str) -> str:
        if not rows:
            return "=0"
        return "=SUM(" + ",".join(a1(r, self.col[role]) for r in rows) + ")"

    def record(self, index: int, district: str, line: Line, mark: str, code_no: int) -> int:
        d = self.dims
        wan = amount_of(line, d)
        values: dict[str, Cell] = {
            "seq": serial(index, d), "town": TOWNS[district], "district": shown(district, d), "name": line.name,
            "code": f"91430900MA4L{code_no:05d}X", "requested": money(wan + 5, d), "amount": money(wan, d),
            "purpose": line.purpose, "contact": "张三" if code_no % 2 else "李四", "phone": Num(Decimal(13807370000 + code_no)),
            "remark": mark if mark not in ("", "hidden", "struck") else None,
        }
        return self.sheet.add(self._row(values), hidden=mark == "hidden", struck=mark == "struck")

    def group_row(self, k: int, district: str, subtotal: Decimal | None) -> None:
        cells: list[Cell] = [None] * self.width
        cells[0] = f"{CN_ORDINALS[k]}、{shown(district, self.dims)}"
        if subtotal is not None:
            cells[self.col["amount"]] = money(subtotal, self.dims)
        self.sheet.add(cells)

    # ------------------------------------------------------------------ a whole table
    def table(self, blocks: list[Block], groups: bool, code_base: int) -> None:
        """Header, totals on top, each block (group row, lines, 小计), 合计; the rows of one table."""
        d, s = self.dims, self.sheet
        counted = [(dist, [(ln, m) for ln, m in lines if not m]) for dist, lines in blocks]
        total = sum((amount_of(ln, d) for _dist, lines in counted for ln, _m in lines), Decimal(0))
        requested = sum((amount_of(ln, d) + 5 for _dist, lines in counted for ln, _m in lines), Decimal(0))
        self.header()
        top_row = None
        if d["totals"] == "top":
            top_row = self.stated("合计", total, requested, [])
        all_rows: list[int] = []
        n = 0
        subtotal_rows: list[int] = []
        for k, (district, lines) in enumerate(blocks):
            block_total = sum((amount_of(ln, d) for ln, m in lines if not m), Decimal(0))
            if groups:
                self.group_row(k, district, block_total if d["totals"] == "group_subtotal" else None)
                n = 0 if d["serial"] != "none" else n
            parts = split_counted(lines) if d["totals"] == "subtotals" and len(blocks) == 1 else [lines]
            block_first = len(s.rows)
            contiguous = True
            for part in parts:
                part_rows: list[int] = []
                for i, (line, mark) in enumerate(part):
                    if d["header"] == "repeated" and n and n % 3 == 0:
                        self.header_again()
                        contiguous = False
                    n += 1
                    r = self.record(n, district, line, mark, code_base + n)
                    if not mark:
                        part_rows.append(r)
                    if d["row_marks"] == "blank_rows" and i % 2 == 1 and i < len(part) - 1:
                        s.add([])
                        contiguous = False
                all_rows += part_rows
                if d["totals"] == "subtotals":
                    sub = sum((amount_of(ln, d) for ln, m in part if not m), Decimal(0))
                    subtotal_rows.append(self.stated("小计", sub, sub + 5 * len([1 for _l, m in part if not m]), part_rows))
                    contiguous = False
            if d["merges"] == "district_cells" and contiguous and len(s.rows) - block_first > 1:
                c = self.col["district"]
                for r in range(block_first + 1, len(s.rows)):
                    s.rows[r].cells[c] = None
                s.merge(block_first, c, len(s.rows) - 1, c)
        if top_row is not None and d["amount_format"] == "formula":
            s.rows[top_row].cells[self.col["amount"]] = money(total, d, self._sum(all_rows, "amount"))
        if d["totals"] not in ("none", "top"):
            if d["row_marks"] == "blank_rows":
                s.add([])
            self.stated("合计", total, requested, all_rows, wrong=True)

    def header_again(self) -> None:
        """The header printed again at a page break (copied rows, not print titles)."""
        self.header()

    def notes(self) -> None:
        s = self.sheet
        s.add(["注：1.以上资金已于2018年12月拨付到位。"])
        s.add(["    2.资金须专款专用，不得挪作他用。"])
        s.add(["填表人：李某某", None, None, "审核人：王某某"])
        s.add(["填报日期：2018年12月20日"])
