"""Render a :class:`~graphkit.measuring.MeasuresResult`: a Chinese terminal summary, the
JSON document (``"schema": 1``) and the per-entity CSV table (``graphkit measures``), and
the figure of detected clusters against the administrative communities
(:func:`plot_clusters`)."""

from __future__ import annotations

import io
import math
import os
from typing import TYPE_CHECKING, Any

import orjson
import pandas as pd

from ... import vocab as V
from ...network._atomic import write_atomic
from .result import MeasuresResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "plot_clusters", "render", "to_csv", "to_json_bytes", "to_text"]

FORMATS = ("table", "json", "csv")

_ENTITY_HEADERS = {
    "name": "名称", "community": "所属社区", "degree": "度", "weighted_degree": "加权度",
    "betweenness": "中介中心性", "pagerank": "PageRank", "constraint": "约束系数",
    "effective_size": "有效规模", "core_number": "k-核", "cut_point": "割点",
}


def to_json_bytes(result: MeasuresResult) -> bytes:
    """The JSON document as UTF-8 bytes: sorted keys, indented, Chinese not escaped."""
    return orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                        | orjson.OPT_APPEND_NEWLINE)


def to_csv(result: MeasuresResult) -> str:
    """One row per entity (:func:`~graphkit.measuring.entity_measures` plus ``cluster``)."""
    ent = result.entities.copy()
    ent["cluster"] = result.clusters.reindex(ent["id"]).to_numpy()
    return ent.to_csv(index=False, lineterminator="\n")


_ALGORITHM_NAMES = {"leiden": "Leiden", "louvain": "Louvain"}


def _fmt(x: Any, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if isinstance(x, bool):
        return "是" if x else "否"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def _method(m: dict[str, Any]) -> str:
    if m.get("method") == "sampled":
        return (f"抽样估计 k={m['k']}，seed={m['seed']}（连通分量 > {m['exact_max']} 个组织；"
                f"Brandes-Pich 估计）")
    return "精确计算"


def to_text(result: MeasuresResult, *, width: int = 120, top: int = 15) -> str:
    """A terminal summary (rich tables): city-wide cohesion, clusters against communities,
    whether the cores are central, the top brokers and the crossing clusters."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, color_system=None,
                      highlight=False)

    def table(title: str, frame: pd.DataFrame, headers: dict[str, str]) -> None:
        t = Table(title=title, title_justify="left")
        for i, col in enumerate(headers.values()):
            t.add_column(col, overflow="fold", no_wrap=i == 0)
        for row in frame[list(headers)].itertuples(index=False, name=None):
            t.add_row(*(escape(_fmt(v)) for v in row))
        console.print(t)

    console.rule(f"[bold]组织联结网络指标：{escape(str(result.meta.get('name')))}")
    city = result.city
    console.print(
        f"全市（city）：组织 {city['entities']} 个，联结 {city['ties']} 条，密度 "
        f"{_fmt(city['density'])}，连通分量 {city['components']}（孤立 {city['isolates']}），"
        f"最大分量 {city['largest_component']}，平均路径长度 {_fmt(city['avg_path_length'], 3)}"
        f"（{city['path_method']}），桥 {city['bridges']}，割点 {city['cut_points']}",
        markup=False, soft_wrap=True)
    console.print(f"中介中心性（betweenness）：{_method(result.methods['betweenness'])}",
                  markup=False)
    cmp_ = result.comparison
    how = result.methods["communities"]
    console.print(
        f"检测到的社群（{_ALGORITHM_NAMES.get(how['method'], how['method'])}，"
        f"seed={how['seed']}，resolution={how['resolution']}）与行政社区对比："
        f"NMI {_fmt(cmp_['nmi'], 3)}，ARI {_fmt(cmp_['ari'], 3)}（{cmp_['entities']} 个有联结、"
        f"有所属社区的组织；{cmp_['clusters']} 个社群 / {cmp_['communities']} 个社区）；"
        f"模块度 modularity：检测社群 {_fmt(cmp_.get('modularity'), 3)}，行政社区 "
        f"{_fmt(cmp_.get('community_modularity'), 3)}",
        markup=False, soft_wrap=True)
    cores = result.cores
    if len(cores):
        console.print(
            f"核心是否居中：{int(cores['core_is_top'].sum())} / {len(cores)} 个社区的社区党组织"
            f"在本辖区联结网络中中介中心性排第一", markup=False)
    ent = result.entities.sort_values(["betweenness", "id"], ascending=[False, True])
    ent = ent.head(top).copy()
    names = dict(zip(result.cohesion["community"], result.cohesion["name"], strict=True))
    ent["community"] = ent["community"].map(lambda c: names.get(c, c) if c else "（无）")
    ent["name"] = [f"{n}（{V.LABEL_NAMES_ZH.get(lab, lab)}）" if lab != V.PARTY_ORG else n
                   for n, lab in zip(ent["name"], ent["label"], strict=True)]
    if len(ent):
        table(f"中介中心性最高的 {len(ent)} 个组织（brokers）", ent, _ENTITY_HEADERS)
    low = cores.sort_values(["rank", "community"], ascending=[False, True]).head(top)
    if len(low):
        table("社区党组织在本辖区的中介排名（排名靠后者在前）", low, {
            "name": "社区", "core_name": "社区党组织", "entities": "辖区组织数",
            "core_degree": "核心度数", "core_betweenness": "核心中介中心性", "rank": "排名",
            "top_name": "中介最高者"})
    cross = result.crossing.head(top).copy()
    if len(cross):
        cross["community_names"] = cross["community_names"].map(lambda xs: "、".join(xs[:6])
                                                                + ("…" if len(xs) > 6 else ""))
        table(f"跨社区的社群（共 {len(result.crossing)} 个，列出前 {len(cross)} 个）", cross, {
            "cluster": "社群", "entities": "组织数", "communities": "涉及社区数",
            "main_name": "主要社区", "main_share": "主要社区占比",
            "community_names": "涉及社区"})
    return buf.getvalue()


def render(result: MeasuresResult, fmt: str = "table") -> str | bytes:
    """`result` as ``table`` (text), ``json`` (bytes) or ``csv`` (text)."""
    if fmt == "json":
        return to_json_bytes(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "table":
        return to_text(result)
    raise ValueError(f"unknown measures format {fmt!r}; expected one of {FORMATS}")


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
