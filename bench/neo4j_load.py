"""Neo4j bulk-load throughput: graphkit's batched UNWIND/MERGE load against a naive
one-MERGE-per-row baseline, in one run, on a synthetic city.

Usage (the local server must be running: ``make neo4j-start``)::

    .venv/bin/python bench/neo4j_load.py --units 100000

Credentials come from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD or, when unset, from the
local server's ``.neo4j/env``. The database is wiped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import graphkit as gk
from graphkit import vocab as V
from graphkit.store import DEFAULT_BATCH_SIZE, connect
from graphkit.synth import synthesize

REPO = Path(__file__).resolve().parent.parent


def _creds() -> dict[str, str]:
    if os.environ.get("NEO4J_URI"):
        return {"uri": os.environ["NEO4J_URI"], "user": os.environ.get("NEO4J_USER", "neo4j"),
                "password": os.environ.get("NEO4J_PASSWORD", "")}
    env = {}
    for line in (REPO / ".neo4j" / "env").read_text().splitlines():
        k, _, v = line.removeprefix("export ").partition("=")
        env[k.strip()] = v.strip().strip("'\"")
    return {"uri": env["NEO4J_URI"], "user": env["NEO4J_USER"],
            "password": env["NEO4J_PASSWORD"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    ap.add_argument("--naive-rows", type=int, default=5000)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        synthesize(tmp, units=args.units, seed=args.seed)
        ds = gk.read_dataset(tmp)
    c = _creds()
    with connect(c["uri"], user=c["user"], password=c["password"]) as store:
        store.clear()
        store.ensure_constraints()
        marks: list[tuple[str, float]] = []
        t0 = time.perf_counter()
        store.load(ds, batch_size=args.batch_size, progress=False,
                   on_batch=lambda what, n: marks.append((what, time.perf_counter())))
        t_end = time.perf_counter()
        t_nodes = max(t for what, t in marks if what in V.LABELS)
        n_nodes, n_rels = len(ds.nodes), len(ds.edges)
        assert store.counts()["relationships"] == n_rels

        # naive baseline: the first rows of the same node table, one MERGE transaction each
        store.clear()
        store.ensure_constraints()
        rows = ds.nodes.head(args.naive_rows)
        t1 = time.perf_counter()
        for r in rows.to_dict("records"):
            props = {k: gk.dataset._py(v) for k, v in r.items()
                     if k != "label" and gk.dataset._py(v) is not None}
            store._write(f"MERGE (n:`{r['label']}` {{id: $id}}) SET n = $props",
                         id=r["id"], props=props)
        t_naive = time.perf_counter() - t1
        store.clear()

    batched = (n_nodes + n_rels) / (t_end - t0)
    naive = len(rows) / t_naive
    result = {
        "units": args.units, "nodes": n_nodes, "relationships": n_rels,
        "batch_size": args.batch_size,
        "load_seconds": round(t_end - t0, 2),
        "nodes_per_s": round(n_nodes / (t_nodes - t0)),
        "relationships_per_s": round(n_rels / (t_end - t_nodes)),
        "records_per_s": round(batched),
        "naive_rows": len(rows), "naive_seconds": round(t_naive, 2),
        "naive_records_per_s": round(naive),
        "speedup_vs_naive": round(batched / naive, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}",
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
