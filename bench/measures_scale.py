"""The network measures at scale: the full run, the exact-betweenness time budget, and the
accuracy of sampled betweenness.

``run`` (the default)
    ``graphkit measures DIR --format json --out FILE`` in a fresh process (read + validate
    + tie graph + every measure + JSON): wall time and peak RSS (``/usr/bin/time``), back
    to back with ``graphkit audit DIR --format json`` on the same city as the baseline
    (same reading, tie graph and linkage); optionally also with an older graphkit source
    tree (``--before SRC``); then the stages one by one in this process.
``budget``
    Exact betweenness (igraph) on the largest tie-graph component of cities of growing
    size: seconds against component size, to place ``EXACT_MAX``.
``compare``
    The JSON documents of this graphkit and of an older source tree (``--before SRC``) on
    the same city, walked key by key: keys added or missing, and the values that differ
    (numbers beyond 1e-9 relative), counted per key.
``accuracy``
    On the largest component of one city, exact betweenness against the sampled estimate
    for several ``k`` and seeds: Spearman rank correlation (all entities of the
    component, and those with nonzero exact betweenness), overlap of the top 20 and of the
    top 100, and the median relative error over the top 100.

Usage::

    .venv/bin/python bench/measures_scale.py run --units 100000 --seed 1
    .venv/bin/python bench/measures_scale.py budget --units 3000 6000 12000 24000
    .venv/bin/python bench/measures_scale.py accuracy --units 24000 --k 64 128 256 512 1024
    .venv/bin/python bench/measures_scale.py compare --units 100000 --before OLD_SRC

The cities are ``graphkit synth DIR --units N --seed S``. Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import graphkit as gk
from graphkit import measuring as M
from graphkit.report import render

GRAPHKIT = str(Path(sys.executable).with_name("graphkit"))


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True,
                         text=True, check=True)
    wall, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024


def synth(d: Path, units: int, seed: int) -> Path:
    subprocess.run([GRAPHKIT, "synth", str(d), "--units", str(units), "--seed", str(seed)],
                   check=True, capture_output=True)
    return d


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
    ties = M._source.prepare(T)
    lap("conversion to igraph")
    ent = M.entity_measures(ties, k=k, exact_max=exact_max, seed=seed)
    method = ent.attrs["methods"]["betweenness"]
    lap("per entity: degrees, betweenness (" + method["method"]
        + (f", k={k}, seed={seed}" if method["method"] == "sampled" else "")
        + "), PageRank, constraint, effective size, k-cores, cut points")
    M.cohesion(ties, k=k, exact_max=exact_max, seed=seed)
    lap("cohesion (every community + city)")
    part = M.detect_communities(ties, seed=seed)
    lap("Leiden")
    M.modularity(ties, part)
    lap("modularity")
    M.crossing_clusters(ties, part)
    lap("crossing clusters")
    M.core_centrality(ties, entities=ent)
    lap("core centrality")
    result = M.measures(T, k=k, exact_max=exact_max, seed=seed)
    lap("all of the above again through measures() (tie graph given)")
    render(result, "json")
    lap("JSON document (to_dict + orjson)")
    return out


def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = synth(Path(tmp) / f"u{args.units}", args.units, args.seed)
        out = d.parent / "measures.json"
        opts = ["--format", "json", "--out", str(out), "--k", str(args.k), "--exact-max",
                str(args.exact_max), "--seed", str(args.measures_seed)]
        base = timed([GRAPHKIT, "audit", str(d), "--format", "json", "--out",
                      str(d.parent / "audit.json")])
        wall, rss = timed([GRAPHKIT, "measures", str(d), *opts])
        print(f"graphkit measures, {args.units:,} units (seed {args.seed}): {wall:.1f} s, "
              f"peak RSS {rss:,.0f} MB")
        print(f"baseline graphkit audit, same city, just before: {base[0]:.1f} s, "
              f"{base[1]:,.0f} MB; measures / audit = {wall / base[0]:.2f}x")
        if args.before:
            code = (f"import sys; sys.path.insert(0, {args.before!r}); "
                    "from graphkit.cli import main; sys.exit(main(sys.argv[1:]))")
            old = timed([sys.executable, "-c", code, "measures", str(d), *opts[:3],
                         str(d.parent / "before.json"), *opts[4:]])
            print(f"before ({args.before}), just after: {old[0]:.1f} s, {old[1]:,.0f} MB; "
                  f"before / now = {old[0] / wall:.1f}x")
        doc = json.loads(out.read_text(encoding="utf-8"))
        city = doc["city"]
        print(f"tie graph: {city['entities']:,} entities, {city['ties']:,} ties, "
              f"{city['components']:,} components, largest {city['largest_component']:,}")
        print(f"betweenness: {doc['methods']['betweenness']}")
        print(f"average path length: {city['avg_path_length']:.3f} ({city['path_method']})")
        print(f"communities: {doc['methods']['communities']}")
        print(f"comparison: {doc['comparison']}")
        if not args.no_stages:
            print("\n| stage | seconds |\n|---|---|")
            for name, sec in stages(d, args.k, args.exact_max, args.measures_seed):
                print(f"| {name} | {sec:.2f} |")


def largest_component(d: Path) -> tuple[M._source.Ties, np.ndarray]:
    ties = M._source.prepare(gk.read_dataset(d))
    membership, sizes = ties.components()
    return ties, np.flatnonzero(membership == int(np.argmax(sizes)))


def budget(args: argparse.Namespace) -> None:
    print("| units | component entities | ties | exact betweenness s | s per source (ms) |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for units in args.units:
            ties, comp = largest_component(synth(Path(tmp) / f"u{units}", units, args.seed))
            sub = ties.g.induced_subgraph(comp.tolist())
            t = time.perf_counter()
            sub.betweenness(directed=False)
            sec = time.perf_counter() - t
            print(f"| {units:,} | {len(comp):,} | {sub.ecount():,} | {sec:.2f} | "
                  f"{1000 * sec / len(comp):.3f} |", flush=True)


def _spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rho: Pearson correlation of the ranks (ties get their average rank)."""
    ra, rb = pd.Series(a).rank().to_numpy(), pd.Series(b).rank().to_numpy()
    return float(np.corrcoef(ra, rb)[0, 1])


def _span(values: np.ndarray, fmt: str = ".3f") -> str:
    return f"{values.min():{fmt}}-{values.max():{fmt}}"


def accuracy(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ties, comp = largest_component(synth(Path(tmp) / f"u{args.units[0]}",
                                             args.units[0], args.seed))
    g = ties.g
    n = len(comp)
    t = time.perf_counter()
    exact = np.asarray(g.betweenness(directed=False, sources=comp.tolist()))[comp]
    sec = time.perf_counter() - t
    nonzero = exact > 0
    top = np.argsort(-exact, kind="stable")[:100]
    print(f"largest component of the {args.units[0]:,}-unit city (seed {args.seed}): "
          f"{n:,} entities, {int(nonzero.sum()):,} with nonzero betweenness; exact "
          f"{sec:.1f} s")
    print("\n| k | seeds | seconds (mean) | Spearman, all | Spearman, nonzero | "
          "top-20 overlap | top-100 overlap | median rel. error, top 100 |")
    print("|---|---|---|---|---|---|---|---|")
    for k in args.k:
        rows = []
        for seed in range(args.seeds):
            sources = M._source.sample(comp, k, seed)
            t = time.perf_counter()
            est = np.asarray(g.betweenness(directed=False, sources=sources.tolist()))[comp]
            est *= n / k
            took = time.perf_counter() - t
            ranked = np.argsort(-est, kind="stable")
            rel = np.abs(est[top] - exact[top]) / exact[top]
            rows.append((took, _spearman(exact, est), _spearman(exact[nonzero], est[nonzero]),
                         len(set(ranked[:20].tolist()) & set(top[:20].tolist())),
                         len(set(ranked[:100].tolist()) & set(top.tolist())),
                         float(np.median(rel))))
        r = np.array(rows)
        print(f"| {k} | {args.seeds} | {r[:, 0].mean():.2f} | {_span(r[:, 1])} | "
              f"{_span(r[:, 2])} | {_span(r[:, 3], '.0f')} | {_span(r[:, 4], '.0f')} | "
              f"{_span(r[:, 5])} |", flush=True)


def _walk(a: object, b: object, path: tuple[str, ...], out: dict) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in b or key not in a:
                out.setdefault(("missing" if key not in b else "added", *path, key), 0)
                continue
            _walk(a[key], b[key], (*path, key), out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for x, y in zip(a, b, strict=True):
            _walk(x, y, path, out)
    elif isinstance(a, float) and isinstance(b, float):
        if abs(a - b) > 1e-9 * max(1.0, abs(a)):
            out[path] = out.get(path, 0) + 1
    elif a != b:
        out[path] = out.get(path, 0) + 1


def compare(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = synth(Path(tmp) / f"u{args.units}", args.units, args.seed)
        code = (f"import sys; sys.path.insert(0, {args.before!r}); "
                "from graphkit.cli import main; sys.exit(main(sys.argv[1:]))")
        docs = []
        for cmd in ([sys.executable, "-c", code], [GRAPHKIT]):
            out = subprocess.run([*cmd, "measures", str(d), "--format", "json"], check=True,
                                 capture_output=True, text=True).stdout
            docs.append(json.loads(out))
    diffs: dict = {}
    _walk(docs[0], docs[1], (), diffs)
    print(f"{args.units:,} units: before ({args.before}) against now")
    for path, count in sorted(diffs.items()):
        print(f"  {'.'.join(path)}: {count} value(s) differ" if count else
              f"  {'.'.join(path)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="mode")
    r = sub.add_parser("run", help="the full graphkit measures run (default)")
    r.add_argument("--units", type=int, default=100_000)
    r.add_argument("--k", type=int, default=M.SAMPLE_K)
    r.add_argument("--exact-max", type=int, default=M.EXACT_MAX)
    r.add_argument("--measures-seed", type=int, default=0,
                   help="seed of the betweenness sample and Leiden (graphkit's default)")
    r.add_argument("--before", help="source tree of an older graphkit to time back to back")
    r.add_argument("--no-stages", action="store_true", help="only the end-to-end run")
    b = sub.add_parser("budget", help="exact betweenness time against component size")
    b.add_argument("--units", type=int, nargs="+", default=[3000, 6000, 12000, 24000])
    a = sub.add_parser("accuracy", help="sampled against exact betweenness")
    a.add_argument("--units", type=int, nargs=1, default=[24_000])
    a.add_argument("--k", type=int, nargs="+", default=[64, 128, 256, 512, 1024])
    a.add_argument("--seeds", type=int, default=5)
    c = sub.add_parser("compare", help="JSON of an older graphkit against this one")
    c.add_argument("--units", type=int, default=100_000)
    c.add_argument("--before", required=True, help="source tree of the older graphkit")
    for p in (r, b, a, c):
        p.add_argument("--seed", type=int, default=1, help="seed of the synthetic city")
    argv = sys.argv[1:]
    if not argv or argv[0] not in ("run", "budget", "accuracy", "compare", "-h", "--help"):
        argv = ["run", *argv]
    args = ap.parse_args(argv)
    {"run": run, "budget": budget, "accuracy": accuracy, "compare": compare}[args.mode](args)


if __name__ == "__main__":
    main()
