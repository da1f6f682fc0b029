"""The ``graphkit`` command line (SPEC section 5).

Exit codes: 0 success; 1 an audit threshold failed; 2 invalid input or usage (the
validation report goes to stderr); 3 the store (Neo4j) could not be reached or refused the
credentials, or a remote engine (a Spark master) could not be reached or was lost. Each
exception of :mod:`graphkit.errors` carries its code.

The language (Chinese by default, ``--lang en`` or ``GRAPHKIT_LANG=en`` for English) is
decided once, in :func:`main`, before the command line is parsed, so that ``--help`` and
click's own usage errors are in it too; every sentence comes from
:mod:`graphkit.messages`.
"""

from __future__ import annotations

import os
import sys

import click

from .. import messages
from ..errors import GraphkitError, OutputError, UsageError, ValidationError
from ..messages import t
from . import (  # noqa: F401  (the commands)
    _auditing,
    _click_i18n,
    _files,
    _planning,
    _progress,
    _rosters,
    _signals,
    _snapshots,
    _store,
)
from ._common import _OPTIONS, EXIT_INVALID, EXIT_OK, _echo_problems, cli
from ._console import console, secrets_of, silence_stdout

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the command line and return its exit code.

    Every output goes through :data:`graphkit._console.console`, which withholds the
    passwords of the command line and its environment; a stream or file that cannot be
    written exits 2."""
    args = sys.argv[1:] if argv is None else list(argv)
    _click_i18n.install()
    with messages.use(messages.choose_language(args, os.environ)), \
            console.session(secrets_of(args, os.environ)), _signals.handled() as stop:
        try:
            rc = _run(args)
            try:
                console.out("", nl=False)  # flush standard output: a full disk shows here
            except UsageError as exc:
                console.err(t("cli.error", message=exc))
                silence_stdout()
                rc = EXIT_INVALID
        except KeyboardInterrupt:  # Ctrl-C, SIGTERM or SIGHUP outside the command
            rc = EXIT_ABORTED
        if rc == EXIT_ABORTED:
            console.err(t("cli.aborted") if stop.signum is None else
                        t("cli.terminated", signal=stop.name))
            rc = stop.exit_code
    return rc


#: What :func:`_run` returns for a command stopped by Ctrl-C, SIGTERM or SIGHUP (:func:`main`
#: then says which and exits 128 + the signal's number).
EXIT_ABORTED = 130


def _run(args: list[str]) -> int:
    _OPTIONS.clear()
    try:
        rv = cli.main(args=args, prog_name="graphkit", standalone_mode=False)
    except ValidationError as exc:
        problems = exc.problems
        key = console.pseudonym_key
        if key is not None:
            from ..network.privacy import pseudonymize_values

            problems = [pseudonymize_values(p, key) for p in problems]
        _echo_problems(problems, err=True, all_problems=_OPTIONS.get("all_problems", False))
        if key is not None:
            console.err(t("cli.pseudonyms_shown"))
        snapshot = getattr(exc, "snapshot", None)
        if snapshot is not None:  # one of the datasets of diff or trend
            console.err(t("cli.invalid_snapshot", role=snapshot[0], dataset=snapshot[1],
                          n=len(exc.errors)))
        else:
            console.err(t("cli.invalid_dataset", n=len(exc.errors)))
        return EXIT_INVALID
    except GraphkitError as exc:  # each carries its exit code (graphkit.errors)
        if isinstance(exc, OutputError) and exc.stream == "output":
            silence_stdout()
        console.err(t("cli.error", message=exc))
        return exc.exit_code
    except click.exceptions.Abort:
        return EXIT_ABORTED
    except click.ClickException as exc:
        buf = _Buffer()
        exc.show(file=buf)
        console.err(buf.getvalue(), nl=False)
        return EXIT_INVALID
    except OSError as exc:  # an output not written through graphkit._atomic
        where = f" {exc.filename}" if exc.filename else ""
        console.err(t("cli.error", message=t("cli.cannot_write", where=where,
                                              reason=exc.strerror or exc)))
        return EXIT_INVALID
    except MemoryError:
        console.err(t("cli.error", message=t("cli.out_of_memory")))
        return EXIT_INVALID
    except Exception as exc:
        if _duckdb_out_of_memory(exc):  # DuckDB's own MemoryError
            console.err(t("cli.error", message=t("cli.out_of_memory")))
            return EXIT_INVALID
        if os.environ.get("GRAPHKIT_DEBUG"):
            raise
        console.err(t("cli.error", message=t("cli.bug", kind=exc.__class__.__name__,
                                              detail=str(exc)[:300])))
        return EXIT_INVALID
    return rv if isinstance(rv, int) else EXIT_OK


def _duckdb_out_of_memory(exc: BaseException) -> bool:
    """Whether `exc` is DuckDB's "Out of Memory Error" (its memory limit reached, even
    raised for the query: graphkit.network._duckdb.run_growing); duckdb is not imported
    for the question."""
    return (type(exc).__name__ == "OutOfMemoryException"
            and type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb"))


class _Buffer:
    """A text stream that keeps what click writes (usage errors), for the console."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def getvalue(self) -> str:
        return "".join(self.parts)
