"""`sorted_rows`: the rules' results sorted as Arrow's stable ``sort_by`` sorts them."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.analysis._analysis import sorted_rows

_TYPES = [pa.int8(), pa.int32(), pa.int64(), pa.uint8(), pa.uint64()]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_sorted_rows_is_arrows_stable_sort(data: st.DataObject) -> None:
    n = data.draw(st.integers(0, 60))
    k = data.draw(st.integers(1, 3))
    cols = {}
    for i in range(k):
        typ = data.draw(st.sampled_from(_TYPES))
        info = (0, 2**64 - 1) if typ == pa.uint64() else (
            (0, 2**(typ.bit_width) - 1) if pa.types.is_unsigned_integer(typ) else
            (-2**(typ.bit_width - 1), 2**(typ.bit_width - 1) - 1))
        low = data.draw(st.integers(*info))
        high = data.draw(st.integers(low, info[1]))
        values = data.draw(st.lists(st.one_of(st.none(), st.integers(low, high))
                                    if data.draw(st.booleans()) else st.integers(low, high),
                                    min_size=n, max_size=n))
        cols[f"k{i}"] = pa.array(values, typ)
    cols["row"] = pa.array(range(n), pa.int64())  # ties keep their order: a stable sort
    table = pa.table(cols)
    keys = [f"k{i}" for i in range(k)]
    want = table.sort_by([(c, "ascending") for c in keys])
    assert sorted_rows(table, keys).equals(want)
