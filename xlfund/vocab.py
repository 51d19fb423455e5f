"""The Chinese words the tool recognises in district sheets, kept in one place."""

from __future__ import annotations

import re

# Column header synonyms per field. Matching prefers the longest synonym, so "资金用途"
# (purpose) wins over "资金" (amount) and "单位名称" over "单位".
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "单位名称", "企业名称", "企业（单位）名称", "企业(单位)名称", "单位（企业）名称", "项目单位",
        "扶持对象", "受助单位", "申报单位", "收款单位", "项目实施单位", "实施单位", "企业",
        "单位", "名称", "扶持单位", "村（社区）名称", "扶贫村", "对象名称", "受益对象",
        "村名称", "村（社区）", "行政村", "贫困村名称", "扶持村", "企业（村）名称", "受补助单位", "补助对象",
        "受益单位", "承担单位", "申报主体", "项目承担单位", "经营主体", "市场主体名称",
    ),
    "amount": (
        "金额", "扶持金额", "补助资金", "补助金额", "扶持资金", "奖励金额", "奖补资金", "拨付金额",
        "安排资金", "分配金额", "立项金额", "资金", "资金额度", "扶持资金额", "补贴金额",
        "资金数额", "下达资金", "资金金额", "核定金额", "审定金额", "核定资金", "安排金额", "下达金额",
        "拨付资金", "奖补金额", "补助额", "扶持额度", "批复金额", "分配资金", "补贴资金", "奖励资金",
        # 补助 after the word of its stage (not 补助 alone: 补助类别, 补助环节 are no amounts)
        "核定补助", "审定补助", "安排补助", "下达补助", "批复补助", "拨付补助", "申请补助", "申报补助", "核定奖补", "补助额度",
        # money that is no allocation, known as labels (a header row of them is a header) and never taken
        "总投资", "项目总投资", "计划总投资", "投资额",
    ),
    "purpose": (
        "资金用途", "用途", "主要用途", "使用方向", "扶持内容", "项目内容", "建设内容", "资金使用方向",
        "项目名称", "扶持项目", "用途说明",
    ),
    "district": (
        "区县", "所属区县", "县市区", "区/县", "县区", "地区", "所属地区", "镇街/区", "区县名称", "所在区县",
        "县（市、区）", "县(市、区)", "县（市区）", "区（县）", "区(县)", "县（区）", "县(区)", "区县（市）",
        "县市", "市县", "所属县市区", "所在县市区", "县（市、区）名称", "区（县、市）", "县（市）", "属地",
    ),
    # The town a village belongs to: context for the recipient, never the recipient itself.
    "town": ("镇名称", "乡镇", "乡镇名称", "镇", "乡镇（街道）", "镇（街道）", "所属乡镇", "街道", "镇街", "乡（镇）"),
    "seq": ("序号", "编号", "序"),
    "remark": ("备注", "说明"),
}

# The head noun of a label naming a thing ("县区名称"): the words in front say whose name it is.
NAME_HEAD_WORDS = ("名称",)

# How a table's title ends ("…资金分配表", "…企业名单").
TITLE_ENDINGS = ("表", "名单", "清单", "明细", "汇总", "一览", "情况", "计划", "目录")

# How an amount column's label ranks it as the allocation (higher wins). Offices often put
# what was asked beside what was granted, or split the amount by source of funds.
AMOUNT_GRANTED_WORDS = ("核定", "审定", "安排", "分配", "下达", "批复", "拨付", "补助", "扶持", "奖励", "奖补", "补贴", "立项")
AMOUNT_REQUESTED_WORDS = ("申请", "申报", "拟", "需求", "预算")
AMOUNT_OTHER_WORDS = ("自筹", "总投资", "投资", "配套", "来源", "渠道", "性质", "类型", "方式", "用途", "到位", "结余", "已拨", "上期", "累计")
# An amount as changed ("调整后金额") is the allocation; the one it replaced ("原分配金额") is not.
AMOUNT_FINAL_WORDS = ("调整后", "变更后", "调整为", "调增后", "调减后", "最终")
AMOUNT_SUPERSEDED = r"^原|调整前|变更前|原定|原计划"
AMOUNT_TOTAL_WORDS = ("合计", "小计", "总计", "总额", "合计金额", "总金额")
# A column that splits the amount by source of funds ("其中：省级", "市补"), and one that counts.
AMOUNT_PART_WORDS = ("其中", "中央", "省级", "市级", "县级", "区级", "市本级", "区县级", "乡镇级", "省补", "市补", "县补")
COUNT_LABEL_WORDS = ("个数", "数量", "户数", "家数", "人数")  # and any label ending in 数

# A line under a recipient's that splits its amount by source ("其中：中央资金", "省级资金"): the
# level, then (for a one-character level) the money word.
LINE_PART = r"(?:中央|省级|市级|县级|区级|市本级|乡镇级|[省市县区])(?:财政)?(?:资金|补助|补助资金|专项资金|配套资金|奖补资金|配套|奖补|补贴)?"
# The label of a total stated in a line of prose ("以上共计6家企业，合计53万元").
PROSE_TOTAL_LABEL = "文字说明的合计"
# Texts that mark the district's own stated totals.
TOTAL_WORDS = ("合计", "总计", "小计", "累计", "共计")
SUBTOTAL_WORD = "小计"

# Lines below (or above) the table that are notes, signatures and dates.
NOTE_PREFIXES = (
    "注", "说明", "备注", "填表人", "审核人", "制表人", "制表", "负责人", "联系人", "联系电话",
    "填报日期", "填表日期", "日期", "单位负责人", "经办人", "审核", "复核", "分管领导", "盖章",
    "（盖章）", "(盖章)", "以上", "填报人", "报送人", "打印日期", "打印时间",  # a system export's page head
)

# Sheets of instructions that come with a form: without a table, their lines are notes.
INSTRUCTION_SHEETS = ("填表说明", "填报说明", "说明", "使用说明", "填写说明", "注意事项")

# Sheet names that say nothing about the district.
GENERIC_SHEET_NAMES = ("sheet", "工作表", "表", "明细", "名单", "汇总", "数据", "data", "list")

# Words after a district name in a title line ("填报单位：高新区商务局").
OFFICE_SUFFIXES = ("商务局", "财政局", "人民政府", "政府", "管委会", "商务和粮食局", "经信局", "办公室")

# Recipient categories, by the end of the recipient's name.
VILLAGE_ENDINGS = ("村", "社区", "居委会", "村委会", "（社区）", "(社区)", "村（社区）")
VILLAGE_WORDS = ("贫困村", "扶贫村")
CATEGORY_ENTERPRISE = "企业"
CATEGORY_VILLAGE = "村（社区）"
CATEGORY_OTHER = "其他单位"
ENTERPRISE_WORDS = ("公司", "商行", "茶行", "厂", "合作社", "店", "中心", "商贸", "企业", "工作室", "基地")

# Uses grouped into categories (editable in xlfund.toml [categories]); the first category
# with a keyword in the purpose wins, so the more specific ones come first.
DEFAULT_PURPOSE_GROUPS: dict[str, tuple[str, ...]] = {
    "物流快递": ("物流", "快递", "仓储", "配送", "冷链"),
    "人才培训": ("培训", "人才"),
    "设备购置": ("设备", "购置", "硬件", "添置", "购买"),
    "技术开发": ("技术", "开发", "软件", "系统", "研发", "升级", "服务器", "信息化", "云"),
    "推广营销": ("推广", "营销", "宣传", "品牌", "直通车", "销售"),
    "平台建设与运营": ("平台", "运营", "网店", "店铺", "商城", "网站", "旗舰店", "维护"),
}
OTHER_PURPOSE_GROUP = "其他"


def purpose_group_of(purpose: str, rules: dict[str, tuple[str, ...]]) -> str:
    """The first category whose keyword appears in the purpose, else 其他."""
    for category, words in rules.items():
        if any(word in purpose for word in words):
            return category
    return OTHER_PURPOSE_GROUP


# Where a record's district came from, as the detail sheet says it.
DISTRICT_SOURCES = {
    "column": "区县列", "group": "分组行", "sheet": "工作表名", "title": "表头标题", "filer": "填报单位行", "folder": "文件夹名",
    "file": "文件名", "none": "未识别",
}


_ENTERPRISE = re.compile("|".join(map(re.escape, ENTERPRISE_WORDS)))
_VILLAGE = re.compile("|".join(map(re.escape, VILLAGE_WORDS)))


def recipient_category(name: str) -> str:
    """企业, 村（社区） or 其他单位, from the recipient's name."""
    if _ENTERPRISE.search(name):
        return CATEGORY_ENTERPRISE
    if name.endswith(VILLAGE_ENDINGS) or _VILLAGE.search(name):
        return CATEGORY_VILLAGE
    return CATEGORY_OTHER


# Each setting of xlfund.toml by its Chinese name, for messages that name one ("fund.plan").
SETTING_NAMES = {
    "fund.name": "资金名称", "fund.year": "年度", "fund.cap": "资金上限", "fund.plan": "批复计划",
    "fund.target_recipients": "绩效目标单位数", "fund.districts": "区县名单", "fund.unit": "金额单位",
    "output.detail_max_rows": "每个明细表的行数上限", "columns.amount": "金额列", "scorecard.form": "自评表表样",
    "scorecard.computed": "由数据计算的指标", "quotas": "各区县下达额度", "scores": "自评分", "categories": "资金用途分类",
    "indicators": "指标的数据来源", "sheets.skip": "不计入的工作表",
    "scorecard.goal": "预期目标", "scorecard.achieved": "实际完成情况", "scorecard.department": "主管部门",
    "scorecard.implementer": "实施单位", "scorecard.reporter": "填报单位",
}


def setting_words(key: str) -> str:
    """"fund.plan" as the clerk finds it: 设置文件 [fund] 的 plan（批复计划）."""
    section, _, name = key.rpartition(".")
    where = f"设置文件 [{section}] 的 {name}" if section else f"设置文件的 [{name}]"
    chinese = SETTING_NAMES.get(key)
    return f"{where}（{chinese}）" if chinese else where


# Places: the endings of a district's name, and words that make a "…区" an institution or a
# label glued to its value ("项目名称江北新区"), never a place.
PLACE_ENDINGS = ("新区", "开发区", "区", "县", "市", "旗", "林区", "特区")
NOT_PLACE_WORDS = ("院", "校", "局", "厂", "店", "司", "馆", "站", "所", "队", "中心", "公司", "小区", "园区", "景区", "社区", "校区",
                   "院区", "厂区", "库区", "片区", "辖区", "各区", "全区", "本区",
                   "名称", "项目", "地址", "金额", "合计", "单位", "类别", "类型", "性质", "用途", "序号", "备注")
# Who filled the form in ("填报单位：高新区商务局"): a source of the district of its own.
# A cell that repeats the one above it ("同上" in a 区县 column).
DITTO_WORDS = ("同上", "同前", "〃", "”", "\"")
FILER_WORDS = ("填报单位", "报送单位", "申报单位", "填报部门", "报送部门")

# Words before an amount typed as text ("扶持9万元", "人民币12万元").
AMOUNT_LEADING_WORDS = ("人民币", "扶持资金", "扶持", "补助资金", "补助", "奖励", "奖补", "拨付", "计", "共计", "约")

# Units of counts and measures: a table stated in these is no allocation of money.
NOT_MONEY_UNITS = ("笔", "户", "人", "个", "亩", "吨", "%", "家", "次", "件", "台", "套", "平方米", "米", "公里", "头", "只", "株",
                   "项", "辆", "份", "册", "场", "期", "座", "条", "名", "位", "人次", "户次", "单", "票", "件次", "千克", "公斤", "天")
# An organisation after "单位：" ("单位：益阳市商务局") is who, not a unit.
ORGANISATION_WORDS = ("局", "委", "办", "厅", "政府", "公司", "中心", "院", "所", "部", "站", "区", "县", "市", "省", "镇", "乡", "村", "街道")

# A 备注 or status saying the grant did not happen, and the labels of columns that hold one.
CANCEL_WORDS = ("取消", "作废", "退回", "放弃", "暂缓", "不予", "收回", "撤销", "撤回", "注销", "未拨付", "不再拨付")
# Words that make a cancel word say less than "this grant did not happen": a part of it, a
# negation, an earlier step ("首期已拨付，余款暂缓拨付", "无需收回", "原单位退回指标后调剂给本单位").
CANCEL_QUALIFIERS = ("部分", "余款", "尾款", "剩余", "超出", "超过", "无需", "无须", "不需", "不用", "未被", "不得", "首期", "二期",
                     "后", "调剂", "给本单位", "原单位", "%", "％", "如", "若", "否则")
CANCEL_PLAIN_LENGTH = 10  # a status this short that says 取消 says it of the line; longer ones are asked about
STATUS_LABEL_WORDS = ("备注", "状态", "情况", "说明", "审核意见", "核定意见", "结果")

# Sheets kept for working, not reporting (their names or titles say so).
WORKING_SHEET_WORDS = ("测算", "计算", "草稿", "底稿", "副本", "备份", "原稿", "初稿", "旧", "作废", "试算", "核算", "临时", "copy")
# How a fund's name ends in a title, and the words every fund's name shares (left out when
# two names are compared).
FUND_ENDINGS = ("专项资金", "引导资金", "补助资金", "奖补资金", "扶持资金", "发展资金", "资金")
FUND_COMMON_WORDS = ("专项", "资金", "项目", "补助", "扶持", "发展", "引导", "奖补", "的", "市", "县", "区", "省",
                     "关于", "下达", "拨付", "安排", "分配")
