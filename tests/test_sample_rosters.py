"""The sample as the offices hold it (``data/sihui-rosters``): two commands,
``graphkit import`` then ``graphkit audit``, give every figure of the article, checked by
the same tests as ``data/sihui`` (``tests/test_sample_sihui.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.cli import main

from . import test_sample_sihui as article
from .conftest import REPO, SIHUI

ROSTERS = REPO / "data" / "sihui-rosters"

#: The figures of the article, as tests/test_sample_sihui.py checks them on data/sihui.
FIGURES = [article.test_42_stationed_teams_resolved_3398_issues,
           article.test_109_volunteer_teams_of_municipal_organs_with_6042_members,
           article.test_service_centers_3_street_42_community,
           article.test_15_communities_co_building_with_74_units_and_22_two_new,
           article.test_jade_industry_12_markets_6_orgs_147_members_all_covered,
           article.test_named_places_and_examples, article.test_audit_finds_realistic_gaps]


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sihui") / "from-rosters"
    assert main(["import", str(ROSTERS), "--out", str(out), "--name", "四会", "--snapshot",
                 "2020-09-30"]) == 0
    return out


@pytest.fixture(scope="module")
def ds(imported) -> gk.Dataset:
    return gk.read_dataset(imported)


@pytest.mark.parametrize("figure", FIGURES, ids=[f.__name__ for f in FIGURES])
def test_the_article_figures_from_the_rosters(figure, ds):
    args = {"sihui": ds, "G": ds.to_networkx()}
    figure(**{k: v for k, v in args.items() if k in figure.__code__.co_varnames[
        :figure.__code__.co_argcount]})


def test_the_audit_equals_the_audit_of_the_sample(imported, capsys):
    docs = []
    for dataset in (SIHUI, imported):
        capsys.readouterr()
        assert main(["audit", str(dataset), "--format", "json"]) == 0
        docs.append(json.loads(capsys.readouterr().out))
    a, b = docs
    assert a["coverage"]["rates"] == b["coverage"]["rates"]
    assert a["coverage"]["two_new"] == b["coverage"]["two_new"]
    assert a["coverage"]["by_kind"] == b["coverage"]["by_kind"]
    assert a["mechanisms"]["city"] == b["mechanisms"]["city"]
    assert sorted(f["code"] for f in a["findings"]) == sorted(f["code"] for f in b["findings"])
    assert sorted(c["linkage_rate"] or 0 for c in a["circles"]) == \
        sorted(c["linkage_rate"] or 0 for c in b["circles"])
    assert a["dataset"]["counts"] == b["dataset"]["counts"]


def test_the_rosters_look_like_office_exports():
    """A title row, a GBK CSV, synonyms and remarks in headers, the 四会市 prefix on some
    references, homes only in organization names, units placed by address."""
    ds, review = gk.import_rosters(ROSTERS, partial=False)
    assert ds is not None and review.entries == []
    assert {r["header_row"] for r in review.rosters} == {2}
    assert any("GBK" in w for w in review.warnings)
    assert all(review.resolved[rule] > 0 for rule in review.resolved), review.resolved
    assert {"序号", "备注"} <= {c for r in review.rosters for c in r["ignored"]}
    csv = ROSTERS / "市场监管局-单位登记.csv"
    with pytest.raises(UnicodeDecodeError):
        csv.read_bytes().decode("utf-8")


def test_the_generator_rebuilds_the_same_rosters(tmp_path):
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_sihui_rosters.py"),
                    str(tmp_path)], check=True, capture_output=True)
    csv = "市场监管局-单位登记.csv"
    assert (tmp_path / csv).read_bytes() == (ROSTERS / csv).read_bytes()
    a, _ = gk.import_rosters(tmp_path)
    b, _ = gk.import_rosters(ROSTERS)
    assert a.nodes.equals(b.nodes) and a.edges.equals(b.edges)
