"""Cells to typed columns: the first stage of validation (SPEC section 1).

Two entry points build the same :class:`Candidate` tables that :mod:`graphkit.validation`
then checks:

* :func:`from_text` for tables of text cells (CSV files, workbook sheets): ``members`` and
  ``rating`` must be ASCII integers (leading zeros allowed), ``joint`` a truth word,
  extra columns are typed from their cells (int, float, bool or text);
* :func:`from_values` for Python values (a NetworkX graph, records, DataFrames, Neo4j):
  the same rules applied to values — ``3.7`` or ``"abc"`` is no member count, ``"false"``
  is false, ``True`` is no rating.

Both collect :class:`~graphkit.errors.Problem` records instead of raising. Columns are
Arrow arrays; work is done once per distinct value wherever a column has few of them
(labels, kinds, types, counts, dates), so a million rows cost what their distinct values
cost.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import vocab as V
from ..errors import Problem

__all__ = ["Candidate", "Problems", "from_text", "from_values", "infer_text", "infer_values"]

# ASCII digits only: Python's \d also matches Arabic-Indic and full-width digits
_INT_LEADING_ZEROS = re.compile(r"^[+-]?[0-9]+$")
_INT = re.compile(r"^[+-]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[+-]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_TRUE = frozenset({"true", "1", "yes", "y", "是"})
_FALSE = frozenset({"false", "0", "no", "n", "否", ""})
_INT64 = (-(2**63), 2**63 - 1)

#: What a message shows instead of a Person's attribute value (members' personal data).
WITHHELD = "a value withheld (Person data)"
WITHHELD_ZH = "（人员数据，不予显示）"

#: Columns of the node and edge tables every candidate has, with their Arrow types.
NODE_TYPES: Mapping[str, pa.DataType] = {
    "id": pa.string(), "label": pa.string(), "name": pa.string(), "kind": pa.string(),
    "members": pa.int64(), "rating": pa.int64(), "joint": pa.bool_(),
}
EDGE_TYPES: Mapping[str, pa.DataType] = {
    "source": pa.string(), "target": pa.string(), "type": pa.string(), "mode": pa.string(),
    "since": pa.string(),
}


class Problems(list):
    """The problems found so far (a list of :class:`Problem`) with a shorthand to add one."""

    def add(self, severity: str, file: str, line: int | None, column: str | None, code: str,
            en: str, zh: str = "") -> None:
        self.append(Problem(severity, file, line, column, en, code, zh))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self)


@dataclass
class Candidate:
    """One table after typing: the standard columns, the typed extra properties, and where
    each row came from.

    Attributes
    ----------
    file : str
        What messages name: ``nodes.csv``, ``book.xlsx[edges]``, ``nodes`` (a graph).
    columns : dict of str to pyarrow.Array
        The standard columns of :data:`NODE_TYPES` or :data:`EDGE_TYPES`, typed.
    extras : dict of str to pyarrow.Array
        Extra properties by name, typed (int64, float64, bool or string; null = missing).
    lines : numpy.ndarray or None
        1-based line (or sheet row) of each row; ``None`` when rows have no lines.
    people : numpy.ndarray
        Which rows are a Person's (their values are never quoted in messages).
    """

    file: str
    columns: dict[str, pa.Array]
    extras: dict[str, pa.Array] = field(default_factory=dict)
    lines: np.ndarray | None = None
    people: np.ndarray | None = None

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def line(self, i: int) -> int | None:
        return None if self.lines is None else int(self.lines[i])

    def shown(self, i: int, value: object) -> tuple[str, str]:
        """`value` of row `i` quoted for a message (English, Chinese), or withheld."""
        if self.people is not None and self.people[i]:
            return WITHHELD, WITHHELD_ZH
        return repr(value), repr(value)


def _per_value(values: pa.Array, fn: Callable[[Any], Any], out: pa.DataType) -> pa.Array:
    """`fn` applied once per distinct value of `values`, spread back onto the rows."""
    enc = pc.dictionary_encode(values)
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    mapped = pa.array([fn(v) for v in enc.dictionary.to_pylist()], type=out)
    return mapped.take(enc.indices)


def _strip(values: pa.Array) -> pa.DictionaryArray:
    """Text with surrounding white space removed (Python's ``str.strip``), null as ``""``,
    as a dictionary array (the columns stripped are labels, kinds, types: few values)."""
    enc = pc.dictionary_encode(pc.fill_null(values, ""))
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    stripped = pa.array([v.strip() for v in enc.dictionary.to_pylist()], pa.string())
    return pa.DictionaryArray.from_arrays(enc.indices, stripped)


def _bad_rows(flags: pa.Array) -> np.ndarray:
    return np.flatnonzero(np.asarray(flags.to_numpy(zero_copy_only=False), dtype=bool))


# --- text cells ---------------------------------------------------------------------------


def _text_int(text: str) -> int | None:
    """The integer a non-blank cell holds, or None when it holds none that fits int64."""
    t = text.strip()
    if not _INT_LEADING_ZEROS.match(t) or len(t.lstrip("+-").lstrip("0")) > 19:
        return None
    v = int(t)
    return v if _INT64[0] <= v <= _INT64[1] else None


def _text_bool(text: str) -> bool | None:
    t = text.strip().lower()
    return True if t in _TRUE else False if t in _FALSE else None


def _parse_counts(cand: Candidate, raw: pa.Array, col: str, lo: int, hi: int | None,
                  problems: Problems, what: str, what_zh: str) -> pa.Array:
    """``members`` / ``rating`` cells as int64: a blank cell is null (SPEC 1: it counts as
    0, which the rules apply when they read the network), anything else an integer in
    range or an error."""
    enc = pc.dictionary_encode(raw)  # each distinct cell judged once
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    nums, bad = [], []
    for text in enc.dictionary.to_pylist():
        v = None if text.strip() == "" else _text_int(text)
        fits = v is not None and v >= lo and (hi is None or v <= hi)
        nums.append(v if fits else None)
        bad.append(not fits and text.strip() != "")
    # a missing cell (short row, null index) is blank
    codes = pc.fill_null(enc.indices, len(bad)).to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(np.append(np.array(bad, dtype=bool), False)[codes]):
        en, zh = cand.shown(i, raw[i].as_py())
        problems.add("error", cand.file, cand.line(i), col, "bad_integer",
                     f"{col} must be {what}, got {en}", f"{col} 应为{what_zh}，实际为 {zh}")
    return pa.array(nums, pa.int64()).take(enc.indices)


def _parse_joint(cand: Candidate, raw: pa.Array, problems: Problems) -> pa.Array:
    flags = _per_value(raw, _text_bool, pa.bool_())
    for i in _bad_rows(pc.is_null(flags)):
        en, zh = cand.shown(i, raw[i].as_py())
        problems.add("error", cand.file, cand.line(i), "joint", "bad_bool",
                     f"joint must be true or false, got {en}",
                     f"joint 应为 true 或 false，实际为 {zh}")
    return pc.fill_null(flags, False)


def infer_text(values: pa.Array) -> pa.Array:
    """Type an extra column from its text cells: int64, float64, bool or string.

    Integers with a leading zero (``"0758"``) stay text, so phone numbers and codes keep
    their digits; integers beyond int64 and floats beyond float64 stay text too. Blank
    cells become nulls.

    Examples
    --------
    >>> infer_text(pa.array(["3", "", "12"])).to_pylist()
    [3, None, 12]
    >>> infer_text(pa.array(["0758", "12"])).type
    DataType(string)
    """
    enc = pc.dictionary_encode(pc.fill_null(values, ""))
    if isinstance(enc, pa.ChunkedArray):
        enc = enc.combine_chunks()
    uniques = [v.strip() for v in enc.dictionary.to_pylist()]
    filled = [v for v in uniques if v]

    def spread(typed: list[Any], out: pa.DataType) -> pa.Array:
        return pa.array(typed, type=out).take(enc.indices)

    if not filled:
        return pa.nulls(len(values), pa.string())
    if all(_INT.match(v) for v in filled):
        ints = [int(v) if v else None for v in uniques]
        if all(i is None or _INT64[0] <= i <= _INT64[1] for i in ints):
            return spread(ints, pa.int64())
    elif all(_FLOAT.match(v) for v in filled):
        floats = [float(v) if v else None for v in uniques]
        if all(f is None or math.isfinite(f) for f in floats):
            return spread(floats, pa.float64())
    lowered = {v.lower() for v in filled}
    if lowered <= {"true", "false"}:
        return spread([v.lower() == "true" if v else None for v in uniques], pa.bool_())
    return spread([v if v else None for v in enc.dictionary.to_pylist()], pa.string())


def from_text(table: pa.Table, file: str, lines: Sequence[int] | np.ndarray, *,
              edges: bool, problems: Problems) -> Candidate | None:
    """Typed candidate of a table of text cells, or ``None`` when a required column is
    missing (the problem is added)."""
    required = V.EDGE_REQUIRED if edges else V.NODE_REQUIRED
    if not _has_columns(table.column_names, required, file, problems):
        return None
    n = table.num_rows
    cand = Candidate(file, {}, lines=np.asarray(lines, dtype=np.int64))

    def col(name: str) -> pa.Array | pa.ChunkedArray:
        """The cells of a column as read (the parser's blocks are not copied into one)."""
        if name in table.column_names:
            c = table.column(name)
            return c.chunk(0) if c.num_chunks == 1 else c
        return pc.fill_null(pa.nulls(n, pa.string()), "")

    def text(name: str) -> pa.Array | pa.ChunkedArray:
        c = col(name)
        return pc.fill_null(c, "") if c.null_count else c

    if edges:
        for name in ("source", "target"):
            cand.columns[name] = text(name)
        for name in ("type", "mode", "since"):
            cand.columns[name] = _strip(col(name))
        standard = V.EDGE_COLUMNS
    else:
        cand.columns["id"] = text("id")
        label = _strip(col("label"))
        cand.columns["label"] = label
        cand.people = np.asarray(pc.equal(label, V.PERSON).to_numpy(zero_copy_only=False))
        cand.columns["name"] = text("name")
        cand.columns["kind"] = _strip(col("kind"))
        cand.columns["members"] = _parse_counts(cand, col("members"), "members", 0, None,
                                                problems, "an integer >= 0", "不小于 0 的整数")
        cand.columns["rating"] = _parse_counts(cand, col("rating"), "rating", 0, 5, problems,
                                               "an integer 0..5", "0 到 5 的整数")
        cand.columns["joint"] = _parse_joint(cand, col("joint"), problems)
        standard = V.NODE_COLUMNS
    for name in sorted(c for c in table.column_names if c not in standard):
        cand.extras[name] = infer_text(col(name))
    return cand


def _has_columns(columns: Sequence[str], required: Sequence[str], file: str,
                 problems: Problems) -> bool:
    missing = [c for c in required if c not in columns]
    found = ", ".join(repr(c) if not (c.isprintable() and c == c.strip()) else c
                      for c in columns)
    for name in missing:
        problems.add("error", file, 1, name, "missing_column",
                     f"missing required column {name!r} (columns found: {found})",
                     f"缺少必需的列 {name!r}（现有的列：{found}）")
    return not missing


# --- Python values ------------------------------------------------------------------------


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or _is_na(v)


def _is_na(v: Any) -> bool:
    try:
        import pandas as pd

        return v is pd.NA or v is pd.NaT
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def _plain(v: Any) -> Any:
    """A numpy scalar as a Python value; anything else unchanged."""
    if hasattr(v, "item") and not isinstance(v, str | bytes) and np.ndim(v) == 0:
        return v.item()
    return v


def _as_text(v: Any) -> str:
    """A value of a text column: missing is ``""``; dates in ISO form; the rest ``str``."""
    v = _plain(v)
    if _missing(v):
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime | date) or hasattr(v, "iso_format"):
        text = v.iso_format() if hasattr(v, "iso_format") else v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


_BLANK = object()  # a missing count: null in the network, 0 for the rules (SPEC 1)


def _value_int(v: Any) -> int | object | None:
    """A count from a value: int, an integral float, integer text; :data:`_BLANK` when
    missing, None when it is no count."""
    v = _plain(v)
    if _missing(v) or (isinstance(v, str) and v.strip() == ""):
        return _BLANK
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v if _INT64[0] <= v <= _INT64[1] else None
    if isinstance(v, float):
        return int(v) if v.is_integer() and abs(v) < 2**63 else None
    if isinstance(v, str):
        return _text_int(v)
    return None


def _value_bool(v: Any) -> bool | None:
    v = _plain(v)
    if _missing(v):
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float) and v in (0, 1):
        return bool(v)
    if isinstance(v, str):
        return _text_bool(v)
    return None


def infer_values(values: Sequence[Any]) -> pa.Array:
    """Type an extra column of Python values (from a graph or a database) as cells are.

    All booleans: bool; all integers: int64 (beyond int64: text); integers and floats:
    float64; anything else becomes text (dates in ISO form). Missing values are nulls.

    Examples
    --------
    >>> infer_values([3, None, 4]).to_pylist()
    [3, None, 4]
    >>> infer_values([1, 2.5]).type
    DataType(double)
    >>> infer_values(["a", 7]).to_pylist()
    ['a', '7']
    """
    plain = [None if _missing(v) else _plain(v) for v in values]
    present = [v for v in plain if v is not None]
    if not present:
        return pa.nulls(len(plain), pa.string())
    kinds = {type(v) for v in present}
    if kinds == {bool}:
        return pa.array(plain, pa.bool_())
    if kinds <= {int} and all(_INT64[0] <= v <= _INT64[1] for v in present):
        return pa.array(plain, pa.int64())
    if kinds <= {int, float} and all(
            abs(v) < 2**63 if isinstance(v, int) else math.isfinite(v) for v in present):
        return pa.array([None if v is None else float(v) for v in plain], pa.float64())
    return pa.array([None if v is None else _as_text(v) for v in plain], pa.string())


def _text_column(values: Sequence[Any], strip: bool) -> pa.Array:
    try:
        arr = pa.array(values, pa.string())  # fast when every value is text or None
        arr = pc.fill_null(arr, "")
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arr = pa.array([_as_text(v) for v in values], pa.string())
    return _strip(arr) if strip else arr


def from_values(columns: Mapping[str, Sequence[Any]], n: int, file: str, *, edges: bool,
                problems: Problems, default_name: bool = True,
                types: Mapping[str, pa.DataType] | None = None) -> Candidate:
    """Typed candidate of columns of Python values (``name -> values``, every column `n`
    long). A missing ``name`` defaults to the id when `default_name`."""
    cand = Candidate(file, {})

    def get(name: str) -> Sequence[Any]:
        return columns.get(name, [None] * n)

    if edges:
        for name in ("source", "target"):
            cand.columns[name] = _text_column(get(name), strip=False)
        for name in ("type", "mode", "since"):
            cand.columns[name] = _text_column(get(name), strip=True)
        standard = V.EDGE_COLUMNS
    else:
        ids = _text_column(get("id"), strip=False)
        cand.columns["id"] = ids
        label = _text_column(get("label"), strip=True)
        cand.columns["label"] = label
        cand.people = np.asarray(pc.equal(label, V.PERSON).to_numpy(zero_copy_only=False))
        if "name" in columns:
            given = columns["name"]
            names = _text_column(given, strip=False)
            if default_name:  # a missing name is the id
                missing = pa.array([_missing(_plain(v)) for v in given], pa.bool_())
                names = pc.if_else(missing, ids, names)
            cand.columns["name"] = names
        else:
            cand.columns["name"] = ids if default_name else pa.array([""] * n, pa.string())
        cand.columns["kind"] = _text_column(get("kind"), strip=True)
        for name, lo, hi, what, what_zh in (
                ("members", 0, None, "an integer >= 0", "不小于 0 的整数"),
                ("rating", 0, 5, "an integer 0..5", "0 到 5 的整数")):
            raw = get(name)
            nums = [_value_int(v) for v in raw]
            out: list[int | None] = []
            for i, v in enumerate(nums):
                if v is _BLANK:
                    out.append(None)
                    continue
                if v is None or v < lo or (hi is not None and v > hi):  # type: ignore[operator]
                    en, zh = cand.shown(i, _plain(raw[i]))
                    problems.add("error", file, None, name, "bad_integer",
                                 f"{name} must be {what}, got {en} (node {ids[i].as_py()!r})",
                                 f"{name} 应为{what_zh}，实际为 {zh}（节点 {ids[i].as_py()!r}）")
                    v = None
                out.append(v)  # type: ignore[arg-type]
            cand.columns[name] = pa.array(out, pa.int64())
        raw = get("joint")
        flags = []
        for i, v in enumerate(raw):
            b = _value_bool(v)
            if b is None:
                en, zh = cand.shown(i, _plain(v))
                problems.add("error", file, None, "joint", "bad_bool",
                             f"joint must be true or false, got {en} (node {ids[i].as_py()!r})",
                             f"joint 应为 true 或 false，实际为 {zh}（节点 {ids[i].as_py()!r}）")
                b = False
            flags.append(b)
        cand.columns["joint"] = pa.array(flags, pa.bool_())
        standard = V.NODE_COLUMNS
    for name in sorted(str(c) for c in columns if c not in standard):
        cand.extras[name] = _typed_extra(columns[name], (types or {}).get(name))
    return cand


def _typed_extra(values: Sequence[Any], hint: pa.DataType | None) -> pa.Array:
    """An extra column of the given Arrow type when its values fit it, else inferred."""
    if hint is not None:
        try:
            return pa.array([None if _missing(_plain(v)) else _plain(v) for v in values], hint)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass
    return infer_values(values)


def records_to_columns(records: Sequence[Mapping[str, Any]]) -> tuple[dict[str, list[Any]], int]:
    """Dicts (one per row) as columns of values; a key missing from a row is None there."""
    keys: dict[str, None] = {}
    for r in records:
        for k in r:
            keys.setdefault(k, None)
    return {k: [r.get(k) for r in records] for k in keys}, len(records)
