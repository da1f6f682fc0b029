"""Render a :class:`~graphkit.Plan` as a Chinese action list: terminal table, Markdown,
self-contained HTML, a work-list workbook, or the JSON document of SPEC section 6.

Every format is built from one model (:func:`_model`): the summary, the rates per street
now and after the plan, and the actions grouped by street (area), then community, each with
who proposes it, who approves it and what it needs.
"""

from __future__ import annotations

import html
import io
import itertools
import math
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import orjson
import pandas as pd

from .. import vocab as V
from ..analysis.planning import ACTION_NAMES_ZH, ACTION_NEEDS_ZH, Plan

__all__ = ["BINARY_FORMATS", "FORMATS", "render", "select"]

FORMATS = ("table", "json", "markdown", "xlsx", "html")
BINARY_FORMATS = ("xlsx",)
_NO_AREA, _NO_COMMUNITY = "未归属街道（镇）", "未归属社区"
_SUMMARY_ZH = {
    "form_branch": "单独组建党组织的单位", "join_joint": "纳入现有联合党组织的单位",
    "form_joint": "新建联合党支部覆盖的单位", "new_joint_branches": "新建联合党支部",
    "affiliate": "挂靠社区党组织的单位", "assign_instructor": "选派党建工作指导员的单位",
    "new_instructors": "需新增的党建工作指导员",
}
_METRICS = (("own", "单独组建率"), ("organization", "组织覆盖率"), ("work", "工作覆盖率"))


def select(plan: Plan, *, areas: Collection[str] = (), communities: Collection[str] = ()
           ) -> pd.DataFrame:
    """The actions of `plan` in the given areas and communities (ids; all when empty)."""
    acts = plan.actions
    keep = pd.Series(True, index=acts.index)
    if areas:
        keep &= acts["area"].isin(list(areas))
    if communities:
        keep &= acts["community"].isin(list(communities))
    return acts[keep]


def _pct(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{100 * x:.1f}%"


@dataclass
class _Group:
    area: str | None
    title: str
    communities: list[tuple[str, list[list[str]]]] = field(default_factory=list)


_ACTION_HEADERS = ["措施", "涉及单位", "党员数", "党组织", "指导员", "说明", "提出", "审批",
                   "所需"]


def _unit_names(plan: Plan) -> dict[str, str]:
    return dict(zip(plan.units["id"], plan.units["name"], strict=True))


def _action_rows(acts: pd.DataFrame, plan: Plan) -> list[list[str]]:
    unames = _unit_names(plan)
    rows = []
    for a in acts.itertuples(index=False):
        org = "" if a.org is None else f"{a.org_name or plan.names.get(a.org, a.org)}（{a.org}）"
        if a.org_new:
            org = "新建 " + org
        inst = "" if a.instructor is None else (
            ("新增 " if a.instructor_new else "现有 ") + a.instructor)
        rows.append([ACTION_NAMES_ZH[a.action],
                     "、".join(f"{unames.get(u, u)}（{u}）" for u in a.units),
                     str(int(a.members)), org, inst, a.message, a.proposer, a.approver,
                     ACTION_NEEDS_ZH[a.action]])
    return rows


def _groups(acts: pd.DataFrame, plan: Plan) -> list[_Group]:
    names = plan.names
    out: list[_Group] = []
    for (area, comm), part in _ordered_groups(acts):
        if not out or out[-1].area != area:
            out.append(_Group(area, names.get(area, area) if area else _NO_AREA))
        title = f"{names.get(comm, comm)}（{comm}）" if comm else _NO_COMMUNITY
        out[-1].communities.append((title, _action_rows(part, plan)))
    return out


def _ordered_groups(acts: pd.DataFrame) -> list[tuple[tuple[Any, Any], pd.DataFrame]]:
    """(area, community) groups in plan order (the actions are sorted already)."""
    if acts.empty:
        return []
    key = list(zip(acts["area"].tolist(), acts["community"].tolist(), strict=True))
    bounds = [0] + [i for i in range(1, len(key)) if key[i] != key[i - 1]] + [len(key)]
    return [(key[s], acts.iloc[s:e]) for s, e in itertools.pairwise(bounds)]


def _area_rows(plan: Plan) -> list[list[str]]:
    """Per street: units, each rate now -> after, actions and new instructors."""
    cur, proj = plan.current["by_area"], plan.projected["by_area"]
    acts = plan.actions
    rows = []
    keys = [*cur.index.tolist(), None] if acts["area"].isna().any() else cur.index.tolist()
    for key in keys:
        part = acts[acts["area"].isna()] if key is None else acts[acts["area"] == key]
        new_inst = part.loc[part["instructor_new"], "instructor"].nunique()
        if key is None:
            row = [_NO_AREA, "—"] + ["—"] * len(_METRICS)
        else:
            c, p = cur.loc[key], proj.loc[key]
            row = [plan.names.get(key, key), str(int(c["units"]))]
            row += [f"{_pct(c[m])} → {_pct(p[m])}" for m, _ in _METRICS]
        row += [str(len(part)), str(int((part["action"] == "form_joint").sum())),
                str(int(new_inst))]
        rows.append(row)
    return rows


_AREA_HEADERS = ["街道（镇）", "单位数（分母）", *(f"{zh}（现状 → 整改后）" for _, zh in _METRICS),
                 "措施数", "新建联合党支部", "新增指导员"]


def _overview(plan: Plan, shown: int) -> list[str]:
    s = plan.settings
    cur = plan.current["rates"].loc["all"]
    proj = plan.projected["rates"].loc["all"]
    scope = {"all": "全部单位", "two_new": "两新组织"}.get(s["scope"], s["scope"])
    meta = plan.network
    lines = [
        f"数据集：{meta.name if meta is not None else '—'}；统计范围：{scope}，"
        f"单位 {int(cur['units'])} 个（分母）。",
        f"规则（《中国共产党支部工作条例（试行）》第四、五条）：正式党员 {s['min_branch_members']} "
        f"名以上的单位单独组建；不足的与邻近单位联合组建，联合党支部覆盖单位一般不超过 "
        f"{s['max_joint_units']} 个、党员一般不超过 {s['max_branch_members']} 名；没有党员的单位"
        f"选派党建工作指导员，每名指导员联系单位不超过 {s['instructor_capacity']} 个。",
        "；".join(f"{_SUMMARY_ZH[k]} {v} 个" for k, v in plan.summary.items()) + "。",
        "；".join(f"{zh} {_pct(cur[m])} → {_pct(proj[m])}" for m, zh in _METRICS) + "。",
        "审批：各项措施由所在街道党工委（镇党委）审批；联合组建和挂靠由社区党组织提出。",
    ]
    if shown != len(plan.actions):
        lines.append(f"本清单按所选街道（镇）/社区列出 {shown} 项措施（全部 {len(plan.actions)} "
                     "项）；汇总和覆盖率为整个计划。")
    return lines


def to_json_bytes(plan: Plan, acts: pd.DataFrame | None = None) -> bytes:
    doc = plan.to_dict()
    if acts is not None and len(acts) != len(plan.actions):
        keep = set(acts.index)
        doc["actions"] = [a for i, a in enumerate(doc["actions"]) if i in keep]
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def _title(plan: Plan) -> str:
    return f"党组织覆盖整改计划：{plan.network.name if plan.network is not None else ''}"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(plan: Plan, acts: pd.DataFrame) -> str:
    lines = [f"# {_title(plan)}", "", "## 概况", ""]
    for t in _overview(plan, len(acts)):
        lines += [t, ""]

    def table(headers: list[str], rows: list[list[str]]) -> None:
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        lines.extend("| " + " | ".join(_md(c) for c in r) + " |" for r in rows)
        lines.append("")

    lines += ["## 各街道（镇）覆盖率：现状与整改后", ""]
    table(_AREA_HEADERS, _area_rows(plan))
    lines += ["## 措施清单（按街道、社区）", ""]
    if acts.empty:
        lines += ["（无需采取措施）", ""]
    for g in _groups(acts, plan):
        lines += [f"### {g.title}", ""]
        for title, rows in g.communities:
            lines += [f"#### {title}", ""]
            table(_ACTION_HEADERS, rows)
    return "\n".join(lines)


def to_text(plan: Plan, acts: pd.DataFrame, *, width: int = 140) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None,
                      highlight=False)
    console.rule(f"[bold]{escape(_title(plan))}")
    for t in _overview(plan, len(acts)):
        console.print(t, markup=False, soft_wrap=True)
    t = Table(title="各街道（镇）覆盖率：现状与整改后", title_justify="left")
    for h in _AREA_HEADERS:
        t.add_column(h, overflow="fold")
    for r in _area_rows(plan):
        t.add_row(*(escape(c) for c in r))
    console.print(t)
    if acts.empty:
        console.print("（无需采取措施）")
    for g in _groups(acts, plan):
        console.print()
        console.print(f"[bold]■ {escape(g.title)}[/bold]")
        for title, rows in g.communities:
            console.print(f"[bold]  {escape(title)}[/bold]（{len(rows)} 项）")
            for r in rows:
                console.print(f"    • [{r[0]}] {r[5]}。提出：{r[6]}；审批：{r[7]}。",
                              markup=False, soft_wrap=True)
    return buf.getvalue()


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
sans-serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.5}
h1{color:#b00}h2{border-bottom:2px solid #b00;padding-bottom:.2em}h3{color:#822}
table{border-collapse:collapse;margin:.5em 0 1.5em;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f6e7e7}tr:nth-child(even) td{background:#fafafa}
table.actions{width:100%;table-layout:fixed}
.bar{display:inline-block;height:.7em;background:#c33;vertical-align:middle}
.bar.now{background:#bbb}.rate{white-space:nowrap}
"""


def _bars(cur: float | None, proj: float | None) -> str:
    def bar(x: float | None, cls: str) -> str:
        w = 0 if x is None or math.isnan(x) else round(80 * x)
        return f'<span class="bar {cls}" style="width:{w}px"></span>'

    return (f'<span class="rate">{bar(cur, "now")} {_pct(cur)}<br>{bar(proj, "after")} '
            f"{_pct(proj)}</span>")


_COLGROUP = "<colgroup>" + "".join(
    f'<col style="width:{w}%">' for w in (8, 14, 5, 13, 8, 22, 9, 8, 13)) + "</colgroup>"


def to_html(plan: Plan, acts: pd.DataFrame) -> str:
    esc = html.escape
    title = _title(plan)
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{esc(title)}</h1>", "<section><h2>概况</h2>"]
    parts += [f"<p>{esc(t)}</p>" for t in _overview(plan, len(acts))]
    parts.append("</section><section><h2>各街道（镇）覆盖率：现状（灰）与整改后（红）</h2>")
    head = ["街道（镇）", "单位数（分母）", *(zh for _, zh in _METRICS), "措施数",
            "新建联合党支部", "新增指导员"]
    parts.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head)
                 + "</tr></thead><tbody>")
    cur, proj = plan.current["by_area"], plan.projected["by_area"]
    for key, row in zip([*cur.index.tolist(), None], _area_rows(plan), strict=False):
        cells = [esc(row[0]), esc(row[1])]
        if key is None:
            cells += ["—"] * len(_METRICS)
        else:
            cells += [_bars(cur.loc[key, m], proj.loc[key, m]) for m, _ in _METRICS]
        cells += [esc(c) for c in row[2 + len(_METRICS):]]
        parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    parts.append("</tbody></table></section><section><h2>措施清单（按街道、社区）</h2>")
    if acts.empty:
        parts.append("<p>（无需采取措施）</p>")
    for g in _groups(acts, plan):
        parts.append(f"<h3>{esc(g.title)}</h3>")
        for ctitle, rows in g.communities:
            parts.append(f"<h4>{esc(ctitle)}（{len(rows)} 项）</h4><table class=\"actions\">"
                         + _COLGROUP + "<thead><tr>"
                         + "".join(f"<th>{esc(h)}</th>" for h in _ACTION_HEADERS)
                         + "</tr></thead><tbody>")
            parts += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>"
                      for r in rows]
            parts.append("</tbody></table>")
    parts.append("</section></body></html>\n")
    return "\n".join(parts)


#: Progress values offered in the work list's 进展 column.
PROGRESS = ("未开始", "进行中", "已完成")


def to_xlsx(plan: Plan, acts: pd.DataFrame) -> bytes:
    """A work list: sheets 概况, 街道对比 (rates now and after, per street), 工作清单 (one row
    per action with 责任单位 / 责任人 / 完成时限 / 进展 to fill in) and 新增指导员."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    from ._workbook import _list_sheet
    from .model import COUNT, DELTA, RATE, Column, Table

    def plain_sheet(wb: Any, title: str, headers: list[str], rows: list[list[Any]], *,
                    formats: dict[int, str] | None = None, wrap: Any = ()) -> Any:
        kinds = {"0.0%": RATE, "+0.0;-0.0;0.0": DELTA}
        cols = [Column(h, kinds.get((formats or {}).get(i, ""), COUNT if rows and all(
            isinstance(r[i - 1], int) and not isinstance(r[i - 1], bool)
            for r in rows if r[i - 1] is not None) and any(r[i - 1] is not None for r in rows)
            else "text"), wrap=i in wrap) for i, h in enumerate(headers, start=1)]
        return _list_sheet(wb, Table(cols, rows, sheet=title))

    wb = Workbook()
    wb.remove(wb.active)

    def sheet(title: str, headers: list[str], rows: list[list[Any]],
              pct: Collection[int] = (), wrap: Collection[int] = ()) -> Any:
        return plain_sheet(wb, title, headers, rows, formats=dict.fromkeys(pct, "0.0%"),
                           wrap=wrap)

    sheet("概况", ["项目", "内容"],
          [["计划", _title(plan)], *[["说明", t] for t in _overview(plan, len(acts))],
           *[[_SUMMARY_ZH[k], v] for k, v in plan.summary.items()]], wrap={2})
    cur, proj = plan.current, plan.projected
    rows = []
    for group, key_name in (("rates", "全部"), ("two_new", "两新组织"), ("by_area", None),
                            ("by_kind", None)):
        for key in cur[group].index:
            c, p = cur[group].loc[key], proj[group].loc[key]
            label = key_name or (V.KIND_NAMES_ZH.get(key, key) if group == "by_kind"
                                 else plan.names.get(key, key))
            rows.append([{"rates": "总体", "two_new": "总体", "by_area": "街道（镇）",
                          "by_kind": "单位类型"}[group], label, str(key), int(c["units"]),
                         *(x for m, _ in _METRICS for x in (c[m], p[m]))])
    sheet("街道对比", ["分组", "名称", "编号", "单位数（分母）",
                   *(f"{zh}{w}" for _, zh in _METRICS for w in ("（现状）", "（整改后）"))],
          rows, pct=range(5, 11))
    unames = _unit_names(plan)
    names = plan.names
    work = []
    for i, a in enumerate(acts.itertuples(index=False), start=1):
        comm_core = names.get(a.reports_to, a.reports_to) if a.reports_to else None
        work.append([
            i, names.get(a.area, a.area) if a.area else _NO_AREA,
            names.get(a.community, a.community) if a.community else _NO_COMMUNITY,
            ACTION_NAMES_ZH[a.action], "、".join(a.units),
            "、".join(unames.get(u, u) for u in a.units), int(a.members), a.org,
            a.org_name, "新建" if a.org_new else ("现有" if a.org else None), a.instructor,
            ("新增" if a.instructor_new else "现有") if a.instructor else None, a.message,
            a.proposer, a.approver, ACTION_NEEDS_ZH[a.action],
            a.proposer if a.action != "form_branch" else (comm_core or a.approver),
            None, None, PROGRESS[0]])
    ws = sheet("工作清单", ["序号", "街道（镇）", "社区", "措施", "单位编号", "单位名称", "党员数",
                        "党组织编号", "党组织", "新建/现有", "指导员编号", "新增/现有", "说明",
                        "提出", "审批", "所需", "责任单位", "责任人", "完成时限", "进展"],
               work, wrap={13, 16})
    if work:
        dv = DataValidation(type="list", formula1='"' + ",".join(PROGRESS) + '"',
                            allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f"T2:T{len(work) + 1}")
        dates = DataValidation(type="date", operator="greaterThan", formula1="36526",
                               allow_blank=True)
        ws.add_data_validation(dates)
        dates.add(f"S2:S{len(work) + 1}")
        for cell in ws["S"][1:]:
            cell.number_format = "yyyy-mm-dd"
        ws.column_dimensions["R"].width = 10
        ws.column_dimensions["S"].width = 12
        ws.auto_filter.ref = f"A1:T{len(work) + 1}"
    need = plan.actions[plan.actions["instructor_new"]]
    per = need.groupby(need["area"].fillna(""), sort=True)["instructor"].nunique()
    units = need.groupby(need["area"].fillna(""), sort=True).size()
    sheet("新增指导员", ["街道（镇）", "编号", "新增指导员（人）", "联系单位（个）"],
          [[names.get(k, k) if k else _NO_AREA, k or None, int(per[k]), int(units[k])]
           for k in per.index])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render(plan: Plan, fmt: str = "table", *, areas: Collection[str] = (),
           communities: Collection[str] = ()) -> str | bytes:
    """`plan` in `fmt` (``table``, ``json``, ``markdown``, ``xlsx``, ``html``), listing the
    actions of the given areas / communities (all when empty); ``json`` and ``xlsx`` are
    bytes."""
    acts = select(plan, areas=areas, communities=communities)
    if fmt == "json":
        return to_json_bytes(plan, acts)
    if fmt == "xlsx":
        return to_xlsx(plan, acts)
    if fmt == "markdown":
        return to_markdown(plan, acts)
    if fmt == "html":
        return to_html(plan, acts)
    if fmt == "table":
        return to_text(plan, acts)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")

