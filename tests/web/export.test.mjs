// Export of the whole result set, its manifest, and the feed address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  api, assertNoProblems, BASE, go, launch, openPage, qs, settle, shownTotal,
} from './lib/harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser && browser.close());

/** Counts the records of a CSV file (RFC 4180: quoted fields may hold newlines), header excluded. */
function csvRecords(text) {
  let records = 0;
  let quoted = false;
  let fieldStart = true;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      }
    } else if (c === '"' && fieldStart) {
      quoted = true;
      any = true;
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      records++;
      any = false;
      fieldStart = true;
      continue;
    } else {
      any = true;
    }
    fieldStart = c === ',' && !quoted;
  }
  if (any) records++;
  return records - 1;
}

/** Opens the export panel and waits for the manifest's count (the toggle event comes a task later). */
async function openExport(page) {
  await page.click('#export summary');
  await page.waitForSelector('#export-count[data-count]');
  await settle(page);
}

async function narrowedPage() {
  const archive = await api('search?per_page=1&facets=issuer,topic&facet_size=10');
  // An issuer with a middling count, so the export is neither everything nor tiny.
  const issuer = archive.facets.issuer[Math.floor(archive.facets.issuer.length / 2)].value;
  const page = await openPage(browser);
  await go(page, `/?${qs({ issuer })}`);
  return { page, issuer, total: await shownTotal(page) };
}

test('the export links download every record of the result set, as many as the page says', async () => {
  const { page, issuer, total } = await narrowedPage();
  const expected = await api(`search?${qs({ issuer, per_page: 1, facets: 'none' })}`);
  assert.equal(total, expected.total);

  await openExport(page);
  assert.equal(Number(await page.getAttribute('#export-count', 'data-count')), total, 'the manifest count is shown');
  assert.match(await page.textContent('.export-count'), new RegExp(`${total.toLocaleString('en')} records?`));

  // Follow the NDJSON link as a person would: a download.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export-link[data-format=ndjson]')]);
  const ndjson = fs.readFileSync(await download.path(), 'utf8');
  const lines = ndjson.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, total);
  const records = lines.map((l) => JSON.parse(l));
  for (const r of records) assert.ok(r.issuers.includes(issuer), `record ${r.id} is from ${issuer}`);
  assert.equal(new Set(records.map((r) => r.id)).size, total, 'no record twice');

  // The other formats, fetched from the links' addresses.
  const href = async (format) => new URL(await page.getAttribute(`a.export-link[data-format=${format}]`, 'href'), page.url()).href;
  // JSON: {"manifest": {...}, "records": [...]}, the records in the same order as NDJSON.
  const json = await (await fetch(await href('json'))).json();
  assert.equal(json.records.length, total);
  assert.equal(json.manifest.count, total);
  assert.deepEqual(json.records.map((r) => r.id), records.map((r) => r.id), 'same records, same order');
  const csvRes = await fetch(await href('csv'));
  assert.equal(csvRecords(await csvRes.text()), total);
  const header = csvRes.headers.get('x-pressroom-count');
  if (header !== null) assert.equal(Number(header), total);
  assertNoProblems(page);
});

test('the manifest link opens the manifest of the same result set', async () => {
  const { page, total } = await narrowedPage();
  await openExport(page);
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.click('#manifest-link')]);
  await tab.waitForLoadState();
  const manifest = JSON.parse(await tab.locator('body').innerText());
  assert.equal(manifest.count, total);
  assert.ok(manifest.ids_sha256, 'the manifest has the ids hash');
  assert.match(await page.textContent('#manifest-status'), new RegExp(`index revision ${manifest.index.revision}`));
  assertNoProblems(page);
});

test('the feed address of the current search can be copied and is an Atom feed', async () => {
  const { page, issuer } = await narrowedPage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  await openExport(page);
  const feedUrl = await page.inputValue('#feed-url');
  const u = new URL(feedUrl);
  assert.equal(u.origin, new URL(BASE).origin, 'an absolute address on this server');
  assert.equal(u.pathname, '/api/v1/feed');
  assert.deepEqual(u.searchParams.getAll('issuer'), [issuer]);
  await page.click('#copy-feed');
  await page.locator('.copy-status:has-text("Copied")').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), feedUrl);
  const res = await fetch(feedUrl);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<feed[\s>]/);
  assert.equal(await page.getAttribute('link[rel=alternate][type="application/atom+xml"]', 'href'), feedUrl);
  // Esc closes the panel and gives focus back to its button.
  await page.focus('#feed-url');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#export', 'open'), null);
  assert.ok(await page.locator('#export summary').evaluate((e) => e === document.activeElement));
  assertNoProblems(page);
});
