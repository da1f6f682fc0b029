"""Findings (SPEC section 4): the rows behind each finding code.

Each function returns the subjects of one code with what its message needs; the public
:func:`graphkit.findings` turns them into Chinese messages and suggested actions.
``units`` is :func:`~graphkit.rules.coverage.unit_status` of the units in scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab as V
from ._base import LABEL, Tables
from ._ibis import ibis
from .linkage import ROLES, cores
from .mechanisms import compound_branches, joint_meeting_units, joint_meetings
from .placement import community_area, compound_community

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["communities_without_core", "communities_without_service_center",
           "communities_without_stationed_team", "compounds_without_branch",
           "compounds_without_joint_meeting", "joint_candidates", "joint_meeting_gap_units",
           "orphan_orgs", "should_form_branch", "uncovered", "unlinked"]


def uncovered(units: ir.Table) -> ir.Table:
    """``uncovered``: units with status ``none``.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> from graphkit.rules.coverage import unit_status
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> u = uncovered(unit_status(t))
    >>> t.rows(u.select(u.unit), "unit")[:2]
    [('unit-0139',), ('unit-0170',)]
    """
    return units.filter(units.level == 0)


def should_form_branch(units: ir.Table, min_members: int) -> ir.Table:
    """``should_form_branch``: units with at least `min_members` members that have no own
    organization.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> from graphkit.rules.coverage import unit_status
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> u = should_form_branch(unit_status(t), 3)
    >>> t.rows(u.select(u.unit, u.members), "unit")[:2]
    [('unit-0058', 3), ('unit-0173', 5)]
    """
    return units.filter((units.members >= min_members) & (units.level < 4))


def joint_candidates(units: ir.Table, min_members: int) -> ir.Table:
    """``joint_candidate``: per community, its units with status ``none`` or ``instructor``
    and fewer than `min_members` members, when together they have at least `min_members`
    (``community, unit, members, total``).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> from graphkit.rules.coverage import unit_status
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(joint_candidates(unit_status(t), 3), "community", "unit")[:2]
    [('com-025', 'unit-0179', 1, 4), ('com-025', 'unit-0274', 1, 4)]
    """
    pool = units.filter(units.level.isin([0, 1]) & (units.members < min_members)
                        & units.community.notnull())
    total = pool.group_by("community").aggregate(total=pool.members.sum())
    total = total.filter(total.total >= min_members)
    j = pool.join(total, pool.community == total.community)
    return j.select(pool.community, pool.unit, pool.members, total.total)


def _communities(t: Tables) -> ir.Table:
    n = t.nodes
    return n.filter(n.label == LABEL[V.COMMUNITY]).select(community=n.node)


def communities_without_core(t: Tables) -> ir.Table:
    """``community_without_core``: communities no PartyOrg BELONGS_TO.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(communities_without_core(t), "community")
    [('com-039',), ('com-047',)]
    """
    c = _communities(t)
    core = t.memo("cores", lambda: cores(t))
    return c.anti_join(core, c.community == core.community)


def compounds_without_branch(t: Tables) -> ir.Table:
    """``compound_without_branch``: compounds no PartyOrg BELONGS_TO (``compound,
    community, area``).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(compounds_without_branch(t), "compound", "community", "area")[:1]
    [('cpd-008', 'com-002', 'area-dc')]
    """
    n = t.nodes
    cp = n.filter(n.label == LABEL[V.COMPOUND]).select(compound=n.node)
    homes = t.rel(V.BELONGS_TO, V.PARTY_ORG, V.COMPOUND)
    bare = cp.anti_join(homes, cp.compound == homes.target)
    cc = t.memo("compound_community", lambda: compound_community(t))
    ca = t.memo("community_area", lambda: community_area(t))
    j = bare.left_join(cc, bare.compound == cc.compound).select(bare.compound, cc.community)
    j = j.left_join(ca, j.community == ca.community).select(j.compound, j.community, ca.area)
    return j


def compounds_without_joint_meeting(t: Tables) -> ir.Table:
    """``compound_without_joint_meeting`` (SPEC section 8): compounds with a branch and at
    least one owners_committee or property unit located in them, none of which their
    branches MEETS_WITH (``compound, community, area``).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(compounds_without_joint_meeting(t), "compound", "community",
    ...        "area")
    [('cpd-002', 'com-014', 'area-dc')]
    """
    n = t.nodes
    cp = n.filter(n.label == LABEL[V.COMPOUND]).select(compound=n.node)
    b = compound_branches(t)
    u = joint_meeting_units(t)
    cp = cp.semi_join(b, cp.compound == b.compound)
    cp = cp.semi_join(u, cp.compound == u.compound)
    met = joint_meetings(t)
    cp = cp.anti_join(met, cp.compound == met.compound)
    cc = t.memo("compound_community", lambda: compound_community(t))
    ca = t.memo("community_area", lambda: community_area(t))
    j = cp.left_join(cc, cp.compound == cc.compound).select(cp.compound, cc.community)
    return j.left_join(ca, j.community == ca.community).select(j.compound, j.community,
                                                               ca.area)


def joint_meeting_gap_units(t: Tables) -> ir.Table:
    """``compound, unit, kind``: the owners' committees and property companies of the
    compounds of :func:`compounds_without_joint_meeting` (whom the meeting would bring
    together).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> g = joint_meeting_gap_units(t)
    >>> t.rows(g.select(g.compound, g.unit), "compound", "unit")
    [('cpd-002', 'unit-0365')]
    """
    gap = t.memo("compounds_without_joint_meeting", lambda: compounds_without_joint_meeting(t))
    u = joint_meeting_units(t)
    u = u.semi_join(gap, u.compound == gap.compound)
    n = t.nodes
    return u.join(n, u.unit == n.node).select(u.compound, u.unit, n.kind)


def communities_without_service_center(t: Tables) -> ir.Table:
    """``no_service_center``: communities no ServiceCenter SERVES, directly or through one
    of their compounds.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(communities_without_service_center(t), "community")[:2]
    [('com-014',), ('com-038',)]
    """
    c = _communities(t)
    serves = t.rel(V.SERVES, V.SERVICE_CENTER)
    cc = t.memo("compound_community", lambda: compound_community(t))
    via = serves.join(cc, serves.target == cc.compound).select(community=cc.community)
    served = ibis.union(serves.select(community=serves.target), via, distinct=True)
    return c.anti_join(served, c.community == served.community)


def communities_without_stationed_team(t: Tables) -> ir.Table:
    """``no_stationed_team``: communities no Team of kind ``stationed`` is STATIONED_AT.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(communities_without_stationed_team(t), "community")[:2]
    [('com-014',), ('com-026',)]
    """
    c = _communities(t)
    at = t.rel(V.STATIONED_AT, V.TEAM, V.COMMUNITY)
    n = t.nodes
    stationed = at.join(n, at.source == n.node).select(community=at.target, kind=n.kind)
    stationed = stationed.filter(stationed.kind == t.kind("stationed"))
    return c.anti_join(stationed, c.community == stationed.community)


def unlinked(roles: ir.Table) -> ir.Table:
    """``unlinked``: jurisdiction members in neither circle (``community, member``).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> from graphkit.rules.linkage import roles
    >>> t.rows(unlinked(roles(t, 4)), "community", "member")[:2]
    [('com-001', 'unit-0101'), ('com-001', 'unit-0108')]
    """
    return roles.filter(roles.role == ROLES.index("unlinked")).select("community", "member")


def orphan_orgs(t: Tables) -> ir.Table:
    """``orphan_org``: PartyOrgs of kind branch or general_branch with no REPORTS_TO
    (``org, kind``).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> o = orphan_orgs(t)
    >>> t.rows(o.select(o.org), "org")
    [('org-0072',), ('org-0227',)]
    """
    n = t.nodes
    orgs = n.filter((n.label == LABEL[V.PARTY_ORG])
                    & n.kind.isin([t.kind("branch"), t.kind("general_branch")]))
    up = t.rel(V.REPORTS_TO)
    return orgs.anti_join(up, orgs.node == up.source).select(org=orgs.node, kind=orgs.kind)
