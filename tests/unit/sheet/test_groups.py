"""xlfund.sheet.groups: section and group headings, and the breakdown lines after a total."""

from __future__ import annotations

import pytest
from unitkit import KNOWN

from xlfund.sheet.groups import Group, breakdown_label, category_named, enumerated_heading, group_heading


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("企业", "企业"), ("企业类", "企业"), ("企业：", "企业"), ("企业合计", "企业"), ("公司共计", "企业"), ("市场主体", "企业"),
        ("村（社区）小计", "村（社区）"), ("村(社区)", "村（社区）"), ("贫困村类", "村（社区）"), ("社区", "村（社区）"), ("行政村", "村（社区）"),
        ("金湖村", None), ("甲公司", None), ("二、村（社区）", None), ("", None),
    ],
)
def test_category_named(text, category):
    assert category_named(text) == category


@pytest.mark.parametrize(
    ("texts", "heading"),
    [
        (["一、高新区", "", ""], (1, "高新区")),
        (["", "一、高新区"], (1, "高新区")),
        (["一、", "高新区", "12"], (1, "高新区")),  # the label in the next cell
        (["一、"], (1, "")),
        (["十一．赫山区"], (1, "赫山区")),
        (["二,企业"], (1, "企业")),
        (["（一）企业", "", "12"], (2, "企业")),
        (["(二)村(社区)"], (2, "村(社区)")),
        (["（十二）、资阳区"], (2, "资阳区")),
        (["（三）", "村"], (2, "村")),
        (["1", "甲公司"], None),
        (["一二三四、x"], None),
        (["", ""], None),
        ([], None),
    ],
)
def test_enumerated_heading(texts, heading):
    assert enumerated_heading(texts) == heading


def test_a_lone_enumerator_then_the_label():
    assert enumerated_heading(["一", "企业", "450"]) == (1, "企业")


@pytest.mark.parametrize(
    ("texts", "name", "seq", "group"),
    [
        (["一、高新区", "", ""], "", "", Group(1, "高新区", "高新区", None)),
        (["（一）企业", "", ""], "", "", Group(2, "企业", None, "企业")),
        (["二、大通湖区"], "", "", Group(1, "大通湖区", "大通湖区", None)),
        (["三、其他"], "", "", Group(1, "其他", None, None)),
        (["", "高新区", ""], "高新区", "", Group(3, "高新区", "高新区", None)),  # a bare district name
        (["", "大通湖区", ""], "大通湖区", "", Group(3, "大通湖区", "大通湖区", None)),
        (["", "赫山区 ", ""], "赫山区 ", "一", Group(3, "赫山区 ", "赫山区", None)),
        (["1", "高新区", ""], "高新区", "1", None),  # a numbered line is a recipient
        (["", "益阳高新区", ""], "益阳高新区", "", None),  # not the district's own name
        (["", "甲公司", ""], "甲公司", "", None),
        (["", "", ""], "", "", None),
    ],
)
def test_group_heading(texts, name, seq, group):
    assert group_heading(texts, name, KNOWN, seq) == group


@pytest.mark.parametrize(
    ("text", "after_breakdown", "label"),
    [
        ("其中：企业", False, "企业"),
        ("其中:村（社区）", False, "村(社区)"),
        ("其中，高新区", True, "高新区"),
        ("其中", False, "其中"),
        ("其中：", False, "其中"),
        ("村（社区）", True, "村(社区)"),  # the line after a breakdown
        ("村（社区）", False, None),
        ("甲公司", True, None),  # a recipient is never a breakdown
        ("益阳某某商贸公司", True, None),
        ("一二三四五六七八九十一二", True, "一二三四五六七八九十一二"),
        ("一二三四五六七八九十一二三", True, None),
        ("", True, None),
    ],
)
def test_breakdown_label(text, after_breakdown, label):
    assert breakdown_label(text, after_breakdown) == label


@pytest.mark.parametrize(
    ("texts", "heading"),
    [(["（一）", "企业"], (2, "企业")), (["二", "村（社区）", "40"], (1, "村(社区)")), (["一"], None), (["一", "甲公司", "5"], None),
     (["三", "赫山区"], (1, "赫山区")), (["", "十", "企业"], (1, "企业"))],  # the label alone after it
)
def test_a_lone_enumerator_heads_only_a_kind_or_a_district(texts, heading):
    assert enumerated_heading(texts) == heading
