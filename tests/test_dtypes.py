"""Every public table has its real dtypes: numbers numeric (nullable where a value can be
missing: ``<NA>``, never ``None`` in an ``object`` column), codes categorical in the order
of the vocabulary; and a blank ``members`` / ``rating`` is ``<NA>`` in ``ds.nodes`` while
every analysis still counts it as 0 (SPEC 1)."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype

import graphkit as gk
from graphkit import vocab as V

from .conftest import REPO, SIHUI, Builder

SIHUI_2021 = REPO / "data" / "sihui-2021"


def _cat(frame: pd.DataFrame, col: str, first: tuple[str, ...] | None = None) -> None:
    dtype = frame[col].dtype
    assert isinstance(dtype, pd.CategoricalDtype), f"{col}: {dtype}"
    if first is not None:
        assert tuple(dtype.categories[:len(first)]) == tuple(first), col


def _num(frame: pd.DataFrame, cols: tuple[str, ...], kind: str) -> None:
    test = {"int": is_integer_dtype, "float": is_float_dtype, "bool": is_bool_dtype}[kind]
    for col in cols:
        assert test(frame[col].dtype), f"{col}: {frame[col].dtype}"


@pytest.fixture(scope="module")
def d():
    return gk.diff(SIHUI, SIHUI_2021)


def test_diff_tables(d):
    r = d.rates
    _num(r, ("old", "new", "delta"), "float")
    _num(r, ("units_old", "units_new"), "int")
    _cat(r, "group", ("overall", "two_new"))
    _cat(r, "metric", ("own", "organization", "work"))
    # .round(1) works (it silently did nothing on object columns)
    delta = r.loc[r["group"] == "overall", "delta"]
    assert delta.round(1).tolist() == [round(float(x), 1) for x in delta]
    _cat(d.units, "old", V.COVERAGE_STATUSES)
    _cat(d.units, "new", V.COVERAGE_STATUSES)
    _cat(d.units, "change")
    _cat(d.units, "kind", V.KINDS[V.UNIT])
    _num(d.circles, ("linkage_old", "linkage_new", "linkage_delta"), "float")
    _cat(d.findings, "change", ("new", "resolved", "persisting"))
    _cat(d.findings, "code")
    _cat(d.nodes, "change", ("added", "removed", "changed"))
    _cat(d.nodes, "label", V.LABELS)
    _cat(d.edges, "type", V.REL_TYPES)
    _num(d.transitions, tuple(d.transitions.columns), "int")


def test_a_group_on_one_side_only_is_na(tmp_path):
    b = Builder()
    b.community("c1")
    b.unit("u1", "c1", members=1)
    old = b.dataset(tmp_path / "old")
    b.community("c2")
    b.unit("u2", "c2", members=5)
    r = gk.diff(old, b.dataset(tmp_path / "new")).rates
    c2 = r[(r["group"] == "by_community") & (r["key"] == "c2")]
    assert len(c2) == 3 and c2["old"].isna().all() and c2["delta"].isna().all()
    assert c2["units_old"].isna().all() and (c2["units_new"] == 1).all()
    assert c2["new"].notna().all()


def test_diff_json_keeps_plain_values(d):
    doc = d.to_dict()
    rates = doc["rates"]["by_area"]
    values = [m[k] for per in rates.values() for m in per.values() for k in ("old", "delta")]
    assert all(v is None or type(v) is float for v in values)
    assert d.as_plain().rates["old"].dtype == object


def test_trend_table():
    t = gk.trend([SIHUI, SIHUI_2021])
    _num(t, ("order", "units"), "int")
    _num(t, ("own", "organization", "work"), "float")


def test_unit_and_rate_tables(sihui):
    u = gk.unit_coverage(sihui)
    _num(u, ("members",), "int")
    _cat(u, "status", V.COVERAGE_STATUSES)
    _cat(u, "kind", V.KINDS[V.UNIT])
    rates = gk.coverage_rates(u, by="area")
    _num(rates, ("units",), "int")
    _num(rates, ("own", "organization", "work"), "float")
    circ = gk.circles(sihui)
    _num(circ, ("members",), "int")
    _num(circ, ("linkage_rate",), "float")
    _cat(circ, "status", ("ok", "no_core"))
    _cat(gk.circle_roles(sihui), "role", V.ROLES)


def test_plan_table(sihui):
    p = gk.plan(sihui)
    a = p.actions
    _cat(a, "action", ("form_branch", "join_joint", "form_joint", "affiliate",
                       "assign_instructor"))
    _cat(a, "org_kind", V.KINDS[V.PARTY_ORG])
    _num(a, ("members",), "int")
    _num(a, ("org_new", "instructor_new"), "bool")
    for frame in p.projected.values():
        _num(frame, ("units",), "int")
        _num(frame, ("own", "organization", "work"), "float")


def test_progress_table(sihui):
    p = gk.plan(sihui)
    r = gk.progress(p, gk.synth.carry_out(p, [0, 1], snapshot="2021-06-30"))
    a = r.actions
    _cat(a, "action", ("form_branch", "join_joint", "form_joint", "affiliate",
                       "assign_instructor"))
    _cat(a, "verified", V.VERIFIED_STATES)
    _cat(a, "reported", V.PROGRESS_STATES)
    _cat(a, "discrepancy", V.DISCREPANCIES)
    _cat(a, "projected", V.COVERAGE_STATUSES)
    _num(a, ("index", "row"), "int")
    assert a["verified"].tolist()[:2] == ["done", "done"]
    # without a work list nothing is reported: missing, and None in the JSON document
    assert a["reported"].isna().all() and a["row"].isna().all()
    assert {x["reported"] for x in r.to_dict()["actions"]} == {None}
    assert r.as_plain().actions["discrepancy"].tolist() == [None] * len(a)


def test_measure_tables(sihui):
    m = gk.measures(sihui)
    e = m.entities
    _num(e, ("degree", "weighted_degree", "core_number"), "int")
    _num(e, ("betweenness", "pagerank", "constraint", "effective_size"), "float")
    _num(e, ("core", "cut_point"), "bool")
    _cat(e, "label", (V.PARTY_ORG, V.UNIT))
    _cat(e, "kind")
    c = m.cohesion
    _num(c, ("entities", "ties", "components", "isolates", "bridges"), "int")
    _num(c, ("density", "avg_path_length"), "float")
    _num(m.cores, ("rank", "city_rank"), "int")
    _num(m.crossing, ("entities", "communities"), "int")


def test_network_tables(sihui):
    n = sihui.nodes
    _num(n, ("members", "rating"), "int")
    assert str(n["members"].dtype) == "Int64" and str(n["rating"].dtype) == "Int64"
    _num(n, ("joint",), "bool")
    assert str(n["area_m2"].dtype) == "Int64"  # typed extra properties


def test_blank_counts_are_na_in_the_table_and_zero_in_every_analysis(tmp_path):
    b = Builder()
    b.community("c1")
    b.node("u_blank", "Unit", kind="enterprise")  # members blank
    b.node("u_three", "Unit", kind="enterprise", members=3)
    b.edge("u_blank", "c1", "LOCATED_IN").edge("u_three", "c1", "LOCATED_IN")
    b.node("o_blank", "PartyOrg", kind="branch")  # rating blank
    b.edge("o_blank", "c1", "BELONGS_TO")
    ds = b.dataset(tmp_path)
    n = ds.nodes.set_index("id")
    assert n.at["u_blank", "members"] is pd.NA and n.at["u_three", "members"] == 3
    assert n.at["o_blank", "rating"] is pd.NA
    units = gk.unit_coverage(ds).set_index("id")
    assert units.at["u_blank", "members"] == 0  # SPEC 1: blank counts as 0
    found = gk.findings(ds)
    assert set(found.loc[found["code"] == "should_form_branch", "subject"]) == {"u_three"}
    # written back blank, read back <NA>; the diff sees no change against an explicit 0
    out = gk.write_dataset(ds, tmp_path / "copy")
    again = gk.read_dataset(out)
    assert again.nodes.set_index("id").at["u_blank", "members"] is pd.NA
    G = ds.to_networkx()
    assert "members" not in G.nodes["u_blank"] and G.nodes["u_three"]["members"] == 3
    assert gk.Dataset.from_networkx(G).nodes.set_index("id").at["u_blank", "members"] is pd.NA
    b.nodes[1]["members"] = 0
    b.nodes[3]["rating"] = 0
    explicit = b.dataset(tmp_path / "explicit")
    assert gk.diff(ds, explicit).nodes.empty
