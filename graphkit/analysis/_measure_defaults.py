"""Defaults of the network measures, importable without igraph (the command line reads them
at start-up)."""

from __future__ import annotations

#: Largest connected component (entities) on which betweenness and the average path length
#: are computed exactly; above it they are estimated from :data:`SAMPLE_K` sample sources.
#: Exact betweenness costs one breadth-first search per entity of the component: on these
#: sparse tie graphs about 1 s at 5,000 entities, 18 s at 21,000 (``BENCHMARKS.md``).
EXACT_MAX = 5000
#: Sources sampled on a component larger than :data:`EXACT_MAX`.
SAMPLE_K = 256
