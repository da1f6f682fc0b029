"""The tie graph and the network measures (graphkit.tie_graph, graphkit.measures).

The measures run on igraph, so igraph is never the reference here. Values are checked
against hand computations from the definitions (path, star, small weighted graphs), against
the definitions written out node by node in this file (Burt's constraint and effective
size, PageRank's power iteration, NMI, ARI, the sampled-betweenness estimator), and against
networkx on small graphs where networkx's result does not depend on the environment
(betweenness, k-cores, cut points, bridges, path lengths, modularity: pure Python whether or
not scipy is installed).
"""

from __future__ import annotations

import csv
import importlib
import json
import math
import random
import shutil
import tempfile
import warnings
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit as gk
from graphkit import vocab as V
from graphkit.cli import main
from tests.conftest import SIHUI, Builder
from tests.test_properties import networks

# the package (``graphkit.measures`` the attribute is the bundle function, as with circles)
M = importlib.import_module("graphkit.measuring")


# --- fixtures -------------------------------------------------------------------------
def karate() -> nx.Graph:
    """Zachary's karate club as a plain graph on nodes 0..33 (no attributes)."""
    return nx.Graph(sorted(nx.karate_club_graph().edges()))


def burt(G: nx.Graph, weight: str | None = "weight") -> tuple[dict, dict]:
    """Burt's constraint and effective size written out from the definitions, node by node
    (the reference: no library involved)."""
    def w(u, v):
        return 1.0 if weight is None else float(G[u][v].get(weight, 1))

    def p(i, j):
        return w(i, j) / sum(w(i, k) for k in G[i])

    def m(j, q):
        return w(j, q) / max(w(j, k) for k in G[j])

    constraint, esize = {}, {}
    for i in G:
        if G.degree(i) == 0:
            constraint[i] = esize[i] = math.nan
            continue
        constraint[i] = sum((p(i, j) + sum(p(i, q) * p(q, j) for q in G[i]
                                           if q not in (i, j) and j in G[q])) ** 2
                            for j in G[i])
        esize[i] = sum(1 - sum(p(i, q) * m(j, q) for q in G[i] if q not in (i, j)
                               and q in G[j]) for j in G[i])
    return constraint, esize


def power_pagerank(G: nx.Graph, weight: str | None = "weight", alpha: float = 0.85
                   ) -> dict:
    """PageRank by plain power iteration from its definition (isolates jump uniformly)."""
    nodes = sorted(G)
    n = len(nodes)
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(2000):
        dangling = sum(x[v] for v in nodes if G.degree(v) == 0)
        new = dict.fromkeys(nodes, (1 - alpha) / n + alpha * dangling / n)
        for u in nodes:
            s = G.degree(u, weight=weight)
            for v in G[u]:
                new[v] += alpha * x[u] * (G[u][v].get(weight, 1) if weight else 1) / s
        if sum(abs(new[v] - x[v]) for v in nodes) < 1e-15:
            return new
        x = new
    return x


def contingency(a: list, b: list) -> tuple[dict, dict, dict, int]:
    pairs, ca, cb = {}, {}, {}
    for x, y in zip(a, b, strict=True):
        pairs[x, y] = pairs.get((x, y), 0) + 1
        ca[x] = ca.get(x, 0) + 1
        cb[y] = cb.get(y, 0) + 1
    return pairs, ca, cb, len(a)


def ref_nmi(a: list, b: list) -> float:
    pairs, ca, cb, n = contingency(a, b)
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in pairs.items())
    ha = -sum(c / n * math.log(c / n) for c in ca.values())
    hb = -sum(c / n * math.log(c / n) for c in cb.values())
    return 2 * mi / (ha + hb)


def ref_ari(a: list, b: list) -> float:
    pairs, ca, cb, n = contingency(a, b)
    index = sum(math.comb(c, 2) for c in pairs.values())
    sa, sb = sum(math.comb(c, 2) for c in ca.values()), sum(math.comb(c, 2) for c in cb.values())
    expected = sa * sb / math.comb(n, 2)
    return (index - expected) / ((sa + sb) / 2 - expected)


def sample_sources(G: nx.Graph, component: set, k: int, seed: int) -> list:
    """The documented sample: ``random.Random(seed).sample`` of positions in the sorted
    component."""
    members = sorted(component)
    return [members[i] for i in sorted(random.Random(seed).sample(range(len(members)), k))]


def small_network() -> Builder:
    """One community c1 (core o-c1) in area a1, hand-checked ties:

    * u1 has its own org o-u1: CO_BUILDS o-u1 -> o-c1 and a team from u1 stationed at c1
      (the unit counts as its organization): weight 2, types CO_BUILDS + TEAM;
    * o-c1 COVERS u2 (no own org) and MEETS_WITH u2: weight 2;
    * o-c1 REPORTS_TO o-a1 (street committee, area a1, no community);
    * organ u9 (no community, own org o-u9) CO_BUILDS with o-c1 in both directions: 2;
    * u3 in c1 with no tie: an isolate.
    """
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.node("o-a1", "PartyOrg", "东城街道党工委", kind="committee")
    b.edge("o-a1", "a1", "BELONGS_TO")
    b.community("c1", area="a1", core="o-c1")
    b.unit("u1", where="c1", members=5, org="o-u1", rating=5)
    b.unit("u2", where="c1", kind="market")
    b.unit("u3", where="c1", kind="social_org")
    b.unit("u9", where="a1", kind="organ", org="o-u9")
    b.edge("o-u1", "o-c1", "CO_BUILDS")
    b.node("t1", "Team", "驻点团队", kind="stationed")
    b.edge("t1", "u1", "FROM").edge("t1", "c1", "STATIONED_AT")
    b.edge("o-c1", "u2", "COVERS", mode="joint")
    b.edge("o-c1", "u2", "MEETS_WITH")
    b.edge("o-c1", "o-a1", "REPORTS_TO")
    b.edge("o-u9", "o-c1", "CO_BUILDS").edge("o-c1", "o-u9", "CO_BUILDS")
    return b


# --- the tie graph --------------------------------------------------------------------
def test_tie_graph_entities_weights_and_types():
    T = gk.tie_graph(small_network().graph())
    assert isinstance(T, nx.Graph) and not T.is_directed() and not T.is_multigraph()
    # units with their own organization are represented by it; u3 is an isolate
    assert list(T) == sorted(["o-a1", "o-c1", "o-u1", "u2", "u3", "o-u9"])
    assert dict(T.edges["o-c1", "o-u1"]) == {"weight": 2, "types": ("CO_BUILDS", "TEAM")}
    assert dict(T.edges["o-c1", "u2"]) == {"weight": 2, "types": ("COVERS", "MEETS_WITH")}
    assert dict(T.edges["o-a1", "o-c1"]) == {"weight": 1, "types": ("REPORTS_TO",)}
    assert dict(T.edges["o-c1", "o-u9"]) == {"weight": 2, "types": ("CO_BUILDS",)}
    assert T.number_of_edges() == 4 and T.degree("u3") == 0
    assert T.nodes["o-c1"] == {"label": "PartyOrg", "kind": "committee", "name": "名称o-c1",
                               "community": "c1", "area": "a1", "core": True}
    assert T.nodes["u2"]["community"] == "c1" and T.nodes["u2"]["core"] is False
    assert (T.nodes["o-u9"]["community"], T.nodes["o-u9"]["area"]) == (None, "a1")
    assert (T.nodes["o-a1"]["community"], T.nodes["o-a1"]["area"]) == (None, "a1")
    # every tie type is a vocabulary tie type
    types = {t for *_, d in T.edges(data=True) for t in d["types"]}
    assert types <= {*V.TIE_TYPES, V.TEAM_TIE}


def test_tie_graph_agrees_with_ties_and_dataset(tmp_path):
    assert callable(gk.ties) and callable(gk.tie_graph) and callable(gk.measures)
    b = small_network()
    ds = b.dataset(tmp_path / "d")
    T = gk.tie_graph(ds)
    U = gk.tie_graph(b.graph())
    assert list(T.nodes(data=True)) == list(U.nodes(data=True))
    assert list(T.edges(data=True)) == list(U.edges(data=True))
    assert T.graph["name"] == "d"
    pairs = gk.ties(ds)
    assert {frozenset(p) for p in zip(pairs["a"], pairs["b"], strict=True)} == {
        frozenset(e) for e in T.edges()}
    assert gk.tie_edges(ds)["weight"].sum() == sum(w for *_, w in T.edges(data="weight"))
    assert list(gk.tie_nodes(ds).index) == list(T)


def test_tie_graph_does_not_modify_the_network():
    G = small_network().graph()
    before = (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)))
    gk.tie_graph(G)
    M.measures(G)
    assert before == (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)))


# --- per entity: hand values ----------------------------------------------------------
def test_path_graph_hand_values():
    # P5: 0-1-2-3-4. betweenness of 1, 2, 3: 3, 4, 3 pairs of (n-1)(n-2)/2 = 6
    m = M.entity_measures(nx.path_graph(5)).set_index("id")
    assert m["betweenness"].tolist() == pytest.approx([0, 3 / 6, 4 / 6, 3 / 6, 0])
    assert m["degree"].tolist() == [1, 2, 2, 2, 1]
    assert m["cut_point"].tolist() == [False, True, True, True, False]
    assert m["core_number"].tolist() == [1, 1, 1, 1, 1]
    # Burt: a middle node has two non-redundant contacts, p = 1/2 each: c = 2 * 1/4
    assert m["constraint"].tolist() == pytest.approx([1, 0.5, 0.5, 0.5, 1])
    assert m["effective_size"].tolist() == pytest.approx([1, 2, 2, 2, 1])
    # PageRank of the path by symmetry: ends equal, 1 and 3 equal, all summing to 1
    pr = m["pagerank"]
    assert pr.sum() == pytest.approx(1) and pr[0] == pytest.approx(pr[4])
    assert pr[0] < pr[1] and pr[1] == pytest.approx(pr[3])


def test_star_and_triangle_structural_holes_by_hand():
    star = M.entity_measures(nx.star_graph(4)).set_index("id")
    assert star.loc[0, "betweenness"] == pytest.approx(1.0)
    assert star.loc[0, "constraint"] == pytest.approx(4 * (1 / 4) ** 2)
    assert star.loc[0, "effective_size"] == pytest.approx(4)
    # star PageRank in closed form: hub x = (1 - a)/n + a (1 - x), leaves share the rest
    a, n = 0.85, 5
    hub = ((1 - a) / n + a) / (1 + a)
    assert star.loc[0, "pagerank"] == pytest.approx(hub, abs=1e-9)
    # triangle 0-1-2 with a pendant 3 on 0. For node 0: p = 1/3 to each of 1, 2, 3;
    # c_01 = (1/3 + p_02 p_21)^2 = (1/3 + 1/3 * 1/2)^2 = 1/4, same for 2; c_03 = 1/9.
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (0, 3)])
    h = M.structural_holes(G)
    assert h.loc[0, "constraint"] == pytest.approx(1 / 4 + 1 / 4 + 1 / 9)
    # effective size n - 2t/n = 3 - 2 * 1 / 3
    assert h.loc[0, "effective_size"] == pytest.approx(3 - 2 / 3)
    # node 1: p_10 = p_12 = 1/2; c_10 = (1/2 + 1/2 * p_20 = 1/2 * 1/2)^2 = 9/16;
    # c_12 = (1/2 + p_10 p_02 = 1/2 * 1/3)^2 = 4/9
    assert h.loc[1, "constraint"] == pytest.approx(9 / 16 + 4 / 9)
    assert h.loc[1, "effective_size"] == pytest.approx(1.0)


def test_weighted_structural_holes_by_hand():
    # triangle a-b (2), a-c (1), b-c (1) and a pendant d on c (3)
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 2), ("a", "c", 1), ("b", "c", 1), ("c", "d", 3)])
    h = M.structural_holes(G).loc["a"]
    # p_ab = 2/3, p_ac = 1/3, p_cb = 1/5, p_bc = 1/3:
    # c_a = (2/3 + 1/3 * 1/5)^2 + (1/3 + 2/3 * 1/3)^2 = (11/15)^2 + (5/9)^2
    assert h["constraint"] == pytest.approx((11 / 15) ** 2 + (5 / 9) ** 2, abs=1e-15)
    # m_bc = 1/2 (b's strongest tie is 2), m_cb = 1/3 (c's is 3):
    # e_a = (1 - p_ac m_bc) + (1 - p_ab m_cb) = 2 - 1/6 - 2/9
    assert h["effective_size"] == pytest.approx(2 - 1 / 6 - 2 / 9, abs=1e-15)
    # unweighted, the same triangle: Borgatti's n - 2t/n = 2 - 2/2
    assert M.structural_holes(G, weight=None).loc["a", "effective_size"] == pytest.approx(1)


def test_isolates_have_nan_brokerage_and_zero_centrality():
    G = nx.Graph([(0, 1)])
    G.add_node(2)
    m = M.entity_measures(G).set_index("id")
    assert math.isnan(m.loc[2, "constraint"]) and math.isnan(m.loc[2, "effective_size"])
    assert m.loc[2, ["degree", "betweenness", "core_number"]].tolist() == [0, 0, 0]
    alone = M.entity_measures(nx.empty_graph(3))  # no tie at all
    assert alone["constraint"].isna().all() and alone["effective_size"].isna().all()
    assert alone["pagerank"].tolist() == pytest.approx([1 / 3] * 3)
    empty = M.entity_measures(nx.Graph())
    assert len(empty) == 0 and "betweenness" in empty.columns


def test_self_loops_are_left_out():
    G = nx.Graph([(0, 1), (1, 2), (1, 1)])
    m = M.entity_measures(G).set_index("id")
    assert m["degree"].tolist() == [1, 2, 1]
    assert m.loc[1, "constraint"] == pytest.approx(0.5)


# --- per entity: references -----------------------------------------------------------
def test_karate_against_networkx_and_the_definitions():
    G = karate()
    m = M.entity_measures(G).set_index("id")
    ref = nx.betweenness_centrality(G)
    assert m["betweenness"].to_numpy() == pytest.approx([ref[v] for v in sorted(G)], abs=1e-12)
    assert m["degree"].tolist() == [G.degree(v) for v in sorted(G)]
    core = nx.core_number(G)
    assert m["core_number"].tolist() == [core[v] for v in sorted(G)]
    assert set(m.index[m["cut_point"]]) == set(nx.articulation_points(G)) == {0}
    constraint, esize = burt(G)
    assert m["constraint"].to_numpy() == pytest.approx([constraint[v] for v in sorted(G)],
                                                       abs=1e-12)
    assert m["effective_size"].to_numpy() == pytest.approx([esize[v] for v in sorted(G)],
                                                           abs=1e-12)
    pr = power_pagerank(G)
    assert m["pagerank"].to_numpy() == pytest.approx([pr[v] for v in sorted(G)], abs=1e-9)
    assert m.attrs["methods"]["betweenness"]["method"] == "exact"


def test_weighted_measures_against_the_definitions():
    """The reference is the definition written out (``burt``, ``power_pagerank``): a
    networkx reference would change with scipy installed (issue 16)."""
    rnd = random.Random(7)
    G = nx.gnm_random_graph(40, 90, seed=3)
    for u, v in G.edges():
        G[u][v]["weight"] = rnd.randint(1, 4)
    G.add_node(40)  # an isolate
    m = M.entity_measures(G).set_index("id")
    assert m["weighted_degree"].tolist() == [G.degree(v, weight="weight") for v in range(41)]
    assert m["weighted_degree"].dtype == np.int64
    pr = power_pagerank(G)
    assert m["pagerank"].to_numpy() == pytest.approx([pr[v] for v in range(41)], abs=1e-9)
    constraint, esize = burt(G)
    assert math.isnan(m.loc[40, "constraint"]) and math.isnan(m.loc[40, "effective_size"])
    for node in range(40):
        assert m.loc[node, "constraint"] == pytest.approx(constraint[node], abs=1e-12)
        assert m.loc[node, "effective_size"] == pytest.approx(esize[node], abs=1e-12)
    constraint, esize = burt(G, weight=None)
    unweighted = M.structural_holes(G, weight=None)
    assert unweighted["effective_size"].drop(40).to_numpy() == pytest.approx(
        [esize[v] for v in range(40)], abs=1e-12)
    assert unweighted["constraint"].drop(40).to_numpy() == pytest.approx(
        [constraint[v] for v in range(40)], abs=1e-12)
    # float weights: weighted degree stays float
    H = nx.Graph()
    H.add_weighted_edges_from([(0, 1, 0.5), (1, 2, 1.5)])
    assert M.entity_measures(H)["weighted_degree"].tolist() == [0.5, 2.0, 1.5]


def test_sampled_betweenness_is_the_documented_estimator():
    """On a component above exact_max: (|C| / k) times the betweenness from the k sampled
    sources (networkx's subset betweenness as the reference), normalized over all pairs;
    smaller components stay exact."""
    big = nx.gnm_random_graph(120, 200, seed=5)
    big = big.subgraph(max(nx.connected_components(big), key=len)).copy()
    G = nx.disjoint_union(big, nx.path_graph(5))  # a small exact component after it
    n, comp = G.number_of_nodes(), max(nx.connected_components(G), key=len)
    k, seed = 40, 2
    got = M.entity_measures(G, exact_max=50, k=k, seed=seed)
    method = got.attrs["methods"]["betweenness"]
    assert method == {"method": "sampled", "k": k, "seed": seed, "exact_max": 50,
                      "sampled_components": [len(comp)], "estimator": "brandes-pich"}
    sources = sample_sources(G, comp, k, seed)
    sub = nx.betweenness_centrality_subset(G, sources=sources, targets=list(G),
                                           normalized=False)
    scale = 2 / ((n - 1) * (n - 2))
    expected = [sub[v] * len(comp) / k * scale if v in comp else None for v in sorted(G)]
    exact = nx.betweenness_centrality(G)
    got = got.set_index("id")["betweenness"]
    for v, e in zip(sorted(G), expected, strict=True):
        assert got[v] == pytest.approx(exact[v] if e is None else e, abs=1e-12)
    # averaged over every single source, the estimator is the exact value (unbiased)
    mean = dict.fromkeys(comp, 0.0)
    for s in comp:
        one = nx.betweenness_centrality_subset(G, sources=[s], targets=list(G),
                                               normalized=False)
        for v in comp:
            mean[v] += one[v] * len(comp) * scale / len(comp)
    assert max(abs(mean[v] - exact[v]) for v in comp) < 1e-12


def test_sampled_betweenness_is_reported_seeded_and_deterministic():
    G = karate()
    exact = M.entity_measures(G, exact_max=10, k=34)  # k covers the component: exact
    assert exact.attrs["methods"]["betweenness"]["method"] == "exact"
    assert exact["betweenness"].tolist() == pytest.approx(
        M.entity_measures(G)["betweenness"].tolist())
    a = M.entity_measures(G, exact_max=10, k=12, seed=3)
    b = M.entity_measures(G, exact_max=10, k=12, seed=3)
    method = a.attrs["methods"]["betweenness"]
    assert (method["method"], method["k"], method["seed"]) == ("sampled", 12, 3)
    assert method["sampled_components"] == [34]
    assert a["betweenness"].tolist() == b["betweenness"].tolist()
    assert (a["betweenness"] >= 0).all()
    # the brokers of the club (its two leaders, 0 and 33) stay on top
    assert set(a.nlargest(2, "betweenness")["id"]) == {0, 33}
    assert M.entity_measures(G, exact_max=33, k=12)["betweenness"].tolist() != \
        M.entity_measures(G, exact_max=34, k=12)["betweenness"].tolist()
    with pytest.raises(gk.UsageError):
        M.entity_measures(G, k=0)
    with pytest.raises(gk.UsageError):
        M.entity_measures(G, exact_max=-1)


# --- cohesion -------------------------------------------------------------------------
def test_cohesion_hand_values_and_karate():
    row = M.cohesion(nx.path_graph(4)).iloc[-1]
    assert (row["level"], row["entities"], row["ties"]) == ("city", 4, 3)
    assert row["density"] == pytest.approx(0.5)
    assert row["avg_path_length"] == pytest.approx((1 + 2 + 3 + 1 + 2 + 1) / 6)
    assert (row["bridges"], row["cut_points"], row["components"]) == (3, 2, 1)
    # two triangles joined by one bridge, plus an isolate
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    G.add_node(6)
    row = M.cohesion(G).iloc[-1]
    assert (row["components"], row["isolates"], row["largest_component"]) == (2, 1, 6)
    assert (row["bridges"], row["cut_points"]) == (1, 2)
    K = karate()
    k = M.cohesion(K).iloc[-1]
    assert k["avg_path_length"] == pytest.approx(nx.average_shortest_path_length(K))
    assert k["density"] == pytest.approx(78 / (34 * 33 / 2))
    assert k["bridges"] == len(list(nx.bridges(K)))
    sampled = M.cohesion(K, exact_max=10, k=10, seed=1).iloc[-1]
    assert sampled["path_method"] == "sampled k=10"
    # the mean distance from the documented sample of sources
    sources = sample_sources(K, set(K), 10, 1)
    mean = sum(sum(nx.single_source_shortest_path_length(K, s).values()) for s in sources)
    assert sampled["avg_path_length"] == pytest.approx(mean / (10 * 33), abs=1e-12)


def test_cohesion_largest_component_tie_goes_to_the_smallest_id():
    G = nx.Graph([("b", "c"), ("c", "d"), ("x", "y"), ("y", "z"), ("x", "z")])
    G.add_edge("a", "e")  # a-e and b-c-d: sizes 2, 3, 3
    row = M.cohesion(G).iloc[-1]
    assert row["largest_component"] == 3
    assert row["avg_path_length"] == pytest.approx((1 + 1 + 2) / 3)  # b-c-d, not x-y-z


def test_cohesion_per_community(tmp_path):
    coh = M.cohesion(small_network().dataset(tmp_path / "d"))
    assert coh["level"].tolist() == ["community", "city"]
    c1 = coh.iloc[0]
    # c1: o-c1, o-u1, u2, u3; ties o-c1 - o-u1, o-c1 - u2
    assert (c1["community"], c1["name"], c1["entities"], c1["ties"]) == ("c1", "名称c1", 4, 2)
    assert c1["density"] == pytest.approx(2 / 6)
    assert (c1["components"], c1["isolates"], c1["bridges"]) == (2, 1, 2)
    assert c1["avg_path_length"] == pytest.approx((1 + 1 + 2) / 3)
    assert coh.iloc[-1]["entities"] == 6


def test_cohesion_of_every_sihui_community_against_networkx(sihui, sihui_measures):
    T = gk.tie_graph(sihui)
    coh = sihui_measures.cohesion.set_index("community")
    for cid, row in coh.iloc[:-1].iterrows():
        S = T.subgraph([n for n, c in T.nodes(data="community") if c == cid])
        comps = sorted(nx.connected_components(S), key=lambda c: (-len(c), min(c)))
        assert (row["entities"], row["ties"]) == (len(S), S.number_of_edges())
        assert (row["components"], row["largest_component"]) == (len(comps), len(comps[0]))
        assert row["bridges"] == len(list(nx.bridges(S)))
        assert row["cut_points"] == len(list(nx.articulation_points(S)))
        if len(comps[0]) > 1:
            apl = nx.average_shortest_path_length(S.subgraph(comps[0]))
            assert row["avg_path_length"] == pytest.approx(apl, abs=1e-12)


# --- communities ----------------------------------------------------------------------
def test_nmi_and_ari_hand_values():
    assert M.normalized_mutual_info([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    assert M.adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0
    assert M.normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(0.0)
    # ARI by hand: sum C(n_ij,2) = 0, E = 2 * 2 / 6, M = 2 -> (0 - 2/3) / (2 - 2/3)
    assert M.adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]) == pytest.approx(-0.5)
    # textbook example: sum C(n_ij,2) = 2, E = 6 * 3 / 15, M = 4.5 -> 0.8 / 3.3
    assert M.adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) == pytest.approx(
        0.8 / 3.3)
    # NMI by hand: A = {0,0,1,1}, B = {0,0,0,1}: H(A) = ln 2, H(B) = -(3/4 ln 3/4 + 1/4 ln
    # 1/4), I = H(B) - H(B|A) = H(B) - 1/2 ln 2
    hb = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    mi = hb - 0.5 * math.log(2)
    assert M.normalized_mutual_info([0, 0, 1, 1], [0, 0, 0, 1]) == pytest.approx(
        2 * mi / (math.log(2) + hb))
    # trivial partitions
    assert M.adjusted_rand_index([0, 1, 2], ["a", "b", "c"]) == 1.0  # all singletons
    assert M.adjusted_rand_index([0, 0], [1, 1]) == 1.0  # one cluster each
    assert M.adjusted_rand_index(["x"], ["y"]) == 1.0
    assert M.normalized_mutual_info([0, 0], [1, 1]) == 1.0
    assert math.isnan(M.normalized_mutual_info([], [])) and math.isnan(
        M.adjusted_rand_index([], []))
    with pytest.raises(gk.UsageError):
        M.normalized_mutual_info([0, 1], [0])


def test_nmi_and_ari_against_the_formulas():
    rnd = random.Random(11)
    for _ in range(5):
        a = [rnd.randrange(4) for _ in range(60)]
        b = [rnd.choice("uvwxyz") for _ in range(60)]
        assert M.normalized_mutual_info(a, b) == pytest.approx(ref_nmi(a, b), abs=1e-12)
        assert M.adjusted_rand_index(a, b) == pytest.approx(ref_ari(a, b), abs=1e-12)


@pytest.mark.parametrize("algorithm", ["leiden", "louvain"])
def test_communities_find_the_barbell_halves_and_ignore_insertion_order(algorithm):
    assert M.detect_communities(nx.barbell_graph(5, 0), algorithm=algorithm).tolist() == \
        [0] * 5 + [1] * 5
    G = karate()
    first = M.detect_communities(G, seed=4, algorithm=algorithm)
    edges = list(G.edges())
    random.Random(1).shuffle(edges)
    nodes = list(G)
    random.Random(2).shuffle(nodes)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    assert M.detect_communities(H, seed=4, algorithm=algorithm).equals(first)
    # clusters numbered by size, largest first
    sizes = first.value_counts().sort_index()
    assert sizes.is_monotonic_decreasing
    parts = [set(g.index) for _, g in first.groupby(first)]
    q = nx.community.modularity(G, parts)
    assert M.modularity(G, first) == pytest.approx(q, abs=1e-12)
    assert q > 0.40  # the best partition of this graph has modularity 0.4198


def test_leiden_resolution_and_unknown_algorithm():
    G = nx.ring_of_cliques(6, 4)
    coarse = M.detect_communities(G, resolution=0.05)
    fine = M.detect_communities(G, resolution=1.0)
    assert coarse.nunique() < fine.nunique() == 6
    with pytest.raises(gk.UsageError, match="leiden"):
        M.detect_communities(G, algorithm="girvan-newman")


def test_modularity_against_networkx_weighted_and_with_resolution():
    rnd = random.Random(3)
    G = nx.gnm_random_graph(30, 70, seed=1)
    for u, v in G.edges():
        G[u][v]["weight"] = rnd.randint(1, 3)
    part = pd.Series({v: v % 4 for v in G})
    groups = [set(g.index) for _, g in part.groupby(part)]
    for gamma in (0.5, 1.0, 2.0):
        assert M.modularity(G, part, resolution=gamma) == pytest.approx(
            nx.community.modularity(G, groups, weight="weight", resolution=gamma), abs=1e-12)
    # a missing entity counts as a cluster of its own
    partial = part.drop(0)
    alone = [{0}, *[c - {0} for c in groups]]
    assert M.modularity(G, partial, weight=None) == pytest.approx(
        nx.community.modularity(G, alone, weight=None), abs=1e-12)
    assert math.isnan(M.modularity(nx.empty_graph(3), pd.Series([0, 0, 1])))


def test_crossing_clusters_and_comparison():
    T = nx.Graph([("a1", "a2"), ("a2", "b1"), ("b1", "b2"), ("c1", "c2")])
    for n in T:
        T.nodes[n].update(community=n[0], name=n, label="PartyOrg", kind="branch",
                          area=None, core=False)
    T.add_node("x1", community=None, name="x1", label="PartyOrg", kind="committee",
               area=None, core=False)
    T.add_edge("x1", "b2")
    part = pd.Series({"a1": 0, "a2": 0, "b1": 0, "b2": 0, "x1": 0, "c1": 1, "c2": 1})
    cross = M.crossing_clusters(T, part)
    assert cross["cluster"].tolist() == [0]
    row = cross.iloc[0]
    assert (row["entities"], row["communities"], row["outside"]) == (5, 2, 1)
    assert row["main_share"] == 0.5 and row["main_community"] == "a"  # a tie: smallest id
    assert row["community_ids"] == ["a", "b"] and row["main_name"] == "a"
    cmp_ = M.compare_partitions(part, pd.Series({n: n[0] for n in T if n != "x1"}))
    assert cmp_["entities"] == 6 and (cmp_["clusters"], cmp_["communities"]) == (2, 3)
    assert cmp_["ari"] == pytest.approx(ref_ari([0, 0, 0, 0, 1, 1], list("aabbcc")))
    assert M.crossing_clusters(T, pd.Series({n: i for i, n in enumerate(T)})).empty


# --- the core -------------------------------------------------------------------------
def test_core_centrality_ranks_the_core(tmp_path):
    b = Builder()
    b.community("c1", core="o-c1")
    for i in range(4):
        b.unit(f"u{i}", where="c1", org=f"o-u{i}")
        b.edge(f"o-u{i}", "o-c1", "CO_BUILDS")
    b.edge("o-u0", "o-u1", "CO_BUILDS")
    b.community("c2", core="o-c2")  # the core is a leaf: a unit brokers
    for i in range(3):
        b.unit(f"v{i}", where="c2", org=f"o-v{i}")
    b.edge("o-c2", "o-v0", "CO_BUILDS").edge("o-v0", "o-v1", "CO_BUILDS")
    b.edge("o-v1", "o-v2", "CO_BUILDS")
    b.community("c3")  # no core: no row
    cc = M.core_centrality(b.dataset(tmp_path / "d")).set_index("community")
    assert list(cc.index) == ["c1", "c2"]
    # c1: star on the core (o-u0 - o-u1 also tied): core between 5 of C(4,2) = 6 pairs
    assert cc.loc["c1", "core_betweenness"] == pytest.approx(5 / 6)
    assert (cc.loc["c1", "rank"], cc.loc["c1", "core_is_top"]) == (1, True)
    assert cc.loc["c1", "core_degree"] == 4 and cc.loc["c1", "entities"] == 5
    assert cc.loc["c1", "top"] == "o-c1"
    # c2: path o-c2 - o-v0 - o-v1 - o-v2: the middle two between 2 of 3 pairs, the core none
    assert cc.loc["c2", "core_betweenness"] == 0 and cc.loc["c2", "rank"] == 3
    assert cc.loc["c2", "top"] == "o-v0" and cc.loc["c2", "top_betweenness"] == pytest.approx(
        2 / 3)
    assert not cc.loc["c2", "core_is_top"]


def test_core_centrality_of_sihui_against_networkx(sihui, sihui_measures):
    T = gk.tie_graph(sihui)
    city = sihui_measures.entities.set_index("id")["betweenness"]
    for row in sihui_measures.cores.itertuples():
        S = T.subgraph([n for n, c in T.nodes(data="community") if c == row.community])
        b = nx.betweenness_centrality(S)
        assert row.core_betweenness == pytest.approx(b[row.core], abs=1e-12)
        assert row.rank == 1 + sum(x > b[row.core] + 1e-12 for x in b.values())
        assert row.city_rank == 1 + sum(city[n] > city[row.core] + 1e-12 for n in S)
        assert row.top_betweenness == pytest.approx(max(b.values()), abs=1e-12)


# --- the Sihui sample -----------------------------------------------------------------
def _shuffled_copy(src: Path, dst: Path, seed: int) -> Path:
    dst.mkdir()
    rnd = random.Random(seed)
    for name in ("nodes.csv", "edges.csv"):
        with open(src / name, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        body = rows[1:]
        rnd.shuffle(body)
        with open(dst / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([rows[0], *body])
    if (src / "dataset.json").exists():
        (dst / "dataset.json").write_bytes((src / "dataset.json").read_bytes())
    return dst


@pytest.fixture(scope="module")
def sihui_measures(sihui):
    return M.measures(sihui)


def test_sihui_measures(sihui, sihui_measures):
    r = sihui_measures
    T = gk.tie_graph(sihui)
    assert len(r.entities) == T.number_of_nodes()
    assert r.methods["betweenness"]["method"] == "exact"
    # matches networkx on the whole tie graph
    ref = nx.betweenness_centrality(T)
    got = r.entities.set_index("id")["betweenness"]
    assert max(abs(got[n] - ref[n]) for n in T) < 1e-12
    city = r.city
    assert (city["entities"], city["ties"]) == (T.number_of_nodes(), T.number_of_edges())
    assert city["density"] == pytest.approx(nx.density(T))
    cores = gk.circles(sihui)
    assert set(r.cores["community"]) == set(cores.loc[cores["status"] == "ok", "community"])
    assert 0 <= r.comparison["nmi"] <= 1 and -1 <= r.comparison["ari"] <= 1
    # modularity beside NMI/ARI: of the detected clusters, and of the communities
    groups = [set(g.index) for _, g in r.clusters.groupby(r.clusters)]
    assert r.comparison["modularity"] == pytest.approx(
        nx.community.modularity(T, groups, weight="weight"), abs=1e-12)
    admin = {}
    for n, c in T.nodes(data="community"):
        admin.setdefault(c if c is not None else ("alone", n), set()).add(n)
    assert r.comparison["community_modularity"] == pytest.approx(
        nx.community.modularity(T, list(admin.values()), weight="weight"), abs=1e-12)
    assert r.comparison["modularity"] > r.comparison["community_modularity"]
    assert r.methods["communities"] == {"method": "leiden", "objective": "modularity",
                                        "seed": 0, "resolution": 1.0, "weight": "weight",
                                        "iterations": 2}
    doc = r.to_dict()
    assert doc["schema"] == 1 and len(doc["entities"]) == len(r.entities)
    assert set(doc) == {"schema", "dataset", "methods", "city", "communities", "comparison",
                        "crossing_clusters", "cores", "entities"}
    assert {"nmi", "ari", "modularity", "community_modularity"} <= set(doc["comparison"])
    assert "沙田园社区党委" in json.dumps(doc, ensure_ascii=False, allow_nan=False)
    louvain = M.measures(sihui, algorithm="louvain")
    assert louvain.methods["communities"]["method"] == "louvain"
    assert "iterations" not in louvain.methods["communities"]


def test_measures_build_no_networkx_tie_graph(monkeypatch, sihui):
    from graphkit.measuring import _source

    calls = []
    real = _source.tie_graph
    monkeypatch.setattr(_source, "tie_graph",
                        lambda G, **kw: calls.append(G) or real(G, **kw))
    M.measures(sihui)
    M.measures(sihui.to_networkx(), weight=None)
    assert calls == []  # the rules' integer ties went straight into igraph
    ties = _source.prepare(sihui)
    T = ties.T  # built when asked for, once
    assert ties.T is T and len(calls) == 1
    assert sorted(T.edges(data="weight")) == sorted(gk.tie_graph(sihui).edges(data="weight"))


def close_documents(a: object, b: object, path: str = "") -> list[str]:
    """Where two JSON documents differ: keys, lengths, texts, or numbers beyond 1e-9
    relative."""
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return [f"{path}: keys {sorted(set(a) ^ set(b))}"]
        return [d for key in a for d in close_documents(a[key], b[key], f"{path}.{key}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} != {len(b)} items"]
        return [d for x, y in zip(a, b, strict=True) for d in close_documents(x, y, path)]
    if isinstance(a, float) and isinstance(b, float):
        return [] if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15) else [f"{path}: {a} {b}"]
    return [] if a == b and type(a) is type(b) else [f"{path}: {a!r} {b!r}"]


def direct_against_networkx(ds: gk.Dataset) -> None:
    """The igraph built straight from the rules' integer ties equals the one built from
    the networkx tie graph (vertices, attributes, edges in order, weights), and every
    measure on it agrees within 1e-9 relative."""
    from dataclasses import replace

    from graphkit.measuring import _source

    direct = _source.prepare(ds)
    via = _source.from_tie_graph(gk.tie_graph(ds))
    pd.testing.assert_frame_equal(direct.nodes, via.nodes)
    assert direct.g.get_edgelist() == via.g.get_edgelist()
    assert direct.weights("weight") == via.weights("weight")
    assert direct.meta == via.meta
    via = replace(via, names=direct.names, area_names=direct.area_names)  # not in a tie graph
    for opts in ({}, {"k": 3, "exact_max": 4, "seed": 7}, {"weight": None}):
        assert close_documents(M.measures(direct, **opts).to_dict(),
                               M.measures(via, **opts).to_dict()) == []


def test_direct_ties_equal_the_networkx_path_on_sihui(sihui):
    direct_against_networkx(sihui)


@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(networks())
def test_direct_ties_equal_the_networkx_path_on_random_networks(b):
    tmp = Path(tempfile.mkdtemp())
    try:
        direct_against_networkx(gk.read_dataset(b.write(tmp / "a")))
    finally:
        shutil.rmtree(tmp)


def test_direct_ties_equal_the_networkx_path_on_synthetic_cities(tmp_path):
    from graphkit.adapters.synth import synthesize

    for seed in (1, 2):
        synthesize(tmp_path / str(seed), units=1500, seed=seed)
        direct_against_networkx(gk.read_dataset(tmp_path / str(seed)))


def test_sihui_measures_identical_for_shuffled_rows_and_the_graph(tmp_path, sihui_measures):
    expected = json.dumps(sihui_measures.to_dict(), sort_keys=True, ensure_ascii=False)
    shuffled = gk.read_dataset(_shuffled_copy(SIHUI, tmp_path / "s", seed=5))
    again = M.measures(shuffled)
    assert json.dumps(again.to_dict(), sort_keys=True, ensure_ascii=False) == expected
    from_graph = M.measures(shuffled.to_networkx())
    assert json.dumps(from_graph.to_dict(), sort_keys=True, ensure_ascii=False) == expected


# --- command line ---------------------------------------------------------------------
def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("chinese_test")  # the report in its default language
def test_cli_measures_formats(capsys, tmp_path, sihui_measures):
    code, out, _ = run(capsys, "measures", SIHUI, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == 1 and doc["city"]["entities"] == len(sihui_measures.entities)
    assert list(doc) == sorted(doc)  # stable, sorted keys
    assert "沙田园社区" in out  # Chinese kept, not \u-escaped
    assert doc["methods"]["communities"]["method"] == "leiden"
    assert doc["comparison"]["modularity"] == pytest.approx(
        sihui_measures.comparison["modularity"])
    code, out, _ = run(capsys, "measures", SIHUI)
    assert code == 0 and "全市" in out and "沙田园社区" in out and "betweenness" in out
    assert "Leiden" in out and "模块度" in out
    code, out, _ = run(capsys, "measures", SIHUI, "--format", "json", "--k", "10",
                       "--exact-max", "100", "--seed", "3")
    doc = json.loads(out)
    assert code == 0 and doc["methods"]["betweenness"]["method"] == "sampled"
    assert (doc["methods"]["betweenness"]["k"], doc["methods"]["communities"]["seed"]) == (
        10, 3)
    code, out, _ = run(capsys, "measures", SIHUI, "--k", "10", "--exact-max", "100")
    assert code == 0 and "抽样估计 k=10" in out
    path = tmp_path / "m.csv"
    code, _, err = run(capsys, "measures", SIHUI, "--format", "csv", "--out", path)
    assert code == 0 and str(path) in err
    frame = pd.read_csv(path)
    assert list(frame["id"]) == list(sihui_measures.entities["id"])
    assert frame["betweenness"].to_numpy() == pytest.approx(
        sihui_measures.entities["betweenness"].to_numpy())


def test_cli_measures_refuses_bad_input(capsys, tmp_path):
    b = small_network()
    b.node("x1", "Bogus", "怪节点")
    bad = b.write(tmp_path / "bad")
    code, out, err = run(capsys, "measures", bad)
    assert code == 2 and "Bogus" in err and out == ""
    good = small_network().write(tmp_path / "good")
    code, _, err = run(capsys, "measures", good, "--out", good / "nodes.csv")
    assert code == 2 and "overwrite" in err
    assert "x1" not in (good / "nodes.csv").read_text(encoding="utf-8")


# --- plot -----------------------------------------------------------------------------
def test_plot_ties_renders_chinese(tmp_path, sihui):
    from matplotlib.image import imread

    from graphkit import plot

    for community in ("com-001", None):
        path = tmp_path / f"ties-{community}.png"
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a missing glyph warning would raise
            _, ax = plot.plot_ties(sihui, community=community, save=path, close=True)
        img = imread(path)[..., :3]
        assert (img < 0.95).any(axis=-1).mean() > 0.01
        assert len(np.unique(img.reshape(-1, 3), axis=0)) > 20
        assert any("\u4e00" <= ch <= "\u9fff" for ch in ax.get_title())
    with pytest.raises(gk.UsageError, match="not a community"):
        plot.plot_ties(sihui, community="nope")


def test_plot_clusters_draws_clusters_against_communities(tmp_path, sihui_measures):
    from matplotlib.image import imread

    from graphkit.measuring import cluster_table
    from graphkit.plot import plot_clusters

    r = sihui_measures
    table = cluster_table(r)
    ent = r.entity_table()
    linked = ent[(ent["degree"] > 0) & ent["community"].notna()]
    assert int(table.to_numpy().sum()) == len(linked) == r.comparison["entities"]
    assert table.shape == (r.comparison["communities"], r.comparison["clusters"])
    assert "沙田园社区" in table.index and len(table.attrs["areas"]) == len(table)
    areas = table.attrs["areas"]
    assert set(areas) <= set(r.areas.values()) and "东城街道" in areas
    # rows grouped by street: each street's rows are contiguous
    runs = [a for i, a in enumerate(areas) if i == 0 or areas[i - 1] != a]
    assert len(runs) == len(set(runs))
    # columns follow the rows holding most of each cluster's entities
    main = table.to_numpy().argmax(axis=0)
    assert list(main) == sorted(main)
    path = tmp_path / "clusters.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph warning would raise
        _, ax = plot_clusters(r, save=path, close=True)
    assert "NMI" in ax.get_title() and "Leiden" in ax.get_title()
    img = imread(path)[..., :3]
    assert (img < 0.95).any(axis=-1).mean() > 0.05
    assert [p.name for p in tmp_path.iterdir()] == ["clusters.png"]  # no temporary left


# --- property: any random network -----------------------------------------------------
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(networks(), st.randoms(use_true_random=False))
def test_random_networks_tie_graph_and_row_order(b, rnd):
    tmp = Path(tempfile.mkdtemp())
    try:
        ds = gk.read_dataset(b.write(tmp / "a"))
        T = gk.tie_graph(ds)
        own = set(ds.edges.loc[ds.edges["type"] == "BELONGS_TO", "target"])
        labels = dict(zip(ds.nodes["id"], ds.nodes["label"], strict=True))
        assert set(T) == {n for n, lab in labels.items()
                          if lab == "PartyOrg" or (lab == "Unit" and n not in own)}
        pairs = gk.ties(ds)
        assert {frozenset(p) for p in zip(pairs["a"], pairs["b"], strict=True)} == {
            frozenset(e) for e in T.edges()}
        assert all(d["weight"] >= len(d["types"]) >= 1 for *_, d in T.edges(data=True))
        first = json.dumps(M.measures(ds).to_dict(), sort_keys=True, ensure_ascii=False)
        shuffled = Builder()
        shuffled.nodes = rnd.sample(b.nodes, len(b.nodes))
        shuffled.edges = rnd.sample(b.edges, len(b.edges))
        again = M.measures(gk.read_dataset(shuffled.write(tmp / "b" / "a")))  # same name
        assert json.dumps(again.to_dict(), sort_keys=True, ensure_ascii=False) == first
    finally:
        shutil.rmtree(tmp)


# --- the long kernels beside this process, the document streamed -------------------------
def _synth(tmp_path, units: int) -> gk.Dataset:
    folder = tmp_path / f"u{units}"
    assert main(["synth", str(folder), "--units", str(units), "--seed", "3"]) == 0
    return gk.read_dataset(folder)


def test_betweenness_and_path_lengths_beside_are_bit_for_bit_the_same(tmp_path, monkeypatch):
    from graphkit.analysis.measuring import _beside

    if _beside.cores() < 2:
        pytest.fail("this test needs two usable cores to start the second process")
    started = []
    real = _beside.subprocess.Popen

    def popen(*a, **kw):
        started.append(a[0])
        return real(*a, **kw)

    monkeypatch.setattr(_beside.subprocess, "Popen", popen)
    opts = {"k": 40, "exact_max": 60, "seed": 5}  # the large component sampled
    monkeypatch.setattr(_beside, "MIN_WORK", float("inf"))
    ds = _synth(tmp_path, 400)
    here = M._source.prepare(ds)
    ent_here, coh_here = M.entity_measures(here, **opts), M.cohesion(here, **opts)
    assert not started
    monkeypatch.setattr(_beside, "MIN_WORK", 0)
    beside = M._source.prepare(gk.read_dataset(tmp_path / "u400"))
    ent_beside, coh_beside = M.entity_measures(beside, **opts), M.cohesion(beside, **opts)
    assert len(started) == 3  # betweenness, then the closeness of the communities and city
    assert ent_here["betweenness"].to_numpy().tobytes() == \
        ent_beside["betweenness"].to_numpy().tobytes()
    assert ent_here.attrs == ent_beside.attrs and ent_here["betweenness"].gt(0).any()
    pd.testing.assert_frame_equal(coh_here, coh_beside, check_exact=True)


def test_a_failed_second_process_is_computed_here(tmp_path, monkeypatch):
    from graphkit.analysis.measuring import _beside

    ties = M._source.prepare(_synth(tmp_path, 200))
    want = np.asarray(ties.g.betweenness(directed=False), dtype=float)
    monkeypatch.setattr(_beside, "_WORKER", "import sys; sys.exit(3)")
    got = _beside.start(ties.g, "betweenness", {"directed": False}, work=1, min_work=0)
    assert got.result().tobytes() == want.tobytes()
    for garbled in ("print('x')", "import pickle; sys.stdout.buffer.write(pickle.dumps([1.0]))"):
        monkeypatch.setattr(_beside, "_WORKER", f"import sys; sys.stdin.read(); {garbled}")
        got = _beside.start(ties.g, "betweenness", {"directed": False}, work=1, min_work=0)
        assert got.result().tobytes() == want.tobytes()


@pytest.mark.parametrize("batch", [1, 7, 50_000])
def test_the_streamed_measures_document_is_orjsons(batch, monkeypatch, sihui_measures):
    import orjson

    from graphkit.report import _json

    monkeypatch.setattr(_json, "_BATCH", batch)
    want = orjson.dumps(sihui_measures.to_dict(),
                        option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                        | orjson.OPT_SORT_KEYS)
    assert b"".join(_json.measures_chunks(sihui_measures)) == want
    empty = M.measures(nx.Graph())
    assert b"".join(_json.measures_chunks(empty)) == orjson.dumps(
        empty.to_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
        | orjson.OPT_SORT_KEYS)
