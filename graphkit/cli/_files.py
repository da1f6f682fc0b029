"""Commands on dataset files: ``validate``, ``convert``, ``keygen``, ``synth``."""


from __future__ import annotations

import json
from pathlib import Path

import click

from ..adapters.synth import MAX_UNITS as SYNTH_MAX_UNITS
from ..errors import UsageError
from ..network._atomic import write_atomic
from ..network.io import validate_dataset
from ._common import (
    _OPTIONS,
    EXIT_INVALID,
    EXIT_OK,
    _echo_problems,
    _input_files,
    _neo4j_options,
    _personal_options,
    _privacy,
    _problem_options,
    _read_any,
    cli,
)
from ._console import console


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


@cli.command()
@click.argument("dataset")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--organizations", is_flag=True,
              help="只写组织联结网络（党组织和没有自身党组织的单位，不含人员），带审计结果、"
                   "布局位置和配色，供 Gephi 打开；OUT 须为 .gexf。")
@_personal_options
@_problem_options
@_neo4j_options
def convert(dataset: str, out: Path, organizations: bool, keyfile: Path | None,
            keep_personal: bool, user: str | None, password: str | None,
            database: str | None, timeout: float, retry_time: float, lang: str = "zh",
            all_problems: bool = False) -> None:
    """Write DATASET as a graph file for Gephi or Cytoscape: OUT.graphml or OUT.gexf.

    Person nodes keep only their id and kind unless --with-personal-data is given."""
    _OPTIONS.update(lang=lang, all_problems=all_problems)
    from ..adapters.convert import write_graph, write_organizations

    if out.resolve() in _input_files(dataset):
        raise UsageError(f"{out} would overwrite an input file of {dataset}")
    if organizations and out.suffix.lower() != ".gexf":
        raise UsageError(f"{out.name}: --organizations writes GEXF (OUT.gexf, for Gephi)")
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                   protect=_privacy(keyfile, keep_personal))
    if organizations:
        write_organizations(ds, out)
        console.echo(f"wrote the tie network of organizations and units to {out}", err=True)
        return
    write_graph(ds, out)
    console.echo(f"wrote {len(ds.nodes)} nodes and {len(ds.edges)} relationships to {out}",
               err=True)


@cli.command()
@click.argument("keyfile", type=click.Path(dir_okay=False, path_type=Path))
def keygen(keyfile: Path) -> None:
    """Create KEYFILE holding a new random key for --pseudonymize (owner-only, never
    overwritten). Keep it: the same key gives the same pseudonyms in every snapshot."""
    from ..network.privacy import make_key

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
    from ..adapters.synth import synthesize

    info = synthesize(out_dir, units=units, seed=seed)
    console.echo(f"wrote {info['nodes']} nodes and {info['edges']} relationships "
               f"({info['units']} units, {info['communities']} communities, "
               f"{info['areas']} areas) to {out_dir}", err=True)


def _evolve(old_dir: str, out_dir: Path, seed: int, units: int | None) -> None:
    from ..adapters.synth import evolve

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
