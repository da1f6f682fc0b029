"""How fast the network explorer (graphkit.view) draws, and the libraries it was chosen from.

For the Sihui sample's tie graph and a synthetic scale-free graph of ``--big`` entities
(Barabási-Albert, m = 2), the same nodes, positions and edges are drawn by sigma.js 3
(WebGL, with graphology) and Cytoscape.js 3 (canvas) in one offline page each, opened in
Debian's headless Chromium (``--disable-gpu``: software WebGL); the time from the page's
first script to the library's first finished render is the median of ``--runs`` loads.
Every request but the page itself is counted (it must be 0). The libraries come from npm
(``npm install sigma@3.0.3 graphology@0.26.0 cytoscape@3.34.4`` in ``--node-modules``'s
parent); graphkit itself vendors only sigma.js and graphology. Then graphkit's own
standalone file of the sample's city view (``gk.view(ds).save``) is timed the same way.

    .venv/bin/python bench/view.py --node-modules /tmp/js/node_modules
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

import graphkit as gk
from graphkit.analysis._layout import tie_layout

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "font-src data:; img-src data:")


def graph_data(G: nx.Graph) -> str:
    nodes = sorted(G.nodes, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    pos = tie_layout(nx.Graph(G.subgraph(nodes)), seed=0)
    return json.dumps({
        "nodes": [[str(n), str(G.nodes[n].get("name", n)), *pos[n]] for n in nodes],
        "edges": [[index[u], index[v]] for u, v in G.edges()]}, ensure_ascii=False)


def page(body: str, data: str, libs: list[str]) -> str:
    scripts = "".join(f"<script>{code}</script>" for code in libs)
    return (f'<!doctype html><html><head><meta charset="utf-8"><meta '
            f'http-equiv="Content-Security-Policy" content="{CSP}"></head><body style="margin:0">'
            "<script>window.T0 = performance.now();</script>"
            f'<script type="application/json" id="d">{data}</script>'
            '<div id="c" style="width:1200px;height:800px"></div>'
            f"{scripts}<script>{body}</script></body></html>")


SIGMA = """
var D = JSON.parse(document.getElementById('d').textContent), g = new graphology.Graph();
D.nodes.forEach(function (n, i) { g.addNode(i, {label: n[1], x: n[2], y: n[3], size: 3,
  color: '#7f3f98'}); });
D.edges.forEach(function (e) { if (!g.hasEdge(e[0], e[1])) g.addEdge(e[0], e[1]); });
var r = new Sigma(g, document.getElementById('c'));
r.once('afterRender', function () { window.DONE = performance.now() - window.T0; });
r.refresh();
"""
CYTOSCAPE = """
var D = JSON.parse(document.getElementById('d').textContent), els = [];
D.nodes.forEach(function (n, i) { els.push({data: {id: '' + i, label: n[1]},
  position: {x: n[2] * 400, y: n[3] * 400}}); });
D.edges.forEach(function (e, k) { els.push({data: {id: 'e' + k, source: '' + e[0],
  target: '' + e[1]}}); });
var cy = cytoscape({container: document.getElementById('c'), elements: els,
  layout: {name: 'preset'}, style: [{selector: 'node', style: {'background-color': '#7f3f98',
  width: 6, height: 6, label: 'data(label)', 'font-size': 4}},
  {selector: 'edge', style: {'line-color': '#ccc', width: 0.5}}]});
cy.one('render', function () { window.DONE = performance.now() - window.T0; });
"""


def timed(browser, path: Path, runs: int, ready: str) -> tuple[float, int]:
    times, outside = [], 0
    for _ in range(runs):
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        seen: list[str] = []
        pg.on("request", lambda r, seen=seen: seen.append(r.url))
        start = time.perf_counter()
        pg.goto(path.as_uri())
        pg.wait_for_function(ready, timeout=120_000)
        done = pg.evaluate("window.DONE")
        times.append(done if done is not None else 1000 * (time.perf_counter() - start))
        outside += sum(1 for u in seen if u != path.as_uri())
        pg.close()
    return statistics.median(times), outside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, required=True)
    parser.add_argument("--big", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    nm = args.node_modules
    sigma_libs = [(nm / "graphology/dist/graphology.umd.min.js").read_text(),
                  (nm / "sigma/dist/sigma.min.js").read_text()]
    cy_libs = [(nm / "cytoscape/dist/cytoscape.min.js").read_text()]
    print(f"sigma.js + graphology: {sum(len(x.encode()) for x in sigma_libs) / 1e3:.0f} KB; "
          f"Cytoscape.js: {len(cy_libs[0].encode()) / 1e3:.0f} KB (minified)")
    ds = gk.read_dataset(Path(__file__).resolve().parent.parent / "data" / "sihui")
    graphs = {"sample tie graph": gk.tie_graph(ds),
              f"scale-free {args.big:,}": nx.barabasi_albert_graph(args.big, 2, seed=1)}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        for name, G in graphs.items():
            data = graph_data(G)
            for lib, body, libs in (("sigma.js", SIGMA, sigma_libs),
                                    ("Cytoscape.js", CYTOSCAPE, cy_libs)):
                path = Path(tmp) / f"{lib}-{len(G)}.html"
                path.write_text(page(body, data, libs), encoding="utf-8")
                ms, outside = timed(browser, path, args.runs, "window.DONE !== undefined")
                print(f"{name:24} {G.number_of_nodes():>7,} entities  {lib:13} "
                      f"{ms:8.0f} ms to first render  ({outside} requests out)")
        t0 = time.perf_counter()
        view = gk.view(ds)
        build = time.perf_counter() - t0
        path = view.save(Path(tmp) / "city.html")
        ms, outside = timed(browser, path, args.runs,
                            "window.gkView && window.gkView.sigma !== null")
        print(f"gk.view(sample city): built in {build:.1f} s, file "
              f"{path.stat().st_size / 1e6:.2f} MB, drawn in {ms:.0f} ms ({outside} requests out)")
        browser.close()


if __name__ == "__main__":
    main()
