"""Brokerage: Burt's structural holes (constraint and effective size) of every entity."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._source import Ties, prepare

__all__ = ["structural_holes"]


def structural_holes(G: Any, *, weight: str | None = "weight") -> pd.DataFrame:
    """Burt's constraint and effective size of every entity.

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
    the n neighbors).

    The constraint is igraph's ``Graph.constraint`` (equal to this definition and to hand
    values in the tests). igraph has no effective size: it is summed here over the graph's
    triangles (igraph's ``list_triangles``), since ``sum_{j in N(i)} sum_q p_iq m_jq`` runs
    over the ordered pairs (j, q) of i's triangles.

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
    ties = prepare(G)
    index = ties.index()
    if ties.n == 0:
        return pd.DataFrame({"constraint": [], "effective_size": []}, index=index)
    w = ties.weights(weight)
    constraint = np.asarray(ties.g.constraint(weights=w), dtype=float)
    out = pd.DataFrame({"constraint": constraint, "effective_size": _effective_size(ties, w)},
                       index=index)
    isolated = np.asarray(ties.g.degree()) == 0
    out.loc[isolated, :] = np.nan
    return out


def _effective_size(ties: Ties, w: list[float] | None) -> np.ndarray:
    """Burt's effective size of every vertex (see :func:`structural_holes`)."""
    g = ties.g
    n = g.vcount()
    weights = np.ones(g.ecount()) if w is None else np.asarray(w, dtype=float)
    edges = ties.edges()
    strength = np.bincount(edges.ravel(), weights=np.repeat(weights, 2), minlength=n)
    wmax = np.zeros(n)
    np.maximum.at(wmax, edges[:, 0], weights)
    np.maximum.at(wmax, edges[:, 1], weights)
    esize = np.asarray(g.degree(), dtype=float)
    tri = np.asarray(g.list_triangles(), dtype=np.int64).reshape(-1, 3)
    if len(tri):
        a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
        eid = np.asarray(g.get_eids(np.column_stack([a, b, b, c, a, c]).reshape(-1, 2)
                                    .tolist()), dtype=np.int64).reshape(-1, 3)
        w_ab, w_bc, w_ac = weights[eid[:, 0]], weights[eid[:, 1]], weights[eid[:, 2]]
        # for i, the pairs (j, q) of its triangle: p_iq m_jq + p_ij m_qj
        redundant = np.zeros(n)
        for i, wij, wiq, wjq, j, q in ((a, w_ab, w_ac, w_bc, b, c), (b, w_ab, w_bc, w_ac, a, c),
                                       (c, w_ac, w_bc, w_ab, a, b)):
            share = (wiq * wjq / wmax[j] + wij * wjq / wmax[q]) / strength[i]
            np.add.at(redundant, i, share)
        esize -= redundant
    return esize
