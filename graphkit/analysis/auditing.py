"""The main job: coverage, circles and findings of one network in one result.

Examples
--------
>>> import graphkit as gk
>>> result = gk.audit(gk.read_dataset("data/sihui"))
>>> result.overall["units"], round(result.overall["work"], 4)
(381, 0.9554)
>>> result.to_dict()["schema"]
1
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..settings import settings
from . import mechanisms as M
from ._analysis import Analysis, analysis
from .coverage import key_text, rate_frame, rates_table, scope_kinds, units_frame
from .gaps import FINDING_CODES, finding_rows, findings_frame, iter_finding_rows
from .linkage import circle_lists, circles_frame

__all__ = ["RATE_GROUPS", "SCHEMA_VERSION", "AuditResult", "audit"]

#: Version of the JSON document of :meth:`AuditResult.to_dict` (SPEC section 5).
SCHEMA_VERSION = 1
#: The groups coverage rates are given for (SPEC section 2), as ``coverage_rates``' `by`.
RATE_GROUPS = tuple(V.RATE_GROUPS.values())
_TABLES = ("units", "rates", "by_kind", "two_new", "by_community", "by_area", "circles",
           "findings", "mechanisms", "by_attribute")
#: Unit columns that cannot be an attribute of ``by`` (identities, places, the outcome).
_NOT_ATTRIBUTES = ("id", "name", "community", "area", "status")
_ROLE_LISTS = V.CIRCLE_ROLES


def _num(x: Any) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return None
    return float(x)


def _rate_dict(frame: pd.DataFrame, text: Callable[[Any], str] = str
               ) -> dict[str, dict[str, Any]]:
    cols = [_nums(frame[c]) for c in ("own", "organization", "work")]
    units = [int(n) for n in frame["units"].tolist()]
    return {
        text(key): {"units": n, "own": own, "organization": org, "work": work}
        for key, n, own, org, work in zip(frame.index.tolist(), units, *cols, strict=True)
    }


def _nums(values: pd.Series) -> list[float | None]:
    """A column as :func:`_num` gives each value."""
    if values.dtype == np.float64:
        x = values.to_numpy()
        out = x.astype(object)
        out[np.isnan(x)] = None
        return out.tolist()
    return [_num(v) for v in values.tolist()]


class AuditResult:
    """Everything an audit computed. DataFrames are the researcher's view (computed when
    first read); :meth:`to_dict` is the stable JSON document (schema 1).

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
    mechanisms : DataFrame
        :func:`~graphkit.scorecard` (SPEC section 8): one row per community, then the city
        row (after :func:`graphkit.narrow`, the row of the place).
    by_attribute : dict of str to DataFrame
        :func:`~graphkit.coverage_rates` by each unit attribute of ``audit(by=...)``.
    settings : dict
        Thresholds used.
    names : dict
        Display names of the areas, communities and cores (for reports).
    network : Dataset
        What was audited (reports draw their figures from it).
    engine : Engine
        Where the rules ran (reports compute what they draw on it too).
    """

    def __init__(self, *, meta: dict[str, Any], counts: dict[str, int], n_nodes: int,
                 n_edges: int, scope: str, units: Any, rates: Any, by_kind: Any,
                 two_new: Any, by_community: Any, by_area: Any, circles: Any, findings: Any,
                 mechanisms: Any = None, by_attribute: Any = None,
                 settings: dict[str, int] | None = None, names: dict[str, str] | None = None,
                 network: Any = None, engine: Any = None) -> None:
        self.meta = dict(meta)
        self.counts = dict(counts)
        self.n_nodes = n_nodes
        self.n_edges = n_edges
        self.scope = scope
        self.settings = dict(settings or {})
        self.names = dict(names or {})
        self.network = network
        self.engine = engine
        self._tables = {"units": units, "rates": rates, "by_kind": by_kind, "two_new": two_new,
                        "by_community": by_community, "by_area": by_area, "circles": circles,
                        "findings": findings, "mechanisms": mechanisms,
                        "by_attribute": {} if by_attribute is None else by_attribute}
        #: the rules' results behind a fresh audit (None after :meth:`replace`)
        self._source: _Source | None = None

    def _table(self, name: str) -> pd.DataFrame:
        value = self._tables[name]
        if callable(value):
            value = self._tables[name] = value()
        return value

    units = property(lambda self: self._table("units"))
    rates = property(lambda self: self._table("rates"))
    by_kind = property(lambda self: self._table("by_kind"))
    two_new = property(lambda self: self._table("two_new"))
    by_community = property(lambda self: self._table("by_community"))
    by_area = property(lambda self: self._table("by_area"))
    circles = property(lambda self: self._table("circles"))
    findings = property(lambda self: self._table("findings"))
    mechanisms = property(lambda self: self._table("mechanisms"))
    by_attribute = property(lambda self: self._table("by_attribute"))

    def replace(self, **changes: Any) -> AuditResult:
        """A copy with some fields replaced (e.g. the tables restricted to one street).

        Examples
        --------
        >>> r = gk.audit(gk.read_dataset("data/sihui"))
        >>> r.replace(scope="两新").scope
        '两新'
        """
        fields = {"meta": self.meta, "counts": self.counts, "n_nodes": self.n_nodes,
                  "n_edges": self.n_edges, "scope": self.scope, "settings": self.settings,
                  "names": self.names, "network": self.network, "engine": self.engine,
                  **self._tables}
        unknown = set(changes) - set(fields)
        if unknown:
            raise TypeError(f"AuditResult has no field(s) {', '.join(sorted(unknown))}")
        fields.update(changes)
        return AuditResult(**fields)

    def __repr__(self) -> str:
        return (f"AuditResult(name={self.meta.get('name')!r}, scope={self.scope!r}, "
                f"nodes={self.n_nodes}, edges={self.n_edges})")

    @property
    def overall(self) -> dict[str, Any]:
        """Overall rates as a dict with the denominator ``units``."""
        return _rate_dict(self.rates)["all"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of SPEC section 5 (``"schema": 1``), plain Python types."""
        if self._source is not None:
            return self._source.document(self)
        overall = self.overall
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
        fcols = ("code", "subject", "message", "name", "action", "community", "area", "units")
        found = [_finding(*row) for row in zip(*(self.findings[c].tolist() for c in fcols),
                                               strict=True)]
        return self._document(overall, units, circles, found)

    def _document(self, overall: dict[str, Any], units: list[Any], circles: list[Any],
                  found: list[Any]) -> dict[str, Any]:
        coverage: dict[str, Any] = {
            "scope": self.scope,
            "units_in_scope": overall["units"],
            "rates": {k: overall[k] for k in V.RATES},
            "by_kind": _rate_dict(self.by_kind),
            "two_new": _rate_dict(self.two_new)["two_new"],
            "by_community": _rate_dict(self.by_community),
            "by_area": _rate_dict(self.by_area),
        }
        if self.by_attribute:
            coverage["by_attribute"] = {attr: _rate_dict(frame, key_text)
                                        for attr, frame in self.by_attribute.items()}
        coverage["units"] = units
        doc = {
            "schema": SCHEMA_VERSION,
            "dataset": {
                "name": self.meta.get("name"), "snapshot": self.meta.get("snapshot"),
                "nodes": self.n_nodes, "edges": self.n_edges, "counts": dict(self.counts),
            },
            "settings": dict(self.settings),
            "coverage": coverage,
            "circles": circles,
            "findings": found,
        }
        if self.mechanisms is not None:
            doc["mechanisms"] = M.document(self.mechanisms)
        return doc


def _finding(code: str, subject: str, message: str, name: str, action: str,
             community: str | None, area: str | None, units: list[str] | None
             ) -> dict[str, Any]:
    item: dict[str, Any] = {"code": code, "subject": subject, "message": message,
                            "name": name, "action": action}
    if community is not None:
        item["community"] = community
    if area is not None:
        item["area"] = area
    if units is not None:
        item["units"] = list(units)
    return item


class _Source:
    """What a fresh audit was computed from: the analysis and its parameters. Builds the
    tables and the JSON document straight from the rules' Arrow results."""

    def __init__(self, a: Analysis, kinds: frozenset[str], conf: dict[str, int]) -> None:
        self.a = a
        self.kinds = kinds
        self.conf = conf
        self._rows: dict[str, Any] | None = None

    # the pieces, shared by the DataFrames and the document
    def rates(self, by: str | None) -> pd.DataFrame:
        t = self.a.rate_counts(self.kinds, by)
        counts = {c: t.column(c).to_numpy() for c in ("units", *V.RATES)}
        if by in (None, "two_new"):
            label = "two_new" if by == "two_new" else "all"
            if not t.num_rows:
                counts = {c: [0] for c in counts}
            return rate_frame(counts, [label])
        if by == "kind":
            keys = self.a.kind_names(t.column("key")).to_pylist() if t.num_rows else []
            order = sorted(range(len(keys)), key=keys.__getitem__)
            return rate_frame({c: v[order] for c, v in counts.items()},
                              [keys[i] for i in order], name=by)
        keys = self.a.ids(t.column("key")).to_pylist() if t.num_rows else []
        return rate_frame(counts, keys, name=by)

    def attribute_rates(self, attribute: str) -> pd.DataFrame:
        counts = self.a.attribute_counts(self.kinds, attribute).to_pydict()
        keys = counts["key"]
        if attribute == "kind":
            keys = self.a.kind_names(keys).to_pylist() if keys else []
        return rates_table(keys, counts, name=attribute)

    def finding_rows(self) -> dict[str, Any]:
        if self._rows is None:
            self._rows = finding_rows(self.a, kinds=self.kinds,
                                      min_members=self.conf["min_branch_members"],
                                      threshold=self.conf["sub_core_min_rating"])
        return self._rows

    def iter_finding_rows(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """The finding rows one code at a time (kept only when already made: a writer
        that streams them holds one code's texts at a time)."""
        if self._rows is not None:
            yield from self._rows.items()
            return
        yield from iter_finding_rows(self.a, kinds=self.kinds,
                                     min_members=self.conf["min_branch_members"],
                                     threshold=self.conf["sub_core_min_rating"])

    def circles(self) -> dict[str, Any]:
        return circle_lists(self.a, self.conf["sub_core_min_rating"])

    def unit_columns(self) -> dict[str, list[Any]]:
        from .coverage import statuses

        a = self.a
        t = a.units(self.kinds)
        codes = t.column("unit")
        return {
            "id": a.ids(codes).to_pylist(), "name": a.names(codes).to_pylist(),
            "kind": a.kind_names(t.column("kind")).to_pylist(),
            "community": a.ids(t.column("community")).to_pylist(),
            "area": a.ids(t.column("area")).to_pylist(),
            "members": t.column("members").to_pylist(),
            "status": statuses(t.column("level")).to_pylist(),
        }

    def circle_dicts(self) -> list[dict[str, Any]]:
        c = self.circles()
        frame = circles_frame(self.a, c)
        cols = {k: frame[k].tolist() for k in frame.columns}
        cols["linkage_rate"] = [_num(x) for x in cols["linkage_rate"]]
        keys = list(cols)
        return [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]

    def document(self, result: AuditResult) -> dict[str, Any]:
        cols = self.unit_columns()
        keys = list(cols)
        units = [dict(zip(keys, row, strict=True)) for row in zip(*cols.values(), strict=True)]
        found = []
        rows = self.finding_rows()
        for code in FINDING_CODES:
            part = {k: v if isinstance(v, list) else v.to_pylist() for k, v in rows[code].items()}
            for subject, message, name, action, community, area, unit_ids in zip(
                    part["subject"], part["message"], part["name"], part["action"],
                    part["community"], part["area"], part["units"], strict=True):
                found.append(_finding(code, subject, message, name, action, community, area,
                                      unit_ids))
        return result._document(result.overall, units, self.circle_dicts(), found)


def _circles_frame(src: _Source) -> Callable[[], pd.DataFrame]:
    return lambda: circles_frame(src.a, src.circles())


def _attributes(by: str | Collection[str] | None, a: Analysis) -> tuple[str, ...]:
    """The unit attributes of `by`, checked (in the order given, repeats dropped): ``kind``,
    ``members`` or an extra property (one that no unit has gives an empty breakdown)."""
    if by is None:
        return ()
    wanted = [by] if isinstance(by, str) else list(by)
    extras = [x for x in a.net.node_extras() if x not in _NOT_ATTRIBUTES]
    is_unit = a.net.label_codes == V.LABELS.index(V.UNIT)
    on_units = [x for x in extras
                if a.net.nodes.column(x).is_valid().to_numpy(zero_copy_only=False)[is_unit]
                .any()]
    known = ["kind", "members", *on_units]
    out: list[str] = []
    for attr in wanted:
        if not isinstance(attr, str) or (attr not in known and attr not in extras):
            import difflib

            close = difflib.get_close_matches(str(attr), known, n=3)
            hint = t("places.did_you_mean", listed=", ".join(close)) if close else ""
            raise UsageError(t("audit.no_attribute", attr=attr, known=", ".join(known),
                               hint=hint))
        if attr not in out:
            out.append(attr)
    return tuple(out)


def audit(
    G: Any, *, scope: str | Collection[str] = "all", min_branch_members: int | None = None,
    sub_core_min_rating: int | None = None, by: str | Collection[str] | None = None,
    engine: Any = None,
) -> AuditResult:
    """Audit a network: coverage (SPEC 2), circles (SPEC 3), findings (SPEC 4) and the
    community scorecard (SPEC 8).

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
        A graph goes through the same validation as a file (a rating of 9 raises
        :class:`~graphkit.ValidationError`).
    scope : {"all", "two_new"} or collection of unit kinds, default "all"
    min_branch_members, sub_core_min_rating : int, optional
        Override :data:`graphkit.settings` for this call.
    by : str or collection of str, optional
        Unit attributes (``industry``, any extra property of the units, ``kind``,
        ``members``) to break coverage down by (``result.by_attribute``, and
        ``coverage.by_attribute`` in the JSON document, keyed by the value as text; units
        without a value are left out).
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the rules run (default DuckDB); every engine gives the same result.

    Returns
    -------
    AuditResult

    Raises
    ------
    UsageError
        When an attribute of `by` is no unit attribute of the network.

    Examples
    --------
    >>> r = audit(gk.read_dataset("data/sihui"), scope="two_new")
    >>> r.overall["units"]
    207
    >>> r = audit(gk.read_dataset("data/sihui"), by="industry")
    >>> r.by_attribute["industry"].loc["jade", ["units", "work"]].tolist()
    [12.0, 1.0]
    """
    conf = settings.resolve(min_branch_members=min_branch_members,
                            sub_core_min_rating=sub_core_min_rating)
    conf = {k: conf[k] for k in ("min_branch_members", "sub_core_min_rating")}
    kinds = scope_kinds(scope)
    scope_name = scope if isinstance(scope, str) else ",".join(sorted(scope))
    a = analysis(G, engine)
    attributes = _attributes(by, a)
    ds = a.ds if not hasattr(G, "meta") else G
    src = _Source(a, kinds, conf)
    net = a.net
    core = a.cores().column("core").to_numpy()
    labels = net.label_codes
    places = np.flatnonzero(np.isin(labels, [V.LABELS.index(V.AREA),
                                             V.LABELS.index(V.COMMUNITY)]))
    places = pa.array(np.union1d(places, core), pa.int64())
    result = AuditResult(
        meta=dict(ds.meta), counts=net.counts(), n_nodes=net.n_nodes, n_edges=net.n_edges,
        scope=scope_name,
        units=lambda: units_frame(a, a.units(kinds)),
        rates=lambda: src.rates(None), by_kind=lambda: src.rates("kind"),
        two_new=lambda: src.rates("two_new"), by_community=lambda: src.rates("community"),
        by_area=lambda: src.rates("area"), circles=_circles_frame(src),
        findings=lambda: findings_frame(src.finding_rows()),
        mechanisms=lambda: M.scorecard_frame(a, conf["sub_core_min_rating"]),
        by_attribute=lambda: {attr: src.attribute_rates(attr) for attr in attributes},
        settings=conf, names=dict(zip(a.ids(places).to_pylist(),
                                      a.names(places).to_pylist(), strict=True)),
        network=ds, engine=a.engine,
    )
    result._source = src
    return result
