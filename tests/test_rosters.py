"""Importing office rosters (SPEC section 9): recognition, values, credit codes, the rules
of resolution in their order, ids, the review and the command line. Each pin of section 9
has a test here that fails if the pin breaks."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import graphkit as gk
from graphkit.adapters.rosters._normalize import (
    CODE_CHARS,
    BadValue,
    check_credit_code,
    parse_date,
    parse_rating,
)
from graphkit.cli import main

AREAS = "名称,类型,上级\n四会市,市,\n东城街道,街道,四会市\n城中街道,街道,四会市\n"
COMMUNITIES = "社区名称,所属街道,类型\n沙田园社区,东城街道,城市社区\n玉城社区,城中街道,\n"
#: Published unified social credit codes (company registrations) and the standard's example.
VALID_CODES = ("914403001922038216", "91440300279310232F", "914406060621766268",
               "91350100M000100Y43")


def rosters(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return folder


def imported(folder: Path, **files: str) -> tuple[gk.Dataset, gk.Review]:
    base = {"街道.csv": AREAS, "社区.csv": COMMUNITIES}
    base.update({f"{k}.csv": v for k, v in files.items()})
    ds, review = gk.import_rosters(rosters(folder, base))
    assert ds is not None
    return ds, review


def edges(ds: gk.Dataset, type_: str) -> set[tuple[str, str]]:
    e = ds.edges[ds.edges["type"] == type_]
    return set(zip(e["source"], e["target"], strict=True))


def problems(review: gk.Review) -> list[tuple[int, str | None, str, str]]:
    return [(e.row, e.column, e.value, e.problem) for e in review.entries]


# --- recognition ----------------------------------------------------------------------------

def test_headers_title_rows_remarks_synonyms_and_white_space(tmp_path):
    units = ("四会市单位名册（2021年）,,,\n\n 单位 名称 ,单位性质,正式党员数（人）,所属镇街\n"
             "红旗商行,市场,3,东城街道\n")
    ds, review = imported(tmp_path, 单位=units)
    assert problems(review) == []
    u = ds.nodes[ds.nodes["label"] == "Unit"].iloc[0]
    assert (u["id"], u["kind"], u["members"]) == ("unit:红旗商行", "market", 3)
    assert edges(ds, "LOCATED_IN") == {("unit:红旗商行", "area:东城街道")}
    assert review.rosters[-1]["header_row"] == 3


def test_an_unknown_sheet_names_file_sheet_and_the_closest_kind(tmp_path):
    wb = Workbook()
    wb.active.title = "统计"
    wb.active.append(["单位名称", "金额"])
    wb.active.append(["红旗商行", "3"])
    wb.save(tmp_path / "台账.xlsx")
    with pytest.raises(gk.ValidationError) as err:
        gk.import_rosters(tmp_path / "台账.xlsx")
    [p] = err.value.errors
    assert (p.file, p.code) == ("台账.xlsx[统计]", "unknown_roster")
    assert "closest kind is 单位" in p.message


def test_a_roster_missing_a_required_column_is_an_error(tmp_path):
    folder = rosters(tmp_path, {"街道.csv": AREAS, "单位.csv": "单位名称,党员数\n甲,1\n"})
    with pytest.raises(gk.ValidationError) as err:
        gk.import_rosters(folder)
    assert [p.code for p in err.value.errors] == ["missing_column"]
    assert "单位类型" in err.value.errors[0].message


def test_instructions_and_empty_sheets_are_skipped(tmp_path):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["请按表头填写"])
    wb.create_sheet("空表")
    ws = wb.create_sheet("街道")
    for row in AREAS.splitlines():
        ws.append(row.split(","))
    wb.save(tmp_path / "名册.xlsx")
    ds, review = gk.import_rosters(tmp_path / "名册.xlsx")
    assert ds.counts()["Area"] == 3 and review.rows_read == {"街道": 3}


def test_rosters_toml_names_the_kind_and_maps_headers(tmp_path):
    folder = rosters(tmp_path, {
        "街道.csv": AREAS,
        "市场监管导出.csv": "企业名称,企业类别,人数\n红旗商行,市场,2\n",
        "rosters.toml": '[[roster]]\nfile = "市场监管导出.csv"\nkind = "单位"\n'
                        '[roster.columns]\n"企业名称" = "单位名称"\n"企业类别" = "单位类型"\n'
                        '"人数" = "党员数"\n'})
    ds, review = gk.import_rosters(folder)
    assert problems(review) == []
    assert ds.nodes.set_index("id").at["unit:红旗商行", "members"] == 2


def test_a_gbk_csv_is_read_with_a_warning(tmp_path):
    folder = rosters(tmp_path, {"街道.csv": AREAS.encode("gbk")})
    ds, review = gk.import_rosters(folder)
    assert ds.counts()["Area"] == 3
    assert any("GBK" in w for w in review.warnings)


# --- values ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("category", "kind", "joint"), [
    ("党委", "committee", False), ("党总支", "general_branch", False), ("党支部", "branch", False),
    ("联合党支部", "branch", True), ("联合党总支", "general_branch", True),
    ("联合党委", "committee", True)])
def test_organization_categories(tmp_path, category, kind, joint):
    ds, _ = imported(tmp_path, 党组织=f"党组织名称,党组织类别\n某组织,{category}\n")
    o = ds.nodes.set_index("id").loc["org:某组织"]
    assert (o["kind"], bool(o["joint"])) == (kind, joint)


@pytest.mark.parametrize(("text", "kind"), [
    ("机关", "organ"), ("事业单位", "institution"), ("国有企业", "soe"), ("国企", "soe"),
    ("非公企业", "enterprise"), ("民营企业", "enterprise"), ("私营企业", "enterprise"),
    ("企业", "enterprise"), ("社会组织", "social_org"), ("社会团体", "social_org"),
    ("民办非企业单位", "social_org"), ("市场", "market"), ("商场", "market"), ("卖场", "market"),
    ("物业公司", "property"), ("物业服务企业", "property"), ("业主委员会", "owners_committee"),
    ("业委会", "owners_committee")])
def test_unit_types(tmp_path, text, kind):
    ds, _ = imported(tmp_path, 单位=f"单位名称,单位类型\n某单位,{text}\n")
    assert ds.nodes.set_index("id").at["unit:某单位", "kind"] == kind


def test_an_unknown_value_is_an_error_with_the_closest_allowed_values(tmp_path):
    folder = rosters(tmp_path, {"街道.csv": AREAS,
                                "单位.csv": "单位名称,单位类型\n甲,民营企\n乙,市场\n"})
    ds, review = gk.import_rosters(folder, partial=False)
    assert ds is None
    [e] = review.entries
    assert (e.row, e.column, e.value, e.problem) == (2, "单位类型", "民营企", "unknown_value")
    assert e.candidates and e.candidates[0] == "民营企业"


def test_ratings_dates_levels_and_counts(tmp_path):
    assert [parse_rating(v) for v in ("五星", "★★★★★", "5", "5星", "", "三星")] == \
        [5, 5, 5, 5, None, 3]
    with pytest.raises(BadValue):
        parse_rating("优秀")
    assert {parse_date(v) for v in ("2021-03-05", "2021/3/5", "2021年3月5日")} == \
        {"2021-03-05"}
    with pytest.raises(BadValue):
        parse_date("2021/2/30")
    centres = ("名称,层级,服务范围,面积\n东城中心,街道级,东城街道,1390㎡\n"
               "沙田园中心,社区,沙田园社区,300\n")
    ds, review = imported(tmp_path, 党群服务中心=centres)
    assert problems(review) == []
    n = ds.nodes.set_index("id")
    assert (n.at["center:东城中心", "kind"], n.at["center:东城中心", "area_m2"]) == \
        ("street", 1390)
    assert n.at["center:沙田园中心", "kind"] == "community"


def test_workbook_date_cells_become_iso_dates(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "党组织"
    ws.append(["党组织名称", "党组织类别"])
    ws.append(["甲支部", "党支部"])
    ws.append(["乙社区党委", "党委"])
    ws = wb.create_sheet("共驻共建")
    ws.append(["单位党组织", "社区党组织", "签订日期"])
    ws.append(["甲支部", "乙社区党委", datetime.date(2021, 3, 5)])
    wb.save(tmp_path / "名册.xlsx")
    ds, _ = gk.import_rosters(tmp_path / "名册.xlsx")
    e = ds.edges[ds.edges["type"] == "CO_BUILDS"]
    assert e["since"].tolist() == ["2021-03-05"]


# --- credit codes ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", VALID_CODES)
def test_published_credit_codes_pass(code):
    assert check_credit_code(code.lower()) == code


@pytest.mark.parametrize("code", VALID_CODES)
def test_every_single_character_mutation_fails(code):
    for i in range(18):
        for ch in CODE_CHARS:
            if ch != code[i]:
                with pytest.raises(BadValue):
                    check_credit_code(code[:i] + ch + code[i + 1:])
    for bad in (code[:17], code + "0", code[:5] + "O" + code[6:], code[:5] + "I" + code[6:]):
        with pytest.raises(BadValue):
            check_credit_code(bad)


def test_codes_and_addresses_are_kept_normalized(tmp_path):
    units = ("单位名称,统一社会信用代码,单位类型,地址,所在社区\n"
             "华为,9144 0300 1922 038216,企业,东城路 ８号,沙田园社区\n")
    ds, review = imported(tmp_path, 单位=units)
    assert problems(review) == []
    u = ds.nodes.set_index("id").loc["914403001922038216"]
    assert (u["credit_code"], u["address"]) == ("914403001922038216", "东城路8号")


def test_an_invalid_code_drops_the_row_under_partial(tmp_path):
    units = "单位名称,统一社会信用代码,单位类型\n甲,91440300MA5G2XY456,企业\n乙,,企业\n"
    ds, review = imported(tmp_path, 单位=units)
    assert problems(review) == [(2, "统一社会信用代码", "91440300MA5G2XY456", "invalid_code")]
    assert set(ds.nodes.loc[ds.nodes["label"] == "Unit", "id"]) == {"unit:乙"}


# --- duplicates -----------------------------------------------------------------------------

def test_a_duplicate_is_one_entry_at_the_later_row_and_neither_row_is_imported(tmp_path):
    units = ("单位名称,统一社会信用代码,单位类型,所在社区\n甲,914403001922038216,企业,沙田园社区\n"
             "乙,,企业,沙田园社区\n甲公司,914403001922038216,企业,玉城社区\n乙,,市场,沙田园社区\n"
             "乙,,市场,玉城社区\n")
    ds, review = imported(tmp_path, 单位=units)
    dups = [(e.row, e.column, e.rows) for e in review.entries if e.problem == "duplicate"]
    assert dups == [(4, "单位名称", (2, 4)), (5, "单位名称", (3, 5))]
    units_left = set(ds.nodes.loc[ds.nodes["label"] == "Unit", "id"])
    assert units_left == {"unit:玉城社区/乙"}  # the same name in another community: a unit


# --- references: the rules in their order ---------------------------------------------------

def test_rule_1_a_credit_code_names_a_unit(tmp_path):
    units = "单位名称,统一社会信用代码,单位类型\n华为技术有限公司,914403001922038216,企业\n"
    orgs = "党组织名称,党组织类别,所在单位\n华为党支部,党支部,914403001922038216\n"
    ds, review = imported(tmp_path, 单位=units, 党组织=orgs)
    assert edges(ds, "BELONGS_TO") == {("org:华为党支部", "914403001922038216")}
    assert review.resolved["credit_code"] == 1


def test_rule_3_city_prefix_and_generic_suffix_on_either_side(tmp_path):
    units = ("单位名称,单位类型,所在社区\n甲,企业,四会市沙田园社区\n乙,企业,沙田园\n"
             "丙,企业,玉城居委会\n")
    ds, review = imported(tmp_path, 单位=units)
    assert problems(review) == []
    assert edges(ds, "LOCATED_IN") == {
        ("unit:甲", "community:东城街道/沙田园社区"), ("unit:乙", "community:东城街道/沙田园社区"),
        ("unit:丙", "community:城中街道/玉城社区")}
    assert review.resolved["without_city_and_suffix"] == 3


def test_rule_2_decides_before_rule_3(tmp_path):
    """A name that matches exactly is taken even if rule 3 would match more."""
    communities = COMMUNITIES + "沙田园,东城街道,\n"
    ds, review = imported(tmp_path, 社区=communities,
                          单位="单位名称,单位类型,所在社区\n甲,企业,沙田园\n")
    assert edges(ds, "LOCATED_IN") == {("unit:甲", "community:东城街道/沙田园")}
    ds, review = imported(tmp_path / "b", 社区=communities,
                          单位="单位名称,单位类型,所在社区\n甲,企业,四会市沙田园\n")
    [e] = review.entries
    assert e.problem == "ambiguous" and set(e.candidates) == {"沙田园", "沙田园社区"}


def test_a_community_is_looked_up_within_the_row_street(tmp_path):
    communities = COMMUNITIES + "新村社区,东城街道,\n新村社区,城中街道,\n"
    units = "单位名称,单位类型,所在社区,所属街道\n甲,企业,新村社区,城中街道\n乙,企业,新村社区,\n"
    ds, review = imported(tmp_path, 社区=communities, 单位=units)
    assert edges(ds, "LOCATED_IN") == {("unit:甲", "community:城中街道/新村社区")}
    assert problems(review) == [(3, "所在社区", "新村社区", "ambiguous")]
    assert set(review.entries[0].candidates) == {"新村社区（东城街道）", "新村社区（城中街道）"}


def test_rule_4_the_home_in_an_organization_name(tmp_path):
    units = "单位名称,单位类型\n红旗商行,市场\n"
    compounds = "小区名称,所属社区\n盈峰国际,沙田园社区\n"
    orgs = ("党组织名称,党组织类别\n中共红旗商行支部委员会,党支部\n中共沙田园社区委员会,党委\n"
            "中共盈峰国际联合总支部委员会,联合党总支\n中共四会市城中街道联合党总支,联合党总支\n"
            "中共某不存在单位支部委员会,党支部\n沙田园社区党委,党委\n")
    ds, review = imported(tmp_path, 单位=units, 小区=compounds, 党组织=orgs)
    assert problems(review) == []
    assert edges(ds, "BELONGS_TO") == {
        ("org:中共红旗商行支部委员会", "unit:红旗商行"),
        ("org:中共沙田园社区委员会", "community:东城街道/沙田园社区"),
        ("org:中共盈峰国际联合总支部委员会", "compound:沙田园社区/盈峰国际"),
        ("org:中共四会市城中街道联合党总支", "area:城中街道")}
    assert review.resolved["organization_name"] == 4
    # X naming nothing, or no 中共 pattern: no home, the section 1 warning
    assert any("中共某不存在单位支部委员会" in w for w in review.warnings)


def test_rule_4_only_for_a_row_that_names_no_home(tmp_path):
    units = "单位名称,单位类型\n红旗商行,市场\n"
    orgs = "党组织名称,党组织类别,所在社区\n中共红旗商行支部委员会,党支部,沙田园社区\n"
    ds, _ = imported(tmp_path, 单位=units, 党组织=orgs)
    assert edges(ds, "BELONGS_TO") == {("org:中共红旗商行支部委员会",
                                        "community:东城街道/沙田园社区")}


def test_at_most_one_home_per_organization_row(tmp_path):
    units = "单位名称,单位类型\n红旗商行,市场\n"
    orgs = "党组织名称,党组织类别,所在单位,所在社区\n甲支部,党支部,红旗商行,沙田园社区\n"
    ds, review = imported(tmp_path, 单位=units, 党组织=orgs)
    assert problems(review) == [(2, "所在社区", "沙田园社区", "ambiguous")]
    assert edges(ds, "BELONGS_TO") == set()


def test_a_cell_resolves_among_the_labels_of_its_edge(tmp_path):
    """派出单位 may name a unit or an organization (FROM); a community of the same name is
    not a candidate."""
    units = "单位名称,单位类型\n四会市卫生健康局,机关\n"
    orgs = "党组织名称,党组织类别\n中共四会市卫生健康局支部委员会,党支部\n"
    teams = ("团队名称,类型,派出单位,服务社区,人数,解决问题数,派驻日期\n"
             "卫健局驻点团队,驻点,四会市卫生健康局,沙田园社区,5,90,2018/3/24\n"
             "卫健志愿队,志愿,中共四会市卫生健康局支部委员会、四会市卫生健康局,玉城社区;沙田园社区,12,,\n")
    ds, review = imported(tmp_path, 单位=units, 党组织=orgs, 团队=teams)
    assert problems(review) == []
    assert edges(ds, "FROM") == {
        ("team:卫健局驻点团队", "unit:四会市卫生健康局"),
        ("team:卫健志愿队", "org:中共四会市卫生健康局支部委员会"),
        ("team:卫健志愿队", "unit:四会市卫生健康局")}
    assert len(edges(ds, "STATIONED_AT")) == 3
    e = ds.edges
    at = e[(e["type"] == "STATIONED_AT") & (e["source"] == "team:卫健局驻点团队")]
    assert at["since"].tolist() == ["2018-03-24"]
    t = ds.nodes.set_index("id").loc["team:卫健局驻点团队"]
    assert (t["kind"], t["members"], t["issues_resolved"]) == ("stationed", 5, 90)


@pytest.mark.parametrize("separator", ["、", ",", "，", ";", "；", "\n"])
def test_several_names_in_one_cell(tmp_path, separator):
    units = "单位名称,单位类型\n甲,企业\n乙,企业\n"
    cell = f'"甲{separator}乙"'
    orgs = f"党组织名称,党组织类别,联合覆盖单位\n联合支部,联合党支部,{cell}\n"
    ds, review = imported(tmp_path, 单位=units, 党组织=orgs)
    assert problems(review) == []
    assert edges(ds, "COVERS") == {("org:联合支部", "unit:甲"), ("org:联合支部", "unit:乙")}


def test_unresolved_reference_offers_close_candidates_and_drops_only_the_reference(tmp_path):
    units = "单位名称,单位类型,所在社区,党员数\n甲,企业,沙田园社,4\n"
    ds, review = imported(tmp_path, 单位=units)
    [e] = review.entries
    assert (e.problem, e.column) == ("unresolved", "所在社区")
    assert e.candidates[0] == "沙田园社区"
    assert ds.nodes.set_index("id").at["unit:甲", "members"] == 4  # the unit stays
    assert edges(ds, "LOCATED_IN") == set()


# --- where units are ------------------------------------------------------------------------

def test_a_unit_with_only_a_street_is_located_in_that_area(tmp_path):
    ds, _ = imported(tmp_path, 单位="单位名称,单位类型,所属街道\n甲,企业,城中街道\n")
    assert edges(ds, "LOCATED_IN") == {("unit:甲", "area:城中街道")}


def test_the_compound_wins_and_a_community_not_holding_it_is_ambiguous(tmp_path):
    compounds = "小区名称,所属社区\n盈峰国际,沙田园社区\n"
    units = ("单位名称,单位类型,所在社区,所在小区\n甲,物业公司,沙田园社区,盈峰国际\n"
             "乙,业委会,玉城社区,盈峰国际\n")
    ds, review = imported(tmp_path, 小区=compounds, 单位=units)
    assert edges(ds, "LOCATED_IN") == {("unit:甲", "compound:沙田园社区/盈峰国际"),
                                       ("unit:乙", "compound:沙田园社区/盈峰国际")}
    assert problems(review) == [(3, "所在社区", "玉城社区", "ambiguous")]


def test_addresses_are_placed_by_road_ranges(tmp_path):
    communities = COMMUNITIES + "东门社区,东城街道,\n"
    ranges = ("社区,道路,起号,止号,单双\n沙田园社区,东城路,1,99,单\n东门社区,东城路,2,98,双\n"
              "玉城社区,玉器街,,,\n沙田园社区,新华路,100,,\n东门社区,新华路,100,,\n")
    units = ("单位名称,单位类型,地址\n甲,企业,四会市东城路 12号\n乙,企业,东城路13号3楼\n"
             "丙,企业,玉器街888号\n丁,企业,新华路120号\n戊,企业,东城路120号\n")
    ds, review = imported(tmp_path, 社区=communities, 门牌=ranges, 单位=units)
    assert edges(ds, "LOCATED_IN") == {
        ("unit:甲", "community:东城街道/东门社区"), ("unit:乙", "community:东城街道/沙田园社区"),
        ("unit:丙", "community:城中街道/玉城社区")}
    assert problems(review) == [(5, "地址", "新华路120号", "ambiguous"),
                                (6, "地址", "东城路120号", "unresolved")]
    assert review.resolved["address"] == 3


# --- ids --------------------------------------------------------------------------------------

def test_ids_follow_section_9(tmp_path):
    compounds = "小区名称,所属社区\n盈峰 国际,沙田园社区\n"
    units = "单位名称,统一社会信用代码,单位类型\n甲,,企业\n乙（东城店）,914403001922038216,企业\n"
    orgs = "党组织名称,党组织类别\n中共甲支部委员会,党支部\n"
    teams = "团队名称,类型,派出单位,服务社区\n甲队,志愿,甲,沙田园社区\n"
    centres = "名称,层级,服务范围\n甲中心,社区,沙田园社区\n"
    people = "编号,姓名,报到社区\nM001,张三,沙田园社区\n"
    instr = "编号,指导单位,身份证号,电话\nZ01,甲,440000199001011234,13800000000\n"
    ds, review = imported(tmp_path, 小区=compounds, 单位=units, 党组织=orgs, 团队=teams,
                          党群服务中心=centres, 报到党员=people, 指导员=instr)
    assert problems(review) == []
    assert set(ds.nodes["id"]) == {
        "area:四会市", "area:东城街道", "area:城中街道", "community:东城街道/沙田园社区",
        "community:城中街道/玉城社区", "compound:沙田园社区/盈峰国际", "unit:甲",
        "914403001922038216", "org:中共甲支部委员会", "team:甲队", "center:甲中心",
        "person:M001", "person:Z01"}


def test_personal_columns_are_never_read(tmp_path):
    people = "编号,姓名,身份证号,电话,报到社区\nM001,张三,440000199001011234,13800000000,火星社区\n"
    ds, review = imported(tmp_path, 报到党员=people)
    text = json.dumps(review.to_dict(), ensure_ascii=False) + "\n".join(review.lines())
    for secret in ("张三", "440000199001011234", "13800000000"):
        assert secret not in text
        assert secret not in ds.nodes.to_string()
    assert {"姓名", "身份证号", "电话"} <= set(review.rosters[-1]["ignored"])
    assert ds.nodes.set_index("id").at["person:M001", "name"] == "M001"


# --- row numbers and the review -------------------------------------------------------------

def test_review_rows_are_spreadsheet_rows_and_csv_record_lines(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "单位"
    ws.append(["四会市单位名册"])
    ws.append([])
    ws.append(["单位名称", "单位类型", "所在社区"])
    ws.append(["甲", "企业", "火星社区"])
    wb.save(tmp_path / "单位.xlsx")
    (tmp_path / "街道.csv").write_text(AREAS, encoding="utf-8")
    (tmp_path / "社区.csv").write_text(COMMUNITIES, encoding="utf-8")
    (tmp_path / "党组织.csv").write_text(
        '党组织名称,党组织类别,上级党组织\n"甲\n支部",党支部,\n乙支部,党支部,火星党委\n',
        encoding="utf-8")
    _, review = gk.import_rosters(tmp_path)
    first, second = review.lines()
    assert first.startswith("单位.xlsx[单位]:4:所在社区 '火星社区': unresolved (")
    assert second.startswith("党组织.csv:4:上级党组织 '火星党委': unresolved (")
    assert [(e.row, e.where) for e in review.entries] == [(4, "单位.xlsx[单位]"),
                                                          (4, "党组织.csv")]


def test_a_missing_required_field_drops_the_row(tmp_path):
    ds, review = imported(tmp_path, 单位="单位名称,单位类型\n甲,\n乙,企业\n")
    assert problems(review) == [(2, "单位类型", "", "missing_field")]
    assert set(ds.nodes.loc[ds.nodes["label"] == "Unit", "id"]) == {"unit:乙"}


def test_everything_made_passes_section_1_validation(tmp_path):
    """A REPORTS_TO cycle made from rosters is refused like any input."""
    orgs = "党组织名称,党组织类别,上级党组织\n甲,党委,乙\n乙,党委,甲\n"
    folder = rosters(tmp_path, {"街道.csv": AREAS, "党组织.csv": orgs})
    with pytest.raises(gk.ValidationError) as err:
        gk.import_rosters(folder)
    assert any(p.code == "reports_to_cycle" or "cycle" in p.message for p in err.value.errors)


# --- the command line -----------------------------------------------------------------------

@pytest.fixture
def bad_folder(tmp_path):
    return rosters(tmp_path / "in", {
        "街道.csv": AREAS, "社区.csv": COMMUNITIES,
        "单位.csv": "单位名称,统一社会信用代码,单位类型,所在社区\n"
                  "甲,914403001922038217,企业,沙田园社区\n乙,,企业,火星社区\n丙,,市场,玉城社区\n"})


def test_cli_any_problem_exits_2_writes_nothing_and_prints_one_line_each(
        bad_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["import", str(bad_folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "单位.csv:2:统一社会信用代码 '914403001922038217': invalid_code" in err
    assert "单位.csv:3:所在社区 '火星社区': unresolved (" in err
    assert not out.exists()


def test_cli_partial_writes_the_rest_and_the_review(bad_folder, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["import", str(bad_folder), "--out", str(out), "--partial", "--name", "四会",
                 "--snapshot", "2021-06-30"]) == 0
    stdout = capsys.readouterr().out
    assert "名册导入" in stdout and "问题 2 处：已跳过这些行和引用" in stdout
    ds = gk.read_dataset(out)
    assert (ds.name, ds.snapshot) == ("四会", "2021-06-30")
    assert set(ds.nodes.loc[ds.nodes["label"] == "Unit", "id"]) == {"unit:乙", "unit:丙"}
    doc = json.loads((out / "review.json").read_text(encoding="utf-8"))
    assert [e["problem"] for e in doc["entries"]] == ["invalid_code", "unresolved"]
    assert doc["summary"]["rows_read"]["单位"] == 3
    wb = load_workbook(out / "review.xlsx")
    ws = wb["问题清单"]
    head = next(r for r in range(1, 5) if ws.cell(row=r, column=1).value == "文件")
    assert [c.value for c in ws[head]][:6] == ["文件", "工作表", "行", "列", "值", "问题"]
    assert ws.max_row == head + 2 and ws.freeze_panes
    assert "汇总" in wb.sheetnames


def test_cli_import_then_audit(tmp_path, capsys):
    folder = rosters(tmp_path / "in", {
        "街道.csv": AREAS, "社区.csv": COMMUNITIES,
        "单位.csv": "单位名称,单位类型,所在社区,党员数\n甲,企业,沙田园社区,4\n乙,企业,玉城社区,0\n",
        "党组织.csv": "党组织名称,党组织类别\n中共甲支部委员会,党支部\n"})
    out = tmp_path / "out"
    assert main(["import", str(folder), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["audit", str(out), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["coverage"]["rates"]["own"] == 0.5


def test_cli_bad_snapshot_and_out_over_the_input(bad_folder, capsys):
    assert main(["import", str(bad_folder), "--out", "x", "--snapshot", "2021-02-30"]) == 2
    assert main(["import", str(bad_folder), "--out", str(bad_folder)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_words_offices_use_for_a_column_depend_on_the_roster(tmp_path):
    """社区 is 所在社区 in a roster of units, 所属社区 in one of compounds, 报到社区 in one of
    members; 小区 is 小区名称 in a roster of compounds."""
    ds, review = imported(tmp_path, 小区="小区,社区\n盈峰国际,沙田园社区\n",
                          单位="单位名称,单位性质,社区,小区\n甲,企业,沙田园社区,盈峰国际\n",
                          报到党员="党员编号,社区\nM1,玉城社区\n")
    assert problems(review) == []
    assert edges(ds, "LOCATED_IN") == {("unit:甲", "compound:沙田园社区/盈峰国际")}
    assert edges(ds, "REGISTERED_AT") == {("person:M1", "community:城中街道/玉城社区")}
