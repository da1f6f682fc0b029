"""Reports for planners: the Excel workbook, opened the way a person would (pandas /
openpyxl). The HTML page is tested in tests/test_html_report.py."""

from __future__ import annotations

import pytest

import graphkit as gk
from graphkit.cli import main

from .conftest import SIHUI


@pytest.fixture(scope="module")
def result(sihui):
    return gk.audit(sihui)


def test_cli_xlsx_needs_out(tmp_path, capsys):
    assert main(["audit", str(SIHUI), "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["audit", str(SIHUI), "--format", "xlsx", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
