"""The audit of one city against a baseline checkout and the I/O floor, back to back.

Each round runs, one after the other in fresh processes: the floor (the two CSV files read
with ``pyarrow.csv.read_csv``), then for each format the baseline's and this checkout's
``graphkit audit DIR --format F --out ...`` (the order of the two alternates from round to
round). Wall time, CPU time (user + system) and peak RSS come from GNU time. The table
gives, per run, the best of the rounds and the spread (worst/best), and the ratio of the
best to the best floor, for the wall time and for the CPU time (less moved than the wall
time by other processes on a loaded machine); with ``--check`` the JSON of this checkout
must be byte-identical to the baseline's.

The machine is shared: absolute times drift, ratios measured back to back drift less.

Usage::

    git -C /work/main worktree add --detach /tmp/base main
    .venv/bin/python bench/audit_vs_base.py /tmp/perf-1m --base /tmp/base --rounds 2 --check

Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from audit_scale import FLOOR  # noqa: E402


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
          ) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of a command (which
    must succeed), run in `cwd` (``python -m`` imports the working folder's package first,
    ahead of ``PYTHONPATH``: each checkout runs from its own folder)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], capture_output=True,
                         text=True, env=env, cwd=cwd)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    wall, user, system, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("city", type=Path, help="a folder with nodes.csv and edges.csv")
    ap.add_argument("--base", type=Path, required=True, help="the baseline checkout")
    ap.add_argument("--formats", nargs="+", default=["json", "parquet"])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--check", action="store_true",
                    help="the JSON must be byte-identical to the baseline's")
    args = ap.parse_args()
    here = os.environ.copy()
    here.pop("PYTHONPATH", None)
    base = {**here, "PYTHONPATH": str(args.base.resolve())}
    times: dict[str, list[tuple[float, float, float]]] = {"floor": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            times["floor"].append(timed([sys.executable, "-c", FLOOR, str(args.city)]))
            for fmt in args.formats:
                order = [("base", base, args.base.resolve()), ("this", here, HERE.parent)]
                for who, env, cwd in order if r % 2 == 0 else order[::-1]:
                    out = Path(tmp) / f"{who}.{fmt}"
                    if out.is_dir():
                        shutil.rmtree(out)
                    cmd = [sys.executable, "-m", "graphkit", "audit", str(args.city),
                           "--format", fmt, "--out", str(out)]
                    times.setdefault(f"{fmt}, {who}", []).append(timed(cmd, env, cwd))
                    print(f"round {r + 1} {fmt} {who}: {times[f'{fmt}, {who}'][-1]}",
                          file=sys.stderr, flush=True)
                if fmt == "json" and args.check and not filecmp.cmp(
                        Path(tmp) / "base.json", Path(tmp) / "this.json", shallow=False):
                    raise SystemExit("the JSON differs from the baseline's")
    floor = min(t for t, _, _ in times["floor"])
    cpu_floor = min(c for _, c, _ in times["floor"])
    print(f"| run | best wall s | spread | / floor | best CPU s | spread | / floor CPU | "
          f"peak MB (max) |  ({args.rounds} rounds)")
    print("|---|---|---|---|---|---|---|---|")
    for name, got in times.items():
        walls = [t for t, _, _ in got]
        cpus = [c for _, c, _ in got]
        print(f"| {name} | {min(walls):.2f} | {max(walls) / min(walls):.2f} | "
              f"{min(walls) / floor:.1f}x | {min(cpus):.2f} | {max(cpus) / min(cpus):.2f} | "
              f"{min(cpus) / cpu_floor:.1f}x | {max(m for _, _, m in got):,.0f} |")


if __name__ == "__main__":
    main()
