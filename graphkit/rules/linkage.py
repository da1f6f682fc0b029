"""One core, two circles (SPEC section 3): cores, jurisdictions, ties and circle roles.

A Unit that has its own organization is represented by that organization (by each, when it
has several) both as a jurisdiction member and as the end of a tie.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import vocab as V
from ._base import LABEL, TEAM_TIE_CODE, TYPE, Tables, lit
from ._ibis import ibis
from .placement import compound_community, unit_place

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["ROLES", "cores", "jurisdiction", "own_orgs", "represent", "roles", "tie_rows",
           "ties"]

#: Circle roles by code, in report order.
ROLES = V.ROLES
_ROLE = {r: i for i, r in enumerate(ROLES)}
#: Rank of PartyOrg kinds for choosing a core: lower is chosen first.
_CORE_RANK = ("committee", "general_branch", "branch")


#: Above every node code (int32): a core's rank times this, plus its code, orders by rank
#: then code — the same number for every network, so the query's SQL is too.
_RANKED = 2 ** 32


def cores(t: Tables) -> ir.Table:
    """``community, core``: the PartyOrg that BELONGS_TO each Community — with several, the
    highest kind (committee > general_branch > branch), then the smallest id.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(cores(t), "community", "core")[:2]
    [('com-001', 'org-0008'), ('com-002', 'org-0009')]
    """
    e = t.rel(V.BELONGS_TO, V.PARTY_ORG, V.COMMUNITY)
    n = t.nodes
    j = e.join(n, e.source == n.node).select(e.source, e.target, n.kind)
    rank = ibis.cases(*((j.kind == t.kind(k), lit(i, "int64")) for i, k in
                        enumerate(_CORE_RANK)), else_=lit(len(_CORE_RANK), "int64"))
    # one number ordered by rank, then code: codes are int32, below _RANKED
    key = rank * _RANKED + j.source.cast("int64")
    best = j.mutate(key=key).group_by(community=j.target).aggregate(key=ibis._.key.min())
    return best.select(best.community, core=(best.key % _RANKED).cast("int32"))


def own_orgs(t: Tables) -> ir.Table:
    """``org, unit``: the PartyOrgs that BELONGS_TO a Unit (its own organization).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(own_orgs(t), "org", "unit")[:1]
    [('org-0105', 'unit-0001')]
    """
    e = t.rel(V.BELONGS_TO, V.PARTY_ORG, V.UNIT)
    return e.select(org=e.source, unit=e.target)


def represent(t: Tables, table: ir.Table, column: str) -> ir.Table:
    """`table` with each Unit in `column` replaced by its own organization(s).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> e = t.rel("LOCATED_IN", "Unit", "Community")
    >>> placed = represent(t, e.select(member=e.source, community=e.target), "member")
    >>> t.rows(placed, "member", "community")[:1]  # unit-0001 is org-0105
    [('org-0105', 'com-015')]
    """
    own = t.memo("own_orgs", lambda: own_orgs(t))
    j = table.left_join(own, table[column] == own.unit)
    cols = {c: (ibis.coalesce(own.org, table[c]) if c == column else table[c])
            for c in table.columns}
    return j.select(**cols)


def jurisdiction(t: Tables) -> ir.Table:
    """``community, member``: every Unit located in the community or one of its compounds
    (represented by its own organization), and every PartyOrg that BELONGS_TO one of its
    compounds; never the community's core.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(jurisdiction(t), "community", "member")[:2]
    [('com-001', 'org-0064'), ('com-001', 'org-0210')]
    """
    place = t.memo("unit_place", lambda: unit_place(t))
    units = place.filter(place.community.notnull()).select(place.community, member=place.unit)
    units = represent(t, units, "member")
    cc = t.memo("compound_community", lambda: compound_community(t))
    e = t.rel(V.BELONGS_TO, V.PARTY_ORG, V.COMPOUND)
    in_compounds = e.join(cc, e.target == cc.compound).select(cc.community, member=e.source)
    members = ibis.union(units, in_compounds, distinct=True)
    core = t.memo("cores", lambda: cores(t))
    j = members.left_join(core, members.community == core.community).select(
        members.community, members.member, core.core)
    j = j.filter(j.core.isnull() | (j.member != j.core))
    return j.select(j.community, j.member)


def tie_rows(t: Tables) -> ir.Table:
    """``a, b, type``: one row per underlying tie, in the direction recorded — each
    CO_BUILDS, REPORTS_TO, COVERS or MEETS_WITH relationship, and each Team sent FROM x and
    STATIONED_AT a community with a core, which ties x to that core (``type`` is
    :data:`~graphkit.rules._base.TEAM_TIE_CODE`) and to no other organization of the
    community. Ends represented, self-ties dropped, parallel ties kept.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> r = tie_rows(t)
    >>> t.rows(r.select(r.a, r.b), "a", "b")[:1]
    [('org-0002', 'org-0001')]
    """
    parts = []
    for rel in V.TIE_TYPES:
        e = t.rel(rel)
        parts.append(e.select(a=e.source, b=e.target, type=lit(TYPE[rel])))
    sent = t.rel(V.FROM)
    sent = sent.select(team=sent.source, a=sent.target)
    at = t.rel(V.STATIONED_AT)
    at = at.select(team=at.source, community=at.target)
    core = t.memo("cores", lambda: cores(t))
    team = sent.join(at, sent.team == at.team)
    team = team.select(team.a, team.community)
    team = team.join(core, team.community == core.community)
    parts.append(team.select(team.a, b=core.core, type=lit(TEAM_TIE_CODE)))
    rows = ibis.union(*parts, distinct=False)
    rows = represent(t, represent(t, rows, "a"), "b")
    return rows.filter(rows.a != rows.b)


def ties(t: Tables) -> ir.Table:
    """``a, b``: the distinct tied pairs, each in both directions.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> t.rows(ties(t), "a", "b")[:2]
    [('org-0001', 'org-0002'), ('org-0001', 'org-0003')]
    """
    rows = t.memo("tie_rows", lambda: tie_rows(t))
    one = rows.select(rows.a, rows.b)
    other = rows.select(a=rows.b, b=rows.a)
    return ibis.union(one, other, distinct=True)


def roles(t: Tables, threshold: int) -> ir.Table:
    """``community, member, role`` (role code of :data:`ROLES`) for each community with a
    core: the core itself; the sub-core circle (jurisdiction PartyOrgs with ``rating >=
    threshold`` tied to the core); the pan-core circle (other jurisdiction members tied to
    the core or to a sub-core member); the unlinked (the rest of the jurisdiction); the
    external partners (PartyOrgs or Units outside the jurisdiction tied to the core, other
    than the core itself and the organizations it REPORTS_TO).

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.rules._base import tables_of
    >>> t = tables_of(gk.read_dataset("data/sihui"))
    >>> r = roles(t, 4)
    >>> com = t.network.codes_of(["com-001"])[0].as_py()
    >>> [(m, ROLES[role]) for _, m, role in t.rows(r.filter(r.community == com),
    ...                                            "community", "member")][:3]
    [('org-0008', 'core'), ('org-0064', 'pan_core'), ('org-0115', 'external')]
    """
    core = t.memo("cores", lambda: cores(t))
    jur = t.memo("jurisdiction", lambda: jurisdiction(t))
    rows = t.memo("tie_rows", lambda: tie_rows(t))
    # both directions of every tie, not made distinct: the joins below keep few of them
    tie = ibis.union(rows.select(rows.a, rows.b), rows.select(a=rows.b, b=rows.a),
                     distinct=False)
    n = t.nodes
    jc = jur.join(core, jur.community == core.community).select(jur.community, jur.member,
                                                                core.core)
    tc = tie.join(core, tie.b == core.core).select(core.community, x=tie.a).distinct()
    tied_core = t.memo("tied_core", lambda: tc)
    cand = jc.join(n, jc.member == n.node).select(jc.community, jc.member, n.label, n.rating)
    cand = cand.filter((cand.label == LABEL[V.PARTY_ORG]) & (cand.rating >= threshold))
    cand = cand.select(cand.community, cand.member)
    tcv = tied_core.view()
    sub = t.memo(("sub_core", threshold), lambda: cand.semi_join(
        tcv, [cand.community == tcv.community, cand.member == tcv.x]))
    sv = sub.view()
    tied_sub = tie.join(sv, tie.b == sv.member).select(sv.community, x=tie.a)
    linked = ibis.union(tied_core.view(), tied_sub, distinct=True)
    rest = jc.select(jc.community, jc.member)
    sv2 = sub.view()
    rest = rest.anti_join(sv2, [rest.community == sv2.community, rest.member == sv2.member])
    lv = linked.view()
    pan = rest.semi_join(lv, [rest.community == lv.community, rest.member == lv.x])
    lv2 = linked.view()
    unlinked = rest.anti_join(lv2, [rest.community == lv2.community, rest.member == lv2.x])
    ext = tied_core.view()
    jv = jur.view()
    ext = ext.anti_join(jv, [ext.community == jv.community, ext.x == jv.member])
    ext = ext.join(core, ext.community == core.community).select(ext.community, ext.x,
                                                                 core.core)
    ext = ext.join(n, ext.x == n.node).select(ext.community, ext.x, ext.core, n.label)
    ext = ext.filter((ext.x != ext.core) & ext.label.isin([LABEL[V.PARTY_ORG], LABEL[V.UNIT]]))
    ext = ext.select(ext.community, ext.x, ext.core)
    up = t.rel(V.REPORTS_TO)
    ext = ext.anti_join(up, [ext.core == up.source, ext.x == up.target])
    return ibis.union(
        core.select(core.community, member=core.core, role=lit(_ROLE["core"])),
        sub.view().mutate(role=lit(_ROLE["sub_core"])),
        pan.mutate(role=lit(_ROLE["pan_core"])),
        unlinked.mutate(role=lit(_ROLE["unlinked"])),
        ext.select(ext.community, member=ext.x, role=lit(_ROLE["external"])),
        distinct=False,
    )
