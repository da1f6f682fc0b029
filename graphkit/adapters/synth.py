"""Synthetic city networks of any size, for tests and benchmarks.

:func:`synthesize` streams a valid dataset (SPEC section 1) to a folder, one community at a
time, so memory does not grow with the number of units. The structure follows the shape of
an urban Party-building network: a city with street/town areas, communities (about 25
units each) and residential compounds, municipal organs sending stationed and volunteer
teams, units of every kind in fixed shares with heavy-tailed member counts, and a mix of
own / joint / affiliated / instructor / no coverage that depends on the members a unit has.
The output is deterministic for a given ``units`` and ``seed``. All names are invented.

Examples
--------
>>> from graphkit.synth import synthesize
>>> info = synthesize("/tmp/city", units=1000, seed=1)          # doctest: +SKIP
>>> info["units"]                                                # doctest: +SKIP
1000
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

from .. import vocab as V
from ..messages import t as _t  # `t` is a local name here
from ..network._atomic import OutputError, staged_folder

__all__ = ["BYTES_PER_UNIT", "MAX_UNITS", "UNIT_SHARES", "carry_out", "evolve", "synthesize"]

#: Most units :func:`synthesize` writes: about 2 GB of CSV, as much as graphkit reads in a
#: file (:data:`graphkit._input.LIMITS`).
MAX_UNITS = 10_000_000
#: Bytes of CSV written per unit, rounded up (200 at 1M units, see BENCHMARKS.md): the
#: free disk space needed is checked against it before writing.
BYTES_PER_UNIT = 250

#: Share of each unit kind among the units of a community.
UNIT_SHARES: dict[str, float] = {
    "enterprise": 0.52, "social_org": 0.10, "market": 0.05, "institution": 0.08,
    "soe": 0.04, "organ": 0.03, "property": 0.10, "owners_committee": 0.08,
}
_NODE_COLS = ["id", "label", "name", "kind", "members", "rating", "joint",
              "issues_resolved", "area_m2"]
_EDGE_COLS = ["source", "target", "type", "mode", "since"]
_SURNAMES = "陈李黄张梁何罗周吴林郑谢冯刘杨邓叶苏"
_WORDS = "兴华盛达安康泰隆丰和信诚新宏金利源顺福鑫"


class _Writer:
    def __init__(self, folder: Path):
        self._nf = open(folder / "nodes.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._ef = open(folder / "edges.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.nodes = csv.writer(self._nf, lineterminator="\n")
        self.edges = csv.writer(self._ef, lineterminator="\n")
        self.nodes.writerow(_NODE_COLS)
        self.edges.writerow(_EDGE_COLS)
        self.n_nodes = 0
        self.n_edges = 0
        self.n_centers = 0

    def node(self, id: str, label: str, name: str, kind: str = "", members: int | str = "",
             rating: int | str = "", joint: str = "", issues: int | str = "",
             area: int | str = "") -> str:
        self.nodes.writerow([id, label, name, kind, members, rating, joint, issues, area])
        self.n_nodes += 1
        return id

    def center(self, name: str, kind: str, serves: str, run_by: str, area: int) -> str:
        """A ServiceCenter that SERVES `serves` and is RUN_BY `run_by`."""
        sc = self.node(f"sc-{self.n_centers}", V.SERVICE_CENTER, name, kind, area=area)
        self.n_centers += 1
        self.edge(sc, serves, V.SERVES)
        self.edge(sc, run_by, V.RUN_BY)
        return sc

    def edge(self, source: str, target: str, rel: str, mode: str = "", since: str = "") -> None:
        self.edges.writerow([source, target, rel, mode, since])
        self.n_edges += 1

    def close(self) -> None:
        self._nf.close()
        self._ef.close()


def _members(rng: random.Random, kind: str) -> int:
    """Heavy-tailed full-member counts (Pareto), by unit kind."""
    if kind in ("organ", "institution", "soe"):
        return min(2000, int(3 * rng.paretovariate(1.2)))
    zero = {"enterprise": 0.55, "social_org": 0.6, "market": 0.5, "property": 0.6,
            "owners_committee": 0.8}[kind]
    if rng.random() < zero:
        return 0
    return min(1000, int(rng.paretovariate(1.1)))


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2016, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _name(rng: random.Random, suffix: str) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_WORDS) + rng.choice(_WORDS) + suffix


def _unit_name(rng: random.Random, kind: str, number: object) -> str:
    """A unit's name, distinct from every other unit's (as registered names are: the
    rosters of a synthetic city then name each unit once), e.g. ``陈兴华17有限公司``."""
    return _name(rng, f"{number}有限公司" if kind == "enterprise" else f"{number}")


def synthesize(out_dir: str | os.PathLike[str], *, units: int, seed: int = 0,
               communities_per_area: int = 12, units_per_community: int = 25) -> dict[str, Any]:
    """Write a synthetic city with exactly `units` units to `out_dir`.

    Parameters
    ----------
    out_dir : str or path-like
        Folder to create (or reuse); ``nodes.csv``, ``edges.csv`` and ``dataset.json``
        are written beside it first and moved into it when complete, so an interrupted
        run leaves it as it was.
    units : int
        Number of Unit nodes (1 to :data:`MAX_UNITS`).
    seed : int, default 0
        Random seed; the same `units` and `seed` give byte-identical files.
    communities_per_area, units_per_community : int
        Average sizes of the administrative levels.

    Returns
    -------
    dict
        ``units``, ``nodes``, ``edges``, ``communities``, ``areas`` written.

    Raises
    ------
    OutputError
        When the folder cannot be written or the free disk space is short of
        ``units * BYTES_PER_UNIT`` bytes.
    """
    if not 1 <= units <= MAX_UNITS:
        raise ValueError(f"units must be 1..{MAX_UNITS:,}, got {units:,}")
    rng = random.Random(seed)
    folder = Path(out_dir)
    _check_space(folder, units)
    with staged_folder(folder) as stage:
        w = _Writer(stage)
        try:
            stats = _generate(w, rng, units, communities_per_area, units_per_community)
        finally:
            w.close()
        meta = {"name": f"合成城市（{units} 个单位，种子 {seed}）", "snapshot": "2024-12-31",
                "description": "graphkit.synth 生成的合成数据，名称与关系均为虚构。"}
        (stage / "dataset.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"units": units, "nodes": w.n_nodes, "edges": w.n_edges, **stats}


def _check_space(folder: Path, units: int) -> None:
    """Refuse to start a folder that the free disk space cannot hold."""
    probe = folder.absolute()
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        free = shutil.disk_usage(probe).free
    except OSError:
        return  # not a folder we can look at: writing will say why
    need = units * BYTES_PER_UNIT
    if need > free:
        raise OutputError(folder, _t("synth.no_space", units=units, need=need / 1e6,
                                    free=free / 1e6))


def _generate(w: _Writer, rng: random.Random, n_units: int, per_area: int,
              per_comm: int) -> dict[str, int]:
    city = w.node("city", V.AREA, "合成市", "city")
    city_org = w.node("org-city", V.PARTY_ORG, "中共合成市委", "committee", 0, 5)
    w.edge(city_org, city, V.BELONGS_TO)
    organs_cmte = w.node("org-organs", V.PARTY_ORG, "合成市直属机关工委", "committee", 0, 5)
    w.edge(organs_cmte, city, V.BELONGS_TO)
    w.edge(organs_cmte, city_org, V.REPORTS_TO)
    # municipal organs: sit at city level, send teams and sign co-building agreements
    n_organs = min(n_units, max(3, n_units // 150))
    organ_orgs = []
    for i in range(n_organs):
        u = w.node(f"organ-{i}", V.UNIT, f"合成市第{i + 1}局", "organ",
                   _members(rng, "organ") + 3)
        w.edge(u, city, V.LOCATED_IN)
        o = w.node(f"org-organ-{i}", V.PARTY_ORG, f"合成市第{i + 1}局党支部", "branch", 0,
                   rng.randint(2, 5))
        w.edge(o, u, V.BELONGS_TO)
        w.edge(o, organs_cmte, V.REPORTS_TO)
        organ_orgs.append(o)
    kinds = list(UNIT_SHARES)
    weights = list(UNIT_SHARES.values())
    made = n_organs
    n_comm = n_area = n_team = n_person = n_cpd = 0
    area = area_org = instructor = ""
    while made < n_units:
        if n_comm % per_area == 0:
            kind = "street" if rng.random() < 0.8 else "town"
            area_name = f"第{n_area + 1}{'街道' if kind == 'street' else '镇'}"
            area = w.node(f"area-{n_area}", V.AREA, area_name, kind)
            w.edge(area, city, V.PART_OF)
            area_org = w.node(f"org-area-{n_area}", V.PARTY_ORG,
                              area_name + ("党工委" if kind == "street" else "党委"),
                              "committee", 0, 5)
            w.edge(area_org, area, V.BELONGS_TO)
            w.edge(area_org, city_org, V.REPORTS_TO)
            if kind == "street":
                w.center(f"第{n_area + 1}街道党群服务中心", "street", area, area_org,
                         rng.randint(300, 1500))
            instructor = w.node(f"p-{n_person}", V.PERSON, f"指导员{n_person}", "instructor")
            n_person += 1
            n_area += 1
        c = f"com-{n_comm}"
        w.node(c, V.COMMUNITY, f"{_name(rng, '社区')}{n_comm}", "urban" if rng.random() < 0.9
               else "rural")
        w.edge(c, area, V.PART_OF)
        core = ""
        if rng.random() < 0.97:
            core = w.node(f"org-com-{n_comm}", V.PARTY_ORG, f"{c}党委",
                          rng.choice(["committee", "general_branch"]), rng.randint(10, 80),
                          rng.randint(3, 5))
            w.edge(core, c, V.BELONGS_TO)
            w.edge(core, area_org, V.REPORTS_TO)
            if rng.random() < 0.9:
                w.center(f"{c}党群服务中心", "community", c, core, rng.randint(100, 800))
        if rng.random() < 0.85:
            t = w.node(f"team-{n_team}", V.TEAM, f"驻点团队{n_team}", "stationed",
                       rng.randint(3, 12), issues=rng.randint(10, 150))
            w.edge(t, rng.choice(organ_orgs), V.FROM)
            w.edge(t, c, V.STATIONED_AT, since=_date(rng))
            n_team += 1
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            t = w.node(f"team-{n_team}", V.TEAM, f"志愿服务队{n_team}", "volunteer",
                       rng.randint(10, 120))
            w.edge(t, rng.choice(organ_orgs), V.FROM)
            w.edge(t, c, V.STATIONED_AT, since=_date(rng))
            n_team += 1
        places = [c]
        branch_of: dict[str, str] = {}
        host = core
        for _ in range(rng.randint(0, 5)):
            cp = w.node(f"cpd-{n_cpd}", V.COMPOUND, f"{_name(rng, '花园')}{n_cpd}")
            w.edge(cp, c, V.PART_OF)
            places.append(cp)
            if rng.random() < 0.6:
                b = w.node(f"org-cpd-{n_cpd}", V.PARTY_ORG, f"{cp}小区党支部", "branch",
                           rng.randint(3, 30), rng.randint(1, 5))
                w.edge(b, cp, V.BELONGS_TO)
                branch_of[cp] = b
                if core and rng.random() < 0.95:
                    w.edge(b, core, V.REPORTS_TO)
                    if rng.random() < 0.5:
                        w.edge(b, core, V.CO_BUILDS, since=_date(rng))
                if rng.random() < 0.3:
                    w.center(f"{cp}党群活动中心", "compound", cp, b, rng.randint(50, 600))
            n_cpd += 1
        joint = ""
        target = min(n_units - made, max(1, int(rng.expovariate(1 / per_comm)) + 1))
        for _ in range(target):
            uid = f"unit-{made}"
            kind = rng.choices(kinds, weights)[0]
            members = _members(rng, kind)
            where = rng.choice(places) if kind in ("property", "owners_committee") or \
                rng.random() < 0.3 else c
            w.node(uid, V.UNIT, _unit_name(rng, kind, made), kind, members)
            if rng.random() < 0.995:
                w.edge(uid, where, V.LOCATED_IN)
                if where in branch_of and kind in ("property", "owners_committee") \
                        and rng.random() < 0.7:
                    w.edge(branch_of[where], uid, V.MEETS_WITH)
            made += 1
            r = rng.random()
            if (members >= 3 and r < 0.85) or (kind in ("organ", "institution", "soe") and r < 0.9):
                o = w.node(f"org-{uid}", V.PARTY_ORG, f"{uid}党支部",
                           "general_branch" if members > 50 else "branch", members,
                           min(5, int(rng.triangular(0, 6, 3))))
                w.edge(o, uid, V.BELONGS_TO)
                boss = core or area_org
                if rng.random() < 0.98:
                    w.edge(o, boss if kind not in ("organ",) else organs_cmte, V.REPORTS_TO)
                if core and rng.random() < 0.35:
                    w.edge(o, core, V.CO_BUILDS, since=_date(rng))
                if rng.random() < 0.05:
                    w.edge(rng.choice(organ_orgs), o, V.CO_BUILDS, since=_date(rng))
            elif members > 0 and r < 0.45:
                if not joint:
                    joint = w.node(f"org-joint-{n_comm}", V.PARTY_ORG, f"{c}联合党支部",
                                   "branch", 0, rng.randint(1, 5), "true")
                    w.edge(joint, c, V.BELONGS_TO)
                    w.edge(joint, core or area_org, V.REPORTS_TO)
                w.edge(joint, uid, V.COVERS, mode="joint")
            elif r < 0.7 and host:
                w.edge(host, uid, V.COVERS, mode="affiliated")
            elif r < 0.88:
                w.edge(instructor, uid, V.GUIDES)
        for org in rng.sample(organ_orgs, k=min(len(organ_orgs), rng.choice((0, 0, 1, 2)))):
            if core:
                w.edge(org, core, V.CO_BUILDS, since=_date(rng))
        n_comm += 1
    return {"communities": n_comm, "areas": n_area}


# --- the next snapshot of a network (graphkit synth --evolve) ---------------------------
_EVOLVE_CLOSABLE = frozenset({"enterprise", "social_org", "market", "property"})


def _next_snapshot(snapshot: str | None) -> str | None:
    """The same day one year later (29 February becomes 28 February)."""
    if not snapshot:
        return None
    year, month, day = (int(x) for x in snapshot.split("-"))
    if (month, day) == (2, 29):
        day = 28
    return f"{year + 1:04d}-{month:02d}-{day:02d}"


def evolve(old: Any, out_dir: str | os.PathLike[str], *, seed: int = 0,
           snapshot: str | None = None, name: str | None = None,
           description: str | None = None) -> dict[str, Any]:
    """Write a plausible next snapshot of the network `old` to `out_dir`.

    What changes, drawn with ``random.Random(seed)`` over the units in id order:

    * about 3% of the two-new and property units close (the unit, its own organization
      and their relationships go; units that send teams or host other organizations stay);
    * about 3% new units appear in communities with a core, of the kinds and member counts
      of :func:`synthesize`, some with their own organization, some covered, guided or not
      covered at all;
    * about 35% of the units with 3 or more members and no organization of their own form
      one (a branch, general branch from 50 members, committee from 100) that reports to
      the community core, and often signs a co-building agreement with it;
    * in some communities small uncovered units form a joint branch, others attach to the
      core; about half the uncovered units without members get an instructor;
    * some regressions: about 4% of the joint or affiliated units lose their cover, 5% of
      the guided units their instructor, 10% of the own organizations of units with fewer
      than 3 members dissolve;
    * member counts drift for about 15% of the units, ratings for about 8% of the
      organizations; some co-building agreements are signed, a few end.

    Parameters
    ----------
    old : Dataset or path
        The current snapshot (a folder or workbook path is read with
        :func:`graphkit.read_dataset`).
    out_dir : str or path-like
        Folder to write (``nodes.csv``, ``edges.csv``, ``dataset.json``, all or none).
    seed : int, default 0
        The same `old` and `seed` give byte-identical files.
    snapshot, name, description : str, optional
        Metadata of the new snapshot; by default the old date one year later, the old
        name with that year, and a note that the changes are invented.

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``units`` written and what changed: ``units_added``,
        ``units_closed``, ``branches_formed``, ``joint_branches_formed``,
        ``instructors_assigned``, ``regressions``.

    Examples
    --------
    >>> from graphkit.synth import evolve
    >>> info = evolve("data/sihui", "/tmp/sihui-next", seed=1)       # doctest: +SKIP
    >>> info["units_added"] > 0                                      # doctest: +SKIP
    True
    """
    import pandas as pd

    from ..analysis._diff_tables import plain
    from ..analysis.coverage import unit_coverage
    from ..analysis.linkage import circles
    from ..errors import UsageError
    from ..network.dataset import Dataset
    from ..network.io import read_dataset, write_dataset

    if not isinstance(old, Dataset):
        if Path(old).resolve() == Path(out_dir).resolve():
            raise UsageError(_t("synth.is_old_snapshot", path=out_dir))
        old = read_dataset(old)
    rng = random.Random(seed)
    new_snapshot = snapshot or _next_snapshot(old.snapshot)
    year = new_snapshot[:4] if new_snapshot else None
    tag = year or f"s{seed}"
    nodes = [{k: plain(v) for k, v in r.items()} for r in old.nodes.to_dict("records")]
    edges = [{k: plain(v) for k, v in r.items()} for r in old.edges.to_dict("records")]
    by_id = {n["id"]: n for n in nodes}
    taken = set(by_id)
    edge_keys = {(e["source"], e["target"], e["type"], e.get("mode")) for e in edges}
    counter = {"unit": 0, "org": 0, "p": 0}

    def new_id(prefix: str) -> str:
        while True:
            counter[prefix] += 1
            nid = f"{prefix}-{tag}-{counter[prefix]:04d}"
            if nid not in taken:
                taken.add(nid)
                return nid

    def add_node(**row: Any) -> str:
        nodes.append(row)
        by_id[row["id"]] = row
        return row["id"]

    def add_edge(s: str, t: str, rel: str, mode: str | None = None,
                 since: str | None = None) -> None:
        if (s, t, rel, mode) not in edge_keys:
            edge_keys.add((s, t, rel, mode))
            edges.append({"source": s, "target": t, "type": rel, "mode": mode,
                          "since": since})

    def date() -> str | None:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if year else None

    units = unit_coverage(old).set_index("id")
    core_of = {c: k for c, k in zip(*(circles(old)[col].tolist()
                                      for col in ("community", "core")), strict=True)
               if k is not None}
    label = {n["id"]: n["label"] for n in nodes}
    out_edges: dict[tuple[str, str], list[str]] = {}
    in_edges: dict[tuple[str, str], list[str]] = {}
    for e in edges:
        out_edges.setdefault((e["source"], e["type"]), []).append(e["target"])
        in_edges.setdefault((e["target"], e["type"]), []).append(e["source"])
    own_orgs = {u: [o for o in in_edges.get((u, V.BELONGS_TO), ())
                    if label.get(o) == V.PARTY_ORG] for u in units.index}
    area_orgs = {}
    for o, lab in label.items():
        if lab == V.PARTY_ORG:
            for t in out_edges.get((o, V.BELONGS_TO), ()):
                if label.get(t) == V.AREA:
                    area_orgs.setdefault(t, o)
    instructors = sorted(n["id"] for n in nodes
                         if n["label"] == V.PERSON and n.get("kind") == "instructor")
    compounds: dict[str, list[str]] = {}
    for e in edges:
        if e["type"] == V.PART_OF and label.get(e["source"]) == V.COMPOUND:
            compounds.setdefault(e["target"], []).append(e["source"])
    drop_nodes: set[str] = set()
    drop_edges: set[tuple[str, str, str]] = set()
    info = {"units_added": 0, "units_closed": 0, "branches_formed": 0,
            "joint_branches_formed": 0, "instructors_assigned": 0, "regressions": 0}

    def boss(community: Any, area: Any) -> str | None:
        return core_of.get(community) or area_orgs.get(area)

    def form_branch(uid: str, members: int, community: Any, area: Any) -> str:
        kind = "committee" if members >= 100 else "general_branch" if members >= 50 \
            else "branch"
        org = add_node(id=new_id("org"), label=V.PARTY_ORG,
                       name=f"{by_id[uid]['name']}党{V.KIND_NAMES_ZH[kind][1:]}", kind=kind,
                       members=members, rating=rng.randint(2, 4), joint=False)
        add_edge(org, uid, V.BELONGS_TO, since=date())
        head = boss(community, area)
        if head:
            add_edge(org, head, V.REPORTS_TO)
            if community in core_of and rng.random() < 0.4:
                add_edge(org, core_of[community], V.CO_BUILDS, since=date())
        return org

    def guide(uid: str) -> None:
        if not instructors or rng.random() < 0.3:
            pid = new_id("p")
            add_node(id=pid, label=V.PERSON, name=f"党建工作指导员{pid}", kind="instructor",
                     members=0)
            instructors.append(pid)
        add_edge(rng.choice(instructors), uid, V.GUIDES, since=date())
        info["instructors_assigned"] += 1

    # organizations others report to, senders of teams, hosts of covers and of centres
    hosts = {t for (t, rel) in in_edges if rel in (V.REPORTS_TO, V.FROM, V.RUN_BY)} | \
        {s for (s, rel) in out_edges if rel == V.COVERS}
    small: dict[str, list[str]] = {}
    for uid, u in units.iterrows():
        members, status = int(u["members"]), u["status"]
        community, area = plain(u["community"]), plain(u["area"])
        orgs = own_orgs.get(uid, [])
        senders = {uid, *orgs}
        if u["kind"] in _EVOLVE_CLOSABLE and rng.random() < 0.03 and not senders & hosts:
            drop_nodes |= senders
            info["units_closed"] += 1
            continue
        r = rng.random()
        if status != "own" and members >= 3 and r < 0.35:
            form_branch(uid, members, community, area)
            if rng.random() < 0.8:
                drop_edges |= {(o, uid, V.COVERS) for o in in_edges.get((uid, V.COVERS), ())}
            info["branches_formed"] += 1
        elif status in ("joint", "affiliated") and r < 0.04:
            drop_edges |= {(o, uid, V.COVERS) for o in in_edges.get((uid, V.COVERS), ())}
            info["regressions"] += 1
        elif status == "instructor" and r < 0.05:
            drop_edges |= {(p, uid, V.GUIDES) for p in in_edges.get((uid, V.GUIDES), ())}
            info["regressions"] += 1
        elif status == "own" and members < 3 and r < 0.1 and not set(orgs) & hosts:
            drop_nodes |= set(orgs)
            info["regressions"] += 1
        elif status == "none" and members == 0 and r < 0.5:
            guide(uid)
        elif status in ("none", "instructor") and 1 <= members < 3 and community in core_of:
            small.setdefault(community, []).append(uid)
        if rng.random() < 0.15:
            by_id[uid]["members"] = max(0, members + rng.choice((-2, -1, 1, 1, 2, 3)))
    for community in sorted(small):
        group = small[community][:5]
        core = core_of[community]
        if len(group) >= 2 and sum(int(units.at[u, "members"]) for u in group) >= 3 \
                and rng.random() < 0.5:
            org = add_node(id=new_id("org"), label=V.PARTY_ORG,
                           name=f"{by_id[community]['name']}联合党支部",
                           kind="branch", members=sum(int(units.at[u, "members"])
                                                      for u in group),
                           rating=rng.randint(1, 4), joint=True)
            add_edge(org, core, V.REPORTS_TO)
            for uid in group:
                add_edge(org, uid, V.COVERS, mode="joint", since=date())
            info["joint_branches_formed"] += 1
        else:
            for uid in group:
                if rng.random() < 0.6:
                    add_edge(core, uid, V.COVERS, mode="affiliated", since=date())
    for n in nodes:
        if n["label"] == V.PARTY_ORG and n["id"] in label and rng.random() < 0.08:
            n["rating"] = min(5, max(0, int(n.get("rating") or 0) + rng.choice((-1, 1))))
    cored = sorted(core_of)
    kinds, weights = list(UNIT_SHARES), list(UNIT_SHARES.values())
    for _ in range(max(1, round(0.03 * len(units))) if cored else 0):
        community = rng.choice(cored)
        kind = rng.choices(kinds, weights)[0]
        members = _members(rng, kind)
        uid = add_node(id=new_id("unit"), label=V.UNIT,
                       name=_name(rng, "有限公司" if kind == "enterprise" else ""), kind=kind,
                       members=members)
        places = [community, *sorted(compounds.get(community, ()))]
        add_edge(uid, rng.choice(places) if rng.random() < 0.3 else community, V.LOCATED_IN)
        info["units_added"] += 1
        r = rng.random()
        if members >= 3 and r < 0.7:
            form_branch(uid, members, community, None)
        elif members > 0 and r < 0.8:
            add_edge(core_of[community], uid, V.COVERS, mode="affiliated", since=date())
        elif members == 0 and r < 0.75:
            guide(uid)
    for community in cored:
        core = core_of[community]
        if rng.random() < 0.05:
            signed = sorted(s for s in in_edges.get((core, V.CO_BUILDS), ()))
            if signed:
                drop_edges.add((rng.choice(signed), core, V.CO_BUILDS))
    new_nodes = [n for n in nodes if n["id"] not in drop_nodes]
    new_edges = [e for e in edges if e["source"] not in drop_nodes
                 and e["target"] not in drop_nodes
                 and (e["source"], e["target"], e["type"]) not in drop_edges]
    frames = [pd.DataFrame(rows) for rows in (new_nodes, new_edges)]
    ds = Dataset.from_frames(
        *frames, snapshot=new_snapshot,
        name=name or (f"{old.name}（{year} 年）" if year else f"{old.name}（下一期）"),
        description=description or (
            f"graphkit.synth.evolve 由上一期快照（{old.name}）生成的示意快照，种子 {seed}："
            "新增与关闭的单位、新建的党组织、选派的指导员、退步和联动变化均为虚构。"))
    write_dataset(ds, out_dir)
    return {"nodes": len(ds.nodes), "edges": len(ds.edges),
            "units": int((ds.nodes["label"] == V.UNIT).sum()), **info}


# --- a later snapshot that carries out part of a plan (SPEC section 10) ------------------
def carry_out(plan: Any, done: Any = (), *, partly: Any = None, close: Any = (),
              snapshot: str | None = None, name: str | None = None,
              description: str | None = None) -> Any:
    """The network of `plan` after part of it was carried out: a synthetic later snapshot
    to follow a plan through (``graphkit progress``).

    Parameters
    ----------
    plan : Plan
        :func:`graphkit.plan` of a network (it keeps the network).
    done : iterable of int
        The actions (their ``index``) carried out in full, as :meth:`Plan.apply` does.
    partly : mapping of int to list of str, optional
        Actions carried out for some of their units only (a ``form_joint`` whose new
        branch covers these units).
    close : iterable of str
        Units that closed: removed with their relationships.
    snapshot, name, description : str, optional
        Metadata of the new snapshot (default: no date, the plan's network's name with
        "（部分整改后）").

    Returns
    -------
    Dataset

    Examples
    --------
    >>> import graphkit as gk
    >>> p = gk.plan(gk.read_dataset("data/sihui"))
    >>> later = carry_out(p, [1], close=["unit-0381"], snapshot="2021-06-30")
    >>> r = gk.progress(p, later)
    >>> r.actions["verified"].tolist()[:3], r.actions["verified"].tolist()[-1]
    (['not_done', 'done', 'not_done'], 'gone')
    """
    import dataclasses

    from ..network.dataset import Dataset

    partly = dict(partly or {})
    keep = sorted(set(done) | set(partly))
    acts = plan.actions.iloc[keep].copy()
    for i, units in partly.items():
        acts.at[i, "units"] = list(units)
    ds = dataclasses.replace(plan, actions=acts).apply() if keep else plan.network
    gone = set(close)
    nodes = ds.nodes[~ds.nodes["id"].isin(gone)]
    edges = ds.edges[~ds.edges["source"].isin(gone) & ~ds.edges["target"].isin(gone)]
    return Dataset.from_frames(
        nodes.reset_index(drop=True), edges.reset_index(drop=True), snapshot=snapshot,
        name=name or f"{plan.network.name}（部分整改后）", description=description)
