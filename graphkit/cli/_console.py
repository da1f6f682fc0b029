"""The one place that decides what the command line may print, and prints it.

Everything the command line writes to standard output or standard error, and every log
record of graphkit's modules during a command, goes through :data:`console`:

* **Passwords** never pass what graphkit says (messages, on either stream): the user info
  of any URI (``bolt://neo4j:pw@host`` becomes ``bolt://neo4j:***@host``) and every
  registered secret (the ``--password`` option, ``$NEO4J_PASSWORD``, a password inside a
  URI given as an argument or ``$NEO4J_URI``) are replaced by ``***``. A command's data
  output on standard output (:meth:`Console.data`: a report, a JSON document) is written
  as it is, the same bytes as ``--out`` writes.
* **Person ids** under ``--pseudonymize``: the reader's log records carry the dataset's
  problems *before* pseudonymization; the command line reports a dataset's problems itself,
  once, after the privacy step, so those records are never printed (they also made every
  warning appear twice).
* **Write errors** of the streams themselves (a full disk, a closed pipe) become an
  :class:`~graphkit.errors.OutputError` (exit 2) naming the stream.

Examples
--------
>>> from graphkit._console import scrub
>>> scrub("cannot reach Neo4j at bolt://neo4j:s3cret@db:7687")
'cannot reach Neo4j at bolt://neo4j:***@db:7687'
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO
from urllib.parse import unquote

from ..errors import OutputError, Problem, os_reason
from ..messages import t

__all__ = ["MASK", "Console", "console", "scrub", "secrets_of"]

#: What a withheld secret is shown as.
MASK = "***"
#: Shortest secret masked wherever it appears; shorter ones would blot out ordinary words
#: and numbers (they are still masked inside URIs, where graphkit could print them).
MIN_LITERAL = 3

# scheme://user:password@  (the password part is what is withheld)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)([^/@\s:]*):([^@\s/]*)@")


def _password_of(uri: str) -> str | None:
    m = _USERINFO.search(uri)
    return m.group(3) if m else None


def secrets_of(argv: Iterable[str], environ: os._Environ[str] | dict[str, str]) -> set[str]:
    """The passwords a command line and its environment carry: ``--password``'s value,
    ``$NEO4J_PASSWORD``, and the password part of every URI in `argv` or ``$NEO4J_URI``
    (as written and percent-decoded).

    Examples
    --------
    >>> sorted(secrets_of(["audit", "bolt://u:p%40ss@h", "--password=xyz"], {}))
    ['p%40ss', 'p@ss', 'xyz']
    """
    args = list(argv)
    found: set[str] = set()
    for i, a in enumerate(args):
        if a == "--password" and i + 1 < len(args):
            found.add(args[i + 1])
        elif a.startswith("--password="):
            found.add(a.split("=", 1)[1])
        pw = _password_of(a)
        if pw is not None:
            found.add(pw)
    if environ.get("NEO4J_PASSWORD"):
        found.add(environ["NEO4J_PASSWORD"])
    pw = _password_of(environ.get("NEO4J_URI", ""))
    if pw is not None:
        found.add(pw)
    found |= {unquote(s) for s in found}
    return {s for s in found if s}


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every URI password and every secret of `secrets` (at least
    :data:`MIN_LITERAL` characters) replaced by :data:`MASK`."""
    if "://" in text:  # a fast test first: reports can be hundreds of MB
        text = _USERINFO.sub(lambda m: f"{m.group(1)}{m.group(2)}:{MASK}@", text)
    for s in sorted(secrets, key=len, reverse=True):
        if len(s) >= MIN_LITERAL and s in text:
            text = text.replace(s, MASK)
    return text


class _Gate(logging.Handler):
    """graphkit's log records during a command: a dataset problem (reported by the command
    itself, after the privacy step) is dropped, anything else printed through the console."""

    def __init__(self, owner: Console):
        super().__init__(logging.WARNING)
        self.owner = owner

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if any(isinstance(a, Problem) for a in args):
            return
        try:
            text = record.getMessage()
        except Exception:  # a malformed record is not worth a traceback
            text = str(record.msg)
        level = record.levelname.lower()
        if level in ("warning", "error"):
            text = t(f"cli.{level}", message=text)
        elif level != "info":
            text = f"{level}: {text}"
        self.owner.err(text)


class Console:
    """Standard output and standard error of one command, with the secrets to withhold."""

    def __init__(self) -> None:
        self.secrets: set[str] = set()
        #: The --pseudonymize key of the running command, once read.
        self.pseudonym_key: bytes | None = None

    def scrub(self, text: str) -> str:
        return scrub(text, self.secrets)

    def _write(self, stream: IO[str] | None, name: str, text: str, *, scrub: bool = True
               ) -> None:
        if stream is None:
            return
        if scrub:
            text = self.scrub(text)
        try:
            stream.write(text)
            stream.flush()
        except UnicodeEncodeError:  # a terminal that cannot show Chinese
            data = text.encode(getattr(stream, "encoding", None) or "ascii",
                               "backslashreplace")
            try:
                buf = getattr(stream, "buffer", None)
                if buf is not None:
                    buf.write(data)
                    buf.flush()
            except OSError as exc:
                raise _stream_error(name, exc) from exc
        except OSError as exc:
            raise _stream_error(name, exc) from exc

    def out(self, text: str | bytes, *, nl: bool = True) -> None:
        """Print `text` (bytes: UTF-8) on standard output."""
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        self._write(sys.stdout, "standard output", text + ("\n" if nl else ""))

    def data(self, data: str | bytes | memoryview) -> None:
        """Write a command's data output (a report, a JSON document, a workbook's bytes) to
        standard output as it is: the same bytes as ``--out`` writes to a file. Only what
        graphkit says (:meth:`out`, :meth:`err`) is scrubbed of secrets; scrubbing data
        edited it (``NEO4J_PASSWORD=19900101`` masked a unit's credit code, and a password
        like ``0.95`` would break the JSON)."""
        stream = sys.stdout
        if isinstance(data, str):
            self._write(stream, "standard output", data, scrub=False)
            return
        if stream is None:
            return
        try:
            stream.flush()
            buf = getattr(stream, "buffer", None)
            if buf is None:  # a text-only stream (io.StringIO, a notebook's): UTF-8 text
                # (a piece of the streamed JSON is a view of an Arrow buffer, not bytes)
                stream.write(str(data, "utf-8", "replace"))
            else:
                buf.write(data)
                buf.flush()
        except OSError as exc:
            raise _stream_error("standard output", exc) from exc

    def data_file(self) -> int | None:
        """The file descriptor of standard output when it is a regular file (``> out.json``),
        else None (a terminal, a pipe, a device, a stream without one)."""
        try:
            fd = sys.stdout.buffer.fileno()  # type: ignore[union-attr]
            return fd if stat.S_ISREG(os.fstat(fd).st_mode) else None
        except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation included
            return None

    def err(self, text: str | bytes, *, nl: bool = True) -> None:
        """Print `text` on standard error (a stream that cannot be written is ignored: there
        is nowhere left to say so)."""
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        with contextlib.suppress(OutputError):
            self._write(sys.stderr, "standard error", text + ("\n" if nl else ""))

    def echo(self, text: str | bytes = "", *, err: bool = False, nl: bool = True) -> None:
        """:func:`click.echo` through the gate."""
        (self.err if err else self.out)(text, nl=nl)

    @contextlib.contextmanager
    def session(self, secrets: Iterable[str]) -> Iterator[Console]:
        """One command: withhold `secrets` and route graphkit's log records through the
        gate until the block ends."""
        logger = logging.getLogger("graphkit")
        gate = _Gate(self)
        saved = (set(self.secrets), logger.propagate)
        self.secrets |= set(secrets)
        self.pseudonym_key = None
        logger.addHandler(gate)
        logger.propagate = False
        try:
            yield self
        finally:
            logger.removeHandler(gate)
            self.secrets, logger.propagate = saved
            self.pseudonym_key = None


def _stream_error(name: str, exc: OSError) -> OutputError:
    err = OutputError(name, os_reason(exc), exc.errno,
                      stream="output" if name == "standard output" else "error")
    err.__cause__ = exc
    return err


def silence_stdout() -> None:
    """Point standard output at ``/dev/null`` after it failed, so that the interpreter's
    last flush at exit does not fail again (and print "Exception ignored")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


#: The console of the command line.
console = Console()
