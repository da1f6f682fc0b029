"""Render a :class:`~graphkit.measuring.MeasuresResult`: a Chinese terminal summary, the
JSON document (``"schema": 1``) and the per-entity CSV table (``graphkit measures``)."""

from __future__ import annotations

import io
import math
from typing import Any

import orjson
import pandas as pd

from .. import vocab as V
from .result import MeasuresResult

__all__ = ["FORMATS", "render", "to_csv", "to_json_bytes", "to_text"]

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
    return result.entity_table().to_csv(index=False, lineterminator="\n")


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
