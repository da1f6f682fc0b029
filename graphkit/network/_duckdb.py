"""A DuckDB connection as graphkit sets one up, in one place: the rules' engine
(:class:`graphkit.rules.engine.DuckDBEngine`) and validation's endpoint join
(:func:`graphkit.network.validation.positions`) both open theirs here."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from typing import Any, TypeVar

#: Where a user sets DuckDB's memory for every command (``GRAPHKIT_DUCKDB_MEMORY=1GB``).
ENVVAR = "GRAPHKIT_DUCKDB_MEMORY"

_UNITS = {"B": 1, "BYTE": 1, "BYTES": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9,
          "TB": 10**12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "TIB": 2**40}

T = TypeVar("T")


def limit_bytes(memory_limit: str | None = None) -> int | None:
    """The memory limit `memory_limit` (default: ``$GRAPHKIT_DUCKDB_MEMORY``) in bytes;
    ``None`` without one (DuckDB's own default, 80 % of the RAM) or when it is no amount
    of memory (:func:`connect` says so).

    Examples
    --------
    >>> limit_bytes("1GB"), limit_bytes("512 MiB"), limit_bytes("lots"), limit_bytes("4")
    (1000000000, 536870912, None, None)
    """
    given = (memory_limit or os.environ.get(ENVVAR, "")).strip()
    found = re.fullmatch(r"([0-9]+(?:\.[0-9]*)?)\s*([A-Za-z]*)", given)
    if not found or found.group(2).upper() not in _UNITS:
        return None
    n = int(float(found.group(1)) * _UNITS[found.group(2).upper()])
    return n if n > 0 else None


def connect(*, threads: int | None = None, memory_limit: str | None = None,
            temp_directory: str | None = None
            ) -> tuple[Any, tempfile.TemporaryDirectory[str] | None]:
    """A new in-process DuckDB connection: `threads` (default: every core), insertion
    order not kept, times in UTC, no replacement scans of Python variables; it spills to
    `temp_directory` past `memory_limit` (default: ``$GRAPHKIT_DUCKDB_MEMORY``, else
    DuckDB's own, 80 % of the RAM; :func:`run_growing` raises it for a query that needs
    more). Without a `temp_directory`, a new temporary folder (never ``./.tmp``),
    returned with the connection: it is removed when that object is collected or
    cleaned up.

    Raises
    ------
    UsageError
        When the memory limit is no amount of memory.

    Examples
    --------
    >>> con, spill = connect(threads=1, memory_limit="1GB")
    >>> con.execute("SELECT current_setting('threads'), current_setting('memory_limit')"
    ...             ).fetchone()
    (1, '953.6 MiB')
    >>> con.close(); spill.cleanup()
    """
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads or os.cpu_count() or 1)}")
    con.execute("SET preserve_insertion_order = false")
    # what Ibis sets on a connection of its own (the engine's Ibis backend on this one is
    # made at its first expression, and sets them again)
    con.execute("SET TimeZone = 'UTC'")
    con.execute("SET python_enable_replacements = false")
    spill = None
    if temp_directory is None:
        spill = tempfile.TemporaryDirectory(prefix="duckdb-spill-")
        temp_directory = spill.name
    con.execute(f"SET temp_directory = '{sql_text(temp_directory)}'")
    given = (memory_limit or os.environ.get(ENVVAR, "")).strip()
    limit = limit_bytes(given)
    if given:
        if limit is None:
            con.close()
            if spill is not None:
                spill.cleanup()
            from ..errors import UsageError
            from ..messages import t

            setting = "memory_limit" if memory_limit else ENVVAR
            raise UsageError(t("engine.duckdb_bad_memory", setting=setting, given=given))
        con.execute(f"SET memory_limit = '{limit}B'")
    return con, spill


def run_growing(con: Any, run: Callable[[], T], limit: int | None) -> T:
    """``run()`` (a query on `con`, whose memory limit is `limit` bytes, see
    :func:`limit_bytes`). When DuckDB runs out of memory it cannot spill, ``run()`` again
    with twice the limit, four times, ... up to 80 % of the RAM (DuckDB's own default);
    then the limit is `limit` again (DuckDB spills what it holds above it). Without a
    `limit` (DuckDB's default), just ``run()``.

    Examples
    --------
    >>> con, spill = connect(threads=1, memory_limit="1MB")
    >>> run_growing(con, lambda: con.sql(
    ...     "SELECT count(DISTINCT range) FROM range(300000)").fetchall(), 10**6)
    [(300000,)]
    >>> con.execute("SELECT current_setting('memory_limit')").fetchall()
    [('976.5 KiB',)]
    >>> con.close(); spill.cleanup()
    """
    import duckdb

    try:
        return run()
    except duckdb.OutOfMemoryException as exc:
        if limit is None:
            raise
        first = exc
    most = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 0.8)
    more = limit
    try:
        while more < most:
            more = min(2 * more, most)
            con.execute(f"SET memory_limit = '{more}B'")
            try:
                return run()
            except duckdb.OutOfMemoryException:
                continue
        raise first
    finally:
        with contextlib.suppress(duckdb.Error):
            con.execute(f"SET memory_limit = '{limit}B'")


def sql_text(text: str) -> str:
    """`text` for a SQL string literal (its quotes doubled).

    Examples
    --------
    >>> sql_text("it's")
    "it''s"
    """
    return str(text).replace("'", "''")
