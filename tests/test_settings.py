"""xlfund.toml as a clerk writes it in the first week: every slip gets a clear Chinese answer."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import make_xlsx, run, settings_file, simple_sheet

from xlfund.settings import EXCEL_MAX_ROWS, Settings, SettingsError, load_settings, parse_settings

CJK = re.compile(r"[\u4e00-\u9fff]")


def _load(tmp_path: Path, text: str) -> Settings:
    settings_file(tmp_path, text)
    return load_settings(tmp_path)


def _error(tmp_path: Path, text: str) -> str:
    settings_file(tmp_path, text)
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    message = str(caught.value)
    assert "xlfund.toml" in message
    return message


# --- Types: every setting checked, the message shows the right form ---------------------------

def test_districts_as_one_string_is_refused_with_the_list_form(tmp_path: Path):
    message = _error(tmp_path, '[fund]\nname = "电商资金"\ndistricts = "高新区 赫山区 资阳区"\n')
    assert "第 3 行" in message
    assert 'districts 应为列表，例如 districts = ["高新区", "赫山区"]' in message
    assert 'districts = ["高新区", "赫山区", "资阳区"]' in message  # the corrected line


def test_districts_run_together_inside_the_list_are_refused(tmp_path: Path):
    message = _error(tmp_path, '[fund]\ndistricts = ["高新区 赫山区"]\n')
    assert "写在了一起" in message and 'districts = ["高新区", "赫山区"]' in message


def test_name_must_be_text(tmp_path: Path):
    message = _error(tmp_path, "[fund]\nname = 2018\n")
    assert "name 应为文字" in message and 'name = "' in message and "第 2 行" in message


@pytest.mark.parametrize("year", ["1890", "2200", '"2018"', "2018.5"])
def test_year_is_an_integer_between_1990_and_2100(tmp_path: Path, year: str):
    message = _error(tmp_path, f"[fund]\nyear = {year}\n")
    assert "year 应为整数年份（1990–2100" in message and "year = 2025" in message


@pytest.mark.parametrize(("key", "value"), [("cap", '"五百"'), ("cap", "-1"), ("plan", "true"), ("cap", "inf")])
def test_money_is_a_non_negative_number_in_wan(tmp_path: Path, key: str, value: str):
    message = _error(tmp_path, f"[fund]\n{key} = {value}\n")
    assert f"{key} 应为数字（万元" in message and f"现在是 {value}" in message


def test_booleans_are_not_numbers(tmp_path: Path):
    message = _error(tmp_path, '[fund]\ntarget_recipients = true\n[quotas]\n"高新区" = false\n')
    assert "2 处需要修改" in message
    assert "target_recipients 应为不小于 0 的整数" in message and "现在是 true" in message
    assert "“高新区”的额度应为数字（万元" in message and "现在是 false" in message


def test_target_recipients_zero_stays_zero(tmp_path: Path):
    assert _load(tmp_path, "[fund]\ntarget_recipients = 0\n").target_recipients == 0
    message = _error(tmp_path, "[fund]\ntarget_recipients = -3\n")
    assert "target_recipients 应为不小于 0 的整数" in message


def test_quotas_are_a_table_of_district_to_number(tmp_path: Path):
    message = _error(tmp_path, '[quotas]\n"高新区" = "204万"\n')
    assert "[quotas] 中“高新区”的额度应为数字（万元" in message and '"高新区" = 204' in message
    assert "quotas 应为一节" in _error(tmp_path, "quotas = 204\n")


def test_scores_are_numbers_in_points_not_wan(tmp_path: Path):
    message = _error(tmp_path, '[scores]\n"目标内容" = "四"\n')
    assert "“目标内容”的自评分应为数字（分" in message and '"目标内容" = 4' in message
    assert "万元" not in message


def test_categories_are_lists_of_keywords(tmp_path: Path):
    message = _error(tmp_path, '[categories]\n"推广营销" = "推广"\n')
    assert "“推广营销”应为关键词列表" in message and '"推广营销" = ["推广", "宣传"]' in message
    assert "空的关键词" in _error(tmp_path, '[categories]\n"推广营销" = ["推广", ""]\n')


def test_computed_names_a_known_source(tmp_path: Path):
    message = _error(tmp_path, '[scorecard.computed]\n"到位率" = "rate"\n')
    assert '只能是 "funding_rate" 或 "recipient_count"' in message and "第 2 行" in message


def test_detail_max_rows_within_excel_limits(tmp_path: Path):
    for value in ("0", str(EXCEL_MAX_ROWS), '"100"'):
        message = _error(tmp_path, f"[output]\ndetail_max_rows = {value}\n")
        assert f"detail_max_rows 应为 1 到 {EXCEL_MAX_ROWS - 1} 之间的整数" in message
    assert _load(tmp_path, "[output]\ndetail_max_rows = 20\n").detail_max_rows == 20


def test_unit_is_wan_or_yuan(tmp_path: Path):
    assert 'unit 只能是 "万元" 或 "元"' in _error(tmp_path, '[fund]\nunit = "千元"\n')
    assert _load(tmp_path, '[fund]\nunit = "元"\n').default_unit == "元"


def test_good_settings_load_as_before(tmp_path: Path):
    settings = _load(tmp_path, (Path(__file__).parent.parent / "workbooks" / "xlfund.toml").read_text(encoding="utf-8"))
    assert settings.cap == Decimal(500) and settings.plan == Decimal(490) and settings.target_recipients == 59
    assert settings.districts == ("高新区", "赫山区", "资阳区", "安化县") and settings.quotas["高新区"] == Decimal(204)
    assert settings.scores["目标内容"] == Decimal(4) and settings.warnings == ()
    assert parse_settings({"fund": {"cap": 12}}, source="x.toml").cap == Decimal(12)


# --- Unknown keys and sections: warnings with the closest known name ---------------------------

def _shown(warnings) -> list[tuple[str, str, str]]:
    """(file, line, message) of each settings finding, as the terminal and 问题 show them."""
    return [(w.file, w.cell, w.message) for w in warnings]


def test_unknown_key_is_a_warning_with_the_closest_known_key(tmp_path: Path):
    settings = _load(tmp_path, '[fund]\nname = "电商资金"\ncpa = 500\n')
    assert _shown(settings.warnings) == [("xlfund.toml", "第 3 行", "未知的设置项 cpa，是不是 cap？此项未生效。")]
    assert settings.cap is None


def test_unknown_section_is_a_warning(tmp_path: Path):
    settings = _load(tmp_path, '# 设置\n[fnd]\nname = "电商资金"\n')
    assert _shown(settings.warnings) == [("xlfund.toml", "第 2 行", "未知的设置节 [fnd]，是不是 [fund]？此节未生效。")]


def test_key_in_the_wrong_place_says_where_it_belongs(tmp_path: Path):
    settings = _load(tmp_path, 'cap = 500\n[fund]\ndetail_max_rows = 5\n')
    assert _shown(settings.warnings) == [
        ("xlfund.toml", "第 1 行", "设置项 cap 写在了所有节的前面，应写在 [fund] 之下；此项未生效。"),
        ("xlfund.toml", "第 3 行", "设置项 detail_max_rows 写在了 [fund] 中，应写在 [output] 之下；此项未生效。"),
    ]
    assert settings.warnings[0].as_dict()["line"] == 1


def test_quota_for_a_district_not_in_the_list_is_a_warning(tmp_path: Path):
    settings = _load(tmp_path, '[fund]\ndistricts = ["高新区", "高新区", "赫山区"]\n[quotas]\n"高新" = 3\n')
    assert settings.districts == ("高新区", "赫山区")
    assert ("xlfund.toml", "第 4 行", "[quotas]（各区县下达额度）中的“高新”不在 [fund] 的 districts（区县名单）中，是不是“高新区”？") in _shown(settings.warnings)
    assert ("xlfund.toml", "第 2 行", "[fund] 的 districts（区县名单）中“高新区”写了不止一次，只计一次。") in _shown(settings.warnings)


# --- TOML syntax errors: Chinese, with the line, the cause and the fix -------------------------

def test_full_width_quotes_are_named_and_the_line_corrected(tmp_path: Path):
    message = _error(tmp_path, '[fund]\nyear = 2025\nname = “电商资金”   # 名称\n')
    assert "第 3 行格式有误" in message and "中文（全角）符号 “ ”" in message
    assert "第 3 行：name = “电商资金”   # 名称" in message  # the line as written
    assert '可改为：name = "电商资金"   # 名称' in message


@pytest.mark.parametrize(("line", "symbol", "fixed"), [
    ('districts = ["高新区"，"赫山区"]', "，", 'districts = ["高新区","赫山区"]'),
    ("cap：500", "：", "cap=500"),
    ("cap ＝ 500", "＝", "cap = 500"),
    ('districts = ［"高新区"］', "［ ］", 'districts = ["高新区"]'),
])
def test_other_full_width_punctuation(tmp_path: Path, line: str, symbol: str, fixed: str):
    message = _error(tmp_path, f"[fund]\n{line}\n")
    assert "第 2 行格式有误" in message and f"全角）符号 {symbol}" in message and f"可改为：{fixed}" in message


def test_chinese_numerals_as_a_value(tmp_path: Path):
    message = _error(tmp_path, '[fund]\nname = "电商资金"\ncap = 五百\n')
    assert "第 3 行格式有误：cap 的值“五百”是中文数字" in message and "第 3 行：cap = 五百" in message
    assert "阿拉伯数字（以万元计）" in message and "cap = 500" in message


def test_key_without_a_value(tmp_path: Path):
    message = _error(tmp_path, "[fund]\ncap =      # 资金上限\nplan = 490\n")
    assert "第 2 行格式有误：cap 的等号后面没有填写值" in message and "第 2 行：cap =      # 资金上限" in message
    assert "例如 cap = 500" in message and "删除这一行" in message


def test_uncommented_score_without_a_value(tmp_path: Path):
    message = _error(tmp_path, '[scores]\n"目标内容" = \n')
    assert "“目标内容” 的等号后面没有填写值" in message and '例如 "目标内容" = 4' in message


def test_unquoted_chinese_text_value(tmp_path: Path):
    message = _error(tmp_path, "[fund]\nname = 电商资金\n")
    assert "第 2 行格式有误：name 的值“电商资金”是文字，但没有加引号" in message
    assert '可改为：name = "电商资金"' in message


def test_unquoted_items_in_a_list_and_unquoted_chinese_key(tmp_path: Path):
    assert 'districts = ["高新区", "赫山区"]' in _error(tmp_path, "[fund]\ndistricts = [高新区, 赫山区]\n")
    message = _error(tmp_path, "[quotas]\n高新区 = 204\n")
    assert "名称“高新区”含有中文，要加英文双引号" in message and '可改为："高新区" = 204' in message


def test_number_with_a_unit(tmp_path: Path):
    message = _error(tmp_path, "[fund]\ncap = 500万元\n")
    assert "在数字后面写了“万元”" in message and "可改为：cap = 500" in message


def test_unclosed_list_points_at_the_line_it_began(tmp_path: Path):
    message = _error(tmp_path, '[fund]\ndistricts = ["高新区", "赫山区"\n\n[quotas]\n"高新区" = 1\n')
    assert "第 2 行格式有误：列表的方括号 [ ] 没有配对" in message and '第 2 行：districts = ["高新区", "赫山区"' in message


def test_error_at_end_of_document(tmp_path: Path):
    message = _error(tmp_path, '[fund]\ndistricts = ["高新区", "赫山区"')
    assert "第 2 行格式有误" in message and "右方括号" in message


def test_double_brackets_are_refused(tmp_path: Path):
    assert "[fund] 应只用一对方括号，现在写成了 [[fund]]" in _error(tmp_path, '[[fund]]\nname = "电商资金"\n')


def test_other_syntax_errors_are_translated(tmp_path: Path):
    assert "第 3 行格式有误：同一个设置项写了两次" in _error(tmp_path, "[fund]\ncap = 1\ncap = 2\n")
    assert "第 1 行格式有误：节名缺少右方括号" in _error(tmp_path, "[fund\nname = 1\n")
    assert "引号没有配对" in _error(tmp_path, '[fund]\nname = "电商资金\n')


# --- No English sentence reaches the clerk ----------------------------------------------------

BAD_SETTINGS = [
    '[fund]\ndistricts = "高新区 赫山区"\n', "[fund]\ncap = true\n", "[fund]\nyear = 1890\n", '[scores]\n"目标内容" = "四"\n',
    '[categories]\n"a" = "b"\n', '[scorecard.computed]\n"到位率" = "x"\n', "[output]\ndetail_max_rows = 0\n", "fund = 1\n",
    '[fund]\nname = “电商资金”\n', "[fund]\ncap = 五百\n", "[fund]\ncap =\n", "[fund]\nname = 电商资金\n",
    "[fund]\ncap = 1\ncap = 2\n", "[fund\n", 'a = "x\\q"\n', "a = 1 b\n", "a = {b = 1\n", "a = 2025-13-01\n", "[[fund]]\n",
]


@pytest.mark.parametrize("text", BAD_SETTINGS)
def test_every_error_is_in_chinese(tmp_path: Path, text: str):
    message = _error(tmp_path, text)
    for line in message.splitlines():
        assert CJK.search(line), f"English-only line: {line!r}"
    assert "Invalid" not in message and "Unclosed" not in message and "Expected" not in message


def test_every_warning_is_in_chinese(tmp_path: Path):
    settings = _load(tmp_path, 'x = 1\n[fnd]\n[fund]\ncpa = 1\nzzz = 2\n[output]\nrows = 3\n[scorecard]\ncomputd = 1\n')
    assert len(settings.warnings) == 6
    assert all(CJK.search(w.message) for w in settings.warnings)


# --- The command line ---------------------------------------------------------------------------

def test_consolidate_with_districts_as_a_string_exits_2_in_chinese(tmp_path: Path):
    make_xlsx(tmp_path / "高新区.xlsx", simple_sheet("高新区", [("甲公司", 1)]))
    settings_file(tmp_path, '[fund]\nname = "电商资金"\ndistricts = "高新区 赫山区"\n')
    result = run("consolidate", str(tmp_path), "-o", str(tmp_path / "汇总.xlsx"))
    assert result.exit_code == 2
    assert "错误：" in result.stderr and "第 3 行" in result.stderr
    assert 'districts 应为列表，例如 districts = ["高新区", "赫山区"]' in result.stderr
    assert not (tmp_path / "汇总.xlsx").exists()
