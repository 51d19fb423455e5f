"""A gallery of table layouts as Chinese finance offices really make them (issue 11).

Each layout writes its input file(s) into a folder and states, computed by hand from the rows it
writes, what a correct reading gives: the number of recipients, the total in 万元 and each
district's recipients and total. It also lists every number the submitter states (合计, 小计,
group subtotals, summary-sheet rows) so a test can check that a reading which disagrees with one
of them says so with an error.

Amounts are in 万元 unless a layout says otherwise; expectations are always in 万元.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

HEAD = ["序号", "单位名称", "金额（万元）", "资金用途"]
CONFIG = '[fund]\nname = "益阳市电子商务发展引导资金"\nyear = 2018\ndistricts = ["高新区", "赫山区", "资阳区", "安化县"]\n'


@dataclass(frozen=True)
class Stated:
    """A number the sheet states, in 万元, and what it is the total of.

    With `district`, that district's total; with `names`, the sum over those recipients; with
    neither, the grand total of the layout. `file` is the (member) file name it is stated in.
    """

    value: str
    file: str
    district: str | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    name: str
    build: Callable[[Path], None]
    count: int
    total: str
    districts: dict[str, tuple[int, str]]
    stated: tuple[Stated, ...] = ()
    # error codes that must be reported even by a right reading (the data itself is wrong)
    must_error: tuple[str, ...] = ()
    # a reader may refuse this layout instead, with an error located in the file
    refusable: bool = False
    note: str = field(default="", compare=False)


LAYOUTS: list[Layout] = []


def layout(name: str, count: int, total: str, districts: dict[str, tuple[int, str]], **more) -> Callable:
    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        LAYOUTS.append(Layout(name, build, count, total, districts, note=(build.__doc__ or "").strip(), **more))
        return build

    return register


# ---------------------------------------------------------------- helpers

Rows = list[list[object]]


def fill_book(book: openpyxl.Workbook, sheets: list[tuple[str, Rows, tuple[str, ...]]]) -> openpyxl.Workbook:
    for index, (title, rows, merges) in enumerate(sheets):
        ws = book.active if index == 0 else book.create_sheet()
        ws.title = title
        for row in rows:
            ws.append(row)
        for merged in merges:
            ws.merge_cells(merged)
    return book


def workbook(path: Path, *sheets: tuple) -> None:
    """Write sheets given as (name, rows) or (name, rows, merges) to an .xlsx file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fill_book(openpyxl.Workbook(), [(s[0], s[1], s[2] if len(s) > 2 else ()) for s in sheets]).save(path)


def xlsx_bytes(*sheets: tuple) -> bytes:
    buffer = io.BytesIO()
    fill_book(openpyxl.Workbook(), [(s[0], s[1], s[2] if len(s) > 2 else ()) for s in sheets]).save(buffer)
    return buffer.getvalue()


def records(items: list[tuple], serial: list[object] | None = None, purpose: str = "平台运营") -> Rows:
    """Rows 序号 | name | amount | purpose; an item may carry its own purpose as third element."""
    rows: Rows = []
    for i, item in enumerate(items):
        number = serial[i] if serial else i + 1
        rows.append([number, item[0], item[1], item[2] if len(item) > 2 else purpose])
    return rows


def simple(title: str | None, items: list[tuple], total: object, head: list[str] = HEAD) -> Rows:
    rows: Rows = [[title]] if title else []
    return [*rows, head, *records(items), ["合计", None, total, None]]


class _RawNameInfo(zipfile.ZipInfo):
    """A zip entry whose name is written as given bytes (cp437-decoded) without the UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 - overrides zipfile's private hook
        return self.filename.encode("cp437"), self.flag_bits & ~0x800


def gbk_zip(path: Path, members: dict[str, bytes]) -> None:
    """A zip as Windows tools make it: member names in GBK, flag bit 0x800 not set."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = _RawNameInfo(name.encode("gbk").decode("cp437"), date_time=(2018, 12, 20, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


# ---------------------------------------------------------------- the seven city/district cases of issue 11


@layout("city_group_rows_with_subtotal", 5, "75", {"高新区": (2, "30"), "赫山区": (2, "25"), "安化县": (1, "20")},
        stated=(Stated("75", "益阳市分配表.xlsx"), Stated("30", "益阳市分配表.xlsx", "高新区"),
                Stated("25", "益阳市分配表.xlsx", "赫山区"), Stated("20", "益阳市分配表.xlsx", "安化县")))
def city_group_rows_with_subtotal(folder: Path) -> None:
    """One city list; districts as group rows 一、高新区 carrying the group subtotal; 单位：万元 line."""
    workbook(folder / "益阳市分配表.xlsx", ("Sheet1", [
        ["益阳市2018年电子商务发展引导资金分配表"],
        [None, None, None, "单位：万元"],
        ["序号", "单位名称", "金额", "资金用途"],
        ["一、高新区", None, 30, None],
        *records([("益阳市云端电子商务有限公司", 18), ("湖南益丰农产品电商有限公司", 12, "网店建设")]),
        ["二、赫山区", None, 25, None],
        *records([("益阳市赫山区金湖村电商服务站", 10, "站点建设"), ("益阳市银城物流有限公司", 15, "物流配送")]),
        ["三、安化县", None, 20, None],
        *records([("安化县黑茶电子商务有限公司", 20, "品牌推广")]),
        ["合计", None, 75, None],
    ], ("A1:D1", "A4:B4", "A7:B7", "A10:B10", "A12:B12")))


@layout("city_paren_groups", 4, "46", {"赫山区": (2, "22"), "资阳区": (2, "24")},
        stated=(Stated("46", "分配表.xlsx"), Stated("22", "分配表.xlsx", "赫山区"), Stated("24", "分配表.xlsx", "资阳区")))
def city_paren_groups(folder: Path) -> None:
    """（一）赫山区 group rows: （一） in 序号, the district in the name column, subtotal beside; 总计."""
    workbook(folder / "分配表.xlsx", ("Sheet1", [
        ["益阳市2018年电子商务发展引导资金安排表"],
        ["序号", "项目单位", "扶持金额（万元）", "主要用途"],
        ["（一）", "赫山区", 22, None],
        ["1", "益阳市龙岭电商产业孵化有限公司", 12, "孵化基地"],
        ["2", "益阳市赫山区兰溪镇电商服务中心", 10, "服务中心运营"],
        ["（二）", "资阳区", 24, None],
        ["1", "益阳市资阳区长春镇电子商务服务站", 9, "站点建设"],
        ["2", "湖南资江农产品电子商务有限公司", 15, "网店建设"],
        ["总计", None, 46, None],
    ]))


@layout("total_directly_under_header", 4, "33", {"资阳区": (4, "33")}, stated=(Stated("33", "分配表.xlsx"),))
def total_directly_under_header(folder: Path) -> None:
    """合计 row directly under the header, above the records; district in the title only."""
    workbook(folder / "分配表.xlsx", ("Sheet1", [
        ["资阳区2018年电子商务发展引导资金分配表"],
        ["序号", "企业名称", "金额（万元）", "资金用途"],
        ["合计", None, 33, None],
        *records([("益阳市资阳区茈湖口镇电商服务站", 8, "站点建设"), ("益阳市桃花仑电子商务有限公司", 10),
                  ("湖南益阳松竹农业科技有限公司", 6.5, "网店建设"), ("益阳市资阳区新桥河镇电商服务中心", 8.5, "站点建设")]),
    ], ("A3:B3",)))


@layout("county_column_xian_shi_qu", 5, "48", {"高新区": (2, "25"), "赫山区": (1, "7"), "安化县": (2, "16")},
        stated=(Stated("48", "市级分配表.xlsx"),))
def county_column_xian_shi_qu(folder: Path) -> None:
    """District column headed 县（市、区）; 单位：万元 at the right end of the second row."""
    workbook(folder / "市级分配表.xlsx", ("Sheet1", [
        ["益阳市2018年电子商务发展引导资金分配表"],
        [None, None, None, None, "单位：万元"],
        ["序号", "县（市、区）", "单位名称", "下达资金", "资金用途"],
        [1, "高新区", "益阳市锦程电子商务有限公司", 16, "平台运营"],
        [2, "高新区", "益阳市拓普网络科技有限公司", 9, "网店建设"],
        [3, "赫山区", "益阳市赫山区泥江口镇电商服务站", 7, "站点建设"],
        [4, "安化县", "安化县云台山茶业电子商务有限公司", 11, "品牌推广"],
        [5, "安化县", "安化县梅城镇电商服务中心", 5, "站点建设"],
        ["合计", None, None, 48, None],
    ], ("A1:E1",)))


@layout("summary_sheet_plus_district_sheets", 6, "57", {"高新区": (2, "26"), "赫山区": (2, "17"), "安化县": (2, "14")},
        stated=(Stated("57", "2018年分配表.xlsx"), Stated("26", "2018年分配表.xlsx", "高新区"),
                Stated("17", "2018年分配表.xlsx", "赫山区"), Stated("14", "2018年分配表.xlsx", "安化县")))
def summary_sheet_plus_district_sheets(folder: Path) -> None:
    """A 汇总 sheet (one row per district) plus one sheet per district.

    Real files hold formulas such as =SUM(高新区!C3:C4) in the summary with cached values;
    openpyxl cannot store cached values, so the summary is written with numbers instead.
    """
    def district(items: list[tuple], total: object) -> Rows:
        return [HEAD, *records(items), ["合计", None, total, None]]

    workbook(folder / "2018年分配表.xlsx",
             ("汇总", [["2018年电子商务发展引导资金分配汇总表"], ["序号", "区县", "金额（万元）", "备注"],
                      [1, "高新区", 26, None], [2, "赫山区", 17, None], [3, "安化县", 14, None], ["合计", None, 57, None]]),
             ("高新区", district([("益阳市云海网络科技有限公司", 14), ("湖南高新电商产业园管理有限公司", 12)], 26)),
             ("赫山区", district([("益阳市赫山区笔架山乡电商服务站", 10), ("益阳市众鑫电子商务有限公司", 7)], 17)),
             ("安化县", district([("安化县白沙溪茶厂电子商务部", 6), ("安化县小淹镇电商服务中心", 8)], 14)))


@layout("requested_and_approved_amounts", 3, "45", {"高新区": (3, "45")}, stated=(Stated("45", "申报汇总.xlsx"),))
def requested_and_approved_amounts(folder: Path) -> None:
    """Two amount columns 申请金额 | 核定金额: the granted one counts."""
    workbook(folder / "申报汇总.xlsx", ("高新区", [
        ["序号", "单位名称", "申请金额（万元）", "核定金额（万元）", "资金用途"],
        [1, "益阳市星辰电子商务有限公司", 30, 20, "平台运营"],
        [2, "湖南梓山湖农业电商有限公司", 25, 15, "网店建设"],
        [3, "益阳市高新区谢林港镇电商服务站", 18, 10, "站点建设"],
        ["合计", None, 73, 45, None],
    ]))


FIRMS_HS = ("益阳市华兴电子商务有限公司", "湖南赫山农业科技有限公司")
VILLAGES_HS = ("金湖村", "新桥村")


@layout("breakdown_after_total", 4, "30", {"赫山区": (4, "30")},
        stated=(Stated("30", "赫山区.xlsx"), Stated("20", "赫山区.xlsx", names=FIRMS_HS), Stated("10", "赫山区.xlsx", names=VILLAGES_HS)))
def breakdown_after_total(folder: Path) -> None:
    """其中：企业 … / 村（社区）… lines breaking the total down after the 合计 row."""
    workbook(folder / "赫山区.xlsx", ("Sheet1", [
        ["赫山区2018年电子商务发展引导资金分配表"],
        HEAD,
        *records([(FIRMS_HS[0], 12), (FIRMS_HS[1], 8), (VILLAGES_HS[0], 5, "扶贫村电商站点"), (VILLAGES_HS[1], 5, "扶贫村电商站点")]),
        ["合计", None, 30, None],
        [None, "其中：企业", 20, None],
        [None, "      村（社区）", 10, None],
    ]))


@layout("folder_per_district", 6, "42.5", {"高新区": (2, "20"), "赫山区": (2, "13"), "资阳区": (2, "9.5")},
        stated=(Stated("20", "高新区/分配表.xlsx", "高新区"), Stated("13", "赫山区/分配表.xlsx", "赫山区"),
                Stated("9.5", "资阳区/分配表.xlsx", "资阳区")))
def folder_per_district(folder: Path) -> None:
    """One subfolder per district, each holding 分配表.xlsx whose title names no district."""
    title = "电子商务发展引导资金分配表"
    workbook(folder / "高新区" / "分配表.xlsx", ("Sheet1", simple(title, [("益阳市宏达电子商务有限公司", 11), ("益阳市智联网络科技有限公司", 9)], 20)))
    workbook(folder / "赫山区" / "分配表.xlsx", ("Sheet1", simple(title, [("益阳市赫山区沧水铺镇电商服务站", 7), ("益阳市湘益物流有限公司", 6)], 13)))
    workbook(folder / "资阳区" / "分配表.xlsx", ("Sheet1", simple(title, [("益阳市资阳区迎风桥镇电商服务站", 5), ("湖南资阳竹业电子商务有限公司", 4.5)], 9.5)))


@layout("zip_with_gbk_member_names", 4, "45", {"高新区": (2, "25"), "安化县": (2, "20")},
        stated=(Stated("25", "高新区.xlsx", "高新区"), Stated("20", "安化县.xlsx", "安化县")))
def zip_with_gbk_member_names(folder: Path) -> None:
    """A .zip of the submissions as sent from a Windows PC: member names in GBK, no UTF-8 flag."""
    title = "2018年电子商务发展引导资金分配表"
    gbk_zip(folder / "2018年各区县报送材料.zip", {
        "各区县报送/高新区.xlsx": xlsx_bytes(("Sheet1", simple(title, [("益阳市博远电子商务有限公司", 15), ("益阳市高新区朝阳街道电商服务站", 10)], 25))),
        "各区县报送/安化县.xlsx": xlsx_bytes(("Sheet1", simple(title, [("安化县高马二溪茶业有限公司", 8), ("安化县江南镇电商服务中心", 12)], 20))),
    })


# ---------------------------------------------------------------- cases seen in public files


@layout("source_column_before_amount", 3, "24", {"资阳区": (3, "24")}, stated=(Stated("24", "资阳区资金分配.xlsx"),))
def source_column_before_amount(folder: Path) -> None:
    """A 资金来源 column (省级/市级) left of the 金额 column."""
    workbook(folder / "资阳区资金分配.xlsx", ("资阳区", [
        ["序号", "单位名称", "资金来源", "金额（万元）", "资金用途"],
        [1, "益阳市资阳区张家塞乡电商服务站", "省级", 10, "站点建设"],
        [2, "湖南资阳百味食品电子商务有限公司", "市级", 6, "网店建设"],
        [3, "益阳市资阳区沙头镇电商服务中心", "省级", 8, "站点建设"],
        ["合计", None, None, 24, None],
    ]))


VILLAGES_MC = ("金湖村", "启安村")
VILLAGES_DP = ("黄沙坪村", "唐家观村")


@layout("town_and_village_columns", 4, "10", {"安化县": (4, "10")},
        stated=(Stated("10", "扶贫村补助.xlsx"),))
def town_and_village_columns(folder: Path) -> None:
    """镇名称 | 村名称 | 金额: the recipients are the villages; towns merged down."""
    workbook(folder / "扶贫村补助.xlsx", ("Sheet1", [
        ["安化县2018年电子商务进农村扶贫村补助资金分配表"],
        ["序号", "镇名称", "村名称", "金额（万元）"],
        [1, "梅城镇", VILLAGES_MC[0], 3],
        [2, None, VILLAGES_MC[1], 2],
        [3, "东坪镇", VILLAGES_DP[0], 3],
        [4, None, VILLAGES_DP[1], 2],
        ["合计", None, None, 10],
    ], ("B3:B4", "B5:B6")))


@layout("district_column_qu_xian", 3, "21", {"资阳区": (2, "12"), "赫山区": (1, "9")}, stated=(Stated("21", "名单.xlsx"),))
def district_column_qu_xian(folder: Path) -> None:
    """District column headed 区（县）."""
    workbook(folder / "名单.xlsx", ("Sheet1", [
        ["序号", "区（县）", "单位名称", "金额（万元）", "用途"],
        [1, "资阳区", "益阳市资阳区汽车站电商快递服务部", 7, "物流配送"],
        [2, "资阳区", "湖南益阳马良电子商务有限公司", 5, "网店建设"],
        [3, "赫山区", "益阳市赫山区衡龙桥镇电商服务站", 9, "站点建设"],
        ["合计", None, None, 21, None],
    ]))


@layout("running_text_with_yuanqu", 3, "18", {"赫山区": (3, "18")}, stated=(Stated("18", "赫山区.xlsx"),))
def running_text_with_yuanqu(folder: Path) -> None:
    """Title and a note with "…东院区" (a hospital campus, not a district); the file name says 赫山区."""
    workbook(folder / "赫山区.xlsx", ("Sheet1", [
        ["益阳市第三人民医院东院区等3家单位互联网医疗服务补助资金分配表"],
        HEAD,
        *records([("益阳市第三人民医院东院区", 8, "线上问诊平台"), ("益阳市赫山区人民医院", 6, "线上问诊平台"),
                  ("益阳市赫山区妇幼保健院", 4, "预约挂号系统")]),
        ["合计", None, 18, None],
        ["注：益阳市第三人民医院东院区位于赫山区龙岭工业园。"],
    ]))


@layout("title_states_unit_yuan", 3, "28", {"高新区": (3, "28")}, stated=(Stated("28", "高新区.xlsx"),))
def title_states_unit_yuan(folder: Path) -> None:
    """The title ends in （元）: amounts are in 元 (280000 元 = 28 万元)."""
    workbook(folder / "高新区.xlsx", ("Sheet1", simple("高新区2018年电子商务发展引导资金分配表（元）", [
        ("益阳市鼎盛电子商务有限公司", 150000), ("益阳市高新区龙光桥街道电商服务站", 80000), ("湖南优品汇网络科技有限公司", 50000),
    ], 280000, ["序号", "企业名称", "扶持金额", "资金用途"])))


# ---------------------------------------------------------------- more layouts offices make


@layout("vertical_merged_district_cells", 5, "31", {"高新区": (3, "18"), "赫山区": (2, "13")}, stated=(Stated("31", "分配表.xlsx"),))
def vertical_merged_district_cells(folder: Path) -> None:
    """区县 column merged vertically over each district's rows."""
    workbook(folder / "分配表.xlsx", ("Sheet1", [
        ["益阳市2018年电子商务发展引导资金分配表"],
        ["序号", "区县", "单位名称", "金额（万元）", "资金用途"],
        [1, "高新区", "益阳市凯达电子商务有限公司", 5, "平台运营"],
        [2, None, "益阳市云联科技有限公司", 6, "网店建设"],
        [3, None, "益阳市高新区东部新区电商服务站", 7, "站点建设"],
        [4, "赫山区", "益阳市赫山区欧江岔镇电商服务站", 9, "站点建设"],
        [5, None, "湖南赫山米业电子商务有限公司", 4, "网店建设"],
        ["合计", None, None, 31, None],
    ], ("A1:E1", "B3:B5", "B6:B7", "A8:C8")))


@layout("total_in_first_column", 3, "23", {"资阳区": (3, "23")}, stated=(Stated("23", "资阳区.xlsx"),))
def total_in_first_column(folder: Path) -> None:
    """"合  计" (spaced) in the 序号 column, merged over 序号 and name."""
    workbook(folder / "资阳区.xlsx", ("Sheet1", [
        HEAD,
        *records([("益阳市资阳区长春经济开发区电商中心", 8), ("湖南益阳茶乡电子商务有限公司", 7), ("益阳市资阳区李昌港乡电商服务站", 8, "站点建设")]),
        ["合  计", None, 23, None],
    ], ("A5:B5",)))


@layout("total_in_name_column", 2, "19", {"安化县": (2, "19")}, stated=(Stated("19", "分配明细.xlsx"),))
def total_in_name_column(folder: Path) -> None:
    """合计 in the name column, 序号 empty; district from the sheet name."""
    workbook(folder / "分配明细.xlsx", ("安化县", [
        HEAD,
        *records([("安化县华莱电子商务有限公司", 10), ("安化县东坪镇电商服务中心", 9, "站点建设")]),
        [None, "合计", 19, None],
    ]))


FIRMS_GX = ("益阳市佳和电子商务有限公司", "益阳市瑞丰网络科技有限公司")
VILLAGES_GX = ("青山村", "金湖村")


@layout("category_subtotals", 4, "23", {"高新区": (4, "23")},
        stated=(Stated("23", "高新区.xlsx"), Stated("18", "高新区.xlsx", names=FIRMS_GX), Stated("5", "高新区.xlsx", names=VILLAGES_GX)))
def category_subtotals(folder: Path) -> None:
    """Category headings 一、/二、 without amounts, a 小计 after each category, then 合计."""
    workbook(folder / "高新区.xlsx", ("Sheet1", [
        HEAD,
        ["一、电商企业"],
        *records([(FIRMS_GX[0], 10), (FIRMS_GX[1], 8)]),
        ["小计", None, 18, None],
        ["二、扶贫村"],
        *records([(VILLAGES_GX[0], 3, "村级电商站点"), (VILLAGES_GX[1], 2, "村级电商站点")]),
        ["小计", None, 5, None],
        ["合计", None, 23, None],
    ]))


@layout("serial_numbers_mixed", 4, "23", {"赫山区": (4, "23")}, stated=(Stated("23", "赫山区.xlsx"),))
def serial_numbers_mixed(folder: Path) -> None:
    """序号 with （一） headings, 1./2. items and ①/② items."""
    workbook(folder / "赫山区.xlsx", ("Sheet1", [
        HEAD,
        ["（一）", "农村电商服务站点建设", None, None],
        *records([("益阳市赫山区岳家桥镇电商服务站", 4, "站点建设"), ("益阳市赫山区八字哨镇电商服务站", 3, "站点建设")], ["1.", "2."]),
        ["（二）", "电商企业扶持", None, None],
        *records([("益阳市橘香园电子商务有限公司", 10), ("湖南赫山湘莲电子商务有限公司", 6)], ["①", "②"]),
        ["合计", None, 23, None],
    ]))


@layout("blank_separator_rows", 4, "21", {"资阳区": (4, "21")}, stated=(Stated("21", "资阳区.xlsx"),))
def blank_separator_rows(folder: Path) -> None:
    """Blank rows between groups of records and before the 合计."""
    workbook(folder / "资阳区.xlsx", ("Sheet1", [
        ["资阳区2018年电子商务发展引导资金分配表"],
        HEAD,
        *records([("益阳市资阳区宝林冲电商服务站", 6, "站点建设"), ("湖南资水农产品网络营销有限公司", 5)]),
        [],
        *records([("益阳市正和电子商务有限公司", 7), ("益阳市资阳区过鹿坪镇电商服务站", 3, "站点建设")]),
        [],
        [],
        ["合计", None, 21, None],
    ]))


@layout("header_repeated_per_page", 6, "24", {"安化县": (6, "24")}, stated=(Stated("24", "安化县.xlsx"),))
def header_repeated_per_page(folder: Path) -> None:
    """The header row repeated after each printed page (copied, not set as print titles)."""
    workbook(folder / "安化县.xlsx", ("Sheet1", [
        ["安化县2018年电子商务发展引导资金分配表"],
        HEAD,
        *records([("安化县云上茶业电子商务有限公司", 5), ("安化县仙溪镇电商服务站", 4, "站点建设"), ("安化县梅山文化传播有限公司", 3)]),
        HEAD,
        [4, "安化县冷市镇电商服务中心", 6, "站点建设"],
        [5, "安化县黑美人茶业电子商务有限公司", 2, "网店建设"],
        [6, "安化县乐安镇电商服务站", 4, "站点建设"],
        ["合计", None, 24, None],
    ]))


FIRMS_ZY = ("益阳市宏远电子商务有限公司", "湖南益阳三利网络科技有限公司")
VILLAGES_ZY = ("大码头村", "兰溪村", "新码头村")


@layout("two_tables_on_one_sheet", 5, "23.5", {"资阳区": (5, "23.5")},
        stated=(Stated("18", "资阳区.xlsx", names=FIRMS_ZY), Stated("5.5", "资阳区.xlsx", names=VILLAGES_ZY)))
def two_tables_on_one_sheet(folder: Path) -> None:
    """Two tables one under the other, each with its own title, header and 合计."""
    workbook(folder / "资阳区.xlsx", ("Sheet1", [
        ["表一：资阳区电商企业扶持资金分配表"],
        ["序号", "企业名称", "金额（万元）", "资金用途"],
        *records([(FIRMS_ZY[0], 10), (FIRMS_ZY[1], 8)]),
        ["合计", None, 18, None],
        [],
        ["表二：资阳区扶贫村电商服务站补助资金分配表"],
        ["序号", "村名称", "补助金额（万元）", "备注"],
        *records([(VILLAGES_ZY[0], 2, "贫困村"), (VILLAGES_ZY[1], 2, "贫困村"), (VILLAGES_ZY[2], 1.5, "贫困村")]),
        ["合计", None, 5.5, None],
    ]))


@layout("amount_split_by_source", 3, "24", {"赫山区": (3, "24")}, stated=(Stated("24", "赫山区.xlsx"),))
def amount_split_by_source(folder: Path) -> None:
    """合计 | 其中：省级 | 市级 under a two-row header: the 合计 column is the amount."""
    workbook(folder / "赫山区.xlsx", ("Sheet1", [
        ["赫山区2018年电子商务发展引导资金分配表"],
        [None, None, None, None, None, "单位：万元"],
        ["序号", "单位名称", "合计", "其中", None, "资金用途"],
        [None, None, None, "省级", "市级", None],
        [1, "益阳市赫山区会龙山街道电商服务站", 10, 6, 4, "站点建设"],
        [2, "益阳市金田电子商务有限公司", 8, 5, 3, "平台运营"],
        [3, "湖南碧云峰茶业电子商务有限公司", 6, 6, None, "网店建设"],
        ["合计", None, 24, 17, 7, None],
    ], ("A1:F1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "A8:B8")))


@layout("unit_line_right_end", 3, "20", {"安化县": (3, "20")}, stated=(Stated("20", "报送表.xlsx"),))
def unit_line_right_end(folder: Path) -> None:
    """Second row: 填报单位 at the left, 单位：万元 at the right end."""
    workbook(folder / "报送表.xlsx", ("Sheet1", [
        ["电子商务发展引导资金分配表"],
        ["填报单位：安化县商务局", None, None, "单位：万元"],
        ["序号", "单位名称", "金额", "资金用途"],
        *records([("安化县天下第一茶电子商务有限公司", 9), ("安化县清塘铺镇电商服务站", 7, "站点建设"), ("安化县华润茶业有限公司", 4)]),
        ["合计", None, 20, None],
    ], ("A1:D1",)))


@layout("unit_line_right_end_yuan", 2, "10", {"高新区": (2, "10")}, stated=(Stated("10", "高新区.xlsx"),))
def unit_line_right_end_yuan(folder: Path) -> None:
    """单位：元 at the right end of the second row, five columns wide: 100000 元 = 10 万元."""
    workbook(folder / "高新区.xlsx", ("Sheet1", [
        ["高新区2018年电子商务发展引导资金分配表"],
        [None, None, None, None, "单位：元"],
        ["序号", "单位名称", "金额", "资金用途", "备注"],
        [1, "益阳市新天地电子商务有限公司", 60000, "平台运营", None],
        [2, "益阳市高新区迎宾路电商服务站", 40000, "站点建设", "已公示"],
        ["合计", None, 100000, None, None],
    ], ("A1:E1",)))


@layout("merged_super_header_over_sources", 3, "20", {"资阳区": (3, "20")}, stated=(Stated("20", "资阳区.xlsx"),))
def merged_super_header_over_sources(folder: Path) -> None:
    """A merged 金额（万元） super header over 省级 | 市级 | 合计: the 合计 column is the amount."""
    workbook(folder / "资阳区.xlsx", ("Sheet1", [
        ["资阳区2018年电子商务发展引导资金分配表"],
        ["序号", "单位名称", "金额（万元）", None, None, "资金用途"],
        [None, None, "省级", "市级", "合计", None],
        [1, "益阳市资阳区张家塞乡电商服务站", 5, 3, 8, "站点建设"],
        [2, "湖南益阳兴农电子商务有限公司", 4, 2, 6, "网店建设"],
        [3, "益阳市天成网络科技有限公司", 6, None, 6, "平台运营"],
        ["合计", None, 15, 5, 20, None],
    ], ("A1:F1", "A2:A3", "B2:B3", "C2:E2", "F2:F3", "A7:B7")))


@layout("csv_in_gb18030", 3, "30", {"赫山区": (3, "30")}, stated=(Stated("30", "赫山区电商资金.csv"),))
def csv_in_gb18030(folder: Path) -> None:
    """A CSV saved by Excel on a Chinese Windows: GB18030, title row, 合计 row."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "赫山区电商资金.csv").open("w", encoding="gb18030", newline="") as handle:
        csv.writer(handle).writerows([
            ["赫山区2018年电子商务发展引导资金分配表", "", "", ""],
            HEAD,
            [1, "益阳市赫山区泉交河镇电商服务站", "12.5", "站点建设"],
            [2, "益阳市鑫源电子商务有限公司", "7.5", "平台运营"],
            [3, "湖南赫山竹编工艺品电商有限公司", "10", "网店建设"],
            ["合计", "", "30", ""],
        ])


@layout("chinese_capital_amount_column", 3, "25.5", {"高新区": (3, "25.5")}, stated=(Stated("25.5", "高新区.xlsx"),))
def chinese_capital_amount_column(folder: Path) -> None:
    """A 大写金额 column (in 元) left of the numeric 金额（万元） column; both agree."""
    workbook(folder / "高新区.xlsx", ("Sheet1", [
        ["高新区2018年电子商务发展引导资金分配表"],
        ["序号", "单位名称", "大写金额", "金额（万元）", "资金用途"],
        [1, "益阳市合创电子商务有限公司", "壹拾贰万元整", 12, "平台运营"],
        [2, "益阳市高新区谢林港镇电商服务站", "捌万元整", 8, "站点建设"],
        [3, "益阳市银河网络科技有限公司", "伍万伍仟元整", 5.5, "网店建设"],
        ["合计", None, "贰拾伍万伍仟元整", 25.5, None],
    ]))


@layout("district_inside_title", 3, "20", {"赫山区": (3, "20")}, stated=(Stated("20", "分配表.xlsx"),))
def district_inside_title(folder: Path) -> None:
    """The district stands inside the title: 益阳市赫山区2018年…"""
    workbook(folder / "分配表.xlsx", ("Sheet1", simple("益阳市赫山区2018年电子商务进农村综合示范项目资金分配表", [
        ("益阳市赫山区龙光桥镇电商服务中心", 10, "站点建设"), ("益阳市兴盛电子商务有限公司", 6), ("湖南赫山皮影文化传媒有限公司", 4),
    ], 20)))


@layout("signature_and_notes_block", 2, "14", {"资阳区": (2, "14")}, stated=(Stated("14", "资阳区.xlsx"),))
def signature_and_notes_block(folder: Path) -> None:
    """Notes, signatures, a phone number in the amount column and a date under the table."""
    workbook(folder / "资阳区.xlsx", ("Sheet1", [
        ["资阳区2018年电子商务发展引导资金分配表"],
        HEAD,
        *records([("益阳市资阳区新桥河镇电商服务站", 8, "站点建设"), ("湖南益阳鱼米乡电子商务有限公司", 6)]),
        ["合计", None, 14, None],
        ["注：1.以上资金已于2018年12月拨付到位。"],
        ["    2.资金须专款专用，不得挪作他用。"],
        ["单位负责人：王某某", None, "填表人：李某某", None],
        [None, "联系电话", 13873712345, None],
        ["填报日期：2018年12月20日", None, "（盖章）", None],
    ]))


@layout("stated_total_is_wrong", 3, "27", {"高新区": (3, "27")}, stated=(Stated("28", "高新区.xlsx"),),
        must_error=("stated-total-mismatch",))
def stated_total_is_wrong(folder: Path) -> None:
    """A clerical error in the 合计 (28 for rows that add up to 27): read the rows, report the 合计."""
    workbook(folder / "高新区.xlsx", ("Sheet1", simple("高新区2018年电子商务发展引导资金分配表", [
        ("益阳市万联电子商务有限公司", 12), ("益阳市高新区朝阳街道电商服务站", 9, "站点建设"), ("益阳市和顺网络科技有限公司", 6),
    ], 28)))


@layout("district_sheets_then_total_sheet", 5, "21", {"高新区": (2, "12"), "资阳区": (3, "9")},
        stated=(Stated("21", "分配表.xlsx"), Stated("12", "分配表.xlsx", "高新区"), Stated("9", "分配表.xlsx", "资阳区")))
def district_sheets_then_total_sheet(folder: Path) -> None:
    """One sheet per district, then a 合计 sheet with a count column (企业数) beside the amounts."""
    workbook(folder / "分配表.xlsx",
             ("高新区", simple(None, [("益阳市时代电子商务有限公司", 7), ("益阳市高新区鱼形山街道电商服务站", 5, "站点建设")], 12)),
             ("资阳区", simple(None, [("湖南资阳湘绣电子商务有限公司", 4), ("益阳市资阳区沙头镇电商服务站", 3, "站点建设"),
                                     ("益阳市润泽网络科技有限公司", 2)], 9)),
             ("合计", [["区县", "企业数（家）", "金额（万元）"], ["高新区", 2, 12], ["资阳区", 3, 9], ["合计", 5, 21]]))


@layout("city_total_on_top_with_groups", 4, "97", {"资阳区": (2, "40"), "安化县": (2, "57")},
        stated=(Stated("97", "市级汇总.xlsx"), Stated("40", "市级汇总.xlsx", "资阳区"), Stated("57", "市级汇总.xlsx", "安化县")))
def city_total_on_top_with_groups(folder: Path) -> None:
    """City list: 合计 directly under the header, then group rows 一、资阳区 carrying subtotals."""
    workbook(folder / "市级汇总.xlsx", ("Sheet1", [
        ["益阳市2018年电子商务进农村综合示范资金分配表"],
        HEAD,
        ["合计", None, 97, None],
        ["一、资阳区", None, 40, None],
        *records([("益阳市资阳区电子商务公共服务中心", 15, "公共服务中心"), ("益阳市资阳区物流配送中心", 25, "物流配送")]),
        ["二、安化县", None, 57, None],
        *records([("安化县电子商务公共服务中心", 30, "公共服务中心"), ("安化县农村物流配送中心", 27, "物流配送")]),
    ], ("A3:B3", "A4:B4", "A7:B7")))


@layout("two_batches_no_total_column", 3, "20", {"资阳区": (3, "20")}, refusable=True)
def two_batches_no_total_column(folder: Path) -> None:
    """Two amount columns 第一批 | 第二批 with no total column: sum both, or refuse with a located error."""
    workbook(folder / "资阳区.xlsx", ("Sheet1", [
        ["资阳区2018年电子商务发展引导资金分配表"],
        ["序号", "单位名称", "第一批（万元）", "第二批（万元）", "资金用途"],
        [1, "益阳市资阳区茈湖口镇电商服务站", 5, 3, "站点建设"],
        [2, "湖南益阳宏盛电子商务有限公司", 4, None, "平台运营"],
        [3, "益阳市丰泽网络科技有限公司", 6, 2, "网店建设"],
        ["合计", None, 15, 5, None],
    ]))
