"""The audit (``audit``, SPEC section 5) and the network measures (``measures``)."""


from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import vocab as V
from ..analysis._measure_defaults import EXACT_MAX, SAMPLE_K
from ..analysis.auditing import audit as run_audit
from ..errors import UsageError
from ..messages import t
from ..network._atomic import synced_writes, write_atomic_stream
from ..network._threads import WriterBeside
from ..report import BINARY_FORMATS, FORMATS
from ..settings import DEFAULT_TARGET_ORG, DEFAULT_TARGET_WORK
from ._common import (
    _OPTIONS,
    EXIT_OK,
    EXIT_THRESHOLD,
    _check_engine,
    _check_out,
    _color,
    _Count,
    _deliver,
    _engine,
    _engine_options,
    _Finite,
    _input_files,
    _locate,
    _neo4j_options,
    _on_stdout,
    _privacy,
    _problem_options,
    _pseudonymize_option,
    _read_any,
    _terminal_width,
    cli,
)
from ._console import console
from ._help import HELP_VALUES


def _threshold_failures(result: Any, work: float | None, org: float | None) -> list[str]:
    fails = []
    rates = result.overall
    for name, wanted in (("work", work), ("organization", org)):
        if wanted is None:
            continue
        got = rates[name]
        label = t(f"audit.rate.{name}")
        if got is None or got != got:
            fails.append(t("audit.rate_undefined", rate=label, wanted=wanted))
        elif got < wanted:
            fails.append(t("audit.rate_below", rate=label, got=got, wanted=wanted,
                           units=rates["units"]))
    return fails


def _previous(old: str, ds: Any, places: tuple[tuple[str, ...], tuple[str, ...]],
              audit_options: dict[str, Any], *store: Any) -> Any:
    """The diff from the snapshot `old` to the audited one, narrowed to the same place: its
    rates are the report's 上期 / 增减 columns."""
    from ..analysis.comparing import diff
    from ..analysis.narrowing import narrow

    d = diff(_read_any(old, *store[:4], retry_time=store[4]), ds, **audit_options)
    return narrow(d, areas=places[0], communities=places[1])


def _deliver_json(out: Path | None, result: Any, written: str) -> None:
    """The JSON document of an audit or of the measures, streamed piece by piece (a million
    units' or entities' records are never all held) to standard output or to the file
    ``--out``, then the message `written` on stderr."""
    from ..report import _json

    if _on_stdout(out):
        fd = console.data_file()  # `> file`: flushed to disk as it grows, as --out is
        write = console.data if fd is None else synced_writes(console.data, fd, quiet=True)
        # written while the next piece is made; on Ctrl-C or SIGTERM the command ends
        # without waiting for a piece a paused reader (`| less`) does not take
        with WriterBeside(write, wait_on_error=False) as sink:
            _json.write(result, sink)
    else:
        write_atomic_stream(out, lambda fh: _json.write(result, fh))
        console.echo(t(written, path=out), err=True)


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "parquet"]), default="table",
              show_default=True)
@click.option("--out", type=click.Path(path_type=Path))
@click.option("--scope", type=click.Choice(V.SCOPES), default="all",
              show_default=True)
@click.option("--fail-under-work", type=_Finite(0, 1), metavar="RATE")
@click.option("--fail-under-org", type=_Finite(0, 1), metavar="RATE")
@click.option("--min-branch-members", type=_Count(1), default=None)
@click.option("--sub-core-min-rating", type=_Count(0, 5), default=None)
@click.option("--target-work", type=_Finite(0, 1), default=DEFAULT_TARGET_WORK,
              show_default=True, metavar="RATE")
@click.option("--target-org", type=_Finite(0, 1), default=DEFAULT_TARGET_ORG,
              show_default=True, metavar="RATE")
@click.option("--area", metavar="STREET")
@click.option("--community", metavar="COMMUNITY")
@click.option("--detail", is_flag=True)
@click.option("--sheets-per-area", is_flag=True)
@click.option("--by", "by", metavar="ATTR", multiple=True)
@click.option("--previous", metavar="OLD")
@_engine_options
@_problem_options
@_pseudonymize_option
@_neo4j_options
def audit(dataset: str, fmt: str, out: Path | None, scope: str,
          fail_under_work: float | None, fail_under_org: float | None,
          min_branch_members: int | None, sub_core_min_rating: int | None,
          target_work: float, target_org: float, area: str | None, community: str | None,
          detail: bool, sheets_per_area: bool, by: tuple[str, ...], previous: str | None,
          engine_name: str, spark_master: str | None, all_problems: bool,
          keyfile: Path | None, user: str | None, password: str | None,
          database: str | None, timeout: float, retry_time: float) -> None:
    """``graphkit audit`` (SPEC section 5); its help is the catalogue's ``cli.audit``."""
    _OPTIONS.update(all_problems=all_problems)
    if sheets_per_area and fmt != "xlsx":
        raise UsageError(t("audit.sheets_per_area_xlsx"))
    if detail and fmt != "table":
        raise UsageError(t("audit.detail_table"))
    _check_out(out, _input_files(dataset), binary=fmt in BINARY_FORMATS,
               folder=fmt == "parquet", fmt=fmt, dataset=dataset)
    _check_engine(engine_name, spark_master)
    protect = _privacy(keyfile) if keyfile is not None else None
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time,
                   protect=protect)
    areas, communities = _locate(ds, areas=[area] if area else [],
                                 communities=[community] if community else [])
    eng = _engine(engine_name, spark_master)
    result = run_audit(ds, scope=scope, min_branch_members=min_branch_members,
                       sub_core_min_rating=sub_core_min_rating, by=by, engine=eng)
    if areas or communities:
        from ..analysis.narrowing import narrow

        result = narrow(result, areas=areas, communities=communities)
    before = None
    if previous is not None and fmt not in ("json", "parquet"):
        options = {"scope": scope, "min_branch_members": min_branch_members,
                   "sub_core_min_rating": sub_core_min_rating, "engine": eng}
        before = _previous(previous, ds, (areas, communities), options,
                           user, password, database, timeout, retry_time)
    if fmt == "parquet":
        from ..report._parquet import write_parquet

        write_parquet(result, out)
        console.echo(t("audit.parquet_written", path=out), err=True)
    elif fmt == "json":
        _deliver_json(out, result, "cli.report_written")
    else:
        from ..report import render

        text = render(result, fmt, target_work=target_work, target_org=target_org,
                      detail=detail, sheets_per_area=sheets_per_area, previous=before,
                      width=_terminal_width(), color=_on_stdout(out) and _color())
        _deliver(out, text, "cli.report_written")
    fails = _threshold_failures(result, fail_under_work, fail_under_org)
    for f in fails:
        console.echo(t("audit.threshold_failed", what=f), err=True)
    raise click.exceptions.Exit(EXIT_THRESHOLD if fails else EXIT_OK)


HELP_VALUES.update(sample_k=SAMPLE_K, exact_max=EXACT_MAX)


@cli.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown", "html",
                                                  "xlsx"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--seed", type=_Count(-(2**63), 2**63 - 1), default=0, show_default=True)
@click.option("--k", "k", type=_Count(1), default=None)
@click.option("--exact-max", type=_Count(0), default=None)
@_engine_options
@_problem_options
@_neo4j_options
def measures(dataset: str, fmt: str, out: Path | None, seed: int, k: int | None,
             exact_max: int | None, engine_name: str, spark_master: str | None,
             all_problems: bool, user: str | None, password: str | None,
             database: str | None, timeout: float, retry_time: float) -> None:
    """``graphkit measures``; help: the catalogue's ``cli.measures``."""
    _OPTIONS.update(all_problems=all_problems)
    from ..analysis.measuring import measures as run_measures

    _check_out(out, _input_files(dataset), binary=fmt in BINARY_FORMATS, fmt=fmt,
               dataset=dataset)
    _check_engine(engine_name, spark_master)
    ds = _read_any(dataset, user, password, database, timeout, retry_time=retry_time)
    result = run_measures(ds, seed=seed, k=SAMPLE_K if k is None else k,
                          exact_max=EXACT_MAX if exact_max is None else exact_max,
                          engine=_engine(engine_name, spark_master))
    if fmt == "json":
        _deliver_json(out, result, "measures.written")
        return
    from ..report import render

    data = render(result, fmt, width=_terminal_width(), color=_on_stdout(out) and _color())
    _deliver(out, data, "measures.written")
