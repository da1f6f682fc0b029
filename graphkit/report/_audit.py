"""The audit's report as a :class:`~graphkit.report.model.Document` (:func:`document`).

The summary (:func:`graphkit.analysis.summarizing.summary`, which documents how the
weakest communities are ranked and the one street order) first, in the shape of a
statistics release: the rates with their numerators, denominators and targets (and, given
the diff from an earlier snapshot, its rates and the change in percentage points), the
findings by type × street, the weakest communities, the streets. Then the drill-down: the
action list per street and community, the communities, the four integrations, the circles
network, the rates, the units and the figures.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from .. import vocab as V
from ..analysis._places import Places
from ..analysis.auditing import AuditResult
from ..analysis.coverage import key_text
from ..analysis.gaps import FINDING_TITLES_ZH
from ..analysis.mechanisms import (
    FIELDS,
    INDICATORS,
    scores,
    worst_first,
)
from ..analysis.narrowing import result_places
from ..analysis.summarizing import (
    AREA_CARD,
    DEFAULT_TARGET_ORG,
    DEFAULT_TARGET_WORK,
    WORST_N,
    Summary,
    linked_members,
    summary,
)
from ..analysis.worklist import PROGRESS_CHOICES
from ..messages import t
from ..network._text import visible
from . import model as M
from .model import Cell, Column, Document, Figure, Metric, Metrics, Place, Section, Table, Text

__all__ = ["PROGRESS_CHOICES", "document", "restriction"]

#: Rows of an attribute's breakdown on the first screen (``--by``).
ATTRIBUTE_ROWS = 10
#: Circle roles in drawing order; ``member`` is a jurisdiction member of a community
#: without a core (no circles: SPEC section 3).
ROLE_CODES = ("core", "sub_core", "pan_core", "external", "unlinked", "member")
_TIES = {V.CO_BUILDS: "co_builds", V.REPORTS_TO: "reports_to", V.COVERS: "covers",
         V.MEETS_WITH: "meets_with", V.TEAM_TIE: "team"}


def _scope(scope: str) -> str:
    return t(f"report.scope.{scope}") if scope in ("all", "two_new") else scope


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


def _metrics(ctx: _Ctx, s: Summary) -> list[Metric]:
    """The summary's rates as metrics, with the earlier snapshot's rates and the change."""
    old: dict[str, Any] = {}
    if ctx.previous is not None:
        r = ctx.previous.rates
        r = r[r["group"] == "overall"]
        old = {m: (o_, d) for m, o_, d in zip(r["metric"], r["old"], r["delta"], strict=True)}
        ol, om = linked_members(_old_circles(ctx.previous))
        now, before = s.rates.at["linkage", "rate"], ol / om if om else None
        old["linkage"] = (before, None if now is None or before is None
                          else 100 * (now - before))
    n_ok = int((ctx.r.circles["status"] == "ok").sum())
    out = []
    for key, r in s.rates.iterrows():
        link = key == "linkage"
        out.append(Metric(r.title, r.rate, r.covered, r.units,
                          t("report.audit.members_of", n=n_ok) if link else None,
                          t("report.unit.members") if link else None, r.target,
                          *old.get(key, (None, None))))
    return out


def _old_circles(d: Any) -> pd.DataFrame:
    """The earlier snapshot's circles of the communities of diff `d`."""
    parts = getattr(d, "parts", None)
    if parts is None:
        return pd.DataFrame({"status": [], "members": [], "sub_core": [], "pan_core": []})
    c = parts.ra.circles
    return c[c["community"].isin(set(d.circles["community"]))]


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
        #: node id -> (label, kind, rating, members)
        self.info: dict[str, tuple[str, str, Any, Any]] = {}
        if result.network is not None:
            nodes = result.network.nodes
            cols = [nodes[c].tolist() for c in ("id", "name", "label", "kind", "rating",
                                                "members")]
            self.names.update(zip(cols[0], cols[1], strict=True))
            self.info = {i: rest for i, _, *rest in zip(*cols, strict=True)}
        self.comm_area = self.p.communities["area"]
        self.place = _place(result)

    def name(self, node: Any) -> str:
        return "" if M.missing(node) else str(self.names.get(node, node))

    def area_ref(self, a: Any) -> tuple[str | None, str]:
        return ((None, t("report.no_street")) if M.missing(a) or a == ""
                else (str(a), self.name(a)))

    def community_ref(self, c: Any) -> tuple[str | None, str]:
        return ((None, t("report.no_community")) if M.missing(c) or c == ""
                else (str(c), self.name(c)))

    def area_of(self, c: Any) -> Any:
        return None if M.missing(c) else self.comm_area.get(c)


def _area_counts(ctx: _Ctx) -> str:
    """"街道 3 个、镇 1 个（上级区域 四会市 不计入）": what the Areas are."""
    areas = ctx.p.areas
    kinds = areas["kind"].value_counts()
    local = [t("report.audit.n_areas", kind=V.KIND_NAMES_ZH[k], n=int(kinds[k]))
             for k in ("street", "town") if kinds.get(k)]
    upper = areas[areas["kind"].isin(["district", "city"])]
    sep = t("report.sep")
    text = sep.join(local) if local else t("report.audit.no_areas")
    if len(upper):
        text += t("report.audit.upper_areas", names=sep.join(visible(n) for n in upper["name"]))
    return text


def _meta(ctx: _Ctx) -> list[str]:
    """Two lines: where and when, and what is counted (the place's own counts)."""
    r = ctx.r
    meta = r.meta
    place = ctx.place
    where = "" if place.level == "city" else t("report.audit.only", place=place.label,
                                              id=place.id)
    line1 = where + t("report.audit.meta", snapshot=meta.get("snapshot") or "—",
                      scope=_scope(r.scope), units=f"{r.overall['units']:,}")
    counts = "" if place.level != "city" else _area_counts(ctx) + t("report.clause_sep")
    line2 = counts + t("report.audit.n_communities", n=len(r.circles))
    if ctx.previous is not None:
        old = ctx.previous.old
        line2 += t("report.audit.previous", name=old.get("name"),
                   snapshot=old.get("snapshot") or t("report.unknown_date"))
    return [line1, line2]


def _footer(ctx: _Ctx) -> list[str]:
    r = ctx.r
    c = r.counts
    return [
        t("report.audit.dataset", name=visible(r.meta.get("name")), nodes=r.n_nodes,
          edges=r.n_edges, counts=t("report.sep").join(f"{V.LABEL_NAMES_ZH[lab]} {n}"
                                           for lab, n in c.items() if lab != V.AREA),
          areas=c.get(V.AREA, 0))
        + (t("report.audit.whole_dataset") if ctx.place.level != "city" else t("report.stop")),
        t("report.audit.thresholds", members=r.settings.get("min_branch_members"),
          rating=r.settings.get("sub_core_min_rating")),
    ]


def _street_col(title: str | None = None, **kw: Any) -> Column:
    return Column(title or t("report.street"), M.REF, filter="street", **kw)


def _findings_section(ctx: _Ctx, s: Summary) -> Section:
    m = s.findings
    streets = [c for c in m.columns if c != "total"]
    cols = [Column(t("report.audit.finding_type")), Column(t("report.total"), M.COUNT)] + [
        Column(ctx.area_ref(a)[1], M.COUNT) for a in streets]
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
        total = [t("report.total"), int(m["total"].sum())] + [int(m[a].sum()) for a in streets]
    n = len(ctx.r.findings)
    tab = Table(cols, rows, title=t("report.audit.findings_table", n=n), key="counts",
                total=total, spill=2, brief=5, rest=t("report.audit.other_kinds", n="{n}"),
                empty=t("report.audit.no_findings"))
    sec = Section(t("report.audit.findings_section", n=n), "counts", [tab],
                  summary=True, nav=t("report.audit.nav.counts"))
    if rows:
        sec.blocks.append(Text(t("report.audit.click_counts"), "hint"))
    return sec


def _worst_section(ctx: _Ctx, s: Summary) -> Section:
    tw = ctx.target_work
    community = Column(t("report.community"), M.REF, link="network")
    street = _street_col(t("report.street_short"), drop=1)
    work = Table(
        [community, street, Column(t("report.audit.units_short"), M.COUNT),
         Column(t("report.audit.uncovered"), M.COUNT, drop=2),
         Column(t("report.audit.work_short"), M.RATE, target=tw),
         Column(t("report.audit.still_needed"), M.COUNT, short=t("report.audit.still_short"))],
        [[(r.community, r.name), ctx.area_ref(r.area), r.units, r.uncovered,
          Cell(r.work, mark="bad"), r.shortfall] for r in s.worst_work.itertuples()],
        title=t("report.audit.worst_work"), key="worst-work",
        empty=t("report.audit.all_met", target=M.pct(tw)))
    link = Table(
        [community, street, Column(t("report.audit.members"), M.COUNT),
         Column(t("report.audit.unlinked"), M.COUNT), Column(t("report.audit.linkage"), M.RATE)],
        [[(r.community, r.name), ctx.area_ref(r.area), r.members, r.unlinked,
          r.linkage_rate] for r in s.worst_linkage.itertuples()],
        title=t("report.audit.worst_linkage"), key="worst-linkage",
        empty=t("report.audit.all_linked"))
    sec = Section(t("report.audit.worst"), "worst", [work, link], summary=True,
                  nav=t("report.audit.nav.worst"))
    if s.no_core:
        names = [ctx.name(c) for c in s.no_core]
        shown = names[:WORST_N]
        more = len(names) - len(shown)
        sec.blocks.append(Text(t("report.audit.no_core", n=len(names), names="、".join(shown),
                                 more=t("report.audit.n_more", n=more) if more else ""),
                               "note"))
    sec.blocks.append(Text(t("report.audit.ranking", target=M.pct(tw)), "def"))
    return sec


def _previous_rates(ctx: _Ctx, group: str) -> dict[tuple[str, str], tuple[Any, Any]]:
    """(key, metric) -> (old rate, delta) of the earlier snapshot's diff."""
    if ctx.previous is None:
        return {}
    r = ctx.previous.rates
    r = r[r["group"] == group]
    return {(k, m): (o, d) for k, m, o, d in zip(r["key"], r["metric"], r["old"], r["delta"],
                                                 strict=True)}


_RATE_COLS = ("work", "organization", "own")


def _areas_section(ctx: _Ctx, s: Summary) -> Section | None:
    if not len(s.areas) or ctx.place.level == "community":
        return _scorecard_brief(ctx)
    prev = _previous_rates(ctx, "by_area")
    targets = {"work": ctx.target_work, "organization": ctx.target_org, "own": None}
    cols = [_street_col(), Column(t("report.community"), M.COUNT),
            Column(t("report.audit.units_short"), M.COUNT)]
    for key in _RATE_COLS:
        title = t(f"report.audit.col.{key}")
        cols.append(Column(title, M.RATE, short=t(f"report.audit.short.{key}"),
                           target=targets[key], drop=1 if key == "own" and prev else 0))
        if ctx.previous is not None:
            cols += [Column(t("report.audit.col_previous", rate=title), M.RATE,
                              short=t("report.audit.previous_short"), drop=3),
                     Column(t("report.audit.col_change", rate=title), M.DELTA,
                            short=t("report.metric.change"), drop=2 if key != "work" else 0)]
    cols.append(Column(t("report.audit.findings"), M.COUNT))
    card = [Column(V.MECHANISM_SHORT_ZH[f], M.COUNT, drop=4 if ctx.previous is not None else 1)
            for f in AREA_CARD]
    cols += card
    rows = []
    for r in s.areas.itertuples():
        row: list[Any] = [(r.area, r.name), r.communities, r.units]
        for key in _RATE_COLS:
            row.append(getattr(r, key))
            if ctx.previous is not None:
                old, delta = prev.get((r.area, key), (None, None))
                row += [old, delta]
        row.append(r.findings)
        row += [getattr(r, f) for f in AREA_CARD]
        rows.append(row)
    total_row = None
    total, _ = _card_total(ctx.r)
    if len(s.areas) > 1:
        o = ctx.r.overall
        prev_all = _previous_rates(ctx, "overall")
        total_row = [(None, t("report.city") if ctx.place.level == "city"
                      else t("report.total")), len(ctx.r.circles), o["units"]]
        for key in _RATE_COLS:
            total_row.append(o[key])
            if ctx.previous is not None:
                total_row += list(prev_all.get(("all", key), (None, None)))
        total_row.append(len(ctx.r.findings))
        total_row += [None if total is None else total[f] for f in AREA_CARD]
    title = t("report.audit.areas" if ctx.previous is None else "report.audit.areas_previous")
    tab = Table(cols, rows, key="areas", total=total_row, brief=4, unit=t("report.unit.areas"))
    return Section(title, "areas", [tab], summary=True, nav=t("report.audit.nav.areas"))


def _attribute_sections(ctx: _Ctx) -> list[Section]:
    """One section per attribute of ``audit(by=...)``: its values' coverage rates."""
    out = []
    for i, (attr, frame) in enumerate(ctx.r.by_attribute.items()):
        tab = _rate_table(ctx, "", Column(attr), [(key_text(k), x) for k, x in zip(
            frame.index, frame.itertuples(index=False), strict=True)], f"by-{i}")
        tab.brief, tab.unit, tab.formats = ATTRIBUTE_ROWS, t("report.unit.groups"), None
        note = Text(t("report.audit.attribute_note", attr=attr), "note")
        out.append(Section(t("report.audit.attribute", attr=attr, n=len(frame)),
                           f"summary-by-{i}", [tab, note], summary=True))
    return out


# --- the action list ------------------------------------------------------------------




def _area_key(ctx: _Ctx, a: Any) -> tuple[bool, str]:
    return (M.missing(a) or a == "", "" if M.missing(a) else str(a))


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
        e["community"] = e["community"] or (None if M.missing(community) else community)
        e["area"] = e["area"] or (None if M.missing(area) else area)
        if units is not None and not M.missing(units):
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
    sec = Section(t("report.audit.actions"), "actions", [
        Text(t("report.audit.actions_hint"), "hint"), tab, priority_note()],
        nav=t("report.audit.nav.actions"))
    if sheets_per_area:
        keys = sorted(set(rows["area"].tolist()), key=lambda a: _area_key(ctx, a))
        for a in keys or [None]:
            part = rows[rows["area"].isna()] if a is None else rows[rows["area"] == a]
            name = ctx.area_ref(a)[1] if a is not None else t("report.no_street")
            sec.blocks.append(work_table(part, sheet=f"行动-{name}", key=f"actions-{a}",
                                         formats=("xlsx",)))
    sec.blocks.append(_findings_sheet(ctx))
    return sec


def _findings_sheet(ctx: _Ctx) -> Table:
    f = ctx.r.findings
    return Table(
        [Column(t("report.audit.finding_kind"), width=16), Column(t("report.audit.code"),
                                                                  width=14),
         Column(t("report.audit.name"), M.REF, id_title=t("report.audit.subject_id"), width=22,
                wrap=True),
         Column(t("report.audit.finding"), width=40, wrap=True),
         Column(t("report.audit.advice"), width=30, wrap=True),
         Column(t("report.community"), M.REF, width=12), _street_col(width=11),
         Column(t("report.audit.units_column"), width=30, wrap=True)],
        [[FINDING_TITLES_ZH.get(x.code, x.code), x.code, (x.subject, x.name), x.message,
          x.action, ctx.community_ref(x.community) if not M.missing(x.community) else None,
          ctx.area_ref(x.area) if not M.missing(x.area) else None,
          "、".join(ctx.name(u) for u in x.units)
          if x.units is not None and not M.missing(x.units) else None]
         for x in f.itertuples(index=False)],
        sheet="发现", formats=("xlsx",))


# --- communities, circles, scorecard ------------------------------------------------------


def _communities_section(ctx: _Ctx) -> Section:
    """Every community (by id): its rates, its circles (the members of each: the
    workbook's 双圈 sheet), its findings."""
    r = ctx.r
    bc = r.by_community
    circles = r.circles.set_index("community", drop=False)
    per: dict[str, int] = {}
    for e in _subjects(ctx):
        per[e["community"] or ""] = per.get(e["community"] or "", 0) + 1

    def names(ids: Any) -> str:
        return "、".join(ctx.name(i) for i in ids)

    rows = []
    for cid in sorted(set(map(str, bc.index)) | set(r.circles["community"])):
        row: list[Any] = [(cid, ctx.name(cid)), ctx.area_ref(ctx.area_of(cid))]
        row += ([int(bc.at[cid, "units"]), *(bc.at[cid, m] for m in ("own", "organization",
                                                                      "work"))]
                if cid in bc.index else [0, None, None, None])
        c = circles.loc[cid] if cid in circles.index else None
        if c is not None and c["status"] == "ok":
            row += [(c["core"], ctx.name(c["core"])), t("report.audit.ok"),
                    *(len(c[k]) for k in _ROLES), int(c["members"]), c["linkage_rate"]]
        else:
            row += [None, Cell(t("report.html.no_core"), mark="warn"), *[None] * 6]
        row.append(per.get(cid, 0))
        row += [names(c[k]) if c is not None else "" for k in _ROLES]
        rows.append(row)
    cols = _rate_columns(ctx, Column(t("report.community"), M.REF,
                                     id_title=t("report.audit.community_id"), link="network"))
    cols[1] = Column(t("report.audit.units_n"), M.COUNT)
    tab = Table([cols[0], _street_col(), *cols[1:],
                 Column(t("report.audit.core"), M.REF, id_title=t("report.audit.core_id")),
                 Column(t("report.metric.state"), drop=1),
                 *(Column(t(f"report.audit.role.{k}"), M.COUNT) for k in _ROLES),
                 Column(t("report.audit.jurisdiction"), M.COUNT, drop=1),
                 Column(t("report.audit.linkage"), M.RATE),
                 Column(t("report.audit.findings"), M.COUNT),
                 *(Column(t(f"report.audit.role_members.{k}"), wrap=True, width=30, drop=2)
                   for k in _ROLES)],
                rows, key="communities", sheet="双圈", search=True)
    return Section(t("report.audit.communities"), "communities", [
        Text(t("report.audit.communities_hint", work=M.pct(ctx.target_work),
               org=M.pct(ctx.target_org)), "hint"),
        Text(t("report.audit.circles_def"), "def"), tab], nav=t("report.audit.communities"))


_ROLES = ("sub_core", "pan_core", "unlinked", "external")


def _rate_columns(ctx: _Ctx, first: Column) -> list[Column]:
    return [first, Column(t("report.units"), M.COUNT), Column(t("report.rate.own"), M.RATE),
            Column(t("report.rate.organization"), M.RATE, target=ctx.target_org),
            Column(t("report.rate.work"), M.RATE, target=ctx.target_work)]


def _card_total(result: AuditResult) -> tuple[pd.Series | None, pd.DataFrame]:
    """The total row (city, or the place narrowed to) and the community rows."""
    card = result.mechanisms
    if card is None:
        return None, pd.DataFrame()
    total = card[card["community"].isna()]
    return (total.iloc[0] if len(total) else None), card[card["community"].notna()]


def _card_text(field: str, v: Any) -> str:
    return M.cell_text(v, Column(field, M.RATE if field == "linkage_rate" else M.COUNT))


def _scorecard_lines(total: pd.Series, where: str) -> list[str]:
    """The four integrations of a total row, one sentence each."""
    v = {f: _card_text(f, total[f]) for f in total.index if f in V.MECHANISM_NAMES_ZH}
    return [t(f"report.audit.integration.{i}", where=where, **v) for i in range(1, 5)]


def _scorecard_brief(ctx: _Ctx) -> Section | None:
    """The four integrations of one community (or of a place without streets), in brief."""
    total, _ = _card_total(ctx.r)
    if total is None:
        return None
    where = ctx.place.label or t("report.city")
    v = {f: _card_text(f, total[f]) for f in total.index if f in V.MECHANISM_NAMES_ZH}
    return Section(t("report.audit.integrations_of", where=where), "summary-mechanisms",
                   [Text(t("report.audit.integrations_brief", **v))], summary=True)


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
    cols = [_street_col(t("report.street_short")),
            Column(t("report.community"), M.REF, id_title=t("report.audit.community_id"),
                   link="network", filter="community"),
            Column(t("report.audit.score"), M.NUMBER, digits=0)]
    cols += [Column(V.MECHANISM_NAMES_ZH[f], M.RATE if f == "linkage_rate" else M.COUNT,
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
    foot = [None, (None, t("report.audit.each_once", name=total["name"])), None] + [
        total[f] for f in FIELDS]
    where = ctx.place.label or t("report.city")
    tab = Table(cols, rows, key="scorecard", total=foot, search=True, sheet="四个融合",
                brief=WORST_N, unit=t("report.unit.communities"))
    return Section(t("report.audit.scorecard", n=len(comms)), "scorecard", [
        *(Text(line) for line in _scorecard_lines(total, where)),
        Text(t("report.audit.scorecard_def"), "def"), Text(t("report.audit.scorecard_note"),
                                                           "note"),
        tab], nav=t("report.audit.nav.scorecard"))


# --- the network widget, rates, units, figures ------------------------------------------


def _network_section(ctx: _Ctx) -> Section:
    data = _network_data(ctx)
    sec = Section(t("report.audit.network"), "network", nav=t("report.audit.network"))
    if ctx.r.network is None:
        sec.blocks.append(Text(t("report.audit.no_network")))
        return sec
    sec.blocks += [
        Text(t("report.audit.network_def"), "def"), Text(t("report.audit.network_hint"), "hint"),
        Figure(t("report.html.network"), "network", data=data, widget="network")]
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
        "roles": [[role, t(f"report.audit.node_role.{role}"), colors.get(role, "#999")]
                  for role in ROLE_CODES],
        "labels": [V.LABEL_NAMES_ZH[V.PARTY_ORG], V.LABEL_NAMES_ZH[V.UNIT], ""],
        "kinds": dict(V.KIND_NAMES_ZH),
        "types": [*(t(f"report.audit.tie.{k}") for k in _TIES.values()),
                  t("report.audit.tie.other")],
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
    tied = ties(ds, engine=eng)
    tied = tied[tied["a"] < tied["b"]]
    pairs = (roles[["community", "member", "rc"]]
             .merge(tied, left_on="member", right_on="a")
             .merge(roles[["community", "member", "rc"]], left_on=["community", "b"],
                    right_on=["community", "member"], suffixes=("_a", "_b")))
    types = list(_TIES)
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
    info = ctx.info
    nets: dict[str, Any] = {}
    for comm, grp in roles.groupby("community", sort=True):
        members = grp["member"].tolist()
        rcs = grp["rc"].tolist()
        index = {m: i for i, m in enumerate(members)}
        nodes = []
        for m, rc in zip(members, rcs, strict=True):
            label, kind, rating, n_members = info.get(m, ("", "", None, None))
            nodes.append([m, ctx.name(m), rc, labels.get(label, 2), kind or "",
                          None if M.missing(rating) else int(rating),
                          None if M.missing(n_members) else int(n_members)])
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
            "rate": None if c is None or M.missing(c["linkage_rate"])
            else round(float(c["linkage_rate"]), 4)}
    return data


def _rate_table(ctx: _Ctx, title: str, first: Column, rows: list[tuple[Any, Any]],
                key: str) -> Table:
    """Rows (label, rates row) as a table of the three rates and their denominator."""
    return Table(_rate_columns(ctx, first),
                 [[label, int(x.units), x.own, x.organization, x.work] for label, x in rows],
                 title=title, key=key, formats=("html", "markdown", "terminal"))


def _coverage_section(ctx: _Ctx) -> Section:
    r = ctx.r
    o = r.overall
    streets = sorted(r.by_area.index, key=str)
    comms = sorted(r.by_community.index, key=lambda c: (*_area_key(ctx, ctx.area_of(c)),
                                                        str(c)))
    overall = [(_scope(r.scope), x) for x in r.rates.itertuples(index=False)]
    overall += [(t("report.audit.of_which_two_new"), x) for x in
                r.two_new.itertuples(index=False)]
    tables = [
        _rate_table(ctx, t("report.audit.by.all"), Column(t("report.audit.scope")), overall,
                    "overall"),
        _rate_table(ctx, t("report.audit.by.kind"), Column(t("report.audit.unit_kind")),
                    [(V.KIND_NAMES_ZH.get(str(k), str(k)), x) for k, x in zip(
                        r.by_kind.index, r.by_kind.itertuples(index=False), strict=True)],
                    "rate-kinds"),
    ]  # (by street and by community: the streets' and the communities' own tables)
    sheet: list[list[Any]] = []
    groups = [("kind", r.by_kind, list(r.by_kind.index)), ("area", r.by_area, streets),
              ("community", r.by_community, comms)]
    for i, (attr, frame) in enumerate(r.by_attribute.items()):
        tables.append(_rate_table(ctx, t("report.audit.by.attribute", attr=attr),
                                  Column(attr), [(key_text(k), x) for k, x in zip(
                                      frame.index, frame.itertuples(index=False),
                                      strict=True)], f"rate-by-{i}"))
        groups.append((attr, frame, list(frame.index)))
    for group, frame, keys in groups:
        label = (t(f"report.audit.by.{group}") if group in ("kind", "area", "community")
                 else t("report.audit.by.attribute", attr=group))
        for k in keys:
            x = frame.loc[k]
            name = (V.KIND_NAMES_ZH.get(k, k) if group == "kind" else ctx.name(k)
                    if group in ("area", "community") else key_text(k))
            sheet.append([label, key_text(k), name, ctx.area_ref(ctx.area_of(k))
                          if group == "community" else None, int(x.units), x.own,
                          x.organization, x.work])
    cols = _rate_columns(ctx, Column(t("report.audit.name"), width=16))
    tables.append(Table([Column(t("report.audit.group"), width=12),
                         Column(t("report.audit.id"), width=12), cols[0],
                         _street_col(t("report.audit.its_street"), width=12), *cols[1:]],
                        sheet, sheet="覆盖率", formats=("xlsx",)))
    return Section(t("report.audit.coverage"), "coverage", [
        Text(t("report.audit.coverage_line", units=o["units"], own=M.pct(o["own"]),
               org=M.pct(o["organization"]), work=M.pct(o["work"]))), *tables],
        nav=t("report.audit.nav.coverage"))


def _units_section(ctx: _Ctx) -> Section:
    u = ctx.r.units
    cols = [u[c].tolist() for c in ("id", "name", "kind", "community", "area", "members",
                                    "status")]
    rows = [[uid, name, V.KIND_NAMES_ZH.get(kind, kind), ctx.community_ref(comm)
             if not M.missing(comm) else None, ctx.area_ref(area) if not M.missing(area) else None,
             int(members), Cell(status, text=V.STATUS_NAMES_ZH[status],
                                mark="bad" if status == "none" else "")]
            for uid, name, kind, comm, area, members, status in zip(*cols, strict=True)]
    n_none = int((u["status"] == "none").sum())
    tab = Table([Column(t("report.audit.id"), width=12),
                 Column(t("report.audit.name"), width=30, wrap=True),
                 Column(t("report.audit.kind"), width=10),
                 Column(t("report.community"), M.REF, filter="community",
                        id_title=t("report.audit.community_id"), width=12),
                 _street_col(width=11), Column(t("report.audit.party_members"), M.COUNT, width=8),
                 Column(t("report.audit.status"), filter="status", width=11)],
                rows, key="units", sheet="单位覆盖", search=True, page=M.PAGE_ROWS,
                shown={"status": "none"}, unit=t("report.unit.units"),
                empty=t("report.audit.none_uncovered"))
    return Section(t("report.audit.units", n=n_none), "units", [
        Text(t("report.audit.units_hint"), "hint"), tab], nav=t("report.audit.nav.units"))


def _figures_section(ctx: _Ctx) -> Section | None:
    """The charts, each drawn from the audit's own tables (nothing is recomputed): coverage
    by kind and by street, the overview of the communities' linkage."""
    r = ctx.r
    if r.network is None:
        return None
    import matplotlib

    from . import plot

    scope = r.scope if r.scope in ("all", "two_new") else "all"
    area = ctx.place.id if ctx.place.level == "area" and "、" not in str(ctx.place.id) else None
    targets = {"target_work": ctx.target_work, "target_org": ctx.target_org}

    def chart(key: str, data: Any, draw: Any, **kwargs: Any) -> Figure:
        def png(d: Any) -> bytes:
            buf = io.BytesIO()
            with matplotlib.rc_context({"savefig.format": "png"}):
                draw(r.network, **kwargs, **{"rates" if draw is plot.plot_coverage
                                              else "circles": d}, save=buf, close=True, dpi=100)
            return buf.getvalue()
        return Figure(t(f"report.audit.fig.{key}"), key, data=data, draw=png)

    figs = [chart("kind", r.by_kind, plot.plot_coverage, by="kind", scope=scope, area=area,
                  **targets)]
    if len(r.by_area) > 1:
        figs.append(chart("area", r.by_area, plot.plot_coverage, by="area", scope=scope,
                          **targets))
    figs.append(chart("city", r.circles, plot.plot_network, area=area, engine=r.engine))
    return Section(t("report.audit.figures"), "figures", figs, nav=t("report.audit.figures"))


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
    metrics = Metrics(_metrics(ctx, s),
                      previous=None if previous is None else t("report.audit.previous_short"))
    head = Section(t("report.audit.summary"), "summary", [metrics], summary=True,
                   nav=t("report.audit.nav.summary"))
    tn = result.two_new.iloc[0] if len(result.two_new) else None
    if tn is not None and int(tn["units"]) and result.scope == "all":
        head.blocks.append(Text(t("report.audit.two_new", n=f"{int(tn['units']):,}",
                                  work=M.pct(tn["work"]), org=M.pct(tn["organization"]),
                                  own=M.pct(tn["own"])), "detail"))
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
        t("report.audit.title", name=visible(result.meta.get("name"))), ctx.place, _meta(ctx),
        secs,
        footer=_footer(ctx),
        sheet_order=("行动清单", "覆盖率", "单位覆盖", "发现", "双圈", "四个融合"),
        hint=t("report.audit.hint"), more=t("report.more_detail"), data=data)
