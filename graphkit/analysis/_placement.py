"""Optimal placement of a community's small units into joint branches (SPEC section 6, item 2).

The problem
-----------
A community has small units (``1 <= members < m``) and existing joint organizations, each
with spare room: ``s_j`` more units and ``b_j`` more members. A unit may join an existing
organization (its load after joining stays within both caps), or several units form a new
joint branch of ``2..J`` units whose members sum to ``m..B``. Among all placements we want,
in this order (a lexicographic objective):

1. the most units placed;
2. the fewest new joint branches;
3. the most units joining existing organizations;
4. the placed *set* chosen greedily: units in order of members descending (then status
   ``none`` before ``instructor``, then id), each placed whenever some plan that is optimal
   for 1-3 places it together with the units already chosen.

This is a capacitated clustering / bin-packing problem with cardinality constraints
(Mulvey & Beck 1984; Martello & Toth 1990, ch. 8), NP-hard in general. It becomes easy here
because the item sizes are tiny integers: members lie in ``1..m-1`` (``m`` = 3 by the
Party's rule, so only the sizes 1 and 2 occur). Units of equal size are interchangeable for
feasibility, so a placement is described by *count vectors* over the distinct sizes
present, ``c = (c_v)``, ``0 <= c_v <= n_v``. This is the classic pattern (configuration)
view of cutting stock (Gilmore & Gomory 1961): a new branch is a *pattern* ``p``, a
multiset of sizes with ``2 <= |p| <= J`` and ``m <= sum(p) <= B``; an existing organization
``j`` takes a pattern ``q`` with ``|q| <= s_j`` and ``sum(q) <= b_j``.

The method: an exact dynamic programme over the lattice of count vectors ``0 <= c <= n``
(a lattice of ``prod(n_v + 1)`` states, e.g. 36 for a community with five small units of
each size):

* ``G(f)`` = the fewest new branches that hold exactly the units ``f``
  (``G(0) = 0``, ``G(f) = 1 + min_p G(f - p)``): an unbounded knapsack on the lattice,
  computed in one pass by levels of ``|f|`` (a branch holds 2 or more units, so a level
  only reads lower ones), whole levels at a time on numpy arrays;
* ``V_0(f) = G(f) * (N + 1) + |f|`` encodes objectives 2 and 3 as one integer
  (``|f|`` = units in new branches, ``N`` = all small units, so ``|f| <= N`` never overflows
  into the branch count);
* existing organizations are added one at a time:
  ``V_j(c) = min(V_{j-1}(c), min_q V_{j-1}(c - q))`` over the patterns ``q`` of
  organization ``j`` (a multiple-choice knapsack step; joining costs no branch and adds
  no new-branch unit);
* the answer is the feasible ``c`` with the largest ``|c|`` (objective 1), then the smallest
  ``V`` (2 and 3), then the lexicographically largest ``c`` with sizes in descending order
  (objective 4: with interchangeable units of a size, the greedy rule places, size by size
  from the largest, as many units as some optimal plan allows, and within a size the first
  ones in the order of the rule). The plan is recovered by walking the tables back.

Every feasible placement is represented by exactly its count vector, and the tables hold the
optimum of each vector, so the result is optimal by construction (the principle of
optimality of dynamic programming, Bellman 1957); the test suite also checks it against an
exhaustive search over assignments on thousands of random communities. Identical community
signatures (the counts per size and the rooms of the organizations, normalized) are solved
once and cached: a city of a million units has a few hundred distinct signatures.

A general MILP (HiGHS, CP-SAT) would also be exact, but one model per community, four
lexicographic re-solves each, costs milliseconds per community where this costs
microseconds, and needs an extra compiled dependency.

References
----------
Bellman, R. (1957). *Dynamic Programming*. Princeton University Press.
Gilmore, P. C., & Gomory, R. E. (1961). A linear programming approach to the cutting-stock
problem. *Operations Research*, 9(6), 849-859.
Martello, S., & Toth, P. (1990). *Knapsack Problems: Algorithms and Computer
Implementations*. Wiley (ch. 8, bin packing).
Mulvey, J. M., & Beck, M. P. (1984). Solving capacitated clustering problems. *European
Journal of Operational Research*, 18(3), 339-348.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ..errors import GraphkitError
from ..messages import t as _t  # `t` is a local name here

__all__ = ["MAX_STATES", "Placement", "SmallUnit", "place"]

#: Largest lattice (``prod(n_v + 1)`` count vectors) solved for one community. With the
#: default ``min_branch_members`` = 3 this is a community of about 2,800 small units.
MAX_STATES = 8_000_000

_INF = np.int64(1) << np.int64(60)


class SmallUnit(NamedTuple):
    id: str
    members: int
    status: str  # "none" or "instructor"


class Room(NamedTuple):
    """An existing joint organization's spare capacity: more units, more members."""

    id: str
    units: int
    members: int


@dataclass(frozen=True)
class Placement:
    """Where a community's small units go: ``joins`` maps an existing organization to the
    units that join it; ``groups`` lists the new joint branches; ``left`` the rest."""

    joins: dict[str, list[str]]
    groups: list[list[str]]
    left: list[str]


def _priority(u: SmallUnit) -> tuple[int, int, str]:
    return (-u.members, 0 if u.status == "none" else 1, u.id)


def place(units: Sequence[SmallUnit], rooms: Sequence[Room], *, m: int, max_units: int,
          max_members: int) -> Placement:
    """The optimal placement of one community's small units (module docstring)."""
    if not units:
        return Placement({}, [], [])
    order = sorted(units, key=_priority)
    by_size: dict[int, list[SmallUnit]] = {}
    for u in order:
        by_size.setdefault(u.members, []).append(u)
    sizes = tuple(sorted(by_size, reverse=True))
    counts = tuple(len(by_size[v]) for v in sizes)
    n_all = sum(counts)
    # an organization's room, normalized: no more units than there are, no more members
    # than that many of the largest units hold
    useful = []
    for r in rooms:
        slots = min(r.units, n_all)
        cap = min(r.members, slots * sizes[0])
        if slots >= 1 and cap >= sizes[-1]:
            useful.append((slots, cap, r.id))
    useful.sort()
    placed, org_patterns, groups = _solve(sizes, counts, tuple((s, c) for s, c, _ in useful),
                                          m, max_units, max_members)
    queues = [iter(by_size[v][:placed[i]]) for i, v in enumerate(sizes)]

    def take(pattern: tuple[int, ...]) -> list[str]:
        return sorted(next(queues[i]).id for i in range(len(sizes)) for _ in range(pattern[i]))

    # organizations in id order take their units first, then the new branches
    by_id = sorted(range(len(useful)), key=lambda i: useful[i][2])
    joins = {}
    for i in by_id:
        got = take(org_patterns[i])
        if got:
            joins[useful[i][2]] = got
    new = [take(p) for p in groups]
    new.sort()
    placed_ids = {x for g in new for x in g} | {x for g in joins.values() for x in g}
    return Placement(joins, new, sorted(u.id for u in units if u.id not in placed_ids))


def _patterns(sizes: tuple[int, ...], counts: tuple[int, ...], lo_n: int, hi_n: int,
              lo_sum: int, hi_sum: int) -> list[tuple[int, ...]]:
    """Count vectors ``q <= counts`` with ``lo_n <= |q| <= hi_n``, ``lo_sum <= sum <= hi_sum``;
    larger patterns (then more of the larger sizes) first."""
    out: list[tuple[int, ...]] = []
    d = len(sizes)

    def rec(i: int, cur: list[int], k: int, s: int) -> None:
        if i == d:
            if lo_n <= k <= hi_n and lo_sum <= s <= hi_sum:
                out.append(tuple(cur))
            return
        for q in range(min(counts[i], hi_n - k) + 1):
            if s + q * sizes[i] > hi_sum:
                break
            cur.append(q)
            rec(i + 1, cur, k + q, s + q * sizes[i])
            cur.pop()

    rec(0, [], 0, 0)
    out.sort(key=lambda q: (-sum(q), tuple(-x for x in q)))
    return out


def _shift(p: tuple[int, ...], counts: tuple[int, ...]) -> tuple[tuple[slice, ...],
                                                                   tuple[slice, ...]]:
    """Slices ``dst`` (vectors c >= p) and ``src`` (the vectors c - p)."""
    return (tuple(slice(x, None) for x in p),
            tuple(slice(0, n + 1 - x) for x, n in zip(p, counts, strict=True)))


def _fewest_branches(shape: tuple[int, ...], total: np.ndarray,
                     patterns: list[tuple[int, ...]]) -> np.ndarray:
    """``G(f)``, the fewest new branches holding exactly the units ``f`` (``_INF`` when no
    set of branches does), for every count vector ``f`` of the lattice.

    One pass over the lattice by levels of ``|f|``: a branch holds 2 or more units, so
    ``G(f) = 1 + min_p G(f - p)`` only reads lower levels. Work: states x patterns."""
    G = np.full(shape, _INF, dtype=np.int64)
    flat = G.reshape(-1)
    flat[0] = 0
    if not patterns:
        return G
    tot = total.reshape(-1)
    order = np.argsort(tot, kind="stable")
    bounds = np.searchsorted(tot[order], np.arange(int(tot[-1]) + 2))
    coords = np.unravel_index(np.arange(flat.size), shape)
    strides = [math.prod(shape[i + 1:]) for i in range(len(shape))]
    offsets = [sum(x * st for x, st in zip(p, strides, strict=True)) for p in patterns]
    sizes = [sum(p) for p in patterns]
    for t in range(2, len(bounds) - 1):
        idx = order[bounds[t]:bounds[t + 1]]
        best = flat[idx]
        for p, off, n in zip(patterns, offsets, sizes, strict=True):
            if n > t:
                continue
            ok = np.ones(idx.size, dtype=bool)
            for d, x in enumerate(p):
                if x:
                    ok &= coords[d][idx] >= x
            if not ok.any():
                continue
            src = idx[ok] - off
            cand = flat[src] + 1
            sub = best[ok]
            best[ok] = np.minimum(sub, cand)
        flat[idx] = np.minimum(best, _INF)
    return G


@lru_cache(maxsize=65536)
def _solve(sizes: tuple[int, ...], counts: tuple[int, ...], rooms: tuple[tuple[int, int], ...],
           m: int, max_units: int, max_members: int
           ) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Placed counts per size, the pattern of each room (in the given order) and the patterns
    of the new branches, for one normalized community signature."""
    shape = tuple(n + 1 for n in counts)
    states = math.prod(shape)
    if states > MAX_STATES:
        raise GraphkitError(_t("plan.too_large", units=sum(counts), sizes=len(sizes),
                              states=states, limit=MAX_STATES))
    n_all = sum(counts)
    zero = (0,) * len(sizes)
    new_patterns = _patterns(sizes, counts, 2, max_units, m, max_members)
    total = np.zeros(shape, dtype=np.int64)
    for axis in range(len(sizes)):
        view = [1] * len(sizes)
        view[axis] = shape[axis]
        total = total + np.arange(shape[axis], dtype=np.int64).reshape(view)
    G = _fewest_branches(shape, total, new_patterns)
    V = np.where(G < _INF, G * (n_all + 1) + total, _INF)
    stages = [V]
    room_patterns = [_patterns(sizes, counts, 1, s, 1, cap) for s, cap in rooms]
    for pats in room_patterns:
        prev = stages[-1]
        cur = prev.copy()
        for q in pats:
            dst, src = _shift(q, counts)
            np.minimum(cur[dst], prev[src], out=cur[dst])
        stages.append(cur)
    final = stages[-1]
    feasible = final < _INF
    best_total = total[feasible].max()
    mask = feasible & (total == best_total)
    best_v = final[mask].min()
    mask &= final == best_v
    c = np.unravel_index(int(np.flatnonzero(mask)[-1]), shape)
    cur_c = tuple(int(x) for x in c)
    placed = cur_c
    chosen: list[tuple[int, ...]] = [zero] * len(rooms)
    for j in range(len(rooms) - 1, -1, -1):
        target = stages[j + 1][cur_c]
        for q in [*room_patterns[j], zero]:
            rest = tuple(a - b for a, b in zip(cur_c, q, strict=True))
            if min(rest) >= 0 and stages[j][rest] == target:
                chosen[j] = q
                cur_c = rest
                break
    groups = []
    while cur_c != zero:
        g = G[cur_c]
        for p in new_patterns:
            rest = tuple(a - b for a, b in zip(cur_c, p, strict=True))
            if min(rest) >= 0 and G[rest] == g - 1:
                groups.append(p)
                cur_c = rest
                break
    return placed, tuple(chosen), tuple(groups)
