"""Figures with Chinese labels: the circles of a community, coverage rates, the city overview.

In the style of OSMnx: every function takes the graph (or a Dataset) first, accepts an
optional ``ax``, returns ``(fig, ax)``, and saves or shows only when asked. Chinese text is
drawn with Noto Sans CJK SC (shipped by the ``mplfonts`` dependency), set per figure so
that matplotlib's global settings are left alone.

Figures read at a glance: every figure made here has a layout engine (a later
``fig.savefig`` keeps its labels and legend), labels are moved apart (``adjustText``),
names lose the city prefix that nearly all of them share ("四会市"), colours come from the
one palette of :mod:`graphkit.vocab`, and places are given by id or by Chinese name.

Examples
--------
>>> import graphkit as gk
>>> from graphkit import plot
>>> G = gk.read_dataset("data/sihui").to_networkx()                     # doctest: +SKIP
>>> fig, ax = plot.plot_circles(G, "玉城社区", save="circles.png")       # doctest: +SKIP
"""

from __future__ import annotations

import io
import math
import os
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from matplotlib.ticker import PercentFormatter

from .. import vocab as V
from ..analysis._layout import CIRCLE_RADII, circle_layout, ring, tie_layout
from ..analysis._places import node_names, places, resolve, short_name
from ..analysis.coverage import coverage_rates, unit_coverage
from ..analysis.linkage import circle_roles, jurisdiction, tie_edges, tie_nodes, ties
from ..analysis.linkage import circles as _circles
from ..errors import UsageError
from ..network._atomic import write_atomic
from . import _fonts

__all__ = ["ROLE_COLORS", "ROLE_NAMES_ZH", "TIE_NODE_COLORS", "plot_circles", "plot_coverage",
           "plot_network", "plot_ties"]

#: The palette of the circles (defined once, in :mod:`graphkit.vocab`).
ROLE_COLORS = V.ROLE_COLORS
ROLE_NAMES_ZH = V.ROLE_NAMES_ZH
_RATE_NAMES_ZH = V.RATE_NAMES_ZH
_RATE_COLORS = V.RATE_COLORS
_TIE_LINE = "#8c8c8c"
_TARGET_LINE = "#c00000"
_CITY_LINE = V.ROLE_COLORS["external"]


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _label(name: Any, prefixes: tuple[str, ...], per_line: int, lines: int = 2) -> str:
    """A name as a figure label: city prefix dropped, at most `lines` lines of `per_line`
    characters ("…" when cut)."""
    text = short_name(str(name), prefixes)
    if len(text) <= per_line:
        return text
    if len(text) > per_line * lines:
        text = text[: per_line * lines - 1] + "…"
    n = math.ceil(len(text) / per_line)
    step = math.ceil(len(text) / n)  # balanced lines: no lone character on the last one
    return "\n".join(text[i:i + step] for i in range(0, len(text), step))


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """`ax` and its figure, or a new figure with a layout engine (constrained layout), so
    that a later ``fig.savefig`` keeps the title, labels and legend inside the image."""
    if ax is None:
        fig = plt.figure(figsize=figsize, layout="constrained")
        return fig, fig.add_subplot()
    return ax.figure, ax  # type: ignore[return-value]


def _finish(fig: Figure, save: str | os.PathLike[str] | Any | None, show: bool, close: bool,
            dpi: int) -> None:
    """Save (a path: whole or not at all; a binary file as it is), show, close."""
    if isinstance(save, str | os.PathLike):
        buf = io.BytesIO()
        fmt = os.fspath(save).rsplit(".", 1)[-1].lower() if "." in os.fspath(save) else "png"
        fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", facecolor="white")
        write_atomic(save, buf.getvalue())
    elif save is not None:
        fig.savefig(save, dpi=dpi, bbox_inches="tight", facecolor="white")
    if show:
        plt.show()
    if close:
        plt.close(fig)


def _cjk_text(ax: Axes) -> None:
    """Give the axes' own texts (title, axis labels, tick labels) the CJK font of the
    current rc context: they keep the font of the axes' creation, and an axes made by the
    caller (``ax=``) may predate the context."""
    family = plt.rcParams["font.family"]
    for t in (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
              *ax.get_yticklabels()):
        t.set_fontfamily(family)


def _legend_below(ax: Axes, **kwargs: Any) -> Any:
    """A legend under the axes and under its tick labels (and x label), whatever their
    size: its gap to the axes is set in points from the drawn tick labels, so the layout
    engine keeps it there when it resizes the axes."""
    fig = ax.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    bottom = ax.get_window_extent(r).y0
    below = [t.get_window_extent(r).y0 for t in (*ax.get_xticklabels(), ax.xaxis.label)
             if t.get_visible() and t.get_text()]
    gap_px = max([bottom - y for y in below] + [0.0])
    fontsize = kwargs.pop("fontsize", 8)
    pad_pt = gap_px * 72.0 / fig.dpi + 6.0
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=fontsize,
                     frameon=False, borderaxespad=pad_pt / fontsize, **kwargs)


def _pct(v: float, decimals: int) -> str:
    """`v` as a percentage with `decimals` decimals, without a trailing ".0"."""
    text = f"{100 * v:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def _apart_vertically(labels: list[Any], ax: Axes, gap_pt: float = 1.5) -> None:
    """Move annotations (offset in points from their point) up or down so that none
    overlaps another: each keeps its height order, the group stays around its points."""
    if len(labels) < 2:
        return
    fig = ax.figure
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    to_pt = 72.0 / fig.dpi
    boxes = [a.get_window_extent(r) for a in labels]
    order = sorted(range(len(labels)), key=lambda i: (boxes[i].y0 + boxes[i].y1) / 2)
    centre = [(boxes[i].y0 + boxes[i].y1) / 2 for i in order]
    height = [boxes[i].height for i in order]
    gap = gap_pt / to_pt
    placed = list(centre)
    for k in range(1, len(placed)):
        low = placed[k - 1] + (height[k - 1] + height[k]) / 2 + gap
        placed[k] = max(placed[k], low)
    shift = (sum(centre) - sum(placed)) / len(placed)  # keep the group centred
    for k in range(len(placed) - 2, -1, -1):
        placed[k] = min(placed[k], placed[k + 1] - (height[k] + height[k + 1]) / 2 - gap)
    placed = [y + shift if shift > 0 else y for y in placed]
    for k in range(1, len(placed)):  # and apart again after the shift
        placed[k] = max(placed[k], placed[k - 1] + (height[k - 1] + height[k]) / 2 + gap)
    for k, i in enumerate(order):
        dx, dy = labels[i].xyann
        labels[i].xyann = (dx, dy + (placed[k] - centre[k]) * to_pt)


def _spread(texts: list[Any], ax: Axes, points: np.ndarray, objects: list[Any] | None = None
            ) -> None:
    """Move labels apart (adjustText) after the layout engine has placed the axes; a thin
    line joins a label that moved away to its point."""
    if len(texts) < 2:
        return
    from adjustText import adjust_text

    ax.figure.canvas.draw()  # final axes size first: the layout engine runs on draw
    adjust_text(texts, x=points[:, 0], y=points[:, 1], objects=objects, ax=ax,
                expand=(1.08, 1.25), force_text=(0.2, 0.35), force_static=(0.15, 0.3),
                ensure_inside_axes=True, iter_lim=150)
    # leader lines (plain segments: adjustText's arrows cost more to draw than the figure)
    to_data = ax.transData.inverted()
    renderer = ax.figure.canvas.get_renderer()
    segments = []
    for t, (x, y) in zip(texts, points, strict=False):
        box = t.get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_data.transform([(box.x0, box.y0), (box.x1, box.y1)])
        cx, cy = min(max(x, x0), x1), min(max(y, y0), y1)  # nearest point of the label
        if math.hypot(cx - x, cy - y) > 0.18:
            segments.append([(x, y), (cx, cy)])
    if segments:
        ax.add_collection(LineCollection(segments, colors="#b0b0b0", linewidths=0.4,
                                         zorder=2, gid="leaders"))


def _community(G: Any, community: str) -> tuple[str, Any]:
    """(id, Places) of `community`, given by id or Chinese name."""
    p = places(G)
    return resolve(p, community, V.COMMUNITY), p


def plot_circles(
    G: Any, community: str, *, sub_core_min_rating: int | None = None, ax: Axes | None = None,
    figsize: tuple[float, float] | None = None, label_length: int = 8, max_labels: int = 60,
    save: str | os.PathLike[str] | None = None, show: bool = False, close: bool = False,
    dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Draw the "one core, two circles" (一核双圈) of one community.

    The core sits at the center, sub-core members on the inner ring, pan-core members on
    the outer ring, unlinked members outside in grey (with no line: they have no tie to the
    circles) and external partners in a column on the right. The ties that make the
    circles (with the core or a sub-core member, and to external partners) are drawn as
    lines. Names drop the city prefix, wrap on two lines and are moved apart. A community
    without a core is drawn too: its members around an empty, dashed centre.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    community : str
        Community id or Chinese name ("玉城社区", or "玉城").
    sub_core_min_rating : int, optional
        Threshold of the sub-core circle (default ``settings.sub_core_min_rating``).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.
    figsize : tuple, optional
        Default: sized to the content (wider with external partners).
    label_length : int, default 8
        Characters per label line (two lines at most, then "…").
    max_labels : int, default 60
        With more members than this, only the core, the sub-core and the external
        partners are named (the figure says so); the rest are dots.
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
        When `community` names no community of `G` (the message suggests the closest
        names with their ids).

    Examples
    --------
    >>> fig, ax = plot_circles(G, "com-001")                      # doctest: +SKIP
    """
    cid, p = _community(G, community)
    row = _circles(G, sub_core_min_rating=sub_core_min_rating).set_index("community").loc[cid]
    prefixes = p.prefixes
    if row["status"] == "ok":
        roles = circle_roles(G, sub_core_min_rating=sub_core_min_rating)
        roles = roles[roles["community"] == cid]
        names = dict(zip(roles["member"], roles["name"], strict=True))
        by_role = {r: roles.loc[roles["role"] == r, "member"].tolist() for r in V.ROLES}
    else:
        members = jurisdiction(G)
        members = members.loc[members["community"] == cid, "member"].tolist()
        names = {m: n for m, n in node_names(G).items() if m in set(members)}
        by_role = {r: [] for r in V.ROLES}
        by_role["unlinked"] = sorted(members)
    core = by_role["core"][0] if by_role["core"] else None

    t = ties(G)
    t = t[t["a"].isin(names) & t["b"].isin(names)]
    tie_map: dict[str, set[str]] = {}
    for a, b in zip(t["a"], t["b"], strict=True):
        tie_map.setdefault(a, set()).add(b)

    pos = circle_layout(by_role, tie_map)
    r_sub, r_pan, r_out = CIRCLE_RADII if core is not None else (*CIRCLE_RADII[:2], 1.6)
    ext = by_role["external"]
    x_ext = r_out + 1.5
    span = r_out + 1.05
    right = x_ext + 2.8 if ext else span
    if figsize is None:
        figsize = (min(14.0, 8.5 * (right + span) / (2 * span)), 8.8)

    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, figsize)
        rings = [(r_sub, "次核心圈"), (r_pan, "泛核心圈")] if core is not None else []
        fixed = []  # labels of the rings: member labels keep clear of them
        for radius, text in rings:
            ax.add_patch(Circle((0, 0), radius, fill=False, ls="--", lw=0.8, color="#999999"))
            fixed.append(ax.text(0, -radius + 0.05, text, ha="center", va="bottom",
                                 fontsize=8, color="#666666", zorder=2))
        if core is None:
            ax.add_patch(Circle((0, 0), 0.62, fill=False, ls="--", lw=1.2,
                                color=ROLE_COLORS["core"]))
            ax.text(0, 0, "无核心\n未建社区党组织", ha="center", va="center", fontsize=8,
                    color=ROLE_COLORS["core"], zorder=4)
        # only ties that make the circles: with the core or a sub-core member, and the
        # core's external partners; an unlinked member has none of them
        drawn = {core, *by_role["sub_core"]} - {None}
        keep = [(a, b) for a, b in zip(t["a"], t["b"], strict=True)
                if a < b and a in pos and b in pos and (a in drawn or b in drawn)
                and a not in by_role["unlinked"] and b not in by_role["unlinked"]]
        if keep:
            ax.add_collection(LineCollection([(pos[a], pos[b]) for a, b in keep],
                                             colors=_TIE_LINE, linewidths=0.6, alpha=0.55,
                                             zorder=1, gid="ties"))
        texts, points = [], []
        crowded = len(pos) > max_labels
        for role in V.ROLES:
            ms = by_role[role]
            if not ms:
                continue
            xy = np.array([pos[m] for m in ms])
            ax.scatter(xy[:, 0], xy[:, 1], s=460 if role == "core" else 120,
                       c=ROLE_COLORS[role], edgecolors="white", linewidths=0.8, zorder=3)
            if crowded and role in ("pan_core", "unlinked"):
                continue
            for m, (x, y) in zip(ms, xy, strict=True):
                label = _label(names.get(m, m), prefixes, label_length)
                if role == "core":
                    texts.append(ax.text(x, y - 0.32, label, ha="center", va="top",
                                         fontsize=10, zorder=5))
                elif role == "external":
                    texts.append(ax.text(x + 0.16, y, label, ha="left", va="center",
                                         fontsize=7, zorder=5))
                else:
                    d = math.hypot(x, y) or 1.0
                    ux, uy = x / d, y / d
                    ha = "left" if ux > 0.3 else ("right" if ux < -0.3 else "center")
                    va = "bottom" if uy > 0.3 else ("top" if uy < -0.3 else "center")
                    texts.append(ax.text(x + 0.13 * ux, y + 0.13 * uy, label, ha=ha, va=va,
                                         fontsize=7, zorder=5))
                points.append((x, y))
        if ext:
            top = max(pos[m][1] for m in ext)
            fixed.append(ax.text(x_ext - 0.1, top + 0.3, "外部共建单位", ha="left",
                                 va="bottom", fontsize=8, color=ROLE_COLORS["external"]))
        handles = [Line2D([], [], marker="o", ls="", color=c, markersize=8,
                          label=f"{ROLE_NAMES_ZH[r]}（{len(by_role[r])}）")
                   for r, c in ROLE_COLORS.items() if core is not None]
        if core is None:
            handles.append(Line2D([], [], marker="o", ls="", markersize=8,
                                  color=ROLE_COLORS["unlinked"],
                                  label=f"辖区成员，无核心可联动（{len(by_role['unlinked'])}）"))
        if keep:
            handles.append(Line2D([], [], color=_TIE_LINE, lw=1,
                                  label="联系（共建、隶属、覆盖等）"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01),
                  ncol=3, fontsize=8, frameon=False)
        rate = row["linkage_rate"]
        rate_text = f"联动率 {rate:.0%}" if core is not None else "无核心，无联动率"
        note = "\n（成员较多：泛核心圈和未联动成员未标注名称，见报告名单）" if crowded else ""
        ax.set_title(f"{row['name']}“一核双圈”党建融合圈　{rate_text}"
                     f"（辖区成员 {row['members']}）{note}", fontsize=12)
        ax.set_xlim(-span, right)
        ax.set_ylim(-span, span)
        ax.set_aspect("equal")
        ax.axis("off")
        _spread(texts, ax, np.array(points).reshape(-1, 2), objects=fixed or None)
        _finish(fig, save, show, close, dpi)
    return fig, ax


def plot_coverage(
    G: Any, *, by: str = "kind", scope: str = "all", area: str | None = None,
    target_work: float | None = 0.95, target_org: float | None = 0.90,
    limit: int | None = None, rates: pd.DataFrame | None = None, ax: Axes | None = None,
    figsize: tuple[float, float] | None = None, save: str | os.PathLike[str] | None = None,
    show: bool = False, close: bool = False, dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Bar chart of own-organization, organizational and work coverage per group, worst
    work coverage first, with the targets as vertical lines.

    Each group's label carries its denominator (``n=``, the units in scope).

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    by : {"kind", "area", "community"}, default "kind"
    scope : {"all", "two_new"}, default "all"
    area : str, optional
        Only the units of this street/town (id or Chinese name).
    target_work, target_org : float or None, default 0.95 and 0.90
        Targets drawn as lines (None: no line).
    limit : int, optional
        Draw only the `limit` worst groups (default: all up to 60 groups, else the 40
        worst; the title says so).
    rates : DataFrame, optional
        The rates to draw, computed already (:func:`graphkit.coverage_rates` by `by`, e.g.
        ``result.by_area`` of an audit, of `area` when given): nothing is recomputed.
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
    p = places(G)
    where = ""
    a = resolve(p, area, V.AREA) if area is not None else None
    if a is not None:
        where = f"{p.areas.at[a, 'name']}，"
    if rates is None:
        units = unit_coverage(G, scope=scope)
        if a is not None:
            units = units[units["area"] == a]
        rates = coverage_rates(units, by=by)
    rates = rates.assign(_k=[str(k) for k in rates.index]).sort_values(
        ["work", "organization", "own", "_k"], na_position="first").drop(columns="_k")
    total = len(rates)
    if limit is None and total > 60:
        limit = 40
    if limit is not None:
        rates = rates.head(limit)
    names = node_names(G)
    labels = [
        f"{V.KIND_NAMES_ZH.get(k, k) if by == 'kind' else short_name(names.get(k, k), p.prefixes)}"
        f"（n={n}）" for k, n in zip(rates.index, rates["units"], strict=True)
    ]
    size = figsize or (8.5, 1.6 + 0.42 * max(len(rates), 1))
    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, size)
        y = np.arange(len(rates))
        w = 0.27
        for i, col in enumerate(("own", "organization", "work")):
            ax.barh(y + (i - 1) * w, rates[col].fillna(0).to_numpy(), height=w,
                    color=_RATE_COLORS[col], label=_RATE_NAMES_ZH[col])
        # the work rate, written out: one decimal when a target is drawn (92.5% is not
        # "93%" next to a 95% target)
        decimals = 1 if (target_work is not None or target_org is not None) else 0
        for yi, v in zip(y, rates["work"], strict=True):
            ax.text((0 if v != v else v) + 0.008, yi + w, "—" if v != v else _pct(v, decimals),
                    va="center", ha="left", fontsize=7, color="#333333", zorder=4,
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.85})
        for target, text, ls in ((target_work, "工作覆盖目标", "--"),
                                 (target_org, "组织覆盖目标", ":")):
            if target is not None:
                ax.axvline(target, color=_TARGET_LINE, ls=ls, lw=1.1,
                           label=f"{text} {_pct(target, 1)}")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.06)  # room for "100%" after the longest bar
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        what = {"kind": "单位类型", "area": "街道（镇）", "community": "社区"}[by]
        scope_zh = "两新组织" if scope == "two_new" else "全部单位"
        shown = f"；工作覆盖率最低的 {len(rates)} 个，共 {total} 个" if len(rates) < total else ""
        ax.set_title(f"党的组织覆盖和工作覆盖（{where}按{what}，{scope_zh}，由低到高{shown}）",
                     fontsize=11)
        ax.grid(axis="x", alpha=0.3)
        _cjk_text(ax)
        _legend_below(ax, ncol=3)
        _finish(fig, save, show, close, dpi)
    return fig, ax


def _toward(center: Any, gap: float) -> tuple[float, float]:
    """The point `gap` short of `center` on the way from the origin (a spoke stops at the
    cluster's edge, not on its label)."""
    x, y = float(center[0]), float(center[1])
    d = math.hypot(x, y) or 1.0
    k = max(0.0, (d - gap) / d)
    return (x * k, y * k)


def _community_ties(G: Any, engine: Any = None) -> pd.DataFrame:
    """Ties between entities of two different communities, counted per community pair
    (``a < b``, ``weight``)."""
    nodes = tie_nodes(G, engine=engine)
    e = tie_edges(G, engine=engine)
    cu = e["u"].map(nodes["community"])
    cv = e["v"].map(nodes["community"])
    cross = cu.notna() & cv.notna() & (cu != cv)
    a = np.where(cu[cross] < cv[cross], cu[cross], cv[cross])
    b = np.where(cu[cross] < cv[cross], cv[cross], cu[cross])
    frame = pd.DataFrame({"a": a, "b": b, "weight": e.loc[cross, "weight"].to_numpy()})
    return frame.groupby(["a", "b"], as_index=False)["weight"].sum()


def _area_ties(G: Any, streets: set[str], engine: Any = None
               ) -> tuple[pd.DataFrame, pd.Series]:
    """Ties between entities of two different streets, counted per street pair (``a < b``,
    ``weight``), and the ties of city-level entities (of no street in `streets`: municipal
    organs, the city's own organizations) counted per street they reach."""
    nodes = tie_nodes(G, engine=engine)
    e = tie_edges(G, engine=engine)
    au = e["u"].map(nodes["area"]).where(lambda x: x.isin(streets))
    av = e["v"].map(nodes["area"]).where(lambda x: x.isin(streets))
    cross = au.notna() & av.notna() & (au != av)
    a = np.where(au[cross] < av[cross], au[cross], av[cross])
    b = np.where(au[cross] < av[cross], av[cross], au[cross])
    pairs = pd.DataFrame({"a": a, "b": b, "weight": e.loc[cross, "weight"].to_numpy()})
    pairs = pairs.groupby(["a", "b"], as_index=False)["weight"].sum()
    city = pd.concat([e.loc[au.isna() & av.notna(), "weight"].groupby(av).sum(),
                      e.loc[av.isna() & au.notna(), "weight"].groupby(au).sum()])
    return pairs, city.groupby(level=0).sum()


def plot_network(
    G: Any, *, area: str | None = None, sub_core_min_rating: int | None = None,
    ax: Axes | None = None, figsize: tuple[float, float] | None = None,
    labels: bool | None = None, aggregate: bool | None = None, max_communities: int = 80,
    cmap: str = "RdYlGn", save: str | os.PathLike[str] | None = None, show: bool = False,
    close: bool = False, dpi: int = 150, circles: pd.DataFrame | None = None,
    engine: Any = None,
) -> tuple[Figure, Axes]:
    """Overview of a city (or one street): communities grouped around their street or
    town, coloured by linkage rate, sized by jurisdiction members, with the ties between
    communities as lines; communities without a core are grey crosses.

    Beyond `max_communities` communities the ties are aggregated per street (one line
    per pair of streets, as wide as the ties between them) and communities are unlabelled
    dots around their street's name, so that a city of 400+ communities stays readable.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    area : str, optional
        Draw only the communities of this street/town (id or Chinese name).
    labels : bool, optional
        Write community names (default: when the ties are not aggregated).
    aggregate : bool, optional
        Aggregate ties per street (default: beyond `max_communities` communities).
    max_communities : int, default 80
    cmap : str, default "RdYlGn"
        Colormap of the linkage rate.
    ax, figsize, save, show, close, dpi, sub_core_min_rating
        As in :func:`plot_circles`.
    circles : DataFrame, optional
        :func:`graphkit.circles` computed already (an audit's ``result.circles``).
    engine : optional
        Where the ties are computed (an audit's ``result.engine``; default DuckDB).

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> fig, ax = plot_network(G)                                  # doctest: +SKIP
    """
    p = places(G)
    circ = (circles if circles is not None else
            _circles(G, sub_core_min_rating=sub_core_min_rating, engine=engine)).copy()
    circ["area"] = [p.communities["area"].get(c) for c in circ["community"]]
    if area is not None:
        area = resolve(p, area, V.AREA)
        circ = circ[circ["area"] == area]
    agg = aggregate if aggregate is not None else len(circ) > max_communities
    show_labels = labels if labels is not None else not agg
    area_names = p.areas["name"]
    key = circ["area"].fillna("")
    groups = sorted(key.unique(), key=lambda g: (g == "", g))
    sizes = {g: int((key == g).sum()) for g in groups}
    cluster = {g: 0.55 + 0.09 * math.sqrt(n) * 3 for g, n in sizes.items()}
    big = (sum(2.6 * r for r in cluster.values()) / (2 * math.pi)) if len(groups) > 1 else 0.0
    radius = max(big, 3.2 if len(groups) > 1 else 0.0)
    centers = dict(zip(groups, ring(len(groups), radius, math.pi / 2), strict=True))
    pos: dict[str, tuple[float, float]] = {}
    for g in groups:
        sub = circ.loc[key == g, "community"].tolist()
        points = ring(len(sub), cluster[g], math.pi / 2) + centers[g]
        for c, xy in zip(sub, points, strict=True):
            pos[c] = (float(xy[0]), float(xy[1]))
    extent = radius + max(cluster.values(), default=1.0) + 0.8
    size = figsize or (11, 10)

    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, size)
        n_ties = 0
        n_city = 0
        if agg:
            t, city = _area_ties(G, {g for g in groups if g}, engine)
            if len(t):
                w = t["weight"].to_numpy(dtype=float)
                ax.add_collection(LineCollection(
                    [(centers[a], centers[b]) for a, b in zip(t["a"], t["b"], strict=True)],
                    colors=_TIE_LINE, linewidths=0.4 + 3.0 * np.sqrt(w / w.max()), alpha=0.35,
                    zorder=1))
            n_ties = int(t["weight"].sum())
            city = city[city.index.isin(centers)]
            if len(city) and len(groups) > 1:
                # city-level organizations (municipal organs ...) in the middle, one spoke
                # per street as wide as their ties into it
                w = city.to_numpy(dtype=float)
                ax.add_collection(LineCollection(
                    [((0.0, 0.0), _toward(centers[g], cluster[g])) for g in city.index],
                    colors=_CITY_LINE,
                    linewidths=0.4 + 3.0 * np.sqrt(w / w.max()), alpha=0.45, zorder=1))
                n_city = int(w.sum())
                ax.text(0, 0, f"市级单位\n联结 {n_city} 条", ha="center", va="center",
                        fontsize=9, color="#333333", zorder=4,
                        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": _CITY_LINE})
        else:
            t = _community_ties(G, engine)
            t = t[t["a"].isin(pos) & t["b"].isin(pos)]
            if len(t):
                w = t["weight"].to_numpy(dtype=float)
                ax.add_collection(LineCollection(
                    [(pos[a], pos[b]) for a, b in zip(t["a"], t["b"], strict=True)],
                    colors=_TIE_LINE, linewidths=0.4 + 1.6 * (w - 1) / max(w.max() - 1, 1),
                    alpha=0.4, zorder=1))
            n_ties = int(t["weight"].sum())
        texts, points = [], []
        for g in groups:
            name = area_names.get(g, "（无所属街道）") if g else "（无所属街道）"
            cx, cy = centers[g]
            ax.text(cx, cy, f"{name}\n{sizes[g]} 个社区", ha="center", va="center",
                    fontsize=10 if len(groups) <= 12 else 7, color="#333333", zorder=4,
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.7})
        ok = circ[circ["status"] == "ok"]
        none = circ[circ["status"] != "ok"]
        xy = np.array([pos[c] for c in ok["community"]]).reshape(-1, 2)
        dot = (40 if not agg else 14) + (12 if not agg else 3) * np.sqrt(
            ok["members"].to_numpy(dtype=float))
        sc = ax.scatter(xy[:, 0], xy[:, 1], c=ok["linkage_rate"].to_numpy(dtype=float),
                        cmap=cmap, vmin=0, vmax=1, s=dot, edgecolors="#333333",
                        linewidths=0.4, zorder=3)
        handles = [Line2D([], [], color=_TIE_LINE, lw=1.5,
                          label="街道之间的联结（线宽＝联结数）" if agg else "社区之间的联结")]
        if n_city:
            handles.append(Line2D([], [], color=_CITY_LINE, lw=1.5,
                                  label="市级单位与街道内组织的联结"))
        if len(none):
            nxy = np.array([pos[c] for c in none["community"]]).reshape(-1, 2)
            ax.scatter(nxy[:, 0], nxy[:, 1], marker="x", s=40 if agg else 60, c="#555555",
                       zorder=3)
            handles.append(Line2D([], [], marker="x", ls="", color="#555555",
                                  label=f"无社区党组织（无核心，{len(none)} 个）"))
        if show_labels:
            for c, n in zip(circ["community"], circ["name"], strict=True):
                x, y = pos[c]
                texts.append(ax.text(x, y - 0.12, _label(n, p.prefixes, 6, 1), ha="center",
                                     va="top", fontsize=6.5, zorder=5))
                points.append((x, y))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2,
                  fontsize=8, frameon=False)
        cb = fig.colorbar(sc, ax=ax, fraction=0.035, pad=0.02)
        cb.set_label("一核双圈联动率")
        cb.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        where = area_names.get(area, area) if area else (G.graph.get("name") if hasattr(
            G, "graph") else getattr(G, "name", "")) or ""
        how = f"街道间联结 {n_ties} 条" if agg else f"社区间联结 {n_ties} 条"
        if n_city:
            how += f"，市级单位联结 {n_city} 条"
        ax.set_title(f"{where}：各社区党建融合圈联动率（{len(circ)} 个社区，{how}）",
                     fontsize=12)
        ax.set_xlim(-extent, extent)
        ax.set_ylim(-extent, extent)
        ax.set_aspect("equal")
        ax.axis("off")
        _spread(texts, ax, np.array(points).reshape(-1, 2))
        _finish(fig, save, show, close, dpi)
    return fig, ax


def _prefixes(G: Any, names: list[str]) -> tuple[str, ...]:
    """City prefixes to drop from names: the network's (:func:`places`), else, for a tie
    graph (no places), the longest common prefix of `names` that ends in 市, 县 or 区."""
    if not isinstance(G, nx.Graph) or G.is_multigraph():
        return places(G).prefixes
    common = names[0] if len(names) > 1 else ""
    for name in names[1:]:
        while not name.startswith(common):
            common = common[:-1]
    cut = max(common.rfind(ch) for ch in "市县区")
    return (common[:cut + 1],) if cut > 0 else ()


#: Node colors of :func:`plot_ties`: the core, other Party organizations, units without an
#: organization of their own, and entities of other communities (or of none).
TIE_NODE_COLORS = {"core": V.ROLE_COLORS["core"], V.PARTY_ORG: V.LABEL_COLORS[V.PARTY_ORG],
                   V.UNIT: V.LABEL_COLORS[V.UNIT], "outside": V.ROLE_COLORS["external"]}
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
    from ..analysis.measuring import as_tie_graph, community_names

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
    pos = tie_layout(H, seed)

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
        texts, points = [], []
        if show_labels:
            prefixes = _prefixes(G, [str(T.nodes[n].get("name", n)) for n in H])
            for n in H:
                x, y = pos[n]
                label = _label(T.nodes[n].get("name", n), prefixes, label_length)
                # beside the node (right of it), not on it; moved apart below
                texts.append(ax.text(x + 0.025, y, label, fontsize=6, ha="left",
                                     va="center", multialignment="left", zorder=4))
                points.append((x, y))
        if len(H):
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=8,
                      frameon=False)
        ax.set_title(f"{where}：组织联结网络（{H.number_of_nodes()} 个组织，"
                     f"{H.number_of_edges()} 条联结）", fontsize=12)
        ax.set_aspect("equal")
        ax.axis("off")
        if texts:
            xs, ys = np.array(points)[:, 0], np.array(points)[:, 1]
            pad = 0.12
            ax.set_xlim(xs.min() - pad, xs.max() + 3 * pad)  # labels to the right
            ax.set_ylim(ys.min() - pad, ys.max() + pad)
        _spread(texts, ax, np.array(points).reshape(-1, 2))
        _finish(fig, save, show, close, dpi)
    return fig, ax


# --- the trend across snapshots (SPEC section 7) ----------------------------------------
_TREND_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                 "#17becf", "#bcbd22", "#7f7f7f")


def plot_trend(
    data: Any, *, metric: str = "organization", scope: str = "all", areas: bool = True,
    target: float | str | None = "auto",
    ax: Axes | None = None, figsize: tuple[float, float] = (9, 5.5),
    save: str | os.PathLike[str] | Any | None = None, show: bool = False,
    close: bool = False, dpi: int = 150, format: str | None = None,
) -> tuple[Figure, Axes]:
    """Draw one coverage rate across snapshots: the city overall (bold) and each area.

    Parameters
    ----------
    data : DataFrame or iterable of datasets
        The output of :func:`graphkit.trend`, or what it takes (Datasets, graphs, paths).
    metric : {"own", "organization", "work"}, default "organization"
    scope : {"all", "two_new"}, default "all"
        Used when `data` are datasets (and in the title).
    areas : bool, default True
        Also draw one line per street/town.
    target : float, "auto" or None, default "auto"
        A horizontal target line: "auto" draws the report's targets (95% for work,
        90% for organizational coverage, none for the own-organization rate); None none.
    ax, figsize, save, show, close, dpi
        As in :func:`plot_circles`; `save` may also be a binary file object.
    format : str, optional
        Image format when `save` is a file object (``png``, ``svg``, ``pdf``).

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import graphkit as gk
    >>> fig, ax = plot_trend(gk.trend(["data/sihui", "data/sihui-2021"]), close=True)
    >>> ax.get_title()
    '组织覆盖率变化趋势（全部单位）'
    """
    import pandas as pd

    from ..analysis.comparing import trend

    names_zh = {"own": "单独组建率", "organization": "组织覆盖率", "work": "工作覆盖率"}
    if metric not in names_zh:
        raise UsageError(f"plot_trend metric {metric!r}: expected own, organization or work")
    if target == "auto":
        target = {"work": 0.95, "organization": 0.90}.get(metric)
    elif isinstance(target, str):
        raise UsageError(f"plot_trend target {target!r}: expected a rate, 'auto' or None")
    frame = data if isinstance(data, pd.DataFrame) else trend(data, scope=scope)
    snaps = frame.drop_duplicates("order").sort_values("order")
    dates = snaps["snapshot"].tolist()
    unique = all(dates) and len(set(dates)) == len(dates)
    ticks = [str(s) if unique else f"{s or '未注明日期'}\n{_short(str(n), 14)}"
             for s, n in zip(dates, snaps["dataset"], strict=True)]
    groups = ["all"] + (sorted(set(frame["group"]) - {"all"}) if areas else [])
    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, figsize)
        ends = []
        for i, g in enumerate(groups):
            sub = frame[frame["group"] == g].sort_values("order")
            if sub.empty:
                continue
            overall = g == "all"
            label = sub["name"].iloc[-1] + ("" if overall else f"（n={sub['units'].iloc[-1]}）")
            if overall:
                label = f"全市（n={sub['units'].iloc[-1]}）"
            color = "#222222" if overall else _TREND_COLORS[(i - 1) % len(_TREND_COLORS)]
            y = sub[metric].to_numpy(dtype=float)
            ax.plot(sub["order"], y, marker="o", lw=2.8 if overall else 1.4, color=color,
                    label=label, zorder=3 if overall else 2)
            last = sub.iloc[-1]
            if not math.isnan(float(last[metric])):
                ends.append(ax.annotate(
                    f"{100 * float(last[metric]):.1f}%", (last["order"], last[metric]),
                    xytext=(7, 0), textcoords="offset points", va="center", fontsize=8,
                    color=color, zorder=5,
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                          "alpha": 0.85}))
        if target is not None:
            ax.axhline(float(target), color=_TARGET_LINE, ls="--", lw=1.1, zorder=1,
                       label=f"目标 {_pct(float(target), 1)}")
        ax.set_xticks(snaps["order"].tolist(), ticks, fontsize=8)
        ax.set_xlim(-0.3, max(len(snaps) - 1, 1) + 0.45)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        lo = float(np.nanmin(frame[frame["group"].isin(groups)][metric].to_numpy(dtype=float)))
        if target is not None and not math.isnan(lo):
            lo = min(lo, float(target))
        ax.set_ylim(max(0.0, math.floor(lo * 10) / 10 - 0.05) if not math.isnan(lo) else 0, 1.0)
        ax.grid(axis="y", alpha=0.3)
        _cjk_text(ax)
        _legend_below(ax, ncol=3)
        # the end values apart: 82.8% and 82.6% are two labels, not one blot
        _apart_vertically(ends, ax)
        scope_zh = {"all": "全部单位", "two_new": "两新组织"}.get(scope, scope)
        ax.set_title(f"{names_zh[metric]}变化趋势（{scope_zh}）", fontsize=12)
        if save is not None and format is not None:
            fig.savefig(save, dpi=dpi, bbox_inches="tight", facecolor="white", format=format)
            save = None
        _finish(fig, save, show, close, dpi)
    return fig, ax


__all__ += ["plot_trend"]


def plot_scorecard(
    G: Any, *, area: str | None = None, limit: int | None = None,
    sub_core_min_rating: int | None = None, title: str | None = None, ax: Axes | None = None,
    figsize: tuple[float, float] | None = None, save: str | os.PathLike[str] | Any | None = None,
    show: bool = False, close: bool = False, dpi: int = 150,
) -> tuple[Figure, Axes]:
    """Heat map of the community scorecard (四个融合, SPEC section 8): communities (rows,
    weakest first) × indicators (columns), each cell the community's value written out and
    coloured against the best community (linkage rate, the share of compounds with a
    branch and the share of those holding joint meetings as they are; grey where the
    indicator does not apply).

    Parameters
    ----------
    G : networkx.MultiDiGraph, Dataset or DataFrame
        A network, or a scorecard (:func:`graphkit.scorecard`) to draw as it is.
    area : str, optional
        Only the communities of this street/town (id or Chinese name).
    limit : int, optional
        Draw only the `limit` weakest communities (default: all up to 60, else the 40
        weakest; the title says so).
    sub_core_min_rating : int, optional
        For the linkage rate (default :data:`graphkit.settings`).
    title : str, optional
        Instead of the default title.
    ax, figsize, save, show, close, dpi
        As in :func:`plot_circles`.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import graphkit as gk
    >>> fig, ax = plot_scorecard(gk.read_dataset("data/sihui"), area="东城", close=True)
    >>> ax.get_title().startswith("四个融合")
    True
    """
    from matplotlib.colors import LinearSegmentedColormap

    from ..analysis.mechanisms import INDICATORS, scorecard, scores, worst_first

    where = ""
    if isinstance(G, pd.DataFrame):
        card = G
        if area is not None:
            raise UsageError("plot_scorecard: area needs a network, not a scorecard table")
    else:
        card = scorecard(G, sub_core_min_rating=sub_core_min_rating)
        if area is not None:
            p = places(G)
            a = resolve(p, area, V.AREA)
            inside = set(p.communities.index[p.communities["area"] == a])
            card = card[card["community"].isin(inside)]
            where = f"{p.areas.at[a, 'name']}，"
    comms = card[card["community"].notna()].set_index("community", drop=False)
    order = worst_first(card)
    total = len(order)
    if limit is None and total > 60:
        limit = 40
    if limit is not None:
        order = order[:limit]
    s = scores(card).loc[order, list(INDICATORS)] if order else scores(card)
    prefixes = places(G).prefixes if not isinstance(G, pd.DataFrame) else ()
    labels = [_label(comms.at[c, "name"], prefixes, 8, 1) for c in order]
    cmap = LinearSegmentedColormap.from_list("gk_score", list(V.SCORE_COLORS)).with_extremes(
        bad=V.SCORE_MISSING)
    size = figsize or (1.6 + 0.95 * len(INDICATORS), 1.5 + 0.34 * max(len(order), 1))
    with plt.rc_context(_fonts.rc()):
        fig, ax = _axes(ax, size)
        data = np.ma.masked_invalid(s.to_numpy(dtype=float))
        ax.imshow(data, cmap=cmap, vmin=0, vmax=1, aspect="auto", interpolation="nearest")
        for i, c in enumerate(order):
            for j, f in enumerate(INDICATORS):
                v = comms.at[c, f]
                if f == "linkage_rate":
                    text = "—" if v != v else f"{v:.0%}"
                elif f == "compounds_with_branch":
                    text = f"{int(v)}/{int(comms.at[c, 'compounds'])}"
                elif f == "compounds_with_joint_meeting":
                    text = f"{int(v)}/{int(comms.at[c, 'compounds_with_branch'])}"
                else:
                    text = f"{v:,.0f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=7, color="#222222")
        ax.set_xticks(range(len(INDICATORS)),
                      [V.MECHANISM_SHORT_ZH[f] for f in INDICATORS], fontsize=8)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(order)), labels, fontsize=8)
        ax.set_xticks(np.arange(-0.5, len(INDICATORS)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(order)), minor=True)
        ax.grid(which="minor", color="white", lw=1.2)
        ax.tick_params(which="minor", length=0)
        ax.tick_params(which="major", length=0)
        for side in ax.spines.values():
            side.set_visible(False)
        shown = f"；最弱的 {len(order)} 个，共 {total} 个" if len(order) < total else ""
        ax.set_title(title or f"四个融合：社区计分卡（{where}由弱到强{shown}）", fontsize=11,
                     pad=10)
        ax.set_xlabel("颜色：与最好的社区相比（联动率、小区建支部率、联席会议率按比例），"
                      "红弱绿强，灰色不适用", fontsize=8, color="#555555")
        _finish(fig, save, show, close, dpi)
    return fig, ax


__all__ += ["plot_scorecard"]


def _two(x: Any) -> str:
    """`x` with two decimals ("—" when it has no value)."""
    return "—" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


def plot_clusters(result: Any, *, ax: Axes | None = None,
                  figsize: tuple[float, float] | None = None, cmap: str = "Reds",
                  save: str | os.PathLike[str] | None = None, close: bool = False,
                  dpi: int = 150) -> tuple[Figure, Axes]:
    """Draw detected clusters against administrative communities.

    One row per community (grouped by street, with the street named on the right), one
    column per detected cluster; a cell's color is the share of the community's entities
    (with a tie) that the cluster holds (:func:`cluster_table`). If linkage followed the
    communities exactly, each row and each column would hold a single dark cell on a
    diagonal; a column spanning several rows is a cluster that joins communities, a row
    spread over several columns a community whose entities link into different clusters.

    Parameters
    ----------
    result : graphkit.measuring.MeasuresResult
    ax : matplotlib Axes, optional
        Draw into it (default: a new figure).
    figsize : (float, float), optional
        Default: grows with the numbers of communities and clusters.
    cmap : str, default "Reds"
    save : path, optional
        Write the figure (PNG, SVG, PDF by extension; whole or not at all).
    close : bool, default False
        Close the figure after drawing (for scripts).
    dpi : int, default 150

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.plot import plot_clusters
    >>> fig, ax = plot_clusters(gk.measures(gk.read_dataset("data/sihui")), close=True)
    >>> ax.get_xlabel()
    '检测到的社群（按所含组织最多的社区排列）'
    """
    from ..analysis.measuring.result import cluster_table
    from ._measures import ALGORITHM_NAMES

    table = cluster_table(result)
    share = table.div(table.sum(axis=1), axis=0) if len(table) else table
    rows, cols = share.shape
    with plt.rc_context(_fonts.rc()):
        if ax is None:
            fig, ax = plt.subplots(figsize=figsize or (min(4 + 0.35 * cols, 16),
                                                       min(2.5 + 0.22 * rows, 30)))
        else:
            fig = ax.figure
        if rows:
            im = ax.imshow(share.to_numpy(dtype=float), aspect="auto", cmap=cmap, vmin=0,
                           vmax=1, interpolation="nearest")
            ax.set_yticks(range(rows), share.index, fontsize=7)
            ax.set_xticks(range(cols), [str(c) for c in share.columns], fontsize=7)
            areas = table.attrs["areas"]
            start = 0
            for i in range(1, rows + 1):
                if i == rows or areas[i] != areas[start]:
                    if i < rows:
                        ax.axhline(i - 0.5, color="#333333", lw=0.8)
                    ax.text(cols - 0.4, (start + i - 1) / 2, areas[start], fontsize=9,
                            ha="left", va="center", clip_on=False)
                    start = i
            bar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.12)
            bar.set_label("社区内组织落在该社群的比例", fontsize=8)
        cmp_ = result.comparison
        how = result.methods.get("communities", {}).get("method", "")
        ax.set_title(f"检测到的社群（{ALGORITHM_NAMES.get(how, how)}）与行政社区："
                     f"NMI {_two(cmp_.get('nmi'))}，ARI {_two(cmp_.get('ari'))}",
                     fontsize=11)
        ax.set_xlabel("检测到的社群（按所含组织最多的社区排列）", fontsize=9)
        ax.set_ylabel("行政社区（按街道、镇分组）", fontsize=9)
        fig.tight_layout()
        _finish(fig, save, False, close, dpi)
    return fig, ax


__all__ += ["plot_clusters"]
