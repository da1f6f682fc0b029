"""Build tests/fuzz_corpus/office-*: the cases of issue 22 as their files arrive.

Encodings (an unclosed quote, Big5/Shift-JIS/EUC-KR, GBK, ids with a zero-width space),
Excel habits (fake workbooks, a sheet named 'nodes ', a 50 MB cell, near-miss names, rosters,
zip archives), snapshots, key files re-saved by Notepad, passwords in the environment,
outputs (a link, a long Chinese name, standard output, a full disk) and signals; each as
its files and a case.json replayed by tests/test_fuzz.py::test_office_corpus.

Run ``python scripts/make_office_corpus.py`` from the checkout to rebuild them.
"""

import io
import json
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.test_fuzz import workbook  # noqa: E402

ROOT = ROOT / "tests" / "fuzz_corpus"
for old in ROOT.glob("office-*"):
    shutil.rmtree(old)


def case(name, files=None, **spec):
    d = ROOT / f"office-{name}"
    d.mkdir()
    for rel, body in (files or {}).items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    (d / "case.json").write_text(
        json.dumps(spec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def seven_units(quote_line=None):
    rows = (
        ["id,label,name,kind,members"]
        + [f"c{i},Community,社区{i},," for i in range(1, 13)]
        + [f"u{i},Unit,单位{i},enterprise,{i}" for i in range(1, 8)]
    )
    if quote_line:
        uid = rows[quote_line - 1].split(",")[0]
        rows[quote_line - 1] = f'{uid},Unit,"红旗商行,market,0,,'
    return "\n".join(rows) + "\n"


EDGES7 = "source,target,type\n" + "".join(f"u{i},c{i},LOCATED_IN\n" for i in range(1, 8))
SMALL = "id,label,name\nc1,Community,{c}\nu1,Unit,{u}\n"
EDGE1 = "source,target,type\nu1,c1,LOCATED_IN\n"
V = ["validate", "{case}"]

# --- encodings ---
case(
    "unclosed-quote-line-18",
    {"nodes.csv": seven_units(18), "edges.csv": EDGES7},
    argv=V,
    exit=2,
    stderr='nodes.csv:18: error: a quote (") opened on this line is never closed',
)
case(
    "unclosed-quote-line-9",
    {"nodes.csv": seven_units(9), "edges.csv": EDGES7},
    argv=V,
    exit=2,
    stderr="nodes.csv:9: error: a quote",
    never=["edges.csv"],
)
for enc, name, c, u in (
    ("big5", "big5", "紅旗社區", "臺北商行"),
    ("shift_jis", "shift-jis", "東京都", "商店街の店"),
    ("euc_kr", "euc-kr", "서울특별시", "상점"),
):
    case(
        f"{name}-nodes",
        {"nodes.csv": SMALL.format(c=c, u=u).encode(enc), "edges.csv": EDGE1},
        argv=V,
        exit=2,
        stderr=f"nodes.csv: error: the file looks {enc}-encoded",
    )
case(
    "gbk-nodes",
    {"nodes.csv": SMALL.format(c="城中社区", u="红旗商行").encode("gbk"), "edges.csv": EDGE1},
    argv=V,
    exit=0,
    stdout="nodes.csv: warning: file is GBK/GB18030-encoded",
)
case(
    "dataset-json-ansi",
    {
        "nodes.csv": SMALL.format(c="城中社区", u="红旗商行"),
        "edges.csv": EDGE1,
        "dataset.json": json.dumps(
            {"name": "四会市党建网络", "snapshot": "2024-06-30"}, ensure_ascii=False
        ).encode("gbk"),
    },
    argv=V,
    exit=0,
    stdout="dataset.json: warning: file is GBK/GB18030-encoded",
)
zw = (
    "id,label,name,kind\nc1,Community,甲,\nu1,Unit,乙,enterprise\nu4,Unit,丙,enterprise\n"
    "u4\u200b,Unit,丁,enterprise\n"
)
case(
    "zero-width-id-twin",
    {
        "nodes.csv": zw,
        "edges.csv": "source,target,type\nu1,c1,LOCATED_IN\nu4,c1,LOCATED_IN\n"
        "u4\u200b,c1,LOCATED_IN\n",
    },
    argv=V,
    exit=0,
    stdout="differ only in white space, invisible characters",
)
case(
    "zero-width-id-edge",
    {
        "nodes.csv": "id,label,name\nc1,Community,甲\nu4\u200b,Unit,乙\n",
        "edges.csv": "source,target,type\nu4,c1,LOCATED_IN\n",
    },
    argv=V,
    exit=2,
    stderr="differs from it only in white space, invisible characters",
)
case(
    "chinese-names-the-type",
    {
        "nodes.csv": "id,label,name\nc1,Community,甲\nc2,Community,乙\nU6,Unit,丙\n",
        "edges.csv": "source,target,type\nU6,c1,LOCATED_IN\nU6,c2,LOCATED_IN\n",
    },
    argv=[*V, "--lang", "zh"],
    exit=2,
    stderr="有多条 LOCATED_IN 关系",
)
case(
    "convert-vertical-tab",
    {
        "nodes.csv": "id,label,name\nc1,Community,城中\x0b社区\nu1,Unit,红旗\x0b商行\n",
        "edges.csv": EDGE1,
    },
    argv=["convert", "{case}", "{tmp}/out.graphml"],
    exit=0,
    after={"exists": ["out.graphml"]},
)

# --- Excel habits ---
ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
case(
    "renamed-xls",
    {"台账.xlsx": ole + "Workbook".encode("utf-16-le") + b"\x00" * 1024},
    argv=["validate", "{case}/台账.xlsx"],
    exit=2,
    stderr="is an Excel 97-2003 workbook (.xls) named .xlsx",
    never=["BadZipFile"],
)
case(
    "password-protected-xlsx",
    {"台账.xlsx": ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024},
    argv=["validate", "{case}/台账.xlsx"],
    exit=2,
    stderr="is a password-protected workbook",
    never=["BadZipFile"],
)
case(
    "html-named-xlsx",
    {
        "book.xlsx": "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>id</td><td>label</td></tr></table></body></html>"
    },
    argv=["validate", "{case}/book.xlsx"],
    exit=2,
    stderr="is a web page (HTML) named .xlsx",
    never=["BadZipFile"],
)
case(
    "csv-named-xlsx",
    {"book.xlsx": "id,label,name\nc1,Community,甲\n"},
    argv=["validate", "{case}/book.xlsx"],
    exit=2,
    stderr="is text (CSV?) named .xlsx",
    never=["BadZipFile"],
)


book = workbook  # a workbook of these sheets, as bytes


case(
    "sheet-nodes-with-space",
    {
        "book.xlsx": book(
            {
                "nodes ": [["id", "label", "name"], ["c1", "Community", "甲"]],
                "edges": [["source", "target", "type"]],
            }
        )
    },
    argv=["validate", "{case}/book.xlsx"],
    exit=2,
    stderr="rename the sheet 'nodes ' to 'nodes'",
)


def big_cell_book(n):
    # openpyxl refuses to write a cell over Excel's limit; the sheet XML is written by hand
    cell = "x" * n
    sheet1 = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>label</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>name</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>c1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Community</t></is></c>'
        f'<c r="C2" t="inlineStr"><is><t>{cell}</t></is></c></row></sheetData></worksheet>'
    )
    sheet2 = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>source</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>target</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>type</t></is></c></row></sheetData></worksheet>'
    )
    src = zipfile.ZipFile(io.BytesIO(book({"nodes": [["id"]], "edges": [["source"]]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet1.encode()
            elif info.filename == "xl/worksheets/sheet2.xml":
                data = sheet2.encode()
            z.writestr(info.filename, data)
    return out.getvalue()


case(
    "workbook-cell-50mb",
    {"book.xlsx": big_cell_book(50 << 20)},
    argv=["audit", "{case}/book.xlsx", "--format", "html", "--out", "{tmp}/r.html"],
    exit=2,
    stderr="book.xlsx[nodes]:2: error: cell C2 holds 32,767 characters or more",
    after={"absent": ["r.html"]},
)

# --- dataset names ---
sihui_nodes = (
    "id,label,name,kind\nc1,Community,城中社区,\nc2,Community,东门社区,\n"
    "u1,Unit,红旗商行,enterprise\nu2,Unit,东门商店,enterprise\n"
)
sihui_edges = "source,target,type\nu1,c1,LOCATED_IN\nu2,c2,LOCATED_IN\n"
case(
    "capitalised-names",
    {"Nodes.csv": sihui_nodes, "Edges.csv": sihui_edges},
    argv=V,
    exit=2,
    stderr="holds 'Nodes.csv': rename it nodes.csv (names are case-sensitive)",
)
case(
    "double-extension",
    {"nodes.csv.csv": sihui_nodes, "edges.csv.csv": sihui_edges},
    argv=V,
    exit=2,
    stderr="holds 'nodes.csv.csv': rename it nodes.csv (Windows hides the known extension",
)
case(
    "only-rosters",
    {"台账.xlsx": book({"单位": [["单位名称", "所在社区"], ["红旗商行", "城中社区"]]})},
    argv=V,
    exit=2,
    stderr="office rosters (台账)? build a dataset from them first with `graphkit import",
)
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w") as z:
    z.writestr("sihui/nodes.csv", sihui_nodes)
    z.writestr("sihui/edges.csv", sihui_edges)
case(
    "zip-dataset",
    {"sihui.zip": zbuf.getvalue()},
    argv=["validate", "{case}/sihui.zip"],
    exit=2,
    stderr="is a zip archive: unzip it",
)
case(
    "zip-in-folder",
    {"sihui.zip": zbuf.getvalue()},
    argv=V,
    exit=2,
    stderr="the folder holds the archive 'sihui.zip': unzip it first",
)

# --- options ---
case(
    "min-branch-members-beyond-int64",
    argv=["audit", "{sihui}", "--min-branch-members", "9223372036854775808"],
    exit=2,
    stderr="is not in the range",
    never=["unexpectedly"],
)
case(
    "measures-k-1e29",
    argv=["measures", "{sihui}", "--k", "1e29"],
    exit=2,
    stderr="is not a valid integer",
    never=["unexpectedly"],
)

# --- snapshots ---
case(
    "diff-area-unchanged",
    argv=["diff", "{sihui}", "{sihui}", "--area", "area-dc"],
    exit=0,
    never=["unexpectedly", "KeyError"],
)
case(
    "diff-new-snapshot-invalid",
    {
        "2024/nodes.csv": "id,label,name\nc1,Community,甲\nu1,Unit,乙\n",
        "2024/edges.csv": "source,target,type\nu1,c9,LOCATED_IN\n",
    },
    argv=["diff", "{sihui}", "{case}/2024"],
    exit=2,
    stderr="NEW snapshot",
)
case(
    "trend-snapshot-invalid",
    {
        "2024/nodes.csv": "id,label,name\nc1,Community,甲\nu1,Unit,乙\n",
        "2024/edges.csv": "source,target,type\nu1,c9,LOCATED_IN\n",
    },
    argv=["trend", "{sihui}", "{case}/2024"],
    exit=2,
    stderr="2024 is invalid",
)
ren = {"c1": "2024-c1", "c2": "2024-c2", "u1": "2024-u1", "u2": "2024-u2"}
renumbered = {"old/nodes.csv": sihui_nodes, "old/edges.csv": sihui_edges}
renumbered["new/nodes.csv"] = "".join(
    ("2024-" + line if line[:2] in ren else line) + "\n" for line in sihui_nodes.splitlines()
)
renumbered["new/edges.csv"] = sihui_edges.replace("u1,c1", "2024-u1,2024-c1").replace(
    "u2,c2", "2024-u2,2024-c2"
)
case(
    "renumbered-snapshot",
    renumbered,
    argv=["diff", "{case}/old", "{case}/new"],
    exit=0,
    stderr="warning: no node id of the old snapshot",
)

# --- keys and passwords ---
KEY = "k3Jd9aP0xQ2mW7vL5nB8cR4tY6uI1oE"
person = {
    "nodes.csv": "id,label,name,kind\nc1,Community,甲,\nu1,Unit,乙,enterprise\n"
    "p1,Person,张三,instructor\n",
    "edges.csv": "source,target,type\nu1,c1,LOCATED_IN\np1,u1,GUIDES\n",
}
for name, body in (
    ("utf8-bom", ("\ufeff" + KEY + "\r\n").encode("utf-8")),
    ("utf16", ("\ufeff" + KEY + "\r\n").encode("utf-16-le")),
):
    case(
        f"key-file-{name}",
        {**person, "graphkit.key": body},
        argv=["audit", "{case}", "--format", "json", "--pseudonymize", "{case}/graphkit.key"],
        exit=0,
        plain_key=KEY,
        never=['"p1"'],
    )
credit = {
    "nodes.csv": "id,label,name,kind,members\nc1,Community,甲,,\n"
    "91441284MA19900101X5,Unit,乙,enterprise,3\n",
    "edges.csv": "source,target,type\n91441284MA19900101X5,c1,LOCATED_IN\n",
}
for pw in ("19900101", "0.95"):
    case(
        f"password-{pw.replace('.', '_')}-in-environment",
        credit,
        env={"NEO4J_PASSWORD": pw},
        argv=["audit", "{case}", "--format", "json"],
        exit=0,
        json_stdout=True,
        stdout='"91441284MA19900101X5"',
    )

# --- outputs ---
case(
    "out-through-symlink",
    links={"r.json": "{tmp}/reports/r.json"},
    files_tmp={"reports/r.json": "OLD"},
    argv=["audit", "{sihui}", "--format", "json", "--out", "{tmp}/r.json"],
    exit=0,
    after={"links": ["r.json"], "contains": {"reports/r.json": '"schema"'}},
)
long = ("四会市城区基层党建网络审计报告" * 6)[:80] + ".json"  # 80 characters, 245 bytes
assert len(long.encode()) == 245
case(
    "out-long-chinese-name",
    argv=["audit", "{sihui}", "--format", "json", "--out", "{tmp}/" + long],
    exit=0,
    after={"exists": [long]},
)
case(
    "out-dash",
    argv=["audit", "{sihui}", "--format", "json", "--out", "-"],
    exit=0,
    json_stdout=True,
    after={"absent": ["-"]},
)
case(
    "plan-apply-full-disk",
    argv=["plan", "{sihui}", "--apply", "{tmp}/new/applied"],
    exit=2,
    process={"fsize": 20000},
    stderr="nothing was written",
    after={"absent": ["new"]},
)
case(
    "failed-write-removes-folders",
    argv=["audit", "{sihui}", "--format", "html", "--out", "{tmp}/a/b/r.html"],
    exit=2,
    process={"fsize": 20000},
    after={"absent": ["a"]},
)

# --- signals ---
for sig in ("SIGTERM", "SIGHUP"):
    case(
        f"{sig.lower()}-during-audit",
        argv=["audit", "{sihui}", "--format", "html", "--out", "{tmp}/r.html"],
        exit=143 if sig == "SIGTERM" else 129,
        process={"signal": sig},
        stderr=f"({sig} received)",
        after={"absent": ["r.html"], "only": ["rendering"]},
    )
