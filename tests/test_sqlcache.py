"""The rules' compiled SQL kept on disk from one process to the next
(:mod:`graphkit.rules._sqlcache`): a miss, a hit, a damaged file and a folder that cannot be
written all give the same audit, byte for byte, as no cache at all."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.report import to_json_bytes
from graphkit.rules import _plans, _sqlcache
from graphkit.rules import engine as E

from .conftest import REPO, SIHUI


def _audit_json(monkeypatch: pytest.MonkeyPatch, folder: str) -> bytes:
    """The sample's audit JSON in a state like a new process's: nothing compiled nor
    planned in memory, the cache on disk in `folder` (empty: none); the plans written as
    at the end of a process."""
    # the networks of earlier tests go first: a book is flushed when its network is
    # collected, into the folder of that moment (a process has one folder)
    gc.collect()
    monkeypatch.setenv(_sqlcache.ENVVAR, folder)
    E._SQL_CACHE.clear()
    _plans._books.clear()
    out = to_json_bytes(gk.audit(gk.read_dataset(SIHUI)))
    _plans._flush_all()
    _plans._books.clear()
    return out


@pytest.fixture(scope="module")
def uncached() -> bytes:
    with pytest.MonkeyPatch.context() as mp:
        return _audit_json(mp, "")


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.sql"))


def _count_compiling(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each call of Ibis's compiler on the shared DuckDB engine, recorded (it still compiles)."""
    con = E.get("duckdb").con
    calls: list[str] = []
    compile_ = type(con).compile

    def recorded(self, expr, *args, **kwargs):
        calls.append(type(expr.op()).__name__)
        return compile_(self, expr, *args, **kwargs)

    monkeypatch.setattr(type(con), "compile", recorded)
    return calls


def test_miss_then_hit_same_audit(monkeypatch, tmp_path, uncached) -> None:
    calls = _count_compiling(monkeypatch)
    assert _audit_json(monkeypatch, str(tmp_path)) == uncached
    written = _files(tmp_path)
    # each query compiled once and kept, and one book of the audit's plans (_plans)
    assert len(written) >= 20 and len(calls) == len(written) - 1
    calls.clear()
    assert _audit_json(monkeypatch, str(tmp_path)) == uncached
    assert calls == [] and _files(tmp_path) == written  # all from the folder, none compiled


@pytest.mark.parametrize("damage", ["garbage", "truncated", "swapped", "empty", "not utf-8"])
def test_damaged_files_are_misses(monkeypatch, tmp_path, uncached, damage) -> None:
    assert _audit_json(monkeypatch, str(tmp_path)) == uncached
    files = _files(tmp_path)
    texts = [f.read_bytes() for f in files]
    for i, f in enumerate(files):
        if damage == "garbage":
            f.write_bytes(b"SELECT 42 AS x")
        elif damage == "truncated":
            f.write_bytes(texts[i][: len(texts[i]) // 2])
        elif damage == "swapped":  # a whole, valid file of another query
            f.write_bytes(texts[(i + 1) % len(files)])
        elif damage == "empty":
            f.write_bytes(b"")
        else:
            f.write_bytes(texts[i].split(b"\n", 1)[0] + b"\n\xff\xfe SELECT")
    calls = _count_compiling(monkeypatch)
    assert _audit_json(monkeypatch, str(tmp_path)) == uncached
    assert len(calls) == len(files) - 1  # each damaged query compiled again (no book) ...
    assert [f.read_bytes() for f in _files(tmp_path)] == texts  # ... and written again whole


def test_a_folder_that_cannot_be_written(monkeypatch, tmp_path, uncached) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert _audit_json(monkeypatch, str(blocker / "sql")) == uncached
    assert blocker.read_text() == "not a folder"
    assert not list(tmp_path.glob("**/*.tmp"))


def test_a_key_digests_the_shape_and_the_versions() -> None:
    a, b = _sqlcache.key("duckdb", ("shape", 1)), _sqlcache.key("duckdb", ("shape", 2))
    assert a != b and a == _sqlcache.key("duckdb", ("shape", 1))
    assert _sqlcache.key("postgres", ("shape", 1)) != a
    assert _sqlcache.key("duckdb", lambda: 1) is None  # cannot be pickled: no disk cache


def test_the_cache_outlives_the_process(tmp_path) -> None:
    """A second process (another hash seed) finds every query of the first: it writes no
    file, and gives the same JSON."""
    outs, states = [], []
    for seed in ("1", "2"):
        env = {**os.environ, _sqlcache.ENVVAR: str(tmp_path), "PYTHONHASHSEED": seed}
        out = tmp_path / f"audit-{seed}.json"
        subprocess.run([sys.executable, "-m", "graphkit", "audit", str(SIHUI), "--format",
                        "json", "--out", str(out)], cwd=REPO, env=env, check=True,
                       capture_output=True)
        outs.append(out.read_bytes())
        states.append({f.name: f.stat().st_mtime_ns for f in _files(tmp_path)})
    assert outs[0] == outs[1]
    assert len(states[0]) >= 20 and states[1] == states[0]


def test_the_folder_is_kept_small(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(_sqlcache.ENVVAR, str(tmp_path))
    monkeypatch.setattr(_sqlcache, "MAX_FILES", 6)
    keys = [_sqlcache.key("duckdb", ("shape", i)) for i in range(7)]
    for i, k in enumerate(keys):
        _sqlcache.write(k, f"SELECT {i}")
        os.utime(tmp_path / f"{k}.sql", ns=(i * 10**9, i * 10**9))  # written in this order
    assert [_sqlcache.read(k) for k in keys] == [None] * 3 + [f"SELECT {i}" for i in range(3, 7)]
