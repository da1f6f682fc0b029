"""The main job: coverage, circles and findings of one network in one result.

Examples
--------
>>> import graphkit as gk
>>> result = gk.audit(gk.read_dataset("data/sihui"))            # doctest: +SKIP
>>> result.rates                                                 # doctest: +SKIP
>>> result.to_dict()["schema"]                                   # doctest: +SKIP
1
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import vocab as V
from ._tables import as_net
from .coverage import coverage_rates, scope_kinds, unit_coverage
from .gaps import findings as _findings
from .linkage import circles as _circles
from .settings import settings

__all__ = ["SCHEMA_VERSION", "AuditResult", "audit"]

#: Version of the JSON document of :meth:`AuditResult.to_dict` (SPEC section 5).
SCHEMA_VERSION = 1


def _num(x: Any) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return None
    return float(x)


def _rate_dict(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {
        str(key): {"units": int(r.units), "own": _num(r.own),
                   "organization": _num(r.organization), "work": _num(r.work)}
        for key, r in zip(frame.index, frame.itertuples(index=False), strict=True)
    }


@dataclass(frozen=True, eq=False)
class AuditResult:
    """Everything an audit computed. DataFrames are the researcher's view; :meth:`to_dict`
    is the stable JSON document (schema 1).

    Attributes
    ----------
    meta : dict
        ``name``, ``snapshot``, ``description`` of the dataset.
    counts : dict
        Nodes per label.
    n_nodes, n_edges : int
    scope : str
    units : DataFrame
        :func:`~graphkit.unit_coverage` of the units in scope.
    rates, by_kind, two_new, by_community, by_area : DataFrame
        :func:`~graphkit.coverage_rates` overall and per group.
    circles : DataFrame
        :func:`~graphkit.circles`.
    findings : DataFrame
        :func:`~graphkit.findings`.
    settings : dict
        Thresholds used.
    names : dict
        Display names of the areas and communities (for reports).
    network : graph or Dataset
        What was audited (reports draw their figures from it).
    """

    meta: dict[str, Any]
    counts: dict[str, int]
    n_nodes: int
    n_edges: int
    scope: str
    units: pd.DataFrame
    rates: pd.DataFrame
    by_kind: pd.DataFrame
    two_new: pd.DataFrame
    by_community: pd.DataFrame
    by_area: pd.DataFrame
    circles: pd.DataFrame
    findings: pd.DataFrame
    settings: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    network: Any = field(default=None, repr=False)

    @property
    def overall(self) -> dict[str, Any]:
        """Overall rates as a dict with the denominator ``units``."""
        return _rate_dict(self.rates)["all"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of SPEC section 5 (``"schema": 1``), plain Python types."""
        overall = self.overall
        # built from column lists rather than row tuples: it holds every unit
        keys = ("id", "name", "kind", "community", "area", "members", "status")
        cols = [self.units[k].tolist() for k in keys]
        cols[5] = [int(m) for m in cols[5]]
        units = [dict(zip(keys, row, strict=True)) for row in zip(*cols, strict=True)]
        circles = [
            {"community": c.community, "name": c.name, "core": c.core, "status": c.status,
             "sub_core": list(c.sub_core), "pan_core": list(c.pan_core),
             "unlinked": list(c.unlinked), "external": list(c.external),
             "members": int(c.members), "linkage_rate": _num(c.linkage_rate)}
            for c in self.circles.itertuples(index=False)
        ]
        found = []
        fcols = ("code", "subject", "message", "name", "action", "community", "area", "units")
        for code, subject, message, name, action, community, area, unit_ids in zip(
                *(self.findings[c].tolist() for c in fcols), strict=True):
            item: dict[str, Any] = {"code": code, "subject": subject, "message": message,
                                    "name": name, "action": action}
            if community is not None:
                item["community"] = community
            if area is not None:
                item["area"] = area
            if unit_ids is not None:
                item["units"] = list(unit_ids)
            found.append(item)
        return {
            "schema": SCHEMA_VERSION,
            "dataset": {
                "name": self.meta.get("name"), "snapshot": self.meta.get("snapshot"),
                "nodes": self.n_nodes, "edges": self.n_edges, "counts": dict(self.counts),
            },
            "settings": dict(self.settings),
            "coverage": {
                "scope": self.scope,
                "units_in_scope": overall["units"],
                "rates": {k: overall[k] for k in ("own", "organization", "work")},
                "by_kind": _rate_dict(self.by_kind),
                "two_new": _rate_dict(self.two_new)["two_new"],
                "by_community": _rate_dict(self.by_community),
                "by_area": _rate_dict(self.by_area),
                "units": units,
            },
            "circles": circles,
            "findings": found,
        }


def audit(
    G: Any, *, scope: str | Collection[str] = "all", min_branch_members: int | None = None,
    sub_core_min_rating: int | None = None, units: pd.DataFrame | None = None,
    rates: Mapping[str, pd.DataFrame] | None = None,
) -> AuditResult:
    """Audit a network: coverage (SPEC 2), circles (SPEC 3) and findings (SPEC 4).

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
        A Dataset is audited straight from its tables (no graph is built).
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
    min_branch_members, sub_core_min_rating : int, optional
        Override :data:`graphkit.settings` for this call.
    units, rates : optional
        Coverage computed elsewhere for the same network and scope (e.g. pushed down to
        Neo4j by :meth:`graphkit.store.Neo4jStore.unit_coverage`): the unit table, and the
        rates keyed ``None``, ``"kind"``, ``"two_new"``, ``"community"``, ``"area"``.

    Returns
    -------
    AuditResult

    Examples
    --------
    >>> r = audit(ds, scope="two_new")                          # doctest: +SKIP
    >>> r.overall["units"], r.overall["work"]                    # doctest: +SKIP
    """
    resolved = settings.resolve(min_branch_members=min_branch_members,
                                sub_core_min_rating=sub_core_min_rating)
    conf = {k: resolved[k] for k in ("min_branch_members", "sub_core_min_rating")}
    scope_kinds(scope)
    scope_name = scope if isinstance(scope, str) else ",".join(sorted(scope))
    net = as_net(G)
    if units is None:
        units = unit_coverage(net, scope=scope)
    if rates is None:
        rates = {by: coverage_rates(units, by=by)
                 for by in (None, "kind", "two_new", "community", "area")}
    circ = _circles(net, sub_core_min_rating=conf["sub_core_min_rating"])
    found = _findings(net, scope=scope, units=units, circles=circ, **conf)
    vc = net.nodes["label"].value_counts()
    places = net.nodes[net.nodes["label"].isin([V.AREA, V.COMMUNITY])
                       | net.nodes["id"].isin(circ["core"].dropna())]
    return AuditResult(
        meta=dict(net.meta), counts={lab: int(vc.get(lab, 0)) for lab in V.LABELS},
        n_nodes=len(net.nodes), n_edges=len(net.edges), scope=scope_name, units=units,
        rates=rates[None], by_kind=rates["kind"], two_new=rates["two_new"],
        by_community=rates["community"], by_area=rates["area"], circles=circ, findings=found,
        settings=conf, names=dict(zip(places["id"], places["name"], strict=True)),
        network=G,
    )
