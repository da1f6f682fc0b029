"""graphkit.rules.mechanisms: the community scorecard (SPEC section 8)."""

from __future__ import annotations

from graphkit.rules import mechanisms as M

from ..conftest import Builder


def _two_communities() -> Builder:
    b = Builder()
    b.node("a", "Area")
    b.community("c1", "a", core="k1")
    b.community("c2", "a", core="k2")
    b.node("sc", "ServiceCenter", kind="street", area_m2=100)
    b.edge("sc", "c1", "SERVES").edge("sc", "c2", "SERVES")   # one centre, two communities
    b.node("org", "PartyOrg")
    b.edge("org", "k1", "CO_BUILDS").edge("org", "k2", "CO_BUILDS")
    return b


def _field(t, table, name: str, *ids: str) -> list:
    return [r[1:] for r in t.rows(table, *ids) if r[0] == M.COUNTED.index(name)]


def test_each_community_counts_its_own_and_the_city_counts_each_once(tables) -> None:
    t = tables(_two_communities())
    r = M.rows(t)
    per = M.by_community(r)
    assert _field(t, per, "service_centers", "community") == [("c1", 1, 100.0),
                                                              ("c2", 1, 100.0)]
    assert _field(t, per, "co_builders", "community") == [("c1", 1, 0.0), ("c2", 1, 0.0)]
    city = M.whole(r)
    assert _field(t, city, "service_centers") == [(1, 100.0)]
    assert _field(t, city, "service_area_m2") == [(1, 100.0)]
    assert _field(t, city, "co_builders") == [(1, 0.0)]
    assert _field(t, M.by_area(t, r), "service_centers", "area") == [("a", 1, 100.0)]


def test_every_counted_field_has_a_rule() -> None:
    assert set(M.COUNTED) <= set(M.FIELDS)
    assert set(M.FIELDS) - set(M.COUNTED) == {"running_circle", "linkage_rate"}
