"""The network measures' report (:mod:`graphkit.report._measures`). Keys:
``report.measures.*``."""

MESSAGES = {
    "report.measures.title": {"zh": "组织联结网络指标：{name}",
                              "en": "Network measures of the ties: {name}"},
    "report.measures.method": {"zh": "中介中心性（betweenness）：{method}。",
                               "en": "Betweenness: {method}."},
    "report.measures.exact": {"zh": "精确计算", "en": "exact"},
    "report.measures.sampled": {"zh": "抽样估计 k={k}，seed={seed}（连通分量 > {most} 个组织；"
                                      "Brandes-Pich 估计）",
                                "en": "estimated from k={k} sources, seed={seed} (components "
                                      "above {most} entities; Brandes-Pich)"},
    "report.measures.more": {"zh": "（完整表格见 --format csv/json/xlsx）",
                             "en": " (every row: --format csv/json/xlsx)"},
    "report.measures.city": {
        "zh": "全市：组织 {entities} 个，联结 {ties} 条，密度 {density}，连通分量 {components}（孤"
              "立 "
              "{isolates}），最大分量 {largest}，平均路径长度 {path}（{path_method}），桥 "
              "{bridges}，割点 {cut_points}。",
        "en": "City: {entities} entities, {ties} ties, density {density}, {components} "
              "components ({isolates} isolates), the largest {largest}, average path length "
              "{path} ({path_method}), {bridges} bridges, {cut_points} cut points."},
    "report.measures.clusters": {
        "zh": "检测到的社群（{method}，seed={seed}，resolution={resolution}）与行政社区对比：NMI "
              "{nmi}，ARI {ari}（{entities} 个有联结、有所属社区的组织；{clusters} 个社群 / "
              "{communities} 个社区）；模块度：检测社群 {modularity}，行政社区 "
              "{community_modularity}。",
        "en": "Detected clusters ({method}, seed={seed}, resolution={resolution}) against "
              "the communities: NMI {nmi}, ARI {ari} ({entities} entities with a tie and a "
              "community; {clusters} clusters / {communities} communities); modularity: "
              "clusters {modularity}, communities {community_modularity}."},
    "report.measures.cores_central": {"zh": "核心是否居中：{n} / {total} 个社区的社区党组织在本辖"
                                            "区"
                                            "联结网络中中介中心性排第一。",
                                      "en": "Is the core central? In {n} of {total} "
                                            "communities the core has the highest "
                                            "betweenness of its jurisdiction."},
    "report.measures.summary": {"zh": "概况", "en": "Summary"},
    "report.measures.brokers": {"zh": "中介中心性最高的组织", "en": "The top brokers"},
    "report.measures.cores": {"zh": "社区党组织是否居中", "en": "Is the core central?"},
    "report.measures.crossing": {"zh": "跨社区的社群", "en": "Clusters across communities"},
    "report.measures.cohesion": {"zh": "各社区辖区的凝聚度", "en": "Cohesion per jurisdiction"},
    "report.measures.nav.summary": {"zh": "概况", "en": "Summary"},
    "report.measures.nav.brokers": {"zh": "中介", "en": "Brokers"},
    "report.measures.nav.cores": {"zh": "核心", "en": "Cores"},
    "report.measures.nav.crossing": {"zh": "跨社区", "en": "Crossing"},
    "report.measures.nav.cohesion": {"zh": "凝聚度", "en": "Cohesion"},
    "report.measures.brokers_title": {"zh": "中介中心性最高的组织（brokers）",
                                      "en": "Entities by betweenness (brokers)"},
    "report.measures.cores_title": {"zh": "社区党组织在本辖区的中介排名（排名靠后者在前）",
                                    "en": "The core's betweenness rank in its jurisdiction "
                                          "(lowest first)"},
    "report.measures.crossing_title": {"zh": "跨社区的社群（共 {n} 个）",
                                       "en": "Clusters spanning several communities ({n})"},
    "report.measures.unit.entities": {"zh": "个组织", "en": "entities"},
    "report.measures.unit.clusters": {"zh": "个社群", "en": "clusters"},
    "report.measures.col.name": {"zh": "名称", "en": "Name"},
    "report.measures.col.id": {"zh": "编号", "en": "Id"},
    "report.measures.col.label": {"zh": "类别", "en": "Label"},
    "report.measures.col.community": {"zh": "所属社区", "en": "Community"},
    "report.measures.col.community_id": {"zh": "社区编号", "en": "Community id"},
    "report.measures.col.degree": {"zh": "度", "en": "Degree"},
    "report.measures.col.weighted_degree": {"zh": "加权度", "en": "Weighted degree"},
    "report.measures.col.betweenness": {"zh": "中介中心性", "en": "Betweenness"},
    "report.measures.col.betweenness_short": {"zh": "中介", "en": "Betw."},
    "report.measures.col.constraint": {"zh": "约束系数", "en": "Constraint"},
    "report.measures.col.effective_size": {"zh": "有效规模", "en": "Effective size"},
    "report.measures.col.core_number": {"zh": "k-核", "en": "k-core"},
    "report.measures.col.cut_point": {"zh": "割点", "en": "Cut point"},
    "report.measures.col.core": {"zh": "社区党组织", "en": "Core"},
    "report.measures.col.entities": {"zh": "辖区组织数", "en": "Entities"},
    "report.measures.col.entities_short": {"zh": "组织", "en": "Entities"},
    "report.measures.col.core_degree": {"zh": "核心度数", "en": "Core degree"},
    "report.measures.col.core_degree_short": {"zh": "度数", "en": "Degree"},
    "report.measures.col.core_betweenness": {"zh": "核心中介中心性", "en": "Core betweenness"},
    "report.measures.col.rank": {"zh": "排名", "en": "Rank"},
    "report.measures.col.top": {"zh": "中介最高者", "en": "Top broker"},
    "report.measures.col.cluster": {"zh": "社群", "en": "Cluster"},
    "report.measures.col.communities": {"zh": "涉及社区数", "en": "Communities"},
    "report.measures.col.main": {"zh": "主要社区", "en": "Main community"},
    "report.measures.col.main_share": {"zh": "主要社区占比", "en": "Main share"},
    "report.measures.col.share_short": {"zh": "占比", "en": "Share"},
    "report.measures.col.community_names": {"zh": "涉及社区", "en": "Communities"},
    "report.measures.col.ties": {"zh": "联结", "en": "Ties"},
    "report.measures.col.density": {"zh": "密度", "en": "Density"},
    "report.measures.col.components": {"zh": "连通分量", "en": "Components"},
    "report.measures.col.isolates": {"zh": "孤立", "en": "Isolates"},
    "report.measures.col.largest": {"zh": "最大分量", "en": "Largest"},
    "report.measures.col.path": {"zh": "平均路径长度", "en": "Average path"},
    "report.measures.col.bridges": {"zh": "桥", "en": "Bridges"},
    "report.measures.col.cut_points": {"zh": "割点", "en": "Cut points"},
}
