"""The figure of detected clusters against the administrative communities
(:func:`plot_clusters`, from :func:`cluster_table`). The measures' reports (terminal,
Markdown, HTML, workbook; JSON and CSV) are :mod:`graphkit.report`'s."""

from __future__ import annotations

import io
import math
import os
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...network._atomic import write_atomic
from .result import MeasuresResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["cluster_table", "plot_clusters"]

_ALGORITHM_NAMES = {"leiden": "Leiden", "louvain": "Louvain"}


def _fmt(x: Any, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def cluster_table(result: MeasuresResult) -> pd.DataFrame:
    """Entities per community (rows) and detected cluster (columns), over the entities
    the comparison uses (with a community and at least one tie). Rows are ordered by
    street (area) then community id; columns so that each cluster follows the community
    holding most of its entities (the table is block-diagonal when linkage follows the
    communities). Row labels are community names, column labels cluster numbers; the
    ``area`` of each row is in ``frame.attrs["areas"]`` (names, same order)."""
    ent = result.entity_table()
    ent = ent[(ent["degree"] > 0) & ent["community"].notna()]
    if ent.empty:
        return pd.DataFrame()
    table = pd.crosstab(ent["community"], ent["cluster"])
    area = ent.groupby("community")["area"].agg(
        lambda a: a.value_counts().sort_index().idxmax() if a.notna().any() else "")
    rows = sorted(table.index, key=lambda c: (str(area.get(c) or ""), str(c)))
    table = table.loc[rows]
    main = table.to_numpy().argmax(axis=0)
    cols = sorted(range(table.shape[1]), key=lambda j: (main[j], -table.iloc[:, j].sum(),
                                                        table.columns[j]))
    table = table.iloc[:, cols]
    names = dict(zip(result.cohesion["community"], result.cohesion["name"], strict=True))
    table.attrs["areas"] = [result.areas.get(area.get(c), area.get(c) or "") for c in rows]
    table.index = [names.get(c) or c for c in rows]
    return table


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
        if save is not None:  # whole or not at all
            buf = io.BytesIO()
            fmt = os.fspath(save).rsplit(".", 1)[-1].lower() if "." in os.fspath(save) \
                else "png"
            fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", facecolor="white")
            write_atomic(save, buf.getvalue())
        if close:
            plt.close(fig)
    return fig, ax
