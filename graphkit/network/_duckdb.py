"""A DuckDB connection as graphkit sets one up, in one place: the rules' engine
(:class:`graphkit.rules.engine.DuckDBEngine`) and validation's endpoint join
(:func:`graphkit.network.validation.positions`) both open theirs here."""

from __future__ import annotations

import os
import tempfile
from typing import Any


def connect(*, threads: int | None = None, memory_limit: str | None = None,
            temp_directory: str | None = None
            ) -> tuple[Any, tempfile.TemporaryDirectory[str] | None]:
    """A new in-process DuckDB connection: `threads` (default: every core), insertion
    order not kept, times in UTC, no replacement scans of Python variables; it spills to
    `temp_directory` past `memory_limit` (DuckDB's default: 80 % of the RAM). Without a
    `temp_directory`, a new temporary folder (never ``./.tmp``), returned with the
    connection: it is removed when that object is collected or cleaned up.

    Examples
    --------
    >>> con, spill = connect(threads=1)
    >>> con.execute("SELECT current_setting('threads')").fetchone()
    (1,)
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
    if memory_limit:
        con.execute(f"SET memory_limit = '{sql_text(memory_limit)}'")
    return con, spill


def sql_text(text: str) -> str:
    """`text` for a SQL string literal (its quotes doubled).

    Examples
    --------
    >>> sql_text("it's")
    "it''s"
    """
    return str(text).replace("'", "''")
