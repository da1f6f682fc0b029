"""One work list for the audit and the plan (issue 21), and a filled work list read back
(SPEC section 10): every way a street's spreadsheet can be re-sorted, filtered, partly
deleted or typed over."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import graphkit as gk
from graphkit.analysis.worklist import (
    COLUMNS,
    PROGRESS_CHOICES,
    match_worklist,
    read_worklist,
)

from .conftest import SIHUI
from .test_progress import base
from .worklists import HEADER, row, workbook, write


@pytest.fixture(scope="module")
def sample():
    ds = gk.read_dataset(SIHUI)
    p = gk.plan(ds)
    return ds, p, gk.findings(ds)


@pytest.fixture(scope="module")
def plan() -> gk.Plan:
    b = base()
    return gk.plan(gk.Dataset.from_records(b.nodes, b.edges))


# --- the work list --------------------------------------------------------------------
def test_one_row_per_subject_with_every_action_and_finding(sample):
    _, p, f = sample
    rows = gk.work_list(p, f)
    assert list(rows.columns) == list(COLUMNS)
    assert rows["subject"].is_unique
    planned = rows[rows["action_id"].notna()]
    assert sorted(planned["action_id"].astype(int)) == list(range(len(p.actions)))
    for r in planned.itertuples():
        assert r.units == list(p.actions.at[int(r.action_id), "units"])
    # every finding's subject has its row (a joint candidate placed by the plan: in the
    # rows of its units)
    covered = set(rows["subject"]) | {u for us in rows["units"] for u in us}
    for x in f.itertuples():
        if x.code == "joint_candidate" and all(u in covered for u in x.units):
            continue
        assert x.subject in covered, x
    # a unit that is uncovered, unlinked and planned: once, with both findings
    both = rows[rows["codes"].map(lambda c: {"uncovered", "unlinked"} <= set(c))
                & rows["action_id"].notna()]
    assert len(both) > 0
    assert (both["problem"].str.count("\n") >= 1).all()
    assert rows.dtypes["number"] == "Int64" and rows.dtypes["action_id"] == "Int64"
    assert list(rows["progress"].cat.categories) == list(PROGRESS_CHOICES) == [
        "未开始", "推进中", "已完成"]
    assert (rows["progress"] == "未开始").all() and rows["due"].isna().all()


def test_the_plans_list_is_the_actions_in_plan_order(sample):
    _, p, f = sample
    rows = gk.work_list(p, f, planned_only=True)
    assert rows["action_id"].tolist() == list(range(len(p.actions)))
    assert rows["number"].tolist() == list(range(1, len(p.actions) + 1))
    # restricted to one street: 序号 stays the action's index + 1
    east = gk.work_list(gk.narrow(p, areas=["area-dc"]), f, planned_only=True)
    assert (east["number"] == east["action_id"] + 1).all() and set(east["area"]) == {
        "area-dc"}
    assert east["action_id"].tolist() == p.actions.index[p.actions["area"] == "area-dc"
                                                         ].tolist()


def test_what_to_do_is_specific_to_the_case(sample):
    _, p, f = sample
    rows = gk.work_list(p, f)
    assert rows["todo"].is_unique  # no sentence shared by two rows
    acts = p.actions
    for r in rows[rows["action_id"].notna()].itertuples():
        a = acts.loc[int(r.action_id)]
        if a.action in ("form_branch", "form_joint", "join_joint", "affiliate"):
            assert a.org in r.todo and a.org_name in r.todo
        if a.action == "form_joint":
            assert all(p.units.set_index("id").at[u, "name"] in r.todo for u in a.units)
        if a.action == "assign_instructor":
            assert a.instructor in r.todo
            assert ("新的党建工作指导员" in r.todo) == bool(a.instructor_new)
    unlinked = rows[rows["codes"].map(lambda c: c == ["unlinked"])]
    cores = {c: core for c, core in p.cores.items()}
    for r in unlinked.itertuples():
        assert cores[r.community] in r.todo


def test_priority_rule(sample):
    _, p, f = sample
    rows = gk.work_list(p, f)
    first = rows.set_index("action")["priority"]
    assert set(first.loc[["form_branch"]]) == {1}
    assert set(first.loc[["join_joint", "form_joint"]]) == {2}
    assert rows.loc[rows["codes"].map(lambda c: c == ["unlinked"]), "priority"].eq(4).all()
    assert rows.loc[rows["codes"].map(lambda c: "community_without_core" in c),
                    "priority"].eq(1).all()
    # coverage before linkage within a community (the audit's list)
    for _, part in rows.groupby(["area", "community"], dropna=False, sort=False):
        assert part["priority"].is_monotonic_increasing


def test_responsible_unit_is_the_core_or_the_street(sample):
    _, p, f = sample
    rows = gk.work_list(p, f)
    assert rows["responsible_unit"].map(bool).all()
    names = p.names
    for r in rows.itertuples():
        core = p.cores.get(r.community)
        if "community_without_core" in r.codes or "no_stationed_team" in r.codes \
                or core is None:
            assert r.responsible_unit == p.committees.get(r.area, "上级党组织"), r
        else:
            assert r.responsible_unit == names[core]


def test_without_findings_the_units_status_says_what_is_wrong(plan):
    rows = gk.work_list(plan)
    assert len(rows) == len(plan.actions)
    assert rows.loc[rows["action"] == "form_joint", "problem"].iloc[0].count("\n") == 1
    assert "尚未实现党的组织覆盖和工作覆盖" in rows["problem"].iloc[0]


# --- reading a filled work list back ---------------------------------------------------
def test_re_sorted_filtered_and_partly_deleted_rows(tmp_path, plan):
    rows = [row(plan, 5, "已完成"), row(plan, 0, "推进中"), row(plan, 3, "未开始")]
    data = workbook(rows, titles=["东城街道整改工作清单", "（2021 年 6 月填报）"], hidden=[1])
    got = match_worklist(read_worklist(write(tmp_path / "w.xlsx", data)),
                         plan.actions["units"].tolist())
    assert got.actions["reported"].tolist() == ["in_progress", None, None, "not_started",
                                                None, "done", None]
    assert got.actions["row"].tolist()[:1] == [5] and got.problems == []


@pytest.mark.parametrize("keep", [("序号", "单位编号", "进展"), ("序号", "进展"),
                                  ("单位编号", "进展"), ("action_id", "进展")])
def test_matched_by_action_id_else_units_else_number(tmp_path, plan, keep):
    full = [row(plan, i, "已完成") for i in (4, 1, 6)]
    cols = [HEADER.index(h) for h in keep]
    data = workbook([[r[j] for j in cols] for r in full], header=keep)
    got = match_worklist(read_worklist(data), plan.actions["units"].tolist())
    assert [i for i, x in enumerate(got.actions["reported"]) if x] == [1, 4, 6]
    assert set(got.actions["by"].dropna()) == {
        "action_id" if "action_id" in keep else "units" if "单位编号" in keep else "number"}


def test_a_progress_outside_the_list_is_named(tmp_path, plan):
    data = workbook([row(plan, 0, "暂缓"), row(plan, 1, "完成"), row(plan, 2, "进行中")])
    filled = read_worklist(write(tmp_path / "typed.xlsx", data))
    got = match_worklist(filled, plan.actions["units"].tolist())
    assert got.actions["reported"].tolist()[:3] == [None, None, "in_progress"]
    p = filled.problems
    assert [(x.file, x.sheet, x.row, x.column, x.value, x.problem) for x in p] == [
        ("typed.xlsx", "工作清单", 2, "进展", "暂缓", "unknown_progress"),
        ("typed.xlsx", "工作清单", 3, "进展", "完成", "unknown_progress")]
    assert "已完成" in p[1].message  # the closest value is suggested, not applied
    assert p[0].format().startswith("typed.xlsx[工作清单]:2:进展 '暂缓': unknown_progress")


def test_dates_typed_as_text(tmp_path, plan):
    data = workbook([row(plan, 0, "推进中", "2021-06-30"), row(plan, 1, "推进中", "2021/6/3"),
                     row(plan, 2, "推进中", "２０２１年６月３０日"),
                     row(plan, 3, "推进中", "6月底"),
                     row(plan, 4, "推进中", "2021-02-30"), row(plan, 5, "推进中", 44377),
                     row(plan, 6, "推进中", dt.datetime(2021, 6, 30, 17, 0))])
    filled = read_worklist(data)
    assert filled.rows["due"].tolist() == [
        dt.date(2021, 6, 30), dt.date(2021, 6, 3), dt.date(2021, 6, 30), None, None, None,
        dt.date(2021, 6, 30)]
    assert [(x.row, x.value) for x in filled.problems] == [(5, "6月底"), (6, "2021-02-30"),
                                                           (7, "44377")]
    assert {x.problem for x in filled.problems} == {"bad_date"}


def test_an_extra_sheet_is_named_and_a_copy_of_the_list_is_read(tmp_path, plan):
    rows = [row(plan, 0, "已完成"), row(plan, 1, "推进中")]
    data = workbook(rows, extra={"备注": [["街道说明"], ["已与各社区核对"]],
                                 "概况": [["项目", "内容"]],
                                 "城中街道": [list(HEADER), row(plan, 0, "已完成"),
                                            row(plan, 1, "未开始"), row(plan, 2, "推进中")]})
    filled = read_worklist(data)
    assert filled.sheets == ["工作清单", "城中街道"]
    assert [(x.sheet, x.problem) for x in filled.problems] == [("备注", "sheet_not_read")]
    got = match_worklist(filled, plan.actions["units"].tolist())
    # the same report twice is no problem; another one is named, the first row counts
    assert got.actions["reported"].tolist()[:3] == ["done", "in_progress", "in_progress"]
    assert [(x.sheet, x.row, x.problem) for x in got.problems] == [
        ("城中街道", 3, "duplicate")]


def test_typed_over_action_id_and_disagreeing_units(tmp_path, plan):
    data = workbook([row(plan, 0, "已完成", action_id="第一项"),
                     row(plan, 1, "已完成", units="big"),
                     row(plan, 3, "已完成", action_id=99, units=""),
                     row(plan, 4, "推进中", units="s1")])
    filled = read_worklist(data)
    got = match_worklist(filled, plan.actions["units"].tolist())
    assert got.actions["reported"].tolist() == ["done", "done", None, None, "in_progress",
                                                None, None]
    assert got.actions["by"].tolist()[:2] == ["units", "action_id"]
    problems = [(x.row, x.column, x.problem) for x in [*filled.problems, *got.problems]]
    assert problems == [(2, "action_id", "bad_action_id"),
                        (3, "单位编号", "units_disagree"),
                        (4, "action_id", "bad_action_id"),
                        (5, "单位编号", "units_disagree")]


def test_rows_that_match_nothing_are_named(tmp_path, plan):
    header = ("序号", "单位编号", "进展")
    data = workbook([[1, "nobody", "已完成"], [99, "", "已完成"], ["", "", "已完成"],
                     [3, "", ""]], header=header)
    filled = read_worklist(data)
    got = match_worklist(filled, plan.actions["units"].tolist())
    assert [(x.row, x.column, x.problem) for x in got.problems] == [
        (2, "单位编号", "unmatched"), (3, "序号", "unmatched"), (4, "进展", "unmatched")]
    assert got.actions["row"].tolist()[2] == 5  # 序号 3, nothing filled: matched anyway


def test_rows_of_the_audits_list_without_a_planned_action_are_skipped(plan):
    data = workbook([row(plan, 0, "已完成"), [7, "", "推进中", None, None],
                     [8, "g", "已完成", None, None]])
    filled = read_worklist(data)
    got = match_worklist(filled, plan.actions["units"].tolist())
    assert got.problems == [] and got.actions["reported"].tolist()[0] == "done"
    assert int(got.actions["row"].notna().sum()) == 1


def test_a_workbook_that_cannot_be_read(tmp_path):
    with pytest.raises(gk.UsageError, match=r"missing\.xlsx"):
        read_worklist(tmp_path / "missing.xlsx")
    (tmp_path / "list.xlsx").write_text("序号,进展\n")
    with pytest.raises(gk.UsageError, match=r"list\.xlsx"):
        read_worklist(tmp_path / "list.xlsx")
    with pytest.raises(gk.UsageError, match="进展"):
        read_worklist(workbook([[1, "x"]], header=("序号", "说明")))


def test_headers_match_loosely(plan):
    data = workbook([[1, "big", "已完成", "2021-06-30"]],
                    header=("序 号", "单位编号（统一社会信用代码）", "进展情况",
                            "完成时限（日期）"))
    filled = read_worklist(data)
    assert filled.rows.loc[0, "reported"] == "done"
    assert filled.rows.loc[0, "due"] == dt.date(2021, 6, 30)
    assert filled.rows.loc[0, "units"] == ["big"]


def test_reading_keeps_missing_values_as_none(plan):
    filled = read_worklist(workbook([row(plan, 0)]))
    assert filled.rows.loc[0, "reported"] is None and filled.rows.loc[0, "due"] is None
    assert isinstance(filled.rows, pd.DataFrame)
