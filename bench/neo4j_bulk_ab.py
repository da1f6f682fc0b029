"""``graphkit load --bulk`` end to end, back to back against a baseline checkout.

Usage (a server of ``scripts/neo4j`` running on its own state folder; its database is
wiped before every run)::

    NEO4J_DIR=/tmp/x/neo4j NEO4J_BOLT_PORT=7697 .venv/bin/python bench/neo4j_bulk_ab.py \\
        --city /tmp/perf-1m --base /tmp/base-checkout --rounds 2

Each round runs the baseline, then this checkout (the order alternating between rounds),
each ``python -m graphkit load CITY --bulk`` in a fresh process timed from start to exit
(reading and validating the city, the import files, the server's stop, the import, the
start and the constraints). Each variant runs with its own ``scripts/neo4j`` (the
baseline's without class data sharing unless ``--base-cds``, this checkout's with it),
through a Neo4j home of its own whose ``bin/neo4j`` runs that script for the same state
folder. Before each run
the database is emptied the way the baseline's failure path did: the server is stopped,
``neo4j-admin database import full`` of nothing replaces the database, the server starts
again (with the script of the variant about to run). Records = nodes + relationships.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _home(root: Path, script: Path, state: Path, port: str, cds: bool) -> Path:
    """A Neo4j home whose bin/neo4j runs `script` for `state`, and bin/neo4j-admin the
    state's jars (with the class archive when `cds`)."""
    home = root / ("new" if cds else "base")
    (home / "bin").mkdir(parents=True, exist_ok=True)
    lib, conf = state / "home" / "lib", state / "home" / "conf"
    jsa = state / "cds" / "admin-5.26.30.jsa"
    neo4j = (f"#!/usr/bin/env bash\nexport NEO4J_DIR={shlex.quote(str(state))} "
             f"NEO4J_BOLT_PORT={port}\nexec {shlex.quote(str(script))} \"$@\"\n")
    cds_opt = f"-XX:SharedArchiveFile={shlex.quote(str(jsa))} " if cds and jsa.exists() else ""
    admin = (f"#!/usr/bin/env bash\nexport NEO4J_HOME={shlex.quote(str(state / 'home'))} "
             f"NEO4J_CONF={shlex.quote(str(conf))}\n"
             f"exec java -Xmx1g {cds_opt}-cp {shlex.quote(str(lib))}/\\* "
             "org.neo4j.cli.AdminTool \"$@\"\n")
    for name, text in (("neo4j", neo4j), ("neo4j-admin", admin)):
        (home / "bin" / name).write_text(text)
        (home / "bin" / name).chmod(0o755)
    return home


def _wipe(home: Path, tmp: Path, env: dict[str, str]) -> None:
    """Stop the server, import nothing over the database, start the server again."""
    empty = tmp / "empty"
    empty.mkdir(exist_ok=True)
    (empty / "empty.csv").write_text("id:ID\n")
    for argv in ([str(home / "bin" / "neo4j"), "stop"],
                 [str(home / "bin" / "neo4j-admin"), "database", "import", "full", "neo4j",
                  "--overwrite-destination=true", "--nodes=empty.csv",
                  "--report-file=empty.report"],
                 [str(home / "bin" / "neo4j"), "start"]):
        subprocess.run(argv, cwd=empty, env=env, check=True, capture_output=True)


def _run(city: str, home: Path, env: dict[str, str], cwd: Path
         ) -> tuple[float, float, list[str]]:
    """Time one ``load --bulk``; also the time of each step line it prints (the profile).
    It runs in `cwd`, the checkout whose graphkit it imports (``python -m`` puts the
    working directory before PYTHONPATH)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "graphkit", "load", city, "--bulk",
                             "--neo4j-home", str(home)], env=env, cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [f"{time.perf_counter() - t:6.1f} s  {line.rstrip()}" for line in proc.stderr]
    code = proc.wait()
    took = time.perf_counter() - t
    if code != 0:
        sys.exit("load --bulk failed:\n" + "\n".join(lines))
    step = float(re.search(r"import full \(([\d.]+) s\)", lines[-1]).group(1))
    return took, step, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--city", required=True, help="A dataset folder (graphkit synth).")
    ap.add_argument("--base", required=True, type=Path,
                    help="A checkout of the baseline (git worktree add --detach).")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--base-cds", action="store_true",
                    help="Class data sharing for the baseline too: compare the code alone.")
    args = ap.parse_args()
    state = Path(os.environ.get("NEO4J_DIR") or REPO / ".neo4j").resolve()
    port = os.environ.get("NEO4J_BOLT_PORT", "7687")
    creds = {}
    for line in (state / "env").read_text().splitlines():
        k, _, v = line.removeprefix("export ").partition("=")
        creds[k.strip()] = v.strip().strip("'\"")
    base_env = dict(os.environ, NEO4J_URI=creds["NEO4J_URI"], NEO4J_USER=creds["NEO4J_USER"],
                    NEO4J_PASSWORD=creds["NEO4J_PASSWORD"], GRAPHKIT_LANG="en")
    base_env.pop("NEO4J_HOME", None)
    import pyarrow.csv as pacsv  # records: the two CSV files' rows

    records = sum(pacsv.read_csv(Path(args.city) / f).num_rows
                  for f in ("nodes.csv", "edges.csv"))
    times: dict[str, list[float]] = {"base": [], "new": []}
    steps: dict[str, list[float]] = {"base": [], "new": []}
    with tempfile.TemporaryDirectory(prefix="neo4j-bulk-ab-") as tmp:
        root = Path(tmp)
        homes = {"base": _home(root, args.base / "scripts" / "neo4j", state, port,
                               args.base_cds),
                 "new": _home(root, REPO / "scripts" / "neo4j", state, port, True)}
        checkouts = {"base": args.base.resolve(), "new": REPO}
        envs = {"base": dict(base_env, PYTHONPATH=str(args.base),
                             NEO4J_CDS="on" if args.base_cds else "off"),
                "new": dict(base_env, PYTHONPATH=str(REPO), NEO4J_CDS="on")}
        for r in range(args.rounds):
            order = ("base", "new") if r % 2 == 0 else ("new", "base")
            for variant in order:
                _wipe(homes[variant], root, envs[variant])
                load = os.getloadavg()[0]
                took, step, lines = _run(str(Path(args.city).resolve()), homes[variant],
                                         envs[variant], checkouts[variant])
                times[variant].append(took)
                steps[variant].append(step)
                print(f"round {r + 1} {variant}: {took:.1f} s ({records / took:,.0f} "
                      f"records/s), import step {step:.1f} s, load average {load:.1f}",
                      file=sys.stderr, flush=True)
                print("\n".join("    " + x for x in lines), file=sys.stderr, flush=True)
    out = {"city": args.city, "records": records, "rounds": args.rounds}
    for v in ("base", "new"):
        best = min(times[v])
        out[v] = {"seconds": [round(x, 1) for x in times[v]], "best_s": round(best, 1),
                  "spread_s": round(max(times[v]) - best, 1),
                  "median_s": round(statistics.median(times[v]), 1),
                  "best_records_per_s": round(records / best),
                  "import_step_s": [round(x, 1) for x in steps[v]]}
    out["speedup_best"] = round(min(times["base"]) / min(times["new"]), 2)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
