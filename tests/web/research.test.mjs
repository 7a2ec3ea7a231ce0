// Researchers' tools in the page (issue #12): the "did you mean" link, "More like this" in the
// release view, and the timeline's count / share switch, each compared with the API's answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, assertNoProblems, go, hitIds, launch, openPage, pickWord, qs, screenshot, settle, shownTotal, urlParams,
} from './lib/harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser && browser.close());

test('a misspelt query shows "Did you mean" with a link that runs the corrected query', async () => {
  const { word, total } = await pickWord(3);
  // Two letters swapped inside the word: the spelling data knows the word, not the typo.
  const typo = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
  const wrong = await api(`search?${qs({ q: typo, per_page: 1, facets: 'none' })}`);
  assert.ok(wrong.suggestion, `the API suggests a spelling for "${typo}"`);
  assert.equal(wrong.suggestion.q, word);
  assert.equal(wrong.suggestion.total, total);

  const page = await openPage(browser);
  await go(page, `/?${qs({ q: typo })}`);
  assert.equal(await page.textContent('#suggestion-link'), word);
  assert.match(await page.textContent('#suggestion'), new RegExp(`Did you mean ${word} \\(${total} releases?\\)\\?`));
  await screenshot(page, 'did-you-mean');
  await page.click('#suggestion-link');
  await settle(page);
  assert.equal(urlParams(page).get('q'), word);
  assert.equal(await shownTotal(page), total);
  assert.equal(await page.locator('#suggestion').count(), 0, 'no suggestion for a well-spelt query');
  assertNoProblems(page);
});

test('"More like this" in the release view lists the API\'s similar releases, which open', async () => {
  const { word } = await pickWord(3);
  const page = await openPage(browser);
  await go(page, `/?${qs({ q: word })}`);
  const [first] = await hitIds(page);
  await page.click('#hits .hit:first-child .hit-link');
  await settle(page);
  assert.equal(urlParams(page).get('doc'), first);
  const expected = await api(`documents/${encodeURIComponent(first)}/similar?per_page=10`);
  assert.ok(expected.hits.length > 0, 'the sample corpus has releases like this one');
  await page.click('.doc-actions [data-action="similar"]');
  await settle(page);
  const shown = await page.locator('#doc-similar li').evaluateAll((els) => els.map((e) => e.dataset.id));
  assert.deepEqual(shown, expected.hits.map((h) => h.id));
  assert.ok(!shown.includes(first), 'the release itself is not listed');
  await screenshot(page, 'more-like-this');
  await page.click('#doc-similar li:first-child a');
  await settle(page);
  assert.equal(urlParams(page).get('doc'), expected.hits[0].id);
  assert.equal(await page.textContent('#doc-title'), expected.hits[0].title);
  assertNoProblems(page);
});

test('the timeline switches between counts and shares of each period\'s releases', async () => {
  const { word } = await pickWord(3);
  const page = await openPage(browser);
  await go(page, `/?${qs({ q: word })}`);
  assert.equal(await page.getAttribute('#tl-count', 'aria-pressed'), 'true');
  await page.click('#tl-share');
  await settle(page);
  assert.equal(urlParams(page).get('share'), '1');
  assert.equal(await page.getAttribute('#tl-share', 'aria-pressed'), 'true');
  const interval = await page.locator('#timeline .tl-bar').first().evaluate((e) => e.dataset.key.length);
  const histogram = { 4: 'year', 7: 'month', 10: 'day' }[interval];
  const expected = await api(`search?${qs({ q: word, per_page: 1, facets: 'none', histogram, histogram_normalize: 'archive' })}`);
  const shares = new Map(expected.histogram.buckets.map((b) => [b.key, b.share]));
  const bars = await page.locator('#timeline .tl-bar').evaluateAll((els) => els.map((e) => [e.dataset.key, Number(e.dataset.share)]));
  assert.ok(bars.length > 0);
  for (const [key, share] of bars) assert.equal(share, shares.get(key) || 0, key);
  // An issuer filter compares with that issuer's own output.
  const issuer = expected.hits[0].issuers[0];
  await go(page, `/?${qs({ q: word, issuer, share: 1 })}`);
  const byIssuer = await api(`search?${qs({ q: word, issuer, per_page: 1, facets: 'none', histogram, histogram_normalize: 'issuer' })}`);
  const label = await page.locator('#timeline .tl-bar:not(.tl-zero)').first().getAttribute('aria-label');
  const bucket = byIssuer.histogram.buckets.find((b) => b.count > 0);
  assert.match(label, new RegExp(`of ${bucket.releases} release`));
  await screenshot(page, 'timeline-share');
  await page.click('#tl-count');
  await settle(page);
  assert.equal(urlParams(page).get('share'), null);
  assertNoProblems(page);
});
