"""The gap-closing plan: ``plan`` (SPEC section 6)."""


from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..network._atomic import write_atomic
from ..network.io import write_dataset
from ._common import (
    _color,
    _input_files,
    _neo4j_options,
    _read_any,
    _terminal_width,
    cli,
)


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
    from ..analysis.narrowing import narrow
    from ..analysis.planning import plan as run_plan
    from ..report import render

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
    data = render(narrow(result, areas=areas, communities=communities), fmt,
                  width=_terminal_width(), color=out is None and _color())
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
