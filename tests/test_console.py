"""What the command line may print (graphkit.cli._console) and how it reads its options:
passwords never shown, Person ids never shown under --pseudonymize, each warning once,
bad URIs and thresholds usage errors (exit 2), Ctrl-C at start-up exit 130 (issue 16)."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphkit.adapters._uri import parse_store_uri
from graphkit.cli import main
from graphkit.cli._console import console, scrub, secrets_of
from graphkit.errors import UsageError
from tests.conftest import SIHUI, Builder, sigint_as_from_a_terminal

GRAPHKIT = Path(sys.executable).parent / "graphkit"
SECRET = "Pw-s3cret-Zq"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return rc, out, err


# --- passwords ----------------------------------------------------------------------------
def test_scrub_masks_uri_passwords_and_registered_secrets():
    assert scrub("at bolt://neo4j:pw@db:7687 and neo4j+s://u:x%40y@h") == (
        "at bolt://neo4j:***@db:7687 and neo4j+s://u:***@h")
    assert scrub(f"the password {SECRET} again", {SECRET}) == "the password *** again"
    assert scrub("0 error(s)", {"0"}) == "0 error(s)"  # too short to mask everywhere


def test_secrets_come_from_options_environment_and_uris():
    found = secrets_of(["load", "x", "--neo4j", "bolt://u:a%2Fb@h", "--password", "opt-pw"],
                       {"NEO4J_PASSWORD": "env-pw", "NEO4J_URI": "neo4j://u:uri-pw@h"})
    assert found >= {"a%2Fb", "a/b", "opt-pw", "env-pw", "uri-pw"}


@pytest.mark.parametrize("argv", [
    ["audit", f"bolt://neo4j:{SECRET}@127.0.0.1:1", "--timeout", "0.5"],
    ["load", str(SIHUI), "--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:1", "--timeout", "0.5"],
    ["export", "--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:1", "OUT", "--timeout", "0.5"],
    ["load", str(SIHUI), "--neo4j", f"bolt://neo4j:{SECRET}@127.0.0.1:99999"],
    ["export", "--neo4j", f"neo4j://neo4j:{SECRET}@:7687", "OUT"],
    ["audit", f"bolt://neo4j:{SECRET}@127.0.0.1:1", "--timeout", f"x{SECRET}"],
])
def test_a_password_in_a_uri_is_never_printed(capsys, tmp_path, argv):
    """It was printed twice by audit, load and export (the driver's message quoted the
    URI)."""
    argv = [str(tmp_path / "out") if a == "OUT" else a for a in argv]
    rc, out, err = run(capsys, *argv)
    assert rc in (2, 3), err
    assert SECRET not in out + err
    assert err.strip()


def test_a_password_in_the_environment_or_an_option_is_never_printed(capsys, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)
    monkeypatch.setenv("NEO4J_URI", f"bolt://u:{SECRET}x@127.0.0.1:1")
    for argv in (["load", str(SIHUI), "--timeout", "0.5"],
                 ["load", str(SIHUI), "--timeout", "0.5", "--password", SECRET + "y"]):
        rc, out, err = run(capsys, *argv)
        assert rc == 3
        assert SECRET not in out + err and "cannot reach Neo4j at bolt://127.0.0.1:1" in err


def test_uri_credentials_are_taken_out_of_the_uri():
    a = parse_store_uri(f"bolt://neo4j:{SECRET}@127.0.0.1:7687")
    assert (a.uri, a.user, a.password) == ("bolt://127.0.0.1:7687", "neo4j", SECRET)


@pytest.mark.parametrize("uri", ["bolt://", "bolt://127.0.0.1:abc", "bolt://127.0.0.1:99999",
                                 "neo4j://:7687", "bolt://h:0", "bolt://h:-5"])
def test_a_malformed_uri_is_a_usage_error_not_an_unreachable_server(capsys, uri):
    with pytest.raises(UsageError, match="invalid Neo4j URI"):
        parse_store_uri(uri)
    rc, _, err = run(capsys, "audit", uri)
    assert rc == 2, err
    assert "invalid Neo4j URI" in err and "cannot reach" not in err


# --- thresholds and other numbers ---------------------------------------------------------
@pytest.mark.parametrize("opt", ["--fail-under-work", "--fail-under-org"])
@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "-inf", "1.5", "-0.1", "abc",
                                   ""])
def test_a_threshold_that_is_not_a_rate_is_refused(capsys, opt, value):
    """NaN passed click.FloatRange, and a NaN gate never fails (every comparison is
    false)."""
    rc, _, err = run(capsys, "audit", str(SIHUI), opt, value)
    assert rc == 2, err
    assert "Invalid value" in err


def test_minus_zero_is_zero(capsys):
    rc, _, _ = run(capsys, "audit", str(SIHUI), "--format", "json", "--fail-under-work", "-0")
    assert rc == 0


@pytest.mark.parametrize("opt", ["--timeout", "--retry-time"])
def test_timeouts_must_be_finite(capsys, opt):
    rc, _, err = run(capsys, "audit", "bolt://127.0.0.1:1", opt, "nan")
    assert rc == 2 and "finite" in err


# --- Person ids and warnings ----------------------------------------------------------------
PERSON = "person-id-zhang-77"


def _person_net(folder: Path) -> Path:
    b = Builder()
    b.community("c1", core="core")
    b.unit("u1", "c1")
    b.node(PERSON, "Person", "张三", kind="instructor")
    b.edge(PERSON, "u1", "GUIDES")
    b.edge(PERSON, "u1", "GUIDES")        # a warning naming the Person
    return b.write(folder)


@pytest.mark.parametrize("cmd", [["audit", "{d}", "--format", "json"],
                                 ["convert", "{d}", "{t}/g.graphml"],
                                 ["measures", "{d}", "--format", "json"]])
def test_each_warning_is_printed_once_and_person_ids_stay_hidden(capsys, tmp_path, cmd):
    """The reader logged its warnings before pseudonymization and, with no logging handler,
    Python printed them: every warning twice, the first with the real Person id."""
    d = _person_net(tmp_path / "d")
    assert main(["keygen", str(tmp_path / "k")]) == 0
    argv = [c.format(d=d, t=tmp_path) for c in cmd] + ["--lang", "en"]
    if cmd[0] != "measures":
        argv += ["--pseudonymize", str(tmp_path / "k")]
    rc, _, err = run(capsys, *argv)
    assert rc == 0, err
    assert err.count("duplicate GUIDES edge") == 1, err
    if cmd[0] != "measures":
        assert PERSON not in err


def test_an_invalid_dataset_under_pseudonymize_hides_the_ids(capsys, tmp_path):
    d = _person_net(tmp_path / "d")
    (d / "edges.csv").write_text((d / "edges.csv").read_text(encoding="utf-8")
                                 + f"{PERSON},nowhere,GUIDES\n", encoding="utf-8")
    assert main(["keygen", str(tmp_path / "k")]) == 0
    rc, _, err = run(capsys, "audit", str(d), "--pseudonymize", str(tmp_path / "k"))
    assert rc == 2
    assert PERSON not in err and "edges.csv:5" in err and "pseudonyms" in err


def test_log_records_other_than_problems_still_reach_stderr(capsys):
    with console.session(()):
        logging.getLogger("graphkit.store").warning("retrying bolt://u:%s@h", SECRET)
    err = capsys.readouterr().err
    assert "warning: retrying bolt://u:***@h" in err and SECRET not in err


# --- Ctrl-C while graphkit is being imported ---------------------------------------------
def _interrupt_during_imports() -> tuple[int, str]:
    proc = subprocess.Popen([str(GRAPHKIT), "validate", str(SIHUI)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=sigint_as_from_a_terminal)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if "/numpy/" in Path(f"/proc/{proc.pid}/maps").read_text():
                break
        except OSError:
            pass
        time.sleep(0.001)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


def test_ctrl_c_during_start_up_is_aborted_without_a_traceback():
    """Before graphkit.cli.main runs (importing NumPy, pandas, NetworkX and matplotlib
    takes most of a second), a Ctrl-C printed a KeyboardInterrupt traceback. The signal is
    sent once NumPy is being loaded into the process (its shared libraries appear in
    /proc/PID/maps). On a loaded machine the poll may see that late, after the command
    finished (exit 0): then it is tried again."""
    if not Path("/proc/self/maps").exists():
        pytest.skip("needs /proc (Linux) to see the start-up under way")
    codes = []
    for _ in range(5):
        rc, err = _interrupt_during_imports()
        assert "Traceback" not in err, err
        codes.append(rc)
        if rc == 130:
            assert "aborted" in err
            break
    assert codes[-1] == 130, codes


def test_json_goes_to_a_text_only_standard_output_as_it_goes_to_a_file(tmp_path):
    """A notebook's or an ``io.StringIO`` standard output has no byte buffer: the streamed
    JSON (pieces that are views of Arrow buffers) is written to it as UTF-8 text, the same
    document ``--out`` writes."""
    import contextlib
    import io

    out = tmp_path / "audit.json"
    assert main(["audit", str(SIHUI), "--format", "json", "--out", str(out)]) == 0
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        assert main(["audit", str(SIHUI), "--format", "json"]) == 0
    assert text.getvalue() == out.read_text(encoding="utf-8")
