"""Analysis thresholds in one validated settings object.

Examples
--------
>>> from graphkit import settings
>>> settings.min_branch_members
3
>>> with settings.override(min_branch_members=5):
...     settings.min_branch_members
5
>>> settings.min_branch_members
3
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

__all__ = ["DEFAULT_TARGET_ORG", "DEFAULT_TARGET_WORK", "MAX_COUNT", "Settings", "settings"]

#: The targets a report measures the coverage against, unless told otherwise (work coverage
#: 95 %, organizational coverage 90 %): ``audit --target-work/--target-org``, the report's
#: summary, :func:`graphkit.plot.plot_coverage`.
DEFAULT_TARGET_WORK = 0.95
DEFAULT_TARGET_ORG = 0.90


@dataclass(frozen=True, slots=True)
class _Values:
    min_branch_members: int = 3
    sub_core_min_rating: int = 4
    max_joint_units: int = 5
    max_branch_members: int = 50
    instructor_capacity: int = 3


#: Largest count any setting or count option takes (members, units, sample sizes): the
#: largest 32-bit integer. A count past it means nothing for a city, and past 2**63 it no
#: longer fits the engines' integers (``--min-branch-members 9223372036854775808`` ended
#: in a TypeError).
MAX_COUNT = 2**31 - 1

#: Smallest allowed value of each setting.
_MINIMUM = {"min_branch_members": 1, "sub_core_min_rating": 0, "max_joint_units": 2,
            "max_branch_members": 1, "instructor_capacity": 1}
#: Largest allowed value of each setting (a rating is 0..5).
_MAXIMUM = {"sub_core_min_rating": 5}


def _check(name: str, value: object) -> int:
    """`value` if it is an allowed value of the setting `name`.

    Examples
    --------
    >>> _check("min_branch_members", 2**63)
    Traceback (most recent call last):
    ...
    ValueError: min_branch_members must be within 1..2147483647, got 9223372036854775808
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"setting {name} must be an int, got {value!r}")
    low, high = _MINIMUM[name], _MAXIMUM.get(name, MAX_COUNT)
    if not low <= value <= high:
        raise ValueError(f"{name} must be within {low}..{high}, got {value}")
    return value


class Settings:
    """Thresholds used by the analyses (SPEC sections 3, 4 and 6).

    Attributes
    ----------
    min_branch_members : int, default 3
        Full members from which a unit should form its own branch (党章: three or more).
    sub_core_min_rating : int, default 4
        Lowest PartyOrg ``rating`` that qualifies for the sub-core circle.
    max_joint_units : int, default 5
        Units a joint branch covers at most (SPEC 6; >= 2: a joint branch joins two or more).
    max_branch_members : int, default 50
        Members of the units a (joint) branch covers, at most (SPEC 6).
    instructor_capacity : int, default 3
        Units one Party-work instructor guides at most (SPEC 6, ``k``).

    Unknown names raise :class:`AttributeError`; bad values raise ``TypeError`` or
    ``ValueError``. Use :meth:`override` for a temporary change, or pass the same names as
    keyword arguments to an analysis function for one call.
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        object.__setattr__(self, "_values", _Values())

    def __getattr__(self, name: str) -> int:
        values = object.__getattribute__(self, "_values")
        try:
            return getattr(values, name)
        except AttributeError:
            raise AttributeError(f"unknown graphkit setting {name!r}") from None

    def __setattr__(self, name: str, value: int) -> None:
        self._set(**{name: value})

    def _set(self, **changes: int) -> None:
        known = {f.name for f in fields(_Values)}
        for name, value in changes.items():
            if name not in known:
                raise AttributeError(
                    f"unknown graphkit setting {name!r}; known: {', '.join(sorted(known))}"
                )
            _check(name, value)
        object.__setattr__(self, "_values", replace(self._values, **changes))

    def as_dict(self) -> dict[str, int]:
        """Return the current values as a plain dict."""
        return {f.name: getattr(self._values, f.name) for f in fields(_Values)}

    def resolve(self, **overrides: int | None) -> dict[str, int]:
        """Current values with the non-``None`` `overrides` applied (validated)."""
        out = self.as_dict()
        for name, value in overrides.items():
            if name not in out:
                raise AttributeError(f"unknown graphkit setting {name!r}")
            if value is not None:
                out[name] = _check(name, value)
        return out

    @contextmanager
    def override(self, **changes: int) -> Iterator[Settings]:
        """Temporarily change settings inside a ``with`` block."""
        saved = self._values
        self._set(**changes)
        try:
            yield self
        finally:
            object.__setattr__(self, "_values", saved)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v}" for k, v in self.as_dict().items())
        return f"Settings({inner})"


#: The process-wide settings object.
settings = Settings()
