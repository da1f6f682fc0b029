"""Following a plan through: ``progress`` (SPEC section 10).

Help and messages are the catalogue's ``cli.progress*``, ``progress.*`` and ``worklist.*``
(:mod:`graphkit.messages.progress`).
"""


from __future__ import annotations

from pathlib import Path

import click

from .. import messages
from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ._common import (
    _OPTIONS,
    EXIT_OK,
    EXIT_THRESHOLD,
    _check_engine,
    _check_out,
    _color,
    _deliver,
    _engine,
    _engine_options,
    _input_files,
    _neo4j_options,
    _on_stdout,
    _problem_options,
    _read_any,
    _terminal_width,
    cli,
)
from ._console import console

FORMATS = ("table", "json", "markdown", "xlsx", "html")


@cli.command()
@click.argument("plan_file", metavar="PLAN", type=click.Path(dir_okay=True, path_type=Path))
@click.argument("new")
@click.option("--worklist", type=click.Path(path_type=Path), metavar="FILLED.xlsx")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--fail-on-discrepancy", is_flag=True)
@click.option("--detail", is_flag=True)
@_engine_options
@_problem_options
@_neo4j_options
def progress(plan_file: Path, new: str, worklist: Path | None, fmt: str, out: Path | None,
             fail_on_discrepancy: bool, detail: bool, engine_name: str,
             spark_master: str | None,
             all_problems: bool, user: str | None, password: str | None,
             database: str | None, timeout: float, retry_time: float) -> None:
    """``graphkit progress`` (SPEC section 10); its help is the catalogue's
    ``cli.progress``."""
    _OPTIONS.update(all_problems=all_problems)
    from ..analysis.tracking import progress as run_progress

    if detail and fmt != "table":
        raise UsageError(t("progress.detail_table"))
    inputs = _input_files(new) | {plan_file.resolve()}
    if worklist is not None:
        inputs.add(worklist.resolve())
    _check_out(out, inputs, binary=fmt == "xlsx", fmt=fmt, key="progress.overwrites_input")
    _check_engine(engine_name, spark_master)
    ds = _read_any(new, user, password, database, timeout, retry_time=retry_time)
    result = run_progress(plan_file, ds, worklist, engine=_engine(engine_name, spark_master))
    if result.problems:
        console.echo(t("progress.worklist_problems", file=result.worklist.file,
                       n=len(result.problems)), err=True)
        for p in result.problems:
            console.echo(p.format(), err=True)
    if worklist is not None and result.new.get("snapshot") is None:
        console.echo(t("cli.warning", message=t("progress.no_snapshot")), err=True)
    if fmt == "json":
        data: str | bytes = result.to_json_bytes()
    else:
        from ..report import render

        data = render(result, fmt, width=_terminal_width(),
                      color=_on_stdout(out) and _color(), detail=detail)
    _deliver(out, data, "cli.report_written")
    states = {s: 0 for s in V.VERIFIED_STATES}
    for s in result.actions["verified"]:
        states[s] += 1
    console.echo(t("progress.summary", n=len(result.actions), discrepancies=result.discrepancies,
                   **states), err=True)
    if fail_on_discrepancy and result.discrepancies:
        zh = messages.current() == "zh"
        what = ("，" if zh else ", ").join(
            f"{V.DISCREPANCY_NAMES_ZH[k] if zh else k} {n}"
            for k, n in result.summary["discrepancies"].items())
        console.echo(t("progress.discrepancy_exit", what=what), err=True)
        raise click.exceptions.Exit(EXIT_THRESHOLD)
    raise click.exceptions.Exit(EXIT_OK)
