"""The rosters import against the reader alone, back to back in one run.

The rosters are those of a synthetic city (``graphkit synth --units N --seed S``, then
``graphkit rosters``: one workbook, a sheet per roster). Each repeat measures, in fresh
processes (wall time and peak RSS with ``/usr/bin/time``):

* the reader alone: every sheet of the rosters read into rows of text cells
  (:func:`graphkit.network._readers.read_tables`, python-calamine), nothing else;
* ``graphkit import ROSTERS --out DIR``: reading, recognition, values, credit codes, the
  joins that resolve every reference, ids, SPEC section 1's validation, the dataset
  written.

and their ratio. Goal (issue 20): the import within 3x the reader. The machine is shared:
absolute times drift, ratios measured back to back do less.

Usage::

    .venv/bin/python bench/rosters_import.py --units 100000 --repeat 3

Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from audit_scale import timed  # noqa: E402  (the benchmarks' one timer)

READER = ("import sys; from pathlib import Path; "
          "from graphkit.network._parse import Problems; "
          "from graphkit.network._readers import read_tables; "
          "p = Problems(); "
          "n = sum(len(t.rows) for f in sorted(Path(sys.argv[1]).iterdir()) "
          "for t in read_tables(f, p)); print(n, file=sys.stderr)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=None,
                    help="keep the synthetic city and its rosters here")
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        city = cache / f"synth-{args.units}-{args.seed}"
        rosters = cache / f"rosters-{args.units}-{args.seed}"
        if not (city / "edges.csv").exists():
            subprocess.run([graphkit, "synth", str(city), "--units", str(args.units),
                            "--seed", str(args.seed)], check=True, capture_output=True)
        if not rosters.exists():
            subprocess.run([graphkit, "rosters", str(city), "--out", str(rosters)],
                           check=True, capture_output=True)
        size = sum(f.stat().st_size for f in rosters.iterdir()) / 1e6
        print(f"rosters of a {args.units:,}-unit city: {size:.1f} MB "
              f"({', '.join(f.name for f in rosters.iterdir())})")
        print("| repeat | reader s (peak MB) | import s (peak MB) | import / reader |")
        print("|---|---|---|---|")
        ratios = []
        for i in range(1, args.repeat + 1):
            reader = timed([sys.executable, "-c", READER, str(rosters)])
            run = timed([graphkit, "import", str(rosters), "--out", str(Path(tmp) / f"o{i}")])
            ratios.append(run[0] / reader[0])
            print(f"| {i} | {reader[0]:.2f} ({reader[1]:,.0f}) | {run[0]:.2f} ({run[1]:,.0f}) "
                  f"| {ratios[-1]:.2f}x |", flush=True)
        print(f"\nmedian ratio {statistics.median(ratios):.2f}x (goal: <= 3x)")


if __name__ == "__main__":
    main()
