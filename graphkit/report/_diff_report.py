"""Render a :class:`~graphkit.Diff` (and a trend table) as a Chinese report.

Formats: ``table`` (a one-screen terminal summary), ``json`` (SPEC section 7's document),
``markdown``, ``xlsx`` and ``html`` (one self-contained offline page: inline styles, inline
SVG drawings of the changed circles, a search box; no network request). Every format leads
with the summary: rate deltas in percentage points overall and per street, the status
transition matrix, the regressed units (they need action), then resolved and new findings
by code. All formats are built from one report model (:func:`sections`).
"""

from __future__ import annotations

import html
import io
import math
from dataclasses import dataclass, field
from typing import Any

import orjson
import pandas as pd

from .. import vocab as V
from ..analysis.comparing import CIRCLE_ROLES, METRICS, STATUS_LEVELS, Diff
from ..analysis.gaps import FINDING_CODES, FINDING_TITLES_ZH

__all__ = ["DIFF_FORMATS", "TREND_FORMATS", "render", "render_trend", "sections", "trend_dict"]

DIFF_FORMATS = ("table", "json", "markdown", "xlsx", "html")
TREND_FORMATS = ("table", "csv", "json")

_METRIC_ZH = {"own": "单独组建率", "organization": "组织覆盖率", "work": "工作覆盖率"}
_ROLE_ZH = {"sub_core": "次核心圈", "pan_core": "泛核心圈", "unlinked": "未联动",
            "external": "外部共建"}
_CHANGE_ZH = {"new": "新增", "resolved": "已解决", "persisting": "持续"}
_UNIT_CHANGE_ZH = {"improved": "进步", "regressed": "退步", "added": "新增", "removed": "撤销",
                   "same_level": "同级变化", "unchanged": "不变"}
#: How many rows the terminal summary shows per list (the other formats show all).
SUMMARY_ROWS = 6


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    title: str = ""


@dataclass
class Section:
    title: str
    text: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)


def pct(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{100 * x:.1f}%"


def pp(delta: Any) -> str:
    """A delta in percentage points: ``+2.1 个百分点``."""
    if delta is None or (isinstance(delta, float) and math.isnan(delta)):
        return "—"
    if round(delta, 1) == 0:
        return "0.0 个百分点"
    return f"{delta:+.1f} 个百分点"


def _status(s: Any) -> str:
    return "—" if s is None else V.STATUS_NAMES_ZH.get(s, s)


def _code_order(codes: Any) -> list[str]:
    present = set(codes)
    return [c for c in FINDING_CODES if c in present] + sorted(present - set(FINDING_CODES))


def _scope_zh(d: Diff) -> str:
    return {"all": "全部单位", "two_new": "两新组织"}.get(d.scope, d.scope)


def _rate_table(d: Diff, groups: list[tuple[str, str, str]]) -> Table:
    """One row per (group, key, display name): units and the three rates old -> new."""
    r = d.rates
    rows = []
    for group, key, label in groups:
        sub = r[(r["group"] == group) & (r["key"] == key)].set_index("metric")
        if sub.empty:
            continue
        uo, un = sub["units_old"].iloc[0], sub["units_new"].iloc[0]
        cells = [label, f"{'—' if uo is None else uo}→{'—' if un is None else un}"]
        for m in METRICS:
            cells += [f"{pct(sub.at[m, 'old'])}→{pct(sub.at[m, 'new'])}", pp(sub.at[m, "delta"])]
        rows.append(cells)
    headers = ["范围", "单位数"]
    for m in METRICS:
        headers += [_METRIC_ZH[m], "变化"]
    return Table(headers, rows)


def _unit_line(d: Diff, u: dict[str, Any]) -> list[str]:
    names = d.names
    return [u["id"], str(u["name"]), V.KIND_NAMES_ZH.get(u["kind"], u["kind"]),
            names.get(u["community"], u["community"] or "—"),
            f"{_status(u['old'])}→{_status(u['new'])}"]


def _limit(rows: list[Any], full: bool) -> tuple[list[Any], int]:
    if full or len(rows) <= SUMMARY_ROWS:
        return rows, 0
    return rows[:SUMMARY_ROWS], len(rows) - SUMMARY_ROWS


def sections(d: Diff, *, full: bool = True) -> list[Section]:
    """The report model. `full` false gives the one-screen summary (lists shortened)."""
    names = d.names
    out = []
    doc = d.to_dict()
    u = d.units
    n_old = int(u["old"].notna().sum())
    n_new = int(u["new"].notna().sum())
    head = Section("概况")
    where = "、".join(names.get(a, a) for a in d.areas)
    head.text.append(
        f"上期：{d.old['name']}（{d.old['snapshot'] or '未注明日期'}）；本期：{d.new['name']}"
        f"（{d.new['snapshot'] or '未注明日期'}）；统计范围：{_scope_zh(d)}"
        + (f"；仅限：{where}" if where else "") + "。")
    counts = u["change"].value_counts()
    head.text.append(
        f"范围内单位 {n_old} → {n_new} 个（新增 {counts.get('added', 0)}，撤销 "
        f"{counts.get('removed', 0)}）；覆盖状态进步 {counts.get('improved', 0)} 个、"
        f"退步 {counts.get('regressed', 0)} 个。节点新增 {len(doc['nodes']['added'])}、删除 "
        f"{len(doc['nodes']['removed'])}、属性变化 {len(doc['nodes']['changed'])} 项；关系新增 "
        f"{len(doc['edges']['added'])}、删除 {len(doc['edges']['removed'])}、属性变化 "
        f"{len(doc['edges']['changed'])} 项。")
    if d.regression:
        why = []
        if counts.get("regressed", 0):
            why.append(f"{counts.get('regressed', 0)} 个单位覆盖状态下降")
        if d.fallen:
            why.append("、".join(_METRIC_ZH[m] for m in d.fallen) + "下降")
        head.text.append("结论：有退步（" + "；".join(why) + "），需要整改。")
    else:
        head.text.append("结论：无退步（没有单位覆盖状态下降，总体覆盖率未下降）。")
    out.append(head)

    rates = Section("覆盖率变化（上期→本期）")
    groups = [("overall", "all", _scope_zh(d)), ("two_new", "two_new", "其中：两新组织")]
    area_keys = sorted(set(d.rates.loc[d.rates["group"] == "by_area", "key"]))
    groups += [("by_area", k, names.get(k, k)) for k in area_keys]
    rates.tables.append(_rate_table(d, groups))
    out.append(rates)

    trans = Section("覆盖状态转移（行：上期，列：本期；两期都有的单位）")
    statuses = list(V.COVERAGE_STATUSES)
    m = d.transitions
    rows = [[_status(s), *(str(int(m.at[s, t])) for t in statuses), str(int(m.loc[s].sum()))]
            for s in statuses]
    rows.append(["合计", *(str(int(m[t].sum())) for t in statuses), str(int(m.values.sum()))])
    trans.tables.append(Table(["上期＼本期", *(_status(s) for s in statuses), "合计"], rows))
    for change, side in (("added", "new"), ("removed", "old")):
        vc = u.loc[u["change"] == change, side].value_counts()
        if len(vc):
            trans.text.append(f"{_UNIT_CHANGE_ZH[change]}单位 {int(vc.sum())} 个："
                              + "，".join(f"{_status(s)} {int(vc[s])}" for s in statuses
                                         if s in vc.index) + "。")
    out.append(trans)

    reg = u[u["change"] == "regressed"].copy()
    reg["_drop"] = [STATUS_LEVELS[o] - STATUS_LEVELS[n] for o, n in zip(reg["old"], reg["new"],
                                                                         strict=True)]
    reg = reg.sort_values(["_drop", "id"], ascending=[False, True])
    regressed = Section(f"退步单位（{len(reg)} 个，需要整改）")
    rows, more = _limit([_unit_line(d, r) for r in reg.to_dict("records")], full)
    regressed.tables.append(Table(["编号", "名称", "类型", "社区", "状态变化"], rows))
    if more:
        regressed.text.append(f"……另有 {more} 个（完整名单见 --format markdown/html/xlsx）。")
    out.append(regressed)

    f = d.findings
    fnd = Section("发现的问题：已解决与新增（按类别）")
    frows = []
    quiet = 0
    for code in _code_order(f["code"]):
        sub = f[f["code"] == code]["change"].value_counts()
        if not full and not (sub.get("resolved", 0) or sub.get("new", 0)):
            quiet += int(sub.get("persisting", 0))
            continue
        frows.append([f"{FINDING_TITLES_ZH.get(code, code)}（{code}）",
                      str(sub.get("resolved", 0)), str(sub.get("new", 0)),
                      str(sub.get("persisting", 0))])
    fnd.tables.append(Table(["类别", "已解决", "新增", "持续"], frows))
    if quiet:
        fnd.text.append(f"其他类别的 {quiet} 项问题持续存在，没有解决也没有新增。")
    out.append(fnd)

    circ = d.circles
    changed = _changed_circles(d)
    cs = Section(f"一核双圈变化（{len(changed)} 个社区有变化，共 {len(circ)} 个社区）")
    crow = []
    for c in changed:
        core = names.get(c["core_new"], c["core_new"] or "无核心")
        if c["core_old"] != c["core_new"]:
            core = (f"{names.get(c['core_old'], c['core_old'] or '无核心')}→"
                    f"{names.get(c['core_new'], c['core_new'] or '无核心')}")
        moves = "；".join(
            f"{_ROLE_ZH[r]} +{len(c[f'{r}_entered'])}/-{len(c[f'{r}_left'])}"
            for r in CIRCLE_ROLES if c[f"{r}_entered"] or c[f"{r}_left"])
        crow.append([f"{c['name']}（{c['community']}）", core,
                     f"{pct(c['linkage_old'])}→{pct(c['linkage_new'])}"
                     f"（{pp(c['linkage_delta'])}）", moves or "—"])
    rows, more = _limit(crow, full)
    cs.tables.append(Table(["社区", "核心", "联动率", "进出（+进入/-离开）"], rows))
    if more:
        cs.text.append(f"……另有 {more} 个社区有变化。")
    out.append(cs)
    if not full:
        return out

    detail = Section("覆盖率变化明细")
    kinds = sorted(set(d.rates.loc[d.rates["group"] == "by_kind", "key"]))
    t = _rate_table(d, [("by_kind", k, V.KIND_NAMES_ZH.get(k, k)) for k in kinds])
    t.title = "按单位类型"
    detail.tables.append(t)
    comms = sorted(set(d.rates.loc[d.rates["group"] == "by_community", "key"]))
    t = _rate_table(d, [("by_community", k, f"{names.get(k, k)}（{k}）") for k in comms])
    t.title = "按社区"
    detail.tables.append(t)
    out.append(detail)

    for change in ("improved", "added", "removed"):
        sub = u[u["change"] == change]
        sec = Section(f"{_UNIT_CHANGE_ZH[change]}单位（{len(sub)} 个）")
        sec.tables.append(Table(["编号", "名称", "类型", "社区", "状态变化"],
                                [_unit_line(d, r) for r in sub.to_dict("records")]))
        out.append(sec)

    for change in ("resolved", "new"):
        sub = f[f["change"] == change]
        sec = Section(f"{_CHANGE_ZH[change]}的问题（{len(sub)} 项）")
        for code in _code_order(sub["code"]):
            group = sub[sub["code"] == code]
            sec.items.append((f"{FINDING_TITLES_ZH.get(code, code)}（{code}，{len(group)} 项）",
                              [f"{r['message'] or r['subject']}（{r['subject']}）"
                               for r in group.to_dict("records")]))
        out.append(sec)

    if changed:
        sec = Section("一核双圈成员进出明细")
        for c in changed:
            bullets = []
            for r in CIRCLE_ROLES:
                for k, word in (("entered", "进入"), ("left", "离开")):
                    ids = c[f"{r}_{k}"]
                    if ids:
                        bullets.append(f"{word}{_ROLE_ZH[r]}：" + "、".join(
                            f"{names.get(i, i)}（{i}）" for i in ids))
            if c["core_old"] != c["core_new"]:
                bullets.insert(0, f"核心：{c['core_old'] or '无'} → {c['core_new'] or '无'}")
            sec.items.append((f"{c['name']}（{c['community']}）", bullets))
        out.append(sec)

    n = d.nodes
    sec = Section(f"节点变化（新增 {int((n['change'] == 'added').sum())}，删除 "
                  f"{int((n['change'] == 'removed').sum())}，属性变化 "
                  f"{int((n['change'] == 'changed').sum())}）")
    sec.tables.append(Table(
        ["变化", "编号", "类别", "名称", "字段", "上期", "本期"],
        [[{"added": "新增", "removed": "删除", "changed": "变化"}[r["change"]], r["id"],
          V.LABEL_NAMES_ZH.get(r["label"], str(r["label"])), str(r["name"]), r["field"] or "",
          _cell(r["old"]), _cell(r["new"])] for r in n.to_dict("records")]))
    out.append(sec)
    e = d.edges
    sec = Section(f"关系变化（新增 {int((e['change'] == 'added').sum())}，删除 "
                  f"{int((e['change'] == 'removed').sum())}，属性变化 "
                  f"{int((e['change'] == 'changed').sum())}）")
    by_type = doc["edges"]
    types = sorted(set(by_type["added_by_type"]) | set(by_type["removed_by_type"]))
    sec.tables.append(Table(["关系类型", "新增", "删除"],
                            [[t, str(by_type["added_by_type"].get(t, 0)),
                              str(by_type["removed_by_type"].get(t, 0))] for t in types],
                            "按类型"))
    sec.tables.append(Table(
        ["变化", "起点", "终点", "类型", "字段", "上期", "本期"],
        [[{"added": "新增", "removed": "删除", "changed": "变化"}[r["change"]],
          f"{names.get(r['source'], r['source'])}（{r['source']}）",
          f"{names.get(r['target'], r['target'])}（{r['target']}）", r["type"],
          r["field"] or "", _cell(r["old"]), _cell(r["new"])] for r in e.to_dict("records")],
        "明细"))
    out.append(sec)
    return out


def _cell(v: Any) -> str:
    if v is None:
        return "" if v is None else str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _changed_circles(d: Diff) -> list[dict[str, Any]]:
    """Communities whose circles changed, the largest linkage change first."""
    changed = [c for c in d.circles.to_dict("records") if _circle_changed(c)]
    return sorted(changed, key=lambda c: (-abs(c["linkage_delta"] or 0), c["community"]))


def _circle_changed(c: dict[str, Any]) -> bool:
    return (c["core_old"] != c["core_new"] or c["linkage_old"] != c["linkage_new"]
            or any(c[f"{r}_{k}"] for r in CIRCLE_ROLES for k in ("entered", "left")))


def _title(d: Diff) -> str:
    return f"快照对比：{d.old['name']} → {d.new['name']}"


# --- text formats ----------------------------------------------------------------------
def to_text(d: Diff, *, width: int = 120) -> str:
    """The one-screen terminal summary."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None,
                      highlight=False)
    console.rule(f"[bold]{escape(_title(d))}")
    for sec in sections(d, full=False):
        console.print(f"[bold]■ {escape(sec.title)}[/bold]")
        for tab in sec.tables:
            if not tab.rows:
                console.print("（无）")
                continue
            rt = RichTable(title=tab.title or None, title_justify="left", pad_edge=False,
                           show_edge=False)
            for h in tab.headers:
                rt.add_column(h, overflow="fold")
            for row in tab.rows:
                rt.add_row(*(escape(c) for c in row))
            console.print(rt)
        for t in sec.text:
            console.print(t, markup=False, soft_wrap=True)
    return buf.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(d: Diff) -> str:
    lines = [f"# {_title(d)}", ""]
    for sec in sections(d):
        lines += [f"## {sec.title}", ""]
        for t in sec.text:
            lines += [t, ""]
        for tab in sec.tables:
            if tab.title:
                lines += [f"### {tab.title}", ""]
            if not tab.rows:
                lines += ["（无）", ""]
                continue
            lines.append("| " + " | ".join(tab.headers) + " |")
            lines.append("|" + "---|" * len(tab.headers))
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in tab.rows]
            lines.append("")
        for heading, bullets in sec.items:
            lines += [f"### {heading}", ""] + [f"- {_md(b)}" for b in bullets] + [""]
    return "\n".join(lines)


def to_json_bytes(d: Diff) -> bytes:
    return orjson.dumps(d.to_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


# --- HTML ------------------------------------------------------------------------------
#: Colours of what changed in a circle drawing.
CHANGE_COLORS = {"new": "#2e7d32", "removed": "#9e9e9e", "improved": "#1565c0",
                 "regressed": "#c62828", "moved": "#ef6c00", "same": "#f6b26b"}
_CHANGE_NAMES = {"new": "新进入", "removed": "已离开", "improved": "圈层上升",
                 "regressed": "圈层下降", "moved": "辖区内外变化", "same": "未变"}
_RANK = {"sub_core": 3, "pan_core": 2, "unlinked": 1}

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
sans-serif;margin:2em auto;max-width:1150px;color:#222;line-height:1.5;padding:0 1em}
h1{color:#b00}h2{border-bottom:2px solid #b00;padding-bottom:.2em}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f6e7e7}tr:nth-child(even) td{background:#fafafa}
.search{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #eee}
.search input{font-size:1em;padding:.3em .5em;width:22em}
.figs{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0;border:1px solid #eee}
figcaption{font-size:.9em;color:#444;padding:.2em .5em;max-width:560px}
.legend span{display:inline-block;margin-right:1em}
.legend i{display:inline-block;width:.9em;height:.9em;border-radius:50%;margin-right:.3em;
vertical-align:-.1em}
"""
_JS = """
const q=document.getElementById('q');
q.addEventListener('input',()=>{const t=q.value.trim().toLowerCase();
document.querySelectorAll('tbody tr, li, figure').forEach(e=>{
e.style.display=(!t||e.textContent.toLowerCase().includes(t))?'':'none';});});
"""


def _roles_of(row: dict[str, Any] | None) -> dict[str, str]:
    if row is None:
        return {}
    return {m: r for r in CIRCLE_ROLES for m in row[r]}


def _svg_circles(d: Diff, cid: str, old: dict[str, Any] | None, new: dict[str, Any] | None
                 ) -> str:
    """One community's circles on one layout for both snapshots, changes coloured."""
    esc = html.escape
    ro, rn = _roles_of(old), _roles_of(new)
    members = sorted(ro.keys() | rn.keys())
    placed: dict[str, list[str]] = {r: [] for r in CIRCLE_ROLES}
    kind: dict[str, str] = {}
    for m in members:
        a, b = ro.get(m), rn.get(m)
        placed[b or a].append(m)
        if a is None:
            kind[m] = "new"
        elif b is None:
            kind[m] = "removed"
        elif a == b:
            kind[m] = "same"
        elif a in _RANK and b in _RANK:
            kind[m] = "improved" if _RANK[b] > _RANK[a] else "regressed"
        else:
            kind[m] = "moved"
    w, h, cx, cy, unit = 560, 430, 235, 215, 62
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
             f'viewBox="0 0 {w} {h}" role="img">']
    for radius, label in ((1, "次核心圈"), (2, "泛核心圈"), (3, "未联动")):
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{radius * unit}" fill="none" '
                     f'stroke="#bbb" stroke-dasharray="4 3"/>')
        lx, ly = cx - radius * unit * 0.72, cy - radius * unit * 0.72
        parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="10" fill="#999" '
                     f'text-anchor="end">{label}</text>')
    core_old = (old or {}).get("core")
    core_new = (new or {}).get("core")
    core = core_new or core_old
    if core:
        color = "#c00000" if core_old == core_new else CHANGE_COLORS["moved"]
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="13" fill="{color}"/>')
        parts.append(f'<text x="{cx}" y="{cy + 26}" font-size="11" text-anchor="middle">'
                     f'{esc(_short(d.names.get(core, core), 10))}</text>')

    def dot(x: float, y: float, m: str, anchor: str = "middle", dy: float = 16) -> None:
        k = kind[m]
        dash = ' stroke-dasharray="2 2"' if k == "removed" else ""
        fill = "#fff" if k == "removed" else CHANGE_COLORS[k]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}" '
                     f'stroke="{CHANGE_COLORS[k]}" stroke-width="1.5"{dash}>'
                     f"<title>{esc(d.names.get(m, m))}（{esc(m)}）：{_CHANGE_NAMES[k]}"
                     "</title></circle>")
        if k != "same":
            parts.append(f'<text x="{x + (8 if anchor == "start" else 0):.1f}" '
                         f'y="{y + (4 if anchor == "start" else dy):.1f}" font-size="9" '
                         f'text-anchor="{anchor}" fill="#333">'
                         f"{esc(_short(d.names.get(m, m), 8))}</text>")

    for role, radius, offset in (("sub_core", 1, 0.3), ("pan_core", 2, 0.1),
                                 ("unlinked", 3, 0.2)):
        ms = placed[role]
        for i, m in enumerate(ms):
            ang = offset + 2 * math.pi * i / len(ms)
            dot(cx + radius * unit * math.cos(ang), cy + radius * unit * math.sin(ang), m)
    ext = placed["external"]
    if ext:
        parts.append(f'<text x="{w - 150}" y="22" font-size="10" fill="#888">外部共建</text>')
    step = min(22.0, (h - 50) / max(len(ext), 1))
    for i, m in enumerate(ext):
        dot(w - 150, 38 + i * step, m, anchor="start")
    parts.append("</svg>")
    return "".join(parts)


def _short(text: str, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def to_html(d: Diff, *, max_figures: int = 60) -> str:
    """One self-contained offline page (no script or style from the network)."""
    esc = html.escape
    title = _title(d)
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{esc(title)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{esc(title)}</h1>",
             '<div class="search"><input id="q" type="search" '
             'placeholder="搜索单位、社区、编号……" aria-label="搜索"></div>']
    secs = sections(d)
    for sec in secs:
        parts.append(f"<section><h2>{esc(sec.title)}</h2>")
        parts += [f"<p>{esc(t)}</p>" for t in sec.text]
        for tab in sec.tables:
            if tab.title:
                parts.append(f"<h3>{esc(tab.title)}</h3>")
            if not tab.rows:
                parts.append("<p>（无）</p>")
                continue
            head = "".join(f"<th>{esc(h)}</th>" for h in tab.headers)
            body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>"
                           for row in tab.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        for heading, bullets in sec.items:
            parts.append(f"<h3>{esc(heading)}</h3><ul>")
            parts += [f"<li>{esc(b)}</li>" for b in bullets]
            parts.append("</ul>")
        if sec.title.startswith("一核双圈变化"):
            parts.append(_figures(d, max_figures))
        parts.append("</section>")
    parts.append(f"<script>{_JS}</script></body></html>\n")
    return "\n".join(parts)


def _figures(d: Diff, max_figures: int) -> str:
    esc = html.escape
    old = _circle_rows(d.old_network, d)
    new = _circle_rows(d.new_network, d)
    changed = _changed_circles(d)
    if not changed or (not old and not new):
        return ""
    legend = "".join(f'<span><i style="background:{c}"></i>{_CHANGE_NAMES[k]}</span>'
                     for k, c in CHANGE_COLORS.items())
    out = ['<p class="legend">两期成员画在同一布局上（按本期圈层，已离开的按上期）：'
           f"{legend}</p>", '<div class="figs">']
    for c in changed[:max_figures]:
        cid = c["community"]
        cap = (f"{c['name']}（{cid}）：联动率 {pct(c['linkage_old'])}→{pct(c['linkage_new'])}"
               f"（{pp(c['linkage_delta'])}）")
        out.append(f"<figure>{_svg_circles(d, cid, old.get(cid), new.get(cid))}"
                   f"<figcaption>{esc(cap)}</figcaption></figure>")
    out.append("</div>")
    if len(changed) > max_figures:
        out.append(f"<p>（仅绘制前 {max_figures} 个有变化的社区，共 {len(changed)} 个。）</p>")
    return "\n".join(out)


def _circle_rows(ds: Any, d: Diff) -> dict[str, dict[str, Any]]:
    """Each community's circles in one snapshot, as :func:`graphkit.circles` gives them."""
    if ds is None:
        return {}
    from ..analysis.linkage import circles

    frame = circles(ds)
    return {r["community"]: r for r in frame.to_dict("records")}


# --- xlsx ------------------------------------------------------------------------------
def to_xlsx(d: Diff) -> bytes:
    """A workbook: 概览, 覆盖率变化, 状态转移, 单位变化, 发现变化, 融合圈变化, 节点变化,
    关系变化; Chinese headers, frozen header rows, rates as percentages."""
    from openpyxl import Workbook

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
    names = d.names

    def sheet(title: str, headers: list[str], rows: list[list[Any]],
              pct_cols: frozenset[int] = frozenset(), num_cols: frozenset[int] = frozenset()
              ) -> None:
        plain_sheet(wb, title, headers, rows, formats={
            **dict.fromkeys(num_cols, "+0.0;-0.0;0.0"), **dict.fromkeys(pct_cols, "0.0%")})

    summary = [[t] for sec in sections(d, full=False)[:1] for t in sec.text]
    sheet("概览", ["对比"], summary)
    ws = wb["概览"]
    ws.column_dimensions["A"].width = 120
    group_zh = {"overall": "总体", "two_new": "两新组织", "by_kind": "按单位类型",
                "by_community": "按社区", "by_area": "按街道（镇）"}
    rate_rows = []
    sheet_order = {"overall": 0, "two_new": 1, "by_area": 2, "by_kind": 3, "by_community": 4}
    for r in sorted(d.rates.to_dict("records"), key=lambda r: sheet_order[r["group"]]):
        key = r["key"]
        label = V.KIND_NAMES_ZH.get(key, key) if r["group"] == "by_kind" else \
            {"all": _scope_zh(d), "two_new": "两新组织"}.get(key, names.get(key, key))
        rate_rows.append([group_zh[r["group"]], label, key, _METRIC_ZH[r["metric"]],
                          r["units_old"], r["units_new"], r["old"], r["new"], r["delta"]])
    sheet("覆盖率变化", ["分组", "名称", "编号", "指标", "上期单位数", "本期单位数", "上期",
                       "本期", "变化（百分点）"], rate_rows, frozenset({7, 8}),
          frozenset({9}))
    statuses = list(V.COVERAGE_STATUSES)
    m = d.transitions
    sheet("状态转移", ["上期＼本期", *(_status(s) for s in statuses)],
          [[_status(s), *(int(m.at[s, t]) for t in statuses)] for s in statuses])
    rank = {"regressed": 0, "improved": 1, "added": 2, "removed": 3, "same_level": 4,
            "unchanged": 5}
    units = sorted(d.units.to_dict("records"), key=lambda r: (rank[r["change"]], r["id"]))
    sheet("单位变化", ["变化", "编号", "名称", "类型", "社区", "街道（镇）", "上期状态",
                      "本期状态"],
          [[_UNIT_CHANGE_ZH[r["change"]], r["id"], r["name"],
            V.KIND_NAMES_ZH.get(r["kind"], r["kind"]), names.get(r["community"], r["community"]),
            names.get(r["area"], r["area"]), _status(r["old"]), _status(r["new"])]
           for r in units])
    sheet("发现变化", ["变化", "类别", "代码", "对象编号", "名称", "问题", "社区", "街道（镇）"],
          [[_CHANGE_ZH[r["change"]], FINDING_TITLES_ZH.get(r["code"], r["code"]), r["code"],
            r["subject"], r["name"], r["message"], names.get(r["community"], r["community"]),
            names.get(r["area"], r["area"])] for r in d.findings.to_dict("records")])
    crow = []
    for c in d.circles.to_dict("records"):
        crow.append([c["community"], c["name"], c["core_old"], c["core_new"], c["linkage_old"],
                     c["linkage_new"], c["linkage_delta"],
                     *("、".join(c[f"{r}_{k}"]) for r in CIRCLE_ROLES
                       for k in ("entered", "left"))])
    sheet("融合圈变化", ["社区编号", "社区", "上期核心", "本期核心", "上期联动率", "本期联动率",
                       "变化（百分点）",
                       *(f"{_ROLE_ZH[r]}{w}" for r in CIRCLE_ROLES for w in ("进入", "离开"))],
          crow, frozenset({5, 6}), frozenset({7}))
    word = {"added": "新增", "removed": "删除", "changed": "变化"}
    sheet("节点变化", ["变化", "编号", "类别", "名称", "字段", "上期", "本期"],
          [[word[r["change"]], r["id"], V.LABEL_NAMES_ZH.get(r["label"], r["label"]),
            r["name"], r["field"], _xl(r["old"]), _xl(r["new"])]
           for r in d.nodes.to_dict("records")])
    sheet("关系变化", ["变化", "起点", "终点", "类型", "字段", "上期", "本期"],
          [[word[r["change"]], r["source"], r["target"], r["type"], r["field"], _xl(r["old"]),
            _xl(r["new"])] for r in d.edges.to_dict("records")])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xl(v: Any) -> Any:
    return v if v is None or isinstance(v, int | float | str) else str(v)


def render(d: Diff, fmt: str = "table") -> str | bytes:
    """`d` in `fmt` (:data:`DIFF_FORMATS`); ``json`` and ``xlsx`` come as bytes."""
    if fmt == "table":
        return to_text(d)
    if fmt == "json":
        return to_json_bytes(d)
    if fmt == "markdown":
        return to_markdown(d)
    if fmt == "html":
        return to_html(d)
    if fmt == "xlsx":
        return to_xlsx(d)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(DIFF_FORMATS)}")


# --- trend -----------------------------------------------------------------------------
def _num(x: Any) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def trend_dict(frame: pd.DataFrame, *, scope: str = "all") -> dict[str, Any]:
    """The trend as a JSON document: one entry per snapshot in order."""
    snaps = []
    for order, sub in frame.groupby("order", sort=True):
        first = sub.iloc[0]

        def rates(r: Any) -> dict[str, Any]:
            return {"units": int(r["units"]), **{m: _num(r[m]) for m in METRICS}}

        overall = sub[sub["group"] == "all"]
        snaps.append({
            "order": int(order), "name": first["dataset"], "snapshot": first["snapshot"],
            "overall": rates(overall.iloc[0]) if len(overall) else None,
            "by_area": {r["group"]: {"name": r["name"], **rates(r)}
                        for r in sub[sub["group"] != "all"].to_dict("records")},
        })
    return {"schema": 1, "scope": scope, "snapshots": snaps}


def render_trend(frame: pd.DataFrame, fmt: str = "table", *, scope: str = "all"
                 ) -> str | bytes:
    """The trend table in `fmt`: ``table`` (Chinese), ``csv`` (UTF-8 with BOM, for Excel)
    or ``json``."""
    if fmt == "json":
        return orjson.dumps(trend_dict(frame, scope=scope),
                            option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    if fmt == "csv":
        return "\ufeff" + frame.to_csv(index=False, lineterminator="\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(TREND_FORMATS)}")
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    buf = io.StringIO()
    console = Console(file=buf, width=120, color_system=None, highlight=False)
    scope_zh = {"all": "全部单位", "two_new": "两新组织"}.get(scope, scope)
    console.rule(f"[bold]覆盖率趋势（{escape(scope_zh)}，{frame['order'].nunique()} 期快照）")
    for order, sub in frame.groupby("order", sort=True):
        first = sub.iloc[0]
        console.print(f"第 {int(order) + 1} 期：{first['snapshot'] or '未注明日期'}　"
                      f"{first['dataset']}", markup=False)
    rt = RichTable(pad_edge=False, show_edge=False)
    for h in ("期", "范围", "单位数", "单独组建率", "组织覆盖率", "工作覆盖率"):
        rt.add_column(h, overflow="fold")
    prev: dict[str, Any] = {}
    for order, sub in frame.groupby("order", sort=True):
        for j, r in enumerate(sub.to_dict("records")):
            cells = []
            for m in METRICS:
                before = prev.get((r["group"], m))
                change = "" if before is None or _num(r[m]) is None else \
                    f"（{100 * (r[m] - before):+.1f}）"
                cells.append(pct(r[m]) + change)
                prev[(r["group"], m)] = _num(r[m])
            rt.add_row(str(int(order) + 1) if j == 0 else "",
                       escape(str(r["name"])), str(r["units"]), *cells,
                       end_section=j == len(sub) - 1)
    console.print(rt)
    console.print("括号内为较上一期的变化（个百分点）。", markup=False)
    return buf.getvalue()
