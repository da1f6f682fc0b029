#!/usr/bin/env python3
"""Write the example notebooks in ``notebooks/`` from the cell texts below.

The notebooks are generated so that they stay reproducible and reviewable: no outputs,
no execution counts, stable cell ids, kernelspec ``python3``, nbformat 4. Edit the cells
here, then run::

    .venv/bin/python scripts/make_notebooks.py          # (re)write notebooks/*.ipynb
    .venv/bin/python scripts/make_notebooks.py --check  # exit 1 if a file is out of date

``tests/test_notebooks.py`` checks that the committed files equal this script's output
and executes them.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = REPO / "notebooks"

Cell = tuple[str, str]  # ("md" | "code", text)


def md(text: str) -> Cell:
    return ("md", textwrap.dedent(text).strip("\n"))


def code(text: str) -> Cell:
    return ("code", textwrap.dedent(text).strip("\n"))


# --- shared cells ---------------------------------------------------------------------
FIGURE_SETUP = code('''
    # 图片以 PNG 显示：Jupyter 默认的 inline 后端和无界面的 Agg 后端（测试、CI）都适用。
    # Show figures as PNG under any matplotlib backend (inline in Jupyter, Agg in CI).
    import matplotlib.pyplot as plt
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png")
''')


# --- 01 quickstart (researchers) ------------------------------------------------------
def quickstart() -> list[Cell]:
    return [
        md('''
            # 快速上手：用 graphkit 分析城市基层党建网络

            *Quickstart for researchers: the bundled sample as pandas tables and a NetworkX
            graph, coverage rates with their denominators, and the "one core, two circles".*

            本笔记本演示：

            1. 读取随仓库附带的四会市示例数据（`data/sihui`）；
            2. 以 pandas 表格和 NetworkX 图的形式查看网络；
            3. 计算党的**组织覆盖**和**工作覆盖**，并说明每个比率的分母；
            4. 查看每个社区的"一核双圈"党建融合圈，并画图。

            > **关于数据**：示例数据中与原文一致的数字（42 个驻点团队、15 个融合圈社区、
            > 12 个玉器卖场等）是准确的，其余社区、单位名称和关系均为虚构示意。
            > *Illustrative sample: only the article's figures are real.*
            >
            > **运行方式**：在仓库根目录安装 graphkit 和 Jupyter
            > （`pip install -e ".[notebooks]"`），再打开本笔记本。
            > 内核的工作目录是 `notebooks/`，下面的路径都相对于它。
            > *Paths are relative to `notebooks/`.*
        '''),
        code('''
            import pandas as pd

            import graphkit as gk
            from graphkit.plot import plot_circles, plot_coverage, plot_network

            pd.set_option("display.max_columns", 20)
            pd.set_option("display.width", 120)
        '''),
        FIGURE_SETUP,
        md('''
            ## 1. 读取数据 *Read the dataset*

            数据集是一个文件夹（`nodes.csv`、`edges.csv`，可选 `dataset.json`）或一个 `.xlsx`
            工作簿。读取时会完整校验，有错误时一次性列出所有问题。
            *A folder or an `.xlsx` workbook; every problem is reported at once.*
        '''),
        code('''
            ds = gk.read_dataset("../data/sihui")
            ds
        '''),
        md('''
            节点表 `ds.nodes`：每行一个节点，`label` 是节点类别（街道/镇 `Area`、社区
            `Community`、居民小区 `Compound`、党组织 `PartyOrg`、单位 `Unit`、党群服务中心
            `ServiceCenter`、团队 `Team`、人员 `Person`），`kind` 是子类型，`members` 是党员数，
            `rating` 是党组织评级（0–5）。其余列（如面积 `area_m2`）按类型原样保留。
        '''),
        code('''
            ds.nodes.head()
        '''),
        code('''
            ds.counts()  # 各类节点数量 nodes per label
        '''),
        md('''
            关系表 `ds.edges`：每行一条关系（`source` → `target`，`type` 为关系类型），
            例如 `LOCATED_IN`（单位位于社区）、`BELONGS_TO`（党组织隶属）、`COVERS`（联合或
            挂靠覆盖）、`CO_BUILDS`（同驻共建）。
        '''),
        code('''
            ds.edges["type"].value_counts()
        '''),
        md('''
            ## 2. NetworkX 图 *The graph*

            `ds.to_networkx()` 返回一个 `MultiDiGraph`：节点属性与节点表的列相同，
            边的 key 就是关系类型。*Node attributes = table columns; edge key = type.*
        '''),
        code('''
            G = ds.to_networkx()
            print("节点数 nodes:", G.number_of_nodes())
            print("关系数 edges:", G.number_of_edges())
        '''),
        md('''
            按名称找到沙田园社区的编号，查看它的属性和指向它的关系：
        '''),
        code('''
            cid = ds.nodes.loc[ds.nodes["name"] == "沙田园社区", "id"].item()
            print(cid)
            G.nodes[cid]
        '''),
        code('''
            incoming = pd.DataFrame(
                [{"source": u, "name": G.nodes[u]["name"], "label": G.nodes[u]["label"],
                  "type": key}
                 for u, _, key in G.in_edges(cid, keys=True)]
            )
            incoming["type"].value_counts()
        '''),
        md('''
            ## 3. 党的组织覆盖和工作覆盖 *Coverage*

            `gk.unit_coverage(G)` 给每个单位确定唯一的覆盖状态（按顺序取第一个成立的）：

            | status | 含义 |
            |---|---|
            | `own` | 单独建立了党组织 |
            | `joint` | 被联合党组织覆盖 |
            | `affiliated` | 挂靠在其他党组织 |
            | `instructor` | 没有党组织，但选派了党建工作指导员 |
            | `none` | 未覆盖（短板） |

            `community` 是单位所在社区（位于小区时取小区所属社区），`area` 是该社区所属街道（镇）。
        '''),
        code('''
            units = gk.unit_coverage(G)
            units.head()
        '''),
        code('''
            units["status"].value_counts()
        '''),
        md('''
            ### 覆盖率及其分母 *Rates and their denominators*

            `gk.coverage_rates(units, by=...)` 返回三个比率，`units` 列就是**分母**
            （范围内的单位数）：

            - 单独组建率 `own` = 状态为 `own` 的单位数 / `units`
            - 组织覆盖率 `organization` = 状态为 `own`、`joint`、`affiliated` 的单位数 / `units`
            - 工作覆盖率 `work` = 组织覆盖的单位数 + 有指导员的单位数（`instructor`）/ `units`

            报告比率时请同时报告分母。*Always report the denominator with a rate.*
        '''),
        code('''
            gk.coverage_rates(units)  # 全部单位 overall
        '''),
        code('''
            gk.coverage_rates(units, by="kind")  # 按单位类型 by unit kind
        '''),
        md('''
            按街道（镇）分组时，没有所属街道的单位不计入任何一组，因此各组分母之和可能小于
            单位总数。*Units without an area are left out of the by-area breakdown.*
        '''),
        code('''
            names = ds.nodes.set_index("id")["name"]
            by_area = gk.coverage_rates(units, by="area")
            by_area.insert(0, "name", by_area.index.map(names))
            by_area
        '''),
        code('''
            print("单位总数:", len(units))
            print("各街道（镇）分母之和:", int(by_area["units"].sum()))
            print("无所属街道的单位:", int(units["area"].isna().sum()))
        '''),
        md('''
            只统计"两新组织"（非公企业、社会组织、市场）时，用 `scope="two_new"`，分母随之改变：
        '''),
        code('''
            gk.coverage_rates(gk.unit_coverage(G, scope="two_new"))
        '''),
        md('''
            ## 4. "一核双圈"党建融合圈 *One core, two circles*

            对每个社区：**核心**是社区党组织；**次核心圈**是辖区内评级不低于 4 的、与核心有联系
            （共建、隶属、覆盖、联席会议或驻点团队）的党组织；**泛核心圈**是与核心或次核心有联系的
            其他辖区成员；**未联动**成员是联动短板；**外部共建单位**在辖区之外。
            `linkage_rate`（联动率）=（次核心 + 泛核心）/ 辖区成员数 `members`。
        '''),
        code('''
            circ = gk.circles(G)
            circ.head()
        '''),
        code('''
            # 联动率最低的社区；没有社区党组织的社区状态为 no_core
            circ.sort_values("linkage_rate", na_position="first")[
                ["community", "name", "status", "members", "linkage_rate"]].head()
        '''),
        code('''
            roles = gk.circle_roles(G)
            roles[roles["community"] == cid]
        '''),
        md('''
            沙田园社区的"一核双圈"：中心是核心，内圈是次核心圈，外圈是泛核心圈，灰色为未联动成员，
            右侧是外部共建单位。`close=True` 让图只由最后一行 `fig` 显示一次。
            保存图片用 `plot_circles(G, cid, save="沙田园社区.png")`。
        '''),
        code('''
            fig, ax = plot_circles(G, cid, close=True)
            print(ax.get_title())
            fig
        '''),
        md('''
            ## 5. 覆盖率和全市概览图 *Coverage and overview plots*

            各街道（镇）的三个覆盖率，标签中的 `n=` 是分母：
        '''),
        code('''
            fig, ax = plot_coverage(G, by="area", close=True)
            fig
        '''),
        md('''
            全市概览：社区按所属街道（镇）分组，颜色表示联动率，大小表示辖区成员数，
            灰色叉号表示没有社区党组织的社区。
        '''),
        code('''
            fig, ax = plot_network(G, close=True)
            fig
        '''),
        md('''
            ## 下一步 *Next*

            - `gk.audit(ds)` 一次得到以上全部结果和问题清单，见 `02_planner_gaps.ipynb`；
            - 把网络存入 Neo4j 并用 Cypher 查询，见 `03_neo4j.ipynb`；
            - 规则的完整定义见 `docs/SPEC.md`，术语见 `docs/DOMAIN.md`。
        '''),
    ]


# --- 02 planner gaps (planners) -------------------------------------------------------
def planner_gaps() -> list[Cell]:
    return [
        md('''
            # 查找短板，生成整改清单

            *For planners: audit the network, list the findings, group them into an action
            list per street/town, and export it to Excel.*

            本笔记本面向组织部门的规划人员：

            1. 对网络做一次完整审计（覆盖率、"一核双圈"、问题清单）；
            2. 按问题类别统计；
            3. 按街道（镇）整理整改清单；
            4. 导出 Excel：一份按街道分表的整改清单，一份完整的审计工作簿。

            > 示例数据除原文数字外均为虚构示意。命令行同样可以完成审计：
            > `graphkit audit data/sihui --format xlsx --out 审计.xlsx`。
        '''),
        code('''
            import tempfile
            from pathlib import Path

            import pandas as pd
            from IPython.display import display

            import graphkit as gk
            from graphkit.gaps import FINDING_CODES, FINDING_TITLES_ZH
            from graphkit.report import to_xlsx

            pd.set_option("display.max_colwidth", 60)
            pd.set_option("display.width", 160)
        '''),
        md('''
            ## 1. 审计 *Audit*

            `gk.audit(ds)` 一次算出覆盖率、融合圈和问题清单。总体比率中的 `units` 是分母：
            纳入统计的单位数。
        '''),
        code('''
            ds = gk.read_dataset("../data/sihui")
            result = gk.audit(ds)
            pd.DataFrame([result.overall], index=["全部单位"])
        '''),
        code('''
            names = ds.nodes.set_index("id")["name"]
            by_area = result.by_area.copy()
            by_area.insert(0, "街道（镇）", by_area.index.map(names))
            by_area
        '''),
        md('''
            ## 2. 问题清单 *Findings*

            每条问题有代码 `code`、对象 `subject`（编号）和 `name`（名称）、问题说明 `message`、
            建议措施 `action`，以及所在社区 `community` 和街道（镇）`area`。

            | code | 类别 |
            |---|---|
            | `uncovered` | 未覆盖单位 |
            | `should_form_branch` | 党员 3 名以上但未单独建立党组织的单位 |
            | `joint_candidate` | 社区内可组建联合党支部的单位组合 |
            | `community_without_core` | 没有社区党组织（无核心） |
            | `compound_without_branch` | 未建立小区党支部 |
            | `no_service_center` | 没有党群服务中心 |
            | `no_stationed_team` | 没有驻点团队 |
            | `unlinked` | 辖区成员未纳入党建融合圈 |
            | `orphan_org` | 党组织没有上级党组织 |
        '''),
        code('''
            findings = result.findings
            findings.head(10)
        '''),
        md('''
            ### 按类别统计 *Counts per code*
        '''),
        code('''
            counts = findings["code"].value_counts().reindex(FINDING_CODES, fill_value=0)
            counts = counts.rename("数量").to_frame()
            counts.insert(0, "类别", counts.index.map(FINDING_TITLES_ZH))
            counts
        '''),
        md('''
            ## 3. 按街道（镇）整理整改清单 *Action list per street/town*

            按问题的 `area` 列分组并显示街道（镇）名称；找不到街道的问题（如既无上级党组织、又不在
            任何社区的党组织）归入"未归属街道"。清单内按问题类别排序：先单位覆盖，再社区和小区，
            最后是融合圈联动。
        '''),
        code('''
            UNASSIGNED = "未归属街道"
            actions = pd.DataFrame({
                "街道（镇）": findings["area"].map(names).fillna(UNASSIGNED),
                "社区": findings["community"].map(names).fillna(""),
                "类别": findings["code"].map(FINDING_TITLES_ZH),
                "代码": findings["code"],
                "对象编号": findings["subject"],
                "对象": findings["name"],
                "问题": findings["message"],
                "建议措施": findings["action"],
            })
            areas = sorted(set(actions["街道（镇）"]) - {UNASSIGNED})
            areas += [UNASSIGNED] if UNASSIGNED in set(actions["街道（镇）"]) else []
            summary = pd.crosstab(actions["街道（镇）"], actions["类别"], margins=True,
                                  margins_name="合计").reindex([*areas, "合计"])
            summary
        '''),
        code('''
            for area in areas:
                group = actions[actions["街道（镇）"] == area]
                print(f"【{area}】共 {len(group)} 项")
                display(group[["社区", "类别", "对象", "建议措施"]].head(5))
        '''),
        md('''
            ## 4. 导出 Excel *Export to Excel*

            文件写到一个临时文件夹（不写入仓库）。整改清单：第一张表是汇总，其后每个街道（镇）
            一张表。*Written to a temporary folder, not to the repository.*
        '''),
        code('''
            out = Path(tempfile.mkdtemp(prefix="graphkit-"))
            action_path = out / "整改清单.xlsx"
            with pd.ExcelWriter(action_path) as writer:
                summary.to_excel(writer, sheet_name="汇总")
                for area in areas:
                    group = actions[actions["街道（镇）"] == area]
                    group.drop(columns="街道（镇）").to_excel(
                        writer, sheet_name=area[:31], index=False)
            print(action_path.name, action_path.stat().st_size, "bytes")
        '''),
        md('''
            重新读入，确认内容（每张表的行数，以及最后一张街道表）：
        '''),
        code('''
            sheets = pd.read_excel(action_path, engine="openpyxl", sheet_name=None)
            print({name: len(frame) for name, frame in sheets.items()})
            sheets[areas[-1]]
        '''),
        md('''
            完整的审计工作簿 `graphkit.report.to_xlsx(result)`：概览（覆盖率、分母与目标）、
            行动清单（可填写责任单位、责任人、完成时限、进展）、覆盖率、单位覆盖、发现（含建议）、
            双圈、四个融合（社区评分表），中文表头，比率按百分比显示，可直接打印为 A4 横向。
        '''),
        code('''
            report_path = out / "审计报告.xlsx"
            report_path.write_bytes(to_xlsx(result))
            book = pd.read_excel(report_path, engine="openpyxl", sheet_name=None)
            print(list(book))
            book["概览"]
        '''),
        code('''
            book["发现"].head()
        '''),
        md('''
            文件所在的临时文件夹（用完可删除）：
        '''),
        code('''
            print(out)
            sorted(p.name for p in out.iterdir())
        '''),
    ]


# --- 03 Neo4j -------------------------------------------------------------------------
def neo4j() -> list[Cell]:
    return [
        md('''
            # 在 Neo4j 中存储和查询党建网络

            *Load the sample into Neo4j, query it with Cypher, read it back, and check that
            the audit of the database equals the in-memory audit.*

            > ⚠️ **警告：本笔记本会清空数据库。** `store.load(ds, replace=True)` 会先删除数据库中
            > 所有 graphkit 节点及其关系，再写入示例数据。请只连接本地或测试用的 Neo4j，
            > 不要连接生产数据库。
            > *WARNING: this notebook wipes the graphkit data in the database it connects to.*
        '''),
        md('''
            ## 0. 启动本地 Neo4j 并设置凭据 *Start Neo4j and set the credentials*

            连接信息从环境变量读取：`NEO4J_URI`、`NEO4J_USER`、`NEO4J_PASSWORD`。
            使用仓库自带的本地服务器（Neo4j Community 5，监听 `127.0.0.1:7687`，随机密码）：

            ```sh
            # 在仓库根目录
            scripts/neo4j start            # 首次启动会下载约 125 MB（需要 Java 17+ 和 Maven）
            eval "$(scripts/neo4j env)"    # 设置 NEO4J_URI、NEO4J_USER、NEO4J_PASSWORD
            jupyter lab notebooks/         # 在同一个终端启动 Jupyter，内核才能继承这些变量
            scripts/neo4j stop             # 用完后停止服务器
            ```

            使用自己的 Neo4j（Desktop、Docker `neo4j:5`、Aura）时，把这三个变量指向它即可。
            *Start Jupyter from the shell where the variables are set.*
        '''),
        code('''
            import dataclasses
            import os

            import pandas as pd

            import graphkit as gk
            from graphkit.report import to_json
            from graphkit.store import connect

            if not os.environ.get("NEO4J_URI"):
                raise RuntimeError("请先设置 NEO4J_URI、NEO4J_USER、NEO4J_PASSWORD（见上文）")
            # 只显示地址和用户名，不显示密码 (never print the password)
            print("Neo4j:", os.environ["NEO4J_URI"], "用户:", os.environ.get("NEO4J_USER", "neo4j"))
        '''),
        md('''
            ## 1. 写入 *Load*

            `connect()` 从环境变量读取连接信息；`load` 按 id 批量 `MERGE`（可重复执行），
            `replace=True` 先清空所有 graphkit 节点，使数据库恰好等于数据集。
        '''),
        code('''
            ds = gk.read_dataset("../data/sihui")
            store = connect()
            store.load(ds, replace=True)  # ⚠️ 清空后写入 wipes, then loads
        '''),
        code('''
            store.counts()
        '''),
        md('''
            ## 2. Cypher 查询 *Query*

            `store.query(...)` 运行只读 Cypher 查询，返回 DataFrame。下面统计每个社区内的单位数：
            直接位于社区的（`direct`）加上位于其居民小区的（`in_compounds`）。
        '''),
        code('''
            units_per_community = store.query("""
                MATCH (c:Community)
                OPTIONAL MATCH (u:Unit)-[:LOCATED_IN]->(c)
                WITH c, count(u) AS direct
                OPTIONAL MATCH (v:Unit)-[:LOCATED_IN]->(:Compound)-[:PART_OF]->(c)
                WITH c, direct, count(v) AS in_compounds
                RETURN c.id AS id, c.name AS name, direct, in_compounds,
                       direct + in_compounds AS units
                ORDER BY units DESC, id
            """)
            units_per_community.head(10)
        '''),
        md('''
            与内存中的计算一致（`unit_coverage` 的 `community` 列）：
        '''),
        code('''
            in_memory = gk.unit_coverage(ds).groupby("community").size()
            in_neo4j = units_per_community.set_index("id")["units"]
            assert in_neo4j[in_neo4j > 0].to_dict() == in_memory.to_dict()
            print("社区数:", len(in_memory), "单位数:", int(in_memory.sum()))
        '''),
        md('''
            查询参数用 `$name` 传入，不要拼接字符串。沙田园社区的社区党组织：
        '''),
        code('''
            store.query(
                "MATCH (o:PartyOrg)-[:BELONGS_TO]->(c:Community {name: $name}) "
                "RETURN o.id AS id, o.name AS name, o.kind AS kind, o.rating AS rating",
                name="沙田园社区",
            )
        '''),
        md('''
            ## 3. 读回并审计 *Read back and audit*

            `store.read()` 把数据库内容读回为经过校验的 `Dataset`。对它做的审计应与内存中的
            审计完全相同（比较 JSON 报告；先让数据集名称一致，以防数据库中的名称不同）。
        '''),
        code('''
            back = store.read()
            back = back.with_meta(name=ds.name)
            back
        '''),
        code('''
            json_memory = to_json(gk.audit(ds))
            json_neo4j = to_json(gk.audit(back))
            assert json_neo4j == json_memory
            print("审计结果一致 identical audit JSON:", len(json_memory), "characters")
        '''),
        md('''
            ## 4. 读回的数据同样经过校验 *Reads are validated too*

            `store.read()` 把数据库中的节点和关系逐条读入，与读取文件时一样经过 SPEC 第 1 节的
            全部校验；分析始终在校验过的网络上进行（DuckDB 默认引擎，也可用 Polars 或 Spark）。
        '''),
        code('''
            gk.audit(back, engine="polars").overall == gk.audit(ds).overall
        '''),
        code('''
            store.close()
        '''),
        md('''
            命令行的对应操作 *The same from the command line*：

            ```sh
            graphkit load data/sihui --neo4j "$NEO4J_URI" --replace
            graphkit audit "$NEO4J_URI"
            graphkit export --neo4j "$NEO4J_URI" out/sihui
            ```
        '''),
    ]


# --- 04 network measures (researchers) ------------------------------------------------
def measures() -> list[Cell]:
    return [
        md('''
            # 网络指标：谁在联结、谁在中介、联结是否沿行政边界

            *Network measures for researchers: who links, who brokers, and does linkage follow
            the administrative map?*

            社区治理网络研究常报告密度、平均路径长度、度中心性和中介中心性、结构洞、
            模块度社群和核心—边缘结构。本笔记本在四会市示例数据上计算这些指标，并回答：

            1. "一核双圈"是否真的把社区党组织放在中心？
            2. 实际的联结是否沿着社区的行政边界？
            3. 哪些组织在各个社区、街道之间起中介（桥梁）作用——规划者应当知道谁？

            指标在 igraph（C 语言图算法库）上计算；联结网络本身仍是 `networkx.Graph`，
            方便研究者继续分析。

            > 示例数据中除原文数字外均为虚构示意。*Illustrative sample.*
            > 内核工作目录是 `notebooks/`。*Paths are relative to `notebooks/`.*
        '''),
        code('''
            import networkx as nx
            import pandas as pd

            import graphkit as gk
            from graphkit.plot import plot_clusters, plot_ties

            pd.set_option("display.max_columns", 20)
            pd.set_option("display.width", 120)
        '''),
        FIGURE_SETUP,
        md('''
            ## 1. 联结网络 *The tie graph*

            `gk.tie_graph(ds)` 是一个无向 `networkx.Graph`：节点是各党组织，以及没有自身党组织的
            单位（有自身党组织的单位由其党组织代表，SPEC 第 3 节）；边是 SPEC 中的"联系"：
            同驻共建 `CO_BUILDS`、隶属 `REPORTS_TO`、覆盖 `COVERS`、联席会议 `MEETS_WITH`，
            以及派出团队驻点到社区（`TEAM`）。`weight` 是两者之间平行联系的条数，
            `types` 是联系类型。
        '''),
        code('''
            ds = gk.read_dataset("../data/sihui")
            T = gk.tie_graph(ds)
            print("组织数 entities:", T.number_of_nodes())
            print("联结数 ties:", T.number_of_edges())
        '''),
        code('''
            core = next(n for n, d in T.nodes(data=True)
                        if d["core"] and d["community"] == "com-001")
            print(core, T.nodes[core]["name"])
            edges = gk.tie_edges(ds)
            edges[(edges["u"] == core) | (edges["v"] == core)].head(8)
        '''),
        md('''
            ## 2. 全部指标 *Every measure at once*

            `gk.measures(ds)` 计算全部指标。结果确定：同样的数据（无论行的顺序）总得到同样的数值。
            大网络上的中介中心性在超过 `exact_max` 个组织的连通分量上用 `k` 个固定种子的抽样源点
            估计（Brandes & Pich 2007），所用方法记在 `methods` 中；示例数据很小，全部精确计算。
            抽样估计的准确度（与精确值的秩相关）见 `BENCHMARKS.md`。
        '''),
        code('''
            m = gk.measures(ds)
            m.methods["betweenness"], m.methods["communities"]
        '''),
        md('''
            ### 每个组织 *Per entity*

            度 `degree`、加权度 `weighted_degree`、中介中心性 `betweenness`（Freeman 1977）、
            `pagerank`、Burt 结构洞指标约束系数 `constraint`（越低，联系对象之间越少互相联系，
            越处于"结构洞"上）和有效规模 `effective_size`（不重复的联系对象数）、
            k-核 `core_number`、是否割点 `cut_point`：
        '''),
        code('''
            cols = ["name", "community", "degree", "weighted_degree", "betweenness", "pagerank",
                    "constraint", "effective_size", "core_number", "cut_point"]
            m.entities.sort_values("betweenness", ascending=False)[cols].head(10)
        '''),
        md('''
            ### 凝聚性 *Cohesion*

            每个社区辖区（其成员和核心，以及它们之间的联结）和全市：密度、连通分量、
            最大分量上的平均最短路径长度、桥和割点。最后一行是全市。
        '''),
        code('''
            m.cohesion.tail(6)
        '''),
        md('''
            ## 3. 核心是否居中？ *Is the core central?*

            在每个社区自身的联结网络中，社区党组织的中介中心性排名（1 = 最高）。
            `city_rank` 是同一组织在全市网络中、在本社区组织里的排名。
        '''),
        code('''
            cores = m.cores
            print(f"核心排第一的社区：{int(cores['core_is_top'].sum())} / {len(cores)}")
            print(f"在全市网络中仍排第一：{int((cores['city_rank'] == 1).sum())} / {len(cores)}")
            cores[~cores["core_is_top"]][["name", "core_name", "entities", "core_betweenness",
                                           "rank", "top_name", "top_betweenness"]]
        '''),
        md('''
            **解读。** 绝大多数社区里，社区党组织确是本辖区联结网络的中介中心——"一核"
            在结构上成立。上表列出例外：这些社区里中介最多的是某个小区党支部或联合党支部，
            辖区内的组织更多经由它而不是经由社区党组织相互联结。这不一定是问题（小区党支部
            本来就是社区党组织的延伸），但规划者走访时应先找到这个组织：它掌握着辖区里的
            实际联系渠道。若某社区的核心在辖区内排第一、在全市网络中却不是（`city_rank`
            大于 1），说明该社区的组织主要经由辖区外的机关、街道与外界联系。
        '''),
        md('''
            ## 4. 联结是否沿行政边界？ *Does linkage follow administrative lines?*

            用 Leiden 算法（模块度目标函数，固定种子）在联结网络中检测社群，与行政社区比较。
            只比较有联结、有所属社区的组织。

            * **NMI**（归一化互信息，0–1）：知道一个组织所在的检测社群，能在多大程度上推断它
              所属的行政社区。它对"粗细不同"的划分比较宽容：一个社群恰好合并了几个完整的社区，
              NMI 仍然较高。
            * **ARI**（调整兰德指数，1 = 完全一致，约 0 = 与随机无异）：逐对比较"两个组织是否在
              同一组"。社群把几个社区合并、或把一个社区拆开，ARI 都会明显下降。
            * **模块度**：检测社群的模块度是联结网络可达到的分组程度；行政社区划分本身的模块度
              说明按行政边界分组能解释多少联结。两者越接近，联结越沿行政边界。
        '''),
        code('''
            cmp_ = m.comparison
            cmp_
        '''),
        code('''
            ent = m.entity_table()
            linked = ent[(ent["degree"] > 0) & ent["community"].notna()].set_index("id")
            by_street = gk.compare_partitions(linked["cluster"], linked["area"])
            table = pd.crosstab(linked["community"], linked["cluster"])
            per_cluster = int((table > 0).sum(axis=0).median())
            per_community = int((table > 0).sum(axis=1).median())
            print(f"检测社群 {cmp_['clusters']} 个，行政社区 {cmp_['communities']} 个；"
                  f"一个社群的组织中位数来自 {per_cluster} 个社区，"
                  f"一个社区的组织中位数分布在 {per_community} 个社群")
            print(f"与社区比较：NMI {cmp_['nmi']:.2f}，ARI {cmp_['ari']:.2f}；"
                  f"与街道、镇比较：NMI {by_street['nmi']:.2f}，ARI {by_street['ari']:.2f}")
            print(f"模块度：检测社群 {cmp_['modularity']:.2f}，"
                  f"行政社区划分 {cmp_['community_modularity']:.2f}")
            if cmp_["nmi"] >= 0.5 and cmp_["ari"] < 0.5:
                print("=> 联结部分沿行政边界：社群与社区相关，但粒度不同（社群合并或拆分社区）")
            elif cmp_["ari"] >= 0.5:
                print("=> 联结基本沿行政边界：社群与社区大体一致")
            else:
                print("=> 联结基本不沿行政边界")
        '''),
        md('''
            下图每行一个社区（按街道、镇分组），每列一个检测社群，颜色是该社区的组织落在该社群的
            比例。若联结完全沿社区边界，图中只有一条对角线；一列跨越多行是把几个社区连成一体的
            社群，一行分散在多列是组织分别联向不同社群的社区。
        '''),
        code('''
            fig, ax = plot_clusters(m, close=True)
            fig
        '''),
        md('''
            **解读（本示例）。** NMI 约 0.66，说明检测到的社群与行政社区有明显的对应：联结不是
            随意的，行政边界确实塑造了联结。但 ARI 只有约 0.33，社群数也不到社区数的一半：
            联结形成的群体比社区**粗**，常把同一街道里相邻的几个社区连成一体（图中跨越多行的
            列，例如贞山街道的多数社区落在同一个社群），而另一些社区的组织分别联向两三个社群
            （图中一行有多个色块，城中街道较多）。与街道、镇相比 NMI 更低：社群也不沿街道边界，
            跨街道的机关、行业党委把不同街道的社区连在了一起。行政社区划分的模块度（约 0.49）
            已经远高于随机划分（约 0），但低于检测社群（约 0.65）——相当一部分联结跨越了社区
            边界。对研究者而言，这意味着以社区为单位的分析会漏掉这些跨社区的联结；对规划者
            而言，下表列出跨越多个社区的社群，它们是联建共建已经跨出辖区的地方。
        '''),
        code('''
            # 跨越多个社区的社群：这些联结跨越了行政边界
            m.crossing[["cluster", "entities", "communities", "outside", "main_name",
                        "main_share"]].head(8)
        '''),
        md('''
            ## 5. 规划者应当知道的中介组织 *The brokers a planner should know*

            中介中心性高的组织处在许多组织之间的最短联系路径上。对规划者更有用的是再看两件事：
            它联向多少个社区（`社区数`），以及它若停止运转，会有多少个组织与全市的主网络失去
            联系（`失联组织数`：从最大连通分量中去掉它后，脱离主网络的组织数）。约束系数低表示它
            的联系对象之间彼此少有联系——别人难以绕过它。
        '''),
        code('''
            giant = max(nx.connected_components(T), key=len)


            def cut_off(n):
                # 去掉 n 后，最大连通分量中与主网络失去联系的组织数
                if n not in giant:
                    return 0
                rest = T.subgraph(giant - {n})
                return len(giant) - 1 - max(len(c) for c in nx.connected_components(rest))


            own = m.cohesion[m.cohesion["level"] == "community"]
            names = dict(zip(own["community"], own["name"]))
            brokers = m.entities.sort_values("betweenness", ascending=False).head(10).copy()
            brokers["所属社区"] = brokers["community"].map(lambda c: names.get(c, "（无）"))
            brokers["社区数"] = [len({T.nodes[x]["community"] for x in T[n]} - {None})
                              for n in brokers["id"]]
            brokers["失联组织数"] = [cut_off(n) for n in brokers["id"]]
            brokers[["name", "所属社区", "degree", "betweenness", "constraint", "社区数",
                     "失联组织数"]].round(3)
        '''),
        md('''
            **解读（本示例）。** 中介最多的是市直机关工委：它与约 70 个组织、二十多个社区有联结，
            全市近三成的最短联系路径经过它，约束系数接近 0（它的联系对象彼此几乎不联系）。
            但去掉它只会让两个组织失联——各街道党工委和市委提供了替代路径，它是"枢纽"而不是
            "单点"。街道党工委（东城、贞山、城中）和卫健局、教育局机关党委是第二层中介，
            各自联向十多个社区：跨社区的联建共建主要经由它们展开，是推动跨社区议题时应先
            沟通的对象。相反，龙湾社区党委、玉城社区党委这样的社区核心只联向几个社区，去掉它们
            却会让 8–15 个组织失联：它们是辖区组织联向外界的唯一通道，是网络中最脆弱的环节——
            为这些辖区增加第二条联系（例如与街道或其他社区的联席会议）最能提高韧性。
            `cut_point` 为真的组织都属于这种情形，可以用同样的方法逐一检查。
        '''),
        md('''
            ## 6. 画出一个社区的联结网络 *Plot*

            红色为社区党组织（核心），紫色为辖区内的其他党组织，青绿色为没有自身党组织的单位，
            蓝色为与辖区成员有联结的辖区外组织（颜色与 `graphkit.vocab` 的统一配色一致）；
            节点越大，联结越多；线越粗，平行联系越多。名称去掉了共同的"四会市"前缀，标在节点
            旁边。要在笔记本里缩放、搜索、点击查看详情，用 `gk.view(ds, community="com-001")`
            （见 `08_explore`）。
        '''),
        code('''
            fig, ax = plot_ties(ds, community="com-001", close=True)
            print(ax.get_title())
            fig
        '''),
        md('''
            ## 命令行 *Command line*

            ```sh
            graphkit measures data/sihui                          # 中文摘要
            graphkit measures data/sihui --format json --out m.json
            graphkit measures data/sihui --format csv --out entities.csv
            ```

            十万个单位规模的耗时和抽样中介中心性的准确度见 `BENCHMARKS.md`。
        '''),
    ]


# --- 06 snapshots (planners and researchers) ------------------------------------------
def snapshots() -> list[Cell]:
    return [
        md("""
            # 快照对比：一年来变了什么

            *Comparing snapshots: what changed between two audits, and the trend across
            years (SPEC section 7).*

            审计每季度或每年做一次，做完后第一个问题是"比上次变了什么"：哪些单位实现了覆盖、
            哪些退步了（需要整改）、哪些问题解决了、哪些社区联动起来了。本笔记本比较示例数据的
            2020 年快照 `data/sihui` 和 2021 年快照 `data/sihui-2021`。

            > 2021 年快照是 `graphkit.synth.evolve` 生成的示意数据，一年间的变化全部是虚构的
            > （见 `data/sihui-2021/README.md`）。*Illustrative: every change is made up.*
            > 内核工作目录是 `notebooks/`。*Paths are relative to `notebooks/`.*
        """),
        code("""
            import tempfile
            from pathlib import Path

            import pandas as pd

            import graphkit as gk
            from graphkit.plot import plot_trend
            from graphkit.synth import evolve

            pd.set_option("display.max_columns", 20)
            pd.set_option("display.width", 120)
        """),
        FIGURE_SETUP,
        md("""
            ## 1. 两期快照对比 *The diff*

            `gk.diff(old, new)` 按 `id` 匹配两期的实体，返回一个 `Diff`：各项 DataFrame，
            以及 `to_dict()`（SPEC 第 7 节的 JSON）。变化用百分点表示：100 ×（本期 − 上期）。
        """),
        code("""
            old = gk.read_dataset("../data/sihui")
            new = gk.read_dataset("../data/sihui-2021")
            d = gk.diff(old, new)
            print(d.old, "→", d.new)
            for m, v in d.to_dict()["rates"]["overall"].items():
                print(f"{m:>12}: {v['old']:.1%} → {v['new']:.1%}（{v['delta']:+.1f} 个百分点）")
            print("有退步 regression:", d.regression)
        """),
        md("""
            ### 各街道（镇）的覆盖率变化 *Per street*
        """),
        code("""
            names = d.names
            streets = d.rates[d.rates["group"] == "by_area"].assign(
                street=lambda t: t["key"].map(names))
            streets.pivot(index="street", columns="metric", values="delta").round(1)
        """),
        md("""
            ## 2. 覆盖状态转移 *Status transitions*

            行是上期状态，列是本期状态（两期都有的单位）。对角线以外的格子就是变化：
            右上方向是退步，左下方向是进步（单独组建 3 > 联合、挂靠 2 > 指导员 1 > 未覆盖 0）。
        """),
        code("""
            d.transitions
        """),
        md("""
            ### 退步的单位：需要整改 *Regressed units need action*
        """),
        code("""
            d.units[d.units["change"] == "regressed"][["id", "name", "kind", "community", "old",
                                                      "new"]]
        """),
        md("""
            ## 3. 问题的解决与新增 *Findings resolved and new*
        """),
        code("""
            pd.crosstab(d.findings["code"], d.findings["change"])
        """),
        md("""
            ## 4. 一核双圈的变化 *Circles*

            每个社区：核心、联动率的变化，以及进入或离开各圈层的成员。
        """),
        code("""
            c = d.circles
            moved = c[c["linkage_delta"].fillna(0) != 0]
            moved.sort_values("linkage_delta")[["name", "linkage_old", "linkage_new",
                                                "linkage_delta", "sub_core_left",
                                                "unlinked_entered"]].head(8)
        """),
        md("""
            ## 5. 多期趋势 *The trend*

            用 `synth.evolve` 再生成一期（2022 年，示意），`gk.trend` 按 `dataset.json` 中的
            快照日期排序，列出总体和各街道的覆盖率；`plot_trend` 画出来：粗黑线是全市，
            每条彩色线是一个街道（镇），虚线是目标（组织覆盖 90%，工作覆盖 95%），
            线尾标出最新一期的数值。
        """),
        code("""
            out = Path(tempfile.mkdtemp(prefix="graphkit-")) / "sihui-2022"
            info = evolve(new, out, seed=2022)
            print({k: v for k, v in info.items() if k.startswith(("units_", "branches"))})
            t = gk.trend([out, new, old])
            t[t["group"] == "all"][["order", "snapshot", "units", "own", "organization", "work"]]
        """),
        code("""
            fig, ax = plot_trend(t, metric="organization", close=True)
            print(ax.get_title())
            fig
        """),
        md("""
            ## 命令行 *Command line*

            ```sh
            graphkit diff data/sihui data/sihui-2021                      # 一屏摘要
            graphkit diff data/sihui data/sihui-2021 --format html --out diff.html
            graphkit diff data/sihui data/sihui-2021 --format xlsx --out diff.xlsx
            graphkit diff data/sihui data/sihui-2021 --fail-on-regression # 有退步时退出码 1
            graphkit diff data/sihui data/sihui-2021 --area 东城街道
            graphkit trend data/sihui data/sihui-2021 --format csv --out trend.csv --plot trend.png
            graphkit synth --evolve data/sihui-2021 out/sihui-2022 --seed 2022
            ```
        """),
    ]


# --- 05 gap-closing plan (planners) ----------------------------------------------------
def plan() -> list[Cell]:
    return [
        md('''
            # 整改计划：补齐覆盖短板需要多少党组织和指导员

            *For planners: the gap-closing plan of SPEC section 6 on the sample — which units
            form their own branch, which small units form or join joint branches, who hosts
            the rest, how many instructors each street must appoint, and the rates after.*

            依据《中国共产党支部工作条例（试行）》第四、五条：
            正式党员 3 人以上的单位单独组建党组织；
            不足 3 人的与邻近单位联合组建，联合党支部覆盖单位一般不超过 5 个、党员一般不超过 50 名；
            没有党员的单位选派党建工作指导员。联合组建的方案是最优的：安置的小单位最多，其次新建的
            联合党支部最少，再次纳入现有联合党组织的单位最多。

            > 示例数据除原文数字外均为虚构示意。命令行：
            > `graphkit plan data/sihui --format xlsx --out 整改计划.xlsx --apply 整改后/`。
        '''),
        FIGURE_SETUP,
        code('''
            import pandas as pd
            from IPython.display import display

            import graphkit as gk
            from graphkit import plot
            from graphkit.planning import ACTION_NAMES_ZH

            pd.set_option("display.max_colwidth", 80)
            pd.set_option("display.width", 160)
            ds = gk.read_dataset("../data/sihui")
            p = gk.plan(ds)
            p.summary
        '''),
        md('''
            ## 1. 汇总与覆盖率 *Summary, rates now and after*

            `summary` 中 `form_branch`、`join_joint`、`form_joint`、`affiliate`、
            `assign_instructor` 是单位数，`new_joint_branches`、`new_instructors` 是新建的数量。
        '''),
        code('''
            rates = pd.concat({"现状": p.current["rates"].loc["all"],
                               "整改后": p.projected["rates"].loc["all"]}, axis=1)
            rates
        '''),
        code('''
            names = p.names
            by_area = pd.DataFrame({
                "街道（镇）": p.current["by_area"].index.map(names),
                "单位数": p.current["by_area"]["units"],
                "工作覆盖率（现状）": p.current["by_area"]["work"],
                "工作覆盖率（整改后）": p.projected["by_area"]["work"],
                "组织覆盖率（现状）": p.current["by_area"]["organization"],
                "组织覆盖率（整改后）": p.projected["by_area"]["organization"],
            })
            acts = p.actions
            by_area["新增指导员"] = by_area.index.map(
                acts[acts["instructor_new"]].groupby("area")["instructor"].nunique()
            ).fillna(0).astype(int)
            by_area
        '''),
        md('''
            ## 2. 一个街道的措施 *The actions of one street*

            每项措施列出涉及的单位、党组织或指导员、由谁提出、由谁审批（街道党工委）。
        '''),
        code('''
            street = "area-zs"
            mine = acts[acts["area"] == street]
            print(f"{names[street]}：{len(mine)} 项措施")
            display(pd.DataFrame({
                "社区": mine["community"].map(names),
                "措施": mine["action"].map(ACTION_NAMES_ZH),
                "单位": mine["units"].map("、".join),
                "党组织": mine["org"], "指导员": mine["instructor"],
                "提出": mine["proposer"], "审批": mine["approver"],
            }))
        '''),
        md('''
            ## 3. 整改前后对比图 *Before and after*

            `p.apply()` 返回按计划实施后的数据集
            （新建的党组织、`COVERS`/`GUIDES` 关系、新增指导员），
            对它重新审计，覆盖率与计划的预测完全一致。上图为现状，下图为整改后。
        '''),
        code('''
            after = p.apply()
            audited = gk.audit(after).to_dict()["coverage"]
            assert audited["by_area"] == p.to_dict()["projected"]["by_area"]
            assert gk.plan(after).actions.empty  # 再做一次计划：无需任何措施
            fig_before, _ = plot.plot_coverage(ds, by="area", close=True)
            fig_before
        '''),
        code('''
            fig_after, ax = plot.plot_coverage(after, by="area", close=True)
            fig_after
        '''),
        md('''
            ## 4. 假设分析：每名指导员联系 3 个还是 5 个单位 *What if: capacity 3 or 5*
        '''),
        code('''
            def instructors_needed(capacity):
                q = gk.plan(ds, instructor_capacity=capacity).actions
                new = q[q["instructor_new"]]
                return new.groupby(new["area"].map(names))["instructor"].nunique()

            whatif = pd.DataFrame({"每人 3 个单位": instructors_needed(3),
                                   "每人 5 个单位": instructors_needed(5)}).fillna(0).astype(int)
            whatif.loc["合计"] = whatif.sum()
            whatif
        '''),
        md('''
            导出：`graphkit.planning` 的 `Plan.to_dict()` 是 JSON 文档（SPEC 第 6 节）；命令行
            `graphkit plan data/sihui --format xlsx --out 整改计划.xlsx` 写出工作清单（责任单位、
            责任人、完成时限、进展）。

            ## 5. 工作清单 *The work list*

            审计的行动清单和计划的工作清单是同一张表（`gk.work_list`）：每个对象一行——同一单位
            既未覆盖又未联动、又有整改措施，只占一行；写明存在问题、针对本单位的整改措施
            （新建哪个党组织、纳入哪个联合党支部、由哪名指导员联系、与哪个社区党组织签订共建
            责任书）、优先级、责任单位，留出责任人、完成时限、进展（下拉：未开始、推进中、
            已完成）和备注；隐藏列 `action_id` 是计划措施的编号，填好的清单靠它对应回计划。
        '''),
        code('''
            rows = gk.work_list(p, gk.findings(ds), planned_only=True)
            rows[["number", "street", "community_name", "subject_name", "priority",
                  "responsible_unit", "todo"]].head(8)
        '''),
        md('''
            ## 6. 半年后核验 *Following the plan through*

            `data/sihui-2021-06` 是虚构的 2021 年 6 月快照：计划的一部分已经落实；
            `data/sihui-worklist-2021-06.xlsx` 是街道填报后的工作清单。`gk.progress` 对每项措施
            核验新快照（已完成、部分完成、未完成、单位已不在），读取填报的进展和完成时限，
            找出不一致：报已完成但数据未体现、已完成但未报、逾期未完成（SPEC 第 10 节）。
            命令行：`graphkit progress data/sihui-plan.json data/sihui-2021-06 --worklist
            data/sihui-worklist-2021-06.xlsx`。
        '''),
        code('''
            from graphkit.vocab import DISCREPANCY_NAMES_ZH, PROGRESS_NAMES_ZH, VERIFIED_NAMES_ZH

            r = gk.progress("../data/sihui-plan.json", "../data/sihui-2021-06",
                            worklist="../data/sihui-worklist-2021-06.xlsx")
            later = r.actions.assign(
                措施=r.actions["action"].map(ACTION_NAMES_ZH),
                单位=r.actions["units"].map(lambda us: "、".join(r.names.get(u, u) for u in us)),
                核验=r.actions["verified"].map(VERIFIED_NAMES_ZH),
                填报=r.actions["reported"].map(PROGRESS_NAMES_ZH),
                不一致=r.actions["discrepancy"].map(DISCREPANCY_NAMES_ZH))
            later[["措施", "单位", "核验", "填报", "due", "不一致"]]
        '''),
        code('''
            # 按街道：核验状态的措施数；计划预计与实际的覆盖率（差为百分点）
            by_street = pd.crosstab(later["area"].map(names).fillna("未归属街道"), later["核验"])
            display(by_street)
            pd.DataFrame({k: r.rates[k]["rates"] for k in ("projected", "actual", "delta")})
        '''),
        code('''
            # 工作清单中读不了的格子：文件、工作表、行、列、值和怎么改
            for problem in r.problems:
                print(problem.format())
        '''),
    ]


# --- 07 rosters (planners, from the offices' rosters) ----------------------------------
def rosters() -> list[Cell]:
    return [
        md("""
            # 从各部门名册到审计

            *From the offices' rosters to the audit (SPEC section 9): `gk.import_rosters`, the
            review, and the template.*

            各部门手里的是名册（台账），不是图：组织部的党组织名册、市场监管局带统一社会信用代码
            的单位登记、民政局的街道社区小区和门牌号段、各街道的团队和党群服务中心台账。
            `data/sihui-rosters` 是示例数据按四个部门的导出方式写成的名册（标题行、GBK 编码的
            CSV、表头同义词、名称有的带“四会市”有的不带、党组织只在名称里写明所在单位、部分单位
            只有地址）。

            > 内核工作目录是 `notebooks/`。*Paths are relative to `notebooks/`.*
        """),
        code("""
            import shutil
            import tempfile
            from pathlib import Path

            import pandas as pd

            import graphkit as gk
            from graphkit import report

            pd.set_option("display.max_columns", 20)
            pd.set_option("display.width", 120)
            sorted(p.name for p in Path("../data/sihui-rosters").iterdir())
        """),
        md("""
            ## 1. 导入 *Import*

            `gk.import_rosters(folder)` 按表头识别每张名册，把每个引用（所在社区、上级党组织、
            派出单位……）依次按统一社会信用代码、名称、去掉市名和“社区/街道/小区”后缀的名称、
            “中共××支部委员会”中的××、门牌号段认定为唯一的对象，返回数据集和审核清单（review）。
            命令行：`graphkit import data/sihui-rosters --out 输出文件夹`。
        """),
        code("""
            ds, review = gk.import_rosters("../data/sihui-rosters")
            print(report.to_text(review.document()))
            ds.counts()
        """),
        md("""
            每张名册在哪个文件、表头在第几行、读了多少行、哪些列没有读（序号、备注）：
        """),
        code("""
            pd.DataFrame(review.rosters)
        """),
        md("""
            ## 2. 审计：与原文数字一致 *The audit gives the article's figures*
        """),
        code("""
            result = gk.audit(ds)
            city = result.to_dict()["mechanisms"]["city"]
            rates = result.to_dict()["coverage"]["rates"]
            print(f"驻点团队 {city['stationed_teams']} 个，"
                  f"解决问题 {city['issues_resolved']} 件；"
                  f"志愿服务队 {city['volunteer_teams']} 支，"
                  f"报到党员 {city['reporting_members']} 名；"
                  f"开展党建融合圈的社区 {city['running_circle']} 个")
            print({k: f"{v:.1%}" for k, v in rates.items()})
        """),
        md("""
            ## 3. 有问题的名册：审核清单 *A review*

            真实的名册总有错：信用代码输错一位、社区名称写错、单位类型写成名册里没有的说法、
            必填项空着、同一行录了两次。下面在名册副本里造几处这样的错误再导入：每一处都列出
            文件、工作表、行号（电子表格里看到的行号）、列、值、问题和最接近的候选，不会猜。
        """),
        code("""
            work = Path(tempfile.mkdtemp(prefix="graphkit-"))
            spoilt = work / "rosters"
            shutil.copytree("../data/sihui-rosters", spoilt)
            csv = spoilt / "市场监管局-单位登记.csv"
            lines = csv.read_bytes().decode("gbk").split("\\r\\n")
            lines[2] = lines[2].replace(",机关,", ",机关局,")       # 单位性质：没有这种说法
            lines[3] = lines[3].replace("华侨社区", "华桥社区")      # 社区名称写错
            i = next(i for i, line in enumerate(lines) if ",91441284" in line)
            lines[i] = lines[i].replace(",91441284", ",91441B84", 1)  # 信用代码输错一位
            lines.insert(5, lines[4])                                # 同一行录了两次
            csv.write_bytes("\\r\\n".join(lines).encode("gbk"))
            ds2, review2 = gk.import_rosters(spoilt)
            print("\\n".join(review2.lines()))
        """),
        code("""
            pd.DataFrame(review2.to_dict()["entries"])[
                ["file", "row", "column", "value", "problem", "candidates"]]
        """),
        md("""
            命令行不加 `--partial` 时，有任何问题都不写出文件（退出码 2），审核清单逐行打印在标准
            错误输出上；加 `--partial` 则跳过这些行和引用，照样写出数据集，并在旁边写出
            `review.json` 和 `review.xlsx`（可打印的清单）。
        """),
        md("""
            ## 4. 模板 *The template*

            `gk.write_rosters(ds, folder)`（命令行 `graphkit rosters DATASET --out 文件夹`）把数据集
            写成一个工作簿 `名册.xlsx`：每张名册一个工作表、标准表头（必填为红色）、类型和类别有
            下拉框、附填写说明。它也是发给各部门填写的模板；导入它得到同样的网络。
        """),
        code("""
            path, warnings = gk.write_rosters(ds, work / "template")
            back, review3 = gk.import_rosters(path)
            print(path.name, "；名册装不下的内容：", warnings[:3])
            print("重新导入：问题", len(review3.entries), "处；节点数相同：",
                  back.counts() == ds.counts(), "；关系数相同：", len(back.edges) == len(ds.edges))
        """),
        code("""
            shutil.rmtree(work)
        """),
    ]


# --- 08 explore (researchers) -----------------------------------------------------------
def explore() -> list[Cell]:
    return [
        md("""
            # 在笔记本里探索网络：可交互的网络视图

            *Explore the network inside the notebook: an interactive view (hover, click, search,
            zoom) of a community's circles, a street, the city's tie network or a detected
            cluster — offline, and saved as one HTML file.*

            `gk.view(...)` 返回一个小部件（widget）：在 JupyterLab、Notebook 7 和 VS Code 里
            直接显示，**不需要联网**（绘图代码 sigma.js 随 graphkit 安装，放在小部件里）。

            - 颜色来自统一配色（`graphkit.vocab`）：一核双圈角色、覆盖状态或类型；
            - 节点大小按所选指标（联结数、中介中心性、PageRank、党员数……）；
            - 鼠标悬停显示名称，点击节点显示详情和它的联结，搜索框按名称查找，
              滚轮或按钮缩放，点击图例可隐藏或显示一类；
            - `.save("x.html")` 把同一视图存成一个离线 HTML 文件，发给没有 Python 的同事。

            > 示例数据中除原文数字外均为虚构示意。*Illustrative sample.*
            > 内核工作目录是 `notebooks/`。*Paths are relative to `notebooks/`.*
        """),
        code("""
            import tempfile
            from pathlib import Path

            import graphkit as gk

            ds = gk.read_dataset("../data/sihui")
        """),
        md("""
            ## 1. 一个社区的"一核双圈" *One community's circles*

            核心（社区党组织）在中心，次核心圈、泛核心圈和未联动成员在外圈，外部共建单位在右侧；
            线是 SPEC 第 3 节的"联系"。点击一个节点看它的详情和联结。
        """),
        code("""
            v = gk.view(ds, community="沙田园社区")
            v
        """),
        md("""
            小部件的状态可以在 Python 里读写：`v.selected` 是点击选中的组织编号（在 Python 里赋值
            也会在图上选中并放大到它），`v.frame()` 是画出的节点表。
        """),
        code("""
            v.selected = v.frame().loc[0, "id"]  # 选中核心 / select the core
            print("选中 selected:", v.selected)
            v.frame()[["id", "name", "class", "size", "党员数", "联结数"]].head(8)
        """),
        md("""
            ## 2. 一个街道，按覆盖状态着色 *A street, coloured by coverage status*

            单位按覆盖状态着色（单独组建、联合组建、挂靠组建、选派指导员、未覆盖），
            党组织代表其所在单位（"单独组建"），其他党组织为灰色；节点大小是中介中心性
            （在全市联结网络上计算）。街道外与之有联结的组织也画出来。
        """),
        code("""
            gk.view(ds, area="东城街道", color="status", size="betweenness")
        """),
        md("""
            ## 3. 全市联结网络和检测到的聚类 *The city's tie network, a detected cluster*

            全市：每个党组织和没有自身党组织的单位，按力导向布局（固定种子：同一网络总是同一张图）。
            大的节点标出名称，放大后显示更多。
        """),
        code("""
            city = gk.view(ds)
            print(city.data["note"])
            city
        """),
        code("""
            clusters = gk.detect_communities(ds)  # Leiden，种子 0
            print("聚类数 clusters:", clusters.nunique())
            gk.view(ds, cluster=0, color="label")
        """),
        md("""
            ## 4. 存成离线 HTML *Save as one offline HTML file*

            文件自带绘图代码和所用汉字的字体子集，不发出任何网络请求，在没有中文字体的电脑上也能显示。
        """),
        code("""
            out = Path(tempfile.mkdtemp(prefix="graphkit-")) / "沙田园社区.html"
            v.save(out)
            print(out.name, f"{out.stat().st_size / 1e6:.1f} MB")
        """),
    ]


BUILDERS: dict[str, Callable[[], list[Cell]]] = {
    "01_quickstart.ipynb": quickstart,
    "02_planner_gaps.ipynb": planner_gaps,
    "03_neo4j.ipynb": neo4j,
    "04_measures.ipynb": measures,
    "05_plan.ipynb": plan,
    "06_snapshots.ipynb": snapshots,
    "07_rosters.ipynb": rosters,
    "08_explore.ipynb": explore,
}


def build(name: str) -> nbformat.NotebookNode:
    """The notebook `name` (a key of :data:`BUILDERS`), without outputs."""
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, (kind, text) in enumerate(BUILDERS[name]()):
        cell = new_markdown_cell(text) if kind == "md" else new_code_cell(text)
        cell.id = f"cell-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(name: str) -> str:
    """The file text of notebook `name`."""
    text = nbformat.writes(build(name))
    return text if text.endswith("\n") else text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when a notebook is missing or out of date")
    args = parser.parse_args(argv)
    stale = []
    for name in BUILDERS:
        path = NOTEBOOKS / name
        text = render(name)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            NOTEBOOKS.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(REPO)}")
    if args.check and stale:
        print("out of date (run scripts/make_notebooks.py): " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
