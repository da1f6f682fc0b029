"""Which street/town (Area), or community, each node belongs to, for narrowing a diff to
some places.

Derived from the public edge table, following SPEC section 2 for units and communities:

* an Area is its own place; a Community is in the Areas it is ``PART_OF``; a Compound in
  those of its communities (at the community level: a Community is its own place, a
  Compound in the communities it is ``PART_OF``);
* a Unit is where it is ``LOCATED_IN`` (a community, a compound or an area directly);
* a PartyOrg is where it ``BELONGS_TO``, else where the units it ``COVERS`` are (a joint
  branch has no single home);
* a Team is where it is ``STATIONED_AT``, a ServiceCenter where it ``SERVES``, a Person
  where the units it ``GUIDES``, the organizations it is a ``MEMBER_OF`` and the community
  it is ``REGISTERED_AT`` are.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from .. import vocab as V

__all__ = ["node_areas"]


def node_areas(nodes: pd.DataFrame, edges: pd.DataFrame, level: str = V.AREA
               ) -> dict[str, frozenset[str]]:
    """Area ids (`level` ``Community``: community ids) of every node that has one (nodes
    without a place are left out)."""
    label = dict(zip(nodes["id"].tolist(), nodes["label"].tolist(), strict=True))
    by_type: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, t, k in zip(edges["source"].tolist(), edges["target"].tolist(),
                       edges["type"].tolist(), strict=True):
        by_type[k].append((s, t))
    places: dict[str, set[str]] = defaultdict(set)
    for nid, lab in label.items():
        if lab == level:
            places[nid].add(nid)

    def spread(rel: str, source_label: str | None = None, reverse: bool = False) -> None:
        for s, t in by_type.get(rel, ()):
            child, parent = (t, s) if reverse else (s, t)
            if source_label is not None and label.get(child) != source_label:
                continue
            if parent in places:
                places[child] |= places[parent]

    spread(V.PART_OF, V.COMMUNITY)
    spread(V.PART_OF, V.COMPOUND)
    spread(V.LOCATED_IN, V.UNIT)
    spread(V.BELONGS_TO, V.PARTY_ORG)
    homeless = {s for s, _ in by_type.get(V.COVERS, ())} - {s for s, _ in
                                                           by_type.get(V.BELONGS_TO, ())}
    for s, t in by_type.get(V.COVERS, ()):
        if s in homeless and t in places:
            places[s] |= places[t]
    spread(V.STATIONED_AT, V.TEAM)
    spread(V.SERVES, V.SERVICE_CENTER)
    for rel in (V.GUIDES, V.MEMBER_OF, V.REGISTERED_AT):
        spread(rel, V.PERSON)
    return {n: frozenset(p) for n, p in places.items() if p}
