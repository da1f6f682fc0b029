"""Where a unit is (SPEC section 2): its community and its area.

A unit's community is the Community it is ``LOCATED_IN``, or the community of the compound
it is located in; its area is the Area that community is ``PART_OF``, or the Area the unit
is located in directly. With several parents, the smallest id counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab as V
from ._base import LABEL, Tables
from ._ibis import ibis

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["community_area", "compound_community", "unit_place"]


def compound_community(t: Tables) -> ir.Table:
    """``compound, community``: the Community each Compound is PART_OF (smallest id).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(compound_community(t), "compound", "community")[:2]
    [('cpd-001', 'com-004'), ('cpd-002', 'com-014')]
    """
    e = t.rel(V.PART_OF, V.COMPOUND, V.COMMUNITY)
    return e.group_by(compound=e.source).aggregate(community=e.target.min())


def community_area(t: Tables) -> ir.Table:
    """``community, area``: the Area each Community is PART_OF (smallest id).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(community_area(t), "community", "area")[:2]
    [('com-001', 'area-dc'), ('com-002', 'area-dc')]
    """
    e = t.rel(V.PART_OF, V.COMMUNITY, V.AREA)
    return e.group_by(community=e.source).aggregate(area=e.target.min())


def unit_place(t: Tables) -> ir.Table:
    """``unit, kind, members, community, area`` for every Unit (community and area null
    when unknown).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> p = unit_place(t)
    >>> t.rows(p.select(p.unit, p.community, p.area), "unit", "community", "area")[:2]
    [('unit-0001', 'com-015', 'area-cz'), ('unit-0002', 'com-011', 'area-dc')]
    """
    n = t.nodes
    units = n.filter(n.label == LABEL[V.UNIT]).select(unit=n.node, kind=n.kind,
                                                      members=n.members)
    e = t.rel(V.LOCATED_IN)
    loc = e.select(at_unit=e.source, place=e.target, place_label=e.tl)
    cc = t.memo("compound_community", lambda: compound_community(t))
    ca = t.memo("community_area", lambda: community_area(t))
    j = units.left_join(loc, units.unit == loc.at_unit).select(
        units.unit, units.kind, units.members, loc.place, loc.place_label)
    j = j.left_join(cc, j.place == cc.compound).select(
        j.unit, j.kind, j.members, j.place, j.place_label, via=cc.community)
    j = j.mutate(community=ibis.cases(
        (j.place_label == LABEL[V.COMMUNITY], j.place),
        (j.place_label == LABEL[V.COMPOUND], j.via), else_=ibis.null("int32")))
    j = j.left_join(ca, j.community == ca.community).select(
        j.unit, j.kind, j.members, j.community, j.place, j.place_label, of_community=ca.area)
    area = ibis.cases((j.community.notnull(), j.of_community),
                      (j.place_label == LABEL[V.AREA], j.place), else_=ibis.null("int32"))
    return j.select(j.unit, j.kind, j.members, j.community, area=area)
