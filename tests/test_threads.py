"""Work beside the caller (graphkit/network/_threads.py): the streamed outputs' writer."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from graphkit.cli import main as cli_main
from graphkit.network import _atomic
from graphkit.network._threads import Beside, WriterBeside
from tests.conftest import SIHUI


def test_the_writer_writes_every_piece_in_order_and_ends_its_thread():
    out = io.BytesIO()
    pieces = [bytes([i % 256]) * (i % 7) for i in range(500)]
    with WriterBeside(out.write, depth=3) as w:
        for p in pieces:
            w.write(p if len(p) % 2 else memoryview(p))
    assert out.getvalue() == b"".join(pieces)
    assert not w._thread.is_alive()


def test_a_write_error_is_raised_in_the_caller_and_the_pieces_after_it_are_dropped():
    written: list[bytes] = []

    def write(piece: bytes) -> None:
        if piece == b"3":
            raise OSError(28, "No space left on device")
        written.append(piece)

    # raised at a later write, or at close
    with pytest.raises(OSError, match="No space left"), WriterBeside(write) as w:
        for i in range(10):
            w.write(str(i).encode())
    assert written == [b"0", b"1", b"2"]
    assert not w._thread.is_alive()


def test_the_callers_error_wins_and_what_waits_is_not_written():
    """Ctrl-C (or any error) while pieces wait: they are dropped, the thread ends, and the
    caller's exception is the one raised, not hidden by the writer's."""
    release = threading.Event()
    written: list[bytes] = []

    def slow(piece: bytes) -> None:
        release.wait(10)
        written.append(piece)

    with pytest.raises(KeyboardInterrupt), WriterBeside(slow, depth=2) as w:
        w.write(b"first")   # taken by the thread, which waits on `release`
        w.write(b"second")  # waits (the thread may hold two)
        threading.Timer(0.2, release.set).start()
        raise KeyboardInterrupt
    assert not w._thread.is_alive()
    assert written in ([], [b"first"])  # "first" if the thread had begun it


def test_the_caller_waits_while_the_thread_holds_depth_pieces():
    """What is held is bounded: with depth 1, a piece is given only once the one before
    is written (a writer that never waits would hold every piece of a 534 MB document)."""
    release = threading.Event()
    written: list[bytes] = []

    def slow(piece: bytes) -> None:
        release.wait(10)
        written.append(piece)

    w = WriterBeside(slow, depth=1)
    w.write(b"first")
    caller = threading.Thread(target=w.write, args=(b"second",))
    caller.start()
    caller.join(0.3)
    assert caller.is_alive()  # waits for "first" to be written
    release.set()
    caller.join(10)
    w.close()
    assert written == [b"first", b"second"]


def test_a_value_made_beside_is_given_back_or_its_error_raised():
    assert Beside(lambda: [1, 2], "list").result() == [1, 2]
    with pytest.raises(KeyError):
        Beside(lambda: {}["x"], "missing").result()


def _record_syncs(monkeypatch) -> tuple[list[int], list[int]]:
    """Every flush to disk and every page-cache drop of :func:`_atomic.synced_writes`."""
    syncs: list[int] = []
    drops: list[int] = []
    real_sync, real_drop = os.fdatasync, os.posix_fadvise
    monkeypatch.setattr(_atomic.os, "fdatasync", lambda fd: (syncs.append(fd), real_sync(fd)))
    monkeypatch.setattr(_atomic.os, "posix_fadvise",
                        lambda fd, *a: (drops.append(fd), real_drop(fd, *a)))
    return syncs, drops


def test_a_streamed_file_is_flushed_to_disk_as_it_grows(tmp_path, monkeypatch):
    syncs, drops = _record_syncs(monkeypatch)

    def write(sink):
        for _ in range(10):
            sink.write(b"x" * 3)

    monkeypatch.setattr(_atomic, "SYNC_EVERY", 8)
    _atomic.write_atomic_stream(tmp_path / "f", write)
    assert (tmp_path / "f").read_bytes() == b"x" * 30
    assert len(syncs) == 3 and len(drops) == 3  # at 9, 18 and 27 bytes; then the last fsync


def test_a_failed_flush_to_disk_of_a_streamed_file_exits_2(tmp_path, monkeypatch, capsys):
    def failing(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(_atomic.os, "fdatasync", failing)
    monkeypatch.setattr(_atomic, "SYNC_EVERY", 1000)
    out = tmp_path / "r.json"
    rc = cli_main(["audit", str(SIHUI), "--format", "json", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and f"cannot write {out}" in err and "Input/output error" in err, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sync_fails", [False, True])
def test_standard_output_redirected_to_a_file_is_flushed_as_it_grows(
        tmp_path, monkeypatch, capsys, sync_fails):
    """``graphkit audit DIR --format json > file``: the same bytes as ``--out``, flushed to
    disk as the file grows; a flush that fails changes nothing (standard output is not
    promised on disk)."""
    assert cli_main(["audit", str(SIHUI), "--format", "json", "--out",
                     str(tmp_path / "want.json")]) == 0
    syncs, _ = _record_syncs(monkeypatch)
    if sync_fails:
        def failing(fd):
            syncs.append(fd)
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(_atomic.os, "fdatasync", failing)
    monkeypatch.setattr(_atomic, "SYNC_EVERY", 1000)
    with open(tmp_path / "got.json", "w") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert cli_main(["audit", str(SIHUI), "--format", "json"]) == 0
        fd = stdout.fileno()
    assert (tmp_path / "got.json").read_bytes() == (tmp_path / "want.json").read_bytes()
    assert len(syncs) >= 2 and set(syncs) == {fd}


def test_a_full_disk_while_the_json_is_streamed_exits_2_and_leaves_nothing(
        tmp_path, monkeypatch, capsys):
    """The error meets the writer's thread, not the command: it must still end in the
    output error (exit 2, the file and the reason) with no temporary file left."""
    written = [0]

    def full(write, fd, **kwargs):
        def filling(piece):
            written[0] += len(piece)
            if written[0] > 1000:
                raise OSError(28, "No space left on device")
            write(piece)
        return filling

    monkeypatch.setattr(_atomic, "synced_writes", full)
    out = tmp_path / "r.json"
    rc = cli_main(["audit", str(SIHUI), "--format", "json", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert f"cannot write {out}" in err and "No space left" in err, err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


_STALLED = """
import sys
from graphkit.report import _json

def endless(result):
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    while True:
        yield b"x" * (1 << 20)

_json.pieces = endless
import graphkit_launcher
sys.argv = ["graphkit", "audit", sys.argv[1], "--format", "json"]
sys.exit(graphkit_launcher.main())
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_json_whose_reader_stopped_reading(tmp_path, signum, code):
    """``graphkit audit ... | less`` with the pager paused: the writer's thread is stuck in
    a write to the full pipe. One SIGTERM or Ctrl-C still ends the command at once (its
    second would be swallowed), as it did when the command itself was writing."""
    script = tmp_path / "stalled.py"
    script.write_text(_STALLED, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(SIHUI)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        assert proc.stderr.readline() == b"writing\n"
        time.sleep(0.5)  # the pipe (64 KB) is full: the thread waits in its write
        proc.send_signal(signum)
        assert proc.wait(timeout=20) == code
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
