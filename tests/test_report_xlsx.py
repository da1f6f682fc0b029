"""The audit workbook read back the way a spreadsheet program reads it: cell values, number
formats, data validation, print setup, text that never turns into a formula."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

import graphkit as gk
from graphkit.cli import main
from graphkit.report import to_xlsx

from .conftest import SIHUI, Builder

pytestmark = pytest.mark.usefixtures("chinese")

SHEETS = ["概览", "行动清单", "覆盖率", "单位覆盖", "发现", "双圈", "四个融合"]
#: header -> number format, for every list sheet (the test's own expectation)
PCT = {"单独组建率", "组织覆盖率", "工作覆盖率", "联动率"}
INT = {"单位数（分母）", "党员数", "次核心", "泛核心", "未联动", "外部共建", "辖区成员", "序号",
       "共建党组织", "党群服务中心", "阵地面积（m²）", "驻点团队", "志愿服务队", "团队人数",
       "解决问题（件）", "报到党员", "居民小区", "已建党支部的小区", "召开联席会议的小区"}


@pytest.fixture(scope="module")
def result(sihui):
    return gk.audit(sihui)


@pytest.fixture(scope="module")
def book(result):
    return load_workbook(io.BytesIO(to_xlsx(result)))


def _header(ws, row=1):
    return [c.value for c in ws[row]]


@pytest.fixture(scope="module")
def work(result):
    """The audit's work list (one row per subject, the planned action merged)."""
    from graphkit.report._worklist import audit_work_list

    return audit_work_list(result)


def test_sheets_and_rows(book, result, work):
    assert book.sheetnames == SHEETS
    assert book["行动清单"].max_row - 1 == len(work) < len(result.findings)
    assert book["单位覆盖"].max_row - 1 == len(result.units)
    assert book["发现"].max_row - 1 == len(result.findings)
    assert book["双圈"].max_row - 1 == len(result.circles)


def test_number_formats_of_list_sheets(book):
    checked = 0
    for name in SHEETS[1:]:
        ws = book[name]
        for j, h in enumerate(_header(ws), start=1):
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                if cell.value is None:
                    continue
                if h in PCT:
                    assert cell.number_format == "0.0%", (name, h, cell.coordinate)
                    assert isinstance(cell.value, (int, float)) and 0 <= cell.value <= 1
                elif h in INT:
                    assert cell.number_format == "0", (name, h, cell.coordinate)
                    assert isinstance(cell.value, int)
                else:
                    assert "%" not in cell.number_format, (name, h, cell.coordinate)
                checked += 1
    assert checked > 5000


def test_no_count_is_shown_as_a_percentage(book):
    """The 概览 bug: the unit count carried the percent format (``38100.0%``)."""
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if "%" in cell.number_format and cell.value is not None:
                    assert isinstance(cell.value, (int, float)) and 0 <= cell.value <= 1, (
                        ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, int) and cell.value > 1:
                    assert "%" not in cell.number_format, (ws.title, cell.coordinate)


def test_overview_rates_with_denominators_and_targets(book, result):
    ws = book["概览"]
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value in ("工作覆盖率", "组织覆盖率")}
    work = rows["工作覆盖率"]
    assert work[1].value == pytest.approx(result.overall["work"])
    assert work[1].number_format == "0.0%"
    assert work[2].value == round(result.overall["work"] * len(result.units))
    assert work[3].value == len(result.units) and work[3].number_format == "0"
    assert work[4].value == 0.95 and work[4].number_format == "0.0%"
    assert rows["组织覆盖率"][4].value == 0.9 and rows["组织覆盖率"][5].value == "未达标"
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "问题（194 项，按类型 × 街道）" in values
    assert "工作覆盖率最低的社区" in values and "一核双圈联动率最低的社区" in values


def test_names_beside_ids_and_a_street_column(book, result, sihui):
    names = dict(zip(sihui.nodes["id"], sihui.nodes["name"], strict=True))
    for name in SHEETS[1:]:
        header = _header(book[name])
        assert any("街道" in str(h) for h in header), name
    ws = book["双圈"]
    h = _header(ws)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    first = dict(zip(h, rows[0], strict=True))
    c0 = result.circles.iloc[0]
    assert first["核心编号"] == c0["core"] and first["核心"] == names[c0["core"]]
    assert first["街道（镇）"] == "东城街道"
    assert first["次核心成员"] == "、".join(names[m] for m in c0["sub_core"])
    for row in rows:
        for col in ("次核心成员", "泛核心成员", "未联动成员", "外部共建单位"):
            text = dict(zip(h, row, strict=True))[col] or ""
            assert "org-" not in text and "unit-" not in text


def test_action_sheet(book, result, work):
    """The work list of issue 21: one row per subject, the fill-in columns, the 进展
    drop-down of SPEC 10, the hidden keys."""
    ws = book["行动清单"]
    h = _header(ws)
    assert h == ["序号", "街道（镇）", "社区", "编号", "单位编号", "对象", "类别", "存在问题",
                 "整改措施", "优先级", "责任单位", "责任人", "完成时限", "进展", "备注",
                 "action_id"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert all(r[10] for r in rows)  # 责任单位 filled
    assert all(r[11:15] == (None, None, "未开始", None) for r in rows)
    assert sorted(r[3] for r in rows) == sorted(us[0] if us else s for s, us in zip(
        work["subject"], work["units"], strict=True))
    covered = {r[3] for r in rows} | {u for r in rows if r[4] for u in r[4].split("、")}
    assert set(result.findings["subject"]) - covered <= set(
        result.findings.loc[result.findings["code"] == "joint_candidate", "subject"])
    ids = [int(r[15]) for r in rows if r[15] is not None]
    assert sorted(ids) == list(range(len(gk.plan(result.network).actions)))
    assert ws.column_dimensions["D"].hidden and ws.column_dimensions["P"].hidden
    dvs = ws.data_validations.dataValidation
    progress = [dv for dv in dvs if dv.type == "list"]
    assert len(progress) == 1
    assert progress[0].formula1 == '"未开始,推进中,已完成"'
    first, last = str(progress[0].sqref).split(":")
    assert first == "N2" and last.startswith("N") and int(last[1:]) > len(rows) + 1
    assert any(dv.type == "date" and "M2" in str(dv.sqref) for dv in dvs)
    assert ws.cell(row=2, column=13).number_format == "yyyy-mm-dd"


def test_sheets_per_area(result, work, tmp_path):
    wb = load_workbook(io.BytesIO(to_xlsx(result, sheets_per_area=True)))
    action = [n for n in wb.sheetnames if n.startswith("行动-")]
    streets = ["行动-城中街道", "行动-东城街道", "行动-大沙镇", "行动-贞山街道"]  # by street id
    assert action == streets + (["行动-未归属街道"] if work["area"].isna().any() else [])
    assert "行动清单" not in wb.sheetnames
    assert sum(wb[n].max_row - 1 for n in action) == len(work)
    east = list(wb["行动-东城街道"].iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in east} == {"东城街道"}
    assert len(east) == (work["area"] == "area-dc").sum()
    target = tmp_path / "a.xlsx"
    assert main(["audit", str(SIHUI), "--format", "xlsx", "--out", str(target),
                 "--sheets-per-area", "--area", "东城"]) == 0
    assert [n for n in load_workbook(target).sheetnames if n.startswith("行动")] == [
        "行动-东城街道"]


def test_every_sheet_filters_freezes_wraps_and_prints(book):
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        ps = ws.page_setup
        assert ps.orientation == "landscape" and str(ps.paperSize) == "9", ws.title  # A4
        assert ps.fitToWidth == 1 and ps.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows in ("1:1", "$1:$1"), ws.title
    for name in SHEETS[1:]:
        ws = book[name]
        assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}" \
                                     f"{ws.max_row}", name
    ws = book["发现"]
    col = _header(ws).index("问题") + 1
    assert all(ws.cell(row=r, column=col).alignment.wrap_text for r in range(2, ws.max_row))
    tall = [ws.row_dimensions[r].height for r in range(2, ws.max_row)]
    assert all(h is None or h >= 15 for h in tall) and any(h and h > 15 for h in tall)


def _nasty_result(tmp_path):
    b = Builder()
    b.node("a1", "Area", "=东城街道", kind="street")
    b.node("c1", "Community", "+新村社区")
    b.edge("c1", "a1", "PART_OF")
    b.node("o1", "PartyOrg", "@社区党委", kind="committee")
    b.edge("o1", "c1", "BELONGS_TO")
    b.unit("u1", where="c1", members=4)
    b.nodes[-1]["name"] = "=HYPERLINK(\"http://example.org\",\"点我\")"
    b.unit("u2", where="c1")
    b.nodes[-1]["name"] = "-5\x0b号\x1b[31m门店"
    return gk.audit(b.dataset(tmp_path / "ds"))


def test_text_is_never_a_formula_and_control_characters_do_not_crash(tmp_path):
    data = to_xlsx(_nasty_result(tmp_path))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        for n in sheets:
            assert b"<f>" not in z.read(n) and b"<f " not in z.read(n), n
    wb = load_workbook(io.BytesIO(data))
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    found[cell.value] = ws.title
    assert '=HYPERLINK("http://example.org","点我")' in found
    assert "=东城街道" in found and "+新村社区" in found and "@社区党委" in found
    assert "-5␋号␛[31m门店" in found  # shown, not dropped, not an XML error
    units = pd.read_excel(io.BytesIO(data), engine="openpyxl", sheet_name="单位覆盖")
    assert set(units["名称"]) == {'=HYPERLINK("http://example.org","点我")', "-5␋号␛[31m门店"}


def test_restricted_workbook(result):
    wb = load_workbook(io.BytesIO(to_xlsx(gk.narrow(result, communities=["玉城"]))))
    assert wb["单位覆盖"].max_row - 1 == (result.units["community"] == "com-002").sum()
    assert wb["概览"]["A1"].value.endswith("（东城街道 玉城社区）")


def test_findings_without_a_street_get_their_own_sheet_last(builder, tmp_path):
    b = builder
    b.node("area-a", "Area", "甲街道")
    b.community("c1", "area-a", core="core1")
    b.unit("u1", "c1")                      # uncovered, in 甲街道
    b.node("org-lost", "PartyOrg", "无处党支部", kind="branch")  # no parent, no community
    result = gk.audit(b.dataset(tmp_path))
    assert result.findings["area"].isna().any()
    wb = load_workbook(io.BytesIO(to_xlsx(result, sheets_per_area=True)))
    action = [n for n in wb.sheetnames if n.startswith("行动-")]
    assert action == ["行动-甲街道", "行动-未归属街道"]
    lost = list(wb["行动-未归属街道"].iter_rows(min_row=2, values_only=True))
    assert "无处党支部（org-lost）" in {r[5] for r in lost}
