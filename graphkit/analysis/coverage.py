"""Party organization and Party work coverage of units (SPEC section 2).

Each unit in scope gets exactly one status, the first that holds:

1. ``own`` — some PartyOrg ``BELONGS_TO`` the unit (单独组建);
2. ``joint`` — some PartyOrg ``COVERS`` it with ``mode=joint`` (联合组建);
3. ``affiliated`` — some PartyOrg ``COVERS`` it with ``mode=affiliated`` (挂靠组建);
4. ``instructor`` — some Person ``GUIDES`` it (选派党建工作指导员);
5. ``none`` — a coverage gap.

Own-organization rate (单独组建率) counts ``own``; organizational coverage (党的组织覆盖)
counts ``own``, ``joint`` and ``affiliated``; work coverage (党的工作覆盖) adds
``instructor``. Each rate is covered units / units in scope, ``NaN`` when none is in scope.
The rules themselves are :mod:`graphkit.rules.coverage`; these functions run them and
return DataFrames.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")
>>> units = gk.unit_coverage(ds)
>>> units["status"].value_counts()["own"]
np.int64(212)
>>> gk.coverage_rates(units).loc["all", "work"].round(4)
np.float64(0.9554)
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..network._frames import codes as as_codes
from ..network._frames import text_series, typed_series
from ..rules import coverage as RC
from ..rules import engine as E
from ..rules._ibis import ibis
from ._analysis import analysis

__all__ = [
    "ORGANIZATION_STATUSES",
    "WORK_STATUSES",
    "coverage_rates",
    "key_text",
    "rates_table",
    "scope_kinds",
    "unit_coverage",
]

#: Statuses that count as organizational coverage (组织覆盖).
ORGANIZATION_STATUSES = frozenset({"own", "joint", "affiliated"})
#: Statuses that count as work coverage (工作覆盖).
WORK_STATUSES = ORGANIZATION_STATUSES | {"instructor"}

_RATE_COLUMNS = ["units", *V.RATES]
_STATUS_OF_LEVEL = {level: status for status, level in RC.LEVELS.items()}
_UNIT_COLUMNS = ("id", "name", "kind", "community", "area", "members", "status")


def scope_kinds(scope: str | Collection[str]) -> frozenset[str]:
    """Unit kinds in `scope`: ``"all"``, ``"two_new"`` or a collection of unit kinds.

    Examples
    --------
    >>> sorted(scope_kinds("two_new"))
    ['enterprise', 'market', 'social_org']
    """
    unit_kinds = frozenset(V.KINDS[V.UNIT] or ())
    if isinstance(scope, str):
        if scope == "all":
            return unit_kinds
        if scope == "two_new":
            return V.TWO_NEW_KINDS
        raise UsageError(f"unknown scope {scope!r}; expected 'all', 'two_new' or unit kinds")
    kinds = frozenset(scope)
    unknown = kinds - unit_kinds
    if unknown:
        raise UsageError(f"unknown unit kind(s) in scope: {', '.join(sorted(unknown))}")
    return kinds


def statuses(levels: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Status names of coverage levels."""
    names = pa.array([_STATUS_OF_LEVEL[i] for i in range(5)], pa.string())
    return names.take(levels)


def unit_coverage(G: Any, *, scope: str | Collection[str] = "all",
                  engine: Any = None) -> pd.DataFrame:
    """Coverage status of every unit in scope.

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
        The network (a graph is validated first, as a file is).
    scope : {"all", "two_new"} or collection of str, default "all"
        Which units are in the denominator: all units, the two-new kinds (enterprise,
        social_org, market), or the given unit kinds.
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the rules run (default DuckDB); every engine gives the same table.

    Returns
    -------
    pandas.DataFrame
        One row per unit, sorted by id, columns ``id, name, kind, community, area,
        members, status``, then the units' extra properties (e.g. ``industry``; one whose
        name is taken by these columns is left out). ``community`` is the community the
        unit is located in (or the community of its compound); ``area`` is that
        community's area (or the area the unit is located in directly); both are ``None``
        when unknown.

    Examples
    --------
    >>> units = unit_coverage(gk.read_dataset("data/sihui"), scope="two_new")
    >>> units.columns[:7].tolist()
    ['id', 'name', 'kind', 'community', 'area', 'members', 'status']
    """
    a = analysis(G, engine)
    t = a.units(scope_kinds(scope))
    return units_frame(a, t)


def units_frame(a: Any, t: pa.Table) -> pd.DataFrame:
    codes = t.column("unit")
    frame = pd.DataFrame({
        "id": text_series(a.ids(codes)), "name": text_series(a.names(codes)),
        "kind": as_codes(text_series(a.kind_names(t.column("kind"))), V.KINDS[V.UNIT] or ()),
        "community": text_series(a.ids(t.column("community"))),
        "area": text_series(a.ids(t.column("area"))),
        "members": pd.Series(t.column("members").to_numpy(), dtype="int64"),
        "status": as_codes(text_series(statuses(t.column("level"))), V.COVERAGE_STATUSES),
    })
    nodes = a.net.nodes
    for name in a.net.node_extras():
        if name in _UNIT_COLUMNS:
            continue
        values = nodes.column(name).take(codes)
        if values.null_count < len(values):
            frame[name] = typed_series(values)
    return frame


def coverage_rates(units: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Own-organization, organizational and work coverage rates, with their denominators.

    Parameters
    ----------
    units : pandas.DataFrame
        Output of :func:`unit_coverage` (any table with a ``status`` column).
    by : {None, "kind", "community", "area", "two_new"} or column name, default None
        ``None`` gives one row (index ``"all"``). A column name — any unit attribute, such
        as ``"industry"`` — gives one row per value; units with no value are left out and
        empty groups omitted. ``"two_new"`` gives one row for the two-new units (index
        ``"two_new"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``units`` (the denominator), ``own``, ``organization``, ``work`` (floats
        in [0, 1], ``NaN`` when there are no units); sorted by index.

    Raises
    ------
    UsageError
        When `units` has no column `by`.

    Notes
    -----
    With :math:`U` the units of a group and :math:`s(u)` their status,
    ``organization`` = :math:`|\\{u \\in U : s(u) \\in \\{own, joint, affiliated\\}\\}| / |U|`.

    Examples
    --------
    >>> coverage_rates(gk.unit_coverage(gk.read_dataset("data/sihui")), by="area").index[0]
    'area-cz'
    """
    if by is None:
        frame = units
        key = None
    elif by == "two_new":
        frame = units[units["kind"].isin(V.TWO_NEW_KINDS)]
        key = None
    elif by not in units.columns:
        raise UsageError(t("coverage.no_column", by=by))
    else:
        frame, key = units, by
    level = frame["status"].astype(object).map(RC.LEVELS)
    cols: dict[str, Any] = {"level": level.to_numpy(dtype=np.int8)}
    if key is not None:
        cols["key"] = frame[key].to_numpy(dtype=object)
    table = pa.table({"level": pa.array(cols["level"], pa.int8()),
                      **({"key": _arrow_keys(cols["key"])} if key is not None else {})})
    expr = RC.rate_counts(ibis.memtable(table), "key" if key else None)
    counts = E.get("duckdb").fetch(expr).to_pydict() if len(table) else {
        "key": [], "units": [], "own": [], "organization": [], "work": []}
    label = "two_new" if by == "two_new" else "all"
    if key is None:
        return rate_frame(dict(zip(_RATE_COLUMNS, _first(counts), strict=True)), [label])
    keys = [_from_arrow_key(k) for k in counts["key"]]
    return rates_table(keys, counts, name=by)


def rates_table(keys: list[Any], counts: dict[str, list[Any]], name: str | None = None
                ) -> pd.DataFrame:
    """The rates table of groups `keys` from their counts (``units``, ``own``,
    ``organization``, ``work`` lists in the order of `keys`), sorted by key (numbers
    before text).

    Examples
    --------
    >>> rates_table(["b", "a"], {"units": [2, 1], "own": [1, 0], "organization": [2, 0],
    ...                          "work": [2, 1]})["work"].tolist()
    [1.0, 1.0]
    """
    order = sorted(range(len(keys)), key=lambda i: _sort_key(keys[i]))
    return rate_frame({c: [counts[c][i] for i in order] for c in _RATE_COLUMNS},
                      [keys[i] for i in order], name=name)


def key_text(value: Any) -> str:
    """A group key as the text that keys it in the JSON document: ``true``/``false`` for a
    boolean (as in the data files), else ``str``.

    Examples
    --------
    >>> key_text(True), key_text(3), key_text("jade")
    ('true', '3', 'jade')
    """
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    return str(value)


def _first(counts: dict[str, list[Any]]) -> tuple[int, int, int, int]:
    if not counts["units"]:
        return 0, 0, 0, 0
    return (counts["units"][0], counts["own"][0], counts["organization"][0],
            counts["work"][0])


def _arrow_keys(values: np.ndarray) -> pa.Array:
    """Group keys for the engine: as they are when of one type, else as text."""
    present = [v for v in values if v is not None and not (isinstance(v, float) and v != v)]
    try:
        if present and len({type(v) for v in present}) == 1:
            return pa.array([None if v is None or (isinstance(v, float) and v != v) else v
                             for v in values])
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    return pa.array([None if v is None or (isinstance(v, float) and v != v) else str(v)
                     for v in values], pa.string())


def _from_arrow_key(v: Any) -> Any:
    return v.item() if hasattr(v, "item") else v


def _sort_key(v: Any) -> tuple[int, Any]:
    return (0, v) if not isinstance(v, str) else (1, v)


def rate_frame(counts: dict[str, Any], keys: list[object],
               name: str | None = None) -> pd.DataFrame:
    """The one shape of a rates table: object index of group keys, ``units`` (int64) and
    each rate (float64: the count over ``units``, NaN for no unit), from the counts
    (``units, own, organization, work``: sequences in the order of `keys`).

    Examples
    --------
    >>> rate_frame({"units": [4, 0], "own": [1, 0], "organization": [2, 0],
    ...             "work": [3, 0]}, ["a", "b"])["work"].tolist()
    [0.75, nan]
    """
    n = np.asarray(counts["units"], dtype=np.int64).reshape(-1)
    cols: dict[str, np.ndarray] = {"units": n}
    for col in _RATE_COLUMNS[1:]:
        x = np.asarray(counts[col], dtype=np.float64).reshape(-1)
        cols[col] = np.divide(x, n, out=np.full(len(n), np.nan), where=n > 0)
    return pd.DataFrame(cols, columns=_RATE_COLUMNS,
                        index=pd.Index(keys, dtype=object, name=name))
