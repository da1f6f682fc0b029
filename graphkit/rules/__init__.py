"""The rules of SPEC sections 2-4 and 8, each one named function of relational expressions.

Every function takes the integer-coded :class:`~graphkit.rules._base.Tables` of a network
(and parameters) and returns an Ibis table expression; an :class:`~graphkit.engine.Engine`
executes it on DuckDB, Polars or Spark, with the same result. Node ids are integer codes
in id order (so ``min`` of codes is the smallest id); labels, relationship types and kinds
are codes of :mod:`graphkit.vocab`.

========================  ==========================================  =================
SPEC                      rule                                         function
========================  ==========================================  =================
2, a unit's place         community via a compound; area              :mod:`.placement`
2, status                 own > joint > affiliated > instructor       :func:`.coverage.unit_levels`
2, rates                  own / organization / work per group         :func:`.coverage.rate_counts`
3, core                   highest kind, then smallest id              :func:`.linkage.cores`
3, jurisdiction           units, their orgs, compound orgs            :func:`.linkage.jurisdiction`
3, ties                   tie types both ways, teams to the core      :func:`.linkage.tie_rows`
3, circles                sub-core, pan-core, unlinked, external      :func:`.linkage.roles`
4, findings               one function per code                       :mod:`.gaps`
8, scorecard              one function per field; city row            :mod:`.mechanisms`
========================  ==========================================  =================

The public functions (:func:`graphkit.unit_coverage`, :func:`graphkit.circles`,
:func:`graphkit.findings`, :func:`graphkit.audit`, ...) run these and return DataFrames.
"""
