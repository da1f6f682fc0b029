"""Text as written and text as meant: control characters made visible in reports
(:func:`visible`), and the one key under which two spellings of an id or a name are "the
same" (:func:`folded`, :func:`folded_array`).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["INVISIBLE", "any_byte_in", "byte_set", "first_byte_in", "folded", "folded_array",
           "visible"]

# C0 controls (tab and newline included: a report cell or line holds one line), DEL, C1
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if ch in "\t\n\r":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: \x0b -> ␋
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def visible(text: object) -> str:
    """`text` as a one-line string whose control characters are shown, not obeyed.

    A vertical tab becomes "␋" (its Unicode control picture), an escape "␛", a newline or
    tab a space: a terminal never receives an escape sequence from a name, and a workbook
    never holds a character that XML forbids.

    Examples
    --------
    >>> visible("东城\\x0b台账"), visible("a\\x1b[31mb"), visible(None)
    ('东城␋台账', 'a␛[31mb', '')
    """
    if text is None:
        return ""
    return _CONTROL.sub(_picture, str(text))


#: What :func:`folded` removes after NFKC: white space (as NFKC leaves it: the ideographic
#: space and no-break spaces are already plain spaces) and the invisible format characters
#: that chat apps, web pages and Word paste into a cell (zero-width space, joiners, marks,
#: the word joiner, a BOM, the soft hyphen, bidirectional controls). Written as a class of
#: literal characters, so that Python's ``re`` and Arrow's RE2 read it alike.
INVISIBLE = ("[\t\n\v\f\r \x1c-\x1f\x85\u1680\u2028\u2029"
             "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
             "\ufeff]+")
_INVISIBLE = re.compile(INVISIBLE)


def folded(text: str) -> str:
    """`text` as compared for "the same id or name": Unicode NFKC (full-width letters and
    digits as half-width ones), white space and invisible characters removed (SPEC
    section 1's near-duplicate ids; section 9's normalized names).

    Examples
    --------
    >>> folded("u4\u200b"), folded(" ｕ４ "), folded("u 4"), folded("东城\u3000街道")
    ('u4', 'u4', 'u4', '东城街道')
    """
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def folded_array(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """:func:`folded` of each string of an Arrow array, computed by Arrow.

    Examples
    --------
    >>> folded_array(pa.array(["u4\u200b", "ｕ４", "u\u30004"])).to_pylist()
    ['u4', 'u4', 'u4']
    """
    return pc.replace_substring_regex(pc.utf8_normalize(values, "NFKC"), INVISIBLE, "")


# --- bytes of UTF-8 text, read in place ---------------------------------------------------


def byte_set(*ranges: tuple[int, int]) -> np.ndarray:
    """A table of the 256 byte values, true on each inclusive range ``(low, high)``.

    Examples
    --------
    >>> np.flatnonzero(byte_set((9, 10), (32, 32))).tolist()
    [9, 10, 32]
    """
    table = np.zeros(256, dtype=bool)
    for low, high in ranges:
        table[low:high + 1] = True
    return table


def _string_chunks(values: pa.Array | pa.ChunkedArray):
    """Each chunk of a string array as (offsets, data bytes, nulls or None) NumPy views."""
    for chunk in values.chunks if isinstance(values, pa.ChunkedArray) else [values]:
        if len(chunk) == 0:
            continue
        wide = pa.types.is_large_string(chunk.type) or pa.types.is_large_binary(chunk.type)
        _, offsets, data = chunk.buffers()[:3]
        offsets = np.frombuffer(offsets, dtype=np.int64 if wide else np.int32)
        offsets = offsets[chunk.offset:chunk.offset + len(chunk) + 1]
        data = np.zeros(1, np.uint8) if data is None or data.size == 0 else np.frombuffer(
            data, dtype=np.uint8)
        nulls = (np.asarray(chunk.is_null().to_numpy(zero_copy_only=False), dtype=bool)
                 if chunk.null_count else None)
        yield offsets, data, nulls


def _runs(table: np.ndarray) -> list[tuple[int, int]]:
    """The runs of true values of a :func:`byte_set` table, as ``(low, width)``."""
    edges = np.flatnonzero(np.diff(np.r_[0, table.astype(np.int8), 0]))
    return [(int(lo), int(hi - lo)) for lo, hi in zip(edges[::2], edges[1::2], strict=True)]


def _in_runs(data: np.ndarray, runs: list[tuple[int, int]]) -> np.ndarray:
    """Whether each byte of `data` (uint8) falls in one of `runs` (:func:`_runs`): a
    comparison per run over the bytes, several times faster than looking each byte up.

    Examples
    --------
    >>> data = np.array([97, 34, 1, 255], np.uint8)  # a " \\x01 \\xff
    >>> _in_runs(data, _runs(byte_set((0, 31), (34, 34), (128, 255)))).tolist()
    [False, True, True, True]
    """
    out = np.zeros(len(data), dtype=bool)
    for low, width in runs:
        if low == 0:
            out |= data < width
        elif width == 1:
            out |= data == low
        else:  # low <= byte < low + width, as one unsigned comparison
            out |= np.subtract(data, np.uint8(low), dtype=np.uint8) < width
    return out


def first_byte_in(values: pa.Array | pa.ChunkedArray, table: np.ndarray) -> np.ndarray:
    """Per string of a UTF-8 Arrow array: empty, null, or its first byte true in `table`
    (:func:`byte_set`): one NumPy gather over the array's buffers, no string copied.

    Examples
    --------
    >>> first_byte_in(pa.array(["a", "", " b", None]), byte_set((32, 32))).tolist()
    [False, True, True, True]
    """
    parts = []
    for offsets, data, nulls in _string_chunks(values):
        starts = offsets[:-1]
        hit = (offsets[1:] == starts) | table[data[np.minimum(starts, len(data) - 1)]]
        parts.append(hit if nulls is None else hit | nulls)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def any_byte_in(values: pa.Array | pa.ChunkedArray, table: np.ndarray) -> np.ndarray:
    """Per string of a UTF-8 Arrow array: whether any of its bytes is true in `table`
    (:func:`byte_set`; a null has none). An ASCII byte of UTF-8 is always that character,
    and every other character's bytes are all >= 0x80, so this answers "holds a character
    of this ASCII set, or one beyond ASCII" exactly.

    Examples
    --------
    >>> any_byte_in(pa.array(["ab", "a b", "", "é"]), byte_set((32, 32), (128, 255))).tolist()
    [False, True, False, True]
    """
    parts = []
    runs = _runs(table)
    for offsets, data, nulls in _string_chunks(values):
        hit = np.zeros(len(offsets) - 1, dtype=bool)
        base = int(offsets[0])
        at = np.flatnonzero(_in_runs(data[base:int(offsets[-1])], runs))  # usually few
        if len(at):
            hit[np.searchsorted(offsets, at + base, side="right") - 1] = True
        parts.append(hit if nulls is None else hit & ~nulls)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
