"""xlfund.sheet.district: which district a sheet, a title, a cell names; never a unit or a header word."""

from __future__ import annotations

import pytest
from unitkit import KNOWN

from xlfund.sheet.district import (
    canonical_district,
    district_alone,
    district_in_text,
    districts_in_text,
    known_in_text,
    looks_like_place,
    sheet_districts,
    sheet_name_district,
)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("高新区", True), ("赫山区", True), ("东区", True), ("南县", True), ("沅江市", True), ("达拉特旗", True),
        ("湘江新区", True), ("长沙经济技术开发区", True), ("益阳高新区", True), (" 高新区 ", True), ("大通湖区", True),
        ("一二三四五六七八九十一区", True),  # twelve characters: the longest name taken
        ("一二三四五六七八九十一二区", False),  # thirteen
        ("区", False), ("县", False),  # too short
        ("a区", False), ("A县", False), ("2区", False),  # Chinese only
        ("金湖村", False), ("万元", False), ("2018年", False),
        ("幼保健院丁家庄院区", False), ("工业园区", False), ("某某小区", False), ("全区", False), ("本区", False), ("某某社区", False),
        ("区县", False), ("县区", False), ("县市区", False), ("县(市、区)", False),  # header words
        ("两区", False), ("各县", False), ("三县市区", False), ("十个县", False),  # a count of places ("两区.xlsx")
    ],
)
def test_looks_like_place(text, place):
    assert looks_like_place(text) is place


def test_known_names_longest_first():
    assert known_in_text("益阳高新区", ("新区", "高新区")) == "高新区"
    assert known_in_text("益阳高新区", ("高新区", "新区")) == "高新区"
    assert known_in_text("ＡＢ区", ("AB区",)) == "AB区"
    assert known_in_text("赫山区", ("", "资阳区")) is None
    assert known_in_text("资阳区", ("  ", "资阳区")) == "资阳区"  # a blank name in the settings names nothing
    assert known_in_text("赫山区", ()) is None


@pytest.mark.parametrize(
    ("text", "known", "district"),
    [
        ("益阳市赫山区2018年电商资金分配表", (), "赫山区"),  # the city in front is not the district
        ("益阳市大通湖区2018年分配表", (), "大通湖区"),
        ("益阳高新区分配表", KNOWN, "高新区"),  # a configured name inside wins
        ("益阳高新区分配表", (), "益阳高新区"),
        ("（高新区）2018年分配表", (), "高新区"),
        ("2018年分配表（赫山区）", (), "赫山区"),
        ("填报单位：赫山区商务局", (), "赫山区"),
        ("高新区分配表 填报单位：赫山区商务局", (), None),  # a line naming two districts names neither (sheet_districts splits it)
        ("其中高新区204万元、赫山区177万元", ("高新区", "赫山区"), None),  # prose about several districts
        ("其中高新区204万元、赫山区177万元", (), None),
        ("赫山电商资金分配表", ("高新区", "赫山区"), "赫山区"),  # a unique short name
        ("2018年分配表（洞庭湖生态经济区）", (), "洞庭湖生态经济区"),  # a long name, taken only in brackets
        ("填报单位：益阳市大通湖区管委会 2018年", (), "大通湖区"),
        ("申报单位：大通湖区人民政府", (), "大通湖区"),
        ("报送单位:沅江市财政局", (), None),  # a city is not taken from running text
        ("填报单位：某某公司", (), None),
        ("电商资金分配表", (), None),
        ("关于下达（2018年）资金的通知", (), None),
        ("单位：万元", KNOWN, None),
        ("", KNOWN, None),
        ("   ", KNOWN, None),
    ],
)
def test_district_in_text(text, known, district):
    assert district_in_text(text, known) == district


def test_a_province_in_front_is_not_the_district():
    assert district_in_text("湖南省南县分配表", ()) == "南县"


@pytest.mark.parametrize(
    ("sheet", "known", "district"),
    [
        ("Sheet1", KNOWN, None), ("sheet2", KNOWN, None), ("明细表", KNOWN, None), ("汇总", KNOWN, None), ("工作表1", KNOWN, None),
        (" ", KNOWN, None), ("", KNOWN, None), ("2018", KNOWN, None),
        ("汇总（高新区）", KNOWN, None), ("明细-赫山区", (), None),  # a generic name says nothing, whatever follows
        ("高新区", KNOWN, "高新区"), ("高新区", (), "高新区"),
        ("益阳高新区", KNOWN, "高新区"), ("益阳高新区", (), "益阳高新区"),
        ("赫山区明细", KNOWN, "赫山区"), ("赫山区明细", (), None),
        ("大通湖区", KNOWN, "大通湖区"), ("益阳市大通湖区", KNOWN, "大通湖区"),
    ],
)
def test_sheet_name_district(sheet, known, district):
    assert sheet_name_district(sheet, known) == district


@pytest.mark.parametrize(
    ("named", "known", "district"),
    [
        ("高新区", KNOWN, "高新区"), ("益阳高新区", KNOWN, "高新区"), ("益阳高新区", (), "益阳高新区"),
        ("大通湖区", KNOWN, "大通湖区"), ("沅江市", KNOWN, "沅江市"), ("益阳市赫山区", KNOWN, "赫山区"),
        ("益阳市赫山区2018年", (), "赫山区"),
        ("金湖村", KNOWN, None), ("万元", KNOWN, None), ("区县", KNOWN, None), ("甲公司", KNOWN, None), ("", KNOWN, None),
    ],
)
def test_canonical_district(named, known, district):
    assert canonical_district(named, known) == district


def test_a_city_in_front_in_a_district_cell():
    assert canonical_district("益阳市赫山区", ()) == district_in_text("益阳市赫山区", ()) == "赫山区"


def test_sheet_districts_most_specific_first():
    assert sheet_districts("高新区", ["益阳市赫山区分配表"], KNOWN, ("资阳区", "分配"), "安化县") == [
        ("高新区", "sheet"), ("赫山区", "title"), ("资阳区", "folder"), ("安化县", "file")]


def test_sheet_districts_first_title_line_and_innermost_folder():
    assert sheet_districts("Sheet1", ["", "标题无", "资阳区名单", "赫山区"], KNOWN, ("赫山区", "高新区"), "名单") == [
        ("资阳区", "title"), ("高新区", "folder")]
    assert sheet_districts("Sheet1", [], KNOWN, ("赫山区", "2018"), "名单") == [("赫山区", "folder")]
    assert sheet_districts("Sheet1", ["单位：万元"], KNOWN, (), "分配表") == []


@pytest.mark.parametrize(
    ("text", "district"),
    [("湖南省南县分配表", "南县"), ("益阳市赫山区", "赫山区"), ("青岛市市北区", "市北区"), ("市北区", "市北区"), ("沙市区", "沙市区"),
     ("亳州市谯城区", "谯城区"), ("郑州高新区", "高新区"), ("湖南省益阳市赫山区分配表", "赫山区")],
)
def test_the_province_or_city_in_front_is_cut_off_and_no_more(text, district):
    assert district_in_text(text, ()) == district


def test_short_names_keep_two_characters():
    known = ("高新区", "赫山区", "南湖新区", "安化县")
    assert [district_in_text(t, known) for t in ("高新", "赫山", "南湖", "安化", "新")] == ["高新区", "赫山区", "南湖新区", "安化县", None]


@pytest.mark.parametrize(
    ("text", "districts"),
    [
        ("高新区和赫山区", ["高新区", "赫山区"]),  # no place ending before 赫山区: only the settings know it
        ("赫山高新区", ["高新区", "赫山区"]),  # a short form just before a full name
        ("高新区赫山", ["高新区", "赫山区"]),  # and just after
        ("益阳高新区", ["高新区"]),  # the short form 高新 inside 高新区 is not counted again
        ("赫山区赫山", ["赫山区"]),
        ("", []),
    ],
)
def test_every_district_a_line_names(text, districts):
    assert districts_in_text(text, ("高新区", "赫山区")) == districts


def test_the_filers_office_names_the_district():
    # The city in front of the title's place is not taken when the 填报单位 names the district itself.
    assert district_in_text("益阳高新区 填报单位：高新区商务局", ()) == "高新区"


def test_sheet_districts_from_a_filer_line_alone():
    assert sheet_districts("Sheet1", ["填报单位：赫山区商务局"], (), (), "名单") == [("赫山区", "filer")]
    assert sheet_districts("Sheet1", ["分配表", "填报单位（盖章）：赫山区商务局  2018年12月"], (), (), "名单") == [("赫山区", "filer")]


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("赫山区", "赫山区"),
        ("赫山", "赫山区"),  # the unique short name
        ("益阳市赫山区", "赫山区"),  # the city in front is no more
        ("湖南省益阳市高新区", "高新区"),
        ("益阳市桃江县", "桃江县"),  # a district the settings do not list
        ("沅江市", "沅江市"),  # a county-level city keeps its 市
        ("高新区电商协会", None),  # a district and more is a recipient
        ("益阳市高新区电商协会", None),
        ("金湖村", None),
    ],
)
def test_a_cell_that_is_a_district_alone(text, district):
    assert district_alone(text, ("高新区", "赫山区")) == district


def test_a_sentence_above_the_title_names_no_district():
    above = ["根据益财企〔2018〕12号文件，市级下达2018年电子商务发展引导资金490万元，其中赫山区204万元、资阳区177万元。",
             "高新区2018年电子商务发展引导资金分配表"]
    assert sheet_districts("Sheet1", above, (), (), "报送表1") == [("高新区", "title")]
