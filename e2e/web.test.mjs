// End-to-end tests of trialtag's web page: Debian's headless Chromium, driven by
// playwright-core, against a running `trialtag serve` (see run.sh, which .ci/run calls).
//
//   BASE_URL   the server (default http://127.0.0.1:8080)
//   CHROMIUM   the browser (default /usr/bin/chromium); it is never downloaded
//   RULES_DIR  the rules folder the server watches (serve --rules); the test of the rules
//              page's reload error writes a broken file there and removes it again
//
// Every test fails on a console error, an uncaught page error or a failed request, and
// saves screenshots to e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RULES_DIR = process.env.RULES_DIR || '';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ART = path.join(HERE, 'artifacts');

const SEED_004 = '004_53fd14e8ab82a8c2';
const SEED_002 = '002_05720a88e771276d';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let browser;

before(async () => {
  fs.mkdirSync(ART, { recursive: true });
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium); these tests never download one`);
  }
  // playwright-core starts Chromium with a new, empty --user-data-dir of its own (a temporary
  // folder it deletes on close); passing one here is refused.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const res = await fetch(`${BASE}/healthz`);
  assert.equal(res.status, 200, `server at ${BASE} is not healthy`);
});

after(async () => {
  if (browser) await browser.close();
});

// open makes a page that records every console error, page error and failed request.
async function open(t, device = DESKTOP) {
  const context = await browser.newContext({ ...device, baseURL: BASE });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()} (${m.location().url || ''})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const f = r.failure();
    // A fetch the page aborts itself (a newer search replaced it) is not a failure.
    if (f && /ERR_ABORTED/.test(f.errorText)) return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${f ? f.errorText : ''}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  t.after(async () => { await context.close(); });
  return {
    page,
    problems,
    assertClean() {
      assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
    },
  };
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ART, `${name}.png`), fullPage: true });
}

// settled waits until the page has rendered the answer to its latest request.
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.ready !== undefined && !document.querySelector('[aria-busy="true"]'));
}

// search types a query into the box like a user and waits for the results.
async function search(page, q) {
  const box = page.getByRole('searchbox', { name: 'Search the trials' });
  await box.fill(q);
  const before = await page.evaluate(() => document.body.dataset.ready);
  await box.press('Enter');
  await page.waitForFunction((b) => document.body.dataset.ready !== b, before);
  await settled(page);
}

const hitIds = (page) => page.locator('#hits > li.hit').evaluateAll((els) => els.map((e) => e.dataset.id));
const total = async (page) => {
  const s = await page.locator('#summary').textContent();
  const m = /of (\d+) documents|^(\d+) documents?/.exec(s.trim());
  return m ? Number(m[1] || m[2]) : (/No documents/.test(s) ? 0 : NaN);
};

async function noHorizontalScroll(page) {
  const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(sw <= cw + 1, `the page is wider than the screen: ${sw}px > ${cw}px`);
}

// ---------------------------------------------------------------------------------------

test('search "grade 2 CRS tocilizumab" puts seed 004 first with its CRS and tocilizumab spans highlighted', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/');
  await settled(page);
  await search(page, 'grade 2 CRS tocilizumab');

  const ids = await hitIds(page);
  assert.equal(ids[0], SEED_004, `first hit: ${ids.join(', ')}`);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'grade 2 CRS tocilizumab');

  // The query as understood: removable chips.
  const chips = page.locator('#chips .chip');
  const chipText = (await chips.allTextContents()).join(' | ');
  assert.match(chipText, /CRS grade 2/, chipText);
  assert.match(chipText, /tocilizumab/i, chipText);
  assert.ok(await page.getByRole('button', { name: 'Remove CRS grade 2' }).isVisible());

  // The first hit's sentences highlight CRS (its grade) and tocilizumab, coloured by facet.
  const first = page.locator('#hits > li.hit').first();
  const crs = first.locator('mark.tag[data-facet="crs_grade"], mark.tag[data-facet="crs"]');
  assert.ok(await crs.count() > 0, 'no CRS span in the first hit');
  const toci = first.locator('mark.tag[data-facet="toxicity_treatment"]', { hasText: /tocilizumab/i });
  assert.ok(await toci.count() > 0, 'no tocilizumab span in the first hit');
  const [bgCrs, bgToci] = await Promise.all([
    crs.first().evaluate((e) => getComputedStyle(e).backgroundColor),
    toci.first().evaluate((e) => getComputedStyle(e).backgroundColor),
  ]);
  assert.notEqual(bgCrs, bgToci, 'CRS and tocilizumab spans have the same colour');
  assert.ok(await first.locator('.badge.f-toxicity_treatment', { hasText: 'tocilizumab' }).count() > 0, 'no tocilizumab badge');
  assert.match(await first.locator('h2 a').getAttribute('href'), new RegExp(`doc\\.html\\?id=${SEED_004}`));

  // Hovering a span names its rule, status and cue.
  await toci.first().hover();
  const tip = page.getByRole('tooltip');
  await tip.waitFor({ state: 'visible' });
  const tipText = await tip.textContent();
  assert.match(tipText, /Toxicity treatment: tocilizumab/);
  assert.match(tipText, /rule/);
  assert.match(tipText, /affirmed/);

  await shot(page, 'search-desktop');

  // Removing a chip takes its words out of the query and the URL.
  await page.getByRole('button', { name: /^Remove tocilizumab$/ }).click();
  await page.waitForFunction(() => !new URL(location.href).searchParams.get('q').includes('tocilizumab'));
  await settled(page);
  assert.ok(!(await chips.allTextContents()).join(' ').includes('tocilizumab'));
  assert.match((await chips.allTextContents()).join(' '), /CRS grade 2/);
  assertClean();
});

test('clicking facet values narrows the results, composes, and the URL holds the state', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/');
  await settled(page);
  const all = await total(page);
  assert.ok(all >= 5, `all documents: ${all}`);

  // Click CRS grade 2 in its facet panel.
  const grade2 = page.locator('#facets section[data-facet="crs_grade"] button.fv[data-value="2"]');
  await grade2.click();
  await page.waitForFunction(() => location.search.includes('filter='));
  await settled(page);
  assert.equal(new URL(page.url()).searchParams.getAll('filter').join(','), 'crs_grade=2');
  const n1 = await total(page);
  assert.ok(n1 > 0 && n1 < all, `crs_grade=2 gave ${n1} of ${all}`);
  assert.equal(await page.locator('#facets section[data-facet="crs_grade"] button.fv[data-value="2"]').getAttribute('aria-pressed'), 'true');
  const chips1 = (await page.locator('#chips .chip').allTextContents()).join(' | ');
  assert.match(chips1, /CRS grade 2/);
  // Every hit has the value.
  for (const id of await hitIds(page)) {
    const b = page.locator(`#hits > li.hit[data-id="${id}"] .badge.f-crs_grade`, { hasText: 'CRS grade 2' });
    assert.ok(await b.count() > 0, `${id} lacks CRS grade 2`);
  }

  // A second facet composes with the first (from the keyboard this time).
  const toci = page.locator('#facets section[data-facet="toxicity_treatment"] button.fv[data-value="tocilizumab"]');
  await toci.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('filter').length === 2);
  await settled(page);
  const n2 = await total(page);
  assert.ok(n2 > 0 && n2 <= n1, `with tocilizumab: ${n2} (before ${n1})`);
  assert.deepEqual(await hitIds(page), [SEED_004]);
  await shot(page, 'facets-desktop');

  // The URL is the whole state: opening it anew gives the same page.
  const bookmarked = page.url();
  const again = await open(t);
  await again.page.goto(bookmarked);
  await settled(again.page);
  assert.deepEqual(await hitIds(again.page), [SEED_004]);
  assert.equal(await again.page.locator('#facets section[data-facet="toxicity_treatment"] button.fv[data-value="tocilizumab"]').getAttribute('aria-pressed'), 'true');
  again.assertClean();

  // Back goes to the previous state.
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('filter').length === 1);
  await settled(page);
  assert.equal(await total(page), n1);

  // Clicking an active value again removes its filter.
  await page.locator('#facets section[data-facet="crs_grade"] button.fv[data-value="2"]').click();
  await page.waitForFunction(() => !location.search.includes('filter='));
  await settled(page);
  assert.equal(await total(page), all);
  assertClean();
});

test('records: sort by date, filter by publication type and year, ids as links', async (t) => {
  const { page, assertClean } = await open(t);
  // e2e/testdata holds two invented PubMed records: a 2022 review and a 2024 phase 1 trial.
  await page.goto('/?q=' + encodeURIComponent('GD2 neuroblastoma') + '&sort=newest');
  await settled(page);
  assert.equal(await page.locator('#sort').inputValue(), 'newest');
  assert.deepEqual((await hitIds(page)).slice(0, 2), ['39200002', '39200001']);
  // The hit says when, where and what kind, and links its ids.
  const line = page.locator('#hits > li.hit[data-id="39200002"] .meta-line');
  assert.match(await line.textContent(), /2024-09-12 · Invent Paediatr · Clinical Trial, Phase I/);
  assert.equal(await line.locator('a', { hasText: 'PMC9200002' }).getAttribute('href'), 'https://pmc.ncbi.nlm.nih.gov/articles/PMC9200002/');
  assert.equal(await line.locator('a', { hasText: 'NCT09200002' }).getAttribute('href'), 'https://clinicaltrials.gov/study/NCT09200002');

  // The order is a control of the page too.
  await page.locator('#sort').selectOption('oldest');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'oldest');
  await settled(page);
  assert.deepEqual((await hitIds(page)).slice(0, 2), ['39200001', '39200002']);

  // The publication type facet narrows to the review; a year>= filter in the URL works.
  await page.locator('#facets section[data-facet="publication_type"] button.fv[data-value="Review"]').click();
  await page.waitForFunction(() => new URL(location.href).searchParams.getAll('filter').includes('publication_type=Review'));
  await settled(page);
  assert.deepEqual(await hitIds(page), ['39200001']);
  await page.goto('/?q=' + encodeURIComponent('GD2 neuroblastoma') + '&filter=' + encodeURIComponent('year>=2023'));
  await settled(page);
  assert.deepEqual(await hitIds(page), ['39200002']);
  await shot(page, 'records-sorted');

  // A document opens by any of its ids.
  await page.goto('/doc.html?id=PMC9200002');
  await settled(page);
  assert.equal(await page.locator('#title').textContent(), 'GD2 CAR-T cells in neuroblastoma: invented phase 1 results.');
  assert.match(await page.locator('.meta-line').textContent(), /doi|PMID 39200002/);
  assert.equal(await page.locator('.doc-sec.sec-title').count(), 1, 'the title is a section of the text');
  assertClean();
});

test('paging moves through the results and keeps the page in the URL', async (t) => {
  const { page, assertClean } = await open(t);
  const res = await (await fetch(`${BASE}/api/search?q=*&limit=1`)).json();
  await page.goto('/?q=*');
  await settled(page);
  if (res.total <= 10) {
    // The seeds fit on one page: no pager, and a page past the end says so.
    assert.equal(await page.locator('#pager a').count(), 0);
    await page.goto('/?q=*&page=2');
    await settled(page);
    assert.match(await page.locator('#hits').textContent(), /No results on this page/);
    assert.match(await page.locator('#pager').textContent(), /Previous/);
    await page.getByRole('link', { name: '← Previous' }).click();
    await page.waitForFunction(() => !location.search.includes('page='));
    await settled(page);
    assert.equal(await page.locator('#hits > li.hit').count(), res.total);
  } else {
    await page.getByRole('link', { name: 'Next →' }).click();
    await page.waitForFunction(() => location.search.includes('page=2'));
    await settled(page);
    assert.ok(await page.locator('#hits > li.hit').count() > 0);
  }
  assertClean();
});

test('the document view of 002 shows its "No high-grade …" sentence with negated tags', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto(`/doc.html?id=${SEED_002}`);
  await settled(page);
  const title = await page.locator('h1#title').textContent();
  assert.match(title, /lupus/i);

  const sent = page.locator('.sent', { hasText: 'No high-grade cytokine release syndrome or neurotoxicity was reported.' });
  assert.equal(await sent.count(), 1);
  const negated = sent.locator('mark.tag.st-negated');
  const facets = await negated.evaluateAll((els) => els.map((e) => `${e.dataset.facet}=${e.dataset.value}/${e.dataset.status}`).sort());
  assert.deepEqual(facets, ['crs_grade=3+/negated', 'icans_grade=3+/negated']);
  // No patient of the twelve treated had it: the incidence shows on the tag.
  const incidence = await negated.evaluateAll((els) => els.map((e) => e.dataset.incidence || ''));
  assert.ok(incidence.includes('0/12* (0%)'), `incidence on the tags: ${JSON.stringify(incidence)}`);
  // Negated spans look different from affirmed ones.
  const affirmed = page.locator('mark.tag.st-affirmed').first();
  const style = (loc) => loc.evaluate((e) => { const s = getComputedStyle(e); return `${s.textDecorationLine}|${s.borderBottomStyle}`; });
  assert.notEqual(await style(negated.first()), await style(affirmed));

  // Focus (keyboard) shows the rule, status and cue of the tag.
  await negated.first().focus();
  const tip = page.getByRole('tooltip');
  await tip.waitFor({ state: 'visible' });
  const tipText = await tip.textContent();
  assert.match(tipText, /CRS grade: 3\+/);
  assert.match(tipText, /negated/);
  assert.match(tipText, /crs\.grade\.before/);
  assert.match(tipText, /cue“No”/);
  await page.screenshot({ path: path.join(ART, 'doc-002-tooltip-desktop.png') });
  await page.keyboard.press('Escape');
  await tip.waitFor({ state: 'hidden' });

  // The facets table: crs, crs_grade and icans stay empty; remission is filled.
  const row = (f) => page.locator(`table.facets tr[data-facet="${f}"] td`);
  assert.equal((await row('crs').textContent()).trim(), '—');
  assert.equal((await row('crs_grade').textContent()).trim(), '—');
  assert.equal((await row('icans').textContent()).trim(), '—');
  assert.match(await row('remission').textContent(), /DORIS/);
  assert.match(await row('antigen').textContent(), /BCMA/);

  // References and furniture are set apart.
  const refs = page.locator('section.doc-sec.sec-references');
  assert.ok(await refs.count() > 0, 'no references section');
  assert.match(await refs.first().locator('h2').textContent(), /References/);
  const refBg = await refs.first().evaluate((e) => getComputedStyle(e).backgroundColor);
  const bodyBg = await page.locator('section.doc-sec.sec-body').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(refBg, bodyBg);
  assert.ok(await page.locator('section.doc-sec.sec-furniture').count() > 0, 'no furniture section');
  assert.equal(await page.locator('section.doc-sec.sec-furniture mark.tag').count(), 0, 'furniture has tags');

  await sent.scrollIntoViewIfNeeded();
  await shot(page, 'doc-002-desktop');

  // A link to a sentence opens the document there.
  await page.goto(`/doc.html?id=${SEED_002}#s15`);
  await settled(page);
  assert.ok(await page.locator('#s15.target').count() === 1);
  assertClean();
});

test('an unknown document says so without a console error of the page', async (t) => {
  const { page, problems } = await open(t);
  await page.goto('/doc.html?id=no_such_document');
  await settled(page);
  assert.match(await page.locator('#error').textContent(), /\S/);
  assert.ok(await page.locator('#error').isVisible());
  // The only problem allowed is the 404 of the API itself (Chromium logs it as a console error).
  const other = problems.filter((p) => !/404/.test(p));
  assert.deepEqual(other, []);
});

test('the playground tags "Grade 1 CRS occurred in 5 patients; no ICANS was seen" as typed', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/playground.html?text=');
  await settled(page);
  const area = page.getByRole('textbox', { name: 'Text' });
  await area.fill('');
  // Type like a person: the page tags as the text grows (debounced), not only at the end.
  await area.pressSequentially('Grade 1 CRS occurred in 5 patients; no ICANS was seen', { delay: 5 });
  await page.waitForFunction(() => {
    const marks = [...document.querySelectorAll('#tagged mark.tag')];
    return marks.some((m) => m.dataset.facet === 'icans') && /tags? in/.test(document.getElementById('pg-status').textContent);
  });
  const tags = await page.locator('#tagged mark.tag').evaluateAll((els) => els.map((e) => `${e.dataset.facet}=${e.dataset.value}/${e.dataset.status}`).sort());
  assert.ok(tags.includes('crs_grade=1/affirmed'), tags.join(', '));
  assert.ok(tags.includes('icans=present/negated'), tags.join(', '));
  assert.ok(!tags.some((x) => x.startsWith('icans') && x.endsWith('/affirmed')), tags.join(', '));

  // The explanations: the grade's pattern and captures, and the cue and scope of the negation.
  const grade = page.locator('#explain li[data-facet="crs_grade"][data-value="1"]');
  const gradeText = await grade.textContent();
  assert.match(gradeText, /crs\.grade\.before/);
  assert.match(gradeText, /\{grade\}/);
  assert.match(gradeText, /Grade 1/);
  // how many: the count, the incidence rule that read it and its words
  assert.match(gradeText, /how many5 patients incidence\.patients from “5 patients”/);
  assert.equal(await page.locator('#explain .unbound').count(), 0, 'every count of the sentence is bound');
  const icans = page.locator('#explain li[data-facet="icans"]');
  assert.equal(await icans.getAttribute('data-status'), 'negated');
  const icansText = await icans.textContent();
  assert.match(icansText, /cue“no”/);
  assert.match(icansText, /cue\.negated\.forward/);
  assert.match(icansText, /ICANS was seen/);

  // The facets: crs_grade 1, icans absent.
  assert.match(await page.locator('table.facets tr[data-facet="crs_grade"]').textContent(), /1/);
  assert.match(await page.locator('table.facets tr[data-facet="icans"]').textContent(), /no ICANS/);
  assert.equal(await page.locator('table.facets tr[data-facet="icans"] .badge').getAttribute('title'), 'ICANS: absent');
  // The text is in the URL, to share a try-out.
  assert.equal(new URL(page.url()).searchParams.get('text'), 'Grade 1 CRS occurred in 5 patients; no ICANS was seen');
  await shot(page, 'playground-desktop');
  assertClean();
});

test('the rules page lists the rules by facet with their examples and no reload error', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/rules.html');
  await settled(page);
  const api = await (await fetch(`${BASE}/api/rules`)).json();
  assert.equal(await page.locator('article.rule').count(), api.rules.length);
  assert.ok(await page.locator('section.rule-group[data-group="crs_grade"] article.rule[data-id="crs.grade.before"]').count() === 1);
  assert.match(await page.locator('#rules-meta').textContent(), new RegExp(`${api.examples.passed} pass`));
  assert.equal(await page.locator('.exs li').count(), api.rules.reduce((n, r) => n + r.examples.length, 0));
  assert.equal(await page.locator('#reload-error').isVisible(), Boolean(api.error && api.error.length));

  // Filtering.
  await page.getByRole('searchbox', { name: 'Filter rules' }).fill('tocilizumab');
  await page.waitForFunction(() => location.search.includes('q=tocilizumab'));
  const visible = await page.locator('article.rule:not([hidden])').count();
  assert.ok(visible > 0 && visible < api.rules.length, `${visible} rules shown for "tocilizumab"`);
  await page.getByRole('searchbox', { name: 'Filter rules' }).fill('');
  await shot(page, 'rules-desktop');
  assertClean();
});

test('a broken edit in the rules folder shows on the rules page, and goes away when fixed', { skip: RULES_DIR ? false : 'RULES_DIR is not set (run.sh sets it)' }, async (t) => {
  const { page, assertClean } = await open(t);
  const broken = path.join(RULES_DIR, 'zz-e2e-broken.yaml');
  const rulesError = async () => (await (await fetch(`${BASE}/api/rules`)).json()).error || [];
  const waitFor = async (want, what) => {
    for (let i = 0; i < 100; i++) {
      if (want((await rulesError()).join('\n'))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server never ${what}`);
  };
  t.after(() => fs.rmSync(broken, { force: true }));
  fs.writeFileSync(broken, 'vocabularies:\n  - id: e2e.broken\n    facet: crs\n    descripton: a typo in a key\n    terms:\n      present: [cytokine storm]\n');
  await waitFor((e) => e.includes('zz-e2e-broken.yaml'), 'reported the broken rule file');

  await page.goto('/rules.html');
  await settled(page);
  const banner = page.locator('#reload-error');
  assert.ok(await banner.isVisible(), 'no reload error on the page');
  const text = await banner.textContent();
  assert.match(text, /zz-e2e-broken\.yaml:4:5/);
  assert.match(text, /descripton/);
  assert.ok(await page.locator('article.rule[data-id="crs.grade.before"]').count() === 1, 'the rules in force are not listed');
  assert.equal(await page.locator('article.rule[data-id="e2e.broken"]').count(), 0);
  await page.screenshot({ path: path.join(ART, 'rules-reload-error-desktop.png') });

  fs.rmSync(broken);
  await waitFor((e) => e === '', 'cleared the reload error');
  await page.reload();
  await settled(page);
  assert.equal(await banner.isVisible(), false);
  assertClean();
});

test('phone (390px): every page fits the screen and works', async (t) => {
  const { page, assertClean } = await open(t, PHONE);
  await page.goto('/');
  await settled(page);
  await search(page, 'grade 2 CRS tocilizumab');
  assert.equal((await hitIds(page))[0], SEED_004);
  await noHorizontalScroll(page);
  // The facets fold away behind a toggle on a phone.
  const box = page.locator('#facets-box');
  assert.equal(await box.evaluate((e) => e.open), false);
  await page.locator('#facets-box > summary').click();
  assert.equal(await box.evaluate((e) => e.open), true);
  await page.locator('#facets-box > summary').click();
  await shot(page, 'search-phone');

  await page.goto(`/doc.html?id=${SEED_002}#s15`);
  await settled(page);
  await noHorizontalScroll(page);
  await shot(page, 'doc-002-phone');

  await page.goto('/playground.html?text=' + encodeURIComponent('Grade 1 CRS occurred in 5 patients; no ICANS was seen'));
  await settled(page);
  await page.locator('#tagged mark.tag[data-facet="icans"]').waitFor();
  await noHorizontalScroll(page);
  await shot(page, 'playground-phone');

  await page.goto('/rules.html');
  await settled(page);
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(ART, 'rules-phone.png') }); // the first screen: the page is long
  assertClean();
});

test('keyboard: "/" focuses the box, Tab reaches the chips, facets, results and tags', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/?q=' + encodeURIComponent('grade 2 CRS tocilizumab'));
  await settled(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  // Tab forward until a tag span has the focus, noting what came before it.
  const seen = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const what = await page.evaluate(() => {
      const a = document.activeElement;
      if (a.matches('#chips button')) return 'chip';
      if (a.matches('button.fv')) return 'facet';
      if (a.matches('#hits h2 a')) return 'result';
      if (a.matches('mark.tag')) return 'tag';
      return a.tagName;
    });
    seen.add(what);
    if (what === 'tag') break;
  }
  for (const w of ['chip', 'facet', 'result', 'tag']) assert.ok(seen.has(w), `Tab never reached a ${w}: ${[...seen].join(', ')}`);
  await page.getByRole('tooltip').waitFor({ state: 'visible' });
  // A focused element is visibly marked.
  const outline = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; });
  assert.ok(outline, 'the focused tag has no visible focus mark');
  assertClean();
});

test('the search page is light: bytes transferred are recorded', async (t) => {
  const { page, assertClean } = await open(t);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const sizes = new Map();
  cdp.on('Network.responseReceived', (e) => { sizes.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }); });
  cdp.on('Network.loadingFinished', (e) => { const s = sizes.get(e.requestId); if (s) s.bytes = e.encodedDataLength; });
  await page.goto('/?q=' + encodeURIComponent('grade 2 CRS tocilizumab'));
  await settled(page);
  await page.waitForLoadState('networkidle');
  const rows = [...sizes.values()].filter((s) => s.bytes > 0);
  const sum = (f) => rows.filter(f).reduce((n, s) => n + s.bytes, 0);
  const report = {
    url: page.url(),
    total_bytes: sum(() => true),
    page_bytes: sum((s) => !s.url.includes('/api/')),
    api_bytes: sum((s) => s.url.includes('/api/')),
    requests: rows.map((s) => ({ url: s.url.replace(BASE, ''), type: s.type, bytes: s.bytes })),
  };
  fs.writeFileSync(path.join(ART, 'page-weight.json'), JSON.stringify(report, null, 2) + '\n');
  t.diagnostic(`search page: ${report.total_bytes} bytes transferred in ${rows.length} requests (page ${report.page_bytes}, API ${report.api_bytes})`);
  assert.ok(report.page_bytes < 150_000, `the page's own files weigh ${report.page_bytes} bytes`);
  assert.ok(!rows.some((s) => !s.url.startsWith(BASE)), 'a request left the server (CDN?)');
  assertClean();
});

test('a facet with more than ten values shows ten and the rest behind "Show all"', async (t) => {
  const { page, assertClean } = await open(t);
  // The shipped corpus has no facet with ten values: answer one search with fifteen
  // diseases of our own, through the real page code.
  await page.route('**/api/search?*', async (route) => {
    const url = new URL(route.request().url());
    assert.equal(url.searchParams.get('facet_size'), '200', 'the page asks for every value');
    const real = await (await route.fetch()).json();
    real.facets.disease = Array.from({ length: 15 }, (_, i) => ({ value: `disease ${String(i + 1).padStart(2, '0')}`, count: 20 - i }));
    await route.fulfill({ json: real });
  });
  await page.goto('/?q=*');
  await settled(page);
  const values = page.locator('#facets section[data-facet="disease"] button.fv');
  assert.equal(await values.count(), 10);
  const more = page.locator('#facets section[data-facet="disease"] button.more');
  assert.equal(await more.textContent(), 'Show all 15');
  await more.click();
  assert.equal(await values.count(), 15);
  assert.equal(await page.locator('#facets section[data-facet="disease"] button.more').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.classList.contains('more')), true, 'focus stays on the toggle');
  assertClean();
});

test('the results can be exported as CSV and JSON Lines, the search on screen', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/?q=tocilizumab');
  await settled(page);
  const csvHref = await page.locator('#export-csv').getAttribute('href');
  assert.match(csvHref, /^\/api\/export\?/);
  assert.match(csvHref, /format=csv/);
  assert.match(csvHref, /q=tocilizumab/);
  const res = await page.request.get(csvHref);
  assert.equal(res.status(), 200);
  const lines = (await res.text()).trim().split('\n');
  assert.equal(lines.length - 1, Number(res.headers()['x-total-count']), 'one row per document found');
  const jsonl = await page.request.get(await page.locator('#export-jsonl').getAttribute('href'));
  for (const l of (await jsonl.text()).trim().split('\n')) assert.ok(JSON.parse(l).facets.toxicity_treatment.includes('tocilizumab'));
  assertClean();
});

test('an outcome nobody had offers the documents that say it did not happen', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/?q=ICANS');
  await settled(page);
  const hint = page.locator('#hits li.empty .negated-hint');
  await hint.waitFor();
  assert.match(await hint.textContent(), /^\d+ documents? says? ICANS .*did not happen/);
  await hint.locator('a').click();
  await settled(page);
  assert.ok(await page.locator('#hits li.hit').count() > 0, 'the documents that say there was no ICANS');
  assert.match(page.url(), /filter=icans%3Dabsent|filter=icans=absent/);
  assertClean();
});

test('a grade nobody had offers the documents that deny it', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto(`/?q=${encodeURIComponent('grade ≥3 CRS')}`);
  await settled(page);
  const hint = page.locator('#hits li.empty .negated-hint');
  await hint.waitFor();
  await hint.locator('a').click();
  await settled(page);
  assert.ok(await page.locator('#hits li.hit').count() > 0, 'the documents that say there was no grade 3 or higher CRS');
  assert.ok(new URL(page.url()).searchParams.getAll('filter').includes('crs_grade=3+/negated'), page.url());
  assertClean();
});

test('a facet value can be excluded, and shows as a "not" chip', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/?q=*');
  await settled(page);
  const before = await page.locator('#hits li.hit').count();
  await page.locator('#facets section[data-facet="antigen"] button.fx[data-value="BCMA"]').click();
  await settled(page);
  assert.match(page.url(), /antigen%21%3DBCMA|antigen!%3DBCMA|antigen!=BCMA/);
  assert.ok(await page.locator('#chips .chip', { hasText: 'not' }).count() === 1);
  for (const id of await page.locator('#hits li.hit').evaluateAll((els) => els.map((e) => e.dataset.id))) {
    const doc = await (await page.request.get(`/api/documents/${id}`)).json();
    assert.ok(!(doc.facets.antigen || []).includes('BCMA'), `${id} has BCMA`);
  }
  assert.ok(await page.locator('#hits li.hit').count() <= before);
  assertClean();
});

test('keyboard: focus stays on the facet used, one tag Tab stop per sentence, a skip link to the results', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/?q=*');
  await settled(page);
  const btn = page.locator('#facets section[data-facet="antigen"] button.fv').first();
  const value = await btn.getAttribute('data-value');
  await btn.focus();
  const before = await page.evaluate(() => document.body.dataset.ready);
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.body.dataset.ready !== b, before);
  await settled(page);
  const active = await page.evaluate(() => ({ tag: document.activeElement.tagName, facet: document.activeElement.dataset.facet, value: document.activeElement.dataset.value }));
  assert.deepEqual(active, { tag: 'BUTTON', facet: 'antigen', value }, 'focus is on the facet value just used');
  const perSentence = await page.locator('#hits li.sent').evaluateAll((lis) => lis.map((li) => li.querySelectorAll('mark.tag:not([tabindex="-1"])').length));
  assert.ok(perSentence.every((n) => n <= 1), `tag Tab stops per sentence: ${perSentence}`);
  const sent = page.locator('#hits li.sent').filter({ has: page.locator('mark.tag + mark.tag, mark.tag ~ mark.tag') }).first();
  if (await sent.count()) { // the arrow keys move between a sentence's tags
    await sent.locator('mark.tag').first().focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.matches('mark.tag') && document.activeElement.tabIndex === -1), true);
  }
  const skip = page.locator('a.skip[href="#summary"]');
  assert.equal(await skip.count(), 1);
  assertClean();
});

test('phone: choosing a facet closes the facet list so the results show', async (t) => {
  const { page, assertClean } = await open(t, PHONE);
  await page.goto('/?q=*');
  await settled(page);
  await page.locator('#facets-box > summary').click();
  assert.equal(await page.locator('#facets-box').getAttribute('open'), '');
  const before = await page.evaluate(() => document.body.dataset.ready);
  await page.locator('#facets section[data-facet="antigen"] button.fv').first().click();
  await page.waitForFunction((b) => document.body.dataset.ready !== b, before);
  await settled(page);
  assert.equal(await page.locator('#facets-box').getAttribute('open'), null, 'the facet list is closed');
  assertClean();
});

// axe runs axe-core in the page and returns its serious and critical violations.
async function axe(page) {
  const src = fs.readFileSync(path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: src });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

for (const [name, url] of [['search', '/?q=' + encodeURIComponent('grade 2 CRS tocilizumab')], ['document', `/doc.html?id=${SEED_004}`], ['rules', '/rules.html'], ['playground', '/playground.html'], ['saved searches', '/searches.html']]) {
  test(`axe-core finds no serious violation on the ${name} page`, async (t) => {
    const { page } = await open(t, { ...DESKTOP, bypassCSP: true }); // axe-core is injected inline
    await page.goto(url);
    await settled(page);
    const v = await axe(page);
    assert.deepEqual(v, [], `serious violations on ${url}:\n${v.join('\n')}`);
  });
}

test('playground: one request per edit, every example tags something, an error clears the old tags', async (t) => {
  const { page, problems } = await open(t);
  const calls = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) calls.push(new URL(r.url()).pathname); });
  await page.goto('/playground.html');
  await settled(page);
  for (const b of await page.locator('#examples button').all()) {
    const before = await page.evaluate(() => document.body.dataset.ready);
    calls.length = 0;
    await b.click();
    await page.waitForFunction((x) => document.body.dataset.ready !== x, before);
    assert.ok(await page.locator('#tagged mark.tag').count() > 0, `the example "${await b.textContent()}" tags nothing`);
    assert.deepEqual(calls.filter((c) => c !== '/api/facets'), ['/api/explain'], 'one request per edit');
  }
  // A text over the server's limit: the error shows and no tags of the earlier text stay.
  const before = await page.evaluate(() => document.body.dataset.ready);
  await page.locator('#text').fill('Grade 2 CRS. '.repeat(90000));
  await page.waitForFunction((x) => document.body.dataset.ready !== x, before, { timeout: 20000 });
  assert.equal(await page.locator('#error').isHidden(), false);
  assert.equal(await page.locator('#tagged mark.tag').count(), 0, 'tags of the earlier text stay on screen');
  assert.ok(problems.every((p) => /413/.test(p)), problems.join('\n')); // the expected refusal, and its console line
});

test('links between pages: document facets to searches, playground rules to the rules page; an empty rules filter says why', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto(`/doc.html?id=${SEED_004}`);
  await settled(page);
  const link = page.locator('#facets tr[data-facet="antigen"] a').first();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/\?q=\*&filter=antigen%3D/);
  await link.click();
  await settled(page);
  assert.ok(await page.locator('#hits li.hit').count() > 0);
  assert.ok(await page.locator(`#hits li.hit[data-id="${SEED_004}"]`).count() === 1, 'the document itself is among them');

  await page.goto('/playground.html?text=' + encodeURIComponent('Grade 2 CRS occurred.'));
  await settled(page);
  const rule = page.locator('#explain a[href^="/rules.html#rule-"]').first();
  const target = (await rule.getAttribute('href')).split('#')[1];
  await rule.click();
  await settled(page);
  assert.equal(await page.locator(`[id="${decodeURIComponent(target)}"]`).count(), 1, 'the rule is on the rules page');

  await page.goto('/rules.html?failing=1');
  await settled(page);
  assert.match(await page.locator('#rules-none').textContent(), /no rule is failing/);
  assert.equal(await page.locator('#rules-none').isVisible(), true);
  assertClean();
});

test('registry numbers and DOIs in a document link to where they are known', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/doc.html?id=003_712c9c4fc3fafea0');
  await settled(page);
  const nct = page.locator('#text a.id-link[href^="https://clinicaltrials.gov/study/NCT"]').first();
  assert.equal(await nct.count(), 1);
  assert.match(await nct.textContent(), /^NCT\d{8}$/);
  // The sentence's text is unchanged by its links.
  const sent = nct.locator('xpath=ancestor::span[contains(@class,"sent")]');
  assert.ok((await sent.textContent()).includes(await nct.textContent()));
  assertClean();
});

test('a misspelt query that finds nothing suggests the words of the vocabulary', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/?q=' + encodeURIComponent('tocilizumb'));
  await settled(page);
  const sug = page.locator('#hits li.empty .suggestion a');
  assert.equal(await sug.textContent(), 'tocilizumab');
  await sug.click();
  await settled(page);
  assert.ok(await page.locator('#hits li.hit').count() > 0);
  assertClean();
});

test('saved searches: new-match counts, alerts linking to the matching sentence, nothing new on the next visit', async (t) => {
  const { page, assertClean } = await open(t);
  await page.goto('/');
  await settled(page);
  await page.locator('.nav a[data-page="searches"]').click();
  await page.waitForURL('**/searches.html');
  await settled(page);
  assert.equal(await page.locator('.nav a[aria-current="page"]').getAttribute('data-page'), 'searches');

  // Every saved search of searches.yaml is listed; the first visit counts every alert as new.
  const api = await (await fetch(`${BASE}/api/searches`)).json();
  const names = await page.locator('article.saved').evaluateAll((els) => els.map((e) => e.dataset.name));
  assert.deepEqual(names, api.searches.map((s) => s.name));
  const card = page.locator('article.saved[data-name="cd19-myositis"]');
  assert.equal(await card.getAttribute('data-new'), '1');
  assert.match(await card.locator('h2').textContent(), /1 new/);
  assert.match(await page.locator('#searches-meta').textContent(), /first visit/);

  // Its alert is seed 004, linked to the first sentence that matched, then to each one.
  const alert = card.locator(`li.alert[data-document="${SEED_004}"]`);
  assert.equal(await alert.count(), 1);
  assert.equal(await alert.locator('.new-tag').count(), 1);
  assert.match(await alert.textContent(), /antigen=CD19/);
  const links = await alert.locator('a.sentence-link').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
  assert.ok(links.includes(`/doc.html?id=${SEED_004}#s2`), `sentence links: ${links}`);
  await shot(page, 'searches-desktop');

  await alert.locator('a.sentence-link', { hasText: '#2' }).click();
  await page.waitForURL(`**/doc.html?id=${SEED_004}#s2`);
  await settled(page);
  assert.match(await page.locator('#s2').textContent(), /CD19-targeted CAR T cells/);

  // The next visit: the alert is older than the last look, so nothing is new.
  await page.goto('/searches.html');
  await settled(page);
  assert.equal(await card.getAttribute('data-new'), '0');
  assert.match(await card.locator('h2').textContent(), /nothing new/);
  assert.equal(await alert.locator('.new-tag').count(), 0);
  assert.match(await page.locator('#searches-meta').textContent(), /since your last visit/);
  assertClean();
});

test('phone: the saved-searches page fits the screen', async (t) => {
  const { page, assertClean } = await open(t, PHONE);
  await page.goto('/searches.html');
  await settled(page);
  await page.locator('article.saved').first().waitFor();
  await noHorizontalScroll(page);
  await shot(page, 'searches-phone');
  assertClean();
});
