"""Commands of the Neo4j store: ``load`` (and ``--bulk``), ``export``."""


from __future__ import annotations

from pathlib import Path

import click

from ..adapters._store_defaults import DEFAULT_BATCH_SIZE
from ..errors import StoreError, UsageError
from ..network.dataset import Dataset
from ..network.io import write_dataset
from ._common import (
    _OPTIONS,
    _connect,
    _neo4j_options,
    _personal_options,
    _privacy,
    _problem_options,
    _read_any,
    cli,
)
from ._console import console


@cli.command()
@click.argument("dataset")
@click.option("--neo4j", "uri", envvar="NEO4J_URI", required=True, metavar="URI",
              help="Neo4j URI [default: $NEO4J_URI].")
@click.option("--replace", is_flag=True,
              help="Delete every graphkit node first: the database then holds exactly DATASET.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE,
              show_default=True,
              help="Rows per write transaction.")
@click.option("--bulk", is_flag=True,
              help="Initial load of an empty database with neo4j-admin database import full "
                   "(offline, many times faster): the server of --neo4j-home is stopped and "
                   "started again.")
@click.option("--neo4j-home", "home", envvar="NEO4J_HOME", metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="With --bulk: the Neo4j installation of the server at URI (bin/neo4j, "
                   "bin/neo4j-admin; the local server's is .neo4j/home) [default: "
                   "$NEO4J_HOME].")
@_problem_options
@_neo4j_options
def load(dataset: str, uri: str, replace: bool, batch_size: int, bulk: bool,
         home: Path | None, user: str | None, password: str | None, database: str | None,
         timeout: float, retry_time: float,
        all_problems: bool = False) -> None:
    """Write DATASET into Neo4j (idempotent: MERGE on ids).

    Each batch is one transaction: an interrupted load leaves whole batches only, and
    running the same load again completes it. With --bulk, an empty database is loaded
    offline by neo4j-admin instead (it refuses a database that holds anything)."""
    _OPTIONS.update(all_problems=all_problems)
    if bulk and replace:
        raise UsageError("--bulk loads an empty database only: it cannot --replace")
    if bulk and home is None:
        raise UsageError("--bulk needs the server's Neo4j home: give --neo4j-home DIR or set "
                         "NEO4J_HOME (the local server's is .neo4j/home)")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    if bulk:
        _bulk_load(ds, uri, home, user, password, database, timeout, retry_time)
        return
    total = len(ds.nodes) + len(ds.edges)
    committed = 0

    def count(_what: str, n: int) -> None:
        nonlocal committed
        committed += n

    with _connect(uri, user, password, database, timeout, retry_time) as store:
        try:
            done = store.load(ds, replace=replace, batch_size=batch_size, on_batch=count)
        except (KeyboardInterrupt, StoreError):  # every driver error arrives as a StoreError
            console.echo(f"load interrupted: {committed} of {total} records committed in whole "
                       f"batches; run the same `graphkit load` again to complete it", err=True)
            raise
        retried = len(store.retries)
    console.echo(f"loaded {done['nodes']} nodes and {done['relationships']} relationships "
               f"into {store.uri}" + (" (replaced)" if replace else "")
               + (f" after {retried} retries" if retried else ""), err=True)


def _bulk_load(ds: Dataset, uri: str, home: Path, user: str | None, password: str | None,
               database: str | None, timeout: float, retry_time: float) -> None:
    from ..adapters._bulk import Home

    Home(home)  # a usage error before connecting
    with _connect(uri, user, password, database, timeout, retry_time) as store:
        done = store.bulk_load(ds, home, on_step=lambda text: console.echo(
            f"bulk load: {text}", err=True))
    console.echo(f"loaded {done['nodes']} nodes and {done['relationships']} relationships "
                 f"into {store.uri} with neo4j-admin database import full "
                 f"({done['import_seconds']:.1f} s)", err=True)


@cli.command()
@click.option("--neo4j", "uri", envvar="NEO4J_URI", required=True, metavar="URI",
              help="Neo4j URI [default: $NEO4J_URI].")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@_personal_options
@_problem_options
@_neo4j_options
def export(uri: str, out_dir: Path, keyfile: Path | None, keep_personal: bool,
           user: str | None, password: str | None, database: str | None, timeout: float,
           retry_time: float,
        all_problems: bool = False) -> None:
    """Read a Neo4j database back into a dataset folder OUT_DIR.

    Person nodes keep only their id and kind unless --with-personal-data is given."""
    _OPTIONS.update(all_problems=all_problems)
    protect = _privacy(keyfile, keep_personal)
    with _connect(uri, user, password, database, timeout, retry_time) as store:
        ds = protect(store.read())
    write_dataset(ds, out_dir)
    console.echo(f"exported {len(ds.nodes)} nodes and {len(ds.edges)} relationships "
               f"to {out_dir}", err=True)
