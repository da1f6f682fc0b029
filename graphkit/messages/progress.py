"""``graphkit progress`` (SPEC section 10) and the work list read back: help and messages."""

MESSAGES = {
    # --- the command ----------------------------------------------------------------------
    "cli.progress": {
        "zh": "核验整改计划的落实情况：计划 PLAN 的每项措施在后一期快照 NEW 中是否已经做到"
              "（已完成、部分完成、未完成、单位已不在），街道在工作清单中填报的进展，以及两者"
              "不一致之处（报已完成但数据未体现、已完成但未报、逾期未完成）；按措施类型和街道"
              "汇总，并对照计划预计的覆盖率与实际覆盖率。\n\n"
              "PLAN 是 graphkit plan DATASET --format json --out plan.json 写出的计划；NEW 是"
              "文件夹、.xlsx 工作簿或 neo4j://... 地址。有不一致时退出码仍为 0，除非给出 "
              "--fail-on-discrepancy。",
        "en": "Check how far a plan was carried out: whether each action of PLAN shows in the "
              "later snapshot NEW (done, partly done, not done, gone), what the streets "
              "reported in the work list, and where the two disagree (reported done but not "
              "in the data, done but not reported, overdue); counted per action kind and "
              "street, with the plan's projected rates against the actual ones.\n\n"
              "PLAN is the plan written by graphkit plan DATASET --format json --out "
              "plan.json; NEW a folder, an .xlsx workbook or a neo4j://... URI. The exit code "
              "is 0 whatever the discrepancies, unless --fail-on-discrepancy.",
    },
    "cli.progress.format": {
        "zh": "table：一屏的中文汇总；json：SPEC 第 10 节的文档；markdown、html（离线网页）、"
              "xlsx（核验清单，需要 --out）。",
        "en": "table: a one-screen Chinese summary; json: SPEC section 10's document; "
              "markdown, html (an offline page), xlsx (the checked work list, needs --out).",
    },
    "cli.progress.out": {
        "zh": "把报告写入此文件，而不是标准输出。",
        "en": "Write the report to this file instead of standard output.",
    },
    "cli.progress.worklist": {
        "zh": "街道填报后的工作清单（计划的 .xlsx 工作清单）：读取“进展”和“完成时限”，"
              "按隐藏的 action_id 列、单位编号或序号与计划的措施对应；读不了的行逐一列出。",
        "en": "The work list as the streets filled it in (the plan's .xlsx work list): its "
              "进展 and 完成时限, matched to the plan's actions by the hidden action_id column, "
              "the unit ids or 序号; every row that cannot be read is named.",
    },
    "cli.progress.fail-on-discrepancy": {
        "zh": "存在任何不一致（报已完成但数据未体现、已完成但未报、逾期未完成）时退出码为 1。",
        "en": "Exit 1 when there is any discrepancy (reported done but not in the data, done "
              "but not reported, overdue).",
    },
    "cli.progress.detail": {
        "zh": "table：列出全部措施和工作清单中读不了的格子（默认：一屏的汇总）。",
        "en": "table: list every action and every cell of the work list that could not be "
              "read (default: the one-screen summary).",
    },
    "progress.detail_table": {
        "zh": "--detail 只用于 --format table（其他格式包含全部内容）",
        "en": "--detail applies to --format table (the other formats hold everything)",
    },
    # --- what it says ---------------------------------------------------------------------
    "progress.summary": {
        "zh": "{n} 项措施：已完成 {done}，部分完成 {partly_done}，未完成 {not_done}，单位已不在 "
              "{gone}；不一致 {discrepancies} 项",
        "en": "{n} actions: {done} done, {partly_done} partly done, {not_done} not done, "
              "{gone} gone; {discrepancies} discrepancies",
    },
    "progress.discrepancy_exit": {
        "zh": "存在不一致：{what}",
        "en": "discrepancies: {what}",
    },
    "progress.worklist_problems": {
        "zh": "工作清单 {file} 有 {n} 处无法读取或对应（其余已读取）：",
        "en": "the work list {file} has {n} cell(s) that could not be read or matched (the "
              "rest was read):",
    },
    "progress.no_snapshot": {
        "zh": "NEW 没有快照日期（dataset.json 的 snapshot），无法判断是否逾期",
        "en": "NEW has no snapshot date (snapshot in dataset.json): nothing can be overdue",
    },
    "progress.overwrites_input": {
        "zh": "--out {out} 会覆盖输入文件",
        "en": "--out {out} would overwrite an input file",
    },
    # --- the plan document ----------------------------------------------------------------
    "progress.plan_hint": {
        "zh": "请用 graphkit plan DATASET --format json --out plan.json 生成计划",
        "en": "make one with graphkit plan DATASET --format json --out plan.json",
    },
    "progress.plan_missing": {
        "zh": "找不到计划文件 {path}", "en": "no such plan file: {path}",
    },
    "progress.plan_folder": {
        "zh": "{path} 是文件夹，不是计划文件；{hint}",
        "en": "{path} is a folder, not a plan document; {hint}",
    },
    "progress.plan_not_json": {
        "zh": "{path} 不是 JSON 文件（{detail}）；{hint}",
        "en": "{path} is not a JSON document ({detail}); {hint}",
    },
    "progress.plan_invalid": {
        "zh": "{path} 不是有效的计划文档（SPEC 第 6 节）：{problems}。{hint}",
        "en": "{path} is not a valid plan document (SPEC section 6): {problems}. {hint}",
    },
    "progress.plan_type": {
        "zh": "progress() 需要 Plan、计划的 JSON 文档（dict）或其路径，实为 {kind}",
        "en": "progress() needs a Plan, a plan's JSON document (a dict) or the path of one, "
              "got {kind}",
    },
    "progress.new_type": {
        "zh": "progress() 需要后一期快照：Dataset、图或数据集路径，实为 {kind}",
        "en": "progress() needs the later snapshot as a Dataset, a graph or a dataset path, "
              "got {kind}",
    },
    "progress.plan.not_object": {"zh": "不是 JSON 对象", "en": "not a JSON object"},
    "progress.plan.schema": {"zh": "schema 应为 {want}，实为 {got}",
                             "en": "schema must be {want}, got {got}"},
    "progress.plan.no_actions": {"zh": "没有 actions 列表", "en": "no actions list"},
    "progress.plan.an_audit": {"zh": "这是审计报告，不是计划",
                               "en": "this is an audit report, not a plan"},
    "progress.plan.action_not_object": {"zh": "actions[{i}] 不是对象",
                                        "en": "actions[{i}] is not an object"},
    "progress.plan.action_kind": {"zh": "actions[{i}].action {got} 不是 {allowed} 之一",
                                  "en": "actions[{i}].action {got} is not one of {allowed}"},
    "progress.plan.action_units": {
        "zh": "actions[{i}].units 应为非空的单位编号列表，实为 {got}",
        "en": "actions[{i}].units must be a non-empty list of unit ids, got {got}",
    },
    "progress.plan.action_place": {
        "zh": "actions[{i}].{key} 应为编号或 null，实为 {got}",
        "en": "actions[{i}].{key} must be an id or null, got {got}",
    },
    "progress.plan.settings": {"zh": "settings 不是对象", "en": "settings is not an object"},
    "progress.plan.scope": {"zh": "settings.scope {got} 不是 all、two_new 或单位类型",
                            "en": "settings.scope {got} is not all, two_new or unit kinds"},
    "progress.plan.projected": {
        "zh": "projected 不是 SPEC 第 6 节的预计覆盖率",
        "en": "projected is not the projected coverage of SPEC section 6",
    },
    "progress.plan.more": {"zh": "另有 {n} 处", "en": "and {n} more"},
    # --- the filled work list -------------------------------------------------------------
    "worklist.no_file": {"zh": "找不到工作清单 {path}", "en": "no such work list: {path}"},
    "worklist.not_xlsx": {
        "zh": "无法读取工作清单 {file}：不是 .xlsx 工作簿（{detail}）；请在表格软件中另存为 "
              "Excel 工作簿（.xlsx）后再试",
        "en": "cannot read the work list {file}: not an .xlsx workbook ({detail}); save it "
              "as an Excel workbook (.xlsx) in a spreadsheet program and try again",
    },
    "worklist.too_big": {
        "zh": "工作清单 {file} 解压后为 {size:,} 字节，超过上限 {limit:,}：它不是一份工作清单，"
              "或者夹带了别的内容；请只保留工作清单的工作表",
        "en": "the work list {file} expands to {size:,} bytes, over the limit of {limit:,}: "
              "it is no work list, or carries something else; keep only the work list's "
              "sheets",
    },
    "worklist.no_sheet": {
        "zh": "{file} 中没有工作清单：任何工作表都没有“进展”列；请填写 graphkit plan DATASET "
              "--format xlsx 生成的工作清单",
        "en": "{file} holds no work list: no sheet has a 进展 column; fill in the work list "
              "of graphkit plan DATASET --format xlsx",
    },
    "worklist.sheet_not_read": {
        "zh": "这个工作表没有“进展”列，未读取；如果它是工作清单，请恢复表头（序号、单位编号、"
              "完成时限、进展……）",
        "en": "this sheet has no 进展 column and was not read; if it is a work list, restore "
              "its header (序号, 单位编号, 完成时限, 进展, ...)",
    },
    "worklist.bad_action_id": {
        "zh": "action_id 是计划措施的编号（隐藏列，从 0 起的整数），被改写了：请恢复原值，或"
              "清空这一格（再按单位编号或序号对应）",
        "en": "action_id is the number of the plan's action (a hidden column, a whole number "
              "from 0) and was typed over: restore it, or clear the cell (the row is then "
              "matched by its unit ids or 序号)",
    },
    "worklist.action_out_of_range": {
        "zh": "action_id {value} 不是计划中的措施（0 至 {last}）：请恢复原值",
        "en": "action_id {value} is no action of the plan (0 to {last}): restore it",
    },
    "worklist.unknown_progress": {
        "zh": "进展只能是{allowed}之一或留空{hint}：请从下拉列表选择；这一行按未填报处理",
        "en": "进展 must be one of {allowed} or blank{hint}: choose from the drop-down; the "
              "row counts as not reported",
    },
    "worklist.did_you_mean": {"zh": "（是否为“{value}”？）", "en": " (did you mean {value}?)"},
    "worklist.bad_date": {
        "zh": "完成时限不是日期：请填写日期，例如 2021-06-30（或 2021/6/30、2021年6月30日）；"
              "这一行按未填时限处理",
        "en": "完成时限 is no date: write a date such as 2021-06-30 (or 2021/6/30, "
              "2021年6月30日); the row counts as having no deadline",
    },
    "worklist.units_disagree": {
        "zh": "这一行的 action_id {index} 是第 {number} 项措施，涉及单位 {units}，与本行的单位编号"
              "不符：按 action_id 读取；请核对单位编号，或恢复这一行",
        "en": "the row's action_id {index} is action {number}, of the units {units}, not "
              "those of its 单位编号: read by action_id; check the unit ids or restore the row",
    },
    "worklist.units_partial": {
        "zh": "第 {number} 项措施涉及单位 {units}，这一行只列出其中一部分：按这项措施读取；"
              "请核对单位编号",
        "en": "action {number} is about the units {units}; the row lists only some of them: "
              "read as that action; check the unit ids",
    },
    "worklist.unmatched_units": {
        "zh": "计划中没有涉及这些单位的措施：请核对单位编号，或删除这一行",
        "en": "no action of the plan is about these units: check the unit ids, or delete "
              "the row",
    },
    "worklist.unmatched_number": {
        "zh": "序号 {value} 不是计划中的措施（1 至 {n}）：请核对序号，或删除这一行",
        "en": "序号 {value} is no action of the plan (1 to {n}): check it, or delete the row",
    },
    "worklist.unmatched": {
        "zh": "无法确定这一行是哪项措施（没有 action_id、单位编号或序号）：请恢复这些列，或"
              "删除这一行",
        "en": "which action this row is about cannot be told (no action_id, 单位编号 or "
              "序号): restore those columns, or delete the row",
    },
    "worklist.duplicate": {
        "zh": "第 {number} 项措施已在 {sheet} 第 {row} 行填报，这一行的进展或完成时限与之不同："
              "以先读到的一行为准；请删除重复的一行",
        "en": "action {number} is reported in {sheet} row {row} already, with another 进展 or "
              "完成时限: the first row read counts; delete the repeated row",
    },
}
