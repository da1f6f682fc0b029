"""Office rosters: ``import`` (rosters to a dataset) and ``rosters`` (a dataset as rosters,
the template), SPEC section 9. Help and messages: :mod:`graphkit.messages.rosters`."""


from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from ..errors import UsageError
from ..messages import t
from ..network._atomic import write_all_atomic
from ._common import (
    _OPTIONS,
    EXIT_INVALID,
    _color,
    _neo4j_options,
    _problem_options,
    _read_any,
    _terminal_width,
    cli,
)
from ._console import console

#: Warnings of ``graphkit rosters`` printed before "... and N more".
WARNINGS_SHOWN = 20


def _snapshot(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise UsageError(t("rosters.bad_snapshot", value=value))


@cli.command("import")
@click.argument("rosters_path", metavar="ROSTERS", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--partial", is_flag=True)
@click.option("--name", default=None)
@click.option("--snapshot", default=None, metavar="YYYY-MM-DD")
@_problem_options
def import_(rosters_path: Path, out: Path, partial: bool, name: str | None,
            snapshot: str | None, all_problems: bool) -> None:
    """Import rosters (help: the catalogue's ``cli.import``)."""
    from ..adapters.rosters import import_rosters
    from ..network.io import write_dataset
    from ..report import to_text, to_xlsx

    _OPTIONS.update(all_problems=all_problems)
    snap = _snapshot(snapshot)
    if out.resolve() == rosters_path.resolve():
        raise UsageError(t("rosters.out_is_input", out=out, rosters=rosters_path))
    ds, review = import_rosters(rosters_path, partial=partial, name=name, snapshot=snap)
    for line in review.warnings:
        console.echo(line, err=True)
    doc = review.document()
    summary = to_text(doc, width=_terminal_width(), color=_color())
    if ds is None:
        for line in review.lines():
            console.echo(line, err=True)
        console.echo(summary)
        console.echo(t("rosters.failed", n=len(review.entries)), err=True)
        raise click.exceptions.Exit(EXIT_INVALID)
    if out.exists() and not out.is_dir():
        raise UsageError(t("rosters.out_is_input", out=out, rosters=rosters_path))
    files = {out / "review.json": review.to_json(),
             out / "review.xlsx": to_xlsx(doc)} if review.entries else {}
    write_dataset(ds, out)
    if files:
        write_all_atomic(files)
    else:  # a review left by an earlier import would describe rosters since corrected
        for name in ("review.json", "review.xlsx"):
            (out / name).unlink(missing_ok=True)
    console.echo(summary)
    if review.entries:
        console.echo(t("rosters.review_written", json=out / "review.json",
                       xlsx=out / "review.xlsx"))
    console.echo(t("rosters.written", path=out))


@cli.command()
@click.argument("dataset")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@_neo4j_options
@_problem_options
def rosters(dataset: str, out: Path, user: str | None, password: str | None,
            database: str | None, timeout: float, retry_time: float,
            all_problems: bool) -> None:
    """Write a dataset as rosters (help: the catalogue's ``cli.rosters``)."""
    from ..adapters.rosters import write_rosters

    _OPTIONS.update(all_problems=all_problems)
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    path, warnings = write_rosters(ds, out)
    shown = warnings if all_problems else warnings[:WARNINGS_SHOWN]
    for text in shown:
        console.echo(t("rosters.cannot_hold", text=text), err=True)
    if len(shown) < len(warnings):
        console.echo(t("rosters.more_warnings", n=len(warnings) - len(shown)), err=True)
    console.echo(t("rosters.template_written", path=path))
