"""Office data as it really arrives (issue 22): each defect found by the careless and the
hostile user, as a test that failed before its fix.

The reading layer's cases (an unclosed quote, Big5 read as GBK, fake workbooks, the 50 MB
cell) are tested with the reader (tests/test_readers.py); the files of every case are
replayed by tests/test_fuzz.py (tests/fuzz_corpus/office-*).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.cli import main
from graphkit.network.privacy import read_key
from tests.conftest import SIHUI, Builder

GRAPHKIT = Path(sys.executable).parent / "graphkit"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "unexpectedly" not in err, err
    return rc, out, err


# --- bounded option ranges ---------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["audit", "{sihui}", "--min-branch-members", "9223372036854775808"],
    ["audit", "{sihui}", "--min-branch-members", "2147483648"],
    ["plan", "{sihui}", "--max-branch-members", "9223372036854775808"],
    ["plan", "{sihui}", "--instructor-capacity", "99999999999999999999"],
    ["diff", "{sihui}", "{sihui}", "--min-branch-members", "9223372036854775808"],
    ["measures", "{sihui}", "--k", "100000000000000000000000000000"],
    ["measures", "{sihui}", "--k", "1e29"],
    ["measures", "{sihui}", "--exact-max", "9223372036854775808"],
    ["audit", "bolt://127.0.0.1:1", "--retry-time", "1e300"],
    ["audit", "bolt://127.0.0.1:1", "--timeout", "1e300"],
], ids=lambda a: " ".join(a[2:] if a[0] != "diff" else a[3:]))
def test_count_options_are_bounded(capsys, argv):
    """--min-branch-members 9223372036854775808 reached the engine: "failed unexpectedly
    (TypeError)"; --retry-time 1e300 overflowed the driver's clock (OverflowError)."""
    rc, _, err = run(capsys, *[a.format(sihui=SIHUI) for a in argv])
    assert rc == 2, err
    assert "is not in the range" in err or "is not a valid integer" in err, err


def test_settings_refuse_counts_past_the_bound():
    with pytest.raises(ValueError, match=r"within 1\.\.2147483647"):
        gk.audit(gk.read_dataset(SIHUI), min_branch_members=2**63)


def test_an_integer_option_is_named_in_chinese(capsys):
    rc, _, err = run(capsys, "measures", str(SIHUI), "--k", "1e29", "--lang", "zh")
    assert rc == 2 and "不是有效的整数" in err, err


# --- key files re-saved by an editor -----------------------------------------------------


def _person_dataset(folder: Path) -> Path:
    b = Builder()
    b.community("c1")
    b.unit("u1", where="c1")
    b.node("p1", "Person", kind="instructor")
    b.edge("p1", "u1", "GUIDES")
    return b.write(folder)


@pytest.mark.parametrize("saved_as", ["utf-8-sig", "utf-16", "utf-16-be-bom", "crlf"])
def test_a_key_file_resaved_by_notepad_gives_the_same_pseudonyms(capsys, tmp_path, saved_as):
    """Notepad's "UTF-8 with BOM" and "Unicode" (UTF-16) changed every pseudonym silently:
    pseudonymized snapshots no longer joined."""
    ds = _person_dataset(tmp_path / "ds")
    key = tmp_path / "graphkit.key"
    assert main(["keygen", str(key)]) == 0
    text = key.read_text(encoding="ascii").strip()
    resaved = tmp_path / "resaved.key"
    data = {"utf-8-sig": ("\ufeff" + text + "\r\n").encode("utf-8"),
            "utf-16": ("\ufeff" + text + "\r\n").encode("utf-16-le"),
            "utf-16-be-bom": ("\ufeff" + text).encode("utf-16-be"),
            "crlf": (text + "\r\n").encode("ascii")}[saved_as]
    resaved.write_bytes(data)
    docs = []
    for k in (key, resaved):
        rc, out, err = run(capsys, "audit", str(ds), "--format", "json", "--pseudonymize",
                           str(k))
        assert rc == 0, err
        docs.append(json.loads(out))
    assert docs[0] == docs[1]
    assert read_key(resaved) == read_key(key)


# --- dataset.json in GBK -----------------------------------------------------------------


def test_dataset_json_saved_as_ansi_is_read_with_the_gbk_warning(tmp_path, capsys):
    """Notepad's "ANSI" on a Chinese Windows is GBK: SPEC section 1 accepts it, the reader
    refused it ("invalid JSON: 'utf-8' codec can't decode")."""
    ds = _person_dataset(tmp_path / "ds")
    meta = {"name": "四会市党建网络", "snapshot": "2024-06-30", "description": "东城街道"}
    (ds / "dataset.json").write_bytes(json.dumps(meta, ensure_ascii=False).encode("gbk"))
    read = gk.read_dataset(ds)
    assert (read.name, read.snapshot, read.description) == (
        "四会市党建网络", "2024-06-30", "东城街道")
    assert [(w.file, w.code) for w in read.warnings] == [("dataset.json", "gbk")]
    rc, out, _ = run(capsys, "validate", str(ds))
    assert rc == 0 and "dataset.json: warning: file is GBK/GB18030-encoded" in out


# --- the password is masked in messages, never in data -----------------------------------


def _credit_code_dataset(folder: Path) -> Path:
    b = Builder()
    b.community("c1")
    b.unit("91441284MA19900101X5", where="c1", members=3)
    b.unit("91441284MA20000202Y6", where="c1")
    return b.write(folder)


@pytest.mark.parametrize("password", ["19900101", "0.95", "enterprise", "c1"])
def test_the_password_never_edits_data_output(capsys, tmp_path, monkeypatch, password):
    """With NEO4J_PASSWORD=19900101, `audit --format json` of a plain folder printed the
    unit 91441284MA***X5 on stdout while --out wrote it whole; a password like 0.95 would
    have broken the JSON."""
    ds = _credit_code_dataset(tmp_path / "ds")
    monkeypatch.setenv("NEO4J_PASSWORD", password)
    for fmt in ("json", "markdown", "table", "html"):
        out_file = tmp_path / f"r.{fmt}"
        rc, out, err = run(capsys, "audit", str(ds), "--format", fmt, "--out", str(out_file))
        assert rc == 0, err
        rc, out, err = run(capsys, "audit", str(ds), "--format", fmt)
        assert rc == 0, err
        assert out == out_file.read_text(encoding="utf-8"), fmt
    doc = json.loads(out_file.with_suffix(".json").read_text(encoding="utf-8"))
    assert {u["id"] for u in doc["coverage"]["units"]} == {
        "91441284MA19900101X5", "91441284MA20000202Y6"}
    rc, out, err = run(capsys, "validate", str(ds), "--format", "json")
    assert rc == 0 and json.loads(out)["valid"] is True


def test_the_password_is_still_masked_in_messages(capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "19900101")
    rc, _, err = run(capsys, "audit", "bolt://neo4j:19900101@127.0.0.1:1", "--timeout",
                     "0.5", "--retry-time", "0")
    assert rc == 3, err
    assert "19900101" not in err and "cannot reach Neo4j at bolt://127.0.0.1:1" in err


# --- SIGTERM and SIGHUP are handled like Ctrl-C -------------------------------------------

# the console script's code, with one addition: the report's rendering (the long part of an
# html audit) first creates the marker file argv[1] and then waits for the signal
_MARKED = """
import pathlib, sys, time
import graphkit.report as report  # the command imports render from here when it renders
marker = pathlib.Path(sys.argv.pop(1))
real = report.render
def render(*args, **kwargs):
    text = real(*args, **kwargs)
    marker.touch()
    time.sleep(60)
    return text
report.render = render
import graphkit_launcher
sys.exit(graphkit_launcher.main())
"""


def _signal_during(argv: list[str], marker: Path, signum: int, **kw) -> tuple[int, str]:
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kw)
    deadline = time.monotonic() + 120
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists(), f"never got there: {proc.communicate()[1]}"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_sigterm_and_sighup_leave_no_staged_report(tmp_path, signum):
    """`timeout`, systemd and CI cancellation send SIGTERM (a closed terminal SIGHUP): they
    left .r.json.*.tmp and .r.html.*.tmp behind; Ctrl-C was clean."""
    out = tmp_path / "r.html"
    out.write_text("OLD")
    marker = tmp_path / "rendering"
    rc, err = _signal_during([sys.executable, "-c", _MARKED, str(marker), "audit", str(SIHUI),
                              "--format", "html", "--out", str(out), "--lang", "en"],
                             marker, signum)
    assert rc == 128 + signum, err
    assert f"aborted ({signal.Signals(signum).name} received)" in err
    assert "Traceback" not in err
    assert out.read_text() == "OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "rendering"]


def test_sigterm_during_synth_removes_the_staged_folder(tmp_path):
    """synth writes into a staged .city2.*.tmp/ folder: SIGTERM left it behind."""
    proc = subprocess.Popen([str(GRAPHKIT), "synth", str(tmp_path / "city2"), "--units",
                             "400000"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not any(
            p.name.startswith(".city2.") for p in tmp_path.iterdir()):
        time.sleep(0.01)
    assert proc.poll() is None, proc.communicate()
    time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err
    assert list(tmp_path.iterdir()) == []


# --- an exit no native library can abort ---------------------------------------------------

# the console script, run in a process where a native library's exit-time teardown aborts:
# a C++ static destructor is registered with __cxa_atexit, as glibc runs it after Python's
# finalization; std::terminate there is the exit 134 once seen under load
# (the command also leaves a temporary folder to Python's exit handlers, which must still run)
_ABORTS_AT_EXIT = """
import ctypes, pathlib, sys, tempfile
libc = ctypes.CDLL(None)
libc.__cxa_atexit(ctypes.cast(libc.abort, ctypes.c_void_p), None, None)
import graphkit.cli
told, real = pathlib.Path(sys.argv.pop(1)), graphkit.cli.main
def command():
    global staged
    staged = tempfile.TemporaryDirectory(prefix="gk-exit-")
    told.write_text(staged.name)
    return real()
graphkit.cli.main = command
import graphkit_launcher
sys.exit(graphkit_launcher.main())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="__cxa_atexit of glibc")
@pytest.mark.parametrize("dataset, code", [("invalid", 2), ("sihui", 0)])
def test_a_native_teardown_cannot_abort_the_exit(tmp_path, dataset, code):
    """`graphkit validate` of a small invalid dataset once ended in exit 134 under heavy
    load: pyarrow's thread pool (started by its CSV reader) torn down by C++ static
    destructors after Python's exit (apache/arrow#34314). The console script now ends the
    process after Python's exit handlers, before any native teardown."""
    folder = SIHUI
    if dataset == "invalid":
        built = Builder()
        built.unit("u1")
        folder = built.edge("u1", "c9", "LOCATED_IN").write(tmp_path / "d")
    told = tmp_path / "staged"
    proc = subprocess.run([sys.executable, "-c", _ABORTS_AT_EXIT, str(told), "validate",
                           str(folder), "--lang", "en"], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "valid (" in proc.stdout + proc.stderr  # the streams were flushed
    assert not Path(told.read_text()).exists()  # Python's exit handlers still ran


# --- one output layer: links, long names, standard output, failures ----------------------


def test_out_through_a_symlink_writes_the_target(capsys, tmp_path):
    """--out through a symbolic link replaced the link: the file it pointed to kept the old
    report while "report written" was printed."""
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("OLD")
    link = tmp_path / "r.json"
    link.symlink_to(real)
    for fmt in ("json", "html"):
        rc, _, err = run(capsys, "audit", str(SIHUI), "--format", fmt, "--out", str(link))
        assert rc == 0, err
        assert link.is_symlink() and Path(os.readlink(link)) == real
        assert real.read_text(encoding="utf-8") != "OLD"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "reports"]
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.json"]


def test_an_out_that_is_not_a_file_is_refused_before_the_work(capsys, tmp_path, monkeypatch):
    """--out /dev/null (or a folder) was refused only by the write at the end, after the
    dataset was read and audited: a minute of work at ten million units for nothing."""
    import graphkit.cli._auditing as auditing

    def never(*_a, **_k):
        raise AssertionError("the dataset was read before --out was checked")

    monkeypatch.setattr(auditing, "_read_any", never)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for out, what in (("/dev/null", "a device"), (str(folder), "a folder")):
        for argv in (["audit", str(SIHUI), "--format", "json"],
                     ["audit", str(SIHUI), "--format", "html"],
                     ["measures", str(SIHUI), "--format", "json"]):
            rc, _, err = run(capsys, *argv, "--out", out)
            assert rc == 2, (argv, out, err)
            assert out in err, err
            # measures' --out is a click path without folders: click says so itself
            assert what in err or (argv[0] == "measures" and "is a directory" in err), err
    assert os.path.exists("/dev/null") and folder.is_dir() and not any(folder.iterdir())


def test_a_long_chinese_file_name_is_written(capsys, tmp_path):
    """An 80-character Chinese name (240 bytes + .json = 245, allowed) failed: the
    temporary name added 14 bytes, past the file system's 255."""
    name = ("四会市东城街道两新组织党的组织和工作覆盖情况审计报告" * 4)[:80] + ".json"
    assert len(name.encode()) == 245
    for argv in (["audit", str(SIHUI), "--format", "json"],
                 ["audit", str(SIHUI), "--format", "html"],
                 ["plan", str(SIHUI), "--format", "xlsx"]):
        out = tmp_path / name
        rc, _, err = run(capsys, *argv, "--out", str(out))
        assert rc == 0, err
        assert out.stat().st_size > 0
        assert [p.name for p in tmp_path.iterdir()] == [name]
    d = tmp_path / name.replace(".json", "")
    gk.write_dataset(gk.read_dataset(SIHUI), d)
    assert gk.read_dataset(d).nodes.shape == gk.read_dataset(SIHUI).nodes.shape


@pytest.mark.parametrize("argv", [
    ["audit", "{sihui}", "--format", "json"],
    ["audit", "{sihui}", "--format", "markdown"],
    ["measures", "{sihui}", "--format", "csv"],
    ["validate", "{sihui}", "--format", "json"],
    ["plan", "{sihui}", "--format", "json"],
    ["diff", "{sihui}", "{sihui}", "--format", "json"],
    ["trend", "{sihui}", "--format", "csv"],
])
def test_out_dash_is_standard_output(capsys, tmp_path, monkeypatch, argv):
    """`--out -` made a file named "-" instead of writing to standard output."""
    monkeypatch.chdir(tmp_path)
    argv = [a.format(sihui=SIHUI) for a in argv]
    rc, expected, err = run(capsys, *argv)
    assert rc == 0, err
    rc, out, err = run(capsys, *argv, "--out", "-")
    assert rc == 0, err
    assert out == expected and out.strip()
    assert not (tmp_path / "-").exists()


def test_a_binary_report_goes_to_a_pipe_with_out_dash(tmp_path):
    proc = subprocess.run([str(GRAPHKIT), "plan", str(SIHUI), "--format", "xlsx", "--out",
                           "-"], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout[:4] == b"PK\x03\x04"
    book = tmp_path / "plan.xlsx"
    book.write_bytes(proc.stdout)
    from openpyxl import load_workbook

    assert load_workbook(book).sheetnames


def test_a_binary_report_is_not_sent_to_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    rc, _, err = run(capsys, "plan", str(SIHUI), "--format", "xlsx", "--out", "-")
    assert rc == 2 and "--out - into a pipe" in err, err


def _full_disk_after(limit: int):
    def child() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG
    return child


def test_plan_apply_on_a_full_disk_leaves_nothing(tmp_path):
    """`plan --apply OUT` on a full disk left an empty OUT folder while saying that nothing
    was written there."""
    out = tmp_path / "new" / "applied"
    proc = subprocess.run([str(GRAPHKIT), "plan", str(SIHUI), "--apply", str(out), "--lang",
                           "en"], capture_output=True, text=True, timeout=300,
                          preexec_fn=_full_disk_after(20_000))
    assert proc.returncode == 2, proc.stderr
    assert f"cannot write {out}" in proc.stderr and "nothing was written" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_removes_the_folders_it_made(tmp_path):
    proc = subprocess.run([str(GRAPHKIT), "audit", str(SIHUI), "--format", "html", "--out",
                           str(tmp_path / "a" / "b" / "r.html")], capture_output=True,
                          text=True, timeout=300, preexec_fn=_full_disk_after(10_000))
    assert proc.returncode == 2, proc.stderr
    assert list(tmp_path.iterdir()) == []


# --- the silent row loss (fixed by the strict reader of branch rosters): as a user sees it --


@pytest.mark.parametrize("quote_line", [18, 9])
def test_an_unclosed_quote_loses_no_row(capsys, tmp_path, quote_line):
    """`u5,Unit,"红旗商行,market,0,,` on line 18: validate said valid, u6 and u7 vanished into
    u5's name and the audit counted 5 units of 7; with the quote on line 9, its 17 errors were
    blamed on edges.csv. Now the quote's line is the one error, and nothing is audited."""
    corpus = Path(__file__).parent / "fuzz_corpus" / "office-unclosed-quote-line-18"
    ds = tmp_path / "ds"
    ds.mkdir()
    lines = (corpus / "nodes.csv").read_text(encoding="utf-8").splitlines()
    good = [line.replace('"红旗商行,market,0,,', "红旗商行,enterprise,5") for line in lines]
    (ds / "edges.csv").write_bytes((corpus / "edges.csv").read_bytes())
    (ds / "nodes.csv").write_text("\n".join(good) + "\n", encoding="utf-8")
    rc, out, err = run(capsys, "audit", str(ds), "--format", "json")
    assert rc == 0 and json.loads(out)["coverage"]["units_in_scope"] == 7, err
    broken = list(good)
    uid = broken[quote_line - 1].split(",")[0]
    broken[quote_line - 1] = f'{uid},Unit,"红旗商行,market,0,,'
    (ds / "nodes.csv").write_text("\n".join(broken) + "\n", encoding="utf-8")
    rc, out, err = run(capsys, "validate", str(ds))
    assert rc == 2, out
    assert f"nodes.csv:{quote_line}: error: a quote" in err and "edges.csv" not in err, err
    assert "invalid (1 error(s)" in err + out
    rc, out, err = run(capsys, "audit", str(ds), "--format", "json")
    assert rc == 2 and out == "", out
    with pytest.raises(gk.ValidationError):
        gk.read_dataset(ds)


# --- ids pasted from chat apps: one normalizer ---------------------------------------------


def _four_units(folder: Path, *, twin: str | None = "u4\u200b", edge_to: str = "u4") -> Path:
    b = Builder()
    b.community("c1")
    for i in (1, 2, 3):
        b.unit(f"u{i}", where="c1", org=f"o{i}" if i < 3 else None)
    b.node("u4", "Unit", kind="enterprise")
    if twin is not None:
        b.node(twin, "Unit", kind="enterprise")
    b.edge(edge_to, "c1", "LOCATED_IN")
    return b.write(folder)


@pytest.mark.parametrize("twin", ["u4\u200b", "\u200bu4", "u4\ufeff", "u4\u2060", "u\u00ad4",
                                  "u 4", "ｕ４", "u4\u3000"])
def test_ids_that_differ_only_in_invisible_characters_are_warned_about(tmp_path, twin):
    """`u4` and `u4` + U+200B (pasted from a chat app) became two units without a word:
    the rates 0.25/0.5/0.75 became 0.2/0.4/0.6."""
    ds = gk.read_dataset(_four_units(tmp_path / "ds", twin=twin))
    [w] = [w for w in ds.warnings if w.code == "id_twins"]
    assert repr(twin) in w.message and "'u4'" in w.message
    assert "invisible characters" in w.message and "不可见字符" in w.text("zh")


@pytest.mark.parametrize("node, end", [("u4\u200b", "u4"), ("u4", "u4\u200b"),
                                       ("ｕ４", "u4"), ("u 4", "u4")])
def test_an_edge_to_an_unknown_id_names_the_near_identical_one(tmp_path, node, end):
    b = Builder()
    b.community("c1")
    b.node(node, "Unit", kind="enterprise")
    b.edge(end, "c1", "LOCATED_IN")
    problems = gk.validate_dataset(b.write(tmp_path / "ds"))
    [p] = [p for p in problems if p.severity == "error"]
    assert p.code == "unknown_endpoint_near" and p.column == "source"
    assert f"source {end!r} is not a node id; the node {node!r} differs" in p.message
    assert f"节点 {node!r} 与它仅在空格、不可见字符或全角/半角上不同" in p.text("zh")


def test_an_unknown_id_with_no_near_one_has_no_hint(tmp_path):
    b = Builder()
    b.community("c1")
    b.edge("u9", "c1", "LOCATED_IN")
    [p] = gk.validate_dataset(b.write(tmp_path / "ds"))
    assert p.code == "unknown_endpoint" and p.message == "source 'u9' is not a node id"


def test_the_normalizer_agrees_with_itself_in_python_and_arrow():
    """One normalizer, two implementations (a value, an Arrow column): the same key for
    every character Python's Unicode database knows."""
    import unicodedata

    import pyarrow as pa

    from graphkit.network._text import folded, folded_array

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
             and unicodedata.category(chr(c)) != "Cn"]
    texts = ["u" + c + "4" for c in chars]
    assert folded_array(pa.array(texts)).to_pylist() == [folded(x) for x in texts]


# --- Chinese messages name the file's own words ---------------------------------------------


def test_chinese_messages_name_the_types_and_labels_of_the_file(tmp_path, capsys):
    """"单位 'U6' 位于多个地点" where the English said LOCATED_IN: a planner searches
    edges.csv for the type as written."""
    b = Builder()
    b.community("c1")
    b.community("c2")
    b.node("a1", "Area", kind="street")
    b.node("U6", "Unit", kind="enterprise")
    b.node("o1", "PartyOrg", kind="branch")
    b.node("cp", "Compound")
    b.edge("U6", "c1", "LOCATED_IN").edge("U6", "c2", "LOCATED_IN")
    b.edge("o1", "c1", "BELONGS_TO").edge("o1", "c2", "BELONGS_TO")
    b.edge("cp", "c1", "PART_OF").edge("cp", "c2", "PART_OF")
    b.edge("c1", "c2", "PART_OF")
    rc, _, err = run(capsys, "validate", str(b.write(tmp_path / "ds")), "--lang", "zh")
    assert rc == 2
    for words in ("单位（Unit）'U6' 有多条 LOCATED_IN 关系",
                  "党组织（PartyOrg）'o1' 有多条 BELONGS_TO 关系",
                  "小区（Compound）'cp' 有多条 PART_OF 关系",
                  "PART_OF 关系不能从社区（Community）'c1' 指向社区（Community）'c2'"):
        assert words in err, (words, err)


# --- snapshots -------------------------------------------------------------------------------


def test_diff_of_a_street_where_nothing_changed(capsys):
    """`graphkit diff data/sihui data/sihui --area area-dc`: "failed unexpectedly
    (KeyError: 'change')" (an empty mask of object dtype selected no column)."""
    for fmt in ("table", "json", "markdown", "html"):
        rc, _, err = run(capsys, "diff", str(SIHUI), str(SIHUI), "--area", "area-dc",
                           "--format", fmt)
        assert rc == 0, err
    doc = json.loads(run(capsys, "diff", str(SIHUI), str(SIHUI), "--area", "东城",
                         "--format", "json")[1])
    assert doc["nodes"] == {"added": [], "removed": [], "changed": []}
    assert doc["units"]["improved"] == doc["units"]["regressed"] == []
    d = gk.narrow(gk.diff(SIHUI, SIHUI), areas=["area-dc"])
    assert d.nodes.empty and list(d.nodes.columns)[:2] == ["change", "id"]


def _invalid_copy(tmp_path: Path, name: str) -> Path:
    d = tmp_path / name
    d.mkdir()
    for f in ("nodes.csv", "edges.csv"):
        (d / f).write_bytes((SIHUI / f).read_bytes())
    text = (d / "nodes.csv").read_text(encoding="utf-8").replace(",Area,", ",Areaa,", 1)
    (d / "nodes.csv").write_text(text, encoding="utf-8")
    return d


@pytest.mark.parametrize("which", ["OLD", "NEW"])
def test_diff_says_which_snapshot_is_invalid(capsys, tmp_path, which):
    """Both snapshots have a nodes.csv: "nodes.csv:5: error" did not say which."""
    bad = _invalid_copy(tmp_path, "2023")
    argv = [str(bad), str(SIHUI)] if which == "OLD" else [str(SIHUI), str(bad)]
    rc, _, err = run(capsys, "diff", *argv)
    assert rc == 2
    assert f"{bad / 'nodes.csv'}:2 [label]: error: unknown label 'Areaa'" in err, err
    assert f"{which} snapshot {bad} is invalid: 1 error(s)" in err


def test_trend_says_which_snapshot_is_invalid(capsys, tmp_path):
    bad = _invalid_copy(tmp_path, "2023")
    rc, _, err = run(capsys, "trend", str(SIHUI), str(SIHUI), str(bad))
    assert rc == 2
    assert f"{bad / 'nodes.csv'}:2 [label]" in err and f"D3 snapshot {bad} is invalid" in err


def test_a_single_dataset_keeps_its_plain_file_names(capsys, tmp_path):
    bad = _invalid_copy(tmp_path, "2023")
    rc, _, err = run(capsys, "audit", str(bad))
    assert rc == 2 and err.startswith("nodes.csv:2 [label]") and "invalid dataset" in err


@pytest.mark.parametrize("what", ["nodes", "units"])
def test_renumbered_snapshots_are_noted(capsys, tmp_path, what):
    """Renumbered snapshots diffed as "everything added and removed" with no note that no
    id matched."""
    ds = gk.read_dataset(SIHUI)
    moved = ds.nodes["label"] == "Unit" if what == "units" else ds.nodes["id"].notna()
    new_ids = dict(zip(ds.nodes["id"], ds.nodes["id"].where(~moved, "2024-" + ds.nodes["id"]),
                       strict=True))
    nodes = ds.nodes.assign(id=ds.nodes["id"].map(new_ids))
    edges = ds.edges.assign(source=ds.edges["source"].map(new_ids),
                            target=ds.edges["target"].map(new_ids))
    new = gk.write_dataset(gk.Dataset.from_frames(nodes, edges), tmp_path / "2024")
    rc, _, err = run(capsys, "diff", str(SIHUI), str(new))
    assert rc == 0, err
    assert f"warning: no {what[:-1]} id of the old snapshot" in err, err
    rc, _, err = run(capsys, "diff", str(SIHUI), str(SIHUI))
    assert "no node id" not in err and "no unit id" not in err


# --- near-miss dataset names, with advice ----------------------------------------------------


def _copy_as(folder: Path, nodes: str | None = "nodes.csv", edges: str | None = "edges.csv"
             ) -> Path:
    folder.mkdir()
    for name, src in ((nodes, "nodes.csv"), (edges, "edges.csv")):
        if name is not None:
            (folder / name).write_bytes((SIHUI / src).read_bytes())
    return folder


@pytest.mark.parametrize("name, says", [
    ("Nodes.csv", "the folder holds 'Nodes.csv': rename it nodes.csv (names are case-sensitive)"),
    ("nodes.csv.csv", "the folder holds 'nodes.csv.csv': rename it nodes.csv (Windows hides"),
    ("nodes (1).csv", "the folder holds 'nodes (1).csv': rename it nodes.csv"),
    ("nodes - 副本.csv", "the folder holds 'nodes - 副本.csv': rename it nodes.csv"),
    ("ｎｏｄｅｓ.csv", "the folder holds 'ｎｏｄｅｓ.csv': rename it nodes.csv"),
    ("nodes.txt", "the folder holds 'nodes.txt': rename it nodes.csv"),
])
def test_a_near_miss_file_name_is_named_with_advice(capsys, tmp_path, name, says):
    """"缺少文件 nodes.csv" with no hint, though the folder held Nodes.csv or nodes.csv.csv."""
    d = _copy_as(tmp_path / "ds", nodes=name)
    rc, _, err = run(capsys, "validate", str(d))
    assert rc == 2
    assert f"nodes.csv: error: missing file {d / 'nodes.csv'}; {says}" in err, err
    assert "edges.csv" not in err


def test_a_folder_of_rosters_points_to_graphkit_import(capsys, tmp_path):
    d = tmp_path / "2024"
    d.mkdir()
    (d / "台账.xlsx").write_bytes(b"PK\x03\x04")
    rc, _, err = run(capsys, "audit", str(d))
    assert rc == 2
    assert "the folder holds '台账.xlsx': office rosters (台账)? build a dataset from them " \
           f"first with `graphkit import {d} --out DATASET_DIR`" in err, err
    rc, _, err = run(capsys, "audit", str(d), "--lang", "zh")
    assert f"请先用 `graphkit import {d} --out 数据集文件夹` 生成数据集" in err


def test_a_zip_archive_is_named(capsys, tmp_path):
    z = tmp_path / "2024.zip"
    z.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    rc, _, err = run(capsys, "validate", str(z))
    assert rc == 2 and "2024.zip: error: is a zip archive: unzip it, then pass the folder" in err
    d = tmp_path / "ds"
    d.mkdir()
    (d / "2024.zip").write_bytes(z.read_bytes())
    rc, _, err = run(capsys, "validate", str(d))
    assert rc == 2 and "the folder holds the archive '2024.zip': unzip it first" in err


def test_a_sheet_named_nodes_with_a_space_gets_a_hint(capsys, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "nodes "
    ws.append(["id", "label", "name"])
    wb.create_sheet("edges").append(["source", "target", "type"])
    wb.save(tmp_path / "book.xlsx")
    rc, _, err = run(capsys, "validate", str(tmp_path / "book.xlsx"))
    assert rc == 2 and "rename the sheet 'nodes ' to 'nodes'" in err


# --- control characters in names (Word and Excel line breaks) -------------------------------


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_convert_shows_control_characters_in_every_attribute(capsys, tmp_path, suffix):
    """A community named with \\x0b (Excel's line break in a cell): "the .graphml file would
    not parse", exit 2, where the README promises control characters are shown. The name
    reached the file unescaped through the audit's results (community_name)."""
    b = Builder()
    b.node("a1", "Area", "城\x0b中街道", kind="street")
    b.community("c1", area="a1")
    b.nodes[-1]["name"] = "东城\x0b社区\x01"
    b.unit("u1", where="c1")
    d = b.write(tmp_path / "ds")
    out = tmp_path / f"g{suffix}"
    rc, _, err = run(capsys, "convert", str(d), str(out))
    assert rc == 0, err
    text = out.read_text(encoding="utf-8")
    assert "东城␋社区␁" in text and "城␋中街道" in text and "\x0b" not in text
    from graphkit.adapters.convert import read_graph

    G = read_graph(out)
    assert G.nodes["c1"]["name"] == "东城␋社区␁"
