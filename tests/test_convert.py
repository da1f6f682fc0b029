"""GraphML and GEXF for Gephi and Cytoscape: Chinese and attributes survive a re-read."""

from __future__ import annotations

import networkx as nx
import pytest

import graphkit as gk
from graphkit.cli import main
from graphkit.convert import write_graph

from .conftest import SIHUI


@pytest.fixture(scope="module")
def G(sihui):
    return sihui.to_networkx()


def test_graphml_round_trip(G, tmp_path):
    path = write_graph(G, tmp_path / "s.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert H.graph["name"] == G.graph["name"]
    assert "沙田园社区" in path.read_text(encoding="utf-8")


def test_gexf_round_trip(G, tmp_path):
    path = write_graph(G, tmp_path / "s.gexf")
    H = nx.read_gexf(path)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    got = sorted((u, v, d["relationship"], {k: x for k, x in d.items()
                                            if k not in ("relationship", "id")})
                 for u, v, d in H.edges(data=True))
    want = sorted((u, v, k, {a: x for a, x in d.items() if a != "type"})
                  for u, v, k, d in G.edges(keys=True, data=True))
    assert got == want


def test_cli_convert(tmp_path, capsys):
    assert main(["convert", str(SIHUI), str(tmp_path / "s.graphml")]) == 0
    assert main(["convert", str(SIHUI), str(tmp_path / "s.gexf")]) == 0
    assert main(["convert", str(SIHUI), str(tmp_path / "s.csv")]) == 2
    assert "graphml" in capsys.readouterr().err
    assert not (tmp_path / "s.csv").exists()
    assert main(["convert", str(SIHUI), str(SIHUI / "nodes.csv")]) == 2


def test_dataset_from_graphml_is_the_dataset(G, sihui, tmp_path):
    H = nx.read_graphml(write_graph(G, tmp_path / "s.graphml"), force_multigraph=True)
    back = gk.Dataset.from_networkx(H)
    assert sorted(back.nodes["id"]) == sorted(sihui.nodes["id"])
    assert len(back.edges) == len(sihui.edges)
