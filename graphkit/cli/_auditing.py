"""The audit (``audit``, SPEC section 5) and the network measures (``measures``)."""


from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..analysis._measure_defaults import EXACT_MAX, SAMPLE_K
from ..analysis.auditing import audit as run_audit
from ..errors import UsageError
from ..network._atomic import write_atomic, write_atomic_stream
from ..report import (
    BINARY_FORMATS,
    DEFAULT_TARGET_ORG,
    DEFAULT_TARGET_WORK,
    FORMATS,
    render,
    restrict,
)
from ._common import (
    _OPTIONS,
    EXIT_OK,
    EXIT_THRESHOLD,
    _check_engine,
    _color,
    _engine,
    _engine_options,
    _Finite,
    _input_files,
    _neo4j_options,
    _privacy,
    _problem_options,
    _pseudonymize_option,
    _read_any,
    _terminal_width,
    cli,
)
from ._console import console


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
        from ..report._parquet import write_parquet

        write_parquet(result, out)
        console.echo(f"Parquet files written to {out}", err=True)
    elif fmt == "json":
        from ..report import _json

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
    from ..analysis.measuring import measures as run_measures
    from ..analysis.measuring.reporting import render as render_measures

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
