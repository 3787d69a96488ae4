// The saved-searches page: each saved search (GET /api/searches) with how many alerts it
// has, how many are new since this browser last looked, and its most recent alerts (GET
// /api/alerts?search=…), each linking to the sentences that matched in the document.
import { api, el, markNav, docHref } from './common.js';

const $ = (id) => document.getElementById(id);

// SEEN_KEY holds, in this browser, when the page was last shown: alerts after it are new.
const SEEN_KEY = 'trialtag.searches.seen';
// RECENT is how many alerts of each search the page shows.
const RECENT = 5;

function lastSeen() {
  try {
    return localStorage.getItem(SEEN_KEY) || '';
  } catch {
    return ''; // storage refused (a private window): everything counts as new
  }
}

function remember(when) {
  try {
    localStorage.setItem(SEEN_KEY, when);
  } catch {
    // nothing to remember with
  }
}

function fmtTime(s) {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toLocaleString();
}

function plural(n, one, many) { return `${n} ${n === 1 ? one : many}`; }

// alertItem is one alert: the document (linked to its first matching sentence), when it
// matched, the filters it satisfied and the sentences, each linked to its place.
function alertItem(a, since) {
  const isNew = !since || a.time >= since;
  const first = (a.sentences || [])[0];
  const title = a.title || a.document;
  return el('li', { class: isNew ? 'alert new' : 'alert', dataset: { document: a.document } },
    el('p', { class: 'alert-head' },
      el('a', { href: docHref(a.document, first ? first.index : undefined) }, title),
      isNew ? el('span', { class: 'new-tag' }, 'new') : null,
      el('span', { class: 'muted small' }, ` ${a.change} · ${fmtTime(a.time)}`)),
    (a.filters || []).length ? el('p', { class: 'small' }, 'matched ',
      a.filters.map((f, i) => [i ? ', ' : '', el('code', null, f.filter), f.text ? ` (“${f.text}”)` : ''])) : null,
    (a.sentences || []).length ? el('ul', { class: 'alert-sentences', 'aria-label': 'Matching sentences' },
      a.sentences.map((s) => el('li', null,
        el('a', { href: docHref(a.document, s.index), class: 'sentence-link' }, `#${s.index}`),
        s.section ? el('span', { class: 'muted small' }, ` [${s.section}]`) : null,
        ' ', s.text))) : null);
}

async function searchCard(s, since) {
  const c = s.alerts || { alerts: 0, since: 0 };
  const fresh = since ? c.since : c.alerts;
  const card = el('article', { class: 'saved', id: `search-${s.name}`, dataset: { name: s.name, new: String(fresh) } },
    el('h2', null, el('code', null, s.name),
      el('span', { class: fresh ? 'new-n small' : 'muted small' }, fresh ? `${fresh} new` : 'nothing new'),
      el('span', { class: 'muted small' }, plural(c.alerts, 'alert', 'alerts'))),
    s.description ? el('p', null, s.description) : null,
    el('p', { class: 'small' }, 'query ', el('a', { href: `/?q=${encodeURIComponent(s.query)}` }, s.query),
      (s.filters || []).length ? [' · filters ', s.filters.map((f, i) => [i ? ', ' : '', el('code', null, f)])] : null,
      s.same_sentence ? ' · in one sentence' : null));
  if (c.alerts > 0) {
    const res = await api(`/api/alerts?search=${encodeURIComponent(s.name)}&limit=${RECENT}`);
    card.append(el('h3', { class: 'small' }, res.total > RECENT ? `The ${RECENT} most recent alerts of ${res.total}` : 'Alerts'),
      el('ul', { class: 'alerts', 'aria-label': `Alerts of ${s.name}` }, res.alerts.map((a) => alertItem(a, since))));
  }
  return card;
}

async function main() {
  markNav('searches');
  const since = lastSeen();
  const now = new Date().toISOString();
  try {
    const list = await api(since ? `/api/searches?since=${encodeURIComponent(since)}` : '/api/searches');
    const items = list.searches || [];
    if (!list.exists || !items.length) {
      $('searches-meta').textContent = 'No saved searches: write them in searches.yaml beside the config file (see "trialtag searches").';
      return;
    }
    const cards = await Promise.all(items.map((s) => searchCard(s, since)));
    const fresh = items.reduce((n, s) => n + (s.alerts ? (since ? s.alerts.since : s.alerts.alerts) : 0), 0);
    $('searches-meta').textContent = `${plural(items.length, 'saved search', 'saved searches')} from ${list.file}; `
      + `${plural(fresh, 'new alert', 'new alerts')} ${since ? `since your last visit (${fmtTime(since)})` : '(first visit: every alert is new)'}.`;
    $('searches').replaceChildren(...cards);
    remember(now);
  } catch (err) {
    $('searches-meta').textContent = '';
    $('error').textContent = `Could not load the saved searches: ${err.message}`;
    $('error').hidden = false;
  } finally {
    $('searches').removeAttribute('aria-busy');
    document.body.dataset.ready = '1';
  }
}

main();
