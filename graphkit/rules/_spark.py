"""Starting Spark for the Spark engine: checks first, then a quiet session.

What the Spark engine needs is checked before anything starts, each with a message that
says what to do: PySpark (``pip install "graphkit[spark]"``) and Java 17 or newer
(``$JAVA_HOME/bin/java``, else ``java`` on the ``PATH``, as Spark's own scripts look for
it). Everything else comes with PySpark: its wheel carries Spark's jars, and graphkit asks
for no package (``spark.jars.packages``), so Spark downloads nothing.

A new session in local mode (``local``, ``local[N]``, ``local[*]``) keeps to this machine:
the driver binds to 127.0.0.1, the Spark UI is off, shuffles use as many partitions as
there are worker threads, and the JVM's output (Spark's log, Java's warnings) goes to a
temporary file instead of the terminal, so a report on standard output stays clean. A
session on a cluster master gets the same settings except the address, and a
:class:`Watchdog`: Spark waits without end for a lost standalone master or for an executor
when every worker is gone, so after ``$GRAPHKIT_SPARK_TIMEOUT`` seconds (:data:`LOST_AFTER`)
of either the jobs are cancelled and the rules stop with exit 3.

Examples
--------
>>> java_major('openjdk version "17.0.15" 2025-04-15')
17
>>> java_major('java version "1.8.0_402"')
8
>>> local_threads("local[2]"), local_threads("local"), local_threads("spark://h:7077")
(2, 1, None)
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from ..errors import EngineUnreachable, UsageError, os_reason
from ..messages import t

__all__ = ["JAVA_MIN", "LOCAL_MEMORY", "LOST_AFTER", "Watchdog", "cluster_addresses",
           "find_java", "is_lost", "java_major", "local_threads", "log_path", "lost_after",
           "require_java", "require_pyspark", "require_reachable", "session"]

#: Oldest Java that Spark 4 runs on.
JAVA_MIN = 17
#: Heap of a local-mode Spark (driver and executor in one JVM; Spark's default is 1g);
#: ``$SPARK_DRIVER_MEMORY`` sets another.
LOCAL_MEMORY = "2g"
#: Spark's log: errors only (the JVM's output goes to a temporary file in any case).
_LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
# the level of the shell's logger: equal to the root's, so Spark prints no "Setting
# default log level" banner
logger.repl.name = org.apache.spark.repl.Main
logger.repl.level = error
"""
_INSTALL_PYSPARK = 'pip install "graphkit[spark]"'
#: Seconds to wait for the TCP connection to a cluster master before saying it cannot be
#: reached (Spark itself would retry its registration for a minute, then give up).
CONNECT_TIMEOUT = 10.0
#: Seconds a cluster's master may stay unreachable, or a job wait without a single executor
#: (every worker lost, or none with the memory and cores the app asks for), before the
#: rules stop with exit 3 (Spark itself would wait for ever); ``$GRAPHKIT_SPARK_TIMEOUT``
#: sets another.
LOST_AFTER = 60.0
#: Seconds between two looks of the :class:`Watchdog`.
_WATCH_EVERY = 1.0
#: What Spark says when the cluster (or the context) is gone while a job runs.
_LOST = re.compile(r"SparkContext was shut down|stopped SparkContext|All masters are "
                   r"unresponsive|Master removed our application|Connection refused|"
                   r"Answer from Java side is empty|Error while sending or receiving",
                   re.IGNORECASE)


def require_pyspark() -> None:
    """Raise :class:`UsageError` unless PySpark (with Ibis's Spark backend) imports."""
    try:
        import ibis.backends.pyspark  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise UsageError(t("engine.needs_pyspark", install=_INSTALL_PYSPARK,
                           detail=exc)) from exc


def find_java() -> str | None:
    """The java Spark will run: ``$JAVA_HOME/bin/java``, else ``java`` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        return str(Path(home, "bin", "java"))
    return shutil.which("java")


def java_major(version_text: str) -> int | None:
    """The major version in the output of ``java -version`` (``1.8`` is 8)."""
    m = re.search(r'version "(\d+)(?:\.(\d+))?', version_text)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def require_java() -> None:
    """Raise :class:`UsageError` unless a Java of at least :data:`JAVA_MIN` is found."""
    java = find_java()
    where = t("engine.java_home" if os.environ.get("JAVA_HOME") else "engine.java_on_path")
    install = t("engine.install_java")
    if java is None or not os.access(java, os.X_OK):
        raise UsageError(t("engine.no_java", min=JAVA_MIN, where=where, install=install))
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(t("engine.java_broken", min=JAVA_MIN, java=java, detail=exc,
                           install=install)) from exc
    major = java_major(done.stderr + done.stdout)
    if major is None or major < JAVA_MIN:
        found = t("engine.java_version", major=major) if major else \
            t("engine.java_no_version")
        raise UsageError(t("engine.java_old", min=JAVA_MIN, java=java, found=found,
                           install=install))


def local_threads(master: str) -> int | None:
    """Worker threads of a local master (``local[*]``: the cores); None for a cluster."""
    m = re.fullmatch(r"local(?:\[(\d+|\*)(?:,\s*\d+)?\])?", master.strip())
    if not m:
        return None
    n = m.group(1)
    return 1 if n is None else (os.cpu_count() or 1) if n == "*" else int(n)


def is_lost(text: str) -> bool:
    """Whether Spark's error `text` says the cluster or the context is gone.

    Examples
    --------
    >>> is_lost("Job aborted: SparkContext was shut down")
    True
    >>> is_lost("[TABLE_OR_VIEW_NOT_FOUND] The table or view `x` cannot be found.")
    False
    """
    return bool(_LOST.search(text))


def cluster_addresses(master: str) -> list[tuple[str, int]]:
    """(host, port) of each master of a standalone cluster URL ``spark://h1:7077,h2:7077``;
    empty for any other master (local, yarn, k8s://...), which graphkit does not probe.

    Examples
    --------
    >>> cluster_addresses("spark://10.0.0.5:7077,10.0.0.6")
    [('10.0.0.5', 7077), ('10.0.0.6', 7077)]
    >>> cluster_addresses("local[2]")
    []
    """
    m = re.fullmatch(r"spark://(.+)", master.strip())
    if not m:
        return []
    out = []
    for part in m.group(1).split(","):
        host, _, port = part.strip().rpartition(":") if ":" in part else (part, "", "")
        host = (host or part).strip().strip("[]")
        out.append((host, int(port) if port.isdigit() else 7077))
    return out


def require_reachable(master: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """Raise :class:`~graphkit.errors.EngineUnreachable` (exit 3) unless one master of a
    standalone cluster URL accepts a connection within `timeout` seconds."""
    addresses = cluster_addresses(master)
    why = _reachable(addresses, timeout) if addresses else None
    if why is not None:
        raise EngineUnreachable(t("engine.spark_unreachable", master=master, detail=why))


def lost_after(given: str | None = None) -> float:
    """:data:`LOST_AFTER`, or the seconds `given` (default: ``$GRAPHKIT_SPARK_TIMEOUT``).

    Raises
    ------
    UsageError
        When the seconds given are not a positive number.

    Examples
    --------
    >>> lost_after("5"), lost_after(" "), lost_after("0.5")
    (5.0, 60.0, 0.5)
    """
    if given is None:
        given = os.environ.get("GRAPHKIT_SPARK_TIMEOUT", "")
    try:
        seconds = float(given) if given.strip() else LOST_AFTER
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise UsageError(t("engine.spark_bad_timeout", given=given))
    return seconds


def _reachable(addresses: list[tuple[str, int]], timeout: float) -> str | None:
    """None when one of `addresses` accepts a TCP connection, else why none did."""
    failures = []
    for host, port in addresses:
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return None
        except OSError as exc:
            failures.append(f"{host}:{port}: {os_reason(exc)}")
    return "; ".join(failures)


class Watchdog:
    """Watches a SparkContext on a standalone cluster from a daemon thread, because Spark
    itself waits without end when the cluster goes away under a running app: a master lost
    after the app registered leaves it "waiting for reconnection", and a job with no
    executor left (every worker lost) waits for resources that never come.

    Once a second it checks that one of the masters accepts a TCP connection and, while a
    job runs, that the app has at least one executor. When either has failed for
    `timeout` seconds in a row it records why (:attr:`reason`, a message for the user) and
    cancels every job of the context (and every job started after), so that the rules
    stop with that reason instead of hanging.
    """

    def __init__(self, context: Any, master: str, timeout: float) -> None:
        self.context = context
        self.master = master
        self.timeout = timeout
        self.reason: str | None = None
        self._addresses = cluster_addresses(master)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="graphkit-spark-watchdog",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop watching (the context was stopped)."""
        self._stop.set()

    def _executors(self) -> int:
        # the status tracker lists the driver too
        return max(0, len(self.context._jsc.sc().statusTracker().getExecutorInfos()) - 1)

    def _run(self) -> None:
        down_since: float | None = None
        idle_since: float | None = None
        while not self._stop.wait(_WATCH_EVERY):
            try:
                if self.context._jsc is None:  # the context was stopped
                    return
                if self.reason is not None:  # jobs started after the loss: cancelled too
                    self.context.cancelAllJobs()
                    continue
                now = time.monotonic()
                why = _reachable(self._addresses, min(5.0, self.timeout))
                down_since = None if why is None else (down_since or now)
                busy = bool(self.context.statusTracker().getActiveJobsIds())
                idle = busy and self._executors() == 0
                idle_since = (idle_since or now) if idle else None
                if down_since is not None and now - down_since >= self.timeout:
                    self.reason = t("engine.spark_master_gone", master=self.master,
                                    seconds=_seconds(self.timeout), detail=why)
                elif (idle_since is not None and now - idle_since >= self.timeout
                      and why is None):  # a master gone is the cause, not its executors
                    self.reason = t("engine.spark_no_executor", master=self.master,
                                    seconds=_seconds(self.timeout))
                if self.reason is not None:
                    self.context.cancelAllJobs()
            except Exception:  # the JVM gone: the main thread reports it
                if self.context._jsc is None:
                    return


def _seconds(value: float) -> str:
    return f"{value:g}"


def _settings(master: str) -> dict[str, str]:
    threads = local_threads(master)
    parts = str(max(2, threads or os.cpu_count() or 2))
    conf = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": parts,
        "spark.default.parallelism": parts,
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.pyspark.python": sys.executable,
        "spark.pyspark.driver.python": sys.executable,
        # Spark's log into the file; a JVM out of memory exits (Python then gets an error)
        # instead of leaving a dead thread that Python would wait for without end
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{_log_config()} "
                                         "-XX:+ExitOnOutOfMemoryError",
    }
    if threads is not None:  # local mode: nothing listens beyond this machine
        conf["spark.driver.host"] = "127.0.0.1"
        conf["spark.driver.bindAddress"] = "127.0.0.1"
        if not os.environ.get("SPARK_DRIVER_MEMORY"):  # the driver is the whole of Spark
            conf["spark.driver.memory"] = LOCAL_MEMORY
    return conf


_tmp: tempfile.TemporaryDirectory[str] | None = None


def _tmpdir() -> Path:
    global _tmp
    if _tmp is None:
        _tmp = tempfile.TemporaryDirectory(prefix="graphkit-spark-")
        atexit.register(_tmp.cleanup)
    return Path(_tmp.name)


def _log_config() -> Path:
    path = _tmpdir() / "log4j2.properties"
    if not path.exists():
        path.write_text(_LOG4J2, encoding="utf-8")
    return path


def log_path() -> Path:
    """Where the JVM that graphkit started writes its output."""
    return _tmpdir() / "spark.log"


def _log_tail(lines: int = 12) -> str:
    with contextlib.suppress(OSError):
        text = log_path().read_text(encoding="utf-8", errors="replace").strip()
        if text:
            return "\n" + "\n".join(text.splitlines()[-lines:])
    return ""


def session(master: str | None, app_name: str = "graphkit") -> Any:
    """A SparkSession at `master` (default ``local[N]``, N the cores of this machine).

    When this process already runs a SparkContext, its session is reused if `master` is
    None or the same; another master is a :class:`UsageError` (Spark runs one context per
    process)."""
    require_pyspark()
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    active = SparkContext._active_spark_context
    if active is not None:
        if master is not None and master.strip() != active.master:
            raise UsageError(t("engine.spark_other_master", active=active.master,
                               master=master))
        return SparkSession.builder.getOrCreate()
    master = (master or f"local[{os.cpu_count() or 1}]").strip()
    if not master:
        raise UsageError(t("engine.spark_empty_master"))
    require_java()
    require_reachable(master)
    lost_after()  # a bad $GRAPHKIT_SPARK_TIMEOUT said before Spark starts
    conf = SparkConf().setMaster(master).setAppName(app_name).setAll(
        list(_settings(master).items()))
    gateway = None
    if SparkContext._gateway is None:  # start the JVM ourselves, its output into the log
        from pyspark.java_gateway import launch_gateway

        with open(log_path(), "ab") as log:
            try:
                gateway = launch_gateway(conf, popen_kwargs={"stdout": log, "stderr": log})
            except Exception as exc:
                raise UsageError(t("engine.spark_java_exited", detail=f"{exc}{_log_tail()}")
                                 ) from exc
    try:
        SparkContext(conf=conf, gateway=gateway)
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        error = EngineUnreachable if cluster_addresses(master) and is_lost(str(exc)) \
            else UsageError
        raise error(t("engine.spark_not_started", master=master,
                      detail=f"{msg}{_log_tail()}")) from exc
    return SparkSession.builder.getOrCreate()
