"""``python -m graphkit``: the command line as the ``graphkit`` console script runs it
(:mod:`graphkit_launcher`: Ctrl-C handled from the start, the process ended at once when the
command is done, without the seconds' fraction of tearing down pandas, Arrow and DuckDB)."""

try:
    from graphkit_launcher import main
except ImportError:  # the package without the launcher module beside it
    from .cli import main

raise SystemExit(main())
