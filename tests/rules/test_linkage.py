"""graphkit.rules.linkage: cores, jurisdictions, ties and circle roles (SPEC section 3)."""

from __future__ import annotations

from graphkit import vocab as V
from graphkit.rules import linkage as L

from ..conftest import Builder


def test_the_core_is_the_highest_kind_then_the_smallest_id(tables) -> None:
    b = Builder()
    b.community("c")
    for oid, kind in (("o3", "committee"), ("o2", "committee"), ("o1", "branch")):
        b.node(oid, "PartyOrg", kind=kind)
        b.edge(oid, "c", "BELONGS_TO")
    t = tables(b)
    assert t.rows(L.cores(t), "community", "core") == [("c", "o2")]


def test_a_unit_with_its_own_organization_is_represented_by_it(tables) -> None:
    b = Builder()
    b.community("c", core="core")
    b.node("cp", "Compound")
    b.edge("cp", "c", "PART_OF")
    b.unit("u1", "c", org="o1")
    b.unit("u2", "cp")
    b.node("o3", "PartyOrg")
    b.edge("o3", "cp", "BELONGS_TO")
    t = tables(b)
    assert t.rows(L.jurisdiction(t), "community", "member") == [
        ("c", "o1"), ("c", "o3"), ("c", "u2")]


def _circles() -> Builder:
    b = Builder()
    b.community("c", core="core")
    b.unit("u1", "c", org="strong", rating=4)      # sub-core: rated, tied to the core
    b.edge("strong", "core", "CO_BUILDS")
    b.unit("u2", "c", org="weak", rating=3)        # pan-core: tied to a sub-core member
    b.edge("weak", "strong", "REPORTS_TO")
    b.unit("u3", "c")                              # unlinked
    b.unit("u4", "c")                              # pan-core through a team it sent
    b.node("team", "Team", kind="stationed")
    b.edge("team", "u4", "FROM").edge("team", "c", "STATIONED_AT")
    b.node("far", "PartyOrg")                      # external partner
    b.edge("far", "core", "CO_BUILDS")
    b.node("up", "PartyOrg", kind="committee")     # the core reports to it: not external
    b.edge("core", "up", "REPORTS_TO")
    return b


def test_roles(tables) -> None:
    t = tables(_circles())
    got = {m: L.ROLES[r] for _, m, r in t.rows(L.roles(t, 4), "community", "member")}
    assert got == {"core": "core", "strong": "sub_core", "weak": "pan_core",
                   "u4": "pan_core", "u3": "unlinked", "far": "external"}
    assert L.ROLES == V.ROLES


def test_the_sub_core_threshold_is_a_parameter(tables) -> None:
    t = tables(_circles())
    got = {m: L.ROLES[r] for _, m, r in t.rows(L.roles(t, 5), "community", "member")}
    assert got["strong"] == "pan_core" and got["weak"] == "unlinked"


def test_ties_are_symmetric_and_distinct(tables) -> None:
    t = tables(_circles())
    pairs = t.rows(L.ties(t), "a", "b")
    assert len(pairs) == len(set(pairs))
    assert {(b, a) for a, b in pairs} == set(pairs)
    # a team ties its sender to the community's core, and to no other organization there
    assert ("u4", "core") in pairs
    assert not [p for p in pairs if "u4" in p and "core" not in p]
