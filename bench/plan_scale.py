"""The gap-closing plan (SPEC section 6) at growing sizes, its parts timed apart.

For each size, a synthetic city ``graphkit synth OUT --units N --seed S``, in one process:

* ``read``: :func:`graphkit.read_dataset` (parse + validate);
* ``audit``: :func:`graphkit.audit` (coverage, circles, findings), the baseline the plan is
  compared with, run back to back;
* ``plan``: :func:`graphkit.plan` given the audit's unit table and circles (the planning
  itself: gathering the joint organizations, instructors and areas, the exact placement,
  instructors, ids, messages, projected rates), best of ``--repeat`` runs;
* ``plan alone``: :func:`graphkit.plan` from the dataset only (it computes the unit
  coverage and the cores itself);

and, in a fresh process, ``graphkit plan DIR --format json --out FILE`` end to end, wall
time and peak RSS (``/usr/bin/time``).

Usage::

    .venv/bin/python bench/plan_scale.py --sizes 100000 1000000 [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import graphkit as gk
from graphkit.analysis import _placement
from graphkit.synth import synthesize


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True, check=True)
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def clock(f, repeat: int = 1):
    """Best wall seconds over `repeat` runs, the CPU seconds of that run, and the value.

    CPU time is reported beside wall time because the machine is shared: other jobs stretch
    the wall time, hardly the CPU time of a single-threaded job."""
    best, cpu, value = float("inf"), float("inf"), None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        value = f()
        wall = time.perf_counter() - t
        if wall < best:
            best, cpu = wall, time.process_time() - c
    return (best, cpu), value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None,
                    help="Folder for the synthetic cities (reused when present).")
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        print("| units | nodes | edges | read s | audit s | plan s (given the audit) | "
              "plan / audit | plan alone s | actions | signatures solved | "
              "`graphkit plan` s (RSS MB) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        print("(each time: wall / CPU seconds)")
        for n in args.sizes:
            d = root / f"u{n}-s{args.seed}"
            if not (d / "edges.csv").exists():
                synthesize(d, units=n, seed=args.seed)
            t_read, ds = clock(lambda d=d: gk.read_dataset(d))
            t_audit, result = clock(lambda ds=ds: gk.audit(ds))
            _placement._solve.cache_clear()
            t_plan, p = clock(lambda ds=ds, r=result: gk.plan(ds, units=r.units,
                                                              circles=r.circles),
                              args.repeat)
            solved = _placement._solve.cache_info().currsize
            t_alone, _ = clock(lambda ds=ds: gk.plan(ds))
            out = Path(tmp) / f"plan-{n}.json"
            cli = timed([graphkit, "plan", str(d), "--format", "json", "--out", str(out)])
            def f(t):
                return f"{t[0]:.2f} / {t[1]:.2f}"

            print(f"| {n:,} | {len(ds.nodes):,} | {len(ds.edges):,} | {f(t_read)} | "
                  f"{f(t_audit)} | {f(t_plan)} | {t_plan[1] / t_audit[1]:.2f} | {f(t_alone)} | "
                  f"{len(p.actions):,} | {solved} | {cli[0]:.2f} ({cli[1]:,.0f}) |",
                  flush=True)
            print(f"summary {n}: {p.summary}", file=sys.stderr)


if __name__ == "__main__":
    main()
