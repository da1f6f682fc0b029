"""Figures with Chinese labels: the circles of a community, coverage rates, the city overview.

In the style of OSMnx: every function takes the graph (or a Dataset) first, accepts an
optional ``ax``, returns ``(fig, ax)``, and saves or shows only when asked. Chinese text is
drawn with Noto Sans CJK SC (shipped by the ``mplfonts`` dependency), set per figure so
that matplotlib's global settings are left alone.

Examples
--------
>>> import graphkit as gk
>>> from graphkit import plot
>>> G = gk.read_dataset("data/sihui").to_networkx()                     # doctest: +SKIP
>>> fig, ax = plot.plot_circles(G, "com-001", save="circles.png")       # doctest: +SKIP
"""

from __future__ import annotations

import math
import os
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.ticker import PercentFormatter

from . import _fonts
from . import vocab as V
from ._tables import as_net
from .coverage import coverage_rates, unit_coverage
from .errors import UsageError
from .linkage import _roles, _tie_pairs, circles
from .settings import settings

__all__ = ["ROLE_COLORS", "ROLE_NAMES_ZH", "TIE_NODE_COLORS", "plot_circles", "plot_coverage",
           "plot_network", "plot_ties"]

ROLE_COLORS = {"core": "#c00000", "sub_core": "#e46c0a", "pan_core": "#f6b26b",
               "unlinked": "#b7b7b7", "external": "#3d85c6"}
ROLE_NAMES_ZH = {"core": "核心（社区党组织）", "sub_core": "次核心圈", "pan_core": "泛核心圈",
                 "unlinked": "未联动", "external": "外部共建单位"}
_RATE_NAMES_ZH = {"own": "单独组建率", "organization": "组织覆盖率", "work": "工作覆盖率"}
_RATE_COLORS = {"own": "#9e1b1b", "organization": "#e06666", "work": "#f4cccc"}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax  # type: ignore[return-value]


def _finish(fig: Figure, save: str | os.PathLike[str] | None, show: bool, close: bool,
            dpi: int) -> None:
    if save is not None:
        fig.savefig(save, dpi=dpi, bbox_inches="tight", facecolor="white")
    if show:
        plt.show()
    if close:
        plt.close(fig)


def _ring(n: int, radius: float, offset: float = 0.0) -> np.ndarray:
    if n == 0:
        return np.zeros((0, 2))
    angles = offset + 2 * math.pi * np.arange(n) / n
    return np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])


def plot_circles(
    G: Any, community: str, *, sub_core_min_rating: int | None = None, ax: Axes | None = None,
    figsize: tuple[float, float] = (10, 9), label_length: int = 10,
    save: str | os.PathLike[str] | None = None, show: bool = False, close: bool = False,
    dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Draw the "one core, two circles" (一核双圈) of one community.

    The core sits at the center, sub-core members on the inner ring, pan-core members on
    the outer ring, unlinked members outside in grey and external partners apart on the
    right; ties (SPEC section 3) are drawn as lines, names as labels.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    community : str
        Community id; it must have a core.
    sub_core_min_rating : int, optional
        Threshold of the sub-core circle (default ``settings.sub_core_min_rating``).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.
    figsize : tuple, default (10, 9)
    label_length : int, default 10
        Names longer than this are shortened with "…".
    save : path, optional
        Save the figure there (format from the suffix).
    show, close : bool, default False
        Show the figure / close it after saving.
    dpi : int, default 150

    Returns
    -------
    fig, ax

    Raises
    ------
    UsageError
        When `community` is not a community of `G` or has no core.

    Examples
    --------
    >>> fig, ax = plot_circles(G, "com-001")                      # doctest: +SKIP
    """
    net = as_net(G)
    comms = circles(net, sub_core_min_rating=sub_core_min_rating).set_index("community")
    if community not in comms.index:
        raise UsageError(f"{community!r} is not a community of this network")
    row = comms.loc[community]
    if row["status"] != "ok":
        raise UsageError(f"community {community!r} ({row['name']}) has no core to draw")
    threshold = settings.resolve(sub_core_min_rating=sub_core_min_rating)["sub_core_min_rating"]
    roles = _roles(net, threshold)
    roles = roles[roles["community"] == community]
    names = dict(zip(roles["member"],
                     net.node_index["name"].reindex(roles["member"]).tolist(), strict=True))
    pos: dict[str, tuple[float, float]] = {}
    by_role = {r: sorted(roles.loc[roles["role"] == r, "member"]) for r in ROLE_COLORS}
    pos[by_role["core"][0]] = (0.0, 0.0)
    for role, radius, offset in (("sub_core", 1.0, 0.3), ("pan_core", 2.0, 0.1),
                                 ("unlinked", 3.0, 0.2)):
        for m, xy in zip(by_role[role], _ring(len(by_role[role]), radius, offset), strict=True):
            pos[m] = (float(xy[0]), float(xy[1]))
    ext = by_role["external"]
    for i, m in enumerate(ext):
        pos[m] = (4.6, 3.0 - 6.0 * (i + 0.5) / max(len(ext), 1))

    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, figsize)
        for radius, text in ((1.0, "次核心圈"), (2.0, "泛核心圈")):
            ax.add_patch(Circle((0, 0), radius, fill=False, ls="--", lw=0.8, color="#999999"))
            ax.text(0, radius + 0.05, text, ha="center", va="bottom", fontsize=8,
                    color="#666666")
        t = _tie_pairs(net)
        t = t[t["a"].isin(pos) & t["b"].isin(pos) & (t["a"] < t["b"])]
        for a, b in zip(t["a"], t["b"], strict=True):
            (x1, y1), (x2, y2) = pos[a], pos[b]
            ax.plot([x1, x2], [y1, y2], color="#888888", lw=0.6, alpha=0.6, zorder=1)
        for role, color in ROLE_COLORS.items():
            ms = by_role[role]
            if not ms:
                continue
            xy = np.array([pos[m] for m in ms])
            size = 420 if role == "core" else 140
            ax.scatter(xy[:, 0], xy[:, 1], s=size, c=color, edgecolors="white", zorder=3)
            for m, (x, y) in zip(ms, xy, strict=True):
                ha = "left" if role == "external" else "center"
                dx = 0.15 if role == "external" else 0.0
                ax.text(x + dx, y - (0.0 if role == "external" else 0.22),
                        _short(str(names[m]), label_length), ha=ha, va="center",
                        fontsize=7 if role != "core" else 9, zorder=4)
        handles = [Line2D([], [], marker="o", ls="", color=c,
                          label=f"{ROLE_NAMES_ZH[r]}（{len(by_role[r])}）")
                   for r, c in ROLE_COLORS.items()]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
                  fontsize=8, frameon=False)
        rate = row["linkage_rate"]
        ax.set_title(f"{row['name']}“一核双圈”党建融合圈　联动率 {rate:.0%}"
                     f"（辖区成员 {row['members']}）", fontsize=12)
        ax.set_xlim(-3.6, 7.2)
        ax.set_ylim(-3.6, 3.6)
        ax.set_aspect("equal")
        ax.axis("off")
        _finish(fig, save, show, close, dpi)
    return fig, ax


def plot_coverage(
    G: Any, *, by: str = "kind", scope: str = "all", ax: Axes | None = None,
    figsize: tuple[float, float] | None = None, save: str | os.PathLike[str] | None = None,
    show: bool = False, close: bool = False, dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Bar chart of own-organization, organizational and work coverage per group.

    Each group's label carries its denominator (``n=``, the units in scope).

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    by : {"kind", "area", "community"}, default "kind"
    scope : {"all", "two_new"}, default "all"
    ax, figsize, save, show, close, dpi
        As in :func:`plot_circles`.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> fig, ax = plot_coverage(G, by="area")                    # doctest: +SKIP
    """
    if by not in ("kind", "area", "community"):
        raise UsageError(f"plot_coverage by {by!r}: expected 'kind', 'area' or 'community'")
    net = as_net(G)
    rates = coverage_rates(unit_coverage(net, scope=scope), by=by)
    node_names = net.node_index["name"]
    labels = [
        f"{V.KIND_NAMES_ZH.get(k, k) if by == 'kind' else node_names.get(k, k)}"
        f"（n={n}）" for k, n in zip(rates.index, rates["units"], strict=True)
    ]
    height = figsize or (8, 1.2 + 0.45 * max(len(rates), 1))
    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, height)
        y = np.arange(len(rates))
        w = 0.27
        for i, col in enumerate(("own", "organization", "work")):
            ax.barh(y + (i - 1) * w, rates[col].fillna(0).to_numpy(), height=w,
                    color=_RATE_COLORS[col], label=_RATE_NAMES_ZH[col])
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=3, fontsize=8,
                  frameon=False)
        what = {"kind": "单位类型", "area": "街道（镇）", "community": "社区"}[by]
        scope_zh = "两新组织" if scope == "two_new" else "全部单位"
        ax.set_title(f"党的组织覆盖和工作覆盖（按{what}，{scope_zh}）", fontsize=12)
        ax.grid(axis="x", alpha=0.3)
        _finish(fig, save, show, close, dpi)
    return fig, ax


def plot_network(
    G: Any, *, area: str | None = None, sub_core_min_rating: int | None = None,
    ax: Axes | None = None, figsize: tuple[float, float] = (11, 10),
    labels: bool | None = None, cmap: str = "RdYlGn",
    save: str | os.PathLike[str] | None = None, show: bool = False, close: bool = False,
    dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Overview of a city (or one area): communities grouped around their street or town,
    colored by linkage rate, sized by jurisdiction members; communities without a core are
    drawn as grey crosses.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    area : str, optional
        Draw only the communities of this Area id.
    labels : bool, optional
        Write community names (default: when there are at most 80 communities).
    cmap : str, default "RdYlGn"
        Colormap of the linkage rate.
    ax, figsize, save, show, close, dpi, sub_core_min_rating
        As in :func:`plot_circles`.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> fig, ax = plot_network(G)                                  # doctest: +SKIP
    """
    net = as_net(G)
    circ = circles(net, sub_core_min_rating=sub_core_min_rating)
    circ["area"] = circ["community"].map(net.community_area).astype(object)
    if area is not None:
        if area not in set(net.ids(V.AREA)):
            raise UsageError(f"{area!r} is not an Area of this network")
        circ = circ[circ["area"] == area]
    names = net.node_index["name"]
    groups = sorted(circ["area"].fillna("").unique())
    centers = _ring(len(groups), 0.0 if len(groups) == 1 else 3.2, math.pi / 2)
    pos: dict[str, tuple[float, float]] = {}
    for (_g, sub), center in zip(circ.groupby(circ["area"].fillna("")), centers, strict=True):
        ring = _ring(len(sub), 0.6 + 0.08 * len(sub) ** 0.5 * 3)
        for c, xy in zip(sub["community"], ring + center, strict=True):
            pos[c] = (float(xy[0]), float(xy[1]))
    show_labels = labels if labels is not None else len(circ) <= 80
    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, figsize)
        for g, center in zip(groups, centers, strict=True):
            ax.text(center[0], center[1], names.get(g, "（无所属街道）") if g else "（无所属街道）",
                    ha="center", va="center", fontsize=11, color="#444444")
        ok = circ[circ["status"] == "ok"]
        none = circ[circ["status"] != "ok"]
        xy = np.array([pos[c] for c in ok["community"]]).reshape(-1, 2)
        sizes = 40 + 12 * np.sqrt(ok["members"].to_numpy(dtype=float))
        sc = ax.scatter(xy[:, 0], xy[:, 1], c=ok["linkage_rate"].to_numpy(dtype=float),
                        cmap=cmap, vmin=0, vmax=1, s=sizes, edgecolors="#333333",
                        linewidths=0.5, zorder=3)
        if len(none):
            nxy = np.array([pos[c] for c in none["community"]]).reshape(-1, 2)
            ax.scatter(nxy[:, 0], nxy[:, 1], marker="x", s=60, c="#777777", zorder=3,
                       label="无社区党组织（无核心）")
            ax.legend(loc="lower left", fontsize=8, frameon=False)
        if show_labels:
            for c, n in zip(circ["community"], circ["name"], strict=True):
                x, y = pos[c]
                ax.text(x, y - 0.18, _short(str(n), 6), ha="center", va="top", fontsize=6)
        cb = fig.colorbar(sc, ax=ax, fraction=0.035, pad=0.02)
        cb.set_label("一核双圈联动率")
        cb.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        where = names.get(area, area) if area else (net.meta.get("name") or "")
        ax.set_title(f"{where}：各社区党建融合圈联动率（{len(circ)} 个社区）", fontsize=12)
        ax.set_aspect("equal")
        ax.axis("off")
        _finish(fig, save, show, close, dpi)
    return fig, ax


def _tie_layout(H: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Spring layout of the largest component in [-1, 1]; the other components in rows
    below it (each a small spring layout, or a point)."""
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)),
                   key=lambda c: (-len(c), str(c[0])))
    if not comps:
        return {}
    pos: dict[Any, tuple[float, float]] = {}
    main = nx.spring_layout(H.subgraph(comps[0]), seed=seed, weight="weight")
    xy = np.array([main[n] for n in comps[0]]).reshape(-1, 2)
    span = np.abs(xy).max() if len(xy) > 1 else 1.0
    for n, (x, y) in zip(comps[0], xy / (span or 1.0), strict=True):
        pos[n] = (float(x), float(y))
    per_row = 8
    for i, comp in enumerate(comps[1:]):
        cx = -1.0 + 2.0 * (i % per_row + 0.5) / per_row
        cy = -1.3 - 0.3 * (i // per_row)
        sub = nx.spring_layout(H.subgraph(comp), seed=seed, scale=0.06) if len(comp) > 1 \
            else {comp[0]: (0.0, 0.0)}
        for n in comp:
            pos[n] = (cx + float(sub[n][0]), cy + float(sub[n][1]))
    return pos


#: Node colors of :func:`plot_ties`: the core, other Party organizations, units without an
#: organization of their own, and entities of other communities (or of none).
TIE_NODE_COLORS = {"core": "#c00000", V.PARTY_ORG: "#e46c0a", V.UNIT: "#f6b26b",
                   "outside": "#3d85c6"}
_TIE_NODE_NAMES_ZH = {"core": "社区党组织（核心）", V.PARTY_ORG: "党组织",
                      V.UNIT: "单位（无自身党组织）", "outside": "辖区外组织"}


def plot_ties(
    G: Any, *, community: str | None = None, ax: Axes | None = None,
    figsize: tuple[float, float] = (10, 9), labels: bool | None = None,
    label_length: int = 8, seed: int = 0, save: str | os.PathLike[str] | None = None,
    show: bool = False, close: bool = False, dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Draw the tie graph (:func:`graphkit.tie_graph`) of one community, or of the city.

    With `community`, its entities (jurisdiction members and core) are drawn with the
    entities of other communities they are tied to (in blue, "辖区外"); without, every
    entity that has a tie. Node size grows with degree, line width with the tie weight;
    the core is red. The largest component gets a seeded spring layout (on the sorted
    graph, so the same network always gives the same picture); smaller components and
    unlinked entities are lined up below it.

    Parameters
    ----------
    G : networkx.MultiDiGraph, Dataset or tie graph
    community : str, optional
        Community id; default: the whole city (best for up to a few hundred entities).
    labels : bool, optional
        Write names (default: when at most 80 entities are drawn).
    label_length : int, default 8
        Names longer than this are shortened with "…".
    seed : int, default 0
        Seed of the spring layout.
    ax, figsize, save, show, close, dpi
        As in :func:`plot_circles`.

    Returns
    -------
    fig, ax

    Raises
    ------
    UsageError
        When `community` is not a community of `G`.

    Examples
    --------
    >>> fig, ax = plot_ties(G, community="com-001")               # doctest: +SKIP
    """
    from .measuring import as_tie_graph, community_names

    T = as_tie_graph(G)
    names = community_names(G)
    if community is None:
        keep = [n for n in T if T.degree(n) > 0]
        where = T.graph.get("name") or ""
    else:
        own = [n for n, c in T.nodes(data="community") if c == community]
        if community not in names and not own:
            raise UsageError(f"{community!r} is not a community of this network")
        keep = set(own)
        for n in own:
            keep.update(T[n])
        where = names.get(community, community)
    # the drawn subgraph with nodes and edges in sorted order: the same picture for any
    # insertion order of the graph
    drawn = sorted(keep, key=str)
    rank = {n: i for i, n in enumerate(drawn)}
    H = nx.Graph()
    H.add_nodes_from(drawn)
    H.add_weighted_edges_from(sorted(
        ((u, v, w) if rank[u] < rank[v] else (v, u, w)
         for u, v, w in T.subgraph(drawn).edges(data="weight", default=1)),
        key=lambda e: (rank[e[0]], rank[e[1]])))
    pos = _tie_layout(H, seed)

    def kind(n: Any) -> str:
        d = T.nodes[n]
        if community is not None and d.get("community") != community:
            return "outside"
        if d.get("core"):
            return "core"
        return d.get("label") if d.get("label") in (V.PARTY_ORG, V.UNIT) else V.UNIT

    show_labels = labels if labels is not None else len(H) <= 80
    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, figsize)
        segments = [(pos[u], pos[v]) for u, v in H.edges()]
        widths = [0.6 + 0.8 * (w - 1) for _, _, w in H.edges(data="weight")]
        ax.add_collection(LineCollection(segments, colors="#888888", linewidths=widths,
                                         alpha=0.6, zorder=1))
        kinds = {n: kind(n) for n in H}
        for k_, color in TIE_NODE_COLORS.items():
            ms = [n for n in H if kinds[n] == k_]
            if not ms:
                continue
            xy = np.array([pos[n] for n in ms])
            size = np.array([30 + 25 * math.sqrt(H.degree(n)) for n in ms])
            ax.scatter(xy[:, 0], xy[:, 1], s=size * (2 if k_ == "core" else 1), c=color,
                       edgecolors="white", linewidths=0.5, zorder=3,
                       label=f"{_TIE_NODE_NAMES_ZH[k_]}（{len(ms)}）")
        if show_labels:
            for n in H:
                x, y = pos[n]
                ax.text(x, y, _short(str(T.nodes[n].get("name", n)), label_length),
                        fontsize=6, ha="center", va="bottom", zorder=4)
        if len(H):
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=8,
                      frameon=False)
        ax.set_title(f"{where}：组织联结网络（{H.number_of_nodes()} 个组织，"
                     f"{H.number_of_edges()} 条联结）", fontsize=12)
        ax.set_aspect("equal")
        ax.axis("off")
        _finish(fig, save, show, close, dpi)
    return fig, ax
