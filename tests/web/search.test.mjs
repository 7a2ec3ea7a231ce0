// Searching, facets, the timeline, dates, sorting and paging: what the page shows is compared
// with what the API answers for the same request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  api, assertNoProblems, facetValues, go, hitIds, launch, openPage, pickWord, qs, screenshot, settle, shownTotal,
  urlParams,
} from './lib/harness.mjs';

let browser;
let archive; // search with no query: every release
before(async () => {
  browser = await launch();
  archive = await api('search?per_page=1&facets=issuer,topic,year&facet_size=1000&histogram=year');
});
after(() => browser && browser.close());

test('a query shows hits with the matched words highlighted, the total and the time taken', async () => {
  const { word, total } = await pickWord();
  const expected = await api(`search?${qs({ q: word, sort: 'relevance', per_page: 20 })}`);
  const page = await openPage(browser);
  await go(page, '/');
  await page.fill('#q', word);
  await page.press('#q', 'Enter');
  await settle(page);

  assert.equal(urlParams(page).get('q'), word);
  assert.equal(await shownTotal(page), total);
  assert.match(await page.textContent('#summary'), /\d(\.\d)? m?s/, 'time taken is shown');
  assert.deepEqual(await hitIds(page), expected.hits.map((h) => h.id));
  assert.equal(await page.textContent('#hits .hit:first-child .hit-link'), expected.hits[0].title);

  const marks = await page.locator('#hits .snippet mark').allTextContents();
  assert.ok(marks.length > 0, 'snippets have highlighted words');
  const stem = word.slice(0, 4);
  assert.ok(marks.some((m) => m.toLowerCase().startsWith(stem)), `a highlight matches "${word}": ${marks.slice(0, 5)}`);
  // Only <mark> is markup inside snippets; nothing else from the server becomes HTML.
  assert.equal(await page.locator('#hits .snippet *:not(mark)').count(), 0);
  // The server's snippet text, with <mark> removed and entities decoded, is what is shown.
  const shown = await page.textContent('#hits .hit:first-child .snippet');
  const plain = expected.hits[0].snippet.replace(/<\/?mark>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, x) => String.fromCodePoint(parseInt(x, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  assert.equal(shown, plain);
  await screenshot(page, 'desktop-search');
  assertNoProblems(page);
});

test('an issuer facet narrows the results, its counts match the API, and its chip removes it', async () => {
  const page = await openPage(browser);
  await go(page, '/');
  const all = await shownTotal(page);
  assert.equal(all, archive.total);
  const issuers = await facetValues(page, 'issuer');
  const top = await api('search?per_page=1&facets=issuer&facet_size=10');
  assert.deepEqual(issuers.map((v) => [v.value, v.count]), top.facets.issuer.map((v) => [v.value, v.count]));

  const pick = issuers[Math.min(1, issuers.length - 1)];
  await page.click(`#facet-issuer button.facet[data-value="${pick.value}"]`);
  await settle(page);
  assert.deepEqual(urlParams(page).getAll('issuer'), [pick.value]);
  assert.equal(await shownTotal(page), pick.count);
  assert.ok(pick.count < all, 'the filter narrows');
  const pressed = (await facetValues(page, 'issuer')).find((v) => v.value === pick.value);
  assert.equal(pressed.pressed, true);
  // Every hit on the page is from that issuer.
  const metas = await page.locator('#hits .hit-issuers').allTextContents();
  assert.ok(metas.length > 0);
  for (const m of metas) assert.ok(m.split(' · ').includes(pick.value), m);
  // The topic counts are those of the narrowed set.
  const narrowed = await api(`search?${qs({ issuer: pick.value, per_page: 1, facets: 'topic', facet_size: 10 })}`);
  assert.deepEqual((await facetValues(page, 'topic')).map((v) => [v.value, v.count]),
    narrowed.facets.topic.map((v) => [v.value, v.count]));

  const chip = page.locator('#chips button.chip');
  assert.equal(await chip.count(), 1);
  assert.match(await chip.textContent(), new RegExp(`Issuer: ${pick.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await screenshot(page, 'desktop-issuer-filter');
  await chip.click();
  await settle(page);
  assert.equal(urlParams(page).getAll('issuer').length, 0);
  assert.equal(await shownTotal(page), all);
  assert.equal(await page.locator('#chips button.chip').count(), 0);
  assertNoProblems(page);
});

test('the issuer filter box searches every issuer (facet_size=1000), not only the top ten', async () => {
  const every = archive.facets.issuer;
  const page = await openPage(browser);
  await go(page, '/');
  const shownTop = (await facetValues(page, 'issuer')).map((v) => v.value);
  // Prefer an issuer outside the top ten, when the corpus has one.
  const target = every.find((v) => !shownTop.includes(v.value)) || every[every.length - 1];
  const fragment = target.value.slice(1, Math.min(target.value.length, 7)).toLowerCase();
  const asked = page.waitForRequest((r) => r.url().includes('/api/v1/search') && r.url().includes('facet_size=1000'));
  await page.fill('#facet-filter-issuer', fragment);
  await asked;
  await settle(page);
  const listed = await facetValues(page, 'issuer');
  const want = every.filter((v) => v.value.toLowerCase().includes(fragment));
  assert.deepEqual(listed.map((v) => [v.value, v.count]).sort(), want.map((v) => [v.value, v.count]).sort());
  assert.ok(await page.locator('#facet-filter-issuer').evaluate((e) => e === document.activeElement), 'typing keeps focus');
  await page.click(`#facet-issuer button.facet[data-value="${target.value}"]`);
  await settle(page);
  assert.equal(await shownTotal(page), target.count);

  // "Show all issuers" lists every issuer of the result set, with counts.
  await page.fill('#facet-filter-issuer', '');
  await page.click('#facet-issuer button.facet[aria-pressed=true]');
  await settle(page);
  if (every.length > shownTop.length) {
    await page.click('#facet-issuer .facet-more');
    await settle(page);
    assert.deepEqual((await facetValues(page, 'issuer')).map((v) => [v.value, v.count]), every.map((v) => [v.value, v.count]));
    await page.click('#facet-issuer .facet-more');
    assert.equal((await facetValues(page, 'issuer')).length, shownTop.length);
  }
  assertNoProblems(page);
});

test('topic and year facets filter too, with counts from the API', async () => {
  const page = await openPage(browser);
  await go(page, '/');
  const topics = await facetValues(page, 'topic');
  assert.ok(topics.length > 0);
  await page.click(`#facet-topic button.facet[data-value="${topics[0].value}"]`);
  await settle(page);
  assert.deepEqual(urlParams(page).getAll('topic'), [topics[0].value]);
  assert.equal(await shownTotal(page), topics[0].count);

  const years = await facetValues(page, 'year');
  const expectedYears = await api(`search?${qs({ topic: topics[0].value, per_page: 1, facets: 'year', facet_size: 100 })}`);
  assert.deepEqual(years.map((v) => [v.value, v.count]).sort(),
    expectedYears.facets.year.map((v) => [v.value, v.count]).sort());
  const year = years[years.length - 1];
  await page.click(`#facet-year button.facet[data-value="${year.value}"]`);
  await settle(page);
  assert.equal(urlParams(page).get('from'), year.value);
  assert.equal(urlParams(page).get('to'), year.value);
  assert.equal(await shownTotal(page), year.count);
  assertNoProblems(page);
});

test('the timeline charts the whole result set; clicking a bar and dragging across bars set the dates', async () => {
  const page = await openPage(browser);
  await go(page, '/');
  const bars = page.locator('#timeline .tl-bar');
  const chart = await bars.evaluateAll((els) => els.map((e) => ({ key: e.dataset.key, count: Number(e.dataset.count) })));
  const byYear = new Map(archive.histogram.buckets.map((b) => [b.key, b.count]));
  assert.equal(archive.histogram.interval, 'year');
  for (const b of chart) assert.equal(b.count, byYear.get(b.key) || 0, `bar ${b.key}`);
  assert.deepEqual(chart.filter((b) => b.count).map((b) => b.key), [...byYear.keys()].filter((k) => byYear.get(k)));
  assert.match(await page.textContent('#timeline .tl-interval'), /by year/);

  // Click the busiest year.
  const busiest = chart.reduce((a, b) => (b.count > a.count ? b : a));
  await page.click(`#timeline .tl-bar[data-key="${busiest.key}"]`);
  await settle(page);
  assert.equal(urlParams(page).get('from'), busiest.key);
  assert.equal(urlParams(page).get('to'), busiest.key);
  const inYear = await api(`search?${qs({ from: busiest.key, to: busiest.key, per_page: 1, facets: 'none' })}`);
  assert.equal(await shownTotal(page), inYear.total);
  assert.equal(await page.inputValue('#from'), busiest.key);
  assert.equal(await page.inputValue('#to'), busiest.key);
  assert.match(await page.textContent('#timeline .tl-interval'), /by month/);
  const months = await bars.evaluateAll((els) => els.map((e) => e.dataset.key));
  assert.equal(months.length, 12);
  assert.equal(months[0], `${busiest.key}-01`);

  // Drag from the 3rd to the 6th month.
  const a = await bars.nth(2).boundingBox();
  const b = await bars.nth(5).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height - 5);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width * 2, a.y + a.height - 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height - 5, { steps: 5 });
  assert.equal(await page.locator('#timeline .tl-selected').count(), 4, 'the dragged range is highlighted');
  await screenshot(page, 'desktop-timeline-drag');
  await page.mouse.up();
  await settle(page);
  assert.equal(urlParams(page).get('from'), months[2]);
  assert.equal(urlParams(page).get('to'), months[5]);
  const inRange = await api(`search?${qs({ from: months[2], to: months[5], per_page: 1, facets: 'none' })}`);
  assert.equal(await shownTotal(page), inRange.total);
  assert.match(await page.textContent('#chips'), /Dates:/);

  await page.click('#timeline button:has-text("Clear dates")');
  await settle(page);
  assert.equal(urlParams(page).has('from'), false);
  assert.equal(await shownTotal(page), archive.total);
  assertNoProblems(page);
});

test('the from/to boxes set a date range and refuse a date that does not exist', async () => {
  const page = await openPage(browser);
  await go(page, '/');
  const years = archive.facets.year.map((v) => v.value).sort();
  const [from, to] = [years[0], years[Math.min(1, years.length - 1)]];
  await page.fill('#from', `${from}-13`);
  await page.click('#dates-form button[type=submit]');
  assert.equal(await page.isVisible('#dates-error'), true);
  assert.match(await page.textContent('#dates-error'), /not a date/);
  assert.equal(urlParams(page).has('from'), false);
  // Assistive technology hears which box is wrong and the message: aria-invalid="true" (not "",
  // which reads as false), and aria-describedby naming the visible error on both boxes.
  assert.equal(await page.getAttribute('#from', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#to', 'aria-invalid'), null);
  for (const box of ['#from', '#to']) {
    const ids = (await page.getAttribute(box, 'aria-describedby')).split(/\s+/);
    assert.ok(ids.includes('dates-error'), `${box} aria-describedby="${ids.join(' ')}"`);
    const described = await page.evaluate((list) => list.map((id) => {
      const node = document.getElementById(id);
      return node && !node.hidden ? node.textContent : '';
    }).join(' '), ids);
    assert.match(described, /not a date/);
  }

  await page.fill('#from', from);
  await page.fill('#to', `${to}-06`);
  await page.press('#to', 'Enter');
  await settle(page);
  // Valid again: no aria-invalid at all, and the hidden error is no longer described.
  assert.equal(await page.getAttribute('#from', 'aria-invalid'), null);
  assert.equal(await page.getAttribute('#from', 'aria-describedby'), 'dates-hint');
  assert.equal(urlParams(page).get('from'), from);
  assert.equal(urlParams(page).get('to'), `${to}-06`);
  const expected = await api(`search?${qs({ from, to: `${to}-06`, per_page: 1, facets: 'none' })}`);
  assert.equal(await shownTotal(page), expected.total);
  assertNoProblems(page);
});

test('sorting by newest and oldest, and paging, show the API order', async () => {
  const page = await openPage(browser);
  await go(page, '/?q=');
  for (const sort of ['oldest', 'newest']) {
    await page.selectOption('#sort', sort);
    await settle(page);
    assert.equal(urlParams(page).get('sort'), sort);
    const expected = await api(`search?${qs({ sort, per_page: 20, facets: 'none' })}`);
    assert.deepEqual(await hitIds(page), expected.hits.map((h) => h.id));
  }
  assert.ok(archive.total > 20, 'the sample corpus has more than one page');
  await page.click('#pager a[rel=next]');
  await settle(page);
  assert.equal(urlParams(page).get('page'), '2');
  const page2 = await api(`search?${qs({ sort: 'newest', page: 2, per_page: 20, facets: 'none' })}`);
  assert.deepEqual(await hitIds(page), page2.hits.map((h) => h.id));
  assert.match(await page.textContent('#pager .page-of'), new RegExp(`Page 2 of ${Math.ceil(archive.total / 20).toLocaleString('en')}`));
  assert.ok(await page.locator('#results-heading').evaluate((e) => e === document.activeElement), 'focus moves to the results');
  assertNoProblems(page);
});

test('no results: says so and offers to loosen the filters', async () => {
  const page = await openPage(browser);
  const issuer = archive.facets.issuer[0].value;
  await go(page, `/?${qs({ q: 'zzqxjvwk', issuer })}`);
  assert.equal(await shownTotal(page), 0);
  assert.match(await page.textContent('#hits'), /No releases match/);
  await page.click('#hits a:has-text("search the whole archive")');
  await settle(page);
  assert.equal(urlParams(page).getAll('issuer').length, 0);
  assert.equal(urlParams(page).get('q'), 'zzqxjvwk');
  assertNoProblems(page);
});

test('a request the server refuses shows its message in plain language, not raw JSON', async () => {
  const page = await openPage(browser);
  const years = archive.facets.year.map((v) => v.value).sort();
  await go(page, `/?${qs({ from: years[years.length - 1], to: years[0] })}`); // from after to
  const notice = page.locator('#error-notice');
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /couldn’t read that request/);
  assert.doesNotMatch(text, /[{}]|"error"/);
  assert.equal(await page.locator('#hits .hit').count(), 0);
  assert.equal(await notice.locator('button:has-text("Try again")').count(), 0, 'retrying a refused request is pointless');
  assert.equal(await page.isVisible('.toolbar'), false);
  await screenshot(page, 'desktop-error');
  assertNoProblems(page);
});

test('when the server cannot be reached the page says so and can try again', async () => {
  const page = await openPage(browser);
  await page.route('**/api/v1/search?**', (route) => route.abort('connectionrefused'));
  await go(page, '/');
  const notice = page.locator('#error-notice');
  assert.match(await notice.textContent(), /can’t be reached/);
  await page.unroute('**/api/v1/search?**');
  await notice.locator('button:has-text("Try again")').click();
  await settle(page);
  assert.equal(await page.locator('#error-notice').count(), 0);
  assert.equal(await shownTotal(page), archive.total);
  assert.deepEqual(page.problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(p)), []);
});
