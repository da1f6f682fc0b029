"""What every command shares: options, reading a dataset (a folder, a workbook or a
Neo4j URI), printing validation problems, exit codes (SPEC section 5)."""


from __future__ import annotations

import logging
import math
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..adapters._store_defaults import DEFAULT_RETRY_TIME, DEFAULT_TIMEOUT
from ..adapters._uri import is_store_uri
from ..errors import Problem, UsageError
from ..network.dataset import Dataset
from ..network.io import read_dataset
from ..rules.engine import DEFAULT, ENGINES
from ._console import console

EXIT_OK, EXIT_THRESHOLD, EXIT_INVALID, EXIT_STORE = 0, 1, 2, 3


#: Options of the running command that the error handler of :func:`main` needs.
_OPTIONS: dict[str, Any] = {}


class _Finite(click.FloatRange):
    """A float option: a number, finite (click's FloatRange lets NaN through, and every
    comparison with NaN is false, so a NaN gate never fails), -0 read as 0."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(f"{value!r} is not a number", param, ctx)
        x = super().convert(value, param, ctx)
        if not math.isfinite(x):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return x + 0.0


#: Problems of one kind printed per file before "... and N more of this kind".
PROBLEMS_PER_KIND = 20


def _echo_problems(problems: list[Problem], *, err: bool, lang: str = "zh",
                   all_problems: bool = False, limit: int | None = None) -> None:
    """Print `problems`: at most :data:`PROBLEMS_PER_KIND` of each kind per file (every one
    with `all_problems`), then how many more; `limit` caps the whole list (warnings)."""
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    printed = 0
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
        more = (f"{file}: ... 另有 {n} 个同类问题（--all-problems 显示全部）" if lang == "zh" else
                f"{file}: ... and {n} more of this kind (--all-problems shows every one)")
        console.echo(more, err=err)


def _lang_option(f: Any) -> Any:
    return click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
                        envvar="GRAPHKIT_LANG", show_default=True,
                        help="Language of validation messages: 中文 (zh) or English (en) "
                             "[default: $GRAPHKIT_LANG, else zh].")(f)


def _problem_options(f: Any) -> Any:
    f = click.option("--all-problems", is_flag=True,
                     help=f"Print every validation problem (default: the first "
                          f"{PROBLEMS_PER_KIND} of each kind per file).")(f)
    return _lang_option(f)


def _input_files(dataset: str) -> set[Path]:
    p = Path(dataset)
    if p.is_dir():
        return {(p / n).resolve() for n in ("nodes.csv", "edges.csv", "dataset.json")}
    return {p.resolve()}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphkit")
def cli() -> None:
    """graphkit: audit Party organization and Party work coverage and the
    "one core, two circles" linkage of a grassroots Party-building network."""


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
    f = click.option("--retry-time", type=_Finite(min=0), default=DEFAULT_RETRY_TIME,
                     show_default=True,
                     help="Seconds to keep retrying a Neo4j transaction after transient "
                          "errors (backoff with jitter; each retry is reported).")(f)
    f = click.option("--timeout", type=_Finite(min=0.1), default=DEFAULT_TIMEOUT,
                     show_default=True, help="Neo4j connection timeout in seconds.")(f)
    f = click.option("--database", default=None,
                     help="Neo4j database name [default: the server's default].")(f)
    f = click.option("--password", default=None,
                     help="Neo4j password [default: $NEO4J_PASSWORD]. Never printed.")(f)
    f = click.option("--user", default=None,
                     help="Neo4j user [default: $NEO4J_USER, else neo4j].")(f)
    return f


def _pseudonymize_option(f: Any) -> Any:
    return click.option(
        "--pseudonymize", "keyfile", type=click.Path(dir_okay=False, path_type=Path),
        metavar="KEYFILE",
        help="Replace Person ids and names by keyed HMAC pseudonyms (stable for the same "
             "key; create one with `graphkit keygen`).")(f)


def _personal_options(f: Any) -> Any:
    f = click.option(
        "--with-personal-data", "keep_personal", is_flag=True,
        help="Write every Person attribute (names, phone numbers, ...). By default a "
             "Person keeps only its id and kind.")(f)
    return _pseudonymize_option(f)


def _privacy(keyfile: Path | None, keep_personal: bool = False) -> Callable[[Dataset], Dataset]:
    """What to do with Person data before an output: keep, pseudonymize or redact it."""
    from ..network.privacy import pseudonymize, read_key, redact_people

    if keyfile is not None and keep_personal:
        raise UsageError("--pseudonymize and --with-personal-data exclude each other")
    if keyfile is not None:
        key = read_key(keyfile)
        console.pseudonym_key = key  # problems of a dataset that cannot be read, too
        return lambda ds: pseudonymize(ds, key)
    return (lambda ds: ds) if keep_personal else redact_people


def _engine_options(f: Any) -> Any:
    f = click.option("--spark-master", metavar="URL", default=None,
                     help="With --engine spark: the Spark master (local[2], spark://host:7077, "
                          "...) [default: local[N], N the cores of this machine].")(f)
    return click.option("--engine", "engine_name", type=click.Choice(ENGINES), default=DEFAULT,
                        show_default=True,
                        help="Where the rules run: DuckDB (embedded, spills to disk), Polars "
                             "(embedded) or Spark (needs graphkit[spark] and Java 17).")(f)


def _check_engine(name: str, master: str | None) -> None:
    """What the engine needs, checked before the dataset is read (Spark starts after)."""
    if master is not None and name != "spark":
        raise UsageError("--spark-master needs --engine spark")
    if name == "spark":
        from ..rules import _spark

        _spark.require_pyspark()
        _spark.require_java()


def _engine(name: str, master: str | None) -> Any:
    from ..rules import engine

    return engine.Engine.spark(master=master) if name == "spark" else engine.get(name)


def _connect(uri: str, user: str | None, password: str | None, database: str | None,
             timeout: float, retry_time: float = DEFAULT_RETRY_TIME) -> Any:
    from ..adapters.store import connect

    # the driver logs every broken connection; graphkit reports retries and failures itself
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)

    def report(event: Any) -> None:
        console.echo(f"warning: {event}", err=True)

    return connect(uri, user=user, password=password, database=database,
                   connection_timeout=timeout, retry_time=retry_time, on_retry=report)


def _read_any(dataset: str, user: str | None, password: str | None,
              database: str | None, timeout: float, *,
              retry_time: float = DEFAULT_RETRY_TIME,
              protect: Callable[[Dataset], Dataset] | None = None) -> Dataset:
    """A Dataset from a folder, a workbook or a Neo4j URI, passed through `protect`
    (Person data); its warnings go to stderr."""
    if is_store_uri(dataset):
        with _connect(dataset, user, password, database, timeout, retry_time) as store:
            ds = store.read()
    else:
        ds = read_dataset(dataset)
    if protect is not None:
        ds = protect(ds)
    _echo_problems(list(ds.warnings), err=True, lang=_OPTIONS.get("lang", "zh"),
                   all_problems=_OPTIONS.get("all_problems", False))
    return ds
