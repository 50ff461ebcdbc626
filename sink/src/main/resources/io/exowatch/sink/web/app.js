// ExoWatch page: vanilla JS, no framework, no network access beyond this origin.
// Safety rule: every string from the API is put into the DOM as text (textContent / text nodes),
// never parsed as HTML. Highlights arrive as segments [plain, match, plain, ...] and become <mark>
// elements holding text. Charts are SVG elements built here.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const FACETS = [
    ['category', 'category', 'Category'],
    ['applications', 'application', 'Application'],
    ['mscSources', 'source', 'MSC source'],
    ['routes', 'route', 'Route'],
    ['productTypes', 'product', 'Product'],
    ['phase', 'phase', 'Phase'],
    ['status', 'status', 'Status'],
    ['registry', 'registry', 'Registry'],
  ];
  const PAGE = 20;
  const PALETTE = ['#0f766e', '#2563eb', '#d97706', '#db2777', '#7c3aed', '#65a30d', '#0891b2', '#dc2626', '#4b5563', '#a16207'];
  const NAMES = {
    MSC_EV_THERAPY: 'MSC-EV therapy', MSC_SECRETOME_THERAPY: 'MSC secretome therapy', OTHER_EV_THERAPY: 'Other EV therapy',
    EV_DIAGNOSTIC: 'EV diagnostic', MSC_CELL_THERAPY: 'Live MSC therapy', UNRELATED: 'Unrelated',
    IPSC: 'iPSC', CTGOV: 'ClinicalTrials.gov', CHICTR: 'ChiCTR', IRCT: 'IRCT', ISRCTN: 'ISRCTN', EUCTR: 'EU CTR',
    EARLY_PHASE1: 'Early phase 1', PHASE1: 'Phase 1', PHASE1_PHASE2: 'Phase 1/2', PHASE2: 'Phase 2',
    PHASE2_PHASE3: 'Phase 2/3', PHASE3: 'Phase 3', PHASE4: 'Phase 4', NOT_APPLICABLE: 'N/A',
  };

  const state = { q: '', filters: {}, from: 0, sort: 'relevance' };
  const $ = (id) => document.getElementById(id);

  function nice(value) {
    if (value == null) return '';
    const s = String(value);
    if (NAMES[s]) return NAMES[s];
    const words = s.toLowerCase().split('_').join(' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  // el('div', {class: 'x'}, 'text', child) — strings become text nodes, never markup.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c == null || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    for (const c of children) {
      if (c == null) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // Segments alternate plain / matched text; odd positions become <mark>.
  function segments(parts) {
    return parts.map((text, i) => (i % 2 === 1 ? el('mark', null, text) : document.createTextNode(text)));
  }

  function params(extra) {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    for (const [name, values] of Object.entries(state.filters)) {
      if (values.length) p.set(name, values.join(','));
    }
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p;
  }

  async function getJson(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => ({ error: 'HTTP ' + res.status }));
    if (!res.ok) throw new Error(body.error || 'HTTP ' + res.status);
    return body;
  }

  function saveHash() {
    const p = params(state.from ? { from: state.from } : {});
    if (state.sort !== 'relevance') p.set('sort', state.sort);
    const detail = new URLSearchParams(location.hash.slice(1)).get('trial');
    if (detail) p.set('trial', detail);
    history.replaceState(null, '', '#' + p.toString());
  }

  function loadHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    state.q = p.get('q') || '';
    state.from = Number(p.get('from') || 0) || 0;
    state.sort = p.get('sort') || 'relevance';
    state.filters = {};
    for (const [, param] of FACETS) {
      const v = p.get(param);
      if (v) state.filters[param] = v.split(',').filter(Boolean);
    }
    $('q').value = state.q;
    $('sort').value = state.sort;
    return p.get('trial');
  }

  async function search() {
    saveHash();
    const p = params({ from: state.from, size: PAGE });
    if (state.sort !== 'relevance') p.set('sort', state.sort);
    $('error').hidden = true;
    document.body.classList.add('loading');
    try {
      const [res, charts] = await Promise.all([getJson('/api/trials?' + p), getJson('/api/charts/trials?' + params())]);
      renderTotal(res.total, res.registrations);
      renderFacets(res.facets);
      renderResults(res.hits);
      renderPager(res.total);
      renderCharts(charts);
    } catch (e) {
      $('error').textContent = 'Search failed: ' + e.message;
      $('error').hidden = false;
    } finally {
      document.body.classList.remove('loading');
      document.body.dataset.ready = 'true';
    }
  }

  // total counts real trials; a trial registered in several registries is one hit listing every id.
  function renderTotal(total, registrations) {
    const active = Object.values(state.filters).reduce((n, v) => n + v.length, 0);
    $('total').textContent = total + (total === 1 ? ' trial' : ' trials')
      + (registrations > total ? ' (' + registrations + ' registrations)' : '')
      + (state.q ? ' matching "' + state.q + '"' : '')
      + (active ? ' with ' + active + (active === 1 ? ' filter' : ' filters') : '');
    $('clear').hidden = active === 0 && !state.q;
  }

  function renderFacets(facets) {
    const root = clear($('facets'));
    for (const [field, param, title] of FACETS) {
      const buckets = facets[field] || [];
      const selected = state.filters[param] || [];
      if (!buckets.length && !selected.length) continue;
      const values = new Map(buckets.map((b) => [b.value, b.count]));
      selected.forEach((v) => { if (!values.has(v)) values.set(v, 0); });
      const list = el('ul', { class: 'facet-values' });
      for (const [value, count] of values) {
        const id = 'f-' + param + '-' + value;
        const box = el('input', { type: 'checkbox', id, dataset: { param, value } });
        box.checked = selected.includes(value);
        box.addEventListener('change', () => toggle(param, value, box.checked));
        list.appendChild(el('li', null, el('label', { for: id }, box, el('span', { class: 'fv' }, nice(value)),
          el('span', { class: 'count' }, String(count)))));
      }
      root.appendChild(el('fieldset', { class: 'facet', dataset: { facet: param } }, el('legend', null, title), list));
    }
  }

  function toggle(param, value, on) {
    const list = (state.filters[param] || []).filter((v) => v !== value);
    if (on) list.push(value);
    state.filters[param] = list;
    state.from = 0;
    search();
  }

  function badges(hit) {
    const out = [el('span', { class: 'badge cat cat-' + hit.category }, nice(hit.category))];
    if (hit.phase && hit.phase !== 'UNKNOWN') out.push(el('span', { class: 'badge' }, nice(hit.phase)));
    if (hit.status && hit.status !== 'UNKNOWN') out.push(el('span', { class: 'badge status' }, nice(hit.status)));
    for (const a of hit.applications || []) out.push(el('span', { class: 'badge app' }, nice(a)));
    for (const s of hit.mscSources || []) out.push(el('span', { class: 'badge src' }, nice(s)));
    for (const r of hit.routes || []) out.push(el('span', { class: 'badge route' }, nice(r)));
    return out;
  }

  function registrationLabel(r) {
    return r.id + (r.registry ? ' (' + nice(r.registry) + ')' : '');
  }

  // The trial's other registrations: indexed ones open their detail, the others are plain text.
  function otherRegistrations(hit) {
    const others = (hit.registrations || []).filter((r) => r.id !== hit.id);
    if (!others.length) return null;
    const items = others.map((r) => {
      if (!r.indexed) return el('span', { class: 'reg', dataset: { id: r.id } }, registrationLabel(r));
      const a = el('a', { href: '#trial=' + encodeURIComponent(r.id), class: 'reg', dataset: { id: r.id } }, registrationLabel(r));
      a.addEventListener('click', (ev) => { ev.preventDefault(); openTrial(r.id); });
      return a;
    });
    return el('p', { class: 'registrations' }, 'Also registered as ', items.flatMap((n, i) => (i ? [', ', n] : [n])));
  }

  function renderResults(hits) {
    const root = clear($('results'));
    if (!hits.length) {
      root.appendChild(el('li', { class: 'empty' }, 'No trials match. Try fewer filters or other words.'));
      return;
    }
    for (const hit of hits) {
      const hl = hit.highlights || {};
      const title = hl.title && hl.title[0] ? segments(hl.title[0]) : [hit.title || hit.id];
      const snippets = [];
      for (const f of ['summary', 'conditions', 'interventions', 'evidence.text']) {
        for (const frag of hl[f] || []) if (snippets.length < 3) snippets.push(el('p', { class: 'snippet' }, el('span', { class: 'field' }, f.replace('.text', '') + ': '), segments(frag)));
      }
      const evidence = (hit.evidence || []).slice(0, 4).map((e) => el('li', null,
        el('span', { class: 'ev-label' }, e.label), ' ', el('q', null, e.text), ' ', el('span', { class: 'ev-field' }, e.field)));
      const link = el('a', { href: '#trial=' + encodeURIComponent(hit.id), class: 'title', dataset: { id: hit.id } }, title);
      link.addEventListener('click', (ev) => { ev.preventDefault(); openTrial(hit.id); });
      root.appendChild(el('li', { class: 'hit', dataset: { id: hit.id } },
        el('div', { class: 'hit-head' }, el('span', { class: 'id' }, hit.id), link),
        otherRegistrations(hit),
        el('div', { class: 'badges' }, badges(hit)),
        el('div', { class: 'meta' }, [hit.sponsor, (hit.countries || []).join(', '),
          hit.startDate ? 'start ' + hit.startDate : null, hit.lastUpdate ? 'updated ' + hit.lastUpdate : null]
          .filter(Boolean).join(' \u00b7 ')),
        snippets,
        evidence.length ? el('ul', { class: 'evidence' }, evidence) : null));
    }
  }

  function renderPager(total) {
    const root = clear($('pager'));
    if (total <= PAGE) return;
    const page = Math.floor(state.from / PAGE);
    const last = Math.min(Math.ceil(total / PAGE), 500) - 1;
    const go = (p) => () => { state.from = p * PAGE; search(); window.scrollTo(0, 0); };
    root.appendChild(el('button', { type: 'button', disabled: page === 0, onclick: go(page - 1) }, '\u2190 previous'));
    root.appendChild(el('span', null, 'page ' + (page + 1) + ' of ' + (last + 1)));
    root.appendChild(el('button', { type: 'button', disabled: page >= last, onclick: go(page + 1) }, 'next \u2192'));
  }

  // Stacked bars: one bar per start year, one colour per label.
  function renderCharts(charts) {
    for (const field of ['applications', 'mscSources', 'phase']) {
      const host = clear($('chart-' + field));
      const years = charts.years || [];
      const series = Object.entries((charts.series || {})[field] || {});
      if (!years.length || !series.length) {
        host.appendChild(el('p', { class: 'muted' }, 'No start dates to chart.'));
        continue;
      }
      const totals = years.map((_, i) => series.reduce((n, [, counts]) => n + counts[i], 0));
      const max = Math.max(1, ...totals);
      const W = 360, H = 150, left = 26, bottom = 18, top = 6;
      const slot = (W - left - 4) / years.length;
      const bw = Math.min(slot, 34);
      const x0 = left + (slot - bw) / 2;
      const y = (v) => H - bottom - (v / max) * (H - bottom - top);
      const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'bars', role: 'img', 'aria-label': 'Trials per start year by ' + field });
      root.appendChild(svg('line', { x1: left, x2: W, y1: H - bottom, y2: H - bottom, class: 'axis' }));
      root.appendChild(svg('text', { x: left - 4, y: top + 8, class: 'tick', 'text-anchor': 'end' }, String(max)));
      root.appendChild(svg('text', { x: left - 4, y: H - bottom, class: 'tick', 'text-anchor': 'end' }, '0'));
      years.forEach((year, i) => {
        let acc = 0;
        series.forEach(([label, counts], s) => {
          const v = counts[i];
          if (!v) return;
          const rect = svg('rect', { x: x0 + i * slot + 1, width: Math.max(1, bw - 2), y: y(acc + v), height: y(acc) - y(acc + v), fill: PALETTE[s % PALETTE.length] });
          rect.appendChild(svg('title', null, year + ' \u00b7 ' + nice(label) + ': ' + v));
          root.appendChild(rect);
          acc += v;
        });
        const every = Math.ceil(years.length / 8);
        if (i % every === 0) root.appendChild(svg('text', { x: x0 + i * slot + bw / 2, y: H - 4, class: 'tick', 'text-anchor': 'middle' }, String(year)));
      });
      host.appendChild(root);
      host.appendChild(el('ul', { class: 'legend' }, series.map(([label], s) =>
        el('li', null, el('span', { class: 'swatch', dataset: { c: String(s % PALETTE.length) } }), nice(label)))));
    }
  }

  // A fact of the detail view; vocabulary labels (enums) are shown by name, scraped text as is.
  function row(label, value, vocabulary) {
    if (value == null || value === '' || (Array.isArray(value) && !value.length)) return null;
    const text = Array.isArray(value) ? value.map((v) => (vocabulary ? nice(v) : String(v))).join(', ') : String(value);
    return [el('dt', null, label), el('dd', null, text)];
  }

  async function openTrial(id) {
    const p = new URLSearchParams(location.hash.slice(1));
    p.set('trial', id);
    history.replaceState(null, '', '#' + p.toString());
    const body = clear($('detail-body'));
    body.appendChild(el('p', { class: 'muted' }, 'Loading ' + id + ' ...'));
    $('detail').hidden = false;
    $('detail-backdrop').hidden = false;
    try {
      const t = await getJson('/api/trials/' + encodeURIComponent(id));
      clear(body);
      body.appendChild(el('p', { class: 'id' }, t.id + (t.registry ? ' \u00b7 ' + nice(t.registry) : '')));
      body.appendChild(el('h2', { id: 'detail-title' }, t.title || t.id));
      if (t.officialTitle && t.officialTitle !== t.title) body.appendChild(el('p', { class: 'official' }, t.officialTitle));
      body.appendChild(el('div', { class: 'badges' }, badges(t)));
      body.appendChild(el('dl', { class: 'facts' }, [
        row('Confidence', t.confidence != null ? Math.round(t.confidence * 100) + '%' : null),
        row('Conditions', t.conditions), row('Interventions', t.interventions),
        row('Product', t.productTypes, true), row('Routes', t.routes, true), row('Cargo', [t.cargo, t.cargoDetail].filter(Boolean).join(': ')),
        row('Condition areas', t.conditionAreas, true), row('Sponsor', t.sponsor), row('Countries', t.countries),
        row('Enrollment', t.enrollment != null ? t.enrollment + (t.enrollmentType ? ' (' + t.enrollmentType.toLowerCase() + ')' : '') : null),
        row('Start', t.startDate), row('Completion', t.completionDate), row('Last update', t.lastUpdate),
        row('Registry status', t.statusRaw), row('Registrations', (t.registrations || []).map(registrationLabel)), row('Classifier', t.classifierVersion),
      ]));
      if (t.summary) body.appendChild(el('section', null, el('h3', null, 'Summary'), el('p', { class: 'prose' }, t.summary)));
      const ev = t.evidence || [];
      body.appendChild(el('section', null, el('h3', null, 'Evidence (' + ev.length + ')'),
        ev.length ? el('table', { class: 'ev-table' },
          el('thead', null, el('tr', null, el('th', null, 'label'), el('th', null, 'matched text'), el('th', null, 'field'))),
          el('tbody', null, ev.map((e) => el('tr', null, el('td', null, e.label), el('td', null, e.text), el('td', { class: 'ev-field' }, e.field)))))
          : el('p', { class: 'muted' }, 'No evidence recorded.')));
      const arts = t.articles || [];
      body.appendChild(el('section', { class: 'articles' }, el('h3', null, 'Linked articles (' + arts.length + ')'),
        arts.length ? el('ul', null, arts.map((a) => el('li', { dataset: { id: a.id } },
          el('span', { class: 'art-title' }, a.title || a.id), ' ',
          el('span', { class: 'muted' }, [a.journal, a.publicationDate, a.studyKind && nice(a.studyKind), a.id].filter(Boolean).join(' \u00b7 ')))))
          : el('p', { class: 'muted' }, 'No linked articles yet.')));
      if (t.sourceUrl && /^https?:\/\//i.test(t.sourceUrl)) {
        body.appendChild(el('p', null, el('a', { href: t.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, 'Registry record \u2197')));
      }
    } catch (e) {
      clear(body).appendChild(el('p', { class: 'error' }, 'Cannot load ' + id + ': ' + e.message));
    }
    $('detail-close').focus();
  }

  function closeDetail() {
    $('detail').hidden = true;
    $('detail-backdrop').hidden = true;
    const p = new URLSearchParams(location.hash.slice(1));
    p.delete('trial');
    history.replaceState(null, '', '#' + p.toString());
  }

  function connectFeed() {
    const source = new EventSource('/api/events');
    source.addEventListener('open', () => { $('conn').textContent = 'feed: live'; $('conn').className = 'conn live'; });
    source.addEventListener('error', () => { $('conn').textContent = 'feed: reconnecting'; $('conn').className = 'conn down'; });
    source.addEventListener('trial', (msg) => {
      let e;
      try { e = JSON.parse(msg.data); } catch (err) { return; }
      $('feed-empty').hidden = true;
      const when = new Date(e.ts).toLocaleTimeString();
      const change = e.op === 'STATUS_CHANGED' && e.before
        ? nice(e.before.status) + ' \u2192 ' + nice(e.status)
        : e.op === 'UPDATED' ? 'changed: ' + (e.changedFields || []).join(', ') : 'new trial';
      const link = el('a', { href: '#trial=' + encodeURIComponent(e.id), class: 'feed-title' }, e.title || e.id);
      link.addEventListener('click', (ev) => { ev.preventDefault(); openTrial(e.id); });
      const item = el('li', { class: 'feed-item op-' + e.op, dataset: { id: e.id } },
        el('div', { class: 'feed-head' }, el('span', { class: 'op' }, nice(e.op)), el('span', { class: 'id' }, e.id), el('time', null, when)),
        link, el('div', { class: 'muted' }, change));
      const feed = $('feed');
      feed.insertBefore(item, feed.firstChild);
      while (feed.children.length > 50) feed.removeChild(feed.lastChild);
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      state.q = $('q').value.trim();
      state.from = 0;
      search();
    });
    $('sort').addEventListener('change', () => { state.sort = $('sort').value; state.from = 0; search(); });
    $('clear').addEventListener('click', () => { state.filters = {}; state.q = ''; $('q').value = ''; state.from = 0; search(); });
    $('detail-close').addEventListener('click', closeDetail);
    $('detail-backdrop').addEventListener('click', closeDetail);
    document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && !$('detail').hidden) closeDetail(); });
    const trial = loadHash();
    search();
    if (trial) openTrial(trial);
    connectFeed();
  });
})();
