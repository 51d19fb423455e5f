"""The 汇总 sheet: fund figures, tables by district, category and use, and two charts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlsxwriter.utility import xl_range, xl_rowcol_to_cell

from xlfund import vocab
from xlfund.amounts import as_number
from xlfund.model import Consolidation
from xlfund.rules import AT_MOST, EQUAL
from xlfund.write.book import OVERVIEW, Styles, money, page_setup, write_number, write_text, write_title
from xlfund.write.formulas import COL_AMOUNT, COL_CATEGORY, COL_DISTRICT, COL_NAME, COL_USE, DetailParts, OverviewCells, sheet_cell


def write_overview(book, ws, result: Consolidation, parts: DetailParts, s: Styles) -> OverviewCells:
    # why long: the sheet is read top to bottom by the clerk, and so is this function; each
    # table's formulas refer to the figures placed above it.
    settings = result.settings
    cells = OverviewCells()
    total = result.total
    count = len(result.records)
    ws.set_column("A:A", 22)
    ws.set_column("B:F", 15)
    write_title(ws, f"{settings.title}分配汇总表", 5, 22 + 5 * 15, s)
    ws.write_string(1, 0, f"金额单位：万元　　生成时间：{result.made_at:%Y-%m-%d %H:%M}", s.subtitle)

    ws.write_string(3, 0, "项目", s.head)
    ws.write_string(3, 1, "数值", s.head)
    row = 4
    local: dict[str, str] = {}  # a figure's cell on this sheet ("B5"), once put() has placed it

    def put(label: str, key: str, writer: Callable[[int], None]) -> None:
        nonlocal row
        ws.write_string(row, 0, label, s.text)
        writer(row)
        setattr(cells, key, sheet_cell(OVERVIEW, row, 1))
        local[key] = xl_rowcol_to_cell(row, 1)
        row += 1

    remaining = "" if result.remaining is None else money(result.remaining)
    rate = "" if result.usage_rate is None else float(result.usage_rate)
    put("资金上限（万元）", "cap", lambda r: write_number(ws, r, 1, settings.cap, s.input_money))
    put("批复计划（万元）", "plan", lambda r: write_number(ws, r, 1, settings.plan, s.input_money))
    put("分配合计（万元）", "total", lambda r: ws.write_formula(r, 1, f"={parts.sum(COL_AMOUNT)}", s.money, money(total)))
    put("剩余额度（万元）", "remaining", lambda r: ws.write_formula(
        r, 1, f'=IF({local["cap"]}="","",{local["cap"]}-{local["total"]})', s.money, remaining))
    put("资金使用率", "rate", lambda r: ws.write_formula(
        r, 1, f'=IF(N({local["cap"]})=0,"",{local["total"]}/{local["cap"]})', s.percent, rate))
    put("受助单位数", "recipients", lambda r: ws.write_formula(r, 1, f"={parts.counta(COL_NAME)}", s.count, count))
    put("绩效目标单位数", "target", lambda r: write_number(ws, r, 1, settings.target_recipients, s.count))
    total_ref = local["total"]
    # Over the cap by the 对账 sheet's own rule (one 分 counts, float noise does not).
    ws.conditional_format(local["remaining"], {
        "type": "formula", "criteria": AT_MOST.failing_formula(f"{local['total']}-{local['cap']}", present=local["cap"]), "format": s.bad})

    row += 1
    for c, head in enumerate(["区县", "受助单位数", "金额（万元）", "占比", "下达额度（万元）", "差额（万元）"]):
        ws.write_string(row, c, head, s.head)
    row += 1
    first = row
    by_district = result.district_totals()
    for district in result.districts:
        n, amount = by_district.get(district, (0, Decimal(0)))
        quota = settings.quotas.get(district)
        key, amount_cell, quota_cell = (xl_rowcol_to_cell(row, c, col_abs=c == 0) for c in (0, 2, 4))
        write_text(ws, row, 0, district, s.text)
        ws.write_formula(row, 1, f"={parts.countifs((COL_DISTRICT, key))}", s.count, n)
        ws.write_formula(row, 2, f"={parts.sumifs(COL_AMOUNT, (COL_DISTRICT, key))}", s.money, money(amount))
        ws.write_formula(row, 3, f"=IF({total_ref}=0,0,{amount_cell}/{total_ref})", s.percent, float(amount / total) if total else 0)
        write_number(ws, row, 4, quota, s.input_money)
        ws.write_formula(row, 5, f'=IF({quota_cell}="","",{amount_cell}-{quota_cell})', s.money, "" if quota is None else money(amount - quota))
        cells.district_amount[district] = sheet_cell(OVERVIEW, row, 2)
        cells.district_quota[district] = sheet_cell(OVERVIEW, row, 4)
        row += 1
    last = row
    _total_row(ws, row, (first, last), (count, total), parts, total_ref, s)
    if settings.quotas and last > first:
        quota_total = sum(settings.quotas.values(), Decimal(0))
        ws.write_formula(row, 4, f"=SUM({xl_range(first, 4, last - 1, 4)})", s.total_money, money(quota_total))
        ws.write_formula(row, 5, f"={xl_rowcol_to_cell(row, 2)}-{xl_rowcol_to_cell(row, 4)}", s.total_money, money(total - quota_total))
    else:
        ws.write_blank(row, 4, None, s.total_money)
        ws.write_blank(row, 5, None, s.total_money)
    if last > first:
        # A quota missed, by the 对账 sheet's own rule (one 分 counts, float noise does not).
        difference = xl_rowcol_to_cell(first, 5, col_abs=True)
        ws.conditional_format(first, 5, last - 1, 5, {"type": "formula", "criteria": EQUAL.failing_formula(difference), "format": s.bad})
    row += 2

    district_rows = (first, last - 1)
    by_category = result.totals_by("category")
    by_group = result.totals_by("purpose_group")
    categories = _keys([vocab.CATEGORY_ENTERPRISE, vocab.CATEGORY_VILLAGE], by_category)
    uses = _keys([*settings.purpose_groups, vocab.OTHER_PURPOSE_GROUP], by_group)
    row = _breakdown(ws, row, "类别", COL_CATEGORY, categories, by_category, result, parts, total_ref, s)
    use_first = row + 1
    row = _breakdown(ws, row, "资金用途分类", COL_USE, uses, by_group, result, parts, total_ref, s)
    last_row = _charts(book, ws, result, (district_rows, by_district), (use_first, row - 3, uses, by_group), row)
    page_setup(ws, landscape=False)
    ws.print_area(0, 0, last_row, 5)
    return cells


def _keys(fixed: list[str], totals: dict[str, tuple[int, Decimal]]) -> list[str]:
    """The rows of a breakdown: the fixed ones always (even at 0), then any others found."""
    return list(dict.fromkeys([*fixed, *totals]))


def _breakdown(ws, row: int, label: str, col: int, keys: list[str], totals: dict[str, tuple[int, Decimal]],
               result: Consolidation, parts: DetailParts, total_ref: str, s: Styles) -> int:
    """A small table (key | 受助单位数 | 金额 | 占比) by SUMIFS over the detail; returns the next row."""
    for c, head in enumerate([label, "受助单位数", "金额（万元）", "占比"]):
        ws.write_string(row, c, head, s.head)
    row += 1
    first = row
    grand = result.total
    for key in keys:
        n, amount = totals.get(key, (0, Decimal(0)))
        key_cell, amount_cell = xl_rowcol_to_cell(row, 0, col_abs=True), xl_rowcol_to_cell(row, 2)
        write_text(ws, row, 0, key, s.text)
        ws.write_formula(row, 1, f"={parts.countifs((col, key_cell))}", s.count, n)
        ws.write_formula(row, 2, f"={parts.sumifs(COL_AMOUNT, (col, key_cell))}", s.money, money(amount))
        ws.write_formula(row, 3, f"=IF({total_ref}=0,0,{amount_cell}/{total_ref})", s.percent, float(amount / grand) if grand else 0)
        row += 1
    _total_row(ws, row, (first, row), (len(result.records), grand), parts, total_ref, s)
    return row + 2


def _total_row(ws, row: int, lines: tuple[int, int], figures: tuple[int, Decimal], parts: DetailParts, total_ref: str, s: Styles) -> None:
    """A table's 合计 (columns A–D): the sum of its lines (rows first..last-1). A table with no
    line (no district read) counts 明细 itself: a SUM over no row would take in the 合计's
    own cell, a circular reference Excel warns about on opening."""
    (first, last), (count, amount) = lines, figures
    ws.write_string(row, 0, "合计", s.total_text)
    if last > first:
        count_formula, amount_formula = (f"=SUM({xl_range(first, c, last - 1, c)})" for c in (1, 2))
    else:
        count_formula, amount_formula = f"={parts.counta(COL_NAME)}", f"={parts.sum(COL_AMOUNT)}"
    ws.write_formula(row, 1, count_formula, s.total_count, count)
    ws.write_formula(row, 2, amount_formula, s.total_money, money(amount))
    ws.write_formula(row, 3, f"=IF({total_ref}=0,0,{xl_rowcol_to_cell(row, 2)}/{total_ref})", s.percent, 1.0 if amount else 0)


CHART_ROWS = 17  # rows of the default height a chart below the tables takes


def _charts(book, ws, result: Consolidation, districts: tuple, uses: tuple, row: int) -> int:
    """Native charts that Excel and WPS draw, each carrying its data for viewers that don't
    recalculate; placed below the tables, inside the printed width. Returns the last row used.

    districts = ((first row, last row), totals); uses = (first row, last row, keys, totals).
    """
    if not result.records:
        return row
    (district_first, district_last), by_district = districts
    use_first, use_last, use_keys, by_group = uses
    names = result.districts
    column = book.add_chart({"type": "column"})
    column.add_series({
        "name": "金额（万元）",
        "categories": [OVERVIEW, district_first, 0, district_last, 0], "values": [OVERVIEW, district_first, 2, district_last, 2],
        "categories_data": names, "values_data": [as_number(by_district.get(d, (0, Decimal(0)))[1]) for d in names],
        "data_labels": {"value": True, "num_format": "#,##0.00"}, "fill": {"color": "#4472C4"},
    })
    column.set_title({"name": "各区县分配金额（万元）", "name_font": {"name": "宋体", "size": 12}})
    column.set_legend({"none": True})
    column.set_x_axis({"num_font": {"name": "宋体"}})
    column.set_y_axis({"num_format": "#,##0", "num_font": {"name": "宋体"}, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    column.set_size({"width": 660, "height": 300})
    ws.insert_chart(row, 0, column)
    pie = book.add_chart({"type": "pie"})
    pie.add_series({
        "name": "资金用途构成",
        "categories": [OVERVIEW, use_first, 0, use_last, 0], "values": [OVERVIEW, use_first, 2, use_last, 2],
        "categories_data": use_keys, "values_data": [as_number(by_group.get(k, (0, Decimal(0)))[1]) for k in use_keys],
        "data_labels": {"percentage": True, "category": True, "leader_lines": True, "font": {"name": "宋体", "size": 9}},
    })
    pie.set_title({"name": "资金用途构成", "name_font": {"name": "宋体", "size": 12}})
    pie.set_legend({"position": "right", "font": {"name": "宋体", "size": 9}})
    pie.set_size({"width": 660, "height": 300})
    ws.insert_chart(row + CHART_ROWS, 0, pie)
    return row + 2 * CHART_ROWS
