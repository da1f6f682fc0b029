"""A naive reference: coverage and circles written the straightforward way, node by node
over the NetworkX graph (what one would write without graphkit). Used by
``bench/audit_scale.py`` to measure graphkit against it; it must agree with graphkit.
"""

from __future__ import annotations

import networkx as nx

RANK = {"branch": 0, "general_branch": 1, "committee": 2}
TIES = ("CO_BUILDS", "REPORTS_TO", "COVERS", "MEETS_WITH")


def label(G: nx.MultiDiGraph, n: str) -> str:
    return G.nodes[n].get("label", "")


def naive_status(G: nx.MultiDiGraph) -> dict[str, str]:
    out = {}
    for n in G.nodes:
        if label(G, n) != "Unit":
            continue
        kinds = set()
        for p, _, k, d in G.in_edges(n, keys=True, data=True):
            if k == "BELONGS_TO" and label(G, p) == "PartyOrg":
                kinds.add("own")
            elif k == "COVERS" and label(G, p) == "PartyOrg":
                kinds.add(d.get("mode"))
            elif k == "GUIDES" and label(G, p) == "Person":
                kinds.add("instructor")
        out[n] = next((s for s in ("own", "joint", "affiliated", "instructor") if s in kinds),
                      "none")
    return out


def naive_community(G: nx.MultiDiGraph, unit: str) -> str | None:
    for _, place, k in G.out_edges(unit, keys=True):
        if k != "LOCATED_IN":
            continue
        if label(G, place) == "Community":
            return place
        if label(G, place) == "Compound":
            comms = sorted(c for _, c, kk in G.out_edges(place, keys=True)
                           if kk == "PART_OF" and label(G, c) == "Community")
            return comms[0] if comms else None
    return None


def naive_circles(G: nx.MultiDiGraph, threshold: int = 4) -> dict[str, dict[str, list[str]]]:
    def own_orgs(u: str) -> list[str]:
        return [p for p, _, k in G.in_edges(u, keys=True)
                if k == "BELONGS_TO" and label(G, p) == "PartyOrg"]

    def rep(x: str) -> list[str]:
        if label(G, x) == "Unit":
            return own_orgs(x) or [x]
        return [x]

    def tied(a: str, b: str) -> bool:
        for x in rep_inverse(a):
            for y in rep_inverse(b):
                if G.has_edge(x, y) and any(k in TIES for k in G[x][y]):
                    return True
                if G.has_edge(y, x) and any(k in TIES for k in G[y][x]):
                    return True
        return False

    def rep_inverse(x: str) -> list[str]:
        # x itself, plus the unit it represents (edges to the unit tie its organization)
        units = [u for _, u, k in G.out_edges(x, keys=True)
                 if k == "BELONGS_TO" and label(G, u) == "Unit"]
        return [x, *units]

    def team_tie(a: str, core: str, community: str) -> bool:
        for src in rep_inverse(a):
            for team, _, k in G.in_edges(src, keys=True):
                if k == "FROM" and label(G, team) == "Team" and G.has_edge(team, community) \
                        and "STATIONED_AT" in G[team][community]:
                    return True
        return False

    result = {}
    communities = [n for n in G.nodes if label(G, n) == "Community"]
    for c in sorted(communities):
        orgs = [p for p, _, k in G.in_edges(c, keys=True)
                if k == "BELONGS_TO" and label(G, p) == "PartyOrg"]
        if not orgs:
            result[c] = {"sub_core": [], "pan_core": [], "unlinked": []}
            continue
        core = sorted(orgs, key=lambda o: (-RANK.get(G.nodes[o].get("kind"), -1), o))[0]
        members: set[str] = set()
        for n in G.nodes:  # every unit, every time: the naive part
            if label(G, n) == "Unit" and naive_community(G, n) == c:
                members.update(rep(n))
        for cp, _, k in G.in_edges(c, keys=True):
            if k == "PART_OF" and label(G, cp) == "Compound":
                members.update(p for p, _, kk in G.in_edges(cp, keys=True)
                               if kk == "BELONGS_TO" and label(G, p) == "PartyOrg")
        members.discard(core)
        sub = sorted(m for m in members if label(G, m) == "PartyOrg"
                     and int(G.nodes[m].get("rating") or 0) >= threshold
                     and (tied(m, core) or team_tie(m, core, c)))
        pan = sorted(m for m in members if m not in sub and (
            tied(m, core) or team_tie(m, core, c) or any(tied(m, s) for s in sub)))
        unlinked = sorted(members - set(sub) - set(pan))
        result[c] = {"sub_core": sub, "pan_core": pan, "unlinked": unlinked}
    return result
