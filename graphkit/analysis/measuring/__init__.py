"""Network measures of the tie graph for researchers: who links, who brokers, and whether
linkage follows administrative lines.

Every function takes the network (a :class:`~graphkit.Dataset` or the
:class:`networkx.MultiDiGraph` of :meth:`~graphkit.Dataset.to_networkx`) or its tie graph
(:func:`graphkit.tie_graph`, an undirected :class:`networkx.Graph`) first, options
keyword-only, and returns DataFrames (or a small dict); nothing is modified, nothing is
printed. The tie graph stays a networkx graph for researchers; the measures convert it
once to igraph (a C library) with vertices and edges in sorted order, so results are
identical across runs and across input row orders (randomized algorithms are seeded).

* :func:`entity_measures` (``centrality``) — per entity: degree, weighted degree,
  betweenness, PageRank, k-core number, cut point, and (``brokerage``,
  :func:`structural_holes`) Burt's constraint and effective size;
* :func:`cohesion` (``connectivity``) — per community jurisdiction and city-wide: density,
  components, average shortest path length on the largest component, bridges;
* :func:`detect_communities` (Leiden by default, Louvain), :func:`compare_partitions`
  (NMI, ARI), :func:`modularity` and :func:`crossing_clusters` (``communities``) — does
  linkage follow the administrative map?
* :func:`core_centrality` (``centrality``) — is the core (the community Party
  organization) central in its jurisdiction?
* :func:`measures` — all of it at once, as a :class:`MeasuresResult` (``result``), which
  :func:`graphkit.report.render` renders (a Chinese summary, Markdown, HTML, a workbook,
  JSON or CSV); :func:`graphkit.plot.plot_clusters` draws the detected clusters.

Large graphs: betweenness is exact on a component of at most ``exact_max`` entities and
estimated from ``k`` seeded sample sources on a larger one (Brandes & Pich 2007); the
average path length likewise. The method used is reported (``result.methods``, and
``frame.attrs["methods"]``). On a large graph with two or more cores, the betweenness and
the path lengths' breadth-first searches run in a second Python process beside the other
measures (:mod:`._beside`; the values are the same bit for bit).

Examples
--------
>>> import graphkit as gk
>>> m = gk.measures(gk.read_dataset("data/sihui"))
>>> m.methods["communities"]["method"], m.methods["betweenness"]["method"]
('leiden', 'exact')
>>> top = m.entities.sort_values("betweenness", ascending=False).iloc[0]
>>> top["name"], round(float(top["betweenness"]), 3)
('中共四会市直属机关工作委员会', 0.276)

References
----------
.. [1] Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
   Sociometry 40(1), 35-41.
.. [2] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
   Mathematical Sociology 25(2), 163-177; Brandes, U. & Pich, C. (2007). Centrality
   estimation in large networks. Int. J. Bifurcation and Chaos 17(7), 2303-2318.
.. [3] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard
   University Press; Borgatti, S. P. (1997). Structural holes: unpacking Burt's
   redundancy measures. Connections 20(1), 35-38.
.. [4] Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of
   networks. arXiv:cs/0310049.
.. [5] Traag, V. A., Waltman, L. & van Eck, N. J. (2019). From Louvain to Leiden:
   guaranteeing well-connected communities. Scientific Reports 9, 5233; Blondel, V. D.,
   Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding of communities
   in large networks. J. Stat. Mech. P10008.
.. [6] Vinh, N. X., Epps, J. & Bailey, J. (2010). Information theoretic measures for
   clusterings comparison. JMLR 11, 2837-2854.
.. [7] Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification
   2(1), 193-218.
.. [8] Page, L., Brin, S., Motwani, R. & Winograd, T. (1999). The PageRank citation
   ranking: bringing order to the web. Stanford InfoLab.
.. [9] Hopcroft, J. & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
   manipulation. Communications of the ACM 16(6), 372-378 (cut points, bridges).
"""

from __future__ import annotations

from typing import Any

from .._measure_defaults import EXACT_MAX, SAMPLE_K
from ._source import as_tie_graph, check_k, community_names, prepare
from .brokerage import structural_holes
from .centrality import core_centrality, entity_measures, pagerank, start_betweenness
from .communities import (
    ALGORITHMS,
    LEIDEN_ITERATIONS,
    adjusted_rand_index,
    administrative,
    compare_partitions,
    crossing_clusters,
    detect_communities,
    modularity,
    normalized_mutual_info,
)
from .connectivity import cohesion, start_cohesion
from .result import SCHEMA_VERSION, MeasuresResult, cluster_table

__all__ = [
    "ALGORITHMS",
    "EXACT_MAX",
    "SAMPLE_K",
    "SCHEMA_VERSION",
    "MeasuresResult",
    "adjusted_rand_index",
    "as_tie_graph",
    "cluster_table",
    "cohesion",
    "community_names",
    "compare_partitions",
    "core_centrality",
    "crossing_clusters",
    "detect_communities",
    "entity_measures",
    "measures",
    "modularity",
    "normalized_mutual_info",
    "pagerank",
    "structural_holes",
]


def measures(G: Any, *, weight: str | None = "weight", k: int = SAMPLE_K,
             exact_max: int = EXACT_MAX, seed: int = 0, resolution: float = 1.0,
             algorithm: str = "leiden", engine: Any = None) -> MeasuresResult:
    """All network measures of a network at once.

    The tie graph is built (or taken as given) once and converted once to igraph; every
    measure below runs on that one conversion.

    Parameters
    ----------
    G : Dataset, networkx.MultiDiGraph or tie graph
    weight, k, exact_max, seed
        As in :func:`entity_measures` (`seed` also seeds the community detection).
    resolution : float, default 1.0
        Modularity resolution of the community detection (and of the modularity reported).
    algorithm : {"leiden", "louvain"}, default "leiden"
        Community detection algorithm (:func:`detect_communities`).
    engine : {"duckdb", "polars", "spark"}, Engine or SparkSession, optional
        Where the rules that build the tie graph run (default DuckDB).

    Returns
    -------
    MeasuresResult

    Examples
    --------
    >>> import graphkit as gk
    >>> r = measures(gk.read_dataset("data/sihui"))
    >>> 0 < r.city["density"] < 1, 0 <= r.comparison["nmi"] <= 1
    (True, True)
    >>> r.comparison["modularity"] > r.comparison["community_modularity"]
    True
    """
    check_k(k, exact_max)
    ties = prepare(G, engine=engine)
    meta = {key: ties.meta.get(key) for key in ("name", "snapshot", "description")}
    # the betweenness and the path lengths (the longest measures) beside this process
    # while the others run here
    start_betweenness(ties, k=k, exact_max=exact_max, seed=seed)
    start_cohesion(ties, k=k, exact_max=exact_max, seed=seed)
    clusters = detect_communities(ties, algorithm=algorithm, resolution=resolution,
                                  weight=weight, seed=seed)
    comparison = compare_partitions(clusters, administrative(ties))
    comparison["modularity"] = modularity(ties, clusters, resolution=resolution,
                                          weight=weight)
    comparison["community_modularity"] = modularity(
        ties, administrative(ties, include_isolates=True), resolution=resolution,
        weight=weight)
    crossing = crossing_clusters(ties, clusters)
    coh = cohesion(ties, k=k, exact_max=exact_max, seed=seed)
    ent = entity_measures(ties, weight=weight, k=k, exact_max=exact_max, seed=seed)
    cores = core_centrality(ties, entities=ent)
    communities = {"method": algorithm, "objective": "modularity", "seed": seed,
                   "resolution": resolution, "weight": weight}
    if algorithm == "leiden":
        communities["iterations"] = LEIDEN_ITERATIONS
    methods = {
        **ent.attrs["methods"],
        "avg_path_length": {"method": coh.iloc[-1]["path_method"], "exact_max": exact_max,
                            "seed": seed},
        "communities": communities,
        "structural_holes": {"method": "exact", "weight": weight},
        "pagerank": {"alpha": 0.85, "weight": weight},
    }
    ent.attrs["methods"] = methods
    return MeasuresResult(meta=meta, entities=ent, cohesion=coh, clusters=clusters,
                          comparison=comparison, crossing=crossing, cores=cores,
                          methods=methods, areas=dict(ties.area_names))
