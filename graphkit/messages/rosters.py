"""``graphkit import`` and ``graphkit rosters`` (SPEC section 9): help and messages."""

MESSAGES = {
    # --- import -----------------------------------------------------------------------------
    "cli.import": {
        "zh": "把各部门的名册（台账）导入为数据集：ROSTERS 是放名册的文件夹（.xlsx、.xls、"
              ".csv，可附 rosters.toml）或一个工作簿。\n\n"
              "按表头识别每张名册，按统一社会信用代码和名称认定所指对象，写出数据集到 --out "
              "文件夹，然后可用 graphkit audit 审计；汇总显示在标准输出上。有任何问题（找不到、"
              "不唯一、取值不认识、信用代码无效、重复、必填项为空）时，每处一行列在标准错误输出"
              "上，不写任何文件，退出码 2；--partial 则跳过这些行和引用照样写出，"
              "并附 review.json 和 review.xlsx。",
        "en": "Import the offices' rosters (名册、台账) as a dataset: ROSTERS is a folder of "
              "rosters (.xlsx, .xls, .csv, with an optional rosters.toml) or one workbook.\n\n"
              "Each roster is recognized by its header, every name resolved to one entity (by "
              "credit code, then by name), and the dataset written to the folder --out, ready "
              "for graphkit audit; the summary goes to stdout. Any problem (unresolved, "
              "ambiguous, unknown value, invalid credit code, duplicate, missing field) is "
              "listed on stderr, one line each, "
              "nothing is written and the exit code is 2; with --partial those rows and "
              "references are left out, the rest is written, with review.json and review.xlsx.",
    },
    "cli.import.out": {"zh": "写出数据集的文件夹（nodes.csv、edges.csv、dataset.json）。",
                       "en": "Folder to write the dataset to (nodes.csv, edges.csv, "
                             "dataset.json)."},
    "cli.import.partial": {
        "zh": "有问题时也写出：跳过有问题的行和引用，并在 --out 中写出 review.json 和 "
              "review.xlsx（退出码 0）。",
        "en": "Write even with problems: leave out the rows and references in the review, "
              "and write review.json and review.xlsx into --out (exit 0).",
    },
    "cli.import.name": {"zh": "数据集名称（写入 dataset.json）[默认：名册文件夹名]。",
                        "en": "The dataset's name (in dataset.json) [default: the rosters' "
                              "folder name]."},
    "cli.import.snapshot": {"zh": "快照日期 YYYY-MM-DD（写入 dataset.json）。",
                            "en": "Snapshot date YYYY-MM-DD (in dataset.json)."},
    "rosters.bad_snapshot": {"zh": "--snapshot {value!r} 不是 YYYY-MM-DD 格式的日期",
                             "en": "--snapshot {value!r} is not a date YYYY-MM-DD"},
    "rosters.out_is_input": {"zh": "--out {out} 会覆盖名册 {rosters}；请换一个文件夹",
                             "en": "--out {out} would overwrite the rosters {rosters}; give "
                                   "another folder"},
    "rosters.failed": {
        "zh": "名册有 {n} 处问题；未写出任何文件（--partial 跳过这些行照样写出）",
        "en": "the rosters have {n} problem(s); nothing was written (--partial leaves those "
              "rows out and writes the rest)",
    },
    "rosters.written": {"zh": "数据集已写入 {path}（下一步：graphkit audit {path}）",
                        "en": "dataset written to {path} (next: graphkit audit {path})"},
    "rosters.review_written": {"zh": "问题清单已写入 {json} 和 {xlsx}",
                               "en": "review written to {json} and {xlsx}"},
    # --- rosters ----------------------------------------------------------------------------
    "cli.rosters": {
        "zh": "把数据集 DATASET 写成名册工作簿（名册.xlsx）：每张名册一个工作表，标准表头，"
              "类型/类别有下拉框，附填写说明；也是给各部门填写的模板。\n\n"
              "用 graphkit import 导入这个工作簿，得到同样的网络（编号按名册规则生成）。"
              "名册装不下的内容（如没有指导单位的指导员、没有报到社区的党员、没有派出单位"
              "的团队）会提示。",
        "en": "Write DATASET as a roster workbook (名册.xlsx): one sheet per roster, the "
              "standard headers, drop-downs for the types and categories, a 说明 sheet; also "
              "the template offices fill.\n\n"
              "Importing it with graphkit import gives back the same network (ids as the "
              "rosters make them). What rosters cannot hold (an instructor guiding no unit, a "
              "member registered nowhere, a team with no sender, ...) is reported.",
    },
    "cli.rosters.out": {"zh": "写出名册工作簿的文件夹。",
                        "en": "Folder to write the roster workbook to."},
    "rosters.template_written": {"zh": "名册已写入 {path}", "en": "rosters written to {path}"},
    "rosters.cannot_hold": {"zh": "提示：{text}", "en": "warning: {text}"},
    "rosters.more_warnings": {"zh": "……另有 {n} 条提示", "en": "... and {n} more warnings"},
}
