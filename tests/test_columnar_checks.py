"""The columnar shortcuts of reading and validation (issue 24, item 1) against their plain
definitions: bytes read in place instead of text sliced or matched, repeats found by a
stable sort instead of pandas, and a table left in the parser's blocks validated exactly
as one in a single block.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.network import _parse, validation
from graphkit.network._readers import _maybe_blank
from graphkit.network._text import any_byte_in, byte_set, first_byte_in

#: Characters where the byte-level answers could go wrong: ASCII spaces and controls,
#: DEL, C1 controls, Unicode spaces, a zero-width space, full-width and CJK letters.
_ALPHABET = st.sampled_from(list("a1-_ \t\n\r\x0b\x0c\x1c\x1f\x00\x7f\x85\xa0\u3000\u200bé中ｕ"))
_TEXTS = st.lists(st.one_of(st.none(), st.text(_ALPHABET, max_size=4)), min_size=1,
                  max_size=30)


def _layouts(values: list[str | None], cut: int) -> list[pa.Array | pa.ChunkedArray]:
    """The same strings as one array, a slice's worth, two chunks and large strings."""
    arr = pa.array(values, pa.string())
    cut = cut % len(values)
    return [arr, pa.chunked_array([arr.slice(0, cut), arr.slice(cut)]),
            pa.array(values, pa.large_string())]


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 100))
def test_bytes_in_place_match_the_characters(values: list[str | None], cut: int) -> None:
    odd = byte_set((0x09, 0x0D), (0x1C, 0x20), (0x80, 0xFF))
    lead = byte_set((0x00, 0x20), (0x7F, 0xFF))
    want_any = [v is not None and any(ord(c) >= 0x80 or c in "\t\n\v\f\r\x1c\x1d\x1e\x1f "
                                      for c in v) for v in values]
    want_first = [v is None or v == "" or ord(v[0]) <= 0x20 or ord(v[0]) >= 0x7F
                  for v in values]
    for arr in _layouts(values, cut):
        assert any_byte_in(arr, odd).tolist() == want_any
        assert first_byte_in(arr, lead).tolist() == want_first
    sliced = pa.array(values, pa.string()).slice(cut % len(values))
    assert any_byte_in(sliced, odd).tolist() == want_any[cut % len(values):]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=4), min_size=1, max_size=30),
       st.integers(0, 100))
def test_blank_records_are_those_starting_with_white_space(values: list[str],
                                                           cut: int) -> None:
    want = [v == "" or v[0].isspace() for v in values]
    for arr in _layouts(values, cut):
        assert _maybe_blank(arr).tolist() == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40))
def test_repeats_are_pandas_duplicated(values: list[int]) -> None:
    arr = np.array(values, dtype=np.int64)
    assert validation._repeats(arr).tolist() == pd.Series(arr, dtype=np.int64).duplicated(
        ).tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 3)),
                max_size=30))
def test_repeated_edges_for_any_number_of_nodes(rows: list[tuple[int, int, int]]) -> None:
    src, tgt, kind = (np.array([r[i] for r in rows], dtype=np.int64) for i in range(3))
    want = pd.DataFrame({"s": src, "t": tgt, "k": kind}).duplicated().tolist()
    assert validation._repeated(src, tgt, kind, 3).tolist() == want
    assert validation._repeated(src, tgt, kind, 1 << 26).tolist() == want


_NODES = {
    "id": ["c1", "u1", " ", "u1", "u１", "u2\u200b", "\u3000", "o1", "u2", "p1", "c2"],
    "label": ["Community", "Unit", "Unit", "Unit", "Unit", "Unit", "Unit", "PartyOrg", "Unit",
              "Person", "Community"],
    "name": ["东城", "a", "b", "c", "d", "e", "f", "g", "h", "i", "西城"],
    "kind": [""] * 11,
    "members": ["", "3", "x", "1", "", "", "", "", "2", "", ""],
    "rating": [""] * 7 + ["4", "", "", ""],
    "joint": [""] * 11,
}
_EDGES = {
    "source": ["u1", "u1", "u2", "o1", "u1", "zz", "u2 ", "u1"],
    "target": ["c1", "c1", "c1", "u1", "c1", "c1", "c1", "c2"],
    "type": ["LOCATED_IN", "LOCATED_IN", "LOCATED_IN", "BELONGS_TO", "LOCATED_IN",
             "LOCATED_IN", "LOCATED_IN", "LOCATED_IN"],
    "mode": [""] * 8,
    "since": ["", "2024-02-30", "", "", "", "", "", ""],
}


def _table(columns: dict[str, list[str]], cut: int | None) -> pa.Table:
    arrays = {}
    for name, values in columns.items():
        arr = pa.array(values, pa.string())
        arrays[name] = arr if cut is None else pa.chunked_array(
            [arr.slice(0, cut), arr.slice(cut)])
    return pa.table(arrays)


def _validated(cut: int | None) -> tuple[list[str], validation.Network | None]:
    problems = _parse.Problems()
    cands = {}
    for sheet, columns in (("nodes", _NODES), ("edges", _EDGES)):
        table = _table(columns, cut)
        cands[sheet] = _parse.from_text(table, f"{sheet}.csv", np.arange(2, table.num_rows + 2),
                                        edges=sheet == "edges", problems=problems)
    network = validation.validate(cands["nodes"], cands["edges"], problems)
    return [f"{p.severity} {p.file}:{p.line} {p.column} {p.code} {p}" for p in problems], network


def test_a_table_in_blocks_is_validated_as_one_block() -> None:
    whole, _ = _validated(None)
    codes = {line.split()[3] for line in whole}
    # every check the shortcuts touch has something to find here
    assert {"empty_id", "duplicate_id", "id_twins", "bad_integer", "unknown_endpoint_near",
            "repeated_edge", "since_not_date", "located_twice"} <= codes, whole
    for cut in range(1, 8):
        assert _validated(cut)[0] == whole


def test_a_valid_table_in_blocks_gives_the_same_network() -> None:
    nodes = {"id": ["c1", "u1", "o1"], "label": ["Community", "Unit", "PartyOrg"],
             "name": ["东城", "a", "g"], "kind": ["", "", ""], "members": ["", "3", ""],
             "rating": ["", "", "4"], "joint": ["", "", ""]}
    edges = {k: vs[:1] + vs[3:4] + vs[1:2] for k, vs in _EDGES.items()}
    results = []
    for cut in (None, 1, 2):
        problems = _parse.Problems()
        n = _parse.from_text(_table(nodes, cut), "nodes.csv", [2, 3, 4], edges=False,
                             problems=problems)
        e = _parse.from_text(_table(edges, cut), "edges.csv", [2, 3, 4], edges=True,
                             problems=problems)
        network = validation.validate(n, e, problems)
        assert network is not None, problems
        results.append((network.nodes.to_pylist(), network.edges.to_pylist(),
                        [p.code for p in problems]))
    assert results[1] == results[0] and results[2] == results[0]
    assert [r["id"] for r in results[0][0]] == ["c1", "o1", "u1"]  # sorted: codes
    assert [(r["source"], r["target"]) for r in results[0][1]] == [(2, 0), (1, 2)]
    assert "repeated_edge" in results[0][2]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 255), st.integers(0, 255)), min_size=1, max_size=5),
       st.binary(max_size=300))
def test_byte_runs_match_the_byte_table(ranges: list[tuple[int, int]], data: bytes) -> None:
    from graphkit.network._text import _in_runs, _runs

    table = byte_set(*[(min(r), max(r)) for r in ranges])
    values = np.frombuffer(data + bytes(range(256)), dtype=np.uint8)
    assert _in_runs(values, _runs(table)).tolist() == table[values].tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=3), max_size=20, unique=True),
       st.lists(st.one_of(st.none(), st.text(_ALPHABET, max_size=3)), max_size=60),
       st.integers(1, 4))
def test_the_endpoint_join_is_the_hash_lookup(ids: list[str], values: list[str | None],
                                             blocks: int) -> None:
    """`positions` joins in DuckDB from JOIN_FROM values up: the same codes as Arrow's
    hash lookup (-1 for a value not among the ids, or null), in blocks or not."""
    sorted_ids = pa.array(sorted(ids), pa.string())
    cut = len(values) // blocks
    parts = [values[i * cut:(i + 1) * cut] if i < blocks - 1 else values[i * cut:]
             for i in range(blocks)] if cut else [values]
    chunked = pa.chunked_array([pa.array(p, pa.string()) for p in parts], pa.string())
    want = [sorted(ids).index(v) if v in ids else -1 for v in values]
    assert validation.positions(chunked, sorted_ids).tolist() == want  # the hash lookup
    old = validation.JOIN_FROM
    validation.JOIN_FROM = 0
    try:
        got = validation.positions(chunked, sorted_ids)
    finally:
        validation.JOIN_FROM = old
    assert got.dtype == np.int32 and got.tolist() == want
