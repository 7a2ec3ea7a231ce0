// Opening a release, shareable addresses, back and forward, and the keyboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, assertNoProblems, BASE, go, hitIds, launch, openPage, pickWord, qs, screenshot, settle, shownTotal, urlParams,
} from './lib/harness.mjs';

let browser;
let word;
before(async () => {
  browser = await launch();
  ({ word } = await pickWord());
});
after(() => browser && browser.close());

const paragraphs = (body) => body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);

test('opening a release shows its full text, every field, the original link, and searches from it', async () => {
  const page = await openPage(browser);
  await go(page, `/?${qs({ q: word })}`);
  const first = page.locator('#hits .hit-link').first();
  const id = await first.getAttribute('data-doc-id');
  await first.click();
  await settle(page);
  assert.equal(urlParams(page).get('doc'), id);
  assert.equal(urlParams(page).get('q'), word, 'the search stays in the address');
  const doc = await api(`documents/${encodeURIComponent(id)}`);

  assert.equal(await page.isVisible('#results-view'), false);
  assert.equal(await page.textContent('#doc-title'), doc.title);
  assert.ok(await page.locator('#doc-title').evaluate((e) => e === document.activeElement), 'focus moves to the release');
  assert.deepEqual(await page.locator('#doc-body p').allTextContents(), paragraphs(doc.body));
  assert.equal(await page.locator('#doc-body *:not(p):not(mark)').count(), 0, 'the body is text, not HTML');
  if (doc.url) assert.equal(await page.getAttribute('a.original', 'href'), doc.url);
  const record = await page.textContent('.doc-record dl');
  assert.ok(record.includes(doc.id));
  for (const v of [...doc.issuers, ...doc.topics]) assert.ok(record.includes(v), v);
  // Extra fields are all shown, strings of nested values included.
  const known = new Set(['id', 'date', 'issuers', 'topics', 'title', 'body', 'url', 'language', 'source']);
  const strings = (v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
  for (const [k, v] of Object.entries(doc)) {
    if (known.has(k)) continue;
    for (const s of strings(v)) assert.ok(record.includes(s), `extra field ${k}: ${s}`);
  }
  assert.ok((await page.title()).startsWith(doc.title));
  await screenshot(page, 'desktop-release');

  // "More from this issuer": a new search for that issuer alone.
  const issuer = doc.issuers[0];
  await page.click(`a[data-action="issuer"]:has-text("${issuer}")`);
  await settle(page);
  const p = urlParams(page);
  assert.deepEqual(p.getAll('issuer'), [issuer]);
  assert.equal(p.has('q'), false);
  assert.equal(p.has('doc'), false);
  const expected = await api(`search?${qs({ issuer, per_page: 1, facets: 'none' })}`);
  assert.equal(await shownTotal(page), expected.total);

  // Back to the release, then "same topic".
  await page.goBack();
  await settle(page);
  assert.equal(urlParams(page).get('doc'), id);
  if (doc.topics.length) {
    await page.click(`a[data-action="topic"]:has-text("${doc.topics[0]}")`);
    await settle(page);
    assert.deepEqual(urlParams(page).getAll('topic'), [doc.topics[0]]);
    const t = await api(`search?${qs({ topic: doc.topics[0], per_page: 1, facets: 'none' })}`);
    assert.equal(await shownTotal(page), t.total);
  }
  assertNoProblems(page);
});

test('a release that does not exist says so plainly', async () => {
  const page = await openPage(browser);
  await go(page, `/?${qs({ doc: 'no-such-release/../x' })}`);
  assert.match(await page.textContent('#doc-title'), /not in the archive/);
  assert.match(await page.textContent('#doc-view'), /no-such-release\/\.\.\/x/);
  assertNoProblems(page);
});

test('back and forward move between searches and releases', async () => {
  const page = await openPage(browser);
  await go(page, '/');
  const all = await shownTotal(page);
  await page.fill('#q', word);
  await page.press('#q', 'Enter');
  await settle(page);
  const ids = await hitIds(page);
  const second = page.locator('#hits .hit-link').nth(1);
  const id = await second.getAttribute('data-doc-id');
  await second.click();
  await settle(page);
  assert.equal(await page.isVisible('#doc-view'), true);

  await page.goBack();
  await settle(page);
  assert.equal(urlParams(page).has('doc'), false);
  assert.equal(await page.isVisible('#doc-view'), false);
  assert.deepEqual(await hitIds(page), ids);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.docId), id, 'focus returns to the release link');

  await page.goBack();
  await settle(page);
  assert.equal(urlParams(page).has('q'), false);
  assert.equal(await page.inputValue('#q'), '');
  assert.equal(await shownTotal(page), all);

  await page.goForward();
  await settle(page);
  assert.equal(await page.inputValue('#q'), word);
  await page.goForward();
  await settle(page);
  assert.equal(urlParams(page).get('doc'), id);
  assert.equal(await page.isVisible('#doc-title'), true);

  // Esc closes the release (back in history).
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(urlParams(page).has('doc'), false);
  assertNoProblems(page);
});

test('a shared address restores the same view in a fresh browser', async () => {
  const archive = await api('search?per_page=1&facets=issuer,year&facet_size=1000');
  const issuer = archive.facets.issuer[0].value;
  const years = archive.facets.year.map((v) => v.value).sort();
  const filters = { issuer, from: years[0], to: years[years.length - 1], sort: 'oldest' };
  const count = (await api(`search?${qs({ ...filters, per_page: 1, facets: 'none' })}`)).total;
  const pageNo = count > 20 ? 2 : 1;
  const rel = `/?${qs({ ...filters, page: pageNo })}`;

  const snapshot = async (page) => ({
    url: page.url(),
    q: await page.inputValue('#q'),
    total: await shownTotal(page),
    ids: await hitIds(page),
    chips: await page.locator('#chips .chip').allTextContents(),
    sort: await page.inputValue('#sort'),
    from: await page.inputValue('#from'),
    to: await page.inputValue('#to'),
    bars: await page.locator('#timeline .tl-bar').evaluateAll((els) => els.map((e) => `${e.dataset.key}:${e.dataset.count}`)),
    pressed: await page.locator('#filters button[aria-pressed=true]').evaluateAll((els) => els.map((e) => e.dataset.value)),
    current: (await page.locator('#pager [aria-current=page]').count())
      ? await page.locator('#pager [aria-current=page]').textContent() : null,
    title: await page.title(),
  });

  const one = await openPage(browser);
  await go(one, rel);
  const a = await snapshot(one);
  assert.equal(a.current, pageNo > 1 ? '2' : null);
  assert.equal(a.sort, 'oldest');
  assert.deepEqual(a.pressed, [issuer]);
  const expected = await api(`search?${qs({ ...filters, page: pageNo, per_page: 20, facets: 'none' })}`);
  assert.deepEqual(a.ids, expected.hits.map((h) => h.id));

  await one.reload();
  await settle(one);
  assert.deepEqual(await snapshot(one), a, 'reload keeps the view');

  const two = await openPage(browser);
  await go(two, new URL(one.url()).pathname + new URL(one.url()).search);
  assert.deepEqual(await snapshot(two), a, 'the pasted address gives the same view');

  // With a release open, the address opens it too.
  const docId = a.ids[0];
  const three = await openPage(browser);
  await go(three, `${rel}&${qs({ doc: docId })}`);
  const doc = await api(`documents/${encodeURIComponent(docId)}`);
  assert.equal(await three.textContent('#doc-title'), doc.title);
  await three.click('#doc-back');
  await settle(three);
  assert.deepEqual(await hitIds(three), a.ids);
  for (const p of [one, two, three]) assertNoProblems(p);
});

test('keyboard: / focuses the search box; results and facets work with Tab and Enter', async () => {
  const page = await openPage(browser);
  await go(page, '/');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  assert.ok(await page.locator('#q').evaluate((e) => e === document.activeElement), '/ focuses the search box');
  await page.keyboard.type(word);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(urlParams(page).get('q'), word);

  // Tab from the search box to the first result, open it with Enter.
  const tabTo = async (predicate, max = 150) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(predicate)) return true;
    }
    return false;
  };
  await page.focus('#q');
  assert.ok(await tabTo(() => document.activeElement.classList.contains('hit-link')), 'a result is reachable with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  const id = await page.evaluate(() => document.activeElement.dataset.docId);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(urlParams(page).get('doc'), id);
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.docId), id);

  // A facet value, with Tab and Enter; focus stays on it after the update.
  await page.focus('#q');
  assert.ok(await tabTo(() => document.activeElement.matches('#facet-issuer button.facet')), 'a facet is reachable with Tab');
  const value = await page.evaluate(() => document.activeElement.dataset.value);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.deepEqual(urlParams(page).getAll('issuer'), [value]);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.value), value);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true');

  // The timeline: one tab stop, arrows move, Enter picks a period.
  await page.focus('#timeline .tl-bar[tabindex="0"]');
  await page.keyboard.press('Home');
  const key = await page.evaluate(() => document.activeElement.dataset.key);
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(urlParams(page).get('from'), key);
  assert.equal(urlParams(page).get('to'), key);
  assertNoProblems(page);
});

test('every control has a label', async () => {
  const page = await openPage(browser);
  await go(page, `/?${qs({ q: word })}`);
  await page.click('#export summary');
  await settle(page);
  const unlabelled = await page.evaluate(() => {
    const name = (e) => (e.getAttribute('aria-label') || (e.labels && [...e.labels].map((l) => l.textContent).join(' '))
      || e.textContent || e.getAttribute('title') || '').trim();
    return [...document.querySelectorAll('input, select, button, a[href], summary')]
      .filter((e) => e.getClientRects().length && !name(e))
      .map((e) => e.outerHTML.slice(0, 120));
  });
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok(BASE);
  assertNoProblems(page);
});
