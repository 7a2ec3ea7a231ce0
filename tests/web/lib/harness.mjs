// Shared helpers for the browser tests: one Chromium per test file, pages that record errors and
// CSP violations, a settled-page wait, direct API calls to compare with what the page shows.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.PRESSROOM_URL || '';
const ARTIFACTS = process.env.PRESSROOM_ARTIFACTS || '';
if (!BASE) throw new Error('PRESSROOM_URL is not set: run the browser tests through tests/web/run BUILD_DIR');

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 740 };

// The Content-Security-Policy searchd is to send: tests add it to every page so that an inline
// script, inline handler or style attribute in the UI fails here first.
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export async function launch() {
  return chromium.launch({
    executablePath: process.env.PRESSROOM_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

/**
 * A new page in its own context. page.problems collects page errors, console errors, CSP
 * violations and failed requests to our own server; assertNoProblems(page) checks it is empty.
 */
export async function openPage(browser, viewport = DESKTOP, contextOptions = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Deliberate error responses (tests that provoke a 4xx) are logged by Chromium as failed loads.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    page.problems.push(`console error: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample || ''}`);
    });
  });
  await page.route(`${BASE}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers(), 'content-security-policy': CSP };
    return route.fulfill({ response, headers });
  });
  return page;
}

export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
}

/** Waits until the page has no API request in flight (see web/js/api.js) and has painted. */
export async function settle(page) {
  await page.waitForFunction(() => document.documentElement.dataset.pending === '0', null, { timeout: 15000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}

/** Loads a page address (relative to the server) and waits for it to settle. */
export async function go(page, rel = '/') {
  await page.goto(new URL(rel, BASE).href);
  await settle(page);
}

/** GET a JSON API path (e.g. "search?q=x") from the server directly. */
export async function api(rel) {
  const res = await fetch(new URL(`/api/v1/${rel}`, BASE));
  const body = await res.json();
  if (!res.ok) throw new Error(`GET /api/v1/${rel}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Builds a query string from an object; arrays repeat the parameter. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  }
  return p.toString();
}

/** The page's address parameters. */
export function urlParams(page) {
  return new URL(page.url()).searchParams;
}

/** The total the page states, read from the summary (its text, checked against data-total). */
export async function shownTotal(page) {
  const el = page.locator('#result-count');
  const text = await el.textContent();
  const data = Number(await el.getAttribute('data-total'));
  assert.match(text, new RegExp(`^(about )?${data.toLocaleString('en')} releases?$`), `summary text "${text}"`);
  return data;
}

export async function hitIds(page) {
  return page.locator('#hits .hit').evaluateAll((els) => els.map((e) => e.dataset.id));
}

/** Facet values shown in a group: [{value, count, pressed}]. */
export async function facetValues(page, name) {
  return page.locator(`#facet-${name} button.facet`).evaluateAll((els) => els.map((e) => ({
    value: e.dataset.value,
    count: e.querySelector('.facet-count').textContent === '' ? null
      : Number(e.querySelector('.facet-count').textContent.replace(/,/g, '')),
    pressed: e.getAttribute('aria-pressed') === 'true',
  })));
}

export async function screenshot(page, name, options = {}) {
  if (!ARTIFACTS) return;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), ...options });
}

/**
 * A word to search for that the corpus surely has: the longest plain word of a recent title
 * that the API finds in at least `min` releases and fewer than all of them.
 */
export async function pickWord(min = 3) {
  const all = await api('search?per_page=50&facets=none&sort=newest');
  const stop = new Set(['about', 'after', 'before', 'their', 'there', 'which', 'while', 'would', 'other', 'these', 'those']);
  const words = new Map();
  for (const h of all.hits) {
    for (const w of (h.title || '').toLowerCase().match(/\p{L}{5,}/gu) || []) {
      if (!stop.has(w)) words.set(w, (words.get(w) || 0) + 1);
    }
  }
  const ranked = [...words.keys()].sort((a, b) => words.get(b) - words.get(a) || b.length - a.length);
  for (const w of ranked.slice(0, 25)) {
    const r = await api(`search?${qs({ q: w, per_page: 1, facets: 'none' })}`);
    if (r.total >= min && r.total < all.total) return { word: w, total: r.total };
  }
  throw new Error('no usable query word found in the sample corpus');
}
