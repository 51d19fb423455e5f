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
    # Names are written trimmed ("某公司   ：15万元" reads as a typo); the input keeps them.
    return f"{number}、{name.strip()}：{_wan(amount)}" + (f"主要用于{use}。" if use else "。")


def overview(result: Consolidation) -> str:
    """The fund overview paragraph, with its figures."""
    s = result.settings
    year = f"{s.year}年" if s.year else "本年度"
    text = f"{s.fund_name}每年安排{_wan(s.cap)}。" if s.cap is not None else ""
    text += f"{year}共使用{s.fund_name}{_wan(result.total)}，扶持{len(result.records)}个单位"
    parts = _by_kind(result)
    if parts:
        text += "，其中" + "，另".join(parts)
    text += "。"
    remaining = result.remaining
    if remaining is not None:
        if result.usage_percent is not None:
            text += f"资金使用率{result.usage_percent}%，"
        text += f"结余{_wan(remaining)}。" if remaining >= 0 else f"超出上限{_wan(-remaining)}。"
    return text


def _by_kind(result: Consolidation) -> list[str]:
    """What went to enterprises, to villages and to any other recipients, one phrase each."""
    enterprise, village = vocab.CATEGORY_ENTERPRISE, vocab.CATEGORY_VILLAGE
    by_category = result.totals_by("category")
    parts = []
    if enterprise in by_category:
        count, amount = by_category[enterprise]
        with_enterprises = {r.district for r in result.records if r.category == enterprise}
        districts = "、".join(d for d in result.districts if d in with_enterprises)
        parts.append(f"向{districts}{count}家企业分配扶持资金{_wan(amount)}")
    if village in by_category:
        count, amount = by_category[village]
        parts.append(f"安排{_wan(amount)}予{_recipients(result, {village}, count, '个村（社区）')}")
    others = [key for key in by_category if key not in (enterprise, village)]
    if others:
        count = sum(by_category[key][0] for key in others)
        amount = sum((by_category[key][1] for key in others), Decimal(0))
        parts.append(f"安排{_wan(amount)}予{_recipients(result, set(others), count, '个单位')}")
    return parts


def _recipients(result: Consolidation, categories: set[str], count: int, unit: str) -> str:
    """"金湖村" for one recipient, "金湖村等4个村（社区）" for more: the first one named."""
    first = next(r.name.strip() for r in result.records if r.category in categories)
    return first if count == 1 else f"{first}等{count}{unit}"


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
