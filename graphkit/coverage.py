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

Examples
--------
>>> import graphkit as gk
>>> G = gk.read_dataset("data/sihui").to_networkx()            # doctest: +SKIP
>>> units = gk.unit_coverage(G)                                 # doctest: +SKIP
>>> gk.coverage_rates(units, by="kind")                         # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd

from . import vocab as V
from ._frames import text_as_object
from ._tables import as_net
from .errors import UsageError

__all__ = [
    "ORGANIZATION_STATUSES",
    "WORK_STATUSES",
    "coverage_rates",
    "scope_kinds",
    "unit_coverage",
]

#: Statuses that count as organizational coverage (组织覆盖).
ORGANIZATION_STATUSES = frozenset({"own", "joint", "affiliated"})
#: Statuses that count as work coverage (工作覆盖).
WORK_STATUSES = ORGANIZATION_STATUSES | {"instructor"}

_RATE_COLUMNS = ["units", "own", "organization", "work"]


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


def unit_coverage(G: Any, *, scope: str | Collection[str] = "all") -> pd.DataFrame:
    """Coverage status of every unit in scope.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
        The network (see :meth:`graphkit.Dataset.to_networkx`).
    scope : {"all", "two_new"} or collection of str, default "all"
        Which units are in the denominator: all units, the two-new kinds (enterprise,
        social_org, market), or the given unit kinds.

    Returns
    -------
    pandas.DataFrame
        One row per unit, sorted by id, columns ``id, name, kind, community, area,
        members, status``. ``community`` is the community the unit is located in (or the
        community of its compound); ``area`` is that community's area (or the area the
        unit is located in directly); both are ``None`` when unknown.

    Examples
    --------
    >>> units = unit_coverage(G, scope="two_new")               # doctest: +SKIP
    >>> units["status"].value_counts()                           # doctest: +SKIP
    """
    kinds = scope_kinds(scope)
    net = as_net(G)
    units = net.unit_place
    units = units[units["kind"].isin(kinds)]
    own = net.own_orgs["unit"]
    covers = net.of_type(V.COVERS, V.PARTY_ORG, V.UNIT)
    joint = covers.loc[covers["mode"] == "joint", "target"]
    affiliated = covers.loc[covers["mode"] == "affiliated", "target"]
    guided = net.of_type(V.GUIDES, V.PERSON, V.UNIT)["target"]
    idx = units.index
    status = np.select(
        [idx.isin(own), idx.isin(joint), idx.isin(affiliated), idx.isin(guided)],
        ["own", "joint", "affiliated", "instructor"],
        default="none",
    )
    out = units.assign(status=status).reset_index(names="id").sort_values("id")
    out["members"] = out["members"].astype("int64")
    out = out[["id", "name", "kind", "community", "area", "members", "status"]]
    return text_as_object(out.reset_index(drop=True))


def _rates(status: pd.Series) -> dict[str, float]:
    n = len(status)
    if n == 0:
        return {"units": 0, "own": np.nan, "organization": np.nan, "work": np.nan}
    return {
        "units": n,
        "own": float((status == "own").sum() / n),
        "organization": float(status.isin(ORGANIZATION_STATUSES).sum() / n),
        "work": float(status.isin(WORK_STATUSES).sum() / n),
    }


def coverage_rates(units: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Own-organization, organizational and work coverage rates, with their denominators.

    Parameters
    ----------
    units : pandas.DataFrame
        Output of :func:`unit_coverage`.
    by : {None, "kind", "community", "area", "two_new"} or column name, default None
        ``None`` gives one row (index ``"all"``). A column name gives one row per value;
        units with no value (e.g. no community) are left out and empty groups omitted.
        ``"two_new"`` gives one row for the two-new units (index ``"two_new"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``units`` (the denominator), ``own``, ``organization``, ``work`` (floats
        in [0, 1], ``NaN`` when there are no units); sorted by index.

    Notes
    -----
    With :math:`U` the units of a group and :math:`s(u)` their status,
    ``organization`` = :math:`|\\{u \\in U : s(u) \\in \\{own, joint, affiliated\\}\\}| / |U|`.

    Examples
    --------
    >>> coverage_rates(units)                                    # doctest: +SKIP
         units       own  organization      work
    all    420  0.61...
    """
    if by is None:
        return _rate_frame([_rates(units["status"])], ["all"])
    if by == "two_new":
        sub = units[units["kind"].isin(V.TWO_NEW_KINDS)]
        return _rate_frame([_rates(sub["status"])], ["two_new"])
    if by not in units.columns:
        raise UsageError(f"cannot group coverage by {by!r}: no such column")
    keyed = units[units[by].notna()]
    flags = pd.DataFrame({
        "key": keyed[by].to_numpy(dtype=object),
        "own": (keyed["status"] == "own").to_numpy(),
        "organization": keyed["status"].isin(ORGANIZATION_STATUSES).to_numpy(),
        "work": keyed["status"].isin(WORK_STATUSES).to_numpy(),
    })
    g = flags.groupby("key", sort=True)
    counts = g.size()
    sums = g[["own", "organization", "work"]].sum()
    rows = [{"units": int(n), "own": o / n, "organization": r / n, "work": w / n}
            for n, o, r, w in zip(counts, sums["own"], sums["organization"], sums["work"],
                                  strict=True)]
    return _rate_frame(rows, list(counts.index), name=by)


def _rate_frame(rows: list[dict[str, float]], keys: list[object],
                name: str | None = None) -> pd.DataFrame:
    """The one shape of a rates table: object index of group keys, typed columns."""
    frame = pd.DataFrame(rows, columns=_RATE_COLUMNS,
                         index=pd.Index(keys, dtype=object, name=name))
    frame["units"] = frame["units"].astype("int64")
    for col in _RATE_COLUMNS[1:]:
        frame[col] = frame[col].astype("float64")
    return frame
