"""Outputs whole or not at all, Ctrl-C, connection timeouts and transient-error retries
(no Neo4j server needed; the interrupted-load tests against a real server are in
test_store.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from neo4j import exceptions as nx4j

import graphkit as gk
from graphkit.cli import main
from graphkit.network import _atomic
from graphkit.store import Retry, retrying
from tests.conftest import SIHUI, sigint_as_from_a_terminal

GRAPHKIT = Path(sys.executable).parent / "graphkit"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic files -----------------------------------------------------------------------
def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("OLD")
    real_fdopen = os.fdopen

    class Half:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    monkeypatch.setattr(_atomic.os, "fdopen", lambda fd, mode: Half(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        _atomic.write_atomic(target, "NEW CONTENT " * 1000)
    assert target.read_text() == "OLD"
    assert _leftovers(tmp_path) == []


def test_dataset_folder_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch, sihui):
    out = tmp_path / "copy"
    gk.write_dataset(sihui, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_stage = _atomic._stage
    calls = []

    def stage_then_interrupt(target, data, *rest):
        calls.append(target.name)
        if len(calls) == 3:           # nodes.csv and edges.csv staged, then Ctrl-C
            raise KeyboardInterrupt
        return real_stage(target, data, *rest)

    monkeypatch.setattr(_atomic, "_stage", stage_then_interrupt)
    small = gk.Dataset(nodes=sihui.nodes.head(3), edges=sihui.edges.head(0), name="x")
    with pytest.raises(KeyboardInterrupt):
        gk.write_dataset(small, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(out) == []


# the console script's code, with one addition: the report's rendering (the long part of
# an html audit, after the reading) first creates the marker file argv[1]
_MARKED = """
import pathlib, sys
import graphkit.report as report  # the command imports render from here when it renders
marker = pathlib.Path(sys.argv.pop(1))
real = report.render
def render(*args, **kwargs):
    marker.touch()
    return real(*args, **kwargs)
report.render = render
import graphkit_launcher
sys.exit(graphkit_launcher.main())
"""


def test_ctrl_c_during_audit_leaves_no_partial_report(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("OLD")
    marker = tmp_path / "rendering"
    proc = subprocess.Popen([sys.executable, "-c", _MARKED, str(marker), "audit", str(SIHUI),
                             "--format", "html", "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=sigint_as_from_a_terminal)
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), f"the audit never got to its report: {proc.communicate()[1]}"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "aborted" in err and "Traceback" not in err
    assert out.read_text() == "OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rendering", "report.html"]


def test_out_may_not_overwrite_an_input_file(tmp_path, sihui, capsys):
    folder = tmp_path / "ds"
    gk.write_dataset(sihui, folder)
    before = (folder / "nodes.csv").read_bytes()
    for args in (["audit", str(folder), "--out", str(folder / "nodes.csv")],
                 ["convert", str(folder), str(folder / "edges.csv")]):
        assert main(args) == 2
        assert "overwrite" in capsys.readouterr().err
    assert (folder / "nodes.csv").read_bytes() == before


# --- retries ----------------------------------------------------------------------------
def test_transient_errors_are_retried_with_growing_delays_and_reported():
    failures = [nx4j.ServiceUnavailable("server restarting"),
                nx4j.SessionExpired("leader switched"),
                nx4j.ServiceUnavailable("still restarting")]
    events: list[Retry] = []

    def attempt():
        if failures:
            raise failures.pop(0)
        return "committed"

    assert retrying(attempt, retry_time=10, report=events.append,
                    backoff=(0.01, 2.0, 1.0, 0.2)) == "committed"
    assert [e.attempt for e in events] == [1, 2, 3]
    assert "ServiceUnavailable: server restarting" in str(events[0])
    delays = [e.delay for e in events]
    assert all(0.008 <= d <= 0.012 * 2 ** i for i, d in enumerate(delays))
    assert delays[2] > delays[0]


def test_retries_stop_at_the_time_limit_and_on_non_transient_errors():
    calls = []

    def down():
        calls.append(1)
        raise nx4j.ServiceUnavailable("down")

    with pytest.raises(nx4j.ServiceUnavailable):
        retrying(down, retry_time=0.2, report=lambda e: None, backoff=(0.05, 2.0, 1.0, 0.0))
    assert 2 <= len(calls) <= 4

    def bad_query():
        calls.append(1)
        raise nx4j.CypherSyntaxError("syntax")

    calls.clear()
    with pytest.raises(nx4j.CypherSyntaxError):
        retrying(bad_query, retry_time=10, report=lambda e: None)
    assert len(calls) == 1


def test_the_last_wait_is_cut_to_the_time_limit_and_one_more_attempt_made():
    """A next delay that would overshoot `retry_time` is shortened, not given up on: the
    server gets a last chance at the limit (a restart that ends at 0.3 s is caught)."""
    calls: list[float] = []
    start = time.monotonic()

    def down_until_the_limit():
        calls.append(time.monotonic() - start)
        if len(calls) < 3:
            raise nx4j.ServiceUnavailable("restarting")
        return "committed"

    events: list[Retry] = []
    assert retrying(down_until_the_limit, retry_time=0.3, report=events.append,
                    backoff=(0.05, 10.0, 10.0, 0.0)) == "committed"
    assert len(calls) == 3
    assert events[1].delay < 0.3                      # 0.5 s cut to what was left
    assert calls[2] >= 0.29


def test_a_budget_of_waits_does_not_count_the_attempts():
    """The read waits for a concurrent load through `retrying` with `count_waits`: an
    attempt longer than the budget (a read of a million units) still gets its retries;
    the wall-clock limit would have given up after the first one."""
    class Busy(Exception):
        pass

    def slow_then_done(calls: list[int]) -> str:
        calls.append(1)
        time.sleep(0.2)
        if len(calls) < 3:
            raise Busy("a load is running")
        return "read"

    events: list[Retry] = []
    calls: list[int] = []
    assert retrying(lambda: slow_then_done(calls), retry_time=0.15, report=events.append,
                    backoff=(0.05, 1.0, 1.0, 0.0), retry_on=lambda e: isinstance(e, Busy),
                    describe=lambda e: f"busy: {e}", count_waits=True) == "read"
    assert len(calls) == 3 and [e.error for e in events] == ["busy: a load is running"] * 2
    calls = []
    with pytest.raises(Busy):
        retrying(lambda: slow_then_done(calls), retry_time=0.15, report=lambda e: None,
                 backoff=(0.05, 1.0, 1.0, 0.0), retry_on=lambda e: isinstance(e, Busy))
    assert len(calls) == 1
    with pytest.raises(Busy):  # only what retry_on accepts is retried
        retrying(lambda: slow_then_done([]), retry_time=10, report=lambda e: None,
                 count_waits=True)


def test_a_stop_event_ends_retries_at_once():
    stop = threading.Event()
    stop.set()
    with pytest.raises(nx4j.ServiceUnavailable):
        retrying(lambda: (_ for _ in ()).throw(nx4j.ServiceUnavailable("x")),
                 retry_time=60, report=lambda e: None, stop=stop)


# --- connection timeout -----------------------------------------------------------------
def test_a_server_that_never_answers_times_out_with_exit_3(tmp_path):
    """A port that accepts connections but never speaks Bolt: --timeout bounds the wait."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held: list[socket.socket] = []

    def accept():
        while True:
            try:
                held.append(srv.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    uri = f"bolt://127.0.0.1:{srv.getsockname()[1]}"
    try:
        proc = subprocess.run([str(GRAPHKIT), "load", str(SIHUI), "--neo4j", uri,
                               "--timeout", "1", "--password", "x"],
                              capture_output=True, text=True, timeout=45)
    finally:
        srv.close()
        for c in held:
            c.close()
    assert proc.returncode == 3
    assert uri in proc.stderr and "Traceback" not in proc.stderr


# the console script's code, with the command replaced by one that prints the memory pool
# Arrow picked when the command first imported pyarrow
_POOL = """
import sys, types
import graphkit  # the package imports no pyarrow
assert "pyarrow" not in sys.modules
cli = types.ModuleType("graphkit.cli")
def run():
    import pyarrow
    print(pyarrow.default_memory_pool().backend_name)
    return 0
cli.main = run
sys.modules["graphkit.cli"] = cli
import graphkit_launcher
sys.exit(graphkit_launcher.main())
"""


@pytest.mark.parametrize("chosen", [None, "system"])
def test_the_command_line_picks_arrows_pool_before_pyarrow_is_imported(chosen):
    """The console script runs on jemalloc where pyarrow has it on x86-64 Linux (mimalloc
    gave the 1M audit seconds of system time: BENCHMARKS.md); a pool the user sets wins."""
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if chosen:
        env["ARROW_DEFAULT_MEMORY_POOL"] = chosen
    out = subprocess.run([sys.executable, "-c", _POOL], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    import pyarrow as pa

    ours = sys.platform.startswith("linux") and os.uname().machine in ("x86_64", "amd64") \
        and "jemalloc" in pa.supported_memory_backends()
    want = chosen or ("jemalloc" if ours else None)
    if want is None:  # elsewhere Arrow's own default
        assert out.stdout.strip() in pa.supported_memory_backends()
    else:
        assert out.stdout.strip() == want
    assert out.stderr == ""
