"""Validation rules of SPEC section 1: one test per error and per warning.

Line numbers follow the CSV file: the header is line 1, the first record line 2.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import graphkit as gk
from graphkit import vocab
from graphkit.errors import Problem, ValidationError
from tests.conftest import SIHUI, Builder

# --- helpers --------------------------------------------------------------------------


def base() -> Builder:
    """A small network that is valid and has no warnings."""
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="o-c1")
    b.unit("u1", where="c1", members=3, org="o-u1", rating=4)
    b.edge("o-u1", "o-c1", "REPORTS_TO")
    b.unit("u2", where="c1")
    b.node("p1", "Person", "张指导员", kind="instructor")
    b.edge("p1", "u2", "GUIDES")
    b.unit("u3", where="c1", kind="market")
    b.edge("o-c1", "u3", "COVERS", mode="joint")
    b.node("cp1", "Compound", "盈峰国际", kind="高层住宅")
    b.edge("cp1", "c1", "PART_OF")
    return b


def add_node(b: Builder, *args: str, **attrs: object) -> int:
    """Append a node; return its line in nodes.csv."""
    b.node(*args, **attrs)
    return len(b.nodes) + 1


def add_edge(b: Builder, *args: str, **attrs: object) -> int:
    """Append an edge; return its line in edges.csv."""
    b.edge(*args, **attrs)
    return len(b.edges) + 1


def read_errors(folder: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        gk.read_dataset(folder)
    errors = info.value.errors
    assert errors, "ValidationError without any error problem"
    assert all(p.severity == "error" for p in errors)
    return errors


@dataclass
class Expect:
    file: str
    line: int | set[int] | None
    column: str | None
    culprits: tuple[str, ...]


def assert_one(problems: list[Problem], exp: Expect, severity: str) -> Problem:
    """Exactly one problem of `severity` matches; it names the file, line, column, culprit."""
    found = [p for p in problems if p.severity == severity]
    assert len(found) == 1, "\n".join(map(str, problems))
    p = found[0]
    assert p.file == exp.file
    if isinstance(exp.line, set):
        assert p.line in exp.line
    else:
        assert p.line == exp.line
    assert p.column == exp.column
    for culprit in exp.culprits:
        assert culprit in p.message, (culprit, p.message)
    return p


# --- a valid dataset ------------------------------------------------------------------


def test_valid_dataset_has_no_problems(tmp_path: Path) -> None:
    folder = base().write(tmp_path / "ds")
    assert gk.validate_dataset(folder) == []
    ds = gk.read_dataset(folder, strict=True)
    assert len(ds.nodes) == len(base().nodes)
    assert len(ds.edges) == len(base().edges)
    assert ds.warnings == ()


def test_sihui_sample_has_no_errors() -> None:
    problems = gk.validate_dataset(SIHUI)
    assert [p for p in problems if p.severity == "error"] == []
    ds = gk.read_dataset(SIHUI)
    assert ds.counts()["Unit"] > 0
    assert ds.counts()["Community"] > 0


# --- errors ---------------------------------------------------------------------------


def _empty_id(b: Builder) -> Expect:
    return Expect("nodes.csv", add_node(b, "", "Unit", "无编号单位"), "id", ("empty id",))


def _duplicate_id(b: Builder) -> Expect:
    return Expect("nodes.csv", add_node(b, "u2", "Unit", "重复单位"), "id", ("'u2'",))


def _unknown_label(b: Builder) -> Expect:
    return Expect("nodes.csv", add_node(b, "x1", "Unitt", "某单位"), "label", ("Unitt",))


def _unknown_kind(b: Builder) -> Expect:
    line = add_node(b, "x1", "Unit", "某工厂", kind="factory")
    return Expect("nodes.csv", line, "kind", ("factory",))


def _unknown_type(b: Builder) -> Expect:
    return Expect("edges.csv", add_edge(b, "u2", "c1", "KNOWS"), "type", ("KNOWS",))


def _missing_source(b: Builder) -> Expect:
    return Expect("edges.csv", add_edge(b, "ghost", "c1", "LOCATED_IN"), "source", ("ghost",))


def _missing_target(b: Builder) -> Expect:
    return Expect("edges.csv", add_edge(b, "o-u1", "nobody", "CO_BUILDS"), "target", ("nobody",))


def _pair_not_allowed(b: Builder) -> Expect:
    line = add_edge(b, "o-u1", "c1", "LOCATED_IN")
    return Expect("edges.csv", line, "type", ("LOCATED_IN", "o-u1", "c1"))


def _covers_without_mode(b: Builder) -> Expect:
    return Expect("edges.csv", add_edge(b, "o-c1", "u2", "COVERS"), "mode", ("COVERS",))


def _covers_bad_mode(b: Builder) -> Expect:
    line = add_edge(b, "o-c1", "u2", "COVERS", mode="partial")
    return Expect("edges.csv", line, "mode", ("partial",))


def _two_located_in(b: Builder) -> Expect:
    line = add_edge(b, "u2", "a1", "LOCATED_IN")
    return Expect("edges.csv", line, "source", ("u2",))


def _orgs(b: Builder, *ids: str) -> None:
    for i in ids:
        b.node(i, "PartyOrg", f"党支部{i}", kind="branch")
        b.edge(i, "c1", "BELONGS_TO")


def _cycle_2(b: Builder) -> Expect:
    _orgs(b, "x1", "x2")
    lines = {add_edge(b, "x1", "x2", "REPORTS_TO"), add_edge(b, "x2", "x1", "REPORTS_TO")}
    return Expect("edges.csv", lines, "target", ("REPORTS_TO", "x1", "x2"))


def _cycle_3(b: Builder) -> Expect:
    _orgs(b, "x1", "x2", "x3")
    lines = {
        add_edge(b, "x1", "x2", "REPORTS_TO"),
        add_edge(b, "x2", "x3", "REPORTS_TO"),
        add_edge(b, "x3", "x1", "REPORTS_TO"),
    }
    return Expect("edges.csv", lines, "target", ("REPORTS_TO", "x1", "x2", "x3"))


def _self_loop(b: Builder) -> Expect:
    _orgs(b, "x1")
    line = add_edge(b, "x1", "x1", "REPORTS_TO")
    return Expect("edges.csv", line, "target", ("REPORTS_TO", "x1"))


ERROR_CASES: dict[str, Callable[[Builder], Expect]] = {
    "empty id": _empty_id,
    "duplicate id": _duplicate_id,
    "unknown label": _unknown_label,
    "unknown kind": _unknown_kind,
    "unknown type": _unknown_type,
    "source not a node": _missing_source,
    "target not a node": _missing_target,
    "label pair not allowed": _pair_not_allowed,
    "COVERS without mode": _covers_without_mode,
    "COVERS with a bad mode": _covers_bad_mode,
    "unit with two LOCATED_IN": _two_located_in,
    "REPORTS_TO 2-cycle": _cycle_2,
    "REPORTS_TO 3-cycle": _cycle_3,
    "REPORTS_TO self-loop": _self_loop,
}


@pytest.mark.parametrize("case", list(ERROR_CASES.values()), ids=list(ERROR_CASES))
def test_error_rule(tmp_path: Path, case: Callable[[Builder], Expect]) -> None:
    b = base()
    exp = case(b)
    errors = read_errors(b.write(tmp_path / "ds"))
    assert_one(errors, exp, "error")


@pytest.mark.parametrize("value", ["abc", "-1", "2.5", "3人"])
def test_members_must_be_integer_ge_0(tmp_path: Path, value: str) -> None:
    b = base()
    line = add_node(b, "x1", "Unit", "某企业", members=value)
    errors = read_errors(b.write(tmp_path / "ds"))
    assert_one(errors, Expect("nodes.csv", line, "members", (repr(value),)), "error")


@pytest.mark.parametrize("value", ["x", "6", "-1", "4.5"])
def test_rating_must_be_integer_0_to_5(tmp_path: Path, value: str) -> None:
    b = base()
    line = add_node(b, "x1", "PartyOrg", "某党支部", kind="branch", rating=value)
    b.edge("x1", "u2", "BELONGS_TO")
    errors = read_errors(b.write(tmp_path / "ds"))
    assert_one(errors, Expect("nodes.csv", line, "rating", (repr(value),)), "error")


@pytest.mark.parametrize("value", ["0", "5", ""])
def test_rating_bounds_are_accepted(tmp_path: Path, value: str) -> None:
    b = base()
    b.node("x1", "PartyOrg", "某党支部", kind="branch", rating=value)
    b.edge("x1", "u2", "BELONGS_TO")
    ds = gk.read_dataset(b.write(tmp_path / "ds"))
    rating = ds.nodes.set_index("id").at["x1", "rating"]
    if value:
        assert rating == int(value)
    else:  # blank: <NA> in the table, 0 for the rules (SPEC 1)
        assert rating is pd.NA


def test_covers_without_mode_column(tmp_path: Path) -> None:
    b = Builder()
    b.community("c1", core="o-c1")
    b.unit("u1", where="c1")
    line = add_edge(b, "o-c1", "u1", "COVERS")
    errors = read_errors(b.write(tmp_path / "ds"))
    assert_one(errors, Expect("edges.csv", line, "mode", ("COVERS",)), "error")


@pytest.mark.parametrize(
    ("file", "column"),
    [("nodes.csv", "id"), ("nodes.csv", "label"), ("nodes.csv", "name"),
     ("edges.csv", "source"), ("edges.csv", "target"), ("edges.csv", "type")],
)
def test_missing_required_column(tmp_path: Path, file: str, column: str) -> None:
    folder = base().write(tmp_path / "ds")
    path = folder / file
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    pos = header.index(column)
    rows = [",".join(c for i, c in enumerate(r.split(",")) if i != pos) for r in lines]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    errors = read_errors(folder)
    assert_one(errors, Expect(file, 1, column, (repr(column),)), "error")


def test_undecodable_text(tmp_path: Path) -> None:
    folder = base().write(tmp_path / "ds")
    path = folder / "nodes.csv"
    data = path.read_bytes().split(b"\n")
    data[2] = data[2] + b"\xff\xfe\x81"  # line 3
    path.write_bytes(b"\n".join(data))
    errors = read_errors(folder)
    p = assert_one(errors, Expect("nodes.csv", 3, None, ()), "error")
    assert "undecodable" in p.message or "UTF-8" in p.message


def test_errors_are_also_returned_by_validate_dataset(tmp_path: Path) -> None:
    b = base()
    line = add_node(b, "x1", "Unitt", "某单位")
    problems = gk.validate_dataset(b.write(tmp_path / "ds"))
    assert_one(problems, Expect("nodes.csv", line, "label", ("Unitt",)), "error")


# --- warnings -------------------------------------------------------------------------


def _two_own_orgs(b: Builder) -> Expect:
    b.node("o-u1b", "PartyOrg", "第二党支部", kind="branch")
    line = add_edge(b, "o-u1b", "u1", "BELONGS_TO")
    return Expect("edges.csv", line, "target", ("u1",))


def _org_without_home(b: Builder) -> Expect:
    line = add_node(b, "o-x", "PartyOrg", "无归属党支部", kind="branch")
    return Expect("nodes.csv", line, "id", ("o-x",))


def _guides_by_non_instructor(b: Builder) -> Expect:
    b.node("p2", "Person", "李党员", kind="member")
    line = add_edge(b, "p2", "u3", "GUIDES")
    return Expect("edges.csv", line, "source", ("p2",))


WARNING_CASES: dict[str, Callable[[Builder], Expect]] = {
    "unit with two own organizations": _two_own_orgs,
    "PartyOrg without BELONGS_TO": _org_without_home,
    "GUIDES from a non-instructor": _guides_by_non_instructor,
}


def _check_warning(folder: Path, exp: Expect) -> None:
    problems = gk.validate_dataset(folder)
    assert [p for p in problems if p.severity == "error"] == []
    warning = assert_one(problems, exp, "warning")
    ds = gk.read_dataset(folder)
    assert warning in ds.warnings
    assert len(ds.nodes) > 0
    with pytest.raises(ValidationError) as info:
        gk.read_dataset(folder, strict=True)
    assert warning in info.value.problems


@pytest.mark.parametrize("case", list(WARNING_CASES.values()), ids=list(WARNING_CASES))
def test_warning_rule(tmp_path: Path, case: Callable[[Builder], Expect]) -> None:
    b = base()
    exp = case(b)
    _check_warning(b.write(tmp_path / "ds"), exp)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_input_is_a_warning(tmp_path: Path, encoding: str) -> None:
    b = base()
    folder = b.write(tmp_path / "ds", encoding=encoding)
    _check_warning(folder, Expect("nodes.csv", None, None, ("GBK",)))
    ds = gk.read_dataset(folder)
    assert ds.nodes.set_index("id").at["a1", "name"] == "东城街道"


# --- kinds ----------------------------------------------------------------------------


def test_blank_kind_gets_the_label_default(tmp_path: Path) -> None:
    b = Builder()
    for label in vocab.LABELS:
        b.node(f"n-{label}", label, kind="")
    ds = gk.read_dataset(b.write(tmp_path / "ds"))
    got = dict(zip(ds.nodes["id"], ds.nodes["kind"], strict=True))
    expected = {
        f"n-{label}": (kinds[0] if kinds else "") for label, kinds in vocab.KINDS.items()
    }
    assert got == expected
    assert got["n-Unit"] == "enterprise"
    assert got["n-PartyOrg"] == "branch"
    assert got["n-Person"] == "member"


def test_compound_kind_is_free_text(tmp_path: Path) -> None:
    b = Builder()
    b.node("cp1", "Compound", "盈峰国际", kind="高层住宅 (gated)")
    b.node("cp2", "Compound", "某小区", kind="")
    ds = gk.read_dataset(b.write(tmp_path / "ds"))
    kinds = dict(zip(ds.nodes["id"], ds.nodes["kind"], strict=True))
    assert kinds == {"cp1": "高层住宅 (gated)", "cp2": ""}
    assert ds.warnings == ()
