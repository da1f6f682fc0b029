"""The network measures' report (``graphkit measures``) as a
:class:`~graphkit.report.model.Document`: city-wide cohesion, the detected clusters against
the communities, whether each community's core is central, the top brokers and the
clusters that cross communities."""

from __future__ import annotations

from typing import Any

from .. import vocab as V
from .model import COUNT, NUMBER, RATE, REF, Column, Document, Place, Section, Table, Text

__all__ = ["document"]

_ALGORITHM_NAMES = {"leiden": "Leiden", "louvain": "Louvain"}
#: Rows of each list on the first screen.
BRIEF = 4


def _f(x: Any, digits: int = 4) -> str:
    if x is None or (isinstance(x, float) and x != x):
        return "—"
    return f"{x:.{digits}f}" if isinstance(x, float) else str(x)


def document(result: Any) -> Document:
    """The measures' report (see the module docs).

    Examples
    --------
    >>> import graphkit as gk
    >>> doc = document(gk.measures(gk.read_dataset("data/sihui")))
    >>> doc.full_title
    '组织联结网络指标：四会市城区基层党建网络（示例）'
    """
    city, cmp_, how = result.city, result.comparison, result.methods["communities"]
    bw = result.methods["betweenness"]
    method = (f"抽样估计 k={bw['k']}，seed={bw['seed']}（连通分量 > {bw['exact_max']} 个组织；"
              "Brandes-Pich 估计）" if bw.get("method") == "sampled" else "精确计算")
    cores = result.cores
    lines = [
        f"全市：组织 {city['entities']} 个，联结 {city['ties']} 条，密度 {_f(city['density'])}，"
        f"连通分量 {city['components']}（孤立 {city['isolates']}），最大分量 "
        f"{city['largest_component']}，平均路径长度 {_f(city['avg_path_length'], 3)}"
        f"（{city['path_method']}），桥 {city['bridges']}，割点 {city['cut_points']}。",
        f"检测到的社群（{_ALGORITHM_NAMES.get(how['method'], how['method'])}，seed={how['seed']}"
        f"，resolution={how['resolution']}）与行政社区对比：NMI {_f(cmp_['nmi'], 3)}，ARI "
        f"{_f(cmp_['ari'], 3)}（{cmp_['entities']} 个有联结、有所属社区的组织；"
        f"{cmp_['clusters']} 个社群 / {cmp_['communities']} 个社区）；模块度：检测社群 "
        f"{_f(cmp_.get('modularity'), 3)}，行政社区 {_f(cmp_.get('community_modularity'), 3)}。",
    ]
    if len(cores):
        lines.append(f"核心是否居中：{int(cores['core_is_top'].sum())} / {len(cores)} 个社区的"
                     "社区党组织在本辖区联结网络中中介中心性排第一。")
    names = dict(zip(result.cohesion["community"], result.cohesion["name"], strict=True))
    ent = result.entities.sort_values(["betweenness", "id"], ascending=[False, True])
    brokers = Table(
        [Column("名称", REF, id_title="编号"), Column("类别", drop=2),
         Column("所属社区", REF, drop=1), Column("度", COUNT), Column("加权度", COUNT, drop=3),
         Column("中介中心性", NUMBER, digits=4, short="中介"),
         Column("PageRank", NUMBER, digits=4, drop=4), Column("约束系数", NUMBER, digits=4,
                                                             short="约束", drop=5),
         Column("有效规模", NUMBER, digits=2, short="有效规模", drop=5),
         Column("k-核", COUNT, drop=6), Column("割点", drop=6)],
        [[(r.id, r.name), V.LABEL_NAMES_ZH.get(r.label, r.label),
          (r.community, names.get(r.community, r.community)) if r.community else None,
          r.degree, r.weighted_degree, r.betweenness, r.pagerank, r.constraint,
          r.effective_size, r.core_number, bool(r.cut_point)]
         for r in ent.itertuples(index=False)],
        title="中介中心性最高的组织（brokers）", key="brokers", sheet="组织", brief=BRIEF,
        search=True, page=500, unit="个组织")
    low = cores.sort_values(["rank", "community"], ascending=[False, True])
    core_table = Table(
        [Column("社区", REF, id_title="社区编号"), Column("社区党组织", drop=1),
         Column("辖区组织数", COUNT, short="组织"), Column("核心度数", COUNT, short="度数"),
         Column("核心中介中心性", NUMBER, digits=4, short="中介"), Column("排名", COUNT),
         Column("中介最高者", drop=2)],
        [[(r.community, r.name), r.core_name, r.entities, r.core_degree, r.core_betweenness,
          r.rank, r.top_name] for r in low.itertuples(index=False)],
        title="社区党组织在本辖区的中介排名（排名靠后者在前）", key="cores", sheet="核心",
        brief=BRIEF, unit="个社区")
    cross = Table(
        [Column("社群", COUNT), Column("组织数", COUNT), Column("涉及社区数", COUNT, short="社区"),
         Column("主要社区", drop=1), Column("主要社区占比", RATE, short="占比"),
         Column("涉及社区", wrap=True, drop=2)],
        [[r.cluster, r.entities, r.communities, r.main_name, r.main_share,
          "、".join(r.community_names)] for r in result.crossing.itertuples(index=False)],
        title=f"跨社区的社群（共 {len(result.crossing)} 个）", key="crossing", sheet="跨社区社群",
        brief=BRIEF, unit="个社群")
    coh = result.cohesion
    cohesion = Table(
        [Column("社区", REF, id_title="社区编号"), Column("组织", COUNT), Column("联结", COUNT),
         Column("密度", NUMBER, digits=3), Column("连通分量", COUNT), Column("孤立", COUNT),
         Column("最大分量", COUNT), Column("平均路径长度", NUMBER, digits=2), Column("桥", COUNT),
         Column("割点", COUNT)],
        [[(r.community, r.name) if r.community else (None, "全市"), r.entities, r.ties,
          r.density, r.components, r.isolates, r.largest_component, r.avg_path_length,
          r.bridges, r.cut_points] for r in coh.itertuples(index=False)],
        key="cohesion", sheet="凝聚度", unit="个社区")
    return Document(
        f"组织联结网络指标：{result.meta.get('name')}",
        Place("city", None, str(result.meta.get("name") or "")),
        [f"中介中心性（betweenness）：{method}。"],
        [Section("概况", "summary", [*(Text(t) for t in lines)], summary=True, nav="概况"),
         Section("中介中心性最高的组织", "brokers", [brokers], summary=True, nav="中介"),
         Section("社区党组织是否居中", "cores", [core_table], summary=True, nav="核心"),
         Section("跨社区的社群", "crossing", [cross], summary=True, nav="跨社区"),
         Section("各社区辖区的凝聚度", "cohesion", [cohesion], nav="凝聚度")],
        more="（完整表格见 --format csv/json/xlsx）")
