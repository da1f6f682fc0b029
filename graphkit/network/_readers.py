"""Files to tables of text cells: the one strict reading layer of every input.

CSV (UTF-8 with or without BOM; GBK/GB18030 with a warning; Big5, Shift-JIS, EUC-KR and
UTF-16 told apart by a detector and refused by name) and workbooks (``.xlsx``; ``.xls``
where asked) read with python-calamine, their bytes sniffed first (a renamed ``.xls``, a
password-protected workbook, an HTML or CSV export named ``.xlsx`` are named as what they
are) and bounded (zip bombs, far cells, Excel's 32,767 characters a cell).

Two uses share it:

* :func:`read_csv` and :func:`read_xlsx` give the SPEC section 1 tables: a :class:`Raw`
  table — every cell a string, an Arrow column per header name, the 1-based line (or sheet
  row) of every record — or ``None`` with the problems found. Nothing here knows what a
  node or an edge is: :mod:`graphkit._parse` and :mod:`graphkit.validation` do.
* :func:`read_tables` gives every sheet of a workbook, or a CSV file, as a :class:`Sheet`
  of text rows with their row numbers (the rosters of :mod:`graphkit.adapters.rosters`).

CSV goes through one of three parsers, fastest first: pyarrow (text without quotes),
pandas' C reader (quoted text), Python's ``csv`` module (anything the others refuse, with a
problem for every bad row; a quote left open to the end of the file is an error at its
line, not a cell swallowing every row after it). The fast ones are used only where line
numbers can be recovered exactly and the header is clean; all three give the same table.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from .. import vocab as V
from ._input import read_regular
from ._parse import Problems
from ._text import byte_set, first_byte_in

__all__ = ["MAX_CELL", "MAX_COLUMNS", "MAX_FIELD", "MAX_SHEET_CELLS", "MAX_XLSX_EXPANDED",
           "TABLE_SUFFIXES", "Raw", "Sheet", "csv_records", "open_book", "read_csv",
           "read_tables", "read_xlsx", "sniff"]

#: Largest accepted CSV field, in characters (bounds memory on hostile input).
MAX_FIELD = 1 << 20
#: Most columns accepted in a table (a wider header is refused, not parsed).
MAX_COLUMNS = 1000
#: Largest accepted uncompressed content of an ``.xlsx`` workbook, in bytes (zip bombs).
MAX_XLSX_EXPANDED = 256 << 20
#: How many rows below the first one a header is looked for (a title row above it).
_TITLE_ROWS = 10

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


#: Other East Asian encodings that GB18030 may decode without an error (Big5 text is
#: mostly valid GB18030 bytes): told apart by :func:`_other_encoding`, refused by name.
_OTHER_CJK = {"big5": "Big5（繁体中文）", "shift_jis": "Shift-JIS（日文）",
              "euc_kr": "EUC-KR（韩文）"}
#: Bytes of non-ASCII lines given to the detector (enough to decide, bounded in time).
_SAMPLE = 64 << 10


def _non_ascii_sample(data: bytes) -> bytes:
    """The first lines of `data` holding a non-ASCII byte, about :data:`_SAMPLE` bytes
    (a newline byte is never part of a GBK, Big5, Shift-JIS or EUC-KR character)."""
    out: list[bytes] = []
    size = 0
    for m in re.finditer(rb"[^\n]*[\x80-\xff][^\n]*", data):
        out.append(m.group(0))
        size += len(out[-1]) + 1
        if size >= _SAMPLE:
            break
    return b"\n".join(out)


def _round_trips(data: bytes, encoding: str) -> bool:
    try:
        return data.decode(encoding).encode(encoding) == data
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False


def _other_encoding(data: bytes) -> str | None:
    """The encoding among Big5, Shift-JIS and EUC-KR that `data` is written in, when a
    detector (charset-normalizer) finds it a clearly better reading than GB18030 and it
    decodes the sample and encodes it back to the same bytes; else None (GBK/GB18030)."""
    from charset_normalizer import from_bytes

    sample = _non_ascii_sample(data)
    if not sample:
        return None
    results = from_bytes(sample, cp_isolation=["gb18030", *_OTHER_CJK], threshold=1.0,
                         explain=False, preemptive_behaviour=False)
    chaos = {r.encoding: r.chaos for r in results}
    gb = chaos.get("gb18030")
    others = sorted((c, e) for e, c in chaos.items() if e != "gb18030")
    for c, enc in others:
        if (gb is None or c < gb) and _round_trips(sample, enc):
            return enc
    return None


def _decode(data: bytes, file: str, problems: Problems) -> tuple[str | None, bool]:
    """The text of `data` (BOMs already stripped; None when undecodable) and whether it
    was read as GBK/GB18030.

    UTF-8 first; else GB18030 (which GBK is a subset of) with a warning, unless the text
    is another East Asian encoding (Big5, Shift-JIS, EUC-KR), which GB18030 would read
    without an error into wrong characters: that, UTF-16 and anything undecodable is an
    error naming the file (SPEC section 1)."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        problems.add("error", file, None, None, "encoding",
                     "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8; in "
                     "Notepad: 另存为, 编码 UTF-8)",
                     "文件为 UTF-16 编码；请另存为 UTF-8"
                     "（Excel：“CSV UTF-8”；记事本：另存为，编码选 UTF-8）")
        return None, False
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
    other = _other_encoding(data)
    if other is not None:
        problems.add("error", file, None, None, "encoding",
                     f"the file looks {other}-encoded, which graphkit does not read (it would "
                     "read wrong characters); save it as UTF-8",
                     f"文件似为 {_OTHER_CJK[other]} 编码，graphkit 不读取（会读成错误的字）；"
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
    if data[:8] == _OLE2 or data[:1] == b"<":
        kind = sniff(data[:1 << 20])
        if kind in ("xls", "encrypted", "html", "xml2003"):
            en, zh = _not_a_workbook(kind, ".csv")
            problems.add("error", file, None, None, "not_csv", f"{file} {en}", f"{file} {zh}")
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
    end = data.find(b"\n")
    first = data if end < 0 else data[:end]  # not partition: it would copy the rest
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


#: A quoted field from its opening quote to its closing one (``""`` is a quote inside).
_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')
_FIELD_END = re.compile(r"[,\r\n]")
_LINE_END = re.compile(r"\r\n|\r|\n")


def _unclosed_quote(record: str) -> int | None:
    """Where the quote that is never closed opens in `record` (the text of the last record
    of a file, to its end), or None: the reading of Python's ``csv`` module, which takes
    the end of the file as the end of an open quote (and so swallows every row after it)."""
    pos, n = 0, len(record)
    while pos < n:
        if record[pos] == '"':  # a quote at the start of a field opens it
            m = _QUOTED.match(record, pos)
            if m is None:
                return pos
            pos = m.end()
        m = _FIELD_END.search(record, pos)
        if m is None or m.group(0) != ",":
            return None
        pos = m.end()
    return None


def _line_start(text: str, line: int) -> int:
    """The offset in `text` where 1-based `line` begins (lines as ``csv`` counts them)."""
    if line <= 1:
        return 0
    for i, m in enumerate(_LINE_END.finditer(text), start=2):
        if i == line:
            return m.end()
    return len(text)


def csv_records(text: str, file: str, problems: Problems
                ) -> tuple[list[list[str]], list[int]] | None:
    """Every non-blank record of CSV `text` and the line where each starts, or ``None``
    (with a problem) when the text is not CSV: a field over :data:`MAX_FIELD` characters,
    or a quote opened and never closed (an error at the line where it opens: the rows
    after it would vanish into one cell)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    old_limit = csv.field_size_limit(MAX_FIELD)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    last = None
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            last = line
            if not record or all(not c.strip() for c in record):
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
    if last is not None and '"' in text:
        begin = _line_start(text, last)
        opened = _unclosed_quote(text[begin:])
        if opened is not None:
            line = last + len(_LINE_END.findall(text, begin, begin + opened))
            problems.add("error", file, line, None, "unclosed_quote",
                         "a quote (\") opened on this line is never closed: every row after it "
                         "would be read into one cell; close the quote or remove it",
                         "此行的引号（\"）没有闭合：其后各行都会被读进同一个单元格；"
                         "请补上或删除该引号")
            return None
    return rows, lines


def _careful_csv(text: str, file: str, required: Sequence[str], problems: Problems
                 ) -> Raw | None:
    records = csv_records(text, file, problems)
    if records is None:
        return None
    rows, lines = records
    if not rows:
        problems.add("error", file, None, None, "empty_file", "file is empty (no header row)",
                     "文件为空（没有表头）")
        return None
    return settle(file, rows[0], rows[1:], lines[1:], required, problems)


_BLANK_LINE = re.compile(rb"\n[ \t\r]*\n|\A[ \t\r]*\n|\n[ \t]+\Z")


def _has_blank_line(data: bytes) -> bool:
    """Whether `data` has an empty or whitespace-only line (substring tests first: fast)."""
    if b"\n\n" in data or b"\n\r\n" in data or data[:1] in (b"\n", b"\r"):
        return True
    if b"\n " not in data and b"\n\t" not in data and not data[:1].isspace():
        return False
    return _BLANK_LINE.search(data) is not None


def _has_huge_line(data: bytes, limit: int = MAX_FIELD) -> bool:
    """Whether some line is longer than `limit` bytes (so may hold a huge field): one
    backward search for a newline per `limit` bytes, not a scan of every byte.

    Examples
    --------
    >>> _has_huge_line(b"ab\\ncd\\nef", 2), _has_huge_line(b"abc\\nd", 2)
    (False, True)
    """
    start = 0
    while len(data) - start > limit:
        end = data.rfind(b"\n", start, start + limit + 1)
        if end < 0:
            return True
        start = end + 1
    return False


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
    lines = np.arange(2, n + 2, dtype=np.int64)
    if newlines.any():
        lines += np.cumsum(newlines) - newlines
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


#: First bytes of a cell that may start with white space: ASCII controls and space, DEL,
#: and every byte beyond ASCII (the cells starting so are then looked at as text).
_MAYBE_SPACE = byte_set((0x00, 0x20), (0x7F, 0xFF))


def _maybe_blank(first: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Which cells are empty or start with white space (``str.isspace``): their first bytes
    read in place, then only the cells that may be so sliced as text."""
    out = first_byte_in(first, _MAYBE_SPACE)
    rows = np.flatnonzero(out)
    if len(rows):
        heads = pc.utf8_slice_codeunits(first.take(pa.array(rows)), 0, 1)
        spaces = [h for h in pc.unique(heads).to_pylist() if h == "" or h.isspace()]
        out[rows] = np.asarray(pc.is_in(heads, value_set=pa.array(spaces, pa.string()))
                               .to_numpy(zero_copy_only=False), dtype=bool)
    return out


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
    it). Every column is read as text, no cell is turned into a null.

    The reader fails on a line longer than its block; a failure in one block while other
    threads still parse theirs can leave pyarrow's thread pool busy at exit, and its C++
    teardown then aborts the process (apache/arrow#34314). So a text with such a line never
    gets here (:func:`_has_huge_line`), and a text of one block is read on this thread
    alone.
    """
    block = 4 * MAX_FIELD
    if _has_huge_line(utf8, block - 1):
        return None
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(utf8),
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1,
                                            block_size=block,
                                            use_threads=len(utf8) > block),
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


# --- workbooks ------------------------------------------------------------------------

#: Excel's limit for the text of a cell: a cell this long or longer is refused (the reader
#: cuts a longer text at this length; such a cell is written by a program, not typed; the
#: CSV limit is :data:`MAX_FIELD`).
MAX_CELL = 32_767
#: Most cells a sheet may span (rows x columns from A1 to its farthest cell): the reader
#: holds a sheet as a dense grid, and one forged far cell (XFD1048576) would ask for
#: 17 billion.
MAX_SHEET_CELLS = 20_000_000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook (or one CSV file) as rows of text cells.

    Attributes
    ----------
    file : str
        The file's name (``单位.xlsx``).
    sheet : str or None
        The sheet's name; None for a CSV file.
    rows : list of list of str
        The non-empty rows, every cell as text (dates as ISO ``2021-03-05``, whole numbers
        without ``.0``), columns empty in every row removed.
    lines : list of int
        The row number a spreadsheet shows for each row (CSV: the line where the record
        starts).
    """

    file: str
    sheet: str | None
    rows: list[list[str]]
    lines: list[int]

    @property
    def where(self) -> str:
        """``file[sheet]``, or the file alone for a CSV file."""
        return self.file if self.sheet is None else f"{self.file}[{self.sheet}]"


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


def _column_letter(c: int) -> str:
    """The spreadsheet letter of 0-based column `c` (0 -> A, 26 -> AA)."""
    letters = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def sniff(data: bytes) -> str:
    """What a file's bytes really are, whatever its name: ``xlsx``, ``xls`` (Excel
    97-2003), ``encrypted`` (a password-protected workbook), ``ods``, ``zip`` (another zip
    archive), ``html`` (a web page, as web systems "export to Excel"), ``xml2003`` (Excel
    2003 XML), ``text`` (CSV or other text), ``empty`` or ``unknown``.

    Examples
    --------
    >>> sniff(b"PK\\x03\\x04" + b"\\x00" * 26 + b"xl/workbook.xml"), sniff(b"id,name\\n1,a\\n")
    ('xlsx', 'text')
    >>> sniff(b"<html><table><tr><td>1</td></tr></table></html>")
    'html'
    """
    if not data:
        return "empty"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return "xlsx" if b"xl/" in data[:4096] else "zip"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "content.xml" in names and b"opendocument.spreadsheet" in data[:200]:
            return "ods"
        return "zip"
    if data.startswith(_OLE2):
        # a CFB container: Excel 97-2003, or an encrypted OOXML workbook (its directory
        # holds the streams EncryptionInfo and EncryptedPackage, names in UTF-16LE)
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or \
                "EncryptionInfo".encode("utf-16-le") in data[:1 << 20]:
            return "encrypted"
        return "xls"
    head = _strip_boms(data[:4096]).lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or (
            head.startswith(b"<") and b"<table" in data[:65536].lower()):
        return "html"
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in \
            data[:65536]:
        return "xml2003"
    if b"\x00" not in data[:4096] or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "text"
    return "unknown"


#: What a file that is not the workbook its name says really is, and what to do (en, zh).
_NOT_A_WORKBOOK = {
    "xls": ("is an Excel 97-2003 workbook (.xls) named {suffix}; open it in Excel or WPS and "
            "save it as .xlsx (Excel 工作簿)",
            "实为 Excel 97-2003 工作簿（.xls）却以 {suffix} 命名；"
            "请用 Excel 或 WPS 打开并另存为 .xlsx"),
    "encrypted": ("is a password-protected workbook, which cannot be read; open it in Excel or "
                  "WPS, remove the password (文件 > 信息 > 保护工作簿 > 用密码进行加密: clear it) "
                  "and save it",
                  "是加密（设有打开密码）的工作簿，无法读取；请用 Excel 或 WPS 打开，清除密码"
                  "（文件 > 信息 > 保护工作簿 > 用密码进行加密）后保存"),
    "ods": ("is an OpenDocument spreadsheet (.ods) named {suffix}; save it as .xlsx",
            "实为 OpenDocument 表格（.ods）；请另存为 .xlsx"),
    "zip": ("is a zip archive, not a workbook; unzip it and pass what it holds",
            "是 zip 压缩包而不是工作簿；请先解压，再传入其中的文件"),
    "html": ("is a web page (HTML) named {suffix}, as web systems \"export to Excel\"; open it "
             "in Excel or WPS and save it as .xlsx (Excel 工作簿), or export CSV instead",
             "实为网页（HTML）却以 {suffix} 命名（网页系统“导出 Excel”常见）；请用 Excel 或 WPS "
             "打开并另存为 .xlsx，或改为导出 CSV"),
    "xml2003": ("is an Excel 2003 XML spreadsheet named {suffix}; open it in Excel or WPS and "
                "save it as .xlsx",
                "实为 Excel 2003 XML 表格；请用 Excel 或 WPS 打开并另存为 .xlsx"),
    "text": ("is text (CSV?) named {suffix}, not a workbook; rename it to .csv",
             "是文本（CSV？）而不是工作簿；请把扩展名改为 .csv"),
    "empty": ("is an empty file, not a workbook", "是空文件，不是工作簿"),
    "unknown": ("is not a workbook (its content is neither .xlsx nor .xls)",
                "不是工作簿（内容既不是 .xlsx 也不是 .xls）"),
}


def _not_a_workbook(kind: str, suffix: str) -> tuple[str, str]:
    en, zh = _NOT_A_WORKBOOK[kind]
    return en.format(suffix=suffix or "as a workbook"), zh.format(suffix=suffix or "工作簿")


def _has_formulas(book: bytes) -> bool:
    """Whether some worksheet of the workbook holds a formula (an ``<f>`` element)."""
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                data = zf.read(info)
                if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
                    return True
    return False


_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]+)\"")
_CELL_COL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})[0-9]")


def _sheet_spans(book: bytes) -> dict[str, tuple[int, int] | Exception]:
    """(rows, columns) from A1 to the farthest cell of each worksheet of an ``.xlsx``, by
    sheet name, read from the XML without building the sheets (or the error of a sheet
    whose part cannot be unpacked)."""
    spans: dict[str, tuple[int, int] | Exception] = {}
    with zipfile.ZipFile(io.BytesIO(book)) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
            return spans
        targets = {}
        for m in _REL.finditer(zf.read("xl/_rels/workbook.xml.rels")):
            attrs = dict(_ATTR.findall(m.group(0)))
            target = attrs.get(b"Target", b"").decode("utf-8", "replace").lstrip("/")
            targets[attrs.get(b"Id", b"")] = target if target.startswith("xl/") else \
                "xl/" + target
        for m in _SHEET_ENTRY.finditer(zf.read("xl/workbook.xml")):
            attrs = dict(_ATTR.findall(m.group(0)))
            rid = next((v for k, v in attrs.items() if k.endswith(b":id")), b"")
            part = targets.get(rid)
            if part not in names:
                continue
            name = _xml_unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
            try:
                xml = zf.read(part)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
                spans[name] = exc  # a damaged part: the sheet's error
                continue
            rows = max((int(r) for r in _ROW_REF.findall(xml)), default=0)
            cols = max((_column_number(c) for c in set(_CELL_COL.findall(xml))), default=0)
            spans[name] = (rows, cols)
    return spans


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _xml_unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def _formula_cells(book: bytes, sheet: str, file: str, missing: set[tuple[int, int]],
                   problems: Problems) -> None:
    """An error for each cell of `missing` ((row, column) whose stored value is empty)
    that holds a formula: its value is unknown until a spreadsheet program computes it."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(book), read_only=True, data_only=False)
    try:
        ws = wb[sheet]
        ws.reset_dimensions()  # a forged <dimension ref="A1:XFD1048576"> pads every row
        for r, values in enumerate(ws.iter_rows(values_only=True), start=1):
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


def _damaged(file: str, exc: Exception, problems: Problems) -> None:
    problems.add("error", file, None, None, "xlsx_damaged",
                 f"sheet cannot be read, the workbook is damaged "
                 f"({exc.__class__.__name__}: {exc}); open it in Excel or WPS and save it again",
                 f"工作表无法读取，工作簿已损坏（{exc.__class__.__name__}: {exc}）；"
                 "请用 Excel 或 WPS 打开后重新保存")


class _Book:
    """An open workbook (``.xlsx`` or, when allowed, ``.xls``) read with python-calamine:
    its bytes bounded (size, zip bombs, far cells) before anything is built."""

    def __init__(self, name: str, data: bytes, kind: str, workbook: Any) -> None:
        self.name, self.data, self.kind, self.workbook = name, data, kind, workbook
        self.spans = _sheet_spans(data) if kind == "xlsx" else {}
        self._formulas: bool | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.workbook.sheet_names)

    def has_formulas(self) -> bool:
        if self._formulas is None:
            self._formulas = self.kind == "xlsx" and _has_formulas(self.data)
        return self._formulas

    def rows(self, sheet: str, problems: Problems) -> tuple[list[list[str]], list[int]] | None:
        """The non-empty rows of `sheet` as text, with their row numbers, or None with a
        problem (a damaged sheet, one too wide, a cell over :data:`MAX_CELL`, a formula
        with no stored value)."""
        from python_calamine import CalamineError

        file = f"{self.name}[{sheet}]"
        span = self.spans.get(sheet, (0, 0))
        if isinstance(span, Exception):
            _damaged(file, span, problems)
            return None
        n_rows, n_cols = span
        if n_rows * n_cols > MAX_SHEET_CELLS:
            problems.add("error", file, None, None, "sheet_too_big",
                         f"the sheet spans {n_rows:,} rows x {n_cols:,} columns, over the "
                         f"limit of {MAX_SHEET_CELLS:,} cells; delete the cells far from the "
                         "data, or save the sheet as CSV",
                         f"工作表跨越 {n_rows:,} 行 × {n_cols:,} 列，超过 {MAX_SHEET_CELLS:,} 个"
                         "单元格的上限；请删除远离数据的单元格，或另存为 CSV")
            return None
        try:
            values = self.workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except (CalamineError, ValueError, OSError) as exc:
            _damaged(file, exc, problems)
            return None
        try:
            formulas = self.has_formulas()
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            _damaged(file, exc, problems)
            return None
        rows: list[list[str]] = []
        lines: list[int] = []
        empty: set[tuple[int, int]] = set()
        too_long = Problems()
        for r, row in enumerate(values, start=1):
            cells = [v if type(v) is str else _cell_text(v) for v in row]
            if not any(c.strip() for c in cells):
                continue
            for c, text in enumerate(cells):
                if len(text) >= MAX_CELL:  # the reader cuts a longer text there
                    too_long.add("error", file, r, None, "cell_too_long",
                                 f"cell {_column_letter(c)}{r} holds {MAX_CELL:,} characters or "
                                 "more, Excel's limit for a cell (a longer text is cut there, "
                                 "not read whole); shorten it",
                                 f"单元格 {_column_letter(c)}{r} 有 {MAX_CELL:,} 个或更多字符，"
                                 "达到 Excel 单元格上限（更长的文字会被截断，"
                                 "无法完整读取）；请缩短")
                elif formulas and not text:
                    empty.add((r, c))
            rows.append(cells)
            lines.append(r)
        del values
        if too_long:
            problems.extend(too_long)
            return None
        if empty:
            found = Problems()
            _formula_cells(self.data, sheet, file, empty, found)
            if found:
                problems.extend(found)
                return None
        return rows, lines


def open_book(path: Path, problems: Problems, *, xls: bool = False) -> _Book | None:
    """The workbook at `path`, or None with a problem: missing, unreadable, too large,
    expanding past :data:`MAX_XLSX_EXPANDED`, or not what its name says (a renamed
    ``.xls`` — read when `xls` —, a password-protected workbook, an HTML or CSV export, a
    zip archive), with what it really is and what to do."""
    from python_calamine import CalamineError, CalamineWorkbook

    name = path.name
    try:
        data = read_regular(path, "xlsx")
    except FileNotFoundError:
        problems.add("error", name, None, None, "missing_file", f"missing file {path}",
                     f"缺少文件 {path}")
        return None
    except OSError as exc:
        problems.add("error", name, None, None, "cannot_read", f"cannot read {path}: {exc}",
                     f"无法读取 {path}：{exc}")
        return None
    kind = sniff(data)
    if kind not in ("xlsx", "xls") or (kind == "xls" and not xls):
        en, zh = _not_a_workbook(kind, path.suffix)
        problems.add("error", name, None, None, "not_a_workbook", f"{path.name} {en}",
                     f"{path.name} {zh}")
        return None
    try:
        if kind == "xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                expanded = sum(info.file_size for info in zf.infolist())
            if expanded > MAX_XLSX_EXPANDED:
                problems.add("error", name, None, None, "xlsx_too_big",
                             f"workbook expands to {expanded:,} bytes, over the limit of "
                             f"{MAX_XLSX_EXPANDED:,}; save its sheets as CSV files instead",
                             f"工作簿解压后为 {expanded:,} 字节，超过上限 {MAX_XLSX_EXPANDED:,}；"
                             "请把工作表另存为 CSV 文件")
                return None
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return _Book(name, data, kind, workbook)
    except (CalamineError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            KeyError) as exc:
        problems.add("error", name, None, None, "xlsx_unreadable",
                     f"not a readable workbook ({exc.__class__.__name__}: {exc}); open it in "
                     "Excel or WPS and save it again",
                     f"不是可读取的工作簿（{exc.__class__.__name__}: {exc}）；"
                     "请用 Excel 或 WPS 打开后重新保存")
        return None


def read_xlsx(path: Path, requirements: dict[str, Sequence[str]], problems: Problems
              ) -> dict[str, Raw | None]:
    """The tables of the sheets named in `requirements` (sheet -> required columns)."""
    out: dict[str, Raw | None] = dict.fromkeys(requirements)
    book = open_book(path, problems)
    if book is None:
        return out
    names = book.sheet_names
    for sheet, required in requirements.items():
        file = f"{path.name}[{sheet}]"
        if sheet not in names:
            near = [n for n in names if n.strip().lower() == sheet]
            hint = f"; rename the sheet {near[0]!r} to {sheet!r}" if near else ""
            hint_zh = f"；请把工作表 {near[0]!r} 改名为 {sheet!r}" if near else ""
            problems.add("error", path.name, None, None, "xlsx_no_sheet",
                         f"workbook has no sheet {sheet!r} (sheets: {', '.join(names)}){hint}",
                         f"工作簿没有名为 {sheet!r} 的工作表（现有：{'、'.join(names)}）{hint_zh}")
            continue
        read = book.rows(sheet, problems)
        if read is None:
            continue
        rows, lines = read
        if not rows:
            problems.add("error", file, None, None, "empty_sheet",
                         "sheet is empty (no header)", "工作表为空（没有表头）")
            continue
        header = rows[0]
        while header and not header[-1].strip():
            header = header[:-1]
        out[sheet] = settle(file, header, rows[1:], lines[1:], required, problems)
    return out


# --- any table: every sheet of a workbook, or a CSV file, as rows of text -------------------

#: File name endings read by :func:`read_tables`.
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


def _drop_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    """`rows` padded to one width, without the columns that are empty in every row."""
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    keep = [c for c in range(width) if any(r[c].strip() for r in rows)]
    if len(keep) == width:
        return rows
    return [[r[c] for c in keep] for r in rows]


def read_tables(path: str | Path, problems: Problems) -> list[Sheet]:
    """Every sheet of the workbook (``.xlsx``, ``.xls``) or the CSV file at `path`, as rows
    of text cells with their row numbers; empty rows and columns ignored, empty sheets
    skipped. Problems (unreadable file, encoding, unclosed quote, damaged sheet, ...) are
    added to `problems`, naming the file (and sheet).

    Examples
    --------
    >>> problems = Problems()
    >>> [t] = read_tables("data/sihui/edges.csv", problems)
    >>> t.where, t.rows[0][:3], t.lines[:2], problems
    ('edges.csv', ['source', 'target', 'type'], [1, 2], [])
    """
    p = Path(path)
    name = p.name
    if p.suffix.lower() != ".csv":
        book = open_book(p, problems, xls=True)
        if book is None:
            return []
        out = []
        for sheet in book.sheet_names:
            read = book.rows(sheet, problems)
            if read is not None and read[0]:
                out.append(Sheet(name, sheet, _drop_empty_columns(read[0]), read[1]))
        return out
    try:
        data = read_regular(p, "csv")
    except FileNotFoundError:
        problems.add("error", name, None, None, "missing_file", f"missing file {p}",
                     f"缺少文件 {p}")
        return []
    except OSError as exc:
        problems.add("error", name, None, None, "cannot_read", f"cannot read {p}: {exc}",
                     f"无法读取 {p}：{exc}")
        return []
    kind = sniff(data)
    if kind not in ("text", "empty"):
        en, zh = ((f"{name} is a workbook named .csv; rename it to .xlsx",
                   f"{name} 实为工作簿却以 .csv 命名；请把扩展名改为 .xlsx")
                  if kind in ("xlsx", "xls") else _not_a_workbook(kind, ".csv"))
        problems.add("error", name, None, None, "not_csv", en, zh)
        return []
    text, _ = _decode(_strip_boms(data), name, problems)
    del data
    if text is None:
        return []
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.add("error", name, line, None, "nul_byte", "NUL byte in text; not a CSV file?",
                     "文本中含有 NUL 字节；这不是 CSV 文件？")
        return []
    records = csv_records(text, name, problems)
    if records is None or not records[0]:
        return []
    return [Sheet(name, None, _drop_empty_columns(records[0]), records[1])]
