"""Datasets from and to elsewhere: the Neo4j store (:mod:`.store`, :mod:`._bulk`), graph
files for Gephi and Cytoscape (:mod:`.convert`) and synthetic cities (:mod:`.synth`).

Adapters sit at the edge: they turn outside data into a validated Dataset (through the one
validator of :mod:`graphkit.network`) and a Dataset into outside formats. Analysis code
never imports them; only this layer imports ``neo4j``.
"""
