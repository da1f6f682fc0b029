"""What every command shares: options, reading a dataset (a folder, a workbook or a
Neo4j URI), printing validation problems, exit codes (SPEC section 5)."""


from __future__ import annotations

import dataclasses
import logging
import math
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from .. import __version__, messages
from ..adapters._store_defaults import DEFAULT_RETRY_TIME, DEFAULT_TIMEOUT
from ..adapters._uri import is_store_uri
from ..errors import EXIT_INVALID, EXIT_OK, EXIT_THRESHOLD, Problem, UsageError, ValidationError
from ..messages import t
from ..network._atomic import check_target, write_atomic
from ..network.dataset import Dataset
from ..network.io import read_dataset
from ..rules.engine import DEFAULT, ENGINES
from ..settings import MAX_COUNT
from ._console import console
from ._help import HELP_VALUES, Group

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_THRESHOLD", "cli"]

#: Options of the running command that the error handler of :func:`main` needs.
_OPTIONS: dict[str, Any] = {}


class _Finite(click.FloatRange):
    """A float option: a number, finite (click's FloatRange lets NaN through, and every
    comparison with NaN is false, so a NaN gate never fails), -0 read as 0."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(t("cli.not_a_number", value=value), param, ctx)
        x = super().convert(value, param, ctx)
        if not math.isfinite(x):
            self.fail(t("cli.not_finite", value=value), param, ctx)
        return x + 0.0


class _Count(click.IntRange):
    """A count option (members, units, a sample size): an integer from `low` to
    :data:`graphkit.settings.MAX_COUNT` (a larger one reached the engines and failed there
    with a TypeError)."""

    def __init__(self, low: int, high: int = MAX_COUNT) -> None:
        super().__init__(low, high)

    @property  # type: ignore[override]
    def name(self) -> str:  # click's "integer range", in the catalogue's words
        return t("cli.integer")


#: Longest wait of --timeout and --retry-time, in seconds (a day; a larger one overflowed
#: the driver's clock: "timestamp out of range").
MAX_WAIT = 86_400.0

#: Problems of one kind printed per file before "... and N more of this kind".
PROBLEMS_PER_KIND = 20
HELP_VALUES.update(problems_per_kind=PROBLEMS_PER_KIND)


def _echo_problems(problems: list[Problem], *, err: bool, all_problems: bool = False,
                   limit: int | None = None) -> None:
    """Print `problems`: at most :data:`PROBLEMS_PER_KIND` of each kind per file (every one
    with `all_problems`), then how many more; `limit` caps the whole list (warnings)."""
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    printed = 0
    lang = messages.current()
    for p in problems:
        key = (p.file, p.code or p.message)
        if limit is not None and printed >= limit:
            hidden[key] = hidden.get(key, 0) + 1
            continue
        if not all_problems and shown.get(key, 0) >= PROBLEMS_PER_KIND:
            hidden[key] = hidden.get(key, 0) + 1
            continue
        shown[key] = shown.get(key, 0) + 1
        printed += 1
        console.echo(p.format(lang), err=err)
    for (file, _), n in hidden.items():
        console.echo(t("cli.more_problems", file=file, n=n), err=err)


def _problem_options(f: Any) -> Any:
    return click.option("--all-problems", is_flag=True)(f)


#: The ``--out`` that means standard output, as for most command-line tools.
STDOUT = "-"


def _on_stdout(out: Path | None) -> bool:
    """Whether the output goes to standard output: no ``--out``, or ``--out -``."""
    return out is None or str(out) == STDOUT


def _check_out(out: Path | None, inputs: set[Path], *, binary: bool = False,
               folder: bool = False, key: str = "cli.overwrites_input", **names: object
               ) -> None:
    """Refuse an ``--out`` that would overwrite an input file (`key` says so, with
    `names`) or that is not a file one can write (a device, a folder: checked before the
    work, not after it), and standard output for what it cannot take: a folder (parquet)
    or, on a terminal, a binary file."""
    if folder and _on_stdout(out):
        raise UsageError(t("cli.needs_out", fmt=names.get("fmt", ""), what=t("cli.a_folder")))
    if binary and (out is None or (_on_stdout(out) and _is_terminal())):
        raise UsageError(t("cli.needs_out_pipe", fmt=names.get("fmt", "")))
    if not _on_stdout(out) and out is not None:
        if out.resolve() in inputs:
            raise UsageError(t(key, out=out, **names))
        if not folder:  # what the write at the end would refuse (a device, a folder)
            check_target(out)


def _is_terminal() -> bool:
    stream = sys.stdout
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, AttributeError):
        return False


def _deliver(out: Path | None, data: str | bytes, written: str) -> None:
    """A command's data: to standard output as it is (no ``--out``, or ``--out -``), or
    whole to the file ``--out`` (:mod:`graphkit.network._atomic`: through a link, never
    half-written), then the message `written` (a catalogue key taking ``path``) on stderr."""
    if _on_stdout(out):
        console.data(data)
        return
    write_atomic(out, data)
    console.echo(t(written, path=out), err=True)


def _input_files(dataset: str) -> set[Path]:
    p = Path(dataset)
    if p.is_dir():
        return {(p / n).resolve() for n in ("nodes.csv", "edges.csv", "dataset.json")}
    return {p.resolve()}


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        console.echo(t("cli.version", version=__version__))
        ctx.exit()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version)
def cli() -> None:
    """The ``graphkit`` group (its help: the catalogue's ``cli``)."""


def _terminal_width() -> int:
    """Columns of the terminal (``$COLUMNS`` first; 100 when not a terminal)."""
    return max(40, shutil.get_terminal_size((100, 50)).columns)


def _color() -> bool:
    """ANSI colours: only on a terminal, never with ``$NO_COLOR`` or ``TERM=dumb``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = sys.stdout
    return bool(getattr(stream, "isatty", None)) and stream.isatty()


def _neo4j_options(f: Any) -> Any:
    f = click.option("--retry-time", type=_Finite(min=0, max=MAX_WAIT),
                     default=DEFAULT_RETRY_TIME, show_default=True)(f)
    f = click.option("--timeout", type=_Finite(min=0.1, max=MAX_WAIT), default=DEFAULT_TIMEOUT,
                     show_default=True)(f)
    f = click.option("--database", default=None)(f)
    f = click.option("--password", default=None)(f)
    return click.option("--user", default=None)(f)


def _pseudonymize_option(f: Any) -> Any:
    return click.option(
        "--pseudonymize", "keyfile", type=click.Path(dir_okay=False, path_type=Path),
        metavar="KEYFILE")(f)


def _personal_options(f: Any) -> Any:
    f = click.option("--with-personal-data", "keep_personal", is_flag=True)(f)
    return _pseudonymize_option(f)


def _privacy(keyfile: Path | None, keep_personal: bool = False) -> Callable[[Dataset], Dataset]:
    """What to do with Person data before an output: keep, pseudonymize or redact it."""
    from ..network.privacy import pseudonymize, read_key, redact_people

    if keyfile is not None and keep_personal:
        raise UsageError(t("cli.exclusive", a="--pseudonymize", b="--with-personal-data"))
    if keyfile is not None:
        key = read_key(keyfile)
        console.pseudonym_key = key  # problems of a dataset that cannot be read, too
        return lambda ds: pseudonymize(ds, key)
    return (lambda ds: ds) if keep_personal else redact_people


def _engine_options(f: Any) -> Any:
    """``--engine`` and ``--spark-master``: every command that runs the rules takes them."""
    f = click.option("--spark-master", metavar="URL", default=None)(f)
    return click.option("--engine", "engine_name", type=click.Choice(ENGINES), default=DEFAULT,
                        show_default=True)(f)


def _check_engine(name: str, master: str | None) -> None:
    """What the engine of ``--engine``/``--spark-master`` needs, checked before any dataset
    is read (:func:`_engine` starts it after: a Spark session takes seconds)."""
    if master is not None and name != "spark":
        raise UsageError(t("cli.spark_master_needs_spark"))
    if name == "spark":
        from ..rules.engine import SparkEngine

        SparkEngine.check()


def _engine(name: str, master: str | None) -> Any:
    """The engine of ``--engine``/``--spark-master`` (checked by :func:`_check_engine`)."""
    from ..rules.engine import SparkEngine, get

    return SparkEngine.start(master=master) if name == "spark" else get(name)


def _locate(datasets: Dataset | Sequence[Dataset], *, areas: Iterable[str] = (),
            communities: Iterable[str] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the streets and communities named on the command line (an id, the full
    name or a unique short name, :func:`graphkit.analysis._places.locate`), looked up in
    `datasets` (several: in any of them, the last one's names first)."""
    areas, communities = tuple(areas), tuple(communities)
    if not areas and not communities:
        return (), ()
    from ..analysis._places import locate, places_of

    sets = [datasets] if isinstance(datasets, Dataset) else list(datasets)
    return locate(places_of(*sets), areas=areas, communities=communities)


def _connect(uri: str, user: str | None, password: str | None, database: str | None,
             timeout: float, retry_time: float = DEFAULT_RETRY_TIME) -> Any:
    from ..adapters.store import connect

    # the driver logs every broken connection; graphkit reports retries and failures itself
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)

    def report(event: Any) -> None:
        console.echo(t("cli.warning", message=event), err=True)

    return connect(uri, user=user, password=password, database=database,
                   connection_timeout=timeout, retry_time=retry_time, on_retry=report)


def _read_any(dataset: str, user: str | None, password: str | None,
              database: str | None, timeout: float, *,
              retry_time: float = DEFAULT_RETRY_TIME,
              protect: Callable[[Dataset], Dataset] | None = None,
              role: str | None = None) -> Dataset:
    """A Dataset from a folder, a workbook or a Neo4j URI, passed through `protect`
    (Person data); its warnings go to stderr.

    `role` names the dataset among several a command reads (``OLD``, ``NEW`` of a diff):
    then its problems name its files with their folder (both snapshots have a nodes.csv),
    and an invalid one is said to be that snapshot."""
    try:
        if is_store_uri(dataset):
            with _connect(dataset, user, password, database, timeout, retry_time) as store:
                ds = store.read()
        else:
            ds = read_dataset(dataset)
    except ValidationError as exc:
        if role is None:
            raise
        err = ValidationError(_in_folder(exc.problems, dataset))
        err.snapshot = (role, dataset)  # type: ignore[attr-defined]
        raise err from exc
    if protect is not None:
        ds = protect(ds)
    warnings = list(ds.warnings)
    _echo_problems(warnings if role is None else _in_folder(warnings, dataset), err=True,
                   all_problems=_OPTIONS.get("all_problems", False))
    return ds


def _in_folder(problems: Iterable[Problem], dataset: str) -> list[Problem]:
    """`problems` of the dataset at `dataset`, their files named with its folder
    (``2023/nodes.csv``; a workbook's sheets ``2023/book.xlsx[nodes]``)."""
    if is_store_uri(dataset):
        return [dataclasses.replace(p, file=f"{dataset} {p.file}") for p in problems]
    path = Path(dataset)
    base = path if path.is_dir() else path.parent
    return [p if os.sep in p.file or p.file == dataset else
            dataclasses.replace(p, file=str(base / p.file)) for p in problems]
