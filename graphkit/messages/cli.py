"""The command line: the group's help, the options commands share, and what ``main``
says whatever the command (errors, exit messages). Keys: see :mod:`graphkit.messages`."""

MESSAGES = {
    # --- the group ------------------------------------------------------------------------
    "cli": {
        "zh": "graphkit：审计基层党建网络的党的组织覆盖和工作覆盖，以及社区“一核双圈”党建"
              "融合圈的联动情况。\n\n"
              "每个命令的用法：graphkit 命令 -h。默认输出中文；--lang en 或环境变量 "
              "GRAPHKIT_LANG=en 输出英文。",
        "en": "graphkit: audit Party organization and Party work coverage and the \"one core, "
              "two circles\" linkage of a grassroots Party-building network.\n\n"
              "The usage of each command: graphkit COMMAND -h. Chinese by default; --lang en "
              "or GRAPHKIT_LANG=en gives English.",
    },
    "cli.version": {"zh": "graphkit，版本 {version}", "en": "graphkit, version {version}"},
    "cli.usage.options": {"zh": "[选项]", "en": "[OPTIONS]"},
    "cli.usage.command": {"zh": "命令 [参数]...", "en": "COMMAND [ARGS]..."},
    # --- options several commands share ---------------------------------------------------
    "cli.opt.help": {"zh": "显示本帮助并退出。", "en": "Show this message and exit."},
    "cli.opt.version": {"zh": "显示版本号并退出。", "en": "Show the version and exit."},
    "cli.opt.lang": {
        "zh": "输出语言：中文 (zh) 或英文 (en)，含帮助、提示和校验信息 [默认：环境变量 "
              "$GRAPHKIT_LANG，否则 zh]。",
        "en": "Language of help, messages and validation problems: 中文 (zh) or English (en) "
              "[default: $GRAPHKIT_LANG, else zh].",
    },
    "cli.opt.all-problems": {
        "zh": "列出全部校验问题（默认：每个文件每类问题只列前 {problems_per_kind} 个）。",
        "en": "Print every validation problem (default: the first {problems_per_kind} of each kind "
              "per file).",
    },
    "cli.opt.engine": {
        "zh": "规则在哪里运行：DuckDB（嵌入式，内存不够时写临时盘）、Polars（嵌入式）或 Spark"
              "（需要 graphkit[spark] 和 Java 17）。",
        "en": "Where the rules run: DuckDB (embedded, spills to disk), Polars (embedded) or "
              "Spark (needs graphkit[spark] and Java 17).",
    },
    "cli.opt.spark-master": {
        "zh": "配合 --engine spark：Spark 主节点（local[2]、spark://host:7077 等）[默认："
              "local[N]，N 为本机核数]。",
        "en": "With --engine spark: the Spark master (local[2], spark://host:7077, ...) "
              "[default: local[N], N the cores of this machine].",
    },
    "cli.opt.user": {"zh": "Neo4j 用户名 [默认：$NEO4J_USER，否则 neo4j]。",
                     "en": "Neo4j user [default: $NEO4J_USER, else neo4j]."},
    "cli.opt.password": {"zh": "Neo4j 密码 [默认：$NEO4J_PASSWORD]。不会显示。",
                         "en": "Neo4j password [default: $NEO4J_PASSWORD]. Never printed."},
    "cli.opt.database": {"zh": "Neo4j 数据库名 [默认：服务器的默认数据库]。",
                         "en": "Neo4j database name [default: the server's default]."},
    "cli.opt.timeout": {"zh": "连接 Neo4j 的超时（秒）。",
                        "en": "Neo4j connection timeout in seconds."},
    "cli.opt.retry-time": {
        "zh": "Neo4j 事务遇到暂时性错误时持续重试的秒数（退避加随机抖动；每次重试都会提示）。",
        "en": "Seconds to keep retrying a Neo4j transaction after transient errors (backoff "
              "with jitter; each retry is reported).",
    },
    "cli.opt.pseudonymize": {
        "zh": "用带密钥的 HMAC 假名替换人员（Person）的编号和姓名（同一密钥得到同样的假名；"
              "用 `graphkit keygen` 生成密钥）。",
        "en": "Replace Person ids and names by keyed HMAC pseudonyms (stable for the same "
              "key; create one with `graphkit keygen`).",
    },
    "cli.opt.with-personal-data": {
        "zh": "写出人员的全部属性（姓名、电话等）。默认人员只保留编号和类型。",
        "en": "Write every Person attribute (names, phone numbers, ...). By default a Person "
              "keeps only its id and kind.",
    },
    "cli.opt.scope": {"zh": "覆盖率分母中的单位：全部 (all) 或两新组织 (two_new)。",
                      "en": "Units in the coverage denominator: all or two-new (two_new)."},
    "cli.opt.min-branch-members": {
        "zh": "单位党员达到多少人应单独建立党支部 [默认：3]。",
        "en": "Members from which a unit should form its own branch [default: 3].",
    },
    "cli.opt.sub-core-min-rating": {
        "zh": "进入次核心圈的党组织最低星级 [默认：4]。",
        "en": "Lowest PartyOrg rating for the sub-core circle [default: 4].",
    },
    # --- what main() and every command say ------------------------------------------------
    "cli.error": {"zh": "错误：{message}", "en": "error: {message}"},
    "cli.warning": {"zh": "警告：{message}", "en": "warning: {message}"},
    "cli.written": {"zh": "已写入 {path}", "en": "written to {path}"},
    "cli.report_written": {"zh": "报告已写入 {path}", "en": "report written to {path}"},
    "cli.aborted": {"zh": "已中止", "en": "aborted"},
    "cli.terminated": {"zh": "已中止（收到 {signal}）", "en": "aborted ({signal} received)"},
    "cli.invalid_dataset": {
        "zh": "数据集无效：{n} 个错误；未写出任何文件",
        "en": "invalid dataset: {n} error(s); nothing was written",
    },
    "cli.invalid_snapshot": {
        "zh": "{role} 快照 {dataset} 无效：{n} 个错误；未作比较，未写出任何文件",
        "en": "{role} snapshot {dataset} is invalid: {n} error(s); nothing was compared or "
              "written",
    },
    "cli.pseudonyms_shown": {
        "zh": "（在 --pseudonymize 下，这些信息中的值显示为假名；`graphkit validate DATASET` "
              "显示原值）",
        "en": "(values in these messages are shown as pseudonyms under --pseudonymize; "
              "`graphkit validate DATASET` shows them)",
    },
    "cli.more_problems": {
        "zh": "{file}: ... 另有 {n} 个同类问题（--all-problems 显示全部）",
        "en": "{file}: ... and {n} more of this kind (--all-problems shows every one)",
    },
    "cli.cannot_write": {"zh": "无法写入{where}：{reason}", "en": "cannot write{where}: {reason}"},
    "cli.out_of_memory": {
        "zh": "本机内存不足以处理这个数据集；请用 --engine spark，或换一台内存更大的机器",
        "en": "not enough memory for this dataset on this machine; audit it with --engine "
              "spark, or on a machine with more memory",
    },
    "cli.bug": {
        "zh": "graphkit 意外出错（{kind}：{detail}）；这是程序缺陷，请连同命令行一起报告"
              "（GRAPHKIT_DEBUG=1 显示调用栈）",
        "en": "graphkit failed unexpectedly ({kind}: {detail}); this is a bug, please report "
              "it with the command line (GRAPHKIT_DEBUG=1 shows the traceback)",
    },
    "cli.not_a_number": {"zh": "{value!r} 不是数字", "en": "{value!r} is not a number"},
    "cli.integer": {"zh": "整数", "en": "integer"},
    "cli.not_finite": {"zh": "{value!r} 不是有限的数字", "en": "{value!r} is not a finite number"},
    "cli.needs_out": {
        "zh": "--format {fmt} 写出的是{what}：请给出 --out PATH",
        "en": "--format {fmt} writes {what}: give --out PATH",
    },
    "cli.needs_out_pipe": {
        "zh": "--format {fmt} 写出的是二进制文件：请给出 --out PATH（或用 --out - 输出到管道）",
        "en": "--format {fmt} writes a binary file: give --out PATH (or --out - into a pipe)",
    },
    "cli.binary_file": {"zh": "二进制文件", "en": "a binary file"},
    "cli.a_folder": {"zh": "文件夹", "en": "a folder"},
    "cli.overwrites_input": {
        "zh": "--out {out} 会覆盖 {dataset} 的输入文件",
        "en": "--out {out} would overwrite an input file of {dataset}",
    },
    "cli.exclusive": {"zh": "{a} 与 {b} 不能同时使用", "en": "{a} and {b} exclude each other"},
    "cli.spark_master_needs_spark": {"zh": "--spark-master 需要 --engine spark",
                                     "en": "--spark-master needs --engine spark"},
}
