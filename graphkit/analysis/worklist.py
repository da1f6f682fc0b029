"""One work list for the audit and the plan, and reading it back filled in (SPEC section 10).

The work list is what a street works from: **one row per subject** — a unit, a community,
a compound or a Party organization — with every finding on it (SPEC section 4) and the
planned action on it (SPEC section 6) merged, so that a unit that is uncovered, unlinked
and planned appears once. :func:`work_list` builds it as a typed DataFrame; the audit's
行动清单 and the plan's 工作清单 sheets are both written from it (the plan's lists the
planned actions only). Its columns (the sheet's headers in brackets):

==================== =================================================================
``number`` (序号)     the plan's list: the action's ``index`` + 1 (SPEC 10); the audit's:
                     the row's running number
``street`` (街道（镇）)  ``community_name`` (社区): the subject's place (ids in ``area``,
                     ``community``)
``units`` (单位编号)   the ids of the units of the row (the planned action's units, or the
                     unit the findings are about); empty for another subject
``subject_name`` (对象) its name (a subject that is no unit: its id too); ``subject`` the id
                     (the ids joined by 、 for a new joint branch)
``problem`` (存在问题)  the findings on the subject (or, without one, its coverage status)
``todo`` (整改措施)     what to do, for this case: the organization to form or join (with
                     its id and parent), the units to join with, the instructor (existing
                     or new, and the other units they guide), the core to sign the
                     co-building agreement with, who approves
``priority`` (优先级)  :data:`PRIORITY_RULE` (1 first)
``responsible_unit``  (责任单位) the community's core when the subject's community has one,
                     else the street's Party working committee (town: Party committee);
                     building a community's core and stationing teams are the street's
``responsible_person`` (责任人), ``due`` (完成时限, a date), ``progress`` (进展: 未开始,
                     推进中, 已完成 — a drop-down), ``remark`` (备注): filled in by the street
``action_id``        the plan action's ``index`` (a hidden column of the sheet: the key
                     that matches a filled list back to the plan); missing for a row no
                     action is planned for
==================== =================================================================

:func:`read_worklist` reads a filled workbook as far as it can be read — rows re-sorted,
filtered, partly deleted, typed over; sheets added — and names every cell it cannot read
(:class:`RowProblem`: file, sheet, row, column, value, what to do); :func:`match_worklist`
matches its rows to the plan's actions (the hidden ``action_id``, else the row's unit ids,
else 序号 = index + 1).

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")
>>> p = gk.plan(ds)
>>> rows = work_list(p, gk.findings(ds))
>>> len(rows), int(rows["action_id"].notna().sum()) == len(p.actions)
(166, True)
>>> planned = work_list(p, gk.findings(ds), planned_only=True)
>>> planned["number"].tolist() == list(range(1, len(p.actions) + 1))
True
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import math
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import vocab as V
from ..errors import UsageError
from ..messages import current as current_language
from ..messages import t
from ..network._input import read_regular
from ..network._readers import MAX_XLSX_EXPANDED
from ..network._text import visible
from ..settings import settings
from .planning import ACTION_NAMES_ZH, ACTION_NEEDS_ZH, Plan

__all__ = ["COLUMNS", "HEADERS", "PRIORITY_RULE", "PROGRESS_CHOICES", "FilledWorklist",
           "Match", "RowProblem", "match_worklist", "read_worklist", "work_list"]

#: The drop-down of the 进展 column (SPEC 10), in order.
PROGRESS_CHOICES: tuple[str, ...] = tuple(V.PROGRESS_NAMES_ZH[s] for s in V.PROGRESS_STATES)

#: The columns of :func:`work_list`, in order.
COLUMNS = ("number", "area", "street", "community", "community_name", "subject", "units",
           "subject_name", "label", "codes", "problem", "todo", "priority", "members",
           "responsible_unit", "responsible_person", "due", "progress", "remark",
           "action_id", "action")

#: The sheet's headers of the columns a work-list sheet shows, in order (``action_id``
#: hidden). A filled sheet is read back by these headers (:func:`read_worklist`).
HEADERS: dict[str, str] = {
    "number": "序号", "street": "街道（镇）", "community_name": "社区", "units": "单位编号",
    "subject_name": "对象", "problem": "存在问题", "todo": "整改措施", "priority": "优先级",
    "responsible_unit": "责任单位", "responsible_person": "责任人", "due": "完成时限",
    "progress": "进展", "remark": "备注", "action_id": "action_id",
}

#: The priority of each row: the smallest of its items' (SPEC 10 work list, issue 21).
#: Gaps in coverage before gaps in linkage; among coverage gaps, larger units first.
PRIORITY_RULE = (
    "优先级 1：党员 3 名以上、尚未单独建立党组织的单位，没有社区党组织的社区；"
    "2：党员不足 3 名的单位联合组建或挂靠，未建党支部的小区；"
    "3：没有党员的单位选派党建工作指导员，没有上级党组织的党组织；"
    "4：融合联动——未纳入党建融合圈的单位和党组织，小区联席会议、党群服务中心、驻点团队。"
    "先补覆盖空白，再补联动空白；覆盖空白中党员多的单位优先。"
)
#: Priority of a finding code (a unit's coverage gap: by its members, see
#: :func:`_unit_priority`).
_CODE_PRIORITY = {
    "community_without_core": 1, "compound_without_branch": 2, "joint_candidate": 2,
    "orphan_org": 3, "unlinked": 4, "compound_without_joint_meeting": 4,
    "no_service_center": 4, "no_stationed_team": 4,
}
_ACTION_PRIORITY = {"form_branch": 1, "join_joint": 2, "form_joint": 2, "affiliate": 2,
                    "assign_instructor": 3}
#: Findings about a unit (its coverage), merged into the unit's planned action.
_UNIT_CODES = ("uncovered", "should_form_branch", "unlinked")
#: Label of the subject of each finding code (``unlinked``: a unit or a PartyOrg).
_SUBJECT_LABEL = {
    "uncovered": V.UNIT, "should_form_branch": V.UNIT, "joint_candidate": V.COMMUNITY,
    "community_without_core": V.COMMUNITY, "compound_without_branch": V.COMPOUND,
    "compound_without_joint_meeting": V.COMPOUND, "no_service_center": V.COMMUNITY,
    "no_stationed_team": V.COMMUNITY, "orphan_org": V.PARTY_ORG,
}
#: Findings whose 责任单位 is the street's committee even where the community has a core.
_STREET_CODES = ("community_without_core", "no_stationed_team")
_NO_AREA, _NO_COMMUNITY = "未归属街道（镇）", "未归属社区"
_STATUS_PHRASE = {
    "none": "尚未实现党的组织覆盖和工作覆盖",
    "instructor": "已有党建工作指导员，尚未实现党的组织覆盖",
    "joint": "目前联合组建，尚未单独建立党组织",
    "affiliated": "目前挂靠组建，尚未单独建立党组织",
    "own": "已单独建立党组织",
}


# --- building the list ---------------------------------------------------------------
def _unit_priority(members: int, m: int) -> int:
    return 1 if members >= m else 2 if members >= 1 else 3


@dataclass
class _Row:
    area: str | None
    community: str | None
    subject: str
    subject_name: str
    label: str
    units: list[str]
    members: int = 0
    codes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)
    priority: int = 9
    action_id: int | None = None
    action: str | None = None
    #: a planned row: the findings on each of its units, (code, message)
    by_unit: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


class _Context:
    """Names and places a row's texts need, from the plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.names = dict(plan.names)
        self.m = int(plan.settings.get("min_branch_members", 3))
        u = plan.units
        self.unit = {uid: (name, kind, comm, area, int(mem), status) for uid, name, kind, comm,
                     area, mem, status in zip(u["id"], u["name"], u["kind"], u["community"],
                                              u["area"], u["members"], u["status"],
                                              strict=True)}
        self.sub_core = int(settings.resolve()["sub_core_min_rating"])
        self.label: dict[str, str] = {}
        self.kind: dict[str, str] = {}
        self.rating: dict[str, int] = {}
        self.host: dict[str, str] = {}
        ds = plan.network
        if ds is not None:
            nodes = ds.nodes
            self.label = dict(zip(nodes["id"], nodes["label"].astype(object), strict=True))
            self.kind = dict(zip(nodes["id"], nodes["kind"].astype(object), strict=True))
            orgs = nodes[nodes["label"] == V.PARTY_ORG]
            self.rating = dict(zip(orgs["id"], orgs["rating"].fillna(0).astype(int),
                                   strict=True))  # blank rating: 0 (SPEC section 1)
            for nid, name in zip(nodes["id"], nodes["name"], strict=True):
                self.names.setdefault(nid, name)
            e = ds.edges
            covers = e[e["type"] == V.COVERS].sort_values(["target", "source"])
            covers = covers.drop_duplicates("target")  # the smallest id covering a unit
            self.host = dict(zip(covers["target"], covers["source"], strict=True))

    def name(self, node: str | None) -> str:
        if node is None:
            return ""
        return str(self.names.get(node, node))

    def core(self, community: str | None) -> str | None:
        return self.plan.cores.get(community) if community is not None else None

    def core_text(self, community: str | None) -> str | None:
        core = self.core(community)
        return None if core is None else f"{self.name(core)}（{core}）"

    def committee(self, area: str | None) -> str:
        if area is None:
            return "上级党组织"
        got = self.plan.committees.get(area)
        return got if got else f"{self.name(area)}党工委"

    def responsible(self, community: str | None, area: str | None,
                    street: bool = False) -> str:
        core = None if street else self.core(community)
        return self.name(core) if core is not None else self.committee(area)

    def unit_text(self, uid: str) -> str:
        if uid not in self.unit:
            return self.name(uid)
        name, kind, _, _, members, _ = self.unit[uid]
        return f"{name}（{V.KIND_NAMES_ZH.get(kind, kind)}，党员{members}名）"


def _action_todo(a: Any, ctx: _Context, mates: dict[str, list[str]]) -> str:
    """What to do for planned action `a` (a row of ``plan.actions``), for this case."""
    approver = a.approver if a.approver else ctx.committee(a.area)
    parent = f"，隶属{ctx.name(a.reports_to)}" if a.reports_to else ""
    needs = ACTION_NEEDS_ZH[a.action]
    if a.action == "form_branch":
        return (f"组建{a.org_name}（新建 {a.org}{parent}）：{needs}；"
                f"报{approver}审批")
    if a.action == "join_joint":
        return f"纳入{a.org_name}（{a.org}）：{needs}；报{approver}审批"
    if a.action == "form_joint":
        together = "、".join(ctx.name(u) if u not in ctx.unit else ctx.unit[u][0]
                            for u in a.units)
        return (f"{together}联合组建{a.org_name}（新建 {a.org}{parent}）：{needs}；"
                f"报{approver}审批")
    if a.action == "affiliate":
        return f"挂靠{a.org_name}（{a.org}）组建：{needs}；报{approver}审批"
    others = [u for u in mates.get(a.instructor, []) if u not in a.units]
    also = ("，同时联系" + "、".join(ctx.unit[u][0] if u in ctx.unit else ctx.name(u)
                                  for u in others)) if others else ""
    if a.instructor_new:
        return (f"选派 1 名新的党建工作指导员（{a.instructor}{also}），指导建立工会、共青团、"
                f"妇联等群团组织，开展党的工作；由{approver}选派")
    return (f"由现有党建工作指导员 {a.instructor} 联系指导{also}，指导建立工会、共青团、"
            "妇联等群团组织，开展党的工作")


def _finding_todo(code: str, f: Any, ctx: _Context) -> str:
    """What to do about finding `f` (a row of :func:`graphkit.findings`), for this case."""
    comm, area = f.community, f.area
    name = f.name or f.subject
    comm_name = ctx.name(comm) if comm else "所在社区"
    core = ctx.core_text(comm)
    if code == "unlinked":
        return _unlinked_todo(f.subject, name, comm_name, core, ctx)
    if code == "community_without_core":
        return (f"建立{name}党组织（党委、党总支或党支部），作为社区党建核心，理顺辖区党组织"
                f"隶属关系；报{ctx.committee(area)}审批")
    if code == "compound_without_branch":
        parent = f"，隶属{core}" if core else ""
        return f"建立{name}党支部{parent}，牵头业委会、物业公司召开联席会议"
    if code == "compound_without_joint_meeting":
        return (f"由{name}党支部牵头，与小区的业主委员会、物业公司建立联席会议制度，"
                "共商小区治理和服务事项")
    if code == "no_service_center":
        lead = core or ctx.committee(area)
        return (f"由{lead}牵头，建设{name}党群服务中心，或与相邻社区、街道党群服务中心"
                "共享阵地")
    if code == "no_stationed_team":
        return (f"由{ctx.committee(area)}协调市直机关、企事业单位向{name}选派驻点团队，"
                "建立驻点联系机制")
    if code == "orphan_org":
        own_core = ctx.core(comm)
        parent = (core if own_core is not None and own_core != f.subject
                  else ctx.committee(area))
        return f"明确{name}的上级党组织（建议隶属{parent}），理顺组织隶属关系"
    if code == "joint_candidate":
        units = list(f.units or [])
        listed = "、".join(ctx.unit[u][0] if u in ctx.unit else ctx.name(u)
                          for u in units)
        parent = f"，隶属{core}" if core else ""
        return f"以同驻共建方式，由{listed}联合组建联合党支部{parent}"
    return f.action if f.action else ""


def _unlinked_todo(subject: str, name: str, comm_name: str, core: str | None,
                   ctx: _Context) -> str:
    """How a jurisdiction member joins its community's circles: who signs with the core,
    and the circle it then joins (SPEC section 3)."""
    if core is None:
        return (f"{comm_name}尚无社区党组织：先建立社区党组织，再由{name}与之签订同驻共建"
                "责任书，纳入党建融合圈")
    if ctx.label.get(subject) == V.PARTY_ORG:
        rating = ctx.rating.get(subject, 0)
        circle = (f"评定 {rating} 星，纳入次核心圈" if rating >= ctx.sub_core
                  else "纳入泛核心圈")
        return f"由{name}与{core}签订同驻共建责任书（{circle}）"
    host = ctx.host.get(subject)
    if host is not None:
        return (f"由其所在的{ctx.name(host)}（{host}）与{core}签订同驻共建责任书，"
                f"或由{name}派出志愿服务队到{comm_name}服务，纳入泛核心圈")
    kind = ctx.unit[subject][1] if subject in ctx.unit else ctx.kind.get(subject)
    if kind in ("property", "owners_committee"):
        return (f"由{core}与{name}签订共建协议，或由所在小区党支部与其召开联席会议，"
                "纳入泛核心圈")
    return (f"由{core}与{name}签订同驻共建协议，或由{name}派出志愿服务队到{comm_name}服务，"
            "纳入泛核心圈")


def _unit_problem(uid: str, ctx: _Context) -> str:
    """A unit's coverage status in words (for a planned unit no finding names)."""
    if uid not in ctx.unit:
        return ctx.name(uid)
    status = ctx.unit[uid][5]
    return f"{ctx.unit_text(uid)}{_STATUS_PHRASE.get(status, status)}"


def _findings_frame(findings: pd.DataFrame | None) -> pd.DataFrame:
    if findings is None:
        return pd.DataFrame(columns=["code", "subject", "name", "message", "action",
                                     "community", "area", "units"])
    return findings


def work_list(plan: Plan, findings: pd.DataFrame | None = None, *,
              planned_only: bool = False) -> pd.DataFrame:
    """The work list of a plan and the findings of the same network: one row per subject.

    Parameters
    ----------
    plan : Plan
        :func:`graphkit.plan` of the network.
    findings : pandas.DataFrame, optional
        :func:`graphkit.findings` of the same network and scope. Without them the rows of
        the planned actions say the units' coverage status instead of the findings.
    planned_only : bool, default False
        Only the rows of planned actions, in plan order, 序号 = index + 1 (the plan's
        工作清单); else every subject of a finding as well (the audit's 行动清单), sorted by
        street, community, priority, the plan's order, then larger units first.

    Notes
    -----
    To list one street or community, narrow the plan and the findings first
    (:func:`graphkit.narrow`): the actions keep their index, so ``action_id`` and 序号
    stay those of the whole plan.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`COLUMNS` (see the module's table): ``number``, ``priority``,
        ``members`` and ``action_id`` ``Int64``; ``due`` dates (``datetime64``, empty);
        ``progress`` a categorical of :data:`PROGRESS_CHOICES` (未开始); ``units`` and
        ``codes`` lists; text ``object``.

    Examples
    --------
    >>> import graphkit as gk
    >>> ds = gk.read_dataset("data/sihui")
    >>> rows = work_list(gk.plan(ds), gk.findings(ds))
    >>> print(rows.loc[rows["units"].map(len) > 1, "todo"].iloc[0].split("（")[0])
    1. 四会市昌盛信息技术有限公司、四会市砂糖桔协会联合组建南兴社区第1联合党支部
    >>> sorted(set(rows["progress"]))
    ['未开始']
    """
    ctx = _Context(plan)
    found = _findings_frame(findings)
    acts = plan.actions
    rows: list[_Row] = []
    of_unit: dict[str, _Row] = {}
    mates: dict[str, list[str]] = {}
    for a in acts.itertuples(index=False):
        if a.action == "assign_instructor":
            mates.setdefault(a.instructor, []).extend(a.units)
    for i, a in zip(acts.index.tolist(), acts.itertuples(index=False), strict=True):
        units = list(a.units)
        row = _Row(area=a.area, community=a.community, subject="、".join(units),
                   subject_name="、".join(ctx.unit[u][0] if u in ctx.unit
                                         else ctx.name(u) for u in units),
                   label=V.UNIT, units=units, members=int(a.members), action_id=i,
                   action=a.action, priority=_ACTION_PRIORITY[a.action])
        row.todos.append(_action_todo(a, ctx, mates))
        rows.append(row)
        for u in units:
            of_unit[u] = row
    by_subject: dict[str, _Row] = {}
    order = {c: i for i, c in enumerate(("uncovered", "should_form_branch", "unlinked"))}
    items = sorted(found.itertuples(index=False),
                   key=lambda f: order.get(f.code, len(order)))
    for f in items:
        code = f.code
        message = f.message
        if code in _UNIT_CODES and f.subject in of_unit:
            row = of_unit[f.subject]
            row.codes.append(code)
            row.by_unit.setdefault(f.subject, []).append((code, message))
            if code == "unlinked":
                row.todos.append(_finding_todo(code, f, ctx))
                row.priority = min(row.priority, _CODE_PRIORITY[code])
            else:
                row.priority = min(row.priority, _unit_priority(
                    ctx.unit[f.subject][4] if f.subject in ctx.unit else 0, ctx.m))
            continue
        if code == "joint_candidate" and f.units is not None \
                and all(u in of_unit for u in f.units):
            for u in f.units:  # the plan places these units: their rows say how
                if code not in of_unit[u].codes:
                    of_unit[u].codes.append(code)
            continue
        key = f.subject
        row = by_subject.get(key)
        if row is None:
            label = _SUBJECT_LABEL.get(code) or ctx.label.get(f.subject, V.UNIT)
            is_unit = label == V.UNIT
            name = f.name or f.subject
            row = _Row(area=f.area, community=f.community if label != V.COMMUNITY or
                       code == "unlinked" else f.subject,
                       subject=f.subject,
                       subject_name=name if is_unit else f"{name}（{f.subject}）",
                       label=label, units=[f.subject] if is_unit else [],
                       members=ctx.unit[f.subject][4] if f.subject in ctx.unit else 0)
            by_subject[key] = row
            rows.append(row)
        row.codes.append(code)
        row.problems.append(message)
        row.todos.append(_finding_todo(code, f, ctx))
        if code in ("uncovered", "should_form_branch"):
            row.priority = min(row.priority, _unit_priority(row.members, ctx.m))
        else:
            row.priority = min(row.priority, _CODE_PRIORITY.get(code, 4))
    for row in rows:
        if row.action is not None:  # each unit's coverage, then its linkage
            for u in row.units:
                said = row.by_unit.get(u, [])
                if not any(code != "unlinked" for code, _ in said):
                    row.problems.append(_unit_problem(u, ctx))
                row.problems += [m for code, m in said if code != "unlinked"]
            row.problems += [m for u in row.units for code, m in row.by_unit.get(u, [])
                             if code == "unlinked"]
    if planned_only:
        rows = sorted((r for r in rows if r.action_id is not None), key=lambda r: r.action_id)
        numbers = [r.action_id + 1 for r in rows]
    else:
        rows.sort(key=lambda r: (r.area is None, r.area or "", r.community is None,
                                 r.community or "", r.priority,
                                 r.action_id is None, r.action_id or 0, -r.members,
                                 r.subject))
        numbers = list(range(1, len(rows) + 1))
    return _frame(rows, numbers, ctx)


def _numbered(texts: list[str]) -> str:
    texts = list(dict.fromkeys(t for t in texts if t))
    if len(texts) <= 1:
        return texts[0] if texts else ""
    return "\n".join(f"{i}. {t}" for i, t in enumerate(texts, start=1))


def _frame(rows: list[_Row], numbers: list[int], ctx: _Context) -> pd.DataFrame:
    def text(values: Iterable[Any]) -> pd.Series:
        return pd.Series(list(values), dtype=object)

    n = len(rows)
    return pd.DataFrame({
        "number": pd.array(numbers, dtype="Int64"),
        "area": text(r.area for r in rows),
        "street": text(ctx.name(r.area) if r.area else _NO_AREA for r in rows),
        "community": text(r.community for r in rows),
        "community_name": text(ctx.name(r.community) if r.community else _NO_COMMUNITY
                               for r in rows),
        "subject": text(r.subject for r in rows),
        "units": text(list(r.units) for r in rows),
        "subject_name": text(r.subject_name for r in rows),
        "label": text(r.label for r in rows),
        "codes": text(list(dict.fromkeys(r.codes)) for r in rows),
        "problem": text(_numbered(r.problems) for r in rows),
        "todo": text(_numbered(r.todos) for r in rows),
        "priority": pd.array([r.priority for r in rows], dtype="Int64"),
        "members": pd.array([r.members for r in rows], dtype="Int64"),
        "responsible_unit": text(
            ctx.responsible(r.community, r.area, street=r.action is None and any(
                c in _STREET_CODES for c in r.codes))
            for r in rows),
        "responsible_person": text([None] * n),
        "due": pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]"),
        "progress": pd.Categorical([PROGRESS_CHOICES[0]] * n, categories=PROGRESS_CHOICES),
        "remark": text([None] * n),
        "action_id": pd.array([r.action_id for r in rows], dtype="Int64"),
        "action": text(r.action for r in rows),
    }, columns=list(COLUMNS))


def action_names_zh(actions: Iterable[str | None]) -> list[str]:
    """Chinese names of action kinds (empty for none)."""
    return [ACTION_NAMES_ZH.get(a, "") if a else "" for a in actions]


# --- reading a filled work list -------------------------------------------------------
@dataclass(frozen=True)
class RowProblem:
    """A cell (or sheet) of a filled work list that could not be read, and what to do.

    Attributes
    ----------
    file, sheet : str
        The workbook and the sheet (``None`` for the workbook as a whole).
    row : int or None
        The row number a spreadsheet program shows.
    column : str or None
        The column's header (``进展``, ``完成时限``, ``action_id``, ``单位编号``, ``序号``).
    value : str or None
        What the cell holds, as text.
    problem : str
        ``unknown_progress``, ``bad_date``, ``bad_action_id``, ``units_disagree``,
        ``unmatched``, ``duplicate`` or ``sheet_not_read``.
    message : str
        What is wrong and what to do (in the language of :mod:`graphkit.messages`).
    """

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    problem: str
    message: str

    def format(self) -> str:
        """``file[sheet]:row:column 'value': problem：message`` (as SPEC 9's review)."""
        where = self.file + (f"[{visible(self.sheet)}]" if self.sheet is not None else "")
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{visible(self.column)}"
        value = f" {visible(self.value)!r}" if self.value not in (None, "") else ""
        sep = "：" if current_language() == "zh" else ": "
        return f"{where}{value}: {self.problem}{sep}{self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "value": self.value, "problem": self.problem,
                "message": self.message}


@dataclass(frozen=True)
class FilledWorklist:
    """What :func:`read_worklist` read.

    Attributes
    ----------
    file : str
        The workbook's name.
    rows : DataFrame
        One row per non-empty row of every work-list sheet, in sheet and row order:
        ``sheet``, ``row``, the keys ``action_id`` (``Int64``), ``units`` (list),
        ``number`` (``Int64``), whether the cell of each key was filled (``id_given``,
        ``units_given``) and whether the sheet has the column (``has_action_id``), the
        values ``reported`` (``not_started``, ``in_progress``, ``done`` or ``None``) and
        ``due`` (a :class:`datetime.date` or ``None``), and ``filled`` (进展 or 完成时限
        holds something).
    sheets : list of str
        The sheets read as work lists.
    problems : list of RowProblem
        Every cell that could not be read (and every sheet that was not read).
    """

    file: str
    rows: pd.DataFrame
    sheets: list[str]
    problems: list[RowProblem]


_ROW_COLUMNS = ["sheet", "row", "action_id", "id_given", "units", "units_given", "number",
                "has_action_id", "reported", "due", "filled"]
_FLAGS = ("id_given", "units_given", "has_action_id", "filled")
#: Header words of a filled sheet (after :func:`_header_key`) -> the column they are.
_HEADER_WORDS = {
    "进展": "progress", "进展情况": "progress", "进度": "progress", "完成情况": "progress",
    "完成时限": "due", "完成时间": "due", "完成期限": "due", "时限": "due",
    "截止日期": "due", "截止时间": "due",
    "action_id": "action_id", "actionid": "action_id", "措施编号": "action_id",
    "单位编号": "units", "对象编号": "units",
    "序号": "number",
}
#: The other sheets of graphkit's own workbooks (not work lists: never named as not read).
_OWN_SHEETS = frozenset({"概况", "概览", "街道对比", "新增指导员", "覆盖率", "单位覆盖", "发现",
                         "双圈", "四个融合", "说明", "汇总", "核验", "分街道", "问题清单"})
_HEADER_ROWS = 30
_SPLIT = re.compile(r"[、,，;；\s]+")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$")
_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")
_PROGRESS_OF = {**{zh: code for code, zh in V.PROGRESS_NAMES_ZH.items()},
                **V.PROGRESS_SYNONYMS_ZH, **{code: code for code in V.PROGRESS_STATES}}
_ALLOWED = "、".join(PROGRESS_CHOICES)


def _header_key(value: Any) -> str | None:
    """A header cell as a key of :data:`_HEADER_WORDS` (NFKC, no white space, no trailing
    remark in brackets, lower case), or None."""
    if value is None:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))
    text = _BRACKET.sub("", text).lower()
    return _HEADER_WORDS.get(text)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)


def _date(value: Any) -> dt.date | None:
    """A 完成时限 cell as a date: a date cell, or text like 2021-06-30, 2021/6/30,
    2021.6.30, 2021年6月30日; None when it is no date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    m = _DATE.match(text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _index(value: Any) -> int | None:
    """A whole number (an ``action_id`` or 序号 cell), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if re.fullmatch(r"[+]?\d+(\.0+)?", text):
            return int(float(text))
    return None


def _units(value: Any) -> list[str]:
    if _blank(value):
        return []
    text = unicodedata.normalize("NFKC", _cell_text(value))
    return [u for u in _SPLIT.split(text) if u]


def _source_name(source: Any) -> str:
    if isinstance(source, str | os.PathLike):
        return os.path.basename(os.fspath(source))
    return str(getattr(source, "name", "worklist.xlsx"))


#: What a damaged or foreign file raises while it is opened or read as a workbook (XML
#: parse errors of ElementTree and lxml are SyntaxErrors).
_XLSX_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError,
                TypeError, IndexError, AttributeError, SyntaxError)


def _unreadable(file: str, exc: BaseException) -> UsageError:
    return UsageError(t("worklist.not_xlsx", file=file,
                        detail=f"{exc.__class__.__name__}: {str(exc)[:200]}"))


def _open(source: Any, file: str) -> Any:
    """The workbook `source`, read within graphkit's limits (a regular file of at most
    :data:`~graphkit.network._input.LIMITS` ``xlsx`` bytes that expands to at most
    :data:`~graphkit.network._readers.MAX_XLSX_EXPANDED`)."""
    from openpyxl import load_workbook

    if isinstance(source, str | os.PathLike):
        try:
            data = read_regular(source, "xlsx")
        except FileNotFoundError as exc:
            raise UsageError(t("worklist.no_file", path=os.fspath(source))) from exc
        except OSError as exc:
            raise _unreadable(file, exc) from exc
    elif isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        data = source.read()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
        if expanded > MAX_XLSX_EXPANDED:
            raise UsageError(t("worklist.too_big", file=file, size=expanded,
                               limit=MAX_XLSX_EXPANDED))
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _XLSX_ERRORS as exc:
        raise _unreadable(file, exc) from exc


def read_worklist(source: str | os.PathLike[str] | bytes | Any) -> FilledWorklist:
    """Read a filled work list (an ``.xlsx`` workbook) as far as it can be read.

    Every sheet with a 进展 column (in one of its first 30 rows: title rows above the
    header are skipped) is read; headers match after NFKC, without white space and without
    a trailing remark in brackets. The other sheets of graphkit's own workbooks are
    skipped; any other sheet that holds something is named as not read. A 进展 outside
    :data:`PROGRESS_CHOICES` (进行中 is read as 推进中; blank is no report), a 完成时限 that
    is no date (a date cell, or text such as 2021-06-30, 2021/6/30 or 2021年6月30日) and
    an ``action_id`` that is no whole number are named (:class:`RowProblem`) and read as
    missing; the rest of the row is kept.

    Parameters
    ----------
    source : path, bytes or binary file
        The workbook.

    Returns
    -------
    FilledWorklist

    Raises
    ------
    UsageError
        The file is missing or no ``.xlsx`` workbook, or no sheet has a 进展 column.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook(); ws = wb.active; ws.title = "工作清单"
    >>> ws.append(["序号", "进展", "完成时限"])
    >>> ws.append([1, "已完成", "2021-06-30"]); ws.append([2, "暂缓", "下月"])
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> got = read_worklist(buf.getvalue())
    >>> got.rows["reported"].tolist(), got.rows["due"].tolist()
    (['done', None], [datetime.date(2021, 6, 30), None])
    >>> [p.problem for p in got.problems]
    ['unknown_progress', 'bad_date']
    """
    file = _source_name(source)
    wb = _open(source, file)
    problems: list[RowProblem] = []
    records: list[dict[str, Any]] = []
    sheets: list[str] = []
    try:
        _read_sheets(wb, file, problems, records, sheets)
    except _XLSX_ERRORS as exc:  # a damaged sheet
        raise _unreadable(file, exc) from exc
    finally:
        wb.close()
    if not sheets:
        raise UsageError(t("worklist.no_sheet", file=file))
    frame = pd.DataFrame({
        col: pd.array([rec[col] for rec in records], dtype="Int64")
        if col in ("action_id", "number", "row")
        else pd.Series([rec[col] for rec in records], dtype=bool if col in _FLAGS else object)
        for col in _ROW_COLUMNS}, columns=_ROW_COLUMNS)
    return FilledWorklist(file=file, rows=frame, sheets=sheets, problems=problems)


def _read_sheets(wb: Any, file: str, problems: list[RowProblem],
                 records: list[dict[str, Any]], sheets: list[str]) -> None:
    """Read every work-list sheet of `wb` into `records` (and `sheets`, `problems`)."""
    for ws in wb.worksheets:
        title = ws.title
        rows = ws.iter_rows(values_only=True)
        header: dict[str, int] = {}
        names: dict[str, str] = {}
        header_row = 0
        holds_something = False
        for r, values in enumerate(rows, start=1):
            if any(not _blank(v) for v in values):
                holds_something = True
            keys = [_header_key(v) for v in values]
            if "progress" in keys:
                for j, k in enumerate(keys):
                    if k is not None and k not in header:
                        header[k] = j
                        names[k] = visible(values[j])
                header_row = r
                break
            if r >= _HEADER_ROWS:
                break
        if not header:
            if holds_something and title not in _OWN_SHEETS:
                problems.append(RowProblem(file, title, None, None, None,
                                           "sheet_not_read", t("worklist.sheet_not_read")))
            continue
        sheets.append(title)
        for r, values in enumerate(rows, start=header_row + 1):
            rec = _read_row(values, header, names, file, title, r, problems)
            if rec is not None:
                records.append(rec)


def _read_row(values: Sequence[Any], header: dict[str, int], names: dict[str, str],
              file: str, sheet: str, r: int, problems: list[RowProblem]
              ) -> dict[str, Any] | None:
    def cell(key: str) -> Any:
        j = header.get(key)
        return values[j] if j is not None and j < len(values) else None

    if all(_blank(v) for v in values):
        return None
    raw_id, raw_units, raw_number = cell("action_id"), cell("units"), cell("number")
    raw_progress, raw_due = cell("progress"), cell("due")

    def problem(key: str, value: Any, code: str, message: str) -> None:
        problems.append(RowProblem(file, sheet, r, names.get(key, key),
                                   None if value is None else _cell_text(value), code,
                                   message))

    action_id = None
    if not _blank(raw_id):
        action_id = _index(raw_id)
        if action_id is None:
            problem("action_id", raw_id, "bad_action_id", t("worklist.bad_action_id"))
    reported = None
    if not _blank(raw_progress):
        key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw_progress)))
        reported = _PROGRESS_OF.get(key)
        if reported is None:
            close = difflib.get_close_matches(key, PROGRESS_CHOICES, n=1, cutoff=0.3)
            hint = t("worklist.did_you_mean", value=close[0]) if close else ""
            problem("progress", raw_progress, "unknown_progress",
                    t("worklist.unknown_progress", allowed=_ALLOWED, hint=hint))
    due = None
    if not _blank(raw_due):
        due = _date(raw_due)
        if due is None:
            problem("due", raw_due, "bad_date", t("worklist.bad_date"))
    number = _index(raw_number) if not _blank(raw_number) else None
    return {"sheet": sheet, "row": r, "action_id": action_id, "id_given": not _blank(raw_id),
            "units": _units(raw_units), "units_given": not _blank(raw_units),
            "number": number, "has_action_id": "action_id" in header,
            "reported": reported, "due": due,
            "filled": not _blank(raw_progress) or not _blank(raw_due)}


# --- matching rows to the plan's actions ----------------------------------------------
@dataclass(frozen=True)
class Match:
    """The rows of a filled work list matched to a plan's actions.

    Attributes
    ----------
    actions : DataFrame
        One row per action (index = the action's ``index``): ``reported``, ``due``,
        ``sheet``, ``row`` (where it was read; ``None`` for an action no row names) and
        ``by`` (``action_id``, ``units`` or ``number``).
    problems : list of RowProblem
        Rows that match no action, name another action's units, or repeat an action with
        other values.
    """

    actions: pd.DataFrame
    problems: list[RowProblem]


def _value(x: Any) -> Any:
    """A cell of a rows table, with pandas' missing markers as None."""
    return None if x is None or x is pd.NA or x is pd.NaT or (
        isinstance(x, float) and math.isnan(x)) else x


def _names(units: Sequence[str]) -> str:
    return "、".join(units)


def match_worklist(filled: FilledWorklist, units: Sequence[Sequence[str]]) -> Match:
    """Match the rows of `filled` to the actions whose units are `units` (in plan order).

    A row is matched by its ``action_id`` (the action's index; a row whose 单位编号 then
    lists other units is named ``units_disagree``); else by its unit ids (the action with
    exactly these units; ids that are part of one action's units match it and are named
    ``units_disagree``); else, in a sheet without an ``action_id`` column, by 序号 =
    index + 1. A row of a sheet with an ``action_id`` column whose ``action_id`` and unit
    ids are both blank, or whose units have no planned action, is a finding without an
    action (the audit's list): skipped. Any other row that matches nothing is named
    ``unmatched``; a second row for an action is ignored, and named ``duplicate`` when its
    进展 or 完成时限 differ from the first.

    Examples
    --------
    >>> rows = pd.DataFrame({"sheet": ["s", "s"], "row": [2, 3],
    ...     "action_id": pd.array([1, None], dtype="Int64"), "id_given": [True, False],
    ...     "units": [["u2"], ["u1"]], "units_given": [True, True],
    ...     "number": pd.array([2, 1], dtype="Int64"), "has_action_id": [True, True],
    ...     "reported": ["done", None], "due": [None, None], "filled": [True, False]})
    >>> m = match_worklist(FilledWorklist("w.xlsx", rows, ["s"], []), [["u1"], ["u2"]])
    >>> m.actions["reported"].tolist(), m.actions["by"].tolist()
    ([None, 'done'], ['units', 'action_id'])
    """
    n = len(units)
    sets = [frozenset(u) for u in units]
    exact: dict[frozenset[str], int] = {}
    owner: dict[str, int] = {}
    for i, s in enumerate(sets):
        exact.setdefault(s, i)
        for u in s:
            owner.setdefault(u, i)
    file = filled.file
    problems: list[RowProblem] = []
    got: dict[int, dict[str, Any]] = {}
    for rec in filled.rows.to_dict("records"):
        sheet, r = rec["sheet"], rec["row"]
        listed = list(rec["units"])
        aid = rec["action_id"]
        aid = None if aid is pd.NA or aid is None else int(aid)
        number = rec["number"]
        number = None if number is pd.NA or number is None else int(number)

        def problem(column: str, value: Any, code: str, message: str,
                    sheet: str = sheet, r: int = r) -> None:
            problems.append(RowProblem(file, sheet, r, column, value, code, message))

        index: int | None = None
        by = None
        named = rec["id_given"] and aid is None  # a typed-over action_id, named already
        if aid is not None:
            if 0 <= aid < n:
                index, by = aid, "action_id"
                if listed and frozenset(listed) != sets[aid]:
                    problem("单位编号", _names(listed), "units_disagree",
                            t("worklist.units_disagree", index=aid, number=aid + 1,
                              units=_names(units[aid])))
            else:
                problem("action_id", str(aid), "bad_action_id",
                        t("worklist.action_out_of_range", value=aid, last=n - 1))
                named = True
        if index is None and listed:
            hit = exact.get(frozenset(listed))
            owners = {owner.get(u) for u in listed}
            if hit is not None:
                index, by = hit, "units"
            elif len(owners) == 1 and None not in owners:
                index, by = owners.pop(), "units"
                problem("单位编号", _names(listed), "units_disagree",
                        t("worklist.units_partial", number=index + 1,
                          units=_names(units[index])))
            elif not (rec["has_action_id"] and not rec["id_given"]):
                problem("单位编号", _names(listed), "unmatched", t("worklist.unmatched_units"))
                continue
            else:
                continue  # a finding without a planned action (the audit's list)
        if index is None and not rec["has_action_id"] and not rec["units_given"] \
                and number is not None:
            if 1 <= number <= n:
                index, by = number - 1, "number"
            else:
                problem("序号", str(number), "unmatched",
                        t("worklist.unmatched_number", value=number, n=n))
                continue
        if index is None:
            if rec["filled"] and not named and not (
                    rec["has_action_id"] and not rec["id_given"] and not rec["units_given"]):
                problem("进展", None, "unmatched", t("worklist.unmatched"))
            continue
        if index in got:
            first = got[index]
            if (first["reported"], first["due"]) != (_value(rec["reported"]),
                                                     _value(rec["due"])):
                problem("进展", None, "duplicate",
                        t("worklist.duplicate", number=index + 1, sheet=first["sheet"],
                          row=first["row"]))
            continue
        got[index] = {"reported": _value(rec["reported"]), "due": _value(rec["due"]),
                      "sheet": sheet,
                      "row": r, "by": by}
    frame = pd.DataFrame({
        col: pd.Series([got.get(i, {}).get(col) for i in range(n)], dtype=object)
        for col in ("reported", "due", "sheet", "row", "by")})
    return Match(actions=frame, problems=problems)
