// Pressroom web UI: wiring, routing (the address is the state) and rendering order.

import { $, fill, h, preservingFocus } from './dom.js';
import { absoluteApiUrl, Channel, isAbort } from './api.js';
import { formatNumber, plural, rangeLabel } from './format.js';
import {
  allFacetParams, effectiveSort, emptyState, FACET_SIZE, fillBuckets, histogramInterval, isValidBound,
  parseBound, parseState, resultSetKey, searchKey, searchParams, stateToSearch, toggleValue, withFilters,
  filterParams,
} from './state.js';
import { renderTimeline } from './timeline.js';
import { renderFacetGroup } from './facets.js';
import { renderChips, renderHits, renderNotices, renderPager, renderSummary } from './results.js';
import { renderDoc, renderDocError, renderDocLoading } from './docview.js';
import { renderExport } from './exportpanel.js';

const el = {
  q: $('#q'),
  searchForm: $('#search-form'),
  syntax: $('#syntax'),
  brand: $('#brand'),
  filters: $('#filters'),
  filtersToggle: $('#filters-toggle'),
  datesForm: $('#dates-form'),
  from: $('#from'),
  to: $('#to'),
  datesError: $('#dates-error'),
  facetIssuer: $('#facet-issuer'),
  facetTopic: $('#facet-topic'),
  facetYear: $('#facet-year'),
  main: $('#main'),
  resultsView: $('#results-view'),
  resultsHeading: $('#results-heading'),
  summary: $('#summary'),
  notices: $('#notices'),
  chips: $('#chips'),
  timeline: $('#timeline'),
  sort: $('#sort'),
  exportDetails: $('#export'),
  exportBody: $('#export-body'),
  hits: $('#hits'),
  pager: $('#pager'),
  docView: $('#doc-view'),
  archiveInfo: $('#archive-info'),
};

const CACHE_MS = 60_000;

let state = parseState(location.search);
let result = null; // the last search answer shown
let resultKey = null; // searchKey it answers
let error = null;
let loading = false;
let loadingKey = null; // searchKey of the request in flight
let stats = null;
const cache = new Map(); // searchKey -> {at, result}
const searchChannel = new Channel();
const docChannel = new Channel();
const facetChannels = { issuer: new Channel(), topic: new Channel() };
const ui = {
  issuerFilter: '',
  expanded: { issuer: false, topic: false },
  all: { issuer: null, topic: null }, // {key, values}
  loadingAll: { issuer: false, topic: false },
  doc: null, // {id, doc} shown
  returnTo: null, // {id, scrollY} to restore when a release is closed
};

// ---------------------------------------------------------------- routing

/** Go to a new state: push (or replace) the address, then render it. */
function navigate(next, opts = {}) {
  const url = stateToSearch(next) || location.pathname;
  const openingDoc = next.doc && !state.doc;
  const hs = { pressroom: true, docFromResults: openingDoc || (next.doc && history.state && history.state.docFromResults && next.doc === state.doc) };
  if (opts.replace) history.replaceState(hs, '', url);
  else history.pushState(hs, '', url);
  route(opts);
}

function route(opts = {}) {
  const prev = state;
  state = parseState(location.search);
  syncControls();
  updateHead();
  const key = searchKey(state);
  if (loading && key === loadingKey) {
    // already on its way
  } else if (key !== resultKey || error) runSearch(opts);
  else if (opts.focusResults) focusResults();
  if (state.doc) showDoc(prev);
  else hideDoc(prev);
}

function syncControls() {
  if (document.activeElement !== el.q) el.q.value = state.q;
  el.from.value = state.from;
  el.to.value = state.to;
  showDateProblems(false, false, '');
  el.sort.value = effectiveSort(state);
  const n = state.issuers.length + state.topics.length + (state.from || state.to ? 1 : 0);
  el.filtersToggle.textContent = n ? `Filters (${n})` : 'Filters';
}

function updateHead() {
  const bits = [];
  if (state.doc && ui.doc && ui.doc.id === state.doc && ui.doc.doc) bits.push(ui.doc.doc.title || state.doc);
  else if (state.q.trim()) bits.push(`“${state.q.trim()}”`);
  const filters = [...state.issuers, ...state.topics, rangeLabel(state.from, state.to)].filter(Boolean);
  if (!state.doc && filters.length) bits.push(filters.join(', '));
  document.title = bits.length ? `${bits.join(' · ')} — Pressroom` : 'Pressroom — press release search';
  let feed = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
  if (!feed) {
    feed = h('link', { rel: 'alternate', type: 'application/atom+xml', title: 'This search as a feed' });
    document.head.append(feed);
  }
  feed.href = absoluteApiUrl('feed', filterParams(state));
}

// ---------------------------------------------------------------- search

function runSearch(opts = {}) {
  const s = state;
  const key = searchKey(s);
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < CACHE_MS) {
    searchChannel.abort();
    loading = false;
    loadingKey = null;
    showResult(s, key, cached.result, null, opts);
    return;
  }
  loading = true;
  loadingKey = key;
  renderLoading();
  searchChannel.get('search', searchParams(s)).then(
    (r) => {
      cache.set(key, { at: Date.now(), result: r });
      if (cache.size > 40) cache.delete(cache.keys().next().value);
      showResult(s, key, r, null, opts);
    },
    (e) => {
      if (isAbort(e)) return;
      showResult(s, key, null, e, opts);
    });
}

function showResult(s, key, r, e, opts) {
  if (searchKey(state) !== key) return; // a later navigation won
  loading = false;
  loadingKey = null;
  result = r;
  error = e;
  resultKey = key;
  if (r && Number.isFinite(r.total) && r.per_page && s.page > 1 && r.hits.length === 0 && r.total > 0) {
    // A page past the end (e.g. a shared link to a shrunken result set): go to the last page.
    const last = Math.max(1, Math.ceil(r.total / r.per_page));
    if (last < s.page) {
      navigate({ ...s, page: last }, { replace: true, ...opts });
      return;
    }
  }
  const rsKey = resultSetKey(s);
  for (const name of ['issuer', 'topic']) {
    if (ui.all[name] && ui.all[name].key !== rsKey) ui.all[name] = null;
    if ((name === 'issuer' && ui.issuerFilter) || ui.expanded[name]) ensureAllValues(name);
  }
  renderResults();
  if (opts.focusResults) focusResults();
}

function renderLoading() {
  el.main.classList.add('is-loading');
  el.hits.setAttribute('aria-busy', 'true');
  if (!result) renderSummary(el.summary, { result: null, state, loading: true });
}

function renderResults() {
  el.main.classList.remove('is-loading');
  el.hits.removeAttribute('aria-busy');
  el.resultsView.classList.toggle('no-result', !result);
  el.filters.classList.toggle('no-result', !result);
  preservingFocus(() => {
    renderSummary(el.summary, { result, state, loading });
    // Retrying helps when the server was unreachable or failed, not when it refused the request.
    const retry = error && (!error.status || error.status >= 500) ? () => runSearch() : null;
    renderNotices(el.notices, { result, error, state, onRetry: retry, navigate });
    renderChips(el.chips, { state, navigate });
    renderTimelineNow();
    renderHits(el.hits, { result, state, navigate, openDoc });
    renderPager(el.pager, { result, state, navigate });
    renderFacets();
    renderExport(el.exportBody, { state, result, open: el.exportDetails.open });
  }, { within: '#timeline', to: '#timeline .tl-bar[tabindex="0"], #timeline button' });
  el.resultsHeading.textContent = headingText();
}

function headingText() {
  if (state.q.trim()) return `Results for “${state.q.trim()}”`;
  if (state.issuers.length || state.topics.length || state.from || state.to) return 'Press releases, filtered';
  return 'All press releases';
}

function focusResults() {
  el.resultsHeading.focus({ preventScroll: true });
  el.resultsHeading.scrollIntoView({ block: 'start' });
}

function renderTimelineNow() {
  if (!result) {
    fill(el.timeline);
    el.timeline.hidden = true;
    return;
  }
  el.timeline.hidden = false;
  const histogram = result.histogram || { interval: histogramInterval(state), buckets: [] };
  const archive = stats && stats.date_range ? stats.date_range : {};
  renderTimeline(el.timeline, {
    buckets: fillBuckets(histogram, state, archive),
    interval: histogram.interval,
    state,
    total: result.total_exact === false ? NaN : result.total,
    onSelect: (from, to) => navigate(withFilters(state, { from, to })),
    onClear: () => navigate(withFilters(state, { from: '', to: '' })),
    onShare: (share) => navigate({ ...state, share, doc: '' }),
  });
}

// ---------------------------------------------------------------- facets

function renderFacets() {
  const facets = (result && result.facets) || {};
  const exact = result ? result.facets_exact : undefined;
  const rsKey = resultSetKey(state);
  const allOf = (name) => (ui.all[name] && ui.all[name].key === rsKey ? ui.all[name].values : null);

  renderFacetGroup(el.facetIssuer, {
    name: 'issuer',
    title: 'Issuers',
    values: facets.issuer || [],
    all: allOf('issuer'),
    selected: state.issuers,
    exact,
    filter: ui.issuerFilter,
    onFilter: (text) => {
      ui.issuerFilter = text;
      if (text.trim()) ensureAllValues('issuer');
      renderFacetsKeepingFocus();
    },
    expanded: ui.expanded.issuer,
    onExpand: (on) => expand('issuer', on),
    canExpand: (facets.issuer || []).length >= FACET_SIZE,
    loadingAll: ui.loadingAll.issuer,
    onToggle: (v) => navigate(withFilters(state, { issuers: toggleValue(state.issuers, v) })),
  });
  renderFacetGroup(el.facetTopic, {
    name: 'topic',
    title: 'Topics',
    values: facets.topic || [],
    all: allOf('topic'),
    selected: state.topics,
    exact,
    expanded: ui.expanded.topic,
    onExpand: (on) => expand('topic', on),
    canExpand: (facets.topic || []).length >= FACET_SIZE,
    loadingAll: ui.loadingAll.topic,
    onToggle: (v) => navigate(withFilters(state, { topics: toggleValue(state.topics, v) })),
  });
  // Years: the yearly histogram covers every year; the year facet is used when the timeline is by
  // month or day (a short range, so ten values cover it).
  let years = facets.year || [];
  if (result && result.histogram && result.histogram.interval === 'year') {
    years = result.histogram.buckets.filter((b) => b.count > 0).map((b) => ({ value: b.key, count: b.count }));
  }
  renderFacetGroup(el.facetYear, {
    name: 'year',
    title: 'Years',
    values: years,
    selected: [],
    exact,
    isSelected: (y) => state.from === y && state.to === y,
    onToggle: (y) => navigate(withFilters(state, state.from === y && state.to === y ? { from: '', to: '' } : { from: y, to: y })),
  });
}

function renderFacetsKeepingFocus() {
  preservingFocus(renderFacets);
}

function expand(name, on) {
  ui.expanded[name] = on;
  if (on) ensureAllValues(name);
  renderFacetsKeepingFocus();
}

/** Loads every value of a facet over the current result set (facet_size=1000). */
function ensureAllValues(name) {
  const rsKey = resultSetKey(state);
  if (ui.all[name] && ui.all[name].key === rsKey) return;
  ui.loadingAll[name] = true;
  facetChannels[name].get('search', allFacetParams(state, name)).then(
    (r) => {
      ui.loadingAll[name] = false;
      if (resultSetKey(state) !== rsKey) return;
      ui.all[name] = { key: rsKey, values: (r.facets && r.facets[name]) || [] };
      renderFacetsKeepingFocus();
    },
    (e) => {
      if (isAbort(e)) return;
      ui.loadingAll[name] = false;
      renderFacetsKeepingFocus();
    });
}

// ---------------------------------------------------------------- one release

function openDoc(id) {
  ui.returnTo = { id, scrollY: window.scrollY };
  navigate({ ...state, doc: id });
}

function closeDoc() {
  if (history.state && history.state.docFromResults) history.back();
  else navigate({ ...state, doc: '' });
}

function showDoc(prev) {
  el.resultsView.hidden = true;
  el.docView.hidden = false;
  document.body.classList.add('reading');
  const id = state.doc;
  const backHref = stateToSearch({ ...state, doc: '' }) || './';
  const common = { backHref, onBack: closeDoc };
  if (ui.doc && ui.doc.id === id && prev.doc === id) {
    if (ui.doc.doc) renderDoc(el.docView, { ...common, doc: ui.doc.doc, state, navigate });
    return;
  }
  if (!prev.doc) window.scrollTo(0, 0);
  ui.doc = { id, doc: null };
  renderDocLoading(el.docView, common);
  docChannel.get(`documents/${encodeURIComponent(id)}`).then(
    (doc) => {
      if (state.doc !== id) return;
      ui.doc = { id, doc };
      renderDoc(el.docView, { ...common, doc, state, navigate });
      updateHead();
      $('#doc-title').focus({ preventScroll: true });
      window.scrollTo(0, 0);
    },
    (e) => {
      if (isAbort(e) || state.doc !== id) return;
      renderDocError(el.docView, { ...common, error: e, id });
      $('#doc-title').focus({ preventScroll: true });
    });
}

function hideDoc(prev) {
  docChannel.abort();
  const focusWasInDoc = el.docView.contains(document.activeElement) || document.activeElement === document.body;
  el.docView.hidden = true;
  el.resultsView.hidden = false;
  document.body.classList.remove('reading');
  if (!prev.doc) return;
  fill(el.docView);
  ui.doc = null;
  const back = ui.returnTo && ui.returnTo.id === prev.doc ? ui.returnTo : { id: prev.doc, scrollY: null };
  ui.returnTo = null;
  if (searchKey(prev) !== searchKey(state)) {
    // Left the release for another search ("More from…", a new query): start at the top.
    window.scrollTo(0, 0);
    if (focusWasInDoc) el.resultsHeading.focus({ preventScroll: true });
    return;
  }
  // Back to the same results: where the reader was, on the title they opened.
  const link = el.hits.querySelector(`a[data-doc-id="${CSS.escape(back.id)}"]`);
  if (back.scrollY !== null) window.scrollTo(0, back.scrollY);
  if (!focusWasInDoc) return;
  if (link) link.focus({ preventScroll: back.scrollY !== null });
  else el.resultsHeading.focus({ preventScroll: true });
}

// ---------------------------------------------------------------- controls

el.searchForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const q = el.q.value.trim();
  // On touch screens, put the on-screen keyboard away so the results can be seen.
  if (window.matchMedia('(pointer: coarse)').matches) el.q.blur();
  navigate(withFilters(state, { q }));
});

el.brand.addEventListener('click', (e) => {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  ui.issuerFilter = '';
  el.q.value = '';
  navigate(emptyState());
});

el.syntax.addEventListener('click', (e) => {
  const btn = e.target.closest('button.example');
  if (!btn) return;
  el.q.value = btn.dataset.example;
  navigate(withFilters(state, { q: btn.dataset.example }));
});

el.sort.addEventListener('change', () => {
  navigate({ ...state, sort: el.sort.value, page: 1, doc: '' });
});

el.datesForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const from = el.from.value.trim();
  const to = el.to.value.trim();
  const problems = [];
  const fromBad = Boolean(from && !isValidBound(from));
  const toBad = Boolean(to && !isValidBound(to));
  if (from && !isValidBound(from)) problems.push(`“${from}” is not a date I can use for From.`);
  if (to && !isValidBound(to)) problems.push(`“${to}” is not a date I can use for To.`);
  if (!problems.length && from && to) {
    const a = parseBound(from);
    const b = parseBound(to);
    const start = [a.y, a.m || 1, a.d || 1];
    const end = [b.y, b.m || 12, b.d || 31];
    if (compare(start, end) > 0) {
      problems.push('From is after To.');
    }
  }
  if (problems.length) {
    showDateProblems(fromBad, toBad,
      `${problems.join(' ')} Write a year (2015), a month (2015-06) or a day (2015-06-30).`);
    return;
  }
  navigate(withFilters(state, { from, to }));
});

// Shows (message) or clears ('') the date error. For assistive technology: aria-invalid="true" on
// a box whose value is not a date, and no attribute otherwise (an empty value is read as false);
// while the message is shown, both boxes name it in aria-describedby after the hint.
function showDateProblems(fromBad, toBad, message) {
  for (const [input, bad] of [[el.from, fromBad], [el.to, toBad]]) {
    if (bad) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', message ? 'dates-hint dates-error' : 'dates-hint');
  }
  el.datesError.textContent = message;
  el.datesError.hidden = !message;
}

function compare(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

el.filtersToggle.addEventListener('click', () => {
  const open = el.filtersToggle.getAttribute('aria-expanded') !== 'true';
  el.filtersToggle.setAttribute('aria-expanded', String(open));
  el.filters.classList.toggle('open', open);
});

// The export panel floats over the results on wide screens: Esc or a click elsewhere closes it.
el.exportDetails.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || !el.exportDetails.open) return;
  e.preventDefault();
  e.stopPropagation();
  el.exportDetails.open = false;
  el.exportDetails.querySelector('summary').focus();
});
document.addEventListener('click', (e) => {
  if (el.exportDetails.open && !el.exportDetails.contains(e.target)) el.exportDetails.open = false;
});

el.exportDetails.addEventListener('toggle', () => {
  if (el.exportDetails.open) renderExport(el.exportBody, { state, result, open: true });
});

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  const typing = t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
  if (e.key === '/' && !typing) {
    e.preventDefault();
    el.q.focus();
    el.q.select();
  } else if (e.key === 'Escape' && state.doc && !typing) {
    e.preventDefault();
    closeDoc();
  }
});

window.addEventListener('popstate', () => route());

let resizeTimer = 0;
let lastWidth = window.innerWidth;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    if (result) preservingFocus(renderTimelineNow, { within: '#timeline', to: '#timeline .tl-bar[tabindex="0"]' });
  }, 150);
});

// ---------------------------------------------------------------- start

function loadStats() {
  new Channel().get('stats').then((s) => {
    stats = s;
    const bits = [`The archive: ${plural(s.documents, 'release')}`];
    if (s.date_range && s.date_range.min && s.date_range.max) {
      bits.push(`from ${String(s.date_range.min).slice(0, 4)} to ${String(s.date_range.max).slice(0, 4)}`);
    }
    if (Number.isFinite(s.issuers)) bits.push(plural(s.issuers, 'issuer'));
    if (Number.isFinite(s.topics)) bits.push(plural(s.topics, 'topic'));
    let text = bits.join(', ') + '.';
    const rev = s.index && s.index.revision !== undefined ? s.index.revision : s.revision;
    if (rev !== undefined) text += ` Index revision ${formatNumber(rev)}.`;
    fill(el.archiveInfo, text);
    if (result) preservingFocus(renderTimelineNow);
  }, () => {});
}

history.replaceState({ pressroom: true, docFromResults: false }, '', location.href);
route();
loadStats();
