"""What :func:`graphkit.measures` returns: :class:`MeasuresResult`, its DataFrames and its
stable JSON document."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["SCHEMA_VERSION", "MeasuresResult", "cluster_table"]

#: Version of the JSON document of :meth:`MeasuresResult.to_dict`.
SCHEMA_VERSION = 1


def plain(x: Any) -> Any:
    """`x` as a plain JSON value: Python numbers, ``None`` for NaN or missing."""
    if x is None or x is pd.NA:
        return None
    if isinstance(x, (np.bool_, bool)):
        return bool(x)
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    return x


def _column(values: pd.Series) -> list[Any]:
    if values.dtype.kind in "biu":
        return values.tolist()  # plain ints and bools already
    if values.dtype.kind == "f":
        return [None if v != v else v for v in values.tolist()]
    if isinstance(values.dtype, pd.CategoricalDtype):
        if pd.api.types.infer_dtype(values.cat.categories, skipna=True) in ("string", "empty"):
            return values.astype(object).where(values.notna(), None).tolist()
    elif pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
        return values.astype(object).where(values.notna(), None).tolist()  # texts, None
    return [plain(v) for v in values.tolist()]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of `frame` as dicts of plain JSON values, column by column."""
    cols = list(frame.columns)
    data = [_column(frame[c]) for c in cols]  # columns of one frame: the same length
    return list(map(dict, map(zip, repeat(cols), zip(*data, strict=True))))


@dataclass(frozen=True, eq=False)
class MeasuresResult:
    """Everything :func:`measures` computed. DataFrames for researchers; :meth:`to_dict`
    is the stable JSON document (``"schema": 1``).

    Attributes
    ----------
    meta : dict
        ``name``, ``snapshot``, ``description`` of the dataset.
    entities : DataFrame
        :func:`entity_measures`.
    cohesion : DataFrame
        :func:`cohesion` (communities, then the city row).
    clusters : Series
        :func:`detect_communities`.
    comparison : dict
        :func:`compare_partitions` of the clusters with the administrative communities,
        over the entities that have a community and at least one tie, plus
        ``modularity`` (of the detected clusters, every entity) and
        ``community_modularity`` (of the administrative communities, an entity without a
        community counting as a cluster of its own).
    crossing : DataFrame
        :func:`crossing_clusters`.
    cores : DataFrame
        :func:`core_centrality` (with ``city_rank``).
    methods : dict
        How each estimate was computed (betweenness exact or sampled, path lengths,
        community algorithm with its seed and resolution).
    areas : dict
        Area (street, town) id -> name, for the reports.
    """

    meta: dict[str, Any]
    entities: pd.DataFrame
    cohesion: pd.DataFrame
    clusters: pd.Series
    comparison: dict[str, Any]
    crossing: pd.DataFrame
    cores: pd.DataFrame
    methods: dict[str, Any] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)

    @property
    def city(self) -> dict[str, Any]:
        """The city-wide cohesion row as a dict."""
        return {k: plain(v) for k, v in self.cohesion.iloc[-1].items()}

    def entity_table(self) -> pd.DataFrame:
        """:attr:`entities` with each entity's ``cluster``."""
        return self.entities.assign(  # a lazy copy: the columns are shared until written
            cluster=self.clusters.reindex(self.entities["id"]).to_numpy())

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: ``schema``, ``dataset``, ``methods``, ``city``,
        ``communities`` (cohesion rows), ``comparison``, ``crossing_clusters``, ``cores``
        and ``entities`` (one record per entity, with its ``cluster``); floats are plain
        numbers, ``null`` for NaN."""
        return self._document(records(self.entity_table()))

    def entity_records(self, batch: int) -> Iterator[list[dict[str, Any]]]:
        """The ``entities`` of :meth:`to_dict`, `batch` records at a time (a million
        entities' dicts are never all held at once).

        Examples
        --------
        >>> import graphkit as gk
        >>> r = gk.measures(gk.read_dataset("data/sihui"))
        >>> [x for part in r.entity_records(100) for x in part] == r.to_dict()["entities"]
        True
        """
        table = self.entity_table()
        for start in range(0, len(table), batch):
            yield records(table.iloc[start:start + batch])

    def _document(self, entities: Any) -> dict[str, Any]:
        """:meth:`to_dict` with `entities` as its ``entities``."""
        com = self.cohesion[self.cohesion["level"] == "community"].drop(columns="level")
        city = self.cohesion[self.cohesion["level"] == "city"].drop(
            columns=["level", "community"])
        cores = self.cores
        return {
            "schema": SCHEMA_VERSION,
            "dataset": {k: self.meta.get(k) for k in ("name", "snapshot", "description")},
            "methods": self.methods,
            "city": records(city)[0] if len(city) else None,
            "communities": records(com),
            "comparison": {k: plain(v) for k, v in self.comparison.items()},
            "crossing_clusters": records(self.crossing),
            "cores": {
                "communities": len(cores),
                "core_is_top": int(cores["core_is_top"].sum()) if len(cores) else 0,
                "rows": records(cores),
            },
            "entities": entities,
        }


def cluster_table(result: MeasuresResult) -> pd.DataFrame:
    """Entities per community (rows) and detected cluster (columns), over the entities
    the comparison uses (with a community and at least one tie). Rows are ordered by
    street (area) then community id; columns so that each cluster follows the community
    holding most of its entities (the table is block-diagonal when linkage follows the
    communities). Row labels are community names, column labels cluster numbers; the
    ``area`` of each row is in ``frame.attrs["areas"]`` (names, same order)."""
    ent = result.entity_table()
    ent = ent[(ent["degree"] > 0) & ent["community"].notna()]
    if ent.empty:
        return pd.DataFrame()
    table = pd.crosstab(ent["community"], ent["cluster"])
    area = ent.groupby("community")["area"].agg(
        lambda a: a.value_counts().sort_index().idxmax() if a.notna().any() else "")
    rows = sorted(table.index, key=lambda c: (str(area.get(c) or ""), str(c)))
    table = table.loc[rows]
    main = table.to_numpy().argmax(axis=0)
    cols = sorted(range(table.shape[1]), key=lambda j: (main[j], -table.iloc[:, j].sum(),
                                                        table.columns[j]))
    table = table.iloc[:, cols]
    names = dict(zip(result.cohesion["community"], result.cohesion["name"], strict=True))
    table.attrs["areas"] = [result.areas.get(area.get(c), area.get(c) or "") for c in rows]
    table.index = [names.get(c) or c for c in rows]
    return table
