"""Plans (:mod:`graphkit.rules._plans`): the analyses' named queries run again from their
SQL without building an Ibis expression — the same audit, byte for byte, on random
networks and on the sample; another context (free-text kinds, source) is another book; a plan
that does not fit its tables is built again; a second process imports no Ibis."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit as gk
from graphkit.report import to_json_bytes
from graphkit.rules import _base, _plans, _sqlcache
from graphkit.rules import engine as E

from .conftest import REPO, SIHUI, Builder
from .test_properties import networks


def _fresh(mp: pytest.MonkeyPatch, folder: str = "") -> None:
    """A state like a new process's: nothing compiled nor planned in memory, the cache on
    disk in `folder` (empty: none)."""
    mp.setenv(_sqlcache.ENVVAR, folder)
    E._SQL_CACHE.clear()
    _plans._books.clear()


def _audit(G, **options) -> bytes:
    return to_json_bytes(gk.audit(G, **options))


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.sampled_from(["all", "two_new"]), st.integers(0, 5))
def test_an_audit_from_plans_equals_the_built_one(b, scope, rating) -> None:
    with pytest.MonkeyPatch.context() as mp:
        _fresh(mp)
        built = _audit(b.graph(), scope=scope, sub_core_min_rating=rating)
        book = _base.tables_of(gk.Dataset.from_networkx(b.graph())).book
        assert book is not None and len(book) >= 20  # every named query has its plan ...
        calls: list[object] = []
        mp.setattr(E, "_template", lambda *a: calls.append(a))
        planned = _audit(b.graph(), scope=scope, sub_core_min_rating=rating)
        assert calls == []  # ... and a new network of the same context built none
        assert planned == built


def _orgs_in_order(first: str, second: str) -> Builder:
    """One community with two PartyOrgs BELONGS_TO it, the `first` kind listed first: the
    core is the committee whatever the order, but the kinds' codes are swapped."""
    b = Builder()
    a = b.node("a0", "Area", kind="street")
    c = b.node("c0", "Community")
    b.edge(c, a, "PART_OF")
    for i, kind in enumerate((first, second)):
        o = b.node(f"o{i}", "PartyOrg", kind=kind, rating=3)
        b.edge(o, c, "BELONGS_TO")
    u = b.unit("u0", c, kind="enterprise", members=4)
    b.edge(b.node("o9", "PartyOrg", rating=2), u, "BELONGS_TO")
    return b


def test_vocabulary_kinds_have_fixed_codes(monkeypatch) -> None:
    """The rules compare kinds as codes: the vocabulary's kinds have the same codes in
    every network, so a network whose kinds come in another order runs the other's plans
    (one book) and still picks the committee as the core, not the branch."""
    _fresh(monkeypatch)
    one = _orgs_in_order("committee", "branch")
    other = _orgs_in_order("branch", "committee")
    _fresh(monkeypatch)
    alone = _audit(other.graph())
    _fresh(monkeypatch)
    _audit(one.graph())  # plans for the first order of kinds ...
    calls: list[object] = []
    monkeypatch.setattr(E, "_template", lambda *a: calls.append(a))
    after = _audit(other.graph())
    assert calls == []  # ... run for the second, none built
    assert after == alone
    cores = gk.audit(other.graph()).circles
    assert set(cores["core"]) == {"o1"}
    t_one, t_other = (_base.tables_of(gk.Dataset.from_networkx(x.graph()))
                      for x in (one, other))
    assert t_one.book is t_other.book
    assert t_one.kinds == t_other.kinds == _base.VOCABULARY_KINDS
    assert t_one.kind("committee") == t_other.kind("committee")


def test_free_text_kinds_are_part_of_the_context(monkeypatch) -> None:
    """A compound's kind is free text: coded after the vocabulary's, in the network's
    order, so networks with other free-text kinds get other books."""
    _fresh(monkeypatch)
    books = []
    for kinds in (("tower", "villa"), ("villa", "tower")):
        b = _orgs_in_order("committee", "branch")
        for i, kind in enumerate(kinds):
            b.edge(b.node(f"p{i}", "Compound", kind=kind), "c0", "PART_OF")
        t = _base.tables_of(gk.Dataset.from_networkx(b.graph()))
        assert t.kinds == (*_base.VOCABULARY_KINDS, *kinds)
        assert t.kind(kinds[0]) == len(_base.VOCABULARY_KINDS)
        books.append(t.book)
    assert books[0] is not books[1]


def test_the_source_is_part_of_the_context(monkeypatch) -> None:
    _fresh(monkeypatch)
    t = _base.tables_of(gk.read_dataset(SIHUI))
    before = _plans.book_of(t).key
    monkeypatch.setattr(_plans, "source_digest", lambda: "a changed rule")
    assert _plans.book_of(t).key != before


def test_a_plan_that_does_not_fit_is_built_again(monkeypatch) -> None:
    _fresh(monkeypatch)
    built = _audit(gk.read_dataset(SIHUI))
    book = _base.tables_of(gk.read_dataset(SIHUI)).book
    for plan in book._plans.values():  # every plan reads a table that is not there
        plan["sql"] = plan["sql"].replace("gk_placeholder_0_", "gk_no_such_table")
    assert _audit(gk.read_dataset(SIHUI)) == built


def test_a_second_process_imports_no_ibis(tmp_path) -> None:
    code = ("import sys, graphkit as gk\n"
            "from graphkit.report import to_json_bytes\n"
            "sys.stdout.buffer.write(to_json_bytes(gk.audit(gk.read_dataset(sys.argv[1]))))\n"
            "sys.stderr.write('ibis' + str('ibis' in sys.modules))\n")
    env = {**os.environ, _sqlcache.ENVVAR: str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code, str(SIHUI)], cwd=REPO, env=env,
                           capture_output=True, check=True) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr.decode().endswith("ibisTrue")
    assert runs[1].stderr.decode().endswith("ibisFalse")


def test_keys_and_references_round_trip() -> None:
    for value in ("nodes", ("memo", "cores"), ("query", ("gaps", "uncovered",
                  frozenset({"organ", "soe"}), 3)), ("property", "size", "int64"),
                  ("mechanisms_whole", (1, 5, 9)), ("x", None, True, 2.5)):
        assert _plans.decode(_plans.encode(value)) == value
    with pytest.raises(TypeError):
        _plans.encode(("memo", object()))


@pytest.mark.parametrize("column", [
    pa.array([1, None], pa.int8()), pa.array([1, 2], pa.int32()), pa.array([2.5, None]),
    pa.array([True, None]), pa.array(["社区", None]),
    pa.array([datetime.time(1, 2), None], pa.time64("ns")),
    pa.array([datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC), None],
             pa.timestamp("ns", tz="UTC")),
], ids=lambda a: str(a.type))
def test_a_table_is_loaded_as_ibis_would_load_it(column) -> None:
    """DuckDB's own load of the coded tables (no Ibis) gives the columns Ibis's
    ``create_table`` gives; a type where the two would differ goes through Ibis."""
    e = E.DuckDBEngine(threads=1)
    table = pa.table({"v": column})
    ours = e.table(e.load_table(table))
    with E._quiet():  # Ibis calls DuckDB's deprecated fetch_arrow_table
        theirs = e.con.create_table("reference", table, temp=True)
    assert ours.schema() == theirs.schema()
    assert e.fetch(ours).equals(e.fetch(theirs))
