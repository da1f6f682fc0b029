"""The :class:`Dataset`: one frozen, validated network and its metadata.

Every input becomes a Dataset through the one validator (:mod:`graphkit.validation`):
files and workbooks (:func:`graphkit.read_dataset`), a NetworkX graph
(:meth:`Dataset.from_networkx`), records (:meth:`Dataset.from_records`), DataFrames
(:meth:`Dataset.from_frames`, or ``Dataset(nodes, edges)``), columns
(:meth:`Dataset.from_columns`, what Neo4j reads stream into). Inside, the network is two
immutable Arrow tables with integer codes (:class:`graphkit._network.Network`); the
analyses run on them and cache what they derive, which can never go stale.

Conversions come in inverse pairs with one documented shape:

* ``nodes`` (a new DataFrame at each access; editing it changes nothing else): one row per
  node, sorted by id, columns ``id, label, name, kind, members, rating, joint`` then any
  extra property columns in name order (typed ``Int64``, ``Float64``, ``boolean`` or
  ``object`` strings; missing values are ``<NA>``/``None``);
* ``edges``: one row per relationship in input order, columns ``source, target, type,
  mode, since`` then extra property columns in name order; ``mode`` and ``since`` are
  ``""`` when blank;
* the graph: a :class:`networkx.MultiDiGraph` whose nodes are ids with attributes
  ``label``, ``name``, ``kind``, ``members`` (PartyOrgs also ``rating`` and ``joint``) and
  the non-missing extras; each edge has key = relationship type (``COVERS:affiliated`` for
  the second of two COVERS edges that differ in mode), attribute ``type``, ``mode``/``since``
  when not blank and the non-missing extras; graph attributes ``name``, ``snapshot``,
  ``description``.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")
>>> G = ds.to_networkx()
>>> back = gk.Dataset.from_networkx(G)
>>> order = ["source", "target", "type", "mode"]   # a graph lists edges by source node
>>> back.nodes.equals(ds.nodes) and back.edges.sort_values(order, ignore_index=True).equals(
...     ds.edges.sort_values(order, ignore_index=True))
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

import networkx as nx
import pandas as pd
import pyarrow as pa

from .. import vocab as V
from ..errors import Problem, ValidationError
from . import _parse, validation
from ._frames import text_series, typed_series
from ._network import EDGE_BASE, NODE_BASE, Network

__all__ = ["Dataset"]


def _py(value: Any) -> Any:
    """A plain Python value (None for missing), from numpy/pandas scalars."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


class Dataset:
    """A validated network: frozen node and edge tables with metadata (SPEC section 1).

    ``Dataset(nodes, edges, name=..., ...)`` validates two DataFrames (as
    :meth:`from_frames`); :func:`graphkit.read_dataset`, :meth:`from_networkx`,
    :meth:`from_records` and :meth:`from_columns` build one from other inputs. Nothing about
    a Dataset can be changed: make a new one.

    Attributes
    ----------
    nodes, edges : pandas.DataFrame
        The typed tables (see the module docstring for their shape), a new copy each time.
    name : str
    snapshot : str or None
        Snapshot date ``YYYY-MM-DD``.
    description : str or None
    source : str or None
        Where the dataset was read from.
    warnings : tuple of Problem
        Non-fatal problems found while validating.

    Raises
    ------
    ValidationError
        When the tables break a rule of SPEC section 1 (or have warnings and `strict`).

    Examples
    --------
    >>> import pandas as pd
    >>> ds = Dataset(pd.DataFrame({"id": ["c1"], "label": ["Community"], "name": ["沙田园社区"]}),
    ...              pd.DataFrame({"source": [], "target": [], "type": []}), name="示例")
    >>> ds
    Dataset(name='示例', snapshot=None, nodes=1, edges=0)
    """

    __slots__ = ("__dict__", "_description", "_name", "_network", "_snapshot", "_source",
                 "_warnings")

    def __init__(self, nodes: pd.DataFrame, edges: pd.DataFrame, *, name: str = "dataset",
                 snapshot: str | None = None, description: str | None = None,
                 source: str | None = None, strict: bool = False) -> None:
        other = Dataset.from_frames(nodes, edges, name=name, snapshot=snapshot,
                                    description=description, source=source, strict=strict)
        self._init(other._network, name, snapshot, description, source, other.warnings)

    def _init(self, network: Network, name: str, snapshot: str | None,
              description: str | None, source: str | None,
              warnings: tuple[Problem, ...]) -> None:
        object.__setattr__(self, "_network", network)
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_snapshot", snapshot)
        object.__setattr__(self, "_description", description)
        object.__setattr__(self, "_source", source)
        object.__setattr__(self, "_warnings", tuple(warnings))

    @classmethod
    def from_network(cls, network: Network, *, name: str = "dataset", snapshot: str | None = None,
            description: str | None = None, source: str | None = None,
            warnings: tuple[Problem, ...] = ()) -> Dataset:
        """A Dataset around a :class:`~graphkit._network.Network` that the validator made
        (:func:`graphkit.validation.validate`; it is not validated a second time)."""
        ds = cls.__new__(cls)
        ds._init(network, name, snapshot, description, source, warnings)
        return ds

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Dataset is frozen: cannot set {name!r}; build a new one")

    # --- metadata -------------------------------------------------------------------------
    name = property(lambda self: self._name, doc="Display name of the dataset.")
    snapshot = property(lambda self: self._snapshot, doc="Snapshot date YYYY-MM-DD or None.")
    description = property(lambda self: self._description, doc="Free-text description.")
    source = property(lambda self: self._source, doc="Where the dataset was read from.")
    warnings = property(lambda self: self._warnings, doc="Warnings found while validating.")

    @property
    def network(self) -> Network:
        """The frozen, integer-coded tables the analyses run on (and cache their results
        on): see :mod:`graphkit._network`."""
        return self._network

    @property
    def meta(self) -> dict[str, str | None]:
        return {"name": self.name, "snapshot": self.snapshot, "description": self.description}

    def with_meta(self, *, name: str | None = None, snapshot: str | None = None,
                  description: str | None = None, source: str | None = None,
                  warnings: tuple[Problem, ...] | None = None) -> Dataset:
        """The same network with other metadata (given values replace the current ones).

        Examples
        --------
        >>> gk.read_dataset("data/sihui").with_meta(name="四会").name
        '四会'
        """
        return Dataset.from_network(
            self._network, name=self.name if name is None else name,
            snapshot=self.snapshot if snapshot is None else snapshot,
            description=self.description if description is None else description,
            source=self.source if source is None else source,
            warnings=self.warnings if warnings is None else warnings)

    def counts(self) -> dict[str, int]:
        """Number of nodes per label, for every label of the vocabulary.

        Examples
        --------
        >>> gk.read_dataset("data/sihui").counts()["Area"]
        5
        """
        return self._network.counts()

    def __len__(self) -> int:
        return self._network.n_nodes

    def __repr__(self) -> str:
        return (f"Dataset(name={self.name!r}, snapshot={self.snapshot!r}, "
                f"nodes={self._network.n_nodes}, edges={self._network.n_edges})")

    # --- tables ---------------------------------------------------------------------------
    @cached_property
    def _nodes_frame(self) -> pd.DataFrame:
        t = self._network.nodes
        cols: dict[str, pd.Series] = {}
        for name in t.column_names:
            arr = t.column(name)
            if name in ("id", "label", "name", "kind"):
                cols[name] = text_series(arr)
            elif name in ("members", "rating"):  # <NA> where the cell was blank
                cols[name] = pd.Series(pd.array(arr.to_pylist(), dtype="Int64"))
            elif name == "joint":
                cols[name] = pd.Series(arr.to_numpy(zero_copy_only=False), dtype=bool)
            else:
                cols[name] = typed_series(arr)
        return pd.DataFrame(cols)

    @cached_property
    def _edges_frame(self) -> pd.DataFrame:
        net = self._network
        t = net.edges
        ids = net.ids
        cols: dict[str, pd.Series] = {
            "source": text_series(ids.take(t.column("source").combine_chunks())),
            "target": text_series(ids.take(t.column("target").combine_chunks())),
            "type": text_series(t.column("type")), "mode": text_series(t.column("mode")),
            "since": text_series(t.column("since")),
        }
        for name in net.edge_extras():
            cols[name] = typed_series(t.column(name))
        return pd.DataFrame(cols)

    @property
    def nodes(self) -> pd.DataFrame:
        """The node table (a new DataFrame each time; see the module docstring)."""
        return self._nodes_frame.copy(deep=False)

    @property
    def edges(self) -> pd.DataFrame:
        """The edge table (a new DataFrame each time; see the module docstring)."""
        return self._edges_frame.copy(deep=False)

    def to_arrow(self) -> tuple[pa.Table, pa.Table]:
        """The node and edge tables as Arrow tables, ids in ``source`` and ``target``.

        Examples
        --------
        >>> nodes, edges = gk.read_dataset("data/sihui").to_arrow()
        >>> edges.column_names[:3]
        ['source', 'target', 'type']
        """
        net = self._network
        e = net.edges
        ids = net.ids
        edges = e.set_column(0, "source", ids.take(e.column("source").combine_chunks()))
        edges = edges.set_column(1, "target", ids.take(e.column("target").combine_chunks()))
        return net.nodes, edges

    # --- graphs -----------------------------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """Return the network as a :class:`networkx.MultiDiGraph` (a new graph each call).

        Examples
        --------
        >>> G = gk.read_dataset("data/sihui").to_networkx()
        >>> G.nodes["com-001"]["label"]
        'Community'
        """
        G = nx.MultiDiGraph(**self.meta)
        nodes = self._nodes_frame
        extras = [c for c in nodes.columns if c not in NODE_BASE]
        cols = {c: nodes[c].tolist() for c in nodes.columns}
        core = ("label", "name", "kind")
        rows = []
        for i, node_id in enumerate(cols["id"]):
            attrs = {c: _py(cols[c][i]) for c in core}
            counts = ("members", "rating") if cols["label"][i] == V.PARTY_ORG else ("members",)
            for c in counts:  # a blank count stays absent
                v = _py(cols[c][i])
                if v is not None:
                    attrs[c] = int(v)
            if cols["label"][i] == V.PARTY_ORG:
                attrs["joint"] = bool(cols["joint"][i])
            for c in extras:
                v = _py(cols[c][i])
                if v is not None:
                    attrs[c] = v
            rows.append((node_id, attrs))
        G.add_nodes_from(rows)
        edges = self._edges_frame
        ecols = {c: edges[c].tolist() for c in edges.columns}
        eextras = [c for c in edges.columns if c not in EDGE_BASE]
        seen: set[tuple[str, str, str]] = set()
        out = []
        for i in range(len(edges)):
            u, v, t = ecols["source"][i], ecols["target"][i], ecols["type"][i]
            attrs: dict[str, Any] = {}
            for c in eextras:
                x = _py(ecols[c][i])
                if x is not None:
                    attrs[c] = x
            attrs["type"] = t
            for c in ("mode", "since"):
                if ecols[c][i]:
                    attrs[c] = ecols[c][i]
            key = t if (u, v, t) not in seen else f"{t}:{ecols['mode'][i]}"
            seen.add((u, v, t))
            out.append((u, v, key, attrs))
        G.add_edges_from(out)
        return G

    # --- building ---------------------------------------------------------------------------
    @classmethod
    def from_columns(
        cls, nodes: Mapping[str, Sequence[Any]], edges: Mapping[str, Sequence[Any]], *,
        name: str = "dataset", snapshot: str | None = None, description: str | None = None,
        source: str | None = None, strict: bool = False,
        files: tuple[str, str] = ("nodes", "edges"),
        types: tuple[Mapping[str, pa.DataType], Mapping[str, pa.DataType]] | None = None,
    ) -> Dataset:
        """Build a validated dataset from columns of Python values (``name -> values``).

        The columnar entry point: graphs, records, frames and Neo4j reads all come through
        here. Node columns need ``id`` and ``label`` (``name`` defaults to the id), edge
        columns ``source``, ``target`` and ``type``; other columns become typed properties.
        Values are checked as SPEC section 1 says: ``members`` 3.7 or ``"abc"`` and
        ``rating`` 9 are errors, ``joint`` ``"false"`` is false.

        Raises
        ------
        ValidationError
            With every problem found (or the warnings too when `strict`).

        Examples
        --------
        >>> ds = Dataset.from_columns({"id": ["c1"], "label": ["Community"]},
        ...                           {"source": [], "target": [], "type": []})
        >>> ds.nodes.loc[0, "kind"], ds.nodes.loc[0, "name"]
        ('urban', 'c1')
        """
        problems = _parse.Problems()
        n_nodes = len(nodes["id"]) if "id" in nodes else len(next(iter(nodes.values()), []))
        n_edges = len(next(iter(edges.values()), [])) if edges else 0
        for what, cols, required, n in (("nodes", nodes, V.NODE_REQUIRED[:2], n_nodes),
                                        ("edges", edges, V.EDGE_REQUIRED, n_edges)):
            if n and any(c not in cols for c in required):
                missing = ", ".join(c for c in required if c not in cols)
                problems.add("error", files[what == "edges"], None, None, "missing_column",
                             f"{what} have no {missing}", f"{what} 缺少 {missing}")
            bad = [c for c in cols if len(cols[c]) != n]
            if bad:
                problems.add("error", files[what == "edges"], None, None, "ragged_columns",
                             f"{what} columns of different lengths: {', '.join(map(str, bad))}",
                             f"{what} 的列长度不一致：{', '.join(map(str, bad))}")
        if problems.has_errors:
            raise ValidationError(problems)
        hints = types or ({}, {})
        nc = _parse.from_values(nodes, n_nodes, files[0], edges=False, problems=problems,
                                types=hints[0])
        ec = _parse.from_values(edges, n_edges, files[1], edges=True, problems=problems,
                                types=hints[1])
        network = validation.validate(nc, ec, problems)
        problems = validation.sort_problems(problems)
        if network is None or (strict and problems):
            raise ValidationError(problems)
        return cls.from_network(network, name=name, snapshot=snapshot, description=description,
                       source=source, warnings=tuple(problems))

    @classmethod
    def from_records(
        cls, nodes: Sequence[Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], *,
        name: str = "dataset", snapshot: str | None = None, description: str | None = None,
        source: str | None = None, strict: bool = False,
    ) -> Dataset:
        """Build a validated dataset from plain dicts (one per node, one per relationship).

        Node dicts need ``id`` and ``label``; edge dicts ``source``, ``target``, ``type``.
        Other keys become typed property columns.

        Raises
        ------
        ValidationError
            When the records break a rule of SPEC section 1 (or have warnings and `strict`).

        Examples
        --------
        >>> ds = Dataset.from_records(
        ...     [{"id": "c1", "label": "Community", "name": "沙田园社区"}], [])
        >>> ds.nodes.loc[0, "kind"]
        'urban'
        >>> Dataset.from_records([{"id": "o", "label": "PartyOrg", "rating": 9}], [])
        Traceback (most recent call last):
        ...
        graphkit.errors.ValidationError: 1 error(s) in dataset:
        nodes [rating]: error: rating must be an integer 0..5, got 9 (node 'o')
        """
        ncols, _ = _parse.records_to_columns(nodes)
        ecols, _ = _parse.records_to_columns(edges)
        if nodes and "name" in ncols:  # a record without the key gets its id as name
            ncols["name"] = [r["name"] if "name" in r else r.get("id") for r in nodes]
        if not nodes:
            ncols = {"id": [], "label": []}
        return cls.from_columns(ncols, ecols, name=name, snapshot=snapshot,
                                description=description, source=source, strict=strict)

    @classmethod
    def from_frames(
        cls, nodes: pd.DataFrame, edges: pd.DataFrame, *, name: str = "dataset",
        snapshot: str | None = None, description: str | None = None,
        source: str | None = None, strict: bool = False,
    ) -> Dataset:
        """Build a validated dataset from node and edge tables shaped like :attr:`nodes` and
        :attr:`edges` (any column order; missing optional columns take their defaults).

        Raises
        ------
        ValidationError
            When the tables break a rule of SPEC section 1 (or have warnings and `strict`).

        Examples
        --------
        >>> import pandas as pd
        >>> ds = Dataset.from_frames(
        ...     pd.DataFrame({"id": ["c1"], "label": ["Community"], "name": ["沙田园社区"]}),
        ...     pd.DataFrame({"source": [], "target": [], "type": []}))
        >>> ds.nodes.loc[0, "kind"]
        'urban'
        """
        def columns(frame: pd.DataFrame) -> dict[str, list[Any]]:
            return {str(c): [_py(v) for v in frame[c].tolist()] for c in frame.columns}

        def types(frame: pd.DataFrame) -> dict[str, pa.DataType]:
            """Arrow types of the typed columns (kept even when every value is missing)."""
            out = {}
            for c in frame.columns:
                kind = frame[c].dtype.kind
                arrow = {"i": pa.int64(), "u": pa.int64(), "f": pa.float64(),
                         "b": pa.bool_()}.get(kind)
                if arrow is not None:
                    out[str(c)] = arrow
            return out

        return cls.from_columns(columns(nodes), columns(edges), name=name, snapshot=snapshot,
                                description=description, source=source, strict=strict,
                                types=(types(nodes), types(edges)))

    @classmethod
    def from_networkx(cls, G: nx.Graph, *, strict: bool = False) -> Dataset:
        """Build a validated dataset from a graph shaped like :meth:`to_networkx` output.

        Node attribute ``label`` is required; ``name`` defaults to the id. On a multigraph
        the edge key is the relationship type unless the edge has a ``type`` attribute; on
        a simple graph the ``type`` attribute is required. The graph goes through the same
        validation as a file: a rating of 9 or ``members`` ``"abc"`` is an error.

        Raises
        ------
        ValidationError
            When the graph breaks a rule of SPEC section 1 (or has warnings and `strict`).

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("o1", label="PartyOrg", rating=9)
        >>> Dataset.from_networkx(G)
        Traceback (most recent call last):
        ...
        graphkit.errors.ValidationError: 1 error(s) in dataset:
        nodes [rating]: error: rating must be an integer 0..5, got 9 (node 'o1')
        """
        node_keys: dict[str, None] = {"id": None}
        for _, d in G.nodes(data=True):
            node_keys.update(dict.fromkeys(map(str, d)))
        data = list(G.nodes(data=True))
        ncols: dict[str, list[Any]] = {k: [] for k in node_keys}
        for n, d in data:
            for k in node_keys:
                ncols[k].append(n if k == "id" else d.get(k))
        if "name" in ncols:
            ncols["name"] = [d.get("name", n) for n, d in data]
        if G.is_multigraph():
            rows = [(u, v, {"type": k, **d}) for u, v, k, d in G.edges(keys=True, data=True)]
        else:
            rows = [(u, v, dict(d)) for u, v, d in G.edges(data=True)]
        edge_keys: dict[str, None] = {"source": None, "target": None, "type": None}
        for _, _, d in rows:
            edge_keys.update(dict.fromkeys(k for k in map(str, d) if k not in edge_keys))
        ecols: dict[str, list[Any]] = {k: [] for k in edge_keys}
        for u, v, d in rows:
            ecols["source"].append(u)
            ecols["target"].append(v)
            for k in edge_keys:
                if k not in ("source", "target"):
                    ecols[k].append(d.get(k))
        g = G.graph
        return cls.from_columns(ncols, ecols, name=str(g.get("name") or "graph"),
                                snapshot=g.get("snapshot"), description=g.get("description"),
                                strict=strict)


def as_dataset(obj: Any) -> Dataset:
    """A Dataset from a Dataset (itself) or a NetworkX graph (validated).

    Raises
    ------
    TypeError
        For anything else.
    ValidationError
        When the graph is invalid.
    """
    if isinstance(obj, Dataset):
        return obj
    if isinstance(obj, nx.Graph):
        return Dataset.from_networkx(obj)
    raise TypeError(f"expected a graphkit Dataset or a networkx graph, got {type(obj).__name__}")



