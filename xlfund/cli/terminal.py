"""What the clerk reads in the terminal, and the --json object, from the same result.

(Named "terminal" so that "report" means only the 报告 section of the annual report.)
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

from xlfund.amounts import format_wan
from xlfund.cli.width import columns
from xlfund.findings import ERROR, INFO, SEVERITY_ORDER, WARNING, Finding, has_problems, money_text
from xlfund.model import Consolidation, FileStatus
from xlfund.scorecard.scoring import Card
from xlfund.settings.edit import ScoresSaved

SEVERITY_STYLE = {ERROR: {"fg": "red", "bold": True}, WARNING: {"fg": "yellow"}, INFO: {"fg": "bright_black"}}


def _money(amount: Decimal | None) -> str:
    return "—" if amount is None else money_text(amount)


def _left(text: str, width: int) -> str:
    return text + " " * max(0, width - columns(text))


def _right(text: str, width: int) -> str:
    return " " * max(0, width - columns(text)) + text


def table(head: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    """Columns as wide as their widest cell (by display width); numbers right-aligned."""
    widths = [max(columns(r[i]) for r in [head, *rows]) for i in range(len(head))]
    cell = [(_right if i in numeric else _left) for i in range(len(head))]
    return ["  ".join(cell[i](r[i], widths[i]) for i in range(len(head))).rstrip() for r in [head, *rows]]


# Cells typed into the earlier 评分表 and carried: one line with their count; each one is in
# the 问题 sheet and --json.
CARRIED = ("score-kept-from-output", "entry-kept-from-output")


def terminal_lines(result: Consolidation, path: Path, card: Card | None = None,
                   save_hint: str | None = None) -> list[tuple[str, dict | None]]:
    """(line, click.style options) pairs: a short Chinese summary, then the findings.
    `save_hint` is the command that would save the carried cells (--save-scores)."""
    s = result.settings
    lines: list[tuple[str, dict | None]] = [
        (f"{s.title}：已读取 {result.files_read} 个文件，受助单位 {len(result.records)} 个，分配合计 {_money(result.total)} 万元", {"bold": True}),
    ]
    if s.cap is not None:
        lines.append((f"资金上限 {_money(s.cap)} 万元，剩余 {_money(result.remaining)} 万元", None))
    lines.append(("", None))
    totals = result.district_totals()
    rows = []
    for district in result.districts:
        n, amount = totals.get(district, (0, Decimal(0)))
        rows.append([district, f"{n:,}", _money(amount)])
    head, *body = table(["区县", "单位数", "金额（万元）"], rows, numeric={1, 2})
    lines.append((head, {"bold": True}))
    lines += [(line, None) for line in body]
    if card is not None and card.template is not None:
        lines.append(("", None))
        lines.append((_score_headline(card), {"bold": True}))
    counts = Counter(f.severity for f in result.findings)
    lines.append(("", None))
    lines.append((f"问题：{counts[ERROR]} 个错误，{counts[WARNING]} 个警告，{counts[INFO]} 个提示", {"bold": True}))
    carried = sum(1 for f in result.findings if f.code in CARRIED)
    for file, items in by_file([f for f in result.findings if f.code not in CARRIED]):
        lines.append((f"  {file or '（总体）'}", {"underline": True}))
        lines += [_finding_line(item) for item in items]
    if carried:
        line = f"    [{INFO}] 评分表中手工填写的 {carried} 项与设置不同，已沿用（逐项见“问题”表）"
        lines.append((line + (f"；写入设置文件：{save_hint}" if save_hint else ""), SEVERITY_STYLE[INFO]))
    lines.append(("", None))
    lines.append((f"已生成：{path}", {"fg": "green"}))
    return lines


def _score_headline(card: Card) -> str:
    if card.unscored:
        return f"绩效自评：已评 {format_wan(card.total)} 分，尚有 {card.unscored} 项未评分，暂不评级"
    return f"绩效自评：{format_wan(card.total)} 分，等级 {card.grade}"


def saved_scores_lines(saved: ScoresSaved) -> list[tuple[str, dict | None]]:
    """What --save-scores wrote, line by line, or why nothing was written."""
    if not saved.written:
        if saved.read_from is None or not saved.read:
            where = f"“{saved.read_from}”" if saved.read_from is not None else "上次生成的文件"
            why = f"没有找到可读取的{where}（--save-scores 读取本命令 -o 指定的、或默认的输出文件）"
        else:
            why = f"“{saved.read_from}”的评分表中没有与设置不同的手工填写内容"
        return [(f"--save-scores：{why}，{saved.path} 未修改", {"fg": "yellow"})]
    lines: list[tuple[str, dict | None]] = [(f"已{'生成' if saved.created else '写入'} {saved.path}：", {"fg": "green"})]
    lines += [(f"  {line}", None) for line in saved.written.lines()]
    return lines


def saved_scores_dict(saved: ScoresSaved) -> dict:
    written = saved.written
    return {"file": str(saved.path), "scores": {name: format_wan(v) for name, v in written.scores.items()},
            "indicators": {name: {k: format_wan(v) if isinstance(v, Decimal) else v for k, v in fields.items()}
                           for name, fields in written.indicators.items()},
            "texts": dict(written.texts)}


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
        amount = by_file.get(report.name, (0, Decimal(0)))[1]
        if report.status is not FileStatus.READ:
            # Its findings say what became of it (as under consolidate's file headings); else the
            # status and the note, after a comma: in brackets, the note's own brackets would nest.
            said = report.name if findings else f"{report.name}：{report.status}" + (f"，{report.note}" if report.note else "")
            lines.append((said, SEVERITY_STYLE[ERROR] if report.status is FileStatus.UNREADABLE else None))
        else:
            lines.append(_file_verdict(report.name, report.counts.records, amount, findings))
        lines += [_finding_line(item) for item in sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])]
    return lines


def _file_verdict(name: str, records: int, amount: Decimal, findings: list[Finding]) -> tuple[str, dict]:
    """A read file's line: its figures, and 未发现问题 when it has no error or warning. Notes are
    not problems: they are counted, and listed below the line."""
    line = f"{name}：{records} 个单位，{_money(amount)} 万元"
    if has_problems(findings):
        return line, {"bold": True}
    notes = sum(1 for f in findings if f.severity is INFO)
    return line + "，未发现问题" + (f"（另有 {notes} 条提示）" if notes else ""), {"fg": "green"}


def by_file(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    """One group per file (the whole-fund findings first, then files as they first appear),
    errors before warnings before notes inside each: one heading per file."""
    groups: dict[str, list[Finding]] = {"": []}
    for item in findings:
        groups.setdefault(item.file, []).append(item)
    return [(file, sorted(items, key=lambda f: SEVERITY_ORDER[f.severity])) for file, items in groups.items() if items]


def _finding_line(item: Finding) -> tuple[str, dict]:
    place = "!".join(x for x in (item.sheet, item.cell) if x)
    return (f"    [{item.severity}] {place + ' ' if place else ''}{item.message}", SEVERITY_STYLE[item.severity])
