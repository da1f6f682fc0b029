"""Comparing snapshots: ``graphkit diff`` and ``graphkit trend``."""

MESSAGES = {
    # --- diff -----------------------------------------------------------------------------
    "cli.diff": {
        "zh": "比较两期快照 OLD 和 NEW（各是文件夹、.xlsx 工作簿或 neo4j://... / bolt://... "
              "地址）：改善和倒退的单位、以百分点计的覆盖率变化、双圈、已解决和新出现的问题。",
        "en": "Compare two snapshots OLD and NEW (each a folder, an .xlsx workbook or a "
              "neo4j://... / bolt://... URI): units that improved or regressed, rate changes "
              "in percentage points, circles, findings resolved and new.",
    },
    "cli.diff.format": {"zh": "table：一屏中文摘要；json：SPEC 第 7 节的文档。",
                        "en": "table: a one-screen Chinese summary; json: SPEC section 7's "
                              "document."},
    "cli.diff.out": {"zh": "把报告写入此文件，而不是标准输出。",
                     "en": "Write the report to this file instead of standard output."},
    "cli.diff.fail-on-regression": {
        "zh": "有单位倒退或总体覆盖率（单独组建、组织、工作）下降时退出码为 1。",
        "en": "Exit 1 when a unit regressed or an overall rate (own, organization, work) "
              "fell.",
    },
    "cli.diff.area": {
        "zh": "只比较这个街道（镇）：编号、全称或唯一的简称（“东城”）；可重复。",
        "en": "Compare only this street/town: its id, full name or a unique short name "
              "(\"东城\"); repeatable.",
    },
    "diff.overwrites_input": {"zh": "--out {out} 会覆盖输入文件",
                              "en": "--out {out} would overwrite an input file"},
    "diff.no_nodes_matched": {
        "zh": "上期快照的节点编号（{old} 个节点）在本期（{new} 个节点）中一个也没有：编号是否"
              "重新编排过？比较按编号对应实体（SPEC 第 7 节），所以每个节点都显示为删除后又新增",
        "en": "no node id of the old snapshot ({old} nodes) is in the new one ({new} nodes): "
              "were the ids renumbered? entities are matched by id (SPEC section 7), so every "
              "node shows as removed and added",
    },
    "diff.no_units_matched": {
        "zh": "上期快照的单位编号（{old} 个单位）在本期（{new} 个单位）中一个也没有：单位编号"
              "是否重新编排过？比较按编号对应单位，所以每个单位都显示为删除后又新增，覆盖状态的"
              "改善和倒退无从比较",
        "en": "no unit id of the old snapshot ({old} units) is in the new one ({new} units): "
              "were the units renumbered? units are matched by id, so every unit shows as "
              "removed and added, and no improvement or regression can be seen",
    },
    "diff.written": {"zh": "比较报告已写入 {path}", "en": "diff written to {path}"},
    "diff.regression": {
        "zh": "出现倒退：{n} 个单位倒退；下降的总体覆盖率：{fell}",
        "en": "regression: {n} unit(s) regressed; overall rates that fell: {fell}",
    },
    "diff.none": {"zh": "无", "en": "none"},
    "diff.rate.own": {"zh": "单独组建率", "en": "own"},
    "diff.rate.organization": {"zh": "组织覆盖率", "en": "organization"},
    "diff.rate.work": {"zh": "工作覆盖率", "en": "work"},
    # --- trend ----------------------------------------------------------------------------
    "cli.trend": {
        "zh": "数据集 DATASETS 各期的总体和分街道覆盖率，按快照日期（dataset.json）排序，日期"
              "相同时按给出的顺序。",
        "en": "The overall and per-area coverage rates of DATASETS, ordered by their "
              "snapshot date (dataset.json), then by the order given.",
    },
    "cli.trend.format": {
        "zh": "csv 为带 BOM 的 UTF-8，可直接用 Excel 打开；html 为离线网页；xlsx 为可打印的"
              "工作簿（需要 --out）。",
        "en": "csv is UTF-8 with a BOM (opens in Excel); html an offline page; xlsx a "
              "print-ready workbook (needs --out).",
    },
    "cli.trend.out": {"zh": "把表格写入此文件，而不是标准输出。",
                      "en": "Write the table to this file instead of standard output."},
    "cli.trend.plot": {
        "zh": "另把趋势图（plot.plot_trend）画进这个图片文件（.png、.svg、.pdf）。",
        "en": "Also draw the trend (plot.plot_trend) into this image (.png, .svg, .pdf).",
    },
    "cli.trend.metric": {"zh": "--plot 画的覆盖率：own、organization 或 work。",
                         "en": "Rate drawn by --plot: own, organization or work."},
    "trend.overwrites_input": {"zh": "{path} 会覆盖输入文件",
                               "en": "{path} would overwrite an input file"},
    "trend.plot_suffix": {"zh": "--plot {path}：请给出 .png、.svg 或 .pdf 文件",
                          "en": "--plot {path}: give a .png, .svg or .pdf file"},
    "trend.figure_written": {"zh": "趋势图已写入 {path}", "en": "figure written to {path}"},
    "trend.written": {"zh": "趋势表已写入 {path}", "en": "trend written to {path}"},
    "diff.cannot_compare": {
        "zh": "无法比较 {kind}：应为 Dataset、图，或数据集文件夹、工作簿的路径",
        "en": "cannot compare {kind}: expected a Dataset, a graph, or a dataset folder or "
              "workbook path",
    },
    "trend.no_dataset": {"zh": "trend 至少需要一个数据集",
                         "en": "trend needs at least one dataset"},
}
