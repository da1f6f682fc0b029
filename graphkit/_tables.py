"""Normalized tables behind the analyses, built once per network and cached.

Analyses accept a :class:`networkx.MultiDiGraph` (or a :class:`~graphkit.Dataset`) and work
on these frames with pandas joins, so an audit scales with the number of rows rather
than with per-node Python loops.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import vocab as V

__all__ = ["Net", "as_net"]


class Net:
    """Node and edge frames of one network with derived lookups (all cached)."""

    def __init__(self, nodes: pd.DataFrame, edges: pd.DataFrame, *, meta: dict[str, Any]):
        self.nodes = nodes
        self.edges = edges
        self.meta = meta
        #: results derived from these tables by the analyses (they never change)
        self.cache: dict[str, Any] = {}

    @classmethod
    def from_graph(cls, G: nx.MultiDiGraph) -> Net:
        ids, labels, names, kinds, members, ratings = [], [], [], [], [], []
        for n, d in G.nodes(data=True):
            label = d.get("label", "")
            ids.append(n)
            labels.append(label)
            names.append(str(d.get("name", n)))
            kind = d.get("kind") or (V.default_kind(label) if label in V.KINDS else "")
            kinds.append(kind)
            members.append(int(d.get("members") or 0))
            ratings.append(int(d.get("rating") or 0))
        nodes = pd.DataFrame({
            "id": pd.Series(ids, dtype=object), "label": pd.Series(labels, dtype=object),
            "name": pd.Series(names, dtype=object), "kind": pd.Series(kinds, dtype=object),
            "members": pd.Series(members, dtype="int64"),
            "rating": pd.Series(ratings, dtype="int64"),
        })
        if G.is_multigraph():
            rows = [(u, v, d.get("type", k), d.get("mode", "") or "")
                    for u, v, k, d in G.edges(keys=True, data=True)]
        else:
            rows = [(u, v, d.get("type", ""), d.get("mode", "") or "")
                    for u, v, d in G.edges(data=True)]
        edges = pd.DataFrame(rows, columns=["source", "target", "type", "mode"], dtype=object)
        meta = {k: G.graph.get(k) for k in ("name", "snapshot", "description")}
        return cls(nodes, edges, meta=meta)

    # --- lookups ---------------------------------------------------------------------
    @cached_property
    def node_index(self) -> pd.DataFrame:
        """Nodes indexed by id (first row wins on a duplicate id).

        The index is kept ``object`` dtype: pandas >= 3 would make it an Arrow string
        index, and every lookup of ``object`` ids in it would convert the ids first."""
        first = self.nodes.drop_duplicates("id")
        ids = pd.Index(first["id"].to_numpy(dtype=object), dtype=object, name="id")
        return first.drop(columns="id").set_axis(ids)

    @cached_property
    def label_of(self) -> pd.Series:
        return self.node_index["label"]

    @cached_property
    def _labels_by_position(self) -> np.ndarray:
        """Node labels by position in :attr:`node_index`, then ``""`` (what position -1,
        an id that is no node, picks)."""
        return np.append(self.label_of.to_numpy(dtype=object), "")

    def _labels(self, ids: pd.Series) -> np.ndarray:
        """The label of each id (``""`` for an id that is no node), as an array."""
        return self._labels_by_position[self.node_index.index.get_indexer(ids)]

    def ids(self, label: str) -> pd.Series:
        return self.nodes.loc[self.nodes["label"] == label, "id"]

    @cached_property
    def _by_type(self) -> dict[str, pd.DataFrame]:
        return {t: g for t, g in self.edges.groupby("type", sort=False)}

    def of_type(self, rel: str, source: str | None = None, target: str | None = None
                ) -> pd.DataFrame:
        """Edges of type `rel`, optionally restricted to source/target labels."""
        e = self._by_type.get(rel)
        if e is None:
            return self.edges.iloc[0:0]
        if source is not None:
            e = e[self._labels(e["source"]) == source]
        if target is not None:
            e = e[self._labels(e["target"]) == target]
        return e

    @cached_property
    def compound_community(self) -> pd.Series:
        """Compound id -> its community (smallest id when several)."""
        e = self.of_type(V.PART_OF, V.COMPOUND, V.COMMUNITY)
        return e.sort_values("target").drop_duplicates("source").set_index("source")["target"]

    @cached_property
    def community_area(self) -> pd.Series:
        """Community id -> its area (smallest id when several)."""
        e = self.of_type(V.PART_OF, V.COMMUNITY, V.AREA)
        return e.sort_values("target").drop_duplicates("source").set_index("source")["target"]

    @cached_property
    def unit_place(self) -> pd.DataFrame:
        """Units with their ``community`` and ``area`` (None when unknown), indexed by id.

        Worked on ``object`` arrays with position lookups: a million units go through
        three lookups, and pandas would turn each intermediate Series into Arrow strings."""
        first = self.nodes.loc[self.nodes["label"] == V.UNIT, ["id", "name", "kind", "members"]]
        first = first.drop_duplicates("id")
        ids = first["id"].to_numpy(dtype=object)
        units = first.drop(columns="id").set_axis(pd.Index(ids, dtype=object, name="id"))
        located = self.of_type(V.LOCATED_IN).drop_duplicates("source")
        loc = _lookup(located["source"], located["target"], ids)
        where = self._labels(loc)
        community = np.where(where == V.COMMUNITY, loc, None)
        in_compound = where == V.COMPOUND
        cc = self.compound_community
        community[in_compound] = _lookup(cc.index, cc, loc[in_compound])
        ca = self.community_area
        area = _lookup(ca.index, ca, community)
        direct = (where == V.AREA) & pd.isna(area)
        area[direct] = loc[direct]
        units["community"] = pd.Series(community, index=units.index, dtype=object)
        units["area"] = pd.Series(area, index=units.index, dtype=object)
        return units

    @cached_property
    def own_orgs(self) -> pd.DataFrame:
        """``(org, unit)`` pairs: PartyOrgs that BELONGS_TO a unit (its own organization)."""
        e = self.of_type(V.BELONGS_TO, V.PARTY_ORG, V.UNIT)
        return pd.DataFrame({"org": e["source"].to_numpy(), "unit": e["target"].to_numpy()})

    @cached_property
    def cores(self) -> pd.Series:
        """Community id -> its core PartyOrg (highest kind, then smallest id)."""
        e = self.of_type(V.BELONGS_TO, V.PARTY_ORG, V.COMMUNITY)
        frame = pd.DataFrame({"org": e["source"].to_numpy(), "community": e["target"].to_numpy()})
        frame["rank"] = frame["org"].map(self.node_index["kind"]).map(V.ORG_KIND_RANK).fillna(-1)
        frame = frame.sort_values(["community", "rank", "org"], ascending=[True, False, True])
        return frame.drop_duplicates("community").set_index("community")["org"]

    def represent(self, ids: pd.Series) -> pd.DataFrame:
        """Map entity ids to their representatives: a Unit with its own organization(s)
        becomes that organization (one row each); anything else stays itself.

        Returns a frame with columns ``orig`` and ``rep`` (index of `ids` preserved in a
        column ``pos``)."""
        frame = pd.DataFrame({"pos": ids.index, "orig": ids.to_numpy()})
        merged = frame.merge(self.own_orgs, how="left", left_on="orig", right_on="unit")
        merged["rep"] = merged["org"].where(merged["org"].notna(), merged["orig"])
        return merged[["pos", "orig", "rep"]]


def _lookup(keys: pd.Index | pd.Series, values: pd.Series, query: np.ndarray) -> np.ndarray:
    """``values`` at the first position of each ``query`` item among the (unique) ``keys``,
    as an object array; None where the item is not a key."""
    at = pd.Index(np.asarray(keys, dtype=object), dtype=object).get_indexer(query)
    return np.append(values.to_numpy(dtype=object), None)[at]


def as_net(obj: Any) -> Net:
    """The :class:`Net` of a graph, a Dataset or a Net (cached on a Dataset)."""
    if isinstance(obj, Net):
        return obj
    net = getattr(obj, "_net", None)
    if isinstance(net, Net):
        return net
    if isinstance(obj, nx.Graph):
        return Net.from_graph(obj)
    raise TypeError(
        f"expected a networkx graph or a graphkit Dataset, got {type(obj).__name__}"
    )
