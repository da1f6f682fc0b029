"""The strict reading layer (graphkit.network._readers, issue 22): nothing silently lost.

An unclosed quote, a Big5/Shift-JIS/EUC-KR file read as GBK, a workbook that is not one, a
cell past Excel's limit, a forged far cell: each was read (or crashed) before; each is now
an error naming the file (and sheet, row, column) and saying what to do. And the generic
reading of every sheet (and CSV file) that the rosters import builds on.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.network._parse import Problems
from graphkit.network._readers import MAX_CELL, read_tables, sniff

from .conftest import SIHUI
from .test_fuzz import workbook

EDGES = "source,target,type\n"


def write(folder: Path, nodes: bytes | str, edges: bytes | str = EDGES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("nodes.csv", nodes), ("edges.csv", edges)):
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return folder


def errors(path: Path) -> list[gk.Problem]:
    return [p for p in gk.validate_dataset(path) if p.severity == "error"]


# --- an unclosed quote ----------------------------------------------------------------------

def seven_units(bad_line: int) -> str:
    """nodes.csv with a community and seven units, one of them with an unclosed quote."""
    rows = ["id,label,name,kind,members,rating,joint", "c1,Community,甲社区,,,,"]
    rows += [f"x{i},Area,区{i},street,,," for i in range(bad_line - 3 - 7 + 1)] \
        if bad_line > 10 else []
    for i in range(1, 8):
        rows.append(f"u{i},Unit,单位{i},market,0,,")
    text = "\n".join(rows) + "\n"
    lines = text.split("\n")
    target = next(n for n, ln in enumerate(lines) if ln.startswith("u5,"))
    lines[target] = 'u5,Unit,"红旗商行,market,0,,'
    return "\n".join(lines), target + 1


@pytest.mark.parametrize("bad_line", [9, 18])
def test_an_unclosed_quote_is_an_error_at_its_line(tmp_path: Path, bad_line: int) -> None:
    """Issue 22: `u5,Unit,"红旗商行,market,0,,` swallowed u6 and u7 into u5's name and the
    dataset was valid with 5 units instead of 7."""
    text, line = seven_units(bad_line)
    edges = "source,target,type\n" + "".join(f"u{i},c1,LOCATED_IN\n" for i in range(1, 8))
    folder = write(tmp_path / "d", text, edges)
    found = errors(folder)
    assert [(p.file, p.line, p.code) for p in found] == [("nodes.csv", line, "unclosed_quote")]
    assert "never closed" in found[0].message


def test_an_unclosed_quote_in_a_multiline_record_names_the_quote_line(tmp_path: Path) -> None:
    text = 'id,label,name\nc1,Community,"甲\n社区"\nc2,Community,乙,"未闭合\nc3,Community,丙\n'
    problems = Problems()
    from graphkit.network._readers import csv_records

    assert csv_records(text, "nodes.csv", problems) is None
    assert [(p.line, p.code) for p in problems] == [(4, "unclosed_quote")]


def test_closed_quotes_stay_readable(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", 'id,label,name\nc1,Community,"甲,""乙""\n社区"\n'
                                   'c2,Community,a"b\n')
    ds = gk.read_dataset(folder)
    assert ds.nodes.set_index("id")["name"].to_dict() == {"c1": '甲,"乙"\n社区', "c2": 'a"b'}


# --- encodings ------------------------------------------------------------------------------

TRADITIONAL = "id,label,name\nu1,Unit,臺北市資訊科技股份有限公司\nc1,Community,東城街道沙田園社區\n"
JAPANESE = "id,label,name\nu1,Unit,株式会社東京情報システム\nc1,Community,新宿区役所\n"
KOREAN = "id,label,name\nu1,Unit,서울정보시스템주식회사\nc1,Community,종로구청\n"


@pytest.mark.parametrize(("text", "encoding", "named"), [
    (TRADITIONAL, "big5", "Big5"), (JAPANESE, "shift_jis", "Shift-JIS"),
    (KOREAN, "euc_kr", "EUC-KR")])
def test_other_east_asian_encodings_are_refused_by_name(tmp_path, text, encoding, named):
    """Issue 22: Big5 was read as GBK (exit 0, garbled names, only the GBK warning)."""
    folder = write(tmp_path / "d", text.encode(encoding))
    [p] = errors(folder)
    assert (p.file, p.code) == ("nodes.csv", "encoding")
    assert encoding in p.message.lower().replace("-", "_") and "UTF-8" in p.message
    assert named in p.message_zh


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_keeps_being_read_exactly(tmp_path: Path, encoding: str) -> None:
    nodes = (SIHUI / "nodes.csv").read_text(encoding="utf-8")
    edges = (SIHUI / "edges.csv").read_text(encoding="utf-8")
    folder = write(tmp_path / "d", nodes.encode(encoding), edges.encode(encoding))
    ds = gk.read_dataset(folder)
    assert ds.nodes.equals(gk.read_dataset(SIHUI).nodes)
    assert {p.code for p in ds.warnings} == {"gbk"}
    # a file with a single Chinese character cannot be told apart: GBK, as before
    short = write(tmp_path / "s", "id,label,name\nc1,Community,甲\n".encode(encoding))
    assert gk.read_dataset(short).nodes["name"].tolist() == ["甲"]


def test_utf16_is_refused_by_name(tmp_path: Path) -> None:
    folder = write(tmp_path / "d", "id,label,name\nc1,Community,甲\n".encode("utf-16"))
    [p] = errors(folder)
    assert p.code == "encoding" and "UTF-16" in p.message


# --- workbooks ------------------------------------------------------------------------------

def book(path: Path, rows: dict[str, list[list[object]]]) -> Path:
    path.write_bytes(workbook(rows))
    return path


def test_a_cell_over_excels_limit_is_an_error_naming_sheet_row_and_column(tmp_path):
    """Issue 22: a 50 MB cell was accepted (and the HTML report grew to 52 MB)."""
    path = book(tmp_path / "net.xlsx", {
        "nodes": [["id", "label", "name"], ["c1", "Community", "x" * (MAX_CELL + 1)]],
        "edges": [["source", "target", "type"]]})
    [p] = errors(path)
    assert (p.file, p.line, p.code) == ("net.xlsx[nodes]", 2, "cell_too_long")
    assert "cell C2" in p.message and "32,767" in p.message


def test_a_forged_far_cell_is_refused_before_the_sheet_is_built(tmp_path):
    path = book(tmp_path / "net.xlsx", {"nodes": [["id", "label", "name"]],
                                         "edges": [["source", "target", "type"]]})
    wb = __import__("openpyxl").load_workbook(path)
    wb["nodes"]["XFD1048576"] = "far"
    wb.save(path)
    [p] = errors(path)
    assert (p.file, p.code) == ("net.xlsx[nodes]", "sheet_too_big")
    assert "1,048,576 rows x 16,384 columns" in p.message


def fake_ole2(encrypted: bool) -> bytes:
    """The start of a CFB container: Excel 97-2003, or an encrypted OOXML workbook."""
    name = "EncryptedPackage" if encrypted else "Workbook"
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + name.encode("utf-16-le") + \
        b"\x00" * 1024


@pytest.mark.parametrize(("content", "says"), [
    (fake_ole2(False), "is an Excel 97-2003 workbook (.xls) named .xlsx"),
    (fake_ole2(True), "is a password-protected workbook"),
    (b"<html><body><table><tr><td>id</td></tr></table></body></html>",
     "is a web page (HTML) named .xlsx"),
    ("id,label,name\nc1,Community,甲\n".encode(), "is text (CSV?) named .xlsx"),
    (b"", "is an empty file"),
])
def test_a_workbook_that_is_not_one_says_what_it_is(tmp_path, content, says):
    """Issue 22: "BadZipFile: File is not a zip file" with no advice."""
    path = tmp_path / "台账.xlsx"
    path.write_bytes(content)
    [p] = errors(path)
    assert p.code == "not_a_workbook" and says in p.message, p.message
    assert "BadZipFile" not in p.message


def test_sniff_tells_zip_archives_from_workbooks(tmp_path):
    z = tmp_path / "a.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("nodes.csv", "id\n")
    assert sniff(z.read_bytes()) == "zip"
    assert sniff(book(tmp_path / "b.xlsx", {"s": [["a"]]}).read_bytes()) == "xlsx"


def test_a_sheet_named_with_a_trailing_space_gets_a_hint(tmp_path):
    path = book(tmp_path / "net.xlsx", {"nodes ": [["id", "label", "name"]],
                                         "edges": [["source", "target", "type"]]})
    [p] = errors(path)
    assert "rename the sheet 'nodes ' to 'nodes'" in p.message


# --- every sheet as rows of text ------------------------------------------------------------

def test_read_tables_gives_every_sheet_with_spreadsheet_row_numbers(tmp_path):
    path = book(tmp_path / "名册.xlsx", {
        "单位": [["四会市单位名册"], [], ["单位名称", None, "成立日期", "党员数"],
                 ["红旗商行", None, datetime.date(2021, 3, 5), 3],
                 [None, None, None, None], ["玉器城", None, datetime.datetime(2020, 1, 2), 12.0]],
        "空表": [],
        "社区": [["社区名称", "所属街道"], ["沙田园社区", "东城街道"]]})
    problems = Problems()
    tables = read_tables(path, problems)
    assert problems == []
    assert [t.where for t in tables] == ["名册.xlsx[单位]", "名册.xlsx[社区]"]
    units = tables[0]
    assert units.rows == [["四会市单位名册", "", ""], ["单位名称", "成立日期", "党员数"],
                          ["红旗商行", "2021-03-05", "3"], ["玉器城", "2020-01-02", "12"]]
    assert units.lines == [1, 3, 4, 6]


def test_read_tables_reads_a_csv_with_the_line_where_each_record_starts(tmp_path):
    path = tmp_path / "单位.csv"
    path.write_bytes('名册\n\n单位名称,,地址\n"红旗\n商行",,"东城路1号"\n玉器城,,\n'.encode("gbk"))
    problems = Problems()
    [t] = read_tables(path, problems)
    assert [p.code for p in problems] == ["gbk"]
    assert t.sheet is None and t.where == "单位.csv"
    assert t.rows == [["名册", ""], ["单位名称", "地址"], ["红旗\n商行", "东城路1号"],
                      ["玉器城", ""]]
    assert t.lines == [1, 3, 4, 6]


def test_read_tables_names_a_workbook_named_csv(tmp_path):
    path = tmp_path / "单位.csv"
    path.write_bytes(book(tmp_path / "b.xlsx", {"s": [["a"]]}).read_bytes())
    problems = Problems()
    assert read_tables(path, problems) == []
    assert problems[0].code == "not_csv" and "rename it to .xlsx" in problems[0].message


#: An Excel 97-2003 workbook as LibreOffice 7.4 writes one (``libreoffice --headless
#: --convert-to xls`` of the workbook of :func:`book` with the rows the test reads): kept in
#: the repository, so that the test runs where no office suite is installed (it was
#: skipped on a fresh CI machine).
XLS = Path(__file__).parent / "workbooks" / "old.xls"


def test_read_tables_reads_xls_workbooks():
    """Older systems still export Excel 97-2003 (.xls): python-calamine reads them."""
    problems = Problems()
    [t] = read_tables(XLS, problems)
    assert problems == []
    assert t.rows == [["单位名称", "党员数", "成立日期"], ["红旗商行", "3", "2021-03-05"]]
