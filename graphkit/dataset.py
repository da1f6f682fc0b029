"""The :class:`Dataset`: typed node and edge tables plus metadata, and its graph form.

Conversions come in an inverse pair (``Dataset.to_networkx`` / ``Dataset.from_networkx``)
with one documented shape:

* ``nodes``: one row per node, columns ``id, label, name, kind, members, rating, joint``
  then any extra property columns in name order (typed ``Int64``, ``Float64``,
  ``boolean`` or ``object`` strings; missing values are ``<NA>``/``None``);
* ``edges``: one row per relationship, columns ``source, target, type, mode, since`` then
  extra property columns in name order; ``mode`` and ``since`` are ``""`` when blank;
* the graph: a :class:`networkx.MultiDiGraph` whose nodes are ids with attributes
  ``label``, ``name``, ``kind``, ``members`` (PartyOrgs also ``rating`` and ``joint``) and
  the non-missing extras; each edge has key = relationship type, attribute ``type`` equal
  to the key, ``mode``/``since`` when not blank and the non-missing extras; graph
  attributes ``name``, ``snapshot``, ``description``.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")                          # doctest: +SKIP
>>> G = ds.to_networkx()                                        # doctest: +SKIP
>>> back = gk.Dataset.from_networkx(G)                           # doctest: +SKIP
>>> back.nodes.sort_values("id", ignore_index=True).equals(
...     ds.nodes.sort_values("id", ignore_index=True))          # doctest: +SKIP
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from . import vocab as V
from .errors import Problem, ValidationError

if TYPE_CHECKING:
    from ._tables import Net

__all__ = ["Dataset"]

_NODE_CORE = ("id", "label", "name", "kind", "members")


def _py(value: Any) -> Any:
    """A plain Python value (None for missing), from numpy/pandas scalars."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


@dataclass(frozen=True, eq=False)
class Dataset:
    """A validated network: node and edge tables with metadata (SPEC section 1).

    Build one with :func:`graphkit.read_dataset` or :meth:`from_networkx`.

    Attributes
    ----------
    nodes, edges : pandas.DataFrame
        The typed tables (see the module docstring for their shape).
    name : str
    snapshot : str or None
        Snapshot date ``YYYY-MM-DD``.
    description : str or None
    source : str or None
        Where the dataset was read from.
    warnings : tuple of Problem
        Non-fatal problems found while validating.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    name: str = "dataset"
    snapshot: str | None = None
    description: str | None = None
    source: str | None = None
    warnings: tuple[Problem, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """Number of nodes per label, for every label of the vocabulary."""
        vc = self.nodes["label"].value_counts()
        return {label: int(vc.get(label, 0)) for label in V.LABELS}

    @property
    def meta(self) -> dict[str, str | None]:
        return {"name": self.name, "snapshot": self.snapshot, "description": self.description}

    @cached_property
    def _net(self) -> Net:
        from ._tables import Net

        return Net(self.nodes, self.edges, meta=self.meta)

    def to_networkx(self) -> nx.MultiDiGraph:
        """Return the network as a :class:`networkx.MultiDiGraph` (a new graph each call).

        Examples
        --------
        >>> G = ds.to_networkx()                                  # doctest: +SKIP
        >>> G.nodes["com-001"]["label"]                           # doctest: +SKIP
        'Community'
        """
        G = nx.MultiDiGraph(**self.meta)
        nodes = self.nodes
        extras = [c for c in nodes.columns if c not in V.NODE_COLUMNS]
        cols = {c: nodes[c].tolist() for c in nodes.columns}
        is_org = [lab == V.PARTY_ORG for lab in cols["label"]]
        for i, node_id in enumerate(cols["id"]):
            attrs = {c: _py(cols[c][i]) for c in _NODE_CORE[1:]}
            if is_org[i]:
                attrs["rating"] = _py(cols["rating"][i])
                attrs["joint"] = bool(cols["joint"][i])
            for c in extras:
                v = _py(cols[c][i])
                if v is not None:
                    attrs[c] = v
            G.add_node(node_id, **attrs)
        edges = self.edges
        ecols = {c: edges[c].tolist() for c in edges.columns}
        eextras = [c for c in edges.columns if c not in V.EDGE_COLUMNS]
        for i in range(len(edges)):
            t = ecols["type"][i]
            attrs = {"type": t}
            for c in ("mode", "since"):
                if ecols[c][i]:
                    attrs[c] = ecols[c][i]
            for c in eextras:
                v = _py(ecols[c][i])
                if v is not None:
                    attrs[c] = v
            G.add_edge(ecols["source"][i], ecols["target"][i], key=t, **attrs)
        return G

    @classmethod
    def from_networkx(cls, G: nx.MultiDiGraph, *, strict: bool = False) -> Dataset:
        """Build a validated dataset from a graph shaped like :meth:`to_networkx` output.

        Node ids and attribute values are kept as they are; node attribute ``label`` is
        required; ``name`` defaults to the id. On a multigraph the edge key is the
        relationship type unless the edge has a ``type`` attribute; on a simple graph the
        ``type`` attribute is required. Rows come in graph order, so the tables equal the
        originals up to row order.

        Raises
        ------
        ValidationError
            When the graph breaks a rule of SPEC section 1 (or has warnings and `strict`).
        """
        nodes = [{**d, "id": n} for n, d in G.nodes(data=True)]
        if G.is_multigraph():
            edges = [{"type": k, **d, "source": u, "target": v}
                     for u, v, k, d in G.edges(keys=True, data=True)]
        else:
            edges = [{**d, "source": u, "target": v} for u, v, d in G.edges(data=True)]
        g = G.graph
        return cls.from_records(
            nodes, edges, name=str(g.get("name") or "graph"), snapshot=g.get("snapshot"),
            description=g.get("description"), strict=strict,
        )

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
        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            cols = {c: [_py(v) for v in frame[c].tolist()] for c in frame.columns}
            return [{c: cols[c][i] for c in cols if cols[c][i] is not None}
                    for i in range(len(frame))]

        return cls.from_records(records(nodes), records(edges), name=name, snapshot=snapshot,
                                description=description, source=source, strict=strict)

    @classmethod
    def from_records(
        cls, nodes: list[dict[str, Any]], edges: list[dict[str, Any]], *,
        name: str = "dataset", snapshot: str | None = None, description: str | None = None,
        source: str | None = None, strict: bool = False,
    ) -> Dataset:
        """Build a validated dataset from plain dicts (one per node, one per relationship).

        Node dicts need ``id`` and ``label``; edge dicts ``source``, ``target``, ``type``.
        Other keys become typed property columns. Used for graphs and database reads.

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
        """
        from . import _validate

        def text(v: Any) -> str:
            return "" if v is None else str(v)

        node_frame = pd.DataFrame({
            "id": pd.Series([text(d.get("id")) for d in nodes], dtype=object),
            "label": pd.Series([text(d.get("label")) for d in nodes], dtype=object),
            "name": pd.Series([text(d.get("name", d.get("id"))) for d in nodes], dtype=object),
            "kind": pd.Series([text(d.get("kind")) for d in nodes], dtype=object),
            "members": pd.Series([int(d.get("members") or 0) for d in nodes], dtype="int64"),
            "rating": pd.Series([int(d.get("rating") or 0) for d in nodes], dtype="int64"),
            "joint": pd.Series([bool(d.get("joint") or False) for d in nodes], dtype=bool),
        })
        extra = sorted({k for d in nodes for k in d} - set(V.NODE_COLUMNS))
        for k in extra:
            node_frame[k] = _validate.infer_values([d.get(k) for d in nodes])
        edge_frame = pd.DataFrame({
            c: pd.Series([text(d.get(c)) for d in edges], dtype=object) for c in V.EDGE_COLUMNS
        })
        eextra = sorted({k for d in edges for k in d} - set(V.EDGE_COLUMNS))
        for k in eextra:
            edge_frame[k] = _validate.infer_values([d.get(k) for d in edges])
        problems: list[Problem] = []
        node_frame, edge_frame = _validate.check(node_frame, edge_frame, problems)
        if any(p.severity == "error" for p in problems) or (strict and problems):
            raise ValidationError(problems)
        return cls(nodes=node_frame, edges=edge_frame, name=name, snapshot=snapshot,
                   description=description, source=source, warnings=tuple(problems))

    def __repr__(self) -> str:
        return (f"Dataset(name={self.name!r}, snapshot={self.snapshot!r}, "
                f"nodes={len(self.nodes)}, edges={len(self.edges)})")
