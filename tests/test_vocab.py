"""The one vocabulary: palettes shared by every figure."""

from __future__ import annotations

import itertools

from graphkit import plot
from graphkit import vocab as V


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_palettes_cover_their_vocabulary():
    assert set(V.ROLE_COLORS) == set(V.ROLES) == set(V.ROLE_NAMES_ZH)
    assert set(V.LABEL_COLORS) == set(V.LABELS)
    assert set(V.STATUS_COLORS) == set(V.COVERAGE_STATUSES)
    assert set(V.RATE_COLORS) == set(V.RATE_NAMES_ZH) == {"own", "organization", "work"}


def test_one_colour_one_meaning():
    """No colour means two things: any two colours of the palettes are clearly apart
    (the issue: orange meant sub-core in one plot and Party organization in another)."""
    named = [(f"{p}:{k}", c) for p, pal in (("role", V.ROLE_COLORS), ("label", V.LABEL_COLORS),
                                           ("status", V.STATUS_COLORS), ("rate", V.RATE_COLORS))
             for k, c in pal.items()]
    for (a, ca), (b, cb) in itertools.combinations(named, 2):
        dist = sum((x - y) ** 2 for x, y in zip(_rgb(ca), _rgb(cb), strict=True)) ** 0.5
        assert dist > 40, (a, ca, b, cb, round(dist))


def test_plots_read_the_palette_from_vocab():
    assert plot.ROLE_COLORS is V.ROLE_COLORS
    assert set(plot.TIE_NODE_COLORS.values()) <= (set(V.ROLE_COLORS.values())
                                                 | set(V.LABEL_COLORS.values()))
