"""The command line (SPEC section 5): exit codes, report formats, --out, thresholds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import graphkit as gk
from graphkit import vocab
from graphkit.cli import main
from tests.conftest import SIHUI, Builder

GRAPHKIT = Path(sys.executable).parent / "graphkit"
RATE_KEYS = {"units", "own", "organization", "work"}

# --- datasets -------------------------------------------------------------------------


def gap_network() -> Builder:
    """Five units, one of each status: own 1/5, organization 3/5, work 4/5."""
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="o-c1")
    b.unit("u1", where="c1", kind="enterprise", members=5, org="o-u1")
    b.unit("u2", where="c1", kind="market", members=1)  # gap
    b.unit("u3", where="c1", kind="organ")
    b.node("p1", "Person", "张指导员", kind="instructor")
    b.edge("p1", "u3", "GUIDES")
    b.unit("u4", where="c1", kind="social_org")
    b.edge("o-c1", "u4", "COVERS", mode="joint")
    b.unit("u5", where="c1", kind="institution")
    b.edge("o-c1", "u5", "COVERS", mode="affiliated")
    return b


@pytest.fixture
def gap(tmp_path: Path) -> Path:
    return gap_network().write(tmp_path / "gap")


@pytest.fixture
def invalid(tmp_path: Path) -> Path:
    b = gap_network()
    b.node("x1", "Bogus", "怪节点")  # nodes.csv line len(nodes) + 1
    return b.write(tmp_path / "invalid")


INVALID_LINE = len(gap_network().nodes) + 2


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def sihui_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("report") / "sihui.json"
    assert main(["audit", str(SIHUI), "--format", "json", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text
    return json.loads(text)


# --- validate -------------------------------------------------------------------------


def test_validate_valid(capsys: pytest.CaptureFixture[str], gap: Path) -> None:
    code, out, err = run(capsys, "validate", gap)
    assert code == 0
    assert "nodes.csv" not in out + err
    assert "edges.csv" not in out + err


def test_validate_invalid(capsys: pytest.CaptureFixture[str], invalid: Path) -> None:
    code, out, err = run(capsys, "validate", invalid)
    assert code == 2
    line = next(ln for ln in err.splitlines() if "Bogus" in ln)
    assert "nodes.csv" in line
    assert re.search(rf"\b{INVALID_LINE}\b", line), line
    assert "Bogus" not in out


def test_validate_reports_warnings_but_succeeds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    b = gap_network()
    b.node("o-x", "PartyOrg", "无归属党支部", kind="branch")
    code, out, err = run(capsys, "validate", b.write(tmp_path / "ds"))
    assert code == 0
    assert "o-x" in out + err


@pytest.mark.parametrize("command", ["validate", "audit"])
def test_nonexistent_dataset(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             command: str) -> None:
    missing = tmp_path / "no-such-dataset"
    code, out, err = run(capsys, command, missing)
    assert code == 2
    assert "no-such-dataset" in err
    assert out == ""


# --- audit formats --------------------------------------------------------------------


@pytest.mark.usefixtures("chinese_test")  # the report in its default language
def test_audit_table_on_sihui(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", SIHUI)
    assert code == 0
    assert "党的组织覆盖和工作覆盖" in out
    assert "一核双圈" in out
    assert "四会市城区基层党建网络" in out


def _is_rate(x: object) -> bool:
    return x is None or (isinstance(x, float) and 0.0 <= x <= 1.0)


def _check_rate_block(block: dict[str, Any]) -> None:
    assert set(block) >= RATE_KEYS
    assert isinstance(block["units"], int) and not isinstance(block["units"], bool)
    assert block["units"] > 0
    for k in ("own", "organization", "work"):
        assert isinstance(block[k], float), (k, block[k])
        assert 0.0 <= block[k] <= 1.0
    assert block["own"] <= block["organization"] <= block["work"]


def test_audit_json_shape(sihui_json: dict[str, Any], sihui: gk.Dataset) -> None:
    doc = sihui_json
    assert doc["schema"] == 1
    assert {"schema", "dataset", "coverage", "circles", "findings"} <= set(doc)

    d = doc["dataset"]
    assert d["name"] == sihui.name
    assert d["snapshot"] == "2020-09-30"
    assert d["nodes"] == len(sihui.nodes)
    assert d["edges"] == len(sihui.edges)
    assert d["counts"] == sihui.counts()
    assert set(d["counts"]) == set(vocab.LABELS)

    cov = doc["coverage"]
    assert cov["scope"] == "all"
    assert set(cov["rates"]) >= {"own", "organization", "work"}
    assert all(isinstance(v, float) for v in cov["rates"].values())
    for kind, block in cov["by_kind"].items():
        assert kind in vocab.KINDS["Unit"]
        _check_rate_block(block)
    _check_rate_block(cov["two_new"])
    communities = set(sihui.nodes.loc[sihui.nodes["label"] == "Community", "id"])
    areas = set(sihui.nodes.loc[sihui.nodes["label"] == "Area", "id"])
    assert cov["by_community"] and set(cov["by_community"]) <= communities
    assert cov["by_area"] and set(cov["by_area"]) <= areas
    for block in [*cov["by_community"].values(), *cov["by_area"].values()]:
        _check_rate_block(block)

    units = cov["units"]
    assert len(units) == sihui.counts()["Unit"]
    assert sum(b["units"] for b in cov["by_kind"].values()) == len(units)
    for u in units:
        assert {"id", "name", "kind", "community", "area", "members", "status"} <= set(u)
        assert isinstance(u["id"], str) and isinstance(u["name"], str)
        assert u["kind"] in vocab.KINDS["Unit"]
        assert u["community"] is None or u["community"] in communities
        assert u["area"] is None or u["area"] in areas
        assert isinstance(u["members"], int) and u["members"] >= 0
        assert u["status"] in vocab.COVERAGE_STATUSES
    statuses = [u["status"] for u in units]
    work = sum(s != "none" for s in statuses) / len(units)
    org = sum(s in ("own", "joint", "affiliated") for s in statuses) / len(units)
    own = statuses.count("own") / len(units)
    assert cov["rates"]["work"] == pytest.approx(work)
    assert cov["rates"]["organization"] == pytest.approx(org)
    assert cov["rates"]["own"] == pytest.approx(own)


def test_audit_json_circles_and_findings(sihui_json: dict[str, Any], sihui: gk.Dataset) -> None:
    circles = sihui_json["circles"]
    communities = set(sihui.nodes.loc[sihui.nodes["label"] == "Community", "id"])
    assert {c["community"] for c in circles} == communities
    for c in circles:
        keys = {"community", "core", "status", "sub_core", "pan_core", "unlinked", "external",
                "linkage_rate"}
        assert keys <= set(c)
        assert c["status"] in ("ok", "no_core")
        assert (c["core"] is None) == (c["status"] == "no_core")
        for k in ("sub_core", "pan_core", "unlinked", "external"):
            assert isinstance(c[k], list)
            assert all(isinstance(i, str) for i in c[k])
            assert c[k] == sorted(c[k]), (c["community"], k)
        assert _is_rate(c["linkage_rate"])
        if c["status"] == "ok":
            assert isinstance(c["linkage_rate"], float)
    assert any(c["status"] == "ok" and c["sub_core"] for c in circles)

    findings = sihui_json["findings"]
    assert findings
    for f in findings:
        assert {"code", "subject", "message"} <= set(f)
        assert all(isinstance(f[k], str) and f[k] for k in ("code", "subject", "message"))
        if "units" in f:
            assert f["units"] == sorted(f["units"])
    gaps = {u["id"] for u in sihui_json["coverage"]["units"] if u["status"] == "none"}
    uncovered = {f["subject"] for f in findings if f["code"] == "uncovered"}
    assert uncovered == gaps


def test_audit_json_small(capsys: pytest.CaptureFixture[str], gap: Path) -> None:
    code, out, _ = run(capsys, "audit", gap, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["dataset"]["name"] == "gap"
    assert doc["dataset"]["snapshot"] is None
    assert doc["coverage"]["rates"] == {"own": 0.2, "organization": 0.6, "work": 0.8}
    status = {u["id"]: u["status"] for u in doc["coverage"]["units"]}
    assert status == {"u1": "own", "u2": "none", "u3": "instructor", "u4": "joint",
                      "u5": "affiliated"}
    u2 = next(u for u in doc["coverage"]["units"] if u["id"] == "u2")
    assert u2 == {**u2, "community": "c1", "area": "a1", "members": 1, "kind": "market"}
    assert doc["coverage"]["by_area"]["a1"]["units"] == 5
    assert doc["coverage"]["two_new"]["units"] == 3
    assert doc["coverage"]["by_kind"]["organ"] == {
        "units": 1, "own": 0.0, "organization": 0.0, "work": 1.0}


def test_audit_scope_two_new(capsys: pytest.CaptureFixture[str], gap: Path) -> None:
    code, out, _ = run(capsys, "audit", gap, "--format", "json", "--scope", "two_new")
    assert code == 0
    cov = json.loads(out)["coverage"]
    assert cov["scope"] == "two_new"
    assert sorted(u["id"] for u in cov["units"]) == ["u1", "u2", "u4"]
    assert {u["kind"] for u in cov["units"]} <= vocab.TWO_NEW_KINDS
    assert cov["rates"]["work"] == pytest.approx(2 / 3)
    assert set(cov["by_kind"]) == {"enterprise", "market", "social_org"}


def test_audit_scope_two_new_on_sihui(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", SIHUI, "--format", "json", "--scope", "two_new")
    assert code == 0
    units = json.loads(out)["coverage"]["units"]
    assert units
    assert {u["kind"] for u in units} <= {"enterprise", "social_org", "market"}


@pytest.mark.usefixtures("chinese_test")  # the report in its default language
def test_audit_markdown(capsys: pytest.CaptureFixture[str], gap: Path) -> None:
    code, out, _ = run(capsys, "audit", gap, "--format", "markdown")
    assert code == 0
    assert out.startswith("# ")
    assert re.search(r"^## .*党的组织覆盖和工作覆盖", out, re.M)
    assert re.search(r"^## .*一核双圈", out, re.M)
    assert re.search(r"^\|.*\|$", out, re.M)
    assert "名称u2" in out


def test_audit_html_is_self_contained(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    b = gap_network()
    b.nodes[[n["id"] for n in b.nodes].index("u2")]["name"] = "A&B<script>x</script>"
    code, out, _ = run(capsys, "audit", b.write(tmp_path / "ds"), "--format", "html")
    assert code == 0
    assert out.lstrip().lower().startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in out.lower()
    assert out.rstrip().lower().endswith("</html>")
    assert out.lower().count("<html") == 1
    # nothing external: the only sources are inline data: URIs and links within the page
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:|#)", out, re.I)
    assert "<script>x</script>" not in out
    assert "A&amp;B&lt;script&gt;" in out
    assert "党的组织覆盖和工作覆盖" in out


# --- --out ----------------------------------------------------------------------------


def test_out_writes_the_file_and_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], gap: Path, tmp_path: Path
) -> None:
    target = tmp_path / "reports" / "audit.json"
    code, out, _ = run(capsys, "audit", gap, "--format", "json", "--out", target)
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == 1


@pytest.mark.parametrize("name", ["nodes.csv", "edges.csv", "../gap/nodes.csv"])
def test_out_refuses_to_overwrite_an_input(
    capsys: pytest.CaptureFixture[str], gap: Path, name: str
) -> None:
    target = gap / name
    before = target.read_bytes()
    code, out, err = run(capsys, "audit", gap, "--out", target)
    assert code == 2
    assert err.strip()
    assert out == ""
    assert target.read_bytes() == before
    assert gk.read_dataset(gap).nodes["id"].tolist()[:2] == ["a1", "c1"]


def test_out_refuses_to_overwrite_an_xlsx_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "nodes"
    ws.append(["id", "label", "name"])
    ws.append(["c1", "Community", "沙田园社区"])
    wb.create_sheet("edges").append(["source", "target", "type"])
    book = tmp_path / "net.xlsx"
    wb.save(book)
    before = book.read_bytes()
    code, out, err = run(capsys, "audit", book, "--format", "json", "--out", book)
    assert code == 2
    assert err.strip()
    assert out == ""
    assert book.read_bytes() == before
    code, out, _ = run(capsys, "audit", book, "--format", "json")
    assert code == 0
    assert json.loads(out)["dataset"]["counts"]["Community"] == 1


def test_invalid_dataset_with_out_writes_nothing(
    capsys: pytest.CaptureFixture[str], invalid: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    code, out, err = run(capsys, "audit", invalid, "--format", "html", "--out", target)
    assert code == 2
    assert "Bogus" in err and "nodes.csv" in err
    assert not target.exists()
    assert out == ""


# --- thresholds -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "rate", "expected"),
    [
        ("--fail-under-work", "1.0", 1),
        ("--fail-under-work", "0.81", 1),
        ("--fail-under-work", "0.8", 0),
        ("--fail-under-work", "0", 0),
        ("--fail-under-org", "1", 1),
        ("--fail-under-org", "0.61", 1),
        ("--fail-under-org", "0.6", 0),
        ("--fail-under-org", "0", 0),
    ],
)
def test_thresholds(capsys: pytest.CaptureFixture[str], gap: Path, tmp_path: Path,
                    option: str, rate: str, expected: int) -> None:
    target = tmp_path / "r.json"
    code, out, _ = run(capsys, "audit", gap, "--format", "json", "--out", target, option, rate)
    assert code == expected
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["coverage"]["rates"]["work"] == 0.8


def test_threshold_failure_still_prints_the_report(
    capsys: pytest.CaptureFixture[str], gap: Path
) -> None:
    code, out, err = run(capsys, "audit", gap, "--format", "json", "--fail-under-work", "1")
    assert code == 1
    assert json.loads(out)["coverage"]["rates"]["work"] == 0.8
    assert err.strip()


@pytest.mark.parametrize("option", ["--fail-under-work", "--fail-under-org"])
def test_threshold_with_no_unit_in_scope(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         option: str) -> None:
    b = Builder()
    b.community("c1", core="o-c1")
    b.unit("u1", where="c1", kind="organ", org="o-u1")
    folder = b.write(tmp_path / "ds")
    code, out, _ = run(capsys, "audit", folder, "--format", "json", "--scope", "two_new",
                       option, "0")
    assert code == 1
    doc = json.loads(out)
    assert doc["coverage"]["units"] == []
    assert doc["coverage"]["rates"] == {"own": None, "organization": None, "work": None}
    code, _, _ = run(capsys, "audit", folder, "--format", "json", "--scope", "two_new")
    assert code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "xx"],
        ["--fail-under-work", "2"],
        ["--fail-under-org", "-0.1"],
        ["--fail-under-work", "most"],
        ["--scope", "everything"],
    ],
    ids=["format", "work>1", "org<0", "work-text", "scope"],
)
def test_bad_option_value(capsys: pytest.CaptureFixture[str], gap: Path,
                          args: list[str]) -> None:
    code, out, err = run(capsys, "audit", gap, *args)
    assert code == 2
    assert args[0] in err or args[1] in err
    assert "一核双圈" not in out


# --- the installed console script -----------------------------------------------------


def _script(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(GRAPHKIT), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=False)


def test_console_script_exit_codes(gap: Path, invalid: Path) -> None:
    assert GRAPHKIT.exists(), GRAPHKIT
    ok = _script("audit", gap, "--format", "json", "--fail-under-work", "0.5")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["schema"] == 1
    low = _script("audit", gap, "--format", "json", "--fail-under-work", "0.9")
    assert low.returncode == 1
    bad = _script("validate", invalid)
    assert bad.returncode == 2
    assert "Bogus" in bad.stderr and "nodes.csv" in bad.stderr


def test_validation_messages_are_chinese_by_default_with_a_suggestion(tmp_path, capsys,
                                                                      monkeypatch):
    """Without --lang (and without GRAPHKIT_LANG) messages are Chinese, and a value that is
    close to a vocabulary word gets a "did you mean" — never accepted for it."""
    monkeypatch.delenv("GRAPHKIT_LANG", raising=False)
    b = Builder()
    b.node("c1", "Community")
    b.node("u1", "unit", "某厂")
    folder = b.write(tmp_path / "d")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "nodes.csv:3 [label]: 错误:" in err and "是否应为 'Unit'" in err
    assert main(["validate", str(folder), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "nodes.csv:3 [label]: error: unknown label 'unit'" in err
    assert "did you mean 'Unit'?" in err


def test_an_unexpected_failure_is_one_line_exit_2_never_a_traceback(monkeypatch, capsys):
    from graphkit import report

    def broken(*args, **kwargs):
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(report, "render", broken)  # the command imports it when it renders
    monkeypatch.delenv("GRAPHKIT_DEBUG", raising=False)
    assert main(["audit", str(SIHUI), "--format", "markdown"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "renderer exploded" in err and "bug" in err


def test_duckdb_out_of_memory_is_said_as_memory_exit_2(monkeypatch, capsys):
    import duckdb

    from graphkit.cli import _auditing

    con = duckdb.connect()
    con.execute("SET memory_limit = '1MB'")
    with pytest.raises(duckdb.OutOfMemoryException) as info:
        con.sql("SELECT count(DISTINCT range) FROM range(300000)").fetchall()
    real = info.value  # DuckDB's own error, as a query that needs more than the RAM raises it

    def full(*args, **kwargs):
        raise real

    monkeypatch.setattr(_auditing, "run_audit", full)
    monkeypatch.delenv("GRAPHKIT_DEBUG", raising=False)
    assert main(["--lang", "en", "audit", str(SIHUI)]) == 2
    err = capsys.readouterr().err
    assert "not enough memory for this dataset on this machine" in err
    assert "Traceback" not in err and "bug" not in err


def test_parquet_output_holds_what_the_json_document_holds(tmp_path, capsys):
    import pyarrow.parquet as pq

    out = tmp_path / "pq"
    assert main(["audit", str(SIHUI), "--format", "parquet", "--out", str(out)]) == 0
    assert main(["audit", str(SIHUI), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    units = pq.read_table(out / "units.parquet").to_pylist()
    assert units == doc["coverage"]["units"]
    circles = pq.read_table(out / "circles.parquet").to_pylist()
    assert [{k: c[k] for k in circles[0]} for c in doc["circles"]] == circles
    found = pq.read_table(out / "findings.parquet").to_pylist()
    assert [f["subject"] for f in found] == [f["subject"] for f in doc["findings"]]
    assert [f["message"] for f in found] == [f["message"] for f in doc["findings"]]
    rates = {(r["group"], r["key"]): r for r in pq.read_table(out / "rates.parquet").to_pylist()}
    assert rates[("area", "area-dc")]["work"] == doc["coverage"]["by_area"]["area-dc"]["work"]
    assert rates[("all", "all")]["units"] == doc["coverage"]["units_in_scope"]
    assert json.loads((out / "audit.json").read_text())["dataset"] == doc["dataset"]
    assert main(["audit", str(SIHUI), "--format", "parquet"]) == 2   # needs --out


def test_a_parquet_table_that_fails_while_encoded_beside_leaves_no_file(tmp_path, monkeypatch):
    """The tables are encoded in a thread while the next one is made: an error there
    (here a full memory pool in Arrow's writer) still reaches the command, and the folder
    gets no file."""
    import pyarrow as pa

    from graphkit.report import _parquet

    real = _parquet._bytes

    def encode(table):
        if "linkage_rate" in table.column_names:  # the circles, the third table
            raise pa.ArrowMemoryError("malloc of size 4096 failed")
        return real(table)

    monkeypatch.setattr(_parquet, "_bytes", encode)
    out = tmp_path / "pq"
    with pytest.raises(pa.ArrowMemoryError):
        _parquet.write_parquet(gk.audit(gk.read_dataset(SIHUI)), out)
    assert list(out.iterdir()) == []
