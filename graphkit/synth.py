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

from . import vocab as V
from ._atomic import OutputError, staged_folder

__all__ = ["BYTES_PER_UNIT", "MAX_UNITS", "UNIT_SHARES", "synthesize"]

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
        raise OutputError(folder, f"{units:,} units need about {need / 1e6:,.0f} MB and only "
                                  f"{free / 1e6:,.0f} MB are free there")


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
            w.node(uid, V.UNIT, _name(rng, "有限公司" if kind == "enterprise" else ""),
                   kind, members)
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
