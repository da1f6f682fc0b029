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

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..network._frames import codes, text_series
from ..rules.linkage import ROLES
from ..settings import settings
from ._analysis import Analysis, analysis, run_starts

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NODE_ATTRS", "circle_roles", "circles", "jurisdiction", "tie_edges", "tie_graph",
           "tie_nodes", "ties"]

#: Node attributes of the tie graph, in this order.
NODE_ATTRS = ("label", "kind", "name", "community", "area", "core")
_TIE_NAMES = (*V.REL_TYPES, V.TEAM_TIE)


def _threshold(sub_core_min_rating: int | None) -> int:
    return settings.resolve(sub_core_min_rating=sub_core_min_rating)["sub_core_min_rating"]


def jurisdiction(G: Any, *, engine: Any = None) -> pd.DataFrame:
    """Jurisdiction members of every community.

    Returns
    -------
    pandas.DataFrame
        Columns ``community`` and ``member`` (a PartyOrg or Unit id), one row per pair,
        sorted; the community's core is never listed as its own member.

    Examples
    --------
    >>> jurisdiction(gk.read_dataset("data/sihui")).head(2).columns.tolist()
    ['community', 'member']
    """
    a = analysis(G, engine)
    j = a.jurisdiction()
    return pd.DataFrame({"community": text_series(a.ids(j.column("community"))),
                         "member": text_series(a.ids(j.column("member")))})


def ties(G: Any, *, engine: Any = None) -> pd.DataFrame:
    """Ties between entities (symmetric: each tie appears as ``(a, b)`` and ``(b, a)``).

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b`` and ``type`` (the relationship type, or ``TEAM``,
        ``vocab.TEAM_TIE``, for a tie through a stationed or volunteer team). Units with
        their own organization are replaced by that organization; self-ties dropped.
        Sorted by ``a, b, type``.

    Examples
    --------
    >>> t = ties(gk.read_dataset("data/sihui"))
    >>> bool((t["a"] != t["b"]).all())
    True
    """
    a = analysis(G, engine)
    rows = a.tie_rows()
    x = rows.column("a").to_numpy()
    y = rows.column("b").to_numpy()
    kind = rows.column("type").to_numpy().astype(np.int64)
    frame = pd.DataFrame({"a": np.concatenate([x, y]), "b": np.concatenate([y, x]),
                          "t": np.concatenate([kind, kind])})
    names = np.array(_TIE_NAMES, dtype=object)
    frame["type"] = names[frame["t"].to_numpy()]
    frame = frame.drop_duplicates(["a", "b", "t"]).sort_values(["a", "b", "type"])
    return pd.DataFrame({
        "a": text_series(a.ids(pa.array(frame["a"].to_numpy()))),
        "b": text_series(a.ids(pa.array(frame["b"].to_numpy()))),
        "type": pd.Series(frame["type"].to_numpy(), dtype=object),
    })


def circle_roles(G: Any, *, sub_core_min_rating: int | None = None,
                 engine: Any = None) -> pd.DataFrame:
    """Every entity's role in the circles of every community with a core (long form).

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
    sub_core_min_rating : int, optional
        Lowest rating for the sub-core circle; default ``settings.sub_core_min_rating``.
    engine : optional
        Where the rules run (default DuckDB).

    Returns
    -------
    pandas.DataFrame
        Columns ``community, member, role, label, name``; ``role`` is one of ``core``,
        ``sub_core``, ``pan_core``, ``unlinked``, ``external``. Sorted by community, role
        (in that order), member.

    Examples
    --------
    >>> roles = circle_roles(gk.read_dataset("data/sihui"))
    >>> roles.loc[0, "role"]
    'core'
    """
    a = analysis(G, engine)
    r = a.roles(_threshold(sub_core_min_rating))
    member = r.column("member")
    labels = a.label_of(member.to_numpy())
    return pd.DataFrame({
        "community": text_series(a.ids(r.column("community"))),
        "member": text_series(a.ids(member)),
        "role": codes(pd.Series(np.array(ROLES, dtype=object)[r.column("role").to_numpy()],
                                dtype=object), ROLES),
        "label": codes(pd.Series(np.array(V.LABELS, dtype=object)[labels], dtype=object),
                       V.LABELS),
        "name": text_series(a.names(member)),
    })


def circle_lists(a: Analysis, threshold: int) -> dict[str, Any]:
    """Per community (codes in id order): ``core`` code (-1 without), the member codes of
    each role as an Arrow list array (``lists``, sorted), the jurisdiction size
    (``members``). Cached on the analysis."""
    def build() -> dict[str, Any]:
        comms = a.communities()
        pos = np.full(a.net.n_nodes, -1, dtype=np.int64)
        pos[comms] = np.arange(len(comms))
        r = a.roles(threshold)
        rc = pos[r.column("community").to_numpy()]
        role = r.column("role").to_numpy()
        member = r.column("member").combine_chunks()
        core = np.full(len(comms), -1, dtype=np.int64)
        is_core = role == 0
        core[rc[is_core]] = member.to_numpy()[is_core]
        lists: dict[str, pa.ListArray] = {}
        for i, name in enumerate(ROLES[1:], start=1):
            mask = role == i
            counts = np.bincount(rc[mask], minlength=len(comms))
            offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
            lists[name] = pa.ListArray.from_arrays(
                pa.array(offsets), member.filter(pa.array(mask)))  # rows sorted: in order
        jc = pos[a.jurisdiction().column("community").to_numpy()]
        sizes = np.bincount(jc, minlength=len(comms)) if len(comms) else np.zeros(0, np.int64)
        return {"communities": comms, "core": core, "lists": lists, "members": sizes}

    return a._memo(("circle_lists", threshold), build)


def id_lists(a: Analysis, lists: pa.ListArray) -> pa.ListArray:
    """A list array of node codes as a list array of their ids."""
    return pa.ListArray.from_arrays(lists.offsets, a.net.ids.take(lists.values))


def circles(G: Any, *, sub_core_min_rating: int | None = None,
            engine: Any = None) -> pd.DataFrame:
    """The "one core, two circles" of every community.

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
    sub_core_min_rating : int, optional
        Lowest PartyOrg ``rating`` for the sub-core circle; default
        ``settings.sub_core_min_rating`` (4).
    engine : optional
        Where the rules run (default DuckDB).

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
    >>> c = circles(gk.read_dataset("data/sihui")).set_index("community")
    >>> c.loc["com-001", "name"], c.loc["com-001", "status"]
    ('沙田园社区', 'ok')
    """
    a = analysis(G, engine)
    return circles_frame(a, circle_lists(a, _threshold(sub_core_min_rating)))


def circles_frame(a: Analysis, c: dict[str, Any]) -> pd.DataFrame:
    """The :func:`circles` table from :func:`circle_lists`."""
    ids = a.net.ids
    comms = pa.array(c["communities"], pa.int64())
    core = c["core"]
    out = pd.DataFrame({"community": text_series(ids.take(comms)),
                        "name": text_series(a.names(comms))})
    out["core"] = text_series(ids.take(pa.array(core, mask=core < 0)))
    out["status"] = codes(pd.Series(np.where(core >= 0, "ok", "no_core"), dtype=object),
                          ("ok", "no_core"))
    for role in ROLES[1:]:
        out[role] = pd.Series(id_lists(a, c["lists"][role]).to_pylist(), dtype=object)
    out["members"] = pd.Series(c["members"], dtype="int64")
    out["linkage_rate"] = linkage_rates(c)
    return out


def linkage_rates(c: dict[str, Any]) -> np.ndarray:
    """(sub-core + pan-core) / jurisdiction members; 1.0 for none; NaN without a core."""
    linked = (np.diff(c["lists"]["sub_core"].offsets.to_numpy())
              + np.diff(c["lists"]["pan_core"].offsets.to_numpy()))
    members = c["members"]
    rate = np.where(members > 0, linked / np.maximum(members, 1), 1.0)
    return np.where(c["core"] >= 0, rate, np.nan)


# --- the tie graph -------------------------------------------------------------------------


def _entity_frame(a: Analysis) -> pd.DataFrame:
    """Entities (PartyOrgs, Units without their own organization) with their attributes,
    sorted by id, as codes."""
    def build() -> pd.DataFrame:
        net = a.net
        labels = net.label_codes
        own = a._kept("own_orgs", lambda: _own_orgs(a))
        represented = np.zeros(net.n_nodes, dtype=bool)
        represented[own.column("unit").to_numpy()] = True
        org, unit = V.LABELS.index(V.PARTY_ORG), V.LABELS.index(V.UNIT)
        ent = np.flatnonzero((labels == org) | ((labels == unit) & ~represented))
        big = np.iinfo(np.int64).max
        community, area = _places(a, None)
        core = a.cores()
        core_of = np.full(net.n_nodes, -1, dtype=np.int64)
        core_of[core.column("community").to_numpy()] = core.column("core").to_numpy()
        comm_e = community[ent]
        is_core = np.where(comm_e < big, core_of[np.minimum(comm_e, net.n_nodes - 1)], -2) == ent
        return pd.DataFrame({"node": ent, "community": comm_e, "area": area[ent],
                             "core": is_core})

    return a._memo("tie_entities", build)


def _places(a: Analysis, want: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Community and area codes per node code (int64's maximum for none) of the tie
    graph's entities: of every node, or only of the nodes where the mask `want` is true
    (the rows of the other nodes left out: :func:`org_places` needs a few organizations)."""
    net = a.net
    labels = net.label_codes
    own = a._kept("own_orgs", lambda: _own_orgs(a))
    own_org, own_unit = own.column("org").to_numpy(), own.column("unit").to_numpy()

    def rows(codes: np.ndarray) -> np.ndarray | slice:
        return slice(None) if want is None else want[codes]

    big = np.iinfo(np.int64).max
    community = np.full(net.n_nodes, big, dtype=np.int64)
    j = a.jurisdiction()
    member = j.column("member").to_numpy()
    at = rows(member)
    np.minimum.at(community, member[at], j.column("community").to_numpy()[at])
    e = net.edges
    src = e.column("source").to_numpy()
    tgt = e.column("target").to_numpy()
    types = e.column("type").combine_chunks().indices.to_numpy()
    belongs = types == V.REL_TYPES.index(V.BELONGS_TO)
    if want is not None:
        belongs &= want[src]
    comm_lab, area_lab = V.LABELS.index(V.COMMUNITY), V.LABELS.index(V.AREA)
    home_c = belongs & (labels[tgt] == comm_lab)
    np.minimum.at(community, src[home_c], tgt[home_c])
    ca = a.community_area()
    area_of_comm = np.full(net.n_nodes, big, dtype=np.int64)
    area_of_comm[ca.column("community").to_numpy()] = ca.column("area").to_numpy()
    area = np.full(net.n_nodes, big, dtype=np.int64)
    has_c = community < big
    area[has_c] = area_of_comm[community[has_c]]
    direct = np.full(net.n_nodes, big, dtype=np.int64)
    place = a.unit_place()
    pu = place.column("unit").to_numpy()
    at = slice(None)
    if want is not None:  # the wanted nodes and the units of wanted organizations
        with_units = want.copy()
        with_units[own_unit[want[own_org]]] = True
        at = with_units[pu]
    unit_area = pc.fill_null(place.column("area").cast(pa.int64()), big).to_numpy()
    np.minimum.at(direct, pu[at], unit_area[at])
    at = rows(own_org)
    np.minimum.at(direct, own_org[at], direct[own_unit[at]])
    home_a = belongs & (labels[tgt] == area_lab)
    np.minimum.at(direct, src[home_a], tgt[home_a])
    return community, np.where(area < big, area, direct)


def org_places(a: Analysis, orgs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Community and area codes (-1 for none) of PartyOrg codes `orgs`, as
    :func:`entity_places` has them, computed for these organizations only."""
    want = np.zeros(a.net.n_nodes, dtype=bool)
    want[orgs] = True
    big = np.iinfo(np.int64).max
    community, area = (np.where(v < big, v, -1)[orgs] for v in _places(a, want))
    return community, area


def entity_codes(a: Analysis) -> np.ndarray:
    """Node codes of the tie graph's entities, sorted (row ``i`` of :func:`tie_nodes`)."""
    return _entity_frame(a)["node"].to_numpy()


def entity_places(a: Analysis) -> tuple[np.ndarray, np.ndarray]:
    """Community and area codes of every node that is a tie-graph entity (-1 for none and
    for the other nodes), as :func:`tie_nodes` has them."""
    def build() -> tuple[np.ndarray, np.ndarray]:
        ent = _entity_frame(a)
        big = np.iinfo(np.int64).max
        out = []
        for col in ("community", "area"):
            codes = np.full(a.net.n_nodes, -1, dtype=np.int64)
            v = ent[col].to_numpy()
            codes[ent["node"].to_numpy()] = np.where(v < big, v, -1)
            out.append(codes)
        return out[0], out[1]

    return a._memo("entity_places", build)


def _own_orgs(a: Analysis) -> Any:
    from ..rules.linkage import own_orgs

    return own_orgs(a.t)


def _type_bits() -> tuple[np.ndarray, list[str]]:
    """Each tie type code's bit (bits in alphabetical order of the type names), and the
    names in that order."""
    names = np.array(_TIE_NAMES)
    order = np.argsort(names)
    bit_of = np.zeros(len(names), dtype=np.int64)
    bit_of[order] = 1 << np.arange(len(names))
    return bit_of, [str(names[i]) for i in order]


def tie_pairs(a: Analysis) -> dict[str, np.ndarray]:
    """The undirected ties as integer arrays: node codes ``u < v``, ``weight`` (the number
    of parallel ties) and ``bits`` (the tie types present, one bit per type in alphabetical
    order of the names), sorted by ``u, v``. Cached on the analysis; the tie graph
    (:func:`tie_edges`) and the network measures both read it."""
    def build() -> dict[str, np.ndarray]:
        rows = a.tie_rows()
        x = rows.column("a").to_numpy().astype(np.int64)
        y = rows.column("b").to_numpy().astype(np.int64)
        t = rows.column("type").to_numpy().astype(np.int64)
        u, v = np.minimum(x, y), np.maximum(x, y)
        key = u * max(a.net.n_nodes, 1) + v
        by = np.argsort(key, kind="stable")
        key = key[by]
        starts = run_starts(key)
        bit_of, _ = _type_bits()
        return {
            "u": u[by][starts], "v": v[by][starts],
            "weight": np.diff(np.r_[starts, len(key)]).astype(np.int64),
            "bits": np.bitwise_or.reduceat(bit_of[t[by]], starts) if len(starts) else
            np.zeros(0, dtype=np.int64),
        }

    return a._memo("tie_pairs", build)


def _edge_frame(a: Analysis) -> pd.DataFrame:
    """Undirected ties ``u < v`` (codes) with ``weight`` and ``types``, sorted."""
    def build() -> pd.DataFrame:
        p = tie_pairs(a)
        _, sorted_names = _type_bits()
        masks, at = np.unique(p["bits"], return_inverse=True)
        tuples = np.empty(len(masks), dtype=object)
        tuples[:] = [tuple(n for i, n in enumerate(sorted_names) if m >> i & 1)
                     for m in masks.tolist()]
        return pd.DataFrame({"u": p["u"], "v": p["v"], "weight": p["weight"],
                             "types": pd.Series(tuples[at], dtype=object)})

    return a._memo("tie_edges", build)


def tie_nodes(G: Any, *, engine: Any = None) -> pd.DataFrame:
    """The entities of the tie graph as a table (the nodes of :func:`tie_graph`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id`` (sorted); columns ``label, kind, name, community, area, core``.

    Examples
    --------
    >>> tie_nodes(gk.read_dataset("data/sihui")).loc["org-0008", "core"]
    np.True_
    """
    a = analysis(G, engine)
    ent = _entity_frame(a)
    net = a.net
    codes = pa.array(ent["node"].to_numpy())
    big = np.iinfo(np.int64).max

    def ids_or_none(c: np.ndarray) -> pd.Series:
        # one Python string per community (area), shared by its entities' rows
        known, at = np.unique(np.where(c < big, c, 0), return_inverse=True)
        words = text_series(net.ids.take(pa.array(known, pa.int64()))).to_numpy()
        return pd.Series(words[at], dtype=object).where(c < big, None)

    out = pd.DataFrame({
        "label": pd.Series(np.array(V.LABELS, dtype=object)[net.label_codes[ent["node"]]],
                           dtype=object),
        "kind": text_series(net.nodes.column("kind").take(codes)),
        "name": text_series(net.nodes.column("name").take(codes)),
        "community": ids_or_none(ent["community"].to_numpy()),
        "area": ids_or_none(ent["area"].to_numpy()),
        "core": pd.Series(ent["core"].to_numpy(), dtype=bool),
    })
    out.index = pd.Index(text_series(net.ids.take(codes)).to_numpy(dtype=object), dtype=object,
                         name="id")
    for col in ("community", "area"):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def tie_edges(G: Any, *, engine: Any = None) -> pd.DataFrame:
    """The ties of the tie graph as a table (the edges of :func:`tie_graph`).

    Returns
    -------
    pandas.DataFrame
        Columns ``u, v`` (``u < v``), ``weight`` (number of parallel ties) and ``types``
        (sorted tuple of tie types), sorted by ``u, v``.

    Examples
    --------
    >>> tie_edges(gk.read_dataset("data/sihui")).columns.tolist()
    ['u', 'v', 'weight', 'types']
    """
    a = analysis(G, engine)
    e = _edge_frame(a)
    ids = a.net.ids
    return pd.DataFrame({
        "u": text_series(ids.take(pa.array(e["u"].to_numpy()))),
        "v": text_series(ids.take(pa.array(e["v"].to_numpy()))),
        "weight": e["weight"].to_numpy(dtype=np.int64),
        "types": pd.Series(e["types"].tolist(), dtype=object),
    })


def tie_graph(G: Any, *, engine: Any = None) -> nx.Graph:
    """The tie graph of a network: entities joined by SPEC section 3's ties.

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
        The network, or the dataset.

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
    >>> T = tie_graph(gk.read_dataset("data/sihui"))
    >>> T.edges["org-0008", "org-0292"]
    {'weight': 2, 'types': ('CO_BUILDS', 'REPORTS_TO')}
    """
    ds_meta = G.meta if hasattr(G, "meta") else {k: G.graph.get(k) for k in
                                                 ("name", "snapshot", "description")}
    nodes = tie_nodes(G, engine=engine)
    edges = tie_edges(G, engine=engine)
    import networkx as nx

    T = nx.Graph(**dict(ds_meta))
    cols = [nodes[c].to_numpy(dtype=object).tolist() for c in NODE_ATTRS]
    T.add_nodes_from(
        (n, dict(zip(NODE_ATTRS, [*vals[:5], bool(vals[5])], strict=True)))
        for n, *vals in zip(nodes.index.tolist(), *cols, strict=True))
    T.add_edges_from(
        (u, v, {"weight": int(w), "types": tuple(ts)})
        for u, v, w, ts in zip(edges["u"].tolist(), edges["v"].tolist(),
                               edges["weight"].tolist(), edges["types"].tolist(), strict=True))
    return T


