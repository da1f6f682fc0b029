"""The reports of :mod:`graphkit.report`: what every report says (the renderers, the
metrics, the words shared by the audit's, the plan's, the diff's and the measures'
reports) and the options that shape them. Keys: ``report.*``; each result's own words are
in ``report_audit``, ``report_plan``, ``report_diff`` and ``report_measures``.

Sheet names and the headers of a work list (序号, 单位编号, 责任单位, 责任人, 完成时限, 进展,
action_id) are a data contract (SPEC section 10 reads them back): they are not translated.
"""

MESSAGES = {
    # punctuation between the items of a list, between clauses, at the end of a sentence
    "report.sep": {"zh": "、", "en": ", "},
    "report.clause_sep": {"zh": "；", "en": "; "},
    "report.stop": {"zh": "。", "en": "."},
    "cli.audit.previous": {
        "zh": "与较早的快照 OLD（文件夹、工作簿或数据库地址）对比：概览和街道表增加“上期”和"
              "“增减”（个百分点）列，按同一地方统计。",
        "en": "Compare with the earlier snapshot OLD (a folder, workbook or database URI): "
              "the summary and the streets table get 上期 (previous) and 增减 (change, in "
              "percentage points) columns, for the same place.",
    },
    # --- values ---------------------------------------------------------------------------
    "report.pp": {"zh": "{value} 个百分点", "en": "{value} pp"},
    "report.yes": {"zh": "是", "en": "yes"},
    "report.no": {"zh": "否", "en": "no"},
    "report.none": {"zh": "（无）", "en": "(none)"},
    "report.unit.items": {"zh": "项", "en": "items"},
    "report.unit.units": {"zh": "个单位", "en": "units"},
    "report.unit.members": {"zh": "个成员", "en": "members"},
    "report.unit.communities": {"zh": "个社区", "en": "communities"},
    "report.unit.areas": {"zh": "个街道（镇）", "en": "streets/towns"},
    "report.unit.groups": {"zh": "组", "en": "groups"},
    # --- the metrics ----------------------------------------------------------------------
    "report.metric.name": {"zh": "指标", "en": "Measure"},
    "report.metric.achieved": {"zh": "达成", "en": "Rate"},
    "report.metric.covered": {"zh": "覆盖", "en": "Covered"},
    "report.metric.units": {"zh": "单位数（分母）", "en": "Units (denominator)"},
    "report.metric.units_short": {"zh": "分母", "en": "Of"},
    "report.metric.target": {"zh": "目标", "en": "Target"},
    "report.metric.state": {"zh": "状态", "en": "State"},
    "report.metric.change": {"zh": "增减", "en": "Change"},
    "report.metric.shortfall": {"zh": "还差", "en": "Still to cover"},
    "report.metric.denominator": {"zh": "分母是", "en": "Denominator"},
    "report.metric.in_scope": {"zh": "范围内单位", "en": "units in scope"},
    "report.metric.met": {"zh": "✓ 达标", "en": "✓ met"},
    "report.metric.short_of": {"zh": "✗ 还差 {n} {noun}", "en": "✗ {n} {noun} short"},
    "report.metric.no_units": {"zh": "无单位", "en": "no units"},
    "report.metric.met_word": {"zh": "达标", "en": "met"},
    "report.metric.not_met_word": {"zh": "未达标", "en": "not met"},
    # --- the renderers --------------------------------------------------------------------
    "report.more": {"zh": "… 还有 {n} {unit}{hint}", "en": "… {n} more {unit}{hint}"},
    "report.more_detail": {"zh": "（--detail 显示全部）", "en": " (--detail shows all)"},
    "report.group_count": {"zh": "（{n} 项）", "en": " ({n})"},
    "report.columns_left_out": {"zh": "（另有 {n} 列未显示：{columns}）",
                                "en": "({n} more columns not shown: {columns})"},
    "report.other_columns": {"zh": "其他 {n} 个", "en": "{n} others"},
    "report.markdown.some_rows": {"zh": "（列出 {n} {unit}；全部 {total} {unit}见 HTML 或 xlsx "
                                        "格式。）",
                                  "en": "({n} {unit} listed; all {total} {unit} in the HTML or "
                                        "xlsx format.)"},
    "report.xlsx.pick": {"zh": "请从下拉列表选择", "en": "Pick a value from the list"},
    "report.xlsx.date": {"zh": "请填写日期，例如 2025-06-30",
                         "en": "Enter a date, e.g. 2025-06-30"},
    "report.html.font": {"zh": "中文字体为内嵌的思源黑体（Noto Sans CJK SC）子集，遵循 SIL Open "
                               "Font License 1.1。",
                         "en": "Chinese text is drawn with an embedded subset of Noto Sans CJK "
                               "SC (SIL Open Font License 1.1)."},
    "report.html.no_font": {"zh": "本机未找到可内嵌的中文字体，页面使用系统字体。",
                            "en": "No Chinese font was found to embed: the page uses the "
                                  "system's fonts."},
    "report.html.made": {"zh": "由 graphkit 生成。页面离线可用，不访问网络。",
                         "en": "Made by graphkit. The page works offline and makes no "
                               "network request."},
    "report.html.contents": {"zh": "目录", "en": "Contents"},
    "report.html.search": {"zh": "搜索名称或编号", "en": "Search a name or id"},
    "report.html.all": {"zh": "全部{label}", "en": "All: {label}"},
    "report.html.unassigned": {"zh": "（未归属）", "en": "(none)"},
    "report.html.reset": {"zh": "清除筛选", "en": "Clear filters"},
    "report.html.nothing": {"zh": "没有符合筛选条件的条目。", "en": "Nothing matches the filters."},
    "report.html.no_target": {"zh": "无考核目标", "en": "No target"},
    "report.html.target_no_units": {"zh": "目标 {target}；范围内无单位",
                                    "en": "Target {target}; no units in scope"},
    "report.html.target_met": {"zh": "目标 {target}：已达标", "en": "Target {target}: met"},
    "report.html.target_short": {"zh": "目标 {target}：未达标，还差 <b>{n}</b> {noun}",
                                 "en": "Target {target}: not met, <b>{n}</b> {noun} short"},
    "report.html.of": {"zh": "{covered} / {units} {noun}（分母：{denominator}）",
                       "en": "{covered} / {units} {noun} (denominator: {denominator})"},
    "report.html.previous": {"zh": "{label} {rate}，增减 {change}",
                             "en": "{label} {rate}, change {change}"},
    "report.html.pick_community": {"zh": "选择社区", "en": "Pick a community"},
    "report.html.find_node": {"zh": "按名称搜索组织或单位",
                              "en": "Search an organization or unit by name"},
    "report.html.zoom_in": {"zh": "放大", "en": "Zoom in"},
    "report.html.zoom_out": {"zh": "缩小", "en": "Zoom out"},
    "report.html.reset_view": {"zh": "复位", "en": "Reset"},
    "report.html.network": {"zh": "社区一核双圈网络图", "en": "The community's circles"},
    "report.html.click_node": {"zh": "点击节点查看详情。", "en": "Click a node for its details."},
    "report.html.no_core": {"zh": "无核心", "en": "no core"},
    # --- shared words ---------------------------------------------------------------------
    "report.street": {"zh": "街道（镇）", "en": "Street/town"},
    "report.street_short": {"zh": "街道", "en": "Street"},
    "report.community": {"zh": "社区", "en": "Community"},
    "report.no_street": {"zh": "未归属街道", "en": "no street"},
    "report.no_community": {"zh": "未归属社区", "en": "no community"},
    "report.city": {"zh": "全市", "en": "Whole city"},
    "report.total": {"zh": "合计", "en": "Total"},
    "report.scope.all": {"zh": "全部单位", "en": "all units"},
    "report.scope.two_new": {"zh": "两新组织", "en": "two-new units"},
    "report.rate.work": {"zh": "工作覆盖率", "en": "Work coverage"},
    "report.rate.organization": {"zh": "组织覆盖率", "en": "Organizational coverage"},
    "report.rate.own": {"zh": "单独组建率", "en": "Own organization"},
    "report.rate.linkage": {"zh": "一核双圈联动率", "en": "Linkage rate"},
    "report.units": {"zh": "单位数（分母）", "en": "Units (denominator)"},
    "report.unknown_date": {"zh": "未注明日期", "en": "no date"},
}
