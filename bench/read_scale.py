"""Reading and validating a large city against another checkout, back to back.

For each round, in fresh processes of this interpreter (each checkout run with
``PYTHONPATH=DIR`` from DIR, so its own code is imported), the order of the checkouts
swapped every round:

* the floor: the two CSV files read with ``pyarrow.csv.read_csv`` and nothing else;
* ``gk.read_dataset(DATA)`` (read, parse, validate, code the network) per checkout;
* with ``--audit``, ``python -m graphkit audit DATA --format json --out FILE`` per
  checkout, each output compared byte for byte with ``--reference`` (main's JSON).

Each run: wall seconds, CPU seconds (user + system, all threads) and peak RSS
(``/usr/bin/time``). The machine is shared: figures are summarized as the best, the median
and the spread (max/min) of the rounds, and the ratio of this checkout to the base.

Usage::

    .venv/bin/python bench/read_scale.py --base /tmp/base-main --data /tmp/perf-1m \\
        --repeat 4 --audit --reference /tmp/perf-1m-base.json

Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

FLOOR = ("import sys, pyarrow.csv as c; "
         "[c.read_csv(sys.argv[1] + f) for f in ('/nodes.csv', '/edges.csv')]")
READ = "import sys, graphkit as gk; gk.read_dataset(sys.argv[1])"


def timed(folder: Path, args: list[str]) -> tuple[float, float, float]:
    """Wall s, CPU s (user + system) and peak RSS (MB) of this Python running `args`."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", sys.executable, *args],
                         cwd=folder, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} in {folder} failed:\n{out.stderr[-2000:]}")
    wall, user, system, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


def summary(runs: list[tuple[float, float, float]]) -> str:
    walls, cpus, peaks = zip(*runs, strict=True)
    return (f"wall best {min(walls):.2f} median {statistics.median(walls):.2f} spread "
            f"{max(walls) / min(walls):.2f}x | cpu best {min(cpus):.2f} median "
            f"{statistics.median(cpus):.2f} | peak {min(peaks):,.0f}-{max(peaks):,.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    ap.add_argument("--data", type=Path, default=Path("/tmp/perf-1m"))
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--audit", action="store_true", help="also the whole JSON audit")
    ap.add_argument("--reference", type=Path, help="the JSON the audits must equal")
    args = ap.parse_args()
    data = str(args.data.resolve())
    checkouts = {"base": args.base.resolve(), "this": HERE}
    runs: dict[str, list[tuple[float, float, float]]] = {}

    def record(key: str, run: tuple[float, float, float]) -> None:
        runs.setdefault(key, []).append(run)
        print(f"  {key:12s} {run[0]:6.2f} s wall {run[1]:6.2f} s cpu {run[2]:7,.0f} MB",
              flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            print(f"round {i + 1}, load average {os.getloadavg()[0]:.1f}", flush=True)
            record("floor", timed(HERE, ["-c", FLOOR, data]))
            order = list(checkouts.items())
            order = order if i % 2 == 0 else order[::-1]
            for name, folder in order:
                record(f"read {name}", timed(folder, ["-c", READ, data]))
            if args.audit:
                for name, folder in order:
                    out = Path(tmp) / f"{name}.json"
                    record(f"audit {name}", timed(folder, ["-m", "graphkit", "audit", data,
                                                           "--format", "json", "--out",
                                                           str(out)]))
                    if args.reference and not filecmp.cmp(out, args.reference, shallow=False):
                        raise SystemExit(f"{name}'s JSON differs from {args.reference}")
    print(f"\n{args.data}, {args.repeat} rounds, load average now "
          f"{os.getloadavg()[0]:.1f}")
    for key, values in runs.items():
        print(f"{key:12s} {summary(values)}")
    floor = min(w for w, _, _ in runs["floor"])
    for what in ("read", "audit"):
        if f"{what} this" in runs:
            base = [w for w, _, _ in runs[f"{what} base"]]
            this = [w for w, _, _ in runs[f"{what} this"]]
            print(f"{what}: this/base best {min(this) / min(base):.2f}, median "
                  f"{statistics.median(this) / statistics.median(base):.2f}; best/floor "
                  f"base {min(base) / floor:.1f}x, this {min(this) / floor:.1f}x")


if __name__ == "__main__":
    main()
