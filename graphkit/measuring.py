"""Network measures of the tie graph for researchers: who links, who brokers, and whether
linkage follows administrative lines.

Every function takes the network (a :class:`~graphkit.Dataset` or the
:class:`networkx.MultiDiGraph` of :meth:`~graphkit.Dataset.to_networkx`) or its tie graph
(:func:`graphkit.tie_graph`, an undirected :class:`networkx.Graph`) first, options
keyword-only, and returns DataFrames (or a small dict); nothing is modified, nothing is
printed. Results are identical across runs and across input row orders: the tie graph is
built in sorted order, randomized algorithms are seeded and run on a canonical (sorted)
copy of the graph.

* :func:`entity_measures` — per entity: degree, weighted degree, betweenness, PageRank,
  Burt's constraint and effective size, k-core number, cut point;
* :func:`cohesion` — per community jurisdiction and city-wide: density, components,
  average shortest path length on the largest component, bridges;
* :func:`detect_communities`, :func:`compare_partitions` (NMI, ARI) and
  :func:`crossing_clusters` — does linkage follow the administrative map?
* :func:`core_centrality` — is the core (the community Party organization) central in its
  jurisdiction?
* :func:`measures` — all of it at once, as a :class:`MeasuresResult`.

Large graphs: betweenness is exact on a component of at most ``exact_max`` entities and
estimated from ``k`` seeded sample sources on a larger one (Brandes & Pich 2007); the
average path length likewise. The method used is reported (``result.methods``, and
``frame.attrs["methods"]``).

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")                              # doctest: +SKIP
>>> m = gk.measures(ds)                                             # doctest: +SKIP
>>> m.entities.sort_values("betweenness", ascending=False).head()   # doctest: +SKIP
>>> m.cohesion.iloc[-1]                                             # doctest: +SKIP
>>> m.comparison                                                    # doctest: +SKIP

References
----------
.. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
   Sociometry 40(1), 35-41.
.. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
   Mathematical Sociology 25(2), 163-177; Brandes, U. (2008). On variants of
   shortest-path betweenness centrality and their generic computation. Social Networks
   30(2), 136-145; Brandes, U. & Pich, C. (2007). Centrality estimation in large
   networks. Int. J. Bifurcation and Chaos 17(7), 2303-2318.
.. [3] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard
   University Press; Borgatti, S. P. (1997). Structural holes: unpacking Burt's
   redundancy measures. Connections 20(1), 35-38.
.. [4] Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of
   networks. arXiv:cs/0310049.
.. [5] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast
   unfolding of communities in large networks. J. Stat. Mech. P10008.
.. [6] Vinh, N. X., Epps, J. & Bailey, J. (2010). Information theoretic measures for
   clusterings comparison. JMLR 11, 2837-2854.
.. [7] Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification
   2(1), 193-218.
.. [8] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
   ranking: bringing order to the web. Stanford InfoLab.
.. [9] Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
   manipulation. Communications of the ACM 16(6), 372-378 (cut points, bridges).
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import vocab as V
from ._frames import text_as_object
from .dataset import as_dataset
from .errors import UsageError
from .linkage import NODE_ATTRS, tie_graph

__all__ = [
    "EXACT_MAX",
    "SAMPLE_K",
    "SCHEMA_VERSION",
    "MeasuresResult",
    "adjusted_rand_index",
    "cohesion",
    "compare_partitions",
    "core_centrality",
    "crossing_clusters",
    "detect_communities",
    "entity_measures",
    "measures",
    "normalized_mutual_info",
    "pagerank",
    "structural_holes",
]

#: Largest connected component (entities) on which betweenness and the average path length
#: are computed exactly; above it they are estimated from ``k`` sample sources.
EXACT_MAX = 5000
#: Default number of sample sources above :data:`EXACT_MAX`.
SAMPLE_K = 256
#: Version of the JSON document of :meth:`MeasuresResult.to_dict`.
SCHEMA_VERSION = 1

#: Betweenness values closer than this count as tied when ranking.
_EPS = 1e-12
_ENTITY_COLS = ["id", "name", "label", "kind", "community", "area", "core"]


# --- input ----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Source:
    """A tie graph with its community names, computed once by :func:`measures` and
    handed to each analysis (a network graph would otherwise be converted each time)."""

    T: nx.Graph
    names: dict[Any, str]

    @cached_property
    def communities(self) -> list[tuple[Any, nx.Graph]]:
        """:func:`_community_graphs` of `T`, built once for cohesion and core centrality."""
        return _community_graphs(self.T)


def _communities(G: Any, T: nx.Graph) -> list[tuple[Any, nx.Graph]]:
    return G.communities if isinstance(G, _Source) else _community_graphs(T)


def _ties(G: Any) -> nx.Graph:
    """The tie graph of `G` (`G` itself when it already is an undirected simple graph)."""
    if isinstance(G, _Source):
        return G.T
    if _is_ties(G):
        return G
    ds = as_dataset(G)
    cache = ds._network.cache
    if "tie_graph" not in cache:
        cache["tie_graph"] = tie_graph(ds)
    return cache["tie_graph"]


def _order(nodes: Iterable[Hashable]) -> list[Hashable]:
    """Nodes in sorted order (by their text when they do not compare, e.g. mixed types)."""
    nodes = list(nodes)
    try:
        return sorted(nodes)
    except TypeError:
        return sorted(nodes, key=str)


def _canonical(T: nx.Graph, nodes: Iterable[Hashable] | None = None,
               weight: str | None = "weight") -> nx.Graph:
    """A copy of `T` (or of its subgraph on `nodes`) with nodes and edges inserted in
    sorted order, so that order-dependent algorithms give the same result for any input
    order. Keeps only `weight` on the edges."""
    keep = T if nodes is None else set(nodes)
    order = _order(keep)
    H = nx.Graph()
    H.add_nodes_from(order)
    rank = {n: i for i, n in enumerate(order)}
    sub = T.edges(data=weight, default=1) if nodes is None else T.subgraph(order).edges(
        data=weight, default=1)
    edges = sorted(((u, v, w) if rank[u] < rank[v] else (v, u, w) for u, v, w in sub),
                   key=lambda e: (rank[e[0]], rank[e[1]]))
    if weight is None:
        H.add_edges_from((u, v) for u, v, _ in edges)
    else:
        H.add_weighted_edges_from(edges, weight=weight)
    return H


def _nodes_frame(T: nx.Graph) -> pd.DataFrame:
    ids = _order(T)
    data = {"id": ids}
    for attr in NODE_ATTRS:
        data[attr] = [T.nodes[n].get(attr) for n in ids]
    frame = pd.DataFrame(data, dtype=object)
    frame["core"] = frame["core"].fillna(False).astype(bool)
    return frame[_ENTITY_COLS]


def _check_k(k: int, exact_max: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise UsageError(f"k must be a positive int, got {k!r}")
    if isinstance(exact_max, bool) or not isinstance(exact_max, int) or exact_max < 0:
        raise UsageError(f"exact_max must be an int >= 0, got {exact_max!r}")


# --- PageRank, structural holes -------------------------------------------------------
def _index(T: nx.Graph, weight: str | None) -> tuple[list[Hashable], np.ndarray, np.ndarray,
                                                    np.ndarray]:
    """Sorted nodes and the directed edge arrays (both directions) ``src, dst, w``."""
    nodes = _order(T)
    pos = {n: i for i, n in enumerate(nodes)}
    m = T.number_of_edges()
    src = np.empty(2 * m, dtype=np.int64)
    dst = np.empty(2 * m, dtype=np.int64)
    w = np.empty(2 * m, dtype=float)
    for i, (u, v, d) in enumerate(T.edges(data=True)):
        a, b = pos[u], pos[v]
        x = 1.0 if weight is None else float(d.get(weight, 1))
        src[2 * i], dst[2 * i], w[2 * i] = a, b, x
        src[2 * i + 1], dst[2 * i + 1], w[2 * i + 1] = b, a, x
    selfloop = src == dst
    if selfloop.any():
        src, dst, w = src[~selfloop], dst[~selfloop], w[~selfloop]
    return nodes, src, dst, w


def pagerank(G: Any, *, alpha: float = 0.85, weight: str | None = "weight",
             tol: float = 1e-12, max_iter: int = 1000) -> pd.Series:
    """PageRank of every entity of the tie graph (power iteration with numpy).

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    alpha : float, default 0.85
        Damping factor.
    weight : str or None, default "weight"
        Edge attribute used as tie strength (``None``: every tie counts 1).
    tol : float, default 1e-12
        Stop when the L1 change of the vector is below ``tol * n``.
    max_iter : int, default 1000

    Returns
    -------
    pandas.Series
        Indexed by entity id (sorted), summing to 1.

    Notes
    -----
    The random surfer follows a tie with probability proportional to its weight, and
    jumps to a uniformly chosen entity with probability ``1 - alpha`` (or always, from an
    isolated entity) [8]_. Equals :func:`networkx.pagerank` and igraph's PRPACK result to
    numerical precision; it needs no scipy.

    References
    ----------
    .. [8] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
       ranking: bringing order to the web. Stanford InfoLab.

    Examples
    --------
    >>> import networkx as nx
    >>> pr = pagerank(nx.star_graph(3))
    >>> round(float(pr[0]), 4)
    0.4797
    """
    T = _ties(G)
    nodes, src, dst, w = _index(T, weight)
    n = len(nodes)
    if n == 0:
        return pd.Series(dtype=float)
    strength = np.bincount(src, weights=w, minlength=n)
    dangling = strength == 0
    share = w / np.where(strength[src] > 0, strength[src], 1.0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = np.bincount(dst, weights=x[src] * share, minlength=n)
        new = alpha * (spread + x[dangling].sum() / n) + (1.0 - alpha) / n
        done = np.abs(new - x).sum() < n * tol
        x = new
        if done:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    return pd.Series(x / x.sum(), index=pd.Index(nodes, name="id", dtype=object),
                     name="pagerank")


def _triangles(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Every triangle of the simple undirected graph with edges ``a[i] - b[i]`` (each edge
    once), as rows ``(x, y, z)``; wedges are formed at the lowest-degree vertex, so the
    work is O(m^1.5) even with hubs."""
    if len(a) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    deg = np.bincount(np.concatenate([a, b]), minlength=n)
    rank = np.lexsort((np.arange(n), deg)).argsort()
    lo = np.where(rank[a] < rank[b], a, b)
    hi = np.where(rank[a] < rank[b], b, a)
    out = pd.DataFrame({"x": lo, "y": hi})
    wedges = out.merge(out.rename(columns={"y": "z"}), on="x")
    wedges = wedges[rank[wedges["y"].to_numpy()] < rank[wedges["z"].to_numpy()]]
    key = lo.astype(np.int64) * n + hi
    key.sort()
    probe = wedges["y"].to_numpy(dtype=np.int64) * n + wedges["z"].to_numpy(dtype=np.int64)
    at = np.searchsorted(key, probe)
    found = (at < len(key)) & (key[np.minimum(at, len(key) - 1)] == probe)
    return wedges.to_numpy(dtype=np.int64)[found]


def structural_holes(G: Any, *, weight: str | None = "weight") -> pd.DataFrame:
    """Burt's constraint and effective size of every entity, computed on whole arrays.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    weight : str or None, default "weight"
        Edge attribute used as tie strength; ``None`` counts every tie as 1.

    Returns
    -------
    pandas.DataFrame
        Indexed by entity id (sorted): ``constraint`` and ``effective_size`` (``NaN`` for
        an isolated entity).

    Notes
    -----
    With ``p_ij = w_ij / sum_k w_ik`` the proportional strength of i's tie to j and
    ``m_jq = w_jq / max_k w_jk`` its marginal strength [3]_:

    * constraint ``c_i = sum_{j in N(i)} (p_ij + sum_{q} p_iq p_qj)^2``;
    * effective size ``e_i = sum_{j in N(i)} (1 - sum_{q} p_iq m_jq)``,

    the inner sums running over the common neighbors q of i and j (the only nonzero
    terms). With unit weights the effective size is Borgatti's ``n - 2t/n`` (t ties among
    the n neighbors). The definitions are those of :func:`networkx.constraint` and
    :func:`networkx.effective_size` (equal values, checked in the tests), but the inner
    sums are taken over the triangles of the graph instead of node by node, which keeps a
    100,000-entity city with hubs to seconds.

    References
    ----------
    .. [3] Burt, R. S. (1992). Structural Holes. Harvard University Press; Borgatti, S. P.
       (1997). Structural holes: unpacking Burt's redundancy measures. Connections 20(1).

    Examples
    --------
    >>> import networkx as nx
    >>> structural_holes(nx.star_graph(3)).loc[0].round(4).tolist()
    [0.3333, 3.0]
    """
    T = _ties(G)
    nodes, src, dst, w = _index(T, weight)
    n = len(nodes)
    index = pd.Index(nodes, name="id", dtype=object)
    if n == 0:
        return pd.DataFrame({"constraint": [], "effective_size": []}, index=index)
    strength = np.bincount(src, weights=w, minlength=n)
    wmax = np.zeros(n)
    np.maximum.at(wmax, src, w)
    order = np.argsort(src * n + dst)
    src, dst, w = src[order], dst[order], w[order]
    key = src * n + dst
    p = w / strength[src]
    m = w / wmax[src]

    def lookup(i: np.ndarray, j: np.ndarray) -> np.ndarray:
        return np.searchsorted(key, i * n + j)

    indirect = np.zeros(len(key))
    redundant = np.zeros(len(key))
    half = src < dst
    tri = _triangles(n, src[half], dst[half])
    for i, j, q in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
        ti, tj, tq = tri[:, i], tri[:, j], tri[:, q]
        at = lookup(ti, tj)
        iq, qj, jq = lookup(ti, tq), lookup(tq, tj), lookup(tj, tq)
        np.add.at(indirect, at, p[iq] * p[qj])
        np.add.at(redundant, at, p[iq] * m[jq])
    # (bincount of no edges is an int array: cast, so isolates can be NaN)
    constraint = np.bincount(src, weights=(p + indirect) ** 2, minlength=n).astype(float)
    esize = np.bincount(src, weights=1.0 - redundant, minlength=n).astype(float)
    isolated = np.bincount(src, minlength=n) == 0
    constraint[isolated] = np.nan
    esize[isolated] = np.nan
    return pd.DataFrame({"constraint": constraint, "effective_size": esize}, index=index)


# --- betweenness ----------------------------------------------------------------------
#: Components from this size on are run through the numpy Brandes below; smaller ones
#: through networkx (less overhead per source there).
_NUMPY_MIN = 200


def _csr(C: nx.Graph, order: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """Adjacency of `C` as CSR arrays over the positions of `order`."""
    pos = {v: i for i, v in enumerate(order)}
    n = len(order)
    a = np.fromiter((pos[u] for u, _ in C.edges()), dtype=np.int64, count=C.number_of_edges())
    b = np.fromiter((pos[v] for _, v in C.edges()), dtype=np.int64, count=C.number_of_edges())
    keep = a != b
    src, dst = np.concatenate([a[keep], b[keep]]), np.concatenate([b[keep], a[keep]])
    order_ = np.lexsort((dst, src))
    src, dst = src[order_], dst[order_]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    return indptr, dst


def _neighbors(indptr: np.ndarray, indices: np.ndarray, frontier: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """``(parent, neighbor)`` arrays of every edge leaving `frontier` (CSR rows)."""
    starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
    m = int(counts.sum())
    shift = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return np.repeat(frontier, counts), indices[shift + np.arange(m)]


def _brandes(indptr: np.ndarray, indices: np.ndarray, sources: Iterable[int]) -> np.ndarray:
    """Sum over `sources` of Brandes' dependencies ``delta_s(v)`` (unweighted, hop
    distances), level by level on whole arrays: the betweenness numerator over ordered
    pairs ``(s, t)`` with s in `sources`."""
    n = len(indptr) - 1
    total = np.zeros(n)
    for s in sources:
        dist = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        dist[s], sigma[s] = 0, 1.0
        frontier = np.array([s], dtype=np.int64)
        dag: list[tuple[np.ndarray, np.ndarray]] = []
        d = 0
        while frontier.size:
            par, nbr = _neighbors(indptr, indices, frontier)
            if nbr.size == 0:
                break
            fresh = dist[nbr] == -1
            dist[nbr[fresh]] = d + 1
            down = dist[nbr] == d + 1
            par, nbr = par[down], nbr[down]
            sigma += np.bincount(nbr, weights=sigma[par], minlength=n)
            dag.append((par, nbr))
            frontier = np.unique(nbr)
            d += 1
        delta = np.zeros(n)
        for par, nbr in reversed(dag):
            delta += np.bincount(par, weights=sigma[par] / sigma[nbr] * (1.0 + delta[nbr]),
                                 minlength=n)
        delta[s] = 0.0
        total += delta
    return total


def _betweenness(T: nx.Graph, *, k: int, exact_max: int, seed: int
                 ) -> tuple[pd.Series, dict[str, Any]]:
    """Normalized betweenness over the whole graph, exact per component up to `exact_max`
    entities, sampled with `k` sources above; and the method used."""
    n = T.number_of_nodes()
    raw = dict.fromkeys(T, 0.0)
    sampled = []
    for comp in sorted((_order(c) for c in nx.connected_components(T)),
                       key=lambda c: str(c[0])):
        if len(comp) < 3:
            continue
        C = _canonical(T, comp, weight=None)
        exact = len(comp) <= exact_max or k >= len(comp)
        if exact and len(comp) < _NUMPY_MIN:
            raw.update(nx.betweenness_centrality(C, normalized=False))
            continue
        indptr, indices = _csr(C, comp)
        if exact:
            got = _brandes(indptr, indices, range(len(comp))) / 2.0
        else:
            sources = sorted(random.Random(seed).sample(range(len(comp)), k))
            got = _brandes(indptr, indices, sources) * (len(comp) / k) / 2.0
            sampled.append(len(comp))
        raw.update(zip(comp, got.tolist(), strict=True))
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    ids = _order(T)
    values = pd.Series([raw[v] * scale for v in ids], index=pd.Index(ids, name="id",
                       dtype=object), name="betweenness")
    if sampled:
        method = {"method": "sampled", "k": k, "seed": seed, "exact_max": exact_max,
                  "sampled_components": sorted(sampled, reverse=True)}
    else:
        method = {"method": "exact", "exact_max": exact_max}
    return values, method


# --- per entity -----------------------------------------------------------------------
def entity_measures(G: Any, *, weight: str | None = "weight", k: int = SAMPLE_K,
                    exact_max: int = EXACT_MAX, seed: int = 0) -> pd.DataFrame:
    """Centrality and brokerage of every entity of the tie graph.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    weight : str or None, default "weight"
        Tie strength for weighted degree, PageRank, constraint and effective size.
        Betweenness and k-cores count ties, not their weight.
    k : int, default 256
        Sample sources for betweenness on a component larger than `exact_max`.
    exact_max : int, default 5000
        Largest component on which betweenness is exact.
    seed : int, default 0
        Seed of the betweenness sample.

    Returns
    -------
    pandas.DataFrame
        One row per entity, sorted by id: ``id, name, label, kind, community, area,
        core`` then ``degree`` (distinct partners), ``weighted_degree`` (sum of tie
        weights), ``betweenness`` (normalized over all entity pairs, Freeman 1977),
        ``pagerank``, ``constraint`` and ``effective_size`` (Burt 1992; ``NaN`` when
        isolated), ``core_number`` (k-core, Batagelj & Zaversnik 2003) and ``cut_point``
        (removing it disconnects its component). ``frame.attrs["methods"]`` says how
        betweenness was computed (``exact``, or ``sampled`` with ``k`` and ``seed``).

    Notes
    -----
    Betweenness ``b(v) = sum_{s != v != t} sigma_st(v) / sigma_st`` over unordered pairs,
    divided by ``(n-1)(n-2)/2`` with n all entities [1]_, by Brandes' algorithm [2]_;
    above `exact_max` the sum over sources is estimated from `k` uniformly sampled
    sources of the component and scaled by ``|component| / k`` (Brandes & Pich 2007).
    Components are computed separately (no path crosses them), so isolates cost nothing.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
       Sociometry 40(1), 35-41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. J. Math.
       Sociol. 25(2), 163-177; Brandes, U. & Pich, C. (2007). Centrality estimation in
       large networks. Int. J. Bifurc. Chaos 17(7), 2303-2318.

    Examples
    --------
    >>> import networkx as nx
    >>> entity_measures(nx.path_graph(3))[["id", "degree", "betweenness", "cut_point"]]
      id  degree  betweenness  cut_point
    0  0       1          0.0      False
    1  1       2          1.0       True
    2  2       1          0.0      False
    """
    _check_k(k, exact_max)
    T = _ties(G)
    out = _nodes_frame(T)
    ids = out["id"]
    out["degree"] = [T.degree(n) for n in ids]
    out["weighted_degree"] = [T.degree(n, weight=weight) for n in ids] if weight else (
        out["degree"])
    between, method = _betweenness(T, k=k, exact_max=exact_max, seed=seed)
    out["betweenness"] = between.to_numpy()
    out["pagerank"] = pagerank(T, weight=weight).reindex(ids).to_numpy()
    holes = structural_holes(T, weight=weight).reindex(ids)
    out["constraint"] = holes["constraint"].to_numpy()
    out["effective_size"] = holes["effective_size"].to_numpy()
    cores = nx.core_number(T) if T.number_of_nodes() else {}
    out["core_number"] = [cores[n] for n in ids]
    cut = set(nx.articulation_points(T))
    out["cut_point"] = [n in cut for n in ids]
    out["degree"] = out["degree"].astype("int64")
    out["weighted_degree"] = out["weighted_degree"].astype("int64" if _int_weights(T, weight)
                                                           else float)
    out["core_number"] = out["core_number"].astype("int64")
    out = text_as_object(out.reset_index(drop=True))
    out.attrs["methods"] = {"betweenness": method}
    return out


def _int_weights(T: nx.Graph, weight: str | None) -> bool:
    if weight is None:
        return True
    return all(isinstance(d.get(weight, 1), (int, np.integer))
               for _, _, d in T.edges(data=True))


# --- cohesion -------------------------------------------------------------------------
def _avg_path_length(C: nx.Graph, *, k: int, exact_max: int, seed: int
                     ) -> tuple[float, str]:
    """Average shortest path length (hops) of the connected graph `C`; exact or from `k`
    seeded sample sources."""
    n = C.number_of_nodes()
    if n < 2:
        return math.nan, "exact"
    if n <= exact_max or k >= n:
        return nx.average_shortest_path_length(C), "exact"
    order = _order(C)
    indptr, indices = _csr(C, order)
    sources = sorted(random.Random(seed).sample(range(n), k))
    total = sum(_distance_sum(indptr, indices, s) for s in sources)
    return total / (k * (n - 1)), f"sampled k={k}"


def _distance_sum(indptr: np.ndarray, indices: np.ndarray, s: int) -> int:
    """Sum of hop distances from `s` to every node it reaches (BFS on whole arrays)."""
    seen = np.zeros(len(indptr) - 1, dtype=bool)
    seen[s] = True
    frontier = np.array([s], dtype=np.int64)
    total, d = 0, 0
    while frontier.size:
        nbr = _neighbors(indptr, indices, frontier)[1]
        nbr = np.unique(nbr[~seen[nbr]])
        seen[nbr] = True
        d += 1
        total += d * len(nbr)
        frontier = nbr
    return total


def _cohesion_row(S: nx.Graph, *, k: int, exact_max: int, seed: int) -> dict[str, Any]:
    n, m = S.number_of_nodes(), S.number_of_edges()
    comps = list(nx.connected_components(S)) if n else []
    largest: set[Any] = set()
    if comps:  # the largest component; on a tie the one with the smallest id
        biggest = max(len(c) for c in comps)
        largest = set(_order_parts([_order(c) for c in comps if len(c) == biggest])[0])
    if largest:
        apl, how = _avg_path_length(_canonical(S, largest, weight=None), k=k,
                                    exact_max=exact_max, seed=seed)
    else:
        apl, how = math.nan, "exact"
    return {
        "entities": n, "ties": m, "density": nx.density(S) if n > 1 else math.nan,
        "components": len(comps), "isolates": sum(1 for c in comps if len(c) == 1),
        "largest_component": len(largest), "avg_path_length": apl, "path_method": how,
        "bridges": sum(1 for _ in nx.bridges(S)) if m else 0,
        "cut_points": sum(1 for _ in nx.articulation_points(S)) if m else 0,
    }


def _community_graphs(T: nx.Graph) -> list[tuple[Any, nx.Graph]]:
    """``(community, graph)`` per community (sorted): its entities and the ties among
    them, nodes and edges inserted in sorted order. Built from the edge list in one pass
    (subgraph views are slow to run algorithms on, thousands of times)."""
    order = _order(T)
    rank = {n: i for i, n in enumerate(order)}
    comm = dict(T.nodes(data="community"))
    members: dict[Any, list[Any]] = {}
    for n in order:
        c = comm.get(n)
        if c is not None:
            members.setdefault(c, []).append(n)
    edges: dict[Any, list[tuple[Any, Any]]] = {}
    for u, v in T.edges():
        c = comm.get(u)
        if c is not None and c == comm.get(v):
            edges.setdefault(c, []).append((u, v) if rank[u] < rank[v] else (v, u))
    out = []
    for c in _order(members):
        S = nx.Graph()
        S.add_nodes_from(members[c])
        S.add_edges_from(sorted(edges.get(c, []), key=lambda e: (rank[e[0]], rank[e[1]])))
        out.append((c, S))
    return out


def cohesion(G: Any, *, k: int = SAMPLE_K, exact_max: int = EXACT_MAX,
             seed: int = 0) -> pd.DataFrame:
    """Cohesion of each community jurisdiction and of the whole city.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    k, exact_max, seed
        As in :func:`entity_measures`, for the average path length of a largest
        component above `exact_max` entities.

    Returns
    -------
    pandas.DataFrame
        One row per community (its entities: those whose ``community`` attribute it is,
        i.e. its jurisdiction members and its core), sorted by id, then a last row for the
        city (``level`` ``city``, ``community`` ``None``: every entity). Columns
        ``level, community, name, entities, ties, density, components, isolates,
        largest_component, avg_path_length`` (hops, on the largest component; ``NaN``
        below 2 entities), ``path_method`` (``exact`` or ``sampled k=...``), ``bridges``
        (ties whose removal disconnects their component) and ``cut_points``.

    Notes
    -----
    Density = 2m / (n(n-1)) on the entities of the scope and the ties among them (ties to
    entities of another community do not count). A jurisdiction's ties are those between
    its own entities; the city row counts every tie.

    Examples
    --------
    >>> import networkx as nx
    >>> row = cohesion(nx.path_graph(4)).iloc[-1]
    >>> float(row["density"]), round(float(row["avg_path_length"]), 4), int(row["bridges"])
    (0.5, 1.6667, 3)
    """
    _check_k(k, exact_max)
    T = _ties(G)
    names = _community_names(G)
    rows = []
    for cid, S in _communities(G, T):
        rows.append({"level": "community", "community": cid,
                     "name": names.get(cid, cid), **_cohesion_row(S, k=k,
                                                                 exact_max=exact_max,
                                                                 seed=seed)})
    city_name = T.graph.get("name") or "city"
    rows.append({"level": "city", "community": None, "name": city_name,
                 **_cohesion_row(T, k=k, exact_max=exact_max, seed=seed)})
    out = pd.DataFrame(rows)
    for col in ("entities", "ties", "components", "isolates", "largest_component",
                "bridges", "cut_points"):
        out[col] = out[col].astype("int64")
    out["density"] = out["density"].astype(float)
    out["avg_path_length"] = out["avg_path_length"].astype(float)
    return text_as_object(out)


def _community_names(G: Any) -> dict[str, str]:
    """Community id -> name, when `G` is a network (a tie graph has no community nodes:
    its communities are named by their ids)."""
    if isinstance(G, _Source):
        return G.names
    if _is_ties(G):
        return {}
    nodes = as_dataset(G).nodes
    comms = nodes[nodes["label"] == V.COMMUNITY]
    return dict(zip(comms["id"], comms["name"], strict=True))


# --- communities ----------------------------------------------------------------------
def detect_communities(G: Any, *, resolution: float = 1.0, weight: str | None = "weight",
                       seed: int = 0) -> pd.Series:
    """Communities of the tie graph by Louvain modularity optimization.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    resolution : float, default 1.0
        Modularity resolution (above 1: smaller clusters).
    weight : str or None, default "weight"
    seed : int, default 0

    Returns
    -------
    pandas.Series
        Cluster number per entity id (sorted), named ``cluster``: clusters numbered from
        0 by size (largest first), then by their smallest member id. An isolated entity
        is a cluster of its own.

    Notes
    -----
    :func:`networkx.community.louvain_communities` [5]_ on a canonical copy of the graph
    (nodes and edges inserted in sorted order) with the given seed, so the result does
    not depend on the graph's insertion order.

    References
    ----------
    .. [5] Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. J. Stat. Mech. P10008.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)
    >>> detect_communities(G).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    """
    T = _ties(G)
    H = _canonical(T, weight=weight)
    found = nx.community.louvain_communities(H, weight=weight, resolution=resolution,
                                             seed=seed) if len(H) else []
    parts = _order_parts([_order(c) for c in found])
    parts.sort(key=len, reverse=True)  # stable: equal sizes stay by smallest member
    label = {n: i for i, c in enumerate(parts) for n in c}
    ids = _order(T)
    return pd.Series([label[n] for n in ids], index=pd.Index(ids, name="id", dtype=object),
                     name="cluster", dtype="int64")


def _order_parts(parts: list[list[Hashable]]) -> list[list[Hashable]]:
    """Clusters (each sorted) in the order of their smallest members."""
    firsts = _order([c[0] for c in parts])
    rank = {n: i for i, n in enumerate(firsts)}
    return sorted(parts, key=lambda c: rank[c[0]])


def _contingency(a: Sequence[Any], b: Sequence[Any]) -> np.ndarray:
    if len(a) != len(b):
        raise UsageError(f"partitions of different lengths: {len(a)} and {len(b)}")
    ca = pd.factorize(pd.Series(list(a), dtype=object))[0]
    cb = pd.factorize(pd.Series(list(b), dtype=object))[0]
    table = np.zeros((ca.max(initial=-1) + 1, cb.max(initial=-1) + 1))
    np.add.at(table, (ca, cb), 1)
    return table


def normalized_mutual_info(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Normalized mutual information of two partitions (labels per item, same order).

    ``NMI = 2 I(A;B) / (H(A) + H(B))`` (arithmetic-mean normalization, the NMI_sum of
    Vinh et al. 2010 [6]_, as igraph's ``compare_communities(method="nmi")`` and
    scikit-learn's default); 1.0 when both partitions are the same single cluster.

    References
    ----------
    .. [6] Vinh, N. X., Epps, J. & Bailey, J. (2010). Information theoretic measures for
       clusterings comparison. JMLR 11, 2837-2854.

    Examples
    --------
    >>> normalized_mutual_info([0, 0, 1, 1], [1, 1, 0, 0])
    1.0
    >>> normalized_mutual_info([0, 0, 1, 1], [0, 1, 0, 1])
    0.0
    """
    table = _contingency(a, b)
    n = table.sum()
    if n == 0:
        return math.nan
    pij = table / n
    pa, pb = pij.sum(axis=1), pij.sum(axis=0)

    def entropy(p: np.ndarray) -> float:
        p = p[p > 0]
        return float(-(p * np.log(p)).sum())

    ha, hb = entropy(pa), entropy(pb)
    if ha + hb == 0:
        return 1.0
    nz = pij > 0
    mi = float((pij[nz] * np.log(pij[nz] / np.outer(pa, pb)[nz])).sum())
    return float(min(1.0, max(0.0, 2.0 * mi / (ha + hb))))


def adjusted_rand_index(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Adjusted Rand index of two partitions (Hubert & Arabie 1985 [7]_).

    ``ARI = (sum_ij C(n_ij, 2) - E) / (M - E)`` with ``E = sum_i C(a_i, 2) sum_j C(b_j, 2)
    / C(n, 2)`` and ``M = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2``; 1 for identical
    partitions, about 0 for independent ones, negative below chance. 1.0 when both
    partitions are trivial in the same way (``M == E``).

    References
    ----------
    .. [7] Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of
       Classification 2(1), 193-218.

    Examples
    --------
    >>> round(adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.2424
    """
    table = _contingency(a, b)
    n = table.sum()
    if n == 0:
        return math.nan

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) / 2).sum())

    index = pairs(table)
    sa, sb = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = sa * sb / (n * (n - 1) / 2) if n > 1 else 0.0
    top = (sa + sb) / 2
    if top == expected:
        return 1.0
    return float((index - expected) / (top - expected))


def compare_partitions(a: pd.Series, b: pd.Series) -> dict[str, Any]:
    """Agreement of two partitions of the same items (Series indexed by item id).

    Items missing (or ``None``) in either are left out.

    Returns
    -------
    dict
        ``nmi`` (:func:`normalized_mutual_info`), ``ari`` (:func:`adjusted_rand_index`),
        ``entities`` (items compared), ``clusters`` and ``communities`` (number of
        distinct labels in `a` and `b` over those items).

    Examples
    --------
    >>> import pandas as pd
    >>> compare_partitions(pd.Series({"x": 0, "y": 0, "z": 1}),
    ...                    pd.Series({"x": "c1", "y": "c1", "z": "c2"}))["nmi"]
    1.0
    """
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna()
    both = both.loc[_order(both.index)]
    return {
        "nmi": normalized_mutual_info(both["a"].tolist(), both["b"].tolist()),
        "ari": adjusted_rand_index(both["a"].tolist(), both["b"].tolist()),
        "entities": len(both), "clusters": int(both["a"].nunique()),
        "communities": int(both["b"].nunique()),
    }


def _administrative(T: nx.Graph, *, include_isolates: bool) -> pd.Series:
    nodes = _nodes_frame(T).set_index("id")["community"]
    if not include_isolates:
        nodes = nodes[[T.degree(n) > 0 for n in nodes.index]]
    return nodes.dropna()


def crossing_clusters(G: Any, partition: pd.Series | None = None, *, seed: int = 0,
                      resolution: float = 1.0) -> pd.DataFrame:
    """Detected clusters whose entities come from more than one community.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    partition : pandas.Series, optional
        Cluster per entity id (default: :func:`detect_communities` with `seed` and
        `resolution`).

    Returns
    -------
    pandas.DataFrame
        One row per cluster spanning two or more communities, sorted by cluster number:
        ``cluster, entities`` (all its entities), ``communities`` (number of communities
        among them), ``outside`` (entities without a community: municipal organs, higher
        committees), ``main_community``, ``main_name`` and ``main_share`` (the community
        holding most of its entities with a community, and its share),
        ``community_ids`` (sorted list) and ``community_names`` (list, same order).
    """
    T = _ties(G)
    part = detect_communities(T, seed=seed, resolution=resolution) if partition is None \
        else partition
    nodes = _nodes_frame(T).set_index("id")
    names = _community_names(G)
    nodes["cluster"] = part.reindex(nodes.index)
    rows = []
    for cl, grp in nodes.dropna(subset=["cluster"]).groupby("cluster", sort=True):
        comms = grp["community"].dropna()
        if comms.nunique() < 2:
            continue
        counts = comms.value_counts()
        top = _order(counts[counts == counts.max()].index)[0]
        ids = _order(counts.index)
        rows.append({
            "cluster": int(cl), "entities": len(grp), "communities": len(ids),
            "outside": int(grp["community"].isna().sum()), "main_community": top,
            "main_name": names.get(top, top), "main_share": float(counts.max() / len(comms)),
            "community_ids": ids, "community_names": [names.get(c, c) for c in ids],
        })
    cols = ["cluster", "entities", "communities", "outside", "main_community", "main_name",
            "main_share", "community_ids", "community_names"]
    return text_as_object(pd.DataFrame(rows, columns=cols))


# --- is the core central? -------------------------------------------------------------
def core_centrality(G: Any, *, entities: pd.DataFrame | None = None) -> pd.DataFrame:
    """Is the core (the community Party organization) central in its jurisdiction?

    For each community with a core, betweenness (normalized, exact) and degree are
    computed on the jurisdiction's own tie graph: its entities (jurisdiction members and
    core) and the ties among them.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    entities : pandas.DataFrame, optional
        :func:`entity_measures` of the same graph; when given, ``city_rank`` (the core's
        rank by city-wide betweenness among its community's entities) is added.

    Returns
    -------
    pandas.DataFrame
        One row per community with a core, sorted by id: ``community, name, core,
        core_name, entities`` (in the jurisdiction graph), ``core_degree``,
        ``core_betweenness``, ``rank`` (1 = highest betweenness; ties, within 1e-12, share
        the best rank),
        ``top`` / ``top_name`` / ``top_betweenness`` (the most between entity, smallest id
        on a tie) and ``core_is_top`` (``rank == 1``).

    Examples
    --------
    >>> cc = core_centrality(ds)                                  # doctest: +SKIP
    >>> cc["core_is_top"].mean()  # share where the core brokers most # doctest: +SKIP
    """
    T = _ties(G)
    names = _community_names(G)
    city = None
    if entities is not None:
        city = dict(zip(entities["id"], entities["betweenness"], strict=True))
    is_core = dict(T.nodes(data="core"))
    rows = []
    for cid, S in _communities(G, T):
        cores = [n for n in S if is_core.get(n)]
        if not cores:
            continue
        core = cores[0]  # nodes are in sorted order
        b = nx.betweenness_centrality(S, normalized=True)
        best = max(b.values())
        top = next(n for n in S if b[n] == best)
        row = {
            "community": cid, "name": names.get(cid, cid), "core": core,
            "core_name": T.nodes[core].get("name"), "entities": S.number_of_nodes(),
            "core_degree": S.degree(core), "core_betweenness": float(b[core]),
            "rank": 1 + sum(1 for x in b.values() if x > b[core] + _EPS), "top": top,
            "top_name": T.nodes[top].get("name"), "top_betweenness": float(best),
        }
        if city is not None:
            row["city_rank"] = 1 + sum(1 for n in S if city[n] > city[core] + _EPS)
        rows.append(row)
    cols = ["community", "name", "core", "core_name", "entities", "core_degree",
            "core_betweenness", "rank", "top", "top_name", "top_betweenness"]
    if city is not None:
        cols.append("city_rank")
    out = pd.DataFrame(rows, columns=cols)
    out["core_is_top"] = out["rank"] == 1
    return text_as_object(out)


# --- everything -----------------------------------------------------------------------
def _num(x: Any) -> Any:
    if x is None or x is pd.NA:
        return None
    if isinstance(x, (np.bool_, bool)):
        return bool(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, (list, tuple)):
        return [_num(v) for v in x]
    return x


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    cols = list(frame.columns)
    return [{c: _num(v) for c, v in zip(cols, row, strict=True)}
            for row in frame.itertuples(index=False, name=None)]


@dataclass(frozen=True, eq=False)
class MeasuresResult:
    """Everything :func:`measures` computed. DataFrames for researchers; :meth:`to_dict`
    is the stable JSON document (``"schema": 1``).

    Attributes
    ----------
    meta : dict
        ``name``, ``snapshot``, ``description`` of the dataset.
    entities : DataFrame
        :func:`entity_measures`.
    cohesion : DataFrame
        :func:`cohesion` (communities, then the city row).
    clusters : Series
        :func:`detect_communities`.
    comparison : dict
        :func:`compare_partitions` of the clusters with the administrative communities,
        over the entities that have a community and at least one tie.
    crossing : DataFrame
        :func:`crossing_clusters`.
    cores : DataFrame
        :func:`core_centrality` (with ``city_rank``).
    methods : dict
        How each estimate was computed (betweenness exact or sampled, path lengths,
        Louvain seed and resolution).
    """

    meta: dict[str, Any]
    entities: pd.DataFrame
    cohesion: pd.DataFrame
    clusters: pd.Series
    comparison: dict[str, Any]
    crossing: pd.DataFrame
    cores: pd.DataFrame
    methods: dict[str, Any] = field(default_factory=dict)

    @property
    def city(self) -> dict[str, Any]:
        """The city-wide cohesion row as a dict."""
        return {k: _num(v) for k, v in self.cohesion.iloc[-1].items()}

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: ``schema``, ``dataset``, ``methods``, ``city``,
        ``communities`` (cohesion rows), ``comparison``, ``crossing_clusters``, ``cores``
        and ``entities`` (one record per entity, with its ``cluster``); floats are plain
        numbers, ``null`` for NaN."""
        ent = self.entities.copy()
        ent["cluster"] = self.clusters.reindex(ent["id"]).to_numpy()
        com = self.cohesion[self.cohesion["level"] == "community"].drop(columns="level")
        city = self.cohesion[self.cohesion["level"] == "city"].drop(
            columns=["level", "community"])
        cores = self.cores
        return {
            "schema": SCHEMA_VERSION,
            "dataset": {k: self.meta.get(k) for k in ("name", "snapshot", "description")},
            "methods": self.methods,
            "city": _records(city)[0] if len(city) else None,
            "communities": _records(com),
            "comparison": {k: _num(v) for k, v in self.comparison.items()},
            "crossing_clusters": _records(self.crossing),
            "cores": {
                "communities": len(cores),
                "core_is_top": int(cores["core_is_top"].sum()) if len(cores) else 0,
                "rows": _records(cores),
            },
            "entities": _records(ent),
        }


def measures(G: Any, *, weight: str | None = "weight", k: int = SAMPLE_K,
             exact_max: int = EXACT_MAX, seed: int = 0, resolution: float = 1.0
             ) -> MeasuresResult:
    """All network measures of a network at once.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    weight, k, exact_max, seed
        As in :func:`entity_measures` (`seed` also seeds Louvain).
    resolution : float, default 1.0
        Louvain resolution.

    Returns
    -------
    MeasuresResult

    Examples
    --------
    >>> r = measures(gk.read_dataset("data/sihui"))                # doctest: +SKIP
    >>> r.city["density"], r.comparison["nmi"]                     # doctest: +SKIP
    """
    _check_k(k, exact_max)
    T = _ties(G)
    src = _Source(T, _community_names(G))
    meta = {key: T.graph.get(key) for key in ("name", "snapshot", "description")}
    ent = entity_measures(T, weight=weight, k=k, exact_max=exact_max, seed=seed)
    coh = cohesion(src, k=k, exact_max=exact_max, seed=seed)
    clusters = detect_communities(T, resolution=resolution, weight=weight, seed=seed)
    admin = _administrative(T, include_isolates=False)
    comparison = compare_partitions(clusters, admin)
    crossing = crossing_clusters(src, clusters)
    cores = core_centrality(src, entities=ent)
    city_path = coh.iloc[-1]["path_method"]
    methods = {
        **ent.attrs["methods"],
        "avg_path_length": {"method": city_path, "exact_max": exact_max, "seed": seed},
        "communities": {"method": "louvain", "seed": seed, "resolution": resolution,
                        "weight": weight},
        "structural_holes": {"method": "exact", "weight": weight},
        "pagerank": {"alpha": 0.85, "weight": weight},
    }
    ent.attrs["methods"] = methods
    return MeasuresResult(meta=meta, entities=ent, cohesion=coh, clusters=clusters,
                          comparison=comparison, crossing=crossing, cores=cores,
                          methods=methods)


def _is_ties(G: Any) -> bool:
    return isinstance(G, nx.Graph) and not G.is_directed() and not G.is_multigraph()
