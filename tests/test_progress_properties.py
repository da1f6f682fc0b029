"""SPEC section 10 read afresh, in plain Python, on random cities, plans, later snapshots
and filled work lists, compared with :func:`graphkit.progress`."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit as gk

from .test_planning import cities
from .worklists import carry_out, workbook

LEVEL = {"own": 3, "joint": 2, "affiliated": 2, "instructor": 1, "none": 0}
AFTER = {"form_branch": "own", "join_joint": "joint", "form_joint": "joint",
         "affiliate": "affiliated", "assign_instructor": "instructor"}
PROGRESS = {"未开始": "not_started", "推进中": "in_progress", "进行中": "in_progress",
            "已完成": "done"}
SNAPSHOT = dt.date(2021, 6, 30)


def statuses(ds: gk.Dataset) -> dict[str, dict[str, Any]]:
    """Every unit's status (SPEC 2), kind, community and area, from the tables."""
    nodes = {r["id"]: r for r in ds.nodes.to_dict("records")}
    edges = ds.edges.to_dict("records")
    units = {i: {"kind": n["kind"], "status": "none", "community": None, "area": None}
             for i, n in nodes.items() if n["label"] == "Unit"}
    rank = {"none": 0, "instructor": 1, "affiliated": 2, "joint": 3, "own": 4}

    def lift(u: str, s: str) -> None:
        if u in units and rank[s] > rank[units[u]["status"]]:
            units[u]["status"] = s

    part_of = {e["source"]: e["target"] for e in edges if e["type"] == "PART_OF"}
    for e in edges:
        t, s = e["type"], e["source"]
        if t == "BELONGS_TO":
            lift(e["target"], "own")
        elif t == "COVERS":
            lift(e["target"], "joint" if e["mode"] == "joint" else "affiliated")
        elif t == "GUIDES" and nodes[s]["label"] == "Person":
            lift(e["target"], "instructor")
        elif t == "LOCATED_IN" and s in units:
            where = nodes[e["target"]]["label"]
            if where == "Community":
                units[s]["community"] = e["target"]
            elif where == "Compound":
                units[s]["community"] = part_of.get(e["target"])
            else:
                units[s]["area"] = e["target"]
    for u in units.values():
        if u["community"] is not None:
            u["area"] = part_of.get(u["community"])
    return units


def rate_block(units: list[dict[str, Any]], with_units: bool = True) -> dict[str, Any]:
    n = len(units)
    own = sum(u["status"] == "own" for u in units)
    org = sum(u["status"] in ("own", "joint", "affiliated") for u in units)
    work = org + sum(u["status"] == "instructor" for u in units)
    block = {"own": own / n if n else None, "organization": org / n if n else None,
             "work": work / n if n else None}
    return {"units": n, **block} if with_units else block


def rates(units: dict[str, dict[str, Any]], kinds: set[str]) -> dict[str, Any]:
    scoped = [u for u in units.values() if u["kind"] in kinds]

    def grouped(key: str) -> dict[str, Any]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for u in scoped:
            if u[key] is not None:
                groups.setdefault(u[key], []).append(u)
        return {k: rate_block(v) for k, v in groups.items()}

    return {"rates": rate_block(scoped, with_units=False), "by_kind": grouped("kind"),
            "two_new": rate_block([u for u in scoped if u["kind"] in
                                   ("enterprise", "social_org", "market")]),
            "by_community": grouped("community"), "by_area": grouped("area")}


def delta(p: dict[str, Any], a: dict[str, Any]) -> dict[str, Any]:
    def one(x, y):
        return {m: None if x is None or y is None or x.get(m) is None or y.get(m) is None
                else 100 * (y[m] - x[m]) for m in ("own", "organization", "work")}

    out = {"rates": one(p["rates"], a["rates"]), "two_new": one(p["two_new"], a["two_new"])}
    for g in ("by_kind", "by_community", "by_area"):
        out[g] = {k: one(p[g].get(k), a[g].get(k)) for k in set(p[g]) | set(a[g])}
    return out


def reference(plan_doc: dict[str, Any], new: gk.Dataset,
              rows: dict[int, tuple[Any, Any]] | None) -> dict[str, Any]:
    """The document of SPEC 10 from the plan's document, the later snapshot and what the
    work list says of each action (its 进展 and 完成时限 cells; None: no work list)."""
    units = statuses(new)
    actions, found = [], {}
    for i, a in enumerate(plan_doc["actions"]):
        present = [units[u]["status"] for u in a["units"] if u in units]
        need = LEVEL[AFTER[a["action"]]]
        if not present:
            verified = "gone"
        elif len(present) == len(a["units"]) and all(LEVEL[s] >= need for s in present):
            verified = "done"
        elif a["action"] == "form_joint" and any(LEVEL[s] >= need for s in present):
            verified = "partly_done"
        else:
            verified = "not_done"
        reported, due = None, None
        if rows is not None and i in rows:
            cell, when = rows[i]
            reported = PROGRESS.get(cell.strip()) if isinstance(cell, str) else None
            if isinstance(when, dt.datetime):
                due = when.date()
            elif isinstance(when, str):
                try:
                    due = dt.date.fromisoformat(when)
                except ValueError:
                    due = None
        disc = None
        if rows is not None and verified != "gone":
            if reported == "done" and verified != "done":
                disc = "reported_done_not_verified"
            elif verified == "done" and reported != "done":
                disc = "done_not_reported"
            elif due is not None and due < SNAPSHOT and verified != "done":
                disc = "overdue"
        if disc:
            found[disc] = found.get(disc, 0) + 1
        actions.append({"index": i, "action": a["action"], "units": a["units"],
                        "community": a["community"], "area": a["area"],
                        "verified": verified, "reported": reported, "discrepancy": disc})

    def count(key: str) -> dict[Any, dict[str, int]]:
        out: dict[Any, dict[str, int]] = {}
        for a in actions:
            row = out.setdefault(a[key], {})
            row[a["verified"]] = row.get(a["verified"], 0) + 1
        return out

    scope = plan_doc["settings"]["scope"]
    kinds = set(gk.vocab.KINDS["Unit"]) if scope == "all" else {
        "enterprise", "social_org", "market"}
    actual = rates(units, kinds)
    return {"schema": 1, "plan": {**plan_doc["settings"], "dataset": plan_doc["dataset"]},
            "new": {"name": new.name, "snapshot": new.snapshot}, "actions": actions,
            "summary": {"by_action": count("action"), "by_street": count("area"),
                        "discrepancies": found},
            "rates": {"projected": plan_doc["projected"], "actual": actual,
                      "delta": delta(plan_doc["projected"], actual)}}


CELLS = ["未开始", "推进中", "进行中", "已完成", "已完成", None, "暂缓", " 已完成"]
DUES = [None, dt.datetime(2021, 3, 31), dt.datetime(2021, 6, 30), dt.datetime(2021, 12, 31),
        "2021-05-01", "年底前"]


@st.composite
def followed(draw):
    """A random city, its plan, a later snapshot carrying out part of it, a work list."""
    b, params, scope = draw(cities())
    seed = draw(st.integers(0, 2**32 - 1))
    return b, params, scope, seed


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(followed())
def test_progress_equals_an_independent_reading_of_section_10(case):
    b, params, scope, seed = case
    rnd = random.Random(seed)
    ds = gk.Dataset.from_records(b.nodes, b.edges)
    p = gk.plan(ds, scope=scope, **params)
    n = len(p.actions)
    done = [i for i in range(n) if rnd.random() < 0.5]
    partly = {i: p.actions.at[i, "units"][:1] for i in range(n)
              if p.actions.at[i, "action"] == "form_joint" and i not in done
              and rnd.random() < 0.5}
    unit_ids = ds.nodes.loc[ds.nodes["label"] == "Unit", "id"].tolist()
    close = [u for u in unit_ids if rnd.random() < 0.1]
    new = carry_out(p, done, partly=partly, close=close)
    doc = p.to_dict()
    assert gk.progress(doc, new).to_dict() == reference(doc, new, None)
    if not n:
        return
    listed = [i for i in range(n) if rnd.random() < 0.8]
    rnd.shuffle(listed)
    cells = {i: (rnd.choice(CELLS), rnd.choice(DUES)) for i in listed}
    by_units = rnd.random() < 0.3  # a list whose hidden action_id column was deleted
    header = ("序号", "单位编号", "进展", "完成时限") + (() if by_units else ("action_id",))
    rows = [[i + 1, "、".join(p.actions.at[i, "units"]), *cells[i]]
            + ([] if by_units else [i]) for i in listed]
    got = gk.progress(doc, new, workbook(rows, header=header)).to_dict()
    want = reference(doc, new, cells)
    problems = got.pop("worklist")["problems"]
    assert got == want
    bad = sum((c is not None and c.strip() not in PROGRESS)
              + (d is not None and isinstance(d, str) and d != "2021-05-01")
              for c, d in cells.values())
    assert len(problems) == bad
