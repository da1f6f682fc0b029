"""Comparing snapshots (SPEC section 7): what changed between two audits, and the trend.

:func:`diff` matches the entities of two datasets by ``id`` and reports

* **nodes** added, removed and changed (field by field, typed, with SPEC section 1's
  defaults: blank ``members`` = 0, blank ``kind`` = the default kind, blank ``joint`` =
  false; ``120`` equals ``120.0``);
* **edges** added, removed and changed, identified by (source, target, type), counted by
  type;
* **units**: each unit's coverage status transition, ``improved`` / ``regressed`` by
  level own 3 > joint, affiliated 2 > instructor 1 > none 0, units added and removed;
* **rates**: old, new and delta in percentage points (100 × (new − old)) for every group
  of SPEC section 2;
* **circles**: per community, the core, the linkage rate and who entered or left each
  circle;
* **findings**, keyed by (code, subject): new, resolved and persisting;

and whether it is a **regression**: a unit regressed or an overall rate fell.
:func:`trend` lists the overall and per-area rates of several snapshots in date order.

Examples
--------
>>> import graphkit as gk
>>> d = gk.diff(gk.read_dataset("data/sihui"), gk.read_dataset("data/sihui-2021"))
>>> d.to_dict()["schema"], d.old["snapshot"], d.new["snapshot"]
(1, '2020-09-30', '2021-09-30')
>>> d.to_dict()["regression"] == (bool(d.to_dict()["units"]["regressed"]) or bool(d.fallen))
True
>>> gk.diff(d.old_network, d.old_network).is_empty
True
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..network._frames import plain as plain_frame
from ..network._frames import typed
from ..network.dataset import Dataset, is_graph
from ..network.io import read_dataset
from ._diff_tables import compare_edges, compare_nodes, plain
from ._node_areas import node_areas
from ._places import locate, places_of
from .auditing import audit
from .coverage import coverage_rates, unit_coverage
from .gaps import FINDING_CODES

log = logging.getLogger(__name__)

__all__ = ["CIRCLE_ROLES", "METRICS", "RATE_GROUPS", "SCHEMA_VERSION", "STATUS_LEVELS",
           "Diff", "diff", "trend", "trend_dict"]

#: Version of the JSON document of :meth:`Diff.to_dict`.
SCHEMA_VERSION = 1
#: Level of each coverage status: a higher level is better (SPEC section 7).
STATUS_LEVELS = V.STATUS_LEVELS
#: The three rates of SPEC section 2.
METRICS = V.RATES
#: The rate groups of SPEC section 2 (:data:`graphkit.vocab.RATE_GROUPS`) in the order of
#: the diff's JSON document (SPEC section 7: overall and two-new first).
RATE_GROUPS: dict[str, str | None] = {
    g: V.RATE_GROUPS[g] for g in sorted(V.RATE_GROUPS, key=lambda g: g not in ("overall",
                                                                            "two_new"))}
#: The circles of SPEC section 3 compared per community.
CIRCLE_ROLES = V.CIRCLE_ROLES
_CHANGES = ("new", "resolved", "persisting")
#: ``change`` of a unit, and of a node or edge row, in the order the reports list them.
UNIT_CHANGES = ("regressed", "improved", "same_level", "unchanged", "added", "removed")
ROW_CHANGES = ("added", "removed", "changed")


def _dataset(x: Any) -> Dataset:
    if isinstance(x, Dataset):
        return x
    if is_graph(x):
        return Dataset.from_networkx(x)
    if isinstance(x, str | os.PathLike):
        return read_dataset(x)
    raise UsageError(t("diff.cannot_compare", kind=type(x).__name__))


def _num(x: Any) -> float | None:
    x = plain(x)
    return None if x is None else float(x)


def _delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else 100 * (new - old)


@dataclass(frozen=True, eq=False)
class Diff:
    """What changed from one snapshot to the next (SPEC section 7).

    DataFrames are the researcher's view; :meth:`to_dict` is the JSON document.

    Attributes
    ----------
    old, new : dict
        ``name`` and ``snapshot`` of each dataset.
    scope : str
        Units in the coverage denominator (SPEC section 2).
    areas, communities : tuple of str
        Area and community ids the comparison was narrowed to (empty: the whole city).
    nodes : DataFrame
        ``change`` (added / removed / changed), ``id``, ``label``, ``name``, ``field``,
        ``old``, ``new``: one row per added or removed node, one per changed field.
    edges : DataFrame
        ``change``, ``source``, ``target``, ``type``, ``field``, ``old``, ``new``.
    units : DataFrame
        One row per unit in scope in either snapshot: ``id, name, kind, community, area,
        old, new`` (statuses, ``None`` on a side without the unit) and ``change``:
        ``added``, ``removed``, ``improved``, ``regressed``, ``same_level`` (joint <->
        affiliated) or ``unchanged``. Sorted by id.
    transitions : DataFrame
        The status transition matrix of the units in both: old status (rows) by new status
        (columns), every status of SPEC section 2, zeros included.
    rates : DataFrame
        ``group`` (a key of :data:`RATE_GROUPS`), ``key`` (``all``, ``two_new``, a kind, a
        community or area id), ``metric``, ``old``, ``new``, ``delta`` (percentage points),
        ``units_old``, ``units_new`` (the denominators; ``None`` where the group is absent).
    circles : DataFrame
        One row per community in either: ``community``, ``name``, ``area``, ``core_old``,
        ``core_new``, ``linkage_old``, ``linkage_new``, ``linkage_delta`` and for each
        circle ``<role>_entered`` / ``<role>_left`` (sorted tuples of ids).
    findings : DataFrame
        ``change`` (new / resolved / persisting), ``code``, ``subject``, ``name``,
        ``message``, ``community``, ``area``; sorted by change, code, subject.
    regression : bool
        A unit regressed or an overall rate (own, organization, work) fell.
    names : dict
        Display names of the nodes of both snapshots (a Person's is its id).
    old_network, new_network : Dataset
        The compared datasets.
    parts
        What the diff was assembled from (both audits: the reports draw the circles of
        both snapshots from them; :func:`graphkit.narrow` narrows the diff again).
    """

    old: dict[str, Any]
    new: dict[str, Any]
    scope: str
    areas: tuple[str, ...]
    nodes: pd.DataFrame
    edges: pd.DataFrame
    units: pd.DataFrame
    transitions: pd.DataFrame
    rates: pd.DataFrame
    circles: pd.DataFrame
    findings: pd.DataFrame
    regression: bool
    names: dict[str, str] = field(default_factory=dict, repr=False)
    old_network: Dataset | None = field(default=None, repr=False)
    new_network: Dataset | None = field(default=None, repr=False)
    communities: tuple[str, ...] = ()
    parts: _Parts | None = field(default=None, repr=False)

    @property
    def fallen(self) -> tuple[str, ...]:
        """The overall rates that fell (``own``, ``organization``, ``work``)."""
        r = self.rates[self.rates["group"] == "overall"]
        return tuple(str(m) for m, o, n in zip(r["metric"], r["old"], r["new"], strict=True)
                     if pd.notna(o) and pd.notna(n) and n < o)

    @property
    def is_empty(self) -> bool:
        """Nothing changed: no node, edge, status, circle member, core or finding, and
        every rate and linkage rate is the same."""
        d = self.to_dict()
        u, c = d["units"], d["circles"]
        lists = [d["nodes"][k] for k in ("added", "removed", "changed")]
        lists += [d["edges"][k] for k in ("added", "removed", "changed")]
        lists += [u[k] for k in ("improved", "regressed", "added", "removed")]
        lists += [d["findings"]["new"], d["findings"]["resolved"]]
        same = all(o == n for o, row in u["transitions"].items() for n in row)
        for item in c:
            lists += [item[r][k] for r in CIRCLE_ROLES for k in ("entered", "left")]
            same &= item["core"]["old"] == item["core"]["new"]
            same &= item["linkage_rate"]["old"] == item["linkage_rate"]["new"]
        same &= bool(self.rates["old"].equals(self.rates["new"]))
        return same and not any(lists)

    def as_plain(self) -> Diff:
        """This diff with its tables in the JSON-like form: every column ``object``,
        ``None`` for a missing value (what :meth:`to_dict` and the reports read)."""
        return replace(self, **{k: plain_frame(getattr(self, k)) for k in _TABLES})

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of SPEC section 7 (``"schema": 1``), plain Python types, every
        list sorted by its keys."""
        d = self.as_plain()  # plain Python values
        n, e, u = d.nodes, d.edges, d.units

        def rows(frame: pd.DataFrame, change: str, keys: list[str]) -> list[dict[str, Any]]:
            sub = frame[frame["change"] == change]
            return [dict(zip(keys, vals, strict=True))
                    for vals in zip(*(sub[k].tolist() for k in keys), strict=True)]

        def by_type(change: str) -> dict[str, int]:
            vc = e.loc[e["change"] == change, "type"].value_counts()
            return {str(k): int(vc[k]) for k in sorted(vc.index)}

        transitions: dict[str, dict[str, int]] = {}
        for old_status, row in d.transitions.iterrows():
            cells = {str(s): int(c) for s, c in row.items() if c}
            if cells:
                transitions[str(old_status)] = cells
        rates: dict[str, Any] = {}
        for group in RATE_GROUPS:
            sub = d.rates[d.rates["group"] == group]
            per: dict[str, dict[str, Any]] = {}
            for key, metric, old, new, delta in zip(
                    sub["key"], sub["metric"], sub["old"], sub["new"], sub["delta"],
                    strict=True):
                per.setdefault(str(key), {})[metric] = {"old": old, "new": new,
                                                        "delta": delta}
            if group in ("overall", "two_new"):
                rates[group] = next(iter(per.values()), {m: {"old": None, "new": None,
                                                             "delta": None} for m in METRICS})
            else:
                rates[group] = per
        circles = [
            {"community": c["community"],
             "core": {"old": c["core_old"], "new": c["core_new"]},
             "linkage_rate": {"old": c["linkage_old"], "new": c["linkage_new"],
                              "delta": c["linkage_delta"]},
             **{r: {"entered": list(c[f"{r}_entered"]), "left": list(c[f"{r}_left"])}
                for r in CIRCLE_ROLES}}
            for c in d.circles.to_dict("records")
        ]
        f = d.findings
        return {
            "schema": SCHEMA_VERSION,
            "old": dict(self.old), "new": dict(self.new),
            "nodes": {"added": rows(n, "added", ["id", "label", "name"]),
                      "removed": rows(n, "removed", ["id", "label", "name"]),
                      "changed": rows(n, "changed", ["id", "field", "old", "new"])},
            "edges": {"added": rows(e, "added", ["source", "target", "type"]),
                      "removed": rows(e, "removed", ["source", "target", "type"]),
                      "changed": rows(e, "changed", ["source", "target", "type", "field",
                                                     "old", "new"]),
                      "added_by_type": by_type("added"),
                      "removed_by_type": by_type("removed")},
            "units": {"transitions": transitions,
                      "improved": rows(u, "improved", ["id", "old", "new"]),
                      "regressed": rows(u, "regressed", ["id", "old", "new"]),
                      "added": [{"id": i, "status": s} for i, s in
                                zip(*(u.loc[u["change"] == "added", k].tolist()
                                      for k in ("id", "new")), strict=True)],
                      "removed": [{"id": i, "status": s} for i, s in
                                  zip(*(u.loc[u["change"] == "removed", k].tolist()
                                        for k in ("id", "old")), strict=True)]},
            "rates": rates,
            "circles": circles,
            "findings": {c: rows(f, c, ["code", "subject"]) for c in _CHANGES},
            "regression": bool(self.regression),
        }


def _resolve_areas(area: str | Collection[str] | None, datasets: tuple[Dataset, ...]
                   ) -> tuple[str, ...]:
    """The Area ids `area` names (ids, full or unique short names) in either snapshot (the
    newer one's names first): :func:`graphkit.analysis._places.locate`."""
    if area is None:
        return ()
    wanted = [area] if isinstance(area, str) else list(area)
    return tuple(sorted(locate(places_of(*datasets), areas=wanted)[0]))


def _newer(a: pd.DataFrame, b: pd.DataFrame, key: list[str], columns: list[str]
           ) -> pd.DataFrame:
    """The rows of `a` (the older audit's) and `b` (the newer's), each `key` at most once
    on a side, outer-merged on `key`: ``in_a`` and ``in_b`` say which sides have the row,
    each of `columns` is the newer side's value where it has the row (else the older's),
    and every other column of each side is there with ``_a`` / ``_b``."""
    m = a.merge(b, on=key, how="outer", suffixes=("_a", "_b"), indicator=True, sort=False)
    m["in_a"] = (m["_merge"] != "right_only").to_numpy()
    m["in_b"] = (m["_merge"] != "left_only").to_numpy()
    for c in columns:
        m[c] = m[f"{c}_b"].where(m["in_b"], m[f"{c}_a"])
    return m


def _unit_rows(ua: pd.DataFrame, ub: pd.DataFrame) -> pd.DataFrame:
    """Each unit of either audit (by id, sorted), with the newer audit's name, kind and
    place where it has the unit, its old and new status and how it changed."""
    keys = ["id", "name", "kind", "community", "area", "status"]
    a, b = (u[keys].astype(object).drop_duplicates("id", keep="last") for u in (ua, ub))
    m = _newer(a, b, ["id"], ["name", "kind", "community", "area"])
    m = m.sort_values("id", kind="stable", ignore_index=True)
    in_a, in_b = m["in_a"].to_numpy(bool), m["in_b"].to_numpy(bool)
    old, new = m["status_a"].where(in_a, None), m["status_b"].where(in_b, None)
    lo = old.map(STATUS_LEVELS).to_numpy(dtype=float, na_value=np.nan)
    ln = new.map(STATUS_LEVELS).to_numpy(dtype=float, na_value=np.nan)
    change = np.select([~in_a, ~in_b, ln > lo, ln < lo, (old == new).to_numpy(bool)],
                       ["added", "removed", "improved", "regressed", "unchanged"],
                       "same_level").astype(object)
    cols = {"id": m["id"], "name": m["name"], "kind": m["kind"],
            "community": [plain(v) for v in m["community"].tolist()],
            "area": [plain(v) for v in m["area"].tolist()], "old": old, "new": new,
            "change": change}
    return pd.DataFrame(cols, dtype=object)


def _transitions(units: pd.DataFrame) -> pd.DataFrame:
    both = units[units["old"].notna() & units["new"].notna()]
    statuses = list(V.COVERAGE_STATUSES)
    m = pd.DataFrame(0, index=pd.Index(statuses, name="old"),
                     columns=pd.Index(statuses, name="new"), dtype="int64")
    for (o, n), c in both.groupby(["old", "new"]).size().items():
        m.loc[o, n] = int(c)
    return m


def _rate_frames(result: Any, units: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """The rate tables of SPEC section 2 per group: the audit's, or recomputed over `units`
    (a restricted unit table)."""
    if units is None:
        return {"overall": result.rates, "two_new": result.two_new, "by_kind": result.by_kind,
                "by_community": result.by_community, "by_area": result.by_area}
    return {group: coverage_rates(units, by=by) for group, by in RATE_GROUPS.items()}


def _rate_rows(fa: dict[str, pd.DataFrame], fb: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for group in RATE_GROUPS:
        a, b = fa[group].to_dict("index"), fb[group].to_dict("index")
        for key in sorted(a.keys() | b.keys(), key=str):
            ra, rb = a.get(key), b.get(key)
            for metric in METRICS:
                old = None if ra is None else _num(ra[metric])
                new = None if rb is None else _num(rb[metric])
                rows.append((group, str(key), metric, old, new, _delta(old, new),
                             None if ra is None else int(ra["units"]),
                             None if rb is None else int(rb["units"])))
    cols = ["group", "key", "metric", "old", "new", "delta", "units_old", "units_new"]
    return pd.DataFrame(rows, columns=cols, dtype=object)


def _circle_rows(ca: pd.DataFrame, cb: pd.DataFrame, area_of: Mapping[str, Any],
                 keep: Any) -> pd.DataFrame:
    a = {r["community"]: r for r in ca.to_dict("records")}
    b = {r["community"]: r for r in cb.to_dict("records")}
    rows = []
    for cid in sorted(a.keys() | b.keys()):
        if not keep(cid):
            continue
        ra, rb = a.get(cid), b.get(cid)
        lo = None if ra is None else _num(ra["linkage_rate"])
        ln = None if rb is None else _num(rb["linkage_rate"])
        row: dict[str, Any] = {
            "community": cid, "name": (rb or ra)["name"], "area": area_of.get(cid),
            "core_old": None if ra is None else plain(ra["core"]),
            "core_new": None if rb is None else plain(rb["core"]),
            "linkage_old": lo, "linkage_new": ln, "linkage_delta": _delta(lo, ln),
        }
        for role in CIRCLE_ROLES:
            old = set(ra[role]) if ra is not None else set()
            new = set(rb[role]) if rb is not None else set()
            row[f"{role}_entered"] = tuple(sorted(new - old))
            row[f"{role}_left"] = tuple(sorted(old - new))
        rows.append(row)
    cols = ["community", "name", "area", "core_old", "core_new", "linkage_old",
            "linkage_new", "linkage_delta"]
    cols += [f"{r}_{k}" for r in CIRCLE_ROLES for k in ("entered", "left")]
    return pd.DataFrame(rows, columns=cols, dtype=object)


def _finding_rows(fa: pd.DataFrame, fb: pd.DataFrame,
                  keep: Callable[[dict[str, Any]], bool] | None = None) -> pd.DataFrame:
    """Each finding (code, subject) of either audit, new, resolved or persisting, with the
    newer audit's texts where it has the finding; `keep` (None: all) is asked of each
    finding's row. Sorted by change, code, subject."""
    key = ["code", "subject"]
    texts = ["name", "message", "community", "area"]
    a, b = (f.drop_duplicates(key)[[*key, *texts]] for f in (fa, fb))  # the first of each
    m = _newer(a, b, key, texts)
    change = np.select([~m["in_a"].to_numpy(bool), ~m["in_b"].to_numpy(bool)],
                       ["new", "resolved"], "persisting").astype(object)
    frame = pd.DataFrame({"change": change, **{c: m[c] for c in [*key, *texts]}},
                         dtype=object)
    if keep is not None and len(frame):
        frame = frame[[keep(r) for r in frame.to_dict("records")]]
    order = {c: i for i, c in enumerate(_CHANGES)}
    frame = frame.sort_values(["change", "code", "subject"],
                              key=lambda s: s.map(order) if s.name == "change" else s,
                              kind="stable", ignore_index=True)
    for c in texts:
        frame[c] = pd.Series([plain(v) for v in frame[c].tolist()], dtype=object)
    return frame


@dataclass(frozen=True, eq=False)
class _Parts:
    """What a diff is assembled from (and narrowed again from): both audits, the compared
    node and edge tables, where each node sits, the datasets' names."""

    a: Dataset
    b: Dataset
    ra: Any
    rb: Any
    nodes: pd.DataFrame
    edges: pd.DataFrame
    places: dict[str, frozenset[str]]
    names: dict[str, str]

    def community_places(self) -> dict[str, frozenset[str]]:
        got = node_areas(self.a.nodes, self.a.edges, V.COMMUNITY)
        for nid, p in node_areas(self.b.nodes, self.b.edges, V.COMMUNITY).items():
            got[nid] = got.get(nid, frozenset()) | p
        return got


def _parts(a: Dataset, b: Dataset, conf: dict[str, Any]) -> _Parts:
    ra, rb = audit(a, **conf), audit(b, **conf)
    people = set(a.nodes.loc[a.nodes["label"] == V.PERSON, "id"]) | set(
        b.nodes.loc[b.nodes["label"] == V.PERSON, "id"])
    places = node_areas(a.nodes, a.edges)
    for nid, p in node_areas(b.nodes, b.edges).items():
        places[nid] = places.get(nid, frozenset()) | p
    names: dict[str, str] = {}
    for ds in (a, b):
        person = ds.nodes["label"] == V.PERSON
        shown = ds.nodes["name"].where(~person, ds.nodes["id"])
        names.update(zip(ds.nodes["id"].tolist(), shown.tolist(), strict=True))
    return _Parts(a, b, ra, rb, compare_nodes(a.nodes, b.nodes),
                  compare_edges(a.edges, b.edges, people), places, names)


def _assemble(p: _Parts, areas: tuple[str, ...] = (), communities: tuple[str, ...] = ()
              ) -> Diff:
    """The diff of `p`, narrowed to the units, communities, nodes, edges and findings of
    `areas` and `communities` (ids; both: the communities within the areas)."""
    ra, rb = p.ra, p.rb
    ua, ub = ra.units, rb.units
    nodes, edges = p.nodes, p.edges
    community_area = {cid: min(pl) for cid, pl in p.places.items() if pl}
    filters = []
    if areas:
        filters.append(("area", frozenset(areas), p.places))
    if communities:
        filters.append(("community", frozenset(communities), p.community_places()))

    def there(nid: Any) -> bool:
        return all(bool(pl.get(nid, frozenset()) & wanted) for _, wanted, pl in filters)

    def keep_finding(r: dict[str, Any]) -> bool:
        return all(r.get(col) in wanted or bool(pl.get(r["subject"], frozenset()) & wanted)
                   or bool(pl.get(r.get("community"), frozenset()) & wanted)
                   for col, wanted, pl in filters)

    if filters:
        for col, wanted, _ in filters:
            ua, ub = ua[ua[col].isin(wanted)], ub[ub[col].isin(wanted)]
        frames = _rate_frames(ra, ua), _rate_frames(rb, ub)
        nodes = nodes[_mask(nodes["id"], there)].reset_index(drop=True)
        edges = edges[_mask(edges["source"], there) | _mask(edges["target"], there)]
        edges = edges.reset_index(drop=True)
    else:
        frames = _rate_frames(ra, None), _rate_frames(rb, None)
    units = _unit_rows(ua, ub)
    rates = _rate_rows(*frames)
    circ = _circle_rows(ra.circles, rb.circles, community_area,
                        there if filters else (lambda cid: True))
    found = _finding_rows(ra.findings, rb.findings, keep_finding if filters else None)
    overall = rates[rates["group"] == "overall"]
    fell = any(o is not None and n is not None and n < o
               for o, n in zip(overall["old"], overall["new"], strict=True))
    regression = bool((units["change"] == "regressed").any() or fell)
    meta = [{"name": ds.name, "snapshot": ds.snapshot} for ds in (p.a, p.b)]
    return Diff(
        old=meta[0], new=meta[1], scope=ra.scope, areas=tuple(areas),
        nodes=typed(nodes, categories={"change": ROW_CHANGES, "label": V.LABELS}),
        edges=typed(edges, categories={"change": ROW_CHANGES,
                                       "type": (*V.REL_TYPES, V.TEAM_TIE)}),
        units=typed(units, categories={"kind": V.KINDS[V.UNIT] or (),
                                       "old": V.COVERAGE_STATUSES,
                                       "new": V.COVERAGE_STATUSES, "change": UNIT_CHANGES}),
        transitions=_transitions(units),
        rates=typed(rates, categories={"group": tuple(RATE_GROUPS), "metric": METRICS},
                    floats=("old", "new", "delta"), ints=("units_old", "units_new")),
        circles=typed(circ, floats=("linkage_old", "linkage_new", "linkage_delta")),
        findings=typed(found, categories={"change": _CHANGES, "code": FINDING_CODES}),
        regression=regression, names=p.names, old_network=p.a, new_network=p.b,
        communities=tuple(communities), parts=p)


#: The tables of a :class:`Diff`.
_TABLES = ("nodes", "edges", "units", "rates", "circles", "findings")


def _mask(ids: pd.Series, there: Any) -> pd.Series:
    """Which of `ids` are `there`, as a boolean Series even when `ids` is empty (mapped,
    an empty Series has the dtype object, and a frame indexed by it selected no column:
    ``diff --area`` of a street where nothing changed failed with KeyError 'change')."""
    return ids.map(there).astype(bool)


def narrowed(d: Diff, *, areas: Collection[str] = (), communities: Collection[str] = ()
             ) -> Diff:
    """`d` narrowed to `areas` and `communities` (ids), as :func:`diff` with ``area=``
    would have made it (see :func:`graphkit.narrow`)."""
    if d.parts is None:
        raise UsageError("this diff cannot be narrowed: it was not made by graphkit.diff")
    return _assemble(d.parts, tuple(sorted(set(areas) | set(d.areas))),
                     tuple(sorted(set(communities) | set(d.communities))))


def diff(
    old: Any, new: Any, *, scope: str | Collection[str] = "all",
    area: str | Collection[str] | None = None, min_branch_members: int | None = None,
    sub_core_min_rating: int | None = None, engine: Any = None,
) -> Diff:
    """Compare two snapshots of a network (SPEC section 7).

    Parameters
    ----------
    old, new : Dataset, networkx.MultiDiGraph, or a dataset folder / workbook path
        Entities are matched by ``id``.
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
        Units in the coverage denominator (SPEC section 2), on both sides.
    area : str or collection of str, optional
        Restrict the comparison to these Areas (ids or names): the units located there
        (their rates are recomputed over them), their communities, the nodes and edges
        that sit there and the findings about them (the same as
        ``graphkit.narrow(diff(old, new), areas=...)``).
    min_branch_members, sub_core_min_rating : int, optional
        Override :data:`graphkit.settings` for both audits.
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the rules of both audits run (default DuckDB).

    Returns
    -------
    Diff

    Notes
    -----
    The two audits are :func:`graphkit.audit` runs; a unit's status level is own 3 > joint,
    affiliated 2 > instructor 1 > none 0. A delta is ``100 * (new - old)`` percentage
    points, ``None`` when either side has no value (the group is absent, or has no unit).
    Person data is withheld: a Person is compared on label and kind only and listed with
    its id as name, and its relationships' properties are not compared.

    Examples
    --------
    >>> d = diff("data/sihui", "data/sihui-2021")
    >>> sorted(d.to_dict())[:4]
    ['circles', 'edges', 'findings', 'new']
    >>> d.to_dict()["units"]["regressed"][0]
    {'id': 'unit-0101', 'old': 'affiliated', 'new': 'none'}
    """
    a, b = _dataset(old), _dataset(new)
    areas = _resolve_areas(area, (a, b))
    conf = {"scope": scope, "min_branch_members": min_branch_members,
            "sub_core_min_rating": sub_core_min_rating, "engine": engine}
    note = unmatched(a, b)
    if note is not None:
        log.warning("%s", note)
    return _assemble(_parts(a, b, conf), areas)


def unmatched(a: Dataset, b: Dataset) -> str | None:
    """What to say when no id of one snapshot is in the other, for the nodes or for the
    units (None when some are): entities are matched by id (SPEC section 7), so renumbered
    snapshots diff as "everything removed and everything added", which is then rarely the
    truth. :func:`diff` logs it as a warning.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit import messages
    >>> ds = gk.read_dataset("data/sihui")
    >>> unmatched(ds, ds) is None
    True
    >>> moved = ds.nodes.assign(id="x-" + ds.nodes["id"])
    >>> new_ids = dict(zip(ds.nodes["id"], moved["id"], strict=True))
    >>> edges = ds.edges.assign(source=ds.edges["source"].map(new_ids),
    ...                         target=ds.edges["target"].map(new_ids))
    >>> with messages.use("en"):
    ...     print(unmatched(ds, gk.Dataset.from_frames(moved, edges)))  # doctest: +ELLIPSIS
    no node id of the old snapshot (7055 nodes) is in the new one (7055 nodes): ...
    """
    for label in (None, V.UNIT):
        ids = [ds.nodes["id"] if label is None else
               ds.nodes.loc[ds.nodes["label"] == label, "id"] for ds in (a, b)]
        if len(ids[0]) and len(ids[1]) and not ids[0].isin(ids[1]).any():
            what = "nodes" if label is None else "units"
            return t(f"diff.no_{what}_matched", old=len(ids[0]), new=len(ids[1]))
    return None


def trend(datasets: Iterable[Any], *, scope: str | Collection[str] = "all",
          engine: Any = None) -> pd.DataFrame:
    """The overall and per-area coverage rates of several snapshots (SPEC section 7).

    Parameters
    ----------
    datasets : iterable of Dataset, graph, or dataset folder / workbook path
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the coverage rules run (default DuckDB).

    Returns
    -------
    pandas.DataFrame
        One row per snapshot and group: ``order`` (0 for the earliest), ``snapshot``
        (``YYYY-MM-DD`` or ``None``), ``dataset`` (its name), ``group`` (``"all"`` or an
        Area id), ``name`` (``"全部单位"`` or the area's name), ``units`` (the denominator),
        ``own``, ``organization``, ``work`` (fractions, ``NaN`` without units). Snapshots
        are ordered by ``snapshot`` date, then by the order given (undated ones last);
        within one, the overall row comes first, then the areas by id.

    Examples
    --------
    >>> t = trend(["data/sihui-2021", "data/sihui"])
    >>> t.loc[t["group"] == "all", ["order", "snapshot"]].values.tolist()
    [[0, '2020-09-30'], [1, '2021-09-30']]
    """
    sets = [_dataset(d) for d in datasets]
    if not sets:
        raise UsageError(t("trend.no_dataset"))
    order = sorted(range(len(sets)), key=lambda i: (sets[i].snapshot is None,
                                                    sets[i].snapshot or "", i))
    rows = []
    for pos, i in enumerate(order):
        ds = sets[i]
        units = unit_coverage(ds, scope=scope, engine=engine)
        area_names = dict(zip(ds.nodes["id"], ds.nodes["name"], strict=True))
        for frame, label in ((coverage_rates(units), None),
                             (coverage_rates(units, by="area"), "area")):
            for key, r in zip(frame.index, frame.itertuples(index=False), strict=True):
                group = "all" if label is None else str(key)
                rows.append({"order": pos, "snapshot": ds.snapshot, "dataset": ds.name,
                             "group": group,
                             "name": "全部单位" if label is None else area_names.get(key, key),
                             "units": int(r.units), "own": r.own,
                             "organization": r.organization, "work": r.work})
    frame = pd.DataFrame(rows, columns=["order", "snapshot", "dataset", "group", "name",
                                        "units", *V.RATES])
    frame = frame.astype({"own": "float64", "organization": "float64", "work": "float64"})
    frame["snapshot"] = frame["snapshot"].astype(object).where(frame["snapshot"].notna(), None)
    return frame


def trend_dict(frame: Any, *, scope: str = "all") -> dict[str, Any]:
    """The trend (:func:`graphkit.trend`) as a JSON document: one entry per snapshot in
    order, its overall and per-area rates.

    Examples
    --------
    >>> import graphkit as gk
    >>> doc = trend_dict(trend(["data/sihui", "data/sihui-2021"]))
    >>> [s["snapshot"] for s in doc["snapshots"]]
    ['2020-09-30', '2021-09-30']
    """
    metrics = ("own", "organization", "work")
    snaps = []
    for order, sub in frame.groupby("order", sort=True):
        first = sub.iloc[0]

        def rates(r: Any) -> dict[str, Any]:
            return {"units": int(r["units"]), **{m: _num(r[m]) for m in metrics}}

        overall = sub[sub["group"] == "all"]
        snaps.append({
            "order": int(order), "name": first["dataset"], "snapshot": first["snapshot"],
            "overall": rates(overall.iloc[0]) if len(overall) else None,
            "by_area": {r["group"]: {"name": r["name"], **rates(r)}
                        for r in sub[sub["group"] != "all"].to_dict("records")},
        })
    return {"schema": 1, "scope": scope, "snapshots": snaps}
