"""Property tests: invariants of coverage, circles and the JSON report on random networks."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit as gk
from graphkit.report import to_json

from .conftest import Builder

UNIT_KINDS = gk.vocab.KINDS["Unit"]


@st.composite
def networks(draw) -> Builder:
    """A random valid network: areas, communities, compounds, units and their ties."""
    b = Builder()
    n_area = draw(st.integers(1, 2))
    areas = [b.node(f"a{i}", "Area", kind="street") for i in range(n_area)]
    comms = []
    for i in range(draw(st.integers(1, 4))):
        c = b.node(f"c{i}", "Community")
        b.edge(c, draw(st.sampled_from(areas)), "PART_OF")
        comms.append(c)
        if draw(st.booleans()):
            org = b.node(f"core{i}", "PartyOrg", kind=draw(st.sampled_from(
                ["branch", "general_branch", "committee"])), rating=draw(st.integers(0, 5)))
            b.edge(org, c, "BELONGS_TO")
    compounds = []
    for i in range(draw(st.integers(0, 3))):
        cp = b.node(f"cp{i}", "Compound")
        b.edge(cp, draw(st.sampled_from(comms)), "PART_OF")
        compounds.append(cp)
        if draw(st.booleans()):
            o = b.node(f"cpo{i}", "PartyOrg", rating=draw(st.integers(0, 5)))
            b.edge(o, cp, "BELONGS_TO")
    places = comms + compounds + areas + [None]
    units = []
    orgs = [n["id"] for n in b.nodes if n["label"] == "PartyOrg"]
    for i in range(draw(st.integers(0, 12))):
        u = b.unit(f"u{i}", draw(st.sampled_from(places)),
                   kind=draw(st.sampled_from(UNIT_KINDS)), members=draw(st.integers(0, 6)))
        units.append(u)
        if draw(st.integers(0, 2)) == 0:
            o = b.node(f"o{i}", "PartyOrg", rating=draw(st.integers(0, 5)))
            b.edge(o, u, "BELONGS_TO")
            orgs.append(o)
    persons = [b.node("p0", "Person", kind="instructor")]
    n_ties = draw(st.integers(0, 15))
    for _ in range(n_ties):
        kind = draw(st.sampled_from(["COVERS", "GUIDES", "CO_BUILDS", "MEETS_WITH", "TEAM"]))
        if kind in ("COVERS", "MEETS_WITH") and orgs and units:
            extra = {"mode": draw(st.sampled_from(["joint", "affiliated"]))} \
                if kind == "COVERS" else {}
            b.edge(draw(st.sampled_from(orgs)), draw(st.sampled_from(units)), kind, **extra)
        elif kind == "GUIDES" and units:
            b.edge(persons[0], draw(st.sampled_from(units)), "GUIDES")
        elif kind == "CO_BUILDS" and len(orgs) > 1:
            a, c = draw(st.lists(st.sampled_from(orgs), min_size=2, max_size=2, unique=True))
            b.edge(a, c, "CO_BUILDS")
        elif kind == "TEAM" and (units or orgs):
            t = b.node(f"t{len(b.nodes)}", "Team",
                       kind=draw(st.sampled_from(["stationed", "volunteer"])))
            b.edge(t, draw(st.sampled_from(units + orgs)), "FROM")
            b.edge(t, draw(st.sampled_from(comms)), "STATIONED_AT")
    # drop duplicate edges (they only warn, but keep the generated data clean)
    return b.drop_repeated_edges()


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
#: for the properties that audit each example several times from files (about 2 s each)
HEAVY = settings(SETTINGS, max_examples=15)


@SETTINGS
@given(networks(), st.sampled_from(["all", "two_new"]))
def test_rates_bounded_and_ordered(b, scope):
    units = gk.unit_coverage(b.graph(), scope=scope)
    for by in (None, "kind", "community", "area", "two_new"):
        rates = gk.coverage_rates(units, by=by).dropna()
        for col in ("own", "organization", "work"):
            assert ((rates[col] >= 0) & (rates[col] <= 1)).all()
        assert (rates["own"] <= rates["organization"]).all()
        assert (rates["organization"] <= rates["work"]).all()


@SETTINGS
@given(networks(), st.data())
def test_adding_guides_never_lowers_work_coverage(b, data):
    units = [n["id"] for n in b.nodes if n["label"] == "Unit"]
    before = gk.coverage_rates(gk.unit_coverage(b.graph())).loc["all", "work"]
    if not units:
        return
    target = data.draw(st.sampled_from(units))
    if not any(e["type"] == "GUIDES" and e["target"] == target for e in b.edges):
        b.edge("p0", target, "GUIDES")
    after = gk.coverage_rates(gk.unit_coverage(b.graph())).loc["all", "work"]
    assert after >= before
    assert gk.unit_coverage(b.graph()).set_index("id").loc[target, "status"] != "none"


@SETTINGS
@given(networks())
def test_circles_partition_jurisdiction(b):
    G = b.graph()
    jur = gk.jurisdiction(G).groupby("community")["member"].agg(set)
    for row in gk.circles(G).itertuples(index=False):
        if row.status == "no_core":
            assert not (row.sub_core or row.pan_core or row.unlinked or row.external)
            continue
        parts = [set(row.sub_core), set(row.pan_core), set(row.unlinked)]
        assert sum(map(len, parts)) == len(set().union(*parts))  # disjoint
        assert set().union(*parts) == jur.get(row.community, set())
        assert 0.0 <= row.linkage_rate <= 1.0
        assert not set(row.external) & jur.get(row.community, set())
        for lst in (row.sub_core, row.pan_core, row.unlinked, row.external):
            assert lst == sorted(lst)


@HEAVY
@given(networks(), st.randoms(use_true_random=False))
def test_shuffling_rows_changes_nothing_in_json(b, rnd: random.Random):
    tmp = Path(tempfile.mkdtemp())
    try:
        first = to_json(gk.audit(gk.read_dataset(b.write(tmp / "a"))))
        shuffled = Builder()
        shuffled.nodes = rnd.sample(b.nodes, len(b.nodes))
        shuffled.edges = rnd.sample(b.edges, len(b.edges))
        second = to_json(gk.audit(gk.read_dataset(shuffled.write(tmp / "a"))))
        assert json.loads(first) == json.loads(second)
        assert first == second
    finally:
        shutil.rmtree(tmp)


@HEAVY
@given(networks())
def test_graph_and_dataset_give_the_same_audit(b):
    tmp = Path(tempfile.mkdtemp())
    try:
        ds = gk.read_dataset(b.write(tmp / "d"))
        from_ds = gk.audit(ds).to_dict()
        from_graph = gk.audit(ds.to_networkx()).to_dict()
        from_builder = gk.audit(b.graph()).to_dict()
        for doc in (from_graph, from_builder):
            doc["dataset"]["name"] = from_ds["dataset"]["name"]
            doc["dataset"]["snapshot"] = from_ds["dataset"]["snapshot"]
        assert from_ds == from_graph == from_builder
    finally:
        shutil.rmtree(tmp)


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.sampled_from(["all", "two_new"]), st.integers(0, 5))
def test_streamed_json_equals_orjson_of_to_dict_and_polars_equals_duckdb(b, scope, rating):
    """The column-by-column JSON writer gives the bytes of ``orjson.dumps(to_dict())``, and
    the rules give the same document on DuckDB and Polars."""
    import orjson

    from graphkit.report import _json

    G = b.graph()
    r = gk.audit(G, scope=scope, sub_core_min_rating=rating)
    streamed = b"".join(_json.chunks(r))
    assert streamed == orjson.dumps(r.to_dict(), option=orjson.OPT_INDENT_2
                                    | orjson.OPT_APPEND_NEWLINE)
    on_polars = gk.audit(G, scope=scope, sub_core_min_rating=rating, engine="polars")
    assert b"".join(_json.chunks(on_polars)) == streamed
