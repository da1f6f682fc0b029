"""The ``graphkit`` command line (SPEC section 5).

Exit codes: 0 success; 1 an audit threshold failed; 2 invalid input or usage (the
validation report goes to stderr); 3 the store (Neo4j) could not be reached or refused the
credentials.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from ._atomic import write_atomic
from ._store_defaults import DEFAULT_BATCH_SIZE, DEFAULT_RETRY_TIME, DEFAULT_TIMEOUT
from ._uri import is_store_uri
from .auditing import audit as run_audit
from .dataset import Dataset
from .errors import GraphkitError, Problem, StoreError, UsageError, ValidationError
from .io import read_dataset, validate_dataset, write_dataset
from .measuring import EXACT_MAX, SAMPLE_K
from .report import BINARY_FORMATS, FORMATS, render

__all__ = ["cli", "main"]

EXIT_OK, EXIT_THRESHOLD, EXIT_INVALID, EXIT_STORE = 0, 1, 2, 3


def _echo_problems(problems: list[Problem], *, err: bool, limit: int | None = None) -> None:
    shown = problems if limit is None else problems[:limit]
    for p in shown:
        click.echo(str(p), err=err)
    if limit is not None and len(problems) > limit:
        click.echo(f"... and {len(problems) - limit} more (run `graphkit validate`)", err=err)


def _input_files(dataset: str) -> set[Path]:
    p = Path(dataset)
    if p.is_dir():
        return {(p / n).resolve() for n in ("nodes.csv", "edges.csv", "dataset.json")}
    return {p.resolve()}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """graphkit: audit Party organization and Party work coverage and the
    "one core, two circles" linkage of a grassroots Party-building network."""


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
def validate(dataset: str, fmt: str, strict: bool) -> None:
    """Report every error and warning of DATASET (a folder or an .xlsx workbook)."""
    problems = validate_dataset(dataset)
    errors = [p for p in problems if p.severity == "error"]
    failed = bool(errors) or (strict and bool(problems))
    if fmt == "json":
        doc = {"valid": not errors, "errors": len(errors),
               "warnings": len(problems) - len(errors),
               "problems": [p.to_dict() for p in problems]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2), err=failed)
    else:
        _echo_problems(problems, err=failed)
        n_warn = len(problems) - len(errors)
        verdict = "invalid" if errors else "valid"
        click.echo(f"{dataset}: {verdict} ({len(errors)} error(s), {n_warn} warning(s))",
                   err=failed)
    raise click.exceptions.Exit(EXIT_INVALID if failed else EXIT_OK)


def _threshold_failures(result: Any, work: float | None, org: float | None) -> list[str]:
    fails = []
    rates = result.overall
    for name, wanted, label in (("work", work, "work coverage"),
                                ("organization", org, "organizational coverage")):
        if wanted is None:
            continue
        got = rates[name]
        if got is None or got != got:
            fails.append(f"{label} is undefined (no unit in scope), required >= {wanted}")
        elif got < wanted:
            fails.append(f"{label} {got:.4f} < required {wanted} "
                         f"({rates['units']} units in scope)")
    return fails


def _neo4j_options(f: Any) -> Any:
    f = click.option("--retry-time", type=click.FloatRange(min=0), default=DEFAULT_RETRY_TIME,
                     show_default=True,
                     help="Seconds to keep retrying a Neo4j transaction after transient "
                          "errors (backoff with jitter; each retry is reported).")(f)
    f = click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT,
                     show_default=True, help="Neo4j connection timeout in seconds.")(f)
    f = click.option("--database", default=None,
                     help="Neo4j database name [default: the server's default].")(f)
    f = click.option("--password", default=None,
                     help="Neo4j password [default: $NEO4J_PASSWORD]. Never printed.")(f)
    f = click.option("--user", default=None,
                     help="Neo4j user [default: $NEO4J_USER, else neo4j].")(f)
    return f


def _pseudonymize_option(f: Any) -> Any:
    return click.option(
        "--pseudonymize", "keyfile", type=click.Path(dir_okay=False, path_type=Path),
        metavar="KEYFILE",
        help="Replace Person ids and names by keyed HMAC pseudonyms (stable for the same "
             "key; create one with `graphkit keygen`).")(f)


def _personal_options(f: Any) -> Any:
    f = click.option(
        "--with-personal-data", "keep_personal", is_flag=True,
        help="Write every Person attribute (names, phone numbers, ...). By default a "
             "Person keeps only its id and kind.")(f)
    return _pseudonymize_option(f)


def _privacy(keyfile: Path | None, keep_personal: bool = False) -> Callable[[Dataset], Dataset]:
    """What to do with Person data before an output: keep, pseudonymize or redact it."""
    from .privacy import pseudonymize, read_key, redact_people

    if keyfile is not None and keep_personal:
        raise UsageError("--pseudonymize and --with-personal-data exclude each other")
    if keyfile is not None:
        key = read_key(keyfile)
        return lambda ds: pseudonymize(ds, key)
    return (lambda ds: ds) if keep_personal else redact_people


@cli.command()
@click.argument("dataset")
@click.option("--neo4j", "uri", envvar="NEO4J_URI", required=True, metavar="URI",
              help="Neo4j URI [default: $NEO4J_URI].")
@click.option("--replace", is_flag=True,
              help="Delete every graphkit node first: the database then holds exactly DATASET.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE,
              show_default=True,
              help="Rows per write transaction.")
@_neo4j_options
def load(dataset: str, uri: str, replace: bool, batch_size: int, user: str | None,
         password: str | None, database: str | None, timeout: float,
         retry_time: float) -> None:
    """Write DATASET into Neo4j (idempotent: MERGE on ids).

    Each batch is one transaction: an interrupted load leaves whole batches only, and
    running the same load again completes it."""
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    total = len(ds.nodes) + len(ds.edges)
    committed = 0

    def count(_what: str, n: int) -> None:
        nonlocal committed
        committed += n

    with _connect(uri, user, password, database, timeout, retry_time) as store:
        try:
            done = store.load(ds, replace=replace, batch_size=batch_size, on_batch=count)
        except (KeyboardInterrupt, StoreError):  # every driver error arrives as a StoreError
            click.echo(f"load interrupted: {committed} of {total} records committed in whole "
                       f"batches; run the same `graphkit load` again to complete it", err=True)
            raise
        retried = len(store.retries)
    click.echo(f"loaded {done['nodes']} nodes and {done['relationships']} relationships "
               f"into {uri}" + (" (replaced)" if replace else "")
               + (f" after {retried} retries" if retried else ""), err=True)


@cli.command()
@click.option("--neo4j", "uri", envvar="NEO4J_URI", required=True, metavar="URI",
              help="Neo4j URI [default: $NEO4J_URI].")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@_personal_options
@_neo4j_options
def export(uri: str, out_dir: Path, keyfile: Path | None, keep_personal: bool,
           user: str | None, password: str | None, database: str | None, timeout: float,
           retry_time: float) -> None:
    """Read a Neo4j database back into a dataset folder OUT_DIR.

    Person nodes keep only their id and kind unless --with-personal-data is given."""
    protect = _privacy(keyfile, keep_personal)
    with _connect(uri, user, password, database, timeout, retry_time) as store:
        ds = protect(store.read())
    write_dataset(ds, out_dir)
    click.echo(f"exported {len(ds.nodes)} nodes and {len(ds.edges)} relationships "
               f"to {out_dir}", err=True)


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True, help="Report format.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--scope", type=click.Choice(["all", "two_new"]), default="all",
              show_default=True, help="Units in the coverage denominator.")
@click.option("--fail-under-work", type=click.FloatRange(0, 1), metavar="RATE",
              help="Exit 1 when work coverage is below RATE (0..1).")
@click.option("--fail-under-org", type=click.FloatRange(0, 1), metavar="RATE",
              help="Exit 1 when organizational coverage is below RATE (0..1).")
@click.option("--min-branch-members", type=click.IntRange(min=1), default=None,
              help="Members from which a unit should form its own branch [default: 3].")
@click.option("--sub-core-min-rating", type=click.IntRange(0, 5), default=None,
              help="Lowest PartyOrg rating for the sub-core circle [default: 4].")
@click.option("--pushdown", is_flag=True,
              help="With a Neo4j DATASET: compute unit statuses and coverage rates by "
                   "Cypher inside the database.")
@_pseudonymize_option
@_neo4j_options
def audit(dataset: str, fmt: str, out: Path | None, scope: str,
          fail_under_work: float | None, fail_under_org: float | None,
          min_branch_members: int | None, sub_core_min_rating: int | None, pushdown: bool,
          keyfile: Path | None, user: str | None, password: str | None,
          database: str | None, timeout: float, retry_time: float) -> None:
    """Audit DATASET: coverage, "one core, two circles" and findings.

    DATASET is a folder, an .xlsx workbook, or a neo4j://... / bolt://... URI."""
    if fmt in BINARY_FORMATS and out is None:
        raise UsageError(f"--format {fmt} writes a binary file: give --out PATH")
    if pushdown and not is_store_uri(dataset):
        raise UsageError("--pushdown needs a neo4j:// or bolt:// DATASET")
    if out is not None and out.resolve() in _input_files(dataset):
        raise UsageError(f"--out {out} would overwrite an input file of {dataset}")
    protect = _privacy(keyfile) if keyfile is not None else None
    precomputed: dict[str, Any] = {}
    if pushdown:
        with _connect(dataset, user, password, database, timeout, retry_time) as store:
            ds = store.read()
            if protect is not None:
                ds = protect(ds)
            precomputed["units"] = store.unit_coverage(scope=scope)
            precomputed["rates"] = {by: store.coverage_rates(scope=scope, by=by)
                                    for by in (None, "kind", "two_new", "community", "area")}
    else:
        ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                       protect=protect)
    result = run_audit(ds, scope=scope, min_branch_members=min_branch_members,
                       sub_core_min_rating=sub_core_min_rating, **precomputed)
    text = render(result, fmt)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text)
        click.echo(f"report written to {out}", err=True)
    fails = _threshold_failures(result, fail_under_work, fail_under_org)
    for f in fails:
        click.echo(f"threshold failed: {f}", err=True)
    raise click.exceptions.Exit(EXIT_THRESHOLD if fails else EXIT_OK)


@cli.command()
@click.argument("dataset")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_personal_options
@_neo4j_options
def convert(dataset: str, out: Path, keyfile: Path | None, keep_personal: bool,
            user: str | None, password: str | None, database: str | None, timeout: float,
            retry_time: float) -> None:
    """Write DATASET as a graph file for Gephi or Cytoscape: OUT.graphml or OUT.gexf.

    Person nodes keep only their id and kind unless --with-personal-data is given."""
    from .convert import write_graph

    if out.resolve() in _input_files(dataset):
        raise UsageError(f"{out} would overwrite an input file of {dataset}")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                   protect=_privacy(keyfile, keep_personal))
    write_graph(ds.to_networkx(), out)
    click.echo(f"wrote {len(ds.nodes)} nodes and {len(ds.edges)} relationships to {out}",
               err=True)


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True,
              help="table: a Chinese summary; json: every measure (schema 1); csv: one row "
                   "per entity.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the betweenness sample and of Leiden.")
@click.option("--k", "k", type=click.IntRange(min=1), default=None,
              help="Sample sources for betweenness and path lengths on a component above "
                   f"--exact-max entities [default: {SAMPLE_K}].")
@click.option("--exact-max", type=click.IntRange(min=0), default=None,
              help=f"Largest component computed exactly [default: {EXACT_MAX}].")
@_neo4j_options
def measures(dataset: str, fmt: str, out: Path | None, seed: int, k: int | None,
             exact_max: int | None, user: str | None, password: str | None,
             database: str | None, timeout: float, retry_time: float) -> None:
    """Network measures of DATASET's tie graph: centrality and brokerage per organization,
    cohesion per community and city-wide, detected clusters against communities, and
    whether each community's core is central."""
    from .measuring import measures as run_measures
    from .measuring.reporting import render as render_measures

    if out is not None and out.resolve() in _input_files(dataset):
        raise UsageError(f"--out {out} would overwrite an input file of {dataset}")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    result = run_measures(ds, seed=seed, k=SAMPLE_K if k is None else k,
                          exact_max=EXACT_MAX if exact_max is None else exact_max)
    data = render_measures(result, fmt)
    if out is None:
        click.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        click.echo(f"measures written to {out}", err=True)


def _connect(uri: str, user: str | None, password: str | None, database: str | None,
             timeout: float, retry_time: float = DEFAULT_RETRY_TIME) -> Any:
    from .store import connect

    # the driver logs every broken connection; graphkit reports retries and failures itself
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)

    def report(event: Any) -> None:
        click.echo(f"warning: {event}", err=True)

    return connect(uri, user=user, password=password, database=database,
                   connection_timeout=timeout, retry_time=retry_time, on_retry=report)


def _read_any(dataset: str, user: str | None, password: str | None,
              database: str | None, timeout: float, *,
              retry_time: float = DEFAULT_RETRY_TIME,
              protect: Callable[[Dataset], Dataset] | None = None) -> Dataset:
    """A Dataset from a folder, a workbook or a Neo4j URI, passed through `protect`
    (Person data); its warnings go to stderr."""
    if is_store_uri(dataset):
        with _connect(dataset, user, password, database, timeout, retry_time) as store:
            ds = store.read()
    else:
        ds = read_dataset(dataset)
    if protect is not None:
        ds = protect(ds)
    _echo_problems(list(ds.warnings), err=True, limit=20)
    return ds


@cli.command()
@click.argument("keyfile", type=click.Path(dir_okay=False, path_type=Path))
def keygen(keyfile: Path) -> None:
    """Create KEYFILE holding a new random key for --pseudonymize (owner-only, never
    overwritten). Keep it: the same key gives the same pseudonyms in every snapshot."""
    from .privacy import make_key

    make_key(keyfile)
    click.echo(f"wrote a new key to {keyfile} (readable by you only)", err=True)


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--units", type=click.IntRange(min=1), required=True,
              help="Number of units (the coverage denominator).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
def synth(out_dir: Path, units: int, seed: int) -> None:
    """Write a synthetic city dataset with UNITS units to OUT_DIR (deterministic per seed)."""
    from .synth import synthesize

    info = synthesize(out_dir, units=units, seed=seed)
    click.echo(f"wrote {info['nodes']} nodes and {info['edges']} relationships "
               f"({info['units']} units, {info['communities']} communities, "
               f"{info['areas']} areas) to {out_dir}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the command line and return its exit code."""
    try:
        rv = cli.main(args=argv, prog_name="graphkit", standalone_mode=False)
    except ValidationError as exc:
        _echo_problems(exc.problems, err=True)
        click.echo(f"invalid dataset: {len(exc.errors)} error(s); nothing was written", err=True)
        return EXIT_INVALID
    except (UsageError, StoreError) as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_STORE if isinstance(exc, StoreError) else EXIT_INVALID
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_INVALID
    except GraphkitError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_INVALID
    return rv if isinstance(rv, int) else EXIT_OK
