// The search page. The URL holds the whole state (q, filter…, page, literal, same_sentence),
// so a search can be bookmarked and shared; the back button walks through earlier searches.
import {
  api, el, markNav, facetLabel, facetOrder, valueLabel, isAbsent, absentOf, highlight, badges,
  installTooltips, legend, docHref, sectionName, hideTip, metaLine, FACET_ORDER, FACETS, shortSource,
} from './common.js';

const PAGE_SIZE = 10;
const $ = (id) => document.getElementById(id);

const form = $('search-form');
const input = $('q');
const literalBox = $('literal');
const sortBox = $('sort');
const sameBox = $('same');
const chips = $('chips');
const facetsEl = $('facets');
const facetsBox = $('facets-box');
const hitsEl = $('hits');
const summary = $('summary');
const pager = $('pager');
const errorEl = $('error');

// SORTS are the orders of the hits the API knows.
const SORTS = ['relevance', 'newest', 'oldest', 'id'];

// ---- State <-> URL ----

function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const page = parseInt(p.get('page') || '1', 10);
  return {
    q: p.get('q') || '',
    filters: p.getAll('filter').filter((f) => /[=<>]/.test(f)),
    sort: SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance',
    page: Number.isFinite(page) && page > 0 ? page : 1,
    literal: p.get('literal') === '1',
    same: p.get('same_sentence') === '1',
  };
}

function stateURL(st) {
  const p = new URLSearchParams();
  if (st.q) p.set('q', st.q);
  for (const f of st.filters) p.append('filter', f);
  if (st.literal) p.set('literal', '1');
  if (st.same) p.set('same_sentence', '1');
  if (st.sort && st.sort !== 'relevance') p.set('sort', st.sort);
  if (st.page > 1) p.set('page', String(st.page));
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

// A facet shows FACET_SHOWN values, and the rest (up to FACET_FETCH) behind "Show all".
const FACET_SHOWN = 10;
const FACET_FETCH = 200;
const facetsOpen = new Set(); // facets whose every value is shown

function apiURL(st) {
  const p = new URLSearchParams();
  p.set('q', st.q.trim() || '*');
  for (const f of st.filters) p.append('filter', f);
  if (st.literal) p.set('literal', '1');
  if (st.same) p.set('same_sentence', '1');
  if (st.sort && st.sort !== 'relevance') p.set('sort', st.sort);
  p.set('facets', FACET_ORDER.join(','));
  p.set('facet_size', String(FACET_FETCH));
  p.set('limit', String(PAGE_SIZE));
  p.set('offset', String((st.page - 1) * PAGE_SIZE));
  return `/api/search?${p}`;
}

let state = readState();

// focusAfter says where keyboard focus goes once the next results are drawn, when the
// element that had it is gone: the same facet value if it is still listed, else the summary.
let focusAfter = null;

function go(next, { push = true } = {}) {
  const a = document.activeElement;
  if (a && a !== document.body && a !== input) {
    focusAfter = a.dataset && a.dataset.facet ? { facet: a.dataset.facet, value: a.dataset.value, cls: a.classList.contains('fx') ? 'fx' : 'fv' } : {};
    if (!wide.matches && a.closest && a.closest('#facets')) facetsBox.open = false; // a phone: show the results
  }
  state = next;
  const url = stateURL(state);
  if (push && url !== location.pathname + location.search) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  run();
}

// ---- Filters ----

function parseFilter(s) {
  const ne = s.indexOf('!=');
  if (ne > 0) return { facet: s.slice(0, ne), value: s.slice(ne + 2), exclude: true };
  // "year>=2023": the comparison is part of the value, as the API writes it.
  const m = /^([^<>=]+)(>=|<=|>|<|=)(.*)$/.exec(s);
  if (!m) return { facet: s, value: '', exclude: false };
  return { facet: m[1], value: m[2] === '=' ? m[3] : m[2] + m[3], exclude: false };
}

const sameValue = (a, b) => String(a).toLowerCase() === String(b).toLowerCase();

// removeWords takes the words of part out of q (the first place they stand together, or
// else each word once), for removing an interpreted chip.
function removeWords(q, part) {
  const i = q.toLowerCase().indexOf(part.toLowerCase());
  let out;
  if (part && i >= 0) {
    out = q.slice(0, i) + ' ' + q.slice(i + part.length);
  } else {
    const words = q.split(/\s+/);
    for (const w of part.split(/\s+/)) {
      const j = words.findIndex((x) => sameValue(x, w));
      if (j >= 0) words.splice(j, 1);
    }
    out = words.join(' ');
  }
  return out.replace(/\s+/g, ' ').replace(/^[\s,;]+|[\s,;]+$/g, '');
}

// ---- Rendering ----

// chipFacet is the small facet name in front of a chip's value, where the value does not
// already say it ("CRS grade 2" does, "tocilizumab" does not).
function chipFacet(facet, explicit) {
  if (!facet) return el('span', { class: 'chip-facet' }, 'words');
  const says = ['crs', 'crs_grade', 'icans', 'icans_grade'].includes(facet);
  if (says && !explicit) return null;
  return el('span', { class: 'chip-facet' }, explicit ? (says ? 'filter' : `filter · ${facetLabel(facet)}`) : facetLabel(facet));
}

function chip({ facet, label, explicit, remove, removeLabel, text }) {
  return el('span', { class: `chip ${facet ? `f-${facet}` : 'chip-text'}${explicit ? ' chip-explicit' : ''}`, dataset: facet ? { facet } : {} },
    chipFacet(facet, explicit),
    el('span', { class: 'chip-label', title: text ? `from “${text}”` : null }, label),
    el('button', { type: 'button', 'aria-label': removeLabel, title: removeLabel, onclick: remove }, '×'));
}

function renderChips(res) {
  const items = [];
  const interp = (res && res.interpretation) || { filters: [], text: '' };
  for (const f of interp.filters || []) {
    const label = (f.exclude ? 'not ' : '') + valueLabel(f.facet, f.value);
    items.push(chip({
      facet: f.facet, label, text: f.text,
      removeLabel: `Remove ${label}`,
      remove: () => go({ ...state, q: removeWords(state.q, f.text), page: 1 }),
    }));
  }
  for (const id of interp.ids || []) {
    items.push(chip({
      label: `document ${id}`, removeLabel: `Remove the id ${id}`,
      remove: () => go({ ...state, q: removeWords(state.q, id), page: 1 }),
    }));
  }
  const rest = (interp.text || '').trim();
  if (rest && rest !== '*') {
    const label = interp.syntax ? `query syntax: ${rest}` : `“${rest}”`;
    items.push(chip({
      label, removeLabel: `Remove the words ${rest}`,
      remove: () => {
        const q = interp.literal || interp.syntax ? '' : (interp.filters || []).map((f) => f.text).join(' ');
        go({ ...state, q, page: 1 });
      },
    }));
  }
  for (const s of state.filters) {
    const f = parseFilter(s);
    const label = (f.exclude ? 'not ' : '') + valueLabel(f.facet, f.value);
    items.push(chip({
      facet: f.facet, label, explicit: true,
      removeLabel: `Remove filter ${label}`,
      remove: () => go({ ...state, filters: state.filters.filter((x) => x !== s), page: 1 }),
    }));
  }
  if (items.length) {
    items.unshift(el('span', { class: 'chips-label' }, 'Searching for'));
    if (items.length > 2) {
      items.push(el('button', { type: 'button', class: 'linkish small', onclick: () => go({ ...state, q: '', filters: [], page: 1 }) }, 'clear all'));
    }
  }
  chips.replaceChildren(...items);
}

// activeFor says how a facet value is in force: 'explicit' (a filter), 'query' (read from
// the query) or ''.
function activeFor(res, facet, value) {
  if (state.filters.some((s) => { const f = parseFilter(s); return !f.exclude && f.facet === facet && sameValue(f.value, value); })) return 'explicit';
  const interp = res.interpretation || {};
  if ((interp.filters || []).some((f) => !f.exclude && f.facet === facet && sameValue(f.value, value))) return 'query';
  return '';
}

function toggleFacet(res, facet, value) {
  const how = activeFor(res, facet, value);
  if (how === 'explicit') {
    go({ ...state, filters: state.filters.filter((s) => { const f = parseFilter(s); return !(f.facet === facet && sameValue(f.value, value) && !f.exclude); }), page: 1 });
  } else if (how === 'query') {
    const f = res.interpretation.filters.find((x) => x.facet === facet && sameValue(x.value, value));
    go({ ...state, q: removeWords(state.q, f.text), page: 1 });
  } else {
    go({ ...state, filters: [...state.filters, `${facet}=${value}`], page: 1 });
  }
}

// panelLabel names a value inside its facet's panel: "2" under CRS grade, "absent" under
// ICANS, "no neutropenia" for "neutropenia: absent".
function panelLabel(facet, value) {
  const m = /^(.*): ?absent$/.exec(value);
  return m ? `no ${m[1]}` : value;
}

function renderFacets(res) {
  const groups = [];
  for (const facet of facetOrder(Object.keys(res.facets || {}))) {
    const counts = (res.facets[facet] || []).filter((c) => c.count > 0);
    if (!counts.length) continue;
    const hid = `facet-${facet}`;
    groups.push(el('section', { class: `facet f-${facet}`, 'aria-labelledby': hid, dataset: { facet } },
      el('h2', { id: hid }, facetLabel(facet)),
      el('ul', { id: `${hid}-values` }, counts.filter((c, i) => i < FACET_SHOWN || facetsOpen.has(facet) || activeFor(res, facet, c.value) !== '').map((c) => {
        const on = activeFor(res, facet, c.value) !== '';
        return el('li', null, el('button', {
          type: 'button', class: 'fv', 'aria-pressed': on ? 'true' : 'false',
          dataset: { facet, value: c.value },
          title: on ? `Remove ${valueLabel(facet, c.value)}` : `Only documents with ${valueLabel(facet, c.value)}`,
          onclick: () => toggleFacet(res, facet, c.value),
        },
        el('span', { class: `fv-name${isAbsent(facet, c.value) ? ' absent' : ''}` }, panelLabel(facet, c.value)),
        el('span', { class: 'count' }, String(c.count), el('span', { class: 'sr-only' }, c.count === 1 ? ' document' : ' documents'))),
        on ? null : el('button', {
          type: 'button', class: 'fx', dataset: { facet, value: c.value },
          'aria-label': `Exclude ${valueLabel(facet, c.value)}`, title: `Only documents without ${valueLabel(facet, c.value)}`,
          onclick: () => go({ ...state, filters: [...state.filters, `${facet}!=${c.value}`], page: 1 }),
        }, '−'));
      })),
      counts.length > FACET_SHOWN ? el('button', {
        type: 'button', class: 'linkish small more', 'aria-expanded': facetsOpen.has(facet) ? 'true' : 'false',
        'aria-controls': `${hid}-values`,
        onclick: () => {
          if (facetsOpen.has(facet)) facetsOpen.delete(facet); else facetsOpen.add(facet);
          renderFacets(res);
          facetsEl.querySelector(`[data-facet="${facet}"] button.more`)?.focus();
        },
      }, facetsOpen.has(facet) ? 'Show fewer' : `Show all ${counts.length}${counts.length === FACET_FETCH ? '+' : ''}`) : null));
  }
  const n = state.filters.length + ((res.interpretation && res.interpretation.filters) || []).length;
  facetsBox.querySelector('summary').textContent = n ? `Filter by facet (${n} in force)` : 'Filter by facet';
  facetsEl.replaceChildren(...(groups.length ? groups : [el('p', { class: 'muted small' }, 'No facets for these results.')]));
}

function renderHits(res) {
  const first = (state.page - 1) * PAGE_SIZE;
  hitsEl.start = first + 1;
  hitsEl.replaceChildren(...res.hits.map((h, i) => {
    const tid = `hit-${i}`;
    return el('li', { class: 'hit', dataset: { id: h.id } },
      el('article', { 'aria-labelledby': tid },
        el('h2', { id: tid }, el('span', { class: 'rank', 'aria-hidden': 'true' }, `${first + i + 1}.`),
          el('a', { href: docHref(h.id) }, h.title || h.id)),
        el('p', { class: 'src', title: h.source || null }, shortSource(h.source) || h.id, h.score ? el('span', { class: 'muted' }, ` · score ${h.score.toFixed(2)}`) : null),
        metaLine(h.meta, h.id),
        badges(h.facets),
        h.sentences && h.sentences.length ? el('ol', { class: 'sents', 'aria-label': 'Best sentences' }, h.sentences.map((s) =>
          el('li', { class: 'sent', dataset: { index: s.index, section: s.section } },
            s.section && s.section !== 'body' ? el('span', { class: 'sec-label' }, sectionName(s.section)) : null,
            highlight(s.text, s.start, s.tags, s.matches),
            el('a', { class: 'goto', href: docHref(h.id, s.index), 'aria-label': `in document: sentence ${s.index}` }, '→ in document')))) : null));
  }));
  if (!res.hits.length) {
    hitsEl.replaceChildren(el('li', { class: 'empty' }, state.page > 1 && res.total > 0
      ? 'No results on this page.'
      : 'No documents match. Remove a chip or a filter to widen the search.'));
    if (!res.total) offerNegated(res);
    const sug = res.interpretation && res.interpretation.suggestion;
    if (!res.total && sug) {
      const alt = { ...state, q: sug, page: 1 };
      hitsEl.querySelector('li.empty').append(' ', el('span', { class: 'suggestion' }, 'Did you mean ',
        el('a', { href: stateURL(alt), onclick: (e) => { e.preventDefault(); go(alt); } }, sug), '?'));
    }
  }
}

// offerNegated: a search for an outcome ("ICANS") that finds nothing may still find the
// documents that say it did not happen (their absent value, "icans=absent": not those that
// deny only some grades of it); the empty state offers them with their count. A grade
// facet has no absent value: its denials are asked for as such ("crs_grade=3+/negated").
async function offerNegated(res) {
  const outcome = new Set(FACETS.filter((f) => f.kind === 'outcome').map((f) => f.name));
  const f = ((res.interpretation && res.interpretation.filters) || []).find((x) => outcome.has(x.facet) && !x.exclude && !x.value.includes('/') && !isAbsent(x.facet, x.value));
  if (!f) return;
  const v = f.value.startsWith('≥') ? `${f.value.slice(1)}+` : f.value; // a grade range "≥3" is the tag value "3+"
  const denied = absentOf(f.facet, v) ?? `${v}/negated`;
  const alt = { ...state, q: removeWords(state.q, f.text), filters: [...state.filters, `${f.facet}=${denied}`], page: 1 };
  const url = new URL(apiURL(alt), location.origin);
  url.searchParams.set('limit', '0');
  url.searchParams.set('facets', 'none');
  if (!url.searchParams.get('q').trim()) url.searchParams.set('q', '*');
  let n = 0;
  try {
    n = Number((await api(`${url.pathname}${url.search}`)).total);
  } catch {
    return; // the hint is a nicety: without it the empty state still stands
  }
  const li = hitsEl.querySelector('li.empty');
  if (!n || !li) return;
  li.append(' ', el('span', { class: 'negated-hint' },
    `${n} document${n === 1 ? ' says' : 's say'} ${valueLabel(f.facet, f.value)} did not happen: `,
    el('a', { href: stateURL(alt), onclick: (e) => { e.preventDefault(); go(alt); } }, n === 1 ? 'show it' : 'show those')));
}

function pageLink(page, label, attrs = {}) {
  const url = stateURL({ ...state, page });
  return el('a', {
    class: 'btn-plain', href: url, ...attrs,
    onclick: (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      go({ ...state, page });
      window.scrollTo(0, 0);
    },
  }, label);
}

function renderPager(res) {
  const pages = Math.max(1, Math.ceil(Number(res.total) / PAGE_SIZE));
  if (pages <= 1 && state.page <= 1) { pager.replaceChildren(); return; }
  const p = state.page;
  if (p > pages) { // past the end (an old bookmark): offer the way back
    pager.replaceChildren(pageLink(pages, '← Previous', { rel: 'prev' }));
    return;
  }
  const items = [];
  items.push(p > 1 ? pageLink(p - 1, '← Previous', { rel: 'prev' }) : el('span', { class: 'btn-plain', 'aria-disabled': 'true' }, '← Previous'));
  const from = Math.max(1, p - 2), to = Math.min(pages, p + 2);
  if (from > 1) { // the first page, always one click away
    items.push(pageLink(1, '1', { 'aria-label': 'First page, 1' }));
    if (from > 2) items.push(el('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
  }
  for (let i = from; i <= to; i++) {
    items.push(i === p ? el('span', { class: 'btn-plain', 'aria-current': 'page' }, String(i)) : pageLink(i, String(i), { 'aria-label': `Page ${i}` }));
  }
  if (to < pages) { // and the last
    if (to < pages - 1) items.push(el('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(pageLink(pages, String(pages), { 'aria-label': `Last page, ${pages}` }));
  }
  items.push(p < pages ? pageLink(p + 1, 'Next →', { rel: 'next' }) : el('span', { class: 'btn-plain', 'aria-disabled': 'true' }, 'Next →'));
  pager.replaceChildren(...items);
}

// renderExport points the export links at the search on screen (all its documents, up to
// the server's limit).
function renderExport(res) {
  const box = $('export');
  box.hidden = !Number(res.total);
  const url = new URL(apiURL(state), location.origin);
  url.pathname = '/api/export';
  for (const k of ['limit', 'offset', 'facets', 'facet_size']) url.searchParams.delete(k);
  for (const [id, format] of [['export-csv', 'csv'], ['export-jsonl', 'jsonl']]) {
    url.searchParams.set('format', format);
    $(id).href = `${url.pathname}${url.search}`;
  }
}

function renderSummary(res) {
  renderExport(res);
  const total = Number(res.total);
  const first = (state.page - 1) * PAGE_SIZE;
  const what = state.q.trim() || state.filters.length ? '' : ' (all documents)';
  if (!total) summary.textContent = 'No documents match.';
  else if (first >= total) summary.textContent = `Page ${state.page} is past the last page: ${total} document${total === 1 ? '' : 's'}${what}`;
  else if (total <= PAGE_SIZE && state.page === 1) summary.textContent = `${total} document${total === 1 ? '' : 's'}${what}`;
  else summary.textContent = `${first + 1}–${Math.min(first + res.hits.length, total)} of ${total} documents${what}`;
}

// ---- Running a search ----

let seq = 0;
let inflight = null;

async function run() {
  input.value = state.q;
  literalBox.checked = state.literal;
  sameBox.checked = state.same;
  sortBox.value = state.sort;
  document.title = state.q ? `${state.q} — trialtag` : 'trialtag — search';
  const my = ++seq;
  if (inflight) inflight.abort();
  inflight = new AbortController();
  hideTip();
  hitsEl.setAttribute('aria-busy', 'true');
  summary.textContent = 'Searching…';
  try {
    const res = await api(apiURL(state), { signal: inflight.signal });
    if (my !== seq) return;
    errorEl.hidden = true;
    renderChips(res);
    renderFacets(res);
    renderHits(res);
    renderPager(res);
    renderSummary(res);
    // One Tab stop per sentence for its tags (a page would have dozens): the first tag; the
    // arrow keys move between the tags of that sentence.
    for (const li of hitsEl.querySelectorAll('li.sent')) {
      li.querySelectorAll('mark.tag').forEach((m, i) => { m.tabIndex = i === 0 ? 0 : -1; });
    }
    restoreFocus();
  } catch (err) {
    if (err.name === 'AbortError' || my !== seq) return;
    errorEl.textContent = `Search failed: ${err.message}`;
    errorEl.hidden = false;
    summary.textContent = '';
    hitsEl.replaceChildren();
    pager.replaceChildren();
    renderChips(null);
  } finally {
    if (my === seq) {
      hitsEl.removeAttribute('aria-busy');
      document.body.dataset.ready = String(my);
    }
  }
}

hitsEl.addEventListener('keydown', (e) => {
  if ((e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') || !e.target.matches('mark.tag')) return;
  const marks = [...e.target.closest('li.sent').querySelectorAll('mark.tag')];
  const next = marks[marks.indexOf(e.target) + (e.key === 'ArrowRight' ? 1 : -1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
});

function restoreFocus() {
  const want = focusAfter;
  focusAfter = null;
  if (!want || (document.activeElement && document.activeElement !== document.body)) return;
  let target = null;
  if (want.facet) {
    target = facetsEl.querySelector(`button.${want.cls}[data-facet="${CSS.escape(want.facet)}"][data-value="${CSS.escape(want.value)}"]`)
      || facetsEl.querySelector(`button.fv[data-facet="${CSS.escape(want.facet)}"][data-value="${CSS.escape(want.value)}"]`);
  }
  if (!target || !target.offsetParent) target = summary;
  target.focus();
}

// ---- Wiring ----

markNav('search');
$('legend-slot').append(legend());
installTooltips(hitsEl);
const wide = window.matchMedia('(min-width: 52.01rem)');
facetsBox.open = wide.matches;
wide.addEventListener('change', () => { facetsBox.open = wide.matches; });

form.addEventListener('submit', (e) => {
  e.preventDefault();
  go({ ...state, q: input.value.trim(), page: 1 });
});
literalBox.addEventListener('change', () => go({ ...state, literal: literalBox.checked, page: 1 }));
sameBox.addEventListener('change', () => go({ ...state, same: sameBox.checked, page: 1 }));
sortBox.addEventListener('change', () => go({ ...state, sort: sortBox.value, page: 1 }));
window.addEventListener('popstate', () => { state = readState(); run(); });
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t.isContentEditable) return;
  e.preventDefault();
  input.focus();
  input.select();
});

history.replaceState(null, '', stateURL(state));
run();
