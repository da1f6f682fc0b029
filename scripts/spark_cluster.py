"""A standalone Spark cluster on 127.0.0.1, from PySpark's own launch scripts, for the tests
and the benchmarks of the Spark engine on a cluster (``--spark-master spark://...``).

One master and N workers, each a JVM started with PySpark's ``bin/spark-class`` (the
``org.apache.spark.deploy.master.Master`` and ``...worker.Worker`` classes that Spark's
``sbin/start-master.sh`` and ``start-worker.sh`` run; the PySpark wheel carries
``bin/spark-class`` but not ``sbin/start-*.sh``). Free ports are chosen at run time, every
log and work folder is under one folder, the daemons bind to 127.0.0.1 only, and
:meth:`Cluster.stop` ends every JVM it started (each in its own process group: a worker's
executors go with it), also when called twice or after a JVM died on its own.

Usage, as a module (tests, bench)::

    with Cluster(tmp_path, workers=2, worker_memory="1g") as cluster:
        run(["graphkit", "audit", "data/sihui", "--engine", "spark",
             "--spark-master", cluster.url])

or by hand, a cluster in the foreground until Ctrl-C::

    .venv/bin/python scripts/spark_cluster.py /tmp/my-cluster --workers 2 --memory 1g
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

#: Heap of the master's and each worker's own JVM (Spark's default is 1g each); the
#: executors' heap is ``spark.executor.memory`` (``SPARK_EXECUTOR_MEMORY``) of the app.
DAEMON_MEMORY = "256m"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the kernel's choice)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def spark_home() -> Path:
    """The Spark installation inside the PySpark package (``bin/spark-class``, ``jars/``)."""
    import pyspark

    return Path(pyspark.__file__).resolve().parent


class ClusterError(RuntimeError):
    """The cluster did not start (the log's tail says why)."""


class Cluster:
    """A master and `workers` workers on 127.0.0.1, their logs and work under `root`.

    Parameters
    ----------
    root : Path
        Folder for the daemons' logs (``master.log``, ``worker-N.log``) and the workers'
        work folders (executors' output); created if missing.
    workers : int
        How many workers, each with `worker_cores` cores and `worker_memory` for its
        executors.
    start_timeout : float
        Seconds to wait for the master to listen and every worker to register.
    """

    def __init__(self, root: Path, *, workers: int = 2, worker_cores: int = 1,
                 worker_memory: str = "1g", start_timeout: float = 90.0) -> None:
        self.root = Path(root)
        self.n_workers = workers
        self.worker_cores = worker_cores
        self.worker_memory = worker_memory
        self.start_timeout = start_timeout
        self.port = 0
        self.master: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []

    @property
    def url(self) -> str:
        """The master's URL, ``spark://127.0.0.1:PORT``."""
        return f"spark://127.0.0.1:{self.port}"

    @property
    def master_log(self) -> Path:
        return self.root / "master.log"

    def worker_log(self, i: int) -> Path:
        return self.root / f"worker-{i}.log"

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SPARK_")}
        return {**env, "SPARK_HOME": str(spark_home()), "SPARK_LOCAL_IP": "127.0.0.1",
                "SPARK_LOCAL_HOSTNAME": "127.0.0.1", "SPARK_DAEMON_MEMORY": DAEMON_MEMORY,
                "SPARK_LOG_DIR": str(self.root), "SPARK_CONF_DIR": str(self.root / "conf"),
                # the executors' scratch folders in the cluster's folder, not /tmp/spark-*:
                # those of a worker that is killed are never removed
                "SPARK_LOCAL_DIRS": str(self.root / "local"), "SPARK_NO_DAEMONIZE": "1"}

    def _launch(self, log: Path, cls: str, *args: str) -> subprocess.Popen[bytes]:
        with open(log, "wb") as out:  # a fresh log: readiness is read from it
            return subprocess.Popen(
                [str(spark_home() / "bin" / "spark-class"), cls, *args], env=self._env(),
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)  # its own process group: stopped with its children

    def start(self) -> Cluster:
        """Start the master, then the workers; wait until every worker has registered."""
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "conf").mkdir(exist_ok=True)
        (self.root / "local").mkdir(exist_ok=True)
        self.port = free_port()
        self.master = self._launch(
            self.master_log, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", str(self.port), "--webui-port", str(free_port()))
        deadline = time.monotonic() + self.start_timeout
        try:
            self._wait(deadline, lambda: "Starting Spark master at" in self._log(
                self.master_log) and "I have been elected leader" in self._log(
                self.master_log), self.master_log)
            for i in range(self.n_workers):
                work = self.root / f"work-{i}"
                work.mkdir(exist_ok=True)
                self.workers.append(self._launch(
                    self.worker_log(i), "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", str(self.worker_cores),
                    "--memory", self.worker_memory, "--work-dir", str(work),
                    "--webui-port", str(free_port()), self.url))
            for i in range(self.n_workers):
                self._wait(deadline, lambda i=i: "Successfully registered with master"
                           in self._log(self.worker_log(i)), self.worker_log(i))
        except BaseException:
            self.stop()
            raise
        return self

    @staticmethod
    def _log(path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def _wait(self, deadline: float, ready: object, log: Path) -> None:
        while not ready():  # type: ignore[operator]
            dead = [p for p in [self.master, *self.workers] if p and p.poll() is not None]
            if dead or time.monotonic() > deadline:
                tail = "\n".join(self._log(log).splitlines()[-20:])
                what = "a daemon exited" if dead else "timed out"
                raise ClusterError(f"the Spark cluster did not start ({what}); {log}:\n{tail}")
            time.sleep(0.2)

    def kill_master(self) -> None:
        """Kill the master's JVM (SIGKILL, as a crash would)."""
        _kill(self.master)

    def kill_workers(self) -> None:
        """Kill every worker's JVM and its executors (SIGKILL, as a crash would)."""
        for p in self.workers:
            _kill(p)

    def pids(self) -> list[int]:
        """The process ids of the daemons still running."""
        return [p.pid for p in [self.master, *self.workers] if p and p.poll() is None]

    def stop(self) -> None:
        """End every JVM of the cluster: SIGTERM to each process group, SIGKILL after 10 s."""
        procs = [p for p in [*self.workers, self.master] if p is not None]
        for p in procs:
            _signal_group(p, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for p in procs:
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            _kill(p)

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def _signal_group(p: subprocess.Popen[bytes] | None, sig: int) -> None:
    if p is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(p.pid, sig)  # the JVM and what it started (a worker's executors)


def _kill(p: subprocess.Popen[bytes] | None) -> None:
    if p is None:
        return
    _signal_group(p, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        p.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path, help="folder for logs and work folders")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cores", type=int, default=1, help="cores of each worker")
    ap.add_argument("--memory", default="1g", help="executors' memory of each worker")
    args = ap.parse_args(argv)
    with Cluster(args.root, workers=args.workers, worker_cores=args.cores,
                 worker_memory=args.memory) as cluster:
        print(cluster.url, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while all(p.poll() is None for p in [cluster.master, *cluster.workers] if p):
                time.sleep(1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
