"""The frozen, integer-coded network every analysis runs on.

A :class:`Network` holds two Arrow tables that :mod:`graphkit.validation` made from valid
input, and nothing else:

* ``nodes``: one row per node **sorted by id**, so a node's row number is its integer code
  and sorting codes sorts ids; columns ``id``, ``label`` (dictionary-coded over
  :data:`graphkit.vocab.LABELS`), ``name``, ``kind`` (dictionary-coded), ``members``,
  ``rating`` (int64), ``joint`` (bool), then the typed extra properties in name order;
* ``edges``: one row per relationship in input order (repeated rows dropped); columns
  ``source``, ``target`` (int32 node codes), ``type`` (dictionary-coded over
  :data:`graphkit.vocab.REL_TYPES`), ``mode`` (dictionary-coded, ``""`` when blank),
  ``since`` (text, ``""`` when blank), then the typed extra properties in name order.

Arrow arrays are immutable, so a network, and every result derived from it and cached on
it, can never go stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V

__all__ = ["EDGE_BASE", "NODE_BASE", "Network", "coded"]

#: The standard columns of the two tables, in order.
NODE_BASE = V.NODE_COLUMNS
EDGE_BASE = V.EDGE_COLUMNS

LABEL_TYPE = pa.dictionary(pa.int8(), pa.string())
TYPE_TYPE = pa.dictionary(pa.int8(), pa.string())


def coded(codes: np.ndarray | pa.Array, vocabulary: tuple[str, ...]) -> pa.DictionaryArray:
    """A dictionary array whose indices are codes into `vocabulary` (the vocabulary's order).

    Examples
    --------
    >>> coded(np.array([1, 0]), ("Area", "Community")).to_pylist()
    ['Community', 'Area']
    """
    indices = pa.array(np.asarray(codes, dtype=np.int8), pa.int8())
    return pa.DictionaryArray.from_arrays(indices, pa.array(vocabulary, pa.string()))


@dataclass(frozen=True, eq=False)
class Network:
    """Validated node and edge tables (see the module docstring); build one with
    :func:`graphkit.validation.validate`, never by hand."""

    nodes: pa.Table
    edges: pa.Table
    #: results derived from the tables (they never change), keyed by what computed them
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def n_nodes(self) -> int:
        return self.nodes.num_rows

    @property
    def n_edges(self) -> int:
        return self.edges.num_rows

    @cached_property
    def ids(self) -> pa.Array:
        """Node ids by code (sorted)."""
        return self.nodes.column("id").combine_chunks()

    @cached_property
    def label_codes(self) -> np.ndarray:
        """Each node's label as an index into :data:`graphkit.vocab.LABELS`."""
        col = self.nodes.column("label").combine_chunks()
        return col.indices.to_numpy(zero_copy_only=False).astype(np.int8)

    def node_extras(self) -> list[str]:
        return [c for c in self.nodes.column_names if c not in NODE_BASE]

    def edge_extras(self) -> list[str]:
        return [c for c in self.edges.column_names if c not in EDGE_BASE]

    def codes_of(self, ids: pa.Array | list[str]) -> pa.Array:
        """The code of each id (null for an id that is no node)."""
        return pc.index_in(pa.array(ids, pa.string()) if isinstance(ids, list) else ids,
                           value_set=self.ids)

    def counts(self) -> dict[str, int]:
        """Nodes per label, for every label of the vocabulary."""
        counts = np.bincount(self.label_codes, minlength=len(V.LABELS))
        return {label: int(counts[i]) for i, label in enumerate(V.LABELS)}
