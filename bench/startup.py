"""A small audit from a cold process, against another checkout, back to back.

For each checkout (this one and ``--base DIR``, e.g. a worktree of main), alternating, in
fresh processes of this interpreter with ``PYTHONPATH=DIR`` and DIR as working folder:

* ``python -c "import graphkit"``;
* ``graphkit audit data/sihui --format json`` as the console script runs it (the checkout's
  ``graphkit_launcher``), and ``python -m graphkit audit data/sihui --format json`` (its
  output compared byte for byte
  between the checkouts), once with the compiled-SQL cache of each checkout's own folder
  (``$GRAPHKIT_CACHE_DIR``, filled before the first timing: a user's second audit) and
  once with an empty folder each time (the first audit after an install or an upgrade);
* in one process, ``--audits`` audits of data/sihui one after the other (the CLI's
  ``main``, JSON to a file): the first pays for compiling the rules' queries, the later ones
  show what a process that audits again pays (the test suite, a notebook).

Wall time of each fresh process, and the CPU time (user) of the in-process audits, which
drifts less on a shared machine. Best of ``--repeat`` and the spread (max/min).

Usage::

    .venv/bin/python bench/startup.py --base /tmp/main-checkout --repeat 5
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

AUDITS = """
import sys, time
from graphkit.cli import main
out, n = sys.argv[1], int(sys.argv[2])
cpu = []
for _ in range(n):
    s = time.process_time()
    assert main(["audit", "data/sihui", "--format", "json", "--out", out]) == 0
    cpu.append(time.process_time() - s)
print(" ".join(f"{c:.3f}" for c in cpu))
"""


def _run(folder: Path, args: list[str], cache: Path) -> tuple[float, bytes]:
    env = {**os.environ, "PYTHONPATH": str(folder), "GRAPHKIT_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, *args], cwd=folder, env=env, capture_output=True,
                          check=True)
    return time.perf_counter() - start, proc.stdout


def _summary(values: list[float]) -> str:
    return f"best {min(values):.3f} s, spread {max(values) / min(values):.2f}x"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--audits", type=int, default=5)
    args = ap.parse_args()
    checkouts = {"base": args.base.resolve(), "this": HERE}
    times: dict[str, dict[str, list[float]]] = {k: {} for k in checkouts}
    outputs: dict[str, set[bytes]] = {k: set() for k in checkouts}
    audit = ["-m", "graphkit", "audit", "data/sihui", "--format", "json"]
    script = ["-c", "import sys; from graphkit_launcher import main; sys.exit(main())",
              *audit[2:]]
    with tempfile.TemporaryDirectory() as tmp:
        caches = {name: Path(tmp) / f"cache-{name}" for name in checkouts}
        for name, folder in checkouts.items():  # each checkout's cache filled
            outputs[name].add(_run(folder, audit, caches[name])[1])
        for i in range(args.repeat):
            for name, folder in checkouts.items():
                t = times[name]
                cache = caches[name]
                t.setdefault("import graphkit", []).append(
                    _run(folder, ["-c", "import graphkit"], cache)[0])
                wall, out = _run(folder, script, cache)
                t.setdefault("graphkit audit data/sihui (wall)", []).append(wall)
                outputs[name].add(out)
                wall, out = _run(folder, audit, cache)
                t.setdefault("python -m graphkit audit (wall)", []).append(wall)
                outputs[name].add(out)
                wall, out = _run(folder, audit, Path(tmp) / f"empty-{name}-{i}")
                t.setdefault("audit, empty cache (wall)", []).append(wall)
                outputs[name].add(out)
                cpu = _run(folder, ["-c", AUDITS, str(Path(tmp) / f"{name}.json"),
                                    str(args.audits)], cache)[1].split()
                t.setdefault("first audit in a process (CPU)", []).append(float(cpu[0]))
                t.setdefault("later audits (CPU, mean)", []).append(
                    sum(map(float, cpu[1:])) / max(len(cpu) - 1, 1))
    print("JSON identical:", len(outputs["base"] | outputs["this"]) == 1)
    for what in times["this"]:
        base, this = times["base"][what], times["this"][what]
        print(f"{what:34} base {_summary(base)} | this {_summary(this)} | "
              f"ratio of bests {min(this) / min(base):.2f}")


if __name__ == "__main__":
    main()
