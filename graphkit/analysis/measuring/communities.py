"""Does linkage follow the administrative map? Communities detected in the tie graph
(Leiden or Louvain), their modularity, their agreement with the administrative communities
(NMI, ARI) and the detected clusters that cross community lines."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from ...errors import UsageError
from ...network._frames import text_as_object
from ._source import Ties, order, prepare

__all__ = ["ALGORITHMS", "adjusted_rand_index", "compare_partitions", "crossing_clusters",
           "detect_communities", "modularity", "normalized_mutual_info"]

#: Community detection algorithms of :func:`detect_communities`.
ALGORITHMS = ("leiden", "louvain")
#: Iterations of the Leiden algorithm (igraph's default).
LEIDEN_ITERATIONS = 2


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` for the block (then back to
    the ``random`` module, igraph's default)."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _membership(ties: Ties, *, algorithm: str, resolution: float, weight: str | None,
                seed: int) -> np.ndarray:
    if algorithm not in ALGORITHMS:
        raise UsageError(f"unknown community algorithm {algorithm!r}; expected one of "
                         f"{', '.join(ALGORITHMS)}")
    if ties.n == 0:
        return np.zeros(0, dtype=np.int64)
    w = ties.weights(weight)
    with _seeded(seed):
        if algorithm == "leiden":
            found = ties.g.community_leiden(objective_function="modularity", weights=w,
                                            resolution=resolution,
                                            n_iterations=LEIDEN_ITERATIONS)
        else:
            found = ties.g.community_multilevel(weights=w, resolution=resolution)
    return np.asarray(found.membership, dtype=np.int64)


def detect_communities(G: Any, *, algorithm: str = "leiden", resolution: float = 1.0,
                       weight: str | None = "weight", seed: int = 0) -> pd.Series:
    """Communities of the tie graph by modularity optimization.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    algorithm : {"leiden", "louvain"}, default "leiden"
        Leiden (Traag, Waltman & van Eck 2019) [5]_ with the modularity objective, or
        Louvain (Blondel et al. 2008); both igraph's.
    resolution : float, default 1.0
        Modularity resolution (above 1: smaller clusters).
    weight : str or None, default "weight"
    seed : int, default 0
        Seed of igraph's random numbers during the run.

    Returns
    -------
    pandas.Series
        Cluster number per entity id (sorted), named ``cluster``: clusters numbered from
        0 by size (largest first), then by their smallest member id. An isolated entity
        is a cluster of its own.

    Notes
    -----
    The graph is given to igraph in a canonical order (vertices and edges sorted), so the
    result depends on the seed, not on the graph's insertion order. Leiden runs
    :data:`LEIDEN_ITERATIONS` iterations; unlike Louvain it guarantees connected clusters.
    Results may differ between igraph versions.

    References
    ----------
    .. [5] Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden:
       guaranteeing well-connected communities. Scientific Reports 9, 5233; Blondel,
       V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of
       communities in large networks. J. Stat. Mech. P10008.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.barbell_graph(4, 0)
    >>> detect_communities(G).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    >>> detect_communities(G, algorithm="louvain").tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    """
    ties = prepare(G)
    found = _membership(ties, algorithm=algorithm, resolution=resolution, weight=weight,
                        seed=seed)
    return pd.Series(_renumber(found), index=ties.index(), name="cluster", dtype="int64")


def _renumber(membership: np.ndarray) -> np.ndarray:
    """Cluster labels 0.. by size (largest first), then by smallest member (vertex)."""
    if len(membership) == 0:
        return membership
    _, codes = np.unique(membership, return_inverse=True)
    size = np.bincount(codes)
    first = np.full(len(size), len(codes), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(codes)))
    rank = np.empty(len(size), dtype=np.int64)
    rank[np.lexsort((first, -size))] = np.arange(len(size))
    return rank[codes]


def modularity(G: Any, partition: pd.Series, *, resolution: float = 1.0,
               weight: str | None = "weight") -> float:
    """Newman's modularity of a partition of the tie graph's entities.

    ``Q = 1/(2m) sum_ij (A_ij - gamma k_i k_j / (2m)) delta(c_i, c_j)`` (igraph's
    ``Graph.modularity``), with tie weights when `weight` is given; an entity missing
    from `partition` (or ``None``) is a cluster of its own. ``NaN`` without ties.

    Examples
    --------
    >>> import networkx as nx, pandas as pd
    >>> G = nx.barbell_graph(3, 0)
    >>> round(modularity(G, pd.Series([0, 0, 0, 1, 1, 1])), 4)
    0.3571
    """
    ties = prepare(G)
    if ties.g.ecount() == 0:
        return math.nan
    codes = pd.factorize(partition.reindex(ties.index()).astype(object))[0]
    alone = np.flatnonzero(codes < 0)
    codes[alone] = codes.max(initial=-1) + 1 + np.arange(len(alone))
    return float(ties.g.modularity(codes.tolist(), weights=ties.weights(weight),
                                   resolution=resolution, directed=False))


def _codes(a: Sequence[Any], b: Sequence[Any]) -> tuple[list[int], list[int]]:
    if len(a) != len(b):
        raise UsageError(f"partitions of different lengths: {len(a)} and {len(b)}")
    ca = pd.factorize(pd.Series(list(a), dtype=object))[0]
    cb = pd.factorize(pd.Series(list(b), dtype=object))[0]
    return ca.tolist(), cb.tolist()


def normalized_mutual_info(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Normalized mutual information of two partitions (labels per item, same order).

    ``NMI = 2 I(A;B) / (H(A) + H(B))`` (arithmetic-mean normalization, the NMI_sum of
    Vinh et al. 2010 [6]_; igraph's ``compare_communities(method="nmi")``); 1.0 when both
    partitions are the same single cluster, ``NaN`` for no items.

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
    ca, cb = _codes(a, b)
    if not ca:
        return math.nan
    nmi = ig.compare_communities(ca, cb, method="nmi")
    return float(min(1.0, max(0.0, nmi)))


def adjusted_rand_index(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Adjusted Rand index of two partitions (Hubert & Arabie 1985 [7]_).

    ``ARI = (sum_ij C(n_ij, 2) - E) / (M - E)`` with ``E = sum_i C(a_i, 2) sum_j C(b_j, 2)
    / C(n, 2)`` and ``M = (sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2``; 1 for identical
    partitions, about 0 for independent ones, negative below chance (igraph's
    ``compare_communities(method="adjusted_rand")``). 1.0 when both partitions are
    trivial in the same way (``M == E``: both all singletons, or both one cluster, or a
    single item); ``NaN`` for no items.

    References
    ----------
    .. [7] Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of
       Classification 2(1), 193-218.

    Examples
    --------
    >>> round(adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]), 4)
    0.2424
    """
    ca, cb = _codes(a, b)
    if not ca:
        return math.nan
    if len(ca) == 1:
        return 1.0
    ari = ig.compare_communities(ca, cb, method="adjusted_rand")
    return 1.0 if math.isnan(ari) else float(ari)


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
    if not both.index.is_monotonic_increasing:  # the entities' index already is sorted
        both = both.loc[order(both.index)]
    la, lb = both["a"].tolist(), both["b"].tolist()
    return {
        "nmi": normalized_mutual_info(la, lb), "ari": adjusted_rand_index(la, lb),
        "entities": len(both), "clusters": int(both["a"].nunique()),
        "communities": int(both["b"].nunique()),
    }


def administrative(G: Any, *, include_isolates: bool = False) -> pd.Series:
    """Each entity's administrative community (entities without one left out; isolates
    too unless `include_isolates`), indexed by entity id."""
    ties = prepare(G)
    comm = pd.Series(ties.nodes["community"].to_numpy(dtype=object), index=ties.index(),
                     name="community")
    if not include_isolates:
        comm = comm[np.asarray(ties.g.degree()) > 0]
    return comm.dropna()


_CROSSING_COLS = ["cluster", "entities", "communities", "outside", "main_community",
                  "main_name", "main_share", "community_ids", "community_names"]


def crossing_clusters(G: Any, partition: pd.Series | None = None, *, seed: int = 0,
                      resolution: float = 1.0, algorithm: str = "leiden") -> pd.DataFrame:
    """Detected clusters whose entities come from more than one community.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    partition : pandas.Series, optional
        Cluster per entity id (default: :func:`detect_communities` with `algorithm`,
        `seed` and `resolution`).

    Returns
    -------
    pandas.DataFrame
        One row per cluster spanning two or more communities, sorted by cluster number:
        ``cluster, entities`` (all its entities), ``communities`` (number of communities
        among them), ``outside`` (entities without a community: municipal organs, higher
        committees), ``main_community``, ``main_name`` and ``main_share`` (the community
        holding most of its entities with a community — the smallest id on a tie — and
        its share), ``community_ids`` (sorted list) and ``community_names`` (list, same
        order).

    Examples
    --------
    >>> import graphkit as gk
    >>> cross = crossing_clusters(gk.read_dataset("data/sihui"))
    >>> bool((cross["communities"] >= 2).all())
    True
    """
    ties = prepare(G)
    part = detect_communities(ties, seed=seed, resolution=resolution, algorithm=algorithm) \
        if partition is None else partition
    codes, cids = ties.community_codes()
    cl = part.reindex(ties.index())
    frame = pd.DataFrame({"cluster": cl.to_numpy(dtype=object), "code": codes})
    frame = frame[frame["cluster"].notna()]
    if len(frame) == 0:
        return text_as_object(pd.DataFrame(columns=_CROSSING_COLS))
    frame["cluster"] = frame["cluster"].astype("int64")
    total = frame.groupby("cluster").size()
    outside = frame[frame["code"] < 0].groupby("cluster").size()
    counts = frame[frame["code"] >= 0].groupby(["cluster", "code"]).size()
    spread = counts.groupby(level="cluster").size()
    crossing = spread.index[spread >= 2]
    counts = counts[counts.index.get_level_values("cluster").isin(crossing)]
    if len(counts) == 0:
        return text_as_object(pd.DataFrame(columns=_CROSSING_COLS))
    flat = counts.rename("n").reset_index()
    main = flat.sort_values(["cluster", "n", "code"], ascending=[True, False, True]) \
        .drop_duplicates("cluster").set_index("cluster")
    lists = flat.groupby("cluster")["code"].agg(list)
    names = [ties.names.get(c, c) for c in cids]
    inside = flat.groupby("cluster")["n"].sum()
    out = pd.DataFrame({
        "cluster": crossing.to_numpy(dtype=np.int64),
        "entities": total.reindex(crossing).to_numpy(dtype=np.int64),
        "communities": spread.reindex(crossing).to_numpy(dtype=np.int64),
        "outside": outside.reindex(crossing, fill_value=0).to_numpy(dtype=np.int64),
        "main_community": [cids[c] for c in main.loc[crossing, "code"]],
        "main_name": [names[c] for c in main.loc[crossing, "code"]],
        "main_share": (main.loc[crossing, "n"] / inside.reindex(crossing)).to_numpy(
            dtype=float),
        "community_ids": [[cids[c] for c in cs] for cs in lists.reindex(crossing)],
        "community_names": [[names[c] for c in cs] for cs in lists.reindex(crossing)],
    })
    return text_as_object(out)
