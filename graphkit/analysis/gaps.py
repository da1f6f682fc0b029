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

from collections.abc import Collection, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..rules.linkage import ROLES
from ..settings import settings
from ._analysis import Analysis, analysis, run_starts, sorted_rows
from .coverage import scope_kinds

__all__ = ["FINDING_CODES", "FINDING_TITLES_ZH", "finding_rows", "findings",
           "iter_finding_rows"]

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


def _cat(*parts: Any) -> pa.Array:
    """Texts joined element-wise (Arrow arrays and plain strings)."""
    return pc.binary_join_element_wise(*parts, "")


class _Lookup:
    """Ids, names and kinds of node codes, looked up in bulk with Arrow."""

    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.ids = a.net.ids
        self.names = a.net.nodes.column("name").combine_chunks()
        kinds = a.t.kinds
        self.kind_zh = pa.array([V.KIND_NAMES_ZH.get(k, k) for k in kinds], pa.string())
        ca = a.community_area()
        area_of = np.full(a.net.n_nodes, -1, dtype=np.int64)
        area_of[ca.column("community").to_numpy()] = ca.column("area").to_numpy()
        self._area_of = pa.array(area_of, mask=area_of < 0)

    def id(self, codes: Any) -> pa.Array:
        return _flat(self.ids.take(codes))

    def name(self, codes: Any) -> pa.Array:
        return _flat(self.names.take(codes))

    def area_of(self, communities: Any) -> pa.Array:
        """Area ids of community codes (null without a community or an area)."""
        return _flat(self.ids.take(self._area_of.take(communities)))


def _flat(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _same(value: str, n: int) -> pa.Array:
    return pa.repeat(pa.scalar(value, pa.string()), n)


_UNIT_LISTS = pa.list_(pa.string())
#: Rows of one code made at once by :func:`iter_finding_rows` (their texts held together).
_SLICE = 100_000


def _rows(subject: pa.Array, name: pa.Array, message: pa.Array, action: pa.Array,
          community: pa.Array, area: pa.Array, units: pa.ListArray | None = None
          ) -> dict[str, Any]:
    n = len(subject)
    return {"subject": subject, "name": name, "message": message, "action": action,
            "community": community, "area": area,
            "units": pa.nulls(n, _UNIT_LISTS) if units is None else units}


def _groups(keys: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    """The first row of each run of equal `keys` (sorted rows) and the list offsets of
    the runs."""
    starts = run_starts(keys)
    return starts, pa.array(np.r_[starts, len(keys)].astype(np.int32))


def finding_rows(a: Analysis, *, kinds: frozenset[str], min_members: int,
                 threshold: int) -> dict[str, dict[str, Any]]:
    """The findings per code as columns (``subject, name, message, action, community,
    area`` Arrow string arrays, ``units`` an Arrow list of unit ids, null but for
    ``joint_candidate``), each code's rows sorted by subject (then community)."""
    out: dict[str, dict[str, Any]] = {}
    for code, rows in iter_finding_rows(a, kinds=kinds, min_members=min_members,
                                        threshold=threshold):
        if code in out:  # a further slice of the code's rows
            rows = {k: pa.concat_arrays([_flat(out[code][k]), _flat(v)])
                    for k, v in rows.items()}
        out[code] = rows
    return out


def iter_finding_rows(a: Analysis, *, kinds: frozenset[str], min_members: int,
                      threshold: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """The ``(code, rows)`` of :func:`finding_rows` one code at a time, in the order of
    :data:`FINDING_CODES`, each code's texts made when it is asked for (a writer that
    streams them holds one code's texts at a time); a long code comes in several slices
    of rows, in order."""
    g = a.gaps(kinds, min_members)
    nm = _Lookup(a)
    k = min_members

    t = g["uncovered"]
    u = t.column("unit")
    names = nm.name(u)
    members = _flat(t.column("members"))
    count = pc.cast(members, pa.string())
    action = pc.case_when(
        pc.make_struct(pc.greater_equal(members, k), pc.greater(members, 0)),
        _cat("党员", count, "名，符合单独组建条件，应单独建立党组织"),
        f"党员不足{k}名，可与邻近单位组建联合党组织或挂靠组建",
        "暂无党员，选派党建工作指导员，组建工青妇等群团组织开展党的工作")
    yield "uncovered", _rows(
        nm.id(u), names,
        _cat(names, "（", nm.kind_zh.take(t.column("kind")), "，党员", count,
             "名）尚未实现党的组织覆盖和工作覆盖"),
        _flat(action), nm.id(t.column("community")), nm.id(t.column("area")))

    t = g["should_form_branch"]
    u = t.column("unit")
    names = nm.name(u)
    status = pa.array([V.STATUS_NAMES_ZH[s] for s in _STATUS_ORDER], pa.string()).take(
        t.column("level"))
    yield "should_form_branch", _rows(
        nm.id(u), names,
        _cat(names, "有党员", pc.cast(t.column("members"), pa.string()),
             f"名（不少于{k}名），但尚未单独建立党组织（当前：", status, "）"),
        _same(_ACTIONS["should_form_branch"], len(u)), nm.id(t.column("community")),
        nm.id(t.column("area")))

    t = g["joint_candidate"]
    starts, offsets = _groups(t.column("community").to_numpy())
    heads = _flat(t.column("community")).take(pa.array(starts, pa.int64()))
    cids, cnames = nm.id(heads), nm.name(heads)
    unit = _flat(t.column("unit"))
    total = pc.cast(_flat(t.column("total")).take(pa.array(starts, pa.int64())), pa.int64())
    yield "joint_candidate", _rows(
        cids, cnames,
        _cat(cnames, "有", pa.array(np.diff(offsets.to_numpy())).cast(pa.string()),
             "个未建党组织的单位（",
             pc.binary_join(pa.ListArray.from_arrays(offsets, nm.name(unit)), "、"),
             "）共有党员", total.cast(pa.string()), "名，可组建联合党支部"),
        _same(_ACTIONS["joint_candidate"], len(heads)), cids, nm.area_of(heads),
        pa.ListArray.from_arrays(offsets, nm.id(unit).cast(pa.string())))

    def community_rows(code: str, message: tuple[str, str]) -> tuple[str, dict[str, Any]]:
        c = g[code].column("community")
        cn = nm.name(c)
        return code, _rows(nm.id(c), cn, _cat(message[0], cn, message[1]),
                           _same(_ACTIONS[code], len(c)), nm.id(c), nm.area_of(c))

    yield community_rows("community_without_core", ("", "没有社区党组织（一核缺失）"))
    t = g["compound_without_branch"]
    cp = t.column("compound")
    cn = nm.name(cp)
    yield "compound_without_branch", _rows(
        nm.id(cp), cn, _cat("居民小区", cn, "尚未建立小区党支部"),
        _same(_ACTIONS["compound_without_branch"], len(cp)), nm.id(t.column("community")),
        nm.id(t.column("area")))

    t = g["compound_without_joint_meeting"]
    cp = t.column("compound")
    cn = nm.name(cp)
    parties = g["joint_meeting_gap_units"]
    pcomp = parties.column("compound").to_numpy()
    starts, offsets = _groups(pcomp)
    who = pc.binary_join(pa.ListArray.from_arrays(offsets, _flat(_cat(
        nm.name(parties.column("unit")), "（", nm.kind_zh.take(_flat(parties.column("kind"))),
        "）"))), "、")
    at = np.searchsorted(pcomp[starts], cp.to_numpy()) if len(starts) else \
        np.zeros(len(cp), dtype=np.int64)
    found = at < len(starts)
    found[found] = pcomp[starts[at[found]]] == cp.to_numpy()[found]
    joined = pc.fill_null(who.take(pa.array(np.where(found, at, 0), mask=~found)), "")
    yield "compound_without_joint_meeting", _rows(
        nm.id(cp), cn, _cat("居民小区", cn, "已建立党支部，但党支部未与小区内的", joined,
                            "召开联席会议"),
        _same(_ACTIONS["compound_without_joint_meeting"], len(cp)),
        nm.id(t.column("community")), nm.id(t.column("area")))
    yield community_rows("no_service_center", ("", "及其居民小区没有党群服务中心"))
    yield community_rows("no_stationed_team", ("", "没有驻点团队"))

    r = a.roles(threshold)
    unl = r.filter(pc.equal(r.column("role"), ROLES.index("unlinked")))
    unl = sorted_rows(unl, ["member", "community"])
    for start in range(0, max(unl.num_rows, 1), _SLICE):  # the longest list: in slices
        part = unl.slice(start, _SLICE)
        m, c = part.column("member"), part.column("community")
        mn, cn = nm.name(m), nm.name(c)
        yield "unlinked", _rows(
            nm.id(m), mn, _cat(mn, "位于", cn, "辖区，但与社区党组织及次核心党组织均无联系"),
            _same(_ACTIONS["unlinked"], len(m)), nm.id(c), nm.area_of(c))

    t = g["orphan_org"]
    o = t.column("org")
    on = nm.name(o)
    comm, area = _places_of(a, o.to_numpy())
    yield "orphan_org", _rows(
        nm.id(o), on, _cat(on, "（", nm.kind_zh.take(t.column("kind")), "）没有上级党组织"),
        _same(_ACTIONS["orphan_org"], len(o)), comm, area)


def _places_of(a: Analysis, orgs: np.ndarray) -> tuple[pa.Array, pa.Array]:
    """Community and street of PartyOrgs, as the tie graph has them (the community whose
    jurisdiction the organization is in, or that it BELONGS_TO; that community's street,
    else the street of its unit or the Area it BELONGS_TO); null when it has none."""
    from .linkage import org_places

    ids = a.net.ids

    def look(codes: np.ndarray) -> pa.Array:
        return _flat(ids.take(pa.array(codes, mask=codes < 0)))

    community, area = org_places(a, orgs)
    return look(community), look(area)


_STATUS_ORDER = ("none", "instructor", "affiliated", "joint", "own")  # by level 0..4


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
            v = part[c]
            cols[c] += v if isinstance(v, list) else v.to_pylist()
    return pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in cols.items()})
