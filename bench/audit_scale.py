"""End-to-end audit at growing sizes against the I/O floor, back to back in one run.

For each size (``graphkit synth --units N --seed S``, reused from ``--cache`` when there):

* the I/O floor: the two CSV files read with ``pyarrow.csv.read_csv`` and nothing else;
* ``graphkit audit DIR --format json --out FILE`` (read + validate + rules + JSON) per
  engine, and ``--format parquet --out DIR``, each in a fresh process: wall time and peak
  RSS (``/usr/bin/time``), and the ratio to the floor measured just before;
* optionally a naive reference (``bench/naive.py``: coverage and circles node by node over
  NetworkX) on a small city, against graphkit on the same graph.

The machine is shared: absolute times drift, ratios measured back to back do less.

Usage::

    .venv/bin/python bench/audit_scale.py --sizes 100000 1000000 --engines duckdb polars
    .venv/bin/python bench/audit_scale.py --sizes 10000000 --formats json --cache /data/bench

Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

FLOOR = ("import sys, pyarrow.csv as c; "
         "[c.read_csv(sys.argv[1] + f) for f in ('/nodes.csv', '/edges.csv')]")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command (which must succeed)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def dataset(cache: Path, n: int, seed: int, graphkit: str) -> Path:
    d = cache / f"synth-{n}-{seed}"
    if not (d / "edges.csv").exists():
        subprocess.run([graphkit, "synth", str(d), "--units", str(n), "--seed", str(seed)],
                       check=True)
    return d


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--engines", nargs="+", default=["duckdb"])
    ap.add_argument("--formats", nargs="+", default=["json", "parquet"])
    ap.add_argument("--naive", type=int, default=0, help="units of the naive comparison")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep the synthetic cities here (default: a temporary folder)")
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        cache.mkdir(parents=True, exist_ok=True)
        print("| units | CSV MB | floor s (MB) | run | s (peak MB) | / floor |")
        print("|---|---|---|---|---|---|")
        for n in args.sizes:
            d = dataset(cache, n, args.seed, graphkit)
            mb = sum(f.stat().st_size for f in d.glob("*.csv")) / 1e6
            for engine in args.engines:
                for fmt in args.formats:
                    out = Path(tmp) / f"out-{n}-{engine}.{fmt}"
                    floor = timed([sys.executable, "-c", FLOOR, str(d)])
                    run = timed([graphkit, "audit", str(d), "--format", fmt, "--out", str(out),
                                 "--engine", engine])
                    print(f"| {n:,} | {mb:,.0f} | {floor[0]:.2f} ({floor[1]:,.0f}) | "
                          f"{fmt}, {engine} | {run[0]:.2f} ({run[1]:,.0f}) | "
                          f"{run[0] / floor[0]:.1f}x |", flush=True)
        if args.naive:
            naive(args.naive, args.seed, Path(tmp))


def naive(units: int, seed: int, tmp: Path) -> None:
    from naive import naive_circles, naive_status

    import graphkit as gk
    from graphkit.synth import synthesize

    d = tmp / "naive"
    synthesize(d, units=units, seed=seed)
    G = gk.read_dataset(d).to_networkx()
    t = time.perf_counter()
    found = gk.unit_coverage(G)
    circ = gk.circles(G)
    fast = time.perf_counter() - t
    t = time.perf_counter()
    status = naive_status(G)
    ref = naive_circles(G)
    slow = time.perf_counter() - t
    assert dict(zip(found["id"], found["status"], strict=True)) == status
    for r in circ.itertuples(index=False):
        assert (list(r.sub_core), list(r.pan_core), list(r.unlinked)) == (
            ref[r.community]["sub_core"], ref[r.community]["pan_core"],
            ref[r.community]["unlinked"])
    print(f"\nnaive reference at {units:,} units (coverage + circles on the same graph, "
          f"results identical): naive {slow:.2f} s, graphkit {fast:.2f} s, "
          f"{slow / fast:.0f}x faster")


if __name__ == "__main__":
    main()
