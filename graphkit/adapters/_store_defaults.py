"""Defaults of the Neo4j store, importable without the driver (the CLI reads them at
start-up; :mod:`graphkit.store` re-exports them)."""

from __future__ import annotations

#: Rows per write transaction.
DEFAULT_BATCH_SIZE = 5000

#: Seconds a transaction is retried after transient errors before giving up.
DEFAULT_RETRY_TIME = 30.0

#: Seconds to wait for a connection.
DEFAULT_TIMEOUT = 15.0
