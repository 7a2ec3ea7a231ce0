// Phone (375 px) and desktop (1440 px) layouts: no sideways scrolling, filters reachable,
// screenshots for people to look at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, assertNoProblems, DESKTOP, go, launch, openPage, PHONE, pickWord, qs, screenshot, settle, shownTotal, urlParams,
} from './lib/harness.mjs';

let browser;
let word;
before(async () => {
  browser = await launch();
  ({ word } = await pickWord());
});
after(() => browser && browser.close());

const scrollWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('phone width: no horizontal scrolling in any view; filters behind a button', async () => {
  const page = await openPage(browser, PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await go(page, `/?${qs({ q: word })}`);
  assert.ok(await scrollWidth(page) <= PHONE.width, `results: scrollWidth ${await scrollWidth(page)}`);
  assert.equal(await page.isVisible('#facet-issuer'), false, 'filters start folded away');
  await screenshot(page, 'phone-results');

  await page.click('#filters-toggle');
  assert.equal(await page.getAttribute('#filters-toggle', 'aria-expanded'), 'true');
  assert.equal(await page.isVisible('#facet-issuer'), true);
  assert.ok(await scrollWidth(page) <= PHONE.width, 'filters open');
  await screenshot(page, 'phone-filters');

  // Filter from the phone layout: tap an issuer.
  const value = await page.getAttribute('#facet-issuer button.facet >> nth=0', 'data-value');
  await page.tap(`#facet-issuer button.facet[data-value="${value}"]`);
  await settle(page);
  assert.deepEqual(urlParams(page).getAll('issuer'), [value]);
  assert.equal(await page.textContent('#filters-toggle'), 'Filters (1)');
  assert.ok(await scrollWidth(page) <= PHONE.width, 'filtered');

  await page.click('#export summary');
  await page.waitForSelector('#export-count[data-count]');
  assert.ok(await scrollWidth(page) <= PHONE.width, 'export panel open');
  await page.locator('#export').scrollIntoViewIfNeeded();
  await screenshot(page, 'phone-export');

  await page.click('#syntax summary');
  assert.ok(await scrollWidth(page) <= PHONE.width, 'syntax help open');
  await page.click('#syntax summary');

  await page.locator('#hits .hit-link').first().click();
  await settle(page);
  assert.equal(await page.isVisible('#doc-title'), true);
  assert.ok(await scrollWidth(page) <= PHONE.width, 'release view');
  await screenshot(page, 'phone-release');
  assertNoProblems(page);
});

test('phone width: the timeline is usable by tapping', async () => {
  const page = await openPage(browser, PHONE, { isMobile: true, hasTouch: true });
  await go(page, '/');
  const bar = page.locator('#timeline .tl-bar:not(.tl-zero)').last();
  const key = await bar.getAttribute('data-key');
  await bar.tap();
  await settle(page);
  assert.equal(urlParams(page).get('from'), key);
  const expected = await api(`search?${qs({ from: key, to: key, per_page: 1, facets: 'none' })}`);
  assert.equal(await shownTotal(page), expected.total);
  assert.ok(await scrollWidth(page) <= PHONE.width);
  await screenshot(page, 'phone-timeline-month');
  assertNoProblems(page);
});

test('desktop width: filters beside the results, the release beside its record', async () => {
  const page = await openPage(browser, DESKTOP);
  await go(page, `/?${qs({ q: word })}`);
  assert.equal(await page.isVisible('#filters-toggle'), false);
  const aside = await page.locator('#filters').boundingBox();
  const main = await page.locator('#main').boundingBox();
  assert.ok(aside.x + aside.width <= main.x, 'filters are a column left of the results');
  assert.ok(main.width >= 800, `results column is wide (${main.width}px)`);
  assert.ok(await scrollWidth(page) <= DESKTOP.width);
  await screenshot(page, 'desktop-results');
  await page.click('#export summary');
  await page.waitForSelector('#export-count[data-count]');
  await screenshot(page, 'desktop-export');
  await page.click('#export summary');
  await page.click('#syntax summary');
  await screenshot(page, 'desktop-syntax');
  await page.click('#syntax summary');

  await page.locator('#hits .hit-link').first().click();
  await settle(page);
  const text = await page.locator('#doc-body').boundingBox();
  const record = await page.locator('.doc-record').boundingBox();
  assert.ok(text.x + text.width <= record.x, 'the record sits beside the text');
  await screenshot(page, 'desktop-release-full', { fullPage: true });
  assertNoProblems(page);
});

test('loading is shown while a search runs', async () => {
  const page = await openPage(browser, DESKTOP);
  await go(page, '/');
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/search?**', async (route) => {
    await held;
    await route.continue();
  });
  await page.fill('#q', word);
  await page.press('#q', 'Enter');
  await page.locator('#main.is-loading').waitFor();
  assert.equal(await page.getAttribute('#hits', 'aria-busy'), 'true');
  await screenshot(page, 'desktop-loading');
  release();
  await settle(page);
  assert.equal(await page.locator('#main.is-loading').count(), 0);
  assertNoProblems(page);
});
