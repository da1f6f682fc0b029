"""The gap-closing plan (SPEC section 6): the fewest branches, joint branches and instructors
that close every coverage gap, under the Party's rules for forming organizations.

The rules (Regulations on the Work of Branches of the CPC, 2018, arts. 4-5): a unit with 3
or more full members forms its own organization; units with fewer form a joint branch with
neighbouring units, covering generally no more than 5 units; a branch generally has no more
than 50 members; a unit with no member gets a Party-work instructor. Only units in scope
whose status is not ``own`` get an action, each at most one:

1. ``form_branch`` — ``members >= m``: a new ``committee`` (>= 100 members),
   ``general_branch`` (>= 50) or ``branch``;
2. ``join_joint`` / ``form_joint`` — the *small units* (``1 <= members < m``, status
   ``none`` or ``instructor``) of each community, placed optimally into the community's
   existing joint organizations (within ``max_joint_units`` units and
   ``max_branch_members`` members) and into new joint branches of
   ``2..max_joint_units`` units with ``m..max_branch_members`` members
   (:mod:`graphkit._placement` says how, and why it is optimal);
3. ``affiliate`` — a small unit left over is attached (挂靠) to its community's core;
4. ``assign_instructor`` — a unit with status ``none`` and no action above gets an
   instructor: existing instructors' spare capacity first (area-bound, then those serving
   any area, placed so that the fewest new instructors are needed), then
   ``ceil(remaining / k)`` new ones per area.

Examples
--------
>>> import graphkit as gk
>>> p = gk.plan(gk.read_dataset("data/sihui"))
>>> sorted(p.summary)[:3]
['affiliate', 'assign_instructor', 'form_branch']
>>> after = gk.audit(p.apply())
>>> after.overall["work"] == float(p.projected["rates"].loc["all", "work"])
True
>>> gk.plan(p.apply()).actions.empty
True
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .. import vocab as V
from ..network._frames import codes
from ..network._frames import plain as plain_frame
from ..network.dataset import Dataset
from ..settings import settings
from ._placement import Placement, Room, SmallUnit, place
from .coverage import coverage_rates, scope_kinds, unit_coverage

__all__ = ["ACTIONS", "PLAN_SCHEMA", "Plan", "plan", "rates_document", "scope_of",
           "unit_rates"]

#: Version of the JSON document of :meth:`Plan.to_dict` (SPEC section 6).
PLAN_SCHEMA = 1
#: The actions in the order of SPEC section 6 (also the order of actions in a community).
ACTIONS = ("form_branch", "join_joint", "form_joint", "affiliate", "assign_instructor")
#: Chinese names of the actions (reports).
ACTION_NAMES_ZH = {
    "form_branch": "单独组建", "join_joint": "纳入联合党组织", "form_joint": "新建联合党支部",
    "affiliate": "挂靠组建", "assign_instructor": "选派党建工作指导员",
}
#: What each action needs, beyond who proposes and who approves (reports).
ACTION_NEEDS_ZH = {
    "form_branch": "单位党员提出申请，召开党员大会选举支部委员会（书记），转入党员组织关系",
    "join_joint": "联合党组织与单位协商一致，转入党员组织关系，调整联合党组织班子",
    "form_joint": "各单位协商一致，联合召开党员大会选举支部委员会（书记），转入党员组织关系",
    "affiliate": "社区党组织与单位签订挂靠协议，转入党员组织关系",
    "assign_instructor": "选派党建工作指导员，指导建立工会、共青团、妇联等群团组织",
}
_ORG_PREFIX, _PERSON_PREFIX = "plan-org-", "plan-instructor-"
_STATUS_AFTER = {"form_branch": "own", "join_joint": "joint", "form_joint": "joint",
                 "affiliate": "affiliated", "assign_instructor": "instructor"}
#: The rate groups of the projected coverage (SPEC section 6 calls the overall one "rates").
_RATE_GROUPS = {("rates" if g == "overall" else g): by for g, by in V.RATE_GROUPS.items()}
_ACTION_COLUMNS = ["action", "units", "org", "org_kind", "org_name", "org_new", "instructor",
                   "instructor_new", "community", "area", "members", "reports_to",
                   "proposer", "approver", "message"]


def _num(x: Any) -> float | None:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    return float(x)


def _rate_dict(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(k): {"units": int(r.units), "own": _num(r.own),
                     "organization": _num(r.organization), "work": _num(r.work)}
            for k, r in zip(frame.index, frame.itertuples(index=False), strict=True)}


# --- the inputs, gathered through the public API --------------------------------------
@dataclass(frozen=True)
class _Inputs:
    """Everything the plan reads from a dataset, in plain tables.

    ``units``: every Unit (``id, name, kind, community, area, members, status`` of
    :func:`graphkit.unit_coverage` with scope ``all``) plus ``in_scope``; ``cores``:
    community -> core; ``joint``: the joint organizations (``id, name, kind, community,
    covered, covered_members``); ``instructors``: ``id, guided, area``; ``area_orgs``:
    area -> the smallest PartyOrg id that BELONGS_TO it; ``names`` / ``kinds``: display
    names and kinds of areas, communities and PartyOrgs; ``next_org`` /
    ``next_instructor``: the first free number of the plan's ids.
    """

    units: pd.DataFrame
    cores: dict[str, str]
    joint: pd.DataFrame
    instructors: pd.DataFrame
    area_orgs: dict[str, str]
    names: dict[str, str]
    kinds: dict[str, str]
    next_org: int
    next_instructor: int


def _next_number(ids: list[str], prefix: str) -> int:
    """One more than the largest N of the ids ``<prefix>N`` (N in ASCII digits), else 1."""
    got = [int(x[len(prefix):]) for x in ids
           if x.startswith(prefix) and x[len(prefix):].isascii() and x[len(prefix):].isdigit()]
    return max(got) + 1 if got else 1


def _smallest(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """The smallest `value` (string order) per `key`, as a Series indexed by key."""
    first = frame[[key, value]].astype(object).sort_values([key, value]).drop_duplicates(key)
    return pd.Series(first[value].to_numpy(), index=first[key].to_numpy(), dtype=object)


def _cores(at_community: pd.DataFrame, orgs: pd.DataFrame) -> dict[str, str]:
    """Each community's core (SPEC 3, as :func:`graphkit.circles` gives it): the PartyOrg
    that BELONGS_TO it, the highest kind first, then the smallest id. Computed here from the
    BELONGS_TO edges because :func:`graphkit.circles` computes every circle as well."""
    rank = dict(zip(orgs["id"], orgs["kind"].map(V.ORG_KIND_RANK), strict=True))
    best: dict[str, tuple[int, str]] = {}
    for org, comm in zip(at_community["source"].tolist(), at_community["target"].tolist(),
                         strict=True):
        key = (-rank[org], org)
        if comm not in best or key < best[comm]:
            best[comm] = key
    return {c: k[1] for c, k in best.items()}


def _gather(ds: Dataset, scope: str | Collection[str], units: pd.DataFrame | None = None,
            circ: pd.DataFrame | None = None, engine: Any = None) -> _Inputs:
    """Read the plan's inputs from `ds` (coverage, cores, joint organizations, instructors,
    areas) through the public API: :func:`unit_coverage` (or the `units` given), the cores
    of :func:`circles` (when `circ` is given; else by the same rule from the edges) and the
    dataset's ``nodes`` / ``edges`` tables. The one place that touches the dataset."""
    kinds_in_scope = scope_kinds(scope)
    if units is None:
        units = unit_coverage(ds, scope="all", engine=engine)
    units = units.assign(in_scope=units["kind"].isin(kinds_in_scope).to_numpy())
    nodes, edges = ds.nodes, ds.edges
    label = nodes["label"].astype(object)
    etype = edges["type"].astype(object)

    def of_type(t: str) -> pd.DataFrame:
        return edges.loc[etype == t, ["source", "target"]].astype(object)

    comm_ids = nodes.loc[label == V.COMMUNITY, "id"]
    area_ids = nodes.loc[label == V.AREA, "id"]
    orgs = nodes[label == V.PARTY_ORG]
    belongs = of_type(V.BELONGS_TO)
    if circ is not None:
        cored = circ[circ["core"].notna()]
        cores = dict(zip(cored["community"], cored["core"], strict=True))
    else:
        cores = _cores(belongs[belongs["target"].isin(comm_ids)], orgs)
    # joint organizations and their community (SPEC 6, item 2)
    joint = orgs.loc[orgs["joint"].astype(bool), ["id", "name", "kind"]]
    home = belongs[belongs["source"].isin(joint["id"]) & belongs["target"].isin(comm_ids)]
    home = _smallest(home, "source", "target")
    covers = of_type(V.COVERS)
    covers = covers[covers["source"].isin(joint["id"])].drop_duplicates()
    u_idx = units.set_index("id")
    covers = covers.assign(community=covers["target"].map(u_idx["community"]),
                           members=covers["target"].map(u_idx["members"]))
    by_cover = covers.groupby("source").agg(
        covered=("target", "size"), covered_members=("members", "sum"))
    cover_comm = _smallest(covers.dropna(subset=["community"]), "source", "community")
    home_of, cover_of = home.to_dict(), cover_comm.to_dict()
    n_cov, m_cov = by_cover["covered"].to_dict(), by_cover["covered_members"].to_dict()
    ids = joint["id"].tolist()
    joint = pd.DataFrame({
        "id": pd.Series(ids, dtype=object), "name": joint["name"].to_numpy(dtype=object),
        "kind": joint["kind"].to_numpy(dtype=object),
        "community": pd.Series([home_of.get(o, cover_of.get(o)) for o in ids], dtype=object),
        "covered": pd.Series([int(n_cov.get(o, 0)) for o in ids], dtype="int64"),
        "covered_members": pd.Series([int(m_cov.get(o, 0)) for o in ids], dtype="int64"),
    }).sort_values("id", ignore_index=True)
    # instructors: what they guide and the area they serve
    people = nodes.loc[(label == V.PERSON) & (nodes["kind"] == "instructor"), "id"]
    guides = of_type(V.GUIDES)
    guides = guides[guides["source"].isin(people)].drop_duplicates()
    guides = guides.assign(area=guides["target"].map(u_idx["area"]))
    guided = guides.groupby("source").size()
    served = _smallest(guides.dropna(subset=["area"]), "source", "area")
    guided_of, served_of = guided.to_dict(), served.to_dict()
    pids = people.tolist()
    instructors = pd.DataFrame({
        "id": pd.Series(pids, dtype=object),
        "guided": pd.Series([int(guided_of.get(i, 0)) for i in pids], dtype="int64"),
        "area": pd.Series([served_of.get(i) for i in pids], dtype=object),
    }).sort_values("id", ignore_index=True)
    # the PartyOrg of each area (new organizations without a core report to it)
    at_area = belongs[belongs["target"].isin(area_ids)]
    area_orgs = _smallest(at_area, "target", "source").to_dict()
    # names and kinds of the places and of the organizations a report names
    named = [*cores.values(), *area_orgs.values(), *joint["id"]]
    shown = nodes[label.isin([V.AREA, V.COMMUNITY]) | nodes["id"].isin(named)]
    planned = [x for x in nodes["id"].tolist() if x.startswith("plan-")]
    return _Inputs(
        units=units, cores=cores, joint=joint, instructors=instructors, area_orgs=area_orgs,
        names=dict(zip(shown["id"], shown["name"], strict=True)),
        kinds=dict(zip(shown["id"], shown["kind"], strict=True)),
        next_org=_next_number(planned, _ORG_PREFIX),
        next_instructor=_next_number(planned, _PERSON_PREFIX),
    )


# --- the plan -------------------------------------------------------------------------
def _org_kind(members: int) -> str:
    return "committee" if members >= 100 else "general_branch" if members >= 50 else "branch"


def _missing_last(x: Any) -> tuple[int, str]:
    return (1, "") if x is None else (0, str(x))


def _assign_instructors(needing: pd.DataFrame, instructors: pd.DataFrame, k: int
                        ) -> tuple[list[str | None], list[int | None]]:
    """Per unit of `needing` (in plan order): the existing instructor that takes it, or
    ``None`` and the number of the new instructor (a running number in plan order).

    Existing capacity first: area-bound instructors take units of their own area; then the
    instructors serving any area take ``x_g`` units of each area group ``g`` (units without
    an area are one more group) so that ``sum_g ceil((r_g - x_g) / k)`` is least: a group's
    first saving costs its remainder ``r_g mod k``, each further one ``k`` units, so the
    cheapest savings are taken first (optimal for unit-value items); then what capacity is
    left. The rest go to new instructors, ``k`` at a time, per group.
    """
    n = len(needing)
    existing: list[str | None] = [None] * n
    groups: dict[Any, list[int]] = {}
    for i, a in enumerate(needing["area"].tolist()):
        groups.setdefault(a, []).append(i)
    order = sorted(groups, key=_missing_last)
    bound: dict[Any, list[list[Any]]] = {}
    pool: list[list[Any]] = []
    for iid, guided, area in zip(instructors["id"].tolist(), instructors["guided"].tolist(),
                                 instructors["area"].tolist(), strict=True):
        if guided < k:
            (pool if area is None else bound.setdefault(area, [])).append([iid, k - guided])
    rest: dict[Any, list[int]] = {}
    for a in order:
        queue = groups[a]
        pos = 0
        for iid, cap in bound.get(a, []) if a is not None else []:
            got = min(cap, len(queue) - pos)
            for i in queue[pos:pos + got]:
                existing[i] = iid
            pos += got
        rest[a] = queue[pos:]
    budget = sum(c for _, c in pool)
    take = dict.fromkeys(order, 0)
    left = {a: len(rest[a]) for a in order}
    for a in sorted((a for a in order if left[a] % k),
                    key=lambda a: (left[a] % k, _missing_last(a))):
        if left[a] % k <= budget:
            budget -= left[a] % k
            take[a] += left[a] % k
            left[a] -= left[a] % k
    for a in order:
        blocks = min(left[a] // k, budget // k)
        take[a] += blocks * k
        left[a] -= blocks * k
        budget -= blocks * k
    for a in order:
        extra = min(left[a], budget)
        take[a] += extra
        left[a] -= extra
        budget -= extra
    p = 0
    for a in order:
        for i in rest[a][:take[a]]:
            while pool[p][1] == 0:
                p += 1
            existing[i] = pool[p][0]
            pool[p][1] -= 1
        rest[a] = rest[a][take[a]:]
    new: list[int | None] = [None] * n
    chunks = 0
    for a in order:
        for j, i in enumerate(rest[a]):
            new[i] = chunks + j // k
        chunks += -(-len(rest[a]) // k)
    return existing, new


def _approver(area: str | None, inp: _Inputs) -> str:
    if area is None:
        return "上级党组织"
    org = inp.area_orgs.get(area)
    if org is not None:
        return inp.names.get(org, org)
    name = inp.names.get(area, area)
    return name + ("党工委" if inp.kinds.get(area) == "street" else "党委")


def _compute(inp: _Inputs, conf: dict[str, int]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The actions (in plan order, ids assigned) and the projected status of each unit that
    gets one."""
    m, J = conf["min_branch_members"], conf["max_joint_units"]
    B, k = conf["max_branch_members"], conf["instructor_capacity"]
    units = inp.units
    todo = units[units["in_scope"] & (units["status"] != "own")]
    members_ = todo["members"].to_numpy()
    status_ = todo["status"].to_numpy(dtype=object)
    acted = (members_ >= 1) | (status_ == "none")
    todo = todo[acted]
    cols = [todo[c].tolist() for c in ("id", "name", "community", "area", "members",
                                       "status")]
    rows: list[dict[str, Any]] = []
    small: dict[Any, list[SmallUnit]] = {}
    info: dict[str, tuple[str, Any, Any, int, str]] = {}
    needing: list[str] = []
    for uid, name, comm, area, members, status in zip(*cols, strict=True):
        info[uid] = (name, comm, area, members, status)
        if members >= m:
            rows.append({"action": "form_branch", "units": [uid], "org_kind": _org_kind(members),
                         "org_new": True, "community": comm, "area": area,
                         "members": members})
        elif members >= 1 and status in ("none", "instructor"):
            small.setdefault(comm, []).append(SmallUnit(uid, members, status))
        elif status == "none":
            needing.append(uid)
    joint = inp.joint[inp.joint["community"].notna()]
    rooms: dict[str, list[Room]] = {}
    joint_name = dict(zip(inp.joint["id"], inp.joint["name"], strict=True))
    joint_kind = dict(zip(inp.joint["id"], inp.joint["kind"], strict=True))
    for oid, comm, covered, cmembers in joint[["id", "community", "covered",
                                               "covered_members"]].itertuples(index=False):
        rooms.setdefault(comm, []).append(Room(oid, J - int(covered), B - int(cmembers)))
    for comm, group in small.items():
        if comm is None:
            placement = Placement({}, [], sorted(u.id for u in group))
        else:
            placement = place(group, rooms.get(comm, []), m=m, max_units=J, max_members=B)
        for oid, got in placement.joins.items():
            for uid in got:
                rows.append({"action": "join_joint", "units": [uid], "org": oid,
                             "org_kind": joint_kind[oid], "org_name": joint_name[oid],
                             "org_new": False, "community": comm, "area": info[uid][2],
                             "members": info[uid][3]})
        for g in placement.groups:
            rows.append({"action": "form_joint", "units": g, "org_kind": "branch",
                         "org_new": True, "community": comm, "area": info[g[0]][2],
                         "members": sum(info[u][3] for u in g)})
        core = inp.cores.get(comm) if comm is not None else None
        for uid in placement.left:
            if core is not None:
                rows.append({"action": "affiliate", "units": [uid], "org": core,
                             "org_kind": inp.kinds.get(core), "org_name": inp.names.get(core),
                             "org_new": False, "community": comm, "area": info[uid][2],
                             "members": info[uid][3]})
            elif info[uid][4] == "none":
                needing.append(uid)
    needing.sort(key=lambda u: (info[u][1] is None, info[u][1] or "", u))
    need = pd.DataFrame({"id": needing, "area": [info[u][2] for u in needing]},
                        columns=["id", "area"])
    existing, new = _assign_instructors(need, inp.instructors, k)
    for uid, iid, chunk in zip(needing, existing, new, strict=True):
        rows.append({"action": "assign_instructor", "units": [uid], "instructor": iid,
                     "instructor_new": iid is None, "_chunk": chunk, "community": info[uid][1],
                     "area": info[uid][2], "members": info[uid][3]})
    rank = {a: i for i, a in enumerate(ACTIONS)}
    rows.sort(key=lambda r: (r["area"] is None, r["area"] or "", r["community"] is None,
                             r["community"] or "", rank[r["action"]], min(r["units"])))
    _number(rows, inp)
    for r in rows:
        _describe(r, inp, info)
    actions = pd.DataFrame({
        c: pd.Series([r.get(c, False) for r in rows], dtype=bool)
        if c in ("org_new", "instructor_new")
        else pd.Series([r["members"] for r in rows], dtype="int64") if c == "members"
        else pd.Series([r.get(c) for r in rows], dtype=object)
        for c in _ACTION_COLUMNS})
    actions["action"] = codes(actions["action"], ACTIONS)
    actions["org_kind"] = codes(actions["org_kind"], V.KINDS[V.PARTY_ORG] or ())
    changed = {u: _STATUS_AFTER[r["action"]] for r in rows for u in r["units"]}
    return actions, changed


def _number(rows: list[dict[str, Any]], inp: _Inputs) -> None:
    """New ids in plan order, and each new organization's parent."""
    next_org, next_person = inp.next_org, inp.next_instructor
    person_of: dict[int, str] = {}
    joint_seq: dict[Any, int] = {}
    for r in rows:
        if r["action"] in ("form_branch", "form_joint"):
            r["org"] = f"{_ORG_PREFIX}{next_org:04d}"
            next_org += 1
            comm = r["community"]
            core = inp.cores.get(comm) if comm is not None else None
            r["reports_to"] = core if core is not None else (
                inp.area_orgs.get(r["area"]) if r["area"] is not None else None)
            if r["action"] == "form_joint":
                joint_seq[comm] = joint_seq.get(comm, 0) + 1
                r["_seq"] = joint_seq[comm]
        elif r["action"] == "assign_instructor" and r["instructor"] is None:
            chunk = r.pop("_chunk")
            if chunk not in person_of:
                person_of[chunk] = f"{_PERSON_PREFIX}{next_person:04d}"
                next_person += 1
            r["instructor"] = person_of[chunk]
        r.pop("_chunk", None)


def _describe(r: dict[str, Any], inp: _Inputs, info: dict[str, tuple]) -> None:
    """Chinese name of a new organization, who proposes, who approves, the message."""
    names = inp.names
    uid = r["units"][0]
    uname, comm = info[uid][0], r["community"]
    comm_name = names.get(comm, comm) if comm is not None else None
    core = inp.cores.get(comm) if comm is not None else None
    core_name = names.get(core, core) if core is not None else None
    r["approver"] = _approver(r["area"], inp)
    kind_zh = V.KIND_NAMES_ZH.get(r.get("org_kind") or "", "")
    parent = r.get("reports_to")
    parent_txt = f"，隶属{names.get(parent, parent)}" if parent else ""
    act = r["action"]
    if act == "form_branch":
        r["org_name"] = f"{uname}{kind_zh}"
        r["proposer"] = f"{uname}党员"
        r["message"] = (f"{uname}有党员 {r['members']} 名，应单独组建{kind_zh}"
                        f"（新建 {r['org']}）{parent_txt}")
    elif act == "join_joint":
        r["proposer"] = r["org_name"]
        r["message"] = (f"{uname}（党员 {r['members']} 名）纳入{r['org_name']}（{r['org']}）"
                        "联合组建")
    elif act == "form_joint":
        r["org_name"] = f"{comm_name}第{r.pop('_seq')}联合党支部"
        r["proposer"] = core_name or f"{comm_name}居委会"
        listed = "、".join(info[u][0] for u in r["units"])
        r["message"] = (f"{listed}共 {len(r['units'])} 个单位、党员 {r['members']} 名，"
                        f"联合组建{r['org_name']}（新建 {r['org']}）{parent_txt}")
    elif act == "affiliate":
        r["proposer"] = r["org_name"]
        r["message"] = (f"{uname}（党员 {r['members']} 名）挂靠{r['org_name']}（{r['org']}）"
                        "组建")
    else:
        r["proposer"] = core_name or r["approver"]
        who = "新增" if r["instructor_new"] else "现有"
        has = f"有党员 {r['members']} 名" if r["members"] else "没有党员"
        r["message"] = (f"{uname}{has}，选派{who}党建工作指导员（{r['instructor']}）"
                        "开展党的工作")


@dataclass(frozen=True, eq=False)
class Plan:
    """A gap-closing plan (SPEC section 6). DataFrames are the researcher's view;
    :meth:`to_dict` is the JSON document (``"schema": 1``); :meth:`apply` carries it out.

    Attributes
    ----------
    actions : DataFrame
        One row per action in plan order (area, community — missing ones last —, action in
        the order of :data:`ACTIONS`, smallest unit id): ``action``, ``units`` (list of
        ids; several for ``form_joint``), ``org`` (joined, formed or hosting), ``org_kind``,
        ``org_name``, ``org_new``, ``instructor``, ``instructor_new``, ``community``,
        ``area``, ``members`` (of the units), ``reports_to`` (a new organization's parent),
        ``proposer``, ``approver`` and ``message`` (Chinese).
    summary : dict
        Units per action, and ``new_joint_branches`` / ``new_instructors`` created.
    current, projected : dict of DataFrame
        Coverage rates (:func:`graphkit.coverage_rates`) now and after every action, keyed
        ``rates``, ``by_kind``, ``two_new``, ``by_community``, ``by_area``.
    units : DataFrame
        The units in scope with their ``status`` and ``projected`` status.
    settings : dict
        The parameters used (and ``scope``).
    names : dict
        Display names of areas, communities and PartyOrgs.
    network : Dataset
        The planned dataset.
    cores : dict
        Community id -> its core (SPEC section 3), for the communities that have one.
    committees : dict
        Area id -> the Party committee that approves the actions there (the PartyOrg that
        ``BELONGS_TO`` the area, else the street's 党工委 / the town's 党委), by name.
    restriction : dict
        The place the actions were narrowed to (:func:`graphkit.narrow`: ``area``,
        ``area_name``, ``community``, ``community_name``; empty for the whole plan).
    """

    actions: pd.DataFrame
    summary: dict[str, int]
    projected: dict[str, pd.DataFrame]
    units: pd.DataFrame
    settings: dict[str, Any]
    names: dict[str, str] = field(default_factory=dict)
    network: Dataset | None = field(default=None, repr=False)
    cores: dict[str, str] = field(default_factory=dict, repr=False)
    committees: dict[str, str] = field(default_factory=dict, repr=False)
    restriction: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Plan(actions={len(self.actions)}, summary={self.summary})"

    @cached_property
    def current(self) -> dict[str, pd.DataFrame]:
        """Coverage rates now, keyed like :attr:`projected` (computed on first use)."""
        return unit_rates(self.units)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of SPEC section 6 (``"schema": 1``), plain Python types."""
        keys = ("action", "units", "org", "org_kind", "instructor", "community", "area",
                "message")
        plain = plain_frame(self.actions[list(keys)])  # None, not NaN, for a missing code
        cols = [plain[c].tolist() for c in keys]
        actions = [dict(zip(keys, row, strict=True)) for row in zip(*cols, strict=True)]
        for a in actions:
            a["units"] = list(a["units"])
        cur = _rate_dict(self.current["rates"])["all"]
        ds = self.network
        return {
            "schema": PLAN_SCHEMA,
            "dataset": {"name": ds.name if ds is not None else None,
                        "snapshot": ds.snapshot if ds is not None else None},
            "settings": dict(self.settings),
            "summary": dict(self.summary),
            "actions": actions,
            "current": {k: cur[k] for k in V.RATES},
            "projected": rates_document(self.projected),
        }

    def apply(self) -> Dataset:
        """A new validated dataset with the plan carried out (SPEC section 6): auditing it
        gives :attr:`projected`; nothing of the original is removed or changed.

        Examples
        --------
        >>> import graphkit as gk
        >>> ds = gk.read_dataset("data/sihui")
        >>> after = gk.plan(ds).apply()
        >>> len(after.nodes) > len(ds.nodes), len(after.edges) > len(ds.edges)
        (True, True)
        """
        ds = self.network
        if ds is None:
            raise ValueError("this plan has no dataset to apply it to")
        new_nodes: list[dict[str, Any]] = []
        new_edges: list[dict[str, Any]] = []
        made: set[str] = set()
        area_names = self.names
        for r in self.actions.itertuples(index=False):
            if r.action in ("form_branch", "form_joint"):
                new_nodes.append({"id": r.org, "label": V.PARTY_ORG, "name": r.org_name,
                                  "kind": r.org_kind, "members": int(r.members), "rating": 0,
                                  "joint": r.action == "form_joint"})
                if r.action == "form_branch":
                    new_edges.append({"source": r.org, "target": r.units[0],
                                      "type": V.BELONGS_TO})
                else:
                    new_edges += [{"source": r.org, "target": u, "type": V.COVERS,
                                   "mode": "joint"} for u in r.units]
                if r.reports_to is not None:
                    new_edges.append({"source": r.org, "target": r.reports_to,
                                      "type": V.REPORTS_TO})
            elif r.action in ("join_joint", "affiliate"):
                new_edges.append({"source": r.org, "target": r.units[0], "type": V.COVERS,
                                  "mode": "joint" if r.action == "join_joint" else "affiliated"})
            else:
                if r.instructor_new and r.instructor not in made:
                    made.add(r.instructor)
                    where = area_names.get(r.area, r.area) if r.area else "未归属街道"
                    new_nodes.append({"id": r.instructor, "label": V.PERSON,
                                      "name": f"新增党建工作指导员（{where}）",
                                      "kind": "instructor"})
                new_edges.append({"source": r.instructor, "target": r.units[0],
                                  "type": V.GUIDES})
        nodes = pd.concat([ds.nodes, _frame(new_nodes, ds.nodes.columns)], ignore_index=True)
        edges = pd.concat([ds.edges, _frame(new_edges, ds.edges.columns)], ignore_index=True)
        description = "按 graphkit 整改计划（SPEC 第 6 节）实施后的网络。"
        if ds.description:
            description = f"{ds.description}（{description}）"
        return Dataset.from_frames(nodes, edges, name=f"{ds.name}（整改后）",
                                   snapshot=ds.snapshot, description=description)


def _frame(rows: list[dict[str, Any]], columns: pd.Index) -> pd.DataFrame:
    """`rows` as a frame with `columns` (blank text for the standard text columns)."""
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
    for c in ("kind", "mode", "since"):
        if c in frame.columns:
            frame[c] = frame[c].fillna("")
    return frame


def unit_rates(units: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The coverage rates of `units` (a ``status`` and ``kind``, ``community``, ``area``
    columns) in every group of SPEC section 2, keyed like :attr:`Plan.projected`
    (``rates``, ``by_kind``, ``two_new``, ``by_community``, ``by_area``).

    Examples
    --------
    >>> u = pd.DataFrame({"kind": ["soe", "market"], "community": ["c1", None],
    ...                   "area": ["a1", None], "status": ["own", "none"]})
    >>> unit_rates(u)["by_area"]["work"].tolist()
    [1.0]
    """
    return {name: coverage_rates(units, by=by) for name, by in _RATE_GROUPS.items()}


def rates_document(frames: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Rate tables keyed like :attr:`Plan.projected` in the shape of the ``projected`` block of
    SPEC section 6: ``rates`` (the three rates over all units in scope), ``by_kind``,
    ``two_new`` (with its ``units``), ``by_community``, ``by_area``.

    Examples
    --------
    >>> u = pd.DataFrame({"kind": ["soe", "market"], "community": ["c1", "c1"],
    ...                   "area": ["a1", "a1"], "status": ["own", "none"]})
    >>> doc = rates_document(unit_rates(u))
    >>> doc["rates"]
    {'own': 0.5, 'organization': 0.5, 'work': 0.5}
    >>> doc["two_new"]
    {'units': 1, 'own': 0.0, 'organization': 0.0, 'work': 0.0}
    """
    rates = _rate_dict(frames["rates"])["all"]
    return {"rates": {k: rates[k] for k in V.RATES},
            "by_kind": _rate_dict(frames["by_kind"]),
            "two_new": _rate_dict(frames["two_new"])["two_new"],
            "by_community": _rate_dict(frames["by_community"]),
            "by_area": _rate_dict(frames["by_area"])}


def scope_of(name: str) -> str | frozenset[str]:
    """The scope of a plan's ``settings["scope"]`` (``all``, ``two_new`` or unit kinds joined
    by commas) as :func:`plan` and :func:`graphkit.unit_coverage` take it.

    Examples
    --------
    >>> scope_of("two_new"), sorted(scope_of("market,soe"))
    ('two_new', ['market', 'soe'])
    """
    if name in ("all", "two_new"):
        return name
    return frozenset(k.strip() for k in str(name).split(",") if k.strip())


def plan(
    network: Any, *, scope: str | Collection[str] = "all", min_branch_members: int | None = None,
    max_joint_units: int | None = None, max_branch_members: int | None = None,
    instructor_capacity: int | None = None, units: pd.DataFrame | None = None,
    circles: pd.DataFrame | None = None, engine: Any = None,
) -> Plan:
    """The gap-closing plan of a network (SPEC section 6).

    Parameters
    ----------
    network : Dataset or networkx.MultiDiGraph
        A graph is validated into a :class:`Dataset` first (:meth:`Dataset.from_networkx`).
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
        The units that get actions, and the denominator of the rates (SPEC section 2).
    min_branch_members, max_joint_units, max_branch_members, instructor_capacity : int
        Override :data:`graphkit.settings` for this call (defaults 3, 5, 50, 3).
    units, circles : pandas.DataFrame, optional
        Computed elsewhere for the same network (e.g. by :func:`graphkit.audit` with scope
        ``all``): :func:`graphkit.unit_coverage` of **every** unit (scope ``all``: the caps
        of a joint organization count every unit it covers) and :func:`graphkit.circles`.
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the coverage rules run (default DuckDB); every engine gives the same plan.

    Returns
    -------
    Plan

    Raises
    ------
    ValidationError
        When a graph `network` is not a valid dataset.
    UsageError
        For an unknown scope.

    Notes
    -----
    The placement of small units is exact (the most units placed, then the fewest new
    joint branches, then the most units joining existing organizations, then the
    tie-break of SPEC 6 item 2); see :mod:`graphkit._placement` for the formulation, the
    method and the references.

    Examples
    --------
    >>> import graphkit as gk
    >>> p = gk.plan(gk.read_dataset("data/sihui"), instructor_capacity=5)
    >>> p.settings["instructor_capacity"]
    5
    >>> set(p.actions["action"]) <= set(gk.planning.ACTIONS)
    True
    """
    resolved = settings.resolve(
        min_branch_members=min_branch_members, max_joint_units=max_joint_units,
        max_branch_members=max_branch_members, instructor_capacity=instructor_capacity)
    conf = {k: resolved[k] for k in ("min_branch_members", "max_joint_units",
                                     "max_branch_members", "instructor_capacity")}
    kinds = scope_kinds(scope)
    scope_name = scope if isinstance(scope, str) else ",".join(sorted(kinds))
    if isinstance(network, nx.Graph):
        ds = Dataset.from_networkx(network)
    elif isinstance(network, Dataset):
        ds = network
    else:
        raise TypeError(f"plan() needs a Dataset or a networkx graph, got {type(network)!r}")
    inp = _gather(ds, scope, units, circles, engine)
    actions, changed = _compute(inp, conf)
    in_scope = inp.units[inp.units["in_scope"]].drop(columns="in_scope")
    in_scope = in_scope.reset_index(drop=True)
    projected = in_scope["status"].to_numpy(dtype=object).copy()
    if changed:
        projected[pd.Index(in_scope["id"]).get_indexer(list(changed))] = list(changed.values())
    in_scope["projected"] = projected
    counts = actions["action"].value_counts()
    units_per = {a: int(np.sum([len(u) for u in actions.loc[actions["action"] == a, "units"]]))
                 for a in ACTIONS}
    summary = {
        "form_branch": units_per["form_branch"], "join_joint": units_per["join_joint"],
        "form_joint": units_per["form_joint"],
        "new_joint_branches": int(counts.get("form_joint", 0)),
        "affiliate": units_per["affiliate"], "assign_instructor": units_per["assign_instructor"],
        "new_instructors": int(actions.loc[actions["instructor_new"], "instructor"].nunique()),
    }
    projected_units = in_scope.assign(status=in_scope["projected"])
    areas = ds.nodes.loc[ds.nodes["label"] == V.AREA, "id"].tolist()
    return Plan(
        actions=actions, summary=summary, projected=unit_rates(projected_units),
        units=in_scope,
        settings={**conf, "scope": scope_name}, names=dict(inp.names), network=ds,
        cores=dict(inp.cores), committees={a: _approver(a, inp) for a in areas},
    )

