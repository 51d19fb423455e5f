"""What the clerk prints: LibreOffice renders the output to PDF, and no word may fall outside the
printed page, be drawn over another, or be missing from the page (cut off at its cell's edge).

Covers every sheet of the sample output, the 问题 sheet with long findings (long file and sheet
names, long messages) and the 报告 sheet with long lines (a long fund name, long names and uses).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE, make_xlsx, run, settings_file
from libreoffice import print_problems, soffice

pytestmark = pytest.mark.skipif(soffice() is None or shutil.which("pdftotext") is None,
                                reason="needs LibreOffice (soffice) and poppler-utils (pdftotext); .ci/run installs both")

LONG_FILE = "益阳市赫山区2018年度电子商务进农村综合示范项目专项资金第一批分配明细表（修订稿）.xlsx"
LONG_SHEET = "赫山区电子商务进农村综合示范项目资金第一批分配明细"
LONG_USE = ("用于农村电商公共服务中心和村级服务站点建设、县乡村三级物流配送体系完善、电商人才培训、"
            "农特产品品牌培育及线上推广、质量追溯体系建设等方面的费用支出，其中设备购置费用约占四成")


def long_findings(folder: Path) -> Path:
    """Findings whose every column is long: file and sheet names, places, messages."""
    rows: list[list[object]] = [["赫山区电子商务进农村综合示范项目资金分配明细表"], ["序号", "单位名称", "金额（万元）", "资金用途"]]
    rows += [[i, "益阳市赫山区某某农产品电子商务专业合作社联合社", 2, "平台运营"] for i in range(1, 8)]  # one recipient, seven places
    rows += [[8, "湖南某某网络科技有限公司", "大约十来万元吧（待定，以财政局最终核定的数字为准）", "平台"],
             [9, None, 5, "设备"], [10, "益阳某某食品有限公司", 3, None], ["合计", None, 99, None]]
    make_xlsx(folder / LONG_FILE, rows, sheet=LONG_SHEET,
              extra={"说明": [["本表由赫山区商务局电子商务发展中心根据各乡镇（街道）上报材料汇总整理，如有疑问请联系经办人"], ["联系电话：0737-0000000"]]})
    settings_file(folder, '[fund]\nname = "测试资金"\nyear = 2024\ncap = 10\nplan = 20\ntarget_recipients = 30\n'
                          'districts = ["赫山区", "高新区"]\ncpa = 5\n[quotas]\n"赫山区" = 8\n"资阳区" = 2\n')
    return folder


def long_lines(folder: Path) -> Path:
    """A report whose lines are all long: the fund's name, names (some with trailing spaces), uses."""
    rows: list[list[object]] = [["序号", "单位名称", "金额（万元）", "资金用途"]]
    rows += [[i, f"益阳市高新技术产业开发区某某电子商务产业园运营管理有限责任公司第{i}分公司   ", i, LONG_USE * (i % 3 + 1)] for i in range(1, 9)]
    rows += [[9, "益阳市电子商务协会", 4, LONG_USE]]
    make_xlsx(folder / "高新区.xlsx", rows)
    settings_file(folder, '[fund]\nname = "益阳市促进电子商务产业高质量发展暨电子商务进农村综合示范专项引导资金"\n'
                          'year = 2024\ncap = 100\nplan = 40\ntarget_recipients = 9\n')
    return folder


def _consolidated(folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out.xlsx"
    result = run("consolidate", str(folder), "-o", str(out))
    assert result.exit_code in (0, 1), result.output
    return out


def test_every_sheet_of_the_sample_prints_whole(tmp_path: Path):
    folder = tmp_path / "workbooks"
    shutil.copytree(SAMPLE, folder)
    assert print_problems(_consolidated(folder, tmp_path), tmp_path / "pdf") == []


def test_the_problems_sheet_with_long_findings_prints_whole(tmp_path: Path):
    out = _consolidated(long_findings(tmp_path / "in"), tmp_path)
    assert print_problems(out, tmp_path / "pdf", sheets=("问题", "对账", "说明")) == []


def test_the_report_sheet_with_long_lines_prints_whole(tmp_path: Path):
    out = _consolidated(long_lines(tmp_path / "in"), tmp_path)
    assert print_problems(out, tmp_path / "pdf", sheets=("报告", "明细")) == []
