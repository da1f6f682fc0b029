"""Cohesion of each community jurisdiction and of the whole city (:func:`cohesion`):
density, components, average shortest path length, bridges and cut points."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import igraph as ig
import numpy as np
import pandas as pd

from ...network._frames import text_as_object
from .._analysis import run_starts
from .._measure_defaults import EXACT_MAX, SAMPLE_K
from . import _beside
from ._source import Ties, check_k, is_exact, prepare, sample

__all__ = ["cohesion"]

_INT_COLS = ("entities", "ties", "components", "isolates", "largest_component", "bridges",
             "cut_points")


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
        largest_component`` (on a tie, the component with the smallest id),
        ``avg_path_length`` (hops, on the largest component; ``NaN`` below 2 entities),
        ``path_method`` (``exact`` or ``sampled k=...``), ``bridges`` (ties whose removal
        disconnects their component) and ``cut_points``.

    Notes
    -----
    Density = 2m / (n(n-1)) on the entities of the scope and the ties among them (ties to
    entities of another community do not count). A jurisdiction's ties are those between
    its own entities; the city row counts every tie. The average path length of a
    component of N entities is the mean distance over its ordered pairs, exact when
    N <= `exact_max` or `k` >= N, else the mean distance from `k` seeded sample sources
    to the other N - 1 entities; each source's sum of distances is the inverse of its
    (not normalized) closeness in igraph, so one call serves every jurisdiction.
    Components, bridges and cut points are igraph's, on the union of the jurisdictions'
    graphs (they are disjoint) and on the city's.

    Examples
    --------
    >>> import networkx as nx
    >>> row = cohesion(nx.path_graph(4)).iloc[-1]
    >>> float(row["density"]), round(float(row["avg_path_length"]), 4), int(row["bridges"])
    (0.5, 1.6667, 3)
    """
    check_k(k, exact_max)
    ties = prepare(G)
    start_cohesion(ties, k=k, exact_max=exact_max, seed=seed)
    local_rows, city_rows = ties._cache[("cohesion", k, exact_max, seed)]
    _, cids = ties.community_codes()
    local = local_rows()
    local.insert(0, "name", [ties.names.get(c, c) for c in cids])
    local.insert(0, "community", pd.Series(cids, dtype=object))
    local.insert(0, "level", "community")
    city = city_rows()
    city.insert(0, "name", ties.meta.get("name") or "city")
    city.insert(0, "community", None)
    city.insert(0, "level", "city")
    out = pd.concat([local, city], ignore_index=True) if len(local) else city
    for col in _INT_COLS:
        out[col] = out[col].astype("int64")
    out["community"] = out["community"].astype(object)
    out["density"] = out["density"].astype(float)
    out["avg_path_length"] = out["avg_path_length"].astype(float)
    return text_as_object(out)


def start_cohesion(ties: Ties, *, k: int, exact_max: int, seed: int) -> None:
    """Start the path lengths of :func:`cohesion` of `ties` now (beside this process when
    they are a large job, :mod:`._beside`), so that other measures run meanwhile."""
    key = ("cohesion", k, exact_max, seed)
    if key not in ties._cache:
        codes, cids = ties.community_codes()
        opts = {"k": k, "exact_max": exact_max, "seed": seed}
        ties._cache[key] = (
            _rows(*ties.intra_edges(), codes, len(cids), **opts),
            _rows(ties.g, ties.edges(), np.zeros(ties.n, dtype=np.int64), 1,
                  membership=ties.components()[0], **opts))


def _rows(g: ig.Graph, edges: np.ndarray, codes: np.ndarray, groups: int, *, k: int,
          exact_max: int, seed: int, membership: np.ndarray | None = None
          ) -> Callable[[], pd.DataFrame]:
    """Cohesion of each group of vertices (``codes``: group per vertex, -1 for none) of a
    graph (and its edges, as :meth:`Ties.edges`; its components' `membership` when known)
    none of whose edges joins two groups: the path lengths started, the rows made when the
    returned function is called."""
    n = g.vcount()
    member = codes >= 0
    size = np.bincount(codes[member], minlength=groups)
    ecode = codes[edges[:, 0]]
    m = np.bincount(ecode, minlength=groups)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = np.where(size > 1, 2.0 * m / (size * (size - 1.0)), np.nan)
    if membership is not None:
        memb = membership
    elif n:
        memb = np.asarray(g.connected_components().membership, dtype=np.int64)
    else:
        memb = np.zeros(0, dtype=np.int64)
    csize = np.bincount(memb)
    first = np.full(len(csize), n, dtype=np.int64)
    np.minimum.at(first, memb, np.arange(n))
    ccode = codes[first] if len(csize) else np.zeros(0, dtype=np.int64)
    keep = ccode >= 0
    components = np.bincount(ccode[keep], minlength=groups)
    isolates = np.bincount(ccode[keep & (csize == 1)], minlength=groups)
    # the largest component of each group: biggest, then smallest first vertex
    by = np.lexsort((first, -csize, ccode))
    by = by[keep[by]]
    lead = by[run_starts(ccode[by])]
    largest = np.zeros(groups, dtype=np.int64)
    largest[ccode[lead]] = csize[lead]
    verts = np.argsort(memb, kind="stable")
    starts = np.r_[0, np.cumsum(csize)]
    how = np.full(groups, "exact", dtype=object)
    sources, owner = [], []
    for comp in lead[csize[lead] >= 2]:
        members = verts[starts[comp]:starts[comp + 1]]
        if not is_exact(len(members), k=k, exact_max=exact_max):
            members = sample(members, k, seed)
            how[ccode[comp]] = f"sampled k={k}"
        sources.append(members)
        owner.append(np.full(len(members), ccode[comp]))
    pending = None
    if sources:
        # closeness (not normalized) = 1 / the sum of distances to the rest of the
        # component: the BFS from every source, beside this process when it is long
        src = np.concatenate(sources)
        pending = _beside.start(g, "closeness", {"vertices": src.tolist(),
                                                 "normalized": False},
                                work=_beside.bfs_work(memb, edges, src), edges=edges)

    def finish() -> pd.DataFrame:
        bridges = np.bincount(ecode[np.asarray(g.bridges(), dtype=np.int64)],
                              minlength=groups)
        cuts = codes[np.asarray(g.articulation_points(), dtype=np.int64)]
        cut_points = np.bincount(cuts[cuts >= 0], minlength=groups)
        apl = np.full(groups, np.nan)
        if pending is not None:
            grp = np.concatenate(owner)
            far = np.rint(1.0 / pending.result())
            total = np.bincount(grp, weights=far, minlength=groups)
            count = np.bincount(grp, minlength=groups)
            done = count > 0
            apl[done] = total[done] / (count[done] * (largest[done] - 1.0))
        return pd.DataFrame({
            "entities": size, "ties": m, "density": density, "components": components,
            "isolates": isolates, "largest_component": largest, "avg_path_length": apl,
            "path_method": how, "bridges": bridges, "cut_points": cut_points,
        })

    return finish
