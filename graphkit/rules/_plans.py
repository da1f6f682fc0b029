"""The plans of the analyses' queries, kept from one process to the next.

An analysis asks the rules for ~35 named results (:meth:`Tables.query
<graphkit.rules._base.Tables.query>`, :meth:`Tables.memo
<graphkit.rules._base.Tables.memo>`): each is an Ibis expression that must be built and
compiled to SQL before DuckDB runs it, and with Ibis's own import that is most of a small
audit's time. Each named query is therefore kept with its *plan* — its SQL with
placeholders for the tables it reads, named by their references (``"nodes"``,
``"edges"``, ``("memo", key)``, ``("property", name, type)``) — in a *book* per context;
the next time, in this process or another, the query runs from its plan: no Ibis
expression is built and Ibis is not even imported.

A plan is the SQL the expression compiled to, so what decides it must decide the book: the
context is the network's kind codes (the rules compare kinds as codes), the types of the
coded tables, the source of graphkit (a changed rule is another book) and the versions of
Ibis, sqlglot, DuckDB and Python (:func:`graphkit.rules._sqlcache.key`); each query's key
holds its parameters. Books are kept in the folder of the compiled SQL
(:mod:`graphkit.rules._sqlcache`, ``$GRAPHKIT_CACHE_DIR``), written when the process
ends (or the book is collected), with the same checksum: a damaged or missing book is
only a slower audit, never another answer.

Examples
--------
>>> decode(encode(("memo", ("status", frozenset({"organ", "soe"}))))) == \\
...     ("memo", ("status", frozenset({"organ", "soe"})))
True
"""

from __future__ import annotations

import atexit
import hashlib
import json
import threading
import weakref
from pathlib import Path
from typing import Any

from . import _sqlcache

__all__ = ["Book", "book_of", "decode", "encode"]

#: Bumped when what a book holds changes.
FORMAT = 1


def encode(value: Any) -> Any:
    """`value` (a key or a reference: text, numbers, tuples, frozensets) as JSON data that
    :func:`decode` gives back equal; ``TypeError`` for anything else."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, frozenset):
        items = [encode(v) for v in value]
        return {"s": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    raise TypeError(f"no plan for a key holding {type(value).__name__}")


def decode(data: Any) -> Any:
    """The value :func:`encode` made `data` of."""
    if isinstance(data, dict):
        if "t" in data:
            return tuple(decode(v) for v in data["t"])
        return frozenset(decode(v) for v in data["s"])
    if isinstance(data, list):
        return [decode(v) for v in data]
    return data


def _text(ref: Any) -> str | None:
    try:
        return json.dumps(encode(ref), sort_keys=True, ensure_ascii=False)
    except TypeError:
        return None


class Book:
    """The plans of one context: reference -> plan (``sql``, ``tables`` and ``create``,
    ``insert`` or ``schema``; see :class:`graphkit.rules.engine.Plan`)."""

    def __init__(self, key: str | None) -> None:
        self.key = key
        self._plans: dict[str, dict[str, Any]] = {}
        self._dirty = False
        self._lock = threading.Lock()  # a put beside a flush run by a finalizer
        text = None if key is None else _sqlcache.read(key)
        if text is not None:
            try:
                data = json.loads(text)
                if data.get("format") == FORMAT:
                    self._plans = data["plans"]
            except (ValueError, KeyError, TypeError, AttributeError):
                self._plans = {}

    def __len__(self) -> int:
        return len(self._plans)

    def get(self, ref: Any) -> dict[str, Any] | None:
        """The plan of `ref` (its tables decoded), or ``None``."""
        text = _text(ref)
        plan = None if text is None else self._plans.get(text)
        if plan is None:
            return None
        try:
            return {**plan, "tables": decode(plan["tables"])}
        except (KeyError, TypeError):
            return None

    def put(self, ref: Any, plan: dict[str, Any]) -> None:
        """Keep `plan` as the plan of `ref` (written to disk by :meth:`flush`)."""
        text = _text(ref)
        if text is None:
            return
        try:
            stored = {**plan, "tables": [encode(r) for r in plan["tables"]]}
        except TypeError:
            return
        with self._lock:
            self._plans[text] = stored
            self._dirty = True

    def flush(self) -> None:
        """Write the book when it has new plans."""
        with self._lock:
            if not self._dirty or self.key is None:
                return
            self._dirty = False
            text = json.dumps({"format": FORMAT, "plans": self._plans}, ensure_ascii=False,
                              sort_keys=True)
        _sqlcache.write(self.key, text)


def source_digest() -> str:
    """A digest of graphkit's source (the rules, the vocabulary, the analyses that name
    queries): any change to it is another book. Taken when the rules are imported (~5 ms),
    so that a source changed later in a process's life — a rule edited while a notebook's
    kernel runs — cannot file the plans of the code already loaded under the new code's
    context; that process keeps its own code's book."""
    return _SOURCE


def _source_digest() -> str:
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()


_SOURCE = _source_digest()

#: The books of this process by key, so that networks of one context share one (each
#: flushed when a network's tables are collected, and at exit at the latest).
_books: dict[str | None, Book] = {}


def book_of(tables: Any) -> Book:
    """The book of the context of `tables` (a :class:`~graphkit.rules._base.Tables`)."""
    context = (FORMAT, tables.engine.name, source_digest(), tuple(tables.kinds),
               str(tables.node_schema), str(tables.edge_schema))
    key = _sqlcache.key(f"plans-{tables.engine.name}", context)
    book = _books.get(key)
    if book is None:
        book = _books[key] = Book(key)
    weakref.finalize(tables, book.flush)
    return book


@atexit.register
def _flush_all() -> None:
    for book in list(_books.values()):
        book.flush()
