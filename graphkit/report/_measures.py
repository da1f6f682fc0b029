"""The network measures' report (``graphkit measures``) as a
:class:`~graphkit.report.model.Document`: city-wide cohesion, the detected clusters against
the communities, whether each community's core is central, the top brokers and the
clusters that cross communities."""

from __future__ import annotations

from typing import Any

from .. import vocab as V
from ..messages import t
from .model import COUNT, NUMBER, RATE, REF, Column, Document, Place, Section, Table, Text

__all__ = ["document"]

ALGORITHM_NAMES = {"leiden": "Leiden", "louvain": "Louvain"}
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
    method = (t("report.measures.sampled", k=bw["k"], seed=bw["seed"], most=bw["exact_max"])
              if bw.get("method") == "sampled" else t("report.measures.exact"))
    cores = result.cores
    lines = [
        t("report.measures.city", entities=city["entities"], ties=city["ties"],
          density=_f(city["density"]), components=city["components"],
          isolates=city["isolates"], largest=city["largest_component"],
          path=_f(city["avg_path_length"], 3), path_method=city["path_method"],
          bridges=city["bridges"], cut_points=city["cut_points"]),
        t("report.measures.clusters", method=ALGORITHM_NAMES.get(how["method"], how["method"]),
          seed=how["seed"], resolution=how["resolution"], nmi=_f(cmp_["nmi"], 3),
          ari=_f(cmp_["ari"], 3), entities=cmp_["entities"], clusters=cmp_["clusters"],
          communities=cmp_["communities"], modularity=_f(cmp_.get("modularity"), 3),
          community_modularity=_f(cmp_.get("community_modularity"), 3)),
    ]
    if len(cores):
        lines.append(t("report.measures.cores_central", n=int(cores["core_is_top"].sum()),
                       total=len(cores)))
    names = dict(zip(result.cohesion["community"], result.cohesion["name"], strict=True))
    ent = result.entities.sort_values(["betweenness", "id"], ascending=[False, True])
    h = {k: t(f"report.measures.col.{k}") for k in (
        "name", "id", "label", "community", "degree", "weighted_degree", "betweenness",
        "betweenness_short", "constraint", "effective_size", "core_number", "cut_point",
        "core", "entities", "entities_short", "core_degree", "core_degree_short",
        "core_betweenness", "rank", "top", "cluster", "communities", "main", "main_share",
        "share_short", "community_names", "ties", "density", "components", "isolates",
        "largest", "path", "bridges", "cut_points", "community_id")}
    brokers = Table(
        [Column(h["name"], REF, id_title=h["id"]), Column(h["label"], drop=2),
         Column(h["community"], REF, drop=1), Column(h["degree"], COUNT),
         Column(h["weighted_degree"], COUNT, drop=3),
         Column(h["betweenness"], NUMBER, digits=4, short=h["betweenness_short"]),
         Column("PageRank", NUMBER, digits=4, drop=4),
         Column(h["constraint"], NUMBER, digits=4, drop=5),
         Column(h["effective_size"], NUMBER, digits=2, drop=5),
         Column(h["core_number"], COUNT, drop=6), Column(h["cut_point"], drop=6)],
        [[(r.id, r.name), V.LABEL_NAMES_ZH.get(r.label, r.label),
          (r.community, names.get(r.community, r.community)) if r.community else None,
          r.degree, r.weighted_degree, r.betweenness, r.pagerank, r.constraint,
          r.effective_size, r.core_number, bool(r.cut_point)]
         for r in ent.itertuples(index=False)],
        title=t("report.measures.brokers_title"), key="brokers", sheet="组织", brief=BRIEF,
        search=True, page=500, unit=t("report.measures.unit.entities"))
    low = cores.sort_values(["rank", "community"], ascending=[False, True])
    core_table = Table(
        [Column(t("report.community"), REF, id_title=h["community_id"]),
         Column(h["core"], drop=1), Column(h["entities"], COUNT, short=h["entities_short"]),
         Column(h["core_degree"], COUNT, short=h["core_degree_short"]),
         Column(h["core_betweenness"], NUMBER, digits=4, short=h["betweenness_short"]),
         Column(h["rank"], COUNT), Column(h["top"], drop=2)],
        [[(r.community, r.name), r.core_name, r.entities, r.core_degree, r.core_betweenness,
          r.rank, r.top_name] for r in low.itertuples(index=False)],
        title=t("report.measures.cores_title"), key="cores", sheet="核心", brief=BRIEF,
        unit=t("report.unit.communities"))
    cross = Table(
        [Column(h["cluster"], COUNT), Column(h["entities"], COUNT),
         Column(h["communities"], COUNT, short=t("report.community")),
         Column(h["main"], drop=1), Column(h["main_share"], RATE, short=h["share_short"]),
         Column(h["community_names"], wrap=True, drop=2)],
        [[r.cluster, r.entities, r.communities, r.main_name, r.main_share,
          "、".join(r.community_names)] for r in result.crossing.itertuples(index=False)],
        title=t("report.measures.crossing_title", n=len(result.crossing)), key="crossing",
        sheet="跨社区社群", brief=BRIEF, unit=t("report.measures.unit.clusters"))
    coh = result.cohesion
    cohesion = Table(
        [Column(t("report.community"), REF, id_title=h["community_id"]),
         Column(h["entities_short"], COUNT), Column(h["ties"], COUNT),
         Column(h["density"], NUMBER, digits=3), Column(h["components"], COUNT),
         Column(h["isolates"], COUNT), Column(h["largest"], COUNT),
         Column(h["path"], NUMBER, digits=2), Column(h["bridges"], COUNT),
         Column(h["cut_points"], COUNT)],
        [[(r.community, r.name) if r.community else (None, t("report.city")), r.entities, r.ties,
          r.density, r.components, r.isolates, r.largest_component, r.avg_path_length,
          r.bridges, r.cut_points] for r in coh.itertuples(index=False)],
        key="cohesion", sheet="凝聚度", unit=t("report.unit.communities"))

    def section(key: str, blocks: list[Any], summary: bool = True) -> Section:
        return Section(t(f"report.measures.{key}"), key, blocks, summary=summary,
                       nav=t(f"report.measures.nav.{key}"))

    return Document(
        t("report.measures.title", name=result.meta.get("name")),
        Place("city", None, str(result.meta.get("name") or "")),
        [t("report.measures.method", method=method)],
        [section("summary", [Text(line) for line in lines]), section("brokers", [brokers]),
         section("cores", [core_table]), section("crossing", [cross]),
         section("cohesion", [cohesion], summary=False)],
        more=t("report.measures.more"))
