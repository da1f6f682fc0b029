"""The full network-measures run on a synthetic city, end to end and stage by stage.

* ``graphkit measures DIR --format json --out FILE`` in a fresh process (read + validate +
  tie graph + every measure + JSON): wall time and peak RSS (``/usr/bin/time``);
* the same run in this process, stage by stage (``time.perf_counter``), to show where the
  time goes, with the betweenness method used (exact or sampled ``k``, seed).

Usage::

    .venv/bin/python bench/measures_scale.py --units 100000 --seed 1

The dataset is ``graphkit synth DIR --units N --seed S``. Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import graphkit as gk
from graphkit._measures_report import render

M = importlib.import_module("graphkit.measuring")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True, check=True)
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def stages(d: Path, k: int, exact_max: int, seed: int) -> list[tuple[str, float]]:
    out = []
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        out.append((name, now - t))
        t = now

    ds = gk.read_dataset(d)
    lap("read + validate")
    T = gk.tie_graph(ds)
    lap(f"tie graph ({T.number_of_nodes():,} entities, {T.number_of_edges():,} ties)")
    ent = M.entity_measures(T, k=k, exact_max=exact_max, seed=seed)
    method = ent.attrs["methods"]["betweenness"]
    lap("per entity: degrees, betweenness (" + method["method"]
        + (f", k={k}, seed={seed}" if method["method"] == "sampled" else "")
        + "), PageRank, constraint, effective size, k-cores, cut points")
    M.cohesion(T, k=k, exact_max=exact_max, seed=seed)
    lap("cohesion (every community + city)")
    part = M.detect_communities(T, seed=seed)
    lap("Louvain")
    M.crossing_clusters(T, part)
    lap("crossing clusters")
    M.core_centrality(T, entities=ent)
    lap("core centrality")
    result = M.measures(T, k=k, exact_max=exact_max, seed=seed)
    lap("all of the above again through measures() (tie graph given)")
    render(result, "json")
    lap("JSON document (to_dict + orjson)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1, help="seed of the synthetic city")
    ap.add_argument("--measures-seed", type=int, default=0,
                    help="seed of the betweenness sample and Louvain (graphkit's default)")
    ap.add_argument("--k", type=int, default=M.SAMPLE_K)
    ap.add_argument("--exact-max", type=int, default=M.EXACT_MAX)
    ap.add_argument("--no-stages", action="store_true", help="only the end-to-end run")
    args = ap.parse_args()
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / f"u{args.units}"
        subprocess.run([graphkit, "synth", str(d), "--units", str(args.units), "--seed",
                        str(args.seed)], check=True, capture_output=True)
        out = d.parent / "measures.json"
        wall, rss = timed([graphkit, "measures", str(d), "--format", "json", "--out",
                           str(out), "--k", str(args.k), "--exact-max", str(args.exact_max),
                           "--seed", str(args.measures_seed)])
        doc = json.loads(out.read_text(encoding="utf-8"))
        city = doc["city"]
        print(f"graphkit measures, {args.units:,} units (seed {args.seed}): {wall:.1f} s, "
              f"peak RSS {rss:,.0f} MB")
        print(f"tie graph: {city['entities']:,} entities, {city['ties']:,} ties, "
              f"{city['components']:,} components, largest {city['largest_component']:,}")
        print(f"betweenness: {doc['methods']['betweenness']}")
        print(f"average path length: {city['avg_path_length']:.3f} ({city['path_method']})")
        if not args.no_stages:
            print("\n| stage | seconds |\n|---|---|")
            for name, sec in stages(d, args.k, args.exact_max, args.measures_seed):
                print(f"| {name} | {sec:.1f} |")


if __name__ == "__main__":
    main()
