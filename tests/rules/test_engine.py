"""graphkit.rules.engine: one class per backend, shared named engines, tables dropped with
their owner. (Spark and the engines compared on every rule: tests/test_engines.py.)"""

from __future__ import annotations

import gc
import inspect

import pyarrow as pa
import pytest

from graphkit import messages
from graphkit.errors import UsageError
from graphkit.rules import engine as E


def test_one_class_per_backend_and_no_switch_on_the_name() -> None:
    assert E.ENGINES == ("duckdb", "polars", "spark") and E.DEFAULT == "duckdb"
    for name, cls in E.BACKENDS.items():
        assert issubclass(cls, E.Engine) and cls.name == name
    assert "self.name ==" not in inspect.getsource(E)
    assert "self.name !=" not in inspect.getsource(E)


@pytest.mark.parametrize("name", ["duckdb", "polars"])
def test_named_engines_are_shared(name: str) -> None:
    engine = E.get(name)
    assert isinstance(engine, E.BACKENDS[name]) and E.get(name) is engine
    assert E.get(engine) is engine


def _tables(engine: E.Engine) -> int:
    if isinstance(engine, E.DuckDBEngine):  # ibis's list_tables needs DuckDB < 2
        return engine.con.raw_sql("SELECT count(*) FROM duckdb_tables()").fetchone()[0]
    return len(engine.con.list_tables())


@pytest.mark.parametrize("name", ["duckdb", "polars"])
def test_load_keep_fetch(name: str) -> None:
    engine = E.BACKENDS[name]()
    owner = type("Owner", (), {})()
    table = engine.load(pa.table({"x": [3, 1, 2]}), owner=owner)
    kept = engine.keep(table.filter(table.x > 1), owner=owner)
    assert engine.fetch(kept.x.sum()).to_pydict() == {"value": [5]}
    assert sorted(engine.fetch(kept).column("x").to_pylist()) == [2, 3]
    assert _tables(engine) == 2
    del owner, table, kept
    gc.collect()
    assert _tables(engine) == 0


def test_duckdb_options() -> None:
    engine = E.DuckDBEngine(threads=1, memory_limit="256MB")
    con = engine.con
    assert con.raw_sql("SELECT current_setting('threads')").fetchone() == (1,)
    assert engine._spill is not None
    assert con.raw_sql("SELECT current_setting('temp_directory')").fetchone()[0] == \
        engine._spill.name


def test_the_former_constructors_still_work() -> None:
    assert isinstance(E.Engine.duckdb(threads=1), E.DuckDBEngine)
    assert isinstance(E.Engine.polars(), E.PolarsEngine)


def test_unknown_engines_are_usage_errors_in_both_languages() -> None:
    with messages.use("en"), pytest.raises(UsageError, match="unknown engine 'oracle'"):
        E.get("oracle")
    with messages.use("zh"), pytest.raises(UsageError, match="未知的引擎 'oracle'"):
        E.get("oracle")
    with messages.use("en"), pytest.raises(UsageError, match="an Engine or a SparkSession"):
        E.get(42)
