"""The audit's report: :func:`summary` (the first screen, as data) and :func:`document`
(the whole report as a :class:`~graphkit.report.model.Document`).

The summary has the shape of a statistics release: the three coverage rates and the
linkage rate with their numerators, denominators and targets (and, given the diff from an
earlier snapshot, its rates and the change in percentage points), the findings counted by
type × street, the weakest communities, the streets. Then the drill-down: the action list
per street and community, the communities, the four integrations, the circles network, the
rates, the units and the figures.

**The weakest communities** are ranked by what it takes to fix them, not by their rate
alone (a one-unit community at 0 % is not the city's weakest): by work coverage, the units
still to cover for the community to reach the work target (descending; then the lower
rate, then the id), communities at or above the target left out; by linkage, the
jurisdiction members still unlinked (descending; then the lower rate, then the id),
communities with none left out.

**One street order**: streets (areas) come in id order everywhere (the order of the JSON
document and of the plan), findings without a street last.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import vocab as V
from ..analysis._places import Places
from ..analysis.auditing import AuditResult
from ..analysis.coverage import key_text
from ..analysis.gaps import FINDING_CODES, FINDING_TITLES_ZH
from ..analysis.mechanisms import (
    CITY_NAME_ZH,
    FIELDS,
    INDICATORS,
    scorecard_by_area,
    scores,
    worst_first,
)
from ..analysis.narrowing import result_places
from ..analysis.worklist import PROGRESS_CHOICES
from ..errors import UsageError
from ..network._text import visible
from .model import (
    COUNT,
    DELTA,
    NUMBER,
    PAGE_ROWS,
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
    missing,
    pct,
)

__all__ = ["DEFAULT_TARGET_ORG", "DEFAULT_TARGET_WORK", "PROGRESS_CHOICES", "Summary",
           "document", "restriction", "summary"]

#: Default targets of work and organizational coverage (``--target-work``/``--target-org``).
DEFAULT_TARGET_WORK = 0.95
DEFAULT_TARGET_ORG = 0.90
#: Rows of the "weakest communities" tables.
WORST_N = 5
#: Scorecard fields in the streets table of the summary: one per integration.
_AREA_CARD = ("running_circle", "service_centers", "reporting_members", "issues_resolved")
#: Rows of an attribute's breakdown on the first screen (``--by``).
ATTRIBUTE_ROWS = 10
NO_AREA_ZH = "未归属街道"
_NO_COMMUNITY = "未归属社区"
_SCOPE_ZH = {"all": "全部单位", "two_new": "两新组织"}
#: Circle roles in drawing order; ``member`` is a jurisdiction member of a community
#: without a core (no circles: SPEC section 3).
ROLE_CODES = ("core", "sub_core", "pan_core", "external", "unlinked", "member")
_ROLE_NAMES_ZH = {"core": "核心", "sub_core": "次核心圈", "pan_core": "泛核心圈",
                  "external": "外部共建", "unlinked": "未联动", "member": "辖区成员（无核心）"}
_TIE_NAMES_ZH = {V.CO_BUILDS: "共建", V.REPORTS_TO: "隶属", V.COVERS: "覆盖",
                 V.MEETS_WITH: "联席会议", V.TEAM_TIE: "团队（驻点/志愿）"}


def restriction(result: AuditResult) -> dict[str, str]:
    """The street and community `result` was narrowed to (empty when it was not)."""
    return dict(result.meta.get("restriction") or {})


def _place(result: AuditResult) -> Place:
    r = restriction(result)
    if r.get("community"):
        return Place("community", r["community"], r.get("community_name", ""),
                     r.get("area_name"))
    if r.get("area"):
        return Place("area", r["area"], r.get("area_name", ""))
    return Place("city", None, str(result.meta.get("name") or ""))


# --- the summary ---------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The first screen of every report.

    Attributes
    ----------
    rates : DataFrame
        Indexed ``work``, ``organization``, ``own``, ``linkage``: ``title`` (Chinese),
        ``rate``, ``covered`` (numerator), ``units`` (denominator: units in scope; for
        linkage, the jurisdiction members of communities with a core), ``target`` (None
        when there is none), ``met`` (bool or None), ``shortfall`` (units still to cover to
        reach the target, 0 when met).
    findings : DataFrame
        Findings counted by code (index, report order) × street (columns: area ids in id
        order, ``""`` last for findings without a street), with a ``total`` column.
    worst_work : DataFrame
        The communities that most need units covered to reach the work target (see the
        module docs): ``community, name, area, units, uncovered, work, organization,
        shortfall``.
    worst_linkage : DataFrame
        The communities with a core and the most unlinked members: ``community, name,
        area, members, unlinked, linkage_rate``.
    no_core : list of str
        Communities without a core (no linkage rate at all).
    areas : DataFrame
        One row per street in id order: ``area, name, communities, units, own,
        organization, work, findings``, and of the scorecard (SPEC 8, each entity once per
        street) ``running_circle`` (its communities running the integration circle),
        ``service_centers``, ``reporting_members``, ``issues_resolved`` (None without the
        network).
    """

    rates: pd.DataFrame
    findings: pd.DataFrame
    worst_work: pd.DataFrame
    worst_linkage: pd.DataFrame
    no_core: list[str]
    areas: pd.DataFrame


def _linked(circles: pd.DataFrame) -> tuple[int, int]:
    cored = circles[circles["status"] == "ok"]
    members = int(cored["members"].sum())
    linked = int(sum(len(a) + len(b) for a, b in zip(cored["sub_core"], cored["pan_core"],
                                                      strict=True)))
    return linked, members


def _metrics(result: AuditResult, target_work: float, target_org: float,
             previous: Any = None) -> list[Metric]:
    o = result.overall
    n = int(o["units"])
    linked, members = _linked(result.circles)
    n_ok = int((result.circles["status"] == "ok").sum())
    old: dict[str, Any] = {}
    if previous is not None:
        r = previous.rates
        r = r[r["group"] == "overall"]
        old = {m: (o_, d) for m, o_, d in zip(r["metric"], r["old"], r["delta"], strict=True)}
        ol, om = _linked(_old_circles(previous))
        rate = linked / members if members else None
        before = ol / om if om else None
        old["linkage"] = (before, None if rate is None or before is None
                          else 100 * (rate - before))

    def metric(key: str, title: str, rate: Any, covered: int, units: int,
               target: float | None, denominator: str = "范围内单位",
               noun: str = "个单位") -> Metric:
        prev, delta = old.get(key, (None, None))
        return Metric(title, None if missing(rate) else float(rate), int(covered), int(units),
                      denominator, noun, target, prev, delta)

    def covered(rate: Any) -> int:
        return 0 if missing(rate) else round(rate * n)

    return [
        metric("work", "工作覆盖率", o["work"], covered(o["work"]), n, target_work),
        metric("organization", "组织覆盖率", o["organization"], covered(o["organization"]),
               n, target_org),
        metric("own", "单独组建率", o["own"], covered(o["own"]), n, None),
        metric("linkage", "一核双圈联动率", linked / members if members else None, linked,
               members, None, f"辖区成员（{n_ok} 个有核心的社区）", "个成员"),
    ]


def _old_circles(d: Any) -> pd.DataFrame:
    """The earlier snapshot's circles of the communities of diff `d`."""
    parts = getattr(d, "parts", None)
    if parts is None:
        return pd.DataFrame({"status": [], "members": [], "sub_core": [], "pan_core": []})
    c = parts.ra.circles
    return c[c["community"].isin(set(d.circles["community"]))]


def summary(result: AuditResult, *, target_work: float = DEFAULT_TARGET_WORK,
            target_org: float = DEFAULT_TARGET_ORG, worst: int = WORST_N) -> Summary:
    """The summary of `result` (see :class:`Summary`) against the given targets.

    Examples
    --------
    >>> import graphkit as gk
    >>> s = summary(gk.audit(gk.read_dataset("data/sihui")))
    >>> s.rates.loc["organization", ["covered", "units", "met", "shortfall"]].tolist()
    [324, 381, False, 19]
    >>> int(s.findings.loc["unlinked", "total"])
    148
    >>> s.worst_work["community"].tolist()[:2]    # the most units still to cover first
    ['com-025', 'com-032']
    """
    for name, t in (("target_work", target_work), ("target_org", target_org)):
        if not 0 <= t <= 1:
            raise UsageError(f"{name} must be a rate in [0, 1], got {t}")
    lines = {key: m for key, m in zip(("work", "organization", "own", "linkage"),
                                      _metrics(result, target_work, target_org), strict=True)}
    rates = pd.DataFrame({col: pd.Series(values, index=list(lines), dtype=object)
                          for col, values in (
                              ("title", [m.title for m in lines.values()]),
                              ("rate", [m.rate for m in lines.values()]),
                              ("covered", [m.covered for m in lines.values()]),
                              ("units", [m.units for m in lines.values()]),
                              ("target", [m.target for m in lines.values()]),
                              ("met", [m.met for m in lines.values()]),
                              ("shortfall", [m.shortfall for m in lines.values()]))})
    p = result_places(result)
    f = result.findings
    codes = [c for c in FINDING_CODES if (f["code"] == c).any()]
    codes += sorted(set(f["code"]) - set(codes))
    area = f["area"].astype(object).where(f["area"].notna(), "")
    matrix = pd.crosstab(pd.Categorical(f["code"], categories=codes),
                         pd.Series(area.to_numpy(), dtype=object), dropna=False)
    matrix.index = pd.Index(codes, dtype=object, name="code")
    if len(matrix.columns):
        matrix = matrix[sorted(matrix.columns, key=lambda a: (a == "", str(a)))]
    matrix.columns = pd.Index([str(c) for c in matrix.columns], dtype=object, name="area")
    matrix = matrix.astype("int64")
    matrix["total"] = matrix.sum(axis=1).astype("int64")

    comm_area = p.communities["area"]
    bc = result.by_community
    units = bc["units"].to_numpy()
    ww = pd.DataFrame({
        "community": list(bc.index), "name": [result.names.get(c, c) for c in bc.index],
        "area": [comm_area.get(c) for c in bc.index], "units": units,
        "uncovered": [round(u * (1 - w)) if not missing(w) else 0
                      for u, w in zip(units, bc["work"], strict=True)],
        "work": bc["work"].to_numpy(), "organization": bc["organization"].to_numpy(),
    })
    ww["shortfall"] = [max(0, math.ceil(target_work * u - 1e-9) - (u - x))
                       for u, x in zip(ww["units"], ww["uncovered"], strict=True)]
    ww = ww[ww["shortfall"] > 0].sort_values(["shortfall", "work", "community"],
                                             ascending=[False, True, True])
    cored = result.circles[result.circles["status"] == "ok"]
    wl = pd.DataFrame({
        "community": cored["community"].tolist(), "name": cored["name"].tolist(),
        "area": [comm_area.get(c) for c in cored["community"]],
        "members": cored["members"].to_numpy(),
        "unlinked": [len(u) for u in cored["unlinked"]],
        "linkage_rate": cored["linkage_rate"].to_numpy(dtype=float),
    })
    wl = wl[wl["unlinked"] > 0].sort_values(["unlinked", "linkage_rate", "community"],
                                            ascending=[False, True, True])

    ba = result.by_area
    n_comm = comm_area.reindex(result.circles["community"]).value_counts()
    n_found = f["area"].value_counts()
    order = sorted(ba.index, key=str)
    areas = pd.DataFrame({
        "area": order, "name": [result.names.get(a, a) for a in order],
        "communities": [int(n_comm.get(a, 0)) for a in order],
        "units": [int(ba.at[a, "units"]) for a in order],
        "own": [ba.at[a, "own"] for a in order],
        "organization": [ba.at[a, "organization"] for a in order],
        "work": [ba.at[a, "work"] for a in order],
        "findings": [int(n_found.get(a, 0)) for a in order],
    })
    card = _area_cards(result)
    for fld in _AREA_CARD:
        areas[fld] = [card.get(a, {}).get(fld) for a in areas["area"]]
    circ = result.circles
    return Summary(
        rates=rates, findings=matrix,
        worst_work=ww.head(worst).reset_index(drop=True),
        worst_linkage=wl.head(worst).reset_index(drop=True),
        no_core=circ.loc[circ["status"] != "ok", "community"].tolist(),
        areas=areas.reset_index(drop=True),
    )


def _area_cards(result: AuditResult) -> dict[str, dict[str, Any]]:
    """The scorecard of each street/town of the network (empty without the network)."""
    if result.network is None or result.mechanisms is None:
        return {}
    by_area = scorecard_by_area(result.network, engine=result.engine,
                                sub_core_min_rating=result.settings.get("sub_core_min_rating"))
    return {r["area"]: r for r in by_area.to_dict("records")}


# --- the parts of the document ---------------------------------------------------------


class _Ctx:
    """What every part needs: names, places, the targets, the earlier snapshot."""

    def __init__(self, result: AuditResult, target_work: float, target_org: float,
                 previous: Any) -> None:
        self.r = result
        self.target_work, self.target_org = target_work, target_org
        self.previous = previous
        self.p: Places = result_places(result)
        self.names: dict[str, str] = dict(result.names)
        if result.network is not None:
            nodes = result.network.nodes
            self.names.update(zip(nodes["id"].tolist(), nodes["name"].tolist(),
                                  strict=True))
        self.comm_area = self.p.communities["area"]
        self.place = _place(result)

    def name(self, node: Any) -> str:
        return "" if missing(node) else str(self.names.get(node, node))

    def area_ref(self, a: Any) -> tuple[str | None, str]:
        return (None, NO_AREA_ZH) if missing(a) or a == "" else (str(a), self.name(a))

    def community_ref(self, c: Any) -> tuple[str | None, str]:
        return (None, _NO_COMMUNITY) if missing(c) or c == "" else (str(c), self.name(c))

    def area_of(self, c: Any) -> Any:
        return None if missing(c) else self.comm_area.get(c)


def _area_counts(ctx: _Ctx) -> str:
    """"街道 3 个、镇 1 个（上级区域 四会市 不计入）": what the Areas are."""
    areas = ctx.p.areas
    kinds = areas["kind"].value_counts()
    local = [f"{V.KIND_NAMES_ZH[k]} {int(kinds[k])} 个" for k in ("street", "town")
             if kinds.get(k)]
    upper = areas[areas["kind"].isin(["district", "city"])]
    text = "、".join(local) if local else "街道（镇）0 个"
    if len(upper):
        text += "（上级区域 " + "、".join(visible(n) for n in upper["name"]) + " 不计入）"
    return text


def _meta(ctx: _Ctx) -> list[str]:
    """Two lines: where and when, and what is counted (the place's own counts)."""
    r = ctx.r
    meta = r.meta
    scope = _SCOPE_ZH.get(r.scope, r.scope)
    place = ctx.place
    where = "" if place.level == "city" else f"仅{place.label}（{place.id}）；"
    line1 = (f"{where}快照日期 {meta.get('snapshot') or '未注明'}；统计范围：{scope}，"
             f"单位 {r.overall['units']:,} 个。")
    counts = "" if place.level != "city" else f"{_area_counts(ctx)}；"
    line2 = f"{counts}社区 {len(r.circles)} 个。"
    if ctx.previous is not None:
        old = ctx.previous.old
        line2 += f"上期：{old.get('name')}（{old.get('snapshot') or '未注明日期'}）。"
    return [line1, line2]


def _footer(ctx: _Ctx) -> list[str]:
    r = ctx.r
    c = r.counts
    return [
        f"数据集“{visible(r.meta.get('name'))}”共 {r.n_nodes} 个节点、{r.n_edges} 条关系："
        + "、".join(f"{V.LABEL_NAMES_ZH[lab]} {n}" for lab, n in c.items() if lab != V.AREA)
        + f"、区域 {c.get(V.AREA, 0)}（街道、镇及上级区域）"
        + ("，以上为整个数据集。" if ctx.place.level != "city" else "。"),
        f"阈值：单独组建党员数 ≥ {r.settings.get('min_branch_members')}，"
        f"次核心党组织评级 ≥ {r.settings.get('sub_core_min_rating')}。",
    ]


def _street_col(title: str = "街道（镇）", **kw: Any) -> Column:
    return Column(title, REF, filter="street", **kw)


def _findings_section(ctx: _Ctx, s: Summary) -> Section:
    m = s.findings
    streets = [c for c in m.columns if c != "total"]
    cols = [Column("问题类型"), Column("合计", COUNT)] + [
        Column(ctx.area_ref(a)[1], COUNT) for a in streets]
    rows = []
    for code, r in m.iterrows():
        row: list[Any] = [FINDING_TITLES_ZH.get(code, code),
                          Cell(int(r["total"]), go=(("box", "actions"), ("code", code)))]
        for a in streets:
            n = int(r[a])
            row.append(Cell(n, text="·" if not n else None,
                            go=(("box", "actions"), ("code", code), ("street", a or "-"))
                            if n else ()))
        rows.append(row)
    total = None
    if rows:
        total = ["合计", int(m["total"].sum())] + [int(m[a].sum()) for a in streets]
    tab = Table(cols, rows, title=f"问题（{len(ctx.r.findings)} 项，按类型 × 街道）",
                key="counts", total=total, spill=2, brief=5, rest="其他 {n} 类",
                empty="未发现问题。")
    sec = Section(f"问题 {len(ctx.r.findings)} 项（按类型 × 街道）", "counts", [tab],
                  summary=True, nav="问题统计")
    if rows:
        sec.blocks.append(Text("点击数字查看行动清单中的对应条目。", "hint"))
    return sec


def _worst_section(ctx: _Ctx, s: Summary) -> Section:
    tw = ctx.target_work
    work = Table(
        [Column("社区", REF, link="network"), _street_col("街道", drop=1),
         Column("单位", COUNT), Column("未覆盖", COUNT, drop=2),
         Column("工作覆盖", RATE, target=tw), Column("还差", COUNT, short="差")],
        [[(r.community, r.name), ctx.area_ref(r.area), r.units, r.uncovered,
          Cell(r.work, mark="bad"), r.shortfall] for r in s.worst_work.itertuples()],
        title="工作覆盖率最低的社区",
        key="worst-work", empty=f"各社区工作覆盖率均已达到目标 {pct(tw)}。")
    link = Table(
        [Column("社区", REF, link="network"), _street_col("街道", drop=1),
         Column("成员", COUNT), Column("未联动", COUNT), Column("联动率", RATE)],
        [[(r.community, r.name), ctx.area_ref(r.area), r.members, r.unlinked,
          r.linkage_rate] for r in s.worst_linkage.itertuples()],
        title="一核双圈联动率最低的社区",
        key="worst-linkage", empty="各有核心社区的辖区成员均已联动。")
    sec = Section("最需关注的社区", "worst", [work, link], summary=True, nav="薄弱社区")
    if s.no_core:
        names = [ctx.name(c) for c in s.no_core]
        shown = names[:WORST_N]
        sec.blocks.append(Text(
            f"无核心（无社区党组织、无联动率）的社区 {len(names)} 个：" + "、".join(shown)
            + (f" … 还有 {len(names) - len(shown)} 个" if len(names) > len(shown) else "")
            + "。", "note"))
    sec.blocks.append(Text(
        f"排序：工作覆盖按达到目标（{pct(tw)}）还需覆盖的单位数由多到少，联动按未联动成员数由"
        "多到少（不按比率：只有一两个单位的社区不会排在前面）。", "def"))
    return sec


def _previous_rates(ctx: _Ctx, group: str) -> dict[tuple[str, str], tuple[Any, Any]]:
    """(key, metric) -> (old rate, delta) of the earlier snapshot's diff."""
    if ctx.previous is None:
        return {}
    r = ctx.previous.rates
    r = r[r["group"] == group]
    return {(k, m): (o, d) for k, m, o, d in zip(r["key"], r["metric"], r["old"], r["delta"],
                                                 strict=True)}


_RATE_COLS = (("work", "工作覆盖", "工作"), ("organization", "组织覆盖", "组织"),
              ("own", "单独组建", "单建"))


def _areas_section(ctx: _Ctx, s: Summary) -> Section | None:
    if not len(s.areas) or ctx.place.level == "community":
        return _scorecard_brief(ctx)
    prev = _previous_rates(ctx, "by_area")
    targets = {"work": ctx.target_work, "organization": ctx.target_org, "own": None}
    cols = [_street_col(), Column("社区", COUNT), Column("单位", COUNT)]
    for key, title, short in _RATE_COLS:
        cols.append(Column(title, RATE, short=short, target=targets[key],
                           drop=1 if key == "own" and prev else 0))
        if ctx.previous is not None:
            cols += [Column(f"{title}（上期）", RATE, short="上期", drop=3),
                     Column(f"{title}增减", DELTA, short="增减",
                            drop=2 if key != "work" else 0)]
    cols.append(Column("问题", COUNT))
    card = [Column(V.MECHANISM_SHORT_ZH[f], COUNT, drop=4 if ctx.previous is not None else 1)
            for f in _AREA_CARD]
    cols += card
    rows = []
    for r in s.areas.itertuples():
        row: list[Any] = [(r.area, r.name), r.communities, r.units]
        for key, _t, _s in _RATE_COLS:
            row.append(getattr(r, key))
            if ctx.previous is not None:
                old, delta = prev.get((r.area, key), (None, None))
                row += [old, delta]
        row.append(r.findings)
        row += [getattr(r, f) for f in _AREA_CARD]
        rows.append(row)
    total_row = None
    total, _ = _card_total(ctx.r)
    if len(s.areas) > 1:
        o = ctx.r.overall
        prev_all = _previous_rates(ctx, "overall")
        total_row = [(None, CITY_NAME_ZH if ctx.place.level == "city" else "合计"),
                     len(ctx.r.circles), o["units"]]
        for key, _t, _s in _RATE_COLS:
            total_row.append(o[key])
            if ctx.previous is not None:
                total_row += list(prev_all.get(("all", key), (None, None)))
        total_row.append(len(ctx.r.findings))
        total_row += [None if total is None else total[f] for f in _AREA_CARD]
    title = "按街道（镇）：覆盖率及四个融合"
    if ctx.previous is not None:
        title = "按街道（镇）：覆盖率（上期、增减）及四个融合"
    tab = Table(cols, rows, key="areas", total=total_row, brief=4, unit="个街道（镇）")
    return Section(title, "areas", [tab], summary=True, nav="街道")


def _attribute_sections(ctx: _Ctx) -> list[Section]:
    """One section per attribute of ``audit(by=...)``: its values' coverage rates."""
    out = []
    for i, (attr, frame) in enumerate(ctx.r.by_attribute.items()):
        tab = Table([Column(attr), Column("单位数（分母）", COUNT), Column("单独组建率", RATE),
                     Column("组织覆盖率", RATE, target=ctx.target_org),
                     Column("工作覆盖率", RATE, target=ctx.target_work)],
                    [[key_text(k), int(r.units), r.own, r.organization, r.work]
                     for k, r in zip(frame.index, frame.itertuples(index=False), strict=True)],
                    key=f"by-{i}", brief=ATTRIBUTE_ROWS, unit="组")
        note = Text(f"分母：范围内具有“{attr}”取值的单位（无取值的单位不计）。", "note")
        out.append(Section(f"按单位属性“{attr}”分组的覆盖率（{len(frame)} 组）",
                           f"summary-by-{i}", [tab, note], summary=True))
    return out


# --- the action list ------------------------------------------------------------------


def _node_info(ctx: _Ctx) -> dict[str, tuple[str, str, Any, Any]]:
    if not hasattr(ctx, "_info"):
        nodes = ctx.r.network.nodes if ctx.r.network is not None else None
        info: dict[str, tuple[str, str, Any, Any]] = {}
        if nodes is not None:
            cols = [nodes[c].tolist() for c in ("id", "label", "kind", "rating", "members")]
            info = {i: (lab, kind, rating, members)
                    for i, lab, kind, rating, members in zip(*cols, strict=True)}
        ctx._info = info  # type: ignore[attr-defined]
    return ctx._info  # type: ignore[attr-defined]


def _area_key(ctx: _Ctx, a: Any) -> tuple[bool, str]:
    return (missing(a) or a == "", "" if missing(a) else str(a))


def _subjects(ctx: _Ctx) -> list[dict[str, Any]]:
    """One entry per subject: its findings' codes, messages and (distinct) actions, in
    street, community, first code order."""
    f = ctx.r.findings
    out: dict[str, dict[str, Any]] = {}
    cols = ("code", "subject", "name", "message", "action", "community", "area", "units")
    for code, subject, name, message, action, community, area, units in zip(
            *(f[c].tolist() for c in cols), strict=True):
        e = out.get(subject)
        if e is None:
            e = out[subject] = {"subject": subject, "name": name, "codes": [], "messages": [],
                                "actions": [], "community": None, "area": None, "units": []}
        e["codes"].append(code)
        e["messages"].append(message)
        if action not in e["actions"]:
            e["actions"].append(action)
        e["community"] = e["community"] or (None if missing(community) else community)
        e["area"] = e["area"] or (None if missing(area) else area)
        if units is not None and not missing(units):
            e["units"].extend(u for u in units if u not in e["units"])
    for e in out.values():
        if e["area"] is None and e["community"] is not None:
            e["area"] = ctx.area_of(e["community"])
    return sorted(out.values(), key=lambda e: (*_area_key(ctx, e["area"]),
                                               e["community"] is None, e["community"] or ""))


def _actions_section(ctx: _Ctx, sheets_per_area: bool) -> Section:
    """The action list: the work list (:func:`graphkit.work_list`: one row per subject, its
    findings and the planned action on it merged), grouped by street and community on a
    page and in a terminal; the workbook's 行动清单 (or one sheet per street)."""
    from ._worklist import audit_work_list, priority_note, work_table

    rows = audit_work_list(ctx.r)
    tab = work_table(rows, sheet="行动清单", link="network",
                     formats=None if not sheets_per_area else ("html", "markdown", "terminal"))
    sec = Section("行动清单（按街道 → 社区）", "actions", [
        Text("同一对象的多项问题和整改措施合并为一行；可按街道、社区、类别筛选，或搜索名称。",
             "hint"), tab, priority_note()], nav="行动清单")
    if sheets_per_area:
        keys = sorted(set(rows["area"].tolist()), key=lambda a: _area_key(ctx, a))
        for a in keys or [None]:
            part = rows[rows["area"].isna()] if a is None else rows[rows["area"] == a]
            name = ctx.area_ref(a)[1] if a is not None else NO_AREA_ZH
            sec.blocks.append(work_table(part, sheet=f"行动-{name}", key=f"actions-{a}",
                                         formats=("xlsx",)))
    sec.blocks.append(_findings_sheet(ctx))
    return sec


def _findings_sheet(ctx: _Ctx) -> Table:
    f = ctx.r.findings
    return Table(
        [Column("类别", width=16), Column("代码", width=14),
         Column("名称", REF, id_title="对象编号", width=22, wrap=True),
         Column("问题", width=40, wrap=True), Column("建议", width=30, wrap=True),
         Column("社区", REF, width=12), _street_col(width=11),
         Column("涉及单位", width=30, wrap=True)],
        [[FINDING_TITLES_ZH.get(x.code, x.code), x.code, (x.subject, x.name), x.message,
          x.action, ctx.community_ref(x.community) if not missing(x.community) else None,
          ctx.area_ref(x.area) if not missing(x.area) else None,
          "、".join(ctx.name(u) for u in x.units)
          if x.units is not None and not missing(x.units) else None]
         for x in f.itertuples(index=False)],
        sheet="发现", formats=("xlsx",))


# --- communities, circles, scorecard ------------------------------------------------------


def _communities_section(ctx: _Ctx) -> Section:
    r = ctx.r
    bc = r.by_community
    rates = {str(k): row for k, row in zip(bc.index, bc.itertuples(index=False), strict=True)}
    circles = r.circles.set_index("community", drop=False)
    per: dict[str, int] = {}
    for e in _subjects(ctx):
        per[e["community"] or ""] = per.get(e["community"] or "", 0) + 1
    comms = sorted(set(map(str, bc.index)) | set(r.circles["community"]),
                   key=lambda c: (*_area_key(ctx, ctx.area_of(c)), c))
    rows = []
    for cid in comms:
        rr = rates.get(cid)
        c = circles.loc[cid] if cid in circles.index else None
        row: list[Any] = [ctx.area_ref(ctx.area_of(cid)), (cid, ctx.name(cid))]
        row += ([int(rr.units), rr.own, rr.organization, rr.work] if rr is not None
                else [0, None, None, None])
        if c is not None and c["status"] == "ok":
            row += [ctx.name(c["core"]), len(c["sub_core"]), len(c["pan_core"]),
                    len(c["external"]), len(c["unlinked"]), c["linkage_rate"]]
        else:
            row += [Cell("无核心", mark="warn"), None, None, None, None, None]
        row.append(per.get(cid, 0))
        rows.append(row)
    tab = Table([_street_col("街道"), Column("社区", REF, id_title="社区编号", link="network"),
                 Column("单位数", COUNT), Column("单独组建率", RATE),
                 Column("组织覆盖率", RATE, target=ctx.target_org),
                 Column("工作覆盖率", RATE, target=ctx.target_work), Column("核心"),
                 Column("次核心", COUNT), Column("泛核心", COUNT), Column("外部共建", COUNT),
                 Column("未联动", COUNT), Column("联动率", RATE), Column("问题", COUNT)],
                rows, key="communities", search=True, formats=("html", "markdown", "terminal"))
    return Section("社区一览", "communities", [
        Text("点击表头排序；点击社区名称查看其一核双圈网络。低于目标的覆盖率标红（工作 "
             f"{pct(ctx.target_work)}，组织 {pct(ctx.target_org)}）。", "hint"),
        Text("核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；泛核心圈：与核心"
             "或次核心有联系的其他辖区组织；联动率 =（次核心＋泛核心）/ 辖区成员。", "def"),
        tab, _circles_sheet(ctx)], nav="社区一览")


def _circles_sheet(ctx: _Ctx) -> Table:
    def names(ids: Any) -> str:
        return "、".join(ctx.name(i) for i in ids)

    return Table(
        [Column("社区", REF, id_title="社区编号", width=12), _street_col(width=11),
         Column("核心", REF, id_title="核心编号", width=18, wrap=True), Column("状态", width=8),
         Column("次核心", COUNT, width=7), Column("泛核心", COUNT, width=7),
         Column("未联动", COUNT, width=7), Column("外部共建", COUNT, width=8),
         Column("辖区成员", COUNT, width=8), Column("联动率", RATE, width=8),
         Column("次核心成员", width=30, wrap=True), Column("泛核心成员", width=30, wrap=True),
         Column("未联动成员", width=30, wrap=True), Column("外部共建单位", width=30, wrap=True)],
        [[(c.community, c.name), ctx.area_ref(ctx.area_of(c.community)),
          (c.core, ctx.name(c.core)) if c.core else None,
          "正常" if c.status == "ok" else "无核心", len(c.sub_core), len(c.pan_core),
          len(c.unlinked), len(c.external), int(c.members), c.linkage_rate,
          names(c.sub_core), names(c.pan_core), names(c.unlinked), names(c.external)]
         for c in ctx.r.circles.itertuples(index=False)],
        sheet="双圈", formats=("xlsx",))


def _card_total(result: AuditResult) -> tuple[pd.Series | None, pd.DataFrame]:
    """The total row (city, or the place narrowed to) and the community rows."""
    card = result.mechanisms
    if card is None:
        return None, pd.DataFrame()
    total = card[card["community"].isna()]
    return (total.iloc[0] if len(total) else None), card[card["community"].notna()]


def _card_text(field: str, v: Any) -> str:
    if missing(v):
        return "—"
    if field == "running_circle":
        return ("是" if v else "否") if isinstance(v, bool) else str(int(v))
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.1f}"
    return f"{int(v):,}"


def _scorecard_lines(total: pd.Series, where: str) -> list[str]:
    """The four integrations of a total row, one sentence each."""
    t = {f: _card_text(f, total[f]) for f in total.index if f in V.MECHANISM_NAMES_ZH}
    return [
        f"区域党建融汇：{where}开展党建融合圈的社区 {t['running_circle']} 个，"
        f"同驻共建党组织 {t['co_builders']} 个。",
        f"组织阵地融建：党群服务中心 {t['service_centers']} 个，阵地面积 "
        f"{t['service_area_m2']} m²。",
        f"党员管理融管：在职党员到社区报到 {t['reporting_members']} 名，志愿服务队 "
        f"{t['volunteer_teams']} 支。",
        f"社区服务融合：驻点团队 {t['stationed_teams']} 个，解决问题 {t['issues_resolved']} "
        f"件（两类团队共 {t['team_members']} 人）；居民小区 {t['compounds']} 个，其中建立"
        f"党支部 {t['compounds_with_branch']} 个、党支部与业委会和物业公司召开联席会议 "
        f"{t['compounds_with_joint_meeting']} 个。",
    ]


def _scorecard_brief(ctx: _Ctx) -> Section | None:
    """The four integrations of one community (or of a place without streets), in brief."""
    total, _ = _card_total(ctx.r)
    if total is None:
        return None
    where = ctx.place.label or CITY_NAME_ZH
    t = {f: _card_text(f, total[f]) for f in total.index if f in V.MECHANISM_NAMES_ZH}
    return Section(f"四个融合（{where}）", "summary-mechanisms", [Text(
        f"共建党组织 {t['co_builders']} · 服务中心 {t['service_centers']}"
        f"（{t['service_area_m2']} m²）· 报到党员 {t['reporting_members']} · 志愿服务队 "
        f"{t['volunteer_teams']} · 驻点团队 {t['stationed_teams']}（解决问题 "
        f"{t['issues_resolved']} 件）· 小区联席会议 {t['compounds_with_joint_meeting']}/"
        f"{t['compounds_with_branch']}（已建党支部的小区）")], summary=True)


def _scorecard_section(ctx: _Ctx) -> Section | None:
    """The scorecard (SPEC 8): communities weakest first × indicators, each cell coloured
    by the community's value against the best one; the total row last."""
    card = ctx.r.mechanisms
    total, comms = _card_total(ctx.r)
    if card is None or total is None:
        return None
    s = scores(card)
    from ..analysis.mechanisms import overall

    score = overall(card)
    by_id = comms.set_index("community", drop=False)
    cols = [_street_col("街道"), Column("社区", REF, id_title="社区编号", link="network",
                                        filter="community"),
            Column("综合", NUMBER, digits=0)]
    cols += [Column(V.MECHANISM_NAMES_ZH[f], RATE if f == "linkage_rate" else COUNT,
                    short=V.MECHANISM_SHORT_ZH[f]) for f in FIELDS]
    rows = []
    for cid in worst_first(card):
        r = by_id.loc[cid]
        row: list[Any] = [ctx.area_ref(ctx.area_of(cid)), (cid, ctx.name(cid)),
                          Cell(100 * float(score[cid]), heat=float(score[cid]))]
        for f in FIELDS:
            v = r[f]
            heat = float(s.at[cid, f]) if f in INDICATORS else None
            row.append(Cell(v, heat=heat))
        rows.append(row)
    foot = [None, (None, f"{total['name']}（每个实体只计一次）"), None] + [
        total[f] for f in FIELDS]
    where = ctx.place.label or CITY_NAME_ZH
    tab = Table(cols, rows, key="scorecard", total=foot, search=True, sheet="四个融合",
                brief=WORST_N, unit="个社区")
    return Section(f"四个融合：社区计分卡（{len(comms)} 个社区）", "scorecard", [
        *(Text(t) for t in _scorecard_lines(total, where)),
        Text("区域党建融汇：共建党组织、党建融合圈、联动率；组织阵地融建：党群服务中心及面积；党员"
             "管理融管：在职党员报到、志愿服务队；社区服务融合：驻点团队及解决问题、小区党支部与"
             "联席会议。", "def"),
        Text("按综合得分由低到高（最需加强的在前）：各项指标与最好的社区相比（联动率、小区建支部率"
             "和联席会议率按比例）的平均值；颜色由弱（红）到强（绿），灰色为不适用。合计行每个实体"
             "只计一次，其“融合圈”为开展党建融合圈的社区数。", "note"),
        tab], nav="四个融合")


# --- the network widget, rates, units, figures ------------------------------------------


def _network_section(ctx: _Ctx) -> Section:
    data = _network_data(ctx)
    sec = Section("一核双圈网络", "network", nav="一核双圈网络")
    if ctx.r.network is None:
        sec.blocks.append(Text("（结果未附带网络数据，无法绘制。）"))
        return sec
    sec.blocks += [
        Text("核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；泛核心圈：与核心"
             "或次核心有联系的其他辖区组织；外部共建：辖区外与核心有联系的组织；未联动：辖区内"
             "尚未纳入融合圈的组织（其联系不画线）。", "def"),
        Text("滚轮或双指缩放，拖动平移，点击节点查看详情，或按名称搜索。", "hint"),
        Figure("社区一核双圈网络图", "network", data=data, widget="network")]
    return sec


def _network_data(ctx: _Ctx) -> dict[str, Any]:
    """The page's JSON: per community its nodes (id, name, role, label, kind, rating,
    members) and ties (``e`` among the core, sub-core, pan-core and external members,
    drawn; ``x`` those of unlinked members, listed, not drawn); computed on the audit's
    engine."""
    from ..analysis.linkage import circle_roles, jurisdiction, ties
    from .plot import ROLE_COLORS

    r = ctx.r
    colors = {**ROLE_COLORS, "member": "#999999"}
    colors.setdefault("external", "#6fa8dc")
    colors.setdefault("unlinked", "#bbbbbb")
    circles = r.circles.set_index("community", drop=False)
    comms = sorted(set(map(str, r.by_community.index)) | set(r.circles["community"]),
                   key=lambda c: (*_area_key(ctx, ctx.area_of(c)), c))
    data: dict[str, Any] = {
        "communities": {},
        "roles": [[role, _ROLE_NAMES_ZH[role], colors.get(role, "#999")]
                  for role in ROLE_CODES],
        "labels": [V.LABEL_NAMES_ZH[V.PARTY_ORG], V.LABEL_NAMES_ZH[V.UNIT], ""],
        "kinds": dict(V.KIND_NAMES_ZH),
        "types": [*_TIE_NAMES_ZH.values(), "其他"],
        "codes": dict(FINDING_TITLES_ZH),
        "findings": {e["subject"]: list(dict.fromkeys(e["codes"])) for e in _subjects(ctx)},
        "prefix": next((n for n in ctx.p.areas.loc[ctx.p.areas["kind"] == "city", "name"]),
                       "") if len(ctx.p.areas) else "",
    }
    if r.network is None:
        return data
    ds, eng = r.network, r.engine
    wanted = set(comms)
    roles = circle_roles(ds, sub_core_min_rating=r.settings.get("sub_core_min_rating"),
                         engine=eng)
    roles = roles[roles["community"].isin(wanted)][["community", "member", "role"]]
    cored = set(roles["community"])
    jur = jurisdiction(ds, engine=eng)
    jur = jur[jur["community"].isin(wanted - cored)].assign(role="member")
    roles = pd.concat([roles, jur[["community", "member", "role"]]], ignore_index=True)
    code = {role: i for i, role in enumerate(ROLE_CODES)}
    roles = roles.assign(rc=roles["role"].map(code))
    roles = roles.sort_values(["community", "rc", "member"], kind="stable")
    t = ties(ds, engine=eng)
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
    info = _node_info(ctx)
    nets: dict[str, Any] = {}
    for comm, grp in roles.groupby("community", sort=True):
        members = grp["member"].tolist()
        rcs = grp["rc"].tolist()
        index = {m: i for i, m in enumerate(members)}
        nodes = []
        for m, rc in zip(members, rcs, strict=True):
            label, kind, rating, n_members = info.get(m, ("", "", None, None))
            nodes.append([m, ctx.name(m), rc, labels.get(label, 2), kind or "",
                          None if missing(rating) else int(rating),
                          None if missing(n_members) else int(n_members)])
        e, x = [], []
        for (a, b), tcs in sorted(edges.get(comm, {}).items()):
            i, j = index[a], index[b]
            (x if rcs[i] in drawn or rcs[j] in drawn else e).append([i, j, *sorted(tcs)])
        nets[comm] = {"nodes": nodes, "e": e, "x": x}
    for cid in comms:
        c = circles.loc[cid] if cid in circles.index else None
        net = nets.get(cid, {"nodes": [], "e": [], "x": []})
        data["communities"][cid] = {
            "name": ctx.name(cid), "area": ctx.area_ref(ctx.area_of(cid))[1],
            "core": None if c is None or c["core"] is None else c["core"], **net,
            "rate": None if c is None or missing(c["linkage_rate"])
            else round(float(c["linkage_rate"]), 4)}
    return data


def _rate_table(ctx: _Ctx, title: str, first: Column, keys: list[tuple[Any, Any]],
                frame: pd.DataFrame, key: str, sheet_group: str | None = None) -> Table:
    rows = [[label, int(r.units), r.own, r.organization, r.work]
            for label, r in ((lab, frame.loc[k]) for k, lab in keys)]
    return Table([first, Column("单位数（分母）", COUNT), Column("单独组建率", RATE),
                  Column("组织覆盖率", RATE, target=ctx.target_org),
                  Column("工作覆盖率", RATE, target=ctx.target_work)],
                 rows, title=title, key=key, formats=("html", "markdown", "terminal"))


def _coverage_section(ctx: _Ctx) -> Section:
    r = ctx.r
    scope = _SCOPE_ZH.get(r.scope, r.scope)
    o = r.overall
    tables = [
        Table([Column("范围"), Column("单位数（分母）", COUNT), Column("单独组建率", RATE),
               Column("组织覆盖率", RATE, target=ctx.target_org),
               Column("工作覆盖率", RATE, target=ctx.target_work)],
              [[scope, int(x.units), x.own, x.organization, x.work]
               for x in r.rates.itertuples(index=False)]
              + [["其中：两新组织", int(x.units), x.own, x.organization, x.work]
                 for x in r.two_new.itertuples(index=False)],
              title="总体", key="overall", formats=("html", "markdown", "terminal")),
        _rate_table(ctx, "按街道（镇）", _street_col(),
                    [(a, ctx.area_ref(a)) for a in sorted(r.by_area.index, key=str)],
                    r.by_area, "rate-areas"),
        _rate_table(ctx, "按单位类型", Column("单位类型"),
                    [(k, V.KIND_NAMES_ZH.get(str(k), str(k))) for k in r.by_kind.index],
                    r.by_kind, "rate-kinds"),
        _rate_table(ctx, "按社区", Column("社区", REF, link="network"),
                    [(c, (c, ctx.name(c))) for c in sorted(
                        r.by_community.index,
                        key=lambda c: (*_area_key(ctx, ctx.area_of(c)), str(c)))],
                    r.by_community, "rate-communities"),
    ]
    tables[-1].formats = ("markdown", "terminal")
    for i, (attr, frame) in enumerate(r.by_attribute.items()):
        tables.append(_rate_table(ctx, f"按单位属性“{attr}”", Column(attr),
                                  [(k, key_text(k)) for k in frame.index], frame,
                                  f"rate-by-{i}"))
    sheet_rows = []
    groups = [("按单位类型", r.by_kind), ("按街道（镇）", r.by_area),
              ("按社区", r.by_community)]
    groups += [(f"按{attr}", frame) for attr, frame in r.by_attribute.items()]
    for group, frame in groups:
        attribute = group not in ("按单位类型", "按街道（镇）", "按社区")
        keys = list(frame.index)
        if group == "按街道（镇）":
            keys = sorted(keys, key=str)
        for k in keys:
            x = frame.loc[k]
            text = key_text(k)
            label = (V.KIND_NAMES_ZH.get(k, k) if group == "按单位类型" else
                     text if attribute else ctx.name(k))
            area = ctx.area_ref(ctx.area_of(k)) if group == "按社区" else None
            sheet_rows.append([group, text, label, area, int(x.units), x.own, x.organization,
                               x.work])
    tables.append(Table(
        [Column("分组", width=12), Column("编号", width=12), Column("名称", width=16),
         _street_col("所属街道", width=12), Column("单位数（分母）", COUNT, width=10),
         Column("单独组建率", RATE, width=10), Column("组织覆盖率", RATE, width=10),
         Column("工作覆盖率", RATE, width=10)], sheet_rows, sheet="覆盖率", formats=("xlsx",)))
    return Section("覆盖率明细：总体、按街道（镇）、单位类型、社区", "coverage", [
        Text(f"在范围内的 {o['units']} 个单位中：单独组建率 {pct(o['own'])}，组织覆盖率 "
             f"{pct(o['organization'])}，工作覆盖率 {pct(o['work'])}。"), *tables],
        nav="覆盖率")


def _units_section(ctx: _Ctx) -> Section:
    u = ctx.r.units
    cols = [u[c].tolist() for c in ("id", "name", "kind", "community", "area", "members",
                                    "status")]
    rows = [[uid, name, V.KIND_NAMES_ZH.get(kind, kind), ctx.community_ref(comm)
             if not missing(comm) else None, ctx.area_ref(area) if not missing(area) else None,
             int(members), Cell(status, text=V.STATUS_NAMES_ZH[status],
                                mark="bad" if status == "none" else "")]
            for uid, name, kind, comm, area, members, status in zip(*cols, strict=True)]
    n_none = int((u["status"] == "none").sum())
    tab = Table([Column("编号", width=12), Column("名称", width=30, wrap=True),
                 Column("类型", width=10),
                 Column("社区", REF, filter="community", id_title="社区编号", width=12),
                 _street_col(width=11), Column("党员数", COUNT, width=8),
                 Column("覆盖状态", filter="status", width=11)],
                rows, key="units", sheet="单位覆盖", search=True, page=PAGE_ROWS,
                shown={"status": "none"}, unit="个单位", empty="没有未覆盖的单位。")
    return Section(f"单位覆盖明细（未覆盖 {n_none} 个）", "units", [
        Text("默认只显示未覆盖单位；选择“全部覆盖状态”查看全部。", "hint"), tab],
        nav="单位明细")


def _png(draw: Any) -> bytes:
    import matplotlib

    buf = io.BytesIO()
    with matplotlib.rc_context({"savefig.format": "png"}):
        draw(buf)
    return buf.getvalue()


def _figures_section(ctx: _Ctx) -> Section | None:
    """The charts, each drawn from the audit's own tables (nothing is recomputed): coverage
    by kind and by street, the overview of the communities' linkage."""
    r = ctx.r
    if r.network is None:
        return None
    from . import plot

    ds, eng = r.network, r.engine
    scope = r.scope if r.scope in ("all", "two_new") else "all"
    area = ctx.place.id if ctx.place.level == "area" and "、" not in str(ctx.place.id) else None
    figs = [Figure("按单位类型的覆盖率", "kind", data=r.by_kind, draw=lambda d: _png(
        lambda buf: plot.plot_coverage(ds, by="kind", scope=scope, rates=d, area=area,
                                       target_work=ctx.target_work,
                                       target_org=ctx.target_org, save=buf, close=True,
                                       dpi=100)))]
    if len(r.by_area) > 1:
        figs.append(Figure("按街道（镇）的覆盖率", "area", data=r.by_area, draw=lambda d: _png(
            lambda buf: plot.plot_coverage(ds, by="area", scope=scope, rates=d,
                                           target_work=ctx.target_work,
                                           target_org=ctx.target_org, save=buf, close=True,
                                           dpi=100))))
    figs.append(Figure("各社区一核双圈联动率", "city", data=r.circles, draw=lambda d: _png(
        lambda buf: plot.plot_network(ds, area=area, circles=d, engine=eng, save=buf,
                                      close=True, dpi=100))))
    return Section("图表", "figures", figs, nav="图表")


# --- the document -------------------------------------------------------------------------


def document(result: AuditResult, *, target_work: float = DEFAULT_TARGET_WORK,
             target_org: float = DEFAULT_TARGET_ORG, previous: Any = None,
             sheets_per_area: bool = False, figures: bool = True) -> Document:
    """The audit's report (see the module docs) as a :class:`Document`.

    Parameters
    ----------
    result : AuditResult
        Narrowed or not (:func:`graphkit.narrow`): the document is about its place.
    target_work, target_org : float
        The coverage targets shown beside the rates.
    previous : Diff, optional
        :func:`graphkit.diff` from an earlier snapshot to this one (narrowed to the same
        place): its rates become the 上期 / 增减 columns of the summary and the streets.
    sheets_per_area : bool
        A workbook action sheet per street instead of one 行动清单.
    figures : bool
        Include the charts (drawn in the HTML page only).

    Examples
    --------
    >>> import graphkit as gk
    >>> doc = document(gk.narrow(gk.audit(gk.read_dataset("data/sihui")), areas=["area-zs"]))
    >>> doc.full_title
    '党建覆盖与联动审计：四会市城区基层党建网络（示例）（贞山街道）'
    >>> [m.units for m in doc.sections[0].blocks[0].items][:1]
    [80]
    """
    s = summary(result, target_work=target_work, target_org=target_org)
    ctx = _Ctx(result, target_work, target_org, previous)
    metrics = Metrics(_metrics(result, target_work, target_org, previous),
                      previous=None if previous is None else "上期")
    head = Section("党的组织覆盖和工作覆盖：覆盖率与目标", "summary", [metrics], summary=True,
                   nav="概览")
    tn = result.two_new.iloc[0] if len(result.two_new) else None
    if tn is not None and int(tn["units"]) and result.scope == "all":
        head.blocks.append(Text(
            f"其中两新组织 {int(tn['units']):,} 个：工作覆盖率 {pct(tn['work'])}，组织覆盖率 "
            f"{pct(tn['organization'])}，单独组建率 {pct(tn['own'])}。", "detail"))
    secs = [head, _findings_section(ctx, s), _worst_section(ctx, s)]
    areas = _areas_section(ctx, s)
    if areas is not None:
        secs.append(areas)
    secs += _attribute_sections(ctx)
    secs += [_actions_section(ctx, sheets_per_area), _communities_section(ctx)]
    card = _scorecard_section(ctx)
    if card is not None:
        secs.append(card)
    secs += [_network_section(ctx), _coverage_section(ctx), _units_section(ctx)]
    if figures:
        fig = _figures_section(ctx)
        if fig is not None:
            secs.append(fig)
    net = next(b for b in secs if b.key == "network").blocks
    data = next((b.data for b in net if isinstance(b, Figure)), None)
    return Document(
        "党建覆盖与联动审计：" + visible(result.meta.get("name")), ctx.place, _meta(ctx), secs,
        footer=_footer(ctx),
        sheet_order=("行动清单", "覆盖率", "单位覆盖", "发现", "双圈", "四个融合"),
        hint="明细 --detail · 一处 --area/--community · 行动清单 "
        "--format xlsx --out 审计.xlsx", data=data)
