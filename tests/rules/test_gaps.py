"""graphkit.rules.gaps: the rows behind each finding code (SPEC sections 4 and 8)."""

from __future__ import annotations

from graphkit.rules import coverage as C
from graphkit.rules import gaps as G
from graphkit.rules import linkage as L

from ..conftest import Builder


def _network() -> Builder:
    b = Builder()
    b.node("a", "Area")
    b.community("c1", "a", core="core1")
    b.community("c2", "a")                          # no core
    b.unit("u0", "c1", members=5)                   # should form its own branch
    b.unit("u1", "c1", members=1)                   # small, uncovered
    b.unit("u2", "c1", members=2)                   # small, uncovered: together 3
    b.unit("u3", "c2", members=0, org="o3")         # own organization
    b.node("cp", "Compound")
    b.edge("cp", "c1", "PART_OF")                   # compound without a branch
    b.node("cp2", "Compound")
    b.edge("cp2", "c1", "PART_OF")
    b.node("b2", "PartyOrg")
    b.edge("b2", "cp2", "BELONGS_TO").edge("b2", "core1", "REPORTS_TO")
    b.unit("owners", "cp2", kind="owners_committee")  # no joint meeting with it
    b.node("sc", "ServiceCenter", kind="community")
    b.edge("sc", "c1", "SERVES")
    b.node("tm", "Team", kind="volunteer")          # volunteers do not count
    b.edge("tm", "c1", "STATIONED_AT")
    return b


def test_unit_findings(tables) -> None:
    t = tables(_network())
    u = C.unit_status(t)
    assert [r[0] for r in t.rows(G.uncovered(u).select("unit"), "unit")] == [
        "owners", "u0", "u1", "u2"]
    assert [r[0] for r in t.rows(G.should_form_branch(u, 3).select("unit"), "unit")] == ["u0"]
    assert t.rows(G.joint_candidates(u, 3), "community", "unit") == [
        ("c1", "owners", 0, 3), ("c1", "u1", 1, 3), ("c1", "u2", 2, 3)]
    assert t.rows(G.joint_candidates(u, 4), "community", "unit") == []


def test_community_and_compound_findings(tables) -> None:
    t = tables(_network())
    assert t.rows(G.communities_without_core(t), "community") == [("c2",)]
    assert t.rows(G.compounds_without_branch(t), "compound", "community", "area") == [
        ("cp", "c1", "a")]
    assert t.rows(G.compounds_without_joint_meeting(t), "compound", "community", "area") == [
        ("cp2", "c1", "a")]
    assert t.rows(G.communities_without_service_center(t), "community") == [("c2",)]
    assert t.rows(G.communities_without_stationed_team(t), "community") == [("c1",), ("c2",)]


def test_organization_findings(tables) -> None:
    t = tables(_network())
    orphans = G.orphan_orgs(t)
    assert t.rows(orphans.select(orphans.org), "org") == [("o3",)]  # b2 reports to core1
    unlinked = t.rows(G.unlinked(L.roles(t, 4)), "community", "member")
    assert ("c1", "u1") in unlinked and all(c == "c1" for c, _ in unlinked)
