"""Small DataFrame conventions shared by the modules."""

from __future__ import annotations

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
