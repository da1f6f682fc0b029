"""GraphML and GEXF for Gephi and Cytoscape: names as labels, the audit's results as
attributes, Chinese and attributes survive a re-read, and odd data never breaks the file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import graphkit as gk
from graphkit.cli import main
from graphkit.convert import COMPUTED_NODE_ATTRS, read_graph, write_graph

from .conftest import SIHUI, Builder


@pytest.fixture(scope="module")
def G(sihui):
    return sihui.to_networkx()


def _read(path):
    return nx.read_graphml(path, force_multigraph=True) if path.suffix == ".graphml" \
        else nx.read_gexf(path)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_round_trip(G, sihui, tmp_path, suffix):
    path = write_graph(G, tmp_path / f"s{suffix}")
    back = read_graph(path)
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted((u, v, k, sorted(d.items())) for u, v, k, d in back.edges(keys=True, data=True)) \
        == sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True))
    assert back.graph["name"] == G.graph["name"]
    assert "沙田园社区" in path.read_text(encoding="utf-8")
    ds = gk.Dataset.from_networkx(back)
    assert sorted(ds.nodes["id"]) == sorted(sihui.nodes["id"])
    assert len(ds.edges) == len(sihui.edges)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_nodes_carry_names_and_results(sihui, tmp_path, suffix):
    H = _read(write_graph(sihui, tmp_path / f"s{suffix}"))
    result = gk.audit(sihui)
    names = dict(zip(sihui.nodes["id"], sihui.nodes["name"], strict=True))
    for n, d in H.nodes(data=True):
        assert d["label"] == names[n]  # what Gephi and Cytoscape show
        assert d["node_type"] in gk.vocab.LABELS
    status = dict(zip(result.units["id"], result.units["status"], strict=True))
    unit = H.nodes["unit-0139"]
    assert unit["coverage_status"] == status["unit-0139"] == "none"
    assert unit["coverage_status_zh"] == "未覆盖"
    assert unit["community"] == "com-032" and unit["area"] == "area-zs"
    assert unit["area_name"] == "贞山街道"
    circ = result.circles.set_index("community")
    roles = gk.circle_roles(sihui)
    yu = roles[roles["community"] == "com-002"]
    for member, role in zip(yu["member"], yu["role"], strict=True):
        if role != "external":
            assert H.nodes[member]["circle_role"] == role
            assert H.nodes[member]["linkage_rate"] == pytest.approx(circ.loc["com-002",
                                                                             "linkage_rate"])
    assert H.nodes["com-002"]["linkage_rate"] == pytest.approx(circ.loc["com-002",
                                                                       "linkage_rate"])
    assert "linkage_rate" not in H.nodes["com-039"]  # no core: no rate, not a NaN


def test_results_can_be_left_out(sihui, tmp_path):
    H = _read(write_graph(sihui, tmp_path / "s.graphml", results=False))
    assert not any(k in d for _, d in H.nodes(data=True) for k in COMPUTED_NODE_ATTRS[2:])


def _odd(tmp_path):
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="o1")
    b.unit("u1", where="c1", members=4)
    b.nodes[-1].update(name="失控\x0b公司\x1b[31m", start="2020-01-01", end="2021-01-01",
                       node_for_adding="x", weight="高")
    b.unit("u2", where="c1", org="o2")
    b.edge("o2", "o1", "CO_BUILDS", relationship="同驻共建", key="k1", weight="3")
    return b.write(tmp_path / "odd")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_odd_data_gives_files_that_open(capsys, tmp_path, suffix):
    folder = _odd(tmp_path)
    out = tmp_path / f"odd{suffix}"
    assert main(["convert", str(folder), str(out)]) == 0, capsys.readouterr().err
    root = ET.fromstring(out.read_bytes())  # well-formed XML (Gephi, Cytoscape open it)
    H = _read(out)
    assert H.nodes["u1"]["label"] == "失控␋公司␛[31m"
    if suffix == ".gexf":
        graph = root.find("{*}graph")
        assert graph.get("mode") == "static"  # `start`/`end` columns are plain attributes
        assert H.nodes["u1"]["start_"] == "2020-01-01"
        edge = next(d for _, _, d in H.edges(data=True) if d["relationship"] == "CO_BUILDS")
        assert edge["relationship_"] == "同驻共建"  # the data column is not overwritten
        assert edge["key_"] == "k1"
    else:
        assert H.nodes["u1"]["start"] == "2020-01-01"
        edge = next(d for _, _, d in H.edges(data=True) if d["type"] == "CO_BUILDS")
        assert edge["relationship"] == "同驻共建" and edge["key_"] == "k1"  # GraphML's own key
    assert H.nodes["u1"]["node_for_adding_"] == "x"  # networkx's readers would choke on it
    back = read_graph(out)
    assert back.nodes["u1"]["node_for_adding"] == "x"
    assert back.nodes["u1"]["start"] == "2020-01-01"
    edge = next(d for _, _, d in back.edges(data=True) if d["type"] == "CO_BUILDS")
    assert edge["relationship"] == "同驻共建" and edge["key"] == "k1"


def test_cli_convert(tmp_path, capsys):
    assert main(["convert", str(SIHUI), str(tmp_path / "s.graphml")]) == 0
    assert main(["convert", str(SIHUI), str(tmp_path / "s.gexf")]) == 0
    assert main(["convert", str(SIHUI), str(tmp_path / "s.csv")]) == 2
    assert "graphml" in capsys.readouterr().err
    assert not (tmp_path / "s.csv").exists()
    assert main(["convert", str(SIHUI), str(SIHUI / "nodes.csv")]) == 2


# --- the organizations' tie network for Gephi ------------------------------------------
def test_organizations_file_is_the_tie_network_with_layout_and_palette(sihui, tmp_path):
    from graphkit.convert import write_organizations

    path = write_organizations(sihui, tmp_path / "ties.gexf")
    F = nx.read_gexf(path)
    T = gk.tie_graph(sihui)
    assert set(F.nodes) == set(T.nodes)  # organizations and units, no member, no place
    assert {d["node_type"] for _, d in F.nodes(data=True)} == {"PartyOrg", "Unit"}
    assert {frozenset(e) for e in F.edges()} == {frozenset(e) for e in T.edges()}
    for u, v, d in F.edges(data=True):
        assert d["weight"] == T.edges[u, v]["weight"]
        assert d["types"] == "、".join(T.edges[u, v]["types"])
    roles = gk.circle_roles(sihui)
    own = roles[roles["role"] != "external"].drop_duplicates("member").set_index("member")
    status = gk.unit_coverage(sihui).set_index("id")["status"]
    names = dict(zip(sihui.nodes["id"], sihui.nodes["name"], strict=True))
    sizes = {}
    for n, d in F.nodes(data=True):
        assert d["label"] == names[n]
        viz = d["viz"]
        color = "#{r:02x}{g:02x}{b:02x}".format(**viz["color"])
        role = own["role"].get(n)
        if role is not None:
            assert d["circle_role"] == role
            assert color == gk.vocab.ROLE_COLORS[role]
        if n in status.index:
            assert d["coverage_status"] == status[n]
        x, y = viz["position"]["x"], viz["position"]["y"]
        assert abs(x) <= 2000 and abs(y) <= 3000
        sizes[n] = viz["size"]
        assert d["degree"] == T.degree(n)
    # positions are a layout (not all on one point) and sizes follow the degree
    assert len({(d["viz"]["position"]["x"], d["viz"]["position"]["y"])
                for _, d in F.nodes(data=True)}) == F.number_of_nodes()
    top = max(T.nodes, key=T.degree)
    assert sizes[top] == max(sizes.values())
    assert F.nodes["org-0008"]["circle_role_zh"] == "核心（社区党组织）"
    assert F.nodes["org-0008"]["community_name"] == "沙田园社区"


def test_convert_organizations_command(tmp_path, capsys):
    out = tmp_path / "ties.gexf"
    assert main(["convert", "--organizations", str(SIHUI), str(out)]) == 0
    F = nx.read_gexf(out)
    assert not any(d["node_type"] == "Person" for _, d in F.nodes(data=True))
    capsys.readouterr()
    assert main(["convert", "--organizations", str(SIHUI), str(tmp_path / "t.graphml")]) == 2
    assert "t.graphml: --organizations writes GEXF" in capsys.readouterr().err
    assert not (tmp_path / "t.graphml").exists()
