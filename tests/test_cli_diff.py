"""The diff, trend and synth --evolve commands (SPEC sections 5 and 7)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import graphkit as gk
from graphkit.cli import main

from .conftest import REPO, SIHUI
from .test_comparing import base

pytestmark = pytest.mark.usefixtures("chinese")

SIHUI_2021 = REPO / "data" / "sihui-2021"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def sihui_diff() -> gk.Diff:
    return gk.diff(SIHUI, SIHUI_2021)


def test_diff_of_the_sample_prints_a_one_screen_summary(capsys):
    code, out, _ = run(capsys, "diff", SIHUI, SIHUI_2021)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) <= 60 and max(map(len, lines)) <= 120
    for street in ("东城街道", "城中街道", "贞山街道", "大沙镇"):
        assert street in out
    assert "个百分点" in out
    order = ["覆盖率变化", "覆盖状态转移", "退步单位", "已解决与新增"]
    assert [out.index(x) for x in order] == sorted(out.index(x) for x in order)


def test_table_shows_the_overall_deltas_in_percentage_points(capsys, sihui_diff):
    _, out, _ = run(capsys, "diff", SIHUI, SIHUI_2021)
    overall = sihui_diff.to_dict()["rates"]["overall"]
    row = next(line for line in out.splitlines() if line.startswith("全部单位"))
    for m in ("own", "organization", "work"):
        assert f"{overall[m]['delta']:+.1f} 个百分点" in row


def test_json_is_the_diff_document(capsys, sihui_diff):
    code, out, _ = run(capsys, "diff", SIHUI, SIHUI_2021, "--format", "json")
    assert code == 0
    assert json.loads(out) == sihui_diff.to_dict()


def test_fail_on_regression(capsys, tmp_path):
    cases = {}
    old = base().write(tmp_path / "old")
    better = base()
    better.edge("p1", "u-none", "GUIDES")
    worse = base()
    worse.edges = [e for e in worse.edges if e["target"] != "u-aff"]
    fell = base()
    fell.unit("u-new", where="c1", members=0)            # no unit regressed, rates fell
    for name, b in (("better", better), ("worse", worse), ("fell", fell)):
        cases[name] = b.write(tmp_path / name)
    assert run(capsys, "diff", old, cases["better"], "--fail-on-regression")[0] == 0
    assert run(capsys, "diff", old, old, "--fail-on-regression")[0] == 0
    code, _, err = run(capsys, "diff", old, cases["worse"], "--fail-on-regression")
    assert code == 1 and "1 个单位倒退" in err
    code, _, err = run(capsys, "diff", old, cases["fell"], "--fail-on-regression")
    assert code == 1 and "0 个单位倒退" in err and "组织覆盖率" in err
    assert run(capsys, "diff", old, cases["worse"])[0] == 0        # reported, not failed
    assert run(capsys, "diff", SIHUI, SIHUI_2021, "--fail-on-regression")[0] == 1


def test_markdown_html_and_xlsx_reports(capsys, tmp_path, sihui_diff):
    code, md, _ = run(capsys, "diff", SIHUI, SIHUI_2021, "--format", "markdown")
    assert code == 0 and md.startswith("# 快照对比")
    for u in sihui_diff.to_dict()["units"]["regressed"]:
        assert u["id"] in md
    page = tmp_path / "d.html"
    assert run(capsys, "diff", SIHUI, SIHUI_2021, "--format", "html", "--out", page)[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "<svg" in html and 'type="search"' in html
    for bad in ('src="http', "src='http", "<link", "@import", "url(http", "fetch("):
        assert bad not in html
    assert run(capsys, "diff", SIHUI, SIHUI_2021, "--format", "xlsx")[0] == 2
    book = tmp_path / "d.xlsx"
    assert run(capsys, "diff", SIHUI, SIHUI_2021, "--format", "xlsx", "--out", book)[0] == 0
    wb = load_workbook(book)
    assert wb.sheetnames == ["概览", "覆盖率变化", "状态转移", "单位变化", "发现变化",
                             "融合圈变化", "节点变化", "关系变化"]
    assert wb["单位变化"].max_row - 1 == len(sihui_diff.units)
    assert wb["单位变化"]["A2"].value == "退步"          # regressed units first


def _workbook(folder: Path, out: Path) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in ("nodes", "edges"):
        ws = wb.create_sheet(sheet)
        with open(folder / f"{sheet}.csv", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                ws.append(row)
    wb.save(out)
    return out


def test_either_side_may_be_a_workbook(capsys, tmp_path):
    old = base().write(tmp_path / "old")
    b = base()
    b.edge("p1", "u-none", "GUIDES")
    new = b.write(tmp_path / "new")
    book = _workbook(new, tmp_path / "new.xlsx")
    _, folders, _ = run(capsys, "diff", old, new, "--format", "json")
    code, mixed, _ = run(capsys, "diff", old, book, "--format", "json")
    assert code == 0
    a, b_ = json.loads(folders), json.loads(mixed)
    a.pop("new"), b_.pop("new")
    assert a == b_


def test_invalid_input_and_usage_exit_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_LANG", "en")  # the validation messages in English
    bad = base()
    bad.node("x", "Bogus")
    bad_dir = bad.write(tmp_path / "bad")
    code, out, err = run(capsys, "diff", SIHUI, bad_dir)
    assert code == 2 and out == "" and "unknown label" in err.lower()
    assert run(capsys, "diff", SIHUI, tmp_path / "missing")[0] == 2
    assert run(capsys, "diff", SIHUI, SIHUI_2021, "--out", SIHUI / "nodes.csv")[0] == 2
    code, _, err = run(capsys, "diff", SIHUI, SIHUI_2021, "--area", "火星街道")
    assert code == 2 and "no street/town '火星街道'" in err and "东城街道 (area-dc)" in err
    assert run(capsys, "diff", SIHUI)[0] == 2
    assert run(capsys, "diff", SIHUI, SIHUI_2021, "--format", "pdf")[0] == 2


def test_area_option(capsys, sihui_diff):
    code, out, _ = run(capsys, "diff", SIHUI, SIHUI_2021, "--area", "area-dc", "--format",
                       "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["rates"]["overall"] == sihui_diff.to_dict()["rates"]["by_area"]["area-dc"]
    assert set(doc["rates"]["by_area"]) == {"area-dc"}
    code, out, _ = run(capsys, "diff", SIHUI, SIHUI_2021, "--area", "东城街道")
    assert code == 0 and "仅限：东城街道" in out


def test_trend_formats_and_figure(capsys, tmp_path):
    code, out, _ = run(capsys, "trend", SIHUI_2021, SIHUI)
    assert code == 0
    assert out.index("2020-09-30") < out.index("2021-09-30")
    assert "个百分点" in out and "东城街道" in out
    target = tmp_path / "t.csv"
    png = tmp_path / "t.png"
    assert run(capsys, "trend", SIHUI_2021, SIHUI, "--format", "csv", "--out", target,
               "--plot", png, "--metric", "work")[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["snapshot"] == "2020-09-30" and rows[0]["group"] == "all"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, out, _ = run(capsys, "trend", SIHUI, SIHUI_2021, "--format", "json")
    doc = json.loads(out)
    assert [s["snapshot"] for s in doc["snapshots"]] == ["2020-09-30", "2021-09-30"]
    assert set(doc["snapshots"][0]["by_area"]) == {"area-cz", "area-dc", "area-ds", "area-zs"}
    assert run(capsys, "trend", SIHUI, "--plot", tmp_path / "t.gif")[0] == 2
    assert run(capsys, "trend")[0] == 2


def test_synth_evolve(capsys, tmp_path):
    code, _, err = run(capsys, "synth", "--evolve", SIHUI, tmp_path / "a", "--seed", "3")
    assert code == 0 and "新增" in err and "倒退" in err
    assert run(capsys, "synth", "--evolve", SIHUI, tmp_path / "b", "--seed", "3")[0] == 0
    for name in ("nodes.csv", "edges.csv", "dataset.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert gk.read_dataset(tmp_path / "a").snapshot == "2021-09-30"
    assert run(capsys, "synth", "--evolve", SIHUI, tmp_path / "c", "--units", "5")[0] == 2
    assert run(capsys, "synth", tmp_path / "d")[0] == 2
    assert run(capsys, "synth", "--evolve", tmp_path / "a", tmp_path / "a")[0] == 2
    assert run(capsys, "synth", "--evolve", tmp_path / "nothing", tmp_path / "e")[0] == 2


@pytest.mark.neo4j
@pytest.mark.serial  # with the other tests of the one server
def test_diff_of_a_database_against_its_folder(capsys, store, neo4j_creds):
    store.load(gk.read_dataset(SIHUI), replace=True)
    code, out, _ = run(capsys, "diff", neo4j_creds["uri"], SIHUI, "--format", "json",
                       "--user", neo4j_creds["user"], "--password", neo4j_creds["password"],
                       "--fail-on-regression")
    assert code == 0
    doc = json.loads(out)
    assert doc["nodes"] == {"added": [], "removed": [], "changed": []}
    assert doc["edges"]["added"] == [] == doc["edges"]["removed"] == doc["edges"]["changed"]
    assert doc["units"]["improved"] == [] == doc["units"]["regressed"]
    if neo4j_creds["password"]:
        assert neo4j_creds["password"] not in out

