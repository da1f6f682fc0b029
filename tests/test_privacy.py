"""Members' personal data (issue: hardening): no Person attribute but id and kind in any
report, export, graph file or message by default; keyed pseudonyms on request."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

import graphkit as gk
from graphkit.cli import main
from graphkit.privacy import pseudonym, pseudonymize, read_key, redact_people
from tests.conftest import Builder

KEY = b"0123456789abcdef-test-key"
#: Personal values planted in the dataset; none may reach an output.
NAMES = ("张三丰", "李四光")
PHONES = ("13800138000", "13912345678")
ID_CARDS = ("44010119900101123X", "440101198512124321")
SECRETS = (*NAMES, *PHONES, *ID_CARDS)
#: Person ids (shown by default; replaced under --pseudonymize).
PERSON_IDS = ("person-zsf-0001", "person-lsg-0002")


def people_network() -> Builder:
    b = Builder()
    b.node("a1", "Area", "东城街道", kind="street")
    b.community("c1", area="a1", core="o-c1")
    b.unit("u1", where="c1", kind="enterprise", members=5, org="o-u1")
    b.unit("u2", where="c1", kind="market", members=0)
    b.unit("u3", where="c1", kind="organ")
    zsf, lsg = PERSON_IDS
    b.node(zsf, "Person", NAMES[0], kind="instructor", phone=PHONES[0], id_card=ID_CARDS[0])
    b.node(lsg, "Person", NAMES[1], kind="member", phone=PHONES[1], id_card=ID_CARDS[1])
    b.edge(zsf, "u3", "GUIDES")
    b.edge(lsg, "u2", "GUIDES")          # a member, not an instructor: a warning naming lsg
    b.edge(lsg, "o-u1", "MEMBER_OF", since="2019-07-01")
    b.edge(zsf, "c1", "REGISTERED_AT")
    b.edge(lsg, "c1", "REGISTERED_AT", since="2020-01-01")  # counted by the scorecard
    return b


@pytest.fixture
def folder(tmp_path) -> Path:
    return people_network().write(tmp_path / "net")


@pytest.fixture
def keyfile(tmp_path) -> Path:
    path = tmp_path / "graphkit.key"
    assert main(["keygen", str(path)]) == 0
    return path


def _text_of(path: Path) -> str:
    """Every text a file carries (an .xlsx: all its XML parts)."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8", "replace")


def _assert_clean(text: str, forbidden: tuple[str, ...]) -> None:
    leaked = [s for s in forbidden if s in text]
    assert not leaked, f"personal data leaked: {leaked}"


# --- the API --------------------------------------------------------------------------
def test_redaction_keeps_id_and_kind_only(folder):
    ds = gk.read_dataset(folder)
    red = redact_people(ds)
    people = red.nodes[red.nodes["label"] == "Person"].set_index("id")
    assert sorted(people.index) == sorted(PERSON_IDS)
    assert (people["name"] == people.index).all()
    assert people["phone"].isna().all() and people["id_card"].isna().all()
    assert sorted(people["kind"]) == ["instructor", "member"]
    # a Person's relationships lose their properties; other nodes and edges are untouched
    touching = ds.edges["source"].isin(PERSON_IDS)
    assert (red.edges.loc[touching, "since"] == "").all()
    assert "2019-07-01" in set(ds.edges["since"]) and "2019-07-01" not in set(red.edges["since"])
    assert red.edges[~touching].equals(ds.edges[~touching])
    others = ds.nodes["label"] != "Person"
    assert red.nodes[others].equals(ds.nodes[others])
    assert red.nodes.dtypes.equals(ds.nodes.dtypes)


def test_redaction_of_a_hand_built_dataset_with_numpy_columns():
    import pandas as pd

    nodes = pd.DataFrame({"id": ["p1", "u1"], "label": ["Person", "Unit"], "name": ["张三", "厂"],
                          "kind": ["member", "enterprise"], "members": [0, 3], "rating": [0, 0],
                          "joint": [False, False], "veteran": [True, False],
                          "phone": [13800138000, 0]})
    edges = pd.DataFrame({"source": ["u1"], "target": ["u1"], "type": ["X"], "mode": [""],
                          "since": [""]}).iloc[:0]
    red = redact_people(gk.Dataset(nodes=nodes, edges=edges, name="hand"))
    row = red.nodes.set_index("id").loc["p1"]
    assert pd.isna(row["veteran"]) and pd.isna(row["phone"]) and row["name"] == "p1"
    assert red.nodes.set_index("id").loc["u1", "phone"] == 0


def test_pseudonyms_are_keyed_and_stable_across_snapshots(folder, tmp_path):
    ds = gk.read_dataset(folder)
    safe = pseudonymize(ds, KEY)
    people = safe.nodes[safe.nodes["label"] == "Person"]
    expected = sorted(pseudonym(KEY, p) for p in PERSON_IDS)
    assert sorted(people["id"]) == expected
    assert (people["name"] == people["id"]).all()
    for col in ("source", "target"):
        assert not safe.edges[col].isin(PERSON_IDS).any()
    _assert_clean(safe.nodes.to_csv() + safe.edges.to_csv(), (*SECRETS, *PERSON_IDS))
    # a later snapshot: rows in another order, one more person -> the same pseudonyms
    b = people_network()
    b.nodes.reverse()
    b.edges.reverse()
    b.node("person-new", "Person", "王五", kind="member")
    later = pseudonymize(b.dataset(tmp_path / "later"), KEY)
    later_ids = set(later.nodes.loc[later.nodes["label"] == "Person", "id"])
    assert set(expected) <= later_ids
    # another key -> other pseudonyms
    other = pseudonymize(ds, b"another key, 16+ bytes long")
    assert not set(other.nodes["id"]) & set(expected)


def test_pseudonymized_dataset_audits_the_same(folder):
    ds = gk.read_dataset(folder)
    assert gk.audit(pseudonymize(ds, KEY)).to_dict() == gk.audit(ds).to_dict()
    assert gk.audit(redact_people(ds)).to_dict() == gk.audit(ds).to_dict()


def test_warnings_name_pseudonyms_not_ids(folder):
    ds = gk.read_dataset(folder)
    assert any(PERSON_IDS[1] in w.message for w in ds.warnings)  # the GUIDES warning
    safe = pseudonymize(ds, KEY)
    text = "\n".join(str(w) for w in safe.warnings)
    assert pseudonym(KEY, PERSON_IDS[1]) in text
    _assert_clean(text, PERSON_IDS)


def test_short_or_missing_key_is_refused(tmp_path):
    short = tmp_path / "short.key"
    short.write_text("too short\n")
    with pytest.raises(gk.UsageError, match="at least 16"):
        read_key(short)
    with pytest.raises(gk.UsageError, match="cannot read"):
        read_key(tmp_path / "missing.key")


def test_keygen_is_owner_only_and_never_overwrites(keyfile, capsys):
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600
    assert len(read_key(keyfile)) == 64
    before = keyfile.read_bytes()
    assert main(["keygen", str(keyfile)]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert keyfile.read_bytes() == before


# --- messages ---------------------------------------------------------------------------
def test_validation_messages_withhold_person_values(tmp_path, capsys):
    b = people_network()
    b.nodes[-1]["members"] = PHONES[1] + "x"      # a Person row: the value is withheld
    b.nodes[-1]["rating"] = "1"                    # rating on a non-PartyOrg: a warning
    b.edges[-2]["since"] = ID_CARDS[1]            # MEMBER_OF since: withheld too
    b.unit("u9", where="c1", members="zwölf")      # a Unit row: the value is shown
    assert main(["validate", str(b.write(tmp_path / "bad"))]) == 2
    err = capsys.readouterr().err
    assert "withheld" in err and "'zwölf'" in err
    _assert_clean(err, SECRETS)


# --- every output format ----------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "xlsx"])
@pytest.mark.parametrize("pseudo", [False, True], ids=["default", "pseudonymized"])
@pytest.mark.usefixtures("chinese_test")  # it reads the report's words in Chinese
def test_audit_outputs_carry_no_personal_data(folder, keyfile, tmp_path, capsys, fmt, pseudo):
    out = tmp_path / f"report.{fmt}"
    args = ["audit", str(folder), "--format", fmt, "--out", str(out), "--by", "kind"]
    if fmt == "table":
        args.append("--detail")  # every list (the default terminal report is the summary)
    if pseudo:
        args += ["--pseudonymize", str(keyfile)]
    assert main(args) == 0
    captured = capsys.readouterr()
    text = _text_of(out) + captured.out + captured.err
    assert "名称u1" in text or fmt == "xlsx" or "u1" in text   # the report is there
    assert ('"reporting_members": 1' in text) if fmt == "json" else ("四个融合" in text)
    _assert_clean(text, (*SECRETS, *PERSON_IDS) if pseudo else SECRETS)
    if pseudo:  # the warning about the member who GUIDES names the pseudonym
        assert pseudonym(read_key(keyfile), PERSON_IDS[1]) in captured.err


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_files_carry_no_personal_data(folder, keyfile, tmp_path, suffix):
    default, pseudo, full = (tmp_path / f"{n}{suffix}" for n in ("d", "p", "f"))
    assert main(["convert", str(folder), str(default)]) == 0
    assert main(["convert", str(folder), str(pseudo), "--pseudonymize", str(keyfile)]) == 0
    assert main(["convert", str(folder), str(full), "--with-personal-data"]) == 0
    _assert_clean(_text_of(default), SECRETS)
    assert all(p in _text_of(default) for p in PERSON_IDS)
    _assert_clean(_text_of(pseudo), (*SECRETS, *PERSON_IDS))
    # the opt-in keeps everything: the checks above can see a leak when there is one
    assert all(s in _text_of(full) for s in SECRETS)


def test_pseudonymize_and_full_data_exclude_each_other(folder, keyfile, tmp_path, capsys):
    code = main(["convert", str(folder), str(tmp_path / "x.gexf"), "--pseudonymize",
                 str(keyfile), "--with-personal-data"])
    assert code == 2
    assert "exclude each other" in capsys.readouterr().err
    assert not (tmp_path / "x.gexf").exists()
