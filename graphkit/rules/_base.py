"""The coded tables the rules read, and the codes of the vocabulary."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ibis
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..network._network import Network
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
        #: kind code -> kind text
        self.kinds: tuple[str, ...] = tuple(kind.dictionary.to_pylist())
        labels = network.label_codes
        nodes = pa.table({
            "node": pa.array(np.arange(network.n_nodes, dtype=np.int32)),
            "label": pa.array(labels, pa.int8()),
            "kind": kind.indices.cast(pa.int32()),
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
        self.nodes: ir.Table = engine.load(nodes, owner=self)
        self.edges: ir.Table = engine.load(edges, owner=self)
        self._memo: dict[Any, Any] = {}

    def property(self, name: str) -> ir.Table:
        """``node, value``: the nodes with a value of extra property `name` (typed as in the
        network), loaded into the engine once."""
        key = ("property", name)
        if key not in self._memo:
            col = self.network.nodes.column(name).combine_chunks()
            keep = pc.is_valid(col)
            codes = pa.array(np.arange(self.network.n_nodes, dtype=np.int32)).filter(keep)
            table = pa.table({"node": codes, "value": col.filter(keep)})
            self._memo[key] = self.engine.load(table, owner=self)
        return self._memo[key].view()

    def kind(self, name: str) -> int:
        """The code of kind `name` (-1 when no node has it)."""
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
        result is a fresh view at each call, so it can be joined with itself."""
        if key not in self._memo:
            self._memo[key] = self.engine.keep(build(), owner=self)
        return self._memo[key].view()

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


