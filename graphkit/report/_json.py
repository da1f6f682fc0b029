"""The JSON documents of every result (and the CSV tables of a trend and of the measures).

Each result's SPEC document is ``orjson.dumps(result.to_dict(), OPT_INDENT_2 |
OPT_APPEND_NEWLINE)`` (:func:`document_bytes`; the measures' also with sorted keys, the
trend's :func:`graphkit.comparing.trend_dict`). The audit's is written column by column, for any
size (:func:`chunks`): at a million units its dict holds millions of Python objects, so the
very same bytes are produced from the rules' Arrow columns: the long lists (units,
findings) rendered with vectorized string kernels in batches and streamed to the file, the
rest of the document by orjson. A test checks the two are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import orjson
import pyarrow as pa
import pyarrow.compute as pc

from ..network._text import any_byte_in, byte_set
from ..network._threads import Sink

__all__ = ["chunks", "csv_text", "document_bytes", "measures_chunks", "pieces", "write"]

_OPTS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
_UNITS, _FINDINGS, _CIRCLES = "\x00units", "\x00findings", "\x00circles"
_ENTITIES = "\x00entities"
_BATCH = 50_000
#: Findings are longer than units (a message, an action, lists of units): fewer at a time
#: keep the 1M audit's peak, in the findings, 25 MB lower (BENCHMARKS.md, twelfth round).
_FINDINGS_BATCH = 20_000


#: The bytes orjson escapes inside a string: control characters, ``"`` and ``\\``.
_ESCAPED = byte_set((0x00, 0x1F), (ord('"'), ord('"')), (ord("\\"), ord("\\")))


def _plain(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A string column as one Arrow string array."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string())


def _quote(arr: pa.Array) -> pa.Array:
    """Each string as a JSON string literal (orjson's escaping), null as ``null``."""
    arr = _plain(arr)
    quoted = pc.binary_join_element_wise('"', arr, '"', "")
    special = np.flatnonzero(any_byte_in(arr, _ESCAPED))  # one lookup over the bytes
    if len(special):
        fixed = [orjson.dumps(v).decode("utf-8") for v in arr.take(special).to_pylist()]
        values = quoted.to_numpy(zero_copy_only=False).copy()
        values[special] = fixed
        quoted = pa.array(values, pa.string())
    return pc.fill_null(quoted, "null")


class _Str:
    """A string column of a row text, written as JSON strings (see :func:`_join`)."""

    __slots__ = ("values",)

    def __init__(self, values: pa.Array | pa.ChunkedArray) -> None:
        self.values = values


def _join(parts: list[Any]) -> pa.Array:
    """The texts of `parts` (texts, Arrow string arrays and :class:`_Str` columns) joined
    row by row. A :class:`_Str` column with no null and nothing to escape (the usual case)
    has its quotes added to the texts beside it, not to each of its strings (a copy of the
    column less); otherwise it is :func:`_quote`'d.

    Examples
    --------
    >>> _join(["{", _Str(pa.array(["a", 'b"'])), ",", _Str(pa.array(["c", "d"])), "}"]
    ...       ).to_pylist()
    ['{"a","c"}', '{"b\\\\"","d"}']
    """
    out: list[Any] = []

    def text(value: str) -> None:
        if out and isinstance(out[-1], str):
            out[-1] += value
        else:
            out.append(value)

    for part in parts:
        if isinstance(part, str):
            text(part)
        elif isinstance(part, _Str):
            arr = _plain(part.values)
            if arr.null_count or any_byte_in(arr, _ESCAPED).any():
                out.append(_quote(arr))
            else:
                text('"')
                out.append(arr)
                text('"')
        else:
            out.append(part)
    return pc.binary_join_element_wise(*out, "")


class _Literals:
    """The JSON string literals of a network's node ids, each id quoted once for the whole
    document (the units, their communities and areas, the circles' lists all repeat them),
    taken by node code; the same for any small table of names (kinds, statuses).

    Examples
    --------
    >>> _Literals.take(_quote(pa.array(["a", 'b"'])), pa.array([1, None, 0])).to_pylist()
    ['"b\\\\""', 'null', '"a"']
    """

    def __init__(self, ids: pa.Array) -> None:
        self._ids = ids
        self._quoted: pa.Array | None = None

    def ids(self, codes: Any) -> pa.Array:
        """The quoted ids of node `codes` (``null`` for a null code)."""
        if self._quoted is None:
            self._quoted = _quote(self._ids)
        return self.take(self._quoted, codes)

    @staticmethod
    def take(literals: pa.Array, codes: Any) -> pa.Array:
        """The JSON `literals` (:func:`_quote`) of `codes` (``null`` for a null code)."""
        taken = literals.take(codes)
        if isinstance(taken, pa.ChunkedArray):
            taken = taken.combine_chunks()
        return pc.fill_null(taken, "null") if taken.null_count else taken


def _units_text(a: Any, t: pa.Table, lit: _Literals) -> Iterator[str | memoryview]:
    """The ``coverage.units`` list at its indentation (items at 6 spaces), from the coded
    unit table `t`, decoded batch by batch (no full column of text at once)."""
    from ..analysis.coverage import statuses

    n = t.num_rows
    if n == 0:
        yield "[]"
        return
    kinds = _quote(a.kind_names(pa.array(range(len(a.t.kinds)), pa.int32())))
    status = _quote(statuses(pa.array(range(5), pa.int8())))
    yield "[\n"
    for start in range(0, n, _BATCH):
        part = t.slice(start, _BATCH)
        codes = part.column("unit")
        rows = _join([
            '      {\n        "id": ', lit.ids(codes),
            ',\n        "name": ', _Str(a.names(codes)),
            ',\n        "kind": ', lit.take(kinds, part.column("kind")),
            ',\n        "community": ', lit.ids(part.column("community")),
            ',\n        "area": ', lit.ids(part.column("area")),
            ',\n        "members": ', part.column("members").cast(pa.string()),
            ',\n        "status": ', lit.take(status, part.column("level")), "\n      },\n"])
        yield _text(rows, last=start + _BATCH >= n)
    yield "\n    ]"


def _arrow(values: Any) -> pa.Array:
    """A column of the finding rows as an Arrow string array (it may come as a list)."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    return values if isinstance(values, pa.Array) else pa.array(values, pa.string())


def _arrow_lists(values: Any) -> pa.ListArray:
    """The ``units`` column of the finding rows as one Arrow list array."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    return values if isinstance(values, pa.Array) else pa.array(values, pa.list_(pa.string()))


def _optional(key: str, arr: pa.Array) -> pa.Array:
    line = _join([f',\n      "{key}": ', _Str(arr)])
    return pc.fill_null(pc.if_else(pc.is_null(arr), "", line), "")


def _unit_lists(lists: pa.ListArray) -> pa.Array | str:
    """The ``units`` member of each finding (lists of ids; none for a null list)."""
    if lists.null_count == len(lists):
        return ""
    offsets = lists.offsets.to_numpy()  # of a slice: into the whole values
    values = lists.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
    quoted = pa.ListArray.from_arrays(pa.array(offsets - offsets[0]), _quote(values))
    inner = pc.binary_join(quoted, ",\n        ")
    empty = pc.equal(pc.list_value_length(lists), 0)
    text = pc.if_else(empty, ',\n      "units": []',
                      _join([',\n      "units": [\n        ', inner, "\n      ]"]))
    return pc.fill_null(text, "")


def _findings_text(parts: Iterable[tuple[str, dict[str, Any]]]) -> Iterator[str | memoryview]:
    """The ``findings`` list at its indentation (items at 4 spaces), from the finding
    rows of each code in turn (each batch's text held back until the next one is made,
    the last without its ``,\n``)."""
    held: memoryview | None = None
    for code, part in parts:
        cols = {c: _arrow(part[c]) for c in ("subject", "message", "name", "action",
                                             "community", "area")}
        lists = _arrow_lists(part["units"])
        n = len(cols["subject"])
        for start in range(0, n, _FINDINGS_BATCH):
            sl = {c: v.slice(start, _FINDINGS_BATCH) for c, v in cols.items()}
            items = _join([
                '    {\n      "code": ', orjson.dumps(code).decode("utf-8"),
                ',\n      "subject": ', _Str(sl["subject"]),
                ',\n      "message": ', _Str(sl["message"]),
                ',\n      "name": ', _Str(sl["name"]),
                ',\n      "action": ', _Str(sl["action"]),
                _optional("community", sl["community"]),
                _optional("area", sl["area"]),
                _unit_lists(lists.slice(start, _FINDINGS_BATCH)), "\n    },\n"])
            if held is None:
                yield "[\n"
            else:
                yield held
            held = _text(items, last=False)
    if held is None:
        yield "[]"
        return
    yield held[:-2]
    yield "\n  ]"


def _text(rows: pa.Array, *, last: bool) -> memoryview:
    """Rows (each ending in ``,\n``) as a view of the UTF-8 bytes of their Arrow buffer,
    the last ``,\n`` left out when `last` (no Python string or bytes copy is made: a
    million units' text is half a gigabyte, written as it is)."""
    if isinstance(rows, pa.ChunkedArray):
        rows = rows.combine_chunks()
    offsets = rows.buffers()[1]
    data = rows.buffers()[2]
    first, end = (np.frombuffer(offsets, dtype=np.int32)[[rows.offset,
                                                          rows.offset + len(rows)]])
    return memoryview(data)[int(first):int(end) - (2 if last else 0)]


def _circles_text(a: Any, c: dict[str, Any], lit: _Literals) -> Iterator[str | memoryview]:
    """The ``circles`` list at its indentation (items at 4 spaces)."""
    from ..analysis.linkage import linkage_rates

    comms = pa.array(c["communities"], pa.int64())
    n = len(comms)
    if n == 0:
        yield "[]"
        return
    core = c["core"]
    parts: list[Any] = [
        '    {\n      "community": ', lit.ids(comms),
        ',\n      "name": ', _quote(a.names(comms)),
        ',\n      "core": ', lit.ids(pa.array(core, mask=core < 0)),
        ',\n      "status": ', pa.array(np.where(core >= 0, '"ok"', '"no_core"'), pa.string()),
    ]
    for role in ("sub_core", "pan_core", "unlinked", "external"):
        lists = c["lists"][role]
        quoted = pa.ListArray.from_arrays(lists.offsets, lit.ids(lists.values))
        inner = pc.binary_join(quoted, ",\n        ")
        empty = pc.equal(pc.list_value_length(quoted), 0)
        text = pc.if_else(empty, "[]", _join(["[\n        ", inner, "\n      ]"]))
        parts += [f',\n      "{role}": ', text]
    rates = [orjson.dumps(None if x != x else float(x)).decode("ascii")
             for x in linkage_rates(c).tolist()]
    parts += [',\n      "members": ', pa.array(c["members"], pa.int64()).cast(pa.string()),
              ',\n      "linkage_rate": ', pa.array(rates, pa.string()), "\n    },\n"]
    yield "[\n"
    yield _text(_join(parts), last=True)
    yield "\n  ]"


def chunks(result: Any) -> Iterator[bytes | memoryview]:
    """The JSON document of `result` (an :class:`~graphkit.AuditResult`) in pieces (bytes,
    or views of the Arrow buffers of the long lists' text), the same bytes as orjson gives
    for ``result.to_dict()``."""
    src = result._source
    if src is None:
        yield orjson.dumps(result.to_dict(), option=_OPTS)
        return
    doc = result._document(result.overall, _UNITS, _CIRCLES, _FINDINGS)  # type: ignore[arg-type]
    head = orjson.dumps(doc, option=_OPTS)  # bytes throughout: no str of the CJK text
    del doc
    marks = {orjson.dumps(_UNITS): "units", orjson.dumps(_CIRCLES): "circles",
             orjson.dumps(_FINDINGS): "findings"}
    pool = pa.default_memory_pool()
    lit = _Literals(src.a.net.ids)
    start = 0
    for at, mark in sorted((head.index(m), m) for m in marks):
        pool.release_unused()  # the previous list's text buffers: back to the system
        yield head[start:at]
        start = at + len(mark)
        what = marks[mark]
        if what == "units":
            parts = _units_text(src.a, src.a.units(src.kinds), lit)
        elif what == "circles":
            parts = _circles_text(src.a, src.circles(), lit)
        else:
            parts = _findings_text(src.iter_finding_rows())
        for text in parts:
            yield text.encode("utf-8") if isinstance(text, str) else text
    yield head[start:]


def pieces(result: Any) -> Iterator[bytes | memoryview]:
    """The JSON document of an audit (:func:`chunks`) or of the network measures
    (:func:`measures_chunks`) in pieces."""
    if type(result).__name__ == "MeasuresResult":
        return measures_chunks(result)
    return chunks(result)


def write(result: Any, fh: Sink) -> None:
    """Write the JSON document of `result` (an audit or the network measures) to the binary
    file (or :class:`~graphkit.network._threads.Sink`) `fh`."""
    for piece in pieces(result):
        fh.write(piece)


def document_bytes(result: Any, *, scope: str = "all") -> bytes:
    """The SPEC document of `result` (an audit, a plan, a diff, a trend table — of
    `scope` — or the network measures) as UTF-8 bytes."""
    if hasattr(result, "_source"):  # an audit
        return b"".join(chunks(result))
    if type(result).__name__ == "MeasuresResult":
        return b"".join(measures_chunks(result))
    if hasattr(result, "to_dict") and not hasattr(result, "columns"):
        return orjson.dumps(result.to_dict(), option=_OPTS)
    from ..analysis.comparing import trend_dict

    return orjson.dumps(trend_dict(result, scope=scope), option=_OPTS)


def csv_text(result: Any) -> str:
    """A trend table as CSV (UTF-8 with a BOM: Excel opens it), or the measures' one row
    per entity (:func:`~graphkit.measuring.entity_measures` plus ``cluster``)."""
    if type(result).__name__ == "MeasuresResult":
        ent = result.entities.copy()
        ent["cluster"] = result.clusters.reindex(ent["id"]).to_numpy()
        return ent.to_csv(index=False, lineterminator="\n")
    if hasattr(result, "columns"):
        return "\ufeff" + result.to_csv(index=False, lineterminator="\n")
    raise ValueError(f"no CSV form of {type(result).__name__}: use --format json")


def measures_chunks(result: Any) -> Iterator[bytes]:
    """The JSON document of the network measures (a :class:`~graphkit.measuring.MeasuresResult`)
    in pieces: the same bytes as ``orjson.dumps(result.to_dict())`` with sorted keys, the
    ``entities`` made and written :data:`_BATCH` records at a time.

    Examples
    --------
    >>> import graphkit as gk
    >>> r = gk.measures(gk.read_dataset("data/sihui"))
    >>> b"".join(measures_chunks(r)) == orjson.dumps(r.to_dict(),
    ...                                              option=_OPTS | orjson.OPT_SORT_KEYS)
    True
    """
    opts = _OPTS | orjson.OPT_SORT_KEYS
    head = orjson.dumps(result._document(_ENTITIES), option=opts)
    mark = orjson.dumps(_ENTITIES)
    at = head.index(mark)
    yield head[:at]
    first = True
    for part in result.entity_records(_BATCH):
        # the list's items at the entities' depth: two more spaces on every line (a JSON
        # string holds no raw newline)
        text = orjson.dumps(part, option=opts)[2:-3]  # without "[\n" and "\n]\n"
        yield (b"[\n  " if first else b",\n  ") + text.replace(b"\n", b"\n  ")
        first = False
    yield b"[]" if first else b"\n  ]"
    yield head[at + len(mark):]
