"""xlfund.sheet.columns: each header label scored against each role; the amount column by rank."""

from __future__ import annotations

import pytest

from xlfund.sheet.columns import (
    GRANTED,
    OTHER,
    PART,
    PLAIN,
    REQUESTED,
    TOTAL,
    ColumnChoice,
    amount_rank,
    choose_columns,
    is_header_word,
    match_label,
)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # an exact synonym: 1000 + its length (a bracketed synonym with the same core counts its own length)
        ("单位名称", ("name", None, 1008)),
        ("企业名称：", ("name", None, 1008)),
        ("名称", ("name", None, 1002)),
        ("单位", ("name", None, 1002)),
        ("村（社区）名称", ("name", None, 1007)),
        ("企业(单位)名称", ("name", None, 1008)),
        ("金额", ("amount", None, 1002)),
        ("金额/", ("amount", None, 1002)),
        ("资金", ("amount", None, 1002)),
        ("扶持资金", ("amount", None, 1004)),
        ("核定金额", ("amount", None, 1004)),
        ("区县", ("district", None, 1005)),
        ("县（市、区）", ("district", None, 1006)),
        ("县(市、区)", ("district", None, 1006)),
        ("区(县)", ("district", None, 1004)),
        ("序号", ("seq", None, 1002)),
        ("备注", ("remark", None, 1002)),
        ("资金用途", ("purpose", None, 1004)),  # the longer synonym beats 资金 (amount)
        ("项目名称", ("purpose", None, 1004)),
        # the unit in the label is taken out and given back
        ("金额（万元）", ("amount", "万元", 1002)),
        ("金额(元)", ("amount", "元", 1002)),
        ("金额（元）", ("amount", "元", 1002)),
        ("（万元）", (None, "万元", 0)),
        # a bracketed core equal to a bracketed synonym's core: 900 + the synonym's length
        ("村(居)名称", ("name", None, 907)),
        ("单位名称（盖章）", ("name", None, 908)),
        # a synonym inside a longer label: 100 + 10 per character of the synonym - extra characters
        ("资金来源", ("amount", None, 118)),
        ("申请金额", ("amount", None, 118)),
        ("项目单位名称", ("name", None, 138)),
        ("补助资金金额", ("amount", None, 138)),
        ("本次拨付金额（万元）", ("amount", "万元", 138)),
        ("拟安排资金", ("amount", None, 139)),
        ("扶持资金（万元）合计", ("amount", "万元", 138)),
        # counts of recipients, totals and source parts name no role
        ("企业数（家）", (None, None, 0)),
        ("企业个数", (None, None, 0)),
        ("受助单位数量", (None, None, 0)),
        ("合计", (None, None, 0)),
        ("其中：省级", (None, None, 0)),
        ("总投资", ("amount", None, 1003)),  # a money label, never taken (its rank is OTHER)
        ("", (None, None, 0)),
        ("说明文字很长很长的一段话里面有金额二字而且还很长", (None, None, 0)),
        # two synonyms of one length inside a label: the role listed first in the vocabulary wins the tie
        ("区县资金", ("amount", None, 118)),
        ("乡镇资金（万元）", ("amount", "万元", 118)),
    ],
)
def test_match_label(label, expected):
    assert match_label(label) == expected


@pytest.mark.parametrize(("label", "role"), [("县区名称", "district"), ("地区名称", "district"), ("街道名称", "town"), ("所属街道名称", "town"),
                                             ("所在县市区名称", "district")])
def test_a_district_or_town_name_column(label, role):
    assert choose_columns([label, "单位名称", "金额"]).columns == {role: 0, "name": 1, "amount": 2}


@pytest.mark.parametrize(
    ("label", "rank"),
    [
        ("金额", PLAIN), ("资金", PLAIN), ("金额（万元）", PLAIN),
        ("扶持资金", GRANTED), ("核定金额", GRANTED), ("本次拨付金额（万元）", GRANTED), ("补助资金金额", GRANTED),
        ("合计", TOTAL), ("合计金额", TOTAL), ("金额 合计", TOTAL), ("扶持资金（万元）合计", TOTAL),
        ("其中：省级", PART), ("市级", PART), ("其中：中央", PART), ("省补资金", PART),
        ("申请金额", REQUESTED), ("申报金额", REQUESTED), ("拟安排资金", REQUESTED), ("金额大写", REQUESTED), ("大写金额", REQUESTED),
        ("资金来源", OTHER), ("自筹资金", OTHER), ("总投资", OTHER), ("资金用途", OTHER),
    ],
)
def test_amount_rank(label, rank):
    assert amount_rank(label) == rank


def test_the_ranks_are_ordered():
    assert (GRANTED, TOTAL, PLAIN, PART, REQUESTED, OTHER) == (4, 3, 2, 1, 0, -1)


def test_granted_beats_requested_whatever_the_order():
    choice = choose_columns(["序号", "单位名称", "申请金额", "核定金额", "资金用途"])
    assert choice == ColumnChoice(
        columns={"seq": 0, "name": 1, "purpose": 4, "amount": 3},
        units={"seq": None, "name": None, "purpose": None, "amount": None},
        reasons={"seq": "“序号”", "name": "“单位名称”", "purpose": "“资金用途”", "amount": "“核定金额”（优先于“申请金额”）"},
    )


def test_two_columns_that_fit_equally_are_ambiguous():
    choice = choose_columns(["单位名称", "第一批拨付金额", "第二批拨付金额"])
    assert choice.ambiguous_amount == (1, 2)
    assert choice.columns == {"name": 0, "amount": 1}
    assert choice.reasons["amount"] == "“第一批拨付金额”（优先于“第二批拨付金额”）"


def test_the_clerks_choice_settles_it():
    choice = choose_columns(["单位名称", "第一批拨付金额", "第二批拨付金额"], "第二批")
    assert (choice.columns, choice.ambiguous_amount) == ({"name": 0, "amount": 2}, ())
    assert choice.reasons["amount"] == "“第二批拨付金额”（按设置 columns.amount）"
    # a choice that names no amount column is ignored
    choice = choose_columns(["单位名称", "核定金额", "申请金额"], "下达")
    assert (choice.columns["amount"], choice.reasons["amount"]) == (1, "“核定金额”（优先于“申请金额”）")
    # full-width text in the setting or the label still matches
    assert choose_columns(["单位名称", "金额１", "金额２"], "金额2").columns["amount"] == 2


def test_a_split_amount_takes_the_total_and_checks_the_parts():
    choice = choose_columns(["单位名称", "合计", "其中：省级", "市级"])
    assert (choice.columns, choice.amount_parts, choice.ambiguous_amount) == ({"name": 0, "amount": 1}, (2, 3), ())
    assert choice.reasons["amount"] == "“合计”（优先于“其中：省级”、“市级”）"
    assert choice.units == {"name": None, "amount": None}


def test_parts_only_with_a_total():
    choice = choose_columns(["单位名称", "金额", "其中：省级"])
    assert (choice.columns["amount"], choice.amount_parts) == (1, ())


def test_no_allocation_among_other_amounts():
    choice = choose_columns(["单位名称", "总投资", "自筹资金"])
    assert choice == ColumnChoice(columns={"name": 0}, units={"name": None}, reasons={"name": "“单位名称”"})


def test_the_unit_of_the_amount_column():
    choice = choose_columns(["单位名称", "金额（元）", "企业名称"])
    assert (choice.columns, choice.units) == ({"name": 0, "amount": 1}, {"name": None, "amount": "元"})


@pytest.mark.parametrize(
    ("labels", "columns"),
    [
        (["企业名称", "单位名称", "金额"], {"name": 0, "amount": 2}),  # equal scores: the leftmost
        (["单位名称", "企业名称", "金额"], {"name": 0, "amount": 2}),
        (["项目单位名称", "单位名称", "金额"], {"name": 1, "amount": 2}),  # exact beats contained
        (["资金来源", "单位名称", "金额"], {"name": 1, "amount": 2}),  # 金额 beats 资金来源
        (["镇名称", "村名称", "金额"], {"town": 0, "name": 1, "amount": 2}),
        (["县（市、区）", "单位", "资金"], {"district": 0, "name": 1, "amount": 2}),
        (["", None, "单位名称", "金额"], {"name": 2, "amount": 3}),
    ],
)
def test_best_match_not_first_match(labels, columns):
    assert choose_columns(labels).columns == columns


@pytest.mark.parametrize(
    ("labels", "amount"),
    [
        (["序号", "单位名称", "项目总投资", "申请金额", "核定补助", "资金用途"], 4),  # 核定 over 申请, investment never
        (["序号", "单位名称", "申请补助", "核定补助"], 3),
        (["单位名称", "核定补助（万元）", "项目总投资"], 1),
        (["单位名称", "原分配金额（万元）", "调整后金额（万元）"], 2),  # the amount as changed
        (["单位名称", "调整后金额", "原分配金额"], 1),
        (["单位名称", "调整前金额", "变更后金额"], 2),
        (["单位名称", "补助类别", "补助金额"], 2),  # 补助 alone names no amount
    ],
)
def test_which_amount_a_header_allocates(labels, amount):
    choice = choose_columns(labels)
    assert (choice.columns["amount"], choice.ambiguous_amount) == (amount, ())


@pytest.mark.parametrize(
    ("text", "word"),
    [("金额（万元）", True), ("资金用途", True), ("区县", True), ("备注：", True), ("序号", True),
     ("单位名称", False), ("甲公司", False), ("金额公司", False), ("", False), ("赫山区资金管理中心", False)],
)
def test_is_header_word(text, word):
    assert is_header_word(text) is word


@pytest.mark.parametrize(
    ("labels", "forced", "amount", "ambiguous"),
    [
        (["单位名称", "申请金额", "金额"], "金额", 2, ()),  # the label as written, not one that holds it
        (["单位名称", "申请金额", "金额（万元）"], "金额", 2, ()),
        (["单位名称", "申请金额", "资金安排情况 金额"], "金额", 2, ()),  # a two-row label by its lower part
        (["单位名称", "第一批金额", "第二批金额"], "第二批", 2, ()),
        (["单位名称", "金额", "单位名称", "金额"], "金额", 1, (1, 3)),  # side by side: no setting chooses
    ],
)
def test_the_amount_column_the_settings_name(labels, forced, amount, ambiguous):
    choice = choose_columns(labels, forced)
    assert (choice.columns["amount"], choice.ambiguous_amount) == (amount, ambiguous)
