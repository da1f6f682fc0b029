"""graphkit.rules._spark: what Spark needs, checked before it starts, and how its failures
are told apart (a master that cannot be reached or is lost: exit 3)."""

from __future__ import annotations

import socket

import pytest

from graphkit.errors import EngineError, EngineUnreachable
from graphkit.rules import _spark


def test_cluster_addresses() -> None:
    assert _spark.cluster_addresses("spark://h1:7078,h2") == [("h1", 7078), ("h2", 7077)]
    assert _spark.cluster_addresses("spark://[::1]:7077") == [("::1", 7077)]
    for master in ("local", "local[2]", "local[*]", "yarn", "k8s://https://h:443"):
        assert _spark.cluster_addresses(master) == []


def test_what_a_lost_cluster_says() -> None:
    for text in ("org.apache.spark.SparkException: Job 3 cancelled because SparkContext "
                 "was shut down",
                 "Cannot call methods on a stopped SparkContext.",
                 "Application has been killed. Reason: All masters are unresponsive! "
                 "Giving up."):
        assert _spark.is_lost(text)
    assert not _spark.is_lost("[UNRESOLVED_COLUMN] A column `x` cannot be resolved.")


def test_an_unreachable_master_is_exit_3() -> None:
    assert issubclass(EngineUnreachable, EngineError)
    assert EngineUnreachable.exit_code == 3 and EngineError.exit_code == 2
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(EngineUnreachable, match=f"127.0.0.1:{port}"):
        _spark.require_reachable(f"spark://127.0.0.1:{port}", timeout=2)


def test_a_listening_master_passes_the_check() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        _spark.require_reachable(f"spark://127.0.0.1:{s.getsockname()[1]}", timeout=2)
    _spark.require_reachable("local[2]")  # nothing to reach


def test_local_threads() -> None:
    assert _spark.local_threads("local[3]") == 3
    assert _spark.local_threads("spark://h:7077") is None
