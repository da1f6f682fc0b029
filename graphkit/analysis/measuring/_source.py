"""The tie graph converted once to igraph, and what every measure shares.

Every public function of :mod:`graphkit.measuring` takes a Dataset, the network graph or a
tie graph; :func:`prepare` turns any of them into one :class:`Ties`, and
:func:`graphkit.measures` prepares once and hands the same object to every analysis.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from ... import vocab as V
from ...errors import UsageError
from ..linkage import NODE_ATTRS, tie_graph

#: Centrality values closer than this count as tied when ranking.
EPS = 1e-12
ENTITY_COLS = ["id", "name", "label", "kind", "community", "area", "core"]


def order(nodes: Iterable[Hashable]) -> list[Hashable]:
    """Nodes in sorted order (by their text when they do not compare, e.g. mixed types)."""
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=str)


def is_tie_graph(G: Any) -> bool:
    """Whether `G` already is a tie graph (an undirected simple networkx graph)."""
    return isinstance(G, nx.Graph) and not G.is_directed() and not G.is_multigraph()


def as_tie_graph(G: Any, *, engine: Any = None) -> nx.Graph:
    """The tie graph of `G` (:func:`graphkit.tie_graph`), or `G` itself when it already is
    an undirected simple graph.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.measuring import as_tie_graph
    >>> T = as_tie_graph(gk.read_dataset("data/sihui"))
    >>> as_tie_graph(T) is T
    True
    """
    if isinstance(G, Ties):
        return G.T
    return G if is_tie_graph(G) else tie_graph(G, engine=engine)


def community_names(G: Any) -> dict[Any, str]:
    """Community id -> name of a network.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
        A tie graph holds no Community nodes: its communities have no names (``{}``), and
        the reports show their ids.

    Returns
    -------
    dict

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.measuring import community_names
    >>> community_names(gk.read_dataset("data/sihui"))["com-001"]
    '沙田园社区'
    """
    if isinstance(G, Ties):
        return dict(G.names)
    return names_of(G, V.COMMUNITY)


def names_of(G: Any, label: str) -> dict[Any, str]:
    """Id -> name of the nodes labelled `label` of a network (``{}`` for a tie graph)."""
    if is_tie_graph(G):
        return {}
    if isinstance(G, nx.Graph):
        return {n: d.get("name") for n, d in G.nodes(data=True) if d.get("label") == label}
    nodes = G.nodes
    chosen = nodes[nodes["label"] == label]
    return dict(zip(chosen["id"].tolist(), chosen["name"].tolist(), strict=True))


@dataclass(frozen=True, eq=False)
class Ties:
    """A tie graph as igraph sees it, converted once.

    Vertex ``i`` is entity ``ids[i]`` (ids in sorted order); edges are inserted in sorted
    order with the smaller vertex first, self-loops left out, so every seeded or
    order-dependent algorithm gives the same result for any input order.

    Attributes
    ----------
    T : networkx.Graph
        The tie graph (:func:`graphkit.tie_graph`).
    names : dict
        Community id -> name (:func:`community_names` of the network).
    area_names : dict
        Area (street, town) id -> name.
    nodes : pandas.DataFrame
        The entity columns (:data:`ENTITY_COLS`), row ``i`` = vertex ``i``.
    g : igraph.Graph
        Undirected and simple, without attributes.
    _edge_order : numpy.ndarray
        For each edge of ``g``, its position in ``T``'s adjacency entries (to read edge
        attributes).
    """

    T: nx.Graph
    names: dict[Any, str]
    area_names: dict[Any, str]
    nodes: pd.DataFrame
    g: ig.Graph
    _edge_order: np.ndarray
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def ids(self) -> list[Any]:
        return self.nodes["id"].tolist()

    @property
    def n(self) -> int:
        return self.g.vcount()

    def index(self) -> pd.Index:
        """The entity ids as a pandas index named ``id``."""
        return pd.Index(self.nodes["id"].to_numpy(dtype=object), name="id", dtype=object)

    def weights(self, weight: str | None) -> list[float] | None:
        """Edge attribute `weight` (default 1) in the order of ``g``'s edges; ``None`` for
        unit weights."""
        if weight is None:
            return None
        key = ("weights", weight)
        if key not in self._cache:
            w = np.array(_adjacency(self.T, weight)[2], dtype=object)
            self._cache[key] = w[self._edge_order].tolist()
        return self._cache[key]

    def int_weights(self, weight: str | None) -> bool:
        w = self.weights(weight)
        return w is None or all(isinstance(x, (int, np.integer)) for x in w)

    def components(self) -> tuple[np.ndarray, np.ndarray]:
        """Component number of each vertex, and the size of each component."""
        if "components" not in self._cache:
            cc = self.g.connected_components()
            membership = np.asarray(cc.membership, dtype=np.int64)
            self._cache["components"] = membership, np.bincount(membership,
                                                               minlength=len(cc))
        return self._cache["components"]

    def community_codes(self) -> tuple[np.ndarray, list[Any]]:
        """Each vertex's community as a code into the sorted community ids (-1: none)."""
        if "community_codes" not in self._cache:
            comm = self.nodes["community"].to_numpy(dtype=object)
            has = np.array([c is not None for c in comm], dtype=bool)
            cids = order(set(comm[has].tolist()))
            at = {c: i for i, c in enumerate(cids)}
            codes = np.full(len(comm), -1, dtype=np.int64)
            codes[has] = [at[c] for c in comm[has]]
            self._cache["community_codes"] = codes, cids
        return self._cache["community_codes"]

    def intra(self) -> ig.Graph:
        """The jurisdictions' own graphs as one graph: every vertex, and only the ties
        between two entities of the same community (a disjoint union of the community
        graphs, so that a measure on it is the measure on each community graph)."""
        if "intra" not in self._cache:
            codes, _ = self.community_codes()
            edges = np.asarray(self.g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
            cu, cv = codes[edges[:, 0]], codes[edges[:, 1]]
            keep = (cu == cv) & (cu >= 0)
            self._cache["intra"] = ig.Graph(n=self.n, edges=edges[keep].tolist())
        return self._cache["intra"]


def prepare(G: Any, *, engine: Any = None) -> Ties:
    """`G` (Dataset, network graph, tie graph, or already prepared) as :class:`Ties`; the
    tie graph's rules run on `engine`."""
    if isinstance(G, Ties):
        return G
    T = as_tie_graph(G, engine=engine)
    ids = order(T)
    index = pd.Index(ids, dtype=object)
    # one pass over the adjacency (each edge seen from both ends), taking the default
    # weight attribute along; an edge is kept from its smaller end, self-loops left out
    us, vs, ws = _adjacency(T, "weight")
    a = index.get_indexer(us) if us else np.zeros(0, dtype=np.int64)
    b = index.get_indexer(vs) if us else np.zeros(0, dtype=np.int64)
    keep = np.flatnonzero(a < b)
    perm = np.lexsort((b[keep], a[keep]))
    order_ = keep[perm]
    g = ig.Graph(n=len(ids), edges=np.column_stack([a[order_], b[order_]]).tolist())
    attrs = T.nodes
    rows = pd.DataFrame.from_records([attrs[n] for n in ids], columns=list(NODE_ATTRS))
    nodes = pd.DataFrame({"id": pd.Series(ids, dtype=object)})
    for attr in NODE_ATTRS:
        col = rows[attr].astype(object)
        nodes[attr] = col.where(col.notna(), None)
    nodes["core"] = nodes["core"].fillna(False).astype(bool)
    ties = Ties(T=T, names=community_names(G), area_names=names_of(G, V.AREA),
                nodes=nodes[ENTITY_COLS], g=g, _edge_order=order_)
    ties._cache["weights", "weight"] = np.array(ws, dtype=object)[order_].tolist()
    return ties


def _adjacency(T: nx.Graph, attr: str) -> tuple[list[Any], list[Any], list[Any]]:
    """Both ends and attribute `attr` (default 1) of every adjacency entry of `T`, in
    adjacency order (each edge twice, a self-loop once)."""
    us, vs, ws = [], [], []
    for u, nbrs in T.adjacency():
        for v, d in nbrs.items():
            us.append(u)
            vs.append(v)
            ws.append(d.get(attr, 1))
    return us, vs, ws


def check_k(k: int, exact_max: int) -> None:
    """Refuse a sample size below 1 or a negative `exact_max` (a :class:`UsageError`)."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise UsageError(f"k must be a positive int, got {k!r}")
    if isinstance(exact_max, bool) or not isinstance(exact_max, int) or exact_max < 0:
        raise UsageError(f"exact_max must be an int >= 0, got {exact_max!r}")


def is_exact(size: int, *, k: int, exact_max: int) -> bool:
    """Whether a component of `size` entities is measured exactly (else sampled)."""
    return size <= exact_max or k >= size


def sample(members: np.ndarray, k: int, seed: int) -> np.ndarray:
    """`k` of `members` (a component's vertices, sorted) drawn uniformly without
    replacement, seeded; sorted."""
    picks = random.Random(seed).sample(range(len(members)), k)
    return members[np.sort(np.asarray(picks, dtype=np.int64))]
