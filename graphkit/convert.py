"""Graph files for Gephi and Cytoscape: GraphML and GEXF, Chinese text kept as UTF-8.

Examples
--------
>>> import graphkit as gk
>>> from graphkit.convert import write_graph
>>> write_graph(gk.read_dataset("data/sihui").to_networkx(), "sihui.gexf")   # doctest: +SKIP
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import networkx as nx

from ._atomic import write_atomic
from .errors import UsageError

__all__ = ["GRAPH_FORMATS", "write_graph"]

#: File suffixes :func:`write_graph` understands.
GRAPH_FORMATS = (".graphml", ".gexf")


def write_graph(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write `G` (as made by :meth:`graphkit.Dataset.to_networkx`) to a GraphML or GEXF file.

    The format follows the suffix. Node attributes (``label``, ``name``, ``kind``,
    ``members``, ...) and edge attributes (``type``, ``mode``, ...) are typed columns of
    the file; graph attributes that are missing are left out. GEXF reserves an edge's
    ``type`` (directed/undirected) and its ``id``, so there the relationship type is the
    edge attribute ``relationship`` and the edge id is ``source|TYPE|target``. The file is
    written whole or not at all.

    Raises
    ------
    UsageError
        For a suffix other than ``.graphml`` or ``.gexf``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in GRAPH_FORMATS:
        raise UsageError(f"{target.name}: the graph file must end in .graphml or .gexf")
    H = G.copy()
    H.graph = {k: v for k, v in G.graph.items() if v is not None}
    buf = io.BytesIO()
    if suffix == ".graphml":
        nx.write_graphml(H, buf, encoding="utf-8", named_key_ids=True)
    else:
        for u, v, k, d in H.edges(keys=True, data=True):
            d["relationship"] = d.pop("type", k)
            d["id"] = f"{u}|{k}|{v}"
        nx.write_gexf(H, buf, encoding="utf-8")
    return write_atomic(target, buf.getvalue())
