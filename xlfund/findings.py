"""The catalogue of findings: every problem the tool can report, with a stable code."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

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


_KINDS = [
    # Files
    Kind("file-unreadable", ERROR, "无法读取此文件：{reason}。请用 Excel 或 WPS 打开后另存为 .xlsx 再放入文件夹", "文件损坏、被截断或不是表格。"),
    Kind("file-encrypted", ERROR, "此文件设有打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存，再放入文件夹", "加密的工作簿。"),
    Kind("file-empty", ERROR, "文件为空（0 字节），请向报送单位重新索取", "空文件。"),
    Kind("file-too-large", ERROR, "文件解压后过大（{size}），疑似压缩炸弹，已拒绝读取", "压缩包声明的解压大小超出上限。"),
    Kind("file-unsafe-xml", ERROR, "文件含有不安全的 XML 内容（{reason}），已拒绝读取", "XML 实体扩展或外部实体。"),
    Kind("file-unsafe-path", ERROR, "压缩包中的这个文件路径指向包外（{reason}），已拒绝读取", "压缩包中的 ../ 或绝对路径。"),
    Kind("file-skipped", INFO, "已跳过：{reason}", "锁文件、系统文件、本工具生成的汇总表等不作为数据读取。"),
    Kind("file-duplicate", WARNING, "与“{other}”内容完全相同（SHA-256 一致），未重复计入", "同一份报表放了两次。"),
    Kind("file-renamed-format", INFO, "文件扩展名为 {ext}，实际是 {actual} 格式，已按实际格式读取", "网页系统导出的“Excel”。"),
    Kind("sheet-skipped", INFO, "已跳过工作表：{reason}", "隐藏或空白的工作表。"),
    Kind("header-not-found", ERROR, "找不到表头（需要“单位名称”和“金额”等列），本表 {rows} 行未能读取。表中前几行的文字：{seen}", "工作表没有可识别的表头。"),
    Kind("amount-column-ambiguous", ERROR, "有几列都像是分配金额：{columns}，无法确定取哪一列，本表未计入。请在 xlfund.toml 中写明，例如 [columns] amount = \"{example}\"", "几列金额无法区分（如两批拨付），需在设置中指定。"),
    Kind("amount-parts-mismatch", ERROR, "金额 {amount} 万元，各来源分项之和为 {parts} 万元，比金额{diff} 万元，请核对", "按来源拆分的金额（省级、市级…）与合计列不符。",
         money=("amount", "parts"), signed=("diff",)),
    # Rows
    Kind("amount-unparseable", ERROR, "金额无法识别：{reason}", "金额单元格不是可识别的金额，此行未计入。"),
    Kind("amount-missing", ERROR, "“{name}”没有金额，此行未计入", "有单位名称但金额为空。"),
    Kind("amount-not-positive", ERROR, "“{name}”的金额为 {amount} 万元，应为正数，此行未计入", "金额为零或负数。", money=("amount",)),
    Kind("amount-formula-no-value", ERROR, "金额是公式但没有保存计算结果，此行未计入。请在 Excel/WPS 中打开并保存后重新报送", "由脚本生成、未经计算的公式。"),
    Kind("amount-error-value", ERROR, "金额单元格是错误值（{value}），此行未计入", "#REF!、#N/A 等错误值。"),
    Kind("name-missing", ERROR, "有金额 {amount} 但没有单位名称，此行未计入", "金额有值但单位名称为空。"),
    Kind("amount-sheet-in-yuan", ERROR, "本表金额的中位数为 {median} 万元（每个单位超过 1 亿元），疑似整表按元填写（应为 {guess} 万元左右？）。请核对金额单位，在表头写明“金额（元）”或改为万元", "整张表的金额疑似按元填写在万元栏中。", money=("median", "guess")),
    Kind("amount-sheet-in-wan", ERROR, "本表金额的中位数只有 {median} 万元（每个单位不到 100 元），疑似表头写“元”而金额按万元填写（应为 {guess} 万元左右？）。请核对金额单位", "整张表的金额疑似按万元填写在元栏中。",
         money=("guess",)),
    Kind("amount-over-cap-line", ERROR, "“{name}”的金额 {amount} 万元超过整个资金上限 {cap} 万元，疑似按元填写（应为 {guess} 万元？）", "单个单位的金额超过资金上限。", money=("amount", "cap", "guess")),
    Kind("amount-outlier", WARNING, "“{name}”的金额 {amount} 万元是本表中位数 {median} 万元的 {times} 倍，疑似按元填写（应为 {guess} 万元？），请核对", "金额远高于同表其他单位。", money=("amount", "median", "guess")),
    Kind("purpose-missing", WARNING, "有 {count} 个单位的资金用途为空（第 {rows} 行），请补填", "资金用途列未填写。"),
    Kind("form-empty", WARNING, "报来的表格只有表头，没有填写任何单位，请向报送单位核实", "退回的表格是空白的。"),
    Kind("amount-unit-typo", INFO, "金额“{text}”单位书写有误，已按 {amount} 万元读取，请核对", "如“5万元元”。", money=("amount",)),
    Kind("text-truncated", WARNING, "文字超过 Excel 单元格上限（32767 字），已截断", "过长的文字。"),
    Kind("text-control-chars", INFO, "文字含有 Excel 无法保存的控制字符，已删除", "控制字符。"),
    # Reconciliation
    Kind("over-cap", ERROR, "分配合计 {total} 万元，超出资金上限 {cap} 万元 {diff} 万元", "总额超过资金上限。", money=("total", "cap", "diff")),
    Kind("plan-mismatch", WARNING, "分配合计 {total} 万元，比批复计划 {plan} 万元{diff} 万元", "总额与批复计划不一致。",
         money=("total", "plan"), signed=("diff",)),
    Kind("quota-mismatch", WARNING, "{district}分配 {total} 万元，比下达额度 {quota} 万元{diff} 万元", "区县合计与额度不一致。",
         money=("total", "quota"), signed=("diff",)),
    Kind("district-unknown", WARNING, "区县“{district}”不在设置的区县名单中", "设置了区县额度，但出现名单外的区县。"),
    Kind("district-missing", WARNING, "设置中的区县“{district}”没有报送任何记录", "名单中的区县没有数据。"),
    Kind("district-undetermined", ERROR, "无法确定所属区县（没有区县列或分组行，工作表名、标题、文件夹名和文件名中也找不到），记为“{district}”。请把文件名改为区县名称，或在表中加区县列", "区县无法识别。"),
    Kind("district-invalid", ERROR, "“{text}”不是区县名称（不在设置的区县名单中，也不像地名），此单元格所在行记为“（未识别区县）”", "区县列中的文字不是区县。"),
    Kind("district-conflict", WARNING, "区县来源不一致：{sources}；已按{source}记为“{taken}”，请核对是否填错了表", "文件名、文件夹、标题、工作表名或区县列所指的区县不同。"),
    Kind("summary-sheet", INFO, "这是汇总表（每行是一个区县或类别），其数字用于核对明细，不作为受助单位计入", "汇总表的行不计入受助单位。"),
    Kind("stated-total-mismatch", ERROR, "表内{label}为 {stated} 万元，{covered}逐行相加为 {actual} 万元，比{label}{diff} 万元", "报表自带的合计、小计、分组小计或汇总表数字与明细之和不符。",
         money=("stated", "actual"), signed=("diff",)),
    Kind("stated-total-unreadable", WARNING, "表内{label}行的金额无法识别（{reason}），未能核对", "合计行金额无法识别。"),
    Kind("stated-total-missing", INFO, "本表没有合计行，无法与报送单位自己的合计核对", "没有合计行。"),
    Kind("duplicate-recipient", WARNING, "“{name}”出现 {count} 次（合计 {total} 万元）：{places}", "同一单位在同一或不同区县出现多次（每个单位一条，列出前几处）。",
         money=("total",)),
    Kind("target-mismatch", INFO, "受助单位 {count} 个，绩效目标为 {target} 个", "受助单位数与目标不一致。"),
    Kind("settings-warning", WARNING, "{text}", "设置文件中有未生效的设置项（拼写错误、位置不对等）。"),
    Kind("setting-missing", WARNING, "设置中缺少“{setting}”，{consequence}", "计算所需的设置缺失。"),
    # Scorecard
    Kind("template-invalid", ERROR, "评分表模板无法识别：{reason}", "模板中找不到表头或指标。"),
    Kind("score-over-points", ERROR, "“{name}”的自评分 {score} 超过分值 {points}", "自评分大于指标分值。"),
    Kind("score-unknown-indicator", WARNING, "设置中的评分“{name}”在模板中找不到对应指标", "[scores] 中的名称与模板不符。"),
    Kind("scores-not-set", INFO, "设置文件中没有 [scores]，需评审判断的自评分留空，请在评分表黄色单元格中填写", "没有设置评分。"),
    Kind("indicator-below-target", INFO, "“{name}”实际完成值 {actual}，未达到年度指标值 {target}，请在“偏差原因分析及改进措施”栏说明原因", "由数据计算的指标未达到年度指标值（2020 年自评表）。"),
    Kind("indicator-target-unreadable", INFO, "“{name}”的年度指标值“{text}”不是可计算的数量目标，实际完成值已填写，得分按评审判断填写", "由数据计算的指标，年度指标值无法识别为数量目标。"),
    Kind("score-from-data", INFO, "“{name}”的得分由汇总数据计算，设置中的评分 {score} 未使用", "[scores] 中的指标已由数据计分（2020 年自评表）。"),
    Kind("score-missing", WARNING, "指标“{name}”没有自评分，按 0 分计，请在评分表中填写", "评分缺失。"),
    Kind("score-kept-from-output", INFO, "评分表中“{name}”填写的自评分 {new}（设置中{old}）已沿用；运行 xlfund scorecard 时加 --save-scores 可写入设置文件",
         "上次生成的评分表中手工填写的自评分与设置不同，本次沿用评分表中的分数。"),
    Kind("score-typed-over-formula", INFO, "评分表中“{name}”的得分由汇总数据计算，手工填写的 {score} 未沿用", "上次生成的评分表中，计算得分的公式被改成了数字；计算指标的得分只来自数据。"),
    Kind("score-output-unreadable", INFO, "原有的“{path}”无法读取（{reason}），其中评分表手工填写的自评分未能沿用", "上次生成的输出文件无法读取，其中填写的自评分没有沿用。"),
    # Limits and hostile input: work bounded before it is spent, nothing lost without a finding
    Kind("limit-sheet-cells", ERROR, "表格过大：工作表的使用范围达到 {corner}（{rows} 行 × {cols} 列，共 {cells} 个单元格），超过上限 {limit} 个，本表未读取、金额未计入。请删除远处多余的内容或格式（整行整列）后另存再报送",
         "工作表的使用范围超过单元格上限（远处的一个单元格就会让读取占用几十 GB 内存）。"),
    Kind("limit-merged-cells", ERROR, "表格过大：合并单元格 {count} 处{cells}，超过上限 {limit}，本表未读取、金额未计入。请取消多余的合并后另存再报送", "合并单元格的数量或面积超过上限。"),
    Kind("limit-xml-run", ERROR, "表格过大：工作表的 XML 中有一段 {size} 的连续文字或标签（Excel 写出的单元格不超过约 260 KB，上限 {limit}），本表未读取、金额未计入。请用 Excel 或 WPS 打开后另存再报送",
         "工作表 XML 中填充了大段空白或异常长的标签。"),
    Kind("limit-file-size", ERROR, "文件过大：{what} {size}，超过上限 {limit}，未读取。{fix}", "文件或其中一个部件（解压后）超过大小上限。"),
    Kind("limit-html-cells", ERROR, "表格过大：网页表格“{table}”展开合并格（colspan/rowspan）后超过 {limit} 个单元格，未读取", "网页导出的“.xls”中的合并格展开后超过单元格上限。"),
    Kind("limit-findings", WARNING, "此文件的问题超过 {limit} 条，另有 {more} 条未逐条列出（{kinds}）。请先改正已列出的问题后重新运行", "一个文件的问题过多，超出部分按代码计数。"),
    Kind("sheet-undecodable", ERROR, "工作表的 XML 使用 {encoding} 编码（只能读取 UTF-8），本表未读取、金额未计入。请用 Excel 或 WPS 打开后另存为 .xlsx 再报送", "工作表不是 UTF-8 编码（Excel 能打开，但读取工具会读成空表）。"),
    Kind("sheet-name-duplicate", ERROR, "第 {position} 个工作表与第 {first} 个同名（都叫“{name}”），无法区分，这个工作表未读取、金额未计入。请在 Excel 或 WPS 中给其中一个改名后重新报送",
         "同一工作簿中两个工作表同名（其他工具生成或手工改过的文件）。"),
    Kind("amount-out-of-range", ERROR, "金额 {text} 超出合理范围（单个金额不超过 {limit} 万元），此行未计入，请核对", "金额大得不合理（如 1e22、30 位数字），疑似填错。"),
    Kind("amount-is-date", ERROR, "金额单元格是日期或时间（{value}），此行未计入。请把该列的单元格格式改为“数值”后核对金额", "金额列中的单元格是日期或时间格式。"),
    Kind("file-outside-folder", ERROR, "这是指向文件夹外的链接（指向 {target}），未读取。如确需汇总，请把文件本身复制到文件夹中", "文件夹中的符号链接指向文件夹之外。"),
    Kind("file-name-encoding", INFO, "文件名不是 UTF-8 编码，按 {encoding} 显示为“{shown}”", "从旧系统或共享盘复制来的 GBK 文件名。"),
    # Output
    Kind("output-locked", WARNING, "“{path}”正被 Excel/WPS 打开，无法覆盖，结果已另存为“{saved}”", "输出文件被占用。"),
]

KINDS: dict[str, Kind] = {kind.code: kind for kind in _KINDS}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""

    @property
    def severity(self) -> Severity:
        return KINDS[self.code].severity

    def as_dict(self) -> dict[str, str]:
        return {
            "severity": str(self.severity), "code": self.code, "file": self.file,
            "sheet": self.sheet, "cell": self.cell, "message": self.message,
        }


def finding(code: str, file: str = "", sheet: str = "", cell: str = "", **details: object) -> Finding:
    """Build a finding from its catalogue entry; details fill the message template.

    Amounts the catalogue marks are shown in the one number format (250,222.00), signed
    differences as “多 …”/“少 …”, whichever way the caller passed them (Decimal or text).
    """
    kind = KINDS[code]
    for key in kind.money:
        if key in details:
            details[key] = _as_money(details[key])
    for key in kind.signed:
        if key in details:
            details[key] = more_or_less(details[key])
    return Finding(code=code, message=kind.template.format(**details), file=file, sheet=sheet, cell=cell)


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int):
        return Decimal(value)
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def money_text(amount: Decimal | int) -> str:
    """The one number format for amounts in 万元, in the terminal and in messages: 250,222.00."""
    # 四舍五入, as Excel shows two decimals (Python's own format rounds half to even).
    return f"{Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def _as_money(value: object) -> object:
    number = _number(value)
    return value if number is None else money_text(number)


def more_or_less(diff: object) -> object:
    """A signed difference in words: 多 128.00 / 少 128.00 (a value that is no number stays)."""
    number = _number(diff)
    if number is None:
        return diff
    if number == 0:
        return "相同，差额 0.00"
    return f"{'多' if number > 0 else '少'} {money_text(abs(number))}"


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then notes; within each, by place."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.file, f.sheet, _cell_key(f.cell)))


def _cell_key(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell.split(":")[0] if ch.isdigit())
    return (int(digits) if digits else 0, cell)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is ERROR for f in findings)


def has_problems(findings: list[Finding]) -> bool:
    """Errors or warnings: what `check` answers with exit 1."""
    return any(f.severity in (ERROR, WARNING) for f in findings)
