"""The message catalogue: every sentence graphkit says to a user, in Chinese and English.

Chinese is the default; English on request (``--lang en`` or ``GRAPHKIT_LANG=en``). The
command line decides the language once per process, in :func:`graphkit.cli.main`, before
it parses anything (so that ``--help`` is already in that language); the Python API reads
``$GRAPHKIT_LANG`` or takes :func:`set_language` / :func:`use`.

One lookup, many tables
-----------------------
Each module of this package (one per area: ``cli``, ``click``, ``store``, ...) holds one
table, ``MESSAGES``: key -> ``{"zh": ..., "en": ...}``. They are merged into one lookup the
first time a message is asked for. A key is defined once in the whole package (a second
definition is an error naming both modules), every entry has both languages with the same
``{placeholders}``, and ``tests/test_messages.py`` checks all of it, and that every key the
code asks for exists.

**Adding an area** (a new command, an analysis of your own): create
``graphkit/messages/<area>.py`` with a ``MESSAGES`` table — nothing else to register, the
package finds its modules itself, so two branches that add two tables never touch the same
file::

    MESSAGES = {
        "progress.written": {"zh": "进展报告已写入 {path}",
                             "en": "progress report written to {path}"},
    }

and ask for it where the sentence is said: ``t("progress.written", path=out)``.

**Keys** are dotted, area first. The command line's help follows a convention, so that a
command's options need no ``help=`` in the code (see :mod:`graphkit.cli._common`):

* ``cli.<command>`` — the command's help (its first sentence is the short help of the
  command list);
* ``cli.<command>.<option>`` — the help of ``--<option>`` of that command (``<option>`` is
  the long name without the dashes: ``cli.audit.fail-under-work``);
* ``cli.opt.<option>`` — the help of an option several commands share (``--engine``,
  ``--user``, ``--lang``): used when the command has no entry of its own.

Click's own words ("Usage:", "Show this message and exit.", "No such option: {name}") are
in :mod:`graphkit.messages.click`, keyed ``click.`` + click's English text.

**Problems of a dataset** (:class:`graphkit.errors.Problem`) carry both texts, since a
report may ask for either: :meth:`~graphkit.errors.Problem.said` makes one from the key
``problem.<code>`` (its ``code``) in both languages at once. The checks of
:mod:`graphkit.network.validation`, ``_parse`` and ``_readers`` still write their two texts
where they find the problem (they are being reworded on other branches); new problems use
``Problem.said``.

**Exceptions** take their message from the catalogue where they are raised, in the language
of the moment: ``raise UsageError(t("plan.out_in_apply", out=out, path=path))``. A module
that uses ``t`` as a local name imports the lookup as ``_t``.

Examples
--------
>>> from graphkit import messages
>>> messages.t("cli.written", path="out.html", lang="zh")
'已写入 out.html'
>>> with messages.use("en"):
...     messages.t("cli.written", path="out.html")
'written to out.html'
>>> messages.choose_language(["audit", "data", "--lang", "en"], {})
'en'
>>> messages.choose_language(["audit", "data"], {"GRAPHKIT_LANG": "en"})
'en'
>>> messages.choose_language(["audit", "data"], {})
'zh'
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
import string
import threading
from collections.abc import Iterable, Iterator, Mapping

__all__ = ["DEFAULT", "LANGUAGES", "catalogue", "choose_language", "current", "has",
           "placeholders", "set_language", "t", "use"]

#: The languages of the catalogue; the first is the default.
LANGUAGES = ("zh", "en")
DEFAULT = LANGUAGES[0]
#: The environment variable that chooses the language (the ``--lang`` option wins).
ENVVAR = "GRAPHKIT_LANG"

_lock = threading.Lock()
_merged: dict[str, dict[str, str]] | None = None
_chosen: str | None = None


def _load() -> dict[str, dict[str, str]]:
    """Every area's ``MESSAGES`` merged; a key defined twice is an error naming both."""
    merged: dict[str, dict[str, str]] = {}
    where: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        table = getattr(module, "MESSAGES", None)
        if not isinstance(table, Mapping):
            raise TypeError(f"{module.__name__} defines no MESSAGES table")
        for key, entry in table.items():
            if key in merged:
                raise ValueError(f"message {key!r} is defined twice: in {where[key]} and in "
                                 f"{module.__name__}")
            merged[key] = dict(entry)
            where[key] = module.__name__
    return merged


def catalogue() -> Mapping[str, Mapping[str, str]]:
    """The merged catalogue: key -> {language: text}."""
    global _merged
    if _merged is None:
        with _lock:
            if _merged is None:
                _merged = _load()
    return _merged


def _valid(lang: object) -> str | None:
    text = str(lang).strip().lower() if lang is not None else ""
    return text if text in LANGUAGES else None


def current() -> str:
    """The language in effect: the one set (:func:`set_language`, :func:`use`, the command
    line's ``--lang``), else ``$GRAPHKIT_LANG``, else Chinese."""
    if _chosen is not None:
        return _chosen
    return _valid(os.environ.get(ENVVAR)) or DEFAULT


def set_language(lang: str | None) -> None:
    """Use `lang` (``"zh"`` or ``"en"``) from now on; ``None`` goes back to
    ``$GRAPHKIT_LANG`` / Chinese."""
    global _chosen
    if lang is not None and _valid(lang) is None:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    _chosen = _valid(lang)


@contextlib.contextmanager
def use(lang: str | None) -> Iterator[str]:
    """Use `lang` inside a ``with`` block (the language before is restored after it)."""
    global _chosen
    saved = _chosen
    set_language(lang)
    try:
        yield current()
    finally:
        _chosen = saved


def choose_language(argv: Iterable[str], environ: Mapping[str, str]) -> str:
    """The language a command line asks for: ``--lang X`` (or ``--lang=X``) anywhere in
    `argv`, else ``$GRAPHKIT_LANG``, else Chinese. A value that is no language is passed
    over here (the option's own check reports it)."""
    args = list(argv)
    chosen = None
    for i, a in enumerate(args):
        if a == "--":
            break
        if a == "--lang" and i + 1 < len(args):
            chosen = _valid(args[i + 1]) or chosen
        elif a.startswith("--lang="):
            chosen = _valid(a.split("=", 1)[1]) or chosen
    return chosen or _valid(environ.get(ENVVAR)) or DEFAULT


def has(key: str) -> bool:
    """Whether the catalogue holds `key`."""
    return key in catalogue()


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The message `key` in `lang` (default: :func:`current`), its ``{placeholders}``
    filled from `params`.

    Raises
    ------
    KeyError
        For a key the catalogue does not hold.
    """
    entry = catalogue()[key]
    text = entry.get(lang or current()) or entry[DEFAULT]
    return text.format(**params)


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` of `text`.

    Examples
    --------
    >>> sorted(placeholders("{n} 个错误，{path}"))
    ['n', 'path']
    """
    return frozenset(name.split(".")[0].split("[")[0]
                     for _, name, _, _ in string.Formatter().parse(text) if name)
