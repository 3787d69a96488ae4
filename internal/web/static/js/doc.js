// The document view: the whole cleaned text with every tag highlighted, sections marked
// (references and page furniture set apart), and the table of the document's facets.
import {
  api, el, markNav, highlight, installTooltips, legend, facetTable, SECTION_LABELS, sectionName, metaLine, shortSource, linkIds,
} from './common.js';

const $ = (id) => document.getElementById(id);
const id = new URLSearchParams(location.search).get('id') || '';

// byteSlicer slices text by UTF-8 byte offsets.
function byteSlicer(text) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return (a, b) => dec.decode(bytes.subarray(Math.max(0, a), Math.min(bytes.length, b)));
}

// paragraphs groups the sentences into sections (a run of sentences with one section) and
// paragraphs (a line break in the text between two sentences starts a new one).
function groups(doc) {
  const slice = doc.text ? byteSlicer(doc.text) : null;
  const out = [];
  let sec = null;
  let para = null;
  let prev = null;
  for (const s of doc.sentences) {
    const gap = prev && slice ? slice(prev.end, s.start) : ' ';
    if (!sec || sec.section !== s.section) {
      sec = { section: s.section, paras: [] };
      out.push(sec);
      para = null;
    }
    if (!para || /\n/.test(gap)) {
      para = [];
      sec.paras.push(para);
    }
    para.push(s);
    prev = s;
  }
  return out;
}

function render(doc) {
  document.title = `${doc.title || doc.id} — trialtag`;
  $('title').textContent = doc.title || doc.id;
  const nTags = doc.sentences.reduce((n, s) => n + (s.tags ? s.tags.length : 0), 0);
  $('meta').replaceChildren(
    el('span', { title: doc.source || null }, shortSource(doc.source)),
    doc.source ? ' · ' : '',
    el('span', null, `id ${doc.id}`), ' · ',
    el('span', null, `${doc.sentences.length} sentences, ${nTags} tags`));
  const record = metaLine(doc.meta, doc.id);
  if (record) $('meta').after(record);
  $('legend-slot').replaceChildren(legend());

  const secs = groups(doc).map((g, i) => {
    const label = SECTION_LABELS[g.section] || (g.section && g.section !== 'body' ? sectionName(g.section) : '');
    const hid = `sec-${i}`;
    return el('section', {
      class: `doc-sec sec-${g.section || 'body'}`, dataset: { section: g.section || 'body' },
      'aria-labelledby': label ? hid : null,
    },
    label ? el('h2', { id: hid }, label) : null,
    g.paras.map((p) => el('p', null, p.map((s, j) => [
      j ? ' ' : null,
      el('span', { class: 'sent', id: `s${s.index}`, dataset: { index: s.index, section: s.section } },
        highlight(s.text, s.start, s.tags)),
    ]))));
  });
  $('text').replaceChildren(...secs);
  linkIds($('text')); // registry numbers, PMIDs and DOIs in the text link to where they are known
  $('facets').replaceChildren(facetTable(doc.facets, { link: true }));
  const nValues = Object.values(doc.facets || {}).reduce((n, v) => n + v.length, 0);
  $('facets-h').textContent = `Facets (${nValues} value${nValues === 1 ? '' : 's'})`;

  showTarget();
}

// showTarget scrolls to the sentence named in the fragment (#s12) and marks it.
function showTarget() {
  for (const e of document.querySelectorAll('.sent.target')) e.classList.remove('target');
  if (!location.hash) return;
  const t = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (t && t.classList.contains('sent')) {
    t.classList.add('target');
    t.scrollIntoView({ block: 'center' });
  }
}
window.addEventListener('hashchange', showTarget);

async function main() {
  markNav('');
  // The facets table is open beside the text on a wide screen, folded above it on a phone.
  const wide = window.matchMedia('(min-width: 52.01rem)');
  $('facets-box').open = wide.matches;
  wide.addEventListener('change', () => { $('facets-box').open = wide.matches; });
  installTooltips($('text'));
  const back = $('back');
  if (document.referrer && new URL(document.referrer).origin === location.origin && new URL(document.referrer).pathname === '/') {
    back.href = document.referrer;
    back.textContent = '← Back to the results';
  }
  const art = $('doc');
  try {
    if (!id) throw new Error('no document id in the address (doc.html?id=…)');
    const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
    render(doc);
  } catch (err) {
    $('title').textContent = 'Document not found';
    $('error').textContent = err.message;
    $('error').hidden = false;
  } finally {
    art.removeAttribute('aria-busy');
    document.body.dataset.ready = '1';
  }
}

main();
