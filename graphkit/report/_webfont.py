"""A web font for offline HTML: the glyphs a page uses, cut from Noto Sans CJK SC.

Planners open reports on intranet machines that often have no Chinese font; a page that
relies on system fonts then shows a box for every character. The font that matplotlib
already uses (``mplfonts`` ships Noto Sans CJK SC, :func:`graphkit._fonts.cjk_font_path`)
is subset with fontTools to exactly the characters of the page (plus printable ASCII),
compressed as WOFF2 (brotli) and embedded in an ``@font-face`` rule as a data URI. The
font's name table, with its copyright and SIL Open Font License notice, is kept.

Examples
--------
>>> css = font_face_css("GK Sans", "党建覆盖")
>>> css.startswith('@font-face{font-family:"GK Sans";src:url(data:font/woff2;base64,')
True
"""

from __future__ import annotations

import base64
import io
import logging
from functools import lru_cache

from ._fonts import cjk_font_path

__all__ = ["font_face_css", "subset_woff2"]

log = logging.getLogger(__name__)

#: Always in the subset: printable ASCII (search boxes, ids, numbers) and the punctuation
#: the page's scripts may write.
ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "—…·、，。：；（）《》“”‘’％×↑↓"


def subset_woff2(text: str) -> tuple[bytes, set[str]]:
    """WOFF2 bytes of the CJK font holding the glyphs of `text` (and :data:`ALWAYS`).

    Returns
    -------
    (bytes, set of str)
        The font, and the characters of `text` the font has no glyph for (the browser
        falls back to a system font for those).
    """
    wanted = frozenset(ch for ch in set(text) | set(ALWAYS) if ch.isprintable())
    return _subset(cjk_font_path(), wanted)


@lru_cache(maxsize=8)
def _subset(path: str, wanted: frozenset[str]) -> tuple[bytes, set[str]]:
    """The subset of `path` for the characters `wanted` (cached: reports rendered again
    in one session, e.g. with other targets, use the same glyphs)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    number = 0 if path.lower().endswith((".ttc", ".otc")) else -1
    # the outlines are not changed: no bounding boxes to recompute (the slow part), and
    # no new timestamp (the same page gives the same bytes)
    font = TTFont(path, lazy=True, fontNumber=number, recalcBBoxes=False,
                  recalcTimestamp=False)
    cmap = font.getBestCmap()
    missing = {ch for ch in wanted if ord(ch) not in cmap and ord(ch) > 0x7F}
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True  # smaller once compressed
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.layout_features = ["kern", "palt", "locl"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(ch) for ch in wanted if ord(ch) in cmap))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff2"
    font.save(buf)
    return buf.getvalue(), set(missing)


def font_face_css(family: str, text: str) -> str:
    """An ``@font-face`` rule for `family` whose source is the subset of `text`'s glyphs.

    Returns an empty string (and logs a warning) when no CJK font can be found: the page
    then uses the reader's system fonts.
    """
    try:
        data, missing = subset_woff2(text)
    except RuntimeError as exc:  # no CJK font at all (mplfonts missing)
        log.warning("HTML report without an embedded font: %s", exc)
        return ""
    if missing:
        log.info("no glyph in the embedded font for %r", "".join(sorted(missing)))
    uri = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
    return (f'@font-face{{font-family:"{family}";src:url({uri}) format("woff2");'
            "font-weight:100 900;font-display:block}")
