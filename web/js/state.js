// The view state and its two spellings: the page address (shareable) and the API parameters.
// Pure functions; no DOM access at import time.

export const SORTS = ['relevance', 'newest', 'oldest'];
export const PER_PAGE = 20;
export const FACET_SIZE = 10;
export const ALL_FACET_SIZE = 1000;
/** searchd's default max_result_window: page * per_page may not exceed it (exports have no cap). */
export const MAX_RESULT_WINDOW = 100000;

/**
 * Page address parameters (docs/ui.md): q, issuer (repeatable), topic (repeatable), from, to,
 * sort, page, share (1: the timeline shows shares), doc. Unknown parameters are ignored; bad
 * values fall back to defaults.
 */
export function parseState(search) {
  const p = new URLSearchParams(search);
  const page = parseInt(p.get('page') || '1', 10);
  const sort = p.get('sort') || '';
  return {
    q: p.get('q') || '',
    issuers: unique(p.getAll('issuer').filter(Boolean)),
    topics: unique(p.getAll('topic').filter(Boolean)),
    from: (p.get('from') || '').trim(),
    to: (p.get('to') || '').trim(),
    sort: SORTS.includes(sort) ? sort : '',
    page: Number.isFinite(page) && page > 1 ? page : 1,
    doc: p.get('doc') || '',
    share: p.get('share') === '1',
  };
}

export function emptyState() {
  return parseState('');
}

/** The sort actually used: the chosen one, else relevance for a query and newest for browsing. */
export function effectiveSort(state) {
  if (state.sort) return state.sort;
  return state.q.trim() ? 'relevance' : 'newest';
}

/** The page address query string ("" or "?…") for a state; defaults are left out. */
export function stateToSearch(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const v of state.issuers) p.append('issuer', v);
  for (const v of state.topics) p.append('topic', v);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.sort) p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  if (state.share) p.set('share', '1');
  if (state.doc) p.set('doc', state.doc);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The filters that define a result set (shared by search, export, manifest and feed). */
export function filterParams(state) {
  const p = new URLSearchParams();
  if (state.q.trim()) p.set('q', state.q.trim());
  for (const v of state.issuers) p.append('issuer', v);
  for (const v of state.topics) p.append('topic', v);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  return p;
}

/** Parameters of the main /api/v1/search request for a state. */
export function searchParams(state) {
  const p = filterParams(state);
  p.set('sort', effectiveSort(state));
  p.set('page', String(state.page));
  p.set('per_page', String(PER_PAGE));
  p.set('facets', 'issuer,topic,year');
  p.set('facet_size', String(FACET_SIZE));
  p.set('histogram', histogramInterval(state));
  // The timeline's "share" view: each period's matches over all its releases (of the chosen
  // issuers when the results are filtered by issuer).
  if (state.share) p.set('histogram_normalize', state.issuers.length ? 'issuer' : 'archive');
  return p;
}

/** Parameters for the complete list of one facet's values over the result set. */
export function allFacetParams(state, facet) {
  const p = filterParams(state);
  p.set('per_page', '1');
  p.set('facets', facet);
  p.set('facet_size', String(ALL_FACET_SIZE));
  return p;
}

/** A key identifying the search part of a state (everything but the open release). */
export function searchKey(state) {
  return searchParams(state).toString();
}

/** A key identifying the result set (filters only: no sort, page or release). */
export function resultSetKey(state) {
  return filterParams(state).toString();
}

/** Filters changed: go back to page 1 and close any open release. */
export function withFilters(state, changes) {
  return { ...state, ...changes, page: 1, doc: '' };
}

export function toggleValue(list, value) {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function unique(list) {
  return [...new Set(list)];
}

// ---- dates for the timeline ----

const BOUND_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "2015" | "2015-06" | "2015-06-30" -> {y, m, d} (m, d 0 when not given), else null. */
export function parseBound(text) {
  const m = BOUND_RE.exec((text || '').trim());
  if (!m) return null;
  const b = { y: +m[1], m: m[2] ? +m[2] : 0, d: m[3] ? +m[3] : 0 };
  if (b.m > 12 || (m[2] && b.m < 1) || b.d > daysInMonth(b.y, b.m || 1) || (m[3] && b.d < 1)) return null;
  return b;
}

export function isValidBound(text) {
  return parseBound(text) !== null;
}

function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A bound as the first or last day it covers, as a UTC Date. */
function boundDay(b, upper) {
  if (!upper) return new Date(Date.UTC(b.y, (b.m || 1) - 1, b.d || 1));
  const m = b.m || 12;
  return new Date(Date.UTC(b.y, m - 1, b.d || daysInMonth(b.y, m)));
}

/**
 * The timeline's bucket size for a state: by day when from and to span at most about two months,
 * by month when they span at most three years, by year otherwise (and when either bound is open).
 */
export function histogramInterval(state) {
  const a = parseBound(state.from);
  const b = parseBound(state.to);
  if (!a || !b) return 'year';
  const days = (boundDay(b, true) - boundDay(a, false)) / 86400000 + 1;
  if (days <= 0) return 'year';
  if (days <= 62) return 'day';
  if (days <= 3 * 366) return 'month';
  return 'year';
}

function keyOf(date, interval) {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  if (interval === 'year') return y;
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  if (interval === 'month') return `${y}-${m}`;
  return `${y}-${m}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function step(date, interval) {
  const d = new Date(date);
  if (interval === 'year') d.setUTCFullYear(d.getUTCFullYear() + 1);
  else if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function keyToDate(key) {
  const b = parseBound(key);
  return b ? boundDay(b, false) : null;
}

/**
 * The histogram's buckets with the gaps filled by zero counts, from the first to the last bucket,
 * widened to the chosen from/to, clamped to the archive's dates (archive.min/max, optional).
 * Returns [{key, count}] (with the server's share and releases when given) in time order; the
 * server's buckets unchanged when they cannot be filled
 * (unknown keys or more than maxBars bars).
 */
export function fillBuckets(histogram, state, archive = {}, maxBars = 400) {
  const interval = histogram && histogram.interval;
  const given = ((histogram && histogram.buckets) || []).filter((b) => b && typeof b.key === 'string');
  if (!['year', 'month', 'day'].includes(interval)) return given;
  const byKey = new Map(given.map((b) => [b.key, b]));
  const dates = given.map((b) => keyToDate(b.key));
  if (dates.some((d) => d === null)) return given;
  const lo = [...dates];
  const hi = [...dates];
  const amin = parseBound((archive.min || '').slice(0, 10));
  const amax = parseBound((archive.max || '').slice(0, 10));
  const from = parseBound(state.from);
  const to = parseBound(state.to);
  // The chosen bounds widen the chart (empty periods show as such), clamped to the archive's dates.
  if (from) {
    const f = boundDay(from, false);
    lo.push(amin ? new Date(Math.max(f, boundDay(amin, false))) : f);
  }
  if (to) {
    const t = boundDay(to, true);
    hi.push(amax ? new Date(Math.min(t, boundDay(amax, true))) : t);
  }
  if (!lo.length) return [];
  let start = new Date(Math.min(...lo));
  const end = new Date(Math.max(...hi));
  start = keyToDate(keyOf(start, interval));
  const out = [];
  for (let d = start; d <= end; d = step(d, interval)) {
    const key = keyOf(d, interval);
    out.push(byKey.has(key) ? { ...byKey.get(key) } : { key, count: 0 });
    if (out.length > maxBars) return given;
  }
  return out;
}
