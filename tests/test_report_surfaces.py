"""Every result's report is as good as the audit's (issue 25): the plan's, the diff's, the
trend's and the measures' HTML offline with its font, contents bar and CSP; every workbook
print-ready; every terminal report within the width, a 40-line first screen at 80
columns; the place in every title; one street order; ``audit --previous``; one way to
narrow to a place."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

import graphkit as gk
from graphkit import report
from graphkit.cli import main

from .conftest import REPO, SIHUI

pytestmark = pytest.mark.usefixtures("chinese")

SIHUI_2021 = REPO / "data" / "sihui-2021"


@pytest.fixture(scope="module")
def results(sihui):
    new = gk.read_dataset(SIHUI_2021)
    return {"audit": gk.audit(sihui), "plan": gk.plan(sihui), "diff": gk.diff(sihui, new),
            "trend": gk.trend([sihui, new]), "measures": gk.measures(sihui)}


def run(capsys, *args, env=None, monkeypatch=None):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("kind", ["plan", "diff", "trend", "measures"])
def test_every_html_page_is_offline_with_its_font_contents_and_csp(results, kind):
    page = report.to_html(results[kind], figures=False)
    head = page[:page.index("<body>")]
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "@font-face" in head and "url(data:font/woff2;base64," in head  # no tofu
    assert '<nav id="toc"' in page and "@media print" in page
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:|#)", page, re.I)
    assert "data-search" in page  # search, sort and filter as on the audit's page


@pytest.mark.parametrize("kind", ["plan", "diff", "measures"])
def test_every_workbook_is_print_ready(results, kind):
    wb = load_workbook(io.BytesIO(report.to_xlsx(results[kind])))
    assert len(wb.sheetnames) >= 3
    for ws in wb.worksheets:
        ps = ws.page_setup
        assert ps.orientation == "landscape" and str(ps.paperSize) == "9", ws.title
        assert ps.fitToWidth == 1 and ps.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows in ("1:1", "$1:$1") and ws.freeze_panes == "A2", ws.title
        if ws.title != wb.sheetnames[0]:
            assert ws.auto_filter.ref, ws.title


def test_plan_work_list_has_drop_downs_dates_and_a_hidden_action_id(results):
    wb = load_workbook(io.BytesIO(report.to_xlsx(results["plan"])))
    ws = wb["工作清单"]
    head = [c.value for c in ws[1]]
    assert head[-6:] == ["责任单位", "责任人", "完成时限", "进展", "备注", "action_id"]
    assert ws.column_dimensions[ws.cell(row=1, column=len(head)).column_letter].hidden
    ids = [ws.cell(row=r, column=len(head)).value for r in range(2, ws.max_row + 1)]
    assert ids == [str(i) for i in range(len(results["plan"].actions))]
    kinds = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert "推进中" in kinds["list"].formula1 and "date" in kinds


@pytest.mark.parametrize("args", [
    ["plan", SIHUI], ["diff", SIHUI, SIHUI_2021], ["measures", SIHUI],
    ["trend", SIHUI, SIHUI_2021], ["audit", SIHUI], ["audit", SIHUI, "--area", "贞山"],
    ["plan", SIHUI, "--area", "贞山街道"], ["diff", SIHUI, SIHUI_2021, "--area", "东城"],
])
def test_terminal_reports_keep_to_80_columns_and_a_40_line_first_screen(
        capsys, monkeypatch, args):
    """Issue 25: plan, diff and measures printed lines of 235 and 149 columns at
    COLUMNS=80, and the audit's "one screen" was 48-62 lines."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, *args)
    assert code in (0, 1), err
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    first = lines
    if args[0] == "plan":  # the summary, then the action list
        first = lines[:next(i for i, x in enumerate(lines) if x.startswith("■ 措施清单"))]
    assert len(first) <= 40, len(first)


def test_the_place_is_in_every_title_and_header(capsys, tmp_path, results):
    """Issue 25: ``audit --area 贞山 --format html`` kept the city's title and 单位 381
    while its cards showed 80 units."""
    page = tmp_path / "zs.html"
    assert run(capsys, "audit", SIHUI, "--area", "贞山", "--format", "html", "--out",
               page)[0] == 0
    html = page.read_text(encoding="utf-8")
    header = html[html.index("<header>"):html.index("</header>")]
    assert "（贞山街道）</h1>" in header and "单位 80 个" in header and "381" not in header
    assert "<title>党建覆盖与联动审计：四会市城区基层党建网络（示例）（贞山街道）</title>" in html
    for kind, narrowed in (("plan", gk.narrow(results["plan"], areas=["area-zs"])),
                           ("diff", gk.narrow(results["diff"], areas=["area-zs"]))):
        doc = report.document(narrowed)
        assert doc.full_title.endswith("（贞山街道）"), kind
        for fmt in ("markdown", "html", "table"):
            assert "贞山街道" in report.render(narrowed, fmt).splitlines()[0 if fmt != "html"
                                                                          else 1] or fmt == "html"
        wb = load_workbook(io.BytesIO(report.to_xlsx(narrowed)))
        assert wb.worksheets[0]["A1"].value.endswith("（贞山街道）"), kind
    plan_md = report.to_markdown(gk.narrow(results["plan"], areas=["area-zs"]))
    assert "| 工作覆盖率 | 100.0% | 92.5% |" in plan_md  # the street's rates, not the city's


def test_one_street_order_in_every_format(results):
    r = results["audit"]
    order = sorted(r.by_area.index)
    names = [r.names[a] for a in order]

    def positions(text: str) -> list[int]:
        return [text.index(n) for n in names]

    md = report.to_markdown(r)
    streets = md[md.index("## 按街道（镇）"):]
    assert positions(streets) == sorted(positions(streets))
    text = report.to_text(r, width=100)
    table = text[text.index("■ 按街道（镇）"):]
    assert positions(table) == sorted(positions(table))
    counts = text[text.index("■ 问题"):text.index("■ 最需关注")]
    header = counts.splitlines()[1]
    assert positions(header) == sorted(positions(header))
    wb = load_workbook(io.BytesIO(report.to_xlsx(r)))
    rates = [row[2] for row in wb["覆盖率"].iter_rows(min_row=2, values_only=True)
             if row[0] == "按街道（镇）"]
    assert rates == names
    html = report.to_html(r, figures=False)
    parts = re.findall(r'<div class="part" data-part="([^"]+)"', html)
    assert parts == [a for a in order if a in parts]


def test_previous_adds_the_earlier_rates_and_the_change(capsys, results):
    code, md, err = run(capsys, "audit", SIHUI_2021, "--previous", SIHUI, "--format",
                        "markdown")
    assert code == 0, err
    d = results["diff"]
    ov = d.rates[d.rates["group"] == "overall"].set_index("metric")
    work = ov.loc["work"]
    summary = md[:md.index("## 问题")]
    assert "| 指标 | 达成 | 上期 | 增减 |" in summary
    assert f"| 工作覆盖率 | {100 * work['new']:.1f}% | {100 * work['old']:.1f}% | " \
           f"{work['delta']:+.1f} 个百分点 |" in summary
    streets = md[md.index("## 按街道（镇）"):]
    head = streets.splitlines()[2]
    assert "工作覆盖（上期）" in head and "工作覆盖增减" in head
    by_area = d.rates[(d.rates["group"] == "by_area") & (d.rates["metric"] == "work")]
    east = by_area.set_index("key").loc["area-dc"]
    row = next(line for line in streets.splitlines() if line.startswith("| 东城街道"))
    assert f"{east['delta']:+.1f} 个百分点" in row
    # narrowed to the same place
    code, md, _ = run(capsys, "audit", SIHUI_2021, "--previous", SIHUI, "--area", "东城",
                      "--format", "markdown")
    narrowed = gk.narrow(d, areas=["area-dc"]).rates
    w = narrowed[(narrowed["group"] == "overall") & (narrowed["metric"] == "work")].iloc[0]
    assert f"{w['delta']:+.1f} 个百分点" in md[:md.index("## 问题")]
    # the JSON document stays SPEC's
    code, out, _ = run(capsys, "audit", SIHUI_2021, "--previous", SIHUI, "--format", "json")
    assert json.loads(out) == json.loads(report.to_json(gk.audit(gk.read_dataset(SIHUI_2021))))


def test_narrow_is_the_one_way_to_a_place(results, sihui):
    r, p, d = results["audit"], results["plan"], results["diff"]
    east = gk.narrow(r, areas=["area-dc"])
    assert set(east.units["area"]) == {"area-dc"} and east.meta["restriction"]["area"] == \
        "area-dc"
    assert gk.narrow(r, areas=["东城"]).overall == east.overall
    acts = gk.narrow(p, areas=["area-dc"], communities=["com-002"]).actions
    assert set(acts["community"]) <= {"com-002"} and len(acts) > 0
    assert gk.narrow(d, areas=["area-dc"]).to_dict() == gk.diff(
        sihui, gk.read_dataset(SIHUI_2021), area="东城街道").to_dict()
    one = gk.narrow(d, communities=["com-002"])
    assert set(one.circles["community"]) == {"com-002"}
    assert set(one.units["community"].dropna()) == {"com-002"}
    with pytest.raises(gk.UsageError, match=r"玉城社区 ?[（(]com-002[）)]"):
        gk.narrow(r, communities=["玉成"])
    with pytest.raises(TypeError):
        gk.narrow(r, areas="area-dc")


def test_plan_markdown_escapes_like_the_audit(tmp_path):
    from .conftest import Builder

    b = Builder()
    b.node("a1", "Area", "东[城](x)街道")
    b.community("c1", "a1", core="o1")
    b.unit("u1", "c1", members=4)
    b.nodes[-1]["name"] = "`代码`公司<b>|"
    md = report.to_markdown(gk.plan(b.dataset(tmp_path / "ds")))
    assert "\\`代码\\`公司\\<b\\>\\|" in md and "东\\[城\\](x)街道" in md


@pytest.mark.parametrize("command", [["measures", SIHUI], ["trend", SIHUI, SIHUI_2021]])
def test_measures_and_trend_have_every_surface_on_the_command_line(capsys, tmp_path, command):
    page, book = tmp_path / "r.html", tmp_path / "r.xlsx"
    assert run(capsys, *command, "--format", "html", "--out", page)[0] == 0
    assert "default-src 'none'" in page.read_text(encoding="utf-8")
    code, out, err = run(capsys, *command, "--format", "xlsx")
    assert code == 2 and out == "" and "--out" in err  # a workbook is not for a terminal
    assert run(capsys, *command, "--format", "xlsx", "--out", book)[0] == 0
    ws = load_workbook(book).worksheets[0]
    assert ws.page_setup.orientation == "landscape"
    code, out, _ = run(capsys, *command, "--format", "markdown")
    assert code == 0 and out.startswith("# ")
