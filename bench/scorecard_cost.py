"""What the scorecard (SPEC section 8) costs: the audit of a baseline commit against the
working tree, back to back, in fresh processes.

* the bundled sample: the baseline's code on the baseline's ``data/sihui`` against this
  tree's code on this tree's ``data/sihui`` (which gained the 6,042 member Persons);
* optionally a synthetic city (``--units``): both codes on the same files.

Each round runs ``graphkit audit DIR --format json --out FILE`` once per side, alternating,
and reports the median wall time and peak RSS of each and their ratio.

Usage::

    .venv/bin/python bench/scorecard_cost.py --base b031b1e --rounds 5 --units 100000

Needs git (for the baseline tree) and GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Runs graphkit's command line from the source tree argv[1] (the editable install of the
#: working tree is taken out of the import system first).
RUNNER = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path "
          "if 'editable' not in repr(f).lower()]; sys.path.insert(0, sys.argv[1]); "
          "from graphkit.cli import main; sys.exit(main(sys.argv[2:]))")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True, check=True)
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def audit(tree: Path, dataset: Path, out: Path) -> tuple[float, float]:
    return timed([sys.executable, "-c", RUNNER, str(tree), "audit", str(dataset),
                  "--format", "json", "--out", str(out)])


def compare(label: str, sides: dict[str, tuple[Path, Path]], rounds: int,
            out: Path) -> None:
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in sides}
    for _ in range(rounds):
        for name, (tree, dataset) in sides.items():
            got[name].append(audit(tree, dataset, out / f"{name}.json"))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(m for _, m in v))
           for k, v in got.items()}
    (bw, bm), (nw, nm) = med["baseline"], med["scorecard"]
    print(f"{label}: baseline {bw:.2f} s / {bm:.0f} MB, scorecard {nw:.2f} s / {nm:.0f} MB, "
          f"ratio {nw / bw:.2f} (wall), {nm / bm:.2f} (RSS); {rounds} rounds, medians")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="b031b1e", help="baseline commit")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--units", type=int, default=0, help="also a synthetic city this big")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gk-bench-") as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.base, "graphkit",
                                  "data/sihui"], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        compare("sample (data/sihui of each side)",
                {"baseline": (base, base / "data" / "sihui"),
                 "scorecard": (REPO, REPO / "data" / "sihui")}, args.rounds, Path(tmp))
        if args.units:
            city = Path(tmp) / "city"
            subprocess.run([sys.executable, "-c", RUNNER, str(REPO), "synth", str(city),
                            "--units", str(args.units), "--seed", "1"], check=True,
                           capture_output=True)
            compare(f"synthetic city, {args.units:,} units (same files)",
                    {"baseline": (base, city), "scorecard": (REPO, city)}, args.rounds,
                    Path(tmp))


if __name__ == "__main__":
    main()
