"""The offline, interactive HTML report of an audit (``graphkit audit --format html``).

One self-contained file that makes no network request: styles, scripts, figures and a
subset of the CJK font are inline, and a Content-Security-Policy forbids the browser to
fetch anything else. Summary first (the three rates with their denominators and targets,
findings counted by code and street, the weakest communities), then the drill-down: the
action list per street and community, a table of communities, the interactive network of
each community's circles (drawn in the browser from embedded JSON: pan, zoom, click a
node, search by name), rates, units, figures. Tables sort on a header click and filter by
street, community, status or finding code; the layout works at phone width and prints to
A4.

The page's scripts and styles are ``graphkit/report/assets/report.js`` and ``report.css``.

Examples
--------
>>> import graphkit as gk
>>> page = report_html(gk.audit(gk.read_dataset("data/sihui")), figures=False)
>>> page.startswith("<!DOCTYPE html>") and "行动清单" in page
True
"""

from __future__ import annotations

import base64
import importlib.resources
import io
import math
from collections.abc import Iterable
from html import escape
from typing import Any

import orjson
import pandas as pd

from .. import vocab as V
from ..analysis.auditing import AuditResult
from ..analysis.coverage import key_text
from ..analysis.gaps import FINDING_CODES, FINDING_TITLES_ZH
from ..analysis.linkage import circle_roles, jurisdiction, ties
from ..analysis.mechanisms import FIELDS, INDICATORS, heat_color, overall, scores, worst_first
from ..network.dataset import Dataset
from ._webfont import font_face_css

__all__ = ["DEFAULT_TARGET_ORG", "DEFAULT_TARGET_WORK", "ROLE_CODES", "report_html"]

DEFAULT_TARGET_WORK = 0.95
DEFAULT_TARGET_ORG = 0.90

#: The family name of the embedded font subset in the page's CSS.
FONT_FAMILY = "GK Noto Sans CJK SC"

#: Circle roles in drawing order; ``member`` is a jurisdiction member of a community
#: without a core (no circles: SPEC section 3).
ROLE_CODES = ("core", "sub_core", "pan_core", "external", "unlinked", "member")
_ROLE_NAMES_ZH = {"core": "核心", "sub_core": "次核心圈", "pan_core": "泛核心圈",
                  "external": "外部共建", "unlinked": "未联动", "member": "辖区成员（无核心）"}
_TIE_NAMES_ZH = {V.CO_BUILDS: "共建", V.REPORTS_TO: "隶属", V.COVERS: "覆盖",
                 V.MEETS_WITH: "联席会议", V.TEAM_TIE: "团队（驻点/志愿）"}
#: Rows a big table shows at a time ("再显示" / "全部显示" show the rest).
PAGE_ROWS = 500
_NO_AREA = "（未归属街道）"
_NO_COMMUNITY = "（未归属社区）"


def _asset(name: str) -> str:
    return (importlib.resources.files("graphkit.report") / "assets" / name).read_text("utf-8")


def _role_colors() -> dict[str, str]:
    from .plot import ROLE_COLORS

    colors = dict(ROLE_COLORS)
    colors.setdefault("external", "#6fa8dc")
    colors.setdefault("unlinked", "#bbbbbb")
    colors["member"] = "#999999"
    return colors


# --- formatting ------------------------------------------------------------------------
def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _pct(x: Any) -> str:
    return "—" if _missing(x) else f"{100 * x:.1f}%"


def _num_attr(x: Any) -> str:
    return "" if _missing(x) or x == "" else repr(float(x))


def _td(text: Any, *, v: Any = None, cls: str = "", raw: bool = False) -> str:
    attrs = ""
    if v is not None:
        attrs += f' data-v="{_num_attr(v)}"'
    if cls:
        attrs += f' class="{cls}"'
    body = text if raw else escape(str(text))
    return f"<td{attrs}>{body}</td>"


def _rate_td(x: Any, target: float | None = None) -> str:
    cls = "num"
    if target is not None and not _missing(x) and x < target:
        cls += " low"
    return _td(_pct(x), v=x if not _missing(x) else "", cls=cls)


def _int_td(n: Any) -> str:
    return _td(str(int(n)), v=int(n), cls="num")


def _thead(headers: Iterable[str]) -> str:
    return "<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr></thead>"


def _attrs(**data: str | None) -> str:
    return "".join(f' data-{k}="{escape(v)}"' for k, v in data.items() if v)


# --- the model -------------------------------------------------------------------------
class _Page:
    """Everything the sections need, computed once from the result and its network."""

    def __init__(self, result: AuditResult, *, target_work: float, target_org: float) -> None:
        self.r = result
        self.target_work, self.target_org = target_work, target_org
        self.names: dict[str, str] = dict(result.names)
        self.ds = _as_dataset(result.network)
        nodes = self.ds.nodes if self.ds is not None else None
        self.node_info: dict[str, tuple[str, str, Any, Any]] = {}
        self.community_area: dict[str, str] = {}
        self.city_prefix = ""
        if nodes is not None:
            self.names.update(zip(nodes["id"], nodes["name"], strict=True))
            cols = [nodes[c].tolist() for c in ("id", "label", "kind", "rating", "members")]
            self.node_info = {i: (lab, kind, rating, members)
                              for i, lab, kind, rating, members in zip(*cols, strict=True)}
            edges = self.ds.edges
            part = edges[edges["type"] == V.PART_OF]
            label = dict(zip(nodes["id"], nodes["label"], strict=True))
            for s, t in zip(part["source"], part["target"], strict=True):
                if label.get(s) == V.COMMUNITY and label.get(t) == V.AREA:
                    self.community_area.setdefault(s, t)
            city = nodes[(nodes["label"] == V.AREA) & (nodes["kind"] == "city")]["name"]
            if len(city) == 1:
                self.city_prefix = str(city.iloc[0])
        units = result.units
        for c, a in zip(units["community"], units["area"], strict=True):
            if c is not None and a is not None:
                self.community_area.setdefault(c, a)
        for c, a in zip(result.findings["community"], result.findings["area"], strict=True):
            if c is not None and a is not None:
                self.community_area.setdefault(c, a)
        # the communities of the report: those with rates or circles
        self.communities = sorted(set(map(str, result.by_community.index))
                                  | set(result.circles["community"]))
        areas = set(map(str, result.by_area.index)) | {
            self.community_area[c] for c in self.communities if c in self.community_area}
        self.areas = sorted(areas, key=lambda a: (self.name(a), a))
        self.circles = result.circles.set_index("community", drop=False)
        self.subjects = _merge_findings(result.findings, self.community_area)
        self.findings_per_community: dict[str, int] = {}
        for s in self.subjects:
            key = s["community"] or ""
            self.findings_per_community[key] = self.findings_per_community.get(key, 0) + 1

    def name(self, node: str | None) -> str:
        if node is None:
            return ""
        return self.names.get(node, node)

    def area_of(self, community: str | None) -> str | None:
        return self.community_area.get(community) if community else None


def _as_dataset(network: Any) -> Dataset | None:
    if network is None:
        return None
    if isinstance(network, Dataset):
        return network
    return Dataset.from_networkx(network)


def _merge_findings(frame: pd.DataFrame, community_area: dict[str, str]
                    ) -> list[dict[str, Any]]:
    """One entry per subject: its findings' codes, messages and (distinct) actions."""
    out: dict[str, dict[str, Any]] = {}
    cols = ("code", "subject", "name", "message", "action", "community", "area", "units")
    for code, subject, name, message, action, community, area, units in zip(
            *(frame[c].tolist() for c in cols), strict=True):
        entry = out.get(subject)
        if entry is None:
            entry = out[subject] = {"subject": subject, "name": name, "codes": [],
                                    "messages": [], "actions": [], "community": None,
                                    "area": None, "units": []}
        entry["codes"].append(code)
        entry["messages"].append(message)
        if action not in entry["actions"]:
            entry["actions"].append(action)
        entry["community"] = entry["community"] or community
        entry["area"] = entry["area"] or area
        if units is not None:
            entry["units"].extend(u for u in units if u not in entry["units"])
    for entry in out.values():
        if entry["area"] is None and entry["community"] is not None:
            entry["area"] = community_area.get(entry["community"])
    return list(out.values())


# --- sections --------------------------------------------------------------------------
def _header(p: _Page) -> str:
    r, meta = p.r, p.r.meta
    scope = {"all": "全部单位", "two_new": "两新组织"}.get(r.scope, r.scope)
    counts = "；".join(f"{V.LABEL_NAMES_ZH[lab]} {n}" for lab, n in r.counts.items() if n)
    return (
        f"<header><h1>党建覆盖与联动审计：{escape(str(meta.get('name')))}</h1>"
        f"<p class=\"meta\">快照日期：{escape(str(meta.get('snapshot') or '未注明'))}　"
        f"统计范围：{escape(scope)}　节点 {r.n_nodes} 个，关系 {r.n_edges} 条（{escape(counts)}）"
        f"　阈值：单独组建党员数 ≥ {r.settings.get('min_branch_members')}，"
        f"次核心党组织评级 ≥ {r.settings.get('sub_core_min_rating')}</p></header>"
    )


def _nav(links: list[tuple[str, str]]) -> str:
    items = "".join(f'<a href="#{i}">{escape(t)}</a>' for i, t in links)
    return f'<nav id="toc" aria-label="目录">{items}</nav>'


def _rate_card(title: str, rate: Any, units: int, target: float | None) -> str:
    covered = 0 if _missing(rate) else round(rate * units)
    if target is None:
        goal = '<p class="goal">无考核目标</p>'
        state = ""
    elif _missing(rate):
        goal, state = f'<p class="goal">目标 {_pct(target)}；范围内无单位</p>', ""
    elif rate >= target:
        goal, state = f'<p class="goal">目标 {_pct(target)}：已达标</p>', " ok"
    else:
        need = math.ceil(target * units - 1e-9) - covered
        goal = (f'<p class="goal">目标 {_pct(target)}：未达标，还差 '
                f"<b>{need}</b> 个单位</p>")
        state = " bad"
    return (f'<div class="card{state}"><h3>{escape(title)}</h3>'
            f'<p class="big">{_pct(rate)}</p>'
            f'<p class="n">{covered} / {units} 个单位（分母：范围内单位）</p>{goal}</div>')


def _summary(p: _Page) -> str:
    o = p.r.overall
    units = int(o["units"])
    cards = "".join([
        _rate_card("工作覆盖率", o["work"], units, p.target_work),
        _rate_card("组织覆盖率", o["organization"], units, p.target_org),
        _rate_card("单独组建率", o["own"], units, None),
    ])
    tn = p.r.two_new.iloc[0] if len(p.r.two_new) else None
    extra = ""
    if tn is not None and int(tn["units"]):
        extra = (f"<p>其中两新组织 {int(tn['units'])} 个：工作覆盖率 {_pct(tn['work'])}，"
                 f"组织覆盖率 {_pct(tn['organization'])}，单独组建率 {_pct(tn['own'])}。</p>")
    n_subjects = len(p.subjects)
    n_find = len(p.r.findings)
    return (f'<section id="summary"><h2>概览</h2><div class="cards">{cards}</div>{extra}'
            f"<p>发现问题 {n_find} 项，涉及 {n_subjects} 个对象，见"
            f'<a href="#actions">行动清单</a>。</p></section>')


def _finding_matrix(p: _Page) -> str:
    f = p.r.findings
    if f.empty:
        return ('<section id="counts"><h2>问题统计</h2><p>未发现问题。</p></section>')
    area = [a if a is not None else p.area_of(c)
            for a, c in zip(f["area"], f["community"], strict=True)]
    frame = pd.DataFrame({"code": f["code"].to_numpy(),
                          "area": [a if a is not None else "" for a in area]})
    table = pd.crosstab(frame["code"], frame["area"])
    cols = [a for a in p.areas if a in table.columns] + [
        a for a in table.columns if a not in p.areas and a != ""]
    if "" in table.columns:
        cols.append("")
    head = ["问题类别", *(p.name(a) if a else _NO_AREA for a in cols), "合计"]
    rows = []
    for code in FINDING_CODES:
        if code not in table.index:
            continue
        cells = [f'<th scope="row">{escape(FINDING_TITLES_ZH[code])}'
                 f'<span class="code">{escape(code)}</span></th>']
        for a in cols:
            n = int(table.at[code, a])
            link = (f'<a href="#actions" data-go="actions"{_attrs(code=code, street=a or "-")}>'
                    f"{n}</a>") if n else "0"
            cells.append(_td(link, v=n, cls="num", raw=True))
        total = int(table.loc[code].sum())
        cells.append(_td(f'<a href="#actions" data-go="actions"{_attrs(code=code)}>{total}</a>',
                         v=total, cls="num total", raw=True))
        rows.append(f"<tr>{''.join(cells)}</tr>")
    sums = [int(table[a].sum()) for a in cols]
    rows.append('<tr class="sum"><th scope="row">合计</th>'
                + "".join(_td(str(n), v=n, cls="num") for n in sums)
                + _td(str(sum(sums)), v=sum(sums), cls="num total") + "</tr>")
    return ('<section id="counts"><h2>问题统计（按类别 × 街道）</h2>'
            '<p class="hint">点击数字查看行动清单中的对应条目。</p>'
            f'<div class="tw"><table class="matrix">{_thead(head)}<tbody>{"".join(rows)}'
            "</tbody></table></div></section>")


def _community_link(p: _Page, community: str) -> str:
    label = escape(p.name(community))
    return f'<a href="#network" data-net="{escape(community)}">{label}</a>'


def _worst(p: _Page, k: int = 5) -> str:
    bc = p.r.by_community
    cov = bc[(bc["units"] > 0) & bc["work"].notna()].copy()
    cov["_id"] = cov.index.astype(str)
    cov = cov.sort_values(["work", "units", "_id"], ascending=[True, False, True]).head(k)
    rows = []
    for cid, r in zip(cov["_id"], cov.itertuples(index=False), strict=True):
        covered = round(r.work * r.units)
        rows.append("<tr>" + _td(_community_link(p, cid), raw=True)
                    + _td(p.name(p.area_of(cid)) or _NO_AREA)
                    + _rate_td(r.work, p.target_work)
                    + _td(f"{covered} / {int(r.units)}", v=r.units, cls="num")
                    + _rate_td(r.organization, p.target_org) + "</tr>")
    head = ["社区", "街道", "工作覆盖率", "已覆盖 / 单位数", "组织覆盖率"]
    t1 = (f'<div class="tw"><table>{_thead(head)}'
          f"<tbody>{''.join(rows)}</tbody></table></div>" if rows else "<p>（无）</p>")
    c = p.r.circles
    ok = c[(c["status"] == "ok") & c["linkage_rate"].notna()]
    ok = ok.sort_values(["linkage_rate", "members", "community"],
                        ascending=[True, False, True]).head(k)
    rows = []
    for r in ok.itertuples(index=False):
        linked = len(r.sub_core) + len(r.pan_core)
        rows.append("<tr>" + _td(_community_link(p, r.community), raw=True)
                    + _td(p.name(p.area_of(r.community)) or _NO_AREA)
                    + _rate_td(r.linkage_rate)
                    + _td(f"{linked} / {int(r.members)}", v=r.members, cls="num")
                    + _int_td(len(r.unlinked)) + "</tr>")
    head = ["社区", "街道", "联动率", "已联动 / 辖区成员", "未联动"]
    t2 = (f'<div class="tw"><table>{_thead(head)}'
          f"<tbody>{''.join(rows)}</tbody></table></div>" if rows else "<p>（无）</p>")
    no_core = int((c["status"] != "ok").sum())
    note = (f'<p class="hint">另有 {no_core} 个社区没有社区党组织（无核心），不计联动率，'
            "见行动清单。</p>") if no_core else ""
    return (f'<section id="worst"><h2>薄弱社区（各前 {k} 名）</h2><div class="two">'
            f"<div><h3>工作覆盖率最低</h3>{t1}</div><div><h3>联动率最低</h3>{t2}{note}</div>"
            "</div></section>")


def _option_list(values: list[tuple[str, str]], all_label: str,
                 extra: dict[str, str] | None = None, selected: str = "") -> str:
    opts = [f'<option value="">{escape(all_label)}</option>']
    for v, text in values:
        data = f' data-street="{escape(extra[v])}"' if extra and v in extra else ""
        sel = " selected" if v == selected else ""
        opts.append(f'<option value="{escape(v)}"{data}{sel}>{escape(text)}</option>')
    return "".join(opts)


def _controls(p: _Page, *, street: bool = True, community: bool = True,
              choices: dict[str, tuple[str, list[tuple[str, str]], str]] | None = None,
              placeholder: str = "搜索名称或编号") -> str:
    parts = [f'<input type="search" data-search placeholder="{escape(placeholder)}" '
             f'aria-label="{escape(placeholder)}">']
    if street:
        values = [(a, p.name(a)) for a in p.areas] + [("-", _NO_AREA)]
        parts.append(f'<select data-filter="street" aria-label="街道">'
                     f"{_option_list(values, '全部街道')}</select>")
    if community:
        values = [(c, p.name(c)) for c in p.communities]
        extra = {c: p.area_of(c) or "-" for c in p.communities}
        parts.append(f'<select data-filter="community" aria-label="社区">'
                     f"{_option_list(values, '全部社区', extra)}</select>")
    for key, (label, values, selected) in (choices or {}).items():
        parts.append(f'<select data-filter="{key}" aria-label="{escape(label)}">'
                     f"{_option_list(values, '全部' + label, selected=selected)}</select>")
    parts.append('<button type="button" data-reset>清除筛选</button>'
                 '<span class="count" aria-live="polite"></span>')
    return f'<div class="controls">{"".join(parts)}</div>'


def _subject_kind(p: _Page, subject: str) -> str:
    info = p.node_info.get(subject)
    if info is None:
        return ""
    label, kind = info[0], info[1]
    kind_zh = V.KIND_NAMES_ZH.get(kind, "") if kind else ""
    return V.LABEL_NAMES_ZH.get(label, label) + (f"·{kind_zh}" if kind_zh else "")


def _actions(p: _Page) -> str:
    by_area: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for s in p.subjects:
        by_area.setdefault(s["area"] or "-", {}).setdefault(s["community"] or "", []).append(s)
    order = [a for a in p.areas if a in by_area] + sorted(
        a for a in by_area if a not in p.areas and a != "-")
    if "-" in by_area:
        order.append("-")
    codes = [(c, FINDING_TITLES_ZH[c]) for c in FINDING_CODES
             if c in set(p.r.findings["code"])]
    parts = [f'<section id="actions" data-filterable data-page="{PAGE_ROWS}">',
             "<h2>行动清单（按街道 → 社区）</h2>",
             '<p class="hint">同一对象的多项问题合并为一行，附建议措施；可按街道、社区、'
             "问题类别筛选，或搜索名称。</p>",
             _controls(p, choices={"code": ("问题类别", codes, "")})]
    if not p.subjects:
        parts.append("<p>未发现问题。</p>")
    head = _thead(["对象", "类型", "问题", "建议措施"])
    shown = 0
    for area in order:
        comms = by_area[area]
        n = sum(len(v) for v in comms.values())
        title = p.name(area) if area != "-" else _NO_AREA
        parts.append(f'<div class="part" data-part="{escape(area)}">'
                     f'<h3>{escape(title)} <span class="badge">{n}</span></h3>'
                     f'<div class="tw"><table class="actions">{head}<tbody>')
        for comm in sorted(comms, key=lambda c: (c == "", c)):
            subjects = comms[comm]
            label = _community_link(p, comm) if comm else escape(_NO_COMMUNITY)
            hidden = " hidden" if shown >= PAGE_ROWS else ""  # as the script would
            parts.append(f'<tr class="grp" data-grp="{escape(area)}/{escape(comm)}"{hidden}>'
                         f'<th colspan="4">{label} <span class="badge">{len(subjects)}</span>'
                         "</th></tr>")
            for s in subjects:
                unit_names = "、".join(p.name(u) for u in s["units"])
                tags = "".join(f'<span class="tag t-{escape(c)}">{escape(FINDING_TITLES_ZH[c])}'
                               "</span>" for c in dict.fromkeys(s["codes"]))
                msgs = "".join(f"<li>{escape(m)}</li>" for m in s["messages"])
                acts = "".join(f"<li>{escape(a)}</li>" for a in s["actions"])
                if unit_names:
                    acts += f'<li class="units">涉及单位：{escape(unit_names)}</li>'
                attrs = _attrs(street=area, community=comm or "-",
                               code=" ".join(dict.fromkeys(s["codes"])),
                               grp=f"{area}/{comm}")
                hidden = " hidden" if shown >= PAGE_ROWS else ""
                shown += 1
                parts.append(
                    f'<tr data-row{attrs}{hidden} id="act-{escape(s["subject"])}">'
                    f'<td><b>{escape(str(s["name"] or s["subject"]))}</b>'
                    f'<span class="id">{escape(s["subject"])}</span></td>'
                    f"<td>{escape(_subject_kind(p, s['subject']))}</td>"
                    f'<td>{tags}<ul class="msgs">{msgs}</ul></td>'
                    f'<td><ol class="acts">{acts}</ol></td></tr>')
        parts.append("</tbody></table></div></div>")
    parts.append('<p class="empty" hidden>没有符合筛选条件的条目。</p></section>')
    return "".join(parts)


def _communities(p: _Page) -> str:
    bc = p.r.by_community
    rates = {str(k): r for k, r in zip(bc.index, bc.itertuples(index=False), strict=True)}
    head = ["街道", "社区", "单位数", "单独组建率", "组织覆盖率", "工作覆盖率", "核心",
            "次核心", "泛核心", "外部共建", "未联动", "联动率", "问题"]
    rows = []
    for cid in p.communities:
        area = p.area_of(cid)
        r = rates.get(cid)
        c = p.circles.loc[cid] if cid in p.circles.index else None
        cells = [_td(p.name(area) if area else _NO_AREA),
                 _td(_community_link(p, cid) + f'<span class="id">{escape(cid)}</span>',
                     raw=True)]
        if r is not None:
            cells += [_int_td(r.units), _rate_td(r.own), _rate_td(r.organization, p.target_org),
                      _rate_td(r.work, p.target_work)]
        else:
            cells += [_int_td(0)] + [_rate_td(None)] * 3
        if c is not None and c["status"] == "ok":
            cells += [_td(p.name(c["core"])), _int_td(len(c["sub_core"])),
                      _int_td(len(c["pan_core"])), _int_td(len(c["external"])),
                      _int_td(len(c["unlinked"])), _rate_td(c["linkage_rate"])]
        else:
            cells += [_td("无核心", cls="warn")] + [_td("—", v="", cls="num")] * 4 + [
                _rate_td(None)]
        cells.append(_int_td(p.findings_per_community.get(cid, 0)))
        rows.append(f'<tr data-row{_attrs(street=area or "-", community=cid)}>'
                    f'{"".join(cells)}</tr>')
    return ('<section id="communities" data-filterable><h2>社区一览</h2>'
            '<p class="hint">点击表头排序；点击社区名称查看其一核双圈网络。'
            f"低于目标的覆盖率标红（工作 {_pct(p.target_work)}，组织 {_pct(p.target_org)}）。</p>"
            + _controls(p, community=False)
            + f'<div class="tw"><table class="sortable" id="tbl-communities">{_thead(head)}'
            f'<tbody>{"".join(rows)}</tbody></table></div>'
            '<p class="empty" hidden>没有符合筛选条件的社区。</p></section>')


def _card_text(field: str, v: Any) -> str:
    if field == "linkage_rate":
        return _pct(v)
    if field == "running_circle":
        return ("是" if v else "否") if isinstance(v, bool) else str(int(v))
    if _missing(v):
        return "—"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.1f}"
    return f"{int(v):,}"


def _scorecard(p: _Page) -> str:
    """The scorecard (SPEC 8) as a sortable heat map: communities (weakest first) ×
    indicators, each cell coloured by the community's value against the best one."""
    card = p.r.mechanisms
    if card is None:
        return ""
    comms = card[card["community"].notna()]
    total = card[card["community"].isna()]
    s = scores(card)
    score = overall(card)
    order = worst_first(card)
    by_id = comms.set_index("community", drop=False)
    head = ["街道", "社区", "综合", *(V.MECHANISM_SHORT_ZH[f] for f in FIELDS)]
    rows = []
    for cid in order:
        r = by_id.loc[cid]
        area = p.area_of(cid)
        cells = [_td(p.name(area) if area else _NO_AREA),
                 _td(_community_link(p, cid) + f'<span class="id">{escape(cid)}</span>',
                     raw=True),
                 _heat_td(f"{100 * score[cid]:.0f}", float(score[cid]), float(score[cid]))]
        for f in FIELDS:
            v = r[f]
            key = (1.0 if v else 0.0) if f == "running_circle" else (
                None if _missing(v) else float(v))
            heat = float(s.at[cid, f]) if f in INDICATORS else None
            cells.append(_heat_td(_card_text(f, v), key, heat))
        rows.append(f'<tr data-row{_attrs(street=area or "-", community=cid)}>'
                    f'{"".join(cells)}</tr>')
    foot = ""
    if len(total):
        t = total.iloc[0]
        foot = ('<tfoot><tr class="sum"><th scope="row" colspan="3">'
                f'{escape(str(t["name"]))}（每个实体只计一次）</th>'
                + "".join(_td(_card_text(f, t[f]), cls="num total") for f in FIELDS)
                + "</tr></tfoot>")
    legend = "".join(f'<i style="background:{heat_color(x)}"></i>' for x in (0, .25, .5, .75, 1))
    return ('<section id="scorecard" data-filterable><h2>四个融合：社区计分卡</h2>'
            '<p class="def">区域党建融汇：共建党组织、党建融合圈、联动率；组织阵地融建：'
            '党群服务中心及面积；党员管理融管：在职党员报到、志愿服务队；社区服务融合：'
            '驻点团队及解决问题、小区党支部与联席会议。</p>'
            f'<p class="hint">默认按综合得分由低到高（最需加强的在前）；点击表头排序。颜色：'
            f'与最好的社区相比（联动率、建支部率、联席会议率按比例）<span class="heat">'
            f'弱 {legend} 强</span>，灰色为不适用。</p>'
            + _controls(p, community=False)
            + '<div class="tw"><table class="sortable heat" id="tbl-scorecard">'
            + _thead_titled(head, ["", "", "各项指标得分的平均（0–100）",
                                   *(V.MECHANISM_NAMES_ZH[f] for f in FIELDS)])
            + f'<tbody>{"".join(rows)}</tbody>{foot}</table></div>'
            '<p class="empty" hidden>没有符合筛选条件的社区。</p></section>')


def _thead_titled(headers: list[str], titles: list[str]) -> str:
    cells = "".join(f'<th title="{escape(t)}">{escape(h)}</th>' if t else
                    f"<th>{escape(h)}</th>" for h, t in zip(headers, titles, strict=True))
    return f"<thead><tr>{cells}</tr></thead>"


def _heat_td(text: str, key: float | None, heat: float | None) -> str:
    style = "" if heat is None else f' style="background:{heat_color(heat)}"'
    v = "" if key is None else repr(float(key))
    return f'<td class="num" data-v="{v}"{style}>{escape(text)}</td>'


def _network_data(p: _Page) -> dict[str, Any]:
    """Per community: its nodes (id, name, role, label, kind, rating, members) and ties.

    ``e`` are ties among the core, sub-core, pan-core and external members (drawn);
    ``x`` the ties of unlinked members (listed in a node's details, not drawn)."""
    r = p.r
    out: dict[str, Any] = {}
    if p.ds is None:
        return out
    roles = circle_roles(p.ds, sub_core_min_rating=r.settings.get("sub_core_min_rating"))
    roles = roles[roles["community"].isin(set(p.communities))]
    roles = roles[["community", "member", "role"]]
    cored = set(roles["community"])
    jur = jurisdiction(p.ds)
    jur = jur[jur["community"].isin(set(p.communities) - cored)].assign(role="member")
    roles = pd.concat([roles, jur[["community", "member", "role"]]], ignore_index=True)
    code = {role: i for i, role in enumerate(ROLE_CODES)}
    roles = roles.assign(rc=roles["role"].map(code))
    roles = roles.sort_values(["community", "rc", "member"], kind="stable")
    t = ties(p.ds)
    t = t[t["a"] < t["b"]]
    pairs = (roles[["community", "member", "rc"]]
             .merge(t, left_on="member", right_on="a")
             .merge(roles[["community", "member", "rc"]], left_on=["community", "b"],
                    right_on=["community", "member"], suffixes=("_a", "_b")))
    types = list(_TIE_NAMES_ZH)
    tcode = {ty: i for i, ty in enumerate(types)}
    edges: dict[str, dict[tuple[str, str], list[int]]] = {}
    for comm, a, b, ty in zip(pairs["community"], pairs["a"], pairs["b"], pairs["type"],
                              strict=True):
        lst = edges.setdefault(comm, {}).setdefault((a, b), [])
        tc = tcode.get(ty, len(types))
        if tc not in lst:
            lst.append(tc)
    drawn = {code["unlinked"], code["member"]}
    labels = {V.PARTY_ORG: 0, V.UNIT: 1}
    for comm, grp in roles.groupby("community", sort=True):
        members = grp["member"].tolist()
        rcs = grp["rc"].tolist()
        index = {m: i for i, m in enumerate(members)}
        nodes = []
        for m, rc in zip(members, rcs, strict=True):
            label, kind, rating, n_members = p.node_info.get(m, ("", "", None, None))
            nodes.append([m, p.name(m), rc, labels.get(label, 2), kind or "",
                          None if _missing(rating) else int(rating),
                          None if _missing(n_members) else int(n_members)])
        e, x = [], []
        for (a, b), tcs in sorted(edges.get(comm, {}).items()):
            i, j = index[a], index[b]
            (x if rcs[i] in drawn or rcs[j] in drawn else e).append([i, j, *sorted(tcs)])
        c = p.circles.loc[comm] if comm in p.circles.index else None
        out[comm] = {"nodes": nodes, "e": e, "x": x,
                     "rate": None if c is None or _missing(c["linkage_rate"])
                     else round(float(c["linkage_rate"]), 4)}
    for comm in p.communities:  # communities with no member at all
        out.setdefault(comm, {"nodes": [], "e": [], "x": [], "rate": None})
    return out


def _rate_or_no_core(data: dict[str, Any], community: str) -> str:
    c = data["communities"][community]
    return _pct(c["rate"]) if c["core"] else "无核心"


def _network(p: _Page) -> tuple[str, dict[str, Any]]:
    colors = _role_colors()
    data = {
        "communities": {},
        "roles": [[role, _ROLE_NAMES_ZH[role], colors.get(role, "#999")]
                  for role in ROLE_CODES],
        "labels": [V.LABEL_NAMES_ZH[V.PARTY_ORG], V.LABEL_NAMES_ZH[V.UNIT], ""],
        "kinds": {k: v for k, v in V.KIND_NAMES_ZH.items()},
        "types": [*_TIE_NAMES_ZH.values(), "其他"],
        "codes": dict(FINDING_TITLES_ZH),
        "findings": {s["subject"]: list(dict.fromkeys(s["codes"])) for s in p.subjects},
        "prefix": p.city_prefix,
    }
    nets = _network_data(p)
    for cid in p.communities:
        area = p.area_of(cid)
        c = p.circles.loc[cid] if cid in p.circles.index else None
        data["communities"][cid] = {
            "name": p.name(cid), "area": p.name(area) if area else _NO_AREA,
            "core": None if c is None or c["core"] is None else c["core"],
            **nets.get(cid, {"nodes": [], "e": [], "x": [], "rate": None})}
    if p.ds is None:
        return ('<section id="network"><h2>一核双圈网络</h2><p>（结果未附带网络数据，'
                "无法绘制。）</p></section>", data)
    groups: dict[str, list[str]] = {}
    for cid in p.communities:
        groups.setdefault(p.area_of(cid) or "-", []).append(cid)
    opts = []
    for area in [a for a in p.areas if a in groups] + (["-"] if "-" in groups else []):
        label = p.name(area) if area != "-" else _NO_AREA
        inner = "".join(
            f'<option value="{escape(c)}">'
            f"{escape(p.name(c))}（{escape(_rate_or_no_core(data, c))}）</option>"
            for c in groups[area])
        opts.append(f'<optgroup label="{escape(label)}">{inner}</optgroup>')
    legend = "".join(f'<span class="lg" data-role="{i}"><i style="background:{escape(color)}">'
                     f"</i>{escape(name)}<b></b></span>"
                     for i, (_, name, color) in enumerate(data["roles"]))
    html = (
        '<section id="network"><h2>一核双圈网络</h2>'
        '<p class="def">核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；'
        "泛核心圈：与核心或次核心有联系的其他辖区组织；外部共建：辖区外与核心有联系的组织；"
        "未联动：辖区内尚未纳入融合圈的组织（其联系不画线）。</p>"
        '<p class="hint">滚轮或双指缩放，拖动平移，点击节点查看详情，或按名称搜索。</p>'
        '<div class="controls net-tools">'
        f'<select id="net-pick" aria-label="选择社区">{"".join(opts)}</select>'
        '<input type="search" id="net-q" placeholder="按名称搜索组织或单位" '
        'aria-label="按名称搜索">'
        '<button type="button" data-zoom="1.4" aria-label="放大">＋</button>'
        '<button type="button" data-zoom="0.7" aria-label="缩小">－</button>'
        '<button type="button" data-zoom="0" aria-label="复位">复位</button></div>'
        '<div id="net-hits" class="hits"></div>'
        f'<div class="netbox"><div class="netmain"><p id="net-title"></p>'
        f'<div class="legend">{legend}</div>'
        '<svg id="net-svg" role="img" aria-label="社区一核双圈网络图"></svg></div>'
        '<aside id="net-info" aria-live="polite"><p class="hint">点击节点查看详情。</p></aside>'
        "</div></section>")
    return html, data


def _rate_table(rows: list[tuple[str, Any, str]], first: str, p: _Page,
                table_id: str) -> str:
    body = []
    for label, r, link in rows:
        cell = f'<a href="{link}">{escape(label)}</a>' if link else escape(label)
        body.append("<tr>" + _td(cell, raw=True) + _int_td(r.units) + _rate_td(r.own)
                    + _rate_td(r.organization, p.target_org) + _rate_td(r.work, p.target_work)
                    + "</tr>")
    head = [first, "单位数（分母）", "单独组建率", "组织覆盖率", "工作覆盖率"]
    return (f'<div class="tw"><table class="sortable" id="{table_id}">{_thead(head)}'
            f'<tbody>{"".join(body)}</tbody></table></div>')


def _coverage(p: _Page, figs: dict[str, str]) -> str:
    r = p.r
    kind_link = "#fig-kind" if "kind" in figs else ""
    area_link = "#fig-area" if "area" in figs else ""
    kinds = [(V.KIND_NAMES_ZH.get(str(k), str(k)), row, kind_link)
             for k, row in zip(r.by_kind.index, r.by_kind.itertuples(index=False),
                               strict=True)]
    areas = [(p.name(str(k)), row, area_link)
             for k, row in zip(r.by_area.index, r.by_area.itertuples(index=False),
                               strict=True)]
    overall = [("全部（范围内）", row, "") for row in r.rates.itertuples(index=False)]
    overall += [("其中：两新组织", row, "") for row in r.two_new.itertuples(index=False)]
    out = ['<section id="coverage"><h2>党的组织覆盖和工作覆盖</h2>',
           "<h3>总体</h3>", _rate_table(overall, "范围", p, "tbl-overall"),
           "<h3>按街道（镇）</h3>", _rate_table(areas, "街道（镇）", p, "tbl-areas"),
           "<h3>按单位类型</h3>", _rate_table(kinds, "单位类型", p, "tbl-kinds"),
           *(f"<h3>按单位属性“{escape(attr)}”</h3>"
             + _rate_table([(key_text(k), row, "") for k, row in zip(
                 frame.index, frame.itertuples(index=False), strict=True)], attr, p,
                 f"tbl-by-{i}")
             + '<p class="hint">分母：范围内具有该属性取值的单位。</p>'
             for i, (attr, frame) in enumerate(r.by_attribute.items())),
           "</section>"]
    return "".join(out)


def _units(p: _Page) -> str:
    u = p.r.units
    cols = [u[c].tolist() for c in ("id", "name", "kind", "community", "area", "members",
                                    "status")]
    default = "none" if (u["status"] == "none").any() else ""
    rows, shown = [], 0
    for uid, name, kind, comm, area, members, status in zip(*cols, strict=True):
        # rows the script would hide start hidden: no layout of 10,000 rows on opening
        visible = (not default or status == default) and shown < PAGE_ROWS
        shown += visible
        rows.append(
            f'<tr data-row{_attrs(street=area or "-", community=comm or "-", status=status)}'
            f'{"" if visible else " hidden"}>'
            f"<td>{escape(uid)}</td><td>{escape(str(name))}</td>"
            f"<td>{escape(V.KIND_NAMES_ZH.get(kind, kind))}</td>"
            f"<td>{escape(p.name(comm) if comm else '—')}</td>"
            f"<td>{escape(p.name(area) if area else '—')}</td>"
            f'<td class="num" data-v="{int(members)}">{int(members)}</td>'
            f'<td class="st st-{escape(status)}">{escape(V.STATUS_NAMES_ZH[status])}</td></tr>')
    statuses = [(s, V.STATUS_NAMES_ZH[s]) for s in V.COVERAGE_STATUSES
                if s in set(u["status"])]
    return (f'<section id="units" data-filterable data-page="{PAGE_ROWS}"><h2>单位覆盖明细</h2>'
            '<p class="hint">默认只显示未覆盖单位；选择“全部覆盖状态”查看全部。</p>'
            + _controls(p, choices={"status": ("覆盖状态", statuses, default)})
            + '<div class="tw"><table class="sortable" id="tbl-units">'
            + _thead(["编号", "名称", "类型", "社区", "街道（镇）", "党员数", "覆盖状态"])
            + f'<tbody>{"".join(rows)}</tbody></table></div>'
            '<p class="empty" hidden>没有符合筛选条件的单位。</p></section>')


def _figures(result: AuditResult) -> dict[str, tuple[str, str]]:
    """The remaining PNG figures: coverage by kind and by street, the city overview."""
    import matplotlib

    from . import plot

    scope = result.scope if result.scope in ("all", "two_new") else result.scope.split(",")
    todo = [("kind", "按单位类型的覆盖率", "plot_coverage", {"by": "kind", "scope": scope})]
    if len(result.by_area):
        todo.append(("area", "按街道（镇）的覆盖率", "plot_coverage",
                     {"by": "area", "scope": scope}))
    todo.append(("city", "全市各社区联动率", "plot_network",
                 {"sub_core_min_rating": result.settings.get("sub_core_min_rating")}))
    out = {}
    for key, caption, func, kwargs in todo:
        buf = io.BytesIO()
        with matplotlib.rc_context({"savefig.format": "png"}):
            getattr(plot, func)(result.network, save=buf, close=True, dpi=100, **kwargs)
        out[key] = (caption, "data:image/png;base64,"
                    + base64.b64encode(buf.getvalue()).decode("ascii"))
    return out


def _figure_grid(figs: dict[str, tuple[str, str]]) -> str:
    items = "".join(
        f'<figure id="fig-{key}"><img alt="{escape(caption)}" src="{uri}">'
        f"<figcaption>{escape(caption)}"
        "</figcaption></figure>" for key, (caption, uri) in figs.items())
    return f'<section id="figures"><h2>图表</h2><div class="grid">{items}</div></section>'


def _json_script(data: Any) -> str:
    raw = orjson.dumps(data).decode("utf-8")
    # no "</script>" or "<!--" can end the element early
    return ('<script type="application/json" id="gk-data">'
            + raw.replace("<", "\\u003c") + "</script>")


_FONT_NOTE = "中文字体为内嵌的思源黑体（Noto Sans CJK SC）子集，遵循 SIL Open Font License 1.1。"

_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
        "base-uri 'none'")


def report_html(result: AuditResult, *, figures: bool = True,
                target_work: float = DEFAULT_TARGET_WORK,
                target_org: float = DEFAULT_TARGET_ORG) -> str:
    """The interactive, self-contained HTML report of `result` (see the module docs).

    Parameters
    ----------
    result : AuditResult
    figures : bool, default True
        Draw the PNG figures (coverage by kind and street, the city overview); the
        community networks are always drawn in the browser.
    target_work, target_org : float
        Targets for the work and organization coverage rates (default 95 % and 90 %).

    Returns
    -------
    str
        The page.
    """
    p = _Page(result, target_work=target_work, target_org=target_org)
    figs = _figures(result) if figures and result.network is not None else {}
    net_html, net_data = _network(p)
    toc = [("summary", "概览"), ("counts", "问题统计"), ("worst", "薄弱社区"),
           ("actions", "行动清单"), ("communities", "社区一览"), ("scorecard", "四个融合"),
           ("network", "一核双圈网络"),
           ("coverage", "覆盖率"), ("units", "单位明细")]
    if figs:
        toc.append(("figures", "图表"))
    title = f"党建覆盖与联动审计：{result.meta.get('name')}"
    body = "".join([
        _header(p), _nav(toc), "<main>", _summary(p), _finding_matrix(p), _worst(p),
        _actions(p), _communities(p), _scorecard(p), net_html, _coverage(p, figs), _units(p),
        _figure_grid(figs) if figs else "", "</main>",
        f"<footer><p>由 graphkit 生成。页面离线可用，不访问网络。{_FONT_NOTE}</p></footer>",
    ])
    script = _asset("report.js")
    css = _asset("report.css")
    data = _json_script(net_data)
    font = font_face_css(FONT_FAMILY, title + body + data + script + css)
    if not font:  # no CJK font to embed: the page says so instead
        body = body.replace(_FONT_NOTE, "本机未找到可内嵌的中文字体，页面使用系统字体。")
    return "".join([
        "<!DOCTYPE html>\n",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{escape(title)}</title>",
        f"<style>{font}\n{css}</style></head><body>",
        body, data, f"<script>{script}</script>", "</body></html>\n",
    ])
