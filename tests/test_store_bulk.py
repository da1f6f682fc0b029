"""The bulk import's database swap (no server needed): the imported database takes the
place of the empty one, the empty one is kept until dropped, and a swap that cannot be
made changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.adapters._bulk import drop_database, swap_database
from graphkit.errors import StoreError


def _db(root: Path, name: str, text: str) -> None:
    for part in ("databases", "transactions"):
        (root / part / name).mkdir(parents=True)
        (root / part / name / "f").write_text(text)


def _text(root: Path, part: str, name: str) -> str:
    return (root / part / name / "f").read_text()


def test_swap_puts_the_import_in_place_and_keeps_the_old_until_dropped(tmp_path):
    _db(tmp_path, "neo4j", "empty")
    _db(tmp_path, "graphkit-import-1", "imported")
    dbs, txs = tmp_path / "databases", tmp_path / "transactions"
    old = swap_database(dbs, txs, "graphkit-import-1", "neo4j")
    for part in ("databases", "transactions"):
        assert _text(tmp_path, part, "neo4j") == "imported"
        assert _text(tmp_path, part, old) == "empty"
        assert not (tmp_path / part / "graphkit-import-1").exists()
    drop_database(dbs, txs, old)
    assert sorted(p.name for p in dbs.iterdir()) == ["neo4j"]
    assert sorted(p.name for p in txs.iterdir()) == ["neo4j"]
    # and back: the failure path of a start puts the old one in place again
    _db(tmp_path, "again", "other")
    old = swap_database(dbs, txs, "again", "neo4j")
    drop_database(dbs, txs, "neo4j")
    swap_database(dbs, txs, old, "neo4j")
    assert _text(tmp_path, "databases", "neo4j") == "imported"


def test_swap_of_a_missing_import_changes_nothing(tmp_path):
    _db(tmp_path, "neo4j", "empty")
    (tmp_path / "databases" / "graphkit-import-2").mkdir()   # transaction logs missing
    with pytest.raises(StoreError, match="transactions/graphkit-import-2"):
        swap_database(tmp_path / "databases", tmp_path / "transactions",
                      "graphkit-import-2", "neo4j")
    assert _text(tmp_path, "databases", "neo4j") == "empty"
    assert _text(tmp_path, "transactions", "neo4j") == "empty"
