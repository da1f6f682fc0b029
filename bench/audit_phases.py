"""Where an audit's memory goes, phase by phase: the read and validation, ``audit()`` and
the JSON document (which runs the rules it needs as it goes), in one process.

A thread samples the process's RSS (``/proc/self/status``) and Arrow's pool
(``pa.total_allocated_bytes()``) every 0.25 s; each phase's peak of both is printed, then
DuckDB's own accounting at the end (``duckdb_memory()``, the temporary tables it keeps).
The JSON goes to /dev/null.

Usage::

    .venv/bin/python bench/audit_phases.py /tmp/perf-10m
"""

from __future__ import annotations

import argparse
import threading
import time

import pyarrow as pa

_GB = 2**30


def _rss() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) * 1024 / _GB
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("city", help="a folder with nodes.csv and edges.csv")
    args = ap.parse_args()
    t0 = time.perf_counter()
    phase = ["import"]
    peaks: dict[str, list[float]] = {}  # phase -> [start, end, peak RSS, peak Arrow]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            t, p = time.perf_counter() - t0, phase[0]
            row = peaks.setdefault(p, [t, t, 0.0, 0.0])
            row[1], row[2] = t, max(row[2], _rss())
            row[3] = max(row[3], pa.total_allocated_bytes() / _GB)
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    from graphkit.analysis.auditing import audit
    from graphkit.network.io import read_dataset
    from graphkit.report import _json

    phase[0] = "read"
    ds = read_dataset(args.city)
    phase[0] = "audit"
    result = audit(ds)
    phase[0] = "json"
    with open("/dev/null", "wb") as fh:
        _json.write(result, fh)
    phase[0] = "end"
    time.sleep(0.3)
    done.set()
    sampler.join()
    for name, (start, end, rss, arrow) in peaks.items():
        print(f"{name:7s} {start:6.1f}-{end:6.1f} s  peak RSS {rss:5.2f} GB"
              f"  Arrow's pool at most {arrow:5.2f} GB")
    con = result.engine.raw
    used = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
    tables = con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0]
    print(f"DuckDB at the end: {used / _GB:.2f} GB, {tables} temporary tables")


if __name__ == "__main__":
    main()
