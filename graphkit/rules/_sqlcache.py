"""The compiled SQL of the rules' queries kept from one process to the next.

Compiling an Ibis expression to SQL takes ~10-25 ms a query, and an audit runs ~40: a
small audit in a fresh process spent most of its time compiling. The DuckDB engine
(:func:`graphkit.rules.engine._template`) keeps the SQL of each *query shape* in memory
for the process and, through this module, in a file of the user's cache folder
(``platformdirs.user_cache_dir("graphkit")/sql``; ``$GRAPHKIT_CACHE_DIR`` instead, empty
for none), named by a digest of the shape and of the versions that make the SQL (Ibis,
sqlglot, DuckDB, graphkit, Python, this format).

A cache can only make a query faster, never give another answer: each file holds a
checksum of its key and its SQL, and one that cannot be read, is damaged or belongs to
another key is a miss (the query is compiled as if there were no cache, and the file
written again); a folder that cannot be written is no error (nothing is kept). A file is
written under a temporary name and renamed, so processes that audit at the same time share
the folder safely.

Examples
--------
>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as tmp:
...     os.environ[ENVVAR] = tmp
...     try:
...         k = key("duckdb", ("a shape", 1))
...         before = read(k)
...         write(k, "SELECT 1")
...         after = read(k)
...     finally:
...         del os.environ[ENVVAR]
>>> before, after
(None, 'SELECT 1')
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["ENVVAR", "folder", "key", "read", "write"]

#: Where the cache lives instead of the user's cache folder (empty: no cache on disk).
ENVVAR = "GRAPHKIT_CACHE_DIR"
#: Bumped when what a file holds, or how a shape is made, changes.
FORMAT = 1
#: At most this many files: past it, a write removes the older half (by modification time;
#: a file in use by another process that goes away is a miss there).
MAX_FILES = 4096


def folder() -> Path | None:
    """The folder of the cached SQL (``None``: kept in no folder)."""
    given = os.environ.get(ENVVAR)
    if given is not None:
        return Path(given) if given else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("graphkit", appauthor=False)) / "sql"


@functools.cache
def _versions() -> bytes:
    """What the SQL of a shape depends on besides the shape."""
    from .. import __version__

    parts = [f"format {FORMAT}", f"graphkit {__version__}",
             f"python {sys.version_info[0]}.{sys.version_info[1]}"]
    for dist in ("ibis-framework", "sqlglot", "duckdb"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} ?")
    return "\n".join(parts).encode()


def key(dialect: str, shape: Any) -> str | None:
    """A digest of `shape` (a picklable query shape) compiled for `dialect`, stable from
    one process to the next (``None`` when the shape cannot be pickled)."""
    try:
        data = pickle.dumps(shape, protocol=5)
    except Exception:  # a shape holding a function or a connection: no key
        return None
    return hashlib.sha256(_versions() + b"\0" + dialect.encode() + b"\0" + data).hexdigest()


def _check(k: str, sql: bytes) -> bytes:
    return hashlib.sha256(k.encode() + b"\0" + sql).hexdigest().encode()


def _path(k: str) -> Path | None:
    where = folder()
    return None if where is None else where / f"{k}.sql"


def read(k: str) -> str | None:
    """The SQL cached under key `k`, or ``None`` (none, unreadable, damaged)."""
    path = _path(k)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    check, _, sql = raw.partition(b"\n")
    if check != _check(k, sql):
        return None
    try:
        return sql.decode("utf-8")
    except UnicodeDecodeError:
        return None


def write(k: str, sql: str) -> None:
    """Keep `sql` under key `k` (nothing when the folder cannot be written).

    Written to a temporary file of the folder and renamed over the target, so a reader sees
    the whole file or none; unlike a report (:mod:`graphkit.network._atomic`) it is not
    flushed to disk (``fsync`` made a first audit ~0.1-0.5 s slower): after a power loss a
    file may be damaged, and a damaged file is a miss.
    """
    path = _path(k)
    if path is None:
        return
    data = sql.encode("utf-8")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{k[:16]}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_check(k, data) + b"\n" + data)
        os.replace(tmp, path)
        _prune(path.parent)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(where: Path) -> None:
    """The older half of the files removed when there are more than :data:`MAX_FILES`."""
    files = [f for f in os.scandir(where) if f.name.endswith(".sql")]
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda f: f.stat().st_mtime_ns)
    for f in files[:len(files) // 2]:
        with contextlib.suppress(OSError):
            os.unlink(f.path)
