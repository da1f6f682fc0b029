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
from ..messages import t
from . import model as M
from .model import Column, Document, Metric, Metrics, Place, Section, Table, Text

__all__ = ["document"]

_METRICS = ("work", "organization", "own")


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
    metrics = Metrics([Metric(t(f"report.rate.{m}"), proj[m], round((proj[m] or 0) * n), n,
                              previous=cur[m], delta=None if cur[m] is None or proj[m] is None
                              else 100 * (proj[m] - cur[m])) for m in _METRICS],
                      previous=t("report.plan.now"), current=t("report.plan.after"))
    table = Table([Column(t("report.plan.action")), Column(t("report.plan.count"), M.COUNT)],
                  [[t(f"report.plan.summary.{k}"), v] for k, v in counts.items()],
                  title=t("report.plan.summary_table"), key="plan-summary")
    blocks: list[Any] = [
        Text(t("report.plan.rules", **{k: s[k] for k in (
            "min_branch_members", "max_joint_units", "max_branch_members",
            "instructor_capacity")}), "def"),
        metrics, table, Text(t("report.plan.approval"), "def")]
    if plan.restriction:
        blocks.append(Text(t("report.plan.narrowed", place=place.label, n=len(acts)), "note"))
    return Section(t("report.plan.summary"), "summary", blocks, summary=True,
                   nav=t("report.plan.nav.summary"))


def _streets(plan: Plan, place: Place) -> Section:
    cur, proj = plan.current["by_area"], plan.projected["by_area"]
    acts = plan.actions
    cols = [Column(t("report.street"), M.REF, filter="street"),
            Column(t("report.units"), M.COUNT, short=t("report.plan.units_short"))]
    for m in _METRICS:
        rate = t(f"report.rate.{m}")
        drop = 2 if m == "own" else 0
        cols += [Column(t("report.plan.col_now", rate=rate), M.RATE,
                        short=t(f"report.plan.short_now.{m}"), drop=drop),
                 Column(t("report.plan.col_after", rate=rate), M.RATE,
                        short=t(f"report.plan.short_after.{m}"), drop=drop)]
    cols += [Column(t("report.plan.actions_n"), M.COUNT, short=t("report.plan.action")),
             Column(t("report.plan.new_joint"), M.COUNT, short=t("report.plan.new_joint_short"),
                    drop=1),
             Column(t("report.plan.new_instructors"), M.COUNT,
                    short=t("report.plan.new_instructors_short"), drop=1)]
    keys = sorted(cur.index, key=str)
    if place.level != "city":
        keys = [k for k in keys if (acts["area"] == k).any() or k == place.id
                or k in str(plan.restriction.get("area", ""))]
    rows = []
    for key in keys + ([None] if acts["area"].isna().any() else []):
        part = acts[acts["area"].isna()] if key is None else acts[acts["area"] == key]
        row: list[Any] = [(key, plan.names.get(key, key) if key else t("report.no_street"))]
        if key is None:
            row += [None] + [None] * 2 * len(_METRICS)
        else:
            row.append(int(cur.at[key, "units"]))
            for m in _METRICS:
                row += [cur.at[key, m], proj.at[key, m]]
        row += [len(part), int((part["action"] == "form_joint").sum()),
                int(part.loc[part["instructor_new"], "instructor"].nunique())]
        rows.append(row)
    total = None
    if place.level == "city" and len(keys) > 1:
        c, p = plan.current["rates"].loc["all"], plan.projected["rates"].loc["all"]
        total = [(None, t("report.city")), int(c["units"])]
        for m in _METRICS:
            total += [c[m], p[m]]
        total += [len(acts), int((acts["action"] == "form_joint").sum()),
                  int(acts.loc[acts["instructor_new"], "instructor"].nunique())]
    title = t("report.plan.streets")
    tab = Table(cols, rows, title=title, key="streets", total=total, sheet="街道对比", brief=6,
                unit=t("report.unit.areas"))
    return Section(title, "streets", [tab], summary=True, nav=t("report.plan.nav.streets"))


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
    tab.empty = t("report.plan.no_actions")
    return Section(t("report.plan.actions"), "actions", [
        Text(t("report.plan.actions_hint"), "hint"), tab, priority_note()],
        nav=t("report.plan.nav.actions"))


def _instructors(plan: Plan) -> Section:
    acts = plan.actions
    need = acts[acts["instructor_new"]]
    key = need["area"].fillna("")
    per = need.groupby(key, sort=True)["instructor"].nunique()
    units = need.groupby(key, sort=True).size()
    tab = Table([Column("街道（镇）", M.REF, id_title="编号"), Column("新增指导员（人）", M.COUNT),
                 Column("联系单位（个）", M.COUNT)],
                [[(k or None, plan.names.get(k, k) if k else t("report.no_street")),
                  int(per[k]), int(units[k])] for k in per.index],
                key="instructors", sheet="新增指导员", empty=t("report.plan.no_instructors"))
    return Section(t("report.plan.instructors"), "instructors", [tab],
                   nav=t("report.plan.nav.instructors"))


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
    scope = t(f"report.scope.{s['scope']}") if s["scope"] in ("all", "two_new") else s["scope"]
    meta = [t("report.plan.meta", scope=scope, units=f"{int(cur['units']):,}",
              n=len(plan.actions))]
    if place.level != "city":
        meta.insert(0, t("report.plan.only", place=place.label, id=place.id))
    name = plan.network.name if plan.network is not None else ""
    return Document(t("report.plan.title", name=name), place, meta,
                    [_summary(plan, place), _streets(plan, place), _work_list(plan),
                     _instructors(plan)],
                    sheet="概况", sheet_order=("街道对比", "工作清单", "新增指导员"),
                    terminal_detail=True, more=t("report.plan.more"))
