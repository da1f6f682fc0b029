"""End-to-end audit at growing sizes against two references, in one run.

* ``graphkit audit DIR --format json --out FILE`` (read + validate + analyses + JSON) in a
  fresh process: wall time and peak RSS (``/usr/bin/time``);
* the I/O floor: the same two CSV files read with pyarrow and nothing else;
* a naive reference (``bench/naive.py``: coverage and circles node by node over NetworkX) on
  a 20k-unit city, against graphkit's ``unit_coverage`` + ``circles`` on the same graph.

Usage::

    .venv/bin/python bench/audit_scale.py --sizes 10000 100000 1000000 --naive 20000

Needs pyarrow (a graphkit dependency) and GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import itertools
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import graphkit as gk
from graphkit.synth import synthesize

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from naive import naive_circles, naive_status  # noqa: E402

FLOOR = ("import sys, pyarrow.csv as c; "
         "[c.read_csv(sys.argv[1] + f) for f in ('/nodes.csv', '/edges.csv')]")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True, check=True)
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--naive", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            d = Path(tmp) / f"u{n}"
            info = synthesize(d, units=n, seed=args.seed)
            mb = sum(f.stat().st_size for f in d.glob("*.csv")) / 1e6
            floor = timed([sys.executable, "-c", FLOOR, str(d)])
            audit = timed([graphkit, "audit", str(d), "--format", "json",
                           "--out", str(d / "audit.json")])
            rows.append((n, info["nodes"], info["edges"], mb, floor, audit))
            print(f"{n} units done", file=sys.stderr)
        print("| units | nodes | edges | CSV MB | I/O floor s (RSS MB) | audit s (RSS MB) "
              "| audit / floor |")
        print("|---|---|---|---|---|---|---|")
        for n, nn, ne, mb, (fw, fr), (aw, ar) in rows:
            print(f"| {n:,} | {nn:,} | {ne:,} | {mb:,.0f} | {fw:.2f} ({fr:,.0f}) | "
                  f"{aw:.2f} ({ar:,.0f}) | {aw / fw:.1f}x |")
        for (n1, *_, (_, _), (a1, _)), (n2, *_, (_, _), (a2, _)) in itertools.pairwise(rows):
            k = math.log(a2 / a1) / math.log(n2 / n1)
            print(f"\ngrowth exponent of audit time, {n1:,} -> {n2:,} units: {k:.2f}")

        d = Path(tmp) / "naive"
        synthesize(d, units=args.naive, seed=args.seed)
        G = gk.read_dataset(d).to_networkx()
        t = time.perf_counter()
        units = gk.unit_coverage(G)
        circ = gk.circles(G)
        fast = time.perf_counter() - t
        t = time.perf_counter()
        status = naive_status(G)
        ref = naive_circles(G)
        slow = time.perf_counter() - t
        assert dict(zip(units["id"], units["status"], strict=True)) == status
        for r in circ.itertuples(index=False):
            assert (list(r.sub_core), list(r.pan_core), list(r.unlinked)) == (
                ref[r.community]["sub_core"], ref[r.community]["pan_core"],
                ref[r.community]["unlinked"])
        print(f"\nnaive reference at {args.naive:,} units (coverage + circles on the same "
              f"graph, results identical): naive {slow:.2f} s, graphkit {fast:.2f} s, "
              f"{slow / fast:.0f}x faster")


if __name__ == "__main__":
    main()
