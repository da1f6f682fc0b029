"""Validation's error path against its valid path, back to back on the same city.

``graphkit synth --units N --seed S`` (reused from ``--cache``), then a copy whose first
``--bad`` edge rows get an unknown relationship type. Each in a fresh process, timed with
``/usr/bin/time``: ``graphkit validate`` on the valid city, on the broken one (the capped
text report: 20 problems of each kind per file), and ``graphkit validate --format json
--out FILE`` on the broken one (every problem). Lines printed (stdout and stderr) and problems
in the JSON are counted.

Usage::

    .venv/bin/python bench/validation_errors.py --units 100000 --bad 200000

Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def timed(cmd: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, peak RSS (MB), exit code and lines printed (stdout and stderr, where
    the validation report goes when the dataset is invalid) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True, env={"GRAPHKIT_LANG": "en", "PATH": "/usr/bin:/bin"})
    *err, last = out.stderr.strip().splitlines()
    wall, rss = last.split()
    return float(wall), int(rss) / 1024, out.returncode, len(out.stdout.splitlines()) + len(err)


def broken_copy(src: Path, dst: Path, bad: int) -> int:
    """`src` with the type of its first `bad` edge rows replaced; the rows changed."""
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.iterdir():
        if f.name != "edges.csv":
            shutil.copy(f, dst / f.name)
    changed = 0
    with (src / "edges.csv").open(newline="", encoding="utf-8") as fi, \
            (dst / "edges.csv").open("w", newline="", encoding="utf-8") as fo:
        rows = csv.reader(fi)
        w = csv.writer(fo, lineterminator="\n")
        header = next(rows)
        w.writerow(header)
        t = header.index("type")
        for row in rows:
            if changed < bad:
                row[t] = "BOGUS_TYPE"
                changed += 1
            w.writerow(row)
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--bad", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=None)
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp)
        good = cache / f"synth-{args.units}-{args.seed}"
        if not (good / "edges.csv").exists():
            subprocess.run([graphkit, "synth", str(good), "--units", str(args.units),
                            "--seed", str(args.seed)], check=True)
        bad = Path(tmp) / "bad"
        n = broken_copy(good, bad, args.bad)
        report = Path(tmp) / "problems.json"
        runs = [("valid city, `validate`", [graphkit, "validate", str(good)]),
                (f"{n:,} bad edge rows, `validate`", [graphkit, "validate", str(bad)]),
                (f"{n:,} bad edge rows, `validate --format json`",
                 [graphkit, "validate", str(bad), "--format", "json", "--out", str(report)])]
        print("| run | s (peak MB) | exit | lines printed | problems in JSON |")
        print("|---|---|---|---|---|")
        for label, cmd in runs:
            wall, rss, code, lines = timed(cmd)
            problems = ""
            if "--out" in cmd:
                doc = json.loads(report.read_text(encoding="utf-8"))
                problems = f"{len(doc['problems']):,}"
            print(f"| {label} | {wall:.2f} ({rss:,.0f}) | {code} | {lines:,} | "
                  f"{problems} |", flush=True)


if __name__ == "__main__":
    main()
