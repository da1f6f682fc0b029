"""The community scorecard (社区计分卡): the mechanisms behind the "four integrations"
(四个融合) of the integration circle, per community and for the city (SPEC section 8).

============================  ==========================================================
field                         value
============================  ==========================================================
co_builders                   distinct PartyOrgs with a CO_BUILDS edge to the community's
                              core (0 without core)
running_circle                co_builders >= 1 (the community runs the integration circle)
linkage_rate                  SPEC section 3 (null without core)
service_centers               ServiceCenters that SERVES the community or one of its
                              compounds
service_area_m2               the sum of their ``area_m2`` (missing counts 0)
stationed_teams               Teams of kind stationed STATIONED_AT the community
volunteer_teams               Teams of kind volunteer STATIONED_AT the community
team_members                  the sum of ``members`` over both kinds
issues_resolved               the sum of ``issues_resolved`` over both kinds
reporting_members             Persons of kind member REGISTERED_AT the community
compounds                     Compounds PART_OF the community
compounds_with_branch         of them, those a PartyOrg BELONGS_TO (their branch)
compounds_with_joint_meeting  of them, those whose branch MEETS_WITH an owners_committee or
                              property unit located in that compound
============================  ==========================================================

The city row applies the same definitions to all communities at once, counting each
entity once (a centre serving two communities, a PartyOrg co-building with two cores);
its ``running_circle`` is the number of communities running the circle and its
``linkage_rate`` is null. The rules are :mod:`graphkit.rules.mechanisms`.

Examples
--------
>>> import graphkit as gk
>>> card = gk.scorecard(gk.read_dataset("data/sihui"))
>>> city = card.iloc[-1]
>>> int(city["running_circle"]), int(city["co_builders"]), int(city["issues_resolved"])
(15, 96, 3398)
>>> card.loc[card["name"] == "龙湾社区", "compounds_with_joint_meeting"].item()
4
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..errors import UsageError
from ..rules import mechanisms as RM
from ..settings import settings
from ._analysis import Analysis, analysis
from .linkage import circle_lists, linkage_rates

__all__ = ["CITY_NAME_ZH", "FIELDS", "INDICATORS", "document", "heat_color", "overall",
           "scorecard", "scorecard_by_area", "scorecard_frame", "scores", "worst_first"]

#: The fields of a scorecard row, in the order of SPEC section 8.
FIELDS = RM.FIELDS
#: The name of the city row.
CITY_NAME_ZH = "全市"
#: The fields a heat map shows (:func:`scores`): counts scaled by the largest community's,
#: rates as they are; ``compounds_with_branch`` as a share of the compounds and
#: ``compounds_with_joint_meeting`` of the compounds with a branch.
INDICATORS = ("co_builders", "linkage_rate", "service_centers", "service_area_m2",
              "reporting_members", "volunteer_teams", "stationed_teams", "issues_resolved",
              "compounds_with_branch", "compounds_with_joint_meeting")
_SUMS = ("service_area_m2", "team_members", "issues_resolved")
_SUM_PROPERTY = {"service_area_m2": "area_m2", "team_members": "members",
                 "issues_resolved": "issues_resolved"}


def _is_float(a: Analysis, field: str) -> bool:
    """Whether a field's values are floats: a sum over a property with fractional values
    (counts, the members of teams and integer properties are whole numbers)."""
    if field not in _SUMS:
        return False
    prop = _SUM_PROPERTY[field]
    return prop != "members" and not a.integer_property(prop)


def _values(a: Analysis, field: str, n: np.ndarray, total: np.ndarray) -> np.ndarray:
    """A counted field's values from the entities counted `n` and their property sums
    `total` (float, NaN for none): a count, or a sum typed as its property."""
    if field not in _SUMS:
        return n.astype(np.int64)
    total = np.nan_to_num(total.astype(np.float64), nan=0.0)
    return total if _is_float(a, field) else np.round(total).astype(np.int64)


def _columns(a: Analysis, threshold: int, communities: Collection[int] | None = None
             ) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, Any]]:
    """The scorecard of analysis `a` as columns: the community codes (in id order, of
    `communities` when given), one array per field of :data:`FIELDS` in their order
    (``running_circle`` bool, ``linkage_rate`` float with NaN), and the whole row over
    them (plain Python values)."""
    comms = a.communities()
    rate_all = linkage_rates(circle_lists(a, threshold))  # aligned with a.communities()
    if communities is not None:
        keep = np.isin(comms, np.asarray(list(communities), dtype=np.int64))
        comms, rate_all = comms[keep], rate_all[keep]
    pos = np.full(a.net.n_nodes, -1, dtype=np.int64)
    pos[comms] = np.arange(len(comms))
    per = a.mechanisms()
    fields = per.column("field").to_numpy()
    at = pos[per.column("community").to_numpy()]
    ns = per.column("n").to_numpy()
    totals = pc.cast(per.column("total"), pa.float64()).to_numpy(zero_copy_only=False)
    counted: dict[str, np.ndarray] = {}
    for code, name in enumerate(RM.COUNTED):
        mine = (fields == code) & (at >= 0)
        n = np.zeros(len(comms), dtype=np.int64)
        total = np.zeros(len(comms), dtype=np.float64)
        n[at[mine]] = ns[mine]
        total[at[mine]] = totals[mine]
        counted[name] = _values(a, name, n, total)
    running = counted["co_builders"] >= 1
    cols = {f: (running if f == "running_circle" else rate_all.astype(np.float64)
                if f == "linkage_rate" else counted[f]) for f in FIELDS}
    codes = None if communities is None else tuple(int(c) for c in comms)
    whole = (a.mechanisms_whole(codes).to_pydict() if codes != ()
             else {"field": [], "n": [], "total": []})
    city = _total_row(a, whole["field"], whole["n"], whole["total"], int(running.sum()))
    return comms, cols, city


def _total_row(a: Analysis, fields: list[int], ns: list[Any], totals: list[Any],
               running: int) -> dict[str, Any]:
    """A row over several communities from its counted fields (codes into ``COUNTED``)."""
    row: dict[str, Any] = {f: 0 for f in FIELDS}
    got = {RM.COUNTED[f]: (n, total) for f, n, total in zip(fields, ns, totals, strict=True)}
    for name in RM.COUNTED:
        n, total = got.get(name, (0, None))
        value = _values(a, name, np.array([n], dtype=np.int64),
                        np.array([np.nan if total is None else total], dtype=np.float64))[0]
        row[name] = value.item()
    row["running_circle"] = running
    row["linkage_rate"] = None
    return row


def scorecard_by_area(G: Any, *, sub_core_min_rating: int | None = None,
                      engine: Any = None) -> pd.DataFrame:
    """The city row's definitions per street/town: one row per Area that communities are
    ``PART_OF`` (sorted by id), each entity counted once per area.

    Returns
    -------
    pandas.DataFrame
        Columns ``area, name, communities`` (its communities) and the fields of
        :data:`FIELDS` (``running_circle``: its communities running the circle;
        ``linkage_rate`` NaN).

    Examples
    --------
    >>> by_area = scorecard_by_area(gk.read_dataset("data/sihui")).set_index("area")
    >>> int(by_area["running_circle"].sum()), int(by_area.loc["area-dc", "communities"])
    (15, 14)
    """
    conf = settings.resolve(sub_core_min_rating=sub_core_min_rating)
    a = analysis(G, engine)
    comms, cols, _city = _columns(a, conf["sub_core_min_rating"])
    ca = a.community_area()
    area_of = np.full(a.net.n_nodes, -1, dtype=np.int64)
    area_of[ca.column("community").to_numpy()] = ca.column("area").to_numpy()
    comm_area = area_of[comms]
    per = a.mechanisms_by_area().to_pydict()
    areas = np.unique(comm_area[comm_area >= 0]).tolist()
    got: dict[int, tuple[list[int], list[Any], list[Any]]] = {x: ([], [], []) for x in areas}
    for field, area, n, total in zip(per["field"], per["area"], per["n"], per["total"],
                                     strict=True):
        f, ns, ts = got[int(area)]
        f.append(field)
        ns.append(n)
        ts.append(total)
    codes = pa.array(areas, pa.int64())
    ids, names = a.ids(codes).to_pylist(), a.names(codes).to_pylist()
    table = []
    for i, x in enumerate(areas):
        mine = comm_area == x
        row = _total_row(a, *got[x], int(cols["running_circle"][mine].sum()))
        table.append({"area": ids[i], "name": names[i], "communities": int(mine.sum()), **row})
    frame = pd.DataFrame(table, columns=["area", "name", "communities", *FIELDS])
    frame["linkage_rate"] = frame["linkage_rate"].astype("float64")
    for f in FIELDS:
        if f != "linkage_rate" and frame[f].dtype == object:
            frame[f] = pd.to_numeric(frame[f])
    return frame


def scorecard_frame(a: Analysis, threshold: int, communities: Collection[int] | None = None,
                    city_name: str = CITY_NAME_ZH) -> pd.DataFrame:
    """The scorecard DataFrame of analysis `a` (see :func:`scorecard`)."""
    comms, cols, city = _columns(a, threshold, communities)
    codes = pa.array(comms, pa.int64())
    out: dict[str, Any] = {
        "community": pd.Series([*a.ids(codes).to_pylist(), None], dtype=object),
        "name": pd.Series([*a.names(codes).to_pylist(), city_name], dtype=object),
    }
    for f in FIELDS:
        values = cols[f]
        if f == "running_circle":
            out[f] = pd.Series([*values.tolist(), city[f]], dtype=object)
        elif f == "linkage_rate":
            out[f] = pd.Series(np.append(values, np.nan), dtype="float64")
        else:
            out[f] = pd.Series(np.append(values, city[f]).astype(values.dtype),
                               dtype=values.dtype)
    return pd.DataFrame(out)


def scorecard(G: Any, *, communities: Collection[str] | None = None,
              sub_core_min_rating: int | None = None, engine: Any = None) -> pd.DataFrame:
    """The community scorecard of SPEC section 8 (四个融合).

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
    communities : collection of str, optional
        Only these communities (ids): their rows, and a last row over them (each entity
        counted once) instead of the city row.
    sub_core_min_rating : int, optional
        Overrides :data:`graphkit.settings` for the linkage rate (SPEC section 3).
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the rules run (default DuckDB); every engine gives the same table.

    Returns
    -------
    pandas.DataFrame
        One row per community sorted by id, then the city row (``community`` None, name
        "全市"); columns ``community, name`` and the fields of :data:`FIELDS`.
        ``running_circle`` is a bool per community and the number of communities running
        the circle in the city row; ``linkage_rate`` is NaN without core and in the city
        row; a sum is an integer unless its property has fractional values.

    Raises
    ------
    UsageError
        When a community of `communities` is no Community of the network.

    Notes
    -----
    For a community :math:`c` with core :math:`k_c`,
    ``co_builders`` = :math:`|\\{o : (o, k_c) \\in \\mathrm{CO\\_BUILDS}\\}|`; the city row
    counts :math:`|\\bigcup_c \\{o : (o, k_c) \\in \\mathrm{CO\\_BUILDS}\\}|`, and likewise
    for every field: sums run over the union of the communities' entities.

    Examples
    --------
    >>> card = scorecard(gk.read_dataset("data/sihui"), communities=["com-001", "com-002"])
    >>> card[["community", "co_builders", "service_centers"]].values.tolist()
    [['com-001', 6, 1], ['com-002', 10, 1], [None, 15, 2]]

    (one organization co-builds with both cores: 15, not 16.)
    """
    conf = settings.resolve(sub_core_min_rating=sub_core_min_rating)
    a = analysis(G, engine)
    codes = None
    if communities is not None:
        wanted = list(communities)
        found = a.net.codes_of(_strings(wanted)).to_pylist()
        comm_label = V.LABELS.index(V.COMMUNITY)
        bad = [c for c, code in zip(wanted, found, strict=True)
               if code is None or a.net.label_codes[code] != comm_label]
        if bad:
            raise UsageError(f"not a community: {', '.join(map(str, bad))}")
        codes = sorted(set(found))
    name = CITY_NAME_ZH if codes is None else "合计"
    return scorecard_frame(a, conf["sub_core_min_rating"], codes, name)


def _strings(values: list[Any]) -> pa.Array:
    return pa.array([str(v) for v in values], pa.string())


def _plain(values: pd.Series, field: str) -> list[Any]:
    """A scorecard column as plain Python values (NaN and None as None)."""
    numpy = isinstance(values.dtype, np.dtype)
    if field == "running_circle":
        return [None if v is None or (isinstance(v, float) and v != v)
                else v if isinstance(v, bool) else int(v) for v in values.tolist()]
    if numpy and values.dtype.kind in "iub":
        return values.tolist()
    if numpy and values.dtype.kind == "f":
        x = values.to_numpy()
        out = x.astype(object)
        out[np.isnan(x)] = None
        return out.tolist()
    return [None if v is None or (isinstance(v, float) and v != v)
            else bool(v) if isinstance(v, (bool, np.bool_))
            else int(v) if isinstance(v, (int, np.integer)) else float(v)
            for v in values.tolist()]


def document(frame: pd.DataFrame) -> dict[str, Any]:
    """The ``mechanisms`` member of the audit's JSON document: ``{"communities": [row, ...],
    "city": row}``, each row the fields of SPEC section 8 (a community's with its id
    first); ``city`` is null when `frame` has no city row."""
    cols = [_plain(frame[f], f) for f in FIELDS]
    ids = frame["community"].tolist()
    comms, city = [], None
    for cid, values in zip(ids, zip(*cols, strict=True), strict=True):
        row = dict(zip(FIELDS, values, strict=True))
        if cid is None:
            city = row
        else:
            comms.append({"community": cid, **row})
    return {"communities": comms, "city": city}


def scores(frame: pd.DataFrame) -> pd.DataFrame:
    """The communities of a scorecard on a common 0..1 scale, one column per field of
    :data:`INDICATORS` (index: community id; NaN where a field does not apply: no core,
    no compound, no compound with a branch). Counts are divided by the largest community
    value (0 everywhere when all are 0), rates kept.

    Examples
    --------
    >>> s = scores(gk.scorecard(gk.read_dataset("data/sihui")))
    >>> float(s["issues_resolved"].max()), float(s["linkage_rate"].max()) <= 1
    (1.0, True)
    """
    comm = frame[frame["community"].notna()]
    out = pd.DataFrame(index=pd.Index(comm["community"].tolist(), dtype=object,
                                      name="community"))
    for f in INDICATORS:
        if f == "linkage_rate":
            out[f] = comm[f].to_numpy(dtype=float)
        elif f == "compounds_with_branch":
            n = comm["compounds"].to_numpy(dtype=float)
            out[f] = np.divide(comm[f].to_numpy(dtype=float), n, out=np.full(len(n), np.nan),
                               where=n > 0)
        elif f == "compounds_with_joint_meeting":
            n = comm["compounds_with_branch"].to_numpy(dtype=float)
            out[f] = np.divide(comm[f].to_numpy(dtype=float), n, out=np.full(len(n), np.nan),
                               where=n > 0)
        else:
            v = comm[f].to_numpy(dtype=float)
            top = v.max() if len(v) else 0.0
            out[f] = v / top if top > 0 else np.zeros(len(v))
    return out


def overall(frame: pd.DataFrame) -> pd.Series:
    """Each community's mean of its :func:`scores` (the fields that apply; 0 when none
    does), index community id."""
    s = scores(frame)
    values = s.to_numpy(dtype=float)
    mean = np.zeros(len(s))
    some = ~np.isnan(values).all(axis=1) if len(s) else np.zeros(0, dtype=bool)
    if some.any():
        mean[some] = np.nanmean(values[some], axis=1)
    return pd.Series(mean, index=s.index, name="score")


def worst_first(frame: pd.DataFrame) -> list[str]:
    """The communities of a scorecard, weakest first: by :func:`overall`, then by id.

    Examples
    --------
    >>> worst_first(gk.scorecard(gk.read_dataset("data/sihui")))[:2]
    ['com-047', 'com-039']
    """
    m = overall(frame)
    return sorted(m.index, key=lambda c: (m[c], str(c)))


def heat_color(score: float | None) -> str:
    """The heat-map colour of a :func:`scores` value (0 weakest .. 1 strongest), linear
    between the stops of :data:`graphkit.vocab.SCORE_COLORS`; ``SCORE_MISSING`` for NaN.

    Examples
    --------
    >>> heat_color(0.0), heat_color(1.0), heat_color(float("nan"))
    ('#f4a99c', '#9fd8ac', '#e6e6e6')
    """
    if score is None or score != score:
        return V.SCORE_MISSING
    stops = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in V.SCORE_COLORS]
    x = min(max(float(score), 0.0), 1.0) * (len(stops) - 1)
    i = min(int(x), len(stops) - 2)
    f = x - i
    rgb = [round(a + (b - a) * f) for a, b in zip(stops[i], stops[i + 1], strict=True)]
    return "#" + "".join(f"{v:02x}" for v in rgb)
