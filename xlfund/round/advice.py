"""What goes back to a district, and what it should change: one plain instruction per finding
code, and the value found where the finding has no cell of its own to quote.

Only errors and warnings go back, and only of the codes below: a note, a copy of a file put
twice into the folder, the fund's cap or the settings are the clerk's own business.
"""

from __future__ import annotations

from decimal import Decimal

from xlfund.findings import ERROR, WARNING, Finding, Place, money_text

# code -> what the district should change (plain Chinese for the district's clerk)
INSTRUCTIONS: dict[str, str] = {
    "file-unreadable": "文件打不开。请用 Excel 或 WPS 打开原表，“另存为”Excel 工作簿（.xlsx）后重新报送",
    "file-encrypted": "请取消文件的打开密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），保存后重新报送",
    "file-empty": "收到的文件是空的（0 字节），请重新发送",
    "file-too-large": "请用 Excel 或 WPS 打开原表，另存为新的 .xlsx 文件后重新报送",
    "file-unsafe-xml": "请用 Excel 或 WPS 打开原表，另存为新的 .xlsx 文件后重新报送",
    "file-unsafe-path": "压缩包中的路径有误，请直接发送表格文件，或重新压缩",
    "header-not-found": "请使用下发的填报模板，表头需有“单位名称”“金额（万元）”“资金用途”等列",
    "amount-column-ambiguous": "请只保留一列分配金额，或把要汇总的那一列表头写为“分配金额（万元）”",
    "amount-parts-mismatch": "请核对：各来源金额相加应等于合计金额",
    "amount-columns-side-by-side": "请把左右并排的几张表改为上下排列（每行一个单位、金额在同一列），或分到几张工作表",
    "lines-after-total": "合计之后的单位行：应计入的请移到合计之上并更正合计，不应计入的请删除",
    "amount-unparseable": "请填写数字金额（单位：万元），如 12 或 12.5",
    "amount-missing": "请填写这个单位的分配金额（万元）；不分配的请删除此行",
    "amount-not-positive": "金额应为正数，请更正；不分配的请删除此行",
    "amount-formula-no-value": "请在 Excel 或 WPS 中打开并保存一次（或把公式改为数值）后重新报送",
    "amount-error-value": "请修正出错的公式（如 #REF!、#N/A），或直接填写金额数值",
    "name-missing": "请填写这一行的单位名称；不是受助单位的请删除此行",
    "amount-sheet-in-yuan": "金额应以万元填写：请把各金额除以 10000，或把表头改为“金额（元）”",
    "amount-sheet-in-wan": "表头写的是“元”，金额却像是万元：请把表头改为“金额（万元）”，或把金额改为以元填写",
    "amount-over-cap-line": "请核对金额单位：表中金额应以万元填写（元 ÷ 10000）",
    "amount-outlier": "请核对是否按元填写（应以万元填写）；确认无误的可不改",
    "amount-tiny": "请核对这一行的金额单位：表头写“元”的，金额应以元填写（万元 × 10000）",
    "amount-outlier-small": "请核对这一行的金额单位：表头写“元”的，金额应以元填写（万元 × 10000）",
    "amount-over-limit-lines": "请核对金额单位：表中金额应以万元填写（元 ÷ 10000）",
    "amount-sheet-large-no-cap": "请核对金额单位：按元填写的请在表头写明“金额（元）”，或把各金额除以 10000 改为万元",
    "purpose-missing": "请在“资金用途”列补填每个单位的资金用途",
    "form-empty": "表格没有填写任何单位，请填写后重新报送",
    "text-truncated": "单元格文字太长，请精简到 3 万字以内",
    "quota-mismatch": "请核对分配合计与下达额度；如确需调整额度，请另行说明",
    "district-undetermined": "请在文件名或表格标题中写明区县（如“资阳区.xlsx”），或在表中加“区县”列",
    "district-invalid": "“区县”列请填写区县名称",
    "district-files-overlap": "同一区县收到两份内容大多相同的表格，请确认以哪一份为准（另一份作废），或说明两份是不同批次",
    "district-cell-blank": "请在“区县”列填写每一行的区县（同一区县可写“同上”）",
    "stated-count-mismatch": "请核对单位个数：补上漏填的单位、删去多填的行，或更正文字说明中的个数",
    "table-other-year": "不属于本年度的表请删去或移到另一个文件；属于本年度的请改正标题中的年度",
    "district-conflict": "文件名、标题、填报单位、工作表名或分组行写的区县不一致，请核对是否填错了表，并改正错的一处",
    "stated-total-mismatch": "请核对合计（小计）：应等于所列各行金额之和，或更正各行金额",
    "stated-total-unreadable": "合计行的金额请填写数字，或使用求和公式",
    "duplicate-recipient": "同一单位出现多次：重复填写的请删除多余的行；分期拨付的请在备注中注明",
    "amount-over-limit-line": "请核对金额单位：表中金额应以万元填写（元 ÷ 10000）",
    "district-column-differs": "“区县”列与文件名或标题写的区县不同，请核对是否填错了表或区县",
    "file-not-allocation": "报来的文件不是资金分配表，请报送下发的填报模板（单位名称、金额（万元）、资金用途）",
    "file-other-fund": "表格标题写的是另一年度或另一项资金，请核对是否报错了文件",
    "line-status-unclear": "已取消的请删除此行，或把备注只写“已取消”；仍应计入的请改写备注，不要提“取消”“收回”等字",
    "line-cancelled": "此行备注写明已取消等，未计入；如仍应计入，请删去这几个字，不应计入的请删除此行",
    "line-struck": "此行加了删除线，未计入；不应计入的请删除此行，仍应计入的请去掉删除线",
    "line-hidden": "表中有隐藏的行（未计入）：不应计入的请删除，仍应计入的请取消隐藏",
    "name-is-header-word": "请把表格改为每行一个单位（单位名称、金额、资金用途各占一列），不要横排",
    "name-is-number": "“单位名称”请填写受助单位的全称，不要填编号或数量",
    "rows-unaccounted": "这些行无法识别，请核对其内容，或按填报模板的格式填写",
    "sheet-hidden-old": "隐藏的旧版或测算工作表未计入：不再需要的请删除",
    "sheet-hidden-with-money": "隐藏的工作表中有金额：应计入的请取消隐藏，不应计入的请删除该表",
    "sheet-other-fund": "表格中有另一年度或另一项资金的工作表（未计入），请只保留本资金的表",
    "sheet-fund-unclear": "同一文件中各工作表写的资金名称不同，请只保留本资金的工作表",
    "sheet-repeats": "两张工作表内容大多相同，请删去多余的一张，只保留最终数字",
    "sheet-working-copy": "测算表或副本未计入：不再需要的请删除，只保留最终数字",
    "total-under-other-column": "合计写在了另一列下，请核对哪一列是分配金额，并把合计写在分配金额列",
    "unit-conflict": "表头、单位行和标题写的金额单位不一致，请统一为一种（最好是万元）",
    "amount-is-date": "金额列中是日期或时间：请把该单元格格式改为“数值”，并填写金额（万元）",
    "amount-out-of-range": "金额大得不合理，请核对并以万元填写",
    "limit-file-size": "文件过大，请删去多余的内容，另存为新的 .xlsx 文件后重新报送",
    "limit-findings": "表格问题过多，请先按已列出的问题改正后重新报送",
    "limit-html-cells": "请用 Excel 或 WPS 打开原表，另存为 Excel 工作簿（.xlsx）后重新报送",
    "limit-merged-cells": "请取消多余的合并单元格，另存后重新报送",
    "limit-sheet-cells": "工作表中远处有多余的内容或格式，请删除多余的行列后另存再报送",
    "limit-xml-run": "请用 Excel 或 WPS 打开原表，另存为新的 .xlsx 文件后重新报送",
    "sheet-name-duplicate": "工作簿中有两个同名的工作表，请给其中一个改名后重新报送",
    "sheet-undecodable": "请用 Excel 或 WPS 打开原表，另存为 Excel 工作簿（.xlsx）后重新报送",
    "unit-not-money": "表格的单位不是金额单位，请核对是否报错了表格，或把单位改为“万元”",
}

# Errors and warnings that stay with the clerk (a test holds every code to one of the two lists).
CLERK_ONLY = frozenset({
    "file-duplicate", "over-cap", "plan-mismatch", "district-unknown", "district-missing", "settings-unused",
    "settings-quota-district", "settings-district-repeated", "setting-missing", "template-invalid",
    "score-over-points", "score-unknown-indicator", "score-missing", "output-locked", "file-outside-folder",
})

# code -> the value found, from the finding's parameters, where there is no single cell to quote
FOUND: dict[str, str] = {
    "amount-parts-mismatch": "金额 {amount}，分项之和 {parts}",
    "amount-missing": "（空白）",
    "name-missing": "金额 {amount}，单位名称空白",
    "amount-sheet-in-yuan": "金额中位数 {median} 万元",
    "amount-sheet-in-wan": "金额中位数 {median} 万元",
    "purpose-missing": "第 {rows}{etc} 行资金用途空白",
    "quota-mismatch": "分配合计 {total} 万元，下达额度 {quota} 万元",
    "district-files-overlap": "与“{other}”有 {count} 个相同单位",
    "stated-total-mismatch": "{label} {stated}，逐行相加 {actual}",
    "duplicate-recipient": "“{name}”出现 {count} 次，合计 {total} 万元",
    "district-conflict": "{sources}",
    "amount-column-ambiguous": "{columns}",
}


# Codes whose cell holds an amount, where the finding's own figures say more than that amount.
PREFER_PARAMETERS = frozenset({"duplicate-recipient", "district-conflict", "amount-parts-mismatch"})


def goes_back(item: Finding) -> bool:
    """An error or warning the district that sent the file should fix."""
    return item.severity in (ERROR, WARNING) and item.code in INSTRUCTIONS


def instruction(item: Finding) -> str:
    return INSTRUCTIONS[item.code]


def found_from_parameters(item: Finding) -> str:
    """The value found, told from the finding's parameters (amounts as Excel shows them)."""
    template = FOUND.get(item.code)
    if template is None:
        return ""
    shown = {key: _text(value) for key, value in item.params}
    try:
        return template.format(**shown)
    except KeyError:
        return ""


def _text(value: object) -> str:
    if isinstance(value, Decimal):
        return money_text(value)
    if isinstance(value, Place):
        return value.text()
    if isinstance(value, tuple):
        return "、".join(_text(v) for v in value)
    return str(value)


def cell_text(value: object, special: str = "") -> str:
    """A cell's value as the district sees it in Excel: 250000 (not 250000.0), （空白）, #REF!."""
    if special:
        return "（公式，没有保存计算结果）" if special == "formula" else special
    if value is None or value == "":
        return "（空白）"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return format(int(value), "d") if value.is_integer() else repr(value)
    text = str(value).strip() or "（空格）"
    return text if len(text) <= 60 else text[:60] + "……"
