"""The coded tables the rules read, and the codes of the vocabulary."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..network._network import Network
from . import _plans
from ._ibis import ibis
from .engine import Engine

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["LABEL", "MODE", "NUMERIC_PROPERTIES", "TEAM_TIE_CODE", "TYPE", "Tables", "tables",
           "tables_of"]

#: Code of each label, relationship type and COVERS mode in the coded tables.
LABEL = {label: i for i, label in enumerate(V.LABELS)}
TYPE = {rel: i for i, rel in enumerate(V.REL_TYPES)}
MODE = {"": 0, "joint": 1, "affiliated": 2}
#: Tie-type code of a tie made by a team (not a relationship type of the data).
TEAM_TIE_CODE = len(V.REL_TYPES)
#: Extra node properties the rules read (SPEC section 8), each registered in the engine's
#: node table as a number under its own name (a missing value counts 0).
NUMERIC_PROPERTIES = ("area_m2", "issues_resolved")


def numeric_property(nodes: pa.Table, name: str) -> pa.Array:
    """Extra node property `name` as numbers, a missing value as 0: int64 when the property
    is integer (or absent), float64 otherwise; a text value that is no number counts 0 and
    a boolean as 0/1.

    Examples
    --------
    >>> numeric_property(pa.table({"a": pa.array([5, None])}), "a").to_pylist()
    [5, 0]
    >>> numeric_property(pa.table({"a": ["2.5", "x", None]}), "a").to_pylist()
    [2.5, 0.0, 0.0]
    """
    if name not in nodes.column_names:
        return pa.array(np.zeros(nodes.num_rows, dtype=np.int64))
    col = nodes.column(name).combine_chunks()
    if pa.types.is_integer(col.type):
        return pc.fill_null(col.cast(pa.int64()), 0)
    if pa.types.is_boolean(col.type):
        return pc.fill_null(col.cast(pa.int64()), 0)
    if pa.types.is_floating(col.type):
        return pc.fill_null(col.cast(pa.float64()), 0.0)
    values = []
    for v in col.cast(pa.string()).to_pylist():
        try:
            x = float(v) if v is not None else 0.0
        except ValueError:
            x = 0.0
        values.append(x if math.isfinite(x) else 0.0)
    return pa.array(values, pa.float64())


#: Every kind of the vocabulary once, in its order: their codes in the engine tables
VOCABULARY_KINDS: tuple[str, ...] = tuple(dict.fromkeys(
    k for label in V.LABELS for k in (V.KINDS[label] or ())))
_IN_VOCABULARY = frozenset(VOCABULARY_KINDS)


class Tables:
    """A network's coded tables registered in one engine, and what rules derived from them.

    ``nodes``: ``node`` (code), ``label``, ``kind`` (codes), ``members``, ``rating``,
    ``joint``, and the numbers of :data:`NUMERIC_PROPERTIES` (``area_m2``,
    ``issues_resolved``; 0 when missing). ``edges``: ``source``, ``target`` (node codes),
    ``type``, ``mode``, ``sl``, ``tl`` (the labels of source and target).
    """

    def __init__(self, network: Network, engine: Engine) -> None:
        self.network = network
        self.engine = engine
        self.n = max(network.n_nodes, 1)
        kind = network.nodes.column("kind").combine_chunks()
        texts = kind.dictionary.to_pylist()
        #: kind code -> kind text: the vocabulary's kinds at fixed codes, then the network's
        #: free-text kinds in their order (codes that follow the data would make every new
        #: set of kinds a new plan context, see _plans)
        self.kinds: tuple[str, ...] = VOCABULARY_KINDS + tuple(
            k for k in texts if k not in _IN_VOCABULARY)
        code = {k: i for i, k in enumerate(self.kinds)}
        kind_codes = pa.array([code[k] for k in texts], pa.int32()).take(kind.indices)
        labels = network.label_codes
        nodes = pa.table({
            "node": pa.array(np.arange(network.n_nodes, dtype=np.int32)),
            "label": pa.array(labels, pa.int8()),
            "kind": kind_codes,
            # SPEC 1: a blank members or rating counts as 0 (the network keeps it null)
            "members": pc.fill_null(network.nodes.column("members"), 0),
            "rating": pc.fill_null(network.nodes.column("rating"), 0),
            "joint": network.nodes.column("joint"),
            **{name: numeric_property(network.nodes, name) for name in NUMERIC_PROPERTIES},
        })
        e = network.edges
        src = e.column("source").combine_chunks()
        tgt = e.column("target").combine_chunks()
        mode = e.column("mode").combine_chunks()
        mode_code = pa.array([MODE.get(v, 0) for v in mode.dictionary.to_pylist()], pa.int8())
        edges = pa.table({
            "source": src, "target": tgt,
            "type": e.column("type").combine_chunks().indices,
            "mode": mode_code.take(mode.indices),
            "sl": pa.array(labels[src.to_numpy()], pa.int8()),
            "tl": pa.array(labels[tgt.to_numpy()], pa.int8()),
        })
        #: The types of the coded tables (part of the context of a plan, see _plans)
        self.node_schema, self.edge_schema = nodes.schema, edges.schema
        self._names: dict[Any, str] = {}  # a table's reference (see _plans) -> its name
        self._refs: dict[str, Any] = {}  # a table's name -> its reference
        self._views: dict[str, ir.Table] = {}
        self._add("nodes", engine.load_table(nodes, owner=self))
        self._add("edges", engine.load_table(edges, owner=self))
        #: The plans of this engine for networks like this one (None: an engine without)
        self.book: _plans.Book | None = _plans.book_of(self) if engine.plans else None

    def _add(self, ref: Any, name: str) -> str:
        self._names[ref] = name
        self._refs[name] = ref
        return name

    def _view(self, name: str) -> ir.Table:
        if name not in self._views:
            self._views[name] = self.engine.table(name)
        return self._views[name].view()

    @property
    def nodes(self) -> ir.Table:
        """The node table (Ibis)."""
        return self._view(self._names["nodes"])

    @property
    def edges(self) -> ir.Table:
        """The edge table (Ibis)."""
        return self._view(self._names["edges"])

    def property(self, name: str) -> ir.Table:
        """``node, value``: the nodes with a value of extra property `name` (typed as in the
        network), loaded into the engine once."""
        return self._view(self._property(name))

    def _property(self, name: str) -> str:
        col = self.network.nodes.column(name)
        ref = ("property", name, str(col.type))
        if ref not in self._names:
            col = col.combine_chunks()
            keep = pc.is_valid(col)
            codes = pa.array(np.arange(self.network.n_nodes, dtype=np.int32)).filter(keep)
            table = pa.table({"node": codes, "value": col.filter(keep)})
            self._add(ref, self.engine.load_table(table, owner=self))
        return self._names[ref]

    def kind(self, name: str) -> int:
        """The code of kind `name` (-1 for a free-text kind no node has)."""
        return self.kinds.index(name) if name in self.kinds else -1

    def rel(self, rel: str, source: str | None = None, target: str | None = None) -> ir.Table:
        """Edges of type `rel` (from / to nodes of the given labels)."""
        e = self.edges.view()
        cond = e.type == TYPE[rel]
        if source is not None:
            cond &= e.sl == LABEL[source]
        if target is not None:
            cond &= e.tl == LABEL[target]
        return e.filter(cond)

    def memo(self, key: Any, build: Callable[[], ir.Table]) -> ir.Table:
        """`build()` computed once per network and engine and kept in the engine. The
        result is a fresh view at each call, so it can be joined with itself.

        `key` names the query for every network of the same context (kind codes, column
        types: :mod:`graphkit.rules._plans`): on DuckDB the first network's SQL is kept
        under it and run for the next, so `build` must give the same query for the same
        key — its parameters in the key, nothing read from the network's data but the
        kind codes."""
        return self._view(self._kept(key, build))

    def _kept(self, key: Any, build: Callable[[], ir.Table] | None) -> str | None:
        """The name of the table kept under `key`: made from its plan when there is one
        (no Ibis), else from `build()` (``None`` without a plan nor `build`)."""
        ref = ("memo", key)
        if ref in self._names:
            return self._names[ref]
        planned = self._planned(ref)
        if planned is not None:
            name = self.engine.keep_plan(*planned, owner=self)
            if name is not None:
                return self._add(ref, name)
        if build is None:
            return None
        name, plan = self.engine.keep_planned(build(), owner=self)
        self._add(ref, name)
        self._record(ref, plan)
        return name

    def query(self, key: Any, build: Callable[[], ir.Table]) -> pa.Table:
        """The result of the query ``build()``, which `key` names (the same `key`, the
        same query, as for :meth:`memo`): run from its plan when there is one — without
        building nor compiling an Ibis expression — else built, run and its plan kept
        (:mod:`graphkit.rules._plans`).

        Examples
        --------
        >>> import graphkit as gk
        >>> t = tables_of(gk.read_dataset("data/sihui"))
        >>> e = t.rel("PART_OF", "Community", "Area")
        >>> t.query("communities", lambda: e.select(e.source).distinct()).num_rows
        47
        """
        ref = ("query", key)
        planned = self._planned(ref)
        if planned is not None:
            table = self.engine.fetch_plan(*planned)
            if table is not None:
                return table
        table, plan = self.engine.fetch_planned(build())
        self._record(ref, plan)
        return table

    def _planned(self, ref: Any) -> tuple[dict[str, str], list[str]] | None:
        """The plan of `ref` and the names of the tables it reads (each made from its own
        plan when not there yet), or ``None``."""
        if self.book is None:
            return None
        plan = self.book.get(ref)
        if plan is None:
            return None
        names = []
        for read in plan["tables"]:
            name = self._resolve(read)
            if name is None:
                return None
            names.append(name)
        return plan, names

    def _resolve(self, ref: Any) -> str | None:
        if ref in self._names:
            return self._names[ref]
        if ref[0] == "memo":
            return self._kept(ref[1], None)
        if ref[0] == "property" and ref[1] in self.network.nodes.column_names \
                and str(self.network.nodes.column(ref[1]).type) == ref[2]:
            return self._property(ref[1])
        return None

    def _record(self, ref: Any, plan: Any) -> None:
        """Keep `plan` as the plan of `ref` when every table it read has a reference."""
        if self.book is None or plan is None:
            return
        reads = [self._refs.get(name) for name in plan.tables]
        if all(r is not None for r in reads):
            self.book.put(ref, {**plan.parts, "tables": reads})

    def fetch(self, expr: ir.Expr) -> pa.Table:
        return self.engine.fetch(expr)

    def rows(self, expr: ir.Table, *ids: str) -> list[tuple[Any, ...]]:
        """The rows of `expr` as sorted tuples, the node codes of the columns `ids` shown as
        node ids (for reading a rule's result: examples, tests).

        Examples
        --------
        >>> import graphkit as gk
        >>> t = tables_of(gk.read_dataset("data/sihui"))
        >>> e = t.rel("PART_OF", "Community", "Area")
        >>> t.rows(e.select(e.source, e.target), "source", "target")[:2]
        [('com-001', 'area-dc'), ('com-002', 'area-dc')]
        """
        table = self.fetch(expr)
        cols = []
        for name in table.column_names:
            values = table.column(name).to_pylist()
            if name in ids:
                known = self.network.ids.to_pylist()
                values = [None if v is None else known[v] for v in values]
            cols.append(values)
        return sorted(zip(*cols, strict=True), key=lambda r: tuple((x is None, x) for x in r))


def tables(network: Network, engine: Engine) -> Tables:
    """The :class:`Tables` of `network` in `engine` (made once, cached on the network)."""
    key = ("tables", id(engine))
    if key not in network.cache:
        network.cache[key] = Tables(network, engine)
    return network.cache[key]


def tables_of(ds: Any, engine: Any = None) -> Tables:
    """The :class:`Tables` of a :class:`~graphkit.Dataset` on `engine` (a name, an Engine,
    a SparkSession; default DuckDB): what every rule takes."""
    from .engine import get

    return tables(ds.network, get(engine))


def lit(value: int, type_: str = "int8") -> ir.Value:
    return ibis.literal(value, type=type_)


