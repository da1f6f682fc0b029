"""SPEC section 4: each finding fires exactly when its rule says."""

from __future__ import annotations

import graphkit as gk
from graphkit.gaps import FINDING_CODES


def _codes(G, code, **kw):
    f = gk.findings(G, **kw)
    return f[f["code"] == code]


def _full_community(b, cid="c1", area="a1"):
    """A community with a core, a service center and a stationed team: no findings."""
    b.community(cid, area=area, core=f"core_{cid}")
    b.node(f"sc_{cid}", "ServiceCenter", kind="community")
    b.edge(f"sc_{cid}", cid, "SERVES")
    b.node(f"t_{cid}", "Team", kind="stationed")
    b.edge(f"t_{cid}", cid, "STATIONED_AT")
    return cid


def _base(b):
    b.node("a1", "Area", kind="street")
    b.node("street", "PartyOrg", kind="committee")
    b.edge("street", "a1", "BELONGS_TO")
    _full_community(b)
    b.edge("core_c1", "street", "REPORTS_TO")
    return b


def test_clean_network_has_no_findings(builder):
    b = _base(builder)
    b.unit("u1", "c1", members=5, org="o1", rating=5)
    b.edge("o1", "core_c1", "REPORTS_TO")
    assert gk.findings(b.graph()).empty


def test_uncovered(builder):
    b = _base(builder)
    b.unit("u1", "c1")
    b.unit("u2", "c1")
    b.node("p", "Person", kind="instructor")
    b.edge("p", "u2", "GUIDES")
    f = _codes(b.graph(), "uncovered")
    assert f["subject"].tolist() == ["u1"]
    assert "名称u1" in f["message"].iloc[0]
    assert f["community"].iloc[0] == "c1"


def test_should_form_branch(builder):
    b = _base(builder)
    b.unit("big_none", "c1", members=3)
    b.unit("big_joint", "c1", members=7)
    b.node("oj", "PartyOrg")
    b.edge("oj", "c1", "BELONGS_TO").edge("oj", "big_joint", "COVERS", mode="joint")
    b.edge("oj", "core_c1", "REPORTS_TO")
    b.unit("big_own", "c1", members=9, org="own")
    b.edge("own", "core_c1", "REPORTS_TO")
    b.unit("small", "c1", members=2)
    assert _codes(b.graph(), "should_form_branch")["subject"].tolist() == [
        "big_joint", "big_none"]
    got = _codes(b.graph(), "should_form_branch", min_branch_members=8)["subject"].tolist()
    assert got == []


def test_joint_candidate_grouping(builder):
    b = _base(builder)
    _full_community(b, "c2")
    b.edge("core_c2", "street", "REPORTS_TO")
    b.unit("x1", "c1", members=1)
    b.unit("x2", "c1", members=2)
    b.unit("x3", "c1", members=0)
    b.unit("x_big", "c1", members=4)  # >= 3: not a joint candidate
    b.unit("x_inst", "c1", members=1)
    b.node("p", "Person", kind="instructor")
    b.edge("p", "x_inst", "GUIDES")
    b.unit("x_aff", "c1", members=1)  # affiliated: already covered
    b.node("host", "PartyOrg")
    b.edge("host", "c1", "BELONGS_TO").edge("host", "x_aff", "COVERS", mode="affiliated")
    b.edge("host", "core_c1", "REPORTS_TO")
    b.unit("y1", "c2", members=2)  # alone in c2: 2 < 3, no candidate
    b.unit("z1", None, members=2)  # no community: never grouped
    b.unit("z2", None, members=2)
    f = _codes(b.graph(), "joint_candidate")
    assert f["subject"].tolist() == ["c1"]
    assert f["units"].iloc[0] == ["x1", "x2", "x3", "x_inst"]
    assert "4" in f["message"].iloc[0]  # 1 + 2 + 0 + 1 members
    with5 = _codes(b.graph(), "joint_candidate", min_branch_members=5)
    assert with5["units"].iloc[0] == ["x1", "x2", "x3", "x_big", "x_inst"]  # 4 < 5 joins
    assert _codes(b.graph(), "joint_candidate", min_branch_members=9).empty  # 8 < 9


def test_community_without_core(builder):
    b = _base(builder)
    b.community("c2", area="a1")
    assert _codes(b.graph(), "community_without_core")["subject"].tolist() == ["c2"]


def test_compound_without_branch(builder):
    b = _base(builder)
    for cp in ("cp1", "cp2"):
        b.node(cp, "Compound")
        b.edge(cp, "c1", "PART_OF")
    b.node("cpo", "PartyOrg")
    b.edge("cpo", "cp1", "BELONGS_TO").edge("cpo", "core_c1", "REPORTS_TO")
    b.edge("cpo", "core_c1", "CO_BUILDS")
    assert _codes(b.graph(), "compound_without_branch")["subject"].tolist() == ["cp2"]


def test_no_service_center_counts_compound_centers(builder):
    b = _base(builder)
    b.community("c2", area="a1", core="core2")
    b.community("c3", area="a1", core="core3")
    b.node("cp", "Compound")
    b.edge("cp", "c2", "PART_OF")
    b.node("sc_cp", "ServiceCenter", kind="compound")
    b.edge("sc_cp", "cp", "SERVES")
    assert _codes(b.graph(), "no_service_center")["subject"].tolist() == ["c3"]


def test_no_stationed_team_ignores_volunteer_teams(builder):
    b = _base(builder)
    b.community("c2", area="a1", core="core2")
    b.node("vol", "Team", kind="volunteer")
    b.edge("vol", "c2", "STATIONED_AT")
    assert _codes(b.graph(), "no_stationed_team")["subject"].tolist() == ["c2"]


def test_unlinked_names_community(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1")
    b.edge("o1", "street", "REPORTS_TO")
    f = _codes(b.graph(), "unlinked")
    assert f["subject"].tolist() == ["o1"]
    assert f["community"].tolist() == ["c1"]


def test_orphan_org(builder):
    b = _base(builder)
    b.unit("u1", "c1", org="o1")  # branch, no REPORTS_TO
    b.unit("u2", "c1")
    b.node("gb", "PartyOrg", kind="general_branch")
    b.edge("gb", "u2", "BELONGS_TO")
    b.node("cmte", "PartyOrg", kind="committee")  # committees are never orphans
    b.edge("cmte", "a1", "BELONGS_TO")
    assert _codes(b.graph(), "orphan_org")["subject"].tolist() == ["gb", "o1"]


def test_scope_limits_unit_findings(builder):
    b = _base(builder)
    b.unit("organ", "c1", kind="organ", members=5)
    b.unit("firm", "c1", kind="enterprise")
    assert _codes(b.graph(), "uncovered", scope="two_new")["subject"].tolist() == ["firm"]
    assert _codes(b.graph(), "should_form_branch", scope="two_new").empty


def test_findings_sorted_by_code_then_subject(builder):
    b = _base(builder)
    b.unit("u2", "c1")
    b.unit("u1", "c1")
    b.community("c9", area="a1")
    f = gk.findings(b.graph())
    ranks = [FINDING_CODES.index(c) for c in f["code"]]
    assert ranks == sorted(ranks)
    assert _codes(b.graph(), "uncovered")["subject"].tolist() == ["u1", "u2"]
    assert set(f.columns) >= {"code", "subject", "message", "action"}


def test_orphan_org_names_the_community_and_street_it_is_in(builder):
    b = builder
    b.node("a1", "Area", kind="street")
    b.community("c1", area="a1", core="core")
    b.unit("u1", "c1", members=5, org="o-u1")          # a unit's branch, no REPORTS_TO
    b.node("o-a", "PartyOrg", kind="branch")            # an area's own branch
    b.edge("o-a", "a1", "BELONGS_TO")
    b.node("o-x", "PartyOrg", kind="branch")            # nowhere
    f = gk.findings(b.graph()).set_index("subject")
    f = f[f["code"] == "orphan_org"]
    assert (f.loc["o-u1", "community"], f.loc["o-u1", "area"]) == ("c1", "a1")
    assert (f.loc["o-a", "community"], f.loc["o-a", "area"]) == (None, "a1")
    assert (f.loc["o-x", "community"], f.loc["o-x", "area"]) == (None, None)
