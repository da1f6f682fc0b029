"""Small DataFrame conventions shared by the modules."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa


def text_as_object(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as ``object`` dtype with ``None`` for missing values, in place.

    pandas >= 3 infers its own string dtype in many operations; graphkit keeps one
    convention for every table it returns, so that equal results compare equal.
    """
    for col in frame.columns:
        if isinstance(frame[col].dtype, pd.StringDtype):
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


def text_series(arr: pa.Array | pa.ChunkedArray) -> pd.Series:
    """Text as an ``object`` Series with ``None`` for nulls (graphkit's one text dtype)."""
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_dictionary(arr.type) and arr.dictionary.null_count == 0:
        # one Python string per dictionary value, shared by its rows (a million rows of a
        # few kinds hold a few strings, not a million)
        words = np.asarray(arr.dictionary.to_numpy(zero_copy_only=False), dtype=object)
        out = words[arr.indices.fill_null(0).to_numpy()] if len(words) else \
            np.full(len(arr), None, dtype=object)
        if arr.null_count:
            out[arr.is_null().to_numpy(zero_copy_only=False)] = None
        return pd.Series(out, dtype=object)
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    return pd.Series(arr.to_numpy(zero_copy_only=False), dtype=object)


def typed_series(arr: pa.Array | pa.ChunkedArray) -> pd.Series:
    """A typed extra property column as pandas: Int64, Float64, boolean or object."""
    t = arr.type
    if pa.types.is_integer(t):
        return pd.Series(pd.array(arr.to_pylist(), dtype="Int64"))
    if pa.types.is_floating(t):
        return pd.Series(pd.array(arr.to_pylist(), dtype="Float64"))
    if pa.types.is_boolean(t):
        return pd.Series(pd.array(arr.to_pylist(), dtype="boolean"))
    if pa.types.is_null(t):
        return pd.Series([None] * len(arr), dtype=object)
    return text_series(arr)


def codes(values: pd.Series | list, categories: tuple[str, ...] | list[str]) -> pd.Series:
    """`values` as a categorical of `categories` (in that order; a value outside them is
    added at the end, so nothing is lost), missing values as NaN.

    Examples
    --------
    >>> codes(pd.Series(["none", "own"]), ("own", "none")).cat.categories.tolist()
    ['own', 'none']
    """
    s = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    known = list(dict.fromkeys(categories))
    extra = sorted({v for v in s.dropna().unique() if v not in set(known)}, key=str)
    return s.astype(pd.CategoricalDtype([*known, *extra]))


def typed(frame: pd.DataFrame, *, categories: dict[str, tuple[str, ...] | list[str]] | None
          = None, ints: tuple[str, ...] = (), floats: tuple[str, ...] = ()) -> pd.DataFrame:
    """`frame` with its columns in their real dtypes (a new frame): codes as categoricals,
    counts as nullable ``Int64``, rates and other numbers as nullable ``Float64`` (missing
    values ``<NA>``, never ``None`` in an ``object`` column).

    Examples
    --------
    >>> t = typed(pd.DataFrame({"n": [1, None], "r": [0.5, None]}, dtype=object),
    ...           ints=("n",), floats=("r",))
    >>> t.dtypes.astype(str).tolist(), t["r"].round(1).tolist()
    (['Int64', 'Float64'], [0.5, <NA>])
    """
    out = frame.copy()
    for col, cats in (categories or {}).items():
        if col in out.columns:
            out[col] = codes(out[col], cats)
    for col in ints:
        if col in out.columns:
            out[col] = pd.array([None if _missing(v) else int(v) for v in out[col]],
                                dtype="Int64")
    for col in floats:
        if col in out.columns:
            out[col] = pd.array([None if _missing(v) else float(v) for v in out[col]],
                                dtype="Float64")
    return out


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every column as ``object`` and ``None`` for missing values: the
    JSON-like form (plain Python values) of a typed table."""
    out = frame.astype(object)
    return out.where(frame.notna(), None)


def _missing(v: object) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)
