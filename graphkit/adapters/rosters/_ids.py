"""Ids stable across imports (SPEC section 9), so that two years' imports can be diffed.

A Unit's id is its credit code when it has one, else ``unit:`` + its normalized name; the
others are ``area:`` + name, ``community:`` + street/name, ``compound:`` + community
name/compound name, ``org:`` + name, ``team:`` + name, ``center:`` + name and ``person:`` +
编号 — names as their own rosters write them, normalized (:func:`norm_name`).

Examples
--------
>>> node_id("Community", "沙田园社区", "东城街道")
'community:东城街道/沙田园社区'
>>> node_id("Unit", "红旗 商行", code="914403001922038216"), node_id("Unit", "红旗 商行")
('914403001922038216', 'unit:红旗商行')
"""

from __future__ import annotations

from ... import vocab as V
from ._normalize import norm_name

__all__ = ["PREFIXES", "node_id"]

#: The id prefix of each label (a Unit with a credit code has none).
PREFIXES: dict[str, str] = {
    V.AREA: "area:", V.COMMUNITY: "community:", V.COMPOUND: "compound:", V.UNIT: "unit:",
    V.PARTY_ORG: "org:", V.TEAM: "team:", V.SERVICE_CENTER: "center:", V.PERSON: "person:",
}


def node_id(label: str, name: str, parent: str | None = None, *, code: str | None = None
            ) -> str:
    """The id of a `label` node named `name` (a person: its 编号); `parent` is the name of
    a community's street or a compound's community; `code` a unit's credit code."""
    if label == V.UNIT and code:
        return code
    own = norm_name(name)
    if parent is not None:
        own = f"{norm_name(parent)}/{own}"
    return PREFIXES[label] + own
