"""Defaults of the network measures, importable without igraph (the command line reads them
at start-up)."""

from __future__ import annotations

#: Largest connected component whose betweenness (and path lengths) is computed exactly;
#: above it, sampled from :data:`SAMPLE_K` sources (see BENCHMARKS.md for the timing).
EXACT_MAX = 5000
#: Sources sampled on a component larger than :data:`EXACT_MAX`.
SAMPLE_K = 256
