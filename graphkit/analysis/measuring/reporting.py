"""The figure of detected clusters against the administrative communities
(:func:`plot_clusters`, from :func:`cluster_table`). The measures' reports (terminal,
Markdown, HTML, workbook; JSON and CSV) are :mod:`graphkit.report`'s."""

from __future__ import annotations

import math
import os
from typing import TYPE_CHECKING, Any

from .result import MeasuresResult, cluster_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["cluster_table", "plot_clusters"]

_ALGORITHM_NAMES = {"leiden": "Leiden", "louvain": "Louvain"}  # as the measures' report


def _fmt(x: Any, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def plot_clusters(result: MeasuresResult, *, ax: Axes | None = None,
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
    result : MeasuresResult
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
    >>> from graphkit.measuring import plot_clusters
    >>> fig, ax = plot_clusters(gk.measures(gk.read_dataset("data/sihui")), close=True)
    >>> ax.get_xlabel()
    '检测到的社群（按所含组织最多的社区排列）'
    """
    import matplotlib.pyplot as plt

    from ...report import _fonts
    from ...report.plot import _finish

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
        ax.set_title(f"检测到的社群（{_ALGORITHM_NAMES.get(how, how)}）与行政社区："
                     f"NMI {_fmt(cmp_.get('nmi'), 2)}，ARI {_fmt(cmp_.get('ari'), 2)}",
                     fontsize=11)
        ax.set_xlabel("检测到的社群（按所含组织最多的社区排列）", fontsize=9)
        ax.set_ylabel("行政社区（按街道、镇分组）", fontsize=9)
        fig.tight_layout()
        _finish(fig, save, False, close, dpi)
    return fig, ax
