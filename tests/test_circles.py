"""SPEC section 3: one core, two circles."""

from __future__ import annotations

import math

import pytest

import graphkit as gk


def _row(G, community="c1", **kw):
    return gk.circles(G, **kw).set_index("community").loc[community]


def _base(b):
    b.node("a1", "Area", kind="street")
    b.node("street_org", "PartyOrg", kind="committee")
    b.edge("street_org", "a1", "BELONGS_TO")
    b.community("c1", area="a1", core="core")
    b.edge("core", "street_org", "REPORTS_TO")
    return b


def test_core_is_highest_kind_then_smallest_id(builder):
    b = builder
    b.community("c1")
    for oid, kind in (("z_committee", "committee"), ("a_branch", "branch"),
                      ("b_committee", "committee"), ("g", "general_branch")):
        b.node(oid, "PartyOrg", kind=kind)
        b.edge(oid, "c1", "BELONGS_TO")
    assert _row(b.graph())["core"] == "b_committee"


def test_no_core(builder):
    b = _base(builder)
    b.community("c2", area="a1")
    b.unit("u1", "c2", org="o1", rating=5)
    row = _row(b.graph(), "c2")
    assert row["status"] == "no_core" and row["core"] is None
    assert row["sub_core"] == [] and row["pan_core"] == [] and row["external"] == []
    assert math.isnan(row["linkage_rate"])


@pytest.mark.parametrize("rel", ["CO_BUILDS", "REPORTS_TO"])
@pytest.mark.parametrize("direction", ["to_core", "from_core"])
def test_org_ties_either_direction_make_sub_core(builder, rel, direction):
    b = _base(builder)
    b.unit("u1", "c1", org="o1", rating=4)
    if direction == "to_core":
        b.edge("o1", "core", rel)
    else:
        b.edge("core", "o1", rel)
    row = _row(b.graph())
    assert row["sub_core"] == ["o1"]
    assert row["linkage_rate"] == 1.0


@pytest.mark.parametrize("rel,mode", [("COVERS", "joint"), ("MEETS_WITH", None)])
def test_core_to_unit_ties_make_pan_core(builder, rel, mode):
    b = _base(builder)
    b.unit("u1", "c1")
    b.edge("core", "u1", rel, **({"mode": mode} if mode else {}))
    row = _row(b.graph())
    assert row["pan_core"] == ["u1"] and row["unlinked"] == []


def test_rating_threshold(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1", rating=3)
    b.edge("o1", "core", "CO_BUILDS")
    assert _row(b.graph())["pan_core"] == ["o1"]
    assert _row(b.graph(), sub_core_min_rating=3)["sub_core"] == ["o1"]
    with gk.settings.override(sub_core_min_rating=3):
        assert _row(b.graph())["sub_core"] == ["o1"]
    assert _row(b.graph())["sub_core"] == []


def test_sub_core_needs_direct_tie(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1", rating=5)
    b.unit("u2", "c1", org="o2", rating=5)
    b.edge("o1", "core", "CO_BUILDS")
    b.edge("o2", "o1", "CO_BUILDS")  # high rating, tied only to a sub-core member
    row = _row(b.graph())
    assert row["sub_core"] == ["o1"]
    assert row["pan_core"] == ["o2"]


def test_pan_core_via_core_or_sub_core_only(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1", rating=5)  # sub-core
    b.unit("u2", "c1", org="o2", rating=1)  # pan-core via core
    b.unit("u3", "c1", org="o3", rating=1)  # pan-core via sub-core
    b.unit("u4", "c1", org="o4", rating=1)  # tied only to a pan-core member: unlinked
    b.edge("o1", "core", "CO_BUILDS").edge("o2", "core", "CO_BUILDS")
    b.edge("o3", "o1", "CO_BUILDS").edge("o4", "o2", "CO_BUILDS")
    row = _row(b.graph())
    assert row["sub_core"] == ["o1"]
    assert row["pan_core"] == ["o2", "o3"]
    assert row["unlinked"] == ["o4"]
    assert row["linkage_rate"] == pytest.approx(3 / 4)


def test_unit_represented_by_its_own_org(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1", rating=1)
    b.edge("core", "u1", "MEETS_WITH")  # an edge to the unit ties its organization
    row = _row(b.graph())
    assert row["pan_core"] == ["o1"]
    jur = gk.jurisdiction(b.graph())
    assert jur["member"].tolist() == ["o1"]  # the unit itself is not listed


def test_team_from_unit_ties_its_org_to_core(builder):
    b = _base(builder)
    b.unit("u1", "c1", kind="organ", org="o1", rating=5)
    b.node("t1", "Team", kind="volunteer")
    b.edge("t1", "u1", "FROM").edge("t1", "c1", "STATIONED_AT")
    assert _row(b.graph())["sub_core"] == ["o1"]


def test_team_stationed_elsewhere_does_not_tie(builder):
    b = _base(builder)
    b.community("c2", area="a1", core="core2")
    b.unit("u1", "c1", org="o1", rating=5)
    b.node("t1", "Team", kind="stationed")
    b.edge("t1", "o1", "FROM").edge("t1", "c2", "STATIONED_AT")
    assert _row(b.graph())["unlinked"] == ["o1"]
    assert _row(b.graph(), "c2")["external"] == ["o1"]


def test_jurisdiction_includes_compounds(builder):
    b = _base(builder)
    b.node("cp1", "Compound")
    b.edge("cp1", "c1", "PART_OF")
    b.node("cpo", "PartyOrg", rating=5)
    b.edge("cpo", "cp1", "BELONGS_TO").edge("cpo", "core", "REPORTS_TO")
    b.unit("prop", "cp1", kind="property")
    b.unit("owners", "cp1", kind="owners_committee")
    b.edge("cpo", "prop", "MEETS_WITH")
    row = _row(b.graph())
    assert row["sub_core"] == ["cpo"]
    assert row["pan_core"] == ["prop"]  # tied to a sub-core member
    assert row["unlinked"] == ["owners"]
    assert row["members"] == 3


def test_external_partners_exclude_superiors(builder):
    b = _base(builder)
    b.community("c2", area="a1")
    b.unit("far", "c2", kind="organ", org="far_org", rating=5)
    b.unit("nowhere", None, kind="soe", org="soe_org")
    b.edge("far_org", "core", "CO_BUILDS").edge("soe_org", "core", "CO_BUILDS")
    row = _row(b.graph())
    assert row["external"] == ["far_org", "soe_org"]
    assert "street_org" not in row["external"]  # the core REPORTS_TO it
    # a subordinate outside the jurisdiction is an external partner, not a superior
    b.node("sub", "PartyOrg")
    b.edge("sub", "core", "REPORTS_TO")
    assert "sub" in _row(b.graph())["external"]


def test_empty_jurisdiction_rate_is_one(builder):
    b = _base(builder)
    row = _row(b.graph())
    assert row["status"] == "ok" and row["members"] == 0 and row["linkage_rate"] == 1.0


def test_circle_roles_long_form(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1", rating=5)
    b.unit("u2", "c1")
    b.edge("o1", "core", "CO_BUILDS")
    roles = gk.circle_roles(b.graph())
    got = dict(zip(roles["member"], roles["role"], strict=True))
    assert got == {"core": "core", "o1": "sub_core", "u2": "unlinked"}
    assert set(roles.columns) == {"community", "member", "role", "label", "name"}


def test_ties_table_is_symmetric(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1")
    b.edge("o1", "core", "CO_BUILDS")
    t = gk.ties(b.graph())
    pairs = set(zip(t["a"], t["b"], strict=True))
    assert {("o1", "core"), ("core", "o1")} <= pairs
    assert all((y, x) in pairs for x, y in pairs)
