"""Comparing snapshots: ``diff`` and ``trend`` (SPEC section 7)."""


from __future__ import annotations

import io
from pathlib import Path

import click

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..network._atomic import write_atomic
from ._common import (
    _OPTIONS,
    EXIT_THRESHOLD,
    _check_engine,
    _check_out,
    _color,
    _Count,
    _deliver,
    _engine,
    _engine_options,
    _input_files,
    _locate,
    _neo4j_options,
    _on_stdout,
    _problem_options,
    _read_any,
    _terminal_width,
    cli,
)
from ._console import console


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx", "html"]),
              default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--fail-on-regression", is_flag=True)
@click.option("--scope", type=click.Choice(V.SCOPES), default="all",
              show_default=True)
@click.option("--area", "areas", multiple=True, metavar="STREET")
@click.option("--min-branch-members", type=_Count(1), default=None)
@click.option("--sub-core-min-rating", type=_Count(0, 5), default=None)
@_engine_options
@_neo4j_options
@_problem_options
def diff(old: str, new: str, fmt: str, out: Path | None, fail_on_regression: bool,
         scope: str, areas: tuple[str, ...], min_branch_members: int | None,
         sub_core_min_rating: int | None, engine_name: str, spark_master: str | None,
         user: str | None, password: str | None, database: str | None, timeout: float,
         retry_time: float, all_problems: bool) -> None:
    """``graphkit diff`` (SPEC section 7); help: the catalogue's ``cli.diff``."""
    _OPTIONS.update(all_problems=all_problems)
    from ..analysis.comparing import diff as run_diff
    from ..report import render

    _check_out(out, _input_files(old) | _input_files(new), binary=fmt == "xlsx", fmt=fmt,
               key="diff.overwrites_input")
    _check_engine(engine_name, spark_master)
    a = _read_any(old, user, password, database, timeout, retry_time=retry_time, role="OLD")
    b = _read_any(new, user, password, database, timeout, retry_time=retry_time, role="NEW")
    area_ids, _ = _locate([a, b], areas=areas)
    result = run_diff(a, b, scope=scope, area=list(area_ids) or None,
                      min_branch_members=min_branch_members,
                      sub_core_min_rating=sub_core_min_rating,
                      engine=_engine(engine_name, spark_master))
    data = render(result, fmt, width=_terminal_width(), color=_on_stdout(out) and _color())
    _deliver(out, data, "diff.written")
    if fail_on_regression and result.regression:
        n = int((result.units["change"] == "regressed").sum())
        fell = t("places.separator").join(t(f"diff.rate.{r}") for r in result.fallen) \
            or t("diff.none")
        console.echo(t("diff.regression", n=n, fell=fell), err=True)
        raise click.exceptions.Exit(EXIT_THRESHOLD)


@cli.command()
@click.argument("datasets", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown", "html",
                                                  "xlsx"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--metric", type=click.Choice(V.RATES),
              default="organization", show_default=True)
@click.option("--scope", type=click.Choice(V.SCOPES), default="all",
              show_default=True)
@_engine_options
@_neo4j_options
@_problem_options
def trend(datasets: tuple[str, ...], fmt: str, out: Path | None, plot_path: Path | None,
          metric: str, scope: str, engine_name: str, spark_master: str | None,
          user: str | None, password: str | None, database: str | None, timeout: float,
          retry_time: float, all_problems: bool) -> None:
    """``graphkit trend`` (SPEC section 7); help: the catalogue's ``cli.trend``."""
    _OPTIONS.update(all_problems=all_problems)
    from ..analysis.comparing import trend as run_trend
    from ..report import render

    if fmt == "xlsx" and out is None:
        raise UsageError(t("cli.needs_out", fmt=fmt, what=t("cli.binary_file")))
    inputs = set().union(*(_input_files(d) for d in datasets))
    _check_out(out, inputs, key="trend.overwrites_input", path=out)
    if plot_path is not None and plot_path.resolve() in inputs:
        raise UsageError(t("trend.overwrites_input", path=plot_path))
    if plot_path is not None and plot_path.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise UsageError(t("trend.plot_suffix", path=plot_path))
    _check_engine(engine_name, spark_master)
    sets = [_read_any(d, user, password, database, timeout, retry_time=retry_time,
                      role=f"D{i}") for i, d in enumerate(datasets, start=1)]
    frame = run_trend(sets, scope=scope, engine=_engine(engine_name, spark_master))
    data = render(frame, fmt, scope=scope, width=_terminal_width(),
                  color=_on_stdout(out) and _color())
    if plot_path is not None:
        import matplotlib

        matplotlib.use("Agg")
        from ..report.plot import plot_trend

        buf = io.BytesIO()
        plot_trend(frame, metric=metric, scope=scope, save=buf, close=True,
                   format=plot_path.suffix.lower().lstrip("."))
        write_atomic(plot_path, buf.getvalue())
        console.echo(t("trend.figure_written", path=plot_path), err=True)
    _deliver(out, data, "trend.written")
