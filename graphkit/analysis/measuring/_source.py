"""The tie graph as igraph sees it, built once, and what every measure shares.

Every public function of :mod:`graphkit.measuring` takes a Dataset, the network graph or a
tie graph; :func:`prepare` turns any of them into one :class:`Ties`, and
:func:`graphkit.measures` prepares once and hands the same object to every analysis.

A Dataset (or network graph) goes straight from the rules' integer tie arrays
(:func:`graphkit.linkage.tie_pairs`) into igraph: no networkx graph is built unless a caller
asks for it (:attr:`Ties.T`). A tie graph given by the user is read through its adjacency.
Both give the same vertices, edges (in the same order) and weights.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import igraph as ig
import numpy as np
import pandas as pd
import pyarrow as pa

from ... import vocab as V
from ...errors import UsageError
from ...network.dataset import as_dataset, is_graph
from .._analysis import analysis
from ..linkage import NODE_ATTRS, entity_codes, tie_graph, tie_nodes, tie_pairs

if TYPE_CHECKING:
    import networkx as nx

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
    return is_graph(G) and not G.is_directed() and not G.is_multigraph()


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
    if is_graph(G):
        return {n: d.get("name") for n, d in G.nodes(data=True) if d.get("label") == label}
    net = G.network
    chosen = pa.array(np.flatnonzero(net.label_codes == V.LABELS.index(label)))
    return dict(zip(net.ids.take(chosen).to_pylist(),
                    net.nodes.column("name").take(chosen).to_pylist(), strict=True))


@dataclass(frozen=True, eq=False)
class Ties:
    """A tie graph as igraph sees it, converted once.

    Vertex ``i`` is entity ``ids[i]`` (ids in sorted order); edges are inserted in sorted
    order with the smaller vertex first, self-loops left out, so every seeded or
    order-dependent algorithm gives the same result for any input order.

    Attributes
    ----------
    meta : dict
        ``name``, ``snapshot``, ``description`` of the dataset (the tie graph's graph
        attributes).
    names : dict
        Community id -> name (:func:`community_names` of the network).
    area_names : dict
        Area (street, town) id -> name.
    nodes : pandas.DataFrame
        The entity columns (:data:`ENTITY_COLS`), row ``i`` = vertex ``i``.
    g : igraph.Graph
        Undirected and simple, without attributes.
    _make_tie_graph : callable
        Builds the networkx tie graph (:attr:`T`) on demand.
    """

    meta: dict[str, Any]
    names: dict[Any, str]
    area_names: dict[Any, str]
    nodes: pd.DataFrame
    g: ig.Graph
    _make_tie_graph: Callable[[], nx.Graph] = field(repr=False)
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @property
    def T(self) -> nx.Graph:
        """The tie graph (:func:`graphkit.tie_graph`) as networkx, built on first use."""
        if "T" not in self._cache:
            self._cache["T"] = self._make_tie_graph()
        return self._cache["T"]

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
            _, _, values = _edges(self.T, self.index(), weight)
            self._cache[key] = values.tolist()
        return self._cache[key]

    def int_weights(self, weight: str | None) -> bool:
        """Whether every weight is an int (unit weights included)."""
        key = ("int_weights", weight)
        if key not in self._cache:
            w = self.weights(weight)
            self._cache[key] = w is None or all(isinstance(x, (int, np.integer)) for x in w)
        return self._cache[key]

    def edges(self) -> np.ndarray:
        """The edges of ``g`` as an (m, 2) int64 array, smaller vertex first, sorted."""
        if "edges" not in self._cache:
            self._cache["edges"] = np.asarray(self.g.get_edgelist(),
                                              dtype=np.int64).reshape(-1, 2)
        return self._cache["edges"]

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
            has = pd.notna(comm)
            codes = np.full(len(comm), -1, dtype=np.int64)
            if pd.api.types.infer_dtype(comm[has]) in ("string", "empty"):  # ids: one sort
                codes[has], uniques = pd.factorize(comm[has], sort=True)
                cids = uniques.tolist()
            else:  # a user's tie graph may have other community values
                cids = order(set(comm[has].tolist()))
                at = {c: i for i, c in enumerate(cids)}
                codes[has] = [at[c] for c in comm[has]]
            self._cache["community_codes"] = codes, cids
        return self._cache["community_codes"]

    def intra(self) -> ig.Graph:
        """The jurisdictions' own graphs as one graph: every vertex, and only the ties
        between two entities of the same community (a disjoint union of the community
        graphs, so that a measure on it is the measure on each community graph)."""
        return self.intra_edges()[0]

    def intra_edges(self) -> tuple[ig.Graph, np.ndarray]:
        """:meth:`intra` and its edges (as :meth:`edges`)."""
        if "intra" not in self._cache:
            codes, _ = self.community_codes()
            edges = self.edges()
            cu, cv = codes[edges[:, 0]], codes[edges[:, 1]]
            kept = edges[(cu == cv) & (cu >= 0)]
            self._cache["intra"] = ig.Graph(n=self.n, edges=kept.tolist()), kept
        return self._cache["intra"]


def prepare(G: Any, *, engine: Any = None) -> Ties:
    """`G` (Dataset, network graph, tie graph, or already prepared) as :class:`Ties`; the
    tie graph's rules run on `engine`.

    A Dataset or network graph goes from the rules' integer ties straight into igraph
    (:func:`from_network`); a tie graph through its adjacency (:func:`from_tie_graph`).
    """
    if isinstance(G, Ties):
        return G
    if is_tie_graph(G):
        return from_tie_graph(G)
    return from_network(G, engine=engine)


def from_tie_graph(T: nx.Graph) -> Ties:
    """A tie graph (an undirected simple networkx graph) as :class:`Ties`."""
    index = pd.Index(order(T), dtype=object)
    a, b, w = _edges(T, index, "weight")
    edges = np.column_stack([a, b])
    g = ig.Graph(n=len(index), edges=edges.tolist())
    attrs = T.nodes
    rows = pd.DataFrame.from_records([attrs[n] for n in index], columns=list(NODE_ATTRS))
    nodes = pd.DataFrame({"id": pd.Series(index, dtype=object)})
    for attr in NODE_ATTRS:
        col = rows[attr].astype(object)
        nodes[attr] = col.where(col.notna(), None)
    nodes["core"] = nodes["core"].fillna(False).astype(bool)
    ties = Ties(meta=dict(T.graph), names={}, area_names={}, nodes=nodes[ENTITY_COLS], g=g,
                _make_tie_graph=lambda: T)
    ties._cache["T"] = T
    ties._cache["edges"] = edges
    ties._cache["weights", "weight"] = w.tolist()
    return ties


def from_network(G: Any, *, engine: Any = None) -> Ties:
    """A Dataset or network graph as :class:`Ties`, from the rules' integer tie arrays
    (:func:`graphkit.linkage.tie_pairs`): the same vertices, edges and weights as
    :func:`from_tie_graph` of its :func:`graphkit.tie_graph`, without building it."""
    meta = G.meta if hasattr(G, "meta") else {k: G.graph.get(k)
                                              for k in ("name", "snapshot", "description")}
    ds = as_dataset(G)
    a = analysis(ds, engine)
    ent = tie_nodes(ds, engine=engine)
    codes = entity_codes(a)
    pos = np.full(ds.network.n_nodes, -1, dtype=np.int64)
    pos[codes] = np.arange(len(codes))
    p = tie_pairs(a)
    u, v = pos[p["u"]], pos[p["v"]]
    names = {"names": names_of(ds, V.COMMUNITY), "area_names": names_of(ds, V.AREA)}
    if (u < 0).any() or (v < 0).any():  # a tie to a node that is no entity: as tie_graph has it
        return replace(from_tie_graph(tie_graph(ds, engine=engine)), **names)
    edges = np.column_stack([u, v])
    g = ig.Graph(n=len(codes), edges=edges.tolist())
    nodes = pd.DataFrame({c: pd.Series(col.to_numpy(dtype=object), dtype=object) for c, col in
                          (("id", ent.index), *((c, ent[c]) for c in NODE_ATTRS[:-1]))})
    nodes["core"] = ent["core"].to_numpy(dtype=bool)
    ties = Ties(meta=dict(meta), **names, nodes=nodes[ENTITY_COLS], g=g,
                _make_tie_graph=lambda: tie_graph(ds, engine=engine))
    ties._cache["edges"] = edges
    ties._cache["weights", "weight"] = p["weight"].tolist()
    ties._cache["int_weights", "weight"] = True
    return ties


def _edges(T: nx.Graph, index: pd.Index, attr: str) -> tuple[np.ndarray, np.ndarray,
                                                            np.ndarray]:
    """The edges of `T` as vertex pairs ``a < b`` (positions in `index`), sorted, self-loops
    left out, with edge attribute `attr` (default 1) of each, in one pass over the
    adjacency (each edge is seen from both ends and kept from its smaller one)."""
    us, vs, ws = [], [], []
    for x, nbrs in T.adjacency():
        for y, d in nbrs.items():
            us.append(x)
            vs.append(y)
            ws.append(d.get(attr, 1))
    a = index.get_indexer(us) if us else np.zeros(0, dtype=np.int64)
    b = index.get_indexer(vs) if us else np.zeros(0, dtype=np.int64)
    keep = np.flatnonzero(a < b)
    by = keep[np.lexsort((b[keep], a[keep]))]
    return a[by].astype(np.int64), b[by].astype(np.int64), np.array(ws, dtype=object)[by]


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
