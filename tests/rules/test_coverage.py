"""graphkit.rules.coverage: each unit's status (its level) and the rates (SPEC section 2)."""

from __future__ import annotations

from graphkit import vocab as V
from graphkit.rules import coverage as C

from ..conftest import Builder


def test_levels_follow_the_precedence_of_the_vocabulary() -> None:
    levels = [C.LEVELS[s] for s in V.COVERAGE_STATUSES]
    assert levels == sorted(levels, reverse=True) and levels[-1] == 0
    thresholds = {"own": C.OWN, "affiliated": C.ORGANIZATION, "instructor": C.WORK}
    assert thresholds == {s: C.LEVELS[s] for s in thresholds}


def _statuses(b: Builder) -> Builder:
    for i in range(1, 6):
        b.unit(f"u{i}")
    b.node("own", "PartyOrg")
    b.edge("own", "u1", "BELONGS_TO")
    b.node("j", "PartyOrg", joint=True)
    b.edge("j", "u1", "COVERS", mode="joint")  # own wins over joint
    b.edge("j", "u2", "COVERS", mode="joint")
    b.node("h", "PartyOrg")
    b.edge("h", "u2", "COVERS", mode="affiliated")  # joint wins over affiliated
    b.edge("h", "u3", "COVERS", mode="affiliated")
    b.node("p", "Person", kind="instructor")
    b.edge("p", "u3", "GUIDES")  # affiliated wins over instructor
    b.edge("p", "u4", "GUIDES")
    return b


def test_the_first_status_that_holds(tables) -> None:
    t = tables(_statuses(Builder()))
    u = C.unit_status(t)
    got = dict(t.rows(u.select(u.unit, u.level), "unit"))
    want = {"u1": "own", "u2": "joint", "u3": "affiliated", "u4": "instructor", "u5": "none"}
    assert got == {u: C.LEVELS[s] for u, s in want.items()}


def test_rates_count_each_rate_and_leave_out_units_without_a_group(tables) -> None:
    b = _statuses(Builder())
    b.node("a", "Area")
    b.community("c", "a")
    for u in ("u1", "u2", "u5"):
        b.edge(u, "c", "LOCATED_IN")
    t = tables(b)
    u = C.unit_status(t)
    # key, units, own, organization (own/joint/affiliated), work (and instructor)
    assert t.rows(C.rate_counts(u)) == [(0, 5, 1, 3, 4)]
    assert t.rows(C.rate_counts(u, "community"), "key") == [("c", 3, 1, 2, 2)]


def test_a_kind_outside_the_scope_is_left_out(tables) -> None:
    b = Builder()
    b.unit("u1", kind="enterprise")
    b.unit("u2", kind="organ")
    t = tables(b)
    u = C.unit_status(t, kinds=[t.kind(k) for k in V.TWO_NEW_KINDS])
    assert t.rows(u.select(u.unit), "unit") == [("u1",)]
