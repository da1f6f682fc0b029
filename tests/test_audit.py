"""The audit result and its JSON document (SPEC section 5, schema 1)."""

from __future__ import annotations

import json
import re

import pytest

import graphkit as gk
from graphkit.report import render, to_json

pytestmark = pytest.mark.usefixtures("chinese")


def _net(b):
    b.node("a1", "Area", kind="street")
    b.community("c1", area="a1", core="core")
    b.community("c2", area="a1")
    b.unit("u1", "c1", members=4, org="o1", rating=5)
    b.edge("o1", "core", "CO_BUILDS")
    b.unit("u2", "c1", kind="organ", members=1)
    b.unit("u3", None, kind="market", members=2)
    return b


def test_to_dict_shape_and_types(builder):
    doc = gk.audit(_net(builder).graph()).to_dict()
    assert doc["schema"] == 1
    assert set(doc) >= {"schema", "dataset", "coverage", "circles", "findings"}
    d = doc["dataset"]
    assert d["nodes"] == 8 and d["edges"] == 7
    assert d["counts"]["Unit"] == 3 and set(d["counts"]) == set(gk.vocab.LABELS)
    cov = doc["coverage"]
    assert cov["scope"] == "all" and cov["units_in_scope"] == 3
    assert cov["rates"] == {"own": 1 / 3, "organization": 1 / 3, "work": 1 / 3}
    assert cov["two_new"]["units"] == 2
    assert set(cov["by_kind"]) == {"enterprise", "organ", "market"}
    assert set(cov["by_community"]) == {"c1"} and set(cov["by_area"]) == {"a1"}
    assert [u["id"] for u in cov["units"]] == ["u1", "u2", "u3"]
    assert cov["units"][2] == {"id": "u3", "name": "名称u3", "kind": "market",
                               "community": None, "area": None, "members": 2,
                               "status": "none"}
    c1, c2 = doc["circles"]
    assert c1["community"] == "c1" and c1["core"] == "core" and c1["status"] == "ok"
    assert c1["sub_core"] == ["o1"] and c1["unlinked"] == ["u2"]
    assert c1["linkage_rate"] == 0.5
    assert c2["status"] == "no_core" and c2["linkage_rate"] is None
    for f in doc["findings"]:
        assert isinstance(f["code"], str) and isinstance(f["subject"], str)
        assert isinstance(f["message"], str) and f["message"]
    unlinked = [f for f in doc["findings"] if f["code"] == "unlinked"]
    assert unlinked == [dict(unlinked[0], subject="u2", community="c1")]
    json.dumps(doc, allow_nan=False)  # strict JSON: no NaN anywhere


def test_null_rates_serialize_as_null(builder):
    b = builder
    b.community("c1", core="core")
    b.unit("u1", "c1", kind="organ")
    doc = json.loads(to_json(gk.audit(b.graph(), scope="two_new")))
    assert doc["coverage"]["units_in_scope"] == 0
    assert doc["coverage"]["rates"] == {"own": None, "organization": None, "work": None}


def test_overrides_reach_every_analysis(builder):
    """On a network where each override changes the result (issue 16: the former network
    gave the same circles and findings with and without them)."""
    b = _net(builder)
    b.unit("u4", "c1", members=4, org="o2", rating=4)     # sub-core at 4, pan-core at 5
    b.edge("o2", "core", "CO_BUILDS")
    b.unit("u5", "c1", members=4)                          # a branch from 3, not from 5
    b.unit("u6", "c1", members=7)                          # a branch either way

    def outcome(**overrides):
        r = gk.audit(b.graph(), **overrides)
        c1 = r.circles.set_index("community").loc["c1"]
        branch = r.findings.loc[r.findings["code"] == "should_form_branch", "subject"]
        return r.settings, list(c1["sub_core"]), list(c1["pan_core"]), sorted(branch)

    assert outcome() == ({"min_branch_members": 3, "sub_core_min_rating": 4},
                         ["o1", "o2"], [], ["u5", "u6"])
    assert outcome(sub_core_min_rating=5) == (
        {"min_branch_members": 3, "sub_core_min_rating": 5}, ["o1"], ["o2"], ["u5", "u6"])
    assert outcome(min_branch_members=5) == (
        {"min_branch_members": 5, "sub_core_min_rating": 4}, ["o1", "o2"], [], ["u6"])
    assert outcome(min_branch_members=8, sub_core_min_rating=5) == (
        {"min_branch_members": 8, "sub_core_min_rating": 5}, ["o1"], ["o2"], [])


def test_reports_say_the_same_things(builder):
    r = gk.audit(_net(builder).graph())
    md, html, table = render(r, "markdown"), render(r, "html"), render(r, "table")
    for text in (md, html, table):
        assert "党的组织覆盖和工作覆盖" in text and "一核双圈" in text
        assert "33.3%" in text  # the rates, with
        assert "单位数（分母）" in text  # their denominators
    assert html.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in html
    assert "<script src" not in html
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:|#)", html)


def test_html_escapes_hostile_names(builder):
    b = builder
    b.community("c1", core="core")
    b.unit("u1", "c1", members=0)
    b.nodes[-1]["name"] = "<script>alert('x')</script>"
    html = render(gk.audit(b.graph()), "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
