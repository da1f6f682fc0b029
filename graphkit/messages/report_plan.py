"""The plan's report (:mod:`graphkit.report._plan`). Keys: ``report.plan.*``."""

MESSAGES = {
    "report.plan.title": {"zh": "党组织覆盖整改计划：{name}",
                          "en": "Plan to close the coverage gaps: {name}"},
    "report.plan.meta": {"zh": "统计范围：{scope}，单位 {units} 个（分母）；措施 {n} 项。",
                         "en": "Scope: {scope}, {units} units (denominator); {n} actions."},
    "report.plan.only": {"zh": "仅{place}（{id}）。", "en": "Only {place} ({id})."},
    "report.plan.more": {"zh": "（完整清单见 --format xlsx/html）",
                         "en": " (the full list: --format xlsx/html)"},
    "report.plan.summary": {"zh": "概况：整改后的覆盖率与措施",
                            "en": "Summary: the rates after the plan, and the actions"},
    "report.plan.now": {"zh": "现状", "en": "Now"},
    "report.plan.after": {"zh": "整改后", "en": "After"},
    "report.plan.action": {"zh": "措施", "en": "Action"},
    "report.plan.count": {"zh": "个数", "en": "Number"},
    "report.plan.summary_table": {"zh": "措施汇总", "en": "The actions"},
    "report.plan.summary.form_branch": {"zh": "单独组建党组织的单位",
                                        "en": "Units forming their own organization"},
    "report.plan.summary.join_joint": {"zh": "纳入现有联合党组织的单位",
                                       "en": "Units joining an existing joint organization"},
    "report.plan.summary.form_joint": {"zh": "新建联合党支部覆盖的单位",
                                       "en": "Units of new joint branches"},
    "report.plan.summary.new_joint_branches": {"zh": "新建联合党支部", "en": "New joint branches"},
    "report.plan.summary.affiliate": {"zh": "挂靠社区党组织的单位",
                                      "en": "Units attached to the community's core"},
    "report.plan.summary.assign_instructor": {"zh": "选派党建工作指导员的单位",
                                              "en": "Units getting an instructor"},
    "report.plan.summary.new_instructors": {"zh": "需新增的党建工作指导员",
                                            "en": "New instructors needed"},
    "report.plan.rules": {
        "zh": "规则（《中国共产党支部工作条例（试行）》第四、五条）：正式党员 {min_branch_members}"
              " 名以上"
              "的单位单独组建；不足的与邻近单位联合组建，联合党支部覆盖单位一般不超过 "
              "{max_joint_units} 个、党员一般不超过 {max_branch_members} 名；没有党员的单位选派党"
              "建"
              "工作指导员，每名指导员联系单位不超过 {instructor_capacity} 个。",
        "en": "Rules (Regulations on the Work of Branches, arts. 4-5): a unit with "
              "{min_branch_members} or more full members forms its own organization; units "
              "with fewer form a joint branch with neighbouring units, of at most "
              "{max_joint_units} units and {max_branch_members} members; a unit with no member "
              "gets a Party-work instructor, who guides at most {instructor_capacity} units."},
    "report.plan.approval": {"zh": "各项措施由所在街道党工委（镇党委）审批；联合组建和挂靠由社区党"
                                   "组织"
                                   "提出。",
                             "en": "Every action is approved by the street's Party working "
                                   "committee (the town's Party committee); joint branches "
                                   "and attachments are proposed by the community's Party "
                                   "organization."},
    "report.plan.narrowed": {"zh": "本计划只列{place}的 {n} 项措施及其覆盖率；JSON 文档的汇总为整"
                                   "个"
                                   "计划。",
                             "en": "Only the {n} actions of {place} and its rates are listed; "
                                   "the JSON document's summary is the whole plan's."},
    "report.plan.streets": {"zh": "各街道（镇）覆盖率：现状与整改后",
                            "en": "Coverage by street/town: now and after the plan"},
    "report.plan.units_short": {"zh": "单位", "en": "Units"},
    "report.plan.col_now": {"zh": "{rate}（现状）", "en": "{rate} (now)"},
    "report.plan.col_after": {"zh": "{rate}（整改后）", "en": "{rate} (after)"},
    "report.plan.short_now.work": {"zh": "工作现状", "en": "Work now"},
    "report.plan.short_after.work": {"zh": "工作整改后", "en": "Work after"},
    "report.plan.short_now.organization": {"zh": "组织现状", "en": "Org. now"},
    "report.plan.short_after.organization": {"zh": "组织整改后", "en": "Org. after"},
    "report.plan.short_now.own": {"zh": "单独现状", "en": "Own now"},
    "report.plan.short_after.own": {"zh": "单独整改后", "en": "Own after"},
    "report.plan.actions_n": {"zh": "措施数", "en": "Actions"},
    "report.plan.new_joint": {"zh": "新建联合党支部", "en": "New joint branches"},
    "report.plan.new_joint_short": {"zh": "新联合", "en": "Joint"},
    "report.plan.new_instructors": {"zh": "新增指导员", "en": "New instructors"},
    "report.plan.new_instructors_short": {"zh": "新指导员", "en": "Instr."},
    "report.plan.actions": {"zh": "措施清单（按街道、社区）",
                            "en": "The actions (by street and community)"},
    "report.plan.actions_hint": {
        "zh": "可按街道、社区、类别筛选，或搜索单位名称；工作簿的“工作清单”可分派、填写进展。",
        "en": "Filter by street, community or type, or search a unit; the workbook's 工作清单 "
              "is the work list to assign and fill in."},
    "report.plan.no_actions": {"zh": "（无需采取措施）", "en": "(no action needed)"},
    "report.plan.instructors": {"zh": "需新增的党建工作指导员（按街道）",
                                "en": "New instructors needed (by street)"},
    "report.plan.no_instructors": {"zh": "无需新增指导员。", "en": "No new instructor needed."},
    "report.plan.nav.summary": {"zh": "概况", "en": "Summary"},
    "report.plan.nav.streets": {"zh": "街道", "en": "Streets"},
    "report.plan.nav.actions": {"zh": "措施清单", "en": "Actions"},
    "report.plan.nav.instructors": {"zh": "指导员", "en": "Instructors"},
}
