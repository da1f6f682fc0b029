"""Reading and writing datasets (SPEC section 1): folders, workbooks, encodings, CSV
quirks, metadata, typing of extra columns and the NetworkX conversions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from openpyxl import Workbook

import graphkit as gk
from graphkit import vocab
from graphkit.errors import Problem, ValidationError
from tests.conftest import Builder

EDGES_OK = "source,target,type\n"

# --- helpers --------------------------------------------------------------------------


def write_folder(folder: Path, nodes: str | bytes, edges: str | bytes = EDGES_OK,
                 meta: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (("nodes.csv", nodes), ("edges.csv", edges)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if meta is not None:
        (folder / "dataset.json").write_text(meta, encoding="utf-8")
    return folder


def errors_of(path: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        gk.read_dataset(path)
    errors = info.value.errors
    assert errors
    return errors


def only_error(path: Path) -> Problem:
    errors = errors_of(path)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def sorted_nodes(ds: gk.Dataset) -> pd.DataFrame:
    return ds.nodes.sort_values("id").reset_index(drop=True)


def sorted_edges(ds: gk.Dataset) -> pd.DataFrame:
    return ds.edges.sort_values(["source", "target", "type"]).reset_index(drop=True)


def assert_same_tables(a: gk.Dataset, b: gk.Dataset, *, any_extra_order: bool = False) -> None:
    """Equal node and edge tables up to row order (and, if asked, the order of the extra
    columns after the documented leading ones)."""
    pd.testing.assert_frame_equal(sorted_nodes(a), sorted_nodes(b), check_like=any_extra_order)
    pd.testing.assert_frame_equal(sorted_edges(a), sorted_edges(b), check_like=any_extra_order)
    if any_extra_order:
        assert b.nodes.columns[:7].tolist() == list(vocab.NODE_COLUMNS)
        assert b.edges.columns[:5].tolist() == list(vocab.EDGE_COLUMNS)


# A small network in both CSV text and typed workbook cells.
NODE_HEADER = ["id", "label", "name", "kind", "members", "rating", "joint", "size", "ratio"]
NODE_ROWS = [
    ["a1", "Area", "东城街道", "street", None, None, None, 12, 2.5],
    ["c1", "Community", "沙田园社区", "urban", None, None, None, 3, None],
    ["o1", "PartyOrg", "沙田园社区党委", "committee", 25, 5, True, None, 0.5],
    ["u1", "Unit", "万兴隆翡翠城", "market", 7, None, None, 140, None],
    ["o2", "PartyOrg", "万兴隆翡翠城党总支", "general_branch", 7, 4, False, None, None],
]
EDGE_HEADER = ["source", "target", "type", "mode", "since", "weight"]
EDGE_ROWS = [
    ["c1", "a1", "PART_OF", None, None, None],
    ["o1", "c1", "BELONGS_TO", None, None, None],
    ["u1", "c1", "LOCATED_IN", None, dt.date(2019, 5, 1), 2],
    ["o2", "u1", "BELONGS_TO", None, None, None],
    ["o2", "o1", "CO_BUILDS", None, dt.date(2020, 1, 2), 3],
]


def _csv_cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _csv_text(header: list[str], rows: list[list[object]]) -> str:
    lines = [",".join(header)] + [",".join(_csv_cell(v) for v in r) for r in rows]
    return "\n".join(lines) + "\n"


def sample_folder(folder: Path) -> Path:
    return write_folder(folder, _csv_text(NODE_HEADER, NODE_ROWS),
                        _csv_text(EDGE_HEADER, EDGE_ROWS))


def sample_workbook(path: Path, sheets: tuple[str, ...] = ("nodes", "edges")) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    tables = {"nodes": (NODE_HEADER, NODE_ROWS), "edges": (EDGE_HEADER, EDGE_ROWS)}
    for sheet in sheets:
        ws = wb.create_sheet(sheet)
        header, rows = tables[sheet]
        ws.append(header)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


# --- folder and workbook --------------------------------------------------------------


def test_read_folder(tmp_path: Path) -> None:
    ds = gk.read_dataset(sample_folder(tmp_path / "net"))
    assert isinstance(ds, gk.Dataset)
    assert ds.nodes["id"].tolist() == ["a1", "c1", "o1", "o2", "u1"]  # sorted by id
    assert ds.nodes.columns[:7].tolist() == [
        "id", "label", "name", "kind", "members", "rating", "joint"]
    assert ds.counts()["PartyOrg"] == 2
    assert ds.counts()["Person"] == 0
    assert len(ds.edges) == 5
    assert ds.name == "net"
    assert ds.snapshot is None
    o1 = ds.nodes.set_index("id").loc["o1"]
    assert (o1["members"], o1["rating"], bool(o1["joint"])) == (25, 5, True)
    assert ds.warnings == ()


def test_xlsx_equals_csv(tmp_path: Path) -> None:
    from_csv = gk.read_dataset(sample_folder(tmp_path / "net"))
    from_xlsx = gk.read_dataset(sample_workbook(tmp_path / "net.xlsx"))
    assert from_xlsx.name == "net"
    assert from_xlsx.warnings == ()
    assert_same_tables(from_csv, from_xlsx)
    since = sorted_edges(from_xlsx).set_index("type").at["LOCATED_IN", "since"]
    assert since == "2019-05-01"
    o1 = from_xlsx.nodes.set_index("id").loc["o1"]
    assert (o1["members"], o1["rating"], bool(o1["joint"])) == (25, 5, True)


def test_xlsx_problem_names_sheet_and_row(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "nodes"
    ws.append(["id", "label", "name"])
    ws.append(["c1", "Community", "甲"])
    ws.append(["x1", "Bogus", "乙"])
    wb.create_sheet("edges").append(["source", "target", "type"])
    wb.save(tmp_path / "net.xlsx")
    p = only_error(tmp_path / "net.xlsx")
    assert "nodes" in p.file and "net.xlsx" in p.file
    assert p.line == 3
    assert p.column == "label"
    assert "Bogus" in p.message


def test_xlsx_missing_sheet(tmp_path: Path) -> None:
    path = sample_workbook(tmp_path / "net.xlsx", sheets=("nodes",))
    p = only_error(path)
    assert "net.xlsx" in p.file
    assert "edges" in p.message


# --- encodings ------------------------------------------------------------------------


def test_utf8_with_bom(tmp_path: Path) -> None:
    text = "id,label,name\nc1,Community,沙田园社区\n"
    folder = write_folder(tmp_path / "ds", b"\xef\xbb\xbf" + text.encode("utf-8"))
    ds = gk.read_dataset(folder)
    assert ds.nodes["id"].tolist() == ["c1"]
    assert ds.nodes["name"].tolist() == ["沙田园社区"]
    assert ds.warnings == ()
    assert gk.validate_dataset(folder) == []


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_family_is_read_with_a_warning(tmp_path: Path, encoding: str) -> None:
    text = "id,label,name\nc1,Community,沙田园社区\nc2,Community,贞山街道城西社区\n"
    folder = write_folder(tmp_path / "ds", text.encode(encoding))
    ds = gk.read_dataset(folder)
    assert ds.nodes["name"].tolist() == ["沙田园社区", "贞山街道城西社区"]
    assert len(ds.warnings) == 1
    w = ds.warnings[0]
    assert w.severity == "warning"
    assert w.file == "nodes.csv"
    assert "GB" in w.message
    assert gk.validate_dataset(folder) == [w]


def test_undecodable_bytes_name_the_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ds", "id,label,name\n",
                          b"\xff\xfe\x00garbage\x81")
    p = only_error(folder)
    assert p.file == "edges.csv"
    assert "edges.csv" in str(p)


def test_xlsx_renamed_to_csv_is_an_error(tmp_path: Path) -> None:
    book = sample_workbook(tmp_path / "net.xlsx")
    folder = write_folder(tmp_path / "ds", book.read_bytes())
    p = only_error(folder)
    assert p.file == "nodes.csv"
    assert p.severity == "error"


def test_nul_byte(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ds", "id,label,name\nc1,Community,甲\nc2,Com\x00munity,乙\n")
    p = only_error(folder)
    assert (p.file, p.line) == ("nodes.csv", 3)
    assert "NUL" in p.message


# --- CSV structure and line numbers ---------------------------------------------------


def test_ragged_row_reports_its_line(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ds",
                          "id,label,name\nc1,Community,甲\nc2,Community,乙,surplus\n")
    p = only_error(folder)
    assert (p.file, p.line) == ("nodes.csv", 3)
    assert "4" in p.message and "3" in p.message


def test_trailing_empty_fields_are_not_ragged(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ds", "id,label,name\nc1,Community,甲,,\n")
    assert gk.read_dataset(folder).nodes["id"].tolist() == ["c1"]


def test_embedded_newline_counts_for_the_line_number(tmp_path: Path) -> None:
    nodes = ('id,label,name\nc1,Community,"沙田园\n社区"\n'
             "c2,Community,乙,surplus\nc3,Bogus,丙\n")
    folder = write_folder(tmp_path / "ds", nodes)
    errors = errors_of(folder)
    assert [(p.file, p.line) for p in errors] == [("nodes.csv", 4)]

    nodes = 'id,label,name\nc1,Community,"沙田园\n社区"\nc3,Bogus,丙\n'
    folder = write_folder(tmp_path / "ds2", nodes)
    p = only_error(folder)
    assert (p.file, p.line, p.column) == ("nodes.csv", 4, "label")


def test_embedded_newline_is_kept_in_the_value(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ds", 'id,label,name\nc1,Community,"沙田园\n社区"\n')
    assert gk.read_dataset(folder).nodes["name"].tolist() == ["沙田园\n社区"]


def test_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    nodes = "id,label,name\n\nc1,Community,甲\n\n\nc2,Bogus,乙\n"
    p = only_error(write_folder(tmp_path / "bad", nodes))
    assert (p.file, p.line, p.column) == ("nodes.csv", 6, "label")
    nodes = "id,label,name\n\nc1,Community,甲\n  ,  ,  \n\nc2,Community,乙\n\n"
    ds = gk.read_dataset(write_folder(tmp_path / "ok", nodes))
    assert ds.nodes["id"].tolist() == ["c1", "c2"]


def test_a_row_starting_with_a_space_is_not_blank(tmp_path: Path) -> None:
    # the first cell starts with an ideographic space, the others are empty: a row, not a
    # blank line (the fast reader used to drop it)
    p = only_error(write_folder(tmp_path / "ds", "id,label,name\nc1,Community,甲\n\u3000c2,,\n"))
    assert (p.file, p.line, p.column) == ("nodes.csv", 3, "label")


def test_lone_carriage_returns_end_lines(tmp_path: Path) -> None:
    p = only_error(write_folder(tmp_path / "ds", "id,label,name\nc1,Community,甲\r\rc2,Bogus,乙\n"))
    assert (p.file, p.line, p.column) == ("nodes.csv", 4, "label")


@pytest.mark.parametrize("missing", ["nodes.csv", "edges.csv"])
def test_missing_file(tmp_path: Path, missing: str) -> None:
    folder = sample_folder(tmp_path / "ds")
    (folder / missing).unlink()
    p = only_error(folder)
    assert p.file == missing
    assert missing in p.message


def test_duplicate_header_column(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "ds", "id,label,name,name\nc1,Community,甲,乙\n")
    p = only_error(folder)
    assert (p.file, p.line, p.column) == ("nodes.csv", 1, "name")
    assert "name" in p.message


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    nodes = ("id,label,name,members\n"
             ",Community,空编号,\n"
             "x1,Bogus,怪标签,\n"
             "u1,Unit,某企业,many\n")
    edges = "source,target,type\nu1,ghost,LOCATED_IN\n"
    folder = write_folder(tmp_path / "ds", nodes, edges, meta="{broken")
    errors = errors_of(folder)
    where = sorted((p.file, p.line or 0, p.column or "") for p in errors)
    assert where == [
        ("dataset.json", 0, ""),
        ("edges.csv", 2, "target"),
        ("nodes.csv", 2, "id"),
        ("nodes.csv", 3, "label"),
        ("nodes.csv", 4, "members"),
    ]
    only_nodes = write_folder(tmp_path / "ds2", nodes)
    assert len(errors_of(only_nodes)) == 3


def _one_file_after_the_other(folder: Path) -> list[Problem]:
    """The problems of `folder` as a read that does one step after the other finds them:
    each file read and parsed, the metadata, then every rule (nodes, then edges)."""
    from graphkit.network import io as gio
    from graphkit.network import validation
    from graphkit.network._parse import Problems

    problems, parsing = Problems(), Problems()
    cands = {sheet: gio._read_sheet(folder, sheet, problems, parsing)
             for sheet in ("nodes", "edges")}
    gio._read_meta(folder, problems)
    problems.extend(parsing)
    if cands["nodes"] is not None and cands["edges"] is not None:
        validation.validate(cands["nodes"], cands["edges"], problems)
    return validation.sort_problems(problems)


_NODES_WRONG = ("id,label,name,members\n"
                ",Community,空编号,\n"
                "x1,Bogus,怪标签,\n"
                "c1,Community,社区,\n"
                "c1,Community,重复,\n"
                "u1,Unit,某企业,many\n"
                "o1,PartyOrg,支部,3\n")
_EDGES_WRONG = ("source,target,type,since\n"
                "u1,ghost,LOCATED_IN,yesterday\n"
                ",u1,BOGUS,\n"
                "u1,c1,LOCATED_IN,2020-13-01\n")


@pytest.mark.parametrize(("nodes", "edges"), [
    (_NODES_WRONG, _EDGES_WRONG),
    (_NODES_WRONG, _EDGES_WRONG + "u1,c1\n"),  # a short row: the edge file unread
    (_NODES_WRONG, "source,target\nu1,c1\n"),  # a required column missing
    (_NODES_WRONG, None),  # no edges.csv
    (_NODES_WRONG + "u2,Unit,x,1,extra\n", _EDGES_WRONG),  # the node file unread
], ids=["rules", "short-edge-row", "no-type-column", "no-edge-file", "long-node-row"])
def test_the_edge_file_read_beside_the_node_rules_keeps_the_problems_and_their_order(
        tmp_path: Path, nodes: str, edges: str | None) -> None:
    """The edge file is read while the node rules run (graphkit/network/io.py): the same
    problems come out, in the same order, as when each step waits for the one before."""
    folder = write_folder(tmp_path / "ds", nodes, edges or EDGES_OK, meta="{broken")
    if edges is None:
        (folder / "edges.csv").unlink()
    found = gk.validate_dataset(folder)
    assert {p.file for p in found} >= {"nodes.csv", "dataset.json"}
    assert [(p.file, p.line, p.column, p.code, str(p)) for p in found] == [
        (p.file, p.line, p.column, p.code, str(p)) for p in _one_file_after_the_other(folder)]


def test_a_failure_while_the_edge_file_is_read_reaches_the_caller(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkit.network import io as gio

    real = gio._read_sheet

    def failing(folder: Path, sheet: str, reading: list, parsing: list) -> object:
        if sheet == "edges":
            raise MemoryError("no room for edges.csv")
        return real(folder, sheet, reading, parsing)

    monkeypatch.setattr(gio, "_read_sheet", failing)
    with pytest.raises(MemoryError, match=r"no room for edges\.csv"):
        gk.read_dataset(sample_folder(tmp_path / "ds"))


# --- metadata -------------------------------------------------------------------------


def test_dataset_json_metadata(tmp_path: Path) -> None:
    meta = {"name": "四会市示例", "snapshot": "2020-09-30", "description": "示例数据"}
    folder = sample_folder(tmp_path / "ds")
    (folder / "dataset.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    ds = gk.read_dataset(folder)
    assert (ds.name, ds.snapshot, ds.description) == ("四会市示例", "2020-09-30", "示例数据")
    G = ds.to_networkx()
    assert G.graph == meta


def test_invalid_dataset_json(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path / "ds")
    (folder / "dataset.json").write_text('{"name": "x",', encoding="utf-8")
    p = only_error(folder)
    assert p.file == "dataset.json"
    assert "JSON" in p.message


@pytest.mark.parametrize("snapshot", ["2020/09/30", "30-09-2020", "2020-13-45", "yesterday"])
def test_bad_snapshot_date(tmp_path: Path, snapshot: str) -> None:
    folder = sample_folder(tmp_path / "ds")
    (folder / "dataset.json").write_text(json.dumps({"snapshot": snapshot}), encoding="utf-8")
    p = only_error(folder)
    assert (p.file, p.column) == ("dataset.json", "snapshot")
    assert snapshot in p.message


# --- typing of extra columns ----------------------------------------------------------

TYPED_NODES = (
    "id,label,name,code,count,ratio,flag,note\n"
    "c1,Community,甲,0758,3,1.5,true,hello\n"
    "c2,Community,乙,0123,,2,FALSE,\n"
)


def test_extra_columns_are_typed_in_the_table(tmp_path: Path) -> None:
    nodes = TYPED_NODES + "a1,Area,丙,,,,,\n"
    edges = "source,target,type,weight,tag\nc1,a1,PART_OF,0.25,\nc2,a1,PART_OF,1,x\n"
    ds = gk.read_dataset(write_folder(tmp_path / "ds", nodes, edges))
    n = ds.nodes.set_index("id")
    assert str(n["count"].dtype) == "Int64"
    assert str(n["ratio"].dtype) == "Float64"
    assert str(n["flag"].dtype) == "boolean"
    assert n.at["c1", "count"] == 3
    assert pd.isna(n.at["c2", "count"])
    assert n.at["c2", "ratio"] == 2.0
    assert bool(n.at["c1", "flag"]) is True
    assert not bool(n.at["c2", "flag"])
    assert n.at["c1", "note"] == "hello"
    assert pd.isna(n.at["c2", "note"])
    assert pd.isna(n.at["a1", "flag"])
    e = ds.edges.set_index("source")
    assert str(e["weight"].dtype) == "Float64"
    assert e.at["c1", "weight"] == 0.25
    assert pd.isna(e.at["c1", "tag"])


def test_leading_zero_codes_stay_strings(tmp_path: Path) -> None:
    ds = gk.read_dataset(write_folder(tmp_path / "ds", TYPED_NODES))
    col = ds.nodes["code"]
    assert not pd.api.types.is_numeric_dtype(col.dtype), col.dtype
    assert col.tolist() == ["0758", "0123"]
    G = ds.to_networkx()
    assert G.nodes["c1"]["code"] == "0758"
    assert isinstance(G.nodes["c1"]["code"], str)


def test_extra_columns_are_typed_in_the_graph(tmp_path: Path) -> None:
    ds = gk.read_dataset(write_folder(tmp_path / "ds", TYPED_NODES))
    G = ds.to_networkx()
    c1, c2 = G.nodes["c1"], G.nodes["c2"]
    assert type(c1["count"]) is int and c1["count"] == 3
    assert type(c1["ratio"]) is float and c1["ratio"] == 1.5
    assert type(c2["ratio"]) is float and c2["ratio"] == 2.0
    assert c1["flag"] is True and c2["flag"] is False
    assert c1["note"] == "hello"
    assert "count" not in c2
    assert "note" not in c2


# --- write / read round trip ----------------------------------------------------------


def test_write_read_round_trip(tmp_path: Path) -> None:
    folder = sample_folder(tmp_path / "in")
    (folder / "dataset.json").write_text(
        json.dumps({"name": "网络", "snapshot": "2021-01-31", "description": "说明"}),
        encoding="utf-8")
    (folder / "nodes.csv").write_text(
        (folder / "nodes.csv").read_text(encoding="utf-8").replace("12,2.5", "0758,2.5"),
        encoding="utf-8")
    ds = gk.read_dataset(folder)
    out = gk.write_dataset(ds, tmp_path / "out")
    assert Path(out) == tmp_path / "out"
    assert {p.name for p in Path(out).iterdir()} >= {"nodes.csv", "edges.csv", "dataset.json"}
    back = gk.read_dataset(out)
    assert_same_tables(ds, back)
    assert (back.name, back.snapshot, back.description) == ("网络", "2021-01-31", "说明")


def test_write_read_round_trip_sihui(sihui: gk.Dataset, tmp_path: Path) -> None:
    back = gk.read_dataset(gk.write_dataset(sihui, tmp_path / "copy"))
    assert_same_tables(sihui, back)
    assert back.meta == sihui.meta


# --- NetworkX conversions -------------------------------------------------------------


def test_to_networkx_shape(tmp_path: Path) -> None:
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="o1")
    b.unit("u1", where="c1", members=2)
    b.edge("o1", "u1", "COVERS", mode="affiliated", since="2020-05-01")
    ds = b.dataset(tmp_path / "ds")
    G = ds.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == 4
    assert G.number_of_edges() == 4
    assert G.graph == {"name": "ds", "snapshot": None, "description": None}
    for _, _, key, data in G.edges(keys=True, data=True):
        assert key == data["type"]
    assert G.edges["o1", "u1", "COVERS"] == {
        "type": "COVERS", "mode": "affiliated", "since": "2020-05-01"}
    assert G.edges["u1", "c1", "LOCATED_IN"] == {"type": "LOCATED_IN"}
    assert G.nodes["u1"] == {"label": "Unit", "name": "名称u1", "kind": "enterprise",
                             "members": 2}
    org = G.nodes["o1"]
    assert (org["label"], org["kind"], org["joint"]) == ("PartyOrg", "committee", False)
    assert "rating" not in org  # a blank rating stays absent (it counts as 0, SPEC 1)
    assert "rating" not in G.nodes["c1"] and "joint" not in G.nodes["c1"]
    assert type(G.nodes["u1"]["members"]) is int
    assert G is not ds.to_networkx()


def test_from_networkx_is_the_inverse(tmp_path: Path) -> None:
    ds = gk.read_dataset(sample_folder(tmp_path / "ds"))
    back = gk.Dataset.from_networkx(ds.to_networkx())
    assert_same_tables(ds, back, any_extra_order=True)
    assert back.meta == ds.meta


def test_from_networkx_sihui(sihui: gk.Dataset) -> None:
    back = gk.Dataset.from_networkx(sihui.to_networkx())
    assert_same_tables(sihui, back, any_extra_order=True)
    assert back.meta == sihui.meta


def test_from_networkx_builder_graph(builder: Builder) -> None:
    builder.community("c1", core="o1")
    builder.unit("u1", where="c1", members=4, org="o2", rating=5)
    ds = gk.Dataset.from_networkx(builder.graph())
    n = ds.nodes.set_index("id")
    assert n.at["u1", "members"] == 4
    assert n.at["o2", "rating"] == 5
    assert n.at["c1", "kind"] == "urban"
    assert sorted(ds.edges["type"]) == ["BELONGS_TO", "BELONGS_TO", "LOCATED_IN"]


def test_from_networkx_rejects_an_invalid_graph() -> None:
    G = nx.MultiDiGraph()
    G.add_node("c1", label="Community", name="甲")
    G.add_node("x1", label="Bogus", name="乙")
    with pytest.raises(ValidationError) as info:
        gk.Dataset.from_networkx(G)
    errors = info.value.errors
    assert len(errors) == 1
    assert errors[0].column == "label"
    assert "Bogus" in errors[0].message


def test_from_networkx_rejects_a_bad_edge() -> None:
    G = nx.MultiDiGraph()
    G.add_node("c1", label="Community", name="甲")
    G.add_node("o1", label="PartyOrg", name="乙", kind="branch")
    G.add_edge("o1", "c1", key="REPORTS_TO")
    with pytest.raises(ValidationError) as info:
        gk.Dataset.from_networkx(G)
    assert any("REPORTS_TO" in p.message for p in info.value.errors)


# --- the fast readers agree with the careful one ---------------------------------------

_PIECES = ["a", "b", ",", '"', "\n", "\r\n", "\r", " ", "\t", "中", "\u3000", '""', "\n,,"]


@hyp_settings(max_examples=300, deadline=None)
@given(st.integers(1, 4), st.lists(st.sampled_from(_PIECES), max_size=40),
       st.booleans())
def test_fast_readers_agree_with_the_careful_reader(ncols: int, pieces: list[str],
                                                     arrow: bool) -> None:
    """Whatever text the fast path (pyarrow or pandas' C reader) accepts, it reads the
    same cells and line numbers as the csv-module path."""
    from graphkit.network import _readers
    from graphkit.network._parse import Problems

    text = ",".join(f"c{i}" for i in range(ncols)) + "\n" + "".join(pieces)
    data = text.encode()
    fast = (_readers._fast_utf8(data, "f", []) if arrow
            else _readers._fast_csv(text, data, "f", []))
    if fast is None:
        return
    careful_problems = Problems()
    careful = _readers._careful_csv(text, "f", [], careful_problems)
    assert careful is not None and not careful_problems
    assert fast.table.to_pydict() == careful.table.to_pydict()
    assert list(fast.lines) == list(careful.lines)
