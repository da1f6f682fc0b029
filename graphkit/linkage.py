"""Linkage (SPEC section 3): the "one core, two circles" (一核双圈) of each community, and the
tie graph.

For a community ``c``:

* **core** (一核): the PartyOrg that ``BELONGS_TO`` ``c`` (highest kind, then smallest id);
* **jurisdiction members**: every Unit located in ``c`` or in one of its compounds, every
  PartyOrg that ``BELONGS_TO`` such a unit (which then represents the unit), and every
  PartyOrg that ``BELONGS_TO`` a compound of ``c``;
* **tie**: a ``CO_BUILDS``, ``REPORTS_TO``, ``COVERS`` or ``MEETS_WITH`` edge in either
  direction, or a Team sent ``FROM`` one entity and ``STATIONED_AT`` a community, which
  ties the sender to that community's Party organizations; a Unit with its own
  organization counts as that organization;
* **sub-core circle** (次核心圈): jurisdiction PartyOrgs with ``rating >=
  sub_core_min_rating`` tied directly to the core;
* **pan-core circle** (泛核心圈): the other jurisdiction members tied to the core or to a
  sub-core member;
* **unlinked**: jurisdiction members in neither circle;
* **external partners**: PartyOrgs or Units outside the jurisdiction tied to the core,
  except the organizations the core ``REPORTS_TO``;
* **linkage rate** = (sub-core + pan-core) / jurisdiction members (1.0 when there are none).

A community with no core has status ``no_core``, empty lists and a missing linkage rate.

Examples
--------
>>> import graphkit as gk
>>> G = gk.read_dataset("data/sihui").to_networkx()            # doctest: +SKIP
>>> gk.circles(G).set_index("community").loc["com-001", "linkage_rate"]   # doctest: +SKIP

The tie graph
-------------
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
from ._frames import text_as_object
from ._tables import Net, as_net
from .settings import settings

__all__ = ["NODE_ATTRS", "circle_roles", "circles", "jurisdiction", "tie_edges", "tie_graph",
           "tie_nodes", "ties"]

_ROLES = ("core", "sub_core", "pan_core", "unlinked", "external")


def jurisdiction(G: Any) -> pd.DataFrame:
    """Jurisdiction members of every community.

    Returns
    -------
    pandas.DataFrame
        Columns ``community`` and ``member`` (a PartyOrg or Unit id), one row per pair,
        sorted; the community's core is never listed as its own member.
    """
    return _jurisdiction(as_net(G)).copy()


def _jurisdiction(net: Net) -> pd.DataFrame:
    """:func:`jurisdiction` computed once per network (cached on it)."""
    if "jurisdiction" in net.cache:
        return net.cache["jurisdiction"]
    place = net.unit_place
    units = place.loc[place["community"].notna(), ["community"]].reset_index(names="unit")
    reps = net.represent(units["unit"])
    units = units.iloc[reps["pos"].to_numpy()].assign(member=reps["rep"].to_numpy())
    in_compound = net.of_type(V.BELONGS_TO, V.PARTY_ORG, V.COMPOUND)
    compound_orgs = pd.DataFrame({
        "community": in_compound["target"].map(net.compound_community).to_numpy(),
        "member": in_compound["source"].to_numpy(),
    }).dropna()
    jur = pd.concat([units[["community", "member"]], compound_orgs], ignore_index=True)
    jur = jur[jur["member"] != jur["community"].map(net.cores)]
    jur = jur.drop_duplicates().sort_values(["community", "member"]).reset_index(drop=True)
    net.cache["jurisdiction"] = text_as_object(jur)
    return net.cache["jurisdiction"]


def ties(G: Any) -> pd.DataFrame:
    """Ties between entities (symmetric: each tie appears as ``(a, b)`` and ``(b, a)``).

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b`` and ``type`` (the relationship type, or ``TEAM``,
        ``vocab.TEAM_TIE``, for a tie through a stationed or volunteer team). Units with
        their own organization are replaced by that organization; self-ties are dropped.
    """
    both = _typed_ties(as_net(G))
    both = both.sort_values(["a", "b", "type"]).reset_index(drop=True)
    return text_as_object(both)


def _tie_pairs(net: Net) -> pd.DataFrame:
    """Distinct ``(a, b)`` tie pairs, both directions, unsorted (cached on the network)."""
    if "tie_pairs" not in net.cache:
        net.cache["tie_pairs"] = _typed_ties(net)[["a", "b"]].drop_duplicates()
    return net.cache["tie_pairs"]


def _tie_rows(net: Net) -> pd.DataFrame:
    """One row ``(a, b, type)`` per underlying tie, as recorded (one direction): each
    relationship of a tie type, and each Team from a sender to each Party organization of
    the community it is stationed at. Representatives applied, self-ties dropped, parallel
    ties kept (the tie graph counts them as its ``weight``). Cached on the network."""
    if "tie_rows" in net.cache:
        return net.cache["tie_rows"]
    parts = []
    for rel in V.TIE_TYPES:
        e = net.of_type(rel)
        if len(e):
            parts.append(pd.DataFrame({"a": e["source"].to_numpy(), "b": e["target"].to_numpy(),
                                       "type": rel}))
    sent = net.of_type(V.FROM)
    stationed = net.of_type(V.STATIONED_AT, V.TEAM, V.COMMUNITY)
    community_orgs = net.of_type(V.BELONGS_TO, V.PARTY_ORG, V.COMMUNITY)
    if len(sent) and len(stationed) and len(community_orgs):
        team = sent[["source", "target"]].rename(columns={"source": "team", "target": "a"})
        team = team.merge(stationed[["source", "target"]].rename(
            columns={"source": "team", "target": "community"}), on="team")
        team = team.merge(community_orgs[["source", "target"]].rename(
            columns={"source": "b", "target": "community"}), on="community")
        parts.append(team[["a", "b"]].assign(type=V.TEAM_TIE))
    if not parts:
        t = pd.DataFrame({"a": [], "b": [], "type": []}, dtype=object)
    else:
        t = pd.concat(parts, ignore_index=True)
        ra = net.represent(t["a"])
        t = t.iloc[ra["pos"].to_numpy()].assign(a=ra["rep"].to_numpy()).reset_index(drop=True)
        rb = net.represent(t["b"])
        t = t.iloc[rb["pos"].to_numpy()].assign(b=rb["rep"].to_numpy()).reset_index(drop=True)
        t = t[t["a"] != t["b"]].reset_index(drop=True)
    net.cache["tie_rows"] = t
    return t


def _typed_ties(net: Net) -> pd.DataFrame:
    t = _tie_rows(net)
    both = pd.concat([t, t.rename(columns={"a": "b", "b": "a"})], ignore_index=True)
    return both.drop_duplicates()


def _roles(net: Net, threshold: int) -> pd.DataFrame:
    """Roles ``(community, member, role)`` per threshold, computed once per network (cached;
    callers must not modify the frame)."""
    key = ("roles", threshold)
    if key not in net.cache:
        net.cache[key] = _compute_roles(net, threshold)
    return net.cache[key]


def _codes(*columns: pd.Series) -> tuple[list[np.ndarray], pd.Index]:
    """One integer code per distinct id across `columns` (and the ids, indexed by code),
    so that the pair tests of :func:`_compute_roles` hash integers instead of strings."""
    arrays = [c.to_numpy(dtype=object) for c in columns]
    codes, uniques = pd.factorize(np.concatenate(arrays) if arrays else np.array([], object))
    cuts = np.cumsum([len(a) for a in arrays])[:-1]
    return np.split(codes.astype(np.int64), cuts), pd.Index(uniques, dtype=object)


def _in(keys: np.ndarray, among: np.ndarray) -> np.ndarray:
    """Which `keys` occur in `among` (integer arrays)."""
    return pd.Series(keys, dtype=np.int64).isin(among).to_numpy()


def _compute_roles(net: Net, threshold: int) -> pd.DataFrame:
    jur = _jurisdiction(net)
    tie = _tie_pairs(net)
    cores = net.cores.rename_axis("community").reset_index(name="core")
    jur = jur[jur["community"].isin(cores["community"])]
    (jc, jm, ta, tb, cc, co), ids = _codes(
        jur["community"], jur["member"], tie["a"], tie["b"], cores["community"], cores["core"])
    n = max(len(ids), 1)
    jur_key = jc * n + jm  # a (community, member) pair as one integer
    ties_ = pd.DataFrame({"a": ta, "b": tb})
    tied_core = ties_.merge(pd.DataFrame({"community": cc, "b": co}), on="b")
    tied_core = tied_core[["community", "a"]].drop_duplicates()
    tc_key = tied_core["community"].to_numpy() * n + tied_core["a"].to_numpy()

    labels = net.label_of
    rating = net.node_index["rating"]
    is_org = (jur["member"].map(labels) == V.PARTY_ORG).to_numpy()
    good = (jur["member"].map(rating).fillna(0) >= threshold).to_numpy()
    in_sub = is_org & good & _in(jur_key, tc_key)
    sub = jur[in_sub]

    tied_sub = ties_.merge(pd.DataFrame({"community": jc[in_sub], "b": jm[in_sub]}), on="b")
    tied_any = np.concatenate([
        tc_key, tied_sub["community"].to_numpy() * n + tied_sub["a"].to_numpy()])
    rest = ~in_sub  # jurisdiction pairs are distinct: the rows not in sub are the rest
    flag = _in(jur_key, tied_any)
    pan = jur[rest & flag]
    unlinked = jur[rest & ~flag]

    # external partners: tied to the core, not the core itself, a PartyOrg or Unit, not in
    # the jurisdiction, not a superior the core REPORTS_TO
    core_of = pd.Series(co, index=cc)
    ext_c = tied_core["community"].to_numpy()
    ext_m = tied_core["a"].to_numpy()
    ext_core = core_of.reindex(ext_c).to_numpy()
    members = ids.take(ext_m) if len(ext_m) else pd.Index([], dtype=object)
    keep = (ext_m != ext_core) & members.map(labels).isin([V.PARTY_ORG, V.UNIT])
    keep &= ~_in(tc_key, jur_key)
    reports = net.of_type(V.REPORTS_TO)
    sup_core = ids.get_indexer(reports["source"])
    sup_member = ids.get_indexer(reports["target"])
    known = (sup_core >= 0) & (sup_member >= 0)
    keep &= ~_in(ext_core * n + ext_m, sup_core[known] * n + sup_member[known])
    ext = pd.DataFrame({
        "community": ids.take(ext_c[keep]) if keep.any() else pd.Index([], dtype=object),
        "member": members[keep] if keep.any() else pd.Index([], dtype=object),
    })

    return pd.concat([
        cores.rename(columns={"core": "member"}).assign(role="core"),
        sub.assign(role="sub_core"), pan.assign(role="pan_core"),
        unlinked.assign(role="unlinked"), ext.assign(role="external"),
    ], ignore_index=True)


def circle_roles(G: Any, *, sub_core_min_rating: int | None = None) -> pd.DataFrame:
    """Every entity's role in the circles of every community with a core (long form).

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    sub_core_min_rating : int, optional
        Lowest rating for the sub-core circle; default ``settings.sub_core_min_rating``.

    Returns
    -------
    pandas.DataFrame
        Columns ``community, member, role, label, name``; ``role`` is one of ``core``,
        ``sub_core``, ``pan_core``, ``unlinked``, ``external``. Sorted by community, role
        (in that order), member.

    Examples
    --------
    >>> roles = circle_roles(G)                                  # doctest: +SKIP
    >>> roles[roles["role"] == "sub_core"].head()               # doctest: +SKIP
    """
    threshold = settings.resolve(sub_core_min_rating=sub_core_min_rating)["sub_core_min_rating"]
    net = as_net(G)
    roles = _roles(net, threshold).copy()
    roles["label"] = roles["member"].map(net.label_of)
    roles["name"] = roles["member"].map(net.node_index["name"])
    order = {r: i for i, r in enumerate(_ROLES)}
    roles["_o"] = roles["role"].map(order)
    roles = roles.sort_values(["community", "_o", "member"]).drop(columns="_o")
    cols = ["community", "member", "role", "label", "name"]
    return text_as_object(roles.reset_index(drop=True)[cols])


def _lists_by(roles: pd.DataFrame) -> pd.Series:
    """Members per community as lists (`roles` sorted by community, then member)."""
    keys = roles["community"].to_numpy(dtype=object)
    members = roles["member"].to_numpy(dtype=object)
    if len(keys) == 0:
        return pd.Series(dtype=object)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    chunks = np.split(members, starts[1:])
    return pd.Series([c.tolist() for c in chunks], index=keys[starts], dtype=object)


def circles(G: Any, *, sub_core_min_rating: int | None = None) -> pd.DataFrame:
    """The "one core, two circles" of every community.

    Parameters
    ----------
    G : networkx.MultiDiGraph or Dataset
    sub_core_min_rating : int, optional
        Lowest PartyOrg ``rating`` for the sub-core circle; default
        ``settings.sub_core_min_rating`` (4).

    Returns
    -------
    pandas.DataFrame
        One row per community, sorted by id: ``community, name, core, status`` (``ok`` or
        ``no_core``), ``sub_core, pan_core, unlinked, external`` (sorted lists of ids),
        ``members`` (jurisdiction size) and ``linkage_rate`` (``NaN`` without a core).

    Notes
    -----
    linkage_rate = (|sub-core| + |pan-core|) / |jurisdiction|, and 1.0 for an empty
    jurisdiction. The model is the "party-building integration circle" of Sihui city
    (黎庆文, 四会市委组织部); see ``DOMAIN.md``.

    Examples
    --------
    >>> c = circles(G)                                            # doctest: +SKIP
    >>> c[["community", "status", "linkage_rate"]].head()        # doctest: +SKIP
    """
    threshold = settings.resolve(sub_core_min_rating=sub_core_min_rating)["sub_core_min_rating"]
    net = as_net(G)
    roles = _roles(net, threshold).sort_values(["community", "member"])
    comms = net.nodes.loc[net.nodes["label"] == V.COMMUNITY, ["id", "name"]]
    comms = comms.drop_duplicates("id").sort_values("id")
    lists = {role: _lists_by(roles[roles["role"] == role]) for role in _ROLES[1:]}
    out = pd.DataFrame({"community": comms["id"].to_numpy(), "name": comms["name"].to_numpy()})
    core = out["community"].map(net.cores)
    out["core"] = core.astype(object).where(core.notna(), None)
    out["status"] = np.where(out["core"].isna(), "no_core", "ok")
    for role in _ROLES[1:]:
        got = out["community"].map(lists[role])
        out[role] = [sorted(v) if isinstance(v, list) else [] for v in got]
    linked = out["sub_core"].map(len) + out["pan_core"].map(len)
    sizes = _jurisdiction(net)["community"].value_counts()
    out["members"] = out["community"].map(sizes).fillna(0).astype("int64")
    rate = np.where(out["members"] > 0, linked / out["members"].clip(lower=1), 1.0)
    out["linkage_rate"] = np.where(out["status"] == "ok", rate, np.nan)
    return text_as_object(out)


# --- the tie graph -----------------------------------------------------------------


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
