"""The streaming JSON writer (graphkit/report/_json.py) gives the very bytes of
``orjson.dumps(result.to_dict(), OPT_INDENT_2 | OPT_APPEND_NEWLINE)`` (SPEC section 5)."""

from __future__ import annotations

import orjson
import pandas as pd
import pytest

import graphkit as gk
from graphkit.report import _json

from .conftest import Builder

_OPTS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def _same(result: gk.AuditResult) -> dict:
    streamed = b"".join(_json.chunks(result))
    assert streamed == orjson.dumps(result.to_dict(), option=_OPTS)
    return orjson.loads(streamed)


def hostile() -> Builder:
    """Names with quotes, backslashes and control characters; a joint candidate (a finding
    with a list of units); a compound without a joint meeting; a float attribute."""
    b = Builder()
    b.node("a1", "Area", '东"城\\街道', kind="street")
    b.community("c1", area="a1", core="k1")
    b.node("p1", "Compound", "小区\t一")
    b.edge("p1", "c1", "PART_OF")
    b.node("b1", "PartyOrg", "支部\x0b", kind="branch")
    b.edge("b1", "p1", "BELONGS_TO")
    for i, m in enumerate((1, 2)):
        b.node(f"u{i}", "Unit", f'单位"{i}"\n', kind="enterprise", members=m,
               score=0.5 * i if i else None)
        b.edge(f"u{i}", "c1", "LOCATED_IN")
    b.node("u9", "Unit", "业委会", kind="owners_committee")
    b.edge("u9", "p1", "LOCATED_IN")
    b.node("s1", "ServiceCenter", area_m2=12.5)
    b.edge("s1", "p1", "SERVES")
    return b


def test_sihui_with_breakdowns(sihui):
    doc = _same(gk.audit(sihui, by=["industry", "kind"]))
    assert doc["mechanisms"]["city"]["reporting_members"] == 6042
    assert doc["coverage"]["by_attribute"]["industry"]["jade"]["work"] == 1.0


@pytest.mark.parametrize("by", [None, "score"])
def test_hostile_names_and_lists(tmp_path, by):
    doc = _same(gk.audit(hostile().dataset(tmp_path / "n"), by=by))
    codes = {f["code"] for f in doc["findings"]}
    assert {"joint_candidate", "compound_without_joint_meeting"} <= codes
    assert doc["mechanisms"]["city"]["service_area_m2"] == 12.5


def test_restricted_and_empty_results(sihui, tmp_path):
    r = gk.audit(sihui, by="industry")
    doc = _same(gk.narrow(r, areas=["东城街道"]))  # no rule source: to_dict itself
    assert doc["mechanisms"]["city"]["running_circle"] == 5
    b = Builder()
    b.node("a1", "Area", kind="street")
    empty = _same(gk.audit(b.dataset(tmp_path / "e"), by="kind"))
    assert empty["mechanisms"] == {"communities": [], "city": {
        **{f: 0 for f in gk.mechanisms.FIELDS}, "linkage_rate": None}}
    assert empty["coverage"]["by_attribute"] == {"kind": {}}


def test_quote_escapes_as_orjson_does():
    """The byte scan that finds the strings to escape (control characters, quote,
    backslash) agrees with orjson on random texts, sliced and chunked arrays included."""
    import random

    import pyarrow as pa

    rng = random.Random(7)
    alphabet = ["a", "社", '"', "\\", "\n", "\t", "\x00", "\x1f", " ", "\x7f", "é", "😀", "/"]
    for _ in range(500):
        values = [None if rng.random() < 0.1 else
                  "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5)))
                  for _ in range(rng.randint(0, 20))]
        arr = pa.array(values, pa.string())
        if len(arr) > 2:
            start = rng.randint(0, len(arr) - 1)
            arr = arr.slice(start, rng.randint(0, len(arr) - start))
        arr = pa.chunked_array([arr, arr])
        want = [orjson.dumps(v).decode("utf-8") for v in arr.to_pylist()]
        assert _json._quote(arr).to_pylist() == want


@pytest.mark.parametrize(("batch", "findings_batch"), [(1, 1), (7, 3)])
def test_batches_give_the_same_bytes(sihui, monkeypatch, batch, findings_batch):
    """Units and findings written in small batches (slices of every column, lists of
    units included) give the very bytes of the whole document."""
    monkeypatch.setattr(_json, "_BATCH", batch)
    monkeypatch.setattr(_json, "_FINDINGS_BATCH", findings_batch)
    _same(gk.audit(sihui, min_branch_members=2))


@pytest.mark.parametrize(("batch", "findings_batch"), [(1, 1), (7, 2)])
def test_findings_with_lists_in_batches_give_the_same_bytes(tmp_path, monkeypatch, batch,
                                                            findings_batch):
    """Four joint candidates (findings with lists of units) across batches: each batch's
    lists are those of its findings."""
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    for c in range(5):
        b.community(f"c{c}", area="a1", core=f"k{c}")
        for i in range(c + 2):
            b.node(f"u{c}-{i}", "Unit", f"单位{c}-{i}", kind="enterprise", members=1)
            b.edge(f"u{c}-{i}", f"c{c}", "LOCATED_IN")
    monkeypatch.setattr(_json, "_BATCH", batch)
    monkeypatch.setattr(_json, "_FINDINGS_BATCH", findings_batch)
    doc = _same(gk.audit(b.dataset(tmp_path / "n")))
    lists = [f["units"] for f in doc["findings"] if f["code"] == "joint_candidate"]
    assert sorted(map(len, lists)) == [3, 4, 5, 6]  # two units are not enough


def test_findings_made_in_slices_are_the_same(sihui, monkeypatch):
    """A long code's findings made slice by slice (streamed, or put together for the
    table) are those made at once."""
    from graphkit.analysis import gaps

    table = gk.findings(sihui)
    text = b"".join(_json.chunks(gk.audit(sihui)))
    monkeypatch.setattr(gaps, "_SLICE", 5)
    assert (table["code"] == "unlinked").sum() > 10
    pd.testing.assert_frame_equal(gk.findings(sihui), table)
    assert b"".join(_json.chunks(gk.audit(sihui))) == text
    _same(gk.audit(sihui))
