"""Centrality: every entity's degree, betweenness, PageRank, k-core and cut point (with its
brokerage, :func:`entity_measures`), and whether each community's core is central in its own
jurisdiction (:func:`core_centrality`)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ... import vocab as V
from ...network._frames import codes, text_as_object
from .._measure_defaults import EXACT_MAX, SAMPLE_K
from . import _beside
from ._source import EPS, Ties, check_k, prepare, sample
from .brokerage import structural_holes

__all__ = ["core_centrality", "entity_measures", "pagerank"]


def pagerank(G: Any, *, alpha: float = 0.85, weight: str | None = "weight") -> pd.Series:
    """PageRank of every entity of the tie graph.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    alpha : float, default 0.85
        Damping factor.
    weight : str or None, default "weight"
        Edge attribute used as tie strength (``None``: every tie counts 1).

    Returns
    -------
    pandas.Series
        Indexed by entity id (sorted), summing to 1.

    Notes
    -----
    The random surfer follows a tie with probability proportional to its weight, and
    jumps to a uniformly chosen entity with probability ``1 - alpha`` (or always, from an
    isolated entity) [8]_; igraph's PRPACK solver.

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
    ties = prepare(G)
    values = ties.g.pagerank(directed=False, damping=alpha, weights=ties.weights(weight)) \
        if ties.n else []
    return pd.Series(values, index=ties.index(), name="pagerank", dtype=float)


def start_betweenness(ties: Ties, *, k: int, exact_max: int, seed: int) -> None:
    """Start :func:`entity_measures`' betweenness of `ties` now, beside this process when
    it is a large job (:mod:`._beside`), so that the other measures run meanwhile; the
    values are the same as when it runs at its turn."""
    key = ("betweenness", k, exact_max, seed)
    if key in ties._cache:
        return
    n = ties.n
    membership, sizes = ties.components()
    vsize = sizes[membership]
    exact = (vsize >= 3) & ((vsize <= exact_max) | (vsize <= k))  # is_exact, per vertex
    sources = [np.flatnonzero(exact)]
    scale = np.ones(n)
    sampled = []
    for comp in np.flatnonzero(sizes > max(exact_max, k, 2)):  # not is_exact, 3 or more
        members = np.flatnonzero(membership == comp)
        sources.append(sample(members, k, seed))
        scale[members] = len(members) / k
        sampled.append(len(members))
    chosen = np.sort(np.concatenate(sources))
    pending = None
    if len(chosen):
        edges = ties.edges()
        pending = _beside.start(ties.g, "betweenness",
                                {"directed": False, "sources": chosen.tolist()},
                                work=_beside.bfs_work(membership, edges, chosen), edges=edges)
    if sampled:
        method = {"method": "sampled", "k": k, "seed": seed, "exact_max": exact_max,
                  "sampled_components": sorted(sampled, reverse=True),
                  "estimator": "brandes-pich"}
    else:
        method = {"method": "exact", "exact_max": exact_max}
    ties._cache[key] = pending, scale, method


def _betweenness(ties: Ties, *, k: int, exact_max: int, seed: int
                ) -> tuple[np.ndarray, dict[str, Any]]:
    """Normalized betweenness of every vertex, exact on a component of at most
    `exact_max` entities, estimated from `k` sample sources on a larger one; and the
    method used (see :func:`entity_measures`)."""
    start_betweenness(ties, k=k, exact_max=exact_max, seed=seed)
    pending, scale, method = ties._cache[("betweenness", k, exact_max, seed)]
    n = ties.n
    raw = pending.result() if pending is not None else np.zeros(n)
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return raw * scale * norm, method


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
    divided by ``(n-1)(n-2)/2`` with n all entities [1]_, by igraph's Brandes algorithm
    [2]_. No path crosses components, so each is treated on its own: exact on a component
    of at most `exact_max` entities (or when `k` covers it); on a larger component C the
    sum over sources is estimated from `k` sources drawn uniformly without replacement
    (seeded) and scaled by ``|C| / k`` — the unbiased estimator of Brandes & Pich (2007),
    computed as igraph's subset betweenness from those sources to every entity. Its
    accuracy (rank correlation with exact betweenness on a 20,894-entity component) is
    measured in ``BENCHMARKS.md``. Every other column is exact; degrees, k-cores and cut
    points are igraph's.

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
    check_k(k, exact_max)
    ties = prepare(G)
    g = ties.g
    start_betweenness(ties, k=k, exact_max=exact_max, seed=seed)  # beside, when long
    out = ties.nodes.copy()
    out["degree"] = np.asarray(g.degree(), dtype=np.int64)
    strength = np.asarray(g.strength(weights=ties.weights(weight)), dtype=float)
    out["weighted_degree"] = strength.astype(np.int64) if ties.int_weights(weight) \
        else strength
    out["betweenness"] = np.nan  # its place; taken last, the other measures made meanwhile
    out["pagerank"] = pagerank(ties, weight=weight).to_numpy()
    holes = structural_holes(ties, weight=weight)
    out["constraint"] = holes["constraint"].to_numpy()
    out["effective_size"] = holes["effective_size"].to_numpy()
    out["core_number"] = np.asarray(g.coreness(), dtype=np.int64)
    cut = np.zeros(ties.n, dtype=bool)
    cut[g.articulation_points()] = True
    out["cut_point"] = cut
    out = text_as_object(out.reset_index(drop=True))
    out["label"] = codes(out["label"], (V.PARTY_ORG, V.UNIT))
    out["kind"] = codes(out["kind"], (*(V.KINDS[V.PARTY_ORG] or ()), *(V.KINDS[V.UNIT] or ())))
    between, method = _betweenness(ties, k=k, exact_max=exact_max, seed=seed)
    out["betweenness"] = between
    out.attrs["methods"] = {"betweenness": method}
    return out


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
        the best rank), ``top`` / ``top_name`` / ``top_betweenness`` (the most between
        entity, the smallest id among those within 1e-12 of the highest) and
        ``core_is_top`` (``rank == 1``).

    Notes
    -----
    The jurisdictions' graphs are disjoint (an entity has one community), so their
    betweenness is one igraph call on their union; a jurisdiction of n entities is
    normalized by ``(n-1)(n-2)/2``.

    Examples
    --------
    >>> import graphkit as gk
    >>> cc = core_centrality(gk.read_dataset("data/sihui"))
    >>> cc.loc[cc["community"] == "com-001", ["core_name", "rank"]].values.tolist()
    [['沙田园社区党委', 1]]
    """
    ties = prepare(G)
    codes, cids = ties.community_codes()
    cols = ["community", "name", "core", "core_name", "entities", "core_degree",
            "core_betweenness", "rank", "top", "top_name", "top_betweenness"]
    if entities is not None:
        cols.append("city_rank")
    nodes = ties.nodes
    core_mask = nodes["core"].to_numpy(dtype=bool) & (codes >= 0)
    if not core_mask.any():
        out = pd.DataFrame({c: [] for c in cols}, dtype=object)
        out["core_is_top"] = pd.Series([], dtype=bool)
        return out
    intra = ties.intra()
    size = np.bincount(codes[codes >= 0], minlength=len(cids))
    raw = np.asarray(intra.betweenness(directed=False), dtype=float)
    nv = size[np.maximum(codes, 0)].astype(float)
    b = np.where(nv > 2, raw * 2.0 / np.maximum((nv - 1) * (nv - 2), 1.0), raw)
    # the core of a community: its first (smallest id) core entity
    core_of = _first(codes, core_mask, len(cids))
    has = np.flatnonzero(core_of >= 0)
    cores = core_of[has]
    member = codes >= 0
    best = np.full(len(cids), -np.inf)
    np.maximum.at(best, codes[member], b[member])
    near = member & (b >= best[np.maximum(codes, 0)] - EPS)
    top_of = _first(codes, near, len(cids))

    def rank(values: np.ndarray) -> np.ndarray:
        above = member & (values > values[core_of[np.maximum(codes, 0)]] + EPS) & (
            core_of[np.maximum(codes, 0)] >= 0)
        return 1 + np.bincount(codes[above], minlength=len(cids))[has]

    ids, names = nodes["id"].to_numpy(dtype=object), nodes["name"].to_numpy(dtype=object)
    tops = top_of[has]
    out = pd.DataFrame({
        "community": [cids[c] for c in has],
        "name": [ties.names.get(cids[c], cids[c]) for c in has],
        "core": ids[cores], "core_name": names[cores],
        "entities": size[has].astype(np.int64),
        "core_degree": np.asarray(intra.degree(cores.tolist()), dtype=np.int64),
        "core_betweenness": b[cores], "rank": rank(b).astype(np.int64),
        "top": ids[tops], "top_name": names[tops], "top_betweenness": b[tops],
    })
    if entities is not None:
        city = pd.Series(entities["betweenness"].to_numpy(dtype=float),
                         index=entities["id"].to_numpy(dtype=object))
        out["city_rank"] = rank(city.reindex(ids).to_numpy()).astype(np.int64)
    out["core_is_top"] = out["rank"] == 1
    return text_as_object(out)


def _first(codes: np.ndarray, mask: np.ndarray, groups: int) -> np.ndarray:
    """Per group, the smallest vertex where `mask` holds (-1 when none)."""
    first = np.full(groups, np.iinfo(np.int64).max, dtype=np.int64)
    where = np.flatnonzero(mask)
    np.minimum.at(first, codes[where], where)
    return np.where(first == np.iinfo(np.int64).max, -1, first)
