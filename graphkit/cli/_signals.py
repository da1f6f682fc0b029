"""SIGTERM and SIGHUP handled like Ctrl-C.

``timeout``, systemd, a CI system cancelling a job and a closed terminal stop a process with
SIGTERM or SIGHUP, not SIGINT. Python's default for those is to die at once, which left a
command's half-written outputs behind (``.r.json.*.tmp``, a staged ``.city2.*.tmp/``
folder). While a command runs, :func:`handled` turns them into :class:`Terminated`, a
:class:`KeyboardInterrupt`: every cleanup that runs on Ctrl-C (the staged files of
:mod:`graphkit.network._atomic`, a Neo4j load's batches) runs for them too, and the
command line exits with 128 + the signal's number, as a shell reports a process the
signal stopped (SIGTERM: 143, SIGHUP: 129; Ctrl-C stays 130).

Examples
--------
>>> import os, signal
>>> with handled() as state:
...     try:
...         os.kill(os.getpid(), signal.SIGTERM)
...     except Terminated as exc:
...         print(exc.signum == signal.SIGTERM, state.exit_code)
True 143
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["SIGNALS", "Terminated", "handled"]

#: The signals handled like Ctrl-C (those a platform lacks are skipped).
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                if hasattr(signal, name))


class Terminated(KeyboardInterrupt):
    """The process was asked to stop by a signal (SIGTERM, SIGHUP): handled as Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _State:
    """The signal received while a command ran (None: none, or only Ctrl-C)."""

    def __init__(self) -> None:
        self.signum: int | None = None

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum is not None else "SIGINT"

    @property
    def exit_code(self) -> int:
        """128 + the signal's number (130 for Ctrl-C)."""
        return 128 + (self.signum if self.signum is not None else signal.SIGINT)


@contextlib.contextmanager
def handled() -> Iterator[_State]:
    """While the block runs, SIGTERM and SIGHUP raise :class:`Terminated` (in the main
    thread; elsewhere signals cannot be handled and nothing changes); the handlers before
    are restored after it."""
    state = _State()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return

    def stop(signum: int, _frame: FrameType | None) -> None:
        if state.signum is None:  # a second signal while cleaning up: still the first
            state.signum = signum
            raise Terminated(signum)

    saved = {}
    for sig in SIGNALS:
        before = signal.getsignal(sig)
        if before is signal.SIG_IGN:  # nohup: the user asked to ignore it
            continue
        saved[sig] = before
        signal.signal(sig, stop)
    try:
        yield state
    finally:
        for sig, before in saved.items():
            signal.signal(sig, before)
