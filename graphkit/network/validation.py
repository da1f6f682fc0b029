"""The one validator: every input becomes a :class:`~graphkit._network.Network` here.

Files, workbooks, NetworkX graphs, records, DataFrames and Neo4j reads are first turned
into typed :class:`~graphkit._parse.Candidate` tables (:mod:`graphkit._parse`); then
:func:`validate` applies the rules of SPEC section 1 to them, collects every problem at
once, and codes what is valid: ids sorted and numbered once, edge endpoints as node codes,
labels and relationship types as codes of :mod:`graphkit.vocab`.

Each rule is one function below, named for the rule; each adds
:class:`~graphkit.errors.Problem` records (English and Chinese) and never raises. The
work is columnar (Arrow, NumPy): per-row Python runs only where a problem is reported, or
per distinct value where a column has few of them.

Examples
--------
>>> from graphkit import _parse, validation
>>> problems = _parse.Problems()
>>> nodes = _parse.from_values({"id": ["c1", "c1"], "label": ["Community", "Comunity"]},
...                            2, "nodes", edges=False, problems=problems)
>>> edges = _parse.from_values({}, 0, "edges", edges=True, problems=problems)
>>> validation.validate(nodes, edges, problems) is None
True
>>> [p.code for p in problems]
['duplicate_id', 'unknown_label']
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..errors import Problem, in_languages
from ._network import Network, coded
from ._parse import Candidate, Problems
from ._text import any_byte_in, byte_set, first_byte_in, folded_array

__all__ = ["NodeChecks", "check_nodes", "sort_problems", "suggest", "validate"]

_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NO = -1  # code of a missing label / type / node


def _np(arr: pa.Array | pa.ChunkedArray, dtype: type | str = np.int64, fill: int = _NO
        ) -> np.ndarray:
    """An Arrow array of integers (nulls as `fill`) or booleans as a NumPy array."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_boolean(arr.type):
        return np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)
    if arr.null_count:
        arr = pc.fill_null(arr.cast(pa.int64()), fill)
    return arr.to_numpy(zero_copy_only=False).astype(dtype)


def _array(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """`arr` as one contiguous array (a chunked one combined)."""
    if isinstance(arr, pa.ChunkedArray):
        return arr.chunk(0) if arr.num_chunks == 1 else arr.combine_chunks()
    return arr


def _chunks(arr: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    return arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]


def _values(arr: pa.Array | pa.ChunkedArray, rows: np.ndarray) -> list:
    """The Python values of `arr` at `rows`, fetched in one go (for messages)."""
    return arr.take(pa.array(np.asarray(rows, dtype=np.int64))).to_pylist() if len(rows) else []


def _codes_in(values: pa.Array, vocabulary: Sequence[str]) -> np.ndarray:
    """Index of each value in `vocabulary` (fewer than 128 words), -1 when it is not there,
    as int8 (a dictionary array is looked up once per distinct value)."""
    vocab = pa.array(list(vocabulary), pa.string())
    if isinstance(values, pa.DictionaryArray):
        per_value = _np(pc.index_in(values.dictionary, value_set=vocab), np.int8)
        return per_value[values.indices.to_numpy(zero_copy_only=False)]
    return _np(pc.index_in(values, value_set=vocab), np.int8)


# --- "did you mean" -------------------------------------------------------------------------

_ZH_NAMES: dict[str, str] = {
    **{zh: label for label, zh in V.LABEL_NAMES_ZH.items()},
    **{zh: kind for kind, zh in V.KIND_NAMES_ZH.items()},
    "挂靠": "affiliated", "挂靠组建": "affiliated", "联合": "joint", "联合组建": "joint",
    "党委": "committee", "党总支": "general_branch", "党支部": "branch", "企业": "enterprise",
    "街道": "street", "镇": "town", "社区": "Community", "小区": "Compound",
}


def suggest(value: str, choices: Sequence[str]) -> str | None:
    """The choice `value` was probably meant to be: the same but for case, its Chinese
    name, or a close spelling; ``None`` when nothing is close. Only a suggestion: the value
    is never accepted for it.

    Examples
    --------
    >>> suggest("unit", ["Unit", "Area"]), suggest("机关", ["organ", "soe"])
    ('Unit', 'organ')
    >>> suggest("挂靠", ["joint", "affiliated"]), suggest("zzz", ["joint"]) is None
    ('affiliated', True)
    """
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return lowered[value.lower()]
    folded = value.replace(" ", "_").replace("-", "_").lower()
    if folded in lowered:
        return lowered[folded]
    zh = _ZH_NAMES.get(value.strip())
    if zh in choices:
        return zh
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return close[0] if close else None


@functools.lru_cache(maxsize=4096)
def _hint(value: str, choices: tuple[str, ...]) -> tuple[str, str]:
    """The "did you mean" of a message (computed once per distinct value)."""
    s = suggest(value, choices) if value else None
    return (f"; did you mean {s!r}?", f"；是否应为 {s!r}？") if s else ("", "")


def _label(label: str) -> dict[str, str]:
    """A label as messages name it: ``Unit`` in English; in Chinese its name with the word
    of the file beside it, ``单位（Unit）``, which a planner can search the file for."""
    return in_languages(en=label, zh=f"{V.LABEL_NAMES_ZH[label]}（{label}）")


# --- nodes ----------------------------------------------------------------------------------


def check_ids(nodes: Candidate, problems: Problems) -> tuple[np.ndarray, pa.Array]:
    """Ids: none empty, none repeated; warn about ids that differ only in white space or
    full-width form. Return the rows to keep (the first of each non-empty id) in id order,
    and their ids (sorted)."""
    ids = nodes.columns["id"]
    n = len(ids)
    empty = np.zeros(n, dtype=bool)
    maybe = np.flatnonzero(first_byte_in(ids, _MAYBE_SPACE))  # only these can be blank
    if len(maybe):
        empty[maybe] = _np(pc.equal(pc.utf8_trim_whitespace(ids.take(pa.array(maybe))), ""),
                           bool)
    for i in np.flatnonzero(empty):
        problems.add("error", nodes.file, nodes.line(i), "id", "empty_id", "empty id",
                     "编号为空")
    order = _np(pc.sort_indices(ids), np.int64)  # stable: the first row of a run comes first
    if len(maybe):
        order = order[~empty[order]]
    sorted_ids = _array(ids.take(pa.array(order)))
    same = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        same[1:] = _np(pc.equal(sorted_ids.slice(1), sorted_ids.slice(0, len(order) - 1)),
                       bool)
    if same.any():
        first_of_run = np.maximum.accumulate(np.where(~same, np.arange(len(order)), 0))
        for j in np.flatnonzero(same):
            i, first = order[j], order[first_of_run[j]]
            value = sorted_ids[j].as_py()
            line = nodes.line(first)
            at = f" (first at line {line})" if line is not None else ""
            at_zh = f"（首次出现在第 {line} 行）" if line is not None else ""
            problems.add("error", nodes.file, nodes.line(i), "id", "duplicate_id",
                         f"duplicate id {value!r}{at}", f"编号 {value!r} 重复{at_zh}")
        order = order[~same]
        sorted_ids = sorted_ids.filter(pa.array(~same))
    check_id_twins(nodes, sorted_ids, order, problems)
    return order, sorted_ids


#: Bytes of an id that :func:`~graphkit.network._text.folded` may change: the ASCII white
#: space it removes (``\t\n\v\f\r``, ``\x1c``-``\x1f``, the space), and every byte
#: beyond ASCII.
_ODD_BYTES = byte_set((0x09, 0x0D), (0x1C, 0x20), (0x80, 0xFF))
#: First bytes of an id that may be white space only (checked as text when so).
_MAYBE_SPACE = byte_set((0x00, 0x20), (0x7F, 0xFF))


def check_id_twins(nodes: Candidate, sorted_ids: pa.Array, rows: np.ndarray,
                   problems: Problems) -> None:
    """Warn about distinct ids equal under :func:`~graphkit.network._text.folded` (Unicode
    NFKC, white space and invisible characters removed: ``u1``, ``u1 ``, ``u１``, ``u1``
    and a zero-width space pasted from a chat app): they are different nodes, which is
    rarely what was meant."""
    if len(sorted_ids) < 2:
        return
    # an ASCII id without white space is its own key: only the others are folded (most
    # datasets have none); their bytes are read in place
    odd = np.flatnonzero(any_byte_in(sorted_ids, _ODD_BYTES))
    if len(odd) == 0:
        return
    odd_keys = folded_array(sorted_ids.take(pa.array(odd)))
    if not pc.any(pc.is_in(odd_keys, value_set=sorted_ids)).as_py() and len(
            pc.unique(odd_keys)) == len(odd_keys):
        return  # no key is another id, and no two odd ids share a key
    key = folded_array(sorted_ids)
    plain = _np(pc.equal(key, sorted_ids), bool)
    order = _np(pc.sort_indices(key), np.int64)
    k = key.take(pa.array(order))
    same = np.zeros(len(order), dtype=bool)
    same[1:] = _np(pc.equal(k.slice(1), k.slice(0, len(order) - 1)), bool)
    starts = np.flatnonzero(~same)
    ends = np.r_[starts[1:], len(order)]
    for s, e in zip(starts, ends, strict=True):
        if e - s < 2:
            continue
        group = order[s:e]
        if plain[group].all():
            continue
        names = [repr(sorted_ids[int(g)].as_py()) for g in group]
        row = int(rows[group[1:]].min())
        problems.append(Problem.said("warning", nodes.file, nodes.line(row), "id", "id_twins",
                                     names=", ".join(names)))


def check_labels(nodes: Candidate, problems: Problems) -> np.ndarray:
    """Labels of the vocabulary; return each row's label code (-1 when unknown)."""
    label = nodes.columns["label"]
    codes = _codes_in(label, V.LABELS)
    bad = np.flatnonzero(codes < 0)
    if len(bad):
        expected = ", ".join(V.LABELS)
        for i, value, nid in zip(bad, _values(label, bad), _values(nodes.columns["id"], bad),
                                 strict=True):
            hint, hint_zh = _hint(value, tuple(V.LABELS))
            if value == "":
                en = (f"empty label for node {nid!r} (merged cells? every row "
                      f"needs its label); expected one of {expected}")
                zh = (f"节点 {nid!r} 的 label 为空"
                      f"（是否合并了单元格？每行都需填写）；应为 {expected} 之一")
            else:
                en = (f"unknown label {value!r} for node {nid!r}; expected one of "
                      f"{expected}{hint}")
                zh = (f"节点 {nid!r} 的 label {value!r} 无效；"
                      f"应为 {expected} 之一{hint_zh}")
            problems.add("error", nodes.file, nodes.line(int(i)), "label", "unknown_label", en, zh)
    return codes


def check_kinds(nodes: Candidate, labels: np.ndarray, problems: Problems) -> pa.Array:
    """Kinds allowed for each label (blank: the label's default); return the kinds."""
    kind = nodes.columns["kind"]
    enc = kind if isinstance(kind, pa.DictionaryArray) else pc.dictionary_encode(kind)
    values = enc.dictionary.to_pylist()
    idx = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    pair = (labels.astype(np.int64) + 1) * max(len(values), 1) + idx  # labels -1..7
    present = np.flatnonzero(np.bincount(pair, minlength=1))
    index_of = np.zeros(present.max() + 1 if len(present) else 1, dtype=np.int64)
    index_of[present] = np.arange(len(present))
    uniq, inverse = present - max(len(values), 1), index_of[pair]
    out: list[str] = []
    bad_pairs: set[int] = set()
    for j, key in enumerate(uniq.tolist()):
        code, k = divmod(key, len(values)) if key >= 0 else (-1, key + len(values))
        value = values[k]
        allowed = V.KINDS[V.LABELS[code]] if code >= 0 else None
        if code < 0 or allowed is None:
            out.append(value)
        elif value == "":
            out.append(allowed[0])
        else:
            out.append(value)
            if value not in allowed:
                bad_pairs.add(j)
    if bad_pairs:
        rows = np.flatnonzero(np.isin(inverse, list(bad_pairs)))
        for i, value, nid in zip(rows, _values(kind, rows), _values(nodes.columns["id"], rows),
                                 strict=True):
            label = V.LABELS[labels[i]]
            allowed = V.KINDS[label] or ()
            hint, hint_zh = _hint(value, tuple(allowed))
            problems.append(Problem.said(
                "error", nodes.file, nodes.line(int(i)), "kind", "unknown_kind",
                value=repr(value), label=_label(label), id=repr(nid),
                allowed=", ".join(allowed), hint=in_languages(en=hint, zh=hint_zh)))
    return pa.array(out, pa.string()).take(pa.array(inverse))


def check_org_only(nodes: Candidate, labels: np.ndarray, problems: Problems) -> None:
    """Warn about ``rating`` / ``joint`` set on a node that is not a PartyOrg (ignored)."""
    not_org = (labels >= 0) & (labels != V.LABELS.index(V.PARTY_ORG))
    ids = nodes.columns["id"]
    for col, active in (("rating", _np(pc.fill_null(nodes.columns["rating"], 0)) != 0),
                        ("joint", _np(nodes.columns["joint"], bool))):
        rows = np.flatnonzero(not_org & active)
        for i, nid in zip(rows, _values(ids, rows), strict=True):
            problems.append(Problem.said("warning", nodes.file, nodes.line(int(i)), col,
                                         "org_only", col=col, label=_label(V.LABELS[labels[i]]),
                                         id=repr(nid)))


# --- edges ----------------------------------------------------------------------------------


#: From this many ends up, :func:`positions` joins in DuckDB (on every core) instead of
#: one Arrow hash lookup: 0.33 s against 0.73 s at 1M units (5.9M ends), 4.2 s against
#: 8.9 s at 10M (BENCHMARKS.md, issue 24's seventh round, ``bench/endpoint_lookup.py``).
JOIN_FROM = 1 << 21


def positions(values: pa.ChunkedArray | pa.Array, sorted_ids: pa.Array) -> np.ndarray:
    """The position of each of `values` in `sorted_ids` (distinct strings), -1 for a value
    that is not there (or null), as int32: the node code of each edge end.

    Examples
    --------
    >>> positions(pa.array(["b", "x", None, "a", "b"]), pa.array(["a", "b"])).tolist()
    [1, -1, -1, 0, 1]
    """
    n = len(values)
    if n < JOIN_FROM:
        return _np(pc.index_in(values, value_set=sorted_ids), np.int32)
    from ._duckdb import connect, limit_bytes, run_growing

    con, spill = connect()  # every core; spills to a folder of its own
    try:
        con.register("ids", pa.table({
            "id": sorted_ids, "pos": pa.array(np.arange(len(sorted_ids), dtype=np.int32))}))
        con.register("ends", pa.table({
            "v": values, "r": pa.array(np.arange(n, dtype=np.int64 if n >= 1 << 31
                                                 else np.int32))}))
        found = run_growing(con, lambda: con.sql(
            "SELECT r, pos FROM ends JOIN ids ON v = id").to_arrow_table(), limit_bytes())
    finally:
        con.close()
        if spill is not None:
            spill.cleanup()
    out = np.full(n, _NO, dtype=np.int32)
    out[_np(found.column("r"), np.int64)] = _np(found.column("pos"), np.int32)
    return out


class _Edges:
    """Edge rows with their codes, shared by the edge rules."""

    def __init__(self, edges: Candidate, sorted_ids: pa.Array, node_labels: np.ndarray,
                 node_kinds: pa.Array, node_joint: np.ndarray, node_people: np.ndarray):
        self.cand = edges
        self.ids = sorted_ids
        self.n = len(edges)
        self.type = _codes_in(edges.columns["type"], V.REL_TYPES)
        ends = pa.chunked_array([*_chunks(edges.columns["source"]),
                                 *_chunks(edges.columns["target"])], pa.string())
        # one lookup for both ends; node codes as int32 (the network's), labels int8
        pos = positions(ends, sorted_ids)
        self.src, self.tgt = pos[:self.n], pos[self.n:]
        with_missing = np.append(node_labels, _NO).astype(np.int8)
        self.sl = with_missing[self.src]
        self.tl = with_missing[self.tgt]
        mode = edges.columns["mode"]
        self.mode = _codes_in(mode, V.COVER_MODES)  # -1 blank or other text
        self.node_labels = node_labels
        self.node_kinds = node_kinds
        self.node_joint = node_joint
        self.node_people = np.append(node_people, False)
        self.valid = np.ones(self.n, dtype=bool)

    def line(self, i: int) -> int | None:
        return self.cand.line(i)

    def of(self, rel: str, mask: np.ndarray | None = None) -> np.ndarray:
        rows = self.valid & (self.type == V.REL_TYPES.index(rel))
        return np.flatnonzero(rows if mask is None else rows & mask)

    def ident(self, i: int) -> tuple[str, str]:
        c = self.cand.columns
        return c["source"][int(i)].as_py(), c["target"][int(i)].as_py()

    def idents(self, rows: np.ndarray) -> list[tuple[str, str]]:
        """(source, target) as written, of each row of `rows` (fetched in one go)."""
        c = self.cand.columns
        return list(zip(_values(c["source"], rows), _values(c["target"], rows), strict=True))


def check_types(e: _Edges, problems: Problems) -> None:
    """Relationship types of the vocabulary."""
    types = e.cand.columns["type"]
    bad = np.flatnonzero(e.type < 0)
    expected = ", ".join(V.REL_TYPES)
    messages: dict[str, tuple[str, str]] = {}  # one message per distinct value
    for i, value in zip(bad, _values(types, bad), strict=True):
        if value not in messages:
            hint, hint_zh = _hint(value, tuple(V.REL_TYPES))
            messages[value] = (
                f"unknown relationship type {value!r}; expected one of {expected}{hint}",
                f"关系类型 {value!r} 无效；应为 {expected} 之一{hint_zh}")
        en, zh = messages[value]
        problems.add("error", e.cand.file, e.line(int(i)), "type", "unknown_type", en, zh)
    e.valid &= e.type >= 0


def check_endpoints(e: _Edges, problems: Problems) -> None:
    """Both ends of an edge are node ids; an end that is no id but the same as one except
    for white space, invisible characters or full-width form gets that id as a hint."""
    bad = {col: np.flatnonzero(pos < 0) for col, pos in (("source", e.src), ("target", e.tgt))}
    values = {col: _values(e.cand.columns[col], rows) for col, rows in bad.items()}
    near = _near_ids(e.ids, [v for vs in values.values() for v in vs])
    for col, rows in bad.items():
        for i, value in zip(rows, values[col], strict=True):
            if not value.strip():
                problems.add("error", e.cand.file, e.line(int(i)), col, "empty_endpoint",
                             f"empty {col}", f"{col} 为空")
            elif value in near:
                problems.append(Problem.said("error", e.cand.file, e.line(int(i)), col,
                                             "unknown_endpoint_near", end=col,
                                             value=repr(value), near=repr(near[value])))
            else:
                problems.append(Problem.said("error", e.cand.file, e.line(int(i)), col,
                                             "unknown_endpoint", end=col,
                                             value=repr(value)))
    e.valid &= (e.src >= 0) & (e.tgt >= 0)


def _near_ids(ids: pa.Array, values: list[str]) -> dict[str, str]:
    """For each of `values` (ends that are no node id) the id it equals under
    :func:`~graphkit.network._text.folded`, when exactly one does (the smallest when
    several)."""
    if not values or not len(ids):
        return {}
    wanted = folded_array(pa.array(list(dict.fromkeys(values)), pa.string()))
    keys = folded_array(ids)
    hit = pc.is_in(keys, value_set=wanted)
    if not pc.any(hit).as_py():
        return {}
    found: dict[str, str] = {}
    for key, nid in zip(keys.filter(hit).to_pylist(), ids.filter(hit).to_pylist(),
                        strict=True):
        found.setdefault(key, nid)  # ids are sorted: the smallest first
    return {v: found[k] for v, k in zip(dict.fromkeys(values), wanted.to_pylist(), strict=True)
            if k in found}


def check_pairs(e: _Edges, problems: Problems) -> None:
    """Source and target labels allowed for the type (edges of nodes whose label is
    itself wrong are not checked: one problem, not a cascade)."""
    width = len(V.LABELS) + 1
    ok = _PAIR_OK[((e.type.astype(np.int32) + 1) * width + e.sl + 1) * width
                  + e.tl + 1]  # one lookup of (type, source label, target label)
    bad = np.flatnonzero(e.valid & (e.sl >= 0) & (e.tl >= 0) & ~ok)
    for i, (a, b) in zip(bad, e.idents(bad), strict=True):
        t = V.REL_TYPES[e.type[i]]
        sl, tl = V.LABELS[e.sl[i]], V.LABELS[e.tl[i]]
        pairs = ", ".join(f"{x}->{y}" for x, y in sorted(V.PAIRS[t]))
        problems.append(Problem.said("error", e.cand.file, e.line(int(i)), "type", "bad_pair",
                                     type=t, source_label=_label(sl), source=repr(a),
                                     target_label=_label(tl), target=repr(b), allowed=pairs))
    e.valid &= ok


def _pair_table() -> np.ndarray:
    """Whether (type, source label, target label) is allowed (SPEC 1), flat by ``((type +
    1) * (L + 1) + source + 1) * (L + 1) + target + 1`` over codes where -1 is unknown
    (never allowed)."""
    n_labels = len(V.LABELS) + 1
    table = np.zeros((len(V.REL_TYPES) + 1) * n_labels * n_labels, dtype=bool)
    for t, pairs in V.PAIRS.items():
        for a, b in pairs:
            table[((V.REL_TYPES.index(t) + 1) * n_labels + V.LABELS.index(a) + 1) * n_labels
                  + V.LABELS.index(b) + 1] = True
    return table


_PAIR_OK = _pair_table()


def check_cover_modes(e: _Edges, problems: Problems) -> None:
    """A COVERS edge has mode ``joint`` or ``affiliated``."""
    modes = e.cand.columns["mode"]
    covers = e.type == V.REL_TYPES.index(V.COVERS)
    bad = covers & (e.mode < 0)
    rows = np.flatnonzero(bad)
    for i, value in zip(rows, _values(modes, rows), strict=True):
        hint, hint_zh = _hint(value, tuple(V.COVER_MODES))
        problems.add("error", e.cand.file, e.line(int(i)), "mode", "covers_mode",
                     f"COVERS needs mode {' or '.join(V.COVER_MODES)}, got {value!r}{hint}",
                     f"COVERS 关系的 mode 应为 {' 或 '.join(V.COVER_MODES)}，"
                     f"实际为 {value!r}{hint_zh}")
    e.valid &= ~bad


def _is_iso_date(text: str) -> bool:
    """A real calendar date ``YYYY-MM-DD``, optionally followed by an ISO time."""
    if not _ISO_DAY.match(text):
        return False
    try:
        date.fromisoformat(text[:10])
        if len(text) > 10:
            if text[10] not in "T ":
                return False
            datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_since(e: _Edges, problems: Problems) -> None:
    """Warn about a ``since`` that is not a real ISO date (``2024-02-30``, ``2024-01-01x``)."""
    since = e.cand.columns["since"]
    enc = pc.dictionary_encode(since)
    ok = np.array([v == "" or _is_iso_date(v) for v in enc.dictionary.to_pylist()], dtype=bool)
    bad = np.flatnonzero(~ok[enc.indices.to_numpy(zero_copy_only=False)])
    for i, value in zip(bad, _values(since, bad), strict=True):
        person = e.node_people[e.src[i]] or e.node_people[e.tgt[i]]
        shown = "a value withheld (Person data)" if person else repr(value)
        problems.add("warning", e.cand.file, e.line(int(i)), "since", "since_not_date",
                     f"since {shown} is not an ISO date YYYY-MM-DD",
                     f"since {shown} 不是有效的日期（YYYY-MM-DD）")


def check_repeats(e: _Edges, problems: Problems) -> np.ndarray:
    """Warn about repeated edges (same source, target, type and mode); return the rows to
    keep (the first of each; two COVERS rows that differ in mode are two edges)."""
    if e.valid.all():  # the common case: every row taken as it is
        dup = _repeated(e.src, e.tgt, e.type.astype(np.int16) * 8 + e.mode + 1,
                        len(e.node_joint))
        repeats, keep = np.flatnonzero(dup), ~dup
    else:
        rows = np.flatnonzero(e.valid)
        dup = _repeated(e.src[rows], e.tgt[rows],
                        e.type[rows].astype(np.int16) * 8 + e.mode[rows] + 1,
                        len(e.node_joint))
        repeats = rows[dup]
        keep = np.zeros(e.n, dtype=bool)
        keep[rows[~dup]] = True
    for i, (a, b) in zip(repeats, e.idents(repeats), strict=True):
        t = V.REL_TYPES[e.type[i]]
        problems.add("warning", e.cand.file, e.line(int(i)), None, "repeated_edge",
                     f"duplicate {t} edge {a!r} -> {b!r}; only the first is kept",
                     f"重复的 {t} 关系 {a!r} -> {b!r}；只保留第一条")
    return keep


def _repeated(src: np.ndarray, tgt: np.ndarray, kind: np.ndarray, n: int) -> np.ndarray:
    """Which rows repeat an earlier (src, tgt, kind) triple (codes below `n`, kind < 128)."""
    key = src.astype(np.int64)  # one array, worked in place (it is 8 bytes a row)
    key *= n
    key += tgt
    if n >= 1 << 26:  # (pair, kind) would not fit one int64: the pairs numbered first
        key = np.unique(key, return_inverse=True)[1].astype(np.int64)
    key *= 128
    key += kind
    return _repeats(key)


def _repeats(values: np.ndarray) -> np.ndarray:
    """Which entries of `values` (integers) repeat an earlier one: a stable sort keeps the
    rows of one value in input order, and all but the first of each run repeat it (input
    in nearly sorted order, as tables grouped by type are, sorts in about one pass)."""
    out = np.zeros(len(values), dtype=bool)
    if len(values) > 1:
        order = np.argsort(values, kind="stable")
        ordered = values[order]
        out[order[1:][ordered[1:] == ordered[:-1]]] = True
    return out


def _cycles(src: np.ndarray, tgt: np.ndarray) -> list[list[int]]:
    """Directed cycles (one per strongly connected part, self-loops included) of the
    graph with edges ``src[i] -> tgt[i]``, each as its node list."""
    keep = np.ones(len(src), dtype=bool)
    while keep.any():  # only nodes that both send and receive can lie on a cycle
        s, t = src[keep], tgt[keep]
        inner = keep & np.isin(tgt, s) & np.isin(src, t)
        if (inner == keep).all():
            break
        keep = inner
    if not keep.any():  # no cycle (the common case): NetworkX is not even imported
        return []
    import networkx as nx

    g = nx.DiGraph()
    g.add_edges_from(zip(src[keep].tolist(), tgt[keep].tolist(), strict=True))
    found = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) == 1:
            (v,) = comp
            if not g.has_edge(v, v):
                continue
        cycle = nx.find_cycle(g.subgraph(comp))
        found.append([u for u, _ in cycle])
    return sorted(found)


def check_acyclic(e: _Edges, keep: np.ndarray, rel: str, sorted_ids: pa.Array,
                  problems: Problems) -> None:
    """No cycle of `rel` edges (REPORTS_TO, PART_OF), a self-loop included."""
    rows = e.of(rel, keep)
    for cycle in _cycles(e.src[rows], e.tgt[rows]):
        names = [sorted_ids[v].as_py() for v in cycle]
        path = " -> ".join(map(str, [*names, names[0]]))
        at = rows[(e.src[rows] == cycle[0]) & (e.tgt[rows] == cycle[1 % len(cycle)])]
        problems.add("error", e.cand.file, e.line(int(at[0])), "target", "cycle",
                     f"{rel} cycle: {path}", f"{rel} 关系成环：{path}")


def check_located_once(e: _Edges, keep: np.ndarray, problems: Problems) -> None:
    """A Unit is LOCATED_IN at most one place."""
    rows = e.of(V.LOCATED_IN, keep)
    extra = _repeats(e.src[rows])
    for i in rows[extra]:
        unit, _ = e.ident(i)
        places = [e.ident(j)[1] for j in rows[e.src[rows] == e.src[i]]]
        problems.append(Problem.said("error", e.cand.file, e.line(int(i)), "source",
                                     "located_twice", unit=repr(unit),
                                     places=", ".join(map(repr, places))))


def check_homes(e: _Edges, keep: np.ndarray, sorted_ids: pa.Array, node_rows: np.ndarray,
                nodes: Candidate, problems: Problems) -> None:
    """Warnings on BELONGS_TO: a Unit with several own organizations; a PartyOrg that is
    not joint with no home, or any PartyOrg with several."""
    rows = e.of(V.BELONGS_TO, keep)
    unit = V.LABELS.index(V.UNIT)
    own = rows[e.tl[rows] == unit]
    counts = np.bincount(e.tgt[own], minlength=len(e.node_joint))
    for u in np.flatnonzero(counts > 1):
        mine = own[e.tgt[own] == u]
        names = ", ".join(repr(sorted_ids[int(o)].as_py()) for o in sorted(e.src[mine]))
        uid = sorted_ids[int(u)].as_py()
        problems.append(Problem.said("warning", e.cand.file, e.line(int(mine[1])), "target",
                                     "several_own_orgs", unit=repr(uid), orgs=names))
    org = V.LABELS.index(V.PARTY_ORG)
    homes = np.bincount(e.src[rows], minlength=len(e.node_joint))
    is_org = e.node_labels == org
    for code in np.flatnonzero(is_org & (homes == 0) & ~e.node_joint):
        i = int(node_rows[code])
        oid = sorted_ids[int(code)].as_py()
        name = nodes.columns["name"][i].as_py()
        problems.append(Problem.said("warning", nodes.file, nodes.line(i), "id",
                                     "org_without_home", org=repr(oid), name=name))
    for code in np.flatnonzero(is_org & (homes > 1)):
        at = rows[e.src[rows] == code]
        oid = sorted_ids[int(code)].as_py()
        places = ", ".join(repr(e.ident(j)[1]) for j in at)
        problems.append(Problem.said("warning", e.cand.file, e.line(int(at[1])), "source",
                                     "org_several_homes", org=repr(oid), places=places))


def check_instructors(e: _Edges, keep: np.ndarray, problems: Problems) -> None:
    """Warn about GUIDES from a Person whose kind is not ``instructor``."""
    rows = e.of(V.GUIDES, keep)
    kinds = e.node_kinds.take(pa.array(e.src[rows])).to_pylist() if len(rows) else []
    for i, kind in zip(rows, kinds, strict=True):
        if kind != "instructor":
            person, _ = e.ident(i)
            problems.add("warning", e.cand.file, e.line(int(i)), "source",
                         "guides_not_instructor",
                         f"GUIDES from Person {person!r} whose kind is {kind!r}, not 'instructor'",
                         f"GUIDES 关系的人员 {person!r} 的 kind 为 {kind!r}，不是 instructor")


def check_parents(e: _Edges, keep: np.ndarray, problems: Problems) -> None:
    """Warn about a Community or Compound PART_OF several parents (the smallest id is used)."""
    rows = e.of(V.PART_OF, keep)
    for child, parent in ((V.COMMUNITY, V.AREA), (V.COMPOUND, V.COMMUNITY)):
        sub = rows[(e.sl[rows] == V.LABELS.index(child)) & (e.tl[rows] == V.LABELS.index(parent))]
        several = _repeats(e.src[sub])
        for i in sub[several]:
            cid, _ = e.ident(i)
            problems.append(Problem.said("warning", e.cand.file, e.line(int(i)), "source",
                                         "several_parents", label=_label(child), id=repr(cid),
                                         parent=_label(parent)))


# --- the whole ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NodeChecks:
    """What the node rules found (:func:`check_nodes`): the problems, in the order of the
    rules, and what the edge rules and the coding read from them."""

    problems: list[Problem]
    keep_rows: np.ndarray
    sorted_ids: pa.Array
    labels: np.ndarray
    kinds: pa.Array


def check_nodes(nodes: Candidate) -> NodeChecks:
    """The rules of SPEC section 1 that read the nodes alone (ids, labels, kinds, the
    PartyOrg-only properties). :func:`io._load` runs them while the edge file is read.

    Examples
    --------
    >>> from graphkit import _parse
    >>> nodes = _parse.from_values({"id": ["c1", "c1"], "label": ["Community", "Comunity"]},
    ...                            2, "nodes", edges=False, problems=_parse.Problems())
    >>> [p.code for p in check_nodes(nodes).problems]
    ['duplicate_id', 'unknown_label']
    """
    problems = Problems()
    keep_rows, sorted_ids = check_ids(nodes, problems)
    labels = check_labels(nodes, problems)
    kinds = check_kinds(nodes, labels, problems)
    check_org_only(nodes, labels, problems)
    return NodeChecks(list(problems), keep_rows, sorted_ids, labels, kinds)


def validate(nodes: Candidate, edges: Candidate, problems: Problems, *,
             checked: NodeChecks | None = None) -> Network | None:
    """Apply SPEC section 1 to typed tables: add every problem to `problems`; return the
    coded :class:`Network`, or ``None`` when any error was found. `checked`: the node
    rules' result (:func:`check_nodes` of these `nodes`), when they already ran."""
    if checked is None:
        checked = check_nodes(nodes)
    problems.extend(checked.problems)
    keep_rows, sorted_ids = checked.keep_rows, checked.sorted_ids
    labels, kinds = checked.labels, checked.kinds
    rows_pa = pa.array(keep_rows, pa.int64())
    node_labels = labels[keep_rows]
    node_kinds = kinds.take(rows_pa)
    node_joint = _np(nodes.columns["joint"], bool)[keep_rows]
    people = nodes.people[keep_rows] if nodes.people is not None else np.zeros(len(keep_rows),
                                                                                  dtype=bool)
    e = _Edges(edges, sorted_ids, node_labels, node_kinds, node_joint, people)
    check_types(e, problems)
    check_endpoints(e, problems)
    check_pairs(e, problems)
    check_cover_modes(e, problems)
    check_since(e, problems)
    keep = check_repeats(e, problems)
    check_acyclic(e, keep, V.REPORTS_TO, sorted_ids, problems)
    check_acyclic(e, keep, V.PART_OF, sorted_ids, problems)
    check_located_once(e, keep, problems)
    check_homes(e, keep, sorted_ids, keep_rows, nodes, problems)
    check_instructors(e, keep, problems)
    check_parents(e, keep, problems)
    if problems.has_errors:
        return None
    return _coded(nodes, rows_pa, node_labels, node_kinds, edges, e, keep)


def _coded(nodes: Candidate, rows: pa.Array, labels: np.ndarray, kinds: pa.Array,
           edges: Candidate, e: _Edges, keep: np.ndarray) -> Network:
    c = nodes.columns
    node_cols = {
        "id": e.ids, "label": coded(labels, V.LABELS), "name": c["name"].take(rows),
        "kind": pc.dictionary_encode(kinds), "members": c["members"].take(rows),
        "rating": c["rating"].take(rows), "joint": c["joint"].take(rows),
    }
    for name, arr in nodes.extras.items():
        node_cols[name] = arr.take(rows)
    ec = edges.columns
    if keep.all():  # no repeated edge dropped (the common case): nothing to take
        def kept(arr: pa.Array) -> pa.Array:
            return arr
        src, tgt, types = e.src, e.tgt, e.type
    else:
        erows = pa.array(np.flatnonzero(keep), pa.int64())

        def kept(arr: pa.Array) -> pa.Array:
            return arr.take(erows)
        src, tgt, types = e.src[keep], e.tgt[keep], e.type[keep]
    edge_cols = {
        "source": pa.array(src, pa.int32()),
        "target": pa.array(tgt, pa.int32()),
        "type": coded(types, V.REL_TYPES),
        "mode": pc.dictionary_encode(kept(ec["mode"])),
        "since": kept(ec["since"]),
    }
    for name, arr in edges.extras.items():
        edge_cols[name] = kept(arr)
    return Network(pa.table(node_cols), pa.table(edge_cols))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file (in the order files were first named), then line (file-level ones
    first), keeping the order of the rules within a line."""
    problems = list(problems)
    rank: dict[str, int] = {}
    for p in problems:
        rank.setdefault(p.file, len(rank))
    return sorted(problems, key=lambda p: (rank[p.file], -1 if p.line is None else p.line))
