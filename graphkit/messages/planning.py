"""``graphkit plan``: help and messages."""

MESSAGES = {
    "cli.plan": {
        "zh": "为数据集 DATASET 的覆盖缺口制定补齐措施（SPEC 第 6 节）：单独建支部、联合建"
              "支部、挂靠和选派指导员，并给出措施完成后的预计覆盖率。\n\n"
              "每项措施由所在街道党工委（镇为镇党委）审批。--area / --community 只筛选列出的"
              "措施，不改变整个计划。",
        "en": "Plan the actions that close DATASET's coverage gaps (SPEC section 6): own "
              "branches, joint branches, affiliations and instructors, with the projected "
              "rates.\n\n"
              "The approver of every action is the street's Party working committee (town: "
              "Party committee). --area/--community restrict the listed actions, not the "
              "plan.",
    },
    "cli.plan.format": {
        "zh": "table：按街道和社区列出的中文措施清单；json：SPEC 第 6 节的文档（schema 1）；"
              "xlsx：工作清单（需要 --out）。",
        "en": "table: a Chinese action list by street and community; json: SPEC 6's document "
              "(schema 1); xlsx: a work list (needs --out).",
    },
    "cli.plan.out": {"zh": "把计划写入此文件，而不是标准输出。",
                     "en": "Write the plan to this file instead of standard output."},
    "cli.plan.apply": {"zh": "另把执行计划后的数据集写入 OUT_DIR。",
                       "en": "Also write the dataset with the plan carried out to OUT_DIR."},
    "cli.plan.scope": {"zh": "获得措施的单位（也是覆盖率的分母）：all 或 two_new。",
                       "en": "Units that get actions (and the rates' denominator): all or "
                             "two_new."},
    "cli.plan.min-branch-members": {"zh": "单位党员达到多少人单独建立党支部 [默认：3]。",
                                    "en": "Members from which a unit forms its own branch "
                                          "[default: 3]."},
    "cli.plan.max-joint-units": {"zh": "一个联合党支部最多覆盖的单位数 [默认：5]。",
                                 "en": "Units a joint branch covers at most [default: 5]."},
    "cli.plan.max-branch-members": {
        "zh": "一个联合党支部所覆盖单位的党员总数上限 [默认：50]。",
        "en": "Members of the units a joint branch covers, at most [default: 50].",
    },
    "cli.plan.instructor-capacity": {"zh": "一名指导员最多指导的单位数 [默认：3]。",
                                     "en": "Units one instructor guides at most [default: 3]."},
    "cli.plan.area": {
        "zh": "只列出这个街道（镇）的措施：编号、全称或唯一的简称（“东城”）；可重复。",
        "en": "List only the actions of this street/town: its id, full name or a unique "
              "short name (\"东城\"); repeatable.",
    },
    "cli.plan.community": {
        "zh": "只列出这个社区的措施：编号、全称或唯一的简称；可重复。",
        "en": "List only the actions of this community: its id, full name or a unique short "
              "name; repeatable.",
    },
    "plan.apply_overwrites_input": {"zh": "--apply {path} 会覆盖输入 {dataset}",
                                    "en": "--apply {path} would overwrite the input {dataset}"},
    "plan.out_in_apply": {"zh": "--out {out} 是 --apply {path} 中的文件",
                          "en": "--out {out} is a file of --apply {path}"},
    "plan.written": {"zh": "计划已写入 {path}", "en": "plan written to {path}"},
    "plan.applied": {
        "zh": "执行计划后的数据集已写入 {path}（{nodes} 个节点，{edges} 条关系）",
        "en": "planned dataset written to {path} ({nodes} nodes, {edges} relationships)",
    },
    "plan.summary": {
        "zh": "共 {actions} 项措施：单独建支部 {form_branch} 个，新建联合党支部 "
              "{new_joint_branches} 个，加入已有联合党组织的单位 {join_joint} 个，挂靠 "
              "{affiliate} 个，新派指导员 {new_instructors} 名",
        "en": "{actions} actions: {form_branch} own branches, {new_joint_branches} new joint "
              "branches, {join_joint} units joining existing ones, {affiliate} affiliations, "
              "{new_instructors} new instructors",
    },
    "plan.too_large": {
        "zh": "某社区有 {units} 个小单位、{sizes} 种不同的党员人数，规模太大，无法精确安排"
              "（{states:,} 种计数组合 > {limit:,}）；请调低 min_branch_members 或拆分该社区",
        "en": "a community with {units} small units of {sizes} different member counts is "
              "too large to place exactly ({states:,} count vectors > {limit:,}); lower "
              "min_branch_members or split the community",
    },
}
