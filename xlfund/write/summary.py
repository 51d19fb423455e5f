"""The 汇总 sheet: fund figures, tables by district, category and use, and two charts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell

from xlfund import vocab
from xlfund.amounts import as_number
from xlfund.model import Consolidation
from xlfund.write.book import SUMMARY, Styles, money, page_setup, write_number, write_text
from xlfund.write.formulas import COL_AMOUNT, COL_CATEGORY, COL_DISTRICT, COL_NAME, COL_USE, DetailParts, SummaryCells


def write_summary(book, ws, result: Consolidation, parts: DetailParts, s: Styles) -> SummaryCells:
    # why long: the sheet is read top to bottom by the clerk, and so is this function; each
    # table's formulas refer to the figures placed above it.
    settings = result.settings
    cells = SummaryCells()
    total = result.total
    count = len(result.records)
    ws.set_column("A:A", 22)
    ws.set_column("B:F", 15)
    ws.merge_range("A1:F1", f"{settings.title}分配汇总表", s.title)
    ws.write_string(1, 0, f"金额单位：万元　　生成时间：{result.made_at:%Y-%m-%d %H:%M}", s.subtitle)

    ws.write_string(3, 0, "项目", s.head)
    ws.write_string(3, 1, "数值", s.head)
    row = 4

    def put(label: str, key: str, writer: Callable[[int], None]) -> None:
        nonlocal row
        ws.write_string(row, 0, label, s.text)
        writer(row)
        setattr(cells, key, f"{quote_sheetname(SUMMARY)}!{xl_rowcol_to_cell(row, 1, True, True)}")
        row += 1

    def local(ref: str) -> str:
        """A figure's address on this sheet ("汇总!$B$5" -> "B5"), once put() has placed it."""
        return ref.split("!")[-1].replace("$", "")

    put("资金上限（万元）", "cap", lambda r: write_number(ws, r, 1, settings.cap, s.input_money))
    put("批复计划（万元）", "plan", lambda r: write_number(ws, r, 1, settings.plan, s.input_money))
    put("分配合计（万元）", "total", lambda r: ws.write_formula(r, 1, f"={parts.sum(COL_AMOUNT)}", s.money, money(total)))
    remaining = "" if settings.cap is None else money(settings.cap - total)
    put("剩余额度（万元）", "remaining", lambda r: ws.write_formula(
        r, 1, f'=IF({local(cells.cap)}="","",{local(cells.cap)}-{local(cells.total)})', s.money, remaining))
    rate = "" if not settings.cap else float(total / settings.cap)
    put("资金使用率", "rate", lambda r: ws.write_formula(
        r, 1, f'=IF(N({local(cells.cap)})=0,"",{local(cells.total)}/{local(cells.cap)})', s.percent, rate))
    put("受助单位数", "recipients", lambda r: ws.write_formula(r, 1, f"={parts.counta(COL_NAME)}", s.count, count))
    put("绩效目标单位数", "target", lambda r: write_number(ws, r, 1, settings.target_recipients, s.count))
    total_ref = local(cells.total)
    ws.conditional_format(local(cells.remaining), {"type": "cell", "criteria": "<", "value": 0, "format": s.bad})

    row += 1
    for c, head in enumerate(["区县", "受助单位数", "金额（万元）", "占比", "下达额度（万元）", "差额（万元）"]):
        ws.write_string(row, c, head, s.head)
    row += 1
    first = row
    by_district = result.district_totals()
    for district in result.districts:
        n, amount = by_district.get(district, (0, Decimal(0)))
        quota = settings.quotas.get(district)
        r1 = row + 1
        write_text(ws, row, 0, district, s.text)
        ws.write_formula(row, 1, f"={parts.countifs((COL_DISTRICT, f'$A{r1}'))}", s.count, n)
        ws.write_formula(row, 2, f"={parts.sumifs(COL_AMOUNT, (COL_DISTRICT, f'$A{r1}'))}", s.money, money(amount))
        share = float(amount / total) if total else 0
        ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{r1}/{total_ref})", s.percent, share)
        write_number(ws, row, 4, quota, s.input_money)
        ws.write_formula(row, 5, f'=IF(E{r1}="","",C{r1}-E{r1})', s.money, "" if quota is None else money(amount - quota))
        cells.district_amount[district] = f"{SUMMARY}!$C${r1}"
        cells.district_quota[district] = f"{SUMMARY}!$E${r1}"
        row += 1
    last = row
    ws.write_string(row, 0, "合计", s.total_text)
    ws.write_formula(row, 1, f"=SUM(B{first + 1}:B{max(last, first + 1)})", s.total_count, count)
    ws.write_formula(row, 2, f"=SUM(C{first + 1}:C{max(last, first + 1)})", s.total_money, money(total))
    ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{row + 1}/{total_ref})", s.percent, 1.0 if total else 0)
    quota_total = sum(settings.quotas.values(), Decimal(0)) if settings.quotas else None
    if quota_total is None:
        ws.write_blank(row, 4, None, s.total_money)
        ws.write_blank(row, 5, None, s.total_money)
    else:
        ws.write_formula(row, 4, f"=SUM(E{first + 1}:E{max(last, first + 1)})", s.total_money, money(quota_total))
        ws.write_formula(row, 5, f'=C{row + 1}-E{row + 1}', s.total_money, money(total - quota_total))
    if last > first:
        ws.conditional_format(first, 5, last, 5, {"type": "cell", "criteria": "not between", "minimum": -0.000001, "maximum": 0.000001, "format": s.bad})
    row += 2

    district_rows = (first, last - 1)
    by_category = result.totals_by("category")
    by_use = result.totals_by("use")
    categories = _keys([vocab.CATEGORY_ENTERPRISE, vocab.CATEGORY_VILLAGE], by_category)
    uses = _keys([*settings.categories, vocab.OTHER_USE], by_use)
    row = _breakdown(ws, row, "类别", COL_CATEGORY, categories, by_category, result, parts, total_ref, s)
    use_first = row + 1
    row = _breakdown(ws, row, "资金用途分类", COL_USE, uses, by_use, result, parts, total_ref, s)
    last_row = _charts(book, ws, result, (district_rows, by_district), (use_first, row - 3, uses, by_use), row)
    page_setup(ws, landscape=False)
    ws.print_area(0, 0, last_row, 5)
    return cells


def _keys(fixed: list[str], totals: dict[str, tuple[int, Decimal]]) -> list[str]:
    """The rows of a breakdown: the fixed ones always (even at 0), then any others found."""
    return list(dict.fromkeys([*fixed, *totals]))


def _breakdown(ws, row: int, label: str, letter: str, keys: list[str], totals: dict[str, tuple[int, Decimal]],
               result: Consolidation, parts: DetailParts, total_ref: str, s: Styles) -> int:
    """A small table (key | 受助单位数 | 金额 | 占比) by SUMIFS over the detail; returns the next row."""
    for c, head in enumerate([label, "受助单位数", "金额（万元）", "占比"]):
        ws.write_string(row, c, head, s.head)
    row += 1
    first = row
    grand = result.total
    for key in keys:
        n, amount = totals.get(key, (0, Decimal(0)))
        r1 = row + 1
        write_text(ws, row, 0, key, s.text)
        ws.write_formula(row, 1, f"={parts.countifs((letter, f'$A{r1}'))}", s.count, n)
        ws.write_formula(row, 2, f"={parts.sumifs(COL_AMOUNT, (letter, f'$A{r1}'))}", s.money, money(amount))
        ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{r1}/{total_ref})", s.percent, float(amount / grand) if grand else 0)
        row += 1
    ws.write_string(row, 0, "合计", s.total_text)
    ws.write_formula(row, 1, f"=SUM(B{first + 1}:B{row})", s.total_count, len(result.records))
    ws.write_formula(row, 2, f"=SUM(C{first + 1}:C{row})", s.total_money, money(grand))
    ws.write_formula(row, 3, f"=IF({total_ref}=0,0,C{row + 1}/{total_ref})", s.percent, 1.0 if grand else 0)
    return row + 2


CHART_ROWS = 17  # rows of the default height a chart below the tables takes


def _charts(book, ws, result: Consolidation, districts: tuple, uses: tuple, row: int) -> int:
    """Native charts that Excel and WPS draw, each carrying its data for viewers that don't
    recalculate; placed below the tables, inside the printed width. Returns the last row used.

    districts = ((first row, last row), totals); uses = (first row, last row, keys, totals).
    """
    if not result.records:
        return row
    (district_first, district_last), by_district = districts
    use_first, use_last, use_keys, by_use = uses
    names = result.districts
    column = book.add_chart({"type": "column"})
    column.add_series({
        "name": "金额（万元）",
        "categories": [SUMMARY, district_first, 0, district_last, 0], "values": [SUMMARY, district_first, 2, district_last, 2],
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
        "categories": [SUMMARY, use_first, 0, use_last, 0], "values": [SUMMARY, use_first, 2, use_last, 2],
        "categories_data": use_keys, "values_data": [as_number(by_use.get(k, (0, Decimal(0)))[1]) for k in use_keys],
        "data_labels": {"percentage": True, "category": True, "leader_lines": True, "font": {"name": "宋体", "size": 9}},
    })
    pie.set_title({"name": "资金用途构成", "name_font": {"name": "宋体", "size": 12}})
    pie.set_legend({"position": "right", "font": {"name": "宋体", "size": 9}})
    pie.set_size({"width": 660, "height": 300})
    ws.insert_chart(row + CHART_ROWS, 0, pie)
    return row + 2 * CHART_ROWS
