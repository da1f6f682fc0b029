"""Cells to values (SPEC section 9): names as compared, credit codes, counts, stars, dates.

Each parser returns the value, or raises :class:`BadValue` carrying the problem code and
the closest allowed values (a suggestion, never applied).
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from datetime import date

import pandas as pd

from ...network._text import INVISIBLE, folded
from . import vocabulary as RV

__all__ = ["BadValue", "check_credit_code", "closest", "norm_name", "parse_area",
           "parse_count", "parse_date", "parse_rating", "split_names"]


class BadValue(ValueError):
    """A cell that cannot be taken: `code` is a problem of SPEC section 9."""

    def __init__(self, code: str, candidates: Iterable[str] = (), message: str = "") -> None:
        super().__init__(message or code)
        self.code = code
        self.candidates = tuple(candidates)[:3]
        self.message = message


# --- names --------------------------------------------------------------------------------

_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]"})


@functools.lru_cache(maxsize=1 << 18)
def norm_name(text: str) -> str:
    """A name as compared and as ids hold it: :func:`graphkit.network._text.folded` (NFKC,
    white space and zero-width characters removed: the key of SPEC section 1's
    near-duplicate ids too), brackets ``（）【】`` as ``()[]`` (rule 2 of SPEC section 9).

    Examples
    --------
    >>> norm_name(" 四会市 红旗商行（东城店）\\u200b"), norm_name("【玉器】城")
    ('四会市红旗商行(东城店)', '[玉器]城')
    """
    return folded(text).translate(_BRACKETS)


def norm_names(values: pd.Series) -> pd.Series:
    """:func:`norm_name` of a column of text (vectorized)."""
    return (values.astype(str).str.normalize("NFKC").str.replace(INVISIBLE, "", regex=True)
            .str.translate(_BRACKETS))


_SEPARATORS = re.compile(r"[、,，;；\r\n]+")


def split_names(cell: str) -> list[str]:
    """The names a cell lists (separated by 、 , ， ; ； or a line break), blanks dropped.

    Examples
    --------
    >>> split_names("红旗商行、 玉器城；\\n金利厂")
    ['红旗商行', '玉器城', '金利厂']
    """
    return [p.strip() for p in _SEPARATORS.split(cell) if p.strip()]


def closest(value: str, allowed: Iterable[str], n: int = 3) -> list[str]:
    """Up to `n` allowed values closest to `value` (rapidfuzz's similarity), best first."""
    from rapidfuzz import fuzz, process

    choices = list(dict.fromkeys(allowed))
    found = process.extract(value, choices, scorer=fuzz.WRatio, limit=n, score_cutoff=30)
    out = [c for c, _, _ in found]
    return out or difflib.get_close_matches(value, choices, n=n, cutoff=0.0)


# --- unified social credit codes (GB 32100-2015) --------------------------------------------

#: The 31 characters of a code, by value (no I, O, Z, S, V).
CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CODE_VALUE = {ch: i for i, ch in enumerate(CODE_CHARS)}
#: Weight of each of the first 17 characters: 3^i mod 31.
CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
CODE_SHAPE = re.compile(f"^[{CODE_CHARS}]{{18}}$")


def norm_code(text: str) -> str:
    """A credit code as kept: normalized like a name, upper-cased."""
    return norm_name(text).upper()


def code_check_char(first17: str) -> str:
    """The check character of GB 32100-2015 for the first 17 characters of a code.

    Examples
    --------
    >>> code_check_char("91350100M000100Y4")
    '3'
    """
    total = sum(_CODE_VALUE[ch] * w for ch, w in zip(first17, CODE_WEIGHTS, strict=True))
    return CODE_CHARS[(31 - total % 31) % 31]


def check_credit_code(text: str) -> str:
    """The normalized code, or :class:`BadValue` ``invalid_code`` when it is not 18
    characters of ``0-9A-HJ-NPQRTUWXY`` ending in its check character.

    Examples
    --------
    >>> check_credit_code(" 91350100m000100y43 ")
    '91350100M000100Y43'
    >>> check_credit_code("91350100M000100Y44")
    Traceback (most recent call last):
    ...
    graphkit.adapters.rosters._normalize.BadValue: ...
    """
    code = norm_code(text)
    if not CODE_SHAPE.match(code):
        bad = sorted({ch for ch in code if ch not in _CODE_VALUE})
        why = (f"{len(code)} characters, not 18" if len(code) != 18 else
               f"holds {''.join(bad)}, which no code has (I, O, Z, S, V are never used)")
        raise BadValue("invalid_code", message=f"not a unified social credit code: {why}")
    expected = code_check_char(code[:17])
    if code[17] != expected:
        raise BadValue("invalid_code", message=(
            f"check character is {code[17]}, but GB 32100-2015 gives {expected} for the first "
            "17: a character is mistyped"))
    return code


# --- numbers, stars, dates ------------------------------------------------------------------

_INT = re.compile(r"^[0-9]+$")


@functools.lru_cache(maxsize=4096)
def parse_count(text: str) -> int | None:
    """A count (members, issues resolved): a whole number >= 0 (``12``, ``12人``, ``12.0``);
    None for a blank cell."""
    t = RV.value_key(text)
    if not t:
        return None
    t = re.sub(r"(人|名|件|个|次)$", "", t)
    if t.endswith(".0"):
        t = t[:-2]
    if not _INT.match(t):
        raise BadValue("unknown_value", message="not a whole number >= 0")
    return int(t)


_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@functools.lru_cache(maxsize=4096)
def parse_area(text: str) -> int | float | None:
    """An area in m² (``500``, ``500㎡``, ``500平方米``, ``1,200``); None for a blank cell."""
    t = RV.value_key(text).replace(",", "")
    if not t:
        return None
    t = re.sub(r"(m2|m²|平方米|平米|㎡)$", "", t, flags=re.IGNORECASE)
    if not _NUMBER.match(t):
        raise BadValue("unknown_value", message="not an area in m² (a number)")
    value = float(t)
    return int(value) if value.is_integer() else value


_STAR_WORDS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
RATING_VALUES = ("五星", "四星", "三星", "二星", "一星", "★★★★★", "5", "5星")


@functools.lru_cache(maxsize=4096)
def parse_rating(text: str) -> int | None:
    """星级 as a rating 0..5: ``五星``, ``★★★★★``, ``5``, ``5星`` are 5; None for a blank
    cell (as a blank ``rating`` in a dataset: every rule reads it as 0, SPEC section 1).

    Examples
    --------
    >>> [parse_rating(v) for v in ("五星", "★★★★★", "5", "5星", "三星级", "0", "")]
    [5, 5, 5, 5, 3, 0, None]
    """
    t = RV.value_key(text)
    if not t:
        return None
    t = re.sub(r"(星级|星)$", "", t) if not set(t) <= {"★", "☆"} else t
    if t and set(t) <= {"★", "☆"}:
        n = t.count("★")
    elif t in _STAR_WORDS:
        n = _STAR_WORDS[t]
    elif _INT.match(t):
        n = int(t)
    else:
        raise BadValue("unknown_value", closest(text, RATING_VALUES),
                       "not a star rating (五星, ★★★★★, 5 or 5星)")
    if not 0 <= n <= 5:
        raise BadValue("unknown_value", ("五星",), "a rating is 0 to 5 stars")
    return n


_DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
)


@functools.lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """A date as ISO text: ``2021-03-05``, ``2021/3/5``, ``2021年3月5日`` (and workbook date
    cells, which the reader gives as ISO text); None for a blank cell.

    Examples
    --------
    >>> parse_date("2021/3/5"), parse_date("2021年3月5日"), parse_date("2021-03-05T00:00:00")
    ('2021-03-05', '2021-03-05', '2021-03-05')
    """
    t = RV.value_key(text)
    if not t:
        return None
    if len(t) > 10 and t[10] == "T" and t[11:] in ("00:00:00", "00:00"):
        t = t[:10]
    for form in _DATE_FORMS:
        m = form.match(t)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                break
    raise BadValue("unknown_value", message="not a date (2021-03-05, 2021/3/5 or 2021年3月5日)")


@functools.lru_cache(maxsize=4096)
def _choice_key(text: str) -> str:
    return RV.value_key(text)


def parse_choice(text: str, mapping: dict[str, object], default: object = None) -> object:
    """The value `mapping` gives `text` (blank: `default`, or ``missing_field`` when there
    is none), else ``unknown_value`` with the closest allowed values."""
    t = _choice_key(text)
    if not t:
        if default is None:
            raise BadValue("missing_field")
        return default
    if t in mapping:
        return mapping[t]
    raise BadValue("unknown_value", closest(t, mapping),
                   f"not one of {'、'.join(mapping)}")
