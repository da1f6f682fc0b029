"""Commands on dataset files: ``validate``, ``convert``, ``keygen``, ``synth``."""


from __future__ import annotations

import json
from pathlib import Path

import click

from .. import messages
from ..adapters.synth import MAX_UNITS as SYNTH_MAX_UNITS
from ..errors import UsageError
from ..messages import t
from ..network._atomic import write_atomic
from ..network.io import validate_dataset
from ._common import (
    _OPTIONS,
    EXIT_INVALID,
    EXIT_OK,
    _check_out,
    _Count,
    _deliver,
    _echo_problems,
    _input_files,
    _neo4j_options,
    _on_stdout,
    _personal_options,
    _privacy,
    _problem_options,
    _read_any,
    cli,
)
from ._console import console
from ._help import HELP_VALUES


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True)
@_problem_options
def validate(dataset: str, fmt: str, out: Path | None, strict: bool,
             all_problems: bool) -> None:
    """``graphkit validate`` (SPEC section 5); help: the catalogue's ``cli.validate``."""
    _OPTIONS.update(all_problems=all_problems)
    lang = messages.current()
    _check_out(out, _input_files(dataset), dataset=dataset)
    problems = validate_dataset(dataset)
    errors = [p for p in problems if p.severity == "error"]
    failed = bool(errors) or (strict and bool(problems))
    verdict = t("validate.verdict_invalid" if errors else "validate.verdict_valid",
                dataset=dataset, errors=len(errors), warnings=len(problems) - len(errors))
    if fmt == "json":
        doc = {"dataset": dataset, "valid": not errors, "passed": not failed,
               "strict": strict, "errors": len(errors),
               "warnings": len(problems) - len(errors),
               "problems": [p.to_dict(lang) for p in problems]}
        _deliver(out, json.dumps(doc, ensure_ascii=False, indent=2) + "\n", "validate.written")
    elif not _on_stdout(out):
        lines = [p.format(lang) for p in problems]
        write_atomic(out, "\n".join([*lines, verdict]) + "\n")
        console.echo(verdict, err=True)
    else:
        _echo_problems(problems, err=failed, all_problems=all_problems)
        console.echo(verdict, err=failed)
    raise click.exceptions.Exit(EXIT_INVALID if failed else EXIT_OK)


@cli.command()
@click.argument("dataset")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--organizations", is_flag=True)
@_personal_options
@_problem_options
@_neo4j_options
def convert(dataset: str, out: Path, organizations: bool, keyfile: Path | None,
            keep_personal: bool, all_problems: bool, user: str | None,
            password: str | None, database: str | None, timeout: float,
            retry_time: float) -> None:
    """``graphkit convert``; help: the catalogue's ``cli.convert``."""
    _OPTIONS.update(all_problems=all_problems)
    from ..adapters.convert import write_graph, write_organizations

    if out.resolve() in _input_files(dataset):
        raise UsageError(t("convert.overwrites_input", out=out, dataset=dataset))
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                   protect=_privacy(keyfile, keep_personal))
    if organizations:
        write_organizations(ds, out)
        console.echo(t("convert.organizations_written", path=out), err=True)
        return
    write_graph(ds, out)
    console.echo(t("convert.written", nodes=len(ds.nodes), edges=len(ds.edges), path=out),
                 err=True)


@cli.command()
@click.argument("keyfile", type=click.Path(dir_okay=False, path_type=Path))
def keygen(keyfile: Path) -> None:
    """``graphkit keygen``; help: the catalogue's ``cli.keygen``."""
    from ..network.privacy import make_key

    make_key(keyfile)
    console.echo(t("keygen.written", path=keyfile), err=True)


HELP_VALUES.update(synth_max_units=f"{SYNTH_MAX_UNITS:,}")


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--units", type=_Count(1, SYNTH_MAX_UNITS), default=None)
@click.option("--seed", type=_Count(-(2**63), 2**63 - 1), default=0, show_default=True)
@click.option("--evolve", "evolve_from", metavar="OLD_DIR", default=None)
def synth(out_dir: Path, units: int | None, seed: int, evolve_from: str | None) -> None:
    """``graphkit synth``; help: the catalogue's ``cli.synth``."""
    if evolve_from is not None:
        _evolve(evolve_from, out_dir, seed, units)
        return
    if units is None:
        raise UsageError(t("synth.needs_units"))
    from ..adapters.synth import synthesize

    info = synthesize(out_dir, units=units, seed=seed)
    console.echo(t("synth.written", path=out_dir, **info), err=True)


def _evolve(old_dir: str, out_dir: Path, seed: int, units: int | None) -> None:
    from ..adapters.synth import evolve

    if units is not None:
        raise UsageError(t("cli.exclusive", a="--units", b="--evolve"))
    if out_dir.resolve() in _input_files(old_dir) | {Path(old_dir).resolve()}:
        raise UsageError(t("synth.is_old_snapshot", path=out_dir))
    info = evolve(old_dir, out_dir, seed=seed)
    console.echo(t("synth.evolved", path=out_dir, **info), err=True)
