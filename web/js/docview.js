// One release: full text, every field, the original link, and searches from here.

import { h, fill, markedNodes } from './dom.js';
import { apiUrl } from './api.js';
import {
  bodyParagraphs, datetimeAttr, describeError, formatDate, highlightText, queryTerms,
} from './format.js';
import { emptyState, stateToSearch, withFilters } from './state.js';

const KNOWN = new Set(['id', 'date', 'issuers', 'topics', 'title', 'body', 'url', 'language', 'source']);

/** Loading placeholder while a release is fetched. */
export function renderDocLoading(root, { backHref, onBack }) {
  fill(root, backLink(backHref, onBack), h('p', { class: 'doc-loading', role: 'status' }, 'Opening the release…'));
}

/** An error (e.g. 404) in place of the release. */
export function renderDocError(root, { error, id, backHref, onBack }) {
  const { title, detail } = error.status === 404
    ? { title: 'This release is not in the archive.', detail: `No release has the id “${id}”. It may have been removed or re-imported under another id.` }
    : describeError(error);
  fill(root, backLink(backHref, onBack),
    h('h1', { id: 'doc-title', tabindex: '-1', class: 'doc-title' }, title),
    h('p', { class: 'notice notice-error', role: 'alert' }, detail));
}

/**
 * The release. opts: {doc, state, backHref, onBack, navigate}
 * Body text is set as text only; the words of the current query are marked.
 */
export function renderDoc(root, { doc, state, backHref, onBack, navigate }) {
  const terms = queryTerms(state.q);
  const search = (changes) => {
    const next = withFilters(emptyState(), changes);
    return h('a', {
      href: stateToSearch(next) || './',
      class: 'action',
      on: { click: (e) => { if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) { e.preventDefault(); navigate(next); } } },
    });
  };
  const issuers = Array.isArray(doc.issuers) ? doc.issuers : [];
  const topics = Array.isArray(doc.topics) ? doc.topics : [];

  const actions = [];
  for (const v of issuers) {
    const a = search({ issuers: [v] });
    a.dataset.action = 'issuer';
    a.append('More from ', h('strong', null, v));
    actions.push(h('li', null, a));
  }
  for (const v of topics) {
    const a = search({ topics: [v] });
    a.dataset.action = 'topic';
    a.append('Same topic: ', h('strong', null, v));
    actions.push(h('li', null, a));
  }

  const paragraphs = bodyParagraphs(doc.body).map((p) => h('p', null, markedNodes(highlightText(p, terms))));

  const rows = [];
  const row = (k, ...v) => rows.push(h('dt', null, k), h('dd', null, ...v));
  row('Id', h('code', null, String(doc.id)));
  if (doc.date) row('Date', h('time', { datetime: datetimeAttr(doc.date) || false }, formatDate(doc.date)), ' ', h('span', { class: 'raw' }, `(${doc.date})`));
  if (issuers.length) row(issuers.length > 1 ? 'Issuers' : 'Issuer', issuers.join('; '));
  if (topics.length) row(topics.length > 1 ? 'Topics' : 'Topic', topics.join('; '));
  if (doc.url) row('Original', safeLink(doc.url));
  if (doc.language) row('Language', String(doc.language));
  if (doc.source) row('Source', String(doc.source));
  for (const [k, v] of Object.entries(doc)) {
    if (KNOWN.has(k)) continue;
    row(k, typeof v === 'string' ? v : h('code', null, JSON.stringify(v)));
  }

  const original = doc.url ? safeLink(doc.url, 'Read the original ↗', 'original') : null;

  fill(root,
    backLink(backHref, onBack),
    h('header', { class: 'doc-header' },
      doc.date ? h('p', { class: 'doc-date' }, h('time', { datetime: datetimeAttr(doc.date) || false }, formatDate(doc.date))) : null,
      h('h1', { id: 'doc-title', class: 'doc-title', tabindex: '-1' }, doc.title || '(untitled)'),
      issuers.length ? h('p', { class: 'doc-issuers' }, issuers.join(' · ')) : null),
    h('nav', { class: 'doc-actions', 'aria-label': 'From this release' },
      h('ul', null, original ? h('li', null, original) : null, actions)),
    h('div', { class: 'doc-body', id: 'doc-body' }, paragraphs.length ? paragraphs : h('p', { class: 'facet-note' }, 'This release has no text.')),
    h('section', { class: 'doc-record', 'aria-labelledby': 'doc-record-heading' },
      h('h2', { id: 'doc-record-heading' }, 'Record'),
      h('dl', null, rows),
      h('p', null, h('a', { href: apiUrl(`documents/${encodeURIComponent(doc.id)}`) }, 'This record as JSON'))));
}

function backLink(href, onBack) {
  return h('p', { class: 'doc-back' }, h('a', {
    href,
    id: 'doc-back',
    on: { click: (e) => { if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) { e.preventDefault(); onBack(); } } },
  }, '← Back to results'));
}

/** A link to an outside address, only for http(s) URLs; anything else is shown as text. */
function safeLink(url, label = url, cls = '') {
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    ok = false;
  }
  if (!ok) return h('span', { class: 'raw' }, String(url));
  return h('a', { href: url, rel: 'noopener noreferrer external', class: cls || false, target: cls ? '_blank' : false }, label);
}
