"""Narrowing a result to one place: :func:`narrow`, the one way to look at a street, a town
or a community of any result (an audit, a plan, a diff).

The input is place ids (the command line resolves names to ids with
:func:`graphkit.analysis._places.locate`); several areas and communities may be given,
and with both, the communities within the areas are meant. What is narrowed, per result:

* an audit: its units, every coverage rate (recomputed over the remaining units), the
  breakdowns by attribute, the circles and the findings of the place, and the scorecard's
  total row (the place's own, each entity once, recomputed on the audit's engine);
  dataset-wide facts (node counts, settings, the network) are kept;
* a plan: the actions listed; its summary, settings and rates stay the whole plan's (the
  plan is made for the city: narrowing does not re-plan, and :meth:`Plan.apply` of a
  narrowed plan applies the listed actions only);
* a diff: the units, rates, circles, nodes, edges and findings of the place, as
  :func:`graphkit.diff` with ``area=`` makes them.

The place is recorded: ``result.meta["restriction"]`` (audit), ``plan.restriction``,
``diff.areas`` / ``diff.communities``; every report says what it covers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any

import pandas as pd

from ._places import Places, locate, places, places_of
from .auditing import AuditResult
from .comparing import Diff, narrowed
from .coverage import coverage_rates
from .planning import Plan

__all__ = ["narrow", "result_places"]


def result_places(result: Any) -> Places:
    """The areas and communities of the network behind `result` (an audit, a plan or a
    diff; an audit without its network: from its own tables)."""
    if isinstance(result, Diff):
        return places_of(*(ds for ds in (result.old_network, result.new_network)
                            if ds is not None))
    network = getattr(result, "network", None)
    if network is not None:
        return places(network)
    where = pd.concat([result.units[["community", "area"]],
                       result.findings[["community", "area"]]]).dropna()
    area_of = where.drop_duplicates("community").set_index("community")["area"]
    comms = pd.DataFrame({"name": result.circles["name"].tolist()},
                         index=pd.Index(result.circles["community"].tolist(), name="id"))
    comms["area"] = [area_of.get(c) for c in comms.index]
    ids = sorted(set(result.by_area.index) | set(area_of))
    areas = pd.DataFrame({"name": [result.names.get(a, a) for a in ids],
                          "kind": ["street"] * len(ids)},
                         index=pd.Index(ids, name="id", dtype=object))
    return Places(areas, comms, ())


def _label(p: Places, areas: tuple[str, ...], communities: tuple[str, ...]) -> dict[str, str]:
    """The place as ``meta["restriction"]`` names it: area, area_name, community,
    community_name (several joined by "、")."""
    label: dict[str, str] = {}
    if len(communities) == 1 and not areas:
        area = p.communities.at[communities[0], "area"]
        areas = (area,) if isinstance(area, str) else ()
    if areas:
        label["area"] = "、".join(areas)
        label["area_name"] = "、".join(str(p.areas.at[a, "name"]) if a in p.areas.index
                                      else a for a in areas)
    if communities:
        label["community"] = "、".join(communities)
        label["community_name"] = "、".join(str(p.communities.at[c, "name"])
                                           for c in communities)
    return label


def _narrow_audit(result: AuditResult, p: Places, areas: tuple[str, ...],
                  communities: tuple[str, ...]) -> AuditResult:
    units, found = result.units, result.findings
    comm_area = p.communities["area"]
    comms = set(p.communities.index)
    if areas:
        units = units[units["area"].isin(areas)]
        comms = {c for c in comms if comm_area.get(c) in areas}
        if not communities:
            found = found[found["area"].isin(areas)]
    if communities:
        units = units[units["community"].isin(communities)]
        found = found[found["community"].isin(communities)
                      | found["subject"].isin(communities)]
        comms &= set(communities)
    units = units.reset_index(drop=True)
    rates = {by: coverage_rates(units, by=by)
             for by in (None, "kind", "two_new", "community", "area")}
    by_attribute = {attr: coverage_rates(units, by=attr) if attr in units.columns
                    else frame.iloc[0:0] for attr, frame in result.by_attribute.items()}
    label = _label(p, areas, communities)
    return result.replace(
        mechanisms=_narrow_scorecard(result, comms, label), by_attribute=by_attribute,
        meta={**result.meta, "restriction": label}, units=units,
        rates=rates[None], by_kind=rates["kind"], two_new=rates["two_new"],
        by_community=rates["community"], by_area=rates["area"],
        circles=result.circles[result.circles["community"].isin(comms)].reset_index(drop=True),
        findings=found.reset_index(drop=True),
    )


def _narrow_scorecard(result: AuditResult, comms: set[str], label: dict[str, str]
                      ) -> pd.DataFrame | None:
    """The scorecard rows of `comms`, and in place of the city row their own total (each
    entity counted once), recomputed from the network on the audit's engine."""
    from .mechanisms import scorecard

    card = result.mechanisms
    if card is None:
        return None
    rows = card[card["community"].isin(comms)]
    total = None
    if result.network is not None:
        whole = scorecard(result.network, communities=sorted(rows["community"]),
                          sub_core_min_rating=result.settings.get("sub_core_min_rating"),
                          engine=result.engine)
        name = label.get("community_name") or label.get("area_name") or "合计"
        total = whole[whole["community"].isna()].assign(name=[name])
    parts = [rows] + ([total] if total is not None else [])
    return pd.concat(parts, ignore_index=True).astype(card.dtypes.to_dict())


def _narrow_plan(plan: Plan, p: Places, areas: tuple[str, ...],
                 communities: tuple[str, ...]) -> Plan:
    acts = plan.actions
    keep = pd.Series(True, index=acts.index)
    if areas:
        keep &= acts["area"].isin(list(areas))
    if communities:
        keep &= acts["community"].isin(list(communities))
    return dataclasses.replace(plan, actions=acts[keep],
                               restriction=_label(p, areas, communities))


def narrow(result: Any, *, areas: Collection[str] = (), communities: Collection[str] = ()
           ) -> Any:
    """`result` narrowed to the places `areas` and `communities` (ids; see the module
    docs for what is narrowed).

    Parameters
    ----------
    result : AuditResult, Plan or Diff
    areas, communities : collection of str
        Area and Community ids (a name is taken too). With both, the communities must lie
        in the areas.

    Returns
    -------
    The same kind of result (`result` itself when no place is given).

    Raises
    ------
    UsageError
        An unknown place (with the closest names and their ids), or a community outside
        the areas.

    Examples
    --------
    >>> import graphkit as gk
    >>> r = gk.audit(gk.read_dataset("data/sihui"))
    >>> east = narrow(r, areas=["area-dc"])
    >>> east.overall["units"], sorted(set(east.units["area"]))
    (136, ['area-dc'])
    >>> narrow(r, communities=["com-002"]).circles["community"].tolist()
    ['com-002']
    >>> p = narrow(gk.plan(gk.read_dataset("data/sihui")), areas=["area-zs"])
    >>> set(p.actions["area"]), p.restriction["area_name"]
    ({'area-zs'}, '贞山街道')
    """
    if isinstance(areas, str) or isinstance(communities, str):
        raise TypeError("narrow() takes collections of ids: areas=[...], communities=[...]")
    if not areas and not communities:
        return result
    p = result_places(result)
    a, c = locate(p, areas=areas, communities=communities)
    if isinstance(result, AuditResult):
        return _narrow_audit(result, p, a, c)
    if isinstance(result, Plan):
        return _narrow_plan(result, p, a, c)
    if isinstance(result, Diff):
        return narrowed(result, areas=a, communities=c)
    raise TypeError(f"narrow() takes an audit, a plan or a diff, not {type(result).__name__}")
