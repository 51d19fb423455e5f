"""The commented xlfund.toml that `init` writes, in Chinese, built with tomlkit (so every value
is quoted and escaped as TOML wants it) and made for the scorecard form chosen.

Nothing is invented: a figure that was not given (cap, plan, target) is a commented line to
fill in, and the indicators are listed by what the clerk must give for them: a score for the
judged ones, a 年度指标值 for the 2020 form's, never a score for one the data computes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import tomlkit

from xlfund.settings import Settings
from xlfund.vocab import DEFAULT_PURPOSE_GROUPS


@dataclass(frozen=True)
class IndicatorLine:
    """An indicator of the chosen form, as the settings file lists it."""

    name: str
    computed: bool  # its score (2018) or its 实际完成值 (2020) comes from the data
    counts_recipients: bool = False  # 2020: answered by the recipient count, target from target_recipients


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    return tomlkit.string(text).as_string()


def _figure(table, key: str, value: Decimal | int | None, meaning: str) -> None:
    """`cap = 500  # …`, or `# cap =  # … 请填写` when not given (0 stays 0)."""
    if value is None:
        table.add(tomlkit.comment(f"{key} =                       # {meaning}。尚未填写：填上数字后删除行首的 #"))
        return
    if isinstance(value, Decimal):  # 500 stays 500, 39.75 stays 39.75
        table.add(key, int(value) if value == value.to_integral_value() else float(format(value, "f")))
    else:
        table.add(key, value)
    table[key].comment(meaning)


def settings_text(settings: Settings, indicators: list[IndicatorLine], scorecard_form: str = "2018") -> str:
    """A commented xlfund.toml for a new folder; values from `settings`, nothing invented."""
    form2020 = scorecard_form == "2020"
    year = settings.year or dt.date.today().year
    doc = tomlkit.document()
    doc.add(tomlkit.comment(f"{year}年{settings.fund_name} 设置文件（金额单位：万元）"))
    doc.add(tomlkit.comment("用记事本或任何文本编辑器修改；“#”后面是说明，不影响程序。"))
    doc.add(tomlkit.nl())
    fund = tomlkit.table()
    fund.add("name", settings.fund_name)
    fund["name"].comment("资金名称，出现在汇总表和评分表标题中")
    fund.add("year", year)
    fund["year"].comment("年度")
    _figure(fund, "cap", settings.cap, "资金上限（万元）：当年安排的资金总额")
    counted = next((i.name for i in indicators if i.counts_recipients), "受助单位数量")
    _figure(fund, "plan", settings.plan, "批复计划（万元）：自评表的全年预算数，用于预算执行率" if form2020
            else "批复计划（万元）：计划到位资金，用于“到位率”")
    _figure(fund, "target_recipients", settings.target_recipients, f"绩效目标：计划扶持的单位个数，即“{counted}”的年度指标值"
            if form2020 else "绩效目标：计划扶持的单位个数，用于“产出数量”")
    fund.add("districts", settings.districts and list(settings.districts) or [])
    fund["districts"].comment("报送区县，每个区县会生成一份填报模板")
    doc.add("fund", fund)

    quotas = tomlkit.table()
    quotas.comment("各区县下达额度（可选，删除即不核对）")
    for district in settings.districts:
        if district in settings.quotas:
            quotas.add(district, float(settings.quotas[district]))
        else:
            quotas.add(tomlkit.comment(f"{toml_string(district)} = "))
    doc.add("quotas", quotas)

    scores = tomlkit.table()
    scores.comment("需要评审判断的指标自评分（0 到分值），按评分表中的指标名称填写")
    computed = [i.name for i in indicators if i.computed]
    if computed:
        what = "得分由数据按年度指标值计算" if form2020 else "由数据自动计算"
        scores.add(tomlkit.comment("、".join(computed) + f" {what}，不用填写。"))
    for line in indicators:
        if not line.computed:
            scores.add(tomlkit.comment(f"{toml_string(line.name)} = "))
    doc.add("scores", scores)

    if form2020:
        doc.add("indicators", _indicators_table(indicators))
    scorecard = tomlkit.table()
    scorecard.add("form", scorecard_form)
    scorecard["form"].comment('自评表表样："2018"（templates/scorecard.xlsx）或 "2020"（templates/scorecard-2020.xlsx）')
    if form2020:
        for key, label in (("goal", "预期目标"), ("achieved", "实际完成情况"), ("department", "主管部门"),
                           ("implementer", "实施单位"), ("reporter", "填报单位")):
            scorecard.add(tomlkit.comment(f'{key} = ""   # {label}（自评表中的文字；也可以直接在评分表黄色单元格中填写）'))
    doc.add("scorecard", scorecard)

    categories = tomlkit.table()
    categories.comment("资金用途分类：依次匹配关键词，先匹配到的为准")
    for name, words in DEFAULT_PURPOSE_GROUPS.items():
        categories.add(name, list(words))
    doc.add("categories", categories)
    return tomlkit.dumps(doc)


def _indicators_table(indicators: list[IndicatorLine]):
    """[indicators] of the 2020 form: each indicator's line to fill in, commented."""
    table = tomlkit.table()
    table.comment("2020 年自评表各指标：target 年度指标值（如 \"≥90%\" \"≤10万元\" \"按时完成\"），"
                  "actual 实际完成值（数字按年度指标值的单位，95 即 95%），reason 偏差原因")
    for line in indicators:
        if line.counts_recipients:
            table.add(tomlkit.comment(f"{toml_string(line.name)} = {{ target = \"\" }}   # 实际完成值由数据计算；不写 target 时取 target_recipients"))
        elif line.computed:
            table.add(tomlkit.comment(f"{toml_string(line.name)} = {{ target = \"\" }}   # 实际完成值由数据计算"))
        else:
            table.add(tomlkit.comment(f"{toml_string(line.name)} = {{ target = \"\", actual = \"\", reason = \"\" }}"))
    return table
