"""Click's own words in the language of the catalogue.

Click marks its words for translation with the standard library's ``gettext`` (each of its
modules binds ``_ = gettext.gettext`` and ``ngettext`` when imported), which would look for
compiled ``.mo`` files chosen by the locale. graphkit hands click its catalogue instead:
:func:`install` points those two names of click's modules at :func:`gettext` and
:func:`ngettext` below, which read :mod:`graphkit.messages.click` in the language of the
moment (:func:`graphkit.messages.current`). A word missing there stays click's English.

Examples
--------
>>> from graphkit import messages
>>> with messages.use("zh"):
...     gettext("Usage:")
'用法：'
>>> with messages.use("en"):
...     ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2)
'(Did you mean one of: {possibilities}?)'
"""

from __future__ import annotations

import gettext as _stdlib
import sys

from .. import messages

__all__ = ["gettext", "install", "ngettext"]

#: Prefix of click's words in the catalogue.
PREFIX = "click."


def gettext(message: str) -> str:
    """`message` (one of click's words) in the current language."""
    if messages.current() == "en":
        return message
    entry = messages.catalogue().get(PREFIX + message)
    return entry[messages.current()] if entry else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of one of click's words; Chinese has one form."""
    if messages.current() == "en":
        return singular if n == 1 else plural
    entry = messages.catalogue().get(PREFIX + singular)
    if entry is None:
        return singular if n == 1 else plural
    return entry[messages.current()]


def install() -> None:
    """Point click's gettext names at this module's (once; harmless when repeated)."""
    for name, module in list(sys.modules.items()):
        if not (name == "click" or name.startswith("click.")) or module is None:
            continue
        namespace = vars(module)
        if namespace.get("_") in (_stdlib.gettext, gettext):
            namespace["_"] = gettext
        if namespace.get("ngettext") in (_stdlib.ngettext, ngettext):
            namespace["ngettext"] = ngettext
