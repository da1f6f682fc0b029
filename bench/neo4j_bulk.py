"""Neo4j initial load: ``graphkit load --bulk`` (neo4j-admin database import full) against
``graphkit load`` (batched transactions), back to back on the same synthetic city and the
same server, then the read back: ``Neo4jStore.read()`` against a record-by-record read
(graphkit's read before the columnar one), alternately, twice each.

Usage (the local server must be running: ``make neo4j-start``; its database is wiped)::

    .venv/bin/python bench/neo4j_bulk.py --units 100000

Both loads are the command line in a fresh process, timed from start to exit (reading and
validating the dataset included, the same for both); the bulk figure includes stopping
and starting the server and creating the constraints, and its import step is given alone.
Credentials come from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD or the local ``.neo4j/env``;
the Neo4j home from NEO4J_HOME, else the local ``.neo4j/home``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from neo4j_load import _creds

import graphkit as gk
from graphkit import vocab as V
from graphkit.store import connect

REPO = Path(__file__).resolve().parent.parent


def _graphkit(*args: str, env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graphkit", *args], env=env,
                          capture_output=True, text=True, check=False)
    took = time.perf_counter() - t
    if done.returncode != 0:
        sys.exit(f"graphkit {' '.join(args)} failed:\n{done.stderr}")
    return took, done.stderr


def _read_per_record(store: Any) -> gk.Dataset:
    """The baseline read: one statement per table, a dict per record, columns built in
    Python row by row (graphkit's read before the columnar one)."""
    import neo4j

    labels = list(V.LABELS)

    def columns(result: Any, fixed: tuple[str, ...]) -> dict[str, list[Any]]:
        cols: dict[str, list[Any]] = {k: [] for k in fixed}
        n = 0
        for rec in result:
            for k, v in {**rec["props"], **{k: rec[k] for k in fixed}}.items():
                col = cols.get(k)
                if col is None:
                    col = cols[k] = [None] * n
                col.append(v)
            n += 1  # noqa: SIM113 - the row count so far, as before
            for col in cols.values():
                if len(col) < n:
                    col.append(None)
        return cols

    with store._driver.session(default_access_mode=neo4j.READ_ACCESS) as s, \
            s.begin_transaction() as tx:
        nodes = columns(tx.run(
            "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
            "RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS props",
            labels=labels), ("label",))
        edges = columns(tx.run(
            "MATCH (a)-[r]->(b) WHERE type(r) IN $types RETURN a.id AS source, "
            "b.id AS target, type(r) AS type, properties(r) AS props",
            types=list(V.REL_TYPES)), ("source", "target", "type"))
    return gk.Dataset.from_columns(nodes, edges, files=("neo4j nodes", "neo4j relationships"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-load", action="store_true",
                    help="Time the bulk load (and the reads) only.")
    args = ap.parse_args()
    c = _creds()
    home = os.environ.get("NEO4J_HOME") or str(REPO / ".neo4j" / "home")
    env = dict(os.environ, NEO4J_URI=c["uri"], NEO4J_USER=c["user"],
               NEO4J_PASSWORD=c["password"], NEO4J_HOME=home)
    out: dict[str, Any] = {"units": args.units, "seed": args.seed}
    with tempfile.TemporaryDirectory() as tmp:
        folder = str(Path(tmp) / "city")
        _graphkit("synth", folder, "--units", str(args.units), "--seed", str(args.seed),
                  env=env)
        ds = gk.read_dataset(folder)
        records = len(ds.nodes) + len(ds.edges)
        out.update(nodes=len(ds.nodes), relationships=len(ds.edges), records=records)
        with connect(c["uri"], user=c["user"], password=c["password"]) as store:
            store.clear()
        if not args.skip_load:
            took, _ = _graphkit("load", folder, env=env)
            out.update(load_seconds=round(took, 1), load_records_per_s=round(records / took))
            with connect(c["uri"], user=c["user"], password=c["password"]) as store:
                store.clear()
        took, err = _graphkit("load", folder, "--bulk", env=env)
        step = float(re.search(r"import full \(([\d.]+) s\)", err).group(1))
        out.update(bulk_seconds=round(took, 1), bulk_records_per_s=round(records / took),
                   bulk_import_step_seconds=step,
                   bulk_import_step_records_per_s=round(records / step))
        if not args.skip_load:
            out["bulk_speedup"] = round(out["bulk_records_per_s"] / out["load_records_per_s"],
                                        1)
        with connect(c["uri"], user=c["user"], password=c["password"]) as store:
            # alternately, twice each (the first read after the restart meets a cold page
            # cache and plans its queries): the faster of each
            times: dict[str, list[float]] = {"read": [], "per_record": []}
            for _ in range(2):
                for name, fn in (("read", store.read),
                                 ("per_record", lambda: _read_per_record(store))):
                    t = time.perf_counter()
                    got = fn()
                    times[name].append(time.perf_counter() - t)
                    assert got.nodes.sort_values("id", ignore_index=True).equals(
                        ds.nodes.sort_values("id", ignore_index=True))
                    assert len(got.edges) == len(ds.edges)
                    del got
            out["read_seconds"] = [round(x, 2) for x in times["read"]]
            out["per_record_read_seconds"] = [round(x, 2) for x in times["per_record"]]
            out["read_speedup"] = round(min(times["per_record"]) / min(times["read"]), 1)
            store.clear()
    out["machine"] = (f"{platform.machine()}, {os.cpu_count()} cores, Python "
                      f"{platform.python_version()}")
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
