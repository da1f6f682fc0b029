// graphkit's network explorer (graphkit.view): the anywidget front end, also run by the
// standalone HTML file that NetworkView.save writes. It draws the network with sigma.js
// (WebGL) on a graphology graph; both are vendored beside this file and prepended to it
// by graphkit/report/viewing.py, which provides `graphology` and `Sigma` in scope.
//
// The model holds `data` (the network: nodes, edges, legend, detail fields; written by
// Python) and `selected` (the id of the selected node, set by a click or a search here,
// or from Python to select a node there).

const GREY = "#e3e3e3";
const FONT = '"GK Sans", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

function h(tag, attrs, parent, text) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

function fmt(v) {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v.toLocaleString("zh-CN");
    return Math.abs(v) < 0.01 && v !== 0 ? v.toExponential(2) : v.toFixed(3);
  }
  return String(v);
}

function render({ model, el }) {
  el.classList.add("gk-view");
  const fontStyle = h("style", {}, el);
  const setLook = () => {
    el.style.setProperty("--gkv-height", `${model.get("height") || 560}px`);
    fontStyle.textContent = model.get("font_css") || "";
  };
  setLook();
  const root = h("div", { class: "gkv" }, el);
  const head = h("div", { class: "gkv-head" }, root);
  const title = h("div", { class: "gkv-title" }, head);
  const tools = h("div", { class: "gkv-tools" }, head);
  const search = h("input", { type: "search", class: "gkv-search", placeholder: "按名称搜索",
                              "aria-label": "按名称搜索" }, tools);
  const zin = h("button", { type: "button", "aria-label": "放大", title: "放大" }, tools, "＋");
  const zout = h("button", { type: "button", "aria-label": "缩小", title: "缩小" }, tools, "－");
  const zreset = h("button", { type: "button", "aria-label": "复位", title: "复位" }, tools, "复位");
  const hits = h("div", { class: "gkv-hits", role: "listbox" }, root);
  const body = h("div", { class: "gkv-body" }, root);
  const stage = h("div", { class: "gkv-stage" }, body);
  const canvas = h("div", { class: "gkv-canvas" }, stage);
  const tip = h("div", { class: "gkv-tip", role: "tooltip" }, stage);
  const side = h("div", { class: "gkv-side" }, body);
  const legend = h("div", { class: "gkv-legend" }, side);
  const info = h("div", { class: "gkv-info", "aria-live": "polite" }, side);
  const note = h("div", { class: "gkv-note" }, root);
  tip.hidden = true;

  let D = null, graph = null, sigma = null, index = {}, hiddenGroups = new Set();
  let selected = null, neighbours = new Set();

  function nodeName(i) { return D.nodes[i][2]; }

  function showInfo(i) {
    info.textContent = "";
    if (i === null) {
      h("p", { class: "gkv-hint" }, info, "点击节点查看详情；悬停显示名称。");
      return;
    }
    const n = D.nodes[i];
    h("h4", {}, info, n[2]);
    const dl = h("dl", {}, info);
    h("dt", {}, dl, "编号");
    h("dd", {}, dl, n[0]);
    D.fields.forEach((f, k) => {
      h("dt", {}, dl, f);
      h("dd", {}, dl, fmt(n[7][k]));
    });
    const ties = [];
    graph.forEachEdge(String(i), (e, a, s, t) => {
      const other = Number(s) === i ? Number(t) : Number(s);
      ties.push([other, a.types]);
    });
    ties.sort((a, b) => nodeName(a[0]).localeCompare(nodeName(b[0]), "zh-CN"));
    h("p", { class: "gkv-sub" }, info, `联结（${ties.length}）`);
    const ul = h("ul", { class: "gkv-ties" }, info);
    ties.forEach(([j, types]) => {
      const li = h("li", {}, ul);
      const a = h("a", { href: "#", "data-node": D.nodes[j][0] }, li, nodeName(j));
      a.addEventListener("click", (ev) => { ev.preventDefault(); select(j, true); });
      if (types) h("span", {}, li, `（${types}）`);
    });
  }

  function select(i, fromHere) {
    selected = i;
    neighbours = new Set();
    if (i !== null) graph.forEachNeighbor(String(i), (nb) => neighbours.add(Number(nb)));
    showInfo(i);
    if (sigma) {
      sigma.refresh();
      if (i !== null && fromHere) {
        const p = sigma.getNodeDisplayData(String(i));
        if (p) sigma.getCamera().animate({ x: p.x, y: p.y, ratio: Math.min(sigma.getCamera().ratio, 0.35) },
                                         { duration: 400 });
      }
    }
    if (fromHere) {
      model.set("selected", i === null ? "" : D.nodes[i][0]);
      model.save_changes();
    }
  }

  function drawLegend() {
    legend.textContent = "";
    h("p", { class: "gkv-sub" }, legend, `颜色：${D.color_by}　大小：${D.size_by}`);
    D.legend.forEach(([name, color, count], g) => {
      const b = h("button", { type: "button", class: "gkv-lg", "aria-pressed": String(!hiddenGroups.has(g)),
                              title: "点击隐藏或显示这一类" }, legend);
      const sw = h("i", {}, b);
      sw.style.background = color;
      h("span", {}, b, `${name}（${count}）`);
      b.addEventListener("click", () => {
        if (hiddenGroups.has(g)) hiddenGroups.delete(g); else hiddenGroups.add(g);
        b.setAttribute("aria-pressed", String(!hiddenGroups.has(g)));
        if (sigma) sigma.refresh();
      });
    });
  }

  function findHits(q) {
    hits.textContent = "";
    q = q.trim().toLowerCase();
    if (!q) { hits.hidden = true; return []; }
    const found = [];
    D.nodes.forEach((n, i) => {
      if (n[2].toLowerCase().includes(q) || n[0].toLowerCase() === q) found.push(i);
    });
    found.sort((a, b) => nodeName(a).length - nodeName(b).length);
    hits.hidden = false;
    if (!found.length) { h("span", { class: "gkv-none" }, hits, "没有找到"); return found; }
    found.slice(0, 12).forEach((i) => {
      const b = h("button", { type: "button", role: "option", "data-node": D.nodes[i][0] }, hits, nodeName(i));
      b.addEventListener("click", () => { select(i, true); });
    });
    if (found.length > 12) h("span", { class: "gkv-none" }, hits, `… 共 ${found.length} 个`);
    return found;
  }

  function build() {
    D = model.get("data");
    if (sigma) { sigma.kill(); sigma = null; }
    title.textContent = D.title || "";
    note.textContent = D.note || "";
    graph = new graphology.Graph({ type: "undirected", multi: false });
    index = {};
    D.nodes.forEach((n, i) => {
      index[n[0]] = i;
      graph.addNode(String(i), { x: n[3], y: n[4], size: n[5], label: n[1], color: D.legend[n[6]][1],
                                 forceLabel: !!D.all_labels });
    });
    D.edges.forEach(([i, j, w, types]) => {
      const key = `${i}-${j}`;
      if (i === j || graph.hasEdge(key)) return;
      graph.addEdgeWithKey(key, String(i), String(j), {
        size: Math.min(0.6 + 0.5 * (w - 1), 4), color: "#c4c4c4", types: types });
    });
    drawLegend();
    sigma = new Sigma(graph, canvas, {
      allowInvalidContainer: true,
      labelFont: FONT,
      labelSize: 12,
      labelColor: { color: "#222" },
      labelRenderedSizeThreshold: D.all_labels ? 0 : 7,
      stagePadding: 40,
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 5,
      nodeReducer: (node, data) => {
        const i = Number(node);
        const res = Object.assign({}, data);
        if (hiddenGroups.has(D.nodes[i][6])) { res.hidden = true; return res; }
        if (selected !== null) {
          if (i === selected) { res.highlighted = true; res.zIndex = 2; res.forceLabel = true; }
          else if (neighbours.has(i)) { res.zIndex = 1; res.forceLabel = res.forceLabel || neighbours.size <= 30; }
          else { res.color = GREY; res.label = ""; res.zIndex = 0; }
        }
        return res;
      },
      edgeReducer: (edge, data) => {
        const res = Object.assign({}, data);
        const [s, t] = graph.extremities(edge).map(Number);
        if (hiddenGroups.has(D.nodes[s][6]) || hiddenGroups.has(D.nodes[t][6])) res.hidden = true;
        else if (selected !== null) {
          if (s === selected || t === selected) { res.color = "#555"; res.size = Math.max(res.size, 1.2); }
          else res.hidden = true;
        }
        return res;
      },
    });
    sigma.on("enterNode", ({ node, event }) => {
      const n = D.nodes[Number(node)];
      tip.textContent = "";
      h("b", {}, tip, n[2]);
      if (n[8]) h("span", {}, tip, n[8]);
      tip.style.left = `${event.x + 12}px`;
      tip.style.top = `${event.y + 12}px`;
      tip.hidden = false;
      canvas.style.cursor = "pointer";
    });
    sigma.on("leaveNode", () => { tip.hidden = true; canvas.style.cursor = ""; });
    sigma.on("clickNode", ({ node }) => select(Number(node), true));
    sigma.on("clickStage", () => select(null, true));
    const want = model.get("selected");
    select(want && want in index ? index[want] : null, false);
    if (typeof document !== "undefined" && document.fonts && document.fonts.load) {
      // labels are drawn on a canvas: draw them again once the embedded font is ready
      document.fonts.load(`12px "GK Sans"`, D.nodes.map((n) => n[1]).join("").slice(0, 2000))
        .then(() => sigma && sigma.refresh(), () => {});
    }
  }

  search.addEventListener("input", () => findHits(search.value));
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const found = findHits(search.value);
      if (found.length) select(found[0], true);
    } else if (ev.key === "Escape") {
      search.value = ""; findHits("");
    }
  });
  zin.addEventListener("click", () => sigma && sigma.getCamera().animatedZoom({ duration: 250 }));
  zout.addEventListener("click", () => sigma && sigma.getCamera().animatedUnzoom({ duration: 250 }));
  zreset.addEventListener("click", () => { if (sigma) sigma.getCamera().animatedReset({ duration: 250 }); select(null, true); });

  const onData = () => { hiddenGroups = new Set(); build(); };
  const onSelected = () => {
    const want = model.get("selected");
    const i = want && want in index ? index[want] : null;
    if (i !== selected) select(i, false);
    if (i !== null && sigma) {
      const p = sigma.getNodeDisplayData(String(i));
      if (p) sigma.getCamera().animate({ x: p.x, y: p.y, ratio: Math.min(sigma.getCamera().ratio, 0.35) }, { duration: 400 });
    }
  };
  model.on("change:data", onData);
  model.on("change:height", setLook);
  model.on("change:selected", onSelected);
  build();
  let ro = null;
  if (typeof ResizeObserver !== "undefined") {
    ro = new ResizeObserver(() => { if (sigma) { sigma.resize(); sigma.refresh(); } });
    ro.observe(canvas);
  }
  el.gkView = { get sigma() { return sigma; }, get graph() { return graph; }, index: () => index };
  return () => {
    model.off("change:data", onData);
    model.off("change:height", setLook);
    model.off("change:selected", onSelected);
    if (ro) ro.disconnect();
    if (sigma) sigma.kill();
  };
}

export default { render };
