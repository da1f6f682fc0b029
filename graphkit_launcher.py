"""The ``graphkit`` console script: the command line, with Ctrl-C handled from the start.

Importing graphkit (pandas, NumPy, NetworkX, matplotlib) takes about a second; a Ctrl-C
in that second arrives before :func:`graphkit.cli.main` can handle it. This module,
outside the package so that nothing heavy is imported before its ``try``, turns it into
the same "aborted" and exit 130 as a Ctrl-C later on, never a traceback.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run ``graphkit.cli.main`` and return its exit code; 130 on Ctrl-C at any point."""
    try:
        from graphkit.cli import main as run

        return run()
    except KeyboardInterrupt:
        try:
            sys.stderr.write("\naborted\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        return 130


if __name__ == "__main__":
    sys.exit(main())
