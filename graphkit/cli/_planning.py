"""The gap-closing plan: ``plan`` (SPEC section 6)."""


from __future__ import annotations

from pathlib import Path

import click

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..network.io import write_dataset
from ._common import (
    _OPTIONS,
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
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "xlsx", "html"]),
              default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--apply", "apply_dir", type=click.Path(file_okay=False, path_type=Path),
              metavar="OUT_DIR")
@click.option("--scope", type=click.Choice(V.SCOPES), default="all",
              show_default=True)
@click.option("--min-branch-members", type=_Count(1), default=None)
@click.option("--max-joint-units", type=_Count(2), default=None)
@click.option("--max-branch-members", type=_Count(1), default=None)
@click.option("--instructor-capacity", type=_Count(1), default=None, metavar="K")
@click.option("--area", "areas", multiple=True, metavar="STREET")
@click.option("--community", "communities", multiple=True, metavar="COMMUNITY")
@_engine_options
@_problem_options
@_neo4j_options
def plan(dataset: str, fmt: str, out: Path | None, apply_dir: Path | None, scope: str,
         min_branch_members: int | None, max_joint_units: int | None,
         max_branch_members: int | None, instructor_capacity: int | None,
         areas: tuple[str, ...], communities: tuple[str, ...], engine_name: str,
         spark_master: str | None, all_problems: bool, user: str | None,
         password: str | None, database: str | None, timeout: float,
         retry_time: float) -> None:
    """``graphkit plan`` (SPEC section 6); help: the catalogue's ``cli.plan``."""
    _OPTIONS.update(all_problems=all_problems)
    from ..analysis.narrowing import narrow
    from ..analysis.planning import plan as run_plan
    from ..report import render

    inputs = _input_files(dataset)
    _check_out(out, inputs, binary=fmt == "xlsx", fmt=fmt, dataset=dataset)
    if apply_dir is not None:
        targets = {(apply_dir / n).resolve() for n in ("nodes.csv", "edges.csv", "dataset.json")}
        if targets & inputs:
            raise UsageError(t("plan.apply_overwrites_input", path=apply_dir, dataset=dataset))
        if not _on_stdout(out) and out is not None and out.resolve() in targets:
            raise UsageError(t("plan.out_in_apply", out=out, path=apply_dir))
    _check_engine(engine_name, spark_master)
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    area_ids, community_ids = _locate(ds, areas=areas, communities=communities)
    result = run_plan(ds, scope=scope, min_branch_members=min_branch_members,
                      max_joint_units=max_joint_units, max_branch_members=max_branch_members,
                      instructor_capacity=instructor_capacity,
                      engine=_engine(engine_name, spark_master))
    data = render(narrow(result, areas=area_ids, communities=community_ids), fmt,
                  width=_terminal_width(), color=_on_stdout(out) and _color())
    applied = result.apply() if apply_dir is not None else None
    _deliver(out, data, "plan.written")
    if applied is not None:
        write_dataset(applied, apply_dir)
        console.echo(t("plan.applied", path=apply_dir, nodes=len(applied.nodes),
                       edges=len(applied.edges)), err=True)
    console.echo(t("plan.summary", actions=len(result.actions), **result.summary), err=True)
