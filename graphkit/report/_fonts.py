"""A CJK font for matplotlib: Noto Sans CJK SC, shipped by the ``mplfonts`` package.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs and draws empty boxes. The
font is registered once with matplotlib's font manager; plots then use :func:`rc` inside
``plt.rc_context`` so that global settings are never changed. Text made there keeps the
font's name, so the figure renders correctly when it is drawn later too.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from typing import Any

from matplotlib import font_manager

__all__ = ["CJK_FAMILY", "cjk_font_path", "rc"]

CJK_FAMILY = "Noto Sans CJK SC"
_FALLBACKS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei")


@cache
def cjk_font_path() -> str:
    """Register and return the path of the bundled Noto Sans CJK SC font.

    Raises
    ------
    RuntimeError
        When neither the ``mplfonts`` package nor a system CJK font is available.
    """
    try:
        path = importlib.resources.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"
    except ModuleNotFoundError:
        path = None
    if path is not None and path.is_file():
        font_manager.fontManager.addfont(str(path))
        return str(path)
    for family in _FALLBACKS:
        try:
            return font_manager.findfont(family, fallback_to_default=False)
        except ValueError:
            continue
    raise RuntimeError(
        "no CJK font found for Chinese labels: install graphkit's dependency 'mplfonts' "
        "(pip install mplfonts) or a Noto Sans CJK SC system font"
    )


def rc() -> dict[str, Any]:
    """matplotlib rc settings that draw Chinese text with the CJK font."""
    path = cjk_font_path()
    family = font_manager.FontProperties(fname=path).get_name()
    # the concrete family (not the generic "sans-serif") is stored in every Text, so the
    # glyphs still resolve when the figure is drawn later (Jupyter display, a later savefig)
    return {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}
