"""Where the rules run: an Ibis backend — DuckDB (the default), Polars or PySpark.

The rules of SPEC sections 2-4 (:mod:`graphkit.rules`) are Ibis expressions over two
integer-coded tables; an :class:`Engine` holds the backend connection they execute on. The
same expressions run on every backend, so the results are identical; what differs is
where the data lives, and each backend is one class:

* :class:`DuckDBEngine` (``"duckdb"``, the default): embedded, multithreaded, spills to a
  temporary folder when the data outgrows memory — a 10-million-unit city on one machine;
* :class:`PolarsEngine` (``"polars"``): embedded, in memory;
* :class:`SparkEngine` (``"spark"``): a Spark cluster (or Spark in local mode), for what one
  machine cannot hold: ``SparkEngine.start(master="spark://host:7077")`` or
  ``SparkEngine.start(session=spark)``. Needs the optional extra ``graphkit[spark]``
  (PySpark) and Java 17. A failure of Spark while the rules run is an
  :class:`~graphkit.errors.EngineError`; a cluster master that cannot be reached, or is
  lost, an :class:`~graphkit.errors.EngineUnreachable` (exit 3) — on a standalone cluster
  also a master unreachable, or a job without any executor, for ``$GRAPHKIT_SPARK_TIMEOUT``
  seconds (:class:`~graphkit.rules._spark.Watchdog`), where Spark itself would wait.

:class:`Engine` holds what every backend shares — naming the tables, dropping them when
their owner is collected, fetching results as Arrow tables — and each subclass says how its
backend creates, drops and reads a table.

Examples
--------
>>> from graphkit import engine
>>> e = engine.get("duckdb")
>>> e.name, isinstance(e, engine.DuckDBEngine)
('duckdb', True)
>>> engine.get("polars").name
'polars'
>>> import pyarrow as pa
>>> e.fetch(e.load(pa.table({"x": [1, 2, 3]})).x.sum()).to_pydict()
{'value': [6]}
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import pyarrow as pa

from ..errors import EngineError, EngineUnreachable, UsageError
from ..messages import t
from ..network._duckdb import connect, limit_bytes, run_growing
from . import _sqlcache

if TYPE_CHECKING:
    import ibis.expr.types as ir

__all__ = ["DEFAULT", "ENGINES", "DuckDBEngine", "Engine", "EngineError", "EngineUnreachable",
           "PolarsEngine", "SparkEngine", "get"]

T = TypeVar("T")
_counter = itertools.count()
_lock = threading.RLock()
_shared: dict[str, Engine] = {}


class Engine:
    """A connection to an Ibis backend that runs graphkit's rules (one subclass per backend).

    Use :func:`get` for the shared engine of a name, or a subclass's constructor.

    Attributes
    ----------
    name : {"duckdb", "polars", "spark"}
    con : ibis backend
        The connection (``ibis.duckdb.connect()``, ...), for running your own expressions.
    """

    name: ClassVar[str] = ""

    def __init__(self, con: Any) -> None:
        self._con = con

    @property
    def con(self) -> Any:
        """The Ibis backend connection."""
        return self._con

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    # --- construction (kept for code written against graphkit 0.1) ------------------------
    @staticmethod
    def duckdb(**options: Any) -> DuckDBEngine:
        """A new :class:`DuckDBEngine` (same options)."""
        return DuckDBEngine(**options)

    @staticmethod
    def polars() -> PolarsEngine:
        """A new :class:`PolarsEngine`."""
        return PolarsEngine()

    @staticmethod
    def spark(**options: Any) -> SparkEngine:
        """:meth:`SparkEngine.start` (same options)."""
        return SparkEngine.start(**options)

    @classmethod
    def default(cls) -> Engine:
        """A new engine of this backend with its default settings (:func:`get` shares it)."""
        return cls()

    # --- tables -------------------------------------------------------------------------
    def _name(self) -> str:
        return f"gk_t{next(_counter)}"

    def load(self, table: pa.Table, *, owner: object | None = None) -> ir.Table:
        """Put an Arrow table into the backend; dropped again when `owner` is collected."""
        name = self._name()
        with self._guard():
            expr = self._create(name, table)
        self._owned(name, owner)
        return expr

    def load_table(self, table: pa.Table, *, owner: object | None = None) -> str:
        """:meth:`load`, giving the name of the new table (see :meth:`table`)."""
        return self.load(table, owner=owner).op().name

    def table(self, name: str) -> ir.Table:
        """The table `name` of this engine (made by :meth:`load_table`, :meth:`keep`, ...)
        as an Ibis table."""
        return self.con.table(name)

    # --- plans: a query's SQL run again without Ibis (DuckDB; see graphkit.rules._plans) ---
    #: Whether this engine runs plans (:meth:`fetch_planned` can give one).
    plans: ClassVar[bool] = False

    def fetch_planned(self, expr: ir.Table) -> tuple[pa.Table, Plan | None]:
        """:meth:`fetch`, and the plan that gives the same result without Ibis (``None``:
        none on this engine, or for this query)."""
        return self.fetch(expr), None

    def keep_planned(self, expr: ir.Table, *, owner: object | None = None
                     ) -> tuple[str, Plan | None]:
        """:meth:`keep` giving the name of the table, and the plan that makes it again."""
        return self.keep(expr, owner=owner).op().name, None

    def fetch_plan(self, plan: dict[str, Any], names: list[str]) -> pa.Table | None:
        """The result of a fetch's `plan` whose tables are `names` (in the plan's order);
        ``None`` when the plan does not fit those tables (its SQL does not bind)."""
        raise NotImplementedError(type(self).__name__)

    def keep_plan(self, plan: dict[str, Any], names: list[str], *,
                  owner: object | None = None) -> str | None:
        """The name of a new table made by a keep's `plan` from the tables `names`
        (``None``: the plan does not fit them)."""
        raise NotImplementedError(type(self).__name__)

    def keep(self, expr: ir.Table, *, owner: object | None = None) -> ir.Table:
        """`expr` computed once and kept in the backend (later uses read the result)."""
        name = self._name()
        with self._guard():
            out = self._materialize(name, expr)
        self._owned(name, owner)
        return out

    def fetch(self, expr: ir.Expr) -> pa.Table:
        """The result of `expr` as an Arrow table."""
        with self._guard():
            out = self._to_arrow(expr)
        return out if isinstance(out, pa.Table) else pa.table({"value": [out.as_py()]})

    def alive(self) -> bool:
        """Whether the engine can still run expressions."""
        return True

    def _owned(self, name: str, owner: object | None) -> None:
        """Table `name` dropped when `owner` is collected; not at the interpreter's exit,
        where the tables go with the process (DuckDB in memory, its spill folder removed
        by its own handler) or with the Spark session: dropping a million rows' tables
        one by one there is ~0.1 s of a 1M audit's exit, for nothing."""
        if owner is not None:
            weakref.finalize(owner, self._drop, name).atexit = False

    def _drop(self, name: str) -> None:
        with contextlib.suppress(Exception):  # at garbage collection: best effort
            self._drop_table(name)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Around every backend call (DuckDB's deprecation warnings silenced, Ctrl-C kept)."""
        with _quiet():
            yield

    # --- what each backend does its own way ----------------------------------------------
    def _create(self, name: str, table: pa.Table) -> ir.Table:
        """Table `name` holding the Arrow `table`."""
        return self.con.create_table(name, table)

    def _materialize(self, name: str, expr: ir.Table) -> ir.Table:
        """Table `name` holding the result of `expr`."""
        return self.con.create_table(name, expr)

    def _drop_table(self, name: str) -> None:
        self.con.drop_table(name, force=True)

    def _to_arrow(self, expr: ir.Expr) -> Any:
        return expr.to_pyarrow()


class DuckDBEngine(Engine):
    """An in-process DuckDB engine: temporary tables; spills to `temp_directory` (a new
    temporary folder by default, removed with the engine) past `memory_limit` (DuckDB's
    default: 80 % of the RAM).

    Examples
    --------
    >>> DuckDBEngine(threads=1).con.raw_sql("SELECT current_setting('threads')").fetchone()
    (1,)
    """

    name = "duckdb"
    plans = True

    def __init__(self, *, threads: int | None = None, memory_limit: str | None = None,
                 temp_directory: str | None = None) -> None:
        raw, self._spill = connect(threads=threads, memory_limit=memory_limit,
                                   temp_directory=temp_directory)
        self._limit = limit_bytes(memory_limit)  # raised for a query that needs more
        #: The DuckDB connection itself.
        self.raw = raw
        super().__init__(None)

    @property
    def con(self) -> Any:
        """The Ibis backend on :attr:`raw`, made at the first use (importing Ibis takes
        ~0.4 s, and a query run from its plan needs none)."""
        if self._con is None:
            import ibis

            self._con = ibis.duckdb.from_connection(self.raw)
        return self._con

    def load_table(self, table: pa.Table, *, owner: object | None = None) -> str:
        # what ``con.create_table(name, table, temp=True)`` does, without Ibis, for the
        # types whose DuckDB column is the same either way (numbers, booleans, text — the
        # coded tables); any other type (times, nanosecond timestamps, ...) through Ibis
        if not all(_plain(f.type) for f in table.schema):
            return Engine.load(self, table, owner=owner).op().name
        name = self._name()
        view = f"{name}_arrow"
        with self._guard():
            self.raw.register(view, table)
            try:
                self._run(lambda: self.raw.execute(
                    f'CREATE TEMP TABLE "{name}" AS SELECT * FROM "{view}"'))
            finally:
                self.raw.unregister(view)
        self._owned(name, owner)
        return name

    def load(self, table: pa.Table, *, owner: object | None = None) -> ir.Table:
        return self.table(self.load_table(table, owner=owner))

    def _drop_table(self, name: str) -> None:
        self.raw.execute(f'DROP TABLE IF EXISTS temp.main."{name}"')

    def _run(self, query: Callable[[], T]) -> T:
        """``query()``, run again with more memory when it needs more than the memory
        limit given (:func:`graphkit.network._duckdb.run_growing`)."""
        return run_growing(self.raw, query, self._limit)

    def _create(self, name: str, table: pa.Table) -> ir.Table:
        return self.con.create_table(name, table, temp=True)

    def table(self, name: str) -> ir.Table:
        import ibis.expr.operations as ops

        with self._guard():
            schema = self.con.get_schema(name, catalog="temp", database="main")
        return ops.DatabaseTable(name, schema=schema, source=self.con,
                                 namespace=ops.Namespace(catalog="temp",
                                                         database="main")).to_expr()

    def _materialize(self, name: str, expr: ir.Table) -> ir.Table:
        return self._made(name, expr)[0]

    def _made(self, name: str, expr: ir.Table) -> tuple[ir.Table, Plan | None]:
        # what ``con.create_table(name, expr, temp=True)`` does, with the query's SQL from
        # the cache: the table made with the expression's column types, then filled
        import ibis.expr.operations as ops

        _prepare(self.con, expr)
        schema = expr.schema()
        create, insert = _create_sql(self.con.dialect, schema)
        sql, real = _template(self.con, expr)
        self.raw.execute(create.replace(_NAME, name))
        self._run(lambda: self.raw.execute(
            insert.replace(_NAME, name) + " " + _filled(sql, real)).fetchall())
        out = ops.DatabaseTable(name, schema=schema, source=self.con,
                                namespace=ops.Namespace(catalog="temp",
                                                        database="main")).to_expr()
        plan = None if real is None else Plan(
            {"sql": sql, "create": create, "insert": insert}, real)
        return out, plan

    def _to_arrow(self, expr: ir.Expr) -> Any:
        return self._fetched(expr)[0]

    def _fetched(self, expr: ir.Expr) -> tuple[Any, Plan | None]:
        # what ibis's ``to_pyarrow`` does, with the SQL from the cache
        from ibis.backends.duckdb.converter import DuckDBPyArrowData

        _prepare(self.con, expr)
        sql, real = _template(self.con, expr.as_table())
        table = self._run(lambda: self.raw.sql(_filled(sql, real)).to_arrow_table())
        out = expr.__pyarrow_result__(table, data_mapper=DuckDBPyArrowData)
        plan = None
        if real is not None and isinstance(out, pa.Table) and _same_cast(table, out):
            plan = Plan({"sql": sql, "schema": _schema_text(out.schema)}, real)
        return out, plan

    def fetch_planned(self, expr: ir.Table) -> tuple[pa.Table, Plan | None]:
        with self._guard():
            return self._fetched(expr)

    def keep_planned(self, expr: ir.Table, *, owner: object | None = None
                     ) -> tuple[str, Plan | None]:
        name = self._name()
        with self._guard():
            _, plan = self._made(name, expr)
        self._owned(name, owner)
        return name, plan

    def fetch_plan(self, plan: dict[str, Any], names: list[str]) -> pa.Table | None:
        import duckdb

        try:
            with self._guard():
                table = self._run(
                    lambda: self.raw.sql(_filled(plan["sql"], names)).to_arrow_table())
            return _cast(table, _schema_of(plan["schema"]))
        except (duckdb.ProgrammingError, duckdb.DataError, KeyError, ValueError,
                pa.ArrowException):
            return None  # a plan that does not fit these tables: built again

    def keep_plan(self, plan: dict[str, Any], names: list[str], *,
                  owner: object | None = None) -> str | None:
        import duckdb

        name = self._name()
        try:
            with self._guard():
                self.raw.execute(plan["create"].replace(_NAME, name))
                self._run(lambda: self.raw.execute(
                    plan["insert"].replace(_NAME, name) + " "
                    + _filled(plan["sql"], names)).fetchall())
        except BaseException as exc:
            self._drop(name)
            if isinstance(exc, (duckdb.ProgrammingError, duckdb.DataError, KeyError)):
                return None  # a plan that does not fit these tables: built again
            raise
        self._owned(name, owner)
        return name


class PolarsEngine(Engine):
    """An in-process Polars engine (in memory).

    Examples
    --------
    >>> PolarsEngine().name
    'polars'
    """

    name = "polars"

    def __init__(self) -> None:
        import ibis

        super().__init__(ibis.polars.connect())

    def _materialize(self, name: str, expr: ir.Table) -> ir.Table:
        return self.con.create_table(name, expr.to_polars())


class SparkEngine(Engine):
    """A Spark engine on a SparkSession (one engine per session: what it loaded and
    computed stays there from call to call). Make one with :meth:`start`.

    Tables are Arrow tables loaded as cached temporary views; results are cached views too
    and come back straight as Arrow. A failure of Spark while the rules run is an
    :class:`~graphkit.errors.EngineError`; when the session's cluster master is lost (or
    its JVM is gone), an :class:`~graphkit.errors.EngineUnreachable` (exit 3) for a cluster
    master, an :class:`~graphkit.errors.EngineError` for Spark in local mode. On a
    standalone cluster (``spark://...``) a :class:`~graphkit.rules._spark.Watchdog` ends the
    jobs with an :class:`~graphkit.errors.EngineUnreachable` when no master accepts a
    connection, or a job has no executor, for ``$GRAPHKIT_SPARK_TIMEOUT`` seconds (60).
    """

    name = "spark"
    _of_session: ClassVar[weakref.WeakKeyDictionary[Any, SparkEngine]] = \
        weakref.WeakKeyDictionary()

    def __init__(self, session: Any) -> None:
        import ibis

        from . import _spark

        super().__init__(ibis.pyspark.connect(session))
        self._session = session
        self._cached: dict[str, Any] = {}  # the cached DataFrame of each name
        # on a standalone cluster: a lost master or no executor left ends the rules
        # (exit 3) after GRAPHKIT_SPARK_TIMEOUT seconds instead of a wait without end
        context = session.sparkContext
        self._watchdog = _spark.Watchdog(context, context.master, _spark.lost_after()) \
            if _spark.cluster_addresses(context.master) else None

    @property
    def session(self) -> Any:
        """The SparkSession."""
        return self._session

    @property
    def master(self) -> str:
        """The session's master (``local[2]``, ``spark://host:7077``, ...)."""
        return str(self._session.sparkContext.master)

    @staticmethod
    def check() -> None:
        """What Spark needs on this machine — PySpark, Java 17 or newer — checked before
        anything starts (and ``$GRAPHKIT_SPARK_TIMEOUT``, when set, is a number of seconds).

        Raises
        ------
        UsageError
            Saying what to install (or what the timeout should be).
        """
        from . import _spark

        _spark.lost_after()
        _spark.require_pyspark()
        _spark.require_java()

    @classmethod
    def default(cls) -> SparkEngine:
        return cls.start()

    @classmethod
    def start(cls, *, master: str | None = None, session: Any = None,
              app_name: str = "graphkit") -> SparkEngine:
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
        EngineUnreachable
            When the cluster master at `master` cannot be reached (exit 3).
        """
        from . import _spark

        if session is None:
            session = _spark.session(master, app_name)
        else:
            _spark.require_pyspark()
        with _lock:  # one engine per session: its tables stay loaded from call to call
            engine = cls._of_session.get(session)
            if engine is None:
                engine = cls(session)
                cls._of_session[session] = engine
            return engine

    def alive(self) -> bool:
        """False once the session was stopped."""
        return self._session.sparkContext._jsc is not None

    def _create(self, name: str, table: pa.Table) -> ir.Table:
        self._view(name, self._frame(table))  # the Arrow table itself, as a cached view
        return self.con.table(name)

    def _materialize(self, name: str, expr: ir.Table) -> ir.Table:
        self._view(name, self._session.sql(self._sql(expr)))  # computed at its first use
        return self.con.table(name)

    def _drop_table(self, name: str) -> None:
        self._session.catalog.dropTempView(name)
        df = self._cached.pop(name, None)
        if df is not None:
            df.unpersist()

    def _to_arrow(self, expr: ir.Expr) -> Any:
        """`expr` collected straight to Arrow (Ibis's own ``to_pyarrow`` goes through
        pandas), in the types of the expression's schema."""
        table = expr.as_table()
        out = self._session.sql(self._sql(table)).toArrow()
        schema = table.schema().to_pyarrow()
        out = out.rename_columns(schema.names).cast(schema)
        return expr.__pyarrow_result__(out)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """A failure of Spark (a lost cluster, a JVM that ran out of memory) raised as an
        :class:`EngineError`, or :class:`EngineUnreachable` when the cluster is gone."""
        with _quiet():
            try:
                yield
            except Exception as exc:
                if not _from_spark(exc):
                    raise
                raise self._failure(exc) from exc

    def _failure(self, exc: BaseException) -> EngineError:
        """What Spark's `exc` means for the user: the master lost or unreachable (a cluster:
        exit 3), else a failure of the rules on Spark."""
        from . import _spark

        if self._watchdog is not None and self._watchdog.reason is not None:
            return EngineUnreachable(self._watchdog.reason)
        lines = str(exc).strip().splitlines()
        first = lines[0] if lines else type(exc).__name__
        gone = isinstance(exc, ConnectionError) or type(exc).__name__ in (
            "Py4JNetworkError", "Py4JError") or _spark.is_lost(str(exc)) or not self.alive()
        master = self._master_or_none()
        if gone and master is not None and _spark.local_threads(master) is None:
            return EngineUnreachable(t("engine.spark_lost", master=master, detail=first))
        if gone:
            return EngineError(t("engine.spark_local_gone", detail=first))
        return EngineError(t("engine.spark_failed", detail=first))

    def _master_or_none(self) -> str | None:
        with contextlib.suppress(Exception):
            return self.master
        return getattr(self._session, "_graphkit_master", None)

    def _sql(self, expr: ir.Expr) -> str:
        table = expr.as_table()
        self.con._run_pre_execute_hooks(table)  # registers in-memory tables the query reads
        return str(self.con.compile(table))

    def _frame(self, table: pa.Table) -> Any:
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

    def _view(self, name: str, df: Any) -> None:
        df = df.cache()
        df.createOrReplaceTempView(name)
        self._cached[name] = df


#: The backends by name; the first is the default.
BACKENDS: dict[str, type[Engine]] = {"duckdb": DuckDBEngine, "polars": PolarsEngine,
                                     "spark": SparkEngine}
ENGINES = tuple(BACKENDS)
DEFAULT = ENGINES[0]


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


#: Compiled SQL of each query's shape: the expression with its tables renamed to
#: placeholders (in the order they occur) -> SQL naming the placeholders. Compiling an
#: Ibis expression takes ~10 ms a query, and an audit runs ~40: the same rules on another
#: network (or the same network again) are compiled once per process, and once for all
#: processes of the same versions (:mod:`graphkit.rules._sqlcache`, on disk).
_SQL_CACHE: dict[Any, str] = {}
_SQL_CACHE_SIZE = 4096
#: Placeholder of the i-th table in a cached query, and of the table made in a cached
#: CREATE/INSERT; graphkit's own tables are named gk_t<N>, so neither can be a real name.
_PLACEHOLDER = "gk_placeholder_{}_"
_PLACEHOLDERS = re.compile(r"gk_placeholder_(\d+)_")
_NAME = "gk_placeholder_new_"


def _prepare(con: Any, expr: ir.Expr) -> None:
    """What Ibis does on DuckDB before it runs `expr` — register the in-memory tables and
    the Python functions it reads, warn about a partly read RecordBatchReader — when there
    is anything to do (each of these walks the whole expression; the rules' queries read
    only tables already in DuckDB)."""
    import ibis.expr.operations as ops

    if con._record_batch_readers_consumed or expr.op().find((ops.InMemoryTable,
                                                              ops.ScalarUDF)):
        con._run_pre_execute_hooks(expr)


def _template(con: Any, expr: ir.Expr) -> tuple[str, list[str] | None]:
    """The SQL of `expr` with its tables named by placeholders (numbered in the order they
    occur), and the names of those tables; ``None`` for a query that reads an in-memory
    table (its SQL has no placeholders: compiled each time, as a key would keep the data).

    The same shape (another network's tables, or the same again) is compiled once per
    process, and once for every process of the same versions (:mod:`._sqlcache`).

    Examples
    --------
    >>> import pyarrow as pa
    >>> e = DuckDBEngine(threads=1)
    >>> a, b = (e.load(pa.table({"x": [i, i + 1]})) for i in (1, 5))
    >>> _SQL_CACHE.clear()
    >>> (sql_a, real_a), (sql_b, real_b) = (_template(e.con, t.x.sum().as_table())
    ...                                     for t in (a, b))
    >>> len(_SQL_CACHE), sql_a == sql_b, "gk_placeholder_0_" in sql_a
    (1, True, True)
    >>> real_a == [a.op().name], _filled(sql_a, real_a) == e.con.compile(a.x.sum().as_table())
    (True, True)
    """
    import ibis.expr.operations as ops

    op = expr.op()
    if op.find(ops.InMemoryTable):
        return con.compile(expr), None
    names: dict[str, int] = {}  # table name -> its placeholder's number
    refs: dict[int, int] = {}  # self- and join-reference identifier -> its number here

    def canonical(node: Any, kwargs: dict[str, Any] | None) -> Any:
        # the tables renamed and the references (whose identifiers count up process-wide)
        # numbered in the order they occur: the same shape gives the same key
        if isinstance(node, ops.DatabaseTable):
            i = names.setdefault(node.name, len(names))
            return node.copy(name=_PLACEHOLDER.format(i), source=None)
        if isinstance(node, ops.Reference):
            kwargs = dict(kwargs or zip(node.__argnames__, node.__args__, strict=True))
            kwargs["identifier"] = refs.setdefault(node.identifier, len(refs))
        return node.__recreate__(kwargs) if kwargs else node

    shape = op.replace(canonical)
    sql = _SQL_CACHE.get(shape)
    if sql is None:
        # from an earlier process (the user's cache folder), else compiled and kept there
        k = _sqlcache.key(con.name, shape)
        sql = None if k is None else _sqlcache.read(k)
        if sql is None:
            sql = con.compile(shape.to_expr())
            if k is not None:
                _sqlcache.write(k, sql)
        if len(_SQL_CACHE) >= _SQL_CACHE_SIZE:
            _SQL_CACHE.clear()
        _SQL_CACHE[shape] = sql
    return sql, list(names)


def _filled(sql: str, names: list[str] | None) -> str:
    """SQL with placeholders (:func:`_template`) naming the tables `names`."""
    if names is None:
        return sql
    return _PLACEHOLDERS.sub(lambda m: names[int(m.group(1))], sql)


class Plan:
    """How a query runs again without Ibis: its SQL with placeholders for its tables (and,
    for a table kept in the engine, the statements that make it; for a fetch, the types of
    its result) — ``parts``, plain text that can be kept on disk — and the names of the
    tables it read this time, in the placeholders' order (``tables``)."""

    __slots__ = ("parts", "tables")

    def __init__(self, parts: dict[str, str], tables: list[str]) -> None:
        self.parts = parts
        self.tables = tables


def _cast(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """DuckDB's result in the types of `schema` (what Ibis's conversion does on it)."""
    if table.schema.names != schema.names:
        table = table.rename_columns(schema.names)
    return table if table.schema.equals(schema) else table.cast(schema)


def _plain(t: pa.DataType) -> bool:
    """A type DuckDB reads from Arrow as Ibis would create its column."""
    return (pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_boolean(t)
            or pa.types.is_string(t) or pa.types.is_large_string(t))


def _same_cast(table: pa.Table, out: pa.Table) -> bool:
    """Whether DuckDB's `table` cast to the types of `out` (Ibis's conversion of it) is
    `out`: then a plan's result needs no Ibis (a cast that fails: no plan)."""
    try:
        return _cast(table, out.schema).equals(out)
    except (pa.ArrowException, ValueError, TypeError):
        return False


def _schema_text(schema: pa.Schema) -> str:
    """`schema` as text (Arrow IPC, base64), for a plan kept on disk."""
    import base64

    return base64.b64encode(schema.serialize().to_pybytes()).decode("ascii")


@functools.lru_cache(maxsize=1024)
def _schema_of(text: str) -> pa.Schema:
    import base64

    return pa.ipc.read_schema(pa.py_buffer(base64.b64decode(text)))


@functools.lru_cache(maxsize=256)
def _create_sql(dialect: Any, schema: Any) -> tuple[str, str]:
    """``CREATE TEMP TABLE`` of a table of `schema` in SQL `dialect` and the start of its
    ``INSERT``, both naming the table :data:`_NAME` (the statements ibis's
    ``create_table`` runs)."""
    import sqlglot as sg
    import sqlglot.expressions as sge

    table = sg.table(_NAME, catalog="temp", db="main", quoted=True)
    create = sge.Create(
        kind="TABLE",
        this=sge.Schema(this=table, expressions=schema.to_sqlglot_column_defs(dialect)),
        properties=sge.Properties(expressions=[sge.TemporaryProperty()]))
    columns = ", ".join(sge.to_identifier(c, quoted=True).sql(dialect) for c in schema.names)
    return create.sql(dialect), f"INSERT INTO {table.sql(dialect)} ({columns})"


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
            return SparkEngine.start(session=engine)
        raise UsageError(t("engine.bad_type", engines=", ".join(ENGINES),
                           got=type(engine).__name__))
    if engine not in BACKENDS:
        raise UsageError(t("engine.unknown", name=engine, engines=", ".join(ENGINES)))
    with _lock:
        if engine not in _shared or not _shared[engine].alive():
            _shared[engine] = BACKENDS[engine].default()
        return _shared[engine]
