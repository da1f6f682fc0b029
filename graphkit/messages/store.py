"""The Neo4j store: ``load``, ``export``, and what the store says when it fails."""

MESSAGES = {
    # --- load -----------------------------------------------------------------------------
    "cli.load": {
        "zh": "把数据集 DATASET 写入 Neo4j（幂等：按编号 MERGE）。\n\n"
              "每批数据是一个事务：中断的导入只留下完整的批次，再运行同一命令即可补全。用 "
              "--bulk 时改由 neo4j-admin 离线导入空数据库（它拒绝已有内容的数据库）。",
        "en": "Write DATASET into Neo4j (idempotent: MERGE on ids).\n\n"
              "Each batch is one transaction: an interrupted load leaves whole batches only, "
              "and running the same load again completes it. With --bulk, an empty database "
              "is loaded offline by neo4j-admin instead (it refuses a database that holds "
              "anything).",
    },
    "cli.opt.neo4j": {"zh": "Neo4j 地址 [默认：$NEO4J_URI]。",
                      "en": "Neo4j URI [default: $NEO4J_URI]."},
    "cli.load.replace": {
        "zh": "先删除 graphkit 的全部节点：之后数据库中恰好是 DATASET。",
        "en": "Delete every graphkit node first: the database then holds exactly DATASET.",
    },
    "cli.load.batch-size": {"zh": "每个写事务的行数。", "en": "Rows per write transaction."},
    "cli.load.bulk": {
        "zh": "用 neo4j-admin database import full 首次导入空数据库（离线，快很多倍）："
              "--neo4j-home 的服务器会先停止再重新启动。",
        "en": "Initial load of an empty database with neo4j-admin database import full "
              "(offline, many times faster): the server of --neo4j-home is stopped and "
              "started again.",
    },
    "cli.load.neo4j-home": {
        "zh": "配合 --bulk：URI 所指服务器的 Neo4j 安装目录（含 bin/neo4j、bin/neo4j-admin；"
              "本地服务器的是 .neo4j/home）[默认：$NEO4J_HOME]。",
        "en": "With --bulk: the Neo4j installation of the server at URI (bin/neo4j, "
              "bin/neo4j-admin; the local server's is .neo4j/home) [default: $NEO4J_HOME].",
    },
    "load.bulk_no_replace": {"zh": "--bulk 只导入空数据库：不能与 --replace 同用",
                             "en": "--bulk loads an empty database only: it cannot --replace"},
    "load.bulk_needs_home": {
        "zh": "--bulk 需要服务器的 Neo4j 安装目录：请给出 --neo4j-home DIR 或设置 NEO4J_HOME"
              "（本地服务器的是 .neo4j/home）",
        "en": "--bulk needs the server's Neo4j home: give --neo4j-home DIR or set NEO4J_HOME "
              "(the local server's is .neo4j/home)",
    },
    "load.interrupted": {
        "zh": "导入中断：{total} 条记录中已有 {committed} 条以完整批次提交；再运行同一条 "
              "`graphkit load` 即可补全",
        "en": "load interrupted: {committed} of {total} records committed in whole batches; "
              "run the same `graphkit load` again to complete it",
    },
    "load.done": {"zh": "已把 {nodes} 个节点和 {relationships} 条关系导入 {uri}",
                  "en": "loaded {nodes} nodes and {relationships} relationships into {uri}"},
    "load.replaced": {"zh": "（已替换）", "en": " (replaced)"},
    "load.retried": {"zh": "（重试 {n} 次后）", "en": " after {n} retries"},
    "load.bulk_step": {"zh": "批量导入：{step}", "en": "bulk load: {step}"},
    "load.bulk_done": {
        "zh": "已用 neo4j-admin database import full 把 {nodes} 个节点和 {relationships} 条"
              "关系导入 {uri}（{seconds:.1f} 秒）",
        "en": "loaded {nodes} nodes and {relationships} relationships into {uri} with "
              "neo4j-admin database import full ({seconds:.1f} s)",
    },
    # --- export ---------------------------------------------------------------------------
    "cli.export": {
        "zh": "把 Neo4j 数据库读回为数据集文件夹 OUT_DIR。\n\n"
              "除非给出 --with-personal-data，人员节点只保留编号和类型。",
        "en": "Read a Neo4j database back into a dataset folder OUT_DIR.\n\n"
              "Person nodes keep only their id and kind unless --with-personal-data is "
              "given.",
    },
    "export.done": {"zh": "已把 {nodes} 个节点和 {relationships} 条关系导出到 {path}",
                    "en": "exported {nodes} nodes and {relationships} relationships to {path}"},
    # --- the store (graphkit.adapters.store, _uri, _bulk) -----------------------------------
    "store.unknown_label": {"zh": "标签 {label!r} 不在 graphkit 的词汇表中",
                            "en": "label {label!r} is not in the graphkit vocabulary"},
    "store.unknown_type": {"zh": "关系类型 {type!r} 不在 graphkit 的词汇表中",
                           "en": "relationship type {type!r} is not in the graphkit vocabulary"},
    "store.bad_keys": {
        "zh": "{what}列名 {names} 不能作为 Neo4j 属性名：请只用字母、数字和下划线，且不以数字"
              "开头",
        "en": "{what} column name(s) {names} cannot be Neo4j property keys: use letters, "
              "digits and underscores, not starting with a digit",
    },
    "store.what.node": {"zh": "节点", "en": "node"},
    "store.what.edge": {"zh": "关系", "en": "edge"},
    "store.driver_credentials": {
        "zh": "已有的 neo4j.Driver 自带凭据：不要同时给出 user 或 password",
        "en": "an existing neo4j.Driver carries its own credentials: do not pass user or "
              "password with it",
    },
    "store.invalid_uri": {"zh": "Neo4j 地址 {uri!r} 无效：{detail}",
                          "en": "invalid Neo4j URI {uri!r}: {detail}"},
    "store.refused": {
        "zh": "{uri} 的 Neo4j 拒绝了{who}的凭据：请检查 NEO4J_USER 和 NEO4J_PASSWORD（或 "
              "--user/--password）",
        "en": "Neo4j at {uri} refused the credentials {who}: check NEO4J_USER and "
              "NEO4J_PASSWORD (or --user/--password)",
    },
    "store.who.user": {"zh": "用户 {user!r} ", "en": "of user {user!r}"},
    "store.who.driver": {"zh": "所给驱动程序", "en": "of the given driver"},
    "store.unreachable": {
        "zh": "无法连接 {uri} 的 Neo4j：服务器是否在运行并在那里监听？（{kind}）",
        "en": "cannot reach Neo4j at {uri}: is the server running and listening there? "
              "({kind})",
    },
    "store.lost": {"zh": "与 {uri} 的 Neo4j 失去连接：{kind}: {detail}",
                   "en": "lost the connection to Neo4j at {uri}: {kind}: {detail}"},
    "store.failed": {"zh": "{uri} 的 Neo4j 出错：{kind}: {detail}",
                     "en": "Neo4j at {uri} failed: {kind}: {detail}"},
    "store.retry": {
        "zh": "Neo4j 事务第 {attempt} 次尝试失败（{error}）；{delay:.1f} 秒后重试",
        "en": "Neo4j transaction attempt {attempt} failed ({error}); retrying in "
              "{delay:.1f} s",
    },
    "store.batch_size": {"zh": "批大小必须 >= 1，实际为 {n}",
                         "en": "batch size must be >= 1, got {n}"},
    "store.load_taken_over": {
        "zh": "之前向 {uri} 的 graphkit 导入（开始于 {since}）没有完成或仍在进行；本次导入"
              "将接替它",
        "en": "an earlier graphkit load into {uri} (started {since}) did not finish or is "
              "still running; this load takes over",
    },
    "store.removed": {"zh": "导入前删除了 {n} 个节点", "en": "removed {n} nodes before loading"},
    "store.progress": {"zh": "正在导入 Neo4j", "en": "loading into Neo4j"},
    "store.load_overtaken": {
        "zh": "本次导入期间另一个向 {uri} 的 graphkit 导入开始了；它完成后数据集即可使用",
        "en": "another graphkit load into {uri} started while this one ran; the dataset is "
              "ready when that one finishes",
    },
    "store.step.files": {"zh": "正在写出 {nodes} 个节点和 {edges} 条关系的导入文件",
                         "en": "writing the import files of {nodes} nodes and {edges} "
                               "relationships"},
    "store.step.stop": {"zh": "正在停止 {home} 的 Neo4j 服务器",
                        "en": "stopping the Neo4j server of {home}"},
    "store.step.import": {
        "zh": "正在导入数据库 {database!r}（neo4j-admin database import full）",
        "en": "importing into database {database!r} (neo4j-admin database import full)",
    },
    "store.step.start": {"zh": "正在启动 Neo4j 服务器", "en": "starting the Neo4j server"},
    "store.step.constraints": {"zh": "正在建立唯一性约束",
                               "en": "creating the uniqueness constraints"},
    "store.still_answers": {
        "zh": "{home} 的服务器停止后，{uri} 的 Neo4j 仍在应答：--neo4j-home 必须是该地址所指"
              "服务器的安装目录（该服务器已重新启动；没有导入任何内容）",
        "en": "Neo4j at {uri} still answers after the server of {home} was stopped: "
              "--neo4j-home must be the home of the server at the URI (that server was "
              "started again; nothing was imported)",
    },
    "store.bulk_mismatch": {"zh": "向 {uri} 的批量导入得到 {have}，而不是 {want}",
                            "en": "the bulk import into {uri} holds {have}, not {want}"},
    "store.not_empty": {
        "zh": "{uri} 的 Neo4j 数据库 {database!r} 不是空的（其中有{what}）：--bulk"
              "（neo4j-admin database import full）只导入空数据库并替换它；请改用 `graphkit "
              "load`（幂等；用 --replace 使数据库恰好是该数据集）",
        "en": "Neo4j database {database!r} at {uri} is not empty (it holds {what}): --bulk "
              "(neo4j-admin database import full) loads an empty database only, replacing "
              "it; use `graphkit load` (idempotent, --replace to hold exactly the dataset) "
              "instead",
    },
    "store.holds_nodes": {"zh": " {n} 个节点", "en": "{n} nodes"},
    "store.holds_schema": {"zh": "索引或约束 {names}",
                           "en": "the index(es) or constraint(s) {names}"},
    "store.no_answer": {
        "zh": "{uri} 的 Neo4j 启动后 {timeout:.0f} 秒内没有应答（{kind}）",
        "en": "Neo4j at {uri} did not answer within {timeout:.0f} s of its start ({kind})",
    },
    "store.busy.changed_short": {
        "zh": "读取期间数据集发生了变化（有并发的 graphkit 导入或清除）",
        "en": "the dataset changed while it was read (a concurrent graphkit load or clear)",
    },
    "store.busy.loading_short": {"zh": "有 graphkit 导入或清除正在进行",
                                 "en": "a graphkit load or clear is in progress"},
    "store.busy.changed": {
        "zh": "{uri} 的 Neo4j 中的 graphkit 数据集在读取期间发生了变化（尝试 {attempts} 次；"
              "有并发的 `graphkit load` 或清除）：请待其完成后再读取",
        "en": "the graphkit dataset in Neo4j at {uri} changed while it was read ({attempts} "
              "attempts; a concurrent `graphkit load` or clear): read it again when that is "
              "done",
    },
    "store.busy.loading": {
        "zh": "{uri} 的 Neo4j 中有未完成的 graphkit 导入或清除（开始于 {since}）：它仍在进行"
              "或已中断；请等它完成，或再运行同一条 `graphkit load` 补全",
        "en": "Neo4j at {uri} holds an unfinished graphkit load or clear (started {since}): "
              "it is still in progress or was interrupted; wait for it to finish, or run the "
              "same `graphkit load` again to complete it",
    },
    "store.busy.unknown_time": {"zh": "时间不详", "en": "at an unknown time"},
    "store.no_uri": {"zh": "没有 Neo4j 地址：请给出地址或设置 NEO4J_URI",
                     "en": "no Neo4j URI: pass one or set NEO4J_URI"},
    "uri.example": {"zh": "（例如 bolt://localhost:7687）", "en": " (e.g. bolt://localhost:7687)"},
    "uri.unparsable": {"zh": "Neo4j 地址无效：{detail}{example}",
                       "en": "invalid Neo4j URI: {detail}{example}"},
    "uri.scheme": {
        "zh": "Neo4j 地址 {uri!r} 无效：应为 bolt://、neo4j://（或其 +s/+ssc 变体）加主机名"
              "{example}",
        "en": "invalid Neo4j URI {uri!r}: expected bolt://, neo4j:// (or a +s/+ssc variant) "
              "and a host{example}",
    },
    "uri.port": {"zh": "Neo4j 地址 {uri!r} 无效：端口 {port!r} 不是 1..65535 之间的数字{example}",
                 "en": "invalid Neo4j URI {uri!r}: the port {port!r} is not a number "
                       "1..65535{example}"},
    "uri.no_host": {"zh": "Neo4j 地址 {uri!r} 无效：没有主机名{example}",
                    "en": "invalid Neo4j URI {uri!r}: no host{example}"},
    "uri.bad_host": {"zh": "Neo4j 地址 {uri!r} 无效：{host!r} 不是主机名或地址{example}",
                     "en": "invalid Neo4j URI {uri!r}: {host!r} is not a host name or "
                           "address{example}"},
    "uri.path": {
        "zh": "Neo4j 地址 {uri!r} 无效：Neo4j 地址没有路径或片段（用 --database 选择数据库）"
              "{example}",
        "en": "invalid Neo4j URI {uri!r}: a Neo4j URI has no path or fragment (choose the "
              "database with --database){example}",
    },
    "bulk.not_home": {
        "zh": "{path} 不是 Neo4j 安装目录：没有可执行的 {missing}（请用 --neo4j-home 或 "
              "NEO4J_HOME 给出 Neo4j 安装文件夹；scripts/neo4j 的本地服务器是 .neo4j/home）",
        "en": "{path} is not a Neo4j home: no executable {missing} (give the folder of the "
              "Neo4j installation with --neo4j-home or NEO4J_HOME; for the local server of "
              "scripts/neo4j it is .neo4j/home)",
    },
    "bulk.or": {"zh": " 或 ", "en": " or "},
    "bulk.not_local": {
        "zh": "{uri} 的 Neo4j 把数据库放在 {path}，本机上没有这个文件夹：--bulk 只能导入本机"
              "服务器（--neo4j-home 是它的安装目录）；远程服务器请用不带 --bulk 的 graphkit load",
        "en": "Neo4j at {uri} keeps its databases in {path}, which is not a folder on this "
              "machine: --bulk imports into a local server only (--neo4j-home is its home); "
              "for a remote server use graphkit load without --bulk",
    },
    "bulk.not_found": {
        "zh": "neo4j-admin 导入后找不到 {paths}（未改动数据库；服务器已重新启动）",
        "en": "{paths} not found after neo4j-admin's import (the database was not changed; "
              "the server was started again)",
    },
    "bulk.swap_failed": {
        "zh": "无法把导入的数据库放到数据库 {name!r} 的位置：{detail}（未改动数据库；"
              "服务器已重新启动）",
        "en": "could not put the imported database in the place of database {name!r}: "
              "{detail} (the database was not changed; the server was started again)",
    },
    "bulk.failed": {"zh": "{what} 失败（退出码 {code}）：{tail}",
                    "en": "{what} failed (exit {code}): {tail}"},
}
