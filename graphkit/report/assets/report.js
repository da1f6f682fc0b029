/* graphkit HTML report: sortable and filterable tables, the circles network of each
   community (SVG: pan, zoom, click a node, search by name). No network access, no
   dependencies. Data: the JSON in <script id="gk-data">. */
(function () {
  'use strict';
  var $ = function (s, r) { return (r || document).querySelector(s); };
  var $$ = function (s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); };
  var collator = new Intl.Collator('zh-CN', {numeric: true});

  function debounce(fn, ms) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  /* ---------------------------------------------------------------- sorting */
  function cellKey(td) {
    if (!td) return null;
    var v = td.getAttribute('data-v');
    if (v !== null) return v === '' ? null : Number(v);
    var t = td.textContent.trim();
    return t === '' || t === '—' ? null : t;
  }
  function sortTable(table, col, th) {
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    $$('thead th', table).forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
    var body = table.tBodies[0];
    var keyed = Array.prototype.map.call(body.rows, function (r, k) {
      return [cellKey(r.cells[col]), k, r];
    });
    keyed.sort(function (a, b) {
      var x = a[0], y = b[0];
      if (x === null || y === null) {  // missing values last in either direction
        return x === y ? a[1] - b[1] : (x === null ? 1 : -1);
      }
      var c = (typeof x === 'number' && typeof y === 'number') ? x - y
        : collator.compare(String(x), String(y));
      return (asc ? c : -c) || a[1] - b[1];
    });
    var frag = document.createDocumentFragment();
    keyed.forEach(function (k) { frag.appendChild(k[2]); });
    body.appendChild(frag);
    table.dispatchEvent(new CustomEvent('gk-sorted', {bubbles: true}));
  }
  $$('table.sortable').forEach(function (table) {
    $$('thead th', table).forEach(function (th, col) {
      th.tabIndex = 0;
      th.title = th.title ? th.title + '（点击排序）' : '点击排序';
      th.setAttribute('aria-sort', 'none');
      var go = function () { sortTable(table, col, th); };
      th.addEventListener('click', go);
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); }
      });
    });
  });

  /* -------------------------------------------------------------- filtering */
  // A box of filterable rows: selects (street, community, status, code), a search box;
  // big tables show `data-page` rows at a time (the browser lays out 10,000 rows slowly)
  function Filterable(box) {
    var total = $$('tr[data-row]', box).length;
    var selects = $$('select[data-filter]', box);
    var search = $('input[data-search]', box);
    var count = $('.count', box);
    var empty = $('.empty', box);
    var groups = $$('tr.grp', box);
    var parts = $$('[data-part]', box);
    var street = selects.filter(function (s) { return s.dataset.filter === 'street'; })[0];
    var community = selects.filter(function (s) { return s.dataset.filter === 'community'; })[0];
    var pageRows = +box.dataset.page || 0, limit = pageRows;
    var more = document.createElement('p');
    more.className = 'more';
    more.hidden = true;
    var moreBtn = document.createElement('button'), allBtn = document.createElement('button');
    moreBtn.type = allBtn.type = 'button';
    moreBtn.textContent = '再显示 ' + pageRows + ' 条';
    allBtn.textContent = '全部显示';
    more.appendChild(moreBtn); more.appendChild(allBtn);
    box.insertBefore(more, empty || null);
    function apply(keepLimit) {
      if (keepLimit !== true) limit = pageRows;
      if (street && community) {
        Array.prototype.forEach.call(community.options, function (o) {
          if (o.value) o.hidden = !!street.value && o.dataset.street !== street.value;
        });
        if (community.selectedOptions[0] && community.selectedOptions[0].hidden) community.value = '';
      }
      var active = selects.filter(function (s) { return s.value; })
        .map(function (s) { return [s.dataset.filter, ' ' + s.value + ' ']; });
      var terms = search ? search.value.trim().toLowerCase().split(/\s+/).filter(Boolean) : [];
      var matched = 0, shown = 0, perGroup = {}, perPart = {};
      $$('tr[data-row]', box).forEach(function (r) {  // in the current (sorted) order
        if (r._text === undefined) r._text = r.textContent.toLowerCase();
        var ok = active.every(function (f) {
          return (' ' + (r.dataset[f[0]] || '') + ' ').indexOf(f[1]) >= 0;
        }) && terms.every(function (t) { return r._text.indexOf(t) >= 0; });
        if (ok) matched++;
        var visible = ok && (!limit || matched <= limit);
        r.hidden = !visible;
        if (visible) {
          shown++;
          if (r.dataset.grp) perGroup[r.dataset.grp] = 1;
          if (r.dataset.street) perPart[r.dataset.street] = 1;
        }
      });
      groups.forEach(function (g) { g.hidden = !perGroup[g.dataset.grp]; });
      parts.forEach(function (p) { p.hidden = !perPart[p.dataset.part]; });
      if (count) {
        count.textContent = '显示 ' + shown + (matched > shown ? '（符合条件 ' + matched + '）' : '')
          + ' / ' + total;
      }
      more.hidden = matched <= shown;
      if (empty) empty.hidden = matched > 0;
    }
    moreBtn.addEventListener('click', function () { limit += pageRows; apply(true); });
    allBtn.addEventListener('click', function () { limit = 0; apply(true); });
    box.addEventListener('gk-sorted', function () { apply(true); });
    selects.forEach(function (s) { s.addEventListener('change', apply); });
    if (search) search.addEventListener('input', debounce(apply, total > 2000 ? 200 : 60));
    var reset = $('[data-reset]', box);
    function clear() {
      selects.forEach(function (s) { s.value = ''; });
      if (search) search.value = '';
    }
    if (reset) reset.addEventListener('click', function () { clear(); apply(); });
    apply();
    return {apply: apply, clear: clear, set: function (key, value) {
      selects.forEach(function (s) { if (s.dataset.filter === key) s.value = value; });
    }};
  }
  var filters = {};
  $$('[data-filterable]').forEach(function (box) { filters[box.id] = Filterable(box); });

  // counts in the findings matrix open the action list filtered to that code and street
  $$('a[data-go]').forEach(function (a) {
    a.addEventListener('click', function () {
      var f = filters[a.dataset.go];
      if (!f) return;
      f.clear();
      if (a.dataset.code) f.set('code', a.dataset.code);
      if (a.dataset.street) f.set('street', a.dataset.street);
      f.apply();
    });
  });

  /* ---------------------------------------------------------------- network */
  var dataEl = document.getElementById('gk-data');
  var svg = document.getElementById('net-svg');
  if (!dataEl || !svg) return;
  var D = JSON.parse(dataEl.textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var pick = document.getElementById('net-pick');
  var info = document.getElementById('net-info');
  var query = document.getElementById('net-q');
  var hits = document.getElementById('net-hits');
  var title = document.getElementById('net-title');
  var NODE_R = [15, 9, 7, 6, 6, 6];
  var cur = null;
  var view = {x: -100, y: -100, w: 200, h: 200, R: 100};

  function el(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function h(tag, text, parent) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function pct(x) { return x === null || x === undefined ? '—' : (100 * x).toFixed(1) + '%'; }
  function shortName(name) {
    var s = String(name);
    if (D.prefix && s.indexOf(D.prefix) === 0 && s.length > D.prefix.length + 1) s = s.slice(D.prefix.length);
    return s.length > 9 ? s.slice(0, 8) + '…' : s;
  }
  function textWidth(s) {
    var w = 0;
    for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e80 ? 12 : 7;
    return w;
  }

  // Concentric layout: the core in the centre, one ring per circle (sub-core, pan-core,
  // external partners, unlinked); on a ring, nodes are ordered by the mean angle of their
  // neighbours on the inner rings, which keeps ties short.
  function place(groups, r, pos, adj) {
    var idx = [].concat.apply([], groups), m = idx.length, step = 2 * Math.PI / m;
    var pref = {};
    idx.forEach(function (i) {
      var sx = 0, sy = 0, k = 0;
      adj[i].forEach(function (j) {
        var p = pos[j];
        if (p && p[2] !== null) { sx += Math.cos(p[2]); sy += Math.sin(p[2]); k++; }
      });
      pref[i] = k && sx * sx + sy * sy > 1e-9 ? Math.atan2(sy, sx) : null;
    });
    // within each group: nodes with a preferred angle sorted by it, then the others
    var seq = [];
    groups.forEach(function (g) {
      seq = seq.concat(g.filter(function (i) { return pref[i] !== null; })
        .sort(function (a, b) { return pref[a] - pref[b]; }),
        g.filter(function (i) { return pref[i] === null; }));
    });
    var sx = 0, sy = 0, k = 0;
    seq.forEach(function (i, s) {
      if (pref[i] === null) return;
      var d = pref[i] - s * step; sx += Math.cos(d); sy += Math.sin(d); k++;
    });
    var rot = k ? Math.atan2(sy, sx) : -Math.PI / 2 + step / 2;
    seq.forEach(function (i, s) {
      var a = rot + s * step;
      pos[i] = [r * Math.cos(a), r * Math.sin(a), a];
    });
  }

  // rings: sub-core, pan-core, then one outer ring for those outside the two circles
  // (external partners first, then the unlinked members); members of a community
  // without a core on a ring of their own
  var RINGS = [[1], [2], [3, 4], [5]];
  function layout(c) {
    var n = c.nodes, pos = new Array(n.length), rings = [];
    var by = D.roles.map(function () { return []; });
    n.forEach(function (nd, i) { by[nd[2]].push(i); });
    var adj = n.map(function () { return []; });
    c.e.forEach(function (e) { adj[e[0]].push(e[1]); adj[e[1]].push(e[0]); });
    by[0].forEach(function (i) { pos[i] = [0, 0, null]; });
    var R = 0, labelW = 0;
    RINGS.forEach(function (roles) {
      var groups = roles.map(function (role) { return by[role]; });
      var idx = [].concat.apply([], groups);
      if (!idx.length) return;
      var r = Math.max(rings.length ? R + labelW + 24 : 70, idx.length * 17 / (2 * Math.PI));
      place(groups, r, pos, adj);
      rings.push(r);
      R = r;
      labelW = Math.max.apply(null, idx.map(function (i) { return textWidth(shortName(n[i][1])); })) + 12;
    });
    return {pos: pos, rings: rings, R: Math.max(R + labelW, 60), by: by};
  }

  // the view is the SVG viewBox (world coordinates), so the drawing scales with the
  // element: window resizes, phone width and print need no redraw
  function setView() { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); }
  function fit() {
    if (!cur) return;
    var R = cur.lay.R + 10;
    view = {x: -R, y: -R, w: 2 * R, h: 2 * R, R: R};
    setView();
  }
  function scale() {  // screen pixels per world unit
    var m = svg.getScreenCTM();
    return m ? m.a : 1;
  }
  function toWorld(cx, cy) {
    var m = svg.getScreenCTM();
    if (!m) return [view.x + view.w / 2, view.y + view.h / 2];
    var pt = svg.createSVGPoint();
    pt.x = cx; pt.y = cy;
    pt = pt.matrixTransform(m.inverse());
    return [pt.x, pt.y];
  }
  function zoomAt(cx, cy, f) {
    var w = Math.min(view.R * 10, Math.max(view.R * 0.08, view.w / f));
    f = view.w / w;
    var p = toWorld(cx, cy);
    view.x = p[0] - (p[0] - view.x) / f;
    view.y = p[1] - (p[1] - view.y) / f;
    view.w = w; view.h = view.h / f;
    setView();
  }
  function zoomCentre(f) {
    var b = svg.getBoundingClientRect();
    zoomAt(b.left + b.width / 2, b.top + b.height / 2, f);
  }

  function nodeLabel(g, nd, p) {
    var t = g.querySelector('text');
    t.textContent = shortName(nd[1]);
    var r = NODE_R[nd[2]];
    if (p[2] === null) {  // the core: label below
      t.setAttribute('x', 0); t.setAttribute('y', r + 14); t.setAttribute('text-anchor', 'middle');
      return;
    }
    var deg = p[2] * 180 / Math.PI, left = Math.cos(p[2]) < 0;
    t.setAttribute('transform', 'rotate(' + (left ? deg + 180 : deg) + ')');
    t.setAttribute('x', left ? -(r + 3) : r + 3);
    t.setAttribute('y', 0);
    t.setAttribute('dominant-baseline', 'central');
    t.setAttribute('text-anchor', left ? 'end' : 'start');
  }

  function show(cid, keepQuery) {
    var c = D.communities[cid];
    if (!c) return;
    if (pick && pick.value !== cid) pick.value = cid;
    var lay = layout(c);
    cur = {cid: cid, c: c, lay: lay, nodes: [], edges: [], sel: null};
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    var vp = el('g', {}, svg);
    lay.rings.forEach(function (r) { el('circle', {'class': 'ring', r: r}, vp); });
    if (!lay.by[0].length) {
      el('circle', {'class': 'empty-core', r: 16}, vp);
      var nt = el('text', {'class': 'ringlabel', x: 0, y: 4, 'text-anchor': 'middle'}, vp);
      nt.textContent = '无核心';
    }
    var eg = el('g', {}, vp), ng = el('g', {}, vp);
    c.e.forEach(function (e) {
      var a = lay.pos[e[0]], b = lay.pos[e[1]];
      cur.edges.push(el('line', {'class': 'edge', x1: a[0], y1: a[1], x2: b[0], y2: b[1]}, eg));
    });
    c.nodes.forEach(function (nd, i) {
      var p = lay.pos[i];
      var g = el('g', {'class': 'node' + (nd[3] === 1 ? ' unit' : ''), transform: 'translate(' + p[0] + ',' + p[1] + ')',
        'data-i': i, 'data-id': nd[0], tabindex: 0, role: 'button', 'aria-label': nd[1]}, ng);
      el('circle', {r: NODE_R[nd[2]], fill: D.roles[nd[2]][2]}, g);
      el('title', {}, g).textContent = nd[1] + '（' + D.roles[nd[2]][1] + '）';
      el('text', {}, g);
      nodeLabel(g, nd, p);
      cur.nodes.push(g);
    });
    var counts = lay.by.map(function (x) { return x.length; });
    $$('.legend .lg').forEach(function (lg) {
      var k = +lg.dataset.role;
      lg.hidden = !counts[k];
      lg.querySelector('b').textContent = counts[k];
    });
    var core = lay.by[0].length ? c.nodes[lay.by[0][0]][1] : '无核心';
    title.textContent = c.name + '（' + c.area + '）　核心：' + core + '　联动率：' + pct(c.rate)
      + '　节点 ' + c.nodes.length + '，联系 ' + c.e.length;
    fit();
    select(null);
    if (!keepQuery && query) { query.value = ''; hits.textContent = ''; }
  }

  function neighbours(i) {
    var out = [];
    cur.c.e.forEach(function (e, k) {
      if (e[0] === i) out.push([e[1], e.slice(2), k]);
      else if (e[1] === i) out.push([e[0], e.slice(2), k]);
    });
    return out;
  }
  function typesText(ts) { return ts.map(function (t) { return D.types[t]; }).join('、'); }

  function select(i) {
    if (!cur) return;
    cur.nodes.forEach(function (g) { g.classList.remove('on', 'sel', 'hit'); });
    cur.edges.forEach(function (e) { e.classList.remove('on'); });
    cur.sel = i;
    while (info.firstChild) info.removeChild(info.firstChild);
    if (i === null) {
      svg.classList.remove('focus');
      communityInfo();
      return;
    }
    var nd = cur.c.nodes[i], nb = neighbours(i);
    svg.classList.add('focus');
    cur.nodes[i].classList.add('on', 'sel');
        cur.nodes[i].parentNode.appendChild(cur.nodes[i]);  // on top
    nb.forEach(function (x) { cur.nodes[x[0]].classList.add('on'); cur.edges[x[2]].classList.add('on'); });
    h('h3', nd[1], info);
    var dl = h('dl', null, info);
    var kind = D.kinds[nd[4]] || '';
    [['编号', nd[0]], ['圈层', D.roles[nd[2]][1]],
     ['类型', D.labels[nd[3]] + (kind ? '·' + kind : '')],
     ['评级', nd[5]], ['党员数', nd[6]], ['社区', cur.c.name]].forEach(function (kv) {
      if (kv[1] === null || kv[1] === undefined || kv[1] === '') return;
      h('dt', kv[0], dl); h('dd', String(kv[1]), dl);
    });
    function list(head, items) {
      if (!items.length) return;
      h('h4', head + '（' + items.length + '）', info);
      var ul = h('ul', null, info);
      items.forEach(function (x) {
        var li = h('li', null, ul), b = h('button', cur.c.nodes[x[0]][1], li);
        b.className = 'link'; b.type = 'button';
        b.addEventListener('click', function () { select(x[0]); });
        h('span', '（' + typesText(x[1]) + '；' + D.roles[cur.c.nodes[x[0]][2]][1] + '）', li);
      });
    }
    list('融合圈内的联系', nb);
    var other = [];
    cur.c.x.forEach(function (e) {
      if (e[0] === i) other.push([e[1], e.slice(2)]);
      else if (e[1] === i) other.push([e[0], e.slice(2)]);
    });
    list('其他联系（不计入融合圈）', other);
    var codes = D.findings[nd[0]];
    if (codes) {
      h('h4', '问题', info);
      var ul = h('ul', null, info);
      codes.forEach(function (c) { h('li', D.codes[c], ul); });
      var a = h('a', '在行动清单中查看', info);
      a.href = '#act-' + nd[0];
      a.addEventListener('click', function () { if (filters.actions) { filters.actions.clear(); filters.actions.apply(); } });
    }
  }

  // the details panel before a node is clicked: the community itself
  function communityInfo() {
    var c = cur.c, by = cur.lay.by;
    h('h3', c.name, info);
    var dl = h('dl', null, info);
    [['编号', cur.cid], ['街道', c.area], ['核心', by[0].length ? c.nodes[by[0][0]][1] : '无核心'],
     ['联动率', pct(c.rate)]].forEach(function (kv) { h('dt', kv[0], dl); h('dd', kv[1], dl); });
    D.roles.forEach(function (r, k) {
      if (k && by[k].length) { h('dt', r[1], dl); h('dd', String(by[k].length), dl); }
    });
    var a = h('a', '行动清单中本社区的条目', info);
    a.href = '#actions';
    a.addEventListener('click', function () {
      if (!filters.actions) return;
      filters.actions.clear(); filters.actions.set('community', cur.cid); filters.actions.apply();
    });
    h('p', '点击节点查看其详情、联系和问题。', info).className = 'hint';
  }

  function search() {
    if (!cur) return;
    var q = query.value.trim().toLowerCase();
    while (hits.firstChild) hits.removeChild(hits.firstChild);
    cur.nodes.forEach(function (g) { g.classList.remove('hit', 'on'); });
    if (!q) { select(cur.sel); return; }
    var mine = [];
    cur.c.nodes.forEach(function (nd, i) {
      if (String(nd[1]).toLowerCase().indexOf(q) >= 0 || String(nd[0]).toLowerCase() === q) mine.push(i);
    });
    if (mine.length === 1) {
      select(mine[0]);
      cur.nodes[mine[0]].classList.add('hit');
    } else {
      select(null);
      if (mine.length) {
        svg.classList.add('focus');
        mine.forEach(function (i) { cur.nodes[i].classList.add('hit', 'on'); });
      }
    }
    h('span', '本社区 ' + mine.length + ' 个匹配。', hits);
    var others = 0;
    for (var cid in D.communities) {
      if (cid === cur.cid) continue;
      var c = D.communities[cid];
      for (var i = 0; i < c.nodes.length; i++) {
        var nd = c.nodes[i];
        if (String(nd[1]).toLowerCase().indexOf(q) < 0 && String(nd[0]).toLowerCase() !== q) continue;
        if (++others > 12) break;
        if (others === 1) h('span', ' 其他社区：', hits);
        var b = h('button', nd[1] + '（' + c.name + '）', hits);
        b.type = 'button';
        b.addEventListener('click', (function (cid2, i2) {
          return function () { show(cid2, true); select(i2); cur.nodes[i2].classList.add('hit'); };
        })(cid, i));
      }
      if (others > 12) { h('span', '……', hits); break; }
    }
  }

  // pan (drag) and zoom (wheel, pinch, buttons); a press that does not move selects
  var pointers = {}, moved = 0, downTarget = null;
  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoomAt(e.clientX, e.clientY, Math.exp(-e.deltaY * 0.0015));
  }, {passive: false});
  svg.addEventListener('pointerdown', function (e) {
    pointers[e.pointerId] = [e.clientX, e.clientY];
    if (Object.keys(pointers).length === 1) { moved = 0; downTarget = e.target; }
    svg.setPointerCapture(e.pointerId);
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', function (e) {
    var prev = pointers[e.pointerId];
    if (!prev) return;
    var ids = Object.keys(pointers);
    if (ids.length === 1) {
      var k = scale();
      view.x -= (e.clientX - prev[0]) / k; view.y -= (e.clientY - prev[1]) / k;
      moved += Math.abs(e.clientX - prev[0]) + Math.abs(e.clientY - prev[1]);
      setView();
    } else if (ids.length === 2) {
      var other = pointers[ids[0] === String(e.pointerId) ? ids[1] : ids[0]];
      var d0 = Math.hypot(prev[0] - other[0], prev[1] - other[1]);
      var d1 = Math.hypot(e.clientX - other[0], e.clientY - other[1]);
      if (d0 > 0) zoomAt((e.clientX + other[0]) / 2, (e.clientY + other[1]) / 2, d1 / d0);
      moved += 10;
    }
    pointers[e.pointerId] = [e.clientX, e.clientY];
  });
  function release(e) {
    if (!pointers[e.pointerId]) return;
    delete pointers[e.pointerId];
    if (Object.keys(pointers).length) return;
    svg.classList.remove('dragging');
    if (e.type === 'pointerup' && moved < 6 && downTarget) {
      var g = downTarget.closest ? downTarget.closest('.node') : null;
      select(g ? +g.getAttribute('data-i') : null);
    }
    downTarget = null;
  }
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener('keydown', function (e) {
    var g = e.target.closest && e.target.closest('.node');
    if (g && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(+g.getAttribute('data-i')); }
  });
  $$('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var f = +b.dataset.zoom;
      if (!f) { fit(); return; }
      zoomCentre(f);
    });
  });
  if (query) query.addEventListener('input', debounce(search, 120));
  if (pick) pick.addEventListener('change', function () { show(pick.value); });
  $$('a[data-net]').forEach(function (a) {
    a.addEventListener('click', function () { show(a.dataset.net); });
  });
  if (pick && pick.value) show(pick.value);
  window.graphkitReport = {show: show, select: select, zoom: zoomCentre, data: D,
    view: function () { return view; }};
})();
