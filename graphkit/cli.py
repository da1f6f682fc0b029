"""The ``graphkit`` command line (SPEC section 5).

Exit codes: 0 success; 1 an audit threshold failed; 2 invalid input or usage (the
validation report goes to stderr); 3 the store (Neo4j) could not be reached or refused the
credentials.
"""

from __future__ import annotations

import io
import json
import logging
import math
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from . import vocab as V
from ._atomic import write_atomic, write_atomic_stream
from ._console import console, secrets_of, silence_stdout
from ._measure_defaults import EXACT_MAX, SAMPLE_K
from ._store_defaults import DEFAULT_BATCH_SIZE, DEFAULT_RETRY_TIME, DEFAULT_TIMEOUT
from ._uri import is_store_uri
from .auditing import audit as run_audit
from .dataset import Dataset
from .engine import DEFAULT, ENGINES
from .errors import GraphkitError, Problem, StoreError, UsageError, ValidationError
from .io import read_dataset, validate_dataset, write_dataset
from .report import (
    BINARY_FORMATS,
    DEFAULT_TARGET_ORG,
    DEFAULT_TARGET_WORK,
    FORMATS,
    render,
    restrict,
)
from .synth import MAX_UNITS as SYNTH_MAX_UNITS

__all__ = ["cli", "main"]

EXIT_OK, EXIT_THRESHOLD, EXIT_INVALID, EXIT_STORE = 0, 1, 2, 3
#: Options of the running command that the error handler of :func:`main` needs.
_OPTIONS: dict[str, Any] = {}


class _Finite(click.FloatRange):
    """A float option: a number, finite (click's FloatRange lets NaN through, and every
    comparison with NaN is false, so a NaN gate never fails), -0 read as 0."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(f"{value!r} is not a number", param, ctx)
        x = super().convert(value, param, ctx)
        if not math.isfinite(x):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return x + 0.0


#: Problems of one kind printed per file before "... and N more of this kind".
PROBLEMS_PER_KIND = 20


def _echo_problems(problems: list[Problem], *, err: bool, lang: str = "zh",
                   all_problems: bool = False, limit: int | None = None) -> None:
    """Print `problems`: at most :data:`PROBLEMS_PER_KIND` of each kind per file (every one
    with `all_problems`), then how many more; `limit` caps the whole list (warnings)."""
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    printed = 0
    for p in problems:
        key = (p.file, p.code or p.message)
        if limit is not None and printed >= limit:
            hidden[key] = hidden.get(key, 0) + 1
            continue
        if not all_problems and shown.get(key, 0) >= PROBLEMS_PER_KIND:
            hidden[key] = hidden.get(key, 0) + 1
            continue
        shown[key] = shown.get(key, 0) + 1
        printed += 1
        console.echo(p.format(lang), err=err)
    for (file, _), n in hidden.items():
        more = (f"{file}: ... 另有 {n} 个同类问题（--all-problems 显示全部）" if lang == "zh" else
                f"{file}: ... and {n} more of this kind (--all-problems shows every one)")
        console.echo(more, err=err)


def _lang_option(f: Any) -> Any:
    return click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
                        envvar="GRAPHKIT_LANG", show_default=True,
                        help="Language of validation messages: 中文 (zh) or English (en) "
                             "[default: $GRAPHKIT_LANG, else zh].")(f)


def _problem_options(f: Any) -> Any:
    f = click.option("--all-problems", is_flag=True,
                     help=f"Print every validation problem (default: the first "
                          f"{PROBLEMS_PER_KIND} of each kind per file).")(f)
    return _lang_option(f)


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
              show_default=True,
              help="text: one line per problem (on stderr when the dataset fails); json: "
                   "one document, always on standard output (or --out), whatever the "
                   "verdict.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2).")
@_problem_options
def validate(dataset: str, fmt: str, out: Path | None, strict: bool, lang: str,
             all_problems: bool) -> None:
    """Report every error and warning of DATASET (a folder or an .xlsx workbook).

    Exit 0 when valid, 2 when an error was found (or a warning, with --strict)."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    if out is not None and out.resolve() in _input_files(dataset):
        raise UsageError(f"--out {out} would overwrite an input file of {dataset}")
    problems = validate_dataset(dataset)
    errors = [p for p in problems if p.severity == "error"]
    failed = bool(errors) or (strict and bool(problems))
    if fmt == "json":
        doc = {"dataset": dataset, "valid": not errors, "passed": not failed,
               "strict": strict, "errors": len(errors),
               "warnings": len(problems) - len(errors),
               "problems": [p.to_dict(lang) for p in problems]}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if out is None:
            console.echo(text, nl=False)
        else:
            write_atomic(out, text)
            console.echo(f"validation report written to {out}", err=True)
    elif out is not None:
        n_warn = len(problems) - len(errors)
        verdict = "invalid" if errors else "valid"
        lines = [p.format(lang) for p in problems]
        lines.append(f"{dataset}: {verdict} ({len(errors)} error(s), {n_warn} warning(s))")
        write_atomic(out, "\n".join(lines) + "\n")
        console.echo(lines[-1], err=True)
    else:
        _echo_problems(problems, err=failed, lang=lang, all_problems=all_problems)
        n_warn = len(problems) - len(errors)
        verdict = "invalid" if errors else "valid"
        console.echo(f"{dataset}: {verdict} ({len(errors)} error(s), {n_warn} warning(s))",
                   err=failed)
    raise click.exceptions.Exit(EXIT_INVALID if failed else EXIT_OK)


def _terminal_width() -> int:
    """Columns of the terminal (``$COLUMNS`` first; 100 when not a terminal)."""
    return max(40, shutil.get_terminal_size((100, 50)).columns)


def _color() -> bool:
    """ANSI colours: only on a terminal, never with ``$NO_COLOR`` or ``TERM=dumb``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stdout
    return bool(getattr(stream, "isatty", None)) and stream.isatty()


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
    f = click.option("--retry-time", type=_Finite(min=0), default=DEFAULT_RETRY_TIME,
                     show_default=True,
                     help="Seconds to keep retrying a Neo4j transaction after transient "
                          "errors (backoff with jitter; each retry is reported).")(f)
    f = click.option("--timeout", type=_Finite(min=0.1), default=DEFAULT_TIMEOUT,
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
        console.pseudonym_key = key  # problems of a dataset that cannot be read, too
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
         timeout: float, retry_time: float, lang: str = "zh",
         all_problems: bool = False) -> None:
    """Write DATASET into Neo4j (idempotent: MERGE on ids).

    Each batch is one transaction: an interrupted load leaves whole batches only, and
    running the same load again completes it. With --bulk, an empty database is loaded
    offline by neo4j-admin instead (it refuses a database that holds anything)."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
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
    from ._bulk import Home

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
           retry_time: float, lang: str = "zh",
        all_problems: bool = False) -> None:
    """Read a Neo4j database back into a dataset folder OUT_DIR.

    Person nodes keep only their id and kind unless --with-personal-data is given."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    protect = _privacy(keyfile, keep_personal)
    with _connect(uri, user, password, database, timeout, retry_time) as store:
        ds = protect(store.read())
    write_dataset(ds, out_dir)
    console.echo(f"exported {len(ds.nodes)} nodes and {len(ds.edges)} relationships "
               f"to {out_dir}", err=True)


def _engine_options(f: Any) -> Any:
    f = click.option("--spark-master", metavar="URL", default=None,
                     help="With --engine spark: the Spark master (local[2], spark://host:7077, "
                          "...) [default: local[N], N the cores of this machine].")(f)
    return click.option("--engine", "engine_name", type=click.Choice(ENGINES), default=DEFAULT,
                        show_default=True,
                        help="Where the rules run: DuckDB (embedded, spills to disk), Polars "
                             "(embedded) or Spark (needs graphkit[spark] and Java 17).")(f)


def _check_engine(name: str, master: str | None) -> None:
    """What the engine needs, checked before the dataset is read (Spark starts after)."""
    if master is not None and name != "spark":
        raise UsageError("--spark-master needs --engine spark")
    if name == "spark":
        from . import _spark

        _spark.require_pyspark()
        _spark.require_java()


def _engine(name: str, master: str | None) -> Any:
    from . import engine

    return engine.Engine.spark(master=master) if name == "spark" else engine.get(name)


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "parquet"]), default="table",
              show_default=True,
              help="Report format; parquet writes the unit table, rates, circles and findings "
                   "as Parquet files into the folder --out.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Write the report to this file (a folder for parquet) instead of "
                   "standard output.")
@click.option("--scope", type=click.Choice(["all", "two_new"]), default="all",
              show_default=True, help="Units in the coverage denominator.")
@click.option("--fail-under-work", type=_Finite(0, 1), metavar="RATE",
              help="Exit 1 when work coverage is below RATE (0..1).")
@click.option("--fail-under-org", type=_Finite(0, 1), metavar="RATE",
              help="Exit 1 when organizational coverage is below RATE (0..1).")
@click.option("--min-branch-members", type=click.IntRange(min=1), default=None,
              help="Members from which a unit should form its own branch [default: 3].")
@click.option("--sub-core-min-rating", type=click.IntRange(0, 5), default=None,
              help="Lowest PartyOrg rating for the sub-core circle [default: 4].")
@click.option("--target-work", type=_Finite(0, 1), default=DEFAULT_TARGET_WORK,
              show_default=True, metavar="RATE",
              help="Target of work coverage shown in the report's summary (0..1).")
@click.option("--target-org", type=_Finite(0, 1), default=DEFAULT_TARGET_ORG,
              show_default=True, metavar="RATE",
              help="Target of organizational coverage shown in the report's summary (0..1).")
@click.option("--area", metavar="STREET",
              help="Report one street/town only: its id or Chinese name (\"东城\" for 东城街道).")
@click.option("--community", metavar="COMMUNITY",
              help="Report one community only: its id or Chinese name.")
@click.option("--detail", is_flag=True,
              help="table: print every list (default: the one-screen summary).")
@click.option("--sheets-per-area", is_flag=True,
              help="xlsx: one action sheet per street instead of one 行动清单.")
@click.option("--by", "by", metavar="ATTR", multiple=True,
              help="Also break coverage down by this unit attribute (e.g. industry; "
                   "repeatable): coverage.by_attribute, shown in every report.")
@_engine_options
@_problem_options
@_pseudonymize_option
@_neo4j_options
def audit(dataset: str, fmt: str, out: Path | None, scope: str,
          fail_under_work: float | None, fail_under_org: float | None,
          min_branch_members: int | None, sub_core_min_rating: int | None,
          target_work: float, target_org: float, area: str | None, community: str | None,
          detail: bool, sheets_per_area: bool, by: tuple[str, ...],
          engine_name: str, spark_master: str | None, lang: str, all_problems: bool,
          keyfile: Path | None, user: str | None, password: str | None,
          database: str | None, timeout: float, retry_time: float) -> None:
    """Audit DATASET: coverage, "one core, two circles" and findings.

    DATASET is a folder, an .xlsx workbook, or a neo4j://... / bolt://... URI. Every
    format opens with the summary (rates against the targets, findings by type and street,
    the weakest communities); --area / --community narrow the whole report, and the
    --fail-under thresholds, to one place."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    if fmt in (*BINARY_FORMATS, "parquet") and out is None:
        what = "a folder" if fmt == "parquet" else "a binary file"
        raise UsageError(f"--format {fmt} writes {what}: give --out PATH")
    if sheets_per_area and fmt != "xlsx":
        raise UsageError("--sheets-per-area applies to --format xlsx")
    if detail and fmt != "table":
        raise UsageError("--detail applies to --format table (the other formats hold every "
                         "list)")
    if out is not None and out.resolve() in _input_files(dataset):
        raise UsageError(f"--out {out} would overwrite an input file of {dataset}")
    _check_engine(engine_name, spark_master)
    protect = _privacy(keyfile) if keyfile is not None else None
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                   protect=protect)
    eng = _engine(engine_name, spark_master)
    result = run_audit(ds, scope=scope, min_branch_members=min_branch_members,
                       sub_core_min_rating=sub_core_min_rating, by=by, engine=eng)
    result = restrict(result, area=area, community=community)
    if fmt == "parquet":
        from ._parquet import write_parquet

        write_parquet(result, out)
        console.echo(f"Parquet files written to {out}", err=True)
    elif fmt == "json":
        from . import _json

        if out is None:
            for piece in _json.chunks(result):
                console.out(piece, nl=False)
        else:
            write_atomic_stream(out, lambda fh: _json.write(result, fh))
            console.echo(f"report written to {out}", err=True)
    else:
        text = render(result, fmt, target_work=target_work, target_org=target_org,
                      detail=detail, sheets_per_area=sheets_per_area,
                      width=_terminal_width(), color=out is None and _color())
        if out is None:
            console.echo(text, nl=False)
        else:
            write_atomic(out, text)
            console.echo(f"report written to {out}", err=True)
    fails = _threshold_failures(result, fail_under_work, fail_under_org)
    for f in fails:
        console.echo(f"threshold failed: {f}", err=True)
    raise click.exceptions.Exit(EXIT_THRESHOLD if fails else EXIT_OK)


@cli.command()
@click.argument("dataset")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_personal_options
@_problem_options
@_neo4j_options
def convert(dataset: str, out: Path, keyfile: Path | None, keep_personal: bool,
            user: str | None, password: str | None, database: str | None, timeout: float,
            retry_time: float, lang: str = "zh",
        all_problems: bool = False) -> None:
    """Write DATASET as a graph file for Gephi or Cytoscape: OUT.graphml or OUT.gexf.

    Person nodes keep only their id and kind unless --with-personal-data is given."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    from .convert import write_graph

    if out.resolve() in _input_files(dataset):
        raise UsageError(f"{out} would overwrite an input file of {dataset}")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                   protect=_privacy(keyfile, keep_personal))
    write_graph(ds, out)
    console.echo(f"wrote {len(ds.nodes)} nodes and {len(ds.edges)} relationships to {out}",
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
@_problem_options
@_neo4j_options
def measures(dataset: str, fmt: str, out: Path | None, seed: int, k: int | None,
             exact_max: int | None, user: str | None, password: str | None,
             database: str | None, timeout: float, retry_time: float, lang: str = "zh",
        all_problems: bool = False) -> None:
    """Network measures of DATASET's tie graph: centrality and brokerage per organization,
    cohesion per community and city-wide, detected clusters against communities, and
    whether each community's core is central."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    from .measuring import measures as run_measures
    from .measuring.reporting import render as render_measures

    if out is not None and out.resolve() in _input_files(dataset):
        raise UsageError(f"--out {out} would overwrite an input file of {dataset}")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    result = run_measures(ds, seed=seed, k=SAMPLE_K if k is None else k,
                          exact_max=EXACT_MAX if exact_max is None else exact_max)
    data = render_measures(result, fmt)
    if out is None:
        console.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        console.echo(f"measures written to {out}", err=True)


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx", "html"]),
              default="table", show_default=True,
              help="table: a one-screen Chinese summary; json: SPEC section 7's document.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-on-regression", is_flag=True,
              help="Exit 1 when a unit regressed or an overall rate (own, organization, "
                   "work) fell.")
@click.option("--scope", type=click.Choice(["all", "two_new"]), default="all",
              show_default=True, help="Units in the coverage denominator.")
@click.option("--area", "areas", multiple=True, metavar="AREA",
              help="Compare only this street/town (Area id or name; repeatable).")
@click.option("--min-branch-members", type=click.IntRange(min=1), default=None,
              help="Members from which a unit should form its own branch [default: 3].")
@click.option("--sub-core-min-rating", type=click.IntRange(0, 5), default=None,
              help="Lowest PartyOrg rating for the sub-core circle [default: 4].")
@_neo4j_options
@_problem_options
def diff(old: str, new: str, fmt: str, out: Path | None, fail_on_regression: bool,
         scope: str, areas: tuple[str, ...], min_branch_members: int | None,
         sub_core_min_rating: int | None, user: str | None, password: str | None,
         database: str | None, timeout: float, retry_time: float, lang: str = "zh",
        all_problems: bool = False) -> None:
    """Compare two snapshots OLD and NEW (each a folder, an .xlsx workbook or a
    neo4j://... / bolt://... URI): units that improved or regressed, rate changes in
    percentage points, circles, findings resolved and new."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    from ._diff_report import render as render_diff
    from .comparing import diff as run_diff

    if fmt == "xlsx" and out is None:
        raise UsageError("--format xlsx writes a binary file: give --out PATH")
    if out is not None and out.resolve() in _input_files(old) | _input_files(new):
        raise UsageError(f"--out {out} would overwrite an input file")
    a = _read_any(old, user, password, database, timeout, retry_time=retry_time)
    b = _read_any(new, user, password, database, timeout, retry_time=retry_time)
    result = run_diff(a, b, scope=scope, area=list(areas) or None,
                      min_branch_members=min_branch_members,
                      sub_core_min_rating=sub_core_min_rating)
    data = render_diff(result, fmt)
    if out is None:
        console.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        console.echo(f"diff written to {out}", err=True)
    if fail_on_regression and result.regression:
        n = int((result.units["change"] == "regressed").sum())
        fell = ", ".join(result.fallen) or "none"
        console.echo(f"regression: {n} unit(s) regressed; overall rates that fell: {fell}",
                   err=True)
        raise click.exceptions.Exit(EXIT_THRESHOLD)


@cli.command()
@click.argument("datasets", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="csv is UTF-8 with a BOM (opens in Excel).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the table to this file instead of standard output.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the trend (plot.plot_trend) into this image (.png, .svg, .pdf).")
@click.option("--metric", type=click.Choice(["own", "organization", "work"]),
              default="organization", show_default=True, help="Rate drawn by --plot.")
@click.option("--scope", type=click.Choice(["all", "two_new"]), default="all",
              show_default=True, help="Units in the coverage denominator.")
@_neo4j_options
@_problem_options
def trend(datasets: tuple[str, ...], fmt: str, out: Path | None, plot_path: Path | None,
          metric: str, scope: str, user: str | None, password: str | None,
          database: str | None, timeout: float, retry_time: float, lang: str = "zh",
        all_problems: bool = False) -> None:
    """The overall and per-area coverage rates of DATASETS, ordered by their snapshot
    date (dataset.json), then by the order given."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    from ._diff_report import render_trend
    from .comparing import trend as run_trend

    inputs = set().union(*(_input_files(d) for d in datasets))
    for target in (out, plot_path):
        if target is not None and target.resolve() in inputs:
            raise UsageError(f"{target} would overwrite an input file")
    if plot_path is not None and plot_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(f"--plot {plot_path}: give a .png, .svg or .pdf file")
    sets = [_read_any(d, user, password, database, timeout, retry_time=retry_time)
            for d in datasets]
    frame = run_trend(sets, scope=scope)
    data = render_trend(frame, fmt, scope=scope)
    if plot_path is not None:
        import matplotlib

        matplotlib.use("Agg")
        from .plot import plot_trend

        buf = io.BytesIO()
        plot_trend(frame, metric=metric, scope=scope, save=buf, close=True,
                   format=plot_path.suffix.lower().lstrip("."))
        write_atomic(plot_path, buf.getvalue())
        console.echo(f"figure written to {plot_path}", err=True)
    if out is None:
        console.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        console.echo(f"trend written to {out}", err=True)


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx", "html"]),
              default="table", show_default=True,
              help="table: a Chinese action list by street and community; json: SPEC 6's "
                   "document (schema 1); xlsx: a work list (needs --out).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the plan to this file instead of standard output.")
@click.option("--apply", "apply_dir", type=click.Path(file_okay=False, path_type=Path),
              metavar="OUT_DIR",
              help="Also write the dataset with the plan carried out to OUT_DIR.")
@click.option("--scope", type=click.Choice(["all", "two_new"]), default="all",
              show_default=True, help="Units that get actions (and the rates' denominator).")
@click.option("--min-branch-members", type=click.IntRange(min=1), default=None,
              help="Members from which a unit forms its own branch [default: 3].")
@click.option("--max-joint-units", type=click.IntRange(min=2), default=None,
              help="Units a joint branch covers at most [default: 5].")
@click.option("--max-branch-members", type=click.IntRange(min=1), default=None,
              help="Members of the units a joint branch covers, at most [default: 50].")
@click.option("--instructor-capacity", type=click.IntRange(min=1), default=None,
              metavar="K", help="Units one instructor guides at most [default: 3].")
@click.option("--area", "areas", multiple=True, metavar="ID",
              help="List only the actions of this area (street/town); repeatable.")
@click.option("--community", "communities", multiple=True, metavar="ID",
              help="List only the actions of this community; repeatable.")
@_neo4j_options
def plan(dataset: str, fmt: str, out: Path | None, apply_dir: Path | None, scope: str,
         min_branch_members: int | None, max_joint_units: int | None,
         max_branch_members: int | None, instructor_capacity: int | None,
         areas: tuple[str, ...], communities: tuple[str, ...], user: str | None,
         password: str | None, database: str | None, timeout: float,
         retry_time: float) -> None:
    """Plan the actions that close DATASET's coverage gaps (SPEC section 6): own branches,
    joint branches, affiliations and instructors, with the projected rates.

    The approver of every action is the street's Party working committee (town: Party
    committee). --area/--community restrict the listed actions, not the plan."""
    from ._plan_report import render as render_plan
    from .planning import plan as run_plan

    if fmt == "xlsx" and out is None:
        raise UsageError("--format xlsx writes a binary file: give --out PATH")
    inputs = _input_files(dataset)
    if out is not None and out.resolve() in inputs:
        raise UsageError(f"--out {out} would overwrite an input file of {dataset}")
    if apply_dir is not None:
        targets = {(apply_dir / n).resolve() for n in ("nodes.csv", "edges.csv", "dataset.json")}
        if targets & inputs:
            raise UsageError(f"--apply {apply_dir} would overwrite the input {dataset}")
        if out is not None and out.resolve() in targets:
            raise UsageError(f"--out {out} is a file of --apply {apply_dir}")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    result = run_plan(ds, scope=scope, min_branch_members=min_branch_members,
                      max_joint_units=max_joint_units, max_branch_members=max_branch_members,
                      instructor_capacity=instructor_capacity)
    known = set(ds.nodes.loc[ds.nodes["label"] == V.AREA, "id"])
    unknown = [a for a in areas if a not in known]
    known = set(ds.nodes.loc[ds.nodes["label"] == V.COMMUNITY, "id"])
    unknown += [c for c in communities if c not in known]
    if unknown:
        raise UsageError(f"no such area or community in {dataset}: {', '.join(unknown)}")
    data = render_plan(result, fmt, areas=areas, communities=communities)
    applied = result.apply() if apply_dir is not None else None
    if out is None:
        click.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
    else:
        try:
            write_atomic(out, data)
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from exc
        click.echo(f"plan written to {out}", err=True)
    if applied is not None:
        try:
            write_dataset(applied, apply_dir)
        except OSError as exc:
            raise UsageError(f"cannot write {apply_dir}: {exc.strerror or exc}") from exc
        click.echo(f"planned dataset written to {apply_dir} ({len(applied.nodes)} nodes, "
                   f"{len(applied.edges)} relationships)", err=True)
    s = result.summary
    click.echo(f"{len(result.actions)} actions: {s['form_branch']} own branches, "
               f"{s['new_joint_branches']} new joint branches, {s['join_joint']} units joining "
               f"existing ones, {s['affiliate']} affiliations, {s['new_instructors']} new "
               "instructors", err=True)


def _connect(uri: str, user: str | None, password: str | None, database: str | None,
             timeout: float, retry_time: float = DEFAULT_RETRY_TIME) -> Any:
    from .store import connect

    # the driver logs every broken connection; graphkit reports retries and failures itself
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)

    def report(event: Any) -> None:
        console.echo(f"warning: {event}", err=True)

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
    _echo_problems(list(ds.warnings), err=True, lang=_OPTIONS.get("lang", "zh"),
                   all_problems=_OPTIONS.get("all_problems", False))
    return ds


@cli.command()
@click.argument("keyfile", type=click.Path(dir_okay=False, path_type=Path))
def keygen(keyfile: Path) -> None:
    """Create KEYFILE holding a new random key for --pseudonymize (owner-only, never
    overwritten). Keep it: the same key gives the same pseudonyms in every snapshot."""
    from .privacy import make_key

    make_key(keyfile)
    console.echo(f"wrote a new key to {keyfile} (readable by you only)", err=True)


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--units", type=click.IntRange(1, SYNTH_MAX_UNITS), default=None,
              help=f"Number of units (the coverage denominator), 1..{SYNTH_MAX_UNITS:,}; "
                   "required without --evolve.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--evolve", "evolve_from", metavar="OLD_DIR", default=None,
              help="Write the next snapshot of the dataset OLD_DIR instead: new and closed "
                   "units, branches formed, instructors assigned, some regressions.")
def synth(out_dir: Path, units: int | None, seed: int, evolve_from: str | None) -> None:
    """Write a synthetic city dataset with UNITS units to OUT_DIR (deterministic per seed),
    or with --evolve OLD_DIR a plausible next snapshot of OLD_DIR."""
    if evolve_from is not None:
        _evolve(evolve_from, out_dir, seed, units)
        return
    if units is None:
        raise UsageError("synth needs --units N (or --evolve OLD_DIR)")
    from .synth import synthesize

    info = synthesize(out_dir, units=units, seed=seed)
    console.echo(f"wrote {info['nodes']} nodes and {info['edges']} relationships "
               f"({info['units']} units, {info['communities']} communities, "
               f"{info['areas']} areas) to {out_dir}", err=True)


def _evolve(old_dir: str, out_dir: Path, seed: int, units: int | None) -> None:
    from .synth import evolve

    if units is not None:
        raise UsageError("--units and --evolve exclude each other")
    if out_dir.resolve() in _input_files(old_dir) | {Path(old_dir).resolve()}:
        raise UsageError(f"{out_dir} is the old snapshot: write the next one elsewhere")
    info = evolve(old_dir, out_dir, seed=seed)
    console.echo(f"wrote {info['nodes']} nodes and {info['edges']} relationships "
               f"({info['units']} units: {info['units_added']} new, {info['units_closed']} "
               f"closed, {info['branches_formed']} branches and "
               f"{info['joint_branches_formed']} joint branches formed, "
               f"{info['instructors_assigned']} instructors assigned, {info['regressions']} "
               f"regressions) to {out_dir}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the command line and return its exit code.

    Every output goes through :data:`graphkit._console.console`, which withholds the
    passwords of the command line and its environment; a stream or file that cannot be
    written exits 2."""
    args = sys.argv[1:] if argv is None else list(argv)
    with console.session(secrets_of(args, os.environ)):
        rc = _run(args)
        try:
            console.out("", nl=False)  # flush standard output: a full disk shows here
        except UsageError as exc:
            console.err(f"error: {exc}")
            silence_stdout()
            rc = EXIT_INVALID
    return rc


def _run(args: list[str]) -> int:
    _OPTIONS.clear()
    try:
        rv = cli.main(args=args, prog_name="graphkit", standalone_mode=False)
    except ValidationError as exc:
        problems = exc.problems
        key = console.pseudonym_key
        if key is not None:
            from .privacy import pseudonymize_values

            problems = [pseudonymize_values(p, key) for p in problems]
        lang = _OPTIONS.get("lang", "zh")
        _echo_problems(problems, err=True, lang=lang,
                       all_problems=_OPTIONS.get("all_problems", False))
        if key is not None:
            console.err("(values in these messages are shown as pseudonyms under "
                        "--pseudonymize; `graphkit validate DATASET` shows them)")
        console.err(f"数据集无效：{len(exc.errors)} 个错误；未写出任何文件" if lang == "zh" else
                    f"invalid dataset: {len(exc.errors)} error(s); nothing was written")
        return EXIT_INVALID
    except (UsageError, StoreError) as exc:
        if isinstance(exc, UsageError) and getattr(exc, "path", None) is not None and \
                str(exc.path) == "standard output":
            silence_stdout()
        console.err(f"error: {exc}")
        return EXIT_STORE if isinstance(exc, StoreError) else EXIT_INVALID
    except click.exceptions.Abort:
        console.err("aborted")
        return 130
    except click.ClickException as exc:
        buf = _Buffer()
        exc.show(file=buf)
        console.err(buf.getvalue(), nl=False)
        return EXIT_INVALID
    except GraphkitError as exc:
        console.err(f"error: {exc}")
        return EXIT_INVALID
    except OSError as exc:  # an output not written through graphkit._atomic
        where = f" {exc.filename}" if exc.filename else ""
        console.err(f"error: cannot write{where}: {exc.strerror or exc}")
        return EXIT_INVALID
    except MemoryError:
        console.err("error: not enough memory for this dataset on this machine; audit it "
                    "with --engine spark, or on a machine with more memory")
        return EXIT_INVALID
    except Exception as exc:
        if os.environ.get("GRAPHKIT_DEBUG"):
            raise
        console.err(f"error: graphkit failed unexpectedly ({exc.__class__.__name__}: "
                    f"{str(exc)[:300]}); this is a bug, please report it with the command "
                    "line (GRAPHKIT_DEBUG=1 shows the traceback)")
        return EXIT_INVALID
    return rv if isinstance(rv, int) else EXIT_OK


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
