"""The summary an audit's report opens with, in the shape of a statistics release: the
headline rates against their targets, the findings counted by type × street, the weakest
communities, the streets (:func:`summary`).

**The weakest communities** are ranked by what it takes to fix them, not by their rate
alone (a one-unit community at 0 % is not the city's weakest): by work coverage, the units
still to cover for the community to reach the work target (descending; then the lower
rate, then the id), communities at or above the target left out; by linkage, the
jurisdiction members still unlinked (descending; then the lower rate, then the id),
communities with none left out.

**One street order**: streets (areas) come in id order (the order of the JSON document and
of the plan), findings without a street last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import UsageError
from ..messages import t
from ..settings import DEFAULT_TARGET_ORG, DEFAULT_TARGET_WORK
from .auditing import AuditResult
from .gaps import FINDING_CODES
from .mechanisms import scorecard_by_area

__all__ = ["AREA_CARD", "DEFAULT_TARGET_ORG", "DEFAULT_TARGET_WORK", "WORST_N", "Summary",
           "area_cards", "linked_members", "summary"]

#: Rows of the "weakest communities" tables.
WORST_N = 5
#: Scorecard fields of the streets: one per integration.
AREA_CARD = ("running_circle", "service_centers", "reporting_members", "issues_resolved")


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _rate_line(key: str, rate: Any, units: int, target: float | None) -> dict[str, Any]:
    covered = 0 if _missing(rate) else round(rate * units)
    met = None if target is None or _missing(rate) else bool(rate >= target - 1e-12)
    shortfall = 0
    if target is not None and met is False and units:
        shortfall = max(0, math.ceil(target * units - 1e-9) - covered)
    return {"title": t(f"report.rate.{key}"), "rate": None if _missing(rate) else float(rate),
            "covered": int(covered), "units": int(units), "target": target, "met": met,
            "shortfall": int(shortfall)}


@dataclass(frozen=True)
class Summary:
    """The first screen of every report.

    Attributes
    ----------
    rates : DataFrame
        Indexed ``work``, ``organization``, ``own``, ``linkage``: ``title`` (Chinese),
        ``rate``, ``covered`` (numerator), ``units`` (denominator: units in scope; for
        linkage, the jurisdiction members of communities with a core), ``target`` (None
        when there is none), ``met`` (bool or None), ``shortfall`` (units still to cover to
        reach the target, 0 when met).
    findings : DataFrame
        Findings counted by code (index, report order) × street (columns: area ids in id
        order, ``""`` last for findings without a street), with a ``total`` column.
    worst_work : DataFrame
        The communities that most need units covered to reach the work target (see the
        module docs): ``community, name, area, units, uncovered, work, organization,
        shortfall``.
    worst_linkage : DataFrame
        The communities with a core and the most unlinked members: ``community, name,
        area, members, unlinked, linkage_rate``.
    no_core : list of str
        Communities without a core (no linkage rate at all).
    areas : DataFrame
        One row per street in id order: ``area, name, communities, units, own,
        organization, work, findings``, and of the scorecard (SPEC 8, each entity once per
        street) ``running_circle`` (its communities running the integration circle),
        ``service_centers``, ``reporting_members``, ``issues_resolved`` (None without the
        network).
    """

    rates: pd.DataFrame
    findings: pd.DataFrame
    worst_work: pd.DataFrame
    worst_linkage: pd.DataFrame
    no_core: list[str]
    areas: pd.DataFrame


def linked_members(circles: pd.DataFrame) -> tuple[int, int]:
    """(linked, members): the members of the sub-core and pan-core circles, and all the
    jurisdiction members, of the communities with a core."""
    cored = circles[circles["status"] == "ok"]
    members = int(cored["members"].sum())
    linked = int(sum(len(a) + len(b) for a, b in zip(cored["sub_core"], cored["pan_core"],
                                                      strict=True)))
    return linked, members


def summary(result: AuditResult, *, target_work: float = DEFAULT_TARGET_WORK,
            target_org: float = DEFAULT_TARGET_ORG, worst: int = WORST_N) -> Summary:
    """The summary of `result` (see :class:`Summary`) against the given targets.

    Examples
    --------
    >>> import graphkit as gk
    >>> s = summary(gk.audit(gk.read_dataset("data/sihui")))
    >>> s.rates.loc["organization", ["covered", "units", "met", "shortfall"]].tolist()
    [324, 381, False, 19]
    >>> int(s.findings.loc["unlinked", "total"])
    148
    >>> s.worst_work["community"].tolist()[:2]    # the most units still to cover first
    ['com-025', 'com-032']
    """
    for name, target in (("target_work", target_work), ("target_org", target_org)):
        if not 0 <= target <= 1:
            raise UsageError(f"{name} must be a rate in [0, 1], got {target}")
    o = result.overall
    n = int(o["units"])
    linked, members = linked_members(result.circles)
    rows = [_rate_line(key, o[key], n, target) for key, target in (
        ("work", target_work), ("organization", target_org), ("own", None))]
    rows.append({**_rate_line("linkage", linked / members if members else None, members, None),
                 "covered": linked})
    rates = pd.DataFrame(rows, index=["work", "organization", "own", "linkage"], dtype=object)
    from .narrowing import result_places

    p = result_places(result)
    f = result.findings
    codes = [c for c in FINDING_CODES if (f["code"] == c).any()]
    codes += sorted(set(f["code"]) - set(codes))
    area = f["area"].astype(object).where(f["area"].notna(), "")
    matrix = pd.crosstab(pd.Categorical(f["code"], categories=codes),
                         pd.Series(area.to_numpy(), dtype=object), dropna=False)
    matrix.index = pd.Index(codes, dtype=object, name="code")
    if len(matrix.columns):
        matrix = matrix[sorted(matrix.columns, key=lambda a: (a == "", str(a)))]
    matrix.columns = pd.Index([str(c) for c in matrix.columns], dtype=object, name="area")
    matrix = matrix.astype("int64")
    matrix["total"] = matrix.sum(axis=1).astype("int64")

    comm_area = p.communities["area"]
    bc = result.by_community
    units = bc["units"].to_numpy()
    ww = pd.DataFrame({
        "community": list(bc.index), "name": [result.names.get(c, c) for c in bc.index],
        "area": [comm_area.get(c) for c in bc.index], "units": units,
        "uncovered": [round(u * (1 - w)) if not _missing(w) else 0
                      for u, w in zip(units, bc["work"], strict=True)],
        "work": bc["work"].to_numpy(), "organization": bc["organization"].to_numpy(),
    })
    ww["shortfall"] = [max(0, math.ceil(target_work * u - 1e-9) - (u - x))
                       for u, x in zip(ww["units"], ww["uncovered"], strict=True)]
    ww = ww[ww["shortfall"] > 0].sort_values(["shortfall", "work", "community"],
                                             ascending=[False, True, True])
    cored = result.circles[result.circles["status"] == "ok"]
    wl = pd.DataFrame({
        "community": cored["community"].tolist(), "name": cored["name"].tolist(),
        "area": [comm_area.get(c) for c in cored["community"]],
        "members": cored["members"].to_numpy(),
        "unlinked": [len(u) for u in cored["unlinked"]],
        "linkage_rate": cored["linkage_rate"].to_numpy(dtype=float),
    })
    wl = wl[wl["unlinked"] > 0].sort_values(["unlinked", "linkage_rate", "community"],
                                            ascending=[False, True, True])

    ba = result.by_area
    n_comm = comm_area.reindex(result.circles["community"]).value_counts()
    n_found = f["area"].value_counts()
    order = sorted(ba.index, key=str)
    areas = pd.DataFrame({
        "area": order, "name": [result.names.get(a, a) for a in order],
        "communities": [int(n_comm.get(a, 0)) for a in order],
        "units": [int(ba.at[a, "units"]) for a in order],
        "own": [ba.at[a, "own"] for a in order],
        "organization": [ba.at[a, "organization"] for a in order],
        "work": [ba.at[a, "work"] for a in order],
        "findings": [int(n_found.get(a, 0)) for a in order],
    })
    card = area_cards(result)
    for fld in AREA_CARD:
        areas[fld] = [card.get(a, {}).get(fld) for a in areas["area"]]
    circ = result.circles
    return Summary(
        rates=rates, findings=matrix,
        worst_work=ww.head(worst).reset_index(drop=True),
        worst_linkage=wl.head(worst).reset_index(drop=True),
        no_core=circ.loc[circ["status"] != "ok", "community"].tolist(),
        areas=areas.reset_index(drop=True),
    )


def area_cards(result: AuditResult) -> dict[str, dict[str, Any]]:
    """The scorecard of each street/town of the network (empty without the network)."""
    if result.network is None or result.mechanisms is None:
        return {}
    by_area = scorecard_by_area(result.network, engine=result.engine,
                                sub_core_min_rating=result.settings.get("sub_core_min_rating"))
    return {r["area"]: r for r in by_area.to_dict("records")}


