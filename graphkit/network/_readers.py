"""Files to tables of text cells: CSV (UTF-8 or GBK) and ``.xlsx`` sheets.

Each reader returns a :class:`Raw` table — every cell a string, an Arrow column per header
name, the 1-based line (or sheet row) of every record — or ``None`` with the problems
found. Nothing here knows what a node or an edge is: :mod:`graphkit._parse` and
:mod:`graphkit.validation` do.

CSV goes through one of three parsers, fastest first: pyarrow (text without quotes),
pandas' C reader (quoted text), Python's ``csv`` module (anything the others refuse, with a
problem for every bad row). The fast ones are used only where line numbers can be
recovered exactly and the header is clean; all three give the same table.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from .. import vocab as V
from ._input import read_regular
from ._parse import Problems

__all__ = ["MAX_COLUMNS", "MAX_FIELD", "MAX_XLSX_EXPANDED", "Raw", "read_csv", "read_xlsx"]

#: Largest accepted CSV field, in characters (bounds memory on hostile input).
MAX_FIELD = 1 << 20
#: Most columns accepted in a table (a wider header is refused, not parsed).
MAX_COLUMNS = 1000
#: Largest accepted uncompressed content of an ``.xlsx`` workbook, in bytes (zip bombs).
MAX_XLSX_EXPANDED = 256 << 20
#: How many rows below the first one a header is looked for (a title row above it).
_TITLE_ROWS = 10

#: What openpyxl raises on a damaged workbook (found by fuzzing): bad zip entries, CRC or
#: deflate errors, truncated streams, malformed XML, unknown attributes or cell references.
_XLSX_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ParseError, KeyError,
                ValueError, TypeError)
_BOM = b"\xef\xbb\xbf"
_STANDARD = tuple(dict.fromkeys((*V.NODE_COLUMNS, *V.EDGE_COLUMNS)))


@dataclass
class Raw:
    """One table as read: text cells by column, and the line (or row) of each record."""

    file: str
    table: pa.Table
    lines: np.ndarray


# --- headers --------------------------------------------------------------------------------


def _folded(name: str) -> str:
    """A column name without case, surrounding spaces or invisible characters."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf").strip().lower()


def _clean_header(header: Sequence[str]) -> bool:
    """Whether a header needs none of the careful checks of :func:`settle`."""
    return (len(header) <= MAX_COLUMNS and len(set(header)) == len(header)
            and all(h and h == h.strip() and h.isprintable() for h in header)
            and not any(_folded(h) in _STANDARD and h not in _STANDARD for h in header))


def _header_problems(header: list[str], file: str, problems: Problems) -> bool:
    """Names of the header: none empty or repeated, none a standard column but for case,
    spaces or invisible characters. Return whether it can be used."""
    if len(header) > MAX_COLUMNS:
        problems.add("error", file, 1, None, "too_many_columns",
                     f"header has {len(header):,} columns; at most {MAX_COLUMNS:,} are accepted",
                     f"表头有 {len(header):,} 列，最多接受 {MAX_COLUMNS:,} 列")
        return False
    ok = True
    seen: set[str] = set()
    for i, name in enumerate(header, start=1):
        standard = next((s for s in _STANDARD if _folded(name) == s), None)
        if not name.strip():
            problems.add("error", file, 1, None, "unnamed_column",
                         f"header column {i} has no name", f"表头第 {i} 列没有列名")
            ok = False
        elif standard is not None and name != standard:
            problems.add("error", file, 1, repr(name), "column_variant",
                         f"column {name!r} looks like the standard column {standard!r} but "
                         f"differs in case, spaces or invisible characters; rename it "
                         f"{standard!r}",
                         f"列名 {name!r} 与标准列 {standard!r} 仅在大小写、空格或不可见字符上不同；"
                         f"请改为 {standard!r}")
            ok = False
        elif name in seen:
            problems.add("error", file, 1, name, "duplicate_column",
                         f"duplicate column {name!r}", f"列名 {name!r} 重复")
            ok = False
        seen.add(name)
    return ok


def _title_rows(header: list[str], rows: Sequence[Sequence[str]], lines: Sequence[int],
                file: str, required: Sequence[str], problems: Problems) -> bool:
    """A title above the header: the first row lacks the required columns and a later one
    has them. Add one problem saying where the header is; return whether that was found."""
    if all(c in header for c in required):
        return False
    for row, line in zip(rows[:_TITLE_ROWS], lines[:_TITLE_ROWS], strict=False):
        cells = [c.strip() for c in row]
        if all(c in cells for c in required):
            above = line - 1
            problems.add("error", file, line, None, "title_row",
                         f"the header ({', '.join(required)}) is on line {line}, not on the first "
                         f"line: delete the {above} line(s) above it (a title?) and read again",
                         f"表头（{', '.join(required)}）在第 {line} 行而非第一行："
                         f"请删除其上方的 {above} 行（标题？）后重新读取")
            return True
    return False


def settle(file: str, header: list[str], rows: list[list[str]], lines: list[int],
           required: Sequence[str], problems: Problems, *, row_word: str = "row"
           ) -> Raw | None:
    """A table from a header and records of text cells (the careful path of every reader):
    a title row above the header, header names, ragged rows, trailing empty columns."""
    if _title_rows(header, rows, lines, file, required, problems):
        return None
    # an empty trailing column (as Excel writes): ignored when it holds nothing
    n = len(header)
    while n and not header[n - 1].strip() and all(
            len(r) < n or not r[n - 1].strip() for r in rows):
        n -= 1
    if n < len(header):
        problems.add("warning", file, 1, None, "empty_trailing_column",
                     f"{len(header) - n} empty column(s) at the end of the header; ignored",
                     f"表头末尾有 {len(header) - n} 个空列，已忽略")
        header = header[:n]
    if not _header_problems(header, file, problems):
        return None
    ok = True
    kept: list[list[str]] = []
    kept_lines: list[int] = []
    for row, line in zip(rows, lines, strict=True):
        if len(row) > n and any(c.strip() for c in row[n:]):
            problems.add("error", file, line, None, "extra_fields",
                         f"{row_word} has {len(row)} fields but the header has {n}",
                         f"该行有 {len(row)} 个字段，而表头只有 {n} 列")
            ok = False
            continue
        kept.append(row[:n] + [""] * (n - len(row)))
        kept_lines.append(line)
    if not ok:
        return None
    columns = list(zip(*kept, strict=True)) if kept else [()] * n
    table = pa.table({name: pa.array(list(col), pa.string())
                      for name, col in zip(header, columns, strict=True)})
    return Raw(file, table, np.asarray(kept_lines, dtype=np.int64))


# --- CSV ------------------------------------------------------------------------------------


def _decode(data: bytes, file: str, problems: Problems) -> tuple[str | None, bool]:
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
        problems.add("error", file, line, None, "undecodable",
                     f"undecodable text at byte {utf8_error.start}: the file is neither UTF-8 "
                     "nor GBK/GB18030; save it as UTF-8",
                     f"第 {utf8_error.start} 字节处无法解码：文件既不是 UTF-8 也不是 GBK/GB18030；"
                     "请另存为 UTF-8")
        return None, False
    problems.add("warning", file, None, None, "gbk",
                 "file is GBK/GB18030-encoded, not UTF-8; it was read, but save it as UTF-8",
                 "文件为 GBK/GB18030 编码而非 UTF-8；已读取，建议另存为 UTF-8")
    return text, True


def _strip_boms(data: bytes) -> bytes:
    """`data` without its leading UTF-8 BOMs (a BOM, or two from a second tool)."""
    while data.startswith(_BOM):
        data = data[len(_BOM):]
    return data


def read_csv(data: bytes, file: str, required: Sequence[str], problems: Problems
             ) -> Raw | None:
    """The table of a CSV file's bytes, or ``None`` (with the problems) when unreadable."""
    if data[:4] == b"PK\x03\x04":
        problems.add("error", file, None, None, "zip_as_csv",
                     "this is a zip/.xlsx file, not CSV text; pass the workbook itself as DATASET",
                     "这是 zip/.xlsx 文件而不是 CSV 文本；请直接把工作簿作为 DATASET")
        return None
    data = _strip_boms(data)
    if b"\x00" not in data:
        fast = _fast_utf8(data, file, required)
        if fast is not None:
            return fast
    text, _ = _decode(data, file, problems)
    if text is None:
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add("error", file, line, None, "nul_byte", "NUL byte in text; not a CSV file?",
                     "文本中含有 NUL 字节；这不是 CSV 文件？")
        return None
    fast = None if _has_huge_line(data) else _fast_csv(text, data, file, required)
    del data
    if fast is not None:
        return fast
    return _careful_csv(text, file, required, problems)


def _fast_utf8(data: bytes, file: str, required: Sequence[str]) -> Raw | None:
    """The pyarrow path straight from the bytes (no decoding, no copy as text): for
    quote-free UTF-8 without blank lines or lone CRs and with a clean header; ``None``
    otherwise (pyarrow checks the UTF-8 itself)."""
    first, _, _ = data.partition(b"\n")
    if b'"' in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return None  # blank lines make pyarrow fail (it does not skip them here)
    try:
        header = next(csv.reader([first.rstrip(b"\r").decode("utf-8")]))
    except (UnicodeDecodeError, csv.Error):
        return None
    if not _clean_header(header) or not all(c in header for c in required):
        return None
    parsed = _arrow_parse(data, header)
    if parsed is None:
        return None
    table = parsed[0]
    if any((pc.max(pc.binary_length(table.column(c))).as_py() or 0) > MAX_FIELD
           for c in header):
        return None  # the careful path reports the field that is too long
    return _with_lines(Raw(file, table, np.zeros(0, dtype=np.int64)), *parsed[1:])


def _careful_csv(text: str, file: str, required: Sequence[str], problems: Problems
                 ) -> Raw | None:
    reader = csv.reader(io.StringIO(text, newline=""))
    old_limit = csv.field_size_limit(MAX_FIELD)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    start = 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if not record or all(not c.strip() for c in record):
                continue
            if header is None:
                header = record
                continue
            rows.append(record)
            lines.append(line)
    except csv.Error as exc:
        if "field limit" in str(exc):
            en = (f"a field is longer than {MAX_FIELD:,} characters (the limit for one cell); "
                  "is a quote left open, or is this not a CSV file?")
            zh = (f"有字段超过 {MAX_FIELD:,} 个字符（单元格上限）；"
                  "是否有未闭合的引号，或这不是 CSV 文件？")
        else:
            en, zh = f"malformed CSV: {exc}", f"CSV 格式错误：{exc}"
        problems.add("error", file, start, None, "malformed_csv", en, zh)
        return None
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        problems.add("error", file, None, None, "empty_file", "file is empty (no header row)",
                     "文件为空（没有表头）")
        return None
    return settle(file, header, rows, lines, required, problems)


_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n|\A[ \t\r]*\n|\n[ \t]+\Z")


def _has_blank_line(data: bytes) -> bool:
    """Whether `data` has an empty or whitespace-only line (substring tests first: fast)."""
    if b"\n\n" in data or b"\n\r\n" in data or data[:1] in (b"\n", b"\r"):
        return True
    if b"\n " not in data and b"\n\t" not in data and not data[:1].isspace():
        return False
    return _BLANK_LINE.search(data) is not None


def _has_huge_line(data: bytes) -> bool:
    """Whether some line is longer than MAX_FIELD bytes (so may hold a huge field)."""
    if len(data) <= MAX_FIELD:
        return False
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
    gaps = np.diff(np.concatenate(([-1], ends, [len(data)])))
    return bool(gaps.max() > MAX_FIELD + 1)


def _fast_csv(text: str, data: bytes, file: str, required: Sequence[str]) -> Raw | None:
    """Parse quoted text with pandas' C reader, or return ``None`` for the careful path.

    Taken only when line numbers can be recovered exactly from the parsed cells (no blank
    or whitespace-only lines, a one-line header; records spanning lines through quoted
    newlines are counted) and the header needs no careful check. Anything the C reader
    rejects (ragged rows, bad quoting) goes to the careful path, which reports every such
    row with its line. Lines longer than MAX_FIELD never get here.
    """
    first, _, _ = text.partition("\n")
    # `data`: the bytes `text` was decoded from (line ends and blanks are the same bytes in
    # UTF-8 and GBK)
    if '"' in first or text.count("\r") != text.count("\r\n") or _has_blank_line(data):
        return None  # a lone CR ends a record for the parsers but is no line for us
    try:
        header = next(csv.reader([first.rstrip("\r")]))
    except csv.Error:  # a very long header field: the careful path
        return None
    if not _clean_header(header) or not all(c in header for c in required):
        return None
    parsed = _pandas_parse(text, header, '"' in text)
    if parsed is None:
        return None
    return _with_lines(Raw(file, parsed[0], np.zeros(0, dtype=np.int64)), *parsed[1:])


def _with_lines(raw: Raw, newlines: np.ndarray, maybe_blank: np.ndarray) -> Raw:
    """`raw` with the line of each record, blank records dropped."""
    table = raw.table
    n = table.num_rows
    lines = 2 + np.arange(n, dtype=np.int64) + np.cumsum(newlines) - newlines
    if maybe_blank.any():
        blank = maybe_blank.copy()
        idx = pa.array(np.flatnonzero(maybe_blank))
        for name in table.column_names:  # the first cell too: it may only start with a space
            cells = table.column(name).take(idx)
            blank[idx.to_numpy()] &= np.asarray(
                pc.equal(pc.utf8_trim_whitespace(cells), "").to_numpy(zero_copy_only=False))
        if blank.any():
            table = table.filter(pa.array(~blank))
            lines = lines[~blank]
    return Raw(raw.file, table, lines)


_Parsed = tuple[pa.Table, np.ndarray, np.ndarray]
"""All-string table, embedded newlines per record, and which records may be blank (first
cell empty or starting with white space)."""


def _maybe_blank(first: pa.Array) -> np.ndarray:
    heads = pc.utf8_slice_codeunits(first, 0, 1)
    spaces = [h for h in pc.unique(heads).to_pylist() if h == "" or h.isspace()]
    return np.asarray(pc.is_in(heads, value_set=pa.array(spaces, pa.string()))
                      .to_numpy(zero_copy_only=False), dtype=bool)


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
    table = pa.table({name: pa.array(frame[name].to_numpy(dtype=object), pa.string())
                      for name in header})
    del frame
    table = table.combine_chunks()
    if quoted and len(text) > MAX_FIELD and any(
            (pc.max(pc.utf8_length(table.column(c))).as_py() or 0) > MAX_FIELD
            for c in header):
        return None  # a huge quoted field spanning lines: the careful path reports it
    newlines = np.zeros(table.num_rows, dtype=np.int64)
    if quoted:
        for name in header:
            newlines += np.asarray(pc.count_substring(table.column(name), "\n")
                                   .to_numpy(zero_copy_only=False), dtype=np.int64)
    return table, newlines, _maybe_blank(table.column(0))


def _arrow_parse(utf8: bytes, header: list[str]) -> _Parsed | None:
    """:func:`_fast_csv` with pyarrow's multithreaded reader (about 5x faster than pandas'
    C reader on large files) for text without quotes, or ``None`` if it refuses the text
    (e.g. a row with fewer fields than the header, which pandas pads: then pandas reads
    it). Every column is read as text, no cell is turned into a null."""
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(utf8),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1,
                                            block_size=4 * MAX_FIELD),
            # an empty line is a ragged record, not skipped: line numbers stay exact
            parse_options=pa_csv.ParseOptions(quote_char=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    newlines = np.zeros(table.num_rows, dtype=np.int64)  # no quotes: one line a record
    return table, newlines, _maybe_blank(table.column(0))


# --- xlsx -----------------------------------------------------------------------------------


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


def _sheet_rows(ws: Any, file: str, damaged: Problems) -> Iterator[tuple[int, Any]]:
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
            if isinstance(exc, ParseError):
                en = f"sheet is not well-formed XML ({exc})"
                zh = f"工作表不是格式正确的 XML（{exc}）"
            else:
                en = (f"sheet cannot be read, the workbook is damaged "
                      f"({exc.__class__.__name__}: {exc})")
                zh = f"工作表无法读取，工作簿已损坏（{exc.__class__.__name__}: {exc}）"
            damaged.add("error", file, r + 1, None, "xlsx_damaged", en, zh)
            return
        r += 1
        yield r, values


def _formula_cells(book: bytes, sheet: str, file: str, header_len: int | None,
                   missing: set[tuple[int, int]], problems: Problems) -> None:
    """An error for each cell of `missing` ((row, column) whose stored value is empty)
    that holds a formula: its value is unknown until a spreadsheet program computes it."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(book), read_only=True, data_only=False)
    try:
        damaged = Problems()
        for r, values in _sheet_rows(wb[sheet], file, damaged):
            for c, v in enumerate(values):
                if (r, c) in missing and isinstance(v, str) and v.startswith("="):
                    problems.add(
                        "error", file, r, None, "formula_without_value",
                        f"cell {_column_letter(c)}{r} holds the formula {v!r} with no stored "
                        "value; open and save the workbook in a spreadsheet program first "
                        "(it computes and stores the values)",
                        f"单元格 {_column_letter(c)}{r} 是公式 {v!r}，但没有保存计算结果；"
                        "请先用电子表格软件打开并保存该工作簿")
    finally:
        wb.close()


def _has_formulas(book: bytes) -> bool:
    """Whether some worksheet of the workbook holds a formula (an ``<f>`` element)."""
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                data = zf.read(info)
                if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
                    return True
    return False


def _column_letter(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c + 1)


def read_xlsx(path: Path, requirements: dict[str, Sequence[str]], problems: Problems
              ) -> dict[str, Raw | None]:
    """The tables of the sheets named in `requirements` (sheet -> required columns)."""
    from openpyxl import load_workbook

    name = path.name
    out: dict[str, Raw | None] = dict.fromkeys(requirements)
    try:
        book = read_regular(path, "xlsx")
    except FileNotFoundError:
        problems.add("error", name, None, None, "missing_file", f"missing file {path}",
                     f"缺少文件 {path}")
        return out
    except OSError as exc:
        problems.add("error", name, None, None, "cannot_read", f"cannot read {path}: {exc}",
                     f"无法读取 {path}：{exc}")
        return out
    try:
        with zipfile.ZipFile(io.BytesIO(book)) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
        if expanded > MAX_XLSX_EXPANDED:
            problems.add("error", name, None, None, "xlsx_too_big",
                         f"workbook expands to {expanded:,} bytes, over the limit of "
                         f"{MAX_XLSX_EXPANDED:,}; save the sheets as nodes.csv and edges.csv "
                         "instead",
                         f"工作簿解压后为 {expanded:,} 字节，超过上限 {MAX_XLSX_EXPANDED:,}；"
                         "请把工作表另存为 nodes.csv 和 edges.csv")
            return out
        wb = load_workbook(io.BytesIO(book), read_only=True, data_only=True)
    except _XLSX_ERRORS as exc:
        problems.add("error", name, None, None, "xlsx_unreadable",
                     f"not a readable .xlsx workbook ({exc.__class__.__name__}: {exc})",
                     f"不是可读取的 .xlsx 工作簿（{exc.__class__.__name__}: {exc}）")
        return out
    try:
        for sheet, required in requirements.items():
            file = f"{name}[{sheet}]"
            if sheet not in wb.sheetnames:
                names = wb.sheetnames
                problems.add("error", name, None, None, "xlsx_no_sheet",
                             f"workbook has no sheet {sheet!r} (sheets: {', '.join(names)})",
                             f"工作簿没有名为 {sheet!r} 的工作表（现有：{'、'.join(names)}）")
                continue
            header: list[str] | None = None
            rows: list[list[str]] = []
            lines: list[int] = []
            empty_cells: set[tuple[int, int]] = set()
            damaged = Problems()
            for r, values in _sheet_rows(wb[sheet], file, damaged):
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    while cells and not cells[-1].strip():
                        cells.pop()
                    header = cells
                    continue
                empty_cells.update((r, c) for c, v in enumerate(values) if v is None)
                rows.append(cells)
                lines.append(r)
            if damaged:
                problems.extend(damaged)
                continue
            if header is None:
                problems.add("error", file, None, None, "empty_sheet",
                             "sheet is empty (no header)", "工作表为空（没有表头）")
                continue
            found = Problems()
            if empty_cells and _has_formulas(book):
                _formula_cells(book, sheet, file, len(header), empty_cells, found)
            if found:
                problems.extend(found)
                continue
            out[sheet] = settle(file, header, rows, lines, required, problems,
                                row_word="row")
    finally:
        wb.close()
    return out
