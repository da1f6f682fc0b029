"""``graphkit diff`` of a city against a changed copy of itself, this checkout against a
baseline checkout, back to back.

The second snapshot is the city with every 50th node's ``members`` set to 7, its first 10
nodes' rows and its last 1,000 relationships left out (their ends stay: a relationship
to a removed node would make it invalid, so the removed nodes are ones no relationship
names, found by the script). Each round runs, in fresh processes, the baseline's and this
checkout's ``python -m graphkit diff CITY CHANGED --format json --out ...`` (the order
alternating from round to round); wall time, CPU time and peak RSS come from GNU time.
With ``--check`` the two JSON documents must be byte-identical.

Usage::

    git -C /work/main worktree add --detach /tmp/base main
    .venv/bin/python bench/diff_scale.py /tmp/perf-100k --base /tmp/base --rounds 2 --check

Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def changed_copy(city: Path, out: Path) -> None:
    """`city` with some members changed, 10 unreferenced nodes and 1,000 relationships
    left out (the files rewritten with the csv module, the rest as they were)."""
    out.mkdir(parents=True, exist_ok=True)
    with open(city / "edges.csv", newline="", encoding="utf-8") as f:
        edges = list(csv.reader(f))
    kept_edges = edges[:-1000]
    named = {cell for row in kept_edges[1:] for cell in row[:2]}
    with open(city / "nodes.csv", newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    head, rows = nodes[0], nodes[1:]
    members = head.index("members")
    dropped, kept = 0, [head]
    for i, row in enumerate(rows):
        if dropped < 10 and row[0] not in named:
            dropped += 1
            continue
        if i % 50 == 0 and row[members] != "":
            row[members] = "7"
        kept.append(row)
    for name, table in (("nodes.csv", kept), ("edges.csv", kept_edges)):
        with open(out / name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(table)


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall s, CPU s (user + system) and peak RSS MB of a command that must succeed."""
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *cmd], cwd=cwd,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    wall, user, system, rss = proc.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("city", type=Path)
    ap.add_argument("--base", type=Path, required=True, help="a baseline checkout")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--check", action="store_true", help="the JSON must be identical")
    args = ap.parse_args()
    here = Path(__file__).resolve().parent.parent
    tmp = Path(tempfile.mkdtemp(prefix="diff-scale-"))
    try:
        changed = tmp / "changed"
        changed_copy(args.city, changed)
        print("| round | run | wall s | CPU s | peak MB |\n|---|---|---|---|---|")
        for r in range(args.rounds):
            sides = [("base", args.base), ("this", here)]
            for name, checkout in sides if r % 2 == 0 else sides[::-1]:
                out = tmp / f"{name}.json"
                wall, cpu, rss = timed([sys.executable, "-m", "graphkit", "diff",
                                        str(args.city), str(changed), "--format", "json",
                                        "--out", str(out)], cwd=checkout)
                print(f"| {r + 1} | {name} | {wall:.2f} | {cpu:.2f} | {rss:,.0f} |",
                      flush=True)
            if args.check and not filecmp.cmp(tmp / "base.json", tmp / "this.json",
                                              shallow=False):
                sys.exit("the JSON differs from the baseline's")
        if args.check:
            print("JSON byte-identical in every round")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
