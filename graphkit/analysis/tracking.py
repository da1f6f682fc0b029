"""Following a plan through (SPEC section 10): what a later snapshot shows of a plan's
actions, what the streets reported in the work list, and where the two disagree.

Each planned action gets a **verified** state from the later snapshot ``NEW``, the first
that holds:

- ``gone`` — none of its units is in ``NEW`` (as a Unit);
- ``done`` — every unit is in ``NEW`` with a status at least the projected one (levels of
  SPEC section 7: own 3 > joint, affiliated 2 > instructor 1 > none 0; projected: own for
  ``form_branch``, joint for ``join_joint`` / ``form_joint``, affiliated for ``affiliate``,
  instructor for ``assign_instructor``);
- ``partly_done`` — a ``form_joint`` some of whose units reached it (a unit gone and the
  others reached: partly done);
- ``not_done`` — otherwise.

With a filled work list (:mod:`graphkit.analysis.worklist`) each action also has its
**reported** state (进展: 未开始 ``not_started``, 推进中 or 进行中 ``in_progress``, 已完成
``done``; ``None`` for a blank 进展 or an action no row names) and a **discrepancy**, the
first that holds: ``reported_done_not_verified`` (已完成, not verified ``done``),
``done_not_reported`` (verified ``done``, not reported 已完成), ``overdue`` (完成时限
before ``NEW``'s snapshot date, not verified ``done``); none for a ``gone`` action, and a
blank 完成时限 (or a ``NEW`` without a snapshot date) is never overdue.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")
>>> p = gk.plan(ds)
>>> result = progress(p, p.apply())
>>> result.to_dict()["summary"]["by_action"]["form_branch"]
{'done': 4}
>>> result.rates["delta"]["rates"]
{'own': 0.0, 'organization': 0.0, 'work': 0.0}
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..network._frames import plain as plain_frame
from ..network._frames import typed
from ..network.dataset import Dataset, as_dataset
from ..network.io import read_dataset
from .coverage import scope_kinds, unit_coverage
from .planning import ACTIONS, PLAN_SCHEMA, Plan, rates_document, scope_of, unit_rates
from .worklist import FilledWorklist, RowProblem, match_worklist, read_worklist

__all__ = ["PROGRESS_SCHEMA", "PROJECTED_STATUS", "Progress", "discrepancy", "plan_problems",
           "progress", "verified_state"]

#: Version of the JSON document of :meth:`Progress.to_dict` (SPEC section 10).
PROGRESS_SCHEMA = 1
#: The status each action brings its units to (SPEC section 6).
PROJECTED_STATUS: dict[str, str] = {
    "form_branch": "own", "join_joint": "joint", "form_joint": "joint",
    "affiliate": "affiliated", "assign_instructor": "instructor",
}
_SETTINGS = ("min_branch_members", "max_joint_units", "max_branch_members",
             "instructor_capacity", "scope")


@dataclass(frozen=True, eq=False)
class Progress:
    """How far a plan was carried out (SPEC section 10). DataFrames are the researcher's
    view; :meth:`to_dict` is the JSON document (``"schema": 1``).

    Attributes
    ----------
    actions : DataFrame
        One row per planned action, in the plan's order: ``index``, ``action``, ``units``,
        ``community``, ``area``, ``verified``, ``reported``, ``discrepancy``, ``due`` (the
        work list's 完成时限, a date or ``None``), ``projected`` (the status the action
        brings), ``statuses`` (each unit's status in ``NEW``, ``None`` for a unit no longer
        there), ``sheet`` and ``row`` (where the work list reports it), ``org``,
        ``instructor`` and ``message`` (from the plan). The codes (``action``,
        ``verified``, ``reported``, ``discrepancy``, ``projected``) are categoricals in the
        vocabulary's order, ``row`` is ``Int64``; a missing value is ``NaN``/``<NA>``
        (:meth:`as_plain` gives ``None``).
    summary : dict
        ``by_action`` {kind: {verified state: n}}, ``by_street`` {area or None: {verified
        state: n}}, ``discrepancies`` {code: n} (counts above zero only).
    rates : dict
        ``projected`` (the plan's), ``actual`` (``NEW``'s, over the plan's scope), both in
        the shape of SPEC 6's ``projected``, and ``delta`` = 100 × (actual − projected) in
        percentage points per group and rate (``None`` where a side has no such group).
    plan : dict
        The plan's settings and its ``dataset`` (``name``, ``snapshot``; ``None`` when the
        plan document does not say).
    new : dict
        ``name`` and ``snapshot`` of ``NEW``.
    worklist : FilledWorklist or None
        The work list read, when one was given.
    problems : list of RowProblem
        Every row of the work list that could not be read or matched (empty without one).
    names : dict
        Display names of the units, communities and areas (for reports).
    network : Dataset
        ``NEW``.
    """

    actions: pd.DataFrame
    summary: dict[str, Any]
    rates: dict[str, Any]
    plan: dict[str, Any]
    new: dict[str, Any]
    worklist: FilledWorklist | None = None
    problems: list[RowProblem] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict, repr=False)
    network: Dataset | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        states = Counter(self.actions["verified"])
        return (f"Progress(actions={len(self.actions)}, "
                f"verified={dict(sorted(states.items()))}, "
                f"discrepancies={self.summary['discrepancies']})")

    @property
    def discrepancies(self) -> int:
        """How many actions have a discrepancy."""
        return int(self.actions["discrepancy"].notna().sum())

    def as_plain(self) -> Progress:
        """This result with :attr:`actions` in the JSON-like form: every column ``object``,
        ``None`` for a missing value (what :meth:`to_dict` and the reports read)."""
        return replace(self, actions=plain_frame(self.actions))

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of SPEC section 10 (``"schema": 1``), plain Python types
        (``summary.by_street`` is keyed by area id, ``None`` for actions without an area:
        ``"null"`` in JSON). With a work list, ``worklist`` adds what was read: the file,
        the sheets, the rows read and matched, and every problem."""
        keys = ("index", "action", "units", "community", "area", "verified", "reported",
                "discrepancy")
        plain = plain_frame(self.actions[list(keys)])  # None, not NaN, for a missing code
        cols = [plain[k].tolist() for k in keys]
        actions = [dict(zip(keys, row, strict=True)) for row in zip(*cols, strict=True)]
        for a in actions:
            a["index"] = int(a["index"])
            a["units"] = list(a["units"])
        doc: dict[str, Any] = {
            "schema": PROGRESS_SCHEMA,
            "plan": dict(self.plan),
            "new": dict(self.new),
            "actions": actions,
            "summary": copy.deepcopy(self.summary),
            "rates": copy.deepcopy(self.rates),
        }
        if self.worklist is not None:
            matched = int(self.actions["row"].notna().sum())
            doc["worklist"] = {
                "file": self.worklist.file, "sheets": list(self.worklist.sheets),
                "rows": len(self.worklist.rows), "matched": matched,
                "problems": [p.to_dict() for p in self.problems],
            }
        return doc

    def to_json_bytes(self) -> bytes:
        """:meth:`to_dict` as indented UTF-8 JSON (Chinese as is, ``None`` keys as
        ``"null"``)."""
        import orjson

        return orjson.dumps(self.to_dict(), option=orjson.OPT_INDENT_2
                            | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE)


# --- the inputs ------------------------------------------------------------------------
def _plan_document(plan: Any) -> dict[str, Any]:
    """The plan's JSON document, checked."""
    if isinstance(plan, Plan):
        return plan.to_dict()
    if isinstance(plan, str | os.PathLike):
        where = os.fspath(plan)
        hint = t("progress.plan_hint")
        try:
            with open(where, "rb") as fh:
                doc = json.loads(fh.read().decode("utf-8-sig"))
        except FileNotFoundError as exc:
            raise UsageError(t("progress.plan_missing", path=where)) from exc
        except IsADirectoryError as exc:
            raise UsageError(t("progress.plan_folder", path=where, hint=hint)) from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(t("progress.plan_not_json", path=where, detail=exc,
                               hint=hint)) from exc
        _check_plan(doc, where)
        return doc
    if isinstance(plan, Mapping):
        _check_plan(plan, "plan")
        return dict(plan)
    raise UsageError(t("progress.plan_type", kind=type(plan).__name__))


def plan_problems(doc: Any) -> list[str]:
    """What makes `doc` no plan document of SPEC section 6 (empty when it is one): the
    ``schema``, an ``actions`` list whose items name an action of :data:`ACTIONS` and a
    non-empty list of unit ids, places that are ids or null, a known ``settings.scope``,
    a ``projected`` block with its ``rates``. (``settings`` and ``projected`` may be
    left out: the scope is then ``all``, and there are no projected rates to compare.)

    Examples
    --------
    >>> plan_problems({"schema": 1, "actions": [{"action": "form_branch", "units": ["u1"]}]})
    []
    >>> len(plan_problems({"schema": 1, "actions": [{"action": "build", "units": []}]}))
    2
    """
    if not isinstance(doc, Mapping):
        return [t("progress.plan.not_object")]
    errors: list[str] = []
    if doc.get("schema") != PLAN_SCHEMA:
        errors.append(t("progress.plan.schema", want=PLAN_SCHEMA, got=repr(doc.get("schema"))))
    actions = doc.get("actions")
    if not isinstance(actions, list):
        errors.append(t("progress.plan.no_actions") + (
            f"（{t('progress.plan.an_audit')}）" if "coverage" in doc else ""))
        actions = []
    for i, a in enumerate(actions):
        if not isinstance(a, Mapping):
            errors.append(t("progress.plan.action_not_object", i=i))
            continue
        if a.get("action") not in ACTIONS:
            errors.append(t("progress.plan.action_kind", i=i, got=repr(a.get("action")),
                            allowed="、".join(ACTIONS)))
        units = a.get("units")
        if not isinstance(units, list) or not units or not all(
                isinstance(u, str) and u for u in units):
            errors.append(t("progress.plan.action_units", i=i, got=repr(units)))
        for key in ("community", "area"):
            if a.get(key) is not None and not isinstance(a.get(key), str):
                errors.append(t("progress.plan.action_place", i=i, key=key,
                                got=repr(a.get(key))))
    settings = doc.get("settings", {})
    if not isinstance(settings, Mapping):
        errors.append(t("progress.plan.settings"))
    else:
        try:
            scope_kinds(scope_of(str(settings.get("scope", "all"))))
        except UsageError:
            errors.append(t("progress.plan.scope", got=repr(settings.get("scope"))))
    projected = doc.get("projected")
    if projected is not None and not (isinstance(projected, Mapping)
                                      and isinstance(projected.get("rates"), Mapping)):
        errors.append(t("progress.plan.projected"))
    return errors


def _check_plan(doc: Any, where: str) -> None:
    """Refuse what is not a plan document (every problem at once, the first 20 shown)."""
    errors = plan_problems(doc)
    if errors:
        shown = "；".join(errors[:20])
        if len(errors) > 20:
            shown += "；" + t("progress.plan.more", n=len(errors) - 20)
        raise UsageError(t("progress.plan_invalid", path=where, problems=shown,
                           hint=t("progress.plan_hint")))


def _dataset(new: Any) -> Dataset:
    if isinstance(new, str | os.PathLike):
        return read_dataset(new)
    try:
        return as_dataset(new)
    except TypeError as exc:
        raise UsageError(t("progress.new_type", kind=type(new).__name__)) from exc


def _snapshot_date(ds: Dataset) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(ds.snapshot)) if ds.snapshot else None
    except ValueError:
        return None


# --- the states ------------------------------------------------------------------------
def verified_state(action: str, statuses: Sequence[str | None]) -> str:
    """The verified state of an action of kind `action` whose units have `statuses` in the
    later snapshot (``None`` for a unit no longer there).

    Examples
    --------
    >>> verified_state("form_joint", ["joint", None]), verified_state("form_branch", [None])
    ('partly_done', 'gone')
    >>> verified_state("assign_instructor", ["own"]), verified_state("affiliate", ["none"])
    ('done', 'not_done')
    """
    present = [s for s in statuses if s is not None]
    if not present:
        return "gone"
    need = V.STATUS_LEVELS[PROJECTED_STATUS[action]]
    reached = [V.STATUS_LEVELS[s] >= need for s in present]
    if len(present) == len(statuses) and all(reached):
        return "done"
    if action == "form_joint" and any(reached):
        return "partly_done"
    return "not_done"


def discrepancy(verified: str, reported: str | None, due: dt.date | None,
                snapshot: dt.date | None) -> str | None:
    """The discrepancy of an action (SPEC section 10), or None.

    Examples
    --------
    >>> discrepancy("partly_done", "done", None, None)
    'reported_done_not_verified'
    >>> discrepancy("done", None, None, None), discrepancy("gone", "done", None, None)
    ('done_not_reported', None)
    >>> discrepancy("not_done", "in_progress", dt.date(2021, 6, 30), dt.date(2021, 9, 30))
    'overdue'
    """
    if verified == "gone":
        return None
    if reported == "done" and verified != "done":
        return "reported_done_not_verified"
    if verified == "done" and reported != "done":
        return "done_not_reported"
    if due is not None and snapshot is not None and due < snapshot and verified != "done":
        return "overdue"
    return None


def _counts(keys: Sequence[Any], states: Sequence[str], order: Sequence[str],
            key_order: Sequence[Any] | None = None) -> dict[Any, dict[str, int]]:
    """{key: {state: n}} (n > 0), states in `order`, keys in `key_order` (else sorted,
    None last)."""
    out: dict[Any, Counter[str]] = {}
    for k, s in zip(keys, states, strict=True):
        out.setdefault(k, Counter())[s] += 1
    if key_order is not None:
        ranked = [k for k in key_order if k in out]
    else:
        ranked = sorted(out, key=lambda k: (k is None, "" if k is None else str(k)))
    return {k: {s: out[k][s] for s in order if out[k][s]} for k in ranked}


def _delta(projected: Any, actual: Any) -> dict[str, Any] | None:
    """100 × (actual − projected) per rate, in each group of the §6 shape (``None`` where
    a side has no such group or a rate is undefined)."""
    if projected is None:
        return None

    def one(p: Any, a: Any) -> dict[str, float | None]:
        return {m: (None if not isinstance(p, Mapping) or not isinstance(a, Mapping)
                    or p.get(m) is None or a.get(m) is None
                    else 100 * (float(a[m]) - float(p[m]))) for m in V.RATES}

    out: dict[str, Any] = {"rates": one(projected.get("rates"), actual["rates"]),
                           "two_new": one(projected.get("two_new"), actual["two_new"])}
    for group in ("by_kind", "by_community", "by_area"):
        p = projected.get(group) or {}
        a = actual[group]
        keys = sorted(set(p) | set(a))
        out[group] = {k: one(p.get(k), a.get(k)) for k in keys}
    return {k: out[k] for k in ("rates", "by_kind", "two_new", "by_community", "by_area")}


def progress(plan: Plan | Mapping[str, Any] | str | os.PathLike[str], new: Any,
             worklist: Any = None, *, engine: Any = None) -> Progress:
    """How far `plan` was carried out by the later snapshot `new` (SPEC section 10).

    Parameters
    ----------
    plan : Plan, dict or path
        A :class:`~graphkit.Plan`, its JSON document (:meth:`Plan.to_dict`), or the path
        of that document (``graphkit plan DATASET --format json --out plan.json``).
    new : Dataset, networkx graph or path
        The later snapshot (a graph is validated first, as a file is).
    worklist : path, bytes or binary file, optional
        The plan's work list as the streets filled it in (``.xlsx``); read with
        :func:`~graphkit.analysis.worklist.read_worklist` and matched with
        :func:`~graphkit.analysis.worklist.match_worklist`.
    engine : optional
        Where the coverage rules run on `new` (default DuckDB).

    Returns
    -------
    Progress

    Raises
    ------
    UsageError
        A plan document that is not one of SPEC section 6, or a work list that cannot be
        read at all (rows it cannot read are named in :attr:`Progress.problems`).
    ValidationError
        When `new` is not a valid dataset.

    Examples
    --------
    >>> import graphkit as gk
    >>> p = gk.plan(gk.read_dataset("data/sihui"))
    >>> r = progress(p.to_dict(), "data/sihui-2021")
    >>> sorted(r.summary["by_action"])[:2], r.new["snapshot"]
    (['assign_instructor', 'form_branch'], '2021-09-30')
    """
    doc = _plan_document(plan)
    ds = _dataset(new)
    filled = read_worklist(worklist) if worklist is not None else None
    settings = dict(doc.get("settings") or {})
    scope = scope_of(str(settings.get("scope", "all")))
    units = unit_coverage(ds, scope="all", engine=engine)
    status = dict(zip(units["id"], units["status"], strict=True))
    acts = doc["actions"]
    unit_lists = [list(a["units"]) for a in acts]
    statuses = [[status.get(u) for u in us] for us in unit_lists]
    verified = [verified_state(a["action"], s) for a, s in zip(acts, statuses, strict=True)]
    n = len(acts)
    problems: list[RowProblem] = []
    if filled is not None:
        match = match_worklist(filled, unit_lists)
        problems = [*filled.problems, *match.problems]
        got = match.actions
    else:
        got = pd.DataFrame({c: pd.Series([None] * n, dtype=object)
                            for c in ("reported", "due", "sheet", "row", "by")})
    snapshot = _snapshot_date(ds)
    reported = got["reported"].tolist()
    due = got["due"].tolist()
    found = [discrepancy(v, r, d, snapshot) if filled is not None else None
             for v, r, d in zip(verified, reported, due, strict=True)]
    actions = pd.DataFrame({
        "index": pd.Series(range(n), dtype="int64"),
        "action": pd.Series([a["action"] for a in acts], dtype=object),
        "units": pd.Series(unit_lists, dtype=object),
        "community": pd.Series([a.get("community") for a in acts], dtype=object),
        "area": pd.Series([a.get("area") for a in acts], dtype=object),
        "verified": pd.Series(verified, dtype=object),
        "reported": pd.Series(reported, dtype=object),
        "discrepancy": pd.Series(found, dtype=object),
        "due": pd.Series(due, dtype=object),
        "projected": pd.Series([PROJECTED_STATUS[a["action"]] for a in acts], dtype=object),
        "statuses": pd.Series(statuses, dtype=object),
        "sheet": got["sheet"].astype(object),
        "row": got["row"].astype(object),
        "org": pd.Series([a.get("org") for a in acts], dtype=object),
        "instructor": pd.Series([a.get("instructor") for a in acts], dtype=object),
        "message": pd.Series([a.get("message") for a in acts], dtype=object),
    })
    actions = typed(actions, categories={
        "action": ACTIONS, "verified": V.VERIFIED_STATES, "reported": V.PROGRESS_STATES,
        "discrepancy": V.DISCREPANCIES, "projected": V.COVERAGE_STATUSES}, ints=("row",))
    summary = {
        "by_action": _counts(actions["action"].tolist(), verified, V.VERIFIED_STATES,
                             ACTIONS),
        "by_street": _counts(actions["area"].tolist(), verified, V.VERIFIED_STATES),
        "discrepancies": dict(sorted(
            Counter(x for x in found if x is not None).items(),
            key=lambda kv: V.DISCREPANCIES.index(kv[0]))),
    }
    kinds = scope_kinds(scope)
    actual = rates_document(unit_rates(units[units["kind"].isin(kinds)]))
    projected = doc.get("projected")
    rates = {"projected": projected, "actual": actual, "delta": _delta(projected, actual)}
    dataset = doc.get("dataset")
    plan_info = {**{k: settings[k] for k in _SETTINGS if k in settings},
                 **{k: v for k, v in settings.items() if k not in _SETTINGS},
                 "dataset": dict(dataset) if isinstance(dataset, Mapping) else None}
    names = _names(ds, plan)
    return Progress(actions=actions, summary=summary, rates=rates, plan=plan_info,
                    new={"name": ds.name, "snapshot": ds.snapshot}, worklist=filled,
                    problems=problems, names=names, network=ds)


def _names(ds: Dataset, plan: Any) -> dict[str, str]:
    """Names of the nodes of `ds` (and of the plan's network, for units no longer there)."""
    names: dict[str, str] = {}
    if isinstance(plan, Plan) and plan.network is not None:
        old = plan.network.nodes
        names.update(zip(old["id"], old["name"], strict=True))
    nodes = ds.nodes
    names.update(zip(nodes["id"], nodes["name"], strict=True))
    return names
