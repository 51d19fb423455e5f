"""A new clerk's first-week slips with init, -o and big repeated lists: each made, each
answered with the exact outcome (exit code, key words, numbers), never a quiet wrong result."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import openpyxl
import pytest
from conftest import make_xlsx, run, run_json, simple_sheet

from xlfund.yearstart.settings_file import toml_string


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


# ---- findings that scale -------------------------------------------------------------------

def test_three_thousand_repeats_give_one_small_finding(tmp_path: Path):
    """A payment plan: one line per instalment. Before: one finding per line, each naming every
    other line (3,000 × 2,999 places); now one finding for the recipient."""
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)] * 3000 + [("乙公司", 2)]))
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    assert code == 0 and data["recipients"] == 3001 and data["total"] == "3002"
    dups = [i for i in data["issues"] if i["code"] == "duplicate-recipient"]
    assert len(dups) == 1
    message = dups[0]["message"]
    assert message.startswith("“甲公司”出现 3000 次（合计 3,000.00 万元）：")
    assert message.count("高新区.xlsx·Sheet1!") == 5 and "等 3000 处" in message
    assert len(json.dumps(data, ensure_ascii=False).encode()) < 20_000


# ---- -o and its extension ------------------------------------------------------------------

@pytest.mark.parametrize(("command", "given", "made"), [("consolidate", "汇总", "汇总.xlsx"), ("scorecard", "评分表", "评分表.xlsx"),
                                                        ("report", "使用情况", "使用情况.docx"), ("consolidate", "2025.汇总", "2025.汇总.xlsx")])
def test_an_output_without_extension_gets_it(sample: Path, tmp_path: Path, command: str, given: str, made: str):
    result = run(command, str(sample), "-o", str(tmp_path / given))
    assert result.exit_code == 0
    assert (tmp_path / made).exists() and not (tmp_path / given).exists()
    assert f"已生成：{tmp_path / made}" in result.stdout


@pytest.mark.parametrize(("command", "given", "right"), [("consolidate", "汇总.csv", "汇总.xlsx"), ("scorecard", "评分表.docx", "评分表.xlsx"),
                                                         ("report", "x.xlsx", "x.docx"), ("consolidate", "汇总.xls", "汇总.xlsx")])
def test_an_output_in_the_wrong_format_is_refused(sample: Path, tmp_path: Path, command: str, given: str, right: str):
    result = run(command, str(sample), "-o", str(tmp_path / given))
    assert result.exit_code == 2
    assert f"输出文件“{given}”的扩展名不对" in result.stderr and f"请改为 -o {right}" in result.stderr
    assert _files(tmp_path) == ["workbooks"] + [f"workbooks/{p.name}" for p in sorted(sample.iterdir())]


# ---- init ----------------------------------------------------------------------------------

def test_init_without_name_and_districts_asks_for_them_and_writes_nothing(tmp_path: Path):
    result = run("init", str(tmp_path / "新"))
    assert result.exit_code == 2
    assert "首次运行 init 需要给出资金名称（--name）和报送区县（-d" in result.stderr and "未生成任何文件" in result.stderr
    assert not (tmp_path / "新").exists()
    only_name = run("init", str(tmp_path / "新"), "--name", "电商资金")
    assert only_name.exit_code == 2 and "报送区县（-d" in only_name.stderr and "资金名称" not in only_name.stderr
    assert not (tmp_path / "新").exists()


def test_init_invents_no_figures_and_keeps_zero(tmp_path: Path):
    folder = tmp_path / "新"
    result = run("init", str(folder), "--name", "电商资金", "--year", "2025", "-d", "高新区", "--target", "0")
    assert result.exit_code == 0
    data = tomllib.loads((folder / "xlfund.toml").read_text(encoding="utf-8"))
    assert data["fund"]["target_recipients"] == 0
    assert "cap" not in data["fund"] and "plan" not in data["fund"]  # left to fill in, not 500
    assert data["fund"]["districts"] == ["高新区"] and data["scorecard"]["form"] == "2018"
    assert "尚未给出资金上限（--cap）、批复计划（--plan）" in result.stdout
    assert _files(folder) == ["xlfund.toml", "填报模板", "填报模板/填报模板-高新区.xlsx"]


def test_a_district_name_with_a_slash_writes_nothing(tmp_path: Path):
    folder = tmp_path / "新"
    result = run("init", str(folder), "--name", "电商资金", "-d", "赫山区", "-d", "高新/开发区")
    assert result.exit_code == 2
    assert "区县名称“高新/开发区”含有不能用于文件名或工作表名的字符：/" in result.stderr and "未生成任何文件" in result.stderr
    assert not folder.exists()


def test_a_failed_write_half_way_removes_what_init_made(tmp_path: Path, monkeypatch):
    folder = tmp_path / "新"
    calls = []

    def failing(path, settings, district):
        calls.append(district)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"form")

    monkeypatch.setattr("xlfund.yearstart.plan.write_submission_form_file", failing)
    result = run("init", str(folder), "--name", "电商资金", "-d", "高新区", "-d", "赫山区")
    assert result.exit_code == 2 and "磁盘空间不足" in result.stderr and "No space" not in result.stderr
    assert not folder.exists()


def test_a_second_init_says_what_it_kept_and_adds_districts(tmp_path: Path):
    folder = tmp_path / "年"
    assert run("init", str(folder), "--name", "电商资金", "--year", "2025", "--cap", "500", "-d", "高新区").exit_code == 0
    result = run("init", str(folder), "--name", "别的资金", "--cap", "600", "-d", "高新区", "-d", "赫山区")
    assert result.exit_code == 0
    out = result.stdout
    assert f"已更新：{folder / 'xlfund.toml'}" in out
    assert f"已生成：{folder / '填报模板' / '填报模板-赫山区.xlsx'}" in out
    assert f"已存在，未覆盖：{folder / '填报模板' / '填报模板-高新区.xlsx'}" in out
    assert "已加入区县：赫山区" in out
    assert "资金名称：保留设置文件中的“电商资金”，命令中的 --name 别的资金 未采用" in out
    assert "资金上限：保留设置文件中的“500”，命令中的 --cap 600 未采用" in out
    text = (folder / "xlfund.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["fund"]["districts"] == ["高新区", "赫山区"] and data["fund"]["cap"] == 500 and data["fund"]["name"] == "电商资金"
    assert "# 报送区县" in text  # the line's comment is kept


def test_init_form_2020_uses_the_2020_template_and_records_it(tmp_path: Path):
    folder = tmp_path / "年"
    result = run("init", str(folder), "--name", "电商资金", "-d", "高新区", "--form", "2020")
    assert result.exit_code == 0
    text = (folder / "xlfund.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["scorecard"]["form"] == "2020"
    assert '# "带动就业人数" = \n' in text  # a judged indicator of the 2020 form, offered for [scores]
    assert "到位率" not in text and "产出数量" not in text  # the 2018 form's computed indicators
    scores = text.split("[scores]")[1].split("[indicators]")[0]
    assert '"扶持企业和村（社区）数量" = \n' not in scores and '"平均每个单位扶持金额" = \n' not in scores
    assert "扶持企业和村（社区）数量、平均每个单位扶持金额 得分由数据按年度指标值计算，不用填写" in scores
    indicators = text.split("[indicators]")[1].split("[scorecard]")[0]
    assert '# "带动就业人数" = { target = "", actual = "", reason = "" }' in indicators
    assert '# "扶持企业和村（社区）数量" = { target = "" }   # 实际完成值由数据计算；不写 target 时取 target_recipients' in indicators
    assert '# goal = ""   # 预期目标' in text and "全年预算数" in text
    uncommented = "\n".join(line.removeprefix("# ") if "= {" in line or "goal =" in line else line for line in text.splitlines())
    data = tomllib.loads(uncommented)  # every example, uncommented, is a valid setting
    assert data["indicators"]["带动就业人数"] == {"target": "", "actual": "", "reason": ""} and data["scorecard"]["goal"] == ""


def test_a_second_init_edits_districts_in_a_file_full_of_comments_and_odd_spacing(tmp_path: Path):
    folder = tmp_path / "年"
    folder.mkdir()
    text = ('# 我的设置\n\n[fund]   # 资金\n  name = "电商资金"    # 名称\n\tyear=2025\ndistricts   =   [ "高新区" ]      # 区县名单\n'
            '# 下面是额度\n\n[quotas]\n"高新区" = 100   # 下达\n')
    (folder / "xlfund.toml").write_text(text, encoding="utf-8")
    assert run("init", str(folder), "-d", "赫山区").exit_code == 0
    after = (folder / "xlfund.toml").read_text(encoding="utf-8")
    assert after == text.replace('[ "高新区" ]', '["高新区", "赫山区"]')


def test_init_form_2020_without_its_template_falls_back_and_says_so(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("xlfund.scorecard.template.template_name", lambda form: "scorecard.xlsx" if form == "2018" else "none.xlsx")
    monkeypatch.chdir(tmp_path)
    result = run("init", str(tmp_path / "年"), "--name", "电商资金", "-d", "高新区", "--form", "2020")
    assert result.exit_code == 0 and "找不到 2020 年自评表表样（scorecard-2020.xlsx），已按 2018 年表样生成" in result.stdout
    assert tomllib.loads((tmp_path / "年" / "xlfund.toml").read_text(encoding="utf-8"))["scorecard"]["form"] == "2018"


def test_a_fund_name_with_quotes_gives_a_valid_settings_file(tmp_path: Path):
    folder = tmp_path / "年"
    assert run("init", str(folder), "--name", '电商"引导\\资金', "-d", "高新区").exit_code == 0
    assert tomllib.loads((folder / "xlfund.toml").read_text(encoding="utf-8"))["fund"]["name"] == '电商"引导\\资金'
    assert toml_string('a"b') == '"a\\"b"'
    form = openpyxl.load_workbook(folder / "填报模板" / "填报模板-高新区.xlsx")
    assert form.sheetnames[0] == "高新区"


# ---- the walkthrough: init, forms filled by a program, check, consolidate ------------------

def _fill_forms(folder: Path, filled: dict[str, list[tuple[str, float, str]]]) -> None:
    """Fill init's forms as a script would (openpyxl keeps the 合计 formula, drops its value),
    and put them beside 填报模板/ as the districts send them back."""
    for district, lines in filled.items():
        book = openpyxl.load_workbook(folder / "填报模板" / f"填报模板-{district}.xlsx")
        ws = book.worksheets[0]
        for i, (name, amount, purpose) in enumerate(lines):
            ws.cell(4 + i, 2, name), ws.cell(4 + i, 3, amount), ws.cell(4 + i, 4, purpose)
        book.save(folder / f"{district}.xlsx")


@pytest.fixture
def year(tmp_path: Path) -> Path:
    """A folder made by init for three districts, with their forms filled and sent back."""
    folder = tmp_path / "2025电商资金"
    assert run("init", str(folder), "--name", "电商资金", "--year", "2025", "--cap", "500", "--plan", "50", "--target", "5",
               "-d", "高新区", "-d", "赫山区", "-d", "资阳区").exit_code == 0
    _fill_forms(folder, {"高新区": [("益阳甲公司", 12, "平台运营"), ("益阳乙公司", 8.5, "快递设备")],
                         "赫山区": [("赫山丙公司", 20, "网店推广"), ("益阳甲公司", 5, "人才培训")],
                         "资阳区": [("资阳丁公司", 4.5, "冷链仓储")]})
    return folder


def test_the_total_formula_of_our_own_form_without_a_value_is_not_reported(year: Path):
    """Before: one warning per form about its own =SUM 合计 (no value stored by the script)."""
    code, data = run_json("consolidate", str(year), "-o", str(year.parent / "o.xlsx"))
    assert code == 0 and data["total"] == "50" and data["recipients"] == 5
    assert [i for i in data["issues"] if i["code"] == "stated-total-unreadable"] == []
    checked = run("check", str(year / "高新区.xlsx"))
    assert checked.exit_code == 0 and "高新区.xlsx：2 个单位，20.50 万元，未发现问题" in checked.stdout


def test_a_total_formula_over_part_of_the_lines_is_still_reported(tmp_path: Path):
    """Only a sum over every line it covers is equal by construction; =SUM(C3:C3) under two lines is not."""
    path = make_xlsx(tmp_path / "in" / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1), ("乙公司", 2)]) + [["合计", None, "=SUM(C3:C3)"]])
    book = openpyxl.load_workbook(path)
    book.active["C5"].data_type = "f"  # a formula, saved by openpyxl without a value
    book.save(path)
    code, data = run_json("consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "o.xlsx"))
    found = [(i["code"], i["cell"], i["parameters"]["reason"]) for i in data["issues"] if i["code"].startswith("stated-total")]
    assert found == [("stated-total-unreadable", "C5", "公式没有保存计算结果")]


def test_a_repeated_recipient_is_pointed_at_by_its_name(year: Path):
    code, data = run_json("consolidate", str(year), "-o", str(year.parent / "o.xlsx"))
    dup = next(i for i in data["issues"] if i["code"] == "duplicate-recipient")
    # At the name's cell of its first line, in the settings' district order (高新区 before 赫山区).
    assert (dup["file"], dup["sheet"], dup["cell"], dup["column"]) == ("高新区.xlsx", "高新区", "B4", "B")
    assert dup["message"] == "“益阳甲公司”出现 2 次（合计 17.00 万元）：高新区 高新区.xlsx·高新区!B4；赫山区 赫山区.xlsx·赫山区!B5"


def test_over_the_cap_reads_as_three_figures_each_named(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 149_938.75)]))
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"), "--cap", "300")
    over = next(i for i in data["issues"] if i["code"] == "over-cap")
    assert over["message"] == "分配合计 149,938.75 万元，超出资金上限 300.00 万元，超出 149,638.75 万元"


def test_a_missing_setting_is_named_as_the_clerk_finds_it_in_the_file(tmp_path: Path):
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 5)], total=5))
    (folder / "xlfund.toml").write_text('[fund]\nname = "电商资金"\n', encoding="utf-8")
    code, data = run_json("consolidate", str(folder), "-o", str(tmp_path / "o.xlsx"))
    missing = {i["parameters"]["setting"]: i["message"] for i in data["issues"] if i["code"] == "setting-missing"}
    assert missing["fund.plan"].startswith("设置文件 [fund] 的 plan（批复计划）没有填写，")
    assert missing["fund.target_recipients"].startswith("设置文件 [fund] 的 target_recipients（绩效目标单位数）没有填写，")
    assert all("“fund." not in m for m in missing.values())


def test_every_setting_named_in_a_message_has_its_one_chinese_name():
    """One mapping from key to Chinese name: every key the settings know has one, and the
    catalogue's templates that spell a key out use the same name."""
    import re

    from xlfund.findings import KINDS
    from xlfund.settings import KNOWN_KEYS
    from xlfund.vocab import SETTING_NAMES, setting_words

    keys = {f"{section}.{key}" for section, names in KNOWN_KEYS.items() for key in (names or ())} | {s for s, n in KNOWN_KEYS.items() if n is None}
    assert keys <= set(SETTING_NAMES), keys - set(SETTING_NAMES)
    for kind in KINDS.values():
        for key, name in re.findall(r"([a-z_]+)\]?（([^）]+)）", kind.template):
            assert any(k.endswith(key) and SETTING_NAMES[k] == name for k in SETTING_NAMES), (kind.code, key, name)
    assert setting_words("quotas") == "设置文件的 [quotas]（各区县下达额度）"


def test_a_carried_score_tells_the_command_it_came_from_how_to_save_it(tmp_path: Path):
    """README: --save-scores works with consolidate too; the note said only scorecard."""
    folder = tmp_path / "in"
    make_xlsx(folder / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 5)], total=5))
    out = tmp_path / "o.xlsx"
    run("consolidate", str(folder), "-o", str(out))
    book = openpyxl.load_workbook(out)
    book["评分表"]["E4"] = 4
    book.save(out)
    code, data = run_json("consolidate", str(folder), "-o", str(out))
    kept = next(i for i in data["issues"] if i["code"] == "score-kept-from-output")
    assert kept["message"].endswith("已沿用；在生成它的命令后加 --save-scores 可写入设置文件")
