"""The diff's report (SPEC section 7) and the trend's, as
:class:`~graphkit.report.model.Document`\\ s.

The diff leads with the summary: the overall rates against the earlier snapshot (change in
percentage points), per street, the status transition matrix, the units that regressed
(they need action), the findings resolved and new by code, the communities whose circles
changed (drawn for both snapshots on one layout, coloured by what changed, from the two
audits the diff was made of: nothing is recomputed); then every list in full. The trend
lists the rates of each snapshot with the change from the one before.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import pandas as pd

from .. import vocab as V
from ..analysis.comparing import CIRCLE_ROLES, METRICS, STATUS_LEVELS, Diff
from ..analysis.gaps import FINDING_CODES, FINDING_TITLES_ZH
from ..messages import t
from . import model as M
from .model import Cell, Column, Document, Figure, Metric, Metrics, Place, Section, Table, Text

__all__ = ["document", "trend_document"]

#: Unit changes in report order (regressed first: they need action).
_UNIT_CHANGES = ("regressed", "improved", "added", "removed", "same_level", "unchanged")
#: Colours of what changed in a circle drawing.
CHANGE_COLORS = {"new": "#2e7d32", "removed": "#9e9e9e", "improved": "#1565c0",
                 "regressed": "#c62828", "moved": "#ef6c00", "same": "#f6b26b"}
_RANK = {"sub_core": 3, "pan_core": 2, "unlinked": 1}


def _scope(scope: str) -> str:
    return t(f"report.scope.{scope}") if scope in ("all", "two_new") else scope


def _status(s: Any) -> str:
    return "—" if s is None else V.STATUS_NAMES_ZH.get(s, s)


def _codes(codes: Any) -> list[str]:
    present = set(codes)
    return [c for c in FINDING_CODES if c in present] + sorted(present - set(FINDING_CODES))


def _place(d: Diff) -> Place:
    if d.communities:
        return Place("community", "、".join(d.communities),
                     "、".join(d.names.get(c, c) for c in d.communities))
    if d.areas:
        return Place("area", "、".join(d.areas), "、".join(d.names.get(a, a) for a in d.areas))
    return Place("city", None, str(d.new["name"]))


def _ref(d: Diff, x: Any) -> tuple[Any, str] | None:
    return None if x is None else (x, str(d.names.get(x, x)))


def _rate_rows(d: Diff, group: str, label: Any = None) -> list[list[Any]]:
    """One row per key of `group`: units old → new, and per metric old, new, delta."""
    r = d.rates[d.rates["group"] == group]
    rows = []
    for key, sub in r.groupby("key", sort=True):
        sub = sub.set_index("metric")
        uo, un = sub["units_old"].iloc[0], sub["units_new"].iloc[0]
        name = label if label is not None else (
            V.KIND_NAMES_ZH.get(key, key) if group == "by_kind" else d.names.get(key, key))
        units = f"{'—' if uo is None else uo}→{'—' if un is None else un}"
        row: list[Any] = [group, (None if label else key, name), Cell(un, text=units)]
        for m in ("work", "organization", "own"):
            row += [sub.at[m, "old"], sub.at[m, "new"], sub.at[m, "delta"]]
        rows.append(row)
    return rows


def _rate_columns() -> list[Column]:
    cols = [Column(t("report.audit.group"), filter="group"),
            Column(t("report.audit.scope"), M.REF, id_title=t("report.audit.id")),
            Column(t("report.audit.units_n"), M.COUNT)]
    for m in ("work", "organization", "own"):
        zh = t(f"report.rate.{m}")
        drop = 2 if m == "own" else 0
        cols += [Column(t("report.diff.col_old", rate=zh), M.RATE,
                        short=t(f"report.diff.short_old.{m}"), drop=3),
                 Column(t("report.diff.col_new", rate=zh), M.RATE,
                        short=t(f"report.diff.short_new.{m}"), drop=drop),
                 Column(t("report.diff.col_change", rate=zh), M.DELTA,
                        short=t(f"report.diff.short_change.{m}"), drop=drop)]
    return cols


def _summary(d: Diff) -> list[Section]:
    doc = d.to_dict()
    u = d.units
    counts = u["change"].value_counts()
    n_old, n_new = int(u["old"].notna().sum()), int(u["new"].notna().sum())
    ov = d.rates[d.rates["group"] == "overall"].set_index("metric")
    metrics = Metrics([Metric(
        t(f"report.rate.{m}"), ov.at[m, "new"], round((ov.at[m, "new"] or 0)
                                                      * (ov.at[m, "units_new"]
                                                                        or 0)),
        int(ov.at[m, "units_new"] or 0), previous=ov.at[m, "old"], delta=ov.at[m, "delta"])
        for m in ("work", "organization", "own")], previous=t("report.diff.old"),
        current=t("report.diff.new"),
        formats=("html", "markdown", "xlsx"))
    head = Section(t("report.diff.summary"), "summary", [metrics, Text(t(
        "report.diff.units_line", old=f"{n_old:,}", new=f"{n_new:,}",
        added=f"{counts.get('added', 0):,}", removed=f"{counts.get('removed', 0):,}",
        improved=f"{counts.get('improved', 0):,}", regressed=f"{counts.get('regressed', 0):,}")),
        Text(t("report.diff.graph_line", **{f"{w}_{k}": len(doc[w][k]) for w in ("nodes", "edges")
                                            for k in ("added", "removed", "changed")}),
             "detail")], summary=True, nav=t("report.diff.nav.summary"))
    if d.regression:
        why = []
        if counts.get("regressed", 0):
            why.append(t("report.diff.why_units", n=counts.get("regressed", 0)))
        if d.fallen:
            why.append(t("report.diff.why_rates",
                         rates="、".join(t(f"report.rate.{m}") for m in d.fallen)))
        head.blocks.append(Text(t("report.diff.regression", why="；".join(why)), "note"))
    else:
        head.blocks.append(Text(t("report.diff.no_regression"), "note"))

    rows = _rate_rows(d, "overall", _scope(d.scope)) + _rate_rows(d, "by_area")
    rates = Section(t("report.diff.rates"), "rates", [Table(
        _rate_columns()[1:], [r[1:] for r in rows], key="rates", brief=4,
        unit=t("report.unit.areas"), formats=("terminal", "markdown", "html"))], summary=True,
        nav=t("report.diff.nav.rates"))

    statuses = list(V.COVERAGE_STATUSES)
    m = d.transitions
    trans = Section(t("report.diff.transitions"), "transitions", [Table(
        [Column(t("report.diff.old_new")), *(Column(_status(s), M.COUNT) for s in statuses),
         Column(t("report.total"), M.COUNT)],
        [[_status(s), *(int(m.at[s, t]) for t in statuses), int(m.loc[s].sum())]
         for s in statuses], key="transitions", sheet="状态转移")],
        summary=True, nav=t("report.diff.nav.transitions"))
    for change, side in (("added", "new"), ("removed", "old")):
        vc = u.loc[u["change"] == change, side].value_counts()
        if len(vc):
            trans.blocks.append(Text(
                t("report.diff.added_removed", change=t(f"report.diff.unit.{change}"),
                  n=int(vc.sum()), statuses="，".join(
                      f"{_status(s)} {int(vc[s])}" for s in statuses if s in vc.index)),
                "detail"))

    reg = u[u["change"] == "regressed"]
    drop = [STATUS_LEVELS[o] - STATUS_LEVELS[n] for o, n in zip(reg["old"], reg["new"],
                                                                  strict=True)]
    reg = reg.assign(_drop=drop).sort_values(["_drop", "id"], ascending=[False, True])
    regressed = Section(t("report.diff.regressed", n=len(reg)), "regressed", [Table(
        _unit_columns(), [_unit_row(d, r) for r in reg.to_dict("records")], key="regressed",
        brief=2, unit=t("report.unit.units"), formats=("terminal", "markdown", "html"))],
        summary=True, nav=t("report.diff.nav.regressed"))

    f = d.findings
    frows = []
    for code in _codes(f["code"]):
        vc = f.loc[f["code"] == code, "change"].value_counts()
        frows.append([FINDING_TITLES_ZH.get(code, code), code, int(vc.get("resolved", 0)),
                      int(vc.get("new", 0)), int(vc.get("persisting", 0))])
    found = Section(t("report.diff.findings"), "findings", [Table(
        [Column(t("report.audit.finding_kind")), Column(t("report.audit.code"), drop=1),
         *(Column(t(f"report.diff.finding.{c}"), M.COUNT) for c in ("resolved", "new",
                                                                 "persisting"))],
        frows, key="finding-counts", brief=3, rest=t("report.audit.other_kinds", n="{n}"))],
        summary=True, nav=t("report.diff.nav.findings"))

    changed = _changed(d)
    circ = Section(t("report.diff.circles", n=len(changed), total=len(d.circles)),
                   "circles", [_circle_table(d, changed)], summary=True,
                   nav=t("report.diff.nav.circles"))
    circ.blocks += _figures(d, changed)
    return [head, rates, trans, regressed, found, circ]


def _unit_columns() -> list[Column]:
    return [Column(t("report.diff.change"), filter="change"),
            Column(t("report.audit.name"), M.REF, id_title=t("report.audit.id")),
            Column(t("report.audit.kind")),
            Column(t("report.community"), M.REF, filter="community"),
            Column(t("report.street"), M.REF, filter="street", drop=1),
            Column(t("report.diff.old_status")), Column(t("report.diff.new_status"))]


def _unit_row(d: Diff, r: dict[str, Any]) -> list[Any]:
    return [Cell(r["change"], text=t(f"report.diff.unit.{r['change']}"),
                 mark="bad" if r["change"] == "regressed" else ""),
            (r["id"], str(r["name"])), V.KIND_NAMES_ZH.get(r["kind"], r["kind"]),
            _ref(d, r["community"]), _ref(d, r["area"]), _status(r["old"]), _status(r["new"])]


def _changed(d: Diff) -> list[dict[str, Any]]:
    """Communities whose circles changed, the largest linkage change first."""
    def moved(c: dict[str, Any]) -> bool:
        return (c["core_old"] != c["core_new"] or c["linkage_old"] != c["linkage_new"]
                or any(c[f"{r}_{k}"] for r in CIRCLE_ROLES for k in ("entered", "left")))

    changed = [c for c in d.circles.to_dict("records") if moved(c)]
    return sorted(changed, key=lambda c: (-abs(c["linkage_delta"] or 0), c["community"]))


def _circle_table(d: Diff, changed: list[dict[str, Any]]) -> Table:
    def names(ids: Any) -> str:
        return "、".join(str(d.names.get(i, i)) for i in ids)

    link = t("report.audit.linkage")
    cols = [Column(t("report.community"), M.REF, id_title=t("report.audit.community_id")),
            Column(t("report.diff.col_old", rate=link), M.RATE, short=t("report.diff.old"),
                   drop=2),
            Column(t("report.diff.col_new", rate=link), M.RATE, short=t("report.diff.new")),
            Column(t("report.metric.change"), M.DELTA),
            Column(t("report.audit.core"), wrap=True, drop=1),
            Column(t("report.diff.moves"), short=t("report.diff.moves_short"), wrap=True),
            Column(t("report.diff.who"), wrap=True, width=50, drop=3)]
    rows = []
    for c in changed:
        moves = "；".join(t(f"report.audit.node_role.{r}")
                         + f" +{len(c[f'{r}_entered'])}/-{len(c[f'{r}_left'])}"
                         for r in CIRCLE_ROLES if c[f"{r}_entered"] or c[f"{r}_left"])
        old, new = (d.names.get(x, x) if x else t("report.html.no_core")
                    for x in (c["core_old"], c["core_new"]))
        who = [t(f"report.audit.node_role.{r}") + f"{w}：{names(c[f'{r}_{k}'])}"
               for r in CIRCLE_ROLES
               for k, w in (("entered", t("report.diff.entered")),
                            ("left", t("report.diff.left"))) if c[f"{r}_{k}"]]
        rows.append([(c["community"], c["name"]), c["linkage_old"], c["linkage_new"],
                     c["linkage_delta"], new if old == new else f"{old} → {new}", moves or "—",
                     who])
    return Table(cols, rows, key="circle-changes", sheet="融合圈变化", brief=2,
                 unit=t("report.unit.communities"), empty=t("report.diff.no_circle_change"))


def _roles_of(row: dict[str, Any] | None) -> dict[str, str]:
    return {} if row is None else {m: r for r in CIRCLE_ROLES for m in row[r]}


def _short(text: Any, n: int) -> str:
    text = str(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _svg(d: Diff, old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    """One community's circles on one layout for both snapshots, changes coloured."""
    ro, rn = _roles_of(old), _roles_of(new)
    placed: dict[str, list[str]] = {r: [] for r in CIRCLE_ROLES}
    kind: dict[str, str] = {}
    for m in sorted(ro.keys() | rn.keys()):
        a, b = ro.get(m), rn.get(m)
        placed[b or a].append(m)
        kind[m] = ("new" if a is None else "removed" if b is None else "same" if a == b else
                   ("improved" if _RANK[b] > _RANK[a] else "regressed")
                   if a in _RANK and b in _RANK else "moved")
    w, h, cx, cy, unit = 560, 430, 235, 215, 62
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}" role="img">']
    for radius, role in ((1, "sub_core"), (2, "pan_core"), (3, "unlinked")):
        label = escape(t(f"report.audit.node_role.{role}"))
        out.append(f'<circle cx="{cx}" cy="{cy}" r="{radius * unit}" fill="none" '
                   f'stroke="#bbb" stroke-dasharray="4 3"/><text x="'
                   f'{cx - radius * unit * 0.72:.1f}" y="{cy - radius * unit * 0.72:.1f}" '
                   f'font-size="10" fill="#999" text-anchor="end">{label}</text>')
    core_old, core_new = (old or {}).get("core"), (new or {}).get("core")
    if core_new or core_old:
        color = "#c00000" if core_old == core_new else CHANGE_COLORS["moved"]
        out.append(f'<circle cx="{cx}" cy="{cy}" r="13" fill="{color}"/><text x="{cx}" '
                   f'y="{cy + 26}" font-size="11" text-anchor="middle">'
                   f'{escape(_short(d.names.get(core_new or core_old, ""), 10))}</text>')

    def dot(x: float, y: float, m: str, anchor: str = "middle") -> None:
        k = kind[m]
        dash = ' stroke-dasharray="2 2"' if k == "removed" else ""
        fill = "#fff" if k == "removed" else CHANGE_COLORS[k]
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="'
                   f'{CHANGE_COLORS[k]}" stroke-width="1.5"{dash}><title>'
                   f"{escape(str(d.names.get(m, m)))}（{escape(m)}）："
                   + escape(t(f"report.diff.move.{k}")) + "</title></circle>")
        if k != "same":
            side = anchor == "start"
            out.append(f'<text x="{x + (8 if side else 0):.1f}" y="{y + (4 if side else 16):.1f}"'
                       f' font-size="9" text-anchor="{anchor}" fill="#333">'
                       f"{escape(_short(d.names.get(m, m), 8))}</text>")

    for role, radius, offset in (("sub_core", 1, 0.3), ("pan_core", 2, 0.1),
                                 ("unlinked", 3, 0.2)):
        ms = placed[role]
        for i, m in enumerate(ms):
            ang = offset + 2 * math.pi * i / len(ms)
            dot(cx + radius * unit * math.cos(ang), cy + radius * unit * math.sin(ang), m)
    ext = placed["external"]
    if ext:
        out.append(f'<text x="{w - 150}" y="22" font-size="10" fill="#888">'
                   f'{escape(t("report.audit.node_role.external"))}</text>')
    step = min(22.0, (h - 50) / max(len(ext), 1))
    for i, m in enumerate(ext):
        dot(w - 150, 38 + i * step, m, anchor="start")
    out.append("</svg>")
    return "".join(out)


def _figures(d: Diff, changed: list[dict[str, Any]], most: int = 60) -> list[Any]:
    """The changed communities' circles, from the two audits the diff was made of."""
    if d.parts is None or not changed:
        return []
    old = {r["community"]: r for r in d.parts.ra.circles.to_dict("records")}
    new = {r["community"]: r for r in d.parts.rb.circles.to_dict("records")}
    legend = "；".join(t(f"report.diff.move.{k}") + f"（{c}）" for k, c in CHANGE_COLORS.items())
    out: list[Any] = [Text(t("report.diff.legend", legend=legend), "hint")]
    for c in changed[:most]:
        cid = c["community"]
        out.append(Figure(t("report.diff.figure", name=c["name"], id=cid,
                            old=M.pct(c["linkage_old"]), new=M.pct(c["linkage_new"]),
                            change=M.pp(c["linkage_delta"])), f"c-{cid}",
                          svg=_svg(d, old.get(cid), new.get(cid))))
    if len(changed) > most:
        out.append(Text(t("report.diff.only_drawn", n=most, total=len(changed)), "hint"))
    return out


def _details(d: Diff) -> list[Section]:
    rows = []
    for group in ("overall", "two_new", "by_area", "by_kind", "by_community"):
        label = {"overall": _scope(d.scope), "two_new": t("report.scope.two_new")}.get(group)
        for r in _rate_rows(d, group, label):
            r[0] = t({"overall": "report.audit.by.all", "two_new": "report.audit.by.all",
                      "by_area": "report.audit.by.area", "by_kind": "report.audit.by.kind",
                      "by_community": "report.audit.by.community"}[group])
            rows.append(r)
    rates = Section(t("report.diff.rate_details"), "rate-details", [
        Table(_rate_columns(), rows, key="rate-details", sheet="覆盖率变化", search=True)],
        nav=t("report.diff.nav.rate_details"))
    rank = {c: i for i, c in enumerate(_UNIT_CHANGES)}
    units = sorted(d.units.to_dict("records"), key=lambda r: (rank[r["change"]], r["id"]))
    shown = {"change": ",".join(c for c in _UNIT_CHANGES if c != "unchanged")}
    unit_sec = Section(t("report.diff.units"), "units", [Table(
        _unit_columns(), [_unit_row(d, r) for r in units], key="units", sheet="单位变化",
        search=True, page=500, unit=t("report.unit.units"), shown=shown)],
        nav=t("report.diff.units"))
    f = d.findings
    found = Section(t("report.diff.finding_changes"), "finding-changes", [Table(
        [Column(t("report.diff.change"), filter="change"),
         Column(t("report.audit.finding_kind"), filter="code"), Column(t("report.audit.code")),
         Column(t("report.audit.name"), M.REF, id_title=t("report.audit.subject_id"), wrap=True),
         Column(t("report.audit.finding"), wrap=True),
         Column(t("report.community"), M.REF, filter="community"),
         Column(t("report.street"), M.REF, filter="street")],
        [[Cell(r["change"], text=t(f"report.diff.finding.{r['change']}")),
          Cell(r["code"], text=FINDING_TITLES_ZH.get(r["code"], r["code"])), r["code"],
          (r["subject"], r["name"] or r["subject"]), r["message"], _ref(d, r["community"]),
          _ref(d, r["area"])] for r in f.to_dict("records")],
        key="finding-changes", sheet="发现变化", search=True,
        shown={"change": "resolved,new"})], nav=t("report.diff.nav.finding_changes"))
    n, e = d.nodes, d.edges
    def counted(frame: pd.DataFrame) -> dict[str, int]:
        return {k: int((frame["change"] == k).sum()) for k in ("added", "removed", "changed")}

    old, new = t("report.diff.old"), t("report.diff.new")
    nodes = Section(t("report.diff.nodes", **counted(n)), "nodes", [Table(
                        [Column(t("report.diff.change"), filter="change"),
                         Column(t("report.audit.name"), M.REF, id_title=t("report.audit.id")),
                         Column(t("report.diff.label")), Column(t("report.diff.field")),
                         Column(old), Column(new)],
                        [[Cell(r["change"], text=t(f"report.diff.node.{r['change']}")),
                          (r["id"], str(r["name"])), V.LABEL_NAMES_ZH.get(r["label"],
                                                                          str(r["label"])),
                          r["field"], _cell(r["old"]), _cell(r["new"])]
                         for r in n.to_dict("records")],
                        key="nodes", sheet="节点变化", search=True, page=500)],
                    nav=t("report.diff.nav.nodes"))
    by_type = d.to_dict()["edges"]
    types = sorted(set(by_type["added_by_type"]) | set(by_type["removed_by_type"]))
    edges = Section(t("report.diff.edges", **counted(e)), "edges", [
                        Table([Column(t("report.diff.type")),
                               Column(t("report.diff.node.added"), M.COUNT),
                               Column(t("report.diff.node.removed"), M.COUNT)],
                              [[t, by_type["added_by_type"].get(t, 0),
                                by_type["removed_by_type"].get(t, 0)] for t in types],
                              title=t("report.diff.by_type"), key="edge-types"),
                        Table([Column(t("report.diff.change"), filter="change"),
                               Column(t("report.diff.source"), M.REF,
                                      id_title=t("report.diff.source_id")),
                               Column(t("report.diff.target"), M.REF,
                                      id_title=t("report.diff.target_id")),
                               Column(t("report.diff.type"), filter="type"),
                               Column(t("report.diff.field")), Column(old), Column(new)],
                              [[Cell(r["change"],
                                     text=t(f"report.diff.node.{r['change']}")),
                                _ref(d, r["source"]), _ref(d, r["target"]), r["type"],
                                r["field"], _cell(r["old"]), _cell(r["new"])]
                               for r in e.to_dict("records")],
                              title=t("report.diff.list"), key="edges", sheet="关系变化",
                              search=True, page=500)], nav=t("report.diff.nav.edges"))
    return [rates, unit_sec, found, nodes, edges]


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    return v if v is None or isinstance(v, int | float | str) else str(v)


def document(d: Diff, *, figures: bool = True) -> Document:
    """The diff's report (see the module docs).

    Examples
    --------
    >>> import graphkit as gk
    >>> doc = document(gk.diff("data/sihui", "data/sihui-2021", area="东城街道"))
    >>> doc.full_title
    '快照对比：四会市城区基层党建网络（示例） → 四会市城区基层党建网络（示例，2021 年）（东城街道）'
    """
    secs = _summary(d)
    if not figures:
        secs[-1].blocks = [b for b in secs[-1].blocks if not isinstance(b, Figure)]
    place = _place(d)
    unknown = t("report.unknown_date")
    meta = [t("report.diff.meta", old=d.old["snapshot"] or unknown,
              new=d.new["snapshot"] or unknown, scope=_scope(d.scope),
              only=t("report.diff.only", place=place.label, id=place.id)
              if place.level != "city" else "")]
    return Document(t("report.diff.title", old=d.old["name"], new=d.new["name"]), place, meta,
                    secs + _details(d),
                    sheet_order=("覆盖率变化", "状态转移", "单位变化", "发现变化", "融合圈变化",
                                 "节点变化", "关系变化"),
                    more=t("report.diff.more"))


def trend_document(frame: pd.DataFrame, *, scope: str = "all") -> Document:
    """The trend (:func:`graphkit.trend`): per snapshot, the overall and per-street rates
    with the change from the snapshot before (percentage points).

    Examples
    --------
    >>> import graphkit as gk
    >>> doc = trend_document(gk.trend(["data/sihui", "data/sihui-2021"]))
    >>> doc.full_title
    '覆盖率趋势（全部单位，2 期快照）'
    """
    prev: dict[tuple[str, str], float] = {}
    rows = []
    snaps = []
    for order, sub in frame.groupby("order", sort=True):
        first = sub.iloc[0]
        snaps.append(t("report.trend.snapshot", n=int(order) + 1, name=first["dataset"],
                       date=first["snapshot"] or t("report.unknown_date")))
        for r in sub.to_dict("records"):
            row: list[Any] = [int(order) + 1, first["snapshot"] or "—",
                              (r["group"], str(r["name"])), int(r["units"])]
            for m in METRICS:
                before = prev.get((r["group"], m))
                now = None if r[m] != r[m] else float(r[m])
                row += [now, None if before is None or now is None else 100 * (now - before)]
                prev[(r["group"], m)] = now  # type: ignore[assignment]
            rows.append(row)
    cols = [Column(t("report.trend.order"), M.COUNT), Column(t("report.trend.date"), drop=1),
            Column(t("report.audit.scope"), M.REF, id_title=t("report.audit.id"),
                   filter="street"), Column(t("report.audit.units_n"), M.COUNT)]
    for m in METRICS:
        cols += [Column(t(f"report.rate.{m}"), M.RATE, short=t(f"report.rate.{m}")[:2]),
                 Column(t("report.trend.change"), M.DELTA, short=t("report.metric.change"))]
    scope_zh = _scope(scope)
    return Document(t("report.trend.title", scope=scope_zh, n=frame["order"].nunique()),
                    meta=snaps, sections=[Section(t("report.trend.rates"), "trend", [
                        Table(cols, rows, key="trend", sheet="趋势", search=True),
                        Text(t("report.trend.note"), "note")],
                        summary=True, nav=t("report.trend.rates"))],
                    more=t("report.trend.more"))
