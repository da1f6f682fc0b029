"""A pytest plugin: each test's wall time, its process's CPU time and the machine's busy CPU.

Where the test suite's CPU-seconds go (BENCHMARKS.md, "The test suite"): the suite is bound
by its CPU on two cores, and the tests of the serial lane spend most of theirs in other
processes (the Neo4j server, Spark's JVMs), which only the machine-wide figure sees.

Usage (the serial lane alone, on a quiet machine, Neo4j started)::

    PYTHONPATH=bench CPU_TSV=/tmp/serial.tsv .venv/bin/python -m pytest -p pytest_cpu -m serial
    sort -t$'\\t' -k4 -nr /tmp/serial.tsv | head

One line per test, tab-separated: node id, wall seconds, CPU seconds of the pytest process
and its waited-for children, busy CPU seconds of the whole machine (``/proc/stat``; only
meaningful when nothing else runs, and not with ``-n``). Setup and teardown are included.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

_OUT = os.environ.get("CPU_TSV", "pytest-cpu.tsv")
_HZ = os.sysconf("SC_CLK_TCK")


def _busy() -> float:
    """Busy CPU seconds of the whole machine since boot (all but idle and iowait)."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v) - v[3] - v[4]) / _HZ


def _own() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    b0, c0, t0 = _busy(), _own(), time.perf_counter()
    yield
    b1, c1, t1 = _busy(), _own(), time.perf_counter()
    with open(_OUT, "a", encoding="utf-8") as f:
        f.write(f"{item.nodeid}\t{t1 - t0:.2f}\t{c1 - c0:.2f}\t{b1 - b0:.2f}\n")
