"""The ``graphkit`` console script: the command line, with Ctrl-C handled from the start,
and an exit no native library can turn into an abort.

Importing graphkit (pandas, NumPy, NetworkX, matplotlib) takes about a second; a Ctrl-C
in that second arrives before :func:`graphkit.cli.main` can handle it. This module,
outside the package so that nothing heavy is imported before its ``try``, turns it into
the same "aborted" and exit 130 as a Ctrl-C later on, never a traceback.

Once the command has finished (its outputs written and closed, its messages given), the
process ends with :func:`os._exit` after Python's own exit handlers (temporary folders,
Spark's log folder) and a flush of the standard streams. What it skips is the teardown
after them: the garbage collection of the modules and the C++ static destructors of the
native libraries (pyarrow's and DuckDB's thread pools). A worker thread still running
there, on a loaded machine, makes the C++ runtime call ``std::terminate``: ``graphkit
validate`` once ended in exit 134 (an abort) that way (apache/arrow#34314 is that
abort). With nothing left to tear down, the exit code is always the command's.

Before anything imports pyarrow, it picks Arrow's memory pool for the process
(:func:`arrow_pool`): jemalloc on x86-64 Linux.
"""

from __future__ import annotations

import atexit
import os
import sys

#: The exit code of the finished command (None: the command did not finish, e.g. an
#: exception escaped; then Python ends the process its usual way).
_finished: list[int] = []


def _exit_now() -> None:
    """The last exit handler: flush the standard streams and end the process at once."""
    if not _finished:
        return
    code = _finished[-1]
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: Python's own exit says 120
            code = code or 120
    os._exit(code)


#: Arrow's memory pool for the command line, where its wheels build it in (x86-64 Linux).
#: pyarrow >= 20 defaults to mimalloc there, which gives freed pages back to the system
#: at once: on this project's two-core VMs the 1M-unit audit spent 2.9-5.7 s of system
#: time in it, 1.5-1.9 s with jemalloc (BENCHMARKS.md, "Arrow's memory pool").
ARROW_POOL = "jemalloc"


def arrow_pool(environ: dict[str, str] | None = None, system: str | None = None,
               machine: str | None = None) -> str | None:
    """Set ``ARROW_DEFAULT_MEMORY_POOL`` to :data:`ARROW_POOL` unless it is set already
    (the user's choice wins) or the platform's pyarrow lacks it; Arrow reads it once, when
    pyarrow is first imported. Returns the pool the process will use, None for Arrow's own
    default.

    Examples
    --------
    >>> env = {}
    >>> arrow_pool(env, "linux", "x86_64"), env
    ('jemalloc', {'ARROW_DEFAULT_MEMORY_POOL': 'jemalloc'})
    >>> arrow_pool({"ARROW_DEFAULT_MEMORY_POOL": "system"}, "linux", "x86_64")
    'system'
    >>> arrow_pool({}, "darwin", "arm64") is None
    True
    """
    env = os.environ if environ is None else environ
    system = sys.platform if system is None else system
    machine = os.uname().machine if machine is None and hasattr(os, "uname") else machine
    if "ARROW_DEFAULT_MEMORY_POOL" not in env and system.startswith("linux") \
            and machine in ("x86_64", "amd64"):
        env["ARROW_DEFAULT_MEMORY_POOL"] = ARROW_POOL
    return env.get("ARROW_DEFAULT_MEMORY_POOL")


def main() -> int:
    """Run ``graphkit.cli.main`` and return its exit code; 130 on Ctrl-C at any point.

    Registered first, :func:`_exit_now` runs after every other exit handler (they run
    last in, first out)."""
    atexit.register(_exit_now)
    try:
        arrow_pool()
        from graphkit.cli import main as run

        code = run()
    except KeyboardInterrupt:
        try:
            sys.stderr.write("\naborted\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        code = 130
    _finished.append(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
