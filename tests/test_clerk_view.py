"""What the clerk sees, prints and types (issue 20): results coloured by their rule, the 问题
sheet's names for each kind of finding, a readable grey, trimmed names, the settings' district
order everywhere, and the report worded as a clerk would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
from conftest import make_xlsx, run, settings_file, sheet_rows, simple_sheet, workbook_values

from xlfund.findings import _KINDS
from xlfund.model import Consolidation
from xlfund.report.narrative import overview
from xlfund.settings.schema import Settings


def _conditional_colours(ws) -> dict[str, str]:
    """Each word a rule colours in the result column -> its font colour."""
    colours = {}
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if rule.type == "cellIs" and rule.operator == "equal":
                colours[rule.formula[0].strip('"')] = rule.dxf.font.color.rgb
    return colours


def test_a_target_exceeded_is_met_and_green(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [(f"企业{i}", 1) for i in range(13)], total=13))
    settings_file(folder, '[fund]\nname = "测试资金"\nyear = 2024\ntarget_recipients = 12\n')
    out = tmp_path / "out.xlsx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    formulas, values = workbook_values(out)
    row = next(r for r in sheet_rows(values, "对账") if r[1] == "受助单位数达到绩效目标")
    assert row[2:6] == (12, 13, 1, "达到")
    colours = _conditional_colours(formulas["对账"])
    green, red = "FF006100", "FF9C0006"
    assert colours["达到"] == green and colours["未达到"] == red
    assert colours["一致"] == colours["通过"] == green and colours["不一致"] == colours["超出"] == red


def test_the_problems_sheet_names_each_kind_in_chinese_before_its_code(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    ws = openpyxl.load_workbook(out)["问题"]
    assert ws["C1"].value == "类型（代码）"
    assert ws["C2"].value == "金额单位笔误\namount-unit-typo"
    assert ws["C2"].alignment.wrap_text and ws.row_dimensions[2].height >= 30  # two lines, and the row holds them


def test_every_kind_has_a_short_chinese_title():
    for kind in _KINDS:
        assert kind.title and len(kind.title) <= 10, kind.code
        assert all("\u4e00" <= ch <= "\u9fff" or ch in "（）" for ch in kind.title), kind.title
    assert len({kind.title for kind in _KINDS}) == len(_KINDS)  # each names its own kind


def _contrast_on_white(rgb: str) -> float:
    """WCAG contrast ratio of a colour ("FF404040") against white paper."""
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(rgb[i:i + 2]) for i in (2, 4, 6))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_the_note_grey_is_dark_enough_to_read_on_paper(sample: Path, tmp_path: Path):
    out = tmp_path / "out.xlsx"
    run("consolidate", str(sample), "-o", str(out))
    book = openpyxl.load_workbook(out)
    note = book["问题"]["B2"]
    assert note.value == "提示"
    assert _contrast_on_white(note.font.color.rgb) >= 10  # the old #595959 was 7:1
    assert _contrast_on_white(book["汇总"]["A2"].font.color.rgb) >= 10


def test_names_are_written_trimmed_in_the_detail_the_report_and_the_docx(tmp_path: Path):
    from docx import Document

    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("益阳市丙丁食品有限公司   ", 15), ("\u3000甲公司 ", 5)], total=20))
    out, docx = tmp_path / "out.xlsx", tmp_path / "报告.docx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    assert run("report", str(folder), "-o", str(docx)).exit_code == 0
    _f, values = workbook_values(out)
    assert [r[1] for r in sheet_rows(values, "明细")[1:]] == ["益阳市丙丁食品有限公司", "甲公司"]
    report = [r[0] for r in sheet_rows(values, "报告")]
    assert "1、益阳市丙丁食品有限公司：15万元主要用于平台运营。" in report
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert "1、益阳市丙丁食品有限公司：15万元主要用于平台运营。" in paragraphs
    assert not any("公司 " in text or "公司\u3000" in text for text in report + paragraphs)


def test_the_settings_district_order_holds_in_the_detail_and_the_report(tmp_path: Path):
    folder = tmp_path / "in"
    # File names sort 安化县, 资阳区, 赫山区, 高新区; the settings list them the other way round.
    for district in ("安化县", "资阳区", "赫山区", "高新区"):
        make_xlsx(folder / f"{district}.xlsx", simple_sheet(district, [(f"{district}甲公司", 2), (f"{district}乙公司", 3)], total=5))
    settings_file(folder, '[fund]\nname = "测试资金"\nyear = 2024\ndistricts = ["高新区", "赫山区", "资阳区", "安化县"]\n')
    out = tmp_path / "out.xlsx"
    assert run("consolidate", str(folder), "-o", str(out)).exit_code == 0
    _f, values = workbook_values(out)
    order = ["高新区", "赫山区", "资阳区", "安化县"]
    detail = [r[0] for r in sheet_rows(values, "明细")[1:]]
    assert list(dict.fromkeys(detail)) == order
    report = [r[0] for r in sheet_rows(values, "报告") if r[0]]
    assert "向高新区、赫山区、资阳区、安化县8家企业分配扶持资金20万元" in report[2]
    headings = [text.removesuffix("项目资金实际使用情况：") for text in report if text.endswith("项目资金实际使用情况：")]
    assert headings == order
    summary = [r[0] for r in sheet_rows(values, "汇总")]
    assert [d for d in summary if d in order] == order
    # Each district's stated 合计 still sums its own lines, now that the lines moved.
    assert {r[5] for r in sheet_rows(values, "对账")[1:]} == {"一致"}


def _result(records: list[tuple[str, str, str]], cap: str | None = "100") -> Consolidation:
    """A consolidation of (name, category, amount) lines in 高新区, for the report's wording."""
    from xlfund.amounts import wan_to_fen
    from xlfund.model import Record

    lines = [Record("高新区", "file", name, category, wan_to_fen(Decimal(amount)), "", "其他", "", "高新区.xlsx", "Sheet1", i + 2, 2)
             for i, (name, category, amount) in enumerate(records)]
    settings = Settings(fund_name="测试资金", year=2024, cap=None if cap is None else Decimal(cap))
    return Consolidation(Path("."), settings, lines, [], [], [], [], dt.datetime(2024, 1, 1))


def test_the_overview_names_other_recipients_as_a_clerk_would():
    one = overview(_result([("甲公司", "企业", "40"), ("金湖村", "村（社区）", "10"), ("益阳市电子商务协会", "其他单位", "8")]))
    assert "其中向高新区1家企业分配扶持资金40万元，另安排10万元予金湖村，另安排8万元予益阳市电子商务协会。" in one
    assert "其他1个单位" not in one and "等1个" not in one
    more = overview(_result([("甲公司", "企业", "40"), ("协会甲", "其他单位", "5"), ("协会乙", "其他单位", "3"), ("金湖村", "村（社区）", "1"),
                             ("银湖村", "村（社区）", "1")]))
    assert "另安排2万元予金湖村等2个村（社区），另安排8万元予协会甲等2个单位。" in more


def test_remaining_and_usage_rate_are_the_consolidations_own_rounded_half_up():
    result = _result([("甲公司", "企业", "1")], cap="800")
    assert result.remaining == Decimal(799)
    assert result.usage_rate == Decimal("0.00125")
    assert result.usage_percent == Decimal("0.13")  # 0.125% half up, as Excel shows it (half to even gave 0.12)
    assert "资金使用率0.13%，结余799万元。" in overview(result)
    over = _result([("甲公司", "企业", "101")], cap="100")
    assert over.remaining == Decimal(-1) and "资金使用率101.00%，超出上限1万元。" in overview(over)
    none = _result([("甲公司", "企业", "1")], cap=None)
    assert none.remaining is None and none.usage_rate is None and none.usage_percent is None
    assert "资金使用率" not in overview(none) and "结余" not in overview(none)
    assert _result([("甲公司", "企业", "1")], cap="0").usage_rate is None  # no rate of a cap of 0
