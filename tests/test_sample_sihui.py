"""The bundled sample reproduces every figure of the source article (DOMAIN.md), checked
through graphkit's own API, and the generator rebuilds it byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import graphkit as gk

from .conftest import REPO, SIHUI


@pytest.fixture(scope="module")
def G(sihui):
    return sihui.to_networkx()


def _nodes(ds, label, kind=None):
    n = ds.nodes[ds.nodes["label"] == label]
    return n if kind is None else n[n["kind"] == kind]


def _edges(ds, rel):
    return ds.edges[ds.edges["type"] == rel]


def test_validates_cleanly():
    assert [p for p in gk.validate_dataset(SIHUI) if p.severity == "error"] == []


def test_42_stationed_teams_resolved_3398_issues(sihui):
    teams = _nodes(sihui, "Team", "stationed")
    assert len(teams) == 42
    assert int(teams["issues_resolved"].sum()) == 3398
    at = _edges(sihui, "STATIONED_AT")
    assert set(teams["id"]) <= set(at["source"])


def test_109_volunteer_teams_of_municipal_organs_with_6042_members(sihui):
    teams = _nodes(sihui, "Team", "volunteer")
    assert len(teams) == 109
    assert int(teams["members"].sum()) == 6042
    organs = set(_nodes(sihui, "Unit", "organ")["id"])
    belongs = _edges(sihui, "BELONGS_TO")
    organ_orgs = set(belongs.loc[belongs["target"].isin(organs), "source"])
    sent = _edges(sihui, "FROM").set_index("source")["target"]
    assert all(sent.get(t) in organ_orgs for t in teams["id"])


def test_service_centers_3_street_42_community(sihui):
    centers = _nodes(sihui, "ServiceCenter")["kind"].value_counts()
    assert centers["street"] == 3
    assert centers["community"] == 42


def test_15_communities_co_building_with_74_units_and_22_two_new(sihui, G):
    circles = gk.circles(G)
    cores = set(circles["core"].dropna())
    co = _edges(sihui, "CO_BUILDS")
    into_cores = co[co["target"].isin(cores)]
    core_to_comm = dict(zip(circles["core"], circles["community"], strict=False))
    assert into_cores["target"].map(core_to_comm).nunique() == 15
    belongs = _edges(sihui, "BELONGS_TO")
    units = _nodes(sihui, "Unit").set_index("id")
    own = belongs[belongs["target"].isin(units.index)].set_index("source")["target"]
    senders = into_cores["source"].map(own)
    assert senders.notna().all(), "every co-building org is a unit's own organization"
    kinds = units.loc[senders.unique(), "kind"]
    assert kinds.isin(["organ", "institution", "soe"]).sum() == 74
    assert kinds.isin(sorted(gk.vocab.TWO_NEW_KINDS)).sum() == 22
    areas = {"东城街道", "城中街道", "贞山街道", "大沙镇"}
    area_names = sihui.nodes.set_index("id")["name"]
    comm_area = _edges(sihui, "PART_OF").set_index("source")["target"]
    in_areas = into_cores["target"].map(core_to_comm).map(comm_area).map(area_names)
    assert set(in_areas) <= areas


def test_jade_industry_12_markets_6_orgs_147_members_all_covered(sihui, G):
    markets = _nodes(sihui, "Unit", "market")
    jade = markets[markets["industry"] == "jade"]
    assert len(jade) == 12
    e = sihui.edges
    covering = e[e["type"].isin(["BELONGS_TO", "COVERS"]) & e["target"].isin(jade["id"])]
    orgs = _nodes(sihui, "PartyOrg").set_index("id").loc[covering["source"].unique()]
    assert len(orgs) == 6
    assert int(orgs["members"].sum()) == 147
    status = gk.unit_coverage(G).set_index("id").loc[jade["id"], "status"]
    assert status.isin(["own", "joint", "affiliated", "instructor"]).all()


def test_named_places_and_examples(sihui):
    nodes = sihui.nodes.set_index("id")
    by_name = sihui.nodes.drop_duplicates("name").set_index("name")
    for name in ("东城街道", "城中街道", "贞山街道"):
        assert by_name.loc[name, "label"] == "Area" and by_name.loc[name, "kind"] == "street"
    assert by_name.loc["大沙镇", "kind"] == "town"
    assert by_name.loc["沙田园社区", "label"] == "Community"
    e = sihui.edges

    compound = by_name.loc["盈峰国际", "id"]
    assert nodes.loc[compound, "label"] == "Compound"
    branch = e[(e["type"] == "BELONGS_TO") & (e["target"] == compound)]["source"]
    assert len(branch) == 1
    meets = e[(e["type"] == "MEETS_WITH") & (e["source"] == branch.iloc[0])]["target"]
    assert set(nodes.loc[meets, "kind"]) == {"owners_committee", "property"}
    center = e[(e["type"] == "SERVES") & (e["target"] == compound)]["source"]
    assert nodes.loc[center, "kind"].tolist() == ["compound"]
    assert nodes.loc[center, "area_m2"].tolist() == [500]

    market = by_name.loc["万兴隆翡翠城", "id"]
    assert nodes.loc[market, "kind"] == "market" and nodes.loc[market, "industry"] == "jade"
    gb = e[(e["type"] == "BELONGS_TO") & (e["target"] == market)]["source"]
    assert nodes.loc[gb, "kind"].tolist() == ["general_branch"]
    center = e[(e["type"] == "SERVES") & (e["target"] == market)]["source"]
    assert nodes.loc[center, "kind"].tolist() == ["industry"]
    assert nodes.loc[center, "area_m2"].tolist() == [2000]


def test_audit_finds_realistic_gaps(sihui):
    codes = set(gk.audit(sihui).findings["code"])
    assert {"uncovered", "should_form_branch", "joint_candidate", "community_without_core",
            "compound_without_branch", "no_service_center", "no_stationed_team",
            "unlinked", "orphan_org"} <= codes


def test_generator_rebuilds_the_files(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_sihui.py"), str(tmp_path)],
                   check=True, capture_output=True)
    for name in ("nodes.csv", "edges.csv", "dataset.json"):
        assert (tmp_path / name).read_bytes() == (SIHUI / name).read_bytes(), name


def test_sample_is_sorted_and_round_trips(sihui, tmp_path):
    gk.write_dataset(sihui, tmp_path / "copy")
    again = gk.read_dataset(tmp_path / "copy")
    pd.testing.assert_frame_equal(again.nodes, sihui.nodes)
    pd.testing.assert_frame_equal(again.edges, sihui.edges)
