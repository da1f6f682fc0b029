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
from .model import (
    COUNT,
    DELTA,
    RATE,
    REF,
    Cell,
    Column,
    Document,
    Figure,
    Metric,
    Metrics,
    Place,
    Section,
    Table,
    Text,
    pct,
    pp,
)

__all__ = ["document", "trend_document"]

_METRIC_ZH = {"own": "单独组建率", "organization": "组织覆盖率", "work": "工作覆盖率"}
_ROLE_ZH = {"sub_core": "次核心圈", "pan_core": "泛核心圈", "unlinked": "未联动",
            "external": "外部共建"}
_CHANGE_ZH = {"new": "新增", "resolved": "已解决", "persisting": "持续"}
_UNIT_CHANGE_ZH = {"regressed": "退步", "improved": "进步", "added": "新增", "removed": "撤销",
                   "same_level": "同级变化", "unchanged": "不变"}
_NODE_CHANGE_ZH = {"added": "新增", "removed": "删除", "changed": "变化"}
_SCOPE_ZH = {"all": "全部单位", "two_new": "两新组织"}
#: Colours of what changed in a circle drawing.
CHANGE_COLORS = {"new": "#2e7d32", "removed": "#9e9e9e", "improved": "#1565c0",
                 "regressed": "#c62828", "moved": "#ef6c00", "same": "#f6b26b"}
_CHANGE_NAMES = {"new": "新进入", "removed": "已离开", "improved": "圈层上升",
                 "regressed": "圈层下降", "moved": "辖区内外变化", "same": "未变"}
_RANK = {"sub_core": 3, "pan_core": 2, "unlinked": 1}
#: Rows of each list on the first screen.
SUMMARY_ROWS = 6


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
    cols = [Column("分组", filter="group"), Column("范围", REF, id_title="编号"),
            Column("单位数", COUNT)]
    for m in ("work", "organization", "own"):
        zh = _METRIC_ZH[m]
        cols += [Column(f"{zh}（上期）", RATE, short=f"{zh[:2]}上期", drop=3),
                 Column(f"{zh}（本期）", RATE, short=f"{zh[:2]}本期", drop=2 if m == "own" else 0),
                 Column(f"{zh}增减", DELTA, short=f"{zh[:2]}增减", drop=2 if m == "own" else 0)]
    return cols


def _summary(d: Diff) -> list[Section]:
    doc = d.to_dict()
    u = d.units
    counts = u["change"].value_counts()
    n_old, n_new = int(u["old"].notna().sum()), int(u["new"].notna().sum())
    ov = d.rates[d.rates["group"] == "overall"].set_index("metric")
    metrics = Metrics([Metric(
        _METRIC_ZH[m], ov.at[m, "new"], round((ov.at[m, "new"] or 0) * (ov.at[m, "units_new"]
                                                                        or 0)),
        int(ov.at[m, "units_new"] or 0), previous=ov.at[m, "old"], delta=ov.at[m, "delta"])
        for m in ("work", "organization", "own")], previous="上期", current="本期",
        formats=("html", "markdown", "xlsx"))
    head = Section("概况", "summary", [metrics, Text(
        f"单位 {n_old:,} → {n_new:,} 个（新增 {counts.get('added', 0):,}、撤销 "
        f"{counts.get('removed', 0):,}）；覆盖状态进步 {counts.get('improved', 0):,}、"
        f"退步 {counts.get('regressed', 0):,}。"), Text(
        f"节点新增 {len(doc['nodes']['added'])}、删除 {len(doc['nodes']['removed'])}、属性变化 "
        f"{len(doc['nodes']['changed'])} 项；关系新增 {len(doc['edges']['added'])}、删除 "
        f"{len(doc['edges']['removed'])}、属性变化 {len(doc['edges']['changed'])} 项。",
        "detail")], summary=True, nav="概况")
    if d.regression:
        why = []
        if counts.get("regressed", 0):
            why.append(f"{counts.get('regressed', 0)} 个单位覆盖状态下降")
        if d.fallen:
            why.append("、".join(_METRIC_ZH[m] for m in d.fallen) + "下降")
        head.blocks.append(Text("结论：有退步（" + "；".join(why) + "），需要整改。", "note"))
    else:
        head.blocks.append(Text("结论：无退步（没有单位覆盖状态下降，总体覆盖率未下降）。", "note"))

    rows = _rate_rows(d, "overall", _SCOPE_ZH.get(d.scope, d.scope)) + _rate_rows(d, "by_area")
    rates = Section("覆盖率变化（上期→本期，按街道）", "rates", [Table(
        _rate_columns()[1:], [r[1:] for r in rows], key="rates", brief=4, unit="个街道（镇）",
        formats=("terminal", "markdown", "html"))], summary=True, nav="覆盖率")

    statuses = list(V.COVERAGE_STATUSES)
    m = d.transitions
    trans = Section("覆盖状态转移（行：上期，列：本期；两期都有的单位）", "transitions", [Table(
        [Column("上期＼本期"), *(Column(_status(s), COUNT) for s in statuses),
         Column("合计", COUNT)],
        [[_status(s), *(int(m.at[s, t]) for t in statuses), int(m.loc[s].sum())]
         for s in statuses], key="transitions", sheet="状态转移")],
        summary=True, nav="状态转移")
    for change, side in (("added", "new"), ("removed", "old")):
        vc = u.loc[u["change"] == change, side].value_counts()
        if len(vc):
            trans.blocks.append(Text(
                f"{_UNIT_CHANGE_ZH[change]}单位 {int(vc.sum())} 个：" + "，".join(
                    f"{_status(s)} {int(vc[s])}" for s in statuses if s in vc.index) + "。",
                "detail"))

    reg = u[u["change"] == "regressed"]
    drop = [STATUS_LEVELS[o] - STATUS_LEVELS[n] for o, n in zip(reg["old"], reg["new"],
                                                                  strict=True)]
    reg = reg.assign(_drop=drop).sort_values(["_drop", "id"], ascending=[False, True])
    regressed = Section(f"退步单位（{len(reg)} 个，需要整改）", "regressed", [Table(
        _unit_columns(), [_unit_row(d, r) for r in reg.to_dict("records")], key="regressed",
        brief=2, unit="个单位", formats=("terminal", "markdown", "html"))],
        summary=True, nav="退步单位")

    f = d.findings
    frows = []
    for code in _codes(f["code"]):
        vc = f.loc[f["code"] == code, "change"].value_counts()
        frows.append([FINDING_TITLES_ZH.get(code, code), code, int(vc.get("resolved", 0)),
                      int(vc.get("new", 0)), int(vc.get("persisting", 0))])
    found = Section("发现的问题：已解决与新增（按类别）", "findings", [Table(
        [Column("类别"), Column("代码", drop=1), Column("已解决", COUNT), Column("新增", COUNT),
         Column("持续", COUNT)], frows, key="finding-counts", brief=3,
        rest="其他 {n} 类")], summary=True, nav="问题")

    changed = _changed(d)
    circ = Section(f"一核双圈变化（{len(changed)} 个社区有变化，共 {len(d.circles)} 个社区）",
                   "circles", [_circle_table(d, changed)], summary=True, nav="融合圈")
    circ.blocks += _figures(d, changed)
    return [head, rates, trans, regressed, found, circ]


def _unit_columns() -> list[Column]:
    return [Column("变化", filter="change"), Column("名称", REF, id_title="编号"),
            Column("类型"), Column("社区", REF, filter="community"),
            Column("街道（镇）", REF, filter="street", drop=1), Column("上期状态"),
            Column("本期状态")]


def _unit_row(d: Diff, r: dict[str, Any]) -> list[Any]:
    return [Cell(r["change"], text=_UNIT_CHANGE_ZH[r["change"]],
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

    cols = [Column("社区", REF, id_title="社区编号"),
            Column("联动率（上期）", RATE, short="上期", drop=2),
            Column("联动率（本期）", RATE, short="本期"), Column("增减", DELTA),
            Column("核心", wrap=True, drop=1),
            Column("进出（+进入/-离开）", short="进出", wrap=True),
            Column("进出的成员", wrap=True, width=50, drop=3)]
    rows = []
    for c in changed:
        moves = "；".join(f"{_ROLE_ZH[r]} +{len(c[f'{r}_entered'])}/-{len(c[f'{r}_left'])}"
                         for r in CIRCLE_ROLES if c[f"{r}_entered"] or c[f"{r}_left"])
        old, new = (d.names.get(x, x) if x else "无核心" for x in (c["core_old"], c["core_new"]))
        who = [f"{_ROLE_ZH[r]}{w}：{names(c[f'{r}_{k}'])}" for r in CIRCLE_ROLES
               for k, w in (("entered", "进入"), ("left", "离开")) if c[f"{r}_{k}"]]
        rows.append([(c["community"], c["name"]), c["linkage_old"], c["linkage_new"],
                     c["linkage_delta"], new if old == new else f"{old} → {new}", moves or "—",
                     who])
    return Table(cols, rows, key="circle-changes", sheet="融合圈变化", brief=2,
                 unit="个社区", empty="没有社区的一核双圈有变化。")


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
    for radius, label in ((1, "次核心圈"), (2, "泛核心圈"), (3, "未联动")):
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
                   f"{escape(str(d.names.get(m, m)))}（{escape(m)}）：{_CHANGE_NAMES[k]}"
                   "</title></circle>")
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
        out.append(f'<text x="{w - 150}" y="22" font-size="10" fill="#888">外部共建</text>')
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
    legend = "；".join(f"{_CHANGE_NAMES[k]}（{c}）" for k, c in CHANGE_COLORS.items())
    out: list[Any] = [Text(f"两期成员画在同一布局上（按本期圈层，已离开的按上期）：{legend}。",
                           "hint")]
    for c in changed[:most]:
        cid = c["community"]
        out.append(Figure(f"{c['name']}（{cid}）：联动率 {pct(c['linkage_old'])}→"
                          f"{pct(c['linkage_new'])}（{pp(c['linkage_delta'])}）", f"c-{cid}",
                          svg=_svg(d, old.get(cid), new.get(cid))))
    if len(changed) > most:
        out.append(Text(f"（仅绘制前 {most} 个有变化的社区，共 {len(changed)} 个。）", "hint"))
    return out


def _details(d: Diff) -> list[Section]:
    rows = []
    for group in ("overall", "two_new", "by_area", "by_kind", "by_community"):
        label = {"overall": _SCOPE_ZH.get(d.scope, d.scope), "two_new": "两新组织"}.get(group)
        for r in _rate_rows(d, group, label):
            r[0] = {"overall": "总体", "two_new": "总体", "by_area": "按街道（镇）",
                    "by_kind": "按单位类型", "by_community": "按社区"}[group]
            rows.append(r)
    rates = Section("覆盖率变化明细：总体、街道（镇）、单位类型、社区", "rate-details", [
        Table(_rate_columns(), rows, key="rate-details", sheet="覆盖率变化", search=True)],
        nav="覆盖率明细")
    rank = {c: i for i, c in enumerate(_UNIT_CHANGE_ZH)}
    units = sorted(d.units.to_dict("records"), key=lambda r: (rank[r["change"]], r["id"]))
    shown = {"change": ",".join(c for c in _UNIT_CHANGE_ZH if c != "unchanged")}
    unit_sec = Section("单位变化", "units", [Table(
        _unit_columns(), [_unit_row(d, r) for r in units], key="units", sheet="单位变化",
        search=True, page=500, unit="个单位", shown=shown)], nav="单位变化")
    f = d.findings
    found = Section("问题变化：已解决、新增、持续", "finding-changes", [Table(
        [Column("变化", filter="change"), Column("类别", filter="code"), Column("代码"),
         Column("名称", REF, id_title="对象编号", wrap=True), Column("问题", wrap=True),
         Column("社区", REF, filter="community"), Column("街道（镇）", REF, filter="street")],
        [[Cell(r["change"], text=_CHANGE_ZH[r["change"]]),
          Cell(r["code"], text=FINDING_TITLES_ZH.get(r["code"], r["code"])), r["code"],
          (r["subject"], r["name"] or r["subject"]), r["message"], _ref(d, r["community"]),
          _ref(d, r["area"])] for r in f.to_dict("records")],
        key="finding-changes", sheet="发现变化", search=True,
        shown={"change": "resolved,new"})], nav="问题明细")
    n, e = d.nodes, d.edges
    nodes = Section(f"节点变化（新增 {int((n['change'] == 'added').sum())}，删除 "
                    f"{int((n['change'] == 'removed').sum())}，属性变化 "
                    f"{int((n['change'] == 'changed').sum())}）", "nodes", [Table(
                        [Column("变化", filter="change"), Column("名称", REF, id_title="编号"),
                         Column("类别"), Column("字段"), Column("上期"), Column("本期")],
                        [[Cell(r["change"], text=_NODE_CHANGE_ZH[r["change"]]),
                          (r["id"], str(r["name"])), V.LABEL_NAMES_ZH.get(r["label"],
                                                                          str(r["label"])),
                          r["field"], _cell(r["old"]), _cell(r["new"])]
                         for r in n.to_dict("records")],
                        key="nodes", sheet="节点变化", search=True, page=500)], nav="节点")
    by_type = d.to_dict()["edges"]
    types = sorted(set(by_type["added_by_type"]) | set(by_type["removed_by_type"]))
    edges = Section(f"关系变化（新增 {int((e['change'] == 'added').sum())}，删除 "
                    f"{int((e['change'] == 'removed').sum())}，属性变化 "
                    f"{int((e['change'] == 'changed').sum())}）", "edges", [
                        Table([Column("关系类型"), Column("新增", COUNT), Column("删除", COUNT)],
                              [[t, by_type["added_by_type"].get(t, 0),
                                by_type["removed_by_type"].get(t, 0)] for t in types],
                              title="按类型", key="edge-types"),
                        Table([Column("变化", filter="change"),
                               Column("起点", REF, id_title="起点编号"),
                               Column("终点", REF, id_title="终点编号"),
                               Column("类型", filter="type"),
                               Column("字段"), Column("上期"), Column("本期")],
                              [[Cell(r["change"], text=_NODE_CHANGE_ZH[r["change"]]),
                                _ref(d, r["source"]), _ref(d, r["target"]), r["type"],
                                r["field"], _cell(r["old"]), _cell(r["new"])]
                               for r in e.to_dict("records")],
                              title="明细", key="edges", sheet="关系变化", search=True,
                              page=500)], nav="关系")
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
    meta = [f"上期 {d.old['snapshot'] or '（未注明日期）'} → 本期 "
            f"{d.new['snapshot'] or '（未注明日期）'}；统计范围：{_SCOPE_ZH.get(d.scope, d.scope)}"
            + (f"；仅限：{place.label}（{place.id}）" if place.level != "city" else "") + "。"]
    return Document(f"快照对比：{d.old['name']} → {d.new['name']}", place, meta,
                    secs + _details(d),
                    sheet_order=("覆盖率变化", "状态转移", "单位变化", "发现变化", "融合圈变化",
                                 "节点变化", "关系变化"),
                    more="（完整名单见 --format markdown/html/xlsx）")


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
        snaps.append(f"第 {int(order) + 1} 期：{first['snapshot'] or '未注明日期'}　"
                     f"{first['dataset']}")
        for r in sub.to_dict("records"):
            row: list[Any] = [int(order) + 1, first["snapshot"] or "—",
                              (r["group"], str(r["name"])), int(r["units"])]
            for m in METRICS:
                before = prev.get((r["group"], m))
                now = None if r[m] != r[m] else float(r[m])
                row += [now, None if before is None or now is None else 100 * (now - before)]
                prev[(r["group"], m)] = now  # type: ignore[assignment]
            rows.append(row)
    cols = [Column("期", COUNT), Column("快照日期", drop=1),
            Column("范围", REF, id_title="编号", filter="street"), Column("单位数", COUNT)]
    for m in METRICS:
        cols += [Column(_METRIC_ZH[m], RATE, short=_METRIC_ZH[m][:2]),
                 Column("较上期", DELTA, short="增减")]
    scope_zh = _SCOPE_ZH.get(scope, scope)
    return Document(f"覆盖率趋势（{scope_zh}，{frame['order'].nunique()} 期快照）", meta=snaps,
                    sections=[Section("各期覆盖率", "trend", [
                        Table(cols, rows, key="trend", sheet="趋势", search=True),
                        Text("较上期：与上一期快照相比的变化（个百分点）。", "note")],
                        summary=True, nav="各期覆盖率")],
                    more="（全部见 --format csv/json）")
