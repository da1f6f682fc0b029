"""The node and edge comparison of diff (SPEC section 7, :mod:`graphkit.analysis._diff_tables`),
column by column, against a reading of the section cell by cell in plain Python, on random
tables of every column type the public frames have (and some they do not: mixed Python
values, a column on one side only, repeated relationships, people)."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import vocab as V
from graphkit.analysis._diff_tables import compare_edges, compare_nodes

# --- the reading, one cell at a time ---------------------------------------------------


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return None if isinstance(value, str) and value == "" else value


def _typed(value: Any) -> tuple[Any, ...]:
    """120 equals 120.0, True is not 1, blank is missing."""
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        return (2, value)
    return (3, str(value))


def _cells(frame: pd.DataFrame, names: list[str]) -> dict[str, list[Any]]:
    return {c: ([_plain(v) for v in frame[c].tolist()] if c in frame.columns
                else [None] * len(frame)) for c in names}


def _reference_nodes(old: pd.DataFrame, new: pd.DataFrame) -> list[dict[str, Any]]:
    extras = sorted((set(old.columns) | set(new.columns)) - set(V.NODE_COLUMNS))
    fields = ["label", "kind", "name", "members", "rating", "joint", *extras]
    sides = []
    for frame in (old, new):
        cols = _cells(frame, ["id", *fields])
        for f in ("members", "rating"):  # blank = 0
            cols[f] = [0 if v is None else v for v in cols[f]]
        sides.append({nid: {f: cols[f][i] for f in fields}
                      for i, nid in enumerate(cols["id"])})
    a, b = sides

    def listed(change: str, nid: str, row: dict[str, Any]) -> dict[str, Any]:
        return {"change": change, "id": nid, "label": row["label"],
                "name": nid if row["label"] == V.PERSON else row["name"], "field": None,
                "old": None, "new": None}

    out = [listed("added", nid, b[nid]) for nid in sorted(b.keys() - a.keys())]
    out += [listed("removed", nid, a[nid]) for nid in sorted(a.keys() - b.keys())]
    for nid in sorted(a.keys() & b.keys()):
        ra, rb = a[nid], b[nid]
        person = V.PERSON in (ra["label"], rb["label"])
        for f in sorted(("label", "kind") if person else fields):
            if _typed(ra[f]) != _typed(rb[f]):
                out.append({"change": "changed", "id": nid, "label": rb["label"],
                            "name": nid if person else rb["name"], "field": f,
                            "old": ra[f], "new": rb[f]})
    return out


def _reference_edges(old: pd.DataFrame, new: pd.DataFrame, people: set[str]
                     ) -> list[dict[str, Any]]:
    extras = sorted((set(old.columns) | set(new.columns)) - set(V.EDGE_COLUMNS))
    fields = sorted(["mode", "since", *extras])

    def records(edges: pd.DataFrame) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        cols = _cells(edges, ["source", "target", "type", *fields])
        got: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for i in range(len(edges)):
            s, t, k = cols["source"][i], cols["target"][i], cols["type"][i]
            person = s in people or t in people  # a Person's relationship: its mode only
            got[(s, t, k)].append({f: None if person and f != "mode" else cols[f][i]
                                   for f in fields})
        return got

    def order(r: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(_typed(v) for v in r.values())

    a, b = records(old), records(new)
    out: list[dict[str, Any]] = []
    for key in sorted(a.keys() | b.keys()):
        xs, ys = sorted(a.get(key, []), key=order), sorted(b.get(key, []), key=order)
        if len(xs) == 1 and len(ys) == 1:
            pairs, gone, came = [(xs[0], ys[0])], [], []
        else:  # equal modes paired first, the rest in order
            pairs, gone, came = [], [], list(ys)
            for x in xs:
                y = next((y for y in came if y["mode"] == x["mode"]), None)
                if y is None:
                    gone.append(x)
                else:
                    came.remove(y)
                    pairs.append((x, y))
            n = min(len(gone), len(came))
            pairs += list(zip(gone[:n], came[:n], strict=True))
            gone, came = gone[n:], came[n:]
        s, t, k = key
        out += [{"change": "added", "source": s, "target": t, "type": k} for _ in came]
        out += [{"change": "removed", "source": s, "target": t, "type": k} for _ in gone]
        for x, y in pairs:
            out += [{"change": "changed", "source": s, "target": t, "type": k, "field": f,
                     "old": x[f], "new": y[f]}
                    for f in fields if _typed(x[f]) != _typed(y[f])]
    return out


# --- random tables -------------------------------------------------------------------


def _column(r: random.Random, n: int, kind: str) -> Any:
    pick = {  # values of each column type, with its missing values
        "Int64": [None, 0, 1, 120, 2**60 + 1], "float": [math.nan, 0.0, 1.0, 120.0, 2.0**60],
        "Float64": [None, 0.0, 120.0, 1.5], "bool": [True, False],
        "boolean": [True, False, None], "str": ["", "a", "120", None, "甲"],
        "mixed": ["", "a", 1, 120, 120.0, True, None], "objint": [1, 2, None]}[kind]
    values = [r.choice(pick) for _ in range(n)]
    if kind in ("Int64", "Float64", "boolean"):
        return pd.array(values, kind)
    if kind in ("float", "bool"):
        return np.array(values)
    return pd.Series(values, dtype=object)


_KINDS = ["Int64", "float", "Float64", "bool", "boolean", "str", "mixed", "objint"]
_IDS = ["n1", "n2", "n10", "甲", "z", "Z", "ｚ", "😀", "a b"]


def _nodes(r: random.Random, ids: list[str]) -> pd.DataFrame:
    n = len(ids)
    d: dict[str, Any] = {
        "id": pd.Series(ids, dtype=object),
        "label": [r.choice(["Unit", "Person", "Community"]) for _ in ids],
        "name": pd.Series([r.choice(["x", "y", ""]) for _ in ids], dtype=object),
        "kind": pd.Series([r.choice(["enterprise", "member", ""]) for _ in ids], dtype=object)}
    for c in ("members", "rating"):
        if r.random() < 0.8:
            d[c] = _column(r, n, r.choice(["Int64", "float", "str", "mixed"]))
    d["joint"] = _column(r, n, r.choice(["bool", "boolean"]))
    for c in ("x1", "x2"):
        if r.random() < 0.6:
            d[c] = _column(r, n, r.choice(_KINDS))
    return pd.DataFrame(d)


def _edges(r: random.Random, n: int) -> pd.DataFrame:
    ends = _IDS[:4]
    d: dict[str, Any] = {
        "source": [r.choice(ends) for _ in range(n)], "target": [r.choice(ends) for _ in range(n)],
        "type": [r.choice(["BELONGS_TO", "PART_OF"]) for _ in range(n)],
        "mode": pd.Series([r.choice(["", "m1", "m2"]) for _ in range(n)], dtype=object),
        "since": pd.Series([r.choice(["", "2020", "2021"]) for _ in range(n)], dtype=object)}
    for c in ("y1", "y2"):
        if r.random() < 0.6:
            d[c] = _column(r, n, r.choice(_KINDS))
    return pd.DataFrame(d)


def _typed_rows(rows: list[dict[str, Any]], columns: list[str]) -> list[tuple[Any, ...]]:
    """Each value with its type: 120 and 120.0 are told apart here."""
    return [tuple((type(v).__name__, repr(v)) for v in (row.get(c) for c in columns))
            for row in rows]


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32))
def test_nodes_column_by_column_equal_the_reading_cell_by_cell(seed: int) -> None:
    r = random.Random(seed)
    old, new = (_nodes(r, r.sample(_IDS, r.randint(0, len(_IDS)))) for _ in range(2))
    if r.random() < 0.3:  # an extra property on one side only
        new = new.drop(columns=[c for c in new.columns if c.startswith("x")][:1])
    got = compare_nodes(old, new)
    cols = list(got.columns)
    assert _typed_rows(got.to_dict("records"), cols) == _typed_rows(
        _reference_nodes(old, new), cols)


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 2**32))
def test_edges_column_by_column_equal_the_reading_cell_by_cell(seed: int) -> None:
    r = random.Random(seed)
    old, new = _edges(r, r.randint(0, 14)), _edges(r, r.randint(0, 14))
    people = set(r.sample(_IDS[:4], r.randint(0, 2)))
    got = compare_edges(old, new, people)
    cols = list(got.columns)
    want = [{**row, **{c: None for c in cols if c not in row}}
            for row in _reference_edges(old, new, people)]
    assert _typed_rows(got.to_dict("records"), cols) == _typed_rows(want, cols)


def test_integers_beyond_2_53_and_floats_compare_exactly() -> None:
    """NumPy would round 2**53 + 1 to the float 2**53; Python does not."""
    old = pd.DataFrame({"id": ["u"], "label": ["Unit"], "big": pd.array([2**53 + 1], "Int64")})
    new = pd.DataFrame({"id": ["u"], "label": ["Unit"], "big": [float(2**53)]})
    got = compare_nodes(old, new)
    assert got[["field", "old", "new"]].values.tolist() == [["big", 2**53 + 1, 2.0**53]]
    same = pd.DataFrame({"id": ["u"], "label": ["Unit"], "big": [float(2**53)]})
    assert compare_nodes(new, same).empty
