"""Text as written and text as meant: control characters made visible in reports
(:func:`visible`), and the one key under which two spellings of an id or a name are "the
same" (:func:`folded`, :func:`folded_array`).
"""

from __future__ import annotations

import re
import unicodedata

import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["INVISIBLE", "folded", "folded_array", "visible"]

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
