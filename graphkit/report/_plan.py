"""The plan's report (SPEC section 6) as a :class:`~graphkit.report.model.Document`: the
summary (what the plan does, the rates now and after), the streets, then the action list
grouped by street and community — each action with who proposes it, who approves it and
what it needs — which is also the workbook's 工作清单 (责任单位 / 责任人 / 完成时限 / 进展
to fill in, a hidden ``action_id``), and the new instructors per street.

A plan narrowed to a place (:func:`graphkit.narrow`) lists the place's actions; its
summary and rates are then the place's (the actions listed, the rates of its street or
community), while the JSON document keeps the whole plan's summary.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.planning import ACTION_NAMES_ZH, Plan
from .model import (
    COUNT,
    RATE,
    REF,
    Column,
    Document,
    Metric,
    Metrics,
    Place,
    Section,
    Table,
    Text,
)

__all__ = ["document"]

_NO_AREA, _NO_COMMUNITY = "未归属街道（镇）", "未归属社区"
_SUMMARY_ZH = {
    "form_branch": "单独组建党组织的单位", "join_joint": "纳入现有联合党组织的单位",
    "form_joint": "新建联合党支部覆盖的单位", "new_joint_branches": "新建联合党支部",
    "affiliate": "挂靠社区党组织的单位", "assign_instructor": "选派党建工作指导员的单位",
    "new_instructors": "需新增的党建工作指导员",
}
_METRICS = (("work", "工作覆盖率"), ("organization", "组织覆盖率"), ("own", "单独组建率"))
_SCOPE_ZH = {"all": "全部单位", "two_new": "两新组织"}


def _counts(acts: pd.DataFrame) -> dict[str, int]:
    """The plan's summary over `acts` (units per action, branches and instructors made)."""
    units = {a: int(sum(len(u) for u in acts.loc[acts["action"] == a, "units"]))
             for a in ACTION_NAMES_ZH}
    return {"form_branch": units["form_branch"], "join_joint": units["join_joint"],
            "form_joint": units["form_joint"],
            "new_joint_branches": int((acts["action"] == "form_joint").sum()),
            "affiliate": units["affiliate"], "assign_instructor": units["assign_instructor"],
            "new_instructors": int(acts.loc[acts["instructor_new"], "instructor"].nunique())}


def _place(plan: Plan) -> Place:
    r = plan.restriction
    if r.get("community"):
        return Place("community", r["community"], r["community_name"], r.get("area_name"))
    if r.get("area"):
        return Place("area", r["area"], r["area_name"])
    return Place("city", None, plan.network.name if plan.network is not None else "")


def _rates(plan: Plan, place: Place) -> tuple[pd.Series, pd.Series]:
    """The rates now and after of the place (the whole plan's for the city)."""
    if place.level == "community" and "、" not in str(place.id):
        group, key = "by_community", place.id
    elif place.level == "area" and "、" not in str(place.id):
        group, key = "by_area", place.id
    else:
        group, key = "rates", "all"
    cur, proj = plan.current[group], plan.projected[group]
    if key not in cur.index:
        empty = pd.Series({"units": 0, "own": None, "organization": None, "work": None})
        return empty, empty
    return cur.loc[key], proj.loc[key]


def _summary(plan: Plan, place: Place) -> Section:
    s = plan.settings
    acts = plan.actions
    counts = _counts(acts)
    cur, proj = _rates(plan, place)
    n = int(cur["units"])
    metrics = Metrics([Metric(zh, proj[m], round((proj[m] or 0) * n), n, previous=cur[m],
                              delta=None if cur[m] is None or proj[m] is None
                              else 100 * (proj[m] - cur[m])) for m, zh in _METRICS],
                      previous="现状", current="整改后")
    table = Table([Column("措施"), Column("个数", COUNT)],
                  [[_SUMMARY_ZH[k], v] for k, v in counts.items()], title="措施汇总",
                  key="plan-summary")
    blocks: list[Any] = [
        Text(f"规则（《中国共产党支部工作条例（试行）》第四、五条）：正式党员 "
             f"{s['min_branch_members']} 名以上的单位单独组建；不足的与邻近单位联合组建，联合"
             f"党支部覆盖单位一般不超过 {s['max_joint_units']} 个、党员一般不超过 "
             f"{s['max_branch_members']} 名；没有党员的单位选派党建工作指导员，每名指导员联系"
             f"单位不超过 {s['instructor_capacity']} 个。", "def"),
        metrics, table,
        Text("各项措施由所在街道党工委（镇党委）审批；联合组建和挂靠由社区党组织提出。", "def")]
    if plan.restriction:
        blocks.append(Text(f"本计划只列{place.label}的 {len(acts)} 项措施及其覆盖率；JSON 文档的"
                           "汇总为整个计划。", "note"))
    return Section("概况：整改后的覆盖率与措施", "summary", blocks, summary=True, nav="概况")


def _streets(plan: Plan, place: Place) -> Section:
    cur, proj = plan.current["by_area"], plan.projected["by_area"]
    acts = plan.actions
    cols = [Column("街道（镇）", REF, filter="street"),
            Column("单位数（分母）", COUNT, short="单位")]
    for m, zh in _METRICS:
        cols += [Column(f"{zh}（现状）", RATE, short=f"{zh[:2]}现状", drop=2 if m == "own" else 0),
                 Column(f"{zh}（整改后）", RATE, short=f"{zh[:2]}整改后",
                        drop=2 if m == "own" else 0)]
    cols += [Column("措施数", COUNT, short="措施"),
             Column("新建联合党支部", COUNT, short="新联合", drop=1),
             Column("新增指导员", COUNT, short="新指导员", drop=1)]
    keys = sorted(cur.index, key=str)
    if place.level != "city":
        keys = [k for k in keys if (acts["area"] == k).any() or k == place.id
                or k in str(plan.restriction.get("area", ""))]
    rows = []
    for key in keys + ([None] if acts["area"].isna().any() else []):
        part = acts[acts["area"].isna()] if key is None else acts[acts["area"] == key]
        row: list[Any] = [(key, plan.names.get(key, key) if key else _NO_AREA)]
        if key is None:
            row += [None] + [None] * 2 * len(_METRICS)
        else:
            row.append(int(cur.at[key, "units"]))
            for m, _ in _METRICS:
                row += [cur.at[key, m], proj.at[key, m]]
        row += [len(part), int((part["action"] == "form_joint").sum()),
                int(part.loc[part["instructor_new"], "instructor"].nunique())]
        rows.append(row)
    total = None
    if place.level == "city" and len(keys) > 1:
        c, p = plan.current["rates"].loc["all"], plan.projected["rates"].loc["all"]
        total = [(None, "全市"), int(c["units"])]
        for m, _ in _METRICS:
            total += [c[m], p[m]]
        total += [len(acts), int((acts["action"] == "form_joint").sum()),
                  int(acts.loc[acts["instructor_new"], "instructor"].nunique())]
    tab = Table(cols, rows, title="各街道（镇）覆盖率：现状与整改后", key="streets", total=total,
                sheet="街道对比", brief=6, unit="个街道（镇）")
    return Section("各街道（镇）覆盖率：现状与整改后", "streets", [tab], summary=True,
                   nav="街道")


def _work_list(plan: Plan) -> Section:
    """The action list — the work list (:func:`graphkit.work_list`, the audit's 行动清单
    too): one row per action with the findings on its units, what to do for the case, the
    priority and 责任单位; grouped by street and community on a page and in a terminal; the
    workbook's 工作清单, with 责任人 / 完成时限 / 进展 / 备注 to fill in and the hidden
    ``action_id`` (序号 = the action's index + 1)."""
    from ..analysis.gaps import findings
    from ..analysis.planning import scope_of
    from ..analysis.worklist import work_list
    from ._worklist import priority_note, work_table

    found = None
    if plan.network is not None:
        found = findings(plan.network, scope=scope_of(plan.settings["scope"]),
                         min_branch_members=plan.settings["min_branch_members"])
    tab = work_table(work_list(plan, found, planned_only=True), sheet="工作清单",
                     line="{5}：{8}")
    tab.empty = "（无需采取措施）"
    return Section("措施清单（按街道、社区）", "actions", [
        Text("可按街道、社区、类别筛选，或搜索单位名称；工作簿的“工作清单”可分派、填写进展。",
             "hint"), tab, priority_note()], nav="措施清单")


def _instructors(plan: Plan) -> Section:
    acts = plan.actions
    need = acts[acts["instructor_new"]]
    key = need["area"].fillna("")
    per = need.groupby(key, sort=True)["instructor"].nunique()
    units = need.groupby(key, sort=True).size()
    tab = Table([Column("街道（镇）", REF, id_title="编号"), Column("新增指导员（人）", COUNT),
                 Column("联系单位（个）", COUNT)],
                [[(k or None, plan.names.get(k, k) if k else _NO_AREA), int(per[k]),
                  int(units[k])] for k in per.index],
                key="instructors", sheet="新增指导员", empty="无需新增指导员。")
    return Section("需新增的党建工作指导员（按街道）", "instructors", [tab], nav="指导员")


def document(plan: Plan) -> Document:
    """The plan's report (see the module docs).

    Examples
    --------
    >>> import graphkit as gk
    >>> doc = document(gk.narrow(gk.plan(gk.read_dataset("data/sihui")), areas=["area-zs"]))
    >>> doc.full_title
    '党组织覆盖整改计划：四会市城区基层党建网络（示例）（贞山街道）'
    """
    place = _place(plan)
    s = plan.settings
    cur = _rates(plan, place)[0]
    meta = [f"统计范围：{_SCOPE_ZH.get(s['scope'], s['scope'])}，单位 {int(cur['units']):,} 个"
            f"（分母）；措施 {len(plan.actions)} 项。"]
    if place.level != "city":
        meta.insert(0, f"仅{place.label}（{place.id}）。")
    name = plan.network.name if plan.network is not None else ""
    return Document(f"党组织覆盖整改计划：{name}", place, meta,
                    [_summary(plan, place), _streets(plan, place), _work_list(plan),
                     _instructors(plan)],
                    sheet="概况", sheet_order=("街道对比", "工作清单", "新增指导员"),
                    terminal_detail=True, more="（完整清单见 --format xlsx/html）")
