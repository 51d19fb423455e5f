"""xlfund.sheet.columns, more: how far a synonym reaches inside a longer label, a name column
named by its words in front, and the amount as changed against the one it replaced."""

from __future__ import annotations

import pytest

from xlfund.sheet.columns import FINAL, GRANTED, PLAIN, REQUESTED, amount_rank, choose_columns, match_label


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        # a synonym inside a longer label counts up to 6 characters around it: 100 + 10 × 2 - 6
        ("一批电商专项资金", ("amount", None, 114)),
        ("第一批电商专项资金", (None, None, 0)),  # 7 more than 资金: names nothing
        # "…名称" whose words in front name another role, too long for 名称 itself to count
        ("项目实施地县市区名称", ("district", None, 125)),
        ("所在地乡镇名称", ("town", None, 137)),
    ],
)
def test_match_label_at_its_limits(label, expected):
    assert match_label(label) == expected


def test_a_long_district_name_label_beside_the_recipients():
    choice = choose_columns(["项目实施地县市区名称", "单位名称", "金额"])
    assert choice.columns == {"district": 0, "name": 1, "amount": 2}


@pytest.mark.parametrize(
    ("label", "rank"),
    [("原分配金额", REQUESTED), ("调整前金额", REQUESTED), ("原定补助金额", REQUESTED), ("调整后金额", FINAL), ("最终核定金额", FINAL),
     ("变更后补助", FINAL), ("核定补助", GRANTED), ("金额", PLAIN)],
)
def test_the_amount_as_changed_and_as_it_was(label, rank):
    assert amount_rank(label) == rank


@pytest.mark.parametrize(
    ("labels", "amount", "others"),
    [
        (["单位名称", "核定金额", "调整后金额"], 2, "“核定金额”"),  # the amount as changed over the one granted
        (["单位名称", "调整后金额", "核定金额"], 1, "“核定金额”"),
        (["单位名称", "原分配金额", "金额"], 2, "“原分配金额”"),  # the amount it replaced loses even to a plain 金额
        (["单位名称", "金额", "原分配金额"], 1, "“原分配金额”"),
    ],
)
def test_the_amount_as_changed_wins(labels, amount, others):
    choice = choose_columns(labels)
    assert (choice.columns["amount"], choice.ambiguous_amount, choice.reasons["amount"]) == (amount, (), f"“{labels[amount]}”（优先于{others}）")
