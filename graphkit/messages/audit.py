"""``graphkit audit`` and ``graphkit measures``: help and messages."""

MESSAGES = {
    # --- audit ----------------------------------------------------------------------------
    "cli.audit": {
        "zh": "审计数据集 DATASET：覆盖率、“一核双圈”和问题清单。\n\n"
              "DATASET 是文件夹、.xlsx 工作簿或 neo4j://... / bolt://... 地址。每种格式都以"
              "概览开头（对照目标的覆盖率、按类型和街道统计的问题、最薄弱的社区）；--area / "
              "--community 把整个报告和 --fail-under 门槛限定在一个地方。",
        "en": "Audit DATASET: coverage, \"one core, two circles\" and findings.\n\n"
              "DATASET is a folder, an .xlsx workbook, or a neo4j://... / bolt://... URI. "
              "Every format opens with the summary (rates against the targets, findings by "
              "type and street, the weakest communities); --area / --community narrow the "
              "whole report, and the --fail-under thresholds, to one place.",
    },
    "cli.audit.format": {
        "zh": "报告格式；parquet 把单位表、覆盖率、双圈和问题写成 Parquet 文件，放进 --out "
              "文件夹。",
        "en": "Report format; parquet writes the unit table, rates, circles and findings as "
              "Parquet files into the folder --out.",
    },
    "cli.audit.out": {
        "zh": "把报告写入此文件（parquet 为文件夹），而不是标准输出。",
        "en": "Write the report to this file (a folder for parquet) instead of standard "
              "output.",
    },
    "cli.audit.fail-under-work": {
        "zh": "工作覆盖率低于 RATE (0..1) 时退出码为 1。",
        "en": "Exit 1 when work coverage is below RATE (0..1).",
    },
    "cli.audit.fail-under-org": {
        "zh": "组织覆盖率低于 RATE (0..1) 时退出码为 1。",
        "en": "Exit 1 when organizational coverage is below RATE (0..1).",
    },
    "cli.audit.target-work": {
        "zh": "报告概览中显示的工作覆盖率目标 (0..1)。",
        "en": "Target of work coverage shown in the report's summary (0..1).",
    },
    "cli.audit.target-org": {
        "zh": "报告概览中显示的组织覆盖率目标 (0..1)。",
        "en": "Target of organizational coverage shown in the report's summary (0..1).",
    },
    "cli.audit.area": {
        "zh": "只报告一个街道（镇）：编号、全称或唯一的简称（“东城”即东城街道）。",
        "en": "Report one street/town only: its id, full name or a unique short name "
              "(\"东城\" for 东城街道).",
    },
    "cli.audit.community": {
        "zh": "只报告一个社区：编号、全称或唯一的简称（“沙田园”即沙田园社区）。",
        "en": "Report one community only: its id, full name or a unique short name "
              "(\"沙田园\" for 沙田园社区).",
    },
    "cli.audit.detail": {
        "zh": "table 格式：列出全部清单（默认只显示一屏概览）。",
        "en": "table: print every list (default: the one-screen summary).",
    },
    "cli.audit.sheets-per-area": {
        "zh": "xlsx 格式：每个街道一张行动清单工作表，而不是一张“行动清单”。",
        "en": "xlsx: one action sheet per street instead of one 行动清单.",
    },
    "cli.audit.by": {
        "zh": "再按这个单位属性分组统计覆盖率（如 industry；可重复）：写入 "
              "coverage.by_attribute，各种报告都会显示。",
        "en": "Also break coverage down by this unit attribute (e.g. industry; repeatable): "
              "coverage.by_attribute, shown in every report.",
    },
    "audit.parquet_written": {"zh": "Parquet 文件已写入 {path}",
                              "en": "Parquet files written to {path}"},
    "audit.sheets_per_area_xlsx": {"zh": "--sheets-per-area 只用于 --format xlsx",
                                   "en": "--sheets-per-area applies to --format xlsx"},
    "audit.detail_table": {
        "zh": "--detail 只用于 --format table（其他格式本来就包含全部清单）",
        "en": "--detail applies to --format table (the other formats hold every list)",
    },
    "audit.threshold_failed": {"zh": "未达门槛：{what}", "en": "threshold failed: {what}"},
    "audit.rate_undefined": {
        "zh": "{rate}无法计算（范围内没有单位），要求 >= {wanted}",
        "en": "{rate} is undefined (no unit in scope), required >= {wanted}",
    },
    "audit.rate_below": {
        "zh": "{rate} {got:.4f} < 要求的 {wanted}（范围内 {units} 个单位）",
        "en": "{rate} {got:.4f} < required {wanted} ({units} units in scope)",
    },
    "audit.rate.work": {"zh": "工作覆盖率", "en": "work coverage"},
    "audit.rate.organization": {"zh": "组织覆盖率", "en": "organizational coverage"},
    # --- measures -------------------------------------------------------------------------
    "cli.measures": {
        "zh": "数据集 DATASET 关系图的网络指标：每个党组织的中心性和中介作用，每个社区和全市"
              "的凝聚度，检测出的聚类与社区的对照，以及每个社区的核心是否处于中心。",
        "en": "Network measures of DATASET's tie graph: centrality and brokerage per "
              "organization, cohesion per community and city-wide, detected clusters against "
              "communities, and whether each community's core is central.",
    },
    "cli.measures.format": {
        "zh": "table：中文摘要；json：全部指标，schema 1；csv：每个实体一行；markdown、"
              "html（离线网页）、xlsx（可打印的工作簿，需要 --out）：完整报告。",
        "en": "table: a Chinese summary; json: every measure (schema 1); csv: one row per "
              "entity; markdown, html (an offline page), xlsx (a print-ready workbook, needs "
              "--out): the full report.",
    },
    "cli.measures.out": {"zh": "写入此文件，而不是标准输出。",
                         "en": "Write to this file instead of standard output."},
    "cli.measures.seed": {"zh": "中介中心性抽样和 Leiden 聚类的随机种子。",
                          "en": "Seed of the betweenness sample and of Leiden."},
    "cli.measures.k": {
        "zh": "在超过 --exact-max 个实体的连通分量上，计算中介中心性和路径长度时抽样的源点数 "
              "[默认：{sample_k}]。",
        "en": "Sample sources for betweenness and path lengths on a component above "
              "--exact-max entities [default: {sample_k}].",
    },
    "cli.measures.exact-max": {"zh": "精确计算的最大连通分量 [默认：{exact_max}]。",
                               "en": "Largest component computed exactly [default: "
                                     "{exact_max}]."},
    "measures.written": {"zh": "网络指标已写入 {path}", "en": "measures written to {path}"},
    "audit.no_attribute": {
        "zh": "无法按 {attr!r} 分组统计覆盖率：单位没有这个属性（现有属性：{known}）{hint}",
        "en": "cannot break coverage down by {attr!r}: no such unit attribute (attributes: "
              "{known}){hint}",
    },
    "coverage.no_column": {"zh": "无法按 {by!r} 分组统计覆盖率：没有这一列",
                           "en": "cannot group coverage by {by!r}: no such column"},
}
