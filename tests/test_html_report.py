"""The offline, interactive HTML report (``graphkit.report._html`` behind ``report.to_html``),
read as a file and driven in real headless Chromium (Debian's, through Playwright) the
way a planner would use it: search, sort, filter, click a community, look at it at phone
width, print it, open it on a machine without a Chinese font.

Under ``CI=true`` a missing Chromium or Playwright is a failure, not a skip."""

from __future__ import annotations

import base64
import io
import math
import os
import re
import shutil
from pathlib import Path

import orjson
import pytest
from fontTools.ttLib import TTFont
from matplotlib.image import imread

import graphkit as gk
from graphkit import vocab as V
from graphkit.gaps import FINDING_TITLES_ZH
from graphkit.report import render, to_html
from tests._browser import CHROMIUM, FLAGS
from tests._browser import open_page as _open

pytestmark = pytest.mark.usefixtures("chinese")

DEJAVU = Path(__import__("matplotlib").get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


# --- the page as a file --------------------------------------------------------------
@pytest.fixture(scope="module")
def result(sihui):
    return gk.audit(sihui)


@pytest.fixture(scope="module")
def html(result) -> str:
    return to_html(result)


@pytest.fixture(scope="module")
def report_file(html, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "audit.html"
    path.write_text(html, encoding="utf-8")
    return path


def _data(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page,
                    re.S).group(1)
    return orjson.loads(raw)


def _embedded_font(page: str) -> TTFont:
    b64 = re.search(r"url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\)", page).group(1)
    return TTFont(io.BytesIO(base64.b64decode(b64)))


def test_render_html_is_this_report(result, html):
    assert render(result, "html") == html  # deterministic, and render delegates here


def test_one_file_that_asks_for_nothing(html):
    head = html[:html.index("<body>")]
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in head
    # the browser itself is told to fetch nothing: only inline styles/scripts, data: URIs
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head).group(1)
    assert "default-src 'none'" in csp and "img-src data:" in csp and "font-src data:" in csp
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:|#)", html, re.I)
    assert not re.search(r"url\((?!data:)", html)
    assert "@media print" in html and "size:A4" in html


def test_font_subset_holds_exactly_the_glyphs_of_the_page(html):
    font = _embedded_font(html)
    assert font.flavor == "woff2"
    cmap = set(map(chr, font.getBestCmap()))
    text = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    used = {ch for ch in text if ord(ch) > 0x7F and ch.isprintable()}
    assert used <= cmap                                  # every character the page uses
    # and little else (a few code points come along with glyphs the layout closure keeps)
    assert len(cmap - used - set(gk._webfont.ALWAYS)) <= 5
    name = font["name"]
    assert any("Open Font License" in str(r) for r in name.names)  # licence kept


def test_summary_first_with_denominators_and_targets(result, html):
    order = [html.index(f'<section id="{s}"') for s in
             ("summary", "counts", "worst", "actions", "communities", "network",
              "coverage", "units", "figures")]
    assert order == sorted(order)
    o, units = result.overall, result.overall["units"]
    covered_org = round(o["organization"] * units)
    summary = html[order[0]:order[1]]
    assert f"{round(o['work'] * units)} / {units} 个单位" in summary
    assert "目标 95.0%" in summary and "目标 90.0%" in summary
    assert f"还差 <b>{math.ceil(0.9 * units) - covered_org}</b> 个单位" in summary
    other = to_html(result, figures=False, target_work=0.99, target_org=0.5)
    summary = other[other.index('id="summary"'):other.index('id="counts"')]
    assert "目标 99.0%" in summary and "目标 50.0%：已达标" in summary
    assert f"还差 <b>{math.ceil(0.99 * units) - round(o['work'] * units)}</b>" in summary


def test_five_weakest_communities_by_coverage_and_by_linkage(result, html):
    from graphkit import report

    worst = html[html.index('<section id="worst"'):html.index('<section id="actions"')]
    by_work, by_linkage = worst.split("联动率最低")
    s = report.summary(result)
    assert re.findall(r'data-net="([^"]+)"', by_work) == s.worst_work["community"].tolist()
    assert re.findall(r'data-net="([^"]+)"', by_linkage) == s.worst_linkage[
        "community"].tolist()
    assert "还需覆盖的单位数" in worst  # the rule is written down


def test_the_summary_has_a_linkage_card(result, html):
    summary = html[html.index('<section id="summary"'):html.index('<section id="counts"')]
    cards = re.findall(r'<div class="card[^"]*"><h3>([^<]+)</h3>', summary)
    assert cards == ["工作覆盖率", "组织覆盖率", "单独组建率", "一核双圈联动率"]
    from graphkit import report

    link = report.summary(result).rates.loc["linkage"]
    assert f"{link['covered']} / {link['units']} 个成员" in summary


def test_network_data_is_the_same_from_a_graph(result, sihui, html):
    from_graph = to_html(gk.audit(sihui.to_networkx()), figures=False)
    assert _data(from_graph)["communities"] == _data(html)["communities"]


def test_hostile_names_stay_text(builder):
    b = builder
    b.community("c1", core="core")
    b.unit("u1", "c1", members=0, org="o1", rating=5)
    b.edge("o1", "core", "CO_BUILDS")
    b.nodes[-1]["name"] = "</script><script>alert(1)</script>"
    page = to_html(gk.audit(b.graph()), figures=False)
    assert "<script>alert" not in page and "</script><script>alert" not in page
    names = [n[1] for n in _data(page)["communities"]["c1"]["nodes"]]
    assert "</script><script>alert(1)</script>" in names


def test_scorecard_heat_map_table(result, html):
    from graphkit.mechanisms import worst_first

    section = html[html.index('<section id="scorecard"'):]
    section = section[:section.index("</section>")]
    rows = re.findall(r'<tr data-row data-street="[^"]*" data-community="([^"]+)"', section)
    assert rows == worst_first(result.mechanisms)  # the weakest first
    assert section.count("background:#") > 10 * 40  # the indicators coloured
    assert "全市（每个实体只计一次）" in section and ">6,042<" in section


# --- in the browser --------------------------------------------------------------------
@pytest.fixture
def page(browser, report_file):
    context, page, watch = _open(browser, report_file)
    yield page
    page.wait_for_timeout(50)
    errors, outside = watch.errors, watch.outside
    context.close()
    assert errors == [], f"console errors: {errors}"
    assert outside == [], f"requests left the page: {outside}"


def _visible_rows(page, box: str) -> list[dict]:
    return page.eval_on_selector_all(
        f"#{box} tr[data-row]",
        "rows => rows.filter(r => !r.hidden).map(r => ({...r.dataset, text: r.textContent}))")


def test_search_narrows_a_table(page, result):
    page.select_option("#units select[data-filter=status]", "")
    assert len(_visible_rows(page, "units")) == len(result.units)
    page.fill("#units input[data-search]", "物业")
    page.wait_for_timeout(300)
    state = page.eval_on_selector_all(
        "#units tr[data-row]", "rows => rows.map(r => [r.hidden, r.textContent])")
    shown = [t for hidden, t in state if not hidden]
    assert 0 < len(shown) < len(result.units)
    assert all(("物业" in t) != hidden for hidden, t in state)
    assert page.text_content("#units .count") == f"显示 {len(shown)} / {len(result.units)}"


def test_units_open_on_the_uncovered_and_filter_by_street(page, result):
    uncovered = result.units[result.units["status"] == "none"]
    assert len(_visible_rows(page, "units")) == len(uncovered)
    page.select_option("#units select[data-filter=street]", "area-cz")
    rows = _visible_rows(page, "units")
    assert len(rows) == int((uncovered["area"] == "area-cz").sum()) > 0
    assert {r["street"] for r in rows} == {"area-cz"} and {r["status"] for r in rows} == {"none"}


def test_a_header_click_sorts(page):
    col = page.locator("#tbl-communities thead th", has_text="工作覆盖率")
    index = page.eval_on_selector_all("#tbl-communities thead th",
                                      "ths => ths.findIndex(t => t.textContent === '工作覆盖率')")

    def values():
        return page.eval_on_selector_all(
            f"#tbl-communities tbody tr td:nth-child({index + 1})",
            "tds => tds.map(td => td.dataset.v === '' ? null : Number(td.dataset.v))")

    col.click()
    asc = values()
    known = [v for v in asc if v is not None]
    assert known == sorted(known) and asc[:len(known)] == known  # missing values last
    assert col.get_attribute("aria-sort") == "ascending"
    col.click()
    desc = [v for v in values() if v is not None]
    assert desc == sorted(known, reverse=True) and desc[0] > desc[-1]


def test_scorecard_sorts_and_keeps_the_city_row_last(page):
    head = page.locator("#tbl-scorecard thead th", has_text="报到党员")
    index = page.eval_on_selector_all("#tbl-scorecard thead th",
                                      "ths => ths.findIndex(t => t.textContent === '报到党员')")
    head.click()
    head.click()  # descending
    values = page.eval_on_selector_all(
        f"#tbl-scorecard tbody tr td:nth-child({index + 1})",
        "tds => tds.map(td => Number(td.dataset.v))")
    assert values == sorted(values, reverse=True) and values[0] > 0
    last = page.eval_on_selector("#tbl-scorecard", "t => t.rows[t.rows.length - 1].textContent")
    assert last.startswith("全市")


def test_finding_counts_by_code_and_street_open_the_action_list(page, result):
    f = result.findings
    n = int(((f["code"] == "unlinked") & (f["area"] == "area-cz")).sum())
    cell = page.locator('#counts a[data-code="unlinked"][data-street="area-cz"]')
    assert cell.text_content() == str(n)
    cell.click()
    rows = _visible_rows(page, "actions")
    assert len(rows) == n  # one unlinked finding per subject
    assert all(r["street"] == "area-cz" and "unlinked" in r["code"].split() for r in rows)
    assert page.is_visible("#actions [data-part=area-cz]")
    assert not page.is_visible("#actions [data-part=area-dc]")


def test_action_list_merges_findings_on_one_subject(page, result):
    """The action list is the work list (issue 21): one row per subject, anchored by its
    (first) unit or its id; a community's joint-branch candidates are in the rows of the
    units the plan places."""
    from graphkit.report._worklist import audit_work_list

    f = result.findings
    work = audit_work_list(result)
    rows = page.eval_on_selector_all("#actions tr[data-row]", "rows => rows.map(r => r.id)")
    assert sorted(rows) == sorted(f"act-{us[0] if us else s}"
                                  for s, us in zip(work["subject"], work["units"], strict=True))
    placed = {u for us in work["units"] for u in us}
    for x in f.itertuples():
        assert f"act-{x.subject}" in rows or x.subject in placed or (
            x.code == "joint_candidate" and set(x.units) <= placed), x
    multi = f.groupby("subject")["code"].agg(list)
    subject = multi[multi.map(len) > 1].index[0]
    row = page.locator(f'[id="act-{subject}"]')
    text = row.text_content()
    for code, message in zip(f.loc[f["subject"] == subject, "code"],
                             f.loc[f["subject"] == subject, "message"], strict=True):
        assert FINDING_TITLES_ZH[code] in text and message in text
    # filed under the street and community of its community
    community = f.loc[f["subject"] == subject, "community"].dropna().iloc[0]
    assert row.get_attribute("data-community") == community


def test_clicking_a_community_shows_its_network(page, result, sihui):
    circle = result.circles.set_index("community").loc["com-002"]
    page.click('#tbl-communities a[data-net="com-002"]')
    assert "玉城社区" in page.text_content("#net-title")
    members = (1 + len(circle["sub_core"]) + len(circle["pan_core"])
               + len(circle["external"]) + len(circle["unlinked"]))
    assert page.locator("#net-svg .node").count() == members
    # ties drawn: among core, sub-core, pan-core and external partners, none for the unlinked
    drawn = {circle["core"], *circle["sub_core"], *circle["pan_core"], *circle["external"]}
    t = gk.ties(sihui)
    pairs = {(a, b) for a, b in zip(t["a"], t["b"], strict=True)
             if a < b and a in drawn and b in drawn}
    assert page.locator("#net-svg line.edge").count() == len(pairs)
    # click a sub-core member: its details
    sub = circle["sub_core"][0]
    page.locator(f'#net-svg .node[data-id="{sub}"] circle').click()
    info = page.text_content("#net-info")
    assert result.names.get(sub, "") in info or sub in info
    assert "次核心圈" in info and sub in info
    assert page.locator("#net-svg .node.sel").get_attribute("data-id") == sub


def test_network_pans_zooms_and_finds_a_name(page, result):
    page.select_option("#net-pick", "com-001")
    page.locator("#net-svg").scroll_into_view_if_needed()
    box = page.locator("#net-svg").bounding_box()
    before = page.get_attribute("#net-svg", "viewBox")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(100)
    zoomed = page.get_attribute("#net-svg", "viewBox")
    assert float(zoomed.split()[2]) < float(before.split()[2])
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 30)
    page.mouse.up()
    panned = page.get_attribute("#net-svg", "viewBox")
    assert panned.split()[:2] != zoomed.split()[:2] and panned.split()[2] == zoomed.split()[2]
    # a name in this community is highlighted; one elsewhere is offered and opens it
    c1 = result.circles.set_index("community").loc["com-001"]
    roles = gk.circle_roles(result.network)
    pan = roles[(roles["community"] == "com-001") & (roles["role"] == "pan_core")].iloc[0]
    page.fill("#net-q", pan["name"])
    page.wait_for_timeout(250)
    assert page.locator("#net-svg .node.hit").get_attribute("data-id") == pan["member"]
    assert pan["name"] in page.text_content("#net-info")
    other = roles[(roles["community"] == "com-030") & (roles["role"] == "core")].iloc[0]
    page.fill("#net-q", other["name"])
    page.wait_for_timeout(250)
    page.locator("#net-hits button", has_text=other["name"]).first.click()
    assert page.input_value("#net-pick") == "com-030"
    assert page.locator("#net-svg .node.sel").get_attribute("data-id") == other["member"]
    assert c1["core"] != other["member"]


def test_a_community_without_core_is_drawn_around_an_empty_centre(page, result):
    c = result.circles.set_index("community")
    no_core = c[(c["status"] == "no_core") & (c["members"] > 0)].index[0]
    page.select_option("#net-pick", no_core)
    assert page.locator("#net-svg .empty-core").count() == 1
    assert page.locator("#net-svg .node").count() == int(c.loc[no_core, "members"])
    assert "无核心" in page.text_content("#net-title")


def _ink(path: Path) -> float:
    img = imread(path)[..., :3]
    return float((img < 0.9).any(axis=-1).mean())


def test_screenshots_at_desktop_and_phone_width(browser, report_file, tmp_path):
    for width, height in ((1280, 900), (390, 844)):
        context, page, watch = _open(browser, report_file, width=width, height=height)
        shot = tmp_path / f"report-{width}.png"
        page.screenshot(path=str(shot))
        assert _ink(shot) > 0.03, f"blank screenshot at {width} px"
        page.locator("#network").scroll_into_view_if_needed()
        net = tmp_path / f"network-{width}.png"
        page.locator("#net-svg").screenshot(path=str(net))
        img = imread(net)[..., :3]
        core_red = (abs(img[..., 0] - 0xC0 / 255) < 0.08) & (img[..., 1] < 0.1)
        assert core_red.sum() > 20, "the core is not drawn"
        # nothing wider than the screen: tables scroll inside their own box
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        font_px = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font_px >= 14
        context.close()
        assert watch.errors == [] and watch.outside == []


def test_prints_to_a4(page, tmp_path):
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.getElementById('toc')).display") == "none"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (tmp_path / "audit.pdf").write_bytes(pdf)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2
                         for w, h in boxes)
    assert 3 <= len(boxes) <= 40


def test_no_tofu_without_a_cjk_system_font(playwright, report_file, tmp_path):
    """Chromium with a fontconfig that knows one Latin font only (DejaVu Sans, no CJK
    glyph; with no font at all Chromium's renderer crashes on form controls): every
    Chinese character is drawn from the embedded subset, each as its own glyph."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(DEJAVU, fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                    f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir>"
                    "</fontconfig>", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, env=env)
    try:
        context, page, watch = _open(b, report_file)
        found = page.evaluate("""async () => {
          await document.fonts.ready;
          const chars = [...new Set(document.body.innerText)]
            .filter(c => c.charCodeAt(0) > 0x2e80 && !/\\s/.test(c)).slice(0, 300);
          const cv = document.createElement('canvas'); cv.width = cv.height = 32;
          const ctx = cv.getContext('2d', {willReadFrequently: true});
          const glyph = (font, ch) => {
            ctx.clearRect(0, 0, 32, 32); ctx.font = font; ctx.textBaseline = 'top';
            ctx.fillText(ch, 2, 2);
            const d = ctx.getImageData(0, 0, 32, 32).data; let s = '';
            for (let i = 3; i < d.length; i += 4) s += d[i] > 127 ? '1' : '0';
            return s;
          };
          const body = getComputedStyle(document.body).fontFamily;
          return {
            n: chars.length,
            faces: [...document.fonts].map(f => f.family + ':' + f.status),
            page: new Set(chars.map(c => glyph('24px ' + body, c))).size,
            system: new Set(chars.map(c => glyph('24px sans-serif', c))).size,
            check: document.fonts.check('24px "GK Noto Sans CJK SC"', chars.join('')),
          };
        }""")
        page.screenshot(path=str(tmp_path / "no-cjk-font.png"))
        context.close()
    finally:
        b.close()
    assert found["n"] > 200
    assert found["faces"] == ['GK Noto Sans CJK SC:loaded'] and found["check"]
    assert found["system"] <= 3          # the system has no CJK glyph: tofu boxes
    assert found["page"] == found["n"]   # the page draws each character as itself
    assert _ink(tmp_path / "no-cjk-font.png") > 0.03
    assert watch.errors == [] and watch.outside == []


def test_labels_and_kinds_come_from_the_vocabulary(html):
    data = _data(html)
    assert data["labels"][:2] == [V.LABEL_NAMES_ZH[V.PARTY_ORG], V.LABEL_NAMES_ZH[V.UNIT]]
    assert data["kinds"] == V.KIND_NAMES_ZH


def test_big_tables_show_a_page_at_a_time(browser, tmp_path):
    from graphkit.cli import main
    from graphkit.report.model import PAGE_ROWS

    n = PAGE_ROWS * 3
    assert main(["synth", str(tmp_path / "city"), "--units", str(n), "--seed", "2"]) == 0
    path = tmp_path / "city.html"
    path.write_text(to_html(gk.audit(gk.read_dataset(tmp_path / "city")), figures=False),
                    encoding="utf-8")
    context, page, watch = _open(browser, path)
    page.select_option("#units select[data-filter=status]", "")
    assert len(_visible_rows(page, "units")) == PAGE_ROWS
    assert page.text_content("#units .count") == f"显示 {PAGE_ROWS}（符合条件 {n}） / {n}"
    page.locator("#tbl-units thead th", has_text="党员数").click()  # sorts all, shows a page
    members = page.eval_on_selector_all(
        "#tbl-units tbody tr", "rows => rows.map(r => [r.hidden, +r.cells[5].dataset.v])")
    shown = [m for hidden, m in members if not hidden]
    assert len(shown) == PAGE_ROWS and max(shown) <= min(m for h, m in members if h)
    page.locator("#units .more button", has_text="全部显示").click()
    assert len(_visible_rows(page, "units")) == n
    context.close()
    assert watch.errors == [] and watch.outside == []
