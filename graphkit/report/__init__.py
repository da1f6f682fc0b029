"""Render an :class:`~graphkit.AuditResult` as a Chinese report: terminal table, Markdown,
self-contained HTML, an Excel workbook, or the JSON document of SPEC section 5.

Every format opens with the same summary, in the shape of a statistics release: the three
coverage rates with their denominators and targets, the findings counted by type and
street, the five weakest communities by work coverage and by linkage; then the drill-down.
All formats are built from one report model (:func:`summary`, :func:`sections`), so they
say the same things in the same order. :func:`restrict` narrows a result to one street or
one community before it is rendered.

Examples
--------
>>> import graphkit as gk
>>> from graphkit import report
>>> r = gk.audit(gk.read_dataset("data/sihui"))
>>> print(report.render(r, "markdown").splitlines()[0])
# 党建覆盖与联动审计：四会市城区基层党建网络（示例）
>>> s = report.summary(report.restrict(r, area="东城街道"))
>>> s.rates.loc["work", ["covered", "units", "target"]].tolist()
[131, 136, 0.95]
"""

from __future__ import annotations

import dataclasses
import inspect
import io
import math
import re
import weakref
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import vocab as V
from ..analysis._places import Places, node_names, places, resolve
from ..analysis.auditing import AuditResult
from ..analysis.coverage import coverage_rates, key_text
from ..analysis.gaps import FINDING_CODES, FINDING_TITLES_ZH
from ..analysis.mechanisms import CITY_NAME_ZH, FIELDS, scorecard, scorecard_by_area, worst_first
from ..errors import UsageError
from ..network._text import visible

__all__ = ["BINARY_FORMATS", "DEFAULT_TARGET_ORG", "DEFAULT_TARGET_WORK", "FORMATS",
           "Summary", "render", "restrict", "sections", "summary", "to_html", "to_json",
           "to_json_bytes", "to_markdown", "to_text", "to_xlsx"]

FORMATS = ("table", "json", "markdown", "html", "xlsx")
#: Formats that are bytes, not text (written with ``--out`` only).
BINARY_FORMATS = ("xlsx",)
#: Default targets of work and organizational coverage (``--target-work``/``--target-org``).
DEFAULT_TARGET_WORK = 0.95
DEFAULT_TARGET_ORG = 0.90
#: Rows of the "weakest communities" tables.
WORST_N = 5
#: Scorecard fields in the streets table of the summary: one per integration.
_AREA_CARD = ("running_circle", "service_centers", "reporting_members", "issues_resolved")
#: Rows of an attribute's breakdown in the one-screen summary (``--by``).
ATTRIBUTE_ROWS = 20
#: Column of the findings table for findings without a street.
NO_AREA_ZH = "未归属街道"


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    title: str = ""
    #: rows left out of `rows` (shown as "… 还有 N 项", with `unit` for 项)
    more: int = 0
    unit: str = "项"
    #: per row, per cell: "bad" (below target), "good" (target met) or "" (plain)
    marks: list[list[str]] | None = None
    #: the same rows with fewer columns, for the terminal (a table too wide for it)
    narrow: Table | None = None


@dataclass
class Section:
    title: str
    text: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, bullets)
    #: (caption, plot function name in graphkit.plot, keyword arguments); drawn by HTML
    figures: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    #: anchor of the section ("summary" for the summary sections)
    key: str = ""
    #: lines printed after the tables
    notes: list[str] = field(default_factory=list)


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _pct(x: Any) -> str:
    if _missing(x):
        return "—"
    return f"{100 * x:.1f}%"


# --- places and restriction ----------------------------------------------------------

_PLACES: weakref.WeakKeyDictionary[AuditResult, Places] = weakref.WeakKeyDictionary()


def _places(result: AuditResult) -> Places:
    """The areas and communities of the audited network (from the result when the network
    is not kept)."""
    if result in _PLACES:
        return _PLACES[result]
    if result.network is not None:
        got = places(result.network)
    else:
        where = pd.concat([result.units[["community", "area"]],
                           result.findings[["community", "area"]]]).dropna()
        area_of = where.drop_duplicates("community").set_index("community")["area"]
        comms = pd.DataFrame({"name": result.circles["name"].tolist()},
                             index=pd.Index(result.circles["community"].tolist(), name="id"))
        comms["area"] = [area_of.get(c) for c in comms.index]
        ids = sorted(set(result.by_area.index) | set(area_of))
        areas = pd.DataFrame({"name": [result.names.get(a, a) for a in ids],
                              "kind": ["street"] * len(ids)},
                             index=pd.Index(ids, name="id", dtype=object))
        got = Places(areas, comms, ())
    _PLACES[result] = got
    return got


def restriction(result: AuditResult) -> dict[str, str]:
    """The street and community `result` was restricted to (empty when not restricted)."""
    return dict(result.meta.get("restriction") or {})


def restrict(result: AuditResult, *, area: str | None = None,
             community: str | None = None) -> AuditResult:
    """`result` narrowed to one street/town (`area`) or one community.

    Units, every coverage rate (recomputed over the remaining units), circles and findings
    are those of the place; dataset-wide facts (node counts, settings, the network for
    figures) are kept. ``meta["restriction"]`` names the place, so every report says what
    it covers.

    Parameters
    ----------
    result : AuditResult
    area, community : str, optional
        An id, a Chinese name, or a name without its suffix ("东城" for 东城街道). With both,
        the community must lie in the area.

    Returns
    -------
    AuditResult
        A new result (`result` itself when neither is given).

    Raises
    ------
    UsageError
        When the place is unknown (the message suggests the closest names with their ids)
        or the community is not in the area.

    Examples
    --------
    >>> import graphkit as gk
    >>> r = gk.audit(gk.read_dataset("data/sihui"))
    >>> east = restrict(r, area="东城街道")
    >>> east.overall["units"], sorted(set(east.units["area"]))
    (136, ['area-dc'])
    >>> restrict(r, community="玉城").circles["community"].tolist()
    ['com-002']
    """
    if area is None and community is None:
        return result
    p = _places(result)
    a = resolve(p, area, V.AREA) if area is not None else None
    c = None
    if community is not None:
        # a community name is looked up within the street when one is given
        inside = p if a is None else dataclasses.replace(
            p, communities=p.communities[p.communities["area"] == a])
        try:
            c = resolve(inside, community, V.COMMUNITY)
        except UsageError:
            c = resolve(p, community, V.COMMUNITY)
    if c is not None:
        c_area = p.communities.at[c, "area"]
        if a is not None and c_area != a:
            raise UsageError(
                f"社区“{p.communities.at[c, 'name']}”（{c}）不在“{p.areas.at[a, 'name']}”"
                f"（{a}）内 (community {c} is not in area {a})")
        a = c_area if isinstance(c_area, str) else None
    units, found = result.units, result.findings
    if c is not None:
        units = units[units["community"] == c]
        found = found[(found["community"] == c) | (found["subject"] == c)]
        comms = {c}
    else:
        units = units[units["area"] == a]
        found = found[found["area"] == a]
        comms = set(p.communities.index[p.communities["area"] == a])
    units = units.reset_index(drop=True)
    rates = {by: coverage_rates(units, by=by)
             for by in (None, "kind", "two_new", "community", "area")}
    by_attribute = {attr: coverage_rates(units, by=attr) if attr in units.columns
                    else frame.iloc[0:0] for attr, frame in result.by_attribute.items()}
    label = {}
    if a is not None:
        label.update(area=a, area_name=str(p.areas.at[a, "name"]) if a in p.areas.index
                     else a)
    if c is not None:
        label.update(community=c, community_name=str(p.communities.at[c, "name"]))
    return result.replace(
        mechanisms=_restrict_mechanisms(result, comms, label), by_attribute=by_attribute,
        meta={**result.meta, "restriction": label}, units=units,
        rates=rates[None], by_kind=rates["kind"], two_new=rates["two_new"],
        by_community=rates["community"], by_area=rates["area"],
        circles=result.circles[result.circles["community"].isin(comms)].reset_index(drop=True),
        findings=found.reset_index(drop=True),
    )


def _restrict_mechanisms(result: AuditResult, comms: set[str], label: dict[str, str]
                         ) -> pd.DataFrame | None:
    """The scorecard rows of `comms`, and in place of the city row their own total (each
    entity counted once), recomputed from the network."""
    card = result.mechanisms
    if card is None:
        return None
    rows = card[card["community"].isin(comms)]
    total = None
    if result.network is not None:
        whole = scorecard(result.network, communities=sorted(rows["community"]),
                          sub_core_min_rating=result.settings.get("sub_core_min_rating"))
        name = label.get("community_name") or label.get("area_name") or "合计"
        total = whole[whole["community"].isna()].assign(name=[name])
    parts = [rows] + ([total] if total is not None else [])
    return pd.concat(parts, ignore_index=True).astype(card.dtypes.to_dict())


def _where_zh(result: AuditResult) -> str:
    """"东城街道" / "东城街道 玉城社区" for a restricted result, else ""."""
    r = restriction(result)
    return " ".join(x for x in (r.get("area_name"), r.get("community_name")) if x)


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
        Findings counted by code (index, report order) × street (columns: area ids, ``""``
        for findings without a street; busiest first), with a ``total`` column.
    worst_work : DataFrame
        The communities with the lowest work coverage: ``community, name, area, units,
        uncovered, work, organization``.
    worst_linkage : DataFrame
        The communities with a core and the lowest linkage rate: ``community, name, area,
        members, unlinked, linkage_rate``.
    no_core : list of str
        Communities without a core (no linkage rate at all).
    areas : DataFrame
        One row per street (worst work coverage first): ``area, name, communities, units,
        own, organization, work, findings``, and of the scorecard (SPEC 8, each entity
        once per street) ``running_circle`` (its communities running the integration
        circle), ``service_centers``, ``reporting_members``, ``issues_resolved`` (None
        without the network).
    """

    rates: pd.DataFrame
    findings: pd.DataFrame
    worst_work: pd.DataFrame
    worst_linkage: pd.DataFrame
    no_core: list[str]
    areas: pd.DataFrame


def _rate_line(title: str, rate: Any, units: int, target: float | None) -> dict[str, Any]:
    covered = 0 if _missing(rate) else round(rate * units)
    met = None if target is None or _missing(rate) else bool(rate >= target - 1e-12)
    shortfall = 0
    if target is not None and not met and units:
        shortfall = max(0, math.ceil(target * units - 1e-9) - covered)
    return {"title": title, "rate": None if _missing(rate) else float(rate),
            "covered": int(covered), "units": int(units), "target": target, "met": met,
            "shortfall": int(shortfall)}


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
    """
    for name, t in (("target_work", target_work), ("target_org", target_org)):
        if not 0 <= t <= 1:
            raise UsageError(f"{name} must be a rate in [0, 1], got {t}")
    o = result.overall
    n = int(o["units"])
    circ = result.circles
    cored = circ[circ["status"] == "ok"]
    members = int(cored["members"].sum())
    linked = int(sum(len(a) + len(b) for a, b in zip(cored["sub_core"], cored["pan_core"],
                                                      strict=True)))
    lines = {
        "work": _rate_line("工作覆盖率", o["work"], n, target_work),
        "organization": _rate_line("组织覆盖率", o["organization"], n, target_org),
        "own": _rate_line("单独组建率", o["own"], n, None),
        "linkage": {**_rate_line("一核双圈联动率", linked / members if members else None,
                                 members, None), "covered": linked},
    }
    # object columns of plain Python values: a missing rate, target or verdict is None
    rates = pd.DataFrame({col: pd.Series([line[col] for line in lines.values()],
                                         index=list(lines), dtype=object)
                          for col in next(iter(lines.values()))})

    f = result.findings
    codes = [c for c in FINDING_CODES if (f["code"] == c).any()]
    codes += sorted(set(f["code"]) - set(codes))
    area = f["area"].astype(object).where(f["area"].notna(), "")
    matrix = pd.crosstab(pd.Categorical(f["code"], categories=codes),
                         pd.Series(area.to_numpy(), dtype=object), dropna=False)
    matrix.index = pd.Index(codes, dtype=object, name="code")
    if len(matrix.columns):
        order = sorted(matrix.columns, key=lambda a: (a == "", -int(matrix[a].sum()), str(a)))
        matrix = matrix[order]
    matrix.columns = pd.Index([str(c) for c in matrix.columns], dtype=object, name="area")
    matrix = matrix.astype("int64")
    matrix["total"] = matrix.sum(axis=1).astype("int64")

    p = _places(result)
    comm_area = p.communities["area"]
    bc = result.by_community
    ww = pd.DataFrame({
        "community": list(bc.index), "name": [result.names.get(c, c) for c in bc.index],
        "area": [comm_area.get(c) for c in bc.index], "units": bc["units"].to_numpy(),
        "uncovered": [round(u * (1 - w)) for u, w in zip(bc["units"], bc["work"],
                                                         strict=True)],
        "work": bc["work"].to_numpy(), "organization": bc["organization"].to_numpy(),
    })
    ww = ww.sort_values(["work", "uncovered", "community"], ascending=[True, False, True])
    wl = pd.DataFrame({
        "community": cored["community"].tolist(), "name": cored["name"].tolist(),
        "area": [comm_area.get(c) for c in cored["community"]],
        "members": cored["members"].to_numpy(),
        "unlinked": [len(u) for u in cored["unlinked"]],
        "linkage_rate": cored["linkage_rate"].to_numpy(dtype=float),
    })
    wl = wl.sort_values(["linkage_rate", "unlinked", "community"],
                        ascending=[True, False, True])

    ba = result.by_area
    n_comm = comm_area.reindex(result.circles["community"]).value_counts()
    n_found = f["area"].value_counts()
    areas = pd.DataFrame({
        "area": list(ba.index), "name": [result.names.get(a, a) for a in ba.index],
        "communities": [int(n_comm.get(a, 0)) for a in ba.index],
        "units": ba["units"].to_numpy(), "own": ba["own"].to_numpy(),
        "organization": ba["organization"].to_numpy(), "work": ba["work"].to_numpy(),
        "findings": [int(n_found.get(a, 0)) for a in ba.index],
    }).sort_values(["work", "units", "area"], ascending=[True, False, True])
    card = _area_cards(result)
    for f in _AREA_CARD:
        areas[f] = [card.get(a, {}).get(f) for a in areas["area"]]
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
    by_area = scorecard_by_area(result.network,
                                sub_core_min_rating=result.settings.get("sub_core_min_rating"))
    return {r["area"]: r for r in by_area.to_dict("records")}


def _title(result: AuditResult) -> str:
    where = _where_zh(result)
    return f"党建覆盖与联动审计：{result.meta.get('name')}" + (f"（{where}）" if where else "")


def _area_counts(result: AuditResult) -> str:
    """"街道 3 个、镇 1 个（另有市级区域 1 个：四会市）": what the Areas are."""
    areas = _places(result).areas
    kinds = areas["kind"].value_counts()
    local = [f"{V.KIND_NAMES_ZH[k]} {int(kinds[k])} 个" for k in ("street", "town")
             if kinds.get(k)]
    upper = areas[areas["kind"].isin(["district", "city"])]
    text = "、".join(local) if local else "街道（镇）0 个"
    if len(upper):
        text += ("（上级区域 " + "、".join(visible(n) for n in upper["name"]) + " 不计入）")
    return text


def _meta_lines(result: AuditResult) -> list[str]:
    """Two lines: where and when, and what is counted."""
    meta = result.meta
    scope_zh = {"all": "全部单位", "two_new": "两新组织"}.get(result.scope, result.scope)
    r = restriction(result)
    where = (f"仅{_where_zh(result)}（{r.get('community') or r.get('area')}）；" if r else "")
    return [
        f"{where}快照日期 {meta.get('snapshot') or '未注明'}；统计范围：{scope_zh}。",
        ("" if r else f"{_area_counts(result)}；") + f"社区 {len(result.circles)} 个；"
        f"范围内单位 {result.overall['units']} 个。",
    ]


def _dataset_lines(result: AuditResult) -> list[str]:
    c = result.counts
    return [
        f"数据集“{visible(result.meta.get('name'))}”共 {result.n_nodes} 个节点、"
        f"{result.n_edges} 条关系：" + "、".join(
            f"{V.LABEL_NAMES_ZH[lab]} {n}" for lab, n in c.items() if lab != V.AREA)
        + f"、区域 {c.get(V.AREA, 0)}（街道、镇及上级区域）"
        + ("，以上为整个数据集。" if restriction(result) else "。"),
        f"阈值：单独组建党员数 ≥ {result.settings.get('min_branch_members')}，"
        f"次核心党组织评级 ≥ {result.settings.get('sub_core_min_rating')}。",
    ]


def _limit(rows: list[list[str]], limit: int | None) -> tuple[list[list[str]], int]:
    if limit is None or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def _area_name(result: AuditResult, a: Any) -> str:
    if _missing(a) or a == "":
        return NO_AREA_ZH
    return visible(result.names.get(a, a))


def summary_sections(result: AuditResult, *, target_work: float = DEFAULT_TARGET_WORK,
                     target_org: float = DEFAULT_TARGET_ORG, limit: int | None = None,
                     max_streets: int | None = None) -> list[Section]:
    """The summary as report sections: rates against targets, findings by type × street,
    the weakest communities, the streets. `limit` caps the lists (the streets, the
    communities without a core), `max_streets` the street columns of the findings table
    (the rest summed in one column)."""
    s = summary(result, target_work=target_work, target_org=target_org)
    out = []
    head = Section("党的组织覆盖和工作覆盖：覆盖率与目标", text=_meta_lines(result),
                   key="summary")
    rows, marks = [], []
    n_ok = int((result.circles["status"] == "ok").sum())
    for key, r in s.rates.iterrows():
        denom = (f"{r.units}（{n_ok} 个有核心社区的辖区成员）" if key == "linkage"
                 else str(r.units))
        if r.target is None or _missing(r.target):
            target, state, mark = "—", "", ""
        elif r.met is None:
            target, state, mark = f"≥ {_pct(r.target)}", "无单位", ""
        elif r.met:
            target, state, mark = f"≥ {_pct(r.target)}", "✓ 达标", "good"
        else:
            target, state, mark = (f"≥ {_pct(r.target)}",
                                   f"✗ 还差 {r.shortfall} 个单位", "bad")
        rows.append([r.title, _pct(r.rate), str(r.covered), denom, target, state])
        marks.append(["", mark, "", "", "", mark])
    head.tables.append(Table(["指标", "达成", "覆盖", "单位数（分母）", "目标", "状态"], rows,
                             marks=marks))
    out.append(head)

    fsec = Section(f"问题 {len(result.findings)} 项（按类型 × 街道）", key="summary-findings")
    m = s.findings
    streets = [c for c in m.columns if c != "total"]
    shown, rest = streets, []
    if max_streets is not None and len(streets) > max_streets:
        cut = max(max_streets - 1, 1)
        shown, rest = streets[:cut], streets[cut:]
    headers = ["问题类型", "合计"] + [_area_name(result, a) for a in shown]
    if rest:
        headers.append(f"其他 {len(rest)} 个")
    rows = []
    for code, r in m.iterrows():
        row = [FINDING_TITLES_ZH.get(code, code), str(int(r["total"]))]
        row += [str(int(r[a])) if r[a] else "·" for a in shown]
        if rest:
            row.append(str(int(r[rest].sum())) if r[rest].sum() else "·")
        rows.append(row)
    if rows:
        total = ["合计", str(int(m["total"].sum()))] + [str(int(m[a].sum())) for a in shown]
        if rest:
            total.append(str(int(m[rest].to_numpy().sum())))
        rows.append(total)
    fsec.tables.append(Table(headers, rows))
    out.append(fsec)

    wsec = Section("最需关注的社区", key="summary-worst")
    wsec.tables.append(Table(
        ["社区", "街道", "单位", "未覆盖", "工作覆盖"],
        [[visible(r.name), _area_name(result, r.area), str(r.units), str(r.uncovered),
          _pct(r.work)] for r in s.worst_work.itertuples()],
        f"工作覆盖率最低 {len(s.worst_work)} 个",
        marks=[["", "", "", "", "bad" if r.work < target_work else ""]
               for r in s.worst_work.itertuples()]))
    wsec.tables.append(Table(
        ["社区", "街道", "成员", "未联动", "联动率"],
        [[visible(r.name), _area_name(result, r.area), str(r.members), str(r.unlinked),
          _pct(r.linkage_rate)] for r in s.worst_linkage.itertuples()],
        f"联动率最低 {len(s.worst_linkage)} 个"))
    if s.no_core:
        names = [visible(result.names.get(c, c)) for c in s.no_core]
        shown_n, more = _limit([[n] for n in names], limit)
        wsec.notes.append(f"无核心（无社区党组织、无联动率）的社区 {len(names)} 个："
                          + "、".join(n[0] for n in shown_n)
                          + (f" … 还有 {more} 个" if more else "") + "。")
    out.append(wsec)

    if len(s.areas) and not restriction(result).get("community"):
        asec = Section("按街道（镇）：工作覆盖率由低到高，及四个融合", key="summary-areas")
        rows = [[visible(r.name), str(r.communities), str(r.units), _pct(r.work),
                 _pct(r.organization), _pct(r.own), str(r.findings),
                 *(_card_value(f, getattr(r, f)) for f in _AREA_CARD)]
                for r in s.areas.itertuples()]
        marks = [["", "", "", "bad" if r.work < target_work else "good",
                  "bad" if r.organization < target_org else "good", "", ""]
                 + [""] * len(_AREA_CARD) for r in s.areas.itertuples()]
        rows, more = _limit(rows, limit)
        marks = marks[:len(rows)]
        total, _comms = _card_total(result)
        if len(s.areas) > 1 and total is not None:
            o = result.overall
            rows.append([visible(total["name"]), str(len(result.circles)), str(o["units"]),
                         _pct(o["work"]), _pct(o["organization"]), _pct(o["own"]),
                         str(len(result.findings)),
                         *(_card_value(f, total[f]) for f in _AREA_CARD)])
            marks.append([""] * len(rows[-1]))
        asec.tables.append(Table(["街道（镇）", "社区", "单位", "工作覆盖", "组织覆盖",
                                  "单独组建", "问题",
                                  *(V.MECHANISM_SHORT_ZH[f] for f in _AREA_CARD)],
                                 rows, more=more, unit="个街道（镇）", marks=marks))
        out.append(asec)
    else:
        brief = _scorecard_brief(result)
        if brief is not None:
            out.append(brief)
    out += _attribute_sections(result, target_work, target_org,
                               None if limit is None else ATTRIBUTE_ROWS)
    return out


def _attribute_sections(result: AuditResult, target_work: float, target_org: float,
                        limit: int | None) -> list[Section]:
    """One section per attribute of ``audit(by=...)``: its values' coverage rates."""
    out = []
    for attr, frame in result.by_attribute.items():
        sec = Section(f"按单位属性“{attr}”分组的覆盖率（{len(frame)} 组）",
                      key=f"summary-by-{attr}")
        rows = _rate_rows(frame, {})
        rows = [[key_text(k), *r[1:]] for k, r in zip(frame.index, rows, strict=True)]
        marks = [["", "", "", _goal(r.organization, target_org), _goal(r.work, target_work)]
                 for r in frame.itertuples(index=False)]
        rows, more = _limit(rows, limit)
        sec.tables.append(Table([attr, *_RATE_HEADERS[1:]], rows, more=more, unit="组",
                                marks=marks[:len(rows)]))
        sec.notes.append(f"分母：范围内具有“{attr}”取值的单位（无取值的单位不计）。")
        out.append(sec)
    return out


def _goal(rate: Any, target: float) -> str:
    if _missing(rate):
        return ""
    return "bad" if rate < target - 1e-12 else "good"


def _card_value(field: str, v: Any) -> str:
    """A scorecard value as shown in a report."""
    if field == "linkage_rate":
        return _pct(v)
    if _missing(v):
        return "—"
    if field == "running_circle":
        return ("是" if v else "否") if isinstance(v, bool) else str(int(v))
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.1f}"
    return f"{int(v):,}"


def _card_total(result: AuditResult) -> tuple[pd.Series | None, pd.DataFrame]:
    """The total row (city, or the place restricted to) and the community rows."""
    card = result.mechanisms
    if card is None:
        return None, pd.DataFrame()
    total = card[card["community"].isna()]
    return (total.iloc[0] if len(total) else None), card[card["community"].notna()]


def _scorecard_lines(total: pd.Series, where: str) -> list[str]:
    """The four integrations of a total row, one sentence each."""
    t = {f: _card_value(f, total[f]) for f in total.index if f in V.MECHANISM_NAMES_ZH}
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


def _scorecard_brief(result: AuditResult) -> Section | None:
    """The four integrations of one community (or of a place without streets), in brief."""
    total, _comms = _card_total(result)
    if total is None:
        return None
    where = _where_zh(result) or CITY_NAME_ZH
    sec = Section(f"四个融合（{where}）", key="summary-mechanisms")
    t = {f: _card_value(f, total[f]) for f in total.index if f in V.MECHANISM_NAMES_ZH}
    sec.text.append(
        f"共建党组织 {t['co_builders']} · 服务中心 {t['service_centers']}"
        f"（{t['service_area_m2']} m²）· 报到党员 {t['reporting_members']} · 志愿服务队 "
        f"{t['volunteer_teams']} · 驻点团队 {t['stationed_teams']}（解决问题 "
        f"{t['issues_resolved']} 件）· 小区联席会议 {t['compounds_with_joint_meeting']}/"
        f"{t['compounds_with_branch']}（已建党支部的小区）")
    return sec


def _weakest_table(result: AuditResult, comms: pd.DataFrame, n: int | None) -> Table:
    order = worst_first(comms)
    if n is not None:
        order = order[:n]
    rows = comms.set_index("community").loc[order]
    comm_area = _places(result).communities["area"]
    return Table(
        ["社区", "街道", "共建", "联动率", "服务中心", "驻点团队", "志愿队", "报到党员",
         "小区（支部/联席）"],
        [[visible(r.name), _area_name(result, comm_area.get(c)),
          _card_value("co_builders", r.co_builders), _card_value("linkage_rate", r.linkage_rate),
          _card_value("service_centers", r.service_centers),
          _card_value("stationed_teams", r.stationed_teams),
          _card_value("volunteer_teams", r.volunteer_teams),
          _card_value("reporting_members", r.reporting_members),
          f"{int(r.compounds)}（{int(r.compounds_with_branch)}/"
          f"{int(r.compounds_with_joint_meeting)}）"]
         for c, r in zip(rows.index, rows.itertuples(index=False), strict=True)],
        f"四个融合最需加强的 {len(order)} 个社区")


def _scorecard_detail(result: AuditResult, limit: int | None) -> Section | None:
    """The four integrations: the totals, the weakest communities, and every community's
    scorecard in id order with the total row."""
    total, comms = _card_total(result)
    if total is None:
        return None
    sec = Section(f"四个融合：社区计分卡（{len(comms)} 个社区）", key="mechanisms")
    sec.text += _scorecard_lines(total, _where_zh(result) or CITY_NAME_ZH)
    if len(comms):
        sec.tables.append(_weakest_table(result, comms, WORST_N))
    comm_area = _places(result).communities["area"]
    rows = [[f"{visible(r.name)}（{visible(r.community)}）",
             _area_name(result, comm_area.get(r.community)),
             *(_card_value(f, getattr(r, f)) for f in FIELDS)]
            for r in comms.itertuples(index=False)]
    rows, more = _limit(rows, limit)
    rows.append([visible(total["name"]), "", *(_card_value(f, total[f]) for f in FIELDS)])
    short = ("co_builders", "linkage_rate", "service_centers", "service_area_m2",
             "stationed_teams", "volunteer_teams", "reporting_members", "issues_resolved")
    cards = [*comms.itertuples(index=False)][:len(rows) - 1]
    narrow = [[visible(r.name), *(_card_value(f, getattr(r, f)) for f in short),
               f"{int(r.compounds)}（{int(r.compounds_with_branch)}/"
               f"{int(r.compounds_with_joint_meeting)}）"] for r in cards]
    narrow.append([visible(total["name"]), *(_card_value(f, total[f]) for f in short),
                   f"{int(total['compounds'])}（{int(total['compounds_with_branch'])}/"
                   f"{int(total['compounds_with_joint_meeting'])}）"])
    headers = ["社区", *(V.MECHANISM_SHORT_ZH[f] for f in short), "小区（支部/联席）"]
    sec.tables.append(Table(["社区", "街道", *(V.MECHANISM_SHORT_ZH[f] for f in FIELDS)],
                            rows, "各社区计分卡", more=more, unit="个社区",
                            narrow=Table(headers, narrow, "各社区计分卡", more=more,
                                         unit="个社区")))
    sec.notes.append("最需加强：按各项指标（与最好的社区相比；联动率、小区建支部率和联席会议率"
                     "按比例）的平均值由低到高。合计行每个实体只计一次（服务多个社区的服务中心、"
                     "与多个社区共建的党组织只计一次），其“融合圈”为开展党建融合圈的社区数。")
    return sec


# --- the drill-down ------------------------------------------------------------------


def _rate_rows(frame: pd.DataFrame, names: dict[str, str]) -> list[list[str]]:
    return [
        [visible(names.get(str(k), str(k))), str(int(r.units)), _pct(r.own),
         _pct(r.organization), _pct(r.work)]
        for k, r in zip(frame.index, frame.itertuples(index=False), strict=True)
    ]


_RATE_HEADERS = ["范围", "单位数（分母）", "单独组建率", "组织覆盖率", "工作覆盖率"]


def _unlinked_items(result: AuditResult, group: pd.DataFrame,
                    limit: int | None) -> list[str]:
    """One bullet per community: its unlinked members (one sentence, not one per member)."""
    bullets = []
    comm = group["community"].astype(object).where(group["community"].notna(), "")
    for c, g in group.groupby(comm.to_numpy(), sort=True):
        names = [visible(n) for n in g["name"]]
        shown, more = _limit([[n] for n in names], limit)
        where = visible(result.names.get(c, c)) if c else "（社区不明）"
        area = _area_name(result, g["area"].iloc[0])
        action = visible(g["action"].iloc[0])
        bullets.append(f"{where}（{area}）{len(names)}个辖区成员未纳入党建融合圈："
                       + "、".join(n[0] for n in shown) + (f" … 还有 {more} 个" if more else "")
                       + f"。建议：{action}。")
    return bullets


def detail_sections(result: AuditResult, *, max_circle_plots: int = 60,
                    limit: int | None = None) -> list[Section]:
    """The drill-down: rates by kind, street and community; uncovered units; circles;
    every finding with its suggested action (unlinked members grouped per community).
    `limit` caps each list (None: every row)."""
    names: dict[str, str] = dict(result.names)
    names.update({k: V.KIND_NAMES_ZH.get(k, k) for k in result.by_kind.index})
    scope_zh = {"all": "全部单位", "two_new": "两新组织"}.get(result.scope, result.scope)
    comm_area = _places(result).communities["area"]
    out = [Section("数据集", text=_dataset_lines(result), key="dataset")]

    cov = Section("覆盖率明细：总体、按单位类型、街道（镇）、社区", key="coverage")
    o = result.overall
    cov.text.append(
        f"在范围内的 {o['units']} 个单位中：单独组建率 {_pct(o['own'])}，"
        f"组织覆盖率 {_pct(o['organization'])}，工作覆盖率 {_pct(o['work'])}。"
    )
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.rates, {"all": scope_zh})
                            + _rate_rows(result.two_new, {"two_new": "其中：两新组织"}),
                            "总体"))
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.by_kind, names), "按单位类型"))
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.by_area, names),
                            "按街道（镇）"))
    rows = [[visible(names.get(k, k)), _area_name(result, comm_area.get(k)), *r[1:]]
            for k, r in zip(result.by_community.index,
                            _rate_rows(result.by_community, names), strict=True)]
    rows, more = _limit(rows, limit)
    cov.tables.append(Table(["社区", "街道", *_RATE_HEADERS[1:]], rows, "按社区", more=more,
                            unit="个社区"))
    scope = result.scope if result.scope in ("all", "two_new") else result.scope.split(",")
    cov.figures.append(("按单位类型", "plot_coverage", {"by": "kind", "scope": scope}))
    if len(result.by_area):
        cov.figures.append(("按街道（镇）", "plot_coverage", {"by": "area", "scope": scope}))
    out.append(cov)

    gaps = result.units[result.units["status"] == "none"]
    unc = Section(f"未覆盖单位（{len(gaps)} 个）", key="uncovered")
    rows = [[visible(u.id), visible(u.name), V.KIND_NAMES_ZH.get(u.kind, u.kind),
             visible(names.get(u.community, u.community or "—")),
             _area_name(result, u.area), str(u.members)]
            for u in gaps.itertuples(index=False)]
    rows, more = _limit(rows, limit)
    unc.tables.append(Table(["编号", "名称", "类型", "社区", "街道", "党员数"], rows, more=more,
                            unit="个单位"))
    out.append(unc)

    circ = Section("一核双圈（党建融合圈）", key="circles")
    circ.text.append("核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；"
                     "泛核心圈：与核心或次核心有联系的其他辖区组织；"
                     "联动率 =（次核心＋泛核心）/ 辖区成员。")
    rows = [[f"{visible(c.name)}（{visible(c.community)}）",
             _area_name(result, comm_area.get(c.community)),
             visible(names.get(c.core, c.core)) if c.core else "无核心",
             str(len(c.sub_core)), str(len(c.pan_core)), str(len(c.unlinked)),
             str(len(c.external)), _pct(c.linkage_rate)]
            for c in result.circles.itertuples(index=False)]
    rows, more = _limit(rows, limit)
    circ.tables.append(Table(
        ["社区", "街道", "核心", "次核心", "泛核心", "未联动", "外部共建", "联动率"], rows,
        more=more))
    rating = {"sub_core_min_rating": result.settings.get("sub_core_min_rating")}
    circ.figures.append(("全市各社区联动率", "plot_network", rating))
    cored = result.circles[result.circles["status"] == "ok"]
    for c in cored.head(max_circle_plots).itertuples(index=False):
        circ.figures.append((f"{visible(c.name)}（{c.community}）", "plot_circles",
                             {"community": c.community, **rating}))
    if len(cored) > max_circle_plots:
        circ.text.append(
            f"（仅绘制前 {max_circle_plots} 个社区的一核双圈图，共 {len(cored)} 个。）")
    out.append(circ)

    fnd = Section(f"发现的问题与建议（{len(result.findings)} 项）", key="findings")
    f = result.findings
    codes = [c for c in FINDING_CODES if (f["code"] == c).any()]
    codes += sorted(set(f["code"]) - set(codes))
    for code in codes:
        group = f[f["code"] == code]
        if code == "unlinked":
            bullets = _unlinked_items(result, group, limit)
        else:
            bullets = [f"{visible(x.message)}。建议：{visible(x.action)}。"
                       for x in group.itertuples(index=False)]
        shown, more = _limit([[b] for b in bullets], limit)
        bullets = [b[0] for b in shown] + ([f"… 还有 {more} 项"] if more else [])
        fnd.items.append((f"{FINDING_TITLES_ZH.get(code, code)}（{code}，{len(group)} 项）",
                          bullets))
    out.append(fnd)
    card = _scorecard_detail(result, limit)
    if card is not None:
        out.append(card)
    return out


def sections(result: AuditResult, *, max_circle_plots: int = 60,
             target_work: float = DEFAULT_TARGET_WORK, target_org: float = DEFAULT_TARGET_ORG,
             limit: int | None = None) -> list[Section]:
    """The report model: the summary sections (``key`` starting with ``summary``), then the
    drill-down; titled sections of text, tables, bullet lists and figures."""
    return (summary_sections(result, target_work=target_work, target_org=target_org,
                             limit=limit)
            + detail_sections(result, max_circle_plots=max_circle_plots, limit=limit))


def to_json_bytes(result: AuditResult) -> bytes:
    """The JSON document (schema 1) as UTF-8 bytes, indented, Chinese not ``\\u``-escaped.

    The form to write to a file: no text copy of a document that holds every unit."""
    from . import _json

    return b"".join(_json.chunks(result))


def to_json(result: AuditResult) -> str:
    """The JSON document (schema 1) as text; see :func:`to_json_bytes`."""
    return to_json_bytes(result).decode("utf-8")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md_cell(text: str) -> str:
    """Text from the data as literal Markdown (no link, tag, emphasis or table break)."""
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _md_table(tab: Table) -> list[str]:
    lines = [f"### {_md_cell(tab.title)}", ""] if tab.title else []
    if not tab.rows:
        return [*lines, "（无）", ""]
    lines.append("| " + " | ".join(_md_cell(h) for h in tab.headers) + " |")
    lines.append("|" + "---|" * len(tab.headers))
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in tab.rows]
    if tab.more:
        lines += ["", f"… 还有 {tab.more} {tab.unit}"]
    return [*lines, ""]


def to_markdown(result: AuditResult, *, target_work: float = DEFAULT_TARGET_WORK,
                target_org: float = DEFAULT_TARGET_ORG) -> str:
    """The report as Markdown: the summary first, then every list of the drill-down."""
    lines = [f"# {_md_cell(_title(result))}", ""]
    for sec in sections(result, target_work=target_work, target_org=target_org):
        lines += [f"## {_md_cell(sec.title)}", ""]
        for t in sec.text:
            lines += [_md_cell(t), ""]
        for tab in sec.tables:
            lines += _md_table(tab)
        for t in sec.notes:
            lines += [_md_cell(t), ""]
        for heading, bullets in sec.items:
            lines += [f"### {_md_cell(heading)}", ""] + [f"- {_md_cell(b)}" for b in bullets]
            lines += [""]
    return "\n".join(lines)


def to_html(result: AuditResult, *, figures: bool = True, target_work: float = 0.95,
            target_org: float = 0.90) -> str:
    """One self-contained, interactive HTML page (see :mod:`graphkit._html`): summary
    first, action list, sortable and filterable tables, each community's circles network,
    an embedded CJK font subset; no network request. `figures` draws the PNG charts
    (coverage by kind and street, the city overview); `target_work` / `target_org` are the
    coverage targets shown beside the rates."""
    from ._html import report_html

    return report_html(result, figures=figures, target_work=target_work,
                       target_org=target_org)



_NUMERIC = re.compile(r"^[\d.,%·— /≥]*$")


def _rich_table(tab: Table, color: bool) -> Any:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    styles = {"bad": "bold red", "good": "green", "": ""}
    rt = RichTable(title=Text(visible(tab.title), style="bold" if color else "")
                   if tab.title else None, title_justify="left", box=box.SIMPLE_HEAD,
                   header_style="bold" if color else "", pad_edge=False, show_edge=False,
                   collapse_padding=True)
    for j, h in enumerate(tab.headers):
        numeric = bool(tab.rows) and all(_NUMERIC.match(row[j]) for row in tab.rows
                                         if j < len(row))
        rt.add_column(Text(visible(h)), overflow="fold",
                      justify="right" if numeric else "left")
    for i, row in enumerate(tab.rows):
        marks = tab.marks[i] if tab.marks and i < len(tab.marks) else [""] * len(row)
        rt.add_row(*(Text(visible(c), style=styles[m] if color else "")
                     for c, m in zip(row, marks, strict=False)))
    if tab.more:
        rt.caption = Text(f"… 还有 {tab.more} {tab.unit}（--detail 显示全部）")
        rt.caption_justify = "left"
    return rt


def _fits(console: Any, tables: list[Any], gap: int) -> bool:
    """Whether `tables` fit side by side, unwrapped, in the console's width."""
    from rich.measure import Measurement

    need = sum(Measurement.get(console, console.options, t).maximum for t in tables)
    return need + gap * (len(tables) - 1) <= console.width


def to_text(result: AuditResult, *, width: int = 100, color: bool = False,
            detail: bool = False, target_work: float = DEFAULT_TARGET_WORK,
            target_org: float = DEFAULT_TARGET_ORG) -> str:
    """A terminal report (rich tables; CJK widths handled; `width` columns).

    By default the summary only, sized to fit one screen whatever the size of the city
    (counts, the top items and "… 还有 N 项"); `detail` adds every list of the drill-down.
    Text from the data is printed as written (never read as markup or control codes);
    `color` adds ANSI colours (the command line sets it on a terminal only).
    """
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, width=max(40, width), force_terminal=color,
                      no_color=not color, color_system="standard" if color else None,
                      highlight=False, markup=False, emoji=False, legacy_windows=False)
    console.rule(Text(visible(_title(result)), style="bold" if color else ""))
    max_streets = max(1, (width - 30) // 11)
    limit = None if detail else WORST_N
    secs = summary_sections(result, target_work=target_work, target_org=target_org,
                            limit=limit, max_streets=None if detail else max_streets)
    if detail:
        secs += detail_sections(result)
    for sec in secs:
        console.print()
        console.print(Text(f"■ {visible(sec.title)}", style="bold" if color else ""))
        for t in sec.text:
            console.print(Text(visible(t)))
        tables = [_rich_table(t.narrow or t, color) for t in sec.tables if t.rows]
        if sec.key == "summary-worst" and len(tables) == 2 and _fits(console, tables, 4):
            grid = RichTable.grid(padding=(0, 4))
            grid.add_row(*tables)
            console.print(grid)
        else:
            for rt in tables:
                console.print(rt)
        for tab in sec.tables:
            if not tab.rows:
                console.print(Text(f"{visible(tab.title)}：（无）" if tab.title else "（无）"))
        for t in sec.notes:
            console.print(Text(visible(t)))
        for heading, bullets in sec.items:
            console.print(Text(visible(heading), style="bold" if color else ""))
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(width=3, justify="right")
            grid.add_column(overflow="fold")
            for b in bullets:
                grid.add_row("•", Text(visible(b)))
            console.print(grid)
    console.print()
    if not detail:
        console.print(Text("全部明细 --detail · 只看一处 --area 街道 / --community 社区 · "
                           "行动清单 --format xlsx --out 审计.xlsx"))
    text = buf.getvalue()
    # rich pads every line to the full width: no trailing blanks in the text
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _accepted(func: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keywords of `kwargs` that `func` takes."""
    params = inspect.signature(func).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return kwargs
    return {k: v for k, v in kwargs.items() if k in params}


def render(result: AuditResult, fmt: str = "table", **kwargs: Any) -> str | bytes:
    """Render `result` in `fmt` (``table``, ``json``, ``markdown``, ``html`` or ``xlsx``);
    ``json`` and ``xlsx`` come as bytes (UTF-8 for JSON), the others as text.

    Keywords go to the format's function where it takes them: ``target_work`` and
    ``target_org`` (every format but JSON), ``detail``, ``width``, ``color`` (table),
    ``sheets_per_area`` (xlsx).
    """
    funcs = {"xlsx": to_xlsx, "json": to_json_bytes, "markdown": to_markdown,
             "html": to_html, "table": to_text}
    if fmt not in funcs:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    func = funcs[fmt]
    return func(result, **_accepted(func, kwargs))


def to_xlsx(result: AuditResult, *, target_work: float = DEFAULT_TARGET_WORK,
            target_org: float = DEFAULT_TARGET_ORG, sheets_per_area: bool = False) -> bytes:
    """A planner's workbook to work from.

    Sheets: 概览 (the summary: rates with denominators and targets, findings by type ×
    street, weakest communities), 行动清单 (one row per action: street, community, subject,
    finding, suggested action, then 责任单位 / 责任人 / 完成时限 / 进展 to fill in, 进展 from a
    drop-down; with `sheets_per_area` one such sheet per street instead), 覆盖率, 单位覆盖,
    发现, 双圈 (names beside ids, a street column). Every sheet has a frozen, filterable
    header, wrapped text, number formats (rates as percentages, counts as integers) and
    prints on A4 landscape, fitted to the page width, header row repeated. Text is always
    text: a name starting with ``=``, ``+``, ``-`` or ``@`` is never a formula, and control
    characters are shown as their Unicode pictures ("␋").

    Examples
    --------
    >>> open("audit.xlsx", "wb").write(to_xlsx(result))          # doctest: +SKIP
    """
    from ._workbook import workbook

    return workbook(result, summary(result, target_work=target_work, target_org=target_org),
                    names=node_names(result.network) or dict(result.names),
                    comm_area=_places(result).communities["area"],
                    meta_lines=_meta_lines(result), title=_title(result),
                    sheets_per_area=sheets_per_area)
