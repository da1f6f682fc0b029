"""Read and write datasets: a folder of ``nodes.csv`` + ``edges.csv`` or an ``.xlsx`` workbook.

The format is SPEC section 1. :func:`read_dataset` decodes (UTF-8 with or without BOM, or
GBK/GB18030 with a warning), parses and validates; every problem of every file is
collected and raised at once in one :class:`~graphkit.errors.ValidationError`.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")                      # doctest: +SKIP
>>> ds.nodes.columns[:4].tolist()                            # doctest: +SKIP
['id', 'label', 'name', 'kind']
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..errors import Problem, ValidationError, in_languages
from ..messages import LANGUAGES, t
from ..vocab import EDGE_COLUMNS, EDGE_REQUIRED, NODE_COLUMNS, NODE_REQUIRED, PARTY_ORG
from . import _parse, validation
from ._atomic import write_folder
from ._input import dataset_kind_hint, missing_file_hint, read_regular
from ._parse import Candidate, Problems
from ._readers import (
    MAX_COLUMNS,
    MAX_FIELD,
    MAX_XLSX_EXPANDED,
    Raw,
    _decode,
    _strip_boms,
    read_csv,
    read_xlsx,
)
from ._threads import Beside
from .dataset import Dataset

__all__ = ["read_dataset", "validate_dataset", "write_dataset"]

log = logging.getLogger(__name__)

#: Largest accepted ``dataset.json``, in bytes (it holds three short strings).
MAX_META = 1 << 20
#: Limits of the readers, re-exported here where users look for them.
LIMITS = {"MAX_FIELD": MAX_FIELD, "MAX_COLUMNS": MAX_COLUMNS,
          "MAX_XLSX_EXPANDED": MAX_XLSX_EXPANDED, "MAX_META": MAX_META}

_SNAPSHOT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_date(text: str) -> bool:
    if not _SNAPSHOT.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _read_meta(folder: Path, problems: Problems) -> dict[str, str | None]:
    meta: dict[str, str | None] = {"name": folder.name, "snapshot": None, "description": None}
    path = folder / "dataset.json"
    if not path.exists():
        return meta
    try:
        size = path.stat().st_size
        if size > MAX_META:
            problems.append(Problem.said("error", "dataset.json", None, None, "meta_too_large",
                                         size=size, limit=MAX_META))
            return meta
        data = read_regular(path, "meta")
    except OSError as exc:
        problems.append(Problem.said("error", "dataset.json", None, None, "meta_unreadable",
                                     path=path, detail=exc))
        return meta
    # the encodings of SPEC section 1, as for the CSV files: Notepad's "ANSI" is GBK
    text, _ = _decode(_strip_boms(data), "dataset.json", problems)
    if text is None:
        return meta
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError) as exc:  # bad JSON, an int of 4300+ digits
        problems.append(Problem.said("error", "dataset.json", None, None, "meta_bad_json",
                                     detail=exc))
        return meta
    if not isinstance(raw, dict):
        problems.append(Problem.said("error", "dataset.json", None, None, "meta_not_object"))
        return meta
    for key in ("name", "snapshot", "description"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(Problem.said("error", "dataset.json", None, key, "meta_not_text",
                                         key=key, value=repr(value)))
            continue
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                problems.append(Problem.said("error", "dataset.json", None, key,
                                             "meta_surrogate", key=key,
                                             char=repr(value[exc.start])))
                continue
        meta[key] = value
    snap = meta["snapshot"]
    if snap is not None and not _is_date(snap):
        problems.append(Problem.said("error", "dataset.json", None, "snapshot", "meta_bad_date",
                                     value=repr(snap)))
    return meta


def _read_bytes(path: Path, file: str, problems: Problems) -> bytes | None:
    try:
        return read_regular(path, "csv")
    except FileNotFoundError:
        hint = in_languages(**{lang: missing_file_hint(path.parent, path.name, lang)
                               for lang in LANGUAGES})
        problems.append(Problem.said("error", file, None, None, "missing_file", path=path,
                                     hint=hint))
    except OSError as exc:
        problems.add("error", file, None, None, "cannot_read", f"cannot read {path}: {exc}",
                     f"无法读取 {path}：{exc}")
    return None


def _parsed(raw: Raw | None, sheet: str, problems: Problems) -> Candidate | None:
    """The typed candidate of one sheet's text (None without the sheet)."""
    if raw is None:
        return None
    return _parse.from_text(raw.table, raw.file, raw.lines, edges=sheet == "edges",
                            problems=problems)


_REQUIRED = {"nodes": NODE_REQUIRED, "edges": EDGE_REQUIRED}


def _read_sheet(folder: Path, sheet: str, reading: Problems, parsing: Problems
                ) -> Candidate | None:
    """The typed candidate of `folder`'s ``{sheet}.csv`` (None when it cannot be read);
    the reading's problems go to `reading`, the parse's to `parsing`."""
    file = f"{sheet}.csv"
    data = _read_bytes(folder / file, file, reading)
    raw = None if data is None else read_csv(data, file, _REQUIRED[sheet], reading)
    del data
    return _parsed(raw, sheet, parsing)


def _load(path: str | os.PathLike[str]) -> tuple[Dataset | None, list[Problem]]:
    """Read, parse and validate; return the dataset (None on errors) and all problems."""
    p = Path(path)
    problems = Problems()
    cands: dict[str, Candidate | None] = {}
    checked: validation.NodeChecks | None = None  # the node rules, run beside the read
    parsing = Problems()  # the parse's problems come after the reading's, as named below
    if p.is_dir():
        # one file at a time, parsed before the next is read: its text cells that the
        # candidate does not keep are gone before the next file's bytes arrive. The edge
        # file is read and parsed in a thread while the node rules run (they need no edge):
        # about 0.25 s (9 %) of a 1M-unit read (BENCHMARKS.md, issue 24's eleventh round)
        cands["nodes"] = _read_sheet(p, "nodes", problems, parsing)
        reading_edges, parsing_edges = Problems(), Problems()
        edges = Beside(lambda: _read_sheet(p, "edges", reading_edges, parsing_edges),
                       "read-edges")
        if cands["nodes"] is not None:
            checked = validation.check_nodes(cands["nodes"])
        cands["edges"] = edges.result()
        problems.extend(reading_edges)
        parsing.extend(parsing_edges)
        meta = _read_meta(p, problems)
    elif p.suffix.lower() == ".xlsx":
        raws = read_xlsx(p, _REQUIRED, problems)
        cands = {sheet: _parsed(raw, sheet, parsing) for sheet, raw in raws.items()}
        del raws
        meta = {"name": p.stem, "snapshot": None, "description": None}
    else:
        if not p.exists():
            what = in_languages(en=t("problem.does_not_exist", lang="en"),
                                zh=t("problem.does_not_exist", lang="zh"))
        else:
            what = in_languages(**{lang: dataset_kind_hint(p, lang)
                                   or t("problem.neither_folder_nor_workbook", lang=lang)
                                   for lang in LANGUAGES})
        problems.append(Problem.said("error", str(p), None, None, "not_a_dataset", what=what))
        return None, problems
    problems.extend(parsing)
    del parsing
    network = None
    if cands.get("nodes") is not None and cands.get("edges") is not None:
        network = validation.validate(cands["nodes"], cands["edges"], problems,
                                      checked=checked)
    problems = validation.sort_problems(problems)
    del cands
    # the parsed text is gone; give its memory back (Arrow's pool keeps freed blocks)
    pa.default_memory_pool().release_unused()
    if network is None or any(pr.severity == "error" for pr in problems):
        return None, problems
    ds = Dataset.from_network(network, name=meta["name"] or p.stem, snapshot=meta["snapshot"],
                     description=meta["description"], source=str(p),
                     warnings=tuple(pr for pr in problems if pr.severity == "warning"))
    return ds, problems


def validate_dataset(path: str | os.PathLike[str]) -> list[Problem]:
    """Return every error and warning of the dataset at `path`, without raising.

    Parameters
    ----------
    path : str or path-like
        A folder with ``nodes.csv`` and ``edges.csv`` or an ``.xlsx`` workbook.

    Returns
    -------
    list of Problem
        Empty when the dataset is clean.

    Examples
    --------
    >>> [str(p) for p in validate_dataset("data/sihui")]       # doctest: +SKIP
    []
    """
    return _load(path)[1]


def read_dataset(path: str | os.PathLike[str], *, strict: bool = False) -> Dataset:
    """Read and validate a dataset (SPEC section 1).

    Parameters
    ----------
    path : str or path-like
        A folder with ``nodes.csv``, ``edges.csv`` and optional ``dataset.json``, or an
        ``.xlsx`` workbook with sheets ``nodes`` and ``edges``.
    strict : bool, default False
        Treat warnings as errors.

    Returns
    -------
    Dataset
        Typed node and edge tables plus metadata; warnings in ``Dataset.warnings``.

    Raises
    ------
    ValidationError
        With every problem (file, line, column, message) when any error is found.

    Examples
    --------
    >>> ds = read_dataset("data/sihui")                         # doctest: +SKIP
    >>> ds.counts()["Community"]                                 # doctest: +SKIP
    48
    """
    ds, problems = _load(path)
    if ds is None or (strict and problems):
        raise ValidationError(problems)
    for pr in ds.warnings:
        log.warning("%s", pr)
    return ds


def _format_cell(value: object) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return repr(value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return _format_cell(value.item())
    return str(value)


def _frame_rows(frame: pd.DataFrame, columns: list[str]) -> list[list[str]]:
    cols = [[_format_cell(v) for v in frame[c].tolist()] for c in columns]
    return [list(r) for r in zip(*cols, strict=True)] if cols else []


def write_dataset(ds: Dataset, folder: str | os.PathLike[str]) -> Path:
    """Write `ds` as a dataset folder (``nodes.csv``, ``edges.csv``, ``dataset.json``).

    The inverse of :func:`read_dataset`: reading the folder back gives an equal dataset.
    ``rating`` and ``joint`` are written for PartyOrg rows only. All three files are written
    in full to temporary files first and then renamed into place, so an interruption leaves
    the folder as it was (and a folder created for them is removed again).

    Raises
    ------
    OutputError
        When the folder or a file cannot be written (nothing is then left of it).

    Examples
    --------
    >>> write_dataset(read_dataset("data/sihui"), "/tmp/copy")   # doctest: +SKIP
    PosixPath('/tmp/copy')
    """
    out = Path(folder)
    nodes = ds.nodes.copy()
    not_org = nodes["label"] != PARTY_ORG
    for col in ("rating", "joint"):
        nodes[col] = nodes[col].astype(object).where(~not_org, None)
    node_cols = list(NODE_COLUMNS) + [c for c in nodes.columns if c not in NODE_COLUMNS]
    edge_cols = list(EDGE_COLUMNS) + [c for c in ds.edges.columns if c not in EDGE_COLUMNS]
    files: dict[str, str] = {}
    for name, frame, cols in (("nodes.csv", nodes, node_cols), ("edges.csv", ds.edges, edge_cols)):
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        writer.writerows(_frame_rows(frame, cols))
        files[name] = buf.getvalue()
    meta = {"name": ds.name, "snapshot": ds.snapshot, "description": ds.description}
    files["dataset.json"] = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    write_folder(out, files)
    return out
