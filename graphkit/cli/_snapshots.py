"""Comparing snapshots: ``diff`` and ``trend`` (SPEC section 7)."""


from __future__ import annotations

import io
from pathlib import Path

import click

from ..errors import UsageError
from ..network._atomic import write_atomic
from ._common import (
    _OPTIONS,
    EXIT_THRESHOLD,
    _input_files,
    _neo4j_options,
    _problem_options,
    _read_any,
    cli,
)
from ._console import console


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
    from ..analysis.comparing import diff as run_diff
    from ..report._diff_report import render as render_diff

    if fmt == "xlsx" and out is None:
        raise UsageError("--format xlsx writes a binary file: give --out PATH")
    if out is not None and out.resolve() in _input_files(old) | _input_files(new):
        raise UsageError(f"--out {out} would overwrite an input file")
    a = _read_any(old, user, password, database, timeout, retry_time=retry_time)
    b = _read_any(new, user, password, database, timeout, retry_time=retry_time)
    result = run_diff(a, b, scope=scope, area=list(areas) or None,
                      min_branch_members=min_branch_members,
                      sub_core_min_rating=sub_core_min_rating)
    data = render_diff(result.as_plain(), fmt)  # the reports read plain values
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
    from ..analysis.comparing import trend as run_trend
    from ..report._diff_report import render_trend

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
        from ..report.plot import plot_trend

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
