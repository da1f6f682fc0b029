"""A DuckDB connection as graphkit sets one up, in one place: the rules' engine
(:class:`graphkit.rules.engine.DuckDBEngine`) and validation's endpoint join
(:func:`graphkit.network.validation.positions`) both open theirs here."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from typing import Any, TypeVar

#: Where a user sets DuckDB's memory for every command (``GRAPHKIT_DUCKDB_MEMORY=8GB``).
ENVVAR = "GRAPHKIT_DUCKDB_MEMORY"

#: DuckDB's memory in bytes, unless `memory_limit` or :data:`ENVVAR` says otherwise
#: (DuckDB's own default is 80 % of the RAM); past it DuckDB spills to its temporary
#: folder. What it holds for graphkit is the coded network and the tables the rules keep
#: for an audit's later sections, each read once or twice, while the Arrow tables of the
#: same process hold as much again. A query that needs more for itself than this limit
#: (memory DuckDB cannot spill) is run again with twice the limit, and so on, up to
#: DuckDB's own default (:func:`run_growing`); then the limit is this again. A 10M-unit
#: audit peaked about 1.5 GB lower, in the same time (BENCHMARKS.md, issue 24's eleventh
#: round); up to about 4M units nothing spills.
MEMORY_LIMIT = 1_000_000_000

T = TypeVar("T")


def connect(*, threads: int | None = None, memory_limit: str | None = None,
            temp_directory: str | None = None
            ) -> tuple[Any, tempfile.TemporaryDirectory[str] | None]:
    """A new in-process DuckDB connection: `threads` (default: every core), insertion
    order not kept, times in UTC, no replacement scans of Python variables; it spills to
    `temp_directory` past `memory_limit` (default: ``$GRAPHKIT_DUCKDB_MEMORY``, else
    :data:`MEMORY_LIMIT`, which :func:`run_growing` raises for a query that needs more).
    Without a `temp_directory`, a new temporary folder (never
    ``./.tmp``), returned with the connection: it is removed when that object is collected
    or cleaned up.

    Raises
    ------
    UsageError
        When the memory limit is not an amount of memory DuckDB reads.

    Examples
    --------
    >>> con, spill = connect(threads=1)
    >>> con.execute("SELECT current_setting('threads')").fetchone()
    (1,)
    >>> con.execute("SELECT current_setting('memory_limit')").fetchone()
    ('953.6 MiB',)
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
    given = memory_limit or os.environ.get(ENVVAR, "").strip()
    try:
        con.execute(f"SET memory_limit = '{sql_text(given or f'{MEMORY_LIMIT}B')}'")
    except duckdb.Error:
        con.close()
        if spill is not None:
            spill.cleanup()
        from ..errors import UsageError
        from ..messages import t

        setting = "memory_limit" if memory_limit else ENVVAR
        raise UsageError(t("engine.duckdb_bad_memory", setting=setting, given=given)) from None
    return con, spill


def grows(memory_limit: str | None) -> bool:
    """Whether a connection made with `memory_limit` has graphkit's default limit, which
    :func:`run_growing` raises when a query needs it (a limit a user set is kept)."""
    return not (memory_limit or os.environ.get(ENVVAR, "").strip())


def run_growing(con: Any, run: Callable[[], T], *, grow: bool = True) -> T:
    """``run()`` (a query on `con`). When DuckDB runs out of memory it cannot spill and
    `grow` (the connection has :data:`MEMORY_LIMIT`, see :func:`grows`), ``run()`` again
    with twice the limit, four times, ... up to 80 % of the RAM (DuckDB's own default);
    then the limit is :data:`MEMORY_LIMIT` again (DuckDB spills what it holds above it).

    Examples
    --------
    >>> con, spill = connect(threads=1)
    >>> con.execute("SET memory_limit = '1MB'")  # doctest: +ELLIPSIS
    <...>
    >>> run_growing(con, lambda: con.sql(
    ...     "SELECT count(DISTINCT range) FROM range(300000)").fetchall())
    [(300000,)]
    >>> con.execute("SELECT current_setting('memory_limit')").fetchall()
    [('953.6 MiB',)]
    >>> con.close(); spill.cleanup()
    """
    import duckdb

    try:
        return run()
    except duckdb.OutOfMemoryException:
        if not grow:
            raise
        first = sys.exc_info()[1]
    most = int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 0.8)
    limit = MEMORY_LIMIT
    try:
        while limit < most:
            limit = min(2 * limit, most)
            con.execute(f"SET memory_limit = '{limit}B'")
            try:
                return run()
            except duckdb.OutOfMemoryException:
                continue
        raise first  # type: ignore[misc]
    finally:
        with contextlib.suppress(duckdb.Error):
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}B'")


def sql_text(text: str) -> str:
    """`text` for a SQL string literal (its quotes doubled).

    Examples
    --------
    >>> sql_text("it's")
    "it''s"
    """
    return str(text).replace("'", "''")
