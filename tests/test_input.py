"""The input layer (graphkit.network._input): regular files only, every read bounded (issue 16).

Each dataset file and the key file were read without bound: a symlink to /dev/zero or
/dev/urandom read 2.7 GB and then raised MemoryError (dataset.json's 1 MiB check passed,
since a device reports size 0), and a FIFO made every command hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.network import _input
from tests.conftest import SIHUI

GRAPHKIT = Path(sys.executable).parent / "graphkit"
DEVICES = [d for d in ("/dev/zero", "/dev/urandom") if Path(d).exists()]


def _bounded() -> None:
    """In the child: at most 1.5 GB of address space (a runaway read fails fast instead of
    taking the machine's memory), and SIGINT as usual."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1500 << 20, 1500 << 20))


def _graphkit(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The console script in a child process: a hang is bounded by `timeout`, a runaway
    read by the child's address space."""
    try:
        return subprocess.run([str(GRAPHKIT), *argv], capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, preexec_fn=_bounded)
    except subprocess.TimeoutExpired:
        pytest.fail(f"graphkit {' '.join(argv)} hung (no answer in {timeout} s)")


def _special(path: Path, special: str) -> None:
    path.unlink(missing_ok=True)
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(special)


SPECIALS = {"nodes.csv": "/dev/zero", "edges.csv": "fifo", "dataset.json": "/dev/urandom"}
WHAT = {"fifo": "a FIFO (named pipe)", "/dev/zero": "a character device",
        "/dev/urandom": "a character device"}


@pytest.mark.skipif(len(DEVICES) < 2, reason="needs /dev/zero and /dev/urandom")
@pytest.mark.parametrize("cmd", ["validate", "audit"])
def test_devices_and_fifos_in_a_dataset_are_refused(tmp_path, cmd):
    d = tmp_path / "ds"
    shutil.copytree(SIHUI, d)
    for name, special in SPECIALS.items():
        _special(d / name, special)
    proc = _graphkit(cmd, str(d), timeout=30)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    for name, special in SPECIALS.items():
        assert (f"{name}: error: cannot read {d / name}: it is {WHAT[special]}, not a "
                f"regular file") in proc.stderr, proc.stderr


@pytest.mark.skipif(not DEVICES, reason="needs /dev/zero")
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_fifo_as_workbook_or_key_file_is_refused(tmp_path, special):
    book, key = tmp_path / "net.xlsx", tmp_path / "k.key"
    for p in (book, key):
        _special(p, special)
    proc = _graphkit("validate", str(book), timeout=30)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert f"net.xlsx: error: cannot read {book}: it is {WHAT[special]}" in proc.stderr
    proc = _graphkit("audit", str(SIHUI), "--pseudonymize", str(key), timeout=30)
    assert proc.returncode == 2, proc.stderr
    assert f"cannot read the key file {key}: it is {WHAT[special]}" in proc.stderr


def test_a_folder_is_not_read_as_a_file(tmp_path):
    with pytest.raises(OSError, match="it is a folder"):
        _input.read_regular(tmp_path, "csv")


def test_limits_per_kind_of_file(tmp_path, monkeypatch):
    monkeypatch.setitem(_input.LIMITS, "csv", 100)
    d = tmp_path / "ds"
    shutil.copytree(SIHUI, d)
    errors = [p for p in gk.validate_dataset(d) if p.severity == "error"]
    assert {p.file for p in errors} == {"nodes.csv", "edges.csv"}
    assert "over the limit of 100 for this file" in errors[0].message
    big = tmp_path / "k"
    big.write_bytes(b"k" * (_input.LIMITS["key"] + 1))
    with pytest.raises(gk.UsageError, match="over the limit of 65,536"):
        from graphkit.privacy import read_key

        read_key(big)


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path, monkeypatch):
    p = tmp_path / "f"
    p.write_bytes(b"x" * 10)
    monkeypatch.setitem(_input.LIMITS, "meta", 10)
    assert _input.read_regular(p, "meta") == b"x" * 10
    real = _input.open_regular

    def grown(path, kind):          # fstat saw 10 bytes; the file then grew
        fh = real(path, kind)
        p.write_bytes(b"x" * 50)
        return fh

    monkeypatch.setattr(_input, "open_regular", grown)
    with pytest.raises(OSError, match="over the limit of 10"):
        _input.read_regular(p, "meta")


@pytest.mark.parametrize("suffix", [".xls", ".xlsm", ".XLS"])
def test_old_and_macro_workbooks_say_to_save_as_xlsx(tmp_path, suffix):
    p = tmp_path / f"台账{suffix}"
    p.write_bytes(b"\xd0\xcf\x11\xe0")
    [problem] = gk.validate_dataset(p)
    assert "save it as .xlsx" in problem.message
