"""The inverse (``graphkit rosters``) and the template: importing the rosters of a dataset
gives back the same network, ids mapped as SPEC section 9 says (a property over random
valid datasets), and the workbook is the template a planner fills."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

import graphkit as gk
from graphkit.adapters.rosters import vocabulary as RV
from graphkit.adapters.rosters._normalize import norm_name
from graphkit.cli import main

from .conftest import Builder
from .test_properties import networks

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def expected_ids(ds: gk.Dataset) -> dict[str, str]:
    """Each node's id after a trip through the rosters (SPEC section 9)."""
    n = ds.nodes.set_index("id")
    e = ds.edges
    part_of = dict(zip(e.loc[e["type"] == "PART_OF", "source"],
                       e.loc[e["type"] == "PART_OF", "target"], strict=True))
    name = {i: norm_name(str(v)) for i, v in n["name"].items()}
    prefix = {"Area": "area:", "Unit": "unit:", "PartyOrg": "org:", "Team": "team:",
              "ServiceCenter": "center:"}
    out = {}
    for i, label in n["label"].items():
        if label == "Community":
            out[i] = f"community:{name[part_of[i]]}/{name[i]}"
        elif label == "Compound":
            out[i] = f"compound:{name[part_of[i]]}/{name[i]}"
        elif label == "Person":
            out[i] = f"person:{i}"
        else:
            out[i] = prefix[label] + name[i]
    return out


def network(ds: gk.Dataset, ids: dict[str, str] | None = None) -> tuple[set[Any], set[Any]]:
    """Nodes (with their properties) and edges as sets, ids mapped by `ids`. A Person is
    compared on its kind only: rosters keep its 编号, never its name."""
    ids = ids or {}
    nodes = set()
    for r in ds.nodes.to_dict("records"):
        props = tuple(sorted((k, v) for k, v in r.items() if k not in ("id", "name")
                             and v is not None and v == v))
        name = None if r["label"] == "Person" else r["name"]
        nodes.add((ids.get(r["id"], r["id"]), name, props))
    edges = {(ids.get(s, s), ids.get(t, t), typ, mode or "", since or "")
             for s, t, typ, mode, since in ds.edges[["source", "target", "type", "mode",
                                                     "since"]].itertuples(index=False)}
    return nodes, edges


def holdable(b: Builder) -> Builder:
    """`b` without what rosters cannot hold (the inverse warns about it): an instructor
    guiding no unit."""
    guides = {e["source"] for e in b.edges if e["type"] == "GUIDES"}
    b.nodes = [n for n in b.nodes if n["label"] != "Person" or n["id"] in guides]
    return b


@SETTINGS
@given(networks())
def test_rosters_then_import_gives_back_the_same_network(b):
    with tempfile.TemporaryDirectory() as tmp:
        ds = holdable(b).dataset(Path(tmp) / "ds")
        path, _ = gk.write_rosters(ds, Path(tmp) / "rosters")
        back, review = gk.import_rosters(path)
    assert review.entries == []
    assert network(back) == network(ds, expected_ids(ds))


def test_the_sample_round_trips_with_the_same_audit(sihui, tmp_path):
    path, warnings = gk.write_rosters(sihui, tmp_path)
    back, review = gk.import_rosters(path)
    assert review.entries == []
    assert network(back) == network(sihui, expected_ids(sihui))
    a, b = gk.audit(sihui).to_dict(), gk.audit(back).to_dict()
    assert a["coverage"]["rates"] == b["coverage"]["rates"]
    assert a["mechanisms"]["city"] == b["mechanisms"]["city"]
    assert any("人员姓名" in w for w in warnings)


def test_rosters_warns_about_what_rosters_cannot_hold(builder, tmp_path, capsys):
    builder.community("c1", builder.node("a1", "Area", kind="street"))
    builder.node("p1", "Person", kind="instructor")          # guides no unit
    builder.node("m1", "Person", kind="member")              # registered nowhere
    builder.node("t1", "Team", kind="volunteer")             # no sender
    builder.edge("t1", "c1", "STATIONED_AT")
    builder.unit("u1", "a1")                                 # in an Area directly
    ds = builder.dataset(tmp_path / "ds")
    assert main(["rosters", str(tmp_path / "ds"), "--out", str(tmp_path / "r")]) == 0
    err = capsys.readouterr().err
    for text in ("指导员 p1 没有指导单位", "报到党员 m1 没有报到社区", "团队 名称t1 没有派出单位",
                 "直接位于街道"):
        assert text in err, text
    assert ds is not None


def test_the_template_is_one_workbook_a_sheet_per_roster(sihui, tmp_path):
    path, _ = gk.write_rosters(sihui, tmp_path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["说明", *RV.ROSTERS]
    for kind, roster in RV.ROSTERS.items():
        ws = wb[kind]
        assert [c.value for c in ws[1]] == list(roster.fields)
        assert ws.freeze_panes == "A2" and ws.print_title_rows in ("1:1", "$1:$1")
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
        assert ws.auto_filter.ref
    drops = {(ws.title, next(iter(dv.sqref.ranges)).coord[0]): dv.formula1
             for ws in wb for dv in ws.data_validations.dataValidation}
    assert drops[("党组织", "B")] == '"' + ",".join(RV.ORG_CATEGORIES) + '"'
    assert drops[("单位", "C")] == '"' + ",".join(RV.UNIT_TYPES) + '"'
    assert ("团队", "B") in drops and ("街道", "B") in drops and ("社区", "C") in drops
    units = wb["单位"]
    assert units.max_row == 1 + 381
