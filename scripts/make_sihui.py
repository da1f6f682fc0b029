#!/usr/bin/env python3
"""Generate the bundled sample dataset ``data/sihui`` (四会市城区基层党建网络, 示例).

The dataset reproduces, exactly, the figures reported in the article
"多措并举 多点发力 全面促进城市基层党建创新升级" by 黎庆文 (四会市委组织部);
everything else (names of the other communities, compounds and units, the ties
between them, ratings, member counts) is illustrative and generated here from a
fixed random seed.  See ``data/sihui/README.md``.

Usage::

    python scripts/make_sihui.py [OUT_DIR]      # default: <repo>/data/sihui

Standard library only; running it twice gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "data" / "sihui"
SEED = 20200930
SNAPSHOT = "2020-09-30"

DATASET_META = {
    "name": "四会市城区基层党建网络（示例）",
    "snapshot": SNAPSHOT,
    "description": (
        "示例数据：按黎庆文《多措并举 多点发力 全面促进城市基层党建创新升级》"
        "（四会市委组织部）所报数字构建的城区基层党建网络。42个驻点团队解决问题3398件、"
        "109支市直机关党员志愿服务队6042名在职党员、街道党群服务中心3个和社区党群服务中心42个、"
        "15个社区与74个市直机关企事业单位和22个两新组织同驻共建、12个玉器卖场6个党组织147名党员、"
        "盈峰国际小区党群活动中心500平方米、万兴隆翡翠城党群服务中心2000平方米等数字与原文一致；"
        "其余社区、小区、单位名称及其关系、评级、党员数均为虚构示意，不是真实数据。"
        " Illustrative sample: the article's figures are reproduced exactly, "
        "everything else is made up."
    ),
}

# fmt: off
NODE_COLUMNS = [
    "id", "label", "name", "kind", "members", "rating", "joint",
    "industry", "issues_resolved", "area_m2",
]
EDGE_COLUMNS = ["source", "target", "type", "mode", "since"]
LABEL_ORDER = [
    "Area", "Community", "Compound", "PartyOrg", "Unit", "ServiceCenter", "Team", "Person",
]
TYPE_ORDER = [
    "PART_OF", "LOCATED_IN", "BELONGS_TO", "REPORTS_TO", "COVERS", "GUIDES", "CO_BUILDS",
    "STATIONED_AT", "FROM", "SERVES", "RUN_BY", "MEETS_WITH", "MEMBER_OF", "REGISTERED_AT",
]

# ---------------------------------------------------------------- figures (exact)
N_STATIONED_TEAMS = 42
ISSUES_RESOLVED = 3398
N_VOLUNTEER_TEAMS = 109
VOLUNTEER_MEMBERS = 6042
N_CIRCLE_COMMUNITIES = 15
N_COBUILD_GOV = 74
N_COBUILD_TWO_NEW = 22
JADE_ORG_MEMBERS = 147
COMPOUND_CENTER_M2 = 500
INDUSTRY_CENTER_M2 = 2000

# ---------------------------------------------------------------- geography
AREAS = [
    ("area-dc", "东城街道", "street", "东城街道党工委"),
    ("area-cz", "城中街道", "street", "城中街道党工委"),
    ("area-zs", "贞山街道", "street", "贞山街道党工委"),
    ("area-ds", "大沙镇", "town", "大沙镇党委"),
]

COMMUNITIES = {
    "area-dc": ["沙田园", "玉城", "东门", "龙湾", "清塘", "江滨", "东华", "新城", "城东",
                "东兴", "华侨", "金田", "东岗", "翠湖"],
    "area-cz": ["城中", "中山", "人民", "光明", "古塔", "正东", "南门", "北门", "西门",
                "仓岗", "高街", "和平", "文昌"],
    "area-zs": ["贞山", "彩虹", "福田", "清平", "仓丰", "南兴", "龙溪", "兴贤", "六合",
                "江畔", "坑口", "龙湖"],
    "area-ds": ["大沙", "马房", "富溪", "新村", "长布", "沙岗", "旺岗", "新屋"],
}
# the 15 communities running the "party-building integration circle" (一核双圈)
CIRCLE = {"沙田园", "玉城", "东门", "龙湾", "清塘", "城中", "中山", "人民", "光明", "古塔",
          "贞山", "彩虹", "福田", "大沙", "马房"}
RURAL = {"旺岗", "新屋"}
NO_CORE = {"龙湖", "新屋"}                         # gap: community_without_core
NO_CENTER = {"龙湖", "新屋", "旺岗", "坑口", "翠湖"}  # gap: no_service_center
NO_STATIONED = {"龙湖", "新屋", "翠湖", "和平", "沙岗"}  # gap: no_stationed_team

COMPOUND_NAMES = [
    "江景花园", "御景华庭", "翡翠名苑", "金水湾", "锦绣华城", "东城名苑", "龙湾新城", "名门世家",
    "山水华庭", "玉城花园", "富豪山庄", "帝景湾", "江滨花园", "悦澜山", "紫荆花园", "凤凰城",
    "丽景湾", "城市花园", "幸福里", "君悦豪庭", "翠湖居", "新城国际", "明珠花园", "金沙湾",
    "碧水华庭", "侨苑新村", "绿茵雅居", "海逸豪庭", "怡景花园", "聚龙湾", "南江公馆", "青山雅苑",
    "兰亭花园", "天悦湾", "嘉信华府", "万象新城", "锦江华庭", "翠竹苑", "东湖名都", "金色家园",
    "阳光花园", "荔园新村", "宝华小区", "瑞景花园", "康乐苑", "书香名邸", "彩云华庭", "福临苑",
    "清风雅苑", "溪畔花园", "沙湖小区", "骏景花园", "富逸雅苑", "长宁新城", "金岗小区", "和悦华庭",
    "贤居名苑", "江畔豪庭", "桂苑新村",
]
COMPOUND_SPLIT = [("area-dc", 21), ("area-cz", 16), ("area-zs", 14), ("area-ds", 8)]

# ---------------------------------------------------------------- units
# organs: (name, short name used in team/org names)
ORGANS = [
    "中共四会市委办公室", "四会市人大常委会办公室", "四会市人民政府办公室",
    "政协四会市委员会办公室", "中共四会市纪律检查委员会", "中共四会市委组织部",
    "中共四会市委宣传部", "中共四会市委统战部", "中共四会市委政法委员会",
    "中共四会市委机构编制委员会办公室", "中共四会市委巡察工作领导小组办公室",
    "中共四会市委老干部局", "四会市发展和改革局", "四会市教育局", "四会市科学技术和工业信息化局",
    "四会市公安局", "四会市民政局", "四会市司法局", "四会市财政局", "四会市人力资源和社会保障局",
    "四会市自然资源局", "四会市住房和城乡建设局", "四会市交通运输局", "四会市水利局",
    "四会市农业农村局", "四会市商务局", "四会市文化广电旅游体育局", "四会市卫生健康局",
    "四会市退役军人事务局", "四会市应急管理局", "四会市审计局", "四会市国有资产监督管理局",
    "四会市市场监督管理局", "四会市统计局", "四会市医疗保障局", "四会市城市管理和综合执法局",
    "四会市信访局", "四会市政务服务数据管理局", "四会市林业局", "四会市机关事务管理局",
    "四会市投资促进局", "肇庆市生态环境局四会分局", "国家税务总局四会市税务局", "四会市气象局",
    "四会市消防救援大队", "四会市人民法院", "四会市人民检察院", "四会市总工会",
    "共青团四会市委员会", "四会市妇女联合会", "四会市工商业联合会", "四会市科学技术协会",
    "四会市残疾人联合会", "四会市供销合作联社", "四会市玉器产业管理办公室", "四会市地方志办公室",
    "四会市红十字会", "四会市文学艺术界联合会",
]
# organs hosted by another organ's Party organization (挂靠): name -> host organ, members
ORGANS_AFFILIATED = {
    "四会市红十字会": ("四会市卫生健康局", 2),
    "四会市文学艺术界联合会": ("中共四会市委宣传部", 3),   # gap: should_form_branch
}
ORGANS_NO_VOLUNTEERS = {"四会市地方志办公室", "四会市气象局"}
# rough size classes (drive how many volunteer teams an organ sends; illustrative)
BIG_ORGANS = {
    "四会市公安局", "四会市教育局", "四会市卫生健康局", "四会市人民法院", "四会市人民检察院",
    "国家税务总局四会市税务局", "四会市自然资源局", "四会市住房和城乡建设局",
    "四会市城市管理和综合执法局", "四会市市场监督管理局", "四会市人民政府办公室", "四会市财政局",
    "四会市人力资源和社会保障局", "四会市农业农村局", "四会市交通运输局", "四会市水利局",
    "中共四会市纪律检查委员会", "中共四会市委组织部", "四会市民政局", "四会市消防救援大队",
}
SMALL_ORGANS = {
    "中共四会市委机构编制委员会办公室", "中共四会市委巡察工作领导小组办公室",
    "中共四会市委老干部局",
    "四会市信访局", "四会市统计局", "四会市机关事务管理局", "四会市投资促进局",
    "四会市玉器产业管理办公室", "四会市科学技术协会", "四会市残疾人联合会", "四会市供销合作联社",
    "四会市工商业联合会", "四会市妇女联合会", "共青团四会市委员会",
}

# institutions: (name, supervising organ or None = 市直机关工委, members range)
INSTITUTIONS = [
    ("四会市人民医院", "四会市卫生健康局", (150, 220)),
    ("四会市中医院", "四会市卫生健康局", (80, 130)),
    ("四会市妇幼保健院", "四会市卫生健康局", (30, 60)),
    ("四会市疾病预防控制中心", "四会市卫生健康局", (15, 30)),
    ("四会市第二人民医院", "四会市卫生健康局", (20, 45)),
    ("四会市东城街道社区卫生服务中心", "四会市卫生健康局", (8, 20)),
    ("四会市城中街道社区卫生服务中心", "四会市卫生健康局", (8, 20)),
    ("四会市贞山街道社区卫生服务中心", "四会市卫生健康局", (6, 15)),
    ("四会市急救指挥中心", "四会市卫生健康局", (3, 8)),
    ("广东四会中学", "四会市教育局", (90, 140)),
    ("四会市华侨中学", "四会市教育局", (50, 90)),
    ("四会市四会中学", "四会市教育局", (50, 90)),
    ("四会市实验中学", "四会市教育局", (30, 60)),
    ("四会市东城中学", "四会市教育局", (25, 50)),
    ("四会市贞山中学", "四会市教育局", (20, 45)),
    ("四会市第一小学", "四会市教育局", (20, 40)),
    ("四会市第二小学", "四会市教育局", (15, 35)),
    ("四会市第三小学", "四会市教育局", (15, 35)),
    ("四会市东城小学", "四会市教育局", (12, 30)),
    ("四会市城中小学", "四会市教育局", (12, 30)),
    ("四会市贞山小学", "四会市教育局", (10, 25)),
    ("四会市大沙中心小学", "四会市教育局", (10, 25)),
    ("四会市职业技术学校", "四会市教育局", (30, 60)),
    ("四会市特殊教育学校", "四会市教育局", (4, 10)),
    ("四会市机关幼儿园", "四会市教育局", (4, 10)),
    ("中共四会市委党校", None, (10, 25)),
    ("四会市融媒体中心", "中共四会市委宣传部", (20, 45)),
    ("四会市图书馆", "四会市文化广电旅游体育局", (4, 10)),
    ("四会市博物馆", "四会市文化广电旅游体育局", (3, 8)),
    ("四会市文化馆", "四会市文化广电旅游体育局", (4, 10)),
    ("四会市体育运动学校", "四会市文化广电旅游体育局", (4, 10)),
    ("四会市档案馆", None, (4, 10)),
    ("四会市公证处", "四会市司法局", (3, 8)),
    ("四会市社会福利院", "四会市民政局", (4, 10)),
    ("四会市殡葬服务中心", "四会市民政局", (3, 8)),
    ("四会市不动产登记中心", "四会市自然资源局", (6, 15)),
    ("四会市公共资源交易中心", "四会市政务服务数据管理局", (5, 12)),
    ("四会市环境卫生管理所", "四会市城市管理和综合执法局", (6, 15)),
    ("四会市园林绿化管理所", "四会市城市管理和综合执法局", (4, 10)),
    ("四会市农业技术推广中心", "四会市农业农村局", (5, 12)),
    ("四会市动物疫病预防控制中心", "四会市农业农村局", (3, 8)),
    ("四会市水文站", "四会市水利局", (2, 2)),
    ("四会市青少年宫", "共青团四会市委员会", (2, 2)),
]
# institutions hosted by their supervising organ's Party organization (挂靠)
INSTITUTIONS_AFFILIATED = {"四会市水文站", "四会市青少年宫"}

# state-owned enterprises: (name, reports to 国资局 org?)
SOES = [
    ("四会市城市建设投资有限公司", True), ("四会市自来水有限公司", True),
    ("四会市公共汽车有限公司", True), ("四会市粮食储备有限公司", True),
    ("四会市国有资产经营有限公司", True), ("四会市交通建设投资有限公司", True),
    ("四会市旅游发展有限公司", True), ("四会市市场开发服务有限公司", True),
    ("四会市保安服务有限公司", True), ("四会市燃气有限公司", True),
    ("广东四会农村商业银行股份有限公司", False), ("中国工商银行四会支行", False),
    ("中国建设银行四会支行", False), ("中国农业银行四会支行", False),
    ("中国银行四会支行", False), ("中国邮政集团有限公司四会市分公司", False),
    ("中国移动通信集团广东有限公司四会分公司", False), ("中国电信股份有限公司四会分公司", False),
    ("中国联合网络通信有限公司四会分公司", False), ("广东电网有限责任公司四会供电局", False),
]
SOES_AFFILIATED = {"四会市保安服务有限公司": 2, "四会市旅游发展有限公司": 1}

# the 12 jade markets: (name, members employed, coverage)
#   own:<org name>:<org kind>:<org members>   joint:<lead>   affiliated:<host>
JADE_MARKETS = [
    ("万兴隆翡翠城", 45, "own", "万兴隆翡翠城党总支", "general_branch", 45),
    ("天光墟玉器市场", 28, "own", "天光墟玉器市场党支部", "branch", 28),
    ("玉博园", 22, "own", "玉博园党支部", "branch", 22),
    ("四会玉器城", 18, "own", "四会玉器城党支部", "branch", 18),
    ("玉器街商城", 9, "own", "玉器街商户联合党支部", "branch", 19),
    ("华宝玉器广场", 2, "joint", "玉器街商城", None, None),
    ("金玉坊玉器市场", 0, "joint", "玉器街商城", None, None),
    ("东方翡翠城", 1, "affiliated", "天光墟玉器市场", None, None),
    ("翡翠玉器交易中心", 8, "own", "翡翠玉器交易中心联合党支部", "branch", 15),
    ("龙珠玉器城", 2, "joint", "翡翠玉器交易中心", None, None),
    ("岭南玉石市场", 0, "affiliated", "万兴隆翡翠城", None, None),
    ("福地玉器城", 1, "joint", "玉器街商城", None, None),
]
JADE_JOINT_ORGS = {"玉器街商户联合党支部", "翡翠玉器交易中心联合党支部"}
JADE_COMMUNITIES = ["玉城", "东门", "东华", "城东", "城中", "中山", "正东"]

# other (non-jade) markets: (name, industry, community, members, coverage plan)
OTHER_MARKETS = [
    ("四会市城中农贸市场", "produce", "城中", 6, "own"),
    ("四会市东城农贸市场", "produce", "东华", 2, "affiliated"),
    ("四会市贞山农贸市场", "produce", "贞山", 0, "instructor"),
    ("四会市大沙农贸市场", "produce", "大沙", 1, "affiliated"),
    ("四会市建材市场", "building_materials", "城东", 4, "own"),
    ("四会市水果批发市场", "produce", "仓丰", 0, "none"),
    ("四会市兰花市场", "flowers", "清平", 1, "affiliated"),
]

BRANDS = [
    "华盛", "宏达", "鸿运", "金辉", "信达", "顺兴", "恒丰", "永利", "嘉华", "广信", "利源", "诚信",
    "新力", "东盛", "南星", "日升", "华兴", "旺达", "美嘉", "冠华", "裕丰", "荣昌", "盈丰", "海誉",
    "骏达", "锦泰", "鼎盛", "瑞丰", "远航", "富源", "万通", "同心", "宏图", "益民", "昌盛", "天顺",
    "祥和", "众诚", "粤泰", "西江", "绥江", "会城", "龙江", "凯达", "泰和", "福满", "新宇", "宝丰",
    "安达", "长兴", "精工", "佳美", "明辉", "金鹰", "荣达", "和兴", "立信", "汇通", "德润", "创元",
]
BUSINESSES = [
    ("五金制品有限公司", "manufacturing"), ("电子科技有限公司", "manufacturing"),
    ("机械设备有限公司", "manufacturing"), ("塑料制品有限公司", "manufacturing"),
    ("金属材料有限公司", "manufacturing"), ("家具有限公司", "manufacturing"),
    ("食品有限公司", "manufacturing"), ("纺织有限公司", "manufacturing"),
    ("包装材料有限公司", "manufacturing"), ("印刷有限公司", "manufacturing"),
    ("建筑工程有限公司", "construction"), ("装饰工程有限公司", "construction"),
    ("建材贸易有限公司", "trade"), ("贸易有限公司", "trade"), ("商贸有限公司", "trade"),
    ("物流有限公司", "logistics"), ("运输有限公司", "logistics"),
    ("餐饮管理有限公司", "catering"), ("酒店有限公司", "catering"),
    ("网络科技有限公司", "tech"), ("信息技术有限公司", "tech"), ("环保科技有限公司", "tech"),
    ("广告传媒有限公司", "services"), ("教育咨询有限公司", "services"),
    ("人力资源服务有限公司", "services"), ("房地产开发有限公司", "real_estate"),
    ("医药连锁有限公司", "retail"), ("百货有限公司", "retail"),
    ("汽车销售服务有限公司", "retail"), ("农业发展有限公司", "agriculture"),
]
N_ENTERPRISES = 150

SOCIAL_ORGS = [
    "四会市玉器行业协会", "四会市个体劳动者协会", "四会市私营企业协会", "四会市餐饮行业协会",
    "四会市物业管理协会", "四会市建筑业协会", "四会市律师协会", "四会市慈善会",
    "四会市义工联合会", "四会市青年企业家协会", "四会市女企业家协会", "四会市摄影家协会",
    "四会市书法家协会", "四会市老年人体育协会", "四会市篮球协会", "四会市象棋协会",
    "四会市砂糖桔协会", "四会市兰花协会", "四会市电子商务协会", "四会市物流协会",
    "四会市汽车维修行业协会", "四会市美容美发协会", "四会市家政服务协会", "四会市江西商会",
    "四会市湖南商会", "四会市潮汕商会", "四会市广西商会", "四会市福建商会",
    "四会市乐善社会工作服务中心", "四会市同心社会工作服务中心", "四会市阳光社会工作服务中心",
    "四会市康乐居家养老服务中心", "四会市颐年养老院", "四会市明德培训中心",
    "四会市心理咨询协会", "四会市环保志愿者协会", "四会市蓝天救援队", "四会市青少年足球协会",
]

PERSON_NAMES = [
    "梁志坚", "陈淑仪", "李国华", "黄丽芬", "何嘉明", "吴少琼",        # instructors
]
# invented names of the in-service members (personal data: never in an output)
SURNAMES = "陈李黄梁何吴冯邓罗周谭苏张林刘杨叶钟莫谢郭蔡曾彭潘区麦卢江"
GIVEN = "志伟强明华丽芬嘉敏慧玲建新家豪晓红淑仪国少琼俊杰文婷海燕子健永康秀英金凤浩然思颖"

CN_NUM = "一二三四五六七八九十"
# fmt: on


class Graph:
    """Accumulates nodes and edges; refuses duplicates."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: list[dict] = []
        self._keys: set[tuple[str, str, str]] = set()
        self.gaps: dict[str, object] = {}

    def check(self) -> None:
        for e in self.edges:
            for end in (e["source"], e["target"]):
                if end not in self.nodes:
                    raise ValueError(f"edge {e}: unknown node {end}")

    def node(self, nid: str, label: str, name: str, kind: str = "", **props) -> str:
        if nid in self.nodes:
            raise ValueError(f"duplicate node id {nid}")
        row = {"id": nid, "label": label, "name": name, "kind": kind}
        row.update(props)
        self.nodes[nid] = row
        return nid

    def edge(self, source: str, target: str, etype: str, mode: str = "", since: str = "") -> None:
        key = (source, target, etype)
        if key in self._keys:
            raise ValueError(f"duplicate edge {key}")
        self._keys.add(key)
        self.edges.append(
            {"source": source, "target": target, "type": etype, "mode": mode, "since": since}
        )


class Ids:
    """Sequential ids, one prefix per label."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}

    def next(self, prefix: str, width: int) -> str:
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}-{n:0{width}d}"


def alloc_exact(rng: random.Random, total: int, n: int, lo: int, hi: int) -> list[int]:
    """n integers in [lo, hi] summing exactly to total."""
    if not n * lo <= total <= n * hi:
        raise ValueError("infeasible allocation")
    vals = [rng.randint(lo, hi) for _ in range(n)]
    diff = total - sum(vals)
    while diff:
        i = rng.randrange(n)
        if diff > 0 and vals[i] < hi:
            vals[i] += 1
            diff -= 1
        elif diff < 0 and vals[i] > lo:
            vals[i] -= 1
            diff += 1
    return vals


def rand_date(rng: random.Random, start: str, end: str) -> str:
    a = _dt.date.fromisoformat(start)
    b = _dt.date.fromisoformat(end)
    return (a + _dt.timedelta(days=rng.randint(0, (b - a).days))).isoformat()


def org_kind_for(members: int) -> tuple[str, str]:
    """(kind, name suffix) of a unit's own organization by size."""
    if members >= 80:
        return "committee", "党委"
    if members >= 40:
        return "general_branch", "党总支"
    return "branch", "党支部"


def build() -> Graph:
    rng = random.Random(SEED)
    g = Graph()
    ids = Ids()

    # ------------------------------------------------------------ areas
    g.node("area-sh", "Area", "四会市", "city")
    for aid, name, kind, _ in AREAS:
        g.node(aid, "Area", name, kind)
        g.edge(aid, "area-sh", "PART_OF")

    # ------------------------------------------------------------ communities
    comm: dict[str, dict] = {}  # id -> info
    by_short: dict[str, str] = {}  # short name -> id
    for aid, names in COMMUNITIES.items():
        for short in names:
            cid = ids.next("com", 3)
            info = {
                "id": cid,
                "short": short,
                "name": f"{short}社区",
                "area": aid,
                "circle": short in CIRCLE,
                "core": None,
            }
            comm[cid] = info
            by_short[short] = cid
            g.node(cid, "Community", info["name"], "rural" if short in RURAL else "urban")
            g.edge(cid, aid, "PART_OF")
    assert sum(c["circle"] for c in comm.values()) == N_CIRCLE_COMMUNITIES
    comm_ids = sorted(comm)
    circle_ids = [c for c in comm_ids if comm[c]["circle"]]

    def comm_in(area: str, urban_only: bool = False) -> list[str]:
        return [
            c
            for c in comm_ids
            if comm[c]["area"] == area and not (urban_only and comm[c]["short"] in RURAL)
        ]

    def pick_comm(areas: dict[str, float], circle_weight: float = 1.0) -> str:
        pool, weights = [], []
        for c in comm_ids:
            w = areas.get(comm[c]["area"], 0.0)
            if w <= 0:
                continue
            pool.append(c)
            weights.append(w * (circle_weight if comm[c]["circle"] else 1.0))
        return rng.choices(pool, weights)[0]

    # ------------------------------------------------------------ Party: upper levels
    org_info: dict[str, dict] = {}

    def add_org(
        name: str,
        kind: str,
        home: str,
        members: int | None,
        rating: int | None,
        joint: bool = False,
        reports_to: str | None = None,
    ) -> str:
        oid = ids.next("org", 4)
        g.node(
            oid,
            "PartyOrg",
            name,
            kind,
            members=members,
            rating=rating,
            joint="true" if joint else "false",
        )
        g.edge(oid, home, "BELONGS_TO")
        org_info[oid] = {"name": name, "home": home, "reports_to": reports_to}
        return oid

    city_org = add_org("中共四会市委员会", "committee", "area-sh", None, None)
    organs_wc = add_org(
        "中共四会市直属机关工作委员会", "committee", "area-sh", None, None, reports_to=city_org
    )
    jade_committee = add_org(
        "四会市玉器行业党委", "committee", "area-sh", None, None, reports_to=city_org
    )
    street_org: dict[str, str] = {}
    for aid, _name, _kind, oname in AREAS:
        street_org[aid] = add_org(oname, "committee", aid, None, None, reports_to=city_org)

    # community cores
    for cid in comm_ids:
        c = comm[cid]
        if c["short"] in NO_CORE:
            continue
        if c["circle"] or rng.random() < 0.35:
            kind, suffix, members = "committee", "党委", rng.randint(35, 90)
        elif c["short"] in RURAL:
            kind, suffix, members = "branch", "党支部", rng.randint(12, 30)
        else:
            kind, suffix, members = "general_branch", "党总支", rng.randint(20, 50)
        rating = rng.randint(4, 5) if c["circle"] else rng.randint(2, 5)
        c["core"] = add_org(
            f"{c['name']}{suffix}", kind, cid, members, rating, reports_to=street_org[c["area"]]
        )

    def local_superior(cid: str | None) -> str:
        """The community core, or the street committee when the community has none."""
        if cid is None:
            raise ValueError("no community")
        return comm[cid]["core"] or street_org[comm[cid]["area"]]

    # ------------------------------------------------------------ compounds
    cpd: dict[str, dict] = {}
    name_iter = iter(["盈峰国际", *COMPOUND_NAMES])
    first = True
    for aid, count in COMPOUND_SPLIT:
        pool = comm_in(aid, urban_only=True)
        weights = [2.0 if comm[c]["circle"] else 1.0 for c in pool]
        for _ in range(count + (1 if first else 0)):
            pid = ids.next("cpd", 3)
            name = next(name_iter)
            if first:
                cid = by_short["龙湾"]
                first = False
            else:
                cid = rng.choices(pool, weights)[0]
            cpd[pid] = {
                "id": pid,
                "name": name,
                "community": cid,
                "branch": None,
                "property": None,
                "owners": None,
            }
            g.node(pid, "Compound", name, "")
            g.edge(pid, cid, "PART_OF")
    cpd_ids = sorted(cpd)
    yingfeng = cpd_ids[0]
    assert cpd[yingfeng]["name"] == "盈峰国际"
    # gap: compounds without a Party branch
    no_branch = set(rng.sample(cpd_ids[1:], 8))
    orphan_cpd = rng.choice(sorted(set(cpd_ids[1:]) - no_branch))
    for pid in cpd_ids:
        if pid in no_branch:
            continue
        p = cpd[pid]
        sup = None if pid == orphan_cpd else local_superior(p["community"])
        members = 14 if pid == yingfeng else rng.randint(3, 22)
        rating = 5 if pid == yingfeng else rng.randint(2, 5)
        p["branch"] = add_org(
            f"{p['name']}小区党支部", "branch", pid, members, rating, reports_to=sup
        )

    # ------------------------------------------------------------ units
    units: dict[str, dict] = {}

    def add_unit(
        name: str, kind: str, members: int, loc: str | None, industry: str = "", **extra
    ) -> str:
        uid = ids.next("unit", 4)
        units[uid] = {
            "id": uid,
            "name": name,
            "kind": kind,
            "members": members,
            "loc": loc,
            "industry": industry,
            "org": None,
            "status": None,
            **extra,
        }
        return uid

    def unit_comm(uid: str) -> str | None:
        loc = units[uid]["loc"]
        if loc in comm:
            return loc
        if loc in cpd:
            return cpd[loc]["community"]
        return None

    # organs: volunteer-team plan first (organ size follows from it)
    organ_areas = {"area-cz": 0.55, "area-dc": 0.35, "area-zs": 0.10}
    organ_unit: dict[str, str] = {}
    senders = [o for o in ORGANS if o not in ORGANS_AFFILIATED and o not in ORGANS_NO_VOLUNTEERS]
    teams_per = dict.fromkeys(senders, 1)
    cap = {o: 4 if o in BIG_ORGANS else 1 if o in SMALL_ORGANS else 2 for o in senders}
    for _ in range(N_VOLUNTEER_TEAMS - len(senders)):
        pool = [o for o in senders if teams_per[o] < cap[o]]
        o = rng.choices(pool, [3.0 if o in BIG_ORGANS else 1.0 for o in pool])[0]
        teams_per[o] += 1
    # bigger teams go (mostly) to the bigger organs
    vol_sizes = sorted(alloc_exact(rng, VOLUNTEER_MEMBERS, N_VOLUNTEER_TEAMS, 22, 95), reverse=True)
    slots = [(o, i) for o in senders for i in range(teams_per[o])]
    order = sorted(
        slots,
        key=lambda oi: (
            -(2.0 if oi[0] in BIG_ORGANS else 0.0)
            + (2.0 if oi[0] in SMALL_ORGANS else 0.0)
            + rng.random() * 2.5
        ),
    )
    size_of = dict(zip(order, vol_sizes, strict=True))
    vol_plan: list[tuple[str, int, int]] = [(o, i, size_of[(o, i)]) for o, i in slots]
    vol_total: dict[str, int] = {}
    for o, _i, size in vol_plan:
        vol_total[o] = vol_total.get(o, 0) + size
    for name in ORGANS:
        if name in ORGANS_AFFILIATED:
            members = ORGANS_AFFILIATED[name][1]
        elif name in vol_total:
            members = vol_total[name] + rng.randint(4, 25)
        else:
            members = rng.randint(6, 18)
        organ_unit[name] = add_unit(name, "organ", members, pick_comm(organ_areas, 2.5))

    inst_unit: dict[str, str] = {}
    inst_areas = {"area-cz": 0.35, "area-dc": 0.35, "area-zs": 0.2, "area-ds": 0.1}
    for name, sup, (lo, hi) in INSTITUTIONS:
        if "东城" in name:
            areas = {"area-dc": 1.0}
        elif "城中" in name:
            areas = {"area-cz": 1.0}
        elif "贞山" in name:
            areas = {"area-zs": 1.0}
        elif "大沙" in name:
            areas = {"area-ds": 1.0}
        else:
            areas = inst_areas
        inst_unit[name] = add_unit(
            name, "institution", rng.randint(lo, hi), pick_comm(areas, 2.5), supervisor=sup
        )

    soe_unit: dict[str, str] = {}
    for name, local in SOES:
        members = SOES_AFFILIATED.get(name, rng.randint(8, 70))
        soe_unit[name] = add_unit(
            name, "soe", members, pick_comm({"area-cz": 0.6, "area-dc": 0.4}, 2.5), local_soe=local
        )

    # jade markets
    jade_unit: dict[str, str] = {}
    jade_locs = [by_short[s] for s in JADE_COMMUNITIES]
    for idx, (name, members, *_rest) in enumerate(JADE_MARKETS):
        loc = by_short["玉城"] if idx == 0 else rng.choice(jade_locs)
        jade_unit[name] = add_unit(name, "market", members, loc, "jade")
    other_markets = [
        add_unit(name, "market", members, by_short[short], industry, plan=plan)
        for name, industry, short, members, plan in OTHER_MARKETS
    ]

    # enterprises
    used_names: set[str] = set()
    ent_ids: list[str] = []
    ent_areas = {"area-dc": 0.35, "area-cz": 0.25, "area-zs": 0.25, "area-ds": 0.15}
    park = set(rng.sample(range(N_ENTERPRISES), 5))  # in 大沙镇 industrial park, no community
    in_compound = set(rng.sample(sorted(set(range(N_ENTERPRISES)) - park), 8))
    for i in range(N_ENTERPRISES):
        while True:
            business, industry = rng.choice(BUSINESSES)
            name = f"四会市{rng.choice(BRANDS)}{business}"
            if name not in used_names:
                used_names.add(name)
                break
        if i in park:
            loc = "area-ds"
        elif i in in_compound:
            loc = rng.choice(cpd_ids)
        else:
            loc = pick_comm(ent_areas, 1.6)
        ent_ids.append(add_unit(name, "enterprise", 0, loc, industry))

    soc_ids = [add_unit(name, "social_org", 0, pick_comm(ent_areas, 1.6)) for name in SOCIAL_ORGS]

    # property companies and owners' committees in compounds
    prop_cpds = [yingfeng, *sorted(rng.sample(cpd_ids[1:], 34))]
    for pid in prop_cpds:
        if pid == yingfeng:
            name = "四会市盈峰物业服务有限公司"
        else:
            while True:
                name = f"四会市{rng.choice(BRANDS)}物业{rng.choice(['服务', '管理'])}有限公司"
                if name not in used_names:
                    used_names.add(name)
                    break
        cpd[pid]["property"] = add_unit(name, "property", 0, pid, "property_management")
    with_branch = [p for p in cpd_ids[1:] if p not in no_branch]
    owner_cpds = [
        yingfeng,
        *sorted(rng.sample(with_branch, 14)),
        *sorted(rng.sample(sorted(no_branch), 3)),
    ]
    for pid in owner_cpds:
        cpd[pid]["owners"] = add_unit(f"{cpd[pid]['name']}业主委员会", "owners_committee", 0, pid)

    # ------------------------------------------------------------ unit organizations
    def own_org(
        uid: str,
        name: str | None = None,
        kind: str | None = None,
        members: int | None = None,
        rating: int | None = None,
        joint: bool = False,
        reports_to: str | None = None,
    ) -> str:
        u = units[uid]
        m = u["members"] if members is None else members
        if kind is None:
            kind, suffix = org_kind_for(m)
            name = name or f"{u['name']}{suffix}"
        r = rating if rating is not None else rng.randint(2, 5)
        oid = add_org(name, kind, uid, m, r, joint=joint, reports_to=reports_to)
        u["org"] = oid
        u["status"] = "own"
        return oid

    covers: list[tuple[str, str, str]] = []  # (org, unit, mode)

    def cover(oid: str, uid: str, mode: str) -> None:
        covers.append((oid, uid, mode))
        if units[uid]["status"] is None:
            units[uid]["status"] = mode

    for name in ORGANS:
        uid = organ_unit[name]
        if name in ORGANS_AFFILIATED:
            continue
        kind, suffix = org_kind_for(units[uid]["members"])
        own_org(uid, f"{name}机关{suffix}", kind, reports_to=organs_wc)
    for name, (host, _m) in ORGANS_AFFILIATED.items():
        cover(units[organ_unit[host]]["org"], organ_unit[name], "affiliated")

    for name, sup, _range in INSTITUTIONS:
        uid = inst_unit[name]
        sup_org = units[organ_unit[sup]]["org"] if sup else organs_wc
        if name in INSTITUTIONS_AFFILIATED:
            cover(sup_org, uid, "affiliated")
        else:
            own_org(uid, reports_to=sup_org)

    soe_sup = units[organ_unit["四会市国有资产监督管理局"]]["org"]
    for name, local in SOES:
        uid = soe_unit[name]
        sup_org = soe_sup if local else organs_wc
        if name in SOES_AFFILIATED:
            cover(sup_org, uid, "affiliated")
        else:
            own_org(uid, reports_to=sup_org)

    # jade: exactly six organizations, all under the jade industry committee
    jade_orgs: dict[str, str] = {}
    for name, _m, mode, oname, okind, omembers in JADE_MARKETS:
        if mode != "own":
            continue
        rating = 5 if name == "万兴隆翡翠城" else rng.randint(3, 5)
        jade_orgs[name] = own_org(
            jade_unit[name],
            oname,
            okind,
            omembers,
            rating,
            joint=oname in JADE_JOINT_ORGS,
            reports_to=jade_committee,
        )
    for name, _m, mode, host, _k, _om in JADE_MARKETS:
        if mode != "own":
            cover(jade_orgs[host], jade_unit[name], mode)

    # deliberate two-new gaps (community short name, kind, members, status)
    gap_specs = [
        ("高街", "enterprise", 1, "none"),  # joint_candidate group in 高街社区
        ("高街", "enterprise", 1, "none"),
        ("高街", "enterprise", 2, "none"),
        ("南兴", "enterprise", 1, "instructor"),  # joint_candidate group in 南兴社区
        ("南兴", "social_org", 2, "none"),
        ("东兴", "enterprise", 4, "none"),  # should_form_branch + uncovered
    ]
    gap_units: list[str] = []
    ent_pool = [u for u in ent_ids if units[u]["loc"] in comm]
    soc_pool = list(soc_ids)
    for short, kind, members, status in gap_specs:
        pool = ent_pool if kind == "enterprise" else soc_pool
        uid = pool.pop(rng.randrange(len(pool)))
        units[uid].update(loc=by_short[short], members=members, plan=status)
        gap_units.append(uid)

    # plan the coverage of the other two-new units
    for uid in ent_ids + soc_ids:
        u = units[uid]
        if "plan" in u:
            continue
        if u["kind"] == "enterprise":
            plan = rng.choices(
                ["own", "joint", "affiliated", "instructor", "none"], [0.37, 0.27, 0.2, 0.12, 0.04]
            )[0]
        else:
            plan = rng.choices(
                ["own", "joint", "affiliated", "instructor", "none"], [0.3, 0.1, 0.4, 0.15, 0.05]
            )[0]
        u["plan"] = plan
        if plan == "own":
            u["members"] = rng.randint(3, 30) if u["kind"] == "enterprise" else rng.randint(3, 9)
        elif plan in ("joint", "affiliated"):
            u["members"] = rng.choices([0, 1, 2], [0.25, 0.45, 0.3])[0]
        else:
            u["members"] = 0
    # units with no community (industrial park) cannot join a community joint branch
    for uid in ent_ids:
        if units[uid]["plan"] == "joint" and unit_comm(uid) is None:
            units[uid]["plan"] = "affiliated"

    enterprise_orphan = None
    two_new = ent_ids + soc_ids + other_markets
    two_new_own = [u for u in two_new if units[u]["plan"] == "own"]
    for uid in two_new_own:
        cid = unit_comm(uid)
        if cid is None:
            sup = street_org["area-ds"]
        elif rng.random() < 0.75:
            sup = local_superior(cid)
        else:
            sup = street_org[comm[cid]["area"]]
        if (
            enterprise_orphan is None
            and units[uid]["kind"] == "enterprise"
            and cid is not None
            and not comm[cid]["circle"]
        ):
            enterprise_orphan = uid
            sup = None  # gap: orphan_org
        own_org(uid, rating=rng.randint(1, 5), reports_to=sup)

    # joint branches: per community, the joint-planned units share one, led by the first
    joint_groups: dict[str, list[str]] = {}
    for uid in ent_ids + soc_ids:
        if units[uid]["plan"] == "joint":
            joint_groups.setdefault(unit_comm(uid), []).append(uid)
    joint_orgs: list[str] = []
    bumped = None
    for cid in sorted(joint_groups):
        group = joint_groups[cid]
        if len(group) < 2:
            units[group[0]]["plan"] = "affiliated"
            continue
        lead, rest = group[0], group[1:]
        if bumped is None:  # gap: a joint-covered unit with 5 members
            bumped = rest[0]
            units[bumped]["members"] = 5
        units[lead]["members"] = max(units[lead]["members"], 1)
        total = sum(units[u]["members"] for u in group)
        if total < 3:
            units[lead]["members"] += 3 - total
            total = 3
        jname = f"{comm[cid]['name']}两新组织联合党支部"
        oid = own_org(
            lead,
            jname,
            "branch",
            total,
            rng.randint(2, 5),
            joint=True,
            reports_to=local_superior(cid),
        )
        joint_orgs.append(oid)
        for uid in rest:
            cover(oid, uid, "joint")

    # affiliated two-new units: hosted by the community core or a nearby unit's org
    org_by_comm: dict[str, list[str]] = {}
    for uid in sorted(units):
        u = units[uid]
        cid = unit_comm(uid)
        if u["org"] and cid and u["kind"] in ("organ", "institution", "soe", "enterprise"):
            org_by_comm.setdefault(cid, []).append(u["org"])
    for uid in two_new:
        u = units[uid]
        if u["plan"] != "affiliated" or u["status"]:
            continue
        cid = unit_comm(uid)
        if cid is None:
            host = street_org["area-ds"]
        elif comm[cid]["core"] and rng.random() < (0.85 if comm[cid]["circle"] else 0.6):
            host = comm[cid]["core"]
        elif org_by_comm.get(cid):
            host = rng.choice(org_by_comm[cid])
        else:
            host = local_superior(cid)
        cover(host, uid, "affiliated")

    # property companies and owners' committees
    prop_plans = ["own"] * 7 + ["affiliated"] * 18 + ["instructor"] * 6 + ["none"] * 3
    rng.shuffle(prop_plans)
    prop_ids = [cpd[p]["property"] for p in prop_cpds]
    prop_plans = ["affiliated", *prop_plans]  # 盈峰 property: hosted by its branch
    prop_should_form = None
    for uid, plan in zip(prop_ids, prop_plans, strict=True):
        u = units[uid]
        pid = u["loc"]
        branch = cpd[pid]["branch"]
        if plan == "affiliated" and branch is None:
            plan = "instructor"
        if plan == "own":
            u["members"] = rng.randint(3, 12)
            own_org(
                uid,
                rating=rng.randint(2, 5),
                reports_to=branch or local_superior(cpd[pid]["community"]),
            )
        elif plan == "affiliated":
            u["members"] = rng.choice([0, 1, 2])
            cover(branch, uid, "affiliated")
        elif plan == "instructor":
            u["members"] = 0
            if prop_should_form is None:
                prop_should_form = uid  # gap: should_form_branch
                u["members"] = 3
        else:
            u["members"] = 0
        u["plan"] = plan
    for pid in owner_cpds:
        uid = cpd[pid]["owners"]
        units[uid]["members"] = rng.choice([0, 1])
        if cpd[pid]["branch"]:
            cover(cpd[pid]["branch"], uid, "affiliated")
            units[uid]["plan"] = "affiliated"
        else:
            units[uid]["members"] = 0
            units[uid]["plan"] = "none"

    # ------------------------------------------------------------ persons: instructors
    instructors = []
    for i in range(6):
        pid = ids.next("p", 3)
        g.node(pid, "Person", PERSON_NAMES[i], "instructor")
        instructors.append(pid)
    guided = [jade_unit["金玉坊玉器市场"], jade_unit["岭南玉石市场"]]
    guided += [u for u in sorted(units) if units[u].get("plan") == "instructor"]
    guides = [(instructors[0], guided[0]), (instructors[0], guided[1])]
    for i, uid in enumerate(guided[2:]):
        guides.append((instructors[1 + i % 5], uid))
        if units[uid]["status"] is None:
            units[uid]["status"] = "instructor"

    # ------------------------------------------------------------ co-building (一核双圈)
    gov_kinds = ("organ", "institution", "soe")
    two_new_kinds = ("enterprise", "social_org", "market")
    cob: list[tuple[str, str, str]] = []  # (unit, community, since)
    gov_chosen: list[str] = []
    tn_chosen: list[str] = []
    gov_own = [u for u in sorted(units) if units[u]["kind"] in gov_kinds and units[u]["org"]]
    tn_own = [
        u
        for u in sorted(units)
        if units[u]["kind"] in two_new_kinds
        and units[u]["org"]
        and units[u]["org"] not in joint_orgs
        and (units[u]["industry"] != "jade" or units[u]["name"] == "万兴隆翡翠城")
    ]
    local_cob: set[str] = set()
    for cid in circle_ids:
        local = [u for u in gov_own if unit_comm(u) == cid]
        rng.shuffle(local)
        room = N_COBUILD_GOV - 12 - len(gov_chosen)  # keep room for external partners
        for uid in local[: max(0, min(room, rng.randint(3, 5)))]:
            gov_chosen.append(uid)
            cob.append((uid, cid, ""))
            local_cob.add(uid)
        local = [u for u in tn_own if unit_comm(u) == cid]
        rng.shuffle(local)
        take = local[: rng.randint(0, 2)] if len(tn_chosen) < 16 else []
        wx = jade_unit["万兴隆翡翠城"]
        if unit_comm(wx) == cid and wx not in take:
            take = [wx, *take[:1]]
        for uid in take:
            tn_chosen.append(uid)
            cob.append((uid, cid, ""))
            local_cob.add(uid)
    assert len(gov_chosen) <= N_COBUILD_GOV and len(tn_chosen) <= N_COBUILD_TWO_NEW

    def n_partners(cid: str) -> int:
        return sum(1 for _u, c, _s in cob if c == cid)

    def external(chosen: list[str], pool: list[str], target: int) -> None:
        rest = [u for u in pool if u not in chosen]
        rng.shuffle(rest)
        while len(chosen) < target:
            uid = rest.pop()
            here = unit_comm(uid)
            cands = [c for c in circle_ids if c != here]
            weights = [1.0 / (1 + n_partners(c)) for c in cands]
            chosen.append(uid)
            cob.append((uid, rng.choices(cands, weights)[0], ""))

    external(gov_chosen, gov_own, N_COBUILD_GOV)
    external(tn_chosen, tn_own, N_COBUILD_TWO_NEW)
    # some municipal units signed with a second community as well
    for uid in rng.sample(sorted(gov_chosen), 12):
        done = {c for u, c, _s in cob if u == uid}
        cands = [c for c in circle_ids if c not in done]
        cob.append((uid, rng.choice(cands), ""))
    # ratings: local partners mostly strong (sub-core), the rest ordinary
    for uid in sorted(set(gov_chosen) | set(tn_chosen)):
        oid = units[uid]["org"]
        if uid == jade_unit["万兴隆翡翠城"]:
            continue
        if uid in local_cob:
            rating = rng.randint(4, 5) if rng.random() < 0.65 else rng.randint(2, 3)
        else:
            rating = rng.randint(1, 5)
        g.nodes[oid]["rating"] = rating

    # ------------------------------------------------------------ write units and structure
    for uid in sorted(units):
        u = units[uid]
        g.node(uid, "Unit", u["name"], u["kind"], members=u["members"], industry=u["industry"])
    for uid in sorted(units):
        if units[uid]["loc"]:
            g.edge(uid, units[uid]["loc"], "LOCATED_IN")
    for oid in sorted(org_info):
        sup = org_info[oid]["reports_to"]
        if sup:
            g.edge(oid, sup, "REPORTS_TO")
    for oid, uid, mode in covers:
        g.edge(oid, uid, "COVERS", mode)
    for pid, uid in guides:
        g.edge(pid, uid, "GUIDES")
    for uid, cid, _s in cob:
        g.edge(
            units[uid]["org"],
            comm[cid]["core"],
            "CO_BUILDS",
            since=rand_date(rng, "2018-06-01", "2020-08-31"),
        )
    # compound joint meetings (联席会议); gap: one compound whose branch (which hosts its
    # owners' committee, so the circles are the same) holds none
    meeting_gap = next(p for p in cpd_ids[1:] if cpd[p]["branch"] and cpd[p]["owners"]
                       and not cpd[p]["property"])
    for pid in cpd_ids:
        b = cpd[pid]["branch"]
        if not b or pid == meeting_gap:
            continue
        for key in ("owners", "property"):
            if cpd[pid][key]:
                g.edge(b, cpd[pid][key], "MEETS_WITH")

    # ------------------------------------------------------------ service centers
    for aid, name, _kind, _oname in AREAS[:3]:
        sid = ids.next("sc", 3)
        g.node(
            sid, "ServiceCenter", f"{name}党群服务中心", "street", area_m2=rng.randint(60, 150) * 10
        )
        g.edge(sid, aid, "SERVES")
        g.edge(sid, street_org[aid], "RUN_BY")
    for cid in comm_ids:
        c = comm[cid]
        if c["short"] in NO_CENTER:
            continue
        sid = ids.next("sc", 3)
        g.node(
            sid,
            "ServiceCenter",
            f"{c['name']}党群服务中心",
            "community",
            area_m2=rng.randint(15, 60) * 10,
        )
        g.edge(sid, cid, "SERVES")
        g.edge(sid, c["core"], "RUN_BY")
    sid = ids.next("sc", 3)
    g.node(sid, "ServiceCenter", "盈峰国际小区党群活动中心", "compound", area_m2=COMPOUND_CENTER_M2)
    g.edge(sid, yingfeng, "SERVES")
    g.edge(sid, cpd[yingfeng]["branch"], "RUN_BY")
    sid = ids.next("sc", 3)
    g.node(sid, "ServiceCenter", "万兴隆翡翠城党群服务中心", "industry", area_m2=INDUSTRY_CENTER_M2)
    g.edge(sid, jade_unit["万兴隆翡翠城"], "SERVES")
    g.edge(sid, jade_orgs["万兴隆翡翠城"], "RUN_BY")

    # ------------------------------------------------------------ teams
    # stationed teams (驻点团队): one per community, sent by an organ or institution
    stationed_comms = [c for c in comm_ids if comm[c]["short"] not in NO_STATIONED]
    assert len(stationed_comms) == N_STATIONED_TEAMS
    sender_pool = [organ_unit[o] for o in ORGANS if units[organ_unit[o]]["org"]]
    sender_pool += [inst_unit[n] for n, _s, _r in INSTITUTIONS if units[inst_unit[n]]["org"]]
    senders_st = rng.sample(sender_pool, N_STATIONED_TEAMS)
    issues = alloc_exact(rng, ISSUES_RESOLVED, N_STATIONED_TEAMS, 30, 140)
    for i, (cid, uid) in enumerate(zip(stationed_comms, senders_st, strict=True)):
        tid = ids.next("team", 3)
        g.node(
            tid,
            "Team",
            f"{units[uid]['name']}驻{comm[cid]['name']}驻点团队",
            "stationed",
            members=rng.randint(3, 8),
            issues_resolved=issues[i],
        )
        g.edge(tid, cid, "STATIONED_AT", since=rand_date(rng, "2018-03-01", "2019-06-30"))
        g.edge(tid, uid if i % 2 == 0 else units[uid]["org"], "FROM")
    # volunteer teams (市直机关党组织党员志愿服务队)
    cored = [c for c in comm_ids if comm[c]["core"]]
    vol_teams: list[tuple[str, str, str, int]] = []  # (team, community, organ's org, size)
    for organ, idx, size in vol_plan:
        uid = organ_unit[organ]
        tid = ids.next("team", 3)
        label = f"{organ}党员志愿服务队"
        if teams_per[organ] > 1:
            label += f"第{CN_NUM[idx]}分队"
        home = unit_comm(uid)
        cid = home if idx == 0 and home else rng.choice(cored)
        g.node(tid, "Team", label, "volunteer", members=size)
        g.edge(tid, cid, "STATIONED_AT", since=rand_date(rng, "2019-03-01", "2020-06-30"))
        g.edge(tid, units[uid]["org"], "FROM")
        vol_teams.append((tid, cid, units[uid]["org"], size))

    # ------------------------------------------------------------ persons: members
    # the 6,042 in-service members (在职党员) of the volunteer teams: each a member of the
    # organization of the organ that sent the team, reporting to (REGISTERED_AT) the
    # community the team serves; own random stream, so nothing above changes
    prng = random.Random(SEED + 1)
    mids = Ids()
    for _tid, cid, oid, size in vol_teams:
        for _ in range(size):
            pid = mids.next("m", 4)
            name = prng.choice(SURNAMES) + "".join(prng.sample(GIVEN, prng.choice([1, 2])))
            g.node(pid, "Person", name, "member")
            g.edge(pid, oid, "MEMBER_OF")
            g.edge(pid, cid, "REGISTERED_AT", since=rand_date(prng, "2019-01-01", "2020-06-30"))
    assert mids.counters["m"] == VOLUNTEER_MEMBERS

    g.check()
    g.gaps = {
        "communities_without_core": [by_short[s] for s in sorted(NO_CORE)],
        "communities_without_center": [by_short[s] for s in sorted(NO_CENTER)],
        "communities_without_stationed_team": [by_short[s] for s in sorted(NO_STATIONED)],
        "compounds_without_branch": sorted(no_branch),
        "compound_without_joint_meeting": meeting_gap,
        "orphan_orgs": sorted(
            x for x in (cpd[orphan_cpd]["branch"], units[enterprise_orphan]["org"]) if x
        ),
        "two_new_gap_units": gap_units,
        "joint_unit_with_5_members": bumped,
        "property_instructor_3_members": prop_should_form,
        "organ_affiliated_3_members": organ_unit["四会市文学艺术界联合会"],
    }
    return g


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value)


def write(g: Graph, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    label_rank = {lab: i for i, lab in enumerate(LABEL_ORDER)}
    type_rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    nodes = sorted(g.nodes.values(), key=lambda r: (label_rank[r["label"]], r["id"]))
    edges = sorted(g.edges, key=lambda e: (type_rank[e["type"]], e["source"], e["target"]))
    with open(out / "nodes.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(NODE_COLUMNS)
        for r in nodes:
            if r["label"] != "PartyOrg":
                r = {**r, "joint": None, "rating": None}
            w.writerow([_cell(r.get(c)) for c in NODE_COLUMNS])
    with open(out / "edges.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(EDGE_COLUMNS)
        for e in edges:
            w.writerow([_cell(e[c]) for c in EDGE_COLUMNS])
    (out / "dataset.json").write_text(
        json.dumps(DATASET_META, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    out = Path(args[0]) if args else DEFAULT_OUT
    g = build()
    write(g, out)
    print(f"wrote {len(g.nodes)} nodes and {len(g.edges)} edges to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
