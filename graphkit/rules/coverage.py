"""Coverage (SPEC section 2): each unit's status, and the rates of a group of units.

A unit's status is the first that holds — ``own`` (a PartyOrg BELONGS_TO it), ``joint``
(COVERS mode joint), ``affiliated`` (COVERS mode affiliated), ``instructor`` (a Person
GUIDES it), ``none`` — coded as its *level* 4, 3, 2, 1, 0. Own-organization rate = level 4;
organizational coverage = level >= 2; work coverage = level >= 1.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .. import vocab as V
from ._base import MODE, Tables, lit
from ._ibis import ibis
from .placement import unit_place

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["LEVELS", "ORGANIZATION", "OWN", "WORK", "rate_counts", "unit_levels", "unit_status"]

#: Level of each status (the order of precedence of SPEC section 2).
LEVELS = {s: len(V.COVERAGE_STATUSES) - 1 - i for i, s in enumerate(V.COVERAGE_STATUSES)}
#: Lowest level counted by each rate: own organization, organizational coverage (own, joint
#: or affiliated), work coverage (or an instructor).
OWN, ORGANIZATION, WORK = LEVELS["own"], LEVELS["affiliated"], LEVELS["instructor"]


def unit_levels(t: Tables) -> ir.Table:
    """``unit, level`` for each Unit that some organization or instructor reaches.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(unit_levels(t), "unit")[:2]  # own organization: level 4
    [('unit-0001', 4), ('unit-0002', 4)]
    """
    own = t.rel(V.BELONGS_TO, V.PARTY_ORG, V.UNIT)
    covers = t.rel(V.COVERS)
    guides = t.rel(V.GUIDES)
    parts = [
        own.select(unit=own.target, level=lit(LEVELS["own"])),
        covers.select(unit=covers.target, level=ibis.cases(
            (covers.mode == MODE["joint"], lit(LEVELS["joint"])),
            (covers.mode == MODE["affiliated"], lit(LEVELS["affiliated"])),
            else_=lit(LEVELS["none"]))),
        guides.select(unit=guides.target, level=lit(LEVELS["instructor"])),
    ]
    reached = ibis.union(*parts, distinct=False)
    return reached.group_by("unit").aggregate(level=reached.level.max())


def unit_status(t: Tables, kinds: Collection[int] | None = None) -> ir.Table:
    """``unit, kind, members, community, area, level`` of the units whose kind code is in
    `kinds` (every unit when ``None``).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> u = unit_status(t)
    >>> t.rows(u.select(u.unit, u.community, u.level), "unit", "community")[:1]
    [('unit-0001', 'com-015', 4)]
    """
    place = t.memo("unit_place", lambda: unit_place(t))
    levels = t.memo("unit_levels", lambda: unit_levels(t))
    if kinds is not None:
        place = place.filter(place.kind.isin(list(kinds)))
    j = place.left_join(levels, place.unit == levels.unit)
    return j.select(place.unit, place.kind, place.members, place.community, place.area,
                    level=levels.level.fill_null(0).cast("int8"))


def rate_counts(units: ir.Table, by: str | None = None) -> ir.Table:
    """``key, units, own, organization, work``: per value of column `by` of `units` (rows
    without a value left out; one row keyed 0 when `by` is None), the number of units and
    how many each rate counts. `units` needs a ``level`` column.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(rate_counts(unit_status(t)))  # key, units, own, organization, work
    [(0, 381, 212, 324, 364)]
    >>> t.rows(rate_counts(unit_status(t), "area"), "key")[:1]
    [('area-cz', 140, 89, 120, 134)]
    """
    if by is None:
        units = units.mutate(key=lit(0, "int64"))
    else:
        units = units.filter(units[by].notnull()).mutate(key=units[by])
    return units.group_by("key").aggregate(
        units=units.count(),
        own=(units.level >= OWN).cast("int64").sum(),
        organization=(units.level >= ORGANIZATION).cast("int64").sum(),
        work=(units.level >= WORK).cast("int64").sum(),
    )
