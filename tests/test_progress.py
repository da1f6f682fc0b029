"""Following a plan through (SPEC section 10): verified states, reported states,
discrepancies, the summary and the rates; the plan document; the command line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.cli import main

from .conftest import SIHUI, Builder
from .worklists import carry_out, row, states, workbook, write


def base() -> Builder:
    """A plan with every action: form_branch (0), form_joint (1), assign_instructor of an
    existing instructor (2, 4), join_joint (3), affiliate (5), a new instructor for a unit
    without a street (6)."""
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="k1")
    b.community("c2", area="a1")
    b.community("c4", area="a1", core="k4")
    b.community("c3")
    b.node("j1", "PartyOrg", "沙田联合党支部", joint=True)
    b.edge("j1", "c2", "BELONGS_TO")
    b.unit("big", "c1", members=5)
    b.unit("s1", "c1", members=1)
    b.unit("s2", "c1", members=2)
    b.unit("s3", "c2", members=1)
    b.unit("s4", "c4", members=1)
    b.unit("z1", "c1")
    b.unit("z2", "c2")
    b.unit("z3", "c3")
    b.node("p1", "Person", kind="instructor")
    b.unit("g", "c1")
    b.edge("p1", "g", "GUIDES")
    b.unit("own", "c1", members=4, org="o-own")
    return b


ACTIONS = ["form_branch", "form_joint", "assign_instructor", "join_joint",
           "assign_instructor", "affiliate", "assign_instructor"]


@pytest.fixture(scope="module")
def plan() -> gk.Plan:
    b = base()
    p = gk.plan(gk.Dataset.from_records(b.nodes, b.edges))
    assert p.actions["action"].tolist() == ACTIONS
    assert p.actions.at[1, "units"] == ["s1", "s2"] and p.actions.at[6, "area"] is None
    return p


# --- verified states --------------------------------------------------------------------
def test_every_action_done_when_the_plan_is_applied(plan):
    r = gk.progress(plan, plan.apply())
    assert set(r.actions["verified"]) == {"done"}
    assert r.actions["reported"].isna().all() and r.actions["discrepancy"].isna().all()
    delta = r.to_dict()["rates"]["delta"]
    assert delta["rates"] == {"own": 0.0, "organization": 0.0, "work": 0.0}
    assert all(v == 0.0 for g in ("by_kind", "by_community", "by_area")
               for block in delta[g].values() for v in block.values())


def test_verified_states_done_partly_not_done_gone(plan):
    new = carry_out(plan, [0, 3], partly={1: ["s1"]}, close=["z2", "z3"])
    got = states(gk.progress(plan, new))["verified"].tolist()
    assert got == ["done", "partly_done", "not_done", "done", "gone", "not_done", "gone"]


def test_a_status_above_the_projected_one_is_done(tmp_path, plan):
    """An instructor was planned; the unit formed its own organization instead."""
    b = base()
    b.node("new-org", "PartyOrg")
    b.edge("new-org", "z1", "BELONGS_TO")
    r = gk.progress(plan, gk.Dataset.from_records(b.nodes, b.edges))
    assert r.actions.at[2, "verified"] == "done"
    assert r.actions.at[2, "statuses"] == ["own"]
    # joint and affiliated are one level: an affiliation where a joint branch was planned
    b = base()
    b.edge("k1", "s1", "COVERS", mode="affiliated")
    b.edge("k1", "s2", "COVERS", mode="affiliated")
    assert gk.progress(plan, gk.Dataset.from_records(b.nodes, b.edges)).actions.at[
        1, "verified"] == "done"


def test_form_joint_with_a_unit_gone_and_the_others_reached_is_partly_done(plan):
    new = carry_out(plan, partly={1: ["s1"]}, close=["s2"])
    assert gk.progress(plan, new).actions.at[1, "verified"] == "partly_done"
    # a unit gone and the other not reached: not done; both gone: gone
    assert gk.progress(plan, carry_out(plan, close=["s2"])).actions.at[1, "verified"] \
        == "not_done"
    assert gk.progress(plan, carry_out(plan, close=["s1", "s2"])).actions.at[
        1, "verified"] == "gone"


def test_only_form_joint_can_be_partly_done(plan):
    """A single-unit action is done or not; and a unit that only reached an instructor
    does not reach a joint branch."""
    b = base()
    b.edge("p1", "s1", "GUIDES")
    r = gk.progress(plan, gk.Dataset.from_records(b.nodes, b.edges))
    assert r.actions.at[1, "verified"] == "not_done"
    assert r.actions.at[1, "statuses"] == ["instructor", "none"]


def test_a_unit_id_that_is_no_longer_a_unit_is_gone(plan):
    b = base()
    for n in b.nodes:
        if n["id"] == "z3":
            n["label"], n["kind"] = "Community", "urban"
    b.edges = [e for e in b.edges if "z3" not in (e["source"], e["target"])]
    assert gk.progress(plan, gk.Dataset.from_records(b.nodes, b.edges)).actions.at[
        6, "verified"] == "gone"


# --- reported states and discrepancies ---------------------------------------------------
def test_reported_states_from_the_work_list(tmp_path, plan):
    data = workbook([row(plan, 0, "未开始"), row(plan, 1, "推进中"), row(plan, 2, "进行中"),
                     row(plan, 3, "已完成"), row(plan, 4, None), row(plan, 5, " 已完成 ")])
    r = gk.progress(plan, plan.network, write(tmp_path / "w.xlsx", data))
    assert r.as_plain().actions["reported"].tolist() == [
        "not_started", "in_progress", "in_progress", "done", None, "done", None]
    assert r.problems == []


def test_discrepancies_and_their_precedence(tmp_path, plan):
    new = carry_out(plan, [0, 2, 3], partly={1: ["s1"]}, close=["z3"])
    early, late = dt.datetime(2021, 3, 31), dt.datetime(2021, 12, 31)
    data = workbook([
        row(plan, 0, "推进中", early),    # done, not reported (before overdue)
        row(plan, 1, "已完成", early),    # partly done, reported done (before overdue)
        row(plan, 2, "已完成", late),     # done and reported: none
        row(plan, 3, None, early),        # done, blank 进展: not reported
        row(plan, 4, "推进中", early),    # not done, deadline passed: overdue
        row(plan, 5, "推进中", late),     # not done, deadline ahead: none
        row(plan, 6, "已完成", early),    # gone: never a discrepancy
    ])
    r = gk.progress(plan, new, write(tmp_path / "w.xlsx", data))
    assert r.as_plain().actions["discrepancy"].tolist() == [
        "done_not_reported", "reported_done_not_verified", None, "done_not_reported",
        "overdue", None, None]
    assert r.summary["discrepancies"] == {"reported_done_not_verified": 1,
                                          "done_not_reported": 2, "overdue": 1}


def test_deadline_on_the_snapshot_date_blank_or_without_a_snapshot_is_not_overdue(
        tmp_path, plan):
    data = workbook([row(plan, 0, "推进中", dt.datetime(2021, 6, 30)), row(plan, 1, "推进中"),
                     row(plan, 2, "推进中", dt.datetime(2021, 6, 29))])
    path = write(tmp_path / "w.xlsx", data)
    r = gk.progress(plan, carry_out(plan), path)
    assert r.as_plain().actions["discrepancy"].tolist()[:3] == [None, None, "overdue"]
    r = gk.progress(plan, carry_out(plan, snapshot=None), path)
    assert r.as_plain().actions["discrepancy"].tolist()[:3] == [None, None, None]


def test_an_action_without_a_row_is_not_reported(tmp_path, plan):
    data = workbook([row(plan, 1, "推进中")])
    r = gk.progress(plan, plan.apply(), write(tmp_path / "w.xlsx", data))
    assert r.as_plain().actions["reported"].tolist() == [None, "in_progress", *[None] * 5]
    assert r.actions.at[0, "discrepancy"] == "done_not_reported"
    assert r.actions.at[1, "discrepancy"] == "done_not_reported"


def test_without_a_work_list_nothing_is_reported_or_discrepant(plan):
    r = gk.progress(plan, carry_out(plan, [0]))
    assert r.actions["reported"].isna().all() and r.actions["discrepancy"].isna().all()
    assert r.summary["discrepancies"] == {} and "worklist" not in r.to_dict()


# --- the summary, the rates, the document ----------------------------------------------
def test_summary_by_action_and_street_counts_the_verified_states(plan):
    new = carry_out(plan, [0, 3, 6], partly={1: ["s1"]}, close=["z2"])
    s = gk.progress(plan, new).summary
    assert s["by_action"] == {
        "form_branch": {"done": 1}, "join_joint": {"done": 1},
        "form_joint": {"partly_done": 1}, "affiliate": {"not_done": 1},
        "assign_instructor": {"done": 1, "not_done": 1, "gone": 1}}
    assert s["by_street"] == {"a1": {"done": 2, "partly_done": 1, "not_done": 2, "gone": 1},
                              None: {"done": 1}}


def test_json_document_shape_order_and_null_street(plan):
    r = gk.progress(plan, carry_out(plan, [0]))
    doc = json.loads(r.to_json_bytes())
    assert list(doc)[:6] == ["schema", "plan", "new", "actions", "summary", "rates"]
    assert doc["schema"] == 1
    assert doc["plan"] == {**plan.settings, "dataset": {"name": "dataset", "snapshot": None}}
    assert doc["new"] == {"name": "后一期", "snapshot": "2021-06-30"}
    assert [a["index"] for a in doc["actions"]] == list(range(7))
    assert all(list(a) == ["index", "action", "units", "community", "area", "verified",
                           "reported", "discrepancy"] for a in doc["actions"])
    assert doc["actions"][1]["units"] == ["s1", "s2"]
    assert "null" in doc["summary"]["by_street"]
    assert set(doc["rates"]) == {"projected", "actual", "delta"}
    assert doc["rates"]["projected"] == plan.to_dict()["projected"]


def test_rates_actual_in_the_plan_scope_and_delta_in_points(plan):
    new = carry_out(plan, [0])
    r = gk.progress(plan, new)
    actual = r.rates["actual"]
    units = gk.unit_coverage(new)
    assert actual["rates"]["organization"] == pytest.approx(
        units["status"].isin(["own", "joint", "affiliated"]).mean())
    proj = r.rates["projected"]
    for m in ("own", "organization", "work"):
        assert r.rates["delta"]["rates"][m] == pytest.approx(
            100 * (actual["rates"][m] - proj["rates"][m]))
    assert set(actual) == set(proj) == set(r.rates["delta"])
    # two-new scope: the denominator of the actual rates is the plan's
    b = base()
    b.unit("state", "c1", kind="soe")
    ds = gk.Dataset.from_records(b.nodes, b.edges)
    two = gk.plan(ds, scope="two_new")
    got = gk.progress(two.to_dict(), ds).rates["actual"]
    assert got["rates"] == two.to_dict()["current"]
    assert set(got["by_kind"]) == {"enterprise"}
    assert got["rates"] != gk.progress(gk.plan(ds).to_dict(), ds).rates["actual"]["rates"]


def test_a_group_on_one_side_only_has_a_null_delta(plan):
    new = carry_out(plan, close=["z3"])  # c3 holds no unit any more
    r = gk.progress(plan, new)
    assert "c3" in r.rates["projected"]["by_community"]
    assert "c3" not in r.rates["actual"]["by_community"]
    assert r.rates["delta"]["by_community"]["c3"] == {"own": None, "organization": None,
                                                      "work": None}


def test_plan_given_as_object_document_or_path_agree(tmp_path, plan):
    new = carry_out(plan, [0, 3])
    path = tmp_path / "plan.json"
    path.write_bytes(json.dumps(plan.to_dict(), ensure_ascii=False).encode("utf-8"))
    docs = [gk.progress(x, new).to_dict() for x in (plan, plan.to_dict(), path, str(path))]
    assert all(d == docs[0] for d in docs[1:])


def test_plan_documents_that_are_refused():
    ds = gk.read_dataset(SIHUI)
    for bad, what in [
        ([], "JSON"), ({"schema": 2, "actions": []}, "schema"),
        ({"schema": 1, "coverage": {}}, "actions"),
        ({"schema": 1, "actions": [{"action": "build", "units": ["u"]}]}, "action"),
        ({"schema": 1, "actions": [{"action": "form_branch", "units": []}]}, "units"),
        ({"schema": 1, "actions": [{"action": "form_branch", "units": ["u"], "area": 3}]},
         "area"),
        ({"schema": 1, "actions": [], "settings": {"scope": "mars"}}, "scope"),
    ]:
        with pytest.raises(gk.UsageError, match=what):
            gk.progress(bad, ds)


def test_a_plan_document_without_settings_or_projection_is_read():
    ds = gk.read_dataset(SIHUI)
    r = gk.progress({"schema": 1, "actions": [{"action": "form_branch",
                                               "units": ["unit-0058"]}]}, ds)
    assert r.actions.at[0, "verified"] == "not_done"
    assert r.rates["projected"] is None and r.rates["delta"] is None
    assert r.plan == {"dataset": None}


# --- the command line -----------------------------------------------------------------
@pytest.fixture(scope="module")
def files(tmp_path_factory, plan):
    tmp = tmp_path_factory.mktemp("progress")
    plan_path = tmp / "plan.json"
    plan_path.write_bytes(json.dumps(plan.to_dict(), ensure_ascii=False).encode("utf-8"))
    new = tmp / "new"
    gk.write_dataset(carry_out(plan, [0, 3]), new)
    early = dt.datetime(2021, 3, 31)
    worklist = write(tmp / "w.xlsx", workbook([row(plan, 0, "已完成"), row(plan, 1, "已完成"),
                                              row(plan, 2, "推进中", early),
                                              row(plan, 3, "已完成")]))
    clean = write(tmp / "clean.xlsx", workbook([row(plan, 0, "已完成"), row(plan, 3, "已完成")]))
    return {"plan": plan_path, "new": new, "worklist": worklist, "clean": clean, "tmp": tmp}


def test_cli_json_and_exit_codes(files, capsys):
    args = ["progress", str(files["plan"]), str(files["new"])]
    assert main([*args, "--worklist", str(files["worklist"]), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [a["discrepancy"] for a in doc["actions"]][:3] == [
        None, "reported_done_not_verified", "overdue"]
    assert doc["worklist"]["matched"] == 4 and doc["worklist"]["problems"] == []
    assert main([*args, "--worklist", str(files["worklist"]), "--format", "json",
                 "--fail-on-discrepancy"]) == 1
    assert "reported_done_not_verified 1" in capsys.readouterr().err
    assert main([*args, "--worklist", str(files["clean"]), "--format", "json",
                 "--fail-on-discrepancy"]) == 0
    capsys.readouterr()
    assert main([*args, "--format", "json", "--fail-on-discrepancy"]) == 0  # nothing reported


def test_cli_bad_inputs_exit_2_and_name_the_file(files, capsys, tmp_path):
    args = ["progress", str(files["plan"]), str(files["new"])]
    (tmp_path / "audit.json").write_text('{"schema": 1, "coverage": {}}')
    (tmp_path / "broken.json").write_text('{"schema": 1, "actions": [')
    (tmp_path / "not.xlsx").write_text("序号,进展\n1,已完成\n")
    nolist = write(tmp_path / "nolist.xlsx", workbook([[1, "x"]], header=("序号", "说明")))
    for argv, said in [
        (["progress", str(tmp_path / "audit.json"), str(files["new"])], "audit.json"),
        (["progress", str(tmp_path / "broken.json"), str(files["new"])], "broken.json"),
        (["progress", str(tmp_path / "none.json"), str(files["new"])], "none.json"),
        ([*args, "--worklist", str(tmp_path / "not.xlsx")], "not.xlsx"),
        ([*args, "--worklist", str(nolist)], "nolist.xlsx"),
        ([*args, "--worklist", str(tmp_path / "missing.xlsx")], "missing.xlsx"),
        ([*args, "--format", "xlsx"], "--out"),
        ([*args, "--out", str(files["plan"])], "plan.json"),
    ]:
        assert main([*argv, "--lang", "en"]) == 2, argv
        err = capsys.readouterr().err
        assert said in err and "Traceback" not in err, (argv, err)


def test_cli_names_every_row_it_cannot_read_and_still_reports(files, capsys, plan):
    data = workbook([row(plan, 0, "暂缓"), row(plan, 3, "已完成", "6月底")])
    path = write(files["tmp"] / "typed.xlsx", data)
    assert main(["progress", str(files["plan"]), str(files["new"]), "--worklist", str(path),
                 "--format", "json"]) == 0
    out = capsys.readouterr()
    doc = json.loads(out.out)
    assert [p["problem"] for p in doc["worklist"]["problems"]] == ["unknown_progress",
                                                                    "bad_date"]
    assert "typed.xlsx[工作清单]:2:进展 '暂缓'" in out.err
    assert "typed.xlsx[工作清单]:3:完成时限 '6月底'" in out.err
    assert doc["actions"][3]["reported"] == "done"


def test_sample_plan_on_the_2021_snapshot(tmp_path):
    p = gk.plan(gk.read_dataset(SIHUI))
    r = gk.progress(p.to_dict(), Path(SIHUI).parent / "sihui-2021")
    assert r.new["snapshot"] == "2021-09-30"
    assert sum(sum(v.values()) for v in r.summary["by_action"].values()) == len(p.actions)


def test_the_samples_story_is_current_and_tells_it():
    """The committed plan, later snapshot and filled work list are what
    scripts/make_sihui_progress.py makes (rerun it after changing data/sihui or the work
    list's format), and the story has every state and discrepancy."""
    import subprocess
    import sys

    from .conftest import REPO

    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "make_sihui_progress.py"),
                           "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = REPO / "data"
    r = gk.progress(data / "sihui-plan.json", data / "sihui-2021-06",
                    data / "sihui-worklist-2021-06.xlsx")
    assert set(r.actions["verified"]) == {"done", "partly_done", "not_done", "gone"}
    assert set(r.actions["reported"].dropna()) == {"not_started", "in_progress", "done"}
    assert r.summary["discrepancies"] == {"reported_done_not_verified": 2,
                                          "done_not_reported": 2, "overdue": 2}
    assert [(p.row, p.value, p.problem) for p in r.problems] == [
        (19, "暂缓", "unknown_progress")]
    assert "虚构" in (data / "sihui-2021-06" / "README.md").read_text(encoding="utf-8")
