"""The audit on each engine (DuckDB, Polars, Spark local), back to back, on the same files.

For each size: ``graphkit synth OUT --units N --seed 1``; the I/O floor (the two CSV files
read with pyarrow and nothing else); then ``graphkit audit DIR --format json --out FILE
--engine E`` in a fresh process for each engine, one after the other. Wall time, and peak
RSS of the whole process tree (Spark's JVM is a child of graphkit's Python), sampled from
/proc every 0.1 s. Every engine's JSON is compared byte for byte with DuckDB's. Spark's
start-up alone (a session in local mode, nothing run) is timed too.

Usage::

    .venv/bin/python bench/engines.py --sizes 100000 --engines duckdb polars spark
    .venv/bin/python bench/engines.py --sizes 1000000 --engines duckdb spark

Needs the spark extra (``pip install -e ".[spark]"``) and Java 17 for the Spark rows.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

FLOOR = ("import sys, pyarrow.csv as c; "
         "[c.read_csv(sys.argv[1] + f) for f in ('/nodes.csv', '/edges.csv')]")
SPARK_START = ("import sys; from graphkit.engine import Engine; "
               "Engine.spark(master=sys.argv[1])")


def _tree_rss_kb(root: int, groups: Iterable[int] = ()) -> int:
    """RSS (kB) of `root` and all its descendants, and of every process in the process
    groups `groups` (a Spark cluster's daemons and their executors) and their descendants,
    from /proc."""
    parent: dict[int, int] = {}
    pgrp: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{d}/statm") as fh:
                pages = int(fh.read().split()[1])
        except OSError:
            continue
        parent[int(d)], pgrp[int(d)] = int(fields[1]), int(fields[2])
        rss[int(d)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    wanted = set(groups)
    tree = {root} | {p for p, g in pgrp.items() if g in wanted}
    frontier = list(tree)
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(rss.get(p, 0) for p in tree)


def run(cmd: list[str], *, groups: Iterable[int] = (), env: dict[str, str] | None = None,
        every: float = 0.1) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the process tree of `cmd` (plus the process groups
    `groups`, sampled every `every` seconds); fails loudly."""
    groups = tuple(groups)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid, groups))
        time.sleep(every)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{err}")
    return wall, peak / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    ap.add_argument("--engines", nargs="+", default=["duckdb", "polars", "spark"],
                    choices=["duckdb", "polars", "spark"])
    ap.add_argument("--spark-master", default="local[2]")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if "spark" in args.engines:
            start = run([sys.executable, "-c", SPARK_START, args.spark_master])
            print(f"Spark start-up alone ({args.spark_master}): {start[0]:.2f} s, "
                  f"{start[1]:,.0f} MB", file=sys.stderr)
        for n in args.sizes:
            d = Path(tmp) / f"u{n}"
            subprocess.run([graphkit, "synth", str(d), "--units", str(n), "--seed",
                            str(args.seed)], check=True, capture_output=True)
            floor = run([sys.executable, "-c", FLOOR, str(d)])
            for engine in args.engines:
                out = d / f"audit.{engine}.json"
                cmd = [graphkit, "audit", str(d), "--format", "json", "--out", str(out),
                       "--engine", engine]
                if engine == "spark":
                    cmd += ["--spark-master", args.spark_master]
                wall, rss = run(cmd)
                same = filecmp.cmp(out, d / f"audit.{args.engines[0]}.json", shallow=False)
                rows.append((n, engine, floor, wall, rss, same))
                print(f"{n} units, {engine}: {wall:.2f} s", file=sys.stderr)
        print(f"| units | engine | audit s | peak RSS MB (tree) | audit / floor "
              f"| JSON = {args.engines[0]}'s |")
        print("|---|---|---|---|---|---|")
        for n, engine, (fw, _), wall, rss, same in rows:
            print(f"| {n:,} | {engine} | {wall:.2f} | {rss:,.0f} | {wall / fw:.1f}x "
                  f"(floor {fw:.2f} s) | {'yes' if same else 'NO'} |")
        if "spark" in args.engines:
            print(f"\nSpark start-up alone ({args.spark_master}): {start[0]:.2f} s, "
                  f"{start[1]:,.0f} MB")


if __name__ == "__main__":
    main()
