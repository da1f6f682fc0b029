"""Neo4j as the persistent store: idempotent bulk load, exact and validated read-back.

This is the only module that imports the ``neo4j`` driver. Every write is a batched
``UNWIND $rows ... MERGE`` on ids in its own transaction, so a batch is committed whole or
not at all and writing it again changes nothing; labels and relationship types come only
from :mod:`graphkit.vocab`; every value and property map is a query parameter.

Transient failures (a lost connection, a server restarting, a deadlock, a leader switch)
are retried with exponential backoff and jitter for up to ``retry_time`` seconds; each
retry is reported (``on_retry`` callback, else a log warning) and counted in
:attr:`Neo4jStore.retries`.

Examples
--------
>>> import graphkit as gk
>>> from graphkit.store import connect
>>> with connect("bolt://127.0.0.1:7687") as store:              # doctest: +SKIP
...     store.load(gk.read_dataset("data/sihui"), replace=True)
...     back = store.read()
"""

from __future__ import annotations

import logging
import os
import random
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import neo4j
import pandas as pd
from neo4j import GraphDatabase
from neo4j import exceptions as nx4j

from . import vocab as V
from ._store_defaults import DEFAULT_BATCH_SIZE, DEFAULT_RETRY_TIME, DEFAULT_TIMEOUT
from ._uri import parse_store_uri
from .dataset import Dataset
from .errors import StoreError, UsageError

__all__ = ["DEFAULT_BATCH_SIZE", "DEFAULT_RETRY_TIME", "Neo4jStore", "Retry", "connect",
           "retrying"]

log = logging.getLogger(__name__)


#: Backoff: first delay, growth factor, longest single delay (seconds), jitter (+-fraction).
_BACKOFF = (0.25, 2.0, 8.0, 0.2)


@dataclass(frozen=True)
class Retry:
    """One retried transaction: the attempt that failed, the error, the delay before the next.

    Attributes
    ----------
    attempt : int
        1 for the first attempt.
    error : str
        The error's class and message, e.g. ``"ServiceUnavailable: ..."``.
    delay : float
        Seconds waited before the next attempt.
    """

    attempt: int
    error: str
    delay: float

    def __str__(self) -> str:
        return (f"Neo4j transaction attempt {self.attempt} failed ({self.error}); "
                f"retrying in {self.delay:.1f} s")


def retrying(attempt: Callable[[], Any], *, retry_time: float,
             report: Callable[[Retry], None], stop: threading.Event | None = None,
             backoff: tuple[float, float, float, float] = _BACKOFF) -> Any:
    """Call `attempt` until it returns, raises a non-transient error, or `retry_time` is up.

    Between attempts it waits ``first * factor**k`` seconds (at most ``longest``), each
    delay scaled by a random factor in ``1 +- jitter`` so that clients do not retry in
    step; `report` is called with a :class:`Retry` before each wait. A set `stop` event
    ends the retries at once (the last error is raised).
    """
    first, factor, longest, jitter = backoff
    delay, n = first, 1
    deadline = time.monotonic() + retry_time
    while True:
        try:
            return attempt()
        except (nx4j.Neo4jError, nx4j.DriverError) as exc:
            wait_s = delay * random.uniform(1 - jitter, 1 + jitter)
            stopped = stop is not None and stop.is_set()
            if not _retryable(exc) or stopped or time.monotonic() + wait_s > deadline:
                raise
            report(Retry(n, f"{exc.__class__.__name__}: {_short(exc)}", wait_s))
            if stop is not None and stop.wait(wait_s):
                raise
            if stop is None:
                time.sleep(wait_s)
            delay, n = min(delay * factor, longest), n + 1


def _short(exc: BaseException) -> str:
    """The first line of an error's message, at most 200 characters."""
    text = (str(exc).strip().splitlines() or [""])[0]
    return text if len(text) <= 200 else text[:197] + "..."


def _retryable(exc: BaseException) -> bool:
    # graphkit's transactions are all idempotent (MERGE/SET on ids, bounded deletes,
    # constraints IF NOT EXISTS, reads), so a commit whose outcome is unknown because the
    # connection broke (IncompleteCommit) is safe to run again as well
    if isinstance(exc, nx4j.IncompleteCommit):
        return True
    return isinstance(exc, nx4j.Neo4jError | nx4j.DriverError) and exc.is_retryable()

#: Property keys accepted for writing (letters, digits, underscore; not starting with a digit).
SAFE_KEY = re.compile(r"^[^\W\d]\w*$")

_NODE_Q = "UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}) SET n = row.props"
_EDGE_Q = (
    "UNWIND $rows AS row "
    "MATCH (a:`{src}` {{id: row.source}}) MATCH (b:`{tgt}` {{id: row.target}}) "
    "MERGE (a)-[r:`{rel}`]->(b) SET r = row.props"
)
_DELETE_Q = "MATCH (n:`{label}`) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"
_CONSTRAINT_Q = (
    "CREATE CONSTRAINT `graphkit_{label}_id` IF NOT EXISTS "
    "FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
)


def _label(label: str) -> str:
    if label not in V.LABELS and label != V.META_LABEL:
        raise UsageError(f"label {label!r} is not in the graphkit vocabulary")
    return label


def _rel(rel: str) -> str:
    if rel not in V.REL_TYPES:
        raise UsageError(f"relationship type {rel!r} is not in the graphkit vocabulary")
    return rel


def _check_keys(columns: Sequence[str], what: str) -> None:
    bad = [c for c in columns if not SAFE_KEY.match(str(c))]
    if bad:
        raise UsageError(
            f"{what} column name(s) {', '.join(map(repr, bad))} cannot be Neo4j property "
            "keys: use letters, digits and underscores, not starting with a digit"
        )


def _records(frame: pd.DataFrame, skip_blank: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, missing values (and blank `skip_blank`) left out."""
    frame = frame.astype(object)
    gaps = [c for c in frame.columns if c in skip_blank or frame[c].isna().any()]
    rows = frame.to_dict("records")
    if gaps:
        for row in rows:
            for c in gaps:
                v = row[c]
                if v is None or v is pd.NA or v != v or (c in skip_blank and v == ""):
                    del row[c]
    for c in frame.columns:  # numpy scalars from extension dtypes -> Python values
        sample = next((r[c] for r in rows if c in r), None)
        if sample is not None and hasattr(sample, "item") and not isinstance(sample, str):
            for row in rows:
                if c in row:
                    row[c] = row[c].item()
    return rows


def _node_batches(ds: Dataset, size: int) -> Iterator[tuple[str, str, list[Any]]]:
    """``(query, label, rows)`` per batch of nodes, built lazily."""
    for label, frame in ds.nodes.groupby("label", sort=True):
        q = _NODE_Q.format(label=_label(str(label)))
        frame = frame.drop(columns=["label"])
        if label != V.PARTY_ORG:
            frame = frame.drop(columns=["rating", "joint"])
        for start in range(0, len(frame), size):
            rows = _records(frame.iloc[start:start + size])
            yield q, str(label), [{"id": r["id"], "props": r} for r in rows]


def _edge_batches(ds: Dataset, size: int) -> Iterator[tuple[str, str, list[Any]]]:
    """``(query, type, rows)`` per batch of relationships (grouped by end labels), lazily."""
    label_of = ds.nodes.drop_duplicates("id").set_index("id")["label"]
    edges = ds.edges.assign(_src=ds.edges["source"].map(label_of),
                            _tgt=ds.edges["target"].map(label_of))
    for (rel, src, tgt), frame in edges.groupby(["type", "_src", "_tgt"], sort=True):
        q = _EDGE_Q.format(src=_label(str(src)), tgt=_label(str(tgt)), rel=_rel(str(rel)))
        for start in range(0, len(frame), size):
            part = frame.iloc[start:start + size]
            props = _records(part.drop(columns=["source", "target", "type", "_src", "_tgt"]),
                             ("mode", "since"))
            yield q, str(rel), [{"source": a, "target": b, "props": p} for a, b, p in zip(
                part["source"], part["target"], props, strict=True)]


def _run_batches(pool: ThreadPoolExecutor, write: Callable[..., Any],
                 batches: Iterator[tuple[str, str, list[Any]]], workers: int,
                 done: Callable[[str, int], None], stop: threading.Event) -> None:
    """Write batches with at most ``2 * workers`` in flight, preparing the next meanwhile.

    When interrupted or failed, `stop` is set (batches in flight end without further
    retries), batches not yet started are dropped, and those that still commit are passed
    to `done` before the exception goes on."""
    pending: dict[Future[Any], tuple[str, int]] = {}

    def reap(futures: set[Future[Any]]) -> None:
        for fut in futures:
            what, n = pending.pop(fut)
            fut.result()
            done(what, n)

    try:
        for q, what, rows in batches:
            if len(pending) >= 2 * workers:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                reap(finished)
            pending[pool.submit(write, q, rows=rows)] = (what, len(rows))
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            reap(finished)
    except BaseException:
        stop.set()
        for fut in pending:
            fut.cancel()
        for fut, (what, n) in pending.items():
            if not fut.cancelled() and fut.exception() is None:
                done(what, n)
        raise


class Neo4jStore:
    """A connection to one Neo4j database holding graphkit datasets.

    Parameters
    ----------
    uri : str
        ``bolt://``, ``neo4j://`` (or ``+s``/``+ssc`` variants) address.
    user, password : str
        Credentials; default from ``NEO4J_USER`` (else ``neo4j``) and ``NEO4J_PASSWORD``.
    database : str, optional
        Database name (default: the server's default database).
    connection_timeout : float, default 15
        Seconds to wait for a connection.
    retry_time : float, default 30
        Seconds a failed transaction is retried (backoff 0.25 s doubling up to 8 s, with
        jitter) while the error is transient; 0 disables retries.
    on_retry : callable, optional
        Called with a :class:`Retry` before each retry (default: a log warning).

    Attributes
    ----------
    retries : list of Retry
        Every retry so far, in order.

    Raises
    ------
    StoreError
        When the server cannot be reached or refuses the credentials. The message names
        the URI and what to check, never the password.
    """

    def __init__(self, uri: str, *, user: str | None = None, password: str | None = None,
                 database: str | None = None, connection_timeout: float = DEFAULT_TIMEOUT,
                 retry_time: float = DEFAULT_RETRY_TIME,
                 on_retry: Callable[[Retry], None] | None = None):
        # a bad host or port is a usage error; credentials in the URI are taken out of it
        address = parse_store_uri(uri)
        uri = self.uri = address.uri
        self.user = user or address.user or os.environ.get("NEO4J_USER") or "neo4j"
        if password is None:
            password = address.password
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database
        self.retry_time = float(retry_time)
        self.on_retry = on_retry
        self.retries: list[Retry] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        try:
            # graphkit retries itself (see _retrying), so that every retry is reported
            self._driver = GraphDatabase.driver(
                uri, auth=(self.user, password), connection_timeout=connection_timeout,
                connection_acquisition_timeout=connection_timeout,
                max_transaction_retry_time=0.0,
            )
        except (ValueError, nx4j.ConfigurationError) as exc:
            raise UsageError(f"invalid Neo4j URI {uri!r}: {exc}") from exc
        try:
            self._driver.verify_connectivity()
        except nx4j.AuthError as exc:
            self._driver.close()
            raise StoreError(
                f"Neo4j at {uri} refused the credentials of user {self.user!r}: "
                "check NEO4J_USER and NEO4J_PASSWORD (or --user/--password)"
            ) from exc
        except (nx4j.ServiceUnavailable, nx4j.DriverError, OSError) as exc:
            self._driver.close()
            raise StoreError(
                f"cannot reach Neo4j at {uri}: is the server running and listening there? "
                f"({exc.__class__.__name__})"
            ) from exc

    # --- plumbing -----------------------------------------------------------------------
    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self, *, write: bool = True) -> neo4j.Session:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _retrying(self, attempt: Callable[[], Any]) -> Any:
        def record(event: Retry) -> None:
            with self._lock:
                self.retries.append(event)
            if self.on_retry is not None:
                self.on_retry(event)
            else:
                log.warning("%s", event)

        return retrying(attempt, retry_time=self.retry_time, report=record, stop=self._stop)

    def _run(self, cypher: str, *, write: bool, **params: Any) -> list[dict[str, Any]]:
        """Run `cypher` in one transaction, retried on transient errors."""
        def work(tx: neo4j.Transaction) -> list[dict[str, Any]]:
            return [r.data() for r in tx.run(cypher, **params)]

        return self._transaction(work, write=write)

    def _transaction(self, work: Callable[[Any], Any], *, write: bool) -> Any:
        def attempt() -> Any:
            # an explicit transaction: the driver's own (silent) retries stay out of the way
            with self._session(write=write) as s, s.begin_transaction() as tx:
                out = work(tx)
                tx.commit()
                return out

        try:
            return self._retrying(attempt)
        except (nx4j.ServiceUnavailable, nx4j.SessionExpired) as exc:
            raise StoreError(f"lost the connection to Neo4j at {self.uri}: "
                             f"{exc.__class__.__name__}: {_short(exc)}") from exc
        except (nx4j.Neo4jError, nx4j.DriverError) as exc:
            raise StoreError(f"Neo4j at {self.uri} failed: "
                             f"{exc.__class__.__name__}: {_short(exc)}") from exc

    def _write(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return self._run(cypher, write=True, **params)

    def query(self, cypher: str, **params: Any) -> pd.DataFrame:
        """Run a read-only Cypher query and return its records as a DataFrame.

        Examples
        --------
        >>> store.query("MATCH (c:Community) RETURN c.id AS id, c.name AS name")  # doctest: +SKIP
        """
        def work(tx: neo4j.Transaction) -> pd.DataFrame:
            result = tx.run(cypher, **params)
            keys = result.keys()
            return pd.DataFrame([r.values() for r in result], columns=keys)

        return self._transaction(work, write=False)

    # --- writing ------------------------------------------------------------------------
    def ensure_constraints(self) -> None:
        """Create the uniqueness constraint on ``id`` for every label (idempotent)."""
        for label in (*V.LABELS, V.META_LABEL):
            self._write(_CONSTRAINT_Q.format(label=_label(label)))

    def clear(self, *, batch_size: int = 10_000) -> int:
        """Delete every graphkit node (and its relationships); return how many."""
        total = 0
        for label in (*V.LABELS, V.META_LABEL):
            q = _DELETE_Q.format(label=_label(label))
            while True:
                n = self._write(q, limit=batch_size)[0]["n"]
                total += n
                if n < batch_size:
                    break
        return total

    def load(self, ds: Dataset, *, replace: bool = False,
             batch_size: int = DEFAULT_BATCH_SIZE, progress: bool | None = None,
             on_batch: Callable[[str, int], None] | None = None,
             workers: int = 2) -> dict[str, int]:
        """Write `ds` into the database: nodes by label, then relationships by type.

        Loading the same dataset twice leaves the same database (``MERGE`` on ids, every
        node's and relationship's properties set to exactly the dataset's). With
        ``replace=True`` every graphkit node is deleted first, so the database then holds
        exactly `ds`.

        Parameters
        ----------
        ds : Dataset
        replace : bool, default False
        batch_size : int, default 5000
            Rows per write transaction.
        progress : bool, optional
            Show a progress bar on stderr (default: when stderr is a terminal).
        on_batch : callable, optional
            Called as ``on_batch(what, rows)`` after each committed batch.
        workers : int, default 2
            Node write transactions in flight at once. Relationships are written one
            transaction at a time (while the next batch is prepared), since concurrent
            relationship batches deadlock on shared end nodes.

        Returns
        -------
        dict
            ``{"nodes": n, "relationships": m}`` written.

        Notes
        -----
        Each batch is one transaction. A load that is interrupted (Ctrl-C, a killed
        process, a server that goes away for longer than ``retry_time``) leaves the
        database holding whole batches only, every node and relationship with exactly its
        dataset properties; loading the same dataset again completes it exactly.
        """
        if batch_size < 1:
            raise UsageError(f"batch size must be >= 1, got {batch_size}")
        _check_keys([c for c in ds.nodes.columns if c not in V.NODE_COLUMNS], "node")
        _check_keys([c for c in ds.edges.columns if c not in V.EDGE_COLUMNS], "edge")
        self.ensure_constraints()
        if replace:
            removed = self.clear()
            log.info("removed %d nodes before loading", removed)

        from rich.progress import Progress

        show = sys.stderr.isatty() if progress is None else progress
        with Progress(disable=not show, transient=True) as bar, \
                ThreadPoolExecutor(max_workers=workers) as pool, \
                ThreadPoolExecutor(max_workers=1) as serial:
            task = bar.add_task("loading into Neo4j", total=len(ds.nodes) + len(ds.edges))

            def done(what: str, n: int) -> None:
                bar.advance(task, n)
                if on_batch is not None:
                    on_batch(what, n)

            # nodes in parallel (distinct ids never contend); then relationships, which need
            # their end nodes committed, one transaction at a time (parallel relationship
            # batches deadlock on shared end nodes) while the next batch is prepared
            try:
                _run_batches(pool, self._write, _node_batches(ds, batch_size), workers, done,
                             self._stop)
                _run_batches(serial, self._write, _edge_batches(ds, batch_size), 1, done,
                             self._stop)
            finally:
                self._stop.clear()
        self._write(
            f"MERGE (m:`{V.META_LABEL}` {{id: 'dataset'}}) SET m = $props",
            props={"id": "dataset", **{k: v for k, v in ds.meta.items() if v is not None}},
        )
        return {"nodes": len(ds.nodes), "relationships": len(ds.edges)}

    # --- reading ------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Nodes per vocabulary label and the number of vocabulary relationships."""
        out = {}
        for label in V.LABELS:
            df = self.query(f"MATCH (n:`{_label(label)}`) RETURN count(n) AS n")
            out[label] = int(df.loc[0, "n"])
        df = self.query("MATCH ()-[r]->() WHERE type(r) IN $types RETURN count(r) AS n",
                        types=list(V.REL_TYPES))
        out["relationships"] = int(df.loc[0, "n"])
        return out

    def read(self, *, strict: bool = False) -> Dataset:
        """Read every graphkit node and relationship back into a validated :class:`Dataset`.

        Nodes, relationships and the dataset's metadata are read in one read transaction
        and streamed record by record into columns, which go through the same validation
        as a file (a rating of 9 in the database is an error). Property types survive the
        round trip (integers, floats, booleans, text); a node with several labels is read
        under its first vocabulary label.

        Raises
        ------
        ValidationError
            When the database content breaks a rule of SPEC section 1.
        """
        labels = list(V.LABELS)

        def work(tx: neo4j.Transaction) -> tuple[dict[str, list[Any]], dict[str, list[Any]],
                                                 dict[str, Any]]:
            nodes: dict[str, list[Any]] = {"id": [], "label": []}
            n = 0
            for rec in tx.run(
                "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
                "RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS props",
                labels=labels,
            ):
                _append(nodes, n, {**rec["props"], "label": rec["label"]})
                n += 1
            _pad(nodes, n)
            edges: dict[str, list[Any]] = {"source": [], "target": [], "type": []}
            m = 0
            for rec in tx.run(
                "MATCH (a)-[r]->(b) WHERE type(r) IN $types "
                "AND any(l IN labels(a) WHERE l IN $labels) "
                "AND any(l IN labels(b) WHERE l IN $labels) "
                "RETURN a.id AS source, b.id AS target, type(r) AS type, "
                "properties(r) AS props",
                types=list(V.REL_TYPES), labels=labels,
            ):
                _append(edges, m, {**rec["props"], "source": rec["source"],
                                   "target": rec["target"], "type": rec["type"]})
                m += 1
            _pad(edges, m)
            meta = [r["props"] for r in tx.run(
                f"MATCH (m:`{V.META_LABEL}` {{id: 'dataset'}}) RETURN properties(m) AS props")]
            return nodes, edges, dict(meta[0]) if meta else {}

        nodes, edges, info = self._transaction(work, write=False)
        return Dataset.from_columns(
            nodes, edges, name=info.get("name") or "neo4j", snapshot=info.get("snapshot"),
            description=info.get("description"), source=self.uri, strict=strict,
            files=("neo4j nodes", "neo4j relationships"))


def _append(columns: dict[str, list[Any]], row: int, values: dict[str, Any]) -> None:
    """Add one record to `columns` (a key seen for the first time gets None before)."""
    for k, v in values.items():
        col = columns.get(k)
        if col is None:
            col = columns[k] = [None] * row
        col.append(v)
    for col in columns.values():
        if len(col) == row:
            col.append(None)


def _pad(columns: dict[str, list[Any]], n: int) -> None:
    for col in columns.values():
        col.extend([None] * (n - len(col)))


def connect(uri: str | None = None, *, user: str | None = None, password: str | None = None,
            database: str | None = None, connection_timeout: float = DEFAULT_TIMEOUT,
            retry_time: float = DEFAULT_RETRY_TIME,
            on_retry: Callable[[Retry], None] | None = None) -> Neo4jStore:
    """Open a :class:`Neo4jStore`; `uri` defaults to ``NEO4J_URI``.

    Examples
    --------
    >>> store = connect()          # NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD  # doctest: +SKIP
    """
    uri = uri or os.environ.get("NEO4J_URI")
    if not uri:
        raise UsageError("no Neo4j URI: pass one or set NEO4J_URI")
    return Neo4jStore(uri, user=user, password=password, database=database,
                      connection_timeout=connection_timeout, retry_time=retry_time,
                      on_retry=on_retry)
