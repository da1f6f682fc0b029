"""The summary every report opens with, the restriction to one place, and the terminal
and Markdown reports (issue 12: summary first, one screen, markup-safe)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

import graphkit as gk
from graphkit import messages, report
from graphkit.cli import main
from graphkit.synth import synthesize

from .conftest import SIHUI, Builder

pytestmark = pytest.mark.usefixtures("chinese")

NASTY_DATASET = "东城[/red]台账"
NASTY_COMMUNITY = "台账[b]2024"


@pytest.fixture(scope="module")
def result(sihui):
    return gk.audit(sihui)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """A synthetic city of 10,000 units in 432 communities and 36 areas."""
    folder = tmp_path_factory.mktemp("city") / "city"
    synthesize(folder, units=10_000, seed=1)
    return gk.audit(gk.read_dataset(folder))


def _run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- summary ---------------------------------------------------------------------------


def test_summary_rates_have_denominators_and_targets(result):
    s = report.summary(result, target_work=0.95, target_org=0.9)
    rates = s.rates
    n = len(result.units)
    for key, status_set in (("work", {"own", "joint", "affiliated", "instructor"}),
                            ("organization", {"own", "joint", "affiliated"}),
                            ("own", {"own"})):
        covered = int(result.units["status"].isin(status_set).sum())
        assert rates.loc[key, "covered"] == covered
        assert rates.loc[key, "units"] == n
        assert rates.loc[key, "rate"] == pytest.approx(covered / n)
    assert rates.loc["work", "target"] == 0.95 and rates.loc["organization", "target"] == 0.9
    assert rates.loc["own", "target"] is None
    # the shortfall is the units still to cover: covering them meets the target exactly
    for key in ("work", "organization"):
        r = rates.loc[key]
        if r["met"]:
            assert r["shortfall"] == 0
        else:
            assert (r["covered"] + r["shortfall"]) / n >= r["target"]
            assert (r["covered"] + r["shortfall"] - 1) / n < r["target"]
    cored = result.circles[result.circles["status"] == "ok"]
    assert rates.loc["linkage", "units"] == cored["members"].sum()


def test_targets_change_the_verdict(result):
    work = result.overall["work"]
    assert report.summary(result, target_work=work).rates.loc["work", "met"]
    low = report.summary(result, target_work=min(1.0, work + 0.01)).rates.loc["work"]
    assert not low["met"] and low["shortfall"] >= 1
    with pytest.raises(gk.UsageError):
        report.summary(result, target_work=1.5)


def test_findings_counted_by_code_and_street(result):
    m = report.summary(result).findings
    f = result.findings
    assert int(m["total"].sum()) == len(f)
    for code in m.index:
        for area in (c for c in m.columns if c != "total"):
            want = ((f["code"] == code)
                    & (f["area"].fillna("") == area)).sum()
            assert m.loc[code, area] == want, (code, area)
    assert m.index[0] == "uncovered"  # report order, not alphabetical
    # findings without a street would have a column of their own; in the sample every
    # finding has one (orphan organizations are placed where their unit or community is)
    assert ("" in m.columns) == bool(f["area"].isna().any())
    assert m.loc["orphan_org", "total"] == (f["code"] == "orphan_org").sum() > 0


def test_worst_communities(result):
    s = report.summary(result)
    assert len(s.worst_work) == 5 and len(s.worst_linkage) == 5
    # by work: the units still to cover to reach the target, most first
    bc = result.by_community
    covered = (bc["work"] * bc["units"]).round()
    need = (bc["units"] * 0.95 - 1e-9).apply(math.ceil) - covered
    assert s.worst_work["shortfall"].tolist() == need.loc[s.worst_work["community"]].tolist()
    assert s.worst_work["shortfall"].is_monotonic_decreasing
    assert s.worst_work["shortfall"].min() >= need.drop(s.worst_work["community"]).max()
    # by linkage: the members still unlinked, most first
    cored = result.circles[result.circles["status"] == "ok"].set_index("community")
    unlinked = cored["unlinked"].map(len)
    assert s.worst_linkage["unlinked"].is_monotonic_decreasing
    assert s.worst_linkage["unlinked"].min() >= unlinked.drop(s.worst_linkage["community"]).max()
    assert sorted(s.no_core) == sorted(
        result.circles.loc[result.circles["status"] == "no_core", "community"])


def test_the_weakest_of_a_big_city_are_not_its_one_unit_communities(city):
    """Issue 25: ranked by rate alone, the "five weakest communities" of a 10,000-unit
    city were four communities of one unit each at 0 %."""
    bc = city.by_community
    by_rate = bc.assign(_id=bc.index).sort_values(["work", "units", "_id"]).head(5)
    assert (by_rate["units"] == 1).sum() >= 3  # what the rate alone would list
    worst = report.summary(city).worst_work
    assert len(worst) == 5 and (worst["units"] >= 10).all()
    assert (worst["shortfall"] >= 5).all()
    text = report.to_text(city, width=100)
    assert worst["name"].iloc[0] in text


def test_no_community_short_of_the_target_gives_an_empty_table(result):
    s = report.summary(result, target_work=0.0)
    assert s.worst_work.empty
    assert "各社区工作覆盖率均已达到目标" in report.to_markdown(result, target_work=0.0)


# --- restrict ----------------------------------------------------------------------------


@pytest.mark.parametrize("area", ["area-cz", "area-dc", "area-ds", "area-zs"])
def test_restrict_to_each_street(result, area):
    r = gk.narrow(result, areas=[area])
    assert set(r.units["area"]) == {area}
    assert r.overall["units"] == result.by_area.loc[area, "units"]
    assert r.overall["work"] == pytest.approx(result.by_area.loc[area, "work"])
    assert list(r.by_area.index) == [area]
    assert set(r.findings["area"]) == {area}
    assert len(r.findings) == (result.findings["area"] == area).sum()
    assert set(r.by_community.index) <= set(r.circles["community"])
    assert r.meta["restriction"]["area"] == area
    assert r.counts == result.counts  # the dataset's facts are kept


def test_restrict_by_chinese_name_and_short_name(result):
    a = gk.narrow(result, areas=["东城街道"])
    b = gk.narrow(result, areas=["东城"])
    c = gk.narrow(result, areas=["area-dc"])
    assert a.overall == b.overall == c.overall
    yu = gk.narrow(result, communities=["玉城"])
    assert yu.circles["community"].tolist() == ["com-002"]
    assert set(yu.units["community"]) == {"com-002"}
    assert yu.meta["restriction"] == {"area": "area-dc", "area_name": "东城街道",
                                      "community": "com-002", "community_name": "玉城社区"}
    both = gk.narrow(result, areas=["东城街道"], communities=["玉城社区"])
    assert both.overall == yu.overall
    assert gk.narrow(result) is result


def test_restrict_explains_what_is_wrong(result):
    with messages.use("zh"), pytest.raises(gk.UsageError, match=r"玉城社区（com-002）"):
        gk.narrow(result, communities=["玉成"])
    with messages.use("zh"), pytest.raises(gk.UsageError, match=r"不在"):
        gk.narrow(result, areas=["贞山街道"], communities=["玉城社区"])
    with pytest.raises(gk.UsageError, match="area-dc"):
        gk.narrow(result, areas=["东城区"])


def test_restrict_rejects_an_ambiguous_name(tmp_path):
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.node("a2", "Area", "西城街道", kind="street")
    b.community("c1", area="a1", core="o1")
    b.community("c2", area="a2", core="o2")
    for n in b.nodes:
        if n["id"] in ("c1", "c2"):
            n["name"] = "新村社区"
    r = gk.audit(b.dataset(tmp_path / "ds"))
    with messages.use("zh"), pytest.raises(gk.UsageError, match=r"不唯一.*c1.*c2"):
        gk.narrow(r, communities=["新村社区"])
    assert gk.narrow(r, communities=["c2"]).circles["community"].tolist() == ["c2"]
    # within a street the name is unique
    assert gk.narrow(r, areas=["西城"], communities=["新村社区"]).circles[
        "community"].tolist() == ["c2"]


# --- every format opens with the summary ---------------------------------------------------


def test_markdown_opens_with_the_summary(result):
    md = report.to_markdown(result, target_work=0.97)
    heads = [line for line in md.splitlines() if line.startswith("## ")]
    assert heads[0] == "## 党的组织覆盖和工作覆盖：覆盖率与目标"
    assert heads[1].startswith("## 问题") and "按类型 × 街道" in heads[1]
    assert heads[2] == "## 最需关注的社区"
    assert md.index("≥ 97.0%") < md.index("## 覆盖率明细")
    assert "| 工作覆盖率 | 95.5% | 364 | 381 |" in md  # numerator and denominator


def test_terminal_summary_fits_one_screen(result, city):
    for r in (result, city):
        for width in (100, 160):
            text = report.to_text(r, width=width)
            lines = text.splitlines()
            assert len(lines) <= 50, (width, len(lines))
            assert max(cell_len(line) for line in lines) <= width
            assert "工作覆盖率" in "\n".join(lines[:10])  # the rates come first
    text = report.to_text(city, width=100)
    # 36 streets (and the findings without one) as columns: the last ones summed, not dropped
    other = re.search(r"其他 (\d+) 个", text)
    assert other and 30 <= int(other.group(1)) <= 34
    assert "合计" in text and f"{len(city.findings):,}" in text
    assert f"… 还有 {len(city.by_area) - 4} 个街道（镇）" in text


def test_first_screen_is_40_lines_at_80_columns(result, city):
    """Issue 25: the audit's "one screen" was 48-62 lines and broke names mid-word."""
    for r in (result, city, gk.narrow(result, areas=["贞山"]),
              gk.narrow(result, communities=["玉城"])):
        lines = report.to_text(r, width=80).splitlines()
        assert len(lines) <= 40, len(lines)
        assert max(cell_len(line) for line in lines) <= 80
    text = report.to_text(result, width=80)
    for name in ("贞山街道", "城中街道", "高街社区", "工作覆盖率", "组织覆盖率"):
        assert name in text  # each on one line: not cut
    assert "贞山街\n" not in text and "街道（\n" not in text


def test_terminal_width_follows_and_detail_prints_everything(result):
    narrow = report.to_text(result, width=72)
    assert max(cell_len(line) for line in narrow.splitlines()) <= 72
    detail = report.to_text(result, width=100, detail=True)
    for c in result.circles["name"]:
        assert c in detail
    assert "--detail" not in detail.splitlines()[-1]
    # the action list (the work list): one bullet per subject, under its street and
    # community
    from graphkit.report._worklist import audit_work_list

    bullets = [line for line in detail.splitlines() if line.lstrip().startswith("• ")]
    assert len(bullets) == len(audit_work_list(result))
    for name in result.findings.loc[result.findings["code"] == "unlinked", "name"]:
        assert name in detail


def test_colour_only_when_asked(result):
    assert "\x1b[" not in report.to_text(result)
    coloured = report.to_text(result, color=True)
    assert "\x1b[" in coloured


def _nasty(tmp_path: Path) -> Path:
    b = Builder()
    b.node("a1", "Area", "东城[red]街道", kind="street")
    b.node("c1", "Community", NASTY_COMMUNITY)
    b.edge("c1", "a1", "PART_OF")
    b.node("o1", "PartyOrg", "[bold]社区党委[/bold]", kind="committee")
    b.edge("o1", "c1", "BELONGS_TO")
    b.unit("u1", where="c1", members=4)
    b.nodes[-1]["name"] = "失控\x1b[31m公司\x0b"
    b.unit("u2", where="c1")
    b.nodes[-1]["name"] = "=HYPERLINK(\"http://x\")"
    folder = b.write(tmp_path / "ds")
    (folder / "dataset.json").write_text(json.dumps({"name": NASTY_DATASET}),
                                         encoding="utf-8")
    return folder


def test_markup_in_names_prints_as_written(capsys, tmp_path):
    folder = _nasty(tmp_path)
    for extra in ([], ["--detail"]):
        code, out, err = _run(capsys, "audit", folder, *extra)
        assert code == 0, err
        assert "Traceback" not in err
        assert NASTY_DATASET in out
        assert "东城[red]街道" in out
        assert NASTY_COMMUNITY in out
    assert "[bold]社区党委[/bold]" in out
    assert "\x1b" not in out and "\x0b" not in out  # control codes shown, never sent
    assert "失控␛[31m公司␋" in out
    r = gk.audit(gk.read_dataset(folder))
    assert NASTY_DATASET in report.to_text(r, color=True)
    md = report.to_markdown(r)
    assert "东城\\[red\\]街道" in md and "\x1b" not in md


def test_cli_targets_area_community(capsys):
    code, out, _ = _run(capsys, "audit", SIHUI, "--target-work", "0.99", "--target-org",
                        "0.5")
    assert code == 0
    assert "≥ 99.0%" in out and "≥ 50.0%" in out
    code, out, _ = _run(capsys, "audit", SIHUI, "--area", "贞山", "--format", "json")
    doc = json.loads(out)
    assert set(doc["coverage"]["by_area"]) == {"area-zs"}
    assert {u["area"] for u in doc["coverage"]["units"]} == {"area-zs"}
    code, out, _ = _run(capsys, "audit", SIHUI, "--community", "com-002",
                        "--format", "markdown")
    assert code == 0 and "玉城社区" in out.splitlines()[0]
    code, out, err = _run(capsys, "audit", SIHUI, "--community", "玉成", "--lang", "zh")
    assert code == 2 and out == "" and "玉城社区（com-002）" in err
    code, _, err = _run(capsys, "audit", SIHUI, "--sheets-per-area")
    assert code == 2 and "xlsx" in err
    code, _, err = _run(capsys, "audit", SIHUI, "--format", "json", "--detail")
    assert code == 2


def test_cli_thresholds_apply_to_the_restricted_place(capsys):
    # 大沙镇 has full work coverage; the city does not
    code, _, _ = _run(capsys, "audit", SIHUI, "--format", "json", "--fail-under-work", "1")
    assert code == 1
    code, _, _ = _run(capsys, "audit", SIHUI, "--format", "json", "--area", "大沙镇",
                      "--fail-under-work", "1")
    assert code == 0


def test_counts_say_what_they_count(result):
    text = report.to_text(result)
    # five Area nodes: three streets, one town, and the city itself (not a street)
    assert "街道 3 个、镇 1 个（上级区域 四会市 不计入）" in text
    assert len(report.summary(result).areas) == 4
    md = report.to_markdown(result)
    assert "区域 5（街道、镇及上级区域）" in md


def test_validate_json_always_on_stdout(capsys, tmp_path):
    b = Builder()
    b.node("x", "Bogus")
    bad = b.write(tmp_path / "bad")
    code, out, err = _run(capsys, "validate", bad, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["valid"] is False and doc["errors"] >= 1 and "Bogus" in out
    assert "Bogus" not in err
    target = tmp_path / "v.json"
    code, out, _ = _run(capsys, "validate", bad, "--format", "json", "--out", target)
    assert code == 2 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["errors"] == doc["errors"]
    code, out, _ = _run(capsys, "validate", SIHUI, "--format", "json")
    assert code == 0 and json.loads(out)["valid"] is True
    assert not math.isnan(json.loads(out)["warnings"])
