"""The report's text: the fund overview and, per district, each recipient with amount and use,
written the way the annual performance report words it (see the seed report):

    高新区项目资金实际使用情况：
    1、兴盛社区网络服务股份有限公司：12万元主要用于芙蓉兴盛移动互联网平台的技术开发费用。

Pure: a Consolidation in, paragraphs out; the .docx and the 报告 sheet render the same list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from xlfund import vocab
from xlfund.amounts import format_wan
from xlfund.model import Consolidation

_USE_PREFIX = re.compile(r"^(?:扶持资金)?(?:主要|全部)?用于")


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # "title", "heading", "body", "item", "total"


def _wan(amount: Decimal) -> str:
    return f"{format_wan(amount)}万元"


def _item(number: int, name: str, amount: Decimal, purpose: str) -> str:
    use = _USE_PREFIX.sub("", purpose.strip()).rstrip("。；;，, ")
    return f"{number}、{name}：{_wan(amount)}" + (f"主要用于{use}。" if use else "。")


def overview(result: Consolidation) -> str:
    """The fund overview paragraph, with its figures."""
    s = result.settings
    total = result.total
    year = f"{s.year}年" if s.year else "本年度"
    by_category = result.totals_by("category")
    enterprise, village = vocab.CATEGORY_ENTERPRISE, vocab.CATEGORY_VILLAGE
    other_count = sum(count for key, (count, _) in by_category.items() if key not in (enterprise, village))
    other_amount = sum((amount for key, (_, amount) in by_category.items() if key not in (enterprise, village)), Decimal(0))
    text = ""
    if s.cap is not None:
        text += f"{s.fund_name}每年安排{_wan(s.cap)}。"
    text += f"{year}共使用{s.fund_name}{_wan(total)}，扶持{len(result.records)}个单位"
    parts = []
    if enterprise in by_category:
        count, amount = by_category[enterprise]
        districts = "、".join(dict.fromkeys(r.district for r in result.records if r.category == enterprise))
        parts.append(f"向{districts}{count}家企业分配扶持资金{_wan(amount)}")
    if village in by_category:
        count, amount = by_category[village]
        first = next(r.name for r in result.records if r.category == village)
        parts.append(f"安排{_wan(amount)}予{first}等{count}个村（社区）")
    if other_count:
        parts.append(f"安排{_wan(other_amount)}予其他{other_count}个单位")
    text += ("，其中" + "，另".join(parts)) if parts else ""
    text += "。"
    if s.cap is not None:
        remaining = s.cap - total
        text += f"资金使用率{(total / s.cap * 100).quantize(Decimal('0.01')) if s.cap else 0}%，" + (
            f"结余{_wan(remaining)}。" if remaining >= 0 else f"超出上限{_wan(-remaining)}。"
        )
    return text


def report_paragraphs(result: Consolidation, max_items: int | None = None) -> list[Paragraph]:
    """The report section. With max_items, each district lists at most that many recipients
    and says how many more there are (a report of a province's 100,000 lines is not read
    line by line; the detail sheet holds them all)."""
    s = result.settings
    paragraphs = [
        Paragraph(f"{s.title}使用情况", "title"),
        Paragraph("一、资金总体情况", "heading"),
        Paragraph(overview(result)),
        Paragraph("二、项目资金实际使用情况", "heading"),
    ]
    totals = result.district_totals()
    shown_by_district: dict[str, list] = {}
    for record in result.records:
        shown = shown_by_district.setdefault(record.district, [])
        if max_items is None or len(shown) < max_items:
            shown.append(record)
    for district in result.districts:
        shown = shown_by_district.get(district, [])
        if not shown:
            continue
        count, amount = totals[district]
        paragraphs.append(Paragraph(f"{district}项目资金实际使用情况：", "heading"))
        paragraphs += [Paragraph(_item(i, r.name, r.amount, r.purpose), "item") for i, r in enumerate(shown, start=1)]
        if len(shown) < count:
            paragraphs.append(Paragraph(f"（另有{count - len(shown)}个单位未逐条列出，见“明细”表或 xlfund report 生成的文档。）", "item"))
        paragraphs.append(Paragraph(f"{district}合计：扶持{count}个单位，{_wan(amount)}。", "total"))
    paragraphs.append(Paragraph(f"以上合计：扶持{len(result.records)}个单位，{_wan(result.total)}。", "total"))
    return paragraphs
