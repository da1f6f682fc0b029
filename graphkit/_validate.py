"""Parsing and validation of node and edge tables (SPEC section 1).

Two stages: ``parse_*`` turn all-string tables into typed frames (integers, booleans,
typed extra columns) and ``check`` applies the semantic rules (ids, labels, kinds, edge
endpoints, allowed pairs, COVERS modes, REPORTS_TO cycles, ...). Both append
:class:`~graphkit.errors.Problem` records to a list instead of raising, so that every
problem of every file is reported at once. ``check`` also runs on frames that come from a
NetworkX graph or from Neo4j, where there are no line numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import networkx as nx
import numpy as np
import pandas as pd

from . import vocab as V
from ._frames import text_as_object
from .errors import Problem

# ASCII digits only: Python's \d also matches Arabic-Indic and full-width digits
_INT = re.compile(r"^[+-]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[+-]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = {"true", "1", "yes", "y", "是"}
_FALSE = {"false", "0", "no", "n", "否", ""}

LINE = "_line"


def _line_of(frame: pd.DataFrame, idx: object) -> int | None:
    if LINE not in frame.columns:
        return None
    value = frame.at[idx, LINE]
    return None if pd.isna(value) else int(value)


def _text(series: pd.Series) -> pd.Series:
    """As object-dtype text, missing values as ``""``."""
    return series.astype(object).where(series.notna(), "")


def _uniques(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes and distinct values of a text column: most columns that get parsed (labels,
    kinds, types, numbers, dates) have few distinct values, so work on those only."""
    codes, uniques = pd.factorize(_text(series), sort=False)
    return codes, pd.Series(np.asarray(uniques, dtype=object), dtype=object)


def _spread(values: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per-distinct-value results back onto the rows."""
    return pd.Series(values.array.take(codes), index=index, dtype=values.dtype)


def _strip(series: pd.Series) -> pd.Series:
    codes, uniques = _uniques(series)
    return _spread(uniques.str.strip().astype(object), codes, series.index)


def _fits_int64(text: pd.Series) -> pd.Series:
    """Which strings are short enough to be an int64 (longer integers would overflow, or be
    refused by int() past 4300 digits); only meaningful where ``_INT`` matches."""

    def fits(v: str) -> bool:
        digits = v.lstrip("+-")
        if len(digits) != 19:
            return len(digits) < 19
        return digits.isascii() and digits.isdigit() and -(2**63) <= int(v) < 2**63

    return text.map(fits).astype(bool)


def infer_column(values: pd.Series) -> pd.Series:
    """Type an extra column from its non-blank string cells: int, float, bool or str.

    Integers with a leading zero (``"0758"``) stay strings, so phone numbers and codes keep
    their digits. Blank cells become missing values.
    """
    codes, uniques = _uniques(values)
    index = values.index
    stripped = uniques.str.strip()
    filled = stripped[stripped != ""]
    if filled.empty:
        return pd.Series([pd.NA] * len(values), index=index, dtype=object)
    is_int = filled.str.match(_INT).all()
    if is_int and _fits_int64(filled).all():
        typed = pd.Series(pd.NA, index=uniques.index, dtype="Int64")
        typed[filled.index] = filled.astype("int64")
        return _spread(typed, codes, index)
    # integers beyond int64 and floats beyond float64 (1e309) stay text, digits intact
    floats = filled.astype("float64") if not is_int and filled.str.match(_FLOAT).all() else None
    if floats is not None and np.isfinite(floats.to_numpy()).all():
        typed = pd.Series(pd.NA, index=uniques.index, dtype="Float64")
        typed[filled.index] = floats
        return _spread(typed, codes, index)
    lowered = filled.str.lower()
    if lowered.isin(["true", "false"]).all():
        typed = pd.Series(pd.NA, index=uniques.index, dtype="boolean")
        typed[filled.index] = lowered == "true"
        return _spread(typed, codes, index)
    kept = pd.Series([v if v != "" else None for v in uniques], dtype=object)
    return _spread(kept, codes, index)


def infer_values(values: Sequence[object], index: pd.Index | None = None) -> pd.Series:
    """Type a column of Python values (from a graph or a database) the way CSV cells are."""
    s = pd.Series(list(values), index=index, dtype=object)
    present = s[s.map(lambda v: v is not None and v is not pd.NA)]
    if present.empty:
        return pd.Series([pd.NA] * len(s), index=s.index, dtype=object)
    if present.map(lambda v: isinstance(v, bool)).all():
        return s.astype("boolean")
    if present.map(lambda v: isinstance(v, int) and not isinstance(v, bool)).all():
        return s.astype("Int64")
    if present.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool)).all():
        return s.astype("Float64")
    return pd.Series([None if v is None or v is pd.NA else v for v in s], index=s.index,
                     dtype=object)


#: What a message shows instead of a Person's attribute value (members' personal data).
WITHHELD = "a value withheld (Person data)"


def _shown(frame: pd.DataFrame, idx: object, col: str) -> str:
    """The cell quoted for a message, unless the row is a Person's (then withheld)."""
    if "label" in frame.columns and str(frame.at[idx, "label"]).strip() == V.PERSON:
        return WITHHELD
    return repr(frame.at[idx, col])


def _parse_int(
    frame: pd.DataFrame, col: str, file: str, lo: int, hi: int | None,
    problems: list[Problem], what: str,
) -> pd.Series:
    if col not in frame.columns:
        return pd.Series(0, index=frame.index, dtype="int64")
    codes, uniques = _uniques(frame[col])
    text = uniques.str.strip()
    ok_format = (text.str.match(_INT) & _fits_int64(text)) | (text == "")
    nums_u = pd.Series(0, index=uniques.index, dtype="int64")
    good = ok_format & (text != "")
    nums_u[good] = text[good].astype("int64").to_numpy()  # no float detour past 2**53
    in_range = (nums_u >= lo) & ((nums_u <= hi) if hi is not None else True)
    bad = _spread(~ok_format | ~in_range, codes, frame.index)
    nums = _spread(nums_u, codes, frame.index)
    for idx in frame.index[bad]:
        problems.append(Problem(
            "error", file, _line_of(frame, idx), col,
            f"{col} must be {what}, got {_shown(frame, idx, col)}",
        ))
    return nums.where(~bad, 0)


def _parse_bool(frame: pd.DataFrame, col: str, file: str, problems: list[Problem]) -> pd.Series:
    if col not in frame.columns:
        return pd.Series(False, index=frame.index, dtype=bool)
    codes, uniques = _uniques(frame[col])
    text = _spread(uniques.str.strip().str.lower().astype(object), codes, frame.index)
    bad = ~(text.isin(_TRUE) | text.isin(_FALSE))
    for idx in frame.index[bad]:
        problems.append(Problem(
            "error", file, _line_of(frame, idx), col,
            f"{col} must be true or false, got {_shown(frame, idx, col)}",
        ))
    return text.isin(_TRUE).astype(bool)


def _missing_columns(
    frame: pd.DataFrame, required: Sequence[str], file: str, problems: list[Problem]
) -> bool:
    missing = [c for c in required if c not in frame.columns]
    for col in missing:
        problems.append(Problem(
            "error", file, 1, col,
            f"missing required column {col!r} "
            f"(columns found: {', '.join(map(str, frame.columns))})",
        ))
    return bool(missing)


def parse_nodes(
    raw: pd.DataFrame, file: str, lines: Sequence[int], problems: list[Problem]
) -> pd.DataFrame | None:
    """Typed node table from an all-string table, or ``None`` if a required column is missing."""
    if _missing_columns(raw, V.NODE_REQUIRED, file, problems):
        return None
    raw = raw.reset_index(drop=True)
    out = pd.DataFrame(index=raw.index)
    out["id"] = raw["id"].astype(object)
    out["label"] = _strip(raw["label"])
    out["name"] = raw["name"].astype(object)
    out["kind"] = _strip(raw["kind"]) if "kind" in raw.columns else ""
    withline = raw.assign(**{LINE: list(lines)})
    out["members"] = _parse_int(withline, "members", file, 0, None, problems, "an integer >= 0")
    out["rating"] = _parse_int(withline, "rating", file, 0, 5, problems, "an integer 0..5")
    out["joint"] = _parse_bool(withline, "joint", file, problems)
    for col in sorted(c for c in raw.columns if c not in V.NODE_COLUMNS):
        out[col] = infer_column(raw[col])
    out[LINE] = list(lines)
    return out


def parse_edges(
    raw: pd.DataFrame, file: str, lines: Sequence[int], problems: list[Problem]
) -> pd.DataFrame | None:
    """Typed edge table from an all-string table, or ``None`` if a required column is missing."""
    if _missing_columns(raw, V.EDGE_REQUIRED, file, problems):
        return None
    raw = raw.reset_index(drop=True)
    out = pd.DataFrame(index=raw.index)
    out["source"] = raw["source"].astype(object)
    out["target"] = raw["target"].astype(object)
    out["type"] = _strip(raw["type"])
    out["mode"] = _strip(raw["mode"]) if "mode" in raw.columns else ""
    out["since"] = _strip(raw["since"]) if "since" in raw.columns else ""
    for col in sorted(c for c in raw.columns if c not in V.EDGE_COLUMNS):
        out[col] = infer_column(raw[col])
    out[LINE] = list(lines)
    return out


def _check_nodes(nodes: pd.DataFrame, file: str, problems: list[Problem]) -> pd.DataFrame:
    def err(idx: object, col: str | None, msg: str, severity: str = "error") -> None:
        problems.append(Problem(severity, file, _line_of(nodes, idx), col, msg))

    ids = _text(nodes["id"])
    nodes["id"] = ids
    empty = pd.Series([isinstance(i, str) and not i.strip() for i in ids.tolist()],
                      index=ids.index, dtype=bool)
    for idx in nodes.index[empty]:
        err(idx, "id", "empty id")
    dup = ids.duplicated(keep="first") & ~empty
    if dup.any():
        first = {i: idx for idx, i in zip(nodes.index[~dup], ids[~dup], strict=True)}
        for idx in nodes.index[dup]:
            line = _line_of(nodes, first[ids[idx]])
            at = f" (first at line {line})" if line is not None else ""
            err(idx, "id", f"duplicate id {ids[idx]!r}{at}")
    labels = nodes["label"]
    unknown = ~labels.isin(V.LABELS)
    for idx in nodes.index[unknown]:
        err(idx, "label", f"unknown label {labels[idx]!r} for node {ids[idx]!r}; "
                          f"expected one of {', '.join(V.LABELS)}")
    # labels and kinds as codes: few distinct values, so test those, not every row
    given = nodes["kind"]
    label_code, label_u = _codes(labels)
    kind_code, kind_u = _codes(given)
    label_u, kind_u = label_u.tolist(), kind_u.tolist()
    blank_kind = kind_code == (kind_u.index("") if "" in kind_u else -1)
    kinds = given.to_numpy(dtype=object).copy()
    for label, allowed in V.KINDS.items():
        if allowed is None or label not in label_u:
            continue
        mask = label_code == label_u.index(label)
        blank = mask & blank_kind
        kinds[blank] = allowed[0]
        known = np.array([k in allowed for k in kind_u], dtype=bool)
        for idx in nodes.index[mask & ~blank & ~known[kind_code]]:
            err(idx, "kind", f"unknown kind {given[idx]!r} for {label} {ids[idx]!r}; "
                             f"expected one of {', '.join(allowed)}")
    nodes["kind"] = pd.Series(kinds, index=nodes.index, dtype=object)
    not_org = labels != V.PARTY_ORG
    for col, active in (("rating", nodes["rating"] != 0), ("joint", nodes["joint"])):
        for idx in nodes.index[not_org & active & ~unknown]:
            err(idx, col, f"{col} applies to PartyOrg only; ignored for "
                          f"{labels[idx]} {ids[idx]!r}", "warning")
    return nodes


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=False)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _allowed_pairs(types: pd.Series, src: pd.Series, tgt: pd.Series) -> np.ndarray:
    """Whether each edge's (type, source label, target label) is in ``V.PAIRS``, decided
    once per distinct triple (there are few)."""
    (t, t_u), (a, a_u), (b, b_u) = _codes(types), _codes(src), _codes(tgt)
    per_edge, keys = pd.factorize((t * len(a_u) + a) * len(b_u) + b)
    ok = []
    for key in keys.tolist():
        key, j = divmod(key, len(b_u))
        k, i = divmod(key, len(a_u))
        ok.append((a_u[i], b_u[j]) in V.PAIRS.get(t_u[k], frozenset()))
    return np.array(ok, dtype=bool)[per_edge]


def _duplicate_edges(edges: pd.DataFrame, n_nodes: int, src_pos: np.ndarray,
                     tgt_pos: np.ndarray) -> np.ndarray:
    """``edges.duplicated(["source", "target", "type"], keep="first")`` on integers: node
    positions for the endpoints (ids that are no node get codes of their own after them)."""
    cols = []
    for ids, pos in ((edges["source"], src_pos), (edges["target"], tgt_pos)):
        pos = pos.astype(np.int64)
        unknown = pos < 0
        if unknown.any():
            pos[unknown] = n_nodes + _codes(ids[unknown])[0]
        cols.append(pos)
    cols.append(_codes(edges["type"])[0])
    return pd.DataFrame({"s": cols[0], "t": cols[1], "y": cols[2]}).duplicated(
        keep="first").to_numpy()


def _check_edges(
    nodes: pd.DataFrame, edges: pd.DataFrame, file: str, problems: list[Problem]
) -> pd.DataFrame:
    def err(idx: object, col: str | None, msg: str, severity: str = "error") -> None:
        problems.append(Problem(severity, file, _line_of(edges, idx), col, msg))

    first = nodes.drop_duplicates("id").set_index("id")
    kind_of = first["kind"]
    for col in ("source", "target"):
        edges[col] = _text(edges[col])
    types = edges["type"]
    known_type = types.isin(V.REL_TYPES)
    for idx in edges.index[~known_type]:
        err(idx, "type", f"unknown relationship type {types[idx]!r}; "
                         f"expected one of {', '.join(V.REL_TYPES)}")
    # endpoints as node positions (-1: no such node): labels by position, and integer
    # keys for the duplicate test below
    src_pos = first.index.get_indexer(edges["source"])
    tgt_pos = first.index.get_indexer(edges["target"])
    node_labels = np.append(first["label"].to_numpy(dtype=object), "")  # [-1] -> ""
    src_ok = pd.Series(src_pos >= 0, index=edges.index)
    tgt_ok = pd.Series(tgt_pos >= 0, index=edges.index)
    src_label = pd.Series(node_labels[src_pos], index=edges.index, dtype=object)
    tgt_label = pd.Series(node_labels[tgt_pos], index=edges.index, dtype=object)
    for col, ok in (("source", src_ok), ("target", tgt_ok)):
        for idx in edges.index[~ok]:
            value = edges.at[idx, col]
            msg = f"empty {col}" if not value.strip() else f"{col} {value!r} is not a node id"
            err(idx, col, msg)
    pair_ok = pd.Series(_allowed_pairs(types, src_label, tgt_label), index=edges.index)
    for idx in edges.index[known_type & src_ok & tgt_ok & ~pair_ok]:
        t = types[idx]
        pairs = ", ".join(f"{a}->{b}" for a, b in sorted(V.PAIRS[t]))
        err(idx, "type", f"{t} cannot go from {src_label[idx]} {edges.at[idx, 'source']!r} "
                         f"to {tgt_label[idx]} {edges.at[idx, 'target']!r}; allowed: {pairs}")
    covers = types == V.COVERS
    mode = edges["mode"]
    for idx in edges.index[covers & ~mode.isin(V.COVER_MODES)]:
        err(idx, "mode", f"COVERS needs mode {' or '.join(V.COVER_MODES)}, got {mode[idx]!r}")
    since = edges["since"]
    codes, dates = _uniques(since)
    not_iso = _spread((dates != "") & ~dates.str.match(_ISO_DATE), codes, edges.index)
    for idx in edges.index[not_iso]:
        shown = WITHHELD if src_label[idx] == V.PERSON else repr(since[idx])
        err(idx, "since", f"since {shown} is not an ISO date YYYY-MM-DD", "warning")
    dup = pd.Series(_duplicate_edges(edges, len(first), src_pos, tgt_pos), index=edges.index)
    for idx in edges.index[dup]:
        err(idx, None, f"duplicate {types[idx]} edge {edges.at[idx, 'source']!r} -> "
                       f"{edges.at[idx, 'target']!r}; only the first is kept", "warning")
    edges = edges[~dup]
    ok = (known_type & src_ok & tgt_ok & pair_ok)[~dup]
    valid = edges[ok].assign(_sl=src_label[~dup][ok], _tl=tgt_label[~dup][ok])

    reports = valid[valid["type"] == V.REPORTS_TO]
    # only edges between nodes that both send and receive REPORTS_TO can lie on a cycle:
    # peel the rest off level by level (vectorized) before looking for cycles
    while len(reports):
        inner = reports["target"].isin(reports["source"]) & reports["source"].isin(
            reports["target"])
        if inner.all():
            break
        reports = reports[inner]
    g = nx.DiGraph()
    g.add_edges_from(zip(reports["source"], reports["target"], strict=True))
    for comp in nx.strongly_connected_components(g):
        if len(comp) == 1:
            (n,) = comp
            if not g.has_edge(n, n):
                continue
        cycle = nx.find_cycle(g.subgraph(comp))
        path = " -> ".join([str(u) for u, _ in cycle] + [str(cycle[0][0])])
        u, v = cycle[0][0], cycle[0][1]
        at = reports.index[(reports["source"] == u) & (reports["target"] == v)][0]
        problems.append(Problem(
            "error", file, _line_of(edges, at), "target", f"REPORTS_TO cycle: {path}",
        ))

    located = valid[valid["type"] == V.LOCATED_IN]
    extra = located.duplicated("source", keep="first")
    for idx in located.index[extra]:
        unit = located.at[idx, "source"]
        places = located.loc[located["source"] == unit, "target"].tolist()
        err(idx, "source", f"Unit {unit!r} is LOCATED_IN more than one place: "
                           f"{', '.join(map(repr, places))}")

    belongs = valid[valid["type"] == V.BELONGS_TO]
    own = belongs[belongs["_tl"] == V.UNIT]
    own = own[own["target"].duplicated(keep=False)]
    counts = own.groupby("target")["source"].agg(list)
    for unit, orgs in counts[counts.map(len) > 1].items():
        idx = own.index[own["target"] == unit][1]
        err(idx, "target", f"Unit {unit!r} has more than one own organization: "
                           f"{', '.join(map(repr, sorted(orgs)))}", "warning")
    guides = valid[valid["type"] == V.GUIDES]
    for idx in guides.index[guides["source"].map(kind_of) != "instructor"]:
        err(idx, "source", f"GUIDES from Person {guides.at[idx, 'source']!r} whose kind is "
                           f"{kind_of[guides.at[idx, 'source']]!r}, not 'instructor'", "warning")
    part_of = valid[valid["type"] == V.PART_OF]
    for child, parent in ((V.COMMUNITY, V.AREA), (V.COMPOUND, V.COMMUNITY)):
        sub = part_of[(part_of["_sl"] == child) & (part_of["_tl"] == parent)]
        several = sub.duplicated("source", keep="first")
        for idx in sub.index[several]:
            err(idx, "source", f"{child} {sub.at[idx, 'source']!r} is PART_OF more than one "
                               f"{parent}; the smallest id is used", "warning")
    return edges


def check(
    nodes: pd.DataFrame, edges: pd.DataFrame, problems: list[Problem], *,
    nodes_file: str = "nodes", edges_file: str = "edges",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Apply the semantic rules; return the cleaned frames (kinds defaulted, duplicate
    edges dropped, helper columns removed)."""
    nodes = _check_nodes(nodes.copy(), nodes_file, problems)
    edges = _check_edges(nodes, edges.copy(), edges_file, problems)
    orgs = nodes.loc[nodes["label"] == V.PARTY_ORG, "id"]
    has_home = set(edges.loc[edges["type"] == V.BELONGS_TO, "source"])
    homeless = orgs[~orgs.isin(has_home)]
    for idx in homeless.index:
        problems.append(Problem(
            "warning", nodes_file, _line_of(nodes, idx), "id",
            f"PartyOrg {nodes.at[idx, 'id']!r} ({nodes.at[idx, 'name']}) has no BELONGS_TO edge",
        ))
    nodes = text_as_object(nodes.drop(columns=[LINE], errors="ignore").reset_index(drop=True))
    edges = text_as_object(edges.drop(columns=[LINE], errors="ignore").reset_index(drop=True))
    return nodes, edges
