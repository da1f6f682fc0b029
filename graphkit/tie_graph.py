"""The tie graph: organizations joined by the ties of "one core, two circles" (SPEC section 3).

:func:`tie_graph` turns a network into an undirected, weighted :class:`networkx.Graph`
that a researcher can take further with any NetworkX algorithm:

* **nodes** (entities): every PartyOrg, and every Unit that has no organization of its
  own; a Unit with its own organization is represented by that organization (SPEC
  section 3), so its ties land on the organization. A Team's sender is such an entity.
  Node attributes: ``label``, ``kind``, ``name``, ``community`` and ``area`` (the
  administrative community and street/town, ``None`` when the entity has none, e.g. a
  municipal organ that sits in no community) and ``core`` (``True`` for the core, the
  community Party organization, of its ``community``).
* **edges**: a tie in SPEC's sense — a ``CO_BUILDS``, ``REPORTS_TO``, ``COVERS`` or
  ``MEETS_WITH`` relationship in either direction, or a Team sent ``FROM`` one entity and
  ``STATIONED_AT`` a community, which ties the sender to that community's Party
  organizations (type ``TEAM``). Edge attributes: ``weight`` (how many such relationships
  and teams tie the pair: parallel ties are counted, not merged) and ``types`` (the sorted
  tuple of the tie types present).

An entity's ``community`` is the community whose jurisdiction it belongs to
(:func:`graphkit.jurisdiction`), or the community it ``BELONGS_TO`` (the core and any other
community-level organization); with several, the smallest id. Its ``area`` is that
community's street/town, or else the Area the unit is located in or the organization
belongs to directly.

Nodes and edges are inserted in sorted order, so the graph (and every measure computed on
it) does not depend on the order of the input rows.

Examples
--------
>>> import graphkit as gk
>>> T = gk.tie_graph(gk.read_dataset("data/sihui"))              # doctest: +SKIP
>>> T.nodes["org-0008"]                                           # doctest: +SKIP
{'label': 'PartyOrg', 'kind': 'committee', 'name': '沙田园社区党委', 'community': 'com-001',
 'area': 'area-dc', 'core': True}
>>> T.edges["org-0008", "org-0292"]                               # doctest: +SKIP
{'weight': 2, 'types': ('CO_BUILDS', 'REPORTS_TO')}
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import vocab as V
from ._tables import Net, as_net
from .circles import _jurisdiction, _tie_rows

__all__ = ["NODE_ATTRS", "tie_edges", "tie_graph", "tie_nodes"]

#: Node attributes of the tie graph, in this order.
NODE_ATTRS = ("label", "kind", "name", "community", "area", "core")


def _first_by(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """`value` per `key`, the smallest when several (missing values dropped)."""
    frame = frame.dropna().sort_values([key, value])
    return frame.drop_duplicates(key).set_index(key)[value]


def _entities(net: Net) -> pd.DataFrame:
    """Entities (PartyOrgs, Units without their own organization) with their attributes,
    sorted by id (cached on the network)."""
    if "tie_entities" in net.cache:
        return net.cache["tie_entities"]
    nodes = net.node_index
    represented = set(net.own_orgs["unit"])
    is_entity = (nodes["label"] == V.PARTY_ORG) | (
        (nodes["label"] == V.UNIT) & ~nodes.index.isin(represented))
    ent = nodes.loc[is_entity, ["label", "kind", "name"]].copy()
    ent.index.name = "id"

    jur = _jurisdiction(net).rename(columns={"member": "id"})
    own_community = net.of_type(V.BELONGS_TO, V.PARTY_ORG, V.COMMUNITY)
    home = pd.concat([jur[["id", "community"]], pd.DataFrame({
        "id": own_community["source"].to_numpy(),
        "community": own_community["target"].to_numpy()})], ignore_index=True)
    community = _first_by(home, "id", "community")

    place = net.unit_place["area"].rename_axis("unit").reset_index()
    org_place = net.own_orgs.merge(place, on="unit")[["org", "area"]]
    own_area = net.of_type(V.BELONGS_TO, V.PARTY_ORG, V.AREA)
    direct = pd.concat([
        place.rename(columns={"unit": "id"}), org_place.rename(columns={"org": "id"}),
        pd.DataFrame({"id": own_area["source"].to_numpy(),
                      "area": own_area["target"].to_numpy()}),
    ], ignore_index=True)
    direct_area = _first_by(direct, "id", "area")

    ent["community"] = ent.index.map(community)
    area = ent["community"].map(net.community_area)
    area = area.where(area.notna(), ent.index.to_series().map(direct_area))
    ent["area"] = area
    for col in ("community", "area"):
        ent[col] = ent[col].astype(object).where(ent[col].notna(), None)
    ent["core"] = ent["community"].map(net.cores).to_numpy(dtype=object) == ent.index.to_numpy(
        dtype=object)
    ent = ent.sort_index()
    net.cache["tie_entities"] = ent
    return ent


def _edges(net: Net) -> pd.DataFrame:
    """Undirected ties ``u < v`` with ``weight`` and ``types``, sorted (cached)."""
    if "tie_edges" in net.cache:
        return net.cache["tie_edges"]
    t = _tie_rows(net)
    a, b = t["a"].to_numpy(dtype=object), t["b"].to_numpy(dtype=object)
    swap = np.array([str(x) > str(y) for x, y in zip(a, b, strict=True)], dtype=bool)
    rows = pd.DataFrame({"u": np.where(swap, b, a), "v": np.where(swap, a, b),
                         "type": t["type"].to_numpy(dtype=object)})
    if len(rows) == 0:
        out = pd.DataFrame({"u": [], "v": [], "weight": [], "types": []}, dtype=object)
        out["weight"] = out["weight"].astype("int64")
    else:
        # the set of types of a pair as a bit mask (a few types: one bit each), then the
        # sorted tuple per mask
        names = sorted(rows["type"].unique())
        rows["bit"] = rows["type"].map({t: 1 << i for i, t in enumerate(names)})
        weight = rows.groupby(["u", "v"], sort=True).size().rename("weight")
        mask = rows.drop_duplicates(["u", "v", "type"]).groupby(
            ["u", "v"], sort=True)["bit"].sum()
        out = pd.concat([weight, mask], axis=1).reset_index()
        out["weight"] = out["weight"].astype("int64")
        tuples = {m: tuple(t for i, t in enumerate(names) if m >> i & 1)
                  for m in out["bit"].unique().tolist()}
        out["types"] = out["bit"].map(tuples)
        out = out.drop(columns="bit")
    net.cache["tie_edges"] = out
    return out


def tie_nodes(G: Any) -> pd.DataFrame:
    """The entities of the tie graph as a table (the nodes of :func:`tie_graph`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id`` (sorted); columns ``label, kind, name, community, area, core``.
    """
    return _entities(as_net(G)).copy()


def tie_edges(G: Any) -> pd.DataFrame:
    """The ties of the tie graph as a table (the edges of :func:`tie_graph`).

    Returns
    -------
    pandas.DataFrame
        Columns ``u, v`` (``u < v``), ``weight`` (number of parallel ties) and ``types``
        (sorted tuple of tie types), sorted by ``u, v``.
    """
    return _edges(as_net(G)).copy()


def tie_graph(G: Any) -> nx.Graph:
    """The tie graph of a network: entities joined by SPEC section 3's ties.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
        The network (as :meth:`Dataset.to_networkx` returns it), or the dataset.

    Returns
    -------
    networkx.Graph
        Undirected; nodes are PartyOrg ids and the ids of Units without their own
        organization, with attributes ``label, kind, name, community, area, core``; edges have
        ``weight`` (int, the number of parallel ties) and ``types`` (sorted tuple of tie
        types, ``TEAM`` for a team tie). Graph attributes ``name``, ``snapshot``,
        ``description`` come from the dataset. Nodes and edges are in sorted order. A new
        graph each call; `G` is not modified.

    Notes
    -----
    Isolated entities (no tie at all) are kept: they are the linkage gap, and they count
    in density and components. Drop them with
    ``T.subgraph([n for n in T if T.degree(n)])`` when a measure should ignore them.

    Examples
    --------
    >>> T = tie_graph(ds)                                         # doctest: +SKIP
    >>> nx.density(T)                                             # doctest: +SKIP
    """
    net = as_net(G)
    ent = _entities(net)
    edges = _edges(net)
    T = nx.Graph(**{k: v for k, v in net.meta.items()})
    cols = [ent[c].to_numpy(dtype=object).tolist() for c in NODE_ATTRS]
    T.add_nodes_from(
        (n, dict(zip(NODE_ATTRS, vals, strict=True)))
        for n, *vals in zip(ent.index.to_numpy(dtype=object).tolist(), *cols, strict=True)
    )
    missing = sorted((set(edges["u"]) | set(edges["v"])) - set(ent.index), key=str)
    for n in missing:  # an endpoint that is not an entity (only in an unvalidated graph)
        T.add_node(n, label=net.label_of.get(n), kind=None, name=str(n), community=None,
                   area=None, core=False)
    T.add_edges_from(
        (u, v, {"weight": int(w), "types": tuple(ts)})
        for u, v, w, ts in zip(edges["u"].to_numpy(dtype=object).tolist(),
                               edges["v"].to_numpy(dtype=object).tolist(),
                               edges["weight"].tolist(), edges["types"].tolist(), strict=True)
    )
    return T
