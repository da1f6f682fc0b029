"""The network measures at scale: the full run, the exact-betweenness time budget, and the
accuracy of sampled betweenness.

``run`` (the default)
    ``graphkit measures DIR --format json --out FILE`` in a fresh process (read + validate
    + the rules' ties into igraph + every measure + JSON): wall time, CPU time and peak RSS
    (``/usr/bin/time``), after ``graphkit audit DIR --format json`` on the same city (same
    reading and linkage rules; ``--no-audit`` leaves it out); with an older graphkit source
    tree (``--before SRC``) the two are run back to back, alternating, ``--repeat`` times
    (best and spread of each), and their JSON compared; then the stages one by one in this
    process. ``--city DIR`` measures an existing city instead of synthesizing one.
``budget``
    Exact betweenness (igraph) on the largest tie-graph component of cities of growing
    size: seconds against component size, to place ``EXACT_MAX``.
``compare``
    The JSON documents of this graphkit and of an older source tree (``--before SRC``) on
    the same city, walked key by key: keys added or missing, and the values that differ
    (numbers beyond 1e-9 relative, 1e-15 absolute), counted per key.
``accuracy``
    On the largest component of one city, exact betweenness against the sampled estimate
    for several ``k`` and seeds: Spearman rank correlation (all entities of the
    component, and those with nonzero exact betweenness), overlap of the top 20 and of the
    top 100, and the median relative error over the top 100.

Usage::

    .venv/bin/python bench/measures_scale.py run --units 100000 --seed 1
    .venv/bin/python bench/measures_scale.py run --city /tmp/perf-100k --before BASE_SRC --repeat 3
    .venv/bin/python bench/measures_scale.py budget --units 3000 6000 12000 24000
    .venv/bin/python bench/measures_scale.py accuracy --units 24000 --k 64 128 256 512 1024
    .venv/bin/python bench/measures_scale.py compare --units 100000 --before OLD_SRC

The cities are ``graphkit synth DIR --units N --seed S``. Needs GNU time at /usr/bin/time.
"""

from __future__ import annotations

import argparse
import json
import math
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


def timed(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", *cmd], capture_output=True,
                         text=True, check=True)
    wall, rss, user, system = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024, float(user) + float(system)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _best(runs: list[tuple[float, float, float]]) -> str:
    """Best wall (min-max), CPU (min-max) and the highest peak RSS of some runs."""
    wall = [r[0] for r in runs]
    cpu = [r[2] for r in runs]
    return (f"wall best {min(wall):.1f} s ({min(wall):.1f}-{max(wall):.1f}), CPU best "
            f"{min(cpu):.1f} s ({min(cpu):.1f}-{max(cpu):.1f}), peak RSS up to "
            f"{max(r[1] for r in runs):,.0f} MB")


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
    ties = M._source.prepare(ds)
    lap(f"the rules' ties into igraph ({ties.n:,} entities, {ties.g.ecount():,} ties)")
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
    result = M.measures(ties, k=k, exact_max=exact_max, seed=seed)
    lap("all of the above again through measures() (ties given)")
    render(result, "json")
    lap("JSON document (to_dict + orjson)")
    gk.tie_graph(ds)
    lap("networkx tie graph (`gk.tie_graph`, only when asked for; rules cached)")
    return out


def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(args.city) if args.city else synth(Path(tmp) / f"u{args.units}", args.units,
                                                   args.seed)
        out = Path(tmp) / "measures.json"
        opts = ["--format", "json", "--out", str(out), "--k", str(args.k), "--exact-max",
                str(args.exact_max), "--seed", str(args.measures_seed)]
        print(f"city {d}; load average before: {_load()}")
        if not args.no_audit:
            base = timed([GRAPHKIT, "audit", str(d), "--format", "json", "--out",
                          str(Path(tmp) / "audit.json")])
            print(f"graphkit audit, same city: {base[0]:.1f} s wall, {base[2]:.1f} s CPU, "
                  f"{base[1]:,.0f} MB")
        now_runs: list[tuple[float, float, float]] = []
        old_runs: list[tuple[float, float, float]] = []
        code = (f"import sys; sys.path.insert(0, {args.before!r}); "
                "from graphkit.cli import main; sys.exit(main(sys.argv[1:]))")
        old_cmd = [sys.executable, "-c", code, "measures", str(d), *opts[:3],
                   str(Path(tmp) / "before.json"), *opts[4:]]
        for i in range(args.repeat):
            pair = [("now", [GRAPHKIT, "measures", str(d), *opts], now_runs)]
            if args.before:
                pair.append(("before", old_cmd, old_runs))
                if i % 2:
                    pair.reverse()  # alternate which runs first
            for name, cmd, runs in pair:
                runs.append(timed(cmd))
                wall, rss, cpu = runs[-1]
                print(f"  run {i + 1} {name}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
                      f"{rss:,.0f} MB (load {_load()})", flush=True)
        print(f"graphkit measures (this tree): {_best(now_runs)}")
        if args.before:
            print(f"before ({args.before}): {_best(old_runs)}")
            wall = min(r[0] for r in old_runs) / min(r[0] for r in now_runs)
            cpu = min(r[2] for r in old_runs) / min(r[2] for r in now_runs)
            print(f"before / now: best wall {wall:.2f}x, best CPU {cpu:.2f}x")
        doc = json.loads(out.read_text(encoding="utf-8"))
        city = doc["city"]
        print(f"tie graph: {city['entities']:,} entities, {city['ties']:,} ties, "
              f"{city['components']:,} components, largest {city['largest_component']:,}")
        print(f"betweenness: {doc['methods']['betweenness']}")
        print(f"average path length: {city['avg_path_length']:.3f} ({city['path_method']})")
        print(f"communities: {doc['methods']['communities']}")
        print(f"comparison: {doc['comparison']}")
        if args.before:
            diffs: dict = {}
            _walk(json.loads((Path(tmp) / "before.json").read_text(encoding="utf-8")), doc,
                  (), diffs)
            print("JSON against before: " + ("equal (numbers within 1e-9 relative)"
                                             if not diffs else str(diffs)))
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
        if not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15):
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
    r.add_argument("--city", help="an existing city folder (instead of synthesizing one)")
    r.add_argument("--repeat", type=int, default=1, help="runs of each, alternating")
    r.add_argument("--no-audit", action="store_true", help="leave out the audit run")
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
