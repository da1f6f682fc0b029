"""Node and edge comparison of two datasets (SPEC section 7), on their public tables.

Values are compared typed, with the defaults of SPEC section 1 already applied by the
reader (blank ``members``/``rating`` = 0, blank ``kind`` = the label's default kind, blank
``joint`` = false): ``120`` and ``120.0`` are equal, ``True`` and ``1`` are not, and a
missing property equals a blank one. A blank ``mode`` or ``since`` is reported as ``None``.

Person data stays withheld as in every graphkit output (README, "Members' personal data"):
a Person is compared on ``label`` and ``kind`` only and listed with its id as name, and the
properties of its relationships (``since``, extras) are not compared. Pseudonymized
snapshots therefore diff exactly like the originals, up to the pseudonyms.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd

from .. import vocab as V

__all__ = ["EDGE_FIELDS", "NODE_FIELDS", "compare_edges", "compare_nodes", "plain"]

#: Node fields compared before the extra properties (in this order).
NODE_FIELDS = ("label", "kind", "name", "members", "rating", "joint")
#: Edge fields compared before the extra properties.
EDGE_FIELDS = ("mode", "since")
_PERSON_FIELDS = ("label", "kind")


def plain(value: Any) -> Any:
    """A plain Python value, ``None`` for anything missing (NA, NaN, blank text)."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and value == "":
        return None
    return value


def _typed(value: Any) -> tuple[Any, ...]:
    """Comparison key of a plain value: numbers by value (120 == 120.0), bools apart."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        return (2, value)
    return (3, str(value))


#: Comparison category of a column's kind (:func:`_typed`'s first item): none, bool,
#: number, text. "other" (a column of mixed Python values) is compared value by value.
_CATEGORY = {"none": 0, "bool": 1, "int": 2, "float": 2, "str": 3}
#: Integers beyond this are compared with floats exactly, in Python (NumPy rounds them)
_EXACT = 2**53


class _Cells:
    """One column's values for the comparison, as arrays: its kind (one per column:
    ``none``, ``bool``, ``int``, ``float``, ``str`` or ``other``), the values and where
    they are missing (as :func:`plain` has them: NA, NaN and blank text)."""

    def __init__(self, frame: pd.DataFrame, name: str, zero_blank: bool = False) -> None:
        self.series = frame[name] if name in frame.columns else None
        self.zero_blank = zero_blank  # SPEC 7: members and rating, blank = 0
        n = len(frame)
        s = self.series
        kind, values, null = "none", None, np.ones(n, dtype=bool)
        if s is not None:
            null = s.isna().to_numpy(dtype=bool)
            kind = self._kind(s)
            try:
                if kind == "bool":
                    values = s.to_numpy(dtype=bool, na_value=False)
                elif kind == "int":
                    values = s.to_numpy(dtype=np.int64, na_value=0)
                elif kind == "float":
                    values = s.to_numpy(dtype=np.float64, na_value=np.nan)
                elif kind == "str":
                    values = s.to_numpy(dtype=object)
                    null = null | (values == "")
            except (OverflowError, TypeError, ValueError):
                kind, values = "other", None
        if zero_blank and null.any():
            if kind in ("none", "int"):
                kind = "int"
                values = np.zeros(n, np.int64) if values is None else values
                null = np.zeros(n, dtype=bool)
            elif kind == "float":
                values = np.where(null, 0.0, values)
                null = np.zeros(n, dtype=bool)
            else:  # text or mixed with blanks: a blank becomes the number 0
                kind = "other"
        self.kind, self.values, self.null = kind, values, null

    @staticmethod
    def _kind(s: pd.Series) -> str:
        dtype = s.dtype
        if pd.api.types.is_bool_dtype(dtype):
            return "bool"
        if pd.api.types.is_integer_dtype(dtype):
            return "int"
        if pd.api.types.is_float_dtype(dtype):
            return "float"
        inferred = pd.api.types.infer_dtype(s, skipna=True)
        return {"string": "str", "empty": "none", "boolean": "bool",
                "integer": "int"}.get(inferred, "other")

    def value(self, row: int) -> Any:
        """The plain value of `row` (:func:`plain`; 0 for a blank members or rating)."""
        v = None if self.series is None else plain(self.series.iat[row])
        return 0 if v is None and self.zero_blank else v


def _differ(a: _Cells, b: _Cells, ra: np.ndarray, rb: np.ndarray) -> np.ndarray:
    """For each pair of rows ``ra[i]`` of `a` and ``rb[i]`` of `b`: do their values differ
    as :func:`_typed` has them (120 equals 120.0, True is not 1, blank equals missing)?"""
    if "other" in (a.kind, b.kind):
        return np.array([_typed(a.value(i)) != _typed(b.value(j))
                         for i, j in zip(ra.tolist(), rb.tolist(), strict=True)], dtype=bool)
    na, nb = a.null[ra], b.null[rb]
    if _CATEGORY[a.kind] != _CATEGORY[b.kind]:
        return ~(na & nb)
    out = na != nb
    if a.kind == "none":
        return out
    both = ~na & ~nb
    va, vb = a.values[ra], b.values[rb]
    if a.kind != b.kind:  # an integer and a float: equal values are equal numbers
        ints = va if a.kind == "int" else vb
        eq = va.astype(np.float64) == vb.astype(np.float64)
        big = np.flatnonzero(both & (np.abs(ints) > _EXACT))
        for i in big.tolist():
            eq[i] = va[i].item() == vb[i].item()
    else:
        eq = np.asarray(va == vb, dtype=bool)
    return out | (both & ~eq)


def _ranks(values: np.ndarray) -> tuple[np.ndarray, int]:
    """The rank of each of `values` (object array of str) among the distinct values, in
    Python's order of str (code points: UTF-8's byte order, which Arrow sorts by), and
    the number of distinct values."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        enc = pc.dictionary_encode(pa.array(values, pa.string(), from_pandas=True))
    except (pa.ArrowException, UnicodeError):  # not all text: Python's own order
        codes, uniques = pd.factorize(values, sort=True)
        return codes.astype(np.int64), len(uniques)
    if enc.null_count:  # a missing identity: ordered as pandas would, by Python
        codes, uniques = pd.factorize(values, sort=True, use_na_sentinel=False)
        return codes.astype(np.int64), len(uniques)
    order = pc.sort_indices(enc.dictionary).to_numpy()
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return rank[enc.indices.to_numpy()], len(order)


def _identities(old: pd.DataFrame, new: pd.DataFrame, key: list[str]
                ) -> tuple[np.ndarray, np.ndarray, int]:
    """The identity number of each row of `old` and of `new` by the columns `key`: the
    same number for the same values on either side, numbered in the sorted order of the
    values (``sorted`` of their tuples), and how many there are."""
    n = len(old)
    composite = np.zeros(n + len(new), np.int64)
    scale = 1
    for c in reversed(key):
        rank, distinct = _ranks(np.concatenate([old[c].to_numpy(object),
                                                new[c].to_numpy(object)]))
        if scale * max(distinct, 1) >= 2**62:  # too many to add up: numbered so far
            _, composite = np.unique(composite, return_inverse=True)
            scale = int(composite.max()) + 1 if len(composite) else 1
        composite += rank * scale
        scale *= max(distinct, 1)
    uniques, number = np.unique(composite, return_inverse=True)
    number = number.reshape(-1).astype(np.int64)
    return number[:n], number[n:], len(uniques)


def _row_of(identities: np.ndarray, n: int) -> np.ndarray:
    """For each of `n` identity numbers, the row of a side that has it (-1 for none; the
    last row where the side repeats it): the inverse of :func:`_identities`' numbering."""
    row = np.full(n, -1, np.int64)
    row[identities] = np.arange(len(identities))
    return row


def _listed(change: str, nid: str, label: Any, name: Any) -> dict[str, Any]:
    person = label == V.PERSON
    return {"change": change, "id": nid, "label": label, "name": nid if person else name,
            "field": None, "old": None, "new": None}


def compare_nodes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Added, removed and changed nodes.

    Returns
    -------
    pandas.DataFrame
        Columns ``change`` (``added``, ``removed``, ``changed``), ``id``, ``label``,
        ``name``, ``field``, ``old``, ``new``; ``field``/``old``/``new`` are set on
        ``changed`` rows only (one row per changed field). Sorted by change, id, field.

    Examples
    --------
    >>> old = pd.DataFrame({"id": ["u1", "u2"], "label": ["Unit", "Unit"],
    ...                     "name": ["甲", "乙"], "members": pd.array([3, None], "Int64")})
    >>> new = pd.DataFrame({"id": ["u2", "u3"], "label": ["Unit", "Unit"],
    ...                     "name": ["乙", "丙"], "members": pd.array([0, 1], "Int64")})
    >>> compare_nodes(old, new)[["change", "id"]].values.tolist()
    [['added', 'u3'], ['removed', 'u1']]
    """
    extras = sorted((set(old.columns) | set(new.columns)) - set(V.NODE_COLUMNS))
    fields = sorted([*NODE_FIELDS, *extras])
    ids_a, ids_b = old["id"].to_numpy(object), new["id"].to_numpy(object)
    a = {f: _Cells(old, f, f in ("members", "rating")) for f in fields}  # name among them
    b = {f: _Cells(new, f, f in ("members", "rating")) for f in fields}
    out: list[dict[str, Any]] = []
    ga, gb, n = _identities(old, new, ["id"])  # ids are distinct on each side
    row_a, row_b = _row_of(ga, n), _row_of(gb, n)
    for j in row_b[(row_b >= 0) & (row_a < 0)].tolist():
        out.append(_listed("added", ids_b[j], b["label"].value(j), b["name"].value(j)))
    for i in row_a[(row_a >= 0) & (row_b < 0)].tolist():
        out.append(_listed("removed", ids_a[i], a["label"].value(i), a["name"].value(i)))
    both = (row_a >= 0) & (row_b >= 0)
    ra, rb = row_a[both], row_b[both]
    person = (np.asarray(old["label"].to_numpy(object)[ra] == V.PERSON, dtype=bool)
              | np.asarray(new["label"].to_numpy(object)[rb] == V.PERSON, dtype=bool))
    rows_, ranks = [], []
    for rank, f in enumerate(fields):
        d = _differ(a[f], b[f], ra, rb)
        if f not in _PERSON_FIELDS:  # a Person: label and kind only
            d &= ~person
        hit = np.flatnonzero(d)
        rows_.append(hit)
        ranks.append(np.full(len(hit), rank))
    hits = np.concatenate(rows_) if rows_ else np.zeros(0, np.int64)
    rank_of = np.concatenate(ranks) if ranks else np.zeros(0, np.int64)
    for k in np.lexsort((rank_of, hits)).tolist():
        row, f = int(hits[k]), fields[int(rank_of[k])]
        i, j = int(ra[row]), int(rb[row])
        nid = ids_a[i]
        out.append({"change": "changed", "id": nid, "label": b["label"].value(j),
                    "name": nid if person[row] else b["name"].value(j), "field": f,
                    "old": a[f].value(i), "new": b[f].value(j)})
    return pd.DataFrame(out, columns=["change", "id", "label", "name", "field", "old", "new"],
                        dtype=object)


def _records(cells: dict[str, _Cells], rows: list[int], person: np.ndarray,
             fields: list[str]) -> list[dict[str, Any]]:
    """The plain field values of edge `rows` (a Person's relationship: its mode only)."""
    return [{f: (cells[f].value(i) if f == "mode" or not person[i] else None)
             for f in fields} for i in rows]


def _pair(xs: list[dict[str, Any]], ys: list[dict[str, Any]]
          ) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]],
                     list[dict[str, Any]]]:
    """Pair the edges of one identity: equal modes first, the rest in mode order."""
    if len(xs) == 1 and len(ys) == 1:
        return [(xs[0], ys[0])], [], []

    def order(r: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(_typed(v) for v in r.values())

    xs, ys = sorted(xs, key=order), sorted(ys, key=order)
    pairs = []
    rest_y = list(ys)
    rest_x = []
    for x in xs:
        match = next((y for y in rest_y if y.get("mode") == x.get("mode")), None)
        if match is None:
            rest_x.append(x)
        else:
            rest_y.remove(match)
            pairs.append((x, match))
    n = min(len(rest_x), len(rest_y))
    pairs += list(zip(rest_x[:n], rest_y[:n], strict=True))
    return pairs, rest_x[n:], rest_y[n:]


def compare_edges(old: pd.DataFrame, new: pd.DataFrame, people: set[str]) -> pd.DataFrame:
    """Added, removed and changed relationships, identified by (source, target, type).

    Parameters
    ----------
    old, new : DataFrame
        Edge tables.
    people : set of str
        Person ids (of either side): their relationships are compared on ``mode`` only.

    Returns
    -------
    pandas.DataFrame
        Columns ``change``, ``source``, ``target``, ``type``, ``field``, ``old``, ``new``
        (the last three on ``changed`` rows only), sorted by change and identity.

    Examples
    --------
    >>> old = pd.DataFrame({"source": ["u1"], "target": ["c1"], "type": ["LOCATED_IN"],
    ...                     "mode": [""], "since": ["2020"]})
    >>> new = old.assign(since=["2021"])
    >>> compare_edges(old, new, set())[["change", "field", "old", "new"]].values.tolist()
    [['changed', 'since', '2020', '2021']]
    """
    extras = sorted((set(old.columns) | set(new.columns)) - set(V.EDGE_COLUMNS))
    fields = sorted([*EDGE_FIELDS, *extras])
    key = ["source", "target", "type"]
    ga, gb, n_groups = _identities(old, new, key)  # in sorted order of the identities
    count_a = np.bincount(ga, minlength=n_groups)
    count_b = np.bincount(gb, minlength=n_groups)
    a = {f: _Cells(old, f) for f in fields}
    b = {f: _Cells(new, f) for f in fields}
    person_a, person_b = (frame["source"].isin(people).to_numpy(bool)
                          | frame["target"].isin(people).to_numpy(bool)
                          for frame in (old, new))
    rows: list[tuple[int, int, dict[str, Any]]] = []  # (identity, order within it, row)
    # one edge of an identity on each side: compared column by column
    single = (count_a == 1) & (count_b == 1)
    row_a, row_b = _row_of(ga, n_groups), _row_of(gb, n_groups)
    pair_groups = np.flatnonzero(single)
    ra, rb = row_a[pair_groups], row_b[pair_groups]
    src, tgt, typ = (np.concatenate([old[c].to_numpy(object), new[c].to_numpy(object)])
                     for c in key)
    for rank, f in enumerate(fields):
        d = _differ(a[f], b[f], ra, rb)
        if f != "mode":  # a Person's relationship: its mode only
            d &= ~person_a[ra]
        for k in np.flatnonzero(d).tolist():
            g, i, j = int(pair_groups[k]), int(ra[k]), int(rb[k])
            rows.append((g, rank, {"change": "changed", "source": src[i], "target": tgt[i],
                                   "type": typ[i], "field": f, "old": a[f].value(i),
                                   "new": b[f].value(j)}))
    # the other identities (on one side only, or repeated): paired as SPEC 7 says
    others = np.flatnonzero(~single)
    if len(others):
        wanted = np.zeros(n_groups, dtype=bool)
        wanted[others] = True
        by_a: dict[int, list[int]] = defaultdict(list)
        by_b: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(wanted[ga]).tolist():
            by_a[int(ga[i])].append(i)
        for j in np.flatnonzero(wanted[gb]).tolist():
            by_b[int(gb[j])].append(j)
        for g in others.tolist():
            xs = _records(a, by_a.get(g, []), person_a, fields)
            ys = _records(b, by_b.get(g, []), person_b, fields)
            i = by_a[g][0] if g in by_a else len(old) + by_b[g][0]
            s, t, k = src[i], tgt[i], typ[i]
            pairs, gone, came = _pair(xs, ys)
            seq = -len(gone) - len(came) - 1
            for _ in came:
                seq += 1
                rows.append((g, seq, {"change": "added", "source": s, "target": t,
                                      "type": k}))
            for _ in gone:
                seq += 1
                rows.append((g, seq, {"change": "removed", "source": s, "target": t,
                                      "type": k}))
            for n, (x, y) in enumerate(pairs):
                for rank, f in enumerate(fields):
                    if _typed(x[f]) != _typed(y[f]):
                        rows.append((g, n * len(fields) + rank,
                                     {"change": "changed", "source": s, "target": t,
                                      "type": k, "field": f, "old": x[f], "new": y[f]}))
    rows.sort(key=lambda r: (r[0], r[1]))
    frame = pd.DataFrame([r[2] for r in rows], columns=["change", "source", "target", "type",
                                                       "field", "old", "new"], dtype=object)
    return frame.astype(object).where(frame.notna(), None)
