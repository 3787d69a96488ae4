// Shared helpers of the trialtag pages: the API, facet names, DOM building, and the
// highlighting of tag spans (whose offsets are UTF-8 byte offsets into the document text).

// FACETS is the tag vocabulary as the server's classifier defines it (GET /api/facets):
// [{name, label, kind, values, graded, absent_form, record}], outcome facets first for
// display, then mention facets, then the facets of the records' metadata.
export const FACETS = await loadFacets();
const FACET_INFO = new Map(FACETS.map((f) => [f.name, f]));
export const FACET_ORDER = FACETS.map((f) => f.name);

async function loadFacets() {
  const res = await fetch('/api/facets', { headers: { Accept: 'application/json' } });
  const list = res.ok ? await res.json() : [];
  const tags = list.filter((f) => !f.record);
  return [...tags.filter((f) => f.kind === 'outcome'), ...tags.filter((f) => f.kind !== 'outcome'), ...list.filter((f) => f.record)];
}

export function facetLabel(facet) {
  return FACET_INFO.get(facet)?.label || facet.replace(/_/g, ' ');
}

// facetOrder sorts facet names: known ones in display order, then the rest by name.
export function facetOrder(names) {
  return [...names].sort((a, b) => {
    const ia = FACET_ORDER.indexOf(a), ib = FACET_ORDER.indexOf(b);
    if (ia >= 0 && ib >= 0) return ia - ib;
    if (ia >= 0) return -1;
    if (ib >= 0) return 1;
    return a.localeCompare(b);
  });
}

// negatedOnly returns the value a document facet value says did not happen ("present" for
// crs "absent", "tocilizumab" for "tocilizumab: absent"), or null, by the facet's
// absent_form from the server.
export function negatedOnly(facet, value) {
  const form = FACET_INFO.get(facet)?.absent_form;
  if (!form) return null;
  const [before, after] = form.includes('{value}') ? form.split('{value}') : [null, null];
  const v = String(value);
  if (before === null) return v === form ? 'present' : null;
  if (v.length > before.length + after.length && v.startsWith(before) && v.endsWith(after)) {
    return v.slice(before.length, v.length - after.length);
  }
  return null;
}

// absentOf returns the document facet value that says value did not happen ("absent" for
// crs "present", "tocilizumab: absent" for "tocilizumab"), or null for a facet without one
// (a grade facet), by the facet's absent_form from the server: the inverse of negatedOnly.
export function absentOf(facet, value) {
  const form = FACET_INFO.get(facet)?.absent_form;
  if (!form) return null;
  if (!form.includes('{value}')) return String(value) === 'present' ? form : null;
  return form.replace('{value}', String(value));
}

// isAbsent reports whether a document facet value says the thing did not happen.
export function isAbsent(facet, value) {
  return negatedOnly(facet, value) !== null;
}

// valueLabel names a facet value on its own: "CRS grade 2", "ICANS absent", "tocilizumab".
export function valueLabel(facet, value) {
  let v = String(value);
  let status = '';
  const m = /^(.*)\/(affirmed|negated|hypothetical|generic)$/.exec(v);
  if (m) { v = m[1]; status = ` (${m[2]})`; }
  const info = FACET_INFO.get(facet);
  if (info?.graded) return `${facetLabel(facet)} ${v}${status}`;
  const neg = negatedOnly(facet, v);
  if (info?.values?.length === 1 && info.values[0] === 'present') {
    if (v === 'present') return facetLabel(facet) + status;
    if (neg !== null) return `no ${facetLabel(facet)}${status}`;
    return `${facetLabel(facet)} ${v}${status}`;
  }
  if (neg !== null) return `no ${neg}${status}`;
  return v + status;
}

// el builds an element: el('a', {href: '/', class: 'x'}, 'text', child, ...).
// Attributes with null/undefined/false values are left out; "on*" functions become listeners.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(e, c);
    else e.append(c instanceof Node ? c : String(c));
  }
}

// api fetches JSON from the server; a non-2xx answer throws an Error carrying the server's
// {"error": "..."} message.
export async function api(path, opts = {}) {
  const init = { headers: { Accept: 'application/json' }, signal: opts.signal };
  if (opts.body !== undefined) {
    init.method = 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  const res = await fetch(path, init);
  const type = res.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    data = await res.json();
  } else {
    const text = await res.text();
    data = res.ok ? text : { error: text.trim() || res.statusText };
  }
  if (!res.ok) {
    const msg = (data && data.error) || `${res.status} ${res.statusText}`;
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return data;
}

// markNav marks the current page's link in the header.
export function markNav(name) {
  const a = document.querySelector(`.nav a[data-page="${name}"]`);
  if (a) a.setAttribute('aria-current', 'page');
}

// ---- Byte offsets ----

const encoder = new TextEncoder();

// byteIndex returns a function mapping a UTF-8 byte offset into text to a string index.
// Offsets inside a character round down to its start.
export function byteIndex(text) {
  // Fast path: ASCII text has equal byte and string offsets.
  if (!/[^\x00-\x7f]/.test(text)) return (b) => Math.max(0, Math.min(b, text.length));
  const bytes = []; // bytes[i] = byte offset of string index i
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    bytes.push(b);
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { b += 4; bytes.push(b); i++; } // surrogate pair
    else b += 3;
  }
  bytes.push(b);
  return (off) => {
    if (off <= 0) return 0;
    if (off >= b) return text.length;
    let lo = 0, hi = bytes.length - 1;
    while (lo < hi) { // last index with bytes[i] <= off
      const mid = (lo + hi + 1) >> 1;
      if (bytes[mid] <= off) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
}

export function byteLength(text) {
  return encoder.encode(text).length;
}

// ---- Highlighting ----

// highlight renders text (which starts at document byte offset base) with its tags as <mark>
// elements and free-text matches as <span class="qmatch">. Spans nest: "Grade 1 CRS"
// (crs_grade) holds "CRS" (crs). Tags with the same span share one mark; a span crossing
// another's end is cut in two.
export function highlight(text, base, tags = [], matches = []) {
  const at = byteIndex(text);
  const spans = [];
  const byKey = new Map();
  for (const t of tags || []) {
    const s = at(t.start - base), e = at(t.end - base);
    if (!(e > s)) continue;
    const key = `${s}:${e}`;
    let sp = byKey.get(key);
    if (!sp) {
      sp = { start: s, end: e, tags: [], kind: 0 };
      byKey.set(key, sp);
      spans.push(sp);
    }
    sp.tags.push(t);
  }
  for (const m of matches || []) {
    const s = at(m.start - base), e = at(m.end - base);
    if (e > s) spans.push({ start: s, end: e, tags: null, kind: 1 });
  }
  const frag = document.createDocumentFragment();
  renderNested(frag, text, nest(spans), 0, text.length);
  return frag;
}

function cmpSpan(a, b) {
  return a.start - b.start || b.end - a.end || a.kind - b.kind;
}

// nest turns spans into a tree by containment.
function nest(spans) {
  const todo = spans.slice().sort(cmpSpan);
  const root = { start: 0, end: Infinity, children: [] };
  const stack = [root];
  while (todo.length) {
    let s = todo.shift();
    s = { ...s, children: [] };
    while (stack.length > 1 && s.start >= stack[stack.length - 1].end) stack.pop();
    const top = stack[stack.length - 1];
    if (s.end > top.end) {
      // Crossing spans: keep the part inside top, put the rest back in order.
      const rest = { ...s, start: top.end, children: [] };
      s.end = top.end;
      let i = 0;
      while (i < todo.length && cmpSpan(todo[i], rest) <= 0) i++;
      todo.splice(i, 0, rest);
    }
    top.children.push(s);
    stack.push(s);
  }
  return root.children;
}

function renderNested(parent, text, nodes, from, to) {
  let cur = from;
  for (const n of nodes) {
    if (n.start > cur) parent.append(text.slice(cur, n.start));
    let e;
    if (n.tags) {
      e = tagMark(n.tags);
    } else {
      e = document.createElement('span');
      e.className = 'qmatch';
    }
    renderNested(e, text, n.children, n.start, n.end);
    parent.append(e);
    cur = n.end;
  }
  if (cur < to) parent.append(text.slice(cur, to));
}

// tagMark is the <mark> of one span with its tags; the first tag decides the colour and
// style, every tag shows in the tooltip.
const markTags = new WeakMap();
function tagMark(tags) {
  const t = tags[0];
  const m = document.createElement('mark');
  m.className = `tag f-${t.facet} st-${t.status}`;
  m.tabIndex = 0;
  m.dataset.facet = t.facet;
  m.dataset.value = t.value;
  m.dataset.status = t.status;
  m.dataset.rule = t.rule;
  if (t.cue) m.dataset.cue = t.cue;
  const inc = tags.map((x) => incidenceLabel(x.incidence)).find((x) => x);
  if (inc) m.dataset.incidence = inc;
  if (tags.length > 1) {
    m.dataset.facets = tags.map((x) => x.facet).join(' ');
    m.dataset.statuses = tags.map((x) => x.status).join(' ');
  }
  markTags.set(m, tags);
  return m;
}

export function tagsOf(mark) {
  return markTags.get(mark) || [];
}

// shortSource names where a document came from without the server's folders: the file name
// ("NCT01234567.txt", "export.jsonl:242"); the full source stays in the title.
export function shortSource(source) {
  if (!source) return '';
  const i = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
  return i >= 0 ? source.slice(i + 1) : source;
}

// incidenceLabel writes how many had it: "2/15 (13%)", "4 patients", "12.5%", "0/16", and
// an adverse event's grade when the count is of one ("grade 3-4: 15%"); the denominator is
// marked when it was inferred from the study's population.
export function incidenceLabel(inc) {
  if (!inc) return '';
  const pct = inc.percent != null ? inc.percent
    : (inc.n != null && inc.of ? Math.round((1000 * inc.n) / inc.of) / 10 : null);
  let s = '';
  if (inc.n != null) s = inc.of != null ? `${inc.n}/${inc.of}${inc.source === 'inferred' ? '*' : ''}` : `${inc.n} patient${inc.n === 1 ? '' : 's'}`;
  if (pct != null) s = s ? `${s} (${pct}%)` : `${pct}%`;
  return inc.grade ? `grade ${inc.grade}: ${s}` : s;
}

// tagSummary is one line naming a tag: "CRS grade 1 · affirmed", "CRS grade 2 · 2/15 (13%) ·
// affirmed".
export function tagSummary(t) {
  const inc = incidenceLabel(t.incidence);
  return `${valueLabel(t.facet, t.value)}${inc ? ` · ${inc}` : ''} · ${t.status}`;
}

// ---- Tooltip ----

let tip = null;
let tipFor = null;

// installTooltips shows the rule, status and cue of a tag mark on hover and focus, anywhere
// under root. Escape hides it.
export function installTooltips(root = document.body) {
  if (!tip) {
    tip = el('div', { class: 'tip', id: 'tag-tip', role: 'tooltip', hidden: true });
    document.body.append(tip);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') hideTip();
    });
    window.addEventListener('scroll', () => { if (tipFor) placeTip(tipFor); }, { passive: true });
    window.addEventListener('resize', () => { if (tipFor) placeTip(tipFor); });
  }
  const show = (e) => {
    const m = e.target.closest && e.target.closest('mark.tag');
    if (m && root.contains(m)) showTip(m);
  };
  root.addEventListener('mouseover', show);
  root.addEventListener('focusin', show);
  root.addEventListener('mouseout', (e) => {
    const m = e.target.closest && e.target.closest('mark.tag');
    if (m && m === tipFor && !m.contains(e.relatedTarget) && document.activeElement !== m) hideTip();
  });
  root.addEventListener('focusout', (e) => {
    const m = e.target.closest && e.target.closest('mark.tag');
    if (m && m === tipFor) hideTip();
  });
}

function showTip(m) {
  const tags = tagsOf(m);
  if (!tags.length) return;
  if (tipFor && tipFor !== m) { tipFor.classList.remove('active'); tipFor.removeAttribute('aria-describedby'); }
  tip.replaceChildren(...tags.map((t) => {
    const rows = [
      ['status', t.status],
      ['rule', t.rule],
    ];
    if (t.cue) rows.push(['cue', `“${t.cue}”`]);
    if (t.incidence) {
      rows.push(['how many', incidenceLabel(t.incidence)]);
      if (t.incidence.source === 'inferred') rows.push(['of', 'the study population (* inferred)']);
      if (t.incidence.problems && t.incidence.problems.length) rows.push(['check', t.incidence.problems.join('; ')]);
    }
    rows.push(['text', `“${t.text}”`]);
    if (t.section && t.section !== 'body') rows.push(['section', t.section]);
    return el('div', { class: 'tip-tag' },
      el('div', { class: 'tip-head' }, `${facetLabel(t.facet)}: ${t.value}`),
      el('dl', null, rows.map(([k, v]) => [el('dt', null, k), el('dd', null, v)])));
  }));
  tip.hidden = false;
  tipFor = m;
  m.classList.add('active');
  m.setAttribute('aria-describedby', 'tag-tip');
  placeTip(m);
}

function placeTip(m) {
  const r = m.getBoundingClientRect();
  const w = tip.offsetWidth, h = tip.offsetHeight;
  let left = Math.min(Math.max(4, r.left), window.innerWidth - w - 4);
  let top = r.bottom + 6;
  if (top + h > window.innerHeight - 4 && r.top - h - 6 > 0) top = r.top - h - 6;
  tip.style.left = `${left}px`;
  tip.style.top = `${top}px`;
}

export function hideTip() {
  if (!tip) return;
  tip.hidden = true;
  if (tipFor) { tipFor.classList.remove('active'); tipFor.removeAttribute('aria-describedby'); }
  tipFor = null;
}

// ---- Pieces used by several pages ----

// badge is a document facet value as a small coloured label.
export function badge(facet, value) {
  const absent = isAbsent(facet, value);
  return el('li', {
    class: `badge f-${facet}${absent ? ' absent' : ''}`,
    title: `${facetLabel(facet)}: ${value}`,
  }, valueLabel(facet, value));
}

// badges lists a document's facets as badges, in facet order.
export function badges(facets) {
  const items = [];
  for (const f of facetOrder(Object.keys(facets || {}))) {
    for (const v of facets[f] || []) items.push(badge(f, v));
  }
  return el('ul', { class: 'badges', 'aria-label': 'Document facets' }, items);
}

// facetTable is the table of a document's facets.
// facetTable lists a document's facets in a table; with link, each value links to a search
// for the documents that have it.
export function facetTable(facets, { all = true, link = false } = {}) {
  const names = all ? facetOrder(new Set([...FACET_ORDER, ...Object.keys(facets || {})])) : facetOrder(Object.keys(facets || {}));
  return el('table', { class: 'facets' },
    el('caption', { class: 'sr-only' }, 'Document facets'),
    el('tbody', null, names.map((f) => {
      const vals = (facets && facets[f]) || [];
      return el('tr', { class: `f-${f}`, dataset: { facet: f } },
        el('th', { scope: 'row' }, facetLabel(f)),
        el('td', null, vals.length
          ? el('ul', { class: 'badges' }, vals.map((v) => {
            const b = badge(f, v);
            if (link) {
              const a = el('a', { href: `/?q=*&filter=${encodeURIComponent(`${f}=${v}`)}`, title: `Documents with ${valueLabel(f, v)}` }, ...b.childNodes);
              b.replaceChildren(a);
            }
            return b;
          }))
          : el('span', { class: 'none' }, '—')));
    })));
}

// legend explains the four statuses.
export function legend() {
  const sample = (status, text) => {
    const m = el('mark', { class: `tag f-crs st-${status}` }, text);
    return el('li', null, m, ' ', status);
  };
  return el('ul', { class: 'legend', 'aria-label': 'Legend' },
    sample('affirmed', 'CRS'), sample('negated', 'CRS'), sample('hypothetical', 'CRS'), sample('generic', 'CRS'),
    el('li', null, 'Hover or focus a tag for its rule, status and cue.'));
}

export const SECTION_LABELS = {
  references: 'References — tagged, not counted in facets',
  furniture: 'Page furniture — menus and notices, not tagged',
};

export function sectionName(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : '';
}

// idLinks are a record's ids as links to where they are known: PubMed, PubMed Central,
// doi.org, ClinicalTrials.gov.
export function idLinks(meta, docID) {
  const m = meta || {};
  const links = [];
  const add = (label, href) => links.push(el('a', { href, rel: 'noopener noreferrer', class: 'id-link' }, label));
  if (m.pmid) add(`PMID ${m.pmid}`, `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(m.pmid)}/`);
  if (m.pmcid) add(m.pmcid, `https://pmc.ncbi.nlm.nih.gov/articles/${encodeURIComponent(m.pmcid)}/`);
  if (m.doi) add(`doi:${m.doi}`, `https://doi.org/${m.doi.split('/').map(encodeURIComponent).join('/')}`);
  const nct = new Set(m.registry_ids || []);
  if (/^NCT\d{8}$/.test(docID || '')) nct.add(docID);
  for (const id of nct) {
    if (/^NCT\d{8}$/.test(id)) add(id, `https://clinicaltrials.gov/study/${id}`);
  }
  return links;
}

// idHref is where an id written in a text is known: a registry number, a PMID or a DOI.
function idHref(kind, id) {
  switch (kind) {
    case 'nct': return `https://clinicaltrials.gov/study/${id}`;
    case 'chictr': return `https://www.chictr.org.cn/searchprojEN.html?regno=${encodeURIComponent(id)}`;
    case 'eudract': return `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${encodeURIComponent(id)}`;
    case 'isrctn': return `https://www.isrctn.com/${encodeURIComponent(id)}`;
    case 'pmid': return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(id)}/`;
    case 'doi': return `https://doi.org/${id.split('/').map(encodeURIComponent).join('/')}`;
    default: return '';
  }
}

const ID_IN_TEXT = /\b(NCT\d{8})\b|\b(ChiCTR[-\dA-Za-z]{6,20})\b|\bEudraCT(?: number| No\.?)?:?\s*(\d{4}-\d{6}-\d{2})\b|\b(ISRCTN\d{8})\b|\bPMID:?\s*(\d{6,9})\b|\b(10\.\d{4,9}\/[^\s"<>]*[^\s"<>.,;:)\]])/g;

// linkIds turns the trial registry numbers, PMIDs and DOIs written in the text under root
// into links (inside tag marks too: a trial id tag keeps its mark around the link).
export function linkIds(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.closest('a') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  for (const n of nodes) {
    const text = n.nodeValue;
    ID_IN_TEXT.lastIndex = 0;
    if (!ID_IN_TEXT.test(text)) continue;
    ID_IN_TEXT.lastIndex = 0;
    const out = [];
    let at = 0;
    for (let m = ID_IN_TEXT.exec(text); m; m = ID_IN_TEXT.exec(text)) {
      const kinds = ['nct', 'chictr', 'eudract', 'isrctn', 'pmid', 'doi'];
      const k = kinds.findIndex((_, i) => m[i + 1] !== undefined);
      const id = m[k + 1];
      const start = m.index + m[0].lastIndexOf(id);
      out.push(text.slice(at, start), el('a', { href: idHref(kinds[k], id), rel: 'noopener noreferrer', class: 'id-link' }, id));
      at = start + id.length;
    }
    out.push(text.slice(at));
    n.replaceWith(...out.filter((x) => x !== ''));
  }
}

// metaLine is what a record says about itself on one line: date, journal, publication
// types and its ids as links; null when it says nothing.
export function metaLine(meta, docID) {
  const m = meta || {};
  const parts = [];
  if (m.date) parts.push(el('time', { datetime: m.date }, m.date));
  if (m.journal_abbrev || m.journal) parts.push(el('span', { class: 'journal' }, m.journal_abbrev || m.journal));
  if (m.publication_types && m.publication_types.length) parts.push(el('span', { class: 'pubtypes' }, m.publication_types.join(', ')));
  parts.push(...idLinks(m, docID));
  if (!parts.length) return null;
  return el('p', { class: 'meta-line' }, parts.flatMap((p, i) => (i ? [' · ', p] : [p])));
}

export function docHref(id, sentence) {
  return `/doc.html?id=${encodeURIComponent(id)}${sentence !== undefined ? `#s${sentence}` : ''}`;
}
