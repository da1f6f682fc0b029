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
  the optional extra ``graphkit[spark]`` (PySpark) and Java 17; a failure of Spark while
  the rules run is raised as an :class:`EngineError`.

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

from ..errors import GraphkitError, UsageError

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["DEFAULT", "ENGINES", "Engine", "EngineError", "get"]

#: Engines by name; the first is the default.
ENGINES = ("duckdb", "polars", "spark")
DEFAULT = ENGINES[0]

_counter = itertools.count()
_lock = threading.RLock()
_shared: dict[str, Engine] = {}
_of_session: weakref.WeakKeyDictionary[Any, Engine] = weakref.WeakKeyDictionary()


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
        self._session: Any = None  # Spark: the SparkSession
        self._cached: dict[str, Any] = {}  # Spark: the cached DataFrame of each name

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
        """A Spark engine on an existing SparkSession, or on a new one at `master`
        (``local[2]``, ``spark://host:7077``, ...; default ``local[N]`` with N the number of
        cores of this machine).

        A new session in local mode stays on this machine (the driver binds to 127.0.0.1),
        with the Spark UI off, few shuffle partitions and Spark's own log (the JVM's
        output) in a temporary file instead of the terminal; PySpark ships the jars, so
        nothing is downloaded. A session you pass in is used as it is (Ibis sets its
        time zone to UTC). There is one engine per session: asking again for the same
        session returns the same engine, with what it already loaded and computed.

        Raises
        ------
        UsageError
            When PySpark is not installed (``pip install "graphkit[spark]"``), Java 17 or
            newer cannot be found, or Spark does not start at `master`.
        """
        from . import _spark

        if session is None:
            session = _spark.session(master, app_name)
        else:
            _spark.require_pyspark()
        with _lock:  # one engine per session: its tables stay loaded from call to call
            engine = _of_session.get(session)
            if engine is None:
                import ibis

                engine = cls("spark", ibis.pyspark.connect(session))
                engine._session = session
                _of_session[session] = engine
            return engine

    # --- tables -----------------------------------------------------------------------------
    def _name(self) -> str:
        return f"gk_t{next(_counter)}"

    def load(self, table: pa.Table, *, owner: object | None = None) -> ir.Table:
        """Put an Arrow table into the backend; dropped again when `owner` is collected."""
        name = self._name()
        with self._guard():
            return self._load(name, table, owner)

    def _load(self, name: str, table: pa.Table, owner: object | None) -> ir.Table:
        if self.name == "duckdb":
            expr = self.con.create_table(name, table, temp=True)
        elif self.name == "polars":
            expr = self.con.create_table(name, table)
        else:  # Spark: the Arrow table itself, as a cached temporary view
            self._spark_view(name, self._spark_frame(table))
            expr = self.con.table(name)
        if owner is not None:
            weakref.finalize(owner, self._drop, name)
        return expr

    def keep(self, expr: ir.Table, *, owner: object | None = None) -> ir.Table:
        """`expr` computed once and kept in the backend (later uses read the result)."""
        name = self._name()
        with self._guard():
            return self._keep(name, expr, owner)

    def _keep(self, name: str, expr: ir.Table, owner: object | None) -> ir.Table:
        if self.name == "duckdb":
            out = self.con.create_table(name, expr, temp=True)
        elif self.name == "polars":
            out = self.con.create_table(name, expr.to_polars())
        else:  # Spark: the result cached (computed at its first use)
            self._spark_view(name, self._session.sql(self._spark_sql(expr)))
            out = self.con.table(name)
        if owner is not None:
            weakref.finalize(owner, self._drop, name)
        return out

    def _drop(self, name: str) -> None:
        with contextlib.suppress(Exception):  # at garbage collection or exit: best effort
            if self.name == "spark":
                self._session.catalog.dropTempView(name)
                df = self._cached.pop(name, None)
                if df is not None:
                    df.unpersist()
            else:
                self.con.drop_table(name, force=True)

    def fetch(self, expr: ir.Expr) -> pa.Table:
        """The result of `expr` as an Arrow table."""
        with self._guard():
            out = self._spark_arrow(expr) if self.name == "spark" else expr.to_pyarrow()
        return out if isinstance(out, pa.Table) else pa.table({"value": [out.as_py()]})

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """DuckDB's deprecation warnings silenced; a failure of Spark (a lost cluster, a
        JVM that ran out of memory) raised as an :class:`EngineError`."""
        with _quiet():
            if self.name != "spark":
                yield
                return
            try:
                yield
            except Exception as exc:
                if not _from_spark(exc):
                    raise
                lines = str(exc).strip().splitlines()
                raise EngineError(f"Spark failed while running the rules: "
                                  f"{lines[0] if lines else type(exc).__name__}") from exc

    def _alive(self) -> bool:
        """False for a Spark engine whose session was stopped."""
        return self._session is None or self._session.sparkContext._jsc is not None

    # --- Spark ------------------------------------------------------------------------------
    def _spark_sql(self, expr: ir.Expr) -> str:
        table = expr.as_table()
        self.con._run_pre_execute_hooks(table)  # registers in-memory tables the query reads
        return str(self.con.compile(table))

    def _spark_frame(self, table: pa.Table) -> Any:
        """A DataFrame of `table` that holds its rows in an RDD. Below
        ``spark.sql.execution.arrow.localRelationThreshold`` (48 MB) Spark would put the
        rows into the query plan itself (a LocalRelation), and every later plan that reads
        them — copied, compared with the cached plans, printed — would carry them: at 100k
        units the driver ran out of memory planning the circle roles."""
        key = "spark.sql.execution.arrow.localRelationThreshold"
        conf = self._session.conf
        before = conf.get(key)
        conf.set(key, "0")
        try:
            return self._session.createDataFrame(table)
        finally:
            conf.set(key, before)

    def _spark_view(self, name: str, df: Any) -> None:
        df = df.cache()
        df.createOrReplaceTempView(name)
        self._cached[name] = df

    def _spark_arrow(self, expr: ir.Expr) -> Any:
        """`expr` collected straight to Arrow (Ibis's own ``to_pyarrow`` goes through
        pandas), in the types of the expression's schema."""
        table = expr.as_table()
        out = self._session.sql(self._spark_sql(table)).toArrow()
        schema = table.schema().to_pyarrow()
        out = out.rename_columns(schema.names).cast(schema)
        return expr.__pyarrow_result__(out)


class EngineError(GraphkitError):
    """The engine failed while running the rules (for Spark: the cluster or its JVM)."""


def _from_spark(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return module.startswith(("py4j", "pyspark")) or isinstance(exc, ConnectionError)


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
    are created once per process and shared, and so is the engine of a SparkSession (its
    tables stay loaded from one call to the next).

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
        if engine not in _shared or not _shared[engine]._alive():
            _shared[engine] = getattr(Engine, engine)()
        return _shared[engine]
