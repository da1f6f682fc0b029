"""Reports for planners: the Excel workbook, opened the way a person would (pandas /
openpyxl). The HTML page is tested in tests/test_html_report.py."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

import graphkit as gk
from graphkit.cli import main
from graphkit.report import to_xlsx

from .conftest import SIHUI


@pytest.fixture(scope="module")
def result(sihui):
    return gk.audit(sihui)


def test_xlsx_workbook_reads_back(result, tmp_path):
    path = tmp_path / "audit.xlsx"
    path.write_bytes(to_xlsx(result))
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["概览", "覆盖率", "单位覆盖", "发现", "双圈"]
    units = sheets["单位覆盖"]
    assert list(units.columns) == [
        "编号", "名称", "类型", "社区", "街道（镇）", "党员数", "覆盖状态"]
    assert len(units) == len(result.units)
    assert set(units["覆盖状态"]) <= {"单独组建", "联合组建", "挂靠组建", "选派指导员", "未覆盖"}
    assert (units["覆盖状态"] == "未覆盖").sum() == (result.units["status"] == "none").sum()
    assert len(sheets["发现"]) == len(result.findings)
    assert len(sheets["双圈"]) == len(result.circles)
    summary = dict(zip(sheets["概览"]["指标"], sheets["概览"]["值"], strict=True))
    assert summary["范围内单位数（分母）"] == len(result.units)
    assert summary["工作覆盖率"] == pytest.approx(result.overall["work"])
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width > 8
    assert wb["双圈"]["J2"].number_format == "0.0%"


def test_cli_xlsx_needs_out(tmp_path, capsys):
    assert main(["audit", str(SIHUI), "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["audit", str(SIHUI), "--format", "xlsx", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
