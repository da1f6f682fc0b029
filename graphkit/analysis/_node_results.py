"""The audit's results per node, as graph files and the network explorer attach them to
nodes (:mod:`graphkit.convert`, :func:`graphkit.view`)."""

from __future__ import annotations

import math
from typing import Any

from .. import vocab as V
from ..network.dataset import Dataset
from ._places import places
from .coverage import unit_coverage
from .linkage import circle_roles, circles, tie_nodes

__all__ = ["node_results", "unit_of_org"]

_ROLE_RANK = {r: i for i, r in enumerate(V.ROLES)}


def node_results(ds: Dataset) -> dict[str, dict[str, Any]]:
    """The audit's results per node id: ``community``, ``community_name``, ``area``,
    ``area_name``, ``coverage_status`` (+ ``_zh``, units), ``circle_role`` (+ ``_zh``: a
    member's role in its own community, else ``external`` for a partner of other
    communities; a unit with its own organization takes that organization's role; a
    Community node is ``community``) and its community's ``linkage_rate``. A node gets only
    the keys that apply to it.

    Examples
    --------
    >>> import graphkit as gk
    >>> r = node_results(gk.read_dataset("data/sihui"))
    >>> r["org-0008"]["circle_role"], r["org-0008"]["community_name"]
    ('core', '沙田园社区')
    """
    p = places(ds)
    comm_names = p.communities["name"].to_dict()
    area_names = p.areas["name"].to_dict()
    comm_area = p.communities["area"].to_dict()
    out: dict[str, dict[str, Any]] = {}

    def put(node: str, **kw: Any) -> None:
        d = out.setdefault(node, {})
        for k, v in kw.items():
            if v is not None and not (isinstance(v, float) and math.isnan(v)):
                d.setdefault(k, v)

    circ = circles(ds).set_index("community")
    rate = circ["linkage_rate"].to_dict()
    for c in circ.index:
        put(c, community=c, community_name=comm_names.get(c), area=comm_area.get(c),
            linkage_rate=rate.get(c), circle_role="community")
    roles = circle_roles(ds)
    roles = roles.assign(_r=roles["role"].map(_ROLE_RANK)).sort_values(["_r", "community"])
    member_role = {}
    for m, c, r in zip(roles["member"], roles["community"], roles["role"], strict=True):
        if r != "external":
            member_role.setdefault(m, (r, c))
    for m, r in zip(roles["member"], roles["role"], strict=True):
        member_role.setdefault(m, (r, None))  # only an external partner of other communities
    ent = tie_nodes(ds)
    for n, c, a in zip(ent.index, ent["community"], ent["area"], strict=True):
        put(n, community=c, community_name=comm_names.get(c), area=a,
            linkage_rate=rate.get(c) if c else None)
    units = unit_coverage(ds)
    for u, c, a, st in zip(units["id"], units["community"], units["area"], units["status"],
                           strict=True):
        put(u, community=c, community_name=comm_names.get(c), area=a,
            linkage_rate=rate.get(c) if c else None, coverage_status=st,
            coverage_status_zh=V.STATUS_NAMES_ZH.get(st))
    e = ds.edges
    own = e[(e["type"] == V.BELONGS_TO)]
    org_of_unit = {}
    for s, t in zip(own["source"], own["target"], strict=True):
        org_of_unit.setdefault(t, s)
    for n, (r, _) in member_role.items():
        put(n, circle_role=r, circle_role_zh=V.ROLE_NAMES_ZH.get(r))
    for u in units["id"]:  # a unit with its own organization takes that organization's role
        org = org_of_unit.get(u)
        if org in member_role and u not in member_role:
            r = member_role[org][0]
            put(u, circle_role=r, circle_role_zh=V.ROLE_NAMES_ZH.get(r))
    part = e[e["type"] == V.PART_OF]
    for s, t in zip(part["source"], part["target"], strict=True):
        if t in comm_names:  # a compound of a community
            put(s, community=t, community_name=comm_names[t], area=comm_area.get(t))
    for d in out.values():
        a = d.get("area")
        if a is not None and a in area_names:
            d.setdefault("area_name", area_names[a])
        if d.get("circle_role") == "community":
            d["circle_role_zh"] = "社区"
    return out


def unit_of_org(ds: Dataset) -> dict[str, str]:
    """PartyOrg id -> the Unit it ``BELONGS_TO`` (the unit's own organization; SPEC 3: the
    organization represents its unit), the first such unit in edge order.

    Examples
    --------
    >>> import graphkit as gk
    >>> orgs = unit_of_org(gk.read_dataset("data/sihui"))
    >>> all(u.startswith("unit-") for u in orgs.values())
    True
    """
    e = ds.edges
    labels = ds.nodes.set_index("id")["label"]
    own = e[(e["type"] == V.BELONGS_TO) & (e["target"].map(labels) == V.UNIT)]
    out: dict[str, str] = {}
    for s, t in zip(own["source"], own["target"], strict=True):
        out.setdefault(s, t)
    return out
