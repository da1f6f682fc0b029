"""Actionable gaps (SPEC section 4), each with a plain Chinese message and a suggested action.

========================== ===============================================================
code                       when
========================== ===============================================================
uncovered                  a unit in scope with status ``none``
should_form_branch         a unit with ``members >= min_branch_members`` not ``own``
joint_candidate            per community: units with status ``none``/``instructor`` and
                           fewer than ``min_branch_members`` members that together have
                           at least ``min_branch_members`` (``units`` lists them)
community_without_core     a community with no core
compound_without_branch    a compound with no PartyOrg belonging to it
no_service_center          a community no ServiceCenter serves (nor one of its compounds)
no_stationed_team          a community with no Team of kind ``stationed`` stationed at it
unlinked                   a jurisdiction member in neither circle (``community`` given)
orphan_org                 a branch or general branch with no ``REPORTS_TO``
========================== ===============================================================

Examples
--------
>>> import graphkit as gk
>>> G = gk.read_dataset("data/sihui").to_networkx()            # doctest: +SKIP
>>> gk.findings(G)["code"].value_counts()                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd

from . import vocab as V
from ._tables import Net, as_net
from .coverage import unit_coverage
from .linkage import circles as _circles
from .settings import settings

__all__ = ["FINDING_CODES", "FINDING_TITLES_ZH", "findings"]

#: Finding codes in report order.
FINDING_CODES = (
    "uncovered", "should_form_branch", "joint_candidate", "community_without_core",
    "compound_without_branch", "no_service_center", "no_stationed_team", "unlinked",
    "orphan_org",
)
FINDING_TITLES_ZH = {
    "uncovered": "未覆盖单位",
    "should_form_branch": "应单独建立党组织的单位",
    "joint_candidate": "可组建联合党支部",
    "community_without_core": "缺少社区党组织（无核心）",
    "compound_without_branch": "未建立小区党支部",
    "no_service_center": "无党群服务中心",
    "no_stationed_team": "无驻点团队",
    "unlinked": "未纳入党建融合圈",
    "orphan_org": "无上级党组织",
}
_COLUMNS = ["code", "subject", "name", "message", "action", "community", "area", "units"]


def _kind_zh(kind: str) -> str:
    return V.KIND_NAMES_ZH.get(kind, kind)


def _unit_findings(units: pd.DataFrame, k: int, comm_names: dict[str, str]
                   ) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cols = ["id", "name", "kind", "members", "community", "area"]
    none = units[units["status"] == "none"]
    for uid, name, kind, members, community, area in zip(
            *(none[c].tolist() for c in cols), strict=True):
        if members >= k:
            action = f"党员{members}名，符合单独组建条件，应单独建立党组织"
        elif members > 0:
            action = "党员不足3名，可与邻近单位组建联合党组织或挂靠组建".replace("3", str(k))
        else:
            action = "暂无党员，选派党建工作指导员，组建工青妇等群团组织开展党的工作"
        rows.append({
            "code": "uncovered", "subject": uid, "name": name,
            "message": f"{name}（{_kind_zh(kind)}，党员{members}名）"
                       "尚未实现党的组织覆盖和工作覆盖",
            "action": action, "community": community, "area": area,
        })
    should = units[(units["members"] >= k) & (units["status"] != "own")]
    for uid, name, members, status, community, area in zip(
            *(should[c].tolist() for c in ("id", "name", "members", "status", "community",
                                           "area")), strict=True):
        rows.append({
            "code": "should_form_branch", "subject": uid, "name": name,
            "message": f"{name}有党员{members}名（不少于{k}名），但尚未单独建立党组织"
                       f"（当前：{V.STATUS_NAMES_ZH[status]}）",
            "action": "按照党章规定，单独建立党的基层组织",
            "community": community, "area": area,
        })
    pool = units[units["status"].isin(["none", "instructor"]) & (units["members"] < k)
                 & units["community"].notna()]
    totals = pool.groupby("community", sort=True)["members"].sum()
    pool = pool[pool["community"].isin(totals.index[totals >= k])]
    # one sort, then each community's run of units (ids are unique among units)
    pool = pool.sort_values(["community", "id"])
    comm = pool["community"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, comm[1:] != comm[:-1]]).tolist() if len(comm) else []
    stops = [*starts[1:], len(comm)] if starts else []
    ids, names, areas = pool["id"].tolist(), pool["name"].tolist(), pool["area"].tolist()
    total_of = totals.to_dict()
    for start, stop in zip(starts, stops, strict=True):
        community = comm[start]
        total = int(total_of[community])
        cname = comm_names.get(community, community)
        rows.append({
            "code": "joint_candidate", "subject": community, "name": cname,
            "message": f"{cname}有{stop - start}个未建党组织的单位"
                       f"（{'、'.join(names[start:stop])}）"
                       f"共有党员{total}名，可组建联合党支部",
            "action": "以同驻共建方式成立联合党支部，覆盖上述单位",
            "community": community, "area": areas[start], "units": ids[start:stop],
        })
    return rows


def _names(nodes: pd.DataFrame, ids: list[str]) -> dict[str, str]:
    """Display names of `ids` (nodes indexed by id), looked up in one go."""
    return dict(zip(ids, nodes["name"].reindex(ids).tolist(), strict=True))


def _network_findings(net: Net, circ: pd.DataFrame) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    nodes = net.node_index
    circ_names = dict(zip(circ["community"], circ["name"], strict=True))
    area_of = net.community_area.to_dict()
    comms = circ[["community", "name"]]

    def community_row(code: str, c: str, msg: str, action: str) -> dict[str, Any]:
        return {"code": code, "subject": c, "name": circ_names.get(c, c), "message": msg,
                "action": action, "community": c, "area": area_of.get(c)}

    for c, cname in circ.loc[circ["status"] == "no_core", ["community", "name"]].itertuples(
            index=False):
        rows.append(community_row(
            "community_without_core", c, f"{cname}没有社区党组织（一核缺失）",
            "建立社区党组织（党委、党总支或党支部）作为社区党建核心"))

    compounds = net.ids(V.COMPOUND).drop_duplicates()
    compound_comm = net.compound_community.to_dict()
    with_branch = set(net.of_type(V.BELONGS_TO, V.PARTY_ORG, V.COMPOUND)["target"])
    bare = sorted(compounds[~compounds.isin(with_branch)])
    names = _names(nodes, bare)
    for cp in bare:
        comm = compound_comm.get(cp)
        rows.append({
            "code": "compound_without_branch", "subject": cp, "name": names.get(cp, cp),
            "message": f"居民小区{names.get(cp, cp)}尚未建立小区党支部",
            "action": "建立小区党支部，牵头业委会、物业公司召开联席会议",
            "community": comm, "area": area_of.get(comm) if comm is not None else None,
        })

    served = net.of_type(V.SERVES, V.SERVICE_CENTER)["target"]
    served_comms = set(served) | set(served.map(net.compound_community).dropna())
    for c, cname in comms[~comms["community"].isin(served_comms)].itertuples(index=False):
        rows.append(community_row(
            "no_service_center", c, f"{cname}及其居民小区没有党群服务中心",
            "建设或共享社区党群服务中心，推动阵地联建"))

    stationed = net.of_type(V.STATIONED_AT, V.TEAM, V.COMMUNITY)
    kind = stationed["source"].map(nodes["kind"])
    with_team = set(stationed.loc[kind == "stationed", "target"])
    for c, cname in comms[~comms["community"].isin(with_team)].itertuples(index=False):
        rows.append(community_row(
            "no_stationed_team", c, f"{cname}没有驻点团队",
            "选派驻点团队，建立驻点联系机制"))

    names = _names(nodes, [m for ms in circ["unlinked"] for m in ms])
    for r in circ.itertuples(index=False):
        for m in r.unlinked:
            rows.append({
                "code": "unlinked", "subject": m, "name": names.get(m, m),
                "message": f"{names.get(m, m)}位于{r.name}辖区，但与社区党组织及"
                           "次核心党组织均无联系",
                "action": "签订同驻共建责任书，纳入社区党建融合圈",
                "community": r.community, "area": area_of.get(r.community),
            })

    orgs = nodes[(nodes["label"] == V.PARTY_ORG)
                 & nodes["kind"].isin(["branch", "general_branch"])].index
    reporting = set(net.of_type(V.REPORTS_TO)["source"])
    orphans = sorted(o for o in orgs if o not in reporting)
    names = _names(nodes, orphans)
    kinds = dict(zip(orphans, nodes["kind"].reindex(orphans).tolist(), strict=True))
    for o in orphans:
        rows.append({
            "code": "orphan_org", "subject": o, "name": names.get(o, o),
            "message": f"{names.get(o, o)}（{_kind_zh(kinds[o])}）没有上级党组织",
            "action": "理顺隶属关系，明确上级党组织",
            "community": None, "area": None,
        })
    return rows


def findings(
    G: Any, *, scope: str | Collection[str] = "all", min_branch_members: int | None = None,
    sub_core_min_rating: int | None = None, units: pd.DataFrame | None = None,
    circles: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All findings of SPEC section 4, in code order then by subject.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
        Units considered by the unit findings (``uncovered``, ``should_form_branch``,
        ``joint_candidate``).
    min_branch_members, sub_core_min_rating : int, optional
        Override the thresholds of :data:`graphkit.settings` for this call.
    units, circles : pandas.DataFrame, optional
        Precomputed :func:`~graphkit.unit_coverage` / :func:`~graphkit.circles` results
        for the same graph, scope and threshold (saves recomputing them).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, subject, name, message, action, community, area, units``;
        ``units`` is a list for ``joint_candidate`` and ``None`` otherwise.

    Examples
    --------
    >>> f = findings(G, min_branch_members=3)                    # doctest: +SKIP
    >>> f[f["code"] == "uncovered"][["subject", "message"]]      # doctest: +SKIP
    """
    conf = settings.resolve(min_branch_members=min_branch_members,
                            sub_core_min_rating=sub_core_min_rating)
    net = as_net(G)
    if units is None:
        units = unit_coverage(net, scope=scope)
    if circles is None:
        circles = _circles(net, sub_core_min_rating=conf["sub_core_min_rating"])
    comm_names = dict(zip(circles["community"], circles["name"], strict=True))
    rows = _unit_findings(units, conf["min_branch_members"], comm_names)
    rows += _network_findings(net, circles)
    # object columns from the start: inferring pandas' string dtype and converting back
    # costs seconds at a million findings
    frame = pd.DataFrame(rows, columns=_COLUMNS, dtype=object)
    frame = frame.where(frame.notna(), None)
    order = {c: i for i, c in enumerate(FINDING_CODES)}
    frame["_o"] = frame["code"].map(order)
    frame["_c"] = frame["community"].map(lambda c: c or "")
    frame = frame.sort_values(["_o", "subject", "_c"], kind="stable")
    frame = frame.drop(columns=["_o", "_c"])
    return frame.reset_index(drop=True)
