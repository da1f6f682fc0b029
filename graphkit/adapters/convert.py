"""Graph files for Gephi and Cytoscape: GraphML and GEXF, Chinese text kept as UTF-8.

A node's ``label`` in the file is its name (what Gephi and Cytoscape show); its graphkit
label (``Unit``, ``PartyOrg``, ...) is ``node_type``. Each node also carries the audit's
results: ``community``/``community_name``, ``area``/``area_name``, ``coverage_status``
(units), ``circle_role`` (core, sub_core, pan_core, unlinked, external) and the linkage
rate of its community (``linkage_rate``), with Chinese ``_zh`` columns beside the codes.

Examples
--------
>>> import graphkit as gk
>>> from graphkit.convert import read_graph, write_graph
>>> path = write_graph(gk.read_dataset("data/sihui"), "sihui.gexf")   # doctest: +SKIP
>>> gk.Dataset.from_networkx(read_graph(path))                         # doctest: +SKIP
"""

from __future__ import annotations

import io
import math
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .. import vocab as V
from ..analysis._layout import node_sizes, tie_layout
from ..analysis._node_results import node_results, unit_of_org
from ..analysis.linkage import tie_graph
from ..errors import GraphkitError, UsageError
from ..messages import t as _t  # `t` is a local name here
from ..network._atomic import write_atomic
from ..network._text import visible
from ..network.dataset import Dataset

__all__ = ["COMPUTED_NODE_ATTRS", "GRAPH_FORMATS", "read_graph", "write_graph",
           "write_organizations"]

#: File suffixes :func:`write_graph` understands.
GRAPH_FORMATS = (".graphml", ".gexf")
#: Node attributes :func:`write_graph` adds (and :func:`read_graph` drops again).
COMPUTED_NODE_ATTRS = (
    "node_type", "node_type_zh", "community", "community_name", "area", "area_name",
    "coverage_status", "coverage_status_zh", "circle_role", "circle_role_zh", "linkage_rate",
)
#: Names GEXF gives a meaning of its own (networkx's writer reads them as the node or
#: edge id, label, parent, weight, direction, time spells or visual attributes), and names
#: networkx's readers pass as keyword arguments (a file holding them could not be read).
_GEXF_NODE = frozenset({"id", "label", "pid", "start", "end", "spells", "viz",
                        "node_for_adding"})
_GEXF_EDGE = frozenset({"id", "label", "weight", "type", "start", "end", "spells", "viz",
                        "key", "relationship", "networkx_key", "u_of_edge", "v_of_edge"})
_GRAPHML_NODE = frozenset({"label", "node_for_adding"})
_GRAPHML_EDGE = frozenset({"key"})


def _value(v: Any) -> Any:
    """A value a graph file can hold: text without control characters; None for missing."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        v = v.item()
    if isinstance(v, str):
        return visible(v)
    if isinstance(v, (bool, int, float)):
        return v
    return visible(v)


def _free(name: str, taken: set[str] | frozenset[str]) -> str:
    """`name`, or `name` with ``_`` appended until it is not in `taken`."""
    while name in taken:
        name += "_"
    return name


def _graph(ds: Dataset, suffix: str, results: bool) -> nx.MultiDiGraph:
    """The graph written to the file (built from the tables, never through keyword
    arguments: a column named ``key`` or ``node_for_adding`` is a plain attribute)."""
    gexf = suffix == ".gexf"
    node_reserved = (_GEXF_NODE if gexf else _GRAPHML_NODE) | set(COMPUTED_NODE_ATTRS)
    edge_reserved = _GEXF_EDGE if gexf else _GRAPHML_EDGE
    nodes, edges = ds.nodes, ds.edges
    extras = [c for c in nodes.columns if c not in V.NODE_COLUMNS]
    renamed = {c: _free(visible(c), node_reserved | set(V.NODE_COLUMNS)) for c in extras}
    res = node_results(ds) if results else {}
    meta = {k: _value(v) for k, v in ds.meta.items() if _value(v) is not None}
    H = nx.MultiDiGraph(**meta)
    cols = {c: nodes[c].tolist() for c in nodes.columns}
    ids = [visible(i) for i in cols["id"]]
    if len(set(ids)) != len(ids):
        raise UsageError(_t("convert.ids_collide"))
    for i, node_id in enumerate(ids):
        label = cols["label"][i]
        d: dict[str, Any] = {
            "label": _value(cols["name"][i]) or node_id, "name": _value(cols["name"][i]),
            "kind": _value(cols["kind"][i]), "members": _value(cols["members"][i]),
            "node_type": label, "node_type_zh": V.LABEL_NAMES_ZH.get(label, label)}
        if label == V.PARTY_ORG:
            d["rating"] = _value(cols["rating"][i])
            d["joint"] = bool(cols["joint"][i])
        for c in extras:
            v = _value(cols[c][i])
            if v is not None:
                d[renamed[c]] = v
        d.update(res.get(cols["id"][i], {}))  # names of its community and street too
        H.add_nodes_from([(node_id, {k: _value(v) for k, v in d.items()
                                     if _value(v) is not None})])
    ecols = {c: edges[c].tolist() for c in edges.columns}
    eextras = [c for c in edges.columns if c not in V.EDGE_COLUMNS]
    type_key = "relationship" if gexf else "type"
    erenamed = {c: _free(visible(c), edge_reserved | set(V.EDGE_COLUMNS)) for c in eextras}
    for i in range(len(edges)):
        u, v, t = visible(ecols["source"][i]), visible(ecols["target"][i]), ecols["type"][i]
        d = {type_key: t}
        for c in ("mode", "since"):
            if ecols[c][i]:
                d[c] = _value(ecols[c][i])
        for c in eextras:
            val = _value(ecols[c][i])
            if val is not None:
                d[erenamed[c]] = val
        key = t if not H.has_edge(u, v, t) else f"{t}|{d.get('mode') or i}"
        if gexf:
            d["id"] = f"{u}|{key}|{v}"
        H.add_edge(u, v, key=key)
        H.edges[u, v, key].update(d)
    return H


def write_graph(G: Any, path: str | os.PathLike[str], *, results: bool = True) -> Path:
    """Write a network to a GraphML or GEXF file for Gephi or Cytoscape.

    The format follows the suffix. Node ``label`` is the name; ``node_type`` the graphkit
    label; the other node columns (``kind``, ``members``, ...) and edge columns (``type``,
    ``mode``, ...) are typed attributes, and with `results` each node carries the audit's
    results (see the module docstring). GEXF reserves some names: there the relationship
    type is the edge attribute ``relationship``, the edge id is ``source|TYPE|target``, and
    a data column named like a reserved name (``start``, ``end``, ``weight``, ``key``,
    ``relationship``, ...) gets a ``_`` appended rather than changing the file's meaning
    (``start`` would make the graph dynamic). Control characters in text are shown as their
    Unicode pictures ("␋"): XML forbids them. The file is checked to parse, and written
    whole or not at all.

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
        A dataset, or a graph shaped like :meth:`graphkit.Dataset.to_networkx` output.
    path : path
    results : bool, default True

    Raises
    ------
    UsageError
        For a suffix other than ``.graphml`` or ``.gexf``.
    ValidationError
        When `G` is a graph that breaks a rule of SPEC section 1.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in GRAPH_FORMATS:
        raise UsageError(_t("convert.suffix", name=target.name))
    ds = G if isinstance(G, Dataset) else Dataset.from_networkx(G)
    H = _graph(ds, suffix, results)
    buf = io.BytesIO()
    if suffix == ".graphml":
        nx.write_graphml(H, buf, encoding="utf-8", named_key_ids=True)
    else:
        nx.write_gexf(H, buf, encoding="utf-8")
    return _write_checked(target, suffix, buf.getvalue())


def _write_checked(target: Path, suffix: str, data: bytes) -> Path:
    """Write `data` (a graph file) whole or not at all, once it is known to parse (and, for
    GEXF, to be static)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:  # never expected: text was made XML-safe above
        raise GraphkitError(_t("convert.would_not_parse", name=target.name, suffix=suffix,
                              detail=exc)) from exc
    if suffix == ".gexf":
        graph = root.find("{*}graph")
        if graph is not None and graph.get("mode") != "static":
            raise GraphkitError(_t("convert.dynamic", name=target.name))
    return write_atomic(target, data)


#: Spread of the positions in an organizations file: Gephi's canvas units.
_GEXF_SCALE = 1000.0


def _rgb(color: str) -> dict[str, int]:
    h = color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16)}


def write_organizations(G: Any, path: str | os.PathLike[str], *, seed: int = 0) -> Path:
    """Write the tie network of organizations and units for Gephi: a GEXF file of the tie
    graph (:func:`graphkit.tie_graph`: every PartyOrg and every Unit without an
    organization of its own, no Person, no place) with the audit's results, positions and
    colours.

    Each node has ``label`` (its name), ``node_type``, ``kind``, ``members``, ``rating``
    (organizations), ``unit`` (the unit an organization belongs to), the audit's results
    (``community``, ``area`` and their names, ``circle_role``, ``coverage_status``,
    ``linkage_rate``, with ``_zh`` names) and ``degree``; its ``viz`` position comes from
    the seeded force layout the figures and the notebook view use (:func:`graphkit.view`),
    its colour from :data:`graphkit.vocab.ROLE_COLORS` (its circle role in its own
    community; grey, :data:`graphkit.vocab.SCORE_MISSING`, for an entity of no circle) and
    its size from its degree. An edge is a tie: ``weight`` (parallel ties), ``types`` and
    ``types_zh``.

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
    path : path
        Must end in ``.gexf``.
    seed : int, default 0
        Seed of the layout.

    Raises
    ------
    UsageError
        For another suffix.

    Examples
    --------
    >>> import graphkit as gk
    >>> write_organizations(gk.read_dataset("data/sihui"), "ties.gexf")   # doctest: +SKIP
    """
    target = Path(path)
    if target.suffix.lower() != ".gexf":
        raise UsageError(_t("convert.organizations_gexf", name=target.name))
    ds = G if isinstance(G, Dataset) else Dataset.from_networkx(G)
    T = tie_graph(ds)
    order = sorted(T.nodes, key=str)
    H = nx.Graph()
    H.add_nodes_from(order)
    H.add_weighted_edges_from(sorted((min(u, v), max(u, v), d.get("weight", 1))
                                     for u, v, d in T.edges(data=True)))
    pos = tie_layout(H, seed)
    sizes = node_sizes([T.degree(n) for n in order])
    res = node_results(ds)
    units = unit_of_org(ds)
    info = ds.nodes.set_index("id")
    F = nx.Graph(**{k: _value(v) for k, v in ds.meta.items() if _value(v) is not None})
    for n, size in zip(order, sizes, strict=True):
        d = T.nodes[n]
        r = res.get(n, {})
        role = r.get("circle_role")
        attrs: dict[str, Any] = {
            "label": _value(d.get("name")) or visible(n), "node_type": d.get("label"),
            "node_type_zh": V.LABEL_NAMES_ZH.get(d.get("label"), d.get("label")),
            "kind": _value(d.get("kind")), "members": _value(info.at[n, "members"]),
            "degree": T.degree(n), **{k: _value(v) for k, v in r.items()}}
        if d.get("label") == V.PARTY_ORG:
            attrs["rating"] = _value(info.at[n, "rating"])
            attrs["unit"] = units.get(n)
        x, y = pos[n]
        attrs["viz"] = {
            "color": {**_rgb(V.ROLE_COLORS.get(role or "", V.SCORE_MISSING)), "a": 1.0},
            "size": round(float(size), 2),
            "position": {"x": round(float(x) * _GEXF_SCALE, 2),
                         "y": round(float(y) * _GEXF_SCALE, 2), "z": 0.0}}
        F.add_node(visible(n), **{k: v for k, v in attrs.items() if v is not None})
    for u, v, d in sorted(T.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        types = d.get("types", ())
        F.add_edge(visible(u), visible(v), weight=int(d.get("weight", 1)),
                   types="、".join(types),
                   types_zh="、".join(V.TIE_NAMES_ZH.get(t, t) for t in types))
    buf = io.BytesIO()
    nx.write_gexf(F, buf, encoding="utf-8")
    return _write_checked(target, ".gexf", buf.getvalue())


def read_graph(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a file written by :func:`write_graph` back into the shape of
    :meth:`graphkit.Dataset.to_networkx` (node ``label`` is the graphkit label again, the
    audit's results and the renamed columns' ``_`` are dropped).

    Examples
    --------
    >>> G = read_graph("sihui.graphml")                           # doctest: +SKIP
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix == ".graphml":
        F = nx.read_graphml(source, force_multigraph=True)
        node_reserved, edge_reserved, type_key = _GRAPHML_NODE, _GRAPHML_EDGE, "type"
    elif suffix == ".gexf":
        F = nx.read_gexf(source)
        node_reserved, edge_reserved, type_key = _GEXF_NODE, _GEXF_EDGE, "relationship"
    else:
        raise UsageError(_t("convert.suffix", name=source.name))
    node_reserved = node_reserved | set(COMPUTED_NODE_ATTRS) | set(V.NODE_COLUMNS)
    edge_reserved = edge_reserved | set(V.EDGE_COLUMNS)

    def restore(k: str, reserved: frozenset[str] | set[str]) -> str:
        return k[:-1] if k.endswith("_") and k[:-1] in reserved else k

    G = nx.MultiDiGraph(**{k: v for k, v in F.graph.items()
                           if k in ("name", "snapshot", "description")})
    for n, d in F.nodes(data=True):
        attrs = {restore(k, node_reserved): v for k, v in d.items()
                 if k not in COMPUTED_NODE_ATTRS and k != "label"}
        attrs["label"] = d.get("node_type", d.get("label"))
        G.add_nodes_from([(n, attrs)])
    rows = (F.edges(keys=True, data=True) if F.is_multigraph()
            else ((u, v, d.get(type_key), d) for u, v, d in F.edges(data=True)))
    for u, v, k, d in rows:
        attrs = {restore(a, edge_reserved): x for a, x in d.items()
                 if a not in ("id", type_key)}
        t = d.get(type_key, k)
        attrs["type"] = t
        key = G.add_edge(u, v, key=t if not G.has_edge(u, v, t) else None)
        G.edges[u, v, key].update(attrs)
    return G
