"""One allocation table as an office makes it, from the dimension values: the lines above the
header (preamble, title, 填报单位, unit line), the header band, the records (with serials, extra
columns, group rows, marked rows), the stated totals and the notes below.

A sheet holds blocks, one per district; each block's lines are (Line, mark) pairs, where a
mark ("hidden", "struck", "cancelled") makes a line that is not counted and not in any total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from layouts.content import SHORT, TOWNS, Line, capital_of, fullwidth, in_unit, plain, rounded_2dp
from layouts.dimensions import extra_set
from layouts.plan import Cell, Formula, Num, Sheet

FUND_TITLE = "2018年电子商务发展引导资金分配表"
CN_ORDINALS = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PRECISION = {"int": Decimal(1), "1dp": Decimal("0.1"), "2dp": Decimal("0.01"), "4dp": Decimal("0.0001")}

Block = tuple[str, list[tuple[Line, str]]]  # (district, [(line, mark)])
MONEY_ROLES = ("requested", "invest", "applied", "original", "amount")  # the money columns, left to right
BATCHES = ("第一批", "第二批")
TINY = Decimal("0.0001")  # a 万元 figure typed in a 元 column (or 1/10000 of it in a 万元 column)


@dataclass
class Quirks:
    """What a sheet's tables do beyond the dimension values of its table: lines typed at another
    scale (a unit slip), a recipient split over two rows, a line written under the 合计."""

    scale: Decimal = Decimal(1)  # every line (amounts in 元 with no unit said: 10000)
    scales: dict[str, Decimal] = field(default_factory=dict)  # by recipient name (one line, one district)
    batches: frozenset[str] = frozenset()  # recipients written as two rows, 第一批 and 第二批
    below_total: Line | None = None  # a recipient line under the sheet's last 合计

    def of(self, line: Line) -> Decimal:
        return self.scales.get(line.name, self.scale)


def amount_label(dims: dict[str, str]) -> str:
    """The amount column's label (without its unit)."""
    return {"requested": "核定补助", "invest": "核定补助", "requested_invest": "核定补助",
            "adjusted": "调整后金额"}.get(dims["amount_cols"], dims["amount_label"])


def batch_parts(wan: Decimal, dims: dict[str, str]) -> list[Decimal]:
    """A recipient's amount as two batches (about 60/40 at the folder's precision), or whole when it is too small."""
    step = PRECISION[dims["precision"]]
    first = (wan * Decimal("0.6")).quantize(step, rounding=ROUND_DOWN)
    if first < step or wan - first < step:
        return [wan]
    return [first, wan - first]


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
    kind = dims["amount_cols"]
    if kind in ("invest", "requested_invest"):
        cols.append(("invest", "项目总投资" + unit))
    if kind in ("requested", "requested_invest"):
        cols.append(("applied", "申请补助" + unit))
    if kind == "adjusted":
        cols.append(("original", "原分配金额" + unit))
    cols.append(("amount", amount_label(dims) + unit))
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
    quirks: Quirks = field(default_factory=Quirks)

    def __post_init__(self) -> None:
        self.cols = columns(self.dims)
        self.col = {role: c for c, (role, _label) in enumerate(self.cols)}
        self.width = len(self.cols)
        self.row_money: dict[int, dict[str, Decimal]] = {}  # each record row's money, in 万元 as typed

    def typed(self, line: Line) -> Decimal:
        """A line's amount in 万元 as its cells say it (a slip's scale applied)."""
        return amount_of(line, self.dims) * self.quirks.of(line)

    def money_of(self, wan: Decimal, index: int, scale: Decimal) -> dict[str, Decimal]:
        """Every money column of a record row whose granted amount is `wan` (true 万元), as typed."""
        values = {"amount": wan, "requested": wan + 5, "applied": wan + 3, "invest": wan * 4 + 20,
                  "original": wan + 2 if index % 2 else wan}
        return {role: v * scale for role, v in values.items() if role in self.col}

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
            group = [c for c, (role, _l) in enumerate(self.cols) if role in MONEY_ROLES]
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

    def _label_role(self) -> str:
        return "seq" if "seq" in self.col else ("town" if "town" in self.col else ("district" if "district" in self.col else "name"))

    def stated_cells(self, label: str, rows: list[int], wrong: bool = False) -> list[Cell]:
        """The cells of a 合计/小计 row covering `rows` (record rows): each money column's sum as typed."""
        d = self.dims
        sums = {role: sum((self.row_money[r][role] for r in rows), Decimal(0)) for role in MONEY_ROLES if role in self.col}
        if d["totals"] == "rounded":
            sums["amount"] = rounded_2dp(sums["amount"])
        if wrong and self.stated_wrong is not None:
            sums["amount"], self.stated_wrong = sums["amount"] + self.stated_wrong, None
        cells: dict[str, Cell] = {self._label_role(): label}
        cells.update({role: money(v, d, self._sum(rows, role)) for role, v in sums.items()})
        return self._row(cells)

    def stated(self, label: str, rows: list[int], wrong: bool = False, at: int | None = None) -> int:
        """A 合计/小计 row covering `rows` (0-based rows of the amount cells it sums); `at`: a row
        kept for it above the lines (合计 on top)."""
        d, s = self.dims, self.sheet
        cells = self.stated_cells(label, rows, wrong)
        if at is None:
            r = s.add(cells)
        else:
            r, s.rows[at].cells = at, cells
        first, money_from = self._label_role(), min(self.col[role] for role in MONEY_ROLES if role in self.col)
        if d["merges"] == "total_label" and self.col[first] < money_from - 1:
            s.merge(r, self.col[first], r, money_from - 1)
        return r

    def _sum(self, rows: list[int], role: str) -> str:
        if not rows:
            return "=0"
        return "=SUM(" + ",".join(a1(r, self.col[role]) for r in rows) + ")"

    def record(self, index: int, district: str, line: Line, mark: str, code_no: int) -> list[int]:
        """A recipient's row (two rows, merged but for the money and 备注, when it is paid in two batches)."""
        d, s = self.dims, self.sheet
        wan = amount_of(line, d)
        parts = batch_parts(wan, d) if line.name in self.quirks.batches and not mark else [wan]
        rows = []
        for k, part in enumerate(parts):
            owed = self.money_of(part, index, self.quirks.of(line))
            values: dict[str, Cell] = {
                "seq": serial(index, d), "town": TOWNS[district], "district": shown(district, d), "name": line.name,
                "code": f"91430900MA4L{code_no:05d}X", "purpose": line.purpose, "contact": "张三" if code_no % 2 else "李四",
                "phone": Num(Decimal(13807370000 + code_no)), "remark": mark if mark not in ("", "hidden", "struck") else None,
            }
            values.update({role: money(v, d) for role, v in owed.items()})
            if len(parts) > 1:
                values["remark"] = BATCHES[k]
            r = s.add(self._row(values), hidden=mark == "hidden", struck=mark == "struck")
            self.row_money[r] = owed
            rows.append(r)
        if len(rows) > 1:
            for role in ("seq", "town", "name", "code", "purpose", "contact", "phone"):
                if role in self.col:
                    s.rows[rows[1]].cells[self.col[role]] = None
                    s.merge(rows[0], self.col[role], rows[1], self.col[role])
        return rows

    def group_row(self, k: int, district: str, subtotal: Decimal | None) -> None:
        cells: list[Cell] = [None] * self.width
        name = shown(district, self.dims)
        cells[0] = f"{name}：" if self.dims["district_source"] == "separators" else f"{CN_ORDINALS[k]}、{name}"
        if subtotal is not None:
            cells[self.col["amount"]] = money(subtotal, self.dims)
        self.sheet.add(cells)

    # ------------------------------------------------------------------ a whole table
    def table(self, blocks: list[Block], groups: bool, code_base: int, below_total: Line | None = None) -> None:
        """Header, totals on top, each block (group row, lines, 小计), 合计; the rows of one table.
        `below_total`: a recipient line of the last block written under the 合计 (not in it)."""
        d, s = self.dims, self.sheet
        self.header()
        top_row = None
        if d["totals"] == "top":
            top_row = s.add([])  # filled once the lines are written
        all_rows: list[int] = []
        n = 0
        for k, (district, lines) in enumerate(blocks):
            block_total = sum((self.typed(ln) for ln, m in lines if not m), Decimal(0))
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
                    rows = self.record(n, district, line, mark, code_base + n)
                    if not mark:
                        part_rows += rows
                    if d["row_marks"] == "blank_rows" and i % 2 == 1 and i < len(part) - 1:
                        s.add([])
                        contiguous = False
                all_rows += part_rows
                if d["totals"] == "subtotals":
                    self.stated("小计", part_rows)
                    contiguous = False
            if d["merges"] == "district_cells" and contiguous and len(s.rows) - block_first > 1:
                c = self.col["district"]
                for r in range(block_first + 1, len(s.rows)):
                    s.rows[r].cells[c] = None
                s.merge(block_first, c, len(s.rows) - 1, c)
        if top_row is not None:
            self.stated("合计", all_rows, at=top_row)
        if d["totals"] not in ("none", "top"):
            if d["row_marks"] == "blank_rows":
                s.add([])
            self.stated("合计", all_rows, wrong=True)
        if below_total is not None:
            self.record(n + 1, blocks[-1][0], below_total, "", code_base + n + 1)

    def side_by_side(self, block: Block, code_base: int) -> None:
        """Two blocks 序号|单位名称|金额 side by side (the first half of the lines left), no 合计."""
        d, s = self.dims, self.sheet
        district, lines = block
        unit = f"（{d['unit']}）" if d["unit_place"] == "header" else ""
        half = [("seq", "序号")] if d["serial"] != "none" else []
        half += [("name", d["name_label"]), ("amount", amount_label(d) + unit)]
        s.add([label for _r, label in half] * 2)
        cut = (len(lines) + 1) // 2
        left, right = lines[:cut], lines[cut:]
        for i in range(cut):
            cells: list[Cell] = []
            for index, pair in ((i + 1, left[i] if i < len(left) else None), (cut + i + 1, right[i] if i < len(right) else None)):
                if pair is None:
                    cells += [None] * len(half)
                    continue
                line = pair[0]
                values = {"seq": serial(index, d), "name": line.name, "amount": money(self.typed(line), d)}
                cells += [values[role] for role, _l in half]
            s.add(cells)

    def transposed(self, block: Block, code_base: int) -> None:
        """Recipients across: 序号, the name, 金额 and 用途 as row labels (a 合计 column at the end)."""
        d, s = self.dims, self.sheet
        district, lines = block
        counted = [ln for ln, m in lines if not m]
        unit = f"（{d['unit']}）" if d["unit_place"] == "header" else ""
        total = d["totals"] != "none"
        stated = sum((self.typed(ln) for ln in counted), Decimal(0)) + (self.stated_wrong or 0)
        if d["serial"] != "none":
            s.add(["序号"] + [serial(i, d) for i in range(1, len(counted) + 1)] + (["合计"] if total else []))
        s.add([d["name_label"]] + [ln.name for ln in counted] + ([None if d["serial"] != "none" else "合计"] if total else []))
        s.add([amount_label(d) + unit] + [money(self.typed(ln), d) for ln in counted] + ([money(stated, d)] if total else []))
        s.add([d["purpose_label"]] + [ln.purpose for ln in counted] + ([None] if total else []))

    def header_again(self) -> None:
        """The header printed again at a page break (copied rows, not print titles)."""
        self.header()

    def notes(self) -> None:
        s = self.sheet
        s.add(["注：1.以上资金已于2018年12月拨付到位。"])
        s.add(["    2.资金须专款专用，不得挪作他用。"])
        s.add(["填表人：李某某", None, None, "审核人：王某某"])
        s.add(["填报日期：2018年12月20日"])
