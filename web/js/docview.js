// One release: full text, every field, the original link, and searches from here.

import { h, fill, markedNodes } from './dom.js';
import { apiUrl, getJSON } from './api.js';
import {
  bodyParagraphs, datetimeAttr, describeError, formatDate, highlightText, plural, queryTerms,
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

  // More like this: the releases most like this one (/documents/{id}/similar), listed below.
  const similar = h('section', { class: 'doc-similar', id: 'doc-similar', hidden: true, 'aria-live': 'polite' });
  const openRelease = (id) => (e) => {
    if (e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) { e.preventDefault(); navigate({ ...state, doc: id }); }
  };
  const more = h('button', {
    type: 'button',
    class: 'link-button action',
    'data-action': 'similar',
    on: { click: () => showSimilar(similar, doc.id, openRelease, state) },
  }, 'More like this');
  actions.push(h('li', null, more));

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
    row(fieldLabel(k), fieldValue(v));
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
    similar,
    h('section', { class: 'doc-record', 'aria-labelledby': 'doc-record-heading' },
      h('h2', { id: 'doc-record-heading' }, 'Record'),
      h('dl', null, rows),
      h('p', null, h('a', { href: apiUrl(`documents/${encodeURIComponent(doc.id)}`) }, 'This record as JSON'))));
}

/** Loads and lists the releases most like release `id` into `root` (a section, shown). */
function showSimilar(root, id, openRelease, state) {
  root.hidden = false;
  fill(root, h('h2', { id: 'doc-similar-heading' }, 'More like this'), h('p', { role: 'status' }, 'Looking for similar releases…'));
  getJSON(`documents/${encodeURIComponent(id)}/similar`, 'per_page=10').then(
    (r) => {
      const hits = Array.isArray(r.hits) ? r.hits : [];
      const items = hits.map((hit) => h('li', { 'data-id': String(hit.id) },
        h('a', { href: stateToSearch({ ...state, doc: hit.id }) || '?', class: 'similar-link', on: { click: openRelease(hit.id) } },
          hit.title || '(untitled)'),
        h('span', { class: 'similar-meta' }, ` · ${[hit.date ? formatDate(hit.date) : '', (hit.issuers || []).join('; ')].filter(Boolean).join(' · ')}`)));
      fill(root, h('h2', { id: 'doc-similar-heading' }, 'More like this'),
        items.length
          ? h('ol', null, items)
          : h('p', { class: 'facet-note' }, 'No other release shares this one’s distinctive words.'),
        h('p', { class: 'similar-meta' }, `${plural(Number(r.total) || 0, 'release')} share some of its distinctive words; the closest first.`));
    },
    (e) => {
      const { title, detail } = describeError(e);
      fill(root, h('h2', { id: 'doc-similar-heading' }, 'More like this'),
        h('p', { class: 'notice notice-error', role: 'alert' }, h('strong', null, title), ' ', detail));
    });
}

/** "media_contact" -> "Media contact" */
function fieldLabel(key) {
  const words = key.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}

/**
 * An extra field's value, readable: strings as text (web addresses as links, dates formatted),
 * lists one item a line, flat objects as "key: value" lines; anything deeper as JSON text.
 */
function fieldValue(v, depth = 0) {
  if (v === null || v === undefined) return h('span', { class: 'raw' }, 'null');
  if (typeof v === 'string') {
    if (/^https?:\/\//i.test(v)) return safeLink(v);
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return h('a', { href: `mailto:${v}` }, v);
    if (datetimeAttr(v) && /^\d{4}-\d{2}/.test(v)) {
      return h('span', null, h('time', { datetime: datetimeAttr(v) }, formatDate(v)), ' ', h('span', { class: 'raw' }, `(${v})`));
    }
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (depth < 2 && Array.isArray(v)) {
    return h('ul', { class: 'field-list' }, v.map((x) => h('li', null, fieldValue(x, depth + 1))));
  }
  if (depth < 2 && typeof v === 'object') {
    return h('ul', { class: 'field-list' }, Object.entries(v).map(([k, x]) =>
      h('li', null, h('span', { class: 'field-key' }, `${fieldLabel(k)}: `), fieldValue(x, depth + 1))));
  }
  return h('code', null, JSON.stringify(v));
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
