"""The analyses: what the rules (:mod:`graphkit.rules`) say about a network, as tables.

Coverage (:mod:`.coverage`, SPEC 2), the "one core, two circles" (:mod:`.linkage`, SPEC 3),
the findings (:mod:`.gaps`, SPEC 4), the scorecard (:mod:`.mechanisms`, SPEC 8), all of
them at once (:mod:`.auditing`), the gap-closing plan (:mod:`.planning`, SPEC 6), snapshot
comparison (:mod:`.comparing`, SPEC 7) and the network measures (:mod:`.measuring`).
Each takes a Dataset (or a NetworkX graph) first and returns DataFrames or frozen results;
none prints, none changes its input. :mod:`._places` resolves a street or community given
by id or Chinese name, for every command and report.
"""
