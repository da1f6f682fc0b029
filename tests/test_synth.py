"""The synthetic city generator: valid, exact size, deterministic, auditable."""

from __future__ import annotations

import graphkit as gk
from graphkit.cli import main
from graphkit.synth import synthesize


def test_synth_is_valid_exact_and_auditable(tmp_path):
    info = synthesize(tmp_path / "a", units=600, seed=7)
    problems = gk.validate_dataset(tmp_path / "a")
    assert [p for p in problems if p.severity == "error"] == []
    ds = gk.read_dataset(tmp_path / "a")
    assert ds.counts()["Unit"] == 600 == info["units"]
    assert len(ds.nodes) == info["nodes"] and len(ds.edges) == info["edges"]
    result = gk.audit(ds)
    statuses = set(result.units["status"])
    assert statuses == {"own", "joint", "affiliated", "instructor", "none"}
    assert set(result.circles["status"]) <= {"ok", "no_core"}
    assert len(result.findings) > 0


def test_synth_is_deterministic_per_seed(tmp_path):
    synthesize(tmp_path / "a", units=300, seed=3)
    synthesize(tmp_path / "b", units=300, seed=3)
    synthesize(tmp_path / "c", units=300, seed=4)
    for name in ("nodes.csv", "edges.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    a, c = tmp_path / "a" / "edges.csv", tmp_path / "c" / "edges.csv"
    assert a.read_bytes() != c.read_bytes()


def test_synth_tiny_sizes(tmp_path):
    for n in (1, 2, 5):
        synthesize(tmp_path / str(n), units=n, seed=0)
        assert gk.read_dataset(tmp_path / str(n)).counts()["Unit"] == n


def test_synth_cli(tmp_path, capsys):
    assert main(["synth", str(tmp_path / "s"), "--units", "50", "--seed", "1"]) == 0
    assert "50 units" in capsys.readouterr().err
    assert main(["audit", str(tmp_path / "s"), "--format", "json"]) == 0
    assert main(["synth", str(tmp_path / "s"), "--units", "0"]) == 2


def test_graphkit_agrees_with_a_naive_reference(tmp_path):
    """An independent node-by-node implementation (bench/naive.py) gives the same statuses
    and circles on a synthetic city."""
    import sys

    from .conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from naive import naive_circles, naive_status
    finally:
        sys.path.remove(str(REPO / "bench"))
    synthesize(tmp_path / "n", units=800, seed=11)
    G = gk.read_dataset(tmp_path / "n").to_networkx()
    units = gk.unit_coverage(G)
    assert dict(zip(units["id"], units["status"], strict=True)) == naive_status(G)
    ref = naive_circles(G)
    for r in gk.circles(G).itertuples(index=False):
        want = ref[r.community]
        assert (r.sub_core, r.pan_core, r.unlinked) == (
            want["sub_core"], want["pan_core"], want["unlinked"]), r.community
