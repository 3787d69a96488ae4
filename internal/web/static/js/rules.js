// The rules page: the loaded rules by facet with descriptions and examples, whether each
// example passes, and the last reload error when the rules folder holds a broken edit.
import { api, el, markNav, facetLabel, FACET_ORDER } from './common.js';

const $ = (id) => document.getElementById(id);
const filterBox = $('filter');
const failingBox = $('failing');

const OTHER_GROUPS = [
  ['cue', 'Context cues', 'Negation, hypothetical and other cues, with their direction and scope.'],
  ['section', 'Sections', 'Statuses given by document section.'],
  ['signal', 'Signals', 'Evidence about a whole sentence: it reports this study\'s patients (observed), or the literature (generic).'],
  ['document', 'Kinds of document', 'Statuses given by the kind of document: a review, a registry record.'],
  ['incidence', 'Incidence', 'How many patients had an outcome (event rules), and how many a study treated (population rules).'],
  ['class', 'Word classes', 'Vocabularies that name words for other rules (no facet of their own).'],
];

function groupOf(r) {
  if (r.facet) return r.facet;
  if (r.kind === 'cue') return 'cue';
  if (r.kind === 'section') return 'section';
  if (r.kind === 'signal') return 'signal';
  if (r.kind === 'document') return 'document';
  if (r.kind === 'incidence') return 'incidence';
  return 'class';
}

function groupLabel(g) {
  const o = OTHER_GROUPS.find(([k]) => k === g);
  return o ? o[1] : facetLabel(g);
}

function code(s) { return el('code', null, s); }

function fmtTime(s) {
  if (!s) return '';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toLocaleString();
}

function expected(ex) {
  const parts = [];
  if (ex.values && ex.values.length) parts.push(ex.values.join(', '));
  if (ex.status) parts.push(ex.status);
  if (ex.incidence) parts.push(ex.incidence);
  return ex.match ? `must give ${parts.length ? parts.join(' · ') : 'a tag'}` : `must not give ${parts.length ? parts.join(' · ') : 'a tag'}`;
}

function ruleCard(r) {
  const details = [];
  if (r.pattern) details.push(el('p', null, 'pattern ', code(r.pattern), r.value ? [' → value ', code(r.value)] : null));
  if (r.terms && r.terms.length) {
    const forms = r.terms.reduce((n, t) => n + (t.forms || []).length, 0);
    details.push(el('details', null,
      el('summary', null, `${r.terms.length} value${r.terms.length === 1 ? '' : 's'}, ${forms} surface form${forms === 1 ? '' : 's'}`),
      el('dl', { class: 'kv' }, r.terms.map((t) => [el('dt', null, t.value), el('dd', null, (t.forms || []).join(', '))]))));
  }
  if (r.phrases && r.phrases.length) {
    if (r.kind === 'cue') details.push(el('p', { class: 'small' }, `${r.category || ''} cue, ${r.direction || ''}${r.scope ? `, scope ${r.scope} words` : ''}`));
    details.push(el('details', null, el('summary', null, `${r.phrases.length} phrase${r.phrases.length === 1 ? '' : 's'}`),
      el('p', null, r.phrases.map((p, i) => [i ? ', ' : '', `“${p}”`]))));
  }
  if (r.kind === 'signal' || r.kind === 'document' || r.kind === 'incidence') {
    details.push(el('p', { class: 'small' }, `${r.category || ''}${r.facets ? ' for ' + r.facets.map(facetLabel).join(', ') : ''}`));
  }
  if (r.kind === 'section') {
    details.push(el('p', { class: 'small' }, `${r.category || ''} in `, (r.sections || []).join(', '), ' for ', (r.facets || []).map(facetLabel).join(', ')));
  }
  const exs = r.examples || [];
  return el('article', {
    class: 'rule', id: `rule-${r.id}`, dataset: { id: r.id, failed: String(r.failed || 0) },
  },
  el('h3', null, code(r.id), el('span', { class: 'kind' }, r.kind),
    r.file ? el('span', { class: 'where' }, `${r.file}:${r.line}`) : null,
    exs.length ? el('span', { class: r.failed ? 'fail-n small' : 'pass-n small' },
      r.failed ? `${r.failed} of ${exs.length} examples fail` : `${exs.length} example${exs.length === 1 ? '' : 's'} pass`) : null),
  r.description ? el('p', null, r.description) : null,
  details,
  exs.length ? el('ul', { class: 'exs', 'aria-label': 'Examples' }, exs.map((ex) => el('li', {
    class: ex.passed ? 'pass' : 'fail', dataset: { passed: String(!!ex.passed) },
  },
  el('span', { class: 'sr-only' }, ex.passed ? 'passes: ' : 'fails: '),
  `“${ex.text}” `,
  el('span', { class: 'exp' }, expected(ex),
    ex.got && ex.got.length ? ` — got ${ex.got.join(', ')}` : (ex.passed ? '' : ' — got nothing'),
    ex.msg ? ` — ${ex.msg}` : '')))) : null);
}

function searchText(r) {
  return [r.id, r.description, r.pattern, r.facet, r.class, r.kind,
    ...(r.terms || []).flatMap((t) => [t.value, ...(t.forms || [])]),
    ...(r.phrases || []),
    ...(r.examples || []).map((e) => e.text)].filter(Boolean).join('\n').toLowerCase();
}

let cards = [];

function applyFilter() {
  const q = filterBox.value.trim().toLowerCase();
  const onlyFailing = failingBox.checked;
  for (const c of cards) {
    c.el.hidden = (q && !c.text.includes(q)) || (onlyFailing && !c.failed);
  }
  for (const g of document.querySelectorAll('.rule-group')) {
    const any = g.querySelector('.rule:not([hidden])');
    g.hidden = !any;
  }
  for (const a of document.querySelectorAll('#toc li')) {
    const g = document.getElementById(a.dataset.target);
    a.hidden = !g || g.hidden;
  }
  // Say why the list is empty rather than show nothing.
  const shown = cards.some((c) => !c.el.hidden);
  let none = $('rules-none');
  if (!none) {
    none = el('p', { id: 'rules-none', class: 'empty', role: 'status' });
    $('toc').after(none);
  }
  none.hidden = shown || !cards.length;
  none.textContent = onlyFailing && !q ? 'Every example of every rule passes: no rule is failing.'
    : `No rule${onlyFailing ? ' with a failing example' : ''} matches “${filterBox.value.trim()}”.`;
  const url = new URL(location.href);
  if (q) url.searchParams.set('q', filterBox.value.trim()); else url.searchParams.delete('q');
  if (onlyFailing) url.searchParams.set('failing', '1'); else url.searchParams.delete('failing');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}

function render(data) {
  const rules = data.rules || [];
  const ex = data.examples || { passed: 0, failed: 0 };
  $('rules-meta').replaceChildren(
    `${rules.length} rules from `, code(data.source || 'built-in'),
    data.loaded_at ? `, loaded ${fmtTime(data.loaded_at)}` : '',
    '. Examples: ', el('span', { class: 'pass-n' }, `${ex.passed} pass`), ', ',
    el('span', { class: ex.failed ? 'fail-n' : '' }, `${ex.failed} fail`), '.');

  const errLines = Array.isArray(data.error) ? data.error : (data.error ? String(data.error).split('\n') : []);
  const rel = $('reload-error');
  if (errLines.length) {
    rel.replaceChildren(
      el('strong', null, 'The last reload of the rules failed'),
      data.failed_at ? ` (${fmtTime(data.failed_at)})` : '',
      ': the rules below are the last good ones. Fix these and save again:',
      el('pre', null, errLines.join('\n')));
    rel.hidden = false;
  } else {
    rel.hidden = true;
  }

  const byGroup = new Map();
  for (const r of rules) {
    const g = groupOf(r);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g).push(r);
  }
  const order = [...FACET_ORDER.filter((f) => byGroup.has(f)),
    ...[...byGroup.keys()].filter((g) => !FACET_ORDER.includes(g) && !OTHER_GROUPS.some(([k]) => k === g)).sort(),
    ...OTHER_GROUPS.map(([k]) => k).filter((k) => byGroup.has(k))];

  cards = [];
  const sections = order.map((g) => {
    const rs = byGroup.get(g);
    const failed = rs.reduce((n, r) => n + (r.failed || 0), 0);
    const passed = rs.reduce((n, r) => n + (r.passed || 0), 0);
    const note = OTHER_GROUPS.find(([k]) => k === g);
    return el('section', { class: `rule-group f-${g}`, id: `g-${g}`, 'aria-labelledby': `gh-${g}`, dataset: { group: g } },
      el('h2', { id: `gh-${g}` }, groupLabel(g), ' ',
        el('span', { class: 'small muted' }, `${rs.length} rule${rs.length === 1 ? '' : 's'}, `,
          el('span', { class: 'pass-n' }, `${passed} pass`),
          failed ? [', ', el('span', { class: 'fail-n' }, `${failed} fail`)] : null)),
      note ? el('p', { class: 'muted small' }, note[2]) : null,
      rs.map((r) => {
        const c = ruleCard(r);
        cards.push({ el: c, text: searchText(r), failed: (r.failed || 0) > 0 });
        return c;
      }));
  });
  $('toc').replaceChildren(...order.map((g) => el('li', { class: `f-${g}`, dataset: { target: `g-${g}` } },
    el('a', { href: `#g-${g}` }, groupLabel(g), ` (${byGroup.get(g).length})`))));
  $('rules').replaceChildren(...sections);
  applyFilter();
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

async function main() {
  markNav('rules');
  const p = new URLSearchParams(location.search);
  filterBox.value = p.get('q') || '';
  failingBox.checked = p.get('failing') === '1';
  let t = 0;
  filterBox.addEventListener('input', () => { clearTimeout(t); t = setTimeout(applyFilter, 150); });
  failingBox.addEventListener('change', applyFilter);
  try {
    render(await api('/api/rules'));
  } catch (err) {
    $('rules-meta').textContent = '';
    $('error').textContent = `Could not load the rules: ${err.message}`;
    $('error').hidden = false;
  } finally {
    $('rules').removeAttribute('aria-busy');
    document.body.dataset.ready = '1';
  }
}

main();
