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
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pandas as pd
from neo4j import GraphDatabase
from neo4j import exceptions as nx4j

from .. import vocab as V
from ..errors import StoreError, UsageError
from ..messages import t
from ..network.dataset import Dataset
from ._store_defaults import DEFAULT_BATCH_SIZE, DEFAULT_RETRY_TIME, DEFAULT_TIMEOUT
from ._uri import parse_store_uri

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
        return t("store.retry", attempt=self.attempt, error=self.error, delay=self.delay)


def retrying(attempt: Callable[[], Any], *, retry_time: float,
             report: Callable[[Retry], None], stop: threading.Event | None = None,
             backoff: tuple[float, float, float, float] = _BACKOFF,
             retry_on: Callable[[BaseException], bool] | None = None,
             describe: Callable[[BaseException], str] | None = None,
             count_waits: bool = False) -> Any:
    """Call `attempt` until it returns, raises an error that is not to be retried, or
    `retry_time` is up.

    Between attempts it waits ``first * factor**k`` seconds (at most ``longest``), each
    delay scaled by a random factor in ``1 +- jitter`` so that clients do not retry in
    step, the last one cut so that the last attempt is made at `retry_time`; `report` is
    called with a :class:`Retry` before each wait. A set `stop` event ends the retries at
    once (the last error is raised).

    What is retried is a transient Neo4j or driver error, or what `retry_on` accepts;
    `describe` gives the report's text of an error. With `count_waits`, `retry_time`
    bounds the waits alone, not the attempts between them (a read that takes longer than
    the time it may wait for a concurrent load).
    """
    first, factor, longest, jitter = backoff
    accept = _retryable if retry_on is None else retry_on
    delay, n, waited = first, 1, 0.0
    deadline = time.monotonic() + retry_time
    while True:
        try:
            return attempt()
        except Exception as exc:
            stopped = stop is not None and stop.is_set()
            remaining = retry_time - waited if count_waits else deadline - time.monotonic()
            if not accept(exc) or stopped or remaining <= 0:
                raise
            # the last wait is cut to the limit: one more attempt at `retry_time`
            wait_s = min(delay * random.uniform(1 - jitter, 1 + jitter), remaining)
            text = describe(exc) if describe is not None else (
                f"{exc.__class__.__name__}: {_short(exc)}")
            report(Retry(n, text, wait_s))
            if stop is not None and stop.wait(wait_s):
                raise
            if stop is None:
                time.sleep(wait_s)
            waited += wait_s
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
# relationships first, a bounded number per transaction (a node may have thousands), then
# the nodes, which have none left
_DELETE_RELS_Q = ("MATCH (n:`{label}`)-[r]-() WITH DISTINCT r LIMIT $limit DELETE r "
                  "RETURN count(*) AS n")
_DELETE_Q = "MATCH (n:`{label}`) WITH n LIMIT $limit DETACH DELETE n RETURN count(*) AS n"
_CONSTRAINT_Q = (
    "CREATE CONSTRAINT `graphkit_{label}_id` IF NOT EXISTS "
    "FOR (n:`{label}`) REQUIRE n.id IS UNIQUE"
)


def _label(label: str) -> str:
    if label not in V.LABELS and label != V.META_LABEL:
        raise UsageError(t("store.unknown_label", label=label))
    return label


def _rel(rel: str) -> str:
    if rel not in V.REL_TYPES:
        raise UsageError(t("store.unknown_type", type=rel))
    return rel


def _check_keys(columns: Sequence[str], what: str) -> None:
    bad = [c for c in columns if not SAFE_KEY.match(str(c))]
    if bad:
        raise UsageError(t("store.bad_keys", what=t(f"store.what.{what}"),
                           names=", ".join(map(repr, bad))))


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
    uri : str or neo4j.Driver
        ``bolt://``, ``neo4j://`` (or ``+s``/``+ssc`` variants) address, or an open
        :class:`neo4j.Driver` of the caller's: graphkit then uses its address, credentials
        and settings and never closes it (:meth:`close` leaves it open).
    user, password : str
        Credentials; default from ``NEO4J_USER`` (else ``neo4j``) and ``NEO4J_PASSWORD``.
        Not with a driver.
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

    def __init__(self, uri: str | neo4j.Driver, *, user: str | None = None,
                 password: str | None = None, database: str | None = None,
                 connection_timeout: float = DEFAULT_TIMEOUT,
                 retry_time: float = DEFAULT_RETRY_TIME,
                 on_retry: Callable[[Retry], None] | None = None):
        self.database = database
        self.retry_time = float(retry_time)
        self.on_retry = on_retry
        self.retries: list[Retry] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        if isinstance(uri, neo4j.Driver):
            # the caller's driver (as the GDS client takes one): its own address,
            # credentials and settings; graphkit neither changes nor closes it
            if user is not None or password is not None:
                raise UsageError(t("store.driver_credentials"))
            self._driver, self._owns_driver = uri, False
            self.uri = _driver_uri(uri)
            self.user = None
        else:
            # a bad host or port is a usage error; credentials in the URI are taken out of it
            address = parse_store_uri(uri)
            uri = self.uri = address.uri
            self.user = user or address.user or os.environ.get("NEO4J_USER") or "neo4j"
            if password is None:
                password = address.password
            if password is None:
                password = os.environ.get("NEO4J_PASSWORD", "")
            try:
                # graphkit retries itself (see _retrying), so that every retry is reported
                self._driver = GraphDatabase.driver(
                    uri, auth=(self.user, password), connection_timeout=connection_timeout,
                    connection_acquisition_timeout=connection_timeout,
                    max_transaction_retry_time=0.0,
                )
            except (ValueError, nx4j.ConfigurationError) as exc:
                raise UsageError(t("store.invalid_uri", uri=uri, detail=exc)) from exc
            self._owns_driver = True
        try:
            self._driver.verify_connectivity()
        except nx4j.AuthError as exc:
            self.close()
            who = t("store.who.user", user=self.user) if self.user else \
                t("store.who.driver")
            raise StoreError(t("store.refused", uri=self.uri, who=who)) from exc
        except (nx4j.ServiceUnavailable, nx4j.DriverError, OSError) as exc:
            self.close()
            raise StoreError(t("store.unreachable", uri=self.uri,
                               kind=exc.__class__.__name__)) from exc

    # --- plumbing -----------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (a driver given to :func:`connect` is left open)."""
        if self._owns_driver:
            self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self, *, write: bool = True) -> neo4j.Session:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _report(self, event: Retry) -> None:
        with self._lock:
            self.retries.append(event)
        if self.on_retry is not None:
            self.on_retry(event)
        else:
            log.warning("%s", event)

    def _retrying(self, attempt: Callable[[], Any]) -> Any:
        return retrying(attempt, retry_time=self.retry_time, report=self._report,
                        stop=self._stop)

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
            raise StoreError(t("store.lost", uri=self.uri, kind=exc.__class__.__name__,
                               detail=_short(exc))) from exc
        except (nx4j.Neo4jError, nx4j.DriverError) as exc:
            raise StoreError(t("store.failed", uri=self.uri, kind=exc.__class__.__name__,
                               detail=_short(exc))) from exc

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
        """Create the uniqueness constraint on ``id`` for every label (idempotent), all in
        one schema transaction."""
        def work(tx: neo4j.Transaction) -> None:
            for label in (*V.LABELS, V.META_LABEL):
                tx.run(_CONSTRAINT_Q.format(label=_label(label))).consume()

        self._transaction(work, write=True)

    def clear(self, *, batch_size: int = 10_000) -> int:
        """Delete every graphkit node (and its relationships); return how many.

        The dataset's meta node is marked first and deleted last, so that a concurrent
        :meth:`read` never returns a partly deleted dataset."""
        existed = self._mark(uuid.uuid4().hex)["existed"]
        total = self._delete(V.LABELS, batch_size)
        return total + self._delete((V.META_LABEL,), batch_size) - (not existed)

    def _delete(self, labels: Sequence[str], batch_size: int) -> int:
        """Delete the nodes of `labels` and their relationships, `batch_size` per
        transaction; return how many nodes."""
        total = 0
        for q in (_DELETE_RELS_Q, _DELETE_Q):
            for label in labels:
                query = q.format(label=_label(label))
                while True:
                    n = self._write(query, limit=batch_size)[0]["n"]
                    total += n if q is _DELETE_Q else 0
                    if n < batch_size:
                        break
        return total

    def _mark(self, token: str) -> dict[str, Any]:
        """Mark the dataset as being written by `token` (and give it a new version)."""
        since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        return self._write(_MARK_Q, token=token, since=since)[0]

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

        From its first write to its last the dataset's meta node is marked as being loaded
        (a token and the start time) and gets a new version at the end, so that
        :meth:`read` never returns a half-loaded dataset: it waits for a running load and
        reports one that was interrupted, until a load of the same dataset completes it.
        """
        if batch_size < 1:
            raise UsageError(t("store.batch_size", n=batch_size))
        _check_keys([c for c in ds.nodes.columns if c not in V.NODE_COLUMNS], "node")
        _check_keys([c for c in ds.edges.columns if c not in V.EDGE_COLUMNS], "edge")
        self.ensure_constraints()
        # readers refuse the dataset from this mark until the load is finished (see read)
        token = uuid.uuid4().hex
        mark = self._mark(token)
        if mark["previous"]:
            log.warning("%s", t("store.load_taken_over", uri=self.uri, since=mark["since"]))
        if replace:
            removed = self._delete(V.LABELS, 10_000)
            log.info("%s", t("store.removed", n=removed))

        from rich.progress import Progress

        show = sys.stderr.isatty() if progress is None else progress
        with Progress(disable=not show, transient=True) as bar, \
                ThreadPoolExecutor(max_workers=workers) as pool, \
                ThreadPoolExecutor(max_workers=1) as serial:
            task = bar.add_task(t("store.progress"), total=len(ds.nodes) + len(ds.edges))

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
        props = {"id": "dataset", "version": uuid.uuid4().hex,
                 **{k: v for k, v in ds.meta.items() if v is not None}}
        if not self._write(_FINISH_Q, token=token, props=props)[0]["n"]:
            log.warning("%s", t("store.load_overtaken", uri=self.uri))
        return {"nodes": len(ds.nodes), "relationships": len(ds.edges)}

    # --- bulk import ----------------------------------------------------------------------
    def bulk_load(self, ds: Dataset, home: str | os.PathLike[str], *,
                  start_timeout: float = 120.0,
                  on_step: Callable[[str], None] | None = None) -> dict[str, Any]:
        """Load `ds` into the empty database with ``neo4j-admin database import full``.

        The initial load of a large dataset: the import tool writes the store files
        directly, many times faster than transactions. It runs offline, so the server of
        `home` (a Neo4j installation with ``bin/neo4j`` and ``bin/neo4j-admin``; the local
        server's is ``.neo4j/home``) is stopped and started again; this store must be
        connected to that server. Before anything is stopped the database is checked over
        Bolt: it must hold no node and no index or constraint but graphkit's and the token
        lookup indexes (the import replaces the database). Then the server is stopped
        while the import files are written and imported into a database of a name of its
        own in the server's data folder (the running server does not know it); once the
        server is down that database takes the place of the empty one, the server starts
        again, the uniqueness constraints are created and the counts checked. A failed
        import leaves the empty database as it was.

        Parameters
        ----------
        ds : Dataset
        home : path
            The Neo4j home of the server this store is connected to.
        start_timeout : float, default 120
            Seconds to wait for Bolt after the start.
        on_step : callable, optional
            Called with a short description of each step (stopping, importing, ...).

        Returns
        -------
        dict
            ``nodes``, ``relationships`` and ``import_seconds`` (the import tool alone).

        Raises
        ------
        UsageError
            When the database is not empty or `home` is no Neo4j home.
        StoreError
            When a step fails; the database is then left empty and the server running.

        Examples
        --------
        >>> with connect() as store:                                       # doctest: +SKIP
        ...     store.bulk_load(gk.read_dataset("big"), ".neo4j/home")
        """
        import tempfile

        from . import _bulk

        # from the coded network: `ds.nodes` would build pandas frames (1.8 s at 1M units)
        net = ds.network
        _check_keys(net.node_extras(), "node")
        _check_keys(net.edge_extras(), "edge")
        server = _bulk.Home(home)
        step = on_step or (lambda text: log.info("%s", text))
        database = self._check_empty()
        databases, transactions = self._directories()
        # the import goes into a database of its own name, which the running server does
        # not know: it overlaps with the server's stop, and the database is only swapped in
        # once the server is down
        temp = f"graphkit-import-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory(prefix="graphkit-import-") as tmp:
            folder = Path(tmp)
            out, stop_out = folder / "neo4j-admin.log", folder / "neo4j-stop.log"
            step(t("store.step.stop", home=server.path))
            stopping = server.spawn_server("stop", stop_out)
            try:
                step(t("store.step.files", nodes=net.n_nodes, edges=net.n_edges))
                files = _bulk.write_import_files(ds, folder / "files")
                step(t("store.step.import", database=database))
                started = time.perf_counter()
                server.import_full(temp, files, out, databases, transactions)
                took = time.perf_counter() - started
            except BaseException:
                # the database was not touched: the server starts again as it was
                _bulk.drop_database(databases, transactions, temp)
                try:
                    server.wait(stopping, stop_out, f"{server.neo4j} stop")
                finally:
                    server.server("start", out)
                raise
            server.wait(stopping, stop_out, f"{server.neo4j} stop")
            if self._answers():
                _bulk.drop_database(databases, transactions, temp)
                server.server("start", out)
                raise UsageError(t("store.still_answers", uri=self.uri, home=server.path))
            try:
                old = _bulk.swap_database(databases, transactions, temp, database)
            except BaseException:
                _bulk.drop_database(databases, transactions, temp)
                server.server("start", out)
                raise
            step(t("store.step.start"))
            try:
                server.server("start", out)
            except BaseException:
                # the imported database does not start: the empty one goes back in place
                server.server("stop", out)
                _bulk.drop_database(databases, transactions, database)
                _bulk.swap_database(databases, transactions, old, database)
                server.server("start", out)
                raise
            _bulk.drop_database(databases, transactions, old)
        self._wait_for_bolt(start_timeout)
        step(t("store.step.constraints"))
        self.ensure_constraints()
        have = self.counts()
        want = {**ds.counts(), "relationships": net.n_edges}
        if {k: have.get(k, 0) for k in want} != want:
            raise StoreError(t("store.bulk_mismatch", uri=self.uri, have=have, want=want))
        return {"nodes": net.n_nodes, "relationships": net.n_edges,
                "import_seconds": round(took, 2)}

    def _check_empty(self) -> str:
        """The database's name, after checking it holds nothing an import would destroy."""
        info = self.query("CALL db.info() YIELD name RETURN name")
        database = str(info.loc[0, "name"])
        n = int(self.query("MATCH (n) RETURN count(n) AS n").loc[0, "n"])
        schema = self.query(
            "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' "
            "AND NOT name STARTS WITH 'graphkit_' RETURN name")
        others = self.query("SHOW CONSTRAINTS YIELD name WHERE NOT name STARTS WITH "
                            "'graphkit_' RETURN name")
        names = sorted({*schema["name"], *others["name"]})
        if n or names:
            what = t("store.holds_nodes", n=n) if n else \
                t("store.holds_schema", names=", ".join(names))
            raise UsageError(t("store.not_empty", database=database, uri=self.uri, what=what))
        return database

    def _directories(self) -> tuple[Path, Path]:
        """Where the server keeps its databases' store files and transaction logs."""
        rows = self.query(
            "SHOW SETTINGS YIELD name, value WHERE name IN ['server.directories.data', "
            "'server.directories.transaction.logs.root'] RETURN name, value")
        value = dict(zip(rows["name"], rows["value"], strict=True))
        data = Path(value["server.directories.data"])
        if not data.is_dir():
            raise UsageError(t("bulk.not_local", uri=self.uri, path=data))
        return data / "databases", Path(value["server.directories.transaction.logs.root"])

    def _answers(self) -> bool:
        """Whether the server answers now (a broken pooled connection does not count)."""
        for _ in range(2):
            try:
                self._driver.verify_connectivity()
                return True
            except (nx4j.ServiceUnavailable, nx4j.SessionExpired, nx4j.DriverError, OSError):
                continue
        return False

    def _wait_for_bolt(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._driver.verify_connectivity()
                return
            except (nx4j.ServiceUnavailable, nx4j.SessionExpired, nx4j.DriverError,
                    OSError) as exc:
                if time.monotonic() > deadline:
                    raise StoreError(t("store.no_answer", uri=self.uri, timeout=timeout,
                                       kind=exc.__class__.__name__)) from exc
                time.sleep(0.2)

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

        One read transaction: per label and per relationship type one statement, whose
        server-side columns arrive :data:`READ_CHUNK` values at a time (no Python object per
        record), go through the same validation as a file (a rating of 9 in the database is
        an error). Property types survive the round trip (integers, floats, booleans, text);
        a node with several labels is read under its first vocabulary label.

        The read is of one consistent dataset although Neo4j isolates transactions only at
        read-committed: :meth:`load` and :meth:`clear` mark the dataset's meta node before
        they write and give it a new version when they are done, and the read checks the
        meta node before and after it reads. A dataset that changed meanwhile is read
        again (backoff as for transient errors, at most ``min(retry_time, 15)`` seconds of
        waiting in all); a load that is still running, or was interrupted, is waited for
        as long, then reported.

        Raises
        ------
        ValidationError
            When the database content breaks a rule of SPEC section 1.
        StoreError
            When a graphkit load or clear is unfinished, or the dataset kept changing.
        """
        tries = 0

        def once() -> Any:
            nonlocal tries
            tries += 1
            return self._transaction(_read_all, write=False)

        try:
            nodes, edges, info = retrying(
                once, retry_time=min(self.retry_time, READ_WAIT), report=self._report,
                stop=self._stop, retry_on=lambda exc: isinstance(exc, _Busy),
                describe=lambda exc: exc.short(), count_waits=True)
        except _Busy as busy:
            raise StoreError(busy.explain(self.uri, tries)) from None
        return Dataset.from_columns(
            nodes, edges, name=info.get("name") or "neo4j", snapshot=info.get("snapshot"),
            description=info.get("description"), source=self.uri, strict=strict,
            files=("neo4j nodes", "neo4j relationships"))


#: Values per column in one record of a read (the server slices its columns this size).
READ_CHUNK = 10_000
#: Longest total wait of a read for a concurrent load or clear to finish (seconds).
READ_WAIT = 15.0

_META = f"(m:`{V.META_LABEL}` {{id: 'dataset'}})"
_META_Q = f"MATCH {_META} RETURN properties(m) AS props"
_MARK_Q = (
    f"OPTIONAL MATCH (old:`{V.META_LABEL}` {{id: 'dataset'}}) WITH old IS NOT NULL AS existed "
    f"MERGE {_META} WITH existed, m, m.loading AS previous, m.loading_since AS since "
    "SET m.loading = $token, m.loading_since = $since, m.version = $token "
    "RETURN existed, previous, since"
)
_FINISH_Q = f"MATCH {_META} WHERE m.loading = $token SET m = $props RETURN count(m) AS n"

# one statement per label (per type): the matching entities collected once, then sliced
# into records that each carry READ_CHUNK rows as columns, one list per property key
_SLICES = (
    "WITH xs, reduce(a = [], s IN keysets | a + [k IN s WHERE NOT k IN a]) AS ks "
    "UNWIND range(0, size(xs) - 1, $chunk) AS i WITH ks, xs[i..i + $chunk] AS part "
    "RETURN ks, [k IN ks | [x IN part | x[k]]] AS cols, size(part) AS n"
)


def _labels(var: str, labels: Sequence[str]) -> str:
    return f"{var}:" + "|".join(f"`{_label(x)}`" for x in labels)


def _node_read_q(label: str, earlier: Sequence[str]) -> str:
    """Nodes of `label` that have none of the `earlier` labels."""
    where = f" WHERE NOT {_labels('n', earlier)}" if earlier else ""
    return (f"MATCH (n:`{_label(label)}`){where} "
            "WITH collect(n) AS xs, collect(DISTINCT keys(n)) AS keysets " + _SLICES)


def _edge_read_q(rel: str, labels: Sequence[str]) -> str:
    """Relationships of type `rel` between nodes with one of `labels`."""
    return (f"MATCH ({_labels('a', labels)})-[r:`{_rel(rel)}`]->({_labels('b', labels)}) "
            "WITH collect(r) AS xs, collect(DISTINCT keys(r)) AS keysets "
            + _SLICES.replace("RETURN ks,", "RETURN ks, [x IN part | startNode(x).id] AS source, "
                              "[x IN part | endNode(x).id] AS target,"))


class _Columns:
    """Columns growing a slice at a time; a key first seen late gets None before."""

    def __init__(self) -> None:
        self.columns: dict[str, list[Any]] = {}
        self.n = 0

    def add(self, values: dict[str, list[Any]], n: int) -> None:
        for k, v in values.items():
            col = self.columns.get(k)
            if col is None:
                col = self.columns[k] = [None] * self.n
            col.extend(v)
        self.n += n
        for col in self.columns.values():
            if len(col) < self.n:
                col.extend([None] * (self.n - len(col)))


class _Busy(Exception):
    """The dataset was being written while it was read (or a write is unfinished)."""

    def __init__(self, meta: dict[str, Any], changed: bool) -> None:
        super().__init__()
        self.meta, self.changed = meta, changed

    def short(self) -> str:
        return t("store.busy.changed_short" if self.changed else "store.busy.loading_short")

    def explain(self, uri: str, attempts: int) -> str:
        if self.changed:
            return t("store.busy.changed", uri=uri, attempts=attempts)
        return t("store.busy.loading", uri=uri,
                 since=self.meta.get("loading_since") or t("store.busy.unknown_time"))


def _meta(tx: neo4j.Transaction) -> dict[str, Any]:
    return next((dict(r["props"]) for r in tx.run(_META_Q)), {})


def _read_all(tx: neo4j.Transaction) -> tuple[dict[str, list[Any]], dict[str, list[Any]],
                                              dict[str, Any]]:
    """Nodes and relationships as columns, between two checks of the meta node."""
    before = _meta(tx)
    if before.get("loading"):
        raise _Busy(before, changed=False)
    # only labels and types the database has (the server warns of unknown ones)
    have = {r[0] for r in tx.run("CALL db.labels()")}
    labels = [x for x in V.LABELS if x in have]
    have = {r[0] for r in tx.run("CALL db.relationshipTypes()")}
    rels = [x for x in V.REL_TYPES if x in have] if labels else []
    nodes = _Columns()
    for i, label in enumerate(labels):
        for rec in tx.run(_node_read_q(label, labels[:i]), chunk=READ_CHUNK):
            values = dict(zip(rec["ks"], rec["cols"], strict=True))
            values["label"] = [label] * rec["n"]
            nodes.add(values, rec["n"])
    edges = _Columns()
    for rel in rels:
        for rec in tx.run(_edge_read_q(rel, labels), chunk=READ_CHUNK):
            values = dict(zip(rec["ks"], rec["cols"], strict=True))
            values.update(source=rec["source"], target=rec["target"], type=[rel] * rec["n"])
            edges.add(values, rec["n"])
    after = _meta(tx)
    if after != before:
        raise _Busy(after, changed=True)
    for cols, first in ((nodes, ("id", "label")), (edges, ("source", "target", "type"))):
        for k in first:
            cols.columns.setdefault(k, [None] * cols.n)
    return nodes.columns, edges.columns, before


def _driver_uri(driver: neo4j.Driver) -> str:
    """What messages name for a driver given by the caller: its scheme and address."""
    routing = isinstance(driver, neo4j.Neo4jDriver)
    address = (getattr(driver, "initial_addresses", None) or [None])[0] if routing else \
        getattr(driver, "address", None)
    scheme = ("neo4j" if routing else "bolt") + ("+s" if driver.encrypted else "")
    return f"{scheme}://{address}" if address is not None else "the given neo4j.Driver"


def connect(uri: str | neo4j.Driver | None = None, *, user: str | None = None,
            password: str | None = None, database: str | None = None,
            connection_timeout: float = DEFAULT_TIMEOUT, retry_time: float = DEFAULT_RETRY_TIME,
            on_retry: Callable[[Retry], None] | None = None) -> Neo4jStore:
    """Open a :class:`Neo4jStore`; `uri` defaults to ``NEO4J_URI``.

    `uri` may also be an open :class:`neo4j.Driver` (as the GDS client takes one): the store
    then uses it as it is and closing the store leaves it open.

    Examples
    --------
    >>> store = connect()          # NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD  # doctest: +SKIP
    >>> with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:       # doctest: +SKIP
    ...     ds = connect(driver, database="neo4j").read()
    """
    if uri is None or (isinstance(uri, str) and not uri):
        uri = os.environ.get("NEO4J_URI")
    if not uri:
        raise UsageError(t("store.no_uri"))
    return Neo4jStore(uri, user=user, password=password, database=database,
                      connection_timeout=connection_timeout, retry_time=retry_time,
                      on_retry=on_retry)
