"""graphkit.rules.placement: where a unit is (SPEC section 2)."""

from __future__ import annotations

from graphkit.rules import placement as P

from ..conftest import Builder


def test_community_via_compound_and_area_via_community(tables) -> None:
    b = Builder()
    b.node("a", "Area")
    b.community("c", "a")
    b.node("cp", "Compound")
    b.edge("cp", "c", "PART_OF")
    b.unit("u1", "c")
    b.unit("u2", "cp")
    t = tables(b)
    p = P.unit_place(t)
    assert t.rows(p.select(p.unit, p.community, p.area), "unit", "community", "area") == [
        ("u1", "c", "a"), ("u2", "c", "a")]


def test_a_unit_located_in_an_area_directly_and_one_nowhere(tables) -> None:
    b = Builder()
    b.node("a", "Area")
    b.unit("u1", "a")
    b.unit("u2")
    t = tables(b)
    p = P.unit_place(t)
    assert t.rows(p.select(p.unit, p.community, p.area), "unit", "community", "area") == [
        ("u1", None, "a"), ("u2", None, None)]


def test_several_parents_the_smallest_id(tables) -> None:
    b = Builder()
    b.node("a2", "Area")
    b.node("a1", "Area")
    b.community("c", "a2")
    b.edge("c", "a1", "PART_OF")
    b.node("cp", "Compound")
    b.community("c9")
    b.edge("cp", "c9", "PART_OF")
    b.edge("cp", "c", "PART_OF")
    t = tables(b)
    assert t.rows(P.community_area(t), "community", "area") == [("c", "a1")]
    assert t.rows(P.compound_community(t), "compound", "community") == [("cp", "c")]
