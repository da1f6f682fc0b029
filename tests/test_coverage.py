"""SPEC section 2: coverage statuses, their precedence, location and rates."""

from __future__ import annotations

import math

import pytest

import graphkit as gk


def _base(b):
    b.node("a1", "Area", kind="street")
    b.community("c1", area="a1", core="core1")
    return b


def _status(G, uid, **kw):
    units = gk.unit_coverage(G, **kw).set_index("id")
    return units.loc[uid, "status"]


@pytest.mark.parametrize(
    ("ties", "expected"),
    [
        (["own", "joint", "affiliated", "instructor"], "own"),
        (["joint", "affiliated", "instructor"], "joint"),
        (["affiliated", "instructor"], "affiliated"),
        (["instructor"], "instructor"),
        ([], "none"),
    ],
)
def test_status_precedence(builder, ties, expected):
    b = _base(builder)
    b.unit("u1", "c1")
    if "own" in ties:
        b.node("o_own", "PartyOrg")
        b.edge("o_own", "u1", "BELONGS_TO")
    if "joint" in ties:
        b.node("o_joint", "PartyOrg", joint=True)
        b.edge("o_joint", "c1", "BELONGS_TO").edge("o_joint", "u1", "COVERS", mode="joint")
    if "affiliated" in ties:
        b.node("o_host", "PartyOrg")
        b.edge("o_host", "c1", "BELONGS_TO").edge("o_host", "u1", "COVERS", mode="affiliated")
    if "instructor" in ties:
        b.node("p1", "Person", kind="instructor")
        b.edge("p1", "u1", "GUIDES")
    assert _status(b.graph(), "u1") == expected


def test_unit_in_compound_gets_community_and_area(builder):
    b = _base(builder)
    b.node("cp1", "Compound")
    b.edge("cp1", "c1", "PART_OF")
    b.unit("u1", "cp1")
    b.unit("u2", "a1")  # directly in the area: area known, community not
    b.unit("u3")  # nowhere
    units = gk.unit_coverage(b.graph()).set_index("id")
    assert units.loc["u1", ["community", "area"]].tolist() == ["c1", "a1"]
    assert units.loc["u2", "community"] is None and units.loc["u2", "area"] == "a1"
    assert units.loc["u3", "community"] is None and units.loc["u3", "area"] is None


def test_rates_and_denominators(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1")  # own
    b.unit("u2", "c1", kind="organ")  # none
    b.unit("u3", "c1", kind="market")  # instructor
    b.node("p", "Person", kind="instructor")
    b.edge("p", "u3", "GUIDES")
    b.unit("u4", "c1")  # joint
    b.node("oj", "PartyOrg")
    b.edge("oj", "c1", "BELONGS_TO").edge("oj", "u4", "COVERS", mode="joint")
    units = gk.unit_coverage(b.graph())
    overall = gk.coverage_rates(units).loc["all"]
    assert overall["units"] == 4
    assert overall["own"] == pytest.approx(0.25)
    assert overall["organization"] == pytest.approx(0.5)
    assert overall["work"] == pytest.approx(0.75)
    by_kind = gk.coverage_rates(units, by="kind")
    assert by_kind.loc["enterprise", "units"] == 2
    assert by_kind.loc["organ", "work"] == 0.0
    two_new = gk.coverage_rates(units, by="two_new").loc["two_new"]
    assert two_new["units"] == 3 and two_new["work"] == pytest.approx(1.0)
    assert gk.coverage_rates(units, by="area").loc["a1", "units"] == 4


def test_scope_two_new_restricts_denominator(builder):
    b = _base(builder)
    b.unit("u1", "c1", kind="organ")
    b.unit("u2", "c1", kind="enterprise")
    b.unit("u3", "c1", kind="social_org")
    b.unit("u4", "c1", kind="market")
    units = gk.unit_coverage(b.graph(), scope="two_new")
    assert units["id"].tolist() == ["u2", "u3", "u4"]
    assert gk.unit_coverage(b.graph(), scope=["organ"])["id"].tolist() == ["u1"]
    with pytest.raises(gk.UsageError):
        gk.unit_coverage(b.graph(), scope="everything")


def test_no_units_in_scope_gives_null_rates(builder):
    b = _base(builder)
    b.unit("u1", "c1", kind="organ")
    units = gk.unit_coverage(b.graph(), scope="two_new")
    rates = gk.coverage_rates(units).loc["all"]
    assert rates["units"] == 0 and math.isnan(rates["work"])


def test_groups_without_units_omitted_and_unplaced_units_left_out(builder):
    b = _base(builder)
    b.community("c2", area="a1", core="core2")
    b.unit("u1", "c1")
    b.unit("u2")
    units = gk.unit_coverage(b.graph())
    by_comm = gk.coverage_rates(units, by="community")
    assert by_comm.index.tolist() == ["c1"]
    assert by_comm.loc["c1", "units"] == 1


def test_works_on_dataset_and_graph_alike(builder, tmp_path):
    b = _base(builder)
    b.unit("u1", "c1", org="o1")
    b.unit("u2", "c1")
    ds = b.dataset(tmp_path / "ds")
    a = gk.unit_coverage(ds)
    g = gk.unit_coverage(ds.to_networkx())
    assert a.equals(g)
