"""The edge ends' lookup of validation (``graphkit.network.validation.positions``): Arrow's
one hash lookup (``pc.index_in``) against the DuckDB join on every core, on one city's
files, alternating, with the answers compared.

The ids and the ends are read with pyarrow (not timed) and the ids sorted, as validation
has them; each round times both ways, in the order given by the round (wall seconds).

Usage::

    .venv/bin/python bench/endpoint_lookup.py /tmp/perf-1m --rounds 3
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from graphkit.network import validation


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("city", help="a folder with nodes.csv and edges.csv")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    nodes = pv.read_csv(f"{args.city}/nodes.csv",
                        convert_options=pv.ConvertOptions(include_columns=["id"]))
    edges = pv.read_csv(f"{args.city}/edges.csv",
                        convert_options=pv.ConvertOptions(include_columns=["source", "target"]))
    ids = nodes["id"].take(pc.sort_indices(nodes["id"])).combine_chunks()
    ends = pa.chunked_array([*edges["source"].chunks, *edges["target"].chunks], pa.string())
    print(f"{len(ids):,} ids, {len(ends):,} ends")

    def lookup() -> np.ndarray:
        old, validation.JOIN_FROM = validation.JOIN_FROM, len(ends) + 1
        try:
            return validation.positions(ends, ids)
        finally:
            validation.JOIN_FROM = old

    def join() -> np.ndarray:
        old, validation.JOIN_FROM = validation.JOIN_FROM, 0
        try:
            return validation.positions(ends, ids)
        finally:
            validation.JOIN_FROM = old

    times: dict[str, list[float]] = {"index_in": [], "duckdb join": []}
    answers = []
    for r in range(args.rounds):
        ways = [("index_in", lookup), ("duckdb join", join)]
        for name, way in ways if r % 2 == 0 else ways[::-1]:
            t = time.perf_counter()
            answers.append(way())
            times[name].append(time.perf_counter() - t)
    assert all(np.array_equal(a, answers[0]) for a in answers), "the answers differ"
    for name, ts in times.items():
        print(f"{name}: best {min(ts):.2f} s, all " + ", ".join(f"{t:.2f}" for t in ts))


if __name__ == "__main__":
    main()
