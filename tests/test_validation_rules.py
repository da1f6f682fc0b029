"""The rules SPEC section 1 gained this week, one test each, on every input path.

Each test builds the smallest dataset that breaks (or exercises) one rule and checks the
problem's file, line, column and culprit — or, for the rules that change a result (two
COVERS modes, the team tie, leading zeros), the result itself.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from openpyxl import Workbook

import graphkit as gk
from graphkit.errors import Problem, ValidationError
from tests.conftest import Builder


def base() -> Builder:
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="o-c1")
    b.unit("u1", where="c1", members=1)
    return b


def problems(folder: Path) -> list[Problem]:
    return gk.validate_dataset(folder)


def only(found: list[Problem], code: str, severity: str = "error") -> Problem:
    hits = [p for p in found if p.code == code and p.severity == severity]
    assert len(hits) == 1, "\n".join(map(str, found))
    return hits[0]


def write_csv(folder: Path, nodes: str, edges: str = "source,target,type\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    (folder / "edges.csv").write_text(edges, encoding="utf-8")
    return folder


# --- headers -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Members", " id", "LABEL", "label\u200b"])
def test_a_standard_column_but_for_case_spaces_or_invisible_characters_is_an_error(
        tmp_path, name):
    header = ["id", "label", "name", "members"]
    header[header.index(name.strip().strip("\u200b").lower())] = name
    text = ",".join(header) + "\n" + "c1,Community,社区,0\n"
    p = only(problems(write_csv(tmp_path / "d", text)), "column_variant")
    assert p.file == "nodes.csv" and p.line == 1
    assert repr(name) in p.message and "rename it" in p.message
    if name == "label\u200b":
        assert "\\u200b" in str(p)  # the invisible character is shown


def test_an_excel_csv_with_a_trailing_empty_column_is_read_with_a_warning(tmp_path):
    folder = write_csv(tmp_path / "d", "id,label,name,\nc1,Community,社区,\n",
                       "source,target,type,\n")
    ds = gk.read_dataset(folder)
    assert ds.nodes["id"].tolist() == ["c1"]
    assert {p.code for p in ds.warnings} == {"empty_trailing_column"}


def test_a_title_row_above_the_header_is_one_error_naming_the_header_line(tmp_path):
    folder = write_csv(tmp_path / "d", "四会市党建台账,,\nid,label,name\nc1,Community,社区\n")
    found = problems(folder)
    assert [p.code for p in found if p.severity == "error"] == ["title_row"]
    assert found[0].line == 2 and "line 2" in found[0].message


def test_a_formula_without_a_stored_value_is_an_error(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "nodes"
    ws.append(["id", "label", "name", "members"])
    ws.append(["u1", "Unit", "某厂", "=2+5"])     # openpyxl writes a formula, no value
    wb.create_sheet("edges").append(["source", "target", "type"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    p = only(problems(path), "formula_without_value")
    assert p.file == "book.xlsx[nodes]" and p.line == 2
    assert "D2" in p.message and "=2+5" in p.message and "save" in p.message


def test_merged_label_cells_give_one_error_per_node_and_no_cascade(tmp_path):
    b = base()
    b.node("u2", "", "合并单元格下的单位")
    b.edge("u2", "c1", "LOCATED_IN")
    b.edge("o-c1", "u2", "COVERS", mode="joint")
    found = problems(b.write(tmp_path / "d"))
    errors = [p for p in found if p.severity == "error"]
    assert [p.code for p in errors] == ["unknown_label"], "\n".join(map(str, errors))
    assert "merged cells" in errors[0].message


def test_problems_are_sorted_by_line_within_a_file(tmp_path):
    b = base()
    b.node("x1", "Unitt", "甲")
    b.node("x2", "Unit", "乙", members="many")
    b.node("x1", "Unit", "丙")
    lines = [p.line for p in problems(b.write(tmp_path / "d")) if p.file == "nodes.csv"]
    assert lines == sorted(lines) and len(lines) == 3


# --- ids -------------------------------------------------------------------------------------
def test_ids_equal_under_nfkc_after_stripping_are_warned_and_kept_apart(tmp_path):
    b = base()
    b.unit("u1 ", where="c1")
    b.unit("u\uff11", where="c1")   # full-width digit one
    ds = gk.read_dataset(b.write(tmp_path / "d"))
    assert {"u1", "u1 ", "u\uff11"} <= set(ds.nodes["id"])
    p = only(list(ds.warnings), "id_twins", "warning")
    assert "'u1'" in p.message and "'u1 '" in p.message and "'u１'" in p.message
    assert gk.audit(ds).overall["units"] == 3


def test_integers_may_carry_leading_zeros(tmp_path):
    b = base()
    b.unit("u2", where="c1", members="03")
    ds = gk.read_dataset(b.write(tmp_path / "d"))
    assert ds.nodes.set_index("id").loc["u2", "members"] == 3


# --- edges -----------------------------------------------------------------------------------
def test_two_covers_rows_that_differ_in_mode_are_two_edges_and_joint_wins(tmp_path):
    b = base()
    b.edge("o-c1", "u1", "COVERS", mode="affiliated")
    b.edge("o-c1", "u1", "COVERS", mode="joint")
    ds = gk.read_dataset(b.write(tmp_path / "d"), strict=True)   # no warning
    assert (ds.edges["type"] == "COVERS").sum() == 2
    assert gk.unit_coverage(ds).set_index("id").loc["u1", "status"] == "joint"
    b.edge("o-c1", "u1", "COVERS", mode="joint")    # now a true repeat
    p = only(problems(b.write(tmp_path / "e")), "repeated_edge", "warning")
    assert p.line == len(b.edges) + 1


@pytest.mark.parametrize("edges", [[("a1", "a1")], [("a1", "a2"), ("a2", "a1")]])
def test_a_part_of_cycle_is_an_error(tmp_path, edges):
    b = base()
    b.node("a2", "Area", "城中街道")
    for s, t in edges:
        b.edge(s, t, "PART_OF")
    p = only(problems(b.write(tmp_path / "d")), "cycle")
    assert p.message.startswith("PART_OF cycle: a1 -> ")


@pytest.mark.parametrize("since", ["2024-13-45", "2024-02-30", "2024-01-01junk"])
def test_since_must_be_a_real_iso_date(tmp_path, since):
    b = base()
    b.edge("o-c1", "u1", "COVERS", mode="joint", since=since)
    p = only(problems(b.write(tmp_path / "d")), "since_not_date", "warning")
    assert repr(since) in p.message and p.column == "since"
    b2 = base()
    b2.edge("o-c1", "u1", "COVERS", mode="joint", since="2024-02-29")
    assert problems(b2.write(tmp_path / "ok")) == []


def test_homes_of_party_organizations(tmp_path):
    b = base()
    b.node("j1", "PartyOrg", "联合党支部", joint="true")            # joint, no home: fine
    b.node("o2", "PartyOrg", "无家可归党支部")                       # not joint, no home
    b.node("o3", "PartyOrg", "两个家的党支部")
    b.edge("o3", "c1", "BELONGS_TO")
    b.edge("o3", "a1", "BELONGS_TO")
    found = problems(b.write(tmp_path / "d"))
    assert "'o2'" in only(found, "org_without_home", "warning").message
    assert "'o3'" in only(found, "org_several_homes", "warning").message
    assert not any("'j1'" in p.message for p in found)


def test_a_team_ties_its_sender_to_the_core_and_to_no_other_organization(tmp_path):
    b = base()
    b.node("o-2", "PartyOrg", "社区第二党组织", kind="branch")   # also BELONGS_TO c1
    b.edge("o-2", "c1", "BELONGS_TO")
    b.node("organ", "Unit", "市直机关", kind="organ")
    b.node("team", "Team", "驻点团队", kind="stationed")
    b.edge("team", "organ", "FROM")
    b.edge("team", "c1", "STATIONED_AT")
    ds = gk.read_dataset(b.write(tmp_path / "d"))
    t = gk.ties(ds)
    team = t[t["type"] == "TEAM"]
    assert set(zip(team["a"], team["b"], strict=True)) == {("organ", "o-c1"), ("o-c1", "organ")}
    assert gk.circles(ds).set_index("community").loc["c1", "external"] == ["organ"]


# --- every input path ------------------------------------------------------------------------
def _bad_graph() -> nx.MultiDiGraph:
    G = base().graph()
    G.nodes["o-c1"]["rating"] = 9
    G.nodes["u1"]["members"] = -5
    return G


def test_a_graph_goes_through_the_same_validation_as_a_file(tmp_path):
    with pytest.raises(ValidationError) as info:
        gk.audit(_bad_graph())
    messages = [p.message for p in info.value.errors]
    assert any("rating must be an integer 0..5, got 9" in m for m in messages)
    assert any("members must be an integer >= 0, got -5" in m for m in messages)
    with pytest.raises(ValidationError):
        gk.unit_coverage(_bad_graph())


@pytest.mark.parametrize(("value", "ok"), [(3.7, False), ("abc", False), (True, False),
                                           (3.0, True), ("03", True), (None, True)])
def test_records_type_members_as_files_do(value, ok):
    nodes = [{"id": "u1", "label": "Unit", "members": value}]
    if ok:
        ds = gk.Dataset.from_records(nodes, [])
        members = ds.nodes.loc[0, "members"]
        assert members == 3 if value is not None else members is pd.NA
    else:
        with pytest.raises(ValidationError, match="members must be an integer"):
            gk.Dataset.from_records(nodes, [])


def test_records_read_the_text_false_as_false():
    ds = gk.Dataset.from_records([{"id": "o1", "label": "PartyOrg", "joint": "false"},
                                  {"id": "o2", "label": "PartyOrg", "joint": "是"}], [])
    assert ds.nodes.set_index("id")["joint"].to_dict() == {"o1": False, "o2": True}
    with pytest.raises(ValidationError, match="joint must be true or false"):
        gk.Dataset.from_records([{"id": "o1", "label": "PartyOrg", "joint": "maybe"}], [])


def test_a_dataset_cannot_be_edited_in_place_into_staleness(sihui):
    before = gk.audit(sihui).overall
    nodes = sihui.nodes
    nodes.loc[:, "members"] = 0           # a copy: the dataset is frozen
    assert gk.audit(sihui).overall == before
    with pytest.raises(AttributeError):
        sihui.name = "other"
