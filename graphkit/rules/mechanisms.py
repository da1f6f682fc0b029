"""The community scorecard (SPEC section 8): the mechanisms of the integration circle.

Each field is one function returning, per Community, the entities it counts:
``community, entity`` (and ``value``, the number summed, for the sums). A community's
field is the number of its entities (or the sum of their values); the city row counts
each entity once over every community (a service centre serving two communities is one
centre, its floor area summed once). :func:`rows` puts every field in one long table,
:func:`by_community`, :func:`by_area` and :func:`whole` aggregate it.

A community's compounds are the Compounds ``PART_OF`` it (a compound that is ``PART_OF``
two communities is a compound of each).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .. import vocab as V
from ._base import LABEL, Tables, lit
from ._ibis import ibis
from .linkage import cores
from .placement import community_area

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["COUNTED", "FIELDS", "JOINT_MEETING_KINDS", "by_area", "by_community", "co_builders",
           "community_compounds", "compound_branches", "compounds", "compounds_with_branch",
           "compounds_with_joint_meeting", "issues_resolved", "joint_meeting_units",
           "joint_meetings", "reporting_members", "rows", "service_area_m2",
           "service_centers", "stationed_teams", "team_members", "volunteer_teams", "whole"]

#: The fields of a scorecard row, in the order of SPEC section 8.
FIELDS = ("co_builders", "running_circle", "linkage_rate", "service_centers",
          "service_area_m2", "stationed_teams", "volunteer_teams", "team_members",
          "issues_resolved", "reporting_members", "compounds", "compounds_with_branch",
          "compounds_with_joint_meeting")
#: The fields counted (or summed) over entities, by code in :func:`rows`; the other two
#: (``running_circle``, ``linkage_rate``) follow from ``co_builders`` and SPEC section 3.
COUNTED = tuple(f for f in FIELDS if f not in ("running_circle", "linkage_rate"))
#: Unit kinds a compound branch holds its joint meeting (联席会议) with.
JOINT_MEETING_KINDS = ("owners_committee", "property")


def _pairs(table: ir.Table, community: ir.Value, entity: ir.Value,
           value: ir.Value | None = None) -> ir.Table:
    """Distinct ``community, entity, value`` rows (value 0 for a count)."""
    v = lit(0, "float64") if value is None else value.cast("float64")
    return table.select(community=community, entity=entity, value=v).distinct()


def community_compounds(t: Tables) -> ir.Table:
    """``community, compound``: each Compound ``PART_OF`` each Community.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(community_compounds(t), "community", "compound")[:1]
    [('com-001', 'cpd-013')]
    """
    e = t.rel(V.PART_OF, V.COMPOUND, V.COMMUNITY)
    return e.select(community=e.target, compound=e.source).distinct()


def co_builders(t: Tables) -> ir.Table:
    """``co_builders``: the PartyOrgs with a ``CO_BUILDS`` edge whose target is the
    community's core (none without a core).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> c = co_builders(t)
    >>> t.rows(c.select(c.community, c.entity), "community", "entity")[:1]
    [('com-001', 'org-0115')]
    """
    core = t.memo("cores", lambda: cores(t))
    e = t.rel(V.CO_BUILDS, V.PARTY_ORG, V.PARTY_ORG)
    j = e.join(core, e.target == core.core)
    return _pairs(j, j.community, j.source)


def service_centers(t: Tables) -> ir.Table:
    """``service_centers``: the ServiceCenters that ``SERVES`` the community or one of its
    compounds; ``value`` is the centre's ``area_m2`` (0 when missing).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> c = service_centers(t)
    >>> t.rows(c.select(c.community, c.entity), "community", "entity")[:1]
    [('com-001', 'sc-004')]
    """
    serves = t.rel(V.SERVES, V.SERVICE_CENTER)
    direct = serves.filter(serves.tl == LABEL[V.COMMUNITY])
    direct = direct.select(community=direct.target, center=direct.source)
    cc = t.memo("community_compounds", lambda: community_compounds(t))
    via = serves.join(cc, serves.target == cc.compound).select(cc.community,
                                                               center=serves.source)
    both = ibis.union(direct, via, distinct=True)
    n = t.nodes
    j = both.join(n, both.center == n.node)
    return _pairs(j, j.community, j.center, j.area_m2)


def service_area_m2(t: Tables) -> ir.Table:
    """``service_area_m2``: the centres of :func:`service_centers`, their ``area_m2``
    summed."""
    return t.memo("service_centers", lambda: service_centers(t))


def _teams(t: Tables, kind: str | None = None) -> ir.Table:
    """``community, team, kind, members, issues_resolved`` of the Teams ``STATIONED_AT``
    each community (of `kind` when given)."""
    def build() -> ir.Table:
        at = t.rel(V.STATIONED_AT, V.TEAM, V.COMMUNITY)
        n = t.nodes
        return at.join(n, at.source == n.node).select(
            community=at.target, team=at.source, kind=n.kind, members=n.members,
            issues_resolved=n.issues_resolved)

    j = t.memo("stationed_at", build)
    return j if kind is None else j.filter(j.kind == t.kind(kind))


def stationed_teams(t: Tables) -> ir.Table:
    """``stationed_teams``: Teams of kind ``stationed`` ``STATIONED_AT`` the community."""
    j = _teams(t, "stationed")
    return _pairs(j, j.community, j.team)


def volunteer_teams(t: Tables) -> ir.Table:
    """``volunteer_teams``: Teams of kind ``volunteer`` ``STATIONED_AT`` the community."""
    j = _teams(t, "volunteer")
    return _pairs(j, j.community, j.team)


def team_members(t: Tables) -> ir.Table:
    """``team_members``: the Teams of both kinds ``STATIONED_AT`` the community, ``value``
    their ``members``."""
    j = _teams(t)
    return _pairs(j, j.community, j.team, j.members)


def issues_resolved(t: Tables) -> ir.Table:
    """``issues_resolved``: the Teams of both kinds ``STATIONED_AT`` the community,
    ``value`` their ``issues_resolved`` (0 when missing)."""
    j = _teams(t)
    return _pairs(j, j.community, j.team, j.issues_resolved)


def reporting_members(t: Tables) -> ir.Table:
    """``reporting_members``: Persons of kind ``member`` ``REGISTERED_AT`` the community."""
    e = t.rel(V.REGISTERED_AT, V.PERSON, V.COMMUNITY)
    n = t.nodes
    j = e.join(n, e.source == n.node)
    j = j.filter(j.kind == t.kind("member"))
    return _pairs(j, j.target, j.source)


def compounds(t: Tables) -> ir.Table:
    """``compounds``: the Compounds ``PART_OF`` the community."""
    cc = t.memo("community_compounds", lambda: community_compounds(t))
    return _pairs(cc, cc.community, cc.compound)


def compound_branches(t: Tables) -> ir.Table:
    """``branch, compound``: the PartyOrgs that ``BELONGS_TO`` a Compound (its branches,
    whatever their kind)."""
    e = t.rel(V.BELONGS_TO, V.PARTY_ORG, V.COMPOUND)
    return e.select(branch=e.source, compound=e.target)


def compounds_with_branch(t: Tables) -> ir.Table:
    """``compounds_with_branch``: the community's compounds that a PartyOrg
    ``BELONGS_TO``."""
    cc = t.memo("community_compounds", lambda: community_compounds(t))
    b = compound_branches(t)
    j = cc.semi_join(b, cc.compound == b.compound)
    return _pairs(j, j.community, j.compound)


def joint_meeting_units(t: Tables) -> ir.Table:
    """``unit, compound``: the Units of kind ``owners_committee`` or ``property``
    ``LOCATED_IN`` a Compound."""
    e = t.rel(V.LOCATED_IN, V.UNIT, V.COMPOUND)
    n = t.nodes
    j = e.join(n, e.source == n.node)
    j = j.filter(j.kind.isin([t.kind(k) for k in JOINT_MEETING_KINDS]))
    return j.select(unit=j.source, compound=j.target)


def joint_meetings(t: Tables) -> ir.Table:
    """``compound``: the compounds one of whose branches ``MEETS_WITH`` an owners'
    committee or property company located in that compound."""
    b = compound_branches(t)
    m = t.rel(V.MEETS_WITH, V.PARTY_ORG, V.UNIT)
    u = joint_meeting_units(t)
    j = b.join(m, b.branch == m.source).select(b.compound, unit=m.target)
    j = j.join(u, [j.unit == u.unit, j.compound == u.compound]).select(j.compound)
    return j.distinct()


def compounds_with_joint_meeting(t: Tables) -> ir.Table:
    """``compounds_with_joint_meeting``: the community's compounds whose branch
    ``MEETS_WITH`` an ``owners_committee`` or ``property`` unit located in that compound."""
    cc = t.memo("community_compounds", lambda: community_compounds(t))
    met = joint_meetings(t)
    j = cc.semi_join(met, cc.compound == met.compound)
    return _pairs(j, j.community, j.compound)


_FIELD_RULES = {
    "co_builders": co_builders,
    "service_centers": lambda t: t.memo("service_centers", lambda: service_centers(t)),
    "service_area_m2": service_area_m2, "stationed_teams": stationed_teams,
    "volunteer_teams": volunteer_teams, "team_members": team_members,
    "issues_resolved": issues_resolved, "reporting_members": reporting_members,
    "compounds": compounds, "compounds_with_branch": compounds_with_branch,
    "compounds_with_joint_meeting": compounds_with_joint_meeting,
}


def rows(t: Tables) -> ir.Table:
    """``field, community, entity, value``: every counted field's entities per community
    (``field`` the index into :data:`COUNTED`).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> r = rows(t)
    >>> t.rows(r.filter(r.field == COUNTED.index("compounds")).select(r.community, r.entity),
    ...        "community", "entity")[:1]
    [('com-001', 'cpd-013')]
    """
    parts = []
    for code, name in enumerate(COUNTED):
        p = _FIELD_RULES[name](t)
        parts.append(p.select(field=lit(code), community=p.community.cast("int32"),
                              entity=p.entity.cast("int32"), value=p.value))
    return ibis.union(*parts, distinct=False)


def by_community(r: ir.Table) -> ir.Table:
    """``field, community, n, total``: per field and community, the entities counted and
    the sum of their values (`r` from :func:`rows`).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> b = by_community(rows(t))
    >>> t.rows(b.filter(b.field == COUNTED.index("service_area_m2")), "community")[:1]
    [(2, 'com-001', 1, 340.0)]
    """
    return r.group_by(["field", "community"]).aggregate(n=r.count(), total=r.value.sum())


def by_area(t: Tables, r: ir.Table) -> ir.Table:
    """``field, area, n, total``: the city row's definitions per street/town (the Area each
    community is ``PART_OF``, smallest id): the distinct entities of its communities and the
    sum of their values, each entity counted once per area.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> b = by_area(t, rows(t))
    >>> t.rows(b.filter(b.field == COUNTED.index("stationed_teams")), "area")[:2]
    [(3, 'area-cz', 12, 0.0), (3, 'area-dc', 13, 0.0)]
    """
    ca = t.memo("community_area", lambda: community_area(t))
    j = r.join(ca, r.community == ca.community).select(r.field, ca.area, r.entity, r.value)
    d = j.distinct()
    return d.group_by(["field", "area"]).aggregate(n=d.count(), total=d.value.sum())


def whole(r: ir.Table, communities: Collection[int] | None = None) -> ir.Table:
    """``field, n, total``: per field, the distinct entities of all communities (of
    `communities` when given) and the sum of their values, each entity counted once.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> w = whole(rows(t))
    >>> t.rows(w.filter(w.field == COUNTED.index("stationed_teams")))  # the city: 42 teams
    [(3, 42, 0.0)]
    """
    if communities is not None:
        r = r.filter(r.community.isin([int(c) for c in communities]))
    d = r.select("field", "entity", "value").distinct()
    return d.group_by("field").aggregate(n=d.count(), total=d.value.sum())
