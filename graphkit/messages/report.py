"""The reports of :mod:`graphkit.report`: help of the options that shape them."""

MESSAGES = {
    "cli.audit.previous": {
        "zh": "与较早的快照 OLD（文件夹、工作簿或数据库地址）对比：概览和街道表增加“上期”和"
              "“增减”（个百分点）列，按同一地方统计。",
        "en": "Compare with the earlier snapshot OLD (a folder, workbook or database URI): "
              "the summary and the streets table get 上期 (previous) and 增减 (change, in "
              "percentage points) columns, for the same place.",
    },
}
