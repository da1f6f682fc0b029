"""Server-side ceiling of a Neo4j load: the same batches as ``graphkit load``, prepared in
advance and written one transaction at a time, with MERGE and with plain CREATE.

Usage (local server running; the database is wiped)::

    .venv/bin/python bench/neo4j_ceiling.py --units 100000
"""

from __future__ import annotations

import argparse
import tempfile
import time

from neo4j_load import _creds

import graphkit as gk
from graphkit import store as S
from graphkit.store import connect
from graphkit.synth import synthesize


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        synthesize(tmp, units=args.units, seed=args.seed)
        ds = gk.read_dataset(tmp)
    c = _creds()
    with connect(c["uri"], user=c["user"], password=c["password"]) as st:
        nodes = list(S._node_batches(ds, S.DEFAULT_BATCH_SIZE))
        edges = list(S._edge_batches(ds, S.DEFAULT_BATCH_SIZE))
        nn, ne = len(ds.nodes), len(ds.edges)
        for variant in ("MERGE", "CREATE"):
            st.clear()
            st.ensure_constraints()
            t = time.perf_counter()
            for q, _, rows in nodes:
                st._write(q.replace("MERGE (n:", f"{variant} (n:"), rows=rows)
            tn = time.perf_counter() - t
            t = time.perf_counter()
            for q, _, rows in edges:
                st._write(q.replace("MERGE (a)-", f"{variant} (a)-"), rows=rows)
            te = time.perf_counter() - t
            print(f"{variant}: nodes/s {nn / tn:,.0f}  relationships/s {ne / te:,.0f}  "
                  f"records/s {(nn + ne) / (tn + te):,.0f}")
        st.clear()


if __name__ == "__main__":
    main()
