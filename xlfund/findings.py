"""The catalogue of findings: every problem the tool can report, with a stable code."""

from __future__ import annotations

import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from xlfund.amounts import format_wan
from xlfund.vocab import setting_words

CENT = Decimal("0.01")


class Severity(StrEnum):
    """How much a finding matters (the value is what the clerk reads)."""

    ERROR = "错误"
    WARNING = "警告"
    INFO = "提示"


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Kind:
    code: str
    severity: Severity
    template: str  # Chinese message, str.format() with the finding's details
    description: str  # what it means, for README and the 问题 sheet's readers
    money: tuple[str, ...] = ()  # details that are amounts in 万元: shown as 250,222.00
    signed: tuple[str, ...] = ()  # signed differences: shown as “多 128.00” / “少 128.00”
    settings: tuple[str, ...] = ()  # settings keys ("fund.plan"): shown as 设置文件 [fund] 的 plan（批复计划）
    title: str = ""  # a short Chinese name, shown before the code (问题 sheet)


_KINDS = [
    # Files
    Kind("file-unreadable", ERROR, "无法读取此文件：{reason}。请用 Excel 或 WPS 打开后另存为 .xlsx 再放入文件夹", "文件损坏、被截断或不是表格。", title="文件无法读取"),
    Kind("file-encrypted", ERROR, "此文件设有打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存，再放入文件夹", "加密的工作簿。", title="文件已加密"),
    Kind("file-empty", ERROR, "文件为空（0 字节），请向报送单位重新索取", "空文件。", title="空文件"),
    Kind("file-too-large", ERROR, "文件解压后过大（{size}），疑似压缩炸弹，已拒绝读取", "压缩包声明的解压大小超出上限。", title="文件过大"),
    Kind("file-unsafe-xml", ERROR, "文件含有不安全的 XML 内容（{reason}），已拒绝读取", "XML 实体扩展或外部实体。", title="不安全的文件内容"),
    Kind("file-unsafe-path", ERROR, "压缩包中的这个文件路径指向包外（{reason}），已拒绝读取", "压缩包中的 ../ 或绝对路径。", title="不安全的文件路径"),
    Kind("file-skipped", INFO, "已跳过：{reason}", "锁文件、系统文件、本工具生成的汇总表等不作为数据读取。", title="文件已跳过"),
    Kind("file-duplicate", WARNING, "与“{other}”内容完全相同（SHA-256 一致），未重复计入", "同一份报表放了两次。", title="重复的文件"),
    Kind("file-renamed-format", INFO, "文件扩展名为 {ext}，实际是 {actual} 格式，已按实际格式读取", "网页系统导出的“Excel”。", title="扩展名与格式不符"),
    Kind("sheet-skipped", INFO, "已跳过工作表：{reason}", "隐藏或空白的工作表。", title="工作表已跳过"),
    Kind("sheet-working-copy", WARNING, "这张工作表{why}，其各行与“{other}”{how}，视为测算底稿或副本，未计入（以“{other}”为准）", "与另一工作表重复的测算表、副本或隐藏表不计入。", title="测算表或副本未计入"),
    Kind("sheet-repeats", ERROR, "这张工作表的单位与“{other}”大多相同，无法判断哪一张是最终数字，暂只计入“{other}”（本表 {count} 个单位未计入）。请删去多余的工作表，或在 xlfund.toml 的 [sheets] skip 中写明不计入的工作表名；如两张表是两批拨付、都应计入，请把工作表名改为“第一批”“第二批”", "同一文件中两张工作表重复，无法判断以哪张为准。", title="两张工作表重复"),
    Kind("sheet-other-fund", WARNING, "{why}，本表 {count} 个单位未计入（同一文件中另有本资金的工作表）", "同一文件中另一项资金或另一年度的工作表不计入。", title="另一资金或年度的表"),
    Kind("sheet-fund-unclear", ERROR, "同一文件中{said}，设置文件没有写明本资金的名称，无法判断哪张表是本资金的，本表 {count} 个单位暂未计入。请在设置文件 [fund] 的 name 中写明资金名称，或删去不属于本资金的工作表", "设置中没有资金名称，同一文件的工作表写的资金不同。", title="资金名称不明"),
    Kind("file-other-fund", ERROR, "{why}，本表 {count} 个单位未计入。请核对是否放错了文件；如确属本资金，请改正标题", "文件的标题是另一项资金或另一年度。", title="文件是另一资金或年度"),
    Kind("sheet-hidden-old", WARNING, "这是隐藏的工作表，名称或标题写明“{word}”，视为旧版或底稿，其中 {count} 个单位（{amount} 万元）未计入；如应计入，请取消隐藏并改名", "隐藏、且名为旧版、测算等的工作表不计入。", money=("amount",), title="隐藏的旧版工作表"),
    Kind("sheet-hidden-with-money", ERROR, "这是隐藏的工作表，其中有 {count} 个单位（{amount} 万元），未计入。如应计入，请取消隐藏；不应计入，请删除该表", "隐藏的工作表中有金额，且不与其他工作表重复。", money=("amount",), title="隐藏工作表中有金额"),
    Kind("sheet-skipped-by-settings", INFO, "按设置文件 [sheets] skip 未计入（{count} 个单位）", "设置中写明不计入的工作表。", title="按设置不计入的工作表"),
    Kind("header-not-found", ERROR, "找不到表头（需要“单位名称”和“金额”等列），本表 {rows} 行未能读取。表中前几行的文字：{seen}", "工作表没有可识别的表头。", title="找不到表头"),
    Kind("lines-after-total", ERROR, "第 {rows} 行在第 {total_row} 行的合计之后，不在任何合计之内（{count} 个单位，{amount} 万元，已计入）。请核对：应计入的请移到合计之上并更正合计，不应计入的请删除", "合计之后还有单位行，报送单位自己的合计不包括它们。", money=("amount",), title="合计之后还有单位"),
    Kind("amount-columns-side-by-side", ERROR, "有几列表头相同：{columns}，像是左右并排的几张表，无法只取其中一列，本表未计入。请把并排的表改为上下排列（每行一个单位），或分到几张工作表", "表头相同的几列金额：左右并排的表。", title="左右并排的表"),
    Kind("amount-column-ambiguous", ERROR, "有几列都像是分配金额：{columns}，无法确定取哪一列，本表未计入。请在 xlfund.toml 中写明，例如 [columns] amount = \"{example}\"", "几列金额无法区分（如两批拨付），需在设置中指定。", title="金额列无法确定"),
    Kind("total-under-other-column", ERROR, "{label}行的金额写在 {column}之下（{amount} 万元），而取作分配金额的是 {taken}，其合计为空：请核对哪一列是分配金额，必要时在 xlfund.toml 中写明 [columns] amount", "合计写在未采用的列之下：金额列可能取错了。", money=("amount",), title="合计在另一列"),
    Kind("amount-parts-mismatch", ERROR, "金额 {amount} 万元，各来源分项之和为 {parts} 万元，比金额{diff} 万元，请核对", "按来源拆分的金额（省级、市级…）与合计列不符。",
         money=("amount", "parts"), signed=("diff",), title="分项之和不符"),
    # Rows
    Kind("unit-not-money", ERROR, "{source}写明的单位是“{written}”，不是金额单位（元、千元、万元、百万元、亿元），本表未计入。请确认这是不是资金分配表，是的话把单位改为金额单位", "表格的单位是笔、户、个等数量单位或无法识别：不是资金分配表，或单位写错。", title="单位不是金额"),
    Kind("unit-conflict", ERROR, "金额单位说法不一：{said}；暂按{source}读作{unit}，请删去或改正错的一处", "表头、单位行和标题写的金额单位不同（差几十、上万倍）。", title="金额单位不一致"),
    Kind("rows-unaccounted", ERROR, "有 {count} 行有内容却没有被读取（第 {rows} 行），既不是记录，也不是表头、合计或注释，未计入。请核对这些行，并把表格报告给维护人员", "逐行核对：有内容的行都应有归属（程序自查，出现即说明读取有遗漏）。", title="有内容的行未读取"),
    Kind("line-status-unclear", ERROR, "“{name}”（{amount} 万元）的“{text}”提到“{word}”，无法判断这一行是否作废，暂已计入。请核对：已取消的请删除此行（或备注只写“已取消”），仍应计入的请改写备注", "备注或状态较长，提到取消、收回等，无法判断这一行是否作废。", money=("amount",), title="备注是否作废不明"),
    Kind("line-cancelled", WARNING, "“{name}”（{amount} 万元）的“{text}”写明{word}，此行未计入；如仍应计入，请删去这几个字", "备注或状态简短写明取消、作废、退回、放弃、暂缓、不予、收回等的行不计入。", money=("amount",), title="已取消的行"),
    Kind("line-struck", WARNING, "“{name}”（{amount} 万元）这一行加了删除线，视为已删去，未计入；如仍应计入，请去掉删除线", "加删除线的行不计入。", money=("amount",), title="删除线的行"),
    Kind("line-hidden", WARNING, "“{name}”（{amount} 万元）在隐藏行中，视为已删去，未计入；如仍应计入，请取消隐藏", "隐藏行中的单位不计入（表内合计不符时另有错误）。", money=("amount",), title="隐藏的行"),
    Kind("name-is-header-word", ERROR, "单位名称一栏是表头词“{name}”，不是单位，此行未计入。表格可能是横排的（每列一个单位）：请改为每行一个单位、金额在同一列", "单位名称一栏写的是“金额”“资金用途”等表头词：表格可能横排。", title="单位名称是表头词"),
    Kind("name-is-number", ERROR, "单位名称是数字“{name}”，不是单位，此行未计入", "单位名称一栏是数字（编号、数量），不是受助单位。", title="单位名称是数字"),
    Kind("file-not-allocation", ERROR, "这个文件不像资金分配表：{evidence}，整个文件未计入。请核对是否放错了文件", "大多数“单位名称”是数字、或大多数行无法读取：不是资金分配表，整个文件不计入（不逐行报错）。", title="不是资金分配表"),
    Kind("amount-unparseable", ERROR, "金额无法识别：{reason}", "金额单元格不是可识别的金额，此行未计入。", title="金额无法识别"),
    Kind("amount-missing", ERROR, "“{name}”没有金额，此行未计入", "有单位名称但金额为空。", title="缺少金额"),
    Kind("amount-not-positive", ERROR, "“{name}”的金额为 {amount} 万元，应为正数，此行未计入", "金额为零或负数。", money=("amount",), title="金额不是正数"),
    Kind("amount-formula-no-value", ERROR, "金额是公式但没有保存计算结果，此行未计入。请在 Excel/WPS 中打开并保存后重新报送", "由脚本生成、未经计算的公式。", title="公式没有结果"),
    Kind("amount-error-value", ERROR, "金额单元格是错误值（{value}），此行未计入", "#REF!、#N/A 等错误值。", title="金额是错误值"),
    Kind("name-missing", ERROR, "有金额 {amount} 但没有单位名称，此行未计入", "金额有值但单位名称为空。", title="缺少单位名称"),
    Kind("amount-sheet-in-yuan", ERROR, "本表金额的中位数为 {median} 万元（每个单位超过 1 亿元），疑似整表按元填写（应为 {guess} 万元左右？）。请核对金额单位，在表头写明“金额（元）”或改为万元", "整张表的金额疑似按元填写在万元栏中。", money=("median", "guess"), title="整表疑似按元填写"),
    Kind("amount-sheet-in-wan", ERROR, "本表金额的中位数只有 {median} 万元（每个单位不到 100 元），疑似表头写“元”而金额按万元填写（应为 {guess} 万元左右？）。请核对金额单位", "整张表的金额疑似按万元填写在元栏中。",
         money=("guess",), title="整表疑似按万元填写"),
    Kind("amount-over-cap-line", ERROR, "“{name}”的金额 {amount} 万元超过整个资金上限 {cap} 万元，疑似按元填写（应为 {guess} 万元？）", "单个单位的金额超过资金上限。", money=("amount", "cap", "guess"), title="单笔超过资金上限"),
    Kind("amount-over-limit-line", ERROR, "“{name}”的金额 {amount} 万元超过 1000 万元，疑似按元填写（应为 {guess} 万元？）。请核对；金额无误时，在设置文件中写明资金上限 cap，即按上限检查", "没有设置资金上限时，单个单位超过 1000 万元。", money=("amount", "guess"), title="单个金额超过千万元"),
    Kind("amount-over-limit-lines", ERROR, "本表有 {count} 个单位的金额超过 1000 万元（第 {rows} 行，最大 {largest} 万元），疑似按元填写。请核对；金额无误时，在设置文件中写明资金上限 cap，即按上限检查", "没有设置资金上限时，一张表中有几个单位超过 1000 万元。", money=("largest",), title="多个金额超过千万元"),
    Kind("amount-sheet-large-no-cap", ERROR, "本表金额的中位数为 {median} 万元（每个单位超过 1000 万元），而设置文件中没有资金上限，无法核对，疑似按元填写（应为 {guess} 万元左右？）。如按元填写，请在表头写明“金额（元）”；金额无误时，在设置文件中写明资金上限 cap", "没有设置资金上限时，整张表的金额都在 1000 万元以上。", money=("median", "guess"), title="整表金额过大"),
    Kind("amount-tiny", ERROR, "“{name}”的金额 {amount} 万元（{yuan} 元）不到 100 元，疑似单位填错（按万元填在元栏中？应为 {guess} 万元？），请核对", "单个单位的金额不到 100 元：疑似把万元填在了元栏中。", money=("amount", "yuan", "guess"), title="金额不到百元"),
    Kind("amount-outlier-small", ERROR, "“{name}”的金额 {amount} 万元不到本表中位数 {median} 万元的千分之一，疑似单位填错（按万元填在元栏中？应为 {guess} 万元？），请核对", "金额远低于同表其他单位：疑似把万元填在了元栏中。", money=("amount", "median", "guess"), title="金额异常偏小"),
    Kind("amount-outlier", WARNING, "“{name}”的金额 {amount} 万元是本表中位数 {median} 万元的 {times} 倍，疑似按元填写（应为 {guess} 万元？），请核对", "金额远高于同表其他单位。", money=("amount", "median", "guess"), title="金额异常偏大"),
    Kind("purpose-missing", WARNING, "有 {count} 个单位的资金用途为空（第 {rows}{etc} 行），请补填", "资金用途列未填写。", title="资金用途未填"),
    Kind("form-empty", WARNING, "报来的表格只有表头，没有填写任何单位，请向报送单位核实", "退回的表格是空白的。", title="空白报表"),
    Kind("amount-unit-typo", INFO, "金额“{text}”单位书写有误，已按 {amount} 万元读取，请核对", "如“5万元元”。", money=("amount",), title="金额单位笔误"),
    Kind("text-truncated", WARNING, "文字超过 Excel 单元格上限（32767 字），已截断", "过长的文字。", title="文字已截断"),
    Kind("text-control-chars", INFO, "文字含有 Excel 无法保存的控制字符，已删除", "控制字符。", title="控制字符已删除"),
    # Reconciliation
    Kind("over-cap", ERROR, "分配合计 {total} 万元，超出资金上限 {cap} 万元，超出 {diff} 万元", "总额超过资金上限。", money=("total", "cap", "diff"), title="超出资金上限"),
    Kind("plan-mismatch", WARNING, "分配合计 {total} 万元，比批复计划 {plan} 万元{diff} 万元", "总额与批复计划不一致。",
         money=("total", "plan"), signed=("diff",), title="与批复计划不符"),
    Kind("quota-mismatch", WARNING, "{district}分配 {total} 万元，比下达额度 {quota} 万元{diff} 万元", "区县合计与额度不一致。",
         money=("total", "quota"), signed=("diff",), title="与下达额度不符"),
    Kind("district-unknown", ERROR, "区县“{district}”不在设置的区县名单中（{count} 个单位，{total} 万元），请改正表中的区县名称，或把它加入设置文件 [fund] 的 districts", "设置了区县名单，但有金额记在名单外的区县。", money=("total",), title="名单外的区县"),
    Kind("district-missing", WARNING, "设置中的区县“{district}”没有报送任何记录", "名单中的区县没有数据。", title="区县未报送"),
    Kind("district-undetermined", ERROR, "无法确定所属区县（没有区县列或分组行，工作表名、标题、文件夹名和文件名中也找不到），记为“{district}”。请把文件名改为区县名称，或在表中加区县列", "区县无法识别。", title="区县无法确定"),
    Kind("district-invalid", ERROR, "“{text}”不是区县名称（不在设置的区县名单中，也不像地名），此单元格所在行记为“（未识别区县）”", "区县列中的文字不是区县。", title="不是区县名称"),
    Kind("district-files-overlap", ERROR, "与“{other}”都是{district}的表格，两个文件都已计入；其中 {count} 个单位两个文件都有（{names}{etc}，本文件中合计 {total} 万元），金额被重复计入。若本文件是改过的新版本，请把旧版本移出文件夹后重新汇总；若确是不同批次，请合并为一个文件",
         "同一区县两个不同的文件都已计入，且大半单位相同（疑似新旧两个版本）。", money=("total",), title="同一区县两份表格重复"),
    Kind("stated-count-mismatch", ERROR, "表中文字写明共 {count} 个（家），而读到的单位行是 {lines} 行。请核对是否漏填、多填，或更正文字说明", "文字说明的单位个数与所列各行不符。", title="单位个数不符"),
    Kind("table-other-year", ERROR, "这张表的标题写的是 {years} 年，不是 {year} 年，其下 {count} 个单位（{amount} 万元）已计入。请核对：不属于本年度的请删去或移到另一个文件，属于本年度的请改正标题", "工作表中后面的一张表标题写的是别的年度。", money=("amount",), title="表标题是别的年度"),
    Kind("district-cell-blank", ERROR, "区县列第 {rows} 行为空（{count} 行），而本表区县列写有 {named}，这些行暂记为“{taken}”。请在区县列填写每一行的区县", "区县列有空格，无法确定这几行属于哪个区县。", title="区县列有空格"),
    Kind("district-conflict", ERROR, "区县来源不一致：{sources}；暂按{source}记为“{taken}”。请核对是否填错了表，把文件名、标题、填报单位或分组行中错的一处改正", "文件名、文件夹、标题、填报单位、工作表名或分组行所指的区县不同（没有逐行的区县列可以决定）。", title="区县来源不一致"),
    Kind("district-column-differs", WARNING, "区县列写的是“{district}”，而{source}是“{other}”；已按区县列记，请核对", "逐行的区县列与文件名、标题等所指的区县不同（以区县列为准）。", title="区县列与文件名不同"),
    Kind("summary-sheet", INFO, "这是汇总表（每行是一个区县或类别），其数字用于核对明细，不作为受助单位计入", "汇总表的行不计入受助单位。", title="汇总表"),
    Kind("stated-total-mismatch", ERROR, "表内{label}为 {stated} 万元，{covered}逐行相加为 {actual} 万元，比{label}{diff} 万元", "报表自带的合计、小计、分组小计或汇总表数字与明细之和不符。",
         money=("stated", "actual"), signed=("diff",), title="合计不符"),
    Kind("stated-total-unreadable", WARNING, "表内{label}行的金额无法识别（{reason}），未能核对", "合计行金额无法识别。", title="合计无法识别"),
    Kind("stated-total-missing", INFO, "本表没有合计行，无法与报送单位自己的合计核对", "没有合计行。", title="没有合计行"),
    Kind("duplicate-recipient", WARNING, "“{name}”出现 {count} 次（合计 {total} 万元）：{places}{etc}", "同一单位在同一或不同区县出现多次（每个单位一条，列出前几处）。",
         money=("total",), title="单位重复出现"),
    Kind("target-mismatch", INFO, "受助单位 {count} 个，绩效目标为 {target} 个", "受助单位数与目标不一致。", title="单位数与目标不同"),
    Kind("settings-unused", WARNING, "{what}，{hint}此{item}未生效。", "设置文件中有未生效的设置项（拼写错误、位置不对等）。", title="设置未生效"),
    Kind("settings-quota-district", WARNING, "[quotas]（各区县下达额度）中的“{district}”不在 [fund] 的 districts（区县名单）中，{hint}", "额度写给了名单外的区县，多半是区县名称写错了。", title="额度写给名单外区县"),
    Kind("settings-district-repeated", WARNING, "[fund] 的 districts（区县名单）中“{district}”写了不止一次，只计一次。", "区县名单中有重复。", title="区县重复设置"),
    Kind("setting-missing", WARNING, "{setting}没有填写，{consequence}", "计算所需的设置缺失。", settings=("setting",), title="缺少设置"),
    # Scorecard
    Kind("template-invalid", ERROR, "评分表模板无法识别：{reason}", "模板中找不到表头或指标。", title="模板无法识别"),
    Kind("score-over-points", ERROR, "“{name}”的自评分 {score} 超过分值 {points}", "自评分大于指标分值。", title="自评分超过分值"),
    Kind("score-unknown-indicator", WARNING, "设置中的评分“{name}”在模板中找不到对应指标", "[scores] 中的名称与模板不符。", title="评分指标不存在"),
    Kind("scores-not-set", INFO, "设置文件中没有 [scores]，需评审判断的自评分留空，请在评分表黄色单元格中填写", "没有设置评分。", title="未设置评分"),
    Kind("indicator-below-target", INFO, "“{name}”实际完成值 {actual}，未达到年度指标值 {target}，请在“偏差原因分析及改进措施”栏说明原因", "由数据计算的指标未达到年度指标值（2020 年自评表）。", title="指标未达目标"),
    Kind("indicator-target-unreadable", INFO, "“{name}”的年度指标值“{text}”不是可计算的数量目标，实际完成值已填写，得分按评审判断填写", "由数据计算的指标，年度指标值无法识别为数量目标。", title="指标值无法计算"),
    Kind("score-from-data", INFO, "“{name}”的得分由汇总数据计算，设置中的评分 {score} 未使用", "[scores] 中的指标已由数据计分（2020 年自评表）。", title="得分由数据计算"),
    Kind("score-missing", WARNING, "指标“{name}”没有自评分，按 0 分计，请在评分表中填写", "评分缺失。", title="缺少自评分"),
    Kind("indicator-targets-missing", INFO, "{count} 项指标没有年度指标值：{names}。请在 xlfund.toml 的 [indicators] 中写 target，如 \"指标名称\" = {{ target = \"≥90%\" }}，或在评分表黄色单元格中填写；由数据计算的指标有了年度指标值才能计分",
         "2020 年自评表中有指标没有年度指标值（设置和表样中都没有）。", title="缺少年度指标值"),
    Kind("score-kept-from-output", INFO, "评分表中“{name}”填写的自评分 {new}（设置中{old}）已沿用；在生成它的命令后加 --save-scores 可写入设置文件",
         "上次生成的评分表中手工填写的自评分与设置不同，本次沿用评分表中的分数。", title="沿用手填自评分"),
    Kind("entry-kept-from-output", INFO, "评分表中{field}填写的“{text}”已沿用（设置中{old}）；在生成它的命令后加 --save-scores 可写入设置文件",
         "上次生成的评分表（2020 年表样）中手工填写的文字（偏差原因、实际完成值、年度指标值、主管部门等）与设置不同，本次沿用。", title="沿用手工填写的文字"),
    Kind("score-typed-over-formula", INFO, "评分表中“{name}”的得分由汇总数据计算，手工填写的 {score} 未沿用", "上次生成的评分表中，计算得分的公式被改成了数字；计算指标的得分只来自数据。", title="手填得分未沿用"),
    Kind("score-output-unreadable", INFO, "原有的“{path}”无法读取（{reason}），其中评分表手工填写的自评分未能沿用", "上次生成的输出文件无法读取，其中填写的自评分没有沿用。", title="原评分表无法读取"),
    # Limits and hostile input: work bounded before it is spent, nothing lost without a finding
    Kind("limit-sheet-cells", ERROR, "表格过大：工作表的使用范围达到 {corner}（{rows} 行 × {cols} 列，共 {cells} 个单元格），超过上限 {limit} 个，本表未读取、金额未计入。请删除远处多余的内容或格式（整行整列）后另存再报送",
         "工作表的使用范围超过单元格上限（远处的一个单元格就会让读取占用几十 GB 内存）。", title="表格过大"),
    Kind("limit-merged-cells", ERROR, "表格过大：合并单元格 {count} 处{cells}，超过上限 {limit}，本表未读取、金额未计入。请取消多余的合并后另存再报送", "合并单元格的数量或面积超过上限。", title="合并单元格过多"),
    Kind("limit-xml-run", ERROR, "表格过大：工作表的 XML 中有一段 {size} 的连续文字或标签（Excel 写出的单元格不超过约 260 KB，上限 {limit}），本表未读取、金额未计入。请用 Excel 或 WPS 打开后另存再报送",
         "工作表 XML 中填充了大段空白或异常长的标签。", title="表格内容异常过长"),
    Kind("limit-file-size", ERROR, "文件过大：{what} {size}，超过上限 {limit}，未读取。{fix}", "文件或其中一个部件（解压后）超过大小上限。", title="文件超过大小上限"),
    Kind("limit-html-cells", ERROR, "表格过大：网页表格“{table}”展开合并格（colspan/rowspan）后超过 {limit} 个单元格，未读取", "网页导出的“.xls”中的合并格展开后超过单元格上限。", title="网页表格过大"),
    Kind("limit-findings", WARNING, "此文件的问题超过 {limit} 条，另有 {more} 条未逐条列出（{kinds}）。请先改正已列出的问题后重新运行", "一个文件的问题过多，超出部分按代码计数。", title="问题过多"),
    Kind("sheet-undecodable", ERROR, "工作表的 XML 使用 {encoding} 编码（只能读取 UTF-8），本表未读取、金额未计入。请用 Excel 或 WPS 打开后另存为 .xlsx 再报送", "工作表不是 UTF-8 编码（Excel 能打开，但读取工具会读成空表）。", title="工作表编码无法读取"),
    Kind("sheet-name-duplicate", ERROR, "第 {position} 个工作表与第 {first} 个同名（都叫“{name}”），无法区分，这个工作表未读取、金额未计入。请在 Excel 或 WPS 中给其中一个改名后重新报送",
         "同一工作簿中两个工作表同名（其他工具生成或手工改过的文件）。", title="工作表同名"),
    Kind("amount-out-of-range", ERROR, "金额 {text} 超出合理范围（单个金额不超过 {limit} 万元），此行未计入，请核对", "金额大得不合理（如 1e22、30 位数字），疑似填错。", title="金额大得不合理"),
    Kind("amount-is-date", ERROR, "金额单元格是日期或时间（{value}），此行未计入。请把该列的单元格格式改为“数值”后核对金额", "金额列中的单元格是日期或时间格式。", title="金额是日期"),
    Kind("file-outside-folder", ERROR, "这是指向文件夹外的链接（指向 {target}），未读取。如确需汇总，请把文件本身复制到文件夹中", "文件夹中的符号链接指向文件夹之外。", title="链接到文件夹外"),
    Kind("file-name-encoding", INFO, "文件名不是 UTF-8 编码，按 {encoding} 显示为“{shown}”", "从旧系统或共享盘复制来的 GBK 文件名。", title="文件名编码"),
    # Output
    Kind("output-locked", WARNING, "“{path}”正被 Excel/WPS 打开，为免覆盖正在看的文件，结果已另存为“{saved}”；关闭该文件后再运行一次即可写入原文件名", "输出文件被占用。", title="输出文件被占用"),
]

KINDS: dict[str, Kind] = {kind.code: kind for kind in _KINDS}


@dataclass(frozen=True, slots=True)
class Place:
    """Where a finding is, as numbers: the file, the sheet, an Excel row (1-based; 0 for the
    whole sheet or file) and a column (0-based; None for the whole row), or a range up to
    (last_row, last_col); for a text file (the settings), its line. The cell text is derived."""

    file: str = ""
    sheet: str = ""
    row: int = 0
    col: int | None = None
    last_row: int = 0
    last_col: int | None = None
    line: int = 0

    @property
    def cell(self) -> str:
        """As the clerk sees it: "C5", "A1:D20", "第 7 行" (a whole row, or a settings line)."""
        if self.line:
            return f"第 {self.line} 行"
        if not self.row:
            return ""
        if self.col is None:
            return f"第 {self.row} 行" if self.last_row <= self.row else f"第 {self.row}–{self.last_row} 行"
        first = xl_rowcol_to_cell(self.row - 1, self.col)
        if self.last_row or self.last_col is not None:
            last = xl_rowcol_to_cell((self.last_row or self.row) - 1, self.col if self.last_col is None else self.last_col)
            return f"{first}:{last}" if last != first else first
        return first

    @property
    def column(self) -> str:
        """The column's letters ("C"), or "" for none."""
        return "" if self.col is None else xl_col_to_name(self.col)

    def text(self) -> str:
        """The whole place in one phrase: 高新区.xlsx·Sheet1!C5."""
        where = "!".join(x for x in (self.sheet, self.cell) if x)
        return "·".join(x for x in (self.file, where) if x)


def at(file: str = "", sheet: str = "", row: int = 0, col: int | None = None, **more: int) -> Place:
    """A place from 0-based grid indexes (as the readers hold them): row 0 is Excel's row 1."""
    return Place(file, sheet, row + 1, col, **more)


Param = str | int | Decimal | Place | tuple


@dataclass(frozen=True)
class Finding:
    """One problem: its catalogue code, its place and its parameters (amounts as Decimal).
    The Chinese message is rendered from the catalogue only when shown."""

    code: str
    place: Place = Place()
    params: tuple[tuple[str, Param], ...] = ()

    @property
    def kind(self) -> Kind:
        return KINDS[self.code]

    @property
    def severity(self) -> Severity:
        return KINDS[self.code].severity

    @property
    def file(self) -> str:
        return self.place.file

    @property
    def sheet(self) -> str:
        return self.place.sheet

    @property
    def cell(self) -> str:
        return self.place.cell

    def param(self, name: str) -> Param:
        return dict(self.params)[name]

    @property
    def message(self) -> str:
        kind = self.kind
        # Two decimals, as Excel shows; more where a difference would otherwise read "0.00".
        places = max([2, *(_places_to_show(value) for key, value in self.params if key in kind.signed or key == "diff")])
        shown = {}
        for key, value in self.params:
            if key in kind.money:  # an amount under 0.01 万元 is shown to its own places, never as 0.00 or 0.01
                shown[key] = money_text(value, max(places, _places_to_show(value, below=CENT)))
            elif key in kind.signed:
                shown[key] = more_or_less(value, places)
            elif key in kind.settings:
                shown[key] = setting_words(str(value))
            else:
                shown[key] = _shown(value)
        return kind.template.format(**shown)

    def as_dict(self) -> dict[str, object]:
        """For --json: the message beside the structured place and parameters."""
        place = self.place
        return {
            "severity": str(self.severity), "code": self.code, "file": place.file, "sheet": place.sheet,
            "cell": place.cell, "row": place.row or None, "column": place.column or None,
            "line": place.line or None, "message": self.message,
            "parameters": {key: _json_value(value) for key, value in self.params},
        }


def finding(code: str, place: Place | None = None, **params: Param) -> Finding:
    """Build a finding from its catalogue entry; amounts the catalogue marks must be numbers."""
    kind = KINDS[code]
    for key in (*kind.money, *kind.signed):
        if key in params and not isinstance(params[key], Decimal | int):
            raise TypeError(f"{code}: {key} must be a Decimal amount, not {params[key]!r}")
    missing = set(_FIELDS.get(code, ())) - set(params)
    if missing:
        raise TypeError(f"{code}: missing parameters {sorted(missing)}")
    return Finding(code, place or Place(), tuple(params.items()))


def _template_fields(template: str) -> tuple[str, ...]:
    return tuple(name for _text, name, _spec, _conv in string.Formatter().parse(template) if name)


_FIELDS = {code: _template_fields(kind.template) for code, kind in KINDS.items()}


def _shown(value: Param) -> str:
    """A parameter as the message shows it: places as 文件·工作表!单元格, lists joined."""
    if isinstance(value, Place):
        return value.text()
    if isinstance(value, Decimal):
        return format_wan(value)
    if isinstance(value, tuple):
        if all(isinstance(v, str | int | Decimal) for v in value):
            return "、".join(_shown(v) for v in value)
        # A list of places, each perhaps with words before it: (("高新区", Place), …)
        return "；".join(" ".join(_shown(x) for x in v) if isinstance(v, tuple) else _shown(v) for v in value)
    return str(value)


def _json_value(value: Param) -> object:
    if isinstance(value, Place):
        return {"file": value.file, "sheet": value.sheet, "cell": value.cell}
    if isinstance(value, Decimal):
        return format_wan(value)
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    return value


def money_text(amount: Decimal | int, places: int = 2) -> str:
    """The one number format for amounts in 万元, in the terminal and in messages: 250,222.00."""
    # 四舍五入, as Excel shows two decimals (Python's own format rounds half to even).
    step = CENT if places == 2 else Decimal(1).scaleb(-places)
    return f"{Decimal(amount).quantize(step, rounding=ROUND_HALF_UP):,.{places}f}"


def more_or_less(diff: Decimal | int, places: int = 2) -> str:
    """A signed difference in words: 多 128.00 / 少 128.00."""
    if diff == 0:
        return "相同，差额 0.00"
    return f"{'多' if diff > 0 else '少'} {money_text(abs(diff), places)}"


def _places_to_show(value: Decimal | int, below: Decimal = Decimal("0.005")) -> int:
    """Decimals a non-zero value under `below` needs to be shown as it is: a difference never
    reads as 0.00 (0.004 -> 3), an amount under 0.01 万元 never as 0.00 or 0.01 (0.0008 -> 4)."""
    value = abs(Decimal(value))
    if value == 0 or value >= below:
        return 2
    return min(max(2, -value.normalize().as_tuple().exponent), 6)


def rows_listed(rows: list[int], limit: int) -> str:
    """Excel rows as a message lists them: the first `limit`, "……" when there are more."""
    return "、".join(str(r) for r in rows[:limit]) + ("……" if len(rows) > limit else "")


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; within each, by place."""
    def key(f: Finding) -> tuple:
        p = f.place
        return (SEVERITY_ORDER[f.severity], p.file, p.sheet, p.line or p.row, -1 if p.col is None else p.col)
    return sorted(findings, key=key)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is ERROR for f in findings)


def has_problems(findings: list[Finding]) -> bool:
    """Errors or warnings: what `check` answers with exit 1."""
    return any(f.severity in (ERROR, WARNING) for f in findings)
