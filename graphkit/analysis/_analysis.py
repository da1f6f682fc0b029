"""The rules' results for one network on one engine, fetched once and cached on it.

The public functions (:mod:`graphkit.coverage`, :mod:`graphkit.linkage`,
:mod:`graphkit.gaps`, :mod:`graphkit.auditing`) all read from here: Arrow tables of
integer codes, sorted, and the decoding of codes into ids, names and kinds. Results are
cached on the immutable network, so they are computed once per network and engine and
never go stale.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pyarrow as pa

from .. import vocab as V
from ..network._network import Network
from ..network.dataset import Dataset, as_dataset
from ..rules import _base
from ..rules import coverage as RC
from ..rules import engine as E
from ..rules import gaps as RG
from ..rules import linkage as RL
from ..rules import mechanisms as RM
from ..rules import placement as RP

__all__ = ["Analysis", "analysis", "run_starts", "sorted_rows"]


def run_starts(keys: np.ndarray) -> np.ndarray:
    """The first position of each run of equal values in `keys` (sorted, or grouped).

    Examples
    --------
    >>> run_starts(np.array([3, 3, 5, 7, 7, 7])).tolist()
    [0, 2, 3]
    """
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])


def sorted_rows(table: pa.Table, keys: list[str]) -> pa.Table:
    """`table` sorted by the columns `keys` (ascending, stable: Arrow's ``sort_by``).

    Integer keys without nulls (the rules' codes) are packed into one unsigned 64-bit key
    when their ranges fit, and sorted by NumPy: about twice as fast as Arrow's comparison
    of several columns at a million rows.

    Examples
    --------
    >>> t = pa.table({"a": [2, 1, 2, 1], "b": pa.array([0, 5, -1, 5], pa.int8()),
    ...               "c": ["w", "x", "y", "z"]})
    >>> sorted_rows(t, ["a", "b"]).column("c").to_pylist()
    ['x', 'z', 'y', 'w']
    """
    if not table.num_rows:
        return table
    order = _packed_order([table.column(k) for k in keys])
    if order is None:
        return table.sort_by([(k, "ascending") for k in keys])
    return table.take(order)


def _packed_order(columns: list[pa.ChunkedArray]) -> np.ndarray | None:
    """The stable sorting order of rows by integer `columns` packed into one key, or None
    when a column is not an integer type that int64 holds, has nulls or the ranges need
    more than 64 bits."""
    if any(not pa.types.is_integer(c.type) or c.type == pa.uint64() or c.null_count
           for c in columns):
        return None
    values = [c.to_numpy() for c in columns]
    lows = [int(v.min()) for v in values]
    bits = [(int(v.max()) - low).bit_length() for v, low in zip(values, lows, strict=True)]
    if sum(bits) > 64:
        return None
    key = np.zeros(len(values[0]), dtype=np.uint64)
    for v, low, width in zip(values, lows, bits, strict=True):
        key <<= np.uint64(width)
        key |= (v.astype(np.int64) - low).astype(np.uint64)
    return np.argsort(key, kind="stable")


class Analysis:
    """Cached rule results of one network on one engine (see the module docstring)."""

    def __init__(self, ds: Dataset, engine: E.Engine) -> None:
        self.ds = ds
        self.net: Network = ds.network
        self.engine = engine
        self.t = _base.tables(self.net, engine)
        self._cache: dict[Any, Any] = {}

    def _memo(self, key: Any, build: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def _kept(self, key: Any, build: Any) -> pa.Table:
        """The rows of the table the rules keep in the engine under `key` (made by
        `build`), fetched (see :meth:`graphkit.rules._base.Tables.query`)."""
        return self.t.query(("kept", key), lambda: self.t.memo(key, build))

    # --- decoding ---------------------------------------------------------------------------
    def ids(self, codes: pa.Array | pa.ChunkedArray) -> pa.Array:
        """Ids of node codes (nulls stay null)."""
        return self.net.ids.take(codes)

    def names(self, codes: pa.Array | pa.ChunkedArray) -> pa.Array:
        return self.net.nodes.column("name").take(codes)

    def kind_names(self, codes: pa.Array | pa.ChunkedArray) -> pa.Array:
        """Kind text of kind codes (of the engine tables)."""
        return pa.array(self.t.kinds, pa.string()).take(codes)

    def kind_codes(self, kinds: Collection[str]) -> list[int]:
        return [self.t.kind(k) for k in sorted(kinds) if self.t.kind(k) >= 0]

    def label_of(self, codes: np.ndarray) -> np.ndarray:
        return self.net.label_codes[codes]

    # --- §2 ---------------------------------------------------------------------------------
    def units(self, kinds: frozenset[str]) -> pa.Table:
        """``unit, kind, members, community, area, level`` of the units in scope, by id."""
        return self._memo(("units", kinds), lambda: sorted_rows(
            self.t.query(("kept", ("status", kinds)), lambda: self._status(kinds)), ["unit"]))

    def _status(self, kinds: frozenset[str]) -> Any:
        """The units in scope with their status (the rules' table kept under
        ``("status", kinds)``: the units, their rates and their findings read the one)."""
        return self.t.memo(("status", kinds),
                           lambda: RC.unit_status(self.t, self.kind_codes(kinds)))

    def rate_counts(self, kinds: frozenset[str], by: str | None) -> pa.Table:
        """``key, units, own, organization, work`` per group of the units in scope; ``by``
        is None, ``"two_new"``, ``"kind"``, ``"community"`` or ``"area"``."""
        def build() -> Any:
            units = self._status(kinds)
            if by == "two_new":
                units = units.filter(units.kind.isin(self.kind_codes(V.TWO_NEW_KINDS)))
            return RC.rate_counts(units, None if by == "two_new" else by)

        return self._memo(("rates", kinds, by), lambda: sorted_rows(
            self.t.query(("rates", kinds, by), build), ["key"]))

    def attribute_counts(self, kinds: frozenset[str], attribute: str) -> pa.Table:
        """``key, units, own, organization, work`` per value of unit attribute `attribute`
        (``kind``, ``members`` or an extra property; typed keys, kind as its code) over the
        units in scope; units without a value are left out."""
        def build() -> Any:
            t = self.t
            units = self._status(kinds)
            if attribute in ("kind", "members"):
                return RC.rate_counts(units, attribute)
            prop = t.property(attribute)
            j = units.join(prop, units.unit == prop.node).select(units.level, prop.value)
            return RC.rate_counts(j, "value")

        return self._memo(("attribute", kinds, attribute), lambda: sorted_rows(
            self.t.query(("attribute", kinds, attribute), build), ["key"]))

    # --- §3 ---------------------------------------------------------------------------------
    def cores(self) -> pa.Table:
        """``community, core`` by community."""
        return self._memo("cores", lambda: sorted_rows(
            self._kept("cores", lambda: RL.cores(self.t)), ["community"]))

    def jurisdiction(self) -> pa.Table:
        """``community, member`` sorted."""
        return self._memo("jurisdiction", lambda: sorted_rows(
            self._kept("jurisdiction", lambda: RL.jurisdiction(self.t)),
            ["community", "member"]))

    def tie_rows(self) -> pa.Table:
        """``a, b, type`` (type code; the team tie is ``TEAM_TIE_CODE``), one per tie."""
        return self._memo("tie_rows", lambda: self._kept(
            "tie_rows", lambda: RL.tie_rows(self.t)))

    def ties(self) -> pa.Table:
        """``a, b`` distinct pairs in both directions, sorted."""
        return self._memo("ties", lambda: sorted_rows(
            self._kept("ties", lambda: RL.ties(self.t)), ["a", "b"]))

    def roles(self, threshold: int) -> pa.Table:
        """``community, member, role`` sorted by community, role, member."""
        def build() -> pa.Table:
            table = self._kept(("roles", threshold), lambda: RL.roles(self.t, threshold))
            return sorted_rows(table, ["community", "role", "member"])

        return self._memo(("roles", threshold), build)

    def communities(self) -> np.ndarray:
        """Codes of the communities, in id order."""
        return np.flatnonzero(self.net.label_codes == V.LABELS.index(V.COMMUNITY))

    def compound_community(self) -> pa.Table:
        return self._memo("compound_community", lambda: self._kept(
            "compound_community", lambda: RP.compound_community(self.t)))

    def community_area(self) -> pa.Table:
        return self._memo("community_area", lambda: self._kept(
            "community_area", lambda: RP.community_area(self.t)))

    def unit_place(self) -> pa.Table:
        """``unit, kind, members, community, area`` of every Unit, in no particular order
        (its one reader scatters it by unit code: sorting 1M rows is not needed)."""
        return self._memo("unit_place", lambda: self._kept(
            "unit_place", lambda: RP.unit_place(self.t)))

    # --- §8 ---------------------------------------------------------------------------------
    def _mechanism_rows(self) -> Any:
        return self.t.memo("mechanism_rows", lambda: RM.rows(self.t))

    def mechanisms(self) -> pa.Table:
        """``field, community, n, total`` (field: index into ``RM.COUNTED``)."""
        return self._memo("mechanisms", lambda: sorted_rows(
            self.t.query("mechanisms", lambda: RM.by_community(self._mechanism_rows())),
            ["field", "community"]))

    def mechanisms_by_area(self) -> pa.Table:
        """``field, area, n, total``: per street/town, each entity once."""
        return self._memo("mechanisms_by_area", lambda: sorted_rows(
            self.t.query("mechanisms_by_area",
                         lambda: RM.by_area(self.t, self._mechanism_rows())),
            ["field", "area"]))

    def mechanisms_whole(self, communities: tuple[int, ...] | None = None) -> pa.Table:
        """``field, n, total`` over all communities (or `communities`), each entity once."""
        return self._memo(("mechanisms_whole", communities), lambda: sorted_rows(
            self.t.query(("mechanisms_whole", communities),
                         lambda: RM.whole(self._mechanism_rows(), communities)), ["field"]))

    def integer_property(self, name: str) -> bool:
        """Whether the engine holds numeric property `name` as integers."""
        return pa.types.is_integer(self.t.node_schema.field(name).type)

    # --- §4 ---------------------------------------------------------------------------------
    def gaps(self, kinds: frozenset[str], min_members: int) -> dict[str, pa.Table]:
        """The rows of each finding code that does not depend on the circles."""
        def build() -> dict[str, pa.Table]:
            t = self.t

            def units() -> Any:
                return self._status(kinds)

            queries = {
                "uncovered": (lambda: RG.uncovered(units()), ["unit"]),
                "should_form_branch": (lambda: RG.should_form_branch(units(), min_members),
                                       ["unit"]),
                "joint_candidate": (lambda: RG.joint_candidates(units(), min_members),
                                    ["community", "unit"]),
                "community_without_core": (lambda: RG.communities_without_core(t),
                                           ["community"]),
                "compound_without_branch": (lambda: RG.compounds_without_branch(t),
                                            ["compound"]),
                "no_service_center": (lambda: RG.communities_without_service_center(t),
                                      ["community"]),
                "no_stationed_team": (lambda: RG.communities_without_stationed_team(t),
                                      ["community"]),
                "orphan_org": (lambda: RG.orphan_orgs(t), ["org"]),
                "compound_without_joint_meeting": (lambda: t.memo(
                    "compounds_without_joint_meeting",
                    lambda: RG.compounds_without_joint_meeting(t)), ["compound"]),
                "joint_meeting_gap_units": (lambda: RG.joint_meeting_gap_units(t),
                                            ["compound", "unit"]),
            }
            return {code: sorted_rows(t.query(("gaps", code, kinds, min_members), query), keys)
                    for code, (query, keys) in queries.items()}

        return self._memo(("gaps", kinds, min_members), build)


def analysis(G: Any, engine: Any = None) -> Analysis:
    """The :class:`Analysis` of a Dataset or graph on `engine` (cached on its network)."""
    ds = as_dataset(G)
    eng = E.get(engine)
    key = ("analysis", id(eng))
    cache = ds.network.cache
    if key not in cache:
        cache[key] = Analysis(ds, eng)
    return cache[key]


