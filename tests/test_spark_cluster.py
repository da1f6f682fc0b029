"""The Spark engine on a standalone Spark cluster (issue 24 item 5).

One cluster for the module — a master and two workers (1 core, 1 GB each) on 127.0.0.1,
started with PySpark's own ``bin/spark-class`` by ``scripts/spark_cluster.py``, logs and work
folders under a temporary folder — and always stopped at the end (its JVMs checked gone).
On it, in this order:

1. ``graphkit audit data/sihui --engine spark --spark-master spark://127.0.0.1:PORT`` prints
   DuckDB's JSON byte for byte, and ran on the cluster's executors;
2. the workers killed while an audit runs: exit 3 and the "no executor" message (English);
3. the master killed while an audit runs: exit 3 and the "master lost" message (Chinese,
   the default), never a traceback nor a hang.

Under ``CI=true`` a missing PySpark or Java fails these tests; elsewhere they are skipped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import graphkit as gk
from graphkit.errors import UsageError
from graphkit.report import to_json_bytes

from .conftest import REPO, SIHUI, load_script

pytestmark = pytest.mark.serial

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
#: seconds the driver waits for a lost master or an executor in the failure tests
TIMEOUT = 3


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _gone(pgids: list[int], within: float = 30) -> list[int]:
    """The process groups of `pgids` still alive after `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        alive = [g for g in pgids if _group_alive(g)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A master and two workers on 127.0.0.1 for this module, stopped at its end, also when
    a test failed; every JVM of it (executors included) checked gone."""
    from graphkit.engine import SparkEngine

    try:
        SparkEngine.check()
    except UsageError as exc:
        if CI:
            pytest.fail(f"the Spark engine is required under CI=true: {exc}")
        pytest.skip(f"no Spark engine here: {exc}")
    module = load_script("spark_cluster")
    c = module.Cluster(tmp_path_factory.mktemp("spark-cluster"), workers=2,
                       worker_cores=1, worker_memory="1g")
    try:
        c.start()
        yield c
    finally:
        groups = [p.pid for p in [c.master, *c.workers] if p is not None]
        c.stop()
        assert _gone(groups, within=15) == [], "a JVM of the Spark cluster survived"


def _audit(cluster: Any, tmp_path: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``graphkit audit data/sihui`` on the cluster, in its own process group (its driver
    JVM included), started in the background."""
    full = {k: v for k, v in os.environ.items() if k != "GRAPHKIT_LANG"}
    full.update(PYTHONPATH=str(REPO), SPARK_LOCAL_IP="127.0.0.1", **env)
    return subprocess.Popen(
        [sys.executable, "-m", "graphkit", "audit", str(SIHUI), "--format", "json",
         "--engine", "spark", "--spark-master", cluster.url], cwd=tmp_path, env=full,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _finish(proc: subprocess.Popen[bytes], timeout: float) -> tuple[bytes, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the audit hung: still running after {timeout} s")
    assert _gone([proc.pid]) == [], "the driver's JVM outlived graphkit"
    return out, err.decode()


def _wait_in_log(cluster: Any, text: str, after: int, proc: subprocess.Popen[bytes],
                 timeout: float = 300) -> None:
    """Wait until the master's log shows `text` more than `after` times."""
    deadline = time.monotonic() + timeout
    while cluster._log(cluster.master_log).count(text) <= after:
        if proc.poll() is not None:
            pytest.fail(f"the audit ended before the master logged {text!r}: "
                        f"{proc.stderr.read().decode() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            pytest.fail(f"the master did not log {text!r} within {timeout} s")
        time.sleep(0.1)


def test_audit_on_the_cluster_is_duckdbs(cluster: Any, tmp_path: Path) -> None:
    """The JSON on the cluster is DuckDB's, byte for byte, nothing on standard error, and
    the work ran on the cluster's executors (the master gave the app one on each worker)."""
    proc = _audit(cluster, tmp_path, {"GRAPHKIT_LANG": "en"})
    out, err = _finish(proc, timeout=600)
    assert proc.returncode == 0, err
    assert out == to_json_bytes(gk.audit(gk.read_dataset(SIHUI)))
    assert err.strip() == ""
    log = cluster._log(cluster.master_log)
    assert "Registered app graphkit" in log
    assert log.count("Launching executor") >= 2
    assert list(tmp_path.iterdir()) == []


def test_workers_lost_mid_run_exit_3(cluster: Any, tmp_path: Path) -> None:
    """Every worker killed while the audit runs: Spark would wait for an executor without
    end; graphkit stops after GRAPHKIT_SPARK_TIMEOUT seconds, exit 3, says what to do."""
    before = cluster._log(cluster.master_log).count("Launching executor")
    proc = _audit(cluster, tmp_path, {"GRAPHKIT_LANG": "en",
                                      "GRAPHKIT_SPARK_TIMEOUT": str(TIMEOUT)})
    _wait_in_log(cluster, "Launching executor", before + 1, proc)
    cluster.kill_workers()
    out, err = _finish(proc, timeout=300)
    assert proc.returncode == 3, err
    assert out == b""
    assert "Traceback" not in err
    assert f"the Spark cluster at {cluster.url} has no executor" in err
    assert f"waited {TIMEOUT} s" in err and "Check that workers run" in err


def test_master_lost_mid_run_exit_3_in_chinese(cluster: Any, tmp_path: Path) -> None:
    """The master killed once the audit's app registered: exit 3, in Chinese by default,
    naming the master and what to do (run after the workers' test: no worker is left, and a
    master gone is reported as the cause)."""
    before = cluster._log(cluster.master_log).count("Registered app")
    proc = _audit(cluster, tmp_path, {"GRAPHKIT_SPARK_TIMEOUT": str(TIMEOUT)})
    _wait_in_log(cluster, "Registered app", before, proc)
    time.sleep(1)  # the master's answer on its way to the driver, which then goes on
    cluster.kill_master()
    out, err = _finish(proc, timeout=300)
    assert proc.returncode == 3, err
    assert out == b""
    assert "Traceback" not in err
    assert f"与 Spark 主节点 {cluster.url} 失去联系" in err
    assert f"{TIMEOUT} 秒内无法连接" in err and "GRAPHKIT_SPARK_TIMEOUT" in err
