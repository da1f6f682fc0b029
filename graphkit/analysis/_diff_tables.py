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


def _columns(frame: pd.DataFrame, names: list[str]) -> dict[str, list[Any]]:
    return {c: ([plain(v) for v in frame[c].tolist()] if c in frame.columns
                else [None] * len(frame)) for c in names}


def compare_nodes(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Added, removed and changed nodes.

    Returns
    -------
    pandas.DataFrame
        Columns ``change`` (``added``, ``removed``, ``changed``), ``id``, ``label``,
        ``name``, ``field``, ``old``, ``new``; ``field``/``old``/``new`` are set on
        ``changed`` rows only (one row per changed field). Sorted by change, id, field.
    """
    extras = sorted((set(old.columns) | set(new.columns)) - set(V.NODE_COLUMNS))
    fields = list(NODE_FIELDS) + extras
    sides = []
    for frame in (old, new):
        cols = _columns(frame, ["id", *fields])
        for f in ("members", "rating"):  # SPEC 7: compared with SPEC 1's default, blank = 0
            if f in cols:
                cols[f] = [0 if v is None else v for v in cols[f]]
        rows = {nid: {f: cols[f][i] for f in fields} for i, nid in enumerate(cols["id"])}
        sides.append(rows)
    a, b = sides
    out: list[dict[str, Any]] = []

    def listed(change: str, nid: str, row: dict[str, Any]) -> dict[str, Any]:
        person = row["label"] == V.PERSON
        return {"change": change, "id": nid, "label": row["label"],
                "name": nid if person else row["name"], "field": None, "old": None,
                "new": None}

    for nid in sorted(b.keys() - a.keys()):
        out.append(listed("added", nid, b[nid]))
    for nid in sorted(a.keys() - b.keys()):
        out.append(listed("removed", nid, a[nid]))
    for nid in sorted(a.keys() & b.keys()):
        ra, rb = a[nid], b[nid]
        person = V.PERSON in (ra["label"], rb["label"])
        for f in sorted(_PERSON_FIELDS if person else fields):
            if _typed(ra[f]) != _typed(rb[f]):
                label = rb["label"]
                out.append({"change": "changed", "id": nid, "label": label,
                            "name": nid if person else rb["name"], "field": f,
                            "old": ra[f], "new": rb[f]})
    return pd.DataFrame(out, columns=["change", "id", "label", "name", "field", "old", "new"],
                        dtype=object)


def _edge_records(edges: pd.DataFrame, people: set[str], fields: list[str]
                  ) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    cols = _columns(edges, ["source", "target", "type", *fields])
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for i in range(len(edges)):
        s, t, k = cols["source"][i], cols["target"][i], cols["type"][i]
        if s in people or t in people:
            rec = {f: (cols[f][i] if f == "mode" else None) for f in fields}
        else:
            rec = {f: cols[f][i] for f in fields}
        out[(s, t, k)].append(rec)
    return out


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
    """
    extras = sorted((set(old.columns) | set(new.columns)) - set(V.EDGE_COLUMNS))
    fields = list(EDGE_FIELDS) + extras
    a = _edge_records(old, people, fields)
    b = _edge_records(new, people, fields)
    out: list[dict[str, Any]] = []
    for key in sorted(a.keys() | b.keys()):
        pairs, gone, came = _pair(a.get(key, []), b.get(key, []))
        s, t, k = key
        for _ in came:
            out.append({"change": "added", "source": s, "target": t, "type": k})
        for _ in gone:
            out.append({"change": "removed", "source": s, "target": t, "type": k})
        for x, y in pairs:
            for f in sorted(fields):
                if _typed(x[f]) != _typed(y[f]):
                    out.append({"change": "changed", "source": s, "target": t, "type": k,
                                "field": f, "old": x[f], "new": y[f]})
    frame = pd.DataFrame(out, columns=["change", "source", "target", "type", "field", "old",
                                       "new"], dtype=object)
    return frame.astype(object).where(frame.notna(), None)
