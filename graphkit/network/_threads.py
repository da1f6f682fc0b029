"""Work done in a thread beside the caller: a value computed meanwhile (:class:`Beside`),
and bytes written meanwhile (:class:`WriterBeside`).

Both threads are daemons: Ctrl-C stops the command without waiting for them. What a
thread raises is raised again in the caller, at the point where the caller takes the
thread's work back (:meth:`Beside.result`, :meth:`WriterBeside.write` and
:meth:`WriterBeside.close`), so an error reaches the user as it would without the thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["Beside", "Sink", "WriterBeside"]

T = TypeVar("T")


class Beside(Generic[T]):
    """``fn()`` run in a thread of its own; :meth:`result` waits for it and gives its value,
    or raises what it raised.

    Examples
    --------
    >>> Beside(lambda: sum(range(10)), "sum").result()
    45
    >>> Beside(lambda: 1 / 0, "divide").result()
    Traceback (most recent call last):
    ...
    ZeroDivisionError: division by zero
    """

    def __init__(self, fn: Callable[[], T], name: str) -> None:
        self._out: list[tuple[bool, Any]] = []
        self._thread = threading.Thread(target=self._run, args=(fn,), daemon=True,
                                        name=f"graphkit-{name}")
        self._thread.start()

    def _run(self, fn: Callable[[], T]) -> None:
        try:
            self._out.append((True, fn()))
        except BaseException as exc:  # given back to the caller by result()
            self._out.append((False, exc))

    def result(self) -> T:
        """The value of ``fn()``, once the thread has finished; what it raised, raised."""
        self._thread.join()
        ok, value = self._out[0]
        if not ok:
            raise value
        return value


class Sink(Protocol):
    """Where pieces of bytes are written: a binary file, a :class:`WriterBeside`."""

    def write(self, piece: bytes | memoryview, /) -> object:
        """Write `piece`."""


class WriterBeside:
    """Pieces of bytes written, in the order given, by ``write(piece)`` in a thread of its
    own while the caller makes the next pieces.

    Writing a file is mostly the kernel's work (copying the bytes into the page cache),
    and the thread does it while the caller, holding Python's lock, renders the next
    piece: the 1M-unit audit's JSON (534 MB) spends about a second and a half in
    ``write``, most of which now overlaps the rendering (BENCHMARKS.md, issue 24's twelfth
    round). The thread holds at most `depth` pieces (the one it writes included): with
    the default, one piece is written while the caller makes the next, and no more is held
    than without the thread. A piece must not change once given (bytes, or a view of an
    immutable buffer).

    The first error of ``write`` (a full disk, a closed pipe) is raised in the caller at
    its next :meth:`write` or at :meth:`close`; the pieces after it are dropped. Leaving
    the ``with`` block closes the writer; leaving it by an exception drops the pieces not
    yet written and does not hide that exception. Then it waits for the piece being
    written, unless `wait_on_error` is false: for a pipe whose reader has stopped reading
    (``| less`` paused), where that wait would never end and Ctrl-C or SIGTERM would not
    stop the command; the thread, a daemon, ends with the process.

    Examples
    --------
    >>> import io
    >>> out = io.BytesIO()
    >>> with WriterBeside(out.write) as w:
    ...     for piece in (b"a", memoryview(b"bc"), b"", b"d"):
    ...         w.write(piece)
    >>> out.getvalue()
    b'abcd'
    >>> def full(piece):
    ...     raise OSError(28, "No space left on device")
    >>> w = WriterBeside(full)
    >>> w.write(b"x")
    >>> w.close()
    Traceback (most recent call last):
    ...
    OSError: [Errno 28] No space left on device
    """

    def __init__(self, write: Callable[[bytes | memoryview], object], *, depth: int = 1,
                 wait_on_error: bool = True, name: str = "write") -> None:
        self._write = write
        self._wait_on_error = wait_on_error
        self._queue: queue.SimpleQueue[bytes | memoryview | None] = queue.SimpleQueue()
        self._room = threading.Semaphore(depth)  # pieces the thread may hold at once
        self._error: BaseException | None = None
        self._dropping = False
        self._closed = False
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"graphkit-{name}")
        self._thread.start()

    def _run(self) -> None:
        while (piece := self._queue.get()) is not None:
            if self._error is None and not self._dropping:
                try:
                    self._write(piece)
                except BaseException as exc:  # raised in the caller: write() and close()
                    self._error = exc
            del piece  # written: not held while the thread waits for the next one
            self._room.release()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def write(self, piece: bytes | memoryview) -> None:
        """Give `piece` to the thread, once it holds fewer than `depth` pieces (the one it
        writes included); raise the error a piece given before met."""
        self._raise()
        if len(piece):
            self._room.acquire()
            self._queue.put(piece)

    def close(self) -> None:
        """Wait until every piece is written; raise the error one met."""
        if not self._closed:
            self._closed = True
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def __enter__(self) -> WriterBeside:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
            return
        self._dropping = True  # the caller's error wins: what waits is not written
        if not self._closed:  # the thread ends after the piece it writes, if any
            self._closed = True
            self._queue.put(None)
            if self._wait_on_error:
                self._thread.join()
