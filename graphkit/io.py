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
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd

from . import _validate
from ._atomic import write_all_atomic
from ._input import dataset_kind_hint, open_regular, read_regular
from .dataset import Dataset
from .errors import Problem, ValidationError
from .vocab import EDGE_COLUMNS, NODE_COLUMNS, PARTY_ORG

__all__ = ["read_dataset", "validate_dataset", "write_dataset"]

log = logging.getLogger(__name__)

#: Largest accepted CSV field, in characters (bounds memory on hostile input).
MAX_FIELD = 1 << 20
#: Most columns accepted in a table (a wider header is refused, not parsed).
MAX_COLUMNS = 1000
#: Largest accepted ``dataset.json``, in bytes (it holds three short strings).
MAX_META = 1 << 20
#: Largest accepted uncompressed content of an ``.xlsx`` workbook, in bytes (zip bombs).
MAX_XLSX_EXPANDED = 256 << 20

#: What openpyxl raises on a damaged workbook (found by fuzzing): bad zip entries, CRC or
#: deflate errors, truncated streams, malformed XML, unknown attributes or cell references.
_XLSX_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ParseError, KeyError,
                ValueError, TypeError)

_SNAPSHOT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOM = b"\xef\xbb\xbf"


@dataclass
class _Raw:
    """One table as read: all cells as str, plus the 1-based line/row of each record."""

    file: str
    frame: pd.DataFrame | None
    lines: list[int]


def _decode(data: bytes, file: str, problems: list[Problem]) -> tuple[str | None, bool]:
    """The text of `data` (BOMs already stripped; None when undecodable) and whether it
    was read as GBK."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        problems.append(Problem(
            "error", file, line, None,
            f"undecodable text at byte {utf8_error.start}: the file is neither UTF-8 nor "
            "GBK/GB18030; save it as UTF-8",
        ))
        return None, False
    problems.append(Problem(
        "warning", file, None, None,
        "file is GBK/GB18030-encoded, not UTF-8; it was read, but save it as UTF-8",
    ))
    return text, True


def _strip_boms(data: bytes) -> bytes:
    """`data` without its leading UTF-8 BOMs (a BOM, or two from a second tool)."""
    while data.startswith(_BOM):
        data = data[len(_BOM):]
    return data


def _read_csv(path: Path, file: str, problems: list[Problem]) -> _Raw:
    try:
        data = read_regular(path, "csv")
    except FileNotFoundError:
        problems.append(Problem("error", file, None, None, f"missing file {path}"))
        return _Raw(file, None, [])
    except OSError as exc:
        problems.append(Problem("error", file, None, None, f"cannot read {path}: {exc}"))
        return _Raw(file, None, [])
    if data[:4] == b"PK\x03\x04":
        problems.append(Problem(
            "error", file, None, None,
            "this is a zip/.xlsx file, not CSV text; pass the workbook itself as DATASET",
        ))
        return _Raw(file, None, [])
    data = _strip_boms(data)
    text, gbk = _decode(data, file, problems)
    if text is None:
        return _Raw(file, None, [])
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.append(Problem("error", file, line, None, "NUL byte in text; not a CSV file?"))
        return _Raw(file, None, [])
    # the UTF-8 bytes of `text` (what pyarrow parses), or None when the file was GBK
    utf8 = None if gbk else data
    fast = None if _has_huge_line(data) else _fast_csv(text, utf8, file, problems)
    del data, utf8
    if fast is not None:
        return fast
    reader = csv.reader(io.StringIO(text, newline=""))
    old_limit = csv.field_size_limit(MAX_FIELD)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    ok = True
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if not record or all(not c.strip() for c in record):
                continue
            if header is None:
                header = [c.strip() for c in record]
                continue
            n = len(header)
            if len(record) > n and any(c.strip() for c in record[n:]):
                problems.append(Problem(
                    "error", file, line, None,
                    f"row has {len(record)} fields but the header has {n}",
                ))
                ok = False
                continue
            rows.append(record[:n] + [""] * (n - len(record)))
            lines.append(line)
    except csv.Error as exc:
        msg = f"malformed CSV: {exc}"
        if "field limit" in str(exc):
            msg = (f"a field is longer than {MAX_FIELD:,} characters (the limit for one cell); "
                   "is a quote left open, or is this not a CSV file?")
        problems.append(Problem("error", file, start, None, msg))
        return _Raw(file, None, [])
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        problems.append(Problem("error", file, None, None, "file is empty (no header row)"))
        return _Raw(file, None, [])
    if not _check_header(header, file, problems) or not ok:
        return _Raw(file, None, [])
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(header)
    frame = pd.DataFrame(
        {name: pd.Series(col, dtype=object) for name, col in zip(header, columns, strict=True)}
    )
    return _Raw(file, frame, lines)


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n|\A[ \t\r]*\n|\n[ \t]+\Z")


def _has_blank_line(text: str) -> bool:
    """Whether `text` has an empty or whitespace-only line (substring tests first: fast)."""
    if "\n\n" in text or "\n\r\n" in text or text[:1] in ("\n", "\r"):
        return True
    if "\n " not in text and "\n\t" not in text and not text[:1].isspace():
        return False
    return _BLANK_LINE.search(text) is not None


def _has_huge_line(data: bytes) -> bool:
    """Whether some line is longer than MAX_FIELD bytes (so may hold a huge field)."""
    if len(data) <= MAX_FIELD:
        return False
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    gaps = np.diff(np.concatenate(([-1], ends, [len(data)])))
    return bool(gaps.max() > MAX_FIELD + 1)


def _fast_csv(text: str, utf8: bytes | None, file: str, problems: list[Problem]
              ) -> _Raw | None:
    """Parse with pyarrow (when installed) or pandas' C reader, or return ``None`` for the
    careful path.

    Taken only when line numbers can be recovered exactly from the parsed cells: no blank
    or whitespace-only lines and a one-line header; records spanning lines (quoted
    newlines) are counted. Anything the fast readers reject (ragged rows, bad quoting) goes
    to the careful path, which reports every such row with its line. Lines longer than
    MAX_FIELD never get here (the caller checks the bytes, and a line has no more
    characters than bytes).
    """
    first, _, _ = text.partition("\n")
    if '"' in first or _has_blank_line(text) or text.count("\r") != text.count("\r\n"):
        return None  # a lone CR ends a record for the parsers but is no line for us
    try:
        header = [c.strip() for c in next(csv.reader([first.rstrip("\r")]))]
    except csv.Error:  # a very long header field: the careful path
        return None
    if not _check_header(header, file, problems):
        return _Raw(file, None, [])
    quoted = '"' in text
    # pyarrow only for text without quotes, where CSV is plain splitting at commas and line
    # ends: with quotes the two readers differ on malformed input (an unclosed quote)
    parsed = None if quoted or utf8 is None else _arrow_parse(utf8, header)
    if parsed is None:
        parsed = _pandas_parse(text, header, quoted)
    if parsed is None:
        return None
    frame, newlines, maybe_blank = parsed
    n = len(frame)
    lines = 2 + np.arange(n, dtype=np.int64) + np.cumsum(newlines) - newlines
    if maybe_blank.any():
        cols = list(frame.columns)
        blank = maybe_blank.copy()
        idx = np.flatnonzero(maybe_blank)
        for col in cols:  # the first cell too: it may only start with a space
            blank[idx] &= (frame[col].iloc[idx].str.strip() == "").to_numpy()
        frame = frame[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return _Raw(file, frame, lines.tolist())


_Parsed = tuple[pd.DataFrame, np.ndarray, np.ndarray]
"""All-``str`` object frame, embedded newlines per record, and which records may be blank
(first cell empty or starting with whitespace)."""


def _pandas_parse(text: str, header: list[str], quoted: bool) -> _Parsed | None:
    """:func:`_fast_csv` with pandas' C reader, or ``None`` if it refuses the text."""
    try:
        with warnings.catch_warnings():
            # more fields than the header: pandas would drop them with a warning
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text), header=0, names=header, dtype=str, keep_default_na=False,
                na_filter=False, index_col=False, skip_blank_lines=False, engine="c",
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError, csv.Error):
        return None
    if frame.shape[1] != len(header):
        return None
    frame = frame.astype(object).fillna("")
    if quoted and len(text) > MAX_FIELD and any(
            frame[c].str.len().max() > MAX_FIELD for c in frame.columns):
        return None  # a huge quoted field spanning lines: the careful path reports it
    n = len(frame)
    newlines = np.zeros(n, dtype=np.int64)
    if quoted:
        for col in frame.columns:
            newlines += frame[col].str.count("\n").to_numpy(dtype=np.int64)
    first_cell = frame[header[0]].to_numpy(dtype=object)
    maybe_blank = (first_cell == "") | np.fromiter(
        (c[:1].isspace() for c in first_cell), dtype=bool, count=n)
    return frame, newlines, maybe_blank


def _arrow_parse(utf8: bytes, header: list[str]) -> _Parsed | None:
    """:func:`_fast_csv` with pyarrow's multithreaded reader (about 5x faster than pandas'
    C reader on large files) for text without quotes, or ``None`` if pyarrow is not
    installed or refuses the text (e.g. a row with fewer fields than the header, which
    pandas pads: then pandas reads it). Every column is read as text, no cell is turned
    into a null."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        from pyarrow import csv as pa_csv
    except ImportError:
        return None
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(utf8),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1,
                                            block_size=4 * MAX_FIELD),
            parse_options=pa_csv.ParseOptions(quote_char=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    newlines = np.zeros(table.num_rows, dtype=np.int64)  # no quotes: one line a record
    # records that may be blank: exact test on the few distinct first characters
    first = table.column(0)
    heads = pc.utf8_slice_codeunits(first, 0, 1)
    spaces = [h for h in pc.unique(heads).to_pylist() if h == "" or h.isspace()]
    maybe_blank = pc.is_in(heads, value_set=pa.array(spaces, pa.string()))
    frame = pd.DataFrame({
        name: pd.Series(col.to_numpy(zero_copy_only=False), dtype=object, copy=False)
        for name, col in zip(header, table.columns, strict=True)
    })
    return frame, newlines, maybe_blank.to_numpy(zero_copy_only=False)


def _check_header(header: list[str], file: str, problems: list[Problem]) -> bool:
    if len(header) > MAX_COLUMNS:
        problems.append(Problem(
            "error", file, 1, None,
            f"header has {len(header):,} columns; at most {MAX_COLUMNS:,} are accepted",
        ))
        return False
    ok = True
    seen: set[str] = set()
    for i, name in enumerate(header, start=1):
        if name == _validate.LINE:
            problems.append(Problem(
                "error", file, 1, name, f"column name {name!r} is reserved by graphkit; rename it"))
            ok = False
        elif not name:
            problems.append(Problem("error", file, 1, None, f"header column {i} has no name"))
            ok = False
        elif name in seen:
            problems.append(Problem("error", file, 1, name, f"duplicate column {name!r}"))
            ok = False
        seen.add(name)
    return ok


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def _sheet_rows(ws: Any, file: str, damaged: list[Problem]) -> Iterator[tuple[int, Any]]:
    """(row number, cell values) of a read-only sheet, which openpyxl parses while it is
    iterated: a damaged sheet ends with a problem in `damaged` instead of an exception."""
    ws.reset_dimensions()  # a forged <dimension ref="A1:XFD1048576"> pads every row
    rows = iter(ws.iter_rows(values_only=True))
    r = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except _XLSX_ERRORS as exc:
            msg = (f"sheet is not well-formed XML ({exc})" if isinstance(exc, ParseError) else
                   f"sheet cannot be read, the workbook is damaged "
                   f"({exc.__class__.__name__}: {exc})")
            damaged.append(Problem("error", file, r + 1, None, msg))
            return
        r += 1
        yield r, values


def _read_xlsx(path: Path, problems: list[Problem]) -> tuple[_Raw, _Raw]:
    from openpyxl import load_workbook

    name = path.name
    empty = (_Raw(f"{name}[nodes]", None, []), _Raw(f"{name}[edges]", None, []))
    if not path.exists():
        problems.append(Problem("error", name, None, None, f"missing file {path}"))
        return empty
    try:
        book = open_regular(path, "xlsx")
    except OSError as exc:
        problems.append(Problem("error", name, None, None, f"cannot read {path}: {exc}"))
        return empty
    try:
        with zipfile.ZipFile(book) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
        if expanded > MAX_XLSX_EXPANDED:
            problems.append(Problem(
                "error", name, None, None,
                f"workbook expands to {expanded:,} bytes, over the limit of "
                f"{MAX_XLSX_EXPANDED:,}; save the sheets as nodes.csv and edges.csv instead",
            ))
            book.close()
            return empty
        wb = load_workbook(book, read_only=True, data_only=True)
    except _XLSX_ERRORS as exc:
        problems.append(Problem(
            "error", name, None, None,
            f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})",
        ))
        book.close()
        return empty
    out = []
    try:
        for sheet in ("nodes", "edges"):
            file = f"{name}[{sheet}]"
            if sheet not in wb.sheetnames:
                problems.append(Problem(
                    "error", name, None, None,
                    f"workbook has no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})",
                ))
                out.append(_Raw(file, None, []))
                continue
            header: list[str] | None = None
            rows: list[list[str]] = []
            lines: list[int] = []
            damaged: list[Problem] = []
            for r, values in _sheet_rows(wb[sheet], file, damaged):
                if header is None:
                    cells = [_cell_text(v) for v in values]
                    while cells and not cells[-1].strip():
                        cells.pop()
                    if cells:
                        header = [c.strip() for c in cells]
                    continue
                n = len(header)
                cells = [_cell_text(v) for v in values[:n]]
                extra = values[n:]  # only its non-empty cells are converted
                if len(extra) > extra.count(None) and any(
                        _cell_text(v).strip() for v in extra if v is not None):
                    problems.append(Problem(
                        "error", file, r, None, f"row has values beyond the {n} header columns"
                    ))
                    continue
                if all(not c.strip() for c in cells):
                    continue
                rows.append(cells + [""] * (n - len(cells)))
                lines.append(r)
            if damaged:
                problems.extend(damaged)
                out.append(_Raw(file, None, []))
                continue
            if header is None:
                problems.append(Problem("error", file, None, None, "sheet is empty (no header)"))
                out.append(_Raw(file, None, []))
                continue
            if not _check_header(header, file, problems):
                out.append(_Raw(file, None, []))
                continue
            cols = list(zip(*rows, strict=True)) if rows else [()] * len(header)
            frame = pd.DataFrame(
                {h: pd.Series(c, dtype=object) for h, c in zip(header, cols, strict=True)}
            )
            out.append(_Raw(file, frame, lines))
    finally:
        wb.close()
        book.close()
    return out[0], out[1]


def _is_date(text: str) -> bool:
    if not _SNAPSHOT.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _read_meta(folder: Path, problems: list[Problem]) -> dict[str, str | None]:
    meta: dict[str, str | None] = {"name": folder.name, "snapshot": None, "description": None}
    path = folder / "dataset.json"
    if not path.exists():
        return meta
    try:
        size = path.stat().st_size
        if size > MAX_META:
            problems.append(Problem(
                "error", "dataset.json", None, None,
                f"file is {size:,} bytes; metadata must be under {MAX_META:,} bytes"))
            return meta
        raw = json.loads(read_regular(path, "meta").decode("utf-8-sig"))
    except OSError as exc:
        problems.append(Problem("error", "dataset.json", None, None, f"cannot read {path}: {exc}"))
        return meta
    except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, an int of 4300+ digits
        problems.append(Problem("error", "dataset.json", None, None, f"invalid JSON: {exc}"))
        return meta
    if not isinstance(raw, dict):
        problems.append(Problem("error", "dataset.json", None, None, "must hold a JSON object"))
        return meta
    for key in ("name", "snapshot", "description"):
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(Problem(
                "error", "dataset.json", None, key, f"{key} must be a string, got {value!r}"
            ))
            continue
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                problems.append(Problem(
                    "error", "dataset.json", None, key,
                    f"{key} holds an unpaired surrogate {value[exc.start]!r}, not text"))
                continue
        meta[key] = value
    snap = meta["snapshot"]
    if snap is not None and not _is_date(snap):
        problems.append(Problem(
            "error", "dataset.json", None, "snapshot",
            f"snapshot {snap!r} is not a date YYYY-MM-DD",
        ))
    return meta


def _load(path: str | os.PathLike[str]) -> tuple[Dataset | None, list[Problem]]:
    """Read, parse and validate; return the dataset (None on errors) and all problems."""
    p = Path(path)
    problems: list[Problem] = []
    if p.is_dir():
        nodes = _read_csv(p / "nodes.csv", "nodes.csv", problems)
        edges = _read_csv(p / "edges.csv", "edges.csv", problems)
        meta = _read_meta(p, problems)
    elif p.suffix.lower() == ".xlsx":
        nodes, edges = _read_xlsx(p, problems)
        meta = {"name": p.stem, "snapshot": None, "description": None}
    else:
        what = "does not exist" if not p.exists() else (
            dataset_kind_hint(p) or "is neither a folder nor an .xlsx workbook")
        problems.append(Problem(
            "error", str(p), None, None,
            f"{what}; DATASET must be a folder holding nodes.csv and edges.csv, "
            "or an .xlsx workbook with sheets 'nodes' and 'edges'",
        ))
        return None, problems
    node_frame = edge_frame = None
    if nodes.frame is not None:
        node_frame = _validate.parse_nodes(nodes.frame, nodes.file, nodes.lines, problems)
    if edges.frame is not None:
        edge_frame = _validate.parse_edges(edges.frame, edges.file, edges.lines, problems)
    if node_frame is None or edge_frame is None:
        return None, problems
    node_frame, edge_frame = _validate.check(
        node_frame, edge_frame, problems, nodes_file=nodes.file, edges_file=edges.file
    )
    if any(pr.severity == "error" for pr in problems):
        return None, problems
    ds = Dataset(
        nodes=node_frame, edges=edge_frame, name=meta["name"] or p.stem,
        snapshot=meta["snapshot"], description=meta["description"], source=str(p),
        warnings=tuple(pr for pr in problems if pr.severity == "warning"),
    )
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
    the folder as it was.

    Examples
    --------
    >>> write_dataset(read_dataset("data/sihui"), "/tmp/copy")   # doctest: +SKIP
    PosixPath('/tmp/copy')
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    nodes = ds.nodes.copy()
    not_org = nodes["label"] != PARTY_ORG
    for col in ("rating", "joint"):
        nodes[col] = nodes[col].astype(object).where(~not_org, None)
    node_cols = list(NODE_COLUMNS) + [c for c in nodes.columns if c not in NODE_COLUMNS]
    edge_cols = list(EDGE_COLUMNS) + [c for c in ds.edges.columns if c not in EDGE_COLUMNS]
    files: dict[Path, str] = {}
    for name, frame, cols in (("nodes.csv", nodes, node_cols), ("edges.csv", ds.edges, edge_cols)):
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        writer.writerows(_frame_rows(frame, cols))
        files[out / name] = buf.getvalue()
    meta = {"name": ds.name, "snapshot": ds.snapshot, "description": ds.description}
    files[out / "dataset.json"] = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    write_all_atomic(files)
    return out
