"""The audit's report (:mod:`graphkit.report._audit`). Keys: ``report.audit.*``."""

MESSAGES = {
    "report.audit.title": {"zh": "党建覆盖与联动审计：{name}",
                           "en": "Party coverage and linkage audit: {name}"},
    "report.audit.hint": {"zh": "明细 --detail · 一处 --area/--community · 行动清单 --format xlsx "
                                "--out 审计.xlsx",
                          "en": "every list: --detail · one place: --area/--community · work "
                                "list: --format xlsx --out audit.xlsx"},
    "report.audit.meta": {"zh": "快照日期 {snapshot}；统计范围：{scope}，单位 {units} 个。",
                          "en": "Snapshot {snapshot}; scope: {scope}, {units} units."},
    "report.audit.only": {"zh": "仅{place}（{id}）；", "en": "Only {place} ({id}); "},
    "report.audit.n_areas": {"zh": "{kind} {n} 个", "en": "{n} × {kind}"},
    "report.audit.no_areas": {"zh": "街道（镇）0 个", "en": "no street or town"},
    "report.audit.upper_areas": {"zh": "（上级区域 {names} 不计入）",
                                 "en": " (the upper area {names} not counted)"},
    "report.audit.n_communities": {"zh": "社区 {n} 个。", "en": "{n} communities."},
    "report.audit.previous": {"zh": "上期：{name}（{snapshot}）。",
                              "en": " Previous: {name} ({snapshot})."},
    "report.audit.dataset": {
        "zh": "数据集“{name}”共 {nodes} 个节点、{edges} 条关系：{counts}、区域 {areas}（街道、镇及"
              "上级区域）",
        "en": "Dataset \"{name}\": {nodes} nodes, {edges} relationships: {counts}, areas "
              "{areas} (streets, towns and upper areas)"},
    "report.audit.whole_dataset": {"zh": "，以上为整个数据集。",
                                   "en": "; these are the whole dataset's."},
    "report.audit.thresholds": {"zh": "阈值：单独组建党员数 ≥ {members}，次核心党组织评级 ≥ "
                                      "{rating}。",
                                "en": "Thresholds: own organization from {members} members, "
                                      "sub-core from rating {rating}."},
    "report.audit.members_of": {"zh": "辖区成员（{n} 个有核心的社区）",
                                "en": "jurisdiction members ({n} communities with a core)"},
    "report.audit.summary": {"zh": "党的组织覆盖和工作覆盖：覆盖率与目标",
                             "en": "Party organization and work coverage: rates and targets"},
    "report.audit.two_new": {"zh": "其中两新组织 {n} 个：工作覆盖率 {work}，组织覆盖率 {org}，"
                                   "单独组建率 {own}。",
                             "en": "Of them {n} two-new units: work coverage {work}, "
                                   "organizational {org}, own organization {own}."},
    "report.audit.previous_short": {"zh": "上期", "en": "Previous"},
    # findings by type x street
    "report.audit.finding_type": {"zh": "问题类型", "en": "Finding"},
    "report.audit.findings_table": {"zh": "问题（{n} 项，按类型 × 街道）",
                                    "en": "Findings ({n}, by type × street)"},
    "report.audit.findings_section": {"zh": "问题 {n} 项（按类型 × 街道）",
                                      "en": "{n} findings (by type × street)"},
    "report.audit.other_kinds": {"zh": "其他 {n} 类", "en": "{n} other types"},
    "report.audit.no_findings": {"zh": "未发现问题。", "en": "No finding."},
    "report.audit.click_counts": {"zh": "点击数字查看行动清单中的对应条目。",
                                  "en": "Click a number for those entries of the action list."},
    # the weakest communities
    "report.audit.worst": {"zh": "最需关注的社区", "en": "Communities that need attention"},
    "report.audit.worst_work": {"zh": "工作覆盖率最低的社区",
                                "en": "Communities furthest from the work coverage target"},
    "report.audit.worst_linkage": {"zh": "一核双圈联动率最低的社区",
                                   "en": "Communities with the most unlinked members"},
    "report.audit.units_short": {"zh": "单位", "en": "Units"},
    "report.audit.uncovered": {"zh": "未覆盖", "en": "Uncovered"},
    "report.audit.work_short": {"zh": "工作覆盖", "en": "Work"},
    "report.audit.still_needed": {"zh": "还差", "en": "To cover"},
    "report.audit.still_short": {"zh": "差", "en": "Need"},
    "report.audit.members": {"zh": "成员", "en": "Members"},
    "report.audit.unlinked": {"zh": "未联动", "en": "Unlinked"},
    "report.audit.linkage": {"zh": "联动率", "en": "Linkage"},
    "report.audit.all_met": {"zh": "各社区工作覆盖率均已达到目标 {target}。",
                             "en": "Every community meets the work coverage target {target}."},
    "report.audit.all_linked": {"zh": "各有核心社区的辖区成员均已联动。",
                                "en": "Every jurisdiction member of a community with a core "
                                      "is linked."},
    "report.audit.no_core": {"zh": "无核心（无社区党组织、无联动率）的社区 {n} 个：{names}{more}。",
                             "en": "{n} communities without a core (no community Party "
                                   "organization, no linkage rate): {names}{more}."},
    "report.audit.n_more": {"zh": " … 还有 {n} 个", "en": " … {n} more"},
    "report.audit.ranking": {
        "zh": "排序：工作覆盖按达到目标（{target}）还需覆盖的单位数由多到少，联动按未联动成员数由"
              "多"
              "到"
              "少（不按比率：只有一两个单位的社区不会排在前面）。",
        "en": "Ranked by the units still to cover to reach the work target ({target}), and by "
              "the members still unlinked, most first (not by the rate: a community of one or "
              "two units does not come first)."},
    # streets
    "report.audit.areas": {"zh": "按街道（镇）：覆盖率及四个融合",
                           "en": "By street/town: coverage and the four integrations"},
    "report.audit.areas_previous": {"zh": "按街道（镇）：覆盖率（上期、增减）及四个融合",
                                    "en": "By street/town: coverage (previous, change) and the "
                                          "four integrations"},
    "report.audit.col.work": {"zh": "工作覆盖", "en": "Work coverage"},
    "report.audit.col.organization": {"zh": "组织覆盖", "en": "Organizational"},
    "report.audit.col.own": {"zh": "单独组建", "en": "Own"},
    "report.audit.short.work": {"zh": "工作", "en": "Work"},
    "report.audit.short.organization": {"zh": "组织", "en": "Org."},
    "report.audit.short.own": {"zh": "单建", "en": "Own"},
    "report.audit.col_previous": {"zh": "{rate}（上期）", "en": "{rate} (previous)"},
    "report.audit.col_change": {"zh": "{rate}增减", "en": "{rate} change"},
    "report.audit.findings": {"zh": "问题", "en": "Findings"},
    "report.audit.attribute": {"zh": "按单位属性“{attr}”分组的覆盖率（{n} 组）",
                               "en": "Coverage by the unit attribute \"{attr}\" ({n} groups)"},
    "report.audit.attribute_note": {"zh": "分母：范围内具有“{attr}”取值的单位（无取值的单位不计）"
                                          "。",
                                    "en": "Denominator: the units in scope with a value of "
                                          "\"{attr}\" (units without one are left out)."},
    # the action list
    "report.audit.actions": {"zh": "行动清单（按街道 → 社区）",
                             "en": "Action list (by street → community)"},
    "report.audit.actions_hint": {
        "zh": "同一对象的多项问题和整改措施合并为一行；可按街道、社区、类别筛选，或搜索名称。",
        "en": "The findings on one subject and the action on them in one row; filter by "
              "street, community or type, or search a name."},
    "report.audit.subject_id": {"zh": "对象编号", "en": "Subject id"},
    "report.audit.kind": {"zh": "类型", "en": "Kind"},
    "report.audit.finding_kind": {"zh": "问题类别", "en": "Finding type"},
    "report.audit.finding": {"zh": "问题", "en": "Finding"},
    "report.audit.advice": {"zh": "建议", "en": "Suggestion"},
    "report.audit.code": {"zh": "代码", "en": "Code"},
    "report.audit.name": {"zh": "名称", "en": "Name"},
    "report.audit.units_column": {"zh": "涉及单位", "en": "Units"},
    # communities and circles
    "report.audit.communities": {"zh": "社区一览", "en": "Communities"},
    "report.audit.communities_hint": {
        "zh": "点击表头排序；点击社区名称查看其一核双圈网络。低于目标的覆盖率标红（工作 {work}，组"
              "织 "
              "{org}）。",
        "en": "Click a header to sort; click a community for its circles. Rates below the "
              "targets in red (work {work}, organizational {org})."},
    "report.audit.circles_def": {
        "zh": "核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；泛核心圈：与核心"
              "或"
              "次"
              "核心有联系的其他辖区组织；联动率 =（次核心＋泛核心）/ 辖区成员。",
        "en": "Core: the community Party organization; sub-core circle: highly rated "
              "jurisdiction organizations tied to the core; pan-core circle: the other "
              "jurisdiction members tied to the core or the sub-core; linkage rate = (sub-core "
              "+ pan-core) / jurisdiction members."},
    "report.audit.community_id": {"zh": "社区编号", "en": "Community id"},
    "report.audit.units_n": {"zh": "单位数", "en": "Units"},
    "report.audit.core": {"zh": "核心", "en": "Core"},
    "report.audit.core_id": {"zh": "核心编号", "en": "Core id"},
    "report.audit.ok": {"zh": "正常", "en": "ok"},
    "report.audit.jurisdiction": {"zh": "辖区成员", "en": "Members"},
    "report.audit.role.sub_core": {"zh": "次核心", "en": "Sub-core"},
    "report.audit.role.pan_core": {"zh": "泛核心", "en": "Pan-core"},
    "report.audit.role.external": {"zh": "外部共建", "en": "External"},
    "report.audit.role.unlinked": {"zh": "未联动", "en": "Unlinked"},
    "report.audit.role_members.sub_core": {"zh": "次核心成员", "en": "Sub-core members"},
    "report.audit.role_members.pan_core": {"zh": "泛核心成员", "en": "Pan-core members"},
    "report.audit.role_members.external": {"zh": "外部共建单位", "en": "External partners"},
    "report.audit.role_members.unlinked": {"zh": "未联动成员", "en": "Unlinked members"},
    # the four integrations
    "report.audit.scorecard": {"zh": "四个融合：社区计分卡（{n} 个社区）",
                               "en": "The four integrations: community scorecard "
                                     "({n} communities)"},
    "report.audit.score": {"zh": "综合", "en": "Score"},
    "report.audit.each_once": {"zh": "{name}（每个实体只计一次）",
                               "en": "{name} (each entity once)"},
    "report.audit.integrations_of": {"zh": "四个融合（{where}）",
                                     "en": "The four integrations ({where})"},
    "report.audit.integrations_brief": {
        "zh": "共建党组织 {co_builders} · 服务中心 {service_centers}（{service_area_m2} m²）· 报到"
              "党员 {reporting_members} · 志愿服务队 {volunteer_teams} · 驻点团队 "
              "{stationed_teams}（解决问题 {issues_resolved} 件）· 小区联席会议 "
              "{compounds_with_joint_meeting}/{compounds_with_branch}（已建党支部的小区）",
        "en": "co-builders {co_builders} · service centres {service_centers} "
              "({service_area_m2} m²) · reporting members {reporting_members} · volunteer "
              "teams {volunteer_teams} · stationed teams {stationed_teams} ({issues_resolved} "
              "issues resolved) · compound joint meetings {compounds_with_joint_meeting}/"
              "{compounds_with_branch} (compounds with a branch)"},
    "report.audit.integration.1": {
        "zh": "区域党建融汇：{where}开展党建融合圈的社区 {running_circle} 个，同驻共建党组织 "
              "{co_builders} 个。",
        "en": "Regional Party-building: {where} has {running_circle} communities running the "
              "integration circle, {co_builders} co-building organizations."},
    "report.audit.integration.2": {
        "zh": "组织阵地融建：党群服务中心 {service_centers} 个，阵地面积 {service_area_m2} m²。",
        "en": "Shared positions: {service_centers} service centres, {service_area_m2} m²."},
    "report.audit.integration.3": {
        "zh": "党员管理融管：在职党员到社区报到 {reporting_members} 名，志愿服务队 "
              "{volunteer_teams} 支。",
        "en": "Member management: {reporting_members} in-service members report to the "
              "communities, {volunteer_teams} volunteer teams."},
    "report.audit.integration.4": {
        "zh": "社区服务融合：驻点团队 {stationed_teams} 个，解决问题 {issues_resolved} 件（两类团"
              "队"
              "共 "
              "{team_members} 人）；居民小区 {compounds} 个，其中建立党支部 "
              "{compounds_with_branch} 个、党支部与业委会和物业公司召开联席会议 "
              "{compounds_with_joint_meeting} 个。",
        "en": "Community service: {stationed_teams} stationed teams resolved "
              "{issues_resolved} issues (both kinds of teams: {team_members} people); "
              "{compounds} compounds, {compounds_with_branch} with a branch, "
              "{compounds_with_joint_meeting} holding joint meetings with the owners' "
              "committee and the property company."},
    "report.audit.scorecard_def": {
        "zh": "区域党建融汇：共建党组织、党建融合圈、联动率；组织阵地融建：党群服务中心及面积；党"
              "员"
              "管理"
              "融管：在职党员报到、志愿服务队；社区服务融合：驻点团队及解决问题、小区党支部与联席"
              "会"
              "议。",
        "en": "Regional Party-building: co-builders, the integration circle, linkage; shared "
              "positions: service centres and their area; member management: reporting "
              "members, volunteer teams; community service: stationed teams and issues "
              "resolved, compound branches and joint meetings."},
    "report.audit.scorecard_note": {
        "zh": "按综合得分由低到高（最需加强的在前）：各项指标与最好的社区相比（联动率、小区建支部"
              "率"
              "和"
              "联席会议率按比例）的平均值；颜色由弱（红）到强（绿），灰色为不适用。合计行每个实体"
              "只"
              "计"
              "一次，其“融合圈”为开展党建融合圈的社区数。",
        "en": "Weakest first by the score: the mean of each indicator against the best "
              "community (linkage and the compounds' shares as they are); colours from weak "
              "(red) to strong (green), grey where it does not apply. The total row counts "
              "each entity once; its circle value is the communities running the circle."},
    # the network, the rates, the units, the figures
    "report.audit.network": {"zh": "一核双圈网络", "en": "The circles network"},
    "report.audit.no_network": {"zh": "（结果未附带网络数据，无法绘制。）",
                                "en": "(The result carries no network: nothing to draw.)"},
    "report.audit.network_def": {
        "zh": "核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；泛核心圈：与核心"
              "或"
              "次"
              "核心有联系的其他辖区组织；外部共建：辖区外与核心有联系的组织；未联动：辖区内尚未纳"
              "入"
              "融合"
              "圈的组织（其联系不画线）。",
        "en": "Core: the community Party organization; sub-core: highly rated jurisdiction "
              "organizations tied to the core; pan-core: other members tied to the core or "
              "the sub-core; external: organizations outside the jurisdiction tied to the "
              "core; unlinked: members in neither circle (their ties are not drawn)."},
    "report.audit.network_hint": {"zh": "滚轮或双指缩放，拖动平移，点击节点查看详情，或按名称搜索"
                                        "。",
                                  "en": "Zoom with the wheel or two fingers, drag to pan, "
                                        "click a node for its details, or search a name."},
    "report.audit.node_role.core": {"zh": "核心", "en": "core"},
    "report.audit.node_role.sub_core": {"zh": "次核心圈", "en": "sub-core"},
    "report.audit.node_role.pan_core": {"zh": "泛核心圈", "en": "pan-core"},
    "report.audit.node_role.external": {"zh": "外部共建", "en": "external"},
    "report.audit.node_role.unlinked": {"zh": "未联动", "en": "unlinked"},
    "report.audit.node_role.member": {"zh": "辖区成员（无核心）", "en": "member (no core)"},
    "report.audit.tie.co_builds": {"zh": "共建", "en": "co-building"},
    "report.audit.tie.reports_to": {"zh": "隶属", "en": "reports to"},
    "report.audit.tie.covers": {"zh": "覆盖", "en": "covers"},
    "report.audit.tie.meets_with": {"zh": "联席会议", "en": "joint meeting"},
    "report.audit.tie.team": {"zh": "团队（驻点/志愿）", "en": "team (stationed/volunteer)"},
    "report.audit.tie.other": {"zh": "其他", "en": "other"},
    "report.audit.coverage": {"zh": "覆盖率明细：总体、按街道（镇）、单位类型、社区",
                              "en": "Coverage in detail: overall, by street, kind, community"},
    "report.audit.coverage_line": {"zh": "在范围内的 {units} 个单位中：单独组建率 {own}，组织覆盖"
                                         "率"
                                         " "
                                         "{org}，工作覆盖率 {work}。",
                                   "en": "Of the {units} units in scope: own organization "
                                         "{own}, organizational {org}, work {work}."},
    "report.audit.scope": {"zh": "范围", "en": "Scope"},
    "report.audit.of_which_two_new": {"zh": "其中：两新组织", "en": "of which two-new"},
    "report.audit.unit_kind": {"zh": "单位类型", "en": "Unit kind"},
    "report.audit.group": {"zh": "分组", "en": "Group"},
    "report.audit.id": {"zh": "编号", "en": "Id"},
    "report.audit.its_street": {"zh": "所属街道", "en": "Street"},
    "report.audit.by.all": {"zh": "总体", "en": "Overall"},
    "report.audit.by.area": {"zh": "按街道（镇）", "en": "By street/town"},
    "report.audit.by.kind": {"zh": "按单位类型", "en": "By unit kind"},
    "report.audit.by.community": {"zh": "按社区", "en": "By community"},
    "report.audit.by.attribute": {"zh": "按单位属性“{attr}”", "en": "By \"{attr}\""},
    "report.audit.units": {"zh": "单位覆盖明细（未覆盖 {n} 个）",
                           "en": "Units ({n} uncovered)"},
    "report.audit.units_hint": {"zh": "默认只显示未覆盖单位；选择“全部覆盖状态”查看全部。",
                                "en": "The uncovered units first; pick every status to see "
                                      "all."},
    "report.audit.party_members": {"zh": "党员数", "en": "Members"},
    "report.audit.status": {"zh": "覆盖状态", "en": "Status"},
    "report.audit.none_uncovered": {"zh": "没有未覆盖的单位。", "en": "No uncovered unit."},
    "report.audit.figures": {"zh": "图表", "en": "Figures"},
    "report.audit.fig.kind": {"zh": "按单位类型的覆盖率", "en": "Coverage by unit kind"},
    "report.audit.fig.area": {"zh": "按街道（镇）的覆盖率", "en": "Coverage by street/town"},
    "report.audit.fig.city": {"zh": "各社区一核双圈联动率", "en": "Linkage of the communities"},
    # the contents bar
    "report.audit.nav.summary": {"zh": "概览", "en": "Summary"},
    "report.audit.nav.counts": {"zh": "问题统计", "en": "Findings"},
    "report.audit.nav.worst": {"zh": "薄弱社区", "en": "Weakest"},
    "report.audit.nav.areas": {"zh": "街道", "en": "Streets"},
    "report.audit.nav.actions": {"zh": "行动清单", "en": "Actions"},
    "report.audit.nav.scorecard": {"zh": "四个融合", "en": "Scorecard"},
    "report.audit.nav.coverage": {"zh": "覆盖率", "en": "Coverage"},
    "report.audit.nav.units": {"zh": "单位明细", "en": "Units"},
}
