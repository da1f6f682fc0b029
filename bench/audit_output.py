"""What an audit costs after the network is read: rules, tables and the JSON text, against
a baseline checkout, back to back.

Each round runs, in fresh processes and alternating the order, the baseline's code and
this checkout's on the same city: the dataset is read (not timed), then ``audit()`` and
the JSON document streamed to /dev/null (``graphkit.report._json.write``), timed as wall
and CPU seconds (``time.process_time``: all threads of the process, DuckDB's included),
with the peak RSS of the process at the end. The JSON's SHA-256 is compared between the
two.

Usage::

    git -C /work/main worktree add --detach /tmp/base main
    .venv/bin/python bench/audit_output.py /tmp/perf-1m --base /tmp/base --rounds 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import hashlib, json, resource, sys, time
import graphkit as gk
assert gk.__file__.startswith(sys.argv[2]), (gk.__file__, sys.argv[2])
from graphkit.report import _json

class Sink:
    def __init__(self):
        self.h = hashlib.sha256()
    def write(self, b):
        self.h.update(b)

ds = gk.read_dataset(sys.argv[1])
w, c = time.perf_counter(), time.process_time()
sink = Sink()
_json.write(gk.audit(ds), sink)
print(json.dumps({"wall": time.perf_counter() - w, "cpu": time.process_time() - c,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "sha": sink.h.hexdigest()}))
"""


def run(city: Path, checkout: Path) -> dict[str, float | str]:
    """One child run of `checkout`'s code: started in that folder (``python -c`` puts the
    current folder ahead of ``PYTHONPATH``, so it must be the checkout's), with it on
    ``PYTHONPATH`` as well."""
    env = os.environ.copy()
    env["PYTHONPATH"] = str(checkout)
    out = subprocess.run([sys.executable, "-c", CHILD, str(city.resolve()), str(checkout)],
                         capture_output=True, text=True, env=env, check=True, cwd=checkout)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("city", type=Path)
    ap.add_argument("--base", type=Path, required=True, help="the baseline checkout")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    checkouts = {"base": args.base.resolve(), "this": Path(__file__).resolve().parents[1]}
    got: dict[str, list[dict[str, float | str]]] = {"base": [], "this": []}
    for r in range(args.rounds):
        for who in ("base", "this") if r % 2 == 0 else ("this", "base"):
            got[who].append(run(args.city, checkouts[who]))
            print(f"round {r + 1} {who}: {got[who][-1]}", file=sys.stderr, flush=True)
    shas = {g["sha"] for runs in got.values() for g in runs}
    print(f"| after the read | best wall s | spread | best CPU s | spread | peak MB (max) | "
          f"({args.rounds} rounds, JSON {'identical' if len(shas) == 1 else 'DIFFERS'})")
    print("|---|---|---|---|---|---|")
    for who, runs in got.items():
        walls = [float(g["wall"]) for g in runs]
        cpus = [float(g["cpu"]) for g in runs]
        print(f"| {who} | {min(walls):.2f} | {max(walls) / min(walls):.2f} | {min(cpus):.2f} | "
              f"{max(cpus) / min(cpus):.2f} | {max(float(g['peak']) for g in runs):,.0f} |")


if __name__ == "__main__":
    main()
