// The result list: summary line, notices, filter chips, hits and pager.

import { h, fill, markedNodes } from './dom.js';
import {
  datetimeAttr, describeError, formatDate, formatDuration, formatNumber, plural, rangeLabel, snippetParts,
} from './format.js';
import { MAX_RESULT_WINDOW, PER_PAGE, stateToSearch, withFilters } from './state.js';

/** The summary line above the results. */
export function renderSummary(root, { result, state, loading }) {
  if (!result) {
    fill(root, loading ? 'Searching…' : '');
    return;
  }
  const n = result.total;
  const approx = result.total_exact === false ? 'about ' : '';
  const what = `${approx}${plural(n, 'release')}`;
  const parts = [];
  parts.push(h('strong', { id: 'result-count', 'data-total': String(n) }, what));
  if (n > 0) {
    const first = (result.page - 1) * result.per_page + 1;
    const last = Math.min(n, first + result.hits.length - 1);
    if (result.hits.length && (first > 1 || last < n)) parts.push(` · showing ${formatNumber(first)}–${formatNumber(last)}`);
  }
  if (Number.isFinite(result.took_ms)) parts.push(h('span', { class: 'took' }, ` · ${formatDuration(result.took_ms)}`));
  fill(root, ...parts);
}

/** Warning about how the query was read, the parsed query, and errors. */
export function renderNotices(root, { result, error, onRetry, state, navigate }) {
  const parts = [];
  if (error) {
    const { title, detail } = describeError(error);
    parts.push(h('div', { class: 'notice notice-error', role: 'alert', id: 'error-notice' },
      h('p', null, h('strong', null, title), ' ', detail),
      onRetry ? h('button', { type: 'button', class: 'link-button', on: { click: onRetry } }, 'Try again') : null));
  }
  if (result && result.suggestion && typeof result.suggestion.q === 'string' && navigate) {
    // "Did you mean": the corrected query with the same filters, and how many it finds.
    const next = withFilters(state, { q: result.suggestion.q });
    parts.push(h('div', { class: 'notice notice-suggestion', id: 'suggestion' },
      h('p', null, 'Did you mean ',
        h('a', {
          href: stateToSearch(next) || './',
          id: 'suggestion-link',
          on: { click: (e) => { if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) { e.preventDefault(); navigate(next); } } },
        }, result.suggestion.q),
        ` (${plural(Number(result.suggestion.total) || 0, 'release')})?`)));
  }
  if (result && result.warning) {
    parts.push(h('div', { class: 'notice notice-warning', id: 'query-warning' },
      h('p', null, h('strong', null, 'About your query: '), String(result.warning))));
  }
  if (result && result.query && result.query.parsed && state.q.trim()) {
    parts.push(h('details', { class: 'parsed' },
      h('summary', null, 'How the query was read'),
      h('code', null, String(result.query.parsed))));
  }
  fill(root, ...parts);
}

/** Active filters as removable chips. */
export function renderChips(root, { state, navigate }) {
  const chips = [];
  const chip = (label, value, next, key) => chips.push(h('li', null, h('button', {
    type: 'button',
    class: 'chip',
    'aria-label': `Remove filter ${label}: ${value}`,
    'data-focus-key': `chip:${key}`,
    on: { click: () => navigate(next) },
  }, h('span', { class: 'chip-label' }, `${label}: `), value, h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'))));
  for (const v of state.issuers) chip('Issuer', v, withFilters(state, { issuers: state.issuers.filter((x) => x !== v) }), `issuer:${v}`);
  for (const v of state.topics) chip('Topic', v, withFilters(state, { topics: state.topics.filter((x) => x !== v) }), `topic:${v}`);
  if (state.from || state.to) chip('Dates', rangeLabel(state.from, state.to), withFilters(state, { from: '', to: '' }), 'dates');
  if (!chips.length) {
    fill(root);
    return;
  }
  const clearAll = withFilters(state, { issuers: [], topics: [], from: '', to: '' });
  fill(root,
    h('span', { class: 'chips-label', id: 'chips-label' }, 'Filters:'),
    h('ul', { class: 'chip-list', 'aria-labelledby': 'chips-label' }, chips),
    chips.length > 1 ? h('button', {
      type: 'button', class: 'link-button', 'data-focus-key': 'chip:clear', on: { click: () => navigate(clearAll) },
    }, 'Clear all') : null);
}

/** The hits, or what to do when there are none. */
export function renderHits(root, { result, state, navigate, openDoc }) {
  if (!result) {
    fill(root);
    return;
  }
  if (!result.hits.length) {
    fill(root, h('li', { class: 'empty' }, emptyAdvice(result, state, navigate)));
    return;
  }
  fill(root, result.hits.map((hit) => {
    const href = stateToSearch({ ...state, doc: hit.id }) || '?';
    const link = h('a', {
      href,
      class: 'hit-link',
      'data-doc-id': hit.id,
      'data-focus-key': `hit:${hit.id}`,
    }, hit.title || '(untitled)');
    link.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      openDoc(hit.id);
    });
    const meta = [];
    if (hit.date) meta.push(h('time', { datetime: datetimeAttr(hit.date) || false }, formatDate(hit.date)));
    if (hit.issuers && hit.issuers.length) meta.push(h('span', { class: 'hit-issuers' }, hit.issuers.join(' · ')));
    const snippet = snippetParts(hit.snippet);
    return h('li', { class: 'hit', 'data-id': hit.id },
      h('article', null,
        h('h2', { class: 'hit-title' }, link),
        h('p', { class: 'hit-meta' }, joinWith(meta, h('span', { class: 'sep', 'aria-hidden': 'true' }, ' — '))),
        snippet.length ? h('p', { class: 'snippet' }, markedNodes(snippet)) : null,
        hit.topics && hit.topics.length
          ? h('ul', { class: 'tags', 'aria-label': 'Topics' }, hit.topics.map((t) => h('li', null, t)))
          : null));
  }));
}

function joinWith(nodes, sep) {
  const out = [];
  nodes.forEach((n, i) => {
    if (i) out.push(sep.cloneNode(true));
    out.push(n);
  });
  return out;
}

function emptyAdvice(result, state, navigate) {
  const filtered = state.issuers.length || state.topics.length || state.from || state.to;
  const parts = [h('p', { class: 'empty-title' }, 'No releases match.')];
  const tips = [];
  if (filtered) {
    const loose = withFilters(state, { issuers: [], topics: [], from: '', to: '' });
    tips.push(h('li', null, 'Loosen the filters: remove one above, or ',
      h('a', { href: stateToSearch(loose) || './', on: { click: (e) => { e.preventDefault(); navigate(loose); } } },
        state.q.trim() ? 'search the whole archive for this query' : 'clear every filter'),
      '.'));
  }
  if (state.q.trim()) {
    tips.push(h('li', null, 'Use fewer or other words; check the spelling.'));
    tips.push(h('li', null, 'End a word with * to match its beginning (e.g. immigra*), or join words with OR.'));
  }
  if (result.warning) tips.push(h('li', null, 'See the note above on how your query was read.'));
  if (tips.length) parts.push(h('ul', { class: 'tips' }, tips));
  return parts;
}

/** Page links: first, previous, a window around the current page, next, last. */
export function renderPager(root, { result, state, navigate }) {
  if (!result || result.total <= result.per_page) {
    fill(root);
    return;
  }
  const perPage = result.per_page || PER_PAGE;
  const reachable = Math.max(1, Math.floor(MAX_RESULT_WINDOW / perPage));
  const last = Math.min(reachable, Math.max(1, Math.ceil(result.total / perPage)));
  const page = Math.min(result.page, last);
  const link = (p, label, opts = {}) => {
    const next = { ...state, page: p, doc: '' };
    return h('a', {
      href: stateToSearch(next) || './',
      class: opts.cls || 'page',
      'aria-label': opts.aria || `Page ${p}`,
      'aria-current': p === page && !opts.cls ? 'page' : false,
      rel: opts.rel || false,
      'data-page': String(p),
      on: {
        click: (e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          navigate(next, { focusResults: true });
        },
      },
    }, label);
  };
  const items = [];
  if (page > 1) items.push(link(page - 1, '← Previous', { cls: 'page-step', rel: 'prev', aria: 'Previous page' }));
  const nums = new Set([1, last, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= last));
  let prev = 0;
  for (const p of [...nums].sort((a, b) => a - b)) {
    if (p - prev > 1) items.push(h('span', { class: 'gap', 'aria-hidden': 'true' }, '…'));
    items.push(p === page ? h('span', { class: 'page page-current', 'aria-current': 'page' }, String(p)) : link(p, String(p)));
    prev = p;
  }
  if (page < last) items.push(link(page + 1, 'Next →', { cls: 'page-step', rel: 'next', aria: 'Next page' }));
  const capped = last === reachable && result.total > last * perPage
    ? ` (pages stop at ${formatNumber(last * perPage)} results: narrow the search, or export them all)` : '';
  fill(root, h('p', { class: 'page-of' }, `Page ${formatNumber(page)} of ${formatNumber(last)}${capped}`),
    h('div', { class: 'pages' }, items));
}
