"""The document model and its four renderers (graphkit.report.model, _terminal, _markdown,
_html, _workbook), on documents made here: what every result's report relies on."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from graphkit import report
from graphkit.report.model import (
    CHOICE,
    COUNT,
    DATE,
    DELTA,
    KEY,
    RATE,
    REF,
    Cell,
    Column,
    Document,
    Metric,
    Metrics,
    Place,
    Section,
    Table,
    Text,
)

pytestmark = pytest.mark.usefixtures("chinese")

LONG = "四会市东城街道玉城社区居民委员会第一网格联合党支部"


def _doc() -> Document:
    work = Table(
        [Column("序号", COUNT), Column("街道", REF, filter="street"),
         Column("对象", REF, id_title="对象编号"), Column("问题", wrap=True),
         Column("比率", RATE), Column("增减", DELTA), Column("责任人", fill=True),
         Column("完成时限", DATE, fill=True),
         Column("进展", CHOICE, choices=("未开始", "推进中", "已完成"), fill=True),
         Column("action_id", KEY)],
        [[1, ("a1", "东城街道"), ("u1", "=HYPERLINK(\"x\")"), "缺[链接](http://x) `代码` <b>|",
          0.5, 2.14, None, None, None, "0"],
         [2, ("a2", "城中街道"), ("u2", LONG), "失控\x1b[31m公司", 0.25, -1.0, None,
          date(2025, 6, 30), "推进中", "1"]],
        title="工作清单", key="work", sheet="工作清单", search=True)
    metrics = Metrics([Metric("工作覆盖率", 0.9, 9, 10, target=0.95),
                       Metric("联动率", 0.5, 5, 10, "辖区成员", "个成员")])
    return Document("测试报告", Place("area", "a1", "东城街道"), ["快照日期 2024-12-31。"], [
        Section("概览", "summary", [metrics, Text("说明。", "note")], summary=True, nav="概览"),
        Section("工作清单", "work", [work], nav="清单"),
    ], footer=["页脚。"])


def test_the_place_is_in_the_title():
    assert _doc().full_title == "测试报告（东城街道）"
    assert Document("x", Place("community", "c1", "玉城社区", "东城街道")).full_title == \
        "x（东城街道 玉城社区）"


def test_a_section_lists_its_tables():
    summary, work = _doc().sections
    assert summary.tables() == []
    assert [t.key for t in work.tables()] == ["work"]


def test_a_document_renders_in_every_format():
    doc = _doc()
    for fmt in ("table", "markdown", "html", "xlsx"):
        out = report.render(doc, fmt)
        assert out


def test_workbook_columns_are_typed_and_print_ready():
    wb = load_workbook(io.BytesIO(report.render(_doc(), "xlsx")))
    assert wb.sheetnames == ["概览", "工作清单"]
    ws = wb["工作清单"]
    head = [c.value for c in ws[1]]
    assert head == ["序号", "街道", "对象编号", "对象", "问题", "比率", "增减", "责任人",
                    "完成时限", "进展", "action_id"]
    assert ws["A2"].number_format == "0" and ws["F2"].number_format == "0.0%"
    assert ws["G2"].number_format == "+0.0;-0.0;0.0" and ws["G2"].value == pytest.approx(2.14)
    assert ws["C2"].value == "u1" and ws["D2"].value == '=HYPERLINK("x")'
    assert ws["D2"].data_type == "s" and ws["D2"].quotePrefix  # never a formula
    assert ws["D3"].value == LONG and ws["E3"].value == "失控␛[31m公司"
    assert ws["I3"].value.date() == date(2025, 6, 30) and ws["I3"].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["K"].hidden  # the key column
    dvs = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert dvs["list"].formula1 == '"未开始,推进中,已完成"'
    assert str(dvs["list"].sqref).startswith("J2:J") and "I2:I" in str(dvs["date"].sqref)
    assert ws["H2"].fill.fgColor.rgb.endswith("FFF9E6")  # to fill in
    for sheet in wb.worksheets:
        ps = sheet.page_setup
        assert ps.orientation == "landscape" and str(ps.paperSize) == "9"
        assert ps.fitToWidth == 1 and ps.fitToHeight == 0
        assert sheet.print_title_rows in ("1:1", "$1:$1") and sheet.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:K3"
    assert wb["概览"]["A1"].value == "测试报告（东城街道）"


def test_markdown_escapes_text_from_the_data_once():
    md = report.render(_doc(), "markdown")
    assert "缺\\[链接\\](http://x) \\`代码\\` \\<b\\>\\|" in md
    assert "\x1b" not in md and "失控␛\\[31m公司" in md
    assert "action_id" not in md and "责任人" not in md  # keys and fill-ins: workbook only


def test_terminal_keeps_names_whole_within_the_width():
    for width in (60, 80, 120):
        text = report.render(_doc(), "table", width=width, detail=True)
        assert max(cell_len(line) for line in text.splitlines()) <= width
    text = report.render(_doc(), "table", width=80, detail=True)
    assert LONG in text  # as wide as its longest name (up to a third of the width)


def test_html_is_offline_with_its_font_contents_and_filters():
    page = report.render(_doc(), "html")
    head = page[:page.index("<body>")]
    assert 'name="viewport"' in head and "default-src 'none'" in head
    assert "@font-face" in head and "url(data:font/woff2;base64," in head
    assert re.search(r'<nav id="toc"[^>]*><a href="#summary">概览</a>', page)
    assert '<select data-filter="street"' in page and "data-search" in page
    assert 'class="card bad"' in page and "9 / 10 个单位" in page and "5 / 10 个成员" in page
    assert "<b>|" not in page and "&lt;b&gt;|" in page
    assert "@media print" in page


def test_a_delta_and_a_mark():
    text = report.render(Document("d", sections=[Section("s", "s", [Table(
        [Column("名称"), Column("增减", DELTA)], [["甲", Cell(-2.0, mark="bad")]])],
        summary=True)]), "table", color=True)
    assert "-2.0 个百分点" in text and "\x1b[" in text
