"""Commands of the Neo4j store: ``load`` (and ``--bulk``), ``export``."""


from __future__ import annotations

from pathlib import Path

import click

from ..adapters._store_defaults import DEFAULT_BATCH_SIZE
from ..errors import StoreError, UsageError
from ..messages import t
from ..network.dataset import Dataset
from ..network.io import write_dataset
from ._common import (
    _OPTIONS,
    _connect,
    _Count,
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
@click.option("--neo4j", "uri", envvar="NEO4J_URI", required=True, metavar="URI")
@click.option("--replace", is_flag=True)
@click.option("--batch-size", type=_Count(1), default=DEFAULT_BATCH_SIZE,
              show_default=True)
@click.option("--bulk", is_flag=True)
@click.option("--neo4j-home", "home", envvar="NEO4J_HOME", metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path))
@_problem_options
@_neo4j_options
def load(dataset: str, uri: str, replace: bool, batch_size: int, bulk: bool,
         home: Path | None, all_problems: bool, user: str | None, password: str | None,
         database: str | None, timeout: float, retry_time: float) -> None:
    """``graphkit load``; help: the catalogue's ``cli.load``."""
    _OPTIONS.update(all_problems=all_problems)
    if bulk and replace:
        raise UsageError(t("load.bulk_no_replace"))
    if bulk and home is None:
        raise UsageError(t("load.bulk_needs_home"))
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
            console.echo(t("load.interrupted", committed=committed, total=total), err=True)
            raise
        retried = len(store.retries)
    console.echo(t("load.done", nodes=done["nodes"], relationships=done["relationships"],
                   uri=store.uri)
                 + (t("load.replaced") if replace else "")
                 + (t("load.retried", n=retried) if retried else ""), err=True)


def _bulk_load(ds: Dataset, uri: str, home: Path, user: str | None, password: str | None,
               database: str | None, timeout: float, retry_time: float) -> None:
    from ..adapters._bulk import Home

    Home(home)  # a usage error before connecting
    with _connect(uri, user, password, database, timeout, retry_time) as store:
        done = store.bulk_load(ds, home, on_step=lambda text: console.echo(
            t("load.bulk_step", step=text), err=True))
    console.echo(t("load.bulk_done", nodes=done["nodes"], relationships=done["relationships"],
                   uri=store.uri, seconds=done["import_seconds"]), err=True)


@cli.command()
@click.option("--neo4j", "uri", envvar="NEO4J_URI", required=True, metavar="URI")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@_personal_options
@_problem_options
@_neo4j_options
def export(uri: str, out_dir: Path, keyfile: Path | None, keep_personal: bool,
           all_problems: bool, user: str | None, password: str | None,
           database: str | None, timeout: float, retry_time: float) -> None:
    """``graphkit export``; help: the catalogue's ``cli.export``."""
    _OPTIONS.update(all_problems=all_problems)
    protect = _privacy(keyfile, keep_personal)
    with _connect(uri, user, password, database, timeout, retry_time) as store:
        ds = protect(store.read())
    write_dataset(ds, out_dir)
    console.echo(t("export.done", nodes=len(ds.nodes), relationships=len(ds.edges),
                   path=out_dir), err=True)
