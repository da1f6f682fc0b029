"""The work list in the plan's and the audit's workbooks, read back filled in; the report of
a plan followed through in every format (terminal at 80 columns, Markdown, the offline HTML
page, the print-ready workbook)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

import graphkit as gk
from graphkit import report
from graphkit.cli import main

from .conftest import REPO, SIHUI

pytestmark = pytest.mark.usefixtures("chinese")  # the report's words, in its language

DATA = REPO / "data"
PLAN, LATER, FILLED = (DATA / "sihui-plan.json", DATA / "sihui-2021-06",
                       DATA / "sihui-worklist-2021-06.xlsx")


@pytest.fixture(scope="module")
def result() -> gk.Progress:
    return gk.progress(PLAN, LATER, FILLED)


def _sheet(book: Path | bytes, name: str):
    wb = load_workbook(io.BytesIO(book) if isinstance(book, bytes) else book)
    return wb[name]


# --- one work list for the audit and the plan ---------------------------------------------
def test_plan_and_audit_workbooks_have_the_same_work_list(tmp_path, capsys):
    plan_book, audit_book = tmp_path / "plan.xlsx", tmp_path / "audit.xlsx"
    assert main(["plan", str(SIHUI), "--format", "xlsx", "--out", str(plan_book)]) == 0
    assert main(["audit", str(SIHUI), "--format", "xlsx", "--out", str(audit_book)]) == 0
    capsys.readouterr()
    plan_ws, audit_ws = _sheet(plan_book, "工作清单"), _sheet(audit_book, "行动清单")
    head = [c.value for c in plan_ws[1]]
    assert head == [c.value for c in audit_ws[1]]
    for ws in (plan_ws, audit_ws):
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2"
        hidden = {c.value for c in ws[1] if ws.column_dimensions[c.column_letter].hidden}
        assert hidden == {"编号", "action_id"}
        lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
        assert lists == ['"未开始,推进中,已完成"']
    # every planned action is a row of both, with the same action_id
    ids = head.index("action_id")
    planned = sorted(int(r[ids]) for r in plan_ws.iter_rows(min_row=2, values_only=True))
    in_audit = sorted(int(r[ids]) for r in audit_ws.iter_rows(min_row=2, values_only=True)
                      if r[ids] is not None)
    assert planned == in_audit == list(range(20))


def test_the_plans_work_list_filled_re_sorted_and_typed_over_is_read_back(tmp_path):
    """A street fills the plan's work list, sorts it by priority, deletes a row and types
    over a cell: the rows are matched by the hidden action_id, the cell is named."""
    plan = gk.plan(gk.read_dataset(SIHUI))
    path = tmp_path / "plan.xlsx"
    assert main(["plan", str(SIHUI), "--format", "xlsx", "--out", str(path)]) == 0
    wb = load_workbook(path)
    ws = wb["工作清单"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    rows = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    rows.sort(key=lambda r: (r[col["优先级"]], -r[col["序号"]]))   # re-sorted
    rows = [r for r in rows if r[col["action_id"]] not in ("3", 3)]  # a row deleted
    for r in rows:
        r[col["进展"]] = "已完成"
    rows[0][col["进展"]] = "大部分完成"                              # typed over
    ws.delete_rows(2, ws.max_row)
    for i, r in enumerate(rows, start=2):
        for j, v in enumerate(r, start=1):
            ws.cell(row=i, column=j).value = v
    wb.save(path)
    r = gk.progress(plan, plan.apply(), path)
    reported = r.actions.set_index("index")["reported"]
    first = int(rows[0][col["action_id"]])
    assert pd.isna(reported[3]) and pd.isna(reported[first])
    assert (reported.drop([3, first]) == "done").all()
    assert [(p.row, p.column, p.value, p.problem) for p in r.problems] == [
        (2, "进展", "大部分完成", "unknown_progress")]


def test_the_audits_work_list_is_read_back_too(tmp_path, capsys):
    path = tmp_path / "audit.xlsx"
    assert main(["audit", str(SIHUI), "--format", "xlsx", "--out", str(path)]) == 0
    capsys.readouterr()
    wb = load_workbook(path)
    ws = wb["行动清单"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        row[head.index("进展")].value = "推进中"
    wb.save(path)
    plan = gk.plan(gk.read_dataset(SIHUI))
    r = gk.progress(plan, gk.read_dataset(SIHUI), path)
    assert (r.actions["reported"] == "in_progress").all() and r.problems == []


# --- the report of a plan followed through ----------------------------------------------
def test_terminal_report_fits_a_screen_at_80_columns(result):
    text = report.render(result, "table", width=80)
    lines = text.splitlines()
    assert len(lines) <= 40
    assert max(cell_len(x) for x in lines) <= 80
    for word in ("核验结果", "单独组建", "东城街道", "报已完成但数据未体现", "已完成但未报",
                 "逾期未完成", "计划预计", "98.2%", "-1.8 个百分点"):
        assert word in text, word
    detail = report.render(result, "table", width=80, detail=True)
    assert "四会市慈善会" in detail and "暂缓" in detail
    assert max(cell_len(x) for x in detail.splitlines()) <= 80


def test_markdown_and_html_say_the_same(result):
    md = report.render(result, "markdown")
    page = report.render(result, "html")
    for word in ("核验结果：按街道（镇）", "需要督办的不一致", "四会市鸿运物业服务有限公司",
                 "部分完成", "单位已不在", "无法读取"):
        assert word in md and word in page, word
    # offline: CSP forbidding every request, the viewport, an embedded font, no URL
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page
    assert 'name="viewport"' in page and "font/woff2;base64," in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_workbook_is_the_checked_work_list(result):
    book = report.render(result, "xlsx")
    wb = load_workbook(io.BytesIO(book))
    assert wb.sheetnames == ["概况", "核验清单", "覆盖率对比", "无法读取"]
    ws = wb["核验清单"]
    head = [c.value for c in ws[1]]
    assert head[:3] == ["序号", "街道（镇）", "社区"] and head[-2:] == ["督办意见", "action_id"]
    assert ws.column_dimensions[ws.cell(1, len(head)).column_letter].hidden
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 20
    col = {h: i for i, h in enumerate(head)}
    assert sum(1 for r in rows if r[col["不一致"]]) == 6
    assert {r[col["核验"]] for r in rows} == {"已完成", "部分完成", "未完成", "单位已不在"}
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    problems = list(wb["无法读取"].iter_rows(min_row=2, values_only=True))
    assert len(problems) == 1 and problems[0][3] == "暂缓"


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_cli_formats(fmt, capsys, tmp_path):
    args = ["progress", str(PLAN), str(LATER), "--worklist", str(FILLED), "--format", fmt]
    assert main(args) == 0
    out = capsys.readouterr()
    assert "四会市" in out.out and "unknown_progress" in out.err
    assert main([*args, "--out", str(tmp_path / f"p.{fmt}"), "--fail-on-discrepancy"]) == 1
    assert (tmp_path / f"p.{fmt}").stat().st_size > 1000


def test_cli_xlsx_and_detail(capsys, tmp_path):
    base = ["progress", str(PLAN), str(LATER)]
    assert main([*base, "--format", "xlsx", "--out", str(tmp_path / "p.xlsx")]) == 0
    assert main([*base, "--format", "json", "--detail"]) == 2
    assert main([*base, "--detail"]) == 0
    out = capsys.readouterr().out
    assert "未提供工作清单" in out and "四会市慈善会" in out
