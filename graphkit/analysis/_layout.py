"""Positions of the networks graphkit draws: the same picture in a figure
(:mod:`graphkit.plot`), the notebook explorer (:func:`graphkit.view`) and a Gephi file
(``graphkit convert --organizations``).

Every layout is deterministic: the same network (in any insertion order) and seed give the
same positions.

Examples
--------
>>> import networkx as nx
>>> pos = tie_layout(nx.path_graph(4), seed=0)
>>> sorted(pos) == [0, 1, 2, 3] and pos == tie_layout(nx.path_graph(4), seed=0)
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["CIRCLE_RADII", "circle_layout", "node_sizes", "ring", "tie_layout"]

#: Radii of the sub-core and pan-core rings and of the outer ring (the unlinked members)
#: of :func:`circle_layout`; without a core the members sit on a ring of 1.6.
CIRCLE_RADII = (1.0, 2.0, 3.0)
#: Components larger than this are laid out by igraph's grid Fruchterman-Reingold (linear
#: time per iteration) instead of networkx's spring layout (quadratic).
_SPRING_MAX = 2000


def ring(n: int, radius: float, offset: float = 0.0) -> np.ndarray:
    """`n` points evenly spaced on a circle of `radius`, the first at angle `offset`.

    Examples
    --------
    >>> ring(2, 1.0).round(6).tolist()
    [[1.0, 0.0], [-1.0, 0.0]]
    """
    if n == 0:
        return np.zeros((0, 2))
    angles = offset + 2 * math.pi * np.arange(n) / n
    return np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])


def _ordered(members: list[str], anchors: dict[str, float], tie_map: dict[str, set[str]]
             ) -> list[str]:
    """`members` in ring order: each next to the members it is tied to (circular mean of
    their angles), the untied ones after them in id order."""
    def angle(m: str) -> float:
        near = [anchors[a] for a in tie_map.get(m, ()) if a in anchors]
        if not near:
            return 10.0 + sorted(members).index(m)
        return float(np.arctan2(np.mean(np.sin(near)), np.mean(np.cos(near))) % (2 * np.pi))
    return sorted(members, key=lambda m: (angle(m), m))


def circle_layout(by_role: dict[str, list[str]], tie_map: dict[str, set[str]]
                  ) -> dict[str, tuple[float, float]]:
    """Positions of one community's "one core, two circles": the core at the centre, the
    sub-core on the inner ring, the pan-core on the middle ring (each member next to the
    members it is tied to), the unlinked on the outer ring, the external partners in a
    column on the right. Without a core, the members sit on a ring of 1.6.

    Parameters
    ----------
    by_role : dict
        Role (:data:`graphkit.vocab.ROLES`) -> member ids; the lists are put in ring order
        in place (sorted ids; the pan-core by ties).
    tie_map : dict
        Member id -> ids it is tied to.

    Returns
    -------
    dict
        Member id -> (x, y).

    Examples
    --------
    >>> pos = circle_layout({"core": ["c"], "sub_core": ["a"], "pan_core": [],
    ...                      "unlinked": ["u"], "external": ["x"]}, {})
    >>> pos["c"], pos["x"]
    ((0.0, 0.0), (4.5, 0.0))
    """
    r_sub, r_pan, r_out = CIRCLE_RADII
    core = by_role.get("core") or []
    pos: dict[str, tuple[float, float]] = {}
    if core:
        pos[core[0]] = (0.0, 0.0)
    else:
        r_out = 1.6
    anchors: dict[str, float] = {}
    for role, radius, offset in (("sub_core", r_sub, math.pi / 2),
                                 ("pan_core", r_pan, math.pi / 2 + 0.2),
                                 ("unlinked", r_out, math.pi / 2 + 0.1)):
        members = by_role.get(role) or []
        ms = _ordered(members, anchors, tie_map) if role == "pan_core" else sorted(members)
        by_role[role] = ms
        for m, xy in zip(ms, ring(len(ms), radius, offset), strict=True):
            pos[m] = (float(xy[0]), float(xy[1]))
            anchors[m] = float(math.atan2(xy[1], xy[0]) % (2 * math.pi))
    ext = sorted(by_role.get("external") or [])
    by_role["external"] = ext
    x_ext = r_out + 1.5
    for i, m in enumerate(ext):
        pos[m] = (x_ext, r_out - 2 * r_out * (i + 0.5) / max(len(ext), 1))
    return pos


def _component_layout(H: nx.Graph, nodes: list[Any], seed: int, scale: float = 1.0
                      ) -> dict[Any, tuple[float, float]]:
    """A force layout of one component (nodes in the given order) centred on 0."""
    if len(nodes) <= _SPRING_MAX:
        sub = nx.spring_layout(H.subgraph(nodes), seed=seed, weight="weight", scale=scale)
        return {n: (float(sub[n][0]), float(sub[n][1])) for n in nodes}
    import igraph as ig

    index = {n: i for i, n in enumerate(nodes)}
    edges = sorted((min(index[u], index[v]), max(index[u], index[v]))
                   for u, v in H.subgraph(nodes).edges())
    g = ig.Graph(n=len(nodes), edges=edges)
    ig.set_random_number_generator(random.Random(seed))  # igraph's own start, seeded
    try:
        xy = np.array(g.layout_fruchterman_reingold(grid=True, niter=500).coords)
    finally:
        ig.set_random_number_generator(random)
    xy -= xy.mean(axis=0)
    xy *= scale / (np.abs(xy).max() or 1.0)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy, strict=True)}


def tie_layout(H: nx.Graph, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Force layout of the largest component in [-1, 1]; the other components in rows
    below it (each a small force layout, or a point; more per row when there are many).

    The components and their nodes are taken in sorted order, so the same network gives
    the same positions whatever its insertion order. Up to 2,000 nodes a component gets
    networkx's spring layout (Fruchterman-Reingold, seeded); a larger one igraph's grid
    variant with igraph's random numbers from ``random.Random(seed)``.

    Parameters
    ----------
    H : networkx.Graph
        Undirected; an edge ``weight`` pulls its ends together.
    seed : int, default 0

    Returns
    -------
    dict
        Node -> (x, y).
    """
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)),
                   key=lambda c: (-len(c), str(c[0])))
    if not comps:
        return {}
    pos = _component_layout(H, comps[0], seed)
    if len(comps[0]) == 1:
        pos = {comps[0][0]: (0.0, 0.0)}
    # the rest in rows of 8, or more per row when there are many (the block below the
    # largest component stays about as tall as two rows of 8)
    per_row = max(8, math.ceil(math.sqrt(6 * (len(comps) - 1))))
    shrink = 8 / per_row
    for i, comp in enumerate(comps[1:]):
        cx = -1.0 + 2.0 * (i % per_row + 0.5) / per_row
        cy = -1.3 - 0.3 * shrink * (i // per_row)
        sub = _component_layout(H, comp, seed, scale=0.06 * shrink) \
            if len(comp) > 1 else {comp[0]: (0.0, 0.0)}
        for n in comp:
            pos[n] = (cx + sub[n][0], cy + sub[n][1])
    return pos



def node_sizes(values: Iterable[Any], *, smallest: float = 3.0, largest: float = 15.0
               ) -> np.ndarray:
    """Node sizes for a measure: from `smallest` to `largest` by the square root of each
    value over the largest (area grows with the value); missing or negative values, and
    all values when none is positive, get `smallest` + 2.

    Examples
    --------
    >>> node_sizes([0, 1, 4]).tolist()
    [3.0, 9.0, 15.0]
    """
    v = np.array([np.nan if x is None else x for x in values], dtype=float)
    v = np.where(np.isnan(v) | (v < 0), 0.0, v)
    top = float(v.max()) if len(v) else 0.0
    if top <= 0:
        return np.full(len(v), smallest + 2.0)
    return smallest + (largest - smallest) * np.sqrt(v / top)
