"""The network explorer (graphkit.view): what it draws (the widget's model state) and the
exported HTML file driven in headless Chromium as a researcher would: it asks for nothing
outside the page, the search finds an entity, a click on a node shows its details."""

from __future__ import annotations

import math
import re

import pytest

import graphkit as gk
from graphkit import vocab as V
from graphkit.errors import UsageError
from graphkit.viewing import SIZE_BY, NetworkView, view_data
from tests._browser import open_page

SHATIANYUAN = "com-001"


@pytest.fixture(scope="module")
def shatianyuan(sihui) -> NetworkView:
    return gk.view(sihui, community="沙田园社区")


def _by_id(v: NetworkView) -> dict[str, list]:
    return {n[0]: n for n in v.data["nodes"]}


# --- what is drawn ----------------------------------------------------------------------
def test_community_view_is_its_circles_in_the_palette(sihui, shatianyuan):
    roles = gk.circle_roles(sihui)
    roles = roles[roles["community"] == SHATIANYUAN]
    nodes = _by_id(shatianyuan)
    assert set(nodes) == set(roles["member"])
    legend = shatianyuan.data["legend"]
    for member, role in zip(roles["member"], roles["role"], strict=True):
        name, color, _ = legend[nodes[member][6]]
        assert (name, color) == (V.ROLE_NAMES_ZH[role], V.ROLE_COLORS[role])
    counts = roles["role"].value_counts()
    assert {n: c for n, _, c in legend} == {V.ROLE_NAMES_ZH[r]: int(k)
                                            for r, k in counts.items()}
    core = roles.loc[roles["role"] == "core", "member"].item()
    assert nodes[core][3:5] == [0.0, 0.0]  # the core at the centre of its circles
    # the ties drawn are the tie graph's among these entities
    T = gk.tie_graph(sihui)
    ids = [n[0] for n in shatianyuan.data["nodes"]]
    drawn = {frozenset((ids[i], ids[j])) for i, j, *_ in shatianyuan.data["edges"]}
    assert drawn == {frozenset(e) for e in T.subgraph(ids).edges()}
    assert "沙田园社区" in shatianyuan.data["title"]


def test_city_view_is_the_whole_tie_graph_sized_by_degree(sihui):
    v = gk.view(sihui)
    T = gk.tie_graph(sihui)
    nodes = _by_id(v)
    assert set(nodes) == set(T.nodes)
    assert len(v.data["edges"]) == T.number_of_edges()
    # size grows with the measure
    deg = sorted(T.nodes, key=T.degree)
    assert nodes[deg[0]][5] <= nodes[deg[-1]][5]
    assert nodes[deg[-1]][5] == 15.0
    assert all(math.isfinite(n[3]) and math.isfinite(n[4]) for n in v.data["nodes"])


def test_colour_by_status_and_by_label(sihui):
    units = gk.unit_coverage(sihui).set_index("id")["status"]
    v = gk.view(sihui, area="东城街道", color="status")
    legend = v.data["legend"]
    for n in v.data["nodes"]:
        name, color, _ = legend[n[6]]
        if n[0] in units.index:
            status = units[n[0]]
            assert (name, color) == (V.STATUS_NAMES_ZH[status], V.STATUS_COLORS[status])
    assert {c for _, c, _ in legend} <= {*V.STATUS_COLORS.values(), V.SCORE_MISSING}
    lab = gk.view(sihui, community=SHATIANYUAN, color="label")
    labels = sihui.nodes.set_index("id")["label"]
    for n in lab.data["nodes"]:
        assert lab.data["legend"][n[6]][1] == V.LABEL_COLORS[labels[n[0]]]


def test_area_view_holds_its_entities_and_their_partners(sihui):
    v = gk.view(sihui, area="area-dc")
    nodes = set(_by_id(v))
    T = gk.tie_graph(sihui)
    inside = {n for n, a in T.nodes(data="area") if a == "area-dc"}
    assert inside <= nodes
    assert all(n in inside or any(m in inside for m in T[n]) for n in nodes)


def test_cluster_and_chosen_nodes(sihui):
    clusters = gk.detect_communities(sihui)
    v = gk.view(sihui, cluster=1)
    assert set(_by_id(v)) == set(clusters.index[clusters == 1])
    some = list(clusters.index[:3])
    assert set(_by_id(gk.view(sihui, nodes=some))) == set(some)


@pytest.mark.parametrize("measure", ["betweenness", "pagerank", "members"])
def test_size_by_a_measure(sihui, measure):
    v = gk.view(sihui, community=SHATIANYUAN, size=measure)
    assert v.data["fields"][-1] == SIZE_BY[measure]
    values = {n[0]: n[7][-1] for n in v.data["nodes"]}
    sizes = {n[0]: n[5] for n in v.data["nodes"]}
    known = [k for k, x in values.items() if x is not None]
    top = max(known, key=lambda k: values[k])
    assert sizes[top] == max(sizes.values())
    if measure != "members":
        m = gk.entity_measures(sihui).set_index("id")[measure]
        assert all(values[k] == pytest.approx(m[k], abs=1e-6) for k in known)


def test_details_of_a_unit(sihui, shatianyuan):
    status = gk.unit_coverage(sihui).set_index("id")["status"]
    fields = shatianyuan.data["fields"]
    for n in shatianyuan.data["nodes"]:
        details = dict(zip(fields, n[7], strict=True))
        if n[0] in status.index:
            assert details["覆盖状态"] == V.STATUS_NAMES_ZH[status[n[0]]]
            assert details["类型"].startswith("单位")
            assert details["社区"] or details["街道"]


def test_the_same_network_gives_the_same_picture(sihui):
    assert view_data(sihui, area="东城") == view_data(sihui, area="东城")


def test_bad_arguments(sihui):
    with pytest.raises(UsageError, match="沙田园社区"):
        gk.view(sihui, community="沙田圆")
    with pytest.raises(UsageError, match="color"):
        gk.view(sihui, color="rainbow")
    with pytest.raises(UsageError, match="size"):
        gk.view(sihui, size="fame")
    with pytest.raises(UsageError, match="at most one"):
        gk.view(sihui, community=SHATIANYUAN, area="东城")
    with pytest.raises(UsageError, match="clusters are numbered"):
        gk.view(sihui, cluster=10_000)
    with pytest.raises(UsageError, match="nope"):
        gk.view(sihui, nodes=["nope"])


def test_widget_state_carries_its_code_and_font(shatianyuan):
    state = shatianyuan.get_state()
    assert "export default { render }" in state["_esm"]
    assert "sigma" in state["_esm"].lower() and "graphology" in state["_esm"]
    # nothing to fetch: no import statement, no dynamic import
    assert not re.search(r"^\s*import[\s{*]|(?<![.\w])import\s*\(", state["_esm"], re.M)
    assert state["font_css"].startswith('@font-face{font-family:"GK Sans"')
    assert state["data"] == shatianyuan.data and state["selected"] == ""


# --- the exported file in a browser -------------------------------------------------------
@pytest.fixture(scope="module")
def exported(shatianyuan, tmp_path_factory):
    path = tmp_path_factory.mktemp("view") / "沙田园.html"
    assert shatianyuan.save(path) == path
    return path


def test_exported_file_is_self_contained(exported):
    page = exported.read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:|#)", page, re.I)
    assert "sourceMappingURL" not in page


def test_exported_file_searches_and_shows_details_on_click(browser, exported, shatianyuan):
    context, page, watch = open_page(browser, exported)
    try:
        page.wait_for_function("window.gkView && window.gkView.sigma")
        # search by part of a name: the hit is listed, choosing it selects the entity
        target = next(n for n in shatianyuan.data["nodes"] if n[2] == "四会市福建商会党支部")
        page.fill(".gkv-search", "福建商会")
        hit = page.locator(f'.gkv-hits button[data-node="{target[0]}"]')
        assert hit.inner_text() == target[2]
        hit.click()
        assert page.locator(".gkv-info h4").inner_text() == target[2]
        assert page.evaluate("window.gkModel.get('selected')") == target[0]
        page.locator(".gkv-tools button", has_text="复位").click()
        assert page.locator(".gkv-info h4").count() == 0
        # a real click on the drawn core node (sigma computes where it is on the canvas)
        core = shatianyuan.data["nodes"][0]
        page.wait_for_timeout(400)  # the camera back in place
        xy = page.evaluate(
            "(id) => { const v = window.gkView; const i = String(v.index()[id]);"
            " const d = v.sigma.getNodeDisplayData(i);"
            " return v.sigma.framedGraphToViewport(d); }", core[0])
        box = page.locator(".gkv-canvas").bounding_box()
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        tip = page.locator(".gkv-tip")
        tip.wait_for(state="visible")
        assert core[2] in tip.inner_text()  # hover: the name
        page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
        info = page.locator(".gkv-info")
        assert info.locator("h4").inner_text() == core[2]
        text = info.inner_text()
        assert "核心（社区党组织）" in text and "沙田园社区" in text
        n_ties = sum(1 for e in shatianyuan.data["edges"] if 0 in e[:2])
        assert f"联结（{n_ties}）" in text
        # the legend hides a class
        page.locator(".gkv-lg", has_text="外部共建单位").click()
        assert page.locator('.gkv-lg[aria-pressed="false"]').count() == 1
        assert watch.outside == [] and watch.errors == []
    finally:
        context.close()


def test_exported_file_fits_a_phone(browser, exported):
    context, page, watch = open_page(browser, exported, width=390, height=844)
    try:
        page.wait_for_function("window.gkView && window.gkView.sigma")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        canvas = page.locator(".gkv-canvas").bounding_box()
        assert canvas["width"] > 300 and canvas["height"] > 300
        assert watch.outside == [] and watch.errors == []
    finally:
        context.close()


def test_a_large_component_gets_a_seeded_layout():
    import networkx as nx

    from graphkit.analysis._layout import tie_layout

    G = nx.barabasi_albert_graph(2500, 2, seed=1)  # above networkx's spring layout limit
    a, b = tie_layout(G, seed=3), tie_layout(nx.Graph(reversed(list(G.edges()))), seed=3)
    assert a == b and len(a) == 2500
    assert all(abs(x) <= 1.0 + 1e-9 and abs(y) <= 1.0 + 1e-9 for x, y in a.values())
    assert len(set(a.values())) == 2500
