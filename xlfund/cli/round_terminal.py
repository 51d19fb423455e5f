"""The round in the terminal and in --json: the changes since the earlier run (printed first by
`consolidate`), the status table of `status`, and what `feedback` wrote."""

from __future__ import annotations

from pathlib import Path

from xlfund.amounts import fen_to_wan, format_wan
from xlfund.cli.terminal import columns, table
from xlfund.findings import ERROR, money_text
from xlfund.model import Consolidation
from xlfund.round.advice import goes_back
from xlfund.round.changes import Changes, UnitChange, UnitChangeKind, file_note, headline
from xlfund.round.status import RoundStatus, SentFile, State
from xlfund.round.survey import Round
from xlfund.write.feedback import FeedbackWritten

Lines = list[tuple[str, dict | None]]
SHOWN_UNITS = 8  # per district in the terminal; every one is on the 变更 sheet
STATE_STYLE = {State.SENT: {"fg": "green"}, State.WARNINGS: {"fg": "yellow"}, State.ERRORS: {"fg": "red", "bold": True},
               State.MISSING: {"fg": "red", "bold": True}}
DIM = {"fg": "bright_black"}


def _wan(fen: int) -> str:
    return money_text(fen_to_wan(fen))


def changes_lines(the_round: Round) -> Lines:
    """What changed since the earlier run, file by file and district by district."""
    changes = the_round.changes
    if changes is None:
        return [(f"未与上次比较：{the_round.earlier}", DIM)] if the_round.earlier else []
    if changes.nothing:
        return [(f"与上次汇总（{changes.since[:16]}）相比没有变化", {"bold": True})]
    lines: Lines = [(f"与上次汇总（{changes.since[:16]}）相比：{headline(changes)}", {"bold": True})]
    for change in changes.files:
        facts = change.after or change.before
        when = f"（{facts.modified[:16]}）" if facts is not None and facts.modified and change.after is not None else ""
        lines.append((f"  {_pad(str(change.kind))}{change.name}{when}：{file_note(change)}", None))
    if changes.settings_changed:
        lines.append(("  设置文件已修改", None))
    for district in changes.districts:
        (n0, f0), (n1, f1) = district.before, district.after
        lines.append((f"  {district.district}：{district.delta_text()}（{n0} → {n1} 个单位，{_wan(f0)} → {_wan(f1)} 万元）", {"bold": True}))
        lines += [(f"    {_unit_text(u)}", None) for u in district.units[:SHOWN_UNITS]]
        if len(district.units) > SHOWN_UNITS:
            lines.append((f"    ……另有 {len(district.units) - SHOWN_UNITS} 个单位有变化，见汇总表“变更”", DIM))
    return lines


def _unit_text(unit: UnitChange) -> str:
    if unit.kind is UnitChangeKind.AMOUNT:
        assert unit.before is not None and unit.after is not None
        sign = "+" if unit.delta_fen > 0 else "-"
        return f"{_pad(str(unit.kind))}{unit.name} {_wan(unit.before.fen)} → {_wan(unit.after.fen)} 万元（{sign}{_wan(abs(unit.delta_fen))}）"
    side = unit.after or unit.before
    assert side is not None
    return f"{_pad(str(unit.kind))}{unit.name} {_wan(side.fen)} 万元"


def _pad(word: str) -> str:
    """A change's word in a column 10 display columns wide (四字 words take 8)."""
    return word + " " * max(1, 10 - columns(word))


def status_lines(result: Consolidation, status: RoundStatus, folder: Path) -> Lines:
    """`xlfund status`: one line per district (and per further file), the summary, what to do."""
    lines: Lines = [(f"{status.title} 报送情况（{status.made_at:%Y-%m-%d %H:%M}）", {"bold": True}), ("", None)]
    rows, styles = [], []
    for d in status.districts:
        quota = "" if d.quota is None else money_text(d.quota)
        first = [d.district, str(d.state), f"{d.recipients:,}", money_text(d.total), quota]
        files = list(d.files) or [None]
        for i, file in enumerate(files):
            lead = first if i == 0 else ["", "", "", "", ""]
            note = ("尚未报送" if file is None else file.described) + ("" if d.listed or i else "（不在区县名单中）")
            rows.append([*lead, file.name if file else "", file.when if file else "", note])
            styles.append(STATE_STYLE[d.state] if i == 0 else None)
    for file in status.others:
        rows.append(["（其他文件）", "有错误" if file.errors else "有警告" if file.warnings else "", f"{file.recipients:,}",
                     money_text(file.total), "", file.name, file.when, file.described])
        styles.append(STATE_STYLE[State.ERRORS] if file.errors else None)
    head, *body = table(["区县", "状态", "单位数", "金额（万元）", "下达额度", "报送文件", "修改时间", "说明"], rows, numeric={2, 3, 4})
    lines.append((head, {"bold": True}))
    lines += list(zip(body, styles, strict=True))
    lines += [("", None), (status.summary(), {"bold": True})]
    fund_errors = [f for f in result.findings if f.severity is ERROR and not goes_back(f)]
    for item in fund_errors:
        lines.append((f"  [{item.severity}] {item.message}", STATE_STYLE[State.ERRORS]))
    if any(d.state in (State.ERRORS, State.WARNINGS) for d in status.districts) or status.others:
        lines.append((f"各区县的问题清单：xlfund feedback {folder} -o 问题清单", None))
    return lines


def feedback_lines(done: FeedbackWritten, status: RoundStatus) -> Lines:
    lines: Lines = []
    if done.written:
        lines.append((f"已生成 {len(done.written)} 份问题清单（{done.folder}）：", {"fg": "green", "bold": True}))
        for problems, path in done.written:
            lines.append((f"  {path.name}：{problems.errors} 个错误，{problems.warnings} 个警告", None))
    else:
        lines.append(("没有需要退回区县修改的问题，未生成问题清单", {"fg": "green"}))
    for path in done.removed:
        lines.append((f"  已删除上次的 {path.name}（现已没有问题）", DIM))
    clean = [d.district for d in status.listed if d.state is State.SENT]
    if clean:
        lines.append((f"没有问题、不需要问题清单：{'、'.join(clean)}", None))
    if status.missing:
        lines.append((f"未报：{'、'.join(status.missing)}", STATE_STYLE[State.MISSING]))
    return lines


def _file_dict(file: SentFile) -> dict:
    return {"file": file.name, "modified": file.when or None, "size": file.stamp.size, "status": str(file.status),
            "counted": file.counted, "recipients": file.recipients, "total": format_wan(file.total), "note": file.note,
            "errors": file.errors, "warnings": file.warnings}


def status_dict(status: RoundStatus) -> dict:
    return {
        "summary": status.summary(), "ready": status.ready, "missing": status.missing,
        "districts": [{"district": d.district, "state": str(d.state), "listed": d.listed, "recipients": d.recipients,
                       "total": format_wan(d.total), "quota": None if d.quota is None else format_wan(d.quota),
                       "errors": d.errors, "warnings": d.warnings, "files": [_file_dict(f) for f in d.files]}
                      for d in status.districts],
        "other_files": [_file_dict(f) for f in status.others],
    }


def changes_dict(changes: Changes | None) -> dict | None:
    """--json's "changes": null when no earlier run is known."""
    if changes is None:
        return None

    def wan(fen: int | None) -> str | None:
        return None if fen is None else format_wan(fen_to_wan(fen))

    return {
        "since": changes.since, "settings_changed": changes.settings_changed,
        "files": [{"change": str(c.kind), "file": c.name, "same_as": c.other or None, "districts": list(c.districts),
                   "counted": c.counted, "recipients_delta": c.delta[0], "total_delta": wan(c.delta[1])} for c in changes.files],
        "districts": [{"district": d.district, "recipients_before": d.before[0], "recipients_after": d.after[0],
                       "total_before": wan(d.before[1]), "total_after": wan(d.after[1]), "recipients_delta": d.delta[0],
                       "total_delta": wan(d.delta[1]),
                       "recipients": [{"name": u.name, "change": str(u.kind), "before": wan(u.before.fen if u.before else None),
                                       "after": wan(u.after.fen if u.after else None)} for u in d.units]}
                      for d in changes.districts],
    }


def round_dict(the_round: Round) -> dict:
    """The keys `consolidate --json` gains."""
    data = {"status": status_dict(the_round.status), "changes": changes_dict(the_round.changes)}
    if the_round.changes is None:
        data["changes_unknown"] = the_round.earlier or None
    return data


def round_head_lines(the_round: Round) -> Lines:
    """What `consolidate` prints before its usual summary: the changes, then who has sent."""
    lines = changes_lines(the_round)
    lines.append((f"报送情况：{the_round.status.summary()}（详见汇总表“报送情况”）", {"bold": True}))
    return lines + [("", None)]


def feedback_dict(done: FeedbackWritten, status: RoundStatus) -> dict:
    return {
        "folder": str(done.folder),
        "written": [{"for": p.who, "file": str(path), "errors": p.errors, "warnings": p.warnings} for p, path in done.written],
        "removed": [str(path) for path in done.removed],
        "status": status_dict(status),
    }
