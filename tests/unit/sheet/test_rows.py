"""xlfund.sheet.rows: what kind of line a row is, from its texts (totals, notes, empty form
lines, stated amounts) and the cheap pre-checks of the reader's fast path."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xlfund.amounts import WAN
from xlfund.sheet.cells import Unreadable
from xlfund.sheet.rows import (
    is_amount,
    is_note,
    looks_like_title,
    may_be_special,
    no_text_before_name,
    only_sequence,
    prose_total,
    row_total_label,
    stated_amount,
    total_word,
)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("合计", "合计"), ("合 计", "合计"), ("总计：", "总计"), ("小计", "小计"), ("共计", "共计"), ("累计", "累计"),
        ("合计（含第二批追加资金，单位万元）", "合计"),  # starting with the word: any length
        ("其中：小计", "小计"),
        ("企业合计", "合计"), ("一季度小计", "小计"),
        ("一二三四五六七八小计", "小计"),  # ten characters ending with the word: a label
        ("一二三四五六七小计：", "小计"), ("一二三四五六七八小计：", None),  # the colon counts in the length
        ("一二三四五六七八九小计", None),  # eleven: a recipient's name that happens to end so
        ("合计公司", "合计"), ("公司合计用", None), ("甲公司", None), ("", None),
    ],
)
def test_total_word(text, word):
    assert total_word(text) == word


@pytest.mark.parametrize(
    ("text", "note"),
    [("注：以上已公示", True), ("填表人：张三", True), ("2018年12月20日", True), ("2018年12月", True), ("2018-12-20", True),
     ("2018/1/2", True), ("甲公司", False), ("2018年电商资金", False), ("20181220", False), ("", False)],
)
def test_is_note(text, note):
    assert is_note(text) is note


@pytest.mark.parametrize(
    ("name", "special"),
    [("合计", True), ("甲合计", True), ("甲乙丙合", True), ("甲乙丙丁合计", False),  # only the first four characters
     ("注：", True), ("甲公司", False), ("", False)],
)
def test_may_be_special(name, special):
    assert may_be_special(name) is special


@pytest.mark.parametrize(
    ("row", "empty"),
    [
        ([None, "", 1, 2.5, "甲公司"], True),  # nothing, or 序号 numbers, left of the name
        (["", "甲公司"], True),
        (["1", "甲公司"], False),  # a number as text is text
        (["合计", "甲公司"], False),
        ([True, "甲公司"], False),
        (["甲公司"], True),
    ],
)
def test_no_text_before_name(row, empty):
    assert no_text_before_name(row, {"name": len(row) - 1}) is empty


@pytest.mark.parametrize(
    ("texts", "col", "label"),
    [
        (["", "合计（含第二批追加资金）", "55"], {"seq": 0, "name": 1}, "合计"),  # in the name column: any length
        (["3", "小计", "5"], {"seq": 0, "name": 1}, "小计"),  # after a 序号
        (["", "", "赫山区合计", "5"], {"seq": 0, "name": 1, "district": 2}, "合计"),
        (["合计", "", "5"], {"seq": 0, "name": 1}, "合计"),
        (["", "", "总计", "5"], {"name": 1, "amount": 3}, "总计"),  # the first text, short, wherever it stands
        (["", "", "总计（含追加）", "5"], {"name": 1, "amount": 3}, None),  # long, outside the label columns
        (["", "甲公司", "5"], {"seq": 0, "name": 1}, None),
        (["", "", ""], {"seq": 5, "name": 1}, None),
    ],
)
def test_row_total_label(texts, col, label):
    assert row_total_label(texts, col) == label


@pytest.mark.parametrize(
    ("raw", "amount"),
    [(12, True), ("12", True), ("1,200.5", True), ("12万元", True), ("", False), (None, False), ("见附件", False),
     (Unreadable("#REF!"), False)],
)
def test_is_amount(raw, amount):
    assert is_amount(raw, WAN) is amount


@pytest.mark.parametrize(
    ("texts", "col", "only"),
    [(["3", "", ""], {"seq": 0, "name": 1}, True), (["", "", ""], {"seq": 0, "name": 1}, False),
     (["3", "甲", ""], {"seq": 0, "name": 1}, False), (["三", "", ""], {"seq": 0, "name": 1}, False),
     (["3", "", ""], {"name": 1}, False)],
)
def test_only_sequence(texts, col, only):
    assert only_sequence(texts, col) is only


@pytest.mark.parametrize(
    ("raw", "unit", "stated"),
    [
        (45, WAN, (Decimal(45), 0, "")),
        ("12.35", WAN, (Decimal("12.35"), 2, "")),
        (12345, "元", (Decimal("1.2345"), 4, "")),
        (None, WAN, (None, 0, "空白")),
        ("  ", WAN, (None, 0, "空白")),
        (Unreadable("formula"), WAN, (None, 0, "公式没有保存计算结果")),
        (Unreadable("#VALUE!"), WAN, (None, 0, "错误值 #VALUE!")),
    ],
)
def test_stated_amount(raw, unit, stated):
    assert stated_amount(raw, unit) == stated


def test_an_unreadable_stated_amount_says_why():
    value, places, reason = stated_amount("见附件", WAN)
    assert (value, places) == (None, 0) and reason


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("表二：赫山区分配表", True), ("附件2", True), ("赫山区资金分配表（第二批）", True), ("扶持企业名单：", True),
        ("资阳区项目明细", True), ("乙公司", False), ("益阳钟表有限公司", False), ("赫山区电商协会", False), ("表哥商贸", False),
    ],
)
def test_looks_like_title(text, title):
    assert looks_like_title(text) is title


@pytest.mark.parametrize(
    ("text", "stated"),
    [("以上共计6家企业，合计53万元。", ("53万元", 6)), ("合计：45万元", ("45万元", None)), ("共有12家", (None, 12)),
     ("总计补助为1,200元", ("1,200元", None)), ("其中高新区204万元", None), ("注：单位万元", None), ("", None)],
)
def test_prose_total(text, stated):
    assert prose_total(text) == stated
