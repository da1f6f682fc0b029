"""The output layer (graphkit.network._atomic, and standard output through graphkit.cli._console):
every OS error exit 2 naming the path, whole or not at all across a power loss too
(fsync before the rename, of the folder after), synth bounded and staged (issue 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import graphkit as gk
import graphkit.synth as synth_mod
from graphkit.cli import main
from graphkit.network import _atomic
from tests.conftest import SIHUI

GRAPHKIT = Path(sys.executable).parent / "graphkit"


def run(capsys, *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return rc, err


@pytest.fixture
def afile(tmp_path) -> Path:
    p = tmp_path / "afile"
    p.write_text("a regular file")
    return p


@pytest.mark.parametrize("argv", [
    ["audit", str(SIHUI), "--out", "{afile}/x.json"],
    ["audit", str(SIHUI), "--format", "json", "--out", "/proc/graphkit-r.json"],
    ["measures", str(SIHUI), "--format", "json", "--out", "{afile}/m.json"],
    ["convert", str(SIHUI), "{afile}/g.graphml"],
    ["synth", "{afile}/city", "--units", "10"],
    ["keygen", "{afile}/k"],
    ["keygen", "/proc/graphkit.key"],
], ids=["audit-under-a-file", "audit-proc", "measures", "convert", "synth", "keygen",
        "keygen-proc"])
def test_an_output_that_cannot_be_written_exits_2_naming_it(capsys, afile, argv):
    argv = [a.format(afile=afile) for a in argv]
    target = next(a for a in argv if "afile" in a or a.startswith("/proc"))
    rc, err = run(capsys, *argv)
    assert rc == 2, err
    assert f"cannot write {target}" in err or f"cannot create the key file {target}" in err, err
    assert afile.read_text() == "a regular file"


def test_standard_output_on_a_full_disk_exits_2():
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([str(GRAPHKIT), "audit", str(SIHUI)], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "cannot write standard output: No space left on device" in proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_files_are_flushed_before_the_rename_and_the_folder_after(tmp_path, monkeypatch):
    """Without fsync a power loss after the rename could leave an empty or partial file
    under the new name."""
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(a, b):
        events.append(("rename", str(b)))
        return real_replace(a, b)

    monkeypatch.setattr(_atomic.os, "fsync", fsync)
    monkeypatch.setattr(_atomic.os, "replace", replace)
    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to name file descriptors")
    gk.write_dataset(gk.read_dataset(SIHUI), tmp_path / "out")
    kinds = [k for k, _ in events]
    assert kinds == ["fsync"] * 3 + ["rename"] * 3 + ["fsync"], events
    assert all(".tmp" in p for _, p in events[:3])
    assert events[-1] == ("fsync", str(tmp_path / "out"))


def test_an_interrupted_write_leaves_no_staged_file(tmp_path, monkeypatch):
    monkeypatch.setattr(_atomic.os, "replace",
                        lambda a, b: (_ for _ in ()).throw(OSError(28, "No space left", b)))
    with pytest.raises(_atomic.OutputError, match=r"cannot write .*r\.json: No space left"):
        _atomic.write_atomic(tmp_path / "r.json", "{}")
    assert list(tmp_path.iterdir()) == []


# --- synth ----------------------------------------------------------------------------------
def _small_files() -> None:
    """In the child: no file over 50 MB (a synth that does not check its size dies of
    SIGXFSZ instead of filling the disk)."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (50 << 20, 50 << 20))


def test_synth_refuses_absurd_sizes_with_a_plain_message(tmp_path):
    """--units 1000000000000 would have written about 190 TB, with no check."""
    proc = subprocess.run([str(GRAPHKIT), "synth", str(tmp_path / "c"), "--units",
                           "1000000000000"], capture_output=True, text=True, timeout=60,
                          preexec_fn=_small_files)
    assert proc.returncode == 2, proc.stderr
    assert "--units" in proc.stderr and "10000000" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "c").exists()


def test_synth_checks_free_space_first(capsys, tmp_path, monkeypatch):
    class Usage:
        free = 10_000

    monkeypatch.setattr(synth_mod.shutil, "disk_usage", lambda p: Usage)
    rc, err = run(capsys, "synth", str(tmp_path / "c"), "--units", "1000")
    assert rc == 2 and "1,000 units need about" in err
    assert not (tmp_path / "c").exists()


def test_an_interrupted_synth_leaves_nothing(tmp_path, monkeypatch):
    real = synth_mod._generate

    def half(w, *args):
        real(w, *args)
        w.close()
        raise KeyboardInterrupt

    monkeypatch.setattr(synth_mod, "_generate", half)
    with pytest.raises(KeyboardInterrupt):
        synth_mod.synthesize(tmp_path / "city", units=200)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    old = tmp_path / "old"
    synth_mod.synthesize(old, units=20, seed=1)
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    monkeypatch.setattr(synth_mod, "_generate", half)
    with pytest.raises(KeyboardInterrupt):
        synth_mod.synthesize(old, units=200, seed=2)
    assert {p.name: p.read_bytes() for p in old.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["old"]


def test_synth_replaces_an_existing_folder_whole(tmp_path):
    out = tmp_path / "city"
    out.mkdir()
    (out / "notes.txt").write_text("kept")
    info = synth_mod.synthesize(out, units=30, seed=3)
    assert info["units"] == 30
    assert sorted(p.name for p in out.iterdir()) == ["dataset.json", "edges.csv", "nodes.csv",
                                                     "notes.txt"]
    assert gk.read_dataset(out).counts()["Unit"] == 30
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    assert [p.name for p in tmp_path.iterdir()] == ["city"]


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def test_keygen_is_still_exclusive_and_owner_only(tmp_path, capsys):
    key = tmp_path / "k"
    assert main(["keygen", str(key)]) == 0
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    first = key.read_bytes()
    rc, err = run(capsys, "keygen", str(key))
    assert rc == 2 and "never overwrites" in err
    assert key.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["k"]


@pytest.mark.parametrize("kind", ["fifo", "device-link"])
def test_an_existing_special_file_is_never_replaced(capsys, tmp_path, kind):
    """The rename would put a regular file in place of a FIFO or (as root, through
    --out /dev/null) of a device."""
    target = tmp_path / "out.json"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/null")
    rc, err = run(capsys, "audit", str(SIHUI), "--format", "json", "--out", str(target))
    assert rc == 2 and f"cannot write {target}: it is a" in err
    assert (target.is_fifo() if kind == "fifo" else target.is_symlink())
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
