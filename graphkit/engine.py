"""Where the rules run: an Ibis backend — DuckDB (the default), Polars or PySpark.

The rules of SPEC sections 2-4 (:mod:`graphkit.rules`) are Ibis expressions over two
integer-coded tables; an :class:`Engine` holds the backend connection they execute on. The
same expressions run on every backend, so the results are identical; what differs is
where the data lives:

* ``"duckdb"`` (default): embedded, multithreaded, spills to a temporary folder when the
  data outgrows memory — a 10-million-unit city on one machine;
* ``"polars"``: embedded, in memory;
* ``"spark"``: a Spark cluster (or Spark in local mode), for what one machine cannot hold:
  ``Engine.spark(master="spark://host:7077")`` or ``Engine.spark(session=spark)``. Needs
  the optional extra ``graphkit[spark]`` (PySpark) and Java 17.

Examples
--------
>>> from graphkit import engine
>>> e = engine.get("duckdb")
>>> e.name
'duckdb'
>>> engine.get("polars").name
'polars'
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
import threading
import warnings
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from .errors import UsageError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["DEFAULT", "ENGINES", "Engine", "get"]

#: Engines by name; the first is the default.
ENGINES = ("duckdb", "polars", "spark")
DEFAULT = ENGINES[0]

_counter = itertools.count()
_lock = threading.Lock()
_shared: dict[str, Engine] = {}


class Engine:
    """A connection to an Ibis backend that runs graphkit's rules.

    Use :func:`get` for the shared DuckDB or Polars engine, :meth:`spark` for Spark.

    Attributes
    ----------
    name : {"duckdb", "polars", "spark"}
    con : ibis backend
        The connection (``ibis.duckdb.connect()``, ...), for running your own expressions.
    """

    def __init__(self, name: str, con: Any) -> None:
        self.name = name
        self.con = con
        self._spill: tempfile.TemporaryDirectory[str] | None = None

    def __repr__(self) -> str:
        return f"Engine({self.name!r})"

    # --- construction ---------------------------------------------------------------------
    @classmethod
    def duckdb(cls, *, threads: int | None = None, memory_limit: str | None = None,
               temp_directory: str | None = None) -> Engine:
        """An in-process DuckDB engine; spills to `temp_directory` (a new temporary folder
        by default) past `memory_limit` (DuckDB's default: 80 % of the RAM)."""
        import ibis

        con = ibis.duckdb.connect()
        con.raw_sql(f"SET threads = {int(threads or os.cpu_count() or 1)}")
        con.raw_sql("SET preserve_insertion_order = false")
        spill = None
        if temp_directory is None:  # removed with the engine (or at exit)
            spill = tempfile.TemporaryDirectory(prefix="duckdb-spill-")
            temp_directory = spill.name
        con.raw_sql(f"SET temp_directory = '{_sql_text(temp_directory)}'")
        if memory_limit:
            con.raw_sql(f"SET memory_limit = '{_sql_text(memory_limit)}'")
        engine = cls("duckdb", con)
        engine._spill = spill
        return engine

    @classmethod
    def polars(cls) -> Engine:
        """An in-process Polars engine."""
        import ibis

        return cls("polars", ibis.polars.connect())

    @classmethod
    def spark(cls, *, master: str | None = None, session: Any = None,
              app_name: str = "graphkit") -> Engine:
        """A Spark engine on an existing SparkSession, or a new one at `master`
        (``local[2]``, ``spark://host:7077``, ...; default ``local[*]``).

        Raises
        ------
        UsageError
            When PySpark is not installed (``pip install "graphkit[spark]"``).
        """
        try:
            import ibis
            from pyspark.sql import SparkSession
        except ImportError as exc:
            raise UsageError(
                "the Spark engine needs PySpark: pip install \"graphkit[spark]\" "
                "(and Java 17)") from exc
        if session is None:
            session = (SparkSession.builder.master(master or "local[*]").appName(app_name)
                       .config("spark.sql.execution.arrow.pyspark.enabled", "true")
                       .config("spark.sql.session.timeZone", "UTC")
                       .config("spark.ui.enabled", "false")
                       .config("spark.sql.shuffle.partitions", "8")
                       .getOrCreate())
        return cls("spark", ibis.pyspark.connect(session))

    # --- tables -----------------------------------------------------------------------------
    def _name(self) -> str:
        return f"gk_t{next(_counter)}"

    def load(self, table: pa.Table, *, owner: object | None = None) -> ir.Table:
        """Put an Arrow table into the backend; dropped again when `owner` is collected."""
        name = self._name()
        with _quiet():
            return self._load(name, table, owner)

    def _load(self, name: str, table: pa.Table, owner: object | None) -> ir.Table:
        if self.name == "duckdb":
            expr = self.con.create_table(name, table, temp=True)
        elif self.name == "polars":
            expr = self.con.create_table(name, table)
        else:
            expr = self.con.create_table(name, table.to_pandas(), temp=True)
        if owner is not None:
            weakref.finalize(owner, self._drop, name)
        return expr

    def keep(self, expr: ir.Table, *, owner: object | None = None) -> ir.Table:
        """`expr` computed once and kept in the backend (later uses read the result)."""
        name = self._name()
        with _quiet():
            return self._keep(name, expr, owner)

    def _keep(self, name: str, expr: ir.Table, owner: object | None) -> ir.Table:
        if self.name == "duckdb":
            out = self.con.create_table(name, expr, temp=True)
        elif self.name == "polars":
            out = self.con.create_table(name, expr.to_polars())
        else:
            out = expr.cache()
            name = None
        if owner is not None and name is not None:
            weakref.finalize(owner, self._drop, name)
        return out

    def _drop(self, name: str) -> None:
        with contextlib.suppress(Exception):  # at garbage collection or exit: best effort
            self.con.drop_table(name, force=True)

    def fetch(self, expr: ir.Expr) -> pa.Table:
        """The result of `expr` as an Arrow table."""
        with _quiet():
            out = expr.to_pyarrow()
        return out if isinstance(out, pa.Table) else pa.table({"value": [out.as_py()]})


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Around every backend call: DuckDB's own handling of Ctrl-C ("Query interrupted")
    becomes the KeyboardInterrupt it is; and ibis 12 calls DuckDB's ``fetch_arrow_table``,
    deprecated (not removed) in DuckDB 2."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "fetch_arrow_table", DeprecationWarning)
        try:
            yield
        except RuntimeError as exc:
            if "interrupted" in str(exc).lower():
                raise KeyboardInterrupt from exc
            raise


def _sql_text(text: str) -> str:
    return str(text).replace("'", "''")


def get(engine: str | Engine | Any | None = None) -> Engine:
    """The engine for `engine`: a name (``"duckdb"``, ``"polars"``, ``"spark"``), an
    :class:`Engine`, a SparkSession, or ``None`` for the default (DuckDB). Named engines
    are created once per process and shared.

    Raises
    ------
    UsageError
        For an unknown name.
    """
    if isinstance(engine, Engine):
        return engine
    if engine is None:
        engine = DEFAULT
    if not isinstance(engine, str):
        if type(engine).__name__ == "SparkSession":
            return Engine.spark(session=engine)
        raise UsageError(f"engine must be one of {', '.join(ENGINES)}, an Engine or a "
                         f"SparkSession, got {type(engine).__name__}")
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    with _lock:
        if engine not in _shared:
            _shared[engine] = getattr(Engine, engine)()
        return _shared[engine]
