"""What the clerk reads in the terminal, and the --json object, from the same result.

(Named "terminal" so that "report" means only the 报告 section of the annual report.)
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from xlfund.amounts import format_wan
from xlfund.findings import ERROR, INFO, WARNING, has_problems
from xlfund.model import Consolidation, FileStatus
from xlfund.scorecard.scoring import Card
from xlfund.text import display_width

SEVERITY_STYLE = {ERROR: {"fg": "red", "bold": True}, WARNING: {"fg": "yellow"}, INFO: {"fg": "bright_black"}}


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else f"{amount:,.2f}"


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - round(display_width(text)))


def terminal_lines(result: Consolidation, path: Path, card: Card | None = None) -> list[tuple[str, dict | None]]:
    """(line, click.style options) pairs: a short Chinese summary, then the findings."""
    s = result.settings
    lines: list[tuple[str, dict | None]] = [
        (f"{s.title}：已读取 {result.files_read} 个文件，受助单位 {len(result.records)} 个，分配合计 {_money(result.total)} 万元", {"bold": True}),
    ]
    if s.cap is not None:
        lines.append((f"资金上限 {_money(s.cap)} 万元，剩余 {_money(result.remaining)} 万元", None))
    lines.append(("", None))
    lines.append((_pad("区县", 12) + _pad("单位数", 8) + "金额（万元）", {"bold": True}))
    totals = result.district_totals()
    for district in result.districts:
        n, amount = totals.get(district, (0, Decimal(0)))
        lines.append((_pad(district, 12) + _pad(str(n), 8) + f"{_money(amount):>12}", None))
    if card is not None and card.template is not None:
        lines.append(("", None))
        lines.append((f"绩效自评：{format_wan(card.total)} 分，等级 {card.grade}", {"bold": True}))
    counts = Counter(f.severity for f in result.findings)
    lines.append(("", None))
    lines.append((f"问题：{counts[ERROR]} 个错误，{counts[WARNING]} 个警告，{counts[INFO]} 个提示", {"bold": True}))
    current_file = None
    for item in result.findings:
        if item.file != current_file:
            current_file = item.file
            lines.append((f"  {item.file or '（总体）'}", {"underline": True}))
        place = "!".join(x for x in (item.sheet, item.cell) if x)
        lines.append((f"    [{item.severity}] {place + ' ' if place else ''}{item.message}", SEVERITY_STYLE[item.severity]))
    lines.append(("", None))
    lines.append((f"已生成：{path}", {"fg": "green"}))
    return lines


def as_json_dict(result: Consolidation, path: Path, card: Card | None = None) -> dict:
    """The --json object; amounts are exact decimal strings in 万元."""
    totals = result.district_totals()
    data = {
        "output": str(path),
        "fund": result.settings.fund_name,
        "year": result.settings.year,
        "cap": None if result.settings.cap is None else format_wan(result.settings.cap),
        "total": format_wan(result.total),
        "remaining": None if result.remaining is None else format_wan(result.remaining),
        "recipients": len(result.records),
        "districts": {
            d: {"recipients": totals.get(d, (0, 0))[0], "total": format_wan(totals.get(d, (0, Decimal(0)))[1])}
            for d in result.districts
        },
        "files": [
            {"file": f.name, "status": str(f.status), "sha256": f.sha256, **vars(f.counts),
             "sheets": [{"sheet": sh.name, **vars(sh.counts)} for sh in f.sheets]}
            for f in result.files
        ],
        "issues": [item.as_dict() for item in result.findings],
    }
    if card is not None and card.template is not None:
        data["score"] = card.as_dict()
    return data


def check_lines(result: Consolidation) -> list[tuple[str, dict | None]]:
    """The check command's output: per file, its figures and its findings."""
    lines: list[tuple[str, dict | None]] = []
    by_file = result.totals_by("file")
    for report in result.files:
        findings = [f for f in result.findings if f.file == report.name]
        counts = report.counts
        amount = by_file.get(report.name, (0, Decimal(0)))[1]
        if report.status is not FileStatus.READ:
            lines.append((f"{report.name}：{report.status}（{report.note}）", SEVERITY_STYLE[ERROR] if report.status is FileStatus.UNREADABLE else None))
        else:
            ok = not has_problems(findings)
            lines.append((f"{report.name}：{counts.records} 个单位，{_money(amount)} 万元" + ("，未发现问题" if ok else ""), {"fg": "green"} if ok else {"bold": True}))
        for item in findings:
            place = "!".join(x for x in (item.sheet, item.cell) if x)
            lines.append((f"    [{item.severity}] {place + ' ' if place else ''}{item.message}", SEVERITY_STYLE[item.severity]))
    return lines
