"""Commands on dataset files — ``validate``, ``convert``, ``keygen``, ``synth`` — and what
they say."""

MESSAGES = {
    # --- validate -------------------------------------------------------------------------
    "cli.validate": {
        "zh": "报告数据集 DATASET（文件夹或 .xlsx 工作簿）的全部错误和警告。\n\n"
              "数据集有效时退出码为 0，发现错误（或在 --strict 下发现警告）时为 2。",
        "en": "Report every error and warning of DATASET (a folder or an .xlsx workbook).\n\n"
              "Exit 0 when valid, 2 when an error was found (or a warning, with --strict).",
    },
    "cli.validate.format": {
        "zh": "text：每个问题一行（数据集不合格时写到标准错误）；json：一份文档，无论结论"
              "如何总是写到标准输出（或 --out）。",
        "en": "text: one line per problem (on stderr when the dataset fails); json: one "
              "document, always on standard output (or --out), whatever the verdict.",
    },
    "cli.validate.out": {"zh": "把报告写入此文件，而不是标准输出。",
                         "en": "Write the report to this file instead of standard output."},
    "cli.validate.strict": {"zh": "把警告当作错误（退出码 2）。",
                            "en": "Treat warnings as errors (exit 2)."},
    "validate.verdict_valid": {
        "zh": "{dataset}：有效（{errors} 个错误，{warnings} 个警告）",
        "en": "{dataset}: valid ({errors} error(s), {warnings} warning(s))",
    },
    "validate.verdict_invalid": {
        "zh": "{dataset}：无效（{errors} 个错误，{warnings} 个警告）",
        "en": "{dataset}: invalid ({errors} error(s), {warnings} warning(s))",
    },
    "validate.written": {"zh": "校验报告已写入 {path}",
                         "en": "validation report written to {path}"},
    # --- convert --------------------------------------------------------------------------
    "cli.convert": {
        "zh": "把数据集 DATASET 写成 Gephi 或 Cytoscape 的图文件：OUT.graphml 或 OUT.gexf。"
              "\n\n除非给出 --with-personal-data，人员节点只保留编号和类型。",
        "en": "Write DATASET as a graph file for Gephi or Cytoscape: OUT.graphml or "
              "OUT.gexf.\n\nPerson nodes keep only their id and kind unless "
              "--with-personal-data is given.",
    },
    "convert.overwrites_input": {"zh": "{out} 会覆盖 {dataset} 的输入文件",
                                 "en": "{out} would overwrite an input file of {dataset}"},
    "convert.written": {
        "zh": "已把 {nodes} 个节点和 {edges} 条关系写入 {path}",
        "en": "wrote {nodes} nodes and {edges} relationships to {path}",
    },
    "cli.convert.organizations": {
        "zh": "只写组织联结网络（党组织和单位，不含人员），带审计结果、布局位置和配色，供 "
              "Gephi 打开；OUT 须为 .gexf。",
        "en": "Write only the tie network of organizations and units (no members), with the "
              "audit's results, layout positions and colours, for Gephi; OUT must be .gexf.",
    },
    "convert.organizations_gexf": {
        "zh": "{name}：--organizations 写的是 GEXF（OUT.gexf，供 Gephi 打开）",
        "en": "{name}: --organizations writes GEXF (OUT.gexf, for Gephi)",
    },
    "convert.organizations_written": {
        "zh": "已把组织和单位的联结网络写入 {path}",
        "en": "wrote the tie network of organizations and units to {path}",
    },
    # --- keygen ---------------------------------------------------------------------------
    "cli.keygen": {
        "zh": "生成文件 KEYFILE，存放供 --pseudonymize 使用的新随机密钥（仅本人可读，绝不"
              "覆盖已有文件）。请妥善保存：同一密钥在每期快照中给出同样的假名。",
        "en": "Create KEYFILE holding a new random key for --pseudonymize (owner-only, never "
              "overwritten). Keep it: the same key gives the same pseudonyms in every "
              "snapshot.",
    },
    "keygen.written": {"zh": "新密钥已写入 {path}（仅你本人可读）",
                       "en": "wrote a new key to {path} (readable by you only)"},
    # --- synth ----------------------------------------------------------------------------
    "cli.synth": {
        "zh": "把一个有 UNITS 个单位的合成城市数据集写入 OUT_DIR（同一随机种子结果相同），"
              "或用 --evolve OLD_DIR 写出 OLD_DIR 合理的下一期快照。",
        "en": "Write a synthetic city dataset with UNITS units to OUT_DIR (deterministic per "
              "seed), or with --evolve OLD_DIR a plausible next snapshot of OLD_DIR.",
    },
    "cli.synth.units": {
        "zh": "单位数（覆盖率的分母），1..{synth_max_units}；不用 --evolve 时必填。",
        "en": "Number of units (the coverage denominator), 1..{synth_max_units}; required "
              "without --evolve.",
    },
    "cli.synth.seed": {"zh": "随机种子。", "en": "Random seed."},
    "cli.synth.evolve": {
        "zh": "改为写出数据集 OLD_DIR 的下一期快照：新增和关闭的单位、新建的党支部、新派的"
              "指导员，以及一些倒退。",
        "en": "Write the next snapshot of the dataset OLD_DIR instead: new and closed units, "
              "branches formed, instructors assigned, some regressions.",
    },
    "synth.needs_units": {"zh": "synth 需要 --units N（或 --evolve OLD_DIR）",
                          "en": "synth needs --units N (or --evolve OLD_DIR)"},
    "synth.is_old_snapshot": {"zh": "{path} 就是上一期快照：请把下一期写到别处",
                              "en": "{path} is the old snapshot: write the next one elsewhere"},
    "synth.written": {
        "zh": "已把 {nodes} 个节点和 {edges} 条关系（{units} 个单位、{communities} 个社区、"
              "{areas} 个区域）写入 {path}",
        "en": "wrote {nodes} nodes and {edges} relationships ({units} units, {communities} "
              "communities, {areas} areas) to {path}",
    },
    "synth.evolved": {
        "zh": "已把 {nodes} 个节点和 {edges} 条关系写入 {path}（{units} 个单位：新增 "
              "{units_added} 个、关闭 {units_closed} 个；新建党支部 {branches_formed} 个、"
              "联合党支部 {joint_branches_formed} 个；新派指导员 {instructors_assigned} 名；"
              "倒退 {regressions} 处）",
        "en": "wrote {nodes} nodes and {edges} relationships ({units} units: {units_added} "
              "new, {units_closed} closed, {branches_formed} branches and "
              "{joint_branches_formed} joint branches formed, {instructors_assigned} "
              "instructors assigned, {regressions} regressions) to {path}",
    },
    "convert.ids_collide": {
        "zh": "有两个节点编号在显示控制字符后相同；请先改名再写图文件",
        "en": "two node ids are equal once their control characters are shown; rename them "
              "before writing a graph file",
    },
    "convert.suffix": {"zh": "{name}：图文件应以 .graphml 或 .gexf 结尾",
                       "en": "{name}: a graph file ends in .graphml or .gexf"},
    "convert.would_not_parse": {
        "zh": "{name}：这个 {suffix} 文件将无法解析（{detail}）；没有写入任何内容",
        "en": "{name}: the {suffix} file would not parse ({detail}); nothing was written",
    },
    "convert.dynamic": {"zh": "{name}：GEXF 图会成为动态图；没有写入任何内容",
                        "en": "{name}: the GEXF graph would be dynamic; nothing was written"},
    "synth.no_space": {
        "zh": "{units:,} 个单位约需 {need:,.0f} MB，而那里只剩 {free:,.0f} MB",
        "en": "{units:,} units need about {need:,.0f} MB and only {free:,.0f} MB are free "
              "there",
    },
    # --- members' personal data (graphkit.network.privacy) --------------------------------
    "privacy.key_unreadable": {"zh": "无法读取密钥文件 {path}：{reason}",
                               "en": "cannot read the key file {path}: {reason}"},
    "privacy.key_short": {
        "zh": "密钥文件 {path} 只有 {n} 字节；密钥至少需要 {min} 字节（用 `graphkit keygen "
              "KEYFILE` 生成）",
        "en": "key file {path} holds {n} byte(s); a key needs at least {min} (create one "
              "with `graphkit keygen KEYFILE`)",
    },
    "privacy.key_exists": {"zh": "{path} 已存在：graphkit 绝不覆盖密钥文件",
                           "en": "{path} exists: graphkit never overwrites a key file"},
    "privacy.key_too_short": {"zh": "假名化密钥至少需要 {min} 字节",
                              "en": "a pseudonymization key needs at least {min} bytes"},
}
