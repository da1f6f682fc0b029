"""Every engine gives the same results: DuckDB, Polars and Spark (local mode).

The audit document (``to_dict()`` and the JSON bytes) and every public table are computed on
each engine and compared with DuckDB's, on the Sihui sample, on hand-built networks that
reach every rule, and on a few random networks. Spark runs in one local session for the
whole test session (its start-up is most of the cost); ``graphkit audit --engine spark`` is
run end to end in a subprocess.

Under ``CI=true`` a missing PySpark or Java fails these tests; elsewhere they are skipped
with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit as gk
from graphkit import engine as E
from graphkit.errors import UsageError
from graphkit.report import to_json_bytes

from .conftest import REPO, SIHUI, Builder
from .test_properties import networks

#: the tests of the one Spark session of the module run after the parallel part, in one
#: process; those of the command line without Spark run with the rest
spark_session = pytest.mark.serial

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
GRAPHKIT = [sys.executable, "-m", "graphkit"]


@pytest.fixture(scope="session")
def spark() -> Any:
    """One Spark engine (local[2]) for the whole test session, stopped at its end."""
    try:
        engine = E.Engine.spark(master="local[2]")
    except UsageError as exc:
        if CI:
            pytest.fail(f"the Spark engine is required under CI=true: {exc}")
        pytest.skip(f"no Spark engine here: {exc}")
    yield engine
    engine._session.stop()


@pytest.fixture(scope="session")
def spark_cli(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """``graphkit audit data/sihui --engine spark`` started in the background as soon as
    Spark is known to be there, so that its JVM starts while the other tests run. It runs
    with Spark's own defaults, as users do (code generation, adaptive execution): the
    suite's other Spark drivers run without (tests/spark-conf, ~3 CPU-s more here)."""
    cwd = tmp_path_factory.mktemp("cli")
    env = {k: v for k, v in os.environ.items()
           if not (k == "SPARK_CONF_DIR" and Path(v) == REPO / "tests" / "spark-conf")}
    proc = subprocess.Popen(
        [*GRAPHKIT, "audit", str(SIHUI), "--format", "json", "--engine", "spark",
         "--spark-master", "local[1]"], cwd=cwd, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**env, "PYTHONPATH": str(REPO)})
    yield proc, cwd
    if proc.poll() is None:
        proc.kill()
    proc.communicate()


@pytest.fixture(scope="session")
def engines(spark: Any, spark_cli: Any) -> dict[str, E.Engine]:
    return {"duckdb": E.get("duckdb"), "polars": E.get("polars"), "spark": spark}


# --- what is compared ---------------------------------------------------------------------
RATE_GROUPS = (None, "kind", "community", "area", "two_new")


def outputs(ds: gk.Dataset, engine: Any, **opts: Any) -> dict[str, Any]:
    """Every public result of `ds` on `engine`: the audit document and the tables."""
    scope = opts.get("scope", "all")
    rating = opts.get("sub_core_min_rating")
    result = gk.audit(ds, engine=engine, **opts)
    units = gk.unit_coverage(ds, scope=scope, engine=engine)
    G = gk.tie_graph(ds, engine=engine)
    out: dict[str, Any] = {
        "to_dict": result.to_dict(),
        "json": to_json_bytes(result),
        "unit_coverage": units,
        **{f"coverage_rates[{by}]": gk.coverage_rates(units, by=by) for by in RATE_GROUPS},
        "circles": gk.circles(ds, sub_core_min_rating=rating, engine=engine),
        "circle_roles": gk.circle_roles(ds, sub_core_min_rating=rating, engine=engine),
        "findings": gk.findings(ds, scope=scope, engine=engine,
                                min_branch_members=opts.get("min_branch_members"),
                                sub_core_min_rating=rating),
        "jurisdiction": gk.jurisdiction(ds, engine=engine),
        "scorecard": gk.scorecard(ds, engine=engine),
        "ties": gk.ties(ds, engine=engine),
        "tie_nodes": gk.tie_nodes(ds, engine=engine),
        "tie_edges": gk.tie_edges(ds, engine=engine),
        "tie_graph": (sorted(G.nodes(data=True)),
                      sorted((min(u, v), max(u, v), sorted(d.items()))
                             for u, v, d in G.edges(data=True))),
        # the audit's own frames, read by the reports
        **{f"audit.{k}": getattr(result, k) for k in
           ("units", "rates", "by_kind", "two_new", "by_community", "by_area", "circles",
            "findings")},
    }
    return out


def assert_same(ds: gk.Dataset, engines: dict[str, E.Engine], **opts: Any) -> dict[str, Any]:
    """Each engine's :func:`outputs` equal DuckDB's, value for value and dtype for dtype.
    (Results are cached per network *and engine*, so no engine reads another's.) Returns
    Spark's outputs, for the checks that the comparison is not vacuous."""
    want = outputs(ds, engines["duckdb"], **opts)
    for name in ("polars", "spark"):
        got = outputs(ds, engines[name], **opts)
        assert got.keys() == want.keys()
        for key, value in want.items():
            if isinstance(value, pd.DataFrame):
                pd.testing.assert_frame_equal(got[key], value, check_exact=True,
                                              obj=f"{name} {key}")
            else:
                assert got[key] == value, f"{name}: {key} differs from DuckDB's"
    return got


# --- the Sihui sample -----------------------------------------------------------------------
@spark_session
def test_sihui_same_on_every_engine(engines: dict[str, E.Engine], sihui: gk.Dataset) -> None:
    # the comparison is not vacuous: the sample has every kind of result
    out = assert_same(sihui, engines)
    assert set(out["circle_roles"]["role"]) >= {"core", "sub_core", "pan_core", "unlinked",
                                                "external"}
    assert len(out["findings"]["code"].unique()) >= 6
    assert out["tie_graph"][1]


# --- hand-built networks ------------------------------------------------------------------
def _every_rule() -> Builder:
    """A small city that reaches every rule of SPEC sections 2-4 at least once."""
    b = Builder()
    b.node("a1", "Area", kind="street")
    b.node("a2", "Area", kind="town")
    # c1: two candidate cores (committee wins over branch), a compound with a branch
    b.community("c1", "a1", core="k1", core_kind="branch")
    b.node("k0", "PartyOrg", kind="committee", rating=5)
    b.edge("k0", "c1", "BELONGS_TO")
    b.node("cp1", "Compound")
    b.edge("cp1", "c1", "PART_OF")
    b.node("cpo1", "PartyOrg", kind="branch", rating=4)
    b.edge("cpo1", "cp1", "BELONGS_TO")
    b.edge("cpo1", "k0", "CO_BUILDS")
    # units: own, joint, affiliated, instructor, none; in c1, in cp1, in an area only
    b.unit("u1", "c1", members=5, org="o1", rating=4)
    b.unit("u2", "cp1", kind="social_org", members=2)
    b.unit("u3", "c1", kind="market", members=1)
    b.unit("u4", "c1", members=2)
    b.unit("u5", "a2", kind="institution", members=7)
    b.unit("u6", None, members=0)
    b.edge("o1", "k0", "CO_BUILDS")
    b.edge("k0", "u4", "MEETS_WITH")
    b.unit("u10", "c1", members=4)
    b.edge("o1", "u2", "COVERS", mode="joint")
    b.edge("cpo1", "u3", "COVERS", mode="affiliated")
    b.node("p1", "Person", kind="instructor")
    b.edge("p1", "u4", "GUIDES")
    # a unit outside c1 tied to its core: an external partner; k0 reports to an org
    b.node("up", "PartyOrg", kind="committee", rating=3)
    b.edge("k0", "up", "REPORTS_TO")
    b.edge("k0", "u5", "MEETS_WITH")
    # an orphan branch, a team stationed at c1 from u5
    b.node("orph", "PartyOrg", kind="branch", rating=2)
    b.node("t1", "Team", kind="stationed")
    b.edge("t1", "u5", "FROM")
    b.edge("t1", "c1", "STATIONED_AT")
    b.node("s1", "ServiceCenter")
    b.edge("s1", "cp1", "SERVES")
    # c2: no core, no service center, a compound without a branch
    b.community("c2", "a2")
    b.node("cp2", "Compound")
    b.edge("cp2", "c2", "PART_OF")
    b.unit("u7", "cp2", members=1)
    b.unit("u8", "c2", members=1)
    b.unit("u9", "c2", kind="social_org", members=2)
    return b


@spark_session
def test_every_rule_network_same_on_every_engine(engines, tmp_path: Path) -> None:
    ds = _every_rule().dataset(tmp_path)
    codes = set(assert_same(ds, engines)["findings"]["code"])
    assert {"uncovered", "should_form_branch", "joint_candidate", "community_without_core",
            "compound_without_branch", "no_service_center", "no_stationed_team",
            "orphan_org"} <= codes


@spark_session
def test_network_without_units_or_ties(engines, tmp_path: Path) -> None:
    """Empty results (no units, no ties, no circles) come back empty on every engine."""
    b = Builder()
    b.node("a1", "Area", kind="street")
    b.community("c1", "a1")
    assert_same(b.dataset(tmp_path), engines)


# --- random networks ----------------------------------------------------------------------
def _union(parts: list[Builder]) -> Builder:
    """Disjoint networks as one (ids prefixed): every rule works per community, so one
    audit checks them all, and Spark's cost is per query, not per row."""
    b = Builder()
    for i, part in enumerate(parts):
        for n in part.nodes:
            b.nodes.append({**n, "id": f"n{i}-{n['id']}"})
        for e in part.edges:
            b.edges.append({**e, "source": f"n{i}-{e['source']}",
                            "target": f"n{i}-{e['target']}"})
    return b


@spark_session
@settings(max_examples=3, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(parts=st.lists(networks(), min_size=1, max_size=4),
       scope=st.sampled_from(["all", "two_new"]), rating=st.integers(0, 5),
       min_members=st.integers(1, 6))
def test_random_networks_same_on_every_engine(engines, tmp_path_factory, parts: list[Builder],
                                              scope: str, rating: int,
                                              min_members: int) -> None:
    ds = _union(parts).dataset(tmp_path_factory.mktemp("net"))
    assert_same(ds, engines, scope=scope, sub_core_min_rating=rating,
                min_branch_members=min_members)


# --- the Python API -----------------------------------------------------------------------
@spark_session
def test_a_spark_session_is_an_engine(spark, sihui: gk.Dataset) -> None:
    """A SparkSession given as `engine` runs on that session, through one engine per
    session (so what that engine already loaded and computed is reused)."""
    assert E.get(spark._session) is spark
    got = gk.audit(sihui, engine=spark._session)
    assert got.to_dict() == gk.audit(sihui).to_dict()
    assert gk.circles(sihui, engine=spark._session).equals(gk.circles(sihui))


@spark_session
def test_a_second_master_in_one_process_is_a_usage_error(spark) -> None:
    with pytest.raises(UsageError, match="one context per process"):
        E.Engine.spark(master="local[1]")
    # the running session (and its engine) is reused when no master, or the same, is
    # asked for
    assert E.Engine.spark(master="local[2]") is spark
    assert E.Engine.spark() is spark
    assert E.get("spark") is spark


# --- the command line ---------------------------------------------------------------------
def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 240) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([*GRAPHKIT, *args], cwd=cwd, env=full, capture_output=True,
                          timeout=timeout, check=False)


@spark_session
def test_cli_engine_spark_end_to_end(spark_cli, sihui: gk.Dataset) -> None:
    """``--engine spark --spark-master local[1]`` prints DuckDB's JSON, byte for byte, and
    nothing of Spark's: no log on standard error, no file left in the working folder."""
    proc, cwd = spark_cli
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert out == to_json_bytes(gk.audit(sihui))
    assert json.loads(out)["schema"] == 1
    assert err.decode().strip() == ""
    assert list(cwd.iterdir()) == []


def test_cli_without_java_exit_2(tmp_path: Path) -> None:
    proc = _run(["audit", str(SIHUI), "--engine", "spark"], cwd=tmp_path,
                env={"JAVA_HOME": str(tmp_path / "no-java")})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Java 17" in err and "JAVA_HOME" in err
    assert "Traceback" not in err


def test_cli_with_an_old_java_exit_2(tmp_path: Path) -> None:
    home = tmp_path / "jdk11"
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text('#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n')
    java.chmod(0o755)
    proc = _run(["audit", str(SIHUI), "--engine", "spark"], cwd=tmp_path,
                env={"JAVA_HOME": str(home)})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "reports Java 11" in err and "Java 17 or newer" in err
    assert "Traceback" not in err


@spark_session
def test_a_spark_failure_is_an_engine_error(spark) -> None:
    """What Spark raises while the rules run (here: a query Spark refuses) becomes an
    EngineError, which the command line prints in one line (exit 2)."""
    import ibis

    bad = spark.con.sql("SELECT 1 AS x").filter(ibis._.x == 1)
    with pytest.raises(E.EngineError, match="Spark failed while running the rules"), \
            spark._guard():
        spark._session.sql("SELECT * FROM gk_no_such_view").collect()
    assert spark.fetch(bad).to_pydict() == {"x": [1]}  # and the engine still works


def test_cli_without_pyspark_exit_2(tmp_path: Path) -> None:
    """A Python where ``import pyspark`` fails (a stand-in package earlier on the path)."""
    fake = tmp_path / "site" / "pyspark"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named pyspark')\n")
    proc = _run(["audit", str(SIHUI), "--engine", "spark"], cwd=tmp_path,
                env={"PYTHONPATH": f"{fake.parent}{os.pathsep}{REPO}"})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert 'pip install "graphkit[spark]"' in err
    assert "Traceback" not in err


def test_cli_bad_spark_timeout_exit_2(tmp_path: Path) -> None:
    """GRAPHKIT_SPARK_TIMEOUT (the seconds a cluster may be lost) that is no positive number
    is a usage error said before Spark starts."""
    for seconds in ("soon", "0", "-5", "nan"):
        proc = _run(["audit", str(SIHUI), "--engine", "spark"], cwd=tmp_path,
                    env={"GRAPHKIT_SPARK_TIMEOUT": seconds})
        err = proc.stderr.decode()
        assert proc.returncode == 2, err
        assert f"GRAPHKIT_SPARK_TIMEOUT must be a positive number of seconds (such as 60), " \
               f"got {seconds!r}" in err
        assert "Traceback" not in err


def test_a_duckdb_memory_limit_is_raised_for_a_query_that_needs_more_then_set_again(
        monkeypatch: pytest.MonkeyPatch, sihui: gk.Dataset) -> None:
    """``GRAPHKIT_DUCKDB_MEMORY`` (graphkit/network/_duckdb.py): what DuckDB keeps stays
    under it; a query that needs more memory than it gets it, and the limit is set again
    after; without it DuckDB has its own default."""
    import duckdb

    from graphkit.network import _duckdb

    monkeypatch.delenv(_duckdb.ENVVAR, raising=False)
    default = E.DuckDBEngine(threads=1)
    expected = to_json_bytes(gk.audit(sihui, engine=default))
    setting = "SELECT current_setting('memory_limit')"
    assert default.raw.execute(setting).fetchall() != [("976.5 KiB",)]
    monkeypatch.setenv(_duckdb.ENVVAR, "1MB")  # less than the sample's queries need
    small = E.DuckDBEngine(threads=1)
    with pytest.raises(duckdb.OutOfMemoryException):  # without more memory for the query
        small.raw.sql("SELECT count(DISTINCT range) FROM range(300000)").fetchall()
    assert to_json_bytes(gk.audit(sihui, engine=small)) == expected
    assert small.raw.execute(setting).fetchall() == [("976.5 KiB",)]


def test_cli_bad_duckdb_memory_exit_2_with_what_to_do(tmp_path: Path) -> None:
    proc = _run(["--lang", "en", "audit", str(SIHUI), "--format", "json"], cwd=tmp_path,
                env={"GRAPHKIT_DUCKDB_MEMORY": "lots"})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert ("GRAPHKIT_DUCKDB_MEMORY must be an amount of memory (such as 1GB, 512MB or "
            "8GiB), got 'lots'") in err
    assert "Traceback" not in err and "bug" not in err and proc.stdout == b""


def test_cli_spark_master_needs_engine_spark(tmp_path: Path) -> None:
    proc = _run(["audit", str(SIHUI), "--spark-master", "local[1]"], cwd=tmp_path)
    assert proc.returncode == 2
    assert "--engine spark" in proc.stderr.decode()


@spark_session
def test_tie_graph_types_match(engines, sihui: gk.Dataset) -> None:
    """The tie graph is a networkx Graph on every engine, with the same edge attributes."""
    graphs = {n: gk.tie_graph(sihui, engine=e) for n, e in engines.items()}
    for G in graphs.values():
        assert isinstance(G, nx.Graph)
        assert nx.utils.graphs_equal(G, graphs["duckdb"])
