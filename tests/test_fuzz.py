"""Fuzzing the reader and the validator (issue 6, item 1).

Property: reading any input either succeeds or raises a :class:`~graphkit.GraphkitError`
(API), and the command line exits 0 or 2 with a plain message on stderr, never a
traceback. Inputs: random bytes, structured-but-wrong CSV (random headers, ragged rows,
quotes, embedded newlines, BOMs, ``\\r`` line ends, NUL bytes, odd numbers), mixed
encodings, dataset.json garbage, random and corrupted workbooks, files renamed across
formats; plus memory bounds on pathological inputs (in a subprocess).

Every input that exposed a bug is kept under ``tests/fuzz_corpus/<name>/`` and replayed by
``test_corpus``. The examples are derandomized so the suite is repeatable and bounded;
``GRAPHKIT_FUZZ_EXAMPLES=2000`` runs more examples with a random seed.
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import graphkit as gk
from graphkit import io as gio
from graphkit.cli import main
from graphkit.errors import GraphkitError

CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
_EXTRA = os.environ.get("GRAPHKIT_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_EXTRA or 40), deadline=None, derandomize=not _EXTRA, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                           HealthCheck.data_too_large],
)

NODES_OK = "id,label,name\nc1,Community,甲\n"
EDGES_OK = "source,target,type\n"


# --- the property ---------------------------------------------------------------------


def api_outcome(path: Path) -> gk.Dataset | GraphkitError:
    """read_dataset and validate_dataset agree; nothing but a GraphkitError escapes."""
    problems = gk.validate_dataset(path)
    assert all(isinstance(p, gk.Problem) for p in problems)
    try:
        ds = gk.read_dataset(path)
    except GraphkitError as exc:
        assert str(exc).strip()
        if isinstance(exc, gk.ValidationError):
            assert exc.errors, "ValidationError without an error"
            assert [p for p in problems if p.severity == "error"] == exc.errors
        return exc
    assert not [p for p in problems if p.severity == "error"]
    return ds


def cli_outcome(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Run the command line in-process: exit 0, 1 (audit threshold) or 2, and a plain
    message on stderr when it is 2."""
    capsys.readouterr()
    rc = main(list(argv))
    out, err = capsys.readouterr()
    assert rc in (0, 1, 2), (rc, err)
    assert "Traceback" not in err + out
    if rc == 2:
        assert err.strip(), "exit 2 without a message"
    return rc, err


def check_everything(path: Path, capsys: pytest.CaptureFixture[str], *, audit: bool = False
                     ) -> gk.Dataset | GraphkitError:
    outcome = api_outcome(path)
    rc, _ = cli_outcome(capsys, "validate", str(path))
    assert rc == (2 if isinstance(outcome, GraphkitError) else 0)
    if audit:
        rc, _ = cli_outcome(capsys, "audit", str(path), "--format", "json")
        assert rc == (2 if isinstance(outcome, GraphkitError) else 0)
    return outcome


@contextmanager
def folder(nodes: bytes, edges: bytes = EDGES_OK.encode(), meta: bytes | None = None
           ) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "ds"
        d.mkdir()
        (d / "nodes.csv").write_bytes(nodes)
        (d / "edges.csv").write_bytes(edges)
        if meta is not None:
            (d / "dataset.json").write_bytes(meta)
        yield d


# --- the corpus of found cases --------------------------------------------------------

#: corpus case -> (exit code of `graphkit validate`, fragment of its stderr / stdout)
EXPECT: dict[str, tuple[int, str]] = {
    "header-field-over-csv-limit": (0, "valid (0 error(s)"),
    "cr-only-line-ends": (0, "valid (0 error(s)"),
    "members-beyond-int64": (2, "members must be an integer >= 0, got '9999"),
    "rating-beyond-int64": (2, "rating must be an integer 0..5, got '9999"),
    "members-above-2-pow-53": (0, "valid (0 error(s)"),
    "members-int64-max": (0, "valid (0 error(s)"),
    "extra-int-beyond-int64": (0, "valid (0 error(s)"),
    "extra-float-overflow": (0, "valid (0 error(s)"),
    "json-int-4300-digits": (2, "dataset.json: error: invalid JSON"),
    "json-deep-nesting": (2, "dataset.json: error: invalid JSON"),
    "json-is-a-directory": (2, "dataset.json: error: cannot read"),
    "json-lone-surrogate": (2, "dataset.json [name]: error: name holds an unpaired surrogate"),
    # graphkit no longer reserves a column name: `_line` is an ordinary extra property
    "reserved-column-line": (0, "valid (0 error(s)"),
    "double-bom": (0, "valid (0 error(s)"),
    "header-1001-extra-columns": (2, "nodes.csv:1: error: header has 1,004 columns; at most "
                                     "1,000 are accepted"),
    "quoted-multiline-field-over-limit": (2, "nodes.csv:2: error: a field is longer than "
                                             "1,048,576 characters"),
    # read by python-calamine since issue 20: a damaged sheet is an error naming the sheet
    # (the row where openpyxl stopped is no longer known)
    "xlsx-sheet-xml-broken-at-start": (2, "book.xlsx[nodes]: error: sheet cannot be read, the "
                                          "workbook is damaged (XmlError: syntax error"),
    "xlsx-sheet-xml-broken-mid-rows": (2, "book.xlsx[nodes]: error: sheet cannot be read, the "
                                          "workbook is damaged (XmlError"),
    "xlsx-deflate-stream-damaged": (2, "book.xlsx[nodes]: error: sheet cannot be read, the "
                                       "workbook is damaged"),
    "xlsx-sheet-crc-damaged": (2, "book.xlsx[nodes]: error: sheet cannot be read, the "
                                  "workbook is damaged (BadZipFile: Bad CRC-32"),
    "xlsx-sheet-attribute-damaged": (2, "book.xlsx[nodes]: error: sheet cannot be read, the "
                                        "workbook is damaged"),
    "xlsx-sheet-cell-ref-damaged": (2, "book.xlsx[nodes]: error: sheet cannot be read, the "
                                       "workbook is damaged"),
    "xlsx-forged-dimension": (2, "book.xlsx[nodes]:4 [id]: error: duplicate id 'u'"),
    "nodes-symlink-dev-zero": (2, "it is a character device, not a regular file"),
    "json-symlink-dev-urandom": (2, "dataset.json: error: cannot read"),
    "xlsx-zip-bomb-300mb-cell": (2, "book.xlsx: error: workbook expands to 314,590,389 bytes, "
                                    "over the limit of 268,435,456"),
}


def corpus_path(name: str) -> Path:
    d = CORPUS / name
    books = sorted(d.glob("*.xlsx"))
    return books[0] if books else d


def test_corpus_is_complete() -> None:
    assert sorted(p.name for p in CORPUS.iterdir()
                  if p.is_dir() and not p.name.startswith("office-")) == sorted(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_corpus(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, fragment = EXPECT[name]
    path = corpus_path(name)
    outcome = check_everything(path, capsys, audit=code == 0)
    assert isinstance(outcome, GraphkitError) == (code == 2)
    capsys.readouterr()
    assert main(["validate", str(path), "--lang", "en"]) == code
    out, err = capsys.readouterr()
    assert fragment in (err if code else out)


def test_corpus_values_keep_their_digits() -> None:
    """Numbers beyond int64 / float64 stay text, so writing and reading back keeps them."""
    for name, value in (("extra-int-beyond-int64", "99999999999999999999999"),
                        ("extra-float-overflow", "1e309")):
        ds = gk.read_dataset(corpus_path(name))
        assert ds.nodes["area_m2"].tolist() == [value]
        with tempfile.TemporaryDirectory() as tmp:
            back = gk.read_dataset(gk.write_dataset(ds, tmp))
        assert back.nodes["area_m2"].tolist() == [value]


def test_corpus_members_keep_every_digit() -> None:
    """members past 2**53 were parsed through float: 2**53 + 1 became 2**53, and the
    int64 maximum raised TypeError."""
    for name, value in (("members-above-2-pow-53", 2**53 + 1),
                        ("members-int64-max", 2**63 - 1)):
        ds = gk.read_dataset(corpus_path(name))
        members = ds.nodes.set_index("id")["members"]
        assert members["u1"] == value and members["c1"] is pd.NA  # the other cell is blank


def test_corpus_forged_dimension_does_not_pad_rows(monkeypatch) -> None:
    """A 16 KB workbook claiming <dimension ref="A1:XFD1048576"> made openpyxl pad each of
    its 2,000 rows to 16,384 cells, all converted to text (12 s; hours at the size limit)."""
    calls = []
    from graphkit.network import _readers

    real = _readers._cell_text
    monkeypatch.setattr(_readers, "_cell_text", lambda v: calls.append(1) or real(v))
    with pytest.raises(gk.ValidationError):
        gk.read_dataset(corpus_path("xlsx-forged-dimension"))
    assert len(calls) < 10 * 2003, len(calls)


def test_corpus_header_field_and_cr_line_ends_are_read() -> None:
    ds = gk.read_dataset(corpus_path("header-field-over-csv-limit"))
    assert ds.nodes.columns[-1] == "x" * 131073
    ds = gk.read_dataset(corpus_path("cr-only-line-ends"))
    assert ds.nodes["id"].tolist() == ["c1"]


# --- random bytes ---------------------------------------------------------------------

PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", b"id,label,name\n",
            b"source,target,type\n", b"\x00"]


@FUZZ
@given(st.sampled_from(PREFIXES), st.binary(max_size=400), st.sampled_from(PREFIXES),
       st.binary(max_size=400))
def test_random_bytes(capsys, p1, nodes, p2, edges) -> None:
    with folder(p1 + nodes, p2 + edges) as d:
        check_everything(d, capsys)


# --- structured but wrong CSV ---------------------------------------------------------

NUMBERS = ["0", "-0", "+3", "3", "07", "1e309", "-1e309", "NaN", "nan", "inf", "-1", "1.5",
           "٣", "３", "1٣", "1３", "²", "99999999999999999999", "9223372036854775807",
           "9223372036854775808", "-9223372036854775809", "1_000", "0x10", " 5 ", "5\n"]
WORDS = ["id", "label", "name", "kind", "members", "rating", "joint", "source", "target",
         "type", "mode", "since", "_line", "Community", "Unit", "PartyOrg", "Area", "c1", "u1",
         "o1", "LOCATED_IN", "BELONGS_TO", "REPORTS_TO", "COVERS", "joint", "true", "是",
         "沙田园社区", "", " ", "\ufeff", "\ufeffid", "2020-01-01", "٢٠٢٠-٠١-٠١"]
cells = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NUMBERS),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.text(alphabet=',"\r\n\x00\t \ufeff\x85\u2028ab甲', max_size=8),
)
rows = st.lists(cells, min_size=0, max_size=7)


def _join(row: list[str], quote: bool) -> str:
    if quote:
        return ",".join('"' + c.replace('"', '""') + '"' for c in row)
    return ",".join(row)


@st.composite
def csv_bytes(draw, header_words: list[str]) -> bytes:
    header = draw(st.one_of(
        st.just(header_words),
        st.lists(st.sampled_from(WORDS), max_size=8),
        st.lists(cells, max_size=6),
        st.just(header_words).map(lambda h: [*h, "members", "rating", "area_m2"]),
    ))
    body = draw(st.lists(rows, max_size=8))
    if header[:1] == ["id"] and draw(st.booleans()):  # rows in the shape of the header
        body = [draw(st.lists(cells, min_size=len(header), max_size=len(header)))
                for _ in body]
    quote = draw(st.booleans())
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    blank = draw(st.sampled_from(["", end * 3, " " + end, "\t,," + end]))
    text = _join(header, False) + end + blank.join(_join(r, quote) + end for r in body)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1",
                                     "mixed"]))
    if encoding == "mixed":  # a UTF-8 file with a GBK-encoded line in the middle
        return text.encode("utf-8") + "城西社区,Community\n".encode("gbk") + text.encode()
    return text.encode(encoding, errors="replace")


@FUZZ
@given(csv_bytes(["id", "label", "name"]), csv_bytes(["source", "target", "type"]))
def test_structured_csv(capsys, nodes, edges) -> None:
    with folder(nodes, edges) as d:
        check_everything(d, capsys, audit=True)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["members", "rating", "area_m2", "joint"]),
                          st.sampled_from([*NUMBERS, "", "true", "否"])), min_size=1,
                max_size=4))
def test_numeric_columns(capsys, values) -> None:
    cols = list(dict.fromkeys(c for c, _ in values))
    cell = dict(values)
    row = ",".join(json.dumps(cell[c], ensure_ascii=False) for c in cols)
    nodes = f"id,label,name,{','.join(cols)}\no1,PartyOrg,甲,{row}\n"
    edges = "source,target,type\no1,c1,BELONGS_TO\n"
    with folder((nodes + "c1,Community,乙" + "," * len(cols) + "\n").encode(),
                edges.encode()) as d:
        outcome = check_everything(d, capsys, audit=True)
    if "members" in cell and cell["members"] in ("٣", "３", "1e309", "NaN", "inf"):
        assert isinstance(outcome, gk.ValidationError)


# --- dataset.json ---------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "snapshot", "description", "x"]), inner, max_size=4),
    max_leaves=8,
)


@FUZZ
@given(st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.sampled_from(["name", "snapshot", "description"]),
                    st.text(max_size=12) | st.integers() | st.floats(),
                    ).map(lambda v: json.dumps(v, ensure_ascii=False).encode()),
    st.binary(max_size=100),
    st.sampled_from([b"", b"{", b'{"name": 1e999}', b'{"name": NaN}', b'{"name": "\\ud800"}',
                     b"[" * 3000, b'{"snapshot": "2020-02-30"}', b'"\\udfff"']),
))
def test_dataset_json(capsys, meta) -> None:
    with folder(NODES_OK.encode(), EDGES_OK.encode(), meta) as d:
        check_everything(d, capsys, audit=True)


# --- workbooks ------------------------------------------------------------------------

xlsx_cells = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(WORDS + NUMBERS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
            max_size=10),
)


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in sheets.items():
        ws = wb.create_sheet(name)
        for r in table:
            ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GOOD_BOOK = workbook({"nodes": [["id", "label", "name"], ["c1", "Community", "甲"]],
                      "edges": [["source", "target", "type"]]})


@FUZZ
@given(st.sampled_from([["id", "label", "name"], ["id", "label", "name", "members", "rating"],
                        ["source", "target", "type"]]),
       st.lists(st.lists(xlsx_cells, max_size=6), max_size=5),
       st.sampled_from([("nodes", "edges"), ("nodes",), ("Sheet",), ("edges", "nodes")]))
def test_random_workbook(capsys, header, body, names) -> None:
    edges = [["source", "target", "type"], *body] if header[0] == "id" else [header, *body]
    nodes = [header, *body] if header[0] == "id" else [["id", "label", "name"]]
    data = workbook(dict(zip(names, [nodes, edges], strict=False)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.xlsx"
        path.write_bytes(data)
        check_everything(path, capsys, audit=True)


def _rezip(fn) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(GOOD_BOOK)) as zi, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info.filename, fn(info.filename, zi.read(info.filename)))
    return out.getvalue()


@FUZZ
@given(st.data())
def test_corrupted_workbook(capsys, data) -> None:
    how = data.draw(st.sampled_from(["bytes", "xml"]))
    if how == "bytes":  # flip or cut bytes of the zip itself
        raw = bytearray(GOOD_BOOK)
        for _ in range(data.draw(st.integers(1, 8))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        blob = bytes(raw[: data.draw(st.integers(1, len(raw)))])
    else:  # damage one XML part inside a well-formed zip
        names = zipfile.ZipFile(io.BytesIO(GOOD_BOOK)).namelist()
        part = data.draw(st.sampled_from(sorted(names)))
        cut = data.draw(st.integers(0, 400))
        junk = data.draw(st.binary(max_size=30))
        blob = _rezip(lambda n, d: d[:cut] + junk + d[cut + len(junk):] if n == part else d)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.xlsx"
        path.write_bytes(blob)
        check_everything(path, capsys)


def test_workbook_renamed_to_csv_and_csv_renamed_to_xlsx(capsys, tmp_path: Path) -> None:
    with folder(GOOD_BOOK, GOOD_BOOK) as d:
        err = check_everything(d, capsys)
        assert isinstance(err, gk.ValidationError)
        assert "zip/.xlsx file, not CSV text" in str(err)
    fake = tmp_path / "net.xlsx"
    fake.write_text(NODES_OK, encoding="utf-8")
    err = check_everything(fake, capsys)
    assert "net.xlsx is text (CSV?) named .xlsx, not a workbook; rename it to .csv" in str(err)
    (tmp_path / "dir.xlsx").mkdir()
    assert isinstance(check_everything(tmp_path / "dir.xlsx", capsys), gk.ValidationError)


# --- memory and size bounds (in a subprocess, peak RSS measured there) -------------------

GRAPHKIT = Path(sys.executable).parent / "graphkit"
# peak RSS of this process image: VmHWM (ru_maxrss would include the forking parent's)
_RUN = """
import sys
from graphkit.cli import main
rc = main(["validate", sys.argv[1], "--lang", "en"])
hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM:")][0].split()[1]
print("MAXRSS_MB", int(hwm) // 1024, file=sys.stderr)
sys.exit(rc)
"""


def run_validate(path: Path) -> tuple[int, str, int]:
    """Exit code, stderr and peak RSS (MB) of `graphkit validate PATH` in a fresh process."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc (Linux) to measure peak memory")
    proc = subprocess.run([sys.executable, "-c", _RUN, str(path)], capture_output=True,
                          text=True, timeout=300)
    rss = int(proc.stderr.rsplit("MAXRSS_MB", 1)[1])
    return proc.returncode, proc.stderr, rss


def test_console_script_never_shows_a_traceback() -> None:
    """The installed `graphkit` script on found cases: exit 2 and a plain message."""
    assert GRAPHKIT.exists(), GRAPHKIT
    for name in ("json-lone-surrogate", "xlsx-sheet-xml-broken-mid-rows", "members-beyond-int64"):
        for cmd in ("validate", "audit"):
            proc = subprocess.run([str(GRAPHKIT), cmd, str(corpus_path(name)), "--lang", "en"],
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 2, (name, cmd, proc.stderr)
            assert "Traceback" not in proc.stderr
            assert EXPECT[name][1] in proc.stderr


def test_huge_single_field_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    """A 50 MB field on one line: refused with file and line, memory a small multiple of
    the file (no parse of it into a table)."""
    size = 50 << 20
    with folder(b"id,label,name\nc1,Community," + b"x" * size + b"\n") as d:
        rc, err, rss = run_validate(d)
    assert rc == 2
    assert "nodes.csv:2: error: a field is longer than 1,048,576 characters" in err
    assert "Traceback" not in err
    assert rss < 200 + 8 * (size >> 20), rss


def test_header_with_100k_columns_is_refused(tmp_path: Path) -> None:
    header = "id,label,name," + ",".join(f"c{i}" for i in range(100_000))
    with folder(f"{header}\nc1,Community,甲\n".encode()) as d:
        rc, err, rss = run_validate(d)
    assert rc == 2
    assert "nodes.csv:1: error: header has 100,003 columns; at most 1,000 are accepted" in err
    assert rss < 400, rss


def test_zip_bomb_is_refused_before_it_expands() -> None:
    path = corpus_path("xlsx-zip-bomb-300mb-cell")
    assert path.stat().st_size < 1 << 20
    rc, err, rss = run_validate(path)
    assert rc == 2
    assert EXPECT["xlsx-zip-bomb-300mb-cell"][1] in err
    assert rss < 300, rss  # before the limit: 1.2 GB, and the 300 MB cell in the message


def test_many_blank_lines_are_skipped(capsys) -> None:
    with folder(("id,label,name\n" + "\n" * 200_000 + "c1,Community,甲\n").encode()) as d:
        ds = check_everything(d, capsys)
    assert isinstance(ds, gk.Dataset)
    assert ds.nodes["id"].tolist() == ["c1"]


def test_documented_limits() -> None:
    assert (gio.MAX_FIELD, gio.MAX_COLUMNS, gio.MAX_META, gio.MAX_XLSX_EXPANDED) == (
        1 << 20, 1000, 1 << 20, 256 << 20)


def test_oversized_dataset_json_is_refused_unread(capsys) -> None:
    meta = json.dumps({"name": "x", "description": "很长" * (1 << 19)}, ensure_ascii=False)
    with folder(NODES_OK.encode(), EDGES_OK.encode(), meta.encode()) as d:
        err = check_everything(d, capsys)
    assert isinstance(err, gk.ValidationError)
    assert "dataset.json: error: file is 3,145,7" in str(err)
    assert "metadata must be under 1,048,576 bytes" in str(err)


# --- found in review: Python's \d matches non-ASCII digits ----------------------------
@pytest.mark.parametrize("value", ["1٣", "1３", "2٠"])
def test_non_ascii_digits_are_not_numbers(tmp_path, value) -> None:
    from tests.conftest import Builder

    b = Builder()
    b.community("c1")
    b.unit("u1", where="c1", members=value)
    b.node("u2", "Unit", "单位2", kind="organ", code=value)
    b.edge("u2", "c1", "LOCATED_IN")
    problems = gk.validate_dataset(b.write(tmp_path / "d"))
    assert [p.column for p in problems if p.severity == "error"] == ["members"]
    b.nodes[1]["members"] = 1
    ds = gk.read_dataset(b.write(tmp_path / "ok"))
    assert ds.nodes.set_index("id").at["u2", "code"] == value   # kept as text, not a number


# --- the command line's options and environment (issue 16) ------------------------------
# Property: whatever the URI, threshold, path or key file, the command line ends with an
# exit code of SPEC section 5 and a plain message, never a traceback or a hang, and no
# password (nor, under --pseudonymize, a Person id) appears in anything it prints.
# Servers: only 127.0.0.1 port 1 (closed) is ever dialled; every other URI is malformed.

CLI_FUZZ = settings(FUZZ, max_examples=int(_EXTRA or 25))
#: Every generated password holds this, so that a leak is found in any output.
PW_MARK = "Qz7pw"
PERSON_ID = "person-secret-id-9"


def cli_run(capsys: pytest.CaptureFixture[str], argv: list[str], *, secrets: tuple[str, ...]
            = ()) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    assert rc in (0, 1, 2, 3), (argv, rc, err)
    assert "Traceback" not in out + err, (argv, err)
    for s in (PW_MARK, *secrets):
        assert s not in out + err, (argv, err)
    if rc >= 2:
        assert err.strip(), f"exit {rc} without a message"
    return rc, err


passwords = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                    max_size=8).map(lambda t: f"{t[:4]}{PW_MARK}{t[4:]}")
uri_parts = st.tuples(
    st.sampled_from(["bolt", "neo4j", "bolt+s", "neo4j+ssc", "BOLT", "http", "bolt+x", ""]),
    st.sampled_from(["", "neo4j@", "user:{pw}@", ":{pw}@", "u:{pw}@", "u:{pw}:x@", "@"]),
    st.sampled_from(["127.0.0.1:1", "127.0.0.1:abc", "127.0.0.1:99999", "127.0.0.1:0",
                     "127.0.0.1:-1", "127.0.0.1:1x", "[::1]:65536", ":1", "", "[::1", "h h:1"]),
    st.sampled_from(["", "/", "/db", "?x=1", "#f", "/%zz"]),
    passwords,
)


def _uri(parts: tuple[str, str, str, str, str]) -> str:
    scheme, info, host, tail, pw = parts
    from urllib.parse import quote

    enc = quote(pw, safe="") if "%" not in info else pw
    return f"{scheme}://{info.format(pw=enc)}{host}{tail}" if scheme else f"{host}{tail}"


@CLI_FUZZ
@given(uri_parts, st.sampled_from(["audit", "load", "export"]), passwords,
       st.booleans())
def test_cli_uris(capsys, tmp_path_factory, parts, cmd, option_pw, in_env) -> None:
    uri = _uri(parts)
    out = str(tmp_path_factory.mktemp("export") / "out")
    argv = {"audit": ["audit", uri], "load": ["load", str(SIHUI_DIR), "--neo4j", uri],
            "export": ["export", "--neo4j", uri, out]}[cmd]
    argv += ["--timeout", "0.5", "--retry-time", "0"]
    env = {"NEO4J_PASSWORD": option_pw} if in_env else {}
    if not in_env:
        argv += ["--password", option_pw]
    with _environ(env):
        rc, err = cli_run(capsys, argv, secrets=(option_pw, parts[4]))
    store_like = uri.lower().startswith(("bolt://", "neo4j://", "bolt+s://", "neo4j+ssc://"))
    if cmd == "audit" and not store_like:
        assert rc == 2             # a path that does not exist
    elif rc == 3:
        assert "cannot reach Neo4j at bolt" in err or "cannot reach Neo4j at neo4j" in err
        assert "127.0.0.1:1" in err or "[::1]" in err
    else:
        assert rc == 2, err


@contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


SIHUI_DIR = Path(__file__).resolve().parent.parent / "data" / "sihui"
thresholds = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "-nan", "NaN", "inf", "-inf", "Infinity", "-0", "+0", "0", "1",
                     "1.0000001", "-1e-400", "1e-400", "0x1p-2", " 0.5", "0.5 ", "½", "０.５",
                     "", " ", "1_0", "0.5\n", "5e-1", "1e309", "abc"]),
    st.text(max_size=6),
)


def _is_rate(text: str) -> bool:
    try:
        x = float(text)
    except ValueError:
        return False
    return math.isfinite(x) and 0 <= x <= 1 and bool(text.strip())


@CLI_FUZZ
@given(st.sampled_from(["--fail-under-work", "--fail-under-org"]), thresholds)
def test_cli_thresholds(capsys, opt, value) -> None:
    with folder(NODES_OK.encode()) as d:     # no unit: every rate undefined, a gate fails
        rc, err = cli_run(capsys, ["audit", str(d), "--format", "json", opt, value])
    assert rc == (1 if _is_rate(value) else 2), (value, rc, err)


@CLI_FUZZ
@given(st.sampled_from(["--timeout", "--retry-time"]), thresholds)
def test_cli_float_options(capsys, opt, value) -> None:
    rc, err = cli_run(capsys, ["audit", "bolt://127.0.0.1:1", opt, value])
    assert rc in (2, 3)
    try:
        finite = math.isfinite(float(value)) and bool(value.strip())
    except ValueError:
        finite = False
    if not finite:
        assert rc == 2, (value, err)


def _special_path(kind: str, tmp: Path) -> Path:
    p = tmp / "target"
    if kind == "dir":
        p.mkdir()
    elif kind == "fifo":
        os.mkfifo(p)
    elif kind == "file":
        p.write_text("old")
    elif kind == "under-a-file":
        (tmp / "afile").write_text("x")
        p = tmp / "afile" / "x"
    elif kind == "non-utf8":
        p = Path(os.fsdecode(bytes(tmp) + b"/\xff\xfe-\xe9t\xe9"))
    elif kind == "long":
        p = tmp / ("长" * 200)
    elif kind in ("/dev/zero", "/dev/urandom", "/dev/null", "/dev/full"):
        p.symlink_to(kind)
    elif kind == "proc":
        p = Path("/proc/graphkit-fuzz/x")
    elif kind == "empty-name":
        p = tmp / "sub" / ""
    return p


PATH_KINDS = ["missing", "dir", "fifo", "file", "under-a-file", "non-utf8", "long",
              "/dev/zero", "/dev/urandom", "/dev/null", "/dev/full", "proc", "empty-name"]


@CLI_FUZZ
@given(st.sampled_from(PATH_KINDS),
       st.sampled_from(["audit-out", "measures-out", "convert", "synth", "keygen", "dataset",
                        "dataset-nodes", "validate-book", "key"]))
def test_cli_paths(capsys, tmp_path_factory, kind, role) -> None:
    tmp = tmp_path_factory.mktemp("paths")
    p = _special_path(kind, tmp)
    if role == "dataset-nodes":             # the path as nodes.csv of a dataset folder
        d = tmp / "ds"
        d.mkdir()
        (d / "edges.csv").write_text(EDGES_OK, encoding="utf-8")
        if kind != "missing":
            try:
                os.symlink(p, d / "nodes.csv")
            except OSError:
                return
        argv = ["validate", str(d)]
    else:
        argv = {"audit-out": ["audit", str(SIHUI_DIR), "--format", "json", "--out", str(p)],
                "measures-out": ["measures", str(SIHUI_DIR), "--format", "csv", "--out",
                                 str(p)],
                "convert": ["convert", str(SIHUI_DIR), str(p) + ".graphml"],
                "synth": ["synth", str(p), "--units", "5"],
                "keygen": ["keygen", str(p)],
                "dataset": ["audit", str(p)],
                "validate-book": ["validate", str(p) + ".xlsx"],
                "key": ["audit", str(SIHUI_DIR), "--pseudonymize", str(p)]}[role]
    rc, err = cli_run(capsys, argv)
    # special files are never turned into regular ones
    if kind == "fifo":
        assert p.is_fifo()
    if kind.startswith("/dev/"):
        assert p.is_symlink() and Path(kind).is_char_device()
    if role in ("dataset", "dataset-nodes", "validate-book", "key") and kind != "file":
        assert rc == 2, err


key_bodies = st.one_of(st.binary(max_size=40), st.text(max_size=40).map(str.encode),
                       st.sampled_from([b"", b" " * 40, b"\n" * 20, b"k" * 15, b"k" * 16,
                                        b"\xff" * 16, b"k" * (64 << 10) + b"k"]))


@CLI_FUZZ
@given(key_bodies)
def test_cli_key_files(capsys, tmp_path_factory, body) -> None:
    """Any key file: exit 0 with a key of 16+ bytes, else 2; no Person id in the output."""
    tmp = tmp_path_factory.mktemp("key")
    key = tmp / "k"
    key.write_bytes(body)
    with folder(_PERSON_NODES.encode(), _PERSON_EDGES.encode()) as d:
        rc, err = cli_run(capsys, ["audit", str(d), "--format", "json", "--pseudonymize",
                                   str(key)], secrets=(PERSON_ID,))
    good = MIN_KEY <= len(body.strip()) <= (64 << 10)
    assert rc == (0 if good else 2), err


MIN_KEY = 16
_PERSON_NODES = (f"id,label,name,kind\nc1,Community,甲,\nu1,Unit,乙,enterprise\n"
                 f"{PERSON_ID},Person,张三,instructor\n")
_PERSON_EDGES = (f"source,target,type\nu1,c1,LOCATED_IN\n{PERSON_ID},u1,GUIDES\n"
                 f"{PERSON_ID},u1,GUIDES\n")


# --- replayed command lines (found by the fuzzing above and by hand) -------------------
CLI_CASES = json.loads((CORPUS / "command-lines.json").read_text(encoding="utf-8"))


def _filler(**places: Path) -> Callable[[str], str]:
    """Fill a case's ``{sihui}`` and ``{name}`` for each of `places`."""
    subst = {"{sihui}": str(SIHUI_DIR), **{f"{{{k}}}": str(v) for k, v in places.items()}}

    def fill(text: str) -> str:
        for k, v in subst.items():
            text = text.replace(k, v)
        return text
    return fill


def _lay_out(folder: Path, files: dict[str, str], links: dict[str, str],
             fill: Callable[[str], str]) -> None:
    """Write a case's text files and links into `folder`."""
    for name, body in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(body, encoding="utf-8")
    for name, target in links.items():
        (folder / name).symlink_to(fill(target))


@pytest.mark.parametrize("case", CLI_CASES, ids=[c["name"] for c in CLI_CASES])
def test_corpus_command_lines(capsys, tmp_path, case) -> None:
    fill = _filler(tmp=tmp_path)
    _lay_out(tmp_path, case.get("files", {}), case.get("links", {}), fill)
    with _environ({k: fill(v) for k, v in case.get("env", {}).items()}):
        rc, err = cli_run(capsys, [fill(a) for a in case["argv"]],
                          secrets=tuple(case.get("never", ())))
    assert rc == case["exit"], err
    assert case["stderr"] in err, err


# --- office data as it really arrives (issue 22) ----------------------------------------
# Each tests/fuzz_corpus/office-*/ folder holds the files of one case as they arrived
# (encodings, Excel habits, snapshots, key files) and its case.json: the command line
# ({case}: a copy of the folder, {tmp}: an empty folder for outputs, {sihui}: the sample),
# the exit code and fragments of stderr and stdout, what must never be printed ("never"),
# the environment ("env"), links and files to make in {tmp} ("links", "files_tmp"), how
# the process is run ("process": a file size limit as a full disk, or a signal while the
# report is rendered), what {tmp} holds after it ("after": exists, absent, contains, links,
# only), and for a key file re-saved by an editor, the key it must act as ("plain_key").
OFFICE = sorted(p.name for p in CORPUS.glob("office-*"))


def _office_process(argv: list[str], process: dict, out_dir: Path) -> tuple[int, str, str]:
    from tests.test_office_data import _MARKED, _full_disk_after, _signal_during

    if "signal" in process:
        marker = out_dir / "rendering"
        rc, err = _signal_during([sys.executable, "-c", _MARKED, str(marker), *argv], marker,
                                 getattr(signal, process["signal"]))
        return rc, "", err
    proc = subprocess.run([str(GRAPHKIT), *argv], capture_output=True, text=True, timeout=300,
                          preexec_fn=_full_disk_after(process["fsize"]))
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("name", OFFICE)
def test_office_corpus(name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    spec = json.loads((CORPUS / name / "case.json").read_text(encoding="utf-8"))
    case, out_dir = tmp_path / "case", tmp_path / "out"
    shutil.copytree(CORPUS / name, case, ignore=shutil.ignore_patterns("case.json"))
    out_dir.mkdir()
    fill = _filler(case=case, tmp=out_dir)
    _lay_out(out_dir, spec.get("files_tmp", {}), spec.get("links", {}), fill)
    argv = [fill(a) for a in spec["argv"]]
    with _environ(spec.get("env", {})):
        if "process" in spec:
            rc, out, err = _office_process(argv, spec["process"], out_dir)
        else:
            capsys.readouterr()
            rc = main(argv)
            out, err = capsys.readouterr()
    assert rc == spec["exit"], (rc, err)
    assert "Traceback" not in out + err and "unexpectedly" not in err, err
    assert spec.get("stderr", "") in err, err
    assert spec.get("stdout", "") in out, out
    for never in spec.get("never", ()):
        assert never not in out + err, (never, out + err)
    if spec.get("json_stdout"):
        json.loads(out)
    after = spec.get("after", {})
    for rel in after.get("exists", ()):
        assert (out_dir / rel).is_file(), rel
    for rel in after.get("absent", ()):
        assert not (out_dir / rel).exists(), rel
    for rel, fragment in after.get("contains", {}).items():
        assert fragment in (out_dir / rel).read_text(encoding="utf-8"), rel
    for rel in after.get("links", ()):
        assert (out_dir / rel).is_symlink(), rel
    if "only" in after:
        assert sorted(p.name for p in out_dir.iterdir()) == sorted(after["only"])
    if "plain_key" in spec:  # the re-saved key acts as the key itself
        plain = out_dir / "plain.key"
        plain.write_text(spec["plain_key"] + "\n", encoding="ascii")
        rc = main([str(plain) if a == fill("{case}/graphkit.key") else a for a in argv])
        assert rc == 0 and capsys.readouterr().out == out
