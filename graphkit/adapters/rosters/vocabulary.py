"""The rosters' vocabulary (SPEC section 9), defined once.

Roster kinds with their fields, header synonyms, value mappings and the columns never
read: recognition, normalization, the inverse (:func:`graphkit.adapters.rosters.write_rosters`),
the template's drop-downs and the docs all read it from here.

Examples
--------
>>> from graphkit.adapters.rosters import vocabulary as RV
>>> RV.ROSTERS["单位"].required
('单位名称', '单位类型')
>>> RV.UNIT_TYPES["民营企业"], RV.ORG_CATEGORIES["联合党支部"]
('enterprise', ('branch', True))
>>> RV.standard_header(" 党员数（人）", "党组织")
'党员数'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from ... import vocab as V

__all__ = [
    "AREA_TYPES", "CENTER_LEVELS", "COMMUNITY_TYPES", "FIELD_PROPERTIES", "INSTRUCTIONS",
    "MULTI_FIELDS", "NEVER_READ", "ORG_CATEGORIES", "PARITIES", "ROSTERS", "SYNONYMS",
    "TEAM_TYPES", "UNIT_TYPES", "Roster", "header_key", "standard_header", "value_key",
]


@dataclass(frozen=True)
class Roster:
    """One kind of roster: its Chinese name, its fields (standard headers, in template
    order) and which of them are required, and the node label its rows become (None for
    rosters of ties and of road ranges)."""

    name: str
    english: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    label: str | None


#: Every roster of SPEC section 9, in the order they are read (a roster refers only to
#: those above it, but for the organizations' own hierarchy) and written.
ROSTERS: Final[dict[str, Roster]] = {r.name: r for r in (
    Roster("街道", "areas", ("名称", "类型", "上级"), ("名称",), V.AREA),
    Roster("社区", "communities", ("社区名称", "所属街道", "类型"), ("社区名称", "所属街道"),
           V.COMMUNITY),
    Roster("小区", "compounds", ("小区名称", "所属社区", "所属街道"), ("小区名称", "所属社区"),
           V.COMPOUND),
    Roster("门牌", "road ranges", ("社区", "道路", "起号", "止号", "单双", "所属街道"),
           ("社区", "道路"), None),
    Roster("单位", "units", ("单位名称", "统一社会信用代码", "单位类型", "行业", "所在社区",
                           "所在小区", "地址", "所属街道", "党员数"),
           ("单位名称", "单位类型"), V.UNIT),
    Roster("党组织", "organizations", ("党组织名称", "党组织类别", "上级党组织", "所在单位",
                                  "所在社区", "所在小区", "所在街道", "所属街道", "党员数",
                                  "星级", "联合覆盖单位", "挂靠单位"),
           ("党组织名称", "党组织类别"), V.PARTY_ORG),
    Roster("指导员", "instructors", ("编号", "指导单位"), ("编号", "指导单位"), V.PERSON),
    Roster("共驻共建", "co-building", ("单位党组织", "社区党组织", "签订日期"),
           ("单位党组织", "社区党组织"), None),
    Roster("团队", "teams", ("团队名称", "类型", "派出单位", "服务社区", "所属街道", "人数",
                           "解决问题数", "派驻日期"),
           ("团队名称", "类型", "派出单位", "服务社区"), V.TEAM),
    Roster("党群服务中心", "centres",
           ("名称", "层级", "服务范围", "所属街道", "运营党组织", "面积"),
           ("名称", "层级", "服务范围"), V.SERVICE_CENTER),
    Roster("报到党员", "reporting members", ("编号", "报到社区", "所属街道", "所在党组织",
                                       "报到日期"),
           ("编号", "报到社区"), V.PERSON),
    Roster("联席会议", "joint meetings", ("小区党组织", "参会单位"), ("小区党组织", "参会单位"),
           None),
)}

#: Header synonyms -> the standard headers they may stand for, the first that is a field of
#: the roster wins (SPEC section 9's "at least" these, and the words offices use: 社区 is
#: 所在社区 in a roster of units, 所属社区 in one of compounds, 报到社区 in one of members).
SYNONYMS: Final[dict[str, tuple[str, ...]]] = {
    "正式党员数": ("党员数",), "党员人数": ("党员数",), "在册党员数": ("党员数",),
    "单位性质": ("单位类型",), "单位类别": ("单位类型",),
    "组织类别": ("党组织类别",), "类别": ("党组织类别",), "组织类型": ("党组织类别",),
    "党组织类型": ("党组织类别",),
    "街道": ("所属街道",), "镇街": ("所属街道",), "所属镇街": ("所属街道",),
    "所在镇街": ("所属街道",), "街道(镇)": ("所属街道",),
    "评定等次": ("星级",), "星级评定": ("星级",),
    "信用代码": ("统一社会信用代码",), "社会信用代码": ("统一社会信用代码",),
    "社区": ("所在社区", "所属社区", "报到社区", "服务社区"),
    "所属社区": ("所在社区",), "所在社区": ("所属社区", "报到社区"),
    "小区": ("所在小区", "小区名称"), "所属小区": ("所在小区",),
    "组织名称": ("党组织名称",), "上级组织": ("上级党组织",), "上级党委": ("上级党组织",),
    "依托单位": ("所在单位",), "单位名称": ("所在单位", "指导单位"),
    "团队类型": ("类型",), "社区类型": ("类型",), "级别": ("层级",),
    "团队人数": ("人数",), "队员人数": ("人数",),
    "阵地面积": ("面积",), "使用面积": ("面积",), "建筑面积": ("面积",),
    "签订时间": ("签订日期",), "派驻时间": ("派驻日期",), "报到时间": ("报到日期",),
    "党员编号": ("编号",), "指导员编号": ("编号",), "门牌号起": ("起号",),
    "门牌号止": ("止号",),
}

#: Columns never read, whatever the roster (PIPL: data minimization): listed as ignored,
#: their values never quoted.
NEVER_READ: Final[frozenset[str]] = frozenset({
    "姓名", "名字", "身份证号", "身份证号码", "公民身份号码", "身份证", "电话", "联系电话",
    "手机", "手机号", "手机号码", "联系方式",
})

#: Fields that may list several names in one cell (separated by 、 , ， ; ； or a line
#: break); every other reference names one entity.
MULTI_FIELDS: Final[frozenset[str]] = frozenset({
    "联合覆盖单位", "挂靠单位", "指导单位", "参会单位", "服务范围", "服务社区", "派出单位",
})

#: Fields that become node properties (SPEC section 9 pins), by roster.
FIELD_PROPERTIES: Final[dict[str, str]] = {
    "党员数": "members", "人数": "members", "星级": "rating", "行业": "industry",
    "解决问题数": "issues_resolved", "面积": "area_m2", "统一社会信用代码": "credit_code",
    "地址": "address",
}

# --- value mappings (the first value of each kind is the one the inverse writes) ------------

#: 党组织类别 -> (kind, joint).
ORG_CATEGORIES: Final[dict[str, tuple[str, bool]]] = {
    "党委": ("committee", False), "党总支": ("general_branch", False),
    "党支部": ("branch", False), "联合党支部": ("branch", True),
    "联合党总支": ("general_branch", True), "联合党委": ("committee", True),
}
#: 单位类型 -> Unit kind.
UNIT_TYPES: Final[dict[str, str]] = {
    "非公企业": "enterprise", "民营企业": "enterprise", "私营企业": "enterprise",
    "企业": "enterprise",
    "社会组织": "social_org", "社会团体": "social_org", "民办非企业单位": "social_org",
    "市场": "market", "商场": "market", "卖场": "market",
    "机关": "organ", "事业单位": "institution", "国有企业": "soe", "国企": "soe",
    "物业公司": "property", "物业服务企业": "property",
    "业委会": "owners_committee", "业主委员会": "owners_committee",
}
#: 街道 roster 类型 -> Area kind (blank: street).
AREA_TYPES: Final[dict[str, str]] = {"街道": "street", "镇": "town", "区": "district",
                                     "市": "city"}
#: 社区 roster 类型 -> Community kind (blank: urban).
COMMUNITY_TYPES: Final[dict[str, str]] = {"城市社区": "urban", "农村社区": "rural"}
#: 团队 类型 -> Team kind.
TEAM_TYPES: Final[dict[str, str]] = {"驻点": "stationed", "志愿": "volunteer",
                                     "驻点团队": "stationed", "志愿服务队": "volunteer"}
#: 层级 -> ServiceCenter kind (also with 级: 街道级).
CENTER_LEVELS: Final[dict[str, str]] = {
    "街道": "street", "社区": "community", "小区": "compound", "行业": "industry",
    "街道级": "street", "社区级": "community", "小区级": "compound", "行业级": "industry",
}
#: 单双 -> which house numbers a road range holds (blank: 全).
PARITIES: Final[dict[str, str]] = {"全": "all", "单": "odd", "双": "even"}

#: The 说明 sheet of the template, one paragraph a line.
INSTRUCTIONS: Final[tuple[str, ...]] = (
    "本工作簿是 graphkit 的名册模板：每个工作表是一份名册，第一行是标准表头（红色的为必填）。",
    "填好后运行 graphkit import 本文件 --out 数据集文件夹，再运行 graphkit audit 数据集文件夹。",
    "名称按各自名册的写法填写；引用其他名册的单元格（所在社区、上级党组织、派出单位……）写对方的名称，"
    "单位可写统一社会信用代码。同名社区请填“所属街道”。",
    "一个单元格列出多个名称时，用 、 ， ； 或换行分隔（联合覆盖单位、挂靠单位、指导单位、参会单位、"
    "服务范围、服务社区、派出单位）。",
    "党组织的所在单位、所在社区、所在小区、所在街道每行至多填一项；都不填时，按“中共××支部委员会”"
    "等名称中的××认定其所在。",
    "只有地址的单位，按“门牌”名册的道路和起止门牌号认定所在社区（单双：单、双或全）。",
    "日期可写 2021-03-05、2021/3/5 或 2021年3月5日。星级可写 五星、★★★★★、5 或 5星。",
    "报到党员和指导员只填编号：不填姓名、身份证号、电话（这些列不会被读取）。",
    "序号、备注等其他列不会被读取，导入时列在汇总中。",
)

# --- headers and values as compared -------------------------------------------------------

_SPACE = re.compile(r"\s+")
_REMARK = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]$")


def header_key(text: str) -> str:
    """A header as compared: NFKC, all white space and invisible characters removed, a
    trailing remark in brackets dropped, a trailing ``*`` (required) dropped.

    Examples
    --------
    >>> header_key("党员数（人）"), header_key(" 单位 名称* "), header_key("面积(㎡)")
    ('党员数', '单位名称', '面积')
    """
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = _SPACE.sub("", text).rstrip("*")
    while True:
        stripped = _REMARK.sub("", text)
        if stripped == text or not stripped:
            return text.rstrip("*")
        text = stripped


def standard_header(text: str, roster: str) -> str | None:
    """The standard field of `roster` that header `text` names, or None."""
    key = header_key(text)
    fields = ROSTERS[roster].fields
    if key in fields:
        return key
    return next((f for f in SYNONYMS.get(key, ()) if f in fields), None)


def value_key(text: str) -> str:
    """A value as compared with a mapping: NFKC, white space removed.

    Examples
    --------
    >>> value_key(" 联合 党支部 ")
    '联合党支部'
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))
