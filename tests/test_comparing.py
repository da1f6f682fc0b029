"""Comparing snapshots (SPEC section 7): gk.diff, Diff.to_dict, gk.trend, synth.evolve."""

from __future__ import annotations

import copy
import math
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit as gk
from graphkit.privacy import pseudonym, pseudonymize
from graphkit.synth import evolve

from .conftest import REPO, SIHUI, Builder
from .test_properties import networks

SIHUI_2021 = REPO / "data" / "sihui-2021"
METRICS = ("own", "organization", "work")
ROLES = ("sub_core", "pan_core", "unlinked", "external")


def pair(tmp: Path, a: Builder, b: Builder) -> tuple[gk.Dataset, gk.Dataset]:
    return a.dataset(tmp / "old"), b.dataset(tmp / "new")


def base() -> Builder:
    """A street, a community with a core, and one unit of each status."""
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="core1")
    b.unit("u-own", where="c1", members=5, org="o-own", rating=4)
    b.edge("o-own", "core1", "CO_BUILDS")
    b.unit("u-joint", where="c1", kind="market", members=1)
    b.node("o-joint", "PartyOrg", "联合党支部", joint="true")
    b.edge("o-joint", "u-joint", "COVERS", mode="joint")
    b.unit("u-aff", where="c1", kind="social_org", members=1)
    b.edge("core1", "u-aff", "COVERS", mode="affiliated")
    b.unit("u-ins", where="c1", kind="organ")
    b.node("p1", "Person", "王指导员", kind="instructor", phone="13800000000")
    b.edge("p1", "u-ins", "GUIDES", since="2020-01-01")
    b.unit("u-none", where="c1", kind="institution", members=0)
    return b


# --- nodes and edges --------------------------------------------------------------------
def test_diff_of_a_dataset_with_itself_is_empty(sihui):
    d = gk.diff(sihui, sihui)
    doc = d.to_dict()
    assert d.is_empty and not d.regression
    assert doc["nodes"] == {"added": [], "removed": [], "changed": []}
    assert doc["edges"]["added_by_type"] == {} == doc["edges"]["removed_by_type"]
    assert doc["findings"]["new"] == [] == doc["findings"]["resolved"]
    units = gk.audit(sihui).units
    assert sum(sum(r.values()) for r in doc["units"]["transitions"].values()) == len(units)
    assert all(set(row) == {s} for s, row in doc["units"]["transitions"].items())
    assert all(v["delta"] == 0 for v in doc["rates"]["overall"].values())


def test_typed_node_comparison_uses_the_defaults_of_section_1(tmp_path):
    a, b = base(), base()
    # blank members = 0, blank kind = the default, blank joint = false, 120 == 120.0
    a.node("u-x", "Unit", "甲公司", members="", kind="", size=120, flag="true", code="0758")
    b.node("u-x", "Unit", "甲公司", members="0", kind="enterprise", size="120.0", flag="true",
           code="0758")
    b.node("u-y", "Unit", "乙公司", size="1.5")          # makes `size` a float column in new
    a.node("o-z", "PartyOrg", "某支部", joint="")
    b.node("o-z", "PartyOrg", "某支部", joint="false")
    a.edge("o-z", "u-x", "BELONGS_TO")
    b.edge("o-z", "u-x", "BELONGS_TO")
    old, new = pair(tmp_path, a, b)
    assert new.nodes["size"].dtype == "Float64"
    doc = gk.diff(old, new).to_dict()
    assert doc["nodes"]["changed"] == []
    assert doc["nodes"]["added"] == [{"id": "u-y", "label": "Unit", "name": "乙公司"}]


def test_changed_fields_are_reported_typed_and_sorted(tmp_path):
    a, b = base(), base()
    a.node("u-x", "Unit", "甲公司", members=2, size=7, flag="true", note="旧")
    b.node("u-x", "Unit", "甲公司（更名）", members=4, kind="soe", size=8, flag="false")
    b.nodes[[n["id"] for n in b.nodes].index("o-own")]["rating"] = 2
    old, new = pair(tmp_path, a, b)
    changed = gk.diff(old, new).to_dict()["nodes"]["changed"]
    assert changed == [
        {"id": "o-own", "field": "rating", "old": 4, "new": 2},
        {"id": "u-x", "field": "flag", "old": True, "new": False},
        {"id": "u-x", "field": "kind", "old": "enterprise", "new": "soe"},
        {"id": "u-x", "field": "members", "old": 2, "new": 4},
        {"id": "u-x", "field": "name", "old": "甲公司", "new": "甲公司（更名）"},
        {"id": "u-x", "field": "note", "old": "旧", "new": None},
        {"id": "u-x", "field": "size", "old": 7, "new": 8},
    ]


def test_a_bool_is_not_a_number_and_text_is_not_a_number(tmp_path):
    a, b = base(), base()
    a.node("u-x", "Unit", "甲", flag="true", code="0758")
    b.node("u-x", "Unit", "甲", flag="1", code="758")
    old, new = pair(tmp_path, a, b)
    changed = gk.diff(old, new).to_dict()["nodes"]["changed"]
    assert changed == [{"id": "u-x", "field": "code", "old": "0758", "new": 758},
                       {"id": "u-x", "field": "flag", "old": True, "new": 1}]


def test_person_data_stays_withheld(tmp_path):
    a, b = base(), base()
    person = [n["id"] for n in b.nodes].index("p1")
    b.nodes[person].update(name="王某某", phone="13999999999")
    b.edges = [dict(e, since="2021-05-01") if e["source"] == "p1" else e for e in b.edges]
    b.node("p2", "Person", "李某", kind="member", phone="13700000000")
    old, new = pair(tmp_path, a, b)
    doc = gk.diff(old, new).to_dict()
    assert doc["nodes"]["changed"] == []
    assert doc["edges"]["changed"] == []
    assert doc["nodes"]["added"] == [{"id": "p2", "label": "Person", "name": "p2"}]
    b.nodes[person]["kind"] = "member"
    old, new = pair(tmp_path / "2", a, b)
    assert gk.diff(old, new).to_dict()["nodes"]["changed"] == [
        {"id": "p1", "field": "kind", "old": "instructor", "new": "member"}]


def test_edges_by_identity_with_mode_and_property_changes(tmp_path):
    a, b = base(), base()
    a.edge("o-own", "core1", "REPORTS_TO", since="2019-01-01", weight=2)
    b.edge("o-own", "core1", "REPORTS_TO", since="2020-03-01", weight=2.0)
    b.edges = [dict(e, mode="affiliated") if e["target"] == "u-joint" else e for e in b.edges]
    b.edges = [e for e in b.edges if e["type"] != "CO_BUILDS"]
    b.edge("core1", "u-none", "COVERS", mode="joint")
    b.edge("core1", "u-ins", "COVERS", mode="affiliated")
    old, new = pair(tmp_path, a, b)
    e = gk.diff(old, new).to_dict()["edges"]
    assert e["added"] == [{"source": "core1", "target": "u-ins", "type": "COVERS"},
                          {"source": "core1", "target": "u-none", "type": "COVERS"}]
    assert e["removed"] == [{"source": "o-own", "target": "core1", "type": "CO_BUILDS"}]
    assert e["changed"] == [
        {"source": "o-joint", "target": "u-joint", "type": "COVERS", "field": "mode",
         "old": "joint", "new": "affiliated"},
        {"source": "o-own", "target": "core1", "type": "REPORTS_TO", "field": "since",
         "old": "2019-01-01", "new": "2020-03-01"},
    ]
    assert e["added_by_type"] == {"COVERS": 2}
    assert e["removed_by_type"] == {"CO_BUILDS": 1}


# --- units, rates, circles, findings ----------------------------------------------------
def test_unit_transitions_levels_and_added_removed(tmp_path):
    a, b = base(), base()
    b.edges = [e for e in b.edges if e["target"] != "u-aff"]          # affiliated -> none
    b.edges = [dict(e, mode="affiliated") if e["target"] == "u-joint" else e
               for e in b.edges]                                       # joint -> affiliated
    b.edge("p1", "u-none", "GUIDES")                                   # none -> instructor
    b.nodes = [n for n in b.nodes if n["id"] != "u-ins"]               # removed (instructor)
    b.edges = [e for e in b.edges if "u-ins" not in (e["source"], e["target"])]
    b.unit("u-new", where="c1", members=0)                             # added (none)
    old, new = pair(tmp_path, a, b)
    d = gk.diff(old, new)
    u = d.to_dict()["units"]
    assert u["transitions"] == {"own": {"own": 1}, "joint": {"affiliated": 1},
                                "affiliated": {"none": 1}, "none": {"instructor": 1}}
    assert u["improved"] == [{"id": "u-none", "old": "none", "new": "instructor"}]
    assert u["regressed"] == [{"id": "u-aff", "old": "affiliated", "new": "none"}]
    assert u["added"] == [{"id": "u-new", "status": "none"}]
    assert u["removed"] == [{"id": "u-ins", "status": "instructor"}]
    assert d.to_dict()["regression"] is True
    assert d.transitions.loc["joint", "affiliated"] == 1
    assert d.transitions.to_numpy().sum() == 4
    assert dict(zip(d.units["id"], d.units["change"], strict=True))["u-joint"] == "same_level"


def test_rate_deltas_in_percentage_points_and_one_sided_groups(tmp_path):
    a, b = base(), base()
    b.edge("p1", "u-none", "GUIDES")
    b.node("a2", "Area", "城中街道", kind="street")
    b.community("c2", area="a2")
    b.unit("u-c2", where="c2", kind="soe", members=0)
    old, new = pair(tmp_path, a, b)
    r = gk.diff(old, new).to_dict()["rates"]
    assert r["overall"]["work"] == {"old": 4 / 5, "new": 5 / 6,
                                    "delta": 100 * (5 / 6 - 4 / 5)}
    assert r["overall"]["own"]["delta"] == 100 * (1 / 6 - 1 / 5)
    assert r["by_area"]["a2"]["own"] == {"old": None, "new": 0.0, "delta": None}
    assert r["by_kind"]["soe"]["work"] == {"old": None, "new": 0.0, "delta": None}
    assert r["by_community"]["c2"]["organization"]["old"] is None
    assert r["two_new"]["own"] == {"old": 1 / 3, "new": 1 / 3, "delta": 0.0}
    assert set(r) == {"overall", "two_new", "by_kind", "by_community", "by_area"}


def test_two_new_rates_are_null_without_two_new_units(tmp_path):
    a, b = Builder(), Builder()
    for x in (a, b):
        x.node("a1", "Area", kind="street")
        x.community("c1", area="a1", core="core1")
        x.unit("u1", where="c1", kind="organ")
    old, new = pair(tmp_path, a, b)
    r = gk.diff(old, new).to_dict()["rates"]
    assert r["two_new"] == {m: {"old": None, "new": None, "delta": None} for m in METRICS}


def test_circles_entered_left_core_and_linkage(tmp_path):
    a, b = base(), base()
    b.edges = [e for e in b.edges if e["type"] != "CO_BUILDS"]       # o-own leaves sub_core
    b.edge("core1", "u-none", "COVERS", mode="affiliated")           # u-none leaves unlinked
    b.community("c9", area="a1", core="core9")                       # a new community
    b.node("ext", "PartyOrg", "市直机关党委", kind="committee")
    b.edge("ext", "core1", "CO_BUILDS")                             # a new external partner
    old, new = pair(tmp_path, a, b)
    circles = {c["community"]: c for c in gk.diff(old, new).to_dict()["circles"]}
    c1 = circles["c1"]
    before = gk.circles(old).set_index("community").loc["c1"]
    after = gk.circles(new).set_index("community").loc["c1"]
    assert c1["core"] == {"old": "core1", "new": "core1"}
    assert c1["linkage_rate"] == {"old": before["linkage_rate"], "new": after["linkage_rate"],
                                  "delta": 100 * (after["linkage_rate"] - before["linkage_rate"])}
    assert c1["sub_core"] == {"entered": [], "left": ["o-own"]}
    assert "o-own" in c1["unlinked"]["entered"]
    assert "u-none" in c1["unlinked"]["left"] and "u-none" in c1["pan_core"]["entered"]
    assert c1["external"] == {"entered": ["ext"], "left": []}
    assert circles["c9"]["core"] == {"old": None, "new": "core9"}
    assert circles["c9"]["linkage_rate"] == {"old": None, "new": 1.0, "delta": None}
    assert list(circles) == sorted(circles)


def test_findings_new_resolved_persisting(tmp_path):
    a, b = base(), base()
    b.edge("p1", "u-none", "GUIDES")                         # uncovered u-none resolved
    b.unit("u-big", where="c1", members=7)                   # new: uncovered, should_form_branch
    old, new = pair(tmp_path, a, b)
    f = gk.diff(old, new).to_dict()["findings"]
    assert {"code": "uncovered", "subject": "u-none"} in f["resolved"]
    assert {"code": "uncovered", "subject": "u-big"} in f["new"]
    assert {"code": "should_form_branch", "subject": "u-big"} in f["new"]
    old_keys = {(x["code"], x["subject"]) for x in gk.findings(old).to_dict("records")}
    new_keys = {(x["code"], x["subject"]) for x in gk.findings(new).to_dict("records")}
    assert {(x["code"], x["subject"]) for x in f["persisting"]} == old_keys & new_keys
    for k in f:
        assert f[k] == sorted(f[k], key=lambda x: (x["code"], x["subject"]))


def test_regression_when_an_overall_rate_falls_without_a_unit_regressing(tmp_path):
    a, b = base(), base()
    b.unit("u-new", where="c1", members=0)                   # a new uncovered unit
    old, new = pair(tmp_path, a, b)
    d = gk.diff(old, new)
    assert d.to_dict()["units"]["regressed"] == []
    assert d.fallen == ("own", "organization", "work") and d.regression
    b2 = base()
    b2.edge("p1", "u-none", "GUIDES")                        # only improvements
    old, new = pair(tmp_path / "2", a, b2)
    assert gk.diff(old, new).regression is False


def test_json_document_has_the_shape_of_section_7(sihui):
    doc = gk.diff(SIHUI, SIHUI_2021).to_dict()
    assert set(doc) == {"schema", "old", "new", "nodes", "edges", "units", "rates", "circles",
                        "findings", "regression"}
    assert doc["schema"] == 1
    assert doc["old"] == {"name": sihui.name, "snapshot": "2020-09-30"}
    assert set(doc["nodes"]) == {"added", "removed", "changed"}
    assert set(doc["edges"]) == {"added", "removed", "changed", "added_by_type",
                                 "removed_by_type"}
    assert set(doc["units"]) == {"transitions", "improved", "regressed", "added", "removed"}
    assert set(doc["findings"]) == {"new", "resolved", "persisting"}
    c = doc["circles"][0]
    assert set(c) == {"community", "core", "linkage_rate", *ROLES}
    for key, item_keys in (("added", {"id", "label", "name"}),
                           ("changed", {"id", "field", "old", "new"})):
        assert all(set(x) == item_keys for x in doc["nodes"][key])
    assert doc["nodes"]["added"] == sorted(doc["nodes"]["added"], key=lambda x: x["id"])
    assert doc["edges"]["added"] == sorted(
        doc["edges"]["added"], key=lambda x: (x["source"], x["target"], x["type"]))
    assert doc["regression"] == bool(doc["units"]["regressed"]) or any(
        v["delta"] is not None and v["delta"] < 0 for v in doc["rates"]["overall"].values())


def test_area_restricts_units_rates_circles_and_findings(sihui):
    d = gk.diff(SIHUI, SIHUI_2021, area="东城街道")
    assert d.areas == ("area-dc",)
    assert set(d.units["area"]) == {"area-dc"}
    whole = gk.diff(SIHUI, SIHUI_2021).to_dict()["rates"]["by_area"]["area-dc"]
    assert d.to_dict()["rates"]["overall"] == whole
    assert set(d.to_dict()["rates"]["by_area"]) == {"area-dc"}
    assert d.circles["community"].isin(
        gk.unit_coverage(sihui).query("area == 'area-dc'")["community"]).any()
    assert set(d.circles["area"]) == {"area-dc"}
    with pytest.raises(gk.UsageError, match="no street/town"):
        gk.diff(SIHUI, SIHUI_2021, area="火星街道")
    assert gk.diff(SIHUI, SIHUI_2021, area="东城").to_dict() == d.to_dict()  # a short name


# --- an independent reading of section 7 on random snapshot pairs ------------------------
def reference(A: gk.Dataset, B: gk.Dataset) -> dict[str, Any]:
    """SPEC section 7 read afresh: from the NetworkX graphs and the two audit documents."""
    GA, GB = A.to_networkx(), B.to_networkx()
    ja, jb = gk.audit(A).to_dict(), gk.audit(B).to_dict()

    def attrs(G, n):
        d = dict(G.nodes[n])
        d.setdefault("rating", 0)
        d.setdefault("joint", False)
        return d

    def listed(G, n):
        d = G.nodes[n]
        return {"id": n, "label": d["label"],
                "name": n if d["label"] == "Person" else d["name"]}

    changed = []
    for n in sorted(set(GA) & set(GB)):
        x, y = attrs(GA, n), attrs(GB, n)
        person = "Person" in (x["label"], y["label"])
        fields = ("label", "kind") if person else sorted(set(x) | set(y))
        for f in sorted(fields):
            vx, vy = x.get(f), y.get(f)
            if (type(vx) is bool) != (type(vy) is bool) or vx != vy:
                changed.append({"id": n, "field": f, "old": vx, "new": vy})

    def edges(G):
        out = {}
        for u, v, k, d in G.edges(keys=True, data=True):
            person = "Person" in (G.nodes[u]["label"], G.nodes[v]["label"])
            out[(u, v, k)] = {f: d.get(f) for f in (("mode",) if person else ("mode", "since"))}
        return out

    ea, eb = edges(GA), edges(GB)
    ident = [dict(zip(("source", "target", "type"), k, strict=True))
             for k in sorted(eb.keys() - ea.keys())]
    gone = [dict(zip(("source", "target", "type"), k, strict=True))
            for k in sorted(ea.keys() - eb.keys())]
    echanged = []
    for k in sorted(ea.keys() & eb.keys()):
        for f in sorted(set(ea[k]) | set(eb[k])):
            if ea[k].get(f) != eb[k].get(f):
                echanged.append({"source": k[0], "target": k[1], "type": k[2], "field": f,
                                 "old": ea[k].get(f), "new": eb[k].get(f)})

    def count(items):
        out: dict[str, int] = {}
        for x in items:
            out[x["type"]] = out.get(x["type"], 0) + 1
        return dict(sorted(out.items()))

    level = {"own": 3, "joint": 2, "affiliated": 2, "instructor": 1, "none": 0}
    sa = {u["id"]: u["status"] for u in ja["coverage"]["units"]}
    sb = {u["id"]: u["status"] for u in jb["coverage"]["units"]}
    trans: dict[str, dict[str, int]] = {}
    for i in sa.keys() & sb.keys():
        trans.setdefault(sa[i], {}).setdefault(sb[i], 0)
        trans[sa[i]][sb[i]] += 1
    both = sorted(sa.keys() & sb.keys())

    def rate_block(x, y):
        return {m: {"old": None if x is None else x[m], "new": None if y is None else y[m],
                    "delta": None if x is None or y is None or x[m] is None or y[m] is None
                    else 100 * (y[m] - x[m])} for m in METRICS}

    ca, cb = ja["coverage"], jb["coverage"]
    rates = {"overall": rate_block(ca["rates"], cb["rates"]),
             "two_new": rate_block(ca["two_new"], cb["two_new"])}
    for g in ("by_kind", "by_community", "by_area"):
        keys = sorted(set(ca[g]) | set(cb[g]))
        rates[g] = {k: rate_block(ca[g].get(k), cb[g].get(k)) for k in keys}
    cia = {c["community"]: c for c in ja["circles"]}
    cib = {c["community"]: c for c in jb["circles"]}
    circles = []
    for c in sorted(set(cia) | set(cib)):
        x, y = cia.get(c), cib.get(c)
        lo, ln = (None if x is None else x["linkage_rate"]), (None if y is None
                                                            else y["linkage_rate"])
        item = {"community": c,
                "core": {"old": x and x["core"], "new": y and y["core"]},
                "linkage_rate": {"old": lo, "new": ln,
                                 "delta": None if lo is None or ln is None
                                 else 100 * (ln - lo)}}
        for r in ROLES:
            sx, sy = set(x[r] if x else ()), set(y[r] if y else ())
            item[r] = {"entered": sorted(sy - sx), "left": sorted(sx - sy)}
        circles.append(item)
    fa = {(f["code"], f["subject"]) for f in ja["findings"]}
    fb = {(f["code"], f["subject"]) for f in jb["findings"]}

    def keyed(ks):
        return [{"code": c, "subject": s} for c, s in sorted(ks)]

    regressed = [{"id": i, "old": sa[i], "new": sb[i]} for i in both
                 if level[sb[i]] < level[sa[i]]]
    fell = any(v["delta"] is not None and v["new"] < v["old"]
               for v in rates["overall"].values())
    return {
        "schema": 1, "old": {"name": A.name, "snapshot": A.snapshot},
        "new": {"name": B.name, "snapshot": B.snapshot},
        "nodes": {"added": [listed(GB, n) for n in sorted(set(GB) - set(GA))],
                  "removed": [listed(GA, n) for n in sorted(set(GA) - set(GB))],
                  "changed": changed},
        "edges": {"added": ident, "removed": gone, "changed": echanged,
                  "added_by_type": count(ident), "removed_by_type": count(gone)},
        "units": {"transitions": trans,
                  "improved": [{"id": i, "old": sa[i], "new": sb[i]} for i in both
                               if level[sb[i]] > level[sa[i]]],
                  "regressed": regressed,
                  "added": [{"id": i, "status": sb[i]} for i in sorted(sb.keys() - sa.keys())],
                  "removed": [{"id": i, "status": sa[i]}
                              for i in sorted(sa.keys() - sb.keys())]},
        "rates": rates, "circles": circles,
        "findings": {"new": keyed(fb - fa), "resolved": keyed(fa - fb),
                     "persisting": keyed(fa & fb)},
        "regression": bool(regressed) or fell,
    }


@st.composite
def mutated(draw, b: Builder) -> Builder:
    """`b` one snapshot later: nodes removed and added, attributes and edges changed."""
    m = Builder()
    m.nodes = copy.deepcopy(b.nodes)
    m.edges = copy.deepcopy(b.edges)
    ids = [n["id"] for n in m.nodes]
    gone = set(draw(st.lists(st.sampled_from(ids), max_size=3))) if ids else set()
    m.nodes = [n for n in m.nodes if n["id"] not in gone]
    m.edges = [e for e in m.edges if e["source"] not in gone and e["target"] not in gone]
    for n in m.nodes:
        what = draw(st.integers(0, 9))
        if what == 0 and n["label"] == "Unit":
            n["members"] = draw(st.integers(0, 6))
        elif what == 1 and n["label"] == "PartyOrg":
            n["rating"] = draw(st.integers(0, 5))
        elif what == 2:
            n["name"] = n["name"] + "（新）"
        elif what == 3 and n["label"] == "Unit":
            n["kind"] = draw(st.sampled_from(gk.vocab.KINDS["Unit"]))
    for e in m.edges:
        if e["type"] == "COVERS" and draw(st.integers(0, 3)) == 0:
            e["mode"] = "joint" if e.get("mode") == "affiliated" else "affiliated"
        elif e["type"] == "CO_BUILDS" and draw(st.integers(0, 3)) == 0:
            e["since"] = "2021-06-30"
    if m.edges:
        drop = set(draw(st.lists(st.integers(0, len(m.edges) - 1), max_size=3)))
        m.edges = [e for i, e in enumerate(m.edges) if i not in drop]
    comms = [n["id"] for n in m.nodes if n["label"] == "Community"]
    orgs = [n["id"] for n in m.nodes if n["label"] == "PartyOrg"]
    for i in range(draw(st.integers(0, 3))):
        u = m.unit(f"n{i}", draw(st.sampled_from(comms)) if comms else None,
                   members=draw(st.integers(0, 5)))
        if orgs and draw(st.booleans()):
            m.edge(draw(st.sampled_from(orgs)), u, "COVERS",
                   mode=draw(st.sampled_from(["joint", "affiliated"])))
    return m.drop_repeated_edges()


@st.composite
def snapshot_pairs(draw) -> tuple[Builder, Builder]:
    a = draw(networks())
    b = draw(mutated(a)) if draw(st.integers(0, 3)) else draw(networks())
    return a, b


SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
FEWER = settings(SETTINGS, max_examples=15)


def _read_pair(a: Builder, b: Builder) -> tuple[gk.Dataset, gk.Dataset, Path]:
    tmp = Path(tempfile.mkdtemp())
    return a.dataset(tmp / "a"), b.dataset(tmp / "b"), tmp


@FEWER
@given(snapshot_pairs())
def test_diff_equals_an_independent_reading_of_section_7(ab):
    A, B, tmp = _read_pair(*ab)
    try:
        assert gk.diff(A, B).to_dict() == reference(A, B)
    finally:
        shutil.rmtree(tmp)


def _mirror(doc: dict[str, Any]) -> dict[str, Any]:
    """What diff(B, A) must be, given diff(A, B)."""
    out = copy.deepcopy(doc)
    out["old"], out["new"] = doc["new"], doc["old"]
    n, e, u = out["nodes"], out["edges"], out["units"]
    n["added"], n["removed"] = doc["nodes"]["removed"], doc["nodes"]["added"]
    n["changed"] = [dict(c, old=c["new"], new=c["old"]) for c in doc["nodes"]["changed"]]
    e["added"], e["removed"] = doc["edges"]["removed"], doc["edges"]["added"]
    e["added_by_type"], e["removed_by_type"] = (doc["edges"]["removed_by_type"],
                                                doc["edges"]["added_by_type"])
    e["changed"] = [dict(c, old=c["new"], new=c["old"]) for c in doc["edges"]["changed"]]
    trans: dict[str, dict[str, int]] = {}
    for o, row in doc["units"]["transitions"].items():
        for s, k in row.items():
            trans.setdefault(s, {})[o] = k
    u["transitions"] = trans
    u["improved"] = [dict(x, old=x["new"], new=x["old"]) for x in doc["units"]["regressed"]]
    u["regressed"] = [dict(x, old=x["new"], new=x["old"]) for x in doc["units"]["improved"]]
    u["added"], u["removed"] = doc["units"]["removed"], doc["units"]["added"]

    def flip(block):
        return {m: {"old": v["new"], "new": v["old"],
                    "delta": None if v["delta"] is None else -v["delta"]}
                for m, v in block.items()}

    r = out["rates"]
    r["overall"], r["two_new"] = flip(doc["rates"]["overall"]), flip(doc["rates"]["two_new"])
    for g in ("by_kind", "by_community", "by_area"):
        r[g] = {k: flip(v) for k, v in doc["rates"][g].items()}
    for c in out["circles"]:
        c["core"] = {"old": c["core"]["new"], "new": c["core"]["old"]}
        lr = c["linkage_rate"]
        c["linkage_rate"] = {"old": lr["new"], "new": lr["old"],
                             "delta": None if lr["delta"] is None else -lr["delta"]}
        for role in ROLES:
            c[role] = {"entered": c[role]["left"], "left": c[role]["entered"]}
    f = doc["findings"]
    out["findings"] = {"new": f["resolved"], "resolved": f["new"],
                       "persisting": f["persisting"]}
    del out["regression"]
    return out


@FEWER
@given(snapshot_pairs())
def test_diff_and_its_reverse_mirror_each_other_and_self_diffs_are_empty(ab):
    A, B, tmp = _read_pair(*ab)
    try:
        forward, backward = gk.diff(A, B).to_dict(), gk.diff(B, A).to_dict()
        backward.pop("regression")
        assert backward == _mirror(forward)
        assert gk.diff(A, A).is_empty
    finally:
        shutil.rmtree(tmp)


KEY = b"graphkit test key 0123456789"


def _rename(value: Any, mapping: dict[str, str]) -> Any:
    if isinstance(value, str):
        return mapping.get(value, value)
    if isinstance(value, list):
        return [_rename(v, mapping) for v in value]
    if isinstance(value, dict):
        return {mapping.get(k, k): _rename(v, mapping) for k, v in value.items()}
    return value


def _resort(doc: dict[str, Any]) -> dict[str, Any]:
    def by(*keys):
        return lambda x: tuple(x[k] for k in keys)

    for k in ("added", "removed"):
        doc["nodes"][k].sort(key=by("id"))
        doc["edges"][k].sort(key=by("source", "target", "type"))
    doc["nodes"]["changed"].sort(key=by("id", "field"))
    doc["edges"]["changed"].sort(key=by("source", "target", "type", "field"))
    return doc


@settings(FEWER, max_examples=8)
@given(snapshot_pairs(), st.booleans())
def test_pseudonymized_snapshots_diff_exactly_like_the_originals(ab, named):
    a, b = ab
    for x in (a, b):
        for n in x.nodes:
            if n["label"] == "Person" and named:
                n.update(name="张三" if x is a else "李四", phone="13800000000")
    A, B, tmp = _read_pair(a, b)
    try:
        original = gk.diff(A, B).to_dict()
        people = set(A.nodes.loc[A.nodes["label"] == "Person", "id"]) | set(
            B.nodes.loc[B.nodes["label"] == "Person", "id"])
        mapping = {p: pseudonym(KEY, p) for p in people}
        masked = gk.diff(pseudonymize(A, KEY), pseudonymize(B, KEY)).to_dict()
        assert masked == _resort(_rename(original, mapping))
        assert masked["units"] == original["units"] and masked["rates"] == original["rates"]
    finally:
        shutil.rmtree(tmp)


# --- trend --------------------------------------------------------------------------------
def test_trend_orders_by_snapshot_then_by_the_order_given(tmp_path):
    undated = base().write(tmp_path / "undated")
    t = gk.trend([SIHUI_2021, undated, SIHUI])
    firsts = t.drop_duplicates("order")
    assert firsts["snapshot"].tolist() == ["2020-09-30", "2021-09-30", None]
    sihui = t[(t["order"] == 0)].set_index("group")
    units = gk.unit_coverage(gk.read_dataset(SIHUI))
    rates = gk.coverage_rates(units, by="area")
    assert sihui.loc["all", "units"] == len(units)
    for area, row in rates.iterrows():
        assert sihui.loc[area, "organization"] == row["organization"]
        assert sihui.loc[area, "name"] in {"东城街道", "城中街道", "贞山街道", "大沙镇"}
    assert t.groupby("order")["group"].first().eq("all").all()
    same_day = gk.trend([undated, undated])
    assert same_day["order"].unique().tolist() == [0, 1]


def test_plot_trend_draws_the_overall_and_area_lines():
    from graphkit import plot

    _, ax = plot.plot_trend([SIHUI, SIHUI_2021], metric="work", close=True)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[0].startswith("全市") and len(labels) == 6
    assert labels[-1] == "目标 95%"  # the work target
    assert ax.get_title() == "工作覆盖率变化趋势（全部单位）"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020-09-30", "2021-09-30"]
    overall = ax.get_lines()[0].get_ydata()
    t = gk.trend([SIHUI, SIHUI_2021])
    assert list(overall) == t.loc[t["group"] == "all", "work"].tolist()
    with pytest.raises(gk.UsageError):
        plot.plot_trend([SIHUI], metric="linkage")


# --- synth --evolve and the sample -------------------------------------------------------
def test_evolve_is_deterministic_valid_and_changes_what_it_says(tmp_path):
    info = evolve(SIHUI, tmp_path / "a", seed=5)
    evolve(SIHUI, tmp_path / "b", seed=5)
    evolve(SIHUI, tmp_path / "c", seed=6)
    for name in ("nodes.csv", "edges.csv", "dataset.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    edges = [(tmp_path / x / "edges.csv").read_bytes() for x in ("a", "c")]
    assert edges[0] != edges[1]
    new = gk.read_dataset(tmp_path / "a")
    assert new.snapshot == "2021-09-30"
    d = gk.diff(SIHUI, new)
    u = d.to_dict()["units"]
    assert len(u["added"]) == info["units_added"] > 0
    assert len(u["removed"]) == info["units_closed"] > 0
    assert u["regressed"] and u["improved"]
    assert info["instructors_assigned"] > 0
    assert d.to_dict()["nodes"]["changed"]


def test_evolve_of_a_synthetic_city(tmp_path):
    from graphkit.synth import synthesize

    synthesize(tmp_path / "city", units=300, seed=2)
    info = evolve(tmp_path / "city", tmp_path / "next", seed=1)
    d = gk.diff(tmp_path / "city", tmp_path / "next")
    assert d.new["snapshot"] == "2025-12-31"
    assert info["units"] == len(d.units) - int((d.units["change"] == "removed").sum())
    with pytest.raises(gk.UsageError):
        evolve(tmp_path / "city", tmp_path / "city", seed=1)


def test_sihui_2021_is_what_its_script_makes_from_data_sihui():
    """The committed second snapshot is current (rerun scripts/make_sihui_2021.py after
    changing data/sihui)."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "make_sihui_2021.py"),
                           "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    readme = (SIHUI_2021 / "README.md").read_text(encoding="utf-8")
    assert "虚构" in readme and "make_sihui_2021.py" in readme
    ds = gk.read_dataset(SIHUI_2021)
    assert ds.snapshot == "2021-09-30" and "虚构" in ds.description


def test_rates_are_plain_floats_or_none():
    doc = gk.diff(SIHUI, SIHUI_2021).to_dict()
    for group in ("by_kind", "by_community", "by_area"):
        for block in doc["rates"][group].values():
            for v in block.values():
                for x in v.values():
                    assert x is None or (type(x) is float and not math.isnan(x))
