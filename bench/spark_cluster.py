"""The Spark engine on a standalone cluster against Spark in local mode, back to back.

A cluster on 127.0.0.1 (``scripts/spark_cluster.py``: a master and N workers, each with
``--worker-cores`` cores and ``--worker-memory`` for its executors; the driver gets
``--driver-memory``, as local mode's one JVM gets 2g) is started once; then,
alternating, ``graphkit audit DIR --format json --out FILE --engine spark --spark-master M``
in a fresh process with M = ``local[2]`` and M = the cluster's URL, ``--rounds`` times each.
Wall time and the peak RSS of every JVM and Python involved — graphkit's process tree (its
driver JVM is a child) plus, for the cluster, the master's, the workers' and the executors'
process groups — sampled from /proc every 0.2 s. Each JSON is compared byte for byte with
``--reference`` (main's output of the same files) when given. The cluster's daemons are idle
during the local runs, and their RSS is not counted there.

Usage (one 1M-unit Spark process at a time: ~2 min and ~3.6 GB each)::

    .venv/bin/python bench/spark_cluster.py /tmp/perf-1m --reference /tmp/perf-1m-base.json \\
        --rounds 2 --out /tmp/perf-spark/bench

Needs the spark extra (``pip install -e ".[spark]"``) and Java 17.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "bench")]  # scripts/ first: same name

from engines import run  # noqa: E402  (the same wall and RSS sampling as the engines' bench)
from spark_cluster import Cluster  # noqa: E402  (scripts/spark_cluster.py)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--reference", type=Path, help="the JSON every run must equal")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--worker-cores", type=int, default=1)
    ap.add_argument("--worker-memory", default="1500m")
    ap.add_argument("--driver-memory", default="2g",
                    help="SPARK_DRIVER_MEMORY of the cluster's runs (local mode's is 2g)")
    ap.add_argument("--local", default="local[2]")
    ap.add_argument("--out", type=Path, default=Path("/tmp/spark-cluster-bench"))
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
    t0 = time.perf_counter()
    cluster = Cluster(args.out / "cluster", workers=args.workers,
                      worker_cores=args.worker_cores, worker_memory=args.worker_memory)
    cluster.start()
    print(f"cluster up in {time.perf_counter() - t0:.1f} s: {cluster.url}", file=sys.stderr)
    results: dict[str, list[tuple[float, float, bool]]] = {"local": [], "cluster": []}
    try:
        groups = {p.pid for p in [cluster.master, *cluster.workers] if p is not None}
        for r in range(args.rounds):
            for kind in ("local", "cluster"):
                master = args.local if kind == "local" else cluster.url
                out = args.out / f"audit-{kind}-{r}.json"
                cmd = [graphkit, "audit", str(args.dataset), "--format", "json", "--out",
                       str(out), "--engine", "spark", "--spark-master", master]
                wall, rss = run(cmd, groups=groups if kind == "cluster" else (),
                                env=env if kind == "local" else
                                {**env, "SPARK_DRIVER_MEMORY": args.driver_memory},
                                every=0.2)
                same = args.reference is None or filecmp.cmp(out, args.reference,
                                                              shallow=False)
                results[kind].append((wall, rss, same))
                print(f"round {r + 1} {kind} ({master}): {wall:.1f} s, {rss:,.0f} MB, "
                      f"JSON {'same' if same else 'DIFFERENT'} (load "
                      f"{os.getloadavg()[0]:.1f})", file=sys.stderr, flush=True)
                out.unlink()
    finally:
        cluster.stop()
    print("| Spark master | wall s, best (all) | peak RSS MB, best (all) | JSON = reference |")
    print("|---|---|---|---|")
    for kind, label in (("local", args.local),
                        ("cluster", f"cluster: {args.workers} workers x "
                                    f"{args.worker_cores} core, {args.worker_memory}")):
        walls = [w for w, _, _ in results[kind]]
        rsss = [m for _, m, _ in results[kind]]
        print(f"| {label} | {min(walls):.1f} ({', '.join(f'{w:.1f}' for w in walls)}) | "
              f"{min(rsss):,.0f} ({', '.join(f'{m:,.0f}' for m in rsss)}) | "
              f"{'yes' if all(s for _, _, s in results[kind]) else 'NO'} |")
    best = {k: min(w for w, _, _ in v) for k, v in results.items()}
    print(f"\ncluster / local, best wall: {best['cluster'] / best['local']:.2f}; median "
          f"{statistics.median(w for w, _, _ in results['cluster']) / statistics.median(w for w, _, _ in results['local']):.2f}")  # noqa: E501


if __name__ == "__main__":
    main()
