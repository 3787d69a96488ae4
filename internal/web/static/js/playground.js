// The playground: text is tagged as it is typed (debounced), with the explanation of each
// tag — rule, pattern, captures, cue and scope, how many and from which words — and the near
// misses and unbound counts of each sentence.
import {
  api, el, markNav, highlight, installTooltips, legend, facetTable, facetLabel, hideTip, incidenceLabel,
} from './common.js';

const $ = (id) => document.getElementById(id);
const area = $('text');
const statusEl = $('pg-status');
const errorEl = $('error');
const DEBOUNCE_MS = 250;
const MAX_URL_TEXT = 2000;

const EXAMPLES = [
  ['grade, negation', 'Grade 1 CRS occurred in 5 patients; no ICANS was seen.'],
  ['negated grade', 'No high-grade cytokine release syndrome or neurotoxicity was reported.'],
  ['hypothetical', 'Safety was assessed by recording cytokine-release syndrome (CRS) and ICANS.'],
  ['generic', 'Cytokine release syndrome is a frequent complication of T-cell-engaging therapies [4].'],
  ['treatment, incidence', 'Grade 2 CRS in 3 of 12 patients was treated with tocilizumab; one patient also needed dexamethasone.'],
  ['antigens, trial', 'CD19⁻BCMA⁺ plasma cells were depleted after anti-CD19 CAR-T therapy in a phase 1 trial (NCT05030779).'],
];

function code(s) { return el('code', null, s); }

// ruleLink is a rule id that opens the rule on the rules page.
function ruleLink(id) { return el('a', { href: `/rules.html#rule-${encodeURIComponent(id)}` }, code(id)); }

function statusLabel(status) {
  return el('span', { class: `st st-${status}-lbl` }, status);
}

// explainTag explains one tag of a sentence.
function explainTag(t, ex) {
  const rows = [['rule', ruleLink(t.rule)]];
  if (t.pattern) rows.push(['pattern', code(t.pattern)]);
  if (t.match && t.match !== t.text) rows.push(['match', `“${t.match}”`]);
  if (t.captures && t.captures.length) {
    rows.push(['captures', el('ul', { class: 'caps' }, t.captures.map((c) =>
      el('li', null, code(c.name), ' “', c.text, '”', c.values && c.values.length ? [' → ', c.values.join(', ')] : null)))]);
  }
  const key = `${t.facet}=${t.value}`;
  const cue = (ex.cues || []).find((c) => (c.governs || []).includes(key) && (!t.cue || c.text.toLowerCase() === t.cue.toLowerCase()))
    || (t.cue ? (ex.cues || []).find((c) => c.text.toLowerCase() === t.cue.toLowerCase()) : null);
  if (t.cue || cue) {
    rows.push(['cue', [`“${t.cue || cue.text}”`, cue ? [' ', ruleLink(cue.rule), ` (${cue.category}, ${cue.direction})`] : null]]);
    if (cue && cue.scopes && cue.scopes.length) rows.push(['scope', cue.scopes.map((s, i) => [i ? ' | ' : '', `“${s}”`])]);
  } else if (t.status !== 'affirmed' && t.section && t.section !== 'body') {
    rows.push(['decided by', `section ${t.section}`]);
  }
  if (t.section && t.section !== 'body') rows.push(['section', t.section]);
  const inc = t.incidence;
  if (inc) {
    // how many, read by which incidence rule from which words; an arm and an inferred whole
    // said. The rule is no link: some are the binder's own ("negation", "percent.whole").
    let whole = null;
    if (inc.source === 'inferred') {
      whole = inc.population_sentence != null ? ` (of: the population in sentence ${inc.population_sentence + 1})` : ' (of: inferred)';
    }
    rows.push(['how many', [incidenceLabel(inc), ' ', code(inc.rule), ` from “${inc.text}”`,
      inc.arm ? ` (arm ${inc.arm}${inc.join ? ', ' + inc.join : ''})` : null, whole]]);
  }
  return el('li', { class: `f-${t.facet}`, dataset: { facet: t.facet, value: t.value, status: t.status, rule: t.rule } },
    el('div', { class: 'ex-head' },
      el('strong', null, `${facetLabel(t.facet)}: ${t.value}`),
      statusLabel(t.status),
      el('span', { class: 'muted' }, `“${t.text}”`)),
    el('dl', { class: 'kv' }, rows.map(([k, v]) => [el('dt', null, k), el('dd', null, v)])));
}

function renderExplain(exps) {
  const out = [];
  for (const ex of exps || []) {
    const s = ex.sentence || {};
    const tags = ex.tags || [];
    const idle = (ex.cues || []).filter((c) => !(c.governs || []).length && c.category !== 'terminator');
    out.push(el('section', { class: 'ex-sent', dataset: { index: s.index } },
      exps.length > 1 ? el('h3', null, `Sentence ${s.index + 1}`) : null,
      tags.length ? el('ul', { class: 'explain' }, tags.map((t) => explainTag(t, ex))) : el('p', { class: 'muted' }, 'No tags.'),
      idle.length ? el('details', null, el('summary', { class: 'small' }, `${idle.length} cue${idle.length > 1 ? 's' : ''} that decided nothing`),
        el('ul', { class: 'near' }, idle.map((c) => el('li', null, `“${c.text}” `, code(c.rule), ` (${c.category}, ${c.direction})`,
          c.scopes && c.scopes.length ? [' reaches ', c.scopes.map((x) => `“${x}”`).join(' | ')] : ' reaches nothing')))) : null,
      ex.near_misses && ex.near_misses.length ? el('div', null,
        el('h4', { class: 'small' }, 'Near misses'),
        el('ul', { class: 'near' }, ex.near_misses.map((n) => el('li', null,
          `“${n.term}” (${facetLabel(n.facet)}) `, ruleLink(n.rule), ': ', n.reason)))) : null,
      ex.unbound_counts && ex.unbound_counts.length ? el('div', { class: 'unbound' },
        el('h4', { class: 'small' }, 'Counts bound to no tag'),
        el('ul', { class: 'near' }, ex.unbound_counts.map((c) => el('li', null, `“${c.text}” `, ruleLink(c.rule))))) : null));
  }
  $('explain').replaceChildren(...(out.length ? out : [el('p', { class: 'muted' }, 'Nothing to explain yet.')]));
}

function renderTagged(doc) {
  const sents = doc.sentences || [];
  $('tagged').replaceChildren(...(sents.length
    ? sents.map((s) => el('p', { class: 'sent-out', dataset: { index: s.index, section: s.section } }, highlight(s.text, s.start, s.tags)))
    : [el('p', { class: 'muted' }, 'Type some text to see its tags.')]));
  const facets = doc.facets || {};
  $('facets').replaceChildren(Object.keys(facets).length ? facetTable(facets, { all: false }) : el('p', { class: 'muted' }, 'No facets.'));
}

let seq = 0;
let ctl = null;
let timer = 0;

async function update() {
  const text = area.value;
  const my = ++seq;
  if (ctl) ctl.abort();
  ctl = new AbortController();
  const url = new URL(location.href);
  if (text && text.length <= MAX_URL_TEXT) url.searchParams.set('text', text); else url.searchParams.delete('text');
  history.replaceState(null, '', url.pathname + url.search);
  if (!text.trim()) {
    hideTip();
    renderTagged({ sentences: [], facets: {} });
    renderExplain([]);
    statusEl.textContent = '';
    errorEl.hidden = true;
    document.body.dataset.ready = String(my);
    return;
  }
  statusEl.textContent = 'Tagging…';
  const t0 = performance.now();
  try {
    // One request per edit: the document and its explanations from one tagging run.
    const { document: doc, explanations: exps } = await api('/api/explain?document', { body: { text }, signal: ctl.signal });
    if (my !== seq) return;
    hideTip();
    errorEl.hidden = true;
    renderTagged(doc);
    renderExplain(exps || []);
    const n = (doc.sentences || []).reduce((k, s) => k + (s.tags || []).length, 0);
    const ns = (doc.sentences || []).length;
    statusEl.textContent = `${n} tag${n === 1 ? '' : 's'} in ${ns} sentence${ns === 1 ? '' : 's'} (${Math.round(performance.now() - t0)} ms)`;
    document.body.dataset.ready = String(my);
  } catch (err) {
    if (err.name === 'AbortError' || my !== seq) return;
    statusEl.textContent = '';
    hideTip();
    // The tags on screen were another text's: they go with the error.
    renderTagged({ sentences: [], facets: {} });
    renderExplain([]);
    errorEl.textContent = `Tagging failed: ${err.message}`;
    errorEl.hidden = false;
    document.body.dataset.ready = String(my);
  }
}

function schedule() {
  clearTimeout(timer);
  statusEl.textContent = '…';
  timer = setTimeout(update, DEBOUNCE_MS);
}

markNav('playground');
$('legend-slot').append(legend());
installTooltips($('tagged'));
$('examples').append(el('span', { class: 'small muted' }, 'Try:'), ...EXAMPLES.map(([label, x]) =>
  el('button', { type: 'button', class: 'btn-plain small', title: x, onclick: () => { area.value = x; area.focus(); update(); } }, label)));
area.addEventListener('input', schedule);
area.value = new URLSearchParams(location.search).get('text') ?? EXAMPLES[0][1];
update();
