"""The one vocabulary of graphkit: labels, kinds, relationship types and allowed pairs.

Everything that names a label, a kind or a relationship type reads it from here:
validation, analyses, reports, the Neo4j store and the docs. See ``SPEC.md`` section 1.

Examples
--------
>>> from graphkit import vocab
>>> vocab.KINDS["PartyOrg"]
('branch', 'general_branch', 'committee')
>>> vocab.allowed_pair("COVERS", "PartyOrg", "Unit")
True
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AREA",
    "BELONGS_TO",
    "CIRCLE_ROLES",
    "COMMUNITY",
    "COMPOUND",
    "COVERAGE_STATUSES",
    "COVERS",
    "COVER_MODES",
    "CO_BUILDS",
    "DISCREPANCIES",
    "DISCREPANCY_NAMES_ZH",
    "EDGE_COLUMNS",
    "EDGE_REQUIRED",
    "FROM",
    "GUIDES",
    "KINDS",
    "KIND_NAMES_ZH",
    "LABELS",
    "LABEL_COLORS",
    "LABEL_NAMES_ZH",
    "LOCATED_IN",
    "MECHANISMS",
    "MECHANISM_NAMES_ZH",
    "MECHANISM_SHORT_ZH",
    "MEETS_WITH",
    "MEMBER_OF",
    "META_LABEL",
    "NODE_COLUMNS",
    "NODE_REQUIRED",
    "ORG_KIND_RANK",
    "PAIRS",
    "PARTY_ORG",
    "PART_OF",
    "PERSON",
    "PROGRESS_NAMES_ZH",
    "PROGRESS_STATES",
    "PROGRESS_SYNONYMS_ZH",
    "RATES",
    "RATE_COLORS",
    "RATE_GROUPS",
    "RATE_NAMES_ZH",
    "REGISTERED_AT",
    "REL_TYPES",
    "REPORTS_TO",
    "ROLES",
    "ROLE_COLORS",
    "ROLE_NAMES_ZH",
    "RUN_BY",
    "SCOPES",
    "SCORE_COLORS",
    "SCORE_MISSING",
    "SERVES",
    "SERVICE_CENTER",
    "STATIONED_AT",
    "STATUS_COLORS",
    "STATUS_LEVELS",
    "STATUS_NAMES_ZH",
    "TEAM",
    "TEAM_TIE",
    "TIE_NAMES_ZH",
    "TIE_TYPES",
    "TWO_NEW_KINDS",
    "UNIT",
    "VERIFIED_NAMES_ZH",
    "VERIFIED_STATES",
    "allowed_pair",
    "default_kind",
]

# --- node labels -----------------------------------------------------------------------
AREA: Final = "Area"
COMMUNITY: Final = "Community"
COMPOUND: Final = "Compound"
PARTY_ORG: Final = "PartyOrg"
UNIT: Final = "Unit"
SERVICE_CENTER: Final = "ServiceCenter"
TEAM: Final = "Team"
PERSON: Final = "Person"

LABELS: Final[tuple[str, ...]] = (
    AREA, COMMUNITY, COMPOUND, PARTY_ORG, UNIT, SERVICE_CENTER, TEAM, PERSON,
)

#: Label of the one node that holds a dataset's metadata (name, snapshot, description) in
#: Neo4j. Not a network node: analyses and exports never see it.
META_LABEL: Final = "GraphkitDataset"

#: Allowed ``kind`` per label; the first is the default for a blank cell. ``None`` means
#: free text (default empty).
KINDS: Final[dict[str, tuple[str, ...] | None]] = {
    AREA: ("street", "town", "district", "city"),
    COMMUNITY: ("urban", "rural"),
    COMPOUND: None,
    PARTY_ORG: ("branch", "general_branch", "committee"),
    UNIT: (
        "enterprise", "social_org", "market", "organ", "institution", "soe",
        "property", "owners_committee",
    ),
    SERVICE_CENTER: ("community", "street", "compound", "industry"),
    TEAM: ("volunteer", "stationed"),
    PERSON: ("member", "instructor"),
}

#: "Two-new" organizations (两新组织): new economic and new social organizations.
TWO_NEW_KINDS: Final[frozenset[str]] = frozenset({"enterprise", "social_org", "market"})

#: Rank of PartyOrg kinds, higher is senior (committee > general_branch > branch).
ORG_KIND_RANK: Final[dict[str, int]] = {"branch": 0, "general_branch": 1, "committee": 2}

# --- relationship types ----------------------------------------------------------------
PART_OF: Final = "PART_OF"
LOCATED_IN: Final = "LOCATED_IN"
BELONGS_TO: Final = "BELONGS_TO"
REPORTS_TO: Final = "REPORTS_TO"
COVERS: Final = "COVERS"
GUIDES: Final = "GUIDES"
CO_BUILDS: Final = "CO_BUILDS"
STATIONED_AT: Final = "STATIONED_AT"
FROM: Final = "FROM"
SERVES: Final = "SERVES"
RUN_BY: Final = "RUN_BY"
MEETS_WITH: Final = "MEETS_WITH"
MEMBER_OF: Final = "MEMBER_OF"
REGISTERED_AT: Final = "REGISTERED_AT"

#: Allowed (source label, target label) pairs per relationship type.
PAIRS: Final[dict[str, frozenset[tuple[str, str]]]] = {
    PART_OF: frozenset({(COMMUNITY, AREA), (COMPOUND, COMMUNITY), (AREA, AREA)}),
    LOCATED_IN: frozenset({(UNIT, COMMUNITY), (UNIT, COMPOUND), (UNIT, AREA)}),
    BELONGS_TO: frozenset(
        {(PARTY_ORG, AREA), (PARTY_ORG, COMMUNITY), (PARTY_ORG, COMPOUND), (PARTY_ORG, UNIT)}
    ),
    REPORTS_TO: frozenset({(PARTY_ORG, PARTY_ORG)}),
    COVERS: frozenset({(PARTY_ORG, UNIT)}),
    GUIDES: frozenset({(PERSON, UNIT)}),
    CO_BUILDS: frozenset({(PARTY_ORG, PARTY_ORG)}),
    STATIONED_AT: frozenset({(TEAM, COMMUNITY)}),
    FROM: frozenset({(TEAM, UNIT), (TEAM, PARTY_ORG)}),
    SERVES: frozenset(
        {(SERVICE_CENTER, AREA), (SERVICE_CENTER, COMMUNITY), (SERVICE_CENTER, COMPOUND),
         (SERVICE_CENTER, UNIT)}
    ),
    RUN_BY: frozenset({(SERVICE_CENTER, PARTY_ORG)}),
    MEETS_WITH: frozenset({(PARTY_ORG, UNIT)}),
    MEMBER_OF: frozenset({(PERSON, PARTY_ORG)}),
    REGISTERED_AT: frozenset({(PERSON, COMMUNITY)}),
}
REL_TYPES: Final[tuple[str, ...]] = tuple(PAIRS)

#: ``mode`` values of a COVERS edge: joint organization or host organization (挂靠).
COVER_MODES: Final[tuple[str, ...]] = ("joint", "affiliated")

#: Relationship types that tie two entities for the "one core, two circles" model
#: (SPEC section 3), in either direction. Teams add ties through FROM + STATIONED_AT.
TIE_TYPES: Final[tuple[str, ...]] = (CO_BUILDS, REPORTS_TO, COVERS, MEETS_WITH)
#: Type of a tie made by a Team (``FROM`` a sender, ``STATIONED_AT`` a community) in
#: :func:`graphkit.ties` and the tie graph; not a relationship type of the data.
TEAM_TIE: Final = "TEAM"

#: Chinese names of the ties (figures, the notebook view, graph files).
TIE_NAMES_ZH: Final[dict[str, str]] = {
    CO_BUILDS: "共建", REPORTS_TO: "隶属", COVERS: "覆盖", MEETS_WITH: "联席会议",
    TEAM_TIE: "团队（驻点/志愿）",
}

#: Coverage statuses in order of precedence (SPEC section 2).
COVERAGE_STATUSES: Final[tuple[str, ...]] = ("own", "joint", "affiliated", "instructor", "none")
#: Level of each coverage status, a higher level being better (SPEC sections 7 and 10):
#: own 3 > joint, affiliated 2 > instructor 1 > none 0. A unit improved or regressed when
#: its level rose or fell; an action is done when its units reach the projected level.
STATUS_LEVELS: Final[dict[str, int]] = {"own": 3, "joint": 2, "affiliated": 2,
                                        "instructor": 1, "none": 0}
#: The three coverage rates of SPEC section 2: own organization (单独组建率), organizational
#: coverage (组织覆盖), work coverage (工作覆盖).
RATES: Final[tuple[str, ...]] = ("own", "organization", "work")
#: Named scopes of the coverage denominator (SPEC section 2): every unit, or the two-new
#: ones (:data:`TWO_NEW_KINDS`); a collection of unit kinds is a scope too.
SCOPES: Final[tuple[str, ...]] = ("all", "two_new")
#: The groups the rates are given for (SPEC section 2), as the audit's JSON names them, with
#: the `by` of :func:`graphkit.coverage_rates` that makes each.
RATE_GROUPS: Final[dict[str, str | None]] = {
    "overall": None, "by_kind": "kind", "two_new": "two_new", "by_community": "community",
    "by_area": "area",
}

# --- columns ---------------------------------------------------------------------------
NODE_REQUIRED: Final[tuple[str, ...]] = ("id", "label", "name")
NODE_COLUMNS: Final[tuple[str, ...]] = ("id", "label", "name", "kind", "members", "rating", "joint")
EDGE_REQUIRED: Final[tuple[str, ...]] = ("source", "target", "type")
EDGE_COLUMNS: Final[tuple[str, ...]] = ("source", "target", "type", "mode", "since")

# --- Chinese display names (reports, plots) --------------------------------------------
LABEL_NAMES_ZH: Final[dict[str, str]] = {
    AREA: "街道/镇", COMMUNITY: "社区", COMPOUND: "居民小区", PARTY_ORG: "党组织",
    UNIT: "单位", SERVICE_CENTER: "党群服务中心", TEAM: "团队", PERSON: "人员",
}
KIND_NAMES_ZH: Final[dict[str, str]] = {
    "street": "街道", "town": "镇", "district": "区", "city": "市",
    "urban": "城市社区", "rural": "农村社区",
    "branch": "党支部", "general_branch": "党总支", "committee": "党委",
    "enterprise": "非公企业", "social_org": "社会组织", "market": "市场/卖场",
    "organ": "机关", "institution": "事业单位", "soe": "国有企业",
    "property": "物业公司", "owners_committee": "业委会",
    "volunteer": "志愿服务队", "stationed": "驻点团队",
    "member": "党员", "instructor": "党建工作指导员",
}
STATUS_NAMES_ZH: Final[dict[str, str]] = {
    "own": "单独组建", "joint": "联合组建", "affiliated": "挂靠组建",
    "instructor": "选派指导员", "none": "未覆盖",
}

#: The community scorecard (SPEC section 8): each of the "four integrations" (四个融合)
#: with the fields that measure it, in report order.
MECHANISMS: Final[dict[str, tuple[str, ...]]] = {
    "区域党建融汇": ("co_builders", "running_circle", "linkage_rate"),
    "组织阵地融建": ("service_centers", "service_area_m2"),
    "党员管理融管": ("reporting_members", "volunteer_teams", "team_members"),
    "社区服务融合": ("stationed_teams", "issues_resolved", "compounds",
                 "compounds_with_branch", "compounds_with_joint_meeting"),
}
MECHANISM_NAMES_ZH: Final[dict[str, str]] = {
    "co_builders": "共建党组织", "running_circle": "开展党建融合圈", "linkage_rate": "联动率",
    "service_centers": "党群服务中心", "service_area_m2": "阵地面积（m²）",
    "stationed_teams": "驻点团队", "volunteer_teams": "志愿服务队", "team_members": "团队人数",
    "issues_resolved": "解决问题（件）", "reporting_members": "报到党员",
    "compounds": "居民小区", "compounds_with_branch": "已建党支部的小区",
    "compounds_with_joint_meeting": "召开联席会议的小区",
}
#: Short column headers of the scorecard (heat maps, narrow tables).
MECHANISM_SHORT_ZH: Final[dict[str, str]] = {
    "co_builders": "共建", "running_circle": "融合圈", "linkage_rate": "联动率",
    "service_centers": "中心", "service_area_m2": "面积m²", "stationed_teams": "驻点队",
    "volunteer_teams": "志愿队", "team_members": "队员", "issues_resolved": "解决问题",
    "reporting_members": "报到党员", "compounds": "小区", "compounds_with_branch": "建支部",
    "compounds_with_joint_meeting": "联席会议",
}

# --- palettes (plots, reports) ---------------------------------------------------------
# One colour, one meaning, in every figure: roles of the circles, node labels, coverage
# statuses and the three coverage rates never share a colour (tests/test_vocab.py checks
# that any two are clearly apart).

#: Roles of SPEC section 3, in drawing order.
ROLES: Final[tuple[str, ...]] = ("core", "sub_core", "pan_core", "unlinked", "external")
#: The roles listed per community (every role but the core itself).
CIRCLE_ROLES: Final[tuple[str, ...]] = ROLES[1:]
ROLE_COLORS: Final[dict[str, str]] = {
    "core": "#c00000", "sub_core": "#e69138", "pan_core": "#f6c28b",
    "unlinked": "#a6a6a6", "external": "#3d85c6",
}
ROLE_NAMES_ZH: Final[dict[str, str]] = {
    "core": "核心（社区党组织）", "sub_core": "次核心圈", "pan_core": "泛核心圈",
    "unlinked": "未联动", "external": "外部共建单位",
}
#: Node labels (a Party organization is plum wherever it is drawn by label).
LABEL_COLORS: Final[dict[str, str]] = {
    AREA: "#38761d", COMMUNITY: "#6aa84f", COMPOUND: "#c8b88a", PARTY_ORG: "#7f3f98",
    UNIT: "#2a9d8f", SERVICE_CENTER: "#bf9000", TEAM: "#8e7cc3", PERSON: "#d5a6bd",
}
#: Coverage statuses of SPEC section 2.
STATUS_COLORS: Final[dict[str, str]] = {
    "own": "#0b6e4f", "joint": "#52b788", "affiliated": "#b7e4c7",
    "instructor": "#ffd966", "none": "#6b0f1a",
}
#: The three coverage rates (bars of :func:`graphkit.plot.plot_coverage`).
RATE_COLORS: Final[dict[str, str]] = {
    "own": "#1f2d50", "organization": "#4f6d9a", "work": "#a9bcd8",
}
#: The scorecard heat map (:func:`graphkit.plot.plot_scorecard`, the HTML report): colour
#: stops from the weakest (0) through the middle to the strongest (1) community; light
#: enough for dark text; ``SCORE_MISSING`` where a field does not apply.
SCORE_COLORS: Final[tuple[str, ...]] = ("#f4a99c", "#fdf1bf", "#9fd8ac")
SCORE_MISSING: Final = "#e6e6e6"
RATE_NAMES_ZH: Final[dict[str, str]] = {
    "own": "单独组建率", "organization": "组织覆盖率", "work": "工作覆盖率",
}

# --- following a plan through (SPEC section 10) ----------------------------------------
#: What a work list reports of an action (its 进展 column), and the Chinese words of the
#: drop-down, in order.
PROGRESS_STATES: Final[tuple[str, ...]] = ("not_started", "in_progress", "done")
PROGRESS_NAMES_ZH: Final[dict[str, str]] = {
    "not_started": "未开始", "in_progress": "推进中", "done": "已完成",
}
#: Other words read as a 进展 value (the plan's work list offered 进行中 before SPEC 10).
PROGRESS_SYNONYMS_ZH: Final[dict[str, str]] = {"进行中": "in_progress"}
#: What a later snapshot shows of a planned action, in report order.
VERIFIED_STATES: Final[tuple[str, ...]] = ("done", "partly_done", "not_done", "gone")
VERIFIED_NAMES_ZH: Final[dict[str, str]] = {
    "done": "已完成", "partly_done": "部分完成", "not_done": "未完成", "gone": "单位已不在",
}
#: Where the work list and the snapshot disagree, in precedence order.
DISCREPANCIES: Final[tuple[str, ...]] = (
    "reported_done_not_verified", "done_not_reported", "overdue",
)
DISCREPANCY_NAMES_ZH: Final[dict[str, str]] = {
    "reported_done_not_verified": "报已完成但数据未体现",
    "done_not_reported": "已完成但未报",
    "overdue": "逾期未完成",
}


def default_kind(label: str) -> str:
    """Return the default ``kind`` of `label` (the first allowed, or ``""`` for free text).

    Examples
    --------
    >>> default_kind("Unit")
    'enterprise'
    >>> default_kind("Compound")
    ''
    """
    kinds = KINDS[label]
    return kinds[0] if kinds else ""


def allowed_pair(rel_type: str, source_label: str, target_label: str) -> bool:
    """Whether a `rel_type` edge may go from a `source_label` node to a `target_label` node.

    Examples
    --------
    >>> allowed_pair("LOCATED_IN", "Unit", "Compound")
    True
    >>> allowed_pair("LOCATED_IN", "PartyOrg", "Compound")
    False
    """
    return (source_label, target_label) in PAIRS.get(rel_type, frozenset())
