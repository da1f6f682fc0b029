"""Actionable gaps (SPEC section 4), each with a plain Chinese message and a suggested action.

=============================== ===========================================================
code                            when
=============================== ===========================================================
uncovered                       a unit in scope with status ``none``
should_form_branch              a unit with ``members >= min_branch_members`` not ``own``
joint_candidate                 per community: units with status ``none``/``instructor`` and
                                fewer than ``min_branch_members`` members that together have
                                at least ``min_branch_members`` (``units`` lists them)
community_without_core          a community with no core
compound_without_branch         a compound with no PartyOrg belonging to it
compound_without_joint_meeting  a compound with a branch and an owners' committee or property
                                company located in it, none of which its branches MEETS_WITH
                                (SPEC section 8)
no_service_center               a community no ServiceCenter serves (nor one of its compounds)
no_stationed_team               a community with no Team of kind ``stationed`` stationed at it
unlinked                        a jurisdiction member in neither circle (``community`` given)
orphan_org                      a branch or general branch with no ``REPORTS_TO``
=============================== ===========================================================

Examples
--------
>>> import graphkit as gk
>>> f = gk.findings(gk.read_dataset("data/sihui"))
>>> int((f["code"] == "unlinked").sum())
148
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from . import vocab as V
from ._analysis import Analysis, analysis
from .coverage import scope_kinds
from .linkage import circle_lists
from .settings import settings

__all__ = ["FINDING_CODES", "FINDING_TITLES_ZH", "finding_rows", "findings"]

#: Finding codes in report order.
FINDING_CODES = (
    "uncovered", "should_form_branch", "joint_candidate", "community_without_core",
    "compound_without_branch", "compound_without_joint_meeting", "no_service_center",
    "no_stationed_team", "unlinked", "orphan_org",
)
FINDING_TITLES_ZH = {
    "uncovered": "未覆盖单位",
    "should_form_branch": "应单独建立党组织的单位",
    "joint_candidate": "可组建联合党支部",
    "community_without_core": "缺少社区党组织（无核心）",
    "compound_without_branch": "未建立小区党支部",
    "compound_without_joint_meeting": "小区未召开联席会议",
    "no_service_center": "无党群服务中心",
    "no_stationed_team": "无驻点团队",
    "unlinked": "未纳入党建融合圈",
    "orphan_org": "无上级党组织",
}
_COLUMNS = ["code", "subject", "name", "message", "action", "community", "area", "units"]
_ACTIONS = {
    "should_form_branch": "按照党章规定，单独建立党的基层组织",
    "joint_candidate": "以同驻共建方式成立联合党支部，覆盖上述单位",
    "community_without_core": "建立社区党组织（党委、党总支或党支部）作为社区党建核心",
    "compound_without_branch": "建立小区党支部，牵头业委会、物业公司召开联席会议",
    "compound_without_joint_meeting": "由小区党支部牵头，与业主委员会、物业公司建立联席会议制度，"
                                      "共商小区治理和服务事项",
    "no_service_center": "建设或共享社区党群服务中心，推动阵地联建",
    "no_stationed_team": "选派驻点团队，建立驻点联系机制",
    "unlinked": "签订同驻共建责任书，纳入社区党建融合圈",
    "orphan_org": "理顺隶属关系，明确上级党组织",
}


def _kind_zh(kind: str) -> str:
    return V.KIND_NAMES_ZH.get(kind, kind)


class _Names:
    """Ids and names of node codes, looked up in bulk (codes as NumPy arrays)."""

    def __init__(self, a: Analysis) -> None:
        self.ids = a.net.ids.to_numpy(zero_copy_only=False)
        self.names = a.net.nodes.column("name").to_numpy()
        self.kinds = a.net.nodes.column("kind").combine_chunks()
        self.area_of = _area_of(a)

    def id(self, codes: np.ndarray) -> list[Any]:
        return self.ids[codes].tolist()

    def name(self, codes: np.ndarray) -> list[Any]:
        return self.names[codes].tolist()

    def kind(self, codes: np.ndarray) -> list[str]:
        return self.kinds.take(pa.array(codes)).to_pylist()

    def maybe_id(self, codes: Any) -> list[Any]:
        """Ids of codes that may be null (None)."""
        arr = codes if isinstance(codes, pa.Array | pa.ChunkedArray) else pa.array(codes)
        return self.ids_arrow.take(arr).to_pylist()

    @property
    def ids_arrow(self) -> pa.Array:
        return pa.array(self.ids, pa.string())


def _area_of(a: Analysis) -> np.ndarray:
    """Area code per node code of a community (-1 when none)."""
    ca = a.community_area()
    out = np.full(a.net.n_nodes, -1, dtype=np.int64)
    out[ca.column("community").to_numpy()] = ca.column("area").to_numpy()
    return out


def _col(t: pa.Table, name: str) -> np.ndarray:
    return t.column(name).to_numpy()


def finding_rows(a: Analysis, *, kinds: frozenset[str], min_members: int,
                 threshold: int) -> dict[str, dict[str, list[Any]]]:
    """The findings as columns (``subject, name, message, action, community, area,
    units``) per code, each code's rows sorted by subject (community for ties)."""
    g = a.gaps(kinds, min_members)
    nm = _Names(a)
    ids = nm.ids
    out: dict[str, dict[str, list[Any]]] = {}
    k = min_members

    # uncovered
    t = g["uncovered"]
    u = _col(t, "unit")
    names, kinds_ = nm.name(u), a.kind_names(t.column("kind")).to_pylist()
    members = t.column("members").to_pylist()
    action = []
    for m in members:
        if m >= k:
            action.append(f"党员{m}名，符合单独组建条件，应单独建立党组织")
        elif m > 0:
            action.append("党员不足3名，可与邻近单位组建联合党组织或挂靠组建".replace("3", str(k)))
        else:
            action.append("暂无党员，选派党建工作指导员，组建工青妇等群团组织开展党的工作")
    out["uncovered"] = {
        "subject": nm.id(u), "name": names,
        "message": [f"{n}（{_kind_zh(kd)}，党员{m}名）尚未实现党的组织覆盖和工作覆盖"
                    for n, kd, m in zip(names, kinds_, members, strict=True)],
        "action": action, "community": nm.maybe_id(t.column("community")),
        "area": nm.maybe_id(t.column("area")), "units": [None] * len(u),
    }
    # should_form_branch
    t = g["should_form_branch"]
    u = _col(t, "unit")
    names, members = nm.name(u), t.column("members").to_pylist()
    status = [V.STATUS_NAMES_ZH[s] for s in _statuses(t.column("level"))]
    out["should_form_branch"] = {
        "subject": nm.id(u), "name": names,
        "message": [f"{n}有党员{m}名（不少于{k}名），但尚未单独建立党组织（当前：{s}）"
                    for n, m, s in zip(names, members, status, strict=True)],
        "action": [_ACTIONS["should_form_branch"]] * len(u),
        "community": nm.maybe_id(t.column("community")), "area": nm.maybe_id(t.column("area")),
        "units": [None] * len(u),
    }
    # joint_candidate
    t = g["joint_candidate"]
    comm = _col(t, "community")
    unit = _col(t, "unit")
    total = _col(t, "total")
    rows: dict[str, list[Any]] = {c: [] for c in _COLUMNS[1:]}
    if len(comm):
        starts = np.flatnonzero(np.r_[True, comm[1:] != comm[:-1]])
        unit_names = nm.name(unit)
        unit_ids = nm.id(unit)
        for start, stop in zip(starts, np.r_[starts[1:], len(comm)], strict=True):
            c = int(comm[start])
            cname = nm.names[c]
            x = nm.area_of[c]
            rows["subject"].append(ids[c])
            rows["name"].append(cname)
            rows["message"].append(
                f"{cname}有{stop - start}个未建党组织的单位（{'、'.join(unit_names[start:stop])}）"
                f"共有党员{int(total[start])}名，可组建联合党支部")
            rows["action"].append(_ACTIONS["joint_candidate"])
            rows["community"].append(ids[c])
            rows["area"].append(ids[x] if x >= 0 else None)
            rows["units"].append(unit_ids[start:stop])
    out["joint_candidate"] = rows

    def community_rows(code: str, table: pa.Table, message: str) -> None:
        c = _col(table, "community")
        cn = nm.name(c)
        areas = [ids[x] if x >= 0 else None for x in nm.area_of[c]]
        out[code] = {"subject": nm.id(c), "name": cn,
                     "message": [message.format(name=n) for n in cn],
                     "action": [_ACTIONS[code]] * len(c), "community": nm.id(c), "area": areas,
                     "units": [None] * len(c)}

    community_rows("community_without_core", g["community_without_core"],
                   "{name}没有社区党组织（一核缺失）")
    t = g["compound_without_branch"]
    cp = _col(t, "compound")
    cn = nm.name(cp)
    out["compound_without_branch"] = {
        "subject": nm.id(cp), "name": cn,
        "message": [f"居民小区{n}尚未建立小区党支部" for n in cn],
        "action": [_ACTIONS["compound_without_branch"]] * len(cp),
        "community": nm.maybe_id(t.column("community")), "area": nm.maybe_id(t.column("area")),
        "units": [None] * len(cp),
    }
    t = g["compound_without_joint_meeting"]
    cp = _col(t, "compound")
    cn = nm.name(cp)
    parties = g["joint_meeting_gap_units"]
    pc_, pu = _col(parties, "compound"), _col(parties, "unit")
    pk = a.kind_names(parties.column("kind")).to_pylist()
    pn = nm.name(pu)
    who: dict[int, list[str]] = {}
    for c, n, kd in zip(pc_.tolist(), pn, pk, strict=True):
        who.setdefault(c, []).append(f"{n}（{_kind_zh(kd)}）")
    out["compound_without_joint_meeting"] = {
        "subject": nm.id(cp), "name": cn,
        "message": [f"居民小区{n}已建立党支部，但党支部未与小区内的{'、'.join(who.get(c, []))}"
                    "召开联席会议" for c, n in zip(cp.tolist(), cn, strict=True)],
        "action": [_ACTIONS["compound_without_joint_meeting"]] * len(cp),
        "community": nm.maybe_id(t.column("community")), "area": nm.maybe_id(t.column("area")),
        "units": [None] * len(cp),
    }
    community_rows("no_service_center", g["no_service_center"],
                   "{name}及其居民小区没有党群服务中心")
    community_rows("no_stationed_team", g["no_stationed_team"], "{name}没有驻点团队")
    # unlinked (from the circles)
    circ = circle_lists(a, threshold)
    comms = circ["communities"]
    sub: list[int] = []
    subj_comm: list[int] = []
    for i, members_ in enumerate(circ["lists"]["unlinked"]):
        sub += members_
        subj_comm += [int(comms[i])] * len(members_)
    sub_a, comm_a = np.asarray(sub, dtype=np.int64), np.asarray(subj_comm, dtype=np.int64)
    order = np.lexsort((comm_a, sub_a))
    sub_a, comm_a = sub_a[order], comm_a[order]
    sn, cn = nm.name(sub_a), nm.name(comm_a)
    out["unlinked"] = {
        "subject": nm.id(sub_a), "name": sn,
        "message": [f"{m}位于{c}辖区，但与社区党组织及次核心党组织均无联系"
                    for m, c in zip(sn, cn, strict=True)],
        "action": [_ACTIONS["unlinked"]] * len(sub_a), "community": nm.id(comm_a),
        "area": [ids[x] if x >= 0 else None for x in nm.area_of[comm_a]],
        "units": [None] * len(sub_a),
    }
    t = g["orphan_org"]
    o = _col(t, "org")
    on = nm.name(o)
    okind = a.kind_names(t.column("kind")).to_pylist()
    out["orphan_org"] = {
        "subject": nm.id(o), "name": on,
        "message": [f"{n}（{_kind_zh(kd)}）没有上级党组织"
                    for n, kd in zip(on, okind, strict=True)],
        "action": [_ACTIONS["orphan_org"]] * len(o), "community": [None] * len(o),
        "area": [None] * len(o), "units": [None] * len(o),
    }
    return out


def _statuses(levels: pa.ChunkedArray | pa.Array) -> list[str]:
    from .coverage import statuses

    return statuses(levels).to_pylist()


def findings(
    G: Any, *, scope: str | Collection[str] = "all", min_branch_members: int | None = None,
    sub_core_min_rating: int | None = None, engine: Any = None, **_precomputed: Any,
) -> pd.DataFrame:
    """All findings of SPEC section 4, in code order then by subject.

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
        Units considered by the unit findings (``uncovered``, ``should_form_branch``,
        ``joint_candidate``).
    min_branch_members, sub_core_min_rating : int, optional
        Override the thresholds of :data:`graphkit.settings` for this call.
    engine : optional
        Where the rules run (default DuckDB).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, subject, name, message, action, community, area, units``;
        ``units`` is a list for ``joint_candidate`` and ``None`` otherwise.

    Examples
    --------
    >>> f = findings(gk.read_dataset("data/sihui"), min_branch_members=3)
    >>> f.columns.tolist()[:4]
    ['code', 'subject', 'name', 'message']
    """
    conf = settings.resolve(min_branch_members=min_branch_members,
                            sub_core_min_rating=sub_core_min_rating)
    a = analysis(G, engine)
    rows = finding_rows(a, kinds=scope_kinds(scope), min_members=conf["min_branch_members"],
                        threshold=conf["sub_core_min_rating"])
    return findings_frame(rows)


def findings_frame(rows: dict[str, dict[str, list[Any]]]) -> pd.DataFrame:
    """The findings table from :func:`finding_rows`."""
    cols: dict[str, list[Any]] = {c: [] for c in _COLUMNS}
    for code in FINDING_CODES:
        part = rows[code]
        n = len(part["subject"])
        cols["code"] += [code] * n
        for c in _COLUMNS[1:]:
            cols[c] += part[c]
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in cols.items()})
